"""Undo commands: each ``redo()`` and ``undo()`` calls one operation of :mod:`briefing.edits`.

Typing bursts merge: consecutive edits of the same field share a command id and :meth:`mergeWith`.
"""

from __future__ import annotations

import copy

from PySide6.QtGui import QUndoCommand

from briefing import edits
from briefing.model import Block, ListItem, Run, Section

from .document import BriefingDocument

# Command ids for merging typing bursts (any distinct non-negative numbers).
_MERGE_CELL, _MERGE_RUNS, _MERGE_HEADING, _MERGE_META, _MERGE_CAPTION, _MERGE_ITEMS = range(1, 7)


class _Command(QUndoCommand):
    def __init__(self, doc: BriefingDocument, text: str) -> None:
        super().__init__(text)
        self.doc = doc

    @property
    def briefing(self):
        return self.doc.briefing


# --- tables --------------------------------------------------------------------------------------------


class SetCellCommand(_Command):
    """Type into a table cell (``row == -1`` is the header)."""

    def __init__(self, doc: BriefingDocument, table_id: str, row: int, column: int, value: str) -> None:
        super().__init__(doc, "Edit cell")
        self.table_id, self.row, self.column, self.value = table_id, row, column, value
        self.saved = edits.row_cells(doc.briefing, table_id, row)

    def redo(self) -> None:
        edits.set_cell(self.briefing, self.table_id, self.row, self.column, self.value)
        self.doc.notify("table", self.table_id)

    def undo(self) -> None:
        edits.restore_row(self.briefing, self.table_id, self.row, list(self.saved))
        self.doc.notify("table", self.table_id)

    def id(self) -> int:
        return _MERGE_CELL

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 - Qt override
        if not isinstance(other, SetCellCommand):
            return False
        if (other.table_id, other.row, other.column) != (self.table_id, self.row, self.column):
            return False
        self.value = other.value
        return True


class InsertRowCommand(_Command):
    """Insert an empty (or given) body row."""

    def __init__(
        self, doc: BriefingDocument, table_id: str, index: int, cells: list[str] | None = None
    ) -> None:
        super().__init__(doc, "Insert row")
        self.table_id, self.index, self.cells = table_id, index, cells

    def redo(self) -> None:
        edits.insert_row(self.briefing, self.table_id, self.index, self.cells)
        self.doc.notify("table", self.table_id)

    def undo(self) -> None:
        edits.remove_row(self.briefing, self.table_id, self.index)
        self.doc.notify("table", self.table_id)


class RemoveRowCommand(_Command):
    """Delete a body row."""

    def __init__(self, doc: BriefingDocument, table_id: str, index: int) -> None:
        super().__init__(doc, "Delete row")
        self.table_id, self.index = table_id, index
        self.saved: tuple | None = None

    def redo(self) -> None:
        self.saved = edits.remove_row(self.briefing, self.table_id, self.index)
        self.doc.notify("table", self.table_id)

    def undo(self) -> None:
        edits.undo_remove_row(self.briefing, self.table_id, self.index, *self.saved)
        self.doc.notify("table", self.table_id)


class MoveRowCommand(_Command):
    """Move a body row up or down."""

    def __init__(self, doc: BriefingDocument, table_id: str, source: int, target: int) -> None:
        super().__init__(doc, "Move row")
        self.table_id, self.source, self.target = table_id, source, target

    def redo(self) -> None:
        edits.move_row(self.briefing, self.table_id, self.source, self.target)
        self.doc.notify("table", self.table_id)

    def undo(self) -> None:
        edits.move_row(self.briefing, self.table_id, self.target, self.source)
        self.doc.notify("table", self.table_id)


class InsertColumnCommand(_Command):
    """Insert a column."""

    def __init__(self, doc: BriefingDocument, table_id: str, index: int, header: str = "") -> None:
        super().__init__(doc, "Insert column")
        self.table_id, self.index, self.header = table_id, index, header

    def redo(self) -> None:
        edits.insert_column(self.briefing, self.table_id, self.index, self.header)
        self.doc.notify("table", self.table_id)

    def undo(self) -> None:
        edits.remove_column(self.briefing, self.table_id, self.index)
        self.doc.notify("table", self.table_id)


class RemoveColumnCommand(_Command):
    """Delete a column."""

    def __init__(self, doc: BriefingDocument, table_id: str, index: int) -> None:
        super().__init__(doc, "Delete column")
        self.table_id, self.index = table_id, index
        self.saved: dict | None = None

    def redo(self) -> None:
        self.saved = edits.remove_column(self.briefing, self.table_id, self.index)
        self.doc.notify("table", self.table_id)

    def undo(self) -> None:
        edits.undo_remove_column(self.briefing, self.table_id, self.index, self.saved)
        self.doc.notify("table", self.table_id)


class MoveColumnCommand(_Command):
    """Move a column left or right (rows are padded to reach; undo restores them exactly)."""

    def __init__(self, doc: BriefingDocument, table_id: str, source: int, target: int) -> None:
        super().__init__(doc, "Move column")
        self.table_id, self.source, self.target = table_id, source, target
        tbl = edits.table(doc.briefing, table_id)
        self.saved = (list(tbl.header), [list(row) for row in tbl.rows])

    def redo(self) -> None:
        edits.move_column(self.briefing, self.table_id, self.source, self.target)
        self.doc.notify("table", self.table_id)

    def undo(self) -> None:
        tbl = edits.table(self.briefing, self.table_id)
        tbl.header[:] = self.saved[0]
        for row, cells in zip(tbl.rows, self.saved[1], strict=True):
            row[:] = cells
        self.doc.notify("table", self.table_id)


class PromoteHeaderCommand(_Command):
    """Make a body row the header row (the old header takes its place)."""

    def __init__(self, doc: BriefingDocument, table_id: str, index: int) -> None:
        super().__init__(doc, "Promote row to header")
        self.table_id, self.index = table_id, index

    def redo(self) -> None:
        edits.promote_to_header(self.briefing, self.table_id, self.index)
        self.doc.notify("table", self.table_id)

    undo = redo  # swapping twice restores


class SetCaptionCommand(_Command):
    """Change a table's caption."""

    def __init__(self, doc: BriefingDocument, table_id: str, caption: str) -> None:
        super().__init__(doc, "Edit caption")
        self.table_id, self.caption = table_id, caption
        self.old = edits.table(doc.briefing, table_id).caption

    def redo(self) -> None:
        edits.set_caption(self.briefing, self.table_id, self.caption)
        self.doc.notify("table", self.table_id)

    def undo(self) -> None:
        edits.set_caption(self.briefing, self.table_id, self.old)
        self.doc.notify("table", self.table_id)

    def id(self) -> int:
        return _MERGE_CAPTION

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 - Qt override
        if isinstance(other, SetCaptionCommand) and other.table_id == self.table_id:
            self.caption = other.caption
            return True
        return False


class PasteCellsCommand(_Command):
    """Paste a range of cells (tab-separated text from a spreadsheet)."""

    def __init__(
        self, doc: BriefingDocument, table_id: str, row: int, column: int, grid: list[list[str]]
    ) -> None:
        super().__init__(doc, "Paste cells")
        self.table_id, self.row, self.column, self.grid = table_id, row, column, grid
        self.saved: list | None = None

    def redo(self) -> None:
        self.saved = edits.paste_cells(self.briefing, self.table_id, self.row, self.column, self.grid)
        self.doc.notify("table", self.table_id)

    def undo(self) -> None:
        edits.undo_paste_cells(self.briefing, self.table_id, self.saved)
        self.doc.notify("table", self.table_id)


class ClearCellsCommand(_Command):
    """Empty a set of cells (Delete key, Cut)."""

    def __init__(
        self, doc: BriefingDocument, table_id: str, cells: list[tuple[int, int]], text: str = "Clear cells"
    ):
        super().__init__(doc, text)
        self.table_id = table_id
        rows = sorted({row for row, _ in cells})
        self.cells = cells
        self.saved = {row: edits.row_cells(doc.briefing, table_id, row) for row in rows}

    def redo(self) -> None:
        for row, column in self.cells:
            if column < len(edits.row_cells(self.briefing, self.table_id, row)):
                edits.set_cell(self.briefing, self.table_id, row, column, "")
        self.doc.notify("table", self.table_id)

    def undo(self) -> None:
        for row, cells in self.saved.items():
            edits.restore_row(self.briefing, self.table_id, row, list(cells))
        self.doc.notify("table", self.table_id)


# --- text ----------------------------------------------------------------------------------------------


class SetRunsCommand(_Command):
    """Edit a paragraph's text and formatting; typing in one paragraph merges into one step."""

    def __init__(
        self, doc: BriefingDocument, paragraph_id: str, runs: list[Run], text: str = "Edit paragraph"
    ):
        super().__init__(doc, text)
        self.paragraph_id = paragraph_id
        self.runs = [copy.copy(run) for run in runs]
        self.old = copy.deepcopy(doc.briefing.find_block(paragraph_id).runs)

    def redo(self) -> None:
        edits.set_runs(self.briefing, self.paragraph_id, self.runs)
        self.doc.notify("block", self.paragraph_id)

    def undo(self) -> None:
        edits.set_runs(self.briefing, self.paragraph_id, self.old)
        self.doc.notify("block", self.paragraph_id)

    def id(self) -> int:
        return _MERGE_RUNS

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 - Qt override
        if isinstance(other, SetRunsCommand) and other.paragraph_id == self.paragraph_id:
            self.runs = other.runs
            return True
        return False


class SetItemsCommand(_Command):
    """Edit a list's items (text, term, level, order); edits of one list merge while typing."""

    def __init__(
        self,
        doc: BriefingDocument,
        list_id: str,
        items: list[ListItem],
        text: str = "Edit list",
        merge: bool = True,
    ):
        super().__init__(doc, text)
        self.list_id = list_id
        self.items = copy.deepcopy(items)
        self.old = copy.deepcopy(doc.briefing.find_block(list_id).items)
        self.merge = merge

    def redo(self) -> None:
        edits.set_items(self.briefing, self.list_id, self.items)
        self.doc.notify("block", self.list_id)

    def undo(self) -> None:
        edits.set_items(self.briefing, self.list_id, self.old)
        self.doc.notify("block", self.list_id)

    def id(self) -> int:
        return _MERGE_ITEMS if self.merge else -1

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 - Qt override
        if isinstance(other, SetItemsCommand) and other.merge and other.list_id == self.list_id:
            self.items = other.items
            return True
        return False


class SetHeadingCommand(_Command):
    """Rename a section."""

    def __init__(self, doc: BriefingDocument, section_id: str, heading: str) -> None:
        super().__init__(doc, "Rename section")
        self.section_id, self.heading = section_id, heading
        self.old = doc.briefing.find_section(section_id).heading

    def redo(self) -> None:
        edits.set_heading(self.briefing, self.section_id, self.heading)
        self.doc.notify("section", self.section_id)

    def undo(self) -> None:
        edits.set_heading(self.briefing, self.section_id, self.old)
        self.doc.notify("section", self.section_id)

    def id(self) -> int:
        return _MERGE_HEADING

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 - Qt override
        if isinstance(other, SetHeadingCommand) and other.section_id == self.section_id:
            self.heading = other.heading
            return True
        return False


class SetMetaCommand(_Command):
    """Change a briefing detail (title, classification, source…)."""

    def __init__(self, doc: BriefingDocument, name: str, value: str, label: str = "") -> None:
        super().__init__(doc, f"Edit {label or name.replace('_', ' ')}")
        self.name, self.value = name, value
        self.old = edits.get_meta(doc.briefing, name)

    def redo(self) -> None:
        edits.set_meta(self.briefing, self.name, self.value)
        self.doc.notify("meta", self.name)

    def undo(self) -> None:
        edits.set_meta(self.briefing, self.name, self.old)
        self.doc.notify("meta", self.name)

    def id(self) -> int:
        return _MERGE_META

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 - Qt override
        if isinstance(other, SetMetaCommand) and other.name == self.name:
            self.value = other.value
            return True
        return False


class ReplaceAllCommand(_Command):
    """Replace every occurrence of a text across the whole briefing."""

    def __init__(self, doc: BriefingDocument, needle: str, replacement: str, match_case: bool) -> None:
        super().__init__(doc, f"Replace “{needle}”")
        self.args = (needle, replacement, match_case)
        self.saved: list = []

    def redo(self) -> None:
        self.saved = edits.replace_all(self.briefing, *self.args)
        self.doc.notify("structure")

    def undo(self) -> None:
        edits.undo_replace_all(self.briefing, self.saved)
        self.doc.notify("structure")


# --- structure -----------------------------------------------------------------------------------------


class InsertSectionCommand(_Command):
    """Add a section (new, or one being restored)."""

    def __init__(self, doc: BriefingDocument, index: int, section: Section) -> None:
        super().__init__(doc, "Add section")
        self.index, self.section = index, section

    def redo(self) -> None:
        edits.insert_section(self.briefing, self.index, self.section)
        self.doc.notify("structure", self.section.id)

    def undo(self) -> None:
        edits.remove_section(self.briefing, self.index)
        self.doc.notify("structure")


class RemoveSectionCommand(_Command):
    """Delete a section with its blocks."""

    def __init__(self, doc: BriefingDocument, index: int) -> None:
        super().__init__(doc, "Delete section")
        self.index = index
        self.section: Section | None = None

    def redo(self) -> None:
        self.section = edits.remove_section(self.briefing, self.index)
        self.doc.notify("structure")

    def undo(self) -> None:
        edits.insert_section(self.briefing, self.index, self.section)
        self.doc.notify("structure", self.section.id)


class MoveSectionCommand(_Command):
    """Move a section up or down."""

    def __init__(self, doc: BriefingDocument, source: int, target: int) -> None:
        super().__init__(doc, "Move section")
        self.source, self.target = source, target

    def redo(self) -> None:
        edits.move_section(self.briefing, self.source, self.target)
        self.doc.notify("structure", self.briefing.sections[self.target].id)

    def undo(self) -> None:
        edits.move_section(self.briefing, self.target, self.source)
        self.doc.notify("structure", self.briefing.sections[self.source].id)


class InsertBlockCommand(_Command):
    """Add a paragraph, list or table to a section."""

    def __init__(self, doc: BriefingDocument, section_id: str, index: int, block: Block) -> None:
        super().__init__(doc, f"Add {block.kind}")
        self.section_id, self.index, self.block = section_id, index, block

    def redo(self) -> None:
        edits.insert_block(self.briefing, self.section_id, self.index, self.block)
        self.doc.notify("structure", self.block.id)

    def undo(self) -> None:
        edits.remove_block(self.briefing, self.block.id)
        self.doc.notify("structure", self.section_id)


class RemoveBlockCommand(_Command):
    """Delete a block."""

    def __init__(self, doc: BriefingDocument, block_id: str) -> None:
        block = doc.briefing.find_block(block_id)
        super().__init__(doc, f"Delete {block.kind if block else 'block'}")
        self.block_id = block_id
        self.saved: tuple | None = None

    def redo(self) -> None:
        self.saved = edits.remove_block(self.briefing, self.block_id)
        self.doc.notify("structure", self.saved[0])

    def undo(self) -> None:
        section_id, index, block = self.saved
        edits.insert_block(self.briefing, section_id, index, block)
        self.doc.notify("structure", block.id)


class MoveBlockCommand(_Command):
    """Move a block within its section or into another one."""

    def __init__(self, doc: BriefingDocument, block_id: str, section_id: str, index: int) -> None:
        super().__init__(doc, "Move block")
        self.block_id, self.section_id, self.index = block_id, section_id, index
        self.origin: tuple[str, int] | None = None

    def redo(self) -> None:
        self.origin = edits.move_block(self.briefing, self.block_id, self.section_id, self.index)
        self.doc.notify("structure", self.block_id)

    def undo(self) -> None:
        edits.move_block(self.briefing, self.block_id, *self.origin)
        self.doc.notify("structure", self.block_id)


# --- recommendations and comments ----------------------------------------------------------------------


class SetRecommendationFieldCommand(_Command):
    """Change a recommendation's text or annotation (decision, priority, owner, due, comment)."""

    def __init__(self, doc: BriefingDocument, rec_id: str, name: str, value: str) -> None:
        super().__init__(doc, f"Set {name}")
        self.rec_id, self.name, self.value = rec_id, name, value
        rec = doc.briefing.recommendations[edits.recommendation_index(doc.briefing, rec_id)]
        self.old = rec.text if name == "text" else getattr(rec.annotation, name)

    def redo(self) -> None:
        edits.set_recommendation_field(self.briefing, self.rec_id, self.name, self.value)
        self.doc.notify("recommendation", self.rec_id)

    def undo(self) -> None:
        edits.set_recommendation_field(self.briefing, self.rec_id, self.name, self.old)
        self.doc.notify("recommendation", self.rec_id)


class InsertRecommendationCommand(_Command):
    """Add a recommendation to the register."""

    def __init__(self, doc: BriefingDocument, index: int, rec) -> None:
        super().__init__(doc, "Add recommendation")
        self.index, self.rec = index, rec

    def redo(self) -> None:
        edits.insert_recommendation(self.briefing, self.index, self.rec)
        self.doc.notify("recommendations", self.rec.id)

    def undo(self) -> None:
        edits.remove_recommendation(self.briefing, self.rec.id)
        self.doc.notify("recommendations")


class RemoveRecommendationCommand(_Command):
    """Delete a recommendation from the register."""

    def __init__(self, doc: BriefingDocument, rec_id: str) -> None:
        super().__init__(doc, "Delete recommendation")
        self.rec_id = rec_id
        self.saved: tuple | None = None

    def redo(self) -> None:
        self.saved = edits.remove_recommendation(self.briefing, self.rec_id)
        self.doc.notify("recommendations")

    def undo(self) -> None:
        edits.insert_recommendation(self.briefing, *self.saved)
        self.doc.notify("recommendations", self.rec_id)


class MoveRecommendationCommand(_Command):
    """Reorder the register."""

    def __init__(self, doc: BriefingDocument, source: int, target: int) -> None:
        super().__init__(doc, "Move recommendation")
        self.source, self.target = source, target

    def redo(self) -> None:
        edits.move_recommendation(self.briefing, self.source, self.target)
        self.doc.notify("recommendations", self.briefing.recommendations[self.target].id)

    def undo(self) -> None:
        edits.move_recommendation(self.briefing, self.target, self.source)
        self.doc.notify("recommendations", self.briefing.recommendations[self.source].id)


class AddCommentCommand(_Command):
    """Comment on a text range, a list item, a table cell or a recommendation."""

    def __init__(self, doc: BriefingDocument, comment) -> None:
        super().__init__(doc, "Add comment")
        self.comment = comment

    def redo(self) -> None:
        edits.add_comment(self.briefing, self.comment)
        self.doc.notify("comments", self.comment.id)

    def undo(self) -> None:
        edits.remove_comment(self.briefing, self.comment.id)
        self.doc.notify("comments")


class RemoveCommentCommand(_Command):
    """Delete a comment."""

    def __init__(self, doc: BriefingDocument, comment_id: str) -> None:
        super().__init__(doc, "Delete comment")
        self.comment_id = comment_id
        self.saved: tuple | None = None

    def redo(self) -> None:
        self.saved = edits.remove_comment(self.briefing, self.comment_id)
        self.doc.notify("comments")

    def undo(self) -> None:
        index, comment = self.saved
        edits.add_comment(self.briefing, comment, index)
        self.doc.notify("comments", comment.id)


class SetCommentCommand(_Command):
    """Edit a comment's text, or resolve / reopen it."""

    def __init__(
        self, doc: BriefingDocument, comment_id: str, text: str | None = None, resolved: bool | None = None
    ) -> None:
        label = "Edit comment" if text is not None else ("Resolve comment" if resolved else "Reopen comment")
        super().__init__(doc, label)
        self.comment_id, self.text, self.resolved = comment_id, text, resolved
        self.old: tuple | None = None

    def redo(self) -> None:
        self.old = edits.set_comment(self.briefing, self.comment_id, self.text, self.resolved)
        self.doc.notify("comments", self.comment_id)

    def undo(self) -> None:
        edits.set_comment(self.briefing, self.comment_id, *self.old)
        self.doc.notify("comments", self.comment_id)


# --- checks and fixes ----------------------------------------------------------------------------------


def _restore_whole(briefing, saved) -> None:
    """Put every part of a briefing back from a snapshot, in place (views keep the same object)."""
    for name in ("meta", "sections", "recommendations", "comments", "changes", "ignored", "next_id"):
        setattr(briefing, name, getattr(saved, name))


class ApplyFixCommand(_Command):
    """Apply one fix of a finding; undo reverts it exactly (the finding comes back)."""

    def __init__(self, doc: BriefingDocument, finding, fix) -> None:
        super().__init__(doc, f"Fix: {fix.label}")
        self.finding, self.fix = finding, fix
        self.applied = None

    def redo(self) -> None:
        from briefing.checks import apply_fix
        from briefing.checks.revert import fingerprint

        self.applied = apply_fix(self.briefing, self.finding, self.fix)
        if self.applied.change is None:
            self.setObsolete(True)  # the problem was already gone: nothing to undo
        else:
            self.after_state = fingerprint(self.briefing, self.applied)
            self.doc.applied_fixes[self.applied.change.id] = self
        self.doc.notify("structure")

    def undo(self) -> None:
        from briefing.checks import revert_fix

        revert_fix(self.briefing, self.applied)
        if self.applied.change is not None:
            self.doc.applied_fixes.pop(self.applied.change.id, None)
        self.doc.notify("structure")


class SnapshotCommand(_Command):
    """A change made by a core function over the whole briefing; undo restores a snapshot.

    Used for operations whose inverse is not cheap to state: reverting one logged correction out of
    order, applying a recipe.
    """

    def __init__(self, doc: BriefingDocument, text: str, operation) -> None:
        super().__init__(doc, text)
        self.operation = operation
        self.before = None
        self.after = None
        self.result = None

    def redo(self) -> None:
        from briefing.safekeeping import snapshot

        if self.after is not None:  # redo after an undo: the state the operation made, exactly
            self.before = snapshot(self.briefing)
            _restore_whole(self.briefing, snapshot(self.after))
        else:
            self.before = snapshot(self.briefing)
            self.result = self.operation(self.briefing)
            self.after = snapshot(self.briefing)
        self.doc.notify("structure")

    def undo(self) -> None:
        _restore_whole(self.briefing, self.before)
        self.doc.notify("structure")


class IgnoreFindingCommand(_Command):
    """Ignore a finding (kept in the project), or show an ignored one again."""

    def __init__(self, doc: BriefingDocument, key: str, ignore: bool) -> None:
        super().__init__(doc, "Ignore finding" if ignore else "Show finding again")
        self.key, self.ignore = key, ignore

    def redo(self) -> None:
        ignored = self.briefing.ignored
        if self.ignore and self.key not in ignored:
            ignored.append(self.key)
        elif not self.ignore and self.key in ignored:
            ignored.remove(self.key)
        self.doc.notify("ignored")

    def undo(self) -> None:
        ignored = self.briefing.ignored
        if self.ignore and self.key in ignored:
            ignored.remove(self.key)
        elif not self.ignore and self.key not in ignored:
            ignored.append(self.key)
        self.doc.notify("ignored")
