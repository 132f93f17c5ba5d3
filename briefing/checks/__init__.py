"""Checks and fixes: a linter for briefings, with a change log.

Checks find what must not reach a decision maker — broken tables, chatbot leftovers, contradictions —
as :class:`Finding` objects with quick :class:`Fix` es. Applying a fix changes the model, appends a
:class:`~briefing.model.Change` to the change log and can be reverted exactly. Rule ids are listed in
:data:`RULES` and documented in ``docs/checks.md``.

The public API::

    run_checks(briefing) -> list[Finding]
    apply_fix(briefing, finding, fix) -> AppliedFix
    revert_fix(briefing, applied)           # undo it right away (AppliedFix.transaction)
    revert_change(briefing, change_id) -> Transaction   # revert a logged correction, any session
    revert_problem(briefing, change) -> str | None       # why it cannot be reverted, in words
    apply_safe_fixes(briefing, rules=None) -> list[Change]
    describe_changes(changes) -> str        # the one-line summary ``--fix`` prints
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

# The checks load ftfy and compile many patterns; commands that do not check (parse, convert without
# --fix) and the editor's start-up should not pay for that. Names load on first use (PEP 562).
_WHERE = {
    "FixError": "engine",
    "RevertError": "engine",
    "revert_change": "engine",
    "revert_problem": "engine",
    "apply_fix": "engine",
    "apply_safe_fixes": "engine",
    "revert_fix": "engine",
    "run_checks": "engine",
    "SEVERITIES": "findings",
    "AppliedFix": "findings",
    "Finding": "findings",
    "Fix": "findings",
    "Severity": "findings",
    "Outcome": "findings",
    "SOURCE": "findings",
    "count_severities": "report",
    "describe_changes": "report",
    "describe_findings": "report",
    "RULES": "rules",
    "Rule": "rules",
}


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


if TYPE_CHECKING:  # for type checkers and editors: the same names, eagerly
    from .engine import (
        FixError,
        RevertError,
        apply_fix,
        apply_safe_fixes,
        revert_change,
        revert_fix,
        revert_problem,
        run_checks,
    )
    from .findings import SEVERITIES, SOURCE, AppliedFix, Finding, Fix, Outcome, Severity
    from .report import count_severities, describe_changes, describe_findings
    from .rules import RULES, Rule

__all__ = [
    "RULES",
    "SEVERITIES",
    "SOURCE",
    "AppliedFix",
    "Finding",
    "Fix",
    "FixError",
    "Outcome",
    "RevertError",
    "Rule",
    "Severity",
    "apply_fix",
    "count_severities",
    "describe_changes",
    "describe_findings",
    "apply_safe_fixes",
    "revert_change",
    "revert_fix",
    "revert_problem",
    "run_checks",
]
