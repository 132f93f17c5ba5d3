"""The document view: the whole briefing as one page to read and type in, as it will print.

Qt's text editor does the typing, the cursor and the selection; the briefing stays the truth. Each
block of the page names its model text through a :class:`~ui.docview.keys.Key`. An edit inside one
block becomes one transaction of the editing core (typing bursts merge into one undo step); Enter,
Backspace at a block's start, Tab and the like become the structure edits a user means (split a
paragraph, add a list item, indent, next cell). An edit the view cannot express — across two blocks,
in the header block — is refused with a sentence in the status bar and the page is written again
from the model, so the page never shows what the briefing does not hold.

Undo and redo are the document's: the text editor's own undo is off. When the model changes by
anything else (a fix, an undo, the grid, the outline), a text that changed is written again in its
own block (a cell of a 2,000-row table without its frame); a section's frame is written again only
when its blocks come, go or change their layout (a row, an item's level). The cursor stays in the
text it was in.
"""

from __future__ import annotations

import copy
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from PySide6.QtCore import QEvent, QMimeData, QPoint, Qt, QTimer, Signal, Slot
from PySide6.QtGui import (
    QBrush,
    QColor,
    QContextMenuEvent,
    QFont,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QResizeEvent,
    QTextBlock,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextFrame,
)
from PySide6.QtWidgets import QMenu, QTextEdit, QWidget

from briefing.checks import Finding
from briefing.editing import ChangeEvent, operations
from briefing.editing.runs import splice_item
from briefing.export.layout import numeric_columns
from briefing.model import Block, ListBlock, ListItem, Paragraph, Run, Section, Table
from briefing.places import Places
from briefing.refs import HEADER_ROW, Ref

from ..document import BriefingDocument, about
from ..editors.text_editors import route_undo, text_span
from .hover import HoverCard
from .keys import CAPTION, CELL, FIXED, HEADING, ITEM, PARAGRAPH, TITLE, Key
from .render import (
    LINE_BREAK,
    MAX_PAGE_ROWS,
    Line,
    PageTable,
    Writer,
    block_lines,
    caption_line,
    cell_fill,
    fit_columns,
    grow_columns,
    heading_level,
    heading_line,
    list_style,
    measure_columns,
    merge_runs,
    section_lines,
    shown,
    table_numbers,
)

#: The page's width in pixels at 100 % (an A4 text column is about 16 cm).
PAGE_WIDTH = 720
_UNKNOWN = Key(FIXED, reason="This line is part of the page's layout.")
_ACROSS = (
    "Select within one paragraph, list item or cell to type over it; delete whole blocks in the outline."
)
_SPELLING = QTextCharFormat.UnderlineStyle.SpellCheckUnderline
#: More changed blocks than this in one section and its frame is written again instead.
_MAX_PATCHES = 200
_SEVERITY_COLOURS = {"error": QColor("#c62828"), "warning": QColor("#d08700"), "info": QColor("#3a78c2")}


@dataclass
class Mark:
    """A finding shown on the page: where, and which finding."""

    start: int
    end: int
    finding: Finding


@dataclass
class _Index:
    """The page's blocks by what they show (see :meth:`DocumentView._places`)."""

    places: dict[tuple[str, str, int | None, int | None], QTextBlock] = field(default_factory=dict)
    blocks: dict[str, QTextBlock] = field(default_factory=dict)
    owner: dict[str, str] = field(default_factory=dict)
    sections: dict[str, QTextBlock] = field(default_factory=dict)
    headings: dict[str, QTextBlock] = field(default_factory=dict)
    #: How many blocks of the page show each model block (a table: its cells, note and caption).
    counts: dict[str, int] = field(default_factory=dict)
    title: QTextBlock | None = None


class DocumentView(QTextEdit):
    """The briefing as one scrollable page; see the module's docstring for how edits flow."""

    #: The cursor moved into another section or block: ``(section_id, block_id)``.
    placeChanged = Signal(str, str)
    #: A one-sentence message for the status bar (an edit refused, where an edit is made instead).
    message = Signal(str)
    #: The user asked for a finding's fix from the page: ``(finding, fix index)``.
    fixRequested = Signal(object, int)
    #: The user chose Ignore on a finding's card.
    ignoreRequested = Signal(object)
    #: The user asked to see a finding in the Findings panel.
    findingShown = Signal(object)
    #: The user asked to open the table grid for a table (its block id).
    gridRequested = Signal(str)
    #: The user double-clicked the header block: show the briefing's details.
    detailsRequested = Signal()

    def __init__(self, doc: BriefingDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("documentView")
        self.doc = doc
        self.setAcceptRichText(False)
        self.setUndoRedoEnabled(False)
        route_undo(self, self)
        self.setMouseTracking(True)
        self.viewport().setMouseTracking(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # the page wraps
        self.document().setDocumentMargin(36)
        self._keys: dict[int, Key] = {}
        self._index: _Index | None = None
        self._next_state = 1
        self._frames: dict[str, QTextFrame] = {}
        #: The tables on the page by block id, to fit their columns when the page's width changes.
        self._tables: dict[str, PageTable] = {}
        self._head: QTextFrame | None = None
        self._tail: QTextFrame | None = None
        self._writing = False
        self._pushing = False
        self._change: tuple[int, int, int] | None = None
        self._changes = 0
        self._place: tuple[str, str] = ("", "")
        self.findings: list[Finding] = []
        self.marks: list[Mark] = []
        #: Fits the tables' columns again a moment after a cell got a longer word.
        self._refit = QTimer(self, singleShot=True, interval=300)
        self._refit.timeout.connect(self.fit_tables)
        self._hover_timer = QTimer(self, singleShot=True, interval=450)
        self._hover_timer.timeout.connect(self._show_hover)
        self._hover_point = QPoint()
        self.card = HoverCard(self)
        self.card.fixChosen.connect(self.fixRequested)
        self.card.ignoreChosen.connect(self.ignoreRequested)
        self.card.showChosen.connect(self.findingShown)
        self.document().contentsChange.connect(self._contents_change)
        self.textChanged.connect(self._text_changed)
        self.cursorPositionChanged.connect(self._cursor_moved)
        doc.changed.connect(self._on_changed)
        self.rebuild()

    # --- writing the page ------------------------------------------------------------------------------

    def _mark_block(self, cursor: QTextCursor, key: Key) -> None:
        self._index = None  # the page is being written: where things are is found again when asked
        state = self._next_state
        self._next_state += 1
        self._keys[state] = key
        cursor.block().setUserState(state)

    def _writer(self) -> Writer:
        return Writer(self.document(), self._base(), self._mark_block, self._room())

    def _base(self) -> float:
        """The page's type size in points."""
        size = self.font().pointSizeF()
        return size if size > 0 else 10.5

    def _room(self) -> float:
        """How wide the page's text is, in pixels (``0`` until the page has its width)."""
        if self.lineWrapMode() != QTextEdit.LineWrapMode.FixedPixelWidth:
            return 0.0
        return self.lineWrapColumnOrWidth() - 2 * self.document().documentMargin()

    def _keep_tables(self, writer: Writer) -> None:
        for entry in writer.tables:
            self._tables[entry.block_id] = entry

    @contextmanager
    def _writing_page(self) -> Iterator[None]:
        """Write the page as one edit of the text document: Qt lays it out once at the end instead of
        after every cell (a 300-row table is 1,200 cells), and the view takes none of it for typing."""
        self._writing = True
        cursor = QTextCursor(self.document())
        cursor.beginEditBlock()
        try:
            yield
        finally:
            cursor.endEditBlock()
            self._writing = False

    def rebuild(self) -> None:
        """Write the whole page from the model, keeping the cursor and the scroll position."""
        spot = self._spot()
        briefing = self.doc.briefing
        self._writing = True
        try:
            self.document().clear()
        finally:
            self._writing = False
        self._index = None
        self._keys.clear()
        self._frames.clear()
        self._tables.clear()
        with self._writing_page():
            writer = self._writer()
            self._head = writer.frame()
            writer.head(briefing)
            numbers = table_numbers(briefing)
            for section in briefing.sections:
                self._frames[section.id] = writer.frame()
                writer.section(section, numbers)
            self._tail = writer.frame()
            writer.tail(briefing)
            self._squash_layout_lines()
        self._keep_tables(writer)
        self._restore(*spot)
        self.refresh_marks()

    def _squash_layout_lines(self) -> None:
        """Qt keeps an empty line before each frame; make those lines take no room on the page."""
        cursor = QTextCursor(self.document())
        block = self.document().begin()
        while block.isValid():
            if block.userState() < 0 and block.length() <= 1:
                cursor.setPosition(block.position())
                fmt = cursor.blockFormat()
                fmt.setLineHeight(1, QTextBlockFormat.LineHeightTypes.FixedHeight.value)
                fmt.setTopMargin(0)
                fmt.setBottomMargin(0)
                cursor.setBlockFormat(fmt)
            block = block.next()

    def _rewrite_section(self, section_id: str) -> None:
        """Write one section's frame again."""
        briefing = self.doc.briefing
        section = briefing.find_section(section_id)
        frame = self._frames.get(section_id)
        if section is None or frame is None:
            self.rebuild()
            return
        self._drop_keys(frame)
        self._tables = {k: v for k, v in self._tables.items() if v.section_id != section_id}
        with self._writing_page():
            writer = self._writer()
            writer.enter(frame)
            writer.section(section, table_numbers(briefing))
        self._keep_tables(writer)

    def _rewrite_frame(self, frame: QTextFrame | None, head: bool) -> None:
        if frame is None:
            self.rebuild()
            return
        self._drop_keys(frame)
        with self._writing_page():
            writer = self._writer()
            writer.enter(frame)
            (writer.head if head else writer.tail)(self.doc.briefing)

    def _drop_keys(self, frame: QTextFrame) -> None:
        self._index = None
        for block in self._blocks_in(frame):
            self._keys.pop(block.userState(), None)

    def _spot(self) -> tuple[int, int, Key, int]:
        """Where the cursor is, to put it back after the page is written again: its position, the
        scroll bar's, and the text it is in with its offset in that text (after a caption's number)."""
        cursor = self.textCursor()
        key = self.key_of(cursor.block())
        offset = cursor.position() - cursor.block().position()
        if key.kind == CAPTION:
            offset -= key.column or 0
        return cursor.position(), self.verticalScrollBar().value(), key, offset

    def _restore(self, position: int, scroll: int, key: Key = _UNKNOWN, offset: int = 0) -> None:
        """Put the cursor back in the text it was in, at the same place in that text (a caption's number
        may have grown or shrunk); where that text is gone, at the same position of the page."""
        cursor = self.textCursor()
        block = self.find_block(key) if key.editable and key is not _UNKNOWN else None
        if block is not None:
            found = self.key_of(block)
            start = found.column or 0 if found.kind == CAPTION else 0
            position = block.position() + max(start, min(start + offset, block.length() - 1))
        cursor.setPosition(max(0, min(position, self.document().characterCount() - 1)))
        self._writing = True
        try:
            self.setTextCursor(cursor)
        finally:
            self._writing = False
        self.verticalScrollBar().setValue(scroll)

    # --- reading the page --------------------------------------------------------------------------------

    def key_of(self, block: QTextBlock) -> Key:
        """The model text a block of the page shows."""
        return self._keys.get(block.userState(), _UNKNOWN)

    def _blocks_in(self, frame: QTextFrame) -> Iterator[QTextBlock]:
        block = self.document().findBlock(frame.firstPosition())
        last = frame.lastPosition()
        while block.isValid() and block.position() <= last:
            yield block
            block = block.next()

    def blocks(self) -> Iterator[tuple[QTextBlock, Key]]:
        """Every block of the page with its key, in order."""
        block = self.document().begin()
        while block.isValid():
            yield block, self.key_of(block)
            block = block.next()

    def _places(self) -> _Index:
        """Where each model text is on the page: built by one pass over the page after it was written,
        valid while only typing changes it (typing never adds or removes blocks)."""
        if self._index is None:
            index = _Index()
            for block, key in self.blocks():
                if key.kind == FIXED and not key.block_id:
                    continue
                index.places.setdefault((key.kind, key.block_id, key.index, key.column), block)
                if key.block_id:
                    index.blocks.setdefault(key.block_id, block)
                    index.owner.setdefault(key.block_id, key.section_id)
                    index.counts[key.block_id] = index.counts.get(key.block_id, 0) + 1
                if key.section_id:
                    index.sections.setdefault(key.section_id, block)
                if key.kind == HEADING:
                    index.headings[key.section_id] = block
                elif key.kind == TITLE:
                    index.title = block
                elif key.kind == CAPTION:
                    index.places[(CAPTION, key.block_id, None, None)] = block
            self._index = index
        return self._index

    def find_block(self, want: Key) -> QTextBlock | None:
        """The page's block showing a model text."""
        if want.kind == HEADING:
            return self._places().headings.get(want.section_id)
        if want.kind == CAPTION:
            return self._places().places.get((CAPTION, want.block_id, None, None))
        return self._places().places.get((want.kind, want.block_id, want.index, want.column))

    def block_for_ref(self, ref: Ref) -> tuple[QTextBlock, int] | None:
        """The block showing a place, and where in it the place's text starts."""
        index = self._places()
        found: QTextBlock | None
        if ref.field == "meta.title":
            return (index.title, 0) if index.title is not None else None
        if not ref.block_id:
            if not ref.section_id:
                return None
            found = index.headings.get(ref.section_id) or index.sections.get(ref.section_id)
            return (found, 0) if found is not None else None
        model = self.doc.briefing.find_block(ref.block_id)
        if isinstance(model, Table):
            if ref.field == "caption":
                found = index.places.get((CAPTION, ref.block_id, None, None))
                return (found, found.length() - 1 - len(model.caption)) if found is not None else None
            row = HEADER_ROW if ref.row is None else ref.row
            found = index.places.get((CELL, ref.block_id, row, ref.column or 0))
            if found is None and ref.row is not None and ref.row >= MAX_PAGE_ROWS:
                found = index.blocks.get(ref.block_id)  # a row only the grid shows: the table's start
            return (found, 0) if found is not None else None
        if isinstance(model, ListBlock):
            item = ref.item or 0
            found = index.places.get((ITEM, ref.block_id, item, None))
            if found is not None and ref.field == "text" and item < len(model.items):
                entry = model.items[item]
                return found, len(entry.full_text) - len(entry.text)
            return (found, 0) if found is not None else None
        found = index.blocks.get(ref.block_id)
        return (found, 0) if found is not None else None

    def current_key(self) -> Key:
        """What the cursor is in."""
        return self.key_of(self.textCursor().block())

    def current_ref(self) -> Ref | None:
        """The place the cursor or selection is in, for a comment: a span of a paragraph, an item, a
        cell, a heading; ``None`` on a fixed line."""
        cursor = self.textCursor()
        block = cursor.block()
        key = self.key_of(block)
        if not key.editable:
            return Ref(block_id=key.block_id) if key.block_id else None
        if key.kind == PARAGRAPH:
            start = cursor.selectionStart() - block.position()
            end = cursor.selectionEnd() - block.position()
            if cursor.hasSelection() and self.document().findBlock(cursor.selectionEnd()) == block:
                return operations.block_ref(self.doc.briefing, key.block_id, start=start, end=end)
            return operations.block_ref(self.doc.briefing, key.block_id)
        if key.kind == HEADING:
            return Ref(section_id=key.section_id)
        return key.ref()

    # --- showing a place ---------------------------------------------------------------------------------

    def show_ref(self, ref: Ref) -> bool:
        """Put the cursor on a place (selecting its span or its whole text) and scroll it to the middle."""
        if ref.lost:
            return False
        found = self.block_for_ref(ref)
        if found is None:
            return False
        block, offset = found
        cursor = QTextCursor(block)
        length = block.length() - 1
        if ref.has_span:
            cursor.setPosition(block.position() + min(offset + (ref.start or 0), length))
            cursor.setPosition(
                block.position() + min(offset + (ref.end or 0), length), QTextCursor.MoveMode.KeepAnchor
            )
        elif ref.row is not None or ref.item is not None:
            cursor.setPosition(block.position() + min(offset, length))
            cursor.setPosition(block.position() + length, QTextCursor.MoveMode.KeepAnchor)
        else:
            cursor.setPosition(block.position() + min(offset, length))
        self.setTextCursor(cursor)
        self.centre_on(cursor)
        return True

    def centre_on(self, cursor: QTextCursor) -> None:
        """Scroll so the cursor's line is in the middle of the view."""
        rect = self.cursorRect(cursor)
        bar = self.verticalScrollBar()
        bar.setValue(bar.value() + rect.center().y() - self.viewport().height() // 2)

    @Slot()
    def _cursor_moved(self) -> None:
        if self._writing:
            return
        key = self.current_key()
        place = (key.section_id, key.block_id)
        if place != self._place and key.kind != FIXED or place != self._place and key.block_id:
            self._place = place
            self.placeChanged.emit(*place)

    # --- findings and comments on the page ---------------------------------------------------------------

    def set_findings(self, findings: list[Finding]) -> None:
        """Underline what the checks found, as a spelling checker does."""
        self.findings = list(findings)
        self.refresh_marks()

    def refresh_marks(self) -> None:
        """Draw the comment highlights and the finding underlines again from where they are now."""
        selections: list[QTextEdit.ExtraSelection] = []
        self.marks = []
        for comment in self.doc.briefing.comments:
            if comment.resolved or comment.anchor.lost:
                continue
            for span in self._spans(comment.anchor):
                selection = QTextEdit.ExtraSelection()
                selection.format.setBackground(QColor("#fff3b0"))
                selection.format.setToolTip(f"{comment.author}: {comment.text}")
                selection.cursor = self._cursor(*span)
                selections.append(selection)
        for finding in self.findings:
            for start, end in self._spans(finding.target):
                if end <= start:  # a whole block with no text (an empty cell): mark its place
                    end = start + 1
                selection = QTextEdit.ExtraSelection()
                selection.format.setUnderlineStyle(_SPELLING)
                selection.format.setUnderlineColor(_SEVERITY_COLOURS.get(finding.severity, QColor("#c62828")))
                selection.cursor = self._cursor(start, end)
                selections.append(selection)
                self.marks.append(Mark(start, end, finding))
        self.setExtraSelections(selections)

    def _cursor(self, start: int, end: int) -> QTextCursor:
        cursor = QTextCursor(self.document())
        limit = self.document().characterCount() - 1
        cursor.setPosition(max(0, min(start, limit)))
        cursor.setPosition(max(0, min(end, limit)), QTextCursor.MoveMode.KeepAnchor)
        return cursor

    def _spans(self, ref: Ref) -> list[tuple[int, int]]:
        """Where a place's text is on the page: a span; else the whole text of its block; for a table
        row every cell of it; for a whole list its first item and a whole table its header row (the
        first line, so the mark stays readable)."""
        if ref.lost:
            return []
        model = self.doc.briefing.find_block(ref.block_id) if ref.block_id else None
        whole = ref.item is None and not ref.has_span and not ref.field
        if isinstance(model, Table) and whole and ref.column is None:
            row = HEADER_ROW if ref.row is None else ref.row
            cells = [self.find_block(Key(CELL, "", ref.block_id, row, c)) for c in range(model.column_count)]
            found = [block for block in cells if block is not None]
            if found:
                return [(b.position(), b.position() + max(b.length() - 1, 0)) for b in found]
        elif isinstance(model, ListBlock) and whole and ref.row is None:
            ref = Ref(ref.section_id, ref.block_id, item=0)
        found_at = self.block_for_ref(ref)
        if found_at is None:
            return []
        block, offset = found_at
        length = block.length() - 1
        base = block.position()
        if ref.has_span:
            return [
                (base + min(offset + (ref.start or 0), length), base + min(offset + (ref.end or 0), length))
            ]
        return [(base + min(offset, length), base + length)]

    def marks_at(self, position: int) -> list[Mark]:
        """The findings marked at a position of the page."""
        return [mark for mark in self.marks if mark.start <= position < mark.end]

    def _marks_under(self, cursor: QTextCursor) -> list[Mark]:
        """The findings marked where the keyboard's cursor is: touching the caret or the selection, or
        anywhere in the cell it is in (Tab selects a cell's text, leaving the caret at its end); one
        mark per finding."""
        start, end = cursor.selectionStart(), cursor.selectionEnd()
        block = cursor.block()
        first, last = block.position(), block.position() + block.length() - 1
        in_cell = self.key_of(block).kind == CELL
        seen: set[int] = set()
        marks = []
        for mark in self.marks:
            here = first <= mark.start <= last if in_cell else mark.start <= end and start <= mark.end
            if here and id(mark.finding) not in seen:
                seen.add(id(mark.finding))
                marks.append(mark)
        return marks

    # --- the hover card ----------------------------------------------------------------------------------

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        super().mouseMoveEvent(event)
        self._hover_point = event.position().toPoint()
        if self.marks and not event.buttons():
            self._hover_timer.start()
        else:
            self._hover_timer.stop()

    @Slot()
    def _show_hover(self) -> None:
        """Open the card of the finding under the mouse, under its line."""
        cursor = self.cursorForPosition(self._hover_point)
        marks = self.marks_at(cursor.position())
        if not marks:
            if not self.card.underMouse():
                self.card.leave_timer.start()
            return
        finding = marks[0].finding
        if self.card.isVisible() and self.card.finding is finding:
            self.card.leave_timer.stop()
            return
        line = self.cursorRect(cursor)
        at = self.viewport().mapToGlobal(QPoint(self._hover_point.x() - 12, line.bottom() + 4))
        top = self.viewport().mapToGlobal(QPoint(0, line.top())).y()
        self.card.show_finding(finding, Places(self.doc.briefing).describe_ref(finding.target), at, top)

    def leaveEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        self._hover_timer.stop()
        if self.card.isVisible():
            self.card.leave_timer.start()
        super().leaveEvent(event)

    # --- context menu --------------------------------------------------------------------------------------

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:  # noqa: N802 - Qt override
        if event.reason() == QContextMenuEvent.Reason.Keyboard:
            # The Menu key or Shift+F10: about where the cursor is, whatever point the event names.
            self.ensureCursorVisible()
            self._pop_up(self.context_menu(), self.viewport().mapToGlobal(self.cursorRect().bottomLeft()))
            return
        self._pop_up(self.context_menu(event.pos()), event.globalPos())

    def _pop_up(self, menu: QMenu, where: QPoint) -> None:
        """Show a menu without a nested event loop: a briefing that finishes loading while it is open
        replaces this view, and the menu must go with it rather than be deleted under a running exec()."""
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(where)

    def context_menu(self, point: QPoint | None = None) -> QMenu:
        """The right-click menu for a point of the page (``None``: the keyboard's menu, for the cursor
        and its selection): the fixes of a finding there first, then the edits of what is there, then
        the clipboard."""
        menu = QMenu(self)
        menu.setObjectName("documentContextMenu")
        if point is None:
            clicked = self.textCursor()
            marks = self._marks_under(clicked)
        else:
            clicked = self.cursorForPosition(point)
            if not self.textCursor().hasSelection() or not (
                self.textCursor().selectionStart() <= clicked.position() <= self.textCursor().selectionEnd()
            ):
                self.setTextCursor(clicked)
            marks = self.marks_at(clicked.position())
        for mark in marks:
            finding = mark.finding
            title = menu.addAction(
                finding.message if len(finding.message) < 90 else finding.message[:87] + "…"
            )
            title.setEnabled(False)
            for index, fix in enumerate(finding.fixes):
                action = menu.addAction(f"Fix: {fix.label}")
                action.triggered.connect(lambda _c=False, f=finding, i=index: self.fixRequested.emit(f, i))
            menu.addSeparator()
        key = self.key_of(clicked.block())
        if key.kind == CELL:
            table_id = key.block_id
            menu.addAction("Edit Table in Grid", lambda: self.gridRequested.emit(table_id))
            menu.addAction("Insert Row Below", lambda: self._table_edit("insert below"))
            menu.addAction("Insert Row Above", lambda: self._table_edit("insert above"))
            delete = menu.addAction("Delete Row", lambda: self._table_edit("delete"))
            delete.setEnabled(key.index != HEADER_ROW)
            menu.addSeparator()
        elif key.kind == ITEM:
            menu.addAction("Indent Item", lambda: self._indent(1))
            menu.addAction("Outdent Item", lambda: self._indent(-1))
            menu.addSeparator()
        elif key.kind == FIXED and key.reason:
            where = menu.addAction(key.reason)
            where.setEnabled(False)
            menu.addSeparator()
        for name, label in (("cut", "Cu&t"), ("copy", "&Copy"), ("paste", "&Paste")):
            action = menu.addAction(label, getattr(self, name))
            if name != "paste":
                action.setEnabled(self.textCursor().hasSelection())
        if key.kind == PARAGRAPH:
            menu.addSeparator()
            menu.addAction("&Bold", lambda: self.toggle_format("bold"))
            menu.addAction("&Italic", lambda: self.toggle_format("italic"))
        for action in self.actions():  # the window's: Comment…
            if action.text():
                menu.addAction(action)
        return menu

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        key = self.key_of(self.cursorForPosition(event.position().toPoint()).block())
        if (
            key.kind == FIXED
            and not key.section_id
            and not key.block_id
            and key.reason.startswith("The header")
        ):
            self.detailsRequested.emit()
            return
        super().mouseDoubleClickEvent(event)

    # --- typing --------------------------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        self.card.hide()  # typing: the card is in the way
        if (
            event.key() == Qt.Key.Key_F10
            and event.modifiers() == Qt.KeyboardModifier.ShiftModifier
            and sys.platform != "win32"  # Windows sends the menu for Shift+F10 itself; X11 does not
        ):
            event.accept()
            point = self.cursorRect().center()
            menu_event = QContextMenuEvent(
                QContextMenuEvent.Reason.Keyboard, point, self.viewport().mapToGlobal(point)
            )
            self.contextMenuEvent(menu_event)
            return
        if self._handle_key(event):
            event.accept()
            return
        super().keyPressEvent(event)

    def _handle_key(self, event: QKeyEvent) -> bool:
        """Keys that are structure edits, or that would edit what cannot be edited here; ``True`` when
        handled (Qt must not see it)."""
        if event.matches(QKeySequence.StandardKey.Bold):
            self.toggle_format("bold")
            return True
        if event.matches(QKeySequence.StandardKey.Italic):
            self.toggle_format("italic")
            return True
        cursor = self.textCursor()
        block = cursor.block()
        key = self.key_of(block)
        text = event.text()
        editing = (
            event.key()
            in (
                Qt.Key.Key_Return,
                Qt.Key.Key_Enter,
                Qt.Key.Key_Backspace,
                Qt.Key.Key_Delete,
                Qt.Key.Key_Tab,
                Qt.Key.Key_Backtab,
            )
            or event.matches(QKeySequence.StandardKey.Cut)
            or event.matches(QKeySequence.StandardKey.Paste)
            or event.matches(QKeySequence.StandardKey.DeleteEndOfWord)
            or event.matches(QKeySequence.StandardKey.DeleteStartOfWord)
            or (
                bool(text)
                and text.isprintable()
                and not event.modifiers() & Qt.KeyboardModifier.ControlModifier
            )
        )
        if not editing:
            return False
        if key.kind == CELL and event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
            self._next_cell(-1 if event.key() == Qt.Key.Key_Backtab else 1)
            return True
        if cursor.hasSelection() and self.document().findBlock(
            cursor.selectionStart()
        ) != self.document().findBlock(cursor.selectionEnd()):
            if event.matches(QKeySequence.StandardKey.Copy):
                return False
            self.message.emit(_ACROSS)
            return True
        if not key.editable:
            self.message.emit(key.reason or _UNKNOWN.reason)
            return True
        offset = cursor.position() - block.position()
        if key.kind == CAPTION and (
            cursor.selectionStart() - block.position() < (key.column or 0)
            or (
                event.key() == Qt.Key.Key_Backspace
                and not cursor.hasSelection()
                and offset == (key.column or 0) > 0
            )
        ):
            self.message.emit("The table's number is written by the export; type the caption after it.")
            return True
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if event.modifiers() & Qt.KeyboardModifier.ShiftModifier and key.kind in (PARAGRAPH, CELL):
                self.textCursor().insertText(LINE_BREAK)
            else:
                self._enter(key, block, cursor)
            return True
        if event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
            if key.kind == ITEM:
                self._indent(-1 if event.key() == Qt.Key.Key_Backtab else 1)
            return True
        if not cursor.hasSelection():
            if event.key() == Qt.Key.Key_Backspace and offset == 0:
                self._join(key, backwards=True)
                return True
            if event.key() == Qt.Key.Key_Delete and offset == block.length() - 1:
                self._join(key, backwards=False)
                return True
        return False

    def insertFromMimeData(self, source: QMimeData) -> None:  # noqa: N802 - Qt override
        """Paste plain text into the block the cursor is in; line breaks stay inside it."""
        key = self.current_key()
        if not key.editable:
            self.message.emit(key.reason)
            return
        text = source.text()
        if key.kind in (HEADING, TITLE, CAPTION):
            text = " ".join(text.split())
        else:
            text = text.replace("\r\n", "\n").strip("\n").replace("\n", LINE_BREAK)
        self.textCursor().insertText(text)

    def canInsertFromMimeData(self, source: QMimeData) -> bool:  # noqa: N802 - Qt override
        return source.hasText()

    @Slot(int, int, int)
    def _contents_change(self, position: int, removed: int, added: int) -> None:
        if not self._writing:
            self._change = (position, removed, added)
            self._changes += 1

    @Slot()
    def _text_changed(self) -> None:
        change, count = self._change, self._changes
        self._change, self._changes = None, 0
        if self._writing or change is None:
            return
        position, removed, added = change
        document = self.document()
        block = document.findBlock(position)
        last = document.findBlock(position + added)
        key = self.key_of(block)
        if last != block and not (position + added == last.position() and added == 0) or not key.editable:
            self.message.emit(_ACROSS if key.editable else key.reason)
            self._repair(key)
            return
        local = (position - block.position(), removed, added) if count == 1 else None
        self._push_block(block, key, local)

    def _push_block(self, block: QTextBlock, key: Key, change: tuple[int, int, int] | None) -> None:
        """Make the text of one block of the page the model's: one transaction, merged with the
        typing before it in the same text."""
        briefing = self.doc.briefing
        text = block.text().replace(LINE_BREAK, "\n")
        self._pushing = True
        try:
            if key.kind == PARAGRAPH:
                paragraph = briefing.find_block(key.block_id)
                if not isinstance(paragraph, Paragraph):
                    self._repair(key)
                    return
                runs = runs_of(block)
                if runs == paragraph.runs:
                    return
                span = text_span(paragraph.text, text, *change) if change else None
                block_id = key.block_id
                self.doc.edit(
                    "Typing", lambda b: operations.set_runs(b, block_id, runs, span), ("runs", block_id)
                )
            elif key.kind == HEADING:
                section_id = key.section_id
                self.doc.edit(
                    "Rename section",
                    lambda b: operations.set_heading(b, section_id, text),
                    ("heading", section_id),
                )
            elif key.kind == TITLE:
                self.doc.edit(
                    "Edit title", lambda b: operations.set_meta(b, "title", text), ("meta", "title")
                )
            elif key.kind == CAPTION:
                table = briefing.find_block(key.block_id)
                caption = text[key.column or 0 :]
                if isinstance(table, Table) and not table.caption:
                    caption = caption.lstrip(": \t")  # "Table 1" has no colon yet: one typed is its
                if not isinstance(table, Table) or caption == table.caption:
                    self._repair(key)  # nothing of the caption changed: show its number as it was
                    return
                block_id = key.block_id
                self.doc.edit(
                    "Edit caption",
                    lambda b: operations.set_caption(b, block_id, caption),
                    ("caption", block_id),
                )
            elif key.kind == CELL:
                block_id, row, column = key.block_id, key.index, key.column
                assert row is not None and column is not None
                self.doc.edit(
                    "Edit cell",
                    lambda b: operations.set_cell(b, block_id, row, column, text),
                    ("cell", block_id, row, column),
                )
            elif key.kind == ITEM:
                self._push_item(key, text, change)
        finally:
            self._pushing = False

    def _push_item(self, key: Key, text: str, change: tuple[int, int, int] | None) -> None:
        model = self.doc.briefing.find_block(key.block_id)
        index = key.index or 0
        if not isinstance(model, ListBlock) or index >= len(model.items):
            self._repair(key)
            return
        item = model.items[index]
        span = text_span(item.full_text, text, *change) if change else None
        if span is None:
            from briefing.editing.steps import text_diff

            span = text_diff(item.full_text, text)
        start, old_end, new_end = span
        new_item, item_span = splice_item(item, start, old_end, text[start:new_end])
        block_id = key.block_id
        spans = tuple(item_span) if item_span is not None else None
        self.doc.edit(
            "Edit list item",
            lambda b: operations.set_item(b, block_id, index, new_item, spans),  # type: ignore[arg-type]
            ("item", block_id, index),
        )

    def _repair(self, key: Key) -> None:
        """The page shows what the model does not hold (an edit was refused): write it again."""
        spot = self._spot()
        if key.section_id and key.section_id in self._frames:
            self._rewrite_section(key.section_id)
        else:
            self.rebuild()
        self._restore(*spot)
        self.refresh_marks()

    # --- structure edits -----------------------------------------------------------------------------------

    def _enter(self, key: Key, block: QTextBlock, cursor: QTextCursor) -> None:
        """Enter: split a paragraph or an item at the cursor; after a heading, a new first paragraph."""
        briefing = self.doc.briefing
        cursor.removeSelectedText()
        offset = self.textCursor().position() - block.position()
        if key.kind == PARAGRAPH:
            paragraph = briefing.find_block(key.block_id)
            if not isinstance(paragraph, Paragraph):
                return
            head, tail = split_runs(paragraph.runs, offset)
            section_id, block_id = key.section_id, key.block_id
            new = operations.new_paragraph(briefing)
            new.runs = tail
            _, index = operations.block_position(briefing, block_id)
            self.doc.edit(
                "Split paragraph",
                lambda b: [
                    operations.set_runs(b, block_id, head),
                    operations.insert_block(b, section_id, index + 1, new),
                ],
            )
            self._place_cursor(Key(PARAGRAPH, section_id, new.id), 0)
        elif key.kind == ITEM:
            model = briefing.find_block(key.block_id)
            index = key.index or 0
            if not isinstance(model, ListBlock) or index >= len(model.items):
                return
            item = model.items[index]
            full = item.full_text
            if not full:  # Enter on an empty item ends the list, as word processors do
                self.message.emit("Empty item: press Backspace to remove it.")
                return
            block_id = key.block_id
            if offset == 0:  # at an item's start: a new empty item above it, the cursor stays
                blank = ListItem("", level=item.level, marker=item.marker)
                self.doc.edit("Add list item", lambda b: operations.insert_item(b, block_id, index, blank))
            else:
                first, _ = splice_item(item, offset, len(full), "")
                rest = ListItem(full[offset:], level=item.level, marker=item.marker)
                self.doc.edit(
                    "Add list item",
                    lambda b: [
                        operations.set_item(b, block_id, index, first),
                        operations.insert_item(b, block_id, index + 1, rest),
                    ],
                )
            self._place_cursor(Key(ITEM, key.section_id, block_id, index + 1), 0)
        elif key.kind in (HEADING, TITLE):
            section = (
                briefing.find_section(key.section_id)
                if key.kind == HEADING
                else (briefing.sections[0] if briefing.sections else None)
            )
            if section is None:
                return
            new = operations.new_paragraph(briefing)
            section_id = section.id
            self.doc.edit("Add paragraph", lambda b: operations.insert_block(b, section_id, 0, new))
            self._place_cursor(Key(PARAGRAPH, section_id, new.id), 0)
        elif key.kind == CELL:
            self._next_cell(0, down=True)

    def _join(self, key: Key, backwards: bool) -> None:
        """Backspace at a block's start, Delete at its end: join two paragraphs or two items of one
        list; elsewhere (a heading, a cell, a table's edge) nothing happens."""
        briefing = self.doc.briefing
        if key.kind == PARAGRAPH:
            section = briefing.find_section(key.section_id)
            if section is None:
                return
            index = next((i for i, b in enumerate(section.blocks) if b.id == key.block_id), -1)
            other = index - 1 if backwards else index + 1
            if index < 0 or not 0 <= other < len(section.blocks):
                return
            first, second = section.blocks[min(index, other)], section.blocks[max(index, other)]
            if not (isinstance(first, Paragraph) and isinstance(second, Paragraph)):
                self.message.emit("Only two paragraphs can be joined.")
                return
            joined = merge_runs(first.runs + second.runs)
            where = len(first.text)
            first_id, second_id = first.id, second.id
            self.doc.edit(
                "Join paragraphs",
                lambda b: [operations.set_runs(b, first_id, joined), operations.remove_block(b, second_id)],
            )
            self._place_cursor(Key(PARAGRAPH, key.section_id, first_id), where)
        elif key.kind == ITEM:
            model = briefing.find_block(key.block_id)
            index = key.index or 0
            if not isinstance(model, ListBlock):
                return
            other = index - 1 if backwards else index + 1
            if not 0 <= other < len(model.items):
                if backwards and not model.items[index].full_text:
                    block_id = key.block_id
                    self.doc.edit("Delete list item", lambda b: operations.remove_item(b, block_id, index))
                return
            low, high = min(index, other), max(index, other)
            first_item, second_item = model.items[low], model.items[high]
            where = len(first_item.full_text)
            merged, _ = splice_item(first_item, where, where, second_item.full_text)
            block_id = key.block_id
            self.doc.edit(
                "Join list items",
                lambda b: [
                    operations.set_item(b, block_id, low, merged),
                    operations.remove_item(b, block_id, high),
                ],
            )
            self._place_cursor(Key(ITEM, key.section_id, block_id, low), where)

    def _indent(self, step: int) -> None:
        key = self.current_key()
        model = self.doc.briefing.find_block(key.block_id)
        index = key.index or 0
        if key.kind != ITEM or not isinstance(model, ListBlock) or index >= len(model.items):
            return
        item = copy.copy(model.items[index])
        level = max(0, min(item.level + step, 8))
        if level == item.level:
            return
        item.level = level
        offset = self.textCursor().position() - self.textCursor().block().position()
        block_id = key.block_id
        self.doc.edit(
            "Indent item" if step > 0 else "Outdent item",
            lambda b: operations.set_item(b, block_id, index, item),
        )
        self._place_cursor(key, offset)

    def _next_cell(self, step: int, down: bool = False) -> None:
        key = self.current_key()
        table = self.doc.briefing.find_block(key.block_id)
        if key.kind != CELL or not isinstance(table, Table):
            return
        width = max(table.column_count, 1)
        rows = [HEADER_ROW, *range(len(table.rows))]
        position = rows.index(key.index if key.index is not None else HEADER_ROW) * width + (key.column or 0)
        position += width if down else step
        if not 0 <= position < len(rows) * width:
            return
        target = Key(CELL, key.section_id, key.block_id, rows[position // width], position % width)
        found = self.find_block(target)
        if found is not None:
            cursor = QTextCursor(found)
            cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock, QTextCursor.MoveMode.KeepAnchor)
            self.setTextCursor(cursor)

    def _table_edit(self, what: str) -> None:
        key = self.current_key()
        table = self.doc.briefing.find_block(key.block_id)
        if key.kind != CELL or not isinstance(table, Table):
            return
        block_id = key.block_id
        row = key.index if key.index is not None else HEADER_ROW
        if what == "delete" and row != HEADER_ROW:
            self.doc.edit("Delete row", lambda b: operations.remove_row(b, block_id, row))
        elif what == "insert above":
            index = 0 if row == HEADER_ROW else row
            self.doc.edit("Insert row", lambda b: operations.insert_row(b, block_id, index))
        elif what == "insert below":
            index = 0 if row == HEADER_ROW else row + 1
            self.doc.edit("Insert row", lambda b: operations.insert_row(b, block_id, index))
            self._place_cursor(Key(CELL, key.section_id, block_id, index, 0), 0)

    def toggle_format(self, what: str) -> None:
        """Bold or italic on the selection in a paragraph (the only text with formatting)."""
        cursor = self.textCursor()
        key = self.current_key()
        if key.kind != PARAGRAPH:
            self.message.emit(
                "Bold and italic are for paragraphs; headings, items and cells take the template's style."
            )
            return
        if not cursor.hasSelection():
            self.message.emit("Select the words to make bold or italic.")
            return
        fmt = QTextCharFormat()
        current = cursor.charFormat()
        if what == "bold":
            fmt.setFontWeight(
                QFont.Weight.Normal if current.fontWeight() >= QFont.Weight.Bold else QFont.Weight.Bold
            )
        else:
            fmt.setFontItalic(not current.fontItalic())
        cursor.mergeCharFormat(fmt)

    def _place_cursor(self, key: Key, offset: int) -> None:
        block = self.find_block(key)
        if block is not None:
            cursor = QTextCursor(block)
            cursor.setPosition(block.position() + min(offset, block.length() - 1))
            self.setTextCursor(cursor)
            self.ensureCursorVisible()

    # --- following the model -------------------------------------------------------------------------------

    @Slot(object)
    def _on_changed(self, events: list[ChangeEvent]) -> None:
        """Write again what changed, unless the page already shows it (the user's own typing)."""
        briefing = self.doc.briefing
        spot = self._spot()
        sections: set[str] = set()
        whole = False
        head = tail = False
        on_page = self._places().owner
        owner: dict[str, str] = {}
        if any(e.what == "block" for e in events):
            owner = {block.id: section.id for section, block in briefing.blocks()}
        for event in events:
            if event.what == "section":
                if event.action in ("inserted", "removed", "moved", "replaced"):
                    whole = True  # the page's frames are one per section, in order: write them all
                else:
                    sections.add(event.id)
            elif event.what == "block":
                # Where the block is now and where the page shows it (both, for a move or a removal).
                places = {owner.get(event.id, ""), on_page.get(event.id, ""), event.ref.section_id} - {""}
                if not places:
                    whole = True
                sections |= places
            elif event.what == "meta":
                head = tail = True
            elif event.what in ("recommendations", "recommendation"):
                tail = True
        if whole or any(s not in self._frames for s in sections):
            self.rebuild()
            return
        # Only what the page does not show yet is written: the user's own typing is shown already, and
        # a changed text is written in its block; a frame is written again when its blocks changed.
        changed = {s for s in sections if self._update_section(s, events)}
        if any(e.structural or e.action in ("replaced", "rows", "columns") for e in events):
            changed |= self._renumber()
        head = head and not self._head_shows()
        if head:
            self._rewrite_frame(self._head, head=True)
        if tail:
            self._rewrite_frame(self._tail, head=False)
        if changed or head or tail:
            self._restore(*spot)
        if changed or head or tail or about(events, "comments", "comment"):
            self.refresh_marks()

    def _update_section(self, section_id: str, events: list[ChangeEvent]) -> bool:
        """Bring a section's frame up to the model after ``events``; whether the page changed. Texts
        that changed are written in their blocks; the frame is written again when its blocks did."""
        section = self.doc.briefing.find_section(section_id)
        stale = self._stale(section, events) if section is not None else None
        if section is None or stale is None or len(stale) > _MAX_PATCHES:
            self._rewrite_section(section_id)
            return True
        if stale:
            self._patch(section, stale)
        self._fit_cells(events, stale)
        return bool(stale)

    def _named(self, events: list[ChangeEvent]) -> dict[str, set[int] | None] | None:
        """The blocks the events changed, each with the table rows named (``None``: the whole block);
        ``None`` when a block came, went, moved or changed shape."""
        named: dict[str, set[int] | None] = {}
        for event in events:
            if event.what != "block":
                continue
            if event.action != "changed":
                return None
            if event.ref.row is None:
                named[event.id] = None
            elif event.id not in named or named[event.id] is not None:
                rows = named.setdefault(event.id, set())
                assert rows is not None
                rows.add(event.ref.row)
        return named

    def _stale(self, section: Section, events: list[ChangeEvent]) -> list[tuple[QTextBlock, Line]] | None:
        """The blocks of a section's frame that do not show what the model holds (their lines), for
        the blocks and the heading the events name; ``None`` when the frame's blocks themselves must
        change (a block or row came or went, a list's levels, a table's shape or alignment)."""
        named = self._named(events)
        if named is None or section.id not in self._frames:
            return None
        index = self._places()
        numbers = table_numbers(self.doc.briefing)
        models = {block.id: block for block in section.blocks}
        wanted: list[Line] = []
        if any(e.what == "section" and e.id == section.id for e in events):
            heading = heading_line(section)
            if (heading is None) != (section.id not in index.headings):
                return None
            if heading is not None:
                wanted.append(heading)
        for block_id, rows in named.items():
            model = models.get(block_id)
            on_page = index.owner.get(block_id)
            if model is None or on_page != section.id:
                if model is None and on_page != section.id:
                    continue  # a block of another section
                return None
            lines = block_lines(section, model, numbers.get(block_id, 0))
            if index.counts.get(block_id, 0) != len(lines) or not self._same_layout(model, lines, rows):
                return None
            if isinstance(model, Table) and rows is not None:
                width = max(model.column_count, 1)
                shown_rows = min(len(model.rows), MAX_PAGE_ROWS)
                cells = [
                    lines[(row + 1) * width + column]
                    for row in sorted(rows)
                    if 0 <= row + 1 <= shown_rows or row == HEADER_ROW
                    for column in range(width)
                ]
                lines = cells + lines[(shown_rows + 1) * width :]
            wanted += lines
        stale = []
        level = heading_level(section)
        for line in wanted:
            block = self.find_block(line.key)
            if block is None:
                return None
            key = self.key_of(block)
            shows = key == line.key and block.text().replace(LINE_BREAK, "\n") == line.text
            if shows and line.key.kind == PARAGRAPH:
                shows = runs_of(block) == list(line.runs)
            elif shows and line.key.kind == HEADING:
                shows = block.blockFormat().headingLevel() == level
            if not shows:
                stale.append((block, line))
        return stale

    def _same_layout(self, model: Block, lines: list[Line], rows: set[int] | None) -> bool:
        """Whether the page lays a list or table out as the model now asks (levels and list styles; a
        table's size, number columns and short rows), so its texts can be written in place."""
        if isinstance(model, ListBlock):
            for item, line in zip(model.items, lines, strict=False):
                block = self.find_block(line.key)
                text_list = block.textList() if block is not None else None
                if text_list is None:
                    return False
                level = max(0, min(item.level, 8))
                fmt = text_list.format()
                if fmt.indent() != level + 1 or fmt.style() != list_style(model.ordered, level):
                    return False
            return True
        if isinstance(model, Table):
            entry = self._tables.get(model.id)
            width = max(model.column_count, 1)
            body = model.rows[:MAX_PAGE_ROWS]
            if entry is None or entry.table.rows() != len(body) + 1 or entry.table.columns() != width:
                return False
            if numeric_columns(body, width) != entry.numeric or entry.lengths[0] != len(model.header):
                return False
            lengths = [len(model.header)] + [len(row) for row in body]
            if rows is None:
                return lengths == entry.lengths
            # rows named: their shading is set again with their texts; other rows must be as they were
            differ = {i - 1 for i, (a, b) in enumerate(zip(lengths, entry.lengths, strict=True)) if a != b}
            return differ <= rows
        return True

    def _patch(self, section: Section, stale: list[tuple[QTextBlock, Line]]) -> None:
        """Write the stale blocks' texts in place (and a patched table row's shading)."""
        writer = self._writer()
        level = heading_level(section)
        rows: dict[str, set[int]] = {}
        with self._writing_page():
            for block, line in stale:
                entry = self._tables.get(line.key.block_id) if line.key.kind == CELL else None
                writer.patch(block, line, level, entry.scale if entry is not None else 1.0)
                self._keys[block.userState()] = line.key  # a caption's number may have grown
                if line.key.kind == CELL and line.key.index is not None:
                    rows.setdefault(line.key.block_id, set()).add(line.key.index)
            for table_id, changed in rows.items():
                model = self.doc.briefing.find_block(table_id)
                entry = self._tables.get(table_id)
                if not isinstance(model, Table) or entry is None:
                    continue
                for row in changed:
                    self._shade_row(entry, model, row)

    def _shade_row(self, entry: PageTable, model: Table, row: int) -> None:
        """Set a table row's cell shading as the model's row now asks (a padded row loses its grey)."""
        cells = model.header if row == HEADER_ROW else model.rows[row]
        page_row = 0 if row == HEADER_ROW else row + 1
        for column in range(entry.table.columns()):
            cell = entry.table.cellAt(page_row, column)
            fmt = cell.format().toTableCellFormat()
            fill = cell_fill(model.header, cells, page_row, column)
            has = fmt.background().color() if fmt.hasProperty(QTextFormat.Property.BackgroundBrush) else None
            if has == fill:
                continue  # a cell format set again lays the whole table out again
            if fill is None:
                fmt.clearBackground()
            else:
                fmt.setBackground(QBrush(fill))
            cell.setFormat(fmt)
        entry.lengths[page_row] = len(cells)

    def _fit_cells(self, events: list[ChangeEvent], stale: list[tuple[QTextBlock, Line]]) -> None:
        """Widen a table's columns for the cells the events name, if their new text needs it (a long
        word typed in a cell stays whole)."""
        room = self._room()
        font = self.document().defaultFont()
        for event in events:
            entry = self._tables.get(event.id) if event.what == "block" else None
            model = self.doc.briefing.find_block(event.id) if entry is not None else None
            if entry is None or not isinstance(model, Table):
                continue
            width = max(model.column_count, 1)
            row = event.ref.row
            if row is None:
                if not any(line.key.kind == CELL and line.key.block_id == model.id for _, line in stale):
                    continue  # its caption, say
                # cells changed all over the table (its columns moved, say): measured again
                entry.sizes = measure_columns(model.header, model.rows[:MAX_PAGE_ROWS], width, font)
                grew = True
            elif row == HEADER_ROW:
                grew = grow_columns(entry.sizes, measure_columns(model.header, [], width, font))
            elif 0 <= row < min(len(model.rows), MAX_PAGE_ROWS):
                grew = grow_columns(entry.sizes, measure_columns([], [model.rows[row]], width, font))
            else:
                continue
            if grew and room > 0:
                self._refit.start()  # once typing pauses: each fit lays the whole table out again

    def _renumber(self) -> set[str]:
        """Write again the numbers of tables whose number changed (a table before them came or went);
        the sections whose page changed."""
        numbers = table_numbers(self.doc.briefing)
        changed: set[str] = set()
        writer = self._writer()
        for entry in self._tables.values():
            model = self.doc.briefing.find_block(entry.block_id)
            if not isinstance(model, Table):
                continue
            line = caption_line(entry.section_id, model, numbers.get(model.id, 0))
            block = self.find_block(line.key)
            if block is None or (self.key_of(block) == line.key and block.text() == shown(line.text)):
                continue
            with self._writing_page():
                writer.patch(block, line)
            self._keys[block.userState()] = line.key
            changed.add(entry.section_id)
        return changed

    def _head_shows(self) -> bool:
        """Whether the head frame shows the briefing's details as they are now (every line, not only
        the title: a subject or date typed in the Details page must reach the page)."""
        if self._head is None:
            return False
        scratch = QTextDocument()
        writer = Writer(scratch, self._writer().base, lambda _cursor, _key: None)
        frame = writer.frame()
        writer.head(self.doc.briefing)
        wanted, block = [], scratch.findBlock(frame.firstPosition())
        while block.isValid() and block.position() <= frame.lastPosition():
            wanted.append(block.text())
            block = block.next()
        return [b.text() for b in self._blocks_in(self._head)] == wanted

    def _shows(self, section_id: str) -> bool:
        """Whether a section's frame shows the section as the model holds it now, every block compared
        (what the tests check after each step; a change itself compares only what it names)."""
        section = self.doc.briefing.find_section(section_id)
        frame = self._frames.get(section_id)
        if section is None or frame is None:
            return False
        expected = [
            (line.key, line.text, list(line.runs) if line.key.kind == PARAGRAPH else None)
            for line in section_lines(section, table_numbers(self.doc.briefing))
        ]
        actual = []
        for block in self._blocks_in(frame):
            key = self.key_of(block)
            if key.kind == FIXED and not key.block_id:
                continue  # a layout line (the empty line Qt keeps before a table)
            text = block.text().replace(LINE_BREAK, "\n")
            actual.append((key, text, runs_of(block) if key.kind == PARAGRAPH else None))
        return expected == actual

    # --- page layout -----------------------------------------------------------------------------------

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._fit_page()

    def _fit_page(self) -> None:
        """Keep the page a page: at most :data:`PAGE_WIDTH` wide (times the screen's scale), centred
        on a grey desk; a narrow window gets the page as wide as it has room for."""
        scale = max(self.logicalDpiX() / 96.0, 1.0)
        margins = self.viewportMargins()
        room = self.viewport().width() + margins.left() + margins.right()
        width = max(200, min(int(PAGE_WIDTH * scale), room))
        side = max(0, (room - width) // 2)
        if self.lineWrapColumnOrWidth() != width or margins.left() != side:
            self.setLineWrapMode(QTextEdit.LineWrapMode.FixedPixelWidth)
            self.setLineWrapColumnOrWidth(width)
            self.setViewportMargins(side, 0, room - width - side, 0)
            self.fit_tables()

    def fit_tables(self) -> None:
        """Give every table on the page column widths for the page's width: each column as wide as its
        longest word where the page allows, so words are not broken inside."""
        room = self._room()
        if room <= 0:
            return
        with self._writing_page():
            for entry in self._tables.values():
                fit_columns(entry, room, self._base())

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent):
            # Tab and Enter stay in the page; the window's shortcuts must not take Ctrl+B / Ctrl+I.
            if event.matches(QKeySequence.StandardKey.Bold) or event.matches(QKeySequence.StandardKey.Italic):
                event.accept()
                return True
        return super().event(event)


# --- the page read back as model texts -------------------------------------------------------------------


def runs_of(block: QTextBlock) -> list[Run]:
    """The formatted runs of one block of the page."""
    runs: list[Run] = []
    iterator = block.begin()
    while not iterator.atEnd():
        fragment = iterator.fragment()
        if fragment.isValid():
            fmt = fragment.charFormat()
            runs.append(
                Run(
                    fragment.text().replace(LINE_BREAK, "\n"),
                    fmt.fontWeight() >= QFont.Weight.Bold,
                    fmt.fontItalic(),
                    fmt.anchorHref() if fmt.isAnchor() else "",
                )
            )
        iterator += 1
    return merge_runs(runs)


def split_runs(runs: list[Run], offset: int) -> tuple[list[Run], list[Run]]:
    """Runs cut in two at a character offset, each part keeping its formatting."""
    head: list[Run] = []
    tail: list[Run] = []
    position = 0
    for run in runs:
        end = position + len(run.text)
        if end <= offset:
            head.append(copy.copy(run))
        elif position >= offset:
            tail.append(copy.copy(run))
        else:
            cut = offset - position
            head.append(Run(run.text[:cut], run.bold, run.italic, run.href))
            tail.append(Run(run.text[cut:], run.bold, run.italic, run.href))
        position = end
    return merge_runs(head), merge_runs(tail)
