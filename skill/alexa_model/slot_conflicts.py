"""Utterance conflicts through slots: a sample whose slots, filled with a value or synonym of
their custom type, say another intent's sample, or another intent's sample filled the same way.

Filling every slotted sample with every phrase would build millions of sentences for a model
whose type has ten thousand phrases (the en-GB model's warning signs: 2.9 million, 20 s and a
gigabyte). Almost no filling clashes with anything, so the check first finds which samples can
clash at all without building their sentences, then fills only those, in the model's order:
what it reports, and in which order, is exactly what filling everything would report.

A sample with one slot says `prefix + phrase + suffix`. Two of them can say the same words only
if one prefix starts the other and one suffix ends the other; what is left over is matched
phrase by phrase, drawing only the phrases that start or end with the left-over words (an index
by first and last word), so a pair costs a handful of lookups, not a type's every phrase."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

from alexa_model.model import SLOT_GAP, IntentDeclaration, LanguageModel, split_sample
from alexa_model.problem import Problem
from alexa_model.spoken import normalise

Filling = tuple[tuple[str, str], ...]
"""The (slot, phrase) pairs one way of filling a sample's slots used."""

Words = tuple[str, ...]

PlainSamples = dict[str, tuple[str, str]]
"""Each slotless sample as Alexa hears it -> (its intent, the sample as written)."""


def filled_slot_conflicts(model: LanguageModel, plain: PlainSamples) -> Iterator[Problem]:
    """Each pair of samples that slot fillings make say the same words, once, with the first
    filling (in the model's order) that shows it: a warning, as Alexa builds such a model but
    cannot tell which intent those words mean."""
    phrases = _spoken_phrases(model)
    suspects = _samples_that_may_clash(model, plain, phrases)
    filled_owners: dict[str, tuple[str, str, Filling]] = {}
    reported: set[tuple[str, str, str, str]] = set()
    for intent in model.intents:
        for index, sample in enumerate(intent.samples):
            if (intent.name, index) not in suspects:
                continue
            where = f"intents[{intent.name}].samples[{index}]"
            for words, filling in _fillings(sample, intent, phrases):
                clash = plain.get(words)
                if clash is not None and clash[0] != intent.name:
                    pair = (intent.name, sample, *clash)
                    if pair not in reported:
                        reported.add(pair)
                        yield Problem(
                            where,
                            f"utterance conflict: sample '{sample}' in {intent.name} with "
                            f"{_shown(filling)} says '{words}', a sample of {clash[0]} "
                            f"('{clash[1]}'); Alexa cannot tell which intent is meant",
                            "warning",
                        )
                other = filled_owners.setdefault(words, (intent.name, sample, filling))
                if other[0] != intent.name:
                    pair = (intent.name, sample, other[0], other[1])
                    if pair not in reported:
                        reported.add(pair)
                        yield Problem(
                            where,
                            f"utterance conflict: sample '{sample}' in {intent.name} with "
                            f"{_shown(filling)} and sample '{other[1]}' in {other[0]} with "
                            f"{_shown(other[2])} both say '{words}'; Alexa cannot tell which "
                            "intent is meant",
                            "warning",
                        )


# --- which samples can clash ------------------------------------------------------------------


@dataclass(frozen=True)
class _OneSlot:
    """A sample with one slot of a listed type, as the words around the slot."""

    intent: str
    index: int
    prefix: Words
    suffix: Words
    slot_type: str


class _TypeIndex:
    """A type's phrases as word tuples, and by their first and last word."""

    def __init__(self, spoken: list[tuple[str, str]]):
        self.phrases = frozenset(tuple(said.split()) for said, _ in spoken if said)
        self.by_first: dict[str, list[Words]] = defaultdict(list)
        self.by_last: dict[str, list[Words]] = defaultdict(list)
        for phrase in self.phrases:
            self.by_first[phrase[0]].append(phrase)
            self.by_last[phrase[-1]].append(phrase)


def _samples_that_may_clash(
    model: LanguageModel, plain: PlainSamples, phrases: dict[str, list[tuple[str, str]]]
) -> set[tuple[str, int]]:
    """(intent, sample index) of every slotted sample that may say another intent's words; a
    superset is harmless (those are filled and found clean), a sample left out would be missed.
    A sample with one slot is judged without filling it; any other slotted sample is a suspect."""
    indexes = {name: _TypeIndex(spoken) for name, spoken in phrases.items()}
    one_slot: list[_OneSlot] = []
    suspects: set[tuple[str, int]] = set()
    for intent in model.intents:
        for index, sample in enumerate(intent.samples):
            if not SLOT_GAP.search(sample):
                continue
            shape = _one_slot(intent, index, sample, indexes)
            if shape is None:
                suspects.add((intent.name, index))
            else:
                one_slot.append(shape)
    # The words other samples say outright: every slotless sample, and every filling of the
    # suspects (samples with two slots are few and small; they are filled anyway).
    said: dict[Words, set[str]] = defaultdict(set)
    for words, (owner, _) in plain.items():
        said[tuple(words.split())].add(owner)
    for intent in model.intents:
        for index, sample in enumerate(intent.samples):
            if (intent.name, index) in suspects:
                for words, _ in _fillings(sample, intent, phrases):
                    said[tuple(words.split())].add(intent.name)
    suspects.update(_one_slot_saying(one_slot, said, indexes))
    suspects.update(_one_slot_pairs_that_meet(one_slot, indexes))
    return suspects


def _one_slot(
    intent: IntentDeclaration, index: int, sample: str, indexes: dict[str, _TypeIndex]
) -> _OneSlot | None:
    """The sample as the words around its one listed slot; None for any other slotted sample,
    which is filled instead (one with a built-in or undeclared slot fills to nothing)."""
    pieces = split_sample(sample)
    slots = [text for text, is_slot in pieces if is_slot]
    if len(slots) != 1:
        return None
    declared = intent.slot(slots[0])
    if declared is None or declared.type not in indexes:
        return None
    at = next(position for position, (_, is_slot) in enumerate(pieces) if is_slot)
    prefix = " ".join(normalise(text) for text, _ in pieces[:at]).split()
    suffix = " ".join(normalise(text) for text, _ in pieces[at + 1 :]).split()
    return _OneSlot(intent.name, index, tuple(prefix), tuple(suffix), declared.type)


def _one_slot_saying(
    one_slot: list[_OneSlot], said: dict[Words, set[str]], indexes: dict[str, _TypeIndex]
) -> Iterator[tuple[str, int]]:
    """One-slot samples that some filling makes say words another intent says outright."""
    around: dict[Words, dict[Words, list[_OneSlot]]] = defaultdict(lambda: defaultdict(list))
    for shape in one_slot:
        around[shape.prefix][shape.suffix].append(shape)
    for words, owners in said.items():
        for cut in range(len(words)):
            by_suffix = around.get(words[:cut])
            if not by_suffix:
                continue
            for end in range(cut + 1, len(words) + 1):
                for shape in by_suffix.get(words[end:], ()):
                    if words[cut:end] in indexes[shape.slot_type].phrases and owners - {
                        shape.intent
                    }:
                        yield shape.intent, shape.index


def _one_slot_pairs_that_meet(
    one_slot: list[_OneSlot], indexes: dict[str, _TypeIndex]
) -> Iterator[tuple[str, int]]:
    """One-slot samples of different intents that some fillings make say the same words."""
    # Samples with the same words around the same type meet or not together.
    contexts: dict[_Context, list[_OneSlot]] = defaultdict(list)
    for shape in one_slot:
        contexts[(shape.prefix, shape.suffix, shape.slot_type)].append(shape)
    intents = {key: {shape.intent for shape in shapes} for key, shapes in contexts.items()}
    for key, shapes in contexts.items():
        if len(intents[key]) > 1 and indexes[key[2]].phrases:
            yield from ((shape.intent, shape.index) for shape in shapes)
    # Words that meet start alike and end alike: contexts are compared only with those whose
    # first and last words could be the same (an empty prefix or suffix could be anything).
    ends: dict[tuple[str, str], list[_Context]] = defaultdict(list)
    for key in contexts:
        ends[(key[0][0] if key[0] else "", key[1][-1] if key[1] else "")].append(key)
    groups = list(ends)
    for first, (start, finish) in enumerate(groups):
        for other_start, other_finish in groups[first:]:
            if not (start == other_start or not start or not other_start):
                continue
            if not (finish == other_finish or not finish or not other_finish):
                continue
            same_group = (start, finish) == (other_start, other_finish)
            mine_all = ends[(start, finish)]
            theirs_all = ends[(other_start, other_finish)]
            for position, key in enumerate(mine_all):
                for other in mine_all[position + 1 :] if same_group else theirs_all:
                    if intents[key] == intents[other] and len(intents[key]) == 1:
                        continue
                    if _meet(key, other, indexes):
                        both = (*contexts[key], *contexts[other])
                        yield from ((shape.intent, shape.index) for shape in both)


_Context = tuple[Words, Words, str]
"""A one-slot sample's words before and after the slot, and the slot's type."""


def _meet(one: _Context, two: _Context, indexes: dict[str, _TypeIndex]) -> bool:
    """Whether prefix1 + x + suffix1 == prefix2 + y + suffix2 for some phrases x and y."""
    prefix_1, suffix_1, type_1 = one
    prefix_2, suffix_2, type_2 = two
    leads = _left_over_lead(prefix_1, prefix_2)
    tails = _left_over_tail(suffix_1, suffix_2)
    if leads is None or tails is None:
        return False
    # Now lead_1 + x + tail_1 == lead_2 + y + tail_2, and each pair has at most one non-empty.
    (lead_1, lead_2), (tail_1, tail_2) = leads, tails
    index_1, index_2 = indexes[type_1], indexes[type_2]
    if not (lead_1 or lead_2 or tail_1 or tail_2):
        return not index_1.phrases.isdisjoint(index_2.phrases)
    draws = [
        draw
        for draw in (
            _draw(index_1, lead_1, tail_1, lead_2, tail_2, index_2),
            _draw(index_2, lead_2, tail_2, lead_1, tail_1, index_1),
        )
        if draw is not None
    ]
    candidates, (lead, tail, other_lead, other_tail, other) = min(draws, key=lambda d: len(d[0]))
    for phrase in candidates:
        words = (*lead, *phrase, *tail)
        end = len(words) - len(other_tail)
        if (
            end > len(other_lead)
            and words[: len(other_lead)] == other_lead
            and words[end:] == other_tail
            and words[len(other_lead) : end] in other.phrases
        ):
            return True
    return False


_Draw = tuple[list[Words], tuple[Words, Words, Words, Words, _TypeIndex]]


def _draw(
    index: _TypeIndex,
    lead: Words,
    tail: Words,
    other_lead: Words,
    other_tail: Words,
    other: _TypeIndex,
) -> _Draw | None:
    """This side's phrases that can start (or end) where the other side's words do, or None
    when the other side's words do not pin this side's first or last word."""
    if other_lead and not lead:
        return index.by_first.get(other_lead[0], []), (lead, tail, other_lead, other_tail, other)
    if other_tail and not tail:
        return index.by_last.get(other_tail[-1], []), (lead, tail, other_lead, other_tail, other)
    return None


def _left_over_lead(one: Words, two: Words) -> tuple[Words, Words] | None:
    """The words one prefix has beyond the other, as (one's, two's); None if neither starts the
    other."""
    if two[: len(one)] == one:
        return (), two[len(one) :]
    if one[: len(two)] == two:
        return one[len(two) :], ()
    return None


def _left_over_tail(one: Words, two: Words) -> tuple[Words, Words] | None:
    """The words one suffix has before the other, as (one's, two's); None if neither ends the
    other."""
    if len(one) <= len(two) and two[len(two) - len(one) :] == one:
        return (), two[: len(two) - len(one)]
    if len(two) < len(one) and one[len(one) - len(two) :] == two:
        return one[: len(one) - len(two)], ()
    return None


# --- filling ----------------------------------------------------------------------------------


def _spoken_phrases(model: LanguageModel) -> dict[str, list[tuple[str, str]]]:
    """Each custom type's phrases as (as spoken, as written), in the model's order."""
    return {
        name: [
            (normalise(phrase), phrase) for value in slot_type.values for phrase in value.phrases
        ]
        for name, slot_type in model.types.items()
    }


def _fillings(
    sample: str, intent: IntentDeclaration, phrases: dict[str, list[tuple[str, str]]]
) -> Iterator[tuple[str, Filling]]:
    """Every way of saying `sample` with its slots filled from their custom types' phrases
    (`phrases`: type -> (as spoken, as written)), as Alexa hears it. Built-in types
    (AMAZON.NUMBER, ...) and undeclared slots cannot be listed, so such a sample yields none."""
    # Built up piece by piece, so a sample with one slot costs one string per phrase.
    said: list[tuple[str, Filling]] = [("", ())]
    for text, is_slot in split_sample(sample):
        if not is_slot:
            spoken = normalise(text)
            said = [(_then(words, spoken), filling) for words, filling in said]
            continue
        declared = intent.slot(text)
        listed = phrases.get(declared.type) if declared is not None else None
        if listed is None:
            return
        said = [
            (_then(words, spoken), (*filling, (text, phrase)))
            for words, filling in said
            for spoken, phrase in listed
            if spoken
        ]
    yield from said


def _then(words: str, more: str) -> str:
    return f"{words} {more}" if words and more else words or more


def _shown(filling: Filling) -> str:
    return " and ".join(f"{{{slot}}} as '{phrase}'" for slot, phrase in filling)
