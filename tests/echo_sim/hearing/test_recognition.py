"""Recognition on synthesised speech: a sample of the spoken-input set, heard and matched.

The full set and the noisy conditions are figures in benchmarks/hearing.py; this keeps CI to a
few dozen utterances.
"""

from __future__ import annotations

import pytest

from alexa_model.builtins import NO_INTENT, YES_INTENT
from echo_sim.device.skill_and_model import load_matcher
from echo_sim.hearing import Recogniser
from echo_sim.hearing.listen_trial import Outcome, listen, read_fixtures
from echo_sim.hearing.speakers import Speaker
from tests.echo_sim.hearing.conftest import EN_GB_MODEL, SPOKEN

# Each module fixture synthesises dozens of utterances with the neural voice and decodes them:
# part of the whole suite, left out of scripts/test --quick.
pytestmark = pytest.mark.slow

SAMPLE = read_fixtures([SPOKEN])[::4]
HIBARI_FLOOR = 0.85
"""The benchmark measures about 96% on the whole set; a sample of 28 may fall a little lower."""


@pytest.fixture(scope="module")
def hibari_outcomes(recogniser: Recogniser, hibari: Speaker) -> list[Outcome]:
    return list(listen(SAMPLE, hibari, recogniser, load_matcher(EN_GB_MODEL)))


@pytest.fixture(scope="module")
def espeak_outcomes(recogniser: Recogniser, espeak: Speaker) -> list[Outcome]:
    return list(listen(SAMPLE, espeak, recogniser, load_matcher(EN_GB_MODEL)))


def test_the_sample_covers_every_intent_of_the_set() -> None:
    assert len(SAMPLE) >= 25
    assert {u.intent for u in SAMPLE} == {u.intent for u in read_fixtures([SPOKEN])}


def test_a_neural_voice_is_understood(hibari_outcomes: list[Outcome]) -> None:
    right = [outcome for outcome in hibari_outcomes if outcome.right]
    misses = [(o.utterance.text, o.heard.text, o.sent) for o in hibari_outcomes if not o.right]
    assert len(right) >= HIBARI_FLOOR * len(hibari_outcomes), misses


def test_clear_speech_is_heard_with_high_confidence(hibari_outcomes: list[Outcome]) -> None:
    exact = [o for o in hibari_outcomes if o.heard.text == o.utterance.text.lower()]
    assert len(exact) >= len(hibari_outcomes) // 2
    assert sum(o.heard.confidence for o in exact) / len(exact) > 0.7


@pytest.mark.parametrize("voice", ["hibari", "espeak"])
def test_a_yes_is_never_heard_as_a_no_nor_a_no_as_a_yes(
    voice: str, hibari_outcomes: list[Outcome], espeak_outcomes: list[Outcome]
) -> None:
    """espeak-ng's robotic voice is mostly misheard; misheard answers must not flip."""
    outcomes = hibari_outcomes if voice == "hibari" else espeak_outcomes
    flips = {YES_INTENT: NO_INTENT, NO_INTENT: YES_INTENT}
    flipped = [o for o in outcomes if flips.get(o.utterance.intent) == o.sent]
    assert not flipped
    assert any(o.utterance.intent in flips for o in outcomes)


def test_espeak_smoke_test_recognises_something(espeak_outcomes: list[Outcome]) -> None:
    assert sum(o.right for o in espeak_outcomes) >= 3


def test_heard_words_come_with_their_alternatives(hibari_outcomes: list[Outcome]) -> None:
    """pocketsphinx's n-best list: distinct word sequences whose shares sum to 1, for
    `Heard.confidence_in`."""
    for outcome in hibari_outcomes:
        alternatives = outcome.heard.alternatives
        if not outcome.heard.text:
            continue
        assert 1 <= len(alternatives) <= 20
        texts = [alternative.text for alternative in alternatives]
        assert len(set(texts)) == len(texts) and "" not in texts
        assert sum(alternative.share for alternative in alternatives) == pytest.approx(1.0)
        assert 0.0 <= outcome.heard.fit <= 1.0
