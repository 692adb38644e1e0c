"""The content of each locale (the package's own or an edition), loaded once per process."""

import functools
import os
from pathlib import Path

from backpain.content_types import Content, ContentError

LOCALE_DIR = Path(__file__).resolve().parent / "locale"
DEFAULT_LOCALE = "en-GB"
EDITION_VARIABLE = "BACKPAIN_CONTENT_DIR"
"""A folder of `<locale>.yaml` files the skill speaks instead of its own: a reviewer's draft of a
new edition of the NHS page, or a test edition. Read once per process, validated as the shipped
content is; never set in the Lambda package."""
COMPILED_SUFFIX = ".compiled.json"
"""Beside `<locale>.yaml` in the Lambda package: that content, validated when the zip was built."""


def content_dir() -> Path:
    """Where the content files are: the package's own, or the edition named by the environment."""
    edition = os.environ.get(EDITION_VARIABLE)
    return Path(edition) if edition else LOCALE_DIR


@functools.cache
def available_locales() -> tuple[str, ...]:
    return tuple(sorted(path.stem for path in content_dir().glob("*.yaml")))


def supported_locale(locale: str | None) -> str:
    """The request's locale if there is content for it, else en-GB: a bounded set of keys for
    any per-locale cache, whatever locales requests make up."""
    return locale if locale in available_locales() else DEFAULT_LOCALE


def content_for(locale: str | None) -> Content:
    """The content for a request's locale; a locale without content is answered in en-GB."""
    return _content_for(supported_locale(locale))


def source_file(locale: str) -> Path:
    return content_dir() / f"{locale}.yaml"


def compiled_file(locale: str) -> Path:
    return LOCALE_DIR / f"{locale}{COMPILED_SUFFIX}"


def load_content(path: Path | str, locale: str | None = None) -> Content:
    """Parse and validate one YAML content file; raises ContentError naming the file and key."""
    from backpain.content_file import read_content_file  # PyYAML and the checks: only when needed

    return read_content_file(path, locale)


@functools.cache
def _content_for(locale: str) -> Content:
    # The Lambda package carries the content compiled and checked at build time; the source
    # tree has only the YAML, read and validated here.
    compiled = compiled_file(locale)
    if compiled.is_file() and EDITION_VARIABLE not in os.environ:
        from backpain.compiled_content import read_compiled

        return read_compiled(compiled, source_file(locale), locale)
    try:
        return load_content(source_file(locale), locale)
    except ModuleNotFoundError as error:
        if error.name != "yaml":
            raise
        # The Lambda package carries no PyYAML: without its compiled content it cannot start.
        raise ContentError(
            compiled, "(file)", "missing: build the Lambda package with `backpain package`"
        ) from None
