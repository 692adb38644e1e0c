"""Sample templates in the style of hassil and chatito, expanded into plain Alexa samples.

One template stands for many samples:

- `(a|b|c)` one of the alternatives;
- `[a|b]` one of them, or nothing;
- `<name>` a named rule: a list of templates, itself expanded;
- `{slot}` a slot placeholder, kept as it is for Alexa.

Expansion is exhaustive and deterministic (the order is the reading order), so the generated model
is the same on every machine and a reviewer can diff it. A template that would expand past
`MAX_EXPANSIONS` is an error, not a silent sample: it means the grammar needs a rule split.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import product

from alexa_model.errors import AlexaModelError

MAX_EXPANSIONS = 20_000
"""The most plain samples one template may stand for."""


class GrammarError(AlexaModelError):
    """A template that cannot be read or expanded; the message names it."""


@dataclass(frozen=True)
class _Text:
    text: str


@dataclass(frozen=True)
class _Choice:
    options: tuple[_Sequence, ...]
    optional: bool


@dataclass(frozen=True)
class _Rule:
    name: str


@dataclass(frozen=True)
class _Sequence:
    items: tuple[_Text | _Choice | _Rule, ...]


Expression = _Sequence
RuleLookup = Callable[[str], Sequence[str] | None]
"""A rule's templates by name, or None when no such rule exists."""


def parse(template: str) -> Expression:
    """The template as an expression tree; raises GrammarError for unbalanced brackets."""
    parser = _Parser(template)
    expression = parser.sequence(closing="")
    return expression


class _Parser:
    def __init__(self, template: str) -> None:
        self.template = template
        self.position = 0

    def fail(self, problem: str) -> GrammarError:
        return GrammarError(f"{problem} at character {self.position + 1} of {self.template!r}")

    def sequence(self, closing: str) -> _Sequence:
        """Items up to (not past) `|` or the closing bracket; "" means the end of the template."""
        items: list[_Text | _Choice | _Rule] = []
        text: list[str] = []

        def flush() -> None:
            if text:
                items.append(_Text("".join(text)))
                text.clear()

        while self.position < len(self.template):
            character = self.template[self.position]
            if character in "([":
                flush()
                self.position += 1
                items.append(self.choice(")" if character == "(" else "]"))
            elif character == "<":
                flush()
                end = self.template.find(">", self.position)
                if end < 0:
                    raise self.fail("a '<' with no '>'")
                name = self.template[self.position + 1 : end].strip()
                if not name:
                    raise self.fail("an empty rule name")
                items.append(_Rule(name))
                self.position = end + 1
            elif character in ")]|":
                if not closing:
                    raise self.fail(f"a {character!r} outside any bracket")
                break
            elif character == ">":
                raise self.fail("a '>' with no '<'")
            else:
                text.append(character)
                self.position += 1
        else:
            if closing:
                raise self.fail(f"a missing {closing!r}")
        flush()
        return _Sequence(tuple(items))

    def choice(self, closing: str) -> _Choice:
        options = [self.sequence(closing)]
        while self.position < len(self.template) and self.template[self.position] == "|":
            self.position += 1
            options.append(self.sequence(closing))
        if self.position >= len(self.template) or self.template[self.position] != closing:
            raise self.fail(f"a missing {closing!r}")
        self.position += 1
        return _Choice(tuple(options), optional=closing == "]")


def expand(template: str, rules: RuleLookup) -> list[str]:
    """Every plain sample the template stands for, in reading order, each once."""
    found = _expand_sequence(parse(template), rules, template, ())
    samples: dict[str, None] = {}
    for words in found:
        sample = " ".join(words.split())
        if sample:
            samples.setdefault(sample, None)
    return list(samples)


def _expand_sequence(
    sequence: _Sequence, rules: RuleLookup, template: str, within: tuple[str, ...]
) -> list[str]:
    parts: list[list[str]] = []
    total = 1
    for item in sequence.items:
        if isinstance(item, _Text):
            options = [item.text]
        elif isinstance(item, _Choice):
            options = [
                text
                for option in item.options
                for text in _expand_sequence(option, rules, template, within)
            ]
            if item.optional:
                options.append("")
        else:
            options = _expand_rule(item.name, rules, template, within)
        total *= max(len(options), 1)
        if total > MAX_EXPANSIONS:
            raise GrammarError(
                f"{template!r} expands to more than {MAX_EXPANSIONS} samples; split it into rules "
                "or templates that say less at once"
            )
        parts.append(options)
    return ["".join(pieces) for pieces in product(*parts)]


def _expand_rule(name: str, rules: RuleLookup, template: str, within: tuple[str, ...]) -> list[str]:
    if name in within:
        chain = " -> ".join((*within, name))
        raise GrammarError(f"the rule <{name}> refers to itself ({chain}) in {template!r}")
    bodies = rules(name)
    if bodies is None:
        raise GrammarError(f"{template!r} uses the rule <{name}>, which no grammar file defines")
    found: list[str] = []
    for body in bodies:
        found += _expand_sequence(parse(body), rules, template, (*within, name))
    return found
