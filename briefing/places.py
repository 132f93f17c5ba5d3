"""Naming places in a briefing for people: "Table 2", "paragraph 3 in “Implications…”", "the summary".

Findings, the corrections log and the Word appendix all point at ids; readers should never see an id.
"""

from __future__ import annotations

import re
from collections import defaultdict

from .model import Briefing, Table

_ID = re.compile(r"[a-z]{1,3}\d+")


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

    def describe_target(self, target: str) -> str:
        """A change-log target ("s3/b7 row 2") in words ("Table 1, row 2").

        The innermost id still in the briefing names the place, so a removed block falls back to its
        section; a target naming nothing left is "removed from the article".
        """
        path, _, detail = target.strip().partition(" ")
        for item_id in reversed(path.split("/")):
            place = self.describe_id(item_id)
            if place:
                return f"{place}, {detail}" if detail else place
        if _ID.fullmatch(path.split("/")[-1] if path else ""):
            return "removed from the article"
        return target or "the whole article"
