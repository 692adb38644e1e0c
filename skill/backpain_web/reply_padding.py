"""Pads every reply to one size, so its length does not tell what a person said about their health.

TLS hides the words, not the length, and access logs record every response's size. During the
symptom check a "no" (the next question) is shorter than a "yes" (the urgent advice); outside
it, "I have chest pain" and "I have a high temperature" get urgent advice of different lengths,
and so does "is it serious". Rather than keep a list of which replies carry health information
(a list a new sign or reply type would silently miss), every reply the skill gives is padded with
JSON whitespace to the next multiple of REPLY_BUCKET bytes, and every reply the skill can give
fits in the first bucket (tests/backpain_web/test_attacks.py sweeps every intent and slot value
of the interaction model on both device kinds, and fails on a reply that does not). Compression
would undo this: the proxy in front must not gzip these responses (docs/web.md).
"""

from __future__ import annotations

import json
import logging
from typing import Any

# The largest reply is 7.9 KB (prevention, with an Echo Show screen); voice-only replies are
# 0.2-2.6 KB. 12 KiB leaves room for the content to grow without a second size appearing.
REPLY_BUCKET = 12 * 1024

log = logging.getLogger("backpain_web")


def reply_body(answer: dict[str, Any]) -> bytes:
    """The answer as JSON bytes, padded to a multiple of REPLY_BUCKET."""
    body = json.dumps(answer, ensure_ascii=False).encode("utf-8")
    size = max(1, -(-len(body) // REPLY_BUCKET)) * REPLY_BUCKET
    if size > REPLY_BUCKET:
        # Still padded, but to a bigger bucket than every other reply: its size stands out.
        log.warning("a reply of %d bytes outgrew the %d-byte bucket", len(body), REPLY_BUCKET)
    # Whitespace before the closing brace: the same JSON to any parser, just longer.
    return body[:-1] + b" " * (size - len(body)) + body[-1:]
