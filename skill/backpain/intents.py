"""Names from the interaction model that more than one part of the core relies on."""

DESCRIBE = "DescribeSymptomIntent"
"""A warning sign in the user's own words; its `sign` slot resolves to a red-flag id."""
UNSURE = "UnsureIntent"
MEANT_YES = "MeantYesIntent"
PREVIOUS = "AMAZON.PreviousIntent"
SERIOUS = "IsItSeriousIntent"
EMERGENCY = "EmergencyCallIntent"
CHECK = "RedFlagCheckIntent"
SIGN_SLOT = "sign"

NAME_FREE_BEYOND_TOPICS = frozenset({CHECK, SERIOUS, DESCRIBE})
"""Besides the topics, what a request without the skill's name may open the skill at
(CanFulfillIntentRequest says YES or MAYBE): the check, "is it serious?" and a warning sign
described (which gets its urgent advice). Not the follow-ups (a pick, "more", yes, no), which
need a conversation first, nor "call an ambulance": the skill cannot make calls, so another
answer serves better."""

SYMPTOM_INTENTS = frozenset({DESCRIBE, UNSURE, MEANT_YES})
"""Intents whose very name says something about the user's symptoms: never logged."""
