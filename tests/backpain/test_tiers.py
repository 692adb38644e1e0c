"""Every line that names what to do follows the sign's advice tier, in the content running and in
the two-tier test edition; the check asks the most urgent tier's signs first."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from backpain.content import content_for, load_content
from backpain.content_types import Advice, Content
from backpain.conversation import Conversation, replies_of
from backpain.warning_sign_check import AllClear, CheckState, Urgent
from tests.editions import build_edition


@pytest.fixture(scope="module")
def two_tier(tmp_path_factory) -> Content:
    folder = tmp_path_factory.mktemp("two-tier")
    return load_content(build_edition("two-tier", Path(folder)), "en-GB")


@pytest.fixture(scope="module", params=["running", "two-tier"])
def content(request, two_tier) -> Content:
    """The content the suite runs on (the seed, or the edition given by --edition), and the
    two-tier edition in every run, so the main pass checks tiers as well."""
    return content_for("en-GB") if request.param == "running" else two_tier


def tiers(content: Content) -> list[Advice]:
    return sorted({flag.advice for flag in content.checklist.red_flags}, key=lambda a: a.urgency)


def texts(content: Content) -> Iterator[tuple[str, str]]:
    """Every spoken line, reprompt, card and screen text the content gives."""
    for key, reply in replies_of(content):
        yield key, reply.speech
        if reply.reprompt:
            yield f"{key}.reprompt", reply.reprompt
        if reply.card is not None:
            yield f"{key}.card", reply.card.text
        if reply.screen is not None:
            for field in ("headline", "text", "question"):
                value = reply.screen.data.get(field)
                if isinstance(value, str) and value:
                    yield f"{key}.screen.{field}", value


def action_mentions(content: Content, text: str) -> list[tuple[Advice, str]]:
    """Each place `text` names a tier's action, with what follows it up to the next one."""
    lowered = text.lower()
    found = []
    for advice in tiers(content):
        for words in {advice.action.lower(), advice.headline.lower()}:
            found += [(m.start(), advice) for m in re.finditer(re.escape(words), lowered)]
    found.sort(key=lambda pair: pair[0])
    if not found:
        return []
    ends = [start for start, _ in found[1:]] + [len(lowered)]
    return [(advice, lowered[start:end]) for (start, advice), end in zip(found, ends, strict=True)]


def wrong_tiers(content: Content, key: str, text: str) -> list[str]:
    problems = []
    everyone = tiers(content)
    for advice, following in action_mentions(content, text):
        named = [
            flag for flag in content.checklist.red_flags
            if flag.spoken_sign.lower() in following or flag.sign.lower() in following
        ]  # fmt: skip
        for flag in named:
            if flag.advice != advice:
                problems.append(f"{key}: {advice.action!r} for {flag.id} ({flag.advice.id})")
        if "any of the other warning signs" in following:
            if advice != everyone[-1]:
                problems.append(f"{key}: {advice.action!r} for the other signs")
        elif "any of the warning signs" in following or "any of nine" in following:
            if len(everyone) > 1:
                problems.append(f"{key}: {advice.action!r} for every sign, with two tiers")
        elif not named and "screen.headline" not in key:
            problems.append(f"{key}: {advice.action!r} names no sign: {following[:80]!r}")
    return problems


def test_no_line_names_an_action_that_differs_from_its_signs_tier(content):
    problems = [p for key, text in texts(content) for p in wrong_tiers(content, key, text)]
    assert not problems, "\n".join(problems)


def test_the_tier_check_catches_a_stale_line(two_tier):
    # What the audit found: the read-outs kept the seed's words after a re-tiering.
    stale = "Contact your GP or NHS 111 immediately if you have back pain and chest pain."
    assert wrong_tiers(two_tier, "stale", stale) == [
        "stale: 'contact your GP or NHS 111 immediately' for chest_pain (a_and_e)"
    ]


def test_every_urgent_screen_shows_its_signs_tier(content):
    said = Conversation(content)
    for index, question in enumerate(content.checklist.questions):
        for unclear in (False, True):
            reply = said.check_step(Urgent(index, unclear=unclear)).reply
            assert reply.screen is not None
            assert reply.screen.data["headline"] == question.flag.advice.headline
            assert question.flag.advice.link in reply.card.text


def test_the_most_urgent_tiers_signs_are_asked_first_each_in_the_pages_order(content):
    asked = [q.flag for q in content.checklist.questions]
    urgencies = [flag.advice.urgency for flag in asked]
    assert urgencies == sorted(urgencies)
    page = list(content.checklist.red_flags)
    for advice in tiers(content):
        mine = [flag for flag in dict.fromkeys(asked) if flag.advice == advice]
        assert mine == [flag for flag in page if flag.advice == advice]


def test_the_seeds_single_tier_keeps_the_pages_order():
    content = content_for("en-GB")
    if len(tiers(content)) > 1:
        pytest.skip("the running edition has more than one tier")
    assert list(dict.fromkeys(q.flag for q in content.checklist.questions)) == list(
        content.checklist.red_flags
    )


def test_the_two_tier_edition_asks_its_999_signs_first(two_tier):
    first = [q.flag.id for q in two_tier.checklist.questions[:2]]
    assert first == ["bladder_bowel_control", "chest_pain"]
    assert two_tier.checklist.questions[0].flag.advice.headline == "Call 999 or go to A&E"


def test_the_read_outs_stop_all_clear_and_cannot_call_name_each_tier(two_tier):
    said = Conversation(two_tier)
    stop = said.check_stop().reply.speech
    assert "call 999 or go to A&E if you have back pain and loss of bladder" in stop
    assert "contact your GP or NHS 111 immediately if you have back pain and any of the other" in (
        stop
    )
    group = two_tier.topic("warning_signs.first")
    assert "Call 999 or go to A&E if you have back pain and loss of bladder" in group.speech
    assert "when-to-go-to-ae" in " ".join(group.links)
    assert "call 999 or go to A&E" in said.cannot_call().reply.speech
    all_clear = said.check_step(AllClear()).reply
    assert "call 999 or go to A&E" in all_clear.speech
    assert "when-to-go-to-ae" in all_clear.card.text


def test_stop_with_an_answer_pending_gives_that_signs_tier(content):
    said = Conversation(content)
    for index, question in enumerate(content.checklist.questions):
        speech = said.check_stop(CheckState(index=index, reasked=True)).reply.speech
        expected = f"{question.flag.advice.action} if you have back pain and "
        assert expected + question.flag.spoken_sign in speech
