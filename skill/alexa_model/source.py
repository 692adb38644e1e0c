"""An interaction model written as grammar files, built into the JSON the ASK CLI deploys.

A grammar folder holds YAML files, read in name order. Each may have:

- `model`: the keys of `interactionModel` other than the language model's intents and types
  (`invocationName`, `_nameFreeInteraction`, `dialog`, `prompts`), given once in the folder;
- `rules`: named lists of templates (see `alexa_model.grammar`), shared by every file;
- `intents`: each with `name`, optional `slots` (as in the model) and `samples` (templates);
- `types`: each with `name` and `values`: `id`, `name`, `synonyms` (templates) and optional
  `rules` of its own (a warning sign's body parts and change words, say).

An intent or type named in two files is one intent or type: its samples or values are joined in
file order, so the language for one subject can live in its own file. The JSON written is what
Alexa gets; `is_current` tells whether a committed model still matches its grammar.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from alexa_model.errors import AlexaModelError
from alexa_model.grammar import GrammarError, expand

GRAMMAR_SUFFIX = ".yaml"


class SourceError(AlexaModelError):
    """A grammar folder that cannot be built; the message names the file and the place."""


@dataclass
class _Intent:
    name: str
    slots: list[dict[str, Any]] | None = None
    samples: list[str] = field(default_factory=list)


@dataclass
class _Type:
    name: str
    values: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class _Grammar:
    model: dict[str, Any] = field(default_factory=dict)
    rules: dict[str, list[str]] = field(default_factory=dict)
    intents: dict[str, _Intent] = field(default_factory=dict)
    types: dict[str, _Type] = field(default_factory=dict)


def grammar_files(folder: Path) -> list[Path]:
    """Every grammar file under `folder`, sub-folders included, in the order of their paths."""
    return sorted(
        (path for path in folder.rglob(f"*{GRAMMAR_SUFFIX}") if path.is_file()),
        key=lambda path: path.relative_to(folder).as_posix(),
    )


def build_model(folder: str | Path) -> dict[str, Any]:
    """The interaction model document the grammar in `folder` describes."""
    folder = Path(folder)
    files = grammar_files(folder)
    if not files:
        raise SourceError(f"{folder}: no grammar files (*{GRAMMAR_SUFFIX})")
    grammar = _Grammar()
    for path in files:
        _read_into(grammar, path, path.relative_to(folder).as_posix())
    if "invocationName" not in grammar.model:
        raise SourceError(f"{folder}: no file gives model.invocationName")
    return _document(grammar)


def render(document: Mapping[str, Any]) -> str:
    """The model as the committed file spells it: one-space JSON, UTF-8, a final newline.
    One space, not two: the file is what `ask deploy` uploads, and Amazon's model API takes a
    model definition of at most 1,000,000 characters; a line per value still diffs well."""
    return json.dumps(document, indent=1, ensure_ascii=False) + "\n"


def is_current(folder: str | Path, model_file: str | Path) -> bool:
    """Whether `model_file` is exactly what the grammar in `folder` builds."""
    try:
        committed = Path(model_file).read_text(encoding="utf-8")
    except FileNotFoundError:
        return False
    return committed == render(build_model(folder))


def _read_into(grammar: _Grammar, path: Path, file_name: str) -> None:
    try:
        loaded = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as error:
        raise SourceError(f"{file_name}: not valid YAML ({error})") from error
    if not isinstance(loaded, dict):
        raise SourceError(f"{file_name}: expected a mapping at the top")
    unknown = set(loaded) - {"model", "rules", "intents", "types"}
    if unknown:
        raise SourceError(f"{file_name}: unknown sections {sorted(unknown)}")
    for key, value in (loaded.get("model") or {}).items():
        if key in grammar.model:
            raise SourceError(f"{file_name}: model.{key} is given in two files")
        grammar.model[key] = value
    # Rules first, so a file's samples may use the rules it defines, wherever they sit in it.
    for name, bodies in (loaded.get("rules") or {}).items():
        if name in grammar.rules:
            raise SourceError(f"{file_name}: the rule <{name}> is defined twice")
        grammar.rules[name] = _templates(bodies, f"{file_name}: rules.{name}")
    for entry in loaded.get("intents") or []:
        _add_intent(grammar, entry, file_name)
    for entry in loaded.get("types") or []:
        _add_type(grammar, entry, file_name)


def _templates(value: Any, where: str) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return list(value)
    raise SourceError(f"{where}: expected a template or a list of templates")


def _add_intent(grammar: _Grammar, entry: Any, file_name: str) -> None:
    if not isinstance(entry, dict) or not isinstance(entry.get("name"), str):
        raise SourceError(f"{file_name}: every intent needs a name")
    name = entry["name"]
    intent = grammar.intents.setdefault(name, _Intent(name))
    if "slots" in entry:
        if intent.slots is not None:
            raise SourceError(f"{file_name}: the slots of {name} are given in two files")
        intent.slots = entry["slots"]
    where = f"{file_name}: {name}"
    for template in _templates(entry.get("samples") or [], where):
        intent.samples += _expanded(template, grammar.rules, {}, where)


def _add_type(grammar: _Grammar, entry: Any, file_name: str) -> None:
    if not isinstance(entry, dict) or not isinstance(entry.get("name"), str):
        raise SourceError(f"{file_name}: every slot type needs a name")
    slot_type = grammar.types.setdefault(entry["name"], _Type(entry["name"]))
    for value in entry.get("values") or []:
        where = f"{file_name}: {slot_type.name}"
        if not isinstance(value, dict) or not isinstance(value.get("name"), str):
            raise SourceError(f"{where}: every value needs a name")
        local = {
            rule: _templates(bodies, f"{where}.{value['name']}.rules.{rule}")
            for rule, bodies in (value.get("rules") or {}).items()
        }
        synonyms: list[str] = []
        for template in _templates(value.get("synonyms") or [], f"{where}.{value['name']}"):
            synonyms += _expanded(template, grammar.rules, local, f"{where}.{value['name']}")
        # A value named in two files (a sign's listed phrases, and its grammar) is one value.
        same = [known for known in slot_type.values if known["name"] == value["name"]]
        if same:
            if same[0]["id"] != value.get("id"):
                raise SourceError(f"{where}.{value['name']}: two different ids for one value")
            same[0]["synonyms"] += synonyms
            continue
        slot_type.values.append(
            {"id": value.get("id"), "name": value["name"], "synonyms": synonyms}
        )


def _expanded(
    template: str, rules: Mapping[str, list[str]], local: Mapping[str, list[str]], where: str
) -> list[str]:
    def lookup(name: str) -> Sequence[str] | None:
        return local.get(name, rules.get(name))

    try:
        return expand(template, lookup)
    except GrammarError as error:
        raise SourceError(f"{where}: {error}") from error


def _document(grammar: _Grammar) -> dict[str, Any]:
    intents = []
    for intent in grammar.intents.values():
        built: dict[str, Any] = {"name": intent.name}
        if intent.slots is not None:
            built["slots"] = intent.slots
        built["samples"] = list(dict.fromkeys(intent.samples))
        intents.append(built)
    types = []
    for slot_type in grammar.types.values():
        values = []
        claimed: dict[str, str] = {}
        clashes: list[str] = []
        for value in slot_type.values:
            own = value["name"].lower()
            synonyms = [s for s in dict.fromkeys(value["synonyms"]) if s.lower() != own]
            for phrase in (own, *(s.lower() for s in synonyms)):
                other = claimed.setdefault(phrase, value["name"])
                if other != value["name"]:
                    clashes.append(f"{phrase!r} ({other!r} and {value['name']!r})")
            name: dict[str, Any] = {"value": value["name"]}
            if synonyms:
                name["synonyms"] = synonyms
            built_value: dict[str, Any] = {"name": name}
            if value["id"] is not None:
                built_value = {"id": value["id"], **built_value}
            values.append(built_value)
        if clashes:
            shown = "; ".join(clashes[:12]) + (" ..." if len(clashes) > 12 else "")
            raise SourceError(
                f"{slot_type.name}: {len(clashes)} phrase(s) stand for two values, and a phrase "
                f"may stand for one only: {shown}"
            )
        types.append({"name": slot_type.name, "values": values})
    language: dict[str, Any] = {"invocationName": grammar.model["invocationName"]}
    language["intents"] = intents
    if types:
        language["types"] = types
    document: dict[str, Any] = {"languageModel": language}
    for key, value in grammar.model.items():
        if key != "invocationName":
            document[key] = value
    return {"interactionModel": document}
