"""What each paragraph of the document view shows: a :class:`Key` naming the model text behind it.

Every text block of the view's ``QTextDocument`` carries an int user state; the view maps it to a key.
A key names exactly one editable text of the briefing (a heading, a paragraph, a list item, a table
cell, a caption, the title) or a fixed line (the banner, the header block, the register) with the
reason it is not typed in here. Typing inside one block becomes one transaction on that text.
"""

from __future__ import annotations

from dataclasses import dataclass

from briefing.refs import Ref

#: Kinds of text a block of the view can show.
TITLE, HEADING, PARAGRAPH, ITEM, CELL, CAPTION, FIXED = (
    "title",
    "heading",
    "paragraph",
    "item",
    "cell",
    "caption",
    "fixed",
)


@dataclass(frozen=True)
class Key:
    """The model text behind one block of the view.

    ``index`` is a list item's index or a table row (``HEADER_ROW`` for the header); ``column`` a
    table column; ``reason`` says, for a fixed line, where it is edited instead.
    """

    kind: str
    section_id: str = ""
    block_id: str = ""
    index: int | None = None
    column: int | None = None
    reason: str = ""

    @property
    def editable(self) -> bool:
        """Whether typing here changes the briefing."""
        return self.kind != FIXED

    def ref(self, start: int | None = None, end: int | None = None) -> Ref:
        """The place this block shows, with a span of its text when given."""
        if self.kind == TITLE:
            return Ref(field="meta.title")
        if self.kind == HEADING:
            return Ref(section_id=self.section_id, field="heading")
        if self.kind == PARAGRAPH:
            return Ref(section_id=self.section_id, block_id=self.block_id, start=start, end=end)
        if self.kind == ITEM:
            return Ref(section_id=self.section_id, block_id=self.block_id, item=self.index)
        if self.kind == CELL:
            return Ref(section_id=self.section_id, block_id=self.block_id, row=self.index, column=self.column)
        if self.kind == CAPTION:
            return Ref(section_id=self.section_id, block_id=self.block_id, field="caption")
        if self.block_id:
            return Ref(section_id=self.section_id, block_id=self.block_id)
        return Ref(section_id=self.section_id)
