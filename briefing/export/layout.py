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

from .. import patterns

#: Average width of one character of 10 pt Calibri/Carlito, in dxa (≈ 0.5 em, a little generous).
CHAR_WIDTH = 100
#: A column's longest word gets this much extra room, so a word wider than average stays whole.
WORD_MARGIN = 1.15
#: What is left of that extra room when a table is too wide for it (a bold word wider than average
#: still fits).
TIGHT_MARGIN = 1.06
#: Left plus right cell margin (Word's default 0.075 in each side).
CELL_PADDING = 216
#: No column narrower than this, even an empty one (0.3 in).
MIN_COLUMN = 432
#: Text longer than this counts as this long when asking for room (a paragraph in a cell wraps anyway).
LONG_TEXT = 60

_NUMBER = patterns.compile(
    r"^[(\-+−–]?\s*+[$€£¥]?\s*+\d[\d,.\u202f\u00a0 ]*+\s*+(%|[kKmM]|bn|m|k|km|kg|t|x|×)?\)?$"
)


#: The characters a number (:data:`_NUMBER`) can begin with.
_NUMBER_STARTS = frozenset("(-+−–$€£¥0123456789")


def is_number(text: str) -> bool:
    """Whether a cell holds a number (``1,100``, ``-4.5%``, ``$3.2bn``, ``(12)``), not a date or a phrase."""
    text = text.strip()
    return bool(text) and len(text) <= 24 and bool(_NUMBER.match(text))


def numeric_columns(rows: Sequence[Sequence[str]], column_count: int) -> list[bool]:
    """Columns most of whose non-empty body cells are numbers (those are right-aligned): one "n/a" or
    "–" among figures does not turn the alignment of the whole column off."""
    filled = [0] * column_count
    numbers = [0] * column_count
    match, starts = _NUMBER.match, _NUMBER_STARTS
    for row in rows:
        for index, cell in enumerate(row[:column_count]):
            text = cell.strip()
            if text:
                filled[index] += 1
                # is_number, with a first test on the first character that settles most text cells
                if text[0] in starts and len(text) <= 24 and match(text):
                    numbers[index] += 1
    return [n * 2 > f for n, f in zip(numbers, filled, strict=True)]


#: A word up to this long is kept whole even where it has a hyphen or a slash ("A-001", "2024-04-05",
#: "and/or"): Word would break it there, and an identifier or a date broken in two reads wrong.
MAX_WHOLE_WORD = 16
#: Where a longer word may break: after hyphens, dashes and slashes.
_BREAKS = patterns.compile(r"(?<=[-–—/])")


def longest_word_length(text: str) -> int:
    """The length of the longest stretch of ``text`` that should not break across lines."""
    longest = 0
    for word in text.split():
        length = len(word)
        if length > MAX_WHOLE_WORD:
            length = max(len(part) for part in _BREAKS.split(word))
        if length > longest:
            longest = length
    return longest


@lru_cache(maxsize=256)
def _longer_word(length: int) -> re.Pattern[str]:
    """Finds a word longer than ``length``: a cheap test that is true whenever
    :func:`longest_word_length` exceeds ``length`` (so a cell without one needs no measuring)."""
    return re.compile(f"\\S{{{length + 1}}}")


def column_widths(
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    column_count: int,
    total: int,
    char_width: int = 0,
) -> list[int]:
    """Widths summing to ``total`` that keep every column's longest word whole where the page allows
    (:func:`measure` then :func:`fit`)."""
    need, wish = measure(header, rows, column_count, char_width)
    return fit(need, wish, total)


def measure(
    header: Sequence[str], rows: Sequence[Sequence[str]], column_count: int, char_width: int = 0
) -> tuple[list[int], list[int]]:
    """Each column's need (its longest word on one line) and wish (its longest text on one line), in dxa.

    ``char_width`` is the average width of one character of the table's font (0: :data:`CHAR_WIDTH`,
    right for 10 pt). Measured in characters first: a cell no longer than its column's longest word
    so far cannot hold a longer word, so most cells of a big table cost one len() each.
    """
    char_width = char_width or CHAR_WIDTH
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
                need_chars[index] = max(need_chars[index], longest_word_length(cell))
    bold = 1.08  # the header row is bold, a little wider
    need = [
        _dxa(max(h * bold, b), char_width, WORD_MARGIN) for h, b in zip(head_need, need_chars, strict=True)
    ]
    wish = [
        _dxa(min(max(h * bold, b), LONG_TEXT), char_width) for h, b in zip(head_wish, wish_chars, strict=True)
    ]
    wish = [max(w, n) for w, n in zip(wish, need, strict=True)]
    return need, wish


def fit(need: Sequence[int], wish: Sequence[int], total: int) -> list[int]:
    """Widths summing to ``total``, like a browser's automatic table layout: columns get their wish
    when it fits, else the room between need and wish is shared in proportion; only when even the
    needs do not fit (the caller tried a landscape page first) are they squeezed."""
    if not need:
        return []
    if sum(wish) <= total:
        return _round_to_total(_scale(wish, total), total)
    low: list[float] = list(need)
    high: list[float] = list(wish)
    if sum(low) >= total:
        # the margin each longest word was given goes first, before any word is squeezed
        tight = TIGHT_MARGIN / WORD_MARGIN
        low, high = [max(MIN_COLUMN, (n - CELL_PADDING) * tight + CELL_PADDING) for n in need], low
        if sum(low) >= total:
            return _round_to_total(_capped(low, total), total)
    spare = total - sum(low)
    room = sum(high) - sum(low)
    widths = [n + (w - n) * spare / room for n, w in zip(low, high, strict=True)]
    return _round_to_total(widths, total)


def _dxa(chars: float, char_width: int, factor: float = 1.0) -> int:
    """The width of ``chars`` characters of table text, cell margins included."""
    return max(MIN_COLUMN, int(chars * char_width * factor) + CELL_PADDING) if chars else MIN_COLUMN


def _capped(needs: Sequence[float], total: int) -> list[float]:
    """Widths summing to ``total`` when even the needs do not fit: the widest columns are cut down to
    one common width and the others keep their words whole, so the fewest words break (shrinking all
    alike would break a word in every column)."""
    ordered = sorted(needs)
    before = 0.0  # the sum of the needs below the cap
    for index, need in enumerate(ordered):
        cap = (total - before) / (len(ordered) - index)
        if need >= cap:
            return [min(n, cap) for n in needs]
        before += need
    return _scale(needs, total)  # pragma: no cover (the needs fit after all)


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


#: The height of one line of table text per dxa of character width (10 pt text, single spacing: about
#: 12.2 pt a line for 5 pt a character), and a row's top and bottom padding and rule.
LINE_PER_CHAR_WIDTH = 2.45
ROW_PADDING = 60
#: Words wrap before the line is full; a line holds about this share of its width in text.
WRAP_FILL = 0.85


def estimated_height(
    header: Sequence[str], rows: Sequence[Sequence[str]], widths: Sequence[int], char_width: int = 0
) -> int:
    """How tall a table will be (dxa), from the lines each row's fullest cell wraps to: enough to tell
    whether it fits on one page, which decides whether it is kept together (a table taller than a page
    kept together only moves to the next page and leaves this one empty)."""
    char_width = char_width or CHAR_WIDTH
    line = int(char_width * LINE_PER_CHAR_WIDTH)
    per_line = [max(1, int((width - CELL_PADDING) * WRAP_FILL / char_width)) for width in widths]
    total = 0
    for row in [header, *rows] if header else rows:
        lines = 1
        for cell, room in zip(row, per_line, strict=False):
            needed = sum(-(-len(part) // room) or 1 for part in cell.split("\n"))
            lines = max(lines, needed)
        total += lines * line + ROW_PADDING
    return total
