"""Findings as SARIF 2.1.0, the format code-scanning tools and editors read (``briefing check --format
sarif``).

One run: the tool with its rules (id, summary, default level), and one result per finding with the rule,
level, message and where: for an article, the file with the region's start (and end) line and column
(columns count characters: ``columnKind`` is ``unicodeCodePoints``); for a project, the project file
and the place in words as a logical location, the article's line and column in the result's
properties when the project kept them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import quote

from .. import __version__
from .findings import Finding
from .locations import Location
from .rules import RULES

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
VERSION = "2.1.0"
#: A finding's severity as a SARIF level.
LEVELS = {"error": "error", "warning": "warning", "info": "note"}


def artifact_uri(name: str) -> str:
    """A file name as a SARIF artifact URI: a file: URI for an absolute path, else a relative
    reference with forward slashes."""
    path = Path(name)
    if path.is_absolute():
        return path.as_uri()
    return quote(path.as_posix(), safe="/")


def sarif_log(
    name: str,
    findings: list[Finding],
    places: list[str],
    locations: list[Location | None],
    *,
    project: bool,
    rule_ids: list[str] | None = None,
) -> dict[str, Any]:
    """The SARIF log of one file's findings; ``places`` and ``locations`` go with ``findings`` one to
    one (a location is the article's line and column, ``None`` when not known). ``rule_ids`` are the
    rules the run checked (all of them by default)."""
    ids = rule_ids if rule_ids is not None else list(RULES)
    index = {rule_id: i for i, rule_id in enumerate(ids)}
    rules = [
        {
            "id": rule_id,
            "name": rule_id,
            "shortDescription": {"text": RULES[rule_id].summary},
            "defaultConfiguration": {"level": LEVELS[RULES[rule_id].severity]},
            "properties": {"safeFix": RULES[rule_id].safe_fix},
        }
        for rule_id in ids
    ]
    uri = artifact_uri(name)
    results = []
    for finding, place, location in zip(findings, places, locations, strict=True):
        physical: dict[str, Any] = {"artifactLocation": {"uri": uri}}
        properties: dict[str, Any] = {"place": place}
        if location is not None and not project:
            region: dict[str, int] = {"startLine": location.line, "startColumn": location.column}
            if location.end_line:
                region["endLine"] = location.end_line
                region["endColumn"] = location.end_column
            physical["region"] = region
        elif location is not None:
            properties["articleLine"] = location.line
            properties["articleColumn"] = location.column
        result: dict[str, Any] = {
            "ruleId": finding.rule,
            "level": LEVELS[finding.severity],
            "message": {"text": finding.message},
            "locations": [
                {"physicalLocation": physical, "logicalLocations": [{"name": place, "kind": "element"}]}
            ],
            "partialFingerprints": {"briefingKey/v1": finding.key},
            "properties": properties,
        }
        if finding.rule in index:
            result["ruleIndex"] = index[finding.rule]
        results.append(result)
    return {
        "$schema": SCHEMA,
        "version": VERSION,
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "briefing",
                        "fullName": "Briefing Editor checks",
                        "version": __version__,
                        "rules": rules,
                    }
                },
                "columnKind": "unicodeCodePoints",
                "artifacts": [{"location": {"uri": uri}}],
                "results": results,
            }
        ],
    }
