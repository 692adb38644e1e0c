"""The words of English, as far as the device needs them: so that the typo fixer mends slips
("sciatia") and leaves real words alone ("shopping" is not a slip of "stopping", whatever the
skill's model lacks)."""

from __future__ import annotations

import re
from functools import cache

from echo_sim.understanding import cmu_dictionary

_WORD = re.compile(r"[a-z][a-z']*$")


def is_english_word(word: str) -> bool:
    """True when `word` (lower case) is in the CMU Pronouncing Dictionary."""
    return word in _english_words()


@cache
def _english_words() -> frozenset[str]:
    """The dictionary's words, read at the first word the skill's model doesn't know, not at
    start. Without pocketsphinx there are none, and every unknown word may be a slip."""
    path = cmu_dictionary.bundled_path()
    if path is None:
        return frozenset()
    try:
        return frozenset(word for word, _ in cmu_dictionary.entries(path) if _WORD.match(word))
    except OSError:
        return frozenset()
