"""The one base of the model reader's errors: a model, grammar or template it cannot use."""


class AlexaModelError(ValueError):
    """Input the reader cannot use (a ValueError: the fault is in the data, not the code); the
    message names the file or template, the place in it, and what is wrong."""
