"""Phrases as Alexa hears them, so written samples, values and sentences compare as spoken words."""

from __future__ import annotations

import re


def normalise(text: str) -> str:
    """Lower case, no punctuation but apostrophes, and spelled acronyms joined ('g. p.' -> 'gp')."""
    text = re.sub(r"[^\w' ]", " ", text.lower().replace("-", " "))
    words = text.split()
    joined: list[str] = []
    run: list[str] = []
    for word in [*words, ""]:
        if len(word) == 1 and word.isalpha() and word not in ("a", "i"):
            run.append(word)
            continue
        if run:
            joined.append("".join(run))
            run = []
        if word:
            joined.append(word)
    return " ".join(joined)
