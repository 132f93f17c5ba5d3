"""Loose ends of the window, as users meet them: the Keyboard Shortcuts list, the way back from the
Details page, the Findings list keeping the keyboard, F2 where it belongs, and where exports go."""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QScreen
from PySide6.QtWidgets import QApplication, QDialog

from .helpers import click_text, open_window, page_text

# --- Help ▸ Keyboard Shortcuts -------------------------------------------------------------------------


def _open_shortcuts(qtbot, window) -> QDialog:
    qtbot.keyClick(window.document_view, Qt.Key.Key_F1)  # Help ▸ Keyboard Shortcuts
    dialog = window.findChild(QDialog, "shortcutsDialog")
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible, timeout=2000)
    return dialog


def test_the_shortcuts_list_fits_the_screen_and_names_the_pages_keys(
    qtbot, settings, sample_path, monkeypatch
):
    monkeypatch.setattr(QScreen, "availableGeometry", lambda _screen: QRect(0, 0, 1280, 720))
    window = open_window(qtbot, settings, sample_path)
    dialog = _open_shortcuts(qtbot, window)
    assert dialog.frameGeometry().height() <= 720 and dialog.frameGeometry().width() <= 1280
    rows = dialog.shown_rows()
    groups = {group for group, _, _ in rows}
    assert {"File menu", "Edit menu", "Review menu", "In the document page", "In the table grid"} <= groups
    page = {keys for group, _, keys in rows if group == "In the document page"}
    assert {"Enter", "Backspace", "Del", "Tab, Shift+Tab", "Menu, Shift+F10"} <= page
    assert ("Review menu", "Next Finding", "F8") in rows
    assert any(group == "In the table grid" and keys == "Esc" for group, _, keys in rows)
    undo = [keys for group, command, keys in rows if group == "Edit menu" and command == "Undo"]
    assert undo and "Ctrl+Z" in undo[0]  # named "Undo", not "Undo <the last edit>"


def test_the_shortcuts_list_is_searched_as_typed_and_escape_closes_it(qtbot, settings, sample_path):
    window = open_window(qtbot, settings, sample_path)
    dialog = _open_shortcuts(qtbot, window)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.search, timeout=2000)  # type at once
    qtbot.keyClicks(dialog.search, "f8")
    rows = dialog.shown_rows()
    assert {command for _, command, _ in rows} == {"Next Finding", "Previous Finding"}
    dialog.search.clear()
    qtbot.keyClicks(dialog.search, "outdent")
    assert [keys for _, _, keys in dialog.shown_rows()] == ["Tab, Shift+Tab"]
    qtbot.keyClicks(dialog.search, " zzz")
    assert dialog.shown_rows() == [] and dialog.nothing.isVisible()
    qtbot.keyClick(dialog.search, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


# --- the Details page has a way back -------------------------------------------------------------------


def test_the_details_page_goes_back_to_the_document_by_escape_and_by_its_button(
    qtbot, settings, sample_path, monkeypatch
):
    from PySide6.QtWidgets import QPushButton

    monkeypatch.setattr(QScreen, "availableGeometry", lambda _screen: QRect(0, 0, 1280, 720))
    window = open_window(qtbot, settings, sample_path)
    view, details = window.document_view, window.details_editor
    click_text(qtbot, window, "UNCLASSIFIED")
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.cursorRect().center())
    assert window.stack.currentWidget() is details
    title = details.fields["title"]
    qtbot.waitUntil(lambda: QApplication.focusWidget() is title, timeout=2000)  # ready to type the title
    qtbot.keyClick(title, Qt.Key.Key_End)
    qtbot.keyClicks(title, " Today")
    qtbot.keyClick(title, Qt.Key.Key_Escape)
    assert window.stack.currentWidget() is view
    assert QApplication.focusWidget() is view
    assert "Regional Tensions Today" in page_text(window)
    assert view.cursorRect().top() >= 0 and view.verticalScrollBar().value() == 0  # the header is shown

    # From the outline's "Briefing details" row (still selected: a click on it opens the details again):
    # Esc in the summary, then the button.
    outline = window.outline
    qtbot.mouseClick(
        outline.viewport(),
        Qt.MouseButton.LeftButton,
        pos=outline.visualRect(outline.model().index(0, 0)).center(),
    )
    assert window.stack.currentWidget() is details
    qtbot.mouseClick(details.summary.viewport(), Qt.MouseButton.LeftButton)
    assert QApplication.focusWidget() is details.summary
    qtbot.keyClick(details.summary, Qt.Key.Key_Escape)
    assert window.stack.currentWidget() is view
    qtbot.mouseClick(  # the row again: it opens the details again
        outline.viewport(),
        Qt.MouseButton.LeftButton,
        pos=outline.visualRect(outline.model().index(0, 0)).center(),
    )
    assert window.stack.currentWidget() is details
    back = details.findChild(QPushButton, "backToDocument")
    assert back is not None and back.isVisible()
    corner = back.mapTo(window, back.rect().bottomRight())
    assert window.rect().contains(corner) and details.viewport().rect().contains(
        back.mapTo(details.viewport(), back.rect().bottomRight())
    ), "the button is on screen without scrolling"
    qtbot.mouseClick(back, Qt.MouseButton.LeftButton)
    assert window.stack.currentWidget() is view


def test_every_detail_typed_on_the_details_page_reaches_the_page(qtbot, settings, sample_path):
    window = open_window(qtbot, settings, sample_path)
    view, details = window.document_view, window.details_editor
    click_text(qtbot, window, "UNCLASSIFIED")
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.cursorRect().center())
    assert window.stack.currentWidget() is details
    subject = details.fields["subtitle"]
    qtbot.mouseClick(subject, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(subject, "Missile tests and the Asia tour")
    qtbot.keyClick(subject, Qt.Key.Key_Escape)
    assert window.stack.currentWidget() is view
    assert "Subject:\tMissile tests and the Asia tour" in page_text(window)
    window.undo_action.trigger()
    assert "Missile tests and the Asia tour" not in page_text(window)


# --- the Findings list keeps the keyboard while the user goes down it ----------------------------------


def _findings_ready(qtbot, window):
    panel = window.findings
    qtbot.waitUntil(lambda: panel.shown_revision == panel.revision and bool(panel.findings), timeout=5000)
    return panel


def test_down_in_the_findings_list_moves_down_it_and_the_page_follows_without_the_keyboard(
    qtbot, settings, sample_path
):
    window = open_window(qtbot, settings, sample_path)
    panel = _findings_ready(qtbot, window)
    tree, view = panel.view, window.document_view
    group = tree.model().index(0, 0)
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=tree.visualRect(group).center())
    assert QApplication.focusWidget() is tree and tree.currentIndex() == group
    expected, places = group, []
    for _ in range(3):
        qtbot.keyClick(tree, Qt.Key.Key_Down)
        expected = tree.indexBelow(expected)
        assert tree.currentIndex() == expected, "Down moved one row"
        assert QApplication.focusWidget() is tree, "the keyboard stays in the list"
        finding = panel.current()
        assert finding is not None
        found = view.block_for_ref(finding.target)
        assert found is not None
        cursor = view.textCursor()
        assert found[0].position() <= cursor.selectionEnd() and cursor.selectionStart() <= (
            found[0].position() + found[0].length()
        ), "the page shows the finding's place"
        places.append(cursor.position())
    assert len(set(places)) > 1, "the page followed the list"
    qtbot.keyClick(tree, Qt.Key.Key_Return)  # go there
    assert QApplication.focusWidget() is view


def test_f8_on_the_page_goes_to_the_next_finding_and_keeps_the_keyboard_there(qtbot, settings, sample_path):
    window = open_window(qtbot, settings, sample_path)
    panel = _findings_ready(qtbot, window)
    view = window.document_view
    click_text(qtbot, window, "Korean Peninsula")
    qtbot.keyClick(view, Qt.Key.Key_F8)
    first = panel.current()
    assert first is not None and QApplication.focusWidget() is view
    qtbot.keyClick(view, Qt.Key.Key_F8)
    assert panel.current() is not None and panel.current().key != first.key
    assert QApplication.focusWidget() is view


def test_a_double_click_on_a_finding_takes_the_keyboard_to_the_page(qtbot, settings, sample_path):
    window = open_window(qtbot, settings, sample_path)
    panel = _findings_ready(qtbot, window)
    tree = panel.view
    row = tree.model().index(0, 0, tree.model().index(1, 0))  # the second group's first finding
    tree.scrollTo(row)  # the user scrolls the list to it
    point = tree.visualRect(row).center()
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert QApplication.focusWidget() is tree and panel.current() is not None
    qtbot.mouseDClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert QApplication.focusWidget() is window.document_view


# --- F2: Rename Section where there is a section to rename, the widget's own key elsewhere ---------------


def _click_outline_row(qtbot, window, item_id: str | None = None, row: int | None = None) -> None:
    outline = window.outline
    index = outline.model().index(row, 0) if row is not None else outline._items[item_id].index()
    outline.scrollTo(index)
    qtbot.mouseClick(outline.viewport(), Qt.MouseButton.LeftButton, pos=outline.visualRect(index).center())
    assert QApplication.focusWidget() is outline and outline.currentIndex() == index


def test_f2_in_the_outline_renames_a_section_and_only_a_section(qtbot, settings, sample_path):
    from briefing.model import ListBlock

    window = open_window(qtbot, settings, sample_path)
    briefing, view, outline = window.doc.briefing, window.document_view, window.outline
    section = briefing.sections[1]
    _click_outline_row(qtbot, window, section.id)
    assert window.rename_action.isEnabled()
    qtbot.keyClick(outline, Qt.Key.Key_F2)
    assert view.textCursor().selectedText() == section.heading  # typed over next
    assert QApplication.focusWidget() is view

    listing = next(block for block in section.blocks if isinstance(block, ListBlock))
    _click_outline_row(qtbot, window, listing.id)
    assert not window.rename_action.isEnabled()  # a list has no name to change
    before = view.textCursor().position()
    qtbot.keyClick(outline, Qt.Key.Key_F2)
    assert QApplication.focusWidget() is outline and view.textCursor().position() == before
    menu = outline.context_menu()
    offered = [a for a in menu.actions() if a is window.rename_action]
    assert offered == [] or not offered[0].isEnabled()  # nor does the right-click menu offer it

    _click_outline_row(qtbot, window, row=0)  # "Briefing details"
    assert not window.rename_action.isEnabled()


def test_f2_on_the_page_renames_the_section_of_the_cursor(qtbot, settings, sample_path):
    window = open_window(qtbot, settings, sample_path)
    section = window.doc.briefing.sections[2]
    click_text(qtbot, window, "The recent ballistic missile tests")
    assert window.rename_action.isEnabled()
    qtbot.keyClick(window.document_view, Qt.Key.Key_F2)
    assert window.document_view.textCursor().selectedText() == section.heading
    click_text(qtbot, window, "once again escalated")  # the lede, with no heading
    assert not window.rename_action.isEnabled()


def test_f2_in_the_register_and_in_the_grid_edits_the_cell(qtbot, settings, sample_path):
    from PySide6.QtWidgets import QLineEdit

    from .helpers import open_grid, tables

    window = open_window(qtbot, settings, sample_path)
    register = window.recommendations.view
    cell = register.model().index(0, 0)
    qtbot.mouseClick(register.viewport(), Qt.MouseButton.LeftButton, pos=register.visualRect(cell).center())
    assert QApplication.focusWidget() is register
    qtbot.keyClick(register, Qt.Key.Key_F2)
    assert register.state() == register.State.EditingState, "F2 edits the recommendation"
    field = QApplication.focusWidget()
    assert isinstance(field, QLineEdit) or field.parent() is register.viewport()
    qtbot.keyClick(field, Qt.Key.Key_Escape)

    open_grid(qtbot, window, tables(window)[0])
    grid = window.table_editor.view
    index = window.table_editor.model.index(1, 1)
    qtbot.mouseClick(grid.viewport(), Qt.MouseButton.LeftButton, pos=grid.visualRect(index).center())
    qtbot.keyClick(grid, Qt.Key.Key_F2)
    assert grid.state() == grid.State.EditingState, "F2 edits the cell"
    assert window.stack.currentWidget() is window.grid_page


# --- where Export and Save As suggest to write -----------------------------------------------------------


def _home(tmp_path, monkeypatch, documents: bool):
    """A home folder of the test's own (with a Documents folder or none); the desktop's folder names are
    the defaults (no user-dirs file)."""
    home = tmp_path / "home"
    home.mkdir()
    if documents:
        (home / "Documents").mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    return home


def _export_path(qtbot, window):
    from pathlib import Path

    window.export_action.trigger()  # File ▸ Export Word…
    dialog = window.export_dialog
    qtbot.waitUntil(dialog.isVisible, timeout=2000)
    path = Path(dialog.output.text())
    dialog.reject()
    return path


def _save_as_suggestion(window, monkeypatch) -> str:
    from PySide6.QtWidgets import QFileDialog

    asked: list[str] = []

    def answer(_parent, _title, start, _filter):
        asked.append(start)
        return "", ""  # the user cancels

    monkeypatch.setattr(QFileDialog, "getSaveFileName", answer)
    window.save_as_action.trigger()  # File ▸ Save As…
    assert len(asked) == 1
    return asked[0]


def test_the_sample_exports_and_saves_to_the_documents_folder(
    qtbot, settings, sample_path, tmp_path, monkeypatch
):
    from pathlib import Path

    home = _home(tmp_path, monkeypatch, documents=True)
    window = open_window(qtbot, settings, sample_path)
    assert _export_path(qtbot, window) == home / "Documents" / "nk-missile-tests.docx"
    assert Path(_save_as_suggestion(window, monkeypatch)) == home / "Documents" / "nk-missile-tests.briefing"


def test_without_a_documents_folder_the_home_folder_is_suggested(
    qtbot, settings, sample_path, tmp_path, monkeypatch
):
    from pathlib import Path

    home = _home(tmp_path, monkeypatch, documents=False)
    window = open_window(qtbot, settings, sample_path)
    assert _export_path(qtbot, window) == home / "nk-missile-tests.docx"
    assert Path(_save_as_suggestion(window, monkeypatch)) == home / "nk-missile-tests.briefing"
    assert not (home / "Documents").exists()  # not made for the suggestion


def test_the_users_own_article_exports_and_saves_beside_itself(qtbot, settings, tmp_path, monkeypatch):
    from pathlib import Path

    home = _home(tmp_path, monkeypatch, documents=True)
    work = tmp_path / "work"
    work.mkdir()
    article = work / "port-strike.txt"
    article.write_text(
        "Dock Workers Walk Out\n\nThe port closed at noon as the strike began.\n", encoding="utf-8"
    )
    (home / "exports").mkdir()
    settings.setValue("export/last_folder", str(home / "exports"))  # an earlier export went elsewhere
    window = open_window(qtbot, settings, article)
    assert _export_path(qtbot, window) == work / "port-strike.docx"
    assert Path(_save_as_suggestion(window, monkeypatch)) == work / "port-strike.briefing"
