"""Built-in intents' everyday phrases, and the ways people open or address the skill by name."""

from __future__ import annotations

import pytest

from alexa_model.builtins import (
    CANCEL_INTENT,
    FALLBACK_INTENT,
    HELP_INTENT,
    NAVIGATE_HOME_INTENT,
    NO_INTENT,
    REPEAT_INTENT,
    START_OVER_INTENT,
    STOP_INTENT,
    YES_INTENT,
)
from backpain import intents
from echo_sim.understanding.matcher import Matcher

EVERYDAY = {
    YES_INTENT: ["yes", "yeah", "yep", "sure", "go on", "ok", "please do", "yes please"],
    # "not really" is a built-in no, but the en-GB model claims it for UnsureIntent: in the
    # warning-sign check a hedge must never count as a no.
    NO_INTENT: ["no", "nope", "no thanks", "nah"],
    STOP_INTENT: ["stop", "goodbye", "that's all", "quit", "exit"],
    CANCEL_INTENT: ["cancel", "never mind"],
    REPEAT_INTENT: ["say that again", "pardon", "what did you say", "repeat that"],
    HELP_INTENT: ["help", "what can I say", "what can you do"],
    START_OVER_INTENT: ["start again", "start over", "restart"],
    NAVIGATE_HOME_INTENT: ["go home", "main menu"],
}


@pytest.mark.parametrize(
    ("intent", "phrase"),
    [(intent, phrase) for intent, phrases in EVERYDAY.items() for phrase in phrases],
)
def test_everyday_phrase(en_gb: Matcher, intent: str, phrase: str) -> None:
    heard = en_gb.match(phrase)
    assert (heard.intent, heard.confidence) == (intent, 1.0)


def test_built_in_phrases_survive_fillers(en_gb: Matcher) -> None:
    assert en_gb.match("um yes please").intent == YES_INTENT
    assert en_gb.match("Alexa, stop!").intent == STOP_INTENT


def test_an_empty_utterance_is_a_fallback(en_gb: Matcher) -> None:
    assert en_gb.match("").intent == FALLBACK_INTENT
    assert en_gb.match("  ?! ").intent == FALLBACK_INTENT


@pytest.mark.parametrize(
    "text",
    [
        "open back pain guide",
        "Alexa, open back pain guide",
        "launch back pain guide",
        "start back pain guide",
        "begin back pain guide",
        "load back pain guide",
        "talk to back pain guide",
        "use back pain guide",
        "open the back pain guide please",
        "ask back pain guide",
        "open backpain guide",
        "back pain guide",
    ],
)
def test_launch(en_gb: Matcher, text: str) -> None:
    invocation = en_gb.invocation(text)
    assert (invocation.kind, invocation.match) == ("launch", None)


@pytest.mark.parametrize(
    ("text", "intent", "slots"),
    [
        ("ask back pain guide what causes back pain", intents.CAUSES, {}),
        ("Alexa, ask back pain guide what causes back pain", intents.CAUSES, {}),
        ("ask back pain guide about sciatica", intents.CONDITION, {"condition": "SCIATICA"}),
        ("tell back pain guide I want to check my symptoms", intents.CHECK, {}),
        ("ask back pain guide to check my symptoms", intents.CHECK, {}),
        ("ask back pain guide for the warning signs", intents.WARNING_SIGNS, {}),
        ("open back pain guide and tell me about slipped discs", intents.CONDITION,
         {"condition": "SLIPPED_DISC"}),
        ("ask back pain guide if ibuprofen helps", intents.RELIEF, {"method": "PAINKILLERS"}),
        ("how do I prevent back pain using back pain guide", intents.PREVENTION, {}),
        ("ask back pain guide to play some jazz", FALLBACK_INTENT, {}),
    ],
)  # fmt: skip
def test_request_with_the_name(
    en_gb: Matcher, text: str, intent: str, slots: dict[str, str]
) -> None:
    invocation = en_gb.invocation(text)
    assert invocation.kind == "intent"
    assert invocation.match is not None
    assert invocation.match.intent == intent
    assert {name: slot.resolved_id for name, slot in invocation.match.slots.items()} == slots


@pytest.mark.parametrize(
    "text",
    ["what causes back pain", "open the pod bay doors", "ask my doctor about back pain",
     "tell me about back pain guide", "back pain", "yes", ""],
)  # fmt: skip
def test_not_addressed_to_the_skill(en_gb: Matcher, text: str) -> None:
    assert en_gb.invocation(text).kind == "none"


def test_invocation_name_is_the_models(en_gb: Matcher) -> None:
    assert en_gb.invocation_name == "back pain guide"


@pytest.mark.parametrize(
    "text",
    ["not sure", "I'm not sure", "I don't know", "dunno", "no idea", "maybe",
     "I'm not sure if I have", "I'm not sure it does"],
)  # fmt: skip
def test_unsure_is_never_a_yes_or_a_no(en_gb: Matcher, text: str) -> None:
    # In the red-flag check an unclear answer must be asked again, never read as yes or no.
    assert en_gb.match(text).intent not in (YES_INTENT, NO_INTENT)
