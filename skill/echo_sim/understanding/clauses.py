"""Where a long utterance divides into clauses: people wrap a plain request in how they feel.

"is there anything i can do at home to ease this pain i am really struggling" is a request
and a feeling; "my back's giving me gyp what can i do about it" a complaint and a question.
The cues are English grammar, true of any skill: a conjunction opens a clause, and so does a
subject pronoun or a question word that follows a content word ("pain | i am", "gyp | what").
"""

from __future__ import annotations

from collections.abc import Sequence

from echo_sim.understanding.lexicon import is_function_word

CONJUNCTIONS = frozenset(("and", "but", "because", "cos", "coz", "cause", "so", "if", "though",
                          "although", "whereas", "while"))  # fmt: skip
"""Words that open a clause wherever they stand ("...at night | because i can not sleep")."""
ADJUNCTS = frozenset(("after", "since", "from"))
"""Words that open a phrase of cause or time after a content word ("my back's a bit achy |
after five a side"): what happened, said beside the statement."""
SUBJECTS = frozenset(("i", "we", "they"))
"""A subject after a content word opens a clause ("ease this pain | i am struggling")."""
IT_VERBS = frozenset(("is", "was", "has", "had", "will", "would", "keeps", "does", "did", "can",
                      "could", "feels", "seems", "hurts", "started", "gets", "got"))  # fmt: skip
""""it" is a subject, not an object, when a verb follows ("help for my back | it is been")."""
WH_WORDS = frozenset(("what", "how", "why", "who", "when", "where", "which"))
ASKED_ABOUT = frozenset(("i", "you", "we", "they", "it", "there", "that", "this", "my", "me",
                         "the", "a", "an", "your", "anything", "someone", "one"))  # fmt: skip
"""What an inverted question puts after its verb ("should | i", "is | it", "can | the")."""
OBJECTS = frozenset(("me", "us", "them", "him"))
"""A question after an object pronoun opens a clause too ("it's killing me | what do i do")."""
QUESTION_WORDS = frozenset(("what", "how", "why", "who", "when", "where", "which", "should",
                            "is", "can", "will", "does", "do", "would", "could", "are", "shall",
                            "ought", "may", "must"))  # fmt: skip
"""A question after a content word opens a clause ("giving me gyp | what can i do")."""


_PRONOUNS_OF_THINGS = frozenset(("it", "this"))
"""Subjects only before a verb: "it hurts", "this is making me anxious" (but "about it"). Not
"that", which as often joins a clause to a noun ("the pain that is in my back")."""


def is_subject(words: Sequence[str], index: int) -> bool:
    """A subject at `index`: "i", "we", "they", or "it" or "this" before a verb."""
    after = words[index + 1] if index + 1 < len(words) else ""
    return words[index] in SUBJECTS or (words[index] in _PRONOUNS_OF_THINGS and after in IT_VERBS)


def clause_starts(words: Sequence[str]) -> list[int]:
    """The index of each clause's first word; the first is always 0."""
    starts = [0]
    for index in range(1, len(words)):
        word, before = words[index], words[index - 1]
        after = words[index + 1] if index + 1 < len(words) else ""
        if word in CONJUNCTIONS and before not in CONJUNCTIONS:
            starts.append(index)
        elif word in WH_WORDS and before in OBJECTS and words[starts[-1]] not in QUESTION_WORDS:
            starts.append(index)  # "it's killing me | what do i do"
        elif before in QUESTION_WORDS or is_function_word(before):
            continue
        elif word in ADJUNCTS or is_subject(words, index):
            starts.append(index)
        elif word in QUESTION_WORDS and words[starts[-1]] not in QUESTION_WORDS and (
            word in WH_WORDS or after in ASKED_ABOUT
        ):
            # "how long | should i" is one question; "giving me gyp | what can i do" is two;
            # "me feet are killing me" is a statement ("are" after its subject).
            starts.append(index)
    return starts


def clause_spans(words: Sequence[str]) -> list[tuple[int, int]]:
    """Every run of one or more whole clauses, short of the whole utterance, longest first."""
    starts = clause_starts(words)
    ends = [*starts[1:], len(words)]
    spans = [
        (starts[first], ends[last])
        for first in range(len(starts))
        for last in range(first, len(starts))
        if (first, last) != (0, len(starts) - 1)
    ]
    return sorted(spans, key=lambda span: (span[0] - span[1], span[0]))


PRONOUNS = frozenset(("it", "them"))
DEMONSTRATIVES = frozenset(("that", "this", "those", "these"))


def points_elsewhere(words: Sequence[str]) -> bool:
    """Whether a clause refers to something said outside it ("what causes that", "when will it
    arrive"): a pronoun, or a demonstrative that stands alone rather than before its noun
    ("this pain")."""
    return any(
        word in PRONOUNS
        or (
            word in DEMONSTRATIVES
            and (index + 1 == len(words) or is_function_word(words[index + 1]))
        )
        for index, word in enumerate(words)
    )
