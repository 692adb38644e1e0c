"""Example phrases are read as Alexa hears them and matched against a model's samples."""

from __future__ import annotations

from typing import Any

import pytest

from backpain import intents
from backpain_tools.deploy.example_phrases import SampleMatcher, normalise, read_example_phrase

MODEL: dict[str, Any] = {
    "interactionModel": {
        "languageModel": {
            "invocationName": "back pain guide",
            "intents": [
                {"name": intents.CAUSES, "samples": ["what causes back pain", "why does it hurt"]},
                {
                    "name": intents.CONDITION,
                    "slots": [{"name": "condition", "type": "BACK_CONDITION"}],
                    "samples": ["tell me about {condition}", "is {condition} serious"],
                },
                {
                    "name": "CityIntent",
                    "slots": [{"name": "city", "type": "AMAZON.GB_CITY"}],
                    "samples": ["find a physio in {city}"],
                },
                {"name": intents.GET_HELP, "samples": ["should i see a g. p."]},
                {"name": intents.HELP, "samples": []},
            ],
            "types": [
                {
                    "name": "BACK_CONDITION",
                    "values": [
                        {"name": {"value": "slipped disc", "synonyms": ["prolapsed disc"]}},
                        {"name": {"value": "sciatica"}},
                    ],
                }
            ],
        }
    }
}


@pytest.fixture
def matcher() -> SampleMatcher:
    return SampleMatcher(MODEL)


def test_normalise_drops_what_nobody_says() -> None:
    assert normalise("  Alexa,  ask Back Pain Guide: Why’s it SORE?! ") == (
        "alexa ask back pain guide why's it sore"
    )


def test_a_plain_launch_has_an_empty_utterance() -> None:
    reading = read_example_phrase("Alexa, open Back Pain Guide.", "back pain guide")
    assert (reading.has_wake_word, reading.launch_word, reading.utterance) == (True, "open", "")


def test_two_word_launch_phrases_are_read() -> None:
    reading = read_example_phrase("Alexa, talk to back pain guide", "back pain guide")
    assert reading.launch_word == "talk to"


def test_the_comma_after_the_wake_word_is_required() -> None:
    assert not read_example_phrase("Alexa open back pain guide", "back pain guide").has_wake_word


def test_a_phrase_without_the_invocation_name_does_not_invoke() -> None:
    reading = read_example_phrase("Alexa, what causes back pain", "back pain guide")
    assert (reading.launch_word, reading.utterance) == (None, None)


def test_an_utterance_after_the_name_is_kept() -> None:
    phrase = "Alexa, ask back pain guide what causes back pain?"
    reading = read_example_phrase(phrase, "back pain guide")
    assert reading.utterance == "what causes back pain"


@pytest.mark.parametrize(
    ("utterance", "intent"),
    [
        ("what causes back pain", intents.CAUSES),
        ("tell me about sciatica", intents.CONDITION),
        ("tell me about prolapsed disc", intents.CONDITION),
        ("is slipped disc serious", intents.CONDITION),
        ("find a physio in leeds", "CityIntent"),
        ("about why does it hurt", intents.CAUSES),
        ("whether should i see a g p", intents.GET_HELP),
    ],
)
def test_utterances_find_their_intent(matcher: SampleMatcher, utterance: str, intent: str) -> None:
    assert matcher.intent_for(utterance) == intent


@pytest.mark.parametrize(
    "utterance",
    ["tell me about tennis elbow", "what causes back pain please", "about", "causes", ""],
)
def test_other_utterances_match_nothing(matcher: SampleMatcher, utterance: str) -> None:
    assert matcher.intent_for(utterance) is None
