"""`chat --listen`: a spoken conversation, microphone in and the skill's voice out."""

from __future__ import annotations

import argparse
import sys
from functools import partial

from echo_sim.commands.device_options import build_voice, tell_pack_notice
from echo_sim.commands.turns import TurnPrinter, run_turn
from echo_sim.device import VirtualEcho, model_path
from echo_sim.errors import CommandError
from echo_sim.hearing import (
    HearingUnavailable,
    Microphone,
    Recogniser,
    SpeechSegmenter,
    WavMicrophone,
    recogniser_for,
    utterances,
)
from echo_sim.skill_project import SkillProject


def spoken_chat(project: SkillProject, args: argparse.Namespace, echo: VirtualEcho) -> int:
    """Listen, show the words heard, answer aloud, until Ctrl-C (or the end of --audio-in)."""
    try:
        source: Microphone | WavMicrophone = (
            WavMicrophone(args.audio_in) if args.audio_in is not None else Microphone()
        )
    except HearingUnavailable as error:
        print(f"{project.command} chat: {error}", file=sys.stderr)
        return 1
    failures = 0
    try:
        recogniser, printer = _hearing_and_printer(project, args)
        echo.ready_to_hear()
        make_live = getattr(recogniser, "live", None)
        live = make_live() if callable(make_live) else None
        segmenter = SpeechSegmenter(sink=live)
        if not args.json:
            print(
                f"A virtual Echo listening on {source.name}, talking to "
                f"'{echo.invocation_name}'. Speak after each reply; Ctrl-C leaves.",
                file=sys.stderr,
            )
        with source.muted():
            failures += run_turn(printer, echo.launch)
        for pcm in utterances(source.chunks(), segmenter):
            heard = live.finish() if live is not None else recogniser.recognise(pcm)
            printer.heard(heard)
            # While the reply plays the microphone is deaf, so the device doesn't hear itself.
            with source.muted():
                failures += run_turn(printer, partial(echo.hear_speech, heard))
            segmenter.reset()
    except KeyboardInterrupt:
        print(file=sys.stderr)
    finally:
        source.close()
    echo.leave()
    return 1 if failures else 0


def _hearing_and_printer(
    project: SkillProject, args: argparse.Namespace
) -> tuple[Recogniser, TurnPrinter]:
    """The recogniser and the printer, or one line saying what's missing."""
    try:
        recogniser = recogniser_for(model_path(project, args.model))
    except HearingUnavailable as error:
        raise CommandError(str(error)) from error
    tell_pack_notice(recogniser)
    return recogniser, TurnPrinter(args, build_voice(project, args))
