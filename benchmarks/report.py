"""Turns a run's results into the table: our skill, the bare skill, the ratio, the goal, a mark."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from benchmarks.stats import ratio

PASS, MISS = "pass", "**MISS**"
RATIO_LIMIT = 1.10
"""Per request, warm: ours at most 10% over the bare ask-sdk skill."""
COLD_RATIO_LIMIT = 1.25
"""Cold start (import + first answer): ours at most 25% over the bare skill."""
VERIFICATION_LIMIT = 0.10
MATCH_LIMIT_MS = 1.0
FIRST_AUDIO_LIMIT_MS = 150.0


@dataclass(frozen=True)
class Goal:
    """A limit a measured value must stay under, and how to say it."""

    text: str
    limit: float
    value: float
    """What is compared with the limit: a ratio, a fraction or milliseconds."""
    unit: str = "ms"
    """How the value reads: "×" (a ratio), "%" (a fraction) or "ms"."""

    @property
    def value_text(self) -> str:
        if self.unit == "×":
            return times(self.value)
        if self.unit == "%":
            return percent(self.value)
        return ms(self.value)

    @property
    def met(self) -> bool:
        return not math.isnan(self.value) and self.value <= self.limit

    @property
    def budget_used(self) -> float:
        """value / limit: under 1 is a pass (the chart draws this)."""
        return self.value / self.limit


@dataclass(frozen=True)
class Row:
    section: str
    measure: str
    ours: str
    bare: str = ""
    ratio: str = ""
    goal: Goal | None = None

    @property
    def mark(self) -> str:
        if self.goal is None:
            return ""
        return PASS if self.goal.met else MISS


def ms(value: float | None) -> str:
    if value is None or math.isnan(value):
        return "n/a"
    if value >= 100:
        return f"{value:.0f} ms"
    if value >= 10:
        return f"{value:.1f} ms"
    return f"{value:.2f} ms"


def mib(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.1f} MiB"


def times(value: float) -> str:
    return "n/a" if math.isnan(value) else f"{value:.2f}×"


def percent(value: float) -> str:
    return "n/a" if math.isnan(value) else f"{value * 100:+.1f}%"


def _side_by_side(
    section: str,
    measure: str,
    ours: float | None,
    bare: float | None,
    fmt: Callable[[float | None], str],
    goal: str | None = None,
    limit: float = RATIO_LIMIT,
) -> Row:
    quotient = ratio(ours, bare) if ours is not None and bare is not None else math.nan
    return Row(
        section,
        measure,
        fmt(ours),
        fmt(bare),
        times(quotient),
        Goal(goal, limit, quotient, "×") if goal else None,
    )


def per_request_rows(result: dict[str, Any]) -> Iterator[Row]:
    section = (
        f"Lambda handler, warm: {result['requests_per_round']}-request conversation mix "
        f"× {result['rounds']}"
    )
    ours, bare = result["spread"]["ours"], result["spread"]["bare"]
    within = f"≤ {RATIO_LIMIT:.2f}× bare"
    yield _side_by_side(section, "per request, p50", ours["p50"], bare["p50"], ms, within)
    yield _side_by_side(section, "per request, p99", ours["p99"], bare["p99"], ms, within)
    yield _side_by_side(section, "per request, mean", ours["mean"], bare["mean"], ms)


def cold_start_rows(result: dict[str, Any]) -> Iterator[Row]:
    section = (
        "Cold start: a fresh Python process, bytecode cached, the packaged Lambda code and "
        f"compiled content, median of {result['runs']}"
    )
    ours, bare = result["ours"], result["bare"]
    within = f"≤ {COLD_RATIO_LIMIT:.2f}× bare"
    yield _side_by_side(
        section,
        "interpreter ready → first answer",
        ours["cold_ms"],
        bare["cold_ms"],
        ms,
        within,
        COLD_RATIO_LIMIT,
    )
    yield _side_by_side(
        section, "  of which: import entry point", ours["import_ms"], bare["import_ms"], ms
    )
    yield _side_by_side(
        section, "  of which: first request", ours["first_answer_ms"], bare["first_answer_ms"], ms
    )
    yield _side_by_side(
        section,
        "process spawned → first answer",
        ours["spawn_to_answer_ms"],
        bare["spawn_to_answer_ms"],
        ms,
    )
    yield _side_by_side(section, "whole process, wall", ours["wall_ms"], bare["wall_ms"], ms)
    yield _side_by_side(
        section,
        f"ready → first answer, no bytecode cache (median of {result['uncached_runs']})",
        ours["uncached_cold_ms"],
        bare["uncached_cold_ms"],
        ms,
    )


def web_rows(result: dict[str, Any]) -> Iterator[Row]:
    section = (
        f"Web door: gunicorn, {result['workers']} gevent workers, {result['clients']} clients "
        "on 127.0.0.1"
    )
    for verify in ("off", "on"):
        ours, bare = result[f"ours-{verify}"], result[f"bare-{verify}"]
        yield _side_by_side(
            section,
            f"verification {verify}: throughput",
            ours["throughput"],
            bare["throughput"],
            lambda v: "n/a" if v is None else f"{v:.0f} req/s",
        )
        yield _side_by_side(
            section,
            f"verification {verify}: p99 latency",
            ours["latency"]["p99"],
            bare["latency"]["p99"],
            ms,
        )
        yield _side_by_side(
            section,
            f"verification {verify}: worker CPU per request",
            ours["worker_cpu_ms_per_request"],
            bare["worker_cpu_ms_per_request"],
            ms,
        )
    slow = result.get("slow_clients")
    if slow:
        held = f"verification on, {slow['count']} slow clients held"
        ours, bare = slow["ours-on"], slow["bare-on"]
        yield _side_by_side(
            section,
            f"{held}: throughput",
            ours["throughput"],
            bare["throughput"],
            lambda v: "n/a" if v is None else f"{v:.0f} req/s",
        )
        yield _side_by_side(
            section, f"{held}: p99 latency", ours["latency"]["p99"], bare["latency"]["p99"], ms
        )
    # Throughput on a shared machine also measures the machine's other load; the workers' CPU
    # time per request does not.
    basis = "worker_cpu_ms_per_request"
    if result["ours-off"][basis] is None:
        basis = "throughput"
    served = {}
    for target in ("ours", "bare"):
        on, off = result[f"{target}-on"][basis], result[f"{target}-off"][basis]
        served[target] = (ratio(on, off) if basis != "throughput" else ratio(off, on)) - 1
    yield Row(
        section,
        "what verification adds per request, served (warm cache; "
        + ("worker CPU)" if basis != "throughput" else "throughput)"),
        percent(served["ours"]),
        percent(served["bare"]),
    )
    door = result["in_process"]
    for verify in ("off", "on"):
        yield _side_by_side(
            section,
            f"in-process door (Flask test client), verification {verify}, per request",
            door[f"ours-{verify}"]["best_ms"],
            door[f"bare-{verify}"]["best_ms"],
            ms,
        )
    added = {
        target: ratio(door[f"{target}-on"]["best_ms"], door[f"{target}-off"]["best_ms"]) - 1
        for target in ("ours", "bare")
    }
    yield Row(
        section,
        "what verification adds per request, in-process door (warm cache)",
        percent(added["ours"]),
        percent(added["bare"]),
        "",
        Goal(f"< {VERIFICATION_LIMIT:.0%}", VERIFICATION_LIMIT, added["ours"], "%"),
    )
    yield Row(
        section,
        "verification alone (signature + timestamp, warm cache)",
        f"{result['verification_us']:.0f} µs",
    )


def device_rows(result: dict[str, Any]) -> Iterator[Row]:
    section = "Local device"
    matching = result["matching"]
    spread = matching["spread"]
    what = f"{matching['utterances']} utterances, fastest of {matching['passes']} passes"
    yield Row(section, f"matching per utterance, mean ({what})", ms(spread["mean"]))
    yield Row(
        section,
        f"matching per utterance, p99 (max {ms(spread['max'])}; {matching['over_1ms']} over 1 ms)",
        ms(spread["p99"]),
        goal=Goal(f"< {MATCH_LIMIT_MS:.0f} ms", MATCH_LIMIT_MS, spread["p99"]),
    )
    yield Row(
        section, "matcher built from the model (once per process)", ms(result["matcher_build_ms"])
    )
    replies = result["replies"]
    yield _side_by_side(
        section,
        "text reply: utterance → reply text (muted), p50",
        replies["ours"]["p50"],
        replies["bare"]["p50"],
        ms,
    )
    voice = result["voice"]
    if "unavailable" in voice:
        yield Row(section, "voice", f"skipped: {voice['unavailable']}")
        return
    yield Row(
        section,
        f"synthesis of a typical answer ({voice['words']} words, {voice['audio_s']:.1f} s of "
        "audio), pyttsx3 + espeak-ng",
        f"{ms(voice['render_ms'])}, {voice['real_time_factor']:.0f}× real time",
    )
    yield Row(
        section,
        "the same as the device renders it (phrase by phrase, real pauses)",
        f"{ms(voice['device_render_ms'])}, {voice['device_real_time_factor']:.0f}× real time",
    )
    yield Row(
        section,
        f"the longest reply ({voice['longest_reply']}, {voice['longest_audio_s']:.0f} s of audio), "
        "as the device renders it",
        ms(voice["longest_render_ms"]),
    )
    yield Row(
        section,
        "time to first audio: utterance → the player starts (typical answer)",
        ms(voice["first_audio_ms"]),
        goal=Goal(
            f"< {FIRST_AUDIO_LIMIT_MS:.0f} ms", FIRST_AUDIO_LIMIT_MS, voice["first_audio_ms"]
        ),
    )


def memory_rows(results: dict[str, Any]) -> Iterator[Row]:
    section = "Peak memory (resident set high-water mark unless noted)"
    cold = results.get("cold_start")
    if cold:
        ours, bare = cold["ours"], cold["bare"]
        yield _side_by_side(
            section,
            "Lambda process after its first answer",
            ours["peak_rss_mib_after_first"],
            bare["peak_rss_mib_after_first"],
            mib,
        )
        yield _side_by_side(
            section,
            f"Lambda process after {ours['requests_replayed']} requests",
            ours["peak_rss_mib_after_replay"],
            bare["peak_rss_mib_after_replay"],
            mib,
        )
        yield _side_by_side(
            section,
            "Python heap, import + first answer (tracemalloc peak)",
            ours["traced_peak_mib"],
            bare["traced_peak_mib"],
            mib,
        )
    web = results.get("web")
    if web:
        yield _side_by_side(
            section,
            "gunicorn worker, verification on",
            web["ours-on"]["worker_peak_rss_mib"],
            web["bare-on"]["worker_peak_rss_mib"],
            mib,
        )
    device = results.get("device")
    if device:
        yield Row(section, "device process (matcher, skill, voice)", mib(device["peak_rss_mib"]))


SECTIONS: dict[str, Callable[[dict[str, Any]], Iterator[Row]]] = {
    "per_request": per_request_rows,
    "cold_start": cold_start_rows,
    "web": web_rows,
    "device": device_rows,
}


def rows(results: dict[str, Any]) -> list[Row]:
    table: list[Row] = []
    for name, make in SECTIONS.items():
        if name in results:
            table.extend(make(results[name]))
    table.extend(memory_rows(results))
    return table


def markdown_table(table: list[Row]) -> str:
    lines = [
        "| Measure | Back Pain Guide | bare ask-sdk | ours ÷ bare | Goal | |",
        "|---|---:|---:|---:|---|---|",
    ]
    section = None
    for row in table:
        if row.section != section:
            section = row.section
            lines.append(f"| **{section}** | | | | | |")
        goal = row.goal.text if row.goal else ""
        measure = (
            row.measure.replace("  ", "&nbsp;&nbsp;", 1)
            if row.measure.startswith("  ")
            else row.measure
        )
        lines.append(f"| {measure} | {row.ours} | {row.bare} | {row.ratio} | {goal} | {row.mark} |")
    return "\n".join(lines)


def goals(table: list[Row]) -> list[tuple[Row, Goal]]:
    return [(row, row.goal) for row in table if row.goal is not None]
