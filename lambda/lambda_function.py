"""AWS Lambda entry point: `lambda_handler(event, context)`, the skill built once per process."""

from __future__ import annotations

from typing import Any

from skill.app import build_skill, respond

# Built at import so that warm invocations reuse the handlers and the loaded content.
SKILL = build_skill()


def lambda_handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
    return respond(SKILL, event, context)
