"""The real web door trusting the certificate-authority stand-in, for servers in subprocesses
(tests and benchmarks).

What to trust reaches the server as a file named on its command line, never as an environment
variable: `python -m backpain_tools.amazon_standins.trust_store TRUST_FILE [backpain serve options]`
runs `backpain serve` itself, with every worker's app built by the production `create_app`,
given these roots and this fetcher.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from ask_sdk_core.skill import CustomSkill
from cryptography import x509
from cryptography.x509.verification import Store
from flask import Flask

from backpain_tools.amazon_standins.certificate_authority import TEST_CERT_CHAIN_URL, FakeAmazonPki
from backpain_tools.amazon_standins.s3 import FakeS3
from backpain_tools.serve import main as serve_main
from backpain_web import create_app
from backpain_web.certificate_chains import ChainFetcher, HttpsChainFetcher


@dataclass(frozen=True)
class ServedTrust:
    """The roots a served door trusts, and where its certificate chains come from."""

    roots: Path
    """A PEM file: the roots that signing chains (and an HTTPS stand-in for S3) lead to."""
    chains: Mapping[str, str] = field(default_factory=dict)
    """Certificate-chain URL -> PEM, handed out from memory, when there is no `s3_address`."""
    s3_address: tuple[str, int] | None = None
    """Fetch chains for real, over HTTPS from this stand-in for s3.amazonaws.com."""

    def write(self, path: Path) -> Path:
        document = {
            "roots": str(self.roots),
            "chains": dict(self.chains),
            "s3_address": list(self.s3_address) if self.s3_address else None,
        }
        path.write_text(json.dumps(document, indent=2), encoding="utf-8")
        return path

    @classmethod
    def read(cls, path: Path) -> ServedTrust:
        document = json.loads(path.read_text(encoding="utf-8"))
        address = document["s3_address"]
        return cls(Path(document["roots"]), document["chains"], tuple(address) if address else None)

    def fetcher(self) -> ChainFetcher:
        if self.s3_address is not None:
            return HttpsChainFetcher(cafile=str(self.roots), connect_to=self.s3_address)
        return FakeS3({url: pem.encode("ascii") for url, pem in self.chains.items()})

    def create_app(
        self, skill: CustomSkill | None = None, *, verify: bool = True, skill_id: str | None = None
    ) -> Flask:
        """The production door, trusting these roots and fetching with `fetcher()`."""
        store = Store(x509.load_pem_x509_certificates(self.roots.read_bytes()))
        return create_app(
            skill, verify=verify, trust_store=store, fetcher=self.fetcher(), skill_id=skill_id
        )


def trust_file(directory: Path, pki: FakeAmazonPki, s3_address: tuple[str, int] | None = None,
               extra_roots: bytes = b"") -> Path:
    """Write what a served door needs to trust `pki` (its chain at TEST_CERT_CHAIN_URL) under
    `directory`; `extra_roots` adds roots (an HTTPS stand-in for S3's certificate, say)."""
    directory.mkdir(parents=True, exist_ok=True)
    roots = directory / "trusted-roots.pem"
    roots.write_bytes(pki.root.pem + extra_roots)
    chains = {TEST_CERT_CHAIN_URL: pki.chain_pem.decode("ascii")}
    return ServedTrust(roots, chains, s3_address).write(directory / "trust.json")


def main(argv: list[str]) -> int:
    if not argv:
        print(
            "usage: python -m backpain_tools.amazon_standins.trust_store TRUST_FILE"
            " [serve options]",
            file=sys.stderr,
        )
        return 2
    trust = ServedTrust.read(Path(argv[0]))
    return serve_main("serve", argv[1:], app_factory=trust.create_app)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
