"""Pipe tables as AI tools write them: with or without outer pipes, delimiter rows and even widths.

The scanner is deliberately more careful than a GFM parser: a table ends at the first line that is not
a table row (so a paragraph right after a table stays a paragraph, and so does a line of more pipes
than any table has columns), a row followed by a delimiter row starts a new table (a table printed
twice with no blank line between stays two tables), and no cell is ever dropped or added — ragged rows
stay ragged.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .. import patterns
from .positions import encode, row_text

#: More cells than a table in an article ever has (Word stops at 63 columns). A line that would split
#: into more is not read as a table row: it stays a paragraph, every character kept, instead of becoming
#: a table of a million empty cells that every later step has to carry.
MAX_CELLS = 100

_DELIMITER_CELL = patterns.compile(r"^\s*:?-+:?\s*$")
_NOT_DELIMITER = patterns.compile(r"[^\s|:-]")
_PIPE = patterns.compile(r"(?<!\\)\|")  # a pipe not escaped with a backslash


@dataclass
class ScannedTable:
    """A table as found in the source lines, before it becomes a model :class:`~briefing.model.Table`."""

    first_line: int
    end_line: int  # one past the last line
    header: list[str]
    rows: list[list[str]] = field(default_factory=list)
    align: list[str] | None = None
    #: Where each row (the header first) was in the article: segments of its cells joined by
    #: :data:`~briefing.importing.positions.CELL_JOIN`, its start at offset -1.
    places: list[list[tuple[int, int, int]]] = field(default_factory=list)
    #: The places as the source map keeps them, once :meth:`seal` has encoded them.
    sealed: list[str | None] | None = None

    def seal(self) -> None:
        """Encode the rows' places for the source map now, and let their segments go: a long article's
        tables wait for the rest of the text to be read, and their segments outweighed their cells."""
        rows = [self.header, *self.rows]
        self.sealed = [
            encode(row_text(row), segments) if segments else None
            for row, segments in zip(rows, self.places, strict=False)
        ]
        self.places = []


def has_pipe(line: str) -> bool:
    """Whether the line holds a pipe that is not escaped with a backslash."""
    if "\\" not in line:  # no escapes: the usual line, told apart without a pattern
        return "|" in line
    return bool(_PIPE.search(line))


def is_row(line: str) -> bool:
    """Whether the line can be a table row: it holds an unescaped pipe, and not more than a table's
    worth (:data:`MAX_CELLS`) of them."""
    return has_pipe(line) and line.count("|") - line.count("\\|") < MAX_CELLS


def split_cells(line: str) -> list[str]:
    """The cells of a table row: outer pipes optional, ``\\|`` is a literal pipe, cells stripped."""
    body = line.strip()
    if body.startswith("|"):
        body = body[1:]
    if body.endswith("|") and not body.endswith("\\|"):
        body = body[:-1]
    cells = _PIPE.split(body)
    return [cell.strip().replace("\\|", "|") for cell in cells]


def row_places(line: str, line_number: int) -> tuple[list[str], list[tuple[int, int, int]]]:
    """The cells of a row as :func:`split_cells` gives them, and where each was on the line (numbered
    from 1): segments of the cells joined by one character, the row's start at offset -1."""
    body = line.strip()
    at = len(line) - len(line.lstrip())
    segments = [(-1, line_number, at + 1)]
    if body.startswith("|"):
        body = body[1:]
        at += 1
    if body.endswith("|") and not body.endswith("\\|"):
        body = body[:-1]
    offset = 0  # in the joined text
    if "\\" not in body:  # the usual row: no escapes, each cell is one stretch of the line
        raws = body.split("|")
        cells = [raw.strip() for raw in raws]
        for raw, cell in zip(raws, cells, strict=True):
            segments.append((offset, line_number, at + (len(raw) - len(raw.lstrip()) if cell else 0) + 1))
            offset += len(cell) + 1
            at += len(raw) + 1
        return cells, segments
    cells = []
    for raw in _PIPE.split(body):
        stripped = raw.strip()
        lead = len(raw) - len(raw.lstrip()) if stripped else 0
        column = at + lead + 1
        segments.append((offset, line_number, column))
        escape = stripped.find("\\|")
        removed = 0
        while escape >= 0:  # each escaped pipe is one character in the cell, two on the line
            segments.append((offset + escape - removed + 1, line_number, column + escape + 2))
            removed += 1
            escape = stripped.find("\\|", escape + 2)
        cell = stripped.replace("\\|", "|")
        cells.append(cell)
        offset += len(cell) + 1
        at += len(raw) + 1
    return cells, segments


def is_delimiter_row(line: str) -> bool:
    """A Markdown delimiter row such as ``|---|:--:|``; it needs at least one pipe."""
    if "-" not in line or _NOT_DELIMITER.search(line) or not is_row(line):
        return False  # a character no delimiter row holds settles it before the line is split
    return all(_DELIMITER_CELL.match(cell) for cell in split_cells(line))


def alignment(line: str) -> list[str]:
    """Column alignments spelled by a delimiter row."""
    result = []
    for cell in split_cells(line):
        cell = cell.strip()
        left, right = cell.startswith(":"), cell.endswith(":")
        result.append("center" if left and right else "right" if right else "left" if left else "")
    return result


def starts_table(lines: list[str], i: int) -> bool:
    """Whether a table starts at line ``i``: a row with a leading pipe, or any row over a delimiter row."""
    line = lines[i]
    if not is_row(line) or not line.strip():
        return False
    if line.lstrip().startswith("|"):
        return True
    return i + 1 < len(lines) and is_delimiter_row(lines[i + 1])


def scan_table(lines: list[str], i: int) -> ScannedTable:
    """Read the table starting at line ``i`` (see :func:`starts_table`) up to where it ends."""
    header, places = row_places(lines[i], i + 1)
    table = ScannedTable(first_line=i, end_line=i + 1, header=header, places=[places])
    i += 1
    if i < len(lines) and is_delimiter_row(lines[i]):
        table.align = alignment(lines[i])
        i += 1
    while i < len(lines):
        line = lines[i]
        if not line.strip() or not is_row(line):
            break
        if i + 1 < len(lines) and is_delimiter_row(lines[i + 1]) and not is_delimiter_row(line):
            break  # this row heads the next table
        cells, places = row_places(line, i + 1)
        table.rows.append(cells)
        table.places.append(places)
        i += 1
    table.end_line = i
    return table
