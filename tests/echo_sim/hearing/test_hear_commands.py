"""`backpain hear` and `backpain listen-test` on the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from alexa_model.builtins import FALLBACK_INTENT
from backpain import intents
from echo_sim.hearing.audio import wav_bytes
from echo_sim.hearing.speakers import Speaker
from tests.echo_sim.conftest import backpain
from tests.echo_sim.hearing.conftest import SPOKEN, cache_env, spoken

# Each test runs the backpain command as a process.
pytestmark = pytest.mark.slow

CONTRACT = {"intent", "slots", "confidence", "speech", "ssml", "reprompt", "card", "end_session"}


def test_hear_answers_each_recording_as_say_does(
    tmp_path: Path, hibari: Speaker, hearing_cache: Path
) -> None:
    first, second = tmp_path / "causes.wav", tmp_path / "sciatica.wav"
    first.write_bytes(wav_bytes(spoken(hibari, "what causes back pain")))
    second.write_bytes(wav_bytes(spoken(hibari, "what is sciatica")))
    run = backpain("hear", first, second, "--mute", "--json", env=cache_env(hearing_cache))
    assert run.returncode == 0, run.stderr
    turns = [json.loads(line) for line in run.stdout.splitlines()]
    assert [turn["intent"] for turn in turns] == [intents.CAUSES, intents.CONDITION]
    assert turns[1]["slots"]["condition"]["id"] is not None
    for turn in turns:
        assert set(turn) == CONTRACT | {"heard", "asr_confidence"}
        assert 0.0 <= turn["asr_confidence"] <= 1.0
    assert turns[0]["heard"] == "what causes back pain"


def test_say_json_keeps_exactly_the_contract_keys() -> None:
    run = backpain("say", "what causes back pain", "--mute", "--json")
    assert set(json.loads(run.stdout)) == CONTRACT


def test_hear_shows_the_words_heard_before_the_reply(
    tmp_path: Path, hibari: Speaker, hearing_cache: Path
) -> None:
    recording = tmp_path / "relief.wav"
    recording.write_bytes(wav_bytes(spoken(hibari, "does ibuprofen help")))
    run = backpain("hear", recording, "--mute", env=cache_env(hearing_cache))
    assert run.returncode == 0, run.stderr
    lines = run.stdout.splitlines()
    assert lines[0].startswith("you:    does ibuprofen help   [relief.wav, heard with confidence")
    assert intents.RELIEF in lines[1]


def test_hear_refuses_a_bad_file_before_sending_anything(tmp_path: Path) -> None:
    good, bad = tmp_path / "good.wav", tmp_path / "bad.wav"
    good.write_bytes(wav_bytes(b"\x00\x00" * 1600))
    bad.write_bytes(b"RIFF")
    run = backpain("hear", good, bad, "--mute", "--json")
    assert run.returncode == 2
    assert run.stdout == ""
    assert run.stderr.strip() == f"backpain hear: {bad}: not a wav file (no RIFF/WAVE header)"
    missing = backpain("hear", tmp_path / "nowhere.wav", "--mute")
    assert missing.returncode == 2
    assert missing.stderr.strip().endswith("nowhere.wav: No such file or directory")


def test_silence_is_an_unclear_request_not_a_guess(tmp_path: Path, hearing_cache: Path) -> None:
    quiet = tmp_path / "quiet.wav"
    quiet.write_bytes(wav_bytes(b"\x00\x00" * 16_000))
    run = backpain("hear", quiet, "--mute", "--json", env=cache_env(hearing_cache))
    turn = json.loads(run.stdout)
    assert (turn["intent"], turn["heard"], turn["asr_confidence"]) == (
        FALLBACK_INTENT, "", 0.0
    )  # fmt: skip


def test_listen_test_reports_per_intent_and_skips_a_voice_it_cannot_have(
    tmp_path: Path, hearing_cache: Path
) -> None:
    fixture = tmp_path / "CausesIntent.yaml"
    fixture.write_text((SPOKEN / "CausesIntent.yaml").read_text())
    run = backpain(
        "listen-test", fixture, "--voice", "hibari", "--voice", "hibari:no-such-voice",
        "--limit", "3", env=cache_env(hearing_cache),
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    assert "hibari: 3 utterances" in run.stdout.splitlines()
    assert run.stdout.startswith("pronounced by espeak-ng (not in the CMU dictionary): ")
    assert intents.CAUSES in run.stdout and "/3" in run.stdout
    assert "right (" in run.stdout.splitlines()[-1]
    assert run.stderr.strip().startswith(
        "skipped voice hibari:no-such-voice: hibari has no voice 'no-such-voice'; it has heart"
    )
    assert run.stderr.strip().count("\n") == 0


def test_listen_test_with_no_usable_voice_fails_with_a_line_per_voice(tmp_path: Path) -> None:
    run = backpain("listen-test", SPOKEN, "--voice", "hibari:emma", "--limit", "1")
    assert run.returncode == 1
    assert run.stderr.strip() == (
        "skipped voice hibari:emma: hibari voice 'emma' is not on this machine "
        "(only 'heart' comes in the package; the others are a download)"
    )
    assert "Traceback" not in run.stderr


def test_listen_test_names_a_broken_fixture(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("intent: CausesIntent\nsentences:\n  - text: ''\n")
    run = backpain("listen-test", broken, "--voice", "hibari")
    assert run.returncode == 2
    assert run.stderr.strip() == f"backpain listen-test: {broken}: sentence 1 has no text"


def test_hear_rebuild_without_espeak_says_so_in_one_line_then_rebuilds_with_it(
    tmp_path: Path,
) -> None:
    import sys

    env = {**cache_env(tmp_path / "cache"), "PATH": str(Path(sys.executable).parent)}
    hidden = backpain("hear", "--rebuild", env=env)
    assert hidden.returncode == 0, hidden.stderr
    notices = [line for line in hidden.stderr.splitlines() if "without espeak-ng" in line]
    assert len(notices) == 1 and "words of the model can't be heard" in notices[0]
    seen = backpain("hear", "--rebuild", env=cache_env(tmp_path / "cache"))
    assert seen.returncode == 0, seen.stderr
    assert "without espeak-ng" not in seen.stderr
    packs = [folder for folder in (tmp_path / "cache" / "hearing").iterdir()
             if not folder.name.startswith(".")]  # fmt: skip
    keys = sorted((folder / "key.txt").read_text() for folder in packs)
    assert len(keys) == 2 and "no espeak-ng" in keys[1] and "espeak-ng 1." in keys[0]


def test_hear_wants_a_file_or_rebuild() -> None:
    run = backpain("hear", "--mute")
    assert run.returncode == 2 and "give one or more FILE.wav (or --rebuild)" in run.stderr


def test_listen_test_table_has_a_row_per_voice_and_condition(
    tmp_path: Path, hearing_cache: Path
) -> None:
    fixture = tmp_path / "AMAZON.NoIntent.yaml"
    fixture.write_text("intent: AMAZON.NoIntent\nsentences:\n  - no I haven't\n")
    run = backpain(
        "listen-test", fixture, "--table", "--voice", "hibari", "--voice", "hibari:nobody",
        env=cache_env(hearing_cache),
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    lines = run.stdout.splitlines()
    assert "1 utterances a row; held out of all tuning: flite" in lines
    head = lines.index(next(line for line in lines if line.startswith("| Voice | Condition")))
    rows = lines[head + 2 :]
    conditions = ["clean", "white 20 dB", "white 10 dB", "babble 20 dB", "babble 10 dB",
                  "phone band"]  # fmt: skip
    assert [row.split(" | ")[1] for row in rows] == conditions
    assert all(row.startswith("| hibari | ") for row in rows)
    assert rows[0].split(" | ")[2:6] == ["1/1 = 100.0%", "1/1 = 100.0%", "0", "0"]
    assert "skipped voice hibari:nobody" in run.stderr
