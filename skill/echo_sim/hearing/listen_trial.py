"""The listening trial behind `listen-test`: speak a fixture's utterances with test voices,
recognise and match them, and report per intent how many came back right (sound-alike
samples, unheard words)."""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import yaml

from alexa_model.builtins import FALLBACK_INTENT, NO_INTENT, STOP_INTENT, YES_INTENT
from echo_sim.hearing.audio import silence, with_noise
from echo_sim.hearing.heard import Heard, Recogniser
from echo_sim.hearing.placing import language_of
from echo_sim.hearing.speakers import Speaker
from echo_sim.hearing.trust import believed

PAD_S = 0.3
"""Silence around each synthesised utterance, as the endpointer keeps around live speech."""


@dataclass(frozen=True)
class Utterance:
    """A sentence and the intent it should reach."""

    text: str
    intent: str


@dataclass(frozen=True)
class Outcome:
    """One utterance spoken by one voice: what was heard and which intent the device sent."""

    utterance: Utterance
    voice: str
    heard: Heard
    sent: str
    recognition_s: float

    @property
    def right(self) -> bool:
        return self.sent == self.utterance.intent


def read_fixtures(paths: Iterable[Path]) -> list[Utterance]:
    """Utterances from YAML files (or folders of them) shaped `{intent: X, sentences: [...]}`,
    each sentence a string or `{text: ...}`; other YAML files in a folder are skipped."""
    found: list[Utterance] = []
    for path in paths:
        files = sorted(path.glob("*.yaml")) if path.is_dir() else [path]
        for file in files:
            try:
                document = yaml.safe_load(file.read_text(encoding="utf-8"))
            except OSError as error:
                raise ValueError(f"cannot read {file}: {error.strerror}") from error
            except yaml.YAMLError as error:
                raise ValueError(f"{file} is not valid YAML: {error}") from error
            if not (isinstance(document, dict) and "intent" in document):
                if path.is_dir():
                    continue
                raise ValueError(f"{file}: expected 'intent' and 'sentences'")
            for index, sentence in enumerate(document.get("sentences") or []):
                text = sentence.get("text") if isinstance(sentence, dict) else sentence
                if not isinstance(text, str) or not text.strip():
                    raise ValueError(f"{file}: sentence {index + 1} has no text")
                found.append(Utterance(text.strip(), str(document["intent"])))
    return found


def sent_intent(heard: Heard, matcher: Any) -> str:
    """The intent the device sends for what was heard, inside a session (trust rules applied)."""
    if not heard.text:
        return FALLBACK_INTENT
    match = matcher.match(heard.text)

    def reaches(words: str) -> str:
        return str(matcher.match(words).intent)

    model = getattr(matcher, "model", None)
    language = language_of(model) if model is not None else None
    return (
        str(match.intent)
        if believed(heard, match.intent, match.confidence, reaches, language)
        else FALLBACK_INTENT
    )


def listen(
    utterances: Sequence[Utterance],
    voice: Speaker,
    recogniser: Recogniser,
    matcher: Any,
    snr_db: float | None = None,
    seed: int = 0,
) -> Iterator[Outcome]:
    """Each utterance synthesised, optionally with white noise at `snr_db`, then heard."""
    rng = np.random.default_rng(seed)
    for utterance in utterances:
        pcm = silence(PAD_S) + voice.say(utterance.text) + silence(PAD_S)
        if snr_db is not None:
            pcm = with_noise(pcm, snr_db, rng)
        started = time.perf_counter()
        heard = recogniser.recognise(pcm)
        elapsed = time.perf_counter() - started
        yield Outcome(utterance, voice.name, heard, sent_intent(heard, matcher), elapsed)


ANSWERS = (YES_INTENT, NO_INTENT, STOP_INTENT)
"""The answers the check turns on: a yes heard as a no there skips a warning sign."""
HELD_OUT = ("flite",)
"""Test voices kept out of all tuning of the recogniser and the device's trust rules: their
rows show what a voice nobody tuned for gets."""
GOALS = {"clean": (95.0, 98.0), "white 20 dB": (90.0, 90.0), "babble 20 dB": (90.0, 90.0),
         "white 10 dB": (70.0, None), "babble 10 dB": (70.0, None)}  # fmt: skip
"""Per condition, the share of intents right and of yes/no/stop right that issue 22 asks for."""


def hear_all(
    utterances: Sequence[Utterance],
    voice: Speaker,
    recogniser: Recogniser,
    matcher: Any,
    conditions: Sequence[Any],
    clean: Sequence[bytes],
    seed: int = 0,
) -> dict[str, list[Outcome]]:
    """Each utterance (its clean audio in `clean`) heard in each condition."""
    found: dict[str, list[Outcome]] = {}
    for condition in conditions:
        rng = np.random.default_rng(seed)
        outcomes = found.setdefault(condition.name, [])
        for utterance, pcm in zip(utterances, clean, strict=True):
            audio = condition.apply(pcm, rng)
            started = time.perf_counter()
            heard = recogniser.recognise(audio)
            elapsed = time.perf_counter() - started
            outcomes.append(
                Outcome(utterance, voice.name, heard, sent_intent(heard, matcher), elapsed)
            )
    return found


def table_row(voice: str, condition: str, outcomes: Sequence[Outcome]) -> str:
    """One markdown row: intents right, yes/no/stop right, and the check's two confusions."""
    right = sum(outcome.right for outcome in outcomes)
    answers = [outcome for outcome in outcomes if outcome.utterance.intent in ANSWERS]
    answers_right = sum(outcome.right for outcome in answers)
    yes_as_no = sum(o.utterance.intent == ANSWERS[0] and o.sent == ANSWERS[1] for o in outcomes)
    no_as_yes = sum(o.utterance.intent == ANSWERS[1] and o.sent == ANSWERS[0] for o in outcomes)
    share = 100.0 * right / len(outcomes) if outcomes else 0.0
    answer_share = 100.0 * answers_right / len(answers) if answers else 0.0
    goal, answer_goal = GOALS.get(condition, (None, None))
    held = " (held out)" if voice.partition(":")[0] in HELD_OUT else ""
    verdicts = [
        f"{'pass' if share >= goal else 'MISS'} ≥ {goal:.0f}%" if goal is not None else "",
        f"{'pass' if answer_share >= answer_goal else 'MISS'} ≥ {answer_goal:.0f}%"
        if answer_goal is not None and answers else "",
        "MISS yes→no" if yes_as_no else "",
    ]  # fmt: skip
    return (
        f"| {voice}{held} | {condition} | {right}/{len(outcomes)} = {share:.1f}% "
        f"| {answers_right}/{len(answers)} = {answer_share:.1f}% | {yes_as_no} | {no_as_yes} "
        f"| {'; '.join(v for v in verdicts if v)} |"
    )


TABLE_HEAD = (
    "| Voice | Condition | intent right | yes/no/stop right | yes heard as no | no heard as yes "
    "| goals |\n|---|---|---:|---:|---:|---:|---|"
)


def report(outcomes: Sequence[Outcome], verbose: bool = False) -> str:
    """Per intent "right/total", with each miss (or every utterance when verbose)."""
    lines: list[str] = []
    intents = sorted({outcome.utterance.intent for outcome in outcomes})
    width = max((len(intent) for intent in intents), default=10)
    for intent in intents:
        mine = [outcome for outcome in outcomes if outcome.utterance.intent == intent]
        right = sum(outcome.right for outcome in mine)
        lines.append(f"  {intent.ljust(width)}  {right:3d}/{len(mine):<3d}")
        for outcome in mine:
            if verbose or not outcome.right:
                mark = "ok  " if outcome.right else "MISS"
                lines.append(
                    f"      {mark} {outcome.utterance.text!r} -> heard {outcome.heard.text!r} "
                    f"({outcome.heard.confidence:.2f}) -> {outcome.sent}"
                )
    total = len(outcomes)
    right = sum(outcome.right for outcome in outcomes)
    share = 100.0 * right / total if total else 0.0
    mean = sum(outcome.recognition_s for outcome in outcomes) / total if total else 0.0
    lines.append(
        f"  {right}/{total} right ({share:.1f}%), recognition {mean * 1000:.0f} ms an utterance"
    )
    return "\n".join(lines)
