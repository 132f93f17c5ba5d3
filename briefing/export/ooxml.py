"""Raw WordprocessingML the exporter needs and python-docx lacks: fields, repeating header rows, cell
shading, list numbering, hyperlinks, custom document properties and fast table-row XML.

Only lxml here, no python-docx, so each helper can be tested on its own. Element order inside property
elements follows the ECMA-376 schema sequence; Word refuses files that break it, LibreOffice does not,
so tests assert the order rather than trusting a render.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from lxml import etree

from .. import patterns

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
CUSTOM_NS = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
VT_NS = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
#: The format id Office uses for user-defined custom properties.
CUSTOM_FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"
CUSTOM_PROPERTIES_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
CUSTOM_PROPERTIES_RELTYPE = (
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties"
)
_W_DECL = f'xmlns:w="{W_NS}"'


def w(tag: str) -> str:
    """Clark notation for a ``w:`` tag or attribute, e.g. ``w("tblHeader")``."""
    return f"{{{W_NS}}}{tag}"


# --- text that XML can hold --------------------------------------------------------------------------

#: Characters XML 1.0 cannot hold: C0 controls but tab, newline and return; lone surrogates; U+FFFE/FFFF.
_ILLEGAL = patterns.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


#: What makes a text more than itself in a ``w:t``: characters to drop or escape, tabs and breaks.
_NOT_PLAIN = patterns.compile("[&<>\t\n\r\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def all_plain(texts: Iterable[str]) -> bool:
    """Whether every text goes into a ``w:t`` as it is: :func:`run_xml` would change none of them,
    and :func:`xml_safe` would drop nothing. One search over them all (a table's cells) costs less than
    cleaning and escaping each one."""
    return _NOT_PLAIN.search(" ".join(texts)) is None


def xml_safe(text: str) -> tuple[str, int]:
    """The text without characters XML cannot hold, and how many were dropped.

    python-docx raises on them (and leaves an empty paragraph behind), so text is cleaned before it
    touches the document.
    """
    cleaned, dropped = _ILLEGAL.subn("", text)
    return cleaned, dropped


def escape(text: str) -> str:
    """Text escaped for an XML text node (the caller has already made it :func:`xml_safe`)."""
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    return text


def _attr(text: str) -> str:
    return escape(text).replace('"', "&quot;")


# --- fields --------------------------------------------------------------------------------------------


def field_runs(instruction: str, result: str, rpr: etree._Element | None = None) -> list[etree._Element]:
    """The five runs of a complex field (begin, instruction, separate, cached result, end).

    A complex field rather than ``w:fldSimple`` because Word and LibreOffice both keep its cached result
    visible before fields are updated, and ``rpr`` (run properties) can style every part alike.
    """
    runs = []
    for kind, value in (("begin", None), ("instr", instruction), ("separate", None), ("text", result)):
        run = etree.Element(w("r"), nsmap={"w": W_NS})
        if rpr is not None:
            run.append(_copy(rpr))
        if kind == "instr":
            child = etree.SubElement(run, w("instrText"))
            child.text = f" {value} "
            child.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        elif kind == "text":
            child = etree.SubElement(run, w("t"))
            child.text = value
        else:
            etree.SubElement(run, w("fldChar")).set(w("fldCharType"), kind)
        runs.append(run)
    end = etree.Element(w("r"), nsmap={"w": W_NS})
    if rpr is not None:
        end.append(_copy(rpr))
    etree.SubElement(end, w("fldChar")).set(w("fldCharType"), "end")
    runs.append(end)
    return runs


def append_page_label(paragraph: Any, label: str) -> None:
    """Write a label such as "Page {page} of {pages}" into a python-docx paragraph, with PAGE and
    NUMPAGES fields in place of the two names."""
    before, _, rest = label.partition("{page}")
    middle, _, after = rest.partition("{pages}")
    paragraph.add_run(before)
    append_field(paragraph._p, "PAGE", "1")
    paragraph.add_run(middle)
    append_field(paragraph._p, "NUMPAGES", "1")
    if after:
        paragraph.add_run(after)


def append_field(paragraph: etree._Element, instruction: str, result: str) -> None:
    """Append a field (``PAGE``, ``NUMPAGES``, ``SEQ Table \\* ARABIC``) to a ``w:p``."""
    for run in field_runs(instruction, result):
        paragraph.append(run)


def field_instructions(element: etree._Element) -> list[str]:
    """The field instructions inside an element, complex and simple, e.g. ``["PAGE", "NUMPAGES"]``."""
    found = ["".join(node.itertext()).strip() for node in element.iter(w("instrText"))]
    found += [(node.get(w("instr")) or "").strip() for node in element.iter(w("fldSimple"))]
    return found


def _copy(element: etree._Element) -> etree._Element:
    return etree.fromstring(etree.tostring(element))


# --- placeholders in headers and footers ---------------------------------------------------------------


def replace_placeholders(paragraph: etree._Element, values: Mapping[str, str]) -> bool:
    """Replace ``{classification}``-style placeholders in a ``w:p``; returns whether any was found.

    Word may split a placeholder over several runs, so the paragraph's text is joined, replaced, and put
    back into its first text node (keeping that run's formatting); field results are left alone.
    """
    texts = [t for t in paragraph.iter(w("t")) if not _inside_field_result(t)]
    joined = "".join(t.text or "" for t in texts)
    if not any(key in joined for key in values):
        return False
    for key, value in values.items():
        joined = joined.replace(key, value)
    texts[0].text = joined
    texts[0].set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    for t in texts[1:]:
        t.text = ""
    return True


def _inside_field_result(node: etree._Element) -> bool:
    """Whether a text node is a field's cached result: the nearest field mark before it is "separate"."""
    run = node.getparent()
    sibling = run.getprevious() if run is not None else None
    while sibling is not None:
        char = sibling.find(w("fldChar"))
        if char is not None:
            return char.get(w("fldCharType")) == "separate"
        sibling = sibling.getprevious()
    return False


# --- tables --------------------------------------------------------------------------------------------

#: The children of ``w:trPr`` in schema order (CT_TrPrBase, then CT_TrPr's change tracking).
TR_PR_ORDER = (
    "cnfStyle", "divId", "gridBefore", "gridAfter", "wBefore", "wAfter", "cantSplit", "trHeight",
    "tblHeader", "tblCellSpacing", "jc", "hidden", "ins", "del", "trPrChange",
)  # fmt: skip

#: The children of ``w:tcPr`` in schema order.
TC_PR_ORDER = (
    "cnfStyle", "tcW", "gridSpan", "hMerge", "vMerge", "tcBorders", "shd", "noWrap", "tcMar",
    "textDirection", "tcFitText", "vAlign", "hideMark", "headers", "cellIns", "cellDel", "cellMerge",
    "tcPrChange",
)  # fmt: skip
#: The children of ``w:pPr`` in schema order (CT_PPrBase, then CT_PPr's own).
PPR_ORDER = (
    "pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl", "numPr",
    "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku", "wordWrap",
    "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd", "snapToGrid",
    "spacing", "ind", "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc", "textDirection",
    "textAlignment", "textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr", "sectPr", "pPrChange",
)  # fmt: skip


def set_repeat_header(row: etree._Element) -> None:
    """Mark a ``w:tr`` as a header row that repeats on every page (``w:tblHeader``, in schema order)."""
    tr_pr = row.find(w("trPr"))
    if tr_pr is None:
        tr_pr = etree.Element(w("trPr"))
        insert_at = 1 if row.find(w("tblPrEx")) is not None else 0
        row.insert(insert_at, tr_pr)
    if tr_pr.find(w("tblHeader")) is None:
        insert_in_order(tr_pr, etree.Element(w("tblHeader")), TR_PR_ORDER)


def insert_in_order(parent: etree._Element, child: etree._Element, order: tuple[str, ...]) -> None:
    """Insert ``child`` before the first sibling that comes later in the schema ``order``."""
    rank = order.index(etree.QName(child).localname)
    for index, existing in enumerate(parent):
        if not isinstance(existing.tag, str):  # a comment or processing instruction
            continue
        name = etree.QName(existing).localname
        if name in order and order.index(name) > rank:
            parent.insert(index, child)
            return
    parent.append(child)


def row_properties_xml(header: bool, cant_split: bool = True) -> str:
    """``w:trPr`` for a generated row: rows never split across pages; a header row repeats."""
    parts = (["<w:cantSplit/>"] if cant_split else []) + (["<w:tblHeader/>"] if header else [])
    return f"<w:trPr>{''.join(parts)}</w:trPr>" if parts else ""


def shading_xml(fill: str) -> str:
    """A plain background fill (``RRGGBB``) for a cell or paragraph."""
    return f'<w:shd w:val="clear" w:color="auto" w:fill="{_attr(fill)}"/>'


def _set_property(
    element: etree._Element, props_tag: str, child: etree._Element, order: tuple[str, ...]
) -> None:
    """Put ``child`` into the element's properties (``w:pPr``, ``w:tcPr``…, made first if missing),
    replacing one of the same tag, at its place in the schema order."""
    props = element.find(w(props_tag))
    if props is None:
        props = etree.Element(w(props_tag))
        element.insert(0, props)
    old = props.find(child.tag)
    if old is not None:
        props.remove(old)
    insert_in_order(props, child, order)


def set_cell_shading(cell: etree._Element, fill: str) -> None:
    """Shade a ``w:tc``: ``w:shd`` goes after ``w:tcW``/``w:gridSpan``/merges/borders, per the schema."""
    shd = etree.fromstring(f"<w:shd {_W_DECL} w:val='clear' w:color='auto' w:fill='{_attr(fill)}'/>")
    _set_property(cell, "tcPr", shd, TC_PR_ORDER)


def table_xml_open(style_id: str, widths: list[int], header_row: bool = True) -> str:
    """``<w:tbl>`` with its properties and grid, fixed layout so Word keeps the computed widths.

    ``widths`` are twentieths of a point (dxa); ``header_row`` tells the table style whether to format
    the first row as a header. The caller appends rows and ``</w:tbl>``.
    """
    grid = "".join(f'<w:gridCol w:w="{width}"/>' for width in widths)
    return (
        f"<w:tbl {_W_DECL}><w:tblPr>"
        f'<w:tblStyle w:val="{_attr(style_id)}"/>'
        f'<w:tblW w:w="{sum(widths)}" w:type="dxa"/>'
        '<w:tblLayout w:type="fixed"/>'
        f'<w:tblLook w:val="{"04A0" if header_row else "0420"}" w:firstRow="{int(header_row)}" w:lastRow="0" '
        'w:firstColumn="0" w:lastColumn="0" w:noHBand="0" w:noVBand="1"/>'
        f"</w:tblPr><w:tblGrid>{grid}</w:tblGrid>"
    )


def cell_open_xml(
    width: int, paragraph_style_id: str, align: str = "", fill: str = "", keep_next: bool = False
) -> str:
    """Everything of a one-paragraph ``w:tc`` before its runs; reused for every cell of a column.
    ``keep_next`` keeps the row on the page of the next one (how Word keeps a table together)."""
    shd = shading_xml(fill) if fill else ""
    keep = "<w:keepNext/>" if keep_next else ""
    jc = f'<w:jc w:val="{align}"/>' if align else ""
    return (
        f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{shd}</w:tcPr>'
        f'<w:p><w:pPr><w:pStyle w:val="{_attr(paragraph_style_id)}"/>{keep}{jc}</w:pPr>'
    )


CELL_CLOSE = "</w:p></w:tc>"


def _run_open(bold: bool, italic: bool) -> str:
    rpr = ("<w:b/>" if bold else "") + ("<w:i/>" if italic else "")
    return f'<w:r>{f"<w:rPr>{rpr}</w:rPr>" if rpr else ""}<w:t xml:space="preserve">'


#: The opening of :func:`run_xml`'s run up to its text, plain and bold (table cells are one or the other).
RUN_OPEN = {bold: _run_open(bold, False) for bold in (False, True)}
#: The close of :func:`run_xml`'s run.
RUN_CLOSE = "</w:t></w:r>"


def run_xml(text: str, bold: bool = False, italic: bool = False) -> str:
    """A ``w:r`` for safe text; tabs and line breaks become ``w:tab`` and ``w:br`` as in python-docx."""
    body = escape(text)
    if "\t" in body or "\n" in body or "\r" in body:
        body = body.replace("\r\n", "\n").replace("\r", "\n")
        body = body.replace("\t", '</w:t><w:tab/><w:t xml:space="preserve">')
        body = body.replace("\n", '</w:t><w:br/><w:t xml:space="preserve">')
    opening = RUN_OPEN[bold] if not italic else _run_open(bold, italic)
    return f"{opening}{body}{RUN_CLOSE}"


def comment_start_xml(comment_id: int) -> str:
    """Where a comment's anchored text begins."""
    return f'<w:commentRangeStart w:id="{comment_id}"/>'


def comment_end_xml(comment_id: int, reference_style_id: str = "CommentReference") -> str:
    """Where a comment's anchored text ends, and the reference mark Word shows there."""
    return (
        f'<w:commentRangeEnd w:id="{comment_id}"/>'
        f'<w:r><w:rPr><w:rStyle w:val="{_attr(reference_style_id)}"/></w:rPr>'
        f'<w:commentReference w:id="{comment_id}"/></w:r>'
    )


def comment_xml(comment_id: int, author: str, initials: str, text: str, para_id: str = "") -> str:
    """A ``w:comment`` as Word writes one: each line of ``text`` a paragraph, the first led by the
    annotation mark. Built as text so that adding a comment costs the same however many there are
    (python-docx looks for the next free id among all comments on every add). ``para_id`` goes on the
    last paragraph, where ``commentsExtended.xml`` looks for a comment (to mark it resolved)."""
    lines = text.split("\n")
    paragraphs = []
    for number, line in enumerate(lines):
        mark = (
            '<w:r><w:rPr><w:rStyle w:val="CommentReference"/></w:rPr><w:annotationRef/></w:r>'
            if number == 0
            else ""
        )
        run = run_xml(line) if line else ""
        ident = f' w14:paraId="{para_id}"' if para_id and number == len(lines) - 1 else ""
        paragraphs.append(f'<w:p{ident}><w:pPr><w:pStyle w:val="CommentText"/></w:pPr>{mark}{run}</w:p>')
    w14 = f' xmlns:w14="{W14_NS}"' if para_id else ""
    return (
        f'<w:comment {_W_DECL}{w14} w:id="{comment_id}" w:author="{_attr(author)}" '
        f'w:initials="{_attr(initials)}">{"".join(paragraphs)}</w:comment>'
    )


#: Tables are written into the document part's XML text at save time, one placeholder per table,
#: so a 600 000-cell table needs neither an lxml tree nor python-docx objects.
ROWS_PLACEHOLDER = re.compile(rb"<\?briefing-rows (\d+)\?>")


def rows_placeholder(index: int) -> etree._Element:
    """A processing instruction marking where table ``index``'s rows go."""
    return etree.ProcessingInstruction("briefing-rows", str(index))


# --- list numbering ------------------------------------------------------------------------------------

_BULLETS = ("\u2022", "\u2013", "\u25aa")
_ORDERED = (("decimal", "%{n}."), ("lowerLetter", "%{n})"), ("lowerRoman", "%{n}."))


class Numbering:
    """A template's ``w:numbering`` and the ids the exporter hands out next.

    The exporter owns its list definitions instead of relying on a template's list styles, so bullets
    and numbers work the same with any user template. Ids and insertion points are found once: finding
    them again for every list made a document of many short lists quadratic.
    """

    def __init__(self, element: etree._Element) -> None:
        self.element = element
        self._next_abstract = max(_int_values(element, "abstractNum", "abstractNumId"), default=-1) + 1
        self._next_num = max(_int_values(element, "num", "numId"), default=0) + 1
        #: Schema: every ``w:abstractNum`` comes before the first ``w:num``; ``w:numIdMacAtCleanup`` last.
        self._first_num = element.find(w("num"))
        self._cleanup = element.find(w("numIdMacAtCleanup"))

    def add_abstract(self, ordered: bool, indent: int = 360) -> int:
        """Add a nine-level list definition (bullets •–▪, or 1. a) i.); returns its id."""
        abstract_id = self._next_abstract
        self._next_abstract += 1
        levels = []
        for level in range(9):
            if ordered:
                fmt, pattern = _ORDERED[level % 3]
                text = pattern.format(n=level + 1)
            else:
                fmt, text = "bullet", _BULLETS[level % 3]
            left = indent * (level + 1)
            levels.append(
                f'<w:lvl w:ilvl="{level}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
                f'<w:lvlText w:val="{_attr(text)}"/><w:lvlJc w:val="left"/>'
                f'<w:pPr><w:ind w:left="{left}" w:hanging="{indent}"/></w:pPr></w:lvl>'
            )
        element = etree.fromstring(
            f'<w:abstractNum {_W_DECL} w:abstractNumId="{abstract_id}">'
            f'<w:nsid w:val="{(0x42520000 + abstract_id) & 0xFFFFFFFF:08X}"/>'
            f'<w:multiLevelType w:val="hybridMultilevel"/>{"".join(levels)}</w:abstractNum>'
        )
        self._insert(element, self._first_num if self._first_num is not None else self._cleanup)
        return abstract_id

    def add_instance(self, abstract_id: int, restart: bool = True) -> int:
        """Add a ``w:num`` using a list definition; ``restart`` makes this list count from 1 again."""
        num_id = self._next_num
        self._next_num += 1
        overrides = ""
        if restart:
            overrides = "".join(
                f'<w:lvlOverride w:ilvl="{level}"><w:startOverride w:val="1"/></w:lvlOverride>'
                for level in range(9)
            )
        element = etree.fromstring(
            f'<w:num {_W_DECL} w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/>{overrides}</w:num>'
        )
        self._insert(element, self._cleanup)
        if self._first_num is None:
            self._first_num = element
        return num_id

    def _insert(self, child: etree._Element, before: etree._Element | None) -> None:
        if before is not None:
            before.addprevious(child)
        else:
            self.element.append(child)


def _int_values(parent: etree._Element, tag: str, attribute: str) -> list[int]:
    """The integer values of an id attribute on ``parent``'s ``tag`` children; a damaged one is skipped."""
    values = []
    for child in parent.iterchildren(w(tag)):
        value = child.get(w(attribute)) or ""
        if value.isascii() and value.isdigit():
            values.append(int(value))
    return values


def set_numbering(paragraph: etree._Element, num_id: int, level: int) -> None:
    """Give a ``w:p`` list numbering; ``w:numPr`` goes right after ``w:pStyle`` (and ``w:keepNext``…)."""
    num_pr = etree.Element(_NUM_PR)
    etree.SubElement(num_pr, _ILVL).set(_VAL, str(level))
    etree.SubElement(num_pr, _NUM_ID).set(_VAL, str(num_id))
    _set_property(paragraph, "pPr", num_pr, PPR_ORDER)


_NUM_PR, _ILVL, _NUM_ID, _VAL = w("numPr"), w("ilvl"), w("numId"), w("val")


def set_bottom_border(p_pr: etree._Element, color: str, size: int = 8, space: int = 4) -> None:
    """A rule under a paragraph (``w:pBdr``/``w:bottom``, in schema order inside ``w:pPr``)."""
    border = etree.fromstring(
        f'<w:pBdr {_W_DECL}><w:bottom w:val="single" w:sz="{size}" w:space="{space}" '
        f'w:color="{_attr(color)}"/></w:pBdr>'
    )
    insert_in_order(p_pr, border, PPR_ORDER)


# --- custom document properties ------------------------------------------------------------------------


def custom_properties_xml(values: Mapping[str, str], existing: bytes | None = None) -> bytes:
    """``docProps/custom.xml`` with these text properties; others already in ``existing`` are kept."""
    kept: list[tuple[str, etree._Element]] = []
    if existing:
        try:
            root = etree.fromstring(existing, parser=etree.XMLParser(resolve_entities=False))
        except etree.XMLSyntaxError:
            root = None
        if root is not None:
            for prop in root.findall(f"{{{CUSTOM_NS}}}property"):
                name = prop.get("name", "")
                if name and name not in values and len(prop):
                    kept.append((name, prop[0]))
    root = etree.Element(f"{{{CUSTOM_NS}}}Properties", nsmap={None: CUSTOM_NS, "vt": VT_NS})
    entries: list[tuple[str, etree._Element]] = list(kept)
    for name, value in values.items():
        text = etree.Element(f"{{{VT_NS}}}lpwstr")
        text.text = xml_safe(value)[0]
        entries.append((name, text))
    for pid, (name, value_element) in enumerate(entries, start=2):
        prop = etree.SubElement(root, f"{{{CUSTOM_NS}}}property", fmtid=CUSTOM_FMTID, pid=str(pid), name=name)
        prop.append(value_element)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def read_custom_properties(data: bytes) -> dict[str, str]:
    """The text of every custom property in a ``docProps/custom.xml``."""
    root = etree.fromstring(data, parser=etree.XMLParser(resolve_entities=False))
    return {
        prop.get("name", ""): "".join(prop.itertext()) for prop in root.findall(f"{{{CUSTOM_NS}}}property")
    }


# --- hyperlinks ----------------------------------------------------------------------------------------


def hyperlink_element(relationship_id: str) -> etree._Element:
    """An empty ``w:hyperlink`` pointing at an external relationship; runs go inside it."""
    element = etree.Element(w("hyperlink"), nsmap={"w": W_NS, "r": R_NS})
    element.set(f"{{{R_NS}}}id", relationship_id)
    element.set(w("history"), "1")
    return element


def texts(elements: Iterable[etree._Element]) -> list[str]:
    """The visible text of each element (``w:t`` only), e.g. of table cells or paragraphs."""
    return ["".join(t.text or "" for t in element.iter(w("t"))) for element in elements]


# --- package parts ---------------------------------------------------------------------------------------

CONTENT_TYPES_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
EXTENDED_NS = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"
_RELS_TYPE = "application/vnd.openxmlformats-package.relationships+xml"
_XML_TYPE = "application/xml"


def content_types_xml(parts: Iterable[tuple[str, str]]) -> bytes:
    """``[Content_Types].xml`` for parts given as ``(part name, content type)``.

    An extension whose parts all share one content type (images, say) gets a ``Default``; every other
    part an ``Override``, which OPC allows for any part. ``.rels`` and plain ``.xml`` are defaults.
    """
    parts = list(parts)
    by_extension: dict[str, set[str]] = {}
    for name, content_type in parts:
        extension = name.rpartition(".")[2].lower() if "." in name.rpartition("/")[2] else ""
        by_extension.setdefault(extension, set()).add(content_type)
    defaults = {"rels": _RELS_TYPE, "xml": _XML_TYPE}
    for extension, types in by_extension.items():
        if extension and extension not in defaults and len(types) == 1:
            defaults[extension] = next(iter(types))
    root = etree.Element(f"{{{CONTENT_TYPES_NS}}}Types", nsmap={None: CONTENT_TYPES_NS})
    for extension in sorted(defaults):
        etree.SubElement(
            root, f"{{{CONTENT_TYPES_NS}}}Default", Extension=extension, ContentType=defaults[extension]
        )
    for name, content_type in sorted(parts):
        extension = name.rpartition(".")[2].lower() if "." in name.rpartition("/")[2] else ""
        if defaults.get(extension) != content_type:
            etree.SubElement(root, f"{{{CONTENT_TYPES_NS}}}Override", PartName=name, ContentType=content_type)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def app_properties_xml(application: str, company: str = "") -> bytes:
    """A fresh ``docProps/app.xml``: the application that wrote the file and, when the template
    names one, its company; no page or word counts (a stale count is worse than none, and Word
    recounts on opening)."""
    root = etree.Element(f"{{{EXTENDED_NS}}}Properties", nsmap={None: EXTENDED_NS, "vt": VT_NS})
    for tag, value in (
        ("Application", application),
        ("DocSecurity", "0"),
        ("ScaleCrop", "false"),
        ("Company", company),
        ("LinksUpToDate", "false"),
        ("SharedDoc", "false"),
        ("HyperlinksChanged", "false"),
    ):
        if value:
            etree.SubElement(root, f"{{{EXTENDED_NS}}}{tag}").text = xml_safe(value)[0]
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def read_company(data: bytes) -> str:
    """The ``Company`` of a ``docProps/app.xml``, or empty (also for a damaged part)."""
    try:
        root = etree.fromstring(data, parser=etree.XMLParser(resolve_entities=False))
    except etree.XMLSyntaxError:
        return ""
    node = root.find(f"{{{EXTENDED_NS}}}Company")
    return (node.text or "").strip() if node is not None else ""


#: Word 2013 and later: a document in this mode opens without "Compatibility Mode".
COMPATIBILITY_MODE = "15"
_WORD_URI = "http://schemas.microsoft.com/office/word"
#: The children of ``w:settings`` in schema order (``m:mathPr`` and ``sl:schemaLibrary`` by local name).
SETTINGS_ORDER = (
    "writeProtection", "view", "zoom", "removePersonalInformation", "removeDateAndTime",
    "doNotDisplayPageBoundaries", "displayBackgroundShape", "printPostScriptOverText",
    "printFractionalCharacterWidth", "printFormsData", "embedTrueTypeFonts", "embedSystemFonts",
    "saveSubsetFonts", "saveFormsData", "mirrorMargins", "alignBordersAndEdges",
    "bordersDoNotSurroundHeader", "bordersDoNotSurroundFooter", "gutterAtTop", "hideSpellingErrors",
    "hideGrammaticalErrors", "activeWritingStyle", "proofState", "formsDesign", "attachedTemplate",
    "linkStyles", "stylePaneFormatFilter", "stylePaneSortMethod", "documentType", "mailMerge",
    "revisionView", "trackRevisions", "doNotTrackMoves", "doNotTrackFormatting", "documentProtection",
    "autoFormatOverride", "styleLockTheme", "styleLockQFSet", "defaultTabStop", "autoHyphenation",
    "consecutiveHyphenLimit", "hyphenationZone", "doNotHyphenateCaps", "showEnvelope", "summaryLength",
    "clickAndTypeStyle", "defaultTableStyle", "evenAndOddHeaders", "bookFoldRevPrinting",
    "bookFoldPrinting", "bookFoldPrintingSheets", "drawingGridHorizontalSpacing",
    "drawingGridVerticalSpacing", "displayHorizontalDrawingGridEvery", "displayVerticalDrawingGridEvery",
    "doNotUseMarginsForDrawingGridOrigin", "drawingGridHorizontalOrigin", "drawingGridVerticalOrigin",
    "doNotShadeFormData", "noPunctuationKerning", "characterSpacingControl", "printTwoOnOne",
    "strictFirstAndLastChars", "noLineBreaksAfter", "noLineBreaksBefore", "savePreviewPicture",
    "doNotValidateAgainstSchema", "saveInvalidXml", "ignoreMixedContent", "alwaysShowPlaceholderText",
    "doNotDemarcateInvalidXml", "saveXmlDataOnly", "useXSLTWhenSaving", "saveThroughXslt", "showXMLTags",
    "alwaysMergeEmptyNamespace", "updateFields", "hdrShapeDefaults", "footnotePr", "endnotePr", "compat",
    "docVars", "rsids", "mathPr", "attachedSchema", "themeFontLang", "clrSchemeMapping",
    "doNotIncludeSubdocsInStats", "doNotAutoCompressPictures", "forceUpgrade", "captions",
    "readModeInkLockDown", "smartTagType", "schemaLibrary", "shapeDefaults", "doNotEmbedSmartTags",
    "decimalSymbol", "listSeparator",
)  # fmt: skip
_AFTER_COMPAT = SETTINGS_ORDER[SETTINGS_ORDER.index("compat") + 1 :]
#: The children of ``w:style`` in schema order.
STYLE_ORDER = (
    "name", "aliases", "basedOn", "next", "link", "autoRedefine", "hidden", "uiPriority", "semiHidden",
    "unhideWhenUsed", "qFormat", "locked", "personal", "personalCompose", "personalReply", "rsid", "pPr",
    "rPr", "tblPr", "trPr", "tcPr", "tblStylePr",
)  # fmt: skip
#: The children of ``w:rPr`` in schema order.
RPR_ORDER = (
    "rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike", "dstrike", "outline",
    "shadow", "emboss", "imprint", "noProof", "snapToGrid", "vanish", "webHidden", "color", "spacing", "w",
    "kern", "position", "sz", "szCs", "highlight", "u", "effect", "bdr", "shd", "fitText", "vertAlign",
    "rtl", "cs", "em", "lang", "eastAsianLayout", "specVanish", "oMath", "rPrChange",
)  # fmt: skip


def in_schema_order(parent: etree._Element, order: tuple[str, ...]) -> None:
    """Sort ``parent``'s children into the schema ``order`` (stable; what the order does not name, such
    as Office's extension elements, goes last, where Word writes it). Some producers write templates
    out of order ("qFormat" after "pPr"); Word repairs such a file."""
    children = [c for c in parent if isinstance(c.tag, str)]
    rank = {name: index for index, name in enumerate(order)}
    ranks = [rank.get(etree.QName(c).localname, len(order)) for c in children]
    if ranks == sorted(ranks):
        return
    for child in children:
        parent.remove(child)
    for _, child in sorted(zip(ranks, children, strict=True), key=lambda pair: pair[0]):
        parent.append(child)


def styles_in_schema_order(styles: etree._Element) -> None:
    """Every style's properties in schema order (see :func:`in_schema_order`)."""
    for style in styles.iter(w("style")):
        in_schema_order(style, STYLE_ORDER)
    for tag, order in (("rPr", RPR_ORDER), ("pPr", PPR_ORDER), ("tcPr", TC_PR_ORDER)):
        for properties in styles.iter(w(tag)):
            in_schema_order(properties, order)


def set_compatibility_mode(settings: etree._Element, mode: str = COMPATIBILITY_MODE) -> None:
    """Set ``compatibilityMode`` in a ``w:settings`` element, making ``w:compat`` where it belongs."""
    compat = settings.find(w("compat"))
    if compat is None:
        compat = etree.Element(w("compat"))
        following = next(
            (c for c in settings if isinstance(c.tag, str) and etree.QName(c).localname in _AFTER_COMPAT),
            None,
        )
        if following is not None:
            following.addprevious(compat)
        else:
            settings.append(compat)
    for setting in compat.iterchildren(w("compatSetting")):
        if setting.get(w("name")) == "compatibilityMode":
            setting.set(w("uri"), _WORD_URI)
            setting.set(w("val"), mode)
            return
    etree.SubElement(
        compat, w("compatSetting"), {w("name"): "compatibilityMode", w("uri"): _WORD_URI, w("val"): mode}
    )


# --- resolved comments ----------------------------------------------------------------------------------

W14_NS = "http://schemas.microsoft.com/office/word/2010/wordml"
W15_NS = "http://schemas.microsoft.com/office/word/2012/wordml"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
COMMENTS_EXTENDED_CONTENT_TYPE = (
    "application/vnd.openxmlformats-officedocument.wordprocessingml.commentsExtended+xml"
)
COMMENTS_EXTENDED_RELTYPE = "http://schemas.microsoft.com/office/2011/relationships/commentsExtended"


def paragraph_id(comment_id: int) -> str:
    """The ``w14:paraId`` of a comment's last paragraph: eight hex digits below 0x80000000, as Word
    requires, unique per comment."""
    return f"{0x10000000 + comment_id:08X}"


def comments_extended_xml(entries: Iterable[tuple[str, bool]]) -> bytes:
    """``word/commentsExtended.xml``: for each comment's last paragraph id, whether it is done
    (resolved). Word shows a done comment greyed out as "Resolved"; readers that do not know the
    part still show the comment."""
    root = etree.Element(f"{{{W15_NS}}}commentsEx", nsmap={"w15": W15_NS, "mc": MC_NS})
    root.set(f"{{{MC_NS}}}Ignorable", "w15")
    for para_id, done in entries:
        etree.SubElement(
            root,
            f"{{{W15_NS}}}commentEx",
            {f"{{{W15_NS}}}paraId": para_id, f"{{{W15_NS}}}done": "1" if done else "0"},
        )
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


# --- sections --------------------------------------------------------------------------------------------


def section_copy(section: etree._Element, landscape: bool, first: bool) -> etree._Element:
    """A copy of a ``w:sectPr`` for a section break, the page turned to landscape when asked.

    Only the first section keeps a different first page and a restart of page numbers: a later one
    would print the first-page header again and count from 1 again in the middle of the note.
    """
    copy = _copy(section)
    if not first:
        for node in list(copy.iterchildren(w("titlePg"))):
            copy.remove(node)
        for node in copy.iterchildren(w("pgNumType")):
            node.attrib.pop(w("start"), None)
    if landscape:
        size = copy.find(w("pgSz"))
        if size is None:  # the page the reader's program picks; Letter with 1-inch margins is assumed
            size = etree.Element(w("pgSz"), {w("w"): str(LETTER[0]), w("h"): str(LETTER[1])})
            insert_in_order(copy, size, SECT_PR_ORDER)
        if copy.find(w("pgMar")) is None:
            margins = {w(side): "1440" for side in ("top", "right", "bottom", "left")}
            margins |= {w("header"): "720", w("footer"): "720", w("gutter"): "0"}
            insert_in_order(copy, etree.Element(w("pgMar"), margins), SECT_PR_ORDER)
        width, height = size.get(w("w")) or "", size.get(w("h")) or ""
        if width.isdigit() and height.isdigit() and int(width) < int(height):
            size.set(w("w"), height)
            size.set(w("h"), width)
        size.set(w("orient"), "landscape")
    return copy


#: US Letter in dxa, the page assumed when a template gives none.
LETTER = (12240, 15840)
#: The children of ``w:sectPr`` in schema order.
SECT_PR_ORDER = (
    "headerReference", "footerReference", "footnotePr", "endnotePr", "type", "pgSz", "pgMar", "paperSrc",
    "pgBorders", "lnNumType", "pgNumType", "cols", "formProt", "vAlign", "noEndnote", "titlePg",
    "textDirection", "bidi", "rtlGutter", "docGrid", "printerSettings", "sectPrChange",
)  # fmt: skip
