"""`backpain serve`: serve the skill over HTTP(S) with gunicorn, or Flask's server with --dev."""

from __future__ import annotations

import argparse
import logging
import ssl
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from backpain_web.nesting import MAX_NESTING
from backpain_web.settings import MAX_BODY_BYTES, SKILL_ID_ENV, ServeLimits, configured_skill_id
from echo_sim.commands import CommandParser, is_loopback, readable_file, whole_number
from echo_sim.errors import CommandError

if TYPE_CHECKING:
    from backpain_web.hosting import AppFactory

GUNICORN_PORT = 8000
DEV_PORT = 5000  # Flask's usual port


def parser(command: str) -> argparse.ArgumentParser:
    limits = ServeLimits()
    parse = CommandParser(
        prog=f"backpain {command}",
        description=(
            "Serve Back Pain Guide as a self-hosted Alexa endpoint. Production mode runs gunicorn "
            "with Alexa request verification on; put it behind a TLS proxy on port 443 or give "
            "--certfile/--keyfile. See docs/web.md."
        ),
        epilog=(
            f"Fixed limits per request: body {MAX_BODY_BYTES // 1024} KiB (413 beyond), request "
            f"line {limits.max_request_line} bytes, {limits.max_header_fields} header fields of "
            f"at most {limits.max_header_field_bytes} bytes each, JSON nested at most "
            f"{MAX_NESTING} deep (400 beyond). A client that misses the head deadline is "
            "disconnected; one that misses the body deadline is answered 408."
        ),
    )
    parse.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    parse.add_argument(
        "--port",
        type=whole_number(0, 65535),
        help=f"port to bind; 0 picks a free one (default {GUNICORN_PORT}, {DEV_PORT} with --dev)",
    )
    parse.add_argument(
        "--workers", type=whole_number(1), default=2, help="gunicorn worker processes (default 2)"
    )
    parse.add_argument(
        "--skill-id",
        help=f"your skill id (amzn1.ask.skill...); requests for any other skill are refused "
        f"(default: ${SKILL_ID_ENV}; production mode needs one of the two, or --any-skill)",
    )
    parse.add_argument(
        "--any-skill",
        action="store_true",
        help="answer signed requests for ANY skill: anyone's skill could use your endpoint",
    )
    parse.add_argument(
        "--header-timeout",
        type=float,
        default=limits.header_timeout,
        metavar="SECONDS",
        help="deadline for the TLS handshake and for each request's head, whole not per read "
        f"(default {limits.header_timeout:g})",
    )
    parse.add_argument(
        "--body-timeout",
        type=float,
        default=limits.body_timeout,
        metavar="SECONDS",
        help=f"deadline for each request's whole body (default {limits.body_timeout:g})",
    )
    parse.add_argument(
        "--max-connections",
        type=whole_number(1),
        default=limits.max_connections,
        metavar="N",
        help=f"open connections per worker; past it a new one is answered 503 at once (default "
        f"{limits.max_connections})",
    )
    parse.add_argument(
        "--certfile", type=readable_file, help="TLS certificate (PEM) for gunicorn to present"
    )
    parse.add_argument("--keyfile", type=readable_file, help="private key (PEM) for --certfile")
    parse.add_argument(
        "--dev",
        action="store_true",
        help="Flask's server, verification OFF, loopback only: for local testing",
    )
    return parse


def main(command: str, argv: list[str], app_factory: AppFactory | None = None) -> int:
    """`backpain serve ARGV`. `app_factory` builds what gunicorn serves; `backpain` never passes
    one, so production serves `create_app` (certifi's roots, Amazon's S3). Tests pass one that
    trusts their own certificate authority, to run everything else here for real."""
    parse = parser(command)
    args = parse.parse_args(argv)
    if bool(args.certfile) != bool(args.keyfile):
        parse.error("--certfile and --keyfile go together")
    if args.port is None:
        args.port = DEV_PORT if args.dev else GUNICORN_PORT
    if not (0 < args.header_timeout <= 300 and 0 < args.body_timeout <= 300):
        parse.error("--header-timeout and --body-timeout must be more than 0 and at most 300")
    if args.any_skill and args.skill_id:
        parse.error("--any-skill and --skill-id contradict each other: give one")
    skill_id = (args.skill_id or "").strip() or configured_skill_id()
    if args.any_skill:
        skill_id = ""
    elif skill_id is None and not args.dev:
        print(
            f"backpain {command}: refusing to start without a skill id: set {SKILL_ID_ENV} or "
            "give --skill-id amzn1.ask.skill..., so that only your skill's requests are "
            "answered (or --any-skill to answer every skill's, on purpose).",
            file=sys.stderr,
        )
        return 2
    if args.dev and not is_loopback(args.host):
        print(
            f"backpain {command}: refusing --dev on {args.host}: the development server does not "
            "verify that requests come from Alexa, so it only listens on this computer "
            "(127.0.0.1, ::1 or localhost). Drop --dev to serve other machines.",
            file=sys.stderr,
        )
        return 2
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    # Imported here so that `backpain serve --help` and argument errors stay fast.
    from backpain_web.app import create_app
    from backpain_web.hosting import Listen, run_dev, run_gunicorn

    certfile, keyfile = _tls_files(args.certfile, args.keyfile)
    listen = Listen(args.host.strip("[]"), args.port, certfile, keyfile)
    if args.dev:
        return run_dev(listen, skill_id)
    if args.any_skill:
        print(
            f"backpain {command}: WARNING: --any-skill: answering signed requests for ANY "
            "skill; another developer's skill can point at this endpoint and use it.",
            file=sys.stderr,
            flush=True,
        )
    limits = ServeLimits(
        header_timeout=args.header_timeout,
        body_timeout=args.body_timeout,
        max_connections=args.max_connections,
    )
    return run_gunicorn(listen, args.workers, limits, skill_id, app_factory or create_app)


def _tls_files(certfile: Path | None, keyfile: Path | None) -> tuple[str | None, str | None]:
    """The certificate and key as paths, once they are known to load together, so a bad pair
    is one line here rather than a traceback from gunicorn's worker start."""
    if certfile is None or keyfile is None:
        return None, None
    try:
        ssl.create_default_context(ssl.Purpose.CLIENT_AUTH).load_cert_chain(certfile, keyfile)
    except (ssl.SSLError, OSError) as error:
        if isinstance(error, ssl.SSLError):
            detail = error.reason or error.strerror or str(error)
            reason = f"they are not a PEM certificate and its private key ({detail})"
        else:
            reason = error.strerror or str(error)
        message = f"cannot use --certfile {certfile} with --keyfile {keyfile}: {reason}"
        raise CommandError(message) from None
    return str(certfile), str(keyfile)
