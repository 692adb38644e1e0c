"""An Alexa ASR Evaluation annotation set from the spoken-input fixtures the hearing tests use
(tests/echo_sim/hearing/spoken: per-intent sentences, synthesised by the test voices at run
time, so no recording is kept in the repository).

Two steps, because Alexa names the audio by the id of its upload: `audio.zip` (one wav per
sentence and voice, `<Intent>/<nn>-<voice>.wav`), which goes to an AMAZON.AudioRecording catalog
(`ask smapi upload-catalog`); then, given that upload's id, the annotations
(`ask smapi set-annotations-for-asr-annotation-set`): uploadId, filePathInUpload,
expectedTranscription, evaluationWeight."""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from echo_sim.errors import CommandError
from echo_sim.hearing import PAD_S, Speaker, Utterance, silence, wav_bytes

AUDIO_ZIP = "audio.zip"
ANNOTATIONS_JSON = "asr-annotations.json"
ANNOTATIONS_CSV = "asr-annotations.csv"
MAX_ANNOTATIONS = 1000
"""Update annotations takes at most 1,000 annotations in one request."""
WEIGHT = 1
"""Every recording counts the same in Alexa's overall error rate (1 to 1,000 allowed)."""
# A fixed date for every zip entry, so the same fixtures and voices give the same zip.
_ZIP_DATE = (2026, 1, 1, 0, 0, 0)


@dataclass(frozen=True)
class Recording:
    """One fixture sentence said by one voice, and where it sits in the upload."""

    path: str
    """The file's path inside audio.zip: Alexa's filePathInUpload."""
    text: str
    """The fixture's sentence, as the voice is given it."""
    voice: str

    @property
    def transcription(self) -> str:
        """What Alexa should hear: the sentence's words, in lower case as Alexa writes them."""
        return " ".join(self.text.lower().split())


def recordings(utterances: Sequence[Utterance], voices: Sequence[str]) -> list[Recording]:
    """Every sentence by every voice, numbered within its intent in fixture order."""
    found = []
    numbers: dict[str, int] = {}
    for utterance in utterances:
        number = numbers[utterance.intent] = numbers.get(utterance.intent, 0) + 1
        for voice in voices:
            path = f"{utterance.intent}/{number:02d}-{_file_part(voice)}.wav"
            found.append(Recording(path, utterance.text, voice))
    if len(found) > MAX_ANNOTATIONS:
        raise CommandError(
            f"{len(found)} recordings; an ASR annotation set takes at most {MAX_ANNOTATIONS} "
            "in one update (use fewer voices or fixtures)"
        )
    return found


def write_audio(
    folder: Path, utterances: Sequence[Utterance], speakers: Sequence[Speaker]
) -> list[Recording]:
    """audio.zip: each recording synthesised with the silence an endpointer keeps either side,
    as 16 kHz mono 16-bit wav (a format Alexa's ASR evaluation takes)."""
    by_name = {speaker.name: speaker for speaker in speakers}
    made = recordings(utterances, list(by_name))
    folder.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(folder / AUDIO_ZIP, "w", zipfile.ZIP_DEFLATED) as archive:
        for recording in made:
            pcm = by_name[recording.voice].say(recording.text)
            entry = zipfile.ZipInfo(recording.path, date_time=_ZIP_DATE)
            entry.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(entry, wav_bytes(silence(PAD_S) + pcm + silence(PAD_S)))
    return made


def write_annotations(folder: Path, upload_id: str, made: Sequence[Recording]) -> list[Path]:
    """The annotations for an upload of audio.zip: JSON (the array `--annotations` takes) and
    CSV (the text/csv body), checked against the zip's own file list first."""
    zip_path = folder / AUDIO_ZIP
    if not zip_path.is_file():
        raise CommandError(f"no {zip_path}: export the audio first (without --asr-upload-id)")
    with zipfile.ZipFile(zip_path) as archive:
        in_zip = set(archive.namelist())
    wanted = {recording.path for recording in made}
    if in_zip != wanted:
        raise CommandError(
            f"{zip_path} does not hold the recordings these fixtures and voices make "
            f"({len(in_zip ^ wanted)} files differ); export the audio again and upload it"
        )
    rows = annotation_rows(upload_id, made)
    json_path, csv_path = folder / ANNOTATIONS_JSON, folder / ANNOTATIONS_CSV
    json_path.write_text(json.dumps(rows, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    out = io.StringIO()
    fields = ["uploadId", "filePathInUpload", "evaluationWeight", "expectedTranscription"]
    writer = csv.DictWriter(out, fieldnames=fields, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    csv_path.write_text(out.getvalue(), encoding="utf-8")
    return [json_path, csv_path]


def annotation_rows(upload_id: str, made: Sequence[Recording]) -> list[dict[str, Any]]:
    return [
        {
            "uploadId": upload_id,
            "filePathInUpload": recording.path,
            "evaluationWeight": WEIGHT,
            "expectedTranscription": recording.transcription,
        }
        for recording in made
    ]


def _file_part(voice: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", voice.lower()).strip("-")
