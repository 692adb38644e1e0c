"""`console`: serve the test console page on this computer and print its address."""

from __future__ import annotations

import argparse
import logging
import socket
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from echo_sim.command_line import CommandError, CommandParser
from echo_sim.target import import_object, project

if TYPE_CHECKING:
    from flask import Flask

    from echo_sim.browser.session import ConsoleSession

DEFAULT_PORT = 8765


def parser() -> argparse.ArgumentParser:
    parse = CommandParser(
        prog=f"{project().command} console",
        description="A local test console in the browser: type or speak to the skill, hear its "
        "replies, see the Echo Show screen, touch its buttons, read every request and response, "
        "save and replay transcripts. It is not the skill's endpoint and needs no account or "
        "network.",
    )
    parse.add_argument(
        "--host",
        default="127.0.0.1",
        help="address to listen on (default 127.0.0.1: this computer only; anything else is "
        "reachable from your network and has no login)",
    )
    parse.add_argument(
        "--port", type=int, default=DEFAULT_PORT, help=f"port (default {DEFAULT_PORT}; 0 picks one)"
    )
    parse.add_argument(
        "--device",
        choices=("voice", "show8", "show10"),
        default="show8",
        help="the device the page starts as (default show8, an Echo Show 8)",
    )
    parse.add_argument("--mute", action="store_true", help="no audio for replies")
    parse.add_argument("--verbose", action="store_true", help="log every request the page makes")
    parse.add_argument(
        "--model",
        metavar="PATH",
        help=f"interaction model (ASK CLI JSON); default {project().name}'s",
    )
    parse.add_argument(
        "--skill",
        metavar="MODULE:NAME",
        help="talk to another Python skill (a CustomSkill, a function building one, or a "
        f"Lambda handler); default {project().name}",
    )
    return parse


def main(command: str, argv: list[str]) -> int:
    args = parser().parse_args(argv)
    try:
        return serve(args)
    except CommandError as error:
        print(f"{project().command} {command}: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(f"{project().command} console: stopped", file=sys.stderr)
        return 0


def serve(args: argparse.Namespace) -> int:
    if not 0 <= args.port <= 65535:
        raise CommandError("--port must be between 0 and 65535")
    # Imported here so that `--help` and bad command lines stay fast.
    from werkzeug.serving import make_server

    from echo_sim.command_line import is_loopback

    host = args.host.strip("[]")
    loopback = is_loopback(host)
    app, console = build(args, loopback)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    if not args.verbose:
        logging.getLogger("werkzeug").setLevel(logging.WARNING)
    # Bound here rather than by werkzeug, which prints its own lines and exits when it can't.
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    listener = socket.socket(family, socket.SOCK_STREAM)
    try:
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind((host, args.port))
        listener.listen(128)
    except (OSError, OverflowError) as error:
        listener.close()
        reason = getattr(error, "strerror", None) or str(error)
        raise CommandError(f"cannot listen on {host}:{args.port}: {reason}") from error
    with listener:
        server = make_server(host, args.port, app, threaded=True, fd=listener.fileno())
    shown_host = f"[{host}]" if ":" in host else host
    if not loopback:
        for line in (
            f"WARNING: the test console is listening on {host}, not only on this computer.",
            "WARNING: anyone who can reach this address can talk to the skill and read every",
            "WARNING: request and response. It has no login. Use --host 127.0.0.1 unless you",
            "WARNING: mean this.",
        ):
            print(line, file=sys.stderr)
    print(
        f"{project().name} test console (a local test page, not the skill's endpoint):\n"
        f"  http://{shown_host}:{server.port}/\n"
        "Open it in a browser on this computer. Ctrl-C stops it.",
        flush=True,
    )
    try:
        server.serve_forever()
    finally:
        console.changes.close()  # open tabs' event streams end, and say they are behind
        server.server_close()
        console.end_session()
    return 0


def build(args: argparse.Namespace, loopback: bool) -> tuple[Flask, ConsoleSession]:
    """The Flask app and its console session for these options."""
    from echo_sim.browser.app import create_app
    from echo_sim.browser.raw_requests import RawRequests
    from echo_sim.browser.session import ConsoleSession
    from echo_sim.browser.spoken_input import Hearing
    from echo_sim.cli import device_parts
    from echo_sim.echo import VirtualEcho
    from echo_sim.target import default_model_path, load_matcher, locale_of
    from echo_sim.voice import DesktopVoice

    responder, matcher = device_parts(args.model, args.skill)
    locale = locale_of(args.model)
    model_path = Path(args.model or default_model_path())
    console = ConsoleSession(
        lambda profile: VirtualEcho(responder, matcher, profile=profile, locale=locale),
        # The model the matcher was built from (cached per file: no second read).
        raw=RawRequests(responder, load_matcher(args.model).model, locale),
        voice=None if args.mute else (lambda: DesktopVoice(speak=False, locale=locale)),
        hearing=Hearing.for_model(model_path),
        varied_lines=() if args.skill else _varied_lines(locale),
        profile=args.device,
    )
    return create_app(console, loopback_only=loopback), console


def _varied_lines(locale: str) -> list[str]:
    """The project's lines that have several phrasings: a saved transcript expects none of them."""
    spec = project().varied_lines
    return list(import_object(spec, "varied_lines", "--skill")(locale)) if spec else []
