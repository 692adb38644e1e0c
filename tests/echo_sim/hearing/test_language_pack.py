"""The recogniser's language comes from the interaction model: the corpus, the dictionary with
its grapheme-to-phoneme words, and a cache that is rebuilt when the model changes."""

from __future__ import annotations

import io
import json
from collections import Counter
from pathlib import Path

import pytest

from alexa_model.builtins import NO_INTENT, YES_INTENT
from alexa_model.reader import load_model, parse_model
from backpain import intents
from echo_sim.hearing import HearingUnavailable, recogniser_for
from echo_sim.hearing.corpus import (
    LAUNCH,
    SHORT_WEIGHT,
    SHORT_WORDS,
    SPREAD_FROM,
    contracted,
    intent_sentences,
    weighted_corpus,
    words_of,
)
from echo_sim.hearing.engines import ENGINE_VARIABLE
from echo_sim.hearing.language_pack import language_pack
from echo_sim.hearing.pronunciation import ipa_to_cmu
from echo_sim.understanding import cmu_dictionary
from tests.echo_sim.hearing.conftest import EN_GB_MODEL
from tests.echo_sim.understanding.conftest import ORDER_PIZZA, pizza_model


def _sentences(model_document: dict) -> dict[str, set[str]]:
    groups = intent_sentences(parse_model(model_document))
    return {
        intent: {" ".join(sentence) for template in templates for sentence in template}
        for intent, templates in groups.items()
    }


def test_every_slot_value_and_synonym_is_expanded_into_the_samples() -> None:
    sentences = _sentences(pizza_model())
    order = sentences[ORDER_PIZZA]
    assert "order a margherita pizza" in order
    for value in pizza_model()["interactionModel"]["languageModel"]["types"][0]["values"]:
        for text in (value["name"]["value"], *value["name"].get("synonyms", [])):
            assert f"i want a {text.lower()} pizza" in order


def test_built_in_intents_bring_their_everyday_phrases_and_the_name_its_launch_phrases() -> None:
    sentences = _sentences(pizza_model())
    assert {"yes", "yeah", "sure"} <= sentences[YES_INTENT]
    assert NO_INTENT not in sentences  # the pizza model doesn't declare it
    assert {"open pizza palace", "ask pizza palace", "pizza palace"} <= sentences[LAUNCH]


def test_a_large_slot_type_is_spread_over_its_samples_with_every_phrase_said() -> None:
    model = load_model(EN_GB_MODEL)
    red_flags = model.types["RED_FLAG"]
    phrases = {words_of(phrase) for value in red_flags.values for phrase in value.phrases}
    assert len(phrases) > SPREAD_FROM  # the warning signs' grammar: thousands of phrases
    templates = intent_sentences(model)[intents.DESCRIBE]
    said = {sentence for template in templates for sentence in template}
    # Each sample takes a share, not all: far fewer sentences than samples times phrases...
    assert len(said) < len(templates) * len(phrases) / 10
    # ...yet every phrase is said in some sample, with the words around it.
    text = "\n".join(" ".join(sentence) for sentence in said)
    unsaid = [phrase for phrase in phrases if " ".join(phrase) not in text]
    assert unsaid == []


def test_samples_are_also_heard_contracted() -> None:
    assert contracted(("no", "i", "do", "not")) == ("no", "i", "don't")
    assert contracted(("i", "have", "not", "got", "it")) == ("i've", "not", "got", "it")
    assert contracted(("that", "will", "be", "all")) == ("that'll", "be", "all")
    assert "i don't" in _sentences(json.loads(EN_GB_MODEL.read_text()))[NO_INTENT]


def test_every_intent_weighs_about_the_same_however_many_slot_values_it_has() -> None:
    weights: Counter[str] = Counter()
    for line in weighted_corpus(load_model(EN_GB_MODEL)):
        short = len(line.words) <= SHORT_WORDS
        weights[line.intent] += line.count / SHORT_WEIGHT if short else line.count
    assert min(weights.values()) > 0.75 * max(weights.values())
    assert NO_INTENT in weights and intents.RELIEF in weights


def test_short_answers_weigh_more_than_long_sentences_of_their_intent() -> None:
    model = load_model(EN_GB_MODEL)
    counts = {
        line.words: line.count
        for line in weighted_corpus(model)
        if line.intent == NO_INTENT
    }
    # Compared with a sentence that, like "no", is the only one its sample stands for: a
    # sample that expands to many sentences shares its weight among them.
    alone = [template[0] for template in intent_sentences(model)[NO_INTENT]
             if len(template) == 1]  # fmt: skip
    longest = max(alone, key=len)
    assert len(longest) > SHORT_WORDS
    assert counts[("no",)] == SHORT_WEIGHT * counts[longest] > counts[longest]


def test_ipa_from_espeak_becomes_cmu_phones() -> None:
    assert ipa_to_cmu("saɪˈæɾɪkə") == "S AY AE T IH K AH"
    assert ipa_to_cmu("ˈɑːstɪˌɑːpæθ") == "AA S T IH AA P AE TH"
    assert ipa_to_cmu("tʃˈeɪndʒ") == "CH EY N JH"


def _cmu() -> Path:
    path = cmu_dictionary.bundled_path()
    assert path is not None
    return path


def test_words_the_cmu_dictionary_lacks_are_pronounced_by_espeak_and_listed(
    hearing_cache: Path,
) -> None:
    pack = language_pack(EN_GB_MODEL, _cmu(), "test")
    assert {"sciatica", "physiotherapist", "osteopath"} <= set(pack.guessed)
    dictionary = pack.dictionary.read_text()
    assert "\nsciatica S AY AE T IH K AH\n" in dictionary
    assert "\nno N OW\n" in dictionary  # from the CMU dictionary itself


def test_the_pack_is_cached_and_rebuilt_when_the_model_changes(
    tmp_path: Path, hearing_cache: Path
) -> None:
    model = tmp_path / "en-GB.json"
    document = pizza_model()
    model.write_text(json.dumps(document))
    first = language_pack(model, _cmu(), "test")
    built = first.language_model.stat().st_mtime_ns
    again = language_pack(model, _cmu(), "test")
    assert again.folder == first.folder
    assert again.language_model.stat().st_mtime_ns == built  # not rebuilt
    document["interactionModel"]["languageModel"]["intents"][1]["samples"].append(
        "is my calzone in the oven yet"
    )
    model.write_text(json.dumps(document))
    changed = language_pack(model, _cmu(), "test")
    assert changed.folder != first.folder
    assert "calzone" in changed.language_model.read_text()
    assert first.folder.parent == hearing_cache / "hearing"


def test_another_engine_is_plugged_in_by_configuration(
    monkeypatch: pytest.MonkeyPatch, hearing_cache: Path
) -> None:
    monkeypatch.setenv(ENGINE_VARIABLE, "echo_sim.hearing.sphinx:SphinxRecogniser")
    engine = recogniser_for(EN_GB_MODEL)
    assert type(engine).__name__ == "SphinxRecogniser"
    assert engine.recognise(b"\x00\x00" * 16_000).text == ""
    monkeypatch.setenv(ENGINE_VARIABLE, "no_such_module_here:factory")
    with pytest.raises(HearingUnavailable, match="cannot import 'no_such_module_here'"):
        recogniser_for(EN_GB_MODEL)


def test_weighted_counts_build_the_model_reading_each_sentence_count_times_would() -> None:
    from pocketsphinx.lm import ArpaBoLM

    from echo_sim.hearing.corpus import WeightedLine
    from echo_sim.hearing.language_pack import DISCOUNT_MASS, _count_ngrams

    lines = [
        WeightedLine(NO_INTENT, ("no",), 7),
        WeightedLine(NO_INTENT, ("no", "i", "have", "not"), 2),
        WeightedLine(intents.RELIEF, ("what", "helps", "back", "pain"), 3),
    ]
    text = "".join((" ".join(line.words) + "\n") * line.count for line in lines)
    read = ArpaBoLM(text=text, add_start=True, discount_mass=DISCOUNT_MASS)
    counted = ArpaBoLM(discount_mass=DISCOUNT_MASS)
    _count_ngrams(counted, lines)
    written = []
    for model in (read, counted):
        model.compute()
        arpa = io.StringIO()
        model.write(arpa)
        written.append(arpa.getvalue().split("\\data\\")[1])  # the header counts sentences
    assert written[0] == written[1]
    assert "<s> what helps" in written[1]  # trigrams made it in


def _without_espeak(tmp_path: Path) -> str:
    """A PATH with this Python's own folder only: no espeak-ng (nor espeak) on it."""
    import shutil
    import sys

    path = str(Path(sys.executable).parent)
    assert not shutil.which("espeak-ng", path=path) and not shutil.which("espeak", path=path)
    return path


def test_the_key_names_the_engine_the_dictionary_espeak_and_the_model(
    tmp_path: Path, hearing_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from echo_sim.hearing.language_pack import pack_key

    dictionary = tmp_path / "cmu.dict"
    dictionary.write_text("no N OW\n")
    key = pack_key("1\tAMAZON.NoIntent\tno\n", "pocketsphinx 5.0.4", dictionary)
    assert "pocketsphinx 5.0.4" in key and "espeak-ng 1." in key
    assert key != pack_key("1\tAMAZON.NoIntent\tnope\n", "pocketsphinx 5.0.4", dictionary)
    assert key != pack_key("1\tAMAZON.NoIntent\tno\n", "pocketsphinx 5.0.5", dictionary)
    dictionary.write_text("no N OW\nnope N OW P\n")
    changed = pack_key("1\tAMAZON.NoIntent\tno\n", "pocketsphinx 5.0.4", dictionary)
    assert changed != key
    monkeypatch.setenv("PATH", _without_espeak(tmp_path))
    assert "no espeak-ng" in pack_key("1\tAMAZON.NoIntent\tno\n", "pocketsphinx 5.0.4", dictionary)


def test_a_pack_built_without_espeak_says_so_and_is_rebuilt_when_espeak_appears(
    tmp_path: Path, hearing_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with_espeak = language_pack(EN_GB_MODEL, _cmu(), "test")
    monkeypatch.setenv("PATH", _without_espeak(tmp_path))
    without = language_pack(EN_GB_MODEL, _cmu(), "test")
    assert without.folder != with_espeak.folder
    assert without.guessed == () and "sciatica" in without.missing
    assert "sciatica" not in without.language_model.read_text()
    assert without.notice is not None and "\n" not in without.notice
    assert "without espeak-ng" in without.notice
    assert f"{len(without.missing)} words" in without.notice
    monkeypatch.undo()
    again = language_pack(EN_GB_MODEL, _cmu(), "test")
    assert again.folder == with_espeak.folder and again.notice is None
    assert "sciatica" in again.guessed


def test_rebuild_builds_the_pack_anew(hearing_cache: Path) -> None:
    first = language_pack(EN_GB_MODEL, _cmu(), "test")
    built = first.language_model.stat().st_mtime_ns
    again = language_pack(EN_GB_MODEL, _cmu(), "test", rebuild=True)
    assert again.folder == first.folder
    assert again.language_model.stat().st_mtime_ns != built
