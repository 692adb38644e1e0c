"""Fixtures for the deploy tests: one real Lambda build per session, and a Lambda-like Python."""

from __future__ import annotations

import contextlib
import glob
import io
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from skill.deploy import cli
from skill.deploy.project import LAMBDA_PYTHON, Project, find_project

REPO = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Interpreter:
    """A Python on this machine to stand in for Lambda's runtime."""

    path: str
    version: str
    """Its "X.Y"; the session build installs wheels for exactly this version."""


def python_version_of(path: str) -> str | None:
    try:
        done = subprocess.run(
            [path, "-c", "import sys; print('%d.%d' % sys.version_info[:2])"],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
    except OSError:
        return None
    return done.stdout.strip() if done.returncode == 0 else None


def lambda_like_python() -> Interpreter:
    """Lambda's own version (python3.12) when installed, else the interpreter running the tests."""
    wanted = f"python{LAMBDA_PYTHON}"
    candidates = [shutil.which(wanted), f"/usr/bin/{wanted}", f"/usr/local/bin/{wanted}"]
    # pyenv's shim refuses a version that is installed but not selected; its real binary does not.
    pyenv = Path.home() / ".pyenv" / "versions"
    candidates += sorted(glob.glob(str(pyenv / f"{LAMBDA_PYTHON}*" / "bin" / wanted)))
    for candidate in candidates:
        if candidate and python_version_of(candidate) == LAMBDA_PYTHON:
            return Interpreter(candidate, LAMBDA_PYTHON)
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
        code = cli.main("package", ["--out", str(out), "--python-version", lambda_python.version])
    return PackageBuild(
        out, out / "lambda.zip", out / "skill-package", report.getvalue(), code, lambda_python
    )
