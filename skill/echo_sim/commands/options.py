"""What every device subcommand's parser shares: one-line usage errors, and checked paths and
numbers."""

from __future__ import annotations

import argparse
import ipaddress
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import NoReturn


class CommandParser(argparse.ArgumentParser):
    """argparse, but a usage error is one line (argparse's own is the usage block plus a line)."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: {message} (see '{self.prog} --help')\n")


def output_folder(text: str) -> Path:
    """A folder to write into: it exists as a folder, or it can be created where it is named.

    Checked when the command line is read, so a bad --out fails before any work is done; the
    folder itself is made by the command that writes into it."""
    path = Path(text)
    if path.exists():
        if not path.is_dir():
            raise argparse.ArgumentTypeError(f"{text} is a file, not a folder")
        if not os.access(path, os.W_OK | os.X_OK):
            raise argparse.ArgumentTypeError(f"cannot write into the folder {text}")
        return path
    parent = path.absolute().parent
    while not parent.exists():
        parent = parent.parent
    if not parent.is_dir():
        raise argparse.ArgumentTypeError(f"cannot create {text}: {parent} is not a folder")
    if not os.access(parent, os.W_OK | os.X_OK):
        raise argparse.ArgumentTypeError(f"cannot create {text}: cannot write in {parent}")
    return path


def output_file(text: str) -> Path:
    """A file to write: not a folder, and in a folder that exists or can be created."""
    path = Path(text)
    if path.is_dir():
        raise argparse.ArgumentTypeError(f"{text} is a folder, not a file")
    output_folder(str(path.parent))
    return path


def existing_path(text: str) -> Path:
    """A file or folder that exists (for example transcripts to run)."""
    path = Path(text)
    if not path.exists():
        raise argparse.ArgumentTypeError(f"{text} does not exist")
    return path


def readable_file(text: str) -> Path:
    """A file that exists and can be read now (for example a TLS certificate or key)."""
    path = Path(text)
    if not path.exists():
        raise argparse.ArgumentTypeError(f"{text} does not exist")
    if not path.is_file():
        raise argparse.ArgumentTypeError(f"{text} is not a file")
    try:
        with path.open("rb") as opened:
            opened.read(1)
    except OSError as error:
        raise argparse.ArgumentTypeError(f"cannot read {text}: {error.strerror}") from None
    return path


def whole_number(low: int, high: int | None = None) -> Callable[[str], int]:
    """An argparse type for a whole number in [low, high] (no upper bound when high is None)."""

    def parse(text: str) -> int:
        try:
            number = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
        if number < low or (high is not None and number > high):
            wanted = f"at least {low}" if high is None else f"from {low} to {high}"
            raise argparse.ArgumentTypeError(f"{number} is out of range: give a number {wanted}")
        return number

    parse.__name__ = "whole number"  # argparse names the type in its messages
    return parse


def describe_os_error(error: OSError) -> str:
    """'cannot write README.md/x: Not a directory', never the exception's repr."""
    reason = error.strerror or str(error) or type(error).__name__
    if error.filename is not None:
        return f"{error.filename}: {reason}"
    return reason


def close_stdout_quietly() -> None:
    """After a closed pipe, point stdout at /dev/null so the interpreter's final flush is silent."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


LOOPBACK_NAMES = ("localhost",)


def is_loopback(host: str) -> bool:
    """Whether `host` names this computer only (127.0.0.1, ::1, localhost)."""
    if host.lower() in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False
