"""The packages' arrows point one way: doors and tools to the core, the device to the model."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SOURCE_ROOT = ROOT / "skill"

# Which of our own packages each package may import. The core imports none of them, so the
# Lambda zip is the core package copied; the device is generic, so it knows no skill.
ALLOWED = {
    "backpain": set(),
    "alexa_model": set(),
    "backpain_web": {"backpain"},
    "echo_sim": {"alexa_model"},
    "backpain_tools": {"backpain", "backpain_web", "echo_sim", "alexa_model"},
}
# Words that would mean the generic device or model reader knows this skill.
SKILL_WORDS = re.compile(r"back ?pain|sciatica|red.flag|nhs\b|lumbago|slipped disc", re.IGNORECASE)


def imported_packages(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module.split(".")[0])
    return found & set(ALLOWED)


@pytest.mark.parametrize("package", sorted(ALLOWED))
def test_a_package_imports_only_what_sits_below_it(package: str) -> None:
    folder = SOURCE_ROOT / package
    if not folder.is_dir():
        pytest.skip(f"skill/{package}/ is not in this checkout")
    allowed = ALLOWED[package] | {package}
    wrong = {
        path.relative_to(ROOT).as_posix(): sorted(imported_packages(path) - allowed)
        for path in sorted(folder.rglob("*.py"))
    }
    assert {path: names for path, names in wrong.items() if names} == {}


@pytest.mark.parametrize("package", ["echo_sim", "alexa_model"])
def test_the_generic_packages_know_no_back_pain_word(package: str) -> None:
    folder = SOURCE_ROOT / package
    if not folder.is_dir():
        pytest.skip(f"skill/{package}/ is not in this checkout")
    found = [
        f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
        for path in sorted(folder.rglob("*"))
        if path.is_file() and path.suffix in {".py", ".js", ".html", ".css", ".json", ".yaml"}
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if SKILL_WORDS.search(line)
    ]
    assert found == []


# Inside the device, the sub-packages stand in layers, named after their job: a command drives
# the console or the device; the device understands, speaks and hears through the layers below
# it. Each imports only layers strictly below its own (voice and hearing, side by side, not each
# other), and only through their __init__'s public API. The top-level modules (errors,
# skill_project) hold what every layer shares and import no layer.
DEVICE = SOURCE_ROOT / "echo_sim"
DEVICE_LAYERS = {
    "commands": 5,
    "browser": 4,
    "device": 3,
    "voice": 2,
    "hearing": 2,
    "understanding": 1,
}
SHARED_MODULES = {"errors", "skill_project"}


def device_imports(path: Path) -> list[tuple[str, str]]:
    """(sub-package or shared module, the module imported) for each `echo_sim.` import."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            modules = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            modules = [node.module]
        else:
            continue
        for module in modules:
            parts = module.split(".")
            if parts[0] == "echo_sim" and len(parts) > 1:
                found.append((parts[1], module))
    return found


def test_the_device_layers_import_only_down_and_only_public_names() -> None:
    assert {p.name for p in DEVICE.iterdir() if (p / "__init__.py").is_file()} == set(
        DEVICE_LAYERS
    )
    wrong = []
    for path in sorted(DEVICE.rglob("*.py")):
        relative = path.relative_to(DEVICE)
        layer = relative.parts[0] if len(relative.parts) > 1 else None
        for target, module in device_imports(path):
            if target == layer:
                continue
            if target in SHARED_MODULES:
                continue
            if layer is None:
                wrong.append(f"{relative}: a shared module imports the layer {module}")
            elif target not in DEVICE_LAYERS or DEVICE_LAYERS[target] >= DEVICE_LAYERS[layer]:
                wrong.append(f"{relative}: {layer} imports {module}, not below it")
            elif module != f"echo_sim.{target}":
                wrong.append(f"{relative}: {module} is inside {target}: import its public API")
    assert wrong == []


# One name per thing: no module's name is another module's in the source, benchmarks or scripts
# (nor its plural), unless both are the same kind of thing in parallel places: a package's API or
# entry point, its exceptions, a tool's command module.
PARALLEL_NAMES = {"__init__", "__main__", "errors", "commands"}


def source_modules() -> dict[str, list[str]]:
    modules: dict[str, list[str]] = {}
    for folder in (SOURCE_ROOT, ROOT / "benchmarks", ROOT / "scripts"):
        for path in folder.rglob("*.py"):
            if ".egg-info" not in str(path):
                modules.setdefault(path.stem, []).append(path.relative_to(ROOT).as_posix())
    return modules


def test_no_module_shares_its_name() -> None:
    modules = source_modules()
    clashes = {}
    for name in sorted(modules):
        if name in PARALLEL_NAMES:
            continue
        same = modules[name] + modules.get(f"{name}s", []) + modules.get(name.removesuffix("s"), [])
        if len(set(same)) > 1:
            clashes[name] = sorted(set(same))
    assert clashes == {}


# Tests mirror the packages: each package's tests sit in tests/<package>/ (the device's by layer,
# tests/echo_sim/<layer>/); the suites over the whole skill sit beside them (their data is what
# scripts/corpus and scripts/safety-rates read).
WHOLE_SKILL_SUITES = {"corpus", "exam", "red_flags", "transcripts", "editions"}


def test_the_test_folders_mirror_the_packages() -> None:
    tests = ROOT / "tests"
    folders = {p.name for p in tests.iterdir() if p.is_dir() and p.name != "__pycache__"}
    assert folders == set(ALLOWED) | WHOLE_SKILL_SUITES
    device_tests = {
        p.name for p in (tests / "echo_sim").iterdir()
        if p.is_dir() and p.name != "__pycache__"
    }
    # The layers, and the tiny skills the device is tried on (no skill of ours).
    assert device_tests - {"tiny", "pizza"} <= set(DEVICE_LAYERS)


def test_the_hearing_knows_no_command_line() -> None:
    found = [
        path.relative_to(ROOT).as_posix()
        for path in sorted((DEVICE / "hearing").rglob("*.py"))
        if "argparse" in path.read_text(encoding="utf-8")
    ]
    assert found == []
