"""Fixtures for the test console: a real console server on 127.0.0.1 and one headless Chromium."""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from werkzeug.serving import make_server

from backpain_tools.offline_device import BACK_PAIN_GUIDE
from echo_sim.browser.console_app import create_app
from echo_sim.browser.raw_requests import RawRequests
from echo_sim.browser.session import ConsoleSession
from echo_sim.browser.spoken_input import Hearing
from echo_sim.device.echo import VirtualEcho
from echo_sim.device.envelope import DeviceProfile
from echo_sim.device.skill_and_model import Responder, load_matcher, model_path, skill_responder
from echo_sim.voice import wav
from echo_sim.voice.desktop_voice import DesktopVoice

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
# Closed network, running as root: no sandbox, no GPU, nothing fetched in the background.
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--autoplay-policy=no-user-gesture-required",
    "--window-size=1400,1000",
    "--use-fake-device-for-media-stream",
    "--use-fake-ui-for-media-stream",
)
AXE_CORE = "axe-core@4.10.3"
"""The accessibility checker the browser tests run, from npm at test time (never committed)."""
SPOKEN_WORDS = "yes"
"""What the fake microphone says in the spoken-path test: the answer to a warning-sign question."""


def hearing_available() -> bool:
    return importlib.util.find_spec("echo_sim.hearing") is not None


@dataclass
class RunningConsole:
    """A console served on 127.0.0.1 for one test."""

    url: str
    session: ConsoleSession
    stop: Callable[[], None]
    """Stops the console as Ctrl-C does: its event streams end, then the server."""


def make_console(responder: Responder | None = None, **options: Any) -> ConsoleSession:
    respond = responder or skill_responder(BACK_PAIN_GUIDE)
    matcher = load_matcher(model_path(BACK_PAIN_GUIDE))

    def echo(profile: DeviceProfile) -> VirtualEcho:
        return VirtualEcho(respond, matcher, profile=profile)

    options.setdefault("voice", lambda: DesktopVoice(speak=False))
    return ConsoleSession(echo, raw=RawRequests(respond, matcher.model, "en-GB"), **options)


@pytest.fixture
def serve_console() -> Iterator[Callable[..., RunningConsole]]:
    """Starts consoles on free loopback ports; each is shut down after the test."""
    servers: list[Callable[[], None]] = []

    def start(session: ConsoleSession | None = None) -> RunningConsole:
        console = session or make_console(hearing=Hearing.for_model(model_path(BACK_PAIN_GUIDE)))
        server = make_server("127.0.0.1", 0, create_app(console), threaded=True)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        def stop() -> None:
            console.changes.close()
            server.shutdown()
            server.server_close()
            thread.join(timeout=10)

        servers.append(stop)
        return RunningConsole(f"http://127.0.0.1:{server.port}/", console, stop)

    yield start
    for stop in servers:
        stop()


@pytest.fixture(scope="session")
def spoken_wav(tmp_path_factory: pytest.TempPathFactory) -> Path | None:
    """A synthesised recording of SPOKEN_WORDS for the fake microphone, when espeak-ng is here."""
    voice = DesktopVoice(speak=False)
    if not voice.can_save:
        return None
    path = tmp_path_factory.mktemp("microphone") / "spoken.wav"
    voice.save(f"<speak>{SPOKEN_WORDS}</speak>", path)
    words = wav.read(path)
    # Silence first: the capture opens a moment before the page's recorder takes samples.
    quiet = wav.Clip(wav.silence(1000, words), words.rate, words.width, words.channels)
    wav.write(path, wav.join([(quiet, 0), (words, 1000)]))
    return path


@pytest.fixture(scope="session")
def browser(tmp_path_factory: pytest.TempPathFactory, spoken_wav: Path | None) -> Iterator[Any]:
    """One headless Chromium for the whole run, driven through Debian's chromedriver."""
    if not (CHROMIUM.exists() and CHROMEDRIVER.exists() and _selenium_installed()):
        pytest.skip(
            "browser tests need Debian's chromium and chromium-driver and selenium "
            "(scripts/install installs them where apt is allowed)"
        )
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in CHROMIUM_FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}")
    if spoken_wav is not None:
        # Played once from the start of each capture: the recording then holds the words.
        options.add_argument(f"--use-file-for-fake-audio-capture={spoken_wav}%noloop")
    # A driver path given explicitly: Selenium Manager never looks for (or downloads) one.
    os.environ.setdefault("SE_OFFLINE", "true")
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    driver.set_page_load_timeout(30)
    try:
        yield driver
    finally:
        driver.quit()


@pytest.fixture
def shots(tmp_path: Path) -> Callable[[str, bytes], Path]:
    """Saves a screenshot under tmp_path, and a copy under $BACKPAIN_SCREENSHOTS when set
    (for a person to look at; never inside the repository)."""
    keep = os.environ.get("BACKPAIN_SCREENSHOTS")

    def save(name: str, png: bytes) -> Path:
        path = tmp_path / name
        path.write_bytes(png)
        if keep:
            Path(keep).mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, Path(keep) / name)
        return path

    return save


def _selenium_installed() -> bool:
    return importlib.util.find_spec("selenium") is not None


@pytest.fixture(scope="session")
def axe_script(request: pytest.FixtureRequest) -> str:
    """axe-core's browser build, installed with npm into pytest's cache folder (once; later runs
    reuse it), so the page's own accessibility is checked by the tool the field uses."""
    folder = Path(request.config.cache.mkdir("axe-core"))
    script = folder / "node_modules" / "axe-core" / "axe.min.js"
    if not script.exists():
        npm = shutil.which("npm")
        if npm is None:
            pytest.skip("the accessibility check needs npm, to install axe-core")
        done = subprocess.run(
            [npm, "install", "--no-save", "--no-audit", "--no-fund", "--prefix", str(folder),
             AXE_CORE],
            capture_output=True, text=True, timeout=300, check=False,
        )  # fmt: skip
        if done.returncode != 0 or not script.exists():
            last = (done.stderr.strip().splitlines() or ["no message"])[-1]
            pytest.skip(f"npm could not install {AXE_CORE}: {last}")
    return script.read_text(encoding="utf-8")
