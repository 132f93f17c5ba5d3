"""The "Corrections to the source" appendix: what the safe fixes and the analyst changed in the article.

Written for the reader of the note, not as a log dump: corrections are grouped by kind (the checks'
own groups, "Broken tables", "Chatbot leftovers"…) with a count, text corrections show the changed
words in context (removed words struck through, new ones in bold), table corrections show the rows
as small Word tables, and a change that altered no words (blank lines, spacing, empty table columns)
is not listed as a correction at all. Each kind lists at most :data:`MAX_PER_KIND` entries and the
whole appendix at most :data:`MAX_LISTED`, then "and N more": the full log stays in the project.

Kept apart from the body writer (:mod:`.docx_writer`): it reads the change log and writes with the
writer's paragraph helpers, at the very end of the note.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from docx.oxml import parse_xml

from .. import patterns
from ..checks.groups import GROUPS, OTHER, group_of
from ..model import Change, Table
from ..places import Places
from ..refs import HEADER_ROW, Ref
from . import layout, ooxml

if TYPE_CHECKING:
    from .docx_writer import _Writer

#: Most corrections of one kind listed; the rest are counted ("and 3 more of this kind").
MAX_PER_KIND = 6
#: Most corrections listed in the whole appendix (a long article's log must not outgrow the note).
MAX_LISTED = 24
#: Most rows of a table shown before or after a correction.
MAX_TABLE_ROWS = 6
#: Characters of unchanged text shown on each side of a changed stretch.
CONTEXT = 40
#: Longest text shown for a removed paragraph.
MAX_REMOVED_TEXT = 240
#: Rules whose changes only ever touch layout, never words (trailing blank lines).
LAYOUT_ONLY_RULES = frozenset({"text.trailing-blank-lines"})
_TOKEN = patterns.compile(r"\w+|\s+|[^\w\s]")
_PLURAL = patterns.compile(r"\b(\d[\d,]*) ((?:[^\W\d_]+ ){0,3}[^\W\d_]+)\(s\)")


@dataclass
class ShownChange(Change):
    """A change-log entry the note shows as a Word tracked change (see :mod:`.tracked`), so the
    appendix only counts it."""


def wanted(writer: _Writer) -> bool:
    """Whether the note gets the appendix: as asked, else when the briefing has changes."""
    asked = writer.options.include_corrections
    return bool(writer.briefing.changes) if asked is None else asked


def is_non_event(change: Change) -> bool:
    """Whether a change altered no words: blank lines, spacing, empty cells or columns dropped."""
    if change.rule in LAYOUT_ONLY_RULES or change.target.section_id == "source":
        return True
    before, after = _rows(change.before), _rows(change.after)
    if before is not None and (after is not None or not change.after.strip()):
        kept = [[c.strip() for c in row if c.strip()] for row in before]
        now = [[c.strip() for c in row if c.strip()] for row in after or []]
        if not any(kept):
            return True  # an empty row or column went
        return [r for r in kept if r] == [r for r in now if r] and bool(change.after.strip())
    return change.before.split() == change.after.split()


def plain_note(change: Change) -> str:
    """The change's sentence for a reader: "1 blank line(s)" read as "1 blank line"."""
    note = change.note.strip() or f"Changed by the rule {change.rule}."

    def number(match: re.Match[str]) -> str:
        count, word = match.groups()
        return f"{count} {word}" if count == "1" else f"{count} {word}s"

    return _PLURAL.sub(number, note)


def write_appendix(writer: _Writer) -> None:
    """The appendix on its own page: by kind, with counts, each correction with where and what."""
    if not wanted(writer):
        return
    heading = writer._para(writer.clean(writer.settings.headings["corrections"], "a heading"), "Heading 1")
    heading.paragraph_format.page_break_before = True
    changes = writer.briefing.changes
    shown = [c for c in changes if isinstance(c, ShownChange)]
    listed = [c for c in changes if not isinstance(c, ShownChange) and not is_non_event(c)]
    quiet = len(changes) - len(shown) - len(listed)
    if not listed and not shown:
        writer._para("No corrections were made to the source article.", "Appendix Note")
        if quiet:
            writer._para(_quiet_sentence(quiet), "Appendix Note")
        return
    writer._para(writer.clean(writer.settings.corrections_note, "the corrections note"), "Appendix Note")
    if shown:
        many = len(shown) != 1
        writer._para(
            f"{len(shown)} correction{'s are' if many else ' is'} marked in the text as "
            f"{'tracked changes' if many else 'a tracked change'}, for a reviewer to accept or reject in Word"
            f"{'; the others are listed here.' if listed else '.'}",
            "Appendix Note",
        )
    places = Places(writer.briefing, writer._table_numbers)
    by_kind: dict[str, list[Change]] = {}
    for change in listed:
        by_kind.setdefault(group_of(change.rule).name, []).append(change)
    order = {group.name: index for index, group in enumerate((*GROUPS, OTHER))}
    room = MAX_LISTED
    for name in sorted(by_kind, key=lambda n: order.get(n, len(order))):
        group = by_kind[name]
        title = "Other corrections" if name == OTHER.name else name
        writer._para(f"{title} ({len(group)})", "Heading 2").paragraph_format.keep_with_next = True
        show = group[: max(0, min(MAX_PER_KIND, room))]
        room -= len(show)
        texts = [c for c in show if _rows(c.before) is None and _rows(c.after) is None]
        if texts:
            _text_table(writer, places, texts)
        for change in show:
            if change not in texts:
                _table_change(writer, places, change)
        if len(group) > len(show):
            more = len(group) - len(show)
            writer._para(
                f"… and {more} more correction{'s' if more != 1 else ''} of this kind; the project's "
                "change log lists them all.",
                "Appendix Note",
            )
    if quiet:
        writer._para(_quiet_sentence(quiet), "Appendix Note")


def _quiet_sentence(count: int) -> str:
    many = count != 1
    return (
        f"Not listed: {count} change{'s' if many else ''} that altered no words (blank lines, spacing, "
        "empty table columns)."
    )


# --- text corrections: one table per kind, the changed words in context -------------------------------


def _text_table(writer: _Writer, places: Places, changes: Sequence[Change]) -> None:
    """Where | Correction | Before | After, one row per correction."""
    rows: list[list[list[tuple[str, str]]]] = []
    for change in changes:
        before, after = excerpts(change.before, change.after)
        rows.append(
            [
                [("", _where(places, change.target))],
                [("", plain_note(change))],
                before,
                after or [("i", "(removed)")],
            ]
        )
    _word_table(writer, ["Where", "Correction", "Before", "After"], rows, (16, 30, 27, 27))


def excerpts(before: str, after: str) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """The two texts as runs ``(mark, text)``: unchanged context (mark ""), removed words ("s", struck
    through) and new words ("b", bold); long unchanged stretches are cut to :data:`CONTEXT` characters."""
    before, after = " ".join(before.split()), " ".join(after.split())
    if not after:
        return [("", _cut(before, MAX_REMOVED_TEXT))], []
    old, new = _TOKEN.findall(before), _TOKEN.findall(after)
    left: list[tuple[str, str]] = []
    right: list[tuple[str, str]] = []
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    opcodes = matcher.get_opcodes()
    for index, (op, i1, i2, j1, j2) in enumerate(opcodes):
        a, b = "".join(old[i1:i2]), "".join(new[j1:j2])
        if op == "equal":
            first, last = index == 0, index == len(opcodes) - 1
            text = _context(a, first, last)
            left.append(("", text))
            right.append(("", text))
            continue
        if a:
            left.append(("s", a))
        if b:
            right.append(("b", b))
    return left, right


def _context(text: str, first: bool, last: bool) -> str:
    """An unchanged stretch, cut at its far ends: its end when it opens the text, its start when it
    closes it, its middle when it lies between two changes."""
    if len(text) <= CONTEXT * (1 if first or last else 2) + 1:
        return text
    if first and last:
        return text
    head, tail = text[:CONTEXT], text[-CONTEXT:]
    head = head[: head.rfind(" ")] if " " in head.strip() else head  # cut between words
    tail = tail[tail.find(" ") :] if " " in tail.strip() else tail
    if first:
        return "…" + tail
    if last:
        return head + "…"
    return head + " … " + tail


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


# --- table corrections: the rows before and after, as small tables ------------------------------------


def _table_change(writer: _Writer, places: Places, change: Change) -> None:
    """Where and what, then the rows as they were and as they are."""
    paragraph = writer._para(style="Normal")
    paragraph.paragraph_format.keep_with_next = True
    paragraph.add_run(writer.clean(_where(places, change.target), "the corrections") + ". ").bold = True
    paragraph.add_run(writer.clean(plain_note(change), "the corrections"))
    header = _header_for(writer, change)
    for label, text in (("Before", change.before), ("After", change.after)):
        rows = _rows(text)
        caption = writer._para(style="Appendix Note")
        caption.paragraph_format.keep_with_next = bool(rows)
        caption.add_run(f"{label}: ").bold = True
        if not rows:
            caption.add_run(
                "(removed)" if not text.strip() else writer.clean(_cut(text, 240), "the corrections")
            )
            continue
        top = header if header and rows[0] != header else None
        rows = _without_empty_tail(rows, top)
        shown = rows[:MAX_TABLE_ROWS]
        cells = [[[("", cell)] for cell in row] for row in shown]
        head = [*top] if top else None
        _word_table(writer, head, cells)
        if len(rows) > len(shown):
            writer._para(f"… and {len(rows) - len(shown)} more rows.", "Appendix Note")


def _header_for(writer: _Writer, change: Change) -> list[str] | None:
    """The column names of the table a row correction was made in, to show above its row."""
    target = change.target
    if target.row is None or target.row == HEADER_ROW or not target.block_id:
        return None
    block = writer.briefing.find_block(target.block_id)
    return list(block.header) if isinstance(block, Table) and any(block.header) else None


def _without_empty_tail(rows: list[list[str]], header: Sequence[str] | None) -> list[list[str]]:
    """The rows without their trailing columns that are empty in every row (and the header)."""
    width = max(len(row) for row in rows)
    while width and all(len(r) < width or not r[width - 1] for r in [*rows, list(header or [])]):
        width -= 1
    return [row[:width] for row in rows]


def _rows(text: str) -> list[list[str]] | None:
    """Pipe rows (``| a | b |``, one a line) as cells; ``None`` when the text is not such rows."""
    lines = [line.strip() for line in text.strip().splitlines()]
    if not lines or not all(len(line) >= 2 and line[0] == "|" and line[-1] == "|" for line in lines):
        return None
    return [[cell.strip() for cell in line[1:-1].split("|")] for line in lines]


def _word_table(
    writer: _Writer,
    header: Sequence[str] | None,
    rows: Sequence[Sequence[Sequence[tuple[str, str]]]],
    shares: Sequence[int] | None = None,
) -> None:
    """A small table in the note's table style, kept on one page, built as XML; cells hold runs."""
    count = max([len(header or []), *(len(row) for row in rows)], default=0)
    if not count:
        return
    total = writer.text_width
    if shares:
        widths = [total * share // sum(shares) for share in shares]
        widths[-1] += total - sum(widths)
    else:
        plain = [["".join(text for _, text in cell) for cell in row] for row in rows]
        need, wish = layout.measure(list(header or []), plain, count, writer.char_width)
        widths = layout.fit(need, wish, total)
    plain_rows = [["".join(text for _, text in cell) for cell in row] for row in rows]
    aligns = ["right" if numeric else "" for numeric in layout.numeric_columns(plain_rows, count)]
    text_style = writer.style_ids["Table Text"]
    parts = [ooxml.table_xml_open(writer.style_ids["Briefing Table"], widths, header is not None)]
    if header is not None:
        opens = [
            ooxml.cell_open_xml(w, writer.style_ids["Table Heading"], align, writer.fill, keep_next=True)
            for w, align in zip(widths, aligns, strict=True)
        ]
        parts.append(_row_xml(writer, [[("", c)] for c in header], opens, count, header=True))
    last = len(rows) - 1
    for index, row in enumerate(rows):
        opens = [
            ooxml.cell_open_xml(w, text_style, align, keep_next=index < last)
            for w, align in zip(widths, aligns, strict=True)
        ]
        parts.append(_row_xml(writer, row, opens, count, header=False))
    parts.append("</w:tbl>")
    writer._append(parse_xml("".join(parts)))
    writer._para(style="Table Text")  # keeps the next paragraph off the table's bottom rule


def _row_xml(
    writer: _Writer,
    cells: Sequence[Sequence[tuple[str, str]]],
    opens: Sequence[str],
    count: int,
    header: bool,
) -> str:
    padded = [*cells[:count], *[[]] * (count - len(cells))]
    out = ["<w:tr>", ooxml.row_properties_xml(header)]
    for opening, runs in zip(opens, padded, strict=True):
        out.append(opening)
        for mark, text in runs:
            out.append(_run_xml(writer.clean(text, "the corrections"), mark, header))
        out.append(ooxml.CELL_CLOSE)
    out.append("</w:tr>")
    return "".join(out)


def _run_xml(text: str, mark: str, header: bool) -> str:
    """A run: bold in a header row or for new words, struck through for removed ones, italic for notes."""
    if not text:
        return ""
    properties = ("<w:b/>" if header or mark == "b" else "") + ("<w:i/>" if mark == "i" else "")
    properties += "<w:strike/>" if mark == "s" else ""
    rpr = f"<w:rPr>{properties}</w:rPr>" if properties else ""
    return f'<w:r>{rpr}<w:t xml:space="preserve">{ooxml.escape(text)}</w:t></w:r>'


def _where(places: Places, target: Ref) -> str:
    """Where a change was made, as the reader sees it: 'Table 1, row 2', 'list 1 in “Implications…”',
    with the table numbers this document printed."""
    where = places.describe_ref(target)
    return where[:1].upper() + where[1:]
