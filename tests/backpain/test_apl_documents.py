"""APL documents: valid JSON, every datasource key they bind is provided, only for screens."""

from __future__ import annotations

import json
import re

import pytest

from backpain import intents
from backpain.apl_documents import APL_DIR, DATASOURCE, document
from backpain.conversation import every_reply

DOCUMENTS = sorted(path.stem for path in APL_DIR.glob("*.json"))
BINDING = re.compile(r"\$\{([^}]*)\}")
KEY = re.compile(rf"\b{DATASOURCE}\.(\w+)")


def keys_used(name: str) -> set[str]:
    text = json.dumps(document(name))
    return {key for expression in BINDING.findall(text) for key in KEY.findall(expression)}


def test_there_is_a_document_for_every_screen_the_skill_shows():
    shown = {reply.screen.document for _, reply in every_reply() if reply.screen}
    assert shown == set(DOCUMENTS) == {"topic", "question", "outcome"}


@pytest.mark.parametrize("name", DOCUMENTS)
def test_each_document_is_valid_apl_json_bound_to_our_datasource(name):
    raw = json.loads((APL_DIR / f"{name}.json").read_text(encoding="utf-8"))
    assert raw["type"] == "APL"
    assert raw["mainTemplate"]["parameters"] == [DATASOURCE]
    assert raw["mainTemplate"]["items"]
    assert keys_used(name), "a document that binds nothing shows nothing"


@pytest.mark.parametrize(("key", "reply"), [(k, r) for k, r in every_reply() if r.screen])
def test_every_key_a_document_binds_is_in_the_screen_data(key, reply):
    missing = keys_used(reply.screen.document) - set(reply.screen.data)
    assert not missing, f"{key}: {reply.screen.document} binds {sorted(missing)}"
    if reply.screen.document != "question":
        assert reply.screen.data["credit"] == "Content supplied by the NHS website"
        assert reply.screen.data["source"].startswith("https://www.nhs.uk/")


def test_the_question_screen_has_yes_and_no_buttons_that_send_answers():
    text = json.dumps(document("question"))
    assert '"label": "Yes", "value": "yes"' in text
    assert '"label": "No", "value": "no"' in text
    # The third argument names the question, so a late tap cannot answer the next one.
    assert '"arguments": ["answer", "${value}", "${question}"]' in text
    assert '"question": "${backpain.questionId}"' in text


def test_topic_screens_show_title_text_link_and_credit(show):
    said = show.intent(intents.RELIEF, method="EXERCISE")
    (directive,) = said.directives
    assert directive["type"] == "Alexa.Presentation.APL.RenderDocument"
    data = directive["datasources"][DATASOURCE]
    assert data["title"] == "Exercises and stretches"
    assert "walking, swimming, yoga and pilates" in data["text"]
    assert any("pilates" in link for link in data["links"])
    assert data["credit"] == "Content supplied by the NHS website"
