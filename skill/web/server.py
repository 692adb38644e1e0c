"""Runs the web door under gunicorn (production) or Werkzeug's server (local development)."""

from __future__ import annotations

import signal
import ssl
import sys
from dataclasses import dataclass
from types import FrameType
from typing import Any

from flask import Flask
from gunicorn.app.base import BaseApplication
from gunicorn.arbiter import Arbiter
from werkzeug.serving import make_server

from skill.web.app import create_app


@dataclass(frozen=True)
class Listen:
    """Where to listen, and the TLS certificate to present there, if gunicorn terminates TLS."""

    host: str
    port: int
    certfile: str | None = None
    keyfile: str | None = None

    @property
    def bind(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"{host}:{self.port}"


class SkillServer(BaseApplication):
    """gunicorn with its options given in code; each worker builds its own app (and skill)."""

    def __init__(self, listen: Listen, workers: int) -> None:
        self._options: dict[str, Any] = {
            "bind": [listen.bind],
            "workers": workers,
            "worker_class": "sync",
            "proc_name": "backpain",
            "graceful_timeout": 10,
            "when_ready": _announce,
        }
        if listen.certfile and listen.keyfile:
            self._options.update(certfile=listen.certfile, keyfile=listen.keyfile)
        super().__init__()

    def load_config(self) -> None:
        for key, value in self._options.items():
            self.cfg.set(key, value)

    def load(self) -> Flask:
        # Runs in each worker after the fork, so every worker builds the skill exactly once.
        return create_app(verify=True)


def _announce(arbiter: Arbiter) -> None:
    for listener in arbiter.LISTENERS:
        print(
            f"Back Pain Guide listening on {listener} "
            f"({arbiter.num_workers} workers, Alexa request verification on)",
            flush=True,
        )


def run_gunicorn(listen: Listen, workers: int) -> int:
    SkillServer(listen, workers).run()
    return 0


def run_dev(listen: Listen) -> int:
    """Flask's own server, one process, verification off: for trying the skill on this machine."""
    app = create_app(verify=False)
    context = None
    if listen.certfile and listen.keyfile:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(listen.certfile, listen.keyfile)
    server = make_server(listen.host, listen.port, app, threaded=True, ssl_context=context)
    scheme = "https" if context else "http"
    host = f"[{listen.host}]" if ":" in listen.host else listen.host
    print(
        f"Back Pain Guide (dev) listening on {scheme}://{host}:{server.server_port} "
        "(Alexa request verification OFF)",
        flush=True,
    )
    signal.signal(signal.SIGTERM, _exit_quietly)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0


def _exit_quietly(signum: int, frame: FrameType | None) -> None:
    sys.exit(0)
