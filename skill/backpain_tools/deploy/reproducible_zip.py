"""Zip files byte-for-byte reproducibly: sorted names, one fixed timestamp, fixed permissions."""

from __future__ import annotations

import os
import tempfile
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

# The earliest time a zip entry can hold; any fixed value works, this one says "not a real date".
FIXED_TIME = (1980, 1, 1, 0, 0, 0)
# rw-r--r--: Lambda only needs to read the files; a fixed mode keeps the bytes independent of umask.
FILE_MODE = 0o100644
UNIX = 3


@dataclass(frozen=True)
class ZipStats:
    """What went into a written zip."""

    path: Path
    files: int
    zipped_bytes: int
    unzipped_bytes: int


def write_zip(entries: Mapping[str, Path], dest: Path) -> ZipStats:
    """Write `entries` (archive name -> file on disk) to `dest`, replacing it atomically."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    unzipped = 0
    handle, temp_name = tempfile.mkstemp(prefix=".partial-", suffix=".zip", dir=dest.parent)
    os.close(handle)
    try:
        with zipfile.ZipFile(temp_name, "w") as archive:
            for name in sorted(entries):
                data = entries[name].read_bytes()
                unzipped += len(data)
                info = zipfile.ZipInfo(name, date_time=FIXED_TIME)
                info.create_system = UNIX
                info.external_attr = FILE_MODE << 16
                info.compress_type = zipfile.ZIP_DEFLATED
                archive.writestr(info, data, compresslevel=9)
        # mkstemp makes the file private; a build output is as readable as any other file.
        os.chmod(temp_name, 0o644)
        os.replace(temp_name, dest)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise
    return ZipStats(dest, len(entries), dest.stat().st_size, unzipped)
