"""Each rule of the model checker, broken once in a small hand-made model, is reported clearly."""

from __future__ import annotations

import copy
import dataclasses
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from alexa_model.builtins import REQUIRED_BUILT_INS
from alexa_model.problem import Problem
from alexa_model.rules import check_model
from backpain import intents

Model = dict[str, Any]


def small_model() -> Model:
    """A model that satisfies every rule: two custom intents, one slot type, the built-ins."""
    return {
        "interactionModel": {
            "languageModel": {
                "invocationName": "back pain guide",
                "intents": [
                    {
                        "name": intents.CONDITION,
                        "slots": [{"name": "condition", "type": "BACK_CONDITION"}],
                        "samples": ["tell me about {condition}", "what is {condition}"],
                    },
                    {"name": intents.OVERVIEW, "samples": ["what is back pain", "backache"]},
                    {"name": intents.CANCEL, "samples": []},
                    {"name": intents.HELP, "samples": []},
                    {"name": intents.STOP, "samples": []},
                    {"name": intents.NAVIGATE_HOME, "samples": []},
                    {"name": intents.FALLBACK, "samples": []},
                ],
                "types": [
                    {
                        "name": "BACK_CONDITION",
                        "values": [
                            {
                                "id": "SCIATICA",
                                "name": {"value": "sciatica", "synonyms": ["sciatic pain"]},
                            },
                            {"id": "LUMBAGO", "name": {"value": "lumbago"}},
                        ],
                    }
                ],
            }
        }
    }


def lm(model: Model) -> Model:
    return model["interactionModel"]["languageModel"]


def intent(model: Model, name: str) -> Model:
    return next(i for i in lm(model)["intents"] if i["name"] == name)


def invocation(name: object) -> Callable[[Model], None]:
    def change(model: Model) -> None:
        lm(model)["invocationName"] = name

    return change


def samples(name: str, *extra: str) -> Callable[[Model], None]:
    def change(model: Model) -> None:
        intent(model, name)["samples"].extend(extra)

    return change


def drop_intent(name: str) -> Callable[[Model], None]:
    def change(model: Model) -> None:
        lm(model)["intents"].remove(intent(model, name))

    return change


def add_intent(body: Model) -> Callable[[Model], None]:
    def change(model: Model) -> None:
        lm(model)["intents"].append(body)

    return change


def values(model: Model) -> list[Model]:
    return lm(model)["types"][0]["values"]


@dataclasses.dataclass(frozen=True)
class Case:
    """One broken rule and the single problem it must produce."""

    id: str
    change: Callable[[Model], None]
    where: str
    says: str
    severity: str = "error"


CASES = [
    # Invocation name.
    Case("invocation missing", invocation(None), "invocationName", "missing or empty"),
    Case(
        "invocation upper case", invocation("Back Pain Guide"), "invocationName", "all lower case"
    ),
    Case(
        "invocation digits", invocation("back pain four u2"), "invocationName", "spell numbers out"
    ),
    Case(
        "invocation punctuation",
        invocation("back-pain guide"),
        "invocationName",
        "'back-pain': only letters, spaces, possessive apostrophes and periods",
    ),
    Case(
        "invocation stray period",
        invocation("back.pain guide"),
        "invocationName",
        "'back.pain': only letters",
    ),
    Case(
        "invocation launch word",
        invocation("ask back pain"),
        "invocationName",
        "launch or connecting word 'ask'",
    ),
    Case(
        "invocation connecting word",
        invocation("back and neck"),
        "invocationName",
        "connecting word 'and'",
    ),
    Case(
        "invocation wake word",
        invocation("alexa back guide"),
        "invocationName",
        "wake word 'alexa'",
    ),
    Case("invocation says app", invocation("back pain app"), "invocationName", "the word 'app'"),
    Case(
        "invocation two words with an article",
        invocation("the backache"),
        "invocationName",
        "two words and one is the article or preposition 'the'",
    ),
    Case(
        "invocation one word",
        invocation("backpain"),
        "invocationName",
        "single word, allowed only for a brand",
        "warning",
    ),
    Case(
        "invocation too long",
        invocation("back pain " * 6 + "guide"),
        "invocationName",
        "it must be 2-50",
    ),
    # Intents.
    Case(
        "intent name characters",
        add_intent({"name": "Relief-Intent", "samples": ["how do i ease it"]}),
        "intents[Relief-Intent]",
        "'Relief-Intent' may only contain letters and underscores",
    ),
    Case(
        "intent declared twice",
        add_intent({"name": intents.OVERVIEW, "samples": ["tell me about backache"]}),
        "intents[OverviewIntent]",
        "'OverviewIntent' is declared more than once",
    ),
    Case(
        "custom intent with AMAZON prefix",
        add_intent({"name": "AMAZON.ReliefIntent", "samples": ["how do i ease it"]}),
        "intents[AMAZON.ReliefIntent]",
        "custom intents must not use the AMAZON. prefix",
        "warning",
    ),
    *[
        Case(
            f"missing {name}",
            drop_intent(name),
            "intents",
            f"required built-in intent {name} is missing",
        )
        for name in REQUIRED_BUILT_INS
    ],
    Case(
        "missing fallback",
        drop_intent(intents.FALLBACK),
        "intents",
        "AMAZON.FallbackIntent is missing; it is recommended",
        "warning",
    ),
    Case(
        "custom intent without samples",
        add_intent({"name": intents.CAUSES, "samples": []}),
        "intents[CausesIntent].samples",
        "custom intent CausesIntent has no sample utterances",
    ),
    Case(
        "fallback with samples",
        samples(intents.FALLBACK, "something else"),
        "intents[AMAZON.FallbackIntent].samples",
        "does not accept sample utterances",
    ),
    # Samples.
    Case(
        "sample with digits",
        samples(intents.OVERVIEW, "is back pain common after 50"),
        "intents[OverviewIntent].samples[2]",
        "contains digits; spell numbers out",
    ),
    Case(
        "sample with punctuation",
        samples(intents.OVERVIEW, "is back pain common?"),
        "intents[OverviewIntent].samples[2]",
        "contains '?'; samples may only contain letters, spaces, apostrophes",
    ),
    Case(
        "sample too long",
        samples(intents.OVERVIEW, "tell me " + "a lot " * 40 + "about back pain"),
        "intents[OverviewIntent].samples[2]",
        "the limit is 200",
    ),
    Case(
        "empty sample",
        samples(intents.OVERVIEW, "  "),
        "intents[OverviewIntent].samples[2]",
        "an empty sample in OverviewIntent",
    ),
    Case(
        "undeclared slot",
        samples(intents.CONDITION, "what is {conditon}"),
        "intents[ConditionIntent].samples[2]",
        "sample 'what is {conditon}' in ConditionIntent uses slot 'conditon', "
        "which the intent does not declare",
    ),
    Case(
        "slot-only sample",
        samples(intents.CONDITION, "{condition}"),
        "intents[ConditionIntent].samples[2]",
        "is only a slot reference",
        severity="warning",
    ),
    Case(
        "slot used twice",
        samples(intents.CONDITION, "is it {condition} or {condition}"),
        "intents[ConditionIntent].samples[2]",
        "uses slot 'condition' more than once",
    ),
    Case(
        "slot glued to a word",
        samples(intents.CONDITION, "what causes{condition}"),
        "intents[ConditionIntent].samples[2]",
        "not separated from the text by spaces",
    ),
    Case(
        "unmatched curly bracket",
        samples(intents.CONDITION, "explain {condition please"),
        "intents[ConditionIntent].samples[2]",
        "unmatched curly bracket",
    ),
    Case(
        "duplicate sample in one intent",
        samples(intents.OVERVIEW, "What is  back pain"),
        "intents[OverviewIntent].samples[2]",
        "sample 'What is  back pain' appears twice in OverviewIntent",
    ),
    Case(
        "sample in two intents",
        add_intent({"name": intents.CAUSES, "samples": ["what is back pain"]}),
        "intents[CausesIntent].samples[0]",
        "is also a sample of OverviewIntent ('what is back pain')",
    ),
    Case(
        "built-in phrase in a custom intent",
        samples(intents.OVERVIEW, "Help"),
        "intents[OverviewIntent].samples[2]",
        "sample 'Help' in OverviewIntent is a phrase of AMAZON.HelpIntent",
    ),
    # Slots.
    Case(
        "undefined slot type",
        add_intent(
            {
                "name": intents.RELIEF,
                "slots": [{"name": "method", "type": "RELIEF_METHOD"}],
                "samples": ["does {method} help"],
            }
        ),
        "intents[ReliefIntent].slots[method]",
        "has type 'RELIEF_METHOD', which is neither a custom type in 'types' nor a built-in",
    ),
    Case(
        "slot name characters",
        add_intent(
            {
                "name": intents.RELIEF,
                "slots": [{"name": "relief method", "type": "AMAZON.SearchQuery"}],
                "samples": ["does {relief method} help"],
            }
        ),
        "intents[ReliefIntent].slots[relief method]",
        "slot name 'relief method' in ReliefIntent may only contain letters and underscores",
    ),
    Case(
        "slot declared twice",
        lambda m: intent(m, intents.CONDITION)["slots"].append(
            {"name": "condition", "type": "BACK_CONDITION"}
        ),
        "intents[ConditionIntent].slots[condition]",
        "slot 'condition' is declared twice in ConditionIntent",
    ),
    Case(
        "slot without a type",
        lambda m: intent(m, intents.CONDITION)["slots"][0].pop("type"),
        "intents[ConditionIntent].slots[condition]",
        "slot 'condition' in ConditionIntent has no type",
    ),
    Case(
        "slot never used",
        lambda m: intent(m, intents.OVERVIEW).update(
            slots=[{"name": "when", "type": "AMAZON.DATE"}]
        ),
        "intents[OverviewIntent].slots[when]",
        "slot 'when' of OverviewIntent is not used in any sample utterance",
        "warning",
    ),
    Case(
        "slot sample with an undeclared slot",
        lambda m: intent(m, intents.CONDITION)["slots"][0].update(samples=["it is {illness}"]),
        "intents[ConditionIntent].slots[condition].samples[0]",
        "uses slot 'illness', which the intent does not declare",
    ),
    # Slot types.
    Case(
        "synonym repeats another value",
        lambda m: values(m)[1]["name"].update(synonyms=["Sciatica"]),
        "types[BACK_CONDITION].values[LUMBAGO].synonyms[0]",
        "'Sciatica' appears twice in slot type 'BACK_CONDITION' (already under SCIATICA)",
    ),
    Case(
        "value id used twice",
        lambda m: values(m)[1].update(id="SCIATICA"),
        "types[BACK_CONDITION].values[SCIATICA]",
        "id 'SCIATICA' is used twice in slot type 'BACK_CONDITION'",
    ),
    Case(
        "value without a name",
        lambda m: values(m)[1].update(name={"synonyms": ["low back pain"]}),
        "types[BACK_CONDITION].values[LUMBAGO]",
        "value LUMBAGO of slot type 'BACK_CONDITION' has no name.value",
    ),
    Case(
        "type without values",
        lambda m: lm(m)["types"][0].update(values=[]),
        "types[BACK_CONDITION].values",
        "slot type 'BACK_CONDITION' has no values",
    ),
    Case(
        "type name characters",
        lambda m: lm(m)["types"].append(
            {"name": "BACK-AREA", "values": [{"name": {"value": "neck"}}]}
        ),
        "types[BACK-AREA]",
        "slot type name 'BACK-AREA' may only contain letters and underscores",
        # Also unused; that warning is asserted separately below.
    ),
    Case(
        "type declared twice",
        lambda m: lm(m)["types"].append(copy.deepcopy(lm(m)["types"][0])),
        "types[BACK_CONDITION]",
        "slot type 'BACK_CONDITION' is declared more than once",
    ),
    # Shape.
    Case(
        "not the ASK CLI format",
        lambda m: m.update(interactionModel={"intents": []}),
        "interactionModel.languageModel",
        "expected the ASK CLI format",
    ),
    Case(
        "intents not a list",
        lambda m: lm(m).update(intents={intents.OVERVIEW: {}}),
        "intents",
        "'intents' must be a list",
    ),
]


def test_the_small_model_is_clean() -> None:
    assert check_model(small_model()) == []


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.id)
def test_each_broken_rule_is_reported_once_where_it_happens(case: Case) -> None:
    model = small_model()
    case.change(model)
    problems = [
        p for p in check_model(model) if case.id != "intents not a list" or p.where == "intents"
    ]
    relevant = [p for p in problems if p.where == case.where and case.says in p.message]
    assert len(relevant) == 1, problems
    assert relevant[0].severity == case.severity


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.id)
def test_breaking_one_rule_reports_nothing_else(case: Case) -> None:
    model = small_model()
    case.change(model)
    problems = check_model(model)
    unrelated = [p for p in problems if p.where != case.where and not _side_effect(case, p)]
    assert unrelated == []


def _side_effect(case: Case, problem: Problem) -> bool:
    """Knock-on problems a few cases cannot avoid, each itself a real rule."""
    unused_type = "is not used by any slot" in problem.message
    expected = {
        # An intents mapping hides the built-ins and every slot.
        "intents not a list": problem.where == "intents" or unused_type,
        "type name characters": unused_type,
        "slot without a type": unused_type,
    }
    return expected.get(case.id, False)


def test_an_unused_custom_type_is_a_warning() -> None:
    model = small_model()
    lm(model)["types"].append({"name": "BACK_AREA", "values": [{"name": {"value": "neck"}}]})
    assert check_model(model) == [
        Problem("types[BACK_AREA]", "slot type 'BACK_AREA' is not used by any slot", "warning")
    ]


def test_built_in_slot_types_and_parametrised_built_ins_are_accepted() -> None:
    model = small_model()
    lm(model)["intents"].append(
        {
            "name": "AMAZON.SearchAction<object@WeatherForecast>",
            "samples": [],
        }
    )
    intent(model, intents.CONDITION)["slots"].append({"name": "since", "type": "AMAZON.DATE"})
    intent(model, intents.CONDITION)["samples"].append("i've had {condition} since {since}")
    assert check_model(model) == []


def test_abbreviations_and_possessives_are_allowed() -> None:
    model = small_model()
    lm(model)["invocationName"] = "sam's n. h. s. guide"
    intent(model, intents.OVERVIEW)["samples"].append("what does my g. p. think about sam's back")
    assert check_model(model) == []


def test_problems_are_frozen_values() -> None:
    problem = Problem("invocationName", "bad")
    assert problem.severity == "error"
    with pytest.raises(dataclasses.FrozenInstanceError):
        problem.message = "changed"  # type: ignore[misc]


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=20,
)
NAME = st.sampled_from(["name", "samples", "slots", "type", "values", "id", "synonyms", "value"])
SHAPED = st.recursive(
    JSON,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(NAME, inner, max_size=4),
    max_leaves=25,
)


@settings(max_examples=150, deadline=None)
@given(invocation_name=JSON, intents=SHAPED, types=SHAPED)
def test_any_json_gets_problems_not_a_crash(invocation_name, intents, types) -> None:
    model = {
        "interactionModel": {
            "languageModel": {"invocationName": invocation_name, "intents": intents, "types": types}
        }
    }
    problems = check_model(model)
    assert all(isinstance(p, Problem) and p.message for p in problems)


@settings(max_examples=50, deadline=None)
@given(JSON)
def test_anything_at_the_top_gets_problems_not_a_crash(value) -> None:
    assert isinstance(check_model(value), list)


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    children = (
        value.items()
        if isinstance(value, dict)
        else enumerate(value)
        if isinstance(value, list)
        else []
    )
    found = [prefix] if prefix else []
    for key, child in children:
        found += _paths(child, (*prefix, key))
    return found


LEAF = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.text(max_size=5)
    | st.lists(st.integers(), max_size=2)
)


@settings(max_examples=200, deadline=None)
@given(path=st.sampled_from(_paths(small_model())), replacement=LEAF)
def test_any_part_of_a_good_model_replaced_by_junk_gets_problems_not_a_crash(
    path, replacement
) -> None:
    model = small_model()
    parent: Any = model
    for key in path[:-1]:
        parent = parent[key]
    parent[path[-1]] = replacement
    assert all(isinstance(p, Problem) for p in check_model(model))
