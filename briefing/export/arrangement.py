"""Where each article section goes in the note, and which blocks the recommendations replace.

A template lists the note's parts in order (Issue, Background, …, Recommendations, Annex A); each part
takes some placements. An article section goes where the analyst placed it (``Section.placement``), or
by default: the lede (the text before the first heading) to the summary, a section recommendations were
made from to the recommendations, any other to the template's ``article_placement``. Every section is
printed in exactly one part, so nothing is lost and nothing is printed twice; the export, the page
estimate and the editor's outline all ask this module.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..model import Block, Briefing, ListBlock, Section, Table
from ..refs import Ref
from .templates import SOURCES, NoteSection, TemplateSettings


@dataclass
class Part:
    """One part of the note as it will be printed: its template section and the article sections in it."""

    note: NoteSection
    sections: list[Section] = field(default_factory=list)

    @property
    def summary(self) -> bool:
        """It prints the analyst's key points (and takes the lede by default)."""
        return "summary" in self.note.takes

    @property
    def recommendations(self) -> bool:
        """It prints the numbered recommendations."""
        return "recommendations" in self.note.takes

    @property
    def sources(self) -> bool:
        """It prints the source line."""
        return SOURCES in self.note.takes


def default_placement(
    briefing: Briefing, section: Section, settings: TemplateSettings, with_recs: set[str] | None = None
) -> str:
    """Where a section goes when the analyst has not placed it (``with_recs``: the ids of the sections
    recommendations were made from, when the caller has them)."""
    if briefing.sections and section is briefing.sections[0] and not section.heading.strip():
        return "summary"
    if section.id in (recommendation_sections(briefing) if with_recs is None else with_recs):
        return "recommendations"
    return settings.article_placement


def recommendation_sections(briefing: Briefing) -> set[str]:
    """The ids of the sections holding a block a recommendation (or its detail) was made from."""
    blocks = {ref.block_id for ref in _live_refs(briefing)}
    return {s.id for s in briefing.sections if any(b.id in blocks for b in s.blocks)}


def placement(
    briefing: Briefing, section: Section, settings: TemplateSettings, with_recs: set[str] | None = None
) -> str:
    """The placement a section has in this template: its own when some part takes it, else the default."""
    chosen = section.placement or default_placement(briefing, section, settings, with_recs)
    parts = settings.note_sections()
    if any(chosen in part.takes for part in parts):
        return chosen
    fallback = settings.article_placement
    return fallback if any(fallback in part.takes for part in parts) else ""


def arrange(briefing: Briefing, settings: TemplateSettings) -> list[Part]:
    """The note's parts in template order, each with its article sections in article order.

    A section whose placement no part takes goes to the first part that is not an annex, so a user's
    template that names fewer parts still prints everything.
    """
    parts = [Part(note) for note in settings.note_sections()]
    home = next((p for p in parts if not p.note.annex), parts[0]) if parts else None
    with_recs = recommendation_sections(briefing)
    for section in briefing.sections:
        where = placement(briefing, section, settings, with_recs)
        part = next((p for p in parts if where and where in p.note.takes), home)
        if part is not None:
            part.sections.append(section)
    return parts


def replaced_blocks(briefing: Briefing) -> set[str]:
    """The ids of the lists and tables the recommendations print instead: every item of the list (every
    body row of the table) is a recommendation or a recommendation's detail. A list or table only partly
    made into recommendations is printed as it stands."""
    taken: dict[str, set[int]] = {}
    for ref in _live_refs(briefing):
        index = ref.item if ref.item is not None else ref.row
        if ref.block_id and index is not None and ref.column is None and not ref.is_header:
            taken.setdefault(ref.block_id, set()).add(index)
    out = set()
    for block_id, indexes in taken.items():
        block = briefing.find_block(block_id)
        if block is not None and _all_taken(block, indexes):
            out.add(block_id)
    return out


def _all_taken(block: Block, indexes: set[int]) -> bool:
    if isinstance(block, ListBlock):
        return bool(block.items) and indexes >= set(range(len(block.items)))
    if isinstance(block, Table):
        return bool(block.rows) and indexes >= set(range(len(block.rows)))
    return False


def _live_refs(briefing: Briefing) -> list[Ref]:
    """The origins of the recommendations and of the details whose recommendation still exists."""
    recs = {rec.id for rec in briefing.recommendations}
    refs = [rec.origin for rec in briefing.recommendations if not rec.origin.lost]
    refs += [d.origin for d in briefing.details if d.recommendation in recs and not d.origin.lost]
    return refs
