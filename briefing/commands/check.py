"""``briefing check``: list what is wrong with an article or project, like a linter."""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING, TextIO

from ..documents import open_with_source
from . import EXIT_FINDINGS, EXIT_OK

if TYPE_CHECKING:
    from ..checks import Finding


def register(commands: argparse._SubParsersAction) -> None:
    """Add the ``check`` subcommand."""
    parser = commands.add_parser(
        "check",
        help="list the problems in an article or .briefing file",
        description="Run every check on an article (.txt, .md) or a .briefing project and print the "
        "findings, one a line: FILE:SECTION/BLOCK: SEVERITY RULE MESSAGE. Exit code 1 when any finding is "
        "an error, 0 when none is, 2 when the file cannot be read. The rule ids are in docs/checks.md.",
    )
    parser.add_argument("file", metavar="FILE", help="an article (.txt, .md) or a .briefing project")
    parser.add_argument("--json", action="store_true", help='print {"findings": [...]} instead')
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Print the findings; exit 1 if any is an error."""
    briefing, source = open_with_source(args.file)
    from ..checks import count_severities, run_checks  # loaded only when checking

    findings = run_checks(briefing, source)
    if args.json:
        data = {
            "file": str(args.file),
            "findings": [finding.as_dict() for finding in findings],
            "counts": count_severities(findings),
        }
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    else:
        print_findings(str(args.file), findings, sys.stdout)
    return EXIT_FINDINGS if any(f.severity == "error" for f in findings) else EXIT_OK


def print_findings(name: str, findings: list[Finding], out: TextIO) -> None:
    """Linter lines, then a one-line count."""
    for finding in findings:
        where = f"{name}:{finding.target.path}" if finding.target.path else name
        out.write(f"{where}: {finding.severity} {finding.rule} {finding.message}\n")
    from ..checks import describe_findings

    out.write(f"{name}: {describe_findings(findings)}\n")
