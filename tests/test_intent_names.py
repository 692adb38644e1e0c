"""Intent names are spelt once, in backpain.intents, and that module says what the model says."""

from __future__ import annotations

import ast
import io
import json
import tokenize
from pathlib import Path

import pytest

from alexa_model.builtins import STANDARD_BUILT_INS
from backpain import intents

ROOT = Path(__file__).resolve().parents[1]
MODEL = ROOT / "interaction_models" / "en-GB.json"
# Where the names may be written out: the module that names them, and the generic model reader's
# own list of Amazon's built-ins (alexa_model may not import the skill).
SPELLED_OUT_IN = {"skill/backpain/intents.py", "skill/alexa_model/builtins.py"}
# All the Python: the generic device names Amazon's built-ins through alexa_model.builtins, and
# its tests name this skill's intents through backpain.intents like every other test.
CHECKED = ("skill/backpain", "skill/backpain_web", "skill/backpain_tools", "skill/alexa_model",
           "skill/echo_sim", "benchmarks", "scripts", "tests")


def model_intents() -> set[str]:
    document = json.loads(MODEL.read_text(encoding="utf-8"))
    return {intent["name"] for intent in document["interactionModel"]["languageModel"]["intents"]}


def test_the_module_names_exactly_the_models_intents() -> None:
    assert model_intents() == intents.MODEL_INTENTS


def test_every_constant_is_in_the_sets() -> None:
    named = {
        value for name, value in vars(intents).items()
        if name.isupper() and isinstance(value, str) and not name.endswith("_SLOT")
    }
    assert named == intents.MODEL_INTENTS
    assert intents.SKILL_INTENTS.isdisjoint(intents.AMAZON_INTENTS)


def test_amazons_names_are_real_built_ins() -> None:
    assert intents.AMAZON_INTENTS <= STANDARD_BUILT_INS
    assert not any(name.startswith("AMAZON.") for name in intents.SKILL_INTENTS)


def intent_literals(path: Path) -> list[str]:
    """`line: literal` for each string literal whose whole value is one of the model's intents."""
    source = path.read_text(encoding="utf-8")
    found = []
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type != tokenize.STRING:
            continue
        try:
            value = ast.literal_eval(token.string)
        except (ValueError, SyntaxError):
            continue  # an f-string: its parts are not a name on their own
        if value in intents.MODEL_INTENTS:
            found.append(f"{token.start[0]}: {token.string}")
    return found


@pytest.mark.parametrize("folder", CHECKED)
def test_no_intent_name_is_spelt_out_in_code(folder: str) -> None:
    paths = [
        path for path in sorted((ROOT / folder).rglob("*.py"))
        if path.relative_to(ROOT).as_posix() not in SPELLED_OUT_IN
    ]
    found = {
        path.relative_to(ROOT).as_posix(): literals
        for path in paths
        if (literals := intent_literals(path))
    }
    assert found == {}, "use backpain.intents' constants (alexa_model.builtins in generic code)"
