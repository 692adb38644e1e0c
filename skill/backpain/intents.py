"""The name of every intent in the interaction model (interaction_models/), the skill's own and
Amazon's built-ins, and of the slots the core reads: the one place code spells them.

The model itself is data built from its grammar (`backpain model build`); a test holds this
module to it, both ways, and holds every AMAZON. name here to alexa_model's list of built-ins."""

# -- the skill's own intents ------------------------------------------------------------------

OVERVIEW = "OverviewIntent"
CAUSES = "CausesIntent"
CONDITION = "ConditionIntent"
RELIEF = "ReliefIntent"
PREVENTION = "PreventionIntent"
TREATMENTS = "TreatmentsIntent"
GET_HELP = "GetHelpIntent"
WARNING_SIGNS = "WarningSignsIntent"
ACTIVITIES = "ActivitiesIntent"
BACK_INJURY = "BackInjuryIntent"
WHO_CAN_HELP = "WhoCanHelpIntent"
TERM = "TermIntent"
"""A medical word the NHS page uses ("what is lumbago?")."""
SELECT = "SelectIntent"
"""A pick from the list the skill just read out, or a topic named on its own."""
CHECK = "RedFlagCheckIntent"
"""Start the spoken warning-sign check."""
DESCRIBE = "DescribeSymptomIntent"
"""A warning sign in the user's own words; its `sign` slot resolves to a red-flag id."""
UNSURE = "UnsureIntent"
MEANT_YES = "MeantYesIntent"
SERIOUS = "IsItSeriousIntent"
EMERGENCY = "EmergencyCallIntent"
DENY = "DenySignIntent"
"""A warning sign denied ("no chest pain"); its `denied` slot resolves to a red-flag id."""
EXPLAIN = "ExplainSignIntent"
""""What do you mean by bowel control?"; its `term` slot resolves to a red-flag id."""
OTHER_HEALTH = "OtherHealthIntent"
"""A health question about something other than back pain."""
CANNOT_DO = "CannotDoIntent"
"""A request to act ("book an appointment"): the skill only gives information."""

# -- Amazon's built-in intents the model declares ----------------------------------------------

YES = "AMAZON.YesIntent"
NO = "AMAZON.NoIntent"
HELP = "AMAZON.HelpIntent"
STOP = "AMAZON.StopIntent"
CANCEL = "AMAZON.CancelIntent"
FALLBACK = "AMAZON.FallbackIntent"
REPEAT = "AMAZON.RepeatIntent"
START_OVER = "AMAZON.StartOverIntent"
NAVIGATE_HOME = "AMAZON.NavigateHomeIntent"
PREVIOUS = "AMAZON.PreviousIntent"
MORE = "AMAZON.MoreIntent"
NEXT = "AMAZON.NextIntent"

# -- slots the core reads by name ---------------------------------------------------------------

SIGN_SLOT = "sign"
NAMED_SLOT = "named"
"""A sign named, then said to persist ("no, the numbness is still there")."""
DENIED_SLOT = "denied"
ALSO_DENIED_SLOT = "alsoDenied"
"""The second of two signs denied at once ("no lumps or swelling")."""
NORMAL_SLOT = "normal"
SUBJECT_SLOT = "subject"
"""What a sign is about ("my chest"): a denial with STATE_SLOT ("grand"), else described."""
STATE_SLOT = "state"
RESTED_SLOT = "rested"
"""Rest taken ("i've rested for days"): a described sign with UNIMPROVED_SLOT, else nothing."""
UNIMPROVED_SLOT = "unimproved"
TERM_SLOT = "term"

# -- sets -------------------------------------------------------------------------------------

SKILL_INTENTS = frozenset({
    OVERVIEW, CAUSES, CONDITION, RELIEF, PREVENTION, TREATMENTS, GET_HELP, WARNING_SIGNS,
    ACTIVITIES, BACK_INJURY, WHO_CAN_HELP, TERM, SELECT, CHECK, DESCRIBE, UNSURE, MEANT_YES,
    SERIOUS, EMERGENCY, DENY, EXPLAIN, OTHER_HEALTH, CANNOT_DO,
})  # fmt: skip
AMAZON_INTENTS = frozenset({
    YES, NO, HELP, STOP, CANCEL, FALLBACK, REPEAT, START_OVER, NAVIGATE_HOME, PREVIOUS, MORE,
    NEXT,
})  # fmt: skip
MODEL_INTENTS = SKILL_INTENTS | AMAZON_INTENTS
"""Every intent the interaction model declares, no more and no fewer."""

NAME_FREE_BEYOND_TOPICS = frozenset({CHECK, SERIOUS, DESCRIBE})
"""Besides the topics, what a request without the skill's name may open the skill at
(CanFulfillIntentRequest says YES or MAYBE): the check, "is it serious?" and a warning sign
described (which gets its urgent advice). Not the follow-ups (a pick, "more", yes, no), which
need a conversation first, nor "call an ambulance": the skill cannot make calls, so another
answer serves better."""

SYMPTOM_INTENTS = frozenset({DESCRIBE, DENY, EXPLAIN, UNSURE, MEANT_YES, OTHER_HEALTH})
"""Intents whose very name says something about the user's symptoms: never logged."""
