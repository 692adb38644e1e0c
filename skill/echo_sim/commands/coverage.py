"""`coverage`: which utterances the model covers literally, and which the device hears only
through its fuzzy matching (those are the samples to add)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from echo_sim.commands.failures import run_command
from echo_sim.commands.options import CommandParser
from echo_sim.device import load_matcher, model_path
from echo_sim.errors import CommandError
from echo_sim.skill_project import SkillProject
from echo_sim.understanding import cover, coverage_summary, utterances_in


def parser(project: SkillProject) -> argparse.ArgumentParser:
    parse = CommandParser(
        prog=f"{project.command} coverage",
        description="For each utterance, whether the interaction model covers it literally (a "
        "sample with slot values filled in, as Alexa learns it) or only through the device's "
        "fuzzy matching: the fuzzy ones are the samples to add.",
    )
    parse.add_argument(
        "files", nargs="+", type=Path, metavar="FILE",
        help="a text file (one utterance a line), a YAML file (its 'text' and 'say' values: "
        "utterance fixtures, transcripts, corpora) or a folder of them",
    )  # fmt: skip
    parse.add_argument("--model", metavar="PATH", help="default interaction_models/en-GB.json")
    parse.add_argument("--summary", action="store_true", help="print only the summary line")
    parse.add_argument("--json", action="store_true", help="one JSON object per utterance")
    return parse


def coverage(project: SkillProject, args: argparse.Namespace) -> int:
    try:
        matcher = load_matcher(model_path(project, args.model))
        texts = [text for path in args.files for text in utterances_in(path)]
    except (OSError, ValueError) as error:
        message = getattr(error, "strerror", None) or str(error)
        filename = getattr(error, "filename", None)
        raise CommandError(f"{filename + ': ' if filename else ''}{message}") from error
    results = list(cover(texts, matcher))
    for result in results if not args.summary else ():
        if args.json:
            print(json.dumps(result.__dict__))
        elif result.kind == "literal":
            print(f"literal   {result.intent:26} {result.text}")
        else:
            print(f"{result.kind:9} {result.intent:26} {result.text}  ({result.confidence:.2f})")
    print(coverage_summary(results), file=sys.stderr if args.json else sys.stdout)
    return 0


def main(project: SkillProject, command: str, argv: list[str]) -> int:
    args = parser(project).parse_args(argv)
    return run_command(f"{project.command} {command}", lambda: coverage(project, args))
