"""The recogniser's language pack for one interaction model: a trigram language model and a
pronunciation dictionary, built at first use and cached on disk under a key that names everything
the pack was made from (the model's language, the engine, the dictionary, and espeak-ng)."""

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
from echo_sim.hearing.pronunciation import espeak_program, espeak_version, pronounce

# Bumped when what goes into a pack changes in a way the corpus text doesn't show.
PACK_FORMAT = "5"
LM_FILE, DICTIONARY_FILE, GUESSED_FILE = "skill.lm", "skill.dict", "guessed-words.txt"
MISSING_FILE, CORPUS_FILE, KEY_FILE = "unsayable-words.txt", "corpus.txt", "key.txt"
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
    missing: tuple[str, ...] = ()
    """Words of the model with no pronunciation (no espeak-ng when it was built): unhearable."""

    @property
    def notice(self) -> str | None:
        """One line for the user when the pack can't hear some of the model's words."""
        if not self.missing:
            return None
        shown = ", ".join(self.missing[:4]) + (", ..." if len(self.missing) > 4 else "")
        return (
            f"hearing: built without espeak-ng, so {len(self.missing)} words of the model can't "
            f"be heard ({shown}); install espeak-ng and the pack is rebuilt"
        )

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


def pack_key(corpus: str, engine_version: str, cmu_dictionary: Path) -> str:
    """Everything a pack depends on, as text: its format, the engine, the dictionary's hash,
    whether espeak-ng (and which version) guessed the words the dictionary lacks, and the model's
    language (the weighted corpus, which every change to the model's words changes)."""
    espeak = espeak_program()
    guesser = f"espeak-ng {espeak_version(espeak)}" if espeak else "no espeak-ng"
    return (
        f"pack format {PACK_FORMAT}\n{engine_version}\n"
        f"dictionary sha256 {_file_hash(cmu_dictionary)}\n{guesser}\n"
        f"model language sha256 {hashlib.sha256(corpus.encode()).hexdigest()}\n"
    )


def _file_hash(path: Path) -> str:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError as error:
        raise HearingUnavailable(f"cannot read the dictionary {path}: {error.strerror}") from error


def language_pack(
    model_path: str | Path, cmu_dictionary: Path, engine_version: str, rebuild: bool = False
) -> LanguagePack:
    """The pack for this model, from the cache when nothing it depends on has changed
    (`rebuild` builds it anew all the same)."""
    lines = weighted_corpus(load_model(model_path))
    corpus = _corpus_text(lines)
    key = pack_key(corpus, engine_version, cmu_dictionary)
    folder = cache_root() / hashlib.sha256(key.encode()).hexdigest()[:16]
    if rebuild and folder.exists():
        shutil.rmtree(folder, ignore_errors=True)
    if not (folder / LM_FILE).is_file():
        _build(folder, lines, corpus, key, cmu_dictionary)
    guessed = (folder / GUESSED_FILE).read_text(encoding="utf-8").split()
    missing = (folder / MISSING_FILE).read_text(encoding="utf-8").split()
    return LanguagePack(folder, tuple(guessed), tuple(missing))


def _build(
    folder: Path, lines: list[WeightedLine], corpus: str, key: str, cmu_dictionary: Path
) -> None:
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
        (building / MISSING_FILE).write_text("\n".join(words.missing) + "\n", encoding="utf-8")
        (building / CORPUS_FILE).write_text(corpus, encoding="utf-8")
        (building / KEY_FILE).write_text(key, encoding="utf-8")
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
