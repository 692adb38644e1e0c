"""Offline NLU: maps what a user says to an intent and slots, from any ASK CLI interaction model.

Three passes, cheapest first: an exact sample (after normalisation), a sample with slot
placeholders whose carrier words all match, then a weighted similarity against every sample,
with slot values spotted first. Below the threshold, a long utterance may still hold a request
in one of its clauses; failing that, the answer is AMAZON.FallbackIntent.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Literal

from alexa_model.builtins import FALLBACK_INTENT, NO_INTENT, STOP_INTENT, YES_INTENT, phrases_for
from alexa_model.invocation import address
from alexa_model.model import IntentDeclaration, LanguageModel, split_sample
from alexa_model.reader import load_model, parse_model
from echo_sim.understanding.clauses import (
    clause_spans,
    clause_starts,
    is_subject,
    points_elsewhere,
)
from echo_sim.understanding.english import is_english_word
from echo_sim.understanding.lexicon import (
    NO_WORDS,
    YES_WORDS,
    concept,
    is_answer_word,
    is_function_word,
    is_hedged,
    is_negation,
    is_plain_yes,
    rephrase,
)
from echo_sim.understanding.normalise import normalise, strip_fillers
from echo_sim.understanding.numbers import NUMBER_WORDS, number_spans, parse_number
from echo_sim.understanding.similarity import (
    FeatureWeights,
    IndexedSample,
    IntentScore,
    SampleIndex,
    Unit,
    bigrams,
)
from echo_sim.understanding.slot_values import Resolution, SlotCatalogue, SlotValue, concepts_of
from echo_sim.understanding.templates import (
    Gap,
    Piece,
    SlotPiece,
    Template,
    TemplateIndex,
    aligned_gaps,
)
from echo_sim.understanding.typos import TypoCorrector

NUMBER_TYPE = "AMAZON.NUMBER"
DEFAULT_THRESHOLD = 0.48
"""Calibrated on the en-GB paraphrase fixtures and a held-out set of in- and out-of-domain lines."""
CLAUSE_MIN_WORDS = 6
"""Shorter utterances are one clause: "no lumps" and "yes please go on" are not two requests."""
CLAUSE_SPAN_MIN_WORDS = 3
"""A clause of one or two words ("i am", "goes") says too little to stand for the utterance."""
CLAUSE_MARGIN = 0.1
"""A clause apart from the best that is this nearly as sure of another intent makes it unclear."""
VALUE_INTENT_SHARE = 0.75
"""An intent this share of whose samples have a slot is about the slot's value: a clause that
names no value is not that request, however well its other words fit."""
DENIAL_SHARE = 0.5
"""An intent at least this share of whose samples say a no or a negation is a denial: a plain
yes or a hedge is never heard as one by likeness, as it is never AMAZON.NoIntent."""
OWN_WORD_SHARE = 0.0025
"""A word a type's values use in this share of their phrases is the type's own ("wee" in
hundreds of a sign's phrases); fewer, and it is said in passing ("month", "several")."""
NAMING_SHARE = 0.25
"""A slot type names what a sentence asks when an intent says it alone in a sample, and in at
least this share of its samples or is all about its values (the overview's "i've got
{backache}", a tenth of its samples, does not; nor does a type only said beside another)."""
NAMED_VALUE_SHARE = 0.65
"""A sentence that names a slot value in full (`_names_in_full`) reaches an intent that
takes its type at this share of the threshold, for that intent only..."""
NAMED_VALUE_MARGIN = 0.1
"""... and wins over an intent that does not take it, when it is at most this much less sure."""


@dataclass(frozen=True)
class IntentMatch:
    """What the NLU heard: an intent, its slots and how sure it is."""

    intent: str
    slots: dict[str, SlotValue] = field(default_factory=dict)
    """Only the slots that were heard; resolved_id None means ER_SUCCESS_NO_MATCH."""
    confidence: float = 1.0
    """0..1; 1.0 for an exact sample. For a fallback, how sure it is that no intent fits."""


@dataclass(frozen=True)
class Invocation:
    """Whether an utterance opens a new session with this skill, and how."""

    kind: Literal["launch", "intent", "none"]
    match: IntentMatch | None = None
    """Set when kind is "intent": the request that came with the name."""


@dataclass(frozen=True)
class Ingress:
    """A name-free ingress phrase of the model that an utterance says (`_nameFreeInteraction`)."""

    type: Literal["LAUNCH", "INTENT"]
    intent: str | None = None
    """The intent an INTENT ingress point opens the skill at."""


@dataclass(frozen=True)
class _HeardValue:
    """A slot value found in the utterance: a custom value (with its resolution) or a number."""

    start: int
    end: int
    slot_type: str
    value: Resolution | int


_FREE_TEXT = "\0"
_DISCOURSE_WORDS = frozenset(("actually", "sorry", "oh", "right", "look", "well", "okay", "ok"))
"""Words that open a turn without saying anything of it ("actually, stop")."""


def _type_feature(slot_type: str) -> str:
    return f"<{slot_type}>"


class Matcher:
    """Hears utterances the way Alexa's NLU would for one interaction model."""

    def __init__(
        self, model: Mapping[str, Any] | LanguageModel, threshold: float = DEFAULT_THRESHOLD
    ) -> None:
        self.model = model if isinstance(model, LanguageModel) else parse_model(model)
        self.threshold = threshold
        self.invocation_name = self.model.invocation_name
        self._name_words = strip_fillers(normalise(self.invocation_name))
        self._intents = {intent.name: intent for intent in self.model.intents}
        self._order = {intent.name: position for position, intent in enumerate(self.model.intents)}
        self._has_fallback = FALLBACK_INTENT in self._intents
        self._about_values = {
            intent.name
            for intent in self.model.intents
            if intent.samples
            and sum("{" in sample for sample in intent.samples)
            >= VALUE_INTENT_SHARE * len(intent.samples)
        }
        # The slots each intent says alone in some sample ("what is {condition}").
        self._said_alone = {intent.name: _slots_said_alone(intent) for intent in self.model.intents}
        # Types whose values are never said alone in a sample ("my {subject} is {state}"): one
        # of them qualifies another, and says nothing of its own in a sentence's other words.
        self._paired_types = {
            slot.type for intent in self.model.intents for slot in intent.slots
        } - {
            slot.type
            for intent in self.model.intents
            for slot in intent.slots
            if slot.name in self._said_alone[intent.name]
        }
        self._spots_numbers = any(
            slot.type == NUMBER_TYPE for intent in self.model.intents for slot in intent.slots
        )
        self._exact: dict[tuple[str, ...], str] = {}
        self._ingress: dict[tuple[str, ...], Ingress] = {}
        for point in self.model.ingress_points:
            if point.type not in ("LAUNCH", "INTENT") or (point.type == "INTENT") != bool(
                point.intent
            ):
                continue  # `validate` reports it; the device does not guess
            found = Ingress("LAUNCH") if point.type == "LAUNCH" else Ingress("INTENT", point.intent)
            for phrase in point.phrases:
                self._ingress.setdefault(strip_fillers(normalise(phrase.value)), found)
        self._sample_pieces: list[tuple[Piece, ...]] = []
        sample_intents: list[str] = []
        templates: list[Template] = []
        indexed: list[IndexedSample] = []
        self._denials = {NO_INTENT}
        for intent in self.model.intents:
            said_no = said = 0
            for sample in self._samples_of(intent):
                pieces = self._compile(intent, sample)
                if not pieces:
                    continue
                words = tuple(piece for piece in pieces if isinstance(piece, str))
                said += 1
                said_no += any(is_negation(word) or word in NO_WORDS for word in words)
                if len(words) == len(pieces):
                    # The first intent to claim a sample keeps it, as in the model's order.
                    self._exact.setdefault(words, intent.name)
                else:
                    templates.append(Template(intent.name, pieces, frozenset(words)))
                indexed.append(IndexedSample(intent.name, frozenset(self._features(pieces))))
                self._sample_pieces.append(pieces)
                sample_intents.append(intent.name)
            if said and said_no >= DENIAL_SHARE * said:
                self._denials.add(intent.name)
        self._templates = TemplateIndex(templates)
        # Each sample (by index), whether it says a no or a negation.
        self._says_no = [
            any(isinstance(piece, str) and _says_no(piece) for piece in pieces)
            for pieces in self._sample_pieces
        ]
        # Each sample, whether it puts a negation right before a slot ("no {denied}"): one that
        # says a no first and then a slot ("no i {sign}") affirms the slot.
        self._negates_slot = [
            any(
                not isinstance(piece, str)
                and _negation_before(pieces[:index])
                for index, piece in enumerate(pieces)
            )
            for pieces in self._sample_pieces
        ]
        # The names of things: types a denial says right after its negation ("no {denied}")
        # that other intents affirm ("i have {named}"), said alone (not a part qualified by a
        # state, "my {subject} is {state}"). A negation before a name denies it. Only a name
        # is denied so: "no, resting does nothing" is an answer and then a statement.
        affirmed = {
            slot.type
            for intent in self.model.intents
            if intent.name not in self._denials
            for slot in intent.slots
        }
        self._negated_names = frozenset(
            piece.type
            for intent_name, pieces in zip(sample_intents, self._sample_pieces, strict=True)
            if intent_name in self._denials
            for index, piece in enumerate(pieces)
            if not isinstance(piece, str)
            and _negation_before(pieces[:index])
            and piece.type in affirmed
            and piece.type not in self._paired_types
        )
        # Types only denials take ("no lumps there"), and qualifiers a denial takes ("my
        # waterworks are grand"): a value of one can say a no without a word of a no.
        denial_slots = {
            slot.type for intent in self.model.intents if intent.name in self._denials
            for slot in intent.slots
        }  # fmt: skip
        self._denial_types = denial_slots - {
            slot.type for intent in self.model.intents if intent.name not in self._denials
            for slot in intent.slots
        } | (denial_slots & self._paired_types)  # fmt: skip
        carrier_words = {piece for pieces in self._sample_pieces for piece in pieces
                         if isinstance(piece, str)}  # fmt: skip
        self._catalogue = SlotCatalogue(
            self.model.types,
            frozenset(concept(word) for word in carrier_words),
            frozenset(self._paired_types),
        )
        indexed = [
            replace(entry, needs=self._needs(self._intents[entry.intent], pieces))
            for entry, pieces in zip(indexed, self._sample_pieces, strict=True)
        ]
        self._index = SampleIndex(indexed, self._weights(indexed))
        # Types an intent says often: one of their values names what is asked. ("A sore back"
        # is only an aside of the overview's, and is said around every kind of question.)
        self._named_types = {
            slot.type
            for intent in self.model.intents
            for slot in intent.slots
            if slot.name in self._said_alone[intent.name]
            and (
                intent.name in self._about_values
                or sum(f"{{{slot.name}}}" in sample for sample in intent.samples)
                >= NAMING_SHARE * len(intent.samples)
            )
        }
        # Types said only together with another ("{rested} and {unimproved}"): neither alone
        # names what a sentence is about.
        self._only_together = {
            feature[1:-1] for entry in indexed if len(entry.needs) > 1 for feature in entry.needs
        } & self._paired_types
        # Words that only slot values use, with the types whose values use them: of the types
        # that only intents all about their value take (a sign described, a term explained).
        carrier_concepts = {concept(word) for word in carrier_words}
        taken_elsewhere = {
            slot.type for intent in self.model.intents if intent.name not in self._about_values
            for slot in intent.slots
        }  # fmt: skip
        value_types = {
            slot.type for intent in self.model.intents if intent.name in self._about_values
            for slot in intent.slots
        } - taken_elsewhere - self._paired_types  # fmt: skip
        self._value_words = {
            item: types & value_types
            for item, types in self._catalogue.own_words(OWN_WORD_SHARE).items()
            if item not in carrier_concepts and not is_function_word(item) and types & value_types
        }
        self._typos = self._typo_corrector(carrier_words)

    @classmethod
    def from_file(cls, path: str | Path, threshold: float = DEFAULT_THRESHOLD) -> Matcher:
        """Builds a matcher from a model file; a malformed file raises ModelError naming it."""
        return cls(load_model(path), threshold)

    # -- building -------------------------------------------------------------------------

    def _weights(self, indexed: Sequence[IndexedSample]) -> FeatureWeights:
        by_intent: dict[str, set[str]] = {}
        for entry in indexed:
            by_intent.setdefault(entry.intent, set()).update(entry.features)
        stand_ins = {
            item: [_type_feature(slot_type) for slot_type in types]
            for item, types in self._catalogue.vocabulary.items()
        }
        return FeatureWeights(by_intent, stand_ins)

    def _typo_corrector(self, carrier_words: set[str]) -> TypoCorrector:
        vocabulary = set(carrier_words)
        for slot_type in self.model.types.values():
            for value in slot_type.values:
                for phrase in (value.name, *value.synonyms):
                    vocabulary.update(normalise(phrase))
        weights = self._index.weights
        return TypoCorrector(
            vocabulary,
            lambda word: word in NUMBER_WORDS
            or is_function_word(word)
            or weights.is_known(concept(word))
            or is_english_word(word),
        )

    @staticmethod
    def _samples_of(intent: IntentDeclaration) -> Iterator[str]:
        yield from intent.samples
        yield from phrases_for(intent.name)

    @staticmethod
    def _compile(intent: IntentDeclaration, sample: str) -> tuple[Piece, ...]:
        """A sample as normalised words and slot pieces, with fillers and idioms as heard."""
        pieces: list[Piece] = []
        for text, is_slot in split_sample(sample):
            if is_slot:
                declared = intent.slot(text)
                assert declared is not None  # parse_model checked every placeholder
                pieces.append(SlotPiece(declared.name, declared.type))
            else:
                pieces += normalise(text)
        words = [piece if isinstance(piece, str) else f"\0{index}" for index, piece in
                 enumerate(pieces)]  # fmt: skip
        kept = rephrase(strip_fillers(words))
        return tuple(pieces[int(word[1:])] if word.startswith("\0") else word for word in kept)

    def _needs(self, intent: IntentDeclaration, pieces: Sequence[Piece]) -> frozenset[str]:
        """A sample with a slot its intent never says alone ("{rested} and {unimproved}") says
        something only of all its slots together: by likeness it needs each heard, of the types
        whose every value can be ("normally", a state of function words only, is never
        spotted, so it is not needed)."""
        slots = [piece for piece in pieces if isinstance(piece, SlotPiece)]
        types = {slot.type for slot in slots}
        if len(types) < 2 or all(slot.name in self._said_alone[intent.name] for slot in slots):
            return frozenset()
        return frozenset(
            _type_feature(slot_type)
            for slot_type in types
            if self._catalogue.always_spotted(slot_type)
        )

    def _features(self, pieces: Sequence[Piece]) -> set[str]:
        sequence: list[str] = []
        for piece in pieces:
            if isinstance(piece, str):
                sequence.append(concept(piece))
            elif piece.type == NUMBER_TYPE or piece.type in self.model.types:
                sequence.append(_type_feature(piece.type))
            else:
                sequence.append(_FREE_TEXT)  # never spotted, but keeps its neighbours apart
        return {item for item in (*sequence, *bigrams(sequence)) if _FREE_TEXT not in item}

    # -- matching -------------------------------------------------------------------------

    def match(self, utterance: str) -> IntentMatch:
        """The intent and slots for an utterance inside an open session."""
        return self._match_words(self._heard(utterance))

    def candidates(self, utterance: str, limit: int = 3) -> list[IntentMatch]:
        """The best few intents for an utterance, best first, ignoring the threshold."""
        return self._ranked(self._heard(utterance), limit)

    def ingress(self, utterance: str) -> Ingress | None:
        """The model's name-free ingress phrase that `utterance` says, word for word (after
        normalising), if any: Alexa routes those phrases themselves, not by likeness."""
        return self._ingress.get(strip_fillers(normalise(utterance)))

    def invocation(self, utterance: str) -> Invocation:
        """Whether an utterance opens this skill ("open X"), asks it something ("ask X to ...")."""
        addressed = address(strip_fillers(normalise(utterance)), self._name_words)
        if addressed.kind != "intent":
            return Invocation(addressed.kind)
        match = self._match_words(self._plain(addressed.request))
        if addressed.connector:
            # "ask X about cricket": "about cricket" may be the better request than "cricket".
            with_connector = self._match_words(self._plain(addressed.connector + addressed.request))
            if with_connector.intent != FALLBACK_INTENT and (
                match.intent == FALLBACK_INTENT or with_connector.confidence > match.confidence
            ):
                match = with_connector
        return Invocation("intent", match)

    def _heard(self, utterance: str) -> tuple[str, ...]:
        """The words the matcher compares: normalised, fillers gone, slips and idioms mended."""
        return self._plain(strip_fillers(normalise(utterance)))

    def _plain(self, words: tuple[str, ...]) -> tuple[str, ...]:
        return rephrase(self._typos.correct(words))

    def _match_words(self, words: tuple[str, ...], whole: bool = True) -> IntentMatch:
        """`whole`: the words are all that was said, so a request may be one of its clauses."""
        if not words:
            return self._fallback(0.0)
        exact = self._exact.get(words)
        if exact is not None:
            return IntentMatch(exact, {}, 1.0)
        ranked = self._ranked(words)
        best = ranked[0] if ranked else None
        named = self._named_value_match(words, best)
        if named is not None:
            return named
        if best is None or best.confidence < self.threshold:
            rescued = self._clause_match(words) if whole else None
            if rescued is not None:
                return rescued
            opening = self._opening_answer(words) if whole else None
            if opening is not None:
                return opening
            return self._fallback(best.confidence if best else 0.0, best)
        return best

    def _opening_answer(self, words: tuple[str, ...]) -> IntentMatch | None:
        """An answer said first, then words nothing else fits: "yes, she's lost a lot lately" is
        a yes (with no negation or hedge after it), and "stop, she needs the loo" a stop (a new
        clause, with its own subject, after the command)."""
        start = 0
        while start < len(words) - 1 and words[start] in _DISCOURSE_WORDS:
            start += 1
        if words[start] in YES_WORDS and YES_INTENT in self._intents and is_plain_yes(words) and (
            not is_hedged(words)
        ):
            return IntentMatch(YES_INTENT, {}, self.threshold)
        # "stop, she needs the loo", "can we stop, this is making me anxious": a whole stop
        # sample that says "stop", then a clause of its own ("we're done, i leave my car" is
        # not: nothing asks to stop).
        starts = clause_starts(words)
        for end in range(start + 1, len(words)):
            said = words[start:end]
            if "stop" in said and self._exact.get(said) == STOP_INTENT and (
                is_subject(words, end) or end in starts or words[end] in _DISCOURSE_WORDS
            ):
                return IntentMatch(STOP_INTENT, {}, self.threshold)
        return None

    def _clause_match(self, words: tuple[str, ...]) -> IntentMatch | None:
        """A request inside a longer utterance: the run of its clauses that an intent fits best,
        when the rest is only how the person feels or what happened."""
        if len(words) < CLAUSE_MIN_WORDS or is_answer_word(words[0]):
            # "no, it was thirty seven this morning" answers a question as a whole.
            return None
        found = self._clause_candidates(words)
        if not found:
            return None
        span, best = max(found, key=lambda item: (item[1].confidence, item[0][1] - item[0][0]))
        start, end = span
        for (other_start, other_end), match in found:
            apart = other_end <= start or other_start >= end
            if apart and match.intent != best.intent and (
                match.confidence >= best.confidence - CLAUSE_MARGIN
            ) and not is_hedged(words[other_start:other_end]):
                # Another clause is nearly as sure of something else. (A hedge is not: "... and
                # i don't know if i've done something to it" says how the person feels.)
                return None
        if best.intent in self._denials and is_hedged(words):
            return None  # a hedge beside it: never a no, as by likeness
        return best if self._rest_is_aside(words, span, best) else None

    def _clause_candidates(
        self, words: tuple[str, ...]
    ) -> list[tuple[tuple[int, int], IntentMatch]]:
        """Each run of clauses that an intent fits on its own, with that intent."""
        found = []
        for start, end in clause_spans(words):
            span = strip_fillers(words[start:end])
            if len(span) < CLAUSE_SPAN_MIN_WORDS:
                continue
            match = self._match_words(span, whole=False)
            if match.intent == FALLBACK_INTENT:
                continue
            if match.intent in self._about_values and not any(
                slot.resolved_id for slot in match.slots.values()
            ):
                continue  # "i am so scared" fits "{sign} i'm so scared" but names no sign
            found.append(((start, end), match))
        return found

    def _rest_is_aside(
        self, words: tuple[str, ...], span: tuple[int, int], best: IntentMatch
    ) -> bool:
        """Whether the words outside the request can be left out without changing what it asks."""
        start, end = span
        request, rest = words[start:end], (*words[:start], *words[end:])
        if best.intent in (YES_INTENT, NO_INTENT) or any(
            is_negation(word) or word in NO_WORDS for word in request
        ):
            # An answer is the whole of what is said; a no among other words may deny only
            # part of a question, and the rest may describe what it asked about.
            return False
        if any(
            value.end <= start or value.start >= end
            for value in self._spotted(words)
            if not isinstance(value.value, int) and value.slot_type not in self._paired_types
        ):
            # "a terrible headache ... is there anything i can take": the rest names something
            # the skill knows of, so it is part of what is asked.
            return False
        weights = self._index.weights
        taken = {slot.type for slot in self._intents[best.intent].slots}
        if any(
            concept(word) in self._value_words and not self._value_words[concept(word)] & taken
            for word in rest
        ):
            # "... barely been able to wee ... and her back's agony": "wee" belongs to values
            # the request takes none of, so the rest says something the request leaves out.
            return False
        if not any(weights.is_telling(concept(word)) for word in request):
            # "me feet are killing me, what do i do": a request that names no subject of its
            # own asks about the rest.
            return False
        # "my grandad's feet are swollen, what causes that": what "that" points at is outside
        # the skill's language, so the question is too.
        return not points_elsewhere(request) or all(
            is_function_word(word) or weights.is_known(concept(word)) for word in rest
        )

    def _named_value_match(
        self, words: tuple[str, ...], best: IntentMatch | None
    ) -> IntentMatch | None:
        """A long sentence that says a slot value in full ("my dad's complaining of chest pain
        as well as his back"): the value is strong evidence for the intents that take its type,
        as it is for Alexa, though the other words pull the likeness down."""
        named_types = {
            value.slot_type
            for value in self._spotted(words)
            if not isinstance(value.value, int)
            and value.slot_type not in self._only_together
            and value.slot_type in self._named_types
            and self._names_in_full(words[value.start : value.end], value.slot_type)
            and not _negated(words, value.start)
        }
        if not named_types:
            return None
        takers = {
            intent.name
            for intent in self.model.intents
            if any(slot.type in named_types for slot in intent.slots)
        }
        if best is not None and best.intent in takers and best.confidence >= self.threshold:
            return None
        # Below the threshold, an intent that takes the value may still have it: the sentence's
        # other words ("and it's really frightening") pulled the likeness down, not the value.
        floor = self.threshold * NAMED_VALUE_SHARE
        if best is not None and best.confidence >= self.threshold:
            floor = max(floor, best.confidence - NAMED_VALUE_MARGIN)
        having = [
            candidate
            for candidate in self._ranked(words, limit=len(self._intents))
            if candidate.confidence >= floor
            and candidate.intent in takers
            and any(
                slot.slot_type in named_types and slot.resolved_id
                for slot in candidate.slots.values()
            )
        ]
        return having[0] if having else None

    def _names_in_full(self, words: Sequence[str], slot_type: str) -> bool:
        """Two content words of a value, or all the words of one ("wet myself", "a lump")."""
        content = [word for word in words if not is_function_word(word)]
        return len(content) >= 2 or (
            len(words) >= 2 and self._catalogue.lists(slot_type, words)
        ) or (
            # One word that only this type's values say, and no sample says (a named condition).
            len(content) == 1 and self._value_words.get(concept(content[0])) == {slot_type}
        )

    def _fallback(self, best_confidence: float, best: IntentMatch | None = None) -> IntentMatch:
        if self._has_fallback or best is None:
            return IntentMatch(FALLBACK_INTENT, {}, round(1.0 - best_confidence, 4))
        return best

    def _ranked(self, words: tuple[str, ...], limit: int = 1) -> list[IntentMatch]:
        """Every plausible intent once, best first: carrier-phrase matches, then similarity.

        Slots of a similarity match are worked out only for the first `limit` intents.
        """
        found: dict[str, IntentMatch | IntentScore] = {}

        def offer(intent: str, candidate: IntentMatch | IntentScore) -> None:
            current = found.get(intent)
            if current is None or _confidence(candidate) > _confidence(current):
                found[intent] = candidate

        exact = self._exact.get(words)
        if exact is not None:
            offer(exact, IntentMatch(exact, {}, 1.0))
        for match in self._template_matches(words):
            offer(match.intent, match)
        spotted = self._spotted(words)
        denied_only = _denied_types(words, spotted, self._negated_names)
        said_in_full = [
            match
            for match in found.values()
            if isinstance(match, IntentMatch) and match.confidence == 1.0
        ]
        if denied_only:
            # "i haven't wet myself" says "i haven't {sign}" in full, and "i haven't {denied}":
            # a name said right after its negation is never affirmed, whatever sample says it.
            for match in said_in_full:
                if match.intent not in self._denials and self._takes_only(
                    match.intent, denied_only, spotted
                ):
                    del found[match.intent]
            said_in_full = [match for match in said_in_full if match.intent in found]
        if limit == 1 and said_in_full:
            # The words are a sample with every slot filled from its type: that sample's intent,
            # as Alexa hears it. Likeness to other samples is not weighed (it stays below 1.0
            # unless one slot type is counted twice, and then it must not outrank the sample).
            return [min(said_in_full, key=lambda match: self._order[match.intent])]
        # An answer that opens with a yes is never a no, whatever follows it ("yes, nothing
        # helps, even lying down"): at worst it is asked again.
        opens_with_yes = bool(words) and words[0] in YES_WORDS
        never_no = is_plain_yes(words) or is_hedged(words) or opens_with_yes
        # Nor is a sentence with no word of a no in it like a sample with one ("what would a
        # deformity look like", "it gets better when i rest" to another question), unless it
        # says a value that says a thing is as it should be, which a denial takes ("my chest's
        # fine"): only a clear no is a no. A decline said without one ("i'll leave it for now")
        # may still be like a sample said so.
        unsaid = not any(_says_no(word) for word in words) and not any(
            not isinstance(value.value, int) and value.slot_type in self._denial_types
            for value in spotted
        )  # fmt: skip
        # A value said right after a negation is denied, not affirmed: "i have no fever if
        # that's any use" is not like "i have a fever", whatever else it shares with it. A sample
        # with no negation of its own then never fits it (a value that carries its negation,
        # "no feeling down there", "can't pee", starts at the negation and is said as it is).
        for scored in self._index.rank(self._units(words, spotted)):
            if (
                denied_only
                and scored.intent not in self._denials
                and not self._negates_slot[scored.sample]
                and self._takes_only(scored.intent, denied_only, spotted)
            ):
                continue
            # A yes with no word of a no is never a no by likeness: "yes it's the same after
            # resting" is close to "no it's better after rest", and is its opposite. Nor is a
            # hedge: "i don't know, sometimes it's better after resting" is unsure. The same
            # holds for any intent mostly said with a no ("no, my chest's grand").
            if scored.intent in self._denials and (
                never_no or (unsaid and self._says_no[scored.sample])
            ):
                continue
            offer(scored.intent, scored)
        ranked = sorted(
            found.items(), key=lambda item: (-_confidence(item[1]), self._order[item[0]])
        )
        return [
            candidate if isinstance(candidate, IntentMatch) else IntentMatch(
                intent,
                self._heard_slots(intent, candidate.sample, words, spotted),
                round(candidate.score, 4),
            )
            for intent, candidate in ranked[:limit]
        ]  # fmt: skip

    # -- carrier phrases ------------------------------------------------------------------

    def _template_matches(self, words: tuple[str, ...]) -> Iterator[IntentMatch]:
        for template, ways in self._templates.fillings(words):
            # "what causes it": a pronoun in a slot's place is not a slot value, unless the
            # slot's type lists those very words ("the same").
            ways = [
                gaps
                for gaps in ways
                if not any(
                    _only_function_words(words, gap)
                    and not self._catalogue.lists(gap[0].type, words[gap[1] : gap[2]])
                    for gap in gaps
                )
            ]
            if ways:
                yield max(
                    (self._fill(template, words, gaps) for gaps in ways),
                    key=lambda match: match.confidence,
                )

    def _fill(
        self, template: Template, words: tuple[str, ...], gaps: tuple[Gap, ...]
    ) -> IntentMatch:
        """A carrier-phrase match: sure when its slots fit, else as sure as its words tell."""
        slots: dict[str, SlotValue] = {}
        weight = self._index.weights.weight
        misfit = 0.0
        for slot, start, end in gaps:
            heard = words[start:end]
            value, fits = self._slot_value(slot, heard, has_carrier=bool(template.literals))
            slots[slot.name] = value
            if not fits:
                misfit += sum(weight(concept(word)) for word in heard)
        if not misfit:
            return IntentMatch(template.intent, slots, 1.0)
        # "what are the symptoms of spondylosis" carries weight; "tell me about the football"
        # does not, and falls back.
        carrier = sum(weight(concept(word)) for word in template.literals)
        return IntentMatch(template.intent, slots, round(carrier / (carrier + misfit), 4))

    def _slot_value(
        self, slot: SlotPiece, heard: Sequence[str], has_carrier: bool
    ) -> tuple[SlotValue, bool]:
        """The slot as Alexa would fill it from these words, and whether the words fit the type."""
        text = " ".join(heard)
        if slot.type == NUMBER_TYPE:
            number = parse_number(heard)
            if number is None:
                return SlotValue(slot.name, "?", slot.type), False
            return SlotValue(slot.name, str(number), slot.type), True
        if slot.type.startswith("AMAZON.") or slot.type not in self.model.types:
            return SlotValue(slot.name, text, slot.type), has_carrier
        resolution = self._catalogue.resolve(slot.type, heard)
        if resolution is None:
            return SlotValue(slot.name, text, slot.type), False
        return SlotValue(slot.name, text, slot.type, resolution.id, resolution.name), True

    # -- similarity -----------------------------------------------------------------------

    def _takes_only(
        self, intent: str, denied: frozenset[str], spotted: list[_HeardValue]
    ) -> bool:
        """Whether every spotted value the intent could take is one the utterance denies."""
        takes = {slot.type for slot in self._intents[intent].slots}
        said = {value.slot_type for value in spotted if value.slot_type in takes}
        return bool(said) and said <= denied

    def _spotted(self, words: tuple[str, ...]) -> list[_HeardValue]:
        """Slot values in the utterance, found before any sample is compared."""
        found = [
            _HeardValue(spot.start, spot.end, resolution.slot_type, resolution)
            for spot in self._catalogue.spot(words)
            for resolution in spot.resolutions
        ]
        if self._spots_numbers:
            covered = {index for value in found for index in range(value.start, value.end)}
            for start, end, number in number_spans(words):
                if not covered.intersection(range(start, end)):
                    found.append(_HeardValue(start, end, NUMBER_TYPE, number))
        return found

    def _units(self, words: tuple[str, ...], spotted: list[_HeardValue]) -> list[Unit]:
        """The utterance as scoring units: a spotted value counts as its slot type or its words."""
        by_start: dict[int, list[_HeardValue]] = {}
        for value in spotted:
            by_start.setdefault(value.start, []).append(value)
        units: list[Unit] = []
        index = 0
        while index < len(words):
            here = by_start.get(index)
            if here:
                end = here[0].end
                types = tuple(dict.fromkeys(_type_feature(value.slot_type) for value in here))
                units.append((*((feature,) for feature in types), concepts_of(words[index:end])))
                index = end
            else:
                units.append(((concept(words[index]),),))
                index += 1
        # Neighbours pair up by their first option: a spotted value pairs as its slot type.
        units += [((feature,),) for feature in bigrams([unit[0][0] for unit in units])]
        return units

    def _heard_slots(
        self, intent_name: str, sample: int, words: tuple[str, ...], spotted: list[_HeardValue]
    ) -> dict[str, SlotValue]:
        """Slots for a similarity match: spotted values first, then the words where a slot sits."""
        intent = self._intents[intent_name]
        pieces = self._sample_pieces[sample]
        order = [piece.name for piece in pieces if isinstance(piece, SlotPiece)]
        order += [slot.name for slot in intent.slots if slot.name not in order]
        slots: dict[str, SlotValue] = {}
        used: set[tuple[int, int]] = set()
        for name in order:
            declared = intent.slot(name)
            assert declared is not None
            for heard in spotted:
                if heard.slot_type != declared.type or (heard.start, heard.end) in used:
                    continue
                if isinstance(heard.value, int):
                    slots[name] = SlotValue(name, str(heard.value), heard.slot_type)
                else:
                    text = " ".join(words[heard.start : heard.end])
                    resolution = heard.value
                    slots[name] = SlotValue(
                        name, text, heard.slot_type, resolution.id, resolution.name
                    )
                used.add((heard.start, heard.end))
                break
        if all(piece.name in slots for piece in pieces if isinstance(piece, SlotPiece)):
            return slots
        covered = {index for start, end in used for index in range(start, end)}
        for slot, (start, end) in aligned_gaps(pieces, words).items():
            gap = words[start:end]
            if slot.name in slots or covered.intersection(range(start, end)):
                continue
            if gap and not all(is_function_word(word) for word in gap):
                slots[slot.name] = self._slot_value(slot, gap, has_carrier=True)[0]
        return slots


def _says_no(word: str) -> bool:
    """A negation ("not", "nothing") or a no-word ("no", "nah")."""
    return is_negation(word) or (is_answer_word(word) and word not in YES_WORDS)


_BEFORE_A_NAME = frozenset(("a", "an", "any"))


def _negation_before(pieces: Sequence[object]) -> bool:
    """Whether words (a sample's, or an utterance's up to a value) end in a negation, maybe then
    "a", "an" or "any"."""
    words = list(pieces)
    if words and words[-1] in _BEFORE_A_NAME:
        words.pop()
    return bool(words) and isinstance(words[-1], str) and _says_no(words[-1])


def _denied_types(
    words: tuple[str, ...], spotted: list[_HeardValue], names: frozenset[str]
) -> frozenset[str]:
    """The slot types every spotted value of which is a name said right after a negation ("no
    fever", "not wet myself", "no any lumps"): said only to be denied. `names` are the types
    that name things; a value where none of them starts is a statement, not a name."""
    named_at = {value.start for value in spotted if value.slot_type in names}
    by_type: dict[str, list[bool]] = {}
    for value in spotted:
        if isinstance(value.value, int):
            continue
        by_type.setdefault(value.slot_type, []).append(
            value.start in named_at and _negation_before(words[: value.start])
        )
    return frozenset(slot_type for slot_type, denied in by_type.items() if all(denied))


def _negated(words: tuple[str, ...], start: int) -> bool:
    """Whether a negation comes before `start` in its clause ("nope, not wet meself", "she didn't
    lift anything or fall over"); a no that opens the utterance answers, and negates nothing."""
    opening = max((index for index in clause_starts(words) if index <= start), default=0)
    return any(
        is_negation(word) and not (index == 0 and is_answer_word(word))
        for index, word in enumerate(words[opening:start], start=opening)
    )


def _slots_said_alone(intent: IntentDeclaration) -> frozenset[str]:
    """The intent's slots that some sample has with no other ("what is {condition}")."""
    alone = set()
    for sample in intent.samples:
        slots = [text for text, is_slot in split_sample(sample) if is_slot]
        if len(slots) == 1:
            alone.add(slots[0])
    return frozenset(alone)


def _only_function_words(words: tuple[str, ...], gap: Gap) -> bool:
    slot, start, end = gap
    # A negation is never an empty word: "i'm not myself" fills a slot, "it" does not.
    return slot.type != NUMBER_TYPE and all(
        is_function_word(word) and not is_negation(word) for word in words[start:end]
    )


# Scores are sums over sets of words, and a set's order follows the interpreter's hash seed, so
# two equal scores can differ in their last bits from one run to the next. Compared at this
# precision, a tie is a tie on every run, and the model's intent order breaks it.
CONFIDENCE_DIGITS = 9


def _confidence(candidate: IntentMatch | IntentScore) -> float:
    score = candidate.confidence if isinstance(candidate, IntentMatch) else candidate.score
    return round(score, CONFIDENCE_DIGITS)
