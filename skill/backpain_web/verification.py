"""Proves a web request came from Alexa: signature over the raw body, and a fresh timestamp."""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Protocol

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding
from cryptography.hazmat.primitives.asymmetric.rsa import RSAPublicKey

from backpain_web.certificate_chains import CertificateChains, Clock, utc_now
from backpain_web.certificate_url import normalise_cert_chain_url
from backpain_web.errors import VerificationFailed

CERT_CHAIN_URL_HEADER = "SignatureCertChainUrl"
SIGNATURE_HEADER = "Signature-256"
# Amazon's limit: an older or newer request is refused, so a captured one cannot be replayed.
TIMESTAMP_TOLERANCE = timedelta(seconds=150)
_MAX_SIGNATURE_CHARS = 4096
# A PKCS#1 v1.5 signature is exactly as long as the key's modulus: RSA 2048 (Amazon's), 3072, 4096.
RSA_SIGNATURE_BYTES = frozenset({256, 384, 512})


class HeaderSource(Protocol):
    """Request headers, looked up by name (Werkzeug's are case-insensitive; a dict works too)."""

    def get(self, key: str, default: str) -> str: ...


@dataclass(frozen=True)
class SignedClaim:
    """What the signature headers claim, checked for shape only: nothing fetched yet."""

    cert_chain_url: str
    """Normalised, and one Amazon would serve its certificates from."""
    signature: bytes


def read_signature_headers(headers: HeaderSource) -> SignedClaim:
    """The headers' claim, or `VerificationFailed` for anything refusable without a fetch."""
    encoded = headers.get(SIGNATURE_HEADER, "")
    if not encoded:
        raise VerificationFailed("missing Signature-256 header")
    if len(encoded) > _MAX_SIGNATURE_CHARS:
        raise VerificationFailed("Signature-256 header is too long")
    try:
        signature = base64.b64decode("".join(encoded.split()), validate=True)
    except (binascii.Error, ValueError) as error:
        raise VerificationFailed("Signature-256 header is not base64") from error
    if len(signature) not in RSA_SIGNATURE_BYTES:
        raise VerificationFailed("Signature-256 is not the length of an RSA signature")
    url = normalise_cert_chain_url(headers.get(CERT_CHAIN_URL_HEADER, ""))
    return SignedClaim(url, signature)


class RequestVerifier:
    """Amazon's checks for a self-hosted endpoint; trust store, fetcher and clock are injectable."""

    def __init__(
        self,
        chains: CertificateChains | None = None,
        clock: Clock = utc_now,
        tolerance: timedelta = TIMESTAMP_TOLERANCE,
    ) -> None:
        self.chains = chains if chains is not None else CertificateChains(clock=clock)
        self._clock = clock
        self._tolerance = tolerance

    def verify_signature(self, headers: HeaderSource, body: bytes) -> None:
        """Raise `VerificationFailed` unless Signature-256 is Alexa's signature over `body`."""
        self.verify_claim(read_signature_headers(headers), body)

    def verify_claim(self, claim: SignedClaim, body: bytes) -> None:
        """The costly half: fetch (or recall) the chain, then check the signature over `body`."""
        self._check(self.chains.signing_key(claim.cert_chain_url), claim, body)

    def verify_claim_if_cached(self, claim: SignedClaim, body: bytes) -> bool:
        """Check the signature now if the chain is already validated and cached (True), without
        fetching or waiting; False when it is not. A URL that failed lately is refused.

        Hashing the raw bytes and one RSA check cost the same whatever the body's shape, so a
        forgery for a known chain is refused before its body is parsed at all."""
        public_key = self.chains.cached_signing_key(claim.cert_chain_url)
        if public_key is None:
            return False
        self._check(public_key, claim, body)
        return True

    @staticmethod
    def _check(public_key: RSAPublicKey, claim: SignedClaim, body: bytes) -> None:
        if public_key.key_size // 8 != len(claim.signature):
            raise VerificationFailed("signature does not match the request body")
        try:
            public_key.verify(claim.signature, body, padding.PKCS1v15(), hashes.SHA256())
        except InvalidSignature as error:
            raise VerificationFailed("signature does not match the request body") from error

    def verify_timestamp(self, timestamp: object) -> None:
        """Raise `VerificationFailed` unless the request's timestamp is within 150 s of now."""
        sent = parse_timestamp(timestamp)
        try:
            skew = abs(self._clock() - sent)
        except OverflowError as error:  # an offset pushed the time outside datetime's range
            raise VerificationFailed("request timestamp is out of range") from error
        if skew > self._tolerance:
            raise VerificationFailed("request timestamp is not within 150 seconds of now")


def parse_timestamp(timestamp: object) -> datetime:
    """Alexa's ISO 8601 timestamp ("2024-05-01T12:00:00Z", fractions allowed), timezone-aware."""
    if not isinstance(timestamp, str) or not timestamp or len(timestamp) > 64:
        raise VerificationFailed("request timestamp is missing or not a string")
    try:
        sent = datetime.fromisoformat(timestamp)
    except ValueError as error:
        raise VerificationFailed("request timestamp is not ISO 8601") from error
    return sent.replace(tzinfo=UTC) if sent.tzinfo is None else sent
