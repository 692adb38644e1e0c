"""`python -m benchmarks.matcher_speed`: time the offline NLU matcher per utterance (CPU time)."""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

import yaml

from echo_sim.understanding import Matcher

REPO = Path(__file__).resolve().parents[1]
MODEL = REPO / "interaction_models" / "en-GB.json"
UTTERANCES = REPO / "skill" / "backpain_tools" / "utterances" / "en-GB"
REPEATS = 7
"""Each utterance is timed this often and the fastest run kept: other processes only add time."""


def fixture_sentences() -> list[str]:
    texts: list[str] = []
    for path in sorted(UTTERANCES.glob("*.yaml")):
        if path.name != "known_failures.yaml":
            document = yaml.safe_load(path.read_text(encoding="utf-8"))
            texts += [sentence["text"] for sentence in document["sentences"]]
    return texts


def main() -> int:
    started = time.process_time()
    matcher = Matcher.from_file(MODEL)
    build_ms = (time.process_time() - started) * 1000
    texts = fixture_sentences()
    timings: list[float] = []
    for text in texts:
        fastest = min(_cpu_ms(matcher, text) for _ in range(REPEATS))
        timings.append(fastest)
    timings.sort()
    print(f"model: {MODEL.relative_to(REPO)}; matcher built in {build_ms:.0f} ms (CPU)")
    print(f"{len(texts)} fixture sentences, fastest of {REPEATS} runs each (CPU time):")
    p95 = timings[int(0.95 * (len(timings) - 1))]
    print(f"  mean {statistics.fmean(timings):.3f} ms  median {statistics.median(timings):.3f} ms"
          f"  p95 {p95:.3f} ms  max {timings[-1]:.3f} ms")  # fmt: skip
    return 0


def _cpu_ms(matcher: Matcher, text: str) -> float:
    started = time.process_time_ns()
    matcher.match(text)
    return (time.process_time_ns() - started) / 1e6


if __name__ == "__main__":
    sys.exit(main())
