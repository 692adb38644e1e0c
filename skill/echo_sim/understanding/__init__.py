"""Understanding: what a user said, as the intent and slots an interaction model gives it.

The matcher and its helpers (normalising, numbers, the lexicon, slot values, typos, templates,
similarity) and the literal-coverage report built on them. Only the names below are for the
device's other packages; the modules behind them are this package's own."""

from echo_sim.understanding.cmu_dictionary import IN_POCKETSPHINX as CMU_IN_POCKETSPHINX
from echo_sim.understanding.cmu_dictionary import entries as cmu_entries
from echo_sim.understanding.literal_coverage import (
    Coverage,
    cover,
    coverage_summary,
    utterances_in,
)
from echo_sim.understanding.matcher import (
    FALLBACK_INTENT,
    Ingress,
    IntentMatch,
    Invocation,
    Matcher,
)
from echo_sim.understanding.normalise import FILLERS, normalise
from echo_sim.understanding.numbers import DIGIT_WORDS, cardinal, digits, digits_to_words, ordinal
from echo_sim.understanding.slot_values import SlotValue

__all__ = [
    "CMU_IN_POCKETSPHINX",
    "DIGIT_WORDS",
    "FALLBACK_INTENT",
    "FILLERS",
    "Coverage",
    "Ingress",
    "IntentMatch",
    "Invocation",
    "Matcher",
    "SlotValue",
    "cardinal",
    "cmu_entries",
    "cover",
    "coverage_summary",
    "digits",
    "digits_to_words",
    "normalise",
    "ordinal",
    "utterances_in",
]
