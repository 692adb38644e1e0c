"""`backpain validate`: our project passes; each broken file is named, one line per problem."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from backpain import intents
from backpain_tools.deploy import commands
from backpain_tools.deploy.project import Project
from backpain_tools.deploy.validation import skill_answers_can_fulfill, skill_uses_apl
from tests.backpain_tools.deploy.conftest import REPO


def our_manifest() -> dict[str, Any]:
    return json.loads((REPO / "skill-package" / "skill.json").read_text())


def our_model() -> dict[str, Any]:
    return json.loads((REPO / "interaction_models" / "en-GB.json").read_text())


def write(path: Path, content: Any) -> Path:
    path.write_text(json.dumps(content, indent=2))
    return path


def validate(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, list[str], str]:
    code = commands.main("validate", list(argv))
    out, err = capsys.readouterr()
    return code, out.splitlines(), err


def test_our_project_passes(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(REPO)
    code, lines, _ = validate(capsys)
    assert code == 0
    assert lines == ["backpain validate: the model and manifest follow Alexa's rules"]


def test_a_phrase_that_says_no_sample_is_named_with_its_path(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    manifest = copy.deepcopy(our_manifest())
    store = manifest["manifest"]["publishingInformation"]["locales"]["en-GB"]
    store["examplePhrases"][1] = "Alexa ask back pain guide about knees"
    path = write(tmp_path / "manifest.json", manifest)
    code, lines, err = validate(capsys, "--manifest", str(path))
    assert code == 1
    phrase = "publishingInformation.locales.en-GB.examplePhrases[1]"
    assert lines == [
        f"{path}: {phrase} 'Alexa ask back pain guide about knees' must start with the wake word "
        "and a comma: 'Alexa, ...'",
        f"{path}: {phrase} 'Alexa ask back pain guide about knees' does not match any sample",
    ]
    assert "2 problem(s)" in err


def test_model_problems_come_from_the_model_rules(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    model = copy.deepcopy(our_model())
    declared = model["interactionModel"]["languageModel"]["intents"]
    causes = next(intent for intent in declared if intent["name"] == intents.CAUSES)
    causes["samples"].append(causes["samples"][0])
    path = write(tmp_path / "en-GB.json", model)
    code, lines, _ = validate(capsys, "--model", str(path))
    assert code == 1
    assert lines and all(line.startswith(f"{path}: intents") for line in lines)
    assert causes["samples"][0] in lines[0]


def test_warnings_are_shown_but_pass(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    model = copy.deepcopy(our_model())
    language = model["interactionModel"]["languageModel"]
    language["intents"] = [i for i in language["intents"] if i["name"] != intents.FALLBACK]
    path = write(tmp_path / "en-GB.json", model)
    code, lines, _ = validate(capsys, "--model", str(path))
    assert code == 0
    assert lines[0].startswith(f"{path}: warning: intents ")
    assert intents.FALLBACK in lines[0]
    assert lines[-1].endswith("(1 warning(s))")


def test_a_missing_manifest_is_reported(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, lines, _ = validate(capsys, "--manifest", str(tmp_path / "absent.json"))
    assert code == 1
    assert lines == [f"{tmp_path / 'absent.json'}: (file) does not exist"]


def test_our_core_sends_apl(project: Project) -> None:
    assert skill_uses_apl(project)


def test_our_core_answers_can_fulfill(project: Project) -> None:
    assert skill_answers_can_fulfill(project)


def test_a_broken_name_free_container_fails(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    model = copy.deepcopy(our_model())
    points = model["interactionModel"]["_nameFreeInteraction"]["ingressPoints"]
    launch = next(point for point in points if point["type"] == "LAUNCH")
    launch["sampleUtterances"].append({"format": "RAW_TEXT", "value": "tell me about {condition}"})
    path = write(tmp_path / "model.json", model)
    code, lines, _ = validate(capsys, "--model", str(path))
    assert code == 1
    where = f"_nameFreeInteraction.ingressPoints[{points.index(launch)}]"
    assert lines[:2] == [
        f"{path}: {where}.sampleUtterances[5] ingress phrase 'tell me about {{condition}}' has a "
        "slot or a curly bracket; ingress phrases take none",
        f"{path}: _nameFreeInteraction.ingressPoints 6 skill launch phrases; the limit is 5",
    ]
