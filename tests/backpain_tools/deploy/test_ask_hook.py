"""hooks/build.sh as `ask deploy` runs it: builds the zip, and stops a deploy with a stale model."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from backpain import intents
from tests.backpain_tools.deploy.conftest import REPO, PackageBuild

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("bash") is None, reason="the ASK CLI hook is a bash script"),
]

CHECKOUT_PARTS = (
    "ask-resources.json", "hooks", "lambda", "skill-package", "interaction_models", "skill"
)


@pytest.fixture
def checkout(tmp_path: Path, package_build: PackageBuild) -> Path:
    """A copy of the repository's deployable parts, with the session's installed requirements."""
    root = tmp_path / "checkout"
    root.mkdir()
    for part in CHECKOUT_PARTS:
        source = REPO / part
        if source.is_dir():
            skip_caches = shutil.ignore_patterns("__pycache__", "*.egg-info")
            shutil.copytree(source, root / part, ignore=skip_caches)
        else:
            shutil.copy2(source, root / part)
    shutil.copytree(package_build.out / "cache", root / "build" / "cache")
    # ask-cli runs the hook from its scratch copy of lambda/, .ask/lambda.
    shutil.copytree(root / "lambda", root / ".ask" / "lambda")
    return root


def run_hook(checkout: Path) -> subprocess.CompletedProcess[str]:
    """Run the hook as ask-cli's CustomBuildFlow does: `hooks/build.sh "<zip>" <debug>`."""
    # The copy has no .venv of its own: the hook finds `backpain` on PATH, as after a pip install.
    path = f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"
    scratch = checkout / ".ask" / "lambda"
    return subprocess.run(
        [str(checkout / "hooks" / "build.sh"), str(scratch / "build.zip"), "false"],
        cwd=scratch,
        env=dict(os.environ, PATH=path),
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def test_the_hook_writes_the_zip_ask_cli_asked_for(checkout: Path) -> None:
    first = run_hook(checkout)
    # A fresh checkout has no skill package yet: ask-cli would not even start without one.
    assert first.returncode == 1
    assert "run `ask deploy` again" in first.stderr
    second = run_hook(checkout)
    assert second.returncode == 0, second.stderr
    with zipfile.ZipFile(checkout / ".ask" / "lambda" / "build.zip") as archive:
        assert "lambda_function.py" in archive.namelist()
        assert "backpain/skill.py" in archive.namelist()


def test_a_model_edited_after_packaging_stops_the_deploy(checkout: Path) -> None:
    run_hook(checkout)
    assert run_hook(checkout).returncode == 0
    model_path = checkout / "interaction_models" / "en-GB.json"
    model = json.loads(model_path.read_text())
    declared = model["interactionModel"]["languageModel"]["intents"]
    causes = next(i for i in declared if i["name"] == intents.CAUSES)
    causes["samples"].append("why is my back sore")
    model_path.write_text(json.dumps(model, indent=2))

    stale = run_hook(checkout)
    assert stale.returncode == 1
    assert "out of date" in stale.stderr
    next_upload = checkout / "build" / "skill-package" / "interactionModels" / "custom"
    assert (next_upload / "en-GB.json").read_bytes() == model_path.read_bytes()
    assert run_hook(checkout).returncode == 0
