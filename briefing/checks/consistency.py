"""Does the text agree with its tables? Dates far from the text's dates; a figure given two ways.

Both rules only speak when the text itself gives something to compare with: a table of 2019 dates
is unremarkable in an article that mentions no year, and a range is only compared with a sentence that
names the same row (its missile, country, unit) and gives a number in the same unit.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..model import Section, Table
from ..refs import Ref
from .context import CheckContext
from .findings import Finding
from .rules import RULES
from .tables import describe_table, header_width, is_caption_row, trimmed_length
from .values import UNIT_SYNONYMS, cell_date, cell_kind, numbers_with_units, parse_number

_MAYBE_YEAR = re.compile(r"(?:19|20)\d\d")
_YEAR = re.compile(r"(?<![\w,.$-])((?:19|20)\d\d)(?![\w,%]|\s*(?:km|kg|troops|people|units|tonnes|tons)\b)")
#: How many years a table date may lie from every year the text mentions before it is flagged (plans
#: look a few years ahead, so only a date further off than that is suspicious).
YEAR_SLACK = 3
_CAPITALISED = re.compile(r"[A-ZÀ-Ý]\w*")  # as TextUnit.capitals finds them
_HEADER_UNIT = re.compile(
    r"\(([^()]+)\)|\b(km|miles|kilometres|kilometers|troops|tonnes|%|percent|minutes)\b", re.IGNORECASE
)


def prose_years(ctx: CheckContext) -> set[int]:
    """Every year the prose (paragraphs, list items, headings) mentions."""
    years: set[int] = set()
    texts = [unit.text for unit in ctx.units] + [s.heading for s in ctx.briefing.sections]
    for text in texts:  # a year inside a full date ("April 5, 2024") is found the same way
        if _MAYBE_YEAR.search(text):
            years.update(int(m.group(1)) for m in _YEAR.finditer(text))
    return years


def check_table_dates(ctx: CheckContext) -> Iterator[Finding]:
    """Table dates more than a year away from every year the text mentions."""
    if not ctx.tables:
        return
    years = prose_years(ctx)
    if not years:
        return
    rule = RULES["consistency.table-dates"]
    span = f"{min(years)}" if min(years) == max(years) else f"{min(years)}–{max(years)}"
    for section, table in ctx.tables:
        for row_index, row in enumerate(table.rows):
            for column, cell in enumerate(row):
                if cell_kind(cell) != "date":
                    continue
                day = cell_date(cell)
                if day is None or min(abs(day.year - year) for year in years) <= YEAR_SLACK:
                    continue
                yield Finding(
                    rule.id,
                    rule.severity,
                    f"Row {row_index + 1} of {describe_table(table)} is dated “{cell}”, far from the text, "
                    f"which speaks of {span}.",
                    Ref(section.id, table.id, row=row_index, column=column),
                )


def _column_unit(table: Table, column: int) -> str:
    header = table.header[column] if column < len(table.header) else ""
    for match in _HEADER_UNIT.finditer(header):
        word = (match.group(1) or match.group(2)).strip().lower()
        if word in UNIT_SYNONYMS:
            return UNIT_SYNONYMS[word]
    units = [numbers_with_units(row[column]) for row in table.rows if column < len(row)]
    found = {u[0][3] for u in units if u}
    return found.pop() if len(found) == 1 else ""


def _key_column(table: Table, width: int) -> int | None:
    for column in range(width):
        cells = [row[column] for row in table.rows if column < len(row) and row[column].strip()]
        if (
            cells
            and sum(cell_kind(c) == "text" for c in cells) / len(cells) >= 0.6
            and len(set(cells)) == len(cells)
        ):
            return column
    return None


def check_figures(ctx: CheckContext) -> Iterator[Finding]:
    """A figure in the text that disagrees with the table row the sentence is about."""
    rows: dict[str, list[tuple[Section, Table, int, int, float, str]]] = {}
    named_in_prose = frozenset().union(*(unit.capitals for unit in ctx.units))
    for section, table in ctx.tables:
        if is_caption_row(table):
            continue
        width = header_width(table)
        key = _key_column(table, width)
        if key is None:
            continue
        names = {row[key] for row in table.rows if key < len(row)}
        if not any(set(_CAPITALISED.findall(name)[:1]) & named_in_prose for name in names):
            continue  # the prose names none of the table's rows
        for column in range(width):
            unit = _column_unit(table, column) if column != key else ""
            if not unit:
                continue
            for index, row in enumerate(table.rows):
                if trimmed_length(row, width) != width or len(row[key].strip()) < 3:
                    continue
                value = parse_number(row[column])
                if value is not None and cell_kind(row[column]) in (
                    "number",
                    "number+unit",
                    "percentage",
                    "duration",
                ):
                    rows.setdefault(row[key].strip(), []).append((section, table, index, column, value, unit))
    if not rows:
        return
    rule = RULES["consistency.figures"]
    # Row names by their first capitalised word: a unit without that word cannot name the row, so most
    # units are passed over without a regex.
    by_first: dict[str, list[str]] = {}
    for name in rows:
        capitals = _CAPITALISED.findall(name)
        if capitals:
            by_first.setdefault(capitals[0], []).append(name)
    for prose in ctx.units:
        candidates = [name for word in prose.capitals & by_first.keys() for name in by_first[word]]
        if not candidates:
            continue
        in_unit = numbers_with_units(prose.text)
        if not in_unit:
            continue
        for start, end in prose.sentences:
            sentence = prose.text[start:end]
            figures = [(a - start, b - start, v, u) for a, b, v, u in in_unit if start <= a and b <= end]
            if not figures:
                continue
            named = {
                name
                for name in candidates
                if name in sentence and re.search(rf"(?<!\w){re.escape(name)}(?!\w)", sentence)
            }
            if len(named) != 1:
                continue
            (name,) = named
            for _, table, index, column, value, cell_unit in rows[name]:
                given = [f for f in figures if f[3] == cell_unit]
                if not given or any(abs(f[2] - value) <= abs(value) * 0.005 for f in given):
                    continue
                text = sentence[given[0][0] : given[0][1]]
                header = table.header[column] if column < len(table.header) else f"column {column + 1}"
                yield Finding(
                    rule.id,
                    rule.severity,
                    f"The text gives “{text}” for {name}, but {describe_table(table)} gives "
                    f"“{table.rows[index][column]}” ({header}, row {index + 1}).",
                    prose.target(start + given[0][0], start + given[0][1]),
                )


#: No fixes: only the user knows which of two figures (or dates) is right.
ACTIONS: dict[str, object] = {}
CHECKS = [check_table_dates, check_figures]
