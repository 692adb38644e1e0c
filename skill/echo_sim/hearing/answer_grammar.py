"""The grammar the recogniser searches first when the skill has just asked a question: the
model's own sentences, whole (samples with their slot values, and the built-in intents' usual
phrases), as JSGF. Unlike the trigram model it can't join pieces of sentences into words nobody
would answer with ("no" heard as "now", "yeah" as "again")."""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable

from alexa_model.builtins import phrases_for
from alexa_model.model import LanguageModel, split_sample
from echo_sim.hearing.corpus import contracted, words_of

_RULE_NAME = re.compile(r"[^A-Za-z0-9_]")


def _rule(name: str) -> str:
    return "<" + _RULE_NAME.sub("_", name) + ">"


def _alternatives(sentences: Iterable[tuple[str, ...]]) -> str:
    return " | ".join(sorted({" ".join(sentence) for sentence in sentences if sentence}))


def answer_grammar(
    model: LanguageModel, sayable: Collection[str], intents: Collection[str] | None = None
) -> str:
    """JSGF for the model's intents (all, or those named), one public rule `<answer>`; a
    sentence with a word outside `sayable` (no pronunciation) is left out, and each sentence
    is there as written and contracted ("i have not" and "i've not")."""
    rules: list[str] = []
    used_types: set[str] = set()
    heads: list[str] = []
    for intent in model.intents:
        if intents is not None and intent.name not in intents:
            continue
        slot_types = {slot.name: slot.type for slot in intent.slots}
        forms: set[str] = set()
        for sample in (*intent.samples, *phrases_for(intent.name)):
            form = _sample_form(sample, slot_types, model, sayable)
            if form:
                forms.add(form)
                used_types.update(t for t in slot_types.values() if _rule(f"type_{t}") in form)
        if forms:
            heads.append(_rule(f"intent_{intent.name}"))
            rules.append(f"{heads[-1]} = {' | '.join(sorted(forms))};")
    for type_name in sorted(used_types):
        slot_type = model.types[type_name]
        phrases = (words_of(text) for value in slot_type.values for text in value.phrases)
        sayable_phrases = [p for p in phrases if p and set(p) <= set(sayable)]
        rules.append(f"{_rule(f'type_{type_name}')} = {_alternatives(sayable_phrases)};")
    if not heads:
        return ""
    return "\n".join(
        ["#JSGF V1.0;", "grammar answers;", f"public <answer> = {' | '.join(heads)};", *rules]
    ) + "\n"


def _sample_form(
    sample: str, slot_types: dict[str, str], model: LanguageModel, sayable: Collection[str]
) -> str:
    """A sample as a JSGF expansion, its slots as rules of their type's values; "" when a slot
    is of a type the model doesn't list (an AMAZON.* type) or a word can't be said."""
    pieces: list[str] = []
    for text, is_slot in split_sample(sample):
        if is_slot:
            type_name = slot_types.get(text, "")
            if type_name not in model.types:
                return ""
            pieces.append(_rule(f"type_{type_name}"))
            continue
        words = words_of(text)
        if not set(words) <= set(sayable):
            return ""
        short = contracted(words)
        pieces.append(" ".join(words) if short == words else
                      f"({' '.join(words)} | {' '.join(short)})")  # fmt: skip
    return " ".join(piece for piece in pieces if piece)
