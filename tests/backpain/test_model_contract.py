"""The interaction model and the handlers agree: every intent handled, every slot id answered."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from backpain import intents
from backpain.content import content_for
from backpain.content_types import CHECK
from backpain.handlers.topics import _NAMED_SLOTS, _POSITIONS, SlotTopicHandler
from backpain.skill import request_handlers

MODEL = json.loads(
    (Path(__file__).resolve().parents[2] / "interaction_models" / "en-GB.json").read_text()
)["interactionModel"]["languageModel"]
CONTENT = content_for("en-GB")
CUSTOM = [i for i in MODEL["intents"] if not i["name"].startswith("AMAZON.")]


def test_the_invocation_name_is_back_pain_guide():
    assert MODEL["invocationName"] == "back pain guide"


@pytest.mark.parametrize("intent", [i["name"] for i in MODEL["intents"]])
def test_every_intent_in_the_model_has_a_handler_before_the_fallback(talk, intent):
    if intent == intents.FALLBACK:
        return
    said = talk.intent(intent)
    assert CONTENT.line("fallback") not in said.speech, f"{intent} falls through to the fallback"


def test_every_slot_value_id_in_the_model_has_a_topic():
    handlers = {h.intent: h for h in request_handlers() if isinstance(h, SlotTopicHandler)}
    types = {t["name"]: t for t in MODEL["types"]}
    for intent in CUSTOM:
        if intent["name"] == intents.SELECT:
            continue
        for slot in intent.get("slots", []):
            if slot["type"] == "AMAZON.SearchQuery":
                continue  # what to book or whom to call: any words, refused alike
            if slot["type"] in (
                "RED_FLAG", "SIGN_NAME", "SIGN_NORMAL", "SIGN_SUBJECT", "AS_USUAL",
                "REST_TAKEN", "NO_BETTER", "OTHER_COMPLAINT", "ORDINARY_BACK_PAIN",
            ):  # fmt: skip
                # Warning signs, what is outside the skill, and ordinary back pain told as a
                # statement (the overview, whatever its words): not topics.
                continue
            handler = handlers[intent["name"]]
            assert slot["name"] in (handler.slot, handler.pair_slot)
            for value in types[slot["type"]]["values"]:
                topic_id = f"{handler.prefix}.{value['id'].lower()}"
                assert topic_id in CONTENT.topics, f"{slot['type']} {value['id']} has no topic"


def test_the_warning_sign_slot_values_are_the_contents_red_flags():
    (red_flag,) = [t for t in MODEL["types"] if t["name"] == "RED_FLAG"]
    ids = [value["id"] for value in red_flag["values"]]
    # ... and one more: something like a sign that names none (the general line and the check).
    assert ids == [flag.id for flag in CONTENT.checklist.red_flags] + ["possible_sign"]
    (named,) = [t for t in MODEL["types"] if t["name"] == "SIGN_NAME"]
    assert {value["id"] for value in named["values"]} < set(ids)
    (normal,) = [t for t in MODEL["types"] if t["name"] == "SIGN_NORMAL"]
    assert {value["id"] for value in normal["values"]} == set(ids) - {"possible_sign"}


def test_every_select_slot_names_a_topic_or_a_list_position():
    select = next(i for i in CUSTOM if i["name"] == intents.SELECT)
    types = {t["name"]: t for t in MODEL["types"]}
    named = dict(_NAMED_SLOTS)
    for slot in select["slots"]:
        for value in types[slot["type"]]["values"]:
            if slot["name"] == "position":
                assert value["id"] in _POSITIONS
            else:
                assert f"{named[slot['name']]}.{value['id'].lower()}" in CONTENT.topics


def test_every_topic_can_be_reached():
    reachable = {
        "overview",
        "causes",
        "prevention",
        "get_help",
        "warning_signs",
        "relief",
        "treatments",
        "condition.sciatica_and_slipped_disc",  # ConditionIntent with both slots
        "activities",  # ActivitiesIntent: work, driving and daily activities
        "term.other",  # TermIntent with a word the model does not know
    }
    reachable |= {t.next for t in CONTENT.topics.values() if t.next and t.next != CHECK}
    reachable |= {part for t in CONTENT.topics.values() for part in t.parts}
    types = {t["name"]: t for t in MODEL["types"]}
    prefixes = {
        "BACK_CONDITION": "condition",
        "RELIEF_METHOD": "relief",
        "TREATMENT": "treatments",
        "PREVENTION_TIP": "prevention",
        "MEDICAL_TERM": "term",
    }
    for type_name, prefix in prefixes.items():
        reachable |= {f"{prefix}.{v['id'].lower()}" for v in types[type_name]["values"]}
    assert set(CONTENT.topics) <= reachable
