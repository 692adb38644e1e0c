"""Numbers as speech recognisers write them: digits to words and spoken words back to digits."""

from __future__ import annotations

import re
from collections.abc import Sequence

from num2words import num2words
from text_to_num import text2num

UNITS = [
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"
]  # fmt: skip
TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
NUMBER_WORDS = frozenset([*UNITS, *TENS, "hundred", "thousand", "million", "billion"])
"""The words a spoken number can start with (besides "a" in "a hundred")."""
MAX_NUMBER_WORDS = 10
"""The longest run of words tried as one number: "nine hundred and ninety nine thousand ..."."""

_SCALES = ("hundred", "thousand", "million", "billion")
DIGIT_WORDS = dict(zip("0123456789", UNITS[:10], strict=True))
_DIGIT_VALUES = {word: digit for digit, word in DIGIT_WORDS.items()}
_ORDINAL_TOKEN = re.compile(r"(\d+)(?:st|nd|rd|th)")


def cardinal(value: int) -> str:
    """150 -> "one hundred and fifty"; 99 -> "ninety-nine", hyphenated as it is written."""
    return str(num2words(value, lang="en_GB")).replace(",", "")


def ordinal(value: int) -> str:
    """21 -> "twenty-first", 100 -> "one hundredth"."""
    return str(num2words(value, lang="en_GB", to="ordinal")).replace(",", "")


def to_words(value: int) -> list[str]:
    """150 -> ["one", "hundred", "and", "fifty"], the way a British speaker says it."""
    return cardinal(value).replace("-", " ").split()


def digits_to_words(token: str) -> list[str]:
    """One token with digits in it ("150", "38.5", "2nd") as spoken words; others unchanged."""
    lowered = token.lower()
    if ordinal_match := _ORDINAL_TOKEN.fullmatch(lowered):
        return ordinal(int(ordinal_match[1])).replace("-", " ").split()
    if lowered.isdigit():
        return to_words(int(lowered))
    whole, dot, fraction = lowered.partition(".")
    if dot and whole.isdigit() and fraction.isdigit():
        return [*to_words(int(whole)), "point", *(UNITS[int(digit)] for digit in fraction)]
    return [token]


def parse_number(words: Sequence[str]) -> int | None:
    """["one", "hundred", "and", "fifty"] -> 150; None unless every word belongs to the number.

    A run of single digits ("one one one", "nine nine nine") is read digit by digit, as people
    say phone numbers.
    """
    if not words:
        return None
    if len(words) > 1 and all(word in _DIGIT_VALUES for word in words):
        return int("".join(_DIGIT_VALUES[word] for word in words))
    if words[0] == "a" and len(words) > 1 and words[1] in _SCALES:
        words = ["one", *words[1:]]  # "a hundred"
    try:
        return int(text2num(" ".join(words), "en"))
    except ValueError:
        return None


def number_spans(tokens: Sequence[str]) -> list[tuple[int, int, int]]:
    """Every longest run of words that reads as a number: (start, end, value)."""
    spans: list[tuple[int, int, int]] = []
    index = 0
    while index < len(tokens):
        found = None
        starts_number = tokens[index] in NUMBER_WORDS or (
            tokens[index] == "a" and index + 1 < len(tokens) and tokens[index + 1] == "hundred"
        )
        if starts_number:
            for end in range(min(len(tokens), index + MAX_NUMBER_WORDS), index, -1):
                value = parse_number(tokens[index:end])
                if value is not None:
                    found = (index, end, value)
                    break
        if found:
            spans.append(found)
            index = found[1]
        else:
            index += 1
    return spans


def digits(text: str, zero: str = "zero") -> str:
    """Each digit as a word, anything else left out: "0300" -> "zero three zero zero"."""
    return " ".join(zero if ch == "0" else DIGIT_WORDS[ch] for ch in text if ch in DIGIT_WORDS)
