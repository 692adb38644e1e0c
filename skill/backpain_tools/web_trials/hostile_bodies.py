"""Request bodies of the worst shapes for a JSON parser, each close to the door's size cap.

What an attacker sends to make a worker spend CPU before any signature is checked (issue 23):
each is an object with a `request` object, so only its shape stands between it and a parse.
Used by tests/backpain_web/test_attacks.py and benchmarks/web_flood.py.
"""

from __future__ import annotations

from backpain_web.settings import MAX_BODY_BYTES

_HEAD = b'{"request": {}, "pad": '


def _fill(unit: bytes, size: int, separator: bytes = b",") -> bytes:
    count = max(1, (size - len(_HEAD) - 4) // (len(unit) + len(separator)))
    return separator.join([unit] * count)


def worst_shapes(size: int = MAX_BODY_BYTES - 64) -> dict[str, bytes]:
    """Name -> a body of about `size` bytes: the flat one to compare with, then the worst."""
    deep = (size - len(_HEAD) - 4) // 2
    keys = b",".join(b'"k%d": 0' % number for number in range((size - 32) // 12))
    return {
        "flat string": _HEAD + b'"' + b"a" * (size - len(_HEAD) - 3) + b'"}',
        "wide lists": _HEAD + b"[" + _fill(b"[]", size) + b"]}",
        "wide objects": _HEAD + b"[" + _fill(b"{}", size) + b"]}",
        "deep lists": _HEAD + b"[" * deep + b"]" * deep + b"}",
        "many keys": b'{"request": {}, ' + keys[: size - 32].rpartition(b",")[0] + b"}",
        "many numbers": _HEAD + b"[" + _fill(b"0", size) + b"]}",
        "long numbers": _HEAD + b"[" + _fill(b"9" * 4000, size) + b"]}",
        "many strings": _HEAD + b"[" + _fill(b'""', size) + b"]}",
        "escapes": _HEAD + b'"' + _fill(b"\\u00e9", size, b"") + b'"}',
    }
