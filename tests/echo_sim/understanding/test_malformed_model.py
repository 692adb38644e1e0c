"""A malformed interaction model fails at start-up, naming the file and the fault."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from alexa_model.problem import ModelError
from echo_sim.understanding.matcher import Matcher
from tests.echo_sim.understanding.conftest import pizza_model


def _write(tmp_path: Path, document: Any) -> Path:
    path = tmp_path / "model.json"
    path.write_text(document if isinstance(document, str) else json.dumps(document))
    return path


def test_invalid_json_names_the_file_and_the_line(tmp_path: Path) -> None:
    path = _write(tmp_path, '{"interactionModel":\n  {"languageModel": [}')
    with pytest.raises(ModelError, match=r"model\.json: not valid JSON at line 2"):
        Matcher.from_file(path)


def test_missing_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match=r"nothing\.json: cannot read"):
        Matcher.from_file(tmp_path / "nothing.json")


def test_missing_language_model(tmp_path: Path) -> None:
    with pytest.raises(
        ModelError, match=r"model\.json: interactionModel\.languageModel: the model has no"
    ):
        Matcher.from_file(_write(tmp_path, {"interactionModel": {}}))


def test_sample_with_an_undeclared_slot(tmp_path: Path) -> None:
    document = pizza_model()
    intents = document["interactionModel"]["languageModel"]["intents"]
    intents[1]["samples"].append("where is my {order}")
    with pytest.raises(ModelError, match=r"DeliveryTimeIntent.*\{order\}"):
        Matcher.from_file(_write(tmp_path, document))


def test_slot_of_an_undefined_type(tmp_path: Path) -> None:
    document = pizza_model()
    document["interactionModel"]["languageModel"]["types"] = []
    with pytest.raises(
        ModelError, match=r"model\.json: .*slot 'topping' in OrderPizzaIntent has type 'TOPPING'"
    ):
        Matcher.from_file(_write(tmp_path, document))


def test_wrong_shapes_say_where(tmp_path: Path) -> None:
    document = pizza_model()
    document["interactionModel"]["languageModel"]["intents"][0]["samples"] = "order a pizza"
    with pytest.raises(
        ModelError,
        match=r"intents\[OrderPizzaIntent\]\.samples: 'samples' of OrderPizzaIntent must be a list",
    ):
        Matcher.from_file(_write(tmp_path, document))


def test_an_intent_declared_twice(tmp_path: Path) -> None:
    document = pizza_model()
    intents = document["interactionModel"]["languageModel"]["intents"]
    intents.append(dict(intents[1]))
    with pytest.raises(ModelError, match="intent 'DeliveryTimeIntent' is declared more than once"):
        Matcher.from_file(_write(tmp_path, document))


def test_model_error_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="invocationName"):
        Matcher({"interactionModel": {"languageModel": {"intents": []}}})


def test_bare_language_model_is_accepted() -> None:
    bare = pizza_model()["interactionModel"]
    assert Matcher(bare).invocation_name == "pizza palace"
