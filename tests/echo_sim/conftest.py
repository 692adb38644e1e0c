"""Fixtures for the device tests: Tiny Counter (a small real skill) and the `backpain` command."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from echo_sim.device.echo import VirtualEcho
from echo_sim.device.envelope import VOICE_ONLY, DeviceProfile
from echo_sim.device.skill_and_model import Responder, load_matcher, responder_for
from tests.echo_sim.tiny import skill as tiny_skill

REPO = Path(__file__).resolve().parents[2]
TINY_MODEL = Path(__file__).resolve().parent / "tiny" / "en-GB.json"
TINY_SKILL = "tests.echo_sim.tiny.skill:build_skill"


class RecordingResponder:
    """Tiny Counter behind the same adapter `--skill` uses, keeping every envelope it was sent."""

    def __init__(self) -> None:
        self._respond: Responder = responder_for(tiny_skill.build_skill)
        self.requests: list[dict[str, Any]] = []

    def __call__(self, envelope: dict[str, Any]) -> dict[str, Any]:
        self.requests.append(envelope)
        return self._respond(envelope)

    @property
    def types(self) -> list[str]:
        return [request["request"]["type"] for request in self.requests]


@pytest.fixture
def tiny() -> RecordingResponder:
    return RecordingResponder()


@pytest.fixture
def tiny_echo(tiny: RecordingResponder) -> Callable[..., VirtualEcho]:
    def make(profile: DeviceProfile = VOICE_ONLY) -> VirtualEcho:
        return VirtualEcho(tiny, load_matcher(TINY_MODEL), profile=profile)

    return make


@dataclass(frozen=True)
class Run:
    """A finished `backpain` process."""

    returncode: int
    stdout: str
    stderr: str


def backpain(
    *args: str | Path, stdin: str = "", env: dict[str, str] | None = None, cwd: Path = REPO
) -> Run:
    """Run the installed `backpain` command (or `python -m backpain_tools`) from the checkout."""
    environment = {**os.environ, "PYTHONPATH": str(REPO), **(env or {})}
    script = Path(sys.executable).parent / "backpain"
    command = [str(script)] if script.exists() else [sys.executable, "-m", "backpain_tools"]
    done = subprocess.run(
        [*command, *map(str, args)],
        cwd=cwd,
        input=stdin,
        capture_output=True,
        text=True,
        env=environment,
        timeout=300,
    )
    return Run(done.returncode, done.stdout, done.stderr)
