"""The warning-sign check's rules, with no Alexa in sight."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from backpain.warning_sign_check import AllClear, Answer, AskQuestion, Checklist, CheckState, Urgent

NINE = Checklist(size=9)


def run(answers: list[Answer]) -> AskQuestion | Urgent | AllClear:
    step: AskQuestion | Urgent | AllClear = NINE.start()
    for answer in answers:
        assert isinstance(step, AskQuestion), "the check ended before all answers were given"
        step = NINE.answer(step.state, answer)
    return step


def test_starts_at_the_first_sign():
    assert NINE.start() == AskQuestion(CheckState(index=0))


def test_nine_noes_are_all_clear():
    assert run([Answer.NO] * 9) == AllClear()


def test_yes_stops_at_once_at_every_sign():
    for index in range(9):
        assert run([Answer.NO] * index + [Answer.YES]) == Urgent(index=index, unclear=False)


def test_unclear_is_asked_again_once_then_counts_as_a_possible_yes():
    assert run([Answer.UNCLEAR]) == AskQuestion(CheckState(index=0, reasked=True))
    assert run([Answer.UNCLEAR, Answer.UNCLEAR]) == Urgent(index=0, unclear=True)


def test_a_clear_answer_after_a_reask_moves_on_and_resets_the_reask():
    assert run([Answer.UNCLEAR, Answer.NO]) == AskQuestion(CheckState(index=1))
    assert run([Answer.UNCLEAR, Answer.NO, Answer.UNCLEAR]) == AskQuestion(
        CheckState(index=1, reasked=True)
    )


@given(st.lists(st.sampled_from(list(Answer)), min_size=1, max_size=30))
def test_never_all_clear_unless_every_sign_got_a_no(answers):
    step = NINE.start()
    given_answers = []
    for answer in answers:
        if not isinstance(step, AskQuestion):
            break
        given_answers.append(answer)
        step = NINE.answer(step.state, answer)
    if isinstance(step, AllClear):
        assert Answer.YES not in given_answers
        assert given_answers.count(Answer.NO) == 9
    if Answer.YES in given_answers:
        assert isinstance(step, Urgent) and not step.unclear


def test_state_round_trips_through_session_attributes():
    state = CheckState(index=4, reasked=True)
    assert CheckState.from_attributes(state.to_attributes(), 9) == state


def test_tampered_state_is_rejected_not_trusted():
    for raw in (
        None,
        "3",
        [],
        {},
        {"index": -1},
        {"index": 9},
        {"index": "2"},
        {"index": 2.0},
        {"index": True},
        {"index": 2, "reasked": "yes"},
        {"index": None},
    ):
        assert CheckState.from_attributes(raw, 9) is None, raw
