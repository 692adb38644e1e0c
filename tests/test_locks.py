"""The locks pin every package with its hashes, and still satisfy pyproject.toml's ranges."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from packaging.markers import Marker
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[1]
LOCKS = {
    "runtime": ROOT / "requirements" / "runtime.txt",
    "dev": ROOT / "requirements" / "dev.txt",
    "bench": ROOT / "requirements" / "bench.txt",
}
# Which optional sets of pyproject.toml each lock holds besides the runtime dependencies.
EXTRAS = {"runtime": [], "dev": ["dev"], "bench": ["dev", "bench"]}
PIN = re.compile(r"^([A-Za-z0-9._-]+)==([^\s;]+)(?: ; (.+?))? \\$")


def pins(lock: Path) -> dict[str, list[tuple[str, str | None]]]:
    """name -> [(version, marker)]; a universal lock may pin a name twice, under other markers."""
    found: dict[str, list[tuple[str, str | None]]] = {}
    lines = lock.read_text().splitlines()
    for number, line in enumerate(lines):
        match = PIN.match(line)
        if match is None:
            continue
        assert lines[number + 1].strip().startswith("--hash=sha256:"), f"{lock.name}: {line}"
        name, version, marker = match.groups()
        found.setdefault(canonicalize_name(name), []).append((version, marker))
    return found


def declared(extras: list[str]) -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    wanted = list(project["dependencies"])
    for extra in extras:
        wanted += project["optional-dependencies"][extra]
    return [Requirement(text) for text in wanted]


@pytest.mark.parametrize("name", sorted(LOCKS))
def test_every_line_of_a_lock_is_an_exact_pin_with_hashes(name: str) -> None:
    text = LOCKS[name].read_text()
    requirement_lines = [
        line for line in text.splitlines() if line and not line.startswith(("#", " "))
    ]
    assert requirement_lines, name
    assert all(PIN.match(line) for line in requirement_lines), name


@pytest.mark.parametrize("name", sorted(LOCKS))
def test_a_lock_satisfies_the_ranges_it_was_made_from(name: str) -> None:
    locked = pins(LOCKS[name])
    stale = []
    for requirement in declared(EXTRAS[name]):
        versions = locked.get(canonicalize_name(requirement.name), [])
        if not versions or not all(requirement.specifier.contains(v) for v, _ in versions):
            stale.append(str(requirement))
    assert stale == [], f"{LOCKS[name].name} is older than pyproject.toml: run scripts/lock"


def test_every_lock_agrees_with_dev_on_shared_packages() -> None:
    dev = pins(LOCKS["dev"])
    for name in ("runtime", "bench"):
        for package, versions in pins(LOCKS[name]).items():
            if package in dev:
                assert versions == dev[package], (name, package)


def test_the_markers_in_the_locks_are_valid() -> None:
    for lock in LOCKS.values():
        for versions in pins(lock).values():
            for _, marker in versions:
                if marker:
                    Marker(marker)
