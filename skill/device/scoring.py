"""Weighted similarity between an utterance and every sample, through an inverted index."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from skill.device.lexicon import is_function_word

# A unit of an utterance is one or more options; each option is a tuple of features. A plain
# word has one option of one feature; a spotted slot value can count as its slot type
# ("<BACK_CONDITION>") or as its own words, whichever fits a sample better.
Option = tuple[str, ...]
Unit = tuple[Option, ...]

FUNCTION_WORD_FACTOR = 0.3
"""Function words ("what", "the", "can") still count, but little: they rarely decide an intent."""
UNKNOWN_DOCUMENT_FREQUENCY = 0.5
"""A word no sample uses weighs more than any known word: it is likely about something else."""


@dataclass(frozen=True)
class IndexedSample:
    """One sample as a set of features, with the intent it belongs to."""

    intent: str
    features: frozenset[str]


class FeatureWeights:
    """Inverse intent frequency: a feature that only one intent uses says most about it."""

    def __init__(self, features_by_intent: dict[str, set[str]], known: Iterable[str] = ()) -> None:
        document_frequency: dict[str, int] = defaultdict(int)
        for features in features_by_intent.values():
            for feature in features:
                document_frequency[feature] += 1
        self._intents = max(len(features_by_intent), 1)
        self._weights = {
            feature: self._idf(count) for feature, count in document_frequency.items()
        }
        for feature in known:
            # Words of slot values no sample spells out: known to the skill, but not telling.
            self._weights.setdefault(feature, self._idf(self._intents))
        self._unknown = self._idf(UNKNOWN_DOCUMENT_FREQUENCY)

    def _idf(self, count: float) -> float:
        return math.log(1.0 + self._intents / count)

    def is_known(self, feature: str) -> bool:
        return feature in self._weights

    def weight(self, feature: str) -> float:
        base = self._weights.get(feature, self._unknown)
        return base * FUNCTION_WORD_FACTOR if is_function_word(feature) else base


class SampleIndex:
    """Scores an utterance against all samples at once: weighted Dice over shared features."""

    def __init__(self, samples: Sequence[IndexedSample], weights: FeatureWeights) -> None:
        self.samples = tuple(samples)
        self.weights = weights
        self._postings: dict[str, list[int]] = defaultdict(list)
        self._sizes: list[float] = []
        for position, sample in enumerate(self.samples):
            for feature in sample.features:
                self._postings[feature].append(position)
            self._sizes.append(sum(weights.weight(feature) for feature in sample.features))

    def scores(self, units: Sequence[Unit]) -> dict[int, float]:
        """Similarity 0..1 of the utterance to each sample that shares at least one feature."""
        weight = self.weights.weight
        overlap: dict[int, float] = defaultdict(float)
        utterance_size = 0.0
        seen: set[str] = set()
        choices: list[Unit] = []
        for unit in units:
            if len(unit) == 1 and len(unit[0]) == 1:
                feature = unit[0][0]
                if feature in seen:
                    continue
                seen.add(feature)
                feature_weight = weight(feature)
                utterance_size += feature_weight
                for position in self._postings.get(feature, ()):
                    overlap[position] += feature_weight
            else:
                choices.append(unit)
        for unit in choices:
            for option in unit:
                for feature in option:
                    for position in self._postings.get(feature, ()):
                        overlap.setdefault(position, 0.0)
        scores: dict[int, float] = {}
        for position, shared in overlap.items():
            size = utterance_size
            features = self.samples[position].features
            for unit in choices:
                best_shared, best_size = -1.0, 0.0
                for option in unit:
                    option_shared = sum(weight(f) for f in option if f in features)
                    option_size = sum(weight(f) for f in option)
                    if option_shared > best_shared or (
                        option_shared == best_shared and option_size < best_size
                    ):
                        best_shared, best_size = option_shared, option_size
                shared += best_shared
                size += best_size
            total = size + self._sizes[position]
            scores[position] = 2.0 * shared / total if total else 0.0
        return scores
