"""The YAML transcript runner, as a library and as `backpain test`."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest

from alexa_model.builtins import NO_INTENT
from echo_sim.device.transcript import (
    run_paths,
    run_transcript,
    transcript_files,
    transcript_summary,
)
from tests.echo_sim.conftest import TINY_MODEL, TINY_SKILL, RecordingResponder, backpain
from tests.echo_sim.tiny import intents as tiny_intents

PASSING = """\
name: counting up and stopping
turns:
  - say: open tiny counter
    expect:
      intent: LaunchRequest
      speech_contains: [welcome, TINY COUNTER]
      reprompt_contains: say count
      card_title: tiny counter
      card_contains: Say count
      end_session: false
  - say: count
    expect: {intent: CountIntent, speech_matches: "count is \\\\d", confidence_min: 0.9}
  - say: my favourite colour is sky blue
    expect:
      slots: {colour: BLUE}
      speech_not_contains: red
      end_session: true
  - new_session: true
  - launch: true
  - say: no
    expect: {intent: AMAZON.NoIntent, speech_contains: you said no}
"""

FAILING = """\
name: a transcript that expects too much
turns:
  - launch: true
    expect: {intent: LaunchRequest}
  - say: count
    expect:
      intent: ColourIntent
      speech_contains: the count is 7
      end_session: true
  - say: stop
    expect: {card_title: Goodbye}
  - say: count
    expect: {speech_contains: "A new session"}
"""


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def test_a_passing_transcript(tmp_path: Path) -> None:
    path = write(tmp_path, "pass.yaml", PASSING)
    result = run_transcript(path, responder=RecordingResponder(), model=TINY_MODEL)
    assert result.passed, result.report()
    assert result.name == "counting up and stopping"
    assert [turn.intent for turn in result.turns] == [
        "LaunchRequest",
        tiny_intents.COUNT,
        tiny_intents.COLOUR,
        "LaunchRequest",
        NO_INTENT,
    ]
    assert result.report().startswith("ok ")


def test_a_failing_transcript_says_where_and_what(tmp_path: Path) -> None:
    path = write(tmp_path, "fail.yaml", FAILING)
    result = run_transcript(path, responder=RecordingResponder(), model=TINY_MODEL)
    assert not result.passed
    assert [f.turn for f in result.failures] == [2, 3]
    report = result.report()
    assert report.splitlines()[0] == f"FAIL  {path}: 'a transcript that expects too much'"
    assert "turn 2 ('count'):" in report
    assert "expected intent ColourIntent, got CountIntent" in report
    assert "expected speech containing 'the count is 7'" in report
    assert "expected end_session true, but the session stayed open" in report
    assert "the skill said: 'The count is 1.'" in report
    assert "turn 3 ('stop'):" in report and "expected a card, got none" in report
    assert "turn 4" not in report  # the session ended, so the last count is a new session


def test_a_dict_works_as_well_as_a_file() -> None:
    result = run_transcript(
        {"name": "inline", "turns": [{"say": "count", "expect": {"intent": tiny_intents.COUNT}}]},
        responder=RecordingResponder(),
        model=TINY_MODEL,
    )
    assert result.passed and result.source == "<dict>"


def test_yes_and_no_are_words_not_booleans(tmp_path: Path) -> None:
    path = write(tmp_path, "yn.yaml", "turns:\n  - launch: true\n  - say: yes\n  - say: off\n")
    result = run_transcript(path, responder=RecordingResponder(), model=TINY_MODEL)
    assert result.passed, result.report()
    assert [t.utterance for t in result.turns][1:] == ["yes", "off"]


def test_a_screen_transcript_taps_buttons(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "screen.yaml",
        """\
        device: screen
        turns:
          - say: ask me a question
          - tap: "Yes"
            expect: {intent: Alexa.Presentation.APL.UserEvent, speech_contains: touched yes}
          - tap: "2"
            expect: {speech_contains: touched no}
          - say: stop
          - tap: "Yes"
        """,
    )
    result = run_transcript(path, responder=RecordingResponder(), model=TINY_MODEL)
    assert [f.turn for f in result.failures] == [5]  # the screen went home with the session
    assert "nothing to touch" in result.failures[0].problems[0]


def test_a_skill_exception_is_reported_with_its_turn(tmp_path: Path) -> None:
    path = write(tmp_path, "boom.yaml", "turns:\n  - launch: true\n  - say: explode\n")
    result = run_transcript(path, responder=RecordingResponder(), model=TINY_MODEL)
    assert result.error is not None
    assert result.error.startswith("turn 2 ('explode'): the skill raised an exception")
    assert "tiny counter exploded" in result.error


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("turns: [{say: count, expect: {speech_contain: x}}]", "unknown expectations"),
        ("turns: [{say: count, launch: true}]", "exactly one of"),
        ("turns: [{shout: count}]", "unknown keys ['shout']"),
        ("turns: []", "non-empty list"),
        ("device: watch\nturns: [{say: count}]", "device must be"),
        ("turns: [{new_session: true, expect: {intent: X}}]", "no reply to expect"),
        ("turns: [{say: count, expect: {speech_matches: '('}}]", "regex"),
        ("turns: [{say: count, expect: {end_session: maybe}}]", "true or false"),
        ("turns: [{say: count, expect: {speech_contains: null}}]", "some text"),
        ("turns: [{launch: yes}]", "launch: true"),
        ("turns: {", "not valid YAML"),
        ("- a list", "a mapping"),
    ],
)
def test_broken_transcripts_are_reported_not_run(tmp_path: Path, text: str, message: str) -> None:
    tiny = RecordingResponder()
    result = run_transcript(write(tmp_path, "bad.yaml", text), responder=tiny, model=TINY_MODEL)
    assert not result.passed and result.error is not None
    assert message in result.error
    assert tiny.requests == []


def test_folders_are_searched_for_yaml(tmp_path: Path) -> None:
    write(tmp_path, "b.yaml", PASSING)
    (tmp_path / "sub").mkdir()
    write(tmp_path / "sub", "a.yml", PASSING)
    write(tmp_path, "notes.txt", "not a transcript")
    assert transcript_files([tmp_path]) == [tmp_path / "b.yaml", tmp_path / "sub" / "a.yml"]
    results = run_paths([tmp_path], responder=RecordingResponder(), model=TINY_MODEL)
    assert transcript_summary(results) == "2 passed, 0 failed"


def test_the_command_reports_failures_and_exits_non_zero(tmp_path: Path) -> None:
    write(tmp_path, "a_pass.yaml", PASSING)
    failing = write(tmp_path, "b_fail.yaml", FAILING)
    run = backpain("test", tmp_path, "--model", TINY_MODEL, "--skill", TINY_SKILL)
    assert run.returncode == 1, run.stderr
    lines = run.stdout.splitlines()
    assert lines[-1] == "1 passed, 1 failed"
    assert re.search(rf"^FAIL  {re.escape(str(failing))}: ", run.stdout, re.MULTILINE)
    assert "a_pass.yaml" not in run.stdout  # passing transcripts are quiet without -v


def test_the_command_passes_with_exit_zero(tmp_path: Path) -> None:
    path = write(tmp_path, "pass.yaml", PASSING)
    run = backpain("test", "-v", path, "--model", TINY_MODEL, "--skill", TINY_SKILL)
    assert run.returncode == 0, run.stdout + run.stderr
    assert run.stdout.splitlines() == [
        f"ok    {path}: 'counting up and stopping'",
        "1 passed, 0 failed",
    ]
