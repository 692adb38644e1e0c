"""`chat`: talk to the skill on this computer, as on an Echo: typed, from a script, or spoken."""

from __future__ import annotations

import argparse
import contextlib
import sys
from collections.abc import Iterator
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

LEAVE_WORDS = frozenset({"quit", "exit", "/quit", "/exit"})
NEW_CONVERSATION = frozenset({"---", "/new"})
CHAT_HELP = """\
Type what you would say to the Echo. The conversation opened with the launch request;
after the skill ends a session, the next thing you say starts a new one.
  /tap LABEL or /tap N   touch a button on the screen (with --screen)
  /screen                show the screen again
  /new or ---            end this conversation and start another (a new launch)
  quit, exit or Ctrl-D   leave (an open session gets a SessionEndedRequest)"""


def parser(project: SkillProject) -> argparse.ArgumentParser:
    parser = CommandParser(
        prog=f"{project.command} chat",
        description="Talk to the skill on this computer, as on an Echo: typed or from a script.",
        epilog=CHAT_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--script",
        metavar="FILE",
        type=Path,
        help="utterances, one a line ('#' comments, '---' starts a new conversation)",
    )
    parser.add_argument(
        "--listen",
        action="store_true",
        help="speak instead of typing: the microphone, with the words heard shown before the "
        "reply (Ctrl-C leaves)",
    )
    parser.add_argument(
        "--audio-in",
        metavar="WAV",
        type=Path,
        help="with --listen: take this recording as the microphone (for testing)",
    )
    voice_options(parser)
    skill_options(parser, project)
    return parser


def chat(project: SkillProject, args: argparse.Namespace) -> int:
    if args.voice == "list":
        return list_voices()
    if args.audio_in is not None and not args.listen:
        raise CommandError("--audio-in goes with --listen")
    if args.listen and args.script is not None:
        raise CommandError("--listen and --script are two different ways in: choose one")
    echo = build_device(project, args)
    if args.listen:
        from echo_sim.commands.spoken_chat import spoken_chat  # hearing loads only to listen

        return spoken_chat(project, args, echo)
    voice = build_voice(project, args)
    printer = TurnPrinter(args, voice)
    interactive = args.script is None and sys.stdin.isatty()
    if interactive:
        screen = " with a screen" if args.screen else ""
        print(
            f"A virtual Echo{screen}, talking to '{echo.invocation_name}'. "
            "Type what you would say; /help for more, quit or Ctrl-D to leave.",
            file=sys.stderr,
        )
    utterances = _utterances(args.script, interactive, prompt_on_stderr=args.json)
    failures = run_turn(printer, echo.launch)  # the conversation opens as "open <invocation name>"
    for line in utterances:
        word = line.strip().lower()
        if word in LEAVE_WORDS:
            break
        if not interactive:
            printer.said("(a new conversation)" if word in NEW_CONVERSATION else line)
        if word in NEW_CONVERSATION:
            echo.leave()
            failures += run_turn(printer, echo.launch)
        elif word == "/help":
            print(CHAT_HELP, file=sys.stderr)
        elif word == "/screen":
            printer.show_screen(echo)
        elif word.startswith("/tap"):
            failures += run_turn(printer, partial(echo.tap, line.strip()[4:].strip()))
        elif word.startswith("/"):
            print(f"unknown command {line.split()[0]!r}; /help lists them", file=sys.stderr)
        else:
            failures += run_turn(printer, partial(echo.hear, line))
    echo.leave()
    return 1 if failures else 0


def _utterances(script: Path | None, interactive: bool, prompt_on_stderr: bool) -> Iterator[str]:
    """What the user says: a script, read now (so a missing one fails before anything is sent),
    or lines from the keyboard or a pipe, read as they come."""
    if script is not None:
        return iter(read_lines(script))
    return _typed_lines(interactive, prompt_on_stderr)


def _typed_lines(interactive: bool, prompt_on_stderr: bool) -> Iterator[str]:
    if interactive:
        with contextlib.suppress(ImportError):
            import readline  # noqa: F401  (line editing and history for input())
    while True:
        try:
            if interactive and not prompt_on_stderr:
                line = input("you:    ")
            else:
                if interactive:
                    print("you:    ", end="", file=sys.stderr, flush=True)
                line = sys.stdin.readline()
                if not line:
                    raise EOFError
        except EOFError:
            if interactive:
                print(file=sys.stderr)
            return
        if line.strip() and not line.lstrip().startswith("#"):
            yield line.strip()




def main(project: SkillProject, command: str, argv: list[str]) -> int:
    args = parser(project).parse_args(argv)
    return run_command(f"{project.command} {command}", lambda: chat(project, args))
