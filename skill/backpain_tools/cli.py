"""The `backpain` command: a thin dispatcher that imports only the door a subcommand needs."""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass

from alexa_model.errors import AlexaModelError
from backpain import __version__
from backpain.errors import BackPainError
from backpain_tools.errors import BackPainToolsError
from backpain_tools.offline_device import BACK_PAIN_GUIDE
from echo_sim.commands import run_command

DEBUG_VARIABLE = "BACKPAIN_DEBUG"
"""Set, an unexpected error shows its traceback instead of one line."""

EXPECTED_ERRORS = (BackPainError, AlexaModelError, BackPainToolsError)
"""What the skill's own packages raise for the user to fix (bad content, a bad model, not a
checkout): one line and exit 2, like the device's own. The web door's refusals never reach here
(it answers them with HTTP 400), and importing them would load Flask for every command."""

Runner = Callable[[str, list[str]], int]
"""A subcommand: `run(name, argv) -> exit status`."""


# Each runner imports its command's module when it runs: `backpain chat` never loads Flask and
# `backpain serve` never loads pyttsx3. The device's commands are generic: they talk to Back
# Pain Guide when no --skill is given because they are handed BACK_PAIN_GUIDE here.
def _chat(name: str, argv: list[str]) -> int:
    from echo_sim.commands import chat

    return chat.main(BACK_PAIN_GUIDE, name, argv)


def _say(name: str, argv: list[str]) -> int:
    from echo_sim.commands import say

    return say.main(BACK_PAIN_GUIDE, name, argv)


def _hear(name: str, argv: list[str]) -> int:
    from echo_sim.commands import hear

    return hear.main(BACK_PAIN_GUIDE, name, argv)


def _listen_test(name: str, argv: list[str]) -> int:
    from echo_sim.commands import listen_test

    return listen_test.main(BACK_PAIN_GUIDE, name, argv)


def _test(name: str, argv: list[str]) -> int:
    from echo_sim.commands import run_transcripts

    return run_transcripts.main(BACK_PAIN_GUIDE, name, argv)


def _audition(name: str, argv: list[str]) -> int:
    from echo_sim.commands import audition

    return audition.main(BACK_PAIN_GUIDE, name, argv)


def _console(name: str, argv: list[str]) -> int:
    from echo_sim.commands import console

    return console.main(BACK_PAIN_GUIDE, name, argv)


def _coverage(name: str, argv: list[str]) -> int:
    from echo_sim.commands import coverage

    return coverage.main(BACK_PAIN_GUIDE, name, argv)


def _serve(name: str, argv: list[str]) -> int:
    from backpain_tools import serve

    return serve.main(name, argv)


def _deploy(name: str, argv: list[str]) -> int:
    from backpain_tools.deploy import commands as deploy_commands

    return deploy_commands.main(name, argv)


def _model(name: str, argv: list[str]) -> int:
    from backpain_tools import model_build

    return model_build.main(name, argv)


def _nlu(name: str, argv: list[str]) -> int:
    from backpain_tools.nlu import commands as nlu_commands

    return nlu_commands.main(name, argv)


def _safety_report(name: str, argv: list[str]) -> int:
    from backpain_tools import safety_report

    return safety_report.main(name, argv)


@dataclass(frozen=True)
class Command:
    """One `backpain` subcommand."""

    run: Runner
    summary: str


COMMANDS: dict[str, Command] = {
    "chat": Command(_chat, "talk to the skill on this computer, typed or spoken"),
    "say": Command(_say, "one-shot requests: 'ask back pain guide TEXT'"),
    "hear": Command(_hear, "recognise wav files offline and answer them like say"),
    "listen-test": Command(
        _listen_test, "synthesise utterances, recognise them, report per intent"
    ),
    "test": Command(_test, "run YAML conversation transcripts"),
    "audition": Command(_audition, "render everything the skill can say to wav files"),
    "console": Command(_console, "a local test console in the browser: talk, see, inspect"),
    "coverage": Command(
        _coverage, "which utterances the model covers literally, not only fuzzily"
    ),
    "serve": Command(_serve, "serve the skill as a self-hosted HTTPS endpoint"),
    "package": Command(_deploy, "build the lean AWS Lambda zip"),
    "model": Command(_model, "build the interaction model from its grammar files"),
    "validate": Command(_deploy, "check the interaction model and manifest"),
    "nlu": Command(
        _nlu, "the corpus and the exam as Alexa NLU/ASR evaluation sets; score live results"
    ),
    "safety-report": Command(
        _safety_report, "run the clinical safety case's checks: its evidence table"
    ),
}


def usage() -> str:
    width = max(len(name) for name in COMMANDS)
    lines = [
        "usage: backpain [--version] COMMAND [ARGS...]",
        "",
        "Back Pain Guide: NHS back-pain information as an Alexa skill.",
        "",
        "commands:",
    ]
    lines += [f"  {name.ljust(width)}  {cmd.summary}" for name, cmd in COMMANDS.items()]
    lines += ["", "Run 'backpain COMMAND --help' for a command's options."]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if not args or args[0] in ("-h", "--help", "help"):
        print(usage())
        return 0
    if args[0] == "--version":
        print(f"backpain {__version__}")
        return 0
    command = COMMANDS.get(args[0])
    if command is None:
        known = ", ".join(COMMANDS)
        print(f"backpain: unknown command {args[0]!r} (commands: {known})", file=sys.stderr)
        return 2
    return run(args[0], command, args[1:])


def run(name: str, command: Command, argv: list[str]) -> int:
    """Run one subcommand; whatever goes wrong is one line on stderr and a non-zero exit."""
    return run_command(
        f"backpain {name}",
        lambda: command.run(name, argv),
        expected=EXPECTED_ERRORS,
        debug_variable=DEBUG_VARIABLE,
    )


if __name__ == "__main__":
    sys.exit(main())
