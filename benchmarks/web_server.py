"""The project's gunicorn door serving either skill, verification on or off, for the benchmark.

It is `backpain serve`'s own SkillServer; each worker's app comes from the production
`create_app`, given the skill under test and the test PKI's trust
(backpain_tools/amazon_standins/trust_store.py).
Run as: python -m benchmarks.web_server ours|bare on|off WORKERS TRUST_FILE
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from flask import Flask
from gunicorn.arbiter import Arbiter

from backpain_tools.amazon_standins.trust_store import ServedTrust
from backpain_web.hosting import Listen, SkillServer
from benchmarks.targets import custom_skill
from echo_sim.device.envelope import DEFAULT_APPLICATION_ID


class BenchmarkServer(SkillServer):
    def load_config(self) -> None:
        super().load_config()
        self.cfg.set("when_ready", self.announce)

    def announce(self, arbiter: Arbiter) -> None:
        for listener in arbiter.LISTENERS:
            print(f"benchmark server listening on {listener}", flush=True)


def main(argv: list[str]) -> int:
    target, verify, workers = argv[0], argv[1] == "on", int(argv[2])
    trust = ServedTrust.read(Path(argv[3]))

    def build_app(*, skill_id: str | None) -> Flask:
        # In each worker after the fork, as in production: one skill per worker.
        return trust.create_app(custom_skill(target), verify=verify, skill_id=skill_id)

    # As `backpain serve` does: the door and the skill log one line per request.
    logging.basicConfig(
        level=logging.INFO,
        # The pid tells the benchmark which workers have answered (and so are warm).
        format="%(asctime)s [pid %(process)d] %(levelname)s %(name)s: %(message)s",
    )
    listen = Listen("127.0.0.1", 0)
    # As in production, the door also checks the application id.
    BenchmarkServer(listen, workers, skill_id=DEFAULT_APPLICATION_ID, app_factory=build_app).run()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
