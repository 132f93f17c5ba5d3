"""Reading Markdown articles with markdown-it-py, with the same table tolerance as plain text.

markdown-it's own GFM table rule swallows the paragraph after a table and drops cells past the header's
width, so pipe tables are cut out first by our scanner and only the text between them goes through
markdown-it (CommonMark with strikethrough, tables off).
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.token import Token

from ..model import Briefing, ListItem, Run
from .builder import SectionBuilder, make_item
from .pipe_tables import scan_table, starts_table

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_parser: MarkdownIt | None = None


def _markdown() -> MarkdownIt:
    global _parser
    if _parser is None:
        _parser = MarkdownIt("commonmark").enable("strikethrough")
    return _parser


def parse_markdown(text: str, briefing: Briefing) -> SectionBuilder:
    """Parse a Markdown article into sections, paragraphs with runs, lists and tables."""
    builder = SectionBuilder(briefing)
    lines = text.split("\n")
    chunk: list[str] = []
    fence: str | None = None
    i = 0
    while i < len(lines):
        line = lines[i]
        opener = _FENCE.match(line)
        if fence is not None:
            if opener and opener.group(1)[0] == fence[0] and len(opener.group(1)) >= len(fence):
                fence = None
        elif opener:
            fence = opener.group(1)
        elif starts_table(lines, i) and not line.startswith(("    ", "\t")):
            _convert(chunk, builder)
            chunk = []
            scanned = scan_table(lines, i)
            builder.table(scanned)
            i = scanned.end_line
            continue
        chunk.append(line)
        i += 1
    _convert(chunk, builder)
    return builder


def _convert(lines: list[str], builder: SectionBuilder) -> None:
    """Turn a table-free stretch of Markdown into blocks."""
    if not any(line.strip() for line in lines):
        return
    tokens = _markdown().parse("\n".join(lines))
    _TokenWalker(builder).walk(tokens)


class _TokenWalker:
    """Walks markdown-it's flat token stream and feeds the section builder."""

    def __init__(self, builder: SectionBuilder) -> None:
        self.builder = builder
        self.items: list[ListItem] = []
        self.list_depth = 0
        self.ordered = False
        self.marker = "-"
        self.item_open = False

    def walk(self, tokens: list[Token]) -> None:
        pending_heading: int | None = None
        for token in tokens:
            kind = token.type
            if kind == "heading_open":
                pending_heading = int(token.tag[1])
            elif kind in ("bullet_list_open", "ordered_list_open"):
                if self.list_depth == 0:
                    self.items = []
                    self.ordered = kind == "ordered_list_open"
                self.list_depth += 1
            elif kind in ("bullet_list_close", "ordered_list_close"):
                self.list_depth -= 1
                if self.list_depth == 0:
                    self.builder.list_items(self.items, self.ordered)
                    self.items = []
            elif kind == "list_item_open":
                self.marker = f"{token.info}{token.markup}" if token.info else token.markup or "-"
                self.item_open = True
            elif kind == "list_item_close":
                self.item_open = False
            elif kind == "inline":
                self._inline(token, pending_heading)
                pending_heading = None
            elif kind in ("fence", "code_block", "html_block"):
                self._text_block(token.content.rstrip("\n"))

    def _inline(self, token: Token, heading_level: int | None) -> None:
        runs = inline_runs(token.children or [])
        if heading_level is not None:
            text = "".join(run.text for run in runs).strip()
            builder = self.builder
            first = len(builder.sections) == 1 and not builder.sections[0].blocks
            if heading_level == 1 and first and builder.title is None:
                builder.title = text
            else:
                builder.heading(text, heading_level)
        elif self.list_depth:
            text = "".join(run.text for run in runs)
            if self.item_open:
                self.items.append(make_item(text, self.list_depth - 1, self.marker))
                self.item_open = False
            elif self.items:  # a second paragraph inside the same item
                self.items[-1].text += "\n" + text
        else:
            self.builder.paragraph(runs)

    def _text_block(self, text: str) -> None:
        if not text.strip():
            return
        if self.list_depth and self.items:
            self.items[-1].text += "\n" + text
        else:
            self.builder.paragraph([Run(text)])


def inline_runs(children: list[Token]) -> list[Run]:
    """Formatted runs from an inline token's children; adjacent runs of one format are merged."""
    runs: list[Run] = []
    bold = italic = 0
    href = ""

    def add(text: str) -> None:
        if not text:
            return
        run = Run(text, bold > 0, italic > 0, href)
        last = runs[-1] if runs else None
        if last and (last.bold, last.italic, last.href) == (run.bold, run.italic, run.href):
            last.text += text
        else:
            runs.append(run)

    for child in children:
        kind = child.type
        if kind == "strong_open":
            bold += 1
        elif kind == "strong_close":
            bold -= 1
        elif kind == "em_open":
            italic += 1
        elif kind == "em_close":
            italic -= 1
        elif kind == "link_open":
            href = str(child.attrs.get("href", ""))
        elif kind == "link_close":
            href = ""
        elif kind == "softbreak":
            add(" ")
        elif kind == "hardbreak":
            add("\n")
        elif kind == "image":
            add(child.content or str(child.attrs.get("src", "")))
        elif kind in ("text", "code_inline", "html_inline"):
            add(child.content)
    return runs
