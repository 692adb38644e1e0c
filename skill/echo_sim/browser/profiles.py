"""The devices the console can be: a voice-only Echo, and Echo Show 8 and 10 with viewports."""

from __future__ import annotations

from dataclasses import dataclass

from echo_sim.browser.apl_preview import Viewport
from echo_sim.device import DeviceProfile


@dataclass(frozen=True)
class Profile:
    """A device the page can be: its request profile and, for a screen, the viewport."""

    key: str
    label: str
    device: DeviceProfile
    viewport: Viewport | None


# Echo Show 8: 1280 x 800 pixels at 213 dpi (about 960 x 600 dp, hubLandscapeMedium);
# Echo Show 10: 1280 x 800 at 160 dpi (hubLandscapeLarge).
PROFILES: dict[str, Profile] = {
    profile.key: profile
    for profile in (
        Profile("voice", "Voice only (Echo)", DeviceProfile("echo", screen=False), None),
        Profile(
            "show8",
            "Echo Show 8",
            DeviceProfile("echo-show-8", True, 1280, 800, 213),
            Viewport("Echo Show 8", 1280, 800, 213),
        ),
        Profile(
            "show10",
            "Echo Show 10",
            DeviceProfile("echo-show-10", True, 1280, 800, 160),
            Viewport("Echo Show 10", 1280, 800, 160),
        ),
    )
}
