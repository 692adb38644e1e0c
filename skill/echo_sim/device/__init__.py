"""The device: a virtual Echo that builds Alexa's request envelopes, sends them to a skill and
reads its replies (speech, card, screen), and runs YAML conversation transcripts against it."""

from echo_sim.device.echo import CANNOT_HELP, IntentMatcher, NoSuchTarget, VirtualEcho
from echo_sim.device.envelope import (
    DEFAULT_APPLICATION_ID,
    ECHO_SHOW,
    VOICE_ONLY,
    DeviceProfile,
    EnvelopeFactory,
    Session,
)
from echo_sim.device.exchange import Exchange, read_response
from echo_sim.device.screen_view import RENDER_DOCUMENT, ScreenView, first_send_event
from echo_sim.device.skill_and_model import (
    Responder,
    import_object,
    load_matcher,
    locale_of,
    model_path,
    responder_for,
    skill_responder,
)
from echo_sim.device.transcript import (
    TranscriptError,
    TranscriptResult,
    check_turn,
    parse_transcript,
    run_transcript,
    transcript_files,
    transcript_summary,
)
from echo_sim.understanding import SlotValue

__all__ = [
    "CANNOT_HELP",
    "DEFAULT_APPLICATION_ID",
    "ECHO_SHOW",
    "RENDER_DOCUMENT",
    "VOICE_ONLY",
    "DeviceProfile",
    "EnvelopeFactory",
    "Exchange",
    "IntentMatcher",
    "NoSuchTarget",
    "Responder",
    "ScreenView",
    "Session",
    "SlotValue",
    "TranscriptError",
    "TranscriptResult",
    "VirtualEcho",
    "check_turn",
    "first_send_event",
    "import_object",
    "load_matcher",
    "locale_of",
    "model_path",
    "parse_transcript",
    "read_response",
    "responder_for",
    "run_transcript",
    "skill_responder",
    "transcript_files",
    "transcript_summary",
]
