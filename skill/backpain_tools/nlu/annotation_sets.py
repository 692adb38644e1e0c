"""Alexa NLU Evaluation annotation sets built from the corpus and the exam, and their files.

The shapes are the Skill Management API's (`ask smapi update-annotations-for-nlu-annotation-sets`):
JSON `{"data": [{"inputs": {"utterance"}, "expected": [{"intent": {"name", "slots": {name:
{"value"}}}}]}]}` and CSV `utterance,referenceTimestamp,intent,slot[name]...`. Beside each set,
a key file keeps every meaning that is right for each utterance, for `backpain nlu score`."""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NoReturn

from alexa_model.model import LanguageModel
from backpain_tools.nlu.evaluation_material import Item
from backpain_tools.nlu.meanings import (
    Meaning,
    MeaningError,
    Reference,
    check_against,
    read_label,
    reference,
)
from backpain_tools.nlu.offline import Heard


@dataclass(frozen=True)
class Annotation:
    """One utterance, the result expected of Alexa, and every result that is right."""

    item: Item
    reference: Reference
    accepted: tuple[Meaning, ...]
    basis: str
    """How the reference was chosen: "label" (meanings.yaml) or "offline device"."""


@dataclass(frozen=True)
class LeftOut:
    """An item no annotation can carry, and why."""

    item: Item
    why: str


@dataclass
class AnnotationSet:
    """What one source (the corpus, one exam batch) becomes."""

    name: str
    locale: str
    annotations: list[Annotation] = field(default_factory=list)
    left_out: list[LeftOut] = field(default_factory=list)


def exam_set(name: str, locale: str, items: Iterable[Item], model: LanguageModel) -> AnnotationSet:
    """An exam batch: each label read through meanings.yaml, never through the device (the exam
    is scored against what a person should get, not against what the model does)."""
    built = AnnotationSet(name, locale)
    for item in items:
        reading = read_label("exam", item.label, item.fields)
        if reading is None:
            raise_unknown("exam", item)
        elif not reading.meanings:
            built.left_out.append(LeftOut(item, reading.why or "no intent of the model means it"))
        else:
            check_against(model, reading.meanings, item.label)
            ref = reference(model, reading.meanings, item.utterance)
            built.annotations.append(Annotation(item, ref, reading.meanings, "label"))
    return built


def corpus_set(
    name: str,
    locale: str,
    items: Iterable[Item],
    model: LanguageModel,
    hear: Callable[[Item], Heard],
) -> AnnotationSet:
    """The corpus: a case the device answers right keeps the intent and slots it was heard as;
    a missed case said on its own is read through meanings.yaml; a missed follow-up is left out."""
    built = AnnotationSet(name, locale)
    for item in items:
        reading = read_label("corpus", item.label, {})
        follow_up = bool(item.after)
        if reading is None and (item.known_failure or not follow_up):
            raise_unknown("corpus", item)
        if reading is not None:
            check_against(model, reading.meanings, item.label)
        if item.known_failure:
            if follow_up or reading is None or not reading.meanings:
                built.left_out.append(
                    LeftOut(
                        item,
                        "a follow-up the offline device misses: what it means depends on the "
                        "lines before it, which an annotation cannot hold",
                    )
                )
                continue
            ref = reference(model, reading.meanings, item.utterance)
            built.annotations.append(Annotation(item, ref, reading.meanings, "label"))
            continue
        got = hear(item)
        device = Meaning(got.intent, tuple((n, i) for n, _, i in got.slots if i is not None))
        ref = Reference(got.intent, tuple((name, words) for name, words, _ in got.slots))
        # Said on its own, any meaning of the answer is right too; a follow-up's words mean
        # only what the device took them for.
        others = () if follow_up or reading is None else reading.meanings
        accepted = (device, *(m for m in others if m != device))
        built.annotations.append(Annotation(item, ref, accepted, "offline device"))
    return built


def raise_unknown(kind: str, item: Item) -> NoReturn:
    raise MeaningError(
        f"{item.source}: the {kind} label {item.label!r} ({item.utterance!r}) is not in "
        "backpain_tools/nlu/meanings.yaml; add what it means there"
    )


# --- files -------------------------------------------------------------------------------------


def nlu_json(built: AnnotationSet) -> dict[str, Any]:
    """The request body of Update annotations (application/json)."""
    data = []
    for annotation in built.annotations:
        intent: dict[str, Any] = {"name": annotation.reference.intent}
        if annotation.reference.slots:
            intent["slots"] = {name: {"value": words} for name, words in annotation.reference.slots}
        data.append(
            {"inputs": {"utterance": annotation.item.utterance}, "expected": [{"intent": intent}]}
        )
    return {"data": data}


def nlu_csv(built: AnnotationSet) -> str:
    """The request body of Update annotations (text/csv): one column per slot name used."""
    names = sorted({name for a in built.annotations for name, _ in a.reference.slots})
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["utterance", "referenceTimestamp", "intent", *(f"slot[{n}]" for n in names)])
    for annotation in built.annotations:
        slots = dict(annotation.reference.slots)
        writer.writerow(
            [
                annotation.item.utterance,
                "",
                annotation.reference.intent,
                *(slots.get(name, "") for name in names),
            ]
        )
    return out.getvalue()


def key_json(built: AnnotationSet) -> dict[str, Any]:
    """Everything `backpain nlu score` needs to judge a live result as the offline score does."""
    return {
        "set": built.name,
        "locale": built.locale,
        "annotations": [
            {
                "utterance": a.item.utterance,
                "label": a.item.label,
                "source": a.item.source,
                "reference": str(Meaning(a.reference.intent)),
                "slots": dict(a.reference.slots),
                "accepted": [str(meaning) for meaning in a.accepted],
                "basis": a.basis,
                **({"note": a.reference.note} if a.reference.note else {}),
            }
            for a in built.annotations
        ],
        "left_out": [
            {"utterance": left.item.utterance, "label": left.item.label, "why": left.why}
            for left in built.left_out
        ],
    }


def write_set(built: AnnotationSet, folder: Path) -> list[Path]:
    """`<name>.nlu.json`, `<name>.nlu.csv` and `<name>.key.json` in `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    written = {
        folder / f"{built.name}.nlu.json": _json(nlu_json(built)),
        folder / f"{built.name}.nlu.csv": nlu_csv(built),
        folder / f"{built.name}.key.json": _json(key_json(built)),
    }
    for path, text in written.items():
        path.write_text(text, encoding="utf-8")
    return list(written)


def summary(built: AnnotationSet) -> str:
    """One line per set, then one per reason items were left out."""
    by_basis = Counter(a.basis for a in built.annotations)
    named = sum(1 for a in built.annotations if a.reference.note)
    bases = ", ".join(f"{count} by {basis}" for basis, count in sorted(by_basis.items()))
    lines = [
        f"{built.name}: {len(built.annotations)} annotations ({bases or 'none'}), "
        f"{len(built.left_out)} left out"
    ]
    if named:
        lines.append(f"  {named} expect a slot value in words the model does not know")
    reasons = Counter((left.item.label, left.why) for left in built.left_out)
    for (label, why), count in sorted(reasons.items()):
        lines.append(f"  left out {count} '{label}': {why}")
    return "\n".join(lines)


def _json(document: Any) -> str:
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
