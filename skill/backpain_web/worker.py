"""gunicorn's gevent worker with deadlines: a slow or lying client holds a socket, not the door.

A sync worker gives each connection a whole process until the request has arrived; two clients
sending a header line a second starve it. Here each connection is a greenlet (cheap, bounded per
worker by `max_connections`), and every phase that waits on the client has one deadline for the
whole phase, not per socket read: the TLS handshake and the request head within
`header_timeout`, the body within `body_timeout`. A client that misses one is disconnected (the
head) or answered 408 and disconnected (the body). A connection that arrives when all
`max_connections` are taken is answered 503 and closed at once, never queued behind idle ones.
"""

from __future__ import annotations

import contextlib
import io
import resource
import ssl
from collections.abc import Callable, Iterable
from typing import Any, ClassVar

import gevent
from gunicorn.workers.ggevent import GeventWorker

from backpain_web.settings import ServeLimits

# gevent's pool holds max_connections plus this many: room for the greenlets that turn
# connections away, which take microseconds each, so a flood never stops the worker accepting.
TURN_AWAY_SLOTS = 64
_TURN_AWAY_SECONDS = 0.5
# Beyond its connections a worker holds the listening socket, logs, pipes and up to 4 fetches.
_OTHER_FILES = 64
_BUSY_BODY = b'{"error": "Service Unavailable"}'
_BUSY = (
    b"HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json;charset=UTF-8\r\n"
    b"Content-Length: %d\r\nRetry-After: 1\r\nConnection: close\r\n\r\n%s"
    % (len(_BUSY_BODY), _BUSY_BODY)
)

StartResponse = Callable[..., Any]
WsgiApp = Callable[[dict[str, Any], StartResponse], Iterable[bytes]]


class DeadlineWorker(GeventWorker):
    """The gevent worker, with deadlines on the handshake, the request head and the body.

    `limits` and `tls` are class attributes because gunicorn builds workers from a class: the
    server makes a subclass carrying them before it forks (see `worker_class`).
    """

    limits: ClassVar[ServeLimits] = ServeLimits()
    tls: ClassVar[tuple[str, str] | None] = None
    """(certfile, keyfile) when the worker terminates TLS itself."""

    _tls_context: ssl.SSLContext | None = None
    _open_connections: int = 0

    def load_wsgi(self) -> None:
        # gunicorn has patched the standard library for gevent by now, so this runs after it.
        super().load_wsgi()
        allow_open_files(self.limits.max_connections + TURN_AWAY_SLOTS + _OTHER_FILES, self.log)
        self.wsgi: WsgiApp = BufferedBody(self.wsgi, self.limits)
        if self.tls is not None:
            # Built after gevent's patching, once per worker.
            context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
            context.load_cert_chain(*self.tls)
            self._tls_context = context

    def timeout_ctx(self) -> gevent.Timeout:
        # gunicorn reads each request head inside this: one deadline for the whole head.
        return gevent.Timeout(self.limits.header_timeout, False)

    def handle(self, listener: Any, client: Any, addr: Any) -> None:
        # Greenlets share one thread: the count needs no lock.
        if self._open_connections >= self.limits.max_connections:
            self._turn_away(client)
            return
        self._open_connections += 1
        try:
            self._handle(listener, client, addr)
        finally:
            self._open_connections -= 1

    def _turn_away(self, client: Any) -> None:
        """All slots are taken: answer 503 and close now, rather than leave the connection
        waiting in the listen queue behind idle ones (with TLS, just close: no handshake)."""
        with contextlib.suppress(OSError), gevent.Timeout(_TURN_AWAY_SECONDS, False):
            if self._tls_context is None:
                client.sendall(_BUSY)
        with contextlib.suppress(OSError):
            client.close()

    def _handle(self, listener: Any, client: Any, addr: Any) -> None:
        # TLS is done here rather than by gunicorn, whose handshake has no deadline at all.
        if self._tls_context is not None:
            try:
                with gevent.Timeout(self.limits.header_timeout):
                    client = self._tls_context.wrap_socket(
                        client, server_side=True, do_handshake_on_connect=False
                    )
                    client.do_handshake()
            except (gevent.Timeout, OSError):
                client.close()
                return
        super().handle(listener, client, addr)


def allow_open_files(needed: int, log: Any) -> None:
    """Raise this process's open-file limit towards `needed` (each connection is one file).

    Many systems start processes with a soft limit of 1024 and a far higher hard one; past the
    soft limit accept() fails and connections queue in the kernel, the very wait the connection
    cap is there to prevent. A hard limit below `needed` is the operator's to raise: say so."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft != resource.RLIM_INFINITY and soft < needed:
        wanted = needed if hard == resource.RLIM_INFINITY else min(needed, hard)
        with contextlib.suppress(ValueError, OSError):
            resource.setrlimit(resource.RLIMIT_NOFILE, (wanted, hard))
            soft = wanted
    if soft != resource.RLIM_INFINITY and soft < needed:
        log.warning(
            "open-file limit %d is below the %d that --max-connections needs: lower "
            "--max-connections or raise ulimit -n", soft, needed)


def worker_class(limits: ServeLimits, tls: tuple[str, str] | None) -> type[DeadlineWorker]:
    """A DeadlineWorker subclass carrying these limits (workers inherit it through the fork)."""
    return type("BackPainWorker", (DeadlineWorker,), {"limits": limits, "tls": tls})


class BufferedBody:
    """WSGI middleware: reads the whole body under one deadline before the app sees it.

    The app then reads from memory, so a body that trickles in or never arrives (a lying
    Content-Length) costs a greenlet for `body_timeout` seconds and ends in 408, never a 500.
    """

    def __init__(self, app: WsgiApp, limits: ServeLimits) -> None:
        self.app = app
        self.limits = limits

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        limit = self.limits.max_body_bytes
        declared = environ.get("CONTENT_LENGTH") or ""
        if declared.isdigit() and int(declared) > limit:
            return _refuse(start_response, "413 Request Entity Too Large")
        stream = environ["wsgi.input"]
        chunks: list[bytes] = []
        size = 0
        arrived = False
        with gevent.Timeout(self.limits.body_timeout, False):
            while size <= limit:
                chunk = stream.read(min(65536, limit + 1 - size))
                if not chunk:
                    arrived = True
                    break
                chunks.append(chunk)
                size += len(chunk)
        if size > limit:
            return _refuse(start_response, "413 Request Entity Too Large")
        if not arrived:
            return _refuse(start_response, "408 Request Timeout")
        body = b"".join(chunks)
        environ["wsgi.input"] = io.BytesIO(body)
        environ["CONTENT_LENGTH"] = str(len(body))
        environ.pop("HTTP_TRANSFER_ENCODING", None)
        environ["wsgi.input_terminated"] = True
        return self.app(environ, start_response)


def _refuse(start_response: StartResponse, status: str) -> list[bytes]:
    reason = status.split(" ", 1)[1]
    body = b'{"error": "%s"}' % reason.encode()
    # Closing: the rest of the request may still be on its way, and nothing waits for it.
    _close_when_sent(start_response)
    start_response(
        status,
        [
            ("Content-Type", "application/json;charset=UTF-8"),
            ("Content-Length", str(len(body))),
            ("Connection", "close"),
        ],
    )
    return [body]


def _close_when_sent(start_response: StartResponse) -> None:
    """Make gunicorn close the connection once this response is written.

    gunicorn drops an app's Connection header (it is hop-by-hop) and keeps the connection open;
    its next read then drains the rest of the promised body under the head deadline, so a 408
    held its socket for both deadlines. start_response is a method of gunicorn's response,
    which can be told to close; anything else (a test server) is left as it is."""
    force_close = getattr(getattr(start_response, "__self__", None), "force_close", None)
    if callable(force_close):
        force_close()
