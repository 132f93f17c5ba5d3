"""Guards against a broken Qt binding: PySide6 6.12.0 lowered None's reference count on every repaint of
an item view and on every ``index.data()`` that returned None, so a long session crashed the editor with
"deallocating None". We pin a version without the bug; these tests fail if a pin brings it back."""

from __future__ import annotations

import sys

from tests.ui.helpers import open_grid, open_window, tables


def test_repainting_the_table_editor_does_not_drain_none(qtbot, settings, sample_path):
    window = open_window(qtbot, settings, sample_path)
    open_grid(qtbot, window, tables(window)[0])
    view = window.table_editor.view
    for _ in range(5):  # warm-up: caches may take references once
        view.viewport().repaint()
    before = sys.getrefcount(None)
    for _ in range(200):
        view.viewport().repaint()
        window.outline.viewport().repaint()
    assert sys.getrefcount(None) >= before - 20


def test_model_data_returning_none_does_not_drain_none(qtbot, settings, sample_path):
    from PySide6.QtCore import Qt

    window = open_window(qtbot, settings, sample_path)
    open_grid(qtbot, window, tables(window)[0])
    model = window.table_editor.model
    index = model.index(1, 1)
    before = sys.getrefcount(None)
    for _ in range(500):
        index.data(Qt.ItemDataRole.DecorationRole)
    assert sys.getrefcount(None) >= before - 20
