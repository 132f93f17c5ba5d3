"""PDF through LibreOffice: the rendered pages hold what a reader must see (CI installs LibreOffice)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from briefing.errors import ExportError
from briefing.export import ExportOptions, export_docx, export_pdf, pdf

from .export_support import DATE, annotated, every_export_checked, sample  # noqa: F401  (a fixture)

pytestmark = pytest.mark.usefixtures("every_export_checked")

needs_libreoffice = pytest.mark.skipif(
    pdf.find_soffice() is None or shutil.which("pdftotext") is None,
    reason="LibreOffice (soffice) and poppler-utils are not installed; CI installs them",
)


def pdf_text(path: Path) -> tuple[int, str]:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    pages = int(re.search(r"^Pages:\s+(\d+)", info, re.MULTILINE).group(1))
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    )
    return pages, text.stdout


@needs_libreoffice
def test_briefing_note_renders_with_banners_page_numbers_and_tables(tmp_path):
    docx_path = tmp_path / "note.docx"
    export_docx(sample(), docx_path, ExportOptions(date=DATE))
    assert export_pdf(docx_path, tmp_path / "note.pdf") == tmp_path / "note.pdf"
    pages, text = pdf_text(tmp_path / "note.pdf")
    assert 2 <= pages <= 4  # a short note, and nothing ran off into extra pages
    info = subprocess.run(["pdfinfo", str(tmp_path / "note.pdf")], capture_output=True, text=True, check=True)
    assert re.search(r"^Tagged:\s+yes$", info.stdout, re.MULTILINE)  # structure for screen readers
    assert text.count("UNCLASSIFIED") == 2 * pages  # banner at the top and bottom of every page
    for number in range(1, pages + 1):
        assert f"Page {number} of {pages}" in text
    for expected in (
        "BRIEFING NOTE",
        "FOR INFORMATION",
        "Subject:",
        "Table 1: Launch Date, Missile Type, Range (km) and Flight Duration",
        "Focus Area: Military Exercises",  # the action table's row, printed as its recommendation's detail
        "Hwasong-12",
        "Recommendations",
        "Prepared by: Jane Analyst",
    ):
        assert expected in text, expected


@needs_libreoffice
def test_decision_memo_renders_decision_lines_and_keeps_comments(tmp_path):
    docx_path = tmp_path / "memo.docx"
    export_docx(annotated(), docx_path, ExportOptions(template="decision-memo", date=DATE))
    export_pdf(docx_path, tmp_path / "memo.pdf")
    pages, text = pdf_text(tmp_path / "memo.pdf")
    assert 3 <= pages <= 6
    assert text.count("PROTECTED A") == 2 * pages
    assert len(re.findall(r"Approve _+\s+Disapprove _+\s+Other _+", text)) == 3
    assert "DECISION MEMORANDUM" in text and "Corrections to the source" in text
    raw = (tmp_path / "memo.pdf").read_bytes()
    assert raw.count(b"/Subtype/Text") + raw.count(b"/Subtype /Text") >= 8  # comments as PDF notes


def test_a_file_that_is_not_a_docx_is_refused_and_the_old_pdf_kept(tmp_path):
    target = tmp_path / "note.pdf"
    target.write_bytes(b"old pdf")
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"not a docx at all")  # LibreOffice would render this as a text document
    with pytest.raises(ExportError, match="not a Word .docx file"):
        export_pdf(broken, target)
    assert target.read_bytes() == b"old pdf"


def test_missing_libreoffice_is_a_clear_error(tmp_path, monkeypatch):
    monkeypatch.setattr(pdf, "find_soffice", lambda: None)
    docx_path = tmp_path / "note.docx"
    export_docx(sample(), docx_path)
    with pytest.raises(ExportError, match="LibreOffice is not installed") as error:
        export_pdf(docx_path, tmp_path / "note.pdf")
    assert error.value.path == str(tmp_path / "note.pdf")
    assert not (tmp_path / "note.pdf").exists()


def test_missing_docx_and_a_failing_converter(tmp_path):
    with pytest.raises(ExportError, match="no such file"):
        pdf.convert_to_pdf(tmp_path / "none.docx", tmp_path / "x.pdf", soffice="/bin/true")
    docx_path = tmp_path / "note.docx"
    export_docx(sample(), docx_path)
    (tmp_path / "x.pdf").write_bytes(b"old pdf")
    with pytest.raises(ExportError, match="could not make the PDF"):
        pdf.convert_to_pdf(docx_path, tmp_path / "x.pdf", soffice=shutil.which("false") or "/bin/false")
    assert (tmp_path / "x.pdf").read_bytes() == b"old pdf"
    with pytest.raises(ExportError, match="cannot be started"):
        pdf.convert_to_pdf(docx_path, tmp_path / "x.pdf", soffice=str(tmp_path / "no-such-program"))
