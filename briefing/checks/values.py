"""Reading values out of text and cells: dates, and the kind of value a table cell holds.

Shared by the column-kind rule (what kind is this cell?), the consistency rules (which cells hold a
figure or a date?) and the anachronism rule (when is the article set?). Figures with their units and
scales are read by :mod:`.quantities`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from .. import patterns

_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_DATE_PATTERNS = [
    patterns.compile(rf"\b{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+{_YEAR}\b", re.IGNORECASE),
    patterns.compile(rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH},?\s+{_YEAR}\b", re.IGNORECASE),
    patterns.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>\d\d)-(?P<day>\d\d)\b"),
    patterns.compile(rf"\b{_MONTH}\s+{_YEAR}\b", re.IGNORECASE),
]
_M = "(?:" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_Y = r"(?:19|20)\d\d"
_FULL_DATE_CELL = patterns.compile(
    rf"^(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?(?:{_M}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+{_Y}"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+{_M},?\s+{_Y}|{_Y}-\d\d-\d\d|\d{{1,2}}/\d{{1,2}}/{_Y}"
    rf"|{_M}\s+\d{{1,2}}(?:st|nd|rd|th)?|\d{{1,2}}(?:st|nd|rd|th)?\s+{_M}|{_M},?\s+{_Y}|Q[1-4]\s+{_Y})$",
    re.IGNORECASE,
)
_NUMBER = r"[-+−]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_APPROX = (
    r"(?:~|≈|about |around |approx(?:\.|imately)? |some |nearly |roughly |over |under |up to |more than "
    r"|less than )?"
)
_SCALE = r"(?:\s*(?:thousand|million|billion|trillion|bn|m|k))?"
_NUMBER_CELL = patterns.compile(rf"^{_APPROX}[$€£¥]?\s?{_NUMBER}{_SCALE}\+?$", re.IGNORECASE)
_PERCENT_CELL = patterns.compile(rf"^{_APPROX}{_NUMBER}\s*(?:%|percent|per cent|pct)$", re.IGNORECASE)
_DURATION_UNIT = r"(?:seconds?|secs?|s|minutes?|mins?|m|hours?|hrs?|h|days?|weeks?|months?|years?|yrs?)"
_DURATION_CELL = patterns.compile(
    rf"^{_APPROX}{_NUMBER}(?:\s*(?:-|–|to)\s*{_NUMBER})?\s*{_DURATION_UNIT}"
    rf"(?:,?\s+(?:and\s+)?{_NUMBER}\s*{_DURATION_UNIT})*$",
    re.IGNORECASE,
)
_UNIT_CELL = patterns.compile(
    rf"^{_APPROX}[$€£¥]?\s?{_NUMBER}{_SCALE}\s*(?P<unit>[a-zA-Z°µ/²³.]+(?:\s[a-zA-Z]+)?)$"
)
_YEAR_CELL = patterns.compile(r"^(?:19|20)\d\d$")
_DIGIT = patterns.compile(r"\d")
_PLACEHOLDER_CELL = patterns.compile(
    r"^(?:[-–—?]+|n/?a|na|none|tbd|tba|unknown|unconfirmed|not (?:known|disclosed)"
    r"|classified|various|varies|—|\*)$",
    re.IGNORECASE,
)


def _whole(kind: str, pattern: re.Pattern[str]) -> str:
    body = pattern.pattern.removeprefix("^").removesuffix("$")
    return f"(?P<{kind}>(?i:{body}))" if pattern.flags & re.IGNORECASE else f"(?P<{kind}>{body})"


#: The kinds of cells that hold a figure, in the order they are tried: one pattern, one match per
#: cell (the first alternative that spans the whole cell wins, as the patterns tried one by one did).
_FIGURE_CELLS = {
    "year": _YEAR_CELL,
    "date": _FULL_DATE_CELL,
    "percentage": _PERCENT_CELL,
    "duration": _DURATION_CELL,
    "number": _NUMBER_CELL,
    "number_unit": _UNIT_CELL,
}
_FIGURE_CELL = patterns.compile("^(?:" + "|".join(_whole(k, p) for k, p in _FIGURE_CELLS.items()) + ")$")
_FIGURE_KIND = {kind: kind.replace("_", "+") for kind in _FIGURE_CELLS}

#: The kinds a table column can have.
KINDS = ("date", "number", "number+unit", "percentage", "duration", "year", "text")


#: A number or a percentage and nothing else, as most figure cells are. The whole pattern tries the
#: other kinds first, at several times the cost, and of them only a year can fit such a cell (a date
#: needs a letter, or a "-" or "/" after its first digits; a duration and a unit need a letter).
_BARE_FIGURE = patterns.compile(rf"^{_NUMBER}(?P<percent>\s*%)?$")


@lru_cache(maxsize=1 << 16)
def cell_kind(text: str) -> str | None:
    """The kind of a table cell's value, or ``None`` for an empty or "n/a"-like cell."""
    text = text.strip()
    bare = _BARE_FIGURE.match(text)
    if bare is not None:
        return "percentage" if bare.group("percent") else "year" if _YEAR_CELL.match(text) else "number"
    if not _DIGIT.search(text):  # placeholders hold no figure, and every kind but text does
        return None if not text or _PLACEHOLDER_CELL.match(text) else "text"
    match = _FIGURE_CELL.match(text)
    return "text" if match is None else _FIGURE_KIND[match.lastgroup or ""]


#: The one-character code of each kind in :class:`CellKinds` (``None``, an empty cell: "-").
CODES = {None: "-", "date": "d", "number": "n", "number+unit": "u", "percentage": "p", "duration": "h"}
CODES |= {"year": "y", "text": "t"}
KIND_OF_CODE = {code: kind for kind, code in CODES.items()}


@dataclass(frozen=True)
class CellKinds:
    """The kind of every body cell of a table (:func:`cell_kind`), one character per cell, rows padded
    to the widest: several rules read every cell's kind, and lists of kinds per row took 10 MB for a
    600,000-cell article where this takes 0.6 MB."""

    width: int
    codes: str

    @classmethod
    def of(cls, rows: list[list[str]]) -> CellKinds:
        """The kinds of these rows' cells."""
        width = max(map(len, rows), default=0)
        pad = "-" * width
        code = CODES.__getitem__
        return cls(width, "".join(("".join(map(code, map(cell_kind, row))) + pad)[:width] for row in rows))

    def __call__(self, row: int, column: int) -> str | None:
        """The kind of one cell (``None`` for an empty or "n/a"-like one, or one past its row's end)."""
        return KIND_OF_CODE[self.codes[row * self.width + column]] if column < self.width else None

    def column(self, column: int, rows: list[int]) -> str:
        """The codes of one column's cells in ``rows`` (row indexes, each once, in order): a rule that
        reads a whole column counts and finds codes in one string instead of asking cell by cell."""
        if column >= self.width:
            return "-" * len(rows)
        codes = self.codes[column :: self.width]
        return codes if len(rows) == len(codes) else "".join(codes[row] for row in rows)


@dataclass(frozen=True)
class DateMention:
    """A date found in text: where, and the day it means (the 1st for a month-and-year date)."""

    start: int
    end: int
    day: dt.date
    precise: bool


_HAS_YEAR = patterns.compile(r"(?:19|20)\d\d")
#: Where a month name of :data:`_MONTHS` may start, in lower-case text: each starts with one of these.
_MONTH_START = patterns.compile("(?=" + "|".join(sorted({name[:3] for name in _MONTHS})) + ")")
#: The only characters but ASCII letters that a case-blind pattern matches to an ASCII letter: U+0130
#: and U+0131 to "i", U+017F to "s", U+212A (the Kelvin sign) to "k".
_TO_ASCII = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})


def _folded(text: str) -> str:
    """``text.translate(_TO_ASCII).lower()``, without ``translate`` where it changes nothing: it looks
    every character up in the table, which cost more than the month search it prepares."""
    if not text.isascii():
        for char, ascii_letter in _TO_ASCII.items():
            if chr(char) in text:
                text = text.replace(chr(char), ascii_letter)
    return text.lower()


def _month_starts(text: str) -> list[int] | None:
    """Where a month name may start in ``text`` (a "jan", "feb", … in any case), or ``None`` when a
    letter's lower case is longer and offsets cannot be told."""
    folded = _folded(text)
    if len(folded) != len(text):
        return None
    return [match.start() for match in _MONTH_START.finditer(folded)]


def _matches_at(pattern: re.Pattern[str], text: str, starts: list[int] | None) -> Iterator[re.Match[str]]:
    """What ``pattern.finditer(text)`` yields, for a pattern whose every match starts at one of
    ``starts`` (all of them, in order) and none is empty: tried there only (``None``: everywhere)."""
    if starts is None:
        yield from pattern.finditer(text)
        return
    done = 0
    for at in starts:
        if at >= done and (match := pattern.match(text, at)) is not None:
            done = match.end()
            yield match


def find_dates(text: str) -> list[DateMention]:
    """Dates with a year in running text: "April 5, 2024", "5 April 2024", "2024-04-05", "April 2024"."""
    found: list[DateMention] = []
    if not _HAS_YEAR.search(text):
        return found
    # Two patterns start with a month name: they are tried where one may start, not at every character
    # (which cost more than the rest of the dates check). The others need a month name or a dash.
    months = _month_starts(text)
    taken: list[tuple[int, int]] = []
    for index, (precise, pattern) in enumerate(zip((True, True, True, False), _DATE_PATTERNS, strict=True)):
        if index in (0, 3):
            matches = _matches_at(pattern, text, months)
        elif (index == 1 and months == []) or (index == 2 and "-" not in text):
            continue
        else:
            matches = pattern.finditer(text)
        for match in matches:
            if any(a < match.end() and match.start() < b for a, b in taken):
                continue
            day = _to_date(match)
            if day is not None:
                found.append(DateMention(match.start(), match.end(), day, precise))
                taken.append((match.start(), match.end()))
    return sorted(found, key=lambda d: d.start)


_SLASH_DATE = patterns.compile(r"^(\d{1,2})/(\d{1,2})/((?:19|20)\d\d)$")


def cell_date(text: str) -> dt.date | None:
    """The date a date-kind cell gives (its year must be there)."""
    mentions = find_dates(text)
    if mentions:
        return mentions[0].day
    match = _SLASH_DATE.match(text.strip())
    if match:
        month, day, year = (int(g) for g in match.groups())
        try:
            return dt.date(year, month, day)
        except ValueError:
            return None
    return None


def _to_date(match: re.Match[str]) -> dt.date | None:
    month_text = match.group("month")
    month = int(month_text) if month_text.isdigit() else _MONTHS.get(month_text.lower().rstrip("."))
    day = int(match.groupdict().get("day") or 1)
    try:
        return dt.date(int(match.group("year")), month or 0, day)
    except ValueError:
        return None
