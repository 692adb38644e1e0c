"""The model reader on its own: generic, typed, one list of built-in and launch phrases."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from alexa_model.builtins import BUILTIN_PHRASES, RESERVED_PHRASES, STANDARD_BUILT_INS
from alexa_model.invocation import LAUNCH_PHRASES, REQUEST_PHRASES, RESERVED_LAUNCH_WORDS
from alexa_model.problem import ModelError, Problem
from alexa_model.reader import parse_model, read_model
from alexa_model.spoken import normalise
from backpain import intents

PACKAGE = Path(__file__).resolve().parents[2] / "skill" / "alexa_model"


def ordering_model() -> dict:
    return {
        "interactionModel": {
            "languageModel": {
                "invocationName": "corner cafe",
                "intents": [
                    {
                        "name": "OrderIntent",
                        "slots": [
                            {"name": "drink", "type": "DRINK", "samples": ["a {drink} please"]}
                        ],
                        "samples": ["can I have {drink}", "I'd like a {drink}"],
                    },
                    {"name": intents.STOP, "samples": []},
                ],
                "types": [
                    {
                        "name": "DRINK",
                        "values": [
                            {"id": "FLAT_WHITE", "name": {"value": "flat white"}},
                            {"name": {"value": "tea", "synonyms": ["cuppa", "brew"]}},
                        ],
                    }
                ],
            }
        }
    }


def test_a_model_reads_into_typed_values() -> None:
    model = parse_model(ordering_model())
    order = model.intent("OrderIntent")
    assert model.invocation_name == "corner cafe"
    assert order is not None and order.slot("drink") is not None
    assert order.slot("drink").samples == ("a {drink} please",)  # type: ignore[union-attr]
    assert order.samples == ("can I have {drink}", "I'd like a {drink}")
    assert not order.is_built_in and model.intents[1].is_built_in
    flat_white, tea = model.types["DRINK"].values
    assert (flat_white.id, flat_white.has_id) == ("FLAT_WHITE", True)
    # Without an id, Alexa's entity resolution reports the value's name.
    assert (tea.id, tea.has_id, tea.phrases) == ("tea", False, ("tea", "cuppa", "brew"))


def test_every_unusable_part_is_reported_at_once_and_the_rest_is_read() -> None:
    document = ordering_model()
    language = document["interactionModel"]["languageModel"]
    language["intents"][0]["samples"].append("make it {size}")
    language["intents"].append({"name": intents.STOP, "samples": ["done"]})
    language["types"][0]["values"].append({"name": {"synonyms": ["latte"]}})
    reading = read_model(document)
    assert reading.problems == [
        Problem(
            "intents[OrderIntent].samples[2]",
            "sample 'make it {size}' in OrderIntent uses slot 'size', "
            "which the intent does not declare",
        ),
        Problem(
            "intents[AMAZON.StopIntent]", "intent 'AMAZON.StopIntent' is declared more than once"
        ),
        Problem("types[DRINK].values[2]", "value 2 of slot type 'DRINK' has no name.value"),
    ]
    assert len(reading.model.types["DRINK"].values) == 2
    with pytest.raises(ModelError, match=r"^cafe\.json: intents\[OrderIntent\]\.samples\[2\]: "):
        parse_model(document, "cafe.json")


def test_reserved_built_in_phrases_are_phrases_of_that_built_in() -> None:
    assert RESERVED_PHRASES
    for phrase, intent in RESERVED_PHRASES.items():
        assert phrase in BUILTIN_PHRASES[intent]
    assert set(BUILTIN_PHRASES) <= STANDARD_BUILT_INS
    assert not any(
        phrase.startswith("*") for phrases in BUILTIN_PHRASES.values() for phrase in phrases
    )


def test_alexas_forbidden_launch_words_are_launch_or_request_phrases() -> None:
    said = {phrase for phrase in (*LAUNCH_PHRASES, *REQUEST_PHRASES) if len(phrase) == 1}
    assert {"launch", "ask", "tell", "load", "begin", "enable"} == RESERVED_LAUNCH_WORDS
    assert {(word,) for word in RESERVED_LAUNCH_WORDS} <= said


def test_spoken_form_joins_spelled_letters_and_drops_punctuation() -> None:
    assert normalise("Should I see a G.P. - now?") == "should i see a gp now"
    assert normalise("N H S  one-one-one") == "nhs one one one"


def test_the_package_knows_no_skill_of_its_own() -> None:
    """Generic: nothing in the reader is about one skill's domain."""
    source = " ".join(path.read_text(encoding="utf-8") for path in PACKAGE.glob("*.py")).lower()
    for word in ("back pain", "backpain", "backache", "nhs", "sciatica", "red flag", "symptom"):
        assert not re.search(rf"\b{word}\b", source), word
