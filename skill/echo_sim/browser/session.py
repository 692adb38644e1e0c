"""The console's one virtual Echo: the actions the page can take, and every turn kept for it."""

from __future__ import annotations

import json
import logging
import tempfile
import threading
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import yaml

from echo_sim.browser.apl_preview import render
from echo_sim.browser.changes import Changes
from echo_sim.browser.live_listening import LiveListening
from echo_sim.browser.profiles import PROFILES
from echo_sim.browser.raw_requests import (
    TEMPLATES,
    RawRequests,
    parse_envelope,
    request_name,
    session_id,
)
from echo_sim.browser.saved_transcript import transcript_step
from echo_sim.browser.session_attributes import describe_attributes
from echo_sim.browser.spoken_input import Hearing
from echo_sim.device import (
    RENDER_DOCUMENT,
    DeviceProfile,
    Exchange,
    NoSuchTarget,
    TranscriptError,
    VirtualEcho,
    check_turn,
    parse_transcript,
    read_response,
)
from echo_sim.errors import ConsoleError, SkillFailed
from echo_sim.voice import DesktopVoice

log = logging.getLogger(__name__)
MAX_TURNS = 300
"""Older turns are dropped (with their audio) so a long session cannot fill the memory."""
MAX_SAID = 500
"""The most characters one typed utterance may have (the page says so as you type)."""


@dataclass
class ConsoleTurn:
    """One turn as the page shows it, with the transcript step that would repeat it."""

    number: int
    action: str
    """'launch', 'say', 'hear', 'tap', 'end' (the user ended the session), 'silence' or 'raw'
    (a request envelope the user wrote)."""
    said: str
    result: Exchange | None
    step: dict[str, Any]
    heard: tuple[str, float] | None = None
    """For spoken turns: what the recogniser heard, and how sure it was."""
    verdict: tuple[str, ...] | None = None
    """Set when the turn was replayed from a transcript: its problems (empty when it passed)."""
    audio: bytes | None = field(default=None, repr=False)


EchoFactory = Callable[[DeviceProfile], VirtualEcho]


class ConsoleSession:
    """What the page talks to. One lock serialises the page's requests: one Echo, one user."""

    def __init__(
        self,
        make_echo: EchoFactory,
        *,
        raw: RawRequests,
        voice: Callable[[], DesktopVoice | None] | None = None,
        hearing: Hearing | None = None,
        varied_lines: Iterable[str] = (),
        profile: str = "show8",
    ) -> None:
        self._make_echo = make_echo
        self.raw = raw
        self.changes = Changes()
        """Bumped on every change, so every open tab can catch up."""
        self._listening: LiveListening | None = None
        self._streams = 0
        self._lock = threading.RLock()
        self._voice_factory = voice
        self._voice: DesktopVoice | None = None
        self._voice_problem: str | None = None
        self._voice_ready = voice is None
        if voice is None:
            self._voice_problem = "the console was started without a voice"
        self.hearing = hearing or Hearing.unavailable("spoken input was not set up")
        self._varied = tuple(varied_lines)
        self.profile = PROFILES[profile]
        self.echo = make_echo(self.profile.device)
        self.turns: list[ConsoleTurn] = []
        self._numbers = 0
        self._screen_directive: Mapping[str, Any] | None = None

    # ---- actions ----------------------------------------------------------------------------

    def launch(self) -> ConsoleTurn:
        """ "Alexa, open ...": an open session ends first, and the page shows that request too."""
        with self._lock:
            self.end_session()
            said = "open " + self.echo.invocation_name
            return self._run("launch", said, self.echo.launch, {"launch": True})

    def say(self, text: str) -> ConsoleTurn:
        words = " ".join(text.split())
        if not words:
            raise ConsoleError("type something to say first")
        if len(words) > MAX_SAID:
            raise ConsoleError(
                f"that is too long for one utterance ({len(words)} characters; "
                f"{MAX_SAID} at most): nothing was sent"
            )
        with self._lock:
            return self._run("say", words, lambda: self.echo.hear(words), {"say": words})

    def tap(self, arguments: Any) -> ConsoleTurn:
        """A touch on the screen preview: the target whose SendEvent arguments these are."""
        if not isinstance(arguments, list):
            raise ConsoleError("a touch needs the button's arguments as a list")
        with self._lock:
            screen = self.echo.screen
            if screen is None or not screen.targets:
                raise ConsoleError("there is nothing to touch on the screen now")
            for number, target in enumerate(screen.targets, start=1):
                if _same_json(list(target.arguments), arguments):
                    return self._touch(str(number), target.label)
            raise ConsoleError("that button is not on the current screen (it may have changed)")

    def _touch(self, choice: str, label: str) -> ConsoleTurn:
        return self._run("tap", f"touched {label}", lambda: self.echo.tap(choice), {"tap": label})

    def hear(self, wav_bytes: bytes) -> ConsoleTurn:
        """A recording from the page's microphone, through the device's offline recogniser."""
        with self._lock:
            return self._heard(self.hearing.recognise(wav_bytes))

    def listen(self) -> int:
        """Hands-free talk begins: the number of a new audio stream (any older one is dropped:
        one Echo, one microphone)."""
        with self._lock:
            segmenter = self.hearing.segmenter()
            self._streams += 1
            self._listening = LiveListening(self._streams, segmenter)
            return self._streams

    def listen_more(self, stream: int, wav_bytes: bytes) -> str:
        """More audio for a stream: 'waiting' (no speech yet), 'speech', 'ended' (the
        endpointer found the end of speech, and the turn is taken) or 'nothing' (it gave up)."""
        with self._lock:
            listening = self._stream(stream)
            step = listening.feed(self.hearing.pcm(wav_bytes))
            return self._after_listening(step.progress, step.utterance)

    def listen_end(self, stream: int) -> str:
        """Stop pressed during hands-free talk: the speech so far is the turn."""
        with self._lock:
            step = self._stream(stream).end()
            return self._after_listening(step.progress, step.utterance)

    def _stream(self, number: int) -> LiveListening:
        if self._listening is None or self._listening.number != number:
            raise ConsoleError("that microphone stream has ended; press Talk again")
        return self._listening

    def _after_listening(self, progress: str, utterance: bytes | None) -> str:
        if progress in ("ended", "nothing"):
            self._listening = None
        if utterance:
            self._heard(self.hearing.recognise_pcm(utterance))
        return progress

    def _heard(self, heard: Any) -> ConsoleTurn:
        echo: Any = self.echo
        turn = self._run("hear", heard.text, lambda: echo.hear_speech(heard), {})
        turn.heard = (heard.text, float(heard.confidence))
        if heard.text.strip():
            turn.step = {"say": heard.text}
        return turn

    def raw_template(self, key: str) -> str:
        """Template `key` as the editor shows it, in the device's open session."""
        with self._lock:
            screen = self.echo.screen
            touch = None
            if screen is not None and screen.targets:
                touch = (screen.token, list(screen.targets[0].arguments))
            envelope = self.raw.template(key, self.profile.device, self.echo.session, touch)
            return json.dumps(envelope, indent=2)

    def send_raw(self, text: str) -> ConsoleTurn:
        """An edited envelope, sent to the skill as written. It carries on the device's session
        only when it names that session's id: otherwise, as with the Alexa developer console's
        Manual JSON, the device's own session is left as it was."""
        envelope = parse_envelope(text)
        name = request_name(envelope)
        with self._lock:
            return self._run("raw", f"sent a raw {name}", lambda: self._send_raw(envelope), {})

    def _send_raw(self, envelope: dict[str, Any]) -> Exchange:
        echo = self.echo
        response = self.raw.responder(envelope)
        turn = read_response(
            response or {},
            intent=request_name(envelope),
            request=envelope,
            screen_device=self.profile.device.screen,
        )
        session = echo.session
        if session is not None and session_id(envelope) == session.session_id:
            if turn.end_session or envelope["request"]["type"] == "SessionEndedRequest":
                echo.session = None
            else:
                session.new = False
                attributes = (response or {}).get("sessionAttributes")
                session.attributes = dict(attributes) if isinstance(attributes, Mapping) else {}
        if self.profile.device.screen:
            if turn.screen is not None:
                echo.screen = turn.screen
            elif echo.session is None and turn.end_session:
                echo.screen = None
        return turn

    def end_session(self) -> ConsoleTurn | None:
        """The user walks away: a SessionEndedRequest when a session is open, else nothing."""
        with self._lock:
            if not self.echo.in_session:
                self._screen_directive = None
                self.echo.screen = None
                return None
            return self._run("end", "(ended the session)", self.echo.leave, {"new_session": True})

    def stay_silent(self) -> ConsoleTurn:
        """Nobody answers: Alexa says the reprompt, waits again, then ends the session with
        EXCEEDED_MAX_REPROMPTS (the reprompt itself never reaches the skill)."""
        with self._lock:
            if not self.echo.in_session:
                raise ConsoleError("no session is open, so there is nothing to stay silent to")
            return self._run(
                "silence",
                "(said nothing)",
                lambda: self.echo.leave("EXCEEDED_MAX_REPROMPTS"),
                {"new_session": True},
            )

    def set_profile(self, key: str) -> None:
        """Be another device: as with a real one, that is a new session on a new Echo."""
        if key not in PROFILES:
            raise ConsoleError(f"no device profile {key!r}; choose one of {', '.join(PROFILES)}")
        with self._lock:
            if key == self.profile.key:
                return
            self.end_session()
            self.profile = PROFILES[key]
            self.echo = self._make_echo(self.profile.device)
            self._screen_directive = None
            self.changes.bump()

    def clear(self) -> None:
        """Forget the conversation shown (ending any open session first)."""
        with self._lock:
            self.end_session()
            self.turns.clear()
            self.changes.bump()

    # ---- what the page shows -----------------------------------------------------------------

    def state(self) -> dict[str, Any]:
        with self._lock:
            return {
                "version": self.changes.version,
                "profile": self.profile.key,
                "profiles": [{"key": p.key, "label": p.label} for p in PROFILES.values()],
                "in_session": self.echo.in_session,
                "invocation": self.echo.invocation_name,
                "turns": [self._turn_json(turn) for turn in self.turns],
                "screen": self._screen_json(),
                "voice": {"available": self._voice_available(), "reason": self._voice_problem},
                "hearing": {
                    "available": self.hearing.available,
                    "reason": self.hearing.reason,
                },
                "templates": [{"key": key, "label": label} for key, label in TEMPLATES.items()],
                "max_said": MAX_SAID,
            }

    def audio(self, number: int) -> bytes:
        """The reply of turn `number` as the device's voice says it (a wav), made on first ask."""
        with self._lock:
            turn = next((t for t in self.turns if t.number == number), None)
            if turn is None or turn.result is None:
                raise LookupError(f"there is no turn {number}")
            if turn.audio is None:
                voice = self._voice_now()
                if voice is None:
                    raise ConsoleError(f"no audio: {self._voice_problem}")
                with tempfile.TemporaryDirectory(prefix="echo-sim-console-") as folder:
                    path = Path(folder) / "reply.wav"
                    if not voice.save(turn.result.ssml, path):
                        raise ConsoleError("this reply says nothing, so there is no audio")
                    turn.audio = path.read_bytes()
            return turn.audio

    def transcript_yaml(self) -> str:
        """The conversation so far as a `test` transcript."""
        with self._lock:
            steps = [
                transcript_step(turn.step, turn.result, self._varied)
                for turn in self.turns
                if turn.step
            ]
            if not steps or all("new_session" in step for step in steps):
                raise ConsoleError("there is nothing to save yet: say something first")
            document = {
                "name": "saved from the console " + datetime.now(UTC).strftime("%Y-%m-%d %H:%M"),
                "device": "screen" if self.profile.device.screen else "voice",
                "turns": steps,
            }
            return yaml.safe_dump(document, sort_keys=False, allow_unicode=True, width=100)

    def replay(self, text: str, source: str = "the transcript") -> dict[str, Any]:
        """Run a transcript turn by turn in this console, marking each turn passed or failed."""
        try:
            name, steps, device = parse_transcript(text, source)
        except TranscriptError as error:
            raise ConsoleError(f"{source}: {error}") from error
        with self._lock:
            self.clear()
            if device.screen and not self.profile.device.screen:
                self.set_profile("show8")
            elif not device.screen:
                self.set_profile("voice")
            passed = failed = 0
            for step in steps:
                problems = self._replay_step(step)
                if problems is None:
                    continue
                passed += not problems
                failed += bool(problems)
            return {"name": name, "passed": passed, "failed": failed}

    # ---- inside ----------------------------------------------------------------------------------

    def _replay_step(self, step: Mapping[str, Any]) -> tuple[str, ...] | None:
        try:
            if "say" in step:
                turn: ConsoleTurn | None = self.say(str(step["say"]))
            elif "tap" in step:
                turn = self._touch(str(step["tap"]), str(step["tap"]))
            elif "launch" in step:
                turn = self.launch()
            else:
                self.end_session()
                return None
        except (ConsoleError, SkillFailed, NoSuchTarget) as error:
            turn = self._record("say" if "say" in step else "tap", _describe(step), None, {})
            turn.verdict = (str(error),)
            return turn.verdict
        assert turn is not None and turn.result is not None
        turn.verdict = tuple(check_turn(step.get("expect") or {}, turn.result))
        return turn.verdict

    def _run(
        self, action: str, said: str, act: Callable[[], Exchange | None], step: dict[str, Any]
    ) -> ConsoleTurn:
        try:
            result = act()
        except (NoSuchTarget, ConsoleError):
            raise
        except Exception as error:
            # The details go to the terminal the console runs in; the page gets one line.
            log.exception("the skill failed on a %s request", action)
            raise SkillFailed(
                "the skill failed on this request (an Echo would say: There was a problem with "
                f"the requested skill's response): {type(error).__name__}: {error}"
            ) from error
        if result is not None and self.profile.device.screen:
            renders = [d for d in result.directives if d.get("type") == RENDER_DOCUMENT]
            if renders:
                self._screen_directive = renders[-1]
        if self.echo.screen is None:
            self._screen_directive = None
        return self._record(action, said, result, step)

    def _record(
        self, action: str, said: str, result: Exchange | None, step: dict[str, Any]
    ) -> ConsoleTurn:
        self._numbers += 1
        turn = ConsoleTurn(self._numbers, action, said, result, step)
        self.turns.append(turn)
        del self.turns[:-MAX_TURNS]
        self.changes.bump()
        return turn

    def _voice_now(self) -> DesktopVoice | None:
        # pyttsx3 takes a moment to start; the first play button pays for it, not start-up.
        if not self._voice_ready and self._voice_factory is not None:
            self._voice_ready = True
            try:
                self._voice = self._voice_factory()
            except Exception as error:
                self._voice_problem = f"the voice could not start ({error})"
            else:
                if self._voice is None or not self._voice.can_save:
                    self._voice_problem = (
                        self._voice.explain(Path(".")) if self._voice else "no voice"
                    ) or "the speech engine is unavailable"
                    self._voice = None
        return self._voice

    def _voice_available(self) -> bool:
        return self._voice_problem is None

    def _turn_json(self, turn: ConsoleTurn) -> dict[str, Any]:
        shown: dict[str, Any] = {
            "number": turn.number,
            "action": turn.action,
            "said": turn.said,
            "heard": turn.heard and {"text": turn.heard[0], "confidence": round(turn.heard[1], 3)},
            "verdict": None if turn.verdict is None else {"problems": list(turn.verdict)},
        }
        result = turn.result
        if result is None:
            return shown
        card = result.card
        attributes = result.response.get("sessionAttributes")
        attributes = dict(attributes) if isinstance(attributes, Mapping) else {}
        shown.update(
            intent=result.intent,
            slots=[
                {
                    "name": slot.name or name,
                    "value": slot.value,
                    "id": slot.resolved_id,
                }
                for name, slot in result.slots.items()
                if slot.value is not None
            ],
            confidence=round(result.confidence, 3),
            speech=result.speech,
            reprompt=result.reprompt,
            card=card and {"title": card.title, "text": card.text},
            end_session=result.end_session,
            notes=list(result.notes),
            request=result.request,
            response=result.response,
            name_free=result.name_free and result.name_free.to_json(),
            attributes=attributes,
            state=describe_attributes(attributes, result.end_session),
            has_audio=bool(result.ssml) and self._voice_available(),
        )
        return shown

    def _screen_json(self) -> dict[str, Any] | None:
        viewport = self.profile.viewport
        if viewport is None:
            return None
        size = {"width": viewport.width, "height": viewport.height, "label": viewport.name}
        if self._screen_directive is None:
            return {**size, "html": None, "notes": []}
        preview = render(self._screen_directive, viewport)
        return {**size, "html": preview.html, "notes": list(preview.notes)}


def _describe(step: Mapping[str, Any]) -> str:
    if "say" in step:
        return str(step["say"])
    return f"touched {step.get('tap')}"


def _same_json(a: Any, b: Any) -> bool:
    return json.dumps(a, sort_keys=True) == json.dumps(b, sort_keys=True)
