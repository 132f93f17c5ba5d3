"""Find and replace across the whole briefing: details, headings, paragraphs, lists, table cells."""

from __future__ import annotations

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QGridLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
)

from briefing import edits

from .commands import ReplaceAllCommand

_WHERE = {
    "meta": "Details",
    "heading": "Heading",
    "paragraph": "Paragraph",
    "item": "List item",
    "caption": "Caption",
    "cell": "Table cell",
}


class FindReplaceDialog(QDialog):
    """A modeless dialog: list every match, jump to one, replace all in one undo step."""

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window_ = window
        self.doc = window.doc
        self.setWindowTitle("Find and Replace")
        self.find_edit = QLineEdit()
        self.find_edit.setObjectName("findEdit")
        self.find_edit.setPlaceholderText("Find")
        self.replace_edit = QLineEdit()
        self.replace_edit.setObjectName("replaceEdit")
        self.replace_edit.setPlaceholderText("Replace with")
        self.match_case = QCheckBox("Match case")
        self.results = QListWidget()
        self.results.setObjectName("findResults")
        self.summary = QLabel()
        self.find_button = QPushButton("Find All")
        self.find_button.setDefault(True)
        self.replace_button = QPushButton("Replace All")
        self.find_button.clicked.connect(self.find_all)
        self.replace_button.clicked.connect(self.replace_all)
        self.find_edit.returnPressed.connect(self.find_all)
        self.results.itemActivated.connect(self._go_to)
        self.results.itemClicked.connect(self._go_to)
        self.match_case.toggled.connect(self.find_all)
        layout = QGridLayout(self)
        layout.addWidget(QLabel("Find:"), 0, 0)
        layout.addWidget(self.find_edit, 0, 1)
        layout.addWidget(self.find_button, 0, 2)
        layout.addWidget(QLabel("Replace:"), 1, 0)
        layout.addWidget(self.replace_edit, 1, 1)
        layout.addWidget(self.replace_button, 1, 2)
        layout.addWidget(self.match_case, 2, 1)
        layout.addWidget(self.results, 3, 0, 1, 3)
        layout.addWidget(self.summary, 4, 0, 1, 3)
        self.resize(560, 420)
        self.doc.changed.connect(self._refresh)

    @Slot(str, str)
    def _refresh(self, _kind: str, _item_id: str) -> None:
        """Keep the match list current while the dialog is open."""
        if self.isVisible() and self.find_edit.text():
            self.find_all()

    @Slot()
    def find_all(self) -> list[edits.Match]:
        """List every match."""
        matches = edits.find_all(self.doc.briefing, self.find_edit.text(), self.match_case.isChecked())
        self.results.clear()
        for match in matches:
            context = match.text[max(0, match.start - 30) : match.end + 30].replace("\n", " ")
            item = QListWidgetItem(f"{_WHERE[match.location[0]]}: …{context}…")
            item.setData(Qt.ItemDataRole.UserRole, match)
            self.results.addItem(item)
        self.summary.setText(f"{len(matches)} matches" if self.find_edit.text() else "")
        return matches

    @Slot()
    def replace_all(self) -> None:
        """Replace every match in one undoable step."""
        needle = self.find_edit.text()
        if not needle:
            return
        count = len(edits.find_all(self.doc.briefing, needle, self.match_case.isChecked()))
        if count:
            self.doc.push(
                ReplaceAllCommand(self.doc, needle, self.replace_edit.text(), self.match_case.isChecked())
            )
        self.find_all()
        self.summary.setText(f"Replaced {count} matches")

    @Slot(QListWidgetItem)
    def _go_to(self, item: QListWidgetItem) -> None:
        match: edits.Match = item.data(Qt.ItemDataRole.UserRole)
        location = match.location
        outline = self.window_.outline
        if location[0] == "meta":
            outline.select_details()
        else:
            outline.select_id(location[1])
        if location[0] == "cell":
            _, _table_id, row, column = location
            self.window_.table_editor.set_current(row + 1, column)
        elif location[0] == "paragraph":
            editor = self.window_.paragraph_editor.editor
            cursor = editor.textCursor()
            cursor.setPosition(match.start)
            cursor.setPosition(match.end, cursor.MoveMode.KeepAnchor)
            editor.setTextCursor(cursor)
