"""Reads the web door's settings from environment variables, which gunicorn workers inherit."""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from skill.web.certificate_chains import (
    CertificateChains,
    ChainFetcher,
    HttpsChainFetcher,
    load_trust_store,
)
from skill.web.errors import VerificationFailed
from skill.web.settings import SKILL_ID_ENV as SKILL_ID_ENV
from skill.web.settings import configured_skill_id as configured_skill_id
from skill.web.verification import RequestVerifier

# Test-only: a PEM file of roots to trust instead of certifi's bundle.
TEST_TRUST_BUNDLE_ENV = "BACKPAIN_TEST_TRUST_BUNDLE"
# Test-only: a JSON file mapping certificate-chain URLs to local PEM files, instead of fetching.
TEST_CERT_CHAINS_ENV = "BACKPAIN_TEST_CERT_CHAINS"
# Test-only: HOST:PORT of an HTTPS server standing in for s3.amazonaws.com; its certificate must
# name s3.amazonaws.com and lead to a root in the test trust bundle.
TEST_S3_ADDRESS_ENV = "BACKPAIN_TEST_S3_ADDRESS"

log = logging.getLogger("skill.web")


@dataclass(frozen=True)
class LocalChainFetcher:
    """Serves certificate chains from local files by URL: how tests stand in for Amazon's S3."""

    files: Mapping[str, Path]

    @classmethod
    def from_index(cls, index_path: Path) -> LocalChainFetcher:
        index = json.loads(index_path.read_text(encoding="utf-8"))
        return cls({url: Path(path) for url, path in index.items()})

    def __call__(self, url: str) -> bytes:
        path = self.files.get(url)
        if path is None:
            raise VerificationFailed("certificate chain could not be fetched")
        return path.read_bytes()


def verifier_from_environment(environ: Mapping[str, str] = os.environ) -> RequestVerifier:
    """The production verifier (certifi roots, HTTPS fetches) unless test-only variables are set."""
    bundle = environ.get(TEST_TRUST_BUNDLE_ENV)
    index = environ.get(TEST_CERT_CHAINS_ENV)
    s3_address = environ.get(TEST_S3_ADDRESS_ENV)
    if bundle:
        log.warning("TEST ONLY: trusting roots from %s instead of certifi", TEST_TRUST_BUNDLE_ENV)
    if index:
        log.warning("TEST ONLY: certificate chains come from %s, not Amazon", TEST_CERT_CHAINS_ENV)
    fetcher: ChainFetcher | None = None
    if index:
        fetcher = LocalChainFetcher.from_index(Path(index))
    elif s3_address:
        log.warning("TEST ONLY: certificate chains are fetched from %s", TEST_S3_ADDRESS_ENV)
        host, _, port = s3_address.rpartition(":")
        fetcher = HttpsChainFetcher(cafile=bundle or None, connect_to=(host, int(port)))
    chains = CertificateChains(trust_store=load_trust_store(bundle or None), fetcher=fetcher)
    return RequestVerifier(chains)
