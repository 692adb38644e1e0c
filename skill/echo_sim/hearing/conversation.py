"""`chat --listen`: a spoken conversation, microphone in and the skill's voice out."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from functools import partial
from typing import Any

from echo_sim.echo import VirtualEcho
from echo_sim.hearing.heard import HearingUnavailable, Recogniser
from echo_sim.hearing.listening import SpeechSegmenter, utterances
from echo_sim.hearing.microphone import Microphone, WavMicrophone
from echo_sim.target import project

TurnRunner = Callable[[Any, Callable[[], Any]], int]
"""Runs one turn and shows it; 1 if the skill failed (echo_sim.cli._turn)."""


def listen_chat(
    args: argparse.Namespace,
    echo: VirtualEcho,
    setup: Callable[[], tuple[Recogniser, Any]],
    run_turn: TurnRunner,
) -> int:
    """Listen, show the words heard, answer aloud, until Ctrl-C (or the end of --audio-in)."""
    try:
        source: Microphone | WavMicrophone = (
            WavMicrophone(args.audio_in) if args.audio_in is not None else Microphone()
        )
    except HearingUnavailable as error:
        print(f"{project().command} chat: {error}", file=sys.stderr)
        return 1
    failures = 0
    try:
        recogniser, printer = setup()
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
