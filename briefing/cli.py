"""The ``briefing`` command: work with articles and briefings from a terminal or a script.

Each subcommand lives in its own module under :mod:`briefing.commands`.
Exit codes: 0 success, 1 error-severity findings, 2 bad input or usage.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from . import __version__
from .commands import EXIT_BAD_INPUT, EXIT_OK, check, convert, fix, parse
from .errors import BriefingError

#: The subcommand modules, in the order ``--help`` lists them.
COMMANDS = [parse, check, fix, convert]


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every subcommand."""
    parser = argparse.ArgumentParser(
        prog="briefing",
        description="Turn a messy article into a clean briefing: parse, check, fix and export.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for module in COMMANDS:
        module.register(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code instead of raising."""
    args = build_parser().parse_args(argv)
    for stream in (sys.stdout, sys.stderr):
        # A terminal or redirect that cannot hold a character must not crash the command.
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    try:
        return args.run(args)
    except BriefingError as exc:
        print(f"briefing: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
