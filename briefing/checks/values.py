"""Reading values out of text: dates, numbers with units, percentages and durations.

Shared by the column-kind rule (what kind is this cell?), the consistency rules (does the text give
the same figure as the table?) and the anachronism rule (when is the article set?).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

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
    re.compile(rf"\b{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+{_YEAR}\b", re.IGNORECASE),
    re.compile(rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH},?\s+{_YEAR}\b", re.IGNORECASE),
    re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>\d\d)-(?P<day>\d\d)\b"),
    re.compile(rf"\b{_MONTH}\s+{_YEAR}\b", re.IGNORECASE),
]
_M = "(?:" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_Y = r"(?:19|20)\d\d"
_FULL_DATE_CELL = re.compile(
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
_NUMBER_CELL = re.compile(rf"^{_APPROX}[$€£¥]?\s?{_NUMBER}{_SCALE}\+?$", re.IGNORECASE)
_PERCENT_CELL = re.compile(rf"^{_APPROX}{_NUMBER}\s*(?:%|percent|per cent|pct)$", re.IGNORECASE)
_DURATION_UNIT = r"(?:seconds?|secs?|s|minutes?|mins?|m|hours?|hrs?|h|days?|weeks?|months?|years?|yrs?)"
_DURATION_CELL = re.compile(
    rf"^{_APPROX}{_NUMBER}(?:\s*(?:-|–|to)\s*{_NUMBER})?\s*{_DURATION_UNIT}"
    rf"(?:,?\s+(?:and\s+)?{_NUMBER}\s*{_DURATION_UNIT})*$",
    re.IGNORECASE,
)
_UNIT_CELL = re.compile(
    rf"^{_APPROX}[$€£¥]?\s?{_NUMBER}{_SCALE}\s*(?P<unit>[a-zA-Z°µ/²³.]+(?:\s[a-zA-Z]+)?)$"
)
_YEAR_CELL = re.compile(r"^(?:19|20)\d\d$")
_PLACEHOLDER_CELL = re.compile(
    r"^(?:[-–—?]+|n/?a|na|none|tbd|tba|unknown|unconfirmed|not (?:known|disclosed)"
    r"|classified|various|varies|—|\*)$",
    re.IGNORECASE,
)

#: The kinds a table column can have.
KINDS = ("date", "number", "number+unit", "percentage", "duration", "year", "text")

#: Unit spellings that mean the same, for comparing a figure in the text with one in a table.
UNIT_SYNONYMS = {
    "km": "km",
    "kilometer": "km",
    "kilometers": "km",
    "kilometre": "km",
    "kilometres": "km",
    "mi": "mi",
    "mile": "mi",
    "miles": "mi",
    "m": "m",
    "meter": "m",
    "meters": "m",
    "metre": "m",
    "metres": "m",
    "kg": "kg",
    "kilogram": "kg",
    "kilograms": "kg",
    "t": "t",
    "ton": "t",
    "tons": "t",
    "tonne": "t",
    "tonnes": "t",
    "min": "min",
    "mins": "min",
    "minute": "min",
    "minutes": "min",
    "s": "s",
    "sec": "s",
    "secs": "s",
    "second": "s",
    "seconds": "s",
    "h": "h",
    "hr": "h",
    "hrs": "h",
    "hour": "h",
    "hours": "h",
    "%": "%",
    "percent": "%",
    "per cent": "%",
    "$": "usd",
    "usd": "usd",
    "dollars": "usd",
    "us$": "usd",
    "troops": "troops",
    "soldiers": "troops",
    "personnel": "troops",
}
_SCALES = {"thousand": 1e3, "k": 1e3, "million": 1e6, "m": 1e6, "billion": 1e9, "bn": 1e9, "trillion": 1e12}


@lru_cache(maxsize=1 << 16)
def cell_kind(text: str) -> str | None:
    """The kind of a table cell's value, or ``None`` for an empty or "n/a"-like cell."""
    text = text.strip()
    if not text or _PLACEHOLDER_CELL.match(text):
        return None
    if _YEAR_CELL.match(text):
        return "year"
    if _FULL_DATE_CELL.match(text):
        return "date"
    if _PERCENT_CELL.match(text):
        return "percentage"
    if _DURATION_CELL.match(text):
        return "duration"
    if _NUMBER_CELL.match(text):
        return "number"
    if _UNIT_CELL.match(text):
        return "number+unit"
    return "text"


_FIRST_NUMBER = re.compile(rf"({_NUMBER})\s*(thousand|million|billion|trillion|bn)?\b", re.IGNORECASE)


def parse_number(text: str) -> float | None:
    """The first number in the text, with a scale word applied ("1.2 million" -> 1200000.0)."""
    match = _FIRST_NUMBER.search(text)
    if not match:
        return None
    value = float(match.group(1).replace(",", "").replace("−", "-"))
    if match.group(2):
        value *= _SCALES[match.group(2).lower()]
    return value


@dataclass(frozen=True)
class DateMention:
    """A date found in text: where, and the day it means (the 1st for a month-and-year date)."""

    start: int
    end: int
    day: dt.date
    precise: bool


_HAS_YEAR = re.compile(r"(?:19|20)\d\d")


def find_dates(text: str) -> list[DateMention]:
    """Dates with a year in running text: "April 5, 2024", "5 April 2024", "2024-04-05", "April 2024"."""
    found: list[DateMention] = []
    if not _HAS_YEAR.search(text):
        return found
    taken: list[tuple[int, int]] = []
    for precise, pattern in zip((True, True, True, False), _DATE_PATTERNS, strict=True):
        for match in pattern.finditer(text):
            if any(a < match.end() and match.start() < b for a, b in taken):
                continue
            day = _to_date(match)
            if day is not None:
                found.append(DateMention(match.start(), match.end(), day, precise))
                taken.append((match.start(), match.end()))
    return sorted(found, key=lambda d: d.start)


_SLASH_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/((?:19|20)\d\d)$")


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


_UNITS = "|".join(
    sorted((re.escape(u) for u in UNIT_SYNONYMS if u not in ("$", "us$")), key=len, reverse=True)
)
_NUMBER_WITH_UNIT = re.compile(
    rf"(?<![\w.,])(?P<cur>\$|US\$)?(?P<num>{_NUMBER})\s*(?P<scale>thousand|million|billion|bn)?\s*(?P<unit>{_UNITS})?"
    r"(?![\w%])",
    re.IGNORECASE,
)


def numbers_with_units(text: str) -> list[tuple[int, int, float, str]]:
    """``(start, end, value, unit)`` for each number followed by a known unit in running text."""
    found = []
    for match in _NUMBER_WITH_UNIT.finditer(text):
        unit = "usd" if match.group("cur") else UNIT_SYNONYMS.get((match.group("unit") or "").lower(), "")
        if not unit:
            continue
        value = float(match.group("num").replace(",", "").replace("−", "-"))
        if match.group("scale"):
            value *= _SCALES[match.group("scale").lower()]
        found.append((match.start(), match.end(), value, unit))
    return found
