"""Reading plain-text articles: headings are bare title-case lines, lists and pipe tables as written.

Each line of a long-line article (one paragraph a line, as chat tools write them) is a paragraph; in a
hard-wrapped article (short lines, blank lines between paragraphs) consecutive lines are joined.
"""

from __future__ import annotations

from ..model import Briefing, ListItem, Run
from .builder import MAX_LIST_LEVEL, SectionBuilder, levels_from_indents, make_item
from .lines import ListLine, is_heading_line, list_line, markdown_heading
from .pipe_tables import scan_table, starts_table
from .positions import Segment

_SENTENCE_END = tuple('.!?:;…"”’)')


def parse_plain_text(text: str, briefing: Briefing) -> SectionBuilder:
    """Parse an article's text into sections; never drops a character that is not markup."""
    lines = text.split("\n")
    wrapped = _is_hard_wrapped(lines)
    builder = SectionBuilder(briefing)
    paragraph: list[str] = []
    #: Where each line of the paragraph starts: its line and column (both from 1).
    paragraph_at: list[tuple[int, int]] = []
    items: list[ListLine] = []
    seen_content = False

    def flush_paragraph() -> None:
        if paragraph:
            segments: list[Segment] = []
            offset = 0
            for text, (line_number, column) in zip(paragraph, paragraph_at, strict=True):
                segments.append((offset, line_number, column))
                offset += len(text) + 1
            builder.paragraph([Run(" ".join(paragraph))], segments)
            paragraph.clear()
            paragraph_at.clear()

    def start(line: str) -> int:
        """The column (from 1) of the line's first character that is not white space."""
        return len(line) - len(line.lstrip()) + 1

    def flush_list() -> None:
        if items:
            levels = levels_from_indents([item.indent for item in items])
            deepest = max(levels)
            if deepest > MAX_LIST_LEVEL:
                # The note shows nine levels; deeper items keep their text at the ninth, and the analyst
                # is told, as for Markdown.
                levels = [min(level, MAX_LIST_LEVEL) for level in levels]
                builder.note(
                    "import.nesting",
                    f"A list nested {deepest + 1} levels deep is shown {MAX_LIST_LEVEL + 1} levels deep.",
                )
            made: list[ListItem] = [
                make_item(item.text, level, item.marker) for item, level in zip(items, levels, strict=True)
            ]
            builder.list_items(made, items[0].ordered, [item.at for item in items])
            items.clear()

    i = 0
    while i < len(lines):
        line = lines[i]
        stripped = line.strip()
        if not stripped:
            flush_paragraph()
            i += 1
            continue
        if starts_table(lines, i):
            flush_paragraph()
            flush_list()
            scanned = scan_table(lines, i)
            builder.table(scanned)
            i = scanned.end_line
            seen_content = True
            continue
        item = list_line(line)
        if item is not None:
            flush_paragraph()
            if items and item.ordered != items[0].ordered and item.indent <= items[0].indent:
                flush_list()
            item.at = [(0, i + 1, item.column + 1)]
            items.append(item)
            i += 1
            continue
        if items and line[:1] in (" ", "\t") and line.expandtabs(4).startswith(" " * (items[-1].indent + 1)):
            items[-1].at.append((len(items[-1].text) + 1, i + 1, start(line)))
            items[-1].text += " " + stripped  # an indented continuation of the last item
            i += 1
            continue
        flush_list()
        atx = markdown_heading(line)
        if atx is not None:
            flush_paragraph()
            level, heading = atx
            at = [(0, i + 1, line.find(heading, len(line) - len(line.lstrip(" ")) + level) + 1)]
            if level == 1 and not seen_content and builder.title is None:
                builder.set_title(heading, at)
            else:
                builder.heading(heading, level, at)
            seen_content = True
            i += 1
            continue
        if is_heading_line(line) and (not paragraph or not wrapped) and not _continues(paragraph, stripped):
            flush_paragraph()
            builder.heading(stripped, 1, [(0, i + 1, start(line))])
            seen_content = True
            i += 1
            continue
        if not (paragraph and (wrapped or _continues(paragraph, stripped))):
            flush_paragraph()
        paragraph.append(stripped)
        paragraph_at.append((i + 1, start(line)))
        seen_content = True
        i += 1
    flush_paragraph()
    flush_list()
    return builder


def _continues(paragraph: list[str], line: str) -> bool:
    """A line that carries on an unfinished sentence: the last one has no end mark, this one is lower case."""
    return bool(paragraph) and not paragraph[-1].endswith(_SENTENCE_END) and line[:1].islower()


def _is_hard_wrapped(lines: list[str]) -> bool:
    """Whether prose is hard-wrapped: short lines, some of which end mid-sentence before another line."""
    prose = [line.strip() for line in lines if line.strip() and list_line(line) is None and "|" not in line]
    if len(prose) < 3:
        return False
    short = sum(1 for line in prose if len(line) <= 100)
    if short / len(prose) < 0.8:
        return False
    broken = 0
    for first, second in zip(lines, lines[1:], strict=False):
        a, b = first.strip(), second.strip()
        if a and b and "|" not in a + b and not a.endswith(_SENTENCE_END) and not is_heading_line(a):
            broken += 1
    return broken >= 1
