"""Naming places in a briefing for people: "Table 2", "paragraph 3 in “Implications…”", "the summary".

Findings, the corrections log and the Word appendix all point at ids; readers should never see an id.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace

from .kinds import text_at
from .model import Briefing, Table
from .refs import HEADER_ROW, Ref


def short(text: str, width: int = 40) -> str:
    """Text cut to ``width`` characters with an ellipsis."""
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


class Places:
    """Names for the sections, blocks and recommendations of one briefing, as it is now."""

    def __init__(self, briefing: Briefing) -> None:
        self.briefing = briefing
        self.table_numbers: dict[str, int] = {}
        self._blocks: dict[str, str] = {}
        self._sections: dict[str, str] = {}
        for section in briefing.sections:
            where = f"“{short(section.heading)}”" if section.heading else "the summary"
            self._sections[section.id] = f"section {where}" if section.heading else "the summary"
            kinds: dict[str, int] = defaultdict(int)
            for block in section.blocks:
                kinds[block.kind] += 1
                if isinstance(block, Table):
                    self.table_numbers[block.id] = len(self.table_numbers) + 1
                    self._blocks[block.id] = f"Table {self.table_numbers[block.id]}"
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
        if ref.lost:
            where = self.describe_ref(replace(ref, lost=False, start=None, end=None))
            gone = "removed from the article"
            return f"{gone} (was {where})" if where not in ("", gone) else gone
        if not ref.block_id and not ref.section_id:
            if ref.field.startswith("meta."):
                return "the " + ref.field.removeprefix("meta.").replace("source.", "source ").replace(
                    "_", " "
                )
            return "the whole article"
        if not ref.block_id:
            return self._sections.get(ref.section_id, "removed from the article")
        place = self.describe_id(ref.block_id)
        if not place:
            return "removed from the article"
        parts = [place]
        if ref.field == "caption":
            parts.append("caption")
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
