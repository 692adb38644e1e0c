"""One turn on the command line: run it, show it (text or a JSON line), save it and speak it."""

from __future__ import annotations

import argparse
import json
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from echo_sim.commands.terminal_view import format_turn
from echo_sim.device import Exchange, NoSuchTarget, VirtualEcho
from echo_sim.voice import DesktopVoice

if TYPE_CHECKING:
    from echo_sim.hearing import Heard


class TurnPrinter:
    """Shows each turn: readable text or one JSON line; then saves and speaks it."""

    def __init__(
        self, args: argparse.Namespace, voice: DesktopVoice | None, out: TextIO | None = None
    ) -> None:
        self._json = bool(args.json)
        self._screen = bool(args.screen)
        self._verbose = bool(getattr(args, "verbose", False))
        self._save_audio: Path | None = args.save_audio
        self._save_screens: Path | None = args.save_screens
        self._voice = voice
        self._given_out = out
        self.turns = 0
        if self._save_screens is not None:
            self._save_screens.mkdir(parents=True, exist_ok=True)

    @property
    def _out(self) -> TextIO:
        return self._given_out or sys.stdout  # looked up late, so redirection works

    def said(self, utterance: str) -> None:
        """Echo a scripted utterance, so the output reads as a conversation."""
        if not self._json:
            print(f"you:    {utterance}", file=self._out, flush=True)

    def heard(self, heard: Heard, source: str = "") -> None:
        """Show what the recogniser heard, before the reply to it (JSON turns carry it)."""
        if not self._json:
            words = heard.text or "(nothing clear)"
            where = f"{source}, " if source else ""
            print(f"you:    {words}   [{where}heard with confidence {heard.confidence:.2f}]",
                  file=self._out, flush=True)  # fmt: skip

    def show(self, turn: Exchange) -> None:
        self.turns += 1
        for note in turn.notes:
            print(f"note: {note}", file=sys.stderr, flush=True)
        screen = turn.screen if self._screen else None
        if self._json:
            print(json.dumps(turn.to_json(), ensure_ascii=False), file=self._out, flush=True)
            if screen is not None:
                print(screen.render(), file=sys.stderr, flush=True)
        else:
            shown = format_turn(turn, show_screen=self._screen, verbose=self._verbose)
            print(shown, file=self._out, flush=True)
        if screen is not None and self._save_screens is not None:
            path = self._save_screens / f"screen-{self.turns:03d}.json"
            path.write_text(json.dumps(screen.datasources, indent=2, ensure_ascii=False) + "\n")
        if self._voice is not None:
            if self._save_audio is not None:
                self._voice.save(turn.ssml, self._save_audio / f"turn-{self.turns:03d}.wav")
            self._voice.speak(turn.ssml)

    def show_screen(self, echo: VirtualEcho) -> None:
        rendering = echo.screen.render() if echo.screen else "[nothing on the screen]"
        print(rendering, file=sys.stderr if self._json else self._out, flush=True)



def run_turn(printer: TurnPrinter, act: Callable[[], Exchange]) -> int:
    """Run one turn and show it; 1 if the skill failed (shown on stderr), else 0."""
    try:
        turn = act()
    except NoSuchTarget as error:
        print(f"note: {error}", file=sys.stderr)
        return 0
    except Exception:
        print(
            "the skill failed on this request (an Echo would say: There was a problem with the "
            "requested skill's response):\n" + traceback.format_exc().rstrip(),
            file=sys.stderr,
        )
        return 1
    printer.show(turn)
    return 0

