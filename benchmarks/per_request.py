"""Warm per-request latency through each skill's Lambda handler, for the same envelopes."""

from __future__ import annotations

import gc
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

from benchmarks.recorded import load_envelopes, request_kind
from benchmarks.stats import Spread, thin
from benchmarks.targets import BARE, OURS, SKILLS, lambda_handler


def measure(
    conversations_file: str, rounds: int, warmup_rounds: int = 3, package: str | None = None
) -> dict[str, Any]:
    """Replay the conversation mix `rounds` times, timing every request of both skills.

    Requests alternate between the skills, and which goes first flips every round, so that
    drift on a busy machine (other processes, CPU frequency) falls on both alike. `package`:
    our Lambda package's staged code and compiled content (default: the source tree's).
    """
    requests = [
        (request_kind(envelope), envelope) for envelope in load_envelopes(Path(conversations_file))
    ]
    handlers = {skill: lambda_handler(skill, package) for skill in SKILLS}
    for _ in range(warmup_rounds):
        for _, envelope in requests:
            for handler in handlers.values():
                handler(envelope, None)
    gc.collect()

    samples: dict[str, list[float]] = {skill: [] for skill in SKILLS}
    by_kind: dict[str, dict[str, list[float]]] = {skill: defaultdict(list) for skill in SKILLS}
    for round_number in range(rounds):
        order = (OURS, BARE) if round_number % 2 == 0 else (BARE, OURS)
        for kind, envelope in requests:
            for skill in order:
                handler = handlers[skill]
                started = time.perf_counter_ns()
                handler(envelope, None)
                elapsed_ms = (time.perf_counter_ns() - started) / 1e6
                samples[skill].append(elapsed_ms)
                by_kind[skill][kind].append(elapsed_ms)

    return {
        # Where our skill was imported from: the staged package, when the run gave one.
        "skill_from": str(Path(sys.modules["backpain"].__file__ or "").parent),
        "requests_per_round": len(requests),
        "rounds": rounds,
        "spread": {skill: Spread.of(samples[skill]).to_json() for skill in SKILLS},
        "by_kind": {
            skill: {kind: Spread.of(values).to_json() for kind, values in by_kind[skill].items()}
            for skill in SKILLS
        },
        "samples": {skill: thin(samples[skill]) for skill in SKILLS},
    }
