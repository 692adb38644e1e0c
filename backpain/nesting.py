"""How deeply a decoded JSON document nests: bounded before ask-sdk's recursive deserialiser."""

from __future__ import annotations

from typing import Any

# An Alexa request nests about ten deep; ask-sdk recurses per level and hits Python's limit
# (RecursionError) somewhere past 600. 64 leaves skills room for structured session attributes.
MAX_NESTING = 64


def nests_deeper_than(document: Any, limit: int = MAX_NESTING) -> bool:
    """True when lists and objects in `document` nest more than `limit` levels deep."""
    # Iterative, so the check itself cannot hit the recursion limit it guards against.
    pending: list[tuple[Any, int]] = [(document, 1)]
    while pending:
        value, depth = pending.pop()
        if isinstance(value, dict):
            children: Any = value.values()
        elif isinstance(value, list):
            children = value
        else:
            continue
        if depth > limit:
            return True
        pending.extend((child, depth + 1) for child in children)
    return False
