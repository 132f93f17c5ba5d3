"""How the document view lays the briefing out: tables that keep their words whole as the window narrows."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from ui.docview.keys import CELL

from .helpers import open_window


def _split_words(view) -> list[str]:
    """Words of table cells the page breaks across two lines ("Hwaso|ng-12"), as they are laid out."""
    document = view.document()
    document.documentLayout().blockBoundingRect(document.lastBlock())  # the whole page laid out now
    split = []
    for block, key in view.blocks():
        if key.kind != CELL:
            continue
        layout, text = block.layout(), block.text()
        for number in range(1, layout.lineCount()):
            start = layout.lineAt(number).textStart()
            if 0 < start < len(text) and not text[start - 1].isspace() and text[start - 1] != "\u2028":
                split.append(f"{text[:start]}|{text[start:]}")
    return split


def test_table_words_stay_whole_as_the_window_narrows(qtbot, settings, sample_path):
    """The sample's first table ("Hwasong-12", "Flight Duration", seven columns) at every window width
    from 1280 down to where the page is 500 pixels: no word, and no hyphenated name, is broken."""
    window = open_window(qtbot, settings, sample_path)
    view = window.document_view
    checked = []
    for width in range(1280, 1000, -8):
        window.resize(width, 720)
        QCoreApplication.processEvents()
        page = view.lineWrapColumnOrWidth()
        if page < 500:
            break
        split = _split_words(view)
        assert not split, f"at a page {page} pixels wide the table breaks {split}"
        checked.append(page)
    assert len(checked) >= 10 and min(checked) < 520 and max(checked) >= 620, checked
