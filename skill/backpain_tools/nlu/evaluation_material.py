"""The material an evaluation set is made from, read as it is written in a checkout: the everyday
corpus (tests/corpus/<locale>) and the blind exam's batches (tests/exam/<locale>/batch-N).

Read only: nothing here writes to those folders or feeds the model."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from echo_sim.errors import CommandError

KNOWN_FAILURES = "known_failures.yaml"
# libyaml's loader when PyYAML has it: the exam is large enough for the pure-Python one to show.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class Item:
    """One thing a person says, with what they should get."""

    source: str
    """Where it is written ("corpus/questions.yaml", "exam/batch-1/conversations.yaml")."""
    utterance: str
    label: str
    """The exam's `expect` (with " (emergency)" for an ambulance request) or the corpus answer."""
    fields: Mapping[str, Any] = field(default_factory=dict)
    """The item's other fields (`question`, `condition`, ...), for the meanings' `$field`."""
    after: tuple[str, ...] = ()
    """What the corpus case says first in the same session."""
    known_failure: bool = False
    """A corpus case tests/corpus/<locale>/known_failures.yaml lists as a miss."""


def corpus_items(folder: Path) -> list[Item]:
    """Every case of the everyday corpus, in file order."""
    if not folder.is_dir():
        raise CommandError(f"no corpus folder {folder}")
    known = _load(folder / KNOWN_FAILURES) if (folder / KNOWN_FAILURES).is_file() else {}
    items = []
    for path in sorted(folder.glob("*.yaml")):
        if path.name == KNOWN_FAILURES:
            continue
        document = _load(path)
        cases = document.get("cases") if isinstance(document, dict) else None
        if not isinstance(cases, list):
            raise CommandError(f"{path}: expected a 'cases' list")
        for case in cases:
            after = tuple(_line(line) for line in case.get("after") or ())
            say = _line(case["say"])
            items.append(
                Item(
                    f"corpus/{path.name}",
                    say,
                    str(case["answer"]),
                    after=after,
                    known_failure=" > ".join((*after, say)) in known,
                )
            )
    return items


def exam_batches(folder: Path) -> list[Path]:
    """The exam's batch folders, oldest first."""
    if not folder.is_dir():
        raise CommandError(f"no exam folder {folder}")
    return sorted((path for path in folder.iterdir() if path.is_dir()), key=_batch_order)


def exam_items(batch: Path) -> list[Item]:
    """A batch's single utterances, then each conversation's turns, in file order."""
    items = []
    utterances = batch / "utterances.yaml"
    for raw in _listed(utterances):
        items.append(_exam_item(f"exam/{batch.name}/{utterances.name}", raw, "text"))
    conversations = batch / "conversations.yaml"
    if conversations.is_file():
        for conversation in _listed(conversations):
            for turn in conversation.get("turns") or []:
                items.append(_exam_item(f"exam/{batch.name}/{conversations.name}", turn, "say"))
    return items


def _exam_item(source: str, raw: Mapping[str, Any], text_key: str) -> Item:
    label = str(raw["expect"])
    if raw.get("emergency"):
        label += " (emergency)"
    fields = {k: v for k, v in raw.items() if k not in (text_key, "expect")}
    return Item(source, _line(raw[text_key]), label, fields)


def _batch_order(path: Path) -> tuple[int, str]:
    number = path.name.removeprefix("batch-")
    return (int(number), path.name) if number.isdigit() else (0, path.name)


def _listed(path: Path) -> list[Mapping[str, Any]]:
    document = _load(path)
    if not isinstance(document, list):
        raise CommandError(f"{path}: expected a list")
    return document


def _load(path: Path) -> Any:
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER)
    except yaml.YAMLError as error:
        raise CommandError(f"{path} is not valid YAML: {error}") from error


def _line(value: Any) -> str:
    # YAML 1.1 reads a bare yes or no as a boolean; here it is what the person said.
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value).strip()
