"""Bounds the work a body can cause before it is parsed: counted on the raw bytes, at C speed.

json.loads and the nesting walk cost far more per container or value than per byte: 128 KiB of
`[],` costs a worker about 30 ms where 128 KiB of one string costs 0.1 ms. A request whose chain
is not cached yet has to be parsed before its signature can be checked (its timestamp and
application id decide whether it is worth a fetch), so its shape is bounded first, by counting
bytes with `bytes.count` (no Python loop over the body). The counts include bytes inside
strings, so they over-count, never under-count: a real Alexa request has about 20 brackets and
40 commas, far below the bounds.
"""

from __future__ import annotations

from backpain_web.errors import BadEnvelope

MAX_CONTAINERS = 512
"""`[` and `{` bytes in the body: an upper bound on its lists and objects."""
MAX_SEPARATORS = 4096
"""`,` bytes in the body: an upper bound on its values and keys beyond one per container."""
MAX_INTEGER_DIGITS = 32
"""Python's int() is quadratic in the digits; Alexa's integers are sizes and counts."""


def check_body_shape(body: bytes) -> None:
    """Refuse a body with too many containers or values to be worth parsing."""
    if body.count(b"[") + body.count(b"{") > MAX_CONTAINERS:
        raise BadEnvelope(f"request body holds more than {MAX_CONTAINERS} lists and objects")
    if body.count(b",") > MAX_SEPARATORS:
        raise BadEnvelope(f"request body holds more than {MAX_SEPARATORS} values")


def bounded_integer(digits: str) -> int:
    """json's parse_int: an integer of at most MAX_INTEGER_DIGITS digits (ValueError beyond)."""
    if len(digits.lstrip("-")) > MAX_INTEGER_DIGITS:
        raise ValueError("integer too long")
    return int(digits)
