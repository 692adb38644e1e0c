"""Loads and validates the per-locale content files once per process."""

from __future__ import annotations

import functools
import re
import string
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import MappingProxyType
from typing import Any

import yaml

LOCALE_DIR = Path(__file__).resolve().parent / "locale"
DEFAULT_LOCALE = "en-GB"
CHECK = "check"
"""The `next` value that leads to the spoken warning-sign check rather than a topic."""

# libyaml's C loader parses the content file several times faster: it matters for cold starts.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_NHS_LINK = re.compile(r"^https://www\.nhs\.uk/\S+$")


class ContentError(Exception):
    """A content file that cannot be used; names the file and the key so an editor can fix it."""

    def __init__(self, file: Path | str, key: str, problem: str) -> None:
        super().__init__(f"{file}: {key}: {problem}")
        self.file = str(file)
        self.key = key
        self.problem = problem


@dataclass(frozen=True)
class Topic:
    """One thing the skill can tell you about, as in the NHS page."""

    id: str
    title: str
    speech: str
    """What is said aloud: short enough to speak in about 30 seconds."""
    card: str
    """The fuller NHS text for the Alexa app card and the screen."""
    links: tuple[str, ...]
    """NHS pages from the seed that this topic draws on."""
    offer: str | None
    """The question asked when another topic leads here ("Would you like to hear ...?")."""
    next: str | None
    """The topic id (or CHECK) that a "yes" after this topic leads to."""
    parts: tuple[str, ...] = ()
    """Topic ids of the addressable parts this topic names, in the order it names them: "the
    second one" picks parts[1], and "tell me more" goes down into them."""
    rest_offer: str | None = None
    """The question after one of its parts is answered on its own ("... the other tips?")."""
    parent: str | None = None
    """The topic that lists this one among its parts (set by the loader)."""


@dataclass(frozen=True)
class Advice:
    """What to do about a warning sign: a clinician assigns each sign one of these in content."""

    id: str
    headline: str
    """The screen's banner, shown large ("Contact your GP or NHS 111 immediately")."""
    action: str
    """Fills "You should {action} if you have back pain and ..."."""
    link: str
    """The NHS page about this kind of help, shown on the card."""


@dataclass(frozen=True)
class RedFlag:
    """A warning sign that needs urgent advice, asked about in one or more yes/no questions."""

    id: str
    sign: str
    """The NHS wording, as written on the page (shown on cards)."""
    spoken_sign: str
    """The same sign worded for speech (no "38C (100.4F)")."""
    you_have: str
    """The sign said back to the listener: "you have chest pain", "your back pain started ..."."""
    advice: Advice
    questions: tuple[str, ...]
    """Each asks one thing in positive form, so that yes always means "I have this"."""


@dataclass(frozen=True)
class Question:
    """One question of the check, in the order asked."""

    id: str
    """Unique in the check; screen buttons send it so a late tap cannot answer another one."""
    text: str
    flag: RedFlag


@dataclass(frozen=True)
class Outcome:
    """How the check ends: spoken and shown."""

    headline: str | None
    """The screen's banner, shown large; None where the sign's advice gives it."""
    speech: str
    card: str


@dataclass(frozen=True)
class ChecklistText:
    """Everything the warning-sign check says around its questions."""

    title: str
    offer: str
    intro: str
    progress: str
    red_flags: tuple[RedFlag, ...]
    questions: tuple[Question, ...]
    """Every question of every sign, in the order asked."""
    reask: str
    other_intent: str
    restart: str
    help: str
    go_back: str
    first_question: str
    seriousness: str
    urgent: Outcome
    unclear: Outcome
    all_clear: Outcome
    stop: str


@dataclass(frozen=True)
class GeneralGuidance:
    """A line of general NHS guidance that is not on the back pain page, with its own source."""

    text: str
    link: str


@dataclass(frozen=True)
class SafetyText:
    """What the skill says about warning signs outside the check, and about emergencies."""

    emergency: GeneralGuidance
    """In a life-threatening emergency, call 999 (general NHS guidance)."""
    sign_mentioned: Outcome
    """A warning sign heard outside the check: its urgent advice, then the offer of the check."""
    maybe_sign: str
    """Something like a warning sign, but not one the skill could name."""
    seriousness: str
    """"Is it serious?": general information, not a diagnosis."""
    cannot_call: str
    """"Call an ambulance": the skill cannot make calls."""
    links: tuple[str, ...]
    """NHS 111 and the 999 guidance, on the cards of these replies."""


@dataclass(frozen=True)
class Content:
    """All the words of one locale."""

    locale: str
    file: str
    source_page: str
    credit: str
    topics: Mapping[str, Topic]
    checklist: ChecklistText
    dialog: Mapping[str, tuple[str, ...]]
    """The skill's own lines; each has one or more phrasings."""
    safety: SafetyText
    lists: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """Named lists of topic ids the skill speaks as a choice (not a topic's own parts)."""

    def topic(self, topic_id: str) -> Topic:
        return self.topics[topic_id]

    def choices(self, list_id: str) -> tuple[str, ...]:
        """The topic ids of a spoken list: a topic's parts or a named list (empty if neither)."""
        topic = self.topics.get(list_id)
        if topic is not None:
            return topic.parts
        return self.lists.get(list_id, ())

    def line(self, key: str) -> str:
        """The first phrasing of a dialog line (callers that vary phrasing use `dialog`)."""
        return self.dialog[key][0]


# The skill's code refers to these; a content file must define every one of them.
REQUIRED_TOPICS = (
    "overview",
    "causes",
    "condition.non_specific",
    "condition.sprain_strain",
    "condition.slipped_disc",
    "condition.sciatica",
    "condition.lumbago",
    "relief",
    "relief.stay_active",
    "relief.exercise",
    "relief.painkillers",
    "relief.hot_cold_packs",
    "prevention",
    "treatments",
    "treatments.group_exercise",
    "treatments.manual_therapy",
    "treatments.psychological_support",
    "treatments.surgery",
    "get_help",
    "warning_signs",
    "prevention.mattress",
    "prevention.weight",
    "prevention.sitting",
    "prevention.lifting",
    "condition.sciatica_and_slipped_disc",
    "get_help.who",
)
REQUIRED_DIALOG = (
    "launch",
    "launch_prompt",
    "menu_reprompt",
    "help",
    "start_over",
    "what_else",
    "no_offer_yes",
    "fallback",
    "which_condition",
    "which_condition_reprompt",
    "goodbye",
    "error",
    "error_reprompt",
    "more_what",
    "all_said",
    "no_list",
    "out_of_range",
)
# Which {placeholders} each text may use; anything else is a typo that would be spoken aloud.
_ALLOWED_FIELDS: dict[str, frozenset[str]] = {
    "topics.warning_signs.card": frozenset({"signs"}),
    "topics.warning_signs.first.speech": frozenset({"signs"}),
    "topics.warning_signs.first.card": frozenset({"signs"}),
    "topics.warning_signs.second.speech": frozenset({"signs"}),
    "topics.warning_signs.second.card": frozenset({"signs"}),
    "topics.warning_signs.third.speech": frozenset({"signs"}),
    "topics.warning_signs.third.card": frozenset({"signs"}),
    "dialog.out_of_range": frozenset({"count", "example"}),
    "checklist.progress": frozenset({"number", "total"}),
    "checklist.reask": frozenset({"question"}),
    "checklist.other_intent": frozenset({"question"}),
    "checklist.urgent.speech": frozenset({"sign", "you_have", "action"}),
    "checklist.urgent.card": frozenset({"sign", "action"}),
    "checklist.unclear.speech": frozenset({"sign", "you_have", "action"}),
    "checklist.unclear.card": frozenset({"sign", "action"}),
    "checklist.go_back": frozenset({"question"}),
    "checklist.first_question": frozenset({"question"}),
    "checklist.seriousness": frozenset({"question"}),
    "safety.sign_mentioned.speech": frozenset({"sign", "you_have", "action"}),
    "safety.sign_mentioned.card": frozenset({"sign", "action"}),
    "safety.seriousness": frozenset({"emergency"}),
    "safety.cannot_call": frozenset({"emergency"}),
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


def load_content(path: Path | str, locale: str | None = None) -> Content:
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

    checklist = _read_checklist(
        reader, reader.mapping(reader.child(root, "checklist", ""), "checklist")
    )
    topics = _read_topics(
        reader, reader.mapping(reader.child(root, "topics", ""), "topics"), checklist
    )
    lists = _read_lists(reader, root.get("lists", {}), topics)
    dialog_node = reader.mapping(reader.child(root, "dialog", ""), "dialog")
    dialog = {name: reader.phrasings(dialog_node, name, "dialog") for name in dialog_node}
    for name in REQUIRED_DIALOG:
        if name not in dialog:
            raise reader.fail(f"dialog.{name}", "missing")

    safety = _read_safety(reader, reader.mapping(reader.child(root, "safety", ""), "safety"))

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
    reader: _Reader, node: Mapping[str, Any], checklist: ChecklistText
) -> dict[str, Topic]:
    topics: dict[str, Topic] = {}
    sign_ranges: dict[str, tuple[int, int]] = {}
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
        )
        if "signs" in item:
            sign_ranges[topic_id] = _sign_range(
                reader, item["signs"], key, len(checklist.red_flags)
            )
    for topic_id in REQUIRED_TOPICS:
        if topic_id not in topics:
            raise reader.fail(f"topics.{topic_id}", "missing")
    for topic in topics.values():
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
    # The warning-sign topics list the checklist's signs, so the two can never disagree.
    flags = checklist.red_flags
    whole = (1, len(flags))
    for topic_id, topic in list(topics.items()):
        first, last = sign_ranges.get(topic_id, whole)
        chosen = flags[first - 1 : last]
        topics[topic_id] = replace(
            topic,
            speech=topic.speech.format(signs=_spoken_list([f.spoken_sign for f in chosen])),
            card=topic.card.format(signs="\n\n".join(f"• {f.sign}" for f in chosen)),
            parent=parents.get(topic_id),
        )
    return topics


def _read_advice(reader: _Reader, node: Mapping[str, Any]) -> dict[str, Advice]:
    tiers = reader.mapping(reader.child(node, "advice", "checklist"), "checklist.advice")
    advice: dict[str, Advice] = {}
    for advice_id, raw in tiers.items():
        key = f"checklist.advice.{advice_id}"
        item = reader.mapping(raw, key)
        link = reader.text(item, "link", key)
        if not _NHS_LINK.match(link):
            raise reader.fail(f"{key}.link", f"not an https://www.nhs.uk link: {link!r}")
        advice[str(advice_id)] = Advice(
            id=str(advice_id),
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


def _sign_range(reader: _Reader, value: Any, key: str, count: int) -> tuple[int, int]:
    """`signs: [1, 3]`: the first to third warning signs, counted from 1 as the page lists them."""
    if (
        not isinstance(value, list)
        or len(value) != 2
        or not all(isinstance(n, int) and 1 <= n <= count for n in value)
        or value[0] > value[1]
    ):
        raise reader.fail(f"{key}.signs", f"expected [first, last] between 1 and {count}")
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
    questions = tuple(
        Question(id=flag.id if len(flag.questions) == 1 else f"{flag.id}.{part + 1}", text=text,
                 flag=flag)
        for flag in flags
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
        restart=text("restart"),
        help=text("help"),
        go_back=text("go_back"),
        first_question=text("first_question"),
        seriousness=text("seriousness"),
        urgent=outcome("urgent"),
        unclear=outcome("unclear"),
        all_clear=outcome("all_clear"),
        stop=text("stop"),
    )


def _outcome(reader: _Reader, item: Mapping[str, Any], key: str) -> Outcome:
    return Outcome(
        headline=reader.optional_text(item, "headline", key),
        speech=reader.text(item, "speech", key),
        card=reader.text(item, "card", key),
    )


def _read_safety(reader: _Reader, node: Mapping[str, Any]) -> SafetyText:
    guidance = reader.mapping(reader.child(node, "emergency", "safety"), "safety.emergency")
    link = reader.text(guidance, "link", "safety.emergency")
    if not _NHS_LINK.match(link):
        raise reader.fail("safety.emergency.link", f"not an https://www.nhs.uk link: {link!r}")
    mentioned = reader.mapping(
        reader.child(node, "sign_mentioned", "safety"), "safety.sign_mentioned"
    )
    return SafetyText(
        emergency=GeneralGuidance(reader.text(guidance, "text", "safety.emergency"), link),
        sign_mentioned=_outcome(reader, mentioned, "safety.sign_mentioned"),
        maybe_sign=reader.text(node, "maybe_sign", "safety"),
        seriousness=reader.text(node, "seriousness", "safety"),
        cannot_call=reader.text(node, "cannot_call", "safety"),
        links=reader.links(node, "safety"),
    )


def _spoken_list(items: list[str]) -> str:
    """ "a, b, or c" with semicolons, since the signs themselves contain commas."""
    if len(items) == 1:
        return items[0]
    return "; ".join(items[:-1]) + "; or " + items[-1]


@functools.cache
def available_locales() -> tuple[str, ...]:
    return tuple(sorted(path.stem for path in LOCALE_DIR.glob("*.yaml")))


def supported_locale(locale: str | None) -> str:
    """The request's locale if there is content for it, else en-GB: a bounded set of keys for
    any per-locale cache, whatever locales requests make up."""
    return locale if locale in available_locales() else DEFAULT_LOCALE


def content_for(locale: str | None) -> Content:
    """The content for a request's locale; a locale without content is answered in en-GB."""
    return _content_for(supported_locale(locale))


@functools.cache
def _content_for(locale: str) -> Content:
    return load_content(LOCALE_DIR / f"{locale}.yaml", locale)
