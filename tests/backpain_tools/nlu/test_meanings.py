"""meanings.yaml read for an item, and the one reference an annotation gets from it."""

from __future__ import annotations

import pytest

from alexa_model.model import LanguageModel
from backpain import intents
from backpain_tools.nlu.meanings import (
    Meaning,
    MeaningError,
    Reference,
    check_against,
    parse_meaning,
    read_label,
    reference,
    resolve,
)
from tests.alexa_model.fixtures import en_gb_model


@pytest.fixture(scope="module")
def model() -> LanguageModel:
    return en_gb_model()


def test_a_meaning_is_an_intent_with_the_value_ids_its_slots_need() -> None:
    assert parse_meaning(intents.RELIEF) == Meaning(intents.RELIEF)
    assert parse_meaning("ConditionIntent{condition=SCIATICA,other=SLIPPED_DISC}") == Meaning(
        intents.CONDITION, (("condition", "SCIATICA"), ("other", "SLIPPED_DISC"))
    )
    assert str(parse_meaning(" ReliefIntent{method=EXERCISE} ")) == "ReliefIntent{method=EXERCISE}"


@pytest.mark.parametrize("text", ["Relief Intent", "ReliefIntent{method}", "ReliefIntent{=X}", ""])
def test_a_malformed_meaning_is_named(text: str) -> None:
    with pytest.raises(MeaningError, match="meaning"):
        parse_meaning(text)


def test_an_exact_label_wins_over_a_star_and_the_star_fills_one() -> None:
    unclear = read_label("exam", "urgent:unclear", {})
    assert unclear is not None and unclear.meanings == (Meaning(intents.DESCRIBE),)
    chest = read_label("exam", "urgent:chest_pain", {})
    assert chest is not None
    assert chest.meanings == (Meaning(intents.DESCRIBE, (("sign", "chest_pain"),)),)


def test_an_items_fields_fill_the_meaning() -> None:
    reading = read_label("exam", "answer:yes", {"question": "difficulty_peeing"})
    assert reading is not None
    assert reading.meanings[0] == Meaning(intents.DESCRIBE, (("sign", "difficulty_peeing"),))


def test_a_field_the_item_lacks_is_never_guessed() -> None:
    """A yes with no question named: the meanings that need the sign are left out, not filled."""
    reading = read_label("exam", "answer:yes", {})
    assert reading is not None
    assert Meaning(intents.YES, ()) in reading.meanings
    assert all(not meaning.slots for meaning in reading.meanings)


def test_a_meaning_that_needs_a_field_the_item_lacks_is_left_out_when_others_apply() -> None:
    """ "topic:conditions" with no condition named still means ConditionIntent."""
    reading = read_label("exam", "topic:conditions", {})
    assert reading is not None
    assert reading.meanings == (Meaning(intents.CONDITION, ()),)


def test_a_label_the_table_does_not_know_is_none() -> None:
    assert read_label("exam", "topic:knees", {}) is None


def test_the_in_check_labels_of_issue_20_have_their_intents() -> None:
    explain = read_label("exam", "answer:explain", {"question": "chest_pain"})
    denied = read_label("exam", "answer:other_sign_denied", {"question": "chest_pain"})
    assert explain is not None and explain.meanings[0].intent == intents.EXPLAIN
    assert denied is not None and denied.meanings[0].intent == intents.DENY


def test_the_reference_takes_the_slot_words_the_utterance_says(model: LanguageModel) -> None:
    reading = read_label("exam", "answer:yes", {"question": "difficulty_peeing"})
    assert reading is not None
    assert reference(model, reading.meanings, "No, I can't pee!") == Reference(
        intents.DESCRIBE, (("sign", "can't pee"),)
    )


def test_the_longest_phrase_said_is_the_slot_words(model: LanguageModel) -> None:
    meanings = (parse_meaning("ReliefIntent{method=HOT_COLD_PACKS}"),)
    ref = reference(model, meanings, "is a hot water bottle any good")
    assert ref.slots == (("method", "a hot water bottle"),)


def test_without_the_signs_words_a_yes_is_a_plain_yes(model: LanguageModel) -> None:
    reading = read_label("exam", "answer:yes", {"question": "chest_pain"})
    assert reading is not None
    assert reference(model, reading.meanings, "yes i'm afraid so") == Reference(intents.YES)


def test_a_value_said_in_words_the_model_lacks_is_named_and_noted(model: LanguageModel) -> None:
    meanings = (parse_meaning("ReliefIntent{method=OPTIMISM}"),)
    ref = reference(model, meanings, "does cheerfulness affect how quickly my back gets better")
    assert ref.intent == intents.RELIEF
    assert ref.slots == (("method", "staying optimistic"),)
    assert ref.note == "the utterance says none of the model's words for method=OPTIMISM"


def test_resolve_is_exact_as_spoken(model: LanguageModel) -> None:
    assert resolve(model, intents.RELIEF, "method", "Ibuprofen") == "PAINKILLERS"
    assert resolve(model, intents.RELIEF, "method", "ibuprofen gel") is None
    assert resolve(model, intents.OVERVIEW, "method", "ibuprofen") is None


@pytest.mark.parametrize(
    ("meaning", "problem"),
    [
        ("KneeIntent", "KneeIntent is not an intent of the model"),
        ("ReliefIntent{tip=EXERCISE}", "ReliefIntent has no custom slot 'tip'"),
        ("ReliefIntent{method=YOGA}", "'YOGA' is not a value of RELIEF_METHOD"),
    ],
)
def test_meanings_are_checked_against_the_model(
    model: LanguageModel, meaning: str, problem: str
) -> None:
    with pytest.raises(MeaningError, match=problem):
        check_against(model, (parse_meaning(meaning),), "topic:x")
