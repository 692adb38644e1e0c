"""What a label means in the model's terms (meanings.yaml), and the one reference an annotation
gets: an intent with its slots filled by the words the utterance says."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib.resources import files
from typing import Any

import yaml

from alexa_model.model import LanguageModel
from alexa_model.spoken import normalise
from backpain_tools.errors import BackPainToolsError

_MEANING = re.compile(r"(?P<intent>[A-Za-z_.]+)(?:\{(?P<slots>[^{}]*)\})?")


class MeaningError(BackPainToolsError):
    """meanings.yaml and the model or the material disagree; the message says where."""


@dataclass(frozen=True)
class Meaning:
    """An intent that gives a person what a label asks for, with the slot values it needs."""

    intent: str
    slots: tuple[tuple[str, str], ...] = ()
    """(slot name, value id) pairs that must resolve as given; other slots are not checked."""

    def __str__(self) -> str:
        if not self.slots:
            return self.intent
        return f"{self.intent}{{{','.join(f'{name}={value}' for name, value in self.slots)}}}"


@dataclass(frozen=True)
class Reference:
    """The one expected result an Alexa NLU annotation holds."""

    intent: str
    slots: tuple[tuple[str, str], ...] = ()
    """(slot name, the words expected in it), as Alexa's `slots.<name>.value`."""
    note: str = ""
    """Set when the words are the value's own name because the utterance says none of the
    model's phrases for it."""


@dataclass(frozen=True)
class Reading:
    """A label read for one item: every meaning that is right, and why when there is none."""

    label: str
    meanings: tuple[Meaning, ...]
    why: str = ""
    fields: Mapping[str, str] = field(default_factory=dict)


def parse_meaning(text: str) -> Meaning:
    """ "ReliefIntent{method=EXERCISE}" -> Meaning("ReliefIntent", (("method", "EXERCISE"),))."""
    found = _MEANING.fullmatch(text.strip())
    if found is None:
        raise MeaningError(f"meaning {text!r} is not 'Intent' or 'Intent{{slot=ID,...}}'")
    slots = []
    for pair in filter(None, (found.group("slots") or "").split(",")):
        name, equals, value = pair.partition("=")
        if not equals or not name.strip() or not value.strip():
            raise MeaningError(f"meaning {text!r}: {pair!r} is not slot=ID")
        slots.append((name.strip(), value.strip()))
    return Meaning(found.group("intent"), tuple(slots))


@cache
def table() -> Mapping[str, Mapping[str, Any]]:
    """meanings.yaml: {"exam": {label: {...}}, "corpus": {answer: {...}}}."""
    text = files("backpain_tools.nlu").joinpath("meanings.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text)


def read_label(kind: str, label: str, item: Mapping[str, Any]) -> Reading | None:
    """What `label` means for `item` (kind "exam" or "corpus"); None when the table has no
    entry for it. An exact entry wins over a `*` entry; `$1` and `$field` are filled in."""
    entries = table()[kind]
    entry = entries.get(label)
    star = ""
    if entry is None:
        for pattern, candidate in entries.items():
            if pattern.endswith("*") and label.startswith(pattern[:-1]):
                entry, star = candidate, label[len(pattern) - 1 :]
                break
    if entry is None:
        return None
    fields = {"1": star} | {str(k): str(v) for k, v in item.items() if isinstance(v, str)}
    meanings = []
    lacking = []
    for written in entry.get("meanings") or []:
        filled = re.sub(
            r"\$(\w+)", lambda ref: fields.get(ref.group(1), ref.group(0)), str(written)
        )
        if "$" in filled:
            # A writer may leave out a detail ("topic:conditions" with no condition): the
            # meanings that need it do not apply, the others still do.
            lacking.append(written)
            continue
        meanings.append(parse_meaning(filled))
    if lacking and not meanings:
        raise MeaningError(
            f"meanings.yaml: {kind} label {label!r}: {lacking[0]!r} names a field the item lacks"
        )
    return Reading(label, tuple(meanings), str(entry.get("why", "")).strip(), fields)


def check_against(model: LanguageModel, meanings: tuple[Meaning, ...], label: str) -> None:
    """Every intent, slot and value id named exists in the model, else a MeaningError."""
    for meaning in meanings:
        declared = model.intent(meaning.intent)
        if declared is None:
            raise MeaningError(
                f"meanings.yaml: label {label!r}: {meaning.intent} is not an intent of the model"
            )
        for slot_name, value_id in meaning.slots:
            slot = declared.slot(slot_name)
            slot_type = model.types.get(slot.type) if slot is not None else None
            if slot_type is None:
                raise MeaningError(
                    f"meanings.yaml: label {label!r}: {meaning.intent} has no custom slot "
                    f"{slot_name!r}"
                )
            if _value(model, slot_type.name, value_id) is None:
                raise MeaningError(
                    f"meanings.yaml: label {label!r}: {value_id!r} is not a value of "
                    f"{slot_type.name}"
                )


def reference(model: LanguageModel, meanings: tuple[Meaning, ...], utterance: str) -> Reference:
    """The annotation's expected result: the first meaning whose slot words the utterance says;
    else the first meaning without slots; else the first, its slots named by the value."""
    heard = f" {normalise(utterance)} "
    for meaning in meanings:
        words = [_said(model, meaning, name, value_id, heard) for name, value_id in meaning.slots]
        if all(word is not None for word in words):
            return Reference(
                meaning.intent,
                tuple(
                    (name, str(word)) for (name, _), word in zip(meaning.slots, words, strict=True)
                ),
            )
    for meaning in meanings:
        if not meaning.slots:
            return Reference(meaning.intent)
    first = meanings[0]
    named = []
    for slot_name, value_id in first.slots:
        value = _value(model, _slot_type(model, first.intent, slot_name), value_id)
        named.append((slot_name, value.name if value is not None else value_id))
    return Reference(
        first.intent,
        tuple(named),
        note="the utterance says none of the model's words for "
        + ", ".join(f"{name}={value_id}" for name, value_id in first.slots),
    )


def resolve(model: LanguageModel, intent: str, slot_name: str, words: str) -> str | None:
    """The value id `words` resolve to in the slot's custom type (exactly, as spoken), if any."""
    type_name = _slot_type(model, intent, slot_name)
    slot_type = model.types.get(type_name)
    if slot_type is None:
        return None
    spoken = normalise(words)
    for value in slot_type.values:
        if any(normalise(phrase) == spoken for phrase in value.phrases):
            return value.id
    return None


def _said(
    model: LanguageModel, meaning: Meaning, slot_name: str, value_id: str, heard: str
) -> str | None:
    """The longest phrase of the value that the utterance says, in the utterance's words."""
    value = _value(model, _slot_type(model, meaning.intent, slot_name), value_id)
    if value is None:
        return None
    phrases = sorted({normalise(phrase) for phrase in value.phrases} - {""}, key=len)
    for phrase in reversed(phrases):
        if f" {phrase} " in heard:
            return phrase
    return None


def _slot_type(model: LanguageModel, intent: str, slot_name: str) -> str:
    declared = model.intent(intent)
    slot = declared.slot(slot_name) if declared is not None else None
    return slot.type if slot is not None else ""


def _value(model: LanguageModel, type_name: str, value_id: str) -> Any:
    """The slot type's value with this id (compared without case: the exam writes 'sciatica')."""
    slot_type = model.types.get(type_name)
    if slot_type is None:
        return None
    return next((v for v in slot_type.values if v.id.lower() == value_id.lower()), None)
