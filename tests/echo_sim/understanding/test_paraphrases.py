"""Sentences that are not in the model (skill/backpain_tools/utterances/en-GB): the matcher must
generalise."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from alexa_model.builtins import FALLBACK_INTENT
from backpain import intents
from echo_sim.understanding.matcher import Matcher
from tests.echo_sim.understanding.conftest import UTTERANCES

KNOWN_FAILURES_FILE = UTTERANCES / "known_failures.yaml"


def _load(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _known_failures() -> dict[str, str]:
    if not KNOWN_FAILURES_FILE.exists():
        return {}
    return dict(_load(KNOWN_FAILURES_FILE) or {})


def _cases() -> list[Any]:
    known = _known_failures()
    cases = []
    for path in sorted(UTTERANCES.glob("*.yaml")):
        if path == KNOWN_FAILURES_FILE:
            continue
        document = _load(path)
        for sentence in document["sentences"]:
            text = sentence["text"]
            marks = []
            if text in known:
                marks.append(pytest.mark.xfail(reason=known[text], strict=True))
            cases.append(
                pytest.param(
                    text, document["intent"], dict(sentence.get("slots") or {}),
                    id=f"{path.stem}: {text}", marks=marks,
                )
            )  # fmt: skip
    return cases


CASES = _cases()


# Out of domain, the model now says so plainly (issue #20): another health question, a request
# to act, a call; all of them are answered as outside the skill, never with back-pain content.
SAID_TO_BE_OUTSIDE = {
    FALLBACK_INTENT, intents.OTHER_HEALTH, intents.CANNOT_DO, intents.EMERGENCY,
}  # fmt: skip


@pytest.mark.parametrize(("text", "intent", "slot_ids"), CASES)


def test_paraphrase(en_gb: Matcher, text: str, intent: str, slot_ids: dict[str, str]) -> None:
    heard = en_gb.match(text)
    if intent == FALLBACK_INTENT:
        assert heard.intent in SAID_TO_BE_OUTSIDE
        return
    assert heard.intent == intent
    resolved = {name: slot.resolved_id for name, slot in heard.slots.items()}
    for name, value_id in slot_ids.items():
        assert resolved.get(name) == value_id, f"slot {name}"


def test_fixtures_cover_every_custom_intent_and_out_of_domain() -> None:
    expected = {case.values[1] for case in CASES}
    assert FALLBACK_INTENT in expected
    assert {intents.CONDITION, intents.RELIEF, intents.TREATMENTS} <= expected


def test_known_failures_are_real_fixture_sentences() -> None:
    texts = {case.values[0] for case in CASES}
    assert set(_known_failures()) <= texts
