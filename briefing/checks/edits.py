"""Changing the model from a fix so that the change can be undone exactly.

Every fix changes the model through an :class:`Edit`, which snapshots what it is about to touch (a block,
one table row, a recommendation, a comment, a section) and removes or reinserts blocks while keeping the
id index current. :func:`undo` replays the snapshots backwards. Snapshots are as small as the change — a
row, not the whole table — so a thousand row fixes on a big table stay linear.

The helpers below also keep what points *into* the model pointing at the right place: recommendation
origins (``block_id`` + row or item) and comment anchors (row/column, or a text range).
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any

from ..edits import splice_runs
from ..importing.enrich import row_recommendation_text
from ..model import Block, Briefing, ListBlock, Paragraph, Recommendation, Section, Table


class Locator:
    """Finds sections and blocks by id in constant time; :class:`Edit` keeps it up to date."""

    def __init__(self, briefing: Briefing) -> None:
        self.briefing = briefing
        self._blocks: dict[str, tuple[Section, Block]] | None = None
        self._sections: dict[str, Section] | None = None

    def _build(self) -> None:
        self._sections = {section.id: section for section in self.briefing.sections}
        self._blocks = {block.id: (section, block) for section, block in self.briefing.blocks()}

    def invalidate(self) -> None:
        """Forget everything; the next lookup rebuilds the index."""
        self._blocks = self._sections = None

    def find(self, block_id: str) -> tuple[Section, Block] | None:
        """The block with this id and its section, or ``None``."""
        if self._blocks is None:
            self._build()
        assert self._blocks is not None
        found = self._blocks.get(block_id)
        if found is None:
            return None
        section, block = found
        # Someone outside the fix engine may have edited the model since the index was built.
        if not any(b is block for b in section.blocks):
            self._build()
            return self._blocks.get(block_id)
        return found

    def block(self, block_id: str) -> Block | None:
        """The block with this id, or ``None``."""
        found = self.find(block_id)
        return found[1] if found else None

    def section(self, section_id: str) -> Section | None:
        """The section with this id, or ``None``."""
        if self._sections is None:
            self._build()
        assert self._sections is not None
        section = self._sections.get(section_id)
        if section is None:
            self._build()
            section = self._sections.get(section_id)
        return section

    def set(self, section: Section, block: Block) -> None:
        """Record where a block now lives."""
        if self._blocks is not None:
            self._blocks[block.id] = (section, block)

    def drop(self, block_id: str) -> None:
        """Forget a removed block."""
        if self._blocks is not None:
            self._blocks.pop(block_id, None)


def index_of(items: list[Any], obj: Any) -> int:
    """Position of ``obj`` in ``items`` by identity (dataclass ``==`` compares content, not identity)."""
    return next(i for i, item in enumerate(items) if item is obj)


# --- undo steps ----------------------------------------------------------------------------------------


@dataclass
class _RestoreBlock:
    block: Block

    def undo(self, briefing: Briefing, locator: Locator) -> None:
        found = locator.find(self.block.id)
        if found:
            section, current = found
            section.blocks[index_of(section.blocks, current)] = self.block
            locator.set(section, self.block)


@dataclass
class _RestoreRow:
    block_id: str
    row: int
    cells: list[str]

    def undo(self, briefing: Briefing, locator: Locator) -> None:
        table = locator.block(self.block_id)
        if isinstance(table, Table) and self.row < len(table.rows):
            table.rows[self.row] = self.cells


@dataclass
class _Reinsert:
    section_id: str
    index: int
    block: Block

    def undo(self, briefing: Briefing, locator: Locator) -> None:
        section = locator.section(self.section_id)
        if section is not None:
            section.blocks.insert(min(self.index, len(section.blocks)), self.block)
            locator.set(section, self.block)


@dataclass
class _RestoreSection:
    section: Section
    index: int
    removed: bool

    def undo(self, briefing: Briefing, locator: Locator) -> None:
        if self.removed:
            briefing.sections.insert(min(self.index, len(briefing.sections)), self.section)
        else:
            current = next((s for s in briefing.sections if s.id == self.section.id), None)
            if current is not None:
                current.heading, current.level = self.section.heading, self.section.level
        locator.invalidate()


@dataclass
class _RestoreListEntry:
    """A recommendation or comment, put back as it was (or reinserted where it was removed)."""

    attribute: str
    entry: Any
    index: int
    removed: bool

    def undo(self, briefing: Briefing, locator: Locator) -> None:
        entries = getattr(briefing, self.attribute)
        if self.removed:
            entries.insert(min(self.index, len(entries)), self.entry)
            return
        for i, current in enumerate(entries):
            if current.id == self.entry.id:
                entries[i] = self.entry
                return


@dataclass
class _RestoreMeta:
    meta: Any

    def undo(self, briefing: Briefing, locator: Locator) -> None:
        briefing.meta = self.meta


def undo(briefing: Briefing, steps: list[Any], locator: Locator | None = None) -> None:
    """Replay recorded undo steps backwards."""
    locator = locator or Locator(briefing)
    for step in reversed(steps):
        step.undo(briefing, locator)


# --- the edit ------------------------------------------------------------------------------------------


class Edit:
    """Changes to the model made by one fix, recorded so that :func:`undo` can put everything back."""

    def __init__(self, briefing: Briefing, locator: Locator | None = None) -> None:
        self.briefing = briefing
        self.locator = locator or Locator(briefing)
        self.steps: list[Any] = []
        self._saved_blocks: set[str] = set()
        self._saved_rows: set[tuple[str, int]] = set()
        self._saved_entries: set[tuple[str, str]] = set()
        self._meta_saved = False

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

    # snapshots
    def save_block(self, block: Block) -> None:
        """Snapshot a whole block before changing it (once per fix)."""
        if block.id not in self._saved_blocks:
            self._saved_blocks.add(block.id)
            self.steps.append(_RestoreBlock(copy.deepcopy(block)))

    def save_row(self, table: Table, row: int) -> None:
        """Snapshot one body row before changing its cells (the row count must not change)."""
        if table.id in self._saved_blocks or (table.id, row) in self._saved_rows:
            return
        self._saved_rows.add((table.id, row))
        self.steps.append(_RestoreRow(table.id, row, list(table.rows[row])))

    def save_entry(self, attribute: str, entry: Any) -> None:
        """Snapshot a recommendation (``"recommendations"``) or comment (``"comments"``)."""
        if (attribute, entry.id) not in self._saved_entries:
            self._saved_entries.add((attribute, entry.id))
            entries = getattr(self.briefing, attribute)
            self.steps.append(
                _RestoreListEntry(attribute, copy.deepcopy(entry), index_of(entries, entry), False)
            )

    def remove_entry(self, attribute: str, entry: Any) -> None:
        """Remove a recommendation or comment, remembering where it was."""
        entries = getattr(self.briefing, attribute)
        index = index_of(entries, entry)
        del entries[index]
        self.steps.append(_RestoreListEntry(attribute, entry, index, True))

    def save_meta(self) -> None:
        """Snapshot the header-block metadata."""
        if not self._meta_saved:
            self._meta_saved = True
            self.steps.append(_RestoreMeta(copy.deepcopy(self.briefing.meta)))

    def save_section(self, section: Section) -> None:
        """Snapshot a section's heading and level."""
        shell = Section(section.id, section.heading, section.level, [])
        self.steps.append(_RestoreSection(shell, index_of(self.briefing.sections, section), False))

    # structure
    def remove_block(self, block_id: str, moved_to: str = "") -> Block | None:
        """Remove a block; comments on it move to ``moved_to`` or a neighbour, origins are cleared."""
        found = self.find(block_id)
        if found is None:
            return None
        section, block = found
        index = index_of(section.blocks, block)
        neighbour = moved_to or _neighbour_id(section, index)
        del section.blocks[index]
        self.locator.drop(block_id)
        self.steps.append(_Reinsert(section.id, index, block))
        for comment in self.briefing.comments:
            if comment.anchor.block_id == block_id and neighbour:
                self.save_entry("comments", comment)
                comment.anchor.block_id = neighbour
                if not moved_to:
                    comment.anchor.start = comment.anchor.end = None
                    comment.anchor.row = comment.anchor.column = None
        for rec in self.briefing.recommendations:
            if rec.origin.block_id == block_id and not moved_to:
                self.save_entry("recommendations", rec)
                rec.origin.block_id, rec.origin.row, rec.origin.item = "", None, None
        return block

    def remove_section(self, section: Section) -> None:
        """Remove a whole section (its blocks go with it)."""
        index = index_of(self.briefing.sections, section)
        del self.briefing.sections[index]
        self.steps.append(_RestoreSection(section, index, True))
        self.locator.invalidate()

    # pointers into the model
    def recommendations_on(self, block_id: str) -> list[Recommendation]:
        """Recommendations whose origin is this block."""
        return [r for r in self.briefing.recommendations if r.origin.block_id == block_id]

    def remap_rows(self, table: Table, row_map: dict[int, int | None], target_id: str = "") -> None:
        """Re-point origins and cell comments after rows moved: old row -> new row (``None``: gone).

        Rows missing from ``row_map`` keep their index. With ``target_id`` the pointers also move to
        another table (a removed duplicate's rows onto the kept copy).
        """
        new_id = target_id or table.id
        for rec in self.briefing.recommendations:
            if rec.origin.block_id == table.id and rec.origin.row is not None and rec.origin.row in row_map:
                self.save_entry("recommendations", rec)
                rec.origin.row = row_map[rec.origin.row]
                rec.origin.block_id = new_id if rec.origin.row is not None or target_id else table.id
            elif target_id and rec.origin.block_id == table.id:
                self.save_entry("recommendations", rec)
                rec.origin.block_id = new_id
        for comment in self.briefing.comments:
            anchor = comment.anchor
            if anchor.block_id != table.id:
                continue
            if anchor.row is not None and anchor.row in row_map:
                self.save_entry("comments", comment)
                anchor.row = row_map[anchor.row]
                if anchor.row is None:
                    anchor.column = None
            if target_id:
                self.save_entry("comments", comment)
                anchor.block_id = target_id

    def remap_columns(self, table: Table, row: int | None, column_map: dict[int, int]) -> None:
        """Re-point cell comments after cells moved within a row (``row=None``: every row)."""
        for comment in self.briefing.comments:
            anchor = comment.anchor
            if anchor.block_id != table.id or anchor.column is None:
                continue
            if (row is None or anchor.row == row) and anchor.column in column_map:
                self.save_entry("comments", comment)
                anchor.column = column_map[anchor.column]

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
                self.save_entry("recommendations", rec)
                rec.text = text
                refreshed.append(text)
        return refreshed

    # text
    def replace_text(
        self, block: Paragraph | ListBlock, item: int | None, start: int, end: int, new: str
    ) -> None:
        """Replace ``[start, end)`` of a paragraph's text or a list item's ``full_text``."""
        self.save_block(block)
        if isinstance(block, Paragraph):
            block.runs = splice_runs(block.runs, start, end, new)
            self._shift_anchors(block.id, start, end, len(new))
            return
        assert item is not None
        entry = block.items[item]
        old_full = entry.full_text
        term_end = len(entry.term)
        text_start = term_end + len(entry.separator)
        if entry.term and end <= term_end:
            entry.term = entry.term[:start] + new + entry.term[end:]
        elif not entry.term or start >= text_start:
            offset = text_start if entry.term else 0
            entry.text = entry.text[: start - offset] + new + entry.text[end - offset :]
        else:  # the span crosses the term's separator: keep the item as one text
            entry.text = old_full[:start] + new + old_full[end:]
            entry.term = entry.separator = ""
        if entry.separator and not entry.term.strip():  # the term was edited away: its separator goes too
            entry.term = entry.separator = ""
        self.refresh_item_recommendations(block, item, old_full)

    def refresh_item_recommendations(self, block: ListBlock, item: int, old_full: str) -> None:
        """A recommendation still reading as its list item did gets the item's new text."""
        for rec in self.recommendations_on(block.id):
            if rec.origin.item == item and rec.text == old_full:
                self.save_entry("recommendations", rec)
                rec.text = block.items[item].full_text

    def remove_item(self, block: ListBlock, item: int) -> None:
        """Remove a list item; recommendations made from it go too (unless the analyst worked on them)."""
        self.save_block(block)
        old_full = block.items[item].full_text
        del block.items[item]
        for rec in list(self.recommendations_on(block.id)):
            if rec.origin.item is None or rec.origin.item < item:
                continue
            if rec.origin.item > item:
                self.save_entry("recommendations", rec)
                rec.origin.item -= 1
            elif rec.text == old_full and rec.annotation == type(rec.annotation)():
                self.remove_entry("recommendations", rec)
            else:
                self.save_entry("recommendations", rec)
                rec.origin.block_id, rec.origin.item = "", None

    def _shift_anchors(self, block_id: str, start: int, end: int, length: int) -> None:
        delta = length - (end - start)
        for comment in self.briefing.comments:
            anchor = comment.anchor
            if anchor.block_id != block_id or anchor.start is None:
                continue
            self.save_entry("comments", comment)
            anchor.start = _shift(anchor.start, start, end, length, delta)
            if anchor.end is not None:
                anchor.end = _shift(anchor.end, start, end, length, delta)


def _shift(position: int, start: int, end: int, length: int, delta: int) -> int:
    if position >= end:
        return position + delta
    if position > start:
        return start + min(position - start, length)
    return position


def _neighbour_id(section: Section, index: int) -> str:
    if index > 0:
        return section.blocks[index - 1].id
    if index + 1 < len(section.blocks):
        return section.blocks[index + 1].id
    return ""
