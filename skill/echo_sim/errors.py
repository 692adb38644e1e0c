"""What can go wrong in the device, under one base, so every command and the console can tell an
expected failure (a message for the user) from a bug (a traceback)."""


class DeviceError(Exception):
    """The base of every echo_sim exception. Its message is one line that says what went wrong,
    where (the file, option, voice or request) and, where the user can act, what to do instead:
    the commands print it as it is."""


class CommandError(DeviceError):
    """Something the user can fix (a path, a file, a setting): shown as one line on stderr."""

    def __init__(self, message: str, exit_code: int = 2) -> None:
        super().__init__(message)
        self.exit_code = exit_code


class SetupError(DeviceError, ValueError):
    """The skill or the interaction model the device was pointed at cannot be used."""


class ConsoleError(DeviceError, ValueError):
    """Something the page asked for that cannot be done; the message is shown in the page."""


class SkillFailed(DeviceError, RuntimeError):
    """The skill raised on a request: an Echo would say there was a problem with its response."""
