"""The skill package ask-cli uploads is assembled from the one model source and our skill.json."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from backpain_tools.deploy.project import Project
from backpain_tools.deploy.skill_package import SkillPackageError, assemble_skill_package

ARN = "arn:aws:lambda:eu-west-1:123456789012:function:ask-backpainguide-default-default-1"
MODEL = Path("interactionModels") / "custom" / "en-GB.json"


def manifest(locales: tuple[str, ...] = ("en-GB",), summary: str = "A summary.") -> dict[str, Any]:
    return {
        "manifest": {
            "manifestVersion": "1.0",
            "publishingInformation": {
                "locales": {
                    locale: {"name": "Back Pain Guide", "summary": summary} for locale in locales
                }
            },
            "apis": {"custom": {"interfaces": []}},
        }
    }


def model(invocation: str = "back pain guide") -> dict[str, Any]:
    return {"interactionModel": {"languageModel": {"invocationName": invocation, "intents": []}}}


def write_json(path: Path, content: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(content, indent=2) + "\n")


@pytest.fixture
def checkout(tmp_path: Path) -> Project:
    project = Project(tmp_path / "checkout")
    write_json(project.manifest, manifest())
    write_json(project.model_for("en-GB"), model())
    return project


def test_our_package_holds_exactly_the_source_model_and_manifest(
    project: Project, tmp_path: Path
) -> None:
    built = assemble_skill_package(project, tmp_path / "skill-package")
    assert (built.path / MODEL).read_bytes() == project.model_for("en-GB").read_bytes()
    assert (built.path / "skill.json").read_bytes() == project.manifest.read_bytes()
    assert built.locales == ("en-GB",)
    files = sorted(p.relative_to(built.path) for p in built.path.rglob("*") if p.is_file())
    assert files == [MODEL, Path("skill.json")]


def test_a_first_assembly_reports_every_file_and_a_second_none(
    checkout: Project, tmp_path: Path
) -> None:
    dest = tmp_path / "out"
    assert assemble_skill_package(checkout, dest).changed == (MODEL.as_posix(), "skill.json")
    assert assemble_skill_package(checkout, dest).changed == ()


def test_a_model_edit_is_a_change(checkout: Project, tmp_path: Path) -> None:
    dest = tmp_path / "out"
    assemble_skill_package(checkout, dest)
    write_json(checkout.model_for("en-GB"), model("my back guide"))
    assert assemble_skill_package(checkout, dest).changed == (MODEL.as_posix(),)
    assert (dest / MODEL).read_bytes() == checkout.model_for("en-GB").read_bytes()


def test_the_endpoint_ask_cli_records_survives_reassembly(
    checkout: Project, tmp_path: Path
) -> None:
    dest = tmp_path / "out"
    assemble_skill_package(checkout, dest)
    # ask-cli's lambda-deployer writes the ARN into the uploaded skill.json, re-indented its way.
    deployed = json.loads((dest / "skill.json").read_text())
    deployed["manifest"]["apis"]["custom"]["endpoint"] = {"uri": ARN}
    (dest / "skill.json").write_text(json.dumps(deployed, indent=4))

    assert assemble_skill_package(checkout, dest).changed == ()

    write_json(checkout.manifest, manifest(summary="A new summary."))
    assert assemble_skill_package(checkout, dest).changed == ("skill.json",)
    rebuilt = json.loads((dest / "skill.json").read_text())
    assert rebuilt["manifest"]["apis"]["custom"]["endpoint"] == {"uri": ARN}
    assert rebuilt["manifest"]["publishingInformation"]["locales"]["en-GB"]["summary"] == (
        "A new summary."
    )


def test_a_dropped_locale_takes_its_model_out(checkout: Project, tmp_path: Path) -> None:
    dest = tmp_path / "out"
    write_json(checkout.manifest, manifest(("en-GB", "en-IE")))
    write_json(checkout.model_for("en-IE"), model())
    assemble_skill_package(checkout, dest)
    write_json(checkout.manifest, manifest(("en-GB",)))
    changed = assemble_skill_package(checkout, dest).changed
    assert changed == ("skill.json", "interactionModels/custom/en-IE.json")
    assert not (dest / "interactionModels" / "custom" / "en-IE.json").exists()


def test_a_locale_without_a_model_is_an_error(checkout: Project, tmp_path: Path) -> None:
    write_json(checkout.manifest, manifest(("en-GB", "en-AU")))
    with pytest.raises(SkillPackageError, match=r"lists locale en-AU but .*en-AU\.json does not"):
        assemble_skill_package(checkout, tmp_path / "out")


def test_an_unreadable_model_is_an_error(checkout: Project, tmp_path: Path) -> None:
    checkout.model_for("en-GB").write_text("{not json")
    with pytest.raises(SkillPackageError, match="is not readable JSON"):
        assemble_skill_package(checkout, tmp_path / "out")
