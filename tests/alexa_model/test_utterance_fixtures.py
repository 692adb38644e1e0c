"""The paraphrase fixtures: well formed, consistent with the model, and not copies of samples."""

from __future__ import annotations

from collections import Counter

import pytest

from alexa_model.spoken import normalise
from backpain import intents
from tests.alexa_model.fixtures import (
    FIXTURE_DIR,
    KNOWN_FAILURES,
    OUT_OF_DOMAIN,
    en_gb_model,
    intent_files,
    read_yaml,
    sample_patterns,
    sentences,
    spotted_ids,
)

EXPECTED_FILES = {
    intents.OVERVIEW,
    intents.CAUSES,
    intents.CONDITION,
    intents.RELIEF,
    intents.PREVENTION,
    intents.TREATMENTS,
    intents.GET_HELP,
    intents.WARNING_SIGNS,
    intents.CHECK,
    intents.DESCRIBE,
    intents.UNSURE,
    intents.MEANT_YES,
    intents.SERIOUS,
    intents.EMERGENCY,
    intents.YES,
    intents.NO,
    intents.HELP,
    intents.STOP,
    intents.CANCEL,
    intents.REPEAT,
    intents.START_OVER,
    intents.WHO_CAN_HELP,
}
ALL_SENTENCES = sentences()


def slot_types_of(intent_name: str) -> dict[str, str]:
    intent = en_gb_model().intent(intent_name)
    if intent is not None:
        return {slot.name: slot.type for slot in intent.slots}
    raise AssertionError(f"{intent_name} is not in the model")


def test_every_intent_named_in_the_brief_has_a_fixture_file() -> None:
    names = {path.stem for path in intent_files()} - {OUT_OF_DOMAIN.stem}
    assert names == EXPECTED_FILES


@pytest.mark.parametrize("path", intent_files(), ids=lambda path: path.name)
def test_fixture_file_shape(path) -> None:
    data = read_yaml(path)
    assert set(data) == {"intent", "sentences"}
    for entry in data["sentences"]:
        assert set(entry) <= {"text", "slots"}, entry
        assert isinstance(entry["text"], str) and entry["text"].strip() == entry["text"] != ""
        assert isinstance(entry.get("slots", {}), dict), entry
    low, high = (40, 200) if path == OUT_OF_DOMAIN else (10, 25)
    assert low <= len(data["sentences"]) <= high
    if path != OUT_OF_DOMAIN:
        assert data["intent"] == path.stem


def test_out_of_domain_sentences_must_fall_back() -> None:
    assert read_yaml(OUT_OF_DOMAIN)["intent"] == intents.FALLBACK


@pytest.mark.parametrize("sentence", ALL_SENTENCES, ids=lambda s: s.text)
def test_expected_intent_and_slot_ids_exist_in_the_model(sentence) -> None:
    slot_types = slot_types_of(sentence.intent)
    type_ids = {
        slot_type.name: {value.id for value in slot_type.values}
        for slot_type in en_gb_model().types.values()
    }
    for slot, value_id in sentence.slots.items():
        assert slot in slot_types, f"{sentence.intent} has no slot {slot!r}"
        assert value_id in type_ids[slot_types[slot]], f"{value_id!r} is not a {slot} value"


def _slot_types_in(intent_name: str, sample: str) -> set[str]:
    return {kind for name, kind in slot_types_of(intent_name).items() if f"{{{name}}}" in sample}


@pytest.mark.parametrize("sentence", ALL_SENTENCES, ids=lambda s: s.text)
def test_sentence_is_not_literally_a_sample(sentence) -> None:
    """Paraphrases test generalisation; a copy of a sample would test nothing. A phrase slot
    (AMAZON.SearchQuery: "call {callee}") takes any words by design, so filling it copies
    nothing but its carrier."""
    text = normalise(sentence.text)
    copies = [
        f"{intent}: {sample!r}"
        for intent, sample, pattern in sample_patterns()
        if pattern.fullmatch(text) and "AMAZON.SearchQuery" not in _slot_types_in(intent, sample)
    ]
    assert copies == []


@pytest.mark.parametrize(
    "sentence",
    [s for s in ALL_SENTENCES if slot_types_of(s.intent)],
    ids=lambda s: s.text,
)
def test_every_slot_value_a_sentence_says_is_expected(sentence) -> None:
    """A fixture that says 'ibuprofen' but expects no method would punish a right answer."""
    by_type: dict[str, set[str]] = {}
    for slot, slot_type in slot_types_of(sentence.intent).items():
        # Two slots of one type ("condition" and "other") share what the sentence says.
        expected = by_type.setdefault(slot_type, set())
        if slot in sentence.slots:
            expected.add(sentence.slots[slot])
    # A sign's name is also a description of it ("a fever"): an id expected of one type is
    # expected of every type of the intent that has it.
    every_expected = set().union(*by_type.values())
    for slot_type, expected in by_type.items():
        if slot_type == "AMAZON.SearchQuery":
            continue  # a phrase slot has no values to say
        spotted = spotted_ids(sentence.text, slot_type)
        allowed = expected | every_expected
        assert spotted <= allowed, f"says {spotted} of {slot_type}, expects {expected or 'none'}"


def test_no_sentence_is_listed_twice() -> None:
    counts = Counter(normalise(s.text) for s in ALL_SENTENCES)
    assert [text for text, count in counts.items() if count > 1] == []


def test_known_failures_is_a_strict_mapping_of_fixture_sentences_to_reasons() -> None:
    failures = read_yaml(KNOWN_FAILURES)
    assert isinstance(failures, dict)
    texts = {s.text for s in ALL_SENTENCES}
    for text, reason in failures.items():
        assert text in texts, f"{text!r} is not a fixture sentence in {FIXTURE_DIR}"
        assert isinstance(reason, str) and reason.strip(), f"{text!r} needs a reason"


def test_known_failures_documents_its_only_shrink_rule() -> None:
    header = KNOWN_FAILURES.read_text(encoding="utf-8")
    assert header.startswith("#") and "only SHRINK" in header
