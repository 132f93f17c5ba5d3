"""Where a finding is in the article: its line and column, as linters print them (``FILE:LINE:COL``).

Import keeps where each text was (:attr:`~briefing.model.Briefing.source_map`, see
:mod:`briefing.importing.positions`); :class:`Locations` turns a finding's :class:`~briefing.refs.Ref`
into a line and a column of the article, both counted from 1, the column in characters.

A position is given only while the text it is in is still the text import made: a part (a paragraph,
a list item, a table row, a heading) whose checksum no longer matches is looked for among the block's
other parts of its kind (a row that moved up when the one above it went), and when it is not found
exactly once, there is no position. So after edits a position is right or absent, never wrong. A
finding on a whole block (a table, a list) is placed where the block started, edited or not.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..importing.positions import TITLE, Segment, checksum, decode, position, row_text
from ..model import Block, Briefing, ListBlock, Paragraph, Table
from ..refs import HEADER_ROW, SOURCE, Ref
from .findings import Finding


@dataclass(frozen=True)
class Location:
    """A place in the article: line and column (from 1), and where a span ends (its last character's
    column plus one), when the finding is about a span."""

    line: int
    column: int
    end_line: int = 0
    end_column: int = 0


#: The start of the article: where a finding about the whole file is placed.
START = Location(1, 1)


def first_trailing_blank_line(source: str) -> int:
    """The line (from 1) of the first of the blank lines that end an article."""
    text = source.replace("\r\n", "\n").replace("\r", "\n")
    return text.rstrip().count("\n") + 2


class Locations:
    """Lines and columns for the findings of one briefing, as it is now.

    ``source`` is the article's text when the briefing was just imported from it; findings about the
    file itself (its trailing blank lines) need it.
    """

    def __init__(self, briefing: Briefing, source: str | None = None) -> None:
        self.briefing = briefing
        self.source = source
        self._blocks: dict[str, Block] = {block.id: block for _, block in briefing.blocks()}
        self._sections = {section.id: section for section in briefing.sections}
        self._recommendations = {rec.id: rec for rec in briefing.recommendations}

    # --- findings ---------------------------------------------------------------------------------

    def of_finding(self, finding: Finding) -> Location | None:
        """Where a finding is: its exact place, or for one about the article file, the line it names
        (the article's start when it names none); ``None`` when its text changed since import."""
        target = finding.target
        if target.section_id == SOURCE and not target.block_id:
            if finding.source_line > 0:
                return Location(finding.source_line, 1)
            if finding.rule == "text.trailing-blank-lines" and self.source is not None:
                return Location(first_trailing_blank_line(self.source), 1)
            return START
        if not target.section_id and not target.block_id and not target.field:
            return START  # the whole article
        return self.of(target)

    def nearest(self, finding: Finding) -> Location:
        """Where a finding is in an article just imported (or fixed): its exact place, else where its
        block or section started, else the article's start."""
        exact = self.of_finding(finding)
        if exact is not None:
            return exact
        target = finding.target
        return self.block_start(target.block_id) or self.heading(target.section_id, False) or START

    # --- refs -------------------------------------------------------------------------------------

    def of(self, ref: Ref) -> Location | None:
        """Where a ref's place is in the article, or ``None`` (see the module docstring)."""
        if ref.lost:
            return None
        if not ref.block_id:
            if ref.section_id:
                return self.heading(ref.section_id)
            if ref.field == TITLE:
                return self._part(TITLE, "", self.briefing.meta.title, 0)
            return None
        block = self._blocks.get(ref.block_id)
        if block is None:
            rec = self._recommendations.get(ref.block_id)
            return self.of(rec.origin) if rec is not None and rec.origin.block_id else None
        if isinstance(block, Paragraph):
            return self._span(block.id, "", block.text, ref)
        if isinstance(block, ListBlock):
            if ref.item is None:
                return self.block_start(block.id)
            if not 0 <= ref.item < len(block.items):
                return None
            return self._span(block.id, f"item={ref.item}", block.items[ref.item].full_text, ref)
        if isinstance(block, Table):
            return self._table(block, ref)
        return None  # pragma: no cover - every kind is handled above

    def heading(self, section_id: str, checked: bool = True) -> Location | None:
        """Where a section's heading was (``checked``: only while it reads as imported)."""
        section = self._sections.get(section_id)
        if section is None:
            return None
        if not checked:
            return self._start(section_id, "")
        return self._part(section_id, "", section.heading, 0)

    def block_start(self, block_id: str) -> Location | None:
        """Where a block started in the article (its first line), edited since or not."""
        block = self._blocks.get(block_id)
        if block is None:
            return None
        first = {"list": "item=0", "table": "header"}.get(block.kind, "")
        return self._start(block_id, first)

    def _start(self, owner: str, part: str) -> Location | None:
        value = self.briefing.source_map.get(owner, {}).get(part)
        decoded = decode(value) if isinstance(value, str) else None
        if not decoded or not decoded[1]:
            return None
        _, line, column = decoded[1][0]
        return Location(line, column) if line > 0 and column > 0 else None

    def _table(self, table: Table, ref: Ref) -> Location | None:
        if ref.field == "caption":
            return None  # a caption is the analyst's: import makes none
        if ref.row is None:
            return self.block_start(table.id)
        if ref.row == HEADER_ROW:
            cells, part = table.header, "header"
        elif 0 <= ref.row < len(table.rows):
            cells, part = table.rows[ref.row], f"row={ref.row}"
        else:
            return None
        if ref.column is None:
            return self._part(table.id, part, row_text(cells), -1)
        if not 0 <= ref.column < len(cells):
            return None
        offset = sum(len(cell) + 1 for cell in cells[: ref.column])
        cell = cells[ref.column]
        start = offset + (ref.start or 0)
        end = offset + ref.end if ref.end is not None and ref.start is not None else None
        if end is None and cell:
            start, end = offset, offset + len(cell)
        return self._part(table.id, part, row_text(cells), start, end)

    def _span(self, owner: str, part: str, text: str, ref: Ref) -> Location | None:
        start = ref.start or 0
        end = ref.end if ref.start is not None and ref.end is not None else None
        return self._part(owner, part, text, start, end)

    def _part(self, owner: str, part: str, text: str, start: int, end: int | None = None) -> Location | None:
        segments = self._segments(owner, part, text)
        if segments is None:
            return None
        at = position(segments, start)
        if at is None:
            return None
        if end is None or end <= max(start, 0):
            return Location(*at)
        last = position(segments, end - 1)
        if last is None:
            return Location(*at)
        return Location(at[0], at[1], last[0], last[1] + 1)

    def _segments(self, owner: str, part: str, text: str) -> list[Segment] | None:
        """The segments of a part whose text is ``text`` — its own, or those of the one part of its kind
        in the block that was imported with that text — or ``None``."""
        entries = self.briefing.source_map.get(owner)
        if not entries:
            return None
        check = checksum(text)
        own = entries.get(part)
        decoded = decode(own) if isinstance(own, str) else None
        if decoded is not None and decoded[0] == check:
            return decoded[1]
        kind = part.partition("=")[0]
        if kind not in ("item", "row", "header"):
            return None
        kinds = ("row", "header") if kind in ("row", "header") else ("item",)
        matches = []
        for name, value in entries.items():
            if name == part or name.partition("=")[0] not in kinds or not isinstance(value, str):
                continue
            other = decode(value)
            if other is not None and other[0] == check:
                matches.append(other[1])
                if len(matches) > 1:
                    return None  # the text is in two places: which one is not known
        return matches[0] if matches else None
