"""Writing the briefing into the document view's ``QTextDocument``, laid out as it will print.

The page is three kinds of frame: the head (banner, title, header block), one frame per section, and
the tail (recommendations, sources, banner). A change to one section re-writes only its frame; the
blocks of each frame carry :class:`~ui.docview.keys.Key` states so typing finds its model text.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import Qt, QTextBoundaryFinder
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QTextBlock,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFrame,
    QTextFrameFormat,
    QTextLength,
    QTextListFormat,
    QTextTable,
    QTextTableFormat,
)

from briefing.export.layout import numeric_columns
from briefing.model import Block, Briefing, ListBlock, Paragraph, Run, Section, Table
from briefing.refs import HEADER_ROW

from .keys import CAPTION, CELL, FIXED, HEADING, ITEM, PARAGRAPH, TITLE, Key

#: A table shows at most this many body rows on the page; the grid has them all.
MAX_PAGE_ROWS = 300
#: Paragraph breaks inside one model text are line separators, so one text stays one block.
LINE_BREAK = "\u2028"
BANNER_COLOUR = QColor("#7a1f1f")
HEADING_COLOUR = QColor("#1f3864")
HEADER_FILL = QColor("#d9e2f3")
MISSING_FILL = QColor("#eeeeee")
EXTRA_FILL = QColor("#fde3e3")
_HEAD_REASON = "The header block is edited in Details (double-click it, or choose Details in the outline)."
_TAIL_REASON = "Recommendations are edited in the Recommendations register."
#: A cell's room besides its text, in pixels: its padding (3 + 3) and half a grid line on each side.
CELL_EXTRA = 7
#: Room a column gets beyond its longest word where the page allows, in pixels: Qt rounds column
#: widths, and a word a hair wider than its line is broken anywhere.
SLACK = 3.0
#: The smaller sizes a table's type may take on a page too narrow for its words (of the page's size).
SMALLER = (0.9, 0.8, 0.7)
#: The longest text a column asks room for, in average characters: longer text wraps anyway.
LONG_TEXT = 60


def shown(text: str) -> str:
    """A model text as one block of the view: its line breaks become line separators."""
    return text.replace("\r\n", LINE_BREAK).replace("\n", LINE_BREAK).replace("\r", LINE_BREAK)


def char_format(run: Run | None = None, *, bold: bool = False, size: float = 0.0) -> QTextCharFormat:
    """The character format of a run of text (or of a fixed line)."""
    fmt = QTextCharFormat()
    fmt.setFontWeight(QFont.Weight.Bold if (bold or (run is not None and run.bold)) else QFont.Weight.Normal)
    fmt.setFontItalic(bool(run is not None and run.italic))
    if size:
        fmt.setFontPointSize(size)
    if run is not None and run.href:
        fmt.setAnchor(True)
        fmt.setAnchorHref(run.href)
        fmt.setForeground(QBrush(QColor("#1a4f9c")))
        fmt.setFontUnderline(True)
    return fmt


class Writer:
    """Writes model parts at a cursor and gives each block it makes a key state."""

    def __init__(
        self,
        document: QTextDocument,
        base_size: float,
        mark: Callable[[QTextCursor, Key], None],
        room: float = 0.0,
    ):
        self.document = document
        self.base = base_size
        self.mark = mark
        #: How wide a table may be, in pixels (``0``: not known yet, Qt decides).
        self.room = room
        self.cursor = QTextCursor(document)
        #: Whether the cursor's block is still empty and unused (the start of a frame, after a table).
        self.fresh = True
        #: The tables written, with their columns' sizes, so their widths can follow the page's.
        self.tables: list[PageTable] = []

    # --- frames ----------------------------------------------------------------------------------------

    def frame(self) -> QTextFrame:
        """A new invisible frame at the end of the document; the cursor is inside it."""
        self.cursor.movePosition(QTextCursor.MoveOperation.End)
        fmt = QTextFrameFormat()
        fmt.setBorder(0)
        fmt.setMargin(0)
        fmt.setPadding(0)
        fmt.setTopMargin(6)
        frame = self.cursor.insertFrame(fmt)
        self.fresh = True
        return frame

    def enter(self, frame: QTextFrame) -> None:
        """Empty a frame and put the cursor in it, to write it again."""
        self.cursor.setPosition(frame.firstPosition())
        self.cursor.setPosition(frame.lastPosition(), QTextCursor.MoveMode.KeepAnchor)
        self.cursor.removeSelectedText()
        self.cursor.setBlockFormat(QTextBlockFormat())
        self.cursor.setBlockCharFormat(QTextCharFormat())
        current = self.cursor.currentList()
        if current is not None:
            current.remove(self.cursor.block())
        self.fresh = True

    # --- blocks ----------------------------------------------------------------------------------------

    def block(self, key: Key, fmt: QTextBlockFormat, char: QTextCharFormat) -> None:
        """Start a block for ``key`` (the fresh one if there is one)."""
        if self.fresh:
            self.cursor.setBlockFormat(fmt)
            self.cursor.setBlockCharFormat(char)
            current = self.cursor.currentList()
            if current is not None:
                current.remove(self.cursor.block())
            self.fresh = False
        else:
            self.cursor.insertBlock(fmt, char)
        self.cursor.setCharFormat(char)
        self.mark(self.cursor, key)

    def text_line(
        self, key: Key, text: str, char: QTextCharFormat, fmt: QTextBlockFormat | None = None
    ) -> None:
        """A block of one format."""
        self.block(key, fmt or spaced(), char)
        if text:
            self.cursor.insertText(shown(text), char)

    def runs(self, line: Line) -> None:
        """A paragraph of formatted runs."""
        self.block(line.key, spaced(), char_format())
        self.line_text(self.cursor, line)

    def line_text(self, cursor: QTextCursor, line: Line, level: int = 1, scale: float = 1.0) -> None:
        """A line's text at a cursor, in the characters its kind is set in (a heading's at ``level``, a
        cell's in its table's type, ``scale`` times the page's)."""
        kind = line.key.kind
        if kind in (PARAGRAPH, ITEM):
            for run in line.runs:
                cursor.insertText(shown(run.text), char_format(run))
            return
        if kind == HEADING:
            char = heading_char(self.base, level)
        elif kind == CAPTION:
            char = caption_char()
        else:
            char = (
                cell_char(line.key.index == HEADER_ROW, self.base, scale) if kind == CELL else char_format()
            )
        if line.text:
            cursor.insertText(shown(line.text), char)

    def patch(self, block: QTextBlock, line: Line, level: int = 1, scale: float = 1.0) -> None:
        """Write one block's text again in place (its key, format and place on the page stay): a
        changed paragraph, item, cell, caption or heading, without writing its frame again."""
        cursor = QTextCursor(block)
        cursor.setPosition(block.position() + block.length() - 1, QTextCursor.MoveMode.KeepAnchor)
        cursor.removeSelectedText()
        if line.key.kind == HEADING:
            fmt = block.blockFormat()
            fmt.merge(heading_block(level))
            cursor.setBlockFormat(fmt)
            cursor.setBlockCharFormat(heading_char(self.base, level))
        self.line_text(cursor, line, level, scale)

    # --- the briefing ------------------------------------------------------------------------------------

    def head(self, briefing: Briefing) -> None:
        """Banner, title and header block."""
        meta = briefing.meta
        fixed = Key(FIXED, reason=_HEAD_REASON)
        banner = char_format(bold=True)
        banner.setForeground(QBrush(BANNER_COLOUR))
        centred = spaced(after=6)
        centred.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.text_line(fixed, (meta.classification or "").upper(), banner, centred)
        title = char_format(bold=True, size=self.base * 1.45)
        self.text_line(Key(TITLE), meta.title, title, spaced(before=4, after=4))
        rows = [
            ("To", meta.prepared_for),
            ("From", meta.prepared_by),
            ("Date", meta.date),
            ("Subject", meta.subtitle),
            ("Purpose", f"For {meta.purpose}" if meta.purpose else ""),
            ("Decision by", meta.decision_by if meta.purpose == "decision" else ""),
        ]
        for label, value in rows:
            if value:
                self.block(fixed, spaced(after=1), char_format())
                self.cursor.insertText(f"{label}:\t", char_format(bold=True))
                self.cursor.insertText(shown(value), char_format())
        if meta.summary:
            self.text_line(fixed, "Summary", heading_char(self.base, 2), heading_block(2))
            bullets = QTextListFormat()
            bullets.setStyle(QTextListFormat.Style.ListDisc)
            text_list = None
            for point in meta.summary:
                self.block(fixed, spaced(after=2), char_format())
                if text_list is None:
                    text_list = self.cursor.createList(bullets)
                else:
                    text_list.add(self.cursor.block())
                self.cursor.insertText(shown(point), char_format())

    def section(self, section: Section, numbers: dict[str, int]) -> None:
        """A section's heading and blocks, as :func:`section_lines` says they read."""
        heading = heading_line(section)
        if heading is not None:
            level = heading_level(section)
            self.block(heading.key, heading_block(level), heading_char(self.base, level))
            self.line_text(self.cursor, heading, level)
        for block in section.blocks:
            self.model_block(block, block_lines(section, block, numbers.get(block.id, 0)))

    def model_block(self, block: Block, lines: list[Line]) -> None:
        """One paragraph, list or table, its lines as :func:`block_lines` gives them."""
        if isinstance(block, Paragraph):
            self.runs(lines[0])
        elif isinstance(block, ListBlock):
            self.list_block(block, lines)
        elif isinstance(block, Table):
            self.table(block, lines)

    def list_block(self, block: ListBlock, lines: list[Line]) -> None:
        """A list: one block per item, nested by level, numbered when ordered."""
        if not block.items:
            self.text_line(lines[0].key, lines[0].text, char_format())
            return
        lists: dict[int, object] = {}
        for item, line in zip(block.items, lines, strict=True):
            level = max(0, min(item.level, 8))
            self.block(line.key, spaced(after=2), char_format())
            text_list = lists.get(level)
            # A deeper item ends the lists below it: "1. 2. (a) (b) 3." numbers on after its sub-list.
            for deeper in [k for k in lists if k > level]:
                del lists[deeper]
            if text_list is None:
                fmt = QTextListFormat()
                fmt.setIndent(level + 1)
                fmt.setStyle(list_style(block.ordered, level))
                lists[level] = self.cursor.createList(fmt)
            else:
                text_list.add(self.cursor.block())  # type: ignore[attr-defined]
            self.line_text(self.cursor, line)

    def table(self, block: Table, lines: list[Line]) -> None:
        """A table with its shaded header row and its caption under it."""
        width = max(block.column_count, 1)
        body = block.rows[:MAX_PAGE_ROWS]
        cells, after = lines[: (len(body) + 1) * width], lines[(len(body) + 1) * width :]
        fmt = QTextTableFormat()
        fmt.setBorder(1)
        fmt.setBorderStyle(QTextFrameFormat.BorderStyle.BorderStyle_Solid)
        fmt.setBorderBrush(QBrush(QColor("#8ea4c8")))
        fmt.setBorderCollapse(True)
        fmt.setCellPadding(3)
        fmt.setCellSpacing(0)
        fmt.setHeaderRowCount(1)
        fmt.setTopMargin(4)
        fmt.setBottomMargin(2)
        fmt.setWidth(QTextLength(QTextLength.Type.PercentageLength, 100))
        sizes = measure_columns(block.header, body, width, self.document.defaultFont())
        scale = 1.0
        if self.room > 0:
            widths, scale = column_layout(sizes, table_room(self.room))
            fmt.setColumnWidthConstraints(widths)
        if self.fresh:
            # The fresh block would stay behind, empty, above the table: write the table in its place.
            self.cursor.setBlockFormat(QTextBlockFormat())
        table = self.cursor.insertTable(len(body) + 1, width, fmt)
        numeric = numeric_columns(body, width)
        for number, line in enumerate(cells):
            row, column = divmod(number, width)
            given = block.header if row == 0 else body[row - 1]
            cell = table.cellAt(row, column)
            cursor = cell.firstCursorPosition()
            cell_format = cell.format().toTableCellFormat()
            fill = cell_fill(block.header, given, row, column)
            if fill is not None:
                cell_format.setBackground(QBrush(fill))
            align = QTextBlockFormat()
            if row and numeric[column]:
                align.setAlignment(Qt.AlignmentFlag.AlignRight)
            cursor.setBlockFormat(align)
            cursor.setBlockCharFormat(cell_char(row == 0, self.base, scale))
            self.mark(cursor, line.key)
            self.line_text(cursor, line, scale=scale)
            cell.setFormat(cell_format)  # after the block's format, which would reset the cell's
        self.cursor.setPosition(table.lastPosition() + 1)
        self.fresh = False
        lengths = [len(block.header)] + [len(row) for row in body]
        self.tables.append(
            PageTable(lines[0].key.section_id, block.id, table, sizes, numeric, lengths, scale)
        )
        *notes, caption = after
        for note_line in notes:
            # The page stays quick on a table of 100,000 rows: the rest is worked on in the grid.
            note = char_format(bold=True)
            note.setForeground(QBrush(QColor("#35618f")))
            self.cursor.setBlockFormat(spaced(after=2))
            self.cursor.setBlockCharFormat(note)
            self.mark(self.cursor, note_line.key)
            self.cursor.insertText(note_line.text, note)
            self.cursor.insertBlock(spaced(after=6), char_format())
        # The block after a table is the caption's (Qt always keeps one there); its label is not text
        # of the caption, so the key says how long it is.
        self.cursor.setBlockFormat(spaced(after=6))
        self.cursor.setBlockCharFormat(caption_char())
        self.mark(self.cursor, caption.key)
        self.line_text(self.cursor, caption)

    def tail(self, briefing: Briefing) -> None:
        """The recommendations with their decision lines, and the sources."""
        fixed = Key(FIXED, reason=_TAIL_REASON)
        meta = briefing.meta
        if briefing.recommendations:
            self.text_line(fixed, "Recommendations", heading_char(self.base, 1), heading_block(1))
            numbers = QTextListFormat()
            numbers.setStyle(QTextListFormat.Style.ListDecimal)
            text_list = None
            for rec in briefing.recommendations:
                self.block(Key(FIXED, block_id=rec.id, reason=_TAIL_REASON), spaced(after=2), char_format())
                if text_list is None:
                    text_list = self.cursor.createList(numbers)
                else:
                    text_list.add(self.cursor.block())
                self.cursor.insertText(shown(rec.text), char_format())
                note = rec.annotation
                if note.decision:
                    self.cursor.insertText(f"{LINE_BREAK}Decision: ", char_format())
                    self.cursor.insertText(note.decision, char_format(bold=True))
                elif meta.purpose == "decision":
                    self.cursor.insertText(
                        f"{LINE_BREAK}Approve ____   Disapprove ____   Other ____", char_format()
                    )
        source = meta.source
        if source.publisher or source.url:
            self.text_line(
                Key(FIXED, reason=_HEAD_REASON), "Sources", heading_char(self.base, 1), heading_block(1)
            )
            text = ", ".join(v for v in (source.publisher, source.url, source.date) if v)
            self.text_line(Key(FIXED, reason=_HEAD_REASON), text, char_format())
        if not self.fresh or briefing.recommendations:
            banner = char_format(bold=True)
            banner.setForeground(QBrush(BANNER_COLOUR))
            centred = spaced(before=12)
            centred.setAlignment(Qt.AlignmentFlag.AlignHCenter)
            self.text_line(
                Key(FIXED, reason=_HEAD_REASON), (meta.classification or "").upper(), banner, centred
            )


@dataclass
class PageTable:
    """A table on the page: its columns' sizes and what its layout was decided from."""

    section_id: str
    block_id: str
    table: QTextTable
    sizes: ColumnSizes
    #: Which columns are right-aligned as numbers.
    numeric: list[bool]
    #: How many cells the header and each shown body row hold (short rows are shaded where they end).
    lengths: list[int]
    #: The size of the table's type, a fraction of the page's (smaller on a page too narrow for it).
    scale: float = 1.0


def cell_fill(header: Sequence[str], cells: Sequence[str], row: int, column: int) -> QColor | None:
    """A cell's shading: the header's, a grey where a short row has no cell, a red where a row is
    longer than its header."""
    if row == 0:
        return HEADER_FILL
    if column >= len(cells):
        return MISSING_FILL
    if header and column >= len(header):
        return EXTRA_FILL
    return None


def table_room(room: float) -> float:
    """The pixels a table's columns share on a page ``room`` wide: its outer borders take two on each
    side (with collapsed borders the lines between cells take none)."""
    return room - 4


def fit_columns(entry: PageTable, room: float, base: float) -> None:
    """Give a table on the page the column widths and type size for a page ``room`` wide (if they
    changed; the page's type is ``base`` points)."""
    fmt = entry.table.format()
    widths, scale = column_layout(entry.sizes, table_room(room))
    if [round(w.rawValue(), 2) for w in fmt.columnWidthConstraints()] != [
        round(w.rawValue(), 2) for w in widths
    ]:
        fmt.setColumnWidthConstraints(widths)
        entry.table.setFormat(fmt)
    if scale != entry.scale:
        set_table_type(entry.table, base * scale)
        entry.scale = scale


def set_table_type(table: QTextTable, size: float) -> None:
    """Set every cell of a table in type ``size`` points big (the text, and what is typed into an
    empty cell)."""
    size_format = QTextCharFormat()
    size_format.setFontPointSize(size)
    cursor = table.cellAt(0, 0).firstCursorPosition()
    last = table.cellAt(table.rows() - 1, table.columns() - 1).lastCursorPosition()
    cursor.setPosition(last.position(), QTextCursor.MoveMode.KeepAnchor)
    cursor.mergeCharFormat(size_format)
    for row in range(table.rows()):
        for column in range(table.columns()):
            cell = table.cellAt(row, column)
            if cell.firstPosition() == cell.lastPosition():
                cell.firstCursorPosition().mergeBlockCharFormat(size_format)


@dataclass
class ColumnSizes:
    """How wide each column of a table on the page wants to be, in pixels with a cell's room.

    ``words`` is the widest word (between spaces: an ID like "A-001" counts whole), ``pieces`` the
    widest stretch no line can break inside (Qt breaks after a hyphen), ``texts`` the widest cell text
    on one line (at most :data:`LONG_TEXT` average characters).
    """

    words: list[int]
    pieces: list[int]
    texts: list[int]


def measure_columns(
    header: Sequence[str], rows: Sequence[Sequence[str]], count: int, font: QFont
) -> ColumnSizes:
    """Measure a table's columns as the page sets them (the header row bold).

    A cell no wider than its column's widest piece so far cannot hold a wider one, nor can a word too
    short to be that wide in the font's widest letters: most words of a long table are not measured.
    """
    bold_font = QFont(font)
    bold_font.setBold(True)
    plain, bold = QFontMetricsF(font), QFontMetricsF(bold_font)
    longest = plain.averageCharWidth() * LONG_TEXT
    words, pieces, texts = [0.0] * count, [0.0] * count, [0.0] * count
    measured: dict[tuple[bool, str], float] = {}  # a long table says the same words again and again
    for index, cells in enumerate([header, *rows]):
        metrics = bold if index == 0 else plain
        widest = metrics.maxWidth()
        for column, cell in enumerate(cells[:count]):
            if not cell or cell.isspace():
                continue
            if texts[column] < longest:
                width = (
                    max(metrics.horizontalAdvance(line) for line in cell.splitlines())
                    if "\n" in cell or "\r" in cell
                    else metrics.horizontalAdvance(cell)
                )
                texts[column] = min(max(width, texts[column]), longest)
                if width <= pieces[column]:
                    continue
            for word in cell.split():
                if len(word) * widest <= pieces[column]:
                    continue
                word_width = measured.get((index == 0, word))
                if word_width is None:
                    word_width = measured[(index == 0, word)] = metrics.horizontalAdvance(word)
                if word_width > words[column]:
                    words[column] = word_width
                if word_width > pieces[column]:
                    parts = [word] if word.isalnum() else line_pieces(word)
                    piece = (
                        word_width if len(parts) == 1 else max(metrics.horizontalAdvance(p) for p in parts)
                    )
                    pieces[column] = max(pieces[column], piece)
    minimum = plain.averageCharWidth() * 2  # an empty column stays wide enough to click into
    # Qt rounds a column's least width up to a whole pixel: so do these.
    return ColumnSizes(
        [math.ceil(max(w, minimum) + CELL_EXTRA) for w in words],
        [math.ceil(max(p, minimum) + CELL_EXTRA) for p in pieces],
        [math.ceil(max(t, w, minimum) + CELL_EXTRA) for t, w in zip(texts, words, strict=True)],
    )


def grow_columns(sizes: ColumnSizes, more: ColumnSizes) -> bool:
    """Make ``sizes`` fit ``more`` too (a cell's new text); whether a column now needs more room for
    a word (a longer text alone only asks for more, and waits for the next fit)."""
    grew = False
    for mine, theirs in ((sizes.words, more.words), (sizes.pieces, more.pieces), (sizes.texts, more.texts)):
        for column, (have, need) in enumerate(zip(mine, theirs, strict=True)):
            if need > have:
                mine[column] = need
                grew = grew or mine is not sizes.texts
    return grew


def line_pieces(word: str) -> list[str]:
    """The stretches of a word a line cannot break inside, as Qt's line breaker finds them ("Scud-ER"
    breaks after its hyphen, "A-001" and "Hwasong-12" do not)."""
    finder = QTextBoundaryFinder(QTextBoundaryFinder.BoundaryType.Line, word)
    parts: list[str] = []
    start = 0
    while (end := finder.toNextBoundary()) > 0:
        if end > start:
            parts.append(word[start:end].rstrip())
        start = end
    return parts or [word]


def column_layout(sizes: ColumnSizes, room: float) -> tuple[list[QTextLength], float]:
    """Column widths (percentages of the table) for a table ``room`` pixels wide, and the size of its
    type (a fraction of the page's).

    Every column gets its widest word where the page allows (else its widest piece, breaking only at
    hyphens), and the rest of the room in proportion to how much more its text would like. On a page
    too narrow for that the table is set smaller (down to :data:`SMALLER`'s last), as a reader zooms
    out; narrower still, Qt breaks words anywhere in the whole table: short columns (IDs, dates,
    numbers) then keep their text on one line and the long ones share what is left.
    """
    for scale in (1.0, *SMALLER):
        wish = _scaled(sizes.texts, scale)
        tiers = [(sizes.words, SLACK), (sizes.pieces, SLACK), (sizes.pieces, 1.0)]
        for sized, slack in tiers:
            need = [n + slack for n in _scaled(sized, scale)]
            if sum(need) > room:
                continue
            wants = [max(w, n) for w, n in zip(wish, need, strict=True)]
            if sum(wants) <= room:
                widths = wants
            else:
                spare, extra = room - sum(need), sum(wants) - sum(need)
                widths = [n + (w - n) * spare / extra for n, w in zip(need, wants, strict=True)]
            return _percentages(widths), scale
    scale = SMALLER[-1]
    return _percentages(_water_fill(_scaled(sizes.texts, scale), room)), scale


def column_widths(sizes: ColumnSizes, room: float) -> list[QTextLength]:
    """The column widths of :func:`column_layout`."""
    return column_layout(sizes, room)[0]


def _scaled(values: Sequence[float], scale: float) -> list[float]:
    """Sizes measured in the page's type, in type ``scale`` times as big (its padding stays; a little
    more room, as small type is not exactly smaller in proportion)."""
    if scale == 1.0:
        return list(values)
    return [(value - CELL_EXTRA) * scale * 1.04 + 2 + CELL_EXTRA for value in values]


def _percentages(widths: Sequence[float]) -> list[QTextLength]:
    total = sum(widths) or 1.0
    return [QTextLength(QTextLength.Type.PercentageLength, 100.0 * w / total) for w in widths]


def _water_fill(wish: Sequence[float], room: float) -> list[float]:
    """Widths summing to ``room``: columns wishing for less than an even share get their wish, the rest
    share what is left evenly."""
    widths = list(wish)
    order = sorted(range(len(wish)), key=lambda i: wish[i])
    left = room
    for position, index in enumerate(order):
        share = left / (len(order) - position)
        if wish[index] > share:
            for rest in order[position:]:
                widths[rest] = share
            break
        left -= wish[index]
    return widths


# --- what each block of a section shows -------------------------------------------------------------


@dataclass(frozen=True)
class Line:
    """One block of the page as the model says it reads: its key and its text in formatted runs.

    The writer lays these out (fonts, lists, tables); the view compares the page with them to know
    whether a frame still shows its section. Both read them from here, so the page's layout of a
    section is described once.
    """

    key: Key
    runs: tuple[Run, ...]

    @property
    def text(self) -> str:
        """The block's text (model line breaks as ``\\n``)."""
        return "".join(run.text for run in self.runs)


def heading_line(section: Section) -> Line | None:
    """A section's heading line (a section without a heading has none, unless it is empty)."""
    if section.heading or not section.blocks:
        return Line(Key(HEADING, section.id), (Run(section.heading),))
    return None


def block_lines(section: Section, block: Block, number: int = 0) -> list[Line]:
    """The lines of one paragraph, list or table, in page order: a table's cells row by row (the
    header first, at most :data:`MAX_PAGE_ROWS` body rows), the line saying where the rest are, and
    its caption with its number."""
    if isinstance(block, Paragraph):
        runs = merge_runs([Run(r.text, r.bold, r.italic, r.href) for r in block.runs])
        return [Line(Key(PARAGRAPH, section.id, block.id), tuple(runs))]
    if isinstance(block, ListBlock):
        if not block.items:
            return [Line(Key(FIXED, section.id, block.id, reason="An empty list."), ())]
        return [
            Line(Key(ITEM, section.id, block.id, index), item_runs(item.term, item.separator, item.text))
            for index, item in enumerate(block.items)
        ]
    if isinstance(block, Table):
        width = max(block.column_count, 1)
        lines = []
        for row, cells in enumerate([block.header, *block.rows[:MAX_PAGE_ROWS]]):
            for column in range(width):
                value = cells[column] if column < len(cells) else ""
                key = Key(CELL, section.id, block.id, HEADER_ROW if row == 0 else row - 1, column)
                lines.append(Line(key, (Run(value),) if value else ()))
        hidden = len(block.rows) - MAX_PAGE_ROWS
        if hidden > 0:
            reason = more_rows(hidden)
            lines.append(Line(Key(FIXED, section.id, block.id, reason=reason), (Run(reason),)))
        lines.append(caption_line(section.id, block, number))
        return lines
    return []


def caption_line(section_id: str, table: Table, number: int) -> Line:
    """A table's caption line: its number ("Table 1" alone while there is no caption, "Table 1: "
    before one), then the caption. The number is not text of the caption, so the key's ``column``
    says how long it is."""
    label = (f"Table {number}: " if table.caption else f"Table {number}") if number else ""
    runs = tuple(Run(text) for text in (label, table.caption) if text)
    return Line(Key(CAPTION, section_id, table.id, column=len(label)), runs)


def item_runs(term: str, separator: str, text: str) -> tuple[Run, ...]:
    """A list item's runs: its term bold, then the separator and the text."""
    runs = [Run(term, bold=True), Run(separator), Run(text)] if term else [Run(text)]
    return tuple(run for run in runs if run.text)


def section_lines(section: Section, numbers: dict[str, int]) -> list[Line]:
    """Every line of a section's frame, in order."""
    heading = heading_line(section)
    lines = [heading] if heading is not None else []
    for block in section.blocks:
        lines += block_lines(section, block, numbers.get(block.id, 0))
    return lines


def merge_runs(runs: list[Run]) -> list[Run]:
    """Runs with neighbours of the same format joined and empty ones dropped."""
    merged: list[Run] = []
    for run in runs:
        if not run.text:
            continue
        if merged and (merged[-1].bold, merged[-1].italic, merged[-1].href) == (
            run.bold,
            run.italic,
            run.href,
        ):
            merged[-1] = Run(merged[-1].text + run.text, run.bold, run.italic, run.href)
        else:
            merged.append(Run(run.text, run.bold, run.italic, run.href))
    return merged


def cell_char(header: bool, base: float, scale: float = 1.0) -> QTextCharFormat:
    """A cell's characters: the header's bold; in smaller type when its table is set smaller."""
    return char_format(bold=header, size=base * scale if scale != 1.0 else 0.0)


def caption_char() -> QTextCharFormat:
    """A caption's characters: italic, grey."""
    italic = char_format()
    italic.setFontItalic(True)
    italic.setForeground(QBrush(QColor("#444444")))
    return italic


def more_rows(hidden: int) -> str:
    """The line under a table too long for the page."""
    return f"{hidden:,} more rows are in the grid: Edit ▸ Edit Table in Grid (Ctrl+Alt+G)."


def table_numbers(briefing: Briefing) -> dict[str, int]:
    """Each table's number as the export prints it (tables with content, in order)."""
    numbers: dict[str, int] = {}
    for _, block in briefing.blocks():
        if isinstance(block, Table) and (block.header or block.rows):
            numbers[block.id] = len(numbers) + 1
    return numbers


def spaced(before: float = 0, after: float = 6) -> QTextBlockFormat:
    """A block format with space before and after, in points."""
    fmt = QTextBlockFormat()
    fmt.setTopMargin(before)
    fmt.setBottomMargin(after)
    return fmt


def heading_level(section: Section) -> int:
    """The level a section's heading is set at on the page (1 to 6)."""
    return max(1, min(section.level, 6))


def heading_block(level: int) -> QTextBlockFormat:
    """A heading's block: its level for screen readers, space above it."""
    fmt = spaced(before=14 if level == 1 else 10, after=4)
    fmt.setHeadingLevel(level)
    return fmt


def heading_char(base: float, level: int) -> QTextCharFormat:
    """A heading's characters: bold, blue, larger for higher levels."""
    fmt = char_format(bold=True, size=base * {1: 1.3, 2: 1.15}.get(level, 1.05))
    fmt.setForeground(QBrush(HEADING_COLOUR))
    return fmt


def list_style(ordered: bool, level: int) -> QTextListFormat.Style:
    """Bullets or numbers for a list level, as Word varies them."""
    if ordered:
        return (
            QTextListFormat.Style.ListDecimal,
            QTextListFormat.Style.ListLowerAlpha,
            QTextListFormat.Style.ListLowerRoman,
        )[level % 3]
    return (
        QTextListFormat.Style.ListDisc,
        QTextListFormat.Style.ListCircle,
        QTextListFormat.Style.ListSquare,
    )[level % 3]
