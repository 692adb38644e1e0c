"""Summaries of timing samples: percentiles by linear interpolation, as numpy's default does."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any


def percentile(samples: Sequence[float], q: float) -> float:
    """The q-th percentile (0..100) of `samples`."""
    if not samples:
        return math.nan
    ordered = sorted(samples)
    position = (len(ordered) - 1) * q / 100
    low = math.floor(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def median(samples: Sequence[float]) -> float:
    return percentile(samples, 50)


@dataclass(frozen=True)
class Spread:
    """How a set of timings is spread, in the unit the samples were given in."""

    n: int
    mean: float
    p50: float
    p90: float
    p99: float
    max: float

    @classmethod
    def of(cls, samples: Sequence[float]) -> Spread:
        if not samples:
            return cls(0, math.nan, math.nan, math.nan, math.nan, math.nan)
        return cls(
            n=len(samples),
            mean=math.fsum(samples) / len(samples),
            p50=percentile(samples, 50),
            p90=percentile(samples, 90),
            p99=percentile(samples, 99),
            max=max(samples),
        )

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Spread:
        return cls(**data)


def ratio(ours: float, floor: float) -> float:
    """ours / floor, NaN when the floor is zero or missing."""
    if not floor or math.isnan(floor) or math.isnan(ours):
        return math.nan
    return ours / floor


def thin(samples: Sequence[float], keep: int = 400) -> list[float]:
    """At most `keep` samples spread evenly over the sorted set: enough to draw a distribution."""
    ordered = sorted(samples)
    if len(ordered) <= keep:
        return ordered
    step = (len(ordered) - 1) / (keep - 1)
    return [ordered[round(i * step)] for i in range(keep)]
