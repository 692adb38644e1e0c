"""Reads an Alexa interaction model (ASK CLI JSON) into plain, checked values."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")


class ModelError(ValueError):
    """The interaction model cannot be used; the message says where and why."""


@dataclass(frozen=True)
class SlotTypeValue:
    """One value of a custom slot type."""

    id: str
    """The value's id; Alexa reports it in entity resolution (the name when the model has none)."""
    name: str
    synonyms: tuple[str, ...]


@dataclass(frozen=True)
class SlotType:
    """A custom slot type and its values."""

    name: str
    values: tuple[SlotTypeValue, ...]


@dataclass(frozen=True)
class SlotDeclaration:
    """A slot an intent declares."""

    name: str
    type: str


@dataclass(frozen=True)
class IntentDeclaration:
    """An intent with its slots and sample utterances as the model writes them."""

    name: str
    slots: tuple[SlotDeclaration, ...]
    samples: tuple[str, ...]

    def slot(self, name: str) -> SlotDeclaration | None:
        return next((slot for slot in self.slots if slot.name == name), None)


@dataclass(frozen=True)
class LanguageModel:
    """The `languageModel` part of an interaction model."""

    invocation_name: str
    intents: tuple[IntentDeclaration, ...]
    types: dict[str, SlotType]

    def intent(self, name: str) -> IntentDeclaration | None:
        return next((intent for intent in self.intents if intent.name == name), None)


def placeholders(sample: str) -> list[str]:
    """The slot names a sample refers to, in order: "tell me about {condition}" -> ["condition"]."""
    return [name.strip() for name in _PLACEHOLDER.findall(sample)]


def split_sample(sample: str) -> list[tuple[str, bool]]:
    """A sample as (text, is_slot) pieces: "about {topic} now" -> [("about ", False), ...]."""
    pieces: list[tuple[str, bool]] = []
    position = 0
    for found in _PLACEHOLDER.finditer(sample):
        if found.start() > position:
            pieces.append((sample[position : found.start()], False))
        pieces.append((found.group(1).strip(), True))
        position = found.end()
    if position < len(sample):
        pieces.append((sample[position:], False))
    return pieces


def _require(condition: bool, where: str, message: str) -> None:
    if not condition:
        raise ModelError(f"{where}: {message}")


def _text(value: Any, where: str) -> str:
    _require(isinstance(value, str), where, f"expected a string, found {type(value).__name__}")
    return str(value)


def _list(value: Any, where: str) -> list[Any]:
    _require(isinstance(value, list), where, f"expected a list, found {type(value).__name__}")
    return list(value)


def _slot_type(raw: Any, where: str) -> SlotType:
    _require(isinstance(raw, dict), where, "a slot type must be an object")
    name = _text(raw.get("name"), f"{where}.name")
    values = []
    for index, entry in enumerate(_list(raw.get("values", []), f"{where}.values")):
        at = f"{where}.values[{index}]"
        _require(isinstance(entry, dict) and isinstance(entry.get("name"), dict), at,
                 "a value needs a 'name' object")  # fmt: skip
        value = _text(entry["name"].get("value"), f"{at}.name.value")
        synonyms = tuple(
            _text(synonym, f"{at}.name.synonyms[{position}]")
            for position, synonym in enumerate(_list(entry["name"].get("synonyms", []),
                                                     f"{at}.name.synonyms"))
        )  # fmt: skip
        value_id = entry.get("id")
        values.append(SlotTypeValue(id=str(value_id) if value_id else value, name=value,
                                    synonyms=synonyms))  # fmt: skip
    return SlotType(name=name, values=tuple(values))


def _intent(raw: Any, where: str) -> IntentDeclaration:
    _require(isinstance(raw, dict), where, "an intent must be an object")
    name = _text(raw.get("name"), f"{where}.name")
    where = f"{where} ({name})"
    slots = []
    for index, slot in enumerate(_list(raw.get("slots", []), f"{where}.slots")):
        _require(isinstance(slot, dict), f"{where}.slots[{index}]", "a slot must be an object")
        at = f"{where}.slots[{index}]"
        slots.append(SlotDeclaration(_text(slot.get("name"), f"{at}.name"),
                                     _text(slot.get("type"), f"{at}.type")))  # fmt: skip
    samples = tuple(
        _text(sample, f"{where}.samples[{index}]")
        for index, sample in enumerate(_list(raw.get("samples", []), f"{where}.samples"))
    )
    declared = {slot.name for slot in slots}
    for sample in samples:
        for slot_name in placeholders(sample):
            _require(slot_name in declared, where,
                     f"sample {sample!r} uses slot {{{slot_name}}}, "
                     "which the intent does not declare")  # fmt: skip
    return IntentDeclaration(name=name, slots=tuple(slots), samples=samples)


def parse_model(document: Any, source: str = "interaction model") -> LanguageModel:
    """Checks and reads a whole ASK CLI interaction model file's JSON (or its languageModel)."""
    _require(isinstance(document, dict), source, "the top level must be a JSON object")
    wrapper = document.get("interactionModel", document)
    language = wrapper.get("languageModel") if isinstance(wrapper, dict) else None
    if not isinstance(language, dict):
        raise ModelError(f"{source}: no interactionModel.languageModel object")
    where = f"{source}: languageModel"
    invocation = _text(language.get("invocationName"), f"{where}.invocationName")
    _require(bool(invocation.strip()), where, "invocationName is empty")
    intents = tuple(
        _intent(raw, f"{where}.intents[{index}]")
        for index, raw in enumerate(_list(language.get("intents"), f"{where}.intents"))
    )
    names = [intent.name for intent in intents]
    twice = sorted({name for name in names if names.count(name) > 1})
    _require(not twice, where, f"intents declared more than once: {', '.join(twice)}")
    types = {}
    for index, raw in enumerate(_list(language.get("types", []), f"{where}.types")):
        slot_type = _slot_type(raw, f"{where}.types[{index}]")
        types[slot_type.name] = slot_type
    for intent in intents:
        for slot in intent.slots:
            _require(slot.type.startswith("AMAZON.") or slot.type in types, where,
                     f"intent {intent.name} slot {slot.name} has type {slot.type}, "
                     "which the model does not define")  # fmt: skip
    return LanguageModel(invocation_name=invocation, intents=intents, types=types)


def load_model(path: str | Path) -> LanguageModel:
    """Reads and checks a model file; every problem is a ModelError that names the file."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise ModelError(f"{path}: cannot read the interaction model ({error.strerror})") from error
    except UnicodeDecodeError as error:
        raise ModelError(f"{path}: the interaction model is not UTF-8 text") from error
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise ModelError(
            f"{path}: not valid JSON at line {error.lineno} column {error.colno}: {error.msg}"
        ) from error
    return parse_model(document, str(path))
