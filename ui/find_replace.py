"""Find and replace across the whole briefing: details, headings, paragraphs, lists, table cells.

Searching and replacing are the editing core's (:mod:`briefing.editing.search`): a match is a ref with
a span, and a replacement changes only the matched characters, so comments on other words stay put
and a comment on the replaced words moves onto the replacement.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
)

from briefing.editing import ChangeEvent, search
from briefing.editing.search import Match
from briefing.places import Places


class FindReplaceDialog(QDialog):
    """A modeless dialog: list every match, go to the next, replace one or all (each one undo step)."""

    def __init__(self, window: Any) -> None:
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
        self.whole_word = QCheckBox("Whole word")
        self.results = QListWidget()
        self.results.setObjectName("findResults")
        self.summary = QLabel()
        self.find_button = QPushButton("Find All")
        self.next_button = QPushButton("Find Next")
        self.next_button.setDefault(True)
        self.replace_one_button = QPushButton("Replace")
        self.replace_button = QPushButton("Replace All")
        self.find_button.clicked.connect(self.find_all)
        self.next_button.clicked.connect(self.find_next)
        self.replace_one_button.clicked.connect(self.replace_current)
        self.replace_button.clicked.connect(self.replace_all)
        # Enter anywhere in the dialog is Find Next: it is the default button (a focused button takes it).
        # F3 (the platform's Find Next key) goes to the next match from anywhere in the dialog.
        QShortcut(QKeySequence(QKeySequence.StandardKey.FindNext), self, self.find_next)
        self.next_button.setToolTip(
            f"Find Next ({QKeySequence(QKeySequence.StandardKey.FindNext).toString()})"
        )
        self.find_edit.textChanged.connect(self._restart)
        self.results.itemActivated.connect(self._go_to)
        self.results.itemClicked.connect(self._go_to)
        self.match_case.toggled.connect(self._restart)
        self.whole_word.toggled.connect(self._restart)
        layout = QGridLayout(self)
        layout.addWidget(QLabel("Find:"), 0, 0)
        layout.addWidget(self.find_edit, 0, 1)
        layout.addWidget(self.next_button, 0, 2)
        layout.addWidget(self.find_button, 0, 3)
        layout.addWidget(QLabel("Replace:"), 1, 0)
        layout.addWidget(self.replace_edit, 1, 1)
        layout.addWidget(self.replace_one_button, 1, 2)
        layout.addWidget(self.replace_button, 1, 3)
        options = QHBoxLayout()
        options.addWidget(self.match_case)
        options.addWidget(self.whole_word)
        options.addStretch(1)
        layout.addLayout(options, 2, 1, 1, 3)
        layout.addWidget(self.results, 3, 0, 1, 4)
        layout.addWidget(self.summary, 4, 0, 1, 4)
        self.resize(620, 420)
        #: The match Find Next went to last (Replace replaces it); -1 before the first.
        self.position = -1
        self.matches: list[Match] = []
        self.doc.changed.connect(self._refresh)

    # --- searching -------------------------------------------------------------------------------------

    def _search(self) -> list[Match]:
        return search.find_all(
            self.doc.briefing, self.find_edit.text(), self.match_case.isChecked(), self.whole_word.isChecked()
        )

    @Slot()
    def _restart(self, *_args: object) -> None:
        self.position = -1
        if self.isVisible():
            self.find_all()

    @Slot(object)
    def _refresh(self, _events: list[ChangeEvent]) -> None:
        """Keep the match list current while the dialog is open."""
        if self.isVisible() and self.find_edit.text():
            self.find_all()

    @Slot()
    def find_all(self) -> list[Match]:
        """List every match."""
        self.matches = self._search()
        places = Places(self.doc.briefing)
        self.results.clear()
        for match in self.matches:
            context = match.text[max(0, match.start - 30) : match.end + 30].replace("\n", " ")
            where = places.describe_ref(match.ref.without_span())
            item = QListWidgetItem(f"{where[:1].upper()}{where[1:]}: …{context}…")
            item.setData(Qt.ItemDataRole.UserRole, match)
            self.results.addItem(item)
        self.summary.setText(f"{len(self.matches)} matches" if self.find_edit.text() else "")
        return self.matches

    @Slot()
    def find_next(self) -> Match | None:
        """Go to the next match (after the last one, back to the first)."""
        matches = self.find_all()
        if not matches:
            self.position = -1
            return None
        self.position = (self.position + 1) % len(matches)
        self.results.setCurrentRow(self.position)
        self.show_match(matches[self.position])
        self.summary.setText(f"Match {self.position + 1} of {len(matches)}")
        return matches[self.position]

    # --- replacing -------------------------------------------------------------------------------------

    @Slot()
    def replace_current(self) -> bool:
        """Replace the match Find Next went to, then go to the next one."""
        if not 0 <= self.position < len(self.matches):
            self.find_next()
            return False
        match = self.matches[self.position]
        current = [m for m in self._search() if m == match]
        if not current:  # the text changed since: find again from here
            self.position -= 1
            self.find_next()
            return False
        replacement = self.replace_edit.text()
        self.doc.edit(
            f"Replace “{match.text[match.start : match.end]}”",
            lambda b: search.replace_one(b, match, replacement),
        )
        self.position -= 1  # the next match now sits where this one was in the list
        self.find_next()
        return True

    @Slot()
    def replace_all(self) -> int:
        """Replace every match in one undoable step."""
        needle = self.find_edit.text()
        if not needle:
            return 0
        count = len(self._search())
        if count:
            replacement, case, word = (
                self.replace_edit.text(),
                self.match_case.isChecked(),
                self.whole_word.isChecked(),
            )
            self.doc.edit(
                f"Replace “{needle}”", lambda b: search.replace_all(b, needle, replacement, case, word)
            )
        self.position = -1
        self.find_all()
        self.summary.setText(f"Replaced {count} matches")
        return count

    # --- showing ---------------------------------------------------------------------------------------

    @Slot(QListWidgetItem)
    def _go_to(self, item: QListWidgetItem) -> None:
        self.position = self.results.row(item)
        self.show_match(item.data(Qt.ItemDataRole.UserRole))

    def show_match(self, match: Match) -> None:
        """Select a match's text in its editor."""
        ref = match.ref
        window = self.window_
        if ref.field.startswith("meta."):
            window.outline.select_details()
            return
        # On the page (or in the grid when it is open on that table), the match's own characters.
        window.show_ref(replace(ref, start=match.start, end=match.end))
