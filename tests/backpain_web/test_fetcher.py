"""The HTTPS certificate fetcher against a real TLS server on loopback standing in for S3."""

from __future__ import annotations

import shutil
import socket
import ssl
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from backpain_tools.amazon_standins.certificate_authority import self_signed_server_certificate
from backpain_tools.amazon_standins.s3 import QuietHandler, https_server
from backpain_web.certificate_chains import HttpsChainFetcher
from backpain_web.errors import VerificationFailed

CHAIN = b"-----BEGIN CERTIFICATE-----\nnot checked here\n-----END CERTIFICATE-----\n"


class _Bucket(QuietHandler):
    def do_GET(self) -> None:
        if self.path == "/echo.api/chain.pem":
            self.send_body(200, CHAIN)
        elif self.path == "/echo.api/huge.pem":
            self.send_body(200, b"x" * 200_000)
        elif self.path == "/echo.api/drip.pem":
            self._drip()
        elif self.path == "/echo.api/truncated.pem":
            self.send_response(200)
            self.send_header("Content-Length", "100")
            self.end_headers()
            self.wfile.write(CHAIN[:10])
        elif self.path == "/echo.api/unsized.pem":
            self.send_response(200)
            self.end_headers()
            self.wfile.write(CHAIN)
        elif self.path == "/echo.api/moved.pem":
            self.send_response(302)
            self.send_header("Location", "/echo.api/chain.pem")
            self.send_header("Content-Length", "0")
            self.end_headers()
        else:
            self.send_body(404, b"missing")

    def _drip(self) -> None:
        # A byte every 0.2 s: every single read succeeds, only the whole takes too long.
        self.send_response(200)
        self.send_header("Content-Length", str(len(CHAIN)))
        self.end_headers()
        for byte in CHAIN[:50]:
            try:
                self.wfile.write(bytes([byte]))
                self.wfile.flush()
            except OSError:
                return
            time.sleep(0.2)



@pytest.fixture(scope="module")
def bucket(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    certfile, keyfile = self_signed_server_certificate(tmp_path_factory.mktemp("bucket"))
    with https_server(_Bucket, certfile, keyfile) as port:
        yield f"https://127.0.0.1:{port}", certfile


def test_a_chain_is_downloaded(bucket: tuple[str, Path]) -> None:
    base, roots = bucket
    assert HttpsChainFetcher(cafile=str(roots))(f"{base}/echo.api/chain.pem") == CHAIN


@pytest.mark.parametrize(
    "path",
    [
        "/echo.api/huge.pem",
        "/echo.api/moved.pem",
        "/echo.api/gone",
        "/echo.api/truncated.pem",  # Content-Length 100, 10 bytes sent: a failure, not a chain
        "/echo.api/unsized.pem",  # no length: a cut-short body could not be told apart
    ],
)
def test_too_big_redirected_or_missing_is_refused(bucket: tuple[str, Path], path: str) -> None:
    base, roots = bucket
    with pytest.raises(VerificationFailed):
        HttpsChainFetcher(cafile=str(roots))(f"{base}{path}")


def test_a_server_not_trusted_by_the_roots_is_refused(bucket: tuple[str, Path]) -> None:
    base, _ = bucket
    with pytest.raises(VerificationFailed):
        HttpsChainFetcher()(f"{base}/echo.api/chain.pem")  # certifi does not know our server


def test_a_server_that_never_answers_is_given_up_on(tmp_path: Path) -> None:
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(1)
        port = silent.getsockname()[1]
        with pytest.raises(VerificationFailed):
            HttpsChainFetcher(timeout=0.5)(f"https://127.0.0.1:{port}/echo.api/chain.pem")


def test_nobody_listening_is_refused() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(VerificationFailed):
        HttpsChainFetcher(timeout=2)(f"https://127.0.0.1:{port}/echo.api/chain.pem")


def test_a_server_dripping_bytes_is_given_up_on_at_one_deadline(bucket: tuple[str, Path]) -> None:
    base, roots = bucket
    started = time.monotonic()
    with pytest.raises(VerificationFailed) as refused:
        HttpsChainFetcher(timeout=1.0, cafile=str(roots))(f"{base}/echo.api/drip.pem")
    # Per-read timeouts would wait 10 s (50 bytes at 0.2 s each): the deadline is for the whole.
    assert time.monotonic() - started < 3
    assert refused.value.detail == "deadline passed"


def test_one_tls_context_serves_every_fetch(
    bucket: tuple[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    base, roots = bucket
    own_roots = tmp_path / "roots.pem"  # a roots file no other test has used yet
    shutil.copy(roots, own_roots)
    built: list[ssl.SSLContext] = []
    original = ssl.create_default_context

    def counting(*args: object, **kwargs: object) -> ssl.SSLContext:
        context = original(*args, **kwargs)  # type: ignore[arg-type]
        built.append(context)
        return context

    monkeypatch.setattr(ssl, "create_default_context", counting)
    fetch = HttpsChainFetcher(cafile=str(own_roots))
    for _ in range(3):
        assert fetch(f"{base}/echo.api/chain.pem") == CHAIN
    assert len(built) == 1
