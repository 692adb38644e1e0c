"""Whether words heard belong to the intent they were matched to: the share of them that the
intent's own sentences in the interaction model use. Speech that isn't for the skill ("ten of
clubs", a novel read aloud) is forced onto the skill's words by the language model and then
matched fuzzily to an intent by one or two of them; the rest of its words are nowhere in that
intent's language."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from functools import cache

from alexa_model.builtins import phrases_for
from alexa_model.invocation import LAUNCH_PHRASES, REQUEST_PHRASES
from alexa_model.model import LanguageModel, split_sample
from echo_sim.hearing.corpus import LAUNCH
from echo_sim.normalise import FILLERS, normalise

MIN_PLACED = 0.6
"""Below this share of its words in the matched intent's language, an utterance is not that
intent. On the spoken test set, utterances heard right or nearly right by hibari and espeak-ng,
clean and at 20 dB, place 0.67 or more (save "reset all" and "go bye" for "restart" and
"goodbye", at 0.5); the recordings of pocketsphinx-testdata that reached an intent place 0.5
or less, save "for quit enough close" (tests/hearing/test_rejection.py)."""
MIN_PAIRS, MIN_PAIRS_PLACED = 3, 0.25
"""With MIN_PAIRS neighbouring words or more, fewer than this share of them said that way in
the intent's sentences is not that intent either: "for quit enough close" (four of a card
game's words forced onto the skill's) has every word in AMAZON.StopIntent's phrases and not one
pair, where the worst right utterance of the spoken test set has none of two."""
_CACHE: dict[int, tuple[LanguageModel, IntentLanguage]] = {}


@dataclass(frozen=True)
class IntentLanguage:
    """Each intent's words, as the model's samples, slot values and built-in phrases use them."""

    words: dict[str, frozenset[str]]
    pairs: dict[str, frozenset[tuple[str, str]]]
    """Each intent's neighbouring words, in the order its sentences say them."""

    @classmethod
    def of(cls, model: LanguageModel) -> IntentLanguage:
        """Read from the samples and slot values as written, not from every sentence they
        expand to (tens of thousands): a pair is two neighbouring words of a sample's text or
        of a slot value, or the last word of one piece and the first of the next."""
        words: dict[str, set[str]] = {}
        pairs: dict[str, set[tuple[str, str]]] = {}
        for intent, samples in _samples(model).items():
            own_words, own_pairs = words.setdefault(intent, set()), pairs.setdefault(intent, set())
            for pieces in samples:
                before: list[tuple[str, ...]] = []
                for options in pieces:
                    for option in options:
                        own_words.update(option)
                        own_pairs.update(itertools.pairwise(option))
                    own_pairs.update((left[-1], right[0]) for left in before for right in options
                                     if left and right)  # fmt: skip
                    before = [option for option in options if option]
        return cls(
            {intent: frozenset(found) for intent, found in words.items()},
            {intent: frozenset(found) for intent, found in pairs.items()},
        )

    def fits(self, text: str, intent: str) -> bool:
        """Whether `text` is said in `intent`'s language (MIN_PLACED, MIN_PAIRS_PLACED)."""
        if self.placed(text, intent) < MIN_PLACED:
            return False
        own = self.pairs.get(intent)
        words = [word for word in normalise(text) if word not in FILLERS]
        pairs = list(itertools.pairwise(words))
        if own is None or len(pairs) < MIN_PAIRS:
            return True
        return sum(pair in own for pair in pairs) / len(pairs) >= MIN_PAIRS_PLACED

    def placed(self, text: str, intent: str) -> float:
        """The share of the words of `text` that `intent`'s sentences use (hesitations and
        politeness count as placed); 1.0 for an intent the model has no sentences for (a
        built-in the model leaves to Alexa) and for no words."""
        own = self.words.get(intent)
        words = normalise(text)
        if own is None or not words:
            return 1.0
        return sum(word in own or word in FILLERS for word in words) / len(words)


Pieces = list[list[tuple[str, ...]]]
"""A sample as its pieces in order, each the word sequences it can be (one for plain text, every
value and synonym for a slot)."""


def _samples(model: LanguageModel) -> dict[str, list[Pieces]]:
    """Per intent (and the launch phrases as LAUNCH), each sample as Pieces, normalised as the
    matcher hears words ("i've" as "i have")."""
    found: dict[str, list[Pieces]] = {}
    said = cache(normalise)  # a slot's values recur in every sample that has the slot
    for intent in model.intents:
        slot_types = {slot.name: slot.type for slot in intent.slots}
        samples = found.setdefault(intent.name, [])
        for sample in (*intent.samples, *phrases_for(intent.name)):
            pieces: Pieces = []
            for text, is_slot in split_sample(sample):
                if not is_slot:
                    pieces.append([normalise(text)])
                    continue
                slot_type = model.types.get(slot_types.get(text, ""))
                # An AMAZON.* type's values are Alexa's: a gap no pair crosses.
                values = slot_type.values if slot_type is not None else ()
                pieces.append([said(phrase) for value in values for phrase in value.phrases]
                              or [()])  # fmt: skip
            samples.append(pieces)
    name = normalise(model.invocation_name)
    found[LAUNCH] = [[[name]]] + [[[normalise(" ".join(phrase))], [name]]
                                  for phrase in (*LAUNCH_PHRASES, *REQUEST_PHRASES)]  # fmt: skip
    return found


def language_of(model: LanguageModel) -> IntentLanguage:
    """The model's IntentLanguage, built once per model object (it takes a second or two)."""
    kept = _CACHE.get(id(model))
    if kept is None or kept[0] is not model:
        kept = _CACHE[id(model)] = (model, IntentLanguage.of(model))
    return kept[1]
