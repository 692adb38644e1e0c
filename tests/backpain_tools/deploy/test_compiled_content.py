"""The Lambda package's content: compiled at build time, checked by hash at start-up, no PyYAML."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

from backpain.compiled_content import compile_content, read_compiled, sha256_hex
from backpain.content import load_content, source_file
from backpain.content_types import ContentError
from backpain_tools.deploy.lambda_package import stage_code
from backpain_tools.deploy.project import Project
from echo_sim.device.envelope import VOICE_ONLY, EnvelopeFactory, Session
from tests.backpain_tools.deploy.conftest import LAMBDA_ENVIRONMENT

EN_GB = source_file("en-GB")


def compiled_beside_source(folder: Path) -> tuple[Path, Path]:
    source = folder / "en-GB.yaml"
    source.write_bytes(EN_GB.read_bytes())
    compiled = folder / "en-GB.compiled.json"
    compiled.write_bytes(compile_content(load_content(source, "en-GB"), source))
    return compiled, source


def test_compiled_content_reads_back_as_the_validated_yaml(tmp_path: Path) -> None:
    compiled, source = compiled_beside_source(tmp_path)
    assert read_compiled(compiled, source, "en-GB") == load_content(source, "en-GB")
    header = json.loads(compiled.read_bytes().partition(b"\n")[0])
    assert header["source"] == "en-GB.yaml"
    assert len(header["source_sha256"]) == len(header["body_sha256"]) == 64


def test_the_hash_is_sha256() -> None:
    data = EN_GB.read_bytes()
    assert sha256_hex(data) == hashlib.sha256(data).hexdigest()
    assert sha256_hex(b"") == hashlib.sha256(b"").hexdigest()


def test_each_question_points_at_its_own_warning_sign(tmp_path: Path) -> None:
    compiled, source = compiled_beside_source(tmp_path)
    checklist = read_compiled(compiled, source, "en-GB").checklist
    for question in checklist.questions:
        assert any(question.flag is flag for flag in checklist.red_flags)
        assert question.text in question.flag.questions


def test_an_edited_compiled_file_fails_naming_it(tmp_path: Path) -> None:
    compiled, source = compiled_beside_source(tmp_path)
    compiled.write_bytes(compiled.read_bytes().replace(b"999", b"998", 1))
    with pytest.raises(ContentError) as caught:
        read_compiled(compiled, source, "en-GB")
    assert caught.value.file == str(compiled)
    assert caught.value.key == "body_sha256"
    assert "backpain package" in str(caught.value)


def test_a_compiled_file_older_than_its_yaml_fails_naming_it(tmp_path: Path) -> None:
    compiled, source = compiled_beside_source(tmp_path)
    source.write_text(source.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        read_compiled(compiled, source, "en-GB")
    assert (caught.value.file, caught.value.key) == (str(compiled), "source_sha256")


@pytest.mark.parametrize("data", [b"", b"not json\n{}", b"[1]\n{}", b'{"format": 1}'])
def test_a_file_that_is_not_compiled_content_fails_naming_it(tmp_path: Path, data: bytes) -> None:
    compiled, source = compiled_beside_source(tmp_path)
    compiled.write_bytes(data)
    with pytest.raises(ContentError) as caught:
        read_compiled(compiled, source, "en-GB")
    assert caught.value.file == str(compiled)


def test_another_format_is_refused_not_misread(tmp_path: Path) -> None:
    compiled, source = compiled_beside_source(tmp_path)
    header, _, body = compiled.read_bytes().partition(b"\n")
    document = json.loads(header)
    document["format"] = 99
    compiled.write_bytes(json.dumps(document).encode() + b"\n" + body)
    with pytest.raises(ContentError) as caught:
        read_compiled(compiled, source, "en-GB")
    assert caught.value.key == "format"


# -- the staged package, imported in a fresh Python as Lambda imports it ------------------------

START = """
import json, sys
sys.path.insert(0, sys.argv[1])  # Lambda puts the package's root first on sys.path
if sys.argv[2] == "no-yaml":
    sys.modules["yaml"] = None  # as in the zip, which carries no PyYAML
import lambda_function
answer = lambda_function.lambda_handler(json.loads(sys.argv[3]), None)
print(json.dumps({
    "speech": answer["response"]["outputSpeech"]["ssml"],
    "backpain": sys.modules["backpain"].__file__,
    "modules": sorted(name for name, module in sys.modules.items() if module is not None),
}))
"""


@pytest.fixture
def staged(project: Project, tmp_path: Path) -> Path:
    return stage_code(project, tmp_path / "task", tmp_path / "content")


def start(staged: Path, yaml: str = "no-yaml") -> subprocess.CompletedProcess[str]:
    launch = EnvelopeFactory("en-GB", VOICE_ONLY).launch(Session())
    return subprocess.run(
        [sys.executable, "-c", START, str(staged), yaml, json.dumps(launch)],
        env=LAMBDA_ENVIRONMENT,
        cwd=staged,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_the_package_starts_and_answers_without_yaml_or_the_doors(staged: Path) -> None:
    done = start(staged)
    assert done.returncode == 0, done.stderr[-3000:]
    result = json.loads(done.stdout)
    assert "Back Pain Guide" in result["speech"]
    assert result["backpain"] == str(staged / "backpain" / "__init__.py")
    modules = set(result["modules"])
    loaded_from_package = {name for name in modules if name.split(".")[0] == "backpain"}
    assert "backpain.compiled_content" in loaded_from_package
    # Neither the YAML reader and its checks, nor another door, nor their libraries.
    assert not {"yaml", "backpain.content_file", "flask", "werkzeug", "pyttsx3"} & modules
    doors = ("echo_sim", "backpain_web", "backpain_tools", "alexa_model")
    assert not {name for name in modules if name.split(".")[0] in doors}


def test_the_package_without_its_compiled_content_fails_at_start_naming_the_file(
    staged: Path,
) -> None:
    compiled = staged / "backpain" / "locale" / "en-GB.compiled.json"
    compiled.unlink()
    done = start(staged)
    assert done.returncode != 0
    assert f"{compiled}: (file): missing" in done.stderr
    assert "backpain package" in done.stderr


def test_the_package_with_edited_content_fails_at_start_naming_the_file(staged: Path) -> None:
    source = staged / "backpain" / "locale" / "en-GB.yaml"
    source.write_text(source.read_text(encoding="utf-8").replace("999", "998"), encoding="utf-8")
    done = start(staged, yaml="with-yaml")
    assert done.returncode != 0
    assert f"{staged / 'backpain' / 'locale' / 'en-GB.compiled.json'}: source_sha256" in done.stderr
