"""`chat --listen` through a real sound stack: a private PulseAudio server with a null sink
whose monitor is the microphone, and the conversation played into it in real time.

Runs where PulseAudio and the ALSA pulse plugin are installed (apt-get install pulseaudio
pulseaudio-utils libasound2-plugins); elsewhere the same code is tested from a recording
(test_listening.py)."""

from __future__ import annotations

import json
import os
import queue
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from alexa_model.builtins import NO_INTENT, STOP_INTENT
from backpain import intents
from echo_sim.hearing.audio import silence, wav_bytes
from echo_sim.hearing.speakers import Speaker
from tests.echo_sim.hearing.conftest import REPO

PULSE_PLUGIN = Path("/usr/lib/x86_64-linux-gnu/alsa-lib/libasound_module_pcm_pulse.so")
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not (shutil.which("pulseaudio") and shutil.which("paplay") and PULSE_PLUGIN.exists()),
        reason="PulseAudio (pulseaudio, pulseaudio-utils, libasound2-plugins) is not installed",
    ),
]


@pytest.fixture
def pulse_env(tmp_path: Path) -> Iterator[dict[str, str]]:
    """A private PulseAudio server (its own socket, config and runtime folders under tmp_path)
    with a null sink called virtual_mic; the environment that makes its monitor the input."""
    socket = tmp_path / "native"
    env = {
        **os.environ,
        "HOME": str(tmp_path),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_RUNTIME_DIR": str(tmp_path),
        "PULSE_SERVER": f"unix:{socket}",
        "PULSE_SOURCE": "virtual_mic.monitor",
    }
    server = subprocess.Popen(
        [
            "pulseaudio", "-n", "--daemonize=no", "--exit-idle-time=-1", "--use-pid-file=no",
            f"--load=module-native-protocol-unix socket={socket} auth-anonymous=1",
            "--load=module-null-sink sink_name=virtual_mic",
        ],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 10
        while not socket.exists() and time.monotonic() < deadline and server.poll() is None:
            time.sleep(0.05)
        if not socket.exists():
            pytest.fail("the private PulseAudio server did not start")
        yield env
    finally:
        server.terminate()
        server.wait(timeout=10)


def _lines(stream: object, into: queue.Queue[str]) -> None:
    for line in stream:  # type: ignore[attr-defined]
        into.put(line)


def test_the_check_through_a_virtual_microphone(
    tmp_path: Path, pulse_env: dict[str, str], hibari: Speaker, hearing_cache: Path
) -> None:
    said = ["check my symptoms", "no I haven't", "stop"]
    recording = tmp_path / "said.wav"
    recording.write_bytes(
        wav_bytes(silence(0.5) + b"".join(hibari.say(text) + silence(1.0) for text in said))
    )
    env = {**pulse_env, "ECHO_SIM_CACHE_DIR": str(hearing_cache), "PYTHONPATH": str(REPO)}
    chat = subprocess.Popen(
        [sys.executable, "-m", "backpain_tools", "chat", "--listen", "--mute", "--json"],
        cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(target=_lines, args=(chat.stdout, lines), daemon=True).start()
    try:
        turns = [json.loads(lines.get(timeout=120))]  # the launch: it is listening now
        subprocess.run(
            ["paplay", "--device=virtual_mic", str(recording)], env=env, check=True, timeout=60
        )
        while len(turns) < 1 + len(said):
            turns.append(json.loads(lines.get(timeout=30)))
    finally:
        chat.send_signal(signal.SIGINT)
        try:
            chat.wait(timeout=20)
        except subprocess.TimeoutExpired:
            chat.kill()
            chat.wait()
    assert chat.returncode == 0, chat.stderr.read() if chat.stderr else ""
    assert [turn["intent"] for turn in turns] == [
        "LaunchRequest", intents.CHECK, NO_INTENT, STOP_INTENT
    ]  # fmt: skip
    assert [turn.get("heard") for turn in turns[1:3]] == ["check my symptoms", "no i haven't"]
    assert "Question 2 of 10" in turns[2]["speech"]
