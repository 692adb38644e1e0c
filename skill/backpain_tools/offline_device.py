"""Back Pain Guide as the offline device's default skill (registered under `echo_sim.projects`)."""

from __future__ import annotations

from typing import Any

from backpain_tools.packaged import interaction_model, utterance_fixtures
from echo_sim.target import SkillProject


def lambda_handler() -> Any:
    """The skill built once, answering as lambda/lambda_function.py does."""
    from backpain import skill

    built = skill.build_skill()
    return lambda event, context: skill.respond(built, event, context)


def varied_lines(locale: str) -> list[str]:
    """The dialog lines that have several phrasings: a saved transcript expects none of them."""
    from backpain.content import content_for

    dialog = content_for(locale).dialog
    return [line for phrasings in dialog.values() if len(phrasings) > 1 for line in phrasings]


BACK_PAIN_GUIDE = SkillProject(
    name="Back Pain Guide",
    command="backpain",
    skill="backpain_tools.offline_device:lambda_handler",
    model=interaction_model("en-GB"),
    all_lines="backpain.speech:all_speech",
    varied_lines="backpain_tools.offline_device:varied_lines",
    fixtures=utterance_fixtures(),
)
