"""The pre-export checklist: what should be looked at before a note goes to a decision maker.

Warnings only; the user can always export anyway. Page counts are estimates from the amount of text
(exact counts need a layout engine), so the message says "about".
"""

from __future__ import annotations

from ..kinds import texts
from ..model import Briefing
from ..refs import HEADER_ROW
from .templates import resolve_template

#: Rough capacity of a page at 11 pt with 1-inch margins.
WORDS_PER_PAGE = 480
TABLE_ROWS_PER_PAGE = 32


def estimated_pages(briefing: Briefing) -> float:
    """About how many pages the exported note runs to."""
    words = sum(len(s.heading.split()) for s in briefing.sections) + 120  # header block and headings
    rows = 0
    for _, block in briefing.blocks():
        body_rows: set[int] = set()
        for ref, text in texts(block):
            if ref.row is not None:  # a table cell: tables are measured in rows
                body_rows.add(ref.row)
            elif ref.field != "caption":
                words += len(text.split()) + (2 if ref.item is not None else 0)  # an item's spacing
        if block.kind == "table":
            rows += len(body_rows - {HEADER_ROW}) + 3  # header, caption and spacing
    words += sum(len(r.text.split()) + 25 for r in briefing.recommendations)  # decision lines
    words += sum(30 + len(c.before.split()) + len(c.after.split()) for c in briefing.changes)
    return words / WORDS_PER_PAGE + rows / TABLE_ROWS_PER_PAGE


def checklist(briefing: Briefing, template: str = "", findings: list | None = None) -> list[str]:
    """Warnings for the export dialog, one sentence each; empty when all is well.

    ``findings`` are the current check results (run here when not given); ignored ones do not count.
    """
    if findings is None:
        from ..checks import run_checks

        findings = run_checks(briefing)
    warnings = []
    errors = [f for f in findings if f.severity == "error" and f.key not in briefing.ignored]
    if errors:
        warnings.append(
            f"{len(errors)} error finding{'s are' if len(errors) > 1 else ' is'} still open "
            f"(e.g. {errors[0].message.rstrip('.')})."
        )
    try:
        resolved = resolve_template(template, briefing.meta.purpose)
        settings, is_memo = resolved.settings, resolved.settings.decision_line is not None
    except Exception:  # noqa: BLE001 - a bad user template is reported by the export itself
        settings, is_memo = None, briefing.meta.purpose == "decision"
    if is_memo:
        undecided = [r for r in briefing.recommendations if not r.annotation.decision]
        if undecided:
            total = len(briefing.recommendations)
            warnings.append(f"{len(undecided)} of {total} recommendations have no recorded decision.")
    open_comments = [c for c in briefing.comments if not c.resolved]
    if open_comments:
        warnings.append(
            f"{len(open_comments)} comment{'s are' if len(open_comments) > 1 else ' is'} unresolved."
        )
    lede = next((s for s in briefing.sections if not s.heading), None)
    if not briefing.meta.summary and not (
        lede and any(text.strip() for b in lede.blocks for _, text in texts(b))
    ):
        warnings.append("The summary is empty: write key points in Briefing details, or a lede.")
    limit = settings.page_limit if settings is not None else 0
    pages = estimated_pages(briefing)
    if limit and pages > limit:
        warnings.append(f"The note runs to about {round(pages)} pages; this template allows {limit}.")
    return warnings
