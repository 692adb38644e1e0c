"""Shared fixtures: the recogniser for the real model (its cache under a temporary folder),
the test voices, and synthesised audio helpers."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from echo_sim.hearing import Recogniser, recogniser_for
from echo_sim.hearing.audio import silence
from echo_sim.hearing.speakers import Speaker, speaker

REPO = Path(__file__).resolve().parents[3]
EN_GB_MODEL = REPO / "interaction_models" / "en-GB.json"
SPOKEN = REPO / "tests" / "echo_sim" / "hearing" / "spoken"


@pytest.fixture(scope="session", autouse=True)
def hearing_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Language packs are built under a temporary folder, never in the user's cache."""
    folder = tmp_path_factory.mktemp("hearing-cache")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("ECHO_SIM_CACHE_DIR", str(folder))
        yield folder


@pytest.fixture(scope="session")
def recogniser(hearing_cache: Path) -> Recogniser:
    return recogniser_for(EN_GB_MODEL)


@pytest.fixture(scope="session")
def hibari() -> Speaker:
    return speaker("hibari")


@pytest.fixture(scope="session")
def espeak() -> Speaker:
    return speaker("espeak-ng")


def spoken(voice: Speaker, text: str, pad_s: float = 0.3) -> bytes:
    """`text` said by `voice` with the silence an endpointer keeps either side."""
    return silence(pad_s) + voice.say(text) + silence(pad_s)


def cache_env(folder: Path) -> dict[str, str]:
    """The environment for a `backpain` subprocess that shares the tests' pack cache."""
    return {**os.environ, "ECHO_SIM_CACHE_DIR": str(folder)}
