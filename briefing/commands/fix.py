"""``briefing fix``: apply the safe fixes (or the named rules') and save a project with its change log."""

from __future__ import annotations

import argparse
import sys

from .. import project
from ..checks.rules import RULES
from ..documents import open_with_source
from . import EXIT_FINDINGS, EXIT_OK, add_force, check_output


def register(commands: argparse._SubParsersAction) -> None:
    """Add the ``fix`` subcommand."""
    parser = commands.add_parser(
        "fix",
        help="apply safe fixes and save a .briefing project with its change log",
        description="Apply every safe fix (one that cannot lose information) to an article or project and "
        "save the result as a .briefing project whose change log lists each correction. With --rule, apply "
        "the fixes of those rules only, including fixes that need judgement; with --all, the first fix of "
        "every finding. Exit code 1 when error findings remain, 0 when none do, 2 on bad input.",
    )
    parser.add_argument(
        "file", metavar="FILE", help="an article (.txt, .md, .html, .docx, .pdf) or a .briefing project"
    )
    parser.add_argument(
        "-o", "--output", metavar="OUT.briefing", required=True, help="the project to write (not FILE)"
    )
    parser.add_argument(
        "--rule",
        metavar="ID",
        action="append",
        choices=sorted(RULES),
        help="apply this rule's fixes (repeatable); see docs/checks.md for the ids",
    )
    parser.add_argument(
        "--all", action="store_true", help="apply the first fix of every finding, safe or not"
    )
    parser.add_argument(
        "--recipe",
        metavar="LOG.json",
        help="replay a saved corrections log (from the editor's Corrections ▸ Save Log) instead of the "
        "safe fixes; prints what applied and what did not",
    )
    add_force(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Fix, save, and say what changed on stderr."""
    from ..checks import apply_safe_fixes, describe_changes, describe_findings, run_checks

    output = check_output(
        args.output, [("the input", args.file), ("the corrections log", args.recipe)], args.force
    )
    briefing, source = open_with_source(args.file)
    if args.recipe:
        from ..checks.recipes import apply_recipe, load_recipe

        report = apply_recipe(briefing, load_recipe(args.recipe), source)
        for operation, why in report.skipped:
            print(f"briefing: did not apply: {operation.note or operation.rule} — {why}", file=sys.stderr)
        changes = [change for _, change in report.applied]
    else:
        rules = list(RULES) if args.all else args.rule
        changes = apply_safe_fixes(briefing, rules, source=source)
    project.save(briefing, output)
    remaining = run_checks(briefing, source)
    print(f"briefing: {describe_changes(changes)}; {describe_findings(remaining)} left", file=sys.stderr)
    return EXIT_FINDINGS if any(f.severity == "error" for f in remaining) else EXIT_OK
