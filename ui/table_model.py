"""A Qt table model over one core table: row 0 is the header row, body rows follow.

Ragged rows stay visible as they are: a cell the source row does not have is shown hatched, a cell
beyond the header's width tinted, so the user sees what the checks will talk about.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt, Slot
from PySide6.QtGui import QBrush, QColor, QFont

from briefing.editing import ChangeEvent, operations
from briefing.model import Table
from briefing.refs import HEADER_ROW

from .document import BriefingDocument, about, mentions, structural

_HEADER_BRUSH = QBrush(QColor("#dde5ee"))
_MISSING_BRUSH = QBrush(QColor("#eeeeee"), Qt.BrushStyle.BDiagPattern)
_OVERFLOW_BRUSH = QBrush(QColor("#fde3e3"))
_COMMENT_BRUSH = QBrush(QColor("#fff3b0"))


def column_name(index: int) -> str:
    """Spreadsheet-style column letters: A … Z, AA …"""
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(65 + rest) + name
    return name


class TableModel(QAbstractTableModel):
    """Edits go through the document's undo stack; the model follows the document's change signal."""

    def __init__(self, doc: BriefingDocument, table_id: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.doc = doc
        self.table_id = table_id
        self._table: Table | None = None  # cached: finding it by id on every data() call is too slow
        self._comments: dict[tuple[int, int], str] | None = None  # (model row, column) -> comment texts
        self._shape = self._current_shape()
        self._bold = QFont()
        self._bold.setBold(True)
        doc.changed.connect(self._on_changed)

    @property
    def table(self) -> Table:
        """The core table shown."""
        if self._table is None:
            self._table = operations.table(self.doc.briefing, self.table_id)
        return self._table

    def exists(self) -> bool:
        """Whether the table is still in the briefing (a fix or a delete may have removed it)."""
        return isinstance(self.doc.briefing.find_block(self.table_id), Table)

    def _current_shape(self) -> tuple[int, int]:
        try:
            table = self.table
        except operations.EditError:
            return (0, 0)
        return (len(table.rows) + 1, max(table.column_count, 1))

    def comments(self) -> dict[tuple[int, int], str]:
        """Open comments on this table's cells, by (model row, column), for the yellow marks."""
        if self._comments is None:
            marks: dict[tuple[int, int], str] = {}
            for comment in self.doc.briefing.comments:
                anchor = comment.anchor
                if (
                    anchor.block_id == self.table_id
                    and anchor.column is not None
                    and anchor.row is not None
                    and not anchor.lost
                    and not comment.resolved
                ):
                    key = (0 if anchor.row == HEADER_ROW else anchor.row + 1, anchor.column)
                    marks[key] = "\n".join(
                        filter(None, [marks.get(key), f"{comment.author}: {comment.text}"])
                    )
            self._comments = marks
        return self._comments

    # --- reading ---------------------------------------------------------------------------------------

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else self._shape[0]

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else self._shape[1]

    def cells(self, row: int) -> list[str]:
        """The source cells of a model row (0 is the header)."""
        table = self.table
        return table.header if row == 0 else table.rows[row - 1]

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        cells = self.cells(row)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return cells[column] if column < len(cells) else ""
        if role == Qt.ItemDataRole.BackgroundRole:
            if (row, column) in self.comments():
                return _COMMENT_BRUSH
            if column >= len(cells):
                return _MISSING_BRUSH
            if row > 0 and column >= len(self.table.header):
                return _OVERFLOW_BRUSH
            if row == 0:
                return _HEADER_BRUSH
        if role == Qt.ItemDataRole.FontRole and row == 0:
            return self._bold
        if role == Qt.ItemDataRole.ToolTipRole:
            if (row, column) in self.comments():
                return self.comments()[(row, column)]
            if column >= len(cells):
                return "This row has no cell here in the source."
            if row > 0 and column >= len(self.table.header):
                return "This cell is beyond the header row's width."
        if role == Qt.ItemDataRole.TextAlignmentRole and _looks_numeric(cells, column) and row > 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:  # noqa: N802
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return column_name(section)
        return "Header" if section == 0 else str(section)

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable

    # --- writing ---------------------------------------------------------------------------------------

    def setData(
        self, index: QModelIndex | QPersistentModelIndex, value: Any, role: int = Qt.ItemDataRole.EditRole
    ) -> bool:  # noqa: N802
        if not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        return self.set_cell(index, str(value))

    def set_cell(
        self, index: QModelIndex | QPersistentModelIndex, value: str, session: object = None
    ) -> bool:
        """Type into a cell as an undo step. Edits with the same ``session`` (one opening of the cell
        editor, which writes as the user types) merge into one step; two openings are two steps."""
        if value == self.data(index, Qt.ItemDataRole.EditRole) or not self.exists():
            return False
        table_id, row, column = self.table_id, index.row() - 1, index.column()
        self.doc.edit(
            "Edit cell",
            lambda b: operations.set_cell(b, table_id, HEADER_ROW if row < 0 else row, column, value),
            self.merge_key(index, session),
        )
        return True

    def merge_key(
        self, index: QModelIndex | QPersistentModelIndex, session: object = None
    ) -> tuple[object, ...]:
        """The undo merge key of typing into a cell (see :meth:`set_cell`)."""
        return ("cell", self.table_id, index.row() - 1, index.column(), session)

    @Slot(object)
    def _on_changed(self, events: list[ChangeEvent]) -> None:
        if structural(events):
            self._refresh(reset=True)
        elif mentions(events, self.table_id):
            self._refresh(reset=False)  # a reset only when the shape changed: the cursor stays
        elif about(events, "comments", "comment"):
            self._comments = None
            self._refresh(reset=False)

    def _refresh(self, reset: bool) -> None:
        self._table = None  # the block may have been replaced (undo of a removal restores a copy)
        self._comments = None
        if not self.exists():
            if self._shape != (0, 0):
                self.beginResetModel()
                self._shape = (0, 0)
                self.endResetModel()
            return
        shape = self._current_shape()
        if reset or shape != self._shape:
            self.beginResetModel()
            self._shape = shape
            self.endResetModel()
        elif shape[0] and shape[1]:
            self.dataChanged.emit(self.index(0, 0), self.index(shape[0] - 1, shape[1] - 1))


def _looks_numeric(cells: list[str], column: int) -> bool:
    if column >= len(cells):
        return False
    text = cells[column].replace(",", "").replace("%", "").strip()
    try:
        float(text)
    except ValueError:
        return False
    return True
