"""The suite runs against the installed package, so it first makes sure that copy is this tree's."""

from __future__ import annotations

import importlib.util
import os
import sys
import tempfile
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


# -- content editions ----------------------------------------------------------------------------
# `pytest --edition two-tier` runs the tests against a test edition of the content (tests/editions)
# instead of the shipped one. The edition is built once, before xdist starts its workers, and
# handed to the skill the way a reviewer's draft is: through BACKPAIN_CONTENT_DIR, which the
# workers and every subprocess the tests start inherit.
EDITION_VARIABLE = "BACKPAIN_CONTENT_DIR"
EDITION_NAME = "BACKPAIN_TEST_EDITION"
"""Which edition BACKPAIN_CONTENT_DIR holds, for skip reasons and for the workers."""


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--edition",
        default="seed",
        help="the content the skill speaks: seed (shipped) or a test edition in tests/editions",
    )


def pytest_configure(config: pytest.Config) -> None:
    from tests.editions import EDITIONS, build_edition

    name = config.getoption("--edition")
    if name == "seed":
        return
    if name not in EDITIONS:
        known = ", ".join(["seed", *EDITIONS])
        raise pytest.UsageError(f"--edition: no test edition {name!r} ({known})")
    if os.environ.get(EDITION_NAME) == name:
        return  # an xdist worker: the controller built it
    folder = Path(tempfile.mkdtemp(prefix=f"backpain-edition-{name}-"))
    build_edition(name, folder)
    os.environ[EDITION_VARIABLE] = str(folder)
    os.environ[EDITION_NAME] = name


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    name = config.getoption("--edition")
    if name == "seed":
        return
    skip = pytest.mark.skip(reason=f"pins the seed's own content; the suite runs on {name}")
    for item in items:
        if item.get_closest_marker("seed_edition"):
            item.add_marker(skip)
