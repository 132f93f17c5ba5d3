"""The outline as a user meets it: numbered recommendations whose icon tells decided from undecided,
folded sections that stay folded when something moves, and a right-click menu that acts on the row
under the mouse."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QContextMenuEvent, QDragMoveEvent, QDropEvent, QImage
from PySide6.QtWidgets import QApplication, QMenu

from briefing.editing import operations
from tests.ui.helpers import open_window, tables
from tests.ui.register_support import edit_register_cell
from ui.outline import KIND_ROLE


def _recommendation_rows(outline):
    """The outline's items under "Recommendations (N)"."""
    model = outline.model()
    group = next(
        model.item(row)
        for row in range(model.rowCount())
        if model.index(row, 0).data(KIND_ROLE) == "recommendations"
    )
    return [group.child(row) for row in range(group.rowCount())]


def _picture(item) -> QImage:
    return item.icon().pixmap(16, 16).toImage()


def open_menu(qtbot, outline, item_id: str) -> QMenu:
    """Right-click a row as the platform does (the press, then the context-menu event) and return the
    menu that opened (``""``: the "Briefing details" row)."""
    index = outline._items[item_id].index() if item_id else outline.model().index(0, 0)
    outline.scrollTo(index)
    point = outline.visualRect(index).center()
    qtbot.mousePress(outline.viewport(), Qt.MouseButton.RightButton, pos=point)
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, point, outline.viewport().mapToGlobal(point))
    QApplication.sendEvent(outline.viewport(), event)
    menu = QApplication.activePopupWidget()
    assert isinstance(menu, QMenu) and menu.isVisible()
    return menu


def entries(menu: QMenu) -> list[str]:
    """A menu's item texts without their mnemonics and shortcuts; a submenu's as "Insert ▸ Section…"."""
    texts = []
    for action in menu.actions():
        if action.isSeparator():
            continue
        text = action.text().replace("&", "").split("\t")[0]
        sub = action.menu()
        texts.extend([f"{text} ▸ {t}" for t in entries(sub)] if isinstance(sub, QMenu) else [text])
    return texts


def choose(qtbot, menu: QMenu, path: str) -> None:
    """Choose ``path`` ("Move Up", "Insert ▸ List After This") in an open menu with the keyboard."""
    here = menu
    names = path.split(" ▸ ")
    for depth, name in enumerate(names):
        action = next(
            a for a in here.actions() if a.text().replace("&", "").split("\t")[0] == name and a.isVisible()
        )
        here.setActiveAction(action)
        if depth < len(names) - 1:
            qtbot.keyClick(here, Qt.Key.Key_Right)  # into the submenu
            here = QApplication.activePopupWidget()
            assert isinstance(here, QMenu) and here is action.menu()
        else:
            assert action.isEnabled(), f"{path} is disabled"
            qtbot.keyClick(here, Qt.Key.Key_Return)


def _right_click(qtbot, outline, item_id: str, choose_: str) -> list[str]:
    """Right-click a row and choose ``choose_`` from its menu; returns the menu's entries."""
    menu = open_menu(qtbot, outline, item_id)
    texts = entries(menu)
    choose(qtbot, menu, choose_)
    return texts


def test_recommendations_are_numbered_as_the_note_numbers_them(qtbot, settings, sample_path):
    window = open_window(qtbot, settings, sample_path)
    recs = window.doc.briefing.recommendations
    labels = [item.text() for item in _recommendation_rows(window.outline)]
    assert [label.split(" ", 1)[0] for label in labels] == ["1.", "2.", "3."]
    assert labels[1].startswith("2. Enhancing intelligence collaboration")
    second = recs[1]
    window.recommendations.select_row(1)
    window.recommendations.actions_by_name["up"].trigger()  # the register's ↑
    assert recs[0] is second
    labels = [item.text() for item in _recommendation_rows(window.outline)]
    assert labels[0].startswith("1. Enhancing intelligence collaboration")
    assert labels[1].startswith("2. Expanding missile defense")
    window.undo_action.trigger()
    assert _recommendation_rows(window.outline)[1].text().startswith("2. Enhancing intelligence")


def test_decided_and_undecided_recommendations_have_different_icons(qtbot, settings, sample_path):
    window = open_window(qtbot, settings, sample_path)
    rows = _recommendation_rows(window.outline)
    undecided = _picture(rows[1])
    assert all(_picture(item) == undecided for item in rows)  # nothing decided in the sample
    assert "No decision yet" in rows[1].toolTip()
    edit_register_cell(qtbot, window, 1, "decision", "Approve")
    assert window.doc.briefing.recommendations[1].annotation.decision == "Approve"
    rows = _recommendation_rows(window.outline)
    assert _picture(rows[1]) != undecided
    assert _picture(rows[0]) == undecided
    assert "Decision: Approve" in rows[1].toolTip()
    assert rows[1].text().startswith("2. ")  # relabelled in place, number kept
    window.undo_action.trigger()
    assert _picture(_recommendation_rows(window.outline)[1]) == undecided


def test_moving_a_section_keeps_folded_sections_folded(qtbot, settings, sample_path):
    window = open_window(qtbot, settings, sample_path)
    outline = window.outline
    sections = window.doc.briefing.sections
    folded, moved = sections[1].id, sections[3].id
    outline.select_id(folded)
    qtbot.keyClick(outline, Qt.Key.Key_Left)  # fold it, as in any tree
    assert not outline.isExpanded(outline._items[folded].index())
    outline.select_id(moved)
    qtbot.keyClick(outline, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert [s.id for s in window.doc.briefing.sections].index(moved) == 2
    assert not outline.isExpanded(outline._items[folded].index())
    assert outline.isExpanded(outline._items[moved].index())
    assert outline.current_id() == moved
    window.undo_action.trigger()
    assert not outline.isExpanded(outline._items[folded].index())

    # Dragging the folded section itself above the last one: it moves, still folded.
    source = outline._items[folded].index()
    target_rect = outline.visualRect(outline._items[sections[3].id].index())
    point = QPoint(target_rect.center().x(), target_rect.top() + 2)
    mime = outline.model().mimeData([source])
    buttons, keys = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    outline.dragMoveEvent(QDragMoveEvent(point, Qt.DropAction.MoveAction, mime, buttons, keys))
    outline.dropEvent(QDropEvent(point, Qt.DropAction.MoveAction, mime, buttons, keys))
    assert [s.id for s in window.doc.briefing.sections].index(folded) == 2
    assert not outline.isExpanded(outline._items[folded].index())


def test_right_click_menu_acts_on_the_row_under_the_mouse(qtbot, settings, sample_path):
    window = open_window(qtbot, settings, sample_path)
    outline = window.outline
    briefing = window.doc.briefing
    outline.select_details()
    paragraph = briefing.sections[2].blocks[0]
    _right_click(qtbot, outline, paragraph.id, "Delete Paragraph")
    assert briefing.find_block(paragraph.id) is None  # the row right-clicked, not the one selected before
    window.undo_action.trigger()
    assert briefing.find_block(paragraph.id) is not None

    section = briefing.sections[3]
    _right_click(qtbot, outline, section.id, "Move Up")
    assert briefing.sections[2] is section

    _right_click(qtbot, outline, section.id, "Collapse All")
    assert not any(outline.isExpanded(outline._items[s.id].index()) for s in briefing.sections if s.blocks)
    _right_click(qtbot, outline, section.id, "Expand All")
    assert all(outline.isExpanded(outline._items[s.id].index()) for s in briefing.sections if s.blocks)


def test_clicking_a_row_shows_it_and_the_keyboard_stays_in_the_outline(qtbot, settings, sample_path):
    window = open_window(qtbot, settings, sample_path)
    outline = window.outline
    sections = window.doc.briefing.sections
    last = sections[3]
    outline.scrollTo(outline._items[last.id].index())
    point = outline.visualRect(outline._items[last.id].index()).center()
    qtbot.mouseClick(outline.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert window.document_view.current_key().section_id == last.id  # the document went there
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert sections[2] is last  # Alt+Up moved the section clicked
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Down)
    assert outline.current_id() == last.blocks[0].id  # the arrows walk the outline


def test_a_row_counts_its_items_in_good_english(qtbot, settings, sample_path):
    window = open_window(qtbot, settings, sample_path)
    table = tables(window)[0]
    assert window.outline._items[table.id].text().startswith("Table · 2 rows — ")
    window.doc.edit("Delete row", lambda b: operations.remove_row(b, table.id, 1))
    assert window.outline._items[table.id].text().startswith("Table · 1 row — ")


def test_the_menu_key_opens_the_menu_at_the_selected_row(qtbot, settings, sample_path):
    window = open_window(qtbot, settings, sample_path)
    outline = window.outline
    section = window.doc.briefing.sections[3]
    outline.select_id(section.id)
    outline.setFocus()
    row = outline.visualRect(outline._items[section.id].index())
    # What the Menu key (or Shift+F10) sends: a context-menu event from the keyboard, to the outline.
    event = QContextMenuEvent(
        QContextMenuEvent.Reason.Keyboard, QPoint(0, 0), outline.mapToGlobal(QPoint(0, 0))
    )
    QApplication.sendEvent(outline, event)
    menu = QApplication.activePopupWidget()
    assert isinstance(menu, QMenu)
    opened_at = outline.viewport().mapFromGlobal(menu.pos())
    choose(qtbot, menu, "Move Up")
    assert window.doc.briefing.sections[2] is section
    assert opened_at.x() == row.center().x()  # at the selected row, not at the outline's corner
