"""Reading plain-text articles: what each line is comes from :mod:`~briefing.importing.structure`.

Tables, Markdown ``#`` headings, memo header fields and page furniture are found first; the remaining
lines (headings in any of their styles, paragraphs, wrapped lines, list items) are decided together,
and this module builds the sections from those decisions. Nothing but markup is dropped: rule lines
and the ``**`` of a bold heading are markup; furniture and memo lines stay as paragraphs, with a note
or copied into ``meta``.
"""

from __future__ import annotations

from collections import Counter

from ..model import Briefing, ListItem, Run
from .builder import MAX_LIST_LEVEL, SectionBuilder, levels_from_indents, make_item
from .lines import ListLine, list_line, markdown_heading
from .pipe_tables import ScannedTable, is_row, row_places, scan_table, starts_table
from .positions import CELL_JOIN, Segment
from .runin import split_run_in_headings
from .runtogether import RunTogetherTable, run_together_table
from .structure import (
    FIELD,
    FIXED,
    FURNITURE,
    HEADING,
    ITEM,
    MARKER,
    MEMO,
    MORE,
    RULE,
    Decision,
    LineHints,
    column_table_end,
    common_indent,
    decide,
    field_line,
    is_furniture,
    is_rule_line,
    line_features,
    marker_alone,
    measure,
    memo_field,
    split_columns,
    stacked_table,
)

_SENTENCE_END = tuple('.!?:;…"”’)')
#: A Markdown heading in a plain-text article: decided before scoring, and never re-levelled.
ATX = "atx"
#: A PDF's title, told by its font: the title even when lines stand above it.
TITLE = "title"
#: Memo header fields are looked for in the first lines only (a "Date:" in the body is text).
MEMO_LINES = 40
#: Where memo header fields go in ``meta``.
_META_FIELDS = {"to": "prepared_for", "from": "prepared_by", "date": "date", "subject": "subtitle"}


def parse_plain_text(text: str, briefing: Briefing, hints: LineHints | None = None) -> SectionBuilder:
    """Parse an article's text into sections; never drops a character that is not markup. ``hints``
    are what a PDF's page showed of its lines (fonts, running headers)."""
    lines = text.split("\n")
    builder = SectionBuilder(briefing)
    fixed, tables = _fixed_lines(lines, builder)
    hints = hints or LineHints()
    for i in hints.furniture:
        fixed.setdefault(i, Decision(FURNITURE))
    if hints.title is not None and 0 <= hints.title < len(lines) and hints.title not in fixed:
        # The title's font is certain, even under a running header or a date.
        title = lines[hints.title]
        fixed[hints.title] = Decision(TITLE, 1, title.strip(), len(title) - len(title.lstrip()))
    base = common_indent(lines)
    # A table row's features are never looked at: one shared stand-in serves them all.
    row = line_features(-1, "|", 0)
    features = [
        row if i in fixed and fixed[i].kind == FIXED else line_features(i, line, base)
        for i, line in enumerate(lines)
    ]
    _mark_underlines(lines, features, fixed)
    _apply_hints(features, fixed, hints)
    # Furniture, memo fields, tables and rules say nothing about how prose is wrapped.
    prose = ["" if i in fixed else line for i, line in enumerate(lines)]
    layout = measure(features, _is_hard_wrapped(prose))
    decisions = decide(features, layout, fixed)
    del features, prose, layout, fixed  # a large article's assembly needs the room
    _Assembler(builder, lines, decisions, tables, base).run()
    split_run_in_headings(builder)
    return builder


def _fixed_lines(
    lines: list[str], builder: SectionBuilder
) -> tuple[dict[int, Decision], dict[int, ScannedTable]]:
    """Lines whose kind is certain before scoring, and the tables found (by their first line)."""
    fixed: dict[int, Decision] = {}
    tables: dict[int, ScannedTable] = {}
    furniture_near: set[int] = set()
    in_head = True
    i = 0
    while i < len(lines):
        line = lines[i]
        stripped = line.strip()
        if not stripped:
            i += 1
            continue
        scanned = _table_at(lines, i)
        if scanned is not None:
            widths = {len(row) for row in (scanned.header, *scanned.rows)}
            stacked = all(len(places) > 1 and places[1][1] != places[-1][1] for places in scanned.places)
            if isinstance(scanned, RunTogetherTable):
                builder.note("import.table-split", scanned.note, i + 1)
            elif stacked:
                builder.note(
                    "import.table-split",
                    f"Lines {i + 1}-{scanned.end_line} hold one cell a line; they are read as a table of "
                    f"{len(scanned.header)} columns: check the columns.",
                    i + 1,
                )
            elif len(widths) > 1 and not starts_table(lines, i):
                # Where the cells of a table without pipes or a delimiter row were split is a guess:
                # the analyst is asked to confirm it.
                builder.note(
                    "import.table-split",
                    f"A table without pipes or a delimiter row has rows of {min(widths)} to {max(widths)} "
                    "cells: check where its columns were split.",
                    i + 1,
                )
            scanned.seal()
            tables[i] = scanned
            row = Decision(FIXED)  # one for all its lines: nothing changes a table line's decision
            for j in range(i, scanned.end_line):
                fixed[j] = row
            i = scanned.end_line
            in_head = False
            continue
        atx = markdown_heading(line)
        if atx is not None:
            fixed[i] = Decision(
                ATX, atx[0], atx[1], line.find(atx[1], len(line) - len(line.lstrip(" ")) + atx[0])
            )
        elif is_rule_line(line):
            fixed[i] = Decision(RULE)
        elif is_furniture(stripped):
            fixed[i] = Decision(FURNITURE)
            furniture_near.update(range(i - 2, i + 3))
        elif marker_alone(line):
            fixed[i] = Decision(MARKER)
        else:
            field = memo_field(stripped)
            if field is not None and (in_head or field[0] == "classification"):
                fixed[i] = Decision(MEMO)
                _memo_meta(builder.briefing, *field)
            elif len(stripped) > 100 or i > MEMO_LINES:
                in_head = False
        i += 1
    _mark_fields(lines, fixed)
    # A short line printed again and again beside page numbers is a running header or footer.
    counts = Counter(line.strip() for line in lines if 0 < len(line.strip()) <= 80)
    for i, line in enumerate(lines):
        if i not in fixed and counts[line.strip()] >= 3 and i in furniture_near:
            for j, other in enumerate(lines):
                if other.strip() == line.strip() and j not in fixed:
                    fixed[j] = Decision(FURNITURE)
    return fixed, tables


def _mark_fields(lines: list[str], fixed: dict[int, Decision]) -> None:
    """Two or more ``Label: value`` lines in a row are a definition list (one line alone is prose with
    a colon); a value wrapped onto an indented or lower-case line does not break the run. The
    ``table.records`` check offers to make a table of records that repeat the labels."""
    i = 0
    while i < len(lines):
        run: list[int] = []
        j = i
        while j < len(lines) and j not in fixed and lines[j].strip():
            if field_line(lines[j]) is not None:
                run.append(j)
            elif not run or not _carries_on(lines[run[-1]], lines[j]):
                break
            j += 1
        if len(run) >= 2:
            for k in run:
                fixed[k] = Decision(FIELD)
        i = max(j, i + 1)


def _carries_on(field: str, line: str) -> bool:
    """Whether a line under a field is the rest of its value: indented deeper, or starting lower case."""
    stripped = line.lstrip()
    return len(line) - len(stripped) > len(field) - len(field.lstrip()) or stripped[:1].islower()


def _memo_meta(briefing: Briefing, name: str, value: str) -> None:
    """Copy a memo field into ``meta`` (the line itself stays in the body); the first of each wins."""
    meta = briefing.meta
    if name == "classification":
        if meta.classification in ("", "UNCLASSIFIED"):  # the model's default, or a marking lower down
            meta.classification = value
        return
    attribute = _META_FIELDS.get(name)
    if attribute and not getattr(meta, attribute):
        setattr(meta, attribute, value)


def _table_at(lines: list[str], i: int) -> ScannedTable | None:
    """The table starting at line ``i``: a pipe table, pipe rows without a delimiter row, or columns
    separated by tabs or runs of spaces."""
    if starts_table(lines, i):
        return scan_table(lines, i)
    line = lines[i]
    if is_row(line):
        count = line.count("|")
        j = i
        while j < len(lines) and is_row(lines[j]) and lines[j].count("|") == count and lines[j].strip():
            j += 1
        if j - i >= 2 and list_line(line) is None:
            table = ScannedTable(i, j, [])
            for k in range(i, j):
                cells, places = row_places(lines[k], k + 1)
                table.places.append(places)
                if k == i:
                    table.header = cells
                else:
                    table.rows.append(cells)
            return table
        return None
    end = column_table_end(lines, i)
    if end == i:
        columns = stacked_table(lines, i)
        return _stacked(lines, i, columns) if columns else run_together_table(lines, i)
    table = ScannedTable(i, end, [])
    for k in range(i, end):
        split = split_columns(lines[k])
        assert split is not None
        cells = [cell for cell, _ in split[1]]
        spots: list[tuple[int, int, int]] = [(-1, k + 1, split[1][0][1] + 1)]
        offset = 0
        for cell, column in split[1]:
            spots.append((offset, k + 1, column + 1))
            offset += len(cell) + len(CELL_JOIN)
        table.places.append(spots)
        if k == i:
            table.header = cells
        else:
            table.rows.append(cells)
    return table


def _stacked(lines: list[str], i: int, columns: int) -> ScannedTable:
    """A table flattened to one cell a line (see :func:`~briefing.importing.structure.stacked_table`)."""
    end = i
    while end < len(lines) and lines[end].strip():
        end += 1
    table = ScannedTable(i, end, [])
    for first in range(i, end, columns):
        cells = [lines[k].strip() for k in range(first, first + columns)]
        spots: list[tuple[int, int, int]] = [
            (-1, first + 1, len(lines[first]) - len(lines[first].lstrip()) + 1)
        ]
        offset = 0
        for k, cell in zip(range(first, first + columns), cells, strict=True):
            spots.append((offset, k + 1, len(lines[k]) - len(lines[k].lstrip()) + 1))
            offset += len(cell) + len(CELL_JOIN)
        table.places.append(spots)
        if first == i:
            table.header = cells
        else:
            table.rows.append(cells)
    table.align = None
    return table


def _mark_underlines(lines: list[str], features: list, fixed: dict[int, Decision]) -> None:
    """A line underlined with ``===``/``---`` or framed by rule lines shows that heading style."""
    for i, line in enumerate(features):
        if not line.text or i in fixed:
            continue
        above = i > 0 and fixed.get(i - 1, Decision("")).kind == RULE
        below = i + 1 < len(lines) and fixed.get(i + 1, Decision("")).kind == RULE
        if below and above:
            line.styles = ["framed", *line.styles]
        elif below and (i == 0 or not lines[i - 1].strip() or fixed.get(i - 1) is not None):
            line.styles = ["underline" if lines[i + 1].strip()[:1] == "=" else "underline2", *line.styles]


def _apply_hints(features: list, fixed: dict[int, Decision], hints: LineHints) -> None:
    """Hinted headings show the style ``font``; the others keep their own styles, and all are
    weighed with their neighbours as any line is."""
    for i, level in hints.headings.items():
        line = features[i] if 0 <= i < len(features) and i not in fixed else None
        if line is not None and line.text:
            line.styles = ["font", *line.styles]
            line.typeset = level
    for i in hints.standalone:
        if 0 <= i < len(features) and i not in fixed:
            features[i].alone = True
    for i in hints.body:
        if 0 <= i < len(features) and i not in fixed and features[i].styles:
            features[i].styles = [s for s in features[i].styles if s not in ("title", "colon")]


class _Assembler:
    """Builds sections from the decided lines."""

    def __init__(
        self,
        builder: SectionBuilder,
        lines: list[str],
        decisions: list[Decision],
        tables: dict[int, ScannedTable],
        base: int,
    ) -> None:
        self.builder = builder
        self.lines = lines
        self.decisions = decisions
        self.tables = tables
        self.base = base
        self.paragraph: list[str] = []
        #: Where each line of the paragraph starts: its line and column (both from 1).
        self.paragraph_at: list[tuple[int, int]] = []
        self.items: list[ListLine] = []
        #: Furniture met inside a paragraph or list, added after it.
        self.pending: list[int] = []
        self.seen_content = False

    def start(self, line: str) -> int:
        """The column (from 1) of the line's first character that is not white space."""
        return len(line) - len(line.lstrip()) + 1

    def flush_paragraph(self) -> None:
        if self.paragraph:
            segments: list[Segment] = []
            offset = 0
            for text, (line_number, column) in zip(self.paragraph, self.paragraph_at, strict=True):
                segments.append((offset, line_number, column))
                offset += len(text) + 1
            self.builder.paragraph([Run(" ".join(self.paragraph))], segments)
            self.paragraph.clear()
            self.paragraph_at.clear()

    def flush_list(self) -> None:
        items = self.items
        if items:
            levels = levels_from_indents([item.indent for item in items])
            deepest = max(levels)
            if deepest > MAX_LIST_LEVEL:
                # The note shows nine levels; deeper items keep their text at the ninth, and the analyst
                # is told, as for Markdown.
                levels = [min(level, MAX_LIST_LEVEL) for level in levels]
                self.builder.note(
                    "import.nesting",
                    f"A list nested {deepest + 1} levels deep is shown {MAX_LIST_LEVEL + 1} levels deep.",
                )
            made: list[ListItem] = [
                make_item(item.text, level, item.marker) for item, level in zip(items, levels, strict=True)
            ]
            self.builder.list_items(made, items[0].ordered, [item.at for item in items])
            self.items = []

    def flush(self) -> None:
        self.flush_paragraph()
        self.flush_list()
        for i in self.pending:
            self._furniture(i)
        self.pending.clear()

    def _furniture(self, i: int) -> None:
        text = self.lines[i].strip()
        self.builder.paragraph([Run(text)], [(0, i + 1, self.start(self.lines[i]))])
        self.builder.note(
            "import.furniture",
            f"“{text}” looks like page furniture (a page number, running header or site chrome); "
            "it is kept as a paragraph of its own.",
            i + 1,
        )

    def run(self) -> None:
        lines, decisions = self.lines, self.decisions
        i = 0
        while i < len(lines):
            line = lines[i]
            stripped = line.strip()
            decision = decisions[i]
            kind = decision.kind
            if i in self.tables:
                self.flush()
                scanned = self.tables.pop(i)  # its places go into the source map now
                self.builder.table(scanned)
                i = scanned.end_line
                self.seen_content = True
                continue
            if kind == FURNITURE:
                if self.paragraph or self.items:
                    self.pending.append(i)
                else:
                    self._furniture(i)
                i += 1
                continue
            if not stripped:
                if not self._paragraph_goes_on(i):
                    self.flush_paragraph()
                if self.items and not self.items[0].marker:
                    self.flush_list()  # a blank line ends a definition list: each block is one record
                i += 1
                continue
            if kind == RULE:
                self.flush()
            elif kind in (ITEM, MARKER):
                self._item(i, line, kind)
            elif kind == FIELD:
                self._field(i, line)
            elif kind == MORE and (self.items and not self.paragraph):
                item = self.items[-1]
                if item.text:
                    item.at.append((len(item.text) + 1, i + 1, self.start(line)))
                    item.text += " " + stripped
                else:  # the text of a marker that stood alone
                    item.at = [(0, i + 1, self.start(line))]
                    item.text = stripped
            elif kind == MORE and self.paragraph:
                self.paragraph.append(stripped)
                self.paragraph_at.append((i + 1, self.start(line)))
            elif kind in (HEADING, ATX, TITLE):
                self.flush()
                self._heading(i, decision, kind)
            else:  # a paragraph's first line, a memo field
                self.flush()
                self.paragraph.append(stripped)
                self.paragraph_at.append((i + 1, self.start(line)))
                if kind == MEMO:
                    self.flush_paragraph()
                self.seen_content = True
            i += 1
        self.flush()

    def _paragraph_goes_on(self, i: int) -> bool:
        """Blank lines around furniture do not end the paragraph they interrupt."""
        j = i
        while j < len(self.lines) and not self.lines[j].strip():
            j += 1
        k = i
        while k >= 0 and not self.lines[k].strip():
            k -= 1
        near = (j < len(self.lines) and self.decisions[j].kind == FURNITURE) or (
            k >= 0 and self.decisions[k].kind == FURNITURE
        )
        return near and j < len(self.lines) and self.decisions[j].kind in (FURNITURE, MORE)

    def _item(self, i: int, line: str, kind: str) -> None:
        if kind == MARKER:
            stripped = line.strip()
            indent = len(line.expandtabs(4)) - len(line.expandtabs(4).lstrip())
            item = ListLine(indent, stripped, "", len(line))
            item.at = []
        else:
            found = list_line(line)
            assert found is not None
            item = found
            item.at = [(0, i + 1, item.column + 1)]
        self._add_item(item)

    def _add_item(self, item: ListLine) -> None:
        self.flush_paragraph()
        for pending in self.pending:
            self._furniture(pending)
        self.pending.clear()
        items = self.items
        if items and (
            (item.ordered != items[0].ordered and item.indent <= items[0].indent)
            or bool(item.marker) != bool(items[0].marker)  # a definition list and a bulleted one
        ):
            self.flush_list()
        self.items.append(item)
        self.seen_content = True

    def _field(self, i: int, line: str) -> None:
        """A ``Label: value`` line: an item of a definition list (no marker, the label as its term)."""
        indent = len(line) - len(line.lstrip())
        item = ListLine(indent, "", line.strip(), indent)
        item.at = [(0, i + 1, indent + 1)]
        self._add_item(item)

    def _heading(self, i: int, decision: Decision, kind: str) -> None:
        at = [(0, i + 1, decision.column + 1)]
        text = decision.text or self.lines[i].strip()
        first = kind == TITLE or (kind == ATX and decision.level == 1 and not self.seen_content)
        if first and self.builder.title is None:
            self.builder.set_title(text, at)
        else:
            self.builder.heading(text, decision.level, at)
        self.seen_content = True


def _is_hard_wrapped(lines: list[str]) -> bool:
    """Whether prose is hard-wrapped: short lines, some of which end mid-sentence before another line."""
    prose = [line.strip() for line in lines if line.strip() and list_line(line) is None and "|" not in line]
    if len(prose) < 3:
        return False
    short = sum(1 for line in prose if len(line) <= 100)
    if short / len(prose) < 0.8:
        return False
    broken = 0
    for first, second in zip(lines, lines[1:], strict=False):
        a, b = first.strip(), second.strip()
        if a and b and "|" not in a + b and not a.endswith(_SENTENCE_END) and not _heading_like(a):
            broken += 1
    return broken >= 1


def _heading_like(text: str) -> bool:
    from .lines import is_heading_line

    return is_heading_line(text)
