"""Shared fixtures: the real en-GB model and a small pizza skill to show the matcher is generic."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from alexa_model.builtins import FALLBACK_INTENT, HELP_INTENT, STOP_INTENT, YES_INTENT
from echo_sim.understanding.matcher import Matcher

REPO = Path(__file__).resolve().parents[3]
EN_GB_MODEL = REPO / "interaction_models" / "en-GB.json"
UTTERANCES = REPO / "skill" / "backpain_tools" / "utterances" / "en-GB"

# The pizza model's own intents.
ORDER_PIZZA = "OrderPizzaIntent"
DELIVERY_TIME = "DeliveryTimeIntent"
NOTE = "NoteIntent"


def pizza_model(with_fallback: bool = True) -> dict[str, Any]:
    """A different skill: ordering pizza, with synonyms, an AMAZON.NUMBER and a free-text slot."""
    intents: list[dict[str, Any]] = [
        {
            "name": ORDER_PIZZA,
            "slots": [
                {"name": "topping", "type": "TOPPING"},
                {"name": "count", "type": "AMAZON.NUMBER"},
            ],
            "samples": [
                "order a {topping} pizza",
                "i want a {topping} pizza",
                "i would like {count} {topping} pizzas",
                "order {count} pizzas",
                "get me {count} {topping} pizzas please",
            ],
        },
        {
            "name": DELIVERY_TIME,
            "samples": [
                "when will my pizza arrive", "how long is the delivery", "where is my order",
            ],
        },
        {
            "name": NOTE,
            "slots": [{"name": "note", "type": "AMAZON.SearchQuery"}],
            "samples": ["add a note saying {note}", "tell the driver {note}"],
        },
        {"name": YES_INTENT, "samples": []},
        {"name": STOP_INTENT, "samples": []},
        {"name": HELP_INTENT, "samples": []},
    ]
    if with_fallback:
        intents.append({"name": FALLBACK_INTENT, "samples": []})
    return {
        "interactionModel": {
            "languageModel": {
                "invocationName": "pizza palace",
                "intents": intents,
                "types": [
                    {
                        "name": "TOPPING",
                        "values": [
                            {"id": "MARGHERITA", "name": {"value": "margherita",
                                                          "synonyms": ["cheese and tomato"]}},
                            {"id": "PEPPERONI", "name": {"value": "pepperoni",
                                                         "synonyms": ["spicy sausage"]}},
                            {"id": "HAWAIIAN", "name": {"value": "hawaiian",
                                                        "synonyms": ["ham and pineapple"]}},
                        ],
                    }
                ],
            }
        }
    }  # fmt: skip


@pytest.fixture(scope="session")
def en_gb() -> Matcher:
    return Matcher.from_file(EN_GB_MODEL)


@pytest.fixture(scope="session")
def pizza() -> Matcher:
    return Matcher(pizza_model())
