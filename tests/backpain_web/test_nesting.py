"""The nesting bound before ask-sdk's recursive code: exact at the limit, for objects and lists."""

from __future__ import annotations

from typing import Any

import pytest

from backpain_web.nesting import MAX_NESTING, nests_deeper_than


def nested(levels: int, container: str = "dict") -> Any:
    """`levels` containers, one inside the other, with a string at the bottom."""
    value: Any = "leaf"
    for _ in range(levels):
        value = {"a": value, "n": 1} if container == "dict" else [value, 1.5, None, True]
    return value


@pytest.mark.parametrize("container", ["dict", "list"])
def test_up_to_the_limit_passes_and_one_more_level_is_refused(container: str) -> None:
    assert not nests_deeper_than(nested(MAX_NESTING, container))
    assert nests_deeper_than(nested(MAX_NESTING + 1, container))
    assert nests_deeper_than(nested(5000, container))  # far past Python's recursion limit


def test_the_deepest_branch_counts_not_the_first() -> None:
    document = {"shallow": {"x": 1}, "list": [1, "two", nested(3)], "deep": nested(10)}
    assert not nests_deeper_than(document, 11)
    assert nests_deeper_than(document, 10)


def test_scalars_and_empty_containers() -> None:
    assert not nests_deeper_than("text", 0)
    assert not nests_deeper_than(None, 0)
    assert nests_deeper_than({}, 0)
    assert not nests_deeper_than({}, 1)
    assert not nests_deeper_than([[]], 2)
    assert nests_deeper_than([[]], 1)
