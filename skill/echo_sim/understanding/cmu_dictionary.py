"""The CMU Pronouncing Dictionary: where it is (inside pocketsphinx's wheel, so nothing is
downloaded) and how its lines read. The recogniser takes pronunciations from it and the typo
fixer the words of English."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

IN_POCKETSPHINX = "en-us/cmudict-en-us.dict"
"""Its name among pocketsphinx's models (`pocketsphinx.get_model_path`)."""
_ALTERNATE = re.compile(r"\(\d+\)$")
"""A second pronunciation's headword: "either(2)"."""


def bundled_path() -> Path | None:
    """pocketsphinx's copy, or None when pocketsphinx is not installed."""
    try:
        from pocketsphinx import get_model_path
    except ImportError:
        return None
    return Path(get_model_path(IN_POCKETSPHINX))


def entries(path: Path) -> Iterator[tuple[str, str]]:
    """Each (word, phones) of a CMU-format dictionary, alternates under their own word and
    comments dropped; raises OSError when the file can't be read."""
    with path.open(encoding="utf-8", errors="replace") as lines:
        for line in lines:
            head, _, phones = line.strip().partition(" ")
            phones = phones.split("#")[0].strip()
            if head and phones:
                yield _ALTERNATE.sub("", head), phones
