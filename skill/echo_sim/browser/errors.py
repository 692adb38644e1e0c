"""What can go wrong in the console, as messages the page shows in one line."""


class ConsoleError(ValueError):
    """Something the page asked for that cannot be done; the message is shown in the page."""


class SkillFailed(RuntimeError):
    """The skill raised on a request: an Echo would say there was a problem with its response."""
