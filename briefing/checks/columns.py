"""Column rules: what kind of value each column holds, cells that do not fit, number formats that differ.

A column's kind comes from its header when the header says ("Launch Date", "Flight Duration",
"Range (km)", "Share %"), else from what most of its cells hold. Rows whose shape is broken are left
out — their cells are in the wrong columns, which the shape rules report already.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from typing import Any

from .. import patterns
from ..model import Section, Table
from ..refs import Ref
from .context import CheckContext
from .edits import Edit
from .findings import Finding, Fix, Outcome
from .rules import RULES
from .tables import describe_table, header_width, is_caption_row, trimmed_length
from .values import CODES, KIND_OF_CODE, KINDS, cell_kind

_HINTS: list[tuple[re.Pattern[str], str]] = [
    (patterns.compile(r"\bdates?\b|\bwhen\b", re.IGNORECASE), "date"),
    (patterns.compile(r"\bduration\b|\bflight time\b|\belapsed\b|\blength of\b", re.IGNORECASE), "duration"),
    (patterns.compile(r"%|\bpercent(?:age)?\b|\bshare\b", re.IGNORECASE), "percentage"),
    (patterns.compile(r"^\s*years?\b", re.IGNORECASE), "year"),
    (
        patterns.compile(
            r"\((?:km|kg|m|mi|t|tonnes|tons|usd|us\$|\$|€|£|millions?|billions?|bn|thousands?)\)|\b(?:number|count|"
            r"total|amount|cost|range|population|troops|casualties|budget|price|km|altitude|apogee)\b",
            re.IGNORECASE,
        ),
        "number",
    ),
]
_FITS = {
    "date": {"date", "year"},
    "year": {"year", "date"},
    "number": {"number", "number+unit", "year"},
    "percentage": {"percentage", "number"},
    "duration": {"duration", "number"},
}
_KIND_WORDS = {
    "date": "a date",
    "year": "a year",
    "number": "a number",
    "number+unit": "a number with a unit",
    "percentage": "a percentage",
    "duration": "a duration",
    "text": "text",
}
_GROUPED = patterns.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?")
_PLAIN = patterns.compile(r"(?<![\d,.])\d{4,}(?:\.\d+)?(?![\d,])")


def column_kind(header: str, kinds: list[str]) -> str | None:
    """A column's kind from its header or, failing that, from a clear majority of its cells."""
    hint = header_hint(header)
    if hint is not None:
        return hint if any(fits(hint, kind) for kind in kinds) else None
    counts = Counter("number" if k == "number+unit" else k for k in kinds)
    if not counts:
        return None
    kind, count = counts.most_common(1)[0]
    if kind == "text" or count < 3 or count / len(kinds) < 0.6:
        return None
    return kind


def header_hint(header: str) -> str | None:
    """The kind of value a column name says its column holds ("Launch Date", "Range (km)"), if any."""
    return next((kind for pattern, kind in _HINTS if pattern.search(header)), None)


def fits(hint: str, kind: str) -> bool:
    """Whether cells of ``kind`` fit a column named for ``hint`` (a year in a date column does)."""
    return kind in _FITS[hint]


def _sound_rows(table: Table) -> tuple[int, list[int]]:
    width = header_width(table)
    return width, [i for i, row in enumerate(table.rows) if trimmed_length(row, width) == width]


def check_columns(ctx: CheckContext) -> Iterator[Finding]:
    """Cells that do not fit their column's kind, and numbers written two ways in one column."""
    for section, table in ctx.tables:
        if is_caption_row(table):
            continue
        width, rows = _sound_rows(table)
        table_kinds = ctx.cell_kinds[table.id]
        for column in range(width):
            header = table.header[column] if column < len(table.header) else ""
            codes = table_kinds.column(column, rows)
            kind = _coded_column_kind(header, codes)
            if kind is not None:
                yield from _misfits(section, table, column, header, kind, rows, codes)
            if kind in ("number", None):
                yield from _number_formats(section, table, column, header, rows, codes)


def _coded_column_kind(header: str, codes: str) -> str | None:
    """:func:`column_kind` of the cells whose kinds :meth:`.CellKinds.column` gives, counted in the
    string: a list of every cell's kind cost more than the rest of the rule."""
    hint = header_hint(header)
    if hint is not None:
        return hint if any(CODES[kind] in codes for kind in _FITS[hint]) else None
    # Counted as column_kind counts (a number with a unit as a number), each kind placed where it first
    # appears, so that a tie goes the same way.
    counts: dict[str, tuple[int, int]] = {}
    for kind in KINDS:
        code = CODES[kind]
        count = codes.count(code)
        if count:
            merged = "number" if kind == "number+unit" else kind
            first = codes.index(code)
            if merged in counts:
                count, first = counts[merged][0] + count, min(counts[merged][1], first)
            counts[merged] = (count, first)
    if not counts:
        return None
    kind, (count, _) = min(counts.items(), key=lambda item: (-item[1][0], item[1][1]))
    known = len(codes) - codes.count(CODES[None])
    if kind == "text" or count < 3 or count / known < 0.6:
        return None
    return kind


def _misfits(
    section: Section,
    table: Table,
    column: int,
    header: str,
    kind: str,
    rows: list[int],
    codes: str,
) -> Iterator[Finding]:
    fitting = {CODES[k] for k in _FITS[kind]} | {CODES[None]}
    if set(codes) <= fitting:
        return  # every cell fits: most columns
    rule = RULES["table.column-kind"]
    name = f"“{header}”" if header else f"column {column + 1}"
    for row, code in zip(rows, codes, strict=True):
        if code in fitting:
            continue
        found, text = KIND_OF_CODE[code], table.rows[row][column]
        assert found is not None  # an empty cell's code is in fitting
        if found == "text" and any(ch.isdigit() for ch in text):
            continue  # "est. 450", "450-500 (disputed)": likely right, just written loosely
        yield Finding(
            rule.id,
            rule.severity,
            f"Row {row + 1} of {describe_table(table)} has {_KIND_WORDS[found]} (“{text}”) in the {name} "
            f"column, which holds {_KIND_WORDS[kind].split(' ', 1)[1]}s.",
            Ref(section.id, table.id, row=row, column=column),
        )


def _number_formats(
    section: Section,
    table: Table,
    column: int,
    header: str,
    rows: list[int],
    codes: str,
) -> Iterator[Finding]:
    numbers = (CODES["number"], CODES["number+unit"])
    if numbers[0] not in codes and numbers[1] not in codes:
        return
    texts = [table.rows[row][column] for row, code in zip(rows, codes, strict=True) if code in numbers]
    # Neither pattern can match across the separator (digits, commas and points only, and the plain
    # one's look-arounds see it as they see a cell's end): one search tells whether any cell matches.
    joined = "\x1f".join(texts)
    if not _GROUPED.search(joined) or not _PLAIN.search(joined):
        return
    grouped = [text for text in texts if _GROUPED.search(text)]
    plain = [text for text in texts if _PLAIN.search(text)]
    rule = RULES["table.number-format"]
    style = "plain" if len(plain) > len(grouped) else "grouped"
    name = f"“{header}”" if header else f"column {column + 1}"
    example = f"“{grouped[0]}” and “{plain[0]}”"
    yield Finding(
        rule.id,
        rule.severity,
        f"The {name} column of {describe_table(table)} writes large numbers two ways ({example}).",
        Ref(section.id, table.id, column=column),
        [
            Fix(
                "Write them all " + ("without" if style == "plain" else "with") + " thousands separators",
                True,
                "table.number-format",
                {"section_id": section.id, "block_id": table.id, "column": column, "style": style},
            )
        ],
    )


def number_format(edit: Edit, params: dict[str, Any]) -> Outcome | None:
    """Write every large number of a column the same way (with or without thousands separators)."""
    table = edit.block(params["block_id"])
    column = params["column"]
    if not isinstance(table, Table):
        return None
    grouped = params["style"] == "grouped"
    changed: list[tuple[str, str]] = []
    for index, row in enumerate(table.rows):
        if column >= len(row) or cell_kind(row[column]) not in ("number", "number+unit"):
            continue
        text = row[column]
        if grouped:
            new = _PLAIN.sub(lambda m: _group(m.group(0)), text)
        else:
            new = _GROUPED.sub(lambda m: m.group(0).replace(",", ""), text)
        if new != text:
            edit.set_cell(table, index, column, new)
            changed.append((text, new))
    if not changed:
        return None
    return Outcome(
        Ref(params.get("section_id", ""), table.id, column=column),
        ", ".join(a for a, _ in changed),
        ", ".join(b for _, b in changed),
        f"Wrote the numbers of one column of {describe_table(table)} the same way.",
    )


def _group(number: str) -> str:
    whole, _, fraction = number.partition(".")
    grouped = f"{int(whole):,}"
    return grouped + ("." + fraction if fraction else "")


ACTIONS = {"table.number-format": number_format}
CHECKS = [check_columns]
