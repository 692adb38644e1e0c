"""The one base of the `backpain` command's own errors (the packager, the checks, the evaluation
sets), so a subcommand can turn any of them into one line for the user."""


class BackPainToolsError(Exception):
    """Something a tool cannot do; the message says what, where and what to do about it."""
