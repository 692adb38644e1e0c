"""Build the lean AWS Lambda zip: entry point, skill core, compiled content, requirements."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from backpain.compiled_content import compile_content
from backpain.content import COMPILED_SUFFIX, load_content
from backpain.content_types import ContentError
from backpain_tools.deploy.project import LAMBDA_PLATFORM, LAMBDA_PYTHON, Project
from backpain_tools.deploy.reproducible_zip import ZipStats, write_zip
from backpain_tools.errors import BackPainToolsError

MB = 1024 * 1024
# AWS Lambda quotas for a .zip deployment package uploaded directly (what ask-cli does).
ZIPPED_LIMIT = 50 * MB
UNZIPPED_LIMIT = 250 * MB

# What the core is made of: code plus its data (content, APL documents).
CORE_SUFFIXES = frozenset({".py", ".yaml", ".yml", ".json"})
# Compiled and hidden files are never source; they are skipped without a note.
IGNORED_SUFFIXES = frozenset({".pyc", ".pyo"})
# Other doors' dependencies. If lambda/requirements.txt ever pulls one in, the zip is wrong.
# PyYAML too: the zip carries its content compiled, validated here, never parsed at start-up.
FORBIDDEN_IMPORTS = frozenset({"flask", "werkzeug", "pyttsx3", "gunicorn", "cryptography", "yaml"})
# Bumped when the way dependencies are installed changes, so old caches are not reused.
CACHE_FORMAT = "1"
COMPLETE_MARKER = ".complete"


class PackagingError(BackPainToolsError):
    """The Lambda zip cannot be built (pip failed, a forbidden package, a name clash)."""


@dataclass(frozen=True)
class LambdaTarget:
    """The Lambda runtime the zip is built for."""

    python_version: str = LAMBDA_PYTHON
    """CPython minor version, e.g. "3.12" (runtime python3.12)."""
    platform: str = LAMBDA_PLATFORM
    """pip platform tag of the Lambda execution environment."""


@dataclass(frozen=True)
class LambdaZip:
    """A built Lambda deployment package and what is in it."""

    stats: ZipStats
    target: LambdaTarget
    core_files: int
    """Files of the skill core (code and data) in the zip."""
    distributions: tuple[str, ...]
    """Installed requirements as "name version", sorted."""
    left_out: tuple[str, ...]
    """Core files left out because they are neither code nor known data (say so, don't guess)."""
    bytecode: bool = False
    """True when the zip carries byte code compiled by the runtime's own Python version."""

    @property
    def within_limits(self) -> bool:
        stats = self.stats
        return stats.zipped_bytes <= ZIPPED_LIMIT and stats.unzipped_bytes <= UNZIPPED_LIMIT


def core_entries(project: Project) -> tuple[dict[str, Path], tuple[str, ...]]:
    """Archive name -> file for the skill core (the whole `backpain` package), and the files
    in it that are not code or data, left out."""
    entries: dict[str, Path] = {}
    left_out: list[str] = []
    for path in sorted(project.skill_core.rglob("*")):
        relative = path.relative_to(project.skill_core)
        if not path.is_file() or "__pycache__" in relative.parts:
            continue
        if path.name.startswith(".") or path.suffix in IGNORED_SUFFIXES:
            continue
        if path.name.endswith(COMPILED_SUFFIX):  # build output: made fresh from the YAML below
            continue
        if path.suffix not in CORE_SUFFIXES:
            left_out.append(f"backpain/{relative.as_posix()}")
            continue
        entries[f"backpain/{relative.as_posix()}"] = path
    return entries, tuple(left_out)


def compiled_content_entries(project: Project, workdir: Path) -> dict[str, Path]:
    """Each locale's content validated now and written compiled (what Lambda loads at start-up:
    no PyYAML, no second validation), as archive name -> file under `workdir`."""
    entries: dict[str, Path] = {}
    shutil.rmtree(workdir, ignore_errors=True)
    workdir.mkdir(parents=True)
    for source in sorted((project.skill_core / "locale").glob("*.yaml")):
        try:
            content = load_content(source, source.stem)
        except ContentError as error:
            raise PackagingError(f"the content cannot be packaged: {error}") from None
        compiled = workdir / f"{source.stem}{COMPILED_SUFFIX}"
        compiled.write_bytes(compile_content(content, source))
        entries[f"backpain/locale/{compiled.name}"] = compiled
    if not entries:
        raise PackagingError(f"{project.skill_core}/locale has no content (*.yaml) to package")
    return entries


def code_entries(project: Project, workdir: Path) -> tuple[dict[str, Path], int, tuple[str, ...]]:
    """The zip without its requirements: lambda_function.py at the root, the skill core and its
    compiled content (made under `workdir`); with the count of core files and those left out."""
    core, left_out = core_entries(project)
    if "backpain/skill.py" not in core:
        raise PackagingError(f"{project.skill_core}/skill.py is missing: no skill to package")
    compiled = compiled_content_entries(project, workdir)
    entries = {"lambda_function.py": project.lambda_entry_point, **core, **compiled}
    return entries, len(core) + len(compiled), left_out


def stage_code(project: Project, dest: Path, workdir: Path) -> Path:
    """Copy the zip's own code and content (not its requirements) into the folder `dest`: the
    packaged form, for the benchmarks and tests to import as Lambda would."""
    entries, _, _ = code_entries(project, workdir)
    for name, source in entries.items():
        copy = dest / name
        copy.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, copy)
    return dest


def dependencies_cache(project: Project, target: LambdaTarget, cache_root: Path) -> Path:
    """The cache folder for this requirements file and target (a new one when either changes)."""
    key = hashlib.sha256()
    for part in (CACHE_FORMAT, target.python_version, target.platform):
        key.update(part.encode() + b"\0")
    key.update(project.lambda_requirements.read_bytes())
    return cache_root / f"lambda-deps-{key.hexdigest()[:16]}"


def install_dependencies(
    project: Project, target: LambdaTarget, cache_root: Path, refresh: bool = False
) -> Path:
    """Install lambda/requirements.txt as Lambda's platform needs it; reuse an earlier install."""
    folder = dependencies_cache(project, target, cache_root)
    if refresh and folder.exists():
        shutil.rmtree(folder)
    if (folder / COMPLETE_MARKER).is_file():
        return folder
    partial = folder.with_name(f".{folder.name}.partial-{os.getpid()}")
    shutil.rmtree(partial, ignore_errors=True)
    command = [
        sys.executable, "-m", "pip", "install",
        "--quiet", "--disable-pip-version-check", "--no-input",
        # Byte code would be compiled for this machine's Python, not Lambda's.
        "--no-compile",
        "--target", str(partial),
        "--platform", target.platform,
        "--implementation", "cp",
        "--python-version", target.python_version,
        # Wheels only: a source build would compile for this machine, not Lambda's.
        "--only-binary=:all:",
        "--requirement", str(project.lambda_requirements),
    ]  # fmt: skip
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        shutil.rmtree(partial, ignore_errors=True)
        detail = (done.stderr or done.stdout).strip().splitlines()[-15:]
        raise PackagingError(
            f"pip could not install {project.lambda_requirements.name} for Lambda "
            f"(python {target.python_version}, {target.platform}):\n  " + "\n  ".join(detail)
        )
    # Console scripts carry this machine's interpreter path in their first line; Lambda needs none.
    shutil.rmtree(partial / "bin", ignore_errors=True)
    (partial / COMPLETE_MARKER).write_text("ok\n")
    try:
        partial.rename(folder)
    except OSError:
        # Another build finished the same cache first; its copy is just as good.
        shutil.rmtree(partial, ignore_errors=True)
    return folder


def dependency_entries(folder: Path) -> dict[str, Path]:
    entries: dict[str, Path] = {}
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder)
        if not path.is_file() or "__pycache__" in relative.parts or path.suffix in IGNORED_SUFFIXES:
            continue
        if relative.as_posix() == COMPLETE_MARKER:
            continue
        entries[relative.as_posix()] = path
    return entries


def distributions(folder: Path) -> tuple[str, ...]:
    found = []
    for info in folder.glob("*.dist-info"):
        name, _, version = info.name.removesuffix(".dist-info").rpartition("-")
        found.append(f"{name.replace('_', '-').lower()} {version}")
    return tuple(sorted(found))


def top_level_names(archive_names: list[str]) -> set[str]:
    names = set()
    for name in archive_names:
        first = name.split("/", 1)[0]
        if first.endswith(".dist-info"):
            continue
        names.add(first.removesuffix(".py").lower())
    return names


def build_lambda_zip(
    project: Project,
    dest: Path,
    target: LambdaTarget = LambdaTarget(),
    cache_root: Path | None = None,
    refresh: bool = False,
) -> LambdaZip:
    """Write the Lambda zip to `dest`: lambda_function.py at its root, core, requirements."""
    cache = cache_root if cache_root is not None else project.build / "cache"
    project.build.mkdir(parents=True, exist_ok=True)
    # This build's own folder for the compiled content and byte code: two builds at once (two
    # terminals, or the test workers) never write into each other's.
    with tempfile.TemporaryDirectory(prefix="package-", dir=project.build) as own:
        return _build_zip(project, dest, target, cache, refresh, Path(own))


def _build_zip(
    project: Project, dest: Path, target: LambdaTarget, cache: Path, refresh: bool, work: Path
) -> LambdaZip:
    code, core_files, left_out = code_entries(project, work / "content")
    deps_folder = install_dependencies(project, target, cache, refresh=refresh)
    deps = dependency_entries(deps_folder)

    entries: dict[str, Path] = {}
    clashes = sorted(
        name for name in deps if name == "lambda_function.py" or name.startswith("backpain/")
    )
    if clashes:
        raise PackagingError(
            "a requirement installs files that clash with the skill's own: " + ", ".join(clashes)
        )
    forbidden = top_level_names(list(deps)) & FORBIDDEN_IMPORTS
    if forbidden:
        raise PackagingError(
            f"{project.lambda_requirements} pulls in {', '.join(sorted(forbidden))}, which belongs "
            "to the desktop or web door and must not go to Lambda"
        )
    entries.update(code)
    entries.update(deps)
    bytecode = compile_bytecode(entries, target, work / "bytecode")
    entries.update(bytecode)
    stats = write_zip(entries, dest)
    return LambdaZip(
        stats, target, core_files, distributions(deps_folder), left_out, bytecode=bool(bytecode)
    )


def python_version_of(path: str) -> str | None:
    """ "3.12" for a working interpreter at `path`; None when it does not run."""
    try:
        done = subprocess.run(
            [path, "-c", "import sys; print('%d.%d' % sys.version_info[:2])"],
            capture_output=True, text=True, timeout=60, check=False,
        )  # fmt: skip
    except OSError:
        return None
    return done.stdout.strip() if done.returncode == 0 else None


def find_python(version: str) -> str | None:
    """An interpreter of exactly this "X.Y" version on this machine, if there is one."""
    if f"{sys.version_info.major}.{sys.version_info.minor}" == version:
        return sys.executable
    wanted = f"python{version}"
    candidates = [shutil.which(wanted), f"/usr/bin/{wanted}", f"/usr/local/bin/{wanted}"]
    # pyenv's shim refuses a version that is installed but not selected; its real binary does not.
    pyenv = Path.home() / ".pyenv" / "versions"
    candidates += sorted(str(path) for path in pyenv.glob(f"{version}*/bin/{wanted}"))
    for candidate in candidates:
        if candidate and python_version_of(candidate) == version:
            return candidate
    return None


def compile_bytecode(
    entries: dict[str, Path], target: LambdaTarget, workdir: Path
) -> dict[str, Path]:
    """__pycache__ entries for every module, compiled by the runtime's Python version.

    Lambda's /var/task is read-only, so without byte code in the zip every cold start compiles
    the skill and ask-sdk from source again (about 0.8 s instead of 0.25 s).
    "unchecked-hash" byte code does not depend on file times, so the zip stays reproducible.
    Without that Python here, the zip is built without byte code (still correct, slower).
    """
    python = find_python(target.python_version)
    if python is None:
        return {}
    shutil.rmtree(workdir, ignore_errors=True)
    for name, source in entries.items():
        if name.endswith(".py"):
            copy = workdir / name
            copy.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, copy)
    done = subprocess.run(
        [python, "-m", "compileall", "-q", "--invalidation-mode", "unchecked-hash",
         # Tracebacks name the files where Lambda has them, not this build folder.
         "-s", str(workdir), "-p", "/var/task", str(workdir)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    if done.returncode != 0:
        output = (done.stdout + done.stderr).strip()
        raise PackagingError(f"compiling byte code with {python} failed: {output}")
    return {
        path.relative_to(workdir).as_posix(): path for path in sorted(workdir.rglob("*.pyc"))
    }
