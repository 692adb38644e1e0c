"""Which speech recognition engine hears the user: pocketsphinx unless configuration says
otherwise, one recogniser per interaction model per process."""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path
from typing import Any, cast

from echo_sim.hearing.heard import HearingUnavailable, Recogniser

ENGINE_VARIABLE = "ECHO_SIM_RECOGNISER"
"""Another engine, as "module:factory": `factory(model_path) -> Recogniser`."""


def recogniser_for(model_path: str | Path, rebuild: bool = False) -> Recogniser:
    """The recogniser for this interaction model, built at first use and kept for the process;
    `rebuild` builds pocketsphinx's language pack anew rather than taking it from the cache."""
    path, engine = Path(model_path).resolve(), os.environ.get(ENGINE_VARIABLE, "")
    if rebuild and not engine:
        from echo_sim.hearing.sphinx import SphinxRecogniser

        _recogniser.cache_clear()
        SphinxRecogniser(path, rebuild=True)
    return _recogniser(path, engine)


def pack_notice(recogniser: Recogniser) -> str | None:
    """The one line a recogniser's language pack has for the user (words it can't hear)."""
    pack = getattr(recogniser, "pack", None)
    notice = getattr(pack, "notice", None)
    return notice if isinstance(notice, str) else None


@cache
def _recogniser(model_path: Path, engine: str) -> Recogniser:
    if not engine:
        from echo_sim.hearing.sphinx import SphinxRecogniser

        return SphinxRecogniser(model_path)
    factory = _import_factory(engine)
    try:
        recogniser: Any = factory(model_path)
    except HearingUnavailable:
        raise
    except Exception as error:  # a third-party engine may fail in any way it likes
        raise HearingUnavailable(f"{ENGINE_VARIABLE}={engine} failed to load: {error}") from error
    if not callable(getattr(recogniser, "recognise", None)):
        raise HearingUnavailable(f"{ENGINE_VARIABLE}={engine} did not return a recogniser")
    return cast(Recogniser, recogniser)


def _import_factory(spec: str) -> Any:
    import importlib

    module_name, _, name = spec.partition(":")
    try:
        module = importlib.import_module(module_name)
    except ImportError as error:
        raise HearingUnavailable(f"{ENGINE_VARIABLE}: cannot import {module_name!r}") from error
    factory = getattr(module, name or "recogniser", None)
    if not callable(factory):
        raise HearingUnavailable(f"{ENGINE_VARIABLE}: {module_name!r} has no {name!r} factory")
    return factory
