"""Things said twice: a table printed twice, a paragraph, sentence or list item repeated.

Exact repeats are found through a dictionary of normalised keys (linear); near-repeats only among
neighbours (the previous few tables or paragraphs), which is where copy-paste and chatbot regeneration
put them, so the cost stays linear too.
"""

from __future__ import annotations

from collections.abc import Iterator
from difflib import SequenceMatcher
from typing import Any

from ..model import Paragraph, Section, Table
from ..places import table_place
from ..refs import HEADER_ROW, Ref
from .context import CheckContext, TextUnit, normalise
from .edits import Edit
from .findings import Finding, Fix, Outcome
from .rules import RULES
from .spans import block_text, remove_span_fix
from .tables import describe_table, header_width, row_key, trimmed_length

#: Share of matching cells from which two neighbouring tables count as the same table printed twice.
NEAR_TABLE = 0.8
#: Word-sequence similarity from which two neighbouring paragraphs count as one said twice.
NEAR_PARAGRAPH = 0.9
_WINDOW = 3
_MIN_SENTENCE_WORDS = 6
_MIN_PARAGRAPH_WORDS = 4


def table_key(table: Table) -> tuple[tuple[str, ...], ...]:
    """A table for exact comparison: normalised rows without trailing empty cells."""
    return tuple(row_key(row) for row in [table.header, *table.rows])


def cell_set(key: tuple[tuple[str, ...], ...]) -> frozenset[str]:
    """The distinct non-empty cells of a table, from its :func:`table_key`."""
    return frozenset(cell for row in key for cell in row if cell)


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
        removed_cells, kept_cells = (
            (cells[j], cells[match[0]]) if remove is table else (cells[match[0]], cells[j])
        )
        yield _duplicate_finding(
            remove_section,
            remove,
            keep,
            match[1],
            section if keep is table else other_section,
            ctx.places.describe_id(keep.id),
            removed_cells <= kept_cells,  # every cell of the removed copy is kept
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
    if score >= 0.999:
        message = (
            f"{_upper_first(describe_table(remove))} is printed twice; the {shape}copy ({where}) is kept."
        )
    else:
        message = (
            f"{_upper_first(describe_table(remove))} is nearly the same as {where} "
            f"({score:.0%} of its cells match); it looks printed twice."
        )
    fixes = [
        Fix(
            "Remove this copy, keep the other",
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


def _words(normalised: str) -> int:
    """Words in normalised text (single spaces between words)."""
    return normalised.count(" ") + 1 if normalised else 0


def check_duplicate_text(ctx: CheckContext) -> Iterator[Finding]:
    """Paragraphs, sentences and list items given twice."""
    rule = RULES["text.duplicate"]
    paragraphs: dict[str, TextUnit] = {}
    sentences: dict[str, TextUnit] = {}
    recent: list[TextUnit] = []
    items: dict[tuple[str, str], int] = {}
    for unit in ctx.units:
        key = unit.normalised
        if not key:
            continue
        if unit.item is not None:
            list_key = (unit.block.id, key)
            if list_key in items and _words(key) >= 2:
                yield Finding(
                    rule.id,
                    rule.severity,
                    f"List item {unit.item + 1} repeats item {items[list_key] + 1} of the same list.",
                    unit.target(0, len(unit.text)),
                    [
                        remove_span_fix(
                            "Remove the repeated item",
                            unit.target(0, len(unit.text)),
                            unit.text,
                            True,
                            "Removed a list item that repeated an earlier item of the same list.",
                        )
                    ],
                )
            items.setdefault(list_key, unit.item)
            continue
        assert isinstance(unit.block, Paragraph)
        if key in paragraphs and _words(key) >= _MIN_PARAGRAPH_WORDS:
            first = paragraphs[key]
            target = unit.target(0, len(unit.text))
            yield Finding(
                rule.id,
                rule.severity,
                f"This paragraph repeats {ctx.places.describe_id(first.block.id)} word for word.",
                target,
                [
                    remove_span_fix(
                        "Remove the repeated paragraph",
                        target,
                        unit.text,
                        True,
                        "Removed a paragraph that repeated an earlier one word for word.",
                    )
                ],
            )
            continue
        paragraphs.setdefault(key, unit)
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
        for start, end in unit.sentences:
            sentence = unit.text[start:end]
            if sentence.count(" ") < _MIN_SENTENCE_WORDS - 1:
                continue
            skey = sentence.lower()  # sentences of one paragraph already have single spaces
            if _words(skey) < _MIN_SENTENCE_WORDS:
                continue
            if skey in sentences:
                first = sentences[skey]
                where = (
                    "earlier in this paragraph"
                    if first is unit
                    else f"in {ctx.places.describe_id(first.block.id)}"
                )
                target = unit.target(start, end)
                yield Finding(
                    rule.id,
                    rule.severity,
                    f"The sentence “{_clip(sentence)}” was already given {where}.",
                    target,
                    [
                        remove_span_fix(
                            "Remove the repeated sentence",
                            target,
                            sentence,
                            True,
                            "Removed a sentence that repeated an earlier one word for word.",
                            text=unit.text,
                        )
                    ],
                )
            else:
                sentences[skey] = unit


def _near_duplicate(unit: TextUnit, recent: list[TextUnit]) -> TextUnit | None:
    words = unit.words
    if len(words) < 20:
        return None
    for other in recent:
        if other.section is not unit.section:
            continue
        other_words = other.words
        if len(other_words) < 20 or not 0.8 <= len(words) / len(other_words) <= 1.25:
            continue
        if len(unit.word_set & other.word_set) / len(unit.word_set | other.word_set) < 0.75:
            continue
        if SequenceMatcher(None, words, other_words, autojunk=False).ratio() >= NEAR_PARAGRAPH:
            return other
    return None


def _upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def _clip(text: str, width: int = 60) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


ACTIONS = {"table.remove-duplicate": remove_duplicate}
CHECKS = [check_duplicate_tables, check_duplicate_text]
