"""SSML to plain text: tags never read aloud, pauses kept, say-as read the way Alexa reads it."""

from __future__ import annotations

import pytest

from echo_sim.understanding import numbers
from echo_sim.voice import ssml_text


def test_tags_are_never_text() -> None:
    spoken = ssml_text.parse(
        "<speak><p>Back pain</p><s>It is <emphasis level='strong'>common</emphasis>.</s>"
        '<prosody rate="slow">Rest</prosody> '
        '<amazon:effect name="whispered">a little</amazon:effect>'
        '<audio src="https://example.org/x.mp3"/><mark name="m"/></speak>'
    )
    assert spoken.text == "Back pain It is common. Rest a little"
    assert "<" not in spoken.spoken and "whispered" not in spoken.spoken


def test_telephone_reads_digit_by_digit_but_shows_as_written() -> None:
    spoken = ssml_text.parse(
        '<speak>Call NHS <say-as interpret-as="telephone">111</say-as>.</speak>'
    )
    assert spoken.text == "Call NHS 111."
    assert spoken.spoken == "Call NHS one one one."


@pytest.mark.parametrize(
    ("interpret_as", "written", "said"),
    [
        ("digits", "111", "one one one"),
        ("telephone", "0300 311", "oh three oh oh, three one one"),
        ("characters", "GP2", "G P two"),
        ("spell-out", "nhs", "N H S"),
        ("cardinal", "150", "one hundred and fifty"),
        ("cardinal", "1,005", "one thousand and five"),
        ("number", "2.5", "two point five"),
        ("cardinal", "about ten", "about ten"),
        ("ordinal", "21st", "twenty-first"),
        ("expletive", "darn", "beep"),
        ("date", "2024-01-02", "2024-01-02"),
    ],
)
def test_say_as(interpret_as: str, written: str, said: str) -> None:
    assert ssml_text.say_as(written, interpret_as) == said


def test_sub_uses_its_alias_and_phoneme_keeps_its_words() -> None:
    spoken = ssml_text.parse(
        '<speak><sub alias="General Practitioner">GP</sub> and '
        '<phoneme alphabet="ipa" ph="təˈmɑːtəʊ">tomato</phoneme></speak>'
    )
    assert spoken.text == "General Practitioner and tomato"


def test_breaks_are_pauses_for_the_voice_and_spaces_for_the_reader() -> None:
    spoken = ssml_text.parse(
        '<speak>Rest<break time="2s"/>then walk<break strength="weak"/>slowly'
        '<break strength="none"/>now</speak>'
    )
    assert spoken.text == "Rest then walk slowly now"
    assert [p.pause_ms for p in spoken.phrases] == [2000, 250, 0, 0]
    assert spoken.spoken == "Rest. then walk, slowly now"


def test_pauses_in_a_row_merge_and_have_alexas_limit() -> None:
    spoken = ssml_text.parse('<speak><s>One</s><break time="30s"/>Two</speak>')
    assert [(p.text, p.pause_ms) for p in spoken.phrases] == [("One", 10_000), ("Two", 0)]


def test_entities_are_unescaped() -> None:
    assert ssml_text.to_text("<speak>Heat &amp; ice &lt;3&gt; &quot;ok&quot;&#33;</speak>") == (
        'Heat & ice <3> "ok"!'
    )
    assert ssml_text.to_text("<speak>a&nbsp;b &eacute;</speak>") == "a b é"


def test_whitespace_is_tidy() -> None:
    assert ssml_text.to_text("<speak>\n  Hello ,\n\n world  . ( yes )</speak>") == (
        "Hello, world. (yes)"
    )


@pytest.mark.parametrize(
    "broken",
    [
        "<speak>unclosed <emphasis>tag</speak>",
        "<speak>stray & ampersand</speak>",
        "<speak><say-as interpret-as='digits'>1</speak>",
        "<<<>>>",
        "<speak>",
    ],
)
def test_malformed_ssml_never_crashes(broken: str) -> None:
    text = ssml_text.to_text(broken)
    assert "<speak" not in text and "</" not in text


def test_malformed_ssml_keeps_its_words() -> None:
    assert ssml_text.to_text("<speak>Stay <b>active & walk</speak>") == "Stay active & walk"


def test_plain_text_and_nothing() -> None:
    assert ssml_text.to_text("Just words") == "Just words"
    assert ssml_text.to_text("") == ""
    assert ssml_text.to_text(None) == ""
    assert ssml_text.parse("<speak></speak>").phrases == ()


@pytest.mark.parametrize(
    ("number", "words"),
    [
        (0, "zero"),
        (13, "thirteen"),
        (40, "forty"),
        (99, "ninety-nine"),
        (100, "one hundred"),
        (111, "one hundred and eleven"),
        (2000, "two thousand"),
        (1_200_045, "one million two hundred thousand and forty-five"),
        (-3, "minus three"),
    ],
)
def test_cardinal_numbers_in_british_english(number: int, words: str) -> None:
    assert numbers.cardinal(number) == words


@pytest.mark.parametrize(
    ("number", "words"),
    [
        (1, "first"),
        (2, "second"),
        (12, "twelfth"),
        (20, "twentieth"),
        (103, "one hundred and third"),
    ],
)
def test_ordinals(number: int, words: str) -> None:
    assert numbers.ordinal(number) == words
