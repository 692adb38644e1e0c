"""Alexa's documented build and certification rules, checked over the typed interaction model."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from alexa_model.builtins import (
    FALLBACK_INTENT,
    RECOMMENDED_BUILT_INS,
    REQUIRED_BUILT_INS,
    RESERVED_PHRASES,
    STANDARD_BUILT_INS,
)
from alexa_model.invocation import RESERVED_CONNECTING_WORDS, RESERVED_LAUNCH_WORDS
from alexa_model.model import (
    SLOT_GAP,
    IngressPoint,
    IntentDeclaration,
    LanguageModel,
    SlotType,
)
from alexa_model.problem import Problem
from alexa_model.reader import NAME_FREE, NOT_ASK_CLI, read_model
from alexa_model.slot_conflicts import filled_slot_conflicts
from alexa_model.spoken import normalise

WAKE_WORDS = frozenset({"alexa", "amazon", "echo", "computer", "ziggy"})
GENERIC_WORDS = frozenset({"skill", "app"})
# Not allowed in a two-word invocation name ("a bicycle", "for fun").
ARTICLES_AND_PREPOSITIONS = frozenset({"the", "a", "an", "for", "to", "of"})

MAX_SAMPLE_LENGTH = 200
INVOCATION_LENGTH = (2, 50)
# Name-free ingress points: Amazon's NFI toolkit pages allow up to five skill launch phrases;
# intent launch phrases are held to the same five per intent.
MAX_SKILL_LAUNCH_PHRASES = 5
MAX_INTENT_LAUNCH_PHRASES = 5
INGRESS_TYPES = ("LAUNCH", "INTENT")
INGRESS_FORMAT = "RAW_TEXT"

_NAME = re.compile(r"[A-Za-z_]+")
_BUILT_IN_INTENT = re.compile(r"AMAZON\.[A-Za-z_]+(<[^<>]+>)?")
_BUILT_IN_TYPE = re.compile(r"AMAZON\.[A-Za-z_]+")
# A word of an invocation name: letters with an optional possessive apostrophe ("sam's"), or
# one letter of an abbreviation with its period ("a. b. c.").
_INVOCATION_WORD = re.compile(r"[a-z]\.|[a-z]+(?:'[a-z]*)?")


def check_model(document: Any) -> list[Problem]:
    """Every rule an ASK CLI model file's JSON breaks; an empty list means it builds cleanly."""
    interaction = document.get("interactionModel") if isinstance(document, dict) else None
    if not isinstance(interaction, dict) or not isinstance(interaction.get("languageModel"), dict):
        # Alexa takes the whole file only; nothing else can be checked without it.
        return [NOT_ASK_CLI]
    reading = read_model(document)
    model = reading.model
    problems = list(reading.problems)
    if model.invocation_name:
        problems += _check_invocation(model.invocation_name)
    problems += _check_intent_names(model)
    problems += _check_required_built_ins(model)
    for intent in model.intents:
        problems += _check_intent(intent)
    problems += _check_sample_collisions(model)
    for slot_type in model.types.values():
        problems += _check_type(slot_type, model)
    problems += _check_name_free(model)
    # Reported by area, as the model file reads: the name, the intents, the types, then the
    # name-free ingress points.
    return sorted(problems, key=lambda problem: _AREAS.index(_area(problem.where)))


_AREAS = ("interactionModel", "invocationName", "intents", "types", NAME_FREE)


def _area(where: str) -> str:
    area = re.split(r"[.\[]", where, maxsplit=1)[0]
    return area if area in _AREAS else "interactionModel"


# --- invocation name -------------------------------------------------------------------------


def _check_invocation(name: str) -> Iterator[Problem]:
    where = "invocationName"
    shown = f"invocation name '{name}'"
    low, high = INVOCATION_LENGTH
    if not low <= len(name) <= high:
        yield Problem(where, f"{shown} is {len(name)} characters long; it must be {low}-{high}")
    if name != name.lower():
        yield Problem(where, f"{shown} must be all lower case")
    if any(ch.isdigit() for ch in name):
        yield Problem(where, f"{shown} contains digits; spell numbers out ('twenty one')")
    words = name.lower().split()
    # Words with digits were reported above; say nothing twice.
    bad = [
        w for w in words if not _INVOCATION_WORD.fullmatch(w) and not any(c.isdigit() for c in w)
    ]
    if bad:
        yield Problem(
            where,
            f"{shown} has {', '.join(repr(w) for w in bad)}: only letters, spaces, possessive "
            "apostrophes and periods in abbreviations ('a. b. c.') are allowed",
        )
    for word in words:
        bare = word.rstrip(".")
        if bare in RESERVED_LAUNCH_WORDS or bare in RESERVED_CONNECTING_WORDS:
            yield Problem(where, f"{shown} contains the launch or connecting word '{bare}'")
        elif bare in WAKE_WORDS:
            yield Problem(where, f"{shown} contains the wake word '{bare}'")
        elif bare in GENERIC_WORDS:
            yield Problem(where, f"{shown} contains the word '{bare}', which is not allowed")
    if len(words) == 1:
        yield Problem(
            where,
            f"{shown} is a single word, allowed only for a brand you can prove you own",
            "warning",
        )
    if len(words) == 2 and ARTICLES_AND_PREPOSITIONS & set(words):
        word = sorted(ARTICLES_AND_PREPOSITIONS & set(words))[0]
        yield Problem(
            where,
            f"{shown} has two words and one is the article or preposition '{word}'",
        )


# --- intents ---------------------------------------------------------------------------------


def _check_intent_names(model: LanguageModel) -> Iterator[Problem]:
    for name in dict.fromkeys(intent.name for intent in model.intents):
        where = f"intents[{name}]"
        if name.startswith("AMAZON."):
            if not _BUILT_IN_INTENT.fullmatch(name):
                yield Problem(where, f"built-in intent name '{name}' is malformed")
            elif "<" not in name and name not in STANDARD_BUILT_INS:
                yield Problem(
                    where,
                    f"'{name}' is not a standard built-in intent; custom intents must not "
                    "use the AMAZON. prefix",
                    "warning",
                )
        elif not _NAME.fullmatch(name):
            yield Problem(
                where,
                f"intent name '{name}' may only contain letters and underscores",
            )


def _check_required_built_ins(model: LanguageModel) -> Iterator[Problem]:
    declared = {intent.name for intent in model.intents}
    for name in REQUIRED_BUILT_INS:
        if name not in declared:
            yield Problem("intents", f"the required built-in intent {name} is missing")
    for name in RECOMMENDED_BUILT_INS:
        if name not in declared:
            yield Problem(
                "intents",
                f"the built-in intent {name} is missing; it is recommended so that "
                "out-of-domain requests reach the skill",
                "warning",
            )


def _check_intent(intent: IntentDeclaration) -> Iterator[Problem]:
    where = f"intents[{intent.name}]"
    name = intent.name
    for slot in intent.slots:
        if not _NAME.fullmatch(slot.name):
            yield Problem(
                f"{where}.slots[{slot.name}]",
                f"slot name '{slot.name}' in {name} may only contain letters and underscores",
            )
    if name == FALLBACK_INTENT and intent.samples:
        yield Problem(f"{where}.samples", f"{FALLBACK_INTENT} does not accept sample utterances")
    elif not intent.is_built_in and not intent.samples:
        yield Problem(f"{where}.samples", f"custom intent {name} has no sample utterances")
    used: set[str] = set()
    for index, sample in enumerate(intent.samples):
        sample_where = f"{where}.samples[{index}]"
        yield from _check_sample(sample_where, name, sample, used)
        owner = RESERVED_PHRASES.get(_key(sample))
        if owner and not intent.is_built_in:
            yield Problem(
                sample_where,
                f"sample '{sample}' in {name} is a phrase of {owner}; leave it to the built-in",
            )
    for slot in intent.slots:
        for index, sample in enumerate(slot.samples):
            yield from _check_sample(f"{where}.slots[{slot.name}].samples[{index}]", name,
                                     sample, used)  # fmt: skip
    for slot_name in dict.fromkeys(slot.name for slot in intent.slots):
        if slot_name not in used:
            yield Problem(
                f"{where}.slots[{slot_name}]",
                f"slot '{slot_name}' of {name} is not used in any sample utterance",
                "warning",
            )


# --- sample utterances -----------------------------------------------------------------------


def _check_sample(where: str, intent_name: str, sample: str, used: set[str]) -> Iterator[Problem]:
    """Alexa's rules for one sample; the reader has already reported undeclared slots."""
    shown = f"sample '{sample}' in {intent_name}"
    if not sample.strip():
        yield Problem(where, f"an empty sample in {intent_name}")
        return
    if len(sample) > MAX_SAMPLE_LENGTH:
        yield Problem(
            where, f"{shown} is {len(sample)} characters; the limit is {MAX_SAMPLE_LENGTH}"
        )
    references = SLOT_GAP.findall(sample)
    text = SLOT_GAP.sub(" ", sample)
    if "{" in text or "}" in text:
        yield Problem(where, f"{shown} has an unmatched curly bracket")
    if any(ch.isdigit() for ch in text):
        yield Problem(
            where, f"{shown} contains digits; spell numbers out ('one hundred and fifty')"
        )
    odd = sorted({ch for ch in text if not (ch.isalpha() or ch.isdigit() or ch in " '.{}")})
    if odd:
        yield Problem(
            where,
            f"{shown} contains {', '.join(repr(ch) for ch in odd)}; samples may only contain "
            "letters, spaces, apostrophes, periods for abbreviations and {slot} references",
        )
    if re.search(r"[^\s]\{|\}[^\s]", sample):
        yield Problem(where, f"{shown} has a slot reference not separated from the text by spaces")
    seen: set[str] = set()
    for ref in references:
        if ref in seen:
            yield Problem(where, f"{shown} uses slot '{ref}' more than once")
        seen.add(ref)
        used.add(ref)
    if references and not text.strip():
        # Alexa accepts these (they are how people answer "which one?"), so this is advice.
        yield Problem(
            where,
            f"{shown} is only a slot reference; it would match almost anything the user says",
            severity="warning",
        )


def _check_sample_collisions(model: LanguageModel) -> Iterator[Problem]:
    """The same words as two samples: an error in one intent, an utterance conflict across two.

    Compared as Alexa hears them (`normalise`): case, punctuation and spacing make no difference
    to speech, so "What's on?" and "what's on" are one utterance, as are "turn on the t. v." and
    "turn on the tv"."""
    owners: dict[str, tuple[str, str]] = {}
    for intent in model.intents:
        for index, sample in enumerate(intent.samples):
            if not sample.strip():
                continue
            # A sample with slots is compared as written ("{condition}" is not the word).
            key = "\0" + _key(sample) if SLOT_GAP.search(sample) else normalise(sample)
            sample_where = f"intents[{intent.name}].samples[{index}]"
            if key not in owners:
                owners[key] = (intent.name, sample)
                continue
            owner, first = owners[key]
            if owner == intent.name:
                yield Problem(sample_where, f"sample '{sample}' appears twice in {intent.name}")
            else:
                yield Problem(
                    sample_where,
                    f"sample '{sample}' in {intent.name} is also a sample of {owner} ('{first}'); "
                    "a sample may belong to one intent only",
                )
    plain = {key: owner for key, owner in owners.items() if not key.startswith("\0")}
    yield from filled_slot_conflicts(model, plain)


# --- custom slot types -----------------------------------------------------------------------


def _check_type(slot_type: SlotType, model: LanguageModel) -> Iterator[Problem]:
    name = slot_type.name
    where = f"types[{name}]"
    if not (_NAME.fullmatch(name) or _BUILT_IN_TYPE.fullmatch(name)):
        yield Problem(where, f"slot type name '{name}' may only contain letters and underscores")
    if not any(slot.type == name for intent in model.intents for slot in intent.slots):
        yield Problem(where, f"slot type '{name}' is not used by any slot", "warning")
    if not slot_type.values:
        yield Problem(f"{where}.values", f"slot type '{name}' has no values")
    ids: set[str] = set()
    phrases: dict[str, str] = {}
    for index, value in enumerate(slot_type.values):
        label = value.id if value.has_id else str(index)
        value_where = f"{where}.values[{label}]"
        if value.has_id:
            if value.id in ids:
                yield Problem(value_where, f"id '{value.id}' is used twice in slot type '{name}'")
            ids.add(value.id)
        for position, phrase in enumerate(value.phrases):
            phrase_where = (
                value_where if position == 0 else f"{value_where}.synonyms[{position - 1}]"
            )
            key = _key(phrase)
            if key in phrases:
                yield Problem(
                    phrase_where,
                    f"'{phrase}' appears twice in slot type '{name}' (already under "
                    f"{phrases[key]}); values and synonyms must be unique within a type",
                )
            else:
                phrases[key] = label


# --- name-free ingress points ----------------------------------------------------------------


def _check_name_free(model: LanguageModel) -> Iterator[Problem]:
    launch_phrases = 0
    per_intent: dict[str, int] = {}
    seen: dict[str, str] = {}
    for index, point in enumerate(model.ingress_points):
        where = f"{NAME_FREE}.ingressPoints[{index}]"
        yield from _check_ingress_point(where, point, model)
        if point.type == "LAUNCH":
            launch_phrases += len(point.phrases)
        elif point.type == "INTENT" and point.intent:
            per_intent[point.intent] = per_intent.get(point.intent, 0) + len(point.phrases)
        owner = "skill launch" if point.type == "LAUNCH" else str(point.intent)
        for position, phrase in enumerate(point.phrases):
            phrase_where = f"{where}.sampleUtterances[{position}]"
            yield from _check_ingress_phrase(phrase_where, phrase.format, phrase.value, model)
            key = _key(phrase.value)
            if key and key in seen:
                yield Problem(
                    phrase_where,
                    f"ingress phrase '{phrase.value}' ({owner}) is already a phrase of "
                    f"{seen[key]}; a phrase may lead one way only",
                )
            seen.setdefault(key, owner)
    if launch_phrases > MAX_SKILL_LAUNCH_PHRASES:
        yield Problem(
            f"{NAME_FREE}.ingressPoints",
            f"{launch_phrases} skill launch phrases; the limit is {MAX_SKILL_LAUNCH_PHRASES}",
        )
    for intent, count in per_intent.items():
        if count > MAX_INTENT_LAUNCH_PHRASES:
            yield Problem(
                f"{NAME_FREE}.ingressPoints",
                f"{count} intent launch phrases for {intent}; the limit is "
                f"{MAX_INTENT_LAUNCH_PHRASES}",
            )


def _check_ingress_point(
    where: str, point: IngressPoint, model: LanguageModel
) -> Iterator[Problem]:
    if point.type not in INGRESS_TYPES:
        yield Problem(
            f"{where}.type",
            f"ingress point type '{point.type}' must be LAUNCH or INTENT",
        )
    elif point.type == "LAUNCH" and point.intent is not None:
        yield Problem(f"{where}.name", "a LAUNCH ingress point names no intent")
    elif point.type == "INTENT":
        if not point.intent:
            yield Problem(f"{where}.name", "an INTENT ingress point must name an intent")
        elif model.intent(point.intent) is None:
            yield Problem(
                f"{where}.name",
                f"ingress point intent '{point.intent}' is not an intent of the model",
            )
        elif point.intent.startswith("AMAZON."):
            yield Problem(
                f"{where}.name",
                f"ingress point intent '{point.intent}' is built in; only custom intents can be "
                "opened name-free",
            )
    if not point.phrases:
        yield Problem(f"{where}.sampleUtterances", "an ingress point needs at least one phrase")


def _check_ingress_phrase(
    where: str, written: str, value: str, model: LanguageModel
) -> Iterator[Problem]:
    shown = f"ingress phrase '{value}'"
    if written != INGRESS_FORMAT:
        yield Problem(f"{where}.format", f"{shown} has format '{written}'; it must be RAW_TEXT")
    if not value.strip():
        yield Problem(where, "an empty ingress phrase")
        return
    if "{" in value or "}" in value:
        yield Problem(where, f"{shown} has a slot or a curly bracket; ingress phrases take none")
    if len(value) > MAX_SAMPLE_LENGTH:
        yield Problem(
            where, f"{shown} is {len(value)} characters; the limit is {MAX_SAMPLE_LENGTH}"
        )
    if any(ch.isdigit() for ch in value):
        yield Problem(where, f"{shown} contains digits; spell numbers out")
    odd = sorted({ch for ch in value if not (ch.isalpha() or ch.isdigit() or ch in " '.{}")})
    if odd:
        yield Problem(
            where,
            f"{shown} contains {', '.join(repr(ch) for ch in odd)}; only letters, spaces, "
            "apostrophes and periods for abbreviations",
        )
    words = _key(value).split()
    if words and words[0].strip(",.") in WAKE_WORDS:
        yield Problem(where, f"{shown} starts with the wake word; Alexa hears the rest only")
    name = _key(model.invocation_name)
    if name and f" {name} " in f" {' '.join(words)} ":
        yield Problem(
            where,
            f"{shown} contains the invocation name; name-free phrases are how people ask "
            "without it",
        )
    if len(words) == 1:
        yield Problem(
            where,
            f"{shown} is a single word; ingress phrases should be complete phrases",
            "warning",
        )


def _key(text: str) -> str:
    """Alexa compares samples and slot values ignoring case and extra spaces."""
    return " ".join(text.lower().split())
