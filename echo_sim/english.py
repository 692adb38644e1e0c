"""The words of English, as far as the device needs them: so that the typo fixer mends slips
("sciatia") and leaves real words alone ("shopping" is not a slip of "stopping", whatever the
skill's model lacks)."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

_ALTERNATE = re.compile(r"\(\d+\)$")
_WORD = re.compile(r"[a-z][a-z']*$")


def is_english_word(word: str) -> bool:
    """True when `word` (lower case) is in the CMU Pronouncing Dictionary."""
    return word in _english_words()


@cache
def _english_words() -> frozenset[str]:
    """The dictionary's headwords. It ships inside pocketsphinx's wheel (the device's ears), so
    nothing is downloaded; without pocketsphinx there are none, and every unknown word may be
    a slip, as before. Read at the first word the skill's model doesn't know, not at start."""
    try:
        import pocketsphinx
    except ImportError:
        return frozenset()
    path = Path(pocketsphinx.get_model_path("en-us/cmudict-en-us.dict"))
    try:
        with path.open(encoding="utf-8", errors="replace") as lines:
            heads = (_ALTERNATE.sub("", line.partition(" ")[0]) for line in lines)
            return frozenset(head for head in heads if _WORD.match(head))
    except OSError:
        return frozenset()
