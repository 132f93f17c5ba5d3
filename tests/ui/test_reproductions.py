"""Issue 9's reproductions, the way a user goes: menu actions, shortcuts, clicks and typing.

No test here calls a MainWindow method: actions are triggered, keys pressed, buttons clicked.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QInputDialog

from briefing.editing import search
from briefing.kinds import text_at
from briefing.model import Paragraph
from tests.ui.helpers import click_text, open_grid, open_window, page_text, select_text, tables

CTRL_ALT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier


def _ready(qtbot, window):
    """Wait for the check run of the document as it is now."""
    panel = window.findings
    qtbot.waitUntil(
        lambda: (
            panel.shown_revision == panel.revision and bool(panel.findings) and not panel.timer.isActive()
        ),
        timeout=10000,
    )
    return panel


def _press(qtbot, window, widget, key, modifiers) -> None:
    """Press a key combination in ``widget`` of the active window (shortcuts only reach active ones)."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    widget.setFocus()
    qtbot.keyClick(widget, key, modifiers)


def _answer_comment(monkeypatch, text: str) -> list[str]:
    """Answer the comment dialog with ``text``; returns the prompts it was asked with."""
    asked: list[str] = []

    def dialog(_parent, title, *_args, **_kwargs):
        asked.append(title)
        return text, True

    monkeypatch.setattr(QInputDialog, "getMultiLineText", dialog)
    return asked


def _page_matches_model(window) -> None:
    """The page shows exactly the model's paragraph texts, in order (nothing typed went nowhere)."""
    page = page_text(window).replace("\u2028", "\n")
    position = 0
    for _, block in window.doc.briefing.blocks():
        if isinstance(block, Paragraph) and block.text:
            found = page.find(block.text, position)
            assert found >= 0, f"{block.text[:40]!r} is not on the page where the model has it"
            position = found + len(block.text)


def _comment_marks(window) -> list[str]:
    """The texts the page tints as commented."""
    from PySide6.QtGui import QColor

    return [
        mark.cursor.selectedText()
        for mark in window.document_view.extraSelections()
        if mark.format.background().color() == QColor("#fff3b0")
    ]


# --- a. Insert ▸ Comment and Ctrl+Alt+M ----------------------------------------------------------------


def test_comment_on_words_through_the_menu_and_on_a_cell_through_the_shortcut(
    qtbot, settings, sample_path, monkeypatch
):
    window = open_window(qtbot, settings, sample_path)
    asked = _answer_comment(monkeypatch, "Trump is the sitting president.")
    select_text(qtbot, window, "former U.S. President")
    window.comment_action.trigger()  # Insert ▸ Comment…
    (comment,) = window.doc.briefing.comments
    assert asked == ["Add comment"]
    assert comment.text == "Trump is the sitting president."
    assert comment.anchor.block_id == "b4"
    assert text_at(window.doc.briefing, comment.anchor) == "former U.S. President"
    assert _comment_marks(window) == ["former U.S. President"]

    _answer_comment(monkeypatch, "A date in the duration column.")
    table = tables(window)[0]
    click_text(qtbot, window, "April 6, 2024", occurrence=1)  # row 2's duration cell
    _press(qtbot, window, window.document_view, Qt.Key.Key_M, CTRL_ALT)
    cell = window.doc.briefing.comments[1]
    assert (cell.anchor.block_id, cell.anchor.row, cell.anchor.column) == (table.id, 1, 3)
    assert window.comments.model.rowCount() == 2
    assert "Table 1, row 2, column 4" in window.comments.model.index(1, 0).data()


def test_comment_on_words_through_the_shortcut_and_on_a_header_cell_in_the_grid(
    qtbot, settings, sample_path, monkeypatch
):
    window = open_window(qtbot, settings, sample_path)
    _answer_comment(monkeypatch, "Which tour?")
    select_text(qtbot, window, "Asia tour")
    _press(qtbot, window, window.document_view, Qt.Key.Key_M, CTRL_ALT)
    (comment,) = window.doc.briefing.comments
    assert text_at(window.doc.briefing, comment.anchor) == "Asia tour"
    assert _comment_marks(window) == ["Asia tour"]

    table = tables(window)[0]
    open_grid(qtbot, window, table)
    window.table_editor.set_current(0, 1)
    window.comment_action.trigger()
    header = window.doc.briefing.comments[1]
    assert header.anchor.is_header and header.anchor.column == 1
    assert "header row" in window.comments.model.index(1, 0).data()


# --- b. checks re-running while the user types elsewhere ----------------------------------------------


def test_typing_while_checks_rerun_never_moves_the_cursor_to_a_finding(qtbot, settings, sample_path):
    window = open_window(qtbot, settings, sample_path)
    panel = _ready(qtbot, window)
    briefing = window.doc.briefing
    view = window.document_view
    finding = next(
        f for f in panel.findings if f.rule == "people.conflicting-titles" and f.target.block_id == "b4"
    )
    index = next(
        panel.model.indexFromItem(item)
        for item in _items(panel.model)
        if item.data(Qt.ItemDataRole.UserRole + 10) is not None
        and item.data(Qt.ItemDataRole.UserRole + 10).key == finding.key
    )
    panel.view.setCurrentIndex(index)  # the user selects the finding about section 1
    assert view.current_key().block_id == "b4" and view.textCursor().hasSelection()
    section_one = briefing.find_block("b4").text

    click_text(qtbot, window, "The recent ballistic missile tests by North Korea significantly")
    qtbot.keyClicks(view, "Seen. ")
    with qtbot.waitSignal(panel.updated, timeout=10000):
        pass  # the checks re-run on the edit
    qtbot.keyClicks(view, "Again. ")
    with qtbot.waitSignal(panel.updated, timeout=10000):
        pass
    qtbot.keyClicks(view, "Done. ")
    assert briefing.find_block("b4").text == section_one  # section 1 is untouched
    assert briefing.find_block("b10").text.startswith("Seen. Again. Done. The recent ballistic")
    assert view.current_key().block_id == "b10"
    assert panel.current() is not None and panel.current().key == finding.key  # still selected
    _page_matches_model(window)


def _items(model):
    stack = [model.item(row) for row in range(model.rowCount())]
    while stack:
        item = stack.pop()
        yield item
        stack += [item.child(row) for row in range(item.rowCount())]


# --- c. a fix removes the block the editor shows ---------------------------------------------------------


def test_a_fix_that_removes_the_paragraph_at_the_cursor_leaves_the_page_true(qtbot, settings, sample_path):
    window = open_window(qtbot, settings, sample_path)
    panel = _ready(qtbot, window)
    briefing = window.doc.briefing
    view = window.document_view
    panel.select_rule("text.chatbot")  # the page selects the chatbot's paragraph
    assert view.current_key().block_id == "b8"
    before = [block.text for _, block in briefing.blocks() if isinstance(block, Paragraph)]
    qtbot.mouseClick(panel.fix_button, Qt.MouseButton.LeftButton)
    assert briefing.find_block("b8") is None
    assert "I can also help you" not in page_text(window)
    _page_matches_model(window)

    # Typing now goes into the block the cursor is in after the removal, and the model has it there.
    view.setFocus()
    qtbot.keyClicks(view, "typed after the fix ")
    key = view.current_key()
    assert key.block_id != "b8"
    _page_matches_model(window)

    _press(qtbot, window, view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # the typing
    _press(qtbot, window, view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # the fix
    texts = [block.text for _, block in briefing.blocks() if isinstance(block, Paragraph)]
    assert texts == before and all(texts)  # nothing blanked
    assert "I can also help you" in page_text(window)
    _page_matches_model(window)


def test_fix_all_that_removes_the_table_in_the_grid_goes_back_to_the_document(qtbot, settings, sample_path):
    window = open_window(qtbot, settings, sample_path)
    panel = _ready(qtbot, window)
    table = window.doc.briefing.find_block("b13")
    copy_rows = [list(row) for row in table.rows]
    panel.select_rule("table.duplicate")
    open_grid(qtbot, window, table)  # the user goes on working in the grid, then fixes all
    qtbot.mouseClick(panel.fix_all_button, Qt.MouseButton.LeftButton)
    assert window.doc.briefing.find_block("b13") is None
    assert window.stack.currentWidget() is window.document_view
    window.undo_action.trigger()
    assert window.doc.briefing.find_block("b13").rows == copy_rows


def test_undo_of_an_insert_takes_the_new_paragraph_off_the_page(qtbot, settings, sample_path):
    window = open_window(qtbot, settings, sample_path)
    view = window.document_view
    click_text(qtbot, window, "The recent ballistic missile tests by North Korea significantly")
    window.add_paragraph_action.trigger()
    new_id = view.current_key().block_id
    assert new_id not in ("", "b10")
    qtbot.keyClicks(view, "New words")
    assert window.doc.briefing.find_block(new_id).text == "New words"
    assert "New words" in page_text(window)
    window.undo_action.trigger()  # the typing
    window.undo_action.trigger()  # the insert
    assert window.doc.briefing.find_block(new_id) is None
    assert "New words" not in page_text(window)
    qtbot.keyClicks(view, "lost? ")
    assert window.doc.briefing.find_block(new_id) is None
    _page_matches_model(window)
    window.undo_action.trigger()  # "lost? " went somewhere real: it is one undo step
    assert "lost? " not in page_text(window)
    _page_matches_model(window)


# --- d. pointers stay on their text ----------------------------------------------------------------------


def test_a_comment_stays_on_its_word_when_typing_earlier_and_through_replace_all(
    qtbot, settings, sample_path, monkeypatch
):
    window = open_window(qtbot, settings, sample_path)
    briefing = window.doc.briefing
    _answer_comment(monkeypatch, "Say which administration.")
    paragraph = briefing.find_block("b10")
    select_text(qtbot, window, "Biden")
    window.comment_action.trigger()
    (comment,) = briefing.comments
    original, made_at = paragraph.text, comment.anchor.start
    click_text(qtbot, window, "The recent ballistic missile tests by North Korea significantly")
    qtbot.keyClicks(window.document_view, "In short: ")
    assert paragraph.text.startswith("In short: The recent")
    assert text_at(briefing, comment.anchor) == "Biden"
    assert _comment_marks(window) == ["Biden"]  # the yellow mark moved with it
    # Typing the same word just before it: the comment keeps the characters it was made on (the
    # editor says where the typing went; comparing the texts would guess the first "Biden").
    start = comment.anchor.start
    click_text(qtbot, window, "Biden")
    qtbot.keyClicks(window.document_view, "Biden ")
    assert paragraph.text[start:].startswith("Biden Biden administration")
    assert (comment.anchor.start, comment.anchor.end) == (start + 6, start + 11)
    window.undo_action.trigger()  # the typing in this paragraph is one undo step
    assert paragraph.text == original
    assert (comment.anchor.start, comment.anchor.end) == (made_at, made_at + 5)
    window.redo_action.trigger()
    assert (comment.anchor.start, comment.anchor.end) == (start + 6, start + 11)

    window.find_action.trigger()
    dialog = window.find_dialog
    qtbot.keyClicks(dialog.find_edit, "Biden")
    qtbot.keyClicks(dialog.replace_edit, "previous")
    dialog.whole_word.setChecked(True)
    qtbot.mouseClick(dialog.replace_button, Qt.MouseButton.LeftButton)
    assert "Biden" not in paragraph.text
    assert text_at(briefing, comment.anchor) == "previous" and not comment.anchor.lost
    assert "“previous”" in window.comments.model.index(0, 0).data()
    window.undo_action.trigger()
    assert text_at(briefing, comment.anchor) == "Biden"


def test_find_next_and_replace_one(qtbot, settings, sample_path):
    window = open_window(qtbot, settings, sample_path)
    briefing = window.doc.briefing
    window.find_action.trigger()
    dialog = window.find_dialog
    qtbot.keyClicks(dialog.find_edit, "ballistic missile tests")
    qtbot.keyClicks(dialog.replace_edit, "launches")
    count = len(dialog.matches)
    assert count >= 2
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    first = dialog.matches[0]
    assert window.outline.current_id() == (first.ref.block_id or first.ref.section_id or None)
    qtbot.mouseClick(dialog.replace_one_button, Qt.MouseButton.LeftButton)
    assert len(dialog.matches) == count - 1
    assert search.read_text(briefing, first.ref)[first.start :].startswith("launches")
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    before = dialog.position
    qtbot.keyClick(dialog.replace_edit, Qt.Key.Key_F3)  # F3 goes on to the next match
    assert dialog.position == (before + 1) % len(dialog.matches) != before
    dialog.find_edit.setText("BALLISTIC missile")
    assert dialog.matches  # any case by default
    dialog.match_case.setChecked(True)
    assert dialog.matches == []


def test_deleting_a_block_leaves_its_recommendations_origin_lost(qtbot, settings, sample_path):
    window = open_window(qtbot, settings, sample_path)
    briefing = window.doc.briefing
    recs = [r for r in briefing.recommendations if r.origin.block_id == "b19"]
    assert len(recs) == 3
    window.outline.select_id("b19")
    window.delete_item_action.trigger()
    assert briefing.find_block("b19") is None
    assert all(r.origin.lost and r.origin.block_id == "b19" for r in recs)
    model = window.recommendations.model
    row = briefing.recommendations.index(recs[0])
    assert "removed from the article" in model.index(row, 0).data(Qt.ItemDataRole.ToolTipRole)
    window.undo_action.trigger()
    assert not any(r.origin.lost for r in recs)
    assert "removed" not in model.index(row, 0).data(Qt.ItemDataRole.ToolTipRole)


def test_inserting_a_list_item_keeps_each_recommendation_on_its_item(qtbot, settings, sample_path):
    window = open_window(qtbot, settings, sample_path)
    briefing = window.doc.briefing
    recs = [r for r in briefing.recommendations if r.origin.block_id == "b19"]
    texts = [text_at(briefing, r.origin) for r in recs]
    # Enter at the end of the first item starts a new item after it, as in a word processor.
    first = briefing.find_block("b19").items[0].full_text
    click_text(qtbot, window, first, offset=len(first))
    qtbot.keyClick(window.document_view, Qt.Key.Key_Return)
    assert len(briefing.find_block("b19").items) == 4
    assert [r.origin.item for r in recs] == [0, 2, 3]
    assert [text_at(briefing, r.origin) for r in recs] == texts
    qtbot.keyClicks(window.document_view, "A new action")
    assert briefing.find_block("b19").items[1].text == "A new action"
    for _ in "A new action":
        qtbot.keyClick(window.document_view, Qt.Key.Key_Backspace)
    qtbot.keyClick(window.document_view, Qt.Key.Key_Backspace)  # the empty item joins the one before
    assert len(briefing.find_block("b19").items) == 3
    assert [r.origin.item for r in recs] == [0, 1, 2]
    assert briefing.find_block("b19").items[0].full_text == first


# --- e. Ignore holds ---------------------------------------------------------------------------------------


def test_an_ignored_finding_stays_hidden_after_typing_earlier_in_its_paragraph(qtbot, settings, sample_path):
    window = open_window(qtbot, settings, sample_path)
    panel = _ready(qtbot, window)
    finding = panel.select_rule("people.anachronism")
    assert finding.target.block_id == "b10"
    qtbot.mouseClick(panel.ignore_button, Qt.MouseButton.LeftButton)
    assert finding.key in window.doc.briefing.ignored
    click_text(qtbot, window, "The recent ballistic missile tests by North Korea significantly")
    with qtbot.waitSignal(panel.updated, timeout=10000):
        qtbot.keyClicks(window.document_view, "Context first. ")
    assert window.doc.briefing.find_block("b10").text.startswith("Context first. ")
    anachronisms = [f for f in panel.findings if f.rule == "people.anachronism"]
    assert anachronisms and anachronisms[0].target.start != finding.target.start  # it moved…
    assert all(f.key in window.doc.briefing.ignored for f in anachronisms)  # …and stays ignored
    assert "people.anachronism" not in {f.rule for f in panel.visible_findings()}


# --- f. revert after save and reopen ---------------------------------------------------------------------


def _save_and_reopen(qtbot, window, monkeypatch, target: Path):
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    window.save_action.trigger()
    assert target.exists()
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(target), ""))
    with qtbot.waitSignal(window.documentLoaded, timeout=5000):
        window.open_action.trigger()


def test_revert_a_correction_after_save_and_reopen(qtbot, settings, sample_path, monkeypatch, tmp_path):
    window = open_window(qtbot, settings, sample_path)
    panel = _ready(qtbot, window)
    panel.select_rule("table.repeated-cells")
    qtbot.mouseClick(panel.fix_button, Qt.MouseButton.LeftButton)
    launches_id = tables(window)[0].id
    fixed = list(window.doc.briefing.find_block(launches_id).rows[1])
    assert fixed == ["April 6, 2024", "Scud-ER", "450", "7 minutes"]

    _save_and_reopen(qtbot, window, monkeypatch, tmp_path / "fixed.briefing")
    briefing = window.doc.briefing
    assert window.doc.undo_stack.count() == 0  # a new session: only the log remembers the fix
    corrections = window.corrections
    corrections.view.setCurrentIndex(corrections.model.index(0, 0))
    assert corrections.revert_button.isEnabled()
    qtbot.mouseClick(corrections.revert_button, Qt.MouseButton.LeftButton)
    assert briefing.find_block(launches_id).rows[1][3:6] == ["April 6, 2024", "Scud-ER", "450"]
    assert briefing.changes == []
    window.undo_action.trigger()  # the revert is one undo step
    assert briefing.find_block(launches_id).rows[1] == fixed and len(briefing.changes) == 1


def test_revert_is_disabled_with_the_reason_once_the_text_was_edited(
    qtbot, settings, sample_path, monkeypatch, tmp_path
):
    from briefing.checks import revert_problem

    window = open_window(qtbot, settings, sample_path)
    panel = _ready(qtbot, window)
    panel.select_rule("table.repeated-cells")
    qtbot.mouseClick(panel.fix_button, Qt.MouseButton.LeftButton)
    _save_and_reopen(qtbot, window, monkeypatch, tmp_path / "fixed.briefing")
    click_text(qtbot, window, "450", offset=3)  # the end of row 2's range cell on the page
    qtbot.keyClick(window.document_view, Qt.Key.Key_Backspace)
    qtbot.keyClicks(window.document_view, "5")  # an edit of the row the fix changed
    assert tables(window)[0].rows[1][2] == "455"
    corrections = window.corrections
    corrections.view.setCurrentIndex(corrections.model.index(0, 0))
    problem = revert_problem(window.doc.briefing, window.doc.briefing.changes[0])
    assert problem and "edited" in problem
    assert not corrections.revert_button.isEnabled()
    assert corrections.revert_button.toolTip() == problem
    window.undo_action.trigger()  # the cell edit: reverting is possible again, once typing pauses
    qtbot.waitUntil(corrections.revert_button.isEnabled, timeout=2000)


@pytest.mark.parametrize("shortcut", [False, True])
def test_the_comment_action_without_anything_selected_says_so(qtbot, settings, monkeypatch, shortcut):
    window = open_window(qtbot, settings)
    asked = _answer_comment(monkeypatch, "never asked")
    if shortcut:
        _press(qtbot, window, window.outline, Qt.Key.Key_M, CTRL_ALT)
    else:
        window.comment_action.trigger()
    assert asked == [] and window.doc.briefing.comments == []
    assert "Select text" in window.statusBar().currentMessage()
