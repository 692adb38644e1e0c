"""What the skill answers, as plain values; the handlers turn these into Alexa responses."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Card:
    """A card in the Alexa app: the fuller NHS text, its links and the credit."""

    title: str
    text: str


@dataclass(frozen=True)
class Screen:
    """What an Echo Show displays: an APL document from backpain/apl/ and the data it shows."""

    document: str
    """The document's name in backpain/apl/ ("topic", "question", "outcome")."""
    data: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Reply:
    """One response. It keeps the session open exactly when it has a reprompt."""

    speech: str
    """Plain text; escaped into SSML when the response is built."""
    reprompt: str | None = None
    card: Card | None = None
    screen: Screen | None = None

    @property
    def end_session(self) -> bool:
        # A response that asks nothing closes the session; one that asks always reprompts.
        return self.reprompt is None
