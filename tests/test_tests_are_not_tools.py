"""What the scripts, the benchmarks and the packages run lives outside tests/: nothing there imports
the tests, so a helper used only by tests is the only kind left in tests/."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# `python -m tests.x`, or an import of `tests.x` by name (importlib, a "module:name" string).
NAMED = re.compile(r"(?<![\w./-])tests\.\w")


def imports_of_tests(path: Path) -> list[str]:
    source = path.read_text(encoding="utf-8")
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            names = [node.value] if NAMED.match(node.value.strip()) else []
        else:
            continue
        found += [
            f"{node.lineno}: {name}"
            for name in names
            if name == "tests" or name.startswith("tests.")
        ]
    return found


@pytest.mark.parametrize("folder", ["skill", "benchmarks"])
def test_no_python_outside_tests_imports_them(folder: str) -> None:
    found = {
        path.relative_to(ROOT).as_posix(): hits
        for path in sorted((ROOT / folder).rglob("*.py"))
        if (hits := imports_of_tests(path))
    }
    assert found == {}


def test_no_script_runs_a_module_of_the_tests() -> None:
    found = [
        f"{path.name}:{number}: {line.strip()}"
        for path in sorted((ROOT / "scripts").iterdir())
        if path.is_file()
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if re.search(r"-m\s+tests\.", line)
    ]
    assert found == []
