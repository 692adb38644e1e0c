"""`audition`: every distinct line the skill can say, as wav files with an index."""

from __future__ import annotations

import argparse
import csv
import re
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from echo_sim import ssml_text
from echo_sim.target import import_object, locale_of, project
from echo_sim.voice import DesktopVoice, UnknownVoice

SpeechSource = Callable[[str], Sequence[tuple[str, str]]]


@dataclass(frozen=True)
class Line:
    """One distinct thing the skill says, and where its recording went."""

    file: str
    keys: tuple[str, ...]
    """Every key that says exactly this (the first is the file's name)."""
    text: str


def load_speech_source(spec: str) -> SpeechSource:
    source: SpeechSource = import_object(spec, "all_speech", "--speech")
    return source


def distinct_lines(lines: Sequence[tuple[str, str]]) -> list[tuple[tuple[str, ...], str]]:
    """Group keys that say the same SSML, keeping first-seen order."""
    grouped: dict[str, list[str]] = {}
    for key, ssml in lines:
        grouped.setdefault(ssml, []).append(key)
    return [(tuple(keys), ssml) for ssml, keys in grouped.items()]


def file_name(number: int, key: str) -> str:
    slug = re.sub(r"[^A-Za-z0-9]+", "-", key).strip("-").lower()[:60] or "line"
    return f"{number:03d}-{slug}.wav"


def render_all(
    lines: Sequence[tuple[str, str]],
    out: Path,
    voice: DesktopVoice,
    progress: TextIO = sys.stderr,
    limit: int | None = None,
) -> list[Line]:
    """Write one wav per distinct line into `out` (the first `limit` of them), plus index.md
    and index.csv."""
    out.mkdir(parents=True, exist_ok=True)
    groups = distinct_lines(lines)[: None if limit is None else max(limit, 0)]
    bar = _ProgressBar(len(groups), progress)
    written: list[Line] = []
    for number, (keys, ssml) in enumerate(groups, start=1):
        bar.update(number - 1, keys[0])
        name = file_name(number, keys[0])
        if not voice.save(ssml, out / name):
            name = "(silent)"  # the line has no words to speak
        written.append(Line(name, keys, ssml_text.to_text(ssml)))
    bar.update(len(groups), "done")
    bar.close()
    _write_index(out, written)
    return written


def _write_index(out: Path, lines: Sequence[Line]) -> None:
    with (out / "index.csv").open("w", newline="", encoding="utf-8") as index:
        writer = csv.writer(index)
        writer.writerow(["file", "key", "text"])
        for line in lines:
            writer.writerow([line.file, " ".join(line.keys), line.text])
    rows = [
        "# Everything the skill can say",
        "",
        f"{len(lines)} recordings. Listen in order; each row is one wav file in this folder.",
        "",
        "| file | key | text |",
        "|---|---|---|",
    ]
    for line in lines:
        cells = (line.file, ", ".join(line.keys), line.text)
        rows.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    (out / "index.md").write_text("\n".join(rows) + "\n", encoding="utf-8")


class _ProgressBar:
    """A bar that redraws in place on a terminal and prints the odd line in a log."""

    def __init__(self, total: int, stream: TextIO, width: int = 30) -> None:
        self._total = max(total, 1)
        self._stream = stream
        self._width = width
        self._tty = stream.isatty()
        self._last_tenth = -1

    def update(self, done: int, label: str) -> None:
        filled = round(self._width * done / self._total)
        text = f"audition [{'#' * filled}{'.' * (self._width - filled)}] {done}/{self._total}"
        if self._tty:
            self._stream.write(f"\r{text} {label[:30]:30}")
            self._stream.flush()
            return
        tenth = 10 * done // self._total
        if tenth != self._last_tenth:
            self._last_tenth = tenth
            print(text, file=self._stream, flush=True)

    def close(self) -> None:
        if self._tty:
            self._stream.write("\n")


def run(args: argparse.Namespace) -> int:
    locale = locale_of(args.model)
    try:
        source = load_speech_source(args.speech)
        lines = list(source(locale))
    except ValueError as error:
        print(f"{project().command} audition: {error}", file=sys.stderr)
        return 2
    try:
        voice = DesktopVoice(speak=False, voice=args.voice, rate=args.rate, locale=locale)
    except UnknownVoice as error:
        print(f"{project().command} audition: {error}", file=sys.stderr)
        return 2
    if not voice.can_save:
        print(f"{project().command} audition: {voice.explain(saving_to=args.out)}", file=sys.stderr)
        return 1
    written = render_all(lines, args.out, voice, limit=args.limit)
    print(f"{len(written)} recordings and index.md / index.csv in {args.out}", file=sys.stderr)
    return 0
