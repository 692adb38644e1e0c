"""Cold start: fresh interpreters importing each Lambda entry point and answering one request."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from backpain_tools.deploy.lambda_package import stage_code
from backpain_tools.deploy.project import find_project
from benchmarks.stats import median
from benchmarks.targets import BARE, OURS, ROOT, SKILLS

CHILD = ROOT / "benchmarks" / "cold_child.py"


def bytecode_environment(cache: Path, write: bool) -> dict[str, str]:
    """The environment for a child that reads (and with `write`, fills) compiled bytecode under
    `cache`. An empty cache that is never written means every module is compiled from source,
    as from a Lambda zip without .pyc files: the prefix hides site-packages' __pycache__ too."""
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    # Our own folder rather than the work tree's __pycache__: the tree stays as it was, and
    # both skills read every module from the same kind of cache.
    env["PYTHONPYCACHEPREFIX"] = str(cache)
    if not write:
        env["PYTHONDONTWRITEBYTECODE"] = "1"
    return env


def stage_package(workdir: Path) -> Path:
    """Our Lambda package's own code and content laid out as the zip carries them: the entry
    point, the skill core and the content compiled by the packager (not the source tree's YAML)."""
    return stage_code(find_project(ROOT), workdir / "package", workdir / "package-content")


def _start(
    target: str,
    envelope_file: Path,
    extra: list[str],
    env: dict[str, str],
    package: Path,
    timeout: float = 60.0,
) -> dict[str, Any]:
    spawned = time.time()
    started = time.perf_counter()
    if target == OURS:
        extra = ["--package", str(package), *extra]
    completed = subprocess.run(
        [sys.executable, str(CHILD), target, str(envelope_file), *extra],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    wall_ms = (time.perf_counter() - started) * 1000
    if completed.returncode != 0:
        raise RuntimeError(f"cold start of {target} failed:\n{completed.stderr[-3000:]}")
    result: dict[str, Any] = json.loads(completed.stdout.strip().splitlines()[-1])
    result["wall_ms"] = wall_ms
    result["spawn_to_answer_ms"] = (result.pop("answered_at") - spawned) * 1000
    return result


def measure(
    workdir: Path,
    conversations_file: Path,
    runs: int,
    uncached_runs: int,
    replay_rounds: int,
    package: Path,
) -> dict[str, Any]:
    """Median of `runs` cold starts of each skill (alternating, after one unmeasured start each
    that fills the bytecode cache and the disk cache), the same with no bytecode cache, plus
    one start under tracemalloc and one that then serves the conversation mix
    `replay_rounds` times, for memory."""
    recorded = json.loads(conversations_file.read_text(encoding="utf-8"))
    first_request = workdir / "first-request.json"
    first_request.write_text(json.dumps(recorded[0]["envelopes"][0]), encoding="utf-8")
    cached = bytecode_environment(workdir / "pycache", write=True)
    uncached = bytecode_environment(workdir / "no-pycache", write=False)

    for target in SKILLS:
        _start(target, first_request, [], cached, package)
    samples = _alternate(first_request, cached, runs, package)
    samples_uncached = _alternate(first_request, uncached, uncached_runs, package)

    results: dict[str, Any] = {"runs": runs, "uncached_runs": uncached_runs}
    for target in SKILLS:
        traced = _start(target, first_request, ["--tracemalloc"], cached, package)
        replayed = _start(
            target,
            first_request,
            ["--replay", str(conversations_file), "--rounds", str(replay_rounds)],
            cached,
            package,
            timeout=600,
        )
        results[target] = {
            **{
                key: median([sample[key] for sample in samples[target]])
                for key in (
                    "import_ms",
                    "first_answer_ms",
                    "cold_ms",
                    "spawn_to_answer_ms",
                    "wall_ms",
                    "peak_rss_mib_after_first",
                )
            },
            "cold_ms_samples": [sample["cold_ms"] for sample in samples[target]],
            "uncached_cold_ms": median([sample["cold_ms"] for sample in samples_uncached[target]]),
            "traced_peak_mib": traced["traced_peak_bytes"] / 2**20,
            "requests_replayed": replayed["requests_replayed"],
            "peak_rss_mib_after_replay": replayed["peak_rss_mib_after_replay"],
        }
    return results


def _alternate(
    first_request: Path, env: dict[str, str], runs: int, package: Path
) -> dict[str, list[dict[str, Any]]]:
    """`runs` cold starts of each skill, taking turns (and turning who goes first)."""
    samples: dict[str, list[dict[str, Any]]] = {OURS: [], BARE: []}
    for run in range(runs):
        for target in (OURS, BARE) if run % 2 == 0 else (BARE, OURS):
            samples[target].append(_start(target, first_request, [], env, package))
    return samples
