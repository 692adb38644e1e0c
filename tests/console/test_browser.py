"""The console page in headless Chromium: typing, touching, transcripts, microphone, screens."""

from __future__ import annotations

import base64
import io
import time
import wave
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from echo_sim import transcript, wav
from tests.console.conftest import SPOKEN_WORDS, RunningConsole, hearing_available
from tests.console.png import colours

pytestmark = pytest.mark.slow
NHS_BLUE = (0, 94, 184)
URGENT_RED = (213, 40, 27)
WAIT_S = 60


def wait(browser: Any, condition: Callable[[Any], Any], what: str) -> Any:
    from selenium.common.exceptions import TimeoutException
    from selenium.webdriver.support.ui import WebDriverWait

    try:
        return WebDriverWait(browser, WAIT_S, poll_frequency=0.05).until(condition)
    except TimeoutException:
        problem = browser.find_element("id", "problem").text
        raise AssertionError(f"timed out waiting for {what}; the page says: {problem!r}") from None


def idle(browser: Any) -> bool:
    return bool(browser.execute_script("return !document.body.dataset.busy"))


def open_page(browser: Any, console: RunningConsole, profile: str | None = None) -> None:
    browser.get(console.url)
    wait(browser, lambda b: b.execute_script("return document.body.dataset.ready"), "the page")
    if profile is not None:
        choose_profile(browser, profile)


def choose_profile(browser: Any, profile: str) -> None:
    from selenium.webdriver.support.ui import Select

    Select(browser.find_element("id", "profile")).select_by_value(profile)
    frame = browser.find_element("id", "screen-frame")
    wait(
        browser,
        lambda b: idle(b) and frame.get_attribute("data-profile") == profile,
        f"the {profile} profile",
    )


def turns(browser: Any) -> list[Any]:
    return list(browser.find_elements("css selector", "#turns .turn"))


def act(browser: Any, do: Callable[[], None]) -> Any:
    """Do something in the page and wait for the turn it adds; that turn's element."""
    before = len(turns(browser))
    do()
    wait(browser, lambda b: idle(b) and len(turns(b)) > before, "the next turn")
    return turns(browser)[-1]


def say(browser: Any, words: str) -> Any:
    def typed() -> None:
        box = browser.find_element("id", "utterance")
        box.send_keys(words)
        browser.find_element("id", "send").click()

    return act(browser, typed)


def tap(browser: Any, label: str) -> Any:
    button = browser.find_element("css selector", f'#screen-frame .apl-touch[aria-label="{label}"]')
    return act(browser, button.click)


def launch(browser: Any) -> Any:
    return act(browser, browser.find_element("id", "launch").click)


def screen_text(browser: Any) -> str:
    return str(browser.find_element("id", "screen-frame").text)


def test_a_whole_check_by_typing_with_the_replies_heard_and_inspected(
    browser: Any, serve_console: Callable[..., RunningConsole]
) -> None:
    open_page(browser, serve_console(), "voice")
    first = launch(browser)
    assert "Welcome to Back Pain Guide" in first.text
    turn = say(browser, "check my symptoms")
    assert "RedFlagCheckIntent confidence 1.00" in turn.text
    for number in range(2, 11):
        turn = say(browser, "no")
        assert f"Question {number} of 10" in turn.text
        state = browser.find_element("id", "state-lines").text
        assert f"on question {number} (index {number - 1}): asked once so far" in state
    turn = say(browser, "no, none of that")
    assert "You said no to all nine warning signs" in turn.text
    assert "(the session ended)" in turn.text
    assert "No session open" in browser.find_element("id", "session-status").text
    response = browser.find_element("id", "response-json").text
    assert '"shouldEndSession": true' in response
    request = browser.find_element("id", "request-json").text
    assert '"name": "AMAZON.NoIntent"' in request
    assert "You answered no to all nine warning signs." in browser.find_element("id", "card").text
    copy = browser.find_element("css selector", 'button[data-copy="response-json"]')
    copy.click()
    wait(browser, lambda b: copy.text == "Copied", "the copy button")
    if turn.find_elements("css selector", "button.play"):
        # Auto-play is on: the page fetched the reply in the device's voice and started it.
        wait(
            browser,
            lambda b: b.execute_script(
                "const p = document.getElementById('player');"
                "return p.src.endsWith(`/api/audio/${p.dataset.turn}.wav`) && p.duration > 5"
            ),
            "the last reply's audio",
        )


def test_a_whole_check_by_touching_the_screen(
    browser: Any, serve_console: Callable[..., RunningConsole]
) -> None:
    open_page(browser, serve_console(), "show10")
    browser.find_element("id", "autoplay").click()  # silence: this test is about touch
    launch(browser)
    say(browser, "check my symptoms")
    assert "Question 1 of 10" in screen_text(browser)
    for number in range(2, 11):
        turn = tap(browser, "No")
        assert "you touched No on the screen" in turn.text
        assert f"Question {number} of 10" in screen_text(browser)
    assert "Alexa.Presentation.APL.UserEvent" in browser.find_element("id", "request-json").text
    turn = tap(browser, "Yes")
    assert "contact your GP or NHS 111 immediately" in turn.text
    screen = browser.find_element("id", "screen-frame")
    assert "Contact your GP or NHS 111 immediately" in screen.text
    assert URGENT_RED in colours(screen.screenshot_as_png)


def test_a_saved_session_replays_turn_by_turn(
    browser: Any, serve_console: Callable[..., RunningConsole], tmp_path: Path
) -> None:
    console = serve_console()
    open_page(browser, console, "show8")
    browser.find_element("id", "autoplay").click()
    launch(browser)
    say(browser, "check my symptoms")
    tap(browser, "No")
    say(browser, "yes")
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    browser.execute_cdp_cmd(
        "Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)}
    )
    browser.find_element("id", "save-transcript").click()
    saved = downloads / "console-session.yaml"
    wait(browser, lambda b: saved.exists() and saved.stat().st_size > 0, "the saved transcript")
    assert transcript.run_transcript(saved).passed
    browser.find_element("id", "clear").click()
    wait(browser, lambda b: idle(b) and not turns(b), "a clear conversation")

    browser.find_element("id", "transcript-file").send_keys(str(saved))
    result = browser.find_element("id", "replay-result")
    wait(browser, lambda b: result.get_attribute("data-outcome"), "the replay")
    assert result.text.endswith(": 4 passed, 0 failed")
    verdicts = [v.text for v in browser.find_elements("css selector", "#turns .verdict")]
    assert verdicts == ["pass"] * 4

    failing = tmp_path / "failing.yaml"
    failing.write_text(saved.read_text().replace("Question 2 of 10", "Question 7 of 10"))
    browser.find_element("id", "transcript-file").send_keys(str(failing))
    wait(browser, lambda b: result.text.endswith(": 3 passed, 1 failed"), "the failing replay")
    problems = browser.find_element("css selector", "#turns .problems").text
    assert "expected speech containing 'Question 7 of 10" in problems

    broken = tmp_path / "broken.yaml"
    broken.write_text("name: [unclosed\n")
    browser.find_element("id", "transcript-file").send_keys(str(broken))
    problem = browser.find_element("id", "problem")
    wait(browser, lambda b: problem.is_displayed(), "the message about the broken file")
    assert problem.text.startswith("broken.yaml: not valid YAML")


@pytest.mark.parametrize("profile", ["voice", "show8", "show10"])
def test_the_screen_preview_in_each_device_profile_is_drawn(
    browser: Any,
    serve_console: Callable[..., RunningConsole],
    shots: Callable[[str, bytes], Path],
    profile: str,
) -> None:
    open_page(browser, serve_console(), profile)
    browser.find_element("id", "autoplay").click()
    launch(browser)
    say(browser, "check my symptoms")
    frame = browser.find_element("id", "screen-frame")
    path = shots(f"console-screen-{profile}.png", frame.screenshot_as_png)
    counted = colours(path.read_bytes())
    assert len(counted) > 20, "the screen preview is blank"
    if profile == "voice":
        assert "Voice only: this Echo has no screen" in frame.text
    else:
        assert NHS_BLUE in counted
        assert "Do you have numbness or tingling around your genitals or buttocks?" in frame.text
        assert {b.text for b in frame.find_elements("css selector", ".apl-touch")} == {"Yes", "No"}
        shots(f"console-page-{profile}.png", browser.get_screenshot_as_png())


def test_the_spoken_path_through_the_fake_microphone(
    browser: Any, serve_console: Callable[..., RunningConsole], spoken_wav: Path | None
) -> None:
    if not hearing_available():
        pytest.skip("spoken input (echo_sim.hearing) is not in this build")
    if spoken_wav is None:
        pytest.skip("espeak-ng is not installed, so there is no recording for the fake microphone")
    console = serve_console()
    if not console.session.hearing.available:
        pytest.skip(str(console.session.hearing.reason))
    open_page(browser, console, "show8")
    browser.find_element("id", "autoplay").click()
    launch(browser)
    say(browser, "check my symptoms")
    talk = browser.find_element("id", "talk")
    assert talk.is_enabled()
    talk.click()
    wait(browser, lambda b: talk.text == "Stop", "the recording to start")
    time.sleep(3.5)  # the fake microphone plays a second of silence, the words, then silence
    turn = act(browser, talk.click)
    assert turn.text.startswith(f"you said: {SPOKEN_WORDS}"), turn.text
    assert f'recogniser heard "{SPOKEN_WORDS}"' in turn.text
    assert "AMAZON.YesIntent" in turn.text
    assert "contact your GP or NHS 111 immediately" in turn.text
    assert "Contact your GP or NHS 111 immediately" in screen_text(browser)
    request = browser.find_element("id", "request-json").text
    assert '"name": "AMAZON.YesIntent"' in request


def test_bad_input_in_the_page_gets_a_message(
    browser: Any, serve_console: Callable[..., RunningConsole]
) -> None:
    console = serve_console()
    open_page(browser, console)
    browser.find_element("id", "send").click()
    problem = browser.find_element("id", "problem")
    wait(browser, lambda b: problem.is_displayed(), "the message")
    assert problem.text == "type something to say first"
    browser.find_element("id", "silence").click()
    wait(browser, lambda b: problem.text.startswith("no session is open"), "the silence message")
    talk = browser.find_element("id", "talk")
    note = browser.find_element("id", "hearing-note").text
    if not console.session.hearing.available:
        assert not talk.is_enabled()
        assert note == f"Talk is off: {console.session.hearing.reason}"
    browser.get(console.url + "no/such/page")
    assert "there is nothing at /no/such/page; the console is at /" in browser.page_source


def test_the_page_records_the_microphone_as_16khz_mono_pcm_wav(
    browser: Any, serve_console: Callable[..., RunningConsole], spoken_wav: Path | None
) -> None:
    """The browser half of the spoken path, which needs no recogniser: what Talk would send."""
    open_page(browser, serve_console())
    browser.set_script_timeout(30)
    encoded = browser.execute_async_script(
        """
        const done = arguments[arguments.length - 1];
        const recorder = new window.WavRecorder();
        recorder.start().then(() => setTimeout(async () => {
            const bytes = new Uint8Array(await (await recorder.stop()).arrayBuffer());
            let text = "";
            for (const byte of bytes) text += String.fromCharCode(byte);
            done(btoa(text));
        }, 2500), (error) => done("error: " + error));
        """
    )
    assert not encoded.startswith("error"), encoded
    with wave.open(io.BytesIO(base64.b64decode(encoded))) as recording:
        assert (recording.getframerate(), recording.getnchannels()) == (16000, 1)
        assert recording.getsampwidth() == 2
        assert 1.5 < recording.getnframes() / 16000 < 4
        clip = wav.Clip(recording.readframes(recording.getnframes()), 16000, 2, 1)
    # The fake microphone plays the synthesised words (or Chromium's beep): not silence.
    assert wav.rms(clip) > 100
