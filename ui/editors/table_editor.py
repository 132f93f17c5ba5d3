"""The table editor: a spreadsheet-like view of one table with row, column and clipboard actions."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QItemSelection, QItemSelectionModel, Qt, Slot
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from briefing.editing import ChangeEvent, operations
from briefing.editing.transaction import Transaction
from briefing.model import Briefing, Table

from ..document import BriefingDocument, mentions, structural
from ..table_model import TableModel
from .text_editors import route_undo

_TIPS = {
    "row_above": "Insert a row above the current one",
    "row_below": "Insert a row below the current one",
    "delete_row": "Delete the selected rows",
    "row_up": "Move the current row up",
    "row_down": "Move the current row down",
    "col_left": "Insert a column left of the current one",
    "col_right": "Insert a column right of the current one",
    "delete_col": "Delete the selected columns",
    "col_move_left": "Move the current column left",
    "col_move_right": "Move the current column right",
    "promote": "Make the current row the header row (the old header takes its place)",
}

#: Above this many rows, columns are not sized to their contents (it would read every row).
_AUTOSIZE_LIMIT = 2000


def parse_tsv(text: str) -> list[list[str]]:
    """Cells from tab-separated clipboard text (as spreadsheets copy it)."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return [line.split("\t") for line in lines]


class TableEditor(QWidget):
    """Edit one table. Model row 0 is the header row; every action is one undo step."""

    def __init__(self, doc: BriefingDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.doc = doc
        self.table_id: str | None = None
        self.model: TableModel | None = None

        self.caption = QLineEdit()
        self.caption.setPlaceholderText("Caption (printed as “Table N: …” under the table)")
        self.caption.textEdited.connect(self._caption_edited)
        route_undo(self.caption, self)
        self.removed_note = QLabel("This table was removed. Choose another in the outline.")
        self.removed_note.hide()
        self.view = QTableView()
        self.view.setObjectName("tableView")
        self.view.setAlternatingRowColors(True)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.setWordWrap(False)

        self.toolbar = QToolBar()
        self.toolbar.setObjectName("tableToolbar")
        self.column_toolbar = QToolBar()
        self.column_toolbar.setObjectName("tableColumnToolbar")
        self.actions_by_name: dict[str, QAction] = {}
        # (name, label, shortcut, slot); ``None`` marks where a group ends.
        entries: list[tuple[str, str, str, Callable[[], None]] | None] = [
            ("row_above", "+ Row Above", "Ctrl+Alt+Up", self.insert_row_above),
            ("row_below", "+ Below", "Ctrl+Alt+Down", self.insert_row_below),
            ("delete_row", "− Row", "Ctrl+Alt+Backspace", self.delete_rows),
            ("row_up", "Row ↑", "Alt+Shift+Up", lambda: self.move_row(-1)),
            ("row_down", "Row ↓", "Alt+Shift+Down", lambda: self.move_row(1)),
            None,
            ("col_left", "+ Column Left", "Ctrl+Alt+Left", self.insert_column_left),
            ("col_right", "+ Right", "Ctrl+Alt+Right", self.insert_column_right),
            ("delete_col", "− Column", "Ctrl+Alt+Delete", self.delete_columns),
            ("col_move_left", "Column ←", "Alt+Shift+Left", lambda: self.move_column(-1)),
            ("col_move_right", "Column →", "Alt+Shift+Right", lambda: self.move_column(1)),
            None,
            ("promote", "Make Header", "", self.promote_row),
        ]
        for entry in entries:
            if entry is None:
                continue
            name, label, keys, slot = entry
            action = QAction(label, self)
            action.setToolTip(_TIPS[name])
            if keys:
                action.setShortcut(QKeySequence(keys))
                action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
                action.setToolTip(f"{_TIPS[name]} ({keys})")
            action.triggered.connect(slot)
            (self.column_toolbar if "col" in name else self.toolbar).addAction(action)
            self.addAction(action)
            self.actions_by_name[name] = action
        for standard_key, slot in [
            (QKeySequence.StandardKey.Copy, self.copy),
            (QKeySequence.StandardKey.Paste, self.paste),
            (QKeySequence.StandardKey.Cut, self.cut),
            (QKeySequence.StandardKey.Delete, self.clear),
        ]:
            action = QAction(self.view)
            action.setShortcut(standard_key)
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            action.triggered.connect(slot)
            self.view.addAction(action)

        top = QHBoxLayout()
        top.addWidget(QLabel("Caption:"))
        top.addWidget(self.caption)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.removed_note)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.column_toolbar)
        layout.addWidget(self.view)
        doc.changed.connect(self._on_changed)

    def show_table(self, table_id: str) -> None:
        """Show a table (replacing the model only when the table changes)."""
        if table_id == self.table_id and self.model is not None:
            return
        self.removed_note.hide()
        self._set_enabled(True)
        self.table_id = table_id
        old = self.model
        self.model = TableModel(self.doc, table_id, self)
        self.view.setModel(self.model)
        if old is not None:
            old.doc.changed.disconnect(old._on_changed)
            old.deleteLater()
        self.caption.setText(operations.table(self.doc.briefing, table_id).caption)
        if self.model.rowCount() <= _AUTOSIZE_LIMIT:
            self.view.resizeColumnsToContents()
            for column in range(self.model.columnCount()):
                self.view.setColumnWidth(column, min(self.view.columnWidth(column), 320))

    def _table(self) -> Table | None:
        block = self.doc.briefing.find_block(self.table_id) if self.table_id else None
        return block if isinstance(block, Table) else None

    def _set_enabled(self, on: bool) -> None:
        for widget in (self.caption, self.view, self.toolbar, self.column_toolbar):
            widget.setEnabled(on)

    def close_table(self) -> None:
        """The table is gone (a fix, a delete, an undo): show nothing and take no typing."""
        self.table_id = None
        old, self.model = self.model, None
        self.view.setModel(None)
        if old is not None:
            old.doc.changed.disconnect(old._on_changed)
            old.deleteLater()
        self.caption.clear()
        self._set_enabled(False)
        self.removed_note.show()

    @Slot(object)
    def _on_changed(self, events: list[ChangeEvent]) -> None:
        if not self.table_id:
            return
        if (structural(events) or mentions(events, self.table_id)) and self._table() is None:
            self.close_table()
            return
        if mentions(events, self.table_id):
            table = self._table()
            if table is not None and table.caption != self.caption.text():
                self.caption.setText(table.caption)

    # --- helpers ---------------------------------------------------------------------------------------

    def current(self) -> tuple[int, int]:
        """(model row, column) of the current cell; (0, 0) when there is none."""
        index = self.view.currentIndex()
        return (index.row(), index.column()) if index.isValid() else (0, 0)

    def selected_rows(self) -> list[int]:
        """Model rows with a selected cell, or the current row."""
        rows = sorted({index.row() for index in self.view.selectionModel().selectedIndexes()})
        return rows or [self.current()[0]]

    def selected_columns(self) -> list[int]:
        """Columns with a selected cell, or the current column."""
        columns = sorted({index.column() for index in self.view.selectionModel().selectedIndexes()})
        return columns or [self.current()[1]]

    def set_current(self, row: int, column: int) -> None:
        """Move the cursor to a cell (clamped to the table)."""
        if self.model is None:
            return
        row = max(0, min(row, self.model.rowCount() - 1))
        column = max(0, min(column, self.model.columnCount() - 1))
        self.view.setCurrentIndex(self.model.index(row, column))

    def _edit(self, label: str, make: Callable[[Briefing, str], Transaction | list[Transaction]]) -> bool:
        """One table action as one undo step (nothing when the table is gone)."""
        table_id = self.table_id
        if table_id is None or self._table() is None:
            return False
        command = self.doc.edit(label, lambda b: make(b, table_id))
        return command.error is None

    # --- rows ------------------------------------------------------------------------------------------

    @Slot()
    def insert_row_above(self) -> None:
        """Insert an empty row above the current one (below the header if the header is current)."""
        row, column = self.current()
        body = max(row - 1, 0)
        if self._edit("Insert row", lambda b, t: operations.insert_row(b, t, body)):
            self.set_current(body + 1, column)

    @Slot()
    def insert_row_below(self) -> None:
        """Insert an empty row below the current one."""
        row, column = self.current()
        if self._edit("Insert row", lambda b, t: operations.insert_row(b, t, row)):
            self.set_current(row + 1, column)

    @Slot()
    def delete_rows(self) -> None:
        """Delete the selected body rows (the header row cannot be deleted, only replaced)."""
        rows = [row - 1 for row in self.selected_rows() if row > 0]
        if not rows:
            return
        label = "Delete rows" if len(rows) > 1 else "Delete row"
        column = self.current()[1]
        if self._edit(label, lambda b, t: [operations.remove_row(b, t, body) for body in reversed(rows)]):
            self.set_current(rows[0] + 1, column)

    def move_row(self, step: int) -> None:
        """Move the current body row up or down."""
        row, column = self.current()
        body, target = row - 1, row - 1 + step
        if self.model is None or body < 0 or not 0 <= target < self.model.rowCount() - 1:
            return
        if self._edit("Move row", lambda b, t: operations.move_row(b, t, body, target)):
            self.set_current(target + 1, column)

    @Slot()
    def promote_row(self) -> None:
        """Make the current body row the header row."""
        row, column = self.current()
        if row > 0:
            if self._edit("Promote row to header", lambda b, t: operations.promote_to_header(b, t, row - 1)):
                self.set_current(0, column)

    # --- columns ---------------------------------------------------------------------------------------

    @Slot()
    def insert_column_left(self) -> None:
        """Insert an empty column left of the current one."""
        row, column = self.current()
        if self._edit("Insert column", lambda b, t: operations.insert_column(b, t, column)):
            self.set_current(row, column)

    @Slot()
    def insert_column_right(self) -> None:
        """Insert an empty column right of the current one."""
        row, column = self.current()
        if self._edit("Insert column", lambda b, t: operations.insert_column(b, t, column + 1)):
            self.set_current(row, column + 1)

    @Slot()
    def delete_columns(self) -> None:
        """Delete the selected columns."""
        columns = self.selected_columns()
        label = "Delete columns" if len(columns) > 1 else "Delete column"
        row = self.current()[0]
        if self._edit(label, lambda b, t: [operations.remove_column(b, t, c) for c in reversed(columns)]):
            self.set_current(row, columns[0])

    def move_column(self, step: int) -> None:
        """Move the current column left or right."""
        row, column = self.current()
        target = column + step
        if self.model is None or not 0 <= target < self.model.columnCount():
            return
        if self._edit("Move column", lambda b, t: operations.move_column(b, t, column, target)):
            self.set_current(row, target)

    # --- clipboard -------------------------------------------------------------------------------------

    def _selected_block(self) -> tuple[int, int, list[list[str]]] | None:
        """The selected cells' top row and left column, and their texts; ``None`` when no table is shown."""
        model = self.model
        if model is None:
            return None
        indexes = self.view.selectionModel().selectedIndexes() or [self.view.currentIndex()]
        rows = sorted({i.row() for i in indexes})
        columns = sorted({i.column() for i in indexes})
        grid = [[model.data(model.index(r, c)) or "" for c in columns] for r in rows]
        return rows[0], columns[0], grid

    @Slot()
    def copy(self) -> None:
        """Copy the selected cells as tab-separated text."""
        selected = self._selected_block()
        if selected is None:
            return
        _, _, grid = selected
        QGuiApplication.clipboard().setText("\n".join("\t".join(row) for row in grid) + "\n")

    @Slot()
    def paste(self) -> None:
        """Paste tab-separated text with its top-left at the current cell; the table grows to fit."""
        grid = parse_tsv(QGuiApplication.clipboard().text())
        if not grid:
            return
        row, column = self.current()
        # Model row 0 is the header: body row -1 is HEADER_ROW, so a paste there starts on the header.
        if not self._edit("Paste cells", lambda b, t: operations.paste_cells(b, t, row - 1, column, grid)):
            return
        model = self.model
        if model is None:  # cannot be: the edit needed a table_id, and a model is set with it
            return
        bottom = model.index(
            min(row + len(grid) - 1, model.rowCount() - 1),
            min(column + max(map(len, grid)) - 1, model.columnCount() - 1),
        )
        self.view.selectionModel().select(
            QItemSelection(model.index(row, column), bottom),
            QItemSelectionModel.SelectionFlag.ClearAndSelect,
        )
        self.view.setCurrentIndex(model.index(row, column))

    @Slot()
    def cut(self) -> None:
        """Copy, then empty the selected cells."""
        self.copy()
        self._clear("Cut cells")

    @Slot()
    def clear(self) -> None:
        """Empty the selected cells."""
        self._clear("Clear cells")

    def _clear(self, label: str) -> None:
        indexes = self.view.selectionModel().selectedIndexes() or [self.view.currentIndex()]
        cells = [(i.row() - 1, i.column()) for i in indexes if i.isValid()]  # -1 is HEADER_ROW
        if cells:
            self._edit(label, lambda b, t: operations.clear_cells(b, t, cells))

    @Slot(str)
    def _caption_edited(self, text: str) -> None:
        table_id = self.table_id
        if table_id and self._table() is not None:
            self.doc.edit(
                "Edit caption", lambda b: operations.set_caption(b, table_id, text), ("caption", table_id)
            )
