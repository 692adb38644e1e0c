"""`say`: one-shot requests, each in a new session ('ask <invocation name> TEXT')."""

from __future__ import annotations

import argparse
from functools import partial
from pathlib import Path

from echo_sim.commands.device_options import (
    build_device,
    build_voice,
    list_voices,
    read_lines,
    skill_options,
    voice_options,
)
from echo_sim.commands.failures import run_command
from echo_sim.commands.options import CommandParser
from echo_sim.commands.turns import TurnPrinter, run_turn
from echo_sim.errors import CommandError
from echo_sim.skill_project import SkillProject


def parser(project: SkillProject) -> argparse.ArgumentParser:
    parser = CommandParser(
        prog=f"{project.command} say",
        description="One-shot requests, each in a new session: 'ask <invocation name> TEXT'.",
    )
    parser.add_argument("texts", nargs="*", metavar="TEXT")
    parser.add_argument("--file", metavar="FILE", type=Path, help="one TEXT a line")
    voice_options(parser)
    skill_options(parser, project)
    return parser


def say(project: SkillProject, args: argparse.Namespace) -> int:
    if args.voice == "list":
        return list_voices()
    texts = list(args.texts)
    if args.file is not None:
        texts += read_lines(args.file)
    if not texts:
        raise CommandError("nothing to say: give TEXT or --file FILE")
    echo = build_device(project, args)
    printer = TurnPrinter(args, build_voice(project, args))
    failures = 0
    for text in texts:
        printer.said(text)
        failures += run_turn(printer, partial(echo.ask, text))
        # Nobody answers a one-shot: after its reprompt, Alexa closes the session like this.
        echo.leave("EXCEEDED_MAX_REPROMPTS")
    return 1 if failures else 0



def main(project: SkillProject, command: str, argv: list[str]) -> int:
    args = parser(project).parse_args(argv)
    return run_command(f"{project.command} {command}", lambda: say(project, args))
