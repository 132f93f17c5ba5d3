"""The recommendations register as text: where each recommendation came from, and the rows its CSV holds.

The editor's register panel and the CSV export both read these, so a spreadsheet says what the panel
shows: the number, the recommendation, its origin in words and the analyst's decision on it.
"""

from __future__ import annotations

import csv
import io

from .kinds import text_at
from .model import Briefing, Recommendation, Table
from .places import Places
from .refs import Ref

#: The origin of a recommendation the analyst added (it was made from nothing in the article).
NO_ORIGIN = "written by the analyst"
#: The CSV's header row. "Origin ref" is the place's text form (``s16/b20:row=2``), which the project
#: file and the command line use: it lets a script match a row back to the briefing.
HEADERS = (
    "#",
    "Recommendation",
    "Origin",
    "Decision",
    "Priority",
    "Owner / lead",
    "Due",
    "Analyst comment",
    "Origin section",
    "Origin ref",
)
#: What a spreadsheet takes for the start of a formula: such a cell gets a leading apostrophe, so that
#: an article's "=HYPERLINK(…)" stays text.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def origin_words(places: Places, rec: Recommendation) -> str:
    """Where a recommendation came from, in words: "list 1 in “Options”, item 2", "Table 4, row 3, in
    section “Next steps”"; one whose item or row was deleted says it was removed."""
    origin = rec.origin
    if not (origin.block_id or origin.section_id):
        return NO_ORIGIN
    words = places.describe_ref(origin)
    # A table is named by its number alone; name the section too, as a list's place does.
    if not origin.lost and origin.block_id in places.table_numbers and origin.section_id:
        section = places.describe_id(origin.section_id)
        if section:
            words += f", in {section}"
    return words


def origin_section(briefing: Briefing, rec: Recommendation) -> str:
    """The whole heading of the section a recommendation came from ("the summary" for the text before
    the first heading; "" when it has no origin or the section is gone)."""
    section_id = rec.origin.section_id
    if not section_id and rec.origin.block_id:
        section_id = next(
            (s.id for s in briefing.sections if any(b.id == rec.origin.block_id for b in s.blocks)), ""
        )
    section = briefing.find_section(section_id) if section_id else None
    if section is None:
        return ""
    return section.heading or "the summary"


def origin_quote(briefing: Briefing, rec: Recommendation) -> str:
    """What the list item or table row a recommendation came from says now (a row's filled cells joined
    by " | "); "" when it has no origin or it was deleted."""
    origin = rec.origin
    if origin.lost or not origin.block_id:
        return ""
    block = briefing.find_block(origin.block_id)
    if isinstance(block, Table) and origin.row is not None and origin.column is None:
        if origin.is_header:
            cells = block.header
        elif 0 <= origin.row < len(block.rows):
            cells = block.rows[origin.row]
        else:
            return ""
        return " | ".join(cell for cell in cells if cell.strip())
    return text_at(briefing, origin)


def detail_text(briefing: Briefing, ref: Ref, said: str = "") -> str:
    """A recommendation's detail as the note prints it: a table row as "Header: cell · Header: cell"
    (empty cells, and cells the recommendation's text ``said`` already, left out), a list item as it
    reads; "" when the place is gone."""
    if ref.lost or not ref.block_id:
        return ""
    block = briefing.find_block(ref.block_id)
    if isinstance(block, Table) and ref.row is not None and 0 <= ref.row < len(block.rows):
        pieces, seen = [], set()
        for index, cell in enumerate(block.rows[ref.row]):
            value = cell.strip()
            if not value or value.casefold() in seen or value in said:
                continue
            seen.add(value.casefold())
            label = block.header[index].strip() if index < len(block.header) else ""
            pieces.append(f"{label}: {value}" if label else value)
        return "   ·   ".join(pieces)
    return text_at(briefing, ref)


def register_rows(briefing: Briefing) -> list[list[str]]:
    """The register as rows of text, the header first; numbered as the note numbers them."""
    places = Places(briefing)
    rows = [list(HEADERS)]
    for number, rec in enumerate(briefing.recommendations, 1):
        note = rec.annotation
        origin = rec.origin.to_text() if (rec.origin.block_id or rec.origin.section_id) else ""
        rows.append(
            [
                str(number),
                rec.text,
                origin_words(places, rec),
                note.decision,
                note.priority,
                note.owner,
                note.due,
                note.comment,
                origin_section(briefing, rec),
                origin,
            ]
        )
    return rows


def _cell(text: str) -> str:
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def register_csv(briefing: Briefing) -> bytes:
    """The register as CSV: UTF-8 with a byte-order mark, so spreadsheets read accents; text that would
    start a formula is kept as text."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for row in register_rows(briefing):
        writer.writerow([_cell(cell) for cell in row])
    return buffer.getvalue().encode("utf-8-sig")
