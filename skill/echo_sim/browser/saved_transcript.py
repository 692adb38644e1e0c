"""A console turn as a `test` transcript step, with expectations that hold every time."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from echo_sim.device import Exchange

_SENTENCE_END = re.compile(r"(?<=[.?!])\s+")
EXPECTED_SPEECH_CHARS = 80


def transcript_step(
    step: Mapping[str, Any], result: Exchange | None, varied: Sequence[str]
) -> dict[str, Any]:
    """The step that repeats a turn, expecting its intent, a steady sentence of its reply and
    whether the session ended. `varied` are lines the skill says in several phrasings."""
    saved = dict(step)
    if result is None or "new_session" in saved:
        return saved
    expect: dict[str, Any] = {"intent": result.intent}
    sentence = steady_sentence(result.speech, varied)
    if sentence:
        expect["speech_contains"] = sentence
    expect["end_session"] = result.end_session
    saved["expect"] = expect
    return saved


def steady_sentence(speech: str, varied: Sequence[str]) -> str | None:
    """The first sentence that is the same every time (not part of a varied line), cut at a
    word boundary."""
    for sentence in _SENTENCE_END.split(speech.strip()):
        sentence = sentence.strip()
        if not sentence or any(sentence in line for line in varied):
            continue
        if len(sentence) > EXPECTED_SPEECH_CHARS:
            sentence = sentence[:EXPECTED_SPEECH_CHARS].rsplit(" ", 1)[0]
        return sentence
    return None
