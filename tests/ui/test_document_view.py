"""The document view, the way a user works in it: click, select, type, press Enter, Backspace and Tab,
right-click, hover; and after every step the page shows exactly what the briefing holds."""

from __future__ import annotations

import random

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication

from briefing.model import ListBlock, Paragraph, Table
from tests.ui.helpers import click_text, open_window, page_text, select_text, tables

#: An article of our own: a lede, headings, a term list, a numbered list, a table, a chatbot line.
ARTICLE = """Ministers met on Tuesday to agree the port inspection plan for the coming season.

## Background

The harbour authority inspected 412 vessels last year, up from 380 the year before.

- Scope: every vessel over 500 tonnes
- Timing: the first week of each month

## Options

1. Keep the current rota
2. Add a night shift

| Port | Inspections | Share |
|---|---|---|
| Northhaven | 212 | 51% |
| Eastmouth | 200 | 49% |

Let me know if you'd like me to draft a covering note!
"""


#: A table whose last row repeats the one above it: a finding about that whole row.
REPEATED_ROW = """## Inspections

| Port | Inspections | Share |
|---|---|---|
| Northhaven | 212 | 51% |
| Eastmouth | 200 | 49% |
| Eastmouth | 200 | 49% |
"""


@pytest.fixture
def repeated_row(tmp_path):
    path = tmp_path / "rows.md"
    path.write_text(REPEATED_ROW, encoding="utf-8")
    return path


@pytest.fixture
def article(tmp_path):
    path = tmp_path / "ports.md"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def assert_page_is_model(window) -> None:
    """Every section's frame shows the section as the model holds it, and the title is the model's."""
    view = window.document_view
    for section in window.doc.briefing.sections:
        assert view._shows(section.id), f"the page does not show section {section.heading!r} as it is"
    assert view._head_shows()


def _ready(qtbot, window):
    panel = window.findings
    qtbot.waitUntil(
        lambda: panel.shown_revision == panel.revision and not panel.timer.isActive(), timeout=10000
    )
    return panel


def _move_mouse(view, point: QPoint) -> None:
    """The mouse moving over the page (Qt's offscreen platform does not turn QTest's cursor moves into
    events, so the event is sent as the window system would)."""
    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QMouseEvent

    local = QPointF(point)
    event = QMouseEvent(
        QMouseEvent.Type.MouseMove,
        local,
        QPointF(view.viewport().mapToGlobal(point)),
        Qt.MouseButton.NoButton,
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(view.viewport(), event)


def _key(qtbot, window, key, modifiers=Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(window.document_view, key, modifiers)


# --- the page -------------------------------------------------------------------------------------------


def test_the_page_shows_the_whole_briefing_in_order(qtbot, settings, sample_path):
    window = open_window(qtbot, settings, sample_path)
    assert window.stack.currentWidget() is window.document_view
    page = page_text(window).replace("\u2028", "\n")
    briefing = window.doc.briefing
    expected = [briefing.meta.classification, briefing.meta.title]
    for section in briefing.sections:
        if section.heading:
            expected.append(section.heading)
        for block in section.blocks:
            if isinstance(block, Paragraph):
                expected.append(block.text)
            elif isinstance(block, ListBlock):
                expected += [item.full_text for item in block.items]
            elif isinstance(block, Table):
                expected += [cell for cell in block.header if cell]
                expected += [cell for row in block.rows for cell in row if cell]
    expected += [rec.text for rec in briefing.recommendations]
    position = 0
    for text in expected:
        found = page.find(text, position)
        assert found >= 0, f"{text[:50]!r} is missing or out of order"
        position = found
    assert_page_is_model(window)


def test_findings_are_underlined_and_comments_tinted(qtbot, settings, sample_path, monkeypatch):
    from PySide6.QtWidgets import QInputDialog

    window = open_window(qtbot, settings, sample_path)
    _ready(qtbot, window)
    view = window.document_view
    qtbot.waitUntil(lambda: bool(view.marks), timeout=5000)
    visible = {f.key for f in window.findings.visible_findings()}
    assert {mark.finding.key for mark in view.marks} <= visible
    assert len(view.marks) >= len(visible) - 2  # every finding on the page has its underline
    underlined = [
        s for s in view.extraSelections() if s.format.underlineStyle() != s.format.UnderlineStyle.NoUnderline
    ]
    assert len(underlined) == len(view.marks)
    monkeypatch.setattr(QInputDialog, "getMultiLineText", lambda *a, **k: ("Check the date.", True))
    select_text(qtbot, window, "test-firing")
    window.comment_action.trigger()
    tinted = [
        s.cursor.selectedText()
        for s in view.extraSelections()
        if s.format.background().color().name() == "#fff3b0"
    ]
    assert tinted == ["test-firing"]


# --- typing -----------------------------------------------------------------------------------------------


def test_typing_in_heading_item_cell_and_caption_edits_each_in_the_model(qtbot, settings, article):
    window = open_window(qtbot, settings, article)
    briefing = window.doc.briefing
    view = window.document_view
    click_text(qtbot, window, "Options", offset=len("Options"))
    qtbot.keyClicks(view, " for the season")
    assert briefing.sections[2].heading == "Options for the season"

    terms = next(b for _, b in briefing.blocks() if isinstance(b, ListBlock))
    click_text(qtbot, window, "every vessel")
    qtbot.keyClicks(view, "nearly ")
    assert (terms.items[0].term, terms.items[0].text) == ("Scope", "nearly every vessel over 500 tonnes")

    table = tables(window)[0]
    click_text(qtbot, window, "212", offset=3)
    qtbot.keyClicks(view, "0")
    assert table.rows[0][1] == "2120"
    _key(qtbot, window, Qt.Key.Key_Backspace)
    assert table.rows[0][1] == "212"

    click_text(qtbot, window, "Table 1", offset=len("Table 1"))
    qtbot.keyClicks(view, "Inspections by port")
    assert table.caption == "Inspections by port"
    assert "Table 1: Inspections by port" in page_text(window)
    assert_page_is_model(window)
    for _ in range(4):
        window.undo_action.trigger()
    assert (
        briefing.sections[2].heading == "Options"
        and table.caption == ""
        and terms.items[0].text.startswith("every")
    )
    assert_page_is_model(window)


def test_a_table_without_a_caption_shows_its_number_alone_and_takes_one_typed(qtbot, settings, article):
    window = open_window(qtbot, settings, article)
    view = window.document_view
    table = tables(window)[0]
    lines = page_text(window).split("\n")
    assert "Table 1" in lines and not any(line.startswith("Table 1:") for line in lines)
    click_text(qtbot, window, "Table 1", offset=len("Table 1"))
    qtbot.keyClicks(view, ": Ports")  # typed as the caption's own colon, or not: the number has one
    assert table.caption == "Ports"
    assert "Table 1: Ports" in page_text(window).split("\n")
    qtbot.keyClicks(view, " inspected")  # the cursor stayed after the text it typed
    assert table.caption == "Ports inspected"
    for _ in "Ports inspected":
        _key(qtbot, window, Qt.Key.Key_Backspace)
    assert table.caption == ""
    assert "Table 1" in page_text(window).split("\n")
    depth = window.doc.undo_stack.count()
    _key(qtbot, window, Qt.Key.Key_Backspace)  # into the number: refused, with where to type instead
    assert "type the caption after it" in window.statusBar().currentMessage()
    assert "Table 1" in page_text(window).split("\n") and window.doc.undo_stack.count() == depth
    assert_page_is_model(window)


def test_enter_splits_a_paragraph_and_backspace_joins_it_again(qtbot, settings, article):
    window = open_window(qtbot, settings, article)
    briefing = window.doc.briefing
    background = briefing.sections[1]
    click_text(qtbot, window, "up from 380")
    _key(qtbot, window, Qt.Key.Key_Return)
    texts = [b.text for b in background.blocks if isinstance(b, Paragraph)]
    assert texts == [
        "The harbour authority inspected 412 vessels last year, ",
        "up from 380 the year before.",
    ]
    assert window.document_view.current_key().block_id == background.blocks[1].id  # the cursor went along
    assert_page_is_model(window)
    _key(qtbot, window, Qt.Key.Key_Backspace)
    texts = [b.text for b in background.blocks if isinstance(b, Paragraph)]
    assert texts == ["The harbour authority inspected 412 vessels last year, up from 380 the year before."]
    assert_page_is_model(window)
    window.undo_action.trigger()
    window.undo_action.trigger()
    assert background.blocks[0].text.startswith("The harbour authority") and len(background.blocks) == 2
    assert_page_is_model(window)


def test_lists_take_enter_tab_and_shift_tab_like_a_word_processor(qtbot, settings, article):
    window = open_window(qtbot, settings, article)
    numbered = [b for _, b in window.doc.briefing.blocks() if isinstance(b, ListBlock)][1]
    click_text(qtbot, window, "Add a night shift", offset=len("Add a night shift"))
    _key(qtbot, window, Qt.Key.Key_Return)
    qtbot.keyClicks(window.document_view, "Share the shift with Eastmouth")
    assert [i.text for i in numbered.items][-1] == "Share the shift with Eastmouth"
    _key(qtbot, window, Qt.Key.Key_Tab)
    assert numbered.items[-1].level == numbered.items[-2].level + 1
    _key(qtbot, window, Qt.Key.Key_Backtab)
    assert numbered.items[-1].level == numbered.items[-2].level
    assert_page_is_model(window)


def test_tab_moves_between_cells_and_the_right_click_menu_adds_a_row(qtbot, settings, article, monkeypatch):
    window = open_window(qtbot, settings, article)
    table = tables(window)[0]
    view = window.document_view
    click_text(qtbot, window, "Northhaven")
    _key(qtbot, window, Qt.Key.Key_Tab)
    assert view.current_key().column == 1 and view.textCursor().selectedText() == "212"
    qtbot.keyClicks(view, "213")  # typing over the selected cell
    assert table.rows[0][1] == "213"

    menu = view.context_menu(view.cursorRect().center())  # what a right click there opens
    below = next(a for a in menu.actions() if a.text() == "Insert Row Below")
    below.trigger()
    assert len(table.rows) == 3 and table.rows[1] == ["", "", ""]
    assert_page_is_model(window)
    window.undo_action.trigger()
    assert len(table.rows) == 2
    assert_page_is_model(window)


def test_pasting_lines_into_a_paragraph_keeps_them_in_it(qtbot, settings, article):
    window = open_window(qtbot, settings, article)
    paragraph = window.doc.briefing.sections[0].blocks[0]
    click_text(qtbot, window, "Ministers met")
    QApplication.clipboard().setText("First line.\nSecond line.\n")
    _key(qtbot, window, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert paragraph.text.startswith("First line.\nSecond line.Ministers met")
    assert len(window.doc.briefing.sections[0].blocks) == 1
    assert_page_is_model(window)


# --- what the page refuses, and says so ---------------------------------------------------------------


def test_the_header_block_and_edits_across_blocks_are_refused_with_a_reason(qtbot, settings, article):
    window = open_window(qtbot, settings, article)
    before = window.doc.briefing
    depth = window.doc.undo_stack.count()
    click_text(qtbot, window, "UNCLASSIFIED")
    qtbot.keyClicks(window.document_view, "x")
    assert "Details" in window.statusBar().currentMessage()
    assert "xUNCLASSIFIED" not in page_text(window)

    click_text(qtbot, window, "year before")
    for _ in range(30):  # down into the list below
        _key(qtbot, window, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClicks(window.document_view, "y")
    assert "Select within one" in window.statusBar().currentMessage()
    _key(qtbot, window, Qt.Key.Key_Delete)
    assert window.doc.undo_stack.count() == depth
    assert window.doc.briefing is before
    assert_page_is_model(window)


def test_double_clicking_the_header_block_opens_the_details(qtbot, settings, article):
    window = open_window(qtbot, settings, article)
    view = window.document_view
    click_text(qtbot, window, "UNCLASSIFIED")
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.cursorRect().center())
    assert window.stack.currentWidget() is window.details_editor


# --- findings on the page ------------------------------------------------------------------------------


def _on_underline(qtbot, view, rule: str) -> QPoint:
    """Scroll to the underline of a rule's finding; the point inside it, a few characters in."""
    qtbot.waitUntil(lambda: any(m.finding.rule == rule for m in view.marks), timeout=5000)
    mark = next(m for m in view.marks if m.finding.rule == rule)
    cursor = view.textCursor()
    cursor.setPosition(mark.start + 3)
    view.setTextCursor(cursor)
    view.ensureCursorVisible()
    return view.cursorRect(cursor).center()


def test_the_card_over_an_underline_fixes_it(qtbot, settings, article):
    window = open_window(qtbot, settings, article)
    _ready(qtbot, window)
    view = window.document_view
    point = _on_underline(qtbot, view, "text.chatbot")
    _move_mouse(view, point + QPoint(1, 0))
    _move_mouse(view, point)
    qtbot.waitUntil(view.card.isVisible, timeout=3000)
    assert "Chatbot" in view.card.title.text()
    qtbot.mouseClick(view.card.fix_button, Qt.MouseButton.LeftButton)
    assert "Let me know" not in page_text(window)
    assert not any(
        "Let me know" in b.text for _, b in window.doc.briefing.blocks() if isinstance(b, Paragraph)
    )
    assert_page_is_model(window)
    window.undo_action.trigger()
    assert "Let me know" in page_text(window)


def test_the_right_click_menu_on_an_underline_offers_its_fix(qtbot, settings, article, monkeypatch):
    window = open_window(qtbot, settings, article)
    _ready(qtbot, window)
    view = window.document_view
    menu = view.context_menu(_on_underline(qtbot, view, "text.chatbot"))  # what a right click there opens
    fix = next(a for a in menu.actions() if a.text().startswith("Fix: "))
    assert any(a.text() == "&Copy" for a in menu.actions())
    fix.trigger()
    assert "Let me know" not in page_text(window)
    assert_page_is_model(window)


def _row_finding(qtbot, window):
    """The finding that the table's last row repeats the one above, once it is on the page."""
    _ready(qtbot, window)
    view = window.document_view
    qtbot.waitUntil(lambda: any(m.finding.rule == "table.duplicate-row" for m in view.marks), timeout=5000)
    return next(m.finding for m in view.marks if m.finding.rule == "table.duplicate-row")


def test_a_finding_about_a_whole_row_underlines_every_cell_of_it(qtbot, settings, repeated_row):
    window = open_window(qtbot, settings, repeated_row)
    view = window.document_view
    finding = _row_finding(qtbot, window)
    assert finding.target.row == 2 and finding.target.column is None
    underlined = [
        s.cursor.selectedText()
        for s in view.extraSelections()
        if s.format.underlineStyle() != s.format.UnderlineStyle.NoUnderline
    ]
    marked = {view.key_of(view.document().findBlock(m.start)) for m in view.marks if m.finding is finding}
    assert {(key.index, key.column) for key in marked} == {(2, 0), (2, 1), (2, 2)}
    assert underlined.count("Eastmouth") == 1 and "200" in underlined and "49%" in underlined


def _popup_then_close(qtbot) -> list[str]:
    """Once the next menu pops up: note its items' texts, then close it."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QMenu

    seen: list[str] = []
    tries = iter(range(100))

    def look() -> None:
        menu = QApplication.activePopupWidget()
        if not isinstance(menu, QMenu):
            if next(tries, None) is not None:
                QTimer.singleShot(20, look)
            return
        seen.extend(a.text() for a in menu.actions() if not a.isSeparator())
        menu.close()

    QTimer.singleShot(0, look)
    return seen


def test_the_menu_key_on_a_cell_offers_the_fix_of_a_finding_in_it(qtbot, settings, repeated_row):
    from PySide6.QtGui import QContextMenuEvent

    window = open_window(qtbot, settings, repeated_row)
    view = window.document_view
    finding = _row_finding(qtbot, window)
    click_text(qtbot, window, "49%")  # the row above, then Tab on into the repeated row
    _key(qtbot, window, Qt.Key.Key_Tab)
    assert view.current_key().index == 2 and view.textCursor().selectedText() == "Eastmouth"
    seen = _popup_then_close(qtbot)
    # What the Menu key (or Shift+F10) sends to the page: a keyboard context-menu event whose point
    # is the page's top left corner, far from the cell.
    event = QContextMenuEvent(QContextMenuEvent.Reason.Keyboard, QPoint(0, 0), view.mapToGlobal(QPoint(0, 0)))
    QApplication.sendEvent(view, event)
    qtbot.waitUntil(lambda: bool(seen), timeout=3000)  # the menu pops up (no nested event loop)
    assert f"Fix: {finding.fixes[0].label}" in seen
    assert "Insert Row Below" in seen  # the cell's own edits too
    assert view.current_key().index == 2  # the menu left the cursor in the cell
    seen = _popup_then_close(qtbot)
    _key(qtbot, window, Qt.Key.Key_F10, Qt.KeyboardModifier.ShiftModifier)  # X11 sends no menu for it
    qtbot.waitUntil(lambda: bool(seen), timeout=3000)
    assert f"Fix: {finding.fixes[0].label}" in seen and view.current_key().index == 2


def test_f8_goes_to_each_finding_on_the_page(qtbot, settings, sample_path):
    window = open_window(qtbot, settings, sample_path)
    panel = _ready(qtbot, window)
    view = window.document_view
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    seen = set()
    for _ in range(3):
        qtbot.keyClick(window, Qt.Key.Key_F8)
        finding = panel.current()
        assert finding is not None
        seen.add(finding.key)
        if finding.target.block_id:
            assert view.current_key().block_id == finding.target.block_id
    assert len(seen) == 3


def test_fix_all_safe_problems_leaves_the_page_true(qtbot, settings, sample_path):
    window = open_window(qtbot, settings, sample_path)
    _ready(qtbot, window)
    window.fix_safe_action.trigger()
    assert_page_is_model(window)
    assert "I can also help you" not in page_text(window)
    window.undo_action.trigger()
    assert_page_is_model(window)
    assert "I can also help you" in page_text(window)


def test_the_outline_follows_the_cursor_without_moving_it(qtbot, settings, article):
    window = open_window(qtbot, settings, article)
    table = tables(window)[0]
    click_text(qtbot, window, "Eastmouth", offset=4)
    assert window.outline.current_id() == table.id
    position = window.document_view.textCursor().position()
    assert window.document_view.textCursor().position() == position  # the outline did not move it


def test_a_change_to_one_text_is_written_in_its_block_not_its_whole_section(qtbot, settings, article):
    """Undoing typing in a cell, a paragraph, a heading or a caption writes that one block again; a
    frame is written again only when blocks come or go (a new row)."""
    window = open_window(qtbot, settings, article)
    view = window.document_view
    table = tables(window)[0]
    written = []
    rewrite, rebuild = view._rewrite_section, view.rebuild
    view._rewrite_section = lambda section_id: (written.append(section_id), rewrite(section_id))
    view.rebuild = lambda: (written.append("all"), rebuild())
    for needle, offset, typed in (
        ("212", 3, "0"),
        ("412 vessels", 0, "about "),
        ("Options", len("Options"), " now"),
        ("Table 1", len("Table 1"), "Ports"),
    ):
        edited = needle[:offset] + typed + needle[offset:]
        click_text(qtbot, window, needle, offset=offset)
        qtbot.keyClicks(view, typed)
        assert edited.replace("Table 1", "Table 1: ") in page_text(window)
        window.undo_action.trigger()
        assert_page_is_model(window)
        assert needle in page_text(window) and edited not in page_text(window)
    assert table.rows[0][1] == "212" and table.caption == ""
    assert written == []  # each undo wrote its one block
    click_text(qtbot, window, "Eastmouth")
    next(
        a for a in view.context_menu(view.cursorRect().center()).actions() if a.text() == "Insert Row Below"
    ).trigger()
    assert len(table.rows) == 3 and len(written) == 1
    assert_page_is_model(window)


def test_deleting_a_table_numbers_the_tables_after_it_again(qtbot, settings, sample_path):
    window = open_window(qtbot, settings, sample_path)

    def numbers() -> list[str]:
        return [line.split(":")[0] for line in page_text(window).split("\n") if line.startswith("Table ")]

    assert numbers() == ["Table 1", "Table 2", "Table 3", "Table 4"]
    window.outline.select_id(tables(window)[0].id)
    window.delete_item_action.trigger()
    assert numbers() == ["Table 1", "Table 2", "Table 3"]  # they said 2, 3 and 4 in other sections
    assert_page_is_model(window)
    window.undo_action.trigger()
    assert numbers() == ["Table 1", "Table 2", "Table 3", "Table 4"]
    assert_page_is_model(window)


def test_a_long_table_shows_its_first_rows_and_says_where_the_rest_are(qtbot, settings, tmp_path):
    rows = "".join(f"| {n} | item {n} |\n" for n in range(400))
    path = tmp_path / "long.md"
    path.write_text(f"## Data\n\n| No | Item |\n|---|---|\n{rows}", encoding="utf-8")
    window = open_window(qtbot, settings, path)
    page = page_text(window)
    assert "item 299" in page and "item 300" not in page
    assert "100 more rows are in the grid" in page
    click_text(qtbot, window, "100 more rows")
    qtbot.keyClicks(window.document_view, "x")
    assert "grid" in window.statusBar().currentMessage()
    assert_page_is_model(window)


# --- any sequence of edits ---------------------------------------------------------------------------------

_KEYS = [
    ("type", None),
    ("enter", Qt.Key.Key_Return),
    ("backspace", Qt.Key.Key_Backspace),
    ("delete", Qt.Key.Key_Delete),
    ("tab", Qt.Key.Key_Tab),
    ("undo", None),
    ("redo", None),
]


@hypothesis_settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    seed=st.integers(0, 10_000),
    steps=st.lists(st.sampled_from([name for name, _ in _KEYS]), min_size=4, max_size=14),
)
def test_any_sequence_of_keys_keeps_the_page_true_and_undo_restores_the_start(
    qtbot, settings, article, seed, steps
):
    window = open_window(qtbot, settings, article)
    view = window.document_view
    start = [(s.heading, [repr(b) for b in s.blocks]) for s in window.doc.briefing.sections]
    rng = random.Random(seed)
    view.setFocus()
    for step in steps:
        editable = [block for block, key in view.blocks() if key.editable]
        block = rng.choice(editable)
        cursor = view.textCursor()
        cursor.setPosition(block.position() + rng.randint(0, block.length() - 1))
        view.setTextCursor(cursor)
        if step == "type":
            qtbot.keyClicks(view, rng.choice(["a", "Zz ", "9%", "-"]))
        elif step == "undo":
            window.undo_action.trigger()
        elif step == "redo":
            window.redo_action.trigger()
        else:
            qtbot.keyClick(view, dict(_KEYS)[step])
        assert_page_is_model(window)
    while window.doc.undo_stack.canUndo():
        window.undo_action.trigger()
    assert [(s.heading, [repr(b) for b in s.blocks]) for s in window.doc.briefing.sections] == start
    assert_page_is_model(window)
    window.close()
