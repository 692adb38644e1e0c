"""Samples with slot placeholders ("tell me about {condition}") as patterns over words."""

from __future__ import annotations

import difflib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from echo_sim.understanding.lexicon import concept

MAX_SLOT_WORDS = 14
"""The most words one slot takes in a carrier-phrase match (AMAZON.SearchQuery and a described
warning sign can be long)."""


@dataclass(frozen=True)
class SlotPiece:
    """A slot placeholder inside a sample."""

    name: str
    type: str


Piece = str | SlotPiece
Gap = tuple[SlotPiece, int, int]
"""A slot and the words it took: (slot, start, end) over the utterance's words."""


@dataclass(frozen=True)
class Template:
    """A sample with slot placeholders: its words (carrier phrase) and slots in order."""

    intent: str
    pieces: tuple[Piece, ...]
    literals: frozenset[str]


class TemplateIndex:
    """Templates filed under their rarest word, so an utterance only tries the plausible few."""

    def __init__(self, templates: Sequence[Template]) -> None:
        self.templates = tuple(templates)
        frequency: dict[str, int] = {}
        for template in self.templates:
            for word in template.literals:
                frequency[word] = frequency.get(word, 0) + 1
        self._anchored: dict[str, list[int]] = {}
        self._unanchored: list[int] = []
        for position, template in enumerate(self.templates):
            if not template.literals:
                self._unanchored.append(position)
                continue
            anchor = min(sorted(template.literals), key=lambda word: frequency[word])
            self._anchored.setdefault(anchor, []).append(position)

    def fillings(self, words: tuple[str, ...]) -> Iterator[tuple[Template, list[tuple[Gap, ...]]]]:
        """Each template whose carrier words all fit the utterance, with every way they fit."""
        present = set(words)
        tried: set[int] = set()
        for word in present:
            tried.update(self._anchored.get(word, ()))
        for position in sorted(tried) + self._unanchored:
            template = self.templates[position]
            if template.literals <= present:
                ways = list(_fits(template.pieces, words, 0, 0, ()))
                if ways:
                    yield template, ways


def _fits(
    pieces: tuple[Piece, ...],
    words: tuple[str, ...],
    piece_index: int,
    word_index: int,
    gaps: tuple[Gap, ...],
) -> Iterator[tuple[Gap, ...]]:
    """Every way the words fill the template: its words in place, each slot taking 1+ words."""
    if piece_index == len(pieces):
        if word_index == len(words):
            yield gaps
        return
    piece = pieces[piece_index]
    if isinstance(piece, str):
        if word_index < len(words) and words[word_index] == piece:
            yield from _fits(pieces, words, piece_index + 1, word_index + 1, gaps)
        return
    remaining_literals = sum(1 for later in pieces[piece_index + 1 :] if isinstance(later, str))
    last = min(len(words) - remaining_literals, word_index + MAX_SLOT_WORDS)
    for end in range(word_index + 1, last + 1):
        yield from _fits(pieces, words, piece_index + 1, end, (*gaps, (piece, word_index, end)))


def aligned_gaps(pieces: Sequence[Piece], words: Sequence[str]) -> dict[SlotPiece, tuple[int, int]]:
    """Which words sit where each slot sits, when the sample and the utterance differ a little."""
    sample = [
        concept(piece) if isinstance(piece, str) else f"\0{piece.name}" for piece in pieces
    ]
    heard = [concept(word) for word in words]
    gaps: dict[SlotPiece, tuple[int, int]] = {}
    alignment = difflib.SequenceMatcher(None, heard, sample, autojunk=False)
    for tag, heard_start, heard_end, sample_start, sample_end in alignment.get_opcodes():
        if tag != "replace" or sample_end - sample_start != 1:
            continue
        piece = pieces[sample_start]
        if isinstance(piece, SlotPiece):
            gaps[piece] = (heard_start, heard_end)
    return gaps
