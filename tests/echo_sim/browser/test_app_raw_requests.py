"""Raw requests through the console's HTTP side: the templates, sending an edited envelope, and
one clear line for a bad one."""

from __future__ import annotations

import json
from typing import Any

import pytest
from flask.testing import FlaskClient

from alexa_model.builtins import NO_INTENT
from backpain_tools.offline_device import BACK_PAIN_GUIDE
from echo_sim.browser.console_app import create_app
from echo_sim.browser.raw_requests import TEMPLATES
from echo_sim.browser.session import ConsoleSession
from echo_sim.browser.spoken_input import Hearing
from echo_sim.device.skill_and_model import load_matcher, model_path
from tests.echo_sim.browser.conftest import make_console


@pytest.fixture
def console() -> ConsoleSession:
    return make_console(hearing=Hearing.unavailable("no recogniser in these tests"))


@pytest.fixture
def client(console: ConsoleSession) -> FlaskClient:
    return create_app(console).test_client()


def template(client: FlaskClient, key: str) -> dict[str, Any]:
    response = client.get(f"/api/raw/{key}")
    assert response.status_code == 200, response.get_json()
    envelope: dict[str, Any] = json.loads(response.get_json()["envelope"])
    return envelope


def send(client: FlaskClient, envelope: Any, status: int = 200) -> dict[str, Any]:
    text = envelope if isinstance(envelope, str) else json.dumps(envelope)
    response = client.post("/api/raw", json={"envelope": text})
    assert response.status_code == status, response.get_json()
    body: dict[str, Any] = response.get_json()
    return body


def newest(body: dict[str, Any]) -> dict[str, Any]:
    turn: dict[str, Any] = body["state"]["turns"][-1]
    return turn


def in_the_check(client: FlaskClient) -> dict[str, Any]:
    client.post("/api/launch", json={})
    body = client.post("/api/say", json={"text": "check my symptoms"}).get_json()
    return newest(body)


def test_every_template_is_an_envelope_the_skill_answers(client: FlaskClient) -> None:
    assert client.get("/").get_data(as_text=True).count('<option value="ended-') == 3
    for key in TEMPLATES:
        envelope = template(client, key)
        turn = newest(send(client, envelope))
        assert turn["action"] == "raw"
        assert turn["request"]["request"]["requestId"] == envelope["request"]["requestId"]
        assert turn["response"]["version"] == "1.0", key


def test_the_templates_say_what_they_are(client: FlaskClient) -> None:
    reasons = [template(client, key)["request"]["reason"] for key in TEMPLATES if "ended" in key]
    assert reasons == ["USER_INITIATED", "EXCEEDED_MAX_REPROMPTS", "ERROR"]
    assert template(client, "ended-error")["request"]["error"]["type"] == "INVALID_RESPONSE"
    intent = template(client, "intent")["request"]["intent"]
    declared = load_matcher(model_path(BACK_PAIN_GUIDE)).model.intent(intent["name"])
    assert {slot.name for slot in declared.slots} == set(intent["slots"]) != set()
    for slot in intent["slots"].values():
        resolved = slot["resolutions"]["resolutionsPerAuthority"][0]
        assert resolved["status"]["code"] == "ER_SUCCESS_MATCH" and slot["value"]
    asked = template(client, "can-fulfill")
    assert asked["request"]["type"] == "CanFulfillIntentRequest" and asked["session"]["new"]
    turn = newest(send(client, asked))
    assert turn["intent"] == f"CanFulfillIntentRequest {intent['name']}"
    assert turn["response"]["response"]["canFulfillIntent"]["canFulfill"] in ("YES", "NO", "MAYBE")
    assert template(client, "launch")["request"]["type"] == "LaunchRequest"


def test_a_user_event_template_carries_the_screens_first_button(
    client: FlaskClient, console: ConsoleSession
) -> None:
    in_the_check(client)
    screen = console.echo.screen
    assert screen is not None
    event = template(client, "user-event")
    assert event["request"]["arguments"] == list(screen.targets[0].arguments)
    assert event["request"]["token"] == screen.token
    assert event["session"]["sessionId"] == console.echo.session.session_id  # type: ignore[union-attr]


def test_an_edited_request_in_the_open_session_carries_the_session_on(
    client: FlaskClient, console: ConsoleSession
) -> None:
    in_the_check(client)
    # A template in the open session carries its attributes (the check's place), as Alexa would.
    edited = template(client, "intent")
    edited["request"]["intent"] = {"name": NO_INTENT, "confirmationStatus": "NONE"}
    turn = newest(send(client, edited))
    assert turn["said"] == "sent a raw AMAZON.NoIntent"
    assert "Question 2 of 10" in turn["speech"]
    typed = newest(client.post("/api/say", json={"text": "no"}).get_json())
    assert "Question 3 of 10" in typed["speech"]

    ended = template(client, "ended-user")
    assert ended["session"]["sessionId"] == console.echo.session.session_id  # type: ignore[union-attr]
    assert newest(send(client, ended))["intent"] == "SessionEndedRequest"
    assert not console.echo.in_session


def test_a_request_naming_another_session_leaves_the_devices_own_alone(
    client: FlaskClient,
) -> None:
    in_the_check(client)
    edited = template(client, "intent")
    edited["session"]["sessionId"] = "amzn1.echo-api.session.somebody-else"
    edited["request"]["intent"] = {"name": NO_INTENT, "confirmationStatus": "NONE"}
    send(client, edited)
    typed = newest(client.post("/api/say", json={"text": "no"}).get_json())
    assert "Question 2 of 10" in typed["speech"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{", "the request is not valid JSON: line 1, column 2: Expecting property name"),
        ('{"version": "1.0",\n "request": {"type": "LaunchRequest"},}', "line 2, column 39"),
        ("[1, 2]", "the request must be a JSON object (an Alexa request envelope)"),
        ('{"request": {}}', 'the envelope needs a "request" object with a "type"'),
        ("x" * 100_001, "that request is too long (100,000 characters at most)"),
    ],
)
def test_a_bad_request_gets_one_clear_line(client: FlaskClient, text: str, message: str) -> None:
    error = send(client, text, status=400)["error"]
    assert message in error
    assert "\n" not in error and "Traceback" not in error


def test_what_the_skill_cannot_take_is_the_echos_message_not_a_trace(client: FlaskClient) -> None:
    body = send(client, {"request": {"type": "IntentRequest"}}, status=500)
    assert body["error"].startswith("the skill failed on this request")
    assert "Traceback" not in body["error"]
    assert client.post("/api/raw", json={}).get_json()["error"] == "'envelope' must be text"
    unknown = client.get("/api/raw/weather")
    assert unknown.status_code == 400
    assert unknown.get_json()["error"].startswith("no request template 'weather'; choose one of")
