"""The suite runs against the installed package, so it first makes sure that copy is this tree's."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
STAMP = Path(sys.prefix) / ".source-stamp"


def _source_stamp() -> str:
    script = ROOT / "scripts" / "source_stamp.py"
    spec = importlib.util.spec_from_file_location("source_stamp", script)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return str(module.source_stamp(ROOT))


def pytest_sessionstart(session: pytest.Session) -> None:
    # scripts/install writes the stamp when it builds the wheel into a venv. Without one (some
    # other environment), there is nothing to compare with.
    if not STAMP.is_file():
        return
    if STAMP.read_text().strip() != _source_stamp():
        raise pytest.UsageError(
            "the Back Pain Guide installed in this venv is older than skill/ (or the model, or "
            "pyproject.toml): run scripts/install, or scripts/test, which installs first"
        )
