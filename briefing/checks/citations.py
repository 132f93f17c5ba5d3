"""Citation markers: ``[1]``, ``[2][3]``, ``[1, 4]``, ``[^a]``, ``¹ ²``, ``【3†source】``.

A chatbot or a research tool leaves markers that point to sources the text no longer has. Where the
article has no notes at all (no "References", "Sources" or "Notes" list, no ``[^a]:`` definitions, no
lines opening with ``[1]``), a marker points nowhere, and removing it loses nothing (``text.citation``,
safe). Where the notes are there, numbered the same, the markers are real references: the finding
``text.footnotes`` says so and links each marker to its note (:func:`footnote_links`), so that export can
make them Word footnotes once it supports them; until then the note keeps both as plain text. A marker
whose number has no note, or two notes, or whose notes are not numbered, needs a person.

Only what is clearly a marker counts: right after a word, a figure or punctuation, never opening a line
(that is a note), never after "paragraph", "Article", "Table" and other names of numbered things, never a
superscript after a digit (``10⁶``) or a unit (``km²``), and in a table never a cell that is only the
marker (it is a value there); markers inside a cell are never removed unattended.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from .. import patterns
from ..model import Block, ListBlock, Paragraph, Section, Table
from ..places import short
from ..refs import HEADER_ROW, Ref
from .context import CheckContext
from .edits import Edit
from .findings import Finding, Fix, Outcome
from .rules import RULES
from .spans import unit_text

_SUPERSCRIPTS = "¹²³⁰⁴⁵⁶⁷⁸⁹"
_SUPER_VALUE = str.maketrans(_SUPERSCRIPTS, "1230456789")
_NUMBER = r"\d{1,3}"
_BRACKET = rf"\[{_NUMBER}(?:[ \t]*[,;–-][ \t]*{_NUMBER})*\](?:\(#[^()\s]{{1,40}}\))?"
_CARET = r"\[\^[\w.-]{1,20}\]"
_LENTICULAR = r"【\d{1,3}(?:[:†][^【】\n]{0,40})?】"
_ONE = rf"(?:{_BRACKET}|{_CARET}|{_LENTICULAR})"
# One marker or several in a row ("[2][3]", "[2], [3]").
_GROUP = patterns.compile(rf"{_ONE}(?:,?[ \t]?{_ONE})*")
_SUPER = patterns.compile(rf"[{_SUPERSCRIPTS}]+(?:(?:[,‚][ \t]?|[ \t])[{_SUPERSCRIPTS}]+)*")
_HINT = patterns.compile(rf"[\[【{_SUPERSCRIPTS}]")
_DIGITS = patterns.compile(r"\d+")
_LENTICULAR_NUMBER = patterns.compile(r"【(\d+)")
_CARET_ID = patterns.compile(r"\[(\^[\w.-]+)\]")
_RANGE = patterns.compile(r"(?<!\d)(\d{1,3})[ \t]{0,3}[–-][ \t]{0,3}(\d{1,3})")
# Words naming a numbered thing: "paragraph [3]", "Article [2]" refer to it, they are not note markers.
_NUMBERED_THINGS = frozenset(
    "at para paras paragraph paragraphs article articles art section sections sec s clause clauses rule "
    "rules step steps item items option options no nos number numbers figure figures fig table tables "
    "page pages p pp chapter chapters ch part parts vol volume version v level tier phase stage line lines "
    "row rows column columns col box annex appendix schedule exhibit case cases count counts §".split()
)
# Words after which a bracketed number spaced on both sides reads as a quantity ("in [12] cases",
# perhaps an editor's insertion), not as a marker.
_QUANTIFIED = frozenset(
    "in of for by to at with from than about some the a an over under nearly around only all almost "
    "least most more less fewer and or but on into per every each".split()
)
# Units a ² or ³ belongs to (km², m³), not a note.
_UNITS = frozenset("km m cm mm dm ft in mi yd sq sqm nm µm um ha".split())
_AFTER = ' \t\n.,;:!?)]}”’"»›…'
# A line opening with these is a note wherever it is ("[3] Author…", "【3】…", "³ Source: …").
_OPENS_NOTE = "[【" + _SUPERSCRIPTS

# A heading or a line that introduces the notes: "References", "Sources and notes", "6. Notes",
# "[SOURCE REFERENCES]", "Fuentes:", "Quellen".
_NOTE_WORDS = (
    r"(?:source|sources cited|references?|notes?|footnotes?|endnotes?|bibliography|citations?|works cited|"
    r"literature|sources? references?|referencias|fuentes|notas|bibliograf[ií]a|quellen(?:angaben)?|"
    r"literatur(?:verzeichnis)?|anmerkungen|fu(?:ß|ss)noten|einzelnachweise|r[ée]f[ée]rences|bibliographie|"
    r"riferimenti|fonti|przypisy|[źz]r[óo]d[łl]a)s?"
)
# One of these is in every notes title (a cheap test before the patterns).
_NOTE_STEMS = (
    "sourc",
    "refer",
    "réf",
    "ref",
    "note",
    "nota",
    "biblio",
    "citat",
    "literat",
    "fuent",
    "quell",
    "anmerk",
    "fuß",
    "fuss",
    "einzel",
    "fonti",
    "riferim",
    "przypis",
    "źród",
    "zrod",
    "works",
)
_NOTES_TITLE = patterns.compile(
    rf"^{_NOTE_WORDS}(?:\s+(?:and|&|y|und|et|e|i)\s+{_NOTE_WORDS})?$", re.IGNORECASE
)
# Numbering, emoji and marks before a title ("6.", "VI. ", "📚 ", "[").
_TITLE_HEAD = patterns.compile(r"^[\W\d_]{0,12}(?:[ivxlc]{1,6}[.)]\s{1,3})?", re.IGNORECASE)
# How a note opens: "[3] Author…", "[^a]: …", "3. …", "3) …", "³ …", "【3】 …", "3  Document 8.".
_NOTE_OPENING = patterns.compile(
    rf"^\s*(?:\[(?P<bracket>{_NUMBER})\]|\[(?P<caret>\^[\w.-]{{1,20}})\]:?|【(?P<lent>{_NUMBER})】"
    rf"|(?P<super>[{_SUPERSCRIPTS}]+)|(?P<plain>{_NUMBER})[.)]?(?=\s))\s*\S"
)


@dataclass(frozen=True)
class Marker:
    """A citation marker (or a run of them) in a piece of text."""

    start: int
    end: int
    text: str
    #: The note numbers or ids it points to ("3", "^a").
    notes: tuple[str, ...]
    #: Whether it can never point to a note of the text (``【3†source】``, a tool's file citation).
    tool: bool = False
    #: What removing it takes away: the marker and the space before it (brackets round it, too).
    cut: tuple[int, int] = (0, 0)
    #: Whether it is clearly a marker: right after a word, figure or punctuation, or closing a clause.
    #: "in [12] cases", spaced on both sides before a word, may be an editor's number in brackets.
    clear: bool = True


def _numbers(marker: str) -> tuple[str, ...]:
    numbers: list[str] = []
    for caret in _CARET_ID.findall(marker):
        numbers.append(caret)
    plain = _CARET_ID.sub("", marker)
    plain = re.sub(r"\(#[^()]*\)", "", plain)  # a link to the note's anchor
    for low, high in _RANGE.findall(plain):
        if int(high) - int(low) < 50:
            numbers += [str(n) for n in range(int(low), int(high) + 1)]
    plain = _RANGE.sub("", plain)
    numbers += [str(int(n)) for n in _DIGITS.findall(plain)]
    return tuple(dict.fromkeys(numbers))


def _super_numbers(marker: str) -> tuple[str, ...]:
    return tuple(str(int(part.translate(_SUPER_VALUE))) for part in re.split(r"[,‚ \t]+", marker) if part)


def _word_before(text: str, at: int) -> str:
    before = text[:at].rstrip()
    start = len(before)
    while start > 0 and (before[start - 1].isalnum() or before[start - 1] in "§."):
        start -= 1
    return before[start:].lower().strip(".")


def _names_numbered_thing(text: str, at: int) -> bool:
    """Whether the words before ``at`` name a numbered thing ("paragraph [3]", "Article 5 [2]")."""
    word = _word_before(text, at)
    if word.isdigit():
        before = text[:at].rstrip()
        word = _word_before(before, len(before) - len(word))
    return word in _NUMBERED_THINGS


def _cut(text: str, start: int, end: int) -> tuple[int, int]:
    """What to remove with a marker: the spaces before it, and brackets round it ("rose ([3])")."""
    if start > 0 and end < len(text) and text[start - 1] == "(" and text[end] == ")":
        start, end = start - 1, end + 1
    while start > 0 and text[start - 1] in " \t":
        start -= 1
    return start, end


def _opens_line(text: str, at: int) -> bool:
    """Whether only spaces stand between the start of the line and ``at`` (a note opens there)."""
    return not text[text.rfind("\n", 0, at) + 1 : at].strip()


def find_markers(text: str) -> list[Marker]:
    """The clear citation markers of a text (never one opening it: that is a note)."""
    if not _HINT.search(text):
        return []
    found: list[Marker] = []
    for match in _GROUP.finditer(text):
        start, end = match.span()
        if _opens_line(text, start) or (end < len(text) and text[end] not in _AFTER):
            continue
        if text[start - 1] in " \t" and _names_numbered_thing(text, start):
            continue
        if text[start - 1] in "[(" and not (end < len(text) and text[end] == ")"):
            continue
        marker = match.group(0)
        tool = marker.startswith("【")
        notes = tuple(_LENTICULAR_NUMBER.findall(marker)) if tool else _numbers(marker)
        if text[start - 1].isalpha() and len(_word_before(text, start)) == 1:
            continue  # x[1]: an index, not a note
        clear = tool or text[start - 1] not in " \t" or end == len(text) or text[end] not in " \t"
        clear = clear or not text[end:].lstrip()[:1].isalnum()
        clear = clear or _word_before(text, start) not in _QUANTIFIED
        found.append(Marker(start, end, marker, notes, tool, _cut(text, start, end), clear))
    if any(map(text.__contains__, _SUPERSCRIPTS)):
        for match in _SUPER.finditer(text):
            start, end = match.span()
            before = text[:start]
            if _opens_line(text, start) or before[-1].isdigit() or (end < len(text) and text[end].isalnum()):
                continue
            if before[-1] in " \t" and not (end == len(text) or text[end] in _AFTER):
                continue  # "in ² steps": a stray sign, not a marker
            marker = match.group(0)
            if before[-1].isalpha():
                word = _word_before(text, start)
                if set(marker) <= set("²³") and (len(word) <= 2 or word in _UNITS):
                    continue  # km², x², mc²
            found.append(Marker(start, end, marker, _super_numbers(marker), False, _cut(text, start, end)))
    found.sort(key=lambda m: m.start)
    return found


def _linked_markers(block: Block, item: int | None) -> list[Marker]:
    """Note numbers import made links to an anchor of the page ("June,[1](#f1)" read as a linked "1")."""
    if not isinstance(block, Paragraph) or item is not None:
        return []
    found = []
    offset = 0
    for run in block.runs:
        number = run.text.strip()
        if run.href.startswith("#") and number.isdigit() and len(number) <= 3 and offset > 0:
            start = offset + run.text.index(number)
            end = start + len(number)
            found.append(Marker(start, end, number, (str(int(number)),), cut=(start, end)))
        offset += len(run.text)
    return found


def unit_markers(block: Block, item: int | None, text: str) -> list[Marker]:
    """The markers of a paragraph or list item: in its text, and as linked note numbers."""
    found = find_markers(text)
    linked = _linked_markers(block, item)
    if linked:
        taken = {m.start for m in found}
        found = sorted(found + [m for m in linked if m.start not in taken], key=lambda m: m.start)
    return found


def note_opening(text: str) -> str | None:
    """The number or id a note opens with ("3" for "[3] Author…", "^a" for "[^a]: …"), if it does."""
    match = _NOTE_OPENING.match(text)
    if match is None:
        return None
    for name in ("bracket", "caret", "lent", "plain"):
        if match.group(name):
            value = match.group(name)
            return value if name == "caret" else str(int(value))
    return str(int(match.group("super").translate(_SUPER_VALUE)))


def is_notes_title(text: str) -> bool:
    """Whether a heading or a line of its own introduces notes ("References", "6. Sources:")."""
    if len(text) > 60:
        return False
    lowered = text.lower()
    if not any(map(lowered.__contains__, _NOTE_STEMS)):
        return False
    cleaned = _TITLE_HEAD.sub("", text.replace("*", "").strip())
    while cleaned and not (cleaned[-1].isalnum()):
        cleaned = cleaned[:-1]  # ":", "]", an emoji at the end
    return len(cleaned) <= 40 and bool(_NOTES_TITLE.match(cleaned))


# --- where the notes are ----------------------------------------------------------------------------------


@dataclass
class Note:
    """A note of the text: where it is and what it says."""

    number: str
    section: Section
    block: Block
    item: int | None
    text: str

    @property
    def ref(self) -> Ref:
        """Where the note is."""
        return Ref(self.section.id, self.block.id, item=self.item)


@dataclass
class Notes:
    """The article's notes: by number, the blocks that hold notes, and whether any exist."""

    by_number: dict[str, list[Note]] = field(default_factory=dict)
    #: Ids of the blocks that are notes (their markers are the notes' own numbers, not citations).
    blocks: set[str] = field(default_factory=set)
    #: Notes lists whose entries are not numbered ("Sources: - Reuters - AP").
    unnumbered: list[tuple[Section, Block]] = field(default_factory=list)
    #: Headings or lines that introduced notes, for messages.
    titles: list[str] = field(default_factory=list)

    @property
    def exist(self) -> bool:
        """Whether the text has any notes at all."""
        return bool(self.by_number or self.unnumbered)


def _pieces(block: Block) -> list[tuple[int | None, str, str]]:
    """``(item, text, list marker)`` for each line of a paragraph (notes one a line make one paragraph
    in plain text) or each item of a list."""
    if isinstance(block, Paragraph):
        return [(None, line, "") for line in block.text.split("\n") if line.strip()] or [(None, "", "")]
    if isinstance(block, ListBlock):
        return [(index, item.full_text, item.marker) for index, item in enumerate(block.items)]
    return []


def find_notes(ctx: CheckContext) -> Notes:
    """The notes of the article (worked out once per run of the checks)."""
    cached = ctx.cache.get("citation-notes")
    if isinstance(cached, Notes):
        return cached
    notes = Notes()

    def add(number: str, section: Section, block: Block, item: int | None, text: str) -> None:
        notes.by_number.setdefault(number, []).append(Note(number, section, block, item, text))
        notes.blocks.add(block.id)

    blocks = list(ctx.briefing.blocks())
    for section in ctx.briefing.sections:
        in_notes = bool(section.heading) and is_notes_title(section.heading)
        if in_notes:
            notes.titles.append(section.heading)
        for block in section.blocks:
            pieces = _pieces(block)
            if len(pieces) == 1 and pieces[0][0] is None and is_notes_title(pieces[0][1]):
                in_notes = True  # "Sources:" on a line of its own: what follows in the section
                notes.titles.append(pieces[0][1].strip().rstrip(":"))
                continue
            numbered = False
            for item, text, marker in pieces:
                number = note_opening(text)
                if number is not None and (
                    in_notes or not number.isdigit() or text.lstrip()[:1] in _OPENS_NOTE
                ):
                    add(number, section, block, item, text)
                    numbered = True
                    if item is None and number.isdigit():  # "[1] … [2] … [3] …" run together on import
                        for later, note_text in _run_on_notes(text, int(number)):
                            add(later, section, block, item, note_text)
                elif in_notes and marker[:1].isdigit():
                    add(str(int(_DIGITS.match(marker).group(0))), section, block, item, text)  # type: ignore[union-attr]
                    numbered = True
            if in_notes and pieces and not numbered:
                notes.unnumbered.append((section, block))
                notes.blocks.add(block.id)
    if blocks:  # a closing list of "1  Document 8." lines: notes even without a heading
        section, last = blocks[-1]
        pieces = _pieces(last)
        if isinstance(last, ListBlock) and last.id not in notes.blocks and pieces:
            openings = [note_opening(text) for _, text, _ in pieces]
            if all(o is not None and o.isdigit() for o in openings):
                for (item, text, _), number in zip(pieces, openings, strict=True):
                    add(number or "", section, last, item, text)
    ctx.cache["citation-notes"] = notes
    return notes


def _run_on_notes(text: str, first: int) -> Iterator[tuple[str, str]]:
    """The notes after the first in a paragraph of notes whose lines import joined: "[2] …", "[3] …",
    each numbered one more than the last."""
    expected = first + 1
    position = 0
    while True:
        at = text.find(f" [{expected}] ", position)
        if at < 0:
            return
        end = text.find(f" [{expected + 1}] ", at + 1)
        yield str(expected), text[at + 1 : end if end >= 0 else len(text)]
        position, expected = at + 1, expected + 1


@dataclass(frozen=True)
class FootnoteLink:
    """A marker and the note it points to: what export needs to make a Word footnote."""

    marker: Ref
    text: str
    note: Ref
    note_text: str


def footnote_links(ctx: CheckContext) -> list[FootnoteLink]:
    """Every marker of the prose that points to exactly one note of the text, with that note."""
    links = []
    notes = find_notes(ctx)
    for unit in ctx.units:
        if unit.block.id in notes.blocks:
            continue
        for marker in unit_markers(unit.block, unit.item, unit.text):
            for number in marker.notes:
                found = notes.by_number.get(number, [])
                if len(found) == 1 and not marker.tool:
                    note = found[0]
                    links.append(
                        FootnoteLink(unit.target(marker.start, marker.end), marker.text, note.ref, note.text)
                    )
    return links


# --- the checks -------------------------------------------------------------------------------------------


def _quoted(markers: list[Marker]) -> str:
    distinct = list(dict.fromkeys(m.text for m in markers))
    texts = [f"“{text}”" for text in distinct[:4]]
    more = len(distinct) - len(texts)
    listed = ", ".join(texts[:-1]) + (" and " if len(texts) > 1 else "") + texts[-1]
    return listed + (f" and {more} more" if more > 0 else "")


def _why(notes: Notes, marker: Marker) -> str | None:
    """Why a marker points to no single note, or ``None`` when it does."""
    if not notes.exist:
        return "the article has no notes or list of references for it"
    if marker.tool:
        return "it is a chat tool's file citation, which no note of the text answers"
    for number in marker.notes:
        found = notes.by_number.get(number, [])
        if len(found) > 1:
            places = " and ".join(f"“{short(n.text, 30)}”" for n in found[:2])
            return f"two notes are numbered {number} ({places})"
        if not found:
            if not notes.by_number:
                return "the notes of the article are not numbered, so which one it means is unclear"
            known = sorted(notes.by_number, key=lambda n: (not n.isdigit(), int(n) if n.isdigit() else 0, n))
            return f"there is no note {number} (the notes are {known[0]} to {known[-1]})"
    return None


def check_citations(ctx: CheckContext) -> Iterator[Finding]:
    """Citation markers that point to no note; and, once, the markers that do (for Word footnotes)."""
    rule = RULES["text.citation"]
    notes = find_notes(ctx)
    linked: list[tuple[Any, Marker]] = []
    units = []
    for unit in ctx.units:
        found_here = (
            unit_markers(unit.block, unit.item, unit.text) if unit.block.id not in notes.blocks else []
        )
        if found_here:
            units.append((unit, found_here))
    # A marker that is not clearly one counts only in an article that has clear ones.
    any_clear = any(m.clear for _, markers in units for m in markers)
    for unit, markers in units:
        if not any_clear:
            break
        loose = [(m, why) for m in markers if (why := _why(notes, m)) is not None]
        linked += [(unit, m) for m in markers if _why(notes, m) is None]
        if not loose:
            continue
        reasons = list(dict.fromkeys(why for _, why in loose))
        found = [m for m, _ in loose]
        one = len(found) == 1
        what = f"The citation marker {_quoted(found)}" if one else f"The citation markers {_quoted(found)}"
        message = f"{what} {'points' if one else 'point'} to nothing: {'; '.join(reasons[:2])}"
        message += "; and more." if len(reasons) > 2 else "."
        target = unit.target(found[0].start, found[0].end) if one else unit.target()
        params: dict[str, Any] = {
            "place": "unit",
            "section_id": unit.section.id,
            "block_id": unit.block.id,
            "item": unit.item,
            "markers": [[m.cut[0], m.cut[1], unit.text[m.cut[0] : m.cut[1]]] for m in found],
        }
        safe = not notes.exist and all(m.clear for m in found)
        label = "Remove the marker" if one else "Remove the markers"
        yield Finding(
            rule.id, rule.severity, message, target, [Fix(label, safe, "text.remove-citations", params)]
        )
    yield from _cell_markers(ctx, notes)
    if linked:
        yield _footnotes_finding(ctx, notes, linked)


def _cell_markers(ctx: CheckContext, notes: Notes) -> Iterator[Finding]:
    """Markers inside table cells: flagged, never removed unattended (a cell is a value)."""
    rule = RULES["text.citation"]
    for section, table in ctx.tables:
        if not _HINT.search(ctx.table_text[table.id]):
            continue
        for row, cells in enumerate([table.header, *table.rows], start=HEADER_ROW):
            for column, cell in enumerate(cells):
                markers = [m for m in find_markers(cell) if _why(notes, m) is not None]
                if not markers or markers[0].start == 0:
                    continue
                params = {
                    "place": "cell",
                    "section_id": section.id,
                    "block_id": table.id,
                    "row": row,
                    "column": column,
                    "markers": [[m.cut[0], m.cut[1], cell[m.cut[0] : m.cut[1]]] for m in markers],
                }
                yield Finding(
                    rule.id,
                    rule.severity,
                    f"The cell “{short(cell, 30)}” carries the citation marker {_quoted(markers)}, which "
                    f"points to nothing: {_why(notes, markers[0])}.",
                    Ref(section.id, table.id, row=row, column=column),
                    [Fix("Remove the marker from the cell", False, "text.remove-citations", params)],
                )


def _footnotes_finding(ctx: CheckContext, notes: Notes, linked: list[tuple[Any, Marker]]) -> Finding:
    rule = RULES["text.footnotes"]
    numbers = {n for _, m in linked for n in m.notes}
    first = min(
        (note for number in numbers for note in notes.by_number[number]),
        key=lambda n: ctx.position(n.ref),
    )
    where = ctx.places.describe_id(first.block.id)
    title = f" under “{short(notes.titles[0], 40)}”" if notes.titles else ""
    count = len(linked)
    return Finding(
        rule.id,
        rule.severity,
        f"{count} citation marker{'s' if count != 1 else ''} in the text point{'s' if count == 1 else ''} to "
        f"the {len(numbers)} note{'s' if len(numbers) != 1 else ''}{title} ({where}), numbered the same. "
        "Word export keeps the markers and the notes as they are, as plain text: it does not make them "
        "Word footnotes.",
        Ref(first.section.id, first.block.id),
    )


# --- the fix ----------------------------------------------------------------------------------------------


def _located(text: str, markers: list[list[Any]]) -> list[tuple[int, int]] | None:
    """The markers' spans in the text as it is now: at their offsets, else found again by the markers
    the text holds now (in order); ``None`` when they are not all there."""
    if all(text[start:end] == expected for start, end, expected in markers):
        return [(start, end) for start, end, _ in markers]
    now = {text[m.cut[0] : m.cut[1]]: m.cut for m in find_markers(text)}
    if not all(expected in now for _, _, expected in markers):
        return None
    spans = []
    for _, _, expected in markers:
        if expected not in now:
            return None
        spans.append(now[expected])
    return spans


def remove_citations(edit: Edit, params: dict[str, Any]) -> Outcome | None:
    """Remove citation markers from a paragraph, list item or cell (the last first, so offsets hold)."""
    block = edit.block(params["block_id"])
    if block is None:
        return None
    if params.get("place") == "cell":
        if not isinstance(block, Table):
            return None
        row, column = params["row"], params["column"]
        cells = block.header if row == HEADER_ROW else block.rows[row] if 0 <= row < len(block.rows) else []
        if column >= len(cells):
            return None
        text = cells[column]
    else:
        found = unit_text(block, params.get("item"))
        if found is None:
            return None
        text = found
    spans = _located(text, params["markers"])
    if not spans:
        return None
    after = text
    for start, end in sorted(spans, reverse=True):
        after = after[:start] + after[end:]
    where = Ref(params.get("section_id", ""), block.id, item=params.get("item"))
    if params.get("place") == "cell":
        assert isinstance(block, Table)
        edit.set_cell(block, params["row"], params["column"], after)
        where = Ref(params.get("section_id", ""), block.id, row=params["row"], column=params["column"])
    else:
        assert isinstance(block, Paragraph | ListBlock)
        for start, end in sorted(spans, reverse=True):
            edit.replace_text(block, params.get("item"), start, end, "")
    many = len(spans) > 1
    note = f"Removed citation marker{'s' if many else ''} that pointed to no note."
    return Outcome(where, text, after, note)


ACTIONS = {"text.remove-citations": remove_citations}
CHECKS = [check_citations]
