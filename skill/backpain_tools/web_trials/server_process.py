"""Runs a web server as a subprocess on 127.0.0.1, with its output in files, and stops it."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Self


class ServerProcess:
    """`command` as a child in its own session; `url` is the address it printed as
    "listening on URL". Output goes to files under `log_dir` (read `output()` when something
    fails); leaving the `with` block stops it."""

    def __init__(
        self,
        command: Iterable[str],
        log_dir: Path,
        env: Mapping[str, str] | None = None,
        startup_timeout: float = 60.0,
        cwd: Path | None = None,
    ) -> None:
        self.command = list(command)
        self.log_dir = log_dir
        self.env = {**os.environ, "PYTHONUNBUFFERED": "1", **(env or {})}
        self.startup_timeout = startup_timeout
        # The checkout when run from it (tests, benchmarks): `python -m benchmarks...` needs it.
        self.cwd = cwd or Path.cwd()
        self.url = ""
        self._process: subprocess.Popen[bytes] | None = None

    @property
    def pid(self) -> int:
        assert self._process is not None, "the server has not been started"
        return self._process.pid

    def __enter__(self) -> Self:
        self.log_dir.mkdir(parents=True, exist_ok=True)
        stdout = (self.log_dir / "stdout.txt").open("wb")
        stderr = (self.log_dir / "stderr.txt").open("wb")
        with stdout, stderr:
            self._process = subprocess.Popen(
                self.command,
                cwd=self.cwd,
                stdout=stdout,
                stderr=stderr,
                env=self.env,
                start_new_session=True,
            )
        try:
            self.url = self._wait_for_address()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    def _wait_for_address(self) -> str:
        deadline = time.monotonic() + self.startup_timeout
        while time.monotonic() < deadline:
            found = re.search(r"listening on (\S+)", self.output("stdout"))
            if found:
                return found.group(1)
            if self._process is not None and self._process.poll() is not None:
                break
            time.sleep(0.05)
        raise RuntimeError(f"{' '.join(self.command)} did not start:\n{self.output('stderr')}")

    def output(self, stream: str = "stderr") -> str:
        path = self.log_dir / f"{stream}.txt"
        return path.read_text(errors="replace") if path.exists() else ""

    def stop(self) -> int | None:
        """SIGTERM (gunicorn shuts down gracefully), then SIGKILL if it lingers."""
        process = self._process
        if process is None:
            return None
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=10)
        return process.returncode


class ServedSkill(ServerProcess):
    """`backpain serve ARGS` on 127.0.0.1 and a free port. Given a `trust` file
    (backpain_tools/amazon_standins/trust_store.py) it is the same command with workers that trust
    the test PKI."""

    def __init__(
        self,
        args: Iterable[str],
        log_dir: Path,
        trust: Path | None = None,
        env: Mapping[str, str] | None = None,
    ) -> None:
        if trust is None:
            command = [sys.executable, "-m", "backpain_tools", "serve"]
        else:
            trusting = "backpain_tools.amazon_standins.trust_store"
            command = [sys.executable, "-m", trusting, str(trust)]
        super().__init__([*command, "--host", "127.0.0.1", "--port", "0", *args], log_dir, env)
