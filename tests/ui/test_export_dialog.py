"""Exporting from the window: the dialog runs the export in a worker and offers to open the file."""

from __future__ import annotations

import shutil

import pytest

from tests.ui.helpers import open_window


def test_export_word_writes_a_docx_python_docx_can_open(qtbot, settings, sample_path, tmp_path):
    from docx import Document

    window = open_window(qtbot, settings, sample_path)
    window.export_word()
    dialog = window.export_dialog
    assert dialog.isVisible() and dialog.template.currentData() == "briefing-note"
    target = tmp_path / "note.docx"
    dialog.output.setText(str(target))
    dialog.classification.setCurrentText("OFFICIAL")
    with qtbot.waitSignal(dialog.exported, timeout=20000):
        dialog.export_button.click()
    document = Document(str(target))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Implications for US Diplomacy as Trump Prepares for Asia Tour" in text
    header = "\n".join(p.text for p in document.sections[0].header.paragraphs)
    assert "OFFICIAL" in header
    headers = [table.rows[0].cells[0].text for table in document.tables]
    assert headers.count("Launch Date") == 1 and headers.count("Priority") == 2  # the copy is not fixed yet
    # The action table's rows are the recommendations' details now, so the table is not printed again.
    assert "Focus Area" not in headers
    assert any(
        "\nFocus Area: Military Exercises" in p.text for p in document.paragraphs
    )  # a line of its item
    assert window.last_export_box.isVisible() and "note.docx" in window.last_export_box.text()


def test_a_failed_export_says_so_and_keeps_the_old_file(qtbot, settings, sample_path, tmp_path):
    window = open_window(qtbot, settings, sample_path)
    window.export_word()
    dialog = window.export_dialog
    dialog.template.setCurrentIndex(2)
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"not a zip at all")
    dialog.template_path.setText(str(broken))
    target = tmp_path / "out.docx"
    target.write_bytes(b"previous export")
    dialog.output.setText(str(target))
    with qtbot.waitSignal(dialog.failed, timeout=20000):
        dialog.export_button.click()
    assert target.read_bytes() == b"previous export"
    assert "failed" in window.last_error.text()
    assert "broken.docx" in window.last_error.detailedText()
    assert "Traceback" not in window.last_error.detailedText()


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_export_pdf(qtbot, settings, sample_path, tmp_path):
    window = open_window(qtbot, settings, sample_path)
    window.export_pdf()
    dialog = window.export_dialog
    target = tmp_path / "note.pdf"
    dialog.output.setText(str(target))
    with qtbot.waitSignal(dialog.exported, timeout=120000):
        dialog.export_button.click()
    assert target.read_bytes().startswith(b"%PDF")


def test_default_path_is_never_inside_the_program(qtbot, settings, sample_path):
    from pathlib import Path

    window = open_window(qtbot, settings, sample_path)
    window.export_action.trigger()
    target = Path(window.export_dialog.output.text())
    assert target.name == "nk-missile-tests.docx"
    assert not target.resolve().is_relative_to(Path(sample_path).resolve().parent)
    assert target.parent in (Path.home(), Path.home() / "Documents")  # which one: test_window_leftovers


def test_enter_in_the_path_field_exports(qtbot, settings, sample_path, tmp_path):
    """The way a user goes: File ▸ Export Word, type the path, press Enter."""
    from PySide6.QtCore import Qt

    window = open_window(qtbot, settings, sample_path)
    window.export_action.trigger()
    dialog = window.export_dialog
    target = tmp_path / "typed.docx"
    dialog.output.setFocus()
    dialog.output.selectAll()
    qtbot.keyClicks(dialog.output, str(target))
    with qtbot.waitSignal(dialog.exported, timeout=20000):
        qtbot.keyClick(dialog.output, Qt.Key.Key_Return)
    assert target.stat().st_size > 0


def test_tracked_changes_checkbox_exports_the_corrections_as_revisions(
    qtbot, settings, sample_path, tmp_path
):
    import zipfile

    from PySide6.QtCore import Qt

    window = open_window(qtbot, settings, sample_path)
    panel = window.findings
    qtbot.waitUntil(lambda: panel.shown_revision == panel.revision and bool(panel.findings), timeout=5000)
    window.fix_safe_action.trigger()  # Review ▸ Fix All Safe Problems: the log the revisions come from
    window.export_action.trigger()
    dialog = window.export_dialog
    assert dialog.tracked.isEnabled() and not dialog.tracked.isChecked()
    qtbot.mouseClick(dialog.tracked, Qt.MouseButton.LeftButton)
    assert dialog.tracked.isChecked()
    target = tmp_path / "tracked.docx"
    dialog.output.setText(str(target))
    with qtbot.waitSignal(dialog.exported, timeout=60000):
        dialog.export_button.click()
    with zipfile.ZipFile(target) as archive:
        xml = archive.read("word/document.xml").decode("utf-8")
    assert "<w:del " in xml and 'w:author="Briefing Editor"' in xml
    assert "I can also help you" in xml  # the removed chatbot line, as a deletion to accept


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_the_checklist_counts_pages_with_libreoffice_in_a_worker(qtbot, settings, sample_path):
    window = open_window(qtbot, settings, sample_path)
    window.export_action.trigger()
    dialog = window.export_dialog
    dialog.template.setCurrentIndex(1)  # the decision memo: a two-page limit
    assert "Counting the pages with LibreOffice" in dialog.checklist_label.text()  # the UI did not wait
    qtbot.waitUntil(lambda: dialog.pages is not None, timeout=120000)
    assert dialog.pages.rendered and dialog.pages.total >= dialog.pages.body >= 1
    text = dialog.checklist_label.text()
    assert "Counting the pages" not in text
    assert ("as laid out by LibreOffice" in text) == (dialog.pages.body > 2)
