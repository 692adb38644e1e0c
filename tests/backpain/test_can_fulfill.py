"""CanFulfillIntentRequest through the Lambda door: YES, MAYBE and NO, and nothing else at all."""

from __future__ import annotations

import logging

import pytest

from backpain import intents
from backpain.content import content_for
from backpain.handlers.can_fulfill import SlotHeard, verdict
from backpain.skill import name_free_intents
from echo_sim.device.envelope import EnvelopeFactory, Session, SlotValue
from tests.backpain.conftest import SLOT_TYPES

FLAGS = content_for("en-GB").checklist.red_flags


def ask(lambda_handler, intent: str, session: Session | None = None, **slots):
    """Sends a CanFulfillIntentRequest; `slots` map a name to (words heard, id or None)."""
    values = {
        name: SlotValue(name, heard, SLOT_TYPES.get(name, ""), value_id, heard)
        for name, (heard, value_id) in slots.items()
    }
    envelope = EnvelopeFactory().can_fulfill(session or Session(), intent, values)
    return lambda_handler(envelope, None)


@pytest.mark.parametrize("intent", [intents.CAUSES, intents.RELIEF, intents.CHECK,
                                    intents.SERIOUS, intents.OVERVIEW])  # fmt: skip
def test_topics_and_the_check_can_be_fulfilled(lambda_handler, intent):
    answer = ask(lambda_handler, intent)["response"]["canFulfillIntent"]
    assert answer == {"canFulfill": "YES"}


def test_a_known_slot_value_is_understood_and_fulfilled(lambda_handler):
    answer = ask(lambda_handler, intents.RELIEF, method=("ibuprofen", "PAINKILLERS"))
    assert answer["response"]["canFulfillIntent"] == {
        "canFulfill": "YES",
        "slots": {"method": {"canUnderstand": "YES", "canFulfill": "YES"}},
    }


def test_an_unknown_slot_value_makes_it_a_maybe(lambda_handler):
    answer = ask(
        lambda_handler,
        intents.CONDITION,
        condition=("sciatica", "SCIATICA"),
        other=("housemaid's knee", None),
    )
    assert answer["response"]["canFulfillIntent"] == {
        "canFulfill": "MAYBE",
        "slots": {
            "condition": {"canUnderstand": "YES", "canFulfill": "YES"},
            "other": {"canUnderstand": "NO", "canFulfill": "NO"},
        },
    }


@pytest.mark.parametrize(
    "intent",
    [intents.SELECT, intents.YES, intents.MORE, intents.EMERGENCY,
     intents.FALLBACK, "PlayMusicIntent"],
)  # fmt: skip
def test_anything_else_is_a_no(lambda_handler, intent):
    assert ask(lambda_handler, intent)["response"]["canFulfillIntent"]["canFulfill"] == "NO"


def test_the_answer_has_no_side_effects(lambda_handler):
    """No speech, card, screen, reprompt or session decision, and no new state: attributes a
    request carries (an open check's place) go back exactly as they came."""
    place = {"check": {"index": 3, "reasked": False}}
    envelope = ask(lambda_handler, intents.CHECK, Session(attributes=place, new=True))
    assert set(envelope["response"]) == {"canFulfillIntent"}
    assert envelope["sessionAttributes"] == place
    fresh = ask(lambda_handler, intents.CAUSES)
    assert set(fresh["response"]) == {"canFulfillIntent"}
    assert not fresh.get("sessionAttributes")


def test_a_described_sign_is_never_logged(lambda_handler, caplog):
    caplog.set_level(logging.DEBUG)
    flag = FLAGS[0]
    answer = ask(lambda_handler, intents.DESCRIBE, sign=(flag.sign, flag.id))
    assert answer["response"]["canFulfillIntent"]["canFulfill"] == "YES"
    text = "\n".join(record.getMessage() for record in caplog.records)
    assert "type=CanFulfillIntentRequest" in text
    assert intents.DESCRIBE not in text and flag.sign not in text and flag.id not in text


def test_the_verdict_rule():
    assert verdict(intents.CAUSES, {}, name_free_intents()) == "YES"
    assert verdict(intents.RELIEF, {"method": SlotHeard.KNOWN}, name_free_intents()) == "YES"
    assert verdict(intents.RELIEF, {"method": SlotHeard.UNKNOWN}, name_free_intents()) == "MAYBE"
    assert verdict(intents.SELECT, {"position": SlotHeard.KNOWN}, name_free_intents()) == "NO"
    assert verdict(None, {}, name_free_intents()) == "NO"


def test_every_name_free_intent_is_in_the_model():
    from alexa_model.reader import load_model
    from tests.backpain.conftest import ROOT

    model = load_model(ROOT / "interaction_models" / "en-GB.json")
    assert {intent.name for intent in model.intents} >= name_free_intents()


def test_every_intent_the_model_opens_name_free_can_be_fulfilled():
    from alexa_model.reader import load_model
    from tests.backpain.conftest import ROOT

    model = load_model(ROOT / "interaction_models" / "en-GB.json")
    opened = {point.intent for point in model.ingress_points if point.type == "INTENT"}
    assert opened and opened <= name_free_intents()
