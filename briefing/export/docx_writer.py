"""The Word exporter: a :class:`~briefing.model.Briefing` in, a ministry-style .docx out.

The only module of Briefing Editor that imports python-docx. It opens a template (shipped or the user's),
empties its body, and writes in order: banner and page numbers (header and footer), header block, Summary,
the article's sections, Recommendations, Sources, Prepared by, and the "Corrections to the source"
appendix; comments become real Word comments anchored on the exact text they are about. A comment whose
text was deleted (its ref is lost) is never dropped: it goes on the nearest text that remains, marked.

Tables are not built as python-docx objects: each leaves a placeholder in the body, and at save time its
rows are written as XML text straight into ``word/document.xml`` (python-docx's ``table.cell`` is
quadratic, and even a linear tree of 600 000 cells costs gigabytes). The finished package is written to
memory first and then atomically over the target, so a failed export never leaves half a file.
"""

from __future__ import annotations

import copy
import datetime as dt
import io
import re
import secrets
import zipfile
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from itertools import chain
from pathlib import Path

import docx
from docx.document import Document as DocxDocument
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.exceptions import PackageNotFoundError
from docx.opc.packuri import CONTENT_TYPES_URI, PACKAGE_URI, PackURI
from docx.opc.part import Part
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.parts.numbering import NumberingPart
from docx.shared import Pt
from docx.text.paragraph import Paragraph as DocxParagraph
from docx.text.run import Run as DocxRun
from lxml import etree
from lxml.etree import SubElement

from ..errors import ExportError
from ..model import Briefing, Comment, ListBlock, ListItem, Paragraph, Recommendation, Section, Table
from ..refs import HEADER_ROW, Ref
from ..register import detail_text
from . import anchors, arrangement, corrections, layout, ooxml, tracked
from .anchors import Piece
from .options import DECISION_LINE_STYLES, ExportOptions, ExportResult
from .output import commit_docx
from .spool import Spool
from .templates import (
    STYLE_NAMES,
    STYLE_TYPES,
    DecisionLine,
    ResolvedTemplate,
    builtin_path,
    resolve_template,
)

#: Text width used when a template has no usable page size (6.5 in, Letter with 1-inch margins).
DEFAULT_TEXT_WIDTH = 9360
#: How many generated table rows are joined into one write to the zip stream.
ROWS_PER_CHUNK = 500
#: What a comment whose text was deleted says first; it is exported on the nearest text that remains.
REMOVED_PREFIX = "(on text since removed)"
#: A table of at most this many rows is kept on one page (it would split with a page to spare).
KEEP_TOGETHER_ROWS = 15
#: ... and only when it fills at most this share of a page, so that kept together it fits on the next.
KEEP_TOGETHER_SHARE = 0.8
#: The most columns a Word table can have; a wider table is exported as text lines.
MAX_TABLE_COLUMNS = 63
_CELL_SEPARATOR = " | "
#: How many body elements pile up in the tree before they are spooled out as XML text.
FLUSH_ELEMENTS = 512
#: The processing instruction marking where the spooled body goes back into the main part.
_BODY_MARK = "briefing-body"


def write_docx(briefing: Briefing, path: Path, options: ExportOptions) -> ExportResult:
    """Build the document in memory, then replace ``path`` atomically."""
    data, result = build_docx(briefing, path, options)
    commit_docx(path, data)
    return result


def build_docx(briefing: Briefing, path: Path, options: ExportOptions) -> tuple[bytes, ExportResult]:
    """The package's bytes and what writing them to ``path`` will report; nothing is written.

    Apart from :func:`write_docx` so that ``convert`` can build the note while its checks run and
    write it only once they allow it.
    """
    if options.decision_line is not None and options.decision_line not in DECISION_LINE_STYLES:
        raise ExportError(path, f"unknown decision line style {options.decision_line!r}")
    template = resolve_template(options.template, briefing.meta.purpose)
    revisions = tracked.plan(briefing) if options.tracked_changes else None
    try:
        writer = _Writer(revisions.briefing if revisions else briefing, options, template)
        writer.build()
        data = writer.package_bytes()
        if revisions is not None:
            data = revisions.revise(data)  # the marked corrections become w:ins / w:del
    except _TEMPLATE_FAULTS as exc:
        # python-docx trusts the parts it reads (a header relationship that names nothing, a margin
        # that is not a number…); with a user's template, such a failure is the template's, and the
        # user is told so in one line. With a shipped template it is a bug and is not hidden.
        if template.builtin:
            raise
        detail = str(exc).strip().splitlines()[0][:200] if str(exc).strip() else "no detail"
        raise ExportError(
            template.docx,
            f"template is damaged or not a usable Word document ({type(exc).__name__}: {detail})",
        ) from None
    return data, ExportResult(
        path=path,
        template=template.name,
        warnings=writer.warnings(),
        comments=writer.comment_count,
        tables=len(writer.tables),
    )


#: What python-docx raises on parts it cannot make sense of.
_TEMPLATE_FAULTS = (
    KeyError,
    ValueError,
    AttributeError,
    TypeError,
    IndexError,
    etree.LxmlError,
    zipfile.BadZipFile,
)


def open_template(template: ResolvedTemplate) -> DocxDocument:
    """The template as a python-docx document; anything wrong with it is an :class:`ExportError`."""
    try:
        document = docx.Document(_as_document(template.docx))
        _check_parts(document)
        return document
    except PackageNotFoundError:
        raise ExportError(template.docx, "template not found or not a Word document") from None
    except etree.XMLSyntaxError as exc:
        raise ExportError(template.docx, f"template is damaged (bad XML: {exc})") from None
    except ValueError as exc:  # python-docx: "file … is not a Word file, content type is …", or ours
        raise ExportError(template.docx, f"template is not a usable Word document ({exc})") from None
    except (KeyError, zipfile.BadZipFile, OSError, AttributeError, TypeError) as exc:
        raise ExportError(template.docx, f"template is damaged ({type(exc).__name__}: {exc})") from None


def _as_document(path: Path) -> str | io.BytesIO:
    """A Word template (.dotx) differs from a .docx only in one content type; python-docx opens only
    the latter, so a .dotx is relabelled in memory (its size was checked before)."""
    with zipfile.ZipFile(path) as archive:
        types = archive.read("[Content_Types].xml")
        if _DOTX_TYPE not in types:
            return str(path)
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
            for info in archive.infolist():
                data = archive.read(info)
                target.writestr(
                    info,
                    data.replace(_DOTX_TYPE, _DOCX_TYPE) if info.filename == "[Content_Types].xml" else data,
                )
    out.seek(0)
    return out


_DOTX_TYPE = b"application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"
_DOCX_TYPE = b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"


def _check_parts(document: DocxDocument) -> None:
    """python-docx accepts any well-formed XML as a part; the exporter needs the real ones."""
    if document.element.tag != qn("w:document") or document.element.body is None:
        raise ValueError("its main part is not a Word document body")
    if document.styles.element.tag != qn("w:styles"):
        raise ValueError("its styles part is not a Word styles part")


def _padded(cells: Sequence[str], count: int) -> Sequence[str]:
    """A row's cells cut or padded with empty ones to the table's width (ragged rows are written whole)."""
    return cells if len(cells) == count else [*cells[:count], *[""] * (count - len(cells))]


#: The properties of a generated body row and of a header row.
_ROW_PROPERTIES = {header: ooxml.row_properties_xml(header) for header in (False, True)}


@dataclass
class _TablePlan:
    """A table waiting to be written as XML text: its content and its computed look."""

    #: ``w:tbl`` with its properties and grid, before the rows.
    opening: str
    header: list[str]
    rows: list[list[str]]
    widths: list[int]
    aligns: list[str]
    text_style: str
    heading_style: str
    fill: str
    where: str
    #: Keep the table on one page: every row but the last keeps with the next one.
    keep: bool = False
    #: ``(row, column)`` → ``[(comment id, start, end)]``; row -1 is the header row.
    comments: dict[tuple[int, int], list[tuple[int, int | None, int | None]]] = field(default_factory=dict)
    dropped: int = 0

    def chunks(self) -> Iterator[bytes]:
        """The table's XML, a few hundred rows per chunk."""
        columns = list(zip(self.widths, self.aligns, strict=True))
        opens = [ooxml.cell_open_xml(width, self.text_style, align) for width, align in columns]
        kept = [
            ooxml.cell_open_xml(width, self.text_style, align, keep_next=True) for width, align in columns
        ]
        head_opens = [
            ooxml.cell_open_xml(width, self.heading_style, align, self.fill, keep_next=True)
            for width, align in columns
        ]
        count = len(self.widths)
        buffer: list[str] = [self.opening]
        plain = not self.comments and ooxml.all_plain(chain(self.header, chain.from_iterable(self.rows)))
        write = self._plain_row if plain else self._row
        if self.header:
            buffer.append(write(-1, self.header, head_opens, count, True))
        last = len(self.rows) - 1
        for index, row in enumerate(self.rows):
            buffer.append(write(index, row, kept if self.keep and index < last else opens, count, False))
            if len(buffer) >= ROWS_PER_CHUNK:
                yield "".join(buffer).encode("utf-8")
                buffer.clear()
        buffer.append("</w:tbl>")
        yield "".join(buffer).encode("utf-8")

    def _row(self, index: int, cells: Sequence[str], opens: list[str], count: int, header: bool) -> str:
        """One ``w:tr``; ragged rows are padded with empty cells. Runs once per row of every table, so it
        avoids per-cell work it can skip (comment lookups when the table has none)."""
        cells = _padded(cells, count)
        parts = ["<w:tr>", ooxml.row_properties_xml(header)]
        commented = self.comments
        for column, (opening, text) in enumerate(zip(opens, cells, strict=True)):
            parts.append(opening)
            if commented and (index, column) in commented:
                parts.append(self._commented_runs(text, commented[(index, column)], header))
            elif text:
                parts.append(ooxml.run_xml(self._safe(text), bold=header))
            parts.append(ooxml.CELL_CLOSE)
        parts.append("</w:tr>")
        return "".join(parts)

    @staticmethod
    def _plain_row(index: int, cells: Sequence[str], opens: list[str], count: int, header: bool) -> str:
        """:meth:`_row` for a table with no comments whose cells need no cleaning or escaping (most
        tables): the same XML, built with one join a row."""
        cells = _padded(cells, count)
        run, close = ooxml.RUN_OPEN[header], ooxml.RUN_CLOSE + ooxml.CELL_CLOSE
        empty = ooxml.CELL_CLOSE
        return "".join(
            [
                "<w:tr>",
                _ROW_PROPERTIES[header],
                *[f"{o}{run}{t}{close}" if t else o + empty for o, t in zip(opens, cells, strict=True)],
                "</w:tr>",
            ]
        )

    def _safe(self, text: str) -> str:
        clean, dropped = ooxml.xml_safe(text)
        self.dropped += dropped
        return clean

    def _commented_runs(
        self, text: str, comments: list[tuple[int, int | None, int | None]], header: bool
    ) -> str:
        """The cell's runs cut at each comment's range, with Word's range markers around them."""
        pieces = anchors.split([Piece(0, text)], [p for _, s, e in comments for p in (s, e) if p is not None])
        starts: dict[int, list[int]] = defaultdict(list)
        ends: dict[int, list[int]] = defaultdict(list)
        spans = anchors.Spans(pieces)
        for comment_id, start, end in comments:
            hits = spans.covered(start, end)
            starts[hits[0]].append(comment_id)
            ends[hits[-1]].append(comment_id)
        out = []
        for index, piece in enumerate(pieces):
            out += [ooxml.comment_start_xml(c) for c in starts.get(index, [])]
            out.append(ooxml.run_xml(self._safe(piece.text), bold=header))
            out += [ooxml.comment_end_xml(c) for c in ends.get(index, [])]
        return "".join(out)


class _Writer:
    """One export: holds the python-docx document while the briefing is written into it."""

    def __init__(self, briefing: Briefing, options: ExportOptions, template: ResolvedTemplate) -> None:
        self.briefing = briefing
        self.meta = briefing.meta
        self.options = options
        self.template = template
        self.settings = template.settings
        self.doc = open_template(template)
        self.tables: list[_TablePlan] = []
        self.comment_count = 0
        self._dropped: dict[str, int] = defaultdict(int)
        self._notes: list[str] = []
        self._spool = Spool()
        self._mark: etree._PI | None = None
        self._pending = 0
        self._unsafe_links = 0
        self._comments = self._comments_by_target()
        self._placed: set[str] = set()
        self._table_number = 0
        self._table_numbers: dict[str, int] = {}
        self._now = dt.datetime.now(dt.UTC).replace(microsecond=0)
        self.classification = (
            options.classification if options.classification is not None else self.meta.classification
        ).strip()
        # "Jane Analyst, Policy Analysis Division" signs comments as "Jane Analyst"
        self.author = self.meta.prepared_by.split(",")[0].strip() or "Analyst"

    # --- the whole document ---------------------------------------------------------------------------

    def build(self) -> None:
        """Write every part of the note, in the order a reader meets them."""
        self._prepare()
        self._header_and_footer()
        subject = self._header_block()
        # Everything after the header block is finished as it is written (orphan comments go on the
        # Subject line, at the very end), so from here on the body is spooled out of the tree.
        self._mark = etree.ProcessingInstruction(_BODY_MARK, secrets.token_hex(8))
        self._append(self._mark)
        # The article's top heading level (a title-less "##" article's sections are its top) goes one
        # level below the note's own parts.
        levels = [
            max(s.level, 1)
            for s in self.briefing.sections
            if s.heading.strip() and not _same_text(s.heading.strip(), self.meta.title)
        ]
        self._top_level = min(levels, default=1)
        self._parts(annexes=False)
        self._prepared_by()
        self._parts(annexes=True)
        corrections.write_appendix(self)
        self._last_section()
        self._flush(force=True)
        self._body.remove(self._end)
        self._orphan_comments(subject)
        self._mark_resolved_comments()
        self._properties()
        self._fresh_package()

    def warnings(self) -> list[str]:
        """What the user should know: dropped characters by place, comments that lost their anchor."""
        dropped = dict(self._dropped)
        for plan in self.tables:
            if plan.dropped:
                dropped[plan.where] = dropped.get(plan.where, 0) + plan.dropped
        out = [
            f"Dropped {count} character{'s' if count > 1 else ''} that Word cannot store (control "
            f"characters or broken surrogates) from {where}."
            for where, count in dropped.items()
        ]
        if self._unsafe_links:
            many = self._unsafe_links > 1
            out.append(
                f"{self._unsafe_links} link{'s' if many else ''} with an address other than http, https "
                f"or mailto {'were' if many else 'was'} exported as plain text."
            )
        return out + self._notes

    def package_bytes(self) -> bytes:
        """The finished .docx, written in one pass: python-docx's parts as they are, except the main
        document part, whose XML is streamed with every table's rows spliced in at its placeholder.

        This mirrors python-docx's ``PackageWriter.write`` (same members, same order) instead of saving
        and re-zipping, which would compress everything twice.
        """
        package = self.doc.part.package
        parts = list(package.parts)
        _unique_names(parts)
        for part in parts:
            part.before_marshal()
        out = io.BytesIO()
        types = ooxml.content_types_xml((str(part.partname), part.content_type) for part in parts)
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
            archive.writestr(CONTENT_TYPES_URI.membername, types)
            archive.writestr(PACKAGE_URI.rels_uri.membername, package.rels.xml)
            for part in parts:
                if part is self.doc.part:
                    self._write_main_part(archive, part.partname.membername, part.blob)
                else:
                    archive.writestr(part.partname.membername, part.blob)
                if len(part.rels):
                    archive.writestr(part.partname.rels_uri.membername, part.rels.xml)
        return out.getvalue()

    def _write_main_part(self, archive: zipfile.ZipFile, name: str, xml: bytes) -> None:
        """The main part's XML with the spooled body poured in at its mark.

        Its size is known before it is written, so zipfile writes ZIP64 records only for a part past
        4 GB: pandoc cannot read ZIP64 at all, and Office is said to dislike it in small packages.
        """
        assert self._mark is not None
        before, found, after = xml.partition(etree.tostring(self._mark))
        if not found:
            raise ExportError(self.template.docx, "the document could not be assembled (body mark lost)")
        info = zipfile.ZipInfo(name, date_time=self._now.timetuple()[:6])
        info.compress_type = zipfile.ZIP_DEFLATED
        # Fast deflate, as for the other parts (zipfile gives a ZipInfo made here its default level):
        # on a long note the default took a fifth of the export for a file a quarter smaller.
        setattr(info, "compress_level" if hasattr(info, "compress_level") else "_compresslevel", 1)
        info.file_size = len(before) + self._spool.size + len(after)
        with archive.open(info, "w") as stream:
            stream.write(before)
            for chunk in self._spool.chunks():
                stream.write(chunk)
            stream.write(after)

    def _flush(self, force: bool = False) -> None:
        """Take the body written since the last flush out of the tree into the spool, as XML text with
        each table's XML spliced in; only at points where nothing written so far changes again.

        The body is serialised whole (its start tag carries the namespace declarations once) and the
        new stretch cut out between the two marks; the elements are then deleted, not moved: lxml
        moves a subtree in time quadratic in its width (a paragraph with 8,000 commented runs took
        seconds). Without ``force``, only once enough has piled up to make this cheap per element.
        """
        if self._mark is None or (not force and self._pending < FLUSH_ELEMENTS):
            return
        self._pending = 0
        first = self._body.index(self._mark) + 1  # the header block before it is a few paragraphs
        last = self._body.index(self._end, first)  # next to the end: the section properties follow
        if last == first:
            return
        xml = etree.tostring(self._body, encoding="UTF-8")
        begin = xml.index(etree.tostring(self._mark)) + len(etree.tostring(self._mark))
        stop = xml.index(etree.tostring(self._end), begin)
        del self._body[first:last]
        position = begin
        for match in ooxml.ROWS_PLACEHOLDER.finditer(xml, begin, stop):
            self._spool.write(xml[position : match.start()])
            for chunk in self.tables[int(match.group(1))].chunks():
                self._spool.write(chunk)
            position = match.end()
        self._spool.write(xml[position:stop])

    # --- template -------------------------------------------------------------------------------------

    def _prepare(self) -> None:
        """Empty the template's body (keeping its page setup) and make sure every style is there."""
        body = self.doc.element.body
        for child in list(body):
            if child.tag != qn("w:sectPr"):
                body.remove(child)
        self._body = body
        #: New paragraphs and tables go before this mark, itself just before the body's final section
        #: properties: python-docx finds those again by scanning the whole body on each insert.
        self._end = etree.ProcessingInstruction(_BODY_MARK, "end " + secrets.token_hex(8))
        if len(body):
            body[-1].addprevious(self._end)
        else:
            body.append(self._end)
        self._drop_template_comments()
        if not self.template.builtin:  # the shipped templates are written in order
            ooxml.styles_in_schema_order(self.doc.styles.element)
            ooxml.in_schema_order(self.doc.settings.element, ooxml.SETTINGS_ORDER)
        found = self._find_styles()
        self._copy_missing_styles(found)
        self.style_ids = found
        #: The run properties of paragraph styles whose look is used inside other paragraphs.
        self._run_look: dict[str, etree._Element] = {}
        self._mark_default_paragraph_style()
        self.numbering = ooxml.Numbering(self._numbering_element())
        self.bullets = self.numbering.add_abstract(ordered=False)
        self.numbers = self.numbering.add_abstract(ordered=True)
        self.bullet_list = self.numbering.add_instance(self.bullets, restart=False)
        self._comments_element = self._comments_part_element()
        self._next_comment_id = 0  # the template's own comments were dropped
        self._resolved: list[str] = []  # the paragraph ids of resolved comments
        self._links: dict[str, str] = {}
        self._next_rid = 1
        section = self.doc.sections[-1]
        sizes = (section.page_width, section.left_margin, section.right_margin)
        if sizes[0] is None or sizes[1] is None or sizes[2] is None:  # no page size or margins
            width = DEFAULT_TEXT_WIDTH
        else:
            width = (sizes[0] - sizes[1] - sizes[2]) // 635
        self.text_width = int(width) if width and width > 1440 else DEFAULT_TEXT_WIDTH
        height = section.page_height
        if height is None or sizes[1] is None or sizes[2] is None:
            # no page size: Letter with 1-inch margins (a landscape copy of the section says so)
            self.landscape_width = max(self.text_width, ooxml.LETTER[1] - 2880)
        else:
            self.landscape_width = max(self.text_width, int((height - sizes[1] - sizes[2]) // 635))
        top, bottom = section.top_margin, section.bottom_margin
        if height is None or top is None or bottom is None or sizes[0] is None:
            self.text_height, self.landscape_height = ooxml.LETTER[1] - 2880, ooxml.LETTER[0] - 2880
        else:
            self.text_height = int((height - top - bottom) // 635)
            self.landscape_height = int((sizes[0] - top - bottom) // 635)
        self._section = section._sectPr
        self._breaks = 0
        self._heading_element: etree._Element | None = None
        self._part_heading: list[DocxRun] = []
        self._arranged = arrangement.arrange(self.briefing, self.settings)
        self._replaced = arrangement.replaced_blocks(self.briefing)
        self._details: dict[str, list] = defaultdict(list)
        for detail in self.briefing.details:
            self._details[detail.recommendation].append(detail)
        self.char_width = self._char_width(self.style_ids["Table Text"])
        self.fill = self._header_fill()

    def _char_width(self, style_id: str) -> int:
        """The average character width (dxa) of a paragraph style's font size: half a point per
        half-point of size (10 pt → 100), the size found up its ``basedOn`` chain, else the defaults."""
        styles = {s.get(qn("w:styleId")): s for s in self.doc.styles.element.iterchildren(qn("w:style"))}
        seen: set[str] = set()
        while style_id in styles and style_id not in seen:
            seen.add(style_id)
            style = styles[style_id]
            size = style.find(f"{qn('w:rPr')}/{qn('w:sz')}")
            if size is not None and (size.get(qn("w:val")) or "").isdigit():
                return max(8, min(int(size.get(qn("w:val"))), 144)) * 5
            based = style.find(qn("w:basedOn"))
            style_id = based.get(qn("w:val"), "") if based is not None else ""
        size = self.doc.styles.element.find(f"{qn('w:docDefaults')}//{qn('w:sz')}")
        if size is not None and (size.get(qn("w:val")) or "").isdigit():
            return max(8, min(int(size.get(qn("w:val"))), 144)) * 5
        return layout.CHAR_WIDTH

    def _drop_template_comments(self) -> None:
        """A user template's own comments would be orphans once its body is gone."""
        try:
            comments_part = self.doc.part.part_related_by(RT.COMMENTS)
        except KeyError:
            return
        element = comments_part.element  # type: ignore[attr-defined]  # an XmlPart
        for child in list(element):
            element.remove(child)

    def _comments_part_element(self) -> etree._Element:
        """The ``w:comments`` element new comments go into (python-docx makes the part if missing)."""
        return self.doc.part._comments_part.element

    def _find_styles(self) -> dict[str, str]:
        """The id of each style the exporter uses, as the template has it.

        Found by name whatever its case (Word keeps built-in names in lower case, "heading 1"; pandoc
        and others write "Heading 1"), else by the usual id ("Heading1"), and only of the right type.
        python-docx's lookup by name knows only Word's spelling, so it is not used.
        """
        by_name: dict[tuple[str, str], str] = {}
        by_id: dict[tuple[str, str], str] = {}
        for style in self.doc.styles.element.iterchildren(qn("w:style")):
            kind = style.get(qn("w:type")) or "paragraph"
            style_id = style.get(qn("w:styleId")) or ""
            name = style.find(qn("w:name"))
            if not style_id:
                continue
            if name is not None and name.get(qn("w:val")):
                by_name.setdefault((kind, name.get(qn("w:val")).casefold()), style_id)
            by_id.setdefault((kind, style_id.casefold()), style_id)
        found = {}
        for name in STYLE_NAMES:
            kind = STYLE_TYPES[name]
            style_id = by_name.get((kind, name.casefold())) or by_id.get(
                (kind, name.replace(" ", "").casefold())
            )
            if style_id:
                found[name] = style_id
        return found

    def _mark_default_paragraph_style(self) -> None:
        """Body paragraphs name no style, so they take the default paragraph style; LibreOffice
        writes templates that mark none, and readers then disagree on what a plain paragraph is."""
        styles = list(self.doc.styles.element.iterchildren(qn("w:style")))
        paragraph = [s for s in styles if (s.get(qn("w:type")) or "paragraph") == "paragraph"]
        if any(s.get(qn("w:default")) in ("1", "true", "on") for s in paragraph):
            return
        normal = self.style_ids.get("Normal")
        for style in paragraph:
            if style.get(qn("w:styleId")) == normal:
                style.set(qn("w:default"), "1")
                return

    def _copy_missing_styles(self, found: dict[str, str]) -> None:
        """Give a user's template the styles it lacks, from the shipped template (like pandoc does);
        a copied style whose id the template already uses for another style gets an id of its own."""
        missing = [name for name in STYLE_NAMES if name not in found]
        if not missing:
            return
        source = docx.Document(str(builtin_path("briefing-note")))
        source_styles = {s.get(qn("w:styleId")): s for s in source.styles.element.iterchildren(qn("w:style"))}
        source_ids = {name: source.styles[name].style_id for name in missing}
        taken = {s.get(qn("w:styleId")) for s in self.doc.styles.element.iterchildren(qn("w:style"))}
        copied: dict[str, str] = {}  # the source's id → the id it has here
        for name in missing:
            found[name] = self._copy_style(source_styles, source_ids[name], taken, copied)
        self._notes.append(
            f"The template lacks {len(missing)} style{'s' if len(missing) > 1 else ''} the export uses "
            f"({', '.join(missing)}); they were copied from the built-in template."
        )

    def _copy_style(
        self, source: dict[str, etree._Element], style_id: str, taken: set[str], copied: dict[str, str]
    ) -> str:
        """Copy one style and the styles it is based on that the template lacks; returns its id here."""
        if style_id in copied:
            return copied[style_id]
        new_id, number = style_id, 1
        while new_id in taken:
            number += 1
            new_id = f"{style_id}{number}"
        copied[style_id] = new_id
        taken.add(new_id)
        copy = etree.fromstring(etree.tostring(source[style_id]))
        copy.set(qn("w:styleId"), new_id)
        # The source's list numbering means nothing here, and its fonts would clash with the user's.
        for node in list(copy.iter(qn("w:numPr"), qn("w:rFonts"))):
            node.getparent().remove(node)
        self.doc.styles.element.append(copy)
        for link in list(copy.iterchildren(qn("w:basedOn"), qn("w:next"), qn("w:link"))):
            target = link.get(qn("w:val")) or ""
            if link.tag == qn("w:basedOn") and target in source and target not in copied:
                # the parent: the template's own style of that id when it has one, else a copy
                if target in taken:
                    continue
                link.set(qn("w:val"), self._copy_style(source, target, taken, copied))
            elif target in copied:
                link.set(qn("w:val"), copied[target])
            elif target not in taken:
                # a linked character style ("Heading 2 Char") or next style that was not copied: a
                # reference to nothing, which Word counts as a fault
                copy.remove(link)
        return new_id

    def _numbering_element(self) -> etree._Element:
        """The template's numbering definitions, created when it has none (python-docx cannot)."""
        try:
            return self.doc.part.part_related_by(RT.NUMBERING).element  # type: ignore[attr-defined]
        except KeyError:
            part = NumberingPart(
                PackURI("/word/numbering.xml"),
                CT.WML_NUMBERING,
                parse_xml(f"<w:numbering {nsdecls('w')}/>"),
                self.doc.part.package,
            )
            self.doc.part.relate_to(part, RT.NUMBERING)
            return part.element

    def _header_fill(self) -> str:
        """The table style's header-row shading, repeated on the cells so every reader shows it."""
        style = self.doc.styles.element.find(
            f"{qn('w:style')}[@{qn('w:styleId')}='{self.style_ids['Briefing Table']}']"
        )
        if style is not None:
            for shd in style.iterfind(f"{qn('w:tblStylePr')}[@{qn('w:type')}='firstRow']//{qn('w:shd')}"):
                fill = shd.get(qn("w:fill"), "")
                if re.fullmatch(r"[0-9A-Fa-f]{6}", fill):
                    return fill.upper()
        return "D9D9D9"

    # --- header and footer ----------------------------------------------------------------------------

    def _header_and_footer(self) -> None:
        """Fill the template's placeholders; add banner and page numbers where a user's template has none."""
        values = {
            "{classification}": self.clean(self.classification, "the classification"),
            "{title}": self.clean(self.meta.title, "the title"),
            "{purpose}": self._purpose_mark(),
            "{date}": self._date(),
        }
        if not self.classification:
            self._notes.append("No security classification is set; the banners are empty.")
        for section in self.doc.sections:
            headers = [section.header]
            footers = [section.footer]
            if section.different_first_page_header_footer:
                headers.append(section.first_page_header)
                footers.append(section.first_page_footer)
            if self.doc.settings.odd_and_even_pages_header_footer:
                headers.append(section.even_page_header)
                footers.append(section.even_page_footer)
            for header in headers:
                if not self._fill(header, values):
                    first = header.paragraphs[0] if header.paragraphs else header.add_paragraph()
                    banner = first.insert_paragraph_before(values["{classification}"])
                    banner._p.style = self.style_ids["Banner"]
            for footer in footers:
                found = self._fill(footer, values)
                if not any(i.split()[:1] == ["PAGE"] for i in ooxml.field_instructions(footer._element)):
                    numbers = footer.add_paragraph()
                    numbers._p.style = self.style_ids["Footer"]
                    self._page_numbers(numbers)
                if not found:
                    footer.add_paragraph(values["{classification}"])._p.style = self.style_ids["Banner"]

    @staticmethod
    def _fill(story: object, values: dict[str, str]) -> bool:
        """Replace placeholders in a header or footer; whether the classification placeholder was there."""
        found = False
        for p in story._element.iter(qn("w:p")):  # type: ignore[attr-defined]
            text = "".join(t.text or "" for t in p.iter(qn("w:t")))
            if "{classification}" in text:
                found = True
            ooxml.replace_placeholders(p, values)
        return found

    def _page_numbers(self, paragraph: DocxParagraph) -> None:
        ooxml.append_page_label(paragraph, self.settings.page_label)

    # --- header block ---------------------------------------------------------------------------------

    def _header_block(self) -> DocxParagraph:
        """Label, purpose mark, then To / From / Date / File number / Subject / Decision by; returns the
        Subject line."""
        labels = self.settings.header_block
        self._para(self.clean(self.settings.label, "the template label"), "Title")
        self._para(self._purpose_mark(), "Subtitle")
        lines: list[tuple[str, str]] = []
        if self.meta.prepared_for.strip():
            lines.append((labels["for"], self.meta.prepared_for))
        if self.meta.prepared_by.strip():
            lines.append((labels["from"], self.meta.prepared_by))
        lines.append((labels["date"], self._date()))
        if self.meta.file_number.strip():
            lines.append((labels["file_number"], self.meta.file_number))
        lines.append((labels["subject"], self.meta.title or "(no title)"))
        if self.meta.decision_by.strip():
            lines.append((labels["decision_by"], self.meta.decision_by))
        subject = None
        for index, (label, value) in enumerate(lines):
            last = index == len(lines) - 1
            paragraph = self._para(style="Header Block End" if last else "Header Block")
            paragraph.add_run(f"{label}:").bold = True
            paragraph.add_run("\t" + self.clean(value, f"the header block ({label})"))
            if label == labels["subject"]:
                subject = paragraph
                if self.meta.subtitle.strip():
                    run = paragraph.add_run()
                    run.add_break()
                    run = paragraph.add_run("\t" + self.clean(self.meta.subtitle, "the subtitle"))
                    run.italic = True
        assert subject is not None
        return subject

    def _purpose_mark(self) -> str:
        marks = self.settings.purpose_marks
        purpose = self.settings.purpose or self.meta.purpose
        return marks.get(purpose, marks.get("information", "For information"))

    def _date(self) -> str:
        if self.options.date is not None:
            return self.clean(self.options.date, "the date")
        if self.meta.date.strip():
            return self.clean(self.meta.date, "the date")
        today = dt.date.today()
        return f"{today.day} {today:%B %Y}"

    # --- body -----------------------------------------------------------------------------------------

    def _parts(self, annexes: bool) -> None:
        """The note's parts in the template's order (the body's, or the annexes after it)."""
        for part in self._arranged:
            if part.note.annex == annexes:
                self._part(part)
                self._flush()

    def _part(self, part: arrangement.Part) -> None:
        """One part: its heading, then the key points, the article sections placed in it, the
        recommendations and the source line, as the part takes them; an empty part is left out."""
        points = [p for p in self.meta.summary if p.strip()] if part.summary else []
        sections = [s for s in part.sections if self._prints(s, part)]
        recommendations = self.briefing.recommendations if part.recommendations else []
        source = self._source_pieces() if part.sources else []
        if not (points or sections or recommendations or source):
            return
        if source and not (points or sections or recommendations):
            # A part of one source line is too short to stand alone at the top of the last page: what
            # comes before it goes over with it.
            self._keep_last_with_next()
        heading = self._para(style="Heading 1")
        if part.note.annex:  # an annex is supporting material: it starts a page of its own
            heading.paragraph_format.page_break_before = True
        self._part_heading = self._write_pieces(heading, [Piece(0, part.note.heading)], [], "a heading")
        self._heading_element = heading._p
        for section in part.sections:  # comments on a heading left out go on the part's heading
            if section not in sections:
                for comment in self._comments.get(section.id, []):
                    self._add_comment(self._part_heading, comment)
                self._placed.add(section.id)
        for point in points:
            paragraph = self._para(style="List Bullet")
            ooxml.set_numbering(paragraph._p, self.bullet_list, 0)
            self._text_run(paragraph, self.clean(point, "the summary"))
        for section in sections:
            self._article_section(section, part)
            self._flush()
        if recommendations:
            self._recommendations()
        if source:
            paragraph = self._para(style="Normal")
            for piece in source:
                self._run(paragraph, piece, "the source")
            # the "Prepared by" line after the body stays with the source line
            paragraph.paragraph_format.keep_with_next = bool(self.meta.prepared_by.strip()) or None

    def _keep_last_with_next(self) -> None:
        """Keep the last paragraph written with the next one, when it is still in the tree (not yet
        spooled out)."""
        if self._mark is None:
            return
        end = self._body.index(self._end)
        if end > self._body.index(self._mark) + 1:
            last = self._body[end - 1]
            if last.tag == _P:
                DocxParagraph(last, self.doc._body).paragraph_format.keep_with_next = True

    def _prints(self, section: Section, part: arrangement.Part) -> bool:
        """Whether a section prints anything in this part: a block the recommendations do not replace,
        or a heading of its own (the part's heading, or the title, is not printed again)."""
        if any(block.id not in self._replaced for block in section.blocks):
            return True
        return bool(self._own_heading(section, part)) and not part.recommendations

    def _own_heading(self, section: Section, part: arrangement.Part) -> str:
        """The section's heading as the note prints it: "" for none, the title (the Subject line says
        it) or the heading of the part it is in."""
        heading = section.heading.strip()
        if not heading or _same_text(heading, self.meta.title) or _same_text(heading, part.note.heading):
            return ""
        return section.heading

    def _article_section(self, section: Section, part: arrangement.Part) -> None:
        """An article section inside a part, its heading one level down; comments on a heading that is
        not printed go on the part's heading."""
        heading = self._own_heading(section, part)
        if heading:
            level = min(max(section.level, 1) - self._top_level + 2, 3)
            paragraph = self._para(style=f"Heading {level}")
            where = f'the heading "{_short(heading)}"'
            self._write_pieces(paragraph, [Piece(0, heading)], self._comments.get(section.id, []), where)
            self._heading_element = paragraph._p
            self._placed.add(section.id)
        elif section.heading.strip():
            for comment in self._comments.get(section.id, []):
                self._add_comment(self._part_heading, comment)
            self._placed.add(section.id)
        self._blocks(section)

    def _blocks(self, section: Section) -> None:
        where = f'the section "{_short(section.heading)}"' if section.heading else "the summary"
        for block in section.blocks:
            if block.id in self._replaced:
                continue  # printed as the recommendations (see _recommendations)
            self._block(block, section, where)
            self._flush()  # here no Python object holds the block's elements (see _flush)

    def _block(self, block: Paragraph | ListBlock | Table, section: Section, where: str) -> None:
        comments = self._comments.get(block.id, [])
        self._placed.add(block.id)
        if isinstance(block, Paragraph):
            paragraph = self._para(style="Normal")
            pieces, position = [], 0
            for run in block.runs:
                pieces.append(Piece(position, run.text, run.bold, run.italic, run.href))
                position += len(run.text)
            self._write_pieces(paragraph, pieces, comments, where)
        elif isinstance(block, ListBlock):
            self._list(block, comments, where)
        elif isinstance(block, Table):
            self._table(block, comments, section.heading)
        self._heading_element = None

    def _list(self, block: ListBlock, comments: list[Comment], where: str) -> None:
        """Bullets or numbers; a ``Term-Description`` item shows its term in bold, then a colon."""
        if block.ordered:
            num_id = self.numbering.add_instance(self.numbers, restart=True)
        else:
            num_id = self.bullet_list
        by_item: dict[int | None, list[Comment]] = defaultdict(list)
        for comment in comments:  # ``anchor.item`` picks an item; without one (or past the end): the list
            number = comment.anchor.item
            by_item[number if number is not None and 0 <= number < len(block.items) else None].append(comment)
        whole = by_item.get(None, [])
        first: DocxRun | None = None  # the first and last runs a comment on the whole list covers
        last: DocxRun | None = None
        for index, item in enumerate(block.items):
            if not whole:  # a comment on the whole list needs its first item still in the tree
                self._flush()
            last_item = index == len(block.items) - 1
            runs = self._list_item(item, num_id, block.ordered, by_item.get(index, []), where, last_item)
            if whole and runs:
                first = first or runs[0]
                last = runs[-1]
        if first is not None and last is not None:
            for comment in whole:
                self._add_comment([first, last], comment)

    def _list_item(
        self, item: ListItem, num_id: int, ordered: bool, comments: list[Comment], where: str, last: bool
    ) -> list[DocxRun]:
        paragraph = self._para(style="List Number" if ordered else "List Bullet")
        ooxml.set_numbering(paragraph._p, num_id, min(max(item.level, 0), 8))
        if last:  # a paragraph's worth of space after the list, items stay close together
            paragraph.paragraph_format.space_after = Pt(8)
        if item.term:
            separator = ": " if not item.term.rstrip().endswith(":") else " "
            term = item.term.rstrip()
            pieces = [
                Piece(0, term, bold=True),
                Piece(len(term), separator, splittable=False,
                      source_length=len(item.term) - len(term) + len(item.separator)),
                Piece(len(item.term) + len(item.separator), item.text),
            ]  # fmt: skip
        else:
            pieces = [Piece(0, item.text)]
        return self._write_pieces(paragraph, pieces, comments, where)

    def _write_pieces(
        self, paragraph: DocxParagraph, pieces: list[Piece], comments: Sequence[Comment], where: str
    ) -> list[DocxRun]:
        """Write runs, cut so that each comment covers exactly its text, and attach the comments."""
        length = max((p.end for p in pieces), default=0)
        ranges = []
        for comment in comments:
            if not self._wanted(comment):
                continue
            start, end = anchors.clamp(comment.anchor.start, comment.anchor.end, length)
            ranges.append((comment, start, end))
        pieces = anchors.split(pieces, [p for _, s, e in ranges for p in (s, e) if p is not None])
        runs = [self._run(paragraph, piece, where) for piece in pieces]
        if ranges and not runs:
            runs = [paragraph.add_run("")]
            pieces = [Piece(0, "")]
        spans = anchors.Spans(pieces)
        for comment, start, end in ranges:
            hits = spans.covered(start, end)
            self._add_comment([runs[hits[0]], runs[hits[-1]]], comment)  # a range is its first and last run
        return runs

    def _run(self, paragraph: DocxParagraph, piece: Piece, where: str) -> DocxRun:
        """One run of text; a link only for an address a reader can safely follow (others keep their
        text, and the user is told)."""
        text = self.clean(piece.text, where)
        parent = paragraph._p
        style = ""
        if piece.href:
            url = self.clean(piece.href, where).strip()
            if link_allowed(url):
                parent = ooxml.hyperlink_element(self._link(url))
                paragraph._p.append(parent)
                style = self.style_ids["Hyperlink"]
            else:
                self._unsafe_links += 1
        return self._new_run(paragraph, parent, text, piece.bold, piece.italic, style)

    # --- tables ---------------------------------------------------------------------------------------

    def _table(self, table: Table, comments: list[Comment], heading: str, caption: str = "") -> None:
        """Caption with a SEQ field, then a placeholder the table's XML replaces when it is spooled.

        The table itself is never an lxml tree: a tree of a wide table is slow to move and costs
        gigabytes, and nothing needs to change a table once it is planned.
        """
        count = table.column_count
        if count == 0:
            self._notes.append(f'An empty table in the section "{_short(heading)}" was left out.')
            self._placed.discard(table.id)  # its comments go with the orphans, never dropped
            return
        self._table_number += 1
        number = self._table_number
        self._table_numbers[table.id] = number
        where = f"table {number}"
        cell_comments = [c for c in comments if c.anchor.column is not None and self._wanted(c)]
        cell_ids = {id(c) for c in cell_comments}
        caption_comments = [c for c in comments if id(c) not in cell_ids]
        text = caption or table.caption.strip() or layout.default_caption(table.header, heading)
        paragraph = self._para(style="Caption")
        SubElement(paragraph._p[0], _KEEP_NEXT)  # after pStyle; a user's Caption style may not keep
        label = self._text_run(paragraph, "Table ")
        ooxml.append_field(paragraph._p, "SEQ Table \\* ARABIC", str(number))
        caption_runs = [label, *self._write_pieces(paragraph, [Piece(0, f": {text}")], [], where)]
        for comment in caption_comments:
            if self._wanted(comment):
                self._add_comment(caption_runs, comment)
        if count > MAX_TABLE_COLUMNS:
            self._table_as_text(table, cell_comments, caption_runs, where)
            return
        need, wish = layout.measure(table.header, table.rows, count, self.char_width)
        # a table whose words cannot all stay whole across a portrait page goes on a landscape one
        landscape = sum(need) > self.text_width and self.landscape_width > self.text_width
        widths = layout.fit(need, wish, self.landscape_width if landscape else self.text_width)
        if landscape:
            # the portrait pages end before the caption, or before the heading the table comes right after
            above = self._heading_element
            ahead = above if above is not None and above.getparent() is self._body else paragraph._p
            self._section_break(ahead, landscape=False)
        numeric = layout.numeric_columns(table.rows, count)
        aligns = []
        for index in range(count):
            given = table.align[index] if table.align and index < len(table.align) else ""
            aligns.append(
                {"right": "right", "center": "center"}.get(given, "right" if numeric[index] else "")
            )
        plan = _TablePlan(
            opening=ooxml.table_xml_open(self.style_ids["Briefing Table"], widths, bool(table.header)),
            header=list(table.header),
            rows=table.rows,
            widths=widths,
            aligns=aligns,
            text_style=self.style_ids["Table Text"],
            heading_style=self.style_ids["Table Heading"],
            fill=self.fill,
            where=where,
            keep=len(table.rows) <= KEEP_TOGETHER_ROWS
            and layout.estimated_height(table.header, table.rows, widths, self.char_width)
            <= (self.landscape_height if landscape else self.text_height) * KEEP_TOGETHER_SHARE,
        )
        for comment in cell_comments:
            anchor = comment.anchor
            # a comment on a whole column (no row) is shown on its header cell
            row = HEADER_ROW if anchor.row is None else anchor.row
            column = anchor.column or 0
            cells = (
                plan.header
                if row == HEADER_ROW
                else (table.rows[row] if 0 <= row < len(table.rows) else None)
            )
            if cells is None or not 0 <= column < count:
                self._notes.append(
                    f"A comment pointed at a cell that {where} does not have; it is on the caption."
                )
                self._add_comment(caption_runs, comment)
                continue
            text_length = len(cells[column]) if column < len(cells) else 0
            start, end = anchors.clamp(anchor.start, anchor.end, text_length)
            plan.comments.setdefault((row, column), []).append((self._new_comment(comment), start, end))
        self._append(ooxml.rows_placeholder(len(self.tables)))
        self.tables.append(plan)
        after = self._para(style="Table Text")  # keeps the next paragraph off the table's bottom rule
        if landscape:
            self._section_break(after._p, landscape=True)  # the landscape page ends after the table

    def _section_break(self, paragraph: etree._Element, landscape: bool) -> None:
        """End a section at a paragraph: before it, for a landscape table's caption (a new empty
        paragraph ends the portrait section), or in it (the paragraph after the table)."""
        first = not self._breaks
        self._breaks += 1
        section = ooxml.section_copy(self._section, landscape, first)
        if not landscape:
            carrier = OxmlElement("w:p")
            paragraph.addprevious(carrier)
            self._pending += 1
            paragraph = carrier
        properties = paragraph.find(_PPR)
        if properties is None:
            properties = SubElement(paragraph, _PPR)
            paragraph.insert(0, properties)
        ooxml.insert_in_order(properties, section, ooxml.PPR_ORDER)

    def _last_section(self) -> None:
        """After section breaks, the note's last section is not its first: no first-page header or
        page-number restart there (see :func:`ooxml.section_copy`)."""
        if not self._breaks:
            return
        fresh = ooxml.section_copy(self._section, landscape=False, first=False)
        self._section.getparent().replace(self._section, fresh)
        self._section = fresh

    def _table_as_text(
        self, table: Table, comments: list[Comment], caption_runs: list[DocxRun], where: str
    ) -> None:
        """A table wider than Word can hold, after its caption: one line per row, cells joined by
        " | ", the header row in bold; a comment on a cell covers that cell's text in its line."""
        self._notes.append(
            f"{where.capitalize()} has {table.column_count:,} columns, more than Word's "
            f"{MAX_TABLE_COLUMNS}; it is exported as text, one line per row, cells separated by “|”."
        )
        by_row: dict[int, list[Comment]] = defaultdict(list)
        for comment in comments:
            row = HEADER_ROW if comment.anchor.row is None else comment.anchor.row
            if row != HEADER_ROW and not 0 <= row < len(table.rows):
                self._notes.append(
                    f"A comment pointed at a cell that {where} does not have; it is on the caption."
                )
                self._add_comment(caption_runs, comment)
            else:
                by_row[row].append(comment)
        lines = [(HEADER_ROW, table.header)] if table.header else []
        for index, (row, cells) in enumerate([*lines, *enumerate(table.rows)]):
            if index:
                self._flush()
            starts = [0]
            for cell in cells:
                starts.append(starts[-1] + len(cell) + len(_CELL_SEPARATOR))
            placed = []
            for comment in by_row.get(row, []):
                column = comment.anchor.column or 0
                if not 0 <= column < len(cells):  # past this row's end: the whole line
                    placed.append(replace(comment, anchor=replace(comment.anchor, start=None, end=None)))
                    continue
                start, end = anchors.clamp(comment.anchor.start, comment.anchor.end, len(cells[column]))
                offset = starts[column]
                span = (offset + (start or 0), offset + (len(cells[column]) if end is None else end))
                placed.append(replace(comment, anchor=replace(comment.anchor, start=span[0], end=span[1])))
            paragraph = self._para(style="Table Heading" if row == HEADER_ROW else "Table Text")
            piece = Piece(0, _CELL_SEPARATOR.join(cells), bold=row == HEADER_ROW)
            self._write_pieces(paragraph, [piece], placed, where)

    # --- recommendations, sources, prepared by, corrections -------------------------------------------

    def _recommendations(self) -> None:
        """Each recommendation numbered, with its detail, owner, priority and due date; in a memo each
        has its own decision line (and initials line), so each decision stands alone."""
        num_id = self.numbering.add_instance(self.numbers, restart=True)
        line = self.settings.decision_line
        on_rows = self._comments_on_replaced()
        for rec in self.briefing.recommendations:
            self._flush()
            self._recommendation(rec, num_id, line, on_rows.get(rec.id, []))
        if self.settings.signature_line.strip():
            self._keep_last_with_next()  # the signature is never alone at the top of a page
            signature = self._para(
                self.clean(self.settings.signature_line, "the signature line"), "Decision Line"
            )
            signature.paragraph_format.space_before = Pt(18)

    def _comments_on_replaced(self) -> dict[str, list[Comment]]:
        """Comments on the list items and table rows the recommendations replace, by the recommendation
        made from (or detailed by) the item or row; a comment on the whole list goes on its first."""
        by_place: dict[tuple[str, int], str] = {}
        first: dict[str, str] = {}
        recs = {rec.id for rec in self.briefing.recommendations}
        pairs = [(rec.id, rec.origin) for rec in self.briefing.recommendations]
        pairs += [(d.recommendation, d.origin) for d in self.briefing.details if d.recommendation in recs]
        for rec_id, ref in pairs:
            if ref.block_id in self._replaced:
                index = ref.item if ref.item is not None else ref.row
                by_place.setdefault((ref.block_id, -2 if index is None else index), rec_id)
                first.setdefault(ref.block_id, rec_id)
        out: dict[str, list[Comment]] = defaultdict(list)
        for block_id in self._replaced:
            for comment in self._comments.get(block_id, []):
                anchor = comment.anchor
                index = anchor.item if anchor.item is not None else anchor.row
                key = (block_id, -2 if index is None else index)
                out[by_place.get(key, first.get(block_id, ""))].append(comment)
            self._placed.add(block_id)
        return out

    def _recommendation(
        self, rec: Recommendation, num_id: int, line: DecisionLine | None, more: list[Comment]
    ) -> None:
        self._placed.add(rec.id)
        paragraph = self._para(style="List Number")
        ooxml.set_numbering(paragraph._p, num_id, 0)
        comments = self._comments.get(rec.id, [])
        runs = self._write_pieces(paragraph, [Piece(0, rec.text)], comments, "a recommendation")
        for comment in more:
            self._add_comment(runs, comment)
        note = rec.annotation
        if note.comment.strip():
            self._add_comment(runs, Comment("", Ref(block_id=rec.id), note.comment, self.author))
        lines = [detail_text(self.briefing, d.origin, rec.text) for d in self._details.get(rec.id, [])]
        details = [
            f"{label}: {value.strip()}"
            for label, value in (("Owner", note.owner), ("Priority", note.priority), ("Due", note.due))
            if value.strip()
        ]
        if details:
            lines.append("   ·   ".join(details))
        shown = [text for text in lines if text.strip()]
        recorded = bool(note.decision.strip())
        # The detail lines are lines of the recommendation's own paragraph (set in the look of the
        # "Recommendation Details" style), and the decision and initials lines one paragraph kept
        # whole: LibreOffice let a separate detail paragraph leave its decision line on the next page
        # although every paragraph was kept with the next.
        for text in shown:
            self._line_break(paragraph)
            self._styled_run(paragraph, self.clean(text, "a recommendation"), "Recommendation Details")
        if recorded:
            self._line_break(paragraph)
            self._styled_run(paragraph, f"{self.settings.recorded_decision}: ", "Recommendation Details")
            value = self._styled_run(
                paragraph, self.clean(note.decision, "a recommendation"), "Recommendation Details"
            )
            value.bold = True
        paragraph.paragraph_format.keep_together = True
        if line is None:
            paragraph.paragraph_format.keep_with_next = None
            return
        paragraph.paragraph_format.keep_with_next = True
        decision = self._para(
            self.clean(line.text(self.options.decision_line), "the decision line"), "Decision Line"
        )
        decision.paragraph_format.keep_together = True
        initials = self.settings.initials_line.strip()
        if initials:
            self._line_break(decision, 2)
            self._text_run(decision, self.clean(self.settings.initials_line, "the decision line"))

    def _line_break(self, paragraph: DocxParagraph, count: int = 1) -> None:
        """``count`` line breaks at the end of a paragraph."""
        run = self._new_run(paragraph, paragraph._p, "")
        for _ in range(count):
            run.add_break()

    def _styled_run(self, paragraph: DocxParagraph, text: str, style: str) -> DocxRun:
        """A run of ``text`` with the character look (font, size, colour, italic) of a paragraph style."""
        run = self._new_run(paragraph, paragraph._p, text)
        properties = self._run_look.get(style)
        if properties is None:
            found = self.doc.styles.element.find(
                f"{qn('w:style')}[@{qn('w:styleId')}='{self.style_ids[style]}']/{qn('w:rPr')}"
            )
            properties = self._run_look[style] = found if found is not None else OxmlElement("w:rPr")
        if len(properties):
            run._r.insert(0, copy.deepcopy(properties))
        return run

    def _source_pieces(self) -> list[Piece]:
        """The source line: publisher, address (a link), date; empty when the source is unknown."""
        source = self.meta.source
        parts = [p.strip() for p in (source.publisher, source.url, source.date)]
        if not any(parts):
            return []
        pieces: list[Piece] = []
        for text, href in ((parts[0], ""), (parts[1], parts[1]), (parts[2], "")):
            if not text:
                continue
            if pieces:
                pieces.append(Piece(0, ", "))
            pieces.append(Piece(0, text, href=href if link_allowed(href) else ""))
        pieces.append(Piece(0, "."))
        return pieces

    def _prepared_by(self) -> None:
        if not self.meta.prepared_by.strip():
            return
        paragraph = self._para(style="Prepared By")
        paragraph.add_run(f"{self.settings.headings['prepared_by']}: ").bold = True
        paragraph.add_run(self.clean(self.meta.prepared_by, "the author"))

    # --- comments -------------------------------------------------------------------------------------

    def _comments_by_target(self) -> dict[str, list[Comment]]:
        """The comments by the id of the block, section or recommendation they are written on.

        A comment whose text was deleted (its anchor is lost, or names nothing left) is never dropped:
        it goes on the nearest text that remains — its block, else its section's heading or first
        block — and says first that its text was removed; with nothing left, on the Subject line.
        """
        found: dict[str, list[Comment]] = defaultdict(list)
        self._moved: list[Comment] = []
        if not self.options.include_comments:
            return found
        briefing = self.briefing
        sections = {section.id: section for section in briefing.sections}
        section_of = {block.id: section.id for section, block in briefing.blocks()}
        recommendations = {rec.id for rec in briefing.recommendations}
        for comment in briefing.comments:
            anchor = comment.anchor
            there = anchor.block_id in section_of or anchor.block_id in recommendations
            if not anchor.block_id:
                there = anchor.section_id in sections
            if there and not anchor.lost:
                found[anchor.block_id or anchor.section_id].append(comment)
                continue
            if there:  # the block (or section) is still there; the part the comment was on is not
                nearest = Ref(section_of.get(anchor.block_id, anchor.section_id), anchor.block_id)
            else:
                nearest = self._nearest(sections.get(section_of.get(anchor.block_id, anchor.section_id)))
            moved = replace(comment, anchor=nearest, text=f"{REMOVED_PREFIX} {comment.text}")
            found[nearest.block_id or nearest.section_id or _SUBJECT].append(moved)
            self._moved.append(moved)
        return found

    @staticmethod
    def _nearest(section: Section | None) -> Ref:
        """Where a comment on a removed block of ``section`` goes: the heading, else its first block;
        an empty ref (the Subject line) when the section is gone too."""
        if section is None:
            return Ref()
        if section.heading.strip():
            return Ref(section_id=section.id)
        if section.blocks:
            return Ref(section.id, section.blocks[0].id)
        return Ref()

    def _wanted(self, comment: Comment) -> bool:
        return self.options.include_resolved_comments or not comment.resolved

    def _add_comment(self, runs: Sequence[DocxRun], comment: Comment) -> None:
        """A Word comment on these runs, with the analyst's name, initials and date."""
        if not self._wanted(comment) or not runs:
            return
        comment_id = self._new_comment(comment)
        runs[0].mark_comment_range(runs[-1], comment_id)

    def _new_comment(self, comment: Comment) -> int:
        """A Word comment whose range markers the caller writes itself (table cells); returns its id."""
        text, author, initials = self._comment_fields(comment)
        comment_id = self._next_comment_id
        self._next_comment_id += 1
        para_id = ooxml.paragraph_id(comment_id) if comment.resolved else ""
        if para_id:
            self._resolved.append(para_id)
        element = parse_xml(ooxml.comment_xml(comment_id, author, initials, text, para_id))
        element.date = self._now
        self._date_comment(element, comment.date)
        self._comments_element.append(element)
        self.comment_count += 1
        return comment_id

    def _comment_fields(self, comment: Comment) -> tuple[str, str, str]:
        text = self.clean(comment.text, "a comment")
        author = self.clean(comment.author.strip() or self.author, "a comment")
        initials = self.clean(comment.initials.strip(), "a comment") or anchors.initials(author)
        return text, author, initials

    def _mark_resolved_comments(self) -> None:
        """Resolved comments are marked done in ``commentsExtended.xml``, as Word does, so Word and
        LibreOffice show them resolved rather than open (a template's own part was dropped with its
        comments)."""
        document = self.doc.part
        for rid, rel in list(document.rels.items()):
            if rel.reltype == ooxml.COMMENTS_EXTENDED_RELTYPE:
                document.rels.pop(rid)
        if not self._resolved:
            return
        part = Part(
            PackURI("/word/commentsExtended.xml"),
            ooxml.COMMENTS_EXTENDED_CONTENT_TYPE,
            ooxml.comments_extended_xml((para_id, True) for para_id in self._resolved),
            document.package,
        )
        document.relate_to(part, ooxml.COMMENTS_EXTENDED_RELTYPE)

    @staticmethod
    def _date_comment(element: etree._Element, when: str) -> None:
        """The comment's own date when it is one Word can hold (in UTC), else the export's."""
        if not when:
            return
        try:
            stamp = dt.datetime.fromisoformat(when)
            if stamp.tzinfo is None:
                stamp = stamp.replace(tzinfo=dt.UTC)
            stamp = stamp.astimezone(dt.UTC)  # year 1 at +14:00 is before year 1 in UTC
        except (ValueError, OverflowError):
            return
        element.date = stamp

    def _orphan_comments(self, subject: DocxParagraph) -> None:
        """Comments whose text is gone from the briefing are kept, each on the nearest text that remains
        (the Subject line when nothing does), and the user is told."""
        orphans = [
            c for target, comments in self._comments.items() if target not in self._placed
            for c in comments if self._wanted(c)
        ]  # fmt: skip
        runs = subject.runs[1:] or subject.runs
        moved_ids = {id(m) for m in self._moved}  # by identity: two comments may be equal
        orphan_ids = {id(o) for o in orphans}
        for comment in orphans:
            if id(comment) not in moved_ids:
                comment = replace(comment, text=f"{REMOVED_PREFIX} {comment.text}")
            self._add_comment(runs, comment)
        moved = [c for c in self._moved if self._wanted(c) and id(c) not in orphan_ids]
        total = len(orphans) + len(moved)
        if not total:
            return
        where = []
        if moved:
            where.append("the nearest text that remains")
        if orphans:
            where.append("the Subject line")
        self._notes.append(
            f"{total} comment{'s' if total > 1 else ''} pointed at text no longer in the briefing; "
            f"{'they are' if total > 1 else 'it is'} attached to {' and '.join(where)}, marked "
            f"“{REMOVED_PREFIX}”."
        )

    # --- properties -----------------------------------------------------------------------------------

    def _properties(self) -> None:
        """Core properties (title, author, subject, keywords, created) and custom ones (classification…).

        The core properties start empty: a template's own (its author, its last printing, its
        revision count) say nothing true about this note.
        """
        core = self.doc.core_properties
        element = core._element  # python-docx offers no way to clear them; the element is a plain one
        for child in list(element):
            element.remove(child)
        now = self._now
        title = self.clean(self.meta.title, "the title")
        core.title = title[:255]
        subject = self.meta.subtitle.strip() or f"{self.settings.label} — {self._purpose_mark()}"
        core.subject = self.clean(subject, "the subtitle")[:255]
        author = self.clean(self.meta.prepared_by, "the author")[:255]
        if author.strip():
            core.author = core.last_modified_by = author
        keywords = [self.classification, self.meta.source.publisher.strip(), self._purpose_mark()]
        core.keywords = self.clean("; ".join(k for k in keywords if k), "the keywords")[:255]
        core.category = self.clean(self.classification, "the classification")[:255]
        core.comments = "Written by Briefing Editor"
        core.created = core.modified = now
        core.revision = 1
        values = {
            "Classification": self.classification,
            "Purpose": self._purpose_mark(),
            "Template": self.template.name if self.template.builtin else Path(self.template.name).name,
        }
        if self.meta.decision_by.strip():
            values["DecisionBy"] = self.meta.decision_by.strip()
        self._set_custom_properties(values)
        self._app_properties()

    def _app_properties(self) -> None:
        """A fresh ``docProps/app.xml``: the template's names this program, its application, counts of
        the template's pages and words; only its company is kept."""
        package = self.doc.part.package
        for rel in package.rels.values():
            if rel.reltype == RT.EXTENDED_PROPERTIES and not rel.is_external:
                part = rel.target_part
                part._blob = ooxml.app_properties_xml(APPLICATION, ooxml.read_company(part.blob))
                return
        part = Part(
            PackURI("/docProps/app.xml"),
            CT.OFC_EXTENDED_PROPERTIES,
            ooxml.app_properties_xml(APPLICATION),
            package,
        )
        package.relate_to(part, RT.EXTENDED_PROPERTIES)

    def _fresh_package(self) -> None:
        """What a template carries that would be stale in the note: Word 2010's ``stylesWithEffects``
        (a copy of the styles Word compares with ``styles.xml``, and repairs the file when they differ)
        and the template's thumbnail; and Word 2010 compatibility mode (15 is Word 2013 and later)."""
        for source in (self.doc.part, self.doc.part.package):
            for rid, rel in list(source.rels.items()):
                if rel.reltype in _STALE_RELATIONSHIPS:
                    source.rels.pop(rid)
        ooxml.set_compatibility_mode(self.doc.settings.element)
        self._ensure_theme()

    def _ensure_theme(self) -> None:
        """A document part without a theme (LibreOffice writes none) gets the shipped template's:
        Word requires one, and theme fonts a copied style may name resolve against it."""
        if any(rel.reltype == RT.THEME for rel in self.doc.part.rels.values()):
            return
        with zipfile.ZipFile(builtin_path("briefing-note")) as archive:
            blob = archive.read("word/theme/theme1.xml")
        part = Part(PackURI("/word/theme/theme1.xml"), CT.OFC_THEME, blob, self.doc.part.package)
        self.doc.part.relate_to(part, RT.THEME)

    def _set_custom_properties(self, values: dict[str, str]) -> None:
        package = self.doc.part.package
        for rel in package.rels.values():
            if rel.reltype == RT.CUSTOM_PROPERTIES and not rel.is_external:
                part = rel.target_part
                part._blob = ooxml.custom_properties_xml(values, part.blob)  # a plain Part keeps its bytes
                return
        part = Part(
            PackURI("/docProps/custom.xml"),
            CT.OFC_CUSTOM_PROPERTIES,
            ooxml.custom_properties_xml(values),
            package,
        )
        package.relate_to(part, RT.CUSTOM_PROPERTIES)

    # --- text -----------------------------------------------------------------------------------------

    def _para(self, text: str = "", style: str = "Normal") -> DocxParagraph:
        """A body paragraph in a style given by name.

        Built with lxml directly: this runs for every paragraph of the note, and python-docx's generic
        element helpers (a style lookup by name, a schema-order search per child) cost most of an export.
        """
        element = OxmlElement("w:p")
        if style != "Normal":
            SubElement(SubElement(element, _PPR), _PSTYLE).set(_VAL, self.style_ids[style])
        self._append(element)
        paragraph = DocxParagraph(element, self.doc._body)
        if text:
            self._text_run(paragraph, text)
        return paragraph

    def _append(self, element: etree._Element) -> None:
        """Add a paragraph or table at the end of the body, in constant time."""
        self._pending += 1
        self._end.addprevious(element)

    def _link(self, url: str) -> str:
        """The relationship id of an external link, one per address, found or made in constant time
        (python-docx compares every relationship, then tries ids from rId1 up, on each call)."""
        rid = self._links.get(url)
        if rid is None:
            rels = self.doc.part.rels
            while f"rId{self._next_rid}" in rels:
                self._next_rid += 1
            rid = f"rId{self._next_rid}"
            rels.add_relationship(RT.HYPERLINK, url, rid, is_external=True)
            self._links[url] = rid
        return rid

    def _text_run(self, paragraph: DocxParagraph, text: str) -> DocxRun:
        """``paragraph.add_run(text)``, fast."""
        return self._new_run(paragraph, paragraph._p, text)

    @staticmethod
    def _new_run(
        paragraph: DocxParagraph,
        parent: etree._Element,
        text: str,
        bold: bool = False,
        italic: bool = False,
        style: str = "",
    ) -> DocxRun:
        """A ``w:r`` at the end of ``parent`` (the paragraph or a hyperlink in it), its properties in
        schema order; python-docx's character-by-character text setter only for tabs and breaks."""
        element = SubElement(parent, _R)
        if bold or italic or style:
            properties = SubElement(element, _RPR)
            if style:
                SubElement(properties, _RSTYLE).set(_VAL, style)
            if bold:
                SubElement(properties, _B)
            if italic:
                SubElement(properties, _I)
        run = DocxRun(element, paragraph)
        if "\t" in text or "\n" in text or "\r" in text:
            run.text = text
        elif text:
            node = SubElement(element, _T)
            node.text = text
            if text[0].isspace() or text[-1].isspace():
                node.set(_SPACE, "preserve")
        return run

    def clean(self, text: str, where: str) -> str:
        """Text Word can store; what was dropped is counted per place for one warning each."""
        cleaned, dropped = ooxml.xml_safe(text)
        if dropped:
            self._dropped[where] += dropped
        return cleaned


def _unique_names(parts: list[Part]) -> None:
    """Give a part that shares its name with an earlier one a name of its own.

    A template whose relationship to a part python-docx needs (core properties, comments…) is damaged
    still holds that part, and python-docx makes a new one under the same name; written as they are,
    the package would hold two members of one name. References follow, as they are made from names.
    """
    seen = {str(part.partname) for part in parts}
    written: set[str] = set()
    for part in parts:
        name = str(part.partname)
        if name in written:
            stem, dot, extension = name.rpartition(".")
            number = 2
            while f"{stem}{number}{dot}{extension}" in seen:
                number += 1
            name = f"{stem}{number}{dot}{extension}"
            part.partname = PackURI(name)
            seen.add(name)
        written.add(name)


#: What ``docProps/app.xml`` names as the program that wrote the note.
APPLICATION = "Briefing Editor"
#: Parts of a template that would be stale in the note (see ``_Writer._fresh_package``).
_STALE_RELATIONSHIPS = {
    "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects",
    RT.THUMBNAIL,
}
#: The key of comments that go on the Subject line (nothing they were on is left).
_SUBJECT = "(subject)"
#: The only kinds of address exported as live links; any other (``javascript:``, ``file:``…) stays text.
LINK_SCHEMES = ("http", "https", "mailto")
_PPR, _PSTYLE, _VAL, _KEEP_NEXT = qn("w:pPr"), qn("w:pStyle"), qn("w:val"), qn("w:keepNext")
_R, _RPR, _RSTYLE, _B, _I, _T = qn("w:r"), qn("w:rPr"), qn("w:rStyle"), qn("w:b"), qn("w:i"), qn("w:t")
_SPACE, _P = qn("xml:space"), qn("w:p")


def link_allowed(url: str) -> bool:
    """Whether an address may become a link: ``http:``, ``https:`` or ``mailto:``, nothing else,
    checked on the exact text that would be written (no lenient URL parsing to trick)."""
    scheme, colon, rest = url.partition(":")
    return bool(colon and rest) and scheme.lower() in LINK_SCHEMES


def _same_text(one: str, other: str) -> bool:
    """Whether two headings say the same, whatever their spacing, case and final stop."""
    return " ".join(one.split()).rstrip(".").casefold() == " ".join(other.split()).rstrip(".").casefold()


def _short(text: str, width: int = 50) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"
