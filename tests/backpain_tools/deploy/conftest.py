"""Fixtures for the deploy tests: one real Lambda build per session, and a Lambda-like Python."""

from __future__ import annotations

import contextlib
import io
import os
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from backpain.content import EDITION_VARIABLE
from backpain_tools.deploy import commands
from backpain_tools.deploy.lambda_package import find_python
from backpain_tools.deploy.project import LAMBDA_PYTHON, Project, find_project

LAMBDA_ENVIRONMENT = {name: value for name, value in os.environ.items()
                      if name != EDITION_VARIABLE}  # fmt: skip
"""Lambda's environment never names a content folder: under `pytest --edition` the package
still speaks the content it was built with."""


REPO = Path(__file__).resolve().parents[3]


@dataclass(frozen=True)
class Interpreter:
    """A Python on this machine to stand in for Lambda's runtime."""

    path: str
    version: str
    """Its "X.Y"; the session build installs wheels for exactly this version."""


def lambda_like_python() -> Interpreter:
    """Lambda's own version (python3.12) when installed, else the interpreter running the tests."""
    found = find_python(LAMBDA_PYTHON)
    if found is not None:
        return Interpreter(found, LAMBDA_PYTHON)
    return Interpreter(sys.executable, f"{sys.version_info[0]}.{sys.version_info[1]}")


@dataclass(frozen=True)
class PackageBuild:
    """The outcome of one `backpain package --out DIR` run."""

    out: Path
    zip_path: Path
    skill_package: Path
    report: str
    exit_code: int
    python: Interpreter


@pytest.fixture(scope="session")
def project() -> Project:
    return find_project(REPO)


@pytest.fixture(scope="session")
def lambda_python() -> Interpreter:
    return lambda_like_python()


@pytest.fixture(scope="session")
def package_build(
    tmp_path_factory: pytest.TempPathFactory, lambda_python: Interpreter
) -> PackageBuild:
    """`backpain package` once per session: pip downloads are the slow part, so builds share it."""
    out = tmp_path_factory.mktemp("package")
    report = io.StringIO()
    with contextlib.redirect_stdout(report), contextlib.chdir(REPO):
        code = commands.main(
            "package", ["--out", str(out), "--python-version", lambda_python.version]
        )
    return PackageBuild(
        out, out / "lambda.zip", out / "skill-package", report.getvalue(), code, lambda_python
    )
