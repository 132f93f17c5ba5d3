"""Things said twice: the article or a run of blocks printed again, a table printed twice, a
paragraph, list, sentence or list item repeated.

Exact repeats are found through a dictionary of normalised keys (linear); near-repeats only among
neighbours (the previous few tables or paragraphs, the twin of a run's element), which is where
copy-paste and chatbot regeneration put them, so the cost stays linear too. A repeat is safe to remove
only where the whole block and its place match (see the text section below).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, replace
from difflib import SequenceMatcher
from itertools import chain
from typing import Any

from ..model import Block, ListBlock, Paragraph, Recommendation, Section, Table
from ..places import short, table_place
from ..refs import HEADER_ROW, Ref
from .context import CheckContext, TextUnit, normalise, straighten
from .edits import Edit
from .findings import Finding, Fix, Outcome
from .rules import RULES
from .spans import block_text, remove_span_fix
from .tables import describe_table, header_width, row_key, trimmed_length

#: Share of matching cells from which two neighbouring tables count as the same table printed twice.
NEAR_TABLE = 0.8
#: Word-sequence similarity from which two neighbouring paragraphs count as one said twice.
NEAR_PARAGRAPH = 0.9
_NO_CELL = frozenset({""})
_WINDOW = 3
_MIN_SENTENCE_WORDS = 6
_MIN_PARAGRAPH_WORDS = 4


def table_key(table: Table) -> tuple[tuple[str, ...], ...]:
    """A table for exact comparison: normalised rows without trailing empty cells."""
    return tuple(row_key(row) for row in [table.header, *table.rows])


def cell_set(key: tuple[tuple[str, ...], ...]) -> frozenset[str]:
    """The distinct non-empty cells of a table, from its :func:`table_key`."""
    return frozenset(chain.from_iterable(key)) - _NO_CELL


def similarity(a: Table | frozenset[str], b: Table | frozenset[str]) -> float:
    """Share of distinct non-empty cells the two tables have in common.

    Distinct cells, so that a copy with a repeated run of cells still counts as the same table.
    """
    cells_a = a if isinstance(a, frozenset) else cell_set(table_key(a))
    cells_b = b if isinstance(b, frozenset) else cell_set(table_key(b))
    total = max(len(cells_a), len(cells_b))
    if total < 4:
        return 0.0
    return len(cells_a & cells_b) / total


def rows_covered(removed: tuple[tuple[str, ...], ...], kept: tuple[tuple[str, ...], ...]) -> bool:
    """Whether every row of one table key is a row of the other, cell for cell in the same columns —
    or becomes one once a run of cells printed twice in it is collapsed (a copy whose row has a cell
    printed twice is covered by its well-formed twin). Two tables with the same cells in other rows or
    columns ("Canada 10%, Mexico 25%" against "Canada 25%, Mexico 10%") are not."""
    rows = {row for row in kept if any(row)}
    return all(any(variant in rows for variant in _collapsed(row)) for row in removed if any(row))


def _figure_cells(table: Table) -> set[str]:
    """The cells holding a digit, with their case and signs kept ("5 MW" is not "5 mW")."""
    return {" ".join(straighten(c, dashes=True).split()) for row in table.rows for c in row if _has_digit(c)}


def _has_digit(cell: str) -> bool:
    return any(map(cell.__contains__, "0123456789"))


def figures_kept(remove: Table, keep: Table) -> bool:
    """Whether every figure cell of the copy to remove is, as written, a cell of the kept copy (the
    table key is lower-cased, so it alone would call a megawatt and a milliwatt the same)."""
    return _figure_cells(remove) <= _figure_cells(keep)


def differing_cells(remove: Table, keep: Table) -> list[tuple[int, int]]:
    """``(row, column)`` of each cell where two copies of one shape differ (case kept); ``[]`` when
    their header or shape differ, so that no cell can be named."""
    if row_key(remove.header) != row_key(keep.header) or len(remove.rows) != len(keep.rows):
        return []
    found = []
    for index, (mine, theirs) in enumerate(zip(remove.rows, keep.rows, strict=True)):
        width = max(len(mine), len(theirs))
        for column in range(width):
            a = " ".join(straighten(mine[column] if column < len(mine) else "", dashes=True).split())
            b = " ".join(straighten(theirs[column] if column < len(theirs) else "", dashes=True).split())
            if a != b:
                found.append((index, column))
    return found


def _cell_words(table: Table, row: int, column: int) -> str:
    """ "row 2 under “Range (km)”" (or "row 2, column 3" under no header)."""
    header = table.header[column].strip() if column < len(table.header) else ""
    return f"row {row + 1} under “{header}”" if header else f"row {row + 1}, column {column + 1}"


def _cell(table: Table, row: int, column: int) -> str:
    cells = table.rows[row]
    return cells[column].strip() if column < len(cells) else ""


def _collapsed(row: tuple[str, ...]) -> Iterator[tuple[str, ...]]:
    """The row, and the row with each run of cells that follows itself printed once."""
    yield row
    for length in range(1, len(row) // 2 + 1):
        for start in range(0, len(row) - 2 * length + 1):
            if row[start : start + length] == row[start + length : start + 2 * length]:
                variant = row[: start + length] + row[start + 2 * length :]
                while variant and not variant[-1]:
                    variant = variant[:-1]
                yield variant


def defects(table: Table) -> int:
    """How malformed a table's shape is (0 for a clean one); decides which copy to keep."""
    width = header_width(table)
    score = int(len(table.header) > width) + int(table.align is None)
    for row in table.rows:
        score += int(trimmed_length(row, width) != width) + int(trimmed_length(row, width) < len(row))
        score += int(not any(cell.strip() for cell in row))
    return score


def check_duplicate_tables(ctx: CheckContext) -> Iterator[Finding]:
    """A table that repeats an earlier one (exactly, or nearly among neighbours)."""
    tables = ctx.tables
    first: dict[tuple[tuple[str, ...], ...], int] = {}
    reported: set[str] = set()
    cells: list[frozenset[str]] = []
    shape: dict[str, int] = {}

    def defects_of(table: Table) -> int:
        if table.id not in shape:
            shape[table.id] = defects(table)
        return shape[table.id]

    skip = repeated_runs(ctx).covered
    tables = [(section, table) for section, table in tables if table.id not in skip]
    for j, (section, table) in enumerate(tables):
        key = ctx.table_keys[table.id]
        cells.append(cell_set(key))
        match: tuple[int, float] | None = None
        if key in first:
            match = (first[key], 1.0)
        else:
            first[key] = j
            for i in range(max(0, j - _WINDOW), j):
                score = similarity(cells[i], cells[j])
                if score >= NEAR_TABLE and tables[i][1].id not in reported:
                    match = (i, score)
                    break
        if match is None:
            continue
        other_section, other = tables[match[0]]
        if other.id in reported:
            continue
        keep, remove, remove_section = (other, table, section)
        if defects_of(other) > defects_of(table):
            keep, remove, remove_section = (table, other, other_section)
        reported.add(remove.id)
        # Safe only when every row of the removed copy is in the kept one: two tables with the same
        # cells in other rows ("Canada 10%, Mexico 25%" and "Canada 25%, Mexico 10%") disagree.
        yield _duplicate_finding(
            remove_section,
            remove,
            keep,
            match[1],
            section if keep is table else other_section,
            ctx.places.describe_id(keep.id),
            rows_covered(ctx.table_keys[remove.id], ctx.table_keys[keep.id]) and figures_kept(remove, keep),
            defects_of(keep) == 0 and defects_of(remove) > 0,
        )


def _duplicate_finding(
    section: Section,
    remove: Table,
    keep: Table,
    score: float,
    keep_section: Section,
    where: str,
    safe: bool,
    better_kept: bool,
) -> Finding:
    shape = "well-formed " if better_kept else ""
    differ = [] if safe else differing_cells(remove, keep)
    # Cells that differ only in case or spacing ("5 MW", "5 mW"): the keys match, the figures do not.
    case_only = bool(differ) and all(
        normalise(_cell(remove, r, c)) == normalise(_cell(keep, r, c)) for r, c in differ
    )
    if score >= 0.999 and safe:
        message = (
            f"{_upper_first(describe_table(remove))} is printed twice; the {shape}copy ({where}) is kept."
        )
    elif score >= 0.999 and not case_only:
        differ = []
        message = (
            f"{_upper_first(describe_table(remove))} has the same cells as {where}, but not in the same "
            "rows; check which one is right."
        )
    elif 0 < len(differ) <= 3:
        said = "; ".join(
            f"{_cell_words(remove, r, c)}: “{_cell(remove, r, c)}” here, “{_cell(keep, r, c)}” there"
            for r, c in differ
        )
        message = (
            f"{_upper_first(describe_table(remove))} is a copy of {where} except in {len(differ)} "
            f"cell{'s' if len(differ) > 1 else ''} ({said}); check which one is right before removing "
            "either."
        )
    else:
        message = (
            f"{_upper_first(describe_table(remove))} is nearly the same as {where} "
            f"({score:.0%} of its cells match); it looks printed twice."
        )
    differs = ""
    if 0 < len(differ) <= 3:
        r, c = differ[0]
        differs = f" (its “{_cell(remove, r, c)}” in {_cell_words(remove, r, c)} differs)"
    fixes = [
        Fix(
            f"Remove this copy{differs}, keep the other",
            safe,
            "table.remove-duplicate",
            {"section_id": section.id, "block_id": remove.id, "keep_id": keep.id},
        ),
    ]
    if not safe:
        fixes.append(
            Fix(
                "Keep this copy, remove the other",
                False,
                "table.remove-duplicate",
                {"section_id": keep_section.id, "block_id": keep.id, "keep_id": remove.id},
            )
        )
    return Finding(
        "table.duplicate", RULES["table.duplicate"].severity, message, Ref(section.id, remove.id), fixes
    )


def remove_duplicate(edit: Edit, params: dict[str, Any]) -> Outcome | None:
    """Remove one copy of a table printed twice; recommendations and comments move to the kept copy."""
    remove, keep = edit.block(params["block_id"]), edit.block(params["keep_id"])
    if not isinstance(remove, Table) or not isinstance(keep, Table):
        return None
    removed_key, kept_key = table_key(remove), table_key(keep)
    if similarity(cell_set(removed_key), cell_set(kept_key)) < NEAR_TABLE:
        return None
    before = block_text(remove)
    moved = edit.recommendations_on(remove.id)
    kept_rows = list(kept_key[1:])
    kept_first = [key[:1] for key in kept_rows]
    row_map: dict[int, int | None] = {}
    for index, key in enumerate(removed_key[1:]):
        if key in kept_rows:
            row_map[index] = kept_rows.index(key)
        elif key[:1] in kept_first and key[:1]:
            row_map[index] = kept_first.index(key[:1])
        else:
            row_map[index] = None
    if removed_key[0] == kept_key[0]:
        row_map[HEADER_ROW] = HEADER_ROW
    # The kept copy says the same: what pointed at the removed copy moves onto it (a row it has no
    # twin for is lost with the removed copy).
    edit.remap_rows(remove, row_map, target=edit.ref(keep.id))
    # Which copy went, in reading order: the appendix must not call the first copy "the second".
    first_went = edit.locator.table_number(remove.id) < edit.locator.table_number(keep.id)
    edit.remove_block(remove.id)
    dropped = _drop_twin_recommendations(edit, moved)
    number = edit.locator.table_number(params["keep_id"])  # what Places names it, without a full walk
    if not number:
        kept = "the other"
    elif first_went:
        kept = f"the later copy, now {table_place(number)}"
    else:
        kept = f"the earlier copy, {table_place(number)}"
    which = "first" if first_went else "second"
    note = f"Removed the {which} of two copies of {describe_table(keep)}; kept {kept}."
    if moved:
        note += f" {len(moved)} recommendation(s) made from the removed copy now point at the kept one"
        note += f" ({dropped} exact repeat(s) dropped)." if dropped else "."
    return Outcome(Ref(params.get("section_id", ""), params["block_id"]), before, "", note)


# --- text -------------------------------------------------------------------------------------------------
#
# A repeat is removed unattended only when the whole block and its place match: the same list (and the
# same parent item), or the same section with at most _WINDOW blocks between the copies. The same short
# line under two different headings ("Source: Reuters, 12 May 2024" closing two articles of a digest)
# or under two parents of a list is not a repeat at all; a long paragraph or sentence given in two
# places far apart is reported for a person to decide.

#: Words from which a paragraph or sentence given twice is reported wherever its copies are.
LONG_REPEAT_WORDS = 20
#: Words from which a list item given twice in one list, not next to itself, is reported.
_LONG_ITEM_WORDS = 6


def _words(normalised: str) -> int:
    """Words in normalised text (single spaces between words)."""
    return normalised.count(" ") + 1 if normalised else 0


def _distance(ctx: CheckContext, earlier: Block, later: Block) -> int:
    """Blocks from one to the other in reading order."""
    return ctx.positions.get(later.id, 0) - ctx.positions.get(earlier.id, 0)


def _near_enough(ctx: CheckContext, earlier: TextUnit, later: TextUnit) -> bool:
    """Whether two units are in one section with at most :data:`_WINDOW` blocks between them."""
    return earlier.section is later.section and _distance(ctx, earlier.block, later.block) <= _WINDOW


def _apart(ctx: CheckContext, earlier: TextUnit, later: TextUnit) -> str:
    """Why two copies need a person: they are under different headings, or far apart."""
    if earlier.section is not later.section:
        return "the copies are in different sections, so check which one belongs where"
    return "the copies are far apart, so check whether both are meant"


def check_duplicate_text(ctx: CheckContext) -> Iterator[Finding]:
    """Paragraphs, lists, sentences and list items given twice (not inside a repeated run of blocks,
    which :func:`check_repeated_runs` reports as one)."""
    rule = RULES["text.duplicate"]
    skip = repeated_runs(ctx).covered
    paragraphs: dict[str, TextUnit] = {}
    sentences: dict[str, TextUnit] = {}
    lists: dict[tuple[tuple[int, str], ...], TextUnit] = {}
    recent: list[TextUnit] = []
    units_of_list: list[TextUnit] = []
    for unit in [*ctx.units, None]:
        if unit is not None and unit.block.id in skip:
            continue
        if units_of_list and (unit is None or unit.block is not units_of_list[0].block):
            yield from _list_findings(ctx, units_of_list, lists)
            units_of_list = []
        if unit is None:
            break
        key = unit.normalised
        if unit.item is not None:
            units_of_list.append(unit)
            continue
        if not key:
            continue
        assert isinstance(unit.block, Paragraph)
        first = paragraphs.get(key)
        paragraphs[key] = unit
        if first is not None and _words(key) >= _MIN_PARAGRAPH_WORDS:
            found = _block_repeat(ctx, first, unit, "paragraph", "word for word", _words(key))
            if found is not None:
                yield found
            continue
        near = _near_duplicate(unit, recent)
        if near is not None:
            target = unit.target(0, len(unit.text))
            yield Finding(
                rule.id,
                rule.severity,
                f"This paragraph says nearly the same as {ctx.places.describe_id(near.block.id)}; "
                "one of them is probably a leftover draft.",
                target,
                [
                    remove_span_fix(
                        "Remove this paragraph",
                        target,
                        unit.text,
                        False,
                        "Removed a paragraph that nearly repeated an earlier one.",
                    )
                ],
            )
        recent = [*recent[-(_WINDOW - 1) :], unit]
        yield from _sentence_findings(ctx, unit, sentences)


def _block_repeat(
    ctx: CheckContext, first: TextUnit, unit: TextUnit, kind: str, how: str, words: int
) -> Finding | None:
    """A paragraph or list that repeats an earlier one: safe to remove in the same place, a question
    for a person when long and elsewhere, nothing when short and elsewhere."""
    rule = RULES["text.duplicate"]
    safe = _near_enough(ctx, first, unit)
    if not safe and words < LONG_REPEAT_WORDS:
        return None
    where = ctx.places.describe_id(first.block.id)
    message = f"This {kind} repeats {where} {how}"
    message += "." if safe else f"; {_apart(ctx, first, unit)}."
    note = f"Removed a {kind} that repeated {where} {how}."
    fix = remove_blocks_fix(
        f"Remove the repeated {kind}", safe, note, [(unit.section, unit.block, first.section, first.block)]
    )
    return Finding(rule.id, rule.severity, message, Ref(unit.section.id, unit.block.id), [fix])


def _sentence_findings(
    ctx: CheckContext, unit: TextUnit, sentences: dict[str, TextUnit]
) -> Iterator[Finding]:
    rule = RULES["text.duplicate"]
    for start, end in unit.sentences:
        sentence = unit.text[start:end]
        if sentence.count(" ") < _MIN_SENTENCE_WORDS - 1:
            continue
        skey = sentence.lower()  # sentences of one paragraph already have single spaces
        words = _words(skey)
        if words < _MIN_SENTENCE_WORDS:
            continue
        first = sentences.get(skey)
        sentences[skey] = unit
        if first is None:
            continue
        safe = first is unit or _near_enough(ctx, first, unit)
        if not safe and words < LONG_REPEAT_WORDS:
            continue
        where = (
            "earlier in this paragraph" if first is unit else f"in {ctx.places.describe_id(first.block.id)}"
        )
        message = f"The sentence “{_clip(sentence)}” was already given {where}"
        message += "." if safe else f"; {_apart(ctx, first, unit)}."
        target = unit.target(start, end)
        yield Finding(
            rule.id,
            rule.severity,
            message,
            target,
            [
                remove_span_fix(
                    "Remove the repeated sentence",
                    target,
                    sentence,
                    safe,
                    "Removed a sentence that repeated an earlier one word for word.",
                    text=unit.text,
                )
            ],
        )


def _list_findings(
    ctx: CheckContext, units: list[TextUnit], lists: dict[tuple[tuple[int, str], ...], TextUnit]
) -> Iterator[Finding]:
    """Items given twice in one list, and the whole list repeating an earlier list."""
    block = units[0].block
    assert isinstance(block, ListBlock)
    keys = tuple((block.items[u.item or 0].level, u.normalised) for u in units)
    words = sum(_words(k) for _, k in keys)
    if len(keys) == len(block.items) and words >= _MIN_PARAGRAPH_WORDS:
        first = lists.get(keys)
        lists[keys] = units[0]
        if first is not None:
            found = _block_repeat(ctx, first, units[0], "list", "item for item", words)
            if found is not None:
                yield found
                return
    yield from _item_findings(units, keys)


def _parents(keys: tuple[tuple[int, str], ...]) -> list[int]:
    """Each item's parent: the nearest item before it at a lower level (-1 for a top-level item)."""
    parents: list[int] = []
    stack: list[int] = []
    for index, (level, _) in enumerate(keys):
        while stack and keys[stack[-1]][0] >= level:
            stack.pop()
        parents.append(stack[-1] if stack else -1)
        stack.append(index)
    return parents


def _item_findings(units: list[TextUnit], keys: tuple[tuple[int, str], ...]) -> Iterator[Finding]:
    """Items of one list given twice: right after themselves, or as a stretch of items printed again
    straight after itself (safe); or apart under the same parent item (a person decides, long items
    only — short ones recur in lists merged on import)."""
    rule = RULES["text.duplicate"]
    block = units[0].block
    assert isinstance(block, ListBlock)
    parents = _parents(keys)
    latest: dict[tuple[int, str], int] = {}
    j = 0
    n = len(keys)
    while j < n:
        key = keys[j]
        i = latest.get(key)
        latest[key] = j
        if i is None or not key[1]:
            j += 1
            continue
        span = j - i
        if (span > 1 or _words(key[1]) >= 2) and keys[i:j] == keys[j : j + span]:
            indices = [units[k].item or 0 for k in range(j, j + span)]
            twins = [units[k].item or 0 for k in range(i, j)]
            if span == 1:
                message = f"List item {indices[0] + 1} repeats item {twins[0] + 1} of the same list."
            else:
                message = (
                    f"List items {indices[0] + 1}–{indices[-1] + 1} repeat items {twins[0] + 1}–"
                    f"{twins[-1] + 1} of the same list, in the same order."
                )
            yield Finding(
                rule.id,
                rule.severity,
                message,
                Ref(units[j].section.id, block.id, item=indices[0]),
                [remove_items_fix(block, units[j].section.id, indices, True)],
            )
            for k in range(j, j + span):
                latest[keys[k]] = k
            j += span
            continue
        if parents[i] == parents[j] and _words(key[1]) >= _LONG_ITEM_WORDS:
            index, twin = units[j].item or 0, units[i].item or 0
            yield Finding(
                rule.id,
                rule.severity,
                f"List item {index + 1} repeats item {twin + 1} of the same list; they are apart, so check "
                "whether both are meant.",
                Ref(units[j].section.id, block.id, item=index),
                [remove_items_fix(block, units[j].section.id, [index], False)],
            )
        j += 1


def remove_items_fix(block: ListBlock, section_id: str, indices: list[int], safe: bool) -> Fix:
    """A fix removing these items of a list (each is checked to read as it did)."""
    many = len(indices) > 1
    return Fix(
        "Remove the repeated items" if many else "Remove the repeated item",
        safe,
        "text.remove-items",
        {
            "section_id": section_id,
            "block_id": block.id,
            "items": indices,
            "expected": [block.items[i].full_text for i in indices],
        },
    )


def remove_items(edit: Edit, params: dict[str, Any]) -> Outcome | None:
    """Remove list items given twice, if each still reads as it did (the last first, so the indices
    hold); never the whole list."""
    block = edit.block(params["block_id"])
    if not isinstance(block, ListBlock):
        return None
    indices, expected = params["items"], params["expected"]
    if any(
        i >= len(block.items) or block.items[i].full_text != text
        for i, text in zip(indices, expected, strict=True)
    ):
        return None
    if len(indices) >= len(block.items):
        return None
    before = "\n".join(f"{block.items[i].marker} {block.items[i].full_text}" for i in indices)
    for index in sorted(indices, reverse=True):
        edit.remove_item(block, index)
    what = "list items that repeated" if len(indices) > 1 else "a list item that repeated"
    return Outcome(
        Ref(params.get("section_id", ""), block.id, item=indices[0]),
        before,
        "",
        f"Removed {what} earlier items of the same list.",
    )


def _near_duplicate(unit: TextUnit, recent: list[TextUnit]) -> TextUnit | None:
    words = unit.words
    if len(words) < 20:
        return None
    for other in recent:
        if other.section is not unit.section:
            continue
        if _near_words(words, other):
            return other
    return None


def _near_words(words: list[str], other: TextUnit, unit_set: frozenset[str] | None = None) -> bool:
    """Whether a paragraph's words nearly repeat another paragraph's (both of 20 words or more)."""
    other_words = other.words
    if len(other_words) < 20 or not 0.8 <= len(words) / len(other_words) <= 1.25:
        return False
    mine = unit_set if unit_set is not None else frozenset(words)
    if len(mine & other.word_set) / len(mine | other.word_set) < 0.75:
        return False
    return SequenceMatcher(None, words, other_words, autojunk=False).ratio() >= NEAR_PARAGRAPH


# --- runs of blocks printed again -------------------------------------------------------------------------
#
# The article pasted twice, or a few paragraphs and a list printed again after a regeneration: the
# briefing is read as one sequence of headings and blocks, and a later stretch that repeats an earlier
# one is found from its first element's earlier occurrences (a dictionary of keys, so the cost stays
# linear), then extended while the elements match (exactly, or nearly: a regenerated paragraph).

#: Words a repeated run must hold in all, and headings and blocks (at least one block).
MIN_RUN_WORDS = 25
_MIN_RUN_ELEMENTS = 2
#: Elements a run may extend over with fewer than two blocks in it (only headings repeat) before the
#: search gives up: keeps a pathological article of one heading printed thousands of times linear.
_MAX_BARE_RUN = 64


@dataclass(frozen=True, eq=False)
class _Element:
    """A heading (``block`` is ``None``) or a block, as the run search compares them."""

    key: tuple[Any, ...]
    section: Section
    block: Block | None
    words: int
    #: A paragraph's unit (its words, for near repeats).
    unit: TextUnit | None = None


@dataclass(frozen=True)
class RepeatedRun:
    """A later stretch of the briefing that repeats an earlier one, element for element."""

    #: The first copy (as much of it as the later copies repeat).
    earlier: list[_Element]
    #: The later copies, one after the other.
    later: list[_Element]
    #: Each later element's twin in the first copy.
    twins: list[_Element]
    #: Whether every element repeats its twin exactly (not nearly).
    exact: bool
    #: Whether the run and its first copy are the whole article.
    whole: bool
    #: How many times the stretch is printed, the first copy included.
    copies: int


@dataclass(frozen=True)
class Runs:
    """The repeated runs of a briefing, and the block ids of their later copies."""

    runs: list[RepeatedRun]
    covered: frozenset[str]


def block_key(block: Block) -> tuple[Any, ...]:
    """A block for exact comparison: its normalised text, items (with levels) or rows."""
    if isinstance(block, Paragraph):
        return ("p", normalise(block.text))
    if isinstance(block, ListBlock):
        return ("l", tuple((item.level, normalise(item.full_text)) for item in block.items))
    assert isinstance(block, Table)
    return ("t", table_key(block))


def heading_key(section: Section) -> tuple[Any, ...]:
    """A section's heading for exact comparison."""
    return ("h", section.level, normalise(section.heading))


def key_digest(key: tuple[Any, ...]) -> str:
    """A short, stable digest of a comparison key (a fix checks that the copy reads as it did)."""
    return hashlib.blake2b(repr(key).encode("utf-8", "surrogatepass"), digest_size=8).hexdigest()


def repeated_runs(ctx: CheckContext) -> Runs:
    """The repeated runs of the briefing (worked out once per run of the checks)."""
    found = ctx.cache.get("repeated-runs")
    if found is None:
        found = ctx.cache["repeated-runs"] = _find_runs(ctx)
    assert isinstance(found, Runs)
    return found


def _elements(ctx: CheckContext) -> list[_Element]:
    units: dict[str, list[TextUnit]] = {}
    for unit in ctx.units:
        units.setdefault(unit.block.id, []).append(unit)
    elements: list[_Element] = []
    for section in ctx.briefing.sections:
        if section.heading.strip():
            elements.append(_Element(heading_key(section), section, None, 0))
        for block in section.blocks:
            if isinstance(block, Table):
                key = ctx.table_keys[block.id]
                if not any(any(row) for row in key):
                    continue
                words = _words_in_cells(key)
                elements.append(_Element(("t", key), section, block, words))
                continue
            parts = units.get(block.id, [])
            if isinstance(block, Paragraph):
                if parts and parts[0].normalised:
                    elements.append(
                        _Element(
                            ("p", parts[0].normalised), section, block, _words(parts[0].normalised), parts[0]
                        )
                    )
            elif parts:
                items = tuple(
                    (item.level, unit.normalised) for item, unit in zip(block.items, parts, strict=False)
                )
                words = sum(_words(text) for _, text in items)
                if words:
                    elements.append(_Element(("l", items), section, block, words))
    return elements


def _words_in_cells(key: tuple[tuple[str, ...], ...]) -> int:
    """The words of a table's normalised cells (one more than its spaces for each non-empty cell), from
    one joined string: counting cell by cell took most of the repeated-runs rule on large tables."""
    cells = list(chain.from_iterable(key))
    if not cells:
        return 0
    # Joining adds a space between each two cells; an empty cell has none of its own and no word.
    return " ".join(cells).count(" ") + 1 - cells.count("")


def _near(a: _Element, b: _Element) -> bool:
    """Whether two elements nearly repeat each other (a regenerated paragraph, list or table)."""
    kind = a.key[0]
    if {kind, b.key[0]} == {"h", "p"}:  # a heading printed again as a line of text, or the reverse
        return a.key[-1] == b.key[-1]
    if kind != b.key[0] or kind == "h":
        return False
    if kind == "p":  # next to exact repeats, a paragraph of a dozen words with one changed counts
        if a.unit is None or b.unit is None or min(len(a.unit.words), len(b.unit.words)) < 12:
            return False
        ratio = len(a.unit.words) / len(b.unit.words)
        if not 0.8 <= ratio <= 1.25:
            return False
        shared = len(a.unit.word_set & b.unit.word_set) / len(a.unit.word_set | b.unit.word_set)
        if shared < 0.75:
            return False
        return SequenceMatcher(None, a.unit.words, b.unit.words, autojunk=False).ratio() >= NEAR_PARAGRAPH
    if kind == "t":
        return similarity(cell_set(a.key[1]), cell_set(b.key[1])) >= NEAR_TABLE
    items_a, items_b = a.key[1], b.key[1]
    if min(len(items_a), len(items_b)) < 2 or abs(len(items_a) - len(items_b)) > 1:
        return False
    return SequenceMatcher(None, items_a, items_b, autojunk=False).ratio() >= 0.75


def _find_runs(ctx: CheckContext) -> Runs:
    elements = _elements(ctx)
    n = len(elements)
    section_end: dict[str, int] = {}  # each section's last element
    for index, element in enumerate(elements):
        section_end[element.section.id] = index
    first: dict[tuple[Any, ...], int] = {}
    last: dict[tuple[Any, ...], int] = {}
    runs: list[RepeatedRun] = []
    covered: set[str] = set()
    j = floor = 0
    while j < n:
        key = elements[j].key
        best: tuple[int, list[bool]] | None = None
        for i in dict.fromkeys((first.get(key), last.get(key))):
            if i is None or j - i < 2:  # one block right after itself is a text.duplicate
                continue
            if all(e.key == key for e in elements[i:j]):
                continue  # one block printed again and again: text.duplicate too
            flags = _trimmed(elements, j, _extend(elements, i, j), section_end)
            if flags and (best is None or len(flags) > len(best[1])):
                best = (i, flags)
        first.setdefault(key, j)
        last[key] = j
        if best is None:
            j += 1
            continue
        i, flags = best
        back = _extend_back(elements, i, j, floor)
        if back:
            i, j, flags = i - len(back), j - len(back), back + flags
        length, period = len(flags), j - i
        later = elements[j : j + length]
        for k in range(j, j + length):
            first.setdefault(elements[k].key, k)
            last[elements[k].key] = k
        twins = [elements[i + t % period] for t in range(length)]
        copies = 1 + -(-length // period)
        whole = i == 0 and j + length == n
        earlier = elements[i : i + min(length, period)]
        title = _title_before(ctx, elements, i, j, later)
        if title is not None:  # the article again, its title line first: that goes with it
            later, twins = [title, *later], [title, *twins]
        runs.append(RepeatedRun(earlier, later, twins, all(flags), whole, copies))
        covered.update(e.block.id for e in later if e.block is not None)
        j += length
        floor = j
    return Runs(runs, frozenset(covered))


def _title_before(
    ctx: CheckContext, elements: list[_Element], i: int, j: int, later: list[_Element]
) -> _Element | None:
    """The article's title printed again just before a copy of the article from its start: a heading
    over nothing but the copy, or a paragraph of its own."""
    title = normalise(ctx.briefing.meta.title)
    if i != 0 or j == 0 or not title:
        return None
    element = elements[j - 1]
    if element.key == ("p", title):
        return element
    if element.block is None and element.key[2] == title and element.section is later[0].section:
        removed = {e.block.id for e in later if e.block is not None}
        if all(block.id in removed for block in element.section.blocks):
            return element
    return None


def _extend(elements: list[_Element], i: int, j: int) -> list[bool]:
    """How far the stretch from ``j`` repeats the one from ``i`` to ``j`` (once or, printed several
    times in a row, again and again): one flag per element, whether it repeats its twin in the first
    copy exactly."""
    flags: list[bool] = []
    blocks = 0
    n = len(elements)
    period = j - i
    while j + len(flags) < n:
        a, b = elements[i + len(flags) % period], elements[j + len(flags)]
        if a.key == b.key:
            flags.append(True)
        elif _near(a, b):
            flags.append(False)
        else:
            break
        blocks += b.block is not None
        if blocks < 2 and len(flags) >= _MAX_BARE_RUN:
            break
    return flags


def _extend_back(elements: list[_Element], i: int, j: int, floor: int) -> list[bool]:
    """How many elements before ``j`` (not before ``floor``) nearly repeat those before ``i``: a
    regenerated first paragraph belongs to the copy it opens. Flags in reading order."""
    flags: list[bool] = []
    while j - len(flags) - 1 >= floor and i - len(flags) - 1 >= 0:
        a, b = elements[i - len(flags) - 1], elements[j - len(flags) - 1]
        if b.block is None:  # never over a heading: its section may go on past the run
            break
        if a.key == b.key:
            flags.append(True)
        elif _near(a, b):
            flags.append(False)
        else:
            break
    return flags[::-1]


def _trimmed(
    elements: list[_Element], j: int, flags: list[bool], section_end: dict[str, int]
) -> list[bool] | None:
    """The run cut before its last heading when that section goes on past the run (removing the copy
    must never leave blocks under the wrong heading); ``None`` when too little is left to be a run:
    a heading and a block, or two blocks, of :data:`MIN_RUN_WORDS` words in all."""
    length = len(flags)
    for k in range(j + length - 1, j - 1, -1):
        element = elements[k]
        if element.block is None:
            if section_end[element.section.id] >= j + length:
                length = k - j
            break
    flags = flags[:length]
    later = elements[j : j + len(flags)]
    blocks = [e for e in later if e.block is not None]
    if len(later) < _MIN_RUN_ELEMENTS or not blocks or sum(e.words for e in blocks) < MIN_RUN_WORDS:
        return None
    return flags


def _run_safe(run: RepeatedRun) -> bool:
    """An exact copy is safe to remove when its place matches: it carries its own headings (the
    article or whole sections printed again), or both copies are in one section."""
    if not run.exact:
        return False
    if any(e.block is None for e in run.later):
        return True
    sections = {e.section.id for e in run.later} | {e.section.id for e in run.earlier}
    return len(sections) == 1


def _element_place(ctx: CheckContext, element: _Element) -> str:
    """An element in words, with its first words when it is a paragraph or list (headings printed
    twice make "paragraph 2 in “Outlook”" name two places)."""
    if element.block is None:
        return f"the heading “{short(element.section.heading)}”"
    place = ctx.places.describe_id(element.block.id)
    if isinstance(element.block, Paragraph):
        return f"{place} (“{short(element.block.text, 32)}”)"
    if isinstance(element.block, ListBlock) and element.block.items:
        return f"{place} (“{short(element.block.items[0].full_text, 32)}”)"
    return place


def _stretch(ctx: CheckContext, elements: list[_Element]) -> str:
    start, end = _element_place(ctx, elements[0]), _element_place(ctx, elements[-1])
    return start if len(elements) == 1 else f"from {start} to {end}"


def _size(elements: list[_Element]) -> str:
    blocks = sum(1 for e in elements if e.block is not None)
    headings = len(elements) - blocks
    words = f"{blocks} block{'s' if blocks != 1 else ''}"
    if headings:
        words += f" under {headings} heading{'s' if headings != 1 else ''}"
    return words


_TIMES = {2: "twice", 3: "three times", 4: "four times", 5: "five times"}


def _times(copies: int) -> str:
    return _TIMES.get(copies, f"{copies} times")


def check_repeated_runs(ctx: CheckContext) -> Iterator[Finding]:
    """The article, or a run of several blocks, printed more than once: one finding per repeated run,
    naming both places; the later copies go in one fix."""
    rule = RULES["text.repeated-run"]
    for run in repeated_runs(ctx).runs:
        later, earlier = _stretch(ctx, run.later), _stretch(ctx, run.earlier)
        size = _size(run.later)
        safe = _run_safe(run)
        times = _times(run.copies)
        again = "again" if run.copies == 2 else f"{run.copies - 1} more times"
        if run.exact:
            what = "The whole article" if run.whole else f"A run of {_size(run.earlier)}"
            message = (
                f"{what} is printed {times}: what runs {earlier} is given {again}, word for word, "
                f"{later} ({size})"
            )
            message += (
                "."
                if safe
                else "; the copies are under different headings, so check which one belongs where."
            )
        else:
            same = sum(1 for a, b in zip(run.twins, run.later, strict=True) if a.key == b.key and b.block)
            total = sum(1 for e in run.later if e.block is not None)
            message = (
                f"The {size} {later} nearly repeat the ones {earlier} ({same} of {total} word for word); "
                "one copy is probably a leftover draft."
            )
        first = run.later[0]
        target = Ref(first.section.id, first.block.id) if first.block is not None else Ref(first.section.id)
        copies = "copy" if run.copies == 2 else "copies"
        note = f"Removed the later {copies} of {size} ({later}) that repeated the ones {earlier}."
        pairs = [(b.section, b.block, a.section, a.block) for a, b in zip(run.twins, run.later, strict=True)]
        label = "Remove the later copy" if run.copies == 2 else "Remove the later copies"
        yield Finding(rule.id, rule.severity, message, target, [remove_blocks_fix(label, safe, note, pairs)])


Pair = tuple[Section, Block | None, Section, Block | None]


def remove_blocks_fix(label: str, safe: bool, note: str, pairs: list[Pair]) -> Fix:
    """A fix removing the later copy of blocks and headings (``(section, block or None for its heading,
    twin's section, twin block)`` each); comments and recommendations move to the twins."""
    places: list[dict[str, Any]] = []
    sections: list[dict[str, Any]] = []
    for section, block, twin_section, twin in pairs:
        if block is None:
            sections.append(
                {"section_id": section.id, "key": key_digest(heading_key(section)), "twin": twin_section.id}
            )
            continue
        place = {"section_id": section.id, "block_id": block.id, "key": key_digest(block_key(block))}
        if twin is not None and twin is not block:
            place["twin"] = twin.id
        places.append(place)
    head = pairs[0]
    return Fix(
        label,
        safe,
        "text.remove-blocks",
        {
            "section_id": head[0].id,
            "block_id": head[1].id if head[1] is not None else "",
            "places": places,
            "sections": sections,
            "note": note,
        },
    )


def remove_blocks(edit: Edit, params: dict[str, Any]) -> Outcome | None:
    """Remove the later copy of repeated blocks (and the sections whose headings are in it), if every
    part still reads as it did when found; pointers move onto the twins that still read the same."""
    places = params["places"]
    found: list[tuple[Section, Block]] = []
    for place in places:
        hit = edit.find(place["block_id"])
        if hit is None or key_digest(block_key(hit[1])) != place["key"]:
            return None
        found.append(hit)
    ids = {place["block_id"] for place in places}
    sections: list[Section] = []
    for entry in params.get("sections", []):
        section = edit.section(entry["section_id"])
        if section is None or key_digest(heading_key(section)) != entry["key"]:
            return None
        if any(block.id not in ids for block in section.blocks):
            return None  # something was added under the heading since: it is not a copy any more
        sections.append(section)
    gone = {section.id for section in sections}
    before: list[str] = []
    seen: set[str] = set()
    for section, block in found:
        if section.id in gone and section.id not in seen:
            before.append(section.heading)
        seen.add(section.id)
        before.append(block_text(block))
    for section in sections:
        if section.id not in seen:
            before.insert(0, section.heading)  # a heading whose section had nothing under it
    moved: list[Recommendation] = []
    for (_, block), place in zip(found, places, strict=True):
        twin = edit.find(place.get("twin", "")) if place.get("twin") else None
        if twin is None or key_digest(block_key(twin[1])) != place["key"]:
            continue  # pointers on the copy are kept as lost (undo restores them)
        moved += edit.recommendations_on(block.id)
        _move_to_twin(edit, block, twin[0], twin[1])
    for section, block in found:
        if section.id not in gone:
            edit.remove_block(block.id)
    for section in sections:
        edit.remove_section(section)
    _drop_twin_recommendations(edit, moved)
    where = Ref(params.get("section_id", ""), params.get("block_id", ""))
    return Outcome(where, "\n\n".join(before), "", params["note"])


def _move_to_twin(edit: Edit, block: Block, twin_section: Section, twin: Block) -> None:
    """Comments and recommendation origins on a copy move to its twin (spans only when the texts are
    the same character for character)."""
    same = block_text(block) == block_text(twin)

    def move(ref: Ref) -> Ref:
        moved = replace(ref, section_id=twin_section.id, block_id=twin.id)
        return moved if same else moved.without_span()

    edit.move_pointers(block.id, move)


def _drop_twin_recommendations(edit: Edit, moved: list[Recommendation]) -> int:
    """Recommendations moved onto a twin that already has the same one (untouched by the analyst) go."""
    dropped = 0
    for rec in moved:
        origin = rec.origin.without_span()
        twin = next(
            (
                r
                for _, r in edit.locator.pointers_at(rec.origin.block_id, ("recommendations",))
                if r is not rec
                and r.origin.without_span() == origin
                and normalise(r.text) == normalise(rec.text)
            ),
            None,
        )
        untouched = rec.annotation == type(rec.annotation)()
        if twin is not None and untouched and edit.locator.entry("recommendations", rec.id) is rec:
            edit.remove_entry("recommendations", rec)
            dropped += 1
    return dropped


def _upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def _clip(text: str, width: int = 60) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


ACTIONS = {
    "table.remove-duplicate": remove_duplicate,
    "text.remove-items": remove_items,
    "text.remove-blocks": remove_blocks,
}
CHECKS = [check_repeated_runs, check_duplicate_tables, check_duplicate_text]
