"""The Flask app behind a self-hosted endpoint: check a request came from Alexa, then answer it."""

from __future__ import annotations

import json
import logging
import re
import time
import traceback
from typing import Any

from ask_sdk_core.skill import CustomSkill
from cryptography.x509.verification import Store
from flask import Flask, Response, request
from werkzeug.exceptions import HTTPException, RequestEntityTooLarge

from backpain.skill import MalformedRequest, build_skill, respond
from backpain_web.body_shape import bounded_integer, check_body_shape
from backpain_web.certificate_chains import CertificateChains, ChainFetcher
from backpain_web.errors import BadEnvelope, RequestRefused, VerificationFailed
from backpain_web.nesting import MAX_NESTING, nests_deeper_than
from backpain_web.reply_padding import reply_body
from backpain_web.settings import MAX_BODY_BYTES, configured_skill_id
from backpain_web.verification import RequestVerifier, read_signature_headers

log = logging.getLogger("backpain_web")
_LOGGABLE_ID = re.compile(r"[^A-Za-z0-9._:-]")


def create_app(
    skill: CustomSkill | None = None,
    *,
    verify: bool = True,
    trust_store: Store | None = None,
    fetcher: ChainFetcher | None = None,
    verifier: RequestVerifier | None = None,
    skill_id: str | None = None,
    max_body_bytes: int = MAX_BODY_BYTES,
) -> Flask:
    """Build the web door around `skill` (default: `backpain.skill.build_skill()`).

    `verify` turns Alexa request verification (signature and timestamp) on or off. Signing
    chains must lead to a root in `trust_store` (default: certifi's roots) and are fetched by
    `fetcher` (default: HTTPS from Amazon's S3); or give a whole `verifier` (with its own
    clock) instead of those two. Only code chooses them: no setting a deployment could get
    wrong replaces what the door trusts. `skill_id`, or the BACKPAIN_SKILL_ID environment
    variable when it is None, is checked against the request's application id; "" means no
    check.
    """
    if verifier is not None and (trust_store is not None or fetcher is not None):
        raise TypeError("create_app takes a verifier or its trust_store and fetcher, not both")
    alexa_skill = skill if skill is not None else build_skill()
    request_verifier: RequestVerifier | None = None
    if verify:
        request_verifier = verifier or RequestVerifier(
            CertificateChains(trust_store=trust_store, fetcher=fetcher)
        )
    # An empty skill_id switches the check off even when the environment sets one.
    expected_skill_id = (skill_id if skill_id is not None else configured_skill_id()) or None
    if request_verifier is None:
        log.warning("Alexa request verification is OFF: for local testing only")
    elif expected_skill_id is None:
        log.warning("no skill id set: signed requests for ANY skill will be answered")

    app = Flask("backpain_web")
    app.config["MAX_CONTENT_LENGTH"] = max_body_bytes

    @app.post("/")
    def alexa() -> Response:
        started = time.perf_counter()
        body = read_body(max_body_bytes)
        try:
            # Cheapest first, and no cost that grows with the body's shape before a signature
            # check: with a cached chain the signature is checked before the body is parsed;
            # without one, the body's shape is bounded, then the timestamp and application id
            # decide whether it is worth a fetch. A request refused before the fetch costs
            # about what a flat body of its size costs.
            claim = None
            verified = False
            if request_verifier is not None:
                claim = read_signature_headers(request.headers)
                # A known chain: hash the raw bytes and check the signature before parsing.
                verified = request_verifier.verify_claim_if_cached(claim, body)
            envelope = read_envelope(body)
            if request_verifier is not None:
                request_verifier.verify_timestamp(envelope["request"].get("timestamp"))
            if expected_skill_id is not None:
                check_application_id(envelope, expected_skill_id)
            if request_verifier is not None and claim is not None and not verified:
                request_verifier.verify_claim(claim, body)
            try:
                answer = respond(alexa_skill, envelope)
            except MalformedRequest as error:
                raise BadEnvelope("request is not a usable Alexa request envelope") from error
        except RequestRefused as refusal:
            return refuse(refusal)
        log.info(
            "answered %s in %.1f ms",
            loggable_id(envelope["request"].get("requestId")),
            (time.perf_counter() - started) * 1000,
        )
        return Response(
            reply_body(answer), status=200, content_type="application/json;charset=UTF-8"
        )

    @app.get("/health")
    def health() -> Response:
        return json_response({"status": "ok"}, 200)

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException) -> Response:
        # Keeps the status and headers (Allow on a 405) but answers JSON instead of HTML.
        status = error.code or 500
        if status >= 500:
            log.error("HTTP %d: %s", status, error.name)
        else:
            log.info("refused with HTTP %d: %s", status, error.name)
        response = json_response({"error": error.name}, status)
        for name, value in error.get_headers():
            if name.lower() != "content-type":
                response.headers[name] = value
        return response

    @app.errorhandler(Exception)
    def unexpected(error: Exception) -> Response:
        # Only the exception type and where it was raised: a message could quote the request.
        frames = traceback.extract_tb(error.__traceback__)
        where = f"{frames[-1].filename}:{frames[-1].lineno}" if frames else "unknown"
        log.error("internal error %s at %s", type(error).__name__, where)
        return json_response({"error": "Internal Server Error"}, 500)

    return app


def read_body(limit: int) -> bytes:
    """The raw body, or 413 when it is over `limit` bytes, whether sized or chunked."""
    # For a chunked upload Werkzeug's stream stops quietly at the limit and only a further read
    # raises 413; without that read an oversized body would arrive truncated.
    body = request.stream.read(limit + 1)
    if len(body) > limit or request.stream.read(1):
        raise RequestEntityTooLarge()
    return body


def read_envelope(body: bytes) -> dict[str, Any]:
    """The body as a JSON object with a `request` object, or `BadEnvelope`.

    Its shape is bounded first (`body_shape`), so no body costs much more to parse than a flat
    one of the same size. The body's one parse: the door's checks read it, and the skill maps it
    onto ask-sdk's models as it is (`backpain.skill.respond`), never dumping it to text to decode
    again. The signature is checked over the raw bytes, which stay as they came."""
    check_body_shape(body)
    try:
        envelope = json.loads(
            body, parse_constant=_reject_constant, parse_int=bounded_integer
        )
    except (ValueError, RecursionError) as error:
        raise BadEnvelope("request body is not JSON") from error
    if not isinstance(envelope, dict) or not isinstance(envelope.get("request"), dict):
        raise BadEnvelope("request body is not an Alexa request envelope")
    if nests_deeper_than(envelope, MAX_NESTING):
        raise BadEnvelope(f"request body nests deeper than {MAX_NESTING} levels")
    return envelope


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def check_application_id(envelope: dict[str, Any], expected: str) -> None:
    """Every application id the envelope carries (context and session) must be this skill's."""
    found = [
        _dig(envelope, "context", "System", "application", "applicationId"),
        _dig(envelope, "session", "application", "applicationId"),
    ]
    present = [value for value in found if value is not None]
    if not present or any(value != expected for value in present):
        raise VerificationFailed("application id does not match this skill")


def _dig(document: Any, *keys: str) -> Any:
    for key in keys:
        if not isinstance(document, dict):
            return None
        document = document.get(key)
    return document


def refuse(refusal: RequestRefused) -> Response:
    if refusal.detail:
        log.warning("refused with HTTP 400: %s (%s)", refusal.reason, refusal.detail)
    else:
        log.warning("refused with HTTP 400: %s", refusal.reason)
    return json_response({"error": "Bad Request", "reason": refusal.reason}, 400)


def json_response(document: Any, status: int) -> Response:
    return Response(
        json.dumps(document, ensure_ascii=False),
        status=status,
        content_type="application/json;charset=UTF-8",
    )


def loggable_id(value: object) -> str:
    """A request id fit for a log line: Alexa's id alphabet only, bounded in length."""
    if not isinstance(value, str):
        return "(no request id)"
    return _LOGGABLE_ID.sub("", value)[:120] or "(no request id)"
