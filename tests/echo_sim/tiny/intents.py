"""The tiny test model's own intents (tests/echo_sim/tiny/en-GB.json), named once."""

COUNT = "CountIntent"
COLOUR = "ColourIntent"
QUESTION = "QuestionIntent"
PAUSE = "PauseIntent"
BOOM = "BoomIntent"
