"""Assembling sections and blocks in reading order; shared by the plain-text and Markdown readers."""

from __future__ import annotations

from ..model import Briefing, ImportNote, ListBlock, ListItem, Paragraph, Run, Section, Table
from .lines import split_term
from .pipe_tables import ScannedTable
from .positions import TITLE, Segment, encode

#: The deepest list level (from 0) a briefing note shows: Word numbering has nine levels, and the
#: export puts anything deeper at the ninth. Import puts deeper items here itself, with a note.
MAX_LIST_LEVEL = 8


class SectionBuilder:
    """Collects blocks under the current heading, starting with an unheaded lede section.

    Each text can come with its segments (where it was in the article, see
    :mod:`~briefing.importing.positions`); they go into the briefing's source map.
    """

    def __init__(self, briefing: Briefing) -> None:
        self.briefing = briefing
        self.sections: list[Section] = [Section(briefing.new_id("s"), "", 1, [])]
        #: Text of a level-1 Markdown heading that opened the article; it becomes the title.
        self.title: str | None = None

    def set_title(self, text: str, at: list[Segment] | None = None) -> None:
        """The level-1 heading that opens the article: the title."""
        self.title = text
        if at:
            self.briefing.source_map[TITLE] = {"": encode(text, at)}

    def _place(self, item_id: str, part: str, text: str, at: list[Segment] | None) -> None:
        if at:
            self.briefing.source_map.setdefault(item_id, {})[part] = encode(text, at)

    @property
    def current(self) -> Section:
        """The section blocks are added to."""
        return self.sections[-1]

    def heading(self, text: str, level: int = 1, at: list[Segment] | None = None) -> None:
        """Start a new section."""
        section = Section(self.briefing.new_id("s"), text, level, [])
        self.sections.append(section)
        self._place(section.id, "", text, at)

    def paragraph(self, runs: list[Run], at: list[Segment] | None = None) -> None:
        """Add a paragraph made of formatted runs."""
        if runs:
            block = Paragraph(self.briefing.new_id("b"), runs)
            self.current.blocks.append(block)
            self._place(block.id, "", block.text, at)

    def list_items(
        self, items: list[ListItem], ordered: bool, at: list[list[Segment] | None] | None = None
    ) -> None:
        """Add a list; ``at`` holds each item's segments (of its full text)."""
        if items:
            block = ListBlock(self.briefing.new_id("b"), items, ordered)
            self.current.blocks.append(block)
            for index, (item, segments) in enumerate(zip(items, at or (), strict=False)):
                self._place(block.id, f"item={index}", item.full_text, segments)

    def table(self, scanned: ScannedTable) -> None:
        """Add a table exactly as scanned."""
        block = Table(self.briefing.new_id("b"), scanned.header, scanned.rows, "", scanned.align)
        self.current.blocks.append(block)
        if scanned.sealed is None:
            scanned.seal()
        assert scanned.sealed is not None
        for index, encoded in enumerate(scanned.sealed):
            if encoded:
                part = "header" if index == 0 else f"row={index - 1}"
                self.briefing.source_map.setdefault(block.id, {})[part] = encoded

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
