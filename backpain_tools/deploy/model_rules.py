"""Check an ASK CLI interaction model against Alexa's documented build and certification rules."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Problem:
    """One broken rule, found at one place in the model."""

    where: str
    """A JSON-ish path to the offending part, e.g. "intents[ReliefIntent].samples[3]"."""
    message: str
    """What is wrong, naming the sample, slot, type or intent concerned."""
    severity: Severity = "error"
    """"error": Alexa refuses to build or certify it; "warning": builds, but is advised against."""


# Alexa refuses to build a skill without these (NavigateHome is added for screen devices).
REQUIRED_BUILT_INS = (
    "AMAZON.CancelIntent",
    "AMAZON.HelpIntent",
    "AMAZON.StopIntent",
    "AMAZON.NavigateHomeIntent",
)
RECOMMENDED_BUILT_INS = ("AMAZON.FallbackIntent",)

# The standard built-in intents a custom skill can declare. Anything else with the AMAZON.
# prefix is most likely a custom intent wrongly named (the parametrised
# "AMAZON.SearchAction<object@...>" family is recognised by its angle brackets).
STANDARD_BUILT_INS = frozenset(
    f"AMAZON.{name}Intent"
    for name in (
        "Cancel", "Fallback", "Help", "LoopOff", "LoopOn", "More", "NavigateHome",
        "NavigateSettings", "Next", "No", "PageDown", "PageUp", "Pause", "Previous", "Repeat",
        "Resume", "ScrollDown", "ScrollLeft", "ScrollRight", "ScrollUp", "Select",
        "SendToPhone", "ShuffleOff", "ShuffleOn", "StartOver", "Stop", "Yes",
    )
)  # fmt: skip

# Phrases Alexa already routes to a built-in; a custom sample equal to one steals it.
BUILT_IN_PHRASES = {
    "help": "AMAZON.HelpIntent",
    "help me": "AMAZON.HelpIntent",
    "stop": "AMAZON.StopIntent",
    "cancel": "AMAZON.CancelIntent",
    "never mind": "AMAZON.CancelIntent",
    "yes": "AMAZON.YesIntent",
    "no": "AMAZON.NoIntent",
    "repeat": "AMAZON.RepeatIntent",
    "say that again": "AMAZON.RepeatIntent",
    "start over": "AMAZON.StartOverIntent",
    "go home": "AMAZON.NavigateHomeIntent",
    "next": "AMAZON.NextIntent",
    "previous": "AMAZON.PreviousIntent",
    "pause": "AMAZON.PauseIntent",
    "resume": "AMAZON.ResumeIntent",
}

LAUNCH_WORDS = frozenset({"launch", "ask", "tell", "load", "begin", "enable"})
CONNECTING_WORDS = frozenset({"to", "from", "by", "if", "and", "whether"})
WAKE_WORDS = frozenset({"alexa", "amazon", "echo", "computer", "ziggy"})
GENERIC_WORDS = frozenset({"skill", "app"})
# Not allowed in a two-word invocation name ("a bicycle", "for fun").
ARTICLES_AND_PREPOSITIONS = frozenset({"the", "a", "an", "for", "to", "of"})

MAX_SAMPLE_LENGTH = 200
INVOCATION_LENGTH = (2, 50)

_NAME = re.compile(r"[A-Za-z_]+")
_BUILT_IN_INTENT = re.compile(r"AMAZON\.[A-Za-z_]+(<[^<>]+>)?")
_BUILT_IN_TYPE = re.compile(r"AMAZON\.[A-Za-z_]+")
_SLOT_REF = re.compile(r"\{([^{}]*)\}")
# A word of an invocation name: letters with an optional possessive apostrophe ("sam's"), or
# one letter of an abbreviation with its period ("a. b. c.").
_INVOCATION_WORD = re.compile(r"[a-z]\.|[a-z]+(?:'[a-z]*)?")


def check_model(model: dict[str, Any]) -> list[Problem]:
    """Every rule `model` breaks, grouped by area; an empty list means it builds cleanly."""
    interaction = _mapping(model).get("interactionModel")
    language = _mapping(interaction).get("languageModel")
    if not isinstance(language, dict):
        return [
            Problem(
                "interactionModel.languageModel",
                "the model has no 'interactionModel.languageModel' object "
                "(expected the ASK CLI format)",
            )
        ]
    problems = list(_check_invocation(language.get("invocationName")))
    intents = language.get("intents")
    types = language.get("types", [])
    if not isinstance(intents, list):
        problems.append(Problem("intents", "'intents' must be a list of intent objects"))
        intents = []
    if not isinstance(types, list):
        problems.append(Problem("types", "'types' must be a list of slot type objects"))
        types = []
    type_names = {name for t in types if (name := _name(t))}
    problems += _check_intent_names(intents)
    problems += _check_required_built_ins(intents)
    for index, intent in enumerate(intents):
        problems += _check_intent(index, intent, type_names)
    problems += _check_sample_collisions(intents)
    problems += _check_types(types, intents)
    return problems


# --- invocation name -------------------------------------------------------------------------


def _check_invocation(name: object) -> Iterator[Problem]:
    where = "invocationName"
    if not isinstance(name, str) or not name.strip():
        yield Problem(where, "the invocation name is missing or empty")
        return
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
        if bare in LAUNCH_WORDS or bare in CONNECTING_WORDS:
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


def _intent_where(index: int, intent: object) -> str:
    name = _name(intent)
    return f"intents[{name}]" if name else f"intents[{index}]"


def _check_intent_names(intents: list[Any]) -> Iterator[Problem]:
    seen: set[str] = set()
    for index, intent in enumerate(intents):
        where = _intent_where(index, intent)
        if not isinstance(intent, dict):
            yield Problem(where, "each intent must be an object with a 'name'")
            continue
        name = intent.get("name")
        if not isinstance(name, str) or not name:
            yield Problem(where, "the intent has no name")
            continue
        if name in seen:
            yield Problem(where, f"intent '{name}' is declared more than once")
        seen.add(name)
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


def _check_required_built_ins(intents: list[Any]) -> Iterator[Problem]:
    declared = {_name(i) for i in intents}
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


def _check_intent(index: int, intent: object, type_names: set[str]) -> Iterator[Problem]:
    if not isinstance(intent, dict):
        return
    where = _intent_where(index, intent)
    name = str(intent.get("name") or f"intent {index}")
    built_in = name.startswith("AMAZON.")
    slots = intent.get("slots", [])
    if not isinstance(slots, list):
        yield Problem(f"{where}.slots", f"'slots' of {name} must be a list")
        slots = []
    declared: dict[str, object] = {}
    for slot_index, slot in enumerate(slots):
        yield from _check_slot(where, name, slot_index, slot, declared, type_names)
    samples = intent.get("samples", [])
    if not isinstance(samples, list):
        yield Problem(f"{where}.samples", f"'samples' of {name} must be a list of strings")
        samples = []
    if name == "AMAZON.FallbackIntent" and samples:
        yield Problem(f"{where}.samples", "AMAZON.FallbackIntent does not accept sample utterances")
    elif not built_in and not samples:
        yield Problem(f"{where}.samples", f"custom intent {name} has no sample utterances")
    used: set[str] = set()
    for sample_index, sample in enumerate(samples):
        sample_where = f"{where}.samples[{sample_index}]"
        yield from _check_sample(sample_where, name, sample, declared, used)
        if isinstance(sample, str) and not built_in:
            owner = BUILT_IN_PHRASES.get(_normalise(sample))
            if owner:
                yield Problem(
                    sample_where,
                    f"sample '{sample}' in {name} is a phrase of {owner}; leave it to the built-in",
                )
    for slot_index, slot in enumerate(slots):
        slot_name = _mapping(slot).get("name")
        slot_samples = _mapping(slot).get("samples", [])
        if not isinstance(slot_samples, list):
            continue
        for sample_index, sample in enumerate(slot_samples):
            sample_where = f"{where}.slots[{slot_name or slot_index}].samples[{sample_index}]"
            yield from _check_sample(sample_where, name, sample, declared, used)
    for slot_name in declared:
        if slot_name not in used:
            yield Problem(
                f"{where}.slots[{slot_name}]",
                f"slot '{slot_name}' of {name} is not used in any sample utterance",
                "warning",
            )


def _check_slot(
    where: str,
    intent_name: str,
    index: int,
    slot: object,
    declared: dict[str, object],
    type_names: set[str],
) -> Iterator[Problem]:
    slot_where = f"{where}.slots[{index}]"
    if not isinstance(slot, dict) or not isinstance(slot.get("name"), str):
        yield Problem(slot_where, f"slot {index} of {intent_name} must be an object with a name")
        return
    name = slot["name"]
    slot_where = f"{where}.slots[{name}]"
    if not _NAME.fullmatch(name):
        yield Problem(
            slot_where,
            f"slot name '{name}' in {intent_name} may only contain letters and underscores",
        )
    if name in declared:
        yield Problem(slot_where, f"slot '{name}' is declared twice in {intent_name}")
    declared[name] = slot.get("type")
    slot_type = slot.get("type")
    if not isinstance(slot_type, str) or not slot_type:
        yield Problem(slot_where, f"slot '{name}' in {intent_name} has no type")
    elif slot_type not in type_names and not _BUILT_IN_TYPE.fullmatch(slot_type):
        yield Problem(
            slot_where,
            f"slot '{name}' in {intent_name} has type '{slot_type}', which is neither a "
            "custom type in 'types' nor a built-in AMAZON type",
        )


# --- sample utterances -----------------------------------------------------------------------


def _check_sample(
    where: str, intent_name: str, sample: object, declared: dict[str, object], used: set[str]
) -> Iterator[Problem]:
    if not isinstance(sample, str):
        yield Problem(where, f"a sample in {intent_name} is not a string: {sample!r}")
        return
    shown = f"sample '{sample}' in {intent_name}"
    if not sample.strip():
        yield Problem(where, f"an empty sample in {intent_name}")
        return
    if len(sample) > MAX_SAMPLE_LENGTH:
        yield Problem(
            where, f"{shown} is {len(sample)} characters; the limit is {MAX_SAMPLE_LENGTH}"
        )
    references = _SLOT_REF.findall(sample)
    text = _SLOT_REF.sub(" ", sample)
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
        if ref not in declared:
            yield Problem(where, f"{shown} uses slot '{ref}', which the intent does not declare")
        used.add(ref)
    if references and not text.strip():
        # Alexa accepts these (they are how people answer "which one?"), so this is advice.
        yield Problem(
            where,
            f"{shown} is only a slot reference; it would match almost anything the user says",
            severity="warning",
        )


def _check_sample_collisions(intents: list[Any]) -> Iterator[Problem]:
    owners: dict[str, tuple[str, str]] = {}
    for index, intent in enumerate(intents):
        if not isinstance(intent, dict) or not isinstance(intent.get("samples"), list):
            continue
        where = _intent_where(index, intent)
        name = str(intent.get("name") or f"intent {index}")
        for sample_index, sample in enumerate(intent["samples"]):
            if not isinstance(sample, str) or not sample.strip():
                continue
            key = _normalise(sample)
            sample_where = f"{where}.samples[{sample_index}]"
            if key not in owners:
                owners[key] = (name, sample)
                continue
            owner, first = owners[key]
            if owner == name:
                yield Problem(sample_where, f"sample '{sample}' appears twice in {name}")
            else:
                yield Problem(
                    sample_where,
                    f"sample '{sample}' in {name} is also a sample of {owner} ('{first}'); "
                    "a sample may belong to one intent only",
                )


# --- custom slot types -----------------------------------------------------------------------


def _check_types(types: list[Any], intents: list[Any]) -> Iterator[Problem]:
    used_types = {
        slot_type
        for intent in intents
        for slot in _list(_mapping(intent).get("slots"))
        if isinstance(slot_type := _mapping(slot).get("type"), str)
    }
    seen: set[str] = set()
    for index, slot_type in enumerate(types):
        name = _mapping(slot_type).get("name")
        if not isinstance(slot_type, dict) or not isinstance(name, str) or not name:
            yield Problem(f"types[{index}]", "each slot type must be an object with a name")
            continue
        where = f"types[{name}]"
        if name in seen:
            yield Problem(where, f"slot type '{name}' is declared more than once")
        seen.add(name)
        if not (_NAME.fullmatch(name) or _BUILT_IN_TYPE.fullmatch(name)):
            yield Problem(
                where, f"slot type name '{name}' may only contain letters and underscores"
            )
        if name not in used_types:
            yield Problem(where, f"slot type '{name}' is not used by any slot", "warning")
        values = slot_type.get("values")
        if not isinstance(values, list) or not values:
            yield Problem(f"{where}.values", f"slot type '{name}' has no values")
            continue
        yield from _check_values(where, name, values)


def _check_values(where: str, type_name: str, values: list[Any]) -> Iterator[Problem]:
    ids: set[str] = set()
    phrases: dict[str, str] = {}
    for index, value in enumerate(values):
        entry = _mapping(value)
        value_id = entry.get("id")
        spoken = _mapping(entry.get("name"))
        label = value_id if isinstance(value_id, str) and value_id else str(index)
        value_where = f"{where}.values[{label}]"
        if not isinstance(spoken.get("value"), str) or not spoken["value"].strip():
            yield Problem(
                value_where, f"value {label} of slot type '{type_name}' has no name.value"
            )
            continue
        if value_id is not None:
            if not isinstance(value_id, str) or not value_id:
                yield Problem(value_where, f"value '{spoken['value']}' has an empty id")
            elif value_id in ids:
                yield Problem(
                    value_where, f"id '{value_id}' is used twice in slot type '{type_name}'"
                )
            else:
                ids.add(value_id)
        synonyms = spoken.get("synonyms", [])
        if not isinstance(synonyms, list):
            yield Problem(
                f"{value_where}.synonyms", f"synonyms of '{spoken['value']}' must be a list"
            )
            synonyms = []
        for position, phrase in enumerate([spoken["value"], *synonyms]):
            phrase_where = (
                value_where if position == 0 else f"{value_where}.synonyms[{position - 1}]"
            )
            if not isinstance(phrase, str) or not phrase.strip():
                yield Problem(phrase_where, f"an empty synonym of '{spoken['value']}'")
                continue
            key = _normalise(phrase)
            if key in phrases:
                yield Problem(
                    phrase_where,
                    f"'{phrase}' appears twice in slot type '{type_name}' (already under "
                    f"{phrases[key]}); values and synonyms must be unique within a type",
                )
            else:
                phrases[key] = label


# --- helpers ---------------------------------------------------------------------------------


def _normalise(text: str) -> str:
    """Alexa compares samples and slot values ignoring case and extra spaces."""
    return " ".join(text.lower().split())


def _name(value: object) -> str | None:
    """The non-empty string "name" of a JSON object, else None."""
    name = _mapping(value).get("name")
    return name if isinstance(name, str) and name else None


def _mapping(value: object) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _list(value: object) -> list[Any]:
    return value if isinstance(value, list) else []
