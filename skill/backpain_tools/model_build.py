"""`backpain model build`: writes each locale's interaction model from its grammar folder.

The grammar (interaction_models/grammar/<locale>/*.yaml) is what people edit; the JSON beside it
(interaction_models/<locale>.json) is what Alexa and the device read. `--check` only says whether
the JSON is current, for CI and for `backpain validate`.
"""

from __future__ import annotations

import json
import sys

from alexa_model.source import SourceError, build_model, render
from backpain_tools.deploy.project import NotACheckout, find_project
from echo_sim.commands import CommandParser
from echo_sim.errors import CommandError


def parser() -> CommandParser:
    built = CommandParser(
        prog="backpain model",
        description="Build interaction_models/<locale>.json from interaction_models/grammar/"
        "<locale>/ (templates with (a|b), [optional], <rule> and {slot}), for every locale.",
    )
    built.add_argument("action", choices=["build"], help="build the models from their grammar")
    built.add_argument(
        "--check",
        action="store_true",
        help="write nothing; exit 1 if a committed model differs from what its grammar builds",
    )
    return built


def main(name: str, argv: list[str]) -> int:
    args = parser().parse_args(argv)
    try:
        project = find_project()
    except NotACheckout as error:
        raise CommandError(f"{error} (the grammar is edited in a checkout)") from error
    folders = sorted(
        path for path in (project.interaction_models / "grammar").glob("*") if path.is_dir()
    )
    if not folders:
        raise CommandError("no grammar folders in interaction_models/grammar/")
    stale = 0
    for folder in folders:
        target = project.model_for(folder.name)
        try:
            text = render(build_model(folder))
        except SourceError as error:
            raise CommandError(f"interaction_models/grammar/{folder.name}/{error}", 1) from error
        current = target.is_file() and target.read_text(encoding="utf-8") == text
        label = target.relative_to(project.root).as_posix()
        if args.check:
            if not current:
                stale += 1
                print(f"{label}: out of date; run 'backpain model build'", file=sys.stderr)
            continue
        if not current:
            target.write_text(text, encoding="utf-8")
        print(f"{label}: {'unchanged' if current else 'written'} ({_summary(text)})")
    return 1 if stale else 0


def _summary(text: str) -> str:
    language = json.loads(text)["interactionModel"]["languageModel"]
    samples = sum(len(intent.get("samples", [])) for intent in language["intents"])
    values = sum(
        1 + len(value["name"].get("synonyms", []))
        for slot_type in language.get("types", [])
        for value in slot_type["values"]
    )
    intents = len(language["intents"])
    return f"{intents} intents, {samples} samples, {values} slot values and synonyms"
