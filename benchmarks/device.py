"""The local device: offline matching, text replies, and the voice (pyttsx3 with espeak-ng)."""

from __future__ import annotations

import contextlib
import math
import statistics
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

from alexa_model.model import LanguageModel, split_sample
from alexa_model.reader import load_model
from backpain.speech import all_speech
from backpain_tools.offline_device import BACK_PAIN_GUIDE
from benchmarks.stats import Spread, thin
from benchmarks.targets import BARE, OURS, ROOT, lambda_handler
from echo_sim.device import VirtualEcho, model_path, responder_for
from echo_sim.understanding import Matcher
from echo_sim.voice import DesktopVoice, Synthesiser, VoiceUnavailable, ssml_text, wav
from echo_sim.voice.desktop_voice import Player

PARAPHRASES = ROOT / "skill" / "backpain_tools" / "utterances" / "en-GB"
TYPICAL_ANSWER = "what is back pain"
"""The utterance whose answer (the overview, about 30 seconds of speech) is timed as speech."""
# A visit as someone might type it: topics, then the warning-sign check answered "no".
CONVERSATION = (
    TYPICAL_ANSWER,
    "yes please",
    "tell me about sciatica",
    "how can I ease my back pain",
    "how do I stop it coming back",
    "check my symptoms",
    *["no"] * 10,  # one for each question of the check
)


def model_utterances(model: LanguageModel) -> Iterator[tuple[str, str]]:
    """(utterance, intent) for every sample, once per value of the slot type it names."""
    for intent in model.intents:
        for sample in intent.samples:
            pieces = split_sample(sample)
            slot_names = [text for text, is_slot in pieces if is_slot]
            if not slot_names:
                yield sample, intent.name
                continue
            declaration = intent.slot(slot_names[0])
            slot_type = model.types.get(declaration.type) if declaration else None
            for value in slot_type.values if slot_type else ():
                filled = "".join(value.name if is_slot else text for text, is_slot in pieces)
                yield filled, intent.name


def paraphrases(folder: Path = PARAPHRASES) -> Iterator[tuple[str, str]]:
    """(utterance, intent) from the tests' per-intent YAML fixtures, when the tree has them."""
    for path in sorted(folder.glob("*.yaml")):
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
        if not isinstance(document, dict) or "sentences" not in document:
            continue
        for sentence in document["sentences"]:
            yield sentence["text"], document["intent"]


def measure_matching(matcher: Matcher, utterances: list[tuple[str, str]], passes: int) -> dict:
    for text, _ in utterances:  # first pass: any lazy caches fill here, not in the timing
        matcher.match(text)
    passes_ms: list[list[float]] = [[] for _ in utterances]
    for _ in range(passes):
        for times, (text, _) in zip(passes_ms, utterances, strict=True):
            started = time.perf_counter_ns()
            matcher.match(text)
            times.append((time.perf_counter_ns() - started) / 1e6)
    # An utterance's time is its fastest pass, as timeit advises: a slower pass measured
    # another process or a garbage collection, not the matcher.
    per_utterance = [min(times) for times in passes_ms]
    slowest = max(range(len(utterances)), key=per_utterance.__getitem__)
    expected = sum(matcher.match(text).intent == intent for text, intent in utterances)
    return {
        "utterances": len(utterances),
        "as_expected": expected,
        "passes": passes,
        "spread": Spread.of(per_utterance).to_json(),
        "over_1ms": sum(ms > 1.0 for ms in per_utterance),
        "slowest": utterances[slowest][0],
        "samples": thin(per_utterance, keep=5000),
    }


def measure_replies(matcher: Matcher, rounds: int) -> dict[str, Any]:
    """Utterance in, reply text out (muted), through a virtual Echo, for each skill."""
    echoes = {
        target: VirtualEcho(responder_for(lambda_handler(target)), matcher)
        for target in (OURS, BARE)
    }
    samples: dict[str, list[float]] = {OURS: [], BARE: []}
    for round_number in range(rounds + 1):  # round 0 warms up
        for target, echo in echoes.items():
            echo.launch()
            for utterance in CONVERSATION:
                if not echo.in_session:
                    break
                started = time.perf_counter_ns()
                reply = echo.hear(utterance).speech
                elapsed_ms = (time.perf_counter_ns() - started) / 1e6
                assert reply, f"no reply to {utterance!r}"
                if round_number:
                    samples[target].append(elapsed_ms)
            echo.leave()
    return {target: Spread.of(values).to_json() for target, values in samples.items()}


def typical_answer_ssml(matcher: Matcher) -> str:
    echo = VirtualEcho(responder_for(lambda_handler(OURS)), matcher)
    echo.launch()
    return echo.hear(TYPICAL_ANSWER).ssml


def measure_voice(matcher: Matcher, repeats: int, folder: Path) -> dict[str, Any]:
    started = time.perf_counter()
    try:
        synthesiser = Synthesiser()
    except VoiceUnavailable as error:
        return {"unavailable": str(error)}
    engine_start_ms = (time.perf_counter() - started) * 1000

    ssml = typical_answer_ssml(matcher)
    spoken = ssml_text.parse(ssml)
    whole, first = folder / "whole.wav", folder / "first.wav"
    first_words = next(ssml_text.tidy(p.spoken) for p in spoken.phrases if p.spoken.strip())
    render_s, first_phrase_ms = [], []
    synthesiser.render(spoken.spoken, whole)  # the engine's first synthesis loads its voice data
    for _ in range(repeats):
        began = time.perf_counter()
        synthesiser.render(spoken.spoken, whole)
        render_s.append(time.perf_counter() - began)
        began = time.perf_counter()
        synthesiser.render(first_words, first)
        first_phrase_ms.append((time.perf_counter() - began) * 1000)
    audio_s = wav.read(whole).seconds

    # The device's own path: phrase by phrase with real pauses, then one wav to play.
    stamp = folder / "player-started"
    player = Player(("sh", "-c", f'date +%s.%N > "{stamp}"', "player"))
    voice = DesktopVoice(speak=True, player=player)
    echo = VirtualEcho(responder_for(lambda_handler(OURS)), matcher)
    device_render_s, first_audio_ms = [], []
    for _ in range(repeats):
        began = time.perf_counter()
        voice.save(ssml, folder / "device.wav")
        device_render_s.append(time.perf_counter() - began)
        echo.launch()
        stamp.unlink(missing_ok=True)
        said_at = time.time()
        voice.speak(echo.hear(TYPICAL_ANSWER).ssml)
        with contextlib.suppress(OSError, ValueError):  # no GNU date (`%N`): no figure
            first_audio_ms.append((float(stamp.read_text()) - said_at) * 1000)
        echo.leave()
    device_audio_s = wav.read(folder / "device.wav").seconds

    # The device renders a whole reply before it plays it, so the longest reply sets the worst
    # time to first audio.
    longest_key, longest_ssml = max(all_speech(), key=lambda item: len(item[1]))
    longest_render_s = []
    for _ in range(repeats):
        began = time.perf_counter()
        voice.save(longest_ssml, folder / "longest.wav")
        longest_render_s.append(time.perf_counter() - began)
    render = statistics.median(render_s)
    device_render = statistics.median(device_render_s)
    return {
        "voice": synthesiser.voice.id,
        "engine_start_ms": engine_start_ms,
        "words": len(spoken.spoken.split()),
        "phrases": len(spoken.phrases),
        "audio_s": audio_s,
        "render_ms": render * 1000,
        "real_time_factor": audio_s / render,
        "device_audio_s": device_audio_s,
        "device_render_ms": device_render * 1000,
        "device_real_time_factor": device_audio_s / device_render,
        "first_phrase_render_ms": statistics.median(first_phrase_ms),
        "first_audio_ms": statistics.median(first_audio_ms) if first_audio_ms else math.nan,
        "longest_reply": longest_key,
        "longest_audio_s": wav.read(folder / "longest.wav").seconds,
        "longest_render_ms": statistics.median(longest_render_s) * 1000,
    }


def measure(passes: int, reply_rounds: int, voice_repeats: int) -> dict[str, Any]:
    started = time.perf_counter()
    matcher = Matcher.from_file(model_path(BACK_PAIN_GUIDE))
    build_ms = (time.perf_counter() - started) * 1000
    utterances = list(model_utterances(load_model(model_path(BACK_PAIN_GUIDE))))
    utterances += list(paraphrases())
    with tempfile.TemporaryDirectory(prefix="backpain-bench-") as folder:
        return {
            "matcher_build_ms": build_ms,
            "matching": measure_matching(matcher, utterances, passes),
            "replies": measure_replies(matcher, reply_rounds),
            "voice": measure_voice(matcher, voice_repeats, Path(folder)),
        }
