"""Samples as regular expressions over spoken words, each slot open to what can fill it."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

from alexa_model.model import LanguageModel, split_sample

Normalise = Callable[[str], str]
"""Written text -> the spoken form its caller compares in."""
ANY_WORDS = r"[\w' ]+?"
"""What fills a slot of a type without listed values (AMAZON.NUMBER, AMAZON.GB_CITY, ...)."""


def slot_phrases(model: LanguageModel, normalise: Normalise) -> dict[str, tuple[str, ...]]:
    """Custom slot type -> every value and synonym in spoken form, longest first."""
    return {
        slot_type.name: tuple(
            sorted(
                {normalise(phrase) for value in slot_type.values for phrase in value.phrases}
                - {""},
                key=len,
                reverse=True,
            )
        )
        for slot_type in model.types.values()
    }


def sample_pattern(
    sample: str,
    slot_types: Mapping[str, str],
    phrases: Mapping[str, tuple[str, ...]],
    normalise: Normalise,
) -> re.Pattern[str]:
    """`sample`'s words in spoken form, each {slot} one of its type's `phrases` (or any words)."""
    parts: list[str] = []
    for text, is_slot in split_sample(sample):
        if is_slot:
            options = phrases.get(slot_types.get(text, ""))
            parts.append("(?:" + "|".join(map(re.escape, options)) + ")" if options else ANY_WORDS)
        elif normalise(text):
            parts.append(re.escape(normalise(text)))
    return re.compile(" ".join(parts))
