"""Reading Word ``.docx`` articles: headings by style, lists, real tables, bold and italic, comments.

The body is read in document order (paragraphs and tables interleaved, content controls opened).
A paragraph is a heading when its style is a ``Title`` or ``Heading N`` style (by id or name, in any
case) or carries an outline level; a list item when its style is a list style or it is numbered.
Merged table cells keep their text once, in the first cell they cover. The document's comments become
the briefing's comments, on the block their range starts in.

What the checks' lines and columns count in is the extracted text (:mod:`.extracted`), not the XML.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import patterns
from ..errors import InputError
from ..model import Briefing, Comment, Run
from ..refs import Ref
from .extracted import Entry, ExtractedText, clean

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_HEADING_STYLE = patterns.compile(
    r"^(?:heading|titre|überschrift|título|titolo|kop)\s*([1-9])$", re.IGNORECASE
)
_LIST_STYLE = patterns.compile(r"^list\s*(bullet|number|continue|paragraph)?\s*([2-9])?$", re.IGNORECASE)


@dataclass
class _Item:
    """A list paragraph waiting for the end of its list."""

    text: str
    level: int
    ordered: bool
    comments: list[str] = field(default_factory=list)


def import_docx(data: bytes, path: str | Path | None = None) -> tuple[Briefing, str]:
    """A briefing from a .docx file's bytes, and the text extracted from it (the source text).

    Raises :class:`InputError` for a file that is not a readable Word document.
    """
    document = _open(data, path)
    return _Reader(document).read()


def _open(data: bytes, path: str | Path | None) -> Any:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    if not data.strip():
        raise InputError(path, "is empty: there is no text to import")
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise InputError(path, "is an old Word (.doc) file, not a .docx: save it as .docx in Word first")
    if not data.startswith(b"PK"):
        raise InputError(path, "is not a Word document (.docx is a ZIP package; this file is not one)")
    try:
        return docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError):
        raise InputError(path, "is a damaged Word document (its ZIP package cannot be read)") from None
    except PackageNotFoundError:
        raise InputError(path, "is not a Word document (the ZIP package has no document in it)") from None
    except KeyError:
        raise InputError(
            path, "is not a Word document (the ZIP package lacks the parts Word needs)"
        ) from None
    except ValueError as exc:
        raise InputError(path, f"is not a Word document that can be read ({exc})") from None
    except Exception as exc:  # noqa: BLE001 - lxml and python-docx raise many kinds on a broken package
        raise InputError(path, f"is a damaged Word document ({type(exc).__name__})") from None


class _Reader:
    def __init__(self, document: Any) -> None:
        self.document = document
        self.briefing = Briefing()
        self.out = ExtractedText(self.briefing)
        self.items: list[_Item] = []
        #: Comment id → where its range starts.
        self.anchors: dict[str, Ref] = {}
        self.titled = False
        self.numbering = _numbering_formats(document)
        self.styles: dict[str | None, Any] = {}

    def read(self) -> tuple[Briefing, str]:
        from docx.table import Table
        from docx.text.paragraph import Paragraph

        core_title = clean(self.document.core_properties.title or "")
        has_title_style = any(
            _style_level(self._style(Paragraph(p, self.document._body))) == 0
            for p in self.document.element.body.iter(f"{_W}p")
        )
        if core_title and not has_title_style:
            self.out.title(core_title)
            self.titled = True
        for element in _body_elements(self.document.element.body):
            if element.tag == f"{_W}p":
                self._paragraph(Paragraph(element, self.document._body))
            else:
                self._flush_list()
                self._table(Table(element, self.document._body))
        self._flush_list()
        self.out.finish()
        self._comments()
        return self.briefing, self.out.text

    # --- paragraphs ------------------------------------------------------------------------------------

    def _paragraph(self, paragraph: Any) -> None:
        comments = _comment_ids(paragraph._p)
        style = self._style(paragraph)
        level = _heading_level(paragraph, style)
        listed = None if level is not None else self._list_info(paragraph, style)
        if listed is not None:
            if self.items and listed[0] == 0 and listed[1] != self.items[0].ordered:
                self._flush_list()  # bullets then numbers (or back): two lists
            self.items.append(_Item(paragraph.text, listed[0], listed[1], comments))
            return
        self._flush_list()
        builder = self.out.builder
        if level == 0 and not self.titled and clean(paragraph.text):
            self.titled = True
            self.out.title(paragraph.text)  # a comment on it goes on the first section
        elif level is not None and clean(paragraph.text):
            self.out.heading(paragraph.text, max(level, 1))
            self._anchor(comments, Ref(builder.current.id))
        else:
            count = len(builder.current.blocks)
            self.out.paragraph(_runs(paragraph))
            if len(builder.current.blocks) > count:
                self._anchor(comments, Ref(builder.current.id, builder.current.blocks[-1].id))
            elif comments:
                self._anchor(comments, Ref(builder.current.id))

    def _style(self, paragraph: Any) -> Any:
        """The paragraph's style, looked up once per style id (python-docx searches all styles)."""
        p_pr = paragraph._p.pPr
        key = p_pr.pStyle.val if p_pr is not None and p_pr.pStyle is not None else None
        if key not in self.styles:
            self.styles[key] = paragraph.style
        return self.styles[key]

    def _list_info(self, paragraph: Any, style: Any) -> tuple[int, bool] | None:
        """(level, ordered) of a list paragraph, ``None`` for any other."""
        p_pr = paragraph._p.pPr
        num_pr = p_pr.numPr if p_pr is not None else None
        names = [getattr(style, "name", "") or "", getattr(style, "style_id", "") or ""]
        match = next((m for m in (_LIST_STYLE.match(n) for n in names) if m), None)
        if num_pr is None:
            num_pr = _style_num_pr(style)
        if num_pr is None and match is None:
            return None
        if num_pr is not None and num_pr.numId is not None and num_pr.numId.val == 0:
            return None  # numbering switched off
        level = 0
        if num_pr is not None and num_pr.ilvl is not None:
            level = int(num_pr.ilvl.val)
        elif match is not None and match.group(2):
            level = int(match.group(2)) - 1
        ordered = bool(match and (match.group(1) or "").lower() == "number")
        if num_pr is not None and num_pr.numId is not None:
            fmt = self.numbering.get((int(num_pr.numId.val), level))
            if fmt is not None:
                ordered = fmt not in ("bullet", "none")
        return level, ordered

    def _flush_list(self) -> None:
        if not self.items:
            return
        items, self.items = self.items, []
        numbers: dict[int, int] = {}
        entries = []
        for item in items:
            for deeper in [lvl for lvl in numbers if lvl > item.level]:
                del numbers[deeper]
            numbers[item.level] = numbers.get(item.level, 0) + 1
            marker = f"{numbers[item.level]}." if item.ordered else "-"
            entries.append(Entry(item.text, item.level, marker))
        builder = self.out.builder
        count = len(builder.current.blocks)
        self.out.list_items(entries, items[0].ordered)
        if len(builder.current.blocks) > count:
            block = builder.current.blocks[-1]
            kept = [item for item in items if clean(item.text)]
            for index, item in enumerate(kept):
                self._anchor(item.comments, Ref(builder.current.id, block.id, item=index))
        for item in items:
            self._anchor(item.comments, Ref(builder.current.id))

    # --- tables ----------------------------------------------------------------------------------------

    def _table(self, table: Any) -> None:
        from docx.text.paragraph import Paragraph

        rows: list[list[str]] = []
        cell_comments: list[tuple[int, int, list[str]]] = []
        for tr in table._tbl.iter(f"{_W}tr"):
            if _nearest(tr, f"{_W}tbl") is not table._tbl:
                continue  # a row of a table nested in a cell: its text is in that cell
            cells: list[str] = []
            for tc in _row_cells(tr):
                tc_pr = tc.find(f"{_W}tcPr")
                merge = tc_pr.find(f"{_W}vMerge") if tc_pr is not None else None
                span_el = tc_pr.find(f"{_W}gridSpan") if tc_pr is not None else None
                span = int(span_el.get(f"{_W}val", "1")) if span_el is not None else 1
                texts = [Paragraph(p, table).text for p in tc.iter(f"{_W}p")]
                text = " ".join(texts)
                if merge is not None and merge.get(f"{_W}val", "continue") == "continue" and not clean(text):
                    text = ""  # the cell a vertical merge covers: its text is in the cell above
                ids = [i for p in tc.iter(f"{_W}p") for i in _comment_ids(p)]
                if ids:
                    cell_comments.append((len(rows), len(cells), ids))
                cells.append(text)
                cells.extend([""] * (min(max(span, 1), 64) - 1))
            rows.append(cells)
        builder = self.out.builder
        count = len(builder.current.blocks)
        self.out.table(rows)
        if len(builder.current.blocks) > count:
            block = builder.current.blocks[-1]
            kept = [index for index, row in enumerate(rows) if any(clean(c) for c in row)]
            for row, column, ids in cell_comments:
                place = kept.index(row) - 1 if row in kept else None
                self._anchor(ids, Ref(builder.current.id, block.id, row=place, column=column))
        for _, _, ids in cell_comments:
            self._anchor(ids, Ref(builder.current.id))

    # --- comments --------------------------------------------------------------------------------------

    def _anchor(self, ids: list[str], ref: Ref) -> None:
        for comment_id in ids:
            self.anchors.setdefault(comment_id, ref)

    def _comments(self) -> None:
        try:
            comments = list(self.document.comments)
        except Exception:  # noqa: BLE001 - a damaged comments part loses the comments, not the document
            return
        sections = self.briefing.sections
        first = Ref(sections[0].id) if sections else Ref()
        for comment in comments:
            text = clean(comment.text or "")
            if not text:
                continue
            anchor = self.anchors.get(str(comment.comment_id), first)
            when = comment.timestamp
            self.briefing.comments.append(
                Comment(
                    self.briefing.new_id("c"),
                    anchor,
                    text,
                    author=comment.author or "",
                    initials=comment.initials or "",
                    date=when.isoformat() if when is not None else "",
                )
            )


def _body_elements(container: Any) -> list[Any]:
    """The body's paragraphs and tables in document order, inside content controls too."""
    found: list[Any] = []
    for child in container:
        if child.tag in (f"{_W}p", f"{_W}tbl"):
            found.append(child)
        elif child.tag in (f"{_W}sdt", f"{_W}customXml"):
            content = child.find(f"{_W}sdtContent") if child.tag == f"{_W}sdt" else child
            if content is not None:
                found.extend(_body_elements(content))
    return found


def _row_cells(tr: Any) -> list[Any]:
    cells = []
    for child in tr:
        if child.tag == f"{_W}tc":
            cells.append(child)
        elif child.tag in (f"{_W}sdt", f"{_W}customXml"):
            content = child.find(f"{_W}sdtContent") if child.tag == f"{_W}sdt" else child
            if content is not None:
                cells.extend(c for c in content if c.tag == f"{_W}tc")
    return cells


def _nearest(element: Any, tag: str) -> Any:
    parent = element.getparent()
    while parent is not None and parent.tag != tag:
        parent = parent.getparent()
    return parent


def _runs(paragraph: Any) -> list[Run]:
    """A paragraph's text as runs: bold and italic as Word shows them, links with their address."""
    from docx.text.hyperlink import Hyperlink

    runs: list[Run] = []
    for part in paragraph.iter_inner_content():
        if isinstance(part, Hyperlink):
            address = part.address or ""
            for run in part.runs:
                runs.append(Run(run.text, run.bold is True, run.italic is True, address))
            if not part.runs and part.text:
                runs.append(Run(part.text, href=address))
        else:
            runs.append(Run(part.text, part.bold is True, part.italic is True))
    return runs


def _comment_ids(p: Any) -> list[str]:
    """The ids of the comments whose range starts (or is referenced) in a paragraph."""
    ids = [el.get(f"{_W}id", "") for el in p.iter(f"{_W}commentRangeStart", f"{_W}commentReference")]
    return list(dict.fromkeys(i for i in ids if i))


def _heading_level(paragraph: Any, style: Any) -> int | None:
    """0 for a title, 1-6 for a heading, ``None`` for a body paragraph."""
    level = _style_level(style)
    if level is not None:
        return level
    p_pr = paragraph._p.pPr
    outline = _outline_level(p_pr)
    if outline is None:
        outline = _style_outline(style)
    return outline + 1 if outline is not None and outline < 6 else None


def _style_level(style: Any) -> int | None:
    seen = 0
    while style is not None and seen < 10:
        for name in (getattr(style, "style_id", "") or "", getattr(style, "name", "") or ""):
            key = name.strip()
            if key.lower() == "title":
                return 0
            match = _HEADING_STYLE.match(key)
            if match:
                return min(int(match.group(1)), 6)
        style = getattr(style, "base_style", None)
        seen += 1
    return None


def _outline_level(p_pr: Any) -> int | None:
    if p_pr is None:
        return None
    outline = p_pr.find(f"{_W}outlineLvl")
    if outline is None:
        return None
    value = outline.get(f"{_W}val", "")
    return int(value) if value.isdigit() and int(value) < 9 else None


def _style_outline(style: Any) -> int | None:
    seen = 0
    while style is not None and seen < 10:
        level = _outline_level(style.element.find(f"{_W}pPr"))
        if level is not None:
            return level
        style = getattr(style, "base_style", None)
        seen += 1
    return None


def _style_num_pr(style: Any) -> Any:
    seen = 0
    while style is not None and seen < 10:
        p_pr = style.element.pPr if hasattr(style.element, "pPr") else None
        if p_pr is not None and p_pr.numPr is not None:
            return p_pr.numPr
        style = getattr(style, "base_style", None)
        seen += 1
    return None


def _numbering_formats(document: Any) -> dict[tuple[int, int], str]:
    """(numId, level) → the number format (``bullet``, ``decimal``…) of the document's numbering."""
    try:
        numbering = document.part.numbering_part.element
    except (KeyError, NotImplementedError, AttributeError):
        return {}
    abstract: dict[str, dict[int, str]] = {}
    for node in numbering.iter(f"{_W}abstractNum"):
        levels: dict[int, str] = {}
        for lvl in node.iter(f"{_W}lvl"):
            fmt = lvl.find(f"{_W}numFmt")
            ilvl = lvl.get(f"{_W}ilvl", "0")
            if fmt is not None and ilvl.isdigit():
                levels[int(ilvl)] = fmt.get(f"{_W}val", "")
        abstract[node.get(f"{_W}abstractNumId", "")] = levels
    formats: dict[tuple[int, int], str] = {}
    for num in numbering.iter(f"{_W}num"):
        num_id = num.get(f"{_W}numId", "")
        ref = num.find(f"{_W}abstractNumId")
        if ref is None or not num_id.isdigit():
            continue
        for level, fmt in abstract.get(ref.get(f"{_W}val", ""), {}).items():
            formats[(int(num_id), level)] = fmt
    return formats
