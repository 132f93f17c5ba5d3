"""Assembling sections and blocks in reading order; shared by the plain-text and Markdown readers."""

from __future__ import annotations

from ..model import Briefing, ImportNote, ListBlock, ListItem, Paragraph, Run, Section, Table
from .lines import split_term
from .pipe_tables import ScannedTable

#: The deepest list level (from 0) a briefing note shows: Word numbering has nine levels, and the
#: export puts anything deeper at the ninth. Import puts deeper items here itself, with a note.
MAX_LIST_LEVEL = 8


class SectionBuilder:
    """Collects blocks under the current heading, starting with an unheaded lede section."""

    def __init__(self, briefing: Briefing) -> None:
        self.briefing = briefing
        self.sections: list[Section] = [Section(briefing.new_id("s"), "", 1, [])]
        #: Text of a level-1 Markdown heading that opened the article; it becomes the title.
        self.title: str | None = None

    @property
    def current(self) -> Section:
        """The section blocks are added to."""
        return self.sections[-1]

    def heading(self, text: str, level: int = 1) -> None:
        """Start a new section."""
        self.sections.append(Section(self.briefing.new_id("s"), text, level, []))

    def paragraph(self, runs: list[Run]) -> None:
        """Add a paragraph made of formatted runs."""
        if runs:
            self.current.blocks.append(Paragraph(self.briefing.new_id("b"), runs))

    def list_items(self, items: list[ListItem], ordered: bool) -> None:
        """Add a list."""
        if items:
            self.current.blocks.append(ListBlock(self.briefing.new_id("b"), items, ordered))

    def table(self, scanned: ScannedTable) -> None:
        """Add a table exactly as scanned."""
        self.current.blocks.append(
            Table(self.briefing.new_id("b"), scanned.header, scanned.rows, "", scanned.align)
        )

    def note(self, rule: str, message: str, line: int = 0) -> None:
        """Leave a note of something import decided (reported by the checks as a finding)."""
        self.briefing.import_notes.append(ImportNote(rule, message, line))

    def finish(self) -> list[Section]:
        """The sections; an empty lede is left out when there are headed sections."""
        if len(self.sections) > 1 and not self.sections[0].blocks:
            return self.sections[1:]
        return self.sections


def make_item(text: str, level: int, marker: str) -> ListItem:
    """A list item with its term split off where it has one."""
    term, separator, rest = split_term(text)
    return ListItem(text=rest, term=term, level=level, marker=marker, separator=separator)


def levels_from_indents(indents: list[int]) -> list[int]:
    """Nesting levels for a run of list items from their indentation (deeper indent, deeper level)."""
    stack: list[int] = []
    levels = []
    for indent in indents:
        while stack and indent < stack[-1]:
            stack.pop()
        if not stack or indent > stack[-1]:
            stack.append(indent)
        levels.append(len(stack) - 1)
    return levels
