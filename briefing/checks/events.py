"""The date of one event given two ways: "the Geneva summit on 12 June" and "the 14 June summit in
Geneva", or a table's date for a row that names the event.

An event is a noun of the kind that happens on a day (summit, election, vote, launch, visit …) with the
words that name it: the capitalised names and the number just before it ("the G7 summit", "the Geneva
talks", "the second round") and a place after "in" ("the summit in Geneva"). Its date is the day given
next to it: "on 12 June", "for June 14, 2025", "the 12 June vote". Two mentions of one event with two
days contradict each other; an event spoken of with "last", "next", "first", "another", "annual", a
plural ("summits") or a change of date ("postponed", "moved to") is left out, and so is a day with no
month. Only a person knows which date is right; the finding names both places.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from .. import patterns
from ..model import Table
from ..refs import Ref
from .context import CheckContext, TextUnit

#: Events an article usually speaks of one of: a summit, an election. Tests, strikes, meetings and
#: votes come in series, and two of them on two days are no contradiction.
_EVENTS = "summit|election|referendum|inauguration|ceasefire|deadline|signing|handover|conference|congress"
_MONTH_WORDS = (
    "January|February|March|April|May|June|July|August|September|October|November|December|"
    "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
)
_MONTHS = {
    name.lower(): number
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
_DAY = (
    rf"(?P<day>(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m1>{_MONTH_WORDS})\.?(?:,?\s+(?P<y1>(?:19|20)\d\d))?"
    rf"|(?P<m2>{_MONTH_WORDS})\.?\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<y2>(?:19|20)\d\d))?)"
    r"(?![\w])"
)
#: The words that name an event: up to three capitalised words or numbers ("G7", "NATO", "Geneva").
_NAME = r"(?P<name>(?:(?<![\w-])(?:[A-Z][\w-]{0,30}|\d{1,4}(?:st|nd|rd|th)?)\s+){0,3})"
#: "the G7 summit on 12 June", "the election, set for 3 May 2026", "talks scheduled for June 14"
_EVENT_THEN_DAY = patterns.compile(
    rf"\b(?:the\s+|a\s+|its\s+|their\s+)?{_NAME}(?P<event>{_EVENTS})\b(?P<place>\s+in\s+[A-Z][\w-]{{0,30}})?"
    r",?\s+(?:(?:is|was|will\s+be|has\s+been|had\s+been)\s+)?"
    r"(?:(?:held|scheduled|set|due|planned|slated|called|fixed|opening|starting|beginning|taking\s+place|"
    r"took\s+place|takes\s+place|begins|began|opens|opened|starts|started)\s+)?"
    rf"(?:on|for)\s+(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?\s+)?{_DAY}",
)
#: "the 12 June summit", "the June 12 vote in Geneva"
_DAY_THEN_EVENT = patterns.compile(
    rf"\bthe\s+{_DAY}\s+{_NAME}(?P<event>{_EVENTS})\b(?P<place>\s+in\s+[A-Z][\w-]{{0,30}})?"
)
#: An event of several, or whose date changed: its mentions may well give different days.
_NOT_ONE = patterns.compile(
    r"\b(?:last|next|previous|first|second|third|another|other|each|every|annual|yearly|both|two|three|"
    r"several|earlier|later|postpon\w*|delay\w*|moved|rescheduled|brought\s+forward|pushed\s+back|"
    r"originally|initially|instead|new\s+date|rounds?)\b",
    re.IGNORECASE,
)
_EVENT_WORD = patterns.compile(rf"\b(?:{_EVENTS})\b", re.IGNORECASE)
#: Cheap screens, before the patterns above: the prose patterns match an event word in lower case, and
#: every month word starts with one of these capitalised abbreviations.
_EVENT_NAMES = tuple(_EVENTS.split("|"))
_MONTH_START = patterns.compile(r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)")
_HAS_DAY = patterns.compile(rf"\b(?:{_MONTH_WORDS})\.?\s+\d|\d(?:st|nd|rd|th)?\s+(?:{_MONTH_WORDS})\b")
_DATE_HEADER = patterns.compile(r"^\s*(?:date|day|when|scheduled(?:\s+date)?|held\s+on)\s*$", re.IGNORECASE)


def _may_name_event(text: str) -> bool:
    """Whether any cell of a table's joined text may hold an event word (a row label is a cell): the
    label of every row is picked out only then. ASCII text is screened with plain substring tests,
    cheaper than the case-blind pattern, which matches an ASCII word only to ASCII letters there."""
    if not text.isascii():
        return True
    lowered = text.lower()
    return any(map(lowered.__contains__, _EVENT_NAMES))


@dataclass
class EventDate:
    """One mention of an event with its day."""

    name: str
    day: tuple[int, int, int | None]
    written: str
    #: The day as written, and where it is in the unit's text (or the cell).
    date: str
    date_start: int
    date_end: int
    target: Ref
    unit: TextUnit | None
    block_id: str
    position: tuple[int, int, int]


def _day(match: re.Match[str]) -> tuple[int, int, int | None] | None:
    day = match.group("d1") or match.group("d2")
    month = match.group("m1") or match.group("m2")
    year = match.group("y1") or match.group("y2")
    if not day or not month:
        return None
    number = _MONTHS.get(month.lower().rstrip("."))
    if number is None:
        return None
    try:
        dt.date(int(year) if year else 2000, number, int(day))
    except ValueError:
        return None
    return int(day), number, int(year) if year else None


def _key(match: re.Match[str]) -> str:
    words = [w for w in (match.group("name") or "").split() if w not in ("The", "A", "On", "In")]
    place = (match.group("place") or "").split()[-1:] if match.group("place") else []
    return " ".join([*words, match.group("event").lower(), *(["in", *place] if place else [])])


def event_dates(ctx: CheckContext) -> list[EventDate]:
    """Every event mentioned with its day, in the prose and in tables with a date column."""
    found: list[EventDate] = []
    for unit in ctx.units:
        text = unit.text
        if not any(map(text.__contains__, _EVENT_NAMES)) or not _MONTH_START.search(text):
            continue
        if not _EVENT_WORD.search(text) or not _HAS_DAY.search(text):
            continue
        for start, end in unit.sentences:
            sentence = text[start:end]
            if _NOT_ONE.search(sentence):
                continue
            for pattern in (_EVENT_THEN_DAY, _DAY_THEN_EVENT):
                for match in pattern.finditer(sentence):
                    day = _day(match)
                    if day is None:
                        continue
                    a, b = start + match.start(), start + match.end()
                    found.append(
                        EventDate(
                            _key(match),
                            day,
                            text[a:b],
                            match.group("day"),
                            start + match.start("day"),
                            start + match.end("day"),
                            unit.target(a, b),
                            unit,
                            unit.block.id,
                            (ctx.positions.get(unit.block.id, 0), unit.item or 0, a),
                        )
                    )
    for section, table in ctx.tables:
        date_columns = [c for c, h in enumerate(table.header) if _DATE_HEADER.match(h)]
        if len(date_columns) != 1:
            continue
        (column,) = date_columns
        if not _may_name_event(ctx.table_text[table.id]):
            continue
        # Each row's label: its first filled cell besides the date. Only labels are searched for an
        # event word (searching the whole table's text took most of this rule's time).
        labels = [
            next((cell for c, cell in enumerate(row) if c != column and cell.strip()), "")
            if column < len(row)
            else ""
            for row in table.rows
        ]
        if not _EVENT_WORD.search("\x1f".join(labels)):
            continue
        for index, row in enumerate(table.rows):
            if column >= len(row) or not row:
                continue
            label = labels[index]
            event = _EVENT_WORD.search(label)
            written = re.fullmatch(rf"\s*{_DAY}\s*", row[column])
            if not event or not written or _NOT_ONE.search(label):
                continue
            parsed = _day(written)
            if parsed is None:
                continue
            name = " ".join(
                w for w in label.split() if w[:1].isupper() or w.lower() == event.group(0).lower()
            )
            words = [w for w in name.split() if w.lower() != event.group(0).lower()]
            found.append(
                EventDate(
                    " ".join([*words, event.group(0).lower()]),
                    parsed,
                    row[column].strip(),
                    row[column],
                    0,
                    len(row[column]),
                    Ref(section.id, table.id, row=index, column=column),
                    None,
                    table.id,
                    (ctx.positions.get(table.id, 0), index, column),
                )
            )
    # An event a table lists on several rows is a series of them, not one.
    series = Counter((e.block_id, e.name) for e in found if e.unit is None)
    repeated = {name for (_, name), count in series.items() if count > 1}
    found = [e for e in found if e.name not in repeated]
    found.sort(key=lambda e: e.position)
    return found


def _same_day(a: tuple[int, int, int | None], b: tuple[int, int, int | None]) -> bool:
    return a[:2] == b[:2] and (a[2] is None or b[2] is None or a[2] == b[2])


def conflicting_dates(ctx: CheckContext) -> Iterator[tuple[EventDate, EventDate]]:
    """``(here, there)`` for each mention whose day differs from the first mention of its event."""
    first: dict[str, EventDate] = {}
    for mention in event_dates(ctx):
        earlier = first.setdefault(mention.name, mention)
        if earlier is mention or _same_day(earlier.day, mention.day):
            continue
        unit = mention.unit
        if unit is not None and earlier.unit is unit:
            if any(s <= earlier.date_start < e and s <= mention.date_start < e for s, e in unit.sentences):
                continue  # one sentence: "the vote on 3 May, not 5 May"
        here, there = mention, earlier
        if mention.unit is None and earlier.unit is not None:
            here, there = earlier, mention  # the text, not the table
        yield here, there


def place(ctx: CheckContext, mention: EventDate) -> str:
    """Where a mention is, in words."""
    if mention.unit is None:
        words = ctx.places.describe_ref(
            Ref(mention.target.section_id, mention.target.block_id, row=mention.target.row)
        )
        block = ctx.briefing.find_block(mention.block_id)
        header = block.header if isinstance(block, Table) else []
        column = mention.target.column or 0
        return (
            f"{words}, under “{header[column]}”" if column < len(header) and header[column].strip() else words
        )
    where = ctx.places.describe_id(mention.block_id)
    return where + (f", item {mention.unit.item + 1}" if mention.unit.item is not None else "")
