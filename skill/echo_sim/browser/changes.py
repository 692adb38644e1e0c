"""Tells every open tab that the console changed: a version number that waiters can block on."""

from __future__ import annotations

import threading


class Changes:
    """A counter bumped on every change to what the page shows, and a way to wait for a bump
    (each tab's server-sent event stream waits here)."""

    def __init__(self) -> None:
        self._condition = threading.Condition()
        self.version = 0

    def bump(self) -> None:
        with self._condition:
            self.version += 1
            self._condition.notify_all()

    def wait(self, seen: int, timeout: float) -> int:
        """The version once it differs from `seen`, or `seen` after `timeout` seconds."""
        with self._condition:
            self._condition.wait_for(lambda: self.version != seen, timeout=timeout)
            return self.version
