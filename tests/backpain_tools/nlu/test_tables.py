"""meanings.yaml covers the real material: every exam label, every corpus answer said on its own,
each naming intents, slots and values the model has, and agreeing with the offline device."""

from __future__ import annotations

from pathlib import Path

import pytest

from backpain_tools.nlu.evaluation_material import corpus_items, exam_batches, exam_items
from backpain_tools.nlu.meanings import check_against, read_label, table
from backpain_tools.nlu.offline import heard
from tests.alexa_model.fixtures import en_gb_model

REPO = Path(__file__).resolve().parents[3]
CORPUS = REPO / "tests" / "corpus" / "en-GB"
EXAM = REPO / "tests" / "exam" / "en-GB"


def test_every_exam_item_has_meanings_the_model_knows_or_a_reason() -> None:
    model = en_gb_model()
    labels = set()
    for batch in exam_batches(EXAM):
        for item in exam_items(batch):
            reading = read_label("exam", item.label, item.fields)
            assert reading is not None, f"{item.source}: {item.label} is not in meanings.yaml"
            assert reading.meanings or reading.why, item.label
            check_against(model, reading.meanings, item.label)
            labels.add(item.label)
    assert {"urgent:chest_pain", "answer:yes", "calm", "cannot_act (emergency)"} <= labels


def test_a_label_with_no_meaning_says_why() -> None:
    for kind in ("exam", "corpus"):
        for label, entry in table()[kind].items():
            meanings = entry.get("meanings") or []
            if not meanings:
                assert entry.get("why"), f"{kind} {label}: no meaning and no reason"


def test_every_corpus_answer_said_on_its_own_has_meanings_the_model_knows() -> None:
    model = en_gb_model()
    for item in corpus_items(CORPUS):
        if item.after:
            continue
        reading = read_label("corpus", item.label, {})
        assert reading is not None, f"{item.source}: {item.label} is not in meanings.yaml"
        check_against(model, reading.meanings, item.label)


@pytest.mark.slow
def test_the_corpus_table_agrees_with_the_intents_the_device_answers_right_with() -> None:
    """A case said on its own that the device answers right reached an intent the table lists
    for its answer: the table says what the corpus's answers mean, not what we wish."""
    disagree = []
    for item in corpus_items(CORPUS):
        if item.after or item.known_failure:
            continue
        reading = read_label("corpus", item.label, {})
        assert reading is not None
        got = heard(item, REPO / "interaction_models" / "en-GB.json").intent
        if got not in {meaning.intent for meaning in reading.meanings}:
            disagree.append((item.utterance, item.label, got))
    assert disagree == []
