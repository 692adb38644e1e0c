"""Runs the everyday-utterance corpus through the offline device and scores the answers.

`scripts/corpus` (`python -m backpain_tools.evaluation.corpus_runner`) prints the rate and each
miss; tests/corpus holds it to at least 90% and keep tests/corpus/en-GB/known_failures.yaml honest.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import yaml

from backpain import intents
from backpain_tools.deploy.project import find_project
from backpain_tools.offline_device import BACK_PAIN_GUIDE
from echo_sim.device.echo import VirtualEcho
from echo_sim.device.exchange import Exchange
from echo_sim.device.skill_and_model import Responder, load_matcher, model_path, skill_responder
from echo_sim.understanding.matcher import Matcher

# The corpus is the suite's data (tests/corpus), so this runs in a checkout.
CORPUS = find_project().root / "tests" / "corpus" / "en-GB"
KNOWN_FAILURES = CORPUS / "known_failures.yaml"
GOAL = 0.90
"""The share of cases that must get the answer a person should get."""
# Answers that are not a content topic: the skill's own replies, by their dialog key.
REPLY_ANSWERS = frozenset(
    {
        "check", "goodbye", "repeat", "what_else", "help", "fallback", "start_over",
        "which_condition", "more_what", "no_list", "launch", "all_said", "out_of_scope",
        "cannot_do",
    }
)  # fmt: skip


@dataclass(frozen=True)
class Case:
    """One thing a person says (after a few earlier lines) and the answer they should get."""

    file: str
    say: str
    answer: str
    """A content topic id, or one of REPLY_ANSWERS."""
    after: tuple[str, ...] = field(default=())
    """What was said first in the same session, after "open back pain guide"."""

    @property
    def key(self) -> str:
        """How known_failures.yaml names the case: the lines said, joined by " > "."""
        return " > ".join((*self.after, self.say))


def load_cases() -> list[Case]:
    cases = []
    for path in sorted(CORPUS.glob("*.yaml")):
        if path == KNOWN_FAILURES:
            continue
        for raw in yaml.safe_load(path.read_text(encoding="utf-8"))["cases"]:
            after = tuple(_line(line) for line in raw.get("after", ()))
            cases.append(Case(path.name, _line(raw["say"]), str(raw["answer"]), after))
    return cases


def _line(value: Any) -> str:
    # YAML 1.1 reads a bare yes or no as a boolean; here it is what the person said.
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def known_failures() -> dict[str, str]:
    return dict(yaml.safe_load(KNOWN_FAILURES.read_text(encoding="utf-8")) or {})


@cache
def _device_parts() -> tuple[Responder, Matcher]:
    matcher = load_matcher(model_path(BACK_PAIN_GUIDE))
    assert isinstance(matcher, Matcher)
    return skill_responder(BACK_PAIN_GUIDE), matcher


def answer_of(turn: Exchange, previous: Exchange) -> str:
    """What the skill answered, as the corpus names answers."""
    attributes: Mapping[str, Any] = turn.response.get("sessionAttributes") or {}
    if "check" in attributes:
        return "check"
    if turn.end_session:
        return "goodbye"
    if turn.intent == intents.REPEAT and turn.speech == previous.speech:
        return "repeat"
    last = str(attributes.get("last", ""))
    return last.removeprefix("topic:")


@dataclass(frozen=True)
class Outcome:
    case: Case
    got: str
    intent: str

    @property
    def right(self) -> bool:
        return self.got == self.case.answer


def run_case(case: Case) -> Outcome:
    responder, matcher = _device_parts()
    echo = VirtualEcho(responder, matcher)
    previous = echo.launch()
    for line in case.after:
        previous = echo.hear(line)
    turn = echo.hear(case.say)
    return Outcome(case, answer_of(turn, previous), turn.intent)


def rate(outcomes: list[Outcome]) -> float:
    return sum(outcome.right for outcome in outcomes) / len(outcomes)


def main() -> int:
    outcomes = [run_case(case) for case in load_cases()]
    known = known_failures()
    for outcome in outcomes:
        if not outcome.right:
            note = "known" if outcome.case.key in known else "NEW"
            print(
                f"miss ({note}): {outcome.case.key!r}: expected {outcome.case.answer}, "
                f"got {outcome.got} ({outcome.intent})"
            )
    right = sum(outcome.right for outcome in outcomes)
    print(
        f"corpus: {right} of {len(outcomes)} right ({rate(outcomes):.1%}); "
        f"goal {GOAL:.0%}; {len(known)} known failures"
    )
    return 0 if rate(outcomes) >= GOAL else 1


if __name__ == "__main__":
    sys.exit(main())
