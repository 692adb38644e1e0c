"""The console page in Chromium: two tabs kept in step, and the raw request editor."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from tests.echo_sim.browser.conftest import RunningConsole
from tests.echo_sim.browser.pages import act, choose_profile, launch, open_page, say, turns, wait

pytestmark = pytest.mark.slow


def test_a_second_tab_shows_the_same_session_as_it_changes(
    browser: Any, serve_console: Callable[..., RunningConsole]
) -> None:
    console = serve_console()
    open_page(browser, console, "voice")
    first = browser.current_window_handle
    browser.find_element("id", "autoplay").click()
    browser.switch_to.new_window("tab")
    try:
        open_page(browser, console)
        second = browser.current_window_handle
        browser.switch_to.window(first)
        launch(browser)
        say(browser, "check my symptoms")
        browser.switch_to.window(second)
        wait(
            browser,
            lambda b: len(turns(b)) == 2 and "Question 1 of 10" in turns(b)[-1].text,
            "the second tab to catch up without a reload",
        )
        assert browser.find_element("id", "session-status").text == "Session open."
        # Auto-play is on in this tab, but the reply was the other tab's to play.
        assert browser.find_element("id", "player").get_attribute("data-turn") is None
        say(browser, "no")
        choose_profile(browser, "show8")
        browser.switch_to.window(first)
        wait(
            browser,
            lambda b: (
                b.find_element("id", "screen-frame").get_attribute("data-profile") == "show8"
                and "Question 2 of 10" in b.find_element("id", "turns").text
            ),
            "the first tab to follow the second",
        )
        assert browser.find_element("id", "profile").get_attribute("value") == "show8"
        assert browser.find_element("id", "behind").is_displayed() is False
    finally:
        browser.switch_to.window(second)
        browser.close()
        browser.switch_to.window(first)


def test_a_tab_says_it_is_behind_when_the_console_stops(
    browser: Any, serve_console: Callable[..., RunningConsole]
) -> None:
    console = serve_console()
    open_page(browser, console, "voice")
    behind = browser.find_element("id", "behind")
    assert not behind.is_displayed()
    console.stop()
    wait(browser, lambda b: behind.is_displayed(), "the tab to say it is behind")
    assert behind.text.startswith("This tab has lost touch with the console and may be behind")


def test_the_raw_request_editor_sends_templates_edits_and_says_what_is_wrong(
    browser: Any, serve_console: Callable[..., RunningConsole]
) -> None:
    from selenium.webdriver.support.ui import Select

    open_page(browser, serve_console(), "show8")
    browser.find_element("id", "autoplay").click()
    launch(browser)
    say(browser, "check my symptoms")
    editor = browser.find_element("id", "raw-envelope")
    Select(browser.find_element("id", "raw-template")).select_by_value("ended-error")
    wait(browser, lambda b: '"reason": "ERROR"' in editor.get_attribute("value"), "the template")
    turn = act(browser, browser.find_element("id", "raw-send").click)
    assert turn.text.startswith("you sent a raw SessionEndedRequest")
    request = browser.find_element("id", "request-json").get_attribute("textContent")
    assert '"type": "INVALID_RESPONSE"' in request
    result = browser.find_element("id", "raw-result")
    assert result.text == "Sent: the reply is turn 3 in the conversation."
    # It named the device's open session, so that session is over.
    assert browser.find_element("id", "session-status").text.startswith("No session")

    browser.find_element("id", "raw-seed").click()
    assert editor.get_attribute("value") == request
    assert result.text == "The request of turn 3: change it, then send it."

    editor.clear()
    editor.send_keys('{"request": ')
    browser.find_element("id", "raw-send").click()
    wait(browser, lambda b: result.text.startswith("the request is not valid JSON"), "the message")
    assert result.text == browser.find_element("id", "problem").text
    assert result.text.startswith("the request is not valid JSON: line 1, column 13:")
    assert len(turns(browser)) == 3
