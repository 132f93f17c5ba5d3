"""Random briefings rendered as the damaged text analysts paste, and a measure of what import recovers.

:func:`make_briefing` draws a briefing (a title, an optional memo header, headings at one to three
levels, paragraphs, lists with terms and nesting, tables of two to eight columns with text and number
cells) from a seeded :class:`random.Random`; each function in :data:`RENDERINGS` writes it out one way
(no blank lines, capitals, numbered, bold or underlined headings, tables flattened with tabs, runs of
spaces or bare pipes, hard wraps, markers alone on their lines, indentation, CRLF, page furniture).
:func:`recovery` compares what import made of it with what was drawn. The words are our own.
"""

from __future__ import annotations

import random
import re
import textwrap
from collections import Counter
from dataclasses import dataclass, field

from briefing.model import Briefing, ListBlock, Table

NOUNS = (
    "harbour freight budget ministry council tariff corridor reservoir grid pipeline customs ferry quota "
    "census railway treaty survey subsidy warehouse runway orchard turbine clinic bridge archive"
).split()
ADJECTIVES = "northern coastal regional annual interim revised municipal seasonal national rural".split()
VERBS = "rose fell stalled doubled narrowed widened recovered slipped held improved".split()
PLACES = "Avonport Kestrel Bay Lowmere Ostrava Pellin Tarsk Vennholt Marrow Isle".split(" ")
PEOPLE = ("Ana Ruiz", "Tomas Berg", "Leila Haddad", "Piet Vos", "Mina Oduya")


@dataclass
class Block:
    """One drawn block: ``kind`` is ``paragraph``, ``list`` or ``table``."""

    kind: str
    text: str = ""
    #: List items: (level, term, text).
    items: list[tuple[int, str, str]] = field(default_factory=list)
    ordered: bool = False
    header: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)


@dataclass
class GenSection:
    heading: str
    level: int
    blocks: list[Block]


@dataclass
class GenBriefing:
    title: str
    memo: dict[str, str]
    sections: list[GenSection]


def _words(rng: random.Random, low: int, high: int) -> list[str]:
    return [rng.choice(NOUNS + ADJECTIVES) for _ in range(rng.randint(low, high))]


def _sentence(rng: random.Random) -> str:
    subject = f"The {rng.choice(ADJECTIVES)} {rng.choice(NOUNS)}"
    tail = " ".join(
        rng.choice(NOUNS + ADJECTIVES + ["and", "of", "in", "for"]) for _ in range(rng.randint(4, 12))
    )
    return f"{subject} {rng.choice(VERBS)} by {rng.randint(2, 60)} per cent in {rng.choice(PLACES)} {tail}."


def _heading(rng: random.Random, used: set[str]) -> str:
    while True:
        words = [w.capitalize() for w in _words(rng, 2, 4)]
        if rng.random() < 0.4:
            words[1:1] = ["and"]
        text = " ".join(words)
        if text not in used:
            used.add(text)
            return text


def _cell(rng: random.Random, numeric: bool) -> str:
    if numeric:
        return rng.choice(
            [
                str(rng.randint(1, 999)),
                f"{rng.randint(1, 99)}.{rng.randint(0, 9)}",
                f"{rng.randint(1, 9)},{rng.randint(100, 999)}",
            ]
        )
    return " ".join(w.capitalize() if i == 0 else w for i, w in enumerate(_words(rng, 1, 3)))


def _block(rng: random.Random) -> Block:
    roll = rng.random()
    if roll < 0.5:
        return Block("paragraph", " ".join(_sentence(rng) for _ in range(rng.randint(1, 4))))
    if roll < 0.78:
        items: list[tuple[int, str, str]] = []
        for k in range(rng.randint(2, 6)):
            level = 1 if k and rng.random() < 0.25 and items[-1][0] == 0 else 0
            term = " ".join(w.capitalize() for w in _words(rng, 1, 3)) if rng.random() < 0.4 else ""
            text = _sentence(rng)
            if rng.random() < 0.3:
                text = text.rstrip(".")
            items.append((level, term, text))
        return Block("list", items=items, ordered=rng.random() < 0.2)
    columns = rng.randint(2, 8)
    numeric = [False] + [rng.random() < 0.5 for _ in range(columns - 1)]
    header = [w.capitalize() for w in rng.sample(NOUNS, columns)]
    rows = [[_cell(rng, numeric[c]) for c in range(columns)] for _ in range(rng.randint(2, 6))]
    return Block("table", header=header, rows=rows)


def make_briefing(seed: int) -> GenBriefing:
    """A random briefing, the same for the same seed."""
    rng = random.Random(seed)
    used: set[str] = set()
    title = f"{rng.choice(PLACES)} {_heading(rng, used)} Review"
    memo: dict[str, str] = {}
    if rng.random() < 0.5:
        memo = {"TO": f"Director, {rng.choice(NOUNS).capitalize()} Unit", "FROM": rng.choice(PEOPLE)}
        memo["DATE"] = f"{rng.randint(1, 28)} March 2026"
        memo["SUBJECT"] = title
    sections = []
    level = 1
    for k in range(rng.randint(2, 6)):
        level = 1 if k == 0 else rng.choice([lv for lv in (1, 2, 3) if lv <= level + 1])
        blocks: list[Block] = []
        for _ in range(rng.randint(1, 3)):
            block = _block(rng)
            if block.kind == "list" and blocks and blocks[-1].kind == "list":
                # Two lists in a row read as one in any text: a paragraph between keeps them two.
                blocks.append(Block("paragraph", _sentence(rng)))
            blocks.append(block)
        if blocks[0].kind != "paragraph":
            blocks.insert(0, Block("paragraph", _sentence(rng)))
        sections.append(GenSection(_heading(rng, used), level, blocks))
    return GenBriefing(title, memo, sections)


# --- Rendering ----------------------------------------------------------------------------------------


@dataclass
class Style:
    """How one rendering writes each part."""

    heading: str = "title"  # title, caps, numbered, bold, underline
    table: str = "pipes"  # pipes, tabs, spaces, bare-pipes
    blank_lines: bool = True
    wrap: int = 0
    markers_alone: bool = False
    indent: str = ""
    newline: str = "\n"
    furniture: bool = False


def _heading_lines(section: GenSection, style: Style, number: str) -> list[str]:
    text = section.heading
    if style.heading == "caps":
        return [text.upper()]
    if style.heading == "numbered":
        return [f"{number} {text}"]
    if style.heading == "bold":
        return [f"**{text}**"]
    if style.heading == "underline":
        return [text, ("=" if section.level == 1 else "-") * len(text)]
    return [text]


def _table_lines(block: Block, style: Style) -> list[str]:
    rows = [block.header, *block.rows]
    if style.table == "tabs":
        return ["\t".join(row) for row in rows]
    if style.table == "spaces":
        widths = [max(len(row[c]) for row in rows) for c in range(len(block.header))]
        return ["   ".join(cell.ljust(widths[c]) for c, cell in enumerate(row)).rstrip() for row in rows]
    if style.table == "bare-pipes":
        return [" | ".join(row) for row in rows]
    lines = ["| " + " | ".join(block.header) + " |", "|" + "---|" * len(block.header)]
    return lines + ["| " + " | ".join(row) + " |" for row in block.rows]


def _wrap(text: str, width: int, first: str = "", rest: str = "") -> list[str]:
    if not width:
        return [first + text]
    return textwrap.wrap(text, width, initial_indent=first, subsequent_indent=rest, break_on_hyphens=False)


def _list_lines(block: Block, style: Style) -> list[str]:
    lines = []
    for number, (level, term, text) in enumerate(block.items, 1):
        marker = f"{number}." if block.ordered else "-"
        full = f"{term}: {text}" if term else text
        pad = "  " * level
        if style.markers_alone:
            lines += [pad + marker, *_wrap(full, style.wrap, pad + "  ", pad + "  ")]
        else:
            lines += _wrap(full, style.wrap, f"{pad}{marker} ", pad + " " * (len(marker) + 1))
    return lines


def render(briefing: GenBriefing, style: Style, seed: int = 0) -> str:
    """The briefing as text in ``style``."""
    rng = random.Random(seed)
    chunks: list[list[str]] = []
    if briefing.memo:
        chunks.append([f"{label}: {value}" for label, value in briefing.memo.items()])
    else:
        chunks.append([briefing.title])
    counters = [0, 0, 0]
    for section in briefing.sections:
        depth = section.level - 1
        counters[depth] += 1
        counters[depth + 1 :] = [0] * (2 - depth)
        number = ".".join(str(n) for n in counters[: depth + 1]) + ("." if depth == 0 else "")
        chunks.append(_heading_lines(section, style, number))
        for block in section.blocks:
            if block.kind == "paragraph":
                chunks.append(_wrap(block.text, style.wrap))
            elif block.kind == "list":
                chunks.append(_list_lines(block, style))
            else:
                chunks.append(_table_lines(block, style))
    if style.furniture:  # a page break between blocks: the page number and the running header
        breaks = [k for k in range(2, len(chunks)) if rng.random() < 0.35] or [2]
        for page, k in reversed(list(enumerate(breaks, 2))):
            chunks.insert(k, [f"Page {page} of {len(breaks) + 1}", "Harbour Review - internal draft"])
    lines: list[str] = []
    for chunk in chunks:
        lines += chunk
        if style.blank_lines:
            lines.append("")
    return style.newline.join(style.indent + line if line else line for line in lines)


RENDERINGS: dict[str, Style] = {
    "clean": Style(),
    "no-blank-lines": Style(blank_lines=False),
    "caps-headings": Style(heading="caps"),
    "numbered-headings": Style(heading="numbered"),
    "bold-headings": Style(heading="bold"),
    "underlined-headings": Style(heading="underline"),
    "tab-tables": Style(table="tabs"),
    "space-tables": Style(table="spaces"),
    "pipes-no-delimiter": Style(table="bare-pipes"),
    "hard-wrap-60": Style(wrap=60),
    "hard-wrap-80": Style(wrap=80),
    "markers-alone": Style(markers_alone=True),
    "indented-4": Style(indent="    "),
    "crlf": Style(newline="\r\n"),
    "page-furniture": Style(furniture=True),
    "no-blank-lines-wrapped": Style(blank_lines=False, wrap=72),
    "pdf-copy": Style(heading="caps", blank_lines=False, wrap=70, furniture=True, table="spaces"),
    "email": Style(
        heading="numbered", wrap=68, indent="    ", newline="\r\n", markers_alone=True, table="tabs"
    ),
}


# --- Measuring -----------------------------------------------------------------------------------------

_NUMBER_PREFIX = re.compile(r"^\d+(?:\.\d+)*\.?\s+")


def _norm(heading: str) -> str:
    return _NUMBER_PREFIX.sub("", heading).strip("*").casefold()


def expected(briefing: GenBriefing) -> dict[str, list]:
    """What import should find: headings (text, level), table shapes, list item counts."""
    blocks = [b for s in briefing.sections for b in s.blocks]
    return {
        "headings": [(_norm(s.heading), s.level) for s in briefing.sections],
        "tables": [(len(b.header), len(b.rows)) for b in blocks if b.kind == "table"],
        "lists": [len(b.items) for b in blocks if b.kind == "list"],
    }


def found(briefing: Briefing) -> dict[str, list]:
    """What import found, in the shape of :func:`expected`."""
    blocks = [b for _, b in briefing.blocks()]
    return {
        "headings": [(_norm(s.heading), s.level) for s in briefing.sections if s.heading],
        "tables": [(b.column_count, len(b.rows)) for b in blocks if isinstance(b, Table)],
        "lists": [len(b.items) for b in blocks if isinstance(b, ListBlock)],
    }


def f1(want: list, got: list) -> float:
    """F1 of two lists taken as multisets (1.0 when both are empty)."""
    if not want and not got:
        return 1.0
    common = sum((Counter(want) & Counter(got)).values())
    if not common:
        return 0.0
    precision, recall = common / len(got), common / len(want)
    return 2 * precision * recall / (precision + recall)


def recovery(drawn: GenBriefing, imported: Briefing, levels: bool = False) -> dict[str, tuple[bool, float]]:
    """Per kind: whether it came back exactly, and its F1; heading levels count only if ``levels``."""
    want, got = expected(drawn), found(imported)
    if not levels:
        want["headings"] = [text for text, _ in want["headings"]]
        got["headings"] = [text for text, _ in got["headings"]]
    return {kind: (want[kind] == got[kind], f1(want[kind], got[kind])) for kind in want}
