"""The "Corrections to the source" appendix: what the safe fixes and the analyst changed in the article.

Kept apart from the body writer (:mod:`.docx_writer`): it reads the change log and writes with the
writer's paragraph and table helpers, at the very end of the note.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..model import Table
from ..places import Places
from ..refs import Ref

if TYPE_CHECKING:
    from .docx_writer import _Writer

#: Longest before/after text shown in the corrections appendix.
MAX_CHANGE_TEXT = 240


def wanted(writer: _Writer) -> bool:
    """Whether the note gets the appendix: as asked, else when the briefing has changes."""
    asked = writer.options.include_corrections
    return bool(writer.briefing.changes) if asked is None else asked


def write_appendix(writer: _Writer) -> None:
    """The change log as an appendix on its own page: what, where, before → after."""
    if not wanted(writer):
        return
    heading = writer._para(writer.clean(writer.settings.headings["corrections"], "a heading"), "Heading 1")
    heading.paragraph_format.page_break_before = True
    changes = writer.briefing.changes
    if not changes:
        writer._para("No corrections were made to the source article.", "Appendix Note")
        return
    writer._para(writer.clean(writer.settings.corrections_note, "the corrections note"), "Appendix Note")
    places = Places(writer.briefing, writer._table_numbers)
    rows = [
        [
            str(number),
            change.note.strip() or change.rule,
            _describe(places, change.target),
            _truncate(change.before),
            _truncate(change.after),
        ]
        for number, change in enumerate(changes, 1)
    ]
    table = Table("", ["#", "Correction", "Where", "Before", "After"], rows)
    writer._table(table, [], "", caption="Corrections to the source article")


def _describe(places: Places, target: Ref) -> str:
    """Where a change was made, as the reader sees it: 'Table 1, row 2', 'list 1 in “Implications…”',
    with the table numbers this document printed."""
    return places.describe_ref(target)


def _truncate(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= MAX_CHANGE_TEXT else text[: MAX_CHANGE_TEXT - 1] + "…"
