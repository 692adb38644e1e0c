"""Saved transcripts expect only what the skill says the same way every time."""

from __future__ import annotations

from echo_sim.browser.saved_transcript import EXPECTED_SPEECH_CHARS, steady_sentence
from echo_sim.browser.session_attributes import describe_attributes


def test_a_line_with_several_phrasings_is_never_expected() -> None:
    varied = ["Goodbye, take care.", "OK, goodbye."]
    assert steady_sentence("Goodbye, take care.", varied) is None
    assert steady_sentence("Question 2 of 9. OK, goodbye.", varied) == "Question 2 of 9."
    assert steady_sentence("Is that all? Question 3 of 9.", ["Is that all?"]) == "Question 3 of 9."


def test_a_long_sentence_is_cut_at_a_word_boundary() -> None:
    sentence = steady_sentence("word " * 40 + "end.", [])
    assert sentence is not None and len(sentence) <= EXPECTED_SPEECH_CHARS
    assert sentence.split() == ["word"] * len(sentence.split())


def test_tampered_and_unknown_attributes_are_shown_as_they_are() -> None:
    assert describe_attributes({"check": "3"}, ended=False) == [
        'check: "3" (not a state the skill wrote)'
    ]
    assert describe_attributes({"check": {"index": 8, "reasked": True, "flag": "x"}}, False) == [
        "Warning-sign check open, on question 9 (index 8): asked again after an unclear answer "
        "(one more unclear answer counts as a possible yes).",
        'check.flag: "x"',
    ]
    assert describe_attributes({"check": {"index": 0}}, ended=True) == [
        "The session is over: Alexa keeps no attributes after it."
    ]
