"""What a check reports and what a fix records: findings, their targets, fixes and applied fixes.

Plain data only, so the GUI, the CLI's ``--json`` and a saved "recipe" can all carry them around. A
:class:`Fix` names an action and its parameters instead of holding a function, so a fix can be shown,
serialised and re-applied later; the action re-checks the model when it runs, which is what makes fixes
idempotent (a fix whose problem is gone does nothing).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from ..model import Change

Severity = Literal["error", "warning", "info"]
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "info")
#: ``Target.row`` of a header cell (body rows count from 0, as in :class:`~briefing.model.Origin`).
HEADER_ROW = -1
#: ``Target.section_id`` of a finding about the source text rather than the model.
SOURCE = "source"


@dataclass(frozen=True)
class Target:
    """Where a finding is: a section, a block, and inside it a row/column, a list item or a text span.

    Text spans (``start``/``end``) index a paragraph's ``text`` or, with ``item`` set, a list item's
    ``full_text``. ``row`` is a body row (``HEADER_ROW`` for the header), as in the model's ``Origin``.
    """

    section_id: str = ""
    block_id: str = ""
    row: int | None = None
    column: int | None = None
    item: int | None = None
    start: int | None = None
    end: int | None = None

    @property
    def path(self) -> str:
        """``section/block`` as the linter output prints it (``s3/b20``, or ``s3`` for a section)."""
        return "/".join(part for part in (self.section_id, self.block_id) if part)

    def describe(self) -> str:
        """The place in words, for the change log and the CLI: ``s3/b20 row 3, column 2``."""
        parts = []
        if self.row is not None:
            parts.append("header" if self.row == HEADER_ROW else f"row {self.row + 1}")
        if self.column is not None:
            parts.append(f"column {self.column + 1}")
        if self.item is not None:
            parts.append(f"item {self.item + 1}")
        where = ", ".join(parts)
        return f"{self.path} {where}".strip() if where else self.path

    def as_dict(self) -> dict[str, Any]:
        """JSON form: the path plus every field that is set."""
        data: dict[str, Any] = {"path": self.path}
        for name in ("section_id", "block_id", "row", "column", "item", "start", "end"):
            value = getattr(self, name)
            if value is not None and value != "":
                data[name] = value
        return data


@dataclass
class Fix:
    """One way to repair a finding: a label for a person, whether it is safe, and the action to run.

    *Safe* means it cannot lose information: it removes only empty cells, exact copies, markup or
    assistant chatter, and whatever it removes is kept verbatim in the change log. Safe fixes may run
    unattended (``briefing fix``, ``convert --fix``).
    """

    label: str
    safe: bool
    action: str
    params: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        """JSON form."""
        return {"label": self.label, "safe": self.safe, "action": self.action, "params": self.params}


@dataclass
class Finding:
    """A problem a check found: which rule, how bad, a message for a person, where, and its fixes."""

    rule: str
    severity: Severity
    message: str
    target: Target
    fixes: list[Fix] = field(default_factory=list)

    @property
    def key(self) -> str:
        """A stable key for remembering an ignored finding: rule and place."""
        t = self.target
        place = [t.path, t.row, t.column, t.item, t.start, t.end]
        return f"{self.rule}@" + ":".join("" if p is None else str(p) for p in place)

    @property
    def safe_fix(self) -> Fix | None:
        """The first safe fix, if any."""
        return next((fix for fix in self.fixes if fix.safe), None)

    def as_dict(self) -> dict[str, Any]:
        """JSON form, as ``briefing check --json`` prints it."""
        return {
            "rule": self.rule,
            "severity": self.severity,
            "message": self.message,
            "target": self.target.as_dict(),
            "fixes": [fix.as_dict() for fix in self.fixes],
        }


@dataclass
class Outcome:
    """What an action did, in the change log's words: where, before, after, and a sentence why."""

    target: str
    before: str
    after: str
    note: str


@dataclass
class AppliedFix:
    """A fix that was applied (or found nothing to do): enough to revert it exactly."""

    finding: Finding
    fix: Fix
    #: The change-log entry it added; ``None`` when the problem was already gone (nothing changed).
    change: Change | None
    #: Undo steps recorded while the fix ran, replayed backwards by :func:`revert_fix`.
    steps: list[Any] = field(default_factory=list, repr=False)
    next_id_before: int = 0
    next_id_after: int = 0

    @property
    def changed(self) -> bool:
        """Whether the fix changed the model."""
        return self.change is not None
