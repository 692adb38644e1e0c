"""Reading APL screens generically: datasource text, touch targets, simple data binding."""

from __future__ import annotations

from typing import Any

from echo_sim.device.screen_view import find_screen
from tests.echo_sim.tiny.skill import QUESTION_DATA, QUESTION_DOCUMENT


def render(document: dict[str, Any], datasources: dict[str, Any], token: str = "t") -> Any:
    return find_screen(
        [
            {"type": "Speak"},
            {
                "type": "Alexa.Presentation.APL.RenderDocument",
                "token": token,
                "document": document,
                "datasources": datasources,
            },
        ]
    )


def test_no_render_document_no_screen() -> None:
    assert find_screen([]) is None
    assert find_screen([{"type": "Dialog.Delegate"}]) is None


def test_layouts_and_data_arrays_are_expanded_to_find_buttons() -> None:
    screen = render(QUESTION_DOCUMENT, QUESTION_DATA, token="question")
    assert screen.token == "question"
    assert [(t.label, t.arguments) for t in screen.targets] == [
        ("Yes", ("answer", "YES")),
        ("No", ("answer", "NO")),
    ]
    assert screen.title == "Tiny question"
    assert ("question.text", "Do you like counting?") in screen.fields
    assert screen.find_target("YES") == screen.targets[0]  # label, any case
    assert screen.find_target("2") == screen.targets[1]
    assert screen.find_target("3") is None


def test_named_datasource_parameters_and_alexa_buttons() -> None:
    document = {
        "type": "APL",
        "mainTemplate": {
            "parameters": ["checkData"],
            "item": {
                "type": "Container",
                "items": [
                    {
                        "type": "AlexaButton",
                        "buttonText": "${checkData.yes}",
                        "primaryAction": {
                            "type": "Sequential",
                            "commands": [{"type": "SendEvent", "arguments": ["yes", 1]}],
                        },
                    },
                    {
                        "type": "TouchWrapper",
                        "onPress": {"type": "SendEvent", "arguments": ["${checkData.noId}"]},
                        "item": {"type": "Text", "text": "<b>No</b> thanks"},
                    },
                    {"type": "TouchWrapper", "onPress": {"type": "SetPage", "value": 1}},
                ],
            },
        },
    }
    datasources = {
        "checkData": {
            "headerTitle": "Check",
            "yes": "Yes please",
            "noId": "no",
            "logoUrl": "https://x",
        }
    }
    screen = render(document, datasources)
    assert [(t.label, t.arguments) for t in screen.targets] == [
        ("Yes please", ("yes", 1)),
        ("No thanks", ("no",)),
    ]
    assert screen.title == "Check"
    assert all("http" not in text for _, text in screen.fields)
    assert screen.find_target("no") == screen.targets[1]  # by its SendEvent argument
    assert screen.find_target("yes p") == screen.targets[0]  # a unique label prefix


def test_the_text_rendering_lists_the_screen_and_its_buttons() -> None:
    text = render(QUESTION_DOCUMENT, QUESTION_DATA).render()
    assert text.splitlines()[0] == "[screen: Tiny question]"
    assert "Do you like counting?" in text
    assert "[1] Yes   [2] No" in text


def test_unusual_documents_do_not_crash() -> None:
    odd = {
        "layouts": {"Loop": {"item": {"type": "Loop"}}},
        "mainTemplate": {
            "parameters": [{"name": "payload"}],
            "items": [
                {"type": "Loop"},
                {"type": "TouchWrapper", "onPress": [{"type": "SendEvent"}]},
                {"type": "Text", "text": "${payload.missing.deep} ${1 + 2}"},
                {"type": "Sequence", "data": "${payload.list}", "item": {"type": "Text"}},
            ],
        },
    }
    screen = render(odd, {"list": "not a list"})
    assert [t.arguments for t in screen.targets] == [()]
    assert find_screen([{"type": "Alexa.Presentation.APL.RenderDocument", "document": "x"}])
