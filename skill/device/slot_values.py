"""Custom slot values and synonyms: finding them in what was said, resolving slot words to ids."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from skill.device.language_model import SlotType
from skill.device.lexicon import concept, is_function_word
from skill.device.normalise import normalise

# Words people put in front of a slot value that are not part of it: "about the sciatica".
_LEADING_EXTRAS = frozenset(
    ("the", "a", "an", "my", "your", "our", "his", "her", "their", "some", "this", "that", "any",
     "about", "of")
)  # fmt: skip


@dataclass(frozen=True)
class Resolution:
    """A slot value that words resolved to (ER_SUCCESS_MATCH)."""

    slot_type: str
    id: str
    name: str


@dataclass(frozen=True)
class SpottedValue:
    """Words in an utterance that are a value (or a synonym) of one or more custom slot types."""

    start: int
    end: int
    resolutions: tuple[Resolution, ...]


def concepts_of(words: Sequence[str]) -> tuple[str, ...]:
    return tuple(concept(word) for word in words)


class SlotCatalogue:
    """Every custom slot type's values, indexed by the concepts of their words."""

    def __init__(self, types: dict[str, SlotType]) -> None:
        self._phrases: dict[tuple[str, ...], list[Resolution]] = defaultdict(list)
        self._by_type: dict[str, dict[tuple[str, ...], Resolution]] = defaultdict(dict)
        # concept -> value resolutions whose words contain it, per type: resolves "slipped".
        self._partial: dict[str, dict[str, set[Resolution]]] = defaultdict(lambda: defaultdict(set))
        for slot_type in types.values():
            for value in slot_type.values:
                resolution = Resolution(slot_type.name, value.id, value.name)
                for phrase in (value.name, *value.synonyms):
                    key = concepts_of(normalise(phrase))
                    if not key:
                        continue
                    # The first value that claims a phrase keeps it, as in the model's order.
                    if key not in self._by_type[slot_type.name]:
                        self._by_type[slot_type.name][key] = resolution
                        self._phrases[key].append(resolution)
                    for word in normalise(phrase):
                        if not is_function_word(word):
                            self._partial[slot_type.name][concept(word)].add(resolution)
        self._longest = max((len(key) for key in self._phrases), default=0)

    @property
    def vocabulary(self) -> set[str]:
        """Every concept that occurs in some slot value."""
        return {item for key in self._phrases for item in key}

    def spot(self, words: Sequence[str]) -> list[SpottedValue]:
        """Longest slot-value phrases in the words, left to right, never overlapping."""
        found: list[SpottedValue] = []
        keys = concepts_of(words)
        index = 0
        while index < len(keys):
            for end in range(min(len(keys), index + self._longest), index, -1):
                resolutions = self._phrases.get(keys[index:end])
                if resolutions and not all(is_function_word(word) for word in words[index:end]):
                    found.append(SpottedValue(index, end, tuple(resolutions)))
                    index = end
                    break
            else:
                index += 1
        return found

    def resolve(self, slot_type: str, words: Sequence[str]) -> Resolution | None:
        """What the words in a slot's position resolve to, or None (ER_SUCCESS_NO_MATCH)."""
        words = list(words)
        while len(words) > 1 and words[0] in _LEADING_EXTRAS:
            words.pop(0)
        values = self._by_type.get(slot_type, {})
        exact = values.get(concepts_of(words))
        if exact is not None:
            return exact
        content = [concept(word) for word in words if not is_function_word(word)]
        if not content:
            return None
        partial = self._partial.get(slot_type, {})
        candidates: set[Resolution] | None = None
        for item in content:
            holders = partial.get(item)
            if not holders:
                return None
            candidates = set(holders) if candidates is None else candidates & holders
        if candidates and len(candidates) == 1:
            return next(iter(candidates))
        return None
