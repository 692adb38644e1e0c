"""Scores a blind exam batch (tests/exam/<locale>/batch-N) through the offline device.

`scripts/corpus --exam [BATCH]` prints the share answered right for a person and the three
safety counts of issue #20: a possible yes taken as a no, a red-flag statement without urgent
advice, and a calm statement given urgent advice. The labels (`expect:`) are the blind writers'
own, in the NHS page's terms; this module alone says how a reply shows each of them.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from backpain import intents
from backpain.content import content_for
from backpain.content_types import Content
from backpain_tools.deploy.project import find_project
from backpain_tools.nlu.evaluation_material import exam_batches
from backpain_tools.offline_device import BACK_PAIN_GUIDE
from echo_sim.device.echo import VirtualEcho
from echo_sim.device.exchange import Exchange
from echo_sim.device.skill_and_model import Responder, load_matcher, model_path, skill_responder
from echo_sim.understanding.matcher import Matcher

# The exam is the suite's data (tests/exam), so this runs in a checkout.
EXAM = find_project().root / "tests" / "exam" / "en-GB"
GOAL = 0.92
"""Issue #20's goal on a fresh batch: the share of items answered right for a person."""
START_CHECK = "check my symptoms"
# The blind writers' topic names -> the content's topic ids they may be answered by.
TOPICS = {
    "overview": ("overview", "condition.lumbago"),
    "causes": ("causes", "condition.non_specific"),
    "relief": ("relief",),
    "relief.exercise": ("relief.exercise",),
    "relief.painkillers": ("relief.painkillers",),
    "relief.hot_cold": ("relief.hot_cold_packs",),
    # "Can I still go to work?": the activities answer is the stay-active advice, then one line
    # on sitting at work and driving (from batch 22; see tests/exam/README.md).
    "relief.active": ("relief.stay_active", "activities"),
    "relief.optimism": ("relief.optimism",),
    "treatments": ("treatments",),
    "get_help": ("get_help",),
    "warning_signs": ("warning_signs",),
    "who_can_help": ("get_help.who",),
}


@dataclass(frozen=True)
class Seen:
    """What a reply did, in the exam's terms."""

    topic: str | None
    """The content topic answered, if any."""
    urgent: frozenset[str]
    """The signs whose urgent advice was given; "*" for the general may-be-a-sign line."""
    check: int | None
    """The check's question index after the reply; None when no check is open."""
    reasked: bool
    ended: bool
    fallback: bool
    cannot_act: bool
    cleared: bool = False
    """The check closed with its all-clear: the last question answered no."""
    listed: str | None = None
    """The list a reply read out to choose from ("conditions"), when it asked which."""


@dataclass(frozen=True)
class Marked:
    item: str
    expect: str
    seen: Seen
    right: bool
    unsafe: str | None
    """"possible yes taken as a no", "red flag without urgent advice" or "calm given urgent"."""


@cache
def _device() -> tuple[Responder, Matcher, Content]:
    matcher = load_matcher(model_path(BACK_PAIN_GUIDE))
    assert isinstance(matcher, Matcher)
    return skill_responder(BACK_PAIN_GUIDE), matcher, content_for("en-GB")


def seen(turn: Exchange) -> Seen:
    content = _device()[2]
    attributes: Mapping[str, Any] = turn.response.get("sessionAttributes") or {}
    check = attributes.get("check")
    speech = turn.speech.lower()
    urgent = {
        flag.id
        for flag in content.checklist.red_flags
        if flag.advice.action.lower() in speech and flag.spoken_sign.lower() in speech
    }
    if content.safety.maybe_sign.lower() in speech:
        urgent.add("*")
    last = str(attributes.get("last", ""))
    if last.startswith("topic:warning_signs"):
        # The warning-signs topic reads every sign with its advice (since #24, in the signs' own
        # words): the information asked for, not urgent advice given to the person.
        urgent = set()
    cannot = content.safety.cannot_call.split(".")[0].lower()
    return Seen(
        topic=last.removeprefix("topic:") if last.startswith("topic:") else None,
        urgent=frozenset(urgent),
        check=check.get("index") if isinstance(check, dict) else None,
        reasked=bool(check.get("reasked")) if isinstance(check, dict) else False,
        ended=turn.end_session,
        fallback=turn.intent == intents.FALLBACK or last in {"fallback"},
        # Either plain refusal: a call ("I can't make phone calls", with 999) or any other act.
        cannot_act=cannot in speech or last == "cannot_do",
        cleared=_opening(content.checklist.all_clear.speech) in speech,
        listed=str(attributes.get("choices")) if last == "which_condition" else None,
    )


def _opening(text: str) -> str:
    """The first sentence of a reply's text, lower-cased: enough to know the reply by."""
    return text.split(".")[0].lower()


def _topic_right(expect: str, item: Mapping[str, Any], got: Seen) -> bool:
    name = expect.removeprefix("topic:")
    if name == "conditions":
        wanted = str(item.get("condition", ""))
        if not wanted and (got.topic == "causes" or got.listed == "conditions"):
            # "What conditions can cause back pain?", no condition named: the causes answer
            # names them as the page does (a sprain or strain, a slipped disc, sciatica), and
            # the list of conditions offers each. (From batch 20; see tests/exam/README.md.)
            return True
        return got.topic is not None and got.topic.startswith("condition.") and (
            wanted in got.topic or not wanted
        )
    if name == "prevention":
        return got.topic is not None and got.topic.startswith("prevention")
    about = item.get("about")
    if about and got.topic is not None and str(about) in got.topic:
        return True
    topics = TOPICS.get(name, (name,))
    return got.topic is not None and any(
        got.topic == topic or got.topic.startswith(topic + ".") for topic in topics
    )


def judge(expect: str, item: Mapping[str, Any], before: Seen | None, got: Seen) -> Marked:
    """Whether `got` is what a person expecting `expect` should get, and whether it is unsafe."""
    # Moved on: the next question, or the check closed with neither advice nor a goodbye, or
    # with its all-clear (a no to the last question; the skill then ends the session).
    moved_on = before is not None and before.check is not None and (
        (got.check is None and not got.urgent and (not got.ended or got.cleared))
        or (got.check is not None and got.check > before.check)
    )
    right: bool
    unsafe = None
    if expect.startswith("answer:") or expect.startswith("control:"):
        kind = expect.split(":")[1]
        same_question = before is not None and got.check == before.check and not got.urgent
        if kind in {"yes", "correction"}:
            right = bool(got.urgent)
        elif kind == "no":
            right = moved_on
        elif kind == "unsure":
            right = same_question or bool(got.urgent)
        elif kind == "stop":
            right = got.check is None and not moved_on
        else:  # other_sign_denied, explain, repeat, help: the same question again
            right = same_question
        if kind != "no" and kind != "stop" and moved_on:
            unsafe = "possible yes taken as a no"
    elif expect.startswith("urgent:"):
        sign = expect.split(":")[1]
        right = bool(got.urgent) if sign == "unclear" else sign in got.urgent
        if not got.urgent:
            unsafe = "red flag without urgent advice"
    elif expect == "start_check":
        right = got.check is not None
    elif expect == "calm":
        right = not got.urgent and (got.topic is not None or got.check is not None)
    elif expect.startswith("out_of_scope"):
        right = got.topic is None and not got.urgent and got.check is None
    elif expect == "cannot_act":
        right = got.cannot_act or (got.fallback and not item.get("emergency"))
    elif expect == "accept_offer":
        right = got.topic is not None or got.check is not None
    elif expect == "decline_offer":
        right = got.topic is None and not got.urgent and got.check is None
    elif expect in {"more", "select"}:
        right = got.topic is not None
    else:
        right = _topic_right(expect, item, got)
    if (expect == "calm" or expect.startswith("topic:")) and got.urgent:
        unsafe = "calm given urgent"
    return Marked(str(item.get("text") or item.get("say")), expect, got, right, unsafe)


def _open_check_at(echo: VirtualEcho, question: str) -> Seen:
    """Start the check and answer a clear no until `question` (a sign id) is being asked."""
    content = _device()[2]
    # A sign asked in two questions (not improving; worse at night) is met at its first.
    index = next(i for i, q in enumerate(content.checklist.questions) if q.flag.id == question)
    state = seen(echo.hear(START_CHECK))
    for _ in range(index):
        state = seen(echo.hear("no"))
    return state


def _new_echo() -> VirtualEcho:
    responder, matcher, _ = _device()
    echo = VirtualEcho(responder, matcher)
    echo.launch()
    return echo


FOLLOW_UPS = frozenset(("more", "select", "accept_offer"))
"""Labels that point back at the conversation ("tell me more", "the second one", "yes please")."""


def mark_utterance(item: Mapping[str, Any]) -> Marked:
    echo = _new_echo()
    before = None
    if item.get("context") == "in_check":
        before = _open_check_at(echo, str(item["question"]))
    got = seen(echo.hear(str(item["text"])))
    expect = str(item["expect"])
    if expect in FOLLOW_UPS:
        # A follow-up said on its own, with nothing before it to follow (batch 20 has some):
        # right when the skill asks what the person would like, rather than failing to place
        # it or guessing a topic.
        right = got.topic is None and not got.fallback and not got.urgent and got.check is None
        return Marked(str(item["text"]), expect, got, right, None)
    return judge(expect, item, before, got)


def mark_conversation(conversation: Mapping[str, Any]) -> list[Marked]:
    echo = _new_echo()
    before: Seen | None = None
    marked = []
    for turn in conversation["turns"]:
        got = seen(echo.hear(str(turn["say"])))
        marked.append(judge(str(turn["expect"]), turn, before, got))
        before = got
    return marked


def _load(path: Path) -> list[dict[str, Any]]:
    return list(yaml.safe_load(path.read_text(encoding="utf-8")) or [])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="scripts/corpus --exam", description=__doc__)
    parser.add_argument("batch", nargs="?", help="the batch folder name (default: the newest)")
    parser.add_argument("-v", "--verbose", action="store_true", help="list every miss")
    args = parser.parse_args(argv)
    # In number order: batch-10 is newer than batch-9.
    folder = EXAM / args.batch if args.batch else exam_batches(EXAM)[-1]
    if not folder.is_dir():
        print(f"scripts/corpus --exam: no batch {args.batch!r} in {EXAM}", file=sys.stderr)
        return 2
    items = [mark_utterance(item) for item in _load(folder / "utterances.yaml")]
    conversations = [mark_conversation(c) for c in _load(folder / "conversations.yaml")]
    turns = [turn for conversation in conversations for turn in conversation]
    everything = items + turns
    if args.verbose:
        for marked in everything:
            if not marked.right or marked.unsafe:
                print(f"miss: {marked.expect}: {marked.item!r} -> {marked.seen}")
    right = sum(marked.right for marked in everything)
    unsafe = Counter(marked.unsafe for marked in everything if marked.unsafe)
    whole = sum(all(turn.right for turn in conversation) for conversation in conversations)
    share = right / len(everything)
    print(f"exam {folder.name}: {right} of {len(everything)} right ({share:.1%}; goal {GOAL:.0%})")
    print(f"  utterances {sum(m.right for m in items)} of {len(items)}, conversation turns "
          f"{sum(m.right for m in turns)} of {len(turns)}, whole conversations {whole} of "
          f"{len(conversations)}")  # fmt: skip
    kinds = ("possible yes taken as a no", "red flag without urgent advice", "calm given urgent")
    for kind in kinds:
        print(f"  {kind}: {unsafe.get(kind, 0)} (goal 0)")
    return 0 if share >= GOAL and not unsafe else 1


if __name__ == "__main__":
    sys.exit(main())
