"""Alexa SSML as plain text: what a person reads on screen and what a desktop voice says."""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass

from echo_sim.understanding import DIGIT_WORDS, cardinal, digits, ordinal

# Pause lengths for <break strength>, roughly as Alexa renders them: weak and medium are a
# comma, strong a sentence, x-strong a paragraph.
BREAK_STRENGTH_MS = {
    "none": 0,
    "x-weak": 100,
    "weak": 250,
    "medium": 400,
    "strong": 700,
    "x-strong": 1000,
}
SENTENCE_MS = BREAK_STRENGTH_MS["strong"]
PARAGRAPH_MS = BREAK_STRENGTH_MS["x-strong"]
MAX_BREAK_MS = 10_000  # Alexa's own limit for one <break>
_COMMA_MS = 200
_FULL_STOP_MS = 550


@dataclass(frozen=True)
class Phrase:
    """A stretch of speech between pauses."""

    text: str
    """As written: what a transcript shows and tests match against ("call 111")."""
    spoken: str
    """As a voice should read it ("call one one one")."""
    pause_ms: int = 0
    """Silence after this phrase."""


@dataclass(frozen=True)
class SpokenText:
    """An SSML document turned into phrases and pauses."""

    phrases: tuple[Phrase, ...]

    @property
    def text(self) -> str:
        """Plain text for people: every tag gone, whitespace tidy."""
        return tidy(" ".join(phrase.text for phrase in self.phrases))

    @property
    def spoken(self) -> str:
        """Plain text for a voice that knows no SSML: pauses become commas and full stops."""
        parts: list[str] = []
        for phrase in self.phrases:
            words = tidy(phrase.spoken)
            if not words:
                continue
            parts.append(words + _pause_mark(words, phrase.pause_ms))
        return tidy(" ".join(parts))


def _pause_mark(words: str, pause_ms: int) -> str:
    if words[-1] in ".!?;:,":
        return ""
    if pause_ms >= _FULL_STOP_MS:
        return "."
    if pause_ms >= _COMMA_MS:
        return ","
    return ""


_SPACE = re.compile(r"\s+")
_SPACE_BEFORE_PUNCTUATION = re.compile(r"\s+([,.;:!?)])")
_SPACE_AFTER_BRACKET = re.compile(r"([(])\s+")


def tidy(text: str) -> str:
    """One space between words and none before punctuation."""
    text = _SPACE.sub(" ", text).strip()
    text = _SPACE_BEFORE_PUNCTUATION.sub(r"\1", text)
    return _SPACE_AFTER_BRACKET.sub(r"\1", text)


def to_text(ssml: str | None) -> str:
    """Shortcut: SSML (or plain text) to the text a person reads."""
    return parse(ssml).text


# Alexa writes <amazon:effect> without declaring the namespace, which XML parsers reject;
# rename such tags to "amazon__effect" before parsing.
_PREFIXED_TAG = re.compile(r"<(/?)([A-Za-z_][\w.-]*):([A-Za-z_])")
_NAMED_ENTITY = re.compile(r"&([A-Za-z][A-Za-z0-9]*);")
_XML_ENTITIES = frozenset({"amp", "lt", "gt", "quot", "apos"})
_TAG = re.compile(r"<[^>]*>")


def parse(ssml: str | None) -> SpokenText:
    """Parse an SSML document; malformed SSML degrades to its text with the tags stripped."""
    if not ssml or not ssml.strip():
        return SpokenText(())
    source = ssml.strip()
    if not source.startswith("<speak"):
        source = f"<speak>{source}</speak>"
    source = _PREFIXED_TAG.sub(lambda m: f"<{m[1]}{m[2]}__{m[3]}", source)
    # HTML entities such as &nbsp; are not XML; resolve them before parsing.
    source = _NAMED_ENTITY.sub(
        lambda m: m[0] if m[1] in _XML_ENTITIES else html.unescape(m[0]), source
    )
    try:
        root = ET.fromstring(source)
    except ET.ParseError:
        return _stripped(ssml)
    walker = _Walker()
    walker.element(root)
    return SpokenText(walker.finish())


def _stripped(ssml: str) -> SpokenText:
    text = html.unescape(_TAG.sub(" ", ssml))
    return SpokenText((Phrase(tidy(text), tidy(text)),))


class _Walker:
    """Collects phrases from an element tree, splitting them at pauses."""

    def __init__(self) -> None:
        self._phrases: list[Phrase] = []
        self._text: list[str] = []
        self._spoken: list[str] = []

    def finish(self) -> tuple[Phrase, ...]:
        self._pause(0)
        return tuple(self._phrases)

    def element(self, node: ET.Element) -> None:
        tag = _local_name(node.tag)
        if tag == "break":
            self._pause(_break_ms(node))
        elif tag in ("p", "s"):
            self._pause(SENTENCE_MS)
            self._children(node)
            self._pause(PARAGRAPH_MS if tag == "p" else SENTENCE_MS)
        elif tag == "say-as":
            written = "".join(node.itertext())
            self._add(written, say_as(written, node.get("interpret-as", "")))
        elif tag == "sub":
            alias = node.get("alias")
            if alias is None:
                self._children(node)
            else:
                self._add(alias, alias)
        elif tag in ("audio", "mark"):
            pass  # a sound clip or a bookmark: nothing to read
        else:
            # speak, phoneme, prosody, emphasis, lang, voice, w, amazon:* ... keep their words
            self._children(node)
        if node.tail:
            self._add(node.tail, node.tail)

    def _children(self, node: ET.Element) -> None:
        if node.text:
            self._add(node.text, node.text)
        for child in node:
            self.element(child)

    def _add(self, text: str, spoken: str) -> None:
        self._text.append(text)
        self._spoken.append(spoken)

    def _pause(self, pause_ms: int) -> None:
        text, spoken = tidy("".join(self._text)), tidy("".join(self._spoken))
        self._text, self._spoken = [], []
        if text or spoken:
            self._phrases.append(Phrase(text, spoken, pause_ms))
        elif self._phrases and pause_ms:
            # pauses in a row (</s><break/>) make one longer pause, as they would on an Echo
            last = self._phrases[-1]
            merged = min(MAX_BREAK_MS, max(last.pause_ms, pause_ms))
            self._phrases[-1] = Phrase(last.text, last.spoken, merged)


def _local_name(tag: object) -> str:
    name = str(tag).rpartition("}")[2]
    return name.replace("__", ":")


_TIME = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(ms|s)\s*$", re.IGNORECASE)


def _break_ms(node: ET.Element) -> int:
    time = _TIME.match(node.get("time", ""))
    if time:
        value = float(time[1]) * (1 if time[2].lower() == "ms" else 1000)
        return min(MAX_BREAK_MS, round(value))
    return BREAK_STRENGTH_MS.get(node.get("strength", "medium"), BREAK_STRENGTH_MS["medium"])


_NUMBER = re.compile(r"^-?\d+(?:\.\d+)?$")
_ORDINAL = re.compile(r"^(\d+)(?:st|nd|rd|th)?$", re.IGNORECASE)


def say_as(written: str, interpret_as: str) -> str:
    """How a voice reads `<say-as interpret-as=...>`; unknown kinds read the text as written."""
    kind = interpret_as.lower()
    text = written.strip()
    if kind == "telephone":
        # digit by digit, a short pause between groups: "0300 311" -> "oh three oh oh, three..."
        groups = re.findall(r"\d+", text)
        return ", ".join(digits(group, zero="oh") for group in groups) or text
    if kind == "digits":
        return digits(text) or text
    if kind in ("characters", "spell-out"):
        return " ".join(
            DIGIT_WORDS.get(ch, ch.upper()) for ch in text if ch.isalnum()
        )
    if kind in ("cardinal", "number"):
        return _cardinal(text)
    if kind == "ordinal":
        match = _ORDINAL.match(text.replace(",", ""))
        return ordinal(int(match[1])) if match else text
    if kind == "expletive":
        return "beep"
    return text


def _cardinal(text: str) -> str:
    plain = text.replace(",", "")
    if not _NUMBER.match(plain):
        return text
    sign, unsigned = ("minus ", plain[1:]) if plain.startswith("-") else ("", plain)
    whole, _, fraction = unsigned.partition(".")
    words = sign + cardinal(int(whole))
    if fraction:
        words += " point " + digits(fraction)
    return words
