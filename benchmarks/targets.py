"""The two skills under test, loaded through their Lambda entry points as AWS Lambda loads them."""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
LAMBDA_DIR = ROOT / "lambda"
OURS = "ours"
BARE = "bare"
SKILLS = (OURS, BARE)
LABELS = {OURS: "Back Pain Guide", BARE: "bare ask-sdk"}

LambdaHandler = Callable[[dict[str, Any], Any], dict[str, Any]]


def lambda_handler(target: str, package: Path | str | None = None) -> LambdaHandler:
    """`lambda_handler` of our Lambda function or of the bare skill. Ours comes from `package`
    (the staged Lambda package: benchmarks.cold_start.stage_package) when given, else from the
    source tree (lambda/lambda_function.py); a package must come before anything imports
    `backpain` from the source tree."""
    if target == OURS:
        # Lambda puts the function's folder on sys.path and imports `lambda_function` by name.
        folder = str(package) if package is not None else str(LAMBDA_DIR)
        if folder not in sys.path:
            sys.path.insert(0, folder)
        module = importlib.import_module("lambda_function")
    elif target == BARE:
        module = importlib.import_module("benchmarks.bare_skill")
    else:
        raise ValueError(f"unknown skill {target!r}")
    handler: LambdaHandler = module.lambda_handler
    return handler


def custom_skill(target: str) -> Any:
    """A freshly built CustomSkill, for doors that take one (the web app factory)."""
    if target == OURS:
        from backpain.skill import build_skill
    else:
        from benchmarks.bare_skill import build_skill
    return build_skill()
