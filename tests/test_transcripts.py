"""The project's whole conversations, as YAML transcripts, run by the device's runner."""

from __future__ import annotations

from pathlib import Path

import pytest

from backpain_tools.offline_device import BACK_PAIN_GUIDE
from echo_sim.device import model_path, run_transcript, skill_responder

HERE = Path(__file__).parent
TRANSCRIPTS = sorted((HERE / "transcripts").glob("*.yaml"))
SEED_ORDER = {
    "corrections_go_back_and_i_meant_yes",
    "described_sign_is_a_yes_even_after_no",
    "stop_after_not_sure_names_the_pending_sign",
    "touch_the_screen_to_answer",
    "unclear_twice_is_a_possible_yes",
    "unsure_or_hedged_twice_is_a_possible_yes",
    "walk_the_seed_by_saying_yes",
    "wrong_answer_and_stop_mid_check",
    "yes_ends_the_check_at_once",
}
"""Transcripts that answer the check question by question in the seed's order, with its one kind
of advice: another edition asks in another order, and has its transcripts in tests/editions."""


def marked(path: Path) -> object:
    marks = [pytest.mark.seed_edition] if path.stem in SEED_ORDER else []
    return pytest.param(path, marks=marks, id=path.stem)


@pytest.mark.parametrize("path", [marked(path) for path in TRANSCRIPTS])
def test_transcript(path):
    result = run_transcript(
        path, responder=skill_responder(BACK_PAIN_GUIDE), model=model_path(BACK_PAIN_GUIDE)
    )
    assert result.passed, result.report()


def test_every_seed_order_transcript_exists():
    assert {path.stem for path in TRANSCRIPTS} >= SEED_ORDER


@pytest.mark.parametrize(
    "path",
    sorted((HERE / "editions" / "transcripts").glob("*/*.yaml")),
    ids=lambda path: f"{path.parent.name}/{path.stem}",
)
def test_edition_transcript(path, request):
    if request.config.getoption("--edition") != path.parent.name:
        pytest.skip(f"a transcript of the {path.parent.name} edition")
    result = run_transcript(
        path, responder=skill_responder(BACK_PAIN_GUIDE), model=model_path(BACK_PAIN_GUIDE)
    )
    assert result.passed, result.report()
