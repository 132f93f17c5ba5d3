"""A header short of every row: the column names shifted by a cell, or one missing.

A table pasted from a spreadsheet or a web page often loses the name of its first column (the row
labels had none) or has a header that slid one cell to the left: every row then has one cell more
than the header names. That is one problem of the table, not one per row, and which end lacks a name
shows in the cells: a header that says "Tariff (%)" belongs over the column of percentages. The check
tries the names at each end and offers the placement that fits the cells best first; both fixes only
add empty column names, and neither runs unattended (which column a name belongs to is the analyst's
call).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import Any

from ..editing.steps import SetRow
from ..model import Table
from ..refs import HEADER_ROW, Ref
from .columns import fits, header_hint
from .context import CheckContext
from .edits import Edit
from .findings import Finding, Fix, Outcome
from .rules import RULES
from .tables import describe_table, pipe_row, short_header
from .values import cell_kind


def _column_kind(table: Table, column: int) -> str | None:
    """What most cells of a column hold."""
    kinds = Counter(k for row in table.rows if column < len(row) and (k := cell_kind(row[column])))
    return kinds.most_common(1)[0][0] if kinds else None


def _fit(table: Table, offset: int) -> int:
    """How well the header's names fit the columns when they start at column ``offset``: +1 for a name
    whose hint (a date, a %, a unit) fits the cells under it, -1 for one that does not."""
    score = 0
    for index, name in enumerate(table.header):
        hint = header_hint(name)
        if hint is None:
            continue
        found = _column_kind(table, index + offset)
        if found is not None:
            score += 1 if fits(hint, found) else -1
    return score


def check_short_header(ctx: CheckContext) -> Iterator[Finding]:
    """Tables whose every row has more cells than the header has names."""
    rule = RULES["table.short-header"]
    for section, table in ctx.tables:
        missing = short_header(table)
        if not missing:
            continue
        name = describe_table(table)
        width = len(table.header)
        at_start, at_end = _fit(table, missing), _fit(table, 0)
        first = [row[0] for row in table.rows[:3] if row]
        start_fix = Fix(
            f"Leave the first {_columns(missing)} unnamed (the names move right)",
            False,
            "table.name-columns",
            {"section_id": section.id, "block_id": table.id, "at": "start", "count": missing},
        )
        end_fix = Fix(
            f"Add {_columns(missing, 'a')} without a name at the end",
            False,
            "table.name-columns",
            {"section_id": section.id, "block_id": table.id, "at": "end", "count": missing},
        )
        likely = "start" if at_start > at_end or (at_start == at_end and _labels_first(table)) else "end"
        where = (
            f"the first column (“{'”, “'.join(first)}” …) has no name"
            if likely == "start"
            else f"the last {_columns(missing)} ha{'s' if missing == 1 else 've'} no name"
        )
        yield Finding(
            rule.id,
            rule.severity,
            f"Every row of {name} has {width + missing} cells but the header names {width}: most likely "
            f"{where}, and the names are shifted by {_columns(missing, 'one' if missing == 1 else '')}.",
            Ref(section.id, table.id, row=HEADER_ROW),
            [start_fix, end_fix] if likely == "start" else [end_fix, start_fix],
        )


def _labels_first(table: Table) -> bool:
    """Whether the first column reads as row labels: text, every one different."""
    cells = [row[0].strip() for row in table.rows if row]
    return len(set(cells)) == len(cells) and _column_kind(table, 0) == "text"


def _columns(count: int, article: str = "") -> str:
    if count == 1:
        return f"{article} column".strip() if article else "column"
    return f"{count} columns"


def name_columns(edit: Edit, params: dict[str, Any]) -> Outcome | None:
    """Add empty column names at the start (the names move right over their cells) or at the end,
    while the header is still that many short of every row."""
    table = edit.block(params["block_id"])
    count = int(params["count"])
    if not isinstance(table, Table) or short_header(table) != count:
        return None
    before = pipe_row(table.header)
    blanks = [""] * count
    at_start = params["at"] == "start"
    # The header row alone changes, as one step its undo restores exactly: an inserted column would
    # give every row a cell.
    edit.do(SetRow(table.id, HEADER_ROW, blanks + table.header if at_start else table.header + blanks))
    where = "first" if at_start else "last"
    return Outcome(
        Ref(params.get("section_id", ""), table.id, row=HEADER_ROW),
        before,
        pipe_row(table.header),
        f"Left the {where} {_columns(count)} of {describe_table(table)} without a name, so the column "
        "names stand over their cells.",
    )


CHECKS = [check_short_header]
ACTIONS = {"table.name-columns": name_columns}
