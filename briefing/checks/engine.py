"""Running the checks, applying and reverting fixes, and the unattended safe-fix loop.

Checks read the model and return findings. Each fix runs in one :class:`~briefing.editing.Transaction`
(through an :class:`~.edits.Edit`), which records its exact inverse and moves every pointer; the
change-log entry (:class:`~briefing.model.Change`) for the "Corrections to the source" appendix is
added inside the same transaction, so undoing the fix removes it too. The entry keeps the inverse and a
guard (a digest of each part the fix touched), so :func:`revert_change` can revert the correction in a
later session, out of order, as long as what it touched is unchanged — and says what changed when not.
"""

from __future__ import annotations

import datetime as dt
import gc
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from ..editing.locate import Locator
from ..editing.serial import dump_steps, load_steps
from ..editing.steps import InsertEntry, RemoveEntry, SetIgnoredKey, SetNextId, SetPointer, Step, StepError
from ..editing.transaction import Transaction, changed_parts, digest, part_ref
from ..errors import BriefingError
from ..kinds import text_at
from ..model import Briefing, Change
from ..places import Places
from . import (
    artifacts,
    citations,
    columns,
    consistency,
    descriptions,
    duplicates,
    headers,
    imported,
    people,
    records,
    residue,
    shares,
    spans,
    tables,
    text,
    wording,
)
from .context import BlockMemo, CheckContext
from .edits import Edit
from .findings import AppliedFix, Finding, Fix, Outcome
from .rules import OPT_IN_RULES, RULE_ORDER, RULES, SAFE_FIX_RULES

Check = Callable[[CheckContext], Iterable[Finding]]
Action = Callable[[Edit, dict[str, Any]], Outcome | None]

#: Every check, in the order they run (their findings are sorted afterwards).
CHECKS: list[Check] = [
    *tables.CHECKS,
    *headers.CHECKS,
    *duplicates.CHECKS,
    *citations.CHECKS,
    *columns.CHECKS,
    *records.CHECKS,
    *artifacts.CHECKS,
    *residue.CHECKS,
    *text.CHECKS,
    *people.CHECKS,
    *consistency.CHECKS,
    *shares.CHECKS,
    *descriptions.CHECKS,
    *imported.CHECKS,
    *wording.CHECKS,
]
#: The rules each check reports. The unattended loop runs only the checks that may report a rule it
#: would apply; a check missing here always runs (tests/core/test_checks_scaling.py holds each check to
#: its entry).
REPORTS: dict[Check, frozenset[str]] = {
    tables.check_tables: frozenset(
        {
            "table.caption-row",
            "table.empty-columns",
            "table.empty-row",
            "table.duplicate-row",
            "table.duplicated-cell",
            "table.repeated-cells",
            "table.long-row",
            "table.short-row",
        }
    ),
    headers.check_short_header: frozenset({"table.short-header"}),
    duplicates.check_repeated_runs: frozenset({"text.repeated-run"}),
    duplicates.check_duplicate_tables: frozenset({"table.duplicate"}),
    duplicates.check_duplicate_text: frozenset({"text.duplicate"}),
    citations.check_citations: frozenset({"text.citation", "text.footnotes"}),
    columns.check_columns: frozenset({"table.column-kind", "table.number-format"}),
    records.check_records: frozenset({"table.records"}),
    artifacts.check_chatbot: frozenset({"text.chatbot"}),
    artifacts.check_placeholders: frozenset({"text.placeholder"}),
    artifacts.check_markup: frozenset({"text.markup"}),
    **residue.REPORTS,
    text.check_text_hygiene: frozenset({"text.whitespace", "text.mojibake"}),
    text.check_term_hyphens: frozenset({"text.term-hyphen"}),
    text.check_trailing_blank_lines: frozenset({"text.trailing-blank-lines"}),
    text.check_empty_sections: frozenset({"section.empty"}),
    people.check_conflicting_titles: frozenset({"people.conflicting-titles"}),
    people.check_anachronisms: frozenset({"people.anachronism"}),
    consistency.check_table_dates: frozenset({"consistency.table-dates"}),
    consistency.check_figures: frozenset({"consistency.figures"}),
    shares.check_shares: frozenset({"consistency.shares"}),
    descriptions.check_descriptions: frozenset({"consistency.descriptions"}),
    wording.check_recommendation_wording: frozenset({"recommendation.wording"}),
    imported.check_import_notes: frozenset(
        {"import.encoding", "import.nesting", "import.furniture", "import.table-split", "import.front-matter"}
    ),
}
#: Checks whose findings on a block depend on that block alone (and the section holding it); headings
#: and the title they read in full each time. The safe-fix loop re-runs them on the blocks its last
#: round changed only (tests/core/test_checks_scaling.py holds each one to that).
BLOCK_CHECKS: frozenset[Check] = frozenset(
    {
        tables.check_tables,
        headers.check_short_header,
        columns.check_columns,
        artifacts.check_chatbot,
        artifacts.check_placeholders,
        artifacts.check_markup,
        *residue.BLOCK_CHECKS,
        text.check_text_hygiene,
        text.check_term_hyphens,
    }
)
#: Every fix action by name.
ACTIONS: dict[str, Action] = {
    **spans.ACTIONS,
    **tables.ACTIONS,
    **headers.ACTIONS,
    **duplicates.ACTIONS,
    **citations.ACTIONS,
    **columns.ACTIONS,
    **records.ACTIONS,
    **artifacts.ACTIONS,
    **residue.ACTIONS,
    **text.ACTIONS,
    **people.ACTIONS,
    **consistency.ACTIONS,
    **imported.ACTIONS,
    **wording.ACTIONS,
}
#: Actions that touch one table row only, so fixes on other rows of the table can run in the same round.
_ROW_ACTIONS = frozenset({"table.collapse-repeat", "table.pad-row", "table.merge-overflow"})
#: Actions on one list item that keep the number of items: other items can be fixed in the same round.
_ITEM_ACTIONS = frozenset({"text.space-term", "text.tidy-whitespace", "text.fix-mojibake"})
#: Actions on one table cell that keep the table's shape.
_CELL_ACTIONS = frozenset({"text.tidy-whitespace", "text.fix-mojibake", "text.strip-markup"})
#: Actions on a span of a paragraph: spans that do not overlap can be fixed in the same round.
_SPAN_ACTIONS = frozenset({"text.remove-span", "text.replace-span"})
#: Safety net for :func:`apply_safe_fixes`; real articles settle in a handful of rounds.
MAX_ROUNDS = 50


class FixError(BriefingError):
    """A fix cannot be applied: an unknown action or rule id."""

    def __init__(self, reason: str) -> None:
        super().__init__(None, reason)


class RevertError(BriefingError):
    """A correction cannot be reverted; the message says why in words for people."""

    def __init__(self, reason: str) -> None:
        super().__init__(None, reason)


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cycle collector while a run allocates many small, cycle-free objects.

    On a big article each collection walks the whole model, and they come often enough to make a run
    grow faster than the article; nothing a check or fix creates forms a reference cycle, so plain
    reference counting frees it all. The collector's previous state is restored.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def run_checks(briefing: Briefing, source: str | None = None, *, opt_in: Iterable[str] = ()) -> list[Finding]:
    """Every finding for the briefing, in reading order.

    ``opt_in`` names the opt-in rules (:data:`~.rules.OPT_IN_RULES`) to run too; the others are left out.

    ``source`` is the article text the briefing was imported from, when the caller has it: rules about
    what import leaves out of the model (trailing blank lines) need it; the others do not.
    """
    with _collector_paused():
        return _run_checks(briefing, source, frozenset(opt_in))


def checks_for(rules: frozenset[str] | set[str]) -> list[Check]:
    """The checks that may report any of ``rules``, in running order."""
    return [check for check in CHECKS if check not in REPORTS or REPORTS[check] & rules]


def _run_checks(
    briefing: Briefing, source: str | None, opt_in: frozenset[str] = frozenset()
) -> list[Finding]:
    ctx = CheckContext(briefing, source)
    skipped = OPT_IN_RULES - opt_in
    checks = [c for c in CHECKS if not (c in REPORTS and REPORTS[c] <= skipped)]
    return _in_order(ctx, [finding for check in checks for finding in check(ctx)], Locator(briefing))


def _in_order(ctx: CheckContext, findings: list[Finding], locator: Locator) -> list[Finding]:
    """The findings with their subjects, sorted into reading order (then rule order)."""
    for finding in findings:
        if not finding.subject:
            finding.subject = text_at(ctx.briefing, finding.target, locator.block)

    def order(finding: Finding) -> tuple[int, ...]:
        t = finding.target
        return (
            ctx.position(t),
            RULE_ORDER[finding.rule],
            -2 if t.row is None else t.row,
            -1 if t.item is None else t.item,
            -1 if t.start is None else t.start,
            -1 if t.column is None else t.column,
        )

    findings.sort(key=order)
    return findings


class _Rechecker:
    """The checks of the safe-fix loop, round after round, at the cost of what each round changed.

    A check in :data:`BLOCK_CHECKS` runs on the changed blocks only, its findings on the other blocks
    kept from the round before; the others run on the whole briefing, reusing the text units and table
    keys of unchanged blocks. The findings are those a full run would give, in the same order: a
    block's findings all come from one run, and findings are sorted by place before anything else.
    """

    def __init__(self, briefing: Briefing, source: str | None, checks: list[Check], locator: Locator) -> None:
        self.briefing = briefing
        self.source = source
        self.checks = checks
        self.locator = locator
        self.memo = BlockMemo()
        self.kept: dict[Check, dict[str, list[Finding]]] = {c: {} for c in checks if c in BLOCK_CHECKS}
        self.changed: set[str] | None = None  # None: everything

    def note(self, applied: AppliedFix) -> None:
        """What a fix (applied, or found to have nothing to do) may have changed."""
        if self.changed is None:
            return
        params = applied.fix.params
        self.changed.update(i for i in (params.get("block_id"), params.get("keep_id")) if i)
        self.changed.update(place["block_id"] for place in params.get("places", []))
        if applied.transaction is None:
            return
        for event in applied.transaction.events:
            if event.what == "block":
                self.changed.add(event.id)
            elif event.structural:  # a section came, went or moved: start afresh
                self.changed = None
                return

    def run(self) -> list[Finding]:
        """Every finding of the checks on the briefing as it is now."""
        ctx = CheckContext(self.briefing, self.source, memo=self.memo)
        changed = self.changed
        if changed is not None:
            self.memo.forget(changed)
        else:  # a section came or went: blocks changed in place this round are not listed either
            self.memo.forget(set(self.memo.units) | set(self.memo.keys) | set(self.memo.joined))
        narrow = ctx if changed is None else ctx.narrowed(changed)
        findings: list[Finding] = []
        for check in self.checks:
            kept = self.kept.get(check)
            if kept is None:
                findings.extend(check(ctx))
                continue
            if changed is None:
                kept.clear()
            else:
                for block_id in changed:
                    kept.pop(block_id, None)
            for finding in check(narrow):
                if finding.target.block_id:
                    kept.setdefault(finding.target.block_id, []).append(finding)
                else:
                    findings.append(finding)  # a heading's or the title's: read every round
            findings.extend(finding for block in kept.values() for finding in block)
        self.changed = set()
        return _in_order(ctx, findings, self.locator)


def apply_fix(
    briefing: Briefing, finding: Finding, fix: Fix, *, when: str | None = None, locator: Locator | None = None
) -> AppliedFix:
    """Apply one fix of a finding in one transaction; returns it with the change-log entry it added.

    A fix whose problem is already gone changes nothing and returns an ``AppliedFix`` without a change.
    A fix that fails half-way leaves the model as it was.
    """
    action = ACTIONS.get(fix.action)
    if action is None:
        raise FixError(f"unknown fix action {fix.action!r}")
    transaction = Transaction(briefing, fix.label, locator)
    try:
        outcome = action(Edit(transaction), fix.params)
        if outcome is None:
            transaction.rollback()
            return AppliedFix(finding, fix, None)
        change = Change(
            briefing.new_id("x"),
            finding.rule,
            outcome.target,
            outcome.before,
            outcome.after,
            when or _now(),
            outcome.note,
        )
        transaction.do(InsertEntry("changes", len(briefing.changes), change))
    except Exception:
        transaction.rollback()  # leave the model as it was, then report the bug
        raise
    transaction.finish()
    change.inverse = dump_steps(transaction.inverse)
    change.guard = transaction.guard()
    return AppliedFix(finding, fix, change, transaction, briefing.next_id)


def revert_fix(briefing: Briefing, applied: AppliedFix) -> None:
    """Undo an applied fix right away (the last change first): the model and the change log are exactly
    as they were before it. Ids are given back only if nothing took one since."""
    transaction = applied.transaction
    if applied.change is None or transaction is None or not transaction.done:
        return
    if briefing.next_id != applied.next_id_after:
        transaction.inverse = [step for step in transaction.inverse if not isinstance(step, SetNextId)]
    transaction.undo()


def revert_problem(briefing: Briefing, change: Change) -> str | None:
    """``None`` when a correction can be reverted now; otherwise one sentence for people saying why —
    naming what was edited after it ("Table 2 was edited after this correction.")."""
    if not any(c is change for c in briefing.changes):
        return "This correction is no longer in the corrections log."
    if not change.inverse:
        return "This correction was recorded without the details needed to revert it."
    changed = changed_parts(briefing, change.guard)
    if not changed:
        return None
    key = changed[0]
    if digest(briefing, key) == "gone":
        return "What this correction changed was removed from the article after it."
    where = Places(briefing).describe_ref(part_ref(key))
    if not where or where == "removed from the article":
        where = "what this correction changed"
    return f"{where[:1].upper()}{where[1:]} was edited after this correction."


def revert_change(briefing: Briefing, change_id: str) -> Transaction:
    """Revert a correction from the log, in this session or a later one, in any order: its stored
    inverse is replayed as a new transaction (undo it to make the correction again), and its entry
    leaves the log. :class:`RevertError` with a sentence for people when it cannot be reverted."""
    change = next((c for c in briefing.changes if c.id == change_id), None)
    if change is None:
        raise RevertError("This correction is no longer in the corrections log.")
    problem = revert_problem(briefing, change)
    if problem is not None:
        raise RevertError(problem)
    try:
        steps = load_steps(change.inverse)
    except StepError:
        raise RevertError("This correction's record is damaged, so it cannot be reverted.") from None
    transaction = Transaction(briefing, f"Revert: {change.note or change.rule}")
    try:
        for step in steps:
            replayed = _replayable(briefing, change, step)
            if replayed is not None:
                transaction.do(replayed)
    except StepError:
        transaction.rollback()
        raise RevertError("The article changed since this correction, so it cannot be reverted.") from None
    except (TypeError, ValueError, AttributeError, IndexError, KeyError):
        # A record from a damaged or hand-edited project: its steps do not fit the briefing.
        transaction.rollback()
        raise RevertError("This correction's record is damaged, so it cannot be reverted.") from None
    if not _holdable(briefing):
        transaction.rollback()
        raise RevertError("This correction's record is damaged, so it cannot be reverted.")
    return transaction.finish()


def _holdable(briefing: Briefing) -> bool:
    """Whether a project file could hold the briefing. A correction's record comes from the project
    file, whose values loading checks but whose stored steps it cannot (a step may set any value), so a
    revert's result is put through the loader's own checks before it is kept."""
    from ..project import from_dict, to_dict

    try:
        from_dict(to_dict(briefing))
    except (BriefingError, TypeError, ValueError, AttributeError, RecursionError):
        return False
    return True


def _replayable(briefing: Briefing, change: Change, step: Step) -> Step | None:
    """A stored inverse step as it applies now. The corrections log and the ignored findings are not
    guarded (other corrections come and go), so their positions are looked up again; ids taken since
    are never given back."""
    if isinstance(step, SetNextId):
        return None
    if isinstance(step, RemoveEntry) and step.list_name == "changes":
        index = next(i for i, c in enumerate(briefing.changes) if c is change)
        return RemoveEntry("changes", index)
    if isinstance(step, SetPointer) and step.holder == "changes":
        if not any(c.id == step.holder_id for c in briefing.changes):
            return None  # that correction was reverted since
    if isinstance(step, SetIgnoredKey) and not 0 <= step.index < len(briefing.ignored):
        return None
    return step


def apply_safe_fixes(
    briefing: Briefing,
    rules: list[str] | None = None,
    *,
    source: str | None = None,
    when: str | None = None,
    on_applied: Callable[[AppliedFix], None] | None = None,
) -> list[Change]:
    """Apply every safe fix (or, with ``rules``, the first fix of each finding of those rules) until
    nothing changes; returns the new change-log entries. ``on_applied`` hears of each fix that changed
    something, with its transaction (the GUI makes them one undo step).

    Each round runs the checks once and applies every fix whose target no earlier fix of the round
    touched; the next round sees the result. This is what ``briefing fix`` and ``convert --fix`` run.
    """
    wanted = None if rules is None else set(rules)
    unknown = sorted((wanted or set()) - set(RULES))
    if unknown:
        raise FixError(f"unknown rule id {unknown[0]!r} (see docs/checks.md)")
    when = when or _now()
    with _collector_paused():
        return _apply_safe_fixes(briefing, wanted, source, when, on_applied)


def _apply_safe_fixes(
    briefing: Briefing,
    wanted: set[str] | None,
    source: str | None,
    when: str,
    on_applied: Callable[[AppliedFix], None] | None,
) -> list[Change]:
    locator = Locator(briefing)
    changes: list[Change] = []
    # Findings of other rules are passed over, so the checks that report only those need not run.
    checks = _Rechecker(briefing, source, checks_for(SAFE_FIX_RULES if wanted is None else wanted), locator)
    for _ in range(MAX_ROUNDS):
        ignored = set(briefing.ignored)  # findings the analyst chose to leave alone stay alone
        locks = _Locks()
        progressed = False
        for finding in checks.run():
            if ignored and finding.key in ignored:
                continue
            if wanted is None:
                fix = finding.safe_fix
            elif finding.rule in wanted:
                fix = finding.safe_fix or (finding.fixes[0] if finding.fixes else None)
            else:
                continue
            if fix is None or not locks.take(fix):
                continue
            applied = apply_fix(briefing, finding, fix, when=when, locator=locator)
            checks.note(applied)
            if applied.change is not None:
                changes.append(applied.change)
                progressed = True
                if on_applied is not None:
                    on_applied(applied)
        if not progressed:
            break
    return changes


class _Locks:
    """What the fixes of one round have touched, so two fixes never work on stale positions.

    A fix claims what it changes (a block, or a row, item or span of one) and what it only reads (the
    copy a duplicate's removal keeps): many fixes may read one block in a round — every later copy of a
    table printed many times goes in one round — but none may read what another changes.
    """

    def __init__(self) -> None:
        self.blocks: set[str] = set()
        self.parts: dict[str, list[tuple[Any, ...]]] = {}
        self.read: set[str] = set()

    def take(self, fix: Fix) -> bool:
        """Claim what ``fix`` touches; ``False`` when an earlier fix of the round touched any of it."""
        params = fix.params
        claims: list[tuple[Any, tuple[Any, ...] | None]]
        reads: list[str] = []
        if fix.action in _ROW_ACTIONS:
            claims = [(params["block_id"], ("row", params["row"]))]
        elif fix.action in _ITEM_ACTIONS and params.get("item") is not None:
            claims = [(params["block_id"], ("item", params["item"]))]
        elif fix.action in _CELL_ACTIONS and params.get("row") is not None:
            claims = [(params["block_id"], ("row", params["row"]))]
        elif fix.action in _SPAN_ACTIONS and params.get("item") is None:
            claims = [(params["block_id"], ("span", params["start"] or 0, params["end"] or 0))]
        else:
            ids = [params.get("block_id")]
            ids += [place["block_id"] for place in params.get("places", [])]
            ids = [i for i in ids if i] or ["section:" + str(params.get("section_id", "source"))]
            claims = [(block_id, None) for block_id in ids]
            if params.get("keep_id"):
                reads = [params["keep_id"]]
        for block_id, part in claims:
            if block_id in self.blocks or block_id in self.read or (part is None and block_id in self.parts):
                return False
            if part is not None and any(_overlap(part, other) for other in self.parts.get(block_id, [])):
                return False
        if any(block_id in self.blocks or block_id in self.parts for block_id in reads):
            return False
        for block_id, part in claims:
            if part is None:
                self.blocks.add(block_id)
            else:
                self.parts.setdefault(block_id, []).append(part)
        self.read.update(reads)
        return True


def _overlap(a: tuple[Any, ...], b: tuple[Any, ...]) -> bool:
    if a[0] != b[0]:
        return True  # a row fix and a span fix on one block never mix; be careful
    if a[0] in ("row", "item"):
        return a[1] == b[1]
    return a[1] < b[2] and b[1] < a[2]
