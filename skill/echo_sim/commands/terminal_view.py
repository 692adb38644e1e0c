"""How a turn looks in a terminal: what Alexa said, the reprompt, the card and the screen."""

from __future__ import annotations

import textwrap

from echo_sim.device import Exchange

WIDTH = 88
_INDENT = " " * 8


def _wrap(text: str, first: str, width: int = WIDTH) -> list[str]:
    return textwrap.wrap(text, width, initial_indent=first, subsequent_indent=_INDENT) or [first]


def format_turn(turn: Exchange, *, show_screen: bool = False, verbose: bool = True) -> str:
    """A few readable lines for one turn (the heard intent, then the reply); the reprompt and
    the card only when `verbose`, so a chat reads like a conversation."""
    lines = [f"  ({describe_heard(turn)})"]
    lines += _wrap(turn.speech or "(says nothing)", "alexa:  ")
    if verbose and turn.reprompt:
        lines += _wrap(turn.reprompt, "        reprompt: ")
    if verbose and turn.card is not None:
        lines += _wrap(turn.card.title, "        card: ")
        for paragraph in turn.card.text.splitlines():
            if paragraph.strip():
                lines += _wrap(paragraph, "        | ")
    screen = turn.screen if show_screen else None
    if screen is not None:
        lines += [_INDENT + line for line in screen.render(WIDTH - len(_INDENT)).splitlines()]
    if turn.name_free is not None and turn.name_free.can_fulfill == "NO":
        lines.append("        (Alexa answered: the skill said NO, so no session opened)")
    elif turn.end_session:
        lines.append("        (the skill ended the session)")
    return "\n".join(lines)


def describe_heard(turn: Exchange) -> str:
    """ "ReliefIntent method=EXERCISE confidence 0.93": what the device sent the skill."""
    parts = [turn.intent]
    for name, slot in turn.slots.items():
        if slot.value is None:
            continue
        shown = slot.resolved_id if slot.resolved_id is not None else f"{slot.value!r} (unresolved)"
        parts.append(f"{name}={shown}")
    if turn.confidence < 1.0:
        parts.append(f"confidence {turn.confidence:.2f}")
    return " ".join(parts)
