"""YAML conversation transcripts: run each through a virtual Echo and check every expected turn."""

from __future__ import annotations

import re
import traceback
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from echo_sim.device.echo import NoSuchTarget, VirtualEcho
from echo_sim.device.envelope import ECHO_SHOW, VOICE_ONLY, DeviceProfile
from echo_sim.device.exchange import Exchange
from echo_sim.device.skill_and_model import Responder, load_matcher, locale_of
from echo_sim.errors import DeviceError

ACTIONS = ("say", "name_free", "launch", "tap", "new_session")
"""`name_free: WORDS` is "Alexa, WORDS" with no skill named, outside any session."""
EXPECTATIONS = (
    "intent",
    "slots",
    "speech_contains",
    "speech_not_contains",
    "speech_matches",
    "reprompt_contains",
    "card_title",
    "card_contains",
    "end_session",
    "confidence_min",
    "can_fulfill",
    "ingress",
)
NAME_FREE_ANSWERS = ("YES", "MAYBE", "NO")
DEVICES = {"voice": VOICE_ONLY, "screen": ECHO_SHOW}


@dataclass(frozen=True)
class TurnFailure:
    """One turn that did not go as the transcript expected."""

    turn: int
    """1-based position in the transcript's `turns` list."""
    utterance: str
    problems: tuple[str, ...]
    """Each "expected ..., got ..." in words."""
    speech: str | None = None
    """What the skill said on that turn, to help whoever reads the failure."""


@dataclass(frozen=True)
class TranscriptResult:
    """The outcome of one transcript."""

    name: str
    source: str
    """The file it came from, or "<dict>"."""
    failures: tuple[TurnFailure, ...] = ()
    error: str | None = None
    """A problem with the transcript itself, or an exception from the skill."""
    turns: tuple[Exchange, ...] = field(default=(), repr=False)

    @property
    def passed(self) -> bool:
        return self.error is None and not self.failures

    def report(self) -> str:
        """What went wrong, for a person: file, transcript name, turn, utterance, expected, got."""
        head = f"{self.source}: {self.name!r}"
        if self.passed:
            return f"ok    {head}"
        lines = [f"FAIL  {head}"]
        if self.error:
            lines += ["    " + line for line in self.error.splitlines()]
        for failure in self.failures:
            lines.append(f"    turn {failure.turn} ({failure.utterance!r}):")
            lines += [f"      {problem}" for problem in failure.problems]
            if failure.speech is not None:
                lines.append(f"      the skill said: {failure.speech!r}")
        return "\n".join(lines)


class TranscriptError(DeviceError, ValueError):
    """The transcript file is not a valid transcript; the message says where."""


def run_transcript(
    source: str | Path | Mapping[str, Any],
    *,
    responder: Responder,
    model: str | Path,
) -> TranscriptResult:
    """Run one transcript (a YAML file or the same thing as a dict) in a fresh virtual Echo
    talking to `responder`, understanding through the interaction model `model`."""
    where = "<dict>" if isinstance(source, Mapping) else str(source)
    try:
        document = _load(source)
        name = str(document.get("name") or (Path(where).stem if where != "<dict>" else where))
        turns, profile = _validate(document)
    except TranscriptError as error:
        fallback = Path(where).stem if where != "<dict>" else where
        return TranscriptResult(name=fallback, source=where, error=str(error))
    echo = VirtualEcho(
        responder,
        load_matcher(model),
        profile=profile,
        locale=locale_of(model),
    )
    failures: list[TurnFailure] = []
    results: list[Exchange] = []
    for number, step in enumerate(turns, start=1):
        utterance = _describe(step)
        try:
            result = _act(echo, step)
        except NoSuchTarget as error:
            failures.append(TurnFailure(number, utterance, (str(error),)))
            continue
        except Exception as error:
            detail = "".join(traceback.format_exception(error)).rstrip()
            return TranscriptResult(
                name,
                where,
                tuple(failures),
                f"turn {number} ({utterance!r}): the skill raised an exception\n{detail}",
                tuple(results),
            )
        if result is None:
            continue
        results.append(result)
        problems = tuple(check_turn(step.get("expect") or {}, result))
        if problems:
            failures.append(TurnFailure(number, utterance, problems, result.speech))
    echo.leave()
    return TranscriptResult(name, where, tuple(failures), None, tuple(results))


def transcript_files(paths: Iterable[str | Path]) -> list[Path]:
    """Files as given, and every *.yaml / *.yml under folders, in a stable order."""
    found: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            found += sorted(p for p in path.rglob("*") if p.suffix in (".yaml", ".yml"))
        else:
            found.append(path)
    return found


def run_paths(paths: Iterable[str | Path], **options: Any) -> list[TranscriptResult]:
    return [run_transcript(path, **options) for path in transcript_files(paths)]


def transcript_summary(results: Sequence[TranscriptResult]) -> str:
    passed = sum(result.passed for result in results)
    return f"{passed} passed, {len(results) - passed} failed"


class _TranscriptLoader(yaml.SafeLoader):
    """YAML where only true/false are booleans: in a transcript, `say: no` means the word "no"."""


_TranscriptLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_TranscriptLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


def _load(source: str | Path | Mapping[str, Any]) -> Mapping[str, Any]:
    if isinstance(source, Mapping):
        return source
    path = Path(source)
    try:
        document = yaml.load(path.read_text(encoding="utf-8"), Loader=_TranscriptLoader)
    except OSError as error:
        raise TranscriptError(f"cannot read the transcript: {error.strerror}") from error
    except yaml.YAMLError as error:
        raise TranscriptError(f"not valid YAML: {error}") from error
    if not isinstance(document, Mapping):
        raise TranscriptError("a transcript is a mapping with 'name' and 'turns'")
    return document


def _validate(document: Mapping[str, Any]) -> tuple[list[Mapping[str, Any]], Any]:
    unknown = set(document) - {"name", "device", "turns", "description"}
    if unknown:
        raise TranscriptError(f"unknown top-level keys {sorted(unknown)}; expected name, turns")
    device = document.get("device", "voice")
    if device not in DEVICES:
        raise TranscriptError(f"device must be 'voice' or 'screen', not {device!r}")
    turns = document.get("turns")
    if not isinstance(turns, list) or not turns:
        raise TranscriptError("'turns' must be a non-empty list")
    for number, step in enumerate(turns, start=1):
        _validate_turn(number, step)
    return turns, DEVICES[device]


def _validate_turn(number: int, step: Any) -> None:
    where = f"turn {number}"
    if not isinstance(step, Mapping):
        raise TranscriptError(f"{where}: a turn is a mapping such as {{say: ..., expect: ...}}")
    actions = [key for key in ACTIONS if key in step]
    unknown = set(step) - {*ACTIONS, "expect"}
    if unknown:
        raise TranscriptError(f"{where}: unknown keys {sorted(unknown)}; use one of {ACTIONS}")
    if len(actions) != 1:
        raise TranscriptError(f"{where}: needs exactly one of {', '.join(ACTIONS)}")
    action = actions[0]
    text = step[action]
    if action in ("say", "tap", "name_free") and not (isinstance(text, str | int) and str(text)):
        raise TranscriptError(f"{where}: '{action}' needs some text")
    if action in ("launch", "new_session") and step[action] is not True:
        raise TranscriptError(f"{where}: write '{action}: true'")
    expect = step.get("expect")
    if expect is None:
        return
    if action == "new_session":
        raise TranscriptError(f"{where}: a new_session turn has no reply to expect anything of")
    if not isinstance(expect, Mapping):
        raise TranscriptError(f"{where}: 'expect' must be a mapping")
    unknown = set(expect) - set(EXPECTATIONS)
    if unknown:
        raise TranscriptError(
            f"{where}: unknown expectations {sorted(unknown)}; known: {', '.join(EXPECTATIONS)}"
        )
    for key in ("speech_contains", "speech_not_contains", "reprompt_contains", "card_contains"):
        if key not in expect:
            continue
        value = expect[key]
        values = value if isinstance(value, list) else [value]
        if not values or not all(isinstance(v, str | int | float) and str(v) for v in values):
            raise TranscriptError(f"{where}: '{key}' must be some text or a list of texts")
    if "speech_matches" in expect:
        try:
            re.compile(str(expect["speech_matches"]))
        except re.error as error:
            raise TranscriptError(f"{where}: speech_matches is no regex: {error}") from None
    if "slots" in expect and not isinstance(expect["slots"], Mapping):
        raise TranscriptError(f"{where}: 'slots' must map slot names to value ids")
    if "end_session" in expect and not isinstance(expect["end_session"], bool):
        raise TranscriptError(f"{where}: 'end_session' must be true or false")
    if "can_fulfill" in expect and expect["can_fulfill"] not in NAME_FREE_ANSWERS:
        raise TranscriptError(f"{where}: 'can_fulfill' must be YES, MAYBE or NO")
    if "ingress" in expect and not (isinstance(expect["ingress"], str) and expect["ingress"]):
        raise TranscriptError(f"{where}: 'ingress' must be LAUNCH or an intent name")


def _describe(step: Mapping[str, Any]) -> str:
    if "say" in step:
        return str(step["say"])
    if "name_free" in step:
        return f"alexa, {step['name_free']}"
    if "tap" in step:
        return f"/tap {step['tap']}"
    return "launch" if "launch" in step else "new session"


def _act(echo: VirtualEcho, step: Mapping[str, Any]) -> Exchange | None:
    if "say" in step:
        return echo.hear(str(step["say"]))
    if "name_free" in step:
        return echo.hear_name_free(str(step["name_free"]))
    if "tap" in step:
        return echo.tap(str(step["tap"]))
    if "launch" in step:
        return echo.launch()
    echo.leave()
    return None


def _normal(text: str) -> str:
    """For contains checks: case, curly quotes and spacing don't matter."""
    text = text.translate(str.maketrans("‘’“”–—", "''\"\"--"))
    return " ".join(text.casefold().split())


def _strings(value: Any) -> list[str]:
    return [str(v) for v in value] if isinstance(value, list) else [str(value)]


def check_turn(expect: Mapping[str, Any], turn: Exchange) -> Iterator[str]:
    """Every way `turn` falls short of `expect`, each as "expected X, got Y"."""
    if "intent" in expect and turn.intent != expect["intent"]:
        got = turn.intent + (f" (confidence {turn.confidence:.2f})" if turn.confidence < 1 else "")
        yield f"expected intent {expect['intent']}, got {got}"
    for name, wanted in (expect.get("slots") or {}).items():
        yield from _check_slot(str(name), wanted, turn)
    speech = _normal(turn.speech)
    for text in _strings(expect.get("speech_contains", [])):
        if _normal(text) not in speech:
            yield f"expected speech containing {text!r}"
    for text in _strings(expect.get("speech_not_contains", [])):
        if _normal(text) in speech:
            yield f"expected speech not containing {text!r}"
    if "speech_matches" in expect and not re.search(
        str(expect["speech_matches"]), turn.speech, re.IGNORECASE
    ):
        yield f"expected speech matching /{expect['speech_matches']}/"
    for text in _strings(expect.get("reprompt_contains", [])):
        if turn.reprompt is None:
            yield f"expected a reprompt containing {text!r}, got no reprompt"
        elif _normal(text) not in _normal(turn.reprompt):
            yield f"expected a reprompt containing {text!r}, got {turn.reprompt!r}"
    yield from _check_card(expect, turn)
    if "end_session" in expect and turn.end_session != expect["end_session"]:
        state = "ended" if turn.end_session else "stayed open"
        yield f"expected end_session {str(expect['end_session']).lower()}, but the session {state}"
    yield from _check_name_free(expect, turn)
    if "confidence_min" in expect and turn.confidence < float(expect["confidence_min"]):
        yield (
            f"expected confidence of at least {float(expect['confidence_min']):.2f}, "
            f"got {turn.confidence:.2f} for {turn.intent}"
        )


def _check_name_free(expect: Mapping[str, Any], turn: Exchange) -> Iterator[str]:
    if "can_fulfill" not in expect and "ingress" not in expect:
        return
    name_free = turn.name_free
    if name_free is None:
        yield "expected a name-free turn, but the words reached the skill by its name or session"
        return
    if "can_fulfill" in expect and name_free.can_fulfill != expect["can_fulfill"]:
        got = name_free.can_fulfill or f"no CanFulfillIntentRequest (ingress {name_free.ingress})"
        yield f"expected CanFulfillIntentRequest answered {expect['can_fulfill']}, got {got}"
    if "ingress" in expect and name_free.ingress != expect["ingress"]:
        got = name_free.ingress or f"a CanFulfillIntentRequest ({name_free.can_fulfill})"
        yield f"expected ingress {expect['ingress']}, got {got}"


def _check_slot(name: str, wanted: Any, turn: Exchange) -> Iterator[str]:
    slot = turn.slots.get(name)
    heard = None if slot is None else slot.value
    if wanted is None:
        if heard is not None:
            yield f"expected slot {name} empty, got {heard!r}"
        return
    if slot is None or heard is None:
        yield f"expected slot {name}={wanted}, got no value"
        return
    # Custom types compare the resolved id; built-in (AMAZON.*) types have no ids, only words.
    got = slot.resolved_id if slot.resolved_id is not None else slot.value
    if _normal(str(got)) != _normal(str(wanted)):
        unresolved = "" if slot.resolved_id is not None else " (unresolved)"
        yield f"expected slot {name}={wanted}, got {got}{unresolved} from {heard!r}"


def _check_card(expect: Mapping[str, Any], turn: Exchange) -> Iterator[str]:
    if "card_title" not in expect and "card_contains" not in expect:
        return
    if turn.card is None:
        yield "expected a card, got none"
        return
    if "card_title" in expect and _normal(turn.card.title) != _normal(str(expect["card_title"])):
        yield f"expected card title {expect['card_title']!r}, got {turn.card.title!r}"
    card = _normal(f"{turn.card.title}\n{turn.card.text}")
    for text in _strings(expect.get("card_contains", [])):
        if _normal(text) not in card:
            yield f"expected the card to contain {text!r}"


def parse_transcript(
    text: str, where: str = "<text>"
) -> tuple[str, list[Mapping[str, Any]], DeviceProfile]:
    """A transcript given as YAML text: its name, turns and device, checked as `test`
    checks files (TranscriptError says what is wrong and where)."""
    try:
        document = yaml.load(text, Loader=_TranscriptLoader)
    except yaml.YAMLError as error:
        raise TranscriptError(f"not valid YAML: {error}") from error
    if not isinstance(document, Mapping):
        raise TranscriptError("a transcript is a mapping with 'name' and 'turns'")
    turns, profile = _validate(document)
    return str(document.get("name") or where), turns, profile
