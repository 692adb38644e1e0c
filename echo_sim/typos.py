"""Corrects typed slips ("sciatia", "ibuprofin") to the nearest word the model knows."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence

MIN_LENGTH = 5
"""Shorter words are too easily one letter away from a different real word."""


def _deletions(word: str) -> set[str]:
    return {word[:index] + word[index + 1 :] for index in range(len(word))}


class TypoCorrector:
    """One slip (a letter missing, extra, wrong or two swapped) away from a known word."""

    def __init__(self, vocabulary: Iterable[str], is_known: Callable[[str], bool]) -> None:
        """`is_known`: whether a word needs no correction (another form of a known word, say)."""
        self._vocabulary = frozenset(word for word in vocabulary if word.isalpha())
        self._is_known = is_known
        self._by_deletion: dict[str, set[str]] = defaultdict(set)
        for word in self._vocabulary:
            if len(word) >= MIN_LENGTH - 1:
                for variant in {word, *_deletions(word)}:
                    self._by_deletion[variant].add(word)

    def correct(self, words: Sequence[str]) -> tuple[str, ...]:
        return tuple(self._correct_word(word) for word in words)

    def _correct_word(self, word: str) -> str:
        if len(word) < MIN_LENGTH or not word.isalpha() or word in self._vocabulary:
            return word
        if self._is_known(word):
            return word
        candidates: set[str] = set()
        for variant in {word, *_deletions(word)}:
            candidates |= self._by_deletion.get(variant, set())
        candidates = {candidate for candidate in candidates if abs(len(candidate) - len(word)) <= 1}
        if not candidates:
            return word
        # People rarely get the first letter wrong; then the closest length, then a fixed order.
        return min(
            candidates,
            key=lambda candidate: (candidate[0] != word[0], abs(len(candidate) - len(word)),
                                   candidate),
        )  # fmt: skip
