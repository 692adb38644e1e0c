"""`backpain safety-report`: the clinical safety case's evidence table, from today's checks.

docs/clinical-safety.md names, for each hazard, the controls and the tests that prove them. This
command runs those tests (one pytest run in the checkout) and measures the figures they stand
on, then prints the table, so the case never quotes a stale result.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib
import logging
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

from backpain import intents
from echo_sim.errors import CommandError


@dataclass(frozen=True)
class Control:
    """One control of one hazard, with the tests that are its evidence."""

    hazard: str
    control: str
    tests: tuple[str, ...]
    """pytest node ids: a file, or a file and a test name (all its parameters)."""
    figure: str = ""
    """The name of a measurement in FIGURES whose result stands beside the tests'."""


CONTROLS = (
    Control(
        "H1 A warning sign missed: understanding",
        "Only a clear no moves the check on; a yes, a described sign or a second unsure answer "
        "gets the urgent advice at once",
        (
            "tests/backpain/test_warning_sign_check.py",
            "tests/backpain/test_check.py",
            "tests/red_flags/test_safety_rates.py",
        ),
        "answers",
    ),
    Control(
        "H1 A warning sign missed: hearing",
        "A low-confidence or empty recognition is unclear (asked again), never a no",
        (
            "tests/echo_sim/hearing/test_check_safety.py::test_confidence_rules_for_spoken_answers",
            "tests/echo_sim/hearing/test_hear_commands.py::test_silence_is_an_unclear_request_not_a_guess",
        ),
    ),
    Control(
        "H1 A warning sign missed: a lost answer",
        "Nothing that is not an answer moves the check; a lost or tampered place starts again; "
        "stop with an answer pending gives that sign's advice",
        (
            "tests/backpain/test_red_flags.py::test_every_other_request_type_keeps_the_checks_place",
            "tests/backpain/test_tiers.py::test_stop_with_an_answer_pending_gives_that_signs_tier",
        ),
        "places",
    ),
    Control(
        "H1 A warning sign missed: outside the check",
        "A sign mentioned at any time gets its urgent advice at once",
        (
            "tests/backpain/test_red_flags.py::"
            "test_a_sign_said_outside_the_check_gets_its_advice_at_once_then_the_offer",
        ),
        "statements",
    ),
    Control(
        "H2 The wrong tier given",
        "Every line that names an action takes it from the sign's tier in the content; the most "
        "urgent tier's signs are asked first (shipped content and the two-tier test edition)",
        ("tests/backpain/test_tiers.py",),
        "tiers",
    ),
    Control(
        "H3 Out-of-date content",
        "Content is validated at start-up; every link comes from the NHS page; reviewers follow "
        "docs/content-review.md",
        ("tests/backpain/test_content.py", "tests/backpain_tools/deploy/test_compiled_content.py"),
        "content",
    ),
    Control(
        "H4 Advice taken as a diagnosis",
        "Launch, help, 'is it serious?' and the all-clear say it is general information, not a "
        "diagnosis",
        (
            "tests/backpain/test_conversation.py::"
            "test_launch_says_who_we_are_that_it_is_not_a_diagnosis_and_how_to_check",
            "tests/backpain/test_red_flags.py::"
            "test_is_it_serious_gets_an_honest_short_answer_and_the_offer_of_the_check",
            "tests/backpain/test_check.py::"
            "test_noes_to_every_question_end_with_who_can_help_and_the_safety_net",
        ),
        "diagnosis",
    ),
    Control(
        "H5 A symptom leaked (logs, reply size)",
        "No answer or symptom intent is logged; every reply of the web door has one size",
        (
            "tests/backpain/test_privacy.py",
            "tests/backpain/test_red_flags.py::"
            "test_symptom_intents_are_not_logged_outside_the_check_either",
            "tests/backpain_web/test_attacks.py::"
            "test_every_reply_the_skill_can_give_has_one_size_in_and_out_of_the_check",
        ),
    ),
    Control(
        "H6 The service unavailable",
        "An error is a spoken apology that keeps the check's place; 'call an ambulance' gets "
        "999 and the tiers' advice; answers are fast",
        (
            "tests/backpain/test_conversation.py::"
            "test_an_unexpected_error_is_a_spoken_apology_with_a_reprompt",
            "tests/backpain/test_privacy.py::test_an_error_mid_check_logs_no_traceback_or_message",
            "tests/backpain/test_red_flags.py::test_an_emergency_call_mid_check_says_what_to_do",
        ),
        "latency",
    ),
)


@dataclass
class Tally:
    passed: int = 0
    failed: int = 0
    skipped: int = 0

    @property
    def verdict(self) -> str:
        if self.failed:
            return f"FAIL: {self.failed} failed, {self.passed} passed"
        if not self.passed:
            return "NOT RUN"
        skipped = f", {self.skipped} skipped" if self.skipped else ""
        return f"pass: {self.passed} test{'s' if self.passed > 1 else ''}{skipped}"


def run_tests(root: Path, node_ids: list[str]) -> dict[str, Tally]:
    """One pytest run over every control's tests; a tally per node id."""
    with tempfile.TemporaryDirectory(prefix="backpain-safety-") as scratch:
        report = Path(scratch) / "junit.xml"
        command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"]
        command += ["-n", "auto", f"--junitxml={report}", *node_ids]
        # The tests' own output is not the report: the junit file is read instead.
        done = subprocess.run(command, cwd=root, capture_output=True, text=True, check=False)
        if not report.is_file():
            last = (done.stderr.strip() or done.stdout.strip() or "no output").splitlines()[-1]
            raise CommandError(f"pytest wrote no report ({last}): run scripts/install", 1)
        cases = ElementTree.parse(report).getroot().iter("testcase")
        tallies = {node_id: Tally() for node_id in node_ids}
        for case in cases:
            path = case.get("classname", "").replace(".", "/") + ".py"
            name = case.get("name", "")
            outcome = (
                "failed"
                if case.find("failure") is not None or case.find("error") is not None
                else "skipped"
                if case.find("skipped") is not None
                else "passed"
            )
            for node_id in node_ids:
                file, _, test = node_id.partition("::")
                if file == path and (not test or name == test or name.startswith(test + "[")):
                    tally = tallies[node_id]
                    setattr(tally, outcome, getattr(tally, outcome) + 1)
    return tallies


# -- today's figures ---------------------------------------------------------------------------


def figures(root: Path) -> dict[str, str]:
    from backpain.content import content_for
    from backpain.conversation import Conversation, every_reply
    from backpain.warning_sign_check import AllClear
    from backpain_tools.evaluation.safety_rates import measure

    content = content_for("en-GB")
    # The measurements send the skill odd requests on purpose; its warnings are not the report
    # (the Lambda entry point sets its own log levels on import, so levels alone do not hold).
    logging.disable(logging.WARNING)
    try:
        rates = measure("lambda")
    finally:
        logging.disable(logging.NOTSET)
    answers = rates.answers.values()
    safe = sum(a[0] for a in answers)
    total = sum(a[2] for a in answers)
    moved, noes = rates.noes_moved_on
    statements = rates.statements.values()
    urgent = sum(s[0] for s in statements)
    said = sum(s[2] for s in statements)
    places = rates.places
    tiers = {flag.advice for flag in content.checklist.red_flags}
    actions = {advice.action.lower() for advice in tiers}
    replies = list(every_reply("en-GB"))
    naming = sum(any(a in r.speech.lower() for a in actions) for _, r in replies)
    seed = root.parent / "shared" / "seed" / "000_781ddfc3e27cbf9b.txt"
    seed_hash = hashlib.sha256(seed.read_bytes()).hexdigest()[:12] if seed.is_file() else "absent"
    changed = subprocess.run(
        ["git", "log", "-1", "--format=%cs", "--", "skill/backpain/locale/en-GB.yaml"],
        cwd=root, capture_output=True, text=True, check=False,
    ).stdout.strip() or "not in git"  # fmt: skip
    conversation = Conversation(content)
    disclaimers = [
        conversation.launch().reply.speech,
        conversation.help().reply.speech,
        conversation.seriousness().reply.speech,
        conversation.check_step(AllClear()).reply.speech,
    ]
    return {
        "answers": f"{total - safe} of {total} possible yeses taken as a no; "
        f"{moved} of {noes} clear noes moved on",
        "places": ", ".join(f"{name}: {k} of {n} kept" for name, (k, n) in places.items()),
        "statements": f"{urgent} of {said} warning-sign statements got urgent advice",
        "tiers": f"{len(tiers)} tier(s) in the shipped content; "
        f"{naming} of {len(replies)} replies name an action",
        "content": f"en-GB.yaml last changed {changed}; seed sha256 {seed_hash}",
        "diagnosis": f"{sum('diagnos' in text for text in disclaimers)} of 4 say so",
        "latency": _latency(root),
    }


def _latency(root: Path) -> str:
    """p50 and p99 of 300 requests through the Lambda entry point, measured now."""
    sys.path.insert(0, str(root / "lambda"))
    handler: Callable[..., object] = importlib.import_module("lambda_function").lambda_handler
    from echo_sim.device import VOICE_ONLY, EnvelopeFactory, Session

    factory = EnvelopeFactory(locale="en-GB", profile=VOICE_ONLY)
    took = []
    for round_ in range(300):
        envelope = factory.intent(Session(), (intents.CAUSES, intents.CHECK)[round_ % 2], {})
        started = time.perf_counter()
        handler(envelope, None)
        took.append((time.perf_counter() - started) * 1000)
    p99 = statistics.quantiles(took, n=100)[98]
    return f"p50 {statistics.median(took):.2f} ms, p99 {p99:.2f} ms over 300 requests"


def table(tallies: dict[str, Tally], measured: dict[str, str]) -> list[str]:
    lines = [
        f"Evidence, {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}",
        "",
        "| Hazard | Control | Evidence | Today |",
        "|---|---|---|---|",
    ]
    for control in CONTROLS:
        evidence = "<br>".join(f"`{node_id}`" for node_id in control.tests)
        results = [tallies[node_id].verdict for node_id in control.tests]
        today = "<br>".join(results)
        if control.figure:
            today += f"<br>{measured[control.figure]}"
        lines.append(f"| {control.hazard} | {control.control} | {evidence} | {today} |")
    return lines


def main(name: str, argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog=f"backpain {name}",
        description="Run the clinical safety case's checks and print its evidence table.",
    )
    parser.add_argument("--out", type=Path, help="also write the table to this file")
    args = parser.parse_args(argv)
    from backpain_tools.deploy.project import NotACheckout, find_project

    try:
        root = find_project(Path.cwd()).root
    except NotACheckout:
        raise CommandError(
            "the evidence is the checkout's tests: run it in a Back Pain Guide source checkout",
            exit_code=1,
        ) from None
    if not (root / "tests").is_dir():
        raise CommandError(
            f"{root} has no tests/ folder: the evidence is the checkout's tests", exit_code=1
        )
    node_ids = list(dict.fromkeys(node_id for c in CONTROLS for node_id in c.tests))
    tallies = run_tests(root, node_ids)
    lines = table(tallies, figures(root))
    text = "\n".join(lines) + "\n"
    sys.stdout.write(text)
    if args.out is not None:
        args.out.write_text(text, encoding="utf-8")
    return 1 if any(t.failed or not t.passed for t in tallies.values()) else 0
