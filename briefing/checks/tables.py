"""Table shape rules: empty columns, repeated and duplicated cells, ragged rows, caption rows, empty rows.

Everything is measured against the header's *content width*: the header without its trailing empty
cells (``| Flight Duration | |||`` has four columns, not seven). A row longer than that is either a
repeat (a run of cells printed twice, which explains the overflow exactly) or a genuinely long row, whose
extra cells are never dropped silently: the user picks between merging them into the last column and
adding columns.

Each action re-measures the table when it runs, so a fix whose problem is gone does nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

from .. import patterns
from ..editing.steps import SwapHeader
from ..model import Section, Table
from ..refs import HEADER_ROW, Ref
from .context import CheckContext, content_width, normalise
from .edits import Edit
from .findings import Finding, Fix, Outcome
from .rules import RULES
from .spans import block_text, pipe_row

_CAPTION = patterns.compile(
    r"^(?:table|figure|fig\.|chart|source|sources|note|notes|units?|all (?:figures|amounts|values)|figures|"
    r"amounts|values|data)\b|^\(.*\)$|:$|\b(?:in (?:USD|US\$|EUR|GBP|km|kg|tonnes|millions?|billions?|"
    r"thousands?|percent)|millions|billions|per cent)\b",
    re.IGNORECASE,
)


def header_width(table: Table) -> int:
    """How many columns the table really has: the header's content width (rows' for an empty header)."""
    width = content_width(table.header)
    if width == 0:
        width = max((content_width(row) for row in table.rows), default=0)
    return width


def filled_width(table: Table) -> int:
    """Columns up to the last one with text in the header or any row: past it, every column is empty.

    A header cell left empty over filled cells is a missing column name, not an empty column.
    """
    return max([content_width(table.header), *(content_width(row) for row in table.rows)])


def trimmed_length(row: list[str], width: int) -> int:
    """The row's length once trailing empty cells beyond ``width`` are dropped."""
    return len(row) if len(row) <= width else max(width, content_width(row))


def short_header(table: Table) -> int:
    """By how many cells the header is shorter than every row, when all rows agree on one longer
    length (two rows at least): the column names are then shifted or one is missing, which is one
    problem of the table, not one of each row. 0 otherwise."""
    width = len(table.header)
    if content_width(table.header) == 0 or len(table.rows) < 2:
        return 0
    # A row with text and no more cells than the header is not longer than it: no need to measure all.
    if any(len(row) <= width and any(cell.strip() for cell in row) for row in table.rows):
        return 0
    lengths = {content_width(row) for row in table.rows if any(cell.strip() for cell in row)}
    if len(lengths) != 1 or is_caption_row(table):
        return 0
    (length,) = lengths
    if length <= width:
        return 0
    # Rows long because a cell was printed twice are each row's problem (table.duplicated-cell).
    repeats = sum(1 for row in table.rows if find_repeat(row, width) is not None)
    return 0 if repeats * 2 > len(table.rows) else length - width


def row_key(cells: list[str]) -> tuple[str, ...]:
    """A row for comparing: normalised cells without trailing empty ones."""
    return tuple(normalise(cell) for cell in cells[: content_width(cells)])


def find_repeat(row: list[str], width: int) -> tuple[int, int] | None:
    """``(start, length)`` of a run printed twice in a row that overflows ``width`` by exactly that run."""
    length = trimmed_length(row, width) - width
    if length < 1 or width < 1:
        return None
    for start in range(0, width - length + 1):
        run = row[start : start + length]
        if any(cell.strip() for cell in run) and run == row[start + length : start + 2 * length]:
            return start, length
    return None


def is_caption_row(table: Table) -> bool:
    """A header with one filled cell over rows of several: a caption or units note, not column names."""
    filled = [cell for cell in table.header if cell.strip()]
    if len(filled) != 1 or not table.header[0].strip() or not table.rows:
        return False
    if sum(1 for cell in table.rows[0] if cell.strip()) < 2:
        return False
    text = filled[0]
    return bool(_CAPTION.search(text)) or len(text.split()) >= 5


def describe_table(table: Table) -> str:
    """A short name for a table in messages: its first header cells."""
    names = [cell for cell in table.header if cell.strip()]
    if not names:
        return "a table"
    return "the table “" + " | ".join(names[:3]) + (" …”" if len(names) > 3 else "”")


def _interior_empty_columns(table: Table, width: int) -> list[int]:
    """Columns inside ``width`` that are empty in the header and every row (rectangular tables only)."""
    if any(len(row) != len(table.header) for row in table.rows) or len(table.header) != width:
        return []
    return [
        column
        for column in range(width)
        if not table.header[column].strip() and not any(row[column].strip() for row in table.rows)
    ]


def check_tables(ctx: CheckContext) -> Iterator[Finding]:
    """Shape findings for every table."""
    for section, table in ctx.tables:
        yield from _check_table(section, table, ctx.table_keys[table.id])


def _finding(rule: str, message: str, target: Ref, fixes: list[Fix]) -> Finding:
    return Finding(rule, RULES[rule].severity, message, target, fixes)


def _check_table(section: Section, table: Table, keys: tuple[tuple[str, ...], ...]) -> Iterator[Finding]:
    """The findings of one table, whose :attr:`~.context.CheckContext.table_keys` (header first) give
    each row's content width, as :func:`content_width` would, without measuring every row again."""
    here = Ref(section.id, table.id)
    name = describe_table(table)
    params: dict[str, Any] = {"block_id": table.id, "section_id": section.id}
    if is_caption_row(table):
        caption = next(cell for cell in table.header if cell.strip())
        yield _finding(
            "table.caption-row",
            f"The first row of {name} is a caption (“{caption}”), not column names; the next row is.",
            Ref(section.id, table.id, row=HEADER_ROW),
            [Fix("Make the first row the caption", True, "table.promote-caption", params)],
        )
        return  # the table's width is unknown until the caption row is moved
    width = header_width(table)
    if width == 0:
        return
    interior = _interior_empty_columns(table, width)
    trailing = table.column_count - max(map(len, keys))  # filled_width(table)
    if trailing or interior:
        count = trailing + len(interior)
        yield _finding(
            "table.empty-columns",
            f"{name[0].upper()}{name[1:]} has {count} empty column{'s' if count != 1 else ''} "
            f"(empty header cells with nothing under them); they add nothing.",
            here,
            [Fix("Remove the empty columns", True, "table.trim-empty", params)],
        )
    seen: dict[tuple[str, ...], int] = {}
    shifted = short_header(table) > 0
    for index, (row, key) in enumerate(zip(table.rows, keys[1:], strict=True)):
        if key and len(row) == width and key not in seen:  # most rows: nothing to say
            seen[key] = index
            continue
        target = Ref(section.id, table.id, row=index)
        row_params = {**params, "row": index}
        length = len(row) if len(row) <= width else max(width, len(key))  # trimmed_length(row, width)
        if not key:  # no cell with text
            yield _finding(
                "table.empty-row",
                f"Row {index + 1} of {name} is empty.",
                target,
                [
                    Fix(
                        "Remove the empty row",
                        True,
                        "table.remove-row",
                        {**row_params, "expected": list(row)},
                    )
                ],
            )
            continue
        if key in seen:
            yield _finding(
                "table.duplicate-row",
                f"Row {index + 1} of {name} repeats row {seen[key] + 1}.",
                target,
                [
                    Fix(
                        "Remove the repeated row",
                        False,
                        "table.remove-row",
                        {**row_params, "expected": list(row)},
                    )
                ],
            )
            continue
        seen[key] = index
        if length > width and shifted:
            continue  # a header short of every row: one finding for the table (table.short-header)
        if length > width:
            repeat = find_repeat(row, width)
            if repeat is not None:
                start, run = repeat
                cells = " | ".join(row[start : start + run])
                if run == 1:
                    rule = "table.duplicated-cell"
                    message = (
                        f"Row {index + 1} of {name} has “{cells}” twice in neighbouring cells, which pushes "
                        f"the rest of the row one column to the right."
                    )
                    label = "Drop the duplicated cell"
                else:
                    rule = "table.repeated-cells"
                    message = (
                        f"Row {index + 1} of {name} repeats the cells “{cells}”, so it has {length} cells "
                        f"for {width} columns."
                    )
                    label = "Collapse the repeated cells"
                yield _finding(rule, message, target, [Fix(label, True, "table.collapse-repeat", row_params)])
            else:
                extra = length - width
                yield _finding(
                    "table.long-row",
                    f"Row {index + 1} of {name} has {length} cells for {width} columns; the extra "
                    f"{'cell holds' if extra == 1 else 'cells hold'} “{' | '.join(row[width:length])}”.",
                    target,
                    [
                        Fix(
                            "Merge the extra cells into the last column",
                            False,
                            "table.merge-overflow",
                            row_params,
                        ),
                        Fix(
                            f"Add {extra} column{'s' if extra > 1 else ''}",
                            False,
                            "table.add-columns",
                            row_params,
                        ),
                    ],
                )
        elif length < width:
            yield _finding(
                "table.short-row",
                f"Row {index + 1} of {name} has {length} cell{'s' if length != 1 else ''} "
                f"for {width} columns.",
                target,
                [Fix("Pad the row with empty cells", True, "table.pad-row", row_params)],
            )


# --- actions --------------------------------------------------------------------------------------------


def _table(edit: Edit, params: dict[str, Any]) -> Table | None:
    block = edit.block(params["block_id"])
    return block if isinstance(block, Table) else None


def _where(params: dict[str, Any], row: int | None = None) -> Ref:
    return Ref(params.get("section_id", ""), params["block_id"], row=row)


def trim_empty(edit: Edit, params: dict[str, Any]) -> Outcome | None:
    """Remove trailing empty columns and header cells, and empty interior columns."""
    table = _table(edit, params)
    if table is None or is_caption_row(table):
        return None
    width = header_width(table)
    interior = _interior_empty_columns(table, width)
    filled = filled_width(table)
    if width == 0 or not (table.column_count > filled or interior):
        return None
    before_width = table.column_count
    before = pipe_row(table.header)
    edit.rewrite_block(table)
    table.header = table.header[:filled]
    table.rows = [row[:filled] for row in table.rows]
    keep = [c for c in range(width) if c not in interior]
    if interior:
        table.header = [table.header[c] for c in keep]
        table.rows = [[row[c] for c in keep] for row in table.rows]
        if table.align is not None:
            table.align = [table.align[c] for c in keep if c < len(table.align)]
    if table.align is not None:
        table.align = table.align[: table.column_count]
    # Comments on a removed (empty) cell are lost with it; the others follow their column.
    moved = {old: new for new, old in enumerate(keep)} if interior else {}

    def move(ref: Ref) -> Ref:
        if ref.column is None:
            return ref
        if ref.column in interior:
            return ref.orphaned()
        column = moved.get(ref.column, ref.column)
        if ref.row is None:
            width_now = table.column_count
        elif ref.row == HEADER_ROW:
            width_now = len(table.header)
        else:
            width_now = len(table.rows[ref.row]) if 0 <= ref.row < len(table.rows) else 0
        return replace(ref, column=column) if column < width_now else ref.orphaned()

    edit.move_pointers(table.id, move)
    removed = before_width - table.column_count
    return Outcome(
        _where(params),
        before,
        pipe_row(table.header),
        f"Removed {removed} empty column{'s' if removed != 1 else ''} from {describe_table(table)}.",
    )


def _table_row(edit: Edit, params: dict[str, Any]) -> tuple[Table, int, list[str]] | None:
    """The table and row a row fix names, if both still exist."""
    table = _table(edit, params)
    row_index = params["row"]
    if table is None or not 0 <= row_index < len(table.rows):
        return None
    return table, row_index, list(table.rows[row_index])  # a copy: a step changes the row in place


def collapse_repeat(edit: Edit, params: dict[str, Any]) -> Outcome | None:
    """Drop the second copy of a repeated run of cells (or a duplicated cell) in a row."""
    found = _table_row(edit, params)
    if found is None:
        return None
    table, row_index, row = found
    repeat = find_repeat(row, header_width(table))
    if repeat is None:
        return None
    start, run = repeat
    texts = edit.row_texts(table)
    before = pipe_row(row)
    edit.set_row(table, row_index, row[: start + run] + row[start + 2 * run :])
    column_map: dict[int, int | None] = {c: (c - run if c >= start + run else c) for c in range(len(row))}
    for c in range(start + run, start + 2 * run):
        column_map[c] = c - run  # a comment on the dropped copy moves to the identical kept one
    edit.remap_columns(table, row_index, column_map)
    refreshed = edit.refresh_row_recommendations(table, texts)
    cells = " | ".join(row[start : start + run])
    what = "a duplicated cell" if run == 1 else f"{run} repeated cells"
    note = f"Removed {what} (“{cells}”) from row {row_index + 1} of {describe_table(table)}."
    if refreshed:
        note += " The recommendation made from that row now reads from the repaired row."
    return Outcome(_where(params, row_index), before, pipe_row(table.rows[row_index]), note)


def pad_row(edit: Edit, params: dict[str, Any]) -> Outcome | None:
    """Add empty cells to a short row."""
    found = _table_row(edit, params)
    if found is None:
        return None
    table, row_index, row = found
    width = header_width(table)
    if len(row) >= width or not any(cell.strip() for cell in row):
        return None
    before = pipe_row(row)
    edit.set_row(table, row_index, row + [""] * (width - len(row)))
    return Outcome(
        _where(params, row_index),
        before,
        pipe_row(table.rows[row_index]),
        f"Padded row {row_index + 1} of {describe_table(table)} with {width - len(row)} empty cell(s).",
    )


def _long_row(edit: Edit, params: dict[str, Any]) -> tuple[Table, int, list[str], int, int] | None:
    """The table and row a long-row fix names, with the header width and the row's trimmed length,
    if the row is still longer than the header."""
    found = _table_row(edit, params)
    if found is None:
        return None
    table, row_index, row = found
    width = header_width(table)
    length = trimmed_length(row, width)
    return (table, row_index, row, width, length) if length > width else None


def merge_overflow(edit: Edit, params: dict[str, Any]) -> Outcome | None:
    """Join a long row's extra cells into its last column (joined with "; ")."""
    found = _long_row(edit, params)
    if found is None:
        return None
    table, row_index, row, width, length = found
    if find_repeat(row, width) is not None:
        return None
    texts = edit.row_texts(table)
    before = pipe_row(row)
    merged = "; ".join(cell for cell in row[width - 1 : length] if cell.strip())
    edit.set_row(table, row_index, row[: width - 1] + [merged] + row[length:])
    edit.remap_columns(table, row_index, {c: width - 1 for c in range(width, length)})
    edit.refresh_row_recommendations(table, texts)
    return Outcome(
        _where(params, row_index),
        before,
        pipe_row(table.rows[row_index]),
        f"Merged the {length - width} extra cell(s) of row {row_index + 1} of {describe_table(table)} "
        "into its last column.",
    )


def add_columns(edit: Edit, params: dict[str, Any]) -> Outcome | None:
    """Give a long row's extra cells columns of their own (named "Column N"); other rows get padded later."""
    found = _long_row(edit, params)
    if found is None:
        return None
    table, row_index, row, width, length = found
    before = pipe_row(table.header)
    edit.set_row(table, HEADER_ROW, table.header[:width] + [f"Column {c + 1}" for c in range(width, length)])
    if table.align is not None:
        edit.set_value(edit.ref(table.id, field="align"), (table.align + [""] * length)[:length])
    return Outcome(
        _where(params),
        before,
        pipe_row(table.header),
        f"Added {length - width} column(s) to {describe_table(table)} "
        f"for the extra cells of row {row_index + 1}.",
    )


def remove_row(edit: Edit, params: dict[str, Any]) -> Outcome | None:
    """Remove an empty or repeated row; pointers to it move to the row it repeats."""
    table = _table(edit, params)
    row_index = params["row"]
    if table is None:
        return None
    expected = list(params["expected"])
    if not (0 <= row_index < len(table.rows) and table.rows[row_index] == expected):
        row_index = next((i for i, row in enumerate(table.rows) if row == expected), -1)
        if row_index < 0:
            return None
    empty = not any(cell.strip() for cell in expected)
    kept: int | None = None
    if not empty:
        key = row_key(expected)
        kept = next((i for i, row in enumerate(table.rows[:row_index]) if row_key(row) == key), None)
        if kept is None:
            return None
    if kept is not None:  # pointers on a repeated row move to the identical row that stays
        edit.remap_rows(table, {row_index: kept})
    edit.remove_row(table, row_index)  # later rows' pointers follow them; an empty row's are lost
    what = "an empty row" if empty else f"row {row_index + 1}, a repeat of row {(kept or 0) + 1},"
    return Outcome(
        _where(params, row_index), pipe_row(expected), "", f"Removed {what} from {describe_table(table)}."
    )


def promote_caption(edit: Edit, params: dict[str, Any]) -> Outcome | None:
    """Move a caption row into the table's caption; the next row becomes the header."""
    table = _table(edit, params)
    if table is None or not is_caption_row(table):
        return None
    caption = " ".join(cell.strip() for cell in table.header if cell.strip())
    before = block_text(table).split("\n", 2)
    edit.set_value(
        edit.ref(table.id, field="caption"),
        f"{table.caption}; {caption}" if table.caption.strip() else caption,
    )
    # The first body row becomes the header and the caption row goes: pointers follow their rows.
    edit.do(SwapHeader(table.id, 0))
    edit.remove_row(table, 0)
    return Outcome(
        _where(params),
        "\n".join(before[:2]),
        f"caption: {table.caption}\n{pipe_row(table.header)}",
        f"Made “{caption}” the caption of the table; its second row is now the header.",
    )


ACTIONS = {
    "table.trim-empty": trim_empty,
    "table.collapse-repeat": collapse_repeat,
    "table.pad-row": pad_row,
    "table.merge-overflow": merge_overflow,
    "table.add-columns": add_columns,
    "table.remove-row": remove_row,
    "table.promote-caption": promote_caption,
}
CHECKS = [check_tables]
