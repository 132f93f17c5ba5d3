"""Finding sections, blocks, log entries and what points at a block, in constant time, for the editing
core and the checks."""

from __future__ import annotations

import bisect
from collections.abc import KeysView
from typing import Any

from ..model import Block, Briefing, Section, Table

#: The lists whose entries point into the briefing, and the field that points (in mapping order).
POINTER_FIELDS = {
    "comments": "anchor",
    "recommendations": "origin",
    "details": "origin",
    "changes": "target",
}
_RANK = {holder: rank for rank, holder in enumerate(POINTER_FIELDS)}


class Locator:
    """Finds sections and blocks by id in constant time; :class:`Edit` keeps it up to date.

    It also knows each block's place in its section and each table's number, and indexes the pointers
    into the briefing (comment anchors, recommendation origins, change-log targets) by the block they
    name and the log entries by id, so a fix on one block reads neither a long section nor a long
    corrections log. The steps tell it when a block or an entry comes, goes or points elsewhere; what
    it cannot follow cheaply (a block inserted, a list reordered) makes it count again when next asked.
    """

    def __init__(self, briefing: Briefing) -> None:
        self.briefing = briefing
        self._blocks: dict[str, tuple[Section, Block]] | None = None
        self._sections: dict[str, Section] | None = None
        # Where each block was in its section when the index was built, and the places of the blocks
        # removed from each section since (sorted): a block's place now is its slot less the removals
        # before it, so neither a lookup nor a removal walks a long section.
        self._slots: dict[str, int] = {}
        self._gone: dict[str, list[int]] = {}
        # block id -> {id(entry): (holder rank, sequence, holder, entry)}; a superset: an entry may be
        # listed under a block it no longer points at (callers look at the entry's pointer).
        self._pointers: dict[str, dict[int, tuple[int, int, str, Any]]] | None = None
        # id(entry) -> (the block it is filed under, or "", its sequence number)
        self._pointed_at: dict[int, tuple[str, int]] = {}
        # holder -> the sequence numbers of its entries, in list order
        self._order: dict[str, list[int]] = {}
        self._sequence = 0
        self._by_id: dict[str, dict[str, Any] | None] = {}
        self._table_order: dict[str, int] | None = None
        self._tables_removed: list[int] = []

    def _build(self) -> None:
        self._sections = {section.id: section for section in self.briefing.sections}
        self._blocks = {}
        self._slots = {}
        self._gone = {}
        for section in self.briefing.sections:
            for index, block in enumerate(section.blocks):
                self._blocks[block.id] = (section, block)
                self._slots[block.id] = index

    def invalidate(self) -> None:
        """Forget everything; the next lookup rebuilds the index."""
        self._blocks = self._sections = None
        self._pointers = None
        self._by_id = {}
        self._table_order = None

    # --- pointers into the briefing ---------------------------------------------------------------------

    def _pointer_index(self) -> dict[str, dict[int, tuple[int, int, str, Any]]]:
        if self._pointers is None:
            self._pointers = {}
            self._pointed_at = {}
            self._order = {}
            self._sequence = 0
            for holder in POINTER_FIELDS:
                for entry in getattr(self.briefing, holder):
                    self._index(holder, entry)
        return self._pointers

    def _index(self, holder: str, entry: Any) -> None:
        """File an entry under the block its pointer names (moving it if it was filed elsewhere); its
        sequence number, taken when it is first seen, keeps the lists' order."""
        assert self._pointers is not None
        block_id = getattr(entry, POINTER_FIELDS[holder]).block_id
        key = id(entry)
        old = self._pointed_at.get(key)
        if old is None:
            sequence = self._sequence
            self._sequence += 1
        else:
            if old[0] == block_id:
                return
            sequence = old[1]
            if old[0]:
                del self._pointers[old[0]][key]
        self._pointed_at[key] = (block_id, sequence)
        if old is None:
            self._order.setdefault(holder, []).append(sequence)
        if block_id:
            self._pointers.setdefault(block_id, {})[key] = (_RANK[holder], sequence, holder, entry)

    def referenced(self) -> KeysView[str]:
        """Every block id a comment, origin or change-log entry points at — possibly more, never fewer:
        a step on a block outside it moves no pointer, so the transaction need not look at each of a long
        corrections log's entries."""
        return self._pointer_index().keys()

    def pointers_at(
        self, block_id: str, holders: tuple[str, ...] = tuple(POINTER_FIELDS)
    ) -> list[tuple[str, Any]]:
        """The entries of ``holders`` whose pointer names ``block_id``, in the order of the briefing's
        lists (holders in :data:`POINTER_FIELDS` order, then list order)."""
        found = self._pointer_index().get(block_id)
        if not found:
            return []
        hits = sorted(
            (rank, sequence, holder, entry)
            for rank, sequence, holder, entry in found.values()
            if holder in holders and getattr(entry, POINTER_FIELDS[holder]).block_id == block_id
        )
        return [(holder, entry) for _, _, holder, entry in hits]

    def pointer_moved(self, holder: str, entry: Any) -> None:
        """An entry of a pointer list now points elsewhere."""
        if self._pointers is not None and holder in POINTER_FIELDS:
            self._index(holder, entry)

    def entry_inserted(self, list_name: str, index: int, entry: Any) -> None:
        """An entry joined one of the briefing's lists at ``index``."""
        entries = getattr(self.briefing, list_name)
        if list_name in POINTER_FIELDS and self._pointers is not None:
            if index == len(entries) - 1:
                self._index(list_name, entry)  # appended: it comes after everything indexed
            else:
                self._pointers = None  # list order changed under the sequence numbers
        by_id = self._by_id.get(list_name)
        if by_id is not None:
            if by_id.setdefault(_entry_id(entry), entry) is not entry:
                self._by_id.pop(list_name)  # two entries with one id: look them up the slow way

    def entry_removed(self, list_name: str, entry: Any) -> None:
        """An entry left one of the briefing's lists."""
        if list_name in POINTER_FIELDS and self._pointers is not None:
            old = self._pointed_at.pop(id(entry), None)
            if old is not None:
                if old[0]:
                    del self._pointers[old[0]][id(entry)]
                order = self._order[list_name]
                del order[bisect.bisect_left(order, old[1])]
        by_id = self._by_id.get(list_name)
        if by_id is not None and by_id.get(_entry_id(entry)) is entry:
            del by_id[_entry_id(entry)]
        elif by_id is not None:
            self._by_id.pop(list_name)

    def position(self, list_name: str, entry: Any) -> int:
        """Where an entry (this very object) is in one of the briefing's lists."""
        entries = getattr(self.briefing, list_name)
        if list_name in POINTER_FIELDS:
            self._pointer_index()
            filed = self._pointed_at.get(id(entry))
            if filed is not None:
                at = bisect.bisect_left(self._order[list_name], filed[1])
                if at < len(entries) and entries[at] is entry:
                    return at
        return index_of(entries, entry)

    def entries_reordered(self, list_name: str) -> None:
        """One of the briefing's lists was reordered."""
        if list_name in POINTER_FIELDS:
            self._pointers = None

    def entry(self, list_name: str, entry_id: str) -> Any | None:
        """The first entry of one of the briefing's lists with this id, or ``None``."""
        if list_name not in self._by_id:
            by_id: dict[str, Any] | None = {}
            for entry in getattr(self.briefing, list_name):
                if by_id.setdefault(_entry_id(entry), entry) is not entry:  # type: ignore[union-attr]
                    by_id = None  # duplicate ids: no index
                    break
            self._by_id[list_name] = by_id
        index = self._by_id[list_name]
        if index is None:
            return next((e for e in getattr(self.briefing, list_name) if _entry_id(e) == entry_id), None)
        return index.get(entry_id)

    # --- sections and blocks ----------------------------------------------------------------------------

    def find(self, block_id: str) -> tuple[Section, Block] | None:
        """The block with this id and its section, or ``None``."""
        if self._blocks is None:
            self._build()
        assert self._blocks is not None
        found = self._blocks.get(block_id)
        if found is None:
            return None
        # Someone outside the fix engine may have edited the model since the index was built.
        if self._place(block_id, found) is None:
            self._build()
            return self._blocks.get(block_id)
        return found

    def index(self, block_id: str) -> int | None:
        """Where the block is in its section, or ``None`` when there is no such block."""
        found = self.find(block_id)
        return None if found is None else self._place(block_id, found)

    def _place(self, block_id: str, found: tuple[Section, Block]) -> int | None:
        """The block's index in its section as the index has it, if the section agrees."""
        section, block = found
        slot = self._slots.get(block_id)
        if slot is not None:
            gone = self._gone.get(section.id)
            at = slot - bisect.bisect_left(gone, slot) if gone else slot
            if at < len(section.blocks) and section.blocks[at] is block:
                return at
        return None

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

    def set(self, section: Section, block: Block, moved: bool = True) -> None:
        """Record where a block now lives (``moved=False``: a new version of it took its place)."""
        if not moved:
            if self._blocks is not None:
                self._blocks[block.id] = (section, block)
            return
        # A block came or moved: the places in its section shift; count them again when next asked.
        self._blocks = self._sections = None
        self._table_order = None

    def drop(self, block_id: str) -> None:
        """Forget a removed block."""
        if self._blocks is not None:
            found = self._blocks.pop(block_id, None)
            slot = self._slots.pop(block_id, None)
            if found is not None and slot is not None:
                bisect.insort(self._gone.setdefault(found[0].id, []), slot)
        if self._table_order is not None and block_id in self._table_order:
            bisect.insort(self._tables_removed, self._table_order.pop(block_id))

    def table_number(self, block_id: str) -> int:
        """The table's number in reading order (1 for the first table), 0 when there is no such table.

        Numbers are counted once; a removed table is remembered, not recounted, so naming the kept copy
        after each of many duplicate removals stays cheap."""
        if self._table_order is None:
            tables = [block.id for _, block in self.briefing.blocks() if isinstance(block, Table)]
            self._table_order = {table_id: number for number, table_id in enumerate(tables, 1)}
            self._tables_removed = []
        number = self._table_order.get(block_id, 0)
        return number and number - bisect.bisect_left(self._tables_removed, number)


def _entry_id(entry: Any) -> str:
    return entry if isinstance(entry, str) else str(entry.id)


def index_of(items: list[Any], obj: Any) -> int:
    """Position of ``obj`` in ``items`` by identity (dataclass ``==`` compares content, not identity)."""
    return next(i for i, item in enumerate(items) if item is obj)
