"""What the skill answers, as plain values; the handlers turn these into Alexa responses."""

from typing import Any, NamedTuple

# NamedTuples rather than frozen dataclasses, and no `from __future__ import annotations`, as in
# backpain/content.py: as immutable, without compiling generated methods or string annotations at
# every cold start.


class Card(NamedTuple):
    """A card in the Alexa app: the fuller NHS text, its links and the credit."""

    title: str
    text: str


class Screen(NamedTuple):
    """What an Echo Show displays: an APL document from backpain/apl/ and the data it shows."""

    document: str
    """The document's name in backpain/apl/ ("topic", "question", "outcome")."""
    data: dict[str, Any]
    """What the document shows, as APL's data source."""


class Reply(NamedTuple):
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
