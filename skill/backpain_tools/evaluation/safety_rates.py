"""How the warning-sign check hears real answers: `scripts/safety-rates`.

Every utterance goes through the offline matcher (the interaction model alone) and the real
skill, either through the AWS Lambda entry point or through `backpain chat --json`.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from backpain.content import content_for
from backpain_tools.deploy.project import find_project
from backpain_tools.offline_device import BACK_PAIN_GUIDE
from echo_sim.device.echo import VirtualEcho
from echo_sim.device.envelope import ECHO_SHOW, EnvelopeFactory, Session
from echo_sim.device.skill_and_model import load_matcher, model_path

# The corpus is the suite's data (tests/red_flags) and the Lambda entry point is lambda/: this
# runs in a checkout.
ROOT = find_project().root
CORPUS = ROOT / "tests" / "red_flags" / "corpus.en-GB.yaml"
CHECK = content_for("en-GB").checklist
START = "check my symptoms"

Outcome = str
"""What one answer did to the check: "moved on", "urgent", "asked again" or "other"."""


def load_corpus(path: Path = CORPUS) -> dict[str, Any]:
    corpus: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return corpus


def question_indexes(flag_id: str) -> list[int]:
    return [i for i, question in enumerate(CHECK.questions) if question.flag.id == flag_id]


@dataclass(frozen=True)
class Probe:
    """One utterance said at one question of the check (or, with index None, outside it)."""

    group: str
    """The sign id, or "clear_noes" / "ordinary"."""
    utterance: str
    index: int | None


def check_probes(corpus: dict[str, Any]) -> Iterator[tuple[str, Probe]]:
    """("answers" | "noes", probe) for every answer at every question it belongs to."""
    for flag_id, answers in corpus["answers"].items():
        for index in question_indexes(flag_id):
            for answer in answers:
                yield "answers", Probe(flag_id, answer, index)
    for index, _ in enumerate(CHECK.questions):
        for answer in corpus["clear_noes"]:
            yield "noes", Probe("clear_noes", answer, index)
    for flag_id, answers in corpus["sign_noes"].items():
        for index in question_indexes(flag_id):
            for answer in answers or []:
                yield "noes", Probe(flag_id, answer, index)


def urgent_signs(speech: str) -> list[str]:
    """The signs whose urgent advice the speech gives ("... if you have back pain and <sign>")."""
    return [
        flag.id
        for flag in CHECK.red_flags
        if f"{flag.advice.action} if you have back pain and {flag.spoken_sign}" in speech
    ]


def classify(index: int, speech: str) -> Outcome:
    """How the reply to an answer at question `index` left the check."""
    following = index + 1
    # First: with more than one kind of advice, the all-clear's reminder names the urgent signs.
    if following == len(CHECK.questions) and "no to all nine warning signs" in speech:
        return "moved on"
    if urgent_signs(speech):
        return "urgent"
    if following == len(CHECK.questions):
        return "other"
    if f"Question {following + 1} of" in speech and CHECK.questions[following].text in speech:
        return "moved on"
    if CHECK.questions[index].text in speech:
        return "asked again"
    return "other"


def statement_outcome(flag_id: str | None, speech: str) -> Outcome:
    """ "urgent, sign named" (that sign's advice), "urgent" (another sign's), or "not urgent"."""
    signs = urgent_signs(speech)
    if not signs:
        return "not urgent"
    return "urgent, sign named" if flag_id in signs else "urgent"


# -- the two doors -----------------------------------------------------------------------------


def lambda_handler() -> Callable[[dict[str, Any], Any], dict[str, Any]]:
    # `lambda` is a keyword, so the entry point cannot be imported as lambda.lambda_function.
    spec = importlib.util.spec_from_file_location(
        "lambda_function", ROOT / "lambda" / "lambda_function.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    handler: Callable[[dict[str, Any], Any], dict[str, Any]] = module.lambda_handler
    return handler


def conversation(probe: Probe) -> list[str]:
    """What the user says, after the launch turn, to put `probe` to the skill."""
    if probe.index is None:
        return [probe.utterance]
    return [START, *(["no"] * probe.index), probe.utterance]


def speeches_through_lambda(probes: list[Probe]) -> list[str]:
    """The reply to each probe's last utterance, each in its own session, via lambda_handler."""
    handler = lambda_handler()
    matcher = load_matcher(model_path(BACK_PAIN_GUIDE))
    echo = VirtualEcho(lambda envelope: handler(envelope, None), matcher)
    speeches = []
    for probe in probes:
        echo.launch()
        turn = None
        for utterance in conversation(probe):
            turn = echo.hear(utterance)
        assert turn is not None
        speeches.append(turn.speech)
    echo.leave()
    return speeches


def speeches_through_chat(probes: list[Probe], tmp_dir: Path) -> list[str]:
    """The same, through one `backpain chat --mute --json --script` process."""
    script = tmp_dir / "safety_script.txt"
    lines: list[str] = []
    for probe in probes:
        lines += [*conversation(probe), "---"]
    script.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "backpain_tools", "chat", "--mute", "--json", "--script", script],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    turns = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    speeches = []
    position = 0
    for probe in probes:
        position += 1 + len(conversation(probe))  # the launch turn, then each utterance
        speeches.append(turns[position - 1]["speech"])
    return speeches


def places_kept(handler: Callable[[dict[str, Any], Any], dict[str, Any]]) -> dict[str, list[int]]:
    """[kept, total] for every ask-sdk request type that is not an answer, and for stale taps."""
    from ask_sdk_model import Request

    factory = EnvelopeFactory("en-GB", ECHO_SHOW)
    place = {"index": 3, "reasked": False}

    def kept(envelope: dict[str, Any]) -> bool:
        returned = handler(envelope, None).get("sessionAttributes") or {}
        return bool(returned.get("check") == envelope["session"]["attributes"]["check"])

    def open_check(index: int) -> Session:
        return Session(attributes={"check": {**place, "index": index}, "last": "check"}, new=False)

    counts = {"request types": [0, 0], "stale taps": [0, 0]}
    others = set(Request.discriminator_value_class_map) - {"IntentRequest", "SessionEndedRequest"}
    for request_type in sorted(others):
        envelope = factory.launch(open_check(3))
        envelope["request"]["type"] = request_type
        counts["request types"][0] += kept(envelope)
        counts["request types"][1] += 1
    for index in range(1, len(CHECK.questions)):
        for value in ("yes", "no"):
            late = ["answer", value, CHECK.questions[index - 1].id]
            counts["stale taps"][0] += kept(factory.user_event(open_check(index), late))
            counts["stale taps"][1] += 1
    return counts


# -- the figures -------------------------------------------------------------------------------


@dataclass
class Rates:
    """The figures the README shows; every count is (good, total)."""

    door: str
    answers: dict[str, list[int]] = field(default_factory=dict)
    """Per sign: [not taken as a no, urgent at once, total answers]."""
    taken_as_no: list[tuple[str, int, str]] = field(default_factory=list)
    noes_moved_on: list[int] = field(default_factory=lambda: [0, 0])
    noes_not_moved: list[tuple[int, str, Outcome]] = field(default_factory=list)
    statements: dict[str, list[int]] = field(default_factory=dict)
    """Per sign: [urgent, urgent naming that sign, total]."""
    statements_missed: list[tuple[str, str]] = field(default_factory=list)
    ordinary_urgent: list[str] = field(default_factory=list)
    ordinary_total: int = 0
    places: dict[str, list[int]] = field(default_factory=dict)
    """[kept, total] for other request types and stale taps while the check is open."""

    @property
    def noes_rate(self) -> float:
        good, total = self.noes_moved_on
        return good / total if total else 0.0

    def lines(self) -> list[str]:
        out = [
            f"Through {self.door}:",
            "",
            "| warning sign | answers | taken as a no | urgent at once | asked again first |",
            "|---|---:|---:|---:|---:|",
        ]
        for flag_id, (safe, urgent, total) in self.answers.items():
            out.append(f"| {flag_id} | {total} | {total - safe} | {urgent} | {safe - urgent} |")
        good, total = self.noes_moved_on
        out += [
            "",
            f"Clear noes that moved the check on: {good}/{total} ({100 * self.noes_rate:.1f}%)",
        ]
        out += [
            "",
            "| warning sign said outside the check | statements | urgent advice | naming it |",
            "|---|---:|---:|---:|",
        ]
        for flag_id, (urgent, named, total) in self.statements.items():
            out.append(f"| {flag_id} | {total} | {urgent} | {named} |")
        urgent = len(self.ordinary_urgent)
        out.append(f"\nOrdinary statements given urgent advice: {urgent}/{self.ordinary_total}")
        for what, (good, total) in self.places.items():
            out.append(f"With the check open, {what} that left its place unchanged: {good}/{total}")
        for flag_id, index, answer in self.taken_as_no:
            out.append(f"  TAKEN AS A NO at question {index + 1} ({flag_id}): {answer!r}")
        for index, answer, outcome in self.noes_not_moved:
            out.append(f"  no not moved on at question {index + 1}: {answer!r} ({outcome})")
        for flag_id, statement in self.statements_missed:
            out.append(f"  NO URGENT ADVICE ({flag_id}): {statement!r}")
        for statement in self.ordinary_urgent:
            out.append(f"  ordinary statement given urgent advice: {statement!r}")
        return out


def measure(door: str, tmp_dir: Path | None = None, corpus: dict[str, Any] | None = None) -> Rates:
    """Runs the whole corpus through `door` ("lambda" or "chat")."""
    corpus = corpus or load_corpus()
    labelled = list(check_probes(corpus))
    outside = [
        Probe(flag_id, statement, None)
        for flag_id, statements in corpus["statements"].items()
        for statement in statements
    ]
    ordinary = [Probe("ordinary", statement, None) for statement in corpus["ordinary"]]  # fmt: skip
    probes = [probe for _, probe in labelled] + outside + ordinary
    places = {}
    if door == "lambda":
        speeches = speeches_through_lambda(probes)
        places = places_kept(lambda_handler())
    else:
        assert tmp_dir is not None
        speeches = speeches_through_chat(probes, tmp_dir)
    rates = Rates(door="the AWS Lambda handler" if door == "lambda" else "backpain chat --json")
    rates.places = places
    said = iter(speeches)
    for kind, probe in labelled:
        assert probe.index is not None
        outcome = classify(probe.index, next(said))
        if kind == "answers":
            counts = rates.answers.setdefault(probe.group, [0, 0, 0])
            counts[2] += 1
            if outcome != "moved on":
                counts[0] += 1
            else:
                rates.taken_as_no.append((probe.group, probe.index, probe.utterance))
            counts[1] += outcome == "urgent"
        else:
            rates.noes_moved_on[1] += 1
            if outcome == "moved on":
                rates.noes_moved_on[0] += 1
            else:
                rates.noes_not_moved.append((probe.index, probe.utterance, outcome))
    for probe in outside:
        outcome = statement_outcome(probe.group, next(said))
        counts = rates.statements.setdefault(probe.group, [0, 0, 0])
        counts[2] += 1
        counts[0] += outcome != "not urgent"
        counts[1] += outcome == "urgent, sign named"
        if outcome == "not urgent":
            rates.statements_missed.append((probe.group, probe.utterance))
    for probe in ordinary:
        rates.ordinary_total += 1
        if statement_outcome(None, next(said)) != "not urgent":
            rates.ordinary_urgent.append(probe.utterance)
    return rates


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--door", choices=["lambda", "chat", "both"], default="both")
    options = parser.parse_args(argv)
    import os
    import tempfile

    # The skill's per-request log lines (and the System.ExceptionEncountered warning) would
    # drown the figures; the Lambda entry point reads this when it is loaded.
    os.environ["BACKPAIN_LOG_LEVEL"] = "ERROR"

    doors = ["lambda", "chat"] if options.door == "both" else [options.door]
    with tempfile.TemporaryDirectory() as tmp:
        for door in doors:
            print("\n".join(measure(door, Path(tmp)).lines()))
            print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
