"""``briefing check``: list what is wrong with an article or project, like a linter.

For an article each finding is printed ``FILE:LINE:COL: SEVERITY RULE MESSAGE`` (as ruff, ESLint and gcc
do; lines and columns from 1, columns in characters), so editors and CI jump to it. A project file has
no article lines: its findings are printed ``FILE: SEVERITY RULE MESSAGE — PLACE``, the place in words,
with the article's line and column when the project kept them (see :mod:`briefing.checks.locations`).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, TextIO

from ..documents import is_project, open_with_source
from ..errors import BriefingError
from . import EXIT_FINDINGS, EXIT_OK

if TYPE_CHECKING:
    from ..checks import Finding
    from ..checks.locations import Location
    from ..model import Briefing

FORMATS = ("text", "json", "sarif")


def register(commands: argparse._SubParsersAction) -> None:
    """Add the ``check`` subcommand."""
    parser = commands.add_parser(
        "check",
        help="list the problems in an article or .briefing file",
        description="Run every check on an article (.txt, .md, .html, .docx, .pdf) or a .briefing project "
        "and print the findings, one a line: FILE:LINE:COL: SEVERITY RULE MESSAGE (lines and columns "
        "from 1; for a web page, a Word document or a PDF they count in its extracted text, which "
        "`briefing parse --text` prints). A "
        "project has no article lines: FILE: SEVERITY RULE MESSAGE — PLACE, the place in words. Exit "
        "code 1 when any reported finding is an error, 0 when none is, 2 when the file cannot be read "
        "or a rule is unknown. The rule ids are in docs/checks.md.",
    )
    parser.add_argument(
        "file", metavar="FILE", help="an article (.txt, .md, .html, .docx, .pdf) or a .briefing project"
    )
    parser.add_argument(
        "--format", choices=FORMATS, default="text", help="text (the default), json, or sarif (SARIF 2.1.0)"
    )
    parser.add_argument(
        "--json", dest="format", action="store_const", const="json", help="the same as --format json"
    )
    parser.add_argument(
        "--select",
        metavar="RULE[,RULE…]",
        action="append",
        help="report only these rules; a prefix selects every rule it starts (table. or table); repeatable",
    )
    parser.add_argument(
        "--ignore",
        metavar="RULE[,RULE…]",
        action="append",
        help="leave out these rules (ids or prefixes, as for --select); repeatable",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Print the findings; exit 1 if any reported one is an error."""
    from ..checks.rules import RULES

    wanted = rule_filter(args.select, args.ignore, RULES)  # a bad rule is refused before any work
    briefing, source = open_with_source(args.file)
    from ..checks import count_severities, run_checks  # loaded only when checking
    from ..checks.locations import Locations
    from ..places import Places

    # The analyst's "Ignore" is kept in the project (briefing.ignored): the command line honours it as
    # the editor does, and says how many it left out so nothing is hidden silently.
    ignored_keys = set(briefing.ignored)
    selected = [f for f in run_checks(briefing, source, opt_in=opted_in(args.select)) if wanted(f.rule)]
    findings = [f for f in selected if f.key not in ignored_keys]
    ignored = len(selected) - len(findings)
    name = str(args.file)
    project = is_project(args.file)
    where = Locations(briefing, source)
    if project:
        locations = [where.of_finding(f) for f in findings]
    else:
        locations = [where.nearest(f) for f in findings]
    names = Places(briefing)
    places = [names.describe_ref(f.target) for f in findings]
    if args.format == "sarif":
        from ..checks.sarif import sarif_log

        rule_ids = [rule_id for rule_id in RULES if wanted(rule_id)]
        log = sarif_log(name, findings, places, locations, project=project, rule_ids=rule_ids)
        log["runs"][0].setdefault("properties", {})["ignoredInProject"] = ignored
        sys.stdout.write(json.dumps(log, ensure_ascii=False, indent=2) + "\n")
    elif args.format == "json":
        entries = []
        for finding, place, location in zip(findings, places, locations, strict=True):
            entry = finding.as_dict()
            entry["place"] = place
            entry["location"] = location_dict(location)
            entries.append(entry)
        data = {
            "file": name,
            "kind": "project" if project else "article",
            "findings": entries,
            "counts": count_severities(findings),
            "ignored": ignored,
        }
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    else:
        print_findings(name, findings, sys.stdout, locations, places, project=project, ignored=ignored)
    return EXIT_FINDINGS if any(f.severity == "error" for f in findings) else EXIT_OK


def location_dict(location: Location | None) -> dict[str, int] | None:
    """A location as JSON: line and column, and where a span ends when it is one."""
    if location is None:
        return None
    data = {"line": location.line, "column": location.column}
    if location.end_line:
        data.update(end_line=location.end_line, end_column=location.end_column)
    return data


def linter_line(
    name: str, finding: Finding, location: Location | None, place: str, *, project: bool = False
) -> str:
    """One finding as a linter prints it (no newline)."""
    head = f"{finding.severity} {finding.rule} {finding.message}"
    if not project:
        line, column = (location.line, location.column) if location is not None else (1, 1)
        return f"{name}:{line}:{column}: {head}"
    where = f" — {place}" if place else ""
    if location is not None:
        where += f" (article line {location.line}, column {location.column})"
    return f"{name}: {head}{where}"


def print_findings(
    name: str,
    findings: list[Finding],
    out: TextIO,
    locations: list[Location | None] | None = None,
    places: list[str] | None = None,
    *,
    project: bool = False,
    ignored: int = 0,
) -> None:
    """Linter lines, then a one-line count (with how many findings the project ignores, if any)."""
    locations = locations if locations is not None else [None] * len(findings)
    places = places if places is not None else [""] * len(findings)
    for finding, location, place in zip(findings, locations, places, strict=True):
        out.write(linter_line(name, finding, location, place, project=project) + "\n")
    from ..checks import describe_findings

    summary = describe_findings(findings)
    if ignored:
        summary += f"; {ignored} ignored in the project"
    out.write(f"{name}: {summary}\n")


def finding_lines(
    name: str, briefing: Briefing, source: str | None, findings: Iterable[Finding]
) -> list[str]:
    """Linter lines for findings of a briefing opened from ``name`` (an article or a project)."""
    from ..checks.locations import Locations
    from ..places import Places

    project = is_project(name)
    where = Locations(briefing, source)
    names = Places(briefing)
    lines = []
    for finding in findings:
        location = where.of_finding(finding) if project else where.nearest(finding)
        lines.append(
            linter_line(name, finding, location, names.describe_ref(finding.target), project=project)
        )
    return lines


# --- --select and --ignore ---------------------------------------------------------------------------


def _codes(values: list[str] | None) -> list[str]:
    return [code.strip() for value in values or () for code in value.split(",") if code.strip()]


def opted_in(select: list[str] | None) -> set[str]:
    """The opt-in rules ``--select`` names by id or prefix (``ALL`` does not turn them on, as in ruff)."""
    from ..checks.rules import OPT_IN_RULES

    codes = [code for code in _codes(select) if code != "ALL"]
    return {rule for rule in OPT_IN_RULES if any(rule.startswith(code) for code in codes)}


def rule_filter(
    select: list[str] | None, ignore: list[str] | None, rules: Iterable[str]
) -> Callable[[str], bool]:
    """Which rule ids to report, as ruff reads ``--select`` and ``--ignore``: a code is a rule id or a
    prefix of some (``table.``, ``table``, ``text.dup``; ``ALL`` is every rule); with no ``--select``
    every rule is selected; a rule both selected and ignored goes by the longer (more specific) code,
    the ignore on a tie. An unknown code is a :class:`BriefingError` (exit 2)."""
    known = list(rules)
    selected, ignored = _codes(select), _codes(ignore)
    for option, codes in (("--select", selected), ("--ignore", ignored)):
        for code in codes:
            if code != "ALL" and not any(rule.startswith(code) for rule in known):
                raise BriefingError(
                    None,
                    f"{option} {code}: no rule has this id or starts with it (the rule ids are in "
                    "docs/checks.md, e.g. table.duplicate, text.chatbot)",
                )
    if not select:
        selected = ["ALL"]

    def longest(rule: str, codes: list[str]) -> int:
        return max(
            (0 if code == "ALL" else len(code) for code in codes if code == "ALL" or rule.startswith(code)),
            default=-1,
        )

    def wanted(rule: str) -> bool:
        chosen = longest(rule, selected)
        return chosen >= 0 and chosen > longest(rule, ignored)

    return wanted
