"""The table editor: a spreadsheet-like view of one table with row, column and clipboard actions."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable

from PySide6.QtCore import (
    QAbstractItemModel,
    QEvent,
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPoint,
    Qt,
    Slot,
)
from PySide6.QtGui import (
    QAction,
    QContextMenuEvent,
    QFont,
    QFontMetrics,
    QGuiApplication,
    QKeyEvent,
    QKeySequence,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from briefing.editing import ChangeEvent, operations
from briefing.editing.transaction import Transaction
from briefing.model import Briefing, Table

from ..commands import TransactionCommand
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

#: Above this many rows, columns and rows are not sized to their contents (it would read every row).
_AUTOSIZE_LIMIT = 2000
#: A column sized to its contents is at most this wide (px); longer texts wrap at word boundaries.
_COLUMN_CAP = 320
#: A column is widened up to this (px) so that its longest word fits on a line and is not broken.
_WORD_CAP = 480


def parse_tsv(text: str) -> list[list[str]]:
    """Cells from tab-separated clipboard text (as spreadsheets copy it)."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return [line.split("\t") for line in lines]


class CellDelegate(QStyledItemDelegate):
    """The cell editor writes to the model as the user types, one undo step per opening of the editor.

    So Ctrl+Z and Ctrl+Y in a cell are the window's Undo and Redo, as in every other field (the line
    edit's own undo knows nothing of the model), the rest of the window follows the typing, and Escape
    takes back what was typed since the editor opened.
    """

    def __init__(self, table_editor: TableEditor) -> None:
        super().__init__(table_editor)
        self.table_editor = table_editor
        self._sessions = itertools.count(1)
        #: Open cell editors: their cell, its text when the editor opened, and the session id.
        self.open: dict[QWidget, tuple[QPersistentModelIndex, str, int]] = {}

    def createEditor(  # noqa: N802 - Qt override
        self, parent: QWidget, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QWidget:
        widget = super().createEditor(parent, option, index)
        if isinstance(widget, QLineEdit):
            original = str(index.data(Qt.ItemDataRole.EditRole) or "")
            self.open[widget] = (QPersistentModelIndex(index), original, next(self._sessions))
            route_undo(widget, self.table_editor)
            widget.textEdited.connect(lambda text, w=widget: self._typed(w, text))
        return widget

    def destroyEditor(  # noqa: N802 - Qt override
        self, editor: QWidget, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        self.open.pop(editor, None)
        super().destroyEditor(editor, index)

    def setEditorData(  # noqa: N802 - Qt override
        self, editor: QWidget, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        if isinstance(editor, QLineEdit):
            value = str(index.data(Qt.ItemDataRole.EditRole) or "")
            if editor.text() != value:  # the model follows the typing: keep the cursor where it is
                editor.setText(value)
            return
        super().setEditorData(editor, index)

    def setModelData(  # noqa: N802 - Qt override
        self, editor: QWidget, model: QAbstractItemModel, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        if isinstance(editor, QLineEdit) and isinstance(model, TableModel):
            entry = self.open.get(editor)
            model.set_cell(index, editor.text(), entry[2] if entry else None)
            return
        super().setModelData(editor, model, index)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.matches(QKeySequence.StandardKey.Cancel)
            and isinstance(watched, QWidget)
            and watched in self.open
        ):
            self._revert(watched)
        return super().eventFilter(watched, event)

    def _typed(self, widget: QLineEdit, text: str) -> None:
        entry = self.open.get(widget)
        if entry is None or not entry[0].isValid():
            return
        index, _, session = entry
        model = index.model()
        if isinstance(model, TableModel):
            model.set_cell(index, text, session)

    def _revert(self, widget: QWidget) -> None:
        """Escape: the cell as it was when the editor opened (its typing undone, not a new step)."""
        index, original, session = self.open[widget]
        model = index.model()
        if not index.isValid() or not isinstance(model, TableModel):
            return
        stack = self.table_editor.doc.undo_stack
        top = stack.command(stack.index() - 1) if stack.index() > 0 else None
        if isinstance(top, TransactionCommand) and top.merge_key == model.merge_key(index, session):
            stack.undo()
        else:
            model.set_cell(index, original, session)


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
        # Long cells wrap at word boundaries (columns are made wide enough for their longest word);
        # a row too short for its text (tables too big to fit every row) ends in “…”.
        self.view.setWordWrap(True)
        self.delegate = CellDelegate(self)
        self.view.setItemDelegate(self.delegate)
        self.view.installEventFilter(self)
        #: Model rows whose text changed, to fit their height once the model has caught up.
        self._rows_to_fit: set[int] = set()
        self._kept_sizes: tuple[list[int], list[int]] | None = None

        self.toolbar = QToolBar()
        self.toolbar.setObjectName("tableToolbar")
        self.column_toolbar = QToolBar()
        self.column_toolbar.setObjectName("tableColumnToolbar")
        self.actions_by_name: dict[str, QAction] = {}
        # (name, menu text, toolbar text, shortcut, slot)
        entries: list[tuple[str, str, str, str, Callable[[], None]]] = [
            ("row_above", "Insert Row &Above", "+ Row Above", "Ctrl+Alt+Up", self.insert_row_above),
            ("row_below", "Insert Row &Below", "+ Below", "Ctrl+Alt+Down", self.insert_row_below),
            ("delete_row", "&Delete Row", "− Row", "Ctrl+Alt+Backspace", self.delete_rows),
            ("row_up", "Move Row &Up", "Row ↑", "Alt+Shift+Up", lambda: self.move_row(-1)),
            ("row_down", "Move Row Do&wn", "Row ↓", "Alt+Shift+Down", lambda: self.move_row(1)),
            ("col_left", "Insert Column &Left", "+ Column Left", "Ctrl+Alt+Left", self.insert_column_left),
            ("col_right", "Insert Column &Right", "+ Right", "Ctrl+Alt+Right", self.insert_column_right),
            ("delete_col", "Delete &Column", "− Column", "Ctrl+Alt+Delete", self.delete_columns),
            (
                "col_move_left",
                "Move Column Le&ft",
                "Column ←",
                "Alt+Shift+Left",
                lambda: self.move_column(-1),
            ),
            (
                "col_move_right",
                "Move Column Ri&ght",
                "Column →",
                "Alt+Shift+Right",
                lambda: self.move_column(1),
            ),
            ("promote", "&Make Header Row", "Make Header", "", self.promote_row),
        ]
        for name, text, short, keys, slot in entries:
            action = QAction(text, self)
            action.setIconText(short)
            action.setToolTip(_TIPS[name])
            if keys:
                action.setShortcut(QKeySequence(keys))
                action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
                action.setToolTip(f"{_TIPS[name]} ({keys})")
            action.triggered.connect(slot)
            (self.column_toolbar if "col" in name else self.toolbar).addAction(action)
            self.addAction(action)
            self.actions_by_name[name] = action
        # The clipboard keys belong to the grid (a cell editor has its own); the menus offer them too.
        for name, text, standard_key, slot in [
            ("cut", "Cu&t", QKeySequence.StandardKey.Cut, self.cut),
            ("copy", "&Copy", QKeySequence.StandardKey.Copy, self.copy),
            ("paste", "&Paste", QKeySequence.StandardKey.Paste, self.paste),
            ("clear", "Cl&ear Cells", QKeySequence.StandardKey.Delete, self.clear),
        ]:
            action = QAction(text, self.view)
            action.setShortcut(standard_key)
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            action.triggered.connect(slot)
            self.view.addAction(action)
            self.actions_by_name[name] = action
        menus: list[tuple[QWidget, Callable[[QPoint], None]]] = [
            (self.view, self._cell_menu_requested),
            (self.view.horizontalHeader(), self._column_menu_requested),
            (self.view.verticalHeader(), self._row_menu_requested),
        ]
        for widget, menu_slot in menus:
            widget.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
            widget.customContextMenuRequested.connect(menu_slot)
        #: The last context menu shown (tests and screenshots look at it).
        self.menu: QMenu | None = None

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
        self.update_actions()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        """F2 edits the current cell, as in every grid, though the window has a shortcut on it too; the
        Menu key (or Shift+F10) opens the grid's menu at the current cell, whatever point it names."""
        if (
            watched is self.view
            and isinstance(event, QContextMenuEvent)
            and event.reason() == QContextMenuEvent.Reason.Keyboard
        ):
            if self.model is not None:
                index = self.view.currentIndex()
                self.view.scrollTo(index)
                where = self.view.visualRect(index).center() if index.isValid() else QPoint(0, 0)
                self._show_menu(self.cell_menu(), self.view.viewport().mapToGlobal(where))
            return True
        if (
            watched is self.view
            and event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_F2
            and event.modifiers() == Qt.KeyboardModifier.NoModifier
            and self.view.state() != QAbstractItemView.State.EditingState
        ):
            event.accept()
            return True
        return super().eventFilter(watched, event)

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
        self.model.modelAboutToBeReset.connect(self._keep_sizes)
        self.model.modelReset.connect(self._after_reset)
        self.model.dataChanged.connect(self._fit_changed_rows)
        selection = self.view.selectionModel()
        selection.currentChanged.connect(self.update_actions)
        selection.selectionChanged.connect(self.update_actions)
        self.caption.setText(operations.table(self.doc.briefing, table_id).caption)
        self.caption.setCursorPosition(0)
        self.fit_columns()
        self.fit_rows()
        self.update_actions()

    # --- sizes -----------------------------------------------------------------------------------------

    def fit_columns(self) -> None:
        """Size columns to their contents, at most ``_COLUMN_CAP`` wide, but wide enough (up to
        ``_WORD_CAP``) for the longest word, which word wrap would otherwise break in the middle."""
        model = self.model
        if model is None or model.rowCount() > _AUTOSIZE_LIMIT:
            return
        self.view.resizeColumnsToContents()
        words = self._word_widths(range(model.rowCount()))
        for column in range(model.columnCount()):
            width = min(self.view.columnWidth(column), _COLUMN_CAP)
            self.view.setColumnWidth(column, max(width, words.get(column, 0)))

    def _word_widths(self, rows: Iterable[int]) -> dict[int, int]:
        """By column, the width (px, at most ``_WORD_CAP``) a column needs for the longest word of
        these rows' cells to stand on one line (the header row is bold)."""
        model = self.model
        if model is None:
            return {}
        style = self.view.style()
        margin = 2 * (style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, self.view) + 1) + 4
        plain = self.view.fontMetrics()
        bold_font = QFont(self.view.font())
        bold_font.setBold(True)
        bold = QFontMetrics(bold_font)
        widths: dict[int, int] = {}
        for row in rows:
            metrics = bold if row == 0 else plain
            for column, text in enumerate(model.cells(row)):
                if not text:
                    continue
                longest = max(
                    metrics.horizontalAdvance(w) for w in sorted(text.split(), key=len)[-3:] or [""]
                )
                widths[column] = max(widths.get(column, 0), min(longest + margin, _WORD_CAP))
        return widths

    def fit_rows(self, rows: list[int] | None = None) -> None:
        """Make rows (all of them by default) tall enough for their wrapped text."""
        model = self.model
        if model is None or model.rowCount() > _AUTOSIZE_LIMIT:
            return
        if rows is None:
            self.view.resizeRowsToContents()
            return
        for row in rows:
            if 0 <= row < model.rowCount():
                self.view.resizeRowToContents(row)

    @Slot()
    def _keep_sizes(self) -> None:
        """Before a reset (often for an edit elsewhere in the briefing): remember the user's sizes
        (row heights only of a table small enough to have had them fitted)."""
        model = self.model
        if model is None:
            return
        rows = model.rowCount()
        self._kept_sizes = (
            [self.view.columnWidth(c) for c in range(model.columnCount())],
            [self.view.rowHeight(r) for r in range(rows)] if rows <= _AUTOSIZE_LIMIT else [],
        )

    @Slot()
    def _after_reset(self) -> None:
        """Put the sizes back where the shape allows it, and fit what changed shape."""
        kept, self._kept_sizes = self._kept_sizes, None
        model = self.model
        if model is None:
            return
        widths, heights = kept if kept is not None else ([], [])
        if len(widths) == model.columnCount():
            for column, width in enumerate(widths):
                self.view.setColumnWidth(column, width)
        else:
            self.fit_columns()
        if len(heights) == model.rowCount():
            for row, height in enumerate(heights):
                self.view.setRowHeight(row, height)
        else:
            self.fit_rows()  # rows came or went: which height belongs where is not known
        self.update_actions()

    @Slot()
    def _fit_changed_rows(self, *_args: object) -> None:
        """After typing: widen a column whose new longest word does not fit, then fit the rows' height."""
        model = self.model
        rows, self._rows_to_fit = (
            [r for r in sorted(self._rows_to_fit) if model and r < model.rowCount()],
            set(),
        )
        if not rows:
            return
        for column, width in self._word_widths(rows).items():
            if width > self.view.columnWidth(column):
                self.view.setColumnWidth(column, width)
        self.fit_rows(rows)

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
        self.update_actions()
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
            for event in events:  # typed cells: their rows are fitted when the model has caught up
                if event.id == self.table_id and event.action == "changed" and event.ref.row is not None:
                    self._rows_to_fit.add(max(event.ref.row + 1, 0))

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
        # Only that cell selected, whatever keys are held: after Ctrl+Alt+Down the view would read the
        # held Ctrl as "add to the selection", and the next Delete Rows would take the old row too.
        self.view.selectionModel().setCurrentIndex(
            self.model.index(row, column), QItemSelectionModel.SelectionFlag.ClearAndSelect
        )

    def _edit(self, label: str, make: Callable[[Briefing, str], Transaction | list[Transaction]]) -> bool:
        """One table action as one undo step (nothing when the table is gone)."""
        table_id = self.table_id
        if table_id is None or self._table() is None:
            return False
        command = self.doc.edit(label, lambda b: make(b, table_id))
        return command.error is None

    # --- what the actions can do where the user is -----------------------------------------------------

    @Slot()
    def update_actions(self, *_args: object) -> None:
        """Enable the table actions that fit the current cell and the selection: the header row cannot
        move, be deleted, be promoted or get a row above it; the last column cannot be deleted."""
        model = self.model if self.table_id is not None else None
        rows, columns = (model.rowCount(), model.columnCount()) if model is not None else (0, 0)
        on = bool(rows and columns)
        row, column = self.current() if on else (0, 0)
        body = [r for r in self.selected_rows() if r > 0] if on else []
        selected_columns = self.selected_columns() if on else []
        enabled = {
            "row_above": on and row > 0,
            "row_below": on,
            "delete_row": bool(body),
            "row_up": on and row > 1,
            "row_down": on and 0 < row < rows - 1,
            "promote": on and row > 0,
            "col_left": on,
            "col_right": on,
            "delete_col": on and len(selected_columns) < columns,
            "col_move_left": on and column > 0,
            "col_move_right": on and column < columns - 1,
            "cut": on,
            "copy": on,
            "paste": on,
            "clear": on,
        }
        for name, value in enabled.items():
            self.actions_by_name[name].setEnabled(value)
        self.actions_by_name["delete_row"].setText("&Delete Rows" if len(body) > 1 else "&Delete Row")
        many = len(selected_columns) > 1
        self.actions_by_name["delete_col"].setText("Delete &Columns" if many else "Delete &Column")

    # --- context menus ---------------------------------------------------------------------------------

    def _point_at(self, index: QModelIndex) -> None:
        """A right-click acts on the cell under the mouse: inside the selection it keeps the selection,
        elsewhere it selects that cell, as spreadsheets do."""
        selection = self.view.selectionModel()
        flag = QItemSelectionModel.SelectionFlag
        selection.setCurrentIndex(
            index, flag.NoUpdate if selection.isSelected(index) else flag.ClearAndSelect
        )

    def _names(self, *groups: tuple[str, ...]) -> QMenu:
        menu = QMenu(self)
        for group in groups:
            if not menu.isEmpty():
                menu.addSeparator()
            for name in group:
                menu.addAction(self.actions_by_name[name])
        return menu

    def cell_menu(self) -> QMenu:
        """The grid's right-click menu (for the current cell and the selection)."""
        return self._names(
            ("cut", "copy", "paste", "clear"),
            ("row_above", "row_below", "delete_row", "row_up", "row_down", "promote"),
            ("col_left", "col_right", "delete_col", "col_move_left", "col_move_right"),
        )

    def _show_menu(self, menu: QMenu, where: QPoint) -> None:
        self.update_actions()
        # Paste is offered when there is something to paste (the key stays on: the clipboard may fill).
        paste = self.actions_by_name["paste"]
        paste.setEnabled(paste.isEnabled() and bool(QGuiApplication.clipboard().text()))
        if self.menu is not None:
            self.menu.deleteLater()
        self.menu = menu
        menu.exec(where)
        self.update_actions()

    @Slot(QPoint)
    def _cell_menu_requested(self, pos: QPoint) -> None:
        if self.model is None:
            return
        index = self.view.indexAt(pos)
        if index.isValid():
            self._point_at(index)
        # (below the last row the menu is about the current cell, as from the keyboard)
        self._show_menu(self.cell_menu(), self.view.viewport().mapToGlobal(pos))

    def _point_at_line(
        self, first: QModelIndex, last: QModelIndex, whole: bool, current: QModelIndex
    ) -> None:
        """A right-click on a row's or column's header: that whole row or column is what the menu is
        about (kept if it is already selected, with the rest of the selection; else selected alone)."""
        selection = self.view.selectionModel()
        flag = QItemSelectionModel.SelectionFlag
        if not whole:
            selection.select(QItemSelection(first, last), flag.ClearAndSelect)
        selection.setCurrentIndex(current, flag.NoUpdate)

    @Slot(QPoint)
    def _column_menu_requested(self, pos: QPoint) -> None:
        header = self.view.horizontalHeader()
        column = header.logicalIndexAt(pos)
        model = self.model
        if model is None or column < 0:
            return
        self._point_at_line(
            model.index(0, column),
            model.index(model.rowCount() - 1, column),
            self.view.selectionModel().isColumnSelected(column, QModelIndex()),
            model.index(self.current()[0], column),
        )
        menu = self._names(("col_left", "col_right", "delete_col", "col_move_left", "col_move_right"))
        self._show_menu(menu, header.viewport().mapToGlobal(pos))

    @Slot(QPoint)
    def _row_menu_requested(self, pos: QPoint) -> None:
        header = self.view.verticalHeader()
        row = header.logicalIndexAt(pos)
        model = self.model
        if model is None or row < 0:
            return
        self._point_at_line(
            model.index(row, 0),
            model.index(row, model.columnCount() - 1),
            self.view.selectionModel().isRowSelected(row, QModelIndex()),
            model.index(row, self.current()[1]),
        )
        menu = self._names(("row_above", "row_below", "delete_row", "row_up", "row_down", "promote"))
        self._show_menu(menu, header.viewport().mapToGlobal(pos))

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
        selection = self.view.selectionModel()
        selection.select(
            QItemSelection(model.index(row, column), bottom), QItemSelectionModel.SelectionFlag.ClearAndSelect
        )
        # NoUpdate: the view would read Ctrl, still down from Ctrl+V, as "toggle this cell out".
        selection.setCurrentIndex(model.index(row, column), QItemSelectionModel.SelectionFlag.NoUpdate)

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
