"""Numbers as speech recognisers write them: digits to words and spoken words back to digits."""

from __future__ import annotations

from collections.abc import Sequence

UNITS = [
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"
]
TENS = ["_", "_", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
SCALES = {"thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
ORDINALS = {
    "1": "first", "2": "second", "3": "third", "4": "fourth", "5": "fifth", "6": "sixth",
    "7": "seventh", "8": "eighth", "9": "ninth", "10": "tenth", "11": "eleventh",
    "12": "twelfth", "20": "twentieth", "30": "thirtieth",
}  # fmt: skip

_UNIT_VALUES = {word: value for value, word in enumerate(UNITS)}
_TEN_VALUES = {word: 10 * value for value, word in enumerate(TENS) if word != "_"}
MAX_NUMBER_WORDS = 10
NUMBER_WORDS = frozenset(_UNIT_VALUES) | frozenset(_TEN_VALUES) | {"hundred", *SCALES}


def _below_thousand(value: int) -> list[str]:
    words: list[str] = []
    hundreds, rest = divmod(value, 100)
    if hundreds:
        words += [UNITS[hundreds], "hundred"]
        if rest:
            # British English says "one hundred and fifty".
            words.append("and")
    if rest >= 20:
        tens, unit = divmod(rest, 10)
        words.append(TENS[tens])
        if unit:
            words.append(UNITS[unit])
    elif rest or not hundreds:
        words.append(UNITS[rest])
    return words


def to_words(value: int) -> list[str]:
    """150 -> ["one", "hundred", "and", "fifty"], the way a British speaker says it."""
    if value < 0:
        return ["minus", *to_words(-value)]
    if value < 1000:
        return _below_thousand(value)
    words: list[str] = []
    for scale_word, scale in sorted(SCALES.items(), key=lambda item: -item[1]):
        count, value = divmod(value, scale)
        if count:
            words += [*to_words(count), scale_word]
    if value:
        if value < 100:
            words.append("and")
        words += _below_thousand(value)
    return words


def digits_to_words(token: str) -> list[str]:
    """One token with digits in it ("150", "38.5", "2nd") as spoken words; others unchanged."""
    lowered = token.lower()
    for suffix in ("st", "nd", "rd", "th"):
        if lowered.endswith(suffix) and lowered[: -len(suffix)].isdigit():
            number = str(int(lowered[: -len(suffix)]))
            if number in ORDINALS:
                return [ORDINALS[number]]
            return to_words(int(number))
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
    if len(words) > 1 and all(word in _UNIT_VALUES and _UNIT_VALUES[word] < 10 for word in words):
        return int("".join(str(_UNIT_VALUES[word]) for word in words))
    total = 0
    current = 0
    seen_value = False
    previous = ""
    for index, word in enumerate(words):
        if word == "and":
            # Only between a scale word and what follows it: "one hundred and five".
            if previous not in ("hundred", *SCALES) or index == len(words) - 1:
                return None
        elif word == "a" and index == 0 and len(words) > 1 and words[1] in ("hundred", *SCALES):
            current = 1
            seen_value = True
        elif word in _UNIT_VALUES:
            if previous in _UNIT_VALUES or (previous in _TEN_VALUES and _UNIT_VALUES[word] >= 10):
                return None
            current += _UNIT_VALUES[word]
            seen_value = True
        elif word in _TEN_VALUES:
            if previous in _UNIT_VALUES or previous in _TEN_VALUES:
                return None
            current += _TEN_VALUES[word]
            seen_value = True
        elif word == "hundred":
            if not seen_value and current == 0:
                return None
            current = max(current, 1) * 100
        elif word in SCALES:
            if not seen_value:
                return None
            total += max(current, 1) * SCALES[word]
            current = 0
        else:
            return None
        previous = word
    return total + current if seen_value else None


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


# -- numbers written out for reading aloud (the SSML-to-text side of the device) ----------------

DIGIT_WORDS = dict(zip("0123456789", UNITS[:10], strict=True))
_ORDINAL_ENDINGS = {
    "one": "first", "two": "second", "three": "third", "five": "fifth", "eight": "eighth",
    "nine": "ninth", "twelve": "twelfth",
}  # fmt: skip


def cardinal(value: int) -> str:
    """150 -> "one hundred and fifty"; 99 -> "ninety-nine", hyphenated as it is written."""
    words = to_words(value)
    joined: list[str] = []
    for word in words:
        if joined and joined[-1] in _TEN_VALUES and word in _UNIT_VALUES and word != "zero":
            joined[-1] = f"{joined[-1]}-{word}"
        else:
            joined.append(word)
    return " ".join(joined)


def ordinal(value: int) -> str:
    """21 -> "twenty-first", 100 -> "one hundredth"."""
    head, space, last = cardinal(value).rpartition(" ")
    tens, hyphen, unit = last.rpartition("-")
    if unit in _ORDINAL_ENDINGS:
        unit = _ORDINAL_ENDINGS[unit]
    elif unit.endswith("y"):
        unit = unit[:-1] + "ieth"
    else:
        unit += "th"
    return head + space + tens + hyphen + unit


def digits(text: str, zero: str = "zero") -> str:
    """Each digit as a word, anything else left out: "0300" -> "zero three zero zero"."""
    return " ".join(zero if ch == "0" else DIGIT_WORDS[ch] for ch in text if ch in DIGIT_WORDS)
