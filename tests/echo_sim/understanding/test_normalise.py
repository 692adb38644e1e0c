"""Normalisation: the same words come out however a sentence was typed or recognised."""

from __future__ import annotations

import pytest

from echo_sim.understanding.normalise import normalise, strip_fillers
from echo_sim.understanding.numbers import number_spans, parse_number, to_words


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("What's causing it?", "what is causing it"),
        ("whats causing it", "what is causing it"),
        ("What\u2019s causing it", "what is causing it"),
        ("I can't sleep", "i can not sleep"),
        ("it doesn't help", "it does not help"),
        ("I've got backache", "i have got backache"),
        ("the doctor's advice", "the doctor advice"),
        ("non-specific back pain", "non specific back pain"),
        ("hot & cold packs", "hot and cold packs"),
        ("do 150 minutes a week", "do one hundred and fifty minutes a week"),
        ("call NHS 111", "call nhs one hundred and eleven"),
        ("call n h s one one one", "call nhs one hundred and eleven"),
        ("my G.P. said so", "my gp said so"),
        ("a fever of 38.5", "a fever of thirty eight point five"),
        ("the 2nd time", "the second time"),
        ("cognitive behavioral therapy", "cognitive behavioural therapy"),
        ("the center of my back", "the centre of my back"),
        ("an exercise program", "an exercise programme"),
        ("a herniated disk", "a herniated disc"),
        ("nah nowt like that", "nah nothing like that"),
        ("is it summat serious or owt", "is it something serious or anything"),
        ("  LOUD   and   spaced  ", "loud and spaced"),
        # A noun's "'s" is "has" before a past participle, "is" before an article or a
        # negation, and a possessive elsewhere.
        ("my weight's been steady", "my weight has been steady"),
        ("my weight's the same", "my weight is the same"),
        ("my chest's not tight", "my chest is not tight"),
        ("he's got a temperature", "he has got a temperature"),
        ("ta very much", "thanks very much"),
    ],
)
def test_normalise(text: str, words: str) -> None:
    assert " ".join(normalise(text)) == words


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("um alexa what causes back pain please", "what causes back pain"),
        ("er, just tell me about sciatica", "tell me about sciatica"),
        ("okay so what helps", "what helps"),
        ("tell me about sciatica thanks", "tell me about sciatica"),
        ("okay", "okay"),
        ("no thanks", "no"),
        ("no chest pain thank god", "no chest pain"),
        ("a slight ache from the loft nothing more", "a slight ache from the loft"),
        ("thanks that's all", "thanks that is all"),
        ("please", "please"),
        ("em i'm not sure", "i am not sure"),
        ("no fever though", "no fever"),
    ],
)
def test_strip_fillers(text: str, words: str) -> None:
    assert " ".join(strip_fillers(normalise(text))) == words


@pytest.mark.parametrize(
    ("value", "words"),
    [(0, "zero"), (7, "seven"), (21, "twenty one"), (100, "one hundred"),
     (150, "one hundred and fifty"), (1005, "one thousand and five"),
     (2500, "two thousand five hundred")],
)  # fmt: skip
def test_numbers_to_words_and_back(value: int, words: str) -> None:
    assert " ".join(to_words(value)) == words
    assert parse_number(words.split()) == value


def test_parse_number_rejects_non_numbers() -> None:
    assert parse_number(["two", "pizzas"]) is None
    assert parse_number(["and", "five"]) is None
    assert parse_number([]) is None
    assert parse_number(["a", "hundred"]) == 100
    assert parse_number(["nine", "nine", "nine"]) == 999


def test_number_spans_find_the_longest_runs() -> None:
    words = ("i", "would", "like", "twenty", "two", "pizzas", "and", "three", "cokes")
    assert number_spans(words) == [(3, 5, 22), (7, 8, 3)]
