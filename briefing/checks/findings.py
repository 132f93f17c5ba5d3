"""What a check reports and what a fix records: findings, their places, fixes and applied fixes.

Plain data only, so the GUI, the CLI's ``--json`` and a saved "recipe" can all carry them around. A
:class:`Fix` names an action and its parameters instead of holding a function, so a fix can be shown,
serialised and re-applied later; the action re-checks the model when it runs, which is what makes fixes
idempotent (a fix whose problem is gone does nothing). A finding's place is a :class:`~briefing.refs.Ref`,
the one reference type of the editing core.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from ..model import Change
from ..refs import HEADER_ROW, SOURCE, Ref, finding_key

if TYPE_CHECKING:
    from ..editing.transaction import Transaction

Severity = Literal["error", "warning", "info"]
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "info")
__all__ = ["HEADER_ROW", "SEVERITIES", "SOURCE", "AppliedFix", "Finding", "Fix", "Outcome", "ref_dict"]

_REF_FIELDS = ("section_id", "block_id", "item", "row", "column", "start", "end", "field", "lost")


def ref_dict(ref: Ref) -> dict[str, Any]:
    """A ref as JSON for ``briefing check --json``: its path, its text form and every field that is set."""
    data: dict[str, Any] = {"path": ref.path, "ref": ref.to_text()}
    for name in _REF_FIELDS:
        value = getattr(ref, name)
        if value is not None and value != "" and value is not False:
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
    target: Ref
    fixes: list[Fix] = field(default_factory=list)
    #: The text the finding is about (a span, an item, a row's cells); :func:`~.engine.run_checks`
    #: fills it in from the target unless the check set it.
    subject: str = ""
    #: The article's line (from 1) a finding about the article file itself (``target`` is
    #: :data:`~briefing.refs.SOURCE`) is about, when its check knows it; 0 otherwise. Findings on the
    #: model get their line and column from the briefing's source map (:mod:`.locations`).
    source_line: int = 0

    @property
    def key(self) -> str:
        """A stable key for remembering an ignored finding: rule, block and the text concerned — no
        offsets, so an edit elsewhere in the paragraph does not bring it back (see
        :func:`~briefing.refs.finding_key`)."""
        return finding_key(self.rule, self.target, self.subject)

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
            "target": ref_dict(self.target),
            "key": self.key,
            "fixes": [fix.as_dict() for fix in self.fixes],
        }


@dataclass
class Outcome:
    """What an action did, in the change log's words: where, before, after, and a sentence why."""

    target: Ref
    before: str
    after: str
    note: str


@dataclass
class AppliedFix:
    """A fix that was applied (or found nothing to do): its change-log entry and its transaction."""

    finding: Finding
    fix: Fix
    #: The change-log entry it added; ``None`` when the problem was already gone (nothing changed).
    change: Change | None
    #: The transaction the fix ran in (undo it with :func:`~.engine.revert_fix`); ``None`` when
    #: nothing changed. The GUI wraps it in its undo command.
    transaction: Transaction | None = field(default=None, repr=False)
    #: The id counter right after the fix: undo gives the ids back only if nothing took one since.
    next_id_after: int = 0

    @property
    def changed(self) -> bool:
        """Whether the fix changed the model."""
        return self.change is not None
