"""Reads the web door's settings from environment variables, which gunicorn workers inherit."""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from skill.web.certificate_chains import CertificateChains, load_trust_store
from skill.web.errors import VerificationFailed
from skill.web.verification import RequestVerifier

SKILL_ID_ENV = "BACKPAIN_SKILL_ID"
# Test-only: a PEM file of roots to trust instead of certifi's bundle.
TEST_TRUST_BUNDLE_ENV = "BACKPAIN_TEST_TRUST_BUNDLE"
# Test-only: a JSON file mapping certificate-chain URLs to local PEM files, instead of fetching.
TEST_CERT_CHAINS_ENV = "BACKPAIN_TEST_CERT_CHAINS"

log = logging.getLogger("skill.web")


def configured_skill_id(environ: Mapping[str, str] = os.environ) -> str | None:
    return environ.get(SKILL_ID_ENV, "").strip() or None


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
    if bundle:
        log.warning("TEST ONLY: trusting roots from %s instead of certifi", TEST_TRUST_BUNDLE_ENV)
    if index:
        log.warning("TEST ONLY: certificate chains come from %s, not Amazon", TEST_CERT_CHAINS_ENV)
    chains = CertificateChains(
        trust_store=load_trust_store(bundle or None),
        fetcher=LocalChainFetcher.from_index(Path(index)) if index else None,
    )
    return RequestVerifier(chains)
