"""Driving the console page in Chromium: waiting for it, acting in it, reading it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tests.echo_sim.browser.conftest import RunningConsole

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


def press(browser: Any, *keys: str) -> None:
    """Keys pressed on the keyboard, into whatever has the focus."""
    from selenium.webdriver.common.action_chains import ActionChains

    ActionChains(browser).send_keys(*keys).perform()


def focused(browser: Any, css: str) -> bool:
    return bool(browser.execute_script("return document.activeElement.matches(arguments[0])", css))


def tab_to(browser: Any, css: str, limit: int = 120) -> Any:
    """Presses Tab until the focus is on an element matching `css`, as a keyboard user would."""
    from selenium.webdriver.common.keys import Keys

    for _ in range(limit):
        if focused(browser, css):
            return browser.switch_to.active_element
        press(browser, Keys.TAB)
    raise AssertionError(f"{limit} presses of Tab never reached {css}")
