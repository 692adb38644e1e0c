"""`backpain nlu export` and `backpain nlu score`: the corpus, the exam and the spoken fixtures as
Alexa NLU and ASR evaluation sets, and the live results scored as the offline scores are.

Evaluation files only: they go to a folder of their own (default build/nlu/, ignored by git),
never into the model, the corpus, the exam or anything else the skill is built from."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from alexa_model.reader import load_model
from backpain_tools.deploy.project import NotACheckout, Project, find_project
from backpain_tools.deploy.validation import display_path
from backpain_tools.nlu import asr
from backpain_tools.nlu.annotation_sets import (
    AnnotationSet,
    corpus_set,
    exam_set,
    summary,
    write_set,
)
from backpain_tools.nlu.evaluation_material import corpus_items, exam_batches, exam_items
from backpain_tools.nlu.meanings import MeaningError
from backpain_tools.nlu.offline import heard
from backpain_tools.nlu.score import judge, read_results, report
from echo_sim.commands import CommandParser, output_folder, readable_file
from echo_sim.errors import CommandError
from echo_sim.hearing import DEFAULT_SPEAKERS, SpeakerUnavailable, read_fixtures, speaker

PARTS = ("corpus", "exam", "asr")
# Folders the skill is built or tested from: evaluation files never go inside them.
SOURCE_FOLDERS = ("skill", "interaction_models", "tests", "lambda", "skill-package")
AUDIO_LIST = "audio.json"


def main(command: str, argv: list[str]) -> int:
    if not argv or argv[0] in ("-h", "--help"):
        print("usage: backpain nlu {export,score} [...]\n\n" + (__doc__ or "").strip())
        return 0 if argv else 2
    action, rest = argv[0], argv[1:]
    if action == "export":
        return export(rest)
    if action == "score":
        return score(rest)
    print(f"backpain nlu: unknown action {action!r} (export, score)", file=sys.stderr)
    return 2


# --- backpain nlu export -----------------------------------------------------------------------


def export_parser() -> argparse.ArgumentParser:
    parser = CommandParser(
        prog="backpain nlu export",
        description="Write the everyday corpus and the blind exam's batches as Alexa NLU "
        "Evaluation annotation sets (<set>.nlu.json and .nlu.csv, with a <set>.key.json for "
        "'backpain nlu score'), and the hearing tests' spoken fixtures as an ASR Evaluation "
        "set (asr/audio.zip; then, with --asr-upload-id, its annotations). See docs/nlu.md.",
    )
    parser.add_argument(
        "--out",
        type=output_folder,
        metavar="DIR",
        help="where to write (default: build/nlu/ in the checkout, ignored by git); never a "
        "folder the skill is built or tested from",
    )
    parser.add_argument("--locale", default="en-GB", help="the model's locale (default: en-GB)")
    parser.add_argument(
        "--only",
        choices=PARTS,
        action="append",
        help="export only this part (repeatable; default: all of corpus, exam, asr)",
    )
    parser.add_argument(
        "--batch",
        action="append",
        metavar="NAME",
        help="an exam batch folder name (repeatable; default: every batch)",
    )
    parser.add_argument(
        "--voice",
        action="append",
        metavar="VOICE",
        help=f"a test voice for the ASR audio (repeatable; default: {', '.join(DEFAULT_SPEAKERS)}"
        "; a voice this machine lacks is skipped with a note)",
    )
    parser.add_argument(
        "--asr-upload-id",
        metavar="ID",
        help="after uploading asr/audio.zip to an AMAZON.AudioRecording catalog: write the ASR "
        "annotations for that upload (nothing else is written)",
    )
    return parser


def export(argv: list[str]) -> int:
    args = export_parser().parse_args(argv)
    try:
        project = find_project()
    except NotACheckout:
        raise CommandError(
            "the evaluation sets are made from a checkout's tests/ (the corpus, the exam and the "
            "spoken fixtures); run it in a clone",
            exit_code=1,
        ) from None
    out = (args.out or project.build / "nlu").resolve()
    _refuse_source_folder(project, out)
    if args.asr_upload_id is not None:
        return _asr_annotations(project, out / "asr", args.asr_upload_id)
    parts = args.only or list(PARTS)
    # Everything that can be wrong with the command line fails before anything is written.
    batches = _batches(project, args.locale, args.batch) if "exam" in parts else []
    model_path = project.model_for(args.locale)
    if not model_path.is_file():
        raise CommandError(f"no interaction model for {args.locale} ({model_path} is missing)")
    model = load_model(model_path)
    try:
        if "corpus" in parts:
            built = corpus_set(
                f"corpus-{args.locale}",
                args.locale,
                corpus_items(project.root / "tests" / "corpus" / args.locale),
                model,
                lambda item: heard(item, model_path),
            )
            _report_set(built, write_set(built, out), project)
        for batch in batches:
            built = exam_set(f"exam-{batch.name}", args.locale, exam_items(batch), model)
            _report_set(built, write_set(built, out), project)
    except MeaningError as error:
        raise CommandError(str(error), exit_code=1) from error
    if "asr" in parts:
        _asr_audio(project, out / "asr", args.voice or list(DEFAULT_SPEAKERS))
    return 0


def _refuse_source_folder(project: Project, out: Path) -> None:
    for name in SOURCE_FOLDERS:
        folder = (project.root / name).resolve()
        if out == folder or folder in out.parents:
            raise CommandError(
                f"--out {out} is inside {name}/, which the skill is built or tested from; "
                "evaluation sets go to a folder of their own (default build/nlu/)"
            )


def _batches(project: Project, locale: str, names: list[str] | None) -> list[Path]:
    batches = exam_batches(project.root / "tests" / "exam" / locale)
    if not names:
        return batches
    by_name = {batch.name: batch for batch in batches}
    unknown = [name for name in names if name not in by_name]
    if unknown:
        raise CommandError(f"no exam batch {', '.join(unknown)} (have {', '.join(by_name)})")
    return [by_name[name] for name in names]


def _report_set(built: AnnotationSet, paths: list[Path], project: Project) -> None:
    print(summary(built))
    print("  wrote " + ", ".join(display_path(path, project) for path in paths))


def _asr_audio(project: Project, folder: Path, voices: list[str]) -> None:
    speakers = []
    for name in voices:
        try:
            speakers.append(speaker(name))
        except SpeakerUnavailable as error:
            print(f"backpain nlu export: note: voice {name} skipped: {error}", file=sys.stderr)
    if not speakers:
        raise CommandError("no test voice is available for the ASR audio", exit_code=1)
    fixtures = read_fixtures([project.root / "tests" / "echo_sim" / "hearing" / "spoken"])
    made = asr.write_audio(folder, fixtures, speakers)
    listed = [{"path": r.path, "text": r.text, "voice": r.voice} for r in made]
    (folder / AUDIO_LIST).write_text(json.dumps(listed, indent=2) + "\n", encoding="utf-8")
    print(
        f"asr: {len(made)} recordings ({len(fixtures)} sentences x {len(speakers)} voice(s)) in "
        f"{display_path(folder / asr.AUDIO_ZIP, project)}; upload it to an "
        "AMAZON.AudioRecording catalog (ask smapi upload-catalog), then run "
        "'backpain nlu export --asr-upload-id <upload id>'"
    )


def _asr_annotations(project: Project, folder: Path, upload_id: str) -> int:
    listing = folder / AUDIO_LIST
    try:
        listed = json.loads(listing.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise CommandError(
            f"no {display_path(listing, project)}: export the audio first (without "
            "--asr-upload-id), upload audio.zip, then give its upload id",
            exit_code=1,
        ) from None
    made = [asr.Recording(str(r["path"]), str(r["text"]), str(r["voice"])) for r in listed]
    paths = asr.write_annotations(folder, upload_id, made)
    print(
        f"asr: {len(made)} annotations for upload {upload_id}: "
        + ", ".join(display_path(path, project) for path in paths)
    )
    return 0


# --- backpain nlu score ------------------------------------------------------------------------


def score_parser() -> argparse.ArgumentParser:
    parser = CommandParser(
        prog="backpain nlu score",
        description="Score a live NLU evaluation: the share right for a person (any meaning the "
        "key accepts, as scripts/corpus counts it) beside Alexa's own pass rate, and the "
        "safety-relevant misses.",
    )
    parser.add_argument("key", type=readable_file, help="the <set>.key.json the export wrote")
    parser.add_argument(
        "results",
        type=readable_file,
        nargs="+",
        help="ask smapi get-result-for-nlu-evaluations output, one file per page",
    )
    parser.add_argument("--locale", default="en-GB", help="the model's locale (default: en-GB)")
    parser.add_argument("-v", "--verbose", action="store_true", help="list every miss")
    return parser


def score(argv: list[str]) -> int:
    args = score_parser().parse_args(argv)
    try:
        key = json.loads(args.key.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise CommandError(f"{args.key}: not a key file ({error})") from error
    if not isinstance(key, dict) or not isinstance(key.get("annotations"), list):
        raise CommandError(f"{args.key}: not a key file written by 'backpain nlu export'")
    model = load_model(_model_path(args.locale))
    try:
        judged = judge(key, read_results(args.results), model)
    except MeaningError as error:
        raise CommandError(f"{args.key}: {error}") from error
    print(report(key, judged, args.verbose))
    return 0


def _model_path(locale: str) -> Path:
    try:
        return find_project().model_for(locale)
    except NotACheckout:
        from backpain_tools.packaged import interaction_model

        return interaction_model(locale)
