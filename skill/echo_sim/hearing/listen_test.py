"""`listen-test`: speak a fixture's utterances with test voices, recognise and match
them, and report per intent how many came back right (sound-alike samples, unheard words)."""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import yaml

from echo_sim.command_line import CommandParser, whole_number
from echo_sim.hearing.audio import silence, with_noise
from echo_sim.hearing.heard import Heard, HearingUnavailable, Recogniser
from echo_sim.hearing.placing import language_of
from echo_sim.hearing.speakers import DEFAULT_SPEAKERS, Speaker, SpeakerUnavailable, speaker
from echo_sim.hearing.trust import FALLBACK_INTENT, believed
from echo_sim.target import project

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


def _parser() -> argparse.ArgumentParser:
    parser = CommandParser(
        prog=f"{project().command} listen-test",
        description="Synthesise every utterance of fixture files with test voices, recognise it "
        "offline, match it, and report per intent how many came back right.",
    )
    parser.add_argument(
        "paths",
        nargs="*",
        type=Path,
        metavar="PATH",
        help="utterance fixture files or folders (default: the project's fixtures for the locale)",
    )
    parser.add_argument(
        "--voice",
        action="append",
        metavar="V",
        help="hibari, hibari:VOICE, espeak-ng or espeak-ng:VOICE; repeatable "
        f"(default: {' and '.join(DEFAULT_SPEAKERS)})",
    )
    parser.add_argument("--snr", type=float, metavar="DB", help="add white noise at this SNR")
    parser.add_argument(
        "--limit", type=whole_number(1), metavar="N", help="only the first N per intent"
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="list every utterance")
    parser.add_argument("--model", metavar="PATH", help="interaction model (ASK CLI JSON)")
    return parser


def _first_per_intent(utterances: list[Utterance], limit: int | None) -> list[Utterance]:
    if limit is None:
        return utterances
    taken: dict[str, int] = {}
    kept = []
    for utterance in utterances:
        if taken.get(utterance.intent, 0) < limit:
            taken[utterance.intent] = taken.get(utterance.intent, 0) + 1
            kept.append(utterance)
    return kept


def main(command: str, argv: list[str]) -> int:
    from echo_sim.hearing.engines import recogniser_for
    from echo_sim.target import default_model_path, load_matcher, locale_of

    args = _parser().parse_args(argv)
    model = Path(args.model) if args.model else default_model_path()
    fixtures = project().fixtures
    paths = args.paths or ([fixtures / locale_of(model)] if fixtures else [])
    try:
        utterances = _first_per_intent(read_fixtures(paths), args.limit)
        matcher = load_matcher(model)
        recogniser = recogniser_for(model)
    except (ValueError, OSError, HearingUnavailable) as error:
        print(f"{project().command} {command}: {error}", file=sys.stderr)
        return 2
    if not utterances:
        searched = " ".join(map(str, paths)) or "(no fixtures folder: give PATH)"
        print(f"{project().command} {command}: no utterances in {searched}", file=sys.stderr)
        return 2
    from echo_sim.hearing.engines import pack_notice

    notice = pack_notice(recogniser)
    if notice:
        print(notice, file=sys.stderr)
    pack = getattr(recogniser, "pack", None)
    if pack is not None and pack.guessed:
        print(f"pronounced by espeak-ng (not in the CMU dictionary): {', '.join(pack.guessed)}")
    heard_any = False
    for spec in args.voice or DEFAULT_SPEAKERS:
        try:
            voice = speaker(spec)
        except SpeakerUnavailable as error:
            print(f"skipped voice {spec}: {error}", file=sys.stderr)
            continue
        heard_any = True
        noise = f", white noise at {args.snr:g} dB SNR" if args.snr is not None else ""
        print(f"{spec}{noise}: {len(utterances)} utterances", flush=True)
        outcomes = list(listen(utterances, voice, recogniser, matcher, args.snr))
        print(report(outcomes, args.verbose), flush=True)
    return 0 if heard_any else 1
