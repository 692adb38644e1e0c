"""The skill project a device command talks to when no --skill is given, and what it names.

A command built on the device (the project's own command line) builds one and passes it to the
device's commands: nothing is looked up by name and nothing is set globally. Standard library
only, so a command line that never starts the device pays nothing for naming its project."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

LineSource = Callable[[str], Sequence[tuple[str, str]]]
"""function(locale) -> [(key, ssml)]: every line a skill can say (what audition renders)."""


@dataclass(frozen=True)
class SkillProject:
    """A skill project: its skill and model, and the names the commands show."""

    name: str
    """What the project is called on screen ("Hello Skill")."""
    command: str
    """The command people type, used in messages ("hello chat: ...")."""
    skill: Any | None
    """Its ask-sdk CustomSkill, a function building one (no arguments), or a Lambda handler
    `handler(event, context) -> dict`; None: --skill is needed."""
    model: Path | None
    """Its interaction model; None: --model is needed."""
    all_lines: LineSource | None = None
    """Every line the skill can say, per locale (audition's default)."""
    varied_lines: Callable[[str], Iterable[str]] | None = None
    """The lines that have several phrasings, per locale (a saved transcript expects none)."""
    fixtures: Path | None = None
    """The folder of utterance fixtures per locale (listen-test's default)."""


NO_PROJECT = SkillProject(name="Echo Sim", command="echo-sim", skill=None, model=None)
"""The device alone: every command needs --skill and --model."""
