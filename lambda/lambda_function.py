"""AWS Lambda entry point: `lambda_handler(event, context)`, the skill built once per process."""

from __future__ import annotations

import logging
import os
from typing import Any

from backpain.skill import build_skill, respond

# Lambda's root logger passes only warnings; the per-request line (request id, request type,
# intent name, time, never an answer) is INFO. BACKPAIN_LOG_LEVEL=WARNING turns it off.
logging.getLogger("backpain").setLevel(os.environ.get("BACKPAIN_LOG_LEVEL", "INFO").upper())

# Built at import so that warm invocations reuse the handlers and the loaded content. The zip
# carries the content compiled and validated by `backpain package`: start-up only checks its
# hashes (no PyYAML, no second validation), and fails naming the file when it is missing.
SKILL = build_skill()


def lambda_handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
    return respond(SKILL, event, context)
