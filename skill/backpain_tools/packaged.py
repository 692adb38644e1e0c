"""What the backpain command ships inside its wheel as package data, found one way: through
importlib.resources, so an installed command needs no checkout beside it."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

# pyproject.toml maps interaction_models/ (the one source, at the top level where the ASK CLI
# layout has it) into this package.
MODELS_PACKAGE = "backpain_tools.interaction_models"


def _path(package: str, name: str) -> Path:
    # Installed from a wheel, resources are plain files on disk, so their paths can go to code
    # that expects one (the model reader, listen-test's fixture reader).
    return Path(str(files(package).joinpath(name)))


def interaction_model(locale: str) -> Path:
    """The installed interaction model for `locale` (interaction_models/<locale>.json)."""
    return _path(MODELS_PACKAGE, f"{locale}.json")


def interaction_models() -> list[Path]:
    """Every installed locale's interaction model."""
    folder = _path(MODELS_PACKAGE, "")
    return sorted(folder.glob("*.json"))


def utterance_fixtures() -> Path:
    """The per-locale folders of per-intent utterances that listen-test speaks by default."""
    return _path("backpain_tools", "utterances")
