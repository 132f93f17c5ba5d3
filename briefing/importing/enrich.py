"""What import infers beyond structure: the title, the source and the recommendations.

Inference only adds to ``meta`` and ``recommendations``; it never changes a section or block.
"""

from __future__ import annotations

import re

from .. import patterns
from ..model import Briefing, ListBlock, Paragraph, Recommendation, RecommendationDetail, Section, Table
from ..refs import Ref
from .positions import TITLE

_PUBLISHER = r"((?:The\s+)?[A-Z][\w&'’.-]*(?:\s+(?:of\s+)?[A-Z][\w&'’.-]*){0,5})"
_ATTRIBUTION = patterns.compile(
    r"\b(?:(?:first\s+)?(?:reported|published|broadcast)\s+(?:by|in|on)|a\s+report\s+(?:by|from))\s+"
    + _PUBLISHER
    # "according to Reuters," names a source; "according to US customs data" names data, not who published it.
    + r"|\baccording\s+to\s+"
    + _PUBLISHER.replace("((", "(?P<according>(", 1)
    + r"(?=\s*[,.;)]|\s*$)"
)
#: Where a sentence ends inside a matched name: "Reuters. The meeting" is Reuters ("U.S. News" is one name).
_SENTENCE_BREAK = patterns.compile(r"(?<=[a-z\d])\.\s")
_SOURCE_LINE = patterns.compile(r"^\s*(?:Sources?|Via|Credit)\s*:\s*(.+?)\s*$", re.IGNORECASE)
_URL = patterns.compile(r"https?://[^\s<>()\"'|]+[^\s<>()\"'|.,;:!?]")
#: An address that names a picture (an article's hero image), not the article's source.
_IMAGE = patterns.compile(r"\.(?:png|jpe?g|gif|svg|webp|bmp|tiff?|avif)(?:[?#]|$)", re.IGNORECASE)
#: A heading over recommendations, in English, French, Spanish and German.
_RECOMMENDATION_HEADING = patterns.compile(
    r"recomm[ae]nd|next steps|proposed actions?|courses? of action|what (?:we|you) should"
    r"|prochaines [ée]tapes|mesures propos[ée]es|pistes d.action"
    r"|recomendaci|pr[óo]ximos pasos|acciones propuestas"
    r"|empfehlung|n[äa]chste schritte|vorgeschlagene ma(?:ß|ss)nahmen|handlungsoptionen",
    re.IGNORECASE,
)
_ACTION_COLUMN = patterns.compile(
    r"\b(action|recommend\w*|measure|step|proposal|option|initiative)s?\b", re.I
)
_IMPACT_COLUMN = patterns.compile(r"\b(impact|outcome|result|effect|benefit)s?\b", re.IGNORECASE)


#: Lines that open an article but do not name it: a date, a classification marking, hashtags.
_NOT_A_TITLE = patterns.compile(
    r"^(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day\b.*|\d{1,4}[-/. ]\w{1,9}[-/. ]\d{1,4}\b.*"
    r"|(?:\d{1,2}\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(?:,\s*\d{4})?"
    r"|(?:\d{1,2}\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{4}"
    r"|(?:top\s+)?secret|confidential|restricted|unclassified|protected(?:\s+[abc])?|official(?:-sensitive)?"
    r"|#\w+(?:\s+#\w+)*|(?:www\.)?[\w-]+\.(?:com|org|net|gov|int|co\.uk|news)|page\s+\d+(?:\s+of\s+\d+)?)$",
    re.IGNORECASE,
)
#: The outline number of a section heading ("2.", "3.1", "IV."): a section, not the document's name.
_OUTLINE_NUMBER = patterns.compile(r"^(?:\d{1,3}(?:\.\d{1,3})*\.?|[IVX]{1,5}\.)\s")
#: A plain first line longer than this is a sentence, not a title.
MAX_TITLE_LENGTH = 150


def infer_title(briefing: Briefing, title_line: str | None) -> None:
    """Title: an explicit ``#`` title line; else a memo's subject; else the first heading that can be
    a title (not a date, a classification marking, a hashtag, a site name or a numbered section); else
    a short plain first line standing above the first heading.

    A heading taken as the title and heading nothing (the next heading follows it at once) is not kept
    as an empty section as well; a first line taken as the title leaves the body.
    """
    meta = briefing.meta
    if title_line:
        meta.title = title_line
        _past_wrapper(briefing, title_line)
        return
    if meta.subtitle:  # a memo's Subject: line names the memo
        meta.title, meta.subtitle = meta.subtitle, ""
        return
    sections = briefing.sections
    lede_line = _plain_first_line(briefing)
    if lede_line is not None:
        paragraph = lede_line
        meta.title = paragraph.text
        place = briefing.source_map.pop(paragraph.id, {}).get("")
        if place:
            briefing.source_map[TITLE] = {"": place}
        sections[0].blocks.remove(paragraph)
        if not sections[0].blocks and not sections[0].heading and len(sections) > 1:
            sections.remove(sections[0])
        return
    candidate = next((s for s in sections if s.heading and _titleish(s.heading)), None)
    if candidate is None:
        meta.title = ""
        return
    meta.title = candidate.heading
    place = briefing.source_map.get(candidate.id, {}).get("")
    if place:  # the title is the heading's text: it was where the heading was
        briefing.source_map[TITLE] = {"": place}
    index = sections.index(candidate)
    first = index == next(i for i, s in enumerate(sections) if s.heading)
    if not candidate.blocks and index + 1 < len(sections) and first:
        sections.remove(candidate)
        briefing.source_map.pop(candidate.id, None)
    elif (
        candidate.blocks
        and candidate.level == 1
        and sum(1 for s in sections if s.heading) == 1
        and not any(s.blocks for s in sections[:index])
    ):
        # The one heading of the text, over all of it, is its title: the text is the lede, as under a
        # "#" title line, and the title is not shown a second time as a heading.
        candidate.heading = ""
        briefing.source_map.get(candidate.id, {}).pop("", None)
        del sections[:index]


#: Words a tool's wrapper around what it generated is named with ("Deep Research Report", "AI Summary").
_WRAPPER_WORDS = frozenset(
    "deep research report summary analysis output response answer result results document draft final "
    "generated ai assistant chatbot chat briefing brief note memo overview".split()
)
_WORD = patterns.compile(r"[^\W_]+")


def _wrapper_label(text: str) -> bool:
    """Whether a ``#`` title only names a kind of document, as a generating tool labels its output."""
    words = [w.lower() for w in _WORD.findall(text)]
    return 0 < len(words) <= 4 and all(w in _WRAPPER_WORDS for w in words)


def _past_wrapper(briefing: Briefing, label: str) -> None:
    """A tool's wrapper title (``# Deep Research Report`` over the prompt and then ``# The Real
    Title``) gives way to the document's own ``#`` title further down: that one names the note. The
    label stays, as the heading of what stands before the real title, and the real title's section
    joins the one before it, so the title is not printed twice and no character is lost."""
    if not _wrapper_label(label):
        return
    sections = briefing.sections
    index = next((i for i, s in enumerate(sections) if s.heading and s.level == 1), None)
    if index is None or index == 0:
        return
    real = sections[index]
    if not _titleish(real.heading) or _wrapper_label(real.heading) or len(real.heading.split()) < 3:
        return
    label_place = briefing.source_map.get(TITLE)
    briefing.meta.title = real.heading
    place = briefing.source_map.pop(real.id, {}).get("")
    if place:
        briefing.source_map[TITLE] = {"": place}
    else:
        briefing.source_map.pop(TITLE, None)
    sections[index - 1].blocks.extend(real.blocks)
    del sections[index]
    first = sections[0]
    if first.heading:  # the wrapper's text before its first heading was empty: the label heads the rest
        first = Section(briefing.new_id("s"), "", 1, [])
        sections.insert(0, first)
    first.heading, first.level = label, 1
    if label_place:
        briefing.source_map.setdefault(first.id, {})[""] = label_place[""]


def _titleish(heading: str) -> bool:
    """Whether a heading can name the document (see :func:`infer_title`)."""
    text = heading.strip()
    return bool(text) and not _NOT_A_TITLE.match(text) and not _OUTLINE_NUMBER.match(text)


def _plain_first_line(briefing: Briefing) -> Paragraph | None:
    """The lede's first and only-line paragraph when it reads as a title above the first heading: short,
    no final full stop, not a date or marking, and the lede holds nothing else before the heading."""
    if not briefing.sections or briefing.sections[0].heading:
        return None
    blocks = briefing.sections[0].blocks
    if not blocks or not isinstance(blocks[0], Paragraph):
        return None
    text = blocks[0].text.strip()
    # Alone in the lede above a heading; or a short line of a few words opening the text.
    short = len(text) <= 80 and len(text.split()) <= 10 and text[:1].isupper()
    if not (len(blocks) == 1 and len(briefing.sections) >= 2) and not (short and len(blocks) >= 2):
        return None
    if not text or "\n" in text or len(text) > MAX_TITLE_LENGTH or text.endswith((".", ":", ";", ",")):
        return None
    if any(run.href for run in blocks[0].runs) or not _titleish(text):
        return None
    return blocks[0]


def infer_source(briefing: Briefing) -> None:
    """Fill ``meta.source`` from an attribution ("reported by AP News"), a ``Source:`` line or a URL."""
    source = briefing.meta.source
    previous: tuple[object, object] = (None, None)
    for section, block in briefing.blocks():
        after_table = previous[0] is section and isinstance(previous[1], Table)
        previous = (section, block)
        if not isinstance(block, Paragraph):  # attributions and links are in running text
            continue
        text = block.text
        if not source.publisher:
            # A "Source:" line right under a table names where the table's figures come from.
            line = None if after_table else _SOURCE_LINE.match(text)
            match = line or _ATTRIBUTION.search(text)
            if match:
                found = match.group(1) or match.groupdict().get("according") or ""
                name = _SENTENCE_BREAK.split(found, maxsplit=1)[0]
                source.publisher = _URL.sub("", name).strip(" ,;.-—")
        if not source.url:
            hrefs = [
                run.href for run in block.runs if run.href.startswith("http") and not _IMAGE.search(run.href)
            ]
            urls = (m.group(0) for m in _URL.finditer(text) if not _IMAGE.search(m.group(0)))
            source.url = hrefs[0] if hrefs else next(urls, "")
        if source.publisher and source.url:
            break


def infer_recommendations(briefing: Briefing) -> None:
    """List items and action-table rows under a recommendations heading become recommendations.

    When a section gives the same actions twice, as list items and as rows of an action table, each
    action is one recommendation (the item, which reads as a sentence) and the row that describes it
    is kept as its detail: the note then asks for each decision once.
    """
    for section in briefing.sections:
        if not _RECOMMENDATION_HEADING.search(section.heading):
            continue
        found: list[Recommendation] = []
        for block in section.blocks:
            if isinstance(block, ListBlock):
                for index, item in enumerate(block.items):
                    found.append(
                        Recommendation(
                            briefing.new_id("r"), item.full_text, Ref(section.id, block.id, item=index)
                        )
                    )
            elif isinstance(block, Table):
                found += _recommendations_from_table(briefing, section.id, block)
        briefing.recommendations += _pair_items_and_rows(briefing, found)


#: Words too common in recommendations to say two of them describe the same action.
_COMMON = frozenset(
    "that this these those their there which with from into will would should could through across "
    "about between other more most such than them they have been being also only each every "
    "improve improved ensure enhance enhancing strengthen strengthening develop developing support "
    "increase establish establishing focus focusing areas action actions expected impact".split()
)
#: What being in the same place in the list and in the table adds to a pair's score (a tie-breaker).
_SAME_PLACE = 0.05
#: How much of a word names it (``diplomatic`` and ``diplomacy`` share ``diplom``).
_STEM = 6


def _stems(text: str) -> set[str]:
    words = re.findall(r"[^\W\d_]{5,}", text.casefold())
    return {word[:_STEM] for word in words if word not in _COMMON}


def _pair_items_and_rows(briefing: Briefing, found: list[Recommendation]) -> list[Recommendation]:
    """Recommendations from list items and from table rows of one section, with each row that names the
    same action as an item (they share distinctive words, and each is the other's one best match)
    made the item's detail instead of a recommendation of its own."""
    items = [r for r in found if r.origin.item is not None]
    rows = [r for r in found if r.origin.row is not None]
    if not items or not rows:
        return found
    cells: dict[str, set[str]] = {}
    for rec in rows:
        table = briefing.find_block(rec.origin.block_id)
        row = table.rows[rec.origin.row] if isinstance(table, Table) and rec.origin.row is not None else []
        cells[rec.id] = _stems(" ".join(row))
    item_stems = {rec.id: _stems(rec.text) for rec in items}
    # a word shared by many of the items and rows says less than one only two of them share
    spread: dict[str, int] = {}
    for stems in [*item_stems.values(), *cells.values()]:
        for stem in stems:
            spread[stem] = spread.get(stem, 0) + 1
    # an article that gives the actions twice gives them in the same order: a tie goes to the row in
    # the item's place
    score = {
        (i.id, r.id): sum(1 / spread[stem] for stem in item_stems[i.id] & cells[r.id])
        + (_SAME_PLACE if n == m and item_stems[i.id] & cells[r.id] else 0.0)
        for n, i in enumerate(items)
        for m, r in enumerate(rows)
    }

    def unique_best(scores: list[tuple[float, int]]) -> int | None:
        """The index of the strictly highest score above zero, else ``None``."""
        ranked = sorted(scores, reverse=True)
        if not ranked or ranked[0][0] <= 0 or (len(ranked) > 1 and ranked[1][0] == ranked[0][0]):
            return None
        return ranked[0][1]

    pairs: dict[str, Recommendation] = {}
    for i, item in enumerate(items):
        r = unique_best([(score[item.id, row.id], n) for n, row in enumerate(rows)])
        if (
            r is not None
            and unique_best([(score[other.id, rows[r].id], n) for n, other in enumerate(items)]) == i
        ):
            pairs[rows[r].id] = item
    pairs = _tables_that_repeat_the_list(pairs, rows, item_stems, cells)
    for row_id, item in pairs.items():
        row_rec = next(r for r in rows if r.id == row_id)
        briefing.details.append(RecommendationDetail(briefing.new_id("d"), item.id, row_rec.origin))
    return [rec for rec in found if rec.id not in pairs]


def _tables_that_repeat_the_list(
    pairs: dict[str, Recommendation],
    rows: list[Recommendation],
    item_stems: dict[str, set[str]],
    cells: dict[str, set[str]],
) -> dict[str, Recommendation]:
    """The pairs of the tables that, taken whole, give the list's actions again: at least half of a
    table's pairs share two or more distinctive words. One shared word ("staff", "customs") pairs a row
    only inside such a table; a table whose rows each share a word by chance keeps its own rows."""
    by_table: dict[str, list[str]] = {}
    for rec in rows:
        if rec.id in pairs:
            by_table.setdefault(rec.origin.block_id, []).append(rec.id)
    kept: dict[str, Recommendation] = {}
    for row_ids in by_table.values():
        strong = sum(len(item_stems[pairs[r].id] & cells[r]) >= 2 for r in row_ids)
        if 2 * strong >= len(row_ids):
            kept.update({r: pairs[r] for r in row_ids})
    return kept


def _recommendations_from_table(briefing: Briefing, section_id: str, table: Table) -> list[Recommendation]:
    out = []
    for index in range(len(table.rows)):
        text = row_recommendation_text(table, index)
        if text.strip():
            out.append(Recommendation(briefing.new_id("r"), text, Ref(section_id, table.id, row=index)))
    return out


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
