"""Sample templates: (a|b), [optional], <rule> and {slot}, expanded exactly and in order."""

from __future__ import annotations

import pytest

from alexa_model.grammar import MAX_EXPANSIONS, GrammarError, expand

RULES = {
    "part": ["(bum|bottom)", "saddle area"],
    "numb": ["numb", "tingly"],
    "loop": ["<loop> again"],
    "huge": ["(a|b|c|d|e|f|g|h|i|j)"],
}


def lookup(name: str) -> list[str] | None:
    return RULES.get(name)


def test_alternatives_and_optional_words_expand_in_reading_order():
    assert expand("(my|the) [sore] back", lookup) == [
        "my sore back", "my back", "the sore back", "the back",
    ]  # fmt: skip


def test_rules_expand_into_every_body_part_and_change_word():
    assert expand("my <part> has gone <numb>", lookup) == [
        "my bum has gone numb", "my bum has gone tingly",
        "my bottom has gone numb", "my bottom has gone tingly",
        "my saddle area has gone numb", "my saddle area has gone tingly",
    ]  # fmt: skip


def test_slots_stay_for_alexa_and_spaces_never_double():
    assert expand("i have [got] {sign}", lookup) == ["i have got {sign}", "i have {sign}"]


def test_a_sample_said_twice_is_kept_once():
    assert expand("(no|no) thanks", lookup) == ["no thanks"]


def test_nested_alternatives():
    assert expand("(a (b|c)|d)", lookup) == ["a b", "a c", "d"]


@pytest.mark.parametrize(
    ("template", "problem"),
    [
        ("(a|b", r"a missing '\)'"),
        ("a|b", "outside any bracket"),
        ("[a", r"a missing '\]'"),
        ("a <b", "a '<' with no '>'"),
        ("a > b", "a '>' with no '<'"),
        ("<>", "an empty rule name"),
        ("<nowhere>", "no grammar file defines"),
        ("<loop>", "refers to itself"),
    ],
)
def test_a_broken_template_is_named_with_what_is_wrong(template, problem):
    with pytest.raises(GrammarError, match=problem) as raised:
        expand(template, lookup)
    assert repr(template) in str(raised.value)


def test_a_template_too_big_to_review_is_refused():
    template = " ".join(["<huge>"] * 5)  # 10**5 samples
    assert MAX_EXPANSIONS < 10**5
    with pytest.raises(GrammarError, match="split it into rules"):
        expand(template, lookup)
