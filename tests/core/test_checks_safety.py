"""Data safety: a safe fix never changes a figure, a sign, a currency, a date or a name in what it keeps.

A hypothesis property builds a clean briefing (sections of paragraphs, lists and tables full of signed
figures, currencies, dates and names, with the legitimate repeats real articles have: a source line
closing two sections, an item shared by two lists, two tables with the same cells in other rows), then
a dirty copy with the defects the safe rules target (markup, empty columns, repeated cells, duplicated
tables and runs, chatter, reasoning, prompts, agent notes, placeholders, whitespace, mojibake, citation
markers…), runs every safe fix on the dirty copy and checks, token by token, that everything the clean
briefing says is still there, unchanged, and that nothing was made up: every token left is one of the
clean or the dirty briefing's. Only markup, empty cells, exact copies and chatter may go.

Every rule with a safe fix must be covered here (:data:`COVERED`); a new safe rule fails
:func:`test_every_safe_rule_is_covered` until a defect for it is added.
"""

from __future__ import annotations

import copy
import random
import re
from collections import Counter
from collections.abc import Callable

import ftfy.bad_codecs  # noqa: F401  (sloppy-windows-1252, to garble text as a broken export does)
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing.checks import apply_safe_fixes, run_checks
from briefing.checks.rules import SAFE_FIX_RULES
from briefing.model import Briefing, ListBlock, ListItem, Paragraph, Run, Section, Table
from tests.core import checks_support as support

# --- the clean briefing -----------------------------------------------------------------------------------

VALUES = [
    ">30%",
    ">30% average",
    "<5",
    "≤ 12",
    "≥3%",
    "±2.5",
    "~40",
    "-3.1%",
    "+2.1%",
    "$1.2bn",
    "€40",
    "£7m",
    "¥500",
    "1,100",
    "0.75",
    "45 km",
    "> 12 points",
    "<$4bn",
    "≈ 9.5%",
]
DATES = ["12 March 2024", "March 12, 2024", "2024-03-12", "12/03/2024", "Q3 2023", "July 2023", "3 May"]
NAMES = [
    "Ana Kowalczyk",
    "José Müller",
    "Łucja Nowak",
    "Olena Kovalenko",
    "Hwasong-18",
    "Gdańsk",
    "Chornomorsk",
    "São Paulo",
    "Ngozi Okonjo-Iweala",
    "Kim Jong Un",
]
SENTENCES = [
    "{name} said exports rose {v} by {date} in district {n}.",
    "Prices in {name} stood at {v} on {date}, against {w} in district {n}.",
    "{v} of firms surveyed in district {n} expect delays, {name} said.",
    "Officials in district {n} put the cost at {v} by {date}.",
    "The office of {name} logged {v} in district {n} for {date}.",
]
ITEMS = [
    "{name}: {v} by {date} (district {n})",
    "Raise the levy to {v} in district {n}",
    "Hold {w} for {name} in district {n}",
]
HEADERS = [
    ["Country", "Share", "Change", "Date"],
    ["Port", "Volume (t)", "Value", "Ref"],
    ["# of ships", "Route", "Cost"],
]
SHARED_ITEM = "Tariffs on steel"
SOURCE_LINE = "Reporting by Ana Kowalczyk; editing by José Müller, 3 May."
SHARED_SENTENCE = "The ministry in Gdańsk did not reply to a request for comment."


class Chooser:
    """The choices a generator makes: from hypothesis draws, or from a seeded random generator."""

    def __init__(self, draw: Callable | None = None, seed: int = 0) -> None:
        self.draw = draw
        self.random = random.Random(seed)

    def integer(self, low: int, high: int) -> int:
        return self.draw(st.integers(low, high)) if self.draw else self.random.randint(low, high)

    def pick(self, options: list):
        return self.draw(st.sampled_from(options)) if self.draw else self.random.choice(options)

    def flag(self) -> bool:
        return self.draw(st.booleans()) if self.draw else self.random.random() < 0.5


class Maker:
    """Fills templates, numbering districts so that no two sentences are equal."""

    def __init__(self, ch: Chooser) -> None:
        self.ch = ch
        self.serial = 0

    def pick(self, options: list[str]) -> str:
        return self.ch.pick(options)

    def fill(self, template: str) -> str:
        self.serial += 1
        return template.format(
            name=self.pick(NAMES),
            v=self.pick(VALUES),
            w=self.pick(VALUES),
            date=self.pick(DATES),
            n=self.serial,
        )

    def paragraph(self, briefing: Briefing) -> Paragraph:
        count = self.ch.integer(1, 3)
        return Paragraph(
            briefing.new_id("b"), [Run(" ".join(self.fill(self.pick(SENTENCES)) for _ in range(count)))]
        )

    def list_block(self, briefing: Briefing, shared: bool) -> ListBlock:
        items = [ListItem(self.fill(self.pick(ITEMS))) for _ in range(self.ch.integer(2, 4))]
        if self.ch.flag():  # a Term: description item
            items.append(
                ListItem(self.fill("rose {v} by {date} in district {n}"), "Export curbs", separator=": ")
            )
        if shared:
            items.insert(self.ch.integer(0, len(items)), ListItem(SHARED_ITEM))
        return ListBlock(briefing.new_id("b"), items)

    def table(self, briefing: Briefing) -> Table:
        header = list(self.pick([" | ".join(h) for h in HEADERS]).split(" | "))
        rows = []
        for _ in range(self.ch.integer(2, 4)):
            self.serial += 1
            row = [f"{self.pick(NAMES)} {self.serial}"]
            for column in header[1:]:
                if column == "Ref":
                    row.append(f"[{self.serial % 9 + 1}]")  # a value that looks like a citation marker
                elif column == "Volume (t)":
                    row.append(f"{self.serial},{self.ch.integer(100, 999)}")
                elif column == "Date":
                    row.append(self.pick(DATES))
                else:
                    row.append(self.pick(VALUES))
            rows.append(row)
        if self.ch.flag():
            rows[-1][-1] = ""  # a cell with no data: a short row once the dirty copy drops it
        return Table(briefing.new_id("b"), header, rows, "", [""] * len(header))


def clean_briefing(ch: Chooser) -> Briefing:
    maker = Maker(ch)
    briefing = Briefing()
    briefing.meta.title = "Grain and Shipping Update"
    headings = ["", "Markets — São Paulo", "Ports of Gdańsk", "Outlook"][: ch.integer(2, 4)]
    shared_lists = 0
    for index, heading in enumerate(headings):
        blocks: list = []
        for _ in range(ch.integer(1, 4)):
            kind = ch.pick(["paragraph", "paragraph", "list", "table"])
            if kind == "paragraph":
                blocks.append(maker.paragraph(briefing))
            elif kind == "list":
                shared = shared_lists < 2 and ch.flag()
                shared_lists += shared
                blocks.append(maker.list_block(briefing, shared))
            else:
                blocks.append(maker.table(briefing))
                if ch.flag():  # a second table with the same cells in other rows: not a copy
                    twin = copy.deepcopy(blocks[-1])
                    twin.id = briefing.new_id("b")
                    column = [row[1] for row in twin.rows]
                    for row, value in zip(twin.rows, column[1:] + column[:1], strict=True):
                        row[1] = value
                    if [row[1] for row in twin.rows] != column:
                        blocks.append(twin)
        if index > 0 and ch.flag():  # legit repeats under different headings
            blocks.append(Paragraph(briefing.new_id("b"), [Run(SOURCE_LINE)]))
            blocks.append(
                Paragraph(briefing.new_id("b"), [Run(f"{SHARED_SENTENCE} {maker.fill(SENTENCES[3])}")])
            )
        briefing.sections.append(Section(briefing.new_id("s"), heading, 1 if not heading else 2, blocks))
    return briefing


# --- the defects ------------------------------------------------------------------------------------------


def _blocks(briefing: Briefing, kind: type) -> list:
    return [(s, b) for s, b in briefing.blocks() if isinstance(b, kind)]


def _choose(ch: Chooser, options: list):
    return options[ch.integer(0, len(options) - 1)] if options else None


def _insert_after(briefing: Briefing, block, new) -> None:
    for section in briefing.sections:
        for index, other in enumerate(section.blocks):
            if other is block:
                section.blocks.insert(index + 1, new)
                return


def _para(briefing: Briefing, text: str) -> Paragraph:
    return Paragraph(briefing.new_id("b"), [Run(text)])


def _words_of(text: str) -> list[str]:
    return text.split(" ")


def markup(briefing: Briefing, ch: Chooser) -> None:
    """**bold**, an entity for a sign, a heading mark, a tag round a cell, backticks."""
    # Not <sup>: its safe strip writes the figure as a superscript ("11²"), a character the clean text
    # does not have (see test_a_superscript_tag_never_glues_its_figure_to_the_number_before_it).
    how = ch.pick(["bold", "entity", "hashes", "tag", "code", "cell-bold", "cell-entity", "end-mark"])
    if how == "end-mark":  # a paragraph of heading marks alone, after a paragraph of the article
        section = _choose(ch, briefing.sections)
        section.blocks.insert(
            ch.integer(0, len(section.blocks)), _para(briefing, ch.pick(["###", "#", "######"]))
        )
        return
    if how.startswith("cell"):
        found = _choose(
            ch,
            [
                (t, r, c)
                for _, t in _blocks(briefing, Table)
                for r, row in enumerate(t.rows)
                for c, cell in enumerate(row)
                if cell
            ],
        )
        if found:
            table, r, c = found
            cell = table.rows[r][c]
            table.rows[r][c] = (
                f"**{cell}**"
                if how == "cell-bold"
                else cell.replace(">", "&gt;").replace("<", "&lt;").replace("~", "&#126;")
            )
        return
    found = _choose(ch, _blocks(briefing, Paragraph))
    if not found:
        return
    paragraph = found[1]
    text = paragraph.text
    words = _words_of(text)
    at = ch.integer(0, len(words) - 1)
    if how == "bold":
        words[at] = f"**{words[at]}**"
    elif how == "entity":
        words = [
            w.replace(">", "&gt;").replace("<", "&lt;").replace("±", "&plusmn;").replace("€", "&euro;")
            for w in words
        ]
    elif how == "hashes":
        words[0] = "## " + words[0]
    elif how == "tag":
        words[at] = f"<b>{words[at]}</b>"
    else:
        words[at] = f"`{words[at]}`"
    paragraph.runs = [Run(" ".join(words))]


def empty_columns(briefing: Briefing, ch: Chooser) -> None:
    found = _choose(ch, _blocks(briefing, Table))
    if found:
        extra = ch.integer(1, 3)
        table = found[1]
        table.header += [""] * extra
        table.rows = [row + [""] * extra for row in table.rows]
        table.align = [""] * len(table.header)


def repeated_cells(briefing: Briefing, ch: Chooser) -> None:
    found = _choose(
        ch, [(t, r) for _, t in _blocks(briefing, Table) for r, row in enumerate(t.rows) if len(row) >= 3]
    )
    if found:
        table, r = found
        row = table.rows[r]
        start = ch.integer(0, len(row) - 3)
        table.rows[r] = row[: start + 2] + row[start : start + 2] + row[start + 2 :]


def duplicated_cell(briefing: Briefing, ch: Chooser) -> None:
    found = _choose(
        ch, [(t, r) for _, t in _blocks(briefing, Table) for r, row in enumerate(t.rows) if row[0]]
    )
    if found:
        table, r = found
        at = ch.integer(0, len(table.rows[r]) - 2)
        if table.rows[r][at]:
            table.rows[r].insert(at + 1, table.rows[r][at])


def duplicate_table(briefing: Briefing, ch: Chooser) -> None:
    found = _choose(ch, _blocks(briefing, Table))
    if found:
        twin = copy.deepcopy(found[1])
        twin.id = briefing.new_id("b")
        _insert_after(briefing, found[1], twin)


def chatter(briefing: Briefing, ch: Chooser) -> None:
    how = ch.pick(["closing", "opening", "sentence"])
    if how == "closing":
        briefing.sections[-1].blocks.append(
            _para(briefing, "If you’d like, I can also add a chart of these figures. Let me know!")
        )
    elif how == "opening":
        briefing.sections[0].blocks.insert(
            0, _para(briefing, "Certainly! Here is the briefing you asked for:")
        )
    else:
        found = _choose(ch, _blocks(briefing, Paragraph))
        if found:
            found[1].runs = [
                Run(found[1].text + " Let me know if you would like more detail on any of this.")
            ]


def whitespace(briefing: Briefing, ch: Chooser) -> None:
    how = ch.pick(["double", "edges", "invisible", "tab", "cell"])
    if how == "cell":
        found = _choose(
            ch,
            [
                (t, r, c)
                for _, t in _blocks(briefing, Table)
                for r, row in enumerate(t.rows)
                for c, cell in enumerate(row)
                if cell
            ],
        )
        if found:
            table, r, c = found
            table.rows[r][c] = "  " + table.rows[r][c].replace(" ", "  ") + " "
        return
    found = _choose(ch, _blocks(briefing, Paragraph) + _blocks(briefing, ListBlock))
    if not found:
        return
    block = found[1]
    if isinstance(block, ListBlock):
        item = block.items[ch.integer(0, len(block.items) - 1)]
        item.text = " " + item.text.replace(" ", "  ", 1) + " "
        return
    text = block.text
    if how == "double":
        text = text.replace(" ", "  ")
    elif how == "edges":
        text = f"  {text} \u00a0"
    elif how == "invisible":
        # Right after a sign that opens the paragraph too ("> \u200b12": not a quote marker).
        text = text[:1] + text[1:].replace(" ", " \u200b", 2)
    else:
        text = text.replace(" ", "\t", 1)
    block.runs = [Run(text)]


def _garble(text: str) -> str:
    return text.encode("utf-8").decode("sloppy-windows-1252")


def mojibake(briefing: Briefing, ch: Chooser) -> None:
    how = ch.pick(["paragraph", "cell", "item", "heading"])
    if how == "paragraph":
        found = _choose(ch, [b for _, b in _blocks(briefing, Paragraph) if not b.text.isascii()])
        if found:
            found.runs = [Run(_garble(found.text))]
    elif how == "cell":
        found = _choose(
            ch,
            [
                (t, r, c)
                for _, t in _blocks(briefing, Table)
                for r, row in enumerate(t.rows)
                for c, cell in enumerate(row)
                if not cell.isascii()
            ],
        )
        if found:
            table, r, c = found
            table.rows[r][c] = _garble(table.rows[r][c])
    elif how == "item":
        found = _choose(
            ch,
            [
                (b, i)
                for _, b in _blocks(briefing, ListBlock)
                for i, item in enumerate(b.items)
                if not item.text.isascii()
            ],
        )
        if found:
            block, i = found
            block.items[i].text = _garble(block.items[i].text)
    else:
        section = _choose(ch, [s for s in briefing.sections if not s.heading.isascii()])
        if section is not None:
            section.heading = _garble(section.heading)


def caption_row(briefing: Briefing, ch: Chooser) -> None:
    found = _choose(ch, _blocks(briefing, Table))
    if found:
        table = found[1]
        table.rows = [table.header, *table.rows]
        table.header = ["(all figures in USD millions)"] + [""] * (len(table.header) - 1)


def short_row(briefing: Briefing, ch: Chooser) -> None:
    for _, table in _blocks(briefing, Table):
        for row in table.rows:
            if row and not row[-1] and any(row):
                row.pop()
                return


def empty_row(briefing: Briefing, ch: Chooser) -> None:
    found = _choose(ch, _blocks(briefing, Table))
    if found:
        table = found[1]
        table.rows.insert(ch.integer(0, len(table.rows)), [""] * len(table.header))


def number_format(briefing: Briefing, ch: Chooser) -> None:
    for _, table in _blocks(briefing, Table):
        if "Volume (t)" in table.header:
            column = table.header.index("Volume (t)")
            for row in table.rows[1:]:
                if column < len(row) and "," in row[column]:
                    row[column] = row[column].replace(",", "")
                    return


def duplicate_text(briefing: Briefing, ch: Chooser) -> None:
    how = ch.pick(["paragraph", "item", "sentence"])
    if how == "paragraph":
        found = _choose(ch, _blocks(briefing, Paragraph))
        if found:
            _insert_after(briefing, found[1], _para(briefing, found[1].text))
    elif how == "item":
        found = _choose(
            ch,
            [
                (b, i)
                for _, b in _blocks(briefing, ListBlock)
                for i, item in enumerate(b.items)
                if " " in item.text
            ],
        )
        if found:
            block, i = found
            block.items.insert(i + 1, copy.deepcopy(block.items[i]))
    else:
        found = _choose(ch, _blocks(briefing, Paragraph))
        if found:
            first = found[1].text.split(". ")[0].rstrip(".") + "."
            if len(first.split()) >= 6:
                found[1].runs = [Run(f"{found[1].text} {first}")]


def term_hyphen(briefing: Briefing, ch: Chooser) -> None:
    for _, block in _blocks(briefing, ListBlock):
        for item in block.items:
            if item.term:
                item.separator = "-"
                return


def repeated_run(briefing: Briefing, ch: Chooser) -> None:
    if ch.flag():  # the whole article again, headings and all
        for section in [copy.deepcopy(s) for s in briefing.sections]:
            section.id = briefing.new_id("s")
            for block in section.blocks:
                block.id = briefing.new_id("b")
            if not section.heading:
                section.heading, section.level = briefing.meta.title, 1
            briefing.sections.append(section)
        return
    section = _choose(ch, [s for s in briefing.sections if len(s.blocks) >= 2])
    if section is not None:
        start = ch.integer(0, len(section.blocks) - 2)
        run = [copy.deepcopy(b) for b in section.blocks[start : start + 2]]
        for block in run:
            block.id = briefing.new_id("b")
        section.blocks[start + 2 : start + 2] = run


def citation(briefing: Briefing, ch: Chooser) -> None:
    """A marker after a word (before a comma or the full stop): after a figure it would be a new token."""
    spots = [
        (b, m.start())
        for _, b in _blocks(briefing, Paragraph)
        for m in re.finditer(r"(?<=[^\W\d_])(?=[,.](?:\s|$))", b.text)
    ]
    found = _choose(ch, spots)
    if found:
        block, at = found
        marker = ch.pick(["[1]", " [2][3]", "¹", "【4†source】", " [5]", "[1, 2]"])
        block.runs = [Run(block.text[:at] + marker + block.text[at:])]


def reasoning(briefing: Briefing, ch: Chooser) -> None:
    briefing.sections[0].blocks.insert(
        0, _para(briefing, "<think>The reader wants the port figures first; I will lead with them.</think>")
    )


def prompt(briefing: Briefing, ch: Chooser) -> None:
    briefing.sections[0].blocks.insert(
        0, _para(briefing, "You are a senior trade analyst writing a short briefing for ministers.")
    )


def agent_note(briefing: Briefing, ch: Chooser) -> None:
    briefing.sections[-1].blocks.append(
        _para(
            briefing,
            ch.pick(
                [
                    "search_params: {'top_k': 20, 'ranker': 'linear'}",
                    "Decision: No external tool call required.",
                ]
            ),
        )
    )


def placeholder(briefing: Briefing, ch: Chooser) -> None:
    section = _choose(ch, briefing.sections)
    section.blocks.append(
        _para(briefing, ch.pick(["[Insert chart here]", "(This section will be populated later.)"]))
    )


#: Lines import marks as page furniture: page numbers and site chrome, and running headers with a figure.
FURNITURE = ["Page 2 of 5", "- 3 -", "4 / 9", "Share this article", "Advertisement", "Grain Bulletin 2024"]


def furniture(briefing: Briefing, ch: Chooser) -> None:
    """A furniture line with import's note, as import leaves it; and, now and then, a note that marks a
    line of the clean article (import's mistake), which must be kept: its figures are data."""
    from briefing.importing.positions import encode
    from briefing.model import ImportNote

    def mark(block: Paragraph, line: int) -> None:
        briefing.source_map[block.id] = {"": encode(block.text, [(0, line, 1)])}
        briefing.import_notes.append(
            ImportNote(
                "import.furniture",
                f"“{block.text.strip()}” looks like page furniture (a page number, running header or site "
                "chrome); it is kept as a paragraph of its own.",
                line,
            )
        )

    section = _choose(ch, briefing.sections)
    block = _para(briefing, ch.pick(FURNITURE))
    section.blocks.insert(ch.integer(0, len(section.blocks)), block)
    mark(block, 900 + len(briefing.import_notes))
    if ch.flag():
        real = _choose(ch, [b for _, b in _blocks(briefing, Paragraph) if b is not block])
        if real is not None:
            mark(real, 900 + len(briefing.import_notes))


DEFECTS: dict[str, Callable[[Briefing, Callable], None]] = {
    "markup": markup,
    "empty columns": empty_columns,
    "repeated cells": repeated_cells,
    "duplicated cell": duplicated_cell,
    "duplicate table": duplicate_table,
    "chatter": chatter,
    "whitespace": whitespace,
    "mojibake": mojibake,
    "caption row": caption_row,
    "short row": short_row,
    "empty row": empty_row,
    "number format": number_format,
    "duplicate text": duplicate_text,
    "term hyphen": term_hyphen,
    "repeated run": repeated_run,
    "citation": citation,
    "reasoning": reasoning,
    "prompt": prompt,
    "agent note": agent_note,
    "placeholder": placeholder,
    "furniture": furniture,
}
#: The defect that each rule with a safe fix repairs (trailing blank lines: the source the fix is given).
COVERED = {
    "text.repeated-run": "repeated run",
    "table.duplicate": "duplicate table",
    "table.caption-row": "caption row",
    "table.repeated-cells": "repeated cells",
    "table.duplicated-cell": "duplicated cell",
    "table.empty-columns": "empty columns",
    "table.short-row": "short row",
    "table.empty-row": "empty row",
    "table.number-format": "number format",
    "text.chatbot": "chatter",
    "text.reasoning": "reasoning",
    "text.prompt": "prompt",
    "text.agent-note": "agent note",
    "text.placeholder": "placeholder",
    "text.markup": "markup",
    "text.duplicate": "duplicate text",
    "text.citation": "citation",
    "text.term-hyphen": "term hyphen",
    "text.mojibake": "mojibake",
    "text.whitespace": "whitespace",
    "text.trailing-blank-lines": "source",
    "import.furniture": "furniture",
}


def test_every_safe_rule_is_covered():
    # Every rule with a safe fix has its defect here (a rule listed that has no safe fix, or is not in
    # the catalogue yet, costs nothing: its defect still runs).
    assert SAFE_FIX_RULES <= set(COVERED), sorted(SAFE_FIX_RULES - set(COVERED))
    assert set(COVERED.values()) - {"source"} == set(DEFECTS)


# --- what must not change -------------------------------------------------------------------------------

_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))
_EDGES = ".,;:!?()[]{}\"“”'’‘«»*`"
_SIGNS = set("<>≤≥±~≈%$€£¥−")
_GROUPED = re.compile(r"(?<=\d),(?=\d{3}(?!\d))")
_NAME = re.compile(r"[A-ZÀ-ÖØ-ÞĀ-ŽŁ][^\W\d_]+")


def squash(text: str) -> str:
    return " ".join(text.translate(_INVISIBLE).split())


def tokens(text: str) -> list[str]:
    """Numbers, signs, currencies, dates (their parts) and capitalised names of a text."""
    text = squash(text)
    found = []
    for raw in text.split(" "):
        word = raw.strip(_EDGES)
        if any(c.isdigit() for c in word) or _SIGNS & set(word):
            found.append(_GROUPED.sub("", word))
    return found + _NAME.findall(text)


def texts(briefing: Briefing) -> list[str]:
    parts = [briefing.meta.title] + [s.heading for s in briefing.sections]
    for _, block in briefing.blocks():
        if isinstance(block, Paragraph):
            parts.append(block.text)
        elif isinstance(block, ListBlock):
            parts += [item.full_text for item in block.items]
        elif isinstance(block, Table):
            parts += [block.caption] + [c for row in [block.header, *block.rows] for c in row]
    return parts


def cells(briefing: Briefing) -> list[str]:
    return [
        _GROUPED.sub("", squash(cell))
        for _, block in briefing.blocks()
        if isinstance(block, Table)
        for row in [block.header, *block.rows]
        for cell in row
        if cell.strip()
    ]


def _changes(fixed: Briefing) -> str:
    return "\n".join(f"  {c.rule}: {c.before!r} -> {c.after!r}" for c in fixed.changes)


def assert_nothing_changed(clean: Briefing, dirty: Briefing, fixed: Briefing) -> None:
    try:
        _assert_nothing_changed(clean, dirty, fixed)
    except AssertionError as error:
        clean_texts, fixed_texts = texts(clean), texts(fixed)
        gone = [t for t in clean_texts if t and t not in fixed_texts]
        new = [t for t in fixed_texts if t and t not in clean_texts]
        raise AssertionError(
            f"{error}\nchanges:\n{_changes(fixed)}\nclean texts not kept: {gone}\nnew texts: {new}"
        ) from None


def _assert_nothing_changed(clean: Briefing, dirty: Briefing, fixed: Briefing) -> None:
    before = Counter(t for text in texts(clean) for t in tokens(text))
    after = Counter(t for text in texts(fixed) for t in tokens(text))
    allowed = set(before) | {t for text in texts(dirty) for t in tokens(text)}
    lost = {t: before[t] - after[t] for t in before if after[t] < before[t]}
    assert not lost, f"tokens lost or changed: {lost}"
    made_up = sorted(set(after) - allowed)
    assert not made_up, f"tokens no briefing had: {made_up}"
    clean_cells, fixed_cells = Counter(cells(clean)), Counter(cells(fixed))
    assert not clean_cells - fixed_cells, f"cells lost or changed: {clean_cells - fixed_cells}"
    assert set(fixed_cells) <= set(clean_cells) | set(cells(dirty)), set(fixed_cells) - set(clean_cells)


def dirty_copy(clean: Briefing, ch: Chooser, names: list[str]) -> Briefing:
    dirty = copy.deepcopy(clean)
    for name in names:
        DEFECTS[name](dirty, ch)
    return dirty


@st.composite
def cases(draw: Callable) -> tuple[Briefing, Briefing, list[str]]:
    ch = Chooser(draw)
    clean = clean_briefing(ch)
    names = draw(st.lists(st.sampled_from(sorted(DEFECTS)), min_size=1, max_size=6))
    return clean, dirty_copy(clean, ch, names), names


SETTINGS = settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)


@SETTINGS
@given(cases(), st.booleans())
def test_safe_fixes_keep_every_figure_sign_currency_date_and_name(case, blank_lines):
    clean, dirty, _ = case
    fixed = copy.deepcopy(dirty)
    source = "\n".join(texts(dirty)) + ("\n\n\n" if blank_lines else "\n")
    apply_safe_fixes(fixed, source=source)
    assert_nothing_changed(clean, dirty, fixed)


def test_every_defect_at_once_is_repaired_by_its_rule_and_nothing_changes():
    """Briefings with every defect at once (seeded): each rule with a safe fix makes a change in some of
    them, and in none does anything the clean briefing says change."""
    seen: Counter[str] = Counter()
    for seed in range(30):
        ch = Chooser(seed=seed)
        clean = clean_briefing(ch)
        names = [name for name in DEFECTS if name != "repeated run" or seed % 3 == 0]
        if seed % 3 == 0:
            names = [*names[1:], names[0]]  # the run copied last, with the defects in both copies
        dirty = dirty_copy(clean, ch, names)
        fixed = copy.deepcopy(dirty)
        changes = apply_safe_fixes(fixed, source="\n".join(texts(dirty)) + "\n\n\n")
        assert_nothing_changed(clean, dirty, fixed)
        seen.update({change.rule for change in changes})
    assert set(seen) >= SAFE_FIX_RULES, sorted(SAFE_FIX_RULES - set(seen))


# --- what the property found in text.markup: a superscript and a sign before an invisible space ----------


def test_a_superscript_tag_never_glues_its_figure_to_the_number_before_it():
    briefing = support.make(
        support.para("b1", "Output reached 10<sup>6</sup> tonnes, up 4.5%<sup>1</sup> on the year."),
        support.table("b2", ["Site", "Area"], ["Kim Jong Un 11<sup>2</sup>", "40 km<sup>2</sup>"]),
    )
    clean = copy.deepcopy(briefing)
    apply_safe_fixes(briefing)
    made_up = {t for text in texts(briefing) for t in tokens(text)} - {
        t for text in texts(clean) for t in tokens(text)
    }
    assert not {"106", "4.5%1", "112", "km2"} & made_up, made_up
    # The power stays a superscript; the footnote marker with no note is removed by text.citation.
    assert briefing.sections[0].blocks[0].text == "Output reached 10⁶ tonnes, up 4.5% on the year."
    assert briefing.sections[0].blocks[1].rows[0] == ["Kim Jong Un 11²", "40 km²"]


@pytest.mark.parametrize(
    "text", ["Output rose 11<b>2</b> points.", "Output rose **5**0 points.", "Q 11<sup>2"]
)
def test_markup_whose_removal_joins_two_figures_is_flagged_without_a_safe_fix(text):
    briefing = support.make(support.para("b1", text))
    (finding,) = [f for f in run_checks(briefing) if f.rule == "text.markup"]
    assert finding.safe_fix is None and "join a figure" in finding.message
    assert apply_safe_fixes(briefing) == []
    assert briefing.sections[0].blocks[0].text == text


@pytest.mark.parametrize(
    "text", ["> \u200b12 points were lost.", ">\u00a012 points were lost.", ">\u200b30% rose."]
)
def test_a_sign_before_an_invisible_space_is_kept(text):
    briefing = support.make(support.para("b1", text))
    apply_safe_fixes(briefing)
    assert briefing.sections[0].blocks[0].text.startswith(">")
