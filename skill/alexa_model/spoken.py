"""Phrases as Alexa hears them, so written samples, values and sentences compare as spoken words."""

from __future__ import annotations

import re


def join_spelled_letters(words: list[str]) -> list[str]:
    """ "g p" -> "gp": acronyms are spelled letter by letter ("a" and "i" are words)."""
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
    return joined


def normalise(text: str) -> str:
    """Lower case, no punctuation but apostrophes, and spelled acronyms joined ('g. p.' -> 'gp')."""
    text = re.sub(r"[^\w' ]", " ", text.lower().replace("-", " "))
    return " ".join(join_spelled_letters(text.split()))
