"""Utterance conflicts: words Alexa would hear as two intents, directly or through a slot value."""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from alexa_model.problem import Problem
from alexa_model.rules import check_model
from backpain import intents
from backpain_tools.deploy import commands
from tests.alexa_model.fixtures import model_document
from tests.alexa_model.test_model_rules import small_model  # the same rule-abiding model

Model = dict[str, Any]

# The en-GB model's known utterance conflicts, each named by its exact message. The model has
# none today; if one is ever accepted for a while, it is listed here so the rule stays on and the
# list can only be emptied by fixing the model's source.
KNOWN_CONFLICTS: tuple[str, ...] = ()


def model_intents(model: Model) -> list[Model]:
    return model["interactionModel"]["languageModel"]["intents"]  # type: ignore[no-any-return]


def with_intent(intent: Model) -> Model:
    model = small_model()
    model_intents(model).insert(2, intent)
    return model


def conflicts(model: Model) -> list[Problem]:
    found = check_model(model)
    return [p for p in found if "conflict" in p.message or "also a sample" in p.message]


def test_the_small_model_has_no_conflict() -> None:
    assert check_model(small_model()) == []


def test_samples_that_differ_only_in_punctuation_case_and_spaces_are_one_utterance() -> None:
    model = with_intent({"name": intents.CAUSES, "samples": ["What is, back   pain?"]})
    assert [(p.where, p.severity) for p in conflicts(model)] == [
        ("intents[CausesIntent].samples[0]", "error")
    ]
    assert "is also a sample of OverviewIntent ('what is back pain')" in conflicts(model)[0].message


def test_spelled_letters_are_heard_as_the_word() -> None:
    model = with_intent({"name": intents.GET_HELP, "samples": ["see a g. p.", "see a gp"]})
    [problem] = [p for p in check_model(model) if p.where.startswith("intents[GetHelpIntent]")]
    assert problem.message == "sample 'see a gp' appears twice in GetHelpIntent"


def test_a_slot_filled_with_a_value_that_says_another_intents_sample_is_a_conflict() -> None:
    model = with_intent({"name": "LumbagoIntent", "samples": ["what is lumbago"]})
    assert conflicts(model) == [
        Problem(
            "intents[ConditionIntent].samples[1]",
            "utterance conflict: sample 'what is {condition}' in ConditionIntent with "
            "{condition} as 'lumbago' says 'what is lumbago', a sample of LumbagoIntent "
            "('what is lumbago'); Alexa cannot tell which intent is meant",
            "warning",
        )
    ]


def test_a_synonym_filling_is_a_conflict_too() -> None:
    model = with_intent({"name": "NervesIntent", "samples": ["Tell me about sciatic pain."]})
    [problem] = conflicts(model)
    assert problem.where == "intents[ConditionIntent].samples[0]"
    assert "with {condition} as 'sciatic pain' says 'tell me about sciatic pain'" in problem.message


def test_two_slotted_samples_of_different_intents_that_say_the_same_words() -> None:
    model = with_intent(
        {
            "name": "NervesIntent",
            "slots": [{"name": "nerve", "type": "BACK_CONDITION"}],
            "samples": ["what is {nerve}"],
        }
    )
    [problem] = conflicts(model)
    assert problem.severity == "warning"
    assert problem.where == "intents[NervesIntent].samples[0]"
    assert problem.message.startswith(
        "utterance conflict: sample 'what is {nerve}' in NervesIntent with {nerve} as "
        "'sciatica' and sample 'what is {condition}' in ConditionIntent with {condition} as "
        "'sciatica' both say 'what is sciatica'"
    )


def test_each_pair_of_samples_is_reported_once() -> None:
    model = with_intent(
        {
            "name": "NervesIntent",
            "slots": [{"name": "nerve", "type": "BACK_CONDITION"}],
            "samples": ["what is {nerve}"],
        }
    )
    # Three phrases fill both samples the same way; one line says so.
    assert len(conflicts(model)) == 1


def test_a_filling_that_says_a_sample_of_its_own_intent_is_no_conflict() -> None:
    model = small_model()
    model_intents(model)[0]["samples"].append("what is lumbago")
    assert check_model(model) == []


def test_a_built_in_slot_type_cannot_be_listed_so_it_is_not_filled() -> None:
    model = with_intent(
        {
            "name": "AgeIntent",
            "slots": [{"name": "age", "type": "AMAZON.NUMBER"}],
            "samples": ["i am {age}"],
        }
    )
    model_intents(model).insert(3, {"name": "TiredIntent", "samples": ["i am tired"]})
    assert conflicts(model) == []


def test_the_en_gb_model_has_exactly_the_known_conflicts() -> None:
    found = tuple(p.message for p in check_model(model_document()) if "conflict" in p.message)
    assert found == KNOWN_CONFLICTS


def test_backpain_validate_prints_a_conflict_as_a_warning_and_passes(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    model = copy.deepcopy(model_document())
    language = model["interactionModel"]["languageModel"]
    overview = next(i for i in language["intents"] if i["name"] == intents.OVERVIEW)
    overview["samples"].append("What is  Sciatica")
    condition = next(i for i in language["intents"] if i["name"] == intents.CONDITION)
    assert "what is {condition}" in condition["samples"]
    path = tmp_path / "en-GB.json"
    path.write_text(json.dumps(model))
    code = commands.main("validate", ["--model", str(path)])
    out, _ = capsys.readouterr()
    assert code == 0
    assert (
        f"{path}: warning: intents[ConditionIntent].samples["
        f"{condition['samples'].index('what is {condition}')}] utterance conflict: sample "
        "'what is {condition}' in ConditionIntent with {condition} as 'sciatica' says "
        "'what is sciatica', a sample of OverviewIntent ('What is  Sciatica'); Alexa cannot tell "
        "which intent is meant"
    ) in out.splitlines()
    assert out.splitlines()[-1].startswith("backpain validate: the model and manifest follow")


# --- slot fillings that meet across the carrier words ------------------------------------------
# The check judges a one-slot sample by the words around its slot, without filling it; these
# are the shapes where the words meet only once a phrase takes some of the other's carrier words.


def with_topic_intent(samples: list[str], phrases: list[str]) -> Model:
    model = with_intent(
        {"name": "TopicIntent", "slots": [{"name": "topic", "type": "TOPIC"}], "samples": samples}
    )
    model["interactionModel"]["languageModel"]["types"].append(
        {"name": "TOPIC", "values": [{"name": {"value": phrase}} for phrase in phrases]}
    )
    return model


def test_a_phrase_that_holds_the_other_samples_carrier_words_meets_it() -> None:
    model = with_topic_intent(["tell me {topic}"], ["football", "about lumbago"])
    [problem] = conflicts(model)
    assert problem.where == "intents[TopicIntent].samples[0]"
    assert "{topic} as 'about lumbago' and sample 'tell me about {condition}'" in problem.message
    assert "both say 'tell me about lumbago'" in problem.message


def test_phrases_that_each_take_the_others_carrier_words_meet() -> None:
    # "tell me about {condition}" and "{topic} about sciatica" both say "tell me about sciatica".
    model = with_topic_intent(["{topic} about sciatica"], ["tell me", "cricket"])
    [problem] = conflicts(model)
    assert "both say 'tell me about sciatica'" in problem.message


def test_carrier_words_that_no_phrase_completes_meet_nothing() -> None:
    model = with_topic_intent(
        ["{topic} about sciatica", "tell me {topic}", "{topic}"],
        ["tell us", "about cricket", "sciatica please", "what is", "backache now"],
    )
    assert conflicts(model) == []


def test_a_slot_alone_meets_the_plain_sample_its_phrase_says() -> None:
    model = with_topic_intent(["{topic}"], ["back ache", "Backache"])
    [problem] = conflicts(model)
    assert problem.message.startswith(
        "utterance conflict: sample '{topic}' in TopicIntent with {topic} as 'Backache' says "
        "'backache', a sample of OverviewIntent"
    )


WORDS = ("tell", "me", "about", "sciatica", "now")


def every_filling_clash(model: Model) -> set[tuple[str, ...]]:
    """(first sample, later sample of another intent) for each pair that say the same words,
    found the slow way, every filling of every sample: the reference for the check's shortcut."""
    language = model["interactionModel"]["languageModel"]
    phrases = {
        kind["name"]: [v["name"]["value"] for v in kind["values"]]
        + [s for v in kind["values"] for s in v["name"].get("synonyms", [])]
        for kind in language["types"]
    }
    said: dict[str, list[tuple[str, str]]] = {}
    for intent in language["intents"]:
        slots = {slot["name"]: slot["type"] for slot in intent.get("slots", [])}
        for sample in intent["samples"]:
            texts = [sample]
            for name, kind in slots.items():
                texts = [
                    text.replace("{" + name + "}", phrase)
                    for text in texts
                    for phrase in (phrases[kind] if "{" + name + "}" in text else [""])
                ]
            for text in texts:
                said.setdefault(" ".join(text.split()), []).append((intent["name"], sample))
    # Each is reported against the first sample that says the words.
    return {
        (first, sample)
        for (owner, first), *others in said.values()
        for name, sample in others
        if name != owner
    }


@settings(max_examples=150, deadline=None)
@given(
    samples=st.lists(
        st.lists(st.sampled_from(WORDS), max_size=3).flatmap(
            lambda words: st.integers(0, len(words)).map(
                lambda at: " ".join([*words[:at], "{topic}", *words[at:]])
            )
        ),
        min_size=1,
        max_size=4,
        unique=True,
    ),
    phrases=st.lists(
        st.lists(st.sampled_from(WORDS), min_size=1, max_size=3).map(" ".join),
        min_size=1,
        max_size=5,
        unique=True,
    ),
)
def test_the_shortcut_finds_what_filling_every_sample_finds(
    samples: list[str], phrases: list[str]
) -> None:
    model = with_topic_intent(samples, phrases)
    found = {
        tuple(reversed(re.findall(r"sample '([^']*)'", problem.message)))
        for problem in conflicts(model)
    }
    assert found == every_filling_clash(model)
