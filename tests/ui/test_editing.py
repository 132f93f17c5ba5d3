"""Editing the sample in the real window: every edit undoable, the outline and model in step."""

from __future__ import annotations

from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QDropEvent, QGuiApplication
from PySide6.QtWidgets import QMessageBox

from briefing import project
from briefing.model import Paragraph
from tests.ui.helpers import click_text, open_grid, open_window, outline_rows, page_text, select_text, tables


def test_edit_a_cell_undo_and_redo(qtbot, settings, sample_path):
    window = open_window(qtbot, settings, sample_path)
    table = tables(window)[0]
    open_grid(qtbot, window, table)
    model = window.table_editor.model
    assert model.setData(model.index(1, 2), "1,200")
    assert table.rows[0][2] == "1,200"
    assert window.isWindowModified()
    window.undo_action.trigger()
    assert table.rows[0][2] == "1,100" and model.index(1, 2).data() == "1,100"
    assert not window.isWindowModified()
    window.redo_action.trigger()
    assert table.rows[0][2] == "1,200"


def test_add_a_row_and_delete_a_column(qtbot, settings, sample_path):
    window = open_window(qtbot, settings, sample_path)
    table = tables(window)[3]
    open_grid(qtbot, window, table)
    editor = window.table_editor
    editor.set_current(1, 0)
    editor.actions_by_name["row_below"].trigger()
    assert len(table.rows) == 4 and table.rows[1] == ["", "", "", ""]
    editor.set_current(0, 3)
    editor.actions_by_name["delete_col"].trigger()
    assert table.header == ["Focus Area", "Key Action", "Expected Impact"]
    assert table.rows[3] == [
        "Diplomacy Coordination",
        "Diplomacy Coordination",
        "Unified public statements and strategic messaging",
    ]
    assert editor.model.columnCount() == 3
    window.undo_action.trigger()
    window.undo_action.trigger()
    assert len(table.rows) == 3 and len(table.header) == 4


def test_copy_and_paste_tab_separated_cells(qtbot, settings, sample_path):
    window = open_window(qtbot, settings, sample_path)
    table = tables(window)[2]
    open_grid(qtbot, window, table)
    editor = window.table_editor
    QGuiApplication.clipboard().setText("Maritime\tPatrols near the strait\nCyber\tJoint response teams\n")
    editor.set_current(3, 0)
    editor.paste()
    assert table.rows[2:] == [["Maritime", "Patrols near the strait"], ["Cyber", "Joint response teams"]]
    editor.view.selectAll()
    editor.copy()
    assert QGuiApplication.clipboard().text().splitlines()[0] == "Priority\tDiplomatic Focus"
    window.undo_action.trigger()
    assert table.rows[2] == ["Diplomatic", "Reopening dialogue channels with North Korea and China"]
    assert len(table.rows) == 3


def test_move_a_section_with_the_keyboard_and_undo(qtbot, settings, sample_path):
    window = open_window(qtbot, settings, sample_path)
    headings = [s.heading for s in window.doc.briefing.sections]
    window.outline.select_id(window.doc.briefing.sections[3].id)
    qtbot.keyClick(window.outline, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    moved = [s.heading for s in window.doc.briefing.sections]
    assert moved == [headings[0], headings[1], headings[3], headings[2]]
    assert [text for text, kind in outline_rows(window) if kind == "section"][1:] == moved[1:]
    assert window.outline.current_id() == window.doc.briefing.sections[2].id  # selection follows
    window.undo_action.trigger()
    assert [s.heading for s in window.doc.briefing.sections] == headings


def test_move_a_block_into_the_previous_section(qtbot, settings, sample_path):
    window = open_window(qtbot, settings, sample_path)
    sections = window.doc.briefing.sections
    chatbot = sections[1].blocks[0]
    window.outline.select_id(chatbot.id)
    assert window.outline.move_current(-1)
    assert sections[0].blocks[-1] is chatbot


def test_typing_in_a_paragraph_is_one_undo_step_and_bold_works(qtbot, settings, sample_path):
    window = open_window(qtbot, settings, sample_path)
    paragraph = window.doc.briefing.sections[0].blocks[0]
    view = window.document_view
    click_text(qtbot, window, "North Korea has once again")
    qtbot.keyClicks(view, "Update: ")
    assert paragraph.text.startswith("Update: North Korea")
    select_text(qtbot, window, "Update")
    qtbot.keyClick(view, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    assert paragraph.runs[0].text == "Update" and paragraph.runs[0].bold
    window.undo_action.trigger()  # the bold
    assert not paragraph.runs[0].bold
    window.undo_action.trigger()  # the whole typing burst
    assert isinstance(paragraph, Paragraph)
    assert paragraph.text.startswith("North Korea has once again")
    assert "Update: " not in page_text(window)
    window.redo_action.trigger()
    assert paragraph.text.startswith("Update: North Korea") and "Update: North Korea" in page_text(window)


def test_rename_a_section_by_typing_over_its_heading(qtbot, settings, sample_path):
    window = open_window(qtbot, settings, sample_path)
    section = window.doc.briefing.sections[1]
    window.outline.select_id(section.id)
    window.rename_action.trigger()  # F2: the heading is selected in the page
    qtbot.keyClicks(window.document_view, "Missile Tests")
    assert section.heading == "Missile Tests"
    assert outline_rows(window)[2][0] == "Missile Tests"
    window.undo_action.trigger()
    assert section.heading.startswith("North Korea Conducts")
    assert outline_rows(window)[2][0].startswith("North Korea Conducts")


def test_find_and_replace_across_the_briefing(qtbot, settings, sample_path):
    window = open_window(qtbot, settings, sample_path)
    window.find_action.trigger()
    dialog = window.find_dialog
    dialog.find_edit.setText("Pyongyang")
    matches = dialog.find_all()
    assert len(matches) >= 3 and dialog.results.count() == len(matches)
    dialog.replace_edit.setText("North Korea's capital")
    dialog.replace_all()
    assert dialog.find_all() == []
    window.undo_action.trigger()
    assert len(dialog.find_all()) == len(matches)


def test_save_and_reopen_gives_the_same_model(qtbot, settings, sample_path, tmp_path):
    window = open_window(qtbot, settings, sample_path)
    window.doc.briefing.meta.prepared_for = "The Minister"  # a model change outside the undo stack
    target = tmp_path / "note.briefing"
    assert window.save_to(target)
    assert not window.isWindowModified()
    saved = project.to_dict(window.doc.briefing)
    other = open_window(qtbot, settings, target)
    assert project.to_dict(other.doc.briefing) == saved
    assert other.doc.path == target.resolve()
    assert "note.briefing" in other.windowTitle()


def test_dropping_a_file_opens_it(qtbot, settings, sample_path):
    window = open_window(qtbot, settings)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(sample_path))])
    event = QDropEvent(
        QPoint(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    with qtbot.waitSignal(window.documentLoaded, timeout=5000):
        window.dropEvent(event)
    assert window.doc.briefing.meta.title.startswith("North Korea Conducts")


def test_paste_text_and_html_as_a_new_briefing(qtbot, settings):
    window = open_window(qtbot, settings)
    QGuiApplication.clipboard().setText(
        "Lede sentence here.\nA Heading Line\n- first point\n- second point\n"
    )
    window.paste_as_new()
    assert [s.heading for s in window.doc.briefing.sections] == ["", "A Heading Line"]
    assert window.isWindowModified()
    window.doc.undo_stack.setClean()
    mime = QMimeData()
    mime.setHtml(
        "<h1>Strait Brief</h1><p>The <b>navy</b> moved.</p><table><tr><th>A</th><th>B</th></tr>"
        "<tr><td>1</td><td>2</td></tr></table>"
    )
    QGuiApplication.clipboard().setMimeData(mime)
    window.paste_as_new()
    briefing = window.doc.briefing
    assert briefing.meta.title == "Strait Brief"
    paragraph = briefing.sections[0].blocks[0]
    assert [(run.text, run.bold) for run in paragraph.runs if run.bold] == [("navy", True)]
    table = next(b for _, b in briefing.blocks() if b.kind == "table")
    assert (table.header, table.rows) == (["A", "B"], [["1", "2"]])


def test_closing_with_unsaved_changes_asks(qtbot, settings, sample_path, monkeypatch):
    window = open_window(qtbot, settings, sample_path)
    click_text(qtbot, window, "April 5, 2024")
    qtbot.keyClicks(window.document_view, "changed ")
    assert tables(window)[0].rows[0][0] == "changed April 5, 2024"
    asked = []

    def cancel(*args, **kwargs):
        asked.append(args[2] if len(args) > 2 else "")
        return QMessageBox.StandardButton.Cancel

    monkeypatch.setattr(QMessageBox, "question", cancel)
    assert not window.close()
    assert window.isVisible() and len(asked) == 1 and "nk-missile-tests.txt" in asked[0]
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Discard)
    assert window.close()


def test_insert_and_delete_blocks_and_sections(qtbot, settings, sample_path):
    window = open_window(qtbot, settings, sample_path)
    briefing = window.doc.briefing
    window.outline.select_id(briefing.sections[1].id)
    window.add_section_action.trigger()
    assert briefing.sections[2].heading == "New section"
    window.add_table_action.trigger()
    assert briefing.sections[2].blocks[0].kind == "table"
    # The new table is on the page with the cursor in its first cell: typing fills it.
    assert window.stack.currentWidget() is window.document_view
    qtbot.keyClicks(window.document_view, "Year")
    assert briefing.sections[2].blocks[0].header[0] == "Year"
    window.outline.select_id(briefing.sections[2].blocks[0].id)
    window.delete_item_action.trigger()
    assert briefing.sections[2].blocks == []
    for _ in range(4):
        window.undo_action.trigger()
    assert len(briefing.sections) == 4


def _drag(window, source_id: str, target_id: str, where: str) -> None:
    """Drag an outline row onto another (upper quarter: above; lower quarter: below; middle: onto)."""
    from PySide6.QtGui import QDragMoveEvent

    outline = window.outline
    source = outline._items[source_id].index()
    target = outline._items[target_id].index()
    mime = outline.model().mimeData([source])
    rect = outline.visualRect(target)
    y = {"above": rect.top() + 2, "below": rect.bottom() - 1, "onto": rect.center().y()}[where]
    point = QPoint(rect.center().x(), y)
    move = QDragMoveEvent(
        point, Qt.DropAction.MoveAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    outline.dragMoveEvent(move)
    drop = QDropEvent(
        point, Qt.DropAction.MoveAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    outline.dropEvent(drop)


def test_drag_a_section_and_a_block_in_the_outline(qtbot, settings, sample_path):
    window = open_window(qtbot, settings, sample_path)
    sections = window.doc.briefing.sections
    headings = [s.heading for s in sections]
    _drag(window, sections[3].id, sections[1].id, "above")
    assert [s.heading for s in window.doc.briefing.sections] == [
        headings[0],
        headings[3],
        headings[1],
        headings[2],
    ]
    window.undo_action.trigger()
    assert [s.heading for s in window.doc.briefing.sections] == headings

    chatbot = sections[1].blocks[4]
    _drag(window, chatbot.id, sections[2].id, "onto")
    assert sections[2].blocks[-1] is chatbot and chatbot not in sections[1].blocks
    window.undo_action.trigger()
    assert sections[1].blocks[4] is chatbot


def test_edit_menu_copy_reaches_the_table_editor(qtbot, settings, sample_path):
    window = open_window(qtbot, settings, sample_path)
    open_grid(qtbot, window, tables(window)[0])
    view = window.table_editor.view
    view.setFocus()
    qtbot.waitUntil(view.hasFocus, timeout=2000)
    window.table_editor.set_current(1, 1)
    QGuiApplication.clipboard().clear()
    window.copy_action.trigger()
    assert QGuiApplication.clipboard().text().strip() == "Hwasong-12"
