"""The SignatureCertChainUrl rules, with Amazon's own examples of good and bad URLs."""

from __future__ import annotations

import pytest

from backpain_web.certificate_url import normalise_cert_chain_url
from backpain_web.errors import VerificationFailed

CANONICAL = "https://s3.amazonaws.com/echo.api/echo-api-cert.pem"


@pytest.mark.parametrize(
    "url",
    [
        "https://s3.amazonaws.com/echo.api/echo-api-cert.pem",
        "https://s3.amazonaws.com:443/echo.api/echo-api-cert.pem",
        "https://s3.amazonaws.com/echo.api/../echo.api/echo-api-cert.pem",
        "HTTPS://S3.AmazonAWS.com/echo.api/echo-api-cert.pem",
        "https://s3.amazonaws.com/echo.api/./echo-api-cert.pem",
    ],
)
def test_amazons_valid_urls_normalise_to_the_canonical_url(url: str) -> None:
    assert normalise_cert_chain_url(url) == CANONICAL


@pytest.mark.parametrize(
    "url",
    [
        "",
        "http://s3.amazonaws.com/echo.api/echo-api-cert.pem",
        "https://notamazon.com/echo.api/echo-api-cert.pem",
        "https://s3.amazonaws.com.evil.example/echo.api/echo-api-cert.pem",
        "https://s3.amazonaws.com/EcHo.aPi/echo-api-cert.pem",
        "https://s3.amazonaws.com/invalid.path/echo-api-cert.pem",
        "https://s3.amazonaws.com:563/echo.api/echo-api-cert.pem",
        "https://s3.amazonaws.com:notaport/echo.api/echo-api-cert.pem",
        "https://s3.amazonaws.com/echo.api/../x.pem",
        "https://s3.amazonaws.com/echo.api/%2e%2e/x.pem",
        "https://s3.amazonaws.com//echo.api/echo-api-cert.pem",
        "https://s3.amazonaws.com/echo.api",
        "https://attacker@s3.amazonaws.com/echo.api/echo-api-cert.pem",
        "https://s3.amazonaws.com/echo.api/echo-api-cert.pem#fragment",
        "ftp://s3.amazonaws.com/echo.api/echo-api-cert.pem",
        "s3.amazonaws.com/echo.api/echo-api-cert.pem",
    ],
)
def test_urls_amazon_would_not_use_are_refused(url: str) -> None:
    with pytest.raises(VerificationFailed):
        normalise_cert_chain_url(url)


def test_the_url_to_fetch_is_quoted() -> None:
    url = "https://s3.amazonaws.com/echo.api/a cert.pem?v=1 2"
    assert normalise_cert_chain_url(url) == (
        "https://s3.amazonaws.com/echo.api/a%20cert.pem?v=1%202"
    )
