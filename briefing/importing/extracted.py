"""The text of a structured source (a web page, a Word document) as import read it, built with the model.

A web page or a .docx has no lines of its own that a finding could name, so import writes the text it
extracted as plain lines — a heading, a paragraph or a list item a line, a table row as ``| a | b |``,
blank lines between blocks — and records every model text's place in *those* lines. That text is the
briefing's source text: ``briefing check`` prints ``FILE:LINE:COL`` into it, and ``briefing parse --text``
prints it. Whitespace is collapsed (the source's layout is not text); every other character is kept.
"""

from __future__ import annotations

from dataclasses import dataclass

from .. import patterns
from ..model import Briefing, ListItem, Run
from .builder import MAX_LIST_LEVEL, SectionBuilder, make_item
from .pipe_tables import ScannedTable
from .positions import CELL_JOIN, Segment

_SPACE = patterns.compile(r"\s+")


def clean(text: str) -> str:
    """A text with each run of whitespace (line breaks, tabs, no-break spaces) made one space."""
    return _SPACE.sub(" ", text).strip()


def clean_runs(runs: list[Run]) -> list[Run]:
    """Runs with whitespace collapsed across their joins, empty runs dropped, neighbours of one format
    merged."""
    out: list[Run] = []
    for run in runs:
        text = _SPACE.sub(" ", run.text)
        if out and out[-1].text.endswith(" ") and text.startswith(" "):
            text = text[1:]
        elif not out:
            text = text.lstrip()
        if not text:
            continue
        last = out[-1] if out else None
        if last and (last.bold, last.italic, last.href) == (run.bold, run.italic, run.href):
            last.text += text
        else:
            out.append(Run(text, run.bold, run.italic, run.href))
    if out:
        out[-1].text = out[-1].text.rstrip()
        if not out[-1].text:
            out.pop()
    return out


@dataclass
class Entry:
    """One list item as a source gave it: its text, nesting level (from 0) and marker."""

    text: str
    level: int = 0
    marker: str = "-"


class ExtractedText:
    """Builds the briefing through a :class:`SectionBuilder` and writes the extracted text beside it."""

    def __init__(self, briefing: Briefing) -> None:
        self.builder = SectionBuilder(briefing)
        self.lines: list[str] = []

    @property
    def text(self) -> str:
        """The extracted text, one ``\\n`` after each line."""
        return "".join(line + "\n" for line in self.lines)

    def _line(self, text: str) -> int:
        """Write a block's line (a blank line before it) and return its number (from 1)."""
        if self.lines:
            self.lines.append("")
        self.lines.append(text)
        return len(self.lines)

    def title(self, text: str) -> None:
        """The document's title (it opens the extracted text)."""
        text = clean(text)
        if text:
            self.builder.set_title(text, [(0, self._line(text), 1)])

    def heading(self, text: str, level: int) -> None:
        """A heading; an empty one is left out (it holds no text)."""
        text = clean(text)
        if text:
            self.builder.heading(text, max(1, min(level, 6)), [(0, self._line(text), 1)])

    def paragraph(self, runs: list[Run]) -> None:
        """A paragraph of formatted runs."""
        runs = clean_runs(runs)
        if runs:
            self.builder.paragraph(runs, [(0, self._line("".join(r.text for r in runs)), 1)])

    def list_items(self, entries: list[Entry], ordered: bool) -> None:
        """A list; levels deeper than a note shows are put at the deepest, with a note."""
        items: list[ListItem] = []
        places: list[list[Segment] | None] = []
        deepest = max((entry.level for entry in entries), default=0)
        for entry in entries:
            text = clean(entry.text)
            if not text:
                continue
            level = min(entry.level, MAX_LIST_LEVEL)
            item = make_item(text, level, entry.marker)
            lead = "  " * level + entry.marker + " "
            line = self._line(lead + item.full_text) if not items else self._next(lead + item.full_text)
            items.append(item)
            places.append([(0, line, len(lead) + 1)])
        if deepest > MAX_LIST_LEVEL and items:
            self.builder.note(
                "import.nesting",
                f"A list nested {deepest + 1} levels deep is shown {MAX_LIST_LEVEL + 1} levels deep.",
            )
        self.builder.list_items(items, ordered, places)

    def _next(self, text: str) -> int:
        """Write a line right under the one before (a list's next item, a table's next row)."""
        self.lines.append(text)
        return len(self.lines)

    def table(self, rows: list[list[str]]) -> None:
        """A table; its first row is the header. Empty rows are left out."""
        cleaned = [[clean(cell) for cell in row] for row in rows]
        cleaned = [row for row in cleaned if any(row)]
        if not cleaned:
            return
        places: list[list[Segment]] = []
        for index, row in enumerate(cleaned):
            line_text = "| " + " | ".join(row) + " |"
            line = self._line(line_text) if index == 0 else self._next(line_text)
            segments: list[Segment] = [(-1, line, 1)]
            offset, column = 0, 3
            for cell in row:
                segments.append((offset, line, column))
                offset += len(cell) + len(CELL_JOIN)
                column += len(cell) + 3
            places.append(segments)
        width = max(len(row) for row in cleaned)
        header, *body = cleaned
        scanned = ScannedTable(0, 0, header, body, [""] * width, places)
        self.builder.table(scanned)

    def finish(self) -> None:
        """Close the sections and infer the source and recommendations, as for a text article."""
        from .enrich import infer_recommendations, infer_source, infer_title

        briefing = self.builder.briefing
        briefing.sections = self.builder.finish()
        infer_title(briefing, self.builder.title)
        infer_source(briefing)
        infer_recommendations(briefing)
