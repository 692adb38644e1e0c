"""`backpain audition`: every distinct line to wav, with an index a reviewer can follow."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pytest

from echo_sim.commands.audition import distinct_lines, file_name, render_all
from echo_sim.voice import wav
from echo_sim.voice.desktop_voice import DesktopVoice
from tests.echo_sim.conftest import backpain
from tests.echo_sim.tiny.skill import speech_lines

pytestmark = pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="no espeak-ng")


def test_lines_saying_the_same_thing_share_one_recording() -> None:
    groups = distinct_lines(speech_lines())
    assert [keys for keys, _ in groups] == [
        ("launch",),
        ("launch.reprompt",),
        ("count", "count.again"),
        ("stop",),
    ]


def test_file_names_sort_in_order_and_are_safe() -> None:
    assert file_name(7, "topic:condition.sciatica") == "007-topic-condition-sciatica.wav"
    assert file_name(12, "???") == "012-line.wav"


def test_render_all_writes_wavs_and_both_indexes(tmp_path: Path) -> None:
    progress = io.StringIO()
    written = render_all(speech_lines(), tmp_path, DesktopVoice(speak=False), progress=progress)
    assert [line.file for line in written] == [
        "001-launch.wav",
        "002-launch-reprompt.wav",
        "003-count.wav",
        "004-stop.wav",
    ]
    for line in written:
        assert wav.rms(wav.read(tmp_path / line.file)) > 300
    with (tmp_path / "index.csv").open(encoding="utf-8") as index:
        rows = list(csv.DictReader(index))
    assert rows[2] == {
        "file": "003-count.wav",
        "key": "count count.again",
        "text": "The count is one.",
    }
    markdown = (tmp_path / "index.md").read_text(encoding="utf-8")
    assert "| 003-count.wav | count, count.again | The count is one. |" in markdown
    assert "4/4" in progress.getvalue()


def test_the_command_renders_the_real_skill_with_a_limit(tmp_path: Path) -> None:
    out = tmp_path / "audition"
    run = backpain("audition", "--out", out, "--limit", "3")
    assert run.returncode == 0, run.stderr
    wavs = sorted(p.name for p in out.glob("*.wav"))
    assert len(wavs) == 3 and wavs[0].startswith("001-launch")
    assert "audition [" in run.stderr and "3/3" in run.stderr
    index = (out / "index.md").read_text(encoding="utf-8")
    assert "Welcome to Back Pain Guide" in index
    assert run.stdout == ""


def test_the_command_takes_another_skills_lines(tmp_path: Path) -> None:
    run = backpain(
        "audition", "--out", tmp_path, "--speech", "tests.echo_sim.tiny.skill:speech_lines"
    )
    assert run.returncode == 0, run.stderr
    assert len(list(tmp_path.glob("*.wav"))) == 4
