"""The comments panel: every comment with where it is; edit, resolve, delete, jump to its text."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal, Slot
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from briefing.editing import ChangeEvent, operations
from briefing.kinds import text_at
from briefing.model import Briefing, Comment
from briefing.places import Places
from briefing.refs import Ref

from .document import BriefingDocument
from .wrapping import grow_rows, wrapped_tooltip

_HEADERS = ("Where", "Comment", "Author", "Date")
#: The most lines a row grows to; longer text is whole in the cell's tooltip.
_MAX_ROW_LINES = 6
#: The colour comment marks use in the editors.
COMMENT_COLOUR = QColor("#fff3b0")


def describe_anchor(briefing: Briefing, anchor: Ref, places: Places | None = None) -> str:
    """Where a comment is, in words; a comment whose text was deleted says "(removed text)"."""
    where = (places or Places(briefing)).describe_ref(anchor)
    return f"(removed text) {where}" if anchor.lost else where


class CommentsModel(QAbstractTableModel):
    """The briefing's comments (resolved ones hidden unless asked for)."""

    def __init__(self, doc: BriefingDocument, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.doc = doc
        self.show_resolved = False
        self._rows: list[Comment] = []
        self._places: Places | None = None  # names of places, rebuilt when the briefing changes
        self.refresh()
        doc.changed.connect(self._on_changed)

    def refresh(self) -> None:
        """Re-read the comments."""
        self.beginResetModel()
        self._places = None
        self._rows = [c for c in self.doc.briefing.comments if self.show_resolved or not c.resolved]
        self.endResetModel()

    def comment(self, row: int) -> Comment:
        """The comment on a row."""
        return self._rows[row]

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(_HEADERS)

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid():
            return None
        comment = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            values = (self.where(comment), comment.text, comment.author, comment.date[:10])
            return values[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tooltip(comment, index.column())
        if role == Qt.ItemDataRole.FontRole and comment.resolved:
            font = QFont()
            font.setStrikeOut(True)
            return font
        if role == Qt.ItemDataRole.BackgroundRole and not comment.resolved and index.column() == 1:
            return QBrush(COMMENT_COLOUR)
        return None

    def where(self, comment: Comment) -> str:
        """Where a comment is, in words."""
        if self._places is None:
            self._places = Places(self.doc.briefing)
        return describe_anchor(self.doc.briefing, comment.anchor, self._places)

    def tooltip(self, comment: Comment, column: int) -> str:
        """A cell's whole text, wrapped. The place names its section by its whole heading and quotes the
        whole commented text, which the cell shortens."""
        if column == 0:
            anchor = comment.anchor
            section = self.doc.briefing.find_section(anchor.section_id) if anchor.section_id else None
            heading = f"Section: {section.heading}" if section is not None and section.heading else ""
            quoted = text_at(self.doc.briefing, anchor) if not anchor.lost else ""
            return wrapped_tooltip(self.where(comment), heading, f"The text: “{quoted}”" if quoted else "")
        if column == 1:
            return wrapped_tooltip(comment.text, f"— {comment.author}" if comment.author else "")
        if column == 3:
            return wrapped_tooltip(comment.date)
        return wrapped_tooltip(comment.author)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return _HEADERS[section]
        return None

    @Slot(object)
    def _on_changed(self, events: list[ChangeEvent]) -> None:
        if not self.doc.briefing.comments and not self._rows:
            return  # nothing to show either way (and typing in a big briefing stays cheap)
        shown = [c for c in self.doc.briefing.comments if self.show_resolved or not c.resolved]
        if [c.id for c in shown] != [c.id for c in self._rows]:
            self.refresh()
            return
        # The same comments: their places and texts may read differently; the selection stays.
        self._places = None
        self._rows = shown
        if shown:
            self.dataChanged.emit(self.index(0, 0), self.index(len(shown) - 1, len(_HEADERS) - 1))


class CommentsPanel(QWidget):
    """Lists comments; double-click jumps to the commented text."""

    #: The anchor of the comment to show: its block (or recommendation/section) id.
    anchorActivated = Signal(object)

    def __init__(self, doc: BriefingDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.doc = doc
        self.model = CommentsModel(doc, self)
        self.view = QTableView()
        self.view.setObjectName("commentsView")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setWordWrap(True)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.view.setColumnWidth(0, 260)
        grow_rows(self.view, _MAX_ROW_LINES)  # the tooltips hold what is past that
        self.view.doubleClicked.connect(self._activated)
        self.edit_button = QPushButton("Edit…")
        self.resolve_button = QPushButton("Resolve")
        self.delete_button = QPushButton("Delete")
        self.show_resolved = QCheckBox("Show resolved")
        self.edit_button.clicked.connect(lambda: self.edit_current())  # not clicked's flag as the text
        self.resolve_button.clicked.connect(self.toggle_resolved)
        self.delete_button.clicked.connect(self.delete_current)
        self.show_resolved.toggled.connect(self._show_resolved)
        buttons = QHBoxLayout()
        for widget in (self.edit_button, self.resolve_button, self.delete_button):
            buttons.addWidget(widget)
        buttons.addStretch(1)
        buttons.addWidget(self.show_resolved)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addLayout(buttons)
        layout.addWidget(self.view)
        self.view.selectionModel().currentRowChanged.connect(self._update_buttons)
        self._update_buttons()

    def current(self) -> Comment | None:
        """The selected comment."""
        index = self.view.currentIndex()
        return self.model.comment(index.row()) if index.isValid() else None

    def select(self, comment_id: str) -> None:
        """Select a comment by id."""
        for row in range(self.model.rowCount()):
            if self.model.comment(row).id == comment_id:
                self.view.setCurrentIndex(self.model.index(row, 0))
                return

    @Slot()
    def _update_buttons(self, *_args: object) -> None:
        comment = self.current()
        for button in (self.edit_button, self.resolve_button, self.delete_button):
            button.setEnabled(comment is not None)
        self.resolve_button.setText("Reopen" if comment is not None and comment.resolved else "Resolve")

    @Slot()
    def edit_current(self, text: str | None = None) -> None:
        """Change the selected comment's text (asks for it when not given)."""
        comment = self.current()
        if comment is None:
            return
        if text is None:
            text, ok = QInputDialog.getMultiLineText(self, "Edit comment", "Comment:", comment.text)
            if not ok:
                return
        if text.strip() and text != comment.text:
            comment_id = comment.id
            self.doc.edit("Edit comment", lambda b: operations.set_comment(b, comment_id, text=text))
            self.select(comment.id)

    @Slot()
    def toggle_resolved(self) -> None:
        """Resolve the selected comment, or reopen a resolved one."""
        comment = self.current()
        if comment is not None:
            comment_id, resolved = comment.id, not comment.resolved
            label = "Resolve comment" if resolved else "Reopen comment"
            self.doc.edit(label, lambda b: operations.set_comment(b, comment_id, resolved=resolved))
            self._update_buttons()

    @Slot()
    def delete_current(self) -> None:
        """Delete the selected comment (undoable)."""
        comment = self.current()
        if comment is not None:
            comment_id = comment.id
            self.doc.edit("Delete comment", lambda b: operations.remove_comment(b, comment_id))
            self._update_buttons()

    @Slot(bool)
    def _show_resolved(self, on: bool) -> None:
        self.model.show_resolved = on
        self.model.refresh()

    @Slot(QModelIndex)
    def _activated(self, index: QModelIndex) -> None:
        self.anchorActivated.emit(self.model.comment(index.row()).anchor)
