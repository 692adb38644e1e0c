"""`backpain chat` and `backpain say` as a user runs them: the real command, as a subprocess."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import pytest

from alexa_model.builtins import NO_INTENT, STOP_INTENT
from backpain import intents
from backpain.content import content_for
from echo_sim.commands import chat, say
from echo_sim.skill_project import NO_PROJECT
from echo_sim.voice import wav
from echo_sim.voice.desktop_voice import find_player
from tests.echo_sim.conftest import TINY_MODEL, TINY_SKILL, backpain
from tests.echo_sim.tiny import intents as tiny_intents
from tests.echo_sim.tiny import skill as tiny_skill

FIRST_QUESTION = content_for("en-GB").checklist.questions[0]
"""The check's first question in the content the suite runs on (the seed, or a test edition)."""

# Most tests run the backpain command as a process.
pytestmark = pytest.mark.slow

JSON_KEYS = ["intent", "slots", "confidence", "speech", "ssml", "reprompt", "card", "end_session"]
CHAT_SCRIPT = Path(__file__).parents[1] / "chat_script.txt"
TINY = ("--model", str(TINY_MODEL), "--skill", TINY_SKILL)
needs_espeak = pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="no espeak-ng")


def json_lines(stdout: str) -> list[dict]:
    """Every stdout line, each of which must be one JSON object with exactly the contract keys."""
    lines = [json.loads(line) for line in stdout.splitlines()]
    for line in lines:
        assert list(line) == JSON_KEYS
    return lines


def test_chat_json_contract_with_the_real_skill() -> None:
    run = backpain("chat", "--json", "--mute", "--script", CHAT_SCRIPT)
    assert run.returncode == 0, run.stderr
    turns = json_lines(run.stdout)
    assert [t["intent"] for t in turns] == [
        "LaunchRequest",
        intents.CHECK,
        NO_INTENT,
        STOP_INTENT,
        "LaunchRequest",
        intents.RELIEF,
    ]
    launch, check, _, stop, _, relief = turns
    assert launch["confidence"] == 1.0 and launch["end_session"] is False
    assert "NHS" in launch["speech"] and launch["ssml"].startswith("<speak>")
    assert launch["card"]["title"] and launch["reprompt"]
    assert FIRST_QUESTION.text in check["speech"]
    assert stop["end_session"] is True and stop["reprompt"] is None
    assert relief["slots"]["method"] == {"value": "exercise", "id": "EXERCISE", "resolved": True}
    assert "<" not in "".join(t["speech"] for t in turns)


def test_say_sends_each_text_in_a_fresh_session() -> None:
    run = backpain("say", "--json", "--mute", "count", "count up", *TINY)
    assert run.returncode == 0, run.stderr
    turns = json_lines(run.stdout)
    assert [t["speech"] for t in turns] == ["The count is 1. A new session."] * 2


def test_say_reads_texts_from_a_file_as_ask_invocation_name(tmp_path: Path) -> None:
    texts = tmp_path / "texts.txt"
    texts.write_text("what causes back pain\n# a comment\n\nopen back pain guide\n")
    run = backpain("say", "--json", "--mute", "--file", texts, "should I see a doctor")
    assert run.returncode == 0, run.stderr
    assert [t["intent"] for t in json_lines(run.stdout)] == [
        intents.GET_HELP,
        intents.CAUSES,
        "LaunchRequest",
    ]
    assert "heard as" not in run.stderr  # say addresses the skill itself, so no note


def test_readable_chat_output(tmp_path: Path) -> None:
    script = tmp_path / "chat.txt"
    script.write_text("count\nstop\ncount\n")
    run = backpain("chat", "--mute", "--script", script, *TINY)
    assert run.returncode == 0, run.stderr
    out = run.stdout
    assert "alexa:  Welcome to Tiny Counter. Say count." in out
    # A chat reads like a conversation: reprompts and cards only with --verbose.
    assert "reprompt:" not in out and "card:" not in out
    assert "you:    count" in out and "(CountIntent)" in out
    assert "(the skill ended the session)" in out
    assert "alexa:  The count is 1. A new session." in out
    assert "note: new session: heard as 'ask tiny counter count'" in run.stderr


def test_verbose_chat_shows_reprompts_and_cards(tmp_path: Path) -> None:
    script = tmp_path / "chat.txt"
    script.write_text("count\n")
    run = backpain("chat", "--mute", "--verbose", "--script", script, *TINY)
    assert run.returncode == 0, run.stderr
    assert "reprompt: Say count." in run.stdout and "card: Tiny Counter" in run.stdout


@pytest.mark.skipif(not isinstance(find_player(), str), reason="this machine can play sound")
def test_without_a_sound_device_one_line_explains_and_the_chat_goes_on(tmp_path: Path) -> None:
    script = tmp_path / "chat.txt"
    script.write_text("count\ncount\n")
    run = backpain("chat", "--json", "--script", script, *TINY)
    assert run.returncode == 0, run.stderr
    assert len(json_lines(run.stdout)) == 3
    assert run.stderr.splitlines() == [
        "no audio output device found; replies are shown as text. "
        "Use --save-audio DIR to write wav files."
    ]


@needs_espeak
def test_save_audio_writes_a_wav_per_turn_without_a_sound_card(tmp_path: Path) -> None:
    script = tmp_path / "chat.txt"
    script.write_text("count\nsay something slowly\n")
    audio = tmp_path / "audio"
    run = backpain("chat", "--json", "--mute", "--save-audio", audio, "--script", script, *TINY)
    assert run.returncode == 0, run.stderr
    assert len(json_lines(run.stdout)) == 3
    files = sorted(p.name for p in audio.iterdir())
    assert files == ["turn-001.wav", "turn-002.wav", "turn-003.wav"]
    for path in audio.iterdir():
        assert wav.rms(wav.read(path)) > 300
    # "Call 111.<break time=2s/>Then rest." has its two seconds of silence
    assert wav.read(audio / "turn-003.wav").seconds > 2.5


def test_screen_rendering_taps_and_saved_screens(tmp_path: Path) -> None:
    script = tmp_path / "chat.txt"
    script.write_text("ask me a question\n/tap no\n/tap 7\n")
    screens = tmp_path / "screens"
    run = backpain(
        "chat", "--mute", "--screen", "--save-screens", screens, "--script", script, *TINY
    )
    assert run.returncode == 0, run.stderr
    assert "[screen: Tiny question]" in run.stdout
    assert "touch: [1] Yes   [2] No" in run.stdout
    assert "alexa:  You touched no." in run.stdout
    assert "no touch target '7' on the screen" in run.stderr
    saved = sorted(screens.iterdir())
    assert [p.name for p in saved] == ["screen-002.json"]
    assert json.loads(saved[0].read_text())["question"]["text"] == "Do you like counting?"


def test_a_skill_error_is_shown_and_the_chat_continues(tmp_path: Path) -> None:
    script = tmp_path / "chat.txt"
    script.write_text("explode\ncount\n")
    run = backpain("chat", "--json", "--mute", "--script", script, *TINY)
    assert run.returncode == 1
    assert "the skill failed on this request" in run.stderr
    assert "RuntimeError: tiny counter exploded" in run.stderr
    assert [t["speech"] for t in json_lines(run.stdout)][-1] == "The count is 1. A new session."


def test_a_bad_model_is_a_clear_usage_error(tmp_path: Path) -> None:
    broken = tmp_path / "en-GB.json"
    broken.write_text("{not json")
    run = backpain("say", "--mute", "--model", broken, "hello")
    assert run.returncode == 2
    assert run.stderr.startswith("backpain say: cannot use the interaction model:")
    assert run.stdout == ""


def test_typed_input_quit_and_the_session_ended_request(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    tiny_skill.ended_reasons.clear()
    monkeypatch.setattr("sys.stdin", io.StringIO("count\n/help\n/bogus\nquit\ncount\n"))
    assert chat.main(NO_PROJECT, "chat", ["--json", "--mute", *TINY]) == 0
    captured = capsys.readouterr()
    assert [json.loads(line)["intent"] for line in captured.out.splitlines()] == [
        "LaunchRequest",
        tiny_intents.COUNT,
    ]
    assert "/tap LABEL" in captured.err and "unknown command '/bogus'" in captured.err
    assert tiny_skill.ended_reasons == ["USER_INITIATED"]


def test_say_closes_each_open_session_as_alexa_does_after_its_reprompt(
    capsys: pytest.CaptureFixture[str],
) -> None:
    tiny_skill.ended_reasons.clear()
    argv = ["--mute", "count", "my favourite colour is red", *TINY]
    assert say.main(NO_PROJECT, "say", argv) == 0
    # the count leaves its session open; the colour answer ends its own
    assert tiny_skill.ended_reasons == ["EXCEEDED_MAX_REPROMPTS"]
    assert "You like red." in capsys.readouterr().out


@needs_espeak
def test_voice_list(capsys: pytest.CaptureFixture[str]) -> None:
    assert chat.main(NO_PROJECT, "chat", ["--voice", "list"]) == 0
    assert "English (Great Britain)" in capsys.readouterr().out


def test_an_unknown_voice_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    if shutil.which("espeak-ng") is None:
        pytest.skip("no espeak-ng, so no voices to choose from")
    assert say.main(NO_PROJECT, "say", ["--voice", "no-such-voice", "count", *TINY]) == 2
    assert "no voice called 'no-such-voice'" in capsys.readouterr().err


HELLO_SKILL = """\
from ask_sdk_core.skill_builder import SkillBuilder

builder = SkillBuilder()


@builder.request_handler(can_handle_func=lambda handler_input: True)
def hello(handler_input):
    request = handler_input.request_envelope.request
    speech = f"Hello from a {request.object_type} in {request.locale}."
    return handler_input.response_builder.speak(speech).response


handler = builder.lambda_handler()
"""


def test_another_skills_lambda_handler_from_the_current_folder(tmp_path: Path) -> None:
    (tmp_path / "hello_skill.py").write_text(HELLO_SKILL)
    model = tmp_path / "en-US.json"
    model.write_text(
        json.dumps(
            {
                "interactionModel": {
                    "languageModel": {
                        "invocationName": "hello world",
                        "intents": [{"name": "HelloIntent", "samples": ["say hello"]}],
                    }
                }
            }
        )
    )
    run = backpain(
        "say", "--json", "--mute", "--model", model, "--skill", "hello_skill:handler", "say hello",
        cwd=tmp_path,
    )
    assert run.returncode == 0, run.stderr
    assert [t["speech"] for t in json_lines(run.stdout)] == ["Hello from a IntentRequest in en-US."]


def test_say_shows_the_can_fulfill_request_and_its_answer_for_name_free_words() -> None:
    run = backpain(
        "say", "--json", "--mute", "alexa, does ibuprofen help my back", "alexa, set a timer"
    )
    assert run.returncode == 0, run.stderr
    asked, refused = [json.loads(line) for line in run.stdout.splitlines()]
    assert list(asked) == list(refused) == [*JSON_KEYS, "name_free"]
    assert asked["name_free"]["can_fulfill"] == "YES" and asked["intent"] == intents.RELIEF
    request = asked["name_free"]["can_fulfill_request"]["request"]
    assert request["type"] == "CanFulfillIntentRequest"
    assert request["intent"]["name"] == intents.RELIEF
    answer = asked["name_free"]["can_fulfill_response"]["response"]
    assert answer["canFulfillIntent"]["canFulfill"] == "YES"
    assert refused["name_free"]["can_fulfill"] == "NO" and refused["end_session"] is True
    assert "name-free: CanFulfillIntentRequest" in run.stderr
