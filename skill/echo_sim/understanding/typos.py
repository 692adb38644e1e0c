"""Corrects typed slips ("sciatia", "ibuprofin") to the nearest word the model knows."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from rapidfuzz import process
from rapidfuzz.distance import OSA

from echo_sim.understanding.numbers import NUMBER_WORDS

MIN_LENGTH = 5
"""Shorter words are too easily one letter away from a different real word."""


class TypoCorrector:
    """One slip (a letter missing, extra, wrong or two swapped) away from a known word."""

    def __init__(self, vocabulary: Iterable[str], is_known: Callable[[str], bool]) -> None:
        """`is_known`: whether a word needs no correction (another form of a known word, say)."""
        self._vocabulary = frozenset(word for word in vocabulary if word.isalpha())
        self._is_known = is_known
        # Sorted, so that equally good corrections always come out in the same order. Never a
        # number: "footy" is not "forty", and a number is said, not misspelt into another word.
        self._choices = sorted(
            word
            for word in self._vocabulary
            if len(word) >= MIN_LENGTH - 1 and word not in NUMBER_WORDS
        )

    def correct(self, words: Sequence[str]) -> tuple[str, ...]:
        return tuple(self._correct_word(word) for word in words)

    def _correct_word(self, word: str) -> str:
        if len(word) < MIN_LENGTH or not word.isalpha() or word in self._vocabulary:
            return word
        if self._is_known(word):
            return word
        # Optimal string alignment: an edit or a swap of neighbours counts as one slip.
        candidates = [
            candidate
            for candidate, _, _ in process.extract(
                word, self._choices, scorer=OSA.distance, score_cutoff=1, limit=None
            )
        ]
        if not candidates:
            return word
        # People rarely get the first letter wrong; then the closest length, then a fixed order.
        return min(
            candidates,
            key=lambda candidate: (candidate[0] != word[0], abs(len(candidate) - len(word)),
                                   candidate),
        )  # fmt: skip
