"""The interaction model built from grammar files; the check that the committed one is current."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from alexa_model.source import SourceError, build_model, is_current, render
from backpain import intents

ROOT = Path(__file__).resolve().parents[2]
GRAMMAR = ROOT / "interaction_models" / "grammar" / "en-GB"
MODEL = ROOT / "interaction_models" / "en-GB.json"


def write(folder: Path, name: str, text: str) -> None:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_the_committed_model_is_what_its_grammar_builds():
    assert is_current(GRAMMAR, MODEL), "run 'backpain model build' and commit the result"


def test_files_join_into_one_model_with_rules_shared_and_values_merged(tmp_path):
    write(tmp_path, "00-skill.yaml", """
model:
  invocationName: test skill
intents:
- name: DescribeIntent
  slots: [{name: sign, type: SIGN}]
- name: AMAZON.StopIntent
types:
- name: SIGN
""")
    write(tmp_path, "10-words.yaml", """
rules:
  my: "(my|the)"
intents:
- name: DescribeIntent
  samples: ["i have {sign}", "<my> {sign} (hurts|aches)"]
types:
- name: SIGN
  values:
  - {id: numb, name: numbness, synonyms: [numb bum]}
""")
    write(tmp_path, "signs/numb.yaml", """
types:
- name: SIGN
  values:
  - id: numb
    name: numbness
    rules:
      part: "(bum|saddle area)"
    synonyms: ["<my> <part> is numb"]
""")
    document = build_model(tmp_path)
    language = document["interactionModel"]["languageModel"]
    assert language["invocationName"] == "test skill"
    assert [intent["name"] for intent in language["intents"]] == [
        "DescribeIntent", intents.STOP,
    ]  # fmt: skip
    assert language["intents"][0]["samples"] == [
        "i have {sign}", "my {sign} hurts", "my {sign} aches", "the {sign} hurts",
        "the {sign} aches",
    ]  # fmt: skip
    assert language["types"] == [{"name": "SIGN", "values": [{"id": "numb", "name": {
        "value": "numbness", "synonyms": [
            "numb bum", "my bum is numb", "my saddle area is numb", "the bum is numb",
            "the saddle area is numb",
        ]}}]}]  # fmt: skip


def test_a_phrase_that_stands_for_two_values_is_refused(tmp_path):
    write(tmp_path, "a.yaml", """
model: {invocationName: test skill}
types:
- name: SIGN
  values:
  - {id: a, name: chest pain, synonyms: ["(sore|tight) chest"]}
  - {id: b, name: lump, synonyms: [tight chest]}
""")
    with pytest.raises(SourceError, match=r"'tight chest' \('chest pain' and 'lump'\)"):
        build_model(tmp_path)


def test_a_broken_template_names_its_file_and_intent(tmp_path):
    broken = "model: {invocationName: x}\nintents:\n- {name: A, samples: ['(a|b']}\n"
    write(tmp_path, "a.yaml", broken)
    with pytest.raises(SourceError, match=r"a\.yaml: A: .*a missing"):
        build_model(tmp_path)


def test_a_stale_model_is_reported_by_validate_and_model_build(tmp_path):
    """Edit the grammar without building: `validate` and `model build --check` both say so."""
    checkout = tmp_path / "checkout"
    shutil.copytree(ROOT / "interaction_models", checkout / "interaction_models")
    shutil.copytree(ROOT / "skill-package", checkout / "skill-package")
    (checkout / "lambda").mkdir()
    shutil.copy(ROOT / "lambda" / "lambda_function.py", checkout / "lambda")
    shutil.copytree(ROOT / "skill" / "backpain", checkout / "skill" / "backpain")
    grammar = checkout / "interaction_models" / "grammar" / "en-GB" / "10-topics.yaml"
    extra = "- name: OverviewIntent\n  samples: [tell me it all]\n"
    grammar.write_text(grammar.read_text() + extra)
    backpain = str(Path(sys.executable).parent / "backpain")

    checked = subprocess.run(
        [backpain, "validate"], cwd=checkout, capture_output=True, text=True, check=False
    )
    assert checked.returncode == 1
    assert "is not what its grammar (grammar/en-GB/) builds" in checked.stdout

    stale = subprocess.run(
        [backpain, "model", "build", "--check"], cwd=checkout, capture_output=True, text=True,
        check=False,
    )
    assert stale.returncode == 1
    assert "interaction_models/en-GB.json: out of date" in stale.stderr

    built = subprocess.run(
        [backpain, "model", "build"], cwd=checkout, capture_output=True, text=True, check=False
    )
    assert built.returncode == 0, built.stderr
    model = json.loads((checkout / "interaction_models" / "en-GB.json").read_text())
    samples = next(i["samples"] for i in model["interactionModel"]["languageModel"]["intents"]
                   if i["name"] == intents.OVERVIEW)  # fmt: skip
    assert "tell me it all" in samples
    assert subprocess.run([backpain, "validate"], cwd=checkout, check=False).returncode == 0


def test_the_generated_model_keeps_within_alexas_size_limits():
    text = render(build_model(GRAMMAR))
    language = json.loads(text)["interactionModel"]["languageModel"]
    values = sum(
        1 + len(value["name"].get("synonyms", []))
        for slot_type in language["types"]
        for value in slot_type["values"]
    )
    # Our own bound, well inside Alexa's 50,000 custom slot values per skill: the warning signs'
    # long tail of wordings needs room (issue #20), and a reviewer reads the grammar's diff, not
    # the generated model's.
    assert values < 20_000
    # Amazon's model API refuses a model definition longer than 1,000,000 characters ("Member
    # must have length less than or equal to 1000000", alexa/ask-cli issue 9).
    assert len(text.encode()) < 1_000_000
