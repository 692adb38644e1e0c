"""A cold Lambda container in miniature: import the entry point, answer one request, report."""

# Run as a script, not with -m, so that nothing but what the interpreter itself loads is imported
# before the clock starts: python benchmarks/cold_child.py ours|bare ENVELOPE.json
# [--package DIR] [--tracemalloc] [--replay CONVERSATIONS.json --rounds N]
# --package: the folder holding our Lambda package's code and compiled content, as the zip
# carries them (backpain_tools.deploy.lambda_package.stage_code); its requirements come from
# this venv.

import time

STARTED = time.perf_counter()

import sys  # noqa: E402

if "--tracemalloc" in sys.argv:
    import tracemalloc

    tracemalloc.start()

import json  # noqa: E402
import resource  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402  (ask-sdk imports typing anyway: no cost to either skill)

ROOT = Path(__file__).resolve().parent.parent


def peak_rss_mib() -> float:
    """The resident set high-water mark (VmHWM: ru_maxrss would carry the parent's over exec)."""
    try:
        for line in Path("/proc/self/status").read_text(encoding="ascii").splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 2**20 if sys.platform == "darwin" else peak / 1024


def import_entry_point(target: str) -> Any:
    if target == "ours":
        # Lambda puts the package's root first on sys.path and imports `lambda_function`.
        package = sys.argv[sys.argv.index("--package") + 1] if "--package" in sys.argv else None
        sys.path.insert(0, package or str(ROOT / "lambda"))
        import lambda_function

        return lambda_function.lambda_handler
    import bare_skill  # this script's folder is on sys.path[0]

    return bare_skill.lambda_handler


def main() -> None:
    target, envelope_file = sys.argv[1], sys.argv[2]
    event = json.loads(Path(envelope_file).read_text(encoding="utf-8"))
    handler = import_entry_point(target)
    imported = time.perf_counter()
    answer = handler(event, None)
    answered = time.perf_counter()
    answered_wall = time.time()
    assert "response" in answer, answer
    result = {
        "import_ms": (imported - STARTED) * 1000,
        "first_answer_ms": (answered - imported) * 1000,
        "cold_ms": (answered - STARTED) * 1000,
        "answered_at": answered_wall,
        "peak_rss_mib_after_first": peak_rss_mib(),
    }
    if "--tracemalloc" in sys.argv:
        result["traced_peak_bytes"] = tracemalloc.get_traced_memory()[1]
    if "--replay" in sys.argv:
        replay = Path(sys.argv[sys.argv.index("--replay") + 1])
        rounds = int(sys.argv[sys.argv.index("--rounds") + 1])
        recorded = json.loads(replay.read_text(encoding="utf-8"))
        envelopes = [e for conversation in recorded for e in conversation["envelopes"]]
        for _ in range(rounds):
            for envelope in envelopes:
                handler(envelope, None)
        result["requests_replayed"] = rounds * len(envelopes)
        result["peak_rss_mib_after_replay"] = peak_rss_mib()
    print(json.dumps(result), flush=True)


main()
