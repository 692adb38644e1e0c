"""Read a store example phrase the way Alexa hears it, and find the sample utterance it says."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

WAKE_WORD = "alexa"
# Alexa's documented launch phrases for custom skills ("Alexa, <launch> <invocation name> ...").
LAUNCH_WORDS = (
    "open", "ask", "tell", "launch", "start", "begin", "load", "run", "use", "talk to",
    "play", "resume", "do",
)  # fmt: skip
# Words Alexa allows between the invocation name and the utterance ("ask X about Y").
CONNECTING_WORDS = (
    "to", "from", "in", "using", "with", "about", "for", "that", "by", "if", "and", "whether",
)  # fmt: skip
SLOT = re.compile(r"\{(\w+)\}")
# Punctuation a phrase may carry that nobody says; it becomes a word break ("G.P." -> "g p").
SILENT = re.compile(r"[.,!?;:\"()\u2026\u2013\u2014-]+")


def normalise(text: str) -> str:
    """Lower case, curly apostrophes straightened, punctuation dropped, single spaces."""
    text = text.replace("\u2019", "'").replace("\u2018", "'").lower()
    return " ".join(SILENT.sub(" ", text).split())


@dataclass(frozen=True)
class ExamplePhrase:
    """An example phrase taken apart: wake word, launch word, invocation name, utterance."""

    text: str
    has_wake_word: bool
    """It starts with "Alexa," (the comma too), as the store shows every phrase."""
    launch_word: str | None
    """The launch word before the invocation name; None if the phrase does not invoke the skill."""
    utterance: str | None
    """Normalised words after the invocation name ("" for a plain launch); None if not invoked."""


def read_example_phrase(text: str, invocation_name: str) -> ExamplePhrase:
    has_wake_word = re.match(r"\s*alexa\s*,", text, flags=re.IGNORECASE) is not None
    words = normalise(text)
    if words.startswith(WAKE_WORD + " "):
        words = words[len(WAKE_WORD) + 1 :]
    invocation = normalise(invocation_name)
    for launch in sorted(LAUNCH_WORDS, key=len, reverse=True):
        prefix = f"{launch} {invocation}"
        if words == prefix or words.startswith(prefix + " "):
            return ExamplePhrase(text, has_wake_word, launch, words[len(prefix) :].strip())
    return ExamplePhrase(text, has_wake_word, None, None)


class SampleMatcher:
    """Every sample utterance of one interaction model, as patterns over normalised words.

    A `{slot}` matches one of the slot type's values or synonyms when the type is defined in the
    model (Alexa's store review asks for words present in the custom slot), and any words for
    built-in AMAZON.* types.
    """

    def __init__(self, model: Mapping[str, Any]) -> None:
        language = model.get("interactionModel", {}).get("languageModel", {})
        self.invocation_name: str = str(language.get("invocationName", ""))
        slot_values = _slot_values(language.get("types") or [])
        self._patterns: list[tuple[str, re.Pattern[str]]] = []
        for intent in language.get("intents") or []:
            if not isinstance(intent, Mapping):
                continue
            slot_types = {
                str(slot.get("name")): str(slot.get("type"))
                for slot in intent.get("slots") or []
                if isinstance(slot, Mapping)
            }
            for sample in intent.get("samples") or []:
                if isinstance(sample, str):
                    pattern = _sample_pattern(sample, slot_types, slot_values)
                    self._patterns.append((str(intent.get("name")), pattern))

    def intent_for(self, utterance: str) -> str | None:
        """The intent one of whose samples says `utterance` (after any connecting word)."""
        candidates = [utterance]
        first, _, rest = utterance.partition(" ")
        if first in CONNECTING_WORDS and rest:
            candidates.append(rest)
        for candidate in candidates:
            for intent, pattern in self._patterns:
                if pattern.fullmatch(candidate):
                    return intent
        return None


def _slot_values(types: Iterable[Any]) -> dict[str, tuple[str, ...]]:
    values: dict[str, tuple[str, ...]] = {}
    for slot_type in types:
        if not isinstance(slot_type, Mapping):
            continue
        words: list[str] = []
        for value in slot_type.get("values") or []:
            name = value.get("name", {}) if isinstance(value, Mapping) else {}
            words.append(str(name.get("value", "")))
            words.extend(str(synonym) for synonym in name.get("synonyms") or [])
        values[str(slot_type.get("name"))] = tuple(
            sorted({normalise(word) for word in words if normalise(word)}, key=len, reverse=True)
        )
    return values


def _sample_pattern(
    sample: str, slot_types: Mapping[str, str], slot_values: Mapping[str, tuple[str, ...]]
) -> re.Pattern[str]:
    parts: list[str] = []
    for index, piece in enumerate(SLOT.split(sample)):
        if index % 2:  # a slot name
            values = slot_values.get(slot_types.get(piece, ""))
            parts.append(
                "(?:" + "|".join(re.escape(v) for v in values) + ")" if values else r"[\w' ]+?"
            )
        elif normalise(piece):
            parts.append(re.escape(normalise(piece)))
    return re.compile(" ".join(parts))
