"""A recorded conversation mix read back without importing the skill: envelopes and their kinds."""

# The per-request child imports our skill from the staged Lambda package; importing the
# source tree's `backpain` first (benchmarks.session_mix does, for the device's envelopes) would
# shadow it.

from __future__ import annotations

import json
from pathlib import Path
from typing import Any


def load_envelopes(path: Path) -> list[dict[str, Any]]:
    """Every envelope of every recorded conversation, in order (benchmarks.session_mix.save)."""
    recorded = json.loads(path.read_text(encoding="utf-8"))
    return [envelope for conversation in recorded for envelope in conversation["envelopes"]]


def request_kind(envelope: dict[str, Any]) -> str:
    """How the per-request table groups a request: launch, topic, check answer, ..."""
    request = envelope["request"]
    kind = request["type"]
    if kind == "IntentRequest":
        in_check = "check" in (envelope.get("session", {}).get("attributes") or {})
        return "check answer" if in_check else "intent"
    return {
        "LaunchRequest": "launch",
        "SessionEndedRequest": "session end",
        "Alexa.Presentation.APL.UserEvent": "screen touch",
        "CanFulfillIntentRequest": "can fulfil?",
    }.get(kind, kind)
