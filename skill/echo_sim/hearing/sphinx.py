"""The default recogniser: pocketsphinx with the skill's own language pack."""

from __future__ import annotations

import array
import itertools
import math
import sys
import threading
from pathlib import Path
from typing import Any

from alexa_model.problem import ModelError
from echo_sim.hearing.foreground import foreground, foreground_span
from echo_sim.hearing.heard import SAMPLE_RATE, Alternative, Heard, HearingUnavailable
from echo_sim.hearing.language_pack import LanguagePack, language_pack
from echo_sim.understanding import CMU_IN_POCKETSPHINX

# Silence, breath and filler "words" pocketsphinx may put in a hypothesis.
_NOT_WORDS = frozenset({"<s>", "</s>", "<sil>", "[noise]", "[laughter]"})
FIT_FLOOR, FIT_CEILING = -6.0, -2.0
QUIET_PEAK = 100
"""Audio whose loudest sample is below this (-50 dB of full scale) is silence."""
_WORST_FRAME_FIT = -10.0
NBEST = 20
"""How many distinct word sequences from the decoder's n-best paths become the heard words'
alternatives (taken from the first NBEST_PATHS paths: many differ only in timing)."""
NBEST_PATHS = 30
NBEST_SHARPNESS = 20.0


def _pocketsphinx() -> Any:
    try:
        import pocketsphinx
    except ImportError as error:
        raise HearingUnavailable(
            "speech recognition needs pocketsphinx (run scripts/install)"
        ) from error
    return pocketsphinx


class SphinxRecogniser:
    """Decodes one utterance at a time against the skill's trigram language model.

    The confidence joins two signs, as a geometric mean, so either one being poor is enough:
    - how well the sounds fit the words heard: pocketsphinx scores each frame against the
      best-matching sound unit of that frame, so the words' acoustic score per frame is near 0
      when the audio really is those words and far below it when the language model forced
      words onto noise, a mumble or speech it doesn't cover;
    - how little else the audio could have been: the mean of the words' posterior
      probabilities in the word lattice.
    Either alone let through too much: reversed speech decoded as "cancel" has a high lattice
    posterior, and clear speech with one badly fitting short word a low fit
    (benchmarks/hearing.py measures them on right, wrong and mumbled utterances).

    The heard words also carry the decoder's n-best alternatives, so that the device can ask how
    sure the recogniser is of what the words mean rather than of every word
    (`Heard.confidence_in`): in noise the little words of "no it doesn't" are unsure, the no is
    not.
    """

    def __init__(self, model_path: str | Path, rebuild: bool = False) -> None:
        ps = _pocketsphinx()
        ps.set_loglevel("FATAL")
        acoustic = Path(ps.get_model_path("en-us/en-us"))
        cmu = Path(ps.get_model_path(CMU_IN_POCKETSPHINX))
        version = getattr(ps, "__version__", "") or _installed_version()
        try:
            self.pack: LanguagePack = language_pack(
                model_path, cmu, f"pocketsphinx {version}", rebuild=rebuild
            )
        except ModelError as error:
            raise HearingUnavailable(f"cannot build the recogniser: {error}") from error
        self._config = {
            "hmm": str(acoustic),
            "lm": str(self.pack.language_model),
            "dict": str(self.pack.dictionary),
            "samprate": SAMPLE_RATE,
            "loglevel": "FATAL",
        }
        self._decoder = self._new_decoder()
        # One decoder decodes one utterance at a time; callers may share the recogniser
        # between threads (the browser console does).
        self._lock = threading.Lock()

    def _new_decoder(self) -> Any:
        ps = _pocketsphinx()
        try:
            return ps.Decoder(ps.Config(**self._config))
        except (RuntimeError, ValueError) as error:
            raise HearingUnavailable(f"pocketsphinx could not load its models: {error}") from error

    def recognise(self, pcm: bytes) -> Heard:
        if _peak(pcm) < QUIET_PEAK:
            # Near-digital silence has no features worth the name: the search would still
            # pick some word, so it is nothing heard without asking.
            return Heard("", 0.0)
        with self._lock:
            return _decoded(self._decoder, foreground(pcm))

    def live(self) -> LiveRecognition:
        """Recognition that decodes while the user is still speaking, with its own decoder,
        so that little work is left when speech ends."""
        return LiveRecognition(self._new_decoder())


class LiveRecognition:
    """One utterance at a time, fed as it arrives: `begin`, `more`..., then `finish`."""

    def __init__(self, decoder: Any) -> None:
        self._decoder = decoder
        self._open = False
        self._peak = 0
        self._audio: list[bytes] = []
        """The utterance so far, to find its foreground when it ends."""

    def begin(self, pcm: bytes) -> None:
        """Speech started: `pcm` is the audio kept from just before it."""
        if self._open:
            self._decoder.end_utt()
        self._decoder.start_utt()
        self._open = True
        self._peak = 0
        self._audio = []
        self.more(pcm)

    def more(self, pcm: bytes) -> None:
        if self._open and pcm:
            self._peak = max(self._peak, _peak(pcm))
            self._audio.append(pcm)
            self._decoder.process_raw(pcm, no_search=False, full_utt=False)

    def finish(self) -> Heard:
        """Speech ended: what was heard in it."""
        if not self._open:
            return Heard("", 0.0)
        self._decoder.end_utt()
        self._open = False
        audio, self._audio = b"".join(self._audio), []
        if self._peak < QUIET_PEAK:
            return Heard("", 0.0)
        span = foreground_span(audio)
        if span is not None:
            # Talk or noise around the user's voice: the words decoded while they spoke
            # include it, so the voice alone is decoded again. In a quiet room (span None)
            # the live result stands and nothing is added to the reply's delay.
            return _decoded(self._decoder, audio[span[0] : span[1]])
        return _heard(self._decoder)


def _decoded(decoder: Any, pcm: bytes) -> Heard:
    """`pcm` decoded as one whole utterance."""
    decoder.start_utt()
    decoder.process_raw(pcm, no_search=False, full_utt=True)
    decoder.end_utt()
    return _heard(decoder)


def _heard(decoder: Any) -> Heard:
    """The words of the decoder's last utterance, with their confidence and alternatives."""
    hypothesis = decoder.hyp()
    if hypothesis is None:
        return Heard("", 0.0)
    words = _words(hypothesis.hypstr)
    if not words:
        return Heard("", 0.0)
    fit, posterior = _fit_and_posterior(decoder)
    return Heard(words, math.sqrt(fit * posterior), _alternatives(decoder), fit)


def _words(hypothesis: str) -> str:
    return " ".join(word for word in hypothesis.split() if word not in _NOT_WORDS)


def _fit_and_posterior(decoder: Any) -> tuple[float, float]:
    """The words' acoustic fit (0..1) and their mean lattice posterior (see SphinxRecogniser)."""
    total, frames = 0.0, 0
    posteriors = []
    for segment in decoder.seg():
        if segment.word in _NOT_WORDS or segment.word.startswith("["):
            continue
        posteriors.append(max(0.0, min(1.0, segment.prob)))
        # The binding gives exp(score); a score too low for a double is as bad as -inf.
        total += (
            math.log(segment.ascore)
            if segment.ascore > 0
            else _WORST_FRAME_FIT * (segment.end_frame - segment.start_frame + 1)
        )
        frames += segment.end_frame - segment.start_frame + 1
    if not frames:
        return 0.0, 0.0
    return fit_confidence(total / frames), sum(posteriors) / len(posteriors)


def _alternatives(decoder: Any) -> tuple[Alternative, ...]:
    """The n-best word sequences (fillers dropped, each once), best first, each with its share:
    a softmax over their path scores. The binding gives each score as exp of pocketsphinx's
    scaled log score, whose rivals differ by hundredths, so they are sharpened by
    NBEST_SHARPNESS; 10 to 30 give the same figures on the spoken set."""
    scores: dict[str, float] = {}
    for hypothesis in itertools.islice(decoder.nbest(), NBEST_PATHS):
        if hypothesis is None or hypothesis.score <= 0:
            continue
        words = _words(hypothesis.hypstr)
        if words:
            scores.setdefault(words, math.log(hypothesis.score))
        if len(scores) == NBEST:
            break
    if not scores:
        return ()
    best = max(scores.values())
    weights = {text: math.exp(NBEST_SHARPNESS * (score - best)) for text, score in scores.items()}
    total = sum(weights.values())
    return tuple(Alternative(text, weight / total) for text, weight in weights.items())


def _peak(pcm: bytes) -> int:
    samples = array.array("h", pcm[: len(pcm) - len(pcm) % 2])
    if sys.byteorder == "big":
        samples.byteswap()
    return max((abs(sample) for sample in samples), default=0)


def fit_confidence(fit: float) -> float:
    """A frame fit (natural log per 10 ms frame) as 0..1: clear speech of the skill's words by
    a neural voice lands about -1.5 to -4.5, reversed speech forced onto words -4 to -6.5."""
    return max(0.0, min(1.0, (fit - FIT_FLOOR) / (FIT_CEILING - FIT_FLOOR)))


def _installed_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("pocketsphinx")
    except PackageNotFoundError:
        return "unknown"
