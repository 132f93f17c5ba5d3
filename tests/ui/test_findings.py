"""The findings dock and the corrections log on the sample: see, fix, undo, ignore, revert, replay."""

from __future__ import annotations

from briefing import project
from tests.ui.helpers import open_window, tables

SAMPLE_RULES = {
    "table.repeated-cells",
    "table.duplicated-cell",
    "table.duplicate",
    "table.empty-columns",
    "text.chatbot",
    "people.conflicting-titles",
    "people.anachronism",
}


def _ready(qtbot, window):
    """Wait for the first check run of the opened document."""
    panel = window.findings
    qtbot.waitUntil(lambda: panel.shown_revision == panel.revision and bool(panel.findings), timeout=5000)
    return panel


def test_the_dock_lists_the_samples_defects_with_counts(qtbot, settings, sample_path):
    window = open_window(qtbot, settings, sample_path)
    panel = _ready(qtbot, window)
    rules = {f.rule for f in panel.findings}
    assert SAMPLE_RULES <= rules
    assert "text.trailing-blank-lines" in rules  # the article text reached the checks
    counts = panel.counts()
    assert counts["error"] >= 4
    assert f"{counts['error']} errors" in window.status_label.text()


def test_clicking_a_finding_selects_its_row(qtbot, settings, sample_path):
    window = open_window(qtbot, settings, sample_path)
    panel = _ready(qtbot, window)
    finding = panel.select_rule("table.repeated-cells")
    assert finding is not None
    assert window.stack.currentWidget() is window.table_editor
    assert window.table_editor.table_id == finding.target.block_id
    assert window.table_editor.current()[0] == finding.target.row + 1
    assert "Before" in panel.preview.toPlainText() and "After" in panel.preview.toPlainText()


def test_fix_repairs_the_repeated_cells_and_undo_brings_the_finding_back(qtbot, settings, sample_path):
    window = open_window(qtbot, settings, sample_path)
    panel = _ready(qtbot, window)
    panel.select_rule("table.repeated-cells")
    assert panel.fix_current()
    launches = tables(window)[0]
    assert launches.rows[1] == ["April 6, 2024", "Scud-ER", "450", "7 minutes"]
    assert "table.repeated-cells" not in {f.rule for f in panel.findings}
    assert window.doc.briefing.changes[-1].rule == "table.repeated-cells"
    window.undo_action.trigger()
    assert launches.rows[1] == [
        "April 6, 2024",
        "Scud-ER",
        "450",
        "April 6, 2024",
        "Scud-ER",
        "450",
        "7 minutes",
    ]
    assert window.doc.briefing.changes == []
    qtbot.waitUntil(lambda: "table.repeated-cells" in {f.rule for f in panel.findings}, timeout=5000)


def test_fix_all_removes_the_duplicate_table(qtbot, settings, sample_path):
    window = open_window(qtbot, settings, sample_path)
    panel = _ready(qtbot, window)
    panel.select_rule("table.duplicate")
    assert panel.fix_all_like_current() == 1
    assert len(tables(window)) == 3
    assert "table.duplicate" not in {f.rule for f in panel.findings}
    window.undo_action.trigger()  # the whole fix-all is one step
    assert len(tables(window)) == 4


def test_checks_rerun_after_an_edit(qtbot, settings, sample_path):
    window = open_window(qtbot, settings, sample_path)
    panel = _ready(qtbot, window)
    chatbot = next(f for f in panel.findings if f.rule == "text.chatbot")
    from briefing.editing import operations

    block_id = chatbot.target.block_id
    with qtbot.waitSignal(panel.updated, timeout=5000):
        window.doc.edit("Delete paragraph", lambda b: operations.remove_block(b, block_id))
    assert "text.chatbot" not in {f.rule for f in panel.findings}


def test_ignoring_persists_through_save_and_reopen(qtbot, settings, sample_path, tmp_path):
    window = open_window(qtbot, settings, sample_path)
    panel = _ready(qtbot, window)
    finding = panel.select_rule("people.anachronism")
    panel.toggle_ignore()
    assert finding.key in window.doc.briefing.ignored
    assert finding.key not in {f.key for f in panel.visible_findings()}
    panel.show_ignored.setChecked(True)
    assert finding.key in {f.key for f in panel.visible_findings()}
    target = tmp_path / "n.briefing"
    assert window.save_to(target)
    other = open_window(qtbot, settings, target)
    other_panel = _ready(qtbot, other)
    assert finding.key in other.doc.briefing.ignored
    assert finding.key not in {f.key for f in other_panel.visible_findings()}
    assert other_panel.counts()["warning"] == panel.counts()["warning"]


def test_revert_one_correction_out_of_order(qtbot, settings, sample_path):
    window = open_window(qtbot, settings, sample_path)
    panel = _ready(qtbot, window)
    panel.select_rule("table.repeated-cells")
    panel.fix_current()
    panel.select_rule("text.chatbot")
    panel.fix_current()
    assert [c.rule for c in window.doc.briefing.changes] == ["table.repeated-cells", "text.chatbot"]
    corrections = window.corrections
    corrections.view.setCurrentIndex(corrections.model.index(0, 0))
    assert corrections.revert_current()
    assert [c.rule for c in window.doc.briefing.changes] == ["text.chatbot"]
    assert len(tables(window)[0].rows[1]) == 7  # the repeated cells are back
    assert all("Let me know" not in getattr(b, "text", "") for _, b in window.doc.briefing.blocks())
    window.undo_action.trigger()
    assert [c.rule for c in window.doc.briefing.changes] == ["table.repeated-cells", "text.chatbot"]


def test_a_correction_edited_since_cannot_be_reverted_alone(qtbot, settings, sample_path):
    window = open_window(qtbot, settings, sample_path)
    panel = _ready(qtbot, window)
    panel.select_rule("table.repeated-cells")
    panel.fix_current()
    table = tables(window)[0]
    window.outline.select_id(table.id)
    window.table_editor.model.setData(window.table_editor.model.index(2, 3), "8 minutes")
    corrections = window.corrections
    corrections.view.setCurrentIndex(corrections.model.index(0, 0))
    assert not corrections.revert_current()
    assert "cannot be reverted" in corrections.last_message.text()
    assert table.rows[1][3] == "8 minutes"


def test_a_recipe_saved_from_the_sample_applies_to_a_copy(qtbot, settings, sample_path, tmp_path):
    window = open_window(qtbot, settings, sample_path)
    panel = _ready(qtbot, window)
    for rule in ("table.duplicate", "table.repeated-cells", "text.chatbot"):
        panel.select_rule(rule)
        panel.fix_all_like_current()
    recipe = tmp_path / "nk.json"
    window.corrections.save_log(recipe)
    fixed = project.to_dict(window.doc.briefing)["sections"]

    copy = open_window(qtbot, settings, sample_path)
    report = copy.corrections.apply_recipe_file(recipe)
    assert len(report.applied) == 3 and report.skipped == []
    assert project.to_dict(copy.doc.briefing)["sections"] == fixed
    copy.undo_action.trigger()
    assert len(tables(copy)) == 4


def test_pre_export_checklist_shows_in_the_export_dialog(qtbot, settings, sample_path):
    window = open_window(qtbot, settings, sample_path)
    window.doc.briefing.meta.purpose = "decision"
    window.export_word()
    dialog = window.export_dialog
    text = dialog.checklist_label.text()
    assert "error finding" in text and "no recorded decision" in text
    assert dialog.export_button.isEnabled()  # the user can export anyway
