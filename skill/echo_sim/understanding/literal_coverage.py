"""Which utterances a model covers literally, and which the matcher hears only fuzzily.

Alexa learns from the model's samples; the device's matcher also hears near misses. An
utterance is covered literally when, after the normalisation any recogniser does (case,
punctuation, contractions, digits), it is one of the model's samples with each slot filled by
one of its type's values or synonyms, or a built-in intent's usual phrase, as virtual-alexa
matches it. Everything else the device hears only through fuzzy matching, so a real Alexa may
not: those are the samples to add.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import yaml

from alexa_model.builtins import phrases_for
from alexa_model.model import LanguageModel
from alexa_model.patterns import SamplePattern, sample_pattern, slot_phrases
from echo_sim.understanding.matcher import FALLBACK_INTENT, Matcher
from echo_sim.understanding.normalise import normalise

Kind = Literal["literal", "fuzzy", "fallback"]
_UTTERANCE_KEYS = ("text", "say")
"""YAML keys whose string values are utterances: fixtures' `text`, transcripts' `say`."""


@dataclass(frozen=True)
class Coverage:
    """How the model covers one utterance."""

    text: str
    kind: Kind
    intent: str
    sample: str | None = None
    """The sample that covers it literally."""
    confidence: float = 1.0
    """The matcher's confidence for a fuzzy match."""


def _plain(text: str) -> str:
    return " ".join(normalise(text))


class LiteralSamples:
    """Every sample as a pattern with its slots open to their values and synonyms."""

    def __init__(self, model: LanguageModel) -> None:
        self._patterns: list[tuple[str, str, SamplePattern]] = []
        phrases = slot_phrases(model, _plain)
        for intent in model.intents:
            slot_types = {slot.name: slot.type for slot in intent.slots}
            for sample in (*intent.samples, *phrases_for(intent.name)):
                pattern = sample_pattern(sample, slot_types, phrases, _plain)
                if pattern.pieces:
                    self._patterns.append((intent.name, sample, pattern))

    def find(self, text: str) -> tuple[str, str] | None:
        """(intent, sample) of the first sample the utterance is, in the model's order."""
        plain = _plain(text)
        for intent, sample, pattern in self._patterns:
            if pattern.fullmatch(plain):
                return intent, sample
        return None


def cover(texts: Iterable[str], matcher: Matcher) -> Iterator[Coverage]:
    literal = LiteralSamples(matcher.model)
    for text in texts:
        if matcher.invocation(text).kind == "launch":
            yield Coverage(text, "literal", "LaunchRequest", sample="open <invocation name>")
            continue
        found = literal.find(text)
        if found is not None:
            yield Coverage(text, "literal", found[0], sample=found[1])
            continue
        heard = matcher.match(text)
        kind: Kind = "fallback" if heard.intent == FALLBACK_INTENT else "fuzzy"
        yield Coverage(text, kind, heard.intent, confidence=heard.confidence)


def utterances_in(path: Path) -> list[str]:
    """Utterances in a text file (one a line, '#' comments) or any YAML file (its `text` and
    `say` values); a folder is searched for both."""
    if path.is_dir():
        files = sorted(p for p in path.rglob("*") if p.suffix in (".yaml", ".yml", ".txt"))
        return [text for file in files for text in utterances_in(file)]
    content = path.read_text(encoding="utf-8")
    if path.suffix in (".yaml", ".yml"):
        try:
            return list(_yaml_utterances(yaml.safe_load(content)))
        except yaml.YAMLError as error:
            mark = getattr(error, "problem_mark", None)
            where = f" (line {mark.line + 1})" if mark is not None else ""
            raise ValueError(f"{path} is not valid YAML{where}") from None
    return [
        line.strip()
        for line in content.splitlines()
        if line.strip() and not line.strip().startswith("#") and line.strip() != "---"
    ]


def _yaml_utterances(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key in _UTTERANCE_KEYS and isinstance(value, str):
                yield value
            else:
                yield from _yaml_utterances(value)
    elif isinstance(node, list):
        for item in node:
            yield from _yaml_utterances(item)


def coverage_summary(results: list[Coverage]) -> str:
    total = len(results)
    if not total:
        return "no utterances"
    counts = {
        kind: sum(r.kind == kind for r in results) for kind in ("literal", "fuzzy", "fallback")
    }
    share = counts["literal"] / total
    return (
        f"{total} utterances: {counts['literal']} covered literally by the model ({share:.0%}), "
        f"{counts['fuzzy']} heard only through the device's fuzzy matching, "
        f"{counts['fallback']} not heard (fallback)"
    )
