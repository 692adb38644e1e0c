"""The project's gunicorn door serving either skill, verification on or off, for the benchmark.

It is `backpain serve`'s own SkillServer with one change: which skill the app factory gets.
Run as: python -m benchmarks.web_server ours|bare on|off WORKERS
"""

from __future__ import annotations

import logging
import sys

from flask import Flask
from gunicorn.arbiter import Arbiter

from benchmarks.targets import custom_skill
from skill.web import create_app
from skill.web.server import Listen, SkillServer


class BenchmarkServer(SkillServer):
    def __init__(self, workers: int, target: str, verify: bool) -> None:
        self.target = target
        self.verify = verify
        super().__init__(Listen("127.0.0.1", 0), workers)

    def load_config(self) -> None:
        super().load_config()
        self.cfg.set("when_ready", self.announce)

    def announce(self, arbiter: Arbiter) -> None:
        for listener in arbiter.LISTENERS:
            print(f"benchmark server listening on {listener}", flush=True)

    def load(self) -> Flask:
        # In each worker after the fork, as in production: one skill per worker.
        return create_app(custom_skill(self.target), verify=self.verify)


def main(argv: list[str]) -> int:
    target, verify, workers = argv[0], argv[1] == "on", int(argv[2])
    # As `backpain serve` does: the door and the skill log one line per request.
    logging.basicConfig(
        level=logging.INFO,
        # The pid tells the benchmark which workers have answered (and so are warm).
        format="%(asctime)s [pid %(process)d] %(levelname)s %(name)s: %(message)s",
    )
    BenchmarkServer(workers, target, verify).run()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
