"""Builds SSML from plain text; the one place speech is escaped, so no content breaks SSML."""

from __future__ import annotations

import functools
import re

# SSML's three special characters in text. Not xml.sax.saxutils (it imports urllib and http,
# 40 ms of a cold start) nor html.escape (html.entities, 1 ms): one translation table.
_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})

# Said as a British listener expects: "NHS one one one", not "NHS one hundred and eleven".
# (text that must be present, pattern, replacement): the cheap `in` test skips most replies.
_PRONUNCIATIONS = (
    ("NHS 111", re.compile(r"\bNHS 111\b"), 'NHS <say-as interpret-as="digits">111</say-as>'),
    ("999", re.compile(r"\b999\b"), '<say-as interpret-as="digits">999</say-as>'),
)

MAX_SPEECH_CHARS = 8000
"""Alexa's limit for outputSpeech, SSML tags included."""


@functools.lru_cache(maxsize=1024)
def ssml_fragment(text: str) -> str:
    """Escaped text with the skill's pronunciation fixes, without the <speak> wrapper.

    Cached: replies come from a fixed set of content texts, so each is built once per process.
    """
    fragment = " ".join(text.split()).translate(_ESCAPES)
    for needle, pattern, replacement in _PRONUNCIATIONS:
        if needle in fragment:
            fragment = pattern.sub(replacement, fragment)
    return fragment


def ssml(text: str) -> str:
    """A complete SSML document for `text`."""
    return f"<speak>{ssml_fragment(text)}</speak>"


def all_speech(locale: str = "en-GB") -> list[tuple[str, str]]:
    """(key, SSML document) for every distinct thing the skill can say, for reviewers to hear."""
    from backpain.conversation import every_reply  # replies imports this module

    seen: set[str] = set()
    lines: list[tuple[str, str]] = []
    for key, reply in every_reply(locale):
        for suffix, text in (("", reply.speech), (".reprompt", reply.reprompt)):
            if text and text not in seen:
                seen.add(text)
                lines.append((key + suffix, ssml(text)))
    return lines
