"""Every sample in the en-GB model, with each slot value and synonym put in, is heard as written."""

from __future__ import annotations

import pytest

from alexa_model.model import IntentDeclaration, LanguageModel, split_sample
from alexa_model.reader import load_model
from echo_sim.matcher import Matcher
from tests.matcher.conftest import EN_GB_MODEL

MODEL: LanguageModel = load_model(EN_GB_MODEL)
SAMPLES = [(intent, sample) for intent in MODEL.intents for sample in intent.samples]


def fillings(intent: IntentDeclaration, sample: str) -> list[tuple[str, dict[str, str]]]:
    """The sample with each value or synonym of its slot types in turn: (text, slot -> id)."""
    pieces = split_sample(sample)
    texts: list[tuple[str, dict[str, str]]] = [("", {})]
    for text, is_slot in pieces:
        if not is_slot:
            texts = [(done + text, ids) for done, ids in texts]
            continue
        declared = intent.slot(text)
        assert declared is not None
        slot_type = MODEL.types[declared.type]
        phrases = [(phrase, value.id) for value in slot_type.values
                   for phrase in (value.name, *value.synonyms)]  # fmt: skip
        texts = [(done + phrase, {**ids, text: value_id})
                 for done, ids in texts for phrase, value_id in phrases]  # fmt: skip
    return texts


@pytest.mark.parametrize(
    ("intent", "sample"), SAMPLES, ids=[f"{intent.name}: {sample}" for intent, sample in SAMPLES]
)
def test_sample_is_heard_as_its_own_intent(
    en_gb: Matcher, intent: IntentDeclaration, sample: str
) -> None:
    for text, ids in fillings(intent, sample):
        heard = en_gb.match(text)
        assert heard.intent == intent.name, text
        assert {name: slot.resolved_id for name, slot in heard.slots.items()} == ids, text
        assert heard.confidence == 1.0, text


def test_every_intent_in_the_contract_is_in_the_model() -> None:
    names = {intent.name for intent in MODEL.intents}
    assert {"OverviewIntent", "ConditionIntent", "ReliefIntent", "AMAZON.FallbackIntent"} <= names
