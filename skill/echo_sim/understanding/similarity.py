"""Weighted similarity between an utterance and every sample, through an inverted index."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import pairwise

from echo_sim.understanding.lexicon import is_function_word, is_negation

# A unit of an utterance is one or more options; each option is a tuple of features. A plain
# word has one option of one feature; a spotted slot value can count as its slot type
# ("<BACK_CONDITION>") or as its own words, whichever fits a sample better.
Option = tuple[str, ...]
Unit = tuple[Option, ...]

# Seven constants (and the matcher's threshold), calibrated together on the en-GB paraphrase
# fixtures and held-out in- and out-of-domain sentences. Each was tried at its neutral value
# and kept only because the figures fell without it; after changing one, re-check
# tests/echo_sim/understanding, `scripts/corpus` and `scripts/safety-rates`.
FUNCTION_WORD_FACTOR = 0.3
"""Function words ("the", "can", "is") still count, but little: they rarely decide an intent."""
IDF_FLOOR = 1.0
"""Added to every word's weight: a word all intents share still shows what the skill is about."""
MISSING_IDF_FLOOR = 0.5
"""The floor for a sample's words the utterance lacks: leaving out the topic ("my order") is
normal, so it costs less than saying a word that is off topic."""
BIGRAM_FACTOR = 0.25
"""Two words in a row weigh this much of their mean: word order counts, but less than words."""
BIGRAM_MARK = "+"
INTENT_BLEND = 0.2
"""How much of a score comes from the intent's whole vocabulary rather than its best sample."""
UNKNOWN_EXTRA_FACTOR = 0.4
"""An utterance's word that no sample has costs this share of its weight as an extra: people
wrap a request in words no skill models ("because i'm really starting to panic"). A word the
model knows but the sample lacks still costs in full: it speaks for another meaning."""
CHATTER_EVIDENCE = 2
"""... but only for a sample that shares at least this many telling words (or slot values) with
the utterance: then the request is plain and the rest is chatter. Where the unknown words are
most of what was said ("read me the news"), they are what it is about."""
TELLING_SHARE = 0.25
"""A telling word is a content word that at most this share of the intents use: "how" and
"make" are in many intents' samples and say little about which one is meant."""
COVERAGE_PRIOR = 2.0
"""Weight added to a short utterance before asking how much of it an intent's vocabulary
explains: "what time is it" is all known words, but too few to say much."""


def bigrams(items: Sequence[str]) -> list[str]:
    """Features for neighbouring words: ["relieve", "back", "pain"] -> ["relieve+back", ...]."""
    return [f"{first}{BIGRAM_MARK}{second}" for first, second in pairwise(items)]


def _is_content_word(feature: str) -> bool:
    return BIGRAM_MARK not in feature and (not is_function_word(feature) or is_negation(feature))


@dataclass(frozen=True)
class IndexedSample:
    """One sample as a set of features, with the intent it belongs to."""

    intent: str
    features: frozenset[str]
    needs: frozenset[str] = frozenset()
    """Features the utterance must all have for this sample to fit at all."""


class FeatureWeights:
    """Inverse intent frequency: a feature that only one intent uses says most about it."""

    def __init__(
        self, features_by_intent: dict[str, set[str]], stand_ins: Mapping[str, Iterable[str]]
    ) -> None:
        """`stand_ins`: features no sample has, each with the features it may weigh as."""
        document_frequency: dict[str, int] = defaultdict(int)
        for features in features_by_intent.values():
            for feature in features:
                document_frequency[feature] += 1
        self._intents = max(len(features_by_intent), 1)
        self._weights = {
            feature: self._idf(count) for feature, count in document_frequency.items()
        }
        for feature, others in stand_ins.items():
            # A word only slot values use says as much as its slot type ("<BACK_CONDITION>").
            borrowed = [self._weights[other] for other in others if other in self._weights]
            self._weights.setdefault(feature, max(borrowed, default=self._idf(self._intents)))
        # A word no sample uses weighs like the rarest known word: it is likely about
        # something else.
        self._unknown = self._idf(1)
        self._telling = self._idf(TELLING_SHARE * self._intents)
        self._cache: dict[str, float] = {}
        self._missing_cache: dict[str, float] = {}

    def _idf(self, count: float) -> float:
        return math.log(1.0 + self._intents / count)

    def is_known(self, feature: str) -> bool:
        return feature in self._weights

    def is_telling(self, feature: str) -> bool:
        """A content word that few intents use (see TELLING_SHARE)."""
        idf = self._weights.get(feature)
        return idf is not None and idf >= self._telling and _is_content_word(feature)

    def weight(self, feature: str) -> float:
        """What a feature weighs when the utterance has it."""
        cached = self._cache.get(feature)
        if cached is None:
            cached = self._cache[feature] = self._weigh(feature, IDF_FLOOR)
        return cached

    def missing_weight(self, feature: str) -> float:
        """What a sample's feature costs when the utterance lacks it: topic words cost little,
        since people leave out what the skill is about ("when should I see a GP")."""
        cached = self._missing_cache.get(feature)
        if cached is None:
            cached = self._missing_cache[feature] = self._weigh(feature, MISSING_IDF_FLOOR)
        return cached

    def _weigh(self, feature: str, floor: float) -> float:
        if BIGRAM_MARK in feature:
            first, _, second = feature.partition(BIGRAM_MARK)
            return BIGRAM_FACTOR * (self._weigh(first, floor) + self._weigh(second, floor)) / 2
        weight = floor + self._weights.get(feature, self._unknown)
        # A negation is short and common but never small: "it eases when I rest" and "it doesn't
        # ease when I rest" differ by one word, and they are opposite answers.
        if is_function_word(feature) and not is_negation(feature):
            return weight * FUNCTION_WORD_FACTOR
        return weight


@dataclass(frozen=True)
class IntentScore:
    """How well an utterance fits one intent, and the sample that fits it best."""

    intent: str
    score: float
    sample: int


_WeightedOption = tuple[tuple[str, ...], tuple[float, ...], float]


class SampleIndex:
    """Scores an utterance against all samples at once: weighted Dice over shared features."""

    def __init__(self, samples: Sequence[IndexedSample], weights: FeatureWeights) -> None:
        self.samples = tuple(samples)
        self.weights = weights
        postings: dict[str, list[int]] = defaultdict(list)
        self._sizes: list[float] = []
        self._vocabulary: dict[str, set[str]] = defaultdict(set)
        self._order: dict[str, int] = {}
        for position, sample in enumerate(self.samples):
            self._order.setdefault(sample.intent, len(self._order))
            self._vocabulary[sample.intent].update(sample.features)
            for feature in sample.features:
                postings[feature].append(position)
            self._sizes.append(
                sum(weights.missing_weight(feature) for feature in sample.features)
            )
        # Each intent's samples are one run of positions: the model lists them together.
        self._ranges: dict[str, tuple[int, int]] = {}
        for position, sample in enumerate(self.samples):
            start, end = self._ranges.get(sample.intent, (position, position))
            if end != position:
                raise ValueError(f"the samples of {sample.intent} are not listed together")
            self._ranges[sample.intent] = (start, position + 1)
        self._postings = {feature: tuple(found) for feature, found in postings.items()}
        self._needy = tuple(
            position for position, sample in enumerate(self.samples) if sample.needs
        )
        self._intents_with: dict[str, list[str]] = defaultdict(list)
        for intent, vocabulary in self._vocabulary.items():
            for feature in vocabulary:
                self._intents_with[feature].append(intent)

    def rank(self, units: Sequence[Unit]) -> list[IntentScore]:
        """Each intent that shares something with the utterance, best first.

        An intent's score is its best sample's similarity, blended with how much of the
        utterance the intent's whole vocabulary explains (a paraphrase often mixes samples).
        """
        weight = self.weights.weight
        singles: dict[str, float] = {}
        choices: list[list[_WeightedOption]] = []
        for unit in units:
            if len(unit) == 1 and len(unit[0]) == 1:
                singles.setdefault(unit[0][0], weight(unit[0][0]))
            else:
                choices.append([
                    (option, weights, sum(weights))
                    for option in unit
                    for weights in (tuple(weight(feature) for feature in option),)
                ])  # fmt: skip
        scores = self._sample_scores(singles, choices)
        if self._needy:
            present = set(singles).union(
                feature for options in choices for option, _, _ in options for feature in option
            )
            for position in self._needy:
                if not self.samples[position].needs <= present:
                    scores[position] = 0.0
        best: dict[str, tuple[float, int]] = {}
        for intent, (start, end) in self._ranges.items():
            # max() keeps the first of equal scores: the earlier sample wins a tie.
            at = max(range(start, end), key=scores.__getitem__)
            if scores[at] > 0.0:
                best[intent] = (scores[at], at)
        coverage = self._coverage(singles, choices, best)
        # Capped at 1: two values of one slot type ("tea or coffee") both count
        # as that type, which a sample has only once.
        ranked = [
            IntentScore(
                intent, min(1.0, (1 - INTENT_BLEND) * score + INTENT_BLEND * coverage[intent]), at
            )
            for intent, (score, at) in best.items()
        ]
        ranked.sort(key=lambda item: (-item.score, self._order[item.intent]))
        return ranked

    @staticmethod
    def _best_option(
        options: list[_WeightedOption], present: set[str] | frozenset[str]
    ) -> tuple[float, float]:
        """(shared, size) of the option that shares most with a feature set, smaller on ties."""
        best_shared, best_size = -1.0, 0.0
        for option, weights, size in options:
            pairs = zip(option, weights, strict=True)
            shared = sum(weight for feature, weight in pairs if feature in present)
            if shared > best_shared or (shared == best_shared and size < best_size):
                best_shared, best_size = shared, size
        return best_shared, best_size

    def _sample_scores(
        self, singles: dict[str, float], choices: list[list[_WeightedOption]]
    ) -> list[float]:
        """Similarity of the utterance to every sample (0.0 where nothing is shared)."""
        # Plain lists indexed by sample are the fastest accumulators pure Python has.
        overlap = [0.0] * len(self.samples)
        # What the shared features would have cost the sample had they been missing.
        not_missing = [0.0] * len(self.samples)
        # How many telling words (and slot values) each sample shares with the utterance.
        evidence = [0] * len(self.samples)
        touched: set[int] = set()
        postings = self._postings
        missing_weight = self.weights.missing_weight
        for feature, feature_weight in singles.items():
            positions = postings.get(feature)
            if positions:
                touched.update(positions)
                cost = missing_weight(feature)
                telling = self.weights.is_telling(feature)
                for position in positions:
                    overlap[position] += feature_weight
                    not_missing[position] += cost
                    evidence[position] += telling
        # Per unit with options, per option: (its size, shared weight and cost by sample).
        alternatives: list[list[tuple[float, dict[int, list[float]]]]] = []
        for options in choices:
            per_option = []
            for option, weights, size in options:
                shared_by_sample: dict[int, list[float]] = defaultdict(lambda: [0.0, 0.0])
                for feature, feature_weight in zip(option, weights, strict=True):
                    cost = missing_weight(feature)
                    for position in postings.get(feature, ()):
                        entry = shared_by_sample[position]
                        entry[0] += feature_weight
                        entry[1] += cost
                touched.update(shared_by_sample)
                per_option.append((size, shared_by_sample))
            alternatives.append(per_option)
        utterance_size = sum(singles.values())
        unknown_discount = (1.0 - UNKNOWN_EXTRA_FACTOR) * sum(
            feature_weight
            for feature, feature_weight in singles.items()
            if self._has_unknown_word(feature)
        )
        scores = [0.0] * len(self.samples)
        nothing = [0.0, 0.0]
        for position in touched:
            shared = overlap[position]
            saved = not_missing[position]
            size = utterance_size
            sure_of = evidence[position]
            for per_option in alternatives:
                best_shared, best_saved, best_size = -1.0, 0.0, 0.0
                for option_size, shared_by_sample in per_option:
                    option_shared, option_saved = shared_by_sample.get(position, nothing)
                    if option_shared > best_shared or (
                        option_shared == best_shared and option_size < best_size
                    ):
                        best_shared, best_saved = option_shared, option_saved
                        best_size = option_size
                shared += best_shared
                saved += best_saved
                size += best_size
                sure_of += best_shared > 0.0
            if sure_of >= CHATTER_EVIDENCE:
                size -= unknown_discount
            # The sample's side: what it shares, plus what it has that the utterance lacks.
            total = size + shared + self._sizes[position] - saved
            scores[position] = 2.0 * shared / total if total else 0.0
        return scores

    def _has_unknown_word(self, feature: str) -> bool:
        """A word no sample has, or two words in a row of which one is: a pair of known words
        that no sample has in that order still says something about the order."""
        known = self.weights.is_known
        return not all(known(word) for word in feature.split(BIGRAM_MARK))

    def _coverage(
        self,
        singles: dict[str, float],
        choices: list[list[_WeightedOption]],
        intents: Iterable[str],
    ) -> dict[str, float]:
        """For each intent, the share of the utterance's weight its vocabulary has."""
        shared: dict[str, float] = dict.fromkeys(intents, 0.0)
        for feature, feature_weight in singles.items():
            for intent in self._intents_with.get(feature, ()):
                if intent in shared:
                    shared[intent] += feature_weight
        base_size = sum(singles.values())
        coverage: dict[str, float] = {}
        for intent in shared:
            size = base_size
            for options in choices:
                option_shared, option_size = self._best_option(options, self._vocabulary[intent])
                shared[intent] += option_shared
                size += option_size
            coverage[intent] = shared[intent] / (size + COVERAGE_PRIOR)
        return coverage
