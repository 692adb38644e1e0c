"""Fetches, validates and caches the certificate chains Alexa signs requests with."""

from __future__ import annotations

import http.client
import io
import socket
import ssl
import threading
import time
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Protocol
from urllib.parse import urlsplit

import certifi
from cryptography import x509
from cryptography.hazmat.primitives.asymmetric.rsa import RSAPublicKey
from cryptography.utils import CryptographyDeprecationWarning
from cryptography.x509.verification import PolicyBuilder, Store, VerificationError

from backpain_web.certificate_url import normalise_cert_chain_url
from backpain_web.errors import VerificationFailed

ALEXA_SIGNING_NAME = "echo-api.amazon.com"
# One deadline for the whole fetch (connect, handshake, request, response), not per socket read:
# a server dripping a byte a second cannot hold a request longer than this.
FETCH_TIMEOUT_SECONDS = 5.0
# Amazon's chain is a few kilobytes; anything far bigger is not a certificate chain.
MAX_CHAIN_BYTES = 64 * 1024
_MAX_RESPONSE_HEAD_BYTES = 16 * 1024
MAX_CACHED_CHAINS = 32
# A URL whose fetch or chain failed is refused without a new fetch for a while, so one junk URL
# repeated costs one fetch; the bound keeps a flood of fresh junk URLs from growing memory.
FAILED_URL_SECONDS = 30
MAX_FAILED_URLS = 1024
# Fetches in flight at once per process; a flood of fresh URLs waits for a slot, then gives up.
MAX_CONCURRENT_FETCHES = 4

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC)


class ChainFetcher(Protocol):
    """The PEM bytes served at a normalised certificate URL, or `VerificationFailed`.

    `timeout` is what is left of the request's deadline (None: the fetcher's own); a fetcher
    that can take longer must give up by then."""

    def __call__(self, url: str, timeout: float | None = None) -> bytes: ...


_contexts: dict[str | None, ssl.SSLContext] = {}
_contexts_lock = threading.Lock()


def tls_context(cafile: str | None = None) -> ssl.SSLContext:
    """One client SSL context per process (per roots file): building one costs about 20 ms."""
    with _contexts_lock:
        context = _contexts.get(cafile)
        if context is None:
            context = ssl.create_default_context(cafile=cafile or certifi.where())
            _contexts[cafile] = context
        return context


@dataclass(frozen=True)
class HttpsChainFetcher:
    """Downloads a chain over HTTPS, without redirects, within one deadline and a size cap."""

    timeout: float = FETCH_TIMEOUT_SECONDS
    max_bytes: int = MAX_CHAIN_BYTES
    cafile: str | None = None
    """Roots for the TLS connection to S3; certifi's bundle when None."""
    connect_to: tuple[str, int] | None = None
    """Connect here instead of the URL's host and port, still checking that the server's
    certificate names the URL's host: how tests put a local stand-in for S3 behind the URL."""

    def __call__(self, url: str, timeout: float | None = None) -> bytes:
        parts = urlsplit(url)
        host = parts.hostname or ""
        target = parts.path + (f"?{parts.query}" if parts.query else "")
        allowed = self.timeout if timeout is None else min(self.timeout, timeout)
        deadline = time.monotonic() + allowed
        try:
            address = self.connect_to or (host, parts.port or 443)
            with (
                socket.create_connection(address, timeout=allowed) as plain,
                tls_context(self.cafile).wrap_socket(
                    plain, server_hostname=host, do_handshake_on_connect=False
                ) as connection,
            ):
                connection.settimeout(_remaining(deadline))
                connection.do_handshake()
                request = (
                    f"GET {target} HTTP/1.1\r\nHost: {host}\r\nAccept: */*\r\n"
                    "Connection: close\r\n\r\n"
                )
                connection.settimeout(_remaining(deadline))
                connection.sendall(request.encode("ascii"))
                raw = _read_to_end(connection, deadline, self.max_bytes + _MAX_RESPONSE_HEAD_BYTES)
        except TimeoutError as error:
            raise VerificationFailed(
                "certificate chain could not be fetched", detail="deadline passed"
            ) from error
        except (OSError, ValueError) as error:
            raise VerificationFailed(
                "certificate chain could not be fetched", detail=type(error).__name__
            ) from error
        return _chain_body(raw, self.max_bytes)


def _remaining(deadline: float) -> float:
    left = deadline - time.monotonic()
    if left <= 0:
        raise TimeoutError("fetch deadline passed")
    return left


def _read_to_end(connection: socket.socket, deadline: float, cap: int) -> bytes:
    received = bytearray()
    while True:
        connection.settimeout(_remaining(deadline))
        chunk = connection.recv(65536)
        if not chunk:
            return bytes(received)
        received += chunk
        if len(received) > cap:
            raise VerificationFailed("certificate chain is too large")


class _Replay:
    """A finished response, handed to http.client's parser as if it were the socket."""

    def __init__(self, data: bytes) -> None:
        self._data = data

    def makefile(self, mode: str, *args: object, **kwargs: object) -> io.BytesIO:
        return io.BytesIO(self._data)


def _chain_body(raw: bytes, max_bytes: int) -> bytes:
    """The body of a complete 200 response; a cut-short or unsized one is a failure."""
    response = http.client.HTTPResponse(_Replay(raw), method="GET")  # type: ignore[arg-type]
    try:
        response.begin()
        if response.status != 200:
            raise VerificationFailed(
                "certificate chain could not be fetched", detail=f"HTTP {response.status}"
            )
        if response.length is None and not response.chunked:
            raise VerificationFailed(
                "certificate chain could not be fetched", detail="response has no length"
            )
        body = response.read()
    except (http.client.HTTPException, ValueError) as error:
        # IncompleteRead among them: fewer bytes than Content-Length, or a cut chunk.
        raise VerificationFailed(
            "certificate chain could not be fetched", detail=type(error).__name__
        ) from error
    if len(body) > max_bytes:
        raise VerificationFailed("certificate chain is too large")
    return body


def load_trust_store() -> Store:
    """The roots a signing chain must lead to in production: certifi's bundle."""
    with warnings.catch_warnings():
        # certifi ships an old root with a negative serial: not ours to fix, nor worth a warning.
        warnings.simplefilter("ignore", CryptographyDeprecationWarning)
        return Store(x509.load_pem_x509_certificates(Path(certifi.where()).read_bytes()))


@dataclass(frozen=True)
class SigningKey:
    """A signing public key, trusted until the first certificate of its chain expires."""

    public_key: RSAPublicKey
    expires: datetime


class CertificateChains:
    """Maps a SignatureCertChainUrl to a validated signing key, caching each chain until it expires.

    Safe to share between threads (and greenlets). Every wait has one deadline, `fetch_wait`
    seconds from the moment a request asks for a chain that is not cached: waiting for another
    request's fetch of the same URL, waiting for one of the MAX_CONCURRENT_FETCHES fetch slots,
    and the fetch itself all come out of it, so no request waits on a chain longer than that.
    Concurrent requests for one new URL wait for one fetch (per URL, so a genuine URL never
    queues behind junk ones). A URL that failed is refused outright for FAILED_URL_SECONDS.
    """

    def __init__(
        self,
        trust_store: Store | None = None,
        fetcher: ChainFetcher | None = None,
        clock: Clock = utc_now,
        signing_name: str = ALEXA_SIGNING_NAME,
        fetch_wait: float = FETCH_TIMEOUT_SECONDS,
    ) -> None:
        self._trust_store = trust_store if trust_store is not None else load_trust_store()
        self._fetch: ChainFetcher = fetcher if fetcher is not None else HttpsChainFetcher()
        self._clock = clock
        self._signing_name = signing_name
        self._fetch_wait = fetch_wait
        self._cache: dict[str, SigningKey] = {}
        self._failed: dict[str, datetime] = {}
        # URL -> set when its fetch ends; only URLs being fetched right now, so it stays small.
        self._in_flight: dict[str, threading.Event] = {}
        self._cache_lock = threading.Lock()
        self._fetch_slots = threading.BoundedSemaphore(MAX_CONCURRENT_FETCHES)

    def cached_signing_key(self, cert_chain_url: str) -> RSAPublicKey | None:
        """The key for an already validated chain, without fetching or waiting: None if there is
        none, `VerificationFailed` if the URL failed lately."""
        cached = self._cached(normalise_cert_chain_url(cert_chain_url))
        return cached.public_key if cached is not None else None

    def signing_key(self, cert_chain_url: str) -> RSAPublicKey:
        url = normalise_cert_chain_url(cert_chain_url)
        deadline = time.monotonic() + self._fetch_wait
        while True:
            cached = self._cached(url)
            if cached is not None:
                return cached.public_key
            with self._cache_lock:
                fetching = self._in_flight.get(url)
                if fetching is None:
                    ours = self._in_flight[url] = threading.Event()
            if fetching is None:
                break
            # Another request is fetching this URL: its result (cached, or remembered as
            # failed) is ours when it ends; if it gave up without either, try again ourselves.
            if not fetching.wait(_time_left(deadline, "waited for another fetch of this URL")):
                raise _too_slow("waited for another fetch of this URL")
        try:
            return self._fetch_and_cache(url, deadline)
        finally:
            with self._cache_lock:
                del self._in_flight[url]
            ours.set()

    def _fetch_and_cache(self, url: str, deadline: float) -> RSAPublicKey:
        if not self._fetch_slots.acquire(timeout=_time_left(deadline, "no fetch slot")):
            # Not remembered as a failure: the URL may be fine, the door only busy.
            raise _too_slow("no fetch slot in time")
        try:
            key = self._validate(self._fetch(url, _time_left(deadline, "no time to fetch")))
        except VerificationFailed:
            self._remember_failure(url)
            raise
        finally:
            self._fetch_slots.release()
        with self._cache_lock:
            if len(self._cache) >= MAX_CACHED_CHAINS:
                soonest = min(self._cache.items(), key=lambda item: item[1].expires)
                del self._cache[soonest[0]]
            self._cache[url] = key
        return key.public_key

    def _cached(self, url: str) -> SigningKey | None:
        """The cached, in-date key for `url`; `VerificationFailed` if `url` failed lately."""
        now = self._clock()
        with self._cache_lock:
            key = self._cache.get(url)
            if key is not None:
                if now < key.expires:
                    return key
                del self._cache[url]
            retry_after = self._failed.get(url)
            if retry_after is not None:
                if now < retry_after:
                    raise VerificationFailed(
                        "certificate chain could not be fetched", detail="failed recently"
                    )
                del self._failed[url]
            return None

    def _remember_failure(self, url: str) -> None:
        with self._cache_lock:
            if len(self._failed) >= MAX_FAILED_URLS:
                del self._failed[next(iter(self._failed))]  # the oldest failure
            self._failed[url] = self._clock() + timedelta(seconds=FAILED_URL_SECONDS)

    def _validate(self, pem: bytes) -> SigningKey:
        try:
            certificates = x509.load_pem_x509_certificates(pem)
        except ValueError as error:
            raise VerificationFailed("certificate chain is not PEM certificates") from error
        signing, intermediates = certificates[0], certificates[1:]
        verifier = (
            PolicyBuilder()
            .store(self._trust_store)
            .time(self._clock())
            .build_server_verifier(x509.DNSName(self._signing_name))
        )
        try:
            chain = verifier.verify(signing, intermediates)
        except VerificationError as error:
            raise VerificationFailed("certificate chain is not valid", detail=str(error)) from error
        # The verifier accepts a wildcard such as *.amazon.com; Amazon's rule is the name itself.
        if self._signing_name not in _dns_names(signing):
            raise VerificationFailed(
                "certificate chain is not valid",
                detail=f"signing certificate does not name {self._signing_name} itself",
            )
        public_key = signing.public_key()
        if not isinstance(public_key, RSAPublicKey):
            raise VerificationFailed("signing certificate key is not RSA")
        expires = min(certificate.not_valid_after_utc for certificate in chain)
        return SigningKey(public_key, expires)


def _too_slow(detail: str) -> VerificationFailed:
    return VerificationFailed("certificate chain could not be fetched in time", detail=detail)


def _time_left(deadline: float, detail: str) -> float:
    """Seconds until `deadline`, or the refusal for a request that has run out of them."""
    left = deadline - time.monotonic()
    if left <= 0:
        raise _too_slow(detail)
    return left


def _dns_names(certificate: x509.Certificate) -> set[str]:
    try:
        names = certificate.extensions.get_extension_for_class(x509.SubjectAlternativeName)
    except x509.ExtensionNotFound:
        return set()
    return {name.lower() for name in names.value.get_values_for_type(x509.DNSName)}
