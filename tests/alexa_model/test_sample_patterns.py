"""A sample as a pattern: an utterance is the sample word for word, each slot filled by one of
its type's phrases (any words for a built-in type)."""

from __future__ import annotations

from alexa_model.patterns import sample_pattern

PHRASES = {
    "SIGN": ("numbness around my bottom", "a fever", "fever", "numbness"),
    "PART": ("lower back", "back"),
}
SLOT_TYPES = {"sign": "SIGN", "part": "PART", "city": "AMAZON.GB_CITY"}


def _pattern(sample: str):
    return sample_pattern(sample, SLOT_TYPES, PHRASES, lambda text: " ".join(text.split()))


def test_a_slot_takes_each_of_its_phrases_and_nothing_else() -> None:
    pattern = _pattern("i have {sign}")
    assert pattern.fullmatch("i have a fever")
    assert pattern.fullmatch("i have numbness around my bottom")
    assert pattern.fullmatch("i have numbness")
    assert not pattern.fullmatch("i have a headache")
    assert not pattern.fullmatch("i have")
    assert not pattern.fullmatch("i have a fever now")


def test_neighbouring_slots_and_words_after_them_are_found_whichever_phrase_fits() -> None:
    pattern = _pattern("{sign} in my {part} today")
    assert pattern.fullmatch("numbness in my lower back today")
    assert pattern.fullmatch("a fever in my back today")
    assert not pattern.fullmatch("a fever in my lower today")
    two = _pattern("{sign} {part}")
    assert two.fullmatch("numbness around my bottom lower back")


def test_a_built_in_slot_takes_any_words_but_not_none() -> None:
    pattern = _pattern("is it raining in {city}")
    assert pattern.fullmatch("is it raining in milton keynes")
    assert not pattern.fullmatch("is it raining in")
