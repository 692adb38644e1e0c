"""Runs the benchmarks, prints the table and writes benchmarks/results/latest.{md,png,json}."""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from benchmarks import child, cold_start, report, session_mix, web
from benchmarks.plan import FULL, QUICK, Plan
from benchmarks.targets import ROOT, lambda_handler

RESULTS = ROOT / "benchmarks" / "results"
SECTIONS = ("per_request", "cold_start", "web", "device")


def measure_section(
    name: str, plan: Plan, workdir: Path, mix: Path, package: Path
) -> dict[str, Any]:
    # The Lambda handler's figures (warm and cold) are those of the packaged form: the code and
    # compiled content the zip carries (`package`), not the source tree's YAML.
    if name == "per_request":
        arguments = {
            "conversations_file": str(mix),
            "rounds": plan.request_rounds,
            "package": str(package),
        }
        return child.run("per_request", arguments, 900)
    if name == "cold_start":
        return cold_start.measure(
            workdir, mix, plan.cold_runs, plan.uncached_cold_runs, plan.replay_rounds, package
        )
    if name == "web":
        return web.measure(
            workdir,
            mix,
            total=plan.web_requests,
            clients=plan.web_clients,
            max_seconds=plan.web_seconds,
            workers=plan.web_workers,
            slices=plan.web_slices,
            in_process_rounds=plan.door_rounds,
        )
    if name == "device":
        return child.run(
            "device",
            {
                "passes": plan.match_passes,
                "reply_rounds": plan.reply_rounds,
                "voice_repeats": plan.voice_repeats,
            },
            900,
        )
    raise ValueError(name)


def machine() -> dict[str, Any]:
    try:
        commit = subprocess.run(
            ["git", "describe", "--always", "--dirty"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
        ).stdout.strip()
    except OSError:
        commit = ""
    return {
        "when": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "commit": commit or "unknown",
        "python": platform.python_version(),
        "platform": platform.platform(terse=True),
        "cpus": os.cpu_count(),
        "load_average": os.getloadavg() if hasattr(os, "getloadavg") else None,
    }


def markdown(results: dict[str, Any], table: list[report.Row]) -> str:
    about = results["machine"]
    load = about.get("load_average")
    lines = [
        "# Benchmark results",
        "",
        f"{about['when']}, commit {about['commit']}, {results['plan']['name']} run "
        f"({results['seconds']:.0f} s); Python {about['python']} on {about['platform']}, "
        f"{about['cpus']} CPUs"
        + (f", load average {load[0]:.1f} at the start" if load else "")
        + ".",
        "",
        report.markdown_table(table),
        "",
    ]
    checked = report.goals(table)
    missed = [row for row, goal in checked if not goal.met]
    lines.append(
        f"Goals met: {len(checked) - len(missed)} of {len(checked)}."
        + (
            " Missed: " + "; ".join(f"{r.section.split(':')[0]}, {r.measure}" for r in missed) + "."
            if missed
            else ""
        )
    )
    lines += ["", "How each number is measured: docs/benchmarks.md.", ""]
    if "per_request" in results:
        lines += ["", _by_kind_table(results["per_request"]), ""]
    return "\n".join(lines)


def _by_kind_table(result: dict[str, Any]) -> str:
    lines = [
        "Lambda handler, warm, p50 by kind of request:",
        "",
        "| Request | Back Pain Guide | bare ask-sdk | ours ÷ bare |",
        "|---|---:|---:|---:|",
    ]
    for kind, ours in result["by_kind"]["ours"].items():
        bare = result["by_kind"]["bare"][kind]
        lines.append(
            f"| {kind} ({ours['n'] // result['rounds']} per round) | {report.ms(ours['p50'])} "
            f"| {report.ms(bare['p50'])} | {report.times(ours['p50'] / bare['p50'])} |"
        )
    return "\n".join(lines)


def parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks",
        description="Measure Back Pain Guide next to a bare ask-sdk skill, in one run.",
    )
    parser.add_argument(
        "--quick", action="store_true", help="fewer iterations: a smoke run in under a minute"
    )
    parser.add_argument(
        "--only",
        nargs="+",
        choices=SECTIONS,
        metavar="SECTION",
        help=f"measure only these: {', '.join(SECTIONS)}",
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=RESULTS,
        help="where latest.md/.png/.json go (default benchmarks/results)",
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse(sys.argv[1:] if argv is None else argv)
    plan = QUICK if args.quick else FULL
    started = time.perf_counter()
    results: dict[str, Any] = {"plan": asdict(plan), "machine": machine()}
    with tempfile.TemporaryDirectory(prefix="backpain-bench-") as folder:
        workdir = Path(folder)
        mix = workdir / "conversations.json"
        recorded = session_mix.record(lambda_handler("ours"))
        session_mix.save(recorded, mix)
        package = cold_start.stage_package(workdir)
        for name in args.only or SECTIONS:
            print(f"bench: {name.replace('_', ' ')} ...", file=sys.stderr, flush=True)
            began = time.perf_counter()
            results[name] = measure_section(name, plan, workdir, mix, package)
            print(
                f"bench:   done in {time.perf_counter() - began:.1f} s", file=sys.stderr, flush=True
            )
    results["seconds"] = time.perf_counter() - started
    table = report.rows(results)
    document = markdown(results, table)
    print(document)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "latest.md").write_text(document, encoding="utf-8")
    (args.out / "latest.json").write_text(json.dumps(results, indent=1), encoding="utf-8")
    _chart(results, table, args.out / "latest.png")
    return 0


def _chart(results: dict[str, Any], table: list[report.Row], path: Path) -> None:
    draw: Callable[..., None]
    try:
        import matplotlib  # noqa: F401

        from benchmarks.chart import draw
    except ImportError:
        print(
            "bench: no chart (matplotlib is not installed): run scripts/bench, or "
            ".venv/bin/pip install -e '.[bench]'",
            file=sys.stderr,
        )
        return
    about = results["machine"]
    draw(
        results,
        table,
        path,
        f"Back Pain Guide vs a bare ask-sdk skill: {results['plan']['name']} run, "
        f"{about['when']}, {about['commit']}, {about['cpus']} CPUs",
    )
    print(f"bench: wrote {path.parent / 'latest.md'} and {path}", file=sys.stderr)
