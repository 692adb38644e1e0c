"""The typed parts of an interaction model: invocation name, intents, slots, samples, slot types."""

from __future__ import annotations

import re
from dataclasses import dataclass

# A slot gap in a sample: "tell me about {condition}".
SLOT_GAP = re.compile(r"\{([^{}]*)\}")


@dataclass(frozen=True)
class SlotTypeValue:
    """One value of a custom slot type."""

    id: str
    """The value's id; Alexa reports it in entity resolution (the name when the model has none)."""
    name: str
    synonyms: tuple[str, ...]
    has_id: bool = True
    """False when the model gives no id (then `id` is the name)."""

    @property
    def phrases(self) -> tuple[str, ...]:
        """Everything that resolves to this value: its name, then its synonyms."""
        return (self.name, *self.synonyms)


@dataclass(frozen=True)
class SlotType:
    """A custom slot type and its values."""

    name: str
    values: tuple[SlotTypeValue, ...]


@dataclass(frozen=True)
class SlotDeclaration:
    """A slot an intent declares ("" as its type when the model names none)."""

    name: str
    type: str
    samples: tuple[str, ...] = ()
    """What a user says when Alexa asks for this slot (dialog elicitation)."""


@dataclass(frozen=True)
class IntentDeclaration:
    """An intent with its slots and sample utterances as the model writes them."""

    name: str
    slots: tuple[SlotDeclaration, ...]
    samples: tuple[str, ...]

    def slot(self, name: str) -> SlotDeclaration | None:
        return next((slot for slot in self.slots if slot.name == name), None)

    @property
    def is_built_in(self) -> bool:
        return self.name.startswith("AMAZON.")


@dataclass(frozen=True)
class IngressPhrase:
    """One sample utterance of a name-free ingress point, as the model writes it."""

    format: str
    """How `value` is written; Alexa takes "RAW_TEXT" (plain words, no slots)."""
    value: str


@dataclass(frozen=True)
class IngressPoint:
    """A way in without the invocation name (`_nameFreeInteraction.ingressPoints`)."""

    type: str
    """"LAUNCH" opens the skill as "open <name>" would; "INTENT" opens it at `intent`."""
    intent: str | None
    """The intent an INTENT point opens at; a LAUNCH point names none."""
    phrases: tuple[IngressPhrase, ...]


@dataclass(frozen=True)
class LanguageModel:
    """The `languageModel` part of an interaction model."""

    invocation_name: str
    intents: tuple[IntentDeclaration, ...]
    """In the model's order, as declared (a name declared twice is here twice)."""
    types: dict[str, SlotType]
    ingress_points: tuple[IngressPoint, ...] = ()
    """The name-free ingress points, in the model's order (a sibling of `languageModel` in the
    file, read with it because the matcher and the rules need both)."""

    def intent(self, name: str) -> IntentDeclaration | None:
        return next((intent for intent in self.intents if intent.name == name), None)


def placeholders(sample: str) -> list[str]:
    """The slot names a sample refers to, in order: "tell me about {condition}" -> ["condition"]."""
    return [name.strip() for name in SLOT_GAP.findall(sample)]


def split_sample(sample: str) -> list[tuple[str, bool]]:
    """A sample as (text, is_slot) pieces: "about {topic} now" -> [("about ", False), ...]."""
    pieces: list[tuple[str, bool]] = []
    position = 0
    for found in SLOT_GAP.finditer(sample):
        if found.start() > position:
            pieces.append((sample[position : found.start()], False))
        pieces.append((found.group(1).strip(), True))
        position = found.end()
    if position < len(sample):
        pieces.append((sample[position:], False))
    return pieces
