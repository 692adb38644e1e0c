"""`console`: serve the test console page on this computer and print its address."""

from __future__ import annotations

import argparse
import logging
import socket
import sys
from typing import TYPE_CHECKING

from echo_sim.commands.failures import run_command
from echo_sim.commands.options import CommandParser, is_loopback
from echo_sim.device import load_matcher, locale_of, model_path
from echo_sim.errors import CommandError
from echo_sim.skill_project import SkillProject

if TYPE_CHECKING:
    from flask import Flask

    from echo_sim.browser import ConsoleSession

DEFAULT_PORT = 8765


def parser(project: SkillProject) -> argparse.ArgumentParser:
    parse = CommandParser(
        prog=f"{project.command} console",
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
        help=f"interaction model (ASK CLI JSON); default {project.name}'s",
    )
    parse.add_argument(
        "--skill",
        metavar="MODULE:NAME",
        help="talk to another Python skill (a CustomSkill, a function building one, or a "
        f"Lambda handler); default {project.name}",
    )
    return parse


def main(project: SkillProject, command: str, argv: list[str]) -> int:
    args = parser(project).parse_args(argv)
    return run_command(f"{project.command} {command}", lambda: serve_console(project, args))


def serve_console(project: SkillProject, args: argparse.Namespace) -> int:
    if not 0 <= args.port <= 65535:
        raise CommandError("--port must be between 0 and 65535")
    # Imported here so that `--help` and bad command lines stay fast.
    from werkzeug.serving import make_server

    host = args.host.strip("[]")
    loopback = is_loopback(host)
    app, console = build(project, args, loopback)
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
        f"{project.name} test console (a local test page, not the skill's endpoint):\n"
        f"  http://{shown_host}:{server.port}/\n"
        "Open it in a browser on this computer. Ctrl-C stops it.",
        flush=True,
    )
    try:
        server.serve_forever()
    except KeyboardInterrupt:  # Ctrl-C is how the console is meant to stop
        print(f"{project.command} console: stopped", file=sys.stderr)
    finally:
        console.changes.close()  # open tabs' event streams end, and say they are behind
        server.server_close()
        console.end_session()
    return 0


def build(
    project: SkillProject, args: argparse.Namespace, loopback: bool
) -> tuple[Flask, ConsoleSession]:
    """The Flask app and its console session for these options."""
    from echo_sim.browser import ConsoleSession, Hearing, RawRequests, create_app
    from echo_sim.commands.device_options import device_parts
    from echo_sim.device import VirtualEcho
    from echo_sim.voice import DesktopVoice

    responder, matcher = device_parts(project, args.model, args.skill)
    model = model_path(project, args.model)
    locale = locale_of(model)
    varied = project.varied_lines if project.varied_lines and not args.skill else None
    console = ConsoleSession(
        lambda profile: VirtualEcho(responder, matcher, profile=profile, locale=locale),
        # The model the matcher was built from (cached per file: no second read).
        raw=RawRequests(responder, load_matcher(model).model, locale),
        voice=None if args.mute else (lambda: DesktopVoice(speak=False, locale=locale)),
        hearing=Hearing.for_model(model),
        # The project's lines that have several phrasings: a saved transcript expects none.
        varied_lines=list(varied(locale)) if varied else [],
        profile=args.device,
    )
    return create_app(console, loopback_only=loopback), console
