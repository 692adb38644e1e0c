"""`backpain safety-report`: its table, its test run and its refusal outside a checkout."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from backpain_tools.safety_report import CONTROLS, Tally, run_tests, table

ROOT = Path(__file__).resolve().parents[2]
HAZARDS = ("H1", "H2", "H3", "H4", "H5", "H6")


def test_every_hazard_of_the_safety_case_has_a_control_with_tests():
    assert {control.hazard.split()[0] for control in CONTROLS} == set(HAZARDS)
    for control in CONTROLS:
        assert control.tests
        for node_id in control.tests:
            file, _, name = node_id.partition("::")
            source = (ROOT / file).read_text(encoding="utf-8")
            assert not name or f"def {name}(" in source, f"{node_id} does not exist"


def test_every_control_is_named_in_the_safety_case():
    case = (ROOT / "docs" / "clinical-safety.md").read_text(encoding="utf-8")
    for control in CONTROLS:
        for node_id in control.tests:
            assert node_id in case, f"docs/clinical-safety.md does not name {node_id}"


def test_the_table_shows_each_controls_result_and_figure():
    tallies = {node_id: Tally(passed=2) for c in CONTROLS for node_id in c.tests}
    first = CONTROLS[0].tests[0]
    tallies[first] = Tally(passed=1, failed=1)
    figures = {c.figure: f"figure {c.figure}" for c in CONTROLS if c.figure}
    lines = table(tallies, figures)
    assert lines[2] == "| Hazard | Control | Evidence | Today |"
    assert len(lines) == 4 + len(CONTROLS)
    assert "FAIL: 1 failed, 1 passed" in lines[4] and "figure answers" in lines[4]
    assert all("pass: 2 tests" in line for line in lines[5:])


@pytest.mark.slow
def test_one_pytest_run_tallies_each_node_id():
    node_id = "tests/backpain/test_tiers.py::test_the_tier_check_catches_a_stale_line"
    tallies = run_tests(ROOT, [node_id, "tests/backpain/test_warning_sign_check.py"])
    assert tallies[node_id].passed == 1 and not tallies[node_id].failed
    assert tallies["tests/backpain/test_warning_sign_check.py"].passed >= 5


@pytest.mark.slow
def test_outside_a_checkout_it_says_so_in_one_line(tmp_path):
    command = Path(sys.executable).parent / "backpain"
    done = subprocess.run(
        [str(command), "safety-report"], cwd=tmp_path, capture_output=True, text=True
    )
    assert done.returncode == 1
    assert done.stderr.count("\n") == 1 and "source checkout" in done.stderr
