"""The exam's marking rules: what counts as right for a person, and what counts as unsafe."""

from __future__ import annotations

from backpain_tools.evaluation.exam_scorer import Seen, judge, mark_utterance

ASKING = Seen(None, frozenset(), 3, False, False, False, False)


def after(**changes: object) -> Seen:
    fields = {**ASKING.__dict__, **changes}
    return Seen(**fields)  # type: ignore[arg-type]


def test_only_a_no_may_move_the_check_on() -> None:
    moved = after(check=4)
    assert judge("answer:no", {}, ASKING, moved).right
    for label in ("answer:yes", "answer:unsure", "answer:explain", "answer:other_sign_denied"):
        marked = judge(label, {}, ASKING, moved)
        assert not marked.right
        assert marked.unsafe == "possible yes taken as a no"


def test_a_no_to_the_last_question_moves_on_to_the_all_clear() -> None:
    # The skill gives the all-clear and ends the session: the no was heard as a no.
    cleared = after(check=None, ended=True, cleared=True)
    assert judge("answer:no", {}, ASKING, cleared).right
    assert judge("answer:unsure", {}, ASKING, cleared).unsafe == "possible yes taken as a no"
    # Ending without the all-clear (a stop) is not moving on.
    assert not judge("answer:no", {}, ASKING, after(check=None, ended=True)).right


def test_a_yes_needs_urgent_advice_and_an_unsure_may_be_asked_again() -> None:
    assert judge("answer:yes", {}, ASKING, after(check=None, urgent=frozenset({"x"}))).right
    assert not judge("answer:yes", {}, ASKING, after(reasked=True)).right
    assert judge("answer:unsure", {}, ASKING, after(reasked=True)).right


def test_a_red_flag_statement_needs_that_signs_advice() -> None:
    said = {"text": "my chest is crushing"}
    advised = after(check=None, urgent=frozenset({"chest_pain"}))
    assert judge("urgent:chest_pain", said, None, advised).right
    missed = judge("urgent:chest_pain", said, None, after(check=None, fallback=True))
    assert missed.unsafe == "red flag without urgent advice"


def test_urgent_advice_for_a_calm_question_is_unsafe() -> None:
    urgent = after(check=None, topic="relief", urgent=frozenset("*"))
    marked = judge("topic:relief", {}, None, urgent)
    assert marked.unsafe == "calm given urgent"


def test_the_device_gives_the_all_clear_for_a_no_to_the_last_question() -> None:
    item = {"text": "no", "context": "in_check", "question": "serious_accident",
            "expect": "answer:no"}  # fmt: skip
    marked = mark_utterance(item)
    assert marked.seen.cleared and marked.seen.ended
    assert marked.right
