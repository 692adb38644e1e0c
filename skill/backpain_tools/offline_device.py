"""Back Pain Guide as the offline device's skill project: what `backpain chat`, `say`, `hear`,
`test`, `audition`, `coverage`, `listen-test` and `console` talk to when no --skill is given.

The backpain command passes this project to each device command it runs; nothing is looked up
by name. The skill and its lines are imported only when a command asks for them, so naming the
project costs `backpain serve` and `backpain package` nothing."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from backpain_tools.packaged import interaction_model, utterance_fixtures
from echo_sim.skill_project import SkillProject


def lambda_handler() -> Any:
    """The skill built once, answering as lambda/lambda_function.py does."""
    from backpain import skill

    built = skill.build_skill()
    return lambda event, context: skill.respond(built, event, context)


def all_lines(locale: str) -> Sequence[tuple[str, str]]:
    """Every line the skill can say, as (key, SSML): what `backpain audition` renders."""
    from backpain.speech import all_speech

    return all_speech(locale)


def varied_lines(locale: str) -> list[str]:
    """The dialog lines that have several phrasings: a saved transcript expects none of them."""
    from backpain.content import content_for

    dialog = content_for(locale).dialog
    return [line for phrasings in dialog.values() if len(phrasings) > 1 for line in phrasings]


BACK_PAIN_GUIDE = SkillProject(
    name="Back Pain Guide",
    command="backpain",
    skill=lambda_handler,
    model=interaction_model("en-GB"),
    all_lines=all_lines,
    varied_lines=varied_lines,
    fixtures=utterance_fixtures(),
)
