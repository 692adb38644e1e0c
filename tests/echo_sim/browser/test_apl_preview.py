"""The screen preview: APL expressions, and the skill's documents drawn from real replies."""

from __future__ import annotations

from typing import Any

import pytest

from backpain.content import content_for
from backpain_tools.offline_device import BACK_PAIN_GUIDE
from echo_sim.browser.apl_expression import ExpressionError, bind, evaluate
from echo_sim.browser.apl_preview import Viewport, render, touch_arguments
from echo_sim.device.echo import VirtualEcho
from echo_sim.device.envelope import ECHO_SHOW
from echo_sim.device.screen_view import RENDER_DOCUMENT
from echo_sim.device.skill_and_model import load_matcher, model_path, skill_responder

FIRST_QUESTION = content_for("en-GB").checklist.questions[0]
"""The check's first question in the content the suite runs on (the seed, or a test edition)."""

SHOW_8 = Viewport("Echo Show 8", 1280, 800, 213)
SCOPE = {"backpain": {"urgent": True, "title": "Causes", "links": ["a", "b"], "n": 3}}
RESOURCES = {"urgent": "#D5281B", "nhsBlue": "#005EB8"}


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        ("backpain.urgent ? @urgent : @nhsBlue", "#D5281B"),
        ("!backpain.urgent ? '48dp' : '40dp'", "40dp"),
        ("backpain.links[1]", "b"),
        ("backpain['title']", "Causes"),
        ("backpain.links.length", 2),
        ("backpain.n * 2 + 1", 7),
        ("backpain.n >= 3 && backpain.title == 'Causes'", True),
        ("backpain.missing || 'fallback'", "fallback"),
        ("(1 + 2) * 3", 9),
        ("'a' + backpain.n", "a3"),
        ("null", None),
    ],
)
def test_expressions_evaluate_as_apl_does(expression: str, expected: Any) -> None:
    assert evaluate(expression, SCOPE, RESOURCES) == expected


def test_text_with_several_expressions_becomes_text_and_one_expression_keeps_its_type() -> None:
    assert bind("${backpain.title} · ${backpain.n}", SCOPE, RESOURCES) == "Causes · 3"
    assert bind("${backpain.links}", SCOPE, RESOURCES) == ["a", "b"]
    assert bind("@nhsBlue", SCOPE, RESOURCES) == "#005EB8"
    assert bind("${backpain.nothing}!", SCOPE, RESOURCES) == "!"


@pytest.mark.parametrize("expression", ["Math.min(1, 2)", "a ? b", "1 +", "'open"])
def test_what_the_preview_cannot_evaluate_is_an_error_it_can_name(expression: str) -> None:
    with pytest.raises(ExpressionError):
        evaluate(expression, SCOPE, RESOURCES)


def _screens(*utterances: str) -> list[dict[str, Any]]:
    matcher = load_matcher(model_path(BACK_PAIN_GUIDE))
    echo = VirtualEcho(skill_responder(BACK_PAIN_GUIDE), matcher, profile=ECHO_SHOW)
    directives = []
    for turn in [echo.launch(), *(echo.hear(u) for u in utterances)]:
        directives += [dict(d) for d in turn.directives if d.get("type") == RENDER_DOCUMENT]
    return directives


def test_the_question_screen_draws_the_question_and_buttons_that_send_the_devices_events() -> None:
    directive = _screens("check my symptoms")[-1]
    preview = render(directive, SHOW_8)
    assert "Question 1 of 10" in preview.html
    assert FIRST_QUESTION.text in preview.html
    # The same arguments the terminal device finds in the same document: what a touch sends.
    matcher = load_matcher(model_path(BACK_PAIN_GUIDE))
    echo = VirtualEcho(skill_responder(BACK_PAIN_GUIDE), matcher, profile=ECHO_SHOW)
    echo.launch()
    echo.hear("check my symptoms")
    assert echo.screen is not None
    assert list(touch_arguments(preview.html)) == [list(t.arguments) for t in echo.screen.targets]
    assert preview.notes == ()
    assert 'style="width:962px;height:601px"' in preview.html  # 1280 x 800 px at 213 dpi


def test_the_urgent_outcome_is_drawn_in_the_documents_urgent_red() -> None:
    directive = _screens("check my symptoms", "yes")[-1]
    preview = render(directive, Viewport("Echo Show 10", 1280, 800, 160))
    assert "background-color:#D5281B" in preview.html
    assert "font-size:48px" in preview.html
    assert "Content supplied by the NHS website" in preview.html
    assert not list(touch_arguments(preview.html))


def test_a_topic_screen_draws_every_link_from_its_data_driven_container() -> None:
    directive = _screens("what causes back pain")[-1]
    links = directive["datasources"]["backpain"]["links"]
    preview = render(directive, SHOW_8)
    assert links and all(link in preview.html for link in links)
    assert preview.html.count("apl-Text") >= 3 + len(links)


def test_text_is_escaped_and_only_apl_markup_survives() -> None:
    directive = {
        "token": "t",
        "document": {
            "type": "APL",
            "mainTemplate": {
                "parameters": ["payload"],
                "item": {"type": "Text", "text": "${payload.words}"},
            },
        },
        "datasources": {"payload": {"words": "<script>x</script> <b>bold</b><br>next"}},
    }
    shown = render(directive, SHOW_8).html
    assert "<script>" not in shown and "&lt;script&gt;" in shown
    assert "<b>bold</b><br>next" in shown


def test_unknown_components_and_self_including_layouts_are_named_not_fatal() -> None:
    directive = {
        "document": {
            "type": "APL",
            "layouts": {"Loop": {"item": {"type": "Loop"}}},
            "mainTemplate": {
                "items": [
                    {
                        "type": "Container",
                        "items": [
                            {"type": "Video", "source": "x"},
                            {"type": "Loop"},
                            {"type": "Text", "text": "${Math.max(1, 2)}"},
                        ],
                    }
                ]
            },
        },
        "datasources": {},
    }
    preview = render(directive, SHOW_8)
    assert "Video: not previewed" in preview.html
    assert "component Video is not previewed" in preview.notes
    assert any("not evaluated" in note for note in preview.notes)
    assert render({"document": "nonsense"}, SHOW_8).notes
