"""Table layout decided from content alone: column widths that fit the page, which columns are numbers,
and a caption when the article gave none. Pure functions over strings, so they are cheap to test.

Widths are in twentieths of a point (dxa), Word's table unit. Text is measured by an average character
width rather than real font metrics: good enough to keep short words whole and give long text room,
and it costs one pass over the cells (a 600 000-cell table is measured in well under a second).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

#: Average width of one character of 10 pt Calibri/Carlito, in dxa (≈ 0.5 em, a little generous).
CHAR_WIDTH = 100
#: A column's longest word gets this much extra room, so a word wider than average stays whole.
WORD_MARGIN = 1.15
#: Left plus right cell margin (Word's default 0.075 in each side).
CELL_PADDING = 216
#: No column narrower than this, even an empty one (0.3 in).
MIN_COLUMN = 432
#: Text longer than this counts as this long when asking for room (a paragraph in a cell wraps anyway).
LONG_TEXT = 60

_NUMBER = re.compile(
    r"^[(\-+−–]?\s*+[$€£¥]?\s*+\d[\d,.\u202f\u00a0 ]*+\s*+(%|[kKmM]|bn|m|k|km|kg|t|x|×)?\)?$"
)


def is_number(text: str) -> bool:
    """Whether a cell holds a number (``1,100``, ``-4.5%``, ``$3.2bn``, ``(12)``), not a date or a phrase."""
    text = text.strip()
    return bool(text) and len(text) <= 24 and bool(_NUMBER.match(text))


def numeric_columns(rows: Sequence[Sequence[str]], column_count: int) -> list[bool]:
    """Columns whose every non-empty body cell is a number (those are right-aligned)."""
    seen = [False] * column_count
    numeric = [True] * column_count
    for row in rows:
        for index, cell in enumerate(row[:column_count]):
            if not numeric[index] or not cell.strip():
                continue
            seen[index] = True
            if not is_number(cell):
                numeric[index] = False
    return [n and s for n, s in zip(numeric, seen, strict=True)]


#: Where a line may break besides spaces: after hyphens, dashes and slashes.
_BREAKS = re.compile(r"(?<=[-–—/])|\s+")


def longest_word_length(text: str) -> int:
    """The length of the longest stretch of ``text`` a line cannot break inside."""
    return max((len(part) for part in _BREAKS.split(text)), default=0)


@lru_cache(maxsize=256)
def _longer_word(length: int) -> re.Pattern[str]:
    """Finds a stretch longer than ``length`` that a line cannot break inside: ``length`` characters
    that are not breaks, then one more that is not a space (a hyphen ends a stretch, and counts in it).
    One regex scan per cell instead of splitting it, for the many cells that hold no longer word."""
    return re.compile(f"[^\\s\\-–—/]{{{length}}}\\S")


def column_widths(
    header: Sequence[str], rows: Sequence[Sequence[str]], column_count: int, total: int
) -> list[int]:
    """Widths summing to ``total`` that keep every column's longest word whole where the page allows.

    Like a browser's automatic table layout: each column needs at least its longest word and would like
    its longest text on one line; columns get their wish when it fits, else the room between need and
    wish is shared in proportion.
    """
    if column_count <= 0:
        return []
    # Measured in characters first: a cell no longer than its column's longest word so far cannot hold
    # a longer word, so most cells of a big table cost one len() each.
    head_need, head_wish = [0] * column_count, [0] * column_count
    for index, cell in enumerate(header[:column_count]):
        head_need[index], head_wish[index] = longest_word_length(cell), len(cell)
    need_chars, wish_chars = [0] * column_count, [0] * column_count
    for row in rows:
        for index, cell in enumerate(row[:column_count]):
            length = len(cell)
            if length > wish_chars[index]:
                wish_chars[index] = length
            if length > need_chars[index] and _longer_word(need_chars[index]).search(cell):
                need_chars[index] = longest_word_length(cell)
    bold = 1.08  # the header row is bold, a little wider
    need = [_dxa(max(h * bold, b), WORD_MARGIN) for h, b in zip(head_need, need_chars, strict=True)]
    wish = [_dxa(min(max(h * bold, b), LONG_TEXT)) for h, b in zip(head_wish, wish_chars, strict=True)]
    wish = [max(w, n) for w, n in zip(wish, need, strict=True)]
    if sum(wish) <= total:
        widths = _scale(wish, total)
    elif sum(need) >= total:
        widths = _scale(need, total)
    else:
        spare = total - sum(need)
        room = sum(wish) - sum(need)
        widths = [n + (w - n) * spare / room for n, w in zip(need, wish, strict=True)]
    return _round_to_total(widths, total)


def _dxa(chars: float, factor: float = 1.0) -> int:
    """The width of ``chars`` characters of table text, cell margins included."""
    return max(MIN_COLUMN, int(chars * CHAR_WIDTH * factor) + CELL_PADDING) if chars else MIN_COLUMN


def _scale(values: Sequence[float], total: int) -> list[float]:
    factor = total / sum(values)
    return [value * factor for value in values]


def _round_to_total(values: Sequence[float], total: int) -> list[int]:
    rounded = [int(value) for value in values]
    rounded[-1] += total - sum(rounded)
    return rounded


def default_caption(header: Sequence[str], heading: str = "") -> str:
    """A caption from the header row ("Launch Date, Missile Type and Range (km)"), else the section."""
    names = [name.strip() for name in header if name.strip()]
    unique = list(dict.fromkeys(names))
    if len(unique) > 4:
        return f"{', '.join(unique[:3])} and other details"
    if len(unique) > 1:
        return f"{', '.join(unique[:-1])} and {unique[-1]}"
    if unique:
        return unique[0]
    return heading or "Data from the article"
