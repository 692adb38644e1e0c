"""The console page at phone, tablet and desktop widths, checked with axe-core, and the whole
check done with the keyboard alone."""

from __future__ import annotations

import base64
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.echo_sim.browser.conftest import RunningConsole
from tests.echo_sim.browser.pages import act, focused, open_page, press, say, tab_to, turns, wait
from tests.echo_sim.browser.png import size

pytestmark = pytest.mark.slow
NARROWEST, PHONE, TABLET, DESKTOP = 360, 390, 800, 1280
SINGLE_COLUMN_BELOW = 860
"""The stylesheet's breakpoint: one column under about 800 px."""
LONG_WORD = "pneumonoultramicroscopicsilicovolcanoconiosis" * 9
"""405 characters with no space: it must wrap, not widen the page."""

# Every element that reaches past the right edge of the page and is not clipped by a scrolling
# or hidden-overflow box that itself fits.
OVERFLOWING = """
const limit = document.documentElement.clientWidth + 1;
const found = [];
for (const node of document.querySelectorAll("body *")) {
  const box = node.getBoundingClientRect();
  if (!box.width || box.right <= limit) continue;
  let clipped = false;
  for (let up = node.parentElement; up && up !== document.body; up = up.parentElement) {
    const overflow = getComputedStyle(up).overflowX;
    if (overflow !== "visible" && up.getBoundingClientRect().right <= limit) {
      clipped = true;
      break;
    }
  }
  const name = `${node.tagName.toLowerCase()}#${node.id}.${node.className}`;
  if (!clipped) found.push(`${name} ends at ${Math.round(box.right)}`);
}
return found.slice(0, 8);
"""
AXE_RUN = """
const done = arguments[arguments.length - 1];
axe.run(document, { resultTypes: ["violations"] }).then(
  (results) => done(results.violations.map((v) => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 3).map((n) => n.target.join(" ")),
  }))),
  (error) => done([{ id: "axe-error", impact: "critical", help: String(error), nodes: [] }]),
);
"""


@pytest.fixture
def viewport(browser: Any) -> Iterator[Callable[[int, int], None]]:
    """Makes the page `width` CSS pixels wide (a phone is emulated as one: touch, and the page's
    own viewport meta tag); the browser is put back afterwards."""

    def set_size(width: int, height: int) -> None:
        browser.execute_cdp_cmd(
            "Emulation.setDeviceMetricsOverride",
            {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 500},
        )

    yield set_size
    browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


def whole_page_png(browser: Any) -> tuple[bytes, int]:
    """A screenshot of the whole page, as wide as its content really is, and the width the
    page had to show it in (the screen's, less a desktop scroll bar)."""
    metrics = browser.execute_cdp_cmd("Page.getLayoutMetrics", {})
    content = metrics["cssContentSize"]
    shot = browser.execute_cdp_cmd(
        "Page.captureScreenshot",
        {
            "format": "png",
            "captureBeyondViewport": True,
            "clip": {"x": 0, "y": 0, "width": content["width"], "height": content["height"],
                     "scale": 1},
        },
    )  # fmt: skip
    return base64.b64decode(shot["data"]), metrics["cssLayoutViewport"]["clientWidth"]


def axe_violations(browser: Any, axe_script: str) -> list[dict[str, Any]]:
    browser.set_script_timeout(120)
    browser.execute_script(axe_script)
    return list(browser.execute_async_script(AXE_RUN))


def rgb(css: str) -> tuple[int, int, int]:
    red, green, blue = (int(part) for part in re.findall(r"\d+", css)[:3])
    return red, green, blue


def contrast(a: tuple[int, int, int], b: tuple[int, int, int]) -> float:
    """WCAG's contrast ratio between two colours."""

    def luminance(colour: tuple[int, int, int]) -> float:
        channels = [c / 255 for c in colour]
        linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


@pytest.mark.parametrize("width", [NARROWEST, PHONE, TABLET, DESKTOP])
def test_the_page_fits_its_width_and_axe_finds_nothing_serious(
    browser: Any,
    serve_console: Callable[..., RunningConsole],
    viewport: Callable[[int, int], None],
    axe_script: str,
    shots: Callable[[str, bytes], Path],
    width: int,
) -> None:
    viewport(width, 844 if width < TABLET else 900)
    open_page(browser, serve_console(), "show8")
    browser.find_element("id", "autoplay").click()
    assert browser.execute_script("return [innerWidth, visualViewport.scale]") == [width, 1]
    header = browser.find_element("css selector", "header")
    heights = [header.rect["height"]]
    act(browser, browser.find_element("id", "launch").click)
    heights.append(header.rect["height"])
    say(browser, "check my symptoms")
    long_turn = say(browser, LONG_WORD)
    assert LONG_WORD[:40] in browser.find_element("id", "inspected").text
    assert long_turn.rect["width"] <= width
    browser.find_element("id", "send").click()  # nothing typed: a message above the panes
    problem = browser.find_element("id", "problem")
    wait(browser, lambda b: problem.is_displayed(), "the message")
    heights.append(header.rect["height"])
    assert len(set(heights)) == 1, f"the header changed height: {heights}"

    conversation = browser.find_element("id", "conversation-pane").rect
    screen = browser.find_element("id", "screen-pane").rect
    if width < SINGLE_COLUMN_BELOW:
        assert screen["y"] >= conversation["y"] + conversation["height"]
    else:
        assert screen["y"] == conversation["y"] and screen["x"] > conversation["x"]
    assert browser.execute_script("return getComputedStyle(document.body).fontSize") == "15px"

    from selenium.webdriver.support.ui import Select

    Select(browser.find_element("id", "raw-template")).select_by_value("intent")
    editor = browser.find_element("id", "raw-envelope")
    wait(browser, lambda b: editor.get_attribute("value"), "the template")

    png, shown = whole_page_png(browser)
    path = shots(f"console-{width}px.png", png)
    assert width - 20 <= shown <= width
    assert size(path.read_bytes())[0] == shown, "the page is wider than the screen"
    assert browser.execute_script(OVERFLOWING) == []

    serious = [
        v for v in axe_violations(browser, axe_script) if v["impact"] in ("serious", "critical")
    ]
    assert serious == [], serious


def test_the_whole_check_by_keyboard_alone_on_a_phone(
    browser: Any,
    serve_console: Callable[..., RunningConsole],
    viewport: Callable[[int, int], None],
) -> None:
    from selenium.webdriver.common.keys import Keys

    viewport(PHONE, 844)
    open_page(browser, serve_console(), "show8")
    tab_to(browser, "#autoplay")
    press(browser, Keys.SPACE)
    assert not browser.find_element("id", "autoplay").is_selected()
    tab_to(browser, "#launch")
    launch_ring = browser.execute_script(
        "const s = getComputedStyle(document.activeElement);"
        "return [s.outlineColor, s.outlineStyle]"
    )
    assert launch_ring[1] == "solid" and contrast(rgb(launch_ring[0]), (255, 255, 255)) >= 3
    act(browser, lambda: press(browser, Keys.ENTER))
    tab_to(browser, "#utterance")
    act(browser, lambda: press(browser, "check my symptoms", Keys.ENTER))
    assert "Question 1 of 10" in browser.find_element("id", "screen-frame").text

    tab_to(browser, '#screen-frame .apl-touch[aria-label="Yes"]')
    ring = browser.execute_script(
        """const s = getComputedStyle(document.activeElement);
        const screen = document.activeElement.closest('.apl-screen');
        return [s.outlineColor, s.boxShadow, getComputedStyle(screen).backgroundColor]"""
    )
    amber, dark, screen_colour = rgb(ring[0]), rgb(ring[1]), rgb(ring[2])
    assert max(contrast(amber, screen_colour), contrast(dark, screen_colour)) >= 3
    assert contrast(amber, dark) >= 3  # the two rings tell apart from each other, too
    for number in range(2, 12):
        press(browser, Keys.TAB)
        assert focused(browser, '#screen-frame .apl-touch[aria-label="No"]')
        scrolled = browser.execute_script("return scrollY")
        turn = act(browser, lambda: press(browser, Keys.SPACE))
        assert "you touched No on the screen" in turn.text
        assert browser.execute_script("return scrollY") == scrolled, "Space scrolled the page"
        if number <= 10:
            assert f"Question {number} of 10" in browser.find_element("id", "screen-frame").text
            # The focus moved to the next question's first button, not to the page body.
            assert focused(browser, '#screen-frame .apl-touch[aria-label="Yes"]')
    assert "You said no to all nine warning signs" in turn.text
    wait(
        browser,
        lambda b: b.find_element("id", "announcer").text.startswith("Alexa: You said no"),
        "the reply to be announced",
    )
    assert browser.find_element("id", "announcer").get_attribute("aria-live") == "polite"
    assert not focused(browser, "body")

    tab_to(browser, '[data-focus-key="inspect-3"]')
    press(browser, Keys.ENTER)
    inspected = browser.find_element("id", "inspected")
    wait(browser, lambda b: inspected.text.startswith("(turn 3: you touched No"), "turn 3")
    assert focused(browser, '[data-focus-key="inspect-3"][aria-pressed="true"]')
    assert '"type": "Alexa.Presentation.APL.UserEvent"' in browser.find_element(
        "id", "request-json"
    ).get_attribute("textContent")
    tab_to(browser, "#request-json")  # the JSON panes scroll, so they take the focus


def test_text_over_the_limit_is_kept_and_the_page_says_why_it_is_not_sent(
    browser: Any, serve_console: Callable[..., RunningConsole]
) -> None:
    open_page(browser, serve_console(), "voice")
    text = " ".join(["ouch"] * 110)
    box = browser.find_element("id", "utterance")
    box.send_keys(text)
    assert box.get_attribute("value") == text, "the text was cut"
    note = browser.find_element("id", "length-note")
    expected = (
        f"{len(text)} characters: one utterance takes 500 at most, so this will not be sent "
        "until it is shorter."
    )
    assert note.text == expected
    box.submit()
    problem = browser.find_element("id", "problem")
    wait(browser, lambda b: problem.is_displayed(), "the message")
    assert problem.text == expected
    assert turns(browser) == []
    box.clear()
    box.send_keys("ouch " * 95)  # 474 characters: close to the limit, and told so
    assert note.text == "474 of 500 characters."
