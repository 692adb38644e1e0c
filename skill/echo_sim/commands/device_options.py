"""What the device's talking commands (chat, say, hear) share: their options, and the device and
voice those options ask for."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from echo_sim.commands.options import output_folder, whole_number
from echo_sim.device import (
    ECHO_SHOW,
    VOICE_ONLY,
    IntentMatcher,
    Responder,
    VirtualEcho,
    load_matcher,
    locale_of,
    model_path,
    skill_responder,
)
from echo_sim.errors import CommandError
from echo_sim.skill_project import SkillProject
from echo_sim.voice import DesktopVoice, Synthesiser, UnknownVoice, VoiceUnavailable

if TYPE_CHECKING:
    from echo_sim.hearing import Recogniser

SPEAKING_RATES = (80, 450)
"""Words per minute espeak-ng can speak; pyttsx3 passes the rate straight through."""


def skill_options(parser: argparse.ArgumentParser, project: SkillProject) -> None:
    """--model and --skill: another interaction model or Python skill than the project's."""
    parser.add_argument(
        "--model",
        metavar="PATH",
        help=f"interaction model (ASK CLI JSON); default {project.name}'s",
    )
    parser.add_argument(
        "--skill",
        metavar="MODULE:NAME",
        help="talk to another Python skill: a CustomSkill, a function building one, or a "
        f"Lambda handler (default: {project.name})",
    )


def voice_options(parser: argparse.ArgumentParser) -> None:
    """How each turn is shown, spoken and saved."""
    parser.add_argument("--mute", action="store_true", help="speak nothing")
    parser.add_argument(
        "--json", action="store_true", help="one JSON object per turn on stdout, nothing else"
    )
    parser.add_argument(
        "--verbose", action="store_true", help="show each turn's reprompt and card too"
    )
    parser.add_argument(
        "--save-audio", metavar="DIR", type=output_folder, help="write turn-NNN.wav files"
    )
    speech_options(parser)
    parser.add_argument("--screen", action="store_true", help="be an Echo Show (APL screens)")
    parser.add_argument(
        "--save-screens", metavar="DIR", type=output_folder, help="write each screen's data as JSON"
    )


def speech_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--voice", metavar="V", help="speech engine voice ('list' to see them)")
    parser.add_argument(
        "--rate",
        metavar="N",
        type=whole_number(*SPEAKING_RATES),
        help="speaking rate, words per minute ({} to {})".format(*SPEAKING_RATES),
    )


def device_parts(
    project: SkillProject, model: str | None, skill: str | None
) -> tuple[Responder, IntentMatcher]:
    """The skill and the matcher for --skill and --model, or one clear CommandError."""
    try:
        matcher = load_matcher(model_path(project, model))
    except (OSError, ValueError) as error:
        raise CommandError(f"cannot use the interaction model: {error}") from error
    try:
        responder = skill_responder(project, skill)
    except ValueError as error:
        raise CommandError(str(error)) from error
    return responder, matcher


def build_device(project: SkillProject, args: argparse.Namespace) -> VirtualEcho:
    """The virtual Echo the options ask for: a screen or not, the model's locale."""
    responder, matcher = device_parts(project, args.model, args.skill)
    profile = ECHO_SHOW if args.screen else VOICE_ONLY
    locale = locale_of(model_path(project, args.model))
    return VirtualEcho(responder, matcher, profile=profile, locale=locale)


def build_voice(project: SkillProject, args: argparse.Namespace) -> DesktopVoice | None:
    """The voice, after telling the user in one stderr line if they won't hear anything."""
    if args.mute and args.save_audio is None:
        return None
    locale = locale_of(model_path(project, args.model))
    try:
        voice = DesktopVoice(speak=not args.mute, voice=args.voice, rate=args.rate, locale=locale)
    except UnknownVoice as error:
        raise CommandError(str(error)) from error
    if args.save_audio is not None:
        args.save_audio.mkdir(parents=True, exist_ok=True)
    if not args.mute or not voice.can_save:
        reason = voice.explain(saving_to=args.save_audio)
        if reason:
            print(reason, file=sys.stderr)
    return voice


def list_voices() -> int:
    """`--voice list`: the speech engine's voices, one a line."""
    try:
        synthesiser = Synthesiser()
    except VoiceUnavailable as error:
        print(error, file=sys.stderr)
        return 1
    for info in synthesiser.voices:
        print(f"{info.id:28} {', '.join(info.languages):16} {info.name}")
    return 0


def read_lines(path: Path) -> list[str]:
    """A script's or text file's lines, without blanks and `#` comments."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as error:
        raise CommandError(f"cannot read {path}: {error.strerror}") from error
    return [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]


def tell_pack_notice(recogniser: Recogniser) -> None:
    """The language pack's one line (words it can't hear, and why), once, on stderr."""
    from echo_sim.hearing import pack_notice  # here: typed chat and say never load hearing

    notice = pack_notice(recogniser)
    if notice:
        print(notice, file=sys.stderr)
