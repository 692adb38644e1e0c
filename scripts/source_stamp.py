"""Prints one hash of everything the installed wheel is built from (skill/, the interaction
models, pyproject.toml): scripts/install rebuilds when it changes, and the tests refuse to run
against an installed copy older than the tree (tests/conftest.py)."""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ("skill", "interaction_models", "pyproject.toml")
GENERATED = {"__pycache__"}


def source_stamp(root: Path = ROOT) -> str:
    digest = hashlib.sha256()
    for name in SOURCES:
        top = root / name
        files = [top] if top.is_file() else sorted(top.rglob("*"))
        for path in files:
            parts = set(path.relative_to(root).parts)
            generated = parts & GENERATED or any(part.endswith(".egg-info") for part in parts)
            if not path.is_file() or generated:
                continue
            digest.update(path.relative_to(root).as_posix().encode() + b"\0")
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


if __name__ == "__main__":
    sys.stdout.write(source_stamp() + "\n")
