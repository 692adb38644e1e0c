"""The one base of the skill core's errors, so a door can catch the core's errors and no others."""


class BackPainError(Exception):
    """Something the core cannot use or answer; the message says what, where and what to do."""
