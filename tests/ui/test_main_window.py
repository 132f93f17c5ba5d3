"""The main window opens articles, shows their outline and reports bad files clearly."""

from __future__ import annotations

from tests.ui.helpers import open_window, outline_rows

SAMPLE_HEADINGS = [
    "North Korea Conducts Ballistic Missile Tests Escalating Regional Tensions",
    "Implications for US Diplomacy as Trump Prepares for Asia Tour",
    "Strategic Recommendations for Strengthening Alliance Coordination and Deterrence",
]


def test_sample_outline_shows_the_three_headings(qtbot, settings, sample_path):
    window = open_window(qtbot, settings, sample_path)
    sections = [text for text, kind in outline_rows(window) if kind == "section"]
    assert sections[1:] == SAMPLE_HEADINGS
    assert sections[0].startswith("Lede")
    assert outline_rows(window)[0] == ("Briefing details", "details")
    assert "nk-missile-tests.txt" in window.windowTitle()
    assert "3 sections, 4 tables" in window.statusBar().currentMessage()


def test_section_children_are_its_blocks(qtbot, settings, sample_path):
    from ui.outline import KIND_ROLE

    window = open_window(qtbot, settings, sample_path)
    model = window.outline.model()
    implications = model.index(3, 0)
    kinds = [model.index(r, 0, implications).data(KIND_ROLE) for r in range(model.rowCount(implications))]
    assert kinds == ["paragraph", "list", "paragraph", "table", "table", "paragraph"]


def test_selecting_a_table_shows_it_on_the_page_and_the_grid_opens_on_it(qtbot, settings, sample_path):
    from PySide6.QtCore import Qt

    window = open_window(qtbot, settings, sample_path)
    first_table = next(b for _, b in window.doc.briefing.blocks() if b.kind == "table")
    window.outline.select_id(first_table.id)
    view = window.document_view
    assert window.stack.currentWidget() is view
    key = view.current_key()
    assert (key.kind, key.block_id, key.column) == ("cell", first_table.id, 0)
    assert view.textCursor().block().text() == "Launch Date"
    window.grid_action.trigger()  # Edit ▸ Edit Table in Grid
    assert window.stack.currentWidget() is window.grid_page
    model = window.table_editor.model
    assert model.index(0, 0).data() == "Launch Date"
    assert model.index(1, 1).data() == "Hwasong-12"
    assert (model.rowCount(), model.columnCount()) == (3, 7)
    assert "Table 1" in window.grid_label.text()
    window.table_editor.set_current(2, 1)
    window.table_editor.view.setFocus()
    qtbot.keyClick(window.table_editor.view, Qt.Key.Key_Escape)  # back to the page, at that cell
    assert window.stack.currentWidget() is view
    assert view.current_key().index == 1 and view.textCursor().selectedText() == "Scud-ER"


def test_bad_file_shows_a_clear_error_and_keeps_the_open_briefing(qtbot, settings, tmp_path, sample_path):
    window = open_window(qtbot, settings, sample_path)
    empty = tmp_path / "empty.txt"
    empty.write_text("   \n")
    with qtbot.waitSignal(window.loader.failed, timeout=5000):
        window.open_path(empty)
    box = window.last_error
    assert box is not None and box.isVisible()
    assert "empty.txt" in box.text()
    assert "empty" in box.informativeText()
    assert "Traceback" not in box.detailedText()
    box.done(0)
    assert len([kind for _, kind in outline_rows(window) if kind == "section"]) == 4


def test_standard_shortcuts(qtbot, settings):
    window = open_window(qtbot, settings)
    assert window.open_action.shortcut().toString() == "Ctrl+O"
    assert window.save_action.shortcut().toString() == "Ctrl+S"
    assert window.undo_action.shortcut().toString() == "Ctrl+Z"
    assert window.find_action.shortcut().toString() == "Ctrl+F"


def test_the_first_start_fits_the_screen_and_the_next_start_restores_the_last_geometry(qtbot, settings):
    """At a first start the window is at most the screen's available area (the offscreen screen is
    800×800, smaller than the preferred 1280×800), so the status bar and dock tabs are on screen."""
    from ui.main_window import MainWindow

    window = open_window(qtbot, settings)
    area = window.screen().availableGeometry()
    assert window.width() <= area.width() and window.height() <= area.height()
    assert window.width() < MainWindow.FIRST_SIZE[0], "the preferred size was shrunk to the screen"
    size = (window.width(), window.height() - 90)
    window.resize(*size)
    window.close()  # closing saves the geometry and dock layout

    again = open_window(qtbot, settings)
    assert again.height() == size[1], "the last session's geometry, not the first-start size"
    assert again.width() <= area.width()


def test_toolbar_tooltips_name_the_shortcut(qtbot, settings):
    window = open_window(qtbot, settings)
    assert window.save_action.toolTip() == "Save (Ctrl+S)"
    assert window.export_action.toolTip() == "Export Word (Ctrl+E)"


def test_open_recent_shows_each_file_with_its_folder(qtbot, settings, tmp_path, sample_path):
    window = open_window(qtbot, settings, sample_path)
    window.recent_menu.aboutToShow.emit()
    labels = [a.text() for a in window.recent_menu.actions()]
    assert labels[0] == f"&1 {sample_path.name}  —  {sample_path.resolve().parent}"
    assert window.recent_menu.actions()[0].toolTip() == str(sample_path.resolve())
    window.close_action.trigger()
    window.recent_menu.aboutToShow.emit()
    with qtbot.waitSignal(window.documentLoaded, timeout=5000):
        window.recent_menu.actions()[0].trigger()
    assert window.doc.source_path is not None and window.doc.source_path.name == sample_path.name
