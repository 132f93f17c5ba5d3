"""How a fix changes the model: a thin layer over one :class:`~briefing.editing.Transaction`.

Every change a fix makes is a primitive step of the editing core (set a row, a cell, a span of text,
remove an item, a row, a block, a section, set a heading or a detail…), so the core records the exact
inverse and moves every pointer into the model — comments, recommendation origins, change targets,
ignored findings — in one place. A fix that rewrites a whole block in place (trimming a table's empty
columns) records the block's old version first (:meth:`Edit.rewrite_block`) and moves the pointers it
knows about explicitly (:meth:`Edit.remap_columns`, :meth:`Edit.remap_rows`), as ``SetPointer`` steps.

What a fix deletes is never pointed elsewhere silently: a comment or origin on it is kept as lost
(undo restores it), except where the fix keeps an identical copy — a table printed twice, a repeated
row, a run of cells printed twice — whose pointers move onto the copy that stays.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from ..editing.locate import POINTER_FIELDS, Locator, index_of
from ..editing.runs import splice_item, splice_runs
from ..editing.steps import (
    RemoveBlock,
    RemoveEntry,
    RemoveItem,
    RemoveRow,
    RemoveSection,
    ReplaceBlock,
    SetCell,
    SetItem,
    SetPointer,
    SetRow,
    SetRuns,
    SetValue,
    Step,
)
from ..editing.transaction import Transaction
from ..importing.enrich import row_recommendation_text
from ..model import Block, Briefing, ListBlock, ListItem, Paragraph, Recommendation, Run, Section, Table
from ..refs import Ref

__all__ = ["Edit", "Locator"]

#: The holders whose pointers a fix moves explicitly.
_MOVABLE = ("comments", "recommendations")


class Edit:
    """The changes one fix makes, as steps of one transaction (see the module docstring)."""

    def __init__(self, transaction: Transaction) -> None:
        self.transaction = transaction
        self.briefing: Briefing = transaction.briefing
        self.locator: Locator = transaction.loc
        self._rewritten: set[str] = set()

    # lookups
    def find(self, block_id: str) -> tuple[Section, Block] | None:
        """The block with this id and its section."""
        return self.locator.find(block_id)

    def block(self, block_id: str) -> Block | None:
        """The block with this id."""
        return self.locator.block(block_id)

    def section(self, section_id: str) -> Section | None:
        """The section with this id."""
        return self.locator.section(section_id)

    def ref(self, block_id: str, **parts: Any) -> Ref:
        """A ref to a block with its section, narrowed by ``parts`` (``row=``, ``item=``…)."""
        found = self.find(block_id)
        return Ref(found[0].id if found else "", block_id, **parts)

    def do(self, step: Step) -> Step:
        """Apply one primitive step through the transaction."""
        return self.transaction.do(step)

    # whole blocks rewritten in place
    def rewrite_block(self, block: Block) -> None:
        """Record a block's old version before changing it in place (once per fix); pointers into it
        are then the caller's to move."""
        if block.id not in self._rewritten:
            self._rewritten.add(block.id)
            self.transaction.record(ReplaceBlock(copy.deepcopy(block)))

    # values, cells and rows
    def set_value(self, ref: Ref, value: Any) -> None:
        """Set a heading, a caption, a header-block detail, a recommendation's text…"""
        self.do(SetValue(ref, value))

    def set_cell(self, table: Table, row: int, column: int, value: str) -> None:
        """Set one cell (``HEADER_ROW`` for the header)."""
        self.do(SetCell(table.id, row, column, value))

    def set_row(self, table: Table, row: int, cells: list[str]) -> None:
        """Replace a row's cells (its length may change)."""
        self.do(SetRow(table.id, row, list(cells)))

    def remove_row(self, table: Table, row: int) -> None:
        """Remove a body row; what pointed at it is lost unless moved first."""
        self.do(RemoveRow(table.id, row))

    # structure
    def remove_block(self, block_id: str) -> Block | None:
        """Remove a block; comments and origins on it are kept as lost."""
        found = self.find(block_id)
        if found is None:
            return None
        section, block = found
        index = self.locator.index(block_id)
        self.do(RemoveBlock(section.id, index_of(section.blocks, block) if index is None else index))
        return block

    def remove_section(self, section: Section) -> None:
        """Remove a whole section (its blocks go with it)."""
        self.do(RemoveSection(index_of(self.briefing.sections, section)))

    def remove_entry(self, list_name: str, entry: Any) -> None:
        """Remove a recommendation or comment."""
        self.do(RemoveEntry(list_name, self.locator.position(list_name, entry)))

    # pointers into the model
    def recommendations_on(self, block_id: str) -> list[Recommendation]:
        """Recommendations whose origin is this block."""
        pointing = self.locator.pointers_at(block_id, ("recommendations",))
        return [rec for _, rec in pointing if not rec.origin.lost]

    def move_pointers(self, block_id: str, move: Callable[[Ref], Ref]) -> None:
        """Point comments and origins on a block elsewhere: ``move`` gives each one's new ref."""
        for holder, entry in self.locator.pointers_at(block_id, _MOVABLE):
            ref = getattr(entry, POINTER_FIELDS[holder])
            if ref.lost:
                continue
            moved = move(ref)
            if moved != ref:
                self.do(SetPointer(holder, entry.id, moved))

    def remap_rows(self, table: Table, row_map: dict[int, int | None], target: Ref | None = None) -> None:
        """Re-point origins and cell comments after rows moved: old row -> new row (``None``: the row is
        gone, its pointers are lost). With ``target`` they move to another table (a removed duplicate's
        rows onto the kept copy); pointers on an unmapped row then stay, and are lost with the table."""

        def move(ref: Ref) -> Ref:
            if ref.row is not None and ref.row in row_map:
                row = row_map[ref.row]
                if row is None:
                    return ref if target is not None else ref.orphaned()
                ref = replace(ref, row=row)
            elif ref.row is not None and target is not None:
                return ref
            if target is not None:
                ref = replace(ref, section_id=target.section_id, block_id=target.block_id)
            return ref

        self.move_pointers(table.id, move)

    def remap_columns(self, table: Table, row: int | None, column_map: dict[int, int | None]) -> None:
        """Re-point cell comments after cells moved within a row (``row=None``: every row); a column
        mapped to ``None`` is gone and its comments are lost."""

        def move(ref: Ref) -> Ref:
            if ref.column is None or ref.column not in column_map or (row is not None and ref.row != row):
                return ref
            column = column_map[ref.column]
            return ref.orphaned() if column is None else replace(ref, column=column)

        self.move_pointers(table.id, move)

    def row_texts(self, table: Table) -> dict[int, str]:
        """The recommendation text import would make from each row that a recommendation points at."""
        rows = {r.origin.row for r in self.recommendations_on(table.id) if r.origin.row is not None}
        return {row: row_recommendation_text(table, row) for row in rows}

    def refresh_row_recommendations(self, table: Table, before: dict[int, str]) -> list[str]:
        """Recommendations still reading as import made them from a row get the repaired row's text.

        ``before`` maps each row (current numbering) to the text import made from it before the fix.
        Returns the new texts, for the change log.
        """
        refreshed = []
        for rec in self.recommendations_on(table.id):
            row = rec.origin.row
            if row is None or rec.text != before.get(row) or not rec.text:
                continue
            text = row_recommendation_text(table, row)
            if text and text != rec.text:
                self.set_value(Ref(block_id=rec.id, field="text"), text)
                refreshed.append(text)
        return refreshed

    # text
    def set_runs(self, block: Paragraph, runs: list[Run]) -> None:
        """Replace a paragraph's formatted text (the changed stretch is found by comparing)."""
        self.do(SetRuns(block.id, runs))

    def set_item(self, block: ListBlock, index: int, item: ListItem, old_full: str | None = None) -> None:
        """Replace one list item; a recommendation still reading as it did gets its new text."""
        old_full = block.items[index].full_text if old_full is None else old_full
        self.do(SetItem(block.id, index, item))
        self.refresh_item_recommendations(block, index, old_full)

    def replace_text(
        self, block: Paragraph | ListBlock, item: int | None, start: int, end: int, new: str
    ) -> None:
        """Replace ``[start, end)`` of a paragraph's text or a list item's ``full_text``; comments on the
        text keep their characters."""
        span = [start, end, start + len(new)]
        if isinstance(block, Paragraph):
            self.do(SetRuns(block.id, splice_runs(block.runs, start, end, new), span))
            return
        assert item is not None
        old_full = block.items[item].full_text
        entry, exact_span = splice_item(block.items[item], start, end, new)
        self.do(SetItem(block.id, item, entry, exact_span))
        self.refresh_item_recommendations(block, item, old_full)

    def refresh_item_recommendations(self, block: ListBlock, item: int, old_full: str) -> None:
        """A recommendation still reading as its list item did gets the item's new text."""
        new_full = block.items[item].full_text
        for rec in self.recommendations_on(block.id):
            if rec.origin.item == item and rec.text == old_full and new_full != old_full:
                self.set_value(Ref(block_id=rec.id, field="text"), new_full)

    def remove_item(self, block: ListBlock, item: int) -> None:
        """Remove a list item; recommendations made from it go too unless the analyst worked on them
        (their origin is then kept as lost)."""
        old_full = block.items[item].full_text
        for rec in self.recommendations_on(block.id):
            if rec.origin.item == item and rec.text == old_full and rec.annotation == type(rec.annotation)():
                self.remove_entry("recommendations", rec)
        self.do(RemoveItem(block.id, item))
