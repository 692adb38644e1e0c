"""Read a store example phrase the way Alexa hears it, and find the sample utterance it says."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from alexa_model.invocation import CONNECTING_WORDS, STORE_LAUNCH_PHRASES
from alexa_model.patterns import SamplePattern, sample_pattern, slot_phrases
from alexa_model.reader import read_model

WAKE_WORD = "alexa"
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
    for launch in sorted(STORE_LAUNCH_PHRASES, key=len, reverse=True):
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

    def __init__(self, document: Any) -> None:
        # Whatever of the model can be read; `backpain validate` reports the rest on its own.
        model = read_model(document).model
        self.invocation_name: str = model.invocation_name
        phrases = slot_phrases(model, normalise)
        self._samples: list[tuple[str, SamplePattern]] = [
            (intent.name, sample_pattern(sample, {slot.name: slot.type for slot in intent.slots},
                                         phrases, normalise))
            for intent in model.intents
            for sample in intent.samples
        ]  # fmt: skip

    def intent_for(self, utterance: str) -> str | None:
        """The intent one of whose samples says `utterance` (after any connecting word)."""
        candidates = [utterance]
        first, _, rest = utterance.partition(" ")
        if first in CONNECTING_WORDS and rest:
            candidates.append(rest)
        for candidate in candidates:
            for intent, pattern in self._samples:
                if pattern.fullmatch(candidate):
                    return intent
        return None
