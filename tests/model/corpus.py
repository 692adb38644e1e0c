"""Loads the en-GB interaction model and its paraphrase fixtures for the model tests."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[2]
MODEL_PATH = ROOT / "interaction_models" / "en-GB.json"
FIXTURE_DIR = ROOT / "tests" / "utterances" / "en-GB"
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
def load_model() -> dict[str, Any]:
    return json.loads(MODEL_PATH.read_text(encoding="utf-8"))


def language_model() -> dict[str, Any]:
    return load_model()["interactionModel"]["languageModel"]


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


def normalise(text: str) -> str:
    """Lower case, no punctuation but apostrophes, and spelled acronyms joined ('g. p.' -> 'gp')."""
    text = re.sub(r"[^\w' ]", " ", text.lower().replace("-", " "))
    words = text.split()
    joined: list[str] = []
    run: list[str] = []
    for word in [*words, ""]:
        if len(word) == 1 and word.isalpha() and word not in ("a", "i"):
            run.append(word)
            continue
        if run:
            joined.append("".join(run))
            run = []
        if word:
            joined.append(word)
    return " ".join(joined)


@cache
def type_phrases() -> dict[str, dict[str, str]]:
    """Slot type name -> normalised value or synonym -> value id."""
    return {
        slot_type["name"]: {
            normalise(phrase): value["id"]
            for value in slot_type["values"]
            for phrase in [value["name"]["value"], *value["name"].get("synonyms", [])]
        }
        for slot_type in language_model().get("types", [])
    }


@cache
def sample_patterns() -> list[tuple[str, str, re.Pattern[str]]]:
    """(intent, sample, pattern): each sample with its slots open to every value and synonym."""
    phrases = type_phrases()
    patterns = []
    for intent in language_model()["intents"]:
        slot_types = {slot["name"]: slot["type"] for slot in intent.get("slots", [])}
        for sample in intent.get("samples", []):
            parts = []
            for piece in re.split(r"(\{\w+\})", sample):
                reference = re.fullmatch(r"\{(\w+)\}", piece)
                if reference:
                    options = sorted(phrases.get(slot_types[reference.group(1)], {}), key=len)
                    parts.append("(?:" + "|".join(map(re.escape, reversed(options))) + ")")
                elif normalise(piece):
                    parts.append(re.escape(normalise(piece)))
            patterns.append((intent["name"], sample, re.compile(" ".join(parts))))
    return patterns


def spotted_ids(text: str, slot_type: str) -> set[str]:
    """Value ids of `slot_type` whose value or a synonym occurs as whole words in `text`."""
    padded = f" {normalise(text)} "
    return {
        value_id
        for phrase, value_id in type_phrases()[slot_type].items()
        if f" {phrase} " in padded
    }
