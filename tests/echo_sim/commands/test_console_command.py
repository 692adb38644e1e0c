"""`backpain console` as a process: the address it prints, its warnings, and bad command lines."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

from tests.echo_sim.conftest import REPO, backpain

pytestmark = pytest.mark.slow


def start(*args: str) -> subprocess.Popen[str]:
    script = Path(sys.executable).parent / "backpain"
    command = [str(script)] if script.exists() else [sys.executable, "-m", "backpain_tools"]
    return subprocess.Popen(
        [*command, "console", "--mute", *args],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )


def address(process: subprocess.Popen[str]) -> str:
    assert process.stdout is not None
    for _ in range(5):
        line = process.stdout.readline().strip()
        if line.startswith("http://"):
            return line
    raise AssertionError("the console printed no address")


def stop(process: subprocess.Popen[str]) -> str:
    process.terminate()
    _, stderr = process.communicate(timeout=30)
    return stderr


def test_it_prints_its_loopback_address_and_serves_the_page_there() -> None:
    process = start("--port", "0")
    try:
        url = address(process)
        assert url.startswith("http://127.0.0.1:")
        with urllib.request.urlopen(url, timeout=30) as page:
            assert "not the skill's endpoint" in page.read().decode()
    finally:
        stderr = stop(process)
    assert "WARNING" not in stderr


def test_any_other_host_gets_a_loud_warning() -> None:
    process = start("--host", "0.0.0.0", "--port", "0")
    try:
        address(process)
    finally:
        stderr = stop(process)
    assert "WARNING: the test console is listening on 0.0.0.0, not only on this computer." in stderr
    assert "It has no login" in stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--port", "70000"], "backpain console: --port must be between 0 and 65535"),
        (["--port", "eighty"], "backpain console: argument --port: invalid int value: 'eighty'"),
        (["--device", "echo-spot"], "backpain console: argument --device: invalid choice"),
        (["--frobnicate"], "backpain console: unrecognized arguments: --frobnicate"),
        (["--model", "/nonexistent/model.json"], "backpain console: cannot use the interaction"),
        (["--skill", "no_such_module:skill"], "backpain console: cannot import 'no_such_module'"),
    ],
)
def test_bad_command_lines_get_one_clear_line(args: list[str], message: str) -> None:
    run = backpain("console", "--mute", *args)
    assert run.returncode == 2
    assert run.stderr.startswith(message)
    assert len(run.stderr.strip().splitlines()) == 1, run.stderr


def test_a_port_in_use_is_one_clear_line() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        run = backpain("console", "--mute", "--port", str(port))
    assert run.returncode == 2
    assert run.stderr.startswith(f"backpain console: cannot listen on 127.0.0.1:{port}: ")
    assert len(run.stderr.strip().splitlines()) == 1, run.stderr
