"""No symptom answer can be read from the logs, even at DEBUG."""

from __future__ import annotations

import logging
import re

import pytest

from backpain import intents
from backpain.content import content_for

FLAGS = content_for("en-GB").checklist.red_flags


@pytest.mark.parametrize(
    "answers", [["no"] * 10, ["no", "no", "no", "yes"], ["no", "unclear", "unclear"]]
)
def test_a_whole_check_leaves_no_answer_in_the_logs(talk, caplog, answers):
    caplog.set_level(logging.DEBUG)
    talk.launch()
    talk.intent(intents.CHECK)
    checking_from = len(caplog.records)
    answer_intents = {
        "yes": intents.YES,
        "no": intents.NO,
        "unclear": intents.FALLBACK,
    }
    for answer in answers:
        talk.intent(answer_intents[answer])
    text = "\n".join(record.getMessage() for record in caplog.records)
    check_lines = "\n".join(r.getMessage() for r in caplog.records[checking_from:])
    assert "request_id=" in text, "requests are still logged"
    for leak in (
        "YesIntent",
        "NoIntent",
        "FallbackIntent",
        "urgent",
        "all clear",
        "Urgent",
        "AllClear",
        "index",
    ):
        assert leak not in check_lines, f"{leak!r} appears in the logs during the check"
    for flag in FLAGS:
        assert flag.sign not in text
        assert not any(question in text for question in flag.questions)
    # Each line during the check is the same shape whatever the answer.
    shapes = {re.sub(r"request_id=\S+|ms=\S+", "", line) for line in check_lines.splitlines()}
    assert shapes == {" type=IntentRequest intent=(withheld during the check) "}


def test_an_error_mid_check_logs_no_traceback_or_message(talk, caplog, monkeypatch):
    from backpain.conversation import Conversation

    def explode(self, step):
        raise RuntimeError("AMAZON.YesIntent at question 3")

    monkeypatch.setattr(Conversation, "check_step", explode)
    caplog.set_level(logging.DEBUG)
    talk.intent(intents.CHECK)
    said = talk.intent(intents.YES)
    assert "something went wrong" in said.speech
    first = content_for("en-GB").checklist.questions[0].text
    assert first in said.speech, "the apology re-asks the same question"
    text = "\n".join(r.getMessage() for r in caplog.records)
    assert "YesIntent" not in text and "question 3" not in text
    assert all(r.exc_info is None for r in caplog.records)


def test_outside_the_check_intent_names_are_logged(talk, caplog):
    caplog.set_level(logging.INFO)
    talk.intent(intents.CAUSES)
    assert "intent=CausesIntent" in caplog.text
