"""The briefing model: plain dataclasses, nothing else.

Everything a finding, an annotation or an undo command may point at carries a stable ``id``.
Ids are short strings handed out by :meth:`Briefing.new_id`, unique within one briefing and
kept in the project file, so they survive save and reload.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, ClassVar

from .refs import Ref

#: The two purposes a briefing can serve; they pick the default export template.
PURPOSES = ("information", "decision")
#: The decisions an analyst can record on a recommendation.
DECISIONS = ("", "Approve", "Disapprove", "Modify", "Note", "Defer")
#: The priorities an analyst can record on a recommendation.
PRIORITIES = ("", "High", "Medium", "Low")
#: Section headings run from level 1 to this one (Markdown's ``#`` to ``######``).
MAX_HEADING_LEVEL = 6
#: A table column's alignment from a Markdown delimiter row ("" when the row gave none).
ALIGNMENTS = ("", "left", "center", "right")
#: Where in the note an article section can be placed, whatever the template calls that part: each
#: template's note section takes one or more of these (see :mod:`briefing.placement`). "" is the
#: template's default for the section.
PLACEMENTS = (
    "",
    "summary",
    "background",
    "status",
    "considerations",
    "options",
    "recommendations",
    "timing",
    "next_steps",
    "annex",
)


@dataclass
class Source:
    """Where the article came from."""

    publisher: str = ""
    url: str = ""
    date: str = ""


@dataclass
class Meta:
    """What the header block of the note says."""

    title: str = ""
    subtitle: str = ""
    source: Source = field(default_factory=Source)
    classification: str = "UNCLASSIFIED"
    purpose: str = "information"
    prepared_by: str = ""
    prepared_for: str = ""
    #: The briefing's date as the header block prints it; empty: the day of export.
    date: str = ""
    #: The department's file (reference) number, printed in the header block when set.
    file_number: str = ""
    #: Key points the analyst wrote for the Summary; when empty, the export uses the lede.
    summary: list[str] = field(default_factory=list)
    #: The date a decision is needed by (decision memos).
    decision_by: str = ""


@dataclass
class Run:
    """A stretch of paragraph text with one formatting."""

    text: str
    bold: bool = False
    italic: bool = False
    href: str = ""


@dataclass
class Paragraph:
    """A paragraph of running text, kept as formatted runs."""

    kind: ClassVar[str] = "paragraph"
    id: str
    runs: list[Run] = field(default_factory=list)

    @property
    def text(self) -> str:
        """The paragraph as plain text (what checks and search look at)."""
        return "".join(run.text for run in self.runs)


@dataclass
class ListItem:
    """One item of a list; ``term`` is the lead-in of a ``Term-Description`` item."""

    text: str
    term: str = ""
    level: int = 0
    #: How the source marked the item ("-", "*", "•", "1.", "2)") — kept so nothing is lost.
    marker: str = "-"
    #: What joined term and text in the source ("-", ": ", " — "); empty without a term.
    separator: str = ""

    @property
    def full_text(self) -> str:
        """The item as the source wrote it, term and text joined again."""
        return f"{self.term}{self.separator}{self.text}" if self.term else self.text


@dataclass
class ListBlock:
    """A bulleted or numbered list."""

    kind: ClassVar[str] = "list"
    id: str
    items: list[ListItem] = field(default_factory=list)
    ordered: bool = False


@dataclass
class Table:
    """A table exactly as the source wrote it: rows may be ragged, cells are plain strings."""

    kind: ClassVar[str] = "table"
    id: str
    header: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)
    caption: str = ""
    #: Column alignment from a Markdown delimiter row ("", "left", "center", "right");
    #: ``None`` when the source had no delimiter row.
    align: list[str] | None = None

    @property
    def column_count(self) -> int:
        """The widest row's width, header included."""
        return max([len(self.header), *(len(row) for row in self.rows)], default=0)


Block = Paragraph | ListBlock | Table
BLOCK_TYPES: dict[str, type] = {cls.kind: cls for cls in (Paragraph, ListBlock, Table)}


@dataclass
class Section:
    """A heading and the blocks under it; the lede is a section with an empty heading."""

    id: str
    heading: str = ""
    level: int = 1
    blocks: list[Block] = field(default_factory=list)
    #: The part of the note the section is printed in (one of :data:`PLACEMENTS`); "" lets the template
    #: decide. The analyst sets it; import leaves it empty.
    placement: str = ""


@dataclass
class Annotation:
    """The analyst's judgement on a recommendation."""

    decision: str = ""
    priority: str = ""
    owner: str = ""
    due: str = ""
    comment: str = ""


@dataclass
class Recommendation:
    """A recommendation the decision maker is asked to act on."""

    id: str
    text: str
    #: The list item or table row it was made from; an empty ref when the analyst wrote it.
    origin: Ref = Ref()
    annotation: Annotation = field(default_factory=Annotation)


@dataclass
class RecommendationDetail:
    """A second place in the article that describes the same action as a recommendation: the table row
    beside the list item it was made from. The note prints it with the recommendation, not again in the
    body; a detail whose recommendation is gone is ignored (the row is printed where it stands)."""

    id: str
    #: The id of the recommendation it details.
    recommendation: str
    origin: Ref = Ref()


@dataclass
class Comment:
    """An analyst's comment; exported as a real Word comment."""

    id: str
    #: What the comment is about: a text span, a list item, a table cell, a section heading or a
    #: recommendation (``block_id`` is then the recommendation's id).
    anchor: Ref
    text: str
    author: str = ""
    initials: str = ""
    date: str = ""
    resolved: bool = False


@dataclass
class Change:
    """One entry of the change log: which rule or action changed what, from what, to what."""

    id: str
    rule: str
    target: Ref
    before: str
    after: str
    when: str
    #: A sentence for the reader of the corrections appendix ("Removed the duplicated table").
    note: str = ""
    #: The exact inverse of the change (serialised undo units, :mod:`briefing.editing.serial`), kept in
    #: the project so that the correction can be reverted in a later session.
    inverse: list[dict[str, Any]] = field(default_factory=list)
    #: A digest of each part the change touched, as it left them: reverting is refused, with a message
    #: naming what changed, once any of them was edited since.
    guard: dict[str, str] = field(default_factory=dict)


@dataclass
class ImportNote:
    """Something import had to decide that the analyst should know about: the encoding it guessed, the
    nesting it flattened. The checks report each note as a finding; the note is kept in the project so
    the finding survives a save."""

    rule: str
    message: str
    #: The article's line the note is about (from 1); 0 when it is about the whole file.
    line: int = 0


@dataclass
class Briefing:
    """A whole briefing: what is imported, edited, checked and exported."""

    meta: Meta = field(default_factory=Meta)
    sections: list[Section] = field(default_factory=list)
    recommendations: list[Recommendation] = field(default_factory=list)
    #: Table rows (or list items) that detail a recommendation made from another place.
    details: list[RecommendationDetail] = field(default_factory=list)
    comments: list[Comment] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)
    #: Keys of findings the analyst chose to ignore (``Finding.key``: rule, place and the text concerned);
    #: kept in the project.
    ignored: list[str] = field(default_factory=list)
    #: What import decided for the analyst (guessed encoding, flattened nesting); reported by the checks.
    import_notes: list[ImportNote] = field(default_factory=list)
    #: Where each text was in the article it was imported from, so that findings can name the article's
    #: line and column: block or section id (or ``meta.title``) → part (``""``, ``item=2``, ``row=0``,
    #: ``header``) → ``"CRC START@LINE:COL …"``, used only while the part's text is unchanged (see
    #: :mod:`briefing.importing.positions`). Empty for a briefing not imported from an article.
    source_map: dict[str, dict[str, str]] = field(default_factory=dict)
    #: The next number :meth:`new_id` hands out; stored so ids stay unique after reload.
    next_id: int = 1

    def new_id(self, prefix: str) -> str:
        """Return an id not used before in this briefing, e.g. ``b12``."""
        number = self.next_id
        self.next_id += 1
        return f"{prefix}{number}"

    def blocks(self) -> Iterator[tuple[Section, Block]]:
        """Every block with its section, in reading order."""
        for section in self.sections:
            for block in section.blocks:
                yield section, block

    def find_block(self, block_id: str) -> Block | None:
        """The block with this id, or ``None``."""
        for _, block in self.blocks():
            if block.id == block_id:
                return block
        return None

    def find_section(self, section_id: str) -> Section | None:
        """The section with this id, or ``None``."""
        return next((s for s in self.sections if s.id == section_id), None)
