"""Which skill and model a device uses: the project's own, or any Python skill and model named."""

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

from echo_sim.errors import SetupError
from echo_sim.skill_project import SkillProject
from echo_sim.understanding import Matcher

Responder = Callable[[dict[str, Any]], dict[str, Any]]
"""Takes a request envelope as a JSON dict and returns the response envelope as a JSON dict."""


def model_path(project: SkillProject, model: str | Path | None = None) -> Path:
    """The interaction model named (--model), else the project's."""
    if model:
        return Path(model)
    if project.model is None:
        raise SetupError("no interaction model: give --model PATH (an ASK CLI model JSON)")
    return project.model


def skill_responder(project: SkillProject, skill: str | None = None) -> Responder:
    """The skill named as "module:name" (--skill), else the project's own (built once).

    `name` may be an ask-sdk `CustomSkill`, a function that builds one (no arguments), or a
    Lambda handler `handler(event, context) -> dict` such as `SkillBuilder().lambda_handler()`.
    """
    if skill:
        return responder_for(import_object(skill, "lambda_handler", "--skill"))
    if project.skill is None:
        raise SetupError("no skill: give --skill MODULE:NAME")
    return _built(project.skill)


@cache
def _built(skill: Any) -> Responder:
    # Building a skill takes a while; a process asks for its project's skill many times.
    return responder_for(skill)


def import_object(spec: str, default_name: str, option: str) -> Any:
    """The object "module:name" names (a user's own skill on the command line), importing from
    the current folder as gunicorn does."""
    module_name, _, attribute = spec.partition(":")
    attribute = attribute or default_name
    if os.getcwd() not in sys.path and "" not in sys.path:
        sys.path.insert(0, os.getcwd())
    try:
        module = importlib.import_module(module_name)
    except ImportError as error:
        raise SetupError(f"cannot import {module_name!r} for {option}: {error}") from error
    found = getattr(module, attribute, None)
    if found is None:
        raise SetupError(f"{module_name!r} has no {attribute!r} for {option}")
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
    raise SetupError(
        f"{target!r} is not a skill, a skill factory or a Lambda handler: give --skill "
        "MODULE:NAME naming a CustomSkill, a function building one, or a Lambda handler"
    )


def _custom_skill_responder(custom_skill: Any) -> Responder:
    from ask_sdk_model import RequestEnvelope

    # What SkillBuilder.lambda_handler() does, without building a new skill per request.
    def respond(envelope: dict[str, Any]) -> dict[str, Any]:
        request = custom_skill.serializer.deserialize(json.dumps(envelope), RequestEnvelope)
        response = custom_skill.invoke(request_envelope=request, context=None)
        return custom_skill.serializer.serialize(response)

    return respond


@cache
def _matcher_for(path: Path) -> Matcher:
    return Matcher.from_file(path)


def load_matcher(model: str | Path) -> Matcher:
    """The offline matcher for an interaction model, built once per model file per process."""
    return _matcher_for(Path(model).resolve())


def locale_of(model: str | Path) -> str:
    """The locale an ASK CLI model is for, from its file name ("en-GB.json"); en-GB otherwise."""
    language, dash, country = Path(model).stem.partition("-")
    if dash and len(language) == 2 and len(country) == 2:
        return f"{language.lower()}-{country.upper()}"
    return "en-GB"
