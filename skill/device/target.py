"""Which skill and model the device uses: this project's, or any Python skill named by the user."""

from __future__ import annotations

import importlib
import inspect
import json
import os
import sys
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

import skill

Responder = Callable[[dict[str, Any]], dict[str, Any]]
"""Takes a request envelope as a JSON dict and returns the response envelope as a JSON dict."""


def default_model_path() -> Path:
    """The project's interaction model: interaction_models/en-GB.json next to the package."""
    return Path(skill.__file__).resolve().parent.parent / "interaction_models" / "en-GB.json"


@cache
def project_responder() -> Responder:
    """Back Pain Guide itself, built once per process, through the same door Lambda uses."""
    from skill import app

    built = app.build_skill()
    return lambda envelope: app.respond(built, envelope)


def load_responder(spec: str | None) -> Responder:
    """`None` for this project's skill, or "module:name" for any other Python skill.

    `name` may be an ask-sdk `CustomSkill`, a function that builds one (no arguments), or a
    Lambda handler `handler(event, context) -> dict` such as `SkillBuilder().lambda_handler()`.
    """
    if not spec:
        return project_responder()
    return responder_for(import_object(spec, "lambda_handler", "--skill"))


def import_object(spec: str, default_name: str, option: str) -> Any:
    """The object "module:name" names, importing from the current folder as gunicorn does."""
    module_name, _, attribute = spec.partition(":")
    attribute = attribute or default_name
    if os.getcwd() not in sys.path and "" not in sys.path:
        sys.path.insert(0, os.getcwd())
    try:
        module = importlib.import_module(module_name)
    except ImportError as error:
        raise ValueError(f"cannot import {module_name!r} for {option}: {error}") from error
    found = getattr(module, attribute, None)
    if found is None:
        raise ValueError(f"{module_name!r} has no {attribute!r} for {option}")
    return found


def responder_for(target: Any) -> Responder:
    """Adapt a CustomSkill, a skill factory or a Lambda handler to a `Responder`."""
    if hasattr(target, "invoke") and hasattr(target, "serializer"):
        return _custom_skill_responder(target)
    if callable(target):
        required = [
            p
            for p in inspect.signature(target).parameters.values()
            if p.default is p.empty and p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)
        ]
        if not required:
            return responder_for(target())
        return lambda envelope: target(envelope, None)
    raise TypeError(f"{target!r} is not a skill, a skill factory or a Lambda handler")


def _custom_skill_responder(custom_skill: Any) -> Responder:
    from ask_sdk_model import RequestEnvelope

    # What SkillBuilder.lambda_handler() does, without building a new skill per request.
    def respond(envelope: dict[str, Any]) -> dict[str, Any]:
        request = custom_skill.serializer.deserialize(json.dumps(envelope), RequestEnvelope)
        response = custom_skill.invoke(request_envelope=request, context=None)
        return custom_skill.serializer.serialize(response)

    return respond


@cache
def _matcher_for(path: Path) -> Any:
    from skill.device.matcher import Matcher

    return Matcher.from_file(path)


def load_matcher(model: str | Path | None = None) -> Any:
    """The offline matcher for an interaction model, built once per model file per process."""
    return _matcher_for(Path(model or default_model_path()).resolve())


def locale_of(model: str | Path | None) -> str:
    """The locale an ASK CLI model is for, from its file name ("en-GB.json"); en-GB otherwise."""
    stem = Path(model or default_model_path()).stem
    language, dash, country = stem.partition("-")
    if dash and len(language) == 2 and len(country) == 2:
        return f"{language.lower()}-{country.upper()}"
    return "en-GB"
