"""Alexa's built-in intents: which exist, which a skill must declare, and the phrases they hear."""

from __future__ import annotations

# The built-in intents code names (the device, the checks, the skill's tests), one constant each.
CANCEL_INTENT = "AMAZON.CancelIntent"
FALLBACK_INTENT = "AMAZON.FallbackIntent"
HELP_INTENT = "AMAZON.HelpIntent"
NAVIGATE_HOME_INTENT = "AMAZON.NavigateHomeIntent"
NEXT_INTENT = "AMAZON.NextIntent"
NO_INTENT = "AMAZON.NoIntent"
PREVIOUS_INTENT = "AMAZON.PreviousIntent"
REPEAT_INTENT = "AMAZON.RepeatIntent"
START_OVER_INTENT = "AMAZON.StartOverIntent"
STOP_INTENT = "AMAZON.StopIntent"
YES_INTENT = "AMAZON.YesIntent"

# Alexa refuses to build a skill without these (NavigateHome is added for screen devices).
REQUIRED_BUILT_INS = (CANCEL_INTENT, HELP_INTENT, STOP_INTENT, NAVIGATE_HOME_INTENT)
RECOMMENDED_BUILT_INS = (FALLBACK_INTENT,)

# The standard built-in intents a custom skill can declare. Anything else with the AMAZON.
# prefix is most likely a custom intent wrongly named (the parametrised
# "AMAZON.SearchAction<object@...>" family is recognised by its angle brackets).
STANDARD_BUILT_INS = frozenset(
    f"AMAZON.{name}Intent"
    for name in (
        "Cancel", "Fallback", "Help", "LoopOff", "LoopOn", "More", "NavigateHome",
        "NavigateSettings", "Next", "No", "PageDown", "PageUp", "Pause", "Previous", "Repeat",
        "Resume", "ScrollDown", "ScrollLeft", "ScrollRight", "ScrollUp", "Select",
        "SendToPhone", "ShuffleOff", "ShuffleOn", "StartOver", "Stop", "Yes",
    )
)  # fmt: skip

# Everyday phrases each built-in intent understands without any sample in the model, one a
# line. "* " marks a phrase Alexa routes to the built-in whatever the skill's samples say, so a
# custom sample equal to it is stolen. Only intents the model declares are heard; samples the
# model adds to a built-in intent are heard as well.
_PHRASES = {
    "AMAZON.YesIntent": """
        * yes
        yeah
        yep
        yup
        yes please
        yes I do
        yes it does
        yes I have
        yes it is
        yes I am
        yes there is
        I do
        it does
        I have
        I am
        it is
        sure
        of course
        ok
        okay
        alright
        all right
        go on
        go ahead
        please do
        do it
        sounds good
        correct
        that is right
        that is correct
        right
        absolutely
        definitely
        certainly
        affirmative
        I think so
        I guess so
        I suppose so
        why not
        let us do it
        let us go
        yes let us
        yes go on
        sure thing
        indeed
        afraid so
        I would like that
        """,
    "AMAZON.NoIntent": """
        * no
        nope
        nah
        no thanks
        no thank you
        not really
        not at all
        no I do not
        no it does not
        no I have not
        no it is not
        no I am not
        no there is not
        I do not
        it does not
        I have not
        I am not
        it is not
        there is not
        I do not think so
        not that I know of
        not that I have noticed
        negative
        never
        no way
        none
        none of them
        no not really
        definitely not
        of course not
        certainly not
        I would rather not
        not now
        no I am fine
        """,
    "AMAZON.StopIntent": """
        * stop
        stop it
        stop talking
        goodbye
        good bye
        bye
        bye bye
        that is all
        that is it
        that will be all
        I am done
        I am finished
        we are done
        end
        exit
        quit
        shut up
        be quiet
        close
        leave
        enough
        """,
    "AMAZON.CancelIntent": """
        * cancel
        cancel that
        * never mind
        nevermind
        forget it
        forget about it
        scrap that
        scrap it
        do not bother
        abort
        """,
    "AMAZON.RepeatIntent": """
        * repeat
        repeat that
        repeat it
        * say that again
        say it again
        say again
        can you say that again
        can you repeat that
        could you repeat that
        pardon
        pardon me
        sorry
        what
        what did you say
        what was that
        come again
        huh
        once more
        again
        I did not catch that
        what was the question
        what was the question again
        repeat the question
        repeat the last bit
        repeat the last part
        I did not hear you
        I did not hear that
        """,
    "AMAZON.HelpIntent": """
        * help
        * help me
        I need help
        can you help me
        what can I say
        what can you do
        what do you do
        what do I say
        what should I say
        what can I ask
        what can I ask you
        what questions can I ask
        what questions can I ask you
        what do I do
        I do not know what to do
        I am not sure what to do
        I do not know what to say
        how does this work
        how do I use this
        what are my options
        what are the options
        options
        I am confused
        I am lost
        I do not understand
        instructions
        """,
    "AMAZON.StartOverIntent": """
        * start over
        start again
        restart
        start from the beginning
        begin again
        from the top
        reset
        let us start again
        """,
    "AMAZON.NavigateHomeIntent": """
        * go home
        home
        main menu
        menu
        go to the main menu
        back to the start
        go back to the start
        """,
    "AMAZON.NextIntent": """
        * next
        next one
        skip
        skip it
        move on
        go forward
        what is next
        """,
    "AMAZON.PreviousIntent": """
        * previous
        go back
        back
        the previous one
        """,
    "AMAZON.PauseIntent": """
        * pause
        hold on
        wait
        """,
    "AMAZON.ResumeIntent": """
        * resume
        continue
        carry on
        """,
    "AMAZON.MoreIntent": """
        more
        tell me more
        more please
        """,
}

_RESERVED_MARK = "* "


def _lines(block: str) -> list[str]:
    return [line.strip() for line in block.strip().splitlines() if line.strip()]


BUILTIN_PHRASES: dict[str, tuple[str, ...]] = {
    intent: tuple(line.removeprefix(_RESERVED_MARK) for line in _lines(block))
    for intent, block in _PHRASES.items()
}
RESERVED_PHRASES: dict[str, str] = {
    line.removeprefix(_RESERVED_MARK): intent
    for intent, block in _PHRASES.items()
    for line in _lines(block)
    if line.startswith(_RESERVED_MARK)
}
"""Phrase -> the built-in intent Alexa gives it to, for the phrases marked "* " above."""


def phrases_for(intent: str) -> tuple[str, ...]:
    """The everyday phrases of a built-in intent; empty for custom intents."""
    return BUILTIN_PHRASES.get(intent, ())
