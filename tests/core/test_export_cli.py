"""``briefing convert``: the sample to Word (and PDF), options passed through, clear refusals."""

from __future__ import annotations

import importlib

import docx
import pytest

from briefing import cli, project
from briefing.export import pdf

from .export_support import SAMPLE, body_outline, every_export_checked, sample  # noqa: F401  (a fixture)

pytestmark = pytest.mark.usefixtures("every_export_checked")


def test_convert_writes_a_briefing_note(tmp_path, capsys):
    out = tmp_path / "note.docx"
    assert cli.main(["convert", str(SAMPLE), "-o", str(out)]) == 1  # the sample's errors remain
    assert capsys.readouterr().out == f"wrote {out}\n"
    outline = body_outline(out)
    assert outline[:2] == ["P|Title|Briefing Note", "P|Subtitle|For information"]
    assert sum(line.startswith("T|") for line in outline) == 3  # the action table's rows are details


def test_convert_passes_template_classification_and_decision_line(tmp_path):
    out = tmp_path / "memo.docx"
    args = ["convert", str(SAMPLE), "-o", str(out), "--template", "decision-memo", "--allow-errors"]
    assert cli.main([*args, "--classification", "PROTECTED B", "--decision-line", "boxes"]) == 0
    document = docx.Document(str(out))
    assert document.sections[0].header.paragraphs[0].text == "PROTECTED B"
    assert sum(p.text.startswith("\u2610 Approve") for p in document.paragraphs) == 3


def test_convert_sets_to_from_date_and_file_number_in_the_header_block(tmp_path):
    out = tmp_path / "memo.docx"
    args = ["convert", str(SAMPLE), "-o", str(out), "--template", "decision-memo", "--allow-errors"]
    details = ["--to", "Deputy Minister", "--from", "Director, Asia Policy", "--date", "12 May 2025"]
    assert cli.main([*args, *details, "--file-number", "AP-2025-0042"]) == 0
    header = [line for line in body_outline(out) if line.startswith("P|Header Block")]
    assert header[:4] == [
        "P|Header Block|To:\tDeputy Minister",
        "P|Header Block|From:\tDirector, Asia Policy",
        "P|Header Block|Date:\t12 May 2025",
        "P|Header Block|File number:\tAP-2025-0042",
    ]
    assert header[4].startswith("P|Header Block") and "Subject:" in header[4]
    # without them, no File number line and the date is the briefing's or today's
    assert cli.main([*args, "--force"]) == 0
    assert not any("File number" in line for line in body_outline(out))


def test_convert_reads_a_project_file_and_can_leave_out_corrections(tmp_path):
    briefing = sample()
    from briefing.model import Change

    briefing.changes = [Change("x1", "rule", "b2", "before", "after", "2025-05-10", "A fix")]
    project.save(briefing, tmp_path / "note.briefing")
    out = tmp_path / "note.docx"
    assert cli.main(["convert", str(tmp_path / "note.briefing"), "-o", str(out)]) == 1  # errors remain
    assert "P|Heading 1|Corrections to the source" in body_outline(out)
    assert cli.main(["convert", str(tmp_path / "note.briefing"), "-o", str(out), "--no-corrections"]) == 1
    assert "P|Heading 1|Corrections to the source" not in body_outline(out)


def test_convert_refuses_a_bad_template_and_an_unwritable_target(tmp_path, capsys):
    (tmp_path / "t.docx").write_text("nope", encoding="utf-8")
    out = tmp_path / "note.docx"
    assert cli.main(["convert", str(SAMPLE), "-o", str(out), "--template", str(tmp_path / "t.docx")]) == 2
    assert (
        capsys.readouterr().err
        == f"briefing: {tmp_path / 't.docx'}: template is not a Word .docx file (not a zip archive)\n"
    )
    assert not out.exists()
    assert cli.main(["convert", str(SAMPLE), "-o", str(tmp_path / "missing" / "note.docx")]) == 2
    assert "cannot be written (No such file or directory)" in capsys.readouterr().err


def test_convert_pdf_without_libreoffice_says_so_and_keeps_the_docx(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(pdf, "find_soffice", lambda: None)
    out = tmp_path / "note.docx"
    assert cli.main(["convert", str(SAMPLE), "-o", str(out), "--pdf"]) == 2
    err = capsys.readouterr().err
    assert "LibreOffice is not installed" in err and "(the .docx was written)" in err
    assert out.is_file() and not out.with_suffix(".pdf").exists()


@pytest.mark.skipif(pdf.find_soffice() is None, reason="LibreOffice is not installed; CI installs it")
def test_convert_pdf(tmp_path, capsys):
    out = tmp_path / "note.docx"
    assert cli.main(["convert", str(SAMPLE), "-o", str(out), "--pdf", "--allow-errors"]) == 0
    assert capsys.readouterr().out == f"wrote {out}\nwrote {out.with_suffix('.pdf')}\n"
    assert out.with_suffix(".pdf").read_bytes().startswith(b"%PDF")


def _checks_ready() -> bool:
    try:
        return hasattr(importlib.import_module("briefing.checks"), "apply_safe_fixes")
    except ImportError:
        return False


@pytest.mark.skipif(
    not _checks_ready(), reason="briefing.checks.apply_safe_fixes is not written yet (checks issue)"
)
def test_convert_fix_applies_safe_fixes_and_lists_them_in_the_appendix(tmp_path, capsys):
    out = tmp_path / "note.docx"
    assert cli.main(["convert", str(SAMPLE), "-o", str(out), "--fix"]) == 0
    assert "safe fix" in capsys.readouterr().err
    outline = body_outline(out)
    assert "P|Heading 1|Corrections to the source" in outline
    assert not any("I can also help you" in line for line in outline)
    # change-log targets ("s3/b7 row 2") named as the reader sees them
    assert any(line.startswith("P|Normal|Table 1, row 2. Removed 3 repeated cells") for line in outline)
    where = [row.cells[0].text for row in docx.Document(str(out)).tables[-1].rows[1:]]
    assert any(place.startswith("List 1 in “North Korea") and place.endswith(", item 1") for place in where)


def test_convert_prints_the_checklist_with_the_measured_length(tmp_path, capsys):
    from briefing.export.pdf import find_soffice

    out = tmp_path / "memo.docx"
    code = cli.main(["convert", str(SAMPLE), "-o", str(out), "--template", "decision-memo", "--allow-errors"])
    assert code == 0
    err = capsys.readouterr().err
    assert "checklist: 3 of 3 recommendations have no recorded decision." in err
    # Annex A holds the article, so the body fits; the length is said all the same, and how it was counted.
    measured = find_soffice() is not None
    assert "length: the body runs to 2 of the 2 pages" in err or "length: the body runs to 1 of" in err
    assert ("as laid out by LibreOffice" in err) == measured
    assert ("(estimated: LibreOffice is not available)" in err) == (not measured)
