"""Custom slot values and synonyms: finding them in what was said, resolving slot words to ids."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from alexa_model.model import SlotType
from echo_sim.understanding.clauses import QUESTION_WORDS, SUBJECTS, is_subject
from echo_sim.understanding.lexicon import (
    concept,
    is_function_word,
    is_negation,
    is_predicate,
    rephrase,
)
from echo_sim.understanding.normalise import FILLERS, normalise
from echo_sim.understanding.numbers import NUMBER_WORDS

# Words people put in front of a slot value that are not part of it: "about the weekend".
_LEADING_EXTRAS = frozenset(
    ("the", "a", "an", "my", "your", "our", "his", "her", "their", "some", "this", "that", "any",
     "about", "of")
)  # fmt: skip


def _opens_alternative(keys: Sequence[str], index: int) -> bool:
    """ "or" before a question or a subject opens another clause: a phrase found loosely never
    reaches across it ("a cup of tea | or should i have coffee"). Across "tea or some coffee",
    or "and" ("lost my keys and can't find them"), it may."""
    after = keys[index + 1] if index + 1 < len(keys) else ""
    return keys[index] == "or" and (after in QUESTION_WORDS or after in SUBJECTS)


@dataclass(frozen=True)
class Resolution:
    """A slot value that words resolved to (ER_SUCCESS_MATCH)."""

    slot_type: str
    id: str
    name: str


@dataclass(frozen=True)
class SpottedValue:
    """Words in an utterance that are a value (or a synonym) of one or more custom slot types."""

    start: int
    end: int
    resolutions: tuple[Resolution, ...]


def concepts_of(words: Sequence[str]) -> tuple[str, ...]:
    return tuple(concept(word) for word in words)


def _is_content(item: str) -> bool:
    """Words a value's meaning rests on: not function words, except negations ("no feeling")."""
    return is_negation(item) or not is_function_word(item)


def _content(key: Sequence[str]) -> tuple[str, ...]:
    return tuple(item for item in key if _is_content(item))


class SlotCatalogue:
    """Every custom slot type's values, indexed by the concepts of their words."""

    def __init__(
        self,
        types: dict[str, SlotType],
        carrier_concepts: frozenset[str] = frozenset(),
        qualifiers: frozenset[str] = frozenset(),
    ):
        """`carrier_concepts`: words the samples themselves use, too common to stand for a value.
        `qualifiers`: types never said alone in a sample (they qualify another value)."""
        self._carrier = carrier_concepts
        self._qualifiers = qualifiers
        self._phrases: dict[tuple[str, ...], list[Resolution]] = defaultdict(list)
        self._by_type: dict[str, dict[tuple[str, ...], Resolution]] = defaultdict(dict)
        # The same phrases by their content words only: "pulled a muscle" is "pulled muscle".
        self._loose: dict[tuple[str, ...], list[Resolution]] = defaultdict(list)
        # Per type and content word, the phrases (as content words) that hold it and the values
        # that own them: resolves "earl" to "earl grey" looking only at phrases sharing a word
        # (the warning-sign type has ten thousand).
        Holding = dict[str, list[tuple[frozenset[str], tuple[str, ...], Resolution]]]
        self._holding: dict[str, Holding] = defaultdict(lambda: defaultdict(list))
        self._owners: dict[str, dict[str, set[Resolution]]] = defaultdict(lambda: defaultdict(set))
        for slot_type in types.values():
            for value in slot_type.values:
                resolution = Resolution(slot_type.name, value.id, value.name)
                for phrase in (value.name, *value.synonyms):
                    # Heard as an utterance is: "just a dribble" is "a dribble" once "just" goes.
                    said = [word for word in normalise(phrase) if word not in FILLERS]
                    key = concepts_of(rephrase(said))
                    if not key:
                        continue
                    # The first value that claims a phrase keeps it, as in the model's order.
                    if key not in self._by_type[slot_type.name]:
                        self._by_type[slot_type.name][key] = resolution
                        self._phrases[key].append(resolution)
                    content = _content(key)
                    words = frozenset(content)
                    for word in words:
                        self._holding[slot_type.name][word].append((words, key, resolution))
                        self._owners[slot_type.name][word].add(resolution)
                    claimed = {claim.slot_type for claim in self._loose.get(content, ())}
                    # "keeps me up" without its small words is "keep", which says nothing:
                    # a phrase is found loosely only by two or more of its words.
                    telling = len(content) >= 2 or len(content) == len(key)
                    if content and telling and slot_type.name not in claimed:
                        self._loose[content].append(resolution)
        self._longest = max((len(key) for key in self._phrases), default=0)

    @property
    def vocabulary(self) -> dict[str, set[str]]:
        """Every concept that occurs in some slot value, with the slot types it occurs in."""
        types: dict[str, set[str]] = defaultdict(set)
        for key, resolutions in self._phrases.items():
            for item in key:
                types[item].update(resolution.slot_type for resolution in resolutions)
        return types

    def own_words(self, share: float) -> dict[str, set[str]]:
        """Every concept with the slot types whose phrases use it often: in at least `share`
        of the type's phrases (and at least one). "wee" is the warning signs' own word; "month",
        in "lost a stone in a month", is said in passing."""
        totals: Counter[str] = Counter()
        uses: Counter[tuple[str, str]] = Counter()
        for key, resolutions in self._phrases.items():
            for resolution in resolutions:
                totals[resolution.slot_type] += 1
                for item in set(key):
                    uses[(item, resolution.slot_type)] += 1
        types: dict[str, set[str]] = defaultdict(set)
        for (item, slot_type), count in uses.items():
            if count >= max(1.0, share * totals[slot_type]):
                types[item].add(slot_type)
        return types

    def spot(self, words: Sequence[str]) -> list[SpottedValue]:
        """Longest slot-value phrases in the words, left to right, never overlapping.

        A phrase also counts with function words added or left out inside it ("pulled a
        muscle" for "pulled muscle"), when that covers more of its words than an exact match.
        """
        found: list[SpottedValue] = []
        keys = concepts_of(words)
        content = [_is_content(key) for key in keys]
        index = 0
        while index < len(keys):
            best: tuple[int, int, list[Resolution]] | None = None  # (content words, end, ...)
            for end in range(min(len(keys), index + self._longest), index, -1):
                resolutions = self._phrases.get(keys[index:end])
                if resolutions and any(content[index:end]):
                    best = (sum(content[index:end]), end, resolutions)
                    break
            if content[index]:
                loose: list[str] = []
                for end in range(index, min(len(keys), index + self._longest + 2)):
                    if _opens_alternative(keys, end):
                        break
                    if not content[end]:
                        if loose and is_negation(loose[-1]) and is_subject(words, end):
                            # "no, i can feel everything": a subject after a negation starts a
                            # statement of its own; the no is not the "no" of "no feeling",
                            # nor is "no, it's better" the "no" of "it's no better".
                            break
                        continue
                    loose.append(keys[end])
                    resolutions = self._loose.get(tuple(loose))
                    if resolutions and (best is None or len(loose) > best[0]):
                        best = (len(loose), end + 1, resolutions)
            if best is None:
                index += 1
                continue
            found.append(SpottedValue(index, best[1], (*best[2], *self._hidden(keys, index, best))))
            index = best[1]
        return found

    def _hidden(
        self, keys: Sequence[str], start: int, best: tuple[int, int, list[Resolution]]
    ) -> list[Resolution]:
        """A shorter value of a type said alone, inside a longer one of a type that only
        qualifies ("resting" in "i have been resting"): both are heard there."""
        if any(resolution.slot_type not in self._qualifiers for resolution in best[2]):
            return []
        stop = best[1]
        for length in range(stop - start - 1, 0, -1):
            for first in range(start, stop - length + 1):
                resolutions = self._phrases.get(tuple(keys[first : first + length]), ())
                alone = [r for r in resolutions if r.slot_type not in self._qualifiers]
                if alone:
                    return alone
        return []

    def always_spotted(self, slot_type: str) -> bool:
        """Whether every value of the type has a content word, so that it can be spotted."""
        return all(any(map(_is_content, key)) for key in self._by_type.get(slot_type, {}))

    def lists(self, slot_type: str, words: Sequence[str]) -> bool:
        """Whether the words are, as said, one of the type's values or synonyms."""
        return concepts_of(words) in self._by_type.get(slot_type, {})

    def resolve(self, slot_type: str, words: Sequence[str]) -> Resolution | None:
        """What the words in a slot's position resolve to, or None (ER_SUCCESS_NO_MATCH)."""
        words = list(words)
        # A value may itself start with "an" ("an accident"): as said, before any is stripped.
        as_said = self._by_type.get(slot_type, {}).get(concepts_of(words))
        if as_said is not None:
            return as_said
        while len(words) > 1 and words[0] in _LEADING_EXTRAS:
            words.pop(0)
        exact = self._by_type.get(slot_type, {}).get(concepts_of(words))
        if exact is not None:
            return exact
        within = self._spotted_within(slot_type, words)
        if within is not None:
            return within
        # Words that are wholly a value of another type are that value, not a piece of one of
        # this type: "my chest hurts" is not part of "a chest infection".
        content = [word for word in words if _is_content(concept(word))]
        for spot in self.spot(words):
            covered = [word for word in words[spot.start : spot.end] if _is_content(concept(word))]
            if len(covered) == len(content) and all(
                other.slot_type != slot_type for other in spot.resolutions
            ):
                return None
        return self._partial(slot_type, words)

    def _spotted_within(self, slot_type: str, words: Sequence[str]) -> Resolution | None:
        """ "having a bulging disc": one value of the type, and nothing else but function words."""
        found = [
            (spot, resolution)
            for spot in self.spot(words)
            for resolution in spot.resolutions
            if resolution.slot_type == slot_type
        ]
        if len({resolution for _, resolution in found}) != 1:
            return None
        spot, resolution = found[0]
        rest = [*words[: spot.start], *words[spot.end :]]
        if any(_is_content(concept(word)) for word in rest):
            return None
        # Words after a value that make a statement of it are not part of it: "chest pain is
        # still there", "the numbness comes and goes" say the sign persists.
        return None if any(is_predicate(word) for word in words[spot.end :]) else resolution

    def _partial(self, slot_type: str, words: Sequence[str]) -> Resolution | None:
        """ "earl" -> earl grey: part of one value's words, with a word only it uses."""
        content = {concept(word) for word in words if _is_content(concept(word))}
        if not content:
            return None
        # At least half of a phrase: "earl" is earl grey, but "diet" is not "lost weight
        # without dieting", one word of four. A phrase holding them all holds the rarest.
        holding = self._holding.get(slot_type, {})
        rarest = min(content, key=lambda word: len(holding.get(word, ())))
        said = concepts_of(words)
        holders = {
            resolution
            for phrase, key, resolution in holding.get(rarest, ())
            if content <= phrase
            and 2 * len(content) >= len(phrase)
            # "in control" is not part of "no control": a value's negation is never left out.
            and all(word in content for word in phrase if is_negation(word))
            # A number is said exactly: "thirty eight point eight" is no part of "thirty seven
            # point eight", though it holds three of its four words.
            and phrase & _NUMBER_CONCEPTS == content & _NUMBER_CONCEPTS
            and not _states_more(said, phrase, key)
        }
        if len(holders) != 1:
            return None
        resolution = next(iter(holders))
        # A word tells when no other value's phrase has it.
        owners = self._owners.get(slot_type, {})
        telling = {word for word in content - self._carrier if owners.get(word) == {resolution}}
        return resolution if telling else None


_NUMBER_CONCEPTS = frozenset(concept(word) for word in NUMBER_WORDS)


def _states_more(said: Sequence[str], phrase: frozenset[str], key: Sequence[str]) -> bool:
    """Whether the words go on past a phrase to say something of it: "my chest pain is still
    there" holds "chest pain", then says it has not gone; "chest is fine" is "chest's fine"."""
    last = max(index for index, word in enumerate(said) if word in phrase)
    return any(is_predicate(word) and word not in key for word in said[last + 1 :])


@dataclass(frozen=True)
class SlotValue:
    """A slot as the NLU filled it: the words heard and, when they resolved, the value id."""

    name: str
    value: str | None
    slot_type: str = ""
    resolved_id: str | None = None
    resolved_name: str | None = None

    def to_json(self, application_id: str) -> dict[str, Any]:
        slot: dict[str, Any] = {"name": self.name, "confirmationStatus": "NONE"}
        if self.value is None:
            return slot
        slot["value"] = self.value
        if self.slot_type and not self.slot_type.startswith("AMAZON."):
            authority = f"amzn1.er-authority.echo-sdk.{application_id}.{self.slot_type}"
            if self.resolved_id is not None:
                resolution: dict[str, Any] = {
                    "authority": authority,
                    "status": {"code": "ER_SUCCESS_MATCH"},
                    "values": [
                        {
                            "value": {
                                "name": self.resolved_name or self.value,
                                "id": self.resolved_id,
                            }
                        }
                    ],
                }
            else:
                resolution = {"authority": authority, "status": {"code": "ER_SUCCESS_NO_MATCH"}}
            slot["resolutions"] = {"resolutionsPerAuthority": [resolution]}
        return slot
