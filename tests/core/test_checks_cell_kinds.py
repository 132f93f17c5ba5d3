"""The kind of a table cell (what the column rules and the consistency rules read first): one combined
pattern must classify every cell as the kinds' own patterns, tried one by one in order, do."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.checks import values
from briefing.checks.values import cell_kind


def _one_by_one(text: str) -> str | None:
    text = text.strip()
    if not text or values._PLACEHOLDER_CELL.match(text):
        return None
    for kind, pattern in values._FIGURE_CELLS.items():
        if pattern.match(text):
            return kind.replace("_", "+")
    return "text"


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("2024", "year"),
        ("2024-04-05", "date"),
        ("April 5, 2024", "date"),
        ("Q3 2025", "date"),
        ("~12.5%", "percentage"),
        ("3-5 days", "duration"),
        ("US$ 4", "text"),
        ("$4.2 billion", "number"),
        ("1,250", "number"),
        ("450 km", "number+unit"),
        ("n/a", None),
        ("", None),
        ("Pyongyang", "text"),
        ("est. 450", "text"),
    ],
)
def test_cells_of_each_kind(text, kind):
    assert cell_kind(text) == kind == _one_by_one(text)


PIECES = st.sampled_from(
    ["1", "12", "2024", "1,250", "3.5", "-", "–", "%", " ", "km", "days", "and", "about ", "$", "bn", "Q3",
     "April", "5th", ",", "/", "to", "m", "per cent", "+", "~", "hours", "n/a", "Mon", "day", "x"]
)  # fmt: skip


@settings(max_examples=1500, deadline=None)
@given(st.lists(PIECES, min_size=1, max_size=7).map("".join))
def test_the_combined_pattern_agrees_with_the_patterns_one_by_one(text):
    cell_kind.cache_clear()
    assert cell_kind(text) == _one_by_one(text)
