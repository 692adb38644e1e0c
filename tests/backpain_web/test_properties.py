"""Random and mutated bodies and envelopes never get a 5xx: a valid Alexa response or a 4xx."""

from __future__ import annotations

import json
from typing import Any

import pytest
from ask_sdk_core.skill import CustomSkill
from flask.testing import FlaskClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from backpain import intents
from backpain.skill import MalformedRequest, build_skill, respond
from backpain_tools.amazon_standins.certificate_authority import TEST_CERT_CHAIN_URL, FakeAmazonPki
from backpain_tools.amazon_standins.s3 import FakeS3
from backpain_web import create_app
from backpain_web.certificate_chains import CertificateChains
from backpain_web.certificate_url import normalise_cert_chain_url
from backpain_web.errors import VerificationFailed
from backpain_web.verification import CERT_CHAIN_URL_HEADER, SIGNATURE_HEADER, RequestVerifier
from echo_sim.device.envelope import ECHO_SHOW, VOICE_ONLY, EnvelopeFactory, Session, SlotValue
from tests.alexa_model.fixtures import en_gb_model

# database=None: tests write only under tmp_path, so no .hypothesis folder in the tree.
EXAMPLES = settings(
    max_examples=150,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# Every intent the model declares, custom and built-in, plus one it does not.
MODEL_INTENTS = [intent.name for intent in en_gb_model().intents]
SLOTS = {
    intents.CONDITION: ("condition", "BACK_CONDITION", ["SCIATICA", "SLIPPED_DISC", "LUMBAGO"]),
    intents.RELIEF: ("method", "RELIEF_METHOD", ["STAY_ACTIVE", "PAINKILLERS"]),
    intents.TREATMENTS: ("treatment", "TREATMENT", ["SURGERY", "MANUAL_THERAPY"]),
}

json_scalars = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**63), max_value=2**63)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=40)
)
json_values = st.recursive(
    json_scalars,
    lambda children: st.lists(children, max_size=4)
    | st.dictionaries(st.text(max_size=12), children, max_size=4),
    max_leaves=12,
)
interesting_values: st.SearchStrategy[Any] = st.sampled_from(
    [None, "", 0, -1, 10**30, True, [], {}, "IntentRequest", intents.YES, "x" * 5000]
)
session_attributes = st.one_of(
    st.just({}),
    st.fixed_dictionaries(
        {},
        optional={
            "last": st.sampled_from(["launch", "overview", "check", "nonsense"]) | json_values,
            "offer": st.sampled_from(["check", "causes", "relief", "no-such-topic"]) | json_values,
            "check": st.fixed_dictionaries(
                {"index": st.integers(-3, 12) | json_values, "reasked": st.booleans() | json_values}
            )
            | json_values,
        },
    ),
    st.dictionaries(st.text(max_size=10), json_values, max_size=3),
)


@st.composite
def alexa_envelopes(draw: st.DrawFn) -> dict[str, Any]:
    """A well-formed envelope as Alexa would send it, for any request this skill handles."""
    factory = EnvelopeFactory(profile=draw(st.sampled_from([VOICE_ONLY, ECHO_SHOW])))
    session = Session(attributes=draw(session_attributes), new=draw(st.booleans()))
    kind = draw(st.sampled_from(["launch", "intent", "ended", "touch"]))
    if kind == "launch":
        return factory.launch(session)
    if kind == "ended":
        return factory.session_ended(session, draw(st.sampled_from(["USER_INITIATED", "ERROR"])))
    if kind == "touch":
        return factory.user_event(session, draw(st.lists(json_values, max_size=3)))
    name = draw(st.sampled_from([*MODEL_INTENTS, "NoSuchIntent"]))
    slots = None
    if name in SLOTS and draw(st.booleans()):
        slot_name, slot_type, ids = SLOTS[name]
        resolved = draw(st.sampled_from([*ids, None]))
        heard = draw(st.text(max_size=20)) if resolved is None else resolved.lower()
        slots = {slot_name: SlotValue(slot_name, heard, slot_type, resolved, resolved)}
    return factory.intent(session, name, slots)


def _places(document: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path to a value inside a JSON document."""
    places = []
    if isinstance(document, dict):
        for key, value in document.items():
            places.append((*path, key))
            places += _places(value, (*path, key))
    elif isinstance(document, list):
        for index, value in enumerate(document):
            places.append((*path, index))
            places += _places(value, (*path, index))
    return places


def _parent(document: Any, path: tuple[Any, ...]) -> Any:
    for step in path[:-1]:
        document = document[step]
    return document


@st.composite
def mutated_envelopes(draw: st.DrawFn, keep_timestamp: bool = False) -> dict[str, Any]:
    """A real envelope with a few values replaced, retyped or deleted."""
    envelope = draw(alexa_envelopes())
    for _ in range(draw(st.integers(min_value=1, max_value=4))):
        places = _places(envelope)
        if keep_timestamp:
            places = [place for place in places if place[:2] != ("request", "timestamp")]
            places = [place for place in places if place != ("request",)]
        if not places:
            break
        place = draw(st.sampled_from(places))
        parent = _parent(envelope, place)
        action = draw(st.sampled_from(["replace", "interesting", "delete"]))
        if action == "delete":
            del parent[place[-1]]
        else:
            values = json_values if action == "replace" else interesting_values
            parent[place[-1]] = draw(values)
    return envelope


def assert_valid_alexa_response(document: Any) -> None:
    json.dumps(document, allow_nan=False)
    assert isinstance(document, dict)
    assert document["version"] == "1.0"
    response = document["response"]
    assert isinstance(response, dict)
    speeches = [response.get("outputSpeech"), (response.get("reprompt") or {}).get("outputSpeech")]
    for speech in filter(None, speeches):
        if speech["type"] == "SSML":
            assert speech["ssml"].startswith("<speak>")
            assert speech["ssml"].endswith("</speak>")
        else:
            assert speech["type"] == "PlainText"
            assert isinstance(speech["text"], str)
    assert response.get("shouldEndSession") in (None, True, False)
    assert isinstance(document.get("sessionAttributes", {}), dict)
    if "card" in response:
        assert response["card"]["type"] in ("Simple", "Standard", "LinkAccount")


def assert_answer_or_client_error(response: Any) -> None:
    assert response.status_code < 500, response.get_data(as_text=True)
    assert response.is_json
    if response.status_code == 200:
        assert_valid_alexa_response(response.get_json())
    else:
        assert 400 <= response.status_code < 500


@pytest.fixture(scope="module")
def real_skill() -> CustomSkill:
    return build_skill()


@pytest.fixture(scope="module")
def open_door(real_skill: CustomSkill) -> FlaskClient:
    return create_app(real_skill, verify=False, skill_id="").test_client()


@pytest.fixture(scope="module")
def guarded_door(real_skill: CustomSkill, pki: FakeAmazonPki) -> FlaskClient:
    chains = CertificateChains(pki.trust_store, FakeS3({TEST_CERT_CHAIN_URL: pki.chain_pem}))
    return create_app(real_skill, verifier=RequestVerifier(chains), skill_id="").test_client()


@given(body=st.binary(max_size=4096) | st.text(max_size=2048).map(str.encode))
@EXAMPLES
def test_random_bytes_with_verification_off(open_door: FlaskClient, body: bytes) -> None:
    assert_answer_or_client_error(open_door.post("/", data=body))


@given(document=json_values)
@EXAMPLES
def test_random_json_with_verification_off(open_door: FlaskClient, document: Any) -> None:
    response = open_door.post("/", data=json.dumps(document).encode())
    assert_answer_or_client_error(response)


@given(envelope=mutated_envelopes())
@EXAMPLES
def test_mutated_envelopes_with_verification_off(
    open_door: FlaskClient, envelope: dict[str, Any]
) -> None:
    assert_answer_or_client_error(open_door.post("/", data=json.dumps(envelope).encode()))


@given(envelope=alexa_envelopes())
@EXAMPLES
def test_every_well_formed_envelope_is_answered(
    open_door: FlaskClient, envelope: dict[str, Any]
) -> None:
    response = open_door.post("/", data=json.dumps(envelope).encode())
    assert response.status_code == 200, response.get_data(as_text=True)
    assert_valid_alexa_response(response.get_json())


@given(envelope=mutated_envelopes(keep_timestamp=True))
@EXAMPLES
def test_signed_mutated_envelopes_with_verification_on(
    guarded_door: FlaskClient, pki: FakeAmazonPki, envelope: dict[str, Any]
) -> None:
    body = json.dumps(envelope).encode()
    assert_answer_or_client_error(guarded_door.post("/", data=body, headers=pki.headers(body)))


@given(
    body=st.binary(max_size=2048),
    url=st.text(max_size=120) | st.just(TEST_CERT_CHAIN_URL),
    signature=st.text(max_size=400) | st.binary(max_size=300).map(lambda raw: raw.hex()),
)
@EXAMPLES
def test_unsigned_noise_with_verification_on_is_always_400(
    guarded_door: FlaskClient, body: bytes, url: str, signature: str
) -> None:
    headers = {CERT_CHAIN_URL_HEADER: url, SIGNATURE_HEADER: signature}
    try:
        response = guarded_door.post("/", data=body, headers=headers)
    except ValueError:
        return  # header text an HTTP client cannot send (newlines): not a request at all
    assert response.status_code == 400
    assert response.is_json


@given(
    url=st.text(max_size=200)
    | st.text(max_size=60).map(lambda tail: f"https://s3.amazonaws.com/echo.api/{tail}")
)
@EXAMPLES
def test_any_accepted_certificate_url_is_on_amazons_bucket(url: str) -> None:
    try:
        normalised = normalise_cert_chain_url(url)
    except VerificationFailed:
        return
    assert normalised.startswith("https://s3.amazonaws.com/echo.api/")
    assert "/../" not in normalised
    assert all(0x20 < ord(character) < 0x7F for character in normalised)


@given(event=mutated_envelopes() | json_values)
@EXAMPLES
def test_respond_answers_or_raises_malformed_request(real_skill: CustomSkill, event: Any) -> None:
    try:
        answer = respond(real_skill, event)
    except MalformedRequest:
        return
    assert_valid_alexa_response(answer)
