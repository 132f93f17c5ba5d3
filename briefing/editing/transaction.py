"""Transactions: the one way a briefing changes.

A :class:`Transaction` applies primitive steps (:mod:`.steps`) and, after each, maps every pointer into
the briefing — comment anchors, recommendation origins, change-log targets, ignored-finding keys —
through the step, in one place (:func:`map_pointers`). It records the exact inverse as it goes: the
inverse of each step plus the old value of each pointer it moved. Undo replays the inverse without
mapping anything (it restores every pointer explicitly), and that replay returns the redo, so undo and
redo are the same operation and both are exact.

A transaction also knows which parts of the briefing it touched and can take a digest of each
(:meth:`Transaction.guard`); a corrections-log entry keeps those and the inverse, so it can be reverted
in a later session while what it touched is unchanged.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable
from typing import Any

from ..model import Block, Briefing, ListBlock, Table
from ..refs import HEADER_ROW, Ref
from .events import ChangeEvent
from .locate import Locator
from .steps import (
    POINTER_FIELDS,
    InsertBlock,
    InsertEntry,
    InsertSection,
    MoveBlock,
    MoveEntry,
    MoveSection,
    RemoveBlock,
    RemoveEntry,
    RemoveSection,
    ReplaceBlock,
    SetCell,
    SetIgnoredKey,
    SetItem,
    SetNextId,
    SetPointer,
    SetRow,
    SetValue,
    Step,
)


def map_pointers(briefing: Briefing, step: Step, loc: Locator | None = None) -> list[Step]:
    """Move every pointer into the briefing the way ``step`` moved what it points at.

    Returns the steps that put the pointers back (apply them in any order).
    """
    restores: list[Step] = []
    if type(step).map_ref is Step.map_ref:
        return restores  # the step moves nothing (a value, a cell, an entry of the log)
    # A step on one block (a text span, an item, a row, a column) moves only refs into that block: the
    # cheap test keeps a long corrections log from making every later step slower.
    only = step.scope()
    if only is None or loc is None:
        _map_holders(briefing, step, only, restores, loc)
    elif only in loc.referenced():
        _map_holders(briefing, step, only, restores, loc, loc.pointers_at(only))
    for index, key in enumerate(briefing.ignored):
        if only is not None and only not in key:
            continue
        moved_key = map_key(key, step)
        if moved_key != key:
            briefing.ignored[index] = moved_key
            restores.append(SetIgnoredKey(index, key))
    return restores


def _map_holders(
    briefing: Briefing,
    step: Step,
    only: str | None,
    restores: list[Step],
    loc: Locator | None,
    entries: list[tuple[str, Any]] | None = None,
) -> None:
    """Map the pointers of ``entries`` (every holder's entries when ``None``) through ``step``."""
    if entries is None:
        entries = [(holder, entry) for holder in POINTER_FIELDS for entry in getattr(briefing, holder)]
    for holder, entry in entries:
        name = POINTER_FIELDS[holder]
        ref = getattr(entry, name)
        if not (ref.block_id or ref.section_id) or (only is not None and ref.block_id != only):
            continue
        moved = step.map_ref(ref)
        if moved is not ref and moved != ref:
            setattr(entry, name, moved)
            restores.append(SetPointer(holder, entry.id, ref))
            if loc is not None:
                loc.pointer_moved(holder, entry)


def map_key(key: str, step: Step) -> str:
    """An ignored finding's key after ``step`` (its place may have moved; see ``Finding.key``)."""
    from ..refs import RefError, parse_ref

    rule, at, rest = key.partition("@")
    place, bar, subject = rest.partition("|")
    if not at or not place:
        return key
    try:
        ref = parse_ref(place)
    except RefError:
        return key
    moved = step.map_ref(ref)
    return key if moved == ref else f"{rule}@{moved.to_text()}{bar}{subject}"


def replay(loc: Locator, steps: Iterable[Step]) -> tuple[list[Step], list[ChangeEvent]]:
    """Apply steps in order without mapping pointers; returns the steps that undo them, and the events."""
    inverse: list[Step] = []
    events: list[ChangeEvent] = []
    for step in steps:
        inverse.append(step.apply(loc))
        events.append(step.event())
    inverse.reverse()
    return inverse, events


class Transaction:
    """One change to a briefing, made of primitive steps; one undo step, one corrections-log entry.

    Use :meth:`do` for each step. When the change is complete, :attr:`inverse` holds the steps that undo
    it; :meth:`undo` and :meth:`redo` flip between the two states exactly.
    """

    def __init__(self, briefing: Briefing, label: str = "", locator: Locator | None = None) -> None:
        self.briefing = briefing
        self.label = label
        self.loc = locator or Locator(briefing)
        #: The steps that undo everything done so far, in the order to apply them.
        self.inverse: list[Step] = []
        #: What changed, in order: what the views are told.
        self.events: list[ChangeEvent] = []
        #: The parts of the briefing this transaction changed (keys for :meth:`guard`).
        self.touched: dict[str, None] = {}
        self.next_id_before = briefing.next_id
        self.done = True
        self._units: list[list[Step]] = []

    def do(self, step: Step) -> Step:
        """Apply one step, move the pointers it moved, and record how to undo both. Returns the step."""
        inverse = step.apply(self.loc)
        restores = map_pointers(self.briefing, step, self.loc)
        self._units.append([inverse, *restores])
        self.events.append(step.event())
        for key in touched(step):
            self.touched[key] = None
        for restore in restores:
            for key in touched(restore):
                self.touched[key] = None
        return step

    def record(self, inverse: Step) -> None:
        """Record the inverse of a change made in place by the caller (a fix rewriting a whole block
        records ``ReplaceBlock(copy_of_the_old_block)`` before it starts). Pointers are not mapped: the
        caller moves them with :class:`~.steps.SetPointer` steps through :meth:`do`."""
        self._units.append([inverse])
        self.events.append(inverse.event())
        for key in touched(inverse):
            self.touched[key] = None

    def absorb(self, later: Transaction) -> None:
        """Make a later, finished transaction part of this one (typing bursts merge into one undo step)."""
        self.finish()
        self.inverse = later.inverse + self.inverse
        self.events += later.events
        self.touched.update(later.touched)

    def do_all(self, steps: Iterable[Step]) -> None:
        """Apply several steps in order."""
        for step in steps:
            self.do(step)

    def finish(self) -> Transaction:
        """Close the transaction: the inverse is ready (ids taken since it began are given back on undo)."""
        steps = [step for unit in reversed(self._units) for step in unit]
        if self.briefing.next_id != self.next_id_before:
            steps.append(SetNextId(self.next_id_before))
        self.inverse = steps + self.inverse
        self._units = []
        return self

    @property
    def empty(self) -> bool:
        """Whether nothing was changed."""
        return not self._units and not self.inverse

    def rollback(self) -> None:
        """Undo what was done so far (a step failed half-way); the briefing is as it was."""
        self.finish()
        replay(self.loc, self.inverse)
        self.inverse = []
        self.events = []

    def undo(self) -> list[ChangeEvent]:
        """Put the briefing back as it was before the transaction; returns the events."""
        if not self.done:
            return []
        self.loc.invalidate()
        self.inverse, events = replay(self.loc, self.inverse)
        self.done = False
        return events

    def redo(self) -> list[ChangeEvent]:
        """Make the transaction's change again, exactly; returns the events."""
        if self.done:
            return []
        self.loc.invalidate()
        self.inverse, events = replay(self.loc, self.inverse)
        self.done = True
        return events

    def guard(self) -> dict[str, str]:
        """A digest of each part this transaction touched, as it is now."""
        return {key: digest(self.briefing, key, self.loc) for key in self.touched}


# --- what a step touched, and a digest of it ------------------------------------------------------------

#: Lists whose changes a revert does not need to guard against: the corrections log itself, and the
#: analyst's ignored findings.
_UNGUARDED = frozenset({"changes", "ignored"})


def touched(step: Step) -> list[str]:
    """Keys of the parts of the briefing ``step`` changes (see :func:`digest`)."""
    if isinstance(step, (InsertSection, RemoveSection, MoveSection)):
        return ["sections"]
    if isinstance(step, RemoveBlock):
        # Putting the block back is exact while the same blocks stand either side of where it was (a fix
        # removing a later block of the section does not stand in the way). Only the two neighbours are
        # read, so the digest stays small in a long section. (Older guards name the whole head.)
        return [f"gap:{step.section_id}:{step.index}"]
    if isinstance(step, InsertBlock):
        return [f"section:{step.section_id}"]
    if isinstance(step, (SetRow, SetCell)):
        # One row: fixes on different rows of a table stay revertible one by one; the row count guards
        # against rows moving under the row's index.
        return [f"row:{step.block_id}:{step.row}", f"rows:{step.block_id}"]
    if isinstance(step, SetItem):
        return [f"item:{step.block_id}:{step.index}", f"items:{step.block_id}"]
    if isinstance(step, MoveBlock):
        return [f"section:{step.section_id}", f"section:{step.target_section_id}"]
    if isinstance(step, ReplaceBlock):
        return [f"block:{step.block.id}"]
    if isinstance(step, RemoveEntry) and step.list_name not in _UNGUARDED:
        # As with blocks: putting the entry back is exact while the same entries stand either side.
        return [f"entry-gap:{step.list_name}:{step.index}"]
    if isinstance(step, (InsertEntry, RemoveEntry, MoveEntry)):
        return [] if step.list_name in _UNGUARDED else [f"list:{step.list_name}"]
    if isinstance(step, SetPointer):
        return [] if step.holder in _UNGUARDED else [f"entry:{step.holder}:{step.holder_id}"]
    if isinstance(step, (SetIgnoredKey, SetNextId)):
        return []
    if isinstance(step, SetValue):
        ref = step.ref
        if not ref.block_id and not ref.section_id:
            return ["meta"]
        if not ref.block_id:
            return [f"heading:{ref.section_id}"]
        if ref.block_id.startswith(("r", "c")) and "." not in ref.block_id and ref.field:
            holder = "recommendations" if ref.block_id.startswith("r") else "comments"
            return [f"entry:{holder}:{ref.block_id}", f"block:{ref.block_id}"]
        return [f"block:{ref.block_id}"]
    block_id = getattr(step, "block_id", "")
    return [f"block:{block_id}"] if block_id else []


def digest(briefing: Briefing, key: str, loc: Locator | None = None) -> str:
    """A short digest of one part of the briefing (``block:b7``, ``section:s3``, ``meta``…) as it is now;
    ``"gone"`` when it no longer exists. A ``loc`` finds blocks in constant time."""
    from ..project import _dump

    find_block = loc.block if loc is not None else briefing.find_block
    find_section = loc.section if loc is not None else briefing.find_section

    kind, _, name = key.partition(":")
    value: Any
    if kind == "sections":
        value = [section.id for section in briefing.sections]
    elif kind == "section":
        section = find_section(name)
        value = None if section is None else [block.id for block in section.blocks]
    elif kind == "heading":
        section = find_section(name)
        value = None if section is None else [section.heading, section.level]
    elif kind == "head":
        section_id, _, count = name.rpartition(":")
        section = find_section(section_id)
        value = None if section is None else [block.id for block in section.blocks[: int(count)]]
    elif kind in ("row", "rows", "item", "items"):
        value = _part_of_block(find_block, kind, name)
    elif kind == "block":
        block = find_block(name)
        value = None if block is None else _dump(block)
        if block is None:
            entry = _find_entry(briefing, name, loc)
            value = None if entry is None else _dump(entry)
    elif kind == "meta":
        value = _dump(briefing.meta)
    elif kind == "list":
        value = [entry.id for entry in getattr(briefing, name)]
    elif kind == "gap":
        section_id, _, index = name.rpartition(":")
        section = find_section(section_id)
        value = None if section is None else [block.id for block in _neighbours(section.blocks, int(index))]
    elif kind == "entry-gap":
        list_name, _, index = name.rpartition(":")
        value = [entry.id for entry in _neighbours(getattr(briefing, list_name), int(index))]
    elif kind == "entry":
        holder, _, entry_id = name.partition(":")
        entry = _find_entry(briefing, entry_id, loc, (holder,))
        value = None if entry is None else _dump(entry)
    else:
        value = None
    if value is None:
        return "gone"
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


def _neighbours(items: list[Any], index: int) -> list[Any]:
    """What stands either side of a gap at ``index`` (one item at either end of the list)."""
    return items[max(0, index - 1) : index + 1]


def _part_of_block(find_block: Callable[[str], Block | None], kind: str, name: str) -> Any:
    """A table row's cells or a table's row count (``row``/``rows``), a list item or a list's item count
    (``item``/``items``); ``None`` when it is gone."""
    from ..project import _dump

    block_id, _, index = name.partition(":")
    block = find_block(block_id)
    if kind in ("row", "rows"):
        if not isinstance(block, Table):
            return None
        if kind == "rows":
            return len(block.rows)
        row = int(index)
        if row == HEADER_ROW:
            return block.header
        return block.rows[row] if 0 <= row < len(block.rows) else None
    if not isinstance(block, ListBlock):
        return None
    if kind == "items":
        return len(block.items)
    item = int(index)
    return _dump(block.items[item]) if 0 <= item < len(block.items) else None


def _find_entry(
    briefing: Briefing,
    entry_id: str,
    loc: Locator | None = None,
    lists: tuple[str, ...] = ("recommendations", "comments"),
) -> Any:
    for name in lists:
        if loc is not None:
            found = loc.entry(name, entry_id)
        else:
            found = next((e for e in getattr(briefing, name) if e.id == entry_id), None)
        if found is not None:
            return found
    return None


def changed_parts(briefing: Briefing, guard: dict[str, str]) -> list[str]:
    """The keys of ``guard`` whose part is no longer as the guard saw it."""
    return [key for key, value in guard.items() if digest(briefing, key) != value]


def part_ref(key: str) -> Ref:
    """A ref to the part a guard key names, for telling people what changed."""
    kind, _, name = key.partition(":")
    if kind in ("section", "heading", "head", "gap"):
        return Ref(section_id=name.partition(":")[0])
    if kind in ("row", "item"):
        block_id, _, index = name.partition(":")
        return Ref(block_id=block_id, **{kind: int(index)})  # type: ignore[arg-type]
    if kind in ("rows", "items"):
        return Ref(block_id=name)
    if kind == "block":
        return Ref(block_id=name)
    if kind == "entry":
        return Ref(block_id=name.partition(":")[2])
    if kind == "meta":
        return Ref(field="meta")
    return Ref()
