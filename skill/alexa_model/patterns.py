"""Samples as patterns over spoken words, each slot open to what can fill it: whether an
utterance is, word for word, one of the model's samples with its slots filled.

Not regular expressions: a model's slot types hold thousands of values and synonyms, and a
regex alternation of them all takes Python a tenth of a second to compile per sample (minutes
for a model). Here a slot is a set of word sequences, looked up at each place it may start."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import lru_cache

from alexa_model.model import LanguageModel, split_sample

Normalise = Callable[[str], str]
"""Written text -> the spoken form its caller compares in (words joined by single spaces)."""
Words = tuple[str, ...]


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


@dataclass(frozen=True)
class SlotFill:
    """What one slot of a sample takes: one of `phrases`, or any words when it has none (a
    built-in type such as AMAZON.NUMBER, whose values are Alexa's)."""

    phrases: frozenset[Words]
    lengths: tuple[int, ...]

    @classmethod
    def of(cls, phrases: tuple[str, ...] | None) -> SlotFill:
        said = frozenset(tuple(phrase.split()) for phrase in phrases or ())
        return cls(said, tuple(sorted({len(words) for words in said})))

    def ends(self, words: Words, start: int) -> list[int]:
        """Where a filling of this slot that starts at `start` can end."""
        if not self.phrases:
            return list(range(start + 1, len(words) + 1))
        return [start + length for length in self.lengths
                if words[start : start + length] in self.phrases]  # fmt: skip


@dataclass(frozen=True)
class SamplePattern:
    """A sample as its pieces in order: plain words, or a slot's SlotFill."""

    pieces: tuple[Words | SlotFill, ...]

    @property
    def plain_words(self) -> tuple[Words, ...]:
        """The sample's words outside its slots, piece by piece."""
        return tuple(piece for piece in self.pieces if not isinstance(piece, SlotFill))

    def fullmatch(self, text: str) -> bool:
        """Whether `text` (in spoken form) is the sample with each slot filled, word for word."""
        words = tuple(text.split())
        places = {0}
        for piece in self.pieces:
            if isinstance(piece, SlotFill):
                places = {end for start in places for end in piece.ends(words, start)}
            else:
                places = {start + len(piece) for start in places
                          if words[start : start + len(piece)] == piece}  # fmt: skip
            if not places:
                return False
        return len(words) in places


def sample_pattern(
    sample: str,
    slot_types: Mapping[str, str],
    phrases: Mapping[str, tuple[str, ...]],
    normalise: Normalise,
) -> SamplePattern:
    """`sample`'s words in spoken form, each {slot} one of its type's `phrases` (or any words)."""
    pieces: list[Words | SlotFill] = []
    for text, is_slot in split_sample(sample):
        if is_slot:
            pieces.append(_fill_of(phrases.get(slot_types.get(text, ""))))
        elif normalise(text):
            pieces.append(tuple(normalise(text).split()))
    return SamplePattern(tuple(pieces))


@lru_cache(maxsize=64)
def _fill_of(options: tuple[str, ...] | None) -> SlotFill:
    # A type's thousands of phrases become one set, not one per sample that uses the type.
    return SlotFill.of(options)
