"""A throwaway Amazon-like certificate authority for tests and benchmarks, and request signing.

A root, an intermediate and a signing leaf shaped like Amazon's (SAN echo-api.amazon.com, the
extensions a real TLS leaf has); bodies are signed with the leaf key, and the web door is handed
a trust store (and a fetcher, skill/backpain_tools/amazon_standins/s3.py) that know them.
"""

from __future__ import annotations

import base64
import ipaddress
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from cryptography.x509.verification import Store

from backpain_web.certificate_chains import ALEXA_SIGNING_NAME
from backpain_web.verification import CERT_CHAIN_URL_HEADER, SIGNATURE_HEADER

TEST_CERT_CHAIN_URL = "https://s3.amazonaws.com/echo.api/echo-api-cert-test.pem"

CaKey = ec.EllipticCurvePrivateKey | rsa.RSAPrivateKey
_TLS_USAGES = [ExtendedKeyUsageOID.SERVER_AUTH, ExtendedKeyUsageOID.CLIENT_AUTH]


def _name(common_name: str) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Back Pain Guide test PKI"),
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
        ]
    )


@dataclass(frozen=True)
class Authority:
    """A certificate authority of the test PKI: its key and certificate."""

    key: CaKey
    certificate: x509.Certificate

    @property
    def pem(self) -> bytes:
        return self.certificate.public_bytes(serialization.Encoding.PEM)


def make_root(common_name: str = "Test Root CA", now: datetime | None = None) -> Authority:
    # ECDSA P-256 CAs are accepted by the web PKI rules and are much faster to make than RSA.
    now = now or datetime.now(UTC)
    key = ec.generate_private_key(ec.SECP256R1())
    certificate = (
        _self_signed(key, _name(common_name), now - timedelta(days=365), now + timedelta(days=3650))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(_ca_key_usage(), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    return Authority(key, certificate)


def _self_signed(
    key: ec.EllipticCurvePrivateKey, name: x509.Name, not_before: datetime, not_after: datetime
) -> x509.CertificateBuilder:
    """A certificate for `key` issued by itself; extensions are the caller's."""
    return (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(not_before)
        .not_valid_after(not_after)
    )


def make_intermediate(
    root: Authority, common_name: str = "Test Intermediate CA", now: datetime | None = None
) -> Authority:
    now = now or datetime.now(UTC)
    key = ec.generate_private_key(ec.SECP256R1())
    certificate = (
        x509.CertificateBuilder()
        .subject_name(_name(common_name))
        .issuer_name(root.certificate.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=300))
        .not_valid_after(now + timedelta(days=1800))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(_ca_key_usage(), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(root.key.public_key()),
            critical=False,
        )
        .add_extension(
            x509.ExtendedKeyUsage(_TLS_USAGES), critical=False
        )
        .sign(root.key, hashes.SHA256())
    )
    return Authority(key, certificate)


def _ca_key_usage() -> x509.KeyUsage:
    return x509.KeyUsage(
        digital_signature=True,
        content_commitment=False,
        key_encipherment=False,
        data_encipherment=False,
        key_agreement=False,
        key_cert_sign=True,
        crl_sign=True,
        encipher_only=False,
        decipher_only=False,
    )


def make_signing_key() -> rsa.RSAPrivateKey:
    """Alexa signs with RSA (PKCS#1 v1.5, SHA-256), so the leaf key must be RSA."""
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def issue_signing_certificate(
    issuer: Authority,
    key: rsa.RSAPrivateKey,
    *,
    not_before: datetime,
    not_after: datetime,
    dns_names: Iterable[str] = (ALEXA_SIGNING_NAME,),
) -> x509.Certificate:
    """A TLS-server-shaped leaf like Amazon's echo-api certificate; no names: no SAN extension."""
    names = list(dns_names)
    builder = (
        x509.CertificateBuilder()
        .subject_name(_name(names[0] if names else "no name"))
        .issuer_name(issuer.certificate.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(not_before)
        .not_valid_after(not_after)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=False,
                key_encipherment=True,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=False,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(
            x509.ExtendedKeyUsage(_TLS_USAGES), critical=False
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer.key.public_key()),
            critical=False,
        )
    )
    # An empty SubjectAlternativeName is not valid X.509 (cryptography 51 refuses to build one):
    # a certificate "with no SAN" has no such extension at all.
    if names:
        builder = builder.add_extension(
            x509.SubjectAlternativeName([x509.DNSName(name) for name in names]), critical=False
        )
    return builder.sign(issuer.key, hashes.SHA256())


def chain_pem(signing: x509.Certificate, *authorities: Authority) -> bytes:
    """The PEM file Amazon serves: the signing certificate first, then the chain to the root."""
    parts = [signing.public_bytes(serialization.Encoding.PEM)]
    parts += [authority.pem for authority in authorities]
    return b"".join(parts)


@dataclass(frozen=True)
class FakeAmazonPki:
    """A root, an intermediate and a currently valid echo-api signing certificate with its key."""

    root: Authority
    intermediate: Authority
    signing_key: rsa.RSAPrivateKey
    signing_certificate: x509.Certificate

    @classmethod
    def create(cls, now: datetime | None = None) -> FakeAmazonPki:
        now = now or datetime.now(UTC)
        root = make_root(now=now)
        intermediate = make_intermediate(root, now=now)
        key = make_signing_key()
        certificate = issue_signing_certificate(
            intermediate,
            key,
            not_before=now - timedelta(days=30),
            not_after=now + timedelta(days=300),
        )
        return cls(root, intermediate, key, certificate)

    @property
    def chain_pem(self) -> bytes:
        return chain_pem(self.signing_certificate, self.intermediate)

    @property
    def trust_store(self) -> Store:
        return Store([self.root.certificate])

    def reissue(
        self,
        *,
        not_before: datetime,
        not_after: datetime,
        dns_names: Iterable[str] = (ALEXA_SIGNING_NAME,),
    ) -> bytes:
        """A chain PEM for another signing certificate on the same key (expired, wrong name...)."""
        certificate = issue_signing_certificate(
            self.intermediate,
            self.signing_key,
            not_before=not_before,
            not_after=not_after,
            dns_names=dns_names,
        )
        return chain_pem(certificate, self.intermediate)

    def sign(self, body: bytes) -> str:
        return sign_body(self.signing_key, body)

    def headers(self, body: bytes, url: str = TEST_CERT_CHAIN_URL) -> dict[str, str]:
        """The signature headers Alexa would send with `body`."""
        return signature_headers(self.signing_key, body, url)


def self_signed_server_certificate(
    directory: Path, ip: str = "127.0.0.1", dns_names: Iterable[str] = ()
) -> tuple[Path, Path]:
    """A throwaway TLS certificate and key for a server on `ip` (to test HTTPS on loopback),
    also valid for `dns_names` (a stand-in for s3.amazonaws.com, say)."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, ip)])
    now = datetime.now(UTC)
    certificate = (
        _self_signed(key, name, now - timedelta(days=1), now + timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName(
                [x509.IPAddress(ipaddress.ip_address(ip))]
                + [x509.DNSName(name) for name in dns_names]
            ),
            critical=False,
        )
        .sign(key, hashes.SHA256())
    )
    directory.mkdir(parents=True, exist_ok=True)
    certfile, keyfile = directory / "server.pem", directory / "server.key"
    certfile.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    keyfile.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return certfile, keyfile


def sign_body(key: rsa.RSAPrivateKey, body: bytes) -> str:
    """Base64 RSA PKCS#1 v1.5 SHA-256 signature, as in Alexa's Signature-256 header."""
    return base64.b64encode(key.sign(body, padding.PKCS1v15(), hashes.SHA256())).decode("ascii")


def signature_headers(
    key: rsa.RSAPrivateKey, body: bytes, url: str = TEST_CERT_CHAIN_URL
) -> dict[str, str]:
    return {
        CERT_CHAIN_URL_HEADER: url,
        SIGNATURE_HEADER: sign_body(key, body),
        "Content-Type": "application/json; charset=utf-8",
    }
