"""The one error ladder of every command line built on the device: an expected failure is one line
on stderr and a non-zero exit, never a traceback."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable

from echo_sim.commands.options import close_stdout_quietly, describe_os_error
from echo_sim.errors import CommandError, DeviceError

EXPECTED_EXIT = 2
"""The exit status of an expected failure the user can fix (a bad option, file or setting)."""


def run_command(
    prefix: str,
    action: Callable[[], int],
    *,
    expected: tuple[type[BaseException], ...] = (),
    debug_variable: str | None = None,
) -> int:
    """Run `action` and return its exit status; whatever goes wrong is one line on stderr that
    starts with `prefix` ("hello chat").

    `expected` are the error bases a caller's own packages raise for the user to fix (shown as
    they are, exit 2), besides the device's. With `debug_variable`, any other exception (a bug)
    is one line too, and setting that variable shows the traceback; without it, a bug propagates
    to whoever called (a caller that has the ladder with a variable, or pytest)."""
    handled: tuple[type[BaseException], ...] = (DeviceError, *expected)
    try:
        return int(action() or 0)
    except BrokenPipeError:
        # `... --json | head` closed our stdout: stop, without a second error at exit.
        close_stdout_quietly()
        print(f"{prefix}: the output was closed before the command finished", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(file=sys.stderr)
        return 130
    except CommandError as error:
        print(f"{prefix}: {error}", file=sys.stderr)
        return error.exit_code
    except handled as error:
        print(f"{prefix}: {error}", file=sys.stderr)
        return EXPECTED_EXIT
    except OSError as error:
        print(f"{prefix}: {describe_os_error(error)}", file=sys.stderr)
        return 1
    except Exception as error:
        if debug_variable is None or os.environ.get(debug_variable):
            raise
        print(
            f"{prefix}: unexpected error ({type(error).__name__}: {error}); "
            f"run again with {debug_variable}=1 to see where",
            file=sys.stderr,
        )
        return 1
