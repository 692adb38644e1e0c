"""`backpain nlu score`: a live NLU evaluation's results judged with the export's key.

Amazon's servers are the one thing stood in for: the results are written here in the shape
`ask smapi get-result-for-nlu-evaluations` prints (`testCases` with inputs, actual, expected and
Alexa's own PASSED or FAILED)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from backpain import intents
from backpain_tools import cli

KEY: dict[str, Any] = {
    "set": "exam-batch-x",
    "locale": "en-GB",
    "annotations": [
        {
            "utterance": "my chest's proper tight and my back's killing me",
            "label": "urgent:chest_pain",
            "reference": intents.DESCRIBE,
            "slots": {"sign": "chest pain"},
            "accepted": ["DescribeSymptomIntent{sign=chest_pain}"],
        },
        {
            "utterance": "there's a lump on my spine",
            "label": "urgent:swelling_deformity",
            "reference": intents.DESCRIBE,
            "slots": {"sign": "a lump on my spine"},
            "accepted": ["DescribeSymptomIntent{sign=swelling_deformity}"],
        },
        {
            "utterance": "no I can't pee",
            "label": "answer:yes",
            "reference": intents.DESCRIBE,
            "slots": {"sign": "can't pee"},
            "accepted": ["DescribeSymptomIntent{sign=difficulty_peeing}", intents.YES],
        },
        {
            "utterance": "i did my back in at the gym",
            "label": "calm",
            "reference": intents.BACK_INJURY,
            "slots": {},
            "accepted": [intents.BACK_INJURY, intents.CAUSES],
        },
        {
            "utterance": "what's non specific back pain",
            "label": "topic:causes",
            "reference": intents.CAUSES,
            "slots": {},
            "accepted": [intents.CAUSES, "ConditionIntent{condition=NON_SPECIFIC}"],
        },
        {
            "utterance": "does ibuprofen help",
            "label": "topic:relief.painkillers",
            "reference": intents.RELIEF,
            "slots": {"method": "ibuprofen"},
            "accepted": ["ReliefIntent{method=PAINKILLERS}"],
        },
    ],
    "left_out": [{"utterance": "what's a deformity", "label": "answer:explain", "why": "none"}],
}


def case(utterance: str, intent: str, slots: dict[str, str], passed: bool) -> dict[str, Any]:
    actual: dict[str, Any] = {"name": intent}
    if slots:
        actual["slots"] = {name: {"value": value} for name, value in slots.items()}
    return {
        "status": "PASSED" if passed else "FAILED",
        "inputs": {"utterance": utterance},
        "actual": {"domain": "custom", "intent": actual},
        "expected": [{"domain": "custom", "intent": {"name": "whatever"}}],
    }


def write(tmp_path: Path, name: str, document: Any) -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(document))
    return path


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path, Path]:
    key = write(tmp_path, "exam.key.json", KEY)
    page_one = {
        "totalFailed": 4,
        "testCases": [
            case(
                "My chest's proper tight and my back's killing me.",
                intents.DESCRIBE,
                {"sign": "tight"},
                False,
            ),
            case("there's a lump on my spine", intents.FALLBACK, {}, False),
            case("no i can't pee", intents.NO, {}, False),
        ],
    }
    page_two = {
        "body": {
            "testCases": [
                case("i did my back in at the gym", intents.DESCRIBE, {}, False),
                case(
                    "what's non specific back pain",
                    intents.CONDITION,
                    {"condition": "non specific back pain"},
                    False,
                ),
                case("does ibuprofen help", intents.RELIEF, {"method": "Ibuprofen"}, True),
            ]
        }
    }
    return key, write(tmp_path, "one.json", page_one), write(tmp_path, "two.json", page_two)


def run(capsys: pytest.CaptureFixture[str], *argv: str | Path) -> tuple[int, str, str]:
    code = cli.main(["nlu", "score", *map(str, argv)])
    out, err = capsys.readouterr()
    return code, out, err


def test_the_score_is_right_for_a_person_beside_alexas_own_pass_rate(
    capsys: pytest.CaptureFixture[str], files: tuple[Path, Path, Path]
) -> None:
    code, out, _ = run(capsys, *files)
    assert code == 0
    assert out.splitlines() == [
        "exam-batch-x on Alexa: 2 of 6 right for a person (33.3%); Alexa's own pass rate "
        "against the one reference: 1 of 6 (16.7%)",
        "  1 item(s) were left out at export (no intent means them yet)",
        "  red flag not heard as one: 1",
        "  possible yes heard as a no: 1",
        "  calm heard as a red flag: 1",
    ]


def test_verbose_lists_each_miss_with_what_would_have_been_right(
    capsys: pytest.CaptureFixture[str], files: tuple[Path, Path, Path]
) -> None:
    _, out, _ = run(capsys, *files, "-v")
    misses = [line for line in out.splitlines() if line.startswith("miss:")]
    assert misses == [
        "miss: urgent:chest_pain: \"my chest's proper tight and my back's killing me\" -> "
        "DescribeSymptomIntent {'sign': 'tight'}; right: DescribeSymptomIntent{sign=chest_pain}",
        'miss: urgent:swelling_deformity: "there\'s a lump on my spine" -> AMAZON.FallbackIntent;'
        " right: DescribeSymptomIntent{sign=swelling_deformity} [red flag not heard as one]",
        'miss: answer:yes: "no I can\'t pee" -> AMAZON.NoIntent; right: '
        "DescribeSymptomIntent{sign=difficulty_peeing}, AMAZON.YesIntent "
        "[possible yes heard as a no]",
        "miss: calm: 'i did my back in at the gym' -> DescribeSymptomIntent; right: "
        "BackInjuryIntent, CausesIntent [calm heard as a red flag]",
    ]


def test_an_annotation_without_a_result_is_counted_apart(
    capsys: pytest.CaptureFixture[str], files: tuple[Path, Path, Path]
) -> None:
    key, one, _ = files
    _, out, _ = run(capsys, key, one)
    assert out.splitlines()[0].startswith("exam-batch-x on Alexa: 0 of 3 right")
    assert "  3 annotation(s) of the key have no result (not evaluated)" in out.splitlines()


def test_files_that_are_not_results_or_a_key_get_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, files: tuple[Path, Path, Path]
) -> None:
    key, one, _ = files
    code, _, err = run(capsys, key, write(tmp_path, "x.json", {"data": []}))
    assert code == 2
    assert err.strip().endswith(
        "no 'testCases' (expected the output of ask smapi get-result-for-nlu-evaluations)"
    )
    code, _, err = run(capsys, one, one)
    assert code == 2 and "not a key file written by 'backpain nlu export'" in err
    broken = tmp_path / "broken.json"
    broken.write_text("{")
    code, _, err = run(capsys, key, broken)
    assert code == 2 and len(err.strip().splitlines()) == 1 and "not readable JSON" in err
