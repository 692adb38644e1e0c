"""Fetches, validates and caches the certificate chains Alexa signs requests with."""

from __future__ import annotations

import http.client
import ssl
import threading
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Protocol
from urllib.parse import urlsplit

import certifi
from cryptography import x509
from cryptography.hazmat.primitives.asymmetric.rsa import RSAPublicKey
from cryptography.utils import CryptographyDeprecationWarning
from cryptography.x509.verification import PolicyBuilder, Store, VerificationError

from skill.web.certificate_url import normalise_cert_chain_url
from skill.web.errors import VerificationFailed

ALEXA_SIGNING_NAME = "echo-api.amazon.com"
FETCH_TIMEOUT_SECONDS = 5.0
# Amazon's chain is a few kilobytes; anything far bigger is not a certificate chain.
MAX_CHAIN_BYTES = 64 * 1024
MAX_CACHED_CHAINS = 32
_FETCH_LOCK_STRIPES = 16

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC)


class ChainFetcher(Protocol):
    """The PEM bytes served at a normalised certificate URL, or `VerificationFailed`."""

    def __call__(self, url: str) -> bytes: ...


@dataclass(frozen=True)
class HttpsChainFetcher:
    """Downloads a chain over HTTPS, without redirects, bounded in time and size."""

    timeout: float = FETCH_TIMEOUT_SECONDS
    max_bytes: int = MAX_CHAIN_BYTES
    cafile: str | None = None
    """Roots for the TLS connection to S3; certifi's bundle when None."""

    def __call__(self, url: str) -> bytes:
        parts = urlsplit(url)
        target = parts.path + (f"?{parts.query}" if parts.query else "")
        context = ssl.create_default_context(cafile=self.cafile or certifi.where())
        try:
            connection = http.client.HTTPSConnection(
                parts.hostname or "", parts.port or 443, timeout=self.timeout, context=context
            )
            try:
                connection.request("GET", target, headers={"Accept": "*/*"})
                response = connection.getresponse()
                if response.status != 200:
                    raise VerificationFailed(
                        "certificate chain could not be fetched", detail=f"HTTP {response.status}"
                    )
                body = response.read(self.max_bytes + 1)
            finally:
                connection.close()
        except (OSError, ValueError, http.client.HTTPException) as error:
            raise VerificationFailed(
                "certificate chain could not be fetched", detail=type(error).__name__
            ) from error
        if len(body) > self.max_bytes:
            raise VerificationFailed("certificate chain is too large")
        return body


def load_trust_store(pem_path: str | Path | None = None) -> Store:
    """The roots a signing chain must lead to: certifi's bundle unless a PEM file is named."""
    path = Path(pem_path) if pem_path is not None else Path(certifi.where())
    with warnings.catch_warnings():
        # certifi ships an old root with a negative serial: not ours to fix, nor worth a warning.
        warnings.simplefilter("ignore", CryptographyDeprecationWarning)
        return Store(x509.load_pem_x509_certificates(path.read_bytes()))


@dataclass(frozen=True)
class SigningKey:
    """A signing public key, trusted until the first certificate of its chain expires."""

    public_key: RSAPublicKey
    expires: datetime


class CertificateChains:
    """Maps a SignatureCertChainUrl to a validated signing key, caching each chain until it expires.

    Safe to share between threads: one lock guards the cache, and striped locks make concurrent
    requests for the same new URL wait for one fetch instead of all fetching.
    """

    def __init__(
        self,
        trust_store: Store | None = None,
        fetcher: ChainFetcher | None = None,
        clock: Clock = utc_now,
        signing_name: str = ALEXA_SIGNING_NAME,
    ) -> None:
        self._trust_store = trust_store if trust_store is not None else load_trust_store()
        self._fetch: ChainFetcher = fetcher if fetcher is not None else HttpsChainFetcher()
        self._clock = clock
        self._signing_name = signing_name
        self._cache: dict[str, SigningKey] = {}
        self._cache_lock = threading.Lock()
        self._fetch_locks = tuple(threading.Lock() for _ in range(_FETCH_LOCK_STRIPES))

    def signing_key(self, cert_chain_url: str) -> RSAPublicKey:
        url = normalise_cert_chain_url(cert_chain_url)
        cached = self._cached(url)
        if cached is not None:
            return cached.public_key
        with self._fetch_locks[hash(url) % _FETCH_LOCK_STRIPES]:
            cached = self._cached(url)
            if cached is not None:
                return cached.public_key
            key = self._validate(self._fetch(url))
            with self._cache_lock:
                if len(self._cache) >= MAX_CACHED_CHAINS:
                    soonest = min(self._cache.items(), key=lambda item: item[1].expires)
                    del self._cache[soonest[0]]
                self._cache[url] = key
            return key.public_key

    def _cached(self, url: str) -> SigningKey | None:
        with self._cache_lock:
            key = self._cache.get(url)
            if key is None:
                return None
            if self._clock() < key.expires:
                return key
            del self._cache[url]
            return None

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
        public_key = signing.public_key()
        if not isinstance(public_key, RSAPublicKey):
            raise VerificationFailed("signing certificate key is not RSA")
        expires = min(certificate.not_valid_after_utc for certificate in chain)
        return SigningKey(public_key, expires)
