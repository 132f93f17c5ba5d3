"""What import infers beyond structure: the title, the source and the recommendations.

Inference only adds to ``meta`` and ``recommendations``; it never changes a section or block.
"""

from __future__ import annotations

import re

from ..model import Briefing, ListBlock, Paragraph, Recommendation, Table
from ..refs import Ref
from .positions import TITLE

_PUBLISHER = r"((?:The\s+)?[A-Z][\w&'’.-]*(?:\s+(?:of\s+)?[A-Z][\w&'’.-]*){0,5})"
_ATTRIBUTION = re.compile(r"\b(?:first\s+)?(?:reported|published|broadcast)\s+(?:by|in|on)\s+" + _PUBLISHER)
_SOURCE_LINE = re.compile(r"^\s*(?:Sources?|Via|Credit)\s*:\s*(.+?)\s*$", re.IGNORECASE)
_URL = re.compile(r"https?://[^\s<>()\"'|]+[^\s<>()\"'|.,;:!?]")
#: An address that names a picture (an article's hero image), not the article's source.
_IMAGE = re.compile(r"\.(?:png|jpe?g|gif|svg|webp|bmp|tiff?|avif)(?:[?#]|$)", re.IGNORECASE)
_RECOMMENDATION_HEADING = re.compile(
    r"recommend|next steps|proposed actions?|courses? of action|what (?:we|you) should", re.IGNORECASE
)
_ACTION_COLUMN = re.compile(r"\b(action|recommend\w*|measure|step|proposal|option|initiative)s?\b", re.I)
_IMPACT_COLUMN = re.compile(r"\b(impact|outcome|result|effect|benefit)s?\b", re.IGNORECASE)


def infer_title(briefing: Briefing, title_line: str | None) -> None:
    """Title: an explicit ``#`` title line, else the first heading."""
    if title_line:
        briefing.meta.title = title_line
        return
    first = next((s for s in briefing.sections if s.heading), None)
    briefing.meta.title = first.heading if first is not None else ""
    place = briefing.source_map.get(first.id, {}).get("") if first is not None else None
    if place:  # the title is the first heading's text: it was where the heading was
        briefing.source_map[TITLE] = {"": place}


def infer_source(briefing: Briefing) -> None:
    """Fill ``meta.source`` from an attribution ("reported by AP News"), a ``Source:`` line or a URL."""
    source = briefing.meta.source
    for _, block in briefing.blocks():
        if not isinstance(block, Paragraph):  # attributions and links are in running text
            continue
        text = block.text
        if not source.publisher:
            match = _SOURCE_LINE.match(text) or _ATTRIBUTION.search(text)
            if match:
                source.publisher = _URL.sub("", match.group(1)).strip(" ,;.-—")
        if not source.url:
            hrefs = [
                run.href for run in block.runs if run.href.startswith("http") and not _IMAGE.search(run.href)
            ]
            urls = (m.group(0) for m in _URL.finditer(text) if not _IMAGE.search(m.group(0)))
            source.url = hrefs[0] if hrefs else next(urls, "")
        if source.publisher and source.url:
            break


def infer_recommendations(briefing: Briefing) -> None:
    """List items and action-table rows under a recommendations heading become recommendations."""
    for section in briefing.sections:
        if not _RECOMMENDATION_HEADING.search(section.heading):
            continue
        for block in section.blocks:
            if isinstance(block, ListBlock):
                for index, item in enumerate(block.items):
                    briefing.recommendations.append(
                        Recommendation(
                            briefing.new_id("r"), item.full_text, Ref(section.id, block.id, item=index)
                        )
                    )
            elif isinstance(block, Table):
                _recommendations_from_table(briefing, section.id, block)


def _recommendations_from_table(briefing: Briefing, section_id: str, table: Table) -> None:
    for index in range(len(table.rows)):
        text = row_recommendation_text(table, index)
        if text.strip():
            briefing.recommendations.append(
                Recommendation(briefing.new_id("r"), text, Ref(section_id, table.id, row=index))
            )


def row_recommendation_text(table: Table, index: int) -> str:
    """The recommendation text import makes from body row ``index`` of an action table, or "".

    Public so that a fix repairing a row can tell whether a recommendation still reads as import made
    it, and refresh it from the repaired row.
    """
    action = next((i for i, h in enumerate(table.header) if _ACTION_COLUMN.search(h)), None)
    if action is None or not 0 <= index < len(table.rows):
        return ""
    impact = next((i for i, h in enumerate(table.header) if _IMPACT_COLUMN.search(h)), None)
    row = table.rows[index]
    cell = row[action] if action < len(row) else ""
    area = row[0] if action != 0 and row else ""
    text = f"{area}: {cell}" if area and cell else cell or area
    if impact is not None and impact < len(row) and row[impact]:
        text += f" (expected impact: {row[impact]})"
    return text
