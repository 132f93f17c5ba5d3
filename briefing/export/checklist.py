"""The pre-export checklist: what should be looked at before a note goes to a decision maker.

Mostly warnings (the user can always export anyway); one error: a decision memo with nothing to
decide. Length is measured on the real layout when LibreOffice is there: the note is rendered to PDF
and its pages counted, and the page limit is checked against the note's body, before the first annex
(a heading that starts with "Annex", or the corrections appendix), as ministries count it. Without
LibreOffice the length is estimated from the amount of text, and the message says so.
"""

from __future__ import annotations

import math
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..kinds import texts
from ..model import Briefing
from ..refs import HEADER_ROW
from .templates import TemplateSettings, resolve_template

#: Rough capacity of a page at 11 pt with 1-inch margins.
WORDS_PER_PAGE = 480
TABLE_ROWS_PER_PAGE = 32
#: What an annex heading starts with: the page limit counts the pages before the first one.
ANNEX_PREFIX = "annex"
#: A heading this far down its page (as a share of the page's lines) leaves the page to what precedes.
_TOP_OF_PAGE = 0.15
#: How many of the parts taking the most space a length warning names.
LARGEST_PARTS = 3
#: What an error item of the checklist starts with (the CLI counts them as errors).
ERROR_PREFIX = "Error: "


@dataclass
class PageCount:
    """The note's length as laid out: all pages, the body's (before the first annex), and the pages
    each top-level part takes (its Heading 1 up to the next), roughly, in reading order."""

    total: int
    body: int
    parts: list[tuple[str, float]] = field(default_factory=list)
    #: How many of ``parts`` belong to the body (the first annex is ``parts[body_parts]``).
    body_parts: int = 0
    #: ``False``: an estimate from the amount of text (LibreOffice was not available).
    rendered: bool = True


def is_annex(heading: str, annexes: str | Sequence[str] = ()) -> bool:
    """Whether a top-level heading opens supporting material after the note's body: it starts with
    "Annex", or it is one of ``annexes`` (the template's annex headings and the corrections appendix's)."""
    text = " ".join(heading.split()).casefold()
    names = [annexes] if isinstance(annexes, str) else list(annexes)
    return text.startswith(ANNEX_PREFIX) or any(
        name and text == " ".join(name.split()).casefold() for name in names
    )


def annex_headings(settings: TemplateSettings) -> tuple[str, ...]:
    """The headings that open the annexes in notes made with these settings."""
    return (*(p.heading for p in settings.note_sections() if p.annex), settings.headings["corrections"])


def estimated_pages(
    briefing: Briefing, body_only: bool = False, settings: TemplateSettings | None = None
) -> float:
    """About how many pages the exported note runs to; ``body_only``: before the first annex (the
    sections the template places in an annex, an "Annex …" section, the corrections appendix are left
    out)."""
    words = 120  # header block and headings
    words += sum(len(point.split()) + 2 for point in briefing.meta.summary)  # the analyst's key points
    rows = 0
    in_annex: set[str] = set()
    if body_only and settings is not None:
        from .arrangement import arrange

        in_annex = {s.id for part in arrange(briefing, settings) if part.note.annex for s in part.sections}
    for section in briefing.sections:
        if body_only and section.id in in_annex:
            continue
        if body_only and is_annex(section.heading):
            break
        words += len(section.heading.split())
        for block in section.blocks:
            body_rows: set[int] = set()
            for ref, text in texts(block):
                if ref.row is not None:  # a table cell: tables are measured in rows
                    body_rows.add(ref.row)
                elif ref.field != "caption":
                    words += len(text.split()) + (2 if ref.item is not None else 0)  # an item's spacing
            if block.kind == "table":
                rows += len(body_rows - {HEADER_ROW}) + 3  # header, caption and spacing
    words += sum(len(r.text.split()) + 25 for r in briefing.recommendations)  # decision lines
    if not body_only:
        words += sum(30 + len(c.before.split()) + len(c.after.split()) for c in briefing.changes)
    return words / WORDS_PER_PAGE + rows / TABLE_ROWS_PER_PAGE


def measure_docx(path: Path, annexes: str | Sequence[str] = ()) -> PageCount | None:
    """Render a .docx with LibreOffice and count its pages; ``None`` when LibreOffice is missing or
    fails. Takes seconds: call it off the UI thread."""
    from ..errors import BriefingError
    from .pdf import convert_to_pdf, find_soffice

    if find_soffice() is None:
        return None
    headings = _top_headings(path)
    with tempfile.TemporaryDirectory(prefix="briefing-pages-") as work:
        pdf = Path(work) / "note.pdf"
        try:
            convert_to_pdf(path, pdf)
        except BriefingError:
            return None
        pages = _page_lines(pdf)
    return _count(pages, headings, annexes)


def measure_briefing(briefing: Briefing, options: object | None = None) -> PageCount | None:
    """Export the briefing to a temporary .docx and measure it (see :func:`measure_docx`)."""
    from . import ExportOptions, export_docx
    from .pdf import find_soffice

    if find_soffice() is None:
        return None
    chosen = options if isinstance(options, ExportOptions) else ExportOptions()
    with tempfile.TemporaryDirectory(prefix="briefing-pages-") as work:
        path = Path(work) / "note.docx"
        result = export_docx(briefing, path, chosen)
        return measure_docx(path, _annex_headings(result.template, briefing))


def _annex_headings(template: str, briefing: Briefing) -> tuple[str, ...]:
    try:
        return annex_headings(resolve_template(template, briefing.meta.purpose).settings)
    except Exception:  # noqa: BLE001 - a bad template was reported by the export
        return ()


def _top_headings(path: Path) -> list[str]:
    """The note's Heading 1 texts in order (where the parts begin)."""
    import docx

    document = docx.Document(str(path))
    out = []
    for paragraph in document.paragraphs:
        style = paragraph.style
        name = (style.name or "") if style is not None else ""
        if name.casefold() == "heading 1" and paragraph.text.strip():
            out.append(" ".join(paragraph.text.split()))
    return out


def _page_lines(pdf: Path) -> list[list[str]]:
    """Each page's text lines."""
    import pypdfium2

    document = pypdfium2.PdfDocument(str(pdf))
    try:
        pages = []
        for index in range(len(document)):
            page = document[index]
            textpage = page.get_textpage()
            text = textpage.get_text_range()
            textpage.close()
            page.close()
            pages.append([" ".join(line.split()) for line in text.splitlines() if line.strip()])
        return pages
    finally:
        document.close()


def _count(pages: list[list[str]], headings: list[str], annexes: str | Sequence[str]) -> PageCount:
    """Find each heading on the pages, in order; each part's share of pages runs to the next one."""
    positions: list[tuple[str, float]] = []
    page, line = 0, 0
    for heading in headings:
        found = None
        for p in range(page, len(pages)):
            lines = pages[p]
            for i in range(line if p == page else 0, len(lines)):
                if lines[i] == heading or (len(lines[i]) >= 20 and heading.startswith(lines[i])):
                    found = (p, i)
                    break
            if found:
                break
        if found is None:
            continue  # not laid out as one line: its space goes to the part before it
        page, line = found
        positions.append((heading, page + line / max(len(pages[page]), 1)))
    total = len(pages)
    parts = [
        (name, round((positions[n + 1][1] if n + 1 < len(positions) else total) - start, 1))
        for n, (name, start) in enumerate(positions)
    ]
    body, body_parts = total, len(parts)
    for number, (name, start) in enumerate(positions):
        if is_annex(name, annexes):
            whole, fraction = int(start), start - int(start)
            body, body_parts = whole + (1 if fraction > _TOP_OF_PAGE else 0), number
            break
    return PageCount(total, max(body, 1 if total else 0), parts, body_parts)


def checklist(
    briefing: Briefing, template: str = "", findings: list | None = None, pages: PageCount | None = None
) -> list[str]:
    """Warnings for the export dialog, one sentence each; empty when all is well. An error (a decision
    memo with no recommendations) starts with :data:`ERROR_PREFIX`.

    ``findings`` are the current check results (run here when not given); ignored ones do not count.
    ``pages`` is the note's measured length (:func:`measure_docx`); without it the length is estimated.
    """
    if findings is None:
        from ..checks import run_checks

        findings = run_checks(briefing)
    warnings = []
    errors = [f for f in findings if f.severity == "error" and f.key not in briefing.ignored]
    if errors:
        warnings.append(
            f"{len(errors)} error finding{'s are' if len(errors) > 1 else ' is'} still open "
            f"(e.g. {errors[0].message.rstrip('.')})."
        )
    try:
        resolved = resolve_template(template, briefing.meta.purpose)
        settings, is_memo = resolved.settings, resolved.settings.decision_line is not None
    except Exception:  # noqa: BLE001 - a bad user template is reported by the export itself
        settings, is_memo = None, briefing.meta.purpose == "decision"
    if (is_memo or briefing.meta.purpose == "decision") and not briefing.recommendations:
        warnings.insert(
            0,
            f"{ERROR_PREFIX}this is a note for decision with no recommendations: there is nothing to "
            "decide (add recommendations, or export it for information).",
        )
    if is_memo:
        undecided = [r for r in briefing.recommendations if not r.annotation.decision]
        if undecided:
            total = len(briefing.recommendations)
            warnings.append(f"{len(undecided)} of {total} recommendations have no recorded decision.")
    open_comments = [c for c in briefing.comments if not c.resolved]
    if open_comments:
        warnings.append(
            f"{len(open_comments)} comment{'s are' if len(open_comments) > 1 else ' is'} unresolved."
        )
    lede = next((s for s in briefing.sections if not s.heading), None)
    if not briefing.meta.summary and not (
        lede and any(text.strip() for b in lede.blocks for _, text in texts(b))
    ):
        warnings.append("The summary is empty: write key points in Briefing details, or a lede.")
    limit = settings.page_limit if settings is not None else 0
    if limit:
        warnings += _length(briefing, limit, pages, settings)
    return warnings


def length_summary(briefing: Briefing, settings: TemplateSettings, pages: PageCount | None) -> str:
    """One line on the note's length against the template's page limit, said also when it fits, and
    how it was counted; empty when the template has no limit."""
    limit = settings.page_limit
    if not limit:
        return ""
    if pages is not None and pages.rendered:
        body, how = f"{pages.body}", "as laid out by LibreOffice"
    else:
        estimate = estimated_pages(briefing, body_only=True, settings=settings)
        body, how = f"about {max(1, math.ceil(estimate))}", "estimated: LibreOffice is not available"
    return f"the body runs to {body} of the {limit} pages this template allows ({how})."


def _length(
    briefing: Briefing, limit: int, pages: PageCount | None, settings: TemplateSettings | None
) -> list[str]:
    """The length warning, with what takes the most space when the page count is measured."""
    if pages is None or not pages.rendered:
        estimate = estimated_pages(briefing, body_only=True, settings=settings)
        if estimate <= limit:
            return []
        return [
            f"The note's body runs to about {math.ceil(estimate)} pages (estimated: LibreOffice is not "
            f"available to lay it out); this template allows {limit}."
        ]
    if pages.body <= limit:
        return []
    annexes = pages.total - pages.body
    after = f" (then {annexes} page{'s' if annexes != 1 else ''} of annexes)" if annexes else ""
    message = (
        f"The note's body runs to {pages.body} pages{after}, as laid out by LibreOffice; this template "
        f"allows {limit}."
    )
    largest = sorted(pages.parts[: pages.body_parts], key=lambda part: -part[1])[:LARGEST_PARTS]
    if largest:
        named = ", ".join(f"{name} {size:g} page{'s' if size != 1 else ''}" for name, size in largest)
        message += f" Most space: {named}."
    return [message]
