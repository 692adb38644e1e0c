"""The console's HTTP side, through Flask's client: the device's turns, safety, and clear errors."""

from __future__ import annotations

import importlib.util
import io
import wave
from typing import Any

import pytest
import yaml
from flask.testing import FlaskClient

from backpain import intents
from backpain_tools.offline_device import BACK_PAIN_GUIDE
from echo_sim.browser.apl_preview import touch_arguments
from echo_sim.browser.console_app import create_app
from echo_sim.browser.session import ConsoleSession
from echo_sim.browser.spoken_input import Hearing
from echo_sim.device import model_path, skill_responder, transcript
from tests.echo_sim.browser.conftest import make_console

JSON = {"Content-Type": "application/json"}


@pytest.fixture
def console() -> ConsoleSession:
    return make_console(hearing=Hearing.unavailable("no recogniser in these tests"))


@pytest.fixture
def client(console: ConsoleSession) -> FlaskClient:
    return create_app(console).test_client()


def post(client: FlaskClient, path: str, body: Any = None, status: int = 200) -> dict[str, Any]:
    response = client.post(path, json=body if body is not None else {})
    assert response.status_code == status, response.get_json()
    return response.get_json()


def last(state: dict[str, Any]) -> dict[str, Any]:
    return state["state"]["turns"][-1]


def test_the_page_says_what_it_is_and_loads_only_its_own_files(client: FlaskClient) -> None:
    page = client.get("/")
    text = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "not the skill's endpoint" in text
    assert "http://" not in text and "https://" not in text  # nothing from the network
    assert "default-src 'self'" in page.headers["Content-Security-Policy"]
    for asset in ("/static/console.js", "/static/console.css", "/static/recorder.js"):
        assert asset in text
        assert client.get(asset).status_code == 200
    assert "Talk is off: no recogniser in these tests" in text


def test_a_typed_turn_shows_intent_slots_confidence_speech_and_both_envelopes(
    client: FlaskClient,
) -> None:
    post(client, "/api/launch")
    turn = last(post(client, "/api/say", {"text": "does exercise help my back"}))
    assert turn["said"] == "does exercise help my back"
    assert turn["intent"] == intents.RELIEF
    assert 0 < turn["confidence"] <= 1
    assert turn["speech"]
    assert turn["request"]["request"]["intent"]["name"] == intents.RELIEF
    assert turn["response"]["response"]["outputSpeech"]["type"] == "SSML"
    assert turn["card"]["title"] and "NHS" in turn["card"]["text"]


def test_the_checks_state_is_shown_plainly(client: FlaskClient) -> None:
    post(client, "/api/launch")
    turn = last(post(client, "/api/say", {"text": "check my symptoms"}))
    assert (
        turn["state"][0] == "Warning-sign check open, on question 1 (index 0): asked once so far."
    )
    turn = last(post(client, "/api/say", {"text": "banana"}))
    assert turn["state"][0].startswith(
        "Warning-sign check open, on question 1 (index 0): asked again"
    )
    assert turn["attributes"]["check"] == {"index": 0, "reasked": True}


def test_touching_a_button_sends_the_arguments_the_document_gives_it(
    client: FlaskClient, console: ConsoleSession
) -> None:
    post(client, "/api/launch")
    state = post(client, "/api/say", {"text": "check my symptoms"})["state"]
    no = next(a for a in touch_arguments(state["screen"]["html"]) if "no" in a)
    turn = last(post(client, "/api/tap", {"arguments": no}))
    assert turn["request"]["request"]["type"] == "Alexa.Presentation.APL.UserEvent"
    assert turn["request"]["request"]["arguments"] == no
    assert "Question 2 of 10" in turn["speech"]
    assert "Question 2 of 10" in console.state()["screen"]["html"]
    problem = post(client, "/api/tap", {"arguments": ["answer", "maybe"]}, status=400)
    assert problem["error"] == "that button is not on the current screen (it may have changed)"


def test_new_session_and_end_of_session_behave_as_on_an_echo(client: FlaskClient) -> None:
    post(client, "/api/launch")
    ended = last(post(client, "/api/end"))
    assert ended["intent"] == "SessionEndedRequest"
    assert ended["request"]["request"]["reason"] == "USER_INITIATED"
    turn = last(post(client, "/api/say", {"text": "what causes back pain"}))
    assert turn["request"]["session"]["new"] is True
    assert turn["notes"] == ["new session: heard as 'ask back pain guide what causes back pain'"]
    state = post(client, "/api/launch")["state"]
    # "Alexa, open ..." mid-session: the open session ends first, and the page shows it.
    assert [t["intent"] for t in state["turns"][-2:]] == ["SessionEndedRequest", "LaunchRequest"]
    post(client, "/api/say", {"text": "stop"})
    state = client.get("/api/state").get_json()["state"]
    assert state["turns"][-1]["end_session"] is True and state["in_session"] is False
    assert state["screen"]["html"] is None  # the Echo Show went back to its home screen


def test_saying_nothing_ends_the_session_as_alexa_does_after_the_reprompt(
    client: FlaskClient,
) -> None:
    post(client, "/api/launch")
    post(client, "/api/say", {"text": "check my symptoms"})
    turn = last(post(client, "/api/silence"))
    assert turn["request"]["request"] == {
        **turn["request"]["request"],
        "type": "SessionEndedRequest",
        "reason": "EXCEEDED_MAX_REPROMPTS",
    }
    assert client.get("/api/state").get_json()["state"]["in_session"] is False
    error = post(client, "/api/silence", status=400)["error"]
    assert error == "no session is open, so there is nothing to stay silent to"


def test_device_profiles_send_their_own_viewport(client: FlaskClient) -> None:
    post(client, "/api/profile", {"profile": "show10"})
    viewport = last(post(client, "/api/launch"))["request"]["context"]["Viewport"]
    assert (viewport["pixelWidth"], viewport["pixelHeight"], viewport["dpi"]) == (1280, 800, 160)
    post(client, "/api/profile", {"profile": "show8"})
    viewport = last(post(client, "/api/launch"))["request"]["context"]["Viewport"]
    assert viewport["dpi"] == 213
    state = post(client, "/api/profile", {"profile": "voice"})["state"]
    assert state["screen"] is None
    request = last(post(client, "/api/launch"))["request"]
    assert "Viewport" not in request["context"]
    assert post(client, "/api/profile", {"profile": "echo-spot"}, status=400)["error"].startswith(
        "no device profile 'echo-spot'"
    )


def test_the_reply_is_there_as_the_devices_voice_says_it(client: FlaskClient) -> None:
    turn = last(post(client, "/api/launch"))
    if not turn["has_audio"]:
        pytest.skip("espeak-ng is not installed, so the device has no voice here")
    audio = client.get(f"/api/audio/{turn['number']}.wav")
    assert audio.mimetype == "audio/wav"
    with wave.open(io.BytesIO(audio.get_data())) as clip:
        assert clip.getnframes() / clip.getframerate() > 5  # the welcome is long
    assert client.get("/api/audio/99.wav").get_json() == {"error": "there is no turn 99"}


def test_a_saved_session_is_a_transcript_that_backpain_test_passes(client: FlaskClient) -> None:
    post(client, "/api/launch")
    for words in ("check my symptoms", "no", "no", "yes"):
        post(client, "/api/say", {"text": words})
    post(client, "/api/say", {"text": "what causes back pain"})
    post(client, "/api/end")
    saved = client.get("/api/transcript.yaml")
    assert saved.headers["Content-Disposition"].startswith("attachment")
    text = saved.get_data(as_text=True)
    name, steps, device = transcript.parse_transcript(text)
    assert device.screen and name.startswith("saved from the console")
    assert steps[0] == {
        "launch": True,
        "expect": {
            "intent": "LaunchRequest",
            "speech_contains": "Welcome to Back Pain Guide.",
            "end_session": False,
        },
    }
    assert steps[2]["say"] == "no" and steps[-1] == {"new_session": True}
    result = transcript.run_transcript(
        yaml.safe_load(text),
        responder=skill_responder(BACK_PAIN_GUIDE),
        model=model_path(BACK_PAIN_GUIDE),
    )
    assert result.passed, result.report()


def test_a_replayed_transcript_marks_each_turn(client: FlaskClient) -> None:
    text = """
name: replayed
device: screen
turns:
  - say: open back pain guide
  - say: check my symptoms
    expect: {speech_contains: Question 1 of 10}
  - tap: "No"
    expect: {speech_contains: Question 3 of 10}
  - tap: Maybe
  - say: yes
    expect: {end_session: true}
"""
    answer = post(client, "/api/replay", {"text": text, "name": "replayed.yaml"})
    assert answer["result"] == {"name": "replayed", "passed": 3, "failed": 2}
    turns = answer["state"]["turns"]
    assert [t["verdict"]["problems"] == [] for t in turns] == [True, True, False, False, True]
    assert turns[2]["verdict"]["problems"] == ["expected speech containing 'Question 3 of 10'"]
    assert turns[3]["verdict"]["problems"][0].startswith("no touch target 'Maybe'")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("turns: [", "bad.yaml: not valid YAML"),
        ("- just a list", "bad.yaml: a transcript is a mapping with 'name' and 'turns'"),
        ("name: x\nturns: []", "bad.yaml: 'turns' must be a non-empty list"),
        ("name: x\nturns:\n  - shout: hi", "bad.yaml: turn 1: unknown keys ['shout']"),
    ],
)
def test_bad_transcripts_get_a_clear_message(client: FlaskClient, text: str, message: str) -> None:
    error = post(client, "/api/replay", {"text": text, "name": "bad.yaml"}, status=400)["error"]
    assert error.startswith(message)
    assert "Traceback" not in error


def test_nothing_to_save_is_said_plainly(client: FlaskClient) -> None:
    response = client.get("/api/transcript.yaml")
    assert response.status_code == 400
    assert response.get_json() == {"error": "there is nothing to save yet: say something first"}


@pytest.mark.parametrize(
    ("send", "status", "message"),
    [
        (dict(data="{oops", headers=JSON), 400, "the request body is not valid JSON"),
        (dict(json=["a"]), 400, "the request body must be a JSON object"),
        (dict(json={"text": 3}), 400, "'text' must be text"),
        (dict(json={"text": "   "}), 400, "type something to say first"),
        (dict(data="text=hi"), 415, "send application/json to /api/say"),
        (dict(json={}, headers={"Origin": "http://evil.example"}), 403, "requests must come"),
        (dict(json={}, headers={"Host": "evil.example:8765"}), 403, "this console answers only"),
        (dict(json={"text": "x" * 600}), 400, "that is too long for one utterance"),
        (dict(data=b"x" * (5 * 1024 * 1024), headers=JSON), 413, "that is too large"),
    ],
)
def test_bad_requests_get_one_clear_message(
    client: FlaskClient, send: dict[str, Any], status: int, message: str
) -> None:
    response = client.post("/api/say", **send)
    assert response.status_code == status
    assert response.get_json()["error"].startswith(message)


def test_unknown_routes_and_methods_get_a_message_not_a_trace(client: FlaskClient) -> None:
    assert client.get("/api/nothing").get_json() == {
        "error": "there is nothing at /api/nothing; the console is at /"
    }
    page = client.get("/admin")
    assert page.status_code == 404 and "there is nothing at /admin" in page.get_data(as_text=True)
    assert client.get("/api/say").get_json() == {"error": "GET is not how /api/say is used"}


def test_spoken_input_says_why_it_is_off(client: FlaskClient) -> None:
    response = client.post("/api/hear", data=b"RIFF", headers={"Content-Type": "audio/wav"})
    assert response.status_code == 400
    assert response.get_json() == {"error": "no recogniser in these tests"}
    state = client.get("/api/state").get_json()["state"]
    assert state["hearing"] == {"available": False, "reason": "no recogniser in these tests"}


def test_hearing_without_the_recogniser_package_names_the_missing_module() -> None:
    if importlib.util.find_spec("echo_sim.hearing") is not None:
        pytest.skip("echo_sim.hearing is installed here")
    hearing = Hearing.for_model(model_path(BACK_PAIN_GUIDE))
    assert not hearing.available
    assert hearing.reason is not None and "echo_sim.hearing" in hearing.reason


def test_a_skill_that_fails_gets_the_echos_message_and_the_page_keeps_working() -> None:
    def failing(envelope: dict[str, Any]) -> dict[str, Any]:
        raise RuntimeError("the skill's database is down")

    client = create_app(make_console(failing)).test_client()
    response = client.post("/api/launch", json={})
    assert response.status_code == 500
    error = response.get_json()["error"]
    assert "There was a problem with the requested skill's response" in error
    assert error.endswith("RuntimeError: the skill's database is down")
    assert client.get("/api/state").status_code == 200


def test_words_without_the_name_show_alexas_question_and_the_answer(client: FlaskClient) -> None:
    turn = last(post(client, "/api/say", {"text": "alexa, does ibuprofen help my back"}))
    asked = turn["name_free"]
    assert asked["can_fulfill"] == "YES" and asked["ingress"] is None
    assert asked["can_fulfill_request"]["request"]["type"] == "CanFulfillIntentRequest"
    assert asked["can_fulfill_response"]["response"]["canFulfillIntent"]["canFulfill"] == "YES"
    assert turn["intent"] == intents.RELIEF and turn["request"]["session"]["new"] is True
    post(client, "/api/end")
    refused = last(post(client, "/api/say", {"text": "alexa, what's the weather like tomorrow"}))
    assert refused["name_free"]["can_fulfill"] == "NO"
    assert refused["speech"] == "Sorry, I don't know that one."
    opened = last(post(client, "/api/say", {"text": "alexa, what causes back pain"}))
    assert opened["name_free"] == {"ingress": intents.CAUSES, "can_fulfill": None}
    # Inside the session the same words are the skill's, as before.
    inside = last(post(client, "/api/say", {"text": "alexa, what causes back pain"}))
    assert inside["name_free"] is None and inside["intent"] == intents.CAUSES
