"""Reads an interaction model's JSON into the typed model, reporting every part it cannot use."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from alexa_model.model import (
    SLOT_GAP,
    IngressPhrase,
    IngressPoint,
    IntentDeclaration,
    LanguageModel,
    SlotDeclaration,
    SlotType,
    SlotTypeValue,
)
from alexa_model.problem import ModelError, Problem

# Slot types Alexa provides: AMAZON.NUMBER, AMAZON.DATE, ...
_BUILT_IN_TYPE = re.compile(r"AMAZON\.[A-Za-z_]+")


NAME_FREE = "_nameFreeInteraction"
"""Beside `languageModel`: the phrases that open the skill without its invocation name."""

NOT_ASK_CLI = Problem(
    "interactionModel.languageModel",
    "the model has no 'interactionModel.languageModel' object (expected the ASK CLI format)",
)


@dataclass
class Reading:
    """The usable part of a model and what stood in the way of reading the rest."""

    model: LanguageModel
    problems: list[Problem] = field(default_factory=list)
    """Wrong JSON shapes, names declared twice, references to undeclared slots or types."""


def _mapping(value: object) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _name(value: object) -> str | None:
    """The non-empty string "name" of a JSON object, else None."""
    name = _mapping(value).get("name")
    return name if isinstance(name, str) and name else None


class _Reader:
    """One pass over the JSON; each method returns typed values and notes problems as it goes."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def note(self, where: str, message: str) -> None:
        self.problems.append(Problem(where, message))

    def listed(self, raw: dict[str, Any], key: str, where: str, message: str) -> list[Any]:
        """raw[key] as a list (absent is empty); anything else is noted."""
        value = raw.get(key, [])
        if isinstance(value, list):
            return value
        self.note(where, message)
        return []

    def language_model(self, language: dict[str, Any]) -> LanguageModel:
        invocation = language.get("invocationName")
        if not isinstance(invocation, str) or not invocation.strip():
            self.note("invocationName", "the invocation name is missing or empty")
            invocation = ""
        if isinstance(language.get("intents"), list):
            raw_intents = language["intents"]
        else:
            self.note("intents", "'intents' must be a list of intent objects")
            raw_intents = []
        raw_types = self.listed(language, "types", "types",
                                "'types' must be a list of slot type objects")  # fmt: skip
        type_problems = _Reader()
        types = type_problems.slot_types(raw_types)
        intents = self.intents(raw_intents, set(types))
        self.problems += type_problems.problems
        return LanguageModel(invocation_name=invocation, intents=intents, types=types)

    def intents(
        self, raw_intents: list[Any], type_names: set[str]
    ) -> tuple[IntentDeclaration, ...]:
        intents = []
        seen: set[str] = set()
        for index, raw in enumerate(raw_intents):
            if not isinstance(raw, dict):
                self.note(f"intents[{index}]", "each intent must be an object with a 'name'")
                continue
            name = _name(raw)
            if name is None:
                self.note(f"intents[{index}]", "the intent has no name")
                continue
            if name in seen:
                self.note(f"intents[{name}]", f"intent '{name}' is declared more than once")
            seen.add(name)
            intents.append(self.intent(name, raw, type_names))
        return tuple(intents)

    def intent(self, name: str, raw: dict[str, Any], type_names: set[str]) -> IntentDeclaration:
        where = f"intents[{name}]"
        raw_slots = self.listed(raw, "slots", f"{where}.slots", f"'slots' of {name} must be a list")
        read = [
            (raw_slot, slot)
            for index, raw_slot in enumerate(raw_slots)
            if (slot := self.slot(where, name, index, raw_slot, type_names))
        ]
        names = [slot.name for _, slot in read]
        for twice in sorted({slot for slot in names if names.count(slot) > 1}):
            self.note(f"{where}.slots[{twice}]", f"slot '{twice}' is declared twice in {name}")
        declared = set(names)
        samples = self.samples(raw, f"{where}.samples", name, f"'samples' of {name}", declared)
        slots = [
            SlotDeclaration(slot.name, slot.type, self.samples(
                raw_slot, f"{where}.slots[{slot.name}].samples", name,
                f"'samples' of slot {slot.name}", declared))
            for raw_slot, slot in read
        ]  # fmt: skip
        return IntentDeclaration(name=name, slots=tuple(slots), samples=samples)

    def slot(
        self, where: str, intent: str, index: int, raw: object, type_names: set[str]
    ) -> SlotDeclaration | None:
        if not isinstance(raw, dict) or not isinstance(raw.get("name"), str):
            self.note(f"{where}.slots[{index}]",
                      f"slot {index} of {intent} must be an object with a name")  # fmt: skip
            return None
        name = raw["name"]
        slot_where = f"{where}.slots[{name}]"
        slot_type = raw.get("type")
        if not isinstance(slot_type, str) or not slot_type:
            self.note(slot_where, f"slot '{name}' in {intent} has no type")
            slot_type = ""
        elif slot_type not in type_names and not _BUILT_IN_TYPE.fullmatch(slot_type):
            self.note(slot_where,
                      f"slot '{name}' in {intent} has type '{slot_type}', which is neither a "
                      "custom type in 'types' nor a built-in AMAZON type")  # fmt: skip
        return SlotDeclaration(name, slot_type)

    def samples(
        self, raw: dict[str, Any], where: str, intent: str, what: str, declared: set[str]
    ) -> tuple[str, ...]:
        samples = []
        for index, sample in enumerate(
            self.listed(raw, "samples", where, f"{what} must be a list of strings")
        ):
            if not isinstance(sample, str):
                self.note(f"{where}[{index}]", f"a sample in {intent} is not a string: {sample!r}")
                continue
            for slot in dict.fromkeys(SLOT_GAP.findall(sample)):
                if slot not in declared:
                    self.note(f"{where}[{index}]",
                              f"sample '{sample}' in {intent} uses slot '{slot}', which the "
                              "intent does not declare")  # fmt: skip
            samples.append(sample)
        return tuple(samples)

    def ingress_points(self, raw: object) -> tuple[IngressPoint, ...]:
        """`_nameFreeInteraction` (absent is none); only its shape is checked here."""
        where = NAME_FREE
        if raw is None:
            return ()
        if not isinstance(raw, dict):
            self.note(where, f"'{NAME_FREE}' must be an object with 'ingressPoints'")
            return ()
        raw_points = self.listed(
            raw, "ingressPoints", f"{where}.ingressPoints", "'ingressPoints' must be a list"
        )
        points = []
        for index, raw_point in enumerate(raw_points):
            point_where = f"{where}.ingressPoints[{index}]"
            if not isinstance(raw_point, dict):
                self.note(point_where, "each ingress point must be an object with a 'type'")
                continue
            kind = raw_point.get("type")
            name = raw_point.get("name")
            raw_phrases = self.listed(raw_point, "sampleUtterances",
                                      f"{point_where}.sampleUtterances",
                                      "'sampleUtterances' must be a list of objects")  # fmt: skip
            phrases = []
            for position, raw_phrase in enumerate(raw_phrases):
                phrase = _mapping(raw_phrase)
                value, written = phrase.get("value"), phrase.get("format")
                if not isinstance(value, str) or not isinstance(written, str):
                    self.note(f"{point_where}.sampleUtterances[{position}]",
                              "each sample utterance must be an object with a 'format' and a "
                              "'value' string")  # fmt: skip
                    continue
                phrases.append(IngressPhrase(written, value))
            points.append(
                IngressPoint(
                    type=kind if isinstance(kind, str) else "",
                    intent=name if isinstance(name, str) else None,
                    phrases=tuple(phrases),
                )
            )
        return tuple(points)

    def slot_types(self, raw_types: list[Any]) -> dict[str, SlotType]:
        types: dict[str, SlotType] = {}
        for index, raw in enumerate(raw_types):
            name = _name(raw)
            if not isinstance(raw, dict) or name is None:
                self.note(f"types[{index}]", "each slot type must be an object with a name")
                continue
            if name in types:
                self.note(f"types[{name}]", f"slot type '{name}' is declared more than once")
            # A type without a list of values has none; Alexa's rules say so.
            raw_values = raw.get("values")
            if not isinstance(raw_values, list):
                raw_values = []
            values = [
                value
                for index, raw_value in enumerate(raw_values)
                if (value := self.value(f"types[{name}]", name, index, raw_value))
            ]
            types[name] = SlotType(name=name, values=tuple(values))
        return types

    def value(self, where: str, type_name: str, index: int, raw: object) -> SlotTypeValue | None:
        entry = _mapping(raw)
        value_id = entry.get("id")
        spoken = _mapping(entry.get("name"))
        label = value_id if isinstance(value_id, str) and value_id else str(index)
        value_where = f"{where}.values[{label}]"
        name = spoken.get("value")
        if not isinstance(name, str) or not name.strip():
            self.note(value_where, f"value {label} of slot type '{type_name}' has no name.value")
            return None
        has_id = isinstance(value_id, str) and bool(value_id)
        if value_id is not None and not has_id:
            self.note(value_where, f"value '{name}' has an empty id")
        raw_synonyms = spoken.get("synonyms", [])
        if not isinstance(raw_synonyms, list):
            self.note(f"{value_where}.synonyms", f"synonyms of '{name}' must be a list")
            raw_synonyms = []
        synonyms = []
        for position, synonym in enumerate(raw_synonyms):
            if not isinstance(synonym, str) or not synonym.strip():
                self.note(f"{value_where}.synonyms[{position}]", f"an empty synonym of '{name}'")
            else:
                synonyms.append(synonym)
        return SlotTypeValue(id=label if has_id else name, name=name, synonyms=tuple(synonyms),
                             has_id=has_id)  # fmt: skip


def read_model(document: Any) -> Reading:
    """Reads whatever of an interaction model (or of its bare `interactionModel`) can be used."""
    wrapper = _mapping(document).get("interactionModel", document)
    language = _mapping(wrapper).get("languageModel")
    if not isinstance(language, dict):
        return Reading(LanguageModel("", (), {}), [NOT_ASK_CLI])
    reader = _Reader()
    model = reader.language_model(language)
    points = reader.ingress_points(_mapping(wrapper).get(NAME_FREE))
    if points:
        model = replace(model, ingress_points=points)
    return Reading(model, reader.problems)


def parse_model(document: Any, source: str = "interaction model") -> LanguageModel:
    """The typed model; the first part that cannot be used is a ModelError naming source and key."""
    reading = read_model(document)
    if reading.problems:
        first = reading.problems[0]
        raise ModelError(f"{source}: {first.where}: {first.message}")
    return reading.model


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
