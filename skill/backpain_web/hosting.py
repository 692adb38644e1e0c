"""Runs the web door under gunicorn (production) or Werkzeug's server (local development)."""

from __future__ import annotations

import signal
import ssl
import sys
from dataclasses import dataclass
from types import FrameType
from typing import Any, Protocol

from flask import Flask
from gunicorn.app.base import BaseApplication
from gunicorn.arbiter import Arbiter
from werkzeug.serving import make_server

from backpain_web.app import create_app
from backpain_web.settings import ServeLimits
from backpain_web.worker import TURN_AWAY_SLOTS, worker_class


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


class AppFactory(Protocol):
    """Builds the app one gunicorn worker serves, verification on: `create_app` in production."""

    def __call__(self, *, skill_id: str | None) -> Flask: ...


class SkillServer(BaseApplication):
    """gunicorn with its options given in code; each worker builds its own app (and skill).

    `skill_id` is the only skill whose requests are answered; "" answers any skill's (the caller
    has said so out loud) and None leaves it to `create_app` (BACKPAIN_SKILL_ID). `app_factory`
    builds each worker's app: `backpain serve` always serves `create_app`, which trusts certifi's
    roots and Amazon's S3; tests give one that trusts their own certificate authority.
    """

    def __init__(
        self,
        listen: Listen,
        workers: int,
        limits: ServeLimits | None = None,
        skill_id: str | None = None,
        app_factory: AppFactory = create_app,
    ) -> None:
        self.listen = listen
        self.limits = limits or ServeLimits()
        self.skill_id = skill_id
        self.app_factory = app_factory
        tls = (listen.certfile, listen.keyfile) if listen.certfile and listen.keyfile else None
        self._options: dict[str, Any] = {
            "bind": [listen.bind],
            "workers": workers,
            # Greenlets with deadlines: slow clients cost a socket, not a worker (worker.py).
            "worker_class": worker_class(self.limits, tls),
            # The worker turns away connections past max_connections itself (503, at once);
            # gevent's pool only needs room for that to happen.
            "worker_connections": self.limits.max_connections + TURN_AWAY_SLOTS,
            # gunicorn only puts its head-reading deadline on keep-alive connections, so keep-alive
            # stays on; the deadline itself is the worker's header_timeout.
            "keepalive": max(1, round(self.limits.header_timeout)),
            "limit_request_line": self.limits.max_request_line,
            "limit_request_fields": self.limits.max_header_fields,
            "limit_request_field_size": self.limits.max_header_field_bytes,
            "proc_name": "backpain",
            # Newer gunicorns open a management socket at one path per user: nothing here uses
            # it, and two servers (or parallel tests) would take it from each other.
            "control_socket_disable": True,
            "graceful_timeout": 10,
            "when_ready": self.announce,
        }
        super().__init__()

    def load_config(self) -> None:
        for key, value in self._options.items():
            if key in self.cfg.settings:  # older gunicorns lack the newest settings
                self.cfg.set(key, value)

    def load(self) -> Flask:
        # Runs in each worker after the fork, so every worker builds the skill exactly once.
        return self.app_factory(skill_id=self.skill_id)

    def announce(self, arbiter: Arbiter) -> None:
        # The worker terminates TLS itself (for the handshake deadline), so gunicorn's listener
        # names say http:// even when clients must speak https://.
        scheme = "https" if self.listen.certfile else "http"
        checked = "any skill's requests" if self.skill_id == "" else "one skill's requests"
        for listener in arbiter.LISTENERS:
            address = str(listener).split("://", 1)[-1]
            print(
                f"Back Pain Guide listening on {scheme}://{address} ({arbiter.num_workers} "
                f"workers, Alexa request verification on, answering {checked})",
                flush=True,
            )


def run_gunicorn(
    listen: Listen,
    workers: int,
    limits: ServeLimits | None = None,
    skill_id: str | None = None,
    app_factory: AppFactory = create_app,
) -> int:
    SkillServer(listen, workers, limits, skill_id, app_factory).run()
    return 0


def run_dev(listen: Listen, skill_id: str | None = None) -> int:
    """Flask's own server, one process, verification off: for trying the skill on this machine."""
    app = create_app(verify=False, skill_id=skill_id)
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
