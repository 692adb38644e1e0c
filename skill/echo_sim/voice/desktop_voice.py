"""The device's voice: SSML replies spoken or saved as wav through pyttsx3 (espeak-ng on Linux)."""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from echo_sim.errors import DeviceError
from echo_sim.voice import ssml_text, wav

DEFAULT_RATE = 175
"""Words per minute: espeak-ng's own default, nearer an Echo's pace than pyttsx3's 200."""
FINISH_TIMEOUT_S = 60.0
STEADY_S = 1.0
"""A wav file that has not grown for this long is all the engine will write."""
RENDER_ATTEMPTS = 3
"""An empty wav is rendered again (see `Synthesiser.render`); it has never been seen twice."""


class VoiceUnavailable(DeviceError, RuntimeError):
    """No speech engine: the reason is one line a user can act on."""


class UnknownVoice(DeviceError, ValueError):
    """`--voice` names a voice the engine does not have."""


@dataclass(frozen=True)
class VoiceInfo:
    """One voice the engine offers."""

    id: str
    name: str
    languages: tuple[str, ...]


class _Engine:
    """The process's one pyttsx3 engine (espeak-ng can be initialised only once per process)."""

    _shared: _Engine | None = None

    def __init__(self, engine: Any) -> None:
        self.engine = engine  # a strong reference: pyttsx3 itself only keeps a weak one
        self.finished = threading.Event()
        self.errors: list[BaseException] = []
        engine.connect("finished-utterance", self._on_finished)
        engine.connect("error", self._on_error)
        # pyttsx3 queues every command until its first run; one empty run makes property
        # changes take effect when they are made, so `settle` below can wait for them.
        with contextlib.redirect_stdout(io.StringIO()):
            engine.runAndWait()

    def settle(self) -> None:
        """Wait until property changes have reached the synthesiser.

        In pyttsx3's espeak driver espeak-ng runs asynchronously: a rate change is queued
        while a voice change is immediate, and without this wait a rate set around a voice
        change is sometimes lost (replies come out at the previous rate).
        """
        if str(self.engine) == "espeak":
            from pyttsx3.drivers import _espeak

            _espeak.Synchronize()

    @classmethod
    def get(cls) -> _Engine:
        if cls._shared is None:
            try:
                import pyttsx3

                cls._shared = cls(pyttsx3.init())
            except Exception as error:  # pyttsx3 raises whatever its driver's loader raised
                raise VoiceUnavailable(_no_engine_reason(error)) from error
        return cls._shared

    def _on_finished(self, name: str | None = None, completed: bool = True) -> None:
        self.finished.set()

    def _on_error(self, name: str | None = None, exception: BaseException | None = None) -> None:
        self.errors.append(exception or RuntimeError("speech engine error"))

    def run(self, queue: Callable[[], None], timeout: float) -> None:
        """Queue commands, run the engine, and wait for its 'finished-utterance' event."""
        self.finished.clear()
        self.errors.clear()
        # The espeak driver prints "Audio saved to ..." on stdout, possibly after runAndWait has
        # returned (the first synthesis in a process can finish on espeak's own thread), so
        # stdout stays redirected until the finished event, never corrupting `--json` output.
        with contextlib.redirect_stdout(io.StringIO()):
            queue()
            self.engine.runAndWait()
            finished = self.finished.wait(timeout)
        if self.errors:
            raise RuntimeError(f"the speech engine failed: {self.errors[0]}")
        if not finished:
            raise RuntimeError(f"the speech engine did not finish within {timeout:.0f}s")


class Synthesiser:
    """Renders text to wav files with a chosen voice and rate, returning only when each is done.

    pyttsx3 2.99's espeak driver synthesises inside a C callback, prints "Audio saved to ..." on
    stdout, reports errors only as 'error' events, and on Linux plays replies by running `aplay`
    from that callback (silently failing where there is none). So we only ask it for files through
    its public API (`save_to_file`, `runAndWait`, the 'finished-utterance' event), wait for the
    wav to be complete, read it, and play files ourselves.
    """

    def __init__(self, voice: str | None = None, rate: int | None = None, locale: str = "en-GB"):
        self._engine = _Engine.get()
        self.voices = self._list_voices()
        self.voice = self._choose_voice(voice, locale)
        self.rate = rate or DEFAULT_RATE

    def _list_voices(self) -> tuple[VoiceInfo, ...]:
        voices = self._engine.engine.getProperty("voices") or []
        return tuple(
            VoiceInfo(str(v.id), str(v.name), tuple(str(lang) for lang in (v.languages or ())))
            for v in voices
        )

    def _choose_voice(self, wanted: str | None, locale: str) -> VoiceInfo:
        if wanted:
            found = find_voice(self.voices, wanted)
            if found is None:
                raise UnknownVoice(
                    f"no voice called {wanted!r}; 'chat --voice list' shows them all"
                )
            return found
        # Default to the skill's own accent (en-GB -> British English) when the engine has it.
        return (
            find_voice(self.voices, locale)
            or find_voice(self.voices, locale[:2])
            or VoiceInfo(str(self._engine.engine.getProperty("voice")), "default", ())
        )

    def _settings(self) -> None:
        # Set on every call, as the engine is shared between synthesisers.
        self._engine.engine.setProperty("voice", self.voice.id)
        self._engine.settle()
        self._engine.engine.setProperty("rate", self.rate)
        self._engine.settle()

    def render(self, text: str, path: Path, timeout: float = FINISH_TIMEOUT_S) -> None:
        """Synthesise `text` to the wav file `path`, returning once the file is complete."""

        def queue() -> None:
            self._settings()
            self._engine.engine.save_to_file(text, str(path))

        for _ in range(RENDER_ATTEMPTS):
            path.unlink(missing_ok=True)
            self._engine.run(queue, timeout)
            if self._await_audio(path, timeout):
                return
            # espeak-ng now and then reports the end of a message just as the next one starts;
            # the driver takes it for the end of this phrase, saves an empty wav and ignores
            # the phrase's audio. Let that synthesis run out, then render the phrase again.
            self._engine.settle()
        raise RuntimeError(f"the speech engine wrote no audio to {path}")

    @staticmethod
    def _await_audio(path: Path, timeout: float) -> bool:
        """Wait for the engine's wav to be complete; False when it holds no audio at all."""
        # The file may still be being written; a file that stops growing but is still no
        # complete wav (macOS's driver writes AIFF) is an error, not something to wait for.
        deadline = time.monotonic() + timeout
        size, steady_since = -1, time.monotonic()
        while not wav.is_complete(path):
            now = time.monotonic()
            current = path.stat().st_size if path.exists() else -1
            if current != size:
                size, steady_since = current, now
            elif current >= 0 and now - steady_since > STEADY_S:
                if wav.is_empty(path):
                    return False
                raise RuntimeError(f"the speech engine wrote {path}, but not as a wav file")
            if now > deadline:
                raise RuntimeError(f"the speech engine did not write {path}")
            time.sleep(0.02)
        return True

    def speak_natively(self, text: str, timeout: float = FINISH_TIMEOUT_S) -> None:
        """Let the engine's own driver play `text` (macOS, Windows)."""

        def queue() -> None:
            self._settings()
            self._engine.engine.say(text)

        self._engine.run(queue, timeout)


def find_voice(voices: tuple[VoiceInfo, ...], wanted: str) -> VoiceInfo | None:
    """A voice by id ("gmw/en-gb-x-rp"), short id ("en-gb-x-rp"), language or name."""
    key = wanted.strip().lower()
    for voice in voices:
        names = {voice.id.lower(), voice.id.lower().rpartition("/")[2], voice.name.lower()}
        if key in names or key in (lang.lower() for lang in voice.languages):
            return voice
    return None


def _no_engine_reason(error: BaseException) -> str:
    if sys.platform.startswith("linux") and shutil.which("espeak-ng") is None:
        return "espeak-ng is not installed (try: sudo apt install espeak-ng)"
    return f"the speech engine could not start ({error})"


@dataclass(frozen=True)
class Player:
    """A program that plays a wav file on this computer's sound output."""

    command: tuple[str, ...]

    def play(self, path: Path) -> None:
        subprocess.run(
            [*self.command, str(path)],
            check=False,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )


_SERVER_PLAYERS = (("pw-play",), ("paplay",), ("aplay", "-q"), ("play", "-q"))
_ALSA_PLAYERS = (("aplay", "-q"), ("play", "-q"))


def find_player(
    env: Mapping[str, str] | None = None,
    dev_snd: Path = Path("/dev/snd"),
    which: Callable[[str], str | None] = shutil.which,
    platform: str = sys.platform,
) -> Player | str:
    """The way to play sound here, or one line saying why there is none."""
    if platform == "darwin":
        return Player(("afplay",))
    if not platform.startswith("linux"):
        return Player(())  # Windows: pyttsx3's own driver plays (see DesktopVoice.speak)
    env = os.environ if env is None else env
    runtime = Path(env.get("XDG_RUNTIME_DIR", "/nonexistent"))
    has_server = bool(env.get("PULSE_SERVER")) or any(
        (runtime / name).exists() for name in ("pulse/native", "pipewire-0")
    )
    has_alsa_device = dev_snd.is_dir() and any(dev_snd.glob("pcmC*D*p"))
    if not (has_server or has_alsa_device):
        return "no audio output device found"
    for command in _SERVER_PLAYERS if has_server else _ALSA_PLAYERS:
        if which(command[0]):
            return Player(command)
    return "no program to play sound was found (install alsa-utils, pulseaudio-utils or sox)"


class DesktopVoice:
    """Speaks replies and saves them as wav; whatever is missing, it says so once and carries on.

    `<break>`s become real silence: each phrase is rendered on its own and the pauses are
    inserted between them, in the played sound and in saved files alike.
    """

    def __init__(
        self,
        *,
        speak: bool = True,
        voice: str | None = None,
        rate: int | None = None,
        locale: str = "en-GB",
        player: Player | str | None = None,
        synthesiser: Synthesiser | str | None = None,
    ) -> None:
        """`player` and `synthesiser` default to what this computer has; a string in their place
        says why there is none."""
        if synthesiser is None:
            try:
                synthesiser = Synthesiser(voice=voice, rate=rate, locale=locale)
            except VoiceUnavailable as error:
                synthesiser = str(error)
        self._synthesiser = synthesiser if isinstance(synthesiser, Synthesiser) else None
        self._engine_problem = synthesiser if isinstance(synthesiser, str) else None
        found = (find_player() if player is None else player) if speak else None
        self._player = found if isinstance(found, Player) else None
        self.problem: str | None = None
        """Why replies cannot be heard, or None (also None when muted)."""
        if speak:
            self.problem = self._engine_problem or (found if isinstance(found, str) else None)

    @property
    def can_save(self) -> bool:
        return self._synthesiser is not None

    @property
    def can_speak(self) -> bool:
        return self._synthesiser is not None and self._player is not None

    @property
    def synthesiser(self) -> Synthesiser | None:
        return self._synthesiser

    def explain(self, saving_to: Path | None = None) -> str | None:
        """The one line a user sees on stderr when there will be no sound, or None."""
        if self._engine_problem is not None and (saving_to is not None or self.problem):
            return f"{self._engine_problem}; replies are shown as text and no wav is written."
        if self.problem is None:
            return None
        if saving_to is not None:
            return f"{self.problem}; replies are shown as text (wav files go to {saving_to})."
        return (
            f"{self.problem}; replies are shown as text. "
            "Use --save-audio DIR to write wav files."
        )

    def save(self, ssml: str, path: Path) -> bool:
        """Write the reply as one wav; False when there is nothing to say or no engine."""
        spoken = ssml_text.parse(ssml)
        if self._synthesiser is None or not spoken.spoken:
            return False
        wav.write(path, self._render(spoken))
        return True

    def speak(self, ssml: str) -> None:
        if not self.can_speak:
            return
        spoken = ssml_text.parse(ssml)
        if not spoken.spoken:
            return
        assert self._synthesiser is not None and self._player is not None
        if not self._player.command:
            self._synthesiser.speak_natively(spoken.spoken)
            return
        with tempfile.TemporaryDirectory(prefix="echo-sim-voice-") as folder:
            reply = Path(folder) / "reply.wav"
            wav.write(reply, self._render(spoken))
            self._player.play(reply)

    def _render(self, spoken: ssml_text.SpokenText) -> wav.Clip:
        assert self._synthesiser is not None
        parts: list[tuple[wav.Clip, int]] = []
        with tempfile.TemporaryDirectory(prefix="echo-sim-voice-") as folder:
            for number, phrase in enumerate(spoken.phrases):
                words = ssml_text.tidy(phrase.spoken)
                if not words:
                    continue
                path = Path(folder) / f"phrase-{number}.wav"
                self._synthesiser.render(words, path)
                parts.append((wav.read(path), phrase.pause_ms))
        if parts:  # no trailing silence after the last words
            parts[-1] = (parts[-1][0], 0)
        return wav.join(parts)
