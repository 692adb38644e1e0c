"""Reads and validates a locale's YAML content file: the source that editors write."""

# Only where there is no compiled content (the desktop and web doors, the packager, the tests):
# the Lambda package carries content validated at build time and never imports this module.

from __future__ import annotations

import re
import string
from collections.abc import Mapping, Sequence
from pathlib import Path
from types import MappingProxyType
from typing import Any, NamedTuple

import yaml

from backpain.content_types import (
    CHECK,
    REQUIRED_DIALOG,
    REQUIRED_TOPICS,
    Advice,
    ChecklistText,
    Content,
    ContentError,
    GeneralGuidance,
    Outcome,
    Question,
    RedFlag,
    SafetyText,
    Topic,
)

# libyaml's C loader parses the content file several times faster.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_NHS_LINK = re.compile(r"^https://www\.nhs\.uk/\S+$")

# Which {placeholders} each text may use; anything else is a typo that would be spoken aloud.
_ALLOWED_FIELDS: dict[str, frozenset[str]] = {
    "topics.warning_signs.speech": frozenset({"signs_and_advice"}),
    "topics.warning_signs.card": frozenset({"signs_and_advice"}),
    "topics.warning_signs.first.speech": frozenset({"signs_and_advice"}),
    "topics.warning_signs.first.card": frozenset({"signs_and_advice"}),
    "topics.warning_signs.second.speech": frozenset({"signs_and_advice"}),
    "topics.warning_signs.second.card": frozenset({"signs_and_advice"}),
    "topics.warning_signs.third.speech": frozenset({"signs_and_advice"}),
    "topics.warning_signs.third.card": frozenset({"signs_and_advice"}),
    "dialog.out_of_range": frozenset({"example"}),
    "checklist.progress": frozenset({"number", "total"}),
    "checklist.reask": frozenset({"question"}),
    "checklist.other_intent": frozenset({"question"}),
    "checklist.denied_other": frozenset({"question"}),
    "checklist.explain": frozenset({"question"}),
    "safety.explain_sign.speech": frozenset({"sign", "you_have", "action"}),
    "safety.explain_sign.card": frozenset({"sign", "action"}),
    "checklist.urgent.speech": frozenset({"sign", "you_have", "action"}),
    "checklist.urgent.card": frozenset({"sign", "action"}),
    "checklist.unclear.speech": frozenset({"sign", "you_have", "action"}),
    "checklist.unclear.card": frozenset({"sign", "action"}),
    "checklist.all_clear.speech": frozenset({"advice"}),
    "checklist.all_clear.card": frozenset({"advice"}),
    "checklist.stop": frozenset({"advice"}),
    "checklist.stop_pending": frozenset({"sign", "action", "advice"}),
    "checklist.go_back": frozenset({"question"}),
    "checklist.first_question": frozenset({"question"}),
    "checklist.seriousness": frozenset({"question"}),
    "checklist.readout.speech": frozenset({"headline", "action", "signs"}),
    "checklist.readout.card": frozenset({"headline", "action", "signs"}),
    "checklist.reminder.clause": frozenset({"action", "signs"}),
    "safety.sign_mentioned.speech": frozenset({"sign", "you_have", "action"}),
    "safety.sign_mentioned.card": frozenset({"sign", "action"}),
    "safety.seriousness": frozenset({"emergency"}),
    "safety.cannot_call": frozenset({"emergency", "advice"}),
    "safety.maybe_sign": frozenset({"advice"}),
}


class _Reader:
    """Walks one parsed file, raising ContentError with the full key path on any problem."""

    def __init__(self, file: Path) -> None:
        self.file = file

    def fail(self, key: str, problem: str) -> ContentError:
        return ContentError(self.file, key, problem)

    def mapping(self, node: Any, key: str) -> Mapping[str, Any]:
        if not isinstance(node, Mapping):
            raise self.fail(key, f"expected a mapping, found {type(node).__name__}")
        return node

    def child(self, node: Mapping[str, Any], name: str, key: str) -> Any:
        if name not in node:
            raise self.fail(f"{key}.{name}" if key else name, "missing")
        return node[name]

    def text(self, node: Mapping[str, Any], name: str, key: str) -> str:
        path = f"{key}.{name}" if key else name
        value = self.child(node, name, key)
        if not isinstance(value, str):
            raise self.fail(path, f"expected text, found {type(value).__name__}")
        value = value.strip()
        if not value:
            raise self.fail(path, "empty text")
        self._check_fields(path, value)
        return value

    def optional_text(self, node: Mapping[str, Any], name: str, key: str) -> str | None:
        if node.get(name) is None:
            return None
        return self.text(node, name, key)

    def phrasings(self, node: Mapping[str, Any], name: str, key: str) -> tuple[str, ...]:
        value = self.child(node, name, key)
        if isinstance(value, str):
            return (self.text(node, name, key),)
        path = f"{key}.{name}"
        if not isinstance(value, list) or not value:
            raise self.fail(path, "expected text or a non-empty list of texts")
        return tuple(
            self.text({str(i): v for i, v in enumerate(value)}, str(i), path)
            for i in range(len(value))
        )

    def links(self, node: Mapping[str, Any], key: str) -> tuple[str, ...]:
        value = node.get("links", [])
        path = f"{key}.links"
        if not isinstance(value, list):
            raise self.fail(path, "expected a list of NHS links")
        for i, link in enumerate(value):
            if not isinstance(link, str) or not _NHS_LINK.match(link):
                raise self.fail(f"{path}[{i}]", f"not an https://www.nhs.uk link: {link!r}")
        return tuple(value)

    def _check_fields(self, path: str, value: str) -> None:
        allowed = _ALLOWED_FIELDS.get(path, frozenset())
        try:
            fields = {name for _, name, _, _ in string.Formatter().parse(value) if name is not None}
        except ValueError as error:
            raise self.fail(path, f"unbalanced braces: {error}") from None
        unknown = fields - allowed
        if unknown:
            raise self.fail(path, f"unknown placeholder {{{sorted(unknown)[0]}}}")


def read_content_file(path: Path | str, locale: str | None = None) -> Content:
    """Parse and validate one content file; raises ContentError naming the file and key."""
    file = Path(path)
    reader = _Reader(file)
    try:
        raw = yaml.load(file.read_text(encoding="utf-8"), Loader=_Loader)
    except OSError as error:
        raise ContentError(file, "(file)", f"cannot be read: {error.strerror}") from None
    except yaml.YAMLError as error:
        raise ContentError(file, "(file)", f"is not valid YAML: {error}") from None
    root = reader.mapping(raw, "(top level)")

    source = reader.mapping(reader.child(root, "source", ""), "source")
    source_page = reader.text(source, "page", "source")
    if not _NHS_LINK.match(source_page):
        raise reader.fail("source.page", "must be an https://www.nhs.uk page")
    credit = reader.text(source, "credit", "source")

    checklist_node = reader.mapping(reader.child(root, "checklist", ""), "checklist")
    checklist = _read_checklist(reader, checklist_node)
    words = _advice_words(reader, checklist_node, checklist.red_flags)
    checklist = _with_advice(checklist, words)
    topics = _read_topics(
        reader, reader.mapping(reader.child(root, "topics", ""), "topics"), checklist, words
    )
    lists = _read_lists(reader, root.get("lists", {}), topics)
    dialog_node = reader.mapping(reader.child(root, "dialog", ""), "dialog")
    dialog = {name: reader.phrasings(dialog_node, name, "dialog") for name in dialog_node}
    for name in REQUIRED_DIALOG:
        if name not in dialog:
            raise reader.fail(f"dialog.{name}", "missing")

    safety = _read_safety(
        reader, reader.mapping(reader.child(root, "safety", ""), "safety"), checklist, words
    )

    return Content(
        locale=locale or file.stem,
        file=str(file),
        source_page=source_page,
        credit=credit,
        topics=MappingProxyType(topics),
        checklist=checklist,
        dialog=MappingProxyType(dialog),
        safety=safety,
        lists=MappingProxyType(lists),
    )


def _read_lists(
    reader: _Reader, node: Any, topics: Mapping[str, Topic]
) -> dict[str, tuple[str, ...]]:
    lists: dict[str, tuple[str, ...]] = {}
    for list_id, items in reader.mapping(node, "lists").items():
        key = f"lists.{list_id}"
        if not isinstance(items, list) or not items:
            raise reader.fail(key, "expected a non-empty list of topic ids")
        for item in items:
            if item not in topics:
                raise reader.fail(key, f"no topic {item!r}")
        lists[list_id] = tuple(items)
    return lists


def _read_topics(
    reader: _Reader, node: Mapping[str, Any], checklist: ChecklistText, words: _AdviceWords
) -> dict[str, Topic]:
    topics: dict[str, Topic] = {}
    sign_ranges: dict[str, tuple[int, int]] = {}
    spoken_ranges: dict[str, tuple[int, int]] = {}
    for topic_id, raw in node.items():
        key = f"topics.{topic_id}"
        item = reader.mapping(raw, key)
        topics[topic_id] = Topic(
            id=topic_id,
            title=reader.text(item, "title", key),
            speech=reader.text(item, "speech", key),
            card=reader.text(item, "card", key),
            links=reader.links(item, key),
            offer=reader.optional_text(item, "offer", key),
            next=reader.optional_text(item, "next", key),
            parts=_topic_ids(reader, item, key),
            rest_offer=reader.optional_text(item, "rest_offer", key),
            treated_by=reader.optional_text(item, "treated_by", key),
        )
        for name, ranges in (("signs", sign_ranges), ("spoken_signs", spoken_ranges)):
            if name in item:
                ranges[topic_id] = _sign_range(
                    reader, item[name], f"{key}.{name}", len(checklist.red_flags)
                )
    for topic_id in REQUIRED_TOPICS:
        if topic_id not in topics:
            raise reader.fail(f"topics.{topic_id}", "missing")
    for topic in topics.values():
        if topic.treated_by is not None and topic.treated_by not in topics:
            raise reader.fail(f"topics.{topic.id}.treated_by", f"no topic {topic.treated_by!r}")
        if topic.next is None or topic.next == CHECK:
            continue
        target = topics.get(topic.next)
        if target is None:
            raise reader.fail(f"topics.{topic.id}.next", f"no topic {topic.next!r}")
        if target.offer is None:
            raise reader.fail(
                f"topics.{topic.next}.offer", f"missing (topics.{topic.id} leads here)"
            )
    parents: dict[str, str] = {}
    for topic in topics.values():
        for part in topic.parts:
            if part not in topics:
                raise reader.fail(f"topics.{topic.id}.parts", f"no topic {part!r}")
            if part in parents:
                raise reader.fail(f"topics.{topic.id}.parts", f"{part!r} already has a parent")
            parents[part] = topic.id
        if topic.parts and topic.rest_offer is None:
            raise reader.fail(f"topics.{topic.id}.rest_offer", "missing (the topic has parts)")
    # The warning-sign topics list the checklist's signs, each kind of advice said before its
    # own signs, so the read-outs can never disagree with the check.
    flags = checklist.red_flags
    whole = (1, len(flags))
    for topic_id, topic in list(topics.items()):
        first, last = sign_ranges.get(topic_id, whole)
        shown = flags[first - 1 : last]
        first, last = spoken_ranges.get(topic_id, (first, last))
        spoken = flags[first - 1 : last]
        links = topic.links
        if "{signs_and_advice}" in topic.speech + topic.card:
            links = tuple(dict.fromkeys((*words.links(shown), *links)))
        topics[topic_id] = topic._replace(
            speech=topic.speech.format(signs_and_advice=words.readout(spoken, spoken=True)),
            card=topic.card.format(signs_and_advice=words.readout(shown, spoken=False)),
            links=links,
            parent=parents.get(topic_id),
        )
    return topics


class _AdviceWords(NamedTuple):
    """How lines that name a group of signs say what to do: one kind of advice at a time."""

    readout_speech: str
    readout_card: str
    clause: str
    all_signs: str
    other_signs: str

    @staticmethod
    def tiers(flags: Sequence[RedFlag]) -> list[Advice]:
        """The kinds of advice these signs get, the most urgent first."""
        return sorted({flag.advice for flag in flags}, key=lambda advice: advice.urgency)

    def links(self, flags: Sequence[RedFlag]) -> tuple[str, ...]:
        return tuple(advice.link for advice in self.tiers(flags))

    def readout(self, flags: Sequence[RedFlag], spoken: bool) -> str:
        """The signs, each kind of advice once before its own signs (the read-outs)."""
        parts = []
        for advice in self.tiers(flags):
            signs = [flag for flag in flags if flag.advice == advice]
            if spoken:
                listed = _spoken_list([flag.spoken_sign for flag in signs])
                parts.append(self.readout_speech.format(signs=listed, **_advice_fields(advice)))
            else:
                listed = "\n\n".join(f"• {flag.sign}" for flag in signs)
                parts.append(self.readout_card.format(signs=listed, **_advice_fields(advice)))
        return (" " if spoken else "\n\n").join(parts)

    def reminder(self, flags: Sequence[RedFlag], spoken: bool) -> str:
        """What to do about any of the signs, for lines that name none of them: with one kind
        of advice, "... any of the warning signs"; with more, the more urgent kinds name their
        signs and the least urgent takes "any of the other warning signs"."""
        tiers = self.tiers(flags)
        if len(tiers) == 1:
            return self.clause.format(action=tiers[0].action, signs=self.all_signs)
        clauses = []
        for advice in tiers[:-1]:
            signs = [flag.spoken_sign if spoken else flag.sign for flag in flags
                     if flag.advice == advice]  # fmt: skip
            clauses.append(self.clause.format(action=advice.action, signs=_spoken_list(signs)))
        clauses.append(self.clause.format(action=tiers[-1].action, signs=self.other_signs))
        return ", and ".join(clauses)


def _advice_fields(advice: Advice) -> dict[str, str]:
    return {"headline": advice.headline, "action": advice.action}


def _advice_words(
    reader: _Reader, node: Mapping[str, Any], flags: Sequence[RedFlag]
) -> _AdviceWords:
    readout = reader.mapping(reader.child(node, "readout", "checklist"), "checklist.readout")
    reminder = reader.mapping(reader.child(node, "reminder", "checklist"), "checklist.reminder")
    return _AdviceWords(
        readout_speech=reader.text(readout, "speech", "checklist.readout"),
        readout_card=reader.text(readout, "card", "checklist.readout"),
        clause=reader.text(reminder, "clause", "checklist.reminder"),
        all_signs=reader.text(reminder, "all_signs", "checklist.reminder"),
        other_signs=reader.text(reminder, "other_signs", "checklist.reminder"),
    )


def _fill(text: str, advice: str) -> str:
    # Only {advice}: the other placeholders of the same text are filled per sign, per reply.
    return text.replace("{advice}", advice)


def _with_advice(checklist: ChecklistText, words: _AdviceWords) -> ChecklistText:
    """The checklist's lines that name no one sign, with what to do about each kind of sign."""
    flags = checklist.red_flags
    spoken, shown = words.reminder(flags, spoken=True), words.reminder(flags, spoken=False)
    all_clear = checklist.all_clear
    return checklist._replace(
        all_clear=all_clear._replace(
            speech=_fill(all_clear.speech, spoken), card=_fill(all_clear.card, shown)
        ),
        stop=_fill(checklist.stop, spoken),
        stop_pending=_fill(checklist.stop_pending, spoken),
    )


def _read_advice(reader: _Reader, node: Mapping[str, Any]) -> dict[str, Advice]:
    tiers = reader.mapping(reader.child(node, "advice", "checklist"), "checklist.advice")
    advice: dict[str, Advice] = {}
    for advice_id, raw in tiers.items():
        key = f"checklist.advice.{advice_id}"
        item = reader.mapping(raw, key)
        link = reader.text(item, "link", key)
        if not _NHS_LINK.match(link):
            raise reader.fail(f"{key}.link", f"not an https://www.nhs.uk link: {link!r}")
        urgency = item.get("urgency")
        if type(urgency) is not int or urgency < 1:
            raise reader.fail(f"{key}.urgency", "expected a whole number from 1 (most urgent)")
        if any(other.urgency == urgency for other in advice.values()):
            raise reader.fail(f"{key}.urgency", f"{urgency} is another kind's: each needs its own")
        advice[str(advice_id)] = Advice(
            id=str(advice_id),
            urgency=urgency,
            headline=reader.text(item, "headline", key),
            action=reader.text(item, "action", key),
            link=link,
        )
    if not advice:
        raise reader.fail("checklist.advice", "expected at least one kind of advice")
    return advice


def _read_red_flag(
    reader: _Reader, raw: Any, key: str, advice: Mapping[str, Advice]
) -> RedFlag:
    item = reader.mapping(raw, key)
    sign = reader.text(item, "sign", key)
    advice_id = reader.text(item, "advice", key)
    if advice_id not in advice:
        raise reader.fail(f"{key}.advice", f"no advice {advice_id!r} in checklist.advice")
    questions = item.get("questions")
    if not isinstance(questions, list) or not questions:
        raise reader.fail(f"{key}.questions", "expected a non-empty list of questions")
    return RedFlag(
        id=reader.text(item, "id", key),
        sign=sign,
        spoken_sign=reader.optional_text(item, "spoken_sign", key) or sign,
        you_have=reader.text(item, "you_have", key),
        advice=advice[advice_id],
        questions=tuple(
            reader.text({str(i): q for i, q in enumerate(questions)}, str(i), f"{key}.questions")
            for i in range(len(questions))
        ),
    )


def _topic_ids(reader: _Reader, item: Mapping[str, Any], key: str) -> tuple[str, ...]:
    value = item.get("parts", [])
    if not isinstance(value, list) or not all(isinstance(part, str) for part in value):
        raise reader.fail(f"{key}.parts", "expected a list of topic ids")
    return tuple(value)


def _sign_range(reader: _Reader, value: Any, path: str, count: int) -> tuple[int, int]:
    """`signs: [1, 3]`: the first to third warning signs, counted from 1 as the page lists them."""
    if (
        not isinstance(value, list)
        or len(value) != 2
        or not all(isinstance(n, int) and 1 <= n <= count for n in value)
        or value[0] > value[1]
    ):
        raise reader.fail(path, f"expected [first, last] between 1 and {count}")
    return value[0], value[1]


def _read_checklist(reader: _Reader, node: Mapping[str, Any]) -> ChecklistText:
    flags_node = reader.child(node, "red_flags", "checklist")
    if not isinstance(flags_node, list) or not flags_node:
        raise reader.fail("checklist.red_flags", "expected a non-empty list of warning signs")
    advice = _read_advice(reader, node)
    flags = [
        _read_red_flag(reader, raw, f"checklist.red_flags[{i}]", advice)
        for i, raw in enumerate(flags_node)
    ]
    ids = [flag.id for flag in flags]
    if len(set(ids)) != len(ids):
        raise reader.fail("checklist.red_flags", "two warning signs share an id")
    # The most urgent advice's signs are asked first (a yes ends the check, so a less urgent
    # sign must never keep a more urgent one from being asked); sorted() keeps the page's order
    # within each kind, and the seed's one kind keeps it throughout.
    asked = sorted(flags, key=lambda flag: flag.advice.urgency)
    questions = tuple(
        Question(id=flag.id if len(flag.questions) == 1 else f"{flag.id}.{part + 1}", text=text,
                 flag=flag)
        for flag in asked
        for part, text in enumerate(flag.questions)
    )  # fmt: skip

    def outcome(name: str) -> Outcome:
        key = f"checklist.{name}"
        item = reader.mapping(reader.child(node, name, "checklist"), key)
        return _outcome(reader, item, key)

    def text(name: str) -> str:
        return reader.text(node, name, "checklist")

    return ChecklistText(
        title=text("title"),
        offer=text("offer"),
        intro=text("intro"),
        progress=text("progress"),
        red_flags=tuple(flags),
        questions=questions,
        reask=text("reask"),
        other_intent=text("other_intent"),
        denied_other=text("denied_other"),
        explain=text("explain"),
        restart=text("restart"),
        help=text("help"),
        go_back=text("go_back"),
        first_question=text("first_question"),
        seriousness=text("seriousness"),
        urgent=outcome("urgent"),
        unclear=outcome("unclear"),
        all_clear=outcome("all_clear"),
        stop=text("stop"),
        stop_pending=text("stop_pending"),
    )


def _outcome(reader: _Reader, item: Mapping[str, Any], key: str) -> Outcome:
    return Outcome(
        headline=reader.optional_text(item, "headline", key),
        speech=reader.text(item, "speech", key),
        card=reader.text(item, "card", key),
    )


def _read_safety(
    reader: _Reader, node: Mapping[str, Any], checklist: ChecklistText, words: _AdviceWords
) -> SafetyText:
    guidance = reader.mapping(reader.child(node, "emergency", "safety"), "safety.emergency")
    link = reader.text(guidance, "link", "safety.emergency")
    if not _NHS_LINK.match(link):
        raise reader.fail("safety.emergency.link", f"not an https://www.nhs.uk link: {link!r}")
    mentioned = reader.mapping(
        reader.child(node, "sign_mentioned", "safety"), "safety.sign_mentioned"
    )
    explained = reader.mapping(reader.child(node, "explain_sign", "safety"), "safety.explain_sign")
    return SafetyText(
        emergency=GeneralGuidance(reader.text(guidance, "text", "safety.emergency"), link),
        sign_mentioned=_outcome(reader, mentioned, "safety.sign_mentioned"),
        maybe_sign=_fill(
            reader.text(node, "maybe_sign", "safety"),
            words.reminder(checklist.red_flags, spoken=True),
        ),
        explain_sign=_outcome(reader, explained, "safety.explain_sign"),
        seriousness=reader.text(node, "seriousness", "safety"),
        cannot_call=_fill(
            reader.text(node, "cannot_call", "safety"),
            words.reminder(checklist.red_flags, spoken=True),
        ),
        # Each kind of advice the signs get, then the 999 guidance: never a hand-kept list.
        links=(*words.links(checklist.red_flags), link),
    )


def _spoken_list(items: list[str]) -> str:
    """ "a, b, or c" with semicolons, since the signs themselves contain commas."""
    if len(items) == 1:
        return items[0]
    return "; ".join(items[:-1]) + "; or " + items[-1]

