"""Remembers the slowest model check's findings for a model it has seen, on this machine.

The utterance-conflict check fills every slotted sample with every phrase of its slot's type: a
type with ten thousand phrases makes three million sentences and 13 s, on every validation. Its
findings depend only on the intents' samples and slots, the types' phrases and this package's
code, so they are kept under a key made of exactly those; any change to one of them is a new key.
A cache that cannot be read or written is no cache."""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from alexa_model.model import LanguageModel
from alexa_model.problem import Problem

_CODE = Path(__file__).resolve().parent


def _cache_folder() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "alexa_model" / "checks"


def _key(name: str, model: LanguageModel) -> str:
    digest = hashlib.sha256(name.encode())
    for path in sorted(_CODE.glob("*.py")):
        digest.update(path.read_bytes())
    shape: Any = [
        [[i.name, list(i.samples), [[s.name, s.type] for s in i.slots]] for i in model.intents],
        [
            [name, [[v.id, list(v.phrases)] for v in slot_type.values]]
            for name, slot_type in sorted(model.types.items())
        ],
    ]
    digest.update(json.dumps(shape, sort_keys=True).encode())
    return digest.hexdigest()


def remembered(
    name: str, model: LanguageModel, check: Callable[[], list[Problem]]
) -> list[Problem]:
    """`check()`'s problems, from the cache when this model was checked before."""
    path = _cache_folder() / f"{_key(name, model)}.json"
    try:
        stored = json.loads(path.read_text(encoding="utf-8"))
        return [Problem(item["where"], item["message"], item["severity"]) for item in stored]
    except (OSError, ValueError, KeyError, TypeError):
        pass
    problems = check()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(f".{os.getpid()}.tmp")
        partial.write_text(
            json.dumps([vars(problem) for problem in problems]), encoding="utf-8"
        )
        partial.replace(path)
    except OSError:
        pass
    return problems
