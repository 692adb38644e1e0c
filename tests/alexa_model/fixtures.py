"""The en-GB interaction model (typed) and its paraphrase fixtures, for the model tests."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from alexa_model.model import LanguageModel
from alexa_model.patterns import SamplePattern, sample_pattern, slot_phrases
from alexa_model.reader import parse_model
from alexa_model.spoken import normalise

ROOT = Path(__file__).resolve().parents[2]
MODEL_PATH = ROOT / "interaction_models" / "en-GB.json"
FIXTURE_DIR = ROOT / "skill" / "backpain_tools" / "utterances" / "en-GB"
KNOWN_FAILURES = FIXTURE_DIR / "known_failures.yaml"
OUT_OF_DOMAIN = FIXTURE_DIR / "out_of_domain.yaml"


@dataclass(frozen=True)
class Sentence:
    """One fixture sentence and what the matcher should make of it."""

    file: str
    """The fixture file name, for failure messages."""
    intent: str
    text: str
    slots: dict[str, str] = field(default_factory=dict)
    """Slot name -> expected resolved value id."""


@cache
def model_document() -> dict[str, Any]:
    """The model file's JSON, as Alexa's rules read it."""
    return json.loads(MODEL_PATH.read_text(encoding="utf-8"))


@cache
def en_gb_model() -> LanguageModel:
    return parse_model(model_document(), str(MODEL_PATH))


def intent_files() -> list[Path]:
    """Every fixture file that lists sentences (all YAML files but known_failures.yaml)."""
    return sorted(p for p in FIXTURE_DIR.glob("*.yaml") if p != KNOWN_FAILURES)


def read_yaml(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def sentences() -> list[Sentence]:
    found = []
    for path in intent_files():
        data = read_yaml(path)
        for entry in data["sentences"]:
            found.append(
                Sentence(path.name, data["intent"], entry["text"], dict(entry.get("slots") or {}))
            )
    return found


@cache
def type_phrases() -> dict[str, dict[str, str]]:
    """Slot type name -> normalised value or synonym -> value id."""
    return {
        slot_type.name: {
            normalise(phrase): value.id for value in slot_type.values for phrase in value.phrases
        }
        for slot_type in en_gb_model().types.values()
    }


@cache
def sample_patterns() -> list[tuple[str, str, SamplePattern]]:
    """(intent, sample, pattern): each sample with its slots open to every value and synonym."""
    phrases = slot_phrases(en_gb_model(), normalise)
    patterns = []
    for intent in en_gb_model().intents:
        slot_types = {slot.name: slot.type for slot in intent.slots}
        for sample in intent.samples:
            pattern = sample_pattern(sample, slot_types, phrases, normalise)
            patterns.append((intent.name, sample, pattern))
    return patterns


def spotted_ids(text: str, slot_type: str) -> set[str]:
    """Value ids of `slot_type` whose value or a synonym occurs as whole words in `text`."""
    padded = f" {normalise(text)} "
    return {
        value_id
        for phrase, value_id in type_phrases()[slot_type].items()
        if f" {phrase} " in padded
    }
