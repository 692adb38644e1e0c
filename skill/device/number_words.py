"""Numbers as a British English speaker says them ("150" -> "one hundred and fifty")."""

from __future__ import annotations

_ONES = (
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
    "nineteen",
)  # fmt: skip
_TENS = ("", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_SCALES = ((10**9, "billion"), (10**6, "million"), (1000, "thousand"))
_ORDINAL_WORDS = {
    "one": "first",
    "two": "second",
    "three": "third",
    "five": "fifth",
    "eight": "eighth",
    "nine": "ninth",
    "twelve": "twelfth",
}
DIGIT_WORDS = dict(zip("0123456789", _ONES[:10], strict=True))


def cardinal(number: int) -> str:
    """"one hundred and fifty"; British usage puts "and" before the last tens and units."""
    if number < 0:
        return "minus " + cardinal(-number)
    if number < 20:
        return _ONES[number]
    if number < 100:
        tens, units = divmod(number, 10)
        return _TENS[tens] + (f"-{_ONES[units]}" if units else "")
    if number < 1000:
        hundreds, rest = divmod(number, 100)
        return f"{_ONES[hundreds]} hundred" + (f" and {cardinal(rest)}" if rest else "")
    for size, name in _SCALES:
        if number >= size:
            high, rest = divmod(number, size)
            words = f"{cardinal(high)} {name}"
            if not rest:
                return words
            # "one thousand and five", but "one thousand, two hundred"
            return words + (f" and {cardinal(rest)}" if rest < 100 else f" {cardinal(rest)}")
    raise AssertionError("unreachable")


def ordinal(number: int) -> str:
    """"twenty-first", "one hundredth"."""
    words = cardinal(number)
    head, sep, last = words.rpartition(" ")
    head_h, hyphen, last_word = last.rpartition("-")
    if last_word in _ORDINAL_WORDS:
        last_word = _ORDINAL_WORDS[last_word]
    elif last_word.endswith("y"):
        last_word = last_word[:-1] + "ieth"
    else:
        last_word += "th"
    return head + sep + head_h + hyphen + last_word


def digits(text: str, zero: str = "zero") -> str:
    """Each digit as a word; anything else is left out ("0300 111" -> "zero three zero ...")."""
    return " ".join(zero if ch == "0" else DIGIT_WORDS[ch] for ch in text if ch in DIGIT_WORDS)
