"""Session attributes in plain words for the inspector, the warning-sign check's place first."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any


def describe_attributes(attributes: Mapping[str, Any], ended: bool) -> list[str]:
    """The session attributes in plain words, the warning-sign check's place first."""
    if ended:
        return ["The session is over: Alexa keeps no attributes after it."]
    if not attributes:
        return ["No session attributes: the warning-sign check is not open."]
    lines = []
    check = attributes.get("check")
    if isinstance(check, Mapping):
        index = check.get("index")
        where = (
            f"on question {index + 1} (index {index})"
            if type(index) is int
            else f"at {json.dumps(index)}"
        )
        reasked = check.get("reasked")
        again = (
            "asked again after an unclear answer (one more unclear answer counts as a possible yes)"
            if reasked is True
            else "asked once so far"
        )
        lines.append(f"Warning-sign check open, {where}: {again}.")
        others = {k: v for k, v in check.items() if k not in ("index", "reasked")}
        lines += [f"check.{key}: {json.dumps(value)}" for key, value in others.items()]
    elif "check" in attributes:
        lines.append(f"check: {json.dumps(attributes['check'])} (not a state the skill wrote)")
    else:
        lines.append("The warning-sign check is not open.")
    lines += [
        f"{key}: {json.dumps(value, ensure_ascii=False)}"
        for key, value in attributes.items()
        if key != "check"
    ]
    return lines
