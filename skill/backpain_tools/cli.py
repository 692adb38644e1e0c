"""The `backpain` command: a thin dispatcher that imports only the door a subcommand needs."""

from __future__ import annotations

import importlib
import os
import sys
from dataclasses import dataclass

from backpain import __version__
from backpain_tools.offline_device import BACK_PAIN_GUIDE
from echo_sim.command_line import CommandError, close_stdout_quietly, describe_os_error
from echo_sim.target import use_project


@dataclass(frozen=True)
class Command:
    """One `backpain` subcommand, implemented by `main(name, argv) -> int` in `module`."""

    module: str
    summary: str


# Imported lazily: `backpain chat` never loads Flask and `backpain serve` never loads pyttsx3.
COMMANDS: dict[str, Command] = {
    "chat": Command("echo_sim.cli", "talk to the skill on this computer, typed or spoken"),
    "say": Command("echo_sim.cli", "one-shot requests: 'ask back pain guide TEXT'"),
    "hear": Command("echo_sim.cli", "recognise wav files offline and answer them like say"),
    "listen-test": Command(
        "echo_sim.hearing.listen_test",
        "synthesise utterances, recognise them, report per intent",
    ),
    "test": Command("echo_sim.cli", "run YAML conversation transcripts"),
    "audition": Command("echo_sim.cli", "render everything the skill can say to wav files"),
    "console": Command(
        "echo_sim.browser.cli", "a local test console in the browser: talk, see, inspect"
    ),
    "coverage": Command(
        "echo_sim.coverage", "which utterances the model covers literally, not only fuzzily"
    ),
    "serve": Command("backpain_tools.serve", "serve the skill as a self-hosted HTTPS endpoint"),
    "package": Command("backpain_tools.deploy.commands", "build the lean AWS Lambda zip"),
    "model": Command(
        "backpain_tools.model_build", "build the interaction model from its grammar files"
    ),
    "validate": Command(
        "backpain_tools.deploy.commands", "check the interaction model and manifest"
    ),
    "nlu": Command(
        "backpain_tools.nlu.commands",
        "the corpus and the exam as Alexa NLU/ASR evaluation sets; score live results",
    ),
    "safety-report": Command(
        "backpain_tools.safety_report", "run the clinical safety case's checks: its evidence table"
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
    # The device is generic: it talks to Back Pain Guide when no --skill is given because we say
    # so here (two standard-library imports, so `serve` and `package` pay nothing for it).
    use_project(BACK_PAIN_GUIDE)
    return run(args[0], command, args[1:])


def run(name: str, command: Command, argv: list[str]) -> int:
    """Run one subcommand; whatever goes wrong is one line on stderr and a non-zero exit."""
    prefix = f"backpain {name}"
    try:
        module = importlib.import_module(command.module)
        return int(module.main(name, argv) or 0)
    except BrokenPipeError:
        # `backpain chat --json | head` closed our stdout: stop, without a second error at exit.
        close_stdout_quietly()
        print(f"{prefix}: the output was closed before the command finished", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(file=sys.stderr)
        return 130
    except CommandError as error:
        print(f"{prefix}: {error}", file=sys.stderr)
        return error.exit_code
    except OSError as error:
        print(f"{prefix}: {describe_os_error(error)}", file=sys.stderr)
        return 1
    except Exception as error:
        # A bug of ours: still one line for the user, the traceback on request.
        if os.environ.get("BACKPAIN_DEBUG"):
            raise
        print(
            f"{prefix}: unexpected error ({type(error).__name__}: {error}); "
            "run again with BACKPAIN_DEBUG=1 to see where",
            file=sys.stderr,
        )
        return 1


if __name__ == "__main__":
    sys.exit(main())
