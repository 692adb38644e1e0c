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
DENY = "DenySignIntent"
"""A warning sign denied ("no chest pain"); its `denied` slot resolves to a red-flag id."""
DENIED_SLOT = "denied"
EXPLAIN = "ExplainSignIntent"
""""What do you mean by bowel control?"; its `term` slot resolves to a red-flag id."""
TERM_SLOT = "term"
OTHER_HEALTH = "OtherHealthIntent"
"""A health question about something other than back pain."""
CANNOT_DO = "CannotDoIntent"
"""A request to act ("book an appointment"): the skill only gives information."""

# The topics (each answered from its own content section).
OVERVIEW = "OverviewIntent"
CAUSES = "CausesIntent"
CONDITION = "ConditionIntent"
RELIEF = "ReliefIntent"
PREVENTION = "PreventionIntent"
TREATMENTS = "TreatmentsIntent"
GET_HELP = "GetHelpIntent"
WARNING_SIGNS = "WarningSignsIntent"

NAME_FREE_BEYOND_TOPICS = frozenset({CHECK, SERIOUS, DESCRIBE})
"""Besides the topics, what a request without the skill's name may open the skill at
(CanFulfillIntentRequest says YES or MAYBE): the check, "is it serious?" and a warning sign
described (which gets its urgent advice). Not the follow-ups (a pick, "more", yes, no), which
need a conversation first, nor "call an ambulance": the skill cannot make calls, so another
answer serves better."""

SYMPTOM_INTENTS = frozenset({DESCRIBE, DENY, EXPLAIN, UNSURE, MEANT_YES, OTHER_HEALTH})
"""Intents whose very name says something about the user's symptoms: never logged."""
