"""Editing operations on a briefing: the one place the GUI's undo commands change the model.

Each operation changes the model and returns what its inverse needs, so an undo command's ``redo()`` and
``undo()`` each call one function here. Operations keep recommendation origins and comment anchors
pointing at the same rows when rows move, so nothing the analyst attached drifts to another row.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass

from .model import (
    Anchor,
    Block,
    Briefing,
    Comment,
    ListBlock,
    ListItem,
    Paragraph,
    Recommendation,
    Run,
    Section,
    Table,
)


class EditError(ValueError):
    """An edit that does not fit the model (an unknown id, an index out of range)."""


# --- finding things ------------------------------------------------------------------------------------


def table(briefing: Briefing, table_id: str) -> Table:
    """The table with this id, or :class:`EditError`."""
    block = briefing.find_block(table_id)
    if not isinstance(block, Table):
        raise EditError(f"no table {table_id!r}")
    return block


def block_position(briefing: Briefing, block_id: str) -> tuple[int, int]:
    """(section index, block index) of a block."""
    for s_index, section in enumerate(briefing.sections):
        for b_index, block in enumerate(section.blocks):
            if block.id == block_id:
                return s_index, b_index
    raise EditError(f"no block {block_id!r}")


def section_index(briefing: Briefing, section_id: str) -> int:
    """The index of a section."""
    for index, section in enumerate(briefing.sections):
        if section.id == section_id:
            return index
    raise EditError(f"no section {section_id!r}")


# --- table cells, rows and columns -------------------------------------------------------------------


def set_cell(briefing: Briefing, table_id: str, row: int, column: int, value: str) -> str:
    """Set a body cell (``row >= 0``) or a header cell (``row == -1``); returns the old value.

    A short row is padded with empty cells up to ``column`` — the padding is what the user asked for by
    typing into a cell the source did not have. :func:`restore_row` undoes it exactly.
    """
    tbl = table(briefing, table_id)
    cells = tbl.header if row == -1 else tbl.rows[row]
    old = cells[column] if column < len(cells) else ""
    while len(cells) <= column:
        cells.append("")
    cells[column] = value
    return old


def row_cells(briefing: Briefing, table_id: str, row: int) -> list[str]:
    """A copy of a row's cells (``-1`` is the header), for exact undo of edits that pad rows."""
    tbl = table(briefing, table_id)
    return list(tbl.header if row == -1 else tbl.rows[row])


def restore_row(briefing: Briefing, table_id: str, row: int, cells: list[str]) -> None:
    """Put a row back exactly as it was (ragged length included)."""
    tbl = table(briefing, table_id)
    if row == -1:
        tbl.header[:] = cells
    else:
        tbl.rows[row][:] = cells


def insert_row(briefing: Briefing, table_id: str, index: int, cells: list[str] | None = None) -> None:
    """Insert a body row (empty cells as wide as the table unless given)."""
    tbl = table(briefing, table_id)
    tbl.rows.insert(index, list(cells) if cells is not None else [""] * max(tbl.column_count, 1))
    _shift_rows(briefing, table_id, lambda r: r + 1 if r >= index else r)


def remove_row(briefing: Briefing, table_id: str, index: int) -> tuple[list[str], list]:
    """Remove a body row; returns its cells and the origins/anchors detached from it (for undo)."""
    tbl = table(briefing, table_id)
    cells = tbl.rows.pop(index)
    detached = _detach_row(briefing, table_id, index)
    _shift_rows(briefing, table_id, lambda r: r - 1 if r > index else r)
    return cells, detached


def undo_remove_row(briefing: Briefing, table_id: str, index: int, cells: list[str], detached: list) -> None:
    """Put a removed row back, with what pointed at it."""
    tbl = table(briefing, table_id)
    tbl.rows.insert(index, cells)
    _shift_rows(briefing, table_id, lambda r: r + 1 if r >= index else r)
    for holder in detached:
        holder.row = index


def move_row(briefing: Briefing, table_id: str, source: int, target: int) -> None:
    """Move a body row from ``source`` to ``target`` (indexes after removal, like list.insert)."""
    tbl = table(briefing, table_id)
    tbl.rows.insert(target, tbl.rows.pop(source))

    def remap(r: int) -> int:
        if r == source:
            return target
        if source < r <= target:
            return r - 1
        if target <= r < source:
            return r + 1
        return r

    _shift_rows(briefing, table_id, remap)


def insert_column(briefing: Briefing, table_id: str, index: int, header: str = "") -> None:
    """Insert a column; rows too short to reach it are left as they are (ragged stays ragged)."""
    tbl = table(briefing, table_id)
    for cells, value in [(tbl.header, header), *((row, "") for row in tbl.rows)]:
        if index <= len(cells):
            cells.insert(index, value)
    if tbl.align is not None and index <= len(tbl.align):
        tbl.align.insert(index, "")
    _shift_columns(briefing, table_id, lambda c: c + 1 if c >= index else c)


def remove_column(briefing: Briefing, table_id: str, index: int) -> dict:
    """Remove a column; returns what :func:`undo_remove_column` needs to put it back exactly."""
    tbl = table(briefing, table_id)
    saved = {
        "header": tbl.header.pop(index) if index < len(tbl.header) else None,
        "rows": [row.pop(index) if index < len(row) else None for row in tbl.rows],
        "align": tbl.align.pop(index) if tbl.align is not None and index < len(tbl.align) else None,
    }
    saved["detached"] = _detach_column(briefing, table_id, index)
    _shift_columns(briefing, table_id, lambda c: c - 1 if c > index else c)
    return saved


def undo_remove_column(briefing: Briefing, table_id: str, index: int, saved: dict) -> None:
    """Put a removed column back."""
    tbl = table(briefing, table_id)
    if saved["header"] is not None:
        tbl.header.insert(index, saved["header"])
    for row, value in zip(tbl.rows, saved["rows"], strict=True):
        if value is not None:
            row.insert(index, value)
    if saved["align"] is not None and tbl.align is not None:
        tbl.align.insert(index, saved["align"])
    _shift_columns(briefing, table_id, lambda c: c + 1 if c >= index else c)
    for anchor in saved["detached"]:
        anchor.column = index


def move_column(briefing: Briefing, table_id: str, source: int, target: int) -> None:
    """Move a column in every row that has it (rows are padded to reach both positions)."""
    tbl = table(briefing, table_id)
    width = max(source, target) + 1
    for cells in [tbl.header, *tbl.rows]:
        if len(cells) > source:
            while len(cells) < width:
                cells.append("")
            cells.insert(target, cells.pop(source))


def promote_to_header(briefing: Briefing, table_id: str, index: int) -> list[str]:
    """Make body row ``index`` the header; the old header becomes that body row. Returns the old header.

    Doing it again with the same index swaps them back, so the operation is its own inverse.
    """
    tbl = table(briefing, table_id)
    old_header = tbl.header
    tbl.header = tbl.rows[index]
    tbl.rows[index] = old_header
    return old_header


def set_caption(briefing: Briefing, table_id: str, caption: str) -> str:
    """Set a table's caption; returns the old one."""
    tbl = table(briefing, table_id)
    old, tbl.caption = tbl.caption, caption
    return old


def paste_cells(
    briefing: Briefing, table_id: str, row: int, column: int, grid: list[list[str]]
) -> list[tuple[int, list[str]]]:
    """Paste a block of cells with its top-left at (row, column), adding rows as needed.

    ``row == -1`` pastes from the header row down. Returns the rows as they were before (index and
    cells; ``None`` for added rows) for undo.
    """
    tbl = table(briefing, table_id)
    saved: list[tuple[int, list[str]]] = []
    for offset, values in enumerate(grid):
        r = row + offset
        if r >= len(tbl.rows):
            tbl.rows.append([])
            saved.append((r, None))  # type: ignore[arg-type]
        else:
            saved.append((r, list(tbl.header if r == -1 else tbl.rows[r])))
        cells = tbl.header if r == -1 else tbl.rows[r]
        for c_offset, value in enumerate(values):
            c = column + c_offset
            while len(cells) <= c:
                cells.append("")
            cells[c] = value
    return saved


def undo_paste_cells(briefing: Briefing, table_id: str, saved: list[tuple[int, list[str] | None]]) -> None:
    """Undo :func:`paste_cells`."""
    tbl = table(briefing, table_id)
    for r, cells in reversed(saved):
        if cells is None:
            tbl.rows.pop(r)
        elif r == -1:
            tbl.header[:] = cells
        else:
            tbl.rows[r][:] = cells


def _shift_rows(briefing: Briefing, table_id: str, remap) -> None:
    for rec in briefing.recommendations:
        if rec.origin.block_id == table_id and rec.origin.row is not None:
            rec.origin.row = remap(rec.origin.row)
    for comment in briefing.comments:
        if comment.anchor.block_id == table_id and comment.anchor.row is not None and comment.anchor.row >= 0:
            comment.anchor.row = remap(comment.anchor.row)


def _detach_row(briefing: Briefing, table_id: str, index: int) -> list:
    """Origins and anchors on a removed row lose their row (they keep the table), and are returned."""
    detached = []
    for holder in [r.origin for r in briefing.recommendations] + [c.anchor for c in briefing.comments]:
        if holder.block_id == table_id and holder.row == index:
            holder.row = None
            detached.append(holder)
    return detached


def _shift_columns(briefing: Briefing, table_id: str, remap) -> None:
    for comment in briefing.comments:
        if comment.anchor.block_id == table_id and comment.anchor.column is not None:
            comment.anchor.column = remap(comment.anchor.column)


def _detach_column(briefing: Briefing, table_id: str, index: int) -> list:
    detached = []
    for comment in briefing.comments:
        if comment.anchor.block_id == table_id and comment.anchor.column == index:
            comment.anchor.column = None
            detached.append(comment.anchor)
    return detached


# --- text ----------------------------------------------------------------------------------------------


def set_heading(briefing: Briefing, section_id: str, heading: str) -> str:
    """Rename a section; returns the old heading."""
    section = briefing.sections[section_index(briefing, section_id)]
    old, section.heading = section.heading, heading
    return old


def set_runs(briefing: Briefing, paragraph_id: str, runs: list[Run]) -> list[Run]:
    """Replace a paragraph's formatted text; returns the old runs."""
    block = briefing.find_block(paragraph_id)
    if not isinstance(block, Paragraph):
        raise EditError(f"no paragraph {paragraph_id!r}")
    old, block.runs = block.runs, [copy.copy(run) for run in runs]
    return old


def set_items(briefing: Briefing, list_id: str, items: list[ListItem]) -> list[ListItem]:
    """Replace a list's items; returns the old ones."""
    block = briefing.find_block(list_id)
    if not isinstance(block, ListBlock):
        raise EditError(f"no list {list_id!r}")
    old, block.items = block.items, [copy.copy(item) for item in items]
    return old


def get_meta(briefing: Briefing, name: str) -> str:
    """A header-block field by name, e.g. ``title`` or ``source.publisher``."""
    target = briefing.meta
    for part in name.split("."):
        if not hasattr(target, part):
            raise EditError(f"no briefing detail {name!r}")
        target = getattr(target, part)
    return target


def set_meta(briefing: Briefing, name: str, value: str) -> str:
    """Set a header-block field, e.g. ``title`` or ``source.publisher``; returns the old value."""
    target = briefing.meta
    *path, last = name.split(".")
    for part in path:
        target = getattr(target, part)
    return _swap(target, last, value, f"no briefing detail {name!r}")


def _swap(target, name: str, value, missing: str):
    """Set an existing attribute and return its old value; :class:`EditError` if it does not exist."""
    if not hasattr(target, name):
        raise EditError(missing)
    old = getattr(target, name)
    setattr(target, name, value)
    return old


# --- sections and blocks -------------------------------------------------------------------------------


def insert_section(briefing: Briefing, index: int, section: Section) -> None:
    """Insert a section at ``index``."""
    briefing.sections.insert(index, section)


def remove_section(briefing: Briefing, index: int) -> Section:
    """Remove and return a section (with its blocks)."""
    return briefing.sections.pop(index)


def move_section(briefing: Briefing, source: int, target: int) -> None:
    """Move a section to another place in the order."""
    briefing.sections.insert(target, briefing.sections.pop(source))


def insert_block(briefing: Briefing, section_id: str, index: int, block: Block) -> None:
    """Insert a block into a section."""
    briefing.sections[section_index(briefing, section_id)].blocks.insert(index, block)


def remove_block(briefing: Briefing, block_id: str) -> tuple[str, int, Block]:
    """Remove a block; returns its section id, index and the block, for undo."""
    s_index, b_index = block_position(briefing, block_id)
    section = briefing.sections[s_index]
    return section.id, b_index, section.blocks.pop(b_index)


def move_block(briefing: Briefing, block_id: str, section_id: str, index: int) -> tuple[str, int]:
    """Move a block to ``index`` in a section (maybe another); returns where it was."""
    old_section, old_index, block = remove_block(briefing, block_id)
    insert_block(briefing, section_id, index, block)
    return old_section, old_index


def new_paragraph(briefing: Briefing, text: str = "") -> Paragraph:
    """A new paragraph with a fresh id."""
    return Paragraph(briefing.new_id("b"), [Run(text)] if text else [])


def new_list(briefing: Briefing) -> ListBlock:
    """A new list with one empty item."""
    return ListBlock(briefing.new_id("b"), [ListItem("")])


def new_table(briefing: Briefing, columns: int = 3, rows: int = 2) -> Table:
    """A new empty table."""
    return Table(
        briefing.new_id("b"),
        [f"Column {i + 1}" for i in range(columns)],
        [[""] * columns for _ in range(rows)],
    )


def new_section(briefing: Briefing, heading: str = "New section") -> Section:
    """A new empty section."""
    return Section(briefing.new_id("s"), heading, 1, [])


# --- find and replace ----------------------------------------------------------------------------------


@dataclass
class Match:
    """Where a search matched: a field of the briefing and a character range in it."""

    location: tuple  # ("meta", name) | ("heading", section_id) | ("paragraph", id) | ("item", id, i, part)
    #                | ("cell", table_id, row, column) | ("caption", table_id)
    start: int
    end: int
    text: str


def text_fields(briefing: Briefing):
    """Every editable text of the briefing with its location, in reading order."""
    meta = briefing.meta
    for name in ("title", "subtitle", "prepared_for", "prepared_by", "date", "classification"):
        yield ("meta", name), getattr(meta, name)
    for name in ("publisher", "url", "date"):
        yield ("meta", f"source.{name}"), getattr(meta.source, name)
    for section in briefing.sections:
        yield ("heading", section.id), section.heading
        for block in section.blocks:
            if isinstance(block, Paragraph):
                yield ("paragraph", block.id), block.text
            elif isinstance(block, ListBlock):
                for index, item in enumerate(block.items):
                    yield ("item", block.id, index, "term"), item.term
                    yield ("item", block.id, index, "text"), item.text
            else:
                yield ("caption", block.id), block.caption
                for column, cell in enumerate(block.header):
                    yield ("cell", block.id, -1, column), cell
                for row, cells in enumerate(block.rows):
                    for column, cell in enumerate(cells):
                        yield ("cell", block.id, row, column), cell


def find_all(briefing: Briefing, needle: str, match_case: bool = False) -> list[Match]:
    """Every occurrence of ``needle`` in the briefing's text."""
    if not needle:
        return []
    probe = needle if match_case else needle.casefold()
    found = []
    for location, text in text_fields(briefing):
        haystack = text if match_case else text.casefold()
        if len(haystack) != len(text):  # casefold changed lengths (ß → ss): search case-sensitively
            haystack, probe_here = text, needle
        else:
            probe_here = probe
        start = haystack.find(probe_here)
        while start != -1:
            found.append(Match(location, start, start + len(needle), text))
            start = haystack.find(probe_here, start + len(probe_here))
    return found


def read_field(briefing: Briefing, location: tuple) -> str:
    """The current text at a location from :func:`text_fields`."""
    return dict(text_fields(briefing)).get(location, "")


def write_field(briefing: Briefing, location: tuple, value: str) -> str:
    """Set the text at a location; returns the old text. Paragraph formatting is kept where it can be."""
    kind = location[0]
    if kind == "meta":
        return set_meta(briefing, location[1], value)
    if kind == "heading":
        return set_heading(briefing, location[1], value)
    if kind == "paragraph":
        block = briefing.find_block(location[1])
        old = block.text
        block.runs = _retext_runs(block.runs, value)
        return old
    if kind == "item":
        block = briefing.find_block(location[1])
        item = block.items[location[2]]
        old = getattr(item, location[3])
        setattr(item, location[3], value)
        return old
    if kind == "caption":
        return set_caption(briefing, location[1], value)
    _, table_id, row, column = location
    return set_cell(briefing, table_id, row, column, value)


def _retext_runs(runs: list[Run], value: str) -> list[Run]:
    """New runs carrying ``value``: the unchanged prefix and suffix keep their runs' formatting."""
    old = "".join(run.text for run in runs)
    if not runs:
        return [Run(value)] if value else []
    prefix = 0
    while prefix < min(len(old), len(value)) and old[prefix] == value[prefix]:
        prefix += 1
    suffix = 0
    limit = min(len(old), len(value)) - prefix
    while suffix < limit and old[len(old) - 1 - suffix] == value[len(value) - 1 - suffix]:
        suffix += 1
    return splice_runs(runs, prefix, len(old) - suffix, value[prefix : len(value) - suffix])


def splice_runs(runs: list[Run], start: int, end: int, new: str) -> list[Run]:
    """Runs with ``[start, end)`` of their text replaced by ``new``, in the format found at ``start``."""
    result: list[Run] = []
    position = 0
    inserted = False
    for run in runs:
        run_start, run_end = position, position + len(run.text)
        position = run_end
        keep_before = run.text[: max(0, min(start, run_end) - run_start)]
        keep_after = run.text[max(0, end - run_start) :] if end < run_end else ""
        if keep_before:
            result.append(Run(keep_before, run.bold, run.italic, run.href))
        if (
            not inserted
            and run_start <= start <= run_end
            and (start < run_end or run is runs[-1] or end == start)
        ):
            if new:
                result.append(Run(new, run.bold, run.italic, run.href))
            inserted = True
        if keep_after:
            result.append(Run(keep_after, run.bold, run.italic, run.href))
    if not inserted and new:
        result.append(Run(new))
    return [run for run in result if run.text]


def replace_all(briefing: Briefing, needle: str, replacement: str, match_case: bool = False) -> list:
    """Replace every occurrence; returns what :func:`undo_replace_all` needs (paragraph runs included)."""
    import re

    if not needle:
        return []
    pattern = re.compile(re.escape(needle), 0 if match_case else re.IGNORECASE)
    saved = []
    for location, text in list(text_fields(briefing)):
        new_text = pattern.sub(lambda _m: replacement, text)
        if new_text == text:
            continue
        if location[0] == "paragraph":
            saved.append((location, copy.deepcopy(briefing.find_block(location[1]).runs)))
        else:
            saved.append((location, text))
        write_field(briefing, location, new_text)
    return saved


def undo_replace_all(briefing: Briefing, saved: list) -> None:
    """Put back what :func:`replace_all` changed."""
    for location, old in reversed(saved):
        if location[0] == "paragraph":
            briefing.find_block(location[1]).runs = old
        else:
            write_field(briefing, location, old)


# --- recommendations -----------------------------------------------------------------------------------


def recommendation_index(briefing: Briefing, rec_id: str) -> int:
    """The index of a recommendation."""
    for index, rec in enumerate(briefing.recommendations):
        if rec.id == rec_id:
            return index
    raise EditError(f"no recommendation {rec_id!r}")


def set_recommendation_field(briefing: Briefing, rec_id: str, name: str, value: str) -> str:
    """Set ``text`` or an annotation field (``decision``, ``priority``, ``owner``, ``due``, ``comment``)."""
    rec = briefing.recommendations[recommendation_index(briefing, rec_id)]
    target = rec if name == "text" else rec.annotation
    return _swap(target, name, value, f"recommendations have no {name!r}")


def insert_recommendation(briefing: Briefing, index: int, rec: Recommendation) -> None:
    """Insert a recommendation into the register."""
    briefing.recommendations.insert(index, rec)


def remove_recommendation(briefing: Briefing, rec_id: str) -> tuple[int, Recommendation]:
    """Remove a recommendation; returns where it was and the recommendation, for undo."""
    index = recommendation_index(briefing, rec_id)
    return index, briefing.recommendations.pop(index)


def move_recommendation(briefing: Briefing, source: int, target: int) -> None:
    """Reorder the register."""
    briefing.recommendations.insert(target, briefing.recommendations.pop(source))


def new_recommendation(briefing: Briefing, text: str = "") -> Recommendation:
    """A recommendation the analyst adds (it has no origin in the article)."""
    return Recommendation(briefing.new_id("r"), text)


# --- comments ------------------------------------------------------------------------------------------


def comment_index(briefing: Briefing, comment_id: str) -> int:
    """The index of a comment."""
    for index, comment in enumerate(briefing.comments):
        if comment.id == comment_id:
            return index
    raise EditError(f"no comment {comment_id!r}")


def add_comment(briefing: Briefing, comment: Comment, index: int | None = None) -> None:
    """Add a comment (at its old place when undoing a removal)."""
    briefing.comments.insert(len(briefing.comments) if index is None else index, comment)


def remove_comment(briefing: Briefing, comment_id: str) -> tuple[int, Comment]:
    """Remove a comment; returns where it was and the comment."""
    index = comment_index(briefing, comment_id)
    return index, briefing.comments.pop(index)


def set_comment(briefing: Briefing, comment_id: str, text: str | None = None, resolved: bool | None = None):
    """Change a comment's text or resolved state; returns the old (text, resolved)."""
    comment = briefing.comments[comment_index(briefing, comment_id)]
    old = (comment.text, comment.resolved)
    if text is not None:
        comment.text = text
    if resolved is not None:
        comment.resolved = resolved
    return old


def describe_anchor(briefing: Briefing, anchor: Anchor) -> str:
    """Where a comment is, in words: "Table 2, row 3, column 1" or "paragraph: “quoted text…”"."""
    block = briefing.find_block(anchor.block_id)
    if block is None:
        rec = next((r for r in briefing.recommendations if r.id == anchor.block_id), None)
        if rec is not None:
            return f"recommendation {briefing.recommendations.index(rec) + 1}"
        section = briefing.find_section(anchor.block_id)
        return f"heading “{section.heading}”" if section else "(removed text)"
    if isinstance(block, Table):
        number = [b.id for _, b in briefing.blocks() if isinstance(b, Table)].index(block.id) + 1
        if anchor.row is None and anchor.column is None:
            return f"Table {number}"
        row = "header" if anchor.row in (None, -1) else f"row {anchor.row + 1}"
        return f"Table {number}, {row}, column {(anchor.column or 0) + 1}"
    text = block.text if isinstance(block, Paragraph) else ""
    if isinstance(block, ListBlock):
        index = anchor.row or 0
        text = block.items[index].full_text if index < len(block.items) else ""
    if anchor.start is not None and anchor.end is not None:
        quoted = text[anchor.start : anchor.end]
        return f"{block.kind}: “{quoted[:40]}{'…' if len(quoted) > 40 else ''}”"
    return f"{block.kind}: “{text[:40]}…”"
