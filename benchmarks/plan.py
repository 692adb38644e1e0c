"""How much of each measurement a run does: the full run, or a quick smoke run under a minute."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Plan:
    """Iteration counts for one run."""

    name: str
    request_rounds: int
    """Replays of the whole conversation mix, per skill, for per-request latency."""
    cold_runs: int
    """Fresh processes per skill for cold start (the median is reported)."""
    uncached_cold_runs: int
    """The same with no bytecode cache (every module compiled from source)."""
    replay_rounds: int
    """Conversation-mix replays in the process whose memory is read after serving them."""
    web_requests: int
    """Requests per server (split into slices), unless web_seconds runs out first."""
    web_seconds: float
    """Upper bound of load time per server."""
    web_slices: int
    web_clients: int
    web_workers: int
    door_rounds: int
    """Conversation-mix replays through the Flask app in-process, per skill and setting."""
    match_passes: int
    """Timed passes over every utterance; each utterance's fastest pass is its time."""
    reply_rounds: int
    voice_repeats: int


FULL = Plan(
    name="full",
    request_rounds=150,
    cold_runs=11,
    uncached_cold_runs=5,
    replay_rounds=40,
    web_requests=3000,
    web_seconds=25,
    web_slices=10,
    web_clients=4,
    web_workers=2,
    door_rounds=40,
    match_passes=7,
    reply_rounds=20,
    voice_repeats=7,
)

QUICK = Plan(
    name="quick",
    request_rounds=12,
    cold_runs=3,
    uncached_cold_runs=1,
    replay_rounds=5,
    web_requests=300,
    web_seconds=4,
    web_slices=3,
    web_clients=4,
    web_workers=2,
    door_rounds=4,
    match_passes=3,
    reply_rounds=3,
    voice_repeats=2,
)
