"""Word-level knowledge for fuzzy matching that holds for any skill: a light stemmer, irregular
verbs, hedges and function words. Domain words and synonyms live in the interaction model."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

# Past forms a suffix stripper cannot undo.
_IRREGULAR_LINES = """
    felt:feel got:get gotten:get went:go gone:go took:take taken:take did:do had:have made:make
    told:tell thought:think saw:see seen:see gave:give given:give came:come kept:keep sat:sit
    slept:sleep stood:stand fell:fall fallen:fall broke:break broken:break began:begin
    begun:begin woke:wake bent:bend caught:catch bought:buy brought:bring found:find lost:lose
    meant:mean paid:pay ran:run spoke:speak spent:spend wore:wear worn:wear lay:lie lain:lie
    """
_IRREGULAR = dict(pair.split(":") for pair in _IRREGULAR_LINES.split())
# Hedges: several words that say one thing in any conversation, so that "not sure" is never
# read as the "not" of a no. Domain phrases ("bad back") belong in the interaction model.
_IDIOM_LINES = """
not sure = unsure
not certain = unsure
do not know = unsure
no idea = unsure
dunno = unsure
not too sure = unsure
not really sure = unsure
could not say = unsure
can not really say = unsure
so i can not say = unsure
hard to say = unsure
difficult to say = unsure
can not work out = unsure
could not work out = unsure
can not figure out = unsure
not altogether sure = unsure
not altogether certain = unsure
not entirely sure = unsure
not entirely certain = unsure
not completely sure = unsure
not completely certain = unsure
not totally sure = unsure
not totally certain = unsure
not quite sure = unsure
not quite certain = unsure
not all that sure = unsure
not one hundred percent sure = unsure
not a hundred percent sure = unsure
no way of knowing = unsure
no way of telling = unsure
no way to know = unsure
no way to tell = unsure
"""
_IDIOMS: dict[tuple[str, ...], tuple[str, ...]] = {
    tuple(source.split()): tuple(plain.split())
    for source, _, plain in (
        line.partition(" = ") for line in _IDIOM_LINES.strip().splitlines()
    )
}
_LONGEST_IDIOM = max(len(source) for source in _IDIOMS)

FUNCTION_WORDS = frozenset(
    [
        "a", "an", "the", "i", "me", "my", "mine", "myself", "you", "your", "yours", "we", "us",
        "our", "it", "its", "itself", "they", "them", "their", "he", "him", "his", "she", "her",
        "this", "that", "these", "those", "there", "here", "what", "whom", "whose",
        "is", "am", "are", "was", "were", "be", "been", "being",
        "do", "does", "did", "doing", "done", "have", "has", "had", "having", "can", "could",
        "will", "would", "shall", "should", "may", "might", "must", "to", "of", "in", "on", "at",
        "by", "for", "with", "about", "from", "into", "onto", "over", "under", "up", "down", "out",
        "off", "as", "than", "then", "so", "and", "or", "but", "if", "not", "any", "some", "all",
        "each", "every", "more", "most", "much", "many", "very", "really", "quite", "too", "also",
        "just", "only", "own", "same", "such", "again", "further", "once", "get", "got", "getting",
        "give", "let", "know", "want", "wanted", "need", "like", "would", "please", "tell", "say",
        "said", "go", "going", "come", "anything", "something", "thing", "things", "one", "ones",
        "gets", "goes", "wants", "needs", "knows", "bit", "lot", "actually", "exactly",
        "ever", "even", "still", "usually", "normally", "generally", "probably", "maybe",
        "kind", "sort", "sorts", "anyone", "someone", "somebody", "anybody", "wondering",
        "wonder", "wondered", "possibly", "basically", "honestly", "literally", "pretty", "rather",
        # Intensifiers say how much, never what: "my chest's proper tight" is "my chest's tight".
        "proper", "totally", "completely", "terribly", "awfully", "extremely",
        "incredibly", "super", "bloody",
        # Verbs of appearance hedge the verb after them: "he can't seem to wee" is "can't wee".
        "seem", "seems", "seemed",
    ]
)

_INFLECTIONS = (("ies", "y", 2), ("sses", "ss", 2), ("es", "e", 3), ("s", "", 3), ("ing", "", 3),
                ("ed", "", 3))  # fmt: skip
_DERIVATIONS = (("ness", "", 3), ("ment", "", 4), ("ation", "", 4), ("ition", "", 4),
                ("tion", "t", 4), ("sion", "s", 4), ("ful", "", 3), ("ly", "", 4))  # fmt: skip


def _strip_first(word: str, rules: tuple[tuple[str, str, int], ...]) -> str:
    for suffix, replacement, keep in rules:
        if word.endswith(suffix) and len(word) - len(suffix) >= keep:
            if suffix == "s" and word.endswith(("ss", "us", "is")):
                return word
            stripped = word[: -len(suffix)] + replacement
            doubled = len(stripped) > 3 and stripped[-1] == stripped[-2] not in "lsz"
            if suffix in ("ing", "ed") and doubled:
                stripped = stripped[:-1]  # stopping -> stop, but fall/press stay whole
            return stripped
    return word


def stem(word: str) -> str:
    """A light suffix stripper: "relieving", "relieved", "relieves" -> "reliev"."""
    if len(word) <= 3 or not word.isalpha():
        return word
    word = _strip_first(_strip_first(word, _INFLECTIONS), _DERIVATIONS)
    if word.endswith("e") and len(word) > 4:
        word = word[:-1]
    return word


@lru_cache(maxsize=8192)
def concept(word: str) -> str:
    """The feature a word contributes: its stem ("felt" -> "feel", "relieving" -> "reliev").

    A function word loses only its inflection ("had" -> "have", "gets" -> "get"): "normally"
    and "quite" are small words, but "normal" and "quit" carry meaning ("my temperature is
    normal", "quit smoking"), and must not share their feature."""
    word = _IRREGULAR.get(word, word)
    if word in FUNCTION_WORDS:
        return _strip_first(word, _INFLECTIONS)
    return stem(word)


NEGATIONS = frozenset(("not", "no", "never", "nothing", "none", "without", "nor", "neither"))
"""Words that turn a phrase into its opposite. They are short and common, like function words,
but a slot value never loses them: "rest does not help" is not "rest helps"."""

# People speak for someone they look after ("my mum's back is bad and she's wetting herself")
# as often as for themselves; what they ask is the same. The matcher hears them in the first
# person. Only family and carer words, which no skill's samples need in the third person.
_RELATIVES = frozenset(
    ("mum", "mam", "mom", "mother", "dad", "father", "husband", "wife", "partner", "son",
     "daughter", "nan", "nana", "gran", "granny", "grandma", "grandmother", "grandad",
     "grandpa", "grandfather", "brother", "sister", "boyfriend", "girlfriend", "child", "kid",
     "baby", "grandson", "granddaughter", "fiance", "fiancee", "friend", "neighbour", "auntie",
     "aunt", "uncle", "mate")
)  # fmt: skip
_THIRD_PERSON = {
    "he": "i", "she": "i", "him": "me", "his": "my", "her": "my", "himself": "myself",
    "herself": "myself", "hers": "mine",
}  # fmt: skip
_OWNERS = frozenset(("my", "our", "me"))
# The verb agrees with its new subject: "she is fine" -> "i am fine", "he has had" -> "i have had".
_FIRST_PERSON_VERBS = {"is": "am", "has": "have", "does": "do"}


def first_person(words: Sequence[str]) -> tuple[str, ...]:
    """ "my husband can not hold his bowels" -> "i can not hold my bowels".

    "my mum back" (the possessive, its "'s" already gone) keeps "my"; "my mum is", "my mum
    keeps", "my dad started" (a verb follows) become "i"."""
    out: list[str] = []
    index = 0
    while index < len(words):
        word = words[index]
        if word in _OWNERS and index + 1 < len(words) and words[index + 1] in _RELATIVES:
            following = words[index + 2] if index + 2 < len(words) else ""
            verb = following in FUNCTION_WORDS or following.endswith(("s", "ed"))
            out.append("i" if verb and following else "my")
            index += 2
        else:
            out.append(_THIRD_PERSON.get(word, word))
            index += 1
        if out[-1] == "i" and word != "i" and index < len(words):
            following = words[index]
            out.append(_FIRST_PERSON_VERBS.get(following, following))
            index += 1
    return tuple(out)


# "It's gone all numb", "me bits went all tingly": "all" after a verb of becoming only says how
# much ("gone all day" keeps it: a time follows).
_BECOMING = frozenset(("gone", "went", "go", "goes", "going", "come", "came", "turned"))
_TIMES = frozenset(("day", "night", "week", "morning", "afternoon", "evening", "month", "year"))


def _without_intensifying_all(words: Sequence[str]) -> list[str]:
    return [
        word
        for index, word in enumerate(words)
        if not (
            word == "all"
            and 0 < index < len(words) - 1
            and words[index - 1] in _BECOMING
            and words[index + 1] not in FUNCTION_WORDS
            and words[index + 1] not in _TIMES
        )
    ]


def rephrase(words: Sequence[str]) -> tuple[str, ...]:
    """Hedges in one word ("not sure", "dunno" -> "unsure"), heard in the first person."""
    words = first_person(_without_intensifying_all(words))
    out: list[str] = []
    index = 0
    while index < len(words):
        for length in range(min(_LONGEST_IDIOM, len(words) - index), 0, -1):
            plain = _IDIOMS.get(tuple(words[index : index + length]))
            if plain is not None:
                out += plain
                index += length
                break
        else:
            out.append(words[index])
            index += 1
    return tuple(out)


def is_function_word(word: str) -> bool:
    """True for a function word, and for the concept a function word becomes ("does" -> "doe")."""
    return word in FUNCTION_WORDS or word in _FUNCTION_CONCEPTS


PREDICATE_WORDS = frozenset(
    ("is", "am", "are", "was", "were", "be", "been", "being", "has", "have", "had", "do", "does",
     "did", "can", "could", "will", "would", "come", "comes", "came", "go", "goes", "went",
     "gone", "get", "gets", "got", "keep", "keeps", "kept", "still", "same", "again")
)  # fmt: skip
"""Function words that make a statement of the words before them: "chest pain is still there"
and "the numbness comes and goes" say something of a symptom, not its name."""


def is_predicate(word: str) -> bool:
    """True for a verb or adverb that makes a statement of the words before it."""
    return word in PREDICATE_WORDS or concept(word) in _PREDICATE_CONCEPTS


NO_WORDS = frozenset(("nah", "nope", "naw", "nay"))
"""Ways to say no that are not negations of a phrase."""
YES_WORDS = frozenset(("yes", "yeah", "yep", "yup", "aye", "yea"))


def is_plain_yes(words: Sequence[str]) -> bool:
    """Words that say yes and have no negation or no-word in them ("yes it's the same")."""
    return any(word in YES_WORDS for word in words) and not any(
        is_negation(word) or word in NO_WORDS for word in words
    )


_HEDGE_WORDS = frozenset(word for plain in _IDIOMS.values() for word in plain)
"""What the hedges above become ("unsure")."""


def is_hedged(words: Sequence[str]) -> bool:
    """Words that say the speaker is unsure: "i don't know", "not sure", once rephrased, or a
    thing that is so only at times ("sometimes it is and sometimes it isn't")."""
    return any(word in _HEDGE_WORDS for word in words) or words.count("sometimes") > 1


def is_answer_word(word: str) -> bool:
    """A word that answers a yes-or-no question: "yes", "yeah", "no", "nope" and the like."""
    return word in YES_WORDS or word in NO_WORDS or word == "no"


def is_negation(word: str) -> bool:
    """True for a negation, and for the concept one becomes ("nothing" -> its stem)."""
    return word in NEGATIONS or word in _NEGATION_CONCEPTS


_FUNCTION_CONCEPTS = frozenset(concept(word) for word in FUNCTION_WORDS)
_NEGATION_CONCEPTS = frozenset(concept(word) for word in NEGATIONS)
_PREDICATE_CONCEPTS = frozenset(concept(word) for word in PREDICATE_WORDS)
