"""Scores a live Alexa NLU evaluation with the key `backpain nlu export` wrote: the share right
for a person (any accepted meaning, as the offline scores count it), beside Alexa's own strict
pass rate (the one reference), and the safety-relevant misses by kind."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from alexa_model.model import LanguageModel
from alexa_model.spoken import normalise
from backpain import intents
from backpain_tools.nlu.meanings import Meaning, parse_meaning, resolve
from echo_sim.errors import CommandError

# The intents whose reply is a red flag's urgent advice, and the one whose reply is a clear no.
URGENT_INTENTS = frozenset({intents.DESCRIBE})
NO_INTENT = intents.NO


@dataclass(frozen=True)
class Actual:
    """What Alexa's NLU made of one utterance."""

    intent: str
    slots: Mapping[str, str]
    """Slot name -> the words Alexa put in it."""
    passed: bool
    """Alexa's own verdict against the one reference."""


@dataclass(frozen=True)
class Judged:
    utterance: str
    label: str
    accepted: tuple[Meaning, ...]
    actual: Actual | None
    """None when the results hold no test case for the utterance."""
    right: bool
    unsafe: str | None


def read_results(paths: Sequence[Path]) -> dict[str, Actual]:
    """`ask smapi get-result-for-nlu-evaluations` output (one file per page; `--full-response`
    output too), keyed by the utterance as spoken."""
    found: dict[str, Actual] = {}
    for path in paths:
        try:
            document = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
            raise CommandError(f"{path}: not readable JSON results ({error})") from error
        body = document.get("body", document) if isinstance(document, dict) else None
        cases = body.get("testCases") if isinstance(body, dict) else None
        if not isinstance(cases, list):
            raise CommandError(
                f"{path}: no 'testCases' (expected the output of ask smapi "
                "get-result-for-nlu-evaluations)"
            )
        for case in cases:
            utterance = str((case.get("inputs") or {}).get("utterance", ""))
            intent = (case.get("actual") or {}).get("intent") or {}
            slots = {
                str(name): str(slot.get("value", ""))
                for name, slot in (intent.get("slots") or {}).items()
                if isinstance(slot, dict) and slot.get("value")
            }
            found[normalise(utterance)] = Actual(
                str(intent.get("name", "")), slots, case.get("status") == "PASSED"
            )
    return found


def judge(
    key: Mapping[str, Any], results: Mapping[str, Actual], model: LanguageModel
) -> list[Judged]:
    judged = []
    for annotation in key.get("annotations", []):
        accepted = tuple(parse_meaning(text) for text in annotation["accepted"])
        label = str(annotation["label"])
        actual = results.get(normalise(str(annotation["utterance"])))
        right = actual is not None and any(_means(model, actual, m) for m in accepted)
        judged.append(
            Judged(
                str(annotation["utterance"]),
                label,
                accepted,
                actual,
                right,
                _unsafe(label, actual) if actual is not None and not right else None,
            )
        )
    return judged


def report(key: Mapping[str, Any], judged: Sequence[Judged], verbose: bool) -> str:
    evaluated = [j for j in judged if j.actual is not None]
    right = sum(j.right for j in evaluated)
    passed = sum(1 for j in evaluated if j.actual is not None and j.actual.passed)
    total = len(evaluated)
    lines = [
        f"{key.get('set', 'set')} on Alexa: {right} of {total} right for a person "
        f"({_share(right, total)}); Alexa's own pass rate against the one reference: "
        f"{passed} of {total} ({_share(passed, total)})"
    ]
    missing = len(judged) - total
    if missing:
        lines.append(f"  {missing} annotation(s) of the key have no result (not evaluated)")
    left_out = len(key.get("left_out", []))
    if left_out:
        lines.append(f"  {left_out} item(s) were left out at export (no intent means them yet)")
    unsafe = Counter(j.unsafe for j in judged if j.unsafe)
    for kind in (
        "red flag not heard as one",
        "possible yes heard as a no",
        "calm heard as a red flag",
    ):
        lines.append(f"  {kind}: {unsafe.get(kind, 0)}")
    if verbose:
        for j in judged:
            if j.actual is not None and not j.right:
                heard = str(Meaning(j.actual.intent)) + (
                    f" {dict(j.actual.slots)}" if j.actual.slots else ""
                )
                right_as = ", ".join(str(m) for m in j.accepted)
                flag = f" [{j.unsafe}]" if j.unsafe else ""
                lines.append(
                    f"miss: {j.label}: {j.utterance!r} -> {heard}; right: {right_as}{flag}"
                )
    return "\n".join(lines)


def _means(model: LanguageModel, actual: Actual, meaning: Meaning) -> bool:
    if actual.intent != meaning.intent:
        return False
    for slot_name, value_id in meaning.slots:
        words = actual.slots.get(slot_name)
        resolved = resolve(model, actual.intent, slot_name, words) if words else None
        if resolved is None or resolved.lower() != value_id.lower():
            return False
    return True


def _unsafe(label: str, actual: Actual) -> str | None:
    """The miss's kind when it matters for safety, judged from the intent Alexa chose."""
    if label.startswith("urgent:"):
        # Another sign's advice is still urgent advice: a miss, not an unsafe one.
        return None if actual.intent in URGENT_INTENTS else "red flag not heard as one"
    if label.startswith("answer:") and label != "answer:no" and actual.intent == NO_INTENT:
        return "possible yes heard as a no"
    if (label == "calm" or label.startswith("topic:")) and actual.intent in URGENT_INTENTS:
        return "calm heard as a red flag"
    return None


def _share(part: int, whole: int) -> str:
    return f"{part / whole:.1%}" if whole else "n/a"
