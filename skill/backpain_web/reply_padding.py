"""Pads replies during the symptom check to one size, so their length does not tell the answer.

TLS hides the words, not the length: during the check a "no" (the next question) is shorter
than a "yes" (the urgent advice), and access logs record every response's size. Any reply to a
request made while the check was open, or that opens it, is padded with JSON whitespace to the
next multiple of CHECK_REPLY_BUCKET bytes; every check reply fits in the first bucket.
Compression would undo this: the proxy in front must not gzip these responses (docs/web.md).
"""

from __future__ import annotations

import json
import logging
from typing import Any

# Check replies are 0.4-1.4 KB by voice and up to 3.5 KB with an Echo Show screen: room to grow.
CHECK_REPLY_BUCKET = 8192
CHECK_ATTRIBUTE = "check"

log = logging.getLogger("backpain_web")


def check_is_open(envelope: dict[str, Any], answer: dict[str, Any]) -> bool:
    """True when the request came from inside the check, or the answer starts it."""
    session = envelope.get("session")
    before = session.get("attributes") if isinstance(session, dict) else None
    after = answer.get("sessionAttributes")
    return any(
        isinstance(attributes, dict) and CHECK_ATTRIBUTE in attributes
        for attributes in (before, after)
    )


def reply_body(envelope: dict[str, Any], answer: dict[str, Any]) -> bytes:
    """The answer as JSON bytes, padded to the bucket when the check is open."""
    body = json.dumps(answer, ensure_ascii=False).encode("utf-8")
    if not check_is_open(envelope, answer):
        return body
    size = -(-len(body) // CHECK_REPLY_BUCKET) * CHECK_REPLY_BUCKET
    if size > CHECK_REPLY_BUCKET:
        # Still padded, but to a bigger bucket than other check replies: worth fixing.
        log.warning(
            "a check reply of %d bytes outgrew the %d-byte bucket", len(body), CHECK_REPLY_BUCKET
        )
    # Whitespace before the closing brace: the same JSON to any parser, just longer.
    return body[:-1] + b" " * (size - len(body)) + body[-1:]
