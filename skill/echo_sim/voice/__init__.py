"""The device's voice: the skill's SSML read as text and spoken or saved as wav files."""

from echo_sim.voice.desktop_voice import (
    DesktopVoice,
    Synthesiser,
    UnknownVoice,
    VoiceUnavailable,
)
from echo_sim.voice.ssml_text import to_text

__all__ = ["DesktopVoice", "Synthesiser", "UnknownVoice", "VoiceUnavailable", "to_text"]
