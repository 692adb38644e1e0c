"""Amazon's certificate bucket, stood in for: a fetcher in this process, or HTTPS on loopback."""

from __future__ import annotations

import contextlib
import ssl
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

from backpain_tools.amazon_standins.certificate_authority import self_signed_server_certificate
from backpain_web.errors import VerificationFailed

S3_HOST = "s3.amazonaws.com"


@dataclass
class FakeS3:
    """Serves PEM bytes by certificate-chain URL and counts fetches (a `ChainFetcher`)."""

    chains: dict[str, bytes] = field(default_factory=dict)
    fetches: list[str] = field(default_factory=list)
    unknown_delay: float = 0.0
    """Seconds the HTTPS stand-in waits before refusing a URL it does not hold: a slow host."""
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def __call__(self, url: str, timeout: float | None = None) -> bytes:
        with self._lock:
            self.fetches.append(url)
            pem = self.chains.get(url)
        if pem is None:
            raise VerificationFailed("certificate chain could not be fetched")
        return pem

    @contextmanager
    def over_https(self, directory: Path) -> Iterator[tuple[tuple[str, int], Path]]:
        """This bucket as a real HTTPS server on 127.0.0.1 with a certificate naming
        s3.amazonaws.com: yields its address and that certificate (for the client to trust)."""
        certfile, keyfile = self_signed_server_certificate(directory, dns_names=[S3_HOST])
        handler = type("Bucket", (_Bucket,), {"bucket": self})
        with https_server(handler, certfile, keyfile) as port:
            yield ("127.0.0.1", port), certfile


class QuietHandler(BaseHTTPRequestHandler):
    """A request handler that logs nothing and answers whole bodies with their length."""

    def send_body(self, status: int, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


class _Bucket(QuietHandler):
    """A chain the bucket holds, and 403 for anything else (as S3 answers)."""

    bucket: ClassVar[FakeS3]

    def do_GET(self) -> None:
        url = f"https://{S3_HOST}{self.path}"
        if url not in self.bucket.chains:
            time.sleep(self.bucket.unknown_delay)
        try:
            status, body = 200, self.bucket(url)
        except VerificationFailed:
            status, body = 403, b"<Error><Code>AccessDenied</Code></Error>"
        # A slow answer may find the door gone (its fetch deadline passed): not an error here.
        with contextlib.suppress(OSError):
            self.send_body(status, body)


@contextmanager
def https_server(
    handler: type[BaseHTTPRequestHandler], certfile: Path, keyfile: Path
) -> Iterator[int]:
    """`handler` behind TLS on 127.0.0.1 and a free port, in a thread; yields the port."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(certfile, keyfile)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.server_address[1]
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)
