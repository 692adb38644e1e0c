"""Each of Amazon's request-verification rules, broken one at a time, is an HTTP 400."""

from __future__ import annotations

import base64
import json
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.rsa import RSAPublicKey

from backpain_tools.amazon_standins.certificate_authority import (
    TEST_CERT_CHAIN_URL,
    FakeAmazonPki,
    chain_pem,
)
from backpain_tools.amazon_standins.s3 import FakeS3
from backpain_web.certificate_chains import FAILED_URL_SECONDS, CertificateChains
from backpain_web.errors import VerificationFailed
from backpain_web.verification import CERT_CHAIN_URL_HEADER, SIGNATURE_HEADER
from echo_sim.device.envelope import EnvelopeFactory, Session

from .conftest import Post, SettableClock

OTHER_URL = "https://s3.amazonaws.com/echo.api/other-cert.pem"
AMAZON_CHAIN = Path(__file__).parent / "fixtures" / "amazon-echo-api-chain.pem"


def assert_refused(response, reason_part: str) -> None:
    assert response.status_code == 400
    assert response.is_json
    assert reason_part in response.get_json()["reason"]


def test_a_correctly_signed_request_is_answered_by_the_skill(
    post_signed: Post, envelopes: EnvelopeFactory, session: Session
) -> None:
    response = post_signed(envelopes.launch(session))
    assert response.status_code == 200
    assert "LaunchRequest" in response.get_json()["response"]["outputSpeech"]["ssml"]


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("http://s3.amazonaws.com/echo.api/echo-api-cert-test.pem", "not https"),
        ("https://notamazon.com/echo.api/echo-api-cert-test.pem", "host"),
        ("https://s3.amazonaws.com:563/echo.api/echo-api-cert-test.pem", "port"),
        ("https://s3.amazonaws.com/echo.api/../echo-api-cert-test.pem", "/echo.api/"),
        ("https://s3.amazonaws.com/EcHo.aPi/echo-api-cert-test.pem", "/echo.api/"),
    ],
)
def test_a_certificate_url_amazon_would_not_use_is_refused_before_fetching(
    post_signed: Post,
    envelopes: EnvelopeFactory,
    session: Session,
    s3: FakeS3,
    url: str,
    reason: str,
) -> None:
    s3.chains[url] = s3.chains[TEST_CERT_CHAIN_URL]
    assert_refused(post_signed(envelopes.launch(session), SignatureCertChainUrl=url), reason)
    assert s3.fetches == []


def test_the_normalised_url_is_fetched_when_the_path_only_looks_odd(
    post_signed: Post, envelopes: EnvelopeFactory, session: Session, s3: FakeS3
) -> None:
    odd = "https://S3.amazonaws.com:443/echo.api/../echo.api/echo-api-cert-test.pem"
    assert post_signed(envelopes.launch(session), SignatureCertChainUrl=odd).status_code == 200
    assert s3.fetches == [TEST_CERT_CHAIN_URL]


@pytest.mark.parametrize(
    ("not_before", "not_after", "dns_names"),
    [
        pytest.param(-10, 10, ["alexa.example.com"], id="wrong-san"),
        pytest.param(-10, 10, [], id="no-san"),
        pytest.param(-10, -1, ["echo-api.amazon.com"], id="expired"),
        pytest.param(1, 10, ["echo-api.amazon.com"], id="not-yet-valid"),
    ],
)
def test_a_signing_certificate_that_is_not_amazons_in_date_is_refused(
    post_signed: Post,
    envelopes: EnvelopeFactory,
    session: Session,
    s3: FakeS3,
    pki: FakeAmazonPki,
    clock: SettableClock,
    not_before: int,
    not_after: int,
    dns_names: list[str],
) -> None:
    s3.chains[OTHER_URL] = pki.reissue(
        not_before=clock.now + timedelta(days=not_before),
        not_after=clock.now + timedelta(days=not_after),
        dns_names=dns_names,
    )
    response = post_signed(envelopes.launch(session), SignatureCertChainUrl=OTHER_URL)
    assert_refused(response, "certificate chain is not valid")


def test_a_chain_to_an_untrusted_root_is_refused(
    post_signed: Post, envelopes: EnvelopeFactory, session: Session, s3: FakeS3
) -> None:
    impostor = FakeAmazonPki.create()
    s3.chains[TEST_CERT_CHAIN_URL] = impostor.chain_pem
    body = json.dumps(envelopes.launch(session)).encode()
    response = post_signed(body, **{SIGNATURE_HEADER: impostor.sign(body)})
    assert_refused(response, "certificate chain is not valid")


def test_a_chain_without_its_intermediate_is_refused(
    post_signed: Post, envelopes: EnvelopeFactory, session: Session, s3: FakeS3, pki: FakeAmazonPki
) -> None:
    s3.chains[TEST_CERT_CHAIN_URL] = chain_pem(pki.signing_certificate)
    assert_refused(post_signed(envelopes.launch(session)), "certificate chain is not valid")


@pytest.mark.parametrize(
    "served",
    [b"", b"not a certificate", b"-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"],
)
def test_a_url_serving_no_certificates_is_refused(
    post_signed: Post,
    envelopes: EnvelopeFactory,
    session: Session,
    s3: FakeS3,
    served: bytes,
) -> None:
    s3.chains[TEST_CERT_CHAIN_URL] = served
    assert_refused(post_signed(envelopes.launch(session)), "certificate chain")


def test_a_certificate_that_cannot_be_fetched_is_refused(
    post_signed: Post, envelopes: EnvelopeFactory, session: Session
) -> None:
    response = post_signed(envelopes.launch(session), SignatureCertChainUrl=OTHER_URL)
    assert_refused(response, "could not be fetched")


@pytest.mark.parametrize(
    ("signature", "reason"),
    [
        ("", "missing Signature-256"),
        ("not base64!", "not base64"),
        (base64.b64encode(b"\x00" * 256).decode(), "does not match"),
        (base64.b64encode(b"short").decode(), "not the length of an RSA signature"),
        ("A" * 5000, "too long"),
    ],
)
def test_a_missing_or_bad_signature_is_refused(
    post_signed: Post,
    envelopes: EnvelopeFactory,
    session: Session,
    signature: str,
    reason: str,
) -> None:
    response = post_signed(envelopes.launch(session), **{SIGNATURE_HEADER: signature})
    assert_refused(response, reason)


def test_a_missing_certificate_url_is_refused(
    post_signed: Post, envelopes: EnvelopeFactory, session: Session
) -> None:
    response = post_signed(envelopes.launch(session), **{CERT_CHAIN_URL_HEADER: ""})
    assert_refused(response, "missing SignatureCertChainUrl")


def test_the_legacy_sha1_signature_header_alone_is_not_enough(
    client, pki: FakeAmazonPki, envelopes: EnvelopeFactory, session: Session
) -> None:
    body = json.dumps(envelopes.launch(session)).encode()
    headers = {CERT_CHAIN_URL_HEADER: TEST_CERT_CHAIN_URL, "Signature": pki.sign(body)}
    assert_refused(client.post("/", data=body, headers=headers), "missing Signature-256")


def test_a_body_altered_after_signing_is_refused(
    client, pki: FakeAmazonPki, envelopes: EnvelopeFactory, session: Session
) -> None:
    envelope = envelopes.launch(session)
    headers = pki.headers(json.dumps(envelope).encode())
    envelope["session"]["attributes"] = {"tampered": True}
    response = client.post("/", data=json.dumps(envelope).encode(), headers=headers)
    assert_refused(response, "signature does not match")


def test_whitespace_added_after_signing_is_refused(
    client, pki: FakeAmazonPki, envelopes: EnvelopeFactory, session: Session
) -> None:
    body = json.dumps(envelopes.launch(session)).encode()
    response = client.post("/", data=body + b"\n", headers=pki.headers(body))
    assert_refused(response, "signature does not match")


@pytest.mark.parametrize("skew_seconds", [-151, 151, -3600, 86400])
def test_a_timestamp_more_than_150_seconds_from_now_is_refused(
    post_signed: Post, session: Session, clock: SettableClock, skew_seconds: int
) -> None:
    sent_at = SettableClock(clock.now + timedelta(seconds=skew_seconds))
    envelope = EnvelopeFactory(clock=sent_at).launch(session)
    assert_refused(post_signed(envelope), "150 seconds")


@pytest.mark.parametrize("skew_seconds", [-150, -30, 0, 30, 150])
def test_a_timestamp_within_150_seconds_is_accepted(
    post_signed: Post, session: Session, clock: SettableClock, skew_seconds: int
) -> None:
    sent_at = SettableClock(clock.now + timedelta(seconds=skew_seconds))
    assert post_signed(EnvelopeFactory(clock=sent_at).launch(session)).status_code == 200


@pytest.mark.parametrize("timestamp", [None, 1700000000, "", "yesterday", "2024-13-45T00:00:00Z"])
def test_a_missing_or_unreadable_timestamp_is_refused(
    post_signed: Post, envelopes: EnvelopeFactory, session: Session, timestamp: object
) -> None:
    envelope = envelopes.launch(session)
    envelope["request"]["timestamp"] = timestamp
    assert_refused(post_signed(envelope), "timestamp")


def test_a_timestamp_with_milliseconds_and_an_offset_is_read(
    post_signed: Post, envelopes: EnvelopeFactory, session: Session, clock: SettableClock
) -> None:
    envelope = envelopes.launch(session)
    envelope["request"]["timestamp"] = (clock.now + timedelta(hours=1)).strftime(
        "%Y-%m-%dT%H:%M:%S.123+01:00"
    )
    assert post_signed(envelope).status_code == 200


class TestCertificateCache:
    def test_a_second_request_does_not_fetch_the_chain_again(
        self, post_signed: Post, envelopes: EnvelopeFactory, session: Session, s3: FakeS3
    ) -> None:
        for _ in range(3):
            assert post_signed(envelopes.launch(session)).status_code == 200
        assert s3.fetches == [TEST_CERT_CHAIN_URL]

    def test_an_expired_cached_chain_is_fetched_again(
        self,
        post_signed: Post,
        envelopes: EnvelopeFactory,
        session: Session,
        s3: FakeS3,
        pki: FakeAmazonPki,
        clock: SettableClock,
    ) -> None:
        s3.chains[TEST_CERT_CHAIN_URL] = pki.reissue(
            not_before=clock.now - timedelta(days=1), not_after=clock.now + timedelta(hours=1)
        )
        assert post_signed(envelopes.launch(session)).status_code == 200
        clock.advance(timedelta(hours=2))
        # Amazon has rotated the certificate at the same URL by now.
        s3.chains[TEST_CERT_CHAIN_URL] = pki.chain_pem
        assert post_signed(envelopes.launch(session)).status_code == 200
        assert s3.fetches == [TEST_CERT_CHAIN_URL, TEST_CERT_CHAIN_URL]

    def test_an_expired_chain_still_served_is_refused_after_the_cache_lapses(
        self,
        post_signed: Post,
        envelopes: EnvelopeFactory,
        session: Session,
        s3: FakeS3,
        pki: FakeAmazonPki,
        clock: SettableClock,
    ) -> None:
        s3.chains[TEST_CERT_CHAIN_URL] = pki.reissue(
            not_before=clock.now - timedelta(days=1), not_after=clock.now + timedelta(hours=1)
        )
        assert post_signed(envelopes.launch(session)).status_code == 200
        clock.advance(timedelta(hours=2))
        assert_refused(post_signed(envelopes.launch(session)), "certificate chain is not valid")

    def test_a_failed_fetch_is_remembered_briefly_then_tried_again(
        self,
        post_signed: Post,
        envelopes: EnvelopeFactory,
        session: Session,
        s3: FakeS3,
        pki: FakeAmazonPki,
        clock: SettableClock,
    ) -> None:
        del s3.chains[TEST_CERT_CHAIN_URL]
        assert post_signed(envelopes.launch(session)).status_code == 400
        s3.chains[TEST_CERT_CHAIN_URL] = pki.chain_pem
        assert post_signed(envelopes.launch(session)).status_code == 400
        assert s3.fetches == [TEST_CERT_CHAIN_URL]
        clock.advance(timedelta(seconds=FAILED_URL_SECONDS + 1))
        assert post_signed(envelopes.launch(session)).status_code == 200
        assert s3.fetches == [TEST_CERT_CHAIN_URL, TEST_CERT_CHAIN_URL]

    def test_concurrent_first_requests_fetch_the_chain_once(
        self, pki: FakeAmazonPki, clock: SettableClock
    ) -> None:
        release = threading.Event()
        s3 = FakeS3({TEST_CERT_CHAIN_URL: pki.chain_pem})

        def slow_s3(url: str, timeout: float | None = None) -> bytes:
            release.wait(timeout=5)
            return s3(url)

        chains = CertificateChains(pki.trust_store, slow_s3, clock)
        keys: list[RSAPublicKey] = []
        threads = [
            threading.Thread(target=lambda: keys.append(chains.signing_key(TEST_CERT_CHAIN_URL)))
            for _ in range(16)
        ]
        for thread in threads:
            thread.start()
        release.set()
        for thread in threads:
            thread.join(timeout=30)
        assert len(keys) == 16
        assert s3.fetches == [TEST_CERT_CHAIN_URL]


def test_amazons_real_signing_chain_validates_against_certifi() -> None:
    # Amazon's published echo-api chain (leaf valid 2026-07-28 to 2027-02-10), checked at a fixed
    # time with the default trust store, so the rules accept what Alexa really sends.
    pem = AMAZON_CHAIN.read_bytes()
    inside = SettableClock(datetime(2026, 10, 1, tzinfo=UTC))
    chains = CertificateChains(fetcher=FakeS3({TEST_CERT_CHAIN_URL: pem}), clock=inside)
    assert isinstance(chains.signing_key(TEST_CERT_CHAIN_URL), RSAPublicKey)

    after = SettableClock(datetime(2027, 3, 1, tzinfo=UTC))
    expired = CertificateChains(fetcher=FakeS3({TEST_CERT_CHAIN_URL: pem}), clock=after)
    with pytest.raises(VerificationFailed):
        expired.signing_key(TEST_CERT_CHAIN_URL)
