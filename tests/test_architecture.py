"""The packages' arrows point one way: doors and tools to the core, the device to the model."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SOURCE_ROOT = ROOT / "skill"

# Which of our own packages each package may import. The core imports none of them, so the
# Lambda zip is the core package copied; the device is generic, so it knows no skill.
ALLOWED = {
    "backpain": set(),
    "alexa_model": set(),
    "backpain_web": {"backpain"},
    "echo_sim": {"alexa_model"},
    "backpain_tools": {"backpain", "backpain_web", "echo_sim", "alexa_model"},
}
# Words that would mean the generic device or model reader knows this skill.
SKILL_WORDS = re.compile(r"back ?pain|sciatica|red.flag|nhs\b|lumbago|slipped disc", re.IGNORECASE)


def imported_packages(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module.split(".")[0])
    return found & set(ALLOWED)


@pytest.mark.parametrize("package", sorted(ALLOWED))
def test_a_package_imports_only_what_sits_below_it(package: str) -> None:
    folder = SOURCE_ROOT / package
    if not folder.is_dir():
        pytest.skip(f"skill/{package}/ is not in this checkout")
    allowed = ALLOWED[package] | {package}
    wrong = {
        path.relative_to(ROOT).as_posix(): sorted(imported_packages(path) - allowed)
        for path in sorted(folder.rglob("*.py"))
    }
    assert {path: names for path, names in wrong.items() if names} == {}


@pytest.mark.parametrize("package", ["echo_sim", "alexa_model"])
def test_the_generic_packages_know_no_back_pain_word(package: str) -> None:
    folder = SOURCE_ROOT / package
    if not folder.is_dir():
        pytest.skip(f"skill/{package}/ is not in this checkout")
    found = [
        f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
        for path in sorted(folder.rglob("*"))
        if path.is_file() and path.suffix in {".py", ".js", ".html", ".css", ".json", ".yaml"}
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if SKILL_WORDS.search(line)
    ]
    assert found == []
