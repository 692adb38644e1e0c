"""The device's commands, one module per subcommand (chat, say, hear, test, audition, coverage,
listen-test, console), each `main(project, command, argv) -> int`, and what they share.

Importing this package loads only the shared error ladder and option types, so a command line
that dispatches to one command pays for that command alone."""

from echo_sim.commands.failures import run_command
from echo_sim.commands.options import (
    CommandParser,
    close_stdout_quietly,
    describe_os_error,
    existing_path,
    is_loopback,
    output_file,
    output_folder,
    readable_file,
    whole_number,
)

__all__ = [
    "CommandParser",
    "close_stdout_quietly",
    "describe_os_error",
    "existing_path",
    "is_loopback",
    "output_file",
    "output_folder",
    "readable_file",
    "run_command",
    "whole_number",
]
