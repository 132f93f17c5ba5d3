"""Tables whose cell separators were lost in copying: ``CountryTariff (%)Notes`` / ``Brazil50Applied …``.

Copying a table out of a web page or PDF often drops the tabs between cells, so each row reads as one
run of text. A cell ends where a lower-case letter, ``)`` or ``%`` runs into a capital, a letter into a
digit, or a figure into a capitalised word; a space before a capital never ends one ("New Zealand").

One line proves nothing (``iPhone``, ``COVID19`` show the same boundaries), so the block is judged
whole: the first two rows under the header must split into the same number of cells, later rows are
kept while they fit the columns those rows set (a column of figures stays figures), and a block that
reads like prose (long lines, sentences), a list, a run of headings or a list of camel-case names is
left alone. The split is a guess even then,
so every table found here carries a note (:attr:`RunTogetherTable.note`) naming its lines.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations

from .. import patterns
from .lines import list_line, markdown_heading
from .pipe_tables import ScannedTable, has_pipe
from .positions import CELL_JOIN
from .structure import is_furniture, is_rule_line, marker_alone

#: More columns than a table copied into an article has; beyond it the cuts are not a table's.
MAX_COLUMNS = 8
#: A longer line is prose, not a row (and is never scanned character by character).
MAX_LINE = 200
#: Cuts a row may have beyond its table's (a name cut inside, ``NorthStar Energy12Power``): the first
#: choice that fits the columns is taken, and the note names the line. A header may be as much wider
#: than its rows (two figures of each row ran together): the rows stay as cut, and the note says so.
MAX_EXTRA = 2
#: Word prefixes written against a capital that never end a cell (``McDonald``); a lone lower-case
#: letter (``iPhone``, ``eBay``) is one too.
_PREFIXES = frozenset({"Mc"})
_DIGITS = "0123456789"
_CURRENCIES = "$€£¥"
_APOSTROPHES = "'’"
#: A cell that is a figure: ``50``, ``-3.5%``, ``1,250``, ``$40bn``, ``12.5 %``.
_FIGURE = patterns.compile(r"^[-+−±~≈<>]?\s?[$€£¥]?\d[\d,.\u00a0 ]*(?:%|[a-z]{1,3})?$")
_SENTENCE_END = (".", "!", "?")


@dataclass
class RunTogetherTable(ScannedTable):
    """A table read from rows whose cells ran together; ``note`` asks the analyst to check its split."""

    note: str = ""


def boundaries(text: str) -> list[int]:
    """The offsets in ``text`` where one run-together cell ends and the next begins."""
    cuts = []
    for p in range(1, len(text)):
        a, b = text[p - 1], text[p]
        if b.isupper() and (a.islower() or a in ")%"):
            word = _word_before(text, p)
            if word in _PREFIXES or (len(word) == 1 and word.islower()):
                continue  # McDonald, iPhone: one word
            cuts.append(p)
        elif (b in _DIGITS or b in _CURRENCIES) and a.isalpha():
            if len(_word_before(text, p)) > 1 or (p > 1 and text[p - 2] in _DIGITS):
                cuts.append(p)  # a single letter is a name (G20, F35), or a unit after a figure (4.2m)
        elif (a in _DIGITS or a == "%") and b.isupper() and p + 1 < len(text) and text[p + 1].islower():
            cuts.append(p)
        elif (a == "%" and b in _DIGITS) or (a in _DIGITS and b in _CURRENCIES):
            cuts.append(p)  # 12.5%1,250 and 3$1.20: two figures
    return cuts


def _word_before(text: str, p: int) -> str:
    """The letters (and apostrophes) that end at ``p``: the word a cut would split."""
    start = p
    while start and (text[start - 1].isalpha() or text[start - 1] in _APOSTROPHES):
        start -= 1
    return text[start:p]


def _cut(text: str, cuts: tuple[int, ...] | list[int]) -> list[str]:
    edges = [0, *cuts, len(text)]
    return [text[a:b] for a, b in zip(edges, edges[1:], strict=False)]


def is_figure(cell: str) -> bool:
    """Whether a cell is a number, a percentage or an amount."""
    return bool(_FIGURE.match(cell))


def _candidate(line: str) -> tuple[str, list[int]] | None:
    """The stripped line and its boundaries, when it can be a row at all."""
    text = line.strip()
    if (
        not text
        or len(text) > MAX_LINE
        or text[0].islower()
        or "\t" in line
        or has_pipe(text)
        or list_line(line) is not None
        or marker_alone(line)
        or markdown_heading(line) is not None
        or is_rule_line(line)
        or is_furniture(text)
    ):
        return None
    cuts = boundaries(text)
    return (text, cuts) if cuts and len(cuts) < MAX_COLUMNS + MAX_EXTRA else None


def _reads_as_row(text: str, cells: list[str]) -> bool:
    """Not a sentence: a row has few words, and no cell runs on like prose."""
    words = len(text.split())
    if words > 16 or (text.endswith(_SENTENCE_END) and words > 6):
        return False
    return all(len(cell.split()) <= 12 for cell in cells)


def _header_cell(cell: str) -> bool:
    return len(cell) <= 40 and len(cell.split()) <= 5 and not cell.endswith((*_SENTENCE_END, ":", ","))


def _fits(cells: list[str], figures: set[int], exact: bool) -> bool:
    """Whether a row's cells agree with the columns: figures where the first rows have figures, and
    (for a row cut by choice) words where they have words."""
    for column, cell in enumerate(cells):
        if column in figures:
            if not is_figure(cell):
                return False
        elif not exact and is_figure(cell):
            return False
    return True


def _choose(text: str, cuts: list[int], k: int, figures: set[int]) -> tuple[list[str], bool] | None:
    """The row cut into ``k`` cells that fit the columns, and whether a cut had to be left out (the
    first fitting choice is taken; only a column of figures can tell the choices apart)."""
    if len(cuts) == k - 1:
        cells = _cut(text, cuts)
        return (cells, False) if _fits(cells, figures, True) else None
    if not figures or not k - 1 < len(cuts) <= k - 1 + MAX_EXTRA:
        return None
    for chosen in combinations(cuts, k - 1):
        cells = _cut(text, chosen)
        if _fits(cells, figures, False):
            return cells, True
    return None


def run_together_table(lines: list[str], i: int) -> RunTogetherTable | None:
    """The table of run-together cells whose header is line ``i``, or ``None``."""
    first = _candidate(lines[i])
    if first is None or i + 2 >= len(lines):
        return None
    second, third = _candidate(lines[i + 1]), _candidate(lines[i + 2])
    if second is None or third is None:
        return None
    rows = [second, third]
    k = len(rows[0][1]) + 1
    if not 2 <= k <= MAX_COLUMNS or len(rows[1][1]) + 1 != k:
        return None
    body = [_cut(text, cuts) for text, cuts in rows]
    if not all(_reads_as_row(text, cells) for (text, _), cells in zip(rows, body, strict=True)):
        return None
    figures = {c for c in range(k) if all(is_figure(cells[c]) for cells in body)}
    if len(figures) == k:
        return None  # nothing but figures: no label column to read the rows by
    if not figures and not all(" " in text for text, _ in rows):
        return None  # single tokens written in camel case (PowerPoint, YouTube) are names, not rows
    # The header's words cut cleanly; a header wider than its rows means two cells of each row ran
    # together where no cut shows (two figures): the rows stay as cut, and the note says so.
    header = _cut(*first)
    if not k <= len(header) <= k + MAX_EXTRA or not all(map(_header_cell, header)):
        return None
    if not _reads_as_row(first[0], header):
        return None
    if any(header[c] == body[0][c] == body[1][c] for c in range(k)):
        return None  # the same word on every line (Section1Intro, Section2Scope) is a run of headings
    doubtful: list[int] = []
    table = RunTogetherTable(i, i, header)
    table.places.append(_places(lines[i], i, header))
    for k_row, cells in enumerate(body, i + 1):
        table.rows.append(cells)
        table.places.append(_places(lines[k_row], k_row, cells))
    table.end_line = i + 3
    while table.end_line < len(lines):
        found = _candidate(lines[table.end_line])
        chosen = _choose(*found, k, figures) if found is not None else None
        if found is None or chosen is None or not _reads_as_row(found[0], chosen[0]):
            break
        if chosen[1]:
            doubtful.append(table.end_line + 1)
        table.rows.append(chosen[0])
        table.places.append(_places(lines[table.end_line], table.end_line, chosen[0]))
        table.end_line += 1
    table.note = _message(i, table.end_line, len(header), k, doubtful)
    return table


def _places(line: str, index: int, cells: list[str]) -> list[tuple[int, int, int]]:
    """Where the row and each of its cells start (line and column from 1), as the positions map keeps."""
    at = len(line) - len(line.lstrip())
    spots = [(-1, index + 1, at + 1)]
    offset = 0
    for cell in cells:
        spots.append((offset, index + 1, at + 1))
        at += len(cell)
        offset += len(cell) + len(CELL_JOIN)
    return spots


def _message(i: int, end: int, columns: int, k: int, doubtful: list[int]) -> str:
    text = (
        f"Lines {i + 1}-{end} have no separators between their cells; they are read as a table of "
        f"{columns} columns, cut where a word or figure runs into the next: check the columns."
    )
    if columns > k:
        text += (
            f" The header has {columns} cells but the rows only {k}: two cells of each row (two figures, say)"
            " may have run together where no cut shows."
        )
    if doubtful:
        named = ", ".join(str(n) for n in doubtful)
        text += f" Line{'s' if len(doubtful) > 1 else ''} {named} could be cut in more than one way."
    return text
