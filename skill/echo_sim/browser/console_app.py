"""The console's Flask app: one page, its static files, and a small JSON API over the device."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from typing import Any

from flask import Flask, Response, jsonify, render_template, request, stream_with_context
from werkzeug.exceptions import HTTPException

from echo_sim.browser.raw_requests import TEMPLATES
from echo_sim.browser.session import MAX_SAID, ConsoleSession
from echo_sim.errors import ConsoleError, SkillFailed

log = logging.getLogger(__name__)
MAX_UPLOAD_BYTES = 4 * 1024 * 1024
"""A 30-second 16 kHz recording is about 1 MB; a transcript is a few kB."""
LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1", "[::1]"})
HEARTBEAT_S = 15.0
"""An idle event stream sends a comment this often, so a closed tab's stream is noticed."""
# Inline style attributes carry the APL preview's layout; nothing else inline, nothing remote.
_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; style-src-attr 'unsafe-inline'; "
    "img-src 'self' data:; media-src 'self' blob:; connect-src 'self'; "
    "frame-ancestors 'none'; base-uri 'none'; form-action 'self'"
)


def create_app(console: ConsoleSession, *, loopback_only: bool = True) -> Flask:
    """The app for one console. With `loopback_only`, requests must name this computer in their
    Host header, so a web page elsewhere cannot reach the console by rebinding a name to it."""
    app = Flask(__name__, static_folder="static", template_folder="templates")
    app.config["MAX_CONTENT_LENGTH"] = MAX_UPLOAD_BYTES
    app.json.sort_keys = False  # type: ignore[attr-defined]

    @app.before_request
    def only_from_this_page() -> Any:
        host = _hostname(request.host or "")
        if loopback_only and host not in LOOPBACK_HOSTS:
            return _error(f"this console answers only on this computer, not as {host!r}", 403)
        if request.method == "POST":
            origin = request.headers.get("Origin")
            if origin is not None and origin.rstrip("/") != request.host_url.rstrip("/"):
                return _error("requests must come from the console's own page", 403)
            audio = request.path == "/api/hear" or request.path.endswith("/audio")
            wanted = "audio/wav" if audio else "application/json"
            if request.mimetype != wanted:
                return _error(f"send {wanted} to {request.path}", 415)
        return None

    @app.after_request
    def headers(response: Response) -> Response:
        response.headers["Content-Security-Policy"] = _CSP
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["Cache-Control"] = "no-store"
        return response

    @app.get("/")
    def page() -> str:
        return render_template(
            "console.html",
            invocation=console.echo.invocation_name,
            profiles=console.state()["profiles"],
            profile=console.profile.key,
            hearing=console.hearing,
            templates=TEMPLATES,
            max_said=MAX_SAID,
            exposed=not loopback_only,
        )

    @app.get("/api/state")
    def state() -> Response:
        return _state(console)

    def action(name: str, act: Callable[[dict[str, Any]], Any]) -> None:
        def view() -> Response:
            act(_json_body())
            return _state(console)

        app.add_url_rule(f"/api/{name}", name, view, methods=["POST"])

    action("launch", lambda body: console.launch())
    action("say", lambda body: console.say(_text(body, "text")))
    action("tap", lambda body: console.tap(body.get("arguments")))
    action("end", lambda body: console.end_session())
    action("silence", lambda body: console.stay_silent())
    action("clear", lambda body: console.clear())
    action("profile", lambda body: console.set_profile(_text(body, "profile")))

    @app.post("/api/hear")
    def hear() -> Response:
        console.hear(request.get_data())
        return _state(console)

    @app.post("/api/listen")
    def listen() -> Response:
        _json_body()
        return jsonify(stream=console.listen())

    @app.post("/api/listen/<int:stream>/audio")
    def listen_audio(stream: int) -> Response:
        progress = console.listen_more(stream, request.get_data())
        # The whole state only when a turn was taken: chunks come four times a second.
        if progress == "ended":
            return jsonify(listening=progress, state=console.state())
        return jsonify(listening=progress)

    @app.post("/api/listen/<int:stream>/end")
    def listen_end(stream: int) -> Response:
        _json_body()
        progress = console.listen_end(stream)
        return jsonify(listening=progress, state=console.state())

    @app.get("/api/raw/<key>")
    def raw_template(key: str) -> Response:
        return jsonify(envelope=console.raw_template(key))

    @app.post("/api/raw")
    def raw() -> Response:
        console.send_raw(_text(_json_body(), "envelope"))
        return _state(console)

    @app.get("/api/events")
    def events() -> Response:
        """Server-sent events: the console's version now, then each time it changes."""

        def stream() -> Iterator[str]:
            seen = console.changes.version
            yield f"retry: 2000\nevent: change\ndata: {seen}\n\n"
            while True:
                version = console.changes.wait(seen, HEARTBEAT_S)
                if console.changes.closed:
                    return
                if version == seen:
                    yield ": still here\n\n"
                    continue
                seen = version
                yield f"event: change\ndata: {seen}\n\n"

        return Response(
            stream_with_context(stream()),
            mimetype="text/event-stream",
            headers={"X-Accel-Buffering": "no"},
        )

    @app.post("/api/replay")
    def replay() -> Response:
        body = _json_body()
        source = _text(body, "name") if body.get("name") else "the transcript"
        outcome = console.replay(_text(body, "text"), source)
        return jsonify(result=outcome, state=console.state())

    @app.get("/api/audio/<int:number>.wav")
    def audio(number: int) -> Response:
        try:
            data = console.audio(number)
        except LookupError as error:
            return _error(str(error), 404)
        return Response(data, mimetype="audio/wav")

    @app.get("/api/transcript.yaml")
    def transcript() -> Response:
        text = console.transcript_yaml()
        return Response(
            text,
            mimetype="application/x-yaml",
            headers={"Content-Disposition": 'attachment; filename="console-session.yaml"'},
        )

    @app.errorhandler(ConsoleError)
    def console_error(error: ConsoleError) -> Response:
        return _error(str(error), 400)

    @app.errorhandler(SkillFailed)
    def skill_failed(error: SkillFailed) -> Response:
        return _error(str(error), 500, state=console.state())

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException) -> Any:
        messages = {
            404: f"there is nothing at {request.path}; the console is at /",
            405: f"{request.method} is not how {request.path} is used",
            413: f"that is too large (the console takes {MAX_UPLOAD_BYTES // 1024 // 1024} MB)",
        }
        message = messages.get(error.code or 500, error.description or error.name)
        if request.path.startswith("/api/"):
            return _error(message, error.code or 500)
        return render_template("problem.html", message=message), error.code or 500

    @app.errorhandler(Exception)
    def unexpected(error: Exception) -> Response:
        log.exception("the console failed on %s %s", request.method, request.path)
        return _error(
            f"the console hit a problem ({type(error).__name__}); the terminal running it has "
            "the details",
            500,
        )

    return app


def _hostname(host: str) -> str:
    """ "127.0.0.1:8765" -> "127.0.0.1", "[::1]:8765" -> "[::1]"."""
    if host.startswith("["):
        return host.partition("]")[0] + "]"
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


def _state(console: ConsoleSession) -> Response:
    return jsonify(state=console.state())


def _error(message: str, status: int, **extra: Any) -> Response:
    response = jsonify(error=message, **extra)
    response.status_code = status
    return response


def _json_body() -> dict[str, Any]:
    body = request.get_json(silent=True)
    if body is None:
        raise ConsoleError("the request body is not valid JSON")
    if not isinstance(body, dict):
        raise ConsoleError("the request body must be a JSON object")
    return body


def _text(body: dict[str, Any], key: str) -> str:
    value = body.get(key)
    if not isinstance(value, str):
        raise ConsoleError(f"'{key}' must be text")
    return value
