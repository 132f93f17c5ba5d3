"""The editor shows a doubtful encoding guess in the findings dock, and reads a Shift-JIS article right."""

from __future__ import annotations

from tests.ui.helpers import open_window


def _findings(qtbot, window) -> list:
    panel = window.findings
    qtbot.waitUntil(lambda: panel.shown_revision == panel.revision and bool(panel.findings), timeout=5000)
    return panel.findings


def test_a_doubtful_guess_is_a_finding_in_the_dock(qtbot, settings, tmp_path):
    path = tmp_path / "short.txt"
    path.write_bytes("Note\n\nLe ministère a publié un résumé très détaillé.\n".encode("latin-1"))
    window = open_window(qtbot, settings, path)
    notes = [f for f in _findings(qtbot, window) if f.rule == "import.encoding"]
    assert len(notes) == 1
    assert "Windows-1252 (Western European)" in notes[0].message
    assert "Windows-1250 (Central European)" in notes[0].message
    assert window.doc.source_text.endswith("très détaillé.\n")


def test_a_short_shift_jis_article_opens_as_japanese(qtbot, settings, tmp_path):
    path = tmp_path / "report.txt"
    text = "報告\n\n政府は昨日、新しい経済対策を発表しました。\n"
    path.write_bytes(text.encode("shift_jis"))
    window = open_window(qtbot, settings, path)
    assert window.doc.source_text == text
    paragraphs = [b.text for _, b in window.doc.briefing.blocks() if b.kind == "paragraph"]
    assert "政府は昨日、新しい経済対策を発表しました。" in " ".join(paragraphs)
