"""The skill's language as sentences: every sample with its slot values expanded, weighted so
that every intent counts about the same in the language model built from them."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from alexa_model.builtins import phrases_for
from alexa_model.invocation import LAUNCH_PHRASES, REQUEST_PHRASES
from alexa_model.model import LanguageModel, SlotType, split_sample
from echo_sim.understanding import digits_to_words

_WORD = re.compile(r"[a-z]+(?:'[a-z]+)*|\d+")
# Beyond this many expansions a sample with several slots varies one slot at a time.
_MAX_PRODUCT = 200
SPREAD_FROM, SPREAD_SAMPLES = 200, 4
"""A slot type with more than SPREAD_FROM phrases (values and synonyms) is spread over the
samples that have its slot rather than expanded into each: every phrase goes into about
SPREAD_SAMPLES of the intent's samples, and each sample takes an even share of the phrases.
Every phrase and every sample's words are still in the corpus, said next to each other; the
full product (over a million sentences for the warning signs' grammar) repeats the same
neighbouring words and took a minute to build, and as long to key, each time a pack is
looked up."""
# How people say what samples often write out: any English speaker contracts these, so a
# sample's sentence is also heard contracted (the matcher expands them again).
_CONTRACTIONS = {
    ("do", "not"): "don't", ("does", "not"): "doesn't", ("did", "not"): "didn't",
    ("have", "not"): "haven't", ("has", "not"): "hasn't", ("is", "not"): "isn't",
    ("are", "not"): "aren't", ("was", "not"): "wasn't", ("can", "not"): "can't",
    ("will", "not"): "won't", ("would", "not"): "wouldn't", ("could", "not"): "couldn't",
    ("should", "not"): "shouldn't", ("i", "am"): "i'm", ("i", "have"): "i've",
    ("i", "would"): "i'd", ("i", "will"): "i'll", ("it", "is"): "it's", ("that", "is"): "that's",
    ("what", "is"): "what's", ("there", "is"): "there's", ("let", "us"): "let's",
    ("you", "are"): "you're", ("we", "are"): "we're", ("they", "are"): "they're",
    ("that", "will"): "that'll", ("it", "will"): "it'll", ("you", "will"): "you'll",
    ("we", "will"): "we'll", ("they", "will"): "they'll", ("you", "have"): "you've",
    ("we", "have"): "we've", ("they", "have"): "they've", ("would", "have"): "would've",
    ("should", "have"): "should've", ("could", "have"): "could've", ("who", "is"): "who's",
    ("how", "is"): "how's", ("where", "is"): "where's", ("when", "is"): "when's",
    ("he", "is"): "he's", ("she", "is"): "she's", ("here", "is"): "here's",
    ("you", "would"): "you'd", ("it", "would"): "it'd", ("that", "would"): "that'd",
}  # fmt: skip
SHORT_WORDS, SHORT_WEIGHT = 2, 20
"""A sentence of up to SHORT_WORDS words ("no", "not sure", "stop") counts SHORT_WEIGHT
times: it has so little sound to go on that the language model's prior must carry it, and
in noise the long slot expansions otherwise pull it onto their words ("no" heard as "now")."""
# The launch phrases as one "intent", so "open <invocation name>" is as likely as "no".
LAUNCH = "LaunchRequest"


@dataclass(frozen=True)
class WeightedLine:
    """One sentence of the corpus and how many times it goes into the language model."""

    intent: str
    words: tuple[str, ...]
    count: int


def words_of(text: str) -> tuple[str, ...]:
    """Lower-case words as the recogniser's dictionary spells them ("I've" -> "i've")."""
    words: list[str] = []
    for token in _WORD.findall(text.lower().replace("’", "'")):
        words.extend(digits_to_words(token) if token.isdigit() else [token])
    return tuple(words)


def contracted(words: tuple[str, ...]) -> tuple[str, ...]:
    """The sentence with every pair in `_CONTRACTIONS` contracted ("i do not" -> "i don't")."""
    out: list[str] = []
    index = 0
    while index < len(words):
        pair = words[index : index + 2]
        if len(pair) == 2 and pair in _CONTRACTIONS:
            out.append(_CONTRACTIONS[(pair[0], pair[1])])
            index += 2
        else:
            out.append(words[index])
            index += 1
    return tuple(out)


def _with_contractions(sentences: list[tuple[str, ...]]) -> list[tuple[str, ...]]:
    return sorted(set(sentences) | {contracted(sentence) for sentence in sentences})


def _slot_fillers(slot_type: SlotType | None) -> list[tuple[str, ...]]:
    if slot_type is None:  # an AMAZON.* type: its values are Alexa's, not in the model
        return [()]
    fillers = {
        words_of(text) for value in slot_type.values for text in (value.name, *value.synonyms)
    }
    return sorted(filler for filler in fillers if filler) or [()]


@dataclass(frozen=True)
class Spread:
    """Which share of a large slot type's phrases one sample takes: every `stride`-th phrase
    from `start` (SPREAD_FROM)."""

    start: int = 0
    stride: int = 1

    def take(self, fillers: list[tuple[str, ...]]) -> list[tuple[str, ...]]:
        if len(fillers) <= SPREAD_FROM:
            return fillers
        return fillers[self.start % self.stride :: self.stride]


def expand_sample(
    sample: str,
    fillers: Mapping[str, list[tuple[str, ...]]],
    slot_types: dict[str, str],
    spreads: Mapping[str, Spread] | None = None,
) -> list[tuple[str, ...]]:
    """Every sentence a sample stands for, with each slot replaced by each of its type's
    `fillers` (of a large slot type, this sample's Spread of them, by slot type name)."""
    pieces = split_sample(sample)
    choices: list[list[tuple[str, ...]]] = []
    for text, is_slot in pieces:
        if is_slot:
            type_name = slot_types.get(text, "")
            spread = (spreads or {}).get(type_name, Spread())
            choices.append(spread.take(fillers.get(type_name) or [()]))
        else:
            choices.append([words_of(text)])
    product = 1
    for options in choices:
        product *= len(options)
    if product <= _MAX_PRODUCT:
        combos: Iterable[Sequence[tuple[str, ...]]] = itertools.product(*choices)
    else:
        firsts = [options[0] for options in choices]
        combos = [
            [*firsts[:index], option, *firsts[index + 1 :]]
            for index, options in enumerate(choices)
            for option in options
        ]
    sentences = {tuple(word for part in combo for word in part) for combo in combos}
    return sorted(sentence for sentence in sentences if sentence)


def _spreads(samples: Sequence[str], slot_types: dict[str, str]) -> list[dict[str, Spread]]:
    """Each sample's Spread per slot type: the samples with a slot of the type take turns
    (SPREAD_SAMPLES)."""
    users: dict[str, list[int]] = {}
    for index, sample in enumerate(samples):
        for type_name in {slot_types.get(text, "") for text, is_slot in split_sample(sample)
                          if is_slot}:  # fmt: skip
            users.setdefault(type_name, []).append(index)
    spreads: list[dict[str, Spread]] = [{} for _ in samples]
    for type_name, indexes in users.items():
        stride = max(1, len(indexes) // SPREAD_SAMPLES)
        for turn, index in enumerate(indexes):
            spreads[index][type_name] = Spread(turn, stride)
    return spreads


def intent_sentences(model: LanguageModel) -> dict[str, list[list[tuple[str, ...]]]]:
    """Per intent, per sample (or built-in phrase), the sentences it stands for."""
    groups: dict[str, list[list[tuple[str, ...]]]] = {}
    fillers = {name: _slot_fillers(slot_type) for name, slot_type in model.types.items()}
    for intent in model.intents:
        slot_types = {slot.name: slot.type for slot in intent.slots}
        spreads = _spreads(intent.samples, slot_types)
        templates = [expand_sample(sample, fillers, slot_types, spread)
                     for sample, spread in zip(intent.samples, spreads, strict=True)]  # fmt: skip
        templates += [[words_of(phrase)] for phrase in phrases_for(intent.name)]
        templates = [_with_contractions(template) for template in templates if template]
        if templates:
            groups[intent.name] = templates
    name = words_of(model.invocation_name)
    launches = [[(*phrase, *name)] for phrase in (*LAUNCH_PHRASES, *REQUEST_PHRASES)]
    groups[LAUNCH] = [[name], *launches]
    return groups


def weighted_corpus(model: LanguageModel) -> list[WeightedLine]:
    """The corpus, balanced: each intent weighs the same in total, and within an intent each
    sample weighs the same, however many slot values it expands to; short sentences then
    weigh more (see SHORT_WEIGHT). Without this the slot expansions swamp the short answers
    ("no" comes out as "now")."""
    groups = intent_sentences(model)
    # The smallest share any sentence has gets a count of 1; every other count follows from it.
    unit = max(len(templates) * len(template) for templates in groups.values()
               for template in templates)  # fmt: skip
    lines: list[WeightedLine] = []
    for intent, templates in groups.items():
        for template in templates:
            count = max(1, round(unit / (len(templates) * len(template))))
            lines.extend(
                WeightedLine(intent, sentence, _short_boost(sentence) * count)
                for sentence in template
            )
    return lines


def _short_boost(sentence: tuple[str, ...]) -> int:
    return SHORT_WEIGHT if len(sentence) <= SHORT_WORDS else 1


def vocabulary(lines: Iterable[WeightedLine]) -> set[str]:
    return {word for line in lines for word in line.words}
