"""The main window opens articles and shows their outline."""

from __future__ import annotations

from ui.main_window import MainWindow
from ui.outline import KIND_ROLE

SAMPLE_HEADINGS = [
    "North Korea Conducts Ballistic Missile Tests Escalating Regional Tensions",
    "Implications for US Diplomacy as Trump Prepares for Asia Tour",
    "Strategic Recommendations for Strengthening Alliance Coordination and Deterrence",
]


def _open(qtbot, window: MainWindow, path) -> None:
    with qtbot.waitSignal(window.documentLoaded, timeout=5000):
        window.open_path(path)


def _top_rows(window: MainWindow) -> list[tuple[str, str]]:
    model = window.outline.model()
    return [
        (model.index(row, 0).data(), model.index(row, 0).data(KIND_ROLE)) for row in range(model.rowCount())
    ]


def test_sample_outline_shows_the_three_headings(qtbot, settings, sample_path):
    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.show()
    _open(qtbot, window, sample_path)

    sections = [text for text, kind in _top_rows(window) if kind == "section"]
    assert sections[1:] == SAMPLE_HEADINGS
    assert sections[0].startswith("Lede")
    assert "nk-missile-tests.txt" in window.windowTitle()
    assert "3 sections, 4 tables" in window.statusBar().currentMessage()


def test_section_children_are_its_blocks(qtbot, settings, sample_path):
    window = MainWindow(settings)
    qtbot.addWidget(window)
    _open(qtbot, window, sample_path)
    model = window.outline.model()
    implications = model.index(2, 0)
    kinds = [model.index(r, 0, implications).data(KIND_ROLE) for r in range(model.rowCount(implications))]
    assert kinds == ["paragraph", "list", "paragraph", "table", "table", "paragraph"]


def test_selecting_a_table_shows_its_cells(qtbot, settings, sample_path):
    window = MainWindow(settings)
    qtbot.addWidget(window)
    _open(qtbot, window, sample_path)
    model = window.outline.model()
    first_section = model.index(1, 0)
    table_index = model.index(3, 0, first_section)
    assert table_index.data(KIND_ROLE) == "table"
    window.outline.setCurrentIndex(table_index)
    html_text = window.detail.toPlainText()
    assert "Launch Date" in html_text and "Hwasong-12" in html_text


def test_bad_file_shows_a_clear_error_and_keeps_the_window(qtbot, settings, tmp_path, sample_path):
    window = MainWindow(settings)
    qtbot.addWidget(window)
    _open(qtbot, window, sample_path)
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
    # The previously open article is still there.
    assert len(_top_rows(window)) == 5


def test_open_action_has_the_standard_shortcut(qtbot, settings):
    window = MainWindow(settings)
    qtbot.addWidget(window)
    assert window.open_action.shortcut().toString() == "Ctrl+O"
