"""`backpain serve`: serve the skill over HTTP(S) with gunicorn, or Flask's server with --dev."""

from __future__ import annotations

import argparse
import ipaddress
import logging
import sys

LOOPBACK_NAMES = ("localhost",)
GUNICORN_PORT = 8000
DEV_PORT = 5000  # Flask's usual port


def is_loopback(host: str) -> bool:
    if host.lower() in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def parser(command: str) -> argparse.ArgumentParser:
    parse = argparse.ArgumentParser(
        prog=f"backpain {command}",
        description=(
            "Serve Back Pain Guide as a self-hosted Alexa endpoint. Production mode runs gunicorn "
            "with Alexa request verification on; put it behind a TLS proxy on port 443 or give "
            "--certfile/--keyfile. See docs/web.md."
        ),
    )
    parse.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    parse.add_argument(
        "--port",
        type=int,
        help=f"port to bind; 0 picks a free one (default {GUNICORN_PORT}, {DEV_PORT} with --dev)",
    )
    parse.add_argument(
        "--workers", type=int, default=2, help="gunicorn worker processes (default 2)"
    )
    parse.add_argument("--certfile", help="TLS certificate (PEM) for gunicorn to present")
    parse.add_argument("--keyfile", help="private key (PEM) for --certfile")
    parse.add_argument(
        "--dev",
        action="store_true",
        help="Flask's server, verification OFF, loopback only: for local testing",
    )
    return parse


def main(command: str, argv: list[str]) -> int:
    parse = parser(command)
    args = parse.parse_args(argv)
    if bool(args.certfile) != bool(args.keyfile):
        parse.error("--certfile and --keyfile go together")
    if args.port is None:
        args.port = DEV_PORT if args.dev else GUNICORN_PORT
    if not 0 <= args.port <= 65535:
        parse.error("--port must be between 0 and 65535")
    if args.workers < 1:
        parse.error("--workers must be at least 1")
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
    from skill.web.server import Listen, run_dev, run_gunicorn

    listen = Listen(args.host.strip("[]"), args.port, args.certfile, args.keyfile)
    if args.dev:
        return run_dev(listen)
    return run_gunicorn(listen, args.workers)
