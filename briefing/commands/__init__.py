"""The ``briefing`` subcommands, one module each; every module has ``register(subparsers)``.

A command's ``run(args)`` returns the exit code: 0 success, 1 the command found problems (error-severity
findings), 2 bad input. A :class:`~briefing.errors.BriefingError` it raises becomes a one-line message
and exit code 2 in :func:`briefing.cli.main`.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterable
from pathlib import Path

from ..atomic import refuse_read_only, refuse_same_file

EXIT_OK, EXIT_FINDINGS, EXIT_BAD_INPUT = 0, 1, 2


def add_force(parser: argparse.ArgumentParser) -> None:
    """The ``--force`` flag of a command that writes files."""
    parser.add_argument("--force", action="store_true", help="replace an output file even if it is read-only")


def check_output(output: str | Path, protected: Iterable[tuple[str, str | Path | None]], force: bool) -> Path:
    """Refuse, before any work, an output that is a file the command reads, or read-only without
    ``--force``; returns the output as a path. Nothing has been written when this raises."""
    path = Path(output)
    refuse_same_file(path, protected)
    if not force:
        refuse_read_only(path, "--force replaces it")
    return path
