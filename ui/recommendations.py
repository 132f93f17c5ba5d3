"""The recommendations register: a table of recommendations with the analyst's decision on each."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QDate,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSettings,
    QSortFilterProxyModel,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtGui import QAction, QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from briefing import register
from briefing.atomic import atomic_write_bytes, refuse_same_file
from briefing.editing import ChangeEvent, operations
from briefing.errors import ExportError
from briefing.model import DECISIONS, PRIORITIES, Recommendation
from briefing.places import Places

from .alerts import show_error
from .document import BriefingDocument
from .wrapping import grow_rows, wrapped_tooltip

# (header, field); "text" is the recommendation itself, "origin" where it came from (read-only), the rest
# are annotation fields.
COLUMNS = [
    ("Recommendation", "text"),
    ("Origin", "origin"),
    ("Decision", "decision"),
    ("Priority", "priority"),
    ("Owner / lead", "owner"),
    ("Due", "due"),
    ("Analyst comment", "comment"),
]
#: Column numbers by field name.
COLUMN = {name: number for number, (_, name) in enumerate(COLUMNS)}
_DECISION_COLOURS = {
    "Approve": "#e2f0d9",
    "Disapprove": "#f8d7d7",
    "Modify": "#fff2cc",
    "Note": "#deebf7",
    "Defer": "#ededed",
}
#: The most lines a row grows to; longer text is whole in the cell's tooltip.
_MAX_ROW_LINES = 6


class RecommendationsModel(QAbstractTableModel):
    """The briefing's recommendations; edits are undo commands."""

    def __init__(self, doc: BriefingDocument, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.doc = doc
        self._count = len(doc.briefing.recommendations)
        self._places: Places | None = None
        doc.changed.connect(self._on_changed)

    def recommendation(self, row: int) -> Recommendation:
        """The recommendation on a row."""
        return self.doc.briefing.recommendations[row]

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else self._count

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(COLUMNS)

    def value(self, row: int, column: int) -> str:
        """The text in a cell."""
        rec = self.recommendation(row)
        name = COLUMNS[column][1]
        if name == "origin":
            return self.origin_text(row)
        return rec.text if name == "text" else getattr(rec.annotation, name)

    def origin_text(self, row: int) -> str:
        """Where a recommendation came from, in words ("written by the analyst" when nowhere); an
        origin that was deleted says it was removed."""
        if self._places is None:
            self._places = Places(self.doc.briefing)
        return register.origin_words(self._places, self.recommendation(row))

    def tooltip(self, row: int, column: int) -> str:
        """A cell's whole text, wrapped; the recommendation's and origin's also say what the origin reads."""
        rec = self.recommendation(row)
        name = COLUMNS[column][1]
        if name not in ("text", "origin"):
            return wrapped_tooltip(self.value(row, column))
        origin = self.origin_text(row)
        section = register.origin_section(self.doc.briefing, rec)
        source = register.origin_quote(self.doc.briefing, rec)
        lines = [
            f"Recommendation {row + 1}: {rec.text}",
            f"From: {origin}",
            f"Section: {section}" if section and section != "the summary" else "",
            f"It reads: “{source}”" if source else "",
        ]
        return wrapped_tooltip(*lines)

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        name = COLUMNS[column][1]
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tooltip(row, column)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self.value(row, column)
        if role == Qt.ItemDataRole.ForegroundRole and name in ("text", "origin"):
            lost = self.recommendation(row).origin.lost
            if lost:
                return QBrush(QColor("#8a5a00"))
            if name == "origin":
                return QBrush(QColor("#555555"))
            return None
        if role == Qt.ItemDataRole.BackgroundRole and name == "decision":
            colour = _DECISION_COLOURS.get(self.value(row, column))
            return QBrush(QColor(colour)) if colour else None
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:  # noqa: N802
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        # Rows are numbered as the note numbers its recommendations (a filter keeps each one's number).
        return COLUMNS[section][0] if orientation == Qt.Orientation.Horizontal else str(section + 1)

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.isValid() and COLUMNS[index.column()][1] != "origin":
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(
        self, index: QModelIndex | QPersistentModelIndex, value: Any, role: int = Qt.ItemDataRole.EditRole
    ) -> bool:  # noqa: N802
        if not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        name = COLUMNS[index.column()][1]
        value = "" if value is None else str(value)
        if name == "origin" or value == self.value(index.row(), index.column()):
            return False
        rec_id = self.recommendation(index.row()).id
        self.doc.edit(f"Set {name}", lambda b: operations.set_recommendation_field(b, rec_id, name, value))
        return True

    @Slot(object)
    def _on_changed(self, events: list[ChangeEvent]) -> None:
        self._places = None
        count = len(self.doc.briefing.recommendations)
        listed = any(e.what == "recommendations" and e.action != "changed" for e in events)
        if listed or count != self._count:
            self.beginResetModel()
            self._count = count
            self.endResetModel()
        elif count and any(
            e.what in ("recommendation", "recommendations", "section") or e.structural for e in events
        ):
            # A renamed section or a moved block changes how origins read.
            self.dataChanged.emit(self.index(0, 0), self.index(count - 1, len(COLUMNS) - 1))


class _Delegate(QStyledItemDelegate):
    """Drop-downs for decision and priority, a date picker for the due date."""

    def createEditor(
        self, parent: QWidget, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QWidget:  # noqa: N802 - Qt override
        name = COLUMNS[index.column()][1]
        if name in ("decision", "priority"):
            combo = QComboBox(parent)
            combo.addItems(DECISIONS if name == "decision" else PRIORITIES)
            return combo
        if name == "due":
            editor = QDateEdit(parent)
            editor.setCalendarPopup(True)
            editor.setDisplayFormat("yyyy-MM-dd")
            return editor
        return super().createEditor(parent, option, index)

    def setEditorData(self, editor: QWidget, index: QModelIndex | QPersistentModelIndex) -> None:  # noqa: N802 - Qt override
        value = index.data(Qt.ItemDataRole.EditRole) or ""
        if isinstance(editor, QComboBox):
            editor.setCurrentText(value)
        elif isinstance(editor, QDateEdit):
            date = QDate.fromString(value, "yyyy-MM-dd")
            editor.setDate(date if date.isValid() else QDate.currentDate())
        else:
            super().setEditorData(editor, index)

    def setModelData(
        self, editor: QWidget, model: QAbstractItemModel, index: QModelIndex | QPersistentModelIndex
    ) -> None:  # noqa: N802 - Qt override
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentText())
        elif isinstance(editor, QDateEdit):
            model.setData(index, editor.date().toString("yyyy-MM-dd"))
        else:
            super().setModelData(editor, model, index)


class _Filter(QSortFilterProxyModel):
    """Shows the recommendations with a chosen decision and an owner containing some text."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.decision: str | None = None
        self.owner = ""

    def filterAcceptsRow(self, row: int, parent: QModelIndex | QPersistentModelIndex) -> bool:  # noqa: N802 - Qt override
        model = self.sourceModel()
        assert isinstance(model, RecommendationsModel)
        note = model.recommendation(row).annotation
        if self.decision is not None and note.decision != self.decision:
            return False
        return self.owner.casefold() in note.owner.casefold()


class RecommendationsPanel(QWidget):
    """The register: add, edit, delete, reorder, filter, export as CSV; selecting one shows its origin."""

    #: The origin of the selected recommendation (a ``Ref``), when it has one that still exists.
    originSelected = Signal(object)

    def __init__(self, doc: BriefingDocument, settings: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.doc = doc
        self.settings = settings
        self.model = RecommendationsModel(doc, self)
        self.proxy = _Filter(self)
        self.proxy.setSourceModel(self.model)
        self.view = QTableView()
        self.view.setObjectName("recommendationsView")
        self.view.setModel(self.proxy)
        self.view.setItemDelegate(_Delegate(self.view))
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setWordWrap(True)
        self.view.setAlternatingRowColors(True)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, len(COLUMNS)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        for column, width in zip(range(1, len(COLUMNS)), (290, 90, 70, 110, 90, 170), strict=True):
            self.view.setColumnWidth(column, width)
        grow_rows(self.view, _MAX_ROW_LINES)  # the tooltips hold what is past that
        self.view.selectionModel().currentRowChanged.connect(self._current_changed)

        toolbar = QToolBar()
        self.actions_by_name: dict[str, QAction] = {}
        for name, label, tip, slot in [
            ("add", "+ Add", "Add a recommendation of your own", self.add),
            ("delete", "− Delete", "Delete the selected recommendation", self.delete),
            ("up", "↑", "Move up", lambda: self.move_selected(-1)),
            ("down", "↓", "Move down", lambda: self.move_selected(1)),
            (
                "csv",
                "Export CSV…",
                "Save the register as a CSV file for a spreadsheet",
                self.export_csv_dialog,
            ),
        ]:
            action = toolbar.addAction(label, slot)
            action.setToolTip(tip)
            self.actions_by_name[name] = action
        self.decision_filter = QComboBox()
        self.decision_filter.addItem("All decisions", None)
        self.decision_filter.addItem("No decision yet", "")
        for decision in DECISIONS[1:]:
            self.decision_filter.addItem(decision, decision)
        self.decision_filter.currentIndexChanged.connect(self._filter_changed)
        self.owner_filter = QLineEdit()
        self.owner_filter.setPlaceholderText("Filter by owner")
        self.owner_filter.textChanged.connect(self._filter_changed)
        filters = QHBoxLayout()
        filters.addWidget(QLabel("Show:"))
        filters.addWidget(self.decision_filter)
        filters.addWidget(self.owner_filter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        top = QHBoxLayout()
        top.addWidget(toolbar)
        top.addLayout(filters)
        layout.addLayout(top)
        layout.addWidget(self.view)

    def current_row(self) -> int:
        """The selected recommendation's index in the briefing, or -1."""
        index = self.view.currentIndex()
        return self.proxy.mapToSource(index).row() if index.isValid() else -1

    def select_row(self, row: int) -> None:
        """Select a recommendation by its index in the briefing."""
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if index.isValid():
            self.view.setCurrentIndex(index)

    @Slot()
    def add(self) -> None:
        """Add an empty recommendation after the selected one and start editing its text."""
        row = self.current_row()
        index = row + 1 if row >= 0 else len(self.doc.briefing.recommendations)
        rec = operations.new_recommendation(self.doc.briefing, "That you …")
        self.doc.edit("Add recommendation", lambda b: operations.insert_recommendation(b, index, rec))
        self.select_row(index)
        self.view.edit(self.view.currentIndex())

    @Slot()
    def delete(self) -> None:
        """Delete the selected recommendation (undoable)."""
        row = self.current_row()
        if row >= 0:
            rec_id = self.doc.briefing.recommendations[row].id
            self.doc.edit("Delete recommendation", lambda b: operations.remove_recommendation(b, rec_id))
            self.select_row(min(row, len(self.doc.briefing.recommendations) - 1))

    def move_selected(self, step: int) -> None:
        """Move the selected recommendation up or down."""
        row = self.current_row()
        target = row + step
        if row >= 0 and 0 <= target < len(self.doc.briefing.recommendations):
            self.doc.edit("Move recommendation", lambda b: operations.move_recommendation(b, row, target))
            self.select_row(target)

    @Slot()
    def _filter_changed(self) -> None:
        self.proxy.decision = self.decision_filter.currentData()
        self.proxy.owner = self.owner_filter.text()
        self.proxy.invalidate()

    @Slot(QModelIndex, QModelIndex)
    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            return
        rec = self.model.recommendation(self.proxy.mapToSource(current).row())
        if rec.origin.block_id and not rec.origin.lost:
            working_here = self.view.hasFocus()
            self.originSelected.emit(rec.origin)
            if working_here:
                # The document shows the origin; the keyboard stays in the register (arrows, F2, typing).
                self.view.setFocus(Qt.FocusReason.OtherFocusReason)

    def export_csv(self, path: Path) -> None:
        """Write the register as CSV (UTF-8 with BOM so spreadsheets read accents), atomically; never over
        the open project or its article."""
        protected = [("the open project", self.doc.path), ("its article", self.doc.source_path)]
        refuse_same_file(path, protected, ExportError)
        atomic_write_bytes(path, register.register_csv(self.doc.briefing), ExportError)

    @Slot()
    def export_csv_dialog(self) -> None:
        """Ask for a file name and export the register."""
        folder = str(self.settings.value("export/last_folder", str(Path.home())))
        path, _ = QFileDialog.getSaveFileName(
            self, "Export recommendations", f"{folder}/recommendations.csv", "CSV (*.csv)"
        )
        if not path:
            return
        try:
            self.export_csv(Path(path))
        except ExportError as exc:
            show_error(self, "The register could not be exported.", exc.reason + ".", str(exc))
