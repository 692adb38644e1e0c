"""The self-hosted web door: a Flask app that verifies requests came from Alexa, then answers."""

from backpain_web.app import MAX_BODY_BYTES, create_app

__all__ = ["MAX_BODY_BYTES", "create_app"]
