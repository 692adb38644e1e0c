"""`listen-test`: synthesise utterances, recognise them offline, match them, report per intent."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from echo_sim.commands.device_options import tell_pack_notice
from echo_sim.commands.failures import run_command
from echo_sim.commands.options import CommandParser, whole_number
from echo_sim.device import load_matcher, locale_of, model_path
from echo_sim.errors import CommandError
from echo_sim.hearing import (
    DEFAULT_SPEAKERS,
    HELD_OUT,
    PAD_S,
    TABLE_HEAD,
    HearingUnavailable,
    Recogniser,
    SpeakerUnavailable,
    Utterance,
    conditions,
    hear_all,
    listen,
    read_fixtures,
    recogniser_for,
    report,
    silence,
    speaker,
    table_row,
)
from echo_sim.skill_project import SkillProject


def parser(project: SkillProject) -> argparse.ArgumentParser:
    parser = CommandParser(
        prog=f"{project.command} listen-test",
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
        "--table",
        action="store_true",
        help="every voice in every condition (clean, white and babble noise at 20 and 10 dB, "
        "phone band) as one table, with yes/no confusion inside the check",
    )
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


def listen_test(project: SkillProject, args: argparse.Namespace) -> int:
    model = model_path(project, args.model)
    fixtures = project.fixtures
    paths = args.paths or ([fixtures / locale_of(model)] if fixtures else [])
    try:
        utterances = _first_per_intent(read_fixtures(paths), args.limit)
        matcher = load_matcher(model)
        recogniser = recogniser_for(model)
    except (ValueError, OSError, HearingUnavailable) as error:
        raise CommandError(str(error)) from error
    if not utterances:
        searched = " ".join(map(str, paths)) or "(no fixtures folder: give PATH)"
        raise CommandError(f"no utterances in {searched}")
    tell_pack_notice(recogniser)
    pack = getattr(recogniser, "pack", None)
    if pack is not None and pack.guessed:
        print(f"pronounced by espeak-ng (not in the CMU dictionary): {', '.join(pack.guessed)}")
    if args.table:
        return _table(args.voice or (*DEFAULT_SPEAKERS, "flite:slt"), utterances, recogniser,
                      matcher)  # fmt: skip
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


def _table(voices: Sequence[str], utterances: list[Utterance], recogniser: Recogniser,
           matcher: Any) -> int:  # fmt: skip
    print(f"{len(utterances)} utterances a row; held out of all tuning: {', '.join(HELD_OUT)}")
    print(TABLE_HEAD, flush=True)
    heard_any = False
    for spec in voices:
        try:
            voice = speaker(spec)
        except SpeakerUnavailable as error:
            print(f"skipped voice {spec}: {error}", file=sys.stderr)
            continue
        heard_any = True
        clean = [silence(PAD_S) + voice.say(u.text) + silence(PAD_S) for u in utterances]
        found = hear_all(utterances, voice, recogniser, matcher, conditions(clean), clean)
        for condition, outcomes in found.items():
            print(table_row(spec, condition, outcomes), flush=True)
    return 0 if heard_any else 1


def main(project: SkillProject, command: str, argv: list[str]) -> int:
    args = parser(project).parse_args(argv)
    return run_command(f"{project.command} {command}", lambda: listen_test(project, args))
