"""`chat | say | hear | test | audition`: the offline device on the command line."""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
import traceback
from collections.abc import Iterator
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from echo_sim import console, transcript
from echo_sim.command_line import (
    CommandError,
    CommandParser,
    existing_path,
    output_folder,
    whole_number,
)
from echo_sim.echo import IntentMatcher, NoSuchTarget, VirtualEcho
from echo_sim.envelope import ECHO_SHOW, VOICE_ONLY
from echo_sim.exchange import Exchange
from echo_sim.target import Responder, load_matcher, load_responder, locale_of, project
from echo_sim.voice import DesktopVoice, Synthesiser, UnknownVoice, VoiceUnavailable

if TYPE_CHECKING:
    from echo_sim.hearing import Heard

LEAVE_WORDS = frozenset({"quit", "exit", "/quit", "/exit"})
NEW_CONVERSATION = frozenset({"---", "/new"})
CHAT_HELP = """\
Type what you would say to the Echo. The conversation opened with the launch request;
after the skill ends a session, the next thing you say starts a new one.
  /tap LABEL or /tap N   touch a button on the screen (with --screen)
  /screen                show the screen again
  /new or ---            end this conversation and start another (a new launch)
  quit, exit or Ctrl-D   leave (an open session gets a SessionEndedRequest)"""


def main(command: str, argv: list[str]) -> int:
    handlers = {"chat": chat, "say": say, "hear": hear, "test": run_tests, "audition": audition}
    parser = _PARSERS[command]()
    args = parser.parse_args(argv)
    try:
        return handlers[command](args)
    except KeyboardInterrupt:
        print(file=sys.stderr)
        return 130
    except CommandError as error:
        print(f"{project().command} {command}: {error}", file=sys.stderr)
        return error.exit_code


SPEAKING_RATES = (80, 450)
"""Words per minute espeak-ng can speak; pyttsx3 passes the rate straight through."""


# ---- options -------------------------------------------------------------------------------


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--model",
        metavar="PATH",
        help=f"interaction model (ASK CLI JSON); default {project().name}'s",
    )
    parser.add_argument(
        "--skill",
        metavar="MODULE:NAME",
        help="talk to another Python skill: a CustomSkill, a function building one, or a "
        f"Lambda handler (default: {project().name})",
    )


def _voice_options(parser: argparse.ArgumentParser) -> None:
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
    _speech_options(parser)
    parser.add_argument("--screen", action="store_true", help="be an Echo Show (APL screens)")
    parser.add_argument(
        "--save-screens", metavar="DIR", type=output_folder, help="write each screen's data as JSON"
    )


def _speech_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--voice", metavar="V", help="speech engine voice ('list' to see them)")
    parser.add_argument(
        "--rate",
        metavar="N",
        type=whole_number(*SPEAKING_RATES),
        help="speaking rate, words per minute ({} to {})".format(*SPEAKING_RATES),
    )


def _chat_parser() -> argparse.ArgumentParser:
    parser = CommandParser(
        prog=f"{project().command} chat",
        description="Talk to the skill on this computer, as on an Echo: typed or from a script.",
        epilog=CHAT_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--script",
        metavar="FILE",
        type=Path,
        help="utterances, one a line ('#' comments, '---' starts a new conversation)",
    )
    parser.add_argument(
        "--listen",
        action="store_true",
        help="speak instead of typing: the microphone, with the words heard shown before the "
        "reply (Ctrl-C leaves)",
    )
    parser.add_argument(
        "--audio-in",
        metavar="WAV",
        type=Path,
        help="with --listen: take this recording as the microphone (for testing)",
    )
    _voice_options(parser)
    _common(parser)
    return parser


def _hear_parser() -> argparse.ArgumentParser:
    parser = CommandParser(
        prog=f"{project().command} hear",
        description="Recognise each wav file offline and answer it as 'say' does, "
        "each in a new session.",
    )
    parser.add_argument("files", nargs="*", metavar="FILE.wav", type=Path)
    parser.add_argument(
        "--rebuild",
        action="store_true",
        help="build the recogniser's language pack anew instead of taking it from the cache "
        "(alone: only that)",
    )
    _voice_options(parser)
    _common(parser)
    return parser


def _say_parser() -> argparse.ArgumentParser:
    parser = CommandParser(
        prog=f"{project().command} say",
        description="One-shot requests, each in a new session: 'ask <invocation name> TEXT'.",
    )
    parser.add_argument("texts", nargs="*", metavar="TEXT")
    parser.add_argument("--file", metavar="FILE", type=Path, help="one TEXT a line")
    _voice_options(parser)
    _common(parser)
    return parser


def _test_parser() -> argparse.ArgumentParser:
    parser = CommandParser(
        prog=f"{project().command} test",
        description="Run YAML conversation transcripts (files or folders).",
    )
    parser.add_argument("paths", nargs="+", metavar="PATH", type=existing_path,
                        help="transcript files, or folders searched for *.yaml")  # fmt: skip
    parser.add_argument("-v", "--verbose", action="store_true", help="list passing transcripts")
    _common(parser)
    return parser


def _audition_parser() -> argparse.ArgumentParser:
    parser = CommandParser(
        prog=f"{project().command} audition",
        description="Render every distinct thing the skill can say to wav files, with an index, "
        "so a reviewer can listen to all of it in one sitting.",
    )
    parser.add_argument(
        "--out",
        metavar="DIR",
        type=output_folder,
        required=True,
        help="folder for the wav files and their index (index.md, index.csv); made if missing",
    )
    parser.add_argument(
        "--limit", metavar="N", type=whole_number(1), help="only the first N lines"
    )
    _speech_options(parser)
    parser.add_argument(
        "--speech",
        metavar="MODULE:NAME",
        default=project().all_lines,
        help="function(locale) -> [(key, ssml)] (default: %(default)s)",
    )
    parser.add_argument("--model", metavar="PATH", help="its file name gives the locale")
    return parser


_PARSERS = {
    "chat": _chat_parser,
    "say": _say_parser,
    "hear": _hear_parser,
    "test": _test_parser,
    "audition": _audition_parser,
}


# ---- shared set-up -------------------------------------------------------------------------


def device_parts(model: str | None, skill: str | None) -> tuple[Responder, IntentMatcher]:
    """The skill and the matcher for --skill and --model, or one clear CommandError."""
    try:
        matcher = load_matcher(model)
    except (OSError, ValueError) as error:
        raise CommandError(f"cannot use the interaction model: {error}") from error
    try:
        responder = load_responder(skill)
    except (ValueError, TypeError) as error:
        raise CommandError(str(error)) from error
    return responder, matcher


def _device(args: argparse.Namespace) -> VirtualEcho:
    responder, matcher = device_parts(args.model, args.skill)
    profile = ECHO_SHOW if args.screen else VOICE_ONLY
    return VirtualEcho(responder, matcher, profile=profile, locale=locale_of(args.model))


def _voice(args: argparse.Namespace) -> DesktopVoice | None:
    """The voice, after telling the user in one stderr line if they won't hear anything."""
    if args.mute and args.save_audio is None:
        return None
    try:
        voice = DesktopVoice(
            speak=not args.mute, voice=args.voice, rate=args.rate, locale=locale_of(args.model)
        )
    except UnknownVoice as error:
        raise CommandError(str(error)) from error
    if args.save_audio is not None:
        args.save_audio.mkdir(parents=True, exist_ok=True)
    if not args.mute or not voice.can_save:
        reason = voice.explain(saving_to=args.save_audio)
        if reason:
            print(reason, file=sys.stderr)
    return voice


def _list_voices() -> int:
    try:
        synthesiser = Synthesiser()
    except VoiceUnavailable as error:
        print(error, file=sys.stderr)
        return 1
    for info in synthesiser.voices:
        print(f"{info.id:28} {', '.join(info.languages):16} {info.name}")
    return 0


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
            shown = console.format_turn(turn, show_screen=self._screen, verbose=self._verbose)
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


# ---- chat ----------------------------------------------------------------------------------


def chat(args: argparse.Namespace) -> int:
    if args.voice == "list":
        return _list_voices()
    if args.audio_in is not None and not args.listen:
        raise CommandError("--audio-in goes with --listen")
    if args.listen and args.script is not None:
        raise CommandError("--listen and --script are two different ways in: choose one")
    echo = _device(args)
    if args.listen:
        from echo_sim.hearing.conversation import listen_chat

        return listen_chat(args, echo, partial(_listen_setup, args), _turn)
    voice = _voice(args)
    printer = TurnPrinter(args, voice)
    interactive = args.script is None and sys.stdin.isatty()
    if interactive:
        screen = " with a screen" if args.screen else ""
        print(
            f"A virtual Echo{screen}, talking to '{echo.invocation_name}'. "
            "Type what you would say; /help for more, quit or Ctrl-D to leave.",
            file=sys.stderr,
        )
    utterances = _utterances(args.script, interactive, prompt_on_stderr=args.json)
    failures = _turn(printer, echo.launch)  # the conversation opens as "open <invocation name>"
    for line in utterances:
        word = line.strip().lower()
        if word in LEAVE_WORDS:
            break
        if not interactive:
            printer.said("(a new conversation)" if word in NEW_CONVERSATION else line)
        if word in NEW_CONVERSATION:
            echo.leave()
            failures += _turn(printer, echo.launch)
        elif word == "/help":
            print(CHAT_HELP, file=sys.stderr)
        elif word == "/screen":
            printer.show_screen(echo)
        elif word.startswith("/tap"):
            failures += _turn(printer, partial(echo.tap, line.strip()[4:].strip()))
        elif word.startswith("/"):
            print(f"unknown command {line.split()[0]!r}; /help lists them", file=sys.stderr)
        else:
            failures += _turn(printer, partial(echo.hear, line))
    echo.leave()
    return 1 if failures else 0


def _read_lines(path: Path) -> list[str]:
    """A script's or text file's lines, without blanks and `#` comments."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as error:
        raise CommandError(f"cannot read {path}: {error.strerror}") from error
    return [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]


def _utterances(script: Path | None, interactive: bool, prompt_on_stderr: bool) -> Iterator[str]:
    """What the user says: a script, read now (so a missing one fails before anything is sent),
    or lines from the keyboard or a pipe, read as they come."""
    if script is not None:
        return iter(_read_lines(script))
    return _typed_lines(interactive, prompt_on_stderr)


def _typed_lines(interactive: bool, prompt_on_stderr: bool) -> Iterator[str]:
    if interactive:
        with contextlib.suppress(ImportError):
            import readline  # noqa: F401  (line editing and history for input())
    while True:
        try:
            if interactive and not prompt_on_stderr:
                line = input("you:    ")
            else:
                if interactive:
                    print("you:    ", end="", file=sys.stderr, flush=True)
                line = sys.stdin.readline()
                if not line:
                    raise EOFError
        except EOFError:
            if interactive:
                print(file=sys.stderr)
            return
        if line.strip() and not line.lstrip().startswith("#"):
            yield line.strip()


def _turn(printer: TurnPrinter, act: Any) -> int:
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


# ---- say -----------------------------------------------------------------------------------


def say(args: argparse.Namespace) -> int:
    if args.voice == "list":
        return _list_voices()
    texts = list(args.texts)
    if args.file is not None:
        texts += _read_lines(args.file)
    if not texts:
        raise CommandError("nothing to say: give TEXT or --file FILE")
    echo = _device(args)
    printer = TurnPrinter(args, _voice(args))
    failures = 0
    for text in texts:
        printer.said(text)
        failures += _turn(printer, partial(echo.ask, text))
        # Nobody answers a one-shot: after its reprompt, Alexa closes the session like this.
        echo.leave("EXCEEDED_MAX_REPROMPTS")
    return 1 if failures else 0


# ---- hear ----------------------------------------------------------------------------------


def hear(args: argparse.Namespace) -> int:
    from echo_sim.hearing import HearingUnavailable, pcm_from_wav, recogniser_for
    from echo_sim.target import default_model_path

    if args.voice == "list":
        return _list_voices()
    if not args.files and not args.rebuild:
        raise CommandError("give one or more FILE.wav (or --rebuild)")
    recordings = []
    for path in args.files:  # all read first, so a bad file fails before anything is sent
        try:
            recordings.append((path, pcm_from_wav(path.read_bytes())))
        except OSError as error:
            raise CommandError(f"cannot read {path}: {error.strerror}") from error
        except ValueError as error:
            raise CommandError(f"{path}: {error}") from error
    echo = _device(args)
    try:
        recogniser = recogniser_for(args.model or default_model_path(), rebuild=args.rebuild)
    except HearingUnavailable as error:
        raise CommandError(str(error)) from error
    _tell_pack_notice(recogniser)
    if not recordings:
        print("hearing: the language pack is rebuilt", file=sys.stderr)
        return 0
    printer = TurnPrinter(args, _voice(args))
    failures = 0
    for path, pcm in recordings:
        heard = recogniser.recognise(pcm)
        printer.heard(heard, source=path.name)
        echo.leave()
        failures += _turn(printer, partial(echo.hear_speech, heard))
        echo.leave("EXCEEDED_MAX_REPROMPTS")  # as `say`: nobody answers a one-shot's reprompt
    return 1 if failures else 0


def _listen_setup(args: argparse.Namespace) -> tuple[Any, TurnPrinter]:
    """The recogniser and the printer for `chat --listen`, or one line saying what's missing."""
    from echo_sim.hearing import HearingUnavailable, recogniser_for
    from echo_sim.target import default_model_path

    try:
        recogniser = recogniser_for(args.model or default_model_path())
    except HearingUnavailable as error:
        raise CommandError(str(error)) from error
    _tell_pack_notice(recogniser)
    return recogniser, TurnPrinter(args, _voice(args))


def _tell_pack_notice(recogniser: Any) -> None:
    """The language pack's one line (words it can't hear, and why), once, on stderr."""
    from echo_sim.hearing.engines import pack_notice

    notice = pack_notice(recogniser)
    if notice:
        print(notice, file=sys.stderr)


# ---- test ----------------------------------------------------------------------------------


def run_tests(args: argparse.Namespace) -> int:
    files = transcript.transcript_files(args.paths)
    if not files:
        searched = " ".join(map(str, args.paths))
        raise CommandError(f"no transcripts (*.yaml) found in {searched}", exit_code=1)
    try:
        load_matcher(args.model)
        load_responder(args.skill)
    except (OSError, ValueError, TypeError) as error:
        raise CommandError(str(error)) from error
    results = []
    for path in files:
        result = transcript.run_transcript(path, model=args.model, skill=args.skill)
        results.append(result)
        if not result.passed or args.verbose:
            print(result.report(), flush=True)
    print(transcript.summary(results))
    return 0 if all(result.passed for result in results) else 1


# ---- audition ------------------------------------------------------------------------------


def audition(args: argparse.Namespace) -> int:
    from echo_sim import audition as audition_module

    if args.voice == "list":
        return _list_voices()
    return audition_module.run(args)
