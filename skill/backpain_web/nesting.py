"""How deeply a decoded JSON document nests: bounded before ask-sdk's recursive deserialiser."""

from __future__ import annotations

from typing import Any

# An Alexa request nests about ten deep; ask-sdk recurses per level and hits Python's limit
# (RecursionError) somewhere past 600. 64 leaves skills room for structured session attributes.
MAX_NESTING = 64
_CONTAINERS = (dict, list)  # a tuple: isinstance tests it about twice as fast as dict | list
# What JSON's scalars decode to: one set lookup tells most values apart from a container.
_SCALARS = frozenset({str, int, float, bool, type(None)})


def nests_deeper_than(document: Any, limit: int = MAX_NESTING) -> bool:
    """True when lists and objects in `document` nest more than `limit` levels deep."""
    # Iterative, so the check itself cannot hit the recursion limit it guards against. Only
    # containers are queued: the strings and numbers that make up most of a request are
    # looked at once, where they sit, and never queued (it runs on every request).
    if not isinstance(document, _CONTAINERS):
        return False
    pending: list[tuple[Any, int]] = [(document, 1)]
    while pending:
        value, depth = pending.pop()
        if depth > limit:
            return True
        for child in value.values() if isinstance(value, dict) else value:
            if type(child) not in _SCALARS and isinstance(child, _CONTAINERS):
                pending.append((child, depth + 1))
    return False
