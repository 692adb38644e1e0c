"""Rules every response obeys: valid SSML, Alexa's size limits, reprompts, NHS credit."""

from __future__ import annotations

import json
from xml.etree import ElementTree

import pytest

from backpain import intents
from backpain.conversation import every_reply
from backpain.speech import MAX_SPEECH_CHARS, all_speech, ssml
from tests.alexa_model.fixtures import en_gb_model

REPLIES = list(every_reply("en-GB"))
INTENTS = [intent.name for intent in en_gb_model().intents]


@pytest.mark.parametrize(("key", "reply"), REPLIES, ids=[key for key, _ in REPLIES])
def test_every_reply_is_well_formed_ssml_within_limits(key, reply):
    for text in (reply.speech, reply.reprompt):
        if text is None:
            continue
        document = ssml(text)
        root = ElementTree.fromstring(document)  # raises on any unescaped & < >
        assert root.tag == "speak"
        assert len(document) < MAX_SPEECH_CHARS
    if reply.card is not None:
        assert len(reply.card.title) + len(reply.card.text) < 8000
        assert "Content supplied by the NHS website" in reply.card.text
        assert "https://www.nhs.uk/" in reply.card.text


def test_speech_escapes_whatever_the_content_says():
    root = ElementTree.fromstring(ssml('Fish & chips <b>bold</b> "quoted" NHS 111'))
    assert "".join(root.itertext()) == 'Fish & chips <b>bold</b> "quoted" NHS 111'
    assert root.find("say-as").attrib == {"interpret-as": "digits"}


def test_all_speech_lists_each_distinct_line_once_for_reviewers():
    lines = all_speech("en-GB")
    texts = [document for _, document in lines]
    assert len(texts) == len(set(texts))
    assert len(lines) > 60
    keys = {key for key, _ in lines}
    assert {
        "launch",
        "topic.relief",
        "check.urgent.serious_accident",
        "safety.cannot_call",
        "check.all_clear",
    } <= keys


@pytest.mark.parametrize("profile", ["talk", "show"])
@pytest.mark.parametrize("before", [None, intents.CAUSES, intents.CHECK])
@pytest.mark.parametrize("intent", INTENTS)
def test_every_response_reprompts_exactly_when_it_stays_open(request, profile, before, intent):
    conversation = request.getfixturevalue(profile)
    if before:
        conversation.intent(before)
    said = conversation.intent(intent)
    size = len(json.dumps(said.envelope).encode("utf-8"))
    assert size < 24 * 1024, f"response is {size} bytes"
    ElementTree.fromstring(said.ssml)
    if said.ends:
        assert said.reprompt is None
    else:
        assert said.reprompt, "an open session must reprompt"
        ElementTree.fromstring(said.reprompt)
    if said.card:
        assert "Content supplied by the NHS website" in said.card["content"]
