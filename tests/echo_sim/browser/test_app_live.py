"""Hands-free talk and live tabs through the console's HTTP side: audio streamed in pieces and
cut by the device's own endpointer, and the event stream every open tab follows."""

from __future__ import annotations

import io
import wave
from array import array
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask.testing import FlaskClient

from alexa_model.builtins import YES_INTENT
from backpain.content import content_for
from backpain_tools.offline_device import BACK_PAIN_GUIDE
from echo_sim.browser import console_app
from echo_sim.browser.console_app import create_app
from echo_sim.browser.live_listening import NO_SPEECH_S
from echo_sim.browser.session import ConsoleSession
from echo_sim.browser.spoken_input import Hearing
from echo_sim.device.skill_and_model import model_path
from tests.echo_sim.browser.conftest import SPOKEN_WORDS, hearing_available, make_console

FIRST_QUESTION = content_for("en-GB").checklist.questions[0]
"""The check's first question in the content the suite runs on (the seed, or a test edition)."""

PIECE_BYTES = 16000 * 2 // 4
"""A quarter of a second of 16 kHz 16-bit audio, as the page sends it."""


@pytest.fixture
def hearing_console() -> ConsoleSession:
    if not hearing_available():
        pytest.skip("spoken input (echo_sim.hearing) is not in this build")
    hearing = Hearing.for_model(model_path(BACK_PAIN_GUIDE))
    if not hearing.available:
        pytest.skip(str(hearing.reason))
    return make_console(hearing=hearing)


def wav_of(pcm: bytes) -> bytes:
    out = io.BytesIO()
    with wave.open(out, "wb") as file:
        file.setnchannels(1)
        file.setsampwidth(2)
        file.setframerate(16000)
        file.writeframes(pcm)
    return out.getvalue()


def pieces(pcm: bytes) -> Iterator[bytes]:
    for start in range(0, len(pcm), PIECE_BYTES):
        yield wav_of(pcm[start : start + PIECE_BYTES])


def stream(client: FlaskClient) -> int:
    response = client.post("/api/listen", json={})
    assert response.status_code == 200, response.get_json()
    number: int = response.get_json()["stream"]
    return number


def send_piece(client: FlaskClient, number: int, wav: bytes) -> dict[str, Any]:
    response = client.post(
        f"/api/listen/{number}/audio", data=wav, headers={"Content-Type": "audio/wav"}
    )
    assert response.status_code == 200, response.get_json()
    body: dict[str, Any] = response.get_json()
    return body


def spoken_pcm(console: ConsoleSession, spoken_wav: Path | None) -> bytes:
    if spoken_wav is None:
        pytest.skip("espeak-ng is not installed, so there is no recording to stream")
    return console.hearing.pcm(spoken_wav.read_bytes())


def test_streamed_speech_is_a_turn_once_the_endpointer_hears_it_end(
    hearing_console: ConsoleSession, spoken_wav: Path | None
) -> None:
    client = create_app(hearing_console).test_client()
    client.post("/api/launch", json={})
    client.post("/api/say", json={"text": "check my symptoms"})
    # A second of silence, the words, then two seconds of silence; nobody presses Stop.
    pcm = spoken_pcm(hearing_console, spoken_wav) + bytes(16000 * 2 * 2)
    number = stream(client)
    seen = []
    for piece in pieces(pcm):
        body = send_piece(client, number, piece)
        seen.append(body["listening"])
        if body["listening"] == "ended":
            break
    assert seen[0] == "waiting" and "speech" in seen and seen[-1] == "ended"
    assert len(seen) < len(pcm) // PIECE_BYTES, "the turn waited for the end of the audio"
    turn = body["state"]["turns"][-1]
    assert turn["action"] == "hear" and turn["heard"]["text"] == SPOKEN_WORDS
    assert 0 <= turn["heard"]["confidence"] <= 1
    assert turn["intent"] == YES_INTENT
    assert FIRST_QUESTION.flag.advice.action in turn["speech"]
    stale = client.post(
        f"/api/listen/{number}/audio",
        data=wav_of(bytes(640)),
        headers={"Content-Type": "audio/wav"},
    )
    assert stale.status_code == 400
    assert stale.get_json()["error"] == "that microphone stream has ended; press Talk again"


def test_stop_takes_the_speech_so_far_and_silence_alone_sends_nothing(
    hearing_console: ConsoleSession, spoken_wav: Path | None
) -> None:
    client = create_app(hearing_console).test_client()
    # The recording stops as the word does: no silence after it for the endpointer to hear.
    pcm = spoken_pcm(hearing_console, spoken_wav)
    samples = array("h", pcm)
    last_sound = max(at for at, sample in enumerate(samples) if abs(sample) > 300)
    pcm = pcm[: 2 * (last_sound + 1)]
    number = stream(client)
    for piece in pieces(pcm):
        assert send_piece(client, number, piece)["listening"] in ("waiting", "speech")
    ended = client.post(f"/api/listen/{number}/end", json={}).get_json()
    assert ended["listening"] == "ended"
    assert ended["state"]["turns"][-1]["heard"]["text"] == SPOKEN_WORDS

    quiet = stream(client)
    seen = []
    for piece in pieces(bytes(int(16000 * 2 * (NO_SPEECH_S + 1)))):
        seen.append(send_piece(client, quiet, piece)["listening"])
        if seen[-1] != "waiting":
            break
    assert seen[-1] == "nothing" and len(seen) == NO_SPEECH_S * 4
    assert len(hearing_console.turns) == 1
    assert client.post(f"/api/listen/{quiet}/end", json={}).status_code == 400

    again = stream(client)
    assert client.post(f"/api/listen/{again}/end", json={}).get_json()["listening"] == "nothing"


def test_without_the_recogniser_hands_free_talk_says_why() -> None:
    console = make_console(hearing=Hearing.unavailable("no recogniser in these tests"))
    client = create_app(console).test_client()
    refused = client.post("/api/listen", json={})
    assert refused.status_code == 400
    assert refused.get_json()["error"] == "no recogniser in these tests"
    wrong = client.post("/api/listen/1/audio", json={})
    assert wrong.status_code == 415
    assert wrong.get_json()["error"] == "send audio/wav to /api/listen/1/audio"


def test_every_tab_hears_of_each_change(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(console_app, "HEARTBEAT_S", 0.05)
    console = make_console(hearing=Hearing.unavailable("no recogniser in these tests"))
    client = create_app(console).test_client()
    response = client.get("/api/events", buffered=False)
    assert response.mimetype == "text/event-stream"
    events = (bytes(chunk).decode() for chunk in response.response)  # type: ignore[arg-type]
    assert next(events) == "retry: 2000\nevent: change\ndata: 0\n\n"
    assert next(events) == ": still here\n\n"  # nothing changed: a heartbeat
    console.launch()  # another tab opened the skill
    version = console.state()["version"]
    assert version > 0
    assert next(events) == f"event: change\ndata: {version}\n\n"
    console.set_profile("voice")  # ends the session, then changes the device: one event
    assert next(events) == f"event: change\ndata: {console.state()['version']}\n\n"
    console.changes.close()  # the console stops: the stream ends
    assert list(events) == []
    response.close()
