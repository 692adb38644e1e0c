"""Which skill and model the device uses: the installed project's, or any Python skill named."""

from __future__ import annotations

import importlib
import inspect
import json
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

Responder = Callable[[dict[str, Any]], dict[str, Any]]
"""Takes a request envelope as a JSON dict and returns the response envelope as a JSON dict."""

PROJECTS_GROUP = "echo_sim.projects"
"""The entry-point group where an installed skill project names itself as the default skill."""


@dataclass(frozen=True)
class SkillProject:
    """A skill project the device talks to when no --skill is given, and what it names."""

    name: str
    """What the project is called on screen ("Hello Skill")."""
    command: str
    """The command people type, used in messages ("hello chat: ...")."""
    skill: str | None
    """"module:name" of its CustomSkill, skill factory or Lambda handler; None: --skill needed."""
    model: Path | None
    """Its interaction model; None: --model needed."""
    all_lines: str | None = None
    """"module:name" of a function(locale) giving every line the skill can say (audition)."""
    varied_lines: str | None = None
    """"module:name" of a function(locale) giving the lines that have several phrasings."""
    fixtures: Path | None = None
    """The folder of utterance fixtures per locale (listen-test's default)."""


NO_PROJECT = SkillProject(name="Echo Sim", command="echo-sim", skill=None, model=None)


_chosen: SkillProject | None = None


def use_project(chosen: SkillProject) -> None:
    """Make `chosen` the default skill: what a command built on the device does first."""
    global _chosen
    _chosen = chosen
    project_responder.cache_clear()


def project() -> SkillProject:
    """The default skill: the one chosen with `use_project`, else the one installed project
    registered under `echo_sim.projects` (looked up once: scanning entry points is slow)."""
    return _chosen if _chosen is not None else _registered_project()


@cache
def _registered_project() -> SkillProject:
    from importlib.metadata import entry_points

    found = list(entry_points(group=PROJECTS_GROUP))
    if len(found) != 1:
        return NO_PROJECT
    registered = found[0].load()
    if not isinstance(registered, SkillProject):
        raise TypeError(f"entry point {found[0].value!r} is not an echo_sim SkillProject")
    return registered


def default_model_path() -> Path:
    """The default project's interaction model."""
    model = project().model
    if model is None:
        raise ValueError("no interaction model: give --model PATH (an ASK CLI model JSON)")
    return model


@cache
def project_responder() -> Responder:
    """The default project's skill, built once per process, through its Lambda door."""
    spec = project().skill
    if spec is None:
        raise ValueError("no skill: give --skill MODULE:NAME")
    return responder_for(import_object(spec, "lambda_handler", "--skill"))


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
    from echo_sim.matcher import Matcher

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
