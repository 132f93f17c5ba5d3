"""Range checks on a loaded project: values their types allow but the model cannot hold.

The loader in :mod:`briefing.project` checks each value's type; this checks the value itself — levels,
places, the fixed choices, the times the app stamps and the ids places are written with — so that a
damaged or hand-edited file is refused in one line naming the field, instead of failing later in an
outline, a check or an export. Nothing the app itself could have written is refused: a place past the end
of its text (the text changed since, or the place is lost) is kept and read as best it can be, and so is
every link address and every date the analyst types (the note's date, the decision date, a
recommendation's due date, the source's date), which are free text and exported as written.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterator
from pathlib import Path

from . import patterns
from .errors import ProjectError
from .model import (
    ALIGNMENTS,
    DECISIONS,
    MAX_HEADING_LEVEL,
    PLACEMENTS,
    PRIORITIES,
    PURPOSES,
    Briefing,
    ListBlock,
    Table,
)
from .refs import HEADER_ROW, Ref
from .textfile import MAX_ARTICLE_BYTES

#: The deepest list level a project may hold. The editor and Word show levels 0 to 8, deeper ones at 8;
#: plain-text import keeps deeper indentation as deeper levels, and each level needs at least one more
#: character of indent than the last, so no article within the size limit nests deeper than this.
DEEPEST_LIST_LEVEL = math.isqrt(2 * MAX_ARTICLE_BYTES)
#: The start of an ISO 8601 date (``2026-01-31``): text in this form is meant as one.
_ISO_DATE = patterns.compile(r"\d{4}-\d{2}")
#: What a message shows of a long value.
_SHOWN_CHARS = 60


def validate(briefing: Briefing, path: str | Path | None = None) -> None:
    """Raise :class:`ProjectError` naming the first value in ``briefing`` the model cannot hold."""
    problem = next(problems(briefing), None)
    if problem is not None:
        raise ProjectError(path, f"is damaged: {problem}")


def problems(briefing: Briefing) -> Iterator[str]:
    """Each value the model cannot hold, as "where is what; what it may be", in file order."""
    meta = briefing.meta
    if meta.purpose not in PURPOSES:
        yield _not_one_of("meta.purpose", meta.purpose, PURPOSES)
    for i, section in enumerate(briefing.sections):
        where = f"sections[{i}]"
        yield from _id(f"{where}.id", section.id)
        if not 1 <= section.level <= MAX_HEADING_LEVEL:
            shown = _shown(section.level)
            yield f"{where}.level is {shown}; heading levels run from 1 to {MAX_HEADING_LEVEL}"
        if section.placement not in PLACEMENTS:
            yield _not_one_of(f"{where}.placement", section.placement, PLACEMENTS)
        for j, block in enumerate(section.blocks):
            at = f"{where}.blocks[{j}]"
            yield from _id(f"{at}.id", block.id)
            if isinstance(block, ListBlock):
                for k, item in enumerate(block.items):
                    if not 0 <= item.level <= DEEPEST_LIST_LEVEL:
                        yield (
                            f"{at}.items[{k}].level is {_shown(item.level)}; "
                            f"list levels run from 0 to {DEEPEST_LIST_LEVEL}"
                        )
            elif isinstance(block, Table):
                for k, align in enumerate(block.align or []):
                    if align not in ALIGNMENTS:
                        yield _not_one_of(f"{at}.align[{k}]", align, ALIGNMENTS)
    for i, rec in enumerate(briefing.recommendations):
        where = f"recommendations[{i}]"
        yield from _id(f"{where}.id", rec.id)
        yield from _place(f"{where}.origin", rec.origin)
        note = rec.annotation
        if note.decision not in DECISIONS:
            yield _not_one_of(f"{where}.annotation.decision", note.decision, DECISIONS)
        if note.priority not in PRIORITIES:
            yield _not_one_of(f"{where}.annotation.priority", note.priority, PRIORITIES)
    for i, detail in enumerate(briefing.details):
        where = f"details[{i}]"
        yield from _id(f"{where}.id", detail.id)
        yield from _place(f"{where}.origin", detail.origin)
    for i, comment in enumerate(briefing.comments):
        where = f"comments[{i}]"
        yield from _id(f"{where}.id", comment.id)
        yield from _place(f"{where}.anchor", comment.anchor)
        yield from _timestamp(f"{where}.date", comment.date)
    for i, change in enumerate(briefing.changes):
        where = f"changes[{i}]"
        yield from _id(f"{where}.id", change.id)
        yield from _place(f"{where}.target", change.target)
        yield from _timestamp(f"{where}.when", change.when)
    for i, import_note in enumerate(briefing.import_notes):
        if import_note.line < 0:
            shown = _shown(import_note.line)
            yield f"import_notes[{i}].line is {shown}; lines count from 1 (0: the whole file)"
    if briefing.next_id < 1:
        yield f"next_id is {_shown(briefing.next_id)}; ids count from 1"


def _id(where: str, value: str) -> Iterator[str]:
    """An id must be something a place's text form can name: not empty, no ``:`` or ``/``, no blank ends."""
    if not value or ":" in value or "/" in value or value != value.strip():
        yield f"{where} is {_shown(value)}, which a place cannot name (ids have no ':', '/' or blank ends)"


def _place(where: str, ref: Ref) -> Iterator[str]:
    """Numbers in a place count from 0 (a row from -1, the header); a span does not end before it starts.
    A place beyond its text is kept: the text may have changed since, and readers cut it to the text."""
    for name in ("item", "column", "start", "end"):
        value = getattr(ref, name)
        if value is not None and value < 0:
            yield f"{where} {_shown(ref.to_text())} has a negative {name} number"
            return
    if ref.row is not None and ref.row < HEADER_ROW:
        yield f"{where} {_shown(ref.to_text())} has a negative row number"
    elif ref.start is not None and ref.end is not None and ref.start > ref.end:
        yield f"{where} {_shown(ref.to_text())} ends before it starts"


def _timestamp(where: str, text: str) -> Iterator[str]:
    """A time stamped on a comment or a correction. The app writes ISO 8601 (``2026-01-31T14:05:00+01:00``)
    and the export gives a Word comment the time it reads: a stamp in that form must exist and fit a Word
    file (years 1 to 9999 in UTC). Other text (a caller's own ``when``) is kept as written."""
    try:
        stamp = dt.datetime.fromisoformat(text)
    except ValueError:
        if _ISO_DATE.match(text):
            yield f"{where} is {_shown(text)}, which is not a real date and time"
        return
    if stamp.tzinfo is not None:
        try:
            stamp.astimezone(dt.UTC)
        except OverflowError:
            yield f"{where} is {_shown(text)}, outside the years 1 to 9999 (in UTC) a Word file can hold"


def _not_one_of(where: str, value: str, choices: tuple[str, ...]) -> str:
    named = ", ".join(repr(choice) for choice in choices if choice)
    return f"{where} is {_shown(value)}; it is one of {named}" + (" or empty" if "" in choices else "")


def _shown(value: object) -> str:
    """A value for a one-line message: text quoted, a long one cut, a huge number by its length."""
    if isinstance(value, int):
        digits = len(str(abs(value)))
        return str(value) if digits <= 20 else f"a {digits}-digit number"
    text = repr(value)
    return text if len(text) <= _SHOWN_CHARS else text[: _SHOWN_CHARS - 1] + "…"
