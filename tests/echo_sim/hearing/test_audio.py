"""pcm_from_wav: any PCM wav in, 16 kHz mono 16-bit out; bad input is a clear ValueError."""

from __future__ import annotations

import io
import struct
import wave

import numpy as np
import pytest

from alexa_model.builtins import NO_INTENT, YES_INTENT
from backpain import intents
from echo_sim.hearing import pcm_from_wav
from echo_sim.hearing.audio import from_pcm, to_pcm, with_noise


def _wav(samples: np.ndarray, rate: int, width: int, channels: int) -> bytes:
    """A wav of `samples` (-1..1, frames x channels) at the given format."""
    frames = samples.reshape(-1, channels)
    if width == 1:
        raw = (np.clip(frames, -1, 1) * 127 + 128).astype(np.uint8).tobytes()
    elif width == 3:
        ints = (np.clip(frames, -1, 1) * (2**23 - 1)).astype("<i4").ravel()
        raw = b"".join(struct.pack("<i", int(value))[:3] for value in ints)
    else:
        dtype = "<i2" if width == 2 else "<i4"
        raw = (np.clip(frames, -1, 1) * (2 ** (8 * width - 1) - 1)).astype(dtype).tobytes()
    out = io.BytesIO()
    with wave.open(out, "wb") as wav:
        wav.setnchannels(channels)
        wav.setsampwidth(width)
        wav.setframerate(rate)
        wav.writeframes(raw)
    return out.getvalue()


def _tone(rate: int, seconds: float = 0.5, hz: float = 440.0) -> np.ndarray:
    return 0.5 * np.sin(2 * np.pi * hz * np.arange(int(rate * seconds)) / rate)


def _frequency(pcm: bytes) -> float:
    samples = from_pcm(pcm)
    crossings = np.count_nonzero(np.diff(np.signbit(samples)))
    return crossings / 2 / (len(samples) / 16_000)


@pytest.mark.parametrize(
    ("rate", "width", "channels"),
    [(16_000, 2, 1), (24_000, 2, 1), (44_100, 2, 2), (48_000, 4, 1), (22_050, 3, 2),
     (8_000, 1, 1)],
)  # fmt: skip
def test_any_pcm_wav_becomes_16_khz_mono_with_its_pitch_kept(
    rate: int, width: int, channels: int
) -> None:
    tone = _tone(rate)
    samples = np.repeat(tone, channels) if channels > 1 else tone
    pcm = pcm_from_wav(_wav(samples, rate, width, channels))
    assert len(pcm) == pytest.approx(2 * 16_000 * 0.5, abs=4)
    assert _frequency(pcm) == pytest.approx(440, rel=0.03)
    assert np.max(np.abs(from_pcm(pcm))) == pytest.approx(0.5, abs=0.05)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "no RIFF/WAVE header"),
        (b"hello, not audio at all", "no RIFF/WAVE header"),
    ],
)
def test_what_is_not_a_usable_wav_is_a_clear_value_error(data: bytes, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        pcm_from_wav(data)


def test_a_wav_cut_off_in_its_header_is_called_cut_short() -> None:
    whole = _wav(np.zeros(160), 16_000, 2, 1)
    with pytest.raises(ValueError, match="cut short"):
        pcm_from_wav(whole[:30])


def test_floating_point_wav_is_named_as_not_pcm() -> None:
    header = _wav(np.zeros(160), 16_000, 2, 1)
    float_format = header[:20] + struct.pack("<H", 3) + header[22:]
    with pytest.raises(ValueError, match="not a PCM wav file"):
        pcm_from_wav(float_format)


def test_extensible_wav_holding_pcm_is_read() -> None:
    plain = _wav(_tone(48_000), 48_000, 2, 1)
    # fmt chunk as WAVE_FORMAT_EXTENSIBLE: tag 0xFFFE, 22 extra bytes, subformat PCM.
    fmt = (
        struct.pack("<HHIIHH", 0xFFFE, 1, 48_000, 96_000, 2, 16)
        + struct.pack("<HHI", 22, 16, 4)
        + b"\x01\x00\x00\x00\x00\x00\x10\x00\x80\x00\x00\xaa\x00\x38\x9b\x71"
    )
    data = plain[plain.index(b"data") :]
    body = b"WAVE" + b"fmt " + struct.pack("<I", len(fmt)) + fmt + data
    extensible = b"RIFF" + struct.pack("<I", len(body)) + body
    assert pcm_from_wav(extensible) == pcm_from_wav(plain)


def test_a_wav_with_no_audio_is_refused() -> None:
    with pytest.raises(ValueError, match="holds no audio"):
        pcm_from_wav(_wav(np.zeros(0), 16_000, 2, 1))


def test_noise_is_mixed_at_the_asked_signal_to_noise_ratio() -> None:
    speech = _tone(16_000, 1.0)
    pcm = (speech * 32767).astype("<i2").tobytes()
    noisy = from_pcm(with_noise(pcm, 10.0, np.random.default_rng(1)))
    noise = noisy - from_pcm(pcm)
    ratio = 10 * np.log10(np.mean(from_pcm(pcm) ** 2) / np.mean(noise**2))
    assert ratio == pytest.approx(10.0, abs=0.3)


def test_babble_is_mixed_at_the_asked_ratio_and_the_phone_band_stops_at_4_khz() -> None:
    from echo_sim.hearing.conditions import babble, conditions, phone_band

    rng = np.random.default_rng(1)
    seconds = np.arange(16_000) / 16_000
    speech = to_pcm(0.3 * np.sin(2 * np.pi * 220 * seconds))
    others = [to_pcm(0.5 * np.sin(2 * np.pi * f * seconds[:8_000])) for f in (330, 440, 550)]
    mixed = from_pcm(babble(speech, others, 10.0, rng)) - from_pcm(speech)
    ratio = 10 * np.log10(np.mean(from_pcm(speech) ** 2) / np.mean(mixed**2))
    assert 8.5 < ratio < 11.5
    high = to_pcm(0.3 * np.sin(2 * np.pi * 6_000 * seconds))
    assert np.max(np.abs(from_pcm(phone_band(high))[200:-200])) < 0.03
    low = to_pcm(0.3 * np.sin(2 * np.pi * 1_000 * seconds))
    assert np.max(np.abs(from_pcm(phone_band(low))[200:-200])) > 0.25
    assert [c.name for c in conditions(others)][:3] == ["clean", "white 20 dB", "white 10 dB"]


def test_the_listen_test_row_counts_yes_heard_as_no_inside_the_check() -> None:
    from echo_sim.hearing import Heard
    from echo_sim.hearing.listen_trial import Outcome, Utterance, table_row

    def outcome(text: str, intent: str, sent: str) -> Outcome:
        return Outcome(Utterance(text, intent), "flite:slt", Heard(text, 0.9), sent, 0.1)

    row = table_row("flite:slt", "white 20 dB", [
        outcome("yes", YES_INTENT, NO_INTENT),
        outcome("no", NO_INTENT, NO_INTENT),
        outcome("nope", NO_INTENT, YES_INTENT),
        outcome("what causes it", intents.CAUSES, intents.CAUSES),
    ])  # fmt: skip
    cells = row.split(" | ")
    assert cells[0] == "| flite:slt (held out)"
    assert cells[2:6] == ["2/4 = 50.0%", "1/3 = 33.3%", "1", "1"]
    assert cells[6] == "MISS ≥ 90%; MISS ≥ 90%; MISS yes→no |"
