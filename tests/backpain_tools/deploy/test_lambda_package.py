"""`backpain package` builds a lean, reproducible Lambda zip that answers Alexa in a bare Python."""

from __future__ import annotations

import contextlib
import io
import json
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from backpain_tools.deploy import commands
from backpain_tools.deploy.project import LAMBDA_PLATFORM
from echo_sim.device.envelope import ECHO_SHOW, VOICE_ONLY, EnvelopeFactory, Session
from tests.backpain_tools.deploy.conftest import LAMBDA_ENVIRONMENT, REPO, PackageBuild

pytestmark = pytest.mark.slow


def names(build: PackageBuild) -> list[str]:
    with zipfile.ZipFile(build.zip_path) as archive:
        return archive.namelist()


def top_level(build: PackageBuild) -> set[str]:
    return {name.split("/", 1)[0] for name in names(build)}


def test_the_build_succeeds_and_reports_path_size_and_limits(package_build: PackageBuild) -> None:
    assert package_build.exit_code == 0, package_build.report
    report = package_build.report
    assert str(package_build.zip_path) in report
    assert "MB zipped (limit 50 MB)" in report
    assert "MB unzipped (limit 250 MB)" in report
    assert f"python{package_build.python.version} on {LAMBDA_PLATFORM}" in report


def test_entry_point_sits_at_the_zip_root(package_build: PackageBuild) -> None:
    assert "lambda_function.py" in names(package_build)
    with zipfile.ZipFile(package_build.zip_path) as archive:
        entry = archive.read("lambda_function.py")
    assert entry == (REPO / "lambda" / "lambda_function.py").read_bytes()


def core_files_on_disk() -> set[str]:
    """The core: the whole `backpain` package, its code and its .yaml/.json data."""
    found = set()
    for path in (REPO / "skill" / "backpain").rglob("*"):
        relative = path.relative_to(REPO / "skill" / "backpain")
        if "__pycache__" in relative.parts or path.suffix not in (".py", ".yaml", ".json"):
            continue
        found.add(f"backpain/{relative.as_posix()}")
    return found


def test_the_whole_skill_core_with_its_data_is_inside(package_build: PackageBuild) -> None:
    inside = set(names(package_build))
    assert core_files_on_disk() <= inside
    for needed in ("backpain/__init__.py", "backpain/skill.py", "backpain/locale/en-GB.yaml"):
        assert needed in inside


def test_the_runtime_requirements_are_installed(package_build: PackageBuild) -> None:
    inside = top_level(package_build)
    assert {"ask_sdk_core", "ask_sdk_model", "ask_sdk_runtime"} <= inside
    # The content goes compiled: nothing in the zip parses YAML at start-up.
    assert "yaml" not in inside
    assert "backpain/locale/en-GB.compiled.json" in names(package_build)


def test_other_doors_and_their_dependencies_stay_out(package_build: PackageBuild) -> None:
    inside = names(package_build)
    for door in ("echo_sim/", "backpain_web/", "backpain_tools/", "alexa_model/"):
        assert not [name for name in inside if name.startswith(door)], door
    unwanted = {"flask", "werkzeug", "pyttsx3", "gunicorn", "cryptography", "pytest", "bin"}
    assert not {name.lower() for name in top_level(package_build)} & unwanted


def test_byte_code_is_only_for_lambdas_python_and_covers_every_module(
    package_build: PackageBuild,
) -> None:
    inside = names(package_build)
    compiled = [n for n in inside if n.endswith((".pyc", ".pyo"))]
    tag = "cpython-" + package_build.python.version.replace(".", "")
    assert compiled, "Lambda's /var/task is read-only: without byte code every cold start compiles"
    assert all(f".{tag}.pyc" in name and "/__pycache__/" in f"/{name}" for name in compiled)
    sources = [n for n in inside if n.endswith(".py")]
    for source in sources:
        folder, _, module = source.rpartition("/")
        cached = f"{folder}/__pycache__/{module[:-3]}.{tag}.pyc".lstrip("/")
        assert cached in compiled, f"{source} has no byte code"


def test_entries_are_sorted_with_one_fixed_time_and_mode(package_build: PackageBuild) -> None:
    with zipfile.ZipFile(package_build.zip_path) as archive:
        infos = archive.infolist()
    assert [info.filename for info in infos] == sorted(info.filename for info in infos)
    assert {info.date_time for info in infos} == {(1980, 1, 1, 0, 0, 0)}
    assert {info.external_attr >> 16 for info in infos} == {0o100644}


def test_building_twice_gives_the_same_bytes(package_build: PackageBuild, tmp_path: Path) -> None:
    zips = []
    for name in ("first", "second"):
        out = tmp_path / name
        # Reuse the session's installed requirements: the point is the zip, not pip.
        shutil.copytree(package_build.out / "cache", out / "cache")
        with contextlib.redirect_stdout(io.StringIO()), contextlib.chdir(REPO):
            code = commands.main(
                "package", ["--out", str(out), "--python-version", package_build.python.version]
            )
        assert code == 0
        zips.append((out / "lambda.zip").read_bytes())
    assert zips[0] == zips[1]


@pytest.fixture(scope="module")
def unpacked(package_build: PackageBuild, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The zip extracted as Lambda does, next to a fresh venv without the project in it."""
    root = tmp_path_factory.mktemp("lambda")
    with zipfile.ZipFile(package_build.zip_path) as archive:
        archive.extractall(root / "task")
    subprocess.run(
        [package_build.python.path, "-m", "venv", "--without-pip", str(root / "venv")],
        check=True,
        timeout=120,
    )
    return root


INVOKE = """
import json, sys
sys.path.insert(0, ".")  # Lambda puts the zip's root (/var/task) first on sys.path
import lambda_function
print(json.dumps(lambda_function.lambda_handler(json.load(sys.stdin), None)))
"""


def invoke(unpacked: Path, envelope: dict) -> dict:
    # -I: no PYTHONPATH, no user site, no script dir: only the venv and the zip's contents.
    done = subprocess.run(
        [str(unpacked / "venv" / "bin" / "python"), "-I", "-c", INVOKE],
        env=LAMBDA_ENVIRONMENT,
        cwd=unpacked / "task",
        input=json.dumps(envelope),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout)


def test_a_clean_python_answers_a_launch_request(unpacked: Path) -> None:
    reply = invoke(unpacked, EnvelopeFactory("en-GB", VOICE_ONLY).launch(Session()))
    response = reply["response"]
    assert response["outputSpeech"]["ssml"].startswith("<speak>")
    assert "Back Pain Guide" in response["outputSpeech"]["ssml"]
    assert response["reprompt"]["outputSpeech"]["ssml"].startswith("<speak>")
    assert response["shouldEndSession"] is False


def test_a_clean_python_renders_the_screen_from_packaged_apl_data(unpacked: Path) -> None:
    reply = invoke(unpacked, EnvelopeFactory("en-GB", ECHO_SHOW).launch(Session()))
    kinds = [directive["type"] for directive in reply["response"].get("directives", [])]
    assert "Alexa.Presentation.APL.RenderDocument" in kinds
