"""Tables that read well: no column narrower than its longest word, small tables on one page,
alignment by the majority of a column, and a table too wide for portrait on a landscape page."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import nsdecls
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree

from briefing.export import ExportOptions, export_docx, export_pdf, layout, ooxml, pdf
from briefing.export.docx_writer import _TablePlan
from briefing.model import Briefing, Meta, Paragraph, Run, Section, Table

from .export_support import DATE, assert_sound_package, every_export_checked, part_xml  # noqa: F401  (a fixture)

pytestmark = pytest.mark.usefixtures("every_export_checked")
W = ooxml.w
#: Letter with 1-inch margins, as the shipped templates are.
PORTRAIT, LANDSCAPE = 9360, 12960

SITES = Table(
    "t1",
    ["Site", "Code", "Status", "Completion", "Budget ($M)"],
    [
        ["North pumping station", "A-001", "Operational", "2024-04-05", "12.5"],
        ["East reservoir", "A-002", "Under construction", "2025-01-15", "n/a"],
        ["South treatment plant", "B-017", "Delayed", "2026-06-30", "15.2"],
    ],
)
WIDE = Table(
    "t2",
    ["Programme", "Lead organisation", "Implementation responsibility", "Accountability arrangements",
     "Procurement classification", "Environmental authorisation"],
    [["Supply", "Infrastructure Directorate", "Provincial", "Parliamentary", "Competitive", "Assessment"]],
)  # fmt: skip


def briefing(*tables: Table) -> Briefing:
    blocks: list[Paragraph | Table] = [Paragraph("p1", [Run("The review covers twelve districts.")])]
    sections = [Section("s1", "Overview", 1, blocks)]
    for number, table in enumerate(tables, 2):
        sections.append(Section(f"s{number}", f"Part {number}", 1, [table]))
    sections.append(Section("s99", "Outlook", 1, [Paragraph("p99", [Run("Works continue next year.")])]))
    return Briefing(meta=Meta(title="Regional water works"), sections=sections)


def export(tmp_path: Path, *tables: Table) -> Path:
    path = tmp_path / "note.docx"
    export_docx(briefing(*tables), path, ExportOptions(date=DATE))
    return path


def tables_of(path: Path) -> list:
    return list(part_xml(path, "word/document.xml").iter(W("tbl")))


def grid(table) -> list[int]:
    return [int(g.get(W("w"))) for g in table.iter(W("gridCol"))]


def test_no_column_is_narrower_than_its_longest_word(tmp_path):
    widths = grid(tables_of(export(tmp_path, SITES))[0])
    assert sum(widths) == PORTRAIT
    for column, width in enumerate(widths):
        cells = [SITES.header[column], *(row[column] for row in SITES.rows)]
        longest = max(layout.longest_word_length(cell) for cell in cells)
        assert width >= longest * layout.CHAR_WIDTH + layout.CELL_PADDING, SITES.header[column]
    assert widths[1] >= len("A-001") * layout.CHAR_WIDTH  # an identifier is never broken "A-/00/1"


def test_a_column_of_figures_with_one_gap_stays_right_aligned(tmp_path):
    table = tables_of(export(tmp_path, SITES))[0]
    body_rows = table.findall(W("tr"))[1:]
    aligns = [
        [(c.find(f"{W('p')}/{W('pPr')}/{W('jc')}") is not None) for c in row.findall(W("tc"))]
        for row in body_rows
    ]
    assert all(row == [False, False, False, False, True] for row in aligns)  # "n/a" among figures


def test_a_small_table_is_kept_on_one_page(tmp_path):
    path = export(tmp_path, SITES)
    rows = tables_of(path)[0].findall(W("tr"))
    keeps = [all(p.find(f"{W('pPr')}/{W('keepNext')}") is not None for p in row.iter(W("p"))) for row in rows]
    assert keeps == [True, True, True, False]  # header and every row but the last keep with the next
    assert all(row.find(f"{W('trPr')}/{W('cantSplit')}") is not None for row in rows)
    captions = [
        p for p in part_xml(path, "word/document.xml").iter(W("p")) if "Table " in "".join(p.itertext())
    ]
    assert captions[0].find(f"{W('pPr')}/{W('keepNext')}") is not None


@pytest.mark.parametrize(
    "rows",
    [
        [[f"Row {n}", "x"] for n in range(16)],  # more rows than a page keeps together comfortably
        [[f"Row {n}", "word " * 400] for n in range(3)],  # few rows, but taller than a page
    ],
    ids=["many rows", "tall rows"],
)
def test_a_table_that_would_not_fit_on_one_page_is_not_held_together(tmp_path, rows):
    table = tables_of(export(tmp_path, Table("t3", ["Name", "Notes"], rows)))[0]
    body = table.findall(W("tr"))[1:]
    assert not any(
        p.find(f"{W('pPr')}/{W('keepNext')}") is not None for row in body for p in row.iter(W("p"))
    )


def section_properties(path: Path) -> list:
    """Every ``w:sectPr`` in the body, in order: the section breaks, then the last section's."""
    return list(part_xml(path, "word/document.xml").iter(W("sectPr")))


def page(section) -> tuple[int, int, str]:
    size = section.find(W("pgSz"))
    return int(size.get(W("w"))), int(size.get(W("h"))), size.get(W("orient")) or "portrait"


def test_a_table_too_wide_for_portrait_goes_on_a_landscape_page(tmp_path):
    path = export(tmp_path, SITES, WIDE)
    sections = section_properties(path)
    assert [page(s) for s in sections] == [
        (12240, 15840, "portrait"),
        (15840, 12240, "landscape"),
        (12240, 15840, "portrait"),
    ]
    narrow, wide = tables_of(path)
    assert sum(grid(narrow)) == PORTRAIT and sum(grid(wide)) == LANDSCAPE
    need, _ = layout.measure(WIDE.header, WIDE.rows, 6)
    assert sum(need) > PORTRAIT and all(w >= n for w, n in zip(grid(wide), need, strict=True))
    # the portrait section ends before the heading the table comes right after, so the heading moves too
    body = part_xml(path, "word/document.xml").find(W("body"))
    texts = ["".join(child.itertext()) for child in body]
    carrier = next(i for i, child in enumerate(body) if child.find(f"{W('pPr')}/{W('sectPr')}") is not None)
    assert texts[carrier + 1] == "Part 3" and texts[carrier + 2].endswith("and other details")
    # every section shows the banner and page numbers; only the first may differ on its first page
    for section in sections:
        kinds = {r.get(W("type")) for r in section.iter(W("headerReference"), W("footerReference"))}
        assert "default" in kinds
    assert all(s.find(W("titlePg")) is None for s in sections[1:])


@pytest.mark.skipif(
    pdf.find_soffice() is None or shutil.which("pdfinfo") is None, reason="LibreOffice and poppler-utils"
)
def test_the_landscape_page_renders_landscape_between_portrait_ones(tmp_path):
    path = export(tmp_path, SITES, WIDE)
    assert_sound_package(path)
    export_pdf(path, tmp_path / "note.pdf")
    info = subprocess.run(
        ["pdfinfo", "-f", "1", "-l", "20", str(tmp_path / "note.pdf")],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    sizes = [(float(w), float(h)) for w, h in re.findall(r"size:\s+([\d.]+) x ([\d.]+) pts", info)]
    orientations = ["landscape" if w > h else "portrait" for w, h in sizes]
    assert orientations[0] == "portrait" and orientations[-1] == "portrait"
    assert "landscape" in orientations
    text = subprocess.run(
        ["pdftotext", "-layout", str(tmp_path / "note.pdf"), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Environmental" in text and "A-001" in text


def test_a_template_without_a_page_size_still_gets_a_landscape_page(tmp_path):
    template = tmp_path / "bare.docx"
    document = docx.Document()
    sect = document.sections[0]._sectPr
    for child in list(sect):
        if etree.QName(child).localname in ("pgSz", "pgMar"):
            sect.remove(child)
    document.save(str(template))
    path = tmp_path / "note.docx"
    export_docx(briefing(SITES, WIDE), path, ExportOptions(date=DATE, template=str(template)))
    sections = section_properties(path)
    assert page(sections[1]) == (15840, 12240, "landscape")  # Letter turned, as no size was given
    assert sections[1].find(W("pgMar")) is not None
    assert sum(grid(tables_of(path)[1])) == LANDSCAPE


# --- the fast path for plain cells ------------------------------------------------------------------

#: Cell text with what a cell's XML must treat with care: markup characters, tabs, breaks, controls.
CELL_TEXT = st.text(st.sampled_from(list("ab 1,.%&<>\t\n\r\x01\x0b\ufffe€–")), max_size=6)


@given(st.lists(CELL_TEXT, max_size=5))
def test_plain_texts_are_exactly_those_a_run_leaves_as_they_are(texts):
    unchanged = all(
        ooxml.xml_safe(t)[1] == 0 and ooxml.run_xml(t) == f"{ooxml.RUN_OPEN[False]}{t}{ooxml.RUN_CLOSE}"
        for t in texts
    )
    assert ooxml.all_plain(texts) == unchanged


@given(st.lists(st.lists(CELL_TEXT, min_size=1, max_size=4), min_size=1, max_size=4), st.booleans())
def test_a_table_s_rows_are_the_same_xml_on_the_fast_path(rows, keep):
    def plan() -> _TablePlan:
        return _TablePlan(
            opening="<w:tbl>", header=["H1", "H2", "H3"], rows=rows, widths=[1000, 1000, 1000],
            aligns=["", "right", ""], text_style="TableText", heading_style="TableHeading",
            fill="D9D9D9", where="the test table", keep=keep,
        )  # fmt: skip

    fast = b"".join(plan().chunks())
    careful = plan()
    careful._plain_row = careful._row  # type: ignore[method-assign]  # the path for any cell
    assert fast == b"".join(careful.chunks())
    etree.fromstring(fast.replace(b"<w:tbl>", f"<w:tbl {nsdecls('w')}>".encode(), 1))
