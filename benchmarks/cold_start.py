"""Cold start: fresh interpreters importing each Lambda entry point and answering one request."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from benchmarks.stats import median
from benchmarks.targets import BARE, OURS, ROOT, SKILLS

CHILD = ROOT / "benchmarks" / "cold_child.py"


def _start(
    target: str, envelope_file: Path, extra: list[str], timeout: float = 60.0
) -> dict[str, Any]:
    spawned = time.time()
    started = time.perf_counter()
    completed = subprocess.run(
        [sys.executable, str(CHILD), target, str(envelope_file), *extra],
        cwd=ROOT,
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
    workdir: Path, conversations_file: Path, runs: int, replay_rounds: int
) -> dict[str, Any]:
    """Median of `runs` cold starts of each skill (alternating, after one unmeasured start each to
    warm the disk cache), plus one start under tracemalloc and one that then serves the whole
    conversation mix `replay_rounds` times, for memory."""
    recorded = json.loads(conversations_file.read_text(encoding="utf-8"))
    first_request = workdir / "first-request.json"
    first_request.write_text(json.dumps(recorded[0]["envelopes"][0]), encoding="utf-8")

    for target in SKILLS:
        _start(target, first_request, [])
    runs_by_skill: dict[str, list[dict[str, Any]]] = {OURS: [], BARE: []}
    for run in range(runs):
        for target in (OURS, BARE) if run % 2 == 0 else (BARE, OURS):
            runs_by_skill[target].append(_start(target, first_request, []))

    results: dict[str, Any] = {"runs": runs}
    for target in SKILLS:
        samples = runs_by_skill[target]
        traced = _start(target, first_request, ["--tracemalloc"])
        replayed = _start(
            target,
            first_request,
            ["--replay", str(conversations_file), "--rounds", str(replay_rounds)],
            timeout=600,
        )
        results[target] = {
            **{
                key: median([sample[key] for sample in samples])
                for key in (
                    "import_ms",
                    "first_answer_ms",
                    "cold_ms",
                    "spawn_to_answer_ms",
                    "wall_ms",
                    "peak_rss_mib_after_first",
                )
            },
            "cold_ms_samples": [sample["cold_ms"] for sample in samples],
            "traced_peak_mib": traced["traced_peak_bytes"] / 2**20,
            "requests_replayed": replayed["requests_replayed"],
            "peak_rss_mib_after_replay": replayed["peak_rss_mib_after_replay"],
        }
    return results
