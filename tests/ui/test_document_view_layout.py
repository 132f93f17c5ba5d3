"""How the document view lays the briefing out: tables that keep their words whole as the window narrows."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from ui.docview.keys import CELL

from .helpers import open_window


def _split_words(view, hyphens: bool = True) -> list[str]:
    """Words of table cells the page breaks across two lines ("Hwaso|ng-12"), as they are laid out;
    with ``hyphens`` false, not counting a break after a hyphen ("Scud-|ER")."""
    document = view.document()
    document.documentLayout().blockBoundingRect(document.lastBlock())  # the whole page laid out now
    split = []
    for block, key in view.blocks():
        if key.kind != CELL:
            continue
        layout, text = block.layout(), block.text()
        for number in range(1, layout.lineCount()):
            start = layout.lineAt(number).textStart()
            before = text[start - 1] if 0 < start < len(text) else " "
            if not before.isspace() and before != "\u2028" and (hyphens or before != "-"):
                split.append(f"{text[:start]}|{text[start:]}")
    return split


def test_table_words_stay_whole_as_the_window_narrows(qtbot, settings, sample_path):
    """The sample's first table ("Hwasong-12", "Flight Duration", seven columns) at every window width
    from 1280 down to where the page is 400 pixels: no word, and no hyphenated name, is broken while
    the page is 500 pixels or wider; narrower, a line breaks after a hyphen at most, and the table is
    set in smaller type when its words would not fit otherwise."""
    window = open_window(qtbot, settings, sample_path)
    view = window.document_view
    checked = []
    for width in range(1280, 900, -8):
        window.resize(width, 720)
        QCoreApplication.processEvents()
        page = view.lineWrapColumnOrWidth()
        if page < 400:
            break
        split = _split_words(view, hyphens=page >= 500)
        assert not split, f"at a page {page} pixels wide the table breaks {split}"
        checked.append(page)
    assert len(checked) >= 20 and min(checked) < 410 and max(checked) >= 620, checked
    first = next(iter(view._tables.values())).table.cellAt(1, 0).firstCursorPosition()
    first.movePosition(first.MoveOperation.Right)
    assert 0 < first.charFormat().fontPointSize() < view.font().pointSizeF()  # set smaller
    window.resize(1280, 720)
    QCoreApplication.processEvents()
    assert first.charFormat().fontPointSize() in (0, view.font().pointSizeF())  # the page's type again
    assert not _split_words(view)
