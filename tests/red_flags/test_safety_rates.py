"""The warning-sign check heard through the model alone: no described sign, hedge or unsure answer
is ever a no, clear noes move on, and red-flag statements get the urgent advice, at both doors."""

from __future__ import annotations

import pytest

from backpain_tools.evaluation.safety_rates import (
    CHECK,
    Rates,
    lambda_handler,
    load_corpus,
    measure,
    places_kept,
)

CORPUS = load_corpus()
SIGNS = [flag.id for flag in CHECK.red_flags]


def test_the_corpus_has_enough_natural_answers_and_statements_for_every_sign():
    assert set(CORPUS["answers"]) == set(SIGNS) == set(CORPUS["statements"])
    for flag_id in SIGNS:
        assert len(CORPUS["answers"][flag_id]) >= 15, flag_id
        assert len(CORPUS["statements"][flag_id]) >= 10, flag_id
    assert {"no", "nope", "not at all", "no, nothing like that"} <= set(CORPUS["clear_noes"])
    assert "no chest pain" in CORPUS["sign_noes"]["chest_pain"]
    assert "I can pee fine" in CORPUS["sign_noes"]["difficulty_peeing"]
    assert {"I've got a bad back", "my back aches after gardening"} <= set(CORPUS["ordinary"])


def test_the_corpus_is_not_copied_from_the_model():
    """Natural answers test what the model generalises to; a copied sample would test nothing."""
    from alexa_model.reader import load_model
    from echo_sim.understanding.normalise import normalise
    from tests.echo_sim.understanding.conftest import EN_GB_MODEL

    samples = {normalise(s) for intent in load_model(EN_GB_MODEL).intents for s in intent.samples}
    said = [text for answers in CORPUS["answers"].values() for text in answers]
    said += [text for statements in CORPUS["statements"].values() for text in statements]
    # Short everyday answers ("not sure", "kind of") and the issue's own examples ("no I can't
    # pee") are samples on purpose; longer sentences must be the corpus's own words.
    copied = [text for text in said if normalise(text) in samples and len(text.split()) > 3]
    assert len(copied) <= len(said) // 10, copied


@pytest.fixture(scope="module", params=["lambda", "chat"])
def rates(request, tmp_path_factory) -> Rates:
    return measure(request.param, tmp_path_factory.mktemp("safety"), CORPUS)


def test_no_answer_that_describes_a_sign_hedges_or_is_unsure_is_ever_taken_as_a_no(rates):
    assert rates.taken_as_no == []
    for flag_id in SIGNS:
        safe, _urgent, total = rates.answers[flag_id]
        assert safe == total >= 15, flag_id


def test_clear_noes_move_the_check_on(rates):
    assert rates.noes_rate >= 0.95, rates.noes_not_moved


def test_every_red_flag_statement_outside_the_check_gets_the_urgent_advice(rates):
    assert rates.statements_missed == []
    for flag_id in SIGNS:
        urgent, _named, total = rates.statements[flag_id]
        assert urgent == total >= 10, flag_id


def test_ordinary_statements_do_not_get_the_urgent_advice(rates):
    assert rates.ordinary_total >= 10
    assert rates.ordinary_urgent == []


def test_the_report_prints_a_count_per_sign(rates):
    text = "\n".join(rates.lines())
    for flag_id in SIGNS:
        assert f"| {flag_id} |" in text
    assert "Clear noes that moved the check on" in text


def test_the_check_keeps_its_place_for_every_other_request_and_every_stale_tap():
    places = places_kept(lambda_handler())
    kept, total = places["request types"]
    assert kept == total >= 57
    kept, total = places["stale taps"]
    assert kept == total == 2 * (len(CHECK.questions) - 1)
