"""Spoken input: intent accuracy by voice and noise, recognition time, and end of speech to the
reply's first audio. Run `.venv/bin/python -m benchmarks.hearing` (about five minutes on two
cores); it prints a markdown table and writes benchmarks/results/hearing.md."""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

from backpain import intents
from backpain_tools.offline_device import BACK_PAIN_GUIDE
from benchmarks.stats import percentile
from benchmarks.targets import ROOT
from echo_sim.device import VirtualEcho, load_matcher, model_path, skill_responder
from echo_sim.hearing import (
    Outcome,
    Speaker,
    SpeakerUnavailable,
    SpeechSegmenter,
    Utterance,
    from_pcm,
    listen,
    read_fixtures,
    recogniser_for,
    silence,
    speaker,
)
from echo_sim.voice import DesktopVoice

SPOKEN = ROOT / "tests" / "echo_sim" / "hearing" / "spoken"
RESULTS = ROOT / "benchmarks" / "results"
CONDITIONS: tuple[tuple[str, float | None], ...] = (("clean", None), ("20 dB SNR", 20.0),
                                                    ("10 dB SNR", 10.0))  # fmt: skip
GOALS = {("hibari", "clean"): 95.0, ("hibari", "20 dB SNR"): 90.0}
FRAME_S = 0.03


def accuracy_rows(
    voices: Sequence[Speaker], utterances: list[Utterance]
) -> tuple[list[str], list[float]]:
    """The accuracy table's rows, and the whole-utterance recognition times (clean hibari)."""
    recogniser = recogniser_for(model_path(BACK_PAIN_GUIDE))
    matcher = load_matcher(model_path(BACK_PAIN_GUIDE))
    rows, times = [], []
    for voice in voices:
        for label, snr in CONDITIONS:
            outcomes = list(listen(utterances, voice, recogniser, matcher, snr, seed=12))
            rows.append(_accuracy_row(voice.name, label, outcomes, matcher))
            if voice is voices[0] and snr is None:
                times = [outcome.recognition_s for outcome in outcomes]
    return rows, times


def _accuracy_row(voice: str, label: str, outcomes: list[Outcome], matcher: object) -> str:
    total = len(outcomes)
    right = sum(outcome.right for outcome in outcomes)
    # What the matcher makes of the words alone, before the confidence rules.
    words_right = sum(
        str(matcher.match(o.heard.text).intent) == o.utterance.intent  # type: ignore[attr-defined]
        for o in outcomes
        if o.heard.text
    )
    doubted = sum(o.sent == intents.FALLBACK and o.heard.text != "" for o in outcomes)
    share = 100.0 * right / total
    goal = GOALS.get((voice, label))
    verdict = "" if goal is None else ("pass" if share >= goal else "**MISS**")
    goal_text = f"≥ {goal:.0f}%" if goal is not None else "recorded"
    return (
        f"| {voice}, {label} | {right}/{total} = {share:.1f}% | {100.0 * words_right / total:.1f}% "
        f"| {doubted} | {goal_text} | {verdict} |"
    )


def _speech_end(pcm: bytes) -> float:
    """Seconds from the start of `pcm` to the end of its last audible sound (above -46 dB of
    full scale: the voice's own fade-out counts as speech, its digital silence doesn't)."""
    samples = np.abs(from_pcm(pcm))
    loud = np.nonzero(samples > 0.005)[0]
    return float(loud[-1] + 1) / 16_000 if len(loud) else 0.0


def latency_rows(voice: Speaker, utterances: list[Utterance]) -> list[str]:
    """Each utterance as live audio: speech, then silence, fed through the endpointer; then
    recognition, the skill's reply and its synthesis, as `chat --listen` does them."""
    recogniser = recogniser_for(model_path(BACK_PAIN_GUIDE))
    live = recogniser.live()  # type: ignore[attr-defined]
    echo = VirtualEcho(skill_responder(BACK_PAIN_GUIDE), load_matcher(model_path(BACK_PAIN_GUIDE)))
    speaking = DesktopVoice(speak=False)
    endpoint, recognition, reply, synthesis, total = [], [], [], [], []
    feeding, audio = 0.0, 0.0
    with tempfile.TemporaryDirectory(prefix="backpain-bench-") as folder:
        out = Path(folder) / "reply.wav"
        for utterance in utterances:
            words = voice.say(utterance.text)
            stream = silence(0.5) + words + silence(1.5)
            ended_at = 0.5 + _speech_end(words)
            segmenter = SpeechSegmenter(sink=live)
            chunk = int(16_000 * FRAME_S) * 2
            fed = time.perf_counter()
            for offset in range(0, len(stream), chunk):
                found = segmenter.feed(stream[offset : offset + chunk])
                if found:
                    heard_at = (offset + chunk) / 32_000
                    break
            else:
                continue
            feeding += time.perf_counter() - fed
            audio += heard_at
            started = time.perf_counter()
            heard = live.finish()
            recognised = time.perf_counter()
            if echo.session is None:
                echo.launch()
            turn = echo.hear_speech(heard)
            replied = time.perf_counter()
            if speaking.can_save:
                speaking.save(turn.ssml, out)
            spoken = time.perf_counter()
            endpoint.append(heard_at - ended_at)
            recognition.append(recognised - started)
            reply.append(replied - recognised)
            synthesis.append(spoken - replied)
            total.append(heard_at - ended_at + spoken - started)

    def row(name: str, values: list[float], goal: str = "", limit: float | None = None) -> str:
        p50, p95, worst = (percentile(values, q) for q in (50, 95, 100))
        verdict = "" if limit is None else ("pass" if p95 <= limit else "**MISS**")
        return f"| {name} | {p50 * 1000:.0f} ms | {p95 * 1000:.0f} ms | {worst * 1000:.0f} ms | {goal} | {verdict} |"  # noqa: E501

    return [
        f"| decoding while the user speaks: CPU time ÷ audio time | {feeding / audio:.2f} | | "
        "| < 1 (keeps up) | " + ("pass |" if feeding < audio else "**MISS** |"),
        row("end of speech → end detected (endpointer)", endpoint),
        row("recognition, after the end is detected", recognition, "≤ 300 ms", 0.3),
        row("matching + the skill's reply", reply),
        row("synthesis of the whole reply (pyttsx3 + espeak-ng)", synthesis),
        row("**end of speech → first audio of the reply**", total, "≤ 500 ms", 0.5),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.hearing")
    parser.add_argument("--voice", action="append", help="default: hibari and espeak-ng")
    parser.add_argument("--quick", action="store_true", help="every fourth utterance only")
    args = parser.parse_args()
    utterances = read_fixtures([SPOKEN])
    if args.quick:
        utterances = utterances[::4]
    voices = []
    for spec in args.voice or ("hibari", "espeak-ng"):
        try:
            voices.append(speaker(spec))
        except SpeakerUnavailable as error:
            print(f"skipped voice {spec}: {error}")
    began = time.perf_counter()
    recogniser_for(model_path(BACK_PAIN_GUIDE))
    load = os.getloadavg()[0]
    accuracy, whole = accuracy_rows(voices, utterances)
    p50, p95, worst = (percentile(whole, q) * 1000 for q in (50, 95, 100))
    whole_row = (
        f"| whole-utterance recognition (hear, listen-test), clean | {p50:.0f} ms | "
        f"{p95:.0f} ms | {worst:.0f} ms | ≤ 300 ms | {'pass' if p95 <= 300 else '**MISS**'} |"
    )
    lines = [
        f"{datetime.now(UTC):%Y-%m-%d %H:%M UTC}, {len(utterances)} utterances "
        f"(tests/echo_sim/hearing/spoken), {os.cpu_count()} CPUs, "
        f"load average {load:.1f} at the start.",
        "",
        "| Voice, condition | intent right | words alone | doubted | Goal | |",
        "|---|---:|---:|---:|---|---|",
        *accuracy,
        "",
        "| Live path, hibari, per utterance | p50 | p95 | max | Goal | |",
        "|---|---:|---:|---:|---|---|",
        *(latency_rows(voices[0], utterances[::3]) if voices else []),
        *([whole_row] if whole else []),
        "",
        f"Measured in {time.perf_counter() - began:.0f} s.",
    ]
    text = "\n".join(lines) + "\n"
    print(text)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "hearing.md").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
