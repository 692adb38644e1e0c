"""`hear`: recognise wav files offline and answer each as `say` does, in a new session."""

from __future__ import annotations

import argparse
import sys
from functools import partial
from pathlib import Path

from echo_sim.commands.device_options import (
    build_device,
    build_voice,
    list_voices,
    skill_options,
    tell_pack_notice,
    voice_options,
)
from echo_sim.commands.failures import run_command
from echo_sim.commands.options import CommandParser
from echo_sim.commands.turns import TurnPrinter, run_turn
from echo_sim.device import model_path
from echo_sim.errors import CommandError
from echo_sim.hearing import HearingUnavailable, pcm_from_wav, recogniser_for
from echo_sim.skill_project import SkillProject


def parser(project: SkillProject) -> argparse.ArgumentParser:
    parser = CommandParser(
        prog=f"{project.command} hear",
        description="Recognise each wav file offline and answer it as 'say' does, "
        "each in a new session.",
    )
    parser.add_argument("files", nargs="*", metavar="FILE.wav", type=Path)
    parser.add_argument(
        "--rebuild",
        action="store_true",
        help="build the recogniser's language pack anew instead of taking it from the cache "
        "(alone: only that)",
    )
    voice_options(parser)
    skill_options(parser, project)
    return parser


def hear(project: SkillProject, args: argparse.Namespace) -> int:
    if args.voice == "list":
        return list_voices()
    if not args.files and not args.rebuild:
        raise CommandError("give one or more FILE.wav (or --rebuild)")
    recordings = []
    for path in args.files:  # all read first, so a bad file fails before anything is sent
        try:
            recordings.append((path, pcm_from_wav(path.read_bytes())))
        except OSError as error:
            raise CommandError(f"cannot read {path}: {error.strerror}") from error
        except ValueError as error:
            raise CommandError(f"{path}: {error}") from error
    echo = build_device(project, args)
    try:
        recogniser = recogniser_for(model_path(project, args.model), rebuild=args.rebuild)
    except HearingUnavailable as error:
        raise CommandError(str(error)) from error
    tell_pack_notice(recogniser)
    if not recordings:
        print("hearing: the language pack is rebuilt", file=sys.stderr)
        return 0
    printer = TurnPrinter(args, build_voice(project, args))
    failures = 0
    for path, pcm in recordings:
        heard = recogniser.recognise(pcm)
        printer.heard(heard, source=path.name)
        echo.leave()
        failures += run_turn(printer, partial(echo.hear_speech, heard))
        echo.leave("EXCEEDED_MAX_REPROMPTS")  # as `say`: nobody answers a one-shot's reprompt
    return 1 if failures else 0



def main(project: SkillProject, command: str, argv: list[str]) -> int:
    args = parser(project).parse_args(argv)
    return run_command(f"{project.command} {command}", lambda: hear(project, args))
