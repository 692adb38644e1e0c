"""The web door's limits and skill id setting: cheap to import, so `serve --help` stays fast."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass

SKILL_ID_ENV = "BACKPAIN_SKILL_ID"

# Alexa requests are a few kilobytes; a generous cap keeps a flood of big bodies cheap to refuse.
MAX_BODY_BYTES = 128 * 1024


def configured_skill_id(environ: Mapping[str, str] = os.environ) -> str | None:
    return environ.get(SKILL_ID_ENV, "").strip() or None


@dataclass(frozen=True)
class ServeLimits:
    """What one client may take from a gunicorn worker; shown in `backpain serve --help`."""

    header_timeout: float = 5.0
    """Seconds for the TLS handshake, and for a request's head once the connection is idle."""
    body_timeout: float = 5.0
    """Seconds for the whole body once its head has arrived."""
    max_connections: int = 1000
    """Open connections per worker; one more is answered 503 and closed at once. 1000 idle
    connections cost a worker about 10 MiB and left /health at 1.2x its quiet latency
    (benchmarks/web_attacks.py, docs/web.md)."""
    max_body_bytes: int = MAX_BODY_BYTES
    max_request_line: int = 4094
    max_header_fields: int = 50
    max_header_field_bytes: int = 8190
