"""Every bad `backpain` command line is one clear line on stderr and a non-zero exit."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

import pytest

from echo_sim.commands.options import output_file, output_folder, readable_file, whole_number

REPO = Path(__file__).resolve().parents[1]


def backpain(*args: str | Path, cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    env.pop("BACKPAIN_DEBUG", None)
    return subprocess.run(
        [sys.executable, "-m", "backpain_tools", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
        cwd=cwd,
        env=env,
    )


@pytest.fixture
def a_file(tmp_path: Path) -> Path:
    path = tmp_path / "notes.md"
    path.write_text("not a folder, not a certificate\n")
    return path


BAD_INVOCATIONS = {
    "audition into a file": ("audition", "--out", "{file}"),
    "audition under /proc": ("audition", "--out", "/proc/forbidden"),
    "package into a file": ("package", "--out", "{file}"),
    "package hook zip that is a folder": ("package", "--ask-hook", "{tmp}"),
    "chat audio into a file": ("chat", "--mute", "--save-audio", "{file}"),
    "screens under a file": ("say", "--screen", "--save-screens", "{file}/x", "hello"),
    "serve with missing TLS files": ("serve", "--certfile", "/nope.pem", "--keyfile", "/no.key"),
    "serve with files that are not TLS": (
        "serve",
        "--any-skill",
        "--certfile",
        "{file}",
        "--keyfile",
        "{file}",
    ),
    "serve with a folder as certificate": ("serve", "--certfile", "{tmp}", "--keyfile", "{file}"),
    "serve on a port out of range": ("serve", "--port", "70000"),
    "serve with no workers": ("serve", "--workers", "0"),
    "chat at a negative rate": ("chat", "--rate", "-5", "--mute"),
    "chat at a rate that is not a number": ("chat", "--rate", "fast", "--mute"),
    "audition with no lines": ("audition", "--out", "{tmp}/a", "--limit", "0"),
    "an unknown option": ("say", "--nope", "hello"),
    "a missing script": ("chat", "--mute", "--script", "{tmp}/missing.txt"),
    "an unknown command": ("frobnicate",),
    "hear a missing recording": ("hear", "{tmp}/missing.wav"),
    "console on a port out of range": ("console", "--port", "70000"),
    "test a missing transcript": ("test", "{tmp}/missing.yaml"),
    "test a folder with no transcripts": ("test", "{tmp}"),
}


@pytest.mark.slow
@pytest.mark.parametrize("args", BAD_INVOCATIONS.values(), ids=BAD_INVOCATIONS.keys())
def test_a_bad_command_line_is_one_line_on_stderr(
    args: tuple[str, ...], a_file: Path, tmp_path: Path
) -> None:
    filled = [arg.format(file=a_file, tmp=tmp_path) for arg in args]
    run = backpain(*filled)
    assert run.returncode != 0
    assert "Traceback" not in run.stderr
    assert len(run.stderr.strip().splitlines()) == 1, run.stderr
    assert run.stderr.startswith("backpain"), run.stderr


@pytest.mark.slow
def test_a_closed_pipe_ends_the_chat_with_one_line(tmp_path: Path) -> None:
    # Far more output than a pipe buffers (64 KiB), so the chat is still writing when we hang up.
    script = tmp_path / "long_chat.txt"
    script.write_text("what causes back pain\n" * 200)
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    chat = subprocess.Popen(
        [sys.executable, "-m", "backpain_tools", "chat", "--mute", "--json", "--script", script],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        env=env,
        cwd=REPO,
    )
    assert chat.stdout is not None and chat.stderr is not None
    chat.stdout.read(200)  # like `| head -c 200`: read a little, then hang up
    chat.stdout.close()
    errors = chat.stderr.read().decode()
    assert chat.wait(timeout=60) != 0
    assert "Traceback" not in errors and "Exception ignored" not in errors
    assert errors.strip().splitlines() == [
        "backpain chat: the output was closed before the command finished"
    ]


def test_an_output_folder_may_be_new_but_not_a_file(tmp_path: Path, a_file: Path) -> None:
    assert output_folder(str(tmp_path / "new" / "deeper")) == tmp_path / "new" / "deeper"
    assert not (tmp_path / "new").exists()  # checked, not made: the command makes it
    with pytest.raises(argparse.ArgumentTypeError, match="is a file, not a folder"):
        output_folder(str(a_file))
    with pytest.raises(argparse.ArgumentTypeError, match="is not a folder"):
        output_folder(str(a_file / "below"))
    with pytest.raises(argparse.ArgumentTypeError, match="is a folder, not a file"):
        output_file(str(tmp_path))


def test_a_readable_file_must_exist_and_be_a_file(tmp_path: Path, a_file: Path) -> None:
    assert readable_file(str(a_file)) == a_file
    with pytest.raises(argparse.ArgumentTypeError, match="does not exist"):
        readable_file(str(tmp_path / "missing.pem"))
    with pytest.raises(argparse.ArgumentTypeError, match="is not a file"):
        readable_file(str(tmp_path))


def test_whole_numbers_in_range() -> None:
    rate = whole_number(80, 450)
    assert rate("150") == 150
    for text, reason in (("-5", "out of range"), ("451", "out of range"), ("1.5", "whole")):
        with pytest.raises(argparse.ArgumentTypeError, match=reason):
            rate(text)
    assert whole_number(1)("100000") == 100000
