"""The wheel works on its own: built from the tree, installed into a fresh venv from the locked
runtime dependencies, and run from a folder that is not the checkout."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import urllib.request
import zipfile
from pathlib import Path

import pytest

from backpain import intents

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
# What the wheel is built from, copied so the build writes only under tmp_path and can't lean on
# anything else in the checkout.
BUILD_INPUTS = ("skill", "interaction_models", "pyproject.toml", "README.md")
UV = Path(sys.executable).parent / "uv"


def uv(*args: str | Path) -> None:
    # Offline first: scripts/install has just put every locked file in uv's cache. A cache that
    # was pruned since then falls back to the index.
    command = [str(UV), *map(str, args)]
    if subprocess.run([*command, "--offline"], capture_output=True).returncode != 0:
        subprocess.run(command, check=True, capture_output=True)


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv holding the runtime lock and the wheel, and nothing from the checkout."""
    if not UV.exists():
        pytest.skip("uv is not installed in this venv (scripts/install installs it)")
    work = tmp_path_factory.mktemp("wheel")
    source = work / "source"
    source.mkdir()
    for name in BUILD_INPUTS:
        if (ROOT / name).is_dir():
            skip = shutil.ignore_patterns("__pycache__", "*.egg-info")
            shutil.copytree(ROOT / name, source / name, ignore=skip)
        else:
            shutil.copy2(ROOT / name, source / name)
    dist = work / "dist"
    # No build isolation: setuptools comes from this venv, at the lock's version.
    subprocess.run(
        [UV, "build", "--wheel", "--no-build-isolation", "--python", sys.executable,
         "--out-dir", dist, source],
        check=True, capture_output=True,
    )
    venv = work / "venv"
    subprocess.run([UV, "venv", "--quiet", "--python", sys.executable, venv], check=True)
    python = venv / "bin" / "python"
    uv("pip", "install", "--quiet", "--python", python, "--require-hashes",
       "-r", ROOT / "requirements" / "runtime.txt")
    uv("pip", "install", "--quiet", "--python", python, "--no-deps", *dist.glob("*.whl"))
    return venv


@pytest.fixture(scope="module")
def elsewhere(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("elsewhere")


def run(
    venv: Path, cwd: Path, *args: str | Path, stdin: str = ""
) -> subprocess.CompletedProcess[str]:
    outside = {"PYTHONPATH", "VIRTUAL_ENV"}
    environment = {key: value for key, value in os.environ.items() if key not in outside}
    # The language pack is built into this test's own cache, not the user's.
    environment["XDG_CACHE_HOME"] = str(cwd / "cache")
    return subprocess.run(
        [venv / "bin" / "backpain", *map(str, args)],
        cwd=cwd, input=stdin, capture_output=True, text=True, env=environment, timeout=300,
    )


def test_the_wheel_carries_the_model_fixtures_and_console_page(installed: Path) -> None:
    (wheel,) = (installed.parent / "dist").glob("*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "backpain_tools/interaction_models/en-GB.json" in names
    assert "backpain/locale/en-GB.yaml" in names
    assert any(name.startswith("backpain_tools/utterances/en-GB/") for name in names)
    page = {"echo_sim/browser/static/console.js", "echo_sim/browser/templates/console.html"}
    assert page <= names
    assert not any(name.startswith(("tests/", "skill/", "interaction_models/")) for name in names)


def test_the_command_runs_from_the_wheel_not_the_checkout(installed: Path, elsewhere: Path) -> None:
    where = "import backpain_tools; print(backpain_tools.__file__)"
    done = subprocess.run(
        [installed / "bin" / "python", "-c", where],
        cwd=elsewhere, capture_output=True, text=True, check=True,
    )
    assert Path(done.stdout.strip()).is_relative_to(installed)


def test_say_answers(installed: Path, elsewhere: Path) -> None:
    done = run(installed, elsewhere, "say", "--mute", "what causes back pain")
    assert done.returncode == 0, done.stderr
    assert intents.CAUSES in done.stdout


def test_chat_holds_a_conversation(installed: Path, elsewhere: Path) -> None:
    done = run(installed, elsewhere, "chat", "--mute", stdin="check my symptoms\nno\nstop\n")
    assert done.returncode == 0, done.stderr
    assert "Question 2 of 10" in done.stdout


def test_hear_recognises_a_recording(installed: Path, elsewhere: Path) -> None:
    audio = elsewhere / "audio"
    said = run(installed, elsewhere, "say", "--save-audio", audio, "hello")
    assert said.returncode == 0, said.stderr
    recordings = sorted(audio.glob("*.wav"))
    if not recordings:
        pytest.skip("no speech engine on this machine to make a recording (espeak-ng)")
    done = run(installed, elsewhere, "hear", "--mute", recordings[0])
    assert done.returncode == 0, done.stderr
    assert "alexa:" in done.stdout


def test_listen_test_speaks_the_packaged_utterances(installed: Path, elsewhere: Path) -> None:
    done = run(installed, elsewhere, "listen-test", "--voice", "hibari", "--limit", "1")
    assert done.returncode == 0, done.stderr
    assert intents.CAUSES in done.stdout


def test_coverage_reads_a_file(installed: Path, elsewhere: Path) -> None:
    said = elsewhere / "said.yaml"
    said.write_text("- text: what causes back pain\n  intent: CausesIntent\n")
    done = run(installed, elsewhere, "coverage", said)
    assert done.returncode == 0, done.stderr
    assert "1" in done.stdout


def test_validate_checks_the_installed_model(installed: Path, elsewhere: Path) -> None:
    done = run(installed, elsewhere, "validate")
    assert done.returncode == 0, done.stderr
    assert "the installed model follows Alexa's rules" in done.stdout


def test_console_serves_its_page(installed: Path, elsewhere: Path) -> None:
    environment = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}
    process = subprocess.Popen(
        [installed / "bin" / "backpain", "console", "--mute", "--port", "0"],
        cwd=elsewhere, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=environment,
    )
    try:
        assert process.stdout is not None
        url = ""
        for _ in range(5):
            url = process.stdout.readline().strip()
            if url.startswith("http://"):
                break
        with urllib.request.urlopen(url, timeout=30) as page:
            assert "not the skill's endpoint" in page.read().decode()
        with urllib.request.urlopen(url.rstrip("/") + "/static/console.js", timeout=30) as script:
            assert script.status == 200
    finally:
        process.terminate()
        process.communicate(timeout=30)


@pytest.mark.parametrize("command", ["package"])
def test_checkout_only_commands_say_so_in_one_line(
    installed: Path, elsewhere: Path, command: str
) -> None:
    done = run(installed, elsewhere, command)
    assert done.returncode == 1
    assert done.stderr.count("\n") == 1
    assert "source checkout" in done.stderr
