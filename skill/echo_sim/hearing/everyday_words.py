"""Common English words any user may say around a skill's phrases, so the recogniser can hear
them as themselves instead of forcing them onto the skill's words (they get only a small
unigram share of the language model)."""

from __future__ import annotations

_WORDS = """
a about actually after again ago all almost also always am an and any anything are around as
at away back bad be because been before being best better big bit both but by call came can
can't come coming could couldn't day days did didn't do does doesn't doing don't done down
each else even ever every everything feel feeling feels felt few find first for from get gets
getting give go goes going gone good got great had hard has hasn't have haven't having he
hello her here hers hey him his how hurt hurts i i'd i'll i'm i've if in into is isn't it it's
its just keep kind know last later least left let like little long look looking lot lots made
make many maybe me mean might mine more morning most much must my myself need never new next
night no not nothing now of off oh ok okay old on once one only or other our out over own
part people please pretty probably quite rather really right said same say see seems should
since so some someone something sometimes soon sore sorry still such sure take tell than thank
thanks that that's the their them then there there's these they thing things think this those
though through time to today told too tried try trying two um up us used very want wanted
was wasn't way we we're week weeks well went were what what's when where which while who why
will with without won't work worse would wouldn't yeah year years yes yesterday yet you
you're your
"""

EVERYDAY_WORDS: tuple[str, ...] = tuple(sorted(set(_WORDS.split())))
