"""The edits a user makes, each as one :class:`~.transaction.Transaction` of primitive steps.

The GUI's undo command, the CLI and the tests all call these; none of them changes the model any other
way. Each function applies its change and returns the finished transaction (undo it with
:meth:`~.transaction.Transaction.undo`).
"""

from __future__ import annotations

import copy
import difflib
from collections.abc import Iterable

from ..model import (
    PLACEMENTS,
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
from ..refs import HEADER_ROW, Ref
from .locate import Locator
from .steps import (
    InsertBlock,
    InsertColumn,
    InsertEntry,
    InsertItem,
    InsertRow,
    InsertSection,
    MoveBlock,
    MoveColumn,
    MoveEntry,
    MoveItem,
    MoveRow,
    MoveSection,
    RemoveBlock,
    RemoveColumn,
    RemoveEntry,
    RemoveItem,
    RemoveRow,
    RemoveSection,
    SetCell,
    SetItem,
    SetRow,
    SetRuns,
    SetValue,
    Step,
    StepError,
    SwapHeader,
)
from .transaction import Transaction

EditError = StepError


def run(briefing: Briefing, label: str, steps: Iterable[Step], locator: Locator | None = None) -> Transaction:
    """Apply steps as one transaction; on a failing step nothing is left half-done."""
    transaction = Transaction(briefing, label, locator)
    try:
        transaction.do_all(steps)
    except Exception:
        transaction.rollback()
        raise
    return transaction.finish()


# --- finding things ------------------------------------------------------------------------------------


def table(briefing: Briefing, table_id: str) -> Table:
    """The table with this id, or :class:`EditError`."""
    block = briefing.find_block(table_id)
    if not isinstance(block, Table):
        raise EditError(f"no table {table_id!r}")
    return block


def list_block(briefing: Briefing, list_id: str) -> ListBlock:
    """The list with this id, or :class:`EditError`."""
    block = briefing.find_block(list_id)
    if not isinstance(block, ListBlock):
        raise EditError(f"no list {list_id!r}")
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


def entry_index(briefing: Briefing, list_name: str, entry_id: str) -> int:
    """The index of a recommendation or comment by id."""
    for index, entry in enumerate(getattr(briefing, list_name)):
        if entry.id == entry_id:
            return index
    raise EditError(f"no {list_name[:-1]} {entry_id!r}")


def block_ref(briefing: Briefing, block_id: str, **parts: object) -> Ref:
    """A ref to a block (with its section), optionally narrowed: ``item=``, ``row=``, ``start=``…"""
    s_index, _ = block_position(briefing, block_id)
    return Ref(briefing.sections[s_index].id, block_id, **parts)  # type: ignore[arg-type]


# --- table cells, rows and columns ---------------------------------------------------------------------


def set_cell(briefing: Briefing, table_id: str, row: int, column: int, value: str) -> Transaction:
    """Type into a cell (``row`` ``HEADER_ROW`` for the header); a short row is padded to reach it."""
    return run(briefing, "Edit cell", [SetCell(table_id, row, column, value)])


def clear_cells(briefing: Briefing, table_id: str, cells: list[tuple[int, int]]) -> Transaction:
    """Empty cells that exist (Delete, Cut); cells past a short row's end are left alone."""
    tbl = table(briefing, table_id)
    steps: list[Step] = []
    for row, column in cells:
        row_cells = tbl.header if row == HEADER_ROW else tbl.rows[row]
        if column < len(row_cells) and row_cells[column]:
            steps.append(SetCell(table_id, row, column, ""))
    return run(briefing, "Clear cells", steps)


def paste_cells(
    briefing: Briefing, table_id: str, row: int, column: int, grid: list[list[str]]
) -> Transaction:
    """Paste a block of cells with its top-left at (row, column), adding rows as needed."""
    tbl = table(briefing, table_id)
    steps: list[Step] = []
    rows = len(tbl.rows)
    for offset, values in enumerate(grid):
        r = row + offset
        if r >= rows:
            steps.append(InsertRow(table_id, rows, []))
            rows += 1
        steps += [SetCell(table_id, r, column + c, value) for c, value in enumerate(values)]
    return run(briefing, "Paste cells", steps)


def insert_row(briefing: Briefing, table_id: str, index: int, cells: list[str] | None = None) -> Transaction:
    """Insert a body row (empty cells as wide as the table unless given)."""
    tbl = table(briefing, table_id)
    values = list(cells) if cells is not None else [""] * max(tbl.column_count, 1)
    return run(briefing, "Insert row", [InsertRow(table_id, index, values)])


def remove_row(briefing: Briefing, table_id: str, index: int) -> Transaction:
    """Delete a body row; what pointed at it is kept as lost."""
    return run(briefing, "Delete row", [RemoveRow(table_id, index)])


def move_row(briefing: Briefing, table_id: str, source: int, target: int) -> Transaction:
    """Move a body row (``target`` is an index after removal, like ``list.insert``)."""
    return run(briefing, "Move row", [MoveRow(table_id, source, target)])


def insert_column(briefing: Briefing, table_id: str, index: int, header: str = "") -> Transaction:
    """Insert a column; rows too short to reach it are left as they are (ragged stays ragged)."""
    tbl = table(briefing, table_id)
    cells: list[str | None] = ["" if index <= len(row) else None for row in tbl.rows]
    head = header if index <= len(tbl.header) else None
    align = "" if tbl.align is not None and index <= len(tbl.align) else None
    return run(briefing, "Insert column", [InsertColumn(table_id, index, head, cells, align)])


def remove_column(briefing: Briefing, table_id: str, index: int) -> Transaction:
    """Delete a column from every row that has it."""
    return run(briefing, "Delete column", [RemoveColumn(table_id, index)])


def move_column(briefing: Briefing, table_id: str, source: int, target: int) -> Transaction:
    """Move a column in every row that has it (such rows are padded to reach both places)."""
    tbl = table(briefing, table_id)
    width = max(source, target) + 1
    steps: list[Step] = []
    for row, cells in [(HEADER_ROW, tbl.header), *enumerate(tbl.rows)]:
        if source < len(cells) < width:
            steps.append(SetRow(table_id, row, cells + [""] * (width - len(cells))))
    steps.append(MoveColumn(table_id, source, target))
    return run(briefing, "Move column", steps)


def promote_to_header(briefing: Briefing, table_id: str, index: int) -> Transaction:
    """Make a body row the header row; the old header takes its place."""
    return run(briefing, "Promote row to header", [SwapHeader(table_id, index)])


def set_caption(briefing: Briefing, table_id: str, caption: str) -> Transaction:
    """Set a table's caption."""
    table(briefing, table_id)
    return run(briefing, "Edit caption", [SetValue(Ref(block_id=table_id, field="caption"), caption)])


# --- text ----------------------------------------------------------------------------------------------


def set_heading(briefing: Briefing, section_id: str, heading: str) -> Transaction:
    """Rename a section."""
    return run(briefing, "Rename section", [SetValue(Ref(section_id=section_id, field="heading"), heading)])


def set_placement(briefing: Briefing, section_id: str, placement: str) -> Transaction:
    """Print a section in another part of the note (one of :data:`~briefing.model.PLACEMENTS`); the
    empty placement gives the choice back to the template."""
    if placement not in PLACEMENTS:
        raise EditError(f"no part of a note is called {placement!r}")
    if briefing.find_section(section_id) is None:
        raise EditError(f"no section {section_id!r}")
    ref = Ref(section_id=section_id, field="placement")
    return run(briefing, "Place section in the note", [SetValue(ref, placement)])


def set_runs(
    briefing: Briefing, paragraph_id: str, runs: list[Run], span: tuple[int, int, int] | None = None
) -> Transaction:
    """Replace a paragraph's formatted text. ``span`` (start, old end, new end) is the stretch that
    changed, as the text editor reports it; without it the texts are compared."""
    block = briefing.find_block(paragraph_id)
    if not isinstance(block, Paragraph):
        raise EditError(f"no paragraph {paragraph_id!r}")
    return run(
        briefing, "Edit paragraph", [SetRuns(paragraph_id, runs, None if span is None else list(span))]
    )


def set_meta(briefing: Briefing, name: str, value: object) -> Transaction:
    """Set a header-block detail (``title``, ``source.publisher``, ``summary``…)."""
    return run(briefing, f"Edit {name.replace('_', ' ')}", [SetValue(Ref(field=f"meta.{name}"), value)])


def get_meta(briefing: Briefing, name: str) -> object:
    """A header-block detail by name."""
    target: object = briefing.meta
    for part in name.split("."):
        if not hasattr(target, part):
            raise EditError(f"no briefing detail {name!r}")
        target = getattr(target, part)
    return target


# --- list items ----------------------------------------------------------------------------------------


def set_items(
    briefing: Briefing, list_id: str, items: list[ListItem], label: str = "Edit list"
) -> Transaction:
    """Make a list's items ``items`` with the fewest item steps: unchanged items keep what points at
    them, edited items keep their place, inserted and removed items shift the rest."""
    return run(briefing, label, item_steps(list_block(briefing, list_id), items))


def item_steps(block: ListBlock, items: list[ListItem]) -> list[Step]:
    """The insert/remove/set steps that turn ``block.items`` into ``items``."""
    old = [item.full_text for item in block.items]
    new = [item.full_text for item in items]
    steps: list[Step] = []
    offset = 0  # how far indexes in the list as it is being edited have moved from the old ones
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            for i, j in zip(range(i1, i2), range(j1, j2), strict=True):
                if block.items[i] != items[j]:  # same text, another level or marker
                    steps.append(SetItem(block.id, i + offset, copy.copy(items[j])))
            continue
        paired = min(i2 - i1, j2 - j1) if tag == "replace" else 0
        for k in range(paired):
            steps.append(SetItem(block.id, i1 + k + offset, copy.copy(items[j1 + k])))
        for _ in range(i1 + paired, i2):
            steps.append(RemoveItem(block.id, i1 + paired + offset))
        for k in range(j1 + paired, j2):
            steps.append(InsertItem(block.id, i1 + offset + (k - j1), copy.copy(items[k])))
        offset += (j2 - j1) - (i2 - i1)
    return steps


def set_item(
    briefing: Briefing, list_id: str, index: int, item: ListItem, span: tuple[int, int, int] | None = None
) -> Transaction:
    """Replace one item (typing in it: ``span`` is the changed stretch of its full text)."""
    return run(
        briefing, "Edit list item", [SetItem(list_id, index, item, None if span is None else list(span))]
    )


def insert_item(briefing: Briefing, list_id: str, index: int, item: ListItem | None = None) -> Transaction:
    """Insert a list item."""
    return run(briefing, "Add list item", [InsertItem(list_id, index, item or ListItem(""))])


def remove_item(briefing: Briefing, list_id: str, index: int) -> Transaction:
    """Delete a list item."""
    return run(briefing, "Delete list item", [RemoveItem(list_id, index)])


def move_item(briefing: Briefing, list_id: str, source: int, target: int) -> Transaction:
    """Move a list item."""
    return run(briefing, "Move list item", [MoveItem(list_id, source, target)])


def set_ordered(briefing: Briefing, list_id: str, ordered: bool) -> Transaction:
    """Number a list, or bullet it."""
    return run(briefing, "Change list style", [SetValue(Ref(block_id=list_id, field="ordered"), ordered)])


# --- sections and blocks -------------------------------------------------------------------------------


def insert_section(briefing: Briefing, index: int, section: Section) -> Transaction:
    """Insert a section at ``index``."""
    return run(briefing, "Add section", [InsertSection(index, section)])


def remove_section(briefing: Briefing, index: int) -> Transaction:
    """Delete a section with its blocks."""
    return run(briefing, "Delete section", [RemoveSection(index)])


def move_section(briefing: Briefing, source: int, target: int) -> Transaction:
    """Move a section."""
    return run(briefing, "Move section", [MoveSection(source, target)])


def insert_block(briefing: Briefing, section_id: str, index: int, block: Block) -> Transaction:
    """Insert a block into a section."""
    return run(briefing, f"Add {block.kind}", [InsertBlock(section_id, index, block)])


def remove_block(briefing: Briefing, block_id: str) -> Transaction:
    """Delete a block; comments and origins on it are kept as lost."""
    s_index, b_index = block_position(briefing, block_id)
    kind = briefing.sections[s_index].blocks[b_index].kind
    return run(briefing, f"Delete {kind}", [RemoveBlock(briefing.sections[s_index].id, b_index)])


def move_block(briefing: Briefing, block_id: str, section_id: str, index: int) -> Transaction:
    """Move a block to ``index`` in a section (maybe another; ``index`` counts after removal)."""
    s_index, b_index = block_position(briefing, block_id)
    step = MoveBlock(briefing.sections[s_index].id, b_index, section_id, index)
    return run(briefing, "Move block", [step])


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


# --- recommendations -----------------------------------------------------------------------------------


def set_recommendation_field(briefing: Briefing, rec_id: str, name: str, value: str) -> Transaction:
    """Set ``text`` or an annotation field (``decision``, ``priority``, ``owner``, ``due``, ``comment``)."""
    entry_index(briefing, "recommendations", rec_id)
    field = name if name == "text" else f"annotation.{name}"
    return run(briefing, f"Set {name}", [SetValue(Ref(block_id=rec_id, field=field), value)])


def insert_recommendation(briefing: Briefing, index: int, rec: Recommendation) -> Transaction:
    """Add a recommendation to the register."""
    return run(briefing, "Add recommendation", [InsertEntry("recommendations", index, rec)])


def remove_recommendation(briefing: Briefing, rec_id: str) -> Transaction:
    """Delete a recommendation (comments on it are kept as lost)."""
    index = entry_index(briefing, "recommendations", rec_id)
    return run(briefing, "Delete recommendation", [RemoveEntry("recommendations", index)])


def move_recommendation(briefing: Briefing, source: int, target: int) -> Transaction:
    """Reorder the register."""
    return run(briefing, "Move recommendation", [MoveEntry("recommendations", source, target)])


def new_recommendation(briefing: Briefing, text: str = "") -> Recommendation:
    """A recommendation the analyst adds (it has no origin in the article)."""
    return Recommendation(briefing.new_id("r"), text)


# --- comments and ignored findings ---------------------------------------------------------------------


def add_comment(briefing: Briefing, comment: Comment) -> Transaction:
    """Add a comment."""
    return run(briefing, "Add comment", [InsertEntry("comments", len(briefing.comments), comment)])


def remove_comment(briefing: Briefing, comment_id: str) -> Transaction:
    """Delete a comment."""
    index = entry_index(briefing, "comments", comment_id)
    return run(briefing, "Delete comment", [RemoveEntry("comments", index)])


def set_comment(
    briefing: Briefing, comment_id: str, text: str | None = None, resolved: bool | None = None
) -> Transaction:
    """Change a comment's text, or resolve or reopen it."""
    entry_index(briefing, "comments", comment_id)
    steps: list[Step] = []
    if text is not None:
        steps.append(SetValue(Ref(block_id=comment_id, field="text"), text))
    if resolved is not None:
        steps.append(SetValue(Ref(block_id=comment_id, field="resolved"), resolved))
    label = "Edit comment" if text is not None else ("Resolve comment" if resolved else "Reopen comment")
    return run(briefing, label, steps)


def ignore_finding(briefing: Briefing, key: str, ignore: bool = True) -> Transaction:
    """Ignore a finding (its key is kept in the project), or show an ignored one again."""
    steps: list[Step] = []
    if ignore and key not in briefing.ignored:
        steps.append(InsertEntry("ignored", len(briefing.ignored), key))
    elif not ignore and key in briefing.ignored:
        steps.append(RemoveEntry("ignored", briefing.ignored.index(key)))
    return run(briefing, "Ignore finding" if ignore else "Show finding again", steps)
