"""Build the shipped Word templates, byte for byte the same on every run.

    .venv/bin/python resources/templates/make_templates.py

Writes ``briefing-note.docx``, ``decision-memo.docx``, ``us-action-memo.docx`` and ``uk-submission.docx``
beside this script. Each starts from python-docx's
own (Word-made, so Word-valid) default document and has every style the exporter applies set explicitly
here, so a reviewer can read the whole look in one place. The wording (labels, headings, decision line)
is not here: it lives in the ``.json`` settings beside each template.

The header carries a ``{classification}`` placeholder in the Banner style; the footer carries
"Page X of Y" as PAGE/NUMPAGES fields and the banner again. The exporter fills the placeholders.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Pt, RGBColor, Twips

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent))  # run from a checkout without installing

from briefing.export import ooxml  # noqa: E402
from briefing.export.templates import STYLE_NAMES  # noqa: E402

#: Fixed stamps so the output is reproducible (zip entries and core properties).
ZIP_TIME = (2024, 1, 1, 0, 0, 0)
CREATED = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
FONT = "Calibri"  # LibreOffice renders it with the metric-compatible Carlito


@dataclass(frozen=True)
class Look:
    """What differs between the two templates' appearance."""

    accent: str  # headings, title, rules
    header_fill: str  # the table header row
    border: str = "A6A6A6"  # table rules
    a4: bool = False  # A4 paper (UK), else US Letter


LOOKS = {
    "briefing-note": Look(accent="1F3864", header_fill="D9E2F3"),
    "decision-memo": Look(accent="1E4D5C", header_fill="D6E6EA"),
    "us-action-memo": Look(accent="1B2A4A", header_fill="DCE1EA"),
    "uk-submission": Look(accent="2E3B33", header_fill="E1E8E2", a4=True),
}


def build(name: str, look: Look) -> bytes:
    """One template as .docx bytes."""
    settings = json.loads((HERE / f"{name}.json").read_text(encoding="utf-8"))
    document = docx.Document()
    _document_defaults(document)
    _paragraph_styles(document, look)
    _character_styles(document)
    _table_style(document, look)
    _page(document, settings["page_label"], look.a4)
    missing = [s for s in STYLE_NAMES if not _has_style(document, s)]
    assert not missing, f"template lacks styles the exporter uses: {missing}"
    core = document.core_properties
    core.title, core.subject = settings["label"], "Briefing Editor template"
    core.author = core.last_modified_by = "Briefing Editor"
    core.created = core.modified = CREATED
    core.revision = 1
    core.keywords = core.comments = ""
    raw = io.BytesIO()
    document.save(raw)
    return _reproducible_zip(raw.getvalue())


def _has_style(document: docx.document.Document, name: str) -> bool:
    try:
        document.styles[name]
    except KeyError:
        return False
    return True


def _document_defaults(document: docx.document.Document) -> None:
    """Explicit body font and spacing instead of the default template's theme references."""
    defaults = document.styles.element.find(qn("w:docDefaults"))
    defaults.getparent().replace(
        defaults,
        parse_xml(
            f"<w:docDefaults {nsdecls('w')}>"
            f'<w:rPrDefault><w:rPr><w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:eastAsia="{FONT}" '
            f'w:cs="{FONT}"/><w:sz w:val="22"/><w:szCs w:val="22"/>'
            '<w:lang w:val="en-CA" w:eastAsia="en-US" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>'
            '<w:pPrDefault><w:pPr><w:spacing w:after="120" w:line="264" w:lineRule="auto"/></w:pPr>'
            "</w:pPrDefault></w:docDefaults>"
        ),
    )


def _paragraph_style(
    document: docx.document.Document,
    name: str,
    *,
    based_on: str = "Normal",
    size: float | None = None,
    bold: bool | None = None,
    italic: bool | None = None,
    caps: bool | None = None,
    color: str | None = None,
    before: float | None = None,
    after: float | None = None,
    line: float | None = None,
    keep_next: bool | None = None,
    align: WD_ALIGN_PARAGRAPH | None = None,
    left: int | None = None,
    hanging: int | None = None,
    tabs: tuple[int, ...] = (),
    rule: str | None = None,
) -> None:
    """Create or reset a paragraph style to exactly these properties (sizes in points, indents in dxa)."""
    try:
        style = document.styles[name]
    except KeyError:
        style = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    element = style.element
    for tag in ("w:pPr", "w:rPr"):  # drop what the default template had, theme colours included
        for old in element.findall(qn(tag)):
            element.remove(old)
    if name != "Normal":
        style.base_style = document.styles[based_on]
    style.quick_style = True
    font, fmt = style.font, style.paragraph_format
    font.name = FONT
    if size is not None:
        font.size = Pt(size)
    font.bold, font.italic, font.all_caps = bold, italic, caps
    if color:
        font.color.rgb = RGBColor.from_string(color)
    if before is not None:
        fmt.space_before = Pt(before)
    if after is not None:
        fmt.space_after = Pt(after)
    if line is not None:
        fmt.line_spacing = line
    fmt.keep_with_next = keep_next
    fmt.alignment = align
    if left is not None:
        fmt.left_indent = Twips(left)
    if hanging is not None:
        fmt.first_line_indent = Twips(-hanging)
    for position in tabs:
        fmt.tab_stops.add_tab_stop(Twips(position), WD_TAB_ALIGNMENT.LEFT)
    if rule:
        ooxml.set_bottom_border(element.get_or_add_pPr(), rule, size=8, space=6)


def _paragraph_styles(document: docx.document.Document, look: Look) -> None:
    """Every paragraph style the exporter uses, Normal 11 pt Calibri."""
    p = _paragraph_style
    p(document, "Normal", size=11, after=6, line=1.1)
    p(document, "Title", size=20, bold=True, caps=True, color=look.accent, after=0, line=1.0)
    p(document, "Subtitle", size=12, bold=True, caps=True, color="595959", before=2, after=12)
    p(document, "Heading 1", size=13, bold=True, color=look.accent, before=14, after=4, keep_next=True)
    p(document, "Heading 2", size=11.5, bold=True, color=look.accent, before=10, after=3, keep_next=True)
    p(
        document,
        "Heading 3",
        size=11,
        bold=True,
        italic=True,
        color="262626",
        before=8,
        after=2,
        keep_next=True,
    )
    p(document, "List Bullet", after=3)
    p(document, "List Number", after=3)
    p(document, "Caption", size=10, bold=True, color="404040", before=8, after=3, keep_next=True)
    p(document, "Header", size=10, after=0, line=1.0)
    p(document, "Footer", size=10, after=0, line=1.0, align=WD_ALIGN_PARAGRAPH.CENTER)
    p(document, "Banner", size=10, bold=True, caps=True, after=0, line=1.0, align=WD_ALIGN_PARAGRAPH.CENTER)
    p(document, "Header Block", after=2, left=2160, hanging=2160, tabs=(2160,))
    p(document, "Header Block End", based_on="Header Block", after=14, rule=look.accent)
    p(document, "Table Text", size=10, after=0, line=1.0)
    p(document, "Table Heading", based_on="Table Text", bold=True, keep_next=True)
    p(document, "Recommendation Details", size=10, italic=True, color="404040", after=2, left=360)
    p(document, "Decision Line", before=4, after=10, left=360, tabs=(3240, 6120))
    p(document, "Prepared By", size=10, color="404040", before=12, after=0)
    p(document, "Appendix Note", size=10, italic=True, color="404040", after=6)


def _character_styles(document: docx.document.Document) -> None:
    """Hyperlink, and the two styles Word gives comments."""
    styles = document.styles.element
    styles.append(
        parse_xml(
            f'<w:style {nsdecls("w")} w:type="character" w:styleId="Hyperlink"><w:name w:val="Hyperlink"/>'
            '<w:basedOn w:val="DefaultParagraphFont"/><w:uiPriority w:val="99"/><w:unhideWhenUsed/>'
            '<w:rPr><w:color w:val="0563C1"/><w:u w:val="single"/></w:rPr></w:style>'
        )
    )
    styles.append(
        parse_xml(
            f'<w:style {nsdecls("w")} w:type="character" w:styleId="CommentReference">'
            '<w:name w:val="annotation reference"/><w:basedOn w:val="DefaultParagraphFont"/>'
            '<w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/>'
            '<w:rPr><w:sz w:val="16"/><w:szCs w:val="16"/></w:rPr></w:style>'
        )
    )
    styles.append(
        parse_xml(
            f'<w:style {nsdecls("w")} w:type="paragraph" w:styleId="CommentText">'
            '<w:name w:val="annotation text"/><w:basedOn w:val="Normal"/><w:uiPriority w:val="99"/>'
            '<w:unhideWhenUsed/><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>'
            '<w:rPr><w:sz w:val="20"/><w:szCs w:val="20"/></w:rPr></w:style>'
        )
    )


def _table_style(document: docx.document.Document, look: Look) -> None:
    """ "Briefing Table": thin grey rules, compact cells, a bold shaded first row."""
    rule = f'w:val="single" w:sz="4" w:space="0" w:color="{look.border}"'
    borders = "".join(
        f"<w:{side} {rule}/>" for side in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    document.styles.element.append(
        parse_xml(
            f'<w:style {nsdecls("w")} w:type="table" w:styleId="BriefingTable">'
            '<w:name w:val="Briefing Table"/><w:basedOn w:val="TableNormal"/><w:uiPriority w:val="59"/>'
            "<w:qFormat/>"
            '<w:pPr><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>'
            '<w:rPr><w:sz w:val="20"/><w:szCs w:val="20"/></w:rPr>'
            f"<w:tblPr><w:tblBorders>{borders}</w:tblBorders>"
            '<w:tblCellMar><w:top w:w="43" w:type="dxa"/><w:left w:w="108" w:type="dxa"/>'
            '<w:bottom w:w="43" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr>'
            '<w:tblStylePr w:type="firstRow"><w:pPr><w:keepNext/></w:pPr><w:rPr><w:b/><w:bCs/></w:rPr>'
            f"<w:tblPr/><w:trPr><w:tblHeader/></w:trPr><w:tcPr>{ooxml.shading_xml(look.header_fill)}</w:tcPr>"
            "</w:tblStylePr></w:style>"
        )
    )


def _page(document: docx.document.Document, page_label: str, a4: bool = False) -> None:
    """US Letter (or A4), 1-inch margins, banner in header and footer, "Page X of Y" above the bottom
    banner."""
    section = document.sections[0]
    section.page_width, section.page_height = (
        (Twips(11906), Twips(16838)) if a4 else (Twips(12240), Twips(15840))
    )
    section.left_margin = section.right_margin = Twips(1440)
    section.top_margin = section.bottom_margin = Twips(1440)
    section.header_distance = section.footer_distance = Twips(600)
    header = section.header.paragraphs[0]
    header.style = document.styles["Banner"]
    header.add_run("{classification}")
    footer = section.footer
    pages = footer.paragraphs[0]
    pages.style = document.styles["Footer"]
    ooxml.append_page_label(pages, page_label)
    banner = footer.add_paragraph(style=document.styles["Banner"])
    banner.paragraph_format.space_before = Pt(2)
    banner.add_run("{classification}")


def _reproducible_zip(data: bytes) -> bytes:
    """The same archive with fixed timestamps and member order, so a rebuild changes no byte."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            target.writestr(fixed, source.read(info))
    return out.getvalue()


def main() -> None:
    """Write every template beside this script."""
    for name, look in LOOKS.items():
        path = HERE / f"{name}.docx"
        path.write_bytes(build(name, look))
        print(f"wrote {path}")


if __name__ == "__main__":
    main()
