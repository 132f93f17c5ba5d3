"""The recommendations register and comments: edits are undoable, survive save/reopen and export."""

from __future__ import annotations

import csv

from PySide6.QtCore import Qt

from briefing import project
from tests.ui.helpers import open_window, tables


def test_recording_a_decision_and_its_undo(qtbot, settings, sample_path):
    window = open_window(qtbot, settings, sample_path)
    model = window.recommendations.model
    assert model.rowCount() == 6
    assert model.setData(model.index(0, 1), "Approve")
    assert model.setData(model.index(0, 2), "High")
    assert model.setData(model.index(0, 3), "Policy Planning Staff")
    assert model.setData(model.index(0, 4), "2026-12-15")
    rec = window.doc.briefing.recommendations[0]
    assert (rec.annotation.decision, rec.annotation.priority) == ("Approve", "High")
    assert (rec.annotation.owner, rec.annotation.due) == ("Policy Planning Staff", "2026-12-15")
    window.undo_action.trigger()
    assert rec.annotation.due == ""
    assert model.index(0, 4).data() == ""


def test_add_delete_and_reorder_recommendations(qtbot, settings, sample_path):
    window = open_window(qtbot, settings, sample_path)
    panel = window.recommendations
    recs = window.doc.briefing.recommendations
    first = recs[0]
    panel.select_row(0)
    panel.actions_by_name["down"].trigger()
    assert recs[1] is first and panel.current_row() == 1
    panel.actions_by_name["add"].trigger()
    assert len(recs) == 7 and recs[2].text == "That you …" and recs[2].origin.block_id == ""
    panel.delete()
    assert len(recs) == 6
    window.undo_action.trigger()
    window.undo_action.trigger()
    window.undo_action.trigger()
    assert recs[0] is first and len(recs) == 6


def test_filter_by_decision_and_owner(qtbot, settings, sample_path):
    window = open_window(qtbot, settings, sample_path)
    panel = window.recommendations
    model = panel.model
    model.setData(model.index(1, 1), "Defer")
    model.setData(model.index(1, 3), "Embassy Seoul")
    model.setData(model.index(4, 3), "Embassy Tokyo")
    panel.decision_filter.setCurrentIndex(panel.decision_filter.findData("Defer"))
    assert panel.proxy.rowCount() == 1
    panel.decision_filter.setCurrentIndex(0)
    panel.owner_filter.setText("embassy")
    assert panel.proxy.rowCount() == 2
    panel.decision_filter.setCurrentIndex(panel.decision_filter.findData(""))
    assert panel.proxy.rowCount() == 1  # Tokyo has no decision yet


def test_selecting_a_recommendation_shows_its_origin_row(qtbot, settings, sample_path):
    window = open_window(qtbot, settings, sample_path)
    window.recommendations.select_row(4)  # the second action-table row
    action_table = tables(window)[3]
    assert window.outline.current_id() == action_table.id
    assert window.stack.currentWidget() is window.table_editor
    assert window.table_editor.current()[0] == 2  # model row 2 = body row 1


def test_register_exports_as_csv(qtbot, settings, sample_path, tmp_path):
    window = open_window(qtbot, settings, sample_path)
    window.recommendations.model.setData(window.recommendations.model.index(2, 1), "Modify")
    target = tmp_path / "register.csv"
    window.recommendations.export_csv(target)
    with target.open(encoding="utf-8-sig", newline="") as stream:
        rows = list(csv.reader(stream))
    assert rows[0] == [
        "#",
        "Recommendation",
        "Decision",
        "Priority",
        "Owner / lead",
        "Due",
        "Analyst comment",
    ]
    assert len(rows) == 7 and rows[3][2] == "Modify"


def test_comment_on_selected_paragraph_text_and_on_a_cell(qtbot, settings, sample_path):
    window = open_window(qtbot, settings, sample_path)
    settings.setValue("comments/author", "Jane Analyst")
    paragraph = window.doc.briefing.sections[1].blocks[0]
    window.outline.select_id(paragraph.id)
    editor = window.paragraph_editor.editor
    start = paragraph.text.index("former U.S. President")
    cursor = editor.textCursor()
    cursor.setPosition(start)
    cursor.setPosition(start + len("former U.S. President"), cursor.MoveMode.KeepAnchor)
    editor.setTextCursor(cursor)
    window.add_comment("Trump is the sitting president; 'former' is wrong.")
    (comment,) = window.doc.briefing.comments
    assert (comment.anchor.block_id, comment.anchor.start) == (paragraph.id, start)
    assert paragraph.text[comment.anchor.start : comment.anchor.end] == "former U.S. President"
    assert (comment.author, comment.initials) == ("Jane Analyst", "JA")
    assert len(editor.extraSelections()) == 1
    assert window.comments.model.rowCount() == 1

    table = tables(window)[0]
    window.outline.select_id(table.id)
    window.table_editor.set_current(2, 3)
    window.add_comment("A date in the duration column.")
    cell_comment = window.doc.briefing.comments[1]
    assert (cell_comment.anchor.row, cell_comment.anchor.column) == (1, 3)
    assert (
        window.table_editor.model.index(2, 3)
        .data(Qt.ItemDataRole.ToolTipRole)
        .endswith("A date in the duration column.")
    )


def test_edit_resolve_and_delete_comments_with_undo(qtbot, settings, sample_path):
    window = open_window(qtbot, settings, sample_path)
    window.recommendations.select_row(0)
    window.recommendations.view.setFocus()
    window.add_comment("Costly; check the budget line.")
    comments = window.doc.briefing.comments
    assert comments[0].anchor.block_id == window.doc.briefing.recommendations[0].id
    panel = window.comments
    panel.select(comments[0].id)
    panel.edit_current("Costly; check the FY27 budget line.")
    assert comments[0].text.endswith("FY27 budget line.")
    panel.toggle_resolved()
    assert comments[0].resolved and panel.model.rowCount() == 0  # resolved ones are hidden
    panel.show_resolved.setChecked(True)
    assert panel.model.rowCount() == 1
    panel.select(comments[0].id)
    panel.delete_current()
    assert comments == []
    for _ in range(3):  # the delete, the resolve, the edit
        window.undo_action.trigger()
    assert len(comments) == 1 and comments[0].text == "Costly; check the budget line."
    assert not comments[0].resolved
    window.undo_action.trigger()  # the comment itself
    assert comments == []


def test_decisions_and_comments_survive_save_and_reach_the_word_export(
    qtbot, settings, sample_path, tmp_path
):
    from docx import Document

    from briefing.export import ExportOptions, export_docx

    window = open_window(qtbot, settings, sample_path)
    model = window.recommendations.model
    model.setData(model.index(3, 1), "Approve")
    model.setData(model.index(3, 5), "Start with the autumn exercise.")
    window.recommendations.select_row(3)
    window.recommendations.view.setFocus()
    window.add_comment("Coordinate with Tokyo first.")
    target = tmp_path / "note.briefing"
    assert window.save_to(target)
    reopened = project.load(target)
    assert project.to_dict(reopened) == project.to_dict(window.doc.briefing)
    assert reopened.recommendations[3].annotation.decision == "Approve"
    out = tmp_path / "memo.docx"
    export_docx(reopened, out, ExportOptions(template="decision-memo"))
    document = Document(str(out))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Approve" in text
    assert any("Coordinate with Tokyo first." in c.text for c in document.comments)
