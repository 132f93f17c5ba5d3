"""The corrections log: every applied correction, before → after; revert one, save it, replay it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSettings,
    Qt,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from briefing.atomic import refuse_same_file
from briefing.checks.recipes import RecipeReport, apply_recipe, load_recipe, save_recipe
from briefing.editing import ChangeEvent
from briefing.errors import BriefingError, ProjectError
from briefing.model import Change
from briefing.places import Places
from briefing.refs import parse_ref

from .alerts import show_error, show_message
from .commands import each_fix
from .document import BriefingDocument, structural

_HEADERS = ("Correction", "Where", "Before", "After", "Rule")
_REVERT_TIP = "Undo this correction, if what it changed is still as the fix left it"


class ChangesModel(QAbstractTableModel):
    """The briefing's change log."""

    def __init__(self, doc: BriefingDocument, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.doc = doc
        self._places: Places | None = None  # names for "Where", rebuilt when the briefing changes
        doc.changed.connect(self._on_changed)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.doc.briefing.changes)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(_HEADERS)

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        change = self.doc.briefing.changes[index.row()]
        if self._places is None:
            self._places = Places(self.doc.briefing)
        values = (
            change.note or change.rule,
            self._places.describe_ref(change.target),
            change.before,
            change.after or "(removed)",
            change.rule,
        )
        text = values[index.column()]
        return text if role == Qt.ItemDataRole.ToolTipRole else " ".join(text.split())[:200]

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:  # noqa: N802
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return _HEADERS[section] if orientation == Qt.Orientation.Horizontal else str(section + 1)

    @Slot(object)
    def _on_changed(self, events: list[ChangeEvent]) -> None:
        if structural(events) or any(e.what == "changes" for e in events):
            self._places = None
            self.beginResetModel()
            self.endResetModel()


class CorrectionsPanel(QWidget):
    """Lists the change log; Revert, Save Log…, Apply Recipe…"""

    #: A recipe ran: the report.
    recipeApplied = Signal(object)

    def __init__(self, doc: BriefingDocument, settings: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.doc = doc
        self.settings = settings
        self.model = ChangesModel(doc, self)
        self.view = QTableView()
        self.view.setObjectName("correctionsView")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setWordWrap(True)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column, width in ((1, 150), (2, 220), (3, 220), (4, 150)):
            self.view.setColumnWidth(column, width)
        self.revert_button = QPushButton("Revert")
        self.revert_button.setToolTip(_REVERT_TIP)
        self.save_button = QPushButton("Save Log…")
        self.save_button.setToolTip("Save the corrections as a recipe (JSON) to apply to another article")
        self.recipe_button = QPushButton("Apply Recipe…")
        self.recipe_button.setToolTip("Replay a saved corrections log on this briefing")
        self.revert_button.clicked.connect(lambda: self.revert_current())
        self.save_button.clicked.connect(self.save_dialog)
        self.recipe_button.clicked.connect(self.recipe_dialog)
        buttons = QHBoxLayout()
        for button in (self.revert_button, self.save_button, self.recipe_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addLayout(buttons)
        layout.addWidget(self.view)
        self.last_message: QMessageBox | None = None
        self.view.selectionModel().currentRowChanged.connect(self._update_buttons)
        self.model.modelReset.connect(self._update_buttons)
        # Whether a correction can still be reverted means digesting what it touched (a whole table,
        # for some fixes): after an edit, look again once typing pauses, not on every key. Revert
        # itself checks again when clicked, so a button a moment out of date never reverts wrongly.
        self._recheck = QTimer(self, singleShot=True, interval=300)
        self._recheck.timeout.connect(self._update_buttons)
        doc.changed.connect(lambda _events: self._recheck.start())
        self._update_buttons()

    def current_row(self) -> int:
        """The selected change's index, or -1."""
        index = self.view.currentIndex()
        return index.row() if index.isValid() else -1

    def current(self) -> Change | None:
        """The selected correction."""
        row = self.current_row()
        changes = self.doc.briefing.changes
        return changes[row] if 0 <= row < len(changes) else None

    @Slot()
    def _update_buttons(self, *_args: object) -> None:
        """Revert is enabled only when the selected correction can be reverted; its tooltip says why not."""
        from briefing.checks import revert_problem

        change = self.current()
        problem = (
            "Select a correction to revert." if change is None else revert_problem(self.doc.briefing, change)
        )
        self.revert_button.setEnabled(problem is None)
        self.revert_button.setToolTip(_REVERT_TIP if problem is None else problem)

    def revert_current(self) -> bool:
        """Revert the selected correction (this session's or an earlier one's) as one undo step; says
        why when it cannot."""
        from briefing.checks import revert_change, revert_problem

        change = self.current()
        if change is None:
            return False
        problem = revert_problem(self.doc.briefing, change)
        if problem is None:
            change_id = change.id
            command = self.doc.edit("Revert correction", lambda b: revert_change(b, change_id))
            if command.error is None:
                return True
            problem = str(command.error)
        self._say("This correction cannot be reverted.", problem)
        return False

    def save_log(self, path: Path) -> None:
        """Save the change log as a recipe; never over the open project or its article."""
        protected = [("the open project", self.doc.path), ("its article", self.doc.source_path)]
        refuse_same_file(path, protected, ProjectError)
        save_recipe(self.doc.briefing.changes, path)

    def apply_recipe_file(self, path: Path) -> RecipeReport:
        """Replay a saved log on this briefing as one undoable step; returns the report."""
        operations = load_recipe(path)
        source = self.doc.source_text
        command = self.doc.edit(
            "Apply recipe", each_fix(lambda b, collect: apply_recipe(b, operations, source, collect))
        )
        if command.error is not None:
            raise command.error
        report: RecipeReport = command.result.value
        self.recipeApplied.emit(report)
        return report

    @Slot()
    def save_dialog(self) -> None:
        """Ask where to save the log."""
        folder = str(self.settings.value("export/last_folder", str(Path.home())))
        path, _ = QFileDialog.getSaveFileName(
            self, "Save corrections log", f"{folder}/corrections.json", "Corrections log (*.json)"
        )
        if path:
            try:
                self.save_log(Path(path))
            except BriefingError as exc:
                show_error(self, "The log could not be saved.", exc.reason + ".", str(exc))

    @Slot()
    def recipe_dialog(self) -> None:
        """Ask for a saved log and apply it, then report what applied."""
        folder = str(self.settings.value("export/last_folder", str(Path.home())))
        path, _ = QFileDialog.getOpenFileName(self, "Apply recipe", folder, "Corrections log (*.json)")
        if not path:
            return
        try:
            report = self.apply_recipe_file(Path(path))
        except BriefingError as exc:
            show_error(self, "The recipe could not be applied.", exc.reason + ".", str(exc))
            return
        places = Places(self.doc.briefing)
        details = [
            f"Applied: {op.note or op.rule} ({places.describe_ref(parse_ref(op.target))})"
            for op, _ in report.applied
        ]
        details += [f"Did not apply: {op.note or op.rule} — {why}" for op, why in report.skipped]
        self._say(report.summary().capitalize() + ".", "", "\n".join(details))

    def _say(self, text: str, informative: str, details: str = "") -> None:
        self.last_message = show_message(self, text, informative, details, title="Corrections")
