"""Audio in the recogniser's format: any PCM wav -> 16 kHz mono 16-bit, plus noise for tests."""

from __future__ import annotations

import io
import struct
import wave

import numpy as np

from echo_sim.hearing.heard import SAMPLE_RATE

_FIR_TAPS = 63


def pcm_from_wav(data: bytes) -> bytes:
    """The samples of a PCM wav file of any rate, width and channel count, as the recogniser
    wants them: 16 kHz mono signed 16-bit little-endian, no header."""
    if len(data) < 12 or data[:4] != b"RIFF" or data[8:12] != b"WAVE":
        raise ValueError("not a wav file (no RIFF/WAVE header)")
    try:
        with wave.open(io.BytesIO(_plain_pcm_header(data)), "rb") as wav:
            rate, width, channels = wav.getframerate(), wav.getsampwidth(), wav.getnchannels()
            frames = wav.readframes(wav.getnframes())
    except wave.Error as error:  # e.g. "unknown format: 3" for floating-point samples
        raise ValueError(f"not a PCM wav file ({error})") from error
    except EOFError as error:
        raise ValueError("the wav file is cut short") from error
    if not frames:
        raise ValueError("the wav file holds no audio")
    if rate <= 0 or channels <= 0 or width not in (1, 2, 3, 4):
        raise ValueError(f"unsupported wav format: {rate} Hz, {width} bytes a sample")
    samples = _to_float(frames, width)
    usable = len(samples) - len(samples) % channels
    mono = samples[:usable].reshape(-1, channels).mean(axis=1)
    return to_pcm(resample(mono, rate, SAMPLE_RATE))


def _plain_pcm_header(data: bytes) -> bytes:
    """WAVE_FORMAT_EXTENSIBLE holding plain PCM (what many recorders write for 24-bit or
    multichannel audio) relabelled as plain PCM, which Python 3.11's wave module reads."""
    position = 12
    while position + 8 <= len(data):
        chunk, size = (
            data[position : position + 4],
            struct.unpack("<I", data[position + 4 : position + 8])[0],
        )
        if chunk == b"fmt ":
            tag = data[position + 8 : position + 10]
            subformat = data[position + 32 : position + 34]
            if tag == b"\xfe\xff" and size >= 26 and subformat == b"\x01\x00":
                return data[: position + 8] + b"\x01\x00" + data[position + 10 :]
            return data
        position += 8 + size + size % 2
    return data


def _to_float(frames: bytes, width: int) -> np.ndarray:
    """Samples scaled to -1..1; 8-bit wav is unsigned, wider ones signed little-endian."""
    if width == 1:
        return (np.frombuffer(frames, np.uint8).astype(np.float64) - 128.0) / 128.0
    if width == 3:
        raw = np.frombuffer(frames[: len(frames) - len(frames) % 3], np.uint8).reshape(-1, 3)
        wide = np.zeros((len(raw), 4), np.uint8)
        wide[:, 1:] = raw  # the 24 bits as the top of a 32-bit integer keep their sign
        return wide.view("<i4").ravel().astype(np.float64) / 2.0**31
    dtype = "<i2" if width == 2 else "<i4"
    usable = len(frames) - len(frames) % width
    return np.frombuffer(frames[:usable], dtype).astype(np.float64) / 2.0 ** (8 * width - 1)


def resample(samples: np.ndarray, rate: int, wanted: int) -> np.ndarray:
    """Change the sample rate; when lowering it, first filter out what the new rate can't hold
    (a windowed-sinc low-pass), so high frequencies don't fold back as noise."""
    if rate == wanted or len(samples) == 0:
        return samples
    if wanted < rate:
        cutoff = 0.5 * wanted / rate * 0.9
        taps = np.arange(_FIR_TAPS) - (_FIR_TAPS - 1) / 2
        kernel = 2 * cutoff * np.sinc(2 * cutoff * taps) * np.hanning(_FIR_TAPS)
        samples = np.convolve(samples, kernel / kernel.sum(), mode="same")
    count = round(len(samples) * wanted / rate)
    times = np.arange(count) * (rate / wanted)
    return np.interp(times, np.arange(len(samples)), samples)


def to_pcm(samples: np.ndarray) -> bytes:
    """Float samples (-1..1) as 16-bit little-endian PCM, clipped rather than wrapped."""
    return bytes(np.clip(np.round(samples * 32767.0), -32768, 32767).astype("<i2").tobytes())


def from_pcm(pcm: bytes) -> np.ndarray:
    """16-bit little-endian PCM as float samples (-1..1)."""
    return np.frombuffer(pcm[: len(pcm) - len(pcm) % 2], "<i2").astype(np.float64) / 32768.0


def wav_bytes(pcm: bytes, rate: int = SAMPLE_RATE) -> bytes:
    """16-bit mono PCM wrapped in a wav header."""
    out = io.BytesIO()
    with wave.open(out, "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(rate)
        wav.writeframes(pcm)
    return out.getvalue()


def silence(seconds: float) -> bytes:
    return b"\x00\x00" * int(SAMPLE_RATE * seconds)


def with_noise(pcm: bytes, snr_db: float, rng: np.random.Generator) -> bytes:
    """Speech with white noise added at a signal-to-noise ratio measured over the speech
    itself (samples above a small floor), so padding silence doesn't flatter the figure."""
    speech = from_pcm(pcm)
    loud = speech[np.abs(speech) > 0.01]
    power = float(np.mean(loud**2)) if len(loud) else 1e-6
    noise = rng.normal(0.0, np.sqrt(power / 10 ** (snr_db / 10)), len(speech))
    return to_pcm(speech + noise)
