"""`backpain coverage`: literal coverage by the model versus the device's fuzzy matching."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from alexa_model.builtins import FALLBACK_INTENT, YES_INTENT
from backpain_tools.cli import main
from echo_sim.understanding.literal_coverage import LiteralSamples, cover, utterances_in
from echo_sim.understanding.matcher import Matcher
from tests.echo_sim.tiny import intents as tiny_intents

TINY = Path(__file__).parents[1] / "tiny" / "en-GB.json"


@pytest.fixture(scope="module")
def tiny() -> Matcher:
    return Matcher.from_file(TINY)


def test_a_sample_with_a_slot_synonym_filled_in_is_literal(tiny):
    literal = LiteralSamples(tiny.model)
    assert literal.find("My favourite colour is Sky Blue!") == (
        tiny_intents.COLOUR, "my favourite colour is {colour}",
    )  # fmt: skip
    assert literal.find("I'd like crimson") is None
    # A built-in intent's usual phrases count, as virtual-alexa knows them.
    assert literal.find("yes please") == (YES_INTENT, "yes please")


def test_each_utterance_is_literal_fuzzy_or_not_heard(tiny):
    results = {r.text: r for r in cover(["count up", "please count upwards", "bake a cake",
                                         "open tiny counter"], tiny)}  # fmt: skip
    assert results["count up"].kind == "literal"
    assert results["please count upwards"].kind == "fuzzy"
    assert results["please count upwards"].intent == tiny_intents.COUNT
    assert results["bake a cake"].kind == "fallback"
    assert results["open tiny counter"].intent == "LaunchRequest"


def test_utterances_come_from_text_files_and_any_yaml_with_text_or_say(tmp_path):
    (tmp_path / "lines.txt").write_text("# a comment\ncount up\n\n---\ni like red\n")
    (tmp_path / "fixture.yaml").write_text("sentences:\n  - text: count again\n")
    (tmp_path / "transcript.yaml").write_text("turns:\n  - say: explode\n  - launch: true\n")
    assert utterances_in(tmp_path) == ["count again", "count up", "i like red", "explode"]


def test_the_command_prints_one_line_each_and_a_summary(tmp_path, capsys):
    lines = tmp_path / "lines.txt"
    lines.write_text("count up\nplease count upwards\nbake a cake\n")
    assert main(["coverage", "--model", str(TINY), str(lines)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].split()[:2] == ["literal", tiny_intents.COUNT]
    assert out[1].split()[:2] == ["fuzzy", tiny_intents.COUNT]
    assert out[2].split()[:2] == ["fallback", FALLBACK_INTENT]
    assert out[3] == (
        "3 utterances: 1 covered literally by the model (33%), 1 heard only through the "
        "device's fuzzy matching, 1 not heard (fallback)"
    )


def test_json_lines_and_summary_only(tmp_path, capsys):
    lines = tmp_path / "lines.txt"
    lines.write_text("count up\n")
    assert main(["coverage", "--json", "--model", str(TINY), str(lines)]) == 0
    captured = capsys.readouterr()
    assert json.loads(captured.out)["kind"] == "literal"
    assert "1 utterances" in captured.err
    assert main(["coverage", "--summary", "--model", str(TINY), str(lines)]) == 0
    assert capsys.readouterr().out.startswith("1 utterances: 1 covered literally")


@pytest.mark.parametrize(
    ("content", "message"),
    [(None, "No such file"), ("sentences: [", "is not valid YAML (line")],
)
def test_a_bad_file_is_one_clear_line_and_exit_2(tmp_path, capsys, content, message):
    path = tmp_path / "bad.yaml"
    if content is not None:
        path.write_text(content)
    assert main(["coverage", str(path)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("backpain coverage: ") and message in err and "\n" not in err


def test_the_project_fixtures_are_reported(capsys):
    root = Path(__file__).resolve().parents[3]
    assert main(["coverage", "--summary", str(root / "tests" / "transcripts")]) == 0
    assert "covered literally by the model" in capsys.readouterr().out
