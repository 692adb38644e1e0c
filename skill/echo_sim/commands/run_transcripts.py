"""`test`: run YAML conversation transcripts (files or folders) and report each failure."""

from __future__ import annotations

import argparse

from echo_sim.commands.device_options import skill_options
from echo_sim.commands.failures import run_command
from echo_sim.commands.options import CommandParser, existing_path
from echo_sim.device import (
    load_matcher,
    model_path,
    run_transcript,
    skill_responder,
    transcript_files,
    transcript_summary,
)
from echo_sim.errors import CommandError
from echo_sim.skill_project import SkillProject


def parser(project: SkillProject) -> argparse.ArgumentParser:
    parser = CommandParser(
        prog=f"{project.command} test",
        description="Run YAML conversation transcripts (files or folders).",
    )
    parser.add_argument("paths", nargs="+", metavar="PATH", type=existing_path,
                        help="transcript files, or folders searched for *.yaml")  # fmt: skip
    parser.add_argument("-v", "--verbose", action="store_true", help="list passing transcripts")
    skill_options(parser, project)
    return parser


def run_transcripts(project: SkillProject, args: argparse.Namespace) -> int:
    files = transcript_files(args.paths)
    if not files:
        searched = " ".join(map(str, args.paths))
        raise CommandError(f"no transcripts (*.yaml) found in {searched}", exit_code=1)
    try:
        model = model_path(project, args.model)
        load_matcher(model)
        responder = skill_responder(project, args.skill)
    except (OSError, ValueError) as error:
        raise CommandError(str(error)) from error
    results = []
    for path in files:
        result = run_transcript(path, responder=responder, model=model)
        results.append(result)
        if not result.passed or args.verbose:
            print(result.report(), flush=True)
    print(transcript_summary(results))
    return 0 if all(result.passed for result in results) else 1



def main(project: SkillProject, command: str, argv: list[str]) -> int:
    args = parser(project).parse_args(argv)
    return run_command(f"{project.command} {command}", lambda: run_transcripts(project, args))
