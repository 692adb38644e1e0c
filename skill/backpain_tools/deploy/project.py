"""Where a checkout's deployable parts live, and the Lambda runtime they are built for."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from backpain_tools.errors import BackPainToolsError

# AWS Lambda's managed Python runtime we deploy to. It must match `runtime` in ask-resources.json:
# the wheels and byte code in the zip are chosen for this exact CPython minor version.
LAMBDA_PYTHON = "3.12"
# ask-cli's lambda-deployer creates x86_64 functions (it never sets an architecture).
LAMBDA_PLATFORM = "manylinux2014_x86_64"


class NotACheckout(BackPainToolsError):
    """Raised when the deploy tools run outside a source checkout (no lambda/ or skill-package/)."""


@dataclass(frozen=True)
class Project:
    """A Back Pain Guide source checkout, seen from the deploy tools."""

    root: Path
    """The repository root: where ask-resources.json is and `ask deploy` runs."""

    @property
    def skill_core(self) -> Path:
        """The skill core, the package `skill/backpain/`: the Lambda zip carries all of it."""
        return self.root / "skill" / "backpain"

    @property
    def lambda_source(self) -> Path:
        """lambda/: the Lambda entry point and its runtime requirements."""
        return self.root / "lambda"

    @property
    def lambda_entry_point(self) -> Path:
        return self.lambda_source / "lambda_function.py"

    @property
    def lambda_requirements(self) -> Path:
        return self.lambda_source / "requirements.txt"

    @property
    def interaction_models(self) -> Path:
        """interaction_models/: the one source of every locale's interaction model."""
        return self.root / "interaction_models"

    @property
    def manifest(self) -> Path:
        """skill-package/skill.json: the skill manifest as we write it (no endpoint in it)."""
        return self.root / "skill-package" / "skill.json"

    @property
    def build(self) -> Path:
        """build/: everything generated (ignored by git)."""
        return self.root / "build"

    def model_for(self, locale: str) -> Path:
        return self.interaction_models / f"{locale}.json"


def find_project(start: Path | None = None) -> Project:
    """The checkout containing `start` (default: the cwd's, else the one holding this module)."""
    candidates = [start] if start is not None else [Path.cwd(), Path(__file__).resolve().parents[2]]
    for candidate in candidates:
        for folder in (candidate, *candidate.parents):
            if (folder / "lambda" / "lambda_function.py").is_file() and (
                folder / "skill-package"
            ).is_dir():
                return Project(folder)
    raise NotACheckout(
        "not inside a Back Pain Guide checkout (no lambda/lambda_function.py and skill-package/ "
        "found); run this from the repository"
    )
