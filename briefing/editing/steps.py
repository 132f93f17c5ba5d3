"""The primitive steps every change to a briefing is made of.

A step is a small dataclass. :meth:`Step.apply` makes the change and returns the step that undoes it
exactly; :meth:`Step.map_ref` says where a ref to the model as it was before the step points after it
(the same characters, item, row or cell; or the ref marked lost when that was deleted). Steps never
touch what points into the model: the transaction (:mod:`.transaction`) maps every pointer through
:meth:`Step.map_ref` in one place and records how to put each back.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field, replace
from typing import Any, ClassVar

from ..model import (
    Block,
    Change,
    Comment,
    ListBlock,
    ListItem,
    Paragraph,
    Recommendation,
    RecommendationDetail,
    Run,
    Section,
    Table,
)
from ..refs import HEADER_ROW, Ref
from .events import ChangeEvent
from .locate import POINTER_FIELDS, Locator


class StepError(ValueError):
    """A step that does not fit the model (an unknown id, an index out of range)."""


#: The lists of a briefing whose entries steps insert, remove and move, and the type of their entries.
ENTRY_LISTS: dict[str, type] = {
    "recommendations": Recommendation,
    "details": RecommendationDetail,
    "comments": Comment,
    "changes": Change,
    "ignored": str,
}


class Step:
    """A primitive change; see the module docstring."""

    #: The name in the serialised form (:mod:`.serial`).
    op: ClassVar[str] = ""

    def apply(self, loc: Locator) -> Step:
        """Make the change; return its exact inverse."""
        raise NotImplementedError

    def map_ref(self, ref: Ref) -> Ref:
        """Where ``ref`` (to the model before the step) points after it."""
        return ref

    def scope(self) -> str | None:
        """The one block whose refs :meth:`map_ref` may move, or ``None`` when it may move any (a
        whole section's). Only valid after :meth:`apply`."""
        block_id: str | None = getattr(self, "block_id", None)
        return block_id

    def event(self) -> ChangeEvent:
        """What the views are told."""
        raise NotImplementedError


# --- finding things ------------------------------------------------------------------------------------


def _block(loc: Locator, block_id: str) -> Block:
    block = loc.block(block_id)
    if block is None:
        raise StepError(f"no block {block_id!r}")
    return block


def _table(loc: Locator, block_id: str) -> Table:
    block = _block(loc, block_id)
    if not isinstance(block, Table):
        raise StepError(f"{block_id!r} is not a table")
    return block


def _list(loc: Locator, block_id: str) -> ListBlock:
    block = _block(loc, block_id)
    if not isinstance(block, ListBlock):
        raise StepError(f"{block_id!r} is not a list")
    return block


def _paragraph(loc: Locator, block_id: str) -> Paragraph:
    block = _block(loc, block_id)
    if not isinstance(block, Paragraph):
        raise StepError(f"{block_id!r} is not a paragraph")
    return block


def _section(loc: Locator, section_id: str) -> Section:
    section = loc.section(section_id)
    if section is None:
        raise StepError(f"no section {section_id!r}")
    return section


def _entry(loc: Locator, list_name: str, entry_id: str) -> Any:
    entry = loc.entry(list_name, entry_id)
    if entry is None:
        raise StepError(f"no {list_name[:-1]} {entry_id!r}")
    return entry


def _row(table: Table, row: int) -> list[str]:
    if row == HEADER_ROW:
        return table.header
    if not 0 <= row < len(table.rows):
        raise StepError(f"table {table.id!r} has no row {row}")
    return table.rows[row]


# --- text spans ----------------------------------------------------------------------------------------


def map_span(ref: Ref, start: int, end: int, length: int) -> Ref:
    """``ref``'s span after ``[start, end)`` of its text became ``length`` characters.

    The span keeps the same characters: an edit before it shifts it, an edit inside it grows or
    shrinks it, an insertion at its start goes before it. A replacement of the whole span (find and
    replace) carries the span onto the new text; a deletion of all of it leaves the ref lost.
    """
    if ref.start is None or ref.end is None:
        return ref
    a, b = ref.start, ref.end
    delta = length - (end - start)
    if end <= a:  # wholly before the span (an insertion at its start included)
        return ref.with_span(a + delta, b + delta)
    if start >= b:  # wholly after it (an insertion at its end included)
        return ref
    if start <= a and end >= b:  # the whole span was replaced or deleted
        if length == 0:
            return ref.with_span(start, start).orphaned()
        return ref.with_span(start, start + length)
    if start < a:  # the edit overlaps the span's start: the span keeps its remaining characters
        return ref.with_span(start + length, b + delta)
    if end <= b:  # inside the span: it grows or shrinks
        return ref.with_span(a, b + delta)
    return ref.with_span(a, start)  # the edit overlaps the span's end


def text_diff(old: str, new: str) -> tuple[int, int, int]:
    """``(start, old_end, new_end)``: the part of ``old`` that differs from ``new`` (common ends kept)."""
    prefix = 0
    limit = min(len(old), len(new))
    while prefix < limit and old[prefix] == new[prefix]:
        prefix += 1
    suffix = 0
    limit -= prefix
    while suffix < limit and old[len(old) - 1 - suffix] == new[len(new) - 1 - suffix]:
        suffix += 1
    return prefix, len(old) - suffix, len(new) - suffix


@dataclass
class SetRuns(Step):
    """Replace a paragraph's formatted text. ``span`` (start, old end, new end) says which part changed,
    so comments keep their characters; without it the change is found by comparing the texts."""

    op: ClassVar[str] = "set-runs"
    block_id: str
    runs: list[Run]
    span: list[int] | None = None

    def apply(self, loc: Locator) -> Step:
        paragraph = _paragraph(loc, self.block_id)
        old = paragraph.runs
        if self.span is None:
            self.span = list(text_diff(paragraph.text, "".join(run.text for run in self.runs)))
        paragraph.runs = [copy.copy(run) for run in self.runs]
        start, old_end, new_end = self.span
        return SetRuns(self.block_id, old, [start, new_end, old_end])

    def map_ref(self, ref: Ref) -> Ref:
        if ref.block_id != self.block_id or self.span is None or ref.item is not None:
            return ref
        start, old_end, new_end = self.span
        return map_span(ref, start, old_end, new_end - start)

    def event(self) -> ChangeEvent:
        return ChangeEvent("block", self.block_id)


@dataclass
class SetItem(Step):
    """Replace one list item (text, term, level, marker). ``span`` as in :class:`SetRuns`, over the
    item's full text."""

    op: ClassVar[str] = "set-item"
    block_id: str
    index: int
    item: ListItem
    span: list[int] | None = None

    def apply(self, loc: Locator) -> Step:
        block = _list(loc, self.block_id)
        if not 0 <= self.index < len(block.items):
            raise StepError(f"list {self.block_id!r} has no item {self.index}")
        old = block.items[self.index]
        if self.span is None:
            self.span = list(text_diff(old.full_text, self.item.full_text))
        block.items[self.index] = copy.copy(self.item)
        start, old_end, new_end = self.span
        return SetItem(self.block_id, self.index, old, [start, new_end, old_end])

    def map_ref(self, ref: Ref) -> Ref:
        if ref.block_id != self.block_id or ref.item != self.index or self.span is None:
            return ref
        start, old_end, new_end = self.span
        return map_span(ref, start, old_end, new_end - start)

    def event(self) -> ChangeEvent:
        return ChangeEvent("block", self.block_id, ref=Ref(block_id=self.block_id, item=self.index))


# --- values --------------------------------------------------------------------------------------------

#: Attributes of the header block, recommendations and comments that :class:`SetValue` may set.
_META = frozenset(
    "title subtitle classification purpose prepared_by prepared_for date summary decision_by "
    "source.publisher source.url source.date".split()
)
_RECOMMENDATION = frozenset(
    "text annotation.decision annotation.priority annotation.owner annotation.due annotation.comment".split()
)
_COMMENT = frozenset("text author initials date resolved".split())
_SECTION = frozenset({"heading", "level", "placement"})
_TABLE = frozenset({"caption", "align"})
_LIST = frozenset({"ordered"})


def _holder(loc: Locator, ref: Ref) -> tuple[Any, str]:
    """The object and attribute a value ref names (dotted fields walk into nested dataclasses)."""
    name = ref.field
    if ref.block_id == "" and ref.section_id == "":
        if name.removeprefix("meta.") not in _META:
            raise StepError(f"no briefing detail {name!r}")
        target: Any = loc.briefing.meta
        name = name.removeprefix("meta.")
    elif ref.block_id == "":
        if name not in _SECTION:
            raise StepError(f"sections have no {name!r}")
        target = _section(loc, ref.section_id)
    elif ref.block_id.startswith("r") and loc.block(ref.block_id) is None:
        if name not in _RECOMMENDATION:
            raise StepError(f"recommendations have no {name!r}")
        target = _entry(loc, "recommendations", ref.block_id)
    elif ref.block_id.startswith("c") and loc.block(ref.block_id) is None:
        if name not in _COMMENT:
            raise StepError(f"comments have no {name!r}")
        target = _entry(loc, "comments", ref.block_id)
    else:
        block = _block(loc, ref.block_id)
        allowed = _TABLE if isinstance(block, Table) else _LIST if isinstance(block, ListBlock) else set()
        if name not in allowed:
            raise StepError(f"a {block.kind} has no {name!r}")
        target = block
    *path, last = name.split(".")
    for part in path:
        target = getattr(target, part)
    return target, last


@dataclass
class SetValue(Step):
    """Set one named value: a header-block detail, a section's heading or level, a table's caption or
    column alignment, a list's numbering, a recommendation's text or annotation, a comment's text or
    resolved state. ``ref.field`` names it."""

    op: ClassVar[str] = "set-value"
    ref: Ref
    value: Any

    def apply(self, loc: Locator) -> Step:
        target, name = _holder(loc, self.ref)
        old = getattr(target, name)
        setattr(target, name, copy.copy(self.value))
        return SetValue(self.ref, old)

    def event(self) -> ChangeEvent:
        ref = self.ref
        if not ref.block_id and not ref.section_id:
            return ChangeEvent("meta", ref.field)
        if not ref.block_id:
            return ChangeEvent("section", ref.section_id, ref=ref)  # the field says heading or placement
        if ref.block_id.startswith("r") and ref.field in _RECOMMENDATION:
            return ChangeEvent("recommendation", ref.block_id)
        if ref.block_id.startswith("c") and ref.field in _COMMENT:
            return ChangeEvent("comment", ref.block_id)
        return ChangeEvent("block", ref.block_id)


@dataclass
class SetCell(Step):
    """Set one table cell (``row`` ``HEADER_ROW`` for the header). A short row is padded with empty
    cells to reach ``column`` — what the user asked for by typing into a cell the source did not have;
    the inverse puts the row back at its old length."""

    op: ClassVar[str] = "set-cell"
    block_id: str
    row: int
    column: int
    value: str

    def apply(self, loc: Locator) -> Step:
        cells = _row(_table(loc, self.block_id), self.row)
        if self.column < len(cells):
            old = cells[self.column]
            cells[self.column] = self.value
            return SetCell(self.block_id, self.row, self.column, old)
        before = list(cells)
        cells.extend([""] * (self.column + 1 - len(cells)))
        cells[self.column] = self.value
        return SetRow(self.block_id, self.row, before)

    def event(self) -> ChangeEvent:
        return ChangeEvent("block", self.block_id, ref=Ref(block_id=self.block_id, row=self.row))


@dataclass
class SetRow(Step):
    """Replace a row's cells (its length may change); comments on its cells stay on the same columns."""

    op: ClassVar[str] = "set-row"
    block_id: str
    row: int
    cells: list[str]

    def apply(self, loc: Locator) -> Step:
        cells = _row(_table(loc, self.block_id), self.row)
        old = list(cells)
        cells[:] = self.cells
        return SetRow(self.block_id, self.row, old)

    def event(self) -> ChangeEvent:
        return ChangeEvent("block", self.block_id, ref=Ref(block_id=self.block_id, row=self.row))


# --- sections and blocks -------------------------------------------------------------------------------


@dataclass
class InsertSection(Step):
    """Insert a section (with its blocks) at ``index``."""

    op: ClassVar[str] = "insert-section"
    index: int
    section: Section

    def apply(self, loc: Locator) -> Step:
        sections = loc.briefing.sections
        if not 0 <= self.index <= len(sections):
            raise StepError(f"no place {self.index} for a section")
        sections.insert(self.index, self.section)
        loc.invalidate()
        return RemoveSection(self.index)

    def event(self) -> ChangeEvent:
        return ChangeEvent("section", self.section.id, "inserted")


@dataclass
class RemoveSection(Step):
    """Remove the section at ``index`` with its blocks; what pointed into it is lost."""

    op: ClassVar[str] = "remove-section"
    index: int
    _removed: Section | None = field(default=None, repr=False, compare=False)
    #: The ids of the removed section's blocks: every pointer is tested against them.
    _block_ids: frozenset[str] = field(default=frozenset(), repr=False, compare=False)

    def apply(self, loc: Locator) -> Step:
        sections = loc.briefing.sections
        if not 0 <= self.index < len(sections):
            raise StepError(f"no section at {self.index}")
        self._removed = sections.pop(self.index)
        self._block_ids = frozenset(block.id for block in self._removed.blocks)
        loc.invalidate()
        return InsertSection(self.index, self._removed)

    def map_ref(self, ref: Ref) -> Ref:
        section = self._removed
        if section is None:
            return ref
        if ref.section_id == section.id or ref.block_id in self._block_ids:
            return ref.orphaned()
        return ref

    def event(self) -> ChangeEvent:
        return ChangeEvent("section", self._removed.id if self._removed else "", "removed")


@dataclass
class MoveSection(Step):
    """Move a section from ``source`` to ``target`` (an index after removal, like ``list.insert``)."""

    op: ClassVar[str] = "move-section"
    source: int
    target: int

    def apply(self, loc: Locator) -> Step:
        sections = loc.briefing.sections
        if not (0 <= self.source < len(sections) and 0 <= self.target < len(sections)):
            raise StepError(f"cannot move section {self.source} to {self.target}")
        sections.insert(self.target, sections.pop(self.source))
        self._id = sections[self.target].id
        return MoveSection(self.target, self.source)

    def event(self) -> ChangeEvent:
        return ChangeEvent("section", getattr(self, "_id", ""), "moved")


@dataclass
class InsertBlock(Step):
    """Insert a block into a section at ``index``."""

    op: ClassVar[str] = "insert-block"
    section_id: str
    index: int
    block: Block

    def apply(self, loc: Locator) -> Step:
        section = _section(loc, self.section_id)
        if not 0 <= self.index <= len(section.blocks):
            raise StepError(f"no place {self.index} in section {self.section_id!r}")
        section.blocks.insert(self.index, self.block)
        loc.set(section, self.block)
        return RemoveBlock(self.section_id, self.index)

    def event(self) -> ChangeEvent:
        return ChangeEvent("block", self.block.id, "inserted", Ref(self.section_id, self.block.id))


@dataclass
class RemoveBlock(Step):
    """Remove the block at ``index`` of a section; what pointed at it is lost."""

    op: ClassVar[str] = "remove-block"
    section_id: str
    index: int
    _removed_id: str = field(default="", repr=False, compare=False)

    def apply(self, loc: Locator) -> Step:
        section = _section(loc, self.section_id)
        if not 0 <= self.index < len(section.blocks):
            raise StepError(f"section {self.section_id!r} has no block {self.index}")
        block = section.blocks.pop(self.index)
        loc.drop(block.id)
        self._removed_id = block.id
        return InsertBlock(self.section_id, self.index, block)

    def map_ref(self, ref: Ref) -> Ref:
        return ref.orphaned() if ref.block_id and ref.block_id == self._removed_id else ref

    def scope(self) -> str | None:
        return self._removed_id

    def event(self) -> ChangeEvent:
        return ChangeEvent("block", self._removed_id, "removed", Ref(self.section_id, self._removed_id))


@dataclass
class MoveBlock(Step):
    """Move a block to ``target_index`` of a section (maybe another); refs to it follow."""

    op: ClassVar[str] = "move-block"
    section_id: str
    index: int
    target_section_id: str
    target_index: int
    _moved_id: str = field(default="", repr=False, compare=False)

    def apply(self, loc: Locator) -> Step:
        source = _section(loc, self.section_id)
        target = _section(loc, self.target_section_id)
        if not 0 <= self.index < len(source.blocks):
            raise StepError(f"section {self.section_id!r} has no block {self.index}")
        block = source.blocks.pop(self.index)
        if not 0 <= self.target_index <= len(target.blocks):
            source.blocks.insert(self.index, block)
            raise StepError(f"no place {self.target_index} in section {self.target_section_id!r}")
        target.blocks.insert(self.target_index, block)
        loc.set(target, block)
        self._moved_id = block.id
        return MoveBlock(self.target_section_id, self.target_index, self.section_id, self.index)

    def map_ref(self, ref: Ref) -> Ref:
        if ref.block_id and ref.block_id == self._moved_id and ref.section_id != self.target_section_id:
            return replace(ref, section_id=self.target_section_id)
        return ref

    def scope(self) -> str | None:
        return self._moved_id

    def event(self) -> ChangeEvent:
        return ChangeEvent("block", self._moved_id, "moved", Ref(self.target_section_id, self._moved_id))


@dataclass
class ReplaceBlock(Step):
    """Put another version of a block (same id) in its place — how a fix that rewrites a whole table
    records its inverse. Pointers into it are the caller's to move (the fix knows where rows went)."""

    op: ClassVar[str] = "replace-block"
    block: Block

    def apply(self, loc: Locator) -> Step:
        found = loc.find(self.block.id)
        if found is None:
            raise StepError(f"no block {self.block.id!r}")
        section, current = found
        index = loc.index(self.block.id)
        assert index is not None  # found just now
        section.blocks[index] = self.block
        loc.set(section, self.block, moved=isinstance(current, Table) != isinstance(self.block, Table))
        return ReplaceBlock(current)

    def event(self) -> ChangeEvent:
        return ChangeEvent("block", self.block.id, "replaced")


# --- list items and table rows --------------------------------------------------------------------------


def _shift_index(value: int | None, index: int, inserted: bool) -> int | None:
    if value is None:
        return None
    if inserted:
        return value + 1 if value >= index else value
    return value - 1 if value > index else value


def _moved_index(value: int, source: int, target: int) -> int:
    if value == source:
        return target
    if source < value <= target:
        return value - 1
    if target <= value < source:
        return value + 1
    return value


class _Positions(Step):
    """What the steps on list items and on body rows share: a sequence in one block, and refs that
    name a position in it (``Ref.item`` for items, ``Ref.row`` for rows; the header row is no position)."""

    #: The ref field that names a position: ``item`` or ``row``.
    axis: ClassVar[str] = ""
    block_id: str

    def _sequence(self, loc: Locator) -> list[Any]:
        if self.axis == "item":
            return _list(loc, self.block_id).items
        return _table(loc, self.block_id).rows

    def _where(self) -> str:
        return f"{'list' if self.axis == 'item' else 'table'} {self.block_id!r}"

    def _position(self, ref: Ref) -> int | None:
        if ref.block_id != self.block_id:
            return None
        value: int | None = getattr(ref, self.axis)
        return None if value is None or value < 0 else value

    def _at(self, ref: Ref, value: int) -> Ref:
        return replace(ref, item=value) if self.axis == "item" else replace(ref, row=value)

    def event(self) -> ChangeEvent:
        if self.axis == "row":
            return ChangeEvent("block", self.block_id, "rows")
        return ChangeEvent("block", self.block_id)


class _Insert(_Positions):
    """Insert ``value`` at ``index``; refs to later positions follow them."""

    index: int

    def _value(self) -> Any:
        raise NotImplementedError

    def apply(self, loc: Locator) -> Step:
        sequence = self._sequence(loc)
        if not 0 <= self.index <= len(sequence):
            raise StepError(f"no place {self.index} in {self._where()}")
        sequence.insert(self.index, self._value())
        return (RemoveItem if self.axis == "item" else RemoveRow)(self.block_id, self.index)

    def map_ref(self, ref: Ref) -> Ref:
        position = self._position(ref)
        return ref if position is None or position < self.index else self._at(ref, position + 1)


class _Remove(_Positions):
    """Remove the entry at ``index``; refs to it are lost, refs to later positions follow them."""

    index: int

    def apply(self, loc: Locator) -> Step:
        sequence = self._sequence(loc)
        if not 0 <= self.index < len(sequence):
            raise StepError(f"{self._where()} has no {self.axis} {self.index}")
        value = sequence.pop(self.index)
        return (InsertItem if self.axis == "item" else InsertRow)(self.block_id, self.index, value)

    def map_ref(self, ref: Ref) -> Ref:
        position = self._position(ref)
        if position is None or position < self.index:
            return ref
        return ref.orphaned() if position == self.index else self._at(ref, position - 1)


class _Move(_Positions):
    """Move the entry at ``source`` to ``target`` (an index after removal, like ``list.insert``)."""

    source: int
    target: int

    def apply(self, loc: Locator) -> Step:
        sequence = self._sequence(loc)
        if not (0 <= self.source < len(sequence) and 0 <= self.target < len(sequence)):
            raise StepError(f"cannot move {self.axis} {self.source} to {self.target} in {self._where()}")
        sequence.insert(self.target, sequence.pop(self.source))
        return type(self)(self.block_id, self.target, self.source)  # type: ignore[call-arg]

    def map_ref(self, ref: Ref) -> Ref:
        position = self._position(ref)
        return ref if position is None else self._at(ref, _moved_index(position, self.source, self.target))


@dataclass
class InsertItem(_Insert):
    """Insert a list item."""

    op: ClassVar[str] = "insert-item"
    axis: ClassVar[str] = "item"
    block_id: str
    index: int
    item: ListItem

    def _value(self) -> Any:
        return self.item

    def event(self) -> ChangeEvent:
        return ChangeEvent("block", self.block_id, ref=Ref(block_id=self.block_id, item=self.index))


@dataclass
class RemoveItem(_Remove):
    """Remove a list item."""

    op: ClassVar[str] = "remove-item"
    axis: ClassVar[str] = "item"
    block_id: str
    index: int


@dataclass
class MoveItem(_Move):
    """Move a list item."""

    op: ClassVar[str] = "move-item"
    axis: ClassVar[str] = "item"
    block_id: str
    source: int
    target: int


# --- table rows and columns ----------------------------------------------------------------------------


@dataclass
class InsertRow(_Insert):
    """Insert a body row."""

    op: ClassVar[str] = "insert-row"
    axis: ClassVar[str] = "row"
    block_id: str
    index: int
    cells: list[str]

    def _value(self) -> Any:
        return list(self.cells)


@dataclass
class RemoveRow(_Remove):
    """Remove a body row."""

    op: ClassVar[str] = "remove-row"
    axis: ClassVar[str] = "row"
    block_id: str
    index: int


@dataclass
class MoveRow(_Move):
    """Move a body row."""

    op: ClassVar[str] = "move-row"
    axis: ClassVar[str] = "row"
    block_id: str
    source: int
    target: int


@dataclass
class SwapHeader(Step):
    """Body row ``index`` and the header row change places (its own inverse)."""

    op: ClassVar[str] = "swap-header"
    block_id: str
    index: int

    def apply(self, loc: Locator) -> Step:
        table = _table(loc, self.block_id)
        if not 0 <= self.index < len(table.rows):
            raise StepError(f"table {self.block_id!r} has no row {self.index}")
        table.header, table.rows[self.index] = table.rows[self.index], table.header
        return SwapHeader(self.block_id, self.index)

    def map_ref(self, ref: Ref) -> Ref:
        if ref.block_id != self.block_id or ref.row is None:
            return ref
        if ref.row == HEADER_ROW:
            return replace(ref, row=self.index)
        return replace(ref, row=HEADER_ROW) if ref.row == self.index else ref

    def event(self) -> ChangeEvent:
        return ChangeEvent("block", self.block_id, "rows")


@dataclass
class InsertColumn(Step):
    """Insert a cell at ``index`` in the header and in each body row whose value is not ``None``
    (rows too short to reach the column stay as they are: ragged stays ragged).

    ``None`` is for rows with no cell at ``index`` only, and ``align`` is ``None`` only where the
    alignments stop before it: the inverse removes the column from every row that has it, so a row
    with a cell there that got none would lose it on undo.
    """

    op: ClassVar[str] = "insert-column"
    block_id: str
    index: int
    header: str | None
    cells: list[str | None]
    align: str | None = None

    def apply(self, loc: Locator) -> Step:
        table = _table(loc, self.block_id)
        if len(self.cells) != len(table.rows):
            raise StepError(f"table {self.block_id!r} has {len(table.rows)} rows, not {len(self.cells)}")
        rows = [(table.header, self.header), *zip(table.rows, self.cells, strict=True)]
        for cells, value in rows:
            if value is not None and self.index > len(cells):
                raise StepError(f"a row of table {self.block_id!r} is too short for column {self.index}")
            if value is None and self.index < len(cells):
                raise StepError(
                    f"a row of table {self.block_id!r} has a column {self.index} and no cell for it"
                )
        if table.align is not None and self.align is None and self.index < len(table.align):
            raise StepError(
                f"table {self.block_id!r} has an alignment for column {self.index} and none for it"
            )
        for cells, value in rows:
            if value is not None:
                cells.insert(self.index, value)
        if self.align is not None and table.align is not None:
            table.align.insert(self.index, self.align)
        return RemoveColumn(self.block_id, self.index)

    def map_ref(self, ref: Ref) -> Ref:
        if ref.block_id != self.block_id or ref.column is None:
            return ref
        return replace(ref, column=_shift_index(ref.column, self.index, True))

    def event(self) -> ChangeEvent:
        return ChangeEvent("block", self.block_id, "columns")


@dataclass
class RemoveColumn(Step):
    """Remove column ``index`` from every row that has it; refs to its cells are lost."""

    op: ClassVar[str] = "remove-column"
    block_id: str
    index: int

    def apply(self, loc: Locator) -> Step:
        table = _table(loc, self.block_id)

        def take(cells: list[str]) -> str | None:
            return cells.pop(self.index) if self.index < len(cells) else None

        header = take(table.header)
        cells = [take(row) for row in table.rows]
        align = None
        if table.align is not None and self.index < len(table.align):
            align = table.align.pop(self.index)
        return InsertColumn(self.block_id, self.index, header, cells, align)

    def map_ref(self, ref: Ref) -> Ref:
        if ref.block_id != self.block_id or ref.column is None:
            return ref
        if ref.column == self.index:
            return ref.orphaned()
        return replace(ref, column=_shift_index(ref.column, self.index, False))

    def event(self) -> ChangeEvent:
        return ChangeEvent("block", self.block_id, "columns")


@dataclass
class MoveColumn(Step):
    """Move a column in every row long enough to hold both places (shorter rows are padded first by the
    operation that moves a column, so this step stays exactly invertible)."""

    op: ClassVar[str] = "move-column"
    block_id: str
    source: int
    target: int

    def apply(self, loc: Locator) -> Step:
        table = _table(loc, self.block_id)
        reach = max(self.source, self.target)
        for cells in [table.header, *table.rows]:
            if len(cells) > reach:
                cells.insert(self.target, cells.pop(self.source))
        if table.align is not None and len(table.align) > reach:
            table.align.insert(self.target, table.align.pop(self.source))
        return MoveColumn(self.block_id, self.target, self.source)

    def map_ref(self, ref: Ref) -> Ref:
        if ref.block_id != self.block_id or ref.column is None:
            return ref
        return replace(ref, column=_moved_index(ref.column, self.source, self.target))

    def event(self) -> ChangeEvent:
        return ChangeEvent("block", self.block_id, "columns")


# --- recommendations, comments, the change log and ignored findings --------------------------------------


@dataclass
class InsertEntry(Step):
    """Insert a recommendation, comment, change-log entry or ignored-finding key."""

    op: ClassVar[str] = "insert-entry"
    list_name: str
    index: int
    entry: Any

    def apply(self, loc: Locator) -> Step:
        entries = _entries(loc, self.list_name)
        if not 0 <= self.index <= len(entries):
            raise StepError(f"no place {self.index} in the {self.list_name}")
        entries.insert(self.index, self.entry)
        loc.entry_inserted(self.list_name, self.index, self.entry)
        return RemoveEntry(self.list_name, self.index)

    def event(self) -> ChangeEvent:
        return ChangeEvent(self.list_name, _entry_id(self.entry), "inserted")


@dataclass
class RemoveEntry(Step):
    """Remove the entry at ``index`` of one of the briefing's lists."""

    op: ClassVar[str] = "remove-entry"
    list_name: str
    index: int
    _id: str = field(default="", repr=False, compare=False)

    def apply(self, loc: Locator) -> Step:
        entries = _entries(loc, self.list_name)
        if not 0 <= self.index < len(entries):
            raise StepError(f"the {self.list_name} have no entry {self.index}")
        entry = entries.pop(self.index)
        loc.entry_removed(self.list_name, entry)
        self._id = _entry_id(entry)
        return InsertEntry(self.list_name, self.index, entry)

    def map_ref(self, ref: Ref) -> Ref:
        # A comment on a removed recommendation is lost with it.
        if self.list_name == "recommendations" and ref.block_id == self._id and not ref.field:
            return ref.orphaned()
        return ref

    def scope(self) -> str | None:
        return self._id

    def event(self) -> ChangeEvent:
        return ChangeEvent(self.list_name, self._id, "removed")


@dataclass
class MoveEntry(Step):
    """Reorder one of the briefing's lists (the recommendations register)."""

    op: ClassVar[str] = "move-entry"
    list_name: str
    source: int
    target: int

    def apply(self, loc: Locator) -> Step:
        entries = _entries(loc, self.list_name)
        if not (0 <= self.source < len(entries) and 0 <= self.target < len(entries)):
            raise StepError(f"cannot move entry {self.source} to {self.target}")
        entries.insert(self.target, entries.pop(self.source))
        loc.entries_reordered(self.list_name)
        self._id = _entry_id(entries[self.target])
        return MoveEntry(self.list_name, self.target, self.source)

    def event(self) -> ChangeEvent:
        return ChangeEvent(self.list_name, getattr(self, "_id", ""), "moved")


@dataclass
class SetPointer(Step):
    """Point a comment's anchor, a recommendation's origin or a change-log entry's target elsewhere
    (``holder`` is ``comments``, ``recommendations`` or ``changes``); for ``ignored``, ``holder_id`` is
    the old key and ``value`` the new key. How the transaction records moved pointers, and how a fix
    moves comments onto the copy of a table it keeps."""

    op: ClassVar[str] = "set-pointer"
    holder: str
    holder_id: str
    ref: Ref

    def apply(self, loc: Locator) -> Step:
        entry = _entry(loc, self.holder, self.holder_id)
        name = POINTER_FIELDS[self.holder]
        old = getattr(entry, name)
        setattr(entry, name, self.ref)
        loc.pointer_moved(self.holder, entry)
        return SetPointer(self.holder, self.holder_id, old)

    def event(self) -> ChangeEvent:
        return ChangeEvent(self.holder, self.holder_id)


@dataclass
class SetIgnoredKey(Step):
    """Replace the ignored-finding key at ``index`` (its place moved)."""

    op: ClassVar[str] = "set-ignored-key"
    index: int
    key: str

    def apply(self, loc: Locator) -> Step:
        ignored = loc.briefing.ignored
        old = ignored[self.index]
        ignored[self.index] = self.key
        return SetIgnoredKey(self.index, old)

    def event(self) -> ChangeEvent:
        return ChangeEvent("ignored", "")


@dataclass
class SetNextId(Step):
    """Set the counter new ids come from (undo and redo of a transaction that took ids)."""

    op: ClassVar[str] = "set-next-id"
    value: int

    def apply(self, loc: Locator) -> Step:
        old = loc.briefing.next_id
        loc.briefing.next_id = self.value
        return SetNextId(old)

    def event(self) -> ChangeEvent:
        return ChangeEvent("ids", "")


def _entries(loc: Locator, list_name: str) -> list[Any]:
    if list_name not in ENTRY_LISTS:
        raise StepError(f"no list {list_name!r}")
    entries: list[Any] = getattr(loc.briefing, list_name)
    return entries


def _entry_id(entry: Any) -> str:
    return entry if isinstance(entry, str) else str(entry.id)


#: Every step class by its serialised name.
STEP_TYPES: dict[str, type[Step]] = {
    cls.op: cls
    for cls in (
        SetRuns,
        SetItem,
        SetValue,
        SetCell,
        SetRow,
        InsertSection,
        RemoveSection,
        MoveSection,
        InsertBlock,
        RemoveBlock,
        MoveBlock,
        ReplaceBlock,
        InsertItem,
        RemoveItem,
        MoveItem,
        InsertRow,
        RemoveRow,
        MoveRow,
        SwapHeader,
        InsertColumn,
        RemoveColumn,
        MoveColumn,
        InsertEntry,
        RemoveEntry,
        MoveEntry,
        SetPointer,
        SetIgnoredKey,
        SetNextId,
    )
}
