"""The web door's errors: why it refuses a request with HTTP 400."""

from __future__ import annotations


class BackPainWebError(Exception):
    """The one base of the web door's errors."""


class RequestRefused(BackPainWebError):
    """A request the door answers with HTTP 400.

    `reason` is short, fixed wording, safe to log and to return to the caller. `detail` says more
    for the log only (for example why a certificate chain failed). Neither ever quotes the request
    body: it may hold a user's answers to the symptom check.
    """

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(reason)
        self.reason = reason
        self.detail = detail


class VerificationFailed(RequestRefused):
    """The request did not prove that Alexa sent it for this skill."""


class BadEnvelope(RequestRefused):
    """The body is not a usable Alexa request envelope."""
