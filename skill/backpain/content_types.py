"""The skill's words as typed values: what a locale's content file holds once it is read.

Nothing here reads a file: content.py finds and caches each locale's content, content_file.py
reads the YAML editors write, compiled_content.py the JSON the Lambda package carries."""

from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType
from typing import NamedTuple

from backpain.errors import BackPainError

CHECK = "check"
"""The `next` value that leads to the spoken warning-sign check rather than a topic."""

class ContentError(BackPainError):
    """A content file that cannot be used; names the file and the key so an editor can fix it."""

    def __init__(self, file: Path | str, key: str, problem: str) -> None:
        super().__init__(f"{file}: {key}: {problem}")
        self.file = str(file)
        self.key = key
        self.problem = problem


# The content's values are NamedTuples, not frozen dataclasses: just as immutable and typed, but
# a frozen dataclass compiles its generated methods when its module is imported (about 1 ms
# each, 10 ms of every Lambda cold start for these nine), a NamedTuple about a tenth of that.
# For the same reason this module has no `from __future__ import annotations`: NamedTuple
# compiles each field's annotation when it is a string (another 1-2 ms for these sixty fields).


class Topic(NamedTuple):
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
    treated_by: str | None = None
    """The topic that says how this one is treated: "how do they treat that" right after it."""


class Advice(NamedTuple):
    """What to do about a warning sign: a clinician assigns each sign one of these in content."""

    id: str
    urgency: int
    """1 is the most urgent; the check asks the most urgent kind's signs first."""
    headline: str
    """The screen's banner, shown large ("Contact your GP or NHS 111 immediately")."""
    action: str
    """Fills "You should {action} if you have back pain and ..."."""
    link: str
    """The NHS page about this kind of help, shown on the card."""


class RedFlag(NamedTuple):
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


class Question(NamedTuple):
    """One question of the check, in the order asked."""

    id: str
    """Unique in the check; screen buttons send it so a late tap cannot answer another one."""
    text: str
    flag: RedFlag


class Outcome(NamedTuple):
    """How the check ends: spoken and shown."""

    headline: str | None
    """The screen's banner, shown large; None where the sign's advice gives it."""
    speech: str
    card: str


class ChecklistText(NamedTuple):
    """Everything the warning-sign check says around its questions."""

    title: str
    offer: str
    intro: str
    progress: str
    red_flags: tuple[RedFlag, ...]
    """In the NHS page's order."""
    questions: tuple[Question, ...]
    """Every question of every sign, in the order asked: the most urgent advice's signs first,
    each kind's in the page's order."""
    reask: str
    other_intent: str
    denied_other: str
    """A denial of another sign than the one asked about: neither a no nor a yes to it."""
    explain: str
    """"What do you mean by ...?": the sign in the page's words, then the question again."""
    restart: str
    help: str
    go_back: str
    first_question: str
    seriousness: str
    urgent: Outcome
    unclear: Outcome
    all_clear: Outcome
    stop: str
    stop_pending: str
    """Stop while an unsure or unclear answer waits for its second asking: that sign's advice
    ({sign}, {action}) before the reminder."""


class GeneralGuidance(NamedTuple):
    """A line of general NHS guidance that is not on the back pain page, with its own source."""

    text: str
    link: str


class SafetyText(NamedTuple):
    """What the skill says about warning signs outside the check, and about emergencies."""

    emergency: GeneralGuidance
    """In a life-threatening emergency, call 999 (general NHS guidance)."""
    sign_mentioned: Outcome
    """A warning sign heard outside the check: its urgent advice, then the offer of the check."""
    maybe_sign: str
    """Something like a warning sign, but not one the skill could name."""
    explain_sign: Outcome
    """"What's a deformity?" outside the check: the sign in the page's words and its advice."""
    seriousness: str
    """"Is it serious?": general information, not a diagnosis."""
    cannot_call: str
    """"Call an ambulance": the skill cannot make calls."""
    links: tuple[str, ...]
    """The signs' kinds of advice and the 999 guidance, on the cards of these replies."""


class Content(NamedTuple):
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
    lists: Mapping[str, tuple[str, ...]] = MappingProxyType({})
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
    "activities",
    "term.other",
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
