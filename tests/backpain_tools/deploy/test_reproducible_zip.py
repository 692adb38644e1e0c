"""The same files always zip to the same bytes, whatever their order, times or permissions."""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

from backpain_tools.deploy.reproducible_zip import write_zip


def files(folder: Path) -> dict[str, Path]:
    folder.mkdir()
    (folder / "b.py").write_text("print('b')\n")
    (folder / "a.yaml").write_text("a: 1\n")
    return {"pkg/b.py": folder / "b.py", "a.yaml": folder / "a.yaml"}


def test_same_files_same_bytes(tmp_path: Path) -> None:
    first = files(tmp_path / "one")
    second = files(tmp_path / "two")
    os.utime(second["a.yaml"], (1_000_000_000, 1_000_000_000))
    second["pkg/b.py"].chmod(0o700)
    one = write_zip(first, tmp_path / "one.zip")
    two = write_zip(dict(reversed(list(second.items()))), tmp_path / "two.zip")
    assert one.path.read_bytes() == two.path.read_bytes()


def test_entries_sorted_dated_1980_and_readable(tmp_path: Path) -> None:
    stats = write_zip(files(tmp_path / "src"), tmp_path / "out.zip")
    with zipfile.ZipFile(stats.path) as archive:
        infos = archive.infolist()
        assert [info.filename for info in infos] == ["a.yaml", "pkg/b.py"]
        assert {info.date_time for info in infos} == {(1980, 1, 1, 0, 0, 0)}
        assert {info.external_attr >> 16 for info in infos} == {0o100644}
        assert archive.read("pkg/b.py") == b"print('b')\n"


def test_stats_count_files_and_sizes(tmp_path: Path) -> None:
    stats = write_zip(files(tmp_path / "src"), tmp_path / "out.zip")
    assert stats.files == 2
    assert stats.unzipped_bytes == len("print('b')\n") + len("a: 1\n")
    assert stats.zipped_bytes == (tmp_path / "out.zip").stat().st_size


def test_the_zip_is_replaced_whole_and_no_partial_file_is_left(tmp_path: Path) -> None:
    (tmp_path / "out.zip").write_bytes(b"old")
    write_zip(files(tmp_path / "src"), tmp_path / "out.zip")
    assert zipfile.is_zipfile(tmp_path / "out.zip")
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".partial")] == []
