"""How people address a skill by name: "open X", "ask X about ...", "... using X"."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

# "* " marks the words Alexa forbids in an invocation name.
_RESERVED_MARK = "* "


def _phrases(*written: str) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(phrase.removeprefix(_RESERVED_MARK).split()) for phrase in written)


# Said before the name to open the skill; what follows the name (after "and") is a request.
_LAUNCH = (
    "open", "open up", "* launch", "start", "start up", "* begin", "* load", "run", "play", "use",
    "talk to", "speak to", "speak with", "talk with", "go to", "* enable", "activate",
    "i want to talk to", "i want to use", "i would like to use", "i would like to talk to",
    "can you open", "could you open", "can i talk to", "can i speak to", "let us talk to",
    "let me talk to", "start a session with", "open the", "start the", "launch the", "use the",
    "talk to the", "ask the", "tell the",
)  # fmt: skip
# Said before the name to put a request to the skill straight away.
_REQUEST = ("* ask", "* tell", "ask the", "tell the")
LAUNCH_PHRASES = _phrases(*_LAUNCH)
REQUEST_PHRASES = _phrases(*_REQUEST)
RESERVED_LAUNCH_WORDS = frozenset(
    phrase.removeprefix(_RESERVED_MARK) for phrase in (*_LAUNCH, *_REQUEST)
    if phrase.startswith(_RESERVED_MARK)
)  # fmt: skip
# Alexa's documented launch phrases, as store example phrases must say them ("Alexa, <launch
# phrase> <invocation name> ...").
STORE_LAUNCH_PHRASES = (
    "open", "ask", "tell", "launch", "start", "begin", "load", "run", "use", "talk to",
    "play", "resume", "do",
)  # fmt: skip
# Alexa's documented connecting words between the invocation name and a request ("ask X about
# Y"); the reading above hears a few more.
_CONNECTING = (
    "* to", "* from", "in", "using", "with", "about", "for", "that", "* by", "* if", "* and",
    "* whether",
)  # fmt: skip
CONNECTING_WORDS = tuple(word.removeprefix(_RESERVED_MARK) for word in _CONNECTING)
RESERVED_CONNECTING_WORDS = frozenset(
    word.removeprefix(_RESERVED_MARK) for word in _CONNECTING if word.startswith(_RESERVED_MARK)
)
# How people join a request to the name: "ask X to ...", "ask X about ...", "open X and ...".
CONNECTORS = tuple(
    tuple(phrase.split())
    for phrase in (
        "and then", "and", "then", "to", "about", "for", "if", "whether", "that", "what about",
        "how about", "on", "with",
    )
)  # fmt: skip
# "order a pizza using X", "what is on today with X"
TRAILING_LINKS = frozenset(("using", "with", "from", "on", "in", "via", "through"))


@dataclass(frozen=True)
class Addressed:
    """How an utterance addressed the skill, and the request words, if any."""

    kind: Literal["launch", "intent", "none"]
    request: tuple[str, ...] = ()
    connector: tuple[str, ...] = ()
    """The word(s) that joined the request to the name ("about"); some requests need them back."""


def _find_name(words: Sequence[str], name: Sequence[str]) -> tuple[int, int] | None:
    """Where the invocation name is, also when its words are run together ("pizzapalace")."""
    joined = "".join(name)
    for start in range(len(words)):
        text = ""
        for end in range(start, len(words)):
            text += words[end]
            if text == joined:
                return start, end + 1
            if not joined.startswith(text):
                break
    return None


def _split_connector(rest: tuple[str, ...]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    for connector in CONNECTORS:
        if rest[: len(connector)] == connector and len(rest) > len(connector):
            return connector, rest[len(connector) :]
    return (), rest


def address(words: Sequence[str], name: Sequence[str]) -> Addressed:
    """Reads normalised words (fillers and "alexa" already gone) against the invocation name."""
    words = tuple(words)
    found = _find_name(words, name)
    if found is None:
        return Addressed("none")
    start, end = found
    before, rest = words[:start], words[end:]
    if before and before[-1] == "the" and before[:-1] in LAUNCH_PHRASES + REQUEST_PHRASES:
        before = before[:-1]
    if before == () or before in LAUNCH_PHRASES or before in REQUEST_PHRASES:
        if not rest:
            return Addressed("launch")
        connector, request = _split_connector(rest)
        return Addressed("intent", request, connector)
    if not rest and len(before) > 1 and before[-1] in TRAILING_LINKS:
        return Addressed("intent", before[:-1])
    return Addressed("none")
