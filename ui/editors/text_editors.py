"""Editors for a section's heading, a paragraph (bold and italic) and a list (terms, levels, order)."""

from __future__ import annotations

import copy
from collections.abc import Callable, Hashable
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QEvent, QModelIndex, QObject, QPersistentModelIndex, Qt, Slot
from PySide6.QtGui import (
    QAction,
    QColor,
    QFont,
    QKeyEvent,
    QKeySequence,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QTextEdit,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from briefing.editing import ChangeEvent, operations
from briefing.editing.steps import text_diff
from briefing.model import Briefing, ListBlock, ListItem, Paragraph, Run

from ..document import BriefingDocument, about, mentions, structural


class UndoToStack(QObject):
    """Sends Ctrl+Z / Ctrl+Y of a text field to the window's Undo and Redo instead of the field's own
    undo, which knows nothing of the model (it would undo the loading of the text and blank the field)."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent):
            if event.matches(QKeySequence.StandardKey.Undo) or event.matches(QKeySequence.StandardKey.Redo):
                event.ignore()  # not the field's: the shortcut goes to the window's action
                return True
        return False


def route_undo(widget: QWidget, parent: QObject) -> None:
    """Make a text field's Undo and Redo keys reach the document's undo stack."""
    if isinstance(widget, (QTextEdit, QPlainTextEdit)):
        widget.setUndoRedoEnabled(False)
    filter_ = parent.findChild(UndoToStack, "undoToStack")
    if filter_ is None:
        filter_ = UndoToStack(parent)
        filter_.setObjectName("undoToStack")
    widget.installEventFilter(filter_)


def text_span(old: str, new: str, position: int, removed: int, added: int) -> tuple[int, int, int] | None:
    """The changed stretch ``(start, old end, new end)`` from a ``contentsChange`` report, checked
    against the texts and narrowed to what really changed; ``None`` when the report does not fit
    (then the core compares the texts)."""
    excess = max(position + removed - len(old), position + added - len(new), 0)
    removed, added = removed - excess, added - excess  # Qt counts the closing paragraph mark
    if position < 0 or removed < 0 or added < 0:
        return None
    old_end, new_end = position + removed, position + added
    if old[:position] != new[:position] or old[old_end:] != new[new_end:]:
        return None
    # A format change reports its whole range: only the text that changed inside it counts.
    start, old_stop, new_stop = text_diff(old[position:old_end], new[position:new_end])
    return position + start, position + old_stop, position + new_stop


def runs_to_document(runs: list[Run], document: QTextDocument) -> None:
    """Fill a text document with formatted runs."""
    document.clear()
    cursor = QTextCursor(document)
    for run in runs:
        fmt = QTextCharFormat()
        fmt.setFontWeight(QFont.Weight.Bold if run.bold else QFont.Weight.Normal)
        fmt.setFontItalic(run.italic)
        if run.href:
            fmt.setAnchor(True)
            fmt.setAnchorHref(run.href)
            fmt.setForeground(Qt.GlobalColor.blue)
            fmt.setFontUnderline(True)
        cursor.insertText(run.text, fmt)


def runs_from_document(document: QTextDocument) -> list[Run]:
    """Formatted runs from a text document; blocks are joined by line breaks."""
    runs: list[Run] = []

    def add(text: str, bold: bool, italic: bool, href: str) -> None:
        if not text:
            return
        if runs and (runs[-1].bold, runs[-1].italic, runs[-1].href) == (bold, italic, href):
            runs[-1].text += text
        else:
            runs.append(Run(text, bold, italic, href))

    block = document.begin()
    first = True
    while block.isValid():
        if not first:
            add("\n", False, False, "")
        first = False
        iterator = block.begin()
        while not iterator.atEnd():
            fragment = iterator.fragment()
            if fragment.isValid():
                fmt = fragment.charFormat()
                add(
                    fragment.text().replace("\u2028", "\n"),
                    fmt.fontWeight() >= QFont.Weight.Bold,
                    fmt.fontItalic(),
                    fmt.anchorHref() if fmt.isAnchor() else "",
                )
            iterator += 1
        block = block.next()
    return runs


class SectionEditor(QWidget):
    """Rename a section."""

    def __init__(self, doc: BriefingDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.doc = doc
        self.section_id: str | None = None
        self.heading = QLineEdit()
        self.heading.setObjectName("headingEdit")
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.heading.setFont(font)
        self.heading.setPlaceholderText("Section heading (empty for the lede)")
        self.heading.textEdited.connect(self._edited)
        route_undo(self.heading, self)
        self.info = QLabel()
        self.info.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Heading"))
        layout.addWidget(self.heading)
        layout.addWidget(self.info)
        layout.addStretch(1)
        doc.changed.connect(self._on_changed)

    def show_section(self, section_id: str) -> None:
        """Show a section's heading."""
        self.section_id = section_id
        self._load()

    def _load(self) -> None:
        section = self.doc.briefing.find_section(self.section_id) if self.section_id else None
        if section is None:
            self.close_section()
            return
        self.heading.setEnabled(True)
        if self.heading.text() != section.heading:
            self.heading.setText(section.heading)
        kinds = [block.kind for block in section.blocks]
        self.info.setText(
            f"{kinds.count('paragraph')} paragraphs, {kinds.count('list')} lists, "
            f"{kinds.count('table')} tables. Use the Insert menu to add blocks, the outline to move them."
        )

    def close_section(self) -> None:
        """The section is gone: show nothing and take no typing."""
        self.section_id = None
        self.heading.clear()
        self.heading.setEnabled(False)
        self.info.setText("This section was removed. Choose another in the outline.")

    @Slot(str)
    def _edited(self, text: str) -> None:
        section_id = self.section_id
        if section_id and self.doc.briefing.find_section(section_id) is not None:
            self.doc.edit(
                "Rename section",
                lambda b: operations.set_heading(b, section_id, text),
                ("heading", section_id),
            )

    @Slot(object)
    def _on_changed(self, events: list[ChangeEvent]) -> None:
        if self.section_id and (mentions(events, self.section_id) or structural(events)):
            self._load()


class ParagraphEditor(QWidget):
    """A rich-text editor for one paragraph; each burst of typing is one undo step."""

    def __init__(self, doc: BriefingDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.doc = doc
        self.paragraph_id: str | None = None
        self._loading = False
        self._pushing = False
        #: What ``contentsChange`` reported since the last push: (position, removed, added), or
        #: ``None`` after more than one report (the core then compares the texts).
        self._change: tuple[int, int, int] | None = None
        self._changes = 0
        self.editor = QTextEdit()
        self.editor.setObjectName("paragraphEdit")
        self.editor.setAcceptRichText(False)
        self.editor.setReadOnly(True)
        route_undo(self.editor, self)
        self.editor.document().contentsChange.connect(self._contents_change)
        self.editor.textChanged.connect(self._text_changed)
        toolbar = QToolBar()
        self.bold_action = QAction(
            "Bold", self, checkable=True, shortcut=QKeySequence(QKeySequence.StandardKey.Bold)
        )
        self.bold_action.triggered.connect(self._toggle_bold)
        self.italic_action = QAction(
            "Italic", self, checkable=True, shortcut=QKeySequence(QKeySequence.StandardKey.Italic)
        )
        self.italic_action.triggered.connect(self._toggle_italic)
        for action in (self.bold_action, self.italic_action):
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            toolbar.addAction(action)
            self.addAction(action)
        font = self.bold_action.font()
        font.setBold(True)
        self.bold_action.setFont(font)
        font = self.italic_action.font()
        font.setItalic(True)
        self.italic_action.setFont(font)
        self.editor.currentCharFormatChanged.connect(self._format_changed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.removed_note = QLabel("This paragraph was removed. Choose another in the outline.")
        self.removed_note.setObjectName("removedNote")
        self.removed_note.hide()
        layout.addWidget(toolbar)
        layout.addWidget(self.removed_note)
        layout.addWidget(self.editor)
        doc.changed.connect(self._on_changed)

    def show_paragraph(self, paragraph_id: str) -> None:
        """Show a paragraph (the cursor starts at its beginning)."""
        if paragraph_id != self.paragraph_id:
            cursor = self.editor.textCursor()
            cursor.setPosition(0)
            self.editor.setTextCursor(cursor)
        self.paragraph_id = paragraph_id
        self._load()

    def close_paragraph(self) -> None:
        """The paragraph is gone (a fix, a delete, an undo): show nothing and take no typing."""
        self.paragraph_id = None
        self._loading = True
        try:
            self.editor.clear()
        finally:
            self._loading = False
        self.editor.setReadOnly(True)
        self.editor.setExtraSelections([])
        self.removed_note.show()

    def _paragraph(self) -> Paragraph | None:
        block = self.doc.briefing.find_block(self.paragraph_id) if self.paragraph_id else None
        return block if isinstance(block, Paragraph) else None

    def _load(self) -> None:
        paragraph = self._paragraph()
        if paragraph is None:
            self.close_paragraph()
            return
        self.removed_note.hide()
        self.editor.setReadOnly(False)
        cursor = self.editor.textCursor()
        anchor, position = cursor.anchor(), cursor.position()
        self._loading = True
        try:
            runs_to_document(paragraph.runs, self.editor.document())
        finally:
            self._loading = False
        length = len(paragraph.text)
        cursor = self.editor.textCursor()
        cursor.setPosition(min(anchor, length))
        cursor.setPosition(min(position, length), QTextCursor.MoveMode.KeepAnchor)
        self.editor.setTextCursor(cursor)
        self.mark_comments()

    def mark_comments(self) -> None:
        """Tint the text ranges that carry an open comment (not part of the text's formatting)."""
        selections = []
        length = len(self.editor.toPlainText())
        for comment in self.doc.briefing.comments:
            anchor = comment.anchor
            if anchor.block_id != self.paragraph_id or comment.resolved or anchor.lost or not anchor.has_span:
                continue
            selection = QTextEdit.ExtraSelection()
            selection.format.setBackground(QColor("#fff3b0"))
            selection.format.setToolTip(f"{comment.author}: {comment.text}")
            cursor = QTextCursor(self.editor.document())
            cursor.setPosition(min(anchor.start or 0, length))
            cursor.setPosition(min(anchor.end or 0, length), QTextCursor.MoveMode.KeepAnchor)
            selection.cursor = cursor
            selections.append(selection)
        self.editor.setExtraSelections(selections)

    @Slot(int, int, int)
    def _contents_change(self, position: int, removed: int, added: int) -> None:
        if not self._loading:
            self._change = (position, removed, added)
            self._changes += 1

    @Slot()
    def _text_changed(self) -> None:
        change, count = self._change, self._changes
        self._change, self._changes = None, 0
        if self._loading or self.paragraph_id is None:
            return
        paragraph = self._paragraph()
        if paragraph is None:
            self.close_paragraph()  # never take typing that would go nowhere
            return
        runs = runs_from_document(self.editor.document())
        if runs == paragraph.runs:
            return
        new_text = "".join(run.text for run in runs)
        span = text_span(paragraph.text, new_text, *change) if change is not None and count == 1 else None
        paragraph_id = self.paragraph_id
        self._pushing = True
        try:
            self.doc.edit(
                "Edit paragraph",
                lambda b: operations.set_runs(b, paragraph_id, runs, span),
                ("runs", paragraph_id),
            )
        finally:
            self._pushing = False

    @Slot(object)
    def _on_changed(self, events: list[ChangeEvent]) -> None:
        if self.paragraph_id is None:
            return
        if self._paragraph() is None:
            self.close_paragraph()
            return
        if self._pushing:
            if about(events, "comments", "comment"):
                self.mark_comments()  # the user's typing moved a comment: the text itself is theirs
            return
        if mentions(events, self.paragraph_id) or structural(events):
            paragraph = self._paragraph()
            if paragraph is not None and paragraph.runs != runs_from_document(self.editor.document()):
                self._load()
                return
        if about(events, "comments", "comment"):
            self.mark_comments()

    def _merge_format(self, fmt: QTextCharFormat) -> None:
        cursor = self.editor.textCursor()
        if cursor.hasSelection():
            cursor.mergeCharFormat(fmt)
        self.editor.mergeCurrentCharFormat(fmt)

    @Slot(bool)
    def _toggle_bold(self, on: bool) -> None:
        fmt = QTextCharFormat()
        fmt.setFontWeight(QFont.Weight.Bold if on else QFont.Weight.Normal)
        self._merge_format(fmt)

    @Slot(bool)
    def _toggle_italic(self, on: bool) -> None:
        fmt = QTextCharFormat()
        fmt.setFontItalic(on)
        self._merge_format(fmt)

    @Slot(QTextCharFormat)
    def _format_changed(self, fmt: QTextCharFormat) -> None:
        self.bold_action.setChecked(fmt.fontWeight() >= QFont.Weight.Bold)
        self.italic_action.setChecked(fmt.fontItalic())


class _ItemsModel(QAbstractTableModel):
    """A list's items as rows: term, text, level."""

    COLUMNS = ("Term", "Text", "Level")

    def __init__(self, editor: ListEditor) -> None:
        super().__init__(editor)
        self.editor = editor
        self._count = 0

    def items(self) -> list[ListItem]:
        block = self.editor.list_block()
        return block.items if block else []

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.items())

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else 3

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return None
        item = self.items()[index.row()]
        return (item.term, item.text, item.level)[index.column()]

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.COLUMNS[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return str(section + 1)
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable

    def setData(
        self, index: QModelIndex | QPersistentModelIndex, value: Any, role: int = Qt.ItemDataRole.EditRole
    ) -> bool:  # noqa: N802
        if not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        item = copy.copy(self.items()[index.row()])
        if index.column() == 0:
            item.term = str(value)
            if item.term and not item.separator:
                item.separator = ": "
        elif index.column() == 1:
            item.text = str(value)
        else:
            try:
                item.level = max(0, min(int(value), 8))
            except (TypeError, ValueError):
                return False
        if item == self.items()[index.row()]:
            return False
        self.editor.set_item(index.row(), item)
        return True

    def refresh(self) -> None:
        """Follow the list: a reset when items were added or removed, else a data change."""
        count = len(self.items())
        if count != self._count:
            self.beginResetModel()
            self._count = count
            self.endResetModel()
        elif count:
            self.dataChanged.emit(self.index(0, 0), self.index(count - 1, 2))


class ListEditor(QWidget):
    """Edit a list's items: term and text, nesting level, order; add and remove items."""

    def __init__(self, doc: BriefingDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.doc = doc
        self.list_id: str | None = None
        self.model = _ItemsModel(self)
        self.view = QTableView()
        self.view.setObjectName("listView")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.view.setColumnWidth(0, 220)
        self.view.setWordWrap(True)
        buttons = QHBoxLayout()
        self.buttons: dict[str, QPushButton] = {}
        for name, label, slot in [
            ("add", "Add Item", self.add_item),
            ("remove", "Remove", self.remove_item),
            ("up", "Move Up", lambda: self.move_item(-1)),
            ("down", "Move Down", lambda: self.move_item(1)),
            ("indent", "Indent", lambda: self.change_level(1)),
            ("outdent", "Outdent", lambda: self.change_level(-1)),
        ]:
            button = QPushButton(label)
            button.clicked.connect(slot)
            buttons.addWidget(button)
            self.buttons[name] = button
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(buttons)
        layout.addWidget(self.view)
        doc.changed.connect(self._on_changed)

    def list_block(self) -> ListBlock | None:
        """The list shown."""
        block = self.doc.briefing.find_block(self.list_id) if self.list_id else None
        return block if isinstance(block, ListBlock) else None

    def show_list(self, list_id: str) -> None:
        """Show a list's items."""
        self.list_id = list_id
        for button in self.buttons.values():
            button.setEnabled(True)
        self.model._count = -1  # force a reset: another list
        self.model.refresh()
        self.view.resizeRowsToContents()

    def _edit(
        self, label: str, make: Callable[[Briefing, str], Any], merge_key: Hashable | None = None
    ) -> None:
        list_id = self.list_id
        if list_id is None or self.list_block() is None:
            return
        self.doc.edit(label, lambda b: make(b, list_id), merge_key)

    def set_item(self, row: int, item: ListItem) -> None:
        """Change one item (its term, text or level) as one undo step."""
        self._edit(
            "Edit list item", lambda b, i: operations.set_item(b, i, row, item), ("item", self.list_id, row)
        )

    def current_row(self) -> int:
        """The selected item's row, or -1."""
        index = self.view.currentIndex()
        return index.row() if index.isValid() else -1

    def _select(self, row: int) -> None:
        if 0 <= row < self.model.rowCount():
            self.view.setCurrentIndex(self.model.index(row, 1))

    @Slot()
    def add_item(self) -> None:
        """Add an empty item below the selected one (at the same level)."""
        block = self.list_block()
        if block is None:
            return
        row = self.current_row()
        level = block.items[row].level if row >= 0 else 0
        marker = block.items[row].marker if row >= 0 else ("1." if block.ordered else "-")
        item = ListItem("", level=level, marker=marker)
        self._edit("Add list item", lambda b, i: operations.insert_item(b, i, row + 1, item))
        self._select(row + 1)

    @Slot()
    def remove_item(self) -> None:
        """Remove the selected item."""
        block, row = self.list_block(), self.current_row()
        if block is None or row < 0:
            return
        self._edit("Remove list item", lambda b, i: operations.remove_item(b, i, row))
        self._select(min(row, len(block.items) - 1))

    def move_item(self, step: int) -> None:
        """Move the selected item up or down."""
        block, row = self.list_block(), self.current_row()
        if block is None or row < 0 or not 0 <= row + step < len(block.items):
            return
        self._edit("Move list item", lambda b, i: operations.move_item(b, i, row, row + step))
        self._select(row + step)

    def change_level(self, step: int) -> None:
        """Indent or outdent the selected item."""
        block, row = self.list_block(), self.current_row()
        if block is None or row < 0:
            return
        item = copy.copy(block.items[row])
        item.level = max(0, min(item.level + step, 8))
        if item.level == block.items[row].level:
            return
        label = "Indent list item" if step > 0 else "Outdent list item"
        self._edit(label, lambda b, i: operations.set_item(b, i, row, item))
        self._select(row)

    def close_list(self) -> None:
        """The list is gone: show no items and take no typing."""
        self.list_id = None
        self.model._count = -1
        self.model.refresh()
        for button in self.buttons.values():
            button.setEnabled(False)

    @Slot(object)
    def _on_changed(self, events: list[ChangeEvent]) -> None:
        if not self.list_id:
            return
        if self.list_block() is None:
            self.close_list()
            return
        if mentions(events, self.list_id) or structural(events):
            row = self.current_row()
            self.model.refresh()
            self._select(row)
