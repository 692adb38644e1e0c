"""How the offline device hears a corpus case: the intent and slots its last line reached, in
the case's own session (launch, the earlier lines, then the line)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from backpain_tools.nlu.evaluation_material import Item
from backpain_tools.offline_device import BACK_PAIN_GUIDE
from echo_sim.device import VirtualEcho, load_matcher, skill_responder


@dataclass(frozen=True)
class Heard:
    """The request the device sent for a case's last line."""

    intent: str
    slots: tuple[tuple[str, str, str | None], ...]
    """(slot name, the words in it, the value id they resolved to), for filled slots."""


def heard(item: Item, model: Path) -> Heard:
    """What the device, matching with the model file `model`, sent for the item's words."""
    echo = VirtualEcho(skill_responder(BACK_PAIN_GUIDE), load_matcher(model))
    echo.launch()
    for line in item.after:
        echo.hear(line)
    turn = echo.hear(item.utterance)
    slots = tuple(
        (name, slot.value, slot.resolved_id)
        for name, slot in sorted(turn.slots.items())
        if slot.value
    )
    return Heard(turn.intent, slots)
