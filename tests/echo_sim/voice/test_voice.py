"""The voice: real speech from espeak-ng through pyttsx3, and an honest word when there is none."""

from __future__ import annotations

import shutil
import wave
from collections.abc import Callable
from pathlib import Path

import pytest

from echo_sim.voice import wav
from echo_sim.voice.desktop_voice import DesktopVoice, Player, Synthesiser, find_player, find_voice

needs_espeak = pytest.mark.skipif(
    shutil.which("espeak-ng") is None, reason="espeak-ng is not installed, so no speech to check"
)
# Spoken English runs at about 2 to 4 words a second at espeak's default rates.
SLOWEST_S_PER_WORD, FASTEST_S_PER_WORD = 0.6, 0.2
SPEECH_RMS_FLOOR = 300.0  # 16-bit full scale is 32768; silence and hiss sit far below this


@pytest.fixture(scope="module")
def voice() -> DesktopVoice:
    return DesktopVoice(speak=False)


@needs_espeak
def test_a_reply_becomes_real_speech_of_plausible_length(
    voice: DesktopVoice, tmp_path: Path
) -> None:
    text = "Stay as active as possible and try to continue your daily activities."
    path = tmp_path / "reply.wav"
    assert voice.save(f"<speak>{text}</speak>", path)
    clip = wav.read(path)
    words = len(text.split())
    assert words * FASTEST_S_PER_WORD < clip.seconds < words * SLOWEST_S_PER_WORD
    assert wav.rms(clip) > SPEECH_RMS_FLOOR
    assert wav.is_complete(path)
    assert not list(tmp_path.glob("*.part"))


@needs_espeak
def test_breaks_become_real_silence(voice: DesktopVoice, tmp_path: Path) -> None:
    voice.save("<speak>Rest now. Then walk.</speak>", tmp_path / "plain.wav")
    voice.save('<speak>Rest now.<break time="2s"/>Then walk.</speak>', tmp_path / "pause.wav")
    plain, paused = wav.read(tmp_path / "plain.wav"), wav.read(tmp_path / "pause.wav")
    assert 1.5 < paused.seconds - plain.seconds < 2.5
    # the middle of the pause is digital silence
    half_second = paused.rate // 2 * paused.width
    windows = [
        wav.Clip(paused.frames[start : start + half_second], paused.rate, paused.width, 1)
        for start in range(0, len(paused.frames) - half_second, half_second // 5)
    ]
    assert any(wav.rms(window) == 0 for window in windows)


@needs_espeak
def test_say_as_telephone_is_read_digit_by_digit(voice: DesktopVoice, tmp_path: Path) -> None:
    voice.save('<speak><say-as interpret-as="telephone">111</say-as></speak>', tmp_path / "a.wav")
    voice.save("<speak>one one one</speak>", tmp_path / "b.wav")
    voice.save("<speak>one hundred and eleven</speak>", tmp_path / "c.wav")
    digits, words, number = (wav.read(tmp_path / f"{n}.wav").seconds for n in "abc")
    assert digits == pytest.approx(words, abs=0.05)  # espeak-ng varies by a few milliseconds
    assert abs(digits - number) > 0.2


@needs_espeak
def test_voice_and_rate_reach_the_engine(tmp_path: Path) -> None:
    text = "<speak>Back pain usually gets better on its own within a few weeks.</speak>"
    slow = DesktopVoice(speak=False, rate=120, voice="en-gb-x-rp")
    fast = DesktopVoice(speak=False, rate=260)
    assert slow.synthesiser is not None and slow.synthesiser.voice.id == "gmw/en-gb-x-rp"
    # alternate, so each render changes voice and rate on the one shared engine
    for name in ("slow-1", "fast-1", "slow-2", "fast-2"):
        (slow if name.startswith("slow") else fast).save(text, tmp_path / f"{name}.wav")
    seconds = {p.stem: wav.read(p).seconds for p in tmp_path.glob("*.wav")}
    slowest_fast = max(seconds["fast-1"], seconds["fast-2"])
    assert min(seconds["slow-1"], seconds["slow-2"]) > 1.5 * slowest_fast


@needs_espeak
def test_the_british_voice_is_the_default_for_en_gb(voice: DesktopVoice) -> None:
    assert voice.synthesiser is not None
    assert "en-gb" in voice.synthesiser.voice.languages


@needs_espeak
def test_an_unknown_voice_is_a_clear_error() -> None:
    from echo_sim.voice.desktop_voice import UnknownVoice

    with pytest.raises(UnknownVoice, match="no voice called 'no-such-voice'"):
        DesktopVoice(speak=False, voice="no-such-voice")


def test_find_voice_by_id_short_id_language_or_name() -> None:
    from echo_sim.voice.desktop_voice import VoiceInfo

    voices = (
        VoiceInfo("gmw/en", "English (Great Britain)", ("en-gb",)),
        VoiceInfo("gmw/en-us", "English (America)", ("en-us",)),
    )
    assert find_voice(voices, "en-GB") == voices[0]
    assert find_voice(voices, "gmw/en-us") == voices[1]
    assert find_voice(voices, "en-us") == voices[1]
    assert find_voice(voices, "english (america)") == voices[1]
    assert find_voice(voices, "fr") is None


def test_nothing_to_say_writes_nothing(voice: DesktopVoice, tmp_path: Path) -> None:
    assert voice.save("<speak></speak>", tmp_path / "x.wav") is False
    assert not (tmp_path / "x.wav").exists()


# ---- where sound goes -------------------------------------------------------------------------


def which_only(*programs: str) -> Callable[[str], str | None]:
    return lambda name: f"/usr/bin/{name}" if name in programs else None


def test_no_sound_card_and_no_sound_server_means_no_audio(tmp_path: Path) -> None:
    found = find_player(
        env={"XDG_RUNTIME_DIR": str(tmp_path)},
        dev_snd=tmp_path / "snd",
        which=which_only("aplay", "paplay"),
        platform="linux",
    )
    assert found == "no audio output device found"


def test_an_alsa_playback_device_with_aplay(tmp_path: Path) -> None:
    snd = tmp_path / "snd"
    snd.mkdir()
    (snd / "pcmC0D0p").touch()
    found = find_player(env={}, dev_snd=snd, which=which_only("aplay"), platform="linux")
    assert found == Player(("aplay", "-q"))
    missing = find_player(env={}, dev_snd=snd, which=which_only(), platform="linux")
    assert isinstance(missing, str) and "no program to play sound" in missing


def test_a_sound_server_prefers_its_own_player(tmp_path: Path) -> None:
    (tmp_path / "pulse").mkdir()
    (tmp_path / "pulse" / "native").touch()
    found = find_player(
        env={"XDG_RUNTIME_DIR": str(tmp_path)},
        dev_snd=tmp_path / "none",
        which=which_only("aplay", "paplay"),
        platform="linux",
    )
    assert found == Player(("paplay",))


def test_macos_plays_with_afplay() -> None:
    assert find_player(platform="darwin") == Player(("afplay",))


def test_without_a_device_the_voice_explains_once_and_stays_quiet(tmp_path: Path) -> None:
    voice = DesktopVoice(speak=True, player="no audio output device found")
    assert not voice.can_speak
    assert voice.explain() == (
        "no audio output device found; replies are shown as text. "
        "Use --save-audio DIR to write wav files."
    )
    assert voice.explain(saving_to=tmp_path) == (
        f"no audio output device found; replies are shown as text (wav files go to {tmp_path})."
    )
    voice.speak("<speak>Hello.</speak>")  # returns quietly


NO_ENGINE = "espeak-ng is not installed (try: sudo apt install espeak-ng)"


def test_without_espeak_the_voice_says_so_and_does_not_offer_wav_files(tmp_path: Path) -> None:
    voice = DesktopVoice(speak=True, synthesiser=NO_ENGINE, player=Player(("aplay",)))
    assert not voice.can_speak and not voice.can_save
    expected = f"{NO_ENGINE}; replies are shown as text and no wav is written."
    assert voice.explain() == expected
    assert voice.explain(saving_to=tmp_path) == expected
    assert voice.save("<speak>Hello.</speak>", tmp_path / "x.wav") is False
    voice.speak("<speak>Hello.</speak>")


def test_muted_without_espeak_only_saving_needs_a_word(tmp_path: Path) -> None:
    voice = DesktopVoice(speak=False, synthesiser=NO_ENGINE)
    assert voice.explain() is None
    assert voice.explain(saving_to=tmp_path) is not None


@needs_espeak
def test_speaking_plays_the_rendered_reply_through_the_player(tmp_path: Path) -> None:
    # A "player" that copies the file it is given, standing in for aplay on a machine with sound.
    copy = tmp_path / "played.wav"
    player = Player(("sh", "-c", f'cp "$0" {copy}'))
    voice = DesktopVoice(speak=True, player=player)
    assert voice.can_speak and voice.explain() is None
    voice.speak("<speak>Hello there.</speak>")
    assert wav.rms(wav.read(copy)) > SPEECH_RMS_FLOOR


def test_an_empty_wav_from_the_engine_is_told_apart_from_a_broken_file(tmp_path: Path) -> None:
    """What espeak-ng's stray end-of-message event leaves behind (a wav header and no audio)
    makes the synthesiser render the phrase again; a file that is no wav is an error."""
    empty = tmp_path / "empty.wav"
    with wave.open(str(empty), "wb") as header_only:
        header_only.setnchannels(1)
        header_only.setsampwidth(2)
        header_only.setframerate(22050)
    assert wav.is_empty(empty) and not wav.is_complete(empty)
    assert Synthesiser._await_audio(empty, timeout=10.0) is False
    broken = tmp_path / "broken.wav"
    broken.write_bytes(b"FORM....AIFF")
    assert not wav.is_empty(broken)
    with pytest.raises(RuntimeError, match="not as a wav file"):
        Synthesiser._await_audio(broken, timeout=10.0)


@needs_espeak
def test_a_one_word_reply_is_saved_whole_every_time(voice: DesktopVoice, tmp_path: Path) -> None:
    """A word short enough to arrive in one piece with the end of the phrase (the piece pyttsx3
    2.99's espeak driver would drop) is saved with all its audio, render after render."""
    lengths = set()
    for attempt in range(5):
        path = tmp_path / f"no-{attempt}.wav"
        assert voice.save("<speak>No.</speak>", path)
        clip = wav.read(path)
        assert wav.rms(clip) > SPEECH_RMS_FLOOR
        lengths.add(round(clip.seconds, 1))
    assert len(lengths) == 1 and FASTEST_S_PER_WORD < lengths.pop() < 2 * SLOWEST_S_PER_WORD
