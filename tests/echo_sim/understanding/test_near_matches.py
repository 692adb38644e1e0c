"""What the en-GB model hears beyond its samples: slips, idioms, loose slot values, low scores."""

from __future__ import annotations

import pytest

from alexa_model.builtins import FALLBACK_INTENT, STOP_INTENT
from backpain import intents
from echo_sim.understanding.lexicon import concept, rephrase, stem
from echo_sim.understanding.matcher import Matcher
from echo_sim.understanding.typos import TypoCorrector


@pytest.mark.parametrize(
    ("text", "intent", "slots"),
    [
        ("tell me about sciatia", intents.CONDITION, {"condition": "SCIATICA"}),
        ("can I take ibuprofin for it", intents.RELIEF, {"method": "PAINKILLERS"}),
        ("how do I prevnt back pain", intents.PREVENTION, {}),
    ],
)
def test_typed_slips_are_mended(
    en_gb: Matcher, text: str, intent: str, slots: dict[str, str]
) -> None:
    heard = en_gb.match(text)
    assert heard.intent == intent
    assert {name: slot.resolved_id for name, slot in heard.slots.items()} == slots


def test_typo_corrector_leaves_known_and_short_words_alone() -> None:
    corrector = TypoCorrector(["sciatica", "relieve"], lambda word: word == "relieving")
    assert corrector.correct(("sciatcia", "relieving", "reliev", "bakc")) == (
        "sciatica", "relieving", "relieve", "bakc",
    )  # fmt: skip
    assert corrector.correct(("weather",)) == ("weather",)


def test_real_words_the_model_lacks_are_not_slips(en_gb: Matcher) -> None:
    """"shopping" is one letter from "stopping", but an English word of its own: the fixer
    leaves it alone, so it is never heard as a stop."""
    for text in ("shopping", "I lifted the shopping", "the shopping"):
        assert en_gb.match(text).intent != STOP_INTENT, text
    assert en_gb.match("stoping").intent == STOP_INTENT  # a slip still is one


def test_slot_values_with_words_added_inside(en_gb: Matcher) -> None:
    heard = en_gb.match("I think I pulled a muscle in my back")
    assert heard.intent == intents.CONDITION
    assert heard.slots["condition"].resolved_id == "SPRAIN_STRAIN"


def test_slot_value_inside_a_longer_slot_phrase(en_gb: Matcher) -> None:
    heard = en_gb.match("tell me about having a bulging disc")
    assert heard.slots["condition"].resolved_id == "SLIPPED_DISC"


def test_the_lexicon_holds_only_language_knowledge_for_any_skill() -> None:
    # Hedges and irregular verbs are English; "bad back" or "sore" meaning pain is the model's.
    assert rephrase(("i", "am", "not", "sure")) == ("i", "am", "unsure")
    assert rephrase(("how", "come", "my", "bad", "back", "hurts")) == (
        "how", "come", "my", "bad", "back", "hurts",
    )  # fmt: skip
    assert concept("sore") != concept("pain")
    assert concept("relieving") == concept("relieved") != concept("ease")
    assert concept("felt") == concept("feel")
    assert stem("treatments") == stem("treatment") == "treat"
    assert stem("stopping") == "stop"


def test_unknown_words_in_a_slot_position_only_count_with_a_telling_carrier(
    en_gb: Matcher,
) -> None:
    # A carrier phrase with real words of its own: Alexa's ER_SUCCESS_NO_MATCH.
    heard = en_gb.match("what are the symptoms of spondylosis")
    assert heard.intent == intents.CONDITION
    assert heard.slots["condition"].value == "spondylosis"
    assert heard.slots["condition"].resolved_id is None
    # "tell me about" says nothing by itself: anything could follow it.
    assert en_gb.match("tell me about the football").intent == FALLBACK_INTENT


def test_confidence_orders_exact_near_and_far(en_gb: Matcher) -> None:
    exact = en_gb.match("what causes back pain")
    near = en_gb.match("so what is it that causes back pain in people")
    far = en_gb.match("what's the exchange rate for euros")
    assert exact.confidence == 1.0
    assert en_gb.threshold <= near.confidence < 1.0
    assert near.intent == intents.CAUSES
    assert far.intent == FALLBACK_INTENT


def test_candidates_explain_a_decision(en_gb: Matcher) -> None:
    ranked = en_gb.candidates("is massage or ibuprofen better for my back", limit=3)
    assert len(ranked) == 3
    assert [match.confidence for match in ranked] == sorted(
        (match.confidence for match in ranked), reverse=True
    )
    assert {intents.RELIEF, intents.TREATMENTS} <= {match.intent for match in ranked}
