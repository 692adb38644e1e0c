"""Draws the run as one PNG: latency, cold start, web door, matching, memory and the goals."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from benchmarks.report import Row, goals

OURS_COLOUR = "#1f5fa8"
BARE_COLOUR = "#a0a0a0"
PASS_COLOUR = "#3a9a4a"
MISS_COLOUR = "#c8402f"


def draw(results: dict[str, Any], table: list[Row], path: Path, title: str) -> None:
    import matplotlib

    matplotlib.use("Agg")  # files only: no display needed
    import matplotlib.pyplot as plt

    figure, axes = plt.subplots(3, 2, figsize=(15, 15), layout="constrained")
    figure.suptitle(title, fontsize=13)
    panels = (
        (_per_request, "per_request"),
        (_cold_start, "cold_start"),
        (_web, "web"),
        (_matching, "device"),
        (_memory, None),
        (_goals, None),
    )
    for axis, (panel, needs) in zip(axes.flat, panels, strict=True):
        if needs is not None and needs not in results:
            axis.set_axis_off()
            axis.text(
                0.5,
                0.5,
                f"{needs.replace('_', ' ')}: not measured in this run",
                ha="center",
                va="center",
                color="grey",
            )
            continue
        panel(axis, results, table)
    figure.savefig(path, dpi=110)
    plt.close(figure)


def _legend_pair(axis: Any) -> None:
    axis.legend(frameon=False, fontsize=9)


def _per_request(axis: Any, results: dict[str, Any], table: list[Row]) -> None:
    from matplotlib import ticker

    result = results["per_request"]
    for target, colour, label in (
        ("ours", OURS_COLOUR, "Back Pain Guide"),
        ("bare", BARE_COLOUR, "bare ask-sdk"),
    ):
        samples = result["samples"][target]
        fractions = [(i + 0.5) / len(samples) for i in range(len(samples))]
        spread = result["spread"][target]
        axis.plot(
            samples,
            fractions,
            color=colour,
            lw=2,
            label=f"{label}: p50 {spread['p50']:.2f} ms, p99 {spread['p99']:.2f} ms",
        )
    axis.set_xscale("log")
    # Plain numbers on the log axis ("0.5", "1", "2"), and no labels on the minor ticks.
    axis.xaxis.set_major_formatter(ticker.FuncFormatter(lambda value, _: f"{value:g}"))
    axis.xaxis.set_minor_formatter(ticker.NullFormatter())
    axis.xaxis.set_major_locator(ticker.LogLocator(subs=(1.0, 2.0, 5.0)))
    axis.set_xlabel("ms per request (log scale)")
    axis.set_ylabel("fraction of requests answered within")
    axis.set_title("Lambda handler, warm: latency distribution")
    axis.grid(alpha=0.3, which="both")
    _legend_pair(axis)


def _bars(axis: Any, labels: list[str], ours: list[float], bare: list[float], unit: str) -> None:
    positions = range(len(labels))
    width = 0.38
    left = [p - width / 2 for p in positions]
    right = [p + width / 2 for p in positions]
    for xs, values, colour, name in (
        (left, ours, OURS_COLOUR, "Back Pain Guide"),
        (right, bare, BARE_COLOUR, "bare ask-sdk"),
    ):
        bars = axis.bar(xs, values, width, color=colour, label=name)
        axis.bar_label(bars, labels=[f"{v:.0f}" for v in values], fontsize=8, padding=2)
    axis.set_xticks(list(positions), labels, fontsize=9)
    axis.set_ylabel(unit)
    axis.margins(y=0.15)
    axis.grid(alpha=0.3, axis="y")
    _legend_pair(axis)


def _cold_start(axis: Any, results: dict[str, Any], table: list[Row]) -> None:
    result = results["cold_start"]
    keys = (
        ("import_ms", "import\nentry point"),
        ("cold_ms", "ready →\nfirst answer"),
        ("spawn_to_answer_ms", "spawned →\nfirst answer"),
        ("wall_ms", "whole process\n(wall)"),
    )
    _bars(
        axis,
        [label for _, label in keys],
        [result["ours"][key] for key, _ in keys],
        [result["bare"][key] for key, _ in keys],
        "ms (median)",
    )
    axis.set_title(f"Cold start (bytecode cached), median of {result['runs']} runs")


def _web(axis: Any, results: dict[str, Any], table: list[Row]) -> None:
    result = results["web"]
    labels = [
        f"verification {v}\np99 {result[f'ours-{v}']['latency']['p99']:.0f} / "
        f"{result[f'bare-{v}']['latency']['p99']:.0f} ms"
        for v in ("off", "on")
    ]
    _bars(
        axis,
        labels,
        [result[f"ours-{v}"]["throughput"] for v in ("off", "on")],
        [result[f"bare-{v}"]["throughput"] for v in ("off", "on")],
        "requests per second",
    )
    axis.set_title(
        f"Web door under gunicorn ({result['workers']} workers, {result['clients']} clients)"
    )


def _matching(axis: Any, results: dict[str, Any], table: list[Row]) -> None:
    matching = results["device"]["matching"]
    samples = matching["samples"]
    axis.hist(samples, bins=40, color=OURS_COLOUR)
    axis.axvline(1.0, color=MISS_COLOUR, ls="--", lw=1.5, label="goal: 1 ms")
    axis.axvline(
        matching["spread"]["p99"],
        color="black",
        ls=":",
        lw=1.5,
        label=f"p99 {matching['spread']['p99']:.2f} ms",
    )
    axis.set_xlabel("ms to match one utterance (its fastest pass)")
    axis.set_ylabel(
        "utterances (sampled)" if len(samples) < matching["utterances"] else "utterances"
    )
    axis.set_title(f"Offline matching: {matching['utterances']} utterances")
    axis.grid(alpha=0.3, axis="y")
    _legend_pair(axis)


def _memory(axis: Any, results: dict[str, Any], table: list[Row]) -> None:
    rows = [row for row in table if row.section.startswith("Peak memory")]
    labels, ours, bare = [], [], []
    for row in rows:
        labels.append(row.measure.replace(" (tracemalloc peak)", "\n(tracemalloc)"))
        ours.append(_number(row.ours))
        bare.append(_number(row.bare))
    positions = list(range(len(labels)))
    axis.barh([p - 0.2 for p in positions], ours, 0.4, color=OURS_COLOUR, label="Back Pain Guide")
    axis.barh([p + 0.2 for p in positions], bare, 0.4, color=BARE_COLOUR, label="bare ask-sdk")
    for p, (o, b) in enumerate(zip(ours, bare, strict=True)):
        axis.text(o, p - 0.2, f" {o:.0f}", va="center", fontsize=8)
        if b:
            axis.text(b, p + 0.2, f" {b:.0f}", va="center", fontsize=8)
    axis.set_yticks(positions, labels, fontsize=8)
    axis.invert_yaxis()
    axis.set_xlabel("MiB")
    axis.margins(x=0.15)
    axis.set_title("Peak memory")
    axis.grid(alpha=0.3, axis="x")
    _legend_pair(axis)


def _number(text: str) -> float:
    try:
        return float(text.split()[0])
    except (ValueError, IndexError):
        return 0.0


def _goals(axis: Any, results: dict[str, Any], table: list[Row]) -> None:
    checked = goals(table)
    labels = [
        f"{row.section.split(':')[0]}: {row.measure.split(' (')[0]}\n{goal.text}"
        for row, goal in checked
    ]
    used = [goal.budget_used for _, goal in checked]
    colours = [PASS_COLOUR if goal.met else MISS_COLOUR for _, goal in checked]
    positions = list(range(len(checked)))
    axis.barh(positions, used, color=colours)
    for p, (value, (_, goal)) in enumerate(zip(used, checked, strict=True)):
        axis.text(max(value, 0), p, f" {goal.value_text}", va="center", fontsize=8)
    axis.axvline(1.0, color="black", lw=1)
    axis.set_yticks(positions, labels, fontsize=8)
    axis.invert_yaxis()
    axis.set_xlabel("measured ÷ limit (under 1 = pass); bars say the measured value")
    axis.set_title("Goals")
    axis.margins(x=0.15)
    axis.grid(alpha=0.3, axis="x")
