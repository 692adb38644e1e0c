"""Runs one measurement in a fresh process and prints its result as JSON on the last line."""

# A child keeps each measurement's imports, garbage and memory high-water mark its own.
# The runner calls: python -m benchmarks.child MODULE '{"keyword": "arguments"}'

from __future__ import annotations

import importlib
import json
import os
import resource
import subprocess
import sys
from typing import Any

from benchmarks.targets import ROOT

RESULT_MARK = "BENCH-RESULT "


def peak_rss_mib() -> float:
    """This process's resident set high-water mark, in MiB."""
    # Linux keeps ru_maxrss across exec, so a child would report its parent's peak when that was
    # bigger; VmHWM belongs to the address space, which exec replaces.
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux, bytes on macOS
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def run(module: str, arguments: dict[str, Any], timeout: float) -> dict[str, Any]:
    """Run `benchmarks.<module>.measure(**arguments)` in a child process; return its result."""
    completed = subprocess.run(
        [sys.executable, "-m", "benchmarks.child", module, json.dumps(arguments)],
        cwd=ROOT,
        env={**os.environ, "PYTHONHASHSEED": "0"},
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    for line in reversed(completed.stdout.splitlines()):
        if line.startswith(RESULT_MARK):
            result: dict[str, Any] = json.loads(line[len(RESULT_MARK) :])
            return result
    raise RuntimeError(
        f"benchmarks.{module} failed (exit {completed.returncode}):\n{completed.stderr[-3000:]}"
    )


def main(argv: list[str]) -> int:
    module_name, arguments = argv[0], json.loads(argv[1])
    module = importlib.import_module(f"benchmarks.{module_name}")
    result = module.measure(**arguments)
    result["peak_rss_mib"] = peak_rss_mib()
    print(RESULT_MARK + json.dumps(result), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
