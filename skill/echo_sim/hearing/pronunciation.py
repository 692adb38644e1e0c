"""Pronunciations for the recogniser's dictionary: CMU dictionary entries where it has the word,
espeak-ng's phonemes mapped to CMU phones where it doesn't (grapheme to phoneme)."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from echo_sim.understanding import cmu_entries

# espeak-ng's IPA (American voice) to the CMU phones of pocketsphinx's en-us acoustic model;
# longer symbols first, so "aɪ" is read before "a".
_IPA_TO_CMU = {
    "aɪɚ": "AY ER", "aʊɚ": "AW ER", "ɔːɹ": "AO R", "ɑːɹ": "AA R", "oːɹ": "AO R", "ɪɹ": "IH R",
    "ɛɹ": "EH R", "ʊɹ": "UH R", "aɪ": "AY", "aʊ": "AW", "eɪ": "EY", "oʊ": "OW", "ɔɪ": "OY",
    "ɑː": "AA", "ɔː": "AO", "ɜː": "ER", "iː": "IY", "uː": "UW", "tʃ": "CH", "dʒ": "JH",
    "ɑ": "AA", "æ": "AE", "ʌ": "AH", "ə": "AH", "ɐ": "AH", "ɚ": "ER", "ɜ": "ER", "ɝ": "ER",
    "ɛ": "EH", "e": "EH", "ɪ": "IH", "ᵻ": "IH", "i": "IY", "ɔ": "AO", "ɒ": "AA", "ʊ": "UH",
    "u": "UW", "o": "OW", "a": "AE", "p": "P", "b": "B", "t": "T", "d": "D", "k": "K",
    "g": "G", "ɡ": "G", "f": "F", "v": "V", "θ": "TH", "ð": "DH", "s": "S", "z": "Z",
    "ʃ": "SH", "ʒ": "ZH", "h": "HH", "m": "M", "n": "N", "ŋ": "NG", "l": "L", "ɹ": "R",
    "r": "R", "w": "W", "j": "Y", "ɾ": "T", "ʔ": "T", "x": "K",
}  # fmt: skip
_IPA_SYMBOLS = sorted(_IPA_TO_CMU, key=len, reverse=True)
_IGNORED = set("ˈˌː̩ -‿.'") | {"\u0303", "\u0361"}


@dataclass(frozen=True)
class Pronunciations:
    """The dictionary for a vocabulary, and the words that needed grapheme to phoneme."""

    entries: dict[str, tuple[str, ...]]
    """word -> its pronunciations, each a string of CMU phones ("N OW")."""
    guessed: tuple[str, ...]
    """Words the CMU dictionary lacks, pronounced by espeak-ng."""
    missing: tuple[str, ...]
    """Words with no pronunciation at all (no espeak-ng here): sentences with them are dropped."""

    def dictionary_text(self) -> str:
        """The dictionary in pocketsphinx's format: "word PHONES", then "word(2) PHONES"."""
        lines = []
        for word in sorted(self.entries):
            for number, phones in enumerate(self.entries[word], 1):
                lines.append(f"{word if number == 1 else f'{word}({number})'} {phones}")
        return "\n".join(lines) + "\n"


def read_cmu_dictionary(path: Path, wanted: Iterable[str]) -> dict[str, list[str]]:
    """The entries of a CMU-format dictionary for the wanted words only."""
    wanted = set(wanted)
    found: dict[str, list[str]] = {}
    for word, phones in cmu_entries(path):
        if word in wanted:
            found.setdefault(word, []).append(phones)
    return found


def ipa_to_cmu(ipa: str) -> str:
    """espeak-ng IPA as CMU phones; symbols with no CMU counterpart are left out."""
    phones: list[str] = []
    position = 0
    while position < len(ipa):
        if ipa[position] in _IGNORED:
            position += 1
            continue
        symbol = next((s for s in _IPA_SYMBOLS if ipa.startswith(s, position)), None)
        if symbol is None:
            position += 1
            continue
        phones.append(_IPA_TO_CMU[symbol])
        position += len(symbol)
    return " ".join(phones)


def espeak_phonemes(words: list[str], espeak: str) -> dict[str, str]:
    """Each word's CMU phones by way of espeak-ng (one process for all words, one a line)."""
    if not words:
        return {}
    result = subprocess.run(
        [espeak, "-q", "--ipa", "-v", "en-us"],
        input="\n".join(words) + "\n",
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    lines = [line.strip() for line in result.stdout.splitlines() if line.strip()]
    if result.returncode != 0 or len(lines) != len(words):
        # Fall back to one call a word: espeak-ng may have merged or split lines.
        lines = [
            subprocess.run([espeak, "-q", "--ipa", "-v", "en-us", word], capture_output=True,
                           text=True, check=False, timeout=10).stdout.strip()
            for word in words
        ]  # fmt: skip
    return {word: phones for word, ipa in zip(words, lines, strict=True)
            if (phones := ipa_to_cmu(ipa))}  # fmt: skip


def espeak_program() -> str | None:
    """espeak-ng (or espeak) on PATH, or None."""
    return shutil.which("espeak-ng") or shutil.which("espeak")


def espeak_version(program: str) -> str:
    """The version line espeak-ng gives ("1.51"), or "unknown" when it gives none."""
    try:
        result = subprocess.run([program, "--version"], capture_output=True, text=True,
                                check=False, timeout=10)  # fmt: skip
    except (OSError, subprocess.SubprocessError):
        return "unknown"
    # "eSpeak NG text-to-speech: 1.51  Data at: /usr/lib/..."
    head, _, rest = result.stdout.partition("text-to-speech:")
    version = rest.split()[:1] or head.split()[-1:]
    return version[0] if version else "unknown"


def pronounce(vocabulary: Iterable[str], cmu_dictionary: Path) -> Pronunciations:
    words = sorted(set(vocabulary))
    known = read_cmu_dictionary(cmu_dictionary, words)
    unknown = [word for word in words if word not in known]
    espeak = espeak_program()
    guessed = espeak_phonemes(unknown, espeak) if espeak else {}
    entries = {word: tuple(phones) for word, phones in known.items()}
    entries.update({word: (phones,) for word, phones in guessed.items()})
    return Pronunciations(
        entries=entries,
        guessed=tuple(sorted(guessed)),
        missing=tuple(word for word in unknown if word not in guessed),
    )
