"""The `_nameFreeInteraction` container: each of Alexa's rules, broken once, is one problem."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from alexa_model.reader import read_model
from alexa_model.rules import check_model
from backpain import intents
from tests.alexa_model.test_model_rules import small_model

Model = dict[str, Any]
ROOT = Path(__file__).resolve().parents[2]


def raw(*values: str, written: str = "RAW_TEXT") -> list[dict[str, str]]:
    return [{"format": written, "value": value} for value in values]


def with_container() -> Model:
    model = small_model()
    model["interactionModel"]["_nameFreeInteraction"] = {
        "ingressPoints": [
            {"type": "LAUNCH", "sampleUtterances": raw("i've got a bad back", "help with my back")},
            {"type": "INTENT", "name": intents.OVERVIEW,
             "sampleUtterances": raw("what is back pain")},
        ]
    }  # fmt: skip
    return model


def points(model: Model) -> list[dict[str, Any]]:
    return model["interactionModel"]["_nameFreeInteraction"]["ingressPoints"]


def phrases(model: Model, index: int) -> list[dict[str, str]]:
    return points(model)[index]["sampleUtterances"]


CASES: list[tuple[str, Callable[[Model], None], str, str]] = [
    ("six skill launch phrases",
     lambda m: phrases(m, 0).extend(raw("one more", "two more", "three more", "four more")),
     "_nameFreeInteraction.ingressPoints", "6 skill launch phrases; the limit is 5"),
    ("six intent launch phrases",
     lambda m: phrases(m, 1).extend(raw("a b", "c d", "e f", "g h", "i j")),
     "_nameFreeInteraction.ingressPoints",
     "6 intent launch phrases for OverviewIntent; the limit is 5"),
    ("a slot", lambda m: phrases(m, 1).append(raw("tell me about {condition}")[0]),
     "_nameFreeInteraction.ingressPoints[1].sampleUtterances[1]",
     "ingress phrase 'tell me about {condition}' has a slot or a curly bracket; ingress phrases "
     "take none"),
    ("not raw text",
     lambda m: phrases(m, 1).__setitem__(0, raw("what is back pain", written="SSML")[0]),
     "_nameFreeInteraction.ingressPoints[1].sampleUtterances[0].format",
     "ingress phrase 'what is back pain' has format 'SSML'; it must be RAW_TEXT"),
    ("a launch point with a name", lambda m: points(m)[0].__setitem__("name", intents.OVERVIEW),
     "_nameFreeInteraction.ingressPoints[0].name", "a LAUNCH ingress point names no intent"),
    ("an unknown type", lambda m: points(m)[1].__setitem__("type", "SKILL"),
     "_nameFreeInteraction.ingressPoints[1].type",
     "ingress point type 'SKILL' must be LAUNCH or INTENT"),
    ("an intent the model lacks", lambda m: points(m)[1].__setitem__("name", intents.CAUSES),
     "_nameFreeInteraction.ingressPoints[1].name",
     "ingress point intent 'CausesIntent' is not an intent of the model"),
    ("a built-in intent", lambda m: points(m)[1].__setitem__("name", intents.HELP),
     "_nameFreeInteraction.ingressPoints[1].name",
     "ingress point intent 'AMAZON.HelpIntent' is built in; only custom intents can be opened "
     "name-free"),
    ("an intent point without a name", lambda m: points(m)[1].pop("name"),
     "_nameFreeInteraction.ingressPoints[1].name", "an INTENT ingress point must name an intent"),
    ("the invocation name", lambda m: phrases(m, 0).append(raw("ask back pain guide for help")[0]),
     "_nameFreeInteraction.ingressPoints[0].sampleUtterances[2]",
     "ingress phrase 'ask back pain guide for help' contains the invocation name; name-free "
     "phrases are how people ask without it"),
    ("the wake word", lambda m: phrases(m, 0).append(raw("alexa my back hurts")[0]),
     "_nameFreeInteraction.ingressPoints[0].sampleUtterances[2]",
     "ingress phrase 'alexa my back hurts' starts with the wake word; Alexa hears the rest only"),
    ("digits", lambda m: phrases(m, 1).append(raw("back pain for 3 weeks")[0]),
     "_nameFreeInteraction.ingressPoints[1].sampleUtterances[1]",
     "ingress phrase 'back pain for 3 weeks' contains digits; spell numbers out"),
    ("one phrase two ways", lambda m: phrases(m, 1).append(raw("I've got a bad back")[0]),
     "_nameFreeInteraction.ingressPoints[1].sampleUtterances[1]",
     "ingress phrase 'I've got a bad back' (OverviewIntent) is already a phrase of skill launch; "
     "a phrase may lead one way only"),
    ("no phrases", lambda m: points(m)[1].__setitem__("sampleUtterances", []),
     "_nameFreeInteraction.ingressPoints[1].sampleUtterances",
     "an ingress point needs at least one phrase"),
    ("not a list", lambda m: m["interactionModel"]["_nameFreeInteraction"].__setitem__(
        "ingressPoints", {"type": "LAUNCH"}),
     "_nameFreeInteraction.ingressPoints", "'ingressPoints' must be a list"),
]  # fmt: skip


def test_a_good_container_is_clean() -> None:
    assert check_model(with_container()) == []


@pytest.mark.parametrize(("name", "change", "where", "message"), CASES, ids=[c[0] for c in CASES])
def test_each_broken_rule_is_one_problem(name, change, where, message) -> None:
    model = copy.deepcopy(with_container())
    change(model)
    assert [(p.where, p.message) for p in check_model(model)] == [(where, message)]


def test_a_single_word_is_a_warning() -> None:
    model = with_container()
    phrases(model, 1).append(raw("backache")[0])
    problems = check_model(model)
    assert [(p.severity, p.message) for p in problems] == [
        ("warning", "ingress phrase 'backache' is a single word; ingress phrases should be "
                    "complete phrases")
    ]  # fmt: skip


JUNK = [None, 3, "x", [], [{}], {"ingressPoints": [3, {"type": 4}]},
        {"ingressPoints": [{"sampleUtterances": [1, {"value": 2}]}]}]  # fmt: skip


@pytest.mark.parametrize("junk", JUNK)
def test_junk_in_the_container_gets_problems_not_a_crash(junk) -> None:
    model = small_model()
    model["interactionModel"]["_nameFreeInteraction"] = junk
    problems = check_model(model)
    assert all(p.where.startswith("_nameFreeInteraction") for p in problems)
    if junk is not None:
        assert problems


def test_our_model_opens_the_main_intents_name_free() -> None:
    document = json.loads((ROOT / "interaction_models" / "en-GB.json").read_text())
    model = read_model(document).model
    kinds = [point.type for point in model.ingress_points]
    assert kinds.count("LAUNCH") == 1
    opened = {point.intent for point in model.ingress_points if point.type == "INTENT"}
    assert {intents.CAUSES, intents.RELIEF, intents.CHECK, intents.SERIOUS} <= opened
