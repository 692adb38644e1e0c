"""The test console: the offline device as a local web page (conversation, screen, JSON)."""

from echo_sim.browser.console_app import create_app
from echo_sim.browser.raw_requests import RawRequests
from echo_sim.browser.session import ConsoleSession
from echo_sim.browser.spoken_input import Hearing

__all__ = ["ConsoleSession", "Hearing", "RawRequests", "create_app"]
