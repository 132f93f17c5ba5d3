"""Desktop conventions, the way a user goes: right-click menus in the table grid, Ctrl+Z and Ctrl+Y
while a cell is being typed in, columns that do not break words, Enter and Escape in every dialog."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtWidgets import QApplication, QLineEdit, QMenu, QWidget

from tests.ui.helpers import open_window, tables

CTRL = Qt.KeyboardModifier.ControlModifier


def _grid(qtbot, settings, sample_path, number: int):
    """The window with the sample's table ``number`` open in the grid (Edit ▸ Edit Table in Grid)."""
    window = open_window(qtbot, settings, sample_path)
    table = tables(window)[number]
    window.outline.select_id(table.id)
    window.grid_action.trigger()
    assert window.stack.currentWidget() is window.grid_page
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    return window, table, window.table_editor


def _cell_point(editor, row: int, column: int) -> QPoint:
    """The middle of a cell, scrolled into view as the user would scroll to it."""
    index = editor.model.index(row, column)
    editor.view.scrollTo(index)
    return editor.view.visualRect(index).center()


def _column_header_point(editor, column: int) -> QPoint:
    """The middle of a column's header, scrolled into view."""
    _cell_point(editor, 0, column)
    header = editor.view.horizontalHeader()
    return QPoint(
        header.sectionViewportPosition(column) + header.sectionSize(column) // 2, header.height() // 2
    )


def _right_click(qtbot, window, widget: QWidget, pos: QPoint) -> None:
    """A right-click through the window, as the platform delivers it (press, then the context menu)."""
    point = widget.mapTo(window, pos)
    assert window.childAt(point) is widget, "the click would not land on the widget"
    qtbot.mouseClick(window.windowHandle(), Qt.MouseButton.RightButton, Qt.KeyboardModifier.NoModifier, point)
    # The closed menu hands the focus back to the window (the offscreen platform needs telling).
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)


def _menu_then(qtbot, choose: str | None) -> dict[str, bool]:
    """Once the next menu pops up: note its items (text: enabled), then click ``choose`` (or close it)."""
    seen: dict[str, bool] = {}
    tries = iter(range(100))  # two seconds, then give up: the test's assertions say what was missing

    def act() -> None:
        menu = QApplication.activePopupWidget()
        if not isinstance(menu, QMenu):
            if next(tries, None) is not None:
                QTimer.singleShot(20, act)
            return
        for action in menu.actions():
            if not action.isSeparator():
                seen[action.text().replace("&", "")] = action.isEnabled()
        target = next((a for a in menu.actions() if a.text().replace("&", "") == choose), None)
        if target is None or not target.isEnabled():  # a click on a grey item would leave it open
            menu.close()
        else:
            qtbot.mouseClick(menu, Qt.MouseButton.LeftButton, pos=menu.actionGeometry(target).center())

    QTimer.singleShot(0, act)
    return seen


# --- the grid's right-click menus ----------------------------------------------------------------------


def test_right_click_a_body_cell_and_insert_a_row_above_it_then_undo_and_redo(qtbot, settings, sample_path):
    window, table, editor = _grid(qtbot, settings, sample_path, 3)
    seen = _menu_then(qtbot, "Insert Row Above")
    _right_click(qtbot, window, editor.view.viewport(), _cell_point(editor, 2, 1))
    assert {"Cut", "Copy", "Paste", "Clear Cells", "Delete Row", "Make Header Row", "Delete Column"} <= set(
        seen
    )
    assert seen["Insert Row Above"] and seen["Move Row Up"] and seen["Make Header Row"]
    assert len(table.rows) == 4
    assert table.rows[1] == ["", "", "", ""] and table.rows[2][0] == "Intelligence Sharing"
    assert editor.current() == (2, 1)  # the cursor is on the new row, in the column clicked
    qtbot.keyClick(editor.view, Qt.Key.Key_Z, CTRL)
    assert len(table.rows) == 3 and table.rows[1][0] == "Intelligence Sharing"
    qtbot.keyClick(editor.view, Qt.Key.Key_Y, CTRL)
    assert len(table.rows) == 4 and table.rows[1] == ["", "", "", ""]


def test_the_header_rows_menu_offers_only_what_a_header_row_can_do(qtbot, settings, sample_path):
    window, table, editor = _grid(qtbot, settings, sample_path, 3)
    seen = _menu_then(qtbot, "Insert Row Below")
    _right_click(qtbot, window, editor.view.viewport(), _cell_point(editor, 0, 2))
    for name in ("Insert Row Above", "Delete Row", "Move Row Up", "Move Row Down", "Make Header Row"):
        assert seen[name] is False, name
    assert seen["Insert Row Below"] and seen["Insert Column Left"] and seen["Copy"]
    assert table.header[0] == "Focus Area" and table.rows[0] == ["", "", "", ""] and len(table.rows) == 4


def test_the_menu_acts_on_the_cell_under_the_mouse_not_on_the_cursor(qtbot, settings, sample_path):
    window, table, editor = _grid(qtbot, settings, sample_path, 3)
    qtbot.mouseClick(editor.view.viewport(), Qt.MouseButton.LeftButton, pos=_cell_point(editor, 1, 0))
    assert editor.current() == (1, 0)
    old_header, old_row = list(table.header), list(table.rows[1])
    _menu_then(qtbot, "Make Header Row")
    _right_click(qtbot, window, editor.view.viewport(), _cell_point(editor, 2, 2))
    assert table.header == old_row  # body row 2 ("Intelligence Sharing"), not row 1, became the header
    assert old_header in table.rows
    qtbot.keyClick(editor.view, Qt.Key.Key_Z, CTRL)
    assert table.header == old_header and table.rows[1] == old_row


def test_right_click_inside_a_selection_deletes_all_its_rows_as_one_step(qtbot, settings, sample_path):
    window, table, editor = _grid(qtbot, settings, sample_path, 3)
    viewport = editor.view.viewport()
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=_cell_point(editor, 1, 0))
    qtbot.mouseClick(
        viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.ShiftModifier, _cell_point(editor, 2, 0)
    )
    seen = _menu_then(qtbot, "Delete Rows")
    _right_click(qtbot, window, viewport, _cell_point(editor, 2, 0))
    assert "Delete Rows" in seen  # the menu says what it will do to the selection
    assert [row[0] for row in table.rows] == ["Diplomacy Coordination"]
    qtbot.keyClick(editor.view, Qt.Key.Key_Z, CTRL)
    assert [row[0] for row in table.rows] == [
        "Military Exercises",
        "Intelligence Sharing",
        "Diplomacy Coordination",
    ]


def test_clear_cells_from_the_menu_and_undo(qtbot, settings, sample_path):
    window, table, editor = _grid(qtbot, settings, sample_path, 2)
    _menu_then(qtbot, "Clear Cells")
    _right_click(qtbot, window, editor.view.viewport(), _cell_point(editor, 1, 1))
    assert table.rows[0] == ["Security", ""]
    qtbot.keyClick(editor.view, Qt.Key.Key_Z, CTRL)
    assert table.rows[0][1] == "Enhanced military cooperation and intelligence sharing"


def test_the_column_headers_menu_deletes_the_column_clicked(qtbot, settings, sample_path):
    window, table, editor = _grid(qtbot, settings, sample_path, 3)
    header = editor.view.horizontalHeader()
    seen = _menu_then(qtbot, "Delete Column")
    _right_click(qtbot, window, header.viewport(), _column_header_point(editor, 1))
    assert set(seen) == {
        "Insert Column Left",
        "Insert Column Right",
        "Delete Column",
        "Move Column Left",
        "Move Column Right",
    }
    assert table.header == ["Focus Area", "Expected Impact", ""]
    qtbot.keyClick(editor.view, Qt.Key.Key_Z, CTRL)
    assert table.header == ["Focus Area", "Key Action", "Expected Impact", ""]


def test_the_menu_key_opens_the_grids_menu_for_the_current_cell(qtbot, settings, sample_path):
    from PySide6.QtGui import QContextMenuEvent

    window, table, editor = _grid(qtbot, settings, sample_path, 3)
    qtbot.mouseClick(editor.view.viewport(), Qt.MouseButton.LeftButton, pos=_cell_point(editor, 3, 0))
    seen = _menu_then(qtbot, "Move Row Up")
    # What the Menu key (or Shift+F10) sends to the focused grid: a keyboard context-menu event whose
    # point is the top left corner, over another cell.
    event = QContextMenuEvent(
        QContextMenuEvent.Reason.Keyboard, QPoint(0, 0), editor.view.mapToGlobal(QPoint(0, 0))
    )
    QApplication.sendEvent(editor.view, event)
    assert seen["Move Row Up"] and not seen["Move Row Down"]  # the last row's menu
    assert [row[0] for row in table.rows] == [
        "Military Exercises",
        "Diplomacy Coordination",
        "Intelligence Sharing",
    ]


def _row_header_point(editor, row: int) -> QPoint:
    """The middle of a row's header (its number), scrolled into view."""
    _cell_point(editor, row, 0)
    header = editor.view.verticalHeader()
    return QPoint(header.width() // 2, header.sectionViewportPosition(row) + header.sectionSize(row) // 2)


def test_the_row_headers_menu_is_about_the_whole_row(qtbot, settings, sample_path):
    window, table, editor = _grid(qtbot, settings, sample_path, 3)
    qtbot.mouseClick(editor.view.viewport(), Qt.MouseButton.LeftButton, pos=_cell_point(editor, 2, 1))
    header = editor.view.verticalHeader()
    seen = _menu_then(qtbot, None)
    _right_click(qtbot, window, header.viewport(), _row_header_point(editor, 2))
    assert set(seen) == {
        "Insert Row Above",
        "Insert Row Below",
        "Delete Row",
        "Move Row Up",
        "Move Row Down",
        "Make Header Row",
    }
    assert editor.view.selectionModel().isRowSelected(2, editor.view.rootIndex())
    _menu_then(qtbot, "Move Row Up")
    _right_click(qtbot, window, header.viewport(), _row_header_point(editor, 2))
    assert [row[0] for row in table.rows] == [
        "Intelligence Sharing",
        "Military Exercises",
        "Diplomacy Coordination",
    ]


def test_a_column_headers_menu_inside_a_two_column_selection_deletes_both(qtbot, settings, sample_path):
    window, table, editor = _grid(qtbot, settings, sample_path, 3)
    header = editor.view.horizontalHeader()
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=_column_header_point(editor, 1))
    qtbot.mouseClick(
        header.viewport(),
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.ShiftModifier,
        _column_header_point(editor, 2),
    )
    seen = _menu_then(qtbot, "Delete Columns")
    _right_click(qtbot, window, header.viewport(), _column_header_point(editor, 2))
    assert "Delete Columns" in seen
    assert table.header == ["Focus Area", ""]
    qtbot.keyClick(editor.view, Qt.Key.Key_Z, CTRL)
    assert table.header == ["Focus Area", "Key Action", "Expected Impact", ""]


def test_the_last_column_cannot_move_right_or_be_deleted_alone_when_it_is_the_only_one(
    qtbot, settings, sample_path
):
    window, table, editor = _grid(qtbot, settings, sample_path, 2)
    header = editor.view.horizontalHeader()
    seen = _menu_then(qtbot, None)
    _right_click(qtbot, window, header.viewport(), _column_header_point(editor, 1))
    assert seen["Move Column Right"] is False and seen["Move Column Left"] and seen["Delete Column"]
    editor.view.selectAll()
    assert not editor.actions_by_name["delete_col"].isEnabled()  # a table keeps at least one column


def test_ctrl_v_leaves_the_whole_pasted_block_selected(qtbot, settings, sample_path):
    """Ctrl is still down when Ctrl+V's action puts the cursor on the block: it must not toggle the
    block's first cell out of the selection (a Delete after the paste would miss it)."""
    from PySide6.QtGui import QGuiApplication

    window, table, editor = _grid(qtbot, settings, sample_path, 3)
    QGuiApplication.clipboard().setText("Cyber\tJoint response teams\nSpace\tShared early warning\n")
    qtbot.mouseClick(editor.view.viewport(), Qt.MouseButton.LeftButton, pos=_cell_point(editor, 1, 0))
    qtbot.keyClick(editor.view, Qt.Key.Key_V, CTRL)
    assert [row[:2] for row in table.rows[:2]] == [
        ["Cyber", "Joint response teams"],
        ["Space", "Shared early warning"],
    ]
    selected = sorted((i.row(), i.column()) for i in editor.view.selectionModel().selectedIndexes())
    assert selected == [(1, 0), (1, 1), (2, 0), (2, 1)] and editor.current() == (1, 0)


# --- typing in a cell: Ctrl+Z and Ctrl+Y are the window's -------------------------------------------------


def _start_typing(qtbot, editor, row: int, column: int) -> QLineEdit:
    qtbot.mouseClick(editor.view.viewport(), Qt.MouseButton.LeftButton, pos=_cell_point(editor, row, column))
    qtbot.keyClick(editor.view, Qt.Key.Key_F2)
    field = QApplication.focusWidget()
    assert isinstance(field, QLineEdit) and field.parent() is editor.view.viewport()
    qtbot.keyClick(field, Qt.Key.Key_End)
    return field


def _finish_typing(qtbot, editor, field: QLineEdit) -> None:
    """Enter: the cell editor closes (Qt closes it once the key is handled)."""
    qtbot.keyClick(field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: editor.view.state() != editor.view.State.EditingState, timeout=2000)
    assert QApplication.focusWidget() is editor.view


def test_ctrl_z_and_ctrl_y_while_typing_in_a_cell_and_after(qtbot, settings, sample_path):
    window, table, editor = _grid(qtbot, settings, sample_path, 0)
    field = _start_typing(qtbot, editor, 1, 2)
    qtbot.keyClicks(field, " km")
    assert table.rows[0][2] == "1,100 km"  # the grid writes as the user types …
    assert window.undo_action.isEnabled()  # … so the toolbar's Undo knows
    qtbot.keyClick(field, Qt.Key.Key_Z, CTRL)
    assert table.rows[0][2] == "1,100" and field.text() == "1,100"
    assert window.redo_action.isEnabled()
    qtbot.keyClick(field, Qt.Key.Key_Y, CTRL)
    assert table.rows[0][2] == "1,100 km" and field.text() == "1,100 km"
    _finish_typing(qtbot, editor, field)
    qtbot.keyClick(editor.view, Qt.Key.Key_Z, CTRL)
    assert table.rows[0][2] == "1,100"
    qtbot.keyClick(editor.view, Qt.Key.Key_Y, CTRL)
    assert table.rows[0][2] == "1,100 km"
    assert window.doc.undo_stack.undoText() == "Edit cell"


def test_two_visits_to_a_cell_are_two_undo_steps(qtbot, settings, sample_path):
    window, table, editor = _grid(qtbot, settings, sample_path, 0)
    field = _start_typing(qtbot, editor, 1, 2)
    qtbot.keyClicks(field, "0")
    _finish_typing(qtbot, editor, field)
    field = _start_typing(qtbot, editor, 1, 2)
    qtbot.keyClicks(field, "0")
    _finish_typing(qtbot, editor, field)
    assert table.rows[0][2] == "1,10000"
    qtbot.keyClick(editor.view, Qt.Key.Key_Z, CTRL)
    assert table.rows[0][2] == "1,1000"


def test_escape_in_a_cell_takes_the_typing_back_and_leaves_no_undo_step(qtbot, settings, sample_path):
    window, table, editor = _grid(qtbot, settings, sample_path, 0)
    steps = window.doc.undo_stack.count()
    field = _start_typing(qtbot, editor, 1, 1)
    qtbot.keyClicks(field, "-X")
    assert table.rows[0][1] == "Hwasong-12-X"
    qtbot.keyClick(field, Qt.Key.Key_Escape)
    assert table.rows[0][1] == "Hwasong-12"
    assert window.doc.undo_stack.index() == steps and not window.isWindowModified()
    assert window.stack.currentWidget() is window.grid_page  # Escape ended the typing, not the grid


# --- columns and words ---------------------------------------------------------------------------------


def _fits_words(editor) -> list[str]:
    """The words that do not fit on one line of their column."""
    model, view = editor.model, editor.view
    too_wide = []
    for row in range(model.rowCount()):
        font = model.index(row, 0).data(Qt.ItemDataRole.FontRole) or view.font()
        from PySide6.QtGui import QFontMetrics

        metrics = QFontMetrics(font)
        for column, text in enumerate(model.cells(row)):
            for word in text.split():
                if metrics.horizontalAdvance(word) + 6 > view.columnWidth(column):
                    too_wide.append(word)
    return too_wide


def test_columns_are_wide_enough_for_their_longest_word_and_long_cells_wrap(qtbot, settings, sample_path):
    window, table, editor = _grid(qtbot, settings, sample_path, 3)
    view = editor.view
    assert view.wordWrap()
    assert _fits_words(editor) == []
    long_row = 3  # "Strengthened allied deterrence and global perception" does not fit in one line
    assert view.rowHeight(long_row) > view.rowHeight(2)
    field = _start_typing(qtbot, editor, 2, 3)
    qtbot.keyClicks(field, "Counterintelligence-interoperability")
    _finish_typing(qtbot, editor, field)
    assert _fits_words(editor) == []  # the column grew for the new word


# --- dialogs: Enter accepts, Escape cancels ---------------------------------------------------------------


def _active(qtbot, window):
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)


def _retype(qtbot, field: QLineEdit, text: str) -> None:
    """Select the field's text and type over it."""
    field.setFocus()
    field.selectAll()  # what a triple-click or Ctrl+A does; Ctrl through qtbot would stick
    qtbot.keyClicks(field, text)


def test_preferences_enter_keeps_and_escape_drops_the_changes(qtbot, settings):
    window = open_window(qtbot, settings)
    _active(qtbot, window)
    window.preferences_action.trigger()
    dialog = window.preferences_dialog
    assert dialog.isVisible()
    assert dialog.buttons.button(dialog.buttons.StandardButton.Ok).isDefault()
    _retype(qtbot, dialog.author, "Kim Analyst")
    qtbot.keyClick(dialog.author, Qt.Key.Key_Return)
    assert not dialog.isVisible() and settings.value("comments/author") == "Kim Analyst"

    window.preferences_action.trigger()
    dialog = window.preferences_dialog
    _retype(qtbot, dialog.author, "Someone Else")
    qtbot.keyClick(dialog.author, Qt.Key.Key_Escape)
    assert not dialog.isVisible() and settings.value("comments/author") == "Kim Analyst"

    window.preferences_action.trigger()
    dialog = window.preferences_dialog
    assert dialog.author.text() == "Kim Analyst"
    spin = dialog.autosave.findChild(QLineEdit)
    _retype(qtbot, spin, "90")
    qtbot.keyClick(spin, Qt.Key.Key_Return)  # Enter in the number field accepts too
    assert not dialog.isVisible() and int(settings.value("autosave/seconds")) == 90


def test_find_and_replace_enter_is_find_next_and_escape_closes(qtbot, settings, sample_path):
    window = open_window(qtbot, settings, sample_path)
    _active(qtbot, window)
    window.find_action.trigger()
    dialog = window.find_dialog
    qtbot.keyClicks(dialog.find_edit, "Korea")
    total = len(dialog.matches)
    assert total > 2
    qtbot.keyClick(dialog.find_edit, Qt.Key.Key_Return)
    assert dialog.summary.text() == f"Match 1 of {total}"  # one Enter, one step
    qtbot.keyClick(dialog.find_edit, Qt.Key.Key_Return)
    assert dialog.summary.text() == f"Match 2 of {total}"
    dialog.replace_edit.setFocus()
    qtbot.keyClicks(dialog.replace_edit, "Korea")
    qtbot.keyClick(dialog.replace_edit, Qt.Key.Key_Return)  # Enter is Find Next, never a replace
    assert dialog.summary.text() == f"Match 3 of {total}" and not window.isWindowModified()
    qtbot.keyClick(dialog.replace_edit, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    assert dialog.next_button.isDefault()


def test_export_escape_cancels_and_enter_in_any_field_exports(qtbot, settings, sample_path, tmp_path):
    window = open_window(qtbot, settings, sample_path)
    _active(qtbot, window)
    window.export_action.trigger()
    dialog = window.export_dialog
    target = tmp_path / "cancelled.docx"
    _retype(qtbot, dialog.output, str(target))
    qtbot.keyClick(dialog.output, Qt.Key.Key_Escape)
    assert not dialog.isVisible() and not target.exists()

    window.export_action.trigger()
    dialog = window.export_dialog
    assert dialog.export_button.isDefault()
    target = tmp_path / "from-the-classification.docx"
    dialog.output.setText(str(target))
    field = dialog.classification.lineEdit()
    _retype(qtbot, field, "OFFICIAL")
    with qtbot.waitSignal(dialog.exported, timeout=20000):
        qtbot.keyClick(field, Qt.Key.Key_Return)
    assert target.exists()


def test_export_dialog_fields_show_the_start_of_a_long_value(qtbot, settings, sample_path, tmp_path):
    window = open_window(qtbot, settings, sample_path)
    settings.setValue(
        "export/user_template", str(tmp_path / ("a-rather-long-folder-name" * 6) / "house.docx")
    )
    window.export_action.trigger()
    dialog = window.export_dialog
    for field in (dialog.output, dialog.template_path, dialog.classification.lineEdit()):
        assert field.cursorPosition() == 0, field.objectName()


def _press_in_the_box(qtbot, key: Qt.Key) -> list[str]:
    """Once a message box is up: note its default and Escape buttons, then press ``key`` in it."""
    seen: list[str] = []

    def press() -> None:
        box = QApplication.activeModalWidget()
        if box is None:
            QTimer.singleShot(20, press)
            return
        seen.append(box.defaultButton().text())
        seen.append(box.escapeButton().text())
        qtbot.keyClick(box, key)

    QTimer.singleShot(0, press)
    return seen


def test_the_recovery_question_restores_on_enter_and_asks_later_on_escape(
    qtbot, settings, sample_path, tmp_path, dead_pid
):
    from briefing import safekeeping
    from briefing.importing import import_file
    from briefing.safekeeping import RecoveryMeta
    from ui.recovery import RecoveryManager

    folder = tmp_path / "recovery"
    briefing = import_file(sample_path)
    briefing.meta.title = "Kept by the autosave"
    safekeeping.write_recovery(
        briefing, folder, f"{dead_pid}-1", RecoveryMeta(display_name="notes.txt"), pid=dead_pid
    )
    settings.setValue("autosave/folder", str(folder))
    window = open_window(qtbot, settings)
    manager = RecoveryManager(window, settings)
    seen = _press_in_the_box(qtbot, Qt.Key.Key_Escape)
    assert not manager.offer_restores()  # as at start: the question, answered with Escape
    assert seen == ["&Restore", "&Later"] and len(manager.pending()) == 1
    seen = _press_in_the_box(qtbot, Qt.Key.Key_Return)
    assert manager.offer_restores()
    assert window.doc.briefing.meta.title == "Kept by the autosave"


# --- long values show their start -------------------------------------------------------------------------


def test_the_details_show_the_start_of_a_long_title_and_marking(qtbot, settings, sample_path, tmp_path):
    from briefing import project
    from briefing.importing import import_file

    briefing = import_file(sample_path)
    briefing.meta.title = "Implications for allied diplomacy " * 4 + "as the tour begins"
    briefing.meta.classification = "PRE-DECISIONAL/DELIBERATIVE – NOT FOR DISTRIBUTION OUTSIDE THE OFFICE"
    path = tmp_path / "long.briefing"
    project.save(briefing, path)
    window = open_window(qtbot, settings, path)
    window.outline.select_details()
    details = window.details_editor
    assert window.stack.currentWidget() is details
    title = details.fields["title"]
    assert title.text() == briefing.meta.title and title.cursorPosition() == 0
    marking = details.classification.lineEdit()
    assert marking.text() == briefing.meta.classification and marking.cursorPosition() == 0
    # An undo that changes the title loads it again: still from its start.
    _retype(qtbot, title, "Short")
    window.undo_action.trigger()
    assert title.text() == briefing.meta.title and title.cursorPosition() == 0
