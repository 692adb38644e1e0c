"""Assemble the skill package ask-cli uploads: skill.json plus each locale's interaction model."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from backpain_tools.deploy.project import Project
from backpain_tools.errors import BackPainToolsError

MANIFEST = "skill.json"
MODELS = Path("interactionModels") / "custom"


class SkillPackageError(BackPainToolsError):
    """The skill package cannot be assembled (unreadable manifest, a locale without a model)."""


@dataclass(frozen=True)
class SkillPackage:
    """An assembled skill package folder."""

    path: Path
    locales: tuple[str, ...]
    changed: tuple[str, ...]
    """Files (relative to `path`) whose content changed, appeared or went away in this assembly."""


def read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise SkillPackageError(f"{path} does not exist: restore it from git") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise SkillPackageError(f"{path} is not readable JSON: {error}") from None


def manifest_locales(manifest: Any) -> tuple[str, ...]:
    locales = (
        manifest.get("manifest", {}).get("publishingInformation", {}).get("locales")
        if isinstance(manifest, dict)
        else None
    )
    if not isinstance(locales, dict) or not locales:
        raise SkillPackageError(
            "skill.json has no manifest.publishingInformation.locales: add the locales the skill "
            "is published in"
        )
    return tuple(sorted(locales))


def with_deployed_endpoint(manifest: dict[str, Any], previous: Any) -> dict[str, Any] | None:
    """`manifest` plus the endpoint ask-cli wrote into the last assembled copy, if ours has none.

    ask-cli's lambda-deployer records the Lambda ARN by editing skill.json in the folder it
    uploads. Keeping that endpoint across re-assembly means a redeploy never uploads a manifest
    that briefly points nowhere.
    """
    custom = manifest.get("manifest", {}).get("apis", {}).get("custom")
    if not isinstance(custom, dict) or "endpoint" in custom or "regions" in custom:
        return None
    try:
        old_custom = previous["manifest"]["apis"]["custom"]
    except (KeyError, TypeError):
        return None
    carried = {key: old_custom[key] for key in ("endpoint", "regions") if key in old_custom}
    if not carried:
        return None
    merged = json.loads(json.dumps(manifest))
    merged["manifest"]["apis"]["custom"].update(carried)
    return merged


def planned_files(project: Project, dest: Path) -> tuple[dict[Path, bytes], tuple[str, ...]]:
    """Relative path -> content for every file the package should hold, and its locales."""
    manifest = read_json(project.manifest)
    locales = manifest_locales(manifest)
    files: dict[Path, bytes] = {}
    previous_manifest = dest / MANIFEST
    previous = read_json(previous_manifest) if previous_manifest.is_file() else None
    merged = with_deployed_endpoint(manifest, previous) if isinstance(manifest, dict) else None
    files[Path(MANIFEST)] = (
        project.manifest.read_bytes()
        if merged is None
        else (json.dumps(merged, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
    )
    for locale in locales:
        source = project.model_for(locale)
        if not source.is_file():
            raise SkillPackageError(
                f"skill.json lists locale {locale} but {source} does not exist: build it with "
                "`backpain model`, or take the locale out of skill.json"
            )
        read_json(source)
        # A byte copy: the uploaded model is exactly the file the offline device reads.
        files[MODELS / f"{locale}.json"] = source.read_bytes()
    return files, locales


def same_content(old: bytes, new: bytes) -> bool:
    """JSON files count as unchanged when they parse the same (ask-cli re-indents skill.json)."""
    if old == new:
        return True
    try:
        return bool(json.loads(old) == json.loads(new))
    except ValueError:
        return False


def assemble_skill_package(project: Project, dest: Path) -> SkillPackage:
    """Write the skill package to `dest`, touching only files whose content really changed."""
    files, locales = planned_files(project, dest)
    changed: list[str] = []
    for relative, content in sorted(files.items()):
        target = dest / relative
        if target.is_file() and same_content(target.read_bytes(), content):
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
        changed.append(relative.as_posix())
    if dest.is_dir():
        for stale in sorted(p for p in dest.rglob("*") if p.is_file()):
            if stale.relative_to(dest) not in files:
                stale.unlink()
                changed.append(stale.relative_to(dest).as_posix())
    return SkillPackage(dest, locales, tuple(changed))
