"""`backpain package` (the lean Lambda zip and skill package) and `backpain validate`."""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from backpain_tools.deploy.lambda_package import (
    MB,
    UNZIPPED_LIMIT,
    ZIPPED_LIMIT,
    LambdaTarget,
    LambdaZip,
    PackagingError,
    build_lambda_zip,
)
from backpain_tools.deploy.project import LAMBDA_PYTHON, NotACheckout, Project, find_project
from backpain_tools.deploy.skill_package import (
    SkillPackage,
    SkillPackageError,
    assemble_skill_package,
)
from backpain_tools.deploy.validation import Finding, display_path, validate, validate_models
from backpain_tools.packaged import interaction_models
from echo_sim.commands import CommandParser, output_file, output_folder

ZIP_NAME = "lambda.zip"
SKILL_PACKAGE = "skill-package"


def main(command: str, argv: list[str]) -> int:
    if command == "package":
        return package(argv)
    if command == "validate":
        return validate_command(argv)
    print(f"backpain: {command!r} is not a deploy command", file=sys.stderr)
    return 2


# --- backpain package --------------------------------------------------------------------------


def python_version(text: str) -> str:
    if not re.fullmatch(r"3\.\d{1,2}", text):
        raise argparse.ArgumentTypeError(f"{text!r} is not a Python version like {LAMBDA_PYTHON}")
    return text


def package_parser() -> argparse.ArgumentParser:
    parser = CommandParser(
        prog="backpain package",
        description="Build what `ask deploy` uploads: the lean AWS Lambda zip (lambda_function.py, "
        "the skill core, lambda/requirements.txt installed for Lambda) and the skill package "
        "(skill-package/skill.json plus interaction_models/<locale>.json).",
    )
    parser.add_argument(
        "--out",
        type=output_folder,
        metavar="DIR",
        help=f"where to write {ZIP_NAME}, {SKILL_PACKAGE}/ and the cache of installed "
        "requirements (default: build/ in the checkout)",
    )
    parser.add_argument(
        "--python-version",
        type=python_version,
        default=LAMBDA_PYTHON,
        metavar="X.Y",
        help=f"the Lambda Python runtime to install wheels for (default: {LAMBDA_PYTHON})",
    )
    parser.add_argument(
        "--refresh-deps",
        action="store_true",
        help="reinstall lambda/requirements.txt instead of reusing the cached install",
    )
    parser.add_argument(
        "--ask-hook",
        type=output_file,
        metavar="ZIP",
        help="used by hooks/build.sh during `ask deploy`: write the Lambda zip to ZIP, and fail if "
        "the skill package ask-cli has just uploaded was out of date",
    )
    return parser


def package(argv: list[str]) -> int:
    args = package_parser().parse_args(argv)
    try:
        project = find_project()
        out = (args.out or project.build).resolve()
        skill_package = assemble_skill_package(project, out / SKILL_PACKAGE)
        print(describe_skill_package(skill_package, project))
        if args.ask_hook is not None and skill_package.changed:
            print(
                "backpain package: error: the skill package ask-cli has just uploaded was out of "
                "date (skill-package/skill.json or interaction_models/ changed since the last "
                "`backpain package`). It is up to date now: run `ask deploy` again.",
                file=sys.stderr,
            )
            return 1
        target = LambdaTarget(python_version=args.python_version)
        dest = args.ask_hook.resolve() if args.ask_hook is not None else out / ZIP_NAME
        built = build_lambda_zip(
            project, dest, target, cache_root=out / "cache", refresh=args.refresh_deps
        )
    except NotACheckout:
        print(
            "backpain package: error: the Lambda zip is built from a source checkout (lambda/, "
            "skill-package/, skill/), not from an installed backpain; run it in a clone",
            file=sys.stderr,
        )
        return 1
    except (PackagingError, SkillPackageError) as error:
        print(f"backpain package: error: {error}", file=sys.stderr)
        return 1
    print(describe_lambda_zip(built, project))
    if not built.within_limits:
        print("backpain package: error: the zip is over AWS Lambda's size limits", file=sys.stderr)
        return 1
    return 0


def describe_skill_package(package: SkillPackage, project: Project) -> str:
    locales = ", ".join(package.locales)
    state = "updated: " + ", ".join(package.changed) if package.changed else "unchanged"
    return (
        f"backpain package: skill package {display_path(package.path, project)}/ "
        f"(skill.json, interaction model {locales}) {state}"
    )


def describe_lambda_zip(built: LambdaZip, project: Project) -> str:
    stats = built.stats
    lines = [
        f"backpain package: Lambda zip {display_path(stats.path, project)}",
        f"  {stats.zipped_bytes / MB:.1f} MB zipped (limit {ZIPPED_LIMIT // MB} MB), "
        f"{stats.unzipped_bytes / MB:.1f} MB unzipped (limit {UNZIPPED_LIMIT // MB} MB), "
        f"{stats.files} files",
        f"  for runtime python{built.target.python_version} on {built.target.platform}",
        f"  lambda_function.py, the skill core ({built.core_files} files) and "
        f"{len(built.distributions)} packages from lambda/requirements.txt:",
        "    " + ", ".join(built.distributions),
    ]
    if built.left_out:
        left_out = ", ".join(built.left_out)
        lines.append(f"  left out of the core (neither code nor .yaml/.json data): {left_out}")
    if built.bytecode:
        version = built.target.python_version
        lines.append(f"  with byte code from python{version} (fast cold starts)")
    else:
        lines.append(
            f"  without byte code: no python{built.target.python_version} on this machine, so "
            "every Lambda cold start compiles from source (about 0.5 s slower)"
        )
    return "\n".join(lines)


# --- backpain validate -------------------------------------------------------------------------


def validate_parser() -> argparse.ArgumentParser:
    parser = CommandParser(
        prog="backpain validate",
        description="Check the interaction model(s) and the skill manifest against Alexa's "
        "documented build and publishing rules. Exit status 0 when nothing breaks a rule "
        "(warnings are printed but pass), 1 otherwise.",
    )
    parser.add_argument(
        "--model",
        type=Path,
        metavar="PATH",
        help="the interaction model to check, for every locale of the manifest "
        "(default: interaction_models/<locale>.json for each locale)",
    )
    parser.add_argument(
        "--manifest",
        type=Path,
        metavar="PATH",
        help="the skill manifest to check (default: skill-package/skill.json)",
    )
    return parser


def validate_command(argv: list[str]) -> int:
    args = validate_parser().parse_args(argv)
    try:
        project = find_project()
    except NotACheckout:
        # Installed from a wheel: the models it carries can be checked; the manifest and the
        # Lambda code live only in a checkout.
        if args.manifest is not None:
            print(
                "backpain validate: error: --manifest needs a checkout (this is an installed "
                "backpain with no skill-package/ beside it)",
                file=sys.stderr,
            )
            return 1
        models = [args.model] if args.model is not None else interaction_models()
        passed = "the installed model follows Alexa's rules (the manifest is checked in a checkout)"
        return report(validate_models(models), passed)
    manifest = args.manifest if args.manifest is not None else project.manifest
    passed = "the model and manifest follow Alexa's rules"
    return report(validate(project, manifest, args.model), passed)


def report(findings: list[Finding], passed: str) -> int:
    for finding in findings:
        print(finding)
    errors = sum(1 for finding in findings if finding.problem.severity != "warning")
    warnings = len(findings) - errors
    if errors:
        print(f"backpain validate: {errors} problem(s), {warnings} warning(s)", file=sys.stderr)
        return 1
    suffix = f" ({warnings} warning(s))" if warnings else ""
    print(f"backpain validate: {passed}{suffix}")
    return 0
