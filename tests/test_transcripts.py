"""The project's whole conversations, as YAML transcripts, run by the device's runner."""

from __future__ import annotations

from pathlib import Path

import pytest

from echo_sim.transcript import run_transcript

TRANSCRIPTS = sorted((Path(__file__).parent / "transcripts").glob("*.yaml"))


@pytest.mark.parametrize("path", TRANSCRIPTS, ids=[p.stem for p in TRANSCRIPTS])
def test_transcript(path):
    result = run_transcript(path)
    assert result.passed, result.report()
