"""A virtual Echo: turns what the user says into request envelopes and keeps the session."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace
from datetime import datetime
from typing import TYPE_CHECKING, Any, Literal, Protocol

from echo_sim.device.envelope import VOICE_ONLY, DeviceProfile, EnvelopeFactory, Session
from echo_sim.device.exchange import Exchange, NameFree, read_response
from echo_sim.device.screen_view import ScreenView
from echo_sim.device.skill_and_model import Responder
from echo_sim.errors import DeviceError
from echo_sim.understanding import FALLBACK_INTENT, IntentMatch, SlotValue, normalise

if TYPE_CHECKING:
    from echo_sim.hearing import Heard
    from echo_sim.understanding import Ingress, Invocation

USER_EVENT = "Alexa.Presentation.APL.UserEvent"
WAKE_WORD = "alexa"
CANNOT_HELP = "Sorry, I don't know that one."
"""What Alexa itself says when no skill can take words said without a skill's name."""
WILL_FULFIL = frozenset({"YES", "MAYBE"})
"""CanFulfillIntentRequest answers after which Alexa may send the skill the request."""
SessionEndReason = Literal["USER_INITIATED", "EXCEEDED_MAX_REPROMPTS", "ERROR"]


class IntentMatcher(Protocol):
    """What the device needs from `echo_sim.understanding.matcher.Matcher`."""

    invocation_name: str

    def match(self, utterance: str) -> IntentMatch: ...

    def invocation(self, utterance: str) -> Invocation: ...

    def ingress(self, utterance: str) -> Ingress | None: ...


def says_wake_word(utterance: str) -> bool:
    """True for words that begin with the wake word ("alexa, how tall is a giraffe")."""
    return normalise(utterance)[:1] == (WAKE_WORD,)


def can_fulfill_answer(response: Mapping[str, Any]) -> str:
    """A CanFulfillIntentRequest response's canFulfill ("" when it has none)."""
    answer = ((response.get("response") or {}).get("canFulfillIntent") or {}).get("canFulfill")
    return answer if isinstance(answer, str) else ""


class NoSuchTarget(DeviceError, LookupError):
    """A /tap that names nothing on the current screen."""


class VirtualEcho:
    """One Echo talking to one skill, session by session, as Alexa would.

    - A session starts with the first request after the last one ended; only that first
      request says `session.new`.
    - Session attributes from each response's `sessionAttributes` go into the next request.
    - The session ends when a response says so (Alexa then sends the skill nothing more), or
      when the user leaves mid-session (Alexa sends a SessionEndedRequest).
    """

    def __init__(
        self,
        responder: Responder,
        matcher: IntentMatcher,
        *,
        profile: DeviceProfile = VOICE_ONLY,
        locale: str = "en-GB",
        clock: Callable[[], datetime] | None = None,
    ) -> None:
        self._respond = responder
        self._matcher = matcher
        self.profile = profile
        self._envelopes = (
            EnvelopeFactory(locale, profile)
            if clock is None
            else EnvelopeFactory(locale, profile, clock=clock)
        )
        self.session: Session | None = None
        """The open session, or None between sessions."""
        self.screen: ScreenView | None = None
        """What a screen device shows now."""

    @property
    def invocation_name(self) -> str:
        return self._matcher.invocation_name

    @property
    def in_session(self) -> bool:
        return self.session is not None

    def launch(self) -> Exchange:
        """ "Alexa, open <invocation name>": ends any open session and starts a new one."""
        self.leave()
        session = self._start()
        return self._send(
            self._envelopes.launch(session),
            intent="LaunchRequest",
            utterance=f"open {self.invocation_name}",
        )

    def hear(self, utterance: str) -> Exchange:
        """The user says `utterance`: inside a session it goes to the skill's intents; outside
        one it must invoke the skill, and words that don't are sent as "ask <name> <words>",
        except when they start with the wake word: then they go Alexa's name-free way."""
        if self.session is not None:
            return self._send_match(self.session, self._matcher.match(utterance), utterance, ())
        invocation = self._matcher.invocation(utterance)
        if invocation.kind == "none" and says_wake_word(utterance):
            return self.hear_name_free(utterance)
        if invocation.kind == "launch":
            session = self._start()
            return self._send(
                self._envelopes.launch(session), intent="LaunchRequest", utterance=utterance
            )
        notes: tuple[str, ...] = ()
        match = invocation.match
        if invocation.kind != "intent" or match is None:
            notes = (f"new session: heard as 'ask {self.invocation_name} {utterance}'",)
            match = self._matcher.match(utterance)
        return self._send_match(self._start(), match, utterance, notes)

    def hear_name_free(self, utterance: str) -> Exchange:
        """Words said to Alexa without the skill's name, outside any session (an open one ends).

        One of the model's name-free ingress phrases opens the skill at once (a launch, or the
        intent it names). Other words are matched to an intent, and Alexa first asks the skill
        whether it can fulfil it (CanFulfillIntentRequest, in a session of its own); on YES or
        MAYBE the intent follows in a new session, on NO Alexa says it can't help."""
        self.leave()
        ingress = self._matcher.ingress(utterance)
        if ingress is not None:
            return self._open_by_ingress(ingress, utterance)
        match = self._matcher.match(utterance)
        question = self._envelopes.can_fulfill(Session(), match.intent, match.slots)
        answer_envelope: Mapping[str, Any] = self._respond(question) or {}
        answer = can_fulfill_answer(answer_envelope)
        asked = NameFree(can_fulfill=answer, request=question, response=answer_envelope)
        note = f"name-free: CanFulfillIntentRequest for {match.intent}: {answer or 'no answer'}"
        if answer in WILL_FULFIL:
            turn = self._send_match(self._start(), match, utterance, (note,))
            return replace(turn, name_free=asked)
        return Exchange(
            intent=match.intent,
            slots=dict(match.slots),
            confidence=match.confidence,
            speech=CANNOT_HELP,
            ssml=f"<speak>{CANNOT_HELP}</speak>",
            reprompt=None,
            card=None,
            end_session=True,
            directives=(),
            response=answer_envelope,
            request=question,
            utterance=utterance,
            notes=(note, "Alexa answered itself; the skill was sent nothing else"),
            name_free=asked,
        )

    def _open_by_ingress(self, ingress: Ingress, utterance: str) -> Exchange:
        session = self._start()
        if ingress.intent is None:
            note = "name-free: a skill launch phrase of the model opened the skill"
            turn = self._send(
                self._envelopes.launch(session),
                intent="LaunchRequest",
                utterance=utterance,
                notes=(note,),
            )
        else:
            note = f"name-free: an intent launch phrase of the model opened {ingress.intent}"
            turn = self._send(
                self._envelopes.intent(session, ingress.intent),
                intent=ingress.intent,
                utterance=utterance,
                notes=(note,),
            )
        return replace(turn, name_free=NameFree(ingress=ingress.intent or ingress.type))

    def ready_to_hear(self) -> None:
        """Read the model's language for `hear_speech` now (a fraction of a second), not when
        the first words arrive: a microphone is deaf while a turn runs, and words said just
        after the first answer would be lost."""
        from echo_sim.hearing import language_of

        model = getattr(self._matcher, "model", None)
        if model is not None:
            language_of(model)

    def hear_speech(self, heard: Heard) -> Exchange:
        """The user spoke and a recogniser heard `heard`: like `hear`, except that words heard
        with too little confidence (or nothing at all) reach the skill as
        AMAZON.FallbackIntent, as on an Echo that couldn't make out what was said. A yes or a
        no needs more confidence than other requests (`echo_sim.hearing.trust`)."""
        from echo_sim.hearing import believed, language_of

        text = heard.text.strip()
        model = getattr(self._matcher, "model", None)
        # Words the matched intent's own sentences don't say are speech not for the skill.
        language = language_of(model) if model is not None else None
        if self.session is not None:
            match = self._matcher.match(text) if text else IntentMatch(FALLBACK_INTENT)
            notes: tuple[str, ...] = ()
            if not believed(
                heard, match.intent, match.confidence, self._reaches_in_session, language
            ):
                notes = (f"not sure what was said: sent {FALLBACK_INTENT}",)
                match = IntentMatch(FALLBACK_INTENT, confidence=heard.confidence)
            turn = self._send_match(self.session, match, text, notes)
        elif text and believed(heard, *self._heard_intent(text), self._reaches_outside, language):
            turn = self.hear(text)
        else:
            note = f"not sure what was said: sent {FALLBACK_INTENT} in a new session"
            turn = self._send_match(
                self._start(), IntentMatch(FALLBACK_INTENT, confidence=heard.confidence), text,
                (note,),
            )  # fmt: skip
        return replace(turn, heard=heard.text, asr_confidence=heard.confidence)

    def _reaches_in_session(self, words: str) -> str:
        return self._matcher.match(words).intent

    def _reaches_outside(self, words: str) -> str:
        return self._heard_intent(words)[0]

    def _heard_intent(self, text: str) -> tuple[str, float]:
        """The intent words outside a session would reach, and how sure the matcher is."""
        invocation = self._matcher.invocation(text)
        if invocation.kind == "launch":
            return "LaunchRequest", 1.0
        match = invocation.match
        if invocation.kind != "intent" or match is None:
            match = self._matcher.match(text)
        return match.intent, match.confidence

    def ask(self, text: str) -> Exchange:
        """A one-shot request in a new session: "ask <name> TEXT" (or TEXT if it invokes us, or
        goes the name-free way because it starts with the wake word)."""
        self.leave()
        if self._matcher.invocation(text).kind == "none" and not says_wake_word(text):
            text = f"ask {self.invocation_name} {text}"
        return self.hear(text)

    def tap(self, choice: str) -> Exchange:
        """Touch a target on the current screen, by label or number."""
        screen = self.screen
        if screen is None or not screen.targets:
            raise NoSuchTarget("there is nothing to touch on the screen")
        target = screen.find_target(choice)
        if target is None:
            labels = ", ".join(f"{n} {t.label!r}" for n, t in enumerate(screen.targets, 1))
            raise NoSuchTarget(f"no touch target {choice!r} on the screen; there are: {labels}")
        # A touch on a screen whose session has closed starts a new one, as on an Echo Show.
        session = self.session or self._start()
        envelope = self._envelopes.user_event(session, list(target.arguments), token=screen.token)
        return self._send(envelope, intent=USER_EVENT, utterance=f"/tap {target.label}")

    def leave(self, reason: SessionEndReason = "USER_INITIATED") -> Exchange | None:
        """The user walks away or says "exit": a SessionEndedRequest if a session is open."""
        if self.session is None:
            return None
        envelope = self._envelopes.session_ended(self.session, reason)
        self.session = None
        self.screen = None
        response = self._respond(envelope)
        return read_response(
            response or {},
            intent="SessionEndedRequest",
            request=envelope,
            screen_device=self.profile.screen,
        )

    def _start(self) -> Session:
        self.session = Session()
        return self.session

    def _send_match(
        self, session: Session, match: IntentMatch, utterance: str, notes: tuple[str, ...]
    ) -> Exchange:
        slots: Mapping[str, SlotValue] = match.slots
        envelope = self._envelopes.intent(session, match.intent, slots)
        return self._send(
            envelope,
            intent=match.intent,
            slots=slots,
            confidence=match.confidence,
            utterance=utterance,
            notes=notes,
        )

    def _send(
        self,
        envelope: dict[str, Any],
        *,
        intent: str,
        slots: Mapping[str, SlotValue] | None = None,
        confidence: float = 1.0,
        utterance: str | None = None,
        notes: tuple[str, ...] = (),
    ) -> Exchange:
        try:
            response = self._respond(envelope)
        except Exception:
            # Alexa says "There was a problem with the requested skill's response" and the
            # session is over; the caller sees the exception itself.
            self.session = None
            raise
        turn = read_response(
            response,
            intent=intent,
            slots=slots,
            confidence=confidence,
            request=envelope,
            utterance=utterance,
            notes=notes,
            screen_device=self.profile.screen,
        )
        self._after(turn, response)
        return turn

    def _after(self, turn: Exchange, response: Mapping[str, Any]) -> None:
        if self.profile.screen:
            shown = turn.screen
            if shown is not None:
                self.screen = shown
            elif turn.end_session:
                self.screen = None  # the Echo Show goes back to its home screen
        if turn.end_session or self.session is None:
            self.session = None
            return
        self.session.new = False
        attributes = response.get("sessionAttributes")
        self.session.attributes = dict(attributes) if isinstance(attributes, Mapping) else {}
