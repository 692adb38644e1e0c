"""Utterance conflicts: words Alexa would hear as two intents, directly or through a slot value."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

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
