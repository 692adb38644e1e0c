"""The console page in headless Chromium: typing, touching, transcripts, microphone, screens."""

from __future__ import annotations

import base64
import io
import re
import time
import wave
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from backpain.content import content_for
from backpain_tools.offline_device import BACK_PAIN_GUIDE
from echo_sim.device import model_path, skill_responder, transcript
from echo_sim.voice import wav
from tests.echo_sim.browser.conftest import SPOKEN_WORDS, RunningConsole, hearing_available
from tests.echo_sim.browser.pages import (
    act,
    idle,
    launch,
    open_page,
    say,
    screen_text,
    tap,
    turns,
    wait,
)
from tests.echo_sim.browser.png import colours

FIRST_QUESTION = content_for("en-GB").checklist.questions[0]
"""The check's first question in the content the suite runs on (the seed, or a test edition)."""

pytestmark = pytest.mark.slow
NHS_BLUE = (0, 94, 184)
URGENT_RED = (213, 40, 27)


def test_a_whole_check_by_typing_with_the_replies_heard_and_inspected(
    browser: Any, serve_console: Callable[..., RunningConsole]
) -> None:
    open_page(browser, serve_console(), "voice")
    first = launch(browser)
    assert "Welcome to Back Pain Guide" in first.text
    turn = say(browser, "check my symptoms")
    assert "RedFlagCheckIntent · matcher confidence 1.00" in turn.text
    for number in range(2, 11):
        turn = say(browser, "no")
        assert f"Question {number} of 10" in turn.text
        state = browser.find_element("id", "state-lines").text
        assert f"on question {number} (index {number - 1}): asked once so far" in state
    turn = say(browser, "no, none of that")
    assert "You said no to all nine warning signs" in turn.text
    assert "(the session ended)" in turn.text
    status = browser.find_element("id", "session-status").text
    assert status == "No session: what you say next opens one."
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
    last = content_for("en-GB").checklist.questions[-1]
    assert last.flag.advice.action in turn.text
    screen = browser.find_element("id", "screen-frame")
    assert last.flag.advice.headline in screen.text
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
    assert transcript.run_transcript(
        saved, responder=skill_responder(BACK_PAIN_GUIDE), model=model_path(BACK_PAIN_GUIDE)
    ).passed
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
        assert FIRST_QUESTION.text in frame.text
        assert {b.text for b in frame.find_elements("css selector", ".apl-touch")} == {"Yes", "No"}
        shots(f"console-page-{profile}.png", browser.get_screenshot_as_png())


def spoken_console(
    serve_console: Callable[..., RunningConsole], spoken_wav: Path | None
) -> RunningConsole:
    if not hearing_available():
        pytest.skip("spoken input (echo_sim.hearing) is not in this build")
    if spoken_wav is None:
        pytest.skip("espeak-ng is not installed, so there is no recording for the fake microphone")
    console = serve_console()
    if not console.session.hearing.available:
        pytest.skip(str(console.session.hearing.reason))
    return console


def at_the_first_question(browser: Any, console: RunningConsole) -> None:
    open_page(browser, console, "show8")
    browser.find_element("id", "autoplay").click()
    launch(browser)
    say(browser, "check my symptoms")


def assert_the_yes_was_heard(browser: Any, turn: Any) -> None:
    assert turn.text.startswith(f"you said: {SPOKEN_WORDS}"), turn.text
    # The recogniser's words and confidence, apart from the matcher's.
    assert re.search(
        rf'recogniser heard "{SPOKEN_WORDS}" · recogniser confidence [01]\.\d\d', turn.text
    ), turn.text
    assert "AMAZON.YesIntent · matcher confidence" in turn.text
    assert FIRST_QUESTION.flag.advice.action in turn.text
    assert FIRST_QUESTION.flag.advice.headline in screen_text(browser)
    request = browser.find_element("id", "request-json").text
    assert '"name": "AMAZON.YesIntent"' in request


def test_hands_free_talk_is_one_press_the_devices_endpointer_ends_the_turn(
    browser: Any, serve_console: Callable[..., RunningConsole], spoken_wav: Path | None
) -> None:
    at_the_first_question(browser, spoken_console(serve_console, spoken_wav))
    talk = browser.find_element("id", "talk")
    assert browser.find_element("id", "talk-mode").get_attribute("value") == "hands-free"
    labels = []

    def press() -> None:
        # The label is read in the same task as the press: Stop shows before the microphone opens.
        labels.append(
            browser.execute_script(
                "const b = document.getElementById('talk'); b.click(); return b.textContent;"
            )
        )

    started = time.monotonic()
    turn = act(browser, press)
    # The fake microphone plays a second of silence, the words, then silence; nobody pressed Stop.
    assert labels == ["Stop"]
    assert time.monotonic() - started < 20
    wait(browser, lambda b: talk.text == "Talk", "Talk to be ready again")
    assert_the_yes_was_heard(browser, turn)


def test_push_to_talk_records_while_the_key_is_held(
    browser: Any, serve_console: Callable[..., RunningConsole], spoken_wav: Path | None
) -> None:
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import Select

    at_the_first_question(browser, spoken_console(serve_console, spoken_wav))
    Select(browser.find_element("id", "talk-mode")).select_by_value("push")
    talk = browser.find_element("id", "talk")
    browser.execute_script("arguments[0].focus()", talk)

    def hold() -> None:
        ActionChains(browser).key_down(Keys.SPACE).perform()
        wait(browser, lambda b: talk.text == "Release to send", "the recording to start")
        time.sleep(3.5)  # a second of silence, the words, then silence
        ActionChains(browser).key_up(Keys.SPACE).perform()

    turn = act(browser, hold)
    assert talk.text == "Talk"
    assert_the_yes_was_heard(browser, turn)


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
