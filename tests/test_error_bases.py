"""Each package has one exception base, and every exception class it defines derives from it, so
a caller catches one thing per package (as hassil's HassilError, ask-sdk's AskSdkException)."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import pytest

from alexa_model.errors import AlexaModelError
from backpain.errors import BackPainError
from backpain_tools.errors import BackPainToolsError
from backpain_web.errors import BackPainWebError

BASES: dict[str, type[Exception]] = {
    "backpain": BackPainError,
    "alexa_model": AlexaModelError,
    "backpain_web": BackPainWebError,
    "backpain_tools": BackPainToolsError,
}


def exception_classes(package_name: str) -> dict[str, type[BaseException]]:
    """Every exception class defined (not imported) in a module of the package."""
    package = importlib.import_module(package_name)
    found = {}
    for module_info in pkgutil.walk_packages(package.__path__, f"{package_name}."):
        if module_info.name.endswith("__main__"):
            continue  # running it is what it is for
        module = importlib.import_module(module_info.name)
        for name, value in vars(module).items():
            if (
                inspect.isclass(value)
                and issubclass(value, BaseException)
                and value.__module__ == module.__name__
            ):
                found[f"{module.__name__}.{name}"] = value
    return found


@pytest.mark.parametrize("package_name", sorted(BASES))
def test_every_exception_of_a_package_derives_from_its_base(package_name: str) -> None:
    classes = exception_classes(package_name)
    assert classes, f"{package_name} defines no exception: is its base where this test looks?"
    base = BASES[package_name]
    assert {name for name, cls in classes.items() if not issubclass(cls, base)} == set()


def test_the_model_readers_errors_are_still_value_errors() -> None:
    # The device and the tools catch a bad model as a ValueError, as they always have.
    assert issubclass(AlexaModelError, ValueError)
