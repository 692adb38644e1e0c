"""Content validated at build time, as JSON with the sha256 of its source and of itself."""

# The file is two lines: a header {"format", "source", "source_sha256", "body_sha256"} and the
# body, the Content as JSON. Loading it needs neither PyYAML nor the checks: those ran when the
# packager wrote it. The two hashes make sure it is still what they checked, and still the
# YAML beside it (an edit in the Lambda console, a half-copied zip), or start-up fails naming
# the file.

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from types import MappingProxyType
from typing import Any

from backpain.content_types import (
    Advice,
    ChecklistText,
    Content,
    ContentError,
    GeneralGuidance,
    Outcome,
    Question,
    RedFlag,
    SafetyText,
    Topic,
)

FORMAT = 2
"""Bumped when the body's layout changes: an older file is refused, never misread."""
REBUILD = "rebuild the Lambda package with `backpain package`"


def _sha256_function() -> Callable[[bytes], Any]:
    # hashlib loads OpenSSL on import (about 6 ms of a 170 ms cold start). CPython's own
    # SHA-256 gives the same digest and loads in a fraction of that: `_sha2` since 3.12,
    # `_sha256` before. hashlib wherever neither exists.
    for name in ("_sha2", "_sha256"):
        try:
            module = __import__(name)
        except ImportError:
            continue
        sha256: Callable[[bytes], Any] = module.sha256
        return sha256
    import hashlib

    return hashlib.sha256


_sha256 = _sha256_function()


def sha256_hex(data: bytes) -> str:
    return str(_sha256(data).hexdigest())


def compile_content(content: Content, source: Path) -> bytes:
    """The compiled file for `content`, which was read and validated from `source`."""
    body = json.dumps(_content_document(content), ensure_ascii=False, separators=(",", ":"))
    body_bytes = body.encode("utf-8")
    header = {
        "format": FORMAT,
        "source": source.name,
        "source_sha256": sha256_hex(source.read_bytes()),
        "body_sha256": sha256_hex(body_bytes),
    }
    return json.dumps(header).encode("utf-8") + b"\n" + body_bytes


def read_compiled(compiled: Path, source: Path, locale: str) -> Content:
    """The Content in `compiled`, or ContentError naming the file if it is missing, broken,
    changed since it was built, or built from another version of `source`."""
    try:
        data = compiled.read_bytes()
    except OSError as error:
        raise ContentError(compiled, "(file)", f"cannot be read: {error.strerror}") from None
    header_line, newline, body = data.partition(b"\n")
    try:
        header = json.loads(header_line)
        if not isinstance(header, dict) or not newline:
            raise ValueError("no header line")
    except ValueError:
        raise ContentError(compiled, "(header)", f"not compiled content: {REBUILD}") from None
    if header.get("format") != FORMAT:
        raise ContentError(
            compiled, "format", f"{header.get('format')!r}, this skill reads {FORMAT}: {REBUILD}"
        )
    if header.get("body_sha256") != sha256_hex(body):
        raise ContentError(
            compiled, "body_sha256", f"the file was changed after it was built: {REBUILD}"
        )
    try:
        source_bytes = source.read_bytes()
    except OSError as error:
        raise ContentError(
            source, "(file)", f"cannot be read to check {compiled.name}: {error.strerror}"
        ) from None
    if header.get("source_sha256") != sha256_hex(source_bytes):
        raise ContentError(
            compiled, "source_sha256", f"built from another version of {source.name}: {REBUILD}"
        )
    try:
        return _content(json.loads(body), locale, source)
    except (ValueError, KeyError, TypeError, IndexError) as error:
        # The hashes matched, so the packager wrote this; only a reader out of step gets here.
        raise ContentError(compiled, "(body)", f"unreadable ({error!r}): {REBUILD}") from None


def _content_document(content: Content) -> dict[str, Any]:
    checklist = content.checklist
    flags = list(checklist.red_flags)
    return {
        "source_page": content.source_page,
        "credit": content.credit,
        "topics": {topic_id: topic._asdict() for topic_id, topic in content.topics.items()},
        "checklist": {
            **{name: getattr(checklist, name) for name in _CHECKLIST_TEXTS},
            # Each sign and each kind of advice once; the questions point at their sign.
            "advice": {flag.advice.id: flag.advice._asdict() for flag in flags},
            "red_flags": [{**flag._asdict(), "advice": flag.advice.id} for flag in flags],
            "questions": [
                {"id": q.id, "text": q.text, "flag": flags.index(q.flag)}
                for q in checklist.questions
            ],
            **{name: getattr(checklist, name)._asdict() for name in _OUTCOMES},
        },
        "dialog": dict(content.dialog),
        "safety": {
            **content.safety._asdict(),
            "emergency": content.safety.emergency._asdict(),
            "sign_mentioned": content.safety.sign_mentioned._asdict(),
            "explain_sign": content.safety.explain_sign._asdict(),
        },
        "lists": dict(content.lists),
    }


_CHECKLIST_TEXTS = (
    "title", "offer", "intro", "progress", "reask", "other_intent", "denied_other", "explain",
    "restart", "help", "go_back", "first_question", "seriousness", "stop", "stop_pending",
)  # fmt: skip
_OUTCOMES = ("urgent", "unclear", "all_clear")


def _content(body: dict[str, Any], locale: str, source: Path) -> Content:
    checklist = body["checklist"]
    advice = {advice_id: Advice(**fields) for advice_id, fields in checklist["advice"].items()}
    flags = tuple(
        RedFlag(
            **{
                **fields,
                "advice": advice[fields["advice"]],
                "questions": tuple(fields["questions"]),
            }
        )
        for fields in checklist["red_flags"]
    )
    questions = tuple(
        Question(id=q["id"], text=q["text"], flag=flags[q["flag"]]) for q in checklist["questions"]
    )
    safety = body["safety"]
    return Content(
        locale=locale,
        file=str(source),
        source_page=body["source_page"],
        credit=body["credit"],
        topics=MappingProxyType(
            {
                topic_id: Topic(
                    **{
                        **fields,
                        "links": tuple(fields["links"]),
                        "parts": tuple(fields["parts"]),
                    }
                )
                for topic_id, fields in body["topics"].items()
            }
        ),
        checklist=ChecklistText(
            **{name: checklist[name] for name in _CHECKLIST_TEXTS},
            red_flags=flags,
            questions=questions,
            urgent=Outcome(**checklist["urgent"]),
            unclear=Outcome(**checklist["unclear"]),
            all_clear=Outcome(**checklist["all_clear"]),
        ),
        dialog=MappingProxyType({name: tuple(lines) for name, lines in body["dialog"].items()}),
        safety=SafetyText(
            emergency=GeneralGuidance(**safety["emergency"]),
            sign_mentioned=Outcome(**safety["sign_mentioned"]),
            maybe_sign=safety["maybe_sign"],
            explain_sign=Outcome(**safety["explain_sign"]),
            seriousness=safety["seriousness"],
            cannot_call=safety["cannot_call"],
            links=tuple(safety["links"]),
        ),
        lists=MappingProxyType({name: tuple(ids) for name, ids in body["lists"].items()}),
    )
