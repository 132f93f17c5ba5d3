"""The recommendations register and comments: each recommendation's origin in words, long text readable,
a CSV with every field; edits undoable, kept by save and reopen and by the Word export."""

from __future__ import annotations

import csv
import html

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QApplication, QFileDialog, QInputDialog

from briefing import project
from briefing.editing import operations
from briefing.model import Comment
from briefing.refs import Ref
from briefing.register import HEADERS
from tests.ui.helpers import open_window, tables
from tests.ui.register_support import cell_point, edit_register_cell
from ui.recommendations import COLUMN

HEADING = "Strategic Recommendations for Strengthening Alliance Coordination and Deterrence"
#: The last section's heading as places shorten it in a line.
CUT = "Strategic Recommendations for Strengthe…"


def _cell(window, row: int, name: str, role=Qt.ItemDataRole.DisplayRole):
    panel = window.recommendations
    return panel.proxy.index(row, COLUMN[name]).data(role)


def _comment_via_menu(qtbot, window, monkeypatch, text: str) -> None:
    """Insert ▸ Comment (Ctrl+Alt+M), typing ``text`` in the dialog it opens."""
    monkeypatch.setattr(QInputDialog, "getMultiLineText", lambda *a, **k: (text, True))
    window.comment_action.trigger()


def test_recording_a_decision_and_its_undo(qtbot, settings, sample_path):
    window = open_window(qtbot, settings, sample_path)
    edit_register_cell(qtbot, window, 0, "decision", "Approve")
    edit_register_cell(qtbot, window, 0, "priority", "High")
    edit_register_cell(qtbot, window, 0, "owner", "Policy Planning Staff")
    edit_register_cell(qtbot, window, 0, "due", "2026-12-15")
    rec = window.doc.briefing.recommendations[0]
    assert (rec.annotation.decision, rec.annotation.priority) == ("Approve", "High")
    assert (rec.annotation.owner, rec.annotation.due) == ("Policy Planning Staff", "2026-12-15")
    assert _cell(window, 0, "decision") == "Approve"
    window.undo_action.trigger()
    assert rec.annotation.due == ""
    assert _cell(window, 0, "due") == ""


def test_the_origin_column_names_section_and_item_and_cannot_be_edited(qtbot, settings, sample_path):
    window = open_window(qtbot, settings, sample_path)
    # The action table's rows are the three items' details now, not recommendations of their own.
    assert window.recommendations.proxy.rowCount() == 3
    assert [_cell(window, row, "origin") for row in range(3)] == [
        f"list 1 in “{CUT}”, item 1",
        f"list 1 in “{CUT}”, item 2",
        f"list 1 in “{CUT}”, item 3",
    ]
    assert window.recommendations.model.headerData(1, Qt.Orientation.Horizontal) == "Origin"
    # The tooltip has the whole heading and what the item says.
    tip = html.unescape(_cell(window, 1, "origin", Qt.ItemDataRole.ToolTipRole))
    assert f"Section: {HEADING}" in tip
    assert (
        "It reads: “Enhancing intelligence collaboration to preempt missile launches and anticipate"
        " strategic shifts.”" in tip
    )

    view = window.recommendations.view
    point = cell_point(view, window.recommendations.proxy.index(0, COLUMN["origin"]))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert view.state() != view.State.EditingState  # where it came from is not typed in

    window.recommendations.actions_by_name["add"].trigger()
    qtbot.keyClick(view.focusWidget(), Qt.Key.Key_Escape)
    assert _cell(window, 1, "origin") == "written by the analyst"


def test_a_deleted_origin_says_so_in_the_register_and_undo_names_it_again(qtbot, settings, sample_path):
    window = open_window(qtbot, settings, sample_path)
    window.outline.select_id("b19")  # the list the first three came from
    window.outline.setFocus()
    window.delete_item_action.trigger()
    assert window.doc.briefing.find_block("b19") is None
    assert _cell(window, 0, "origin") == f"removed from the article (was in section “{CUT}”)"
    assert "removed from the article" in html.unescape(_cell(window, 0, "text", Qt.ItemDataRole.ToolTipRole))
    window.undo_action.trigger()
    assert _cell(window, 0, "origin") == f"list 1 in “{CUT}”, item 1"


def test_a_renamed_section_renames_the_origins(qtbot, settings, sample_path):
    window = open_window(qtbot, settings, sample_path)
    section_id = window.doc.briefing.sections[3].id
    window.doc.edit("Rename", lambda b: operations.set_heading(b, section_id, "Options"))
    assert [_cell(window, row, "origin") for row in range(3)] == [
        f"list 1 in “Options”, item {number}" for number in (1, 2, 3)
    ]


def test_long_text_wraps_in_rows_that_grow_and_tooltips_hold_all_of_it(qtbot, settings, sample_path):
    window = open_window(qtbot, settings, sample_path)
    window.resize(1280, 800)
    view = window.recommendations.view
    most = view.verticalHeader().maximumSectionSize()
    qtbot.waitUntil(lambda: view.rowHeight(1) < most, timeout=2000)  # laid out at the new width
    one_line = view.rowHeight(1)
    comment = "Check the budget line with Finance before approval; " * 3 + "then ask Tokyo & Seoul."
    edit_register_cell(qtbot, window, 1, "comment", comment)
    assert window.doc.briefing.recommendations[1].annotation.comment == comment
    qtbot.waitUntil(lambda: view.rowHeight(1) > one_line, timeout=2000)
    tip = _cell(window, 1, "comment", Qt.ItemDataRole.ToolTipRole)
    assert tip.startswith("<qt>") and html.unescape(tip).count("Finance") == 3  # rich text: Qt wraps it
    assert "ask Tokyo &amp; Seoul." in tip  # escaped, shown as typed

    # A very long comment stops growing the row at a few lines; the tooltip has all of it.
    edit_register_cell(qtbot, window, 1, "comment", "word " * 400)
    qtbot.wait(10)
    assert view.rowHeight(1) == most
    assert html.unescape(_cell(window, 1, "comment", Qt.ItemDataRole.ToolTipRole)).count("word") == 400

    # Rows are measured again when the columns get wider: no blank lines left under short text.
    view.scrollToTop()
    tall = view.rowHeight(0)
    window.resize(1000, 800)
    qtbot.waitUntil(lambda: view.rowHeight(0) > tall, timeout=2000)
    narrow = view.rowHeight(0)
    window.resize(1400, 800)
    qtbot.waitUntil(lambda: view.rowHeight(0) < narrow, timeout=2000)

    # A row out of sight is measured when it scrolls into sight. The sample has three; should the last
    # be in sight, the analyst adds more with the register's Add until one is below its bottom edge.
    panel = window.recommendations
    recs = window.doc.briefing.recommendations
    view.scrollToTop()
    while view.rowViewportPosition(len(recs) - 1) <= view.viewport().height():
        assert len(recs) < 40, "the register never filled"
        panel.select_row(len(recs) - 1)
        panel.actions_by_name["add"].trigger()  # added after the selected row, with its editor open
        qtbot.keyClick(view.focusWidget(), Qt.Key.Key_Escape)
        view.scrollToTop()
    last_row = len(recs) - 1
    last = recs[last_row].id
    window.doc.edit(
        "Comment", lambda b: operations.set_recommendation_field(b, last, "comment", "word " * 60)
    )
    short_height = view.rowHeight(last_row)
    assert view.rowViewportPosition(last_row) > view.viewport().height()  # out of sight: not measured yet
    view.scrollToBottom()
    qtbot.waitUntil(lambda: view.rowHeight(last_row) > short_height, timeout=2000)


def test_rows_keep_the_notes_numbers_when_filtered_or_moved(qtbot, settings, sample_path):
    window = open_window(qtbot, settings, sample_path)
    panel = window.recommendations
    edit_register_cell(qtbot, window, 2, "decision", "Defer")
    panel.decision_filter.setCurrentIndex(panel.decision_filter.findData("Defer"))
    assert panel.proxy.rowCount() == 1
    assert panel.proxy.headerData(0, Qt.Orientation.Vertical) == "3"  # recommendation 3, not "1"
    assert "Recommendation 3:" in html.unescape(_cell(window, 0, "text", Qt.ItemDataRole.ToolTipRole))
    panel.decision_filter.setCurrentIndex(0)
    assert panel.proxy.rowCount() == 3
    panel.select_row(2)
    panel.actions_by_name["up"].trigger()
    assert panel.proxy.headerData(1, Qt.Orientation.Vertical) == "2"
    assert _cell(window, 1, "decision") == "Defer"
    assert _cell(window, 2, "decision") == ""


def test_add_delete_and_reorder_recommendations(qtbot, settings, sample_path):
    window = open_window(qtbot, settings, sample_path)
    panel = window.recommendations
    recs = window.doc.briefing.recommendations
    first = recs[0]
    panel.select_row(0)
    panel.actions_by_name["down"].trigger()
    assert recs[1] is first and panel.current_row() == 1
    panel.actions_by_name["add"].trigger()
    assert len(recs) == 4 and recs[2].text == "That you …" and recs[2].origin.block_id == ""
    qtbot.keyClick(panel.view.focusWidget(), Qt.Key.Key_Escape)
    panel.actions_by_name["delete"].trigger()
    assert len(recs) == 3 and all(rec.text != "That you …" for rec in recs)
    window.undo_action.trigger()
    window.undo_action.trigger()
    window.undo_action.trigger()
    assert recs[0] is first and len(recs) == 3


def test_filter_by_decision_and_owner(qtbot, settings, sample_path):
    window = open_window(qtbot, settings, sample_path)
    panel = window.recommendations
    edit_register_cell(qtbot, window, 1, "decision", "Defer")
    edit_register_cell(qtbot, window, 1, "owner", "Embassy Seoul")
    edit_register_cell(qtbot, window, 2, "owner", "Embassy Tokyo")
    panel.decision_filter.setCurrentIndex(panel.decision_filter.findData("Defer"))
    assert panel.proxy.rowCount() == 1
    panel.decision_filter.setCurrentIndex(0)
    qtbot.keyClicks(panel.owner_filter, "embassy")
    assert panel.proxy.rowCount() == 2
    panel.decision_filter.setCurrentIndex(panel.decision_filter.findData(""))
    assert panel.proxy.rowCount() == 1  # Tokyo has no decision yet


def test_selecting_a_recommendation_shows_its_origin_and_the_keyboard_stays(qtbot, settings, sample_path):
    window = open_window(qtbot, settings, sample_path)
    view = window.recommendations.view
    point = cell_point(view, window.recommendations.proxy.index(1, COLUMN["text"]))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    origin = window.doc.briefing.recommendations[1].origin
    assert (origin.block_id, origin.item) == ("b19", 1)  # the second item of the recommendations' list
    key = window.document_view.current_key()
    assert (key.block_id, key.index) == (origin.block_id, 1)  # the document shows that item
    assert window.outline.current_id() == origin.block_id
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Down)  # the arrows still move in the register
    assert window.recommendations.current_row() == 2


def test_register_exports_every_field_and_the_origin_as_csv(
    qtbot, settings, sample_path, tmp_path, monkeypatch
):
    window = open_window(qtbot, settings, sample_path)
    edit_register_cell(qtbot, window, 2, "decision", "Modify")
    edit_register_cell(qtbot, window, 2, "comment", "Shorter, and name the allies.")
    panel = window.recommendations
    panel.select_row(2)
    panel.actions_by_name["add"].trigger()  # one of the analyst's own, after the third
    qtbot.keyClick(panel.view.focusWidget(), Qt.Key.Key_Escape)
    target = tmp_path / "register.csv"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), "CSV (*.csv)"))
    window.recommendations.actions_by_name["csv"].trigger()  # the register's "Export CSV…"
    with target.open(encoding="utf-8-sig", newline="") as stream:
        rows = list(csv.reader(stream))
    assert rows[0] == list(HEADERS)
    assert len(rows) == 5 and [row[0] for row in rows[1:]] == ["1", "2", "3", "4"]
    third = dict(zip(HEADERS, rows[3], strict=True))
    assert third["Decision"] == "Modify" and third["Analyst comment"] == "Shorter, and name the allies."
    assert third["Origin"] == f"list 1 in “{CUT}”, item 3"
    assert third["Origin section"] == HEADING
    assert third["Origin ref"] == "s16/b19:item=2"
    assert third["Recommendation"].startswith("Developing coordinated diplomatic messaging")
    second = dict(zip(HEADERS, rows[2], strict=True))
    assert second["Origin"] == f"list 1 in “{CUT}”, item 2" and second["Origin ref"] == "s16/b19:item=1"
    assert second["Decision"] == "" and second["Analyst comment"] == ""
    fourth = dict(zip(HEADERS, rows[4], strict=True))
    assert fourth["Recommendation"] == "That you …" and fourth["Origin"] == "written by the analyst"
    assert fourth["Origin section"] == "" and fourth["Origin ref"] == ""


def test_comment_on_selected_paragraph_text_and_on_a_cell(qtbot, settings, sample_path, monkeypatch):
    window = open_window(qtbot, settings, sample_path)
    settings.setValue("comments/author", "Jane Analyst")
    paragraph = window.doc.briefing.sections[1].blocks[0]
    start = paragraph.text.index("former U.S. President")
    view = window.document_view
    view.setFocus()
    assert view.show_ref(Ref(block_id=paragraph.id, start=start, end=start + len("former U.S. President")))
    _comment_via_menu(qtbot, window, monkeypatch, "Trump is the sitting president; 'former' is wrong.")
    (comment,) = window.doc.briefing.comments
    assert (comment.anchor.block_id, comment.anchor.start) == (paragraph.id, start)
    assert paragraph.text[comment.anchor.start : comment.anchor.end] == "former U.S. President"
    assert (comment.author, comment.initials) == ("Jane Analyst", "JA")
    assert window.comments.model.rowCount() == 1

    table = tables(window)[0]
    view.setFocus()
    assert view.show_ref(Ref(block_id=table.id, row=1, column=3))
    _comment_via_menu(qtbot, window, monkeypatch, "A date in the duration column.")
    cell_comment = window.doc.briefing.comments[1]
    assert (cell_comment.anchor.row, cell_comment.anchor.column) == (1, 3)
    assert window.comments.model.index(1, 0).data() == "Table 1, row 2, column 4"


def test_comments_show_their_place_and_text_whole(qtbot, settings, sample_path):
    window = open_window(qtbot, settings, sample_path)
    window.resize(1280, 800)
    briefing = window.doc.briefing
    paragraph = briefing.sections[3].blocks[0]  # in the section with the long heading
    span = paragraph.text[: paragraph.text.index(",", 60)]
    anchor = operations.block_ref(briefing, paragraph.id, start=0, end=len(span))
    text = "Say which allies; the sentence reads as if every partner had agreed already. " * 3
    comment = Comment(briefing.new_id("c"), anchor, text, "Jane Analyst", "JA", "2026-12-01T10:00:00+00:00")
    window.doc.edit("Add comment", lambda b: operations.add_comment(b, comment))
    window.comments_dock.raise_()
    panel = window.comments
    where = panel.model.index(0, 0)
    assert where.data().startswith(f"paragraph 1 in “{CUT}”: “")
    tip = html.unescape(where.data(Qt.ItemDataRole.ToolTipRole))
    assert f"Section: {HEADING}" in tip and f"The text: “{span}”" in tip  # whole, where the cell shortens
    assert html.unescape(panel.model.index(0, 1).data(Qt.ItemDataRole.ToolTipRole)).count("Say which") == 3

    # The place wraps in a row tall enough for all of it: no "…" cut by the table.
    view = panel.view
    qtbot.waitUntil(lambda: view.isVisible() and view.columnWidth(0) > 0, timeout=2000)
    width = view.columnWidth(0) - 8
    needed = QFontMetrics(view.font()).boundingRect(
        0, 0, width, 10_000, Qt.TextFlag.TextWordWrap, where.data()
    )
    qtbot.waitUntil(lambda: view.rowHeight(0) >= needed.height(), timeout=2000)


def test_edit_resolve_and_delete_comments_with_undo(qtbot, settings, sample_path, monkeypatch):
    window = open_window(qtbot, settings, sample_path)
    view = window.recommendations.view
    point = cell_point(view, window.recommendations.proxy.index(0, COLUMN["text"]))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    view.setFocus()
    _comment_via_menu(qtbot, window, monkeypatch, "Costly; check the budget line.")
    comments = window.doc.briefing.comments
    assert comments[0].anchor.block_id == window.doc.briefing.recommendations[0].id
    panel = window.comments
    assert panel.model.index(0, 0).data() == "recommendation 1"
    panel.select(comments[0].id)
    monkeypatch.setattr(
        QInputDialog, "getMultiLineText", lambda *a, **k: ("Costly; check the FY27 budget line.", True)
    )
    qtbot.mouseClick(panel.edit_button, Qt.MouseButton.LeftButton)
    assert comments[0].text.endswith("FY27 budget line.")
    qtbot.mouseClick(panel.resolve_button, Qt.MouseButton.LeftButton)
    assert comments[0].resolved and panel.model.rowCount() == 0  # resolved ones are hidden
    panel.show_resolved.setChecked(True)
    assert panel.model.rowCount() == 1
    panel.select(comments[0].id)
    qtbot.mouseClick(panel.delete_button, Qt.MouseButton.LeftButton)
    assert comments == []
    for _ in range(3):  # the delete, the resolve, the edit
        window.undo_action.trigger()
    assert len(comments) == 1 and comments[0].text == "Costly; check the budget line."
    assert not comments[0].resolved
    window.undo_action.trigger()  # the comment itself
    assert comments == []


def test_decisions_and_comments_survive_save_and_reach_the_word_export(
    qtbot, settings, sample_path, tmp_path, monkeypatch
):
    from docx import Document

    from briefing.export import ExportOptions, export_docx

    window = open_window(qtbot, settings, sample_path)
    edit_register_cell(qtbot, window, 2, "decision", "Approve")
    edit_register_cell(qtbot, window, 2, "comment", "Start with the autumn exercise.")
    window.recommendations.view.setFocus()
    _comment_via_menu(qtbot, window, monkeypatch, "Coordinate with Tokyo first.")
    target = tmp_path / "note.briefing"
    assert window.save_to(target)
    reopened = project.load(target)
    assert project.to_dict(reopened) == project.to_dict(window.doc.briefing)
    assert reopened.recommendations[2].annotation.decision == "Approve"
    assert reopened.recommendations[2].annotation.comment == "Start with the autumn exercise."
    out = tmp_path / "memo.docx"
    export_docx(reopened, out, ExportOptions(template="decision-memo"))
    document = Document(str(out))
    paragraphs = [(p.style.name, p.text) for p in document.paragraphs]
    # Printed once, as a numbered list, each with its detail line (the action table's row) and its own
    # decision line; the analyst's recorded decision under the third, the one decided.
    numbered = [i for i, (style, _) in enumerate(paragraphs) if style == "List Number"]
    # The detail and the recorded decision are further lines of the recommendation's paragraph.
    lines = [paragraphs[i][1].split("\n") for i in numbered]
    assert [first for first, *_ in lines] == [rec.text for rec in reopened.recommendations]
    for number, (i, end) in enumerate(zip(numbered, [*numbered[1:], len(paragraphs)], strict=True)):
        detail = lines[number][1]
        assert detail.startswith("Focus Area: ") and "Expected Impact: " in detail
        recorded = [text for text in lines[number][2:] if text.startswith("Analyst's recorded decision:")]
        assert recorded == (["Analyst's recorded decision: Approve"] if number == 2 else [])
        block = paragraphs[i + 1 : end]
        assert any(style == "Decision Line" and text.startswith("Approve ___") for style, text in block)
    assert lines[1][1].startswith("Focus Area: Intelligence Sharing")
    assert any("Coordinate with Tokyo first." in c.text for c in document.comments)


def test_typing_in_the_document_keeps_the_selected_comment(qtbot, settings, sample_path):
    window = open_window(qtbot, settings, sample_path)
    briefing = window.doc.briefing
    paragraph = briefing.sections[1].blocks[0]
    anchor = operations.block_ref(briefing, paragraph.id, start=0, end=12)
    comment = Comment(briefing.new_id("c"), anchor, "Too vague.", "Jane Analyst", "JA", "2026-12-01")
    window.doc.edit("Add comment", lambda b: operations.add_comment(b, comment))
    panel = window.comments
    panel.select(comment.id)
    before = panel.model.index(0, 0).data()
    view = window.document_view
    view.setFocus()
    assert view.show_ref(Ref(block_id=paragraph.id, start=2, end=2))  # the cursor in the commented words
    qtbot.keyClicks(view, " fact,")
    assert paragraph.text.startswith("In fact, a provocative")
    assert panel.current() is comment  # the selection stayed through the edits
    assert panel.model.index(0, 0).data() != before  # and the quoted place follows the text
