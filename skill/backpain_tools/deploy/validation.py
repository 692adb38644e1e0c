"""`backpain validate`'s checks: the interaction models and the manifest, read from disk."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from alexa_model.problem import Problem
from alexa_model.rules import check_model
from alexa_model.source import SourceError, is_current
from backpain_tools.deploy.lambda_package import core_entries
from backpain_tools.deploy.manifest_rules import check_manifest
from backpain_tools.deploy.project import Project

# What the core must contain to send APL screens (the SDK's directive module or the raw type).
APL_MARKERS = ("alexa.presentation.apl", "renderdocumentdirective")
# What the core must contain to answer Alexa's "can you fulfil this?" (a handler for the type).
CAN_FULFILL_MARKERS = ("canfulfillintentrequest",)


@dataclass(frozen=True)
class Finding:
    """A problem and the file it was found in."""

    file: str
    problem: Problem

    def __str__(self) -> str:
        label = f"{self.file}: warning:" if self.problem.severity == "warning" else f"{self.file}:"
        return f"{label} {self.problem.where} {self.problem.message}"


def display_path(path: Path, project: Project) -> str:
    try:
        return path.resolve().relative_to(project.root.resolve()).as_posix()
    except ValueError:
        return str(path)


def load_json(path: Path, label: str) -> tuple[Any, list[Finding]]:
    try:
        return json.loads(path.read_text(encoding="utf-8")), []
    except FileNotFoundError:
        return None, [Finding(label, Problem("(file)", "does not exist"))]
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        return None, [Finding(label, Problem("(file)", f"is not readable JSON: {error}"))]


def skill_uses_apl(project: Project) -> bool:
    """True when the code that goes to Lambda sends APL documents."""
    return _core_mentions(project, APL_MARKERS)


def skill_answers_can_fulfill(project: Project) -> bool:
    """True when the code that goes to Lambda answers CanFulfillIntentRequest."""
    return _core_mentions(project, CAN_FULFILL_MARKERS)


def _core_mentions(project: Project, markers: tuple[str, ...]) -> bool:
    entries, _ = core_entries(project)
    for path in entries.values():
        text = path.read_text(encoding="utf-8", errors="replace").lower()
        if any(marker in text for marker in markers):
            return True
    return False


def validate(project: Project, manifest_path: Path, model_path: Path | None) -> list[Finding]:
    """Findings for the manifest and, per locale, the model (`model_path` overrides them all)."""
    manifest_label = display_path(manifest_path, project)
    manifest, findings = load_json(manifest_path, manifest_label)
    if manifest is None:
        return findings
    body = manifest.get("manifest") if isinstance(manifest, dict) else None
    publishing = body.get("publishingInformation") if isinstance(body, dict) else None
    locales = publishing.get("locales") if isinstance(publishing, dict) else None
    locale_names = sorted(locales) if isinstance(locales, dict) else []

    model_files = (
        {locale: model_path for locale in locale_names}
        if model_path is not None
        else {locale: project.model_for(locale) for locale in locale_names}
    )
    if model_path is not None and not locale_names:
        model_files = {"": model_path}
    models: dict[str, Any] = {}
    checked: set[Path] = set()
    for locale, path in model_files.items():
        label = display_path(path, project)
        model, problems = load_json(path, label)
        findings += problems
        if model is None:
            continue
        if path not in checked:
            checked.add(path)
            findings += [Finding(label, problem) for problem in check_model(model)]
            findings += [Finding(label, problem) for problem in check_generated(path)]
        if locale:
            models[locale] = model
    findings += [
        Finding(manifest_label, problem)
        for problem in check_manifest(
            manifest,
            models,
            uses_apl=skill_uses_apl(project),
            answers_can_fulfill=skill_answers_can_fulfill(project),
        )
    ]
    return findings


def validate_models(paths: list[Path]) -> list[Finding]:
    """Findings for interaction models on their own (an installed wheel has no manifest)."""
    findings: list[Finding] = []
    for path in paths:
        model, problems = load_json(path, path.name)
        findings += problems
        if model is not None:
            findings += [Finding(path.name, problem) for problem in check_model(model)]
            findings += [Finding(path.name, problem) for problem in check_generated(path)]
    return findings


def grammar_folder(model_path: Path) -> Path:
    """Where the grammar a model is built from lives: interaction_models/grammar/<locale>/."""
    return model_path.parent / "grammar" / model_path.stem


def check_generated(model_path: Path) -> list[Problem]:
    """A model built from a grammar must be exactly what its grammar builds today: Alexa gets
    the JSON, so a grammar edit that was never built would silently not reach it."""
    folder = grammar_folder(model_path)
    if not folder.is_dir():
        return []
    try:
        if is_current(folder, model_path):
            return []
    except SourceError as error:
        return [Problem("(grammar)", f"its grammar cannot be built: {error}")]
    return [
        Problem(
            "(file)",
            f"is not what its grammar ({folder.parent.name}/{folder.name}/) builds; run "
            "'backpain model build' and commit the result",
        )
    ]
