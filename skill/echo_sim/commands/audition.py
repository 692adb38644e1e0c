"""`audition`: every distinct line the skill can say, as wav files with an index."""

from __future__ import annotations

import argparse
import csv
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from echo_sim.commands.device_options import list_voices, speech_options
from echo_sim.commands.failures import run_command
from echo_sim.commands.options import CommandParser, output_folder, whole_number
from echo_sim.device import import_object, locale_of, model_path
from echo_sim.errors import CommandError
from echo_sim.skill_project import SkillProject
from echo_sim.voice import DesktopVoice, UnknownVoice, to_text


@dataclass(frozen=True)
class Line:
    """One distinct thing the skill says, and where its recording went."""

    file: str
    keys: tuple[str, ...]
    """Every key that says exactly this (the first is the file's name)."""
    text: str


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
        written.append(Line(name, keys, to_text(ssml)))
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


def parser(project: SkillProject) -> argparse.ArgumentParser:
    parser = CommandParser(
        prog=f"{project.command} audition",
        description="Render every distinct thing the skill can say to wav files, with an index, "
        "so a reviewer can listen to all of it in one sitting.",
    )
    parser.add_argument(
        "--out",
        metavar="DIR",
        type=output_folder,
        required=True,
        help="folder for the wav files and their index (index.md, index.csv); made if missing",
    )
    parser.add_argument(
        "--limit", metavar="N", type=whole_number(1), help="only the first N lines"
    )
    speech_options(parser)
    parser.add_argument(
        "--speech",
        metavar="MODULE:NAME",
        help=f"function(locale) -> [(key, ssml)] (default: {project.name}'s lines)",
    )
    parser.add_argument("--model", metavar="PATH", help="its file name gives the locale")
    return parser



def audition(project: SkillProject, args: argparse.Namespace) -> int:
    if args.voice == "list":
        return list_voices()
    locale = locale_of(model_path(project, args.model))
    source = import_object(args.speech, "all_speech", "--speech") if args.speech else None
    source = source or project.all_lines
    if source is None:
        raise CommandError("no lines to render: give --speech MODULE:NAME")
    lines = list(source(locale))
    try:
        voice = DesktopVoice(speak=False, voice=args.voice, rate=args.rate, locale=locale)
    except UnknownVoice as error:
        raise CommandError(str(error)) from error
    if not voice.can_save:
        reason = voice.explain(saving_to=args.out) or "the speech engine cannot write audio files"
        raise CommandError(reason, exit_code=1)
    written = render_all(lines, args.out, voice, limit=args.limit)
    print(f"{len(written)} recordings and index.md / index.csv in {args.out}", file=sys.stderr)
    return 0


def main(project: SkillProject, command: str, argv: list[str]) -> int:
    args = parser(project).parse_args(argv)
    return run_command(f"{project.command} {command}", lambda: audition(project, args))
