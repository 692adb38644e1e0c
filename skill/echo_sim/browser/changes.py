"""Tells every open tab that the console changed: a version number that waiters can block on."""

from __future__ import annotations

import threading


class Changes:
    """A counter bumped on every change to what the page shows, and a way to wait for a bump
    (each tab's server-sent event stream waits here)."""

    def __init__(self) -> None:
        self._condition = threading.Condition()
        self.version = 0
        self.closed = False
        """Set when the console stops: every stream ends, so each tab sees it is behind."""

    def bump(self) -> None:
        with self._condition:
            self.version += 1
            self._condition.notify_all()

    def wait(self, seen: int, timeout: float) -> int:
        """The version once it differs from `seen`, or `seen` after `timeout` seconds (and at
        once when the console has stopped: then check `closed`)."""
        with self._condition:
            self._condition.wait_for(lambda: self.version != seen or self.closed, timeout)
            return self.version

    def close(self) -> None:
        with self._condition:
            self.closed = True
            self._condition.notify_all()
