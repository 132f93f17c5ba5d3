"""Saying what the checks found and what the fixes changed, in a line a person reads in a terminal."""

from __future__ import annotations

from collections import Counter

from ..model import Change
from .findings import SEVERITIES, Finding


def count_severities(findings: list[Finding]) -> dict[str, int]:
    """How many findings of each severity (every severity present, zero or not)."""
    counts = Counter(f.severity for f in findings)
    return {severity: counts.get(severity, 0) for severity in SEVERITIES}


def describe_findings(findings: list[Finding]) -> str:
    """``14 problems: 5 errors, 6 warnings, 3 notes`` (or ``no problems``)."""
    if not findings:
        return "no problems"
    counts = count_severities(findings)
    words = {"error": ("error", "errors"), "warning": ("warning", "warnings"), "info": ("note", "notes")}
    parts = [f"{n} {words[s][n != 1]}" for s, n in counts.items() if n]
    return f"{len(findings)} problem{'s' if len(findings) != 1 else ''}: {', '.join(parts)}"


def describe_changes(changes: list[Change]) -> str:
    """The ``--fix`` summary: ``fixed 10 problems (3× text.term-hyphen, 2× table.empty-columns, …)``."""
    if not changes:
        return "nothing to fix"
    counts = Counter(change.rule for change in changes)
    rules = ", ".join(f"{n}× {rule}" if n > 1 else rule for rule, n in counts.most_common())
    return f"fixed {len(changes)} problem{'s' if len(changes) != 1 else ''} ({rules})"
