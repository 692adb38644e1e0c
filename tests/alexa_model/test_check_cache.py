"""The remembered conflict check says what the check says, and forgets when the model changes."""

from __future__ import annotations

from pathlib import Path

import pytest

from alexa_model import rules
from alexa_model.check_cache import remembered
from alexa_model.problem import Problem
from alexa_model.reader import read_model
from alexa_model.rules import check_model
from tests.alexa_model.test_model_rules import lm, small_model


@pytest.fixture(autouse=True)
def own_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    return tmp_path


def test_a_model_seen_before_gets_the_same_problems_without_checking_again() -> None:
    model = read_model(small_model()).model
    found = [Problem("intents[X].samples[0]", "utterance conflict: ...", "warning")]
    assert remembered("check", model, lambda: found) == found
    assert remembered("check", model, lambda: pytest.fail("checked again")) == found


def test_a_changed_phrase_is_a_new_model() -> None:
    document = small_model()
    remembered("check", read_model(document).model, lambda: [])
    lm(document)["types"][0]["values"][1]["name"]["synonyms"] = ["lumbar pain"]
    found = [Problem("types[0]", "new", "warning")]
    assert remembered("check", read_model(document).model, lambda: found) == found


def test_a_small_model_is_checked_each_time_and_leaves_nothing_behind(own_cache: Path) -> None:
    document = small_model()
    lm(document)["intents"][1]["samples"].append("what is sciatica")
    first = check_model(document)
    assert any("utterance conflict" in problem.message for problem in first)
    assert check_model(document) == first
    assert not (own_cache / "alexa_model").exists()


def test_a_big_model_is_reported_alike_from_the_check_and_from_the_cache(
    own_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(rules, "REMEMBER_FROM_FILLINGS", 0)
    document = small_model()
    lm(document)["intents"][1]["samples"].append("what is sciatica")
    first = check_model(document)
    assert any("utterance conflict" in problem.message for problem in first)
    assert list((own_cache / "alexa_model" / "checks").glob("*.json"))
    assert check_model(document) == first


def test_an_unwritable_cache_is_no_cache(own_cache: Path) -> None:
    (own_cache / "alexa_model").write_text("a file where the folder would go")
    model = read_model(small_model()).model
    assert remembered("check", model, lambda: []) == []
