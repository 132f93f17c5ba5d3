"""Does the article agree with itself? Dates far from the text's dates; one quantity given two values.

Both rules only speak when the article itself gives something to compare with: a table of 2019 dates
is unremarkable in an article that mentions no year, and a figure is only compared with another that
claims the same quantity of the same entity, in the same unit, for the same time
(:mod:`.quantities` reads them). Neither fixes anything by itself: only a person knows which value is
right, so the fixes offered write one value in place of the other, never unattended.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from operator import itemgetter
from typing import Any

from .. import patterns
from ..model import Section, Table
from ..refs import Ref
from .context import CheckContext
from .edits import Edit
from .entities import canonical
from .events import EventDate, conflicting_dates
from .events import place as event_place
from .findings import Finding, Fix, Outcome, Severity
from .quantities import STANDALONE_DIGIT, CellClaim, Claim, ProseReader, TableReader, agree, time_key
from .rules import RULES
from .spans import context
from .tables import describe_table, header_width, is_caption_row, trimmed_length
from .values import CODES, CellKinds, cell_date

_MAYBE_YEAR = patterns.compile(r"(?:19|20)\d\d")
_YEAR = patterns.compile(
    r"(?<![\w,.$-])((?:19|20)\d\d)(?![\w,%]|\s*(?:km|kg|troops|people|units|tonnes|tons)\b)"
)
#: How many years a table date may lie from every year the text mentions before it is flagged (plans
#: look a few years ahead, so only a date further off than that is suspicious).
YEAR_SLACK = 3


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
        kinds = ctx.cell_kinds[table.id]
        for row_index, row in enumerate(table.rows):
            for column, cell in enumerate(row):
                if kinds(row_index, column) != "date":
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


def _key_column(table: Table, width: int, kinds: CellKinds) -> int | None:
    """The first column of distinct labels, mostly text: what each row is about."""
    every_row = list(range(len(table.rows)))
    shortest = min(map(len, table.rows), default=0)
    for column in range(width):
        # Text cells are filled ones, so the column's text cells are its filled cells' (padding is "-").
        texts = kinds.column(column, every_row).count(CODES["text"])
        if not texts:
            continue  # none of its filled cells is text (or it has none)
        if column < shortest:  # every row has the cell: gathered without a loop in Python
            cells = list(filter(str.strip, map(itemgetter(column), table.rows)))
        else:
            cells = [row[column] for row in table.rows if column < len(row) and row[column].strip()]
        if len(set(cells)) == len(cells) and texts / len(cells) >= 0.6:  # most columns repeat
            return column
    return None


@dataclass
class _Placed:
    """A claim and where it is: a span of prose, or a table cell."""

    claim: Claim
    target: Ref
    #: The unit (block, item) and sentence start of a prose claim; the table id of a cell's.
    where: tuple[str, int, int] | str
    position: tuple[int, int, int]
    cell: CellClaim | None = None


def _claims(ctx: CheckContext) -> list[_Placed]:
    """Every claim of the article's tables and prose, in reading order. A table cell's figure is read
    only when another claim could be about the same thing (a table of unique rows costs no parsing)."""
    placed: list[_Placed] = []
    row_names: dict[str, str] = {}
    readers: list[tuple[Section, TableReader]] = []
    for section, table in ctx.tables:
        if is_caption_row(table):
            continue
        width = header_width(table)
        key = _key_column(table, width, ctx.cell_kinds[table.id])
        if key is None:
            continue
        for row in table.rows:
            if key < len(row) and len(row[key].strip()) >= 3:
                row_names[row[key].strip()] = canonical(row[key])
        readers.append((section, TableReader(table, key, width, time_key(table.caption) or ())))
    units = [u for u in ctx.units if STANDALONE_DIGIT.search(u.text)]
    if units:
        prose = ProseReader(lambda: ctx.known_names, row_names)
        for unit in units:
            for claim in prose.claims(unit.text, unit.sentences):
                figure = claim.figure
                sentence = next((a for a, b in unit.sentences if a <= figure.start < b), 0)
                placed.append(
                    _Placed(
                        claim,
                        unit.target(figure.start, figure.end),
                        (unit.block.id, unit.item or 0, sentence),
                        (ctx.positions.get(unit.block.id, 0), unit.item or 0, figure.start),
                    )
                )
    # Cells, keyed without their unit (read from the figure): only keys given twice need the figures.
    # A cell's key can come twice only when its entity is named twice (two rows, two tables or the
    # prose) or when two columns of its table read the same kind of thing: entities are counted first,
    # so that full keys are counted for those few cells only (a count of every cell's key held 40 MB
    # on 600,000 cells, and a list of the cells 100 MB).
    named = Counter(entity for _, reader in readers for _, entity, _ in reader.labelled_rows)
    named.update({p.claim.entity for p in placed})

    def candidates() -> Iterator[
        tuple[Section, TableReader, tuple[int, int, str, str, str, tuple[str, ...]]]
    ]:
        for section, reader in readers:
            kinds = [(kind, role) for _, kind, role, _ in reader.claim_columns]
            if len(set(kinds)) < len(kinds):
                yield from ((section, reader, cell) for cell in reader.cells())
            else:
                yield from ((section, reader, cell) for cell in reader.cells() if named[cell[2]] > 1)

    wanted = Counter(cell[2:] for _, _, cell in candidates())
    wanted.update({(p.claim.entity, p.claim.kind, p.claim.role, p.claim.time) for p in placed})
    cells = candidates()
    for section, table_reader, (row_index, column, entity, kind, role, time) in cells:
        if wanted[(entity, kind, role, time)] < 2:
            continue
        table = table_reader.table
        if trimmed_length(table.rows[row_index], table_reader.width) != table_reader.width:
            continue  # a broken row's cells are in the wrong columns
        cell = table_reader.claim(row_index, column, entity, time)
        if cell is None:
            continue
        placed.append(
            _Placed(
                cell.claim,
                Ref(section.id, table.id, row=row_index, column=column),
                table.id,
                (ctx.positions.get(table.id, 0), row_index, column),
                cell,
            )
        )
    placed.sort(key=lambda p: p.position)
    return placed


def check_figures(ctx: CheckContext) -> Iterator[Finding]:
    """The same quantity of the same entity given two values: in the text and a table, in two places
    of the text, or in two tables."""
    yield from _event_findings(ctx, RULES["consistency.figures"].id, RULES["consistency.figures"].severity)
    placed = _claims(ctx)
    if len(placed) < 2:
        return
    by_key: dict[tuple[object, ...], list[_Placed]] = {}
    for item in placed:
        by_key.setdefault(item.claim.key, []).append(item)
    rule = RULES["consistency.figures"]
    for group in by_key.values():
        if len(group) < 2:
            continue
        reported: set[int] = set()
        # Each later claim is set against the first claim of each value seen so far (a repeated value
        # adds nothing to compare, and comparing every pair made a long article quadratic).
        seen: list[_Placed] = []
        for later in group:
            compared = list(seen)
            if not any(agree(s.claim.figure, later.claim.figure) for s in seen):
                seen.append(later)
            for earlier in compared:
                if earlier.where == later.where or id(later) in reported:
                    continue  # one sentence, or one table: a comparison, not a contradiction
                if agree(earlier.claim.figure, later.claim.figure):
                    continue
                # Text against a table: the finding is on the text (the table holds the data).
                here, there = later, earlier
                if later.cell is not None and earlier.cell is None:
                    here, there = earlier, later
                if id(here) in reported:
                    continue
                reported.add(id(here))
                yield _figure_finding(ctx, rule.id, rule.severity, here, there)
                break


def _event_findings(ctx: CheckContext, rule: str, severity: Severity) -> Iterator[Finding]:
    """The date of one event given two ways (:mod:`.events`)."""
    for here, there in conflicting_dates(ctx):
        where, elsewhere = event_place(ctx, here), event_place(ctx, there)
        fixes = [
            _use_date_fix(here, there.date, f"Use “{there.date}” here, as in {elsewhere}"),
            _use_date_fix(there, here.date, f"Use “{here.date}” in {elsewhere}, as here"),
        ]
        yield Finding(
            rule,
            severity,
            f"Two dates for the {here.name}: “{here.written}” in {where}, but “{there.written}” in "
            f"{elsewhere}.",
            here.target,
            fixes,
        )


def _use_date_fix(mention: EventDate, date: str, label: str) -> Fix:
    note = f"Wrote {date} for {mention.date} (the date of the {mention.name}), as elsewhere in the article."
    target = mention.target
    if mention.unit is None:
        return Fix(
            label,
            False,
            "consistency.set-figure",
            {
                "section_id": target.section_id,
                "block_id": target.block_id,
                "row": target.row,
                "column": target.column,
                "cell": mention.date,
                "start": mention.date_start,
                "end": mention.date_end,
                "replacement": date,
                "note": note,
            },
        )
    return Fix(
        label,
        False,
        "text.replace-span",
        {
            "section_id": target.section_id,
            "block_id": target.block_id,
            "item": target.item,
            "start": mention.date_start,
            "end": mention.date_end,
            "expected": mention.date,
            "replacement": date,
            **context(mention.unit.text, mention.date_start, mention.date_end),
            "note": note,
        },
    )


def _place(ctx: CheckContext, item: _Placed) -> str:
    if item.cell is not None:
        header = item.cell.table.header
        name = header[item.cell.column] if item.cell.column < len(header) else ""
        words = ctx.places.describe_ref(Ref(item.target.section_id, item.target.block_id, row=item.cell.row))
        return f"{words}, under “{name}”" if name.strip() else words
    return ctx.places.describe_id(item.target.block_id) + (
        f", item {item.target.item + 1}" if item.target.item is not None else ""
    )


def _figure_finding(
    ctx: CheckContext, rule: str, severity: Severity, here: _Placed, there: _Placed
) -> Finding:
    claim, other = here.claim, there.claim
    message = (
        f"Two values for {claim.about()}: “{claim.written}” in {_place(ctx, here)}, but “{other.written}” "
        f"in {_place(ctx, there)}."
    )
    if claim.time:
        message = message[:-1] + f" (both for {', '.join(claim.time)})."
    fixes = [
        _use_figure_fix(ctx, here, other.number, f"Use “{other.written}” here, as in {_place(ctx, there)}"),
        _use_figure_fix(ctx, there, claim.number, f"Use “{claim.written}” in {_place(ctx, there)}, as here"),
    ]
    return Finding(rule, severity, message, here.target, [f for f in fixes if f is not None])


def _use_figure_fix(ctx: CheckContext, item: _Placed, number: str, label: str) -> Fix | None:
    """A fix writing ``number`` in place of the figure's number at ``item`` (never safe)."""
    claim = item.claim
    figure = claim.figure
    old = claim.number
    if old == number:
        return None
    written = claim.written
    offset = figure.number_start - figure.start
    becomes = written[:offset] + number + written[offset + len(old) :]
    note = f"Wrote {becomes} for {written} ({claim.about()}), as elsewhere in the article."
    if item.cell is None:
        target = item.target
        return Fix(
            label,
            False,
            "text.replace-span",
            {
                "section_id": target.section_id,
                "block_id": target.block_id,
                "item": target.item,
                "start": figure.number_start,
                "end": figure.number_end,
                "expected": old,
                "replacement": number,
                **context(claim.text, figure.number_start, figure.number_end),
                "note": note,
            },
        )
    return Fix(
        label,
        False,
        "consistency.set-figure",
        {
            "section_id": item.target.section_id,
            "block_id": item.target.block_id,
            "row": item.cell.row,
            "column": item.cell.column,
            "cell": claim.text,
            "start": figure.number_start,
            "end": figure.number_end,
            "replacement": number,
            "note": note,
        },
    )


def set_figure(edit: Edit, params: dict[str, Any]) -> Outcome | None:
    """Rewrite the number in one table cell, if the cell still reads as it did."""
    table = edit.block(params["block_id"])
    row, column = params["row"], params["column"]
    if not isinstance(table, Table) or row >= len(table.rows) or column >= len(table.rows[row]):
        return None
    cell = table.rows[row][column]
    if cell != params["cell"]:
        return None
    new = cell[: params["start"]] + params["replacement"] + cell[params["end"] :]
    if new == cell:
        return None
    edit.set_cell(table, row, column, new)
    return Outcome(
        Ref(params.get("section_id", ""), table.id, row=row, column=column), cell, new, params["note"]
    )


ACTIONS = {"consistency.set-figure": set_figure}
CHECKS = [check_table_dates, check_figures]
