"""What says a sign is absent ("my waterworks are fine") never rests on the words that describe it.

SIGN_NORMAL phrases give DenySignIntent its reasons for a no. A phrase whose telling words are a
run of some RED_FLAG phrase's telling words ("can pass water normally": "pass water", with
"can" and "normally" too small to count) is found inside a described sign that was only half
heard ("I've not been able to pass water since yesterday") and turns it into a denial. Every
absent-sign phrase must therefore be told apart by a word of its own ("fine", "helps", "sleep").
"""

from __future__ import annotations

from alexa_model.reader import load_model
from echo_sim.understanding.lexicon import rephrase
from echo_sim.understanding.normalise import FILLERS, normalise
from echo_sim.understanding.slot_values import _content, concepts_of
from tests.echo_sim.understanding.conftest import EN_GB_MODEL

MODEL = load_model(EN_GB_MODEL)


def telling_words(phrase: str) -> tuple[str, ...]:
    """The words a phrase is found by when its small words are added or left out."""
    said = [word for word in normalise(phrase) if word not in FILLERS]
    return _content(concepts_of(rephrase(said)))


def runs_of(words: tuple[str, ...]) -> set[tuple[str, ...]]:
    size = len(words)
    return {words[start:end] for start in range(size) for end in range(start + 2, size + 1)}


def test_no_absent_sign_phrase_is_a_run_of_a_described_signs_words() -> None:
    described: set[tuple[str, ...]] = set()
    for value in MODEL.types["RED_FLAG"].values:
        for phrase in value.phrases:
            described |= runs_of(telling_words(phrase))
    clashes = sorted(
        (value.id, phrase)
        for value in MODEL.types["SIGN_NORMAL"].values
        for phrase in value.phrases
        if len(telling_words(phrase)) >= 2 and telling_words(phrase) in described
    )
    assert clashes == []

