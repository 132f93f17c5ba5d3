"""Checks and fixes: a linter for briefings, with a change log.

Checks find what must not reach a decision maker — broken tables, chatbot leftovers, contradictions —
as :class:`Finding` objects with quick :class:`Fix` es. Applying a fix changes the model, appends a
:class:`~briefing.model.Change` to the change log and can be reverted exactly. Rule ids are listed in
:data:`RULES` and documented in ``docs/checks.md``.

The public API::

    run_checks(briefing) -> list[Finding]
    apply_fix(briefing, finding, fix) -> AppliedFix
    revert_fix(briefing, applied)
    apply_safe_fixes(briefing, rules=None) -> list[Change]
    describe_changes(changes) -> str        # the one-line summary ``--fix`` prints
"""

from __future__ import annotations

from .engine import FixError, apply_fix, apply_safe_fixes, revert_fix, run_checks
from .findings import SEVERITIES, AppliedFix, Finding, Fix, Severity, Target
from .report import count_severities, describe_changes, describe_findings
from .rules import RULES, Rule

__all__ = [
    "RULES",
    "SEVERITIES",
    "AppliedFix",
    "Finding",
    "Fix",
    "FixError",
    "Rule",
    "Severity",
    "Target",
    "apply_fix",
    "count_severities",
    "describe_changes",
    "describe_findings",
    "apply_safe_fixes",
    "revert_fix",
    "run_checks",
]
