"""Checks a SignatureCertChainUrl is one Amazon would serve its signing certificates from."""

from __future__ import annotations

import functools
import posixpath
from urllib.parse import quote, unquote, urlsplit, urlunsplit

from backpain_web.errors import VerificationFailed

AMAZON_CERT_HOST = "s3.amazonaws.com"
AMAZON_CERT_PATH_PREFIX = "/echo.api/"
HTTPS_PORT = 443


# Alexa sends the same few URLs with every request: check each once. A refused URL raises,
# and exceptions are not cached, so junk URLs cannot fill the cache.
@functools.lru_cache(maxsize=64)
def normalise_cert_chain_url(url: str) -> str:
    """Return the normalised URL to fetch, or raise `VerificationFailed` if Amazon would not use it.

    Amazon's rules: scheme https and host s3.amazonaws.com (both case-insensitive), port 443 when
    one is given, and a path that still starts with /echo.api/ (case-sensitive) once dot segments
    are resolved, so https://s3.amazonaws.com/echo.api/../x is refused.
    """
    if not url:
        raise VerificationFailed("missing SignatureCertChainUrl header")
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError as error:
        raise VerificationFailed("certificate URL cannot be parsed") from error
    if parts.scheme != "https":
        raise VerificationFailed("certificate URL is not https")
    # userinfo could make a reader see a different host than the one we connect to.
    if parts.username is not None or parts.password is not None:
        raise VerificationFailed("certificate URL carries user information")
    if (parts.hostname or "") != AMAZON_CERT_HOST:
        raise VerificationFailed("certificate URL host is not s3.amazonaws.com")
    if port is not None and port != HTTPS_PORT:
        raise VerificationFailed("certificate URL port is not 443")
    if parts.fragment:
        raise VerificationFailed("certificate URL has a fragment")
    # Decode first so that %2e%2e cannot smuggle a dot segment past the prefix check.
    path = unquote(parts.path)
    if "\\" in path or "\x00" in path:
        raise VerificationFailed("certificate URL path is not a plain path")
    path = posixpath.normpath(path) if path else ""
    if not path.startswith(AMAZON_CERT_PATH_PREFIX):
        raise VerificationFailed("certificate URL path does not start with /echo.api/")
    try:
        # Re-quoted so the URL we fetch holds no raw spaces or control characters.
        quoted_path, query = quote(path), quote(parts.query, safe="=&%+")
    except UnicodeEncodeError as error:
        raise VerificationFailed("certificate URL cannot be encoded") from error
    return urlunsplit(("https", AMAZON_CERT_HOST, quoted_path, query, ""))
