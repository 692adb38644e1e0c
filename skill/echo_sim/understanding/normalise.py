"""Turns typed or recognised text into the plain lower-case words the matcher compares."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from alexa_model.spoken import join_spelled_letters
from echo_sim.understanding.numbers import UNITS, digits_to_words, to_words
from echo_sim.understanding.spelling import british

_SYMBOLS = {"&": " and ", "%": " percent ", "+": " plus ", "@": " at ", "/": " or "}
_SYMBOL_PATTERN = re.compile("|".join(re.escape(symbol) for symbol in _SYMBOLS))
_DOTTED_ACRONYM = re.compile(r"\b(?:[a-z]\.){2,}")
_TOKEN = re.compile(r"[a-z]+(?:'[a-z]+)*|\d+(?:\.\d+)?(?:st|nd|rd|th)?")

# Written with and without the apostrophe: typed text and recognisers often drop it.
_CONTRACTIONS = {
    "what's": "what is", "that's": "that is", "it's": "it is", "there's": "there is",
    "here's": "here is", "where's": "where is", "who's": "who is", "how's": "how is",
    "when's": "when is", "why's": "why is", "he's": "he is", "she's": "she is",
    "let's": "let us", "i'm": "i am", "can't": "can not", "cannot": "can not",
    "won't": "will not", "shan't": "shall not", "ain't": "is not",
}  # fmt: skip
_SUFFIXES = {
    "n't": " not", "'re": " are", "'ve": " have", "'ll": " will", "'d": " would", "'m": " am",
}  # fmt: skip
# Without an apostrophe these are only ever contractions ("its", "well", "were" are not here).
_BARE = {
    "whats": "what is", "thats": "that is", "theres": "there is", "heres": "here is",
    "wheres": "where is", "hows": "how is", "lets": "let us", "im": "i am", "ive": "i have",
    "youre": "you are", "theyre": "they are", "youve": "you have", "cant": "can not",
    "wont": "will not", "dont": "do not", "doesnt": "does not", "didnt": "did not",
    "isnt": "is not", "arent": "are not", "wasnt": "was not", "werent": "were not",
    "havent": "have not", "hasnt": "has not", "hadnt": "had not", "wouldnt": "would not",
    "shouldnt": "should not", "couldnt": "could not", "mustnt": "must not",
    "neednt": "need not", "aint": "is not",
}  # fmt: skip
# Spelling variants of one word, and dialect words for a common one: "nowt" is "nothing" in
# any skill, and a negation wherever it is said ("nah nowt like that").
_VARIANTS = {
    "ok": "okay", "nowt": "nothing", "owt": "anything", "summat": "something", "ta": "thanks",
    "doc": "doctor", "docs": "doctors",
}

FILLERS = frozenset(
    [
        "um", "umm", "uh", "uhh", "uhm", "er", "erm", "err", "hmm", "hm", "mm", "mmm", "ah", "eh",
        # A hesitation in Irish and Scottish speech; as slang for "them" ("can't control em")
        # it only ends a phrase, and says nothing the verb has not.
        "em",
        "please", "pls", "plz", "alexa", "just", "kindly"
    ]
)
# Dropped only at the start and only when more words follow: "okay" alone is a yes.
_OPENERS = frozenset(
    ["okay", "so", "well", "right", "hey", "hi", "hiya", "hello", "now", "alright", "oh", "and",
     "but", "actually"]
)
# Also dropped at the start when more words follow: asking the speaker to pause before the
# request ("hang on, stop", "hold on, go back") in any skill.
_OPENER_PHRASES = (("hang", "on"), ("hold", "on"), ("hang", "about"), ("wait",))
# Dropped only at the end when more words precede: "no thanks" is still "no", and "no chest
# pain thank god" is "no chest pain". So are the words that close a statement by saying it is
# all there is: "a slight ache from the loft, nothing more", "... nowt serious", and the words
# that only stress what went before: "it hasn't improved one bit", "no accident of any kind".
# So are the vague tails that stand for "and the like" ("i haven't been out or owt", "is it a
# cold or something"): they add nothing a request could be about.
# ("That's all" is not one: alone after thanks, it ends the conversation. Nor is "at all":
# "not at all" is an answer of its own.)
_CLOSERS = (("thank", "you"), ("thanks",), ("cheers",), ("then",), ("now",), ("thank", "god"),
            ("thank", "goodness"), ("thank", "heavens"), ("nothing", "more"), ("nothing", "else"),
            ("nothing", "further"), ("nothing", "serious"), ("nothing", "major"), ("and",),
            ("but",), ("whatsoever",), ("even", "a", "little", "bit"), ("a", "little", "bit"),
            ("one", "bit"), ("in", "the", "slightest"), ("of", "any", "kind"), ("though",),
            ("nothing", "dramatic"),
            ("of", "any", "sort"), ("or", "anything"), ("or", "nothing"), ("or", "something"),
            ("or", "whatever"), ("or", "anything", "like", "that"), ("or", "anything", "else"),
            ("and", "stuff"), ("and", "all", "that"), ("and", "everything"))
_SINGLE_DIGITS = {word: str(value) for value, word in enumerate(UNITS[:10])}


def _expand(token: str) -> str:
    if token in _CONTRACTIONS:
        return _CONTRACTIONS[token]
    if "'" not in token:
        return _VARIANTS.get(token) or _BARE.get(token) or token
    for suffix, expansion in _SUFFIXES.items():
        if token.endswith(suffix):
            stem = token[: -len(suffix)]
            if suffix == "n't":
                stem = {"wo": "will", "ca": "can", "sha": "shall"}.get(stem, stem)
            return stem + expansion
    if token.endswith("'s"):
        # Any other "'s" is a possessive: "the doctor's advice" -> "the doctor advice"; or a
        # "has" before a past participle: "my weight's been steady" (_POSSESSIVE_OR_HAS).
        return token[:-2] + " " + _POSSESSIVE_OR_HAS
    return token.replace("'", "")


def _read_digit_runs(tokens: list[str]) -> list[str]:
    """ "one one one" -> "one hundred and eleven", the same words as "111" gives."""
    out: list[str] = []
    index = 0
    while index < len(tokens):
        end = index
        while end < len(tokens) and tokens[end] in _SINGLE_DIGITS:
            end += 1
        if end - index >= 2 and tokens[index] != "zero":
            out += to_words(int("".join(_SINGLE_DIGITS[word] for word in tokens[index:end])))
            index = end
        else:
            out.append(tokens[index])
            index += 1
    return out


def normalise(text: str) -> tuple[str, ...]:
    """Lower-case words with contractions expanded, digits spoken and British spelling."""
    text = unicodedata.normalize("NFKC", text).lower()
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("`", "'")
    text = _SYMBOL_PATTERN.sub(lambda found: _SYMBOLS[found.group()], text)
    text = _DOTTED_ACRONYM.sub(lambda found: found.group().replace(".", "") + " ", text)
    words: list[str] = []
    for raw in _TOKEN.findall(text):
        for word in _expand(raw).split():
            words += (british(part) for part in digits_to_words(word))
    words = _has_or_owns(_read_digit_runs(join_spelled_letters(words)))
    return tuple(_around(_perfect_tense(words)))


_POSSESSIVE_OR_HAS = "\0s"


def _has_or_owns(words: list[str]) -> list[str]:
    """A noun's "'s" before a past participle is "has" ("my weight's been steady", "me back's
    gone"), before an article or a negation "is"; anywhere else it is a possessive, and goes."""
    return [
        ("has" if following in _PERFECT_AFTER_S else "is") if word == _POSSESSIVE_OR_HAS else word
        for word, following in zip(words, [*words[1:], ""], strict=False)
        if word != _POSSESSIVE_OR_HAS or following in _PERFECT_AFTER_S or following in _IS_AFTER_S
    ]


# A noun's "'s" before an article or a negation is "is": "my weight's the same", "my mum's a
# nurse", "my chest's not tight" (a possessive is followed by what is owned).
_IS_AFTER_S = frozenset(("the", "a", "an", "not", "no"))


# "Round" before a determiner is the preposition "around": "tingling round me bum".
_DETERMINERS = frozenset(("my", "me", "the", "his", "her", "your", "our", "their", "a", "an"))


def _around(words: list[str]) -> list[str]:
    return [
        "around" if word == "round" and following in _DETERMINERS else word
        for word, following in zip(words, [*words[1:], ""], strict=False)
    ]


# "He's" and "she's" before these are "he has", never "he is": "she's had no accidents",
# "he's got a temperature", "she's lost weight", "he's never been".
_PERFECT_AFTER_S = frozenset(
    ("been", "had", "got", "gotten", "lost", "fallen", "done", "taken", "noticed", "started",
     "seen", "tried", "felt", "put", "never", "gone")
)  # fmt: skip
_PERSONS = frozenset(("he", "she"))


def _perfect_tense(words: list[str]) -> list[str]:
    return [
        "has"
        if word == "is" and 0 < index < len(words) - 1
        and words[index - 1] in _PERSONS and words[index + 1] in _PERFECT_AFTER_S
        else word
        for index, word in enumerate(words)
    ]


def strip_fillers(words: Sequence[str]) -> tuple[str, ...]:
    """The words without hesitations and politeness that never change what was asked."""
    kept = [word for word in words if word not in FILLERS]
    # Closers first: "okay then" is "okay" (a yes), not a lone "then" once "okay" has gone.
    changed = True
    while changed:
        changed = False
        for closer in _CLOSERS:
            if len(kept) > len(closer) and tuple(kept[-len(closer) :]) == closer:
                del kept[-len(closer) :]
                changed = True
    changed = True
    while changed:
        changed = False
        while len(kept) > 1 and kept[0] in _OPENERS:
            kept.pop(0)
            changed = True
        for opener in _OPENER_PHRASES:
            if len(kept) > len(opener) and tuple(kept[: len(opener)]) == opener:
                del kept[: len(opener)]
                changed = True
    return tuple(kept) if kept else tuple(words)
