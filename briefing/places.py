"""Naming places in a briefing for people: "Table 2", "paragraph 3 in “Implications…”", "the summary".

Findings, the corrections log and the Word appendix all point at ids; readers should never see an id.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace

from .kinds import text_at
from .model import Briefing, Table
from .refs import HEADER_ROW, SOURCE, Ref


def short(text: str, width: int = 40) -> str:
    """Text cut to ``width`` characters with an ellipsis."""
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def table_place(number: int) -> str:
    """A table by its number: "Table 3" (0: one the exporter leaves out)."""
    return f"Table {number}" if number else "a table left out of the note"


#: Header-block details in words, for the few whose field name does not read well.
META_LABELS = {
    "prepared_by": "the author (prepared by)",
    "prepared_for": "the addressee (prepared for)",
    "source.publisher": "the source's publisher",
    "source.url": "the source's address",
    "source.date": "the source's date",
    "decision_by": "the decision date",
    "summary": "the key points",
}


class Places:
    """Names for the sections, blocks and recommendations of one briefing, as it is now."""

    def __init__(self, briefing: Briefing, table_numbers: dict[str, int] | None = None) -> None:
        """``table_numbers`` overrides the tables' numbers (the exporter leaves empty tables out, so its
        "Table 3" may be the briefing's fourth table)."""
        self.briefing = briefing
        self.table_numbers: dict[str, int] = {}
        self._section_of: dict[str, str] = {}
        self._blocks: dict[str, str] = {}
        self._sections: dict[str, str] = {}
        for section in briefing.sections:
            where = f"“{short(section.heading)}”" if section.heading else "the summary"
            self._sections[section.id] = f"section {where}" if section.heading else "the summary"
            kinds: dict[str, int] = defaultdict(int)
            for block in section.blocks:
                kinds[block.kind] += 1
                self._section_of[block.id] = section.id
                if isinstance(block, Table):
                    number = len(self.table_numbers) + 1
                    if table_numbers is not None:
                        number = table_numbers.get(block.id, 0)
                    self.table_numbers[block.id] = number
                    self._blocks[block.id] = table_place(number)
                else:
                    self._blocks[block.id] = f"{block.kind} {kinds[block.kind]} in {where}"
        self._recommendations = {
            rec.id: f"recommendation {n}" for n, rec in enumerate(briefing.recommendations, 1)
        }

    def describe_id(self, item_id: str) -> str:
        """The place an id names, or "" when it names nothing in the briefing now."""
        return (
            self._blocks.get(item_id) or self._sections.get(item_id) or self._recommendations.get(item_id, "")
        )

    def describe_ref(self, ref: Ref) -> str:
        """A place in words: "Table 2, row 3, column 1", "paragraph 2 in “Background”: “the words…”",
        "item 3 of list 1 in the summary", "the title"; a place that was deleted says so."""
        gone = "removed from the article"
        if ref.lost:
            where = self.describe_ref(replace(ref, lost=False, start=None, end=None))
            return where if where.startswith(gone) else f"{gone} (was {where})"
        if not ref.block_id and not ref.section_id:
            if ref.field == "meta":
                return "the briefing details"
            if ref.field.startswith("meta."):
                name = ref.field.removeprefix("meta.")
                return META_LABELS.get(name, "the " + name.replace(".", " ").replace("_", " "))
            return "the whole article"
        if not ref.block_id:
            if ref.section_id == SOURCE:
                return "the article's text"
            return self._sections.get(ref.section_id, gone)
        place = self.describe_id(ref.block_id)
        if not place:  # the block is gone; its section may still be there
            section = self._sections.get(self._section_of.get(ref.block_id, ref.section_id), "")
            if not section:
                return gone
            return f"{gone} (was in {section})"
        parts = [place]
        if ref.field == "caption":
            parts.append("caption")
        elif ref.block_id in self._recommendations and ref.field and ref.field != "text":
            parts.append(ref.field.removeprefix("annotation."))
        if ref.item is not None:
            parts.append(f"item {ref.item + 1}")
        if ref.row is not None:
            parts.append("header row" if ref.row == HEADER_ROW else f"row {ref.row + 1}")
        if ref.column is not None:
            parts.append(f"column {ref.column + 1}")
        words = ", ".join(parts)
        if ref.has_span:
            quoted = short(text_at(self.briefing, ref), 40)
            if quoted:
                words += f": “{quoted}”"
        return words


def describe(briefing: Briefing, ref: Ref) -> str:
    """A place in words (see :meth:`Places.describe_ref`); build a :class:`Places` to name many."""
    return Places(briefing).describe_ref(ref)
