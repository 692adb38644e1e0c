"""The recogniser's language pack for one interaction model: a trigram language model and a
pronunciation dictionary, built at first use and cached on disk until the model changes."""

from __future__ import annotations

import hashlib
import io
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from alexa_model.reader import load_model
from echo_sim.hearing.corpus import WeightedLine, vocabulary, weighted_corpus
from echo_sim.hearing.everyday_words import EVERYDAY_WORDS
from echo_sim.hearing.heard import HearingUnavailable
from echo_sim.hearing.pronunciation import pronounce

# Bumped when what goes into a pack changes in a way the corpus text doesn't show.
PACK_FORMAT = "4"
LM_FILE, DICTIONARY_FILE, GUESSED_FILE = "skill.lm", "skill.dict", "guessed-words.txt"
CORPUS_FILE = "corpus.txt"
DISCOUNT_MASS = 0.3
"""The share of each n-gram's probability given to back-off. ArpaBoLM's default (0.5) suits
open text; a skill's language is mostly its own sentences, so less goes to word sequences
it never has (benchmarks/hearing.py: hibari in noise and espeak-ng both gained)."""
EVERYDAY_SHARE = 3.5e-7
"""The share of the corpus's words each everyday word the model does not use gets: a small
one, enough to hear such a word as itself. (It was a count of 10 in 28 million words; a fixed
count shrank whenever the weights grew.)"""


@dataclass(frozen=True)
class LanguagePack:
    """Files a recogniser loads: where they are, and which words espeak-ng pronounced."""

    folder: Path
    guessed: tuple[str, ...]

    @property
    def language_model(self) -> Path:
        return self.folder / LM_FILE

    @property
    def dictionary(self) -> Path:
        return self.folder / DICTIONARY_FILE


def cache_root() -> Path:
    """Where packs are kept: $ECHO_SIM_CACHE_DIR, else the user's cache folder (never the repo)."""
    explicit = os.environ.get("ECHO_SIM_CACHE_DIR")
    if explicit:
        return Path(explicit) / "hearing"
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "echo-sim" / "hearing"


def _corpus_text(lines: list[WeightedLine]) -> str:
    return "".join(f"{line.count}\t{line.intent}\t{' '.join(line.words)}\n" for line in lines)


def language_pack(
    model_path: str | Path, cmu_dictionary: Path, engine_version: str
) -> LanguagePack:
    """The pack for this model, from the cache when the model's language hasn't changed."""
    lines = weighted_corpus(load_model(model_path))
    corpus = _corpus_text(lines)
    key = hashlib.sha256(f"{PACK_FORMAT}\n{engine_version}\n{corpus}".encode()).hexdigest()[:16]
    folder = cache_root() / key
    if not (folder / LM_FILE).is_file():
        _build(folder, lines, corpus, cmu_dictionary)
    guessed = (folder / GUESSED_FILE).read_text(encoding="utf-8").split()
    return LanguagePack(folder, tuple(guessed))


def _build(folder: Path, lines: list[WeightedLine], corpus: str, cmu_dictionary: Path) -> None:
    from pocketsphinx.lm import ArpaBoLM

    words = pronounce(vocabulary(lines) | set(EVERYDAY_WORDS), cmu_dictionary)
    unsayable = set(words.missing)
    sayable = [line for line in lines if not unsayable.intersection(line.words)]
    if not sayable:
        raise HearingUnavailable("the interaction model has no sentence the recogniser can say")
    model = ArpaBoLM(discount_mass=DISCOUNT_MASS)
    _count_ngrams(model, sayable)
    everyday = max(1, round(EVERYDAY_SHARE * sum(model.grams_1.values())))
    for word in EVERYDAY_WORDS:
        if word not in model.grams_1 and word in words.entries:
            model.grams_1[word] = everyday
    model.compute()
    arpa = io.StringIO()
    model.write(arpa)
    try:
        folder.parent.mkdir(parents=True, exist_ok=True)
        # Built beside its final place and renamed, so two processes never see half a pack.
        building = Path(tempfile.mkdtemp(prefix=".building-", dir=folder.parent))
        (building / LM_FILE).write_text(arpa.getvalue(), encoding="utf-8")
        (building / DICTIONARY_FILE).write_text(words.dictionary_text(), encoding="utf-8")
        (building / GUESSED_FILE).write_text("\n".join(words.guessed) + "\n", encoding="utf-8")
        (building / CORPUS_FILE).write_text(corpus, encoding="utf-8")
        try:
            building.rename(folder)
        except OSError:  # another process finished first: its pack is the same
            shutil.rmtree(building, ignore_errors=True)
    except OSError as error:
        raise HearingUnavailable(
            f"cannot write the recogniser's cache in {folder.parent}: {error.strerror}"
        ) from error


def _count_ngrams(model: Any, lines: list[WeightedLine]) -> None:
    """Each sentence's unigrams, bigrams and trigrams (with <s> and </s>) added `count` times
    into the builder's tables: the same model as reading the sentence `count` times, without
    writing and parsing that much text (the counts reach tens of thousands)."""
    for line in lines:
        words = ("<s>", *line.words, "</s>")
        for index, word in enumerate(words):
            model.grams_1[word] += line.count
            if index + 1 < len(words):
                model.grams_2[word][words[index + 1]] += line.count
                if index + 2 < len(words):
                    model.grams_3[word][words[index + 1]][words[index + 2]] += line.count
        model.sent_count += line.count
