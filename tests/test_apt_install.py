"""scripts/apt-install waits for a busy package lock, and says why when it cannot install."""

from __future__ import annotations

import fcntl
import os
import shutil
import subprocess
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "scripts" / "apt-install"
DPKG_LOCK = Path("/var/lib/dpkg/lock-frontend")
# Installed on every Debian machine, so "installing" it changes nothing.
ALWAYS_THERE = "bash"


def apt_install(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [SCRIPT, "a test package", ALWAYS_THERE],
        capture_output=True, text=True, timeout=600, env={**os.environ, **env},
    )


needs_root_apt = pytest.mark.skipif(
    shutil.which("apt-get") is None or os.geteuid() != 0 or not DPKG_LOCK.exists(),
    reason="needs apt-get, root and dpkg's lock file",
)


@contextmanager
def dpkg_lock_held_for(seconds: float) -> Iterator[None]:
    """Hold dpkg's front-end lock as another apt would, releasing it after `seconds`."""
    lock = DPKG_LOCK.open("a")
    fcntl.lockf(lock, fcntl.LOCK_EX)
    timer = threading.Timer(seconds, lock.close)
    timer.start()
    try:
        yield
    finally:
        timer.cancel()
        lock.close()


@needs_root_apt
def test_a_busy_lock_is_waited_for_then_the_install_goes_on() -> None:
    started = time.monotonic()
    with dpkg_lock_held_for(4):
        done = apt_install({"BACKPAIN_APT_LOCK_WAIT": "60"})
    assert done.returncode == 0, done.stderr
    assert "holds the package lock; waiting up to 60s" in done.stdout
    assert time.monotonic() - started >= 4


@needs_root_apt
def test_a_lock_still_busy_after_the_wait_is_called_busy() -> None:
    with dpkg_lock_held_for(30):
        done = apt_install({"BACKPAIN_APT_LOCK_WAIT": "2"})
    assert done.returncode == 1
    assert done.stderr.strip().splitlines()[-1].startswith(
        "apt-install: the package lock was still busy after 2s"
    )


def test_without_apt_get_it_says_this_is_not_debian(tmp_path: Path) -> None:
    # A PATH with the tools the script needs but no apt-get.
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for tool in ("bash", "env", "id", "python3", "grep", "mktemp", "rm", "find", "tail"):
        found = shutil.which(tool)
        if found:
            (bin_dir / tool).symlink_to(found)
    done = subprocess.run(
        ["bash", SCRIPT, "a test package", ALWAYS_THERE],
        capture_output=True, text=True, timeout=60, env={"PATH": str(bin_dir)},
    )
    assert done.returncode == 1
    assert done.stderr.strip() == "apt-install: this is not a Debian or Ubuntu system (no apt-get)"


@pytest.mark.skipif(
    shutil.which("apt-get") is None or shutil.which("setpriv") is None or os.geteuid() != 0,
    reason="needs apt-get, and setpriv and root to become another user",
)
def test_a_user_who_may_not_install_is_told_so() -> None:
    done = subprocess.run(
        ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups", SCRIPT,
         "a test package", ALWAYS_THERE],
        capture_output=True, text=True, timeout=60, cwd="/",
    )
    assert done.returncode == 1
    assert done.stderr.strip() == (
        "apt-install: apt-get needs root or password-less sudo, which this user does not have"
    )
