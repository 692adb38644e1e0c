"""The ASK CLI v2 project: `ask deploy` finds everything it needs, with nothing to edit by hand."""

from __future__ import annotations

import ast
import json
import os
import re
import shutil
import subprocess
from typing import Any

import pytest

from backpain_tools.deploy.example_phrases import SampleMatcher, read_example_phrase
from backpain_tools.deploy.project import LAMBDA_PYTHON, Project
from tests.backpain_tools.deploy.conftest import REPO


def resources() -> dict[str, Any]:
    return json.loads((REPO / "ask-resources.json").read_text())["profiles"]["default"]


def manifest() -> dict[str, Any]:
    return json.loads((REPO / "skill-package" / "skill.json").read_text())["manifest"]


def test_ask_resources_use_the_v2_format() -> None:
    assert json.loads((REPO / "ask-resources.json").read_text())["askcliResourcesVersion"] == (
        "2020-03-31"
    )


def test_skill_metadata_is_the_package_backpain_package_assembles(project: Project) -> None:
    source = REPO / resources()["skillMetadata"]["src"]
    assert source.resolve() == (project.build / "skill-package").resolve()


def test_code_is_the_lambda_folder_with_entry_point_and_requirements() -> None:
    code = REPO / resources()["code"]["default"]["src"]
    assert (code / "lambda_function.py").is_file()
    assert (code / "requirements.txt").is_file()


def test_the_deployer_runs_our_handler_on_our_runtime_in_ireland() -> None:
    infrastructure = resources()["skillInfrastructure"]
    assert infrastructure["type"] == "@ask-cli/lambda-deployer"
    config = infrastructure["userConfig"]
    assert config["runtime"] == f"python{LAMBDA_PYTHON}"
    assert config["awsRegion"] == "eu-west-1"
    module, _, function = config["handler"].partition(".")
    source = (REPO / "lambda" / f"{module}.py").read_text()
    defined = {node.name for node in ast.parse(source).body if isinstance(node, ast.FunctionDef)}
    assert function in defined
    # Alexa waits 8 seconds for a skill's answer; a longer Lambda timeout would never be used.
    assert config["lambda"]["timeout"] < 8


def test_lambda_requirements_are_the_skill_core_only() -> None:
    wanted = set()
    for line in (REPO / "lambda" / "requirements.in").read_text().splitlines():
        requirement = line.split("#", 1)[0].strip()
        if requirement:
            wanted.add(re.split(r"[<>=!~\[; ]", requirement, maxsplit=1)[0].lower())
    assert wanted == {"ask-sdk-core"}


def test_the_lambda_lock_pins_every_package_with_its_hashes() -> None:
    lock = (REPO / "lambda" / "requirements.txt").read_text()
    pins = re.findall(r"^([a-z0-9._-]+)==\S+ \\\n(?:\s+--hash=sha256:[0-9a-f]{64}\b)", lock, re.M)
    named = re.findall(r"^([a-z0-9._-]+)\b", lock, re.M)
    assert "ask-sdk-core" in pins
    assert sorted(pins) == sorted(named)


def test_the_build_hook_is_an_executable_bash_script_running_backpain_package() -> None:
    hook = REPO / "hooks" / "build.sh"
    assert os.access(hook, os.X_OK)
    text = hook.read_text()
    assert text.startswith("#!/usr/bin/env bash\n")
    assert 'package --ask-hook "$zip_path"' in text


def test_no_committed_copy_of_the_model_can_drift() -> None:
    files = [p.relative_to(REPO).as_posix() for p in (REPO / "skill-package").rglob("*")]
    assert files == ["skill-package/skill.json"]


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_generated_and_ask_cli_state_folders_are_ignored_by_git() -> None:
    for path in ("build/skill-package/skill.json", "build/lambda.zip", ".ask/ask-states.json"):
        done = subprocess.run(
            ["git", "check-ignore", "--quiet", path], cwd=REPO, check=False, capture_output=True
        )
        assert done.returncode == 0, f"{path} is not ignored by git"


def test_the_manifest_leaves_the_endpoint_to_the_deployer() -> None:
    assert "endpoint" not in manifest()["apis"]["custom"]
    assert "regions" not in manifest()["apis"]["custom"]


def test_every_manifest_locale_has_a_model(project: Project) -> None:
    for locale in manifest()["publishingInformation"]["locales"]:
        assert project.model_for(locale).is_file()


def test_store_text_carries_the_health_disclaimer() -> None:
    store = manifest()["publishingInformation"]["locales"]["en-GB"]
    assert store["name"] == "Back Pain Guide"
    for text in (store["summary"], store["description"]):
        assert "NHS website" in text
        assert "not a diagnosis" in text.lower()
        assert "not a substitute for professional medical advice" in text
    description = store["description"]
    for needed in ("GP", "NHS 111", "999", "Content supplied by the NHS website"):
        assert needed in description


def test_availability_and_category() -> None:
    publishing = manifest()["publishingInformation"]
    assert publishing["category"] == "HEALTH_AND_FITNESS"
    assert publishing["isAvailableWorldwide"] is False
    assert publishing["distributionCountries"] == ["GB"]


def test_privacy_answers_are_the_true_ones() -> None:
    assert manifest()["privacyAndCompliance"] == {
        "allowsPurchases": False,
        "usesPersonalInfo": False,
        "isChildDirected": False,
        "isExportCompliant": True,
        "containsAds": False,
    }


def test_apl_is_declared() -> None:
    types = [interface["type"] for interface in manifest()["apis"]["custom"]["interfaces"]]
    assert "ALEXA_PRESENTATION_APL" in types


def test_example_phrases_open_or_ask_and_say_real_samples(project: Project) -> None:
    phrases = manifest()["publishingInformation"]["locales"]["en-GB"]["examplePhrases"]
    assert phrases[0] == "Alexa, open back pain guide"
    assert 1 <= len(phrases) <= 3
    matcher = SampleMatcher(json.loads(project.model_for("en-GB").read_text()))
    for phrase in phrases[1:]:
        assert phrase.startswith("Alexa, ask back pain guide ")
        reading = read_example_phrase(phrase, matcher.invocation_name)
        assert reading.utterance and matcher.intent_for(reading.utterance), phrase
