"""Names from the interaction model that more than one part of the core relies on."""

DESCRIBE = "DescribeSymptomIntent"
"""A warning sign in the user's own words; its `sign` slot resolves to a red-flag id."""
UNSURE = "UnsureIntent"
MEANT_YES = "MeantYesIntent"
PREVIOUS = "AMAZON.PreviousIntent"
SERIOUS = "IsItSeriousIntent"
EMERGENCY = "EmergencyCallIntent"
SIGN_SLOT = "sign"

SYMPTOM_INTENTS = frozenset({DESCRIBE, UNSURE, MEANT_YES})
"""Intents whose very name says something about the user's symptoms: never logged."""
