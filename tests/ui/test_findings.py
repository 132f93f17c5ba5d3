"""The findings dock and the corrections log on the sample, driven as an analyst drives them: click a
finding, read its preview, press F8, right-click, Fix All Like This and its confirmation, Fix All Safe
Problems from the Review menu, undo, ignore, revert, replay."""

from __future__ import annotations

import re

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QStyle, QStyleOptionViewItem

from briefing import project
from briefing.checks.groups import group_of
from briefing.checks.preview import Where, capitalised
from briefing.kinds import texts
from briefing.model import Table
from tests.ui.helpers import open_grid, open_window, tables
from ui.findings import FixAllDialog

SAMPLE_RULES = {
    "table.repeated-cells",
    "table.duplicated-cell",
    "table.duplicate",
    "table.empty-columns",
    "text.chatbot",
    "people.conflicting-titles",
    "people.anachronism",
}
#: A rule id or a place written as ids ("table.repeated-cells", "s5/b7"): never shown to the analyst.
_DEVELOPER_WORDS = re.compile(r"\b(table|text|people|section|consistency|import)\.[a-z-]+\b|\bs\d+/b\d+\b")


def _ready(qtbot, window):
    """Wait for the first check run of the opened document."""
    panel = window.findings
    qtbot.waitUntil(lambda: panel.shown_revision == panel.revision and bool(panel.findings), timeout=5000)
    return panel


def _rows(panel):
    """(index, text) of every row of the findings tree, in order."""
    return [(index, index.data()) for index in panel._rows()]


def _row_of(panel, rule):
    """The index of the first listed finding of a rule."""
    from ui.findings import _FINDING_ROLE

    return next(i for i, _ in _rows(panel) if i.data(_FINDING_ROLE) and i.data(_FINDING_ROLE).rule == rule)


def _group_row(panel, name):
    return next(i for i, text in _rows(panel) if not i.parent().isValid() and text.startswith(name + " ("))


def _click(qtbot, panel, index):
    """Click a row of the findings tree, as the user does."""
    panel.view.scrollTo(index)
    rect = panel.view.visualRect(index)
    qtbot.mouseClick(panel.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert panel.view.currentIndex() == index


def _press(qtbot, window, key, modifiers=Qt.KeyboardModifier.NoModifier):
    """Press a shortcut in the active window (shortcuts only reach an active one)."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    qtbot.keyClick(window, key, modifiers)


def _dialog(qtbot, panel) -> FixAllDialog:
    """The Fix All confirmation, once it is on screen."""
    qtbot.waitUntil(
        lambda: panel.confirm_dialog is not None and panel.confirm_dialog.isVisible(), timeout=3000
    )
    dialog = panel.confirm_dialog
    assert dialog is QApplication.activeModalWidget()
    return dialog


def _place(window, finding):
    """A finding's place in words, as the list names it."""
    return capitalised(Where(window.doc.briefing)(finding.target))


def _sections(window):
    return project.to_dict(window.doc.briefing)["sections"]


def _content(window):
    """What a reader sees: each block's text, rows or items (not ids, nor which of two equal copies)."""
    seen = []
    for section in window.doc.briefing.sections:
        seen.append(section.heading)
        for block in section.blocks:
            if isinstance(block, Table):
                seen.append([block.header, *block.rows])
            else:
                seen.append([text for _, text in texts(block)])
    return seen


def test_the_dock_groups_the_samples_findings_in_plain_words_with_counts(qtbot, settings, sample_path):
    window = open_window(qtbot, settings, sample_path)
    panel = _ready(qtbot, window)
    rules = {f.rule for f in panel.findings}
    assert SAMPLE_RULES <= rules
    assert "text.trailing-blank-lines" in rules  # the article text reached the checks
    groups = [panel.model.index(r, 0).data() for r in range(panel.model.rowCount())]
    assert groups[:2] == ["Broken tables (3)", "Chatbot leftovers (1)"]
    assert "Contradictions (3)" in groups and "Formatting leftovers (4)" in groups
    for _index, text in _rows(panel):
        assert not _DEVELOPER_WORDS.search(text), text
    counts = panel.counts()
    assert counts["error"] >= 4
    assert f"{counts['error']} errors" in window.status_label.text()
    # The rule id is still there for those who want it: in the tooltip, with the place in words.
    tooltip = _row_of(panel, "table.repeated-cells").data(Qt.ItemDataRole.ToolTipRole)
    assert "table.repeated-cells" in tooltip and "Table 1, row 2 in “North Korea Conducts" in tooltip
    assert not re.search(r"\bs\d+/b\d+\b", tooltip)


def test_messages_wrap_in_a_narrow_dock_and_name_their_section(qtbot, settings, sample_path):
    window = open_window(qtbot, settings, sample_path)
    panel = _ready(qtbot, window)
    window.resizeDocks([window.findings_dock], [250], Qt.Orientation.Horizontal)
    qtbot.waitUntil(lambda: panel.view.viewport().width() < 260, timeout=2000)
    qtbot.wait(50)  # the rows are laid out again for the new width
    metrics = panel.view.fontMetrics()
    index = _row_of(panel, "table.repeated-cells")
    message, place = index.data().split("\n")
    assert (
        message.startswith("Row 2 of the table")
        and place == "Table 1, row 2 in “North Korea Conducts Ballistic Missile …”"
    )
    style = panel.view.style()
    for index, text in _rows(panel):
        # Where the style paints the row's text, and how tall that text is wrapped to that width.
        option = QStyleOptionViewItem()
        panel.view.itemDelegate().initStyleOption(option, index)
        option.rect = panel.view.visualRect(index)
        painted = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, option, panel.view)
        margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, option, panel.view) + 1
        bounds = QRect(0, 0, painted.width() - 2 * margin, 10_000)
        needed = metrics.boundingRect(bounds, Qt.TextFlag.TextWordWrap, text)
        assert painted.height() >= needed.height(), text  # the whole text fits: nothing is cut with "…"
    assert panel.view.visualRect(index).height() >= 3 * metrics.lineSpacing()


def test_clicking_a_finding_shows_its_place_and_a_readable_preview(qtbot, settings, sample_path):
    window = open_window(qtbot, settings, sample_path)
    panel = _ready(qtbot, window)
    with qtbot.waitSignal(panel.findingActivated, timeout=2000) as shown:
        _click(qtbot, panel, _row_of(panel, "table.repeated-cells"))
    finding = shown.args[0]
    key = window.document_view.current_key()
    assert (key.kind, key.block_id, key.index) == ("cell", finding.target.block_id, finding.target.row)
    text = " ".join(panel.preview.toPlainText().split())  # spaces as one, non-breaking ones too
    assert "Will remove 3 repeated cells" in text and "Removed" not in text  # before it happens
    assert text.count("Flight Duration") == 1  # the column names once
    assert "Scud-ER │ 450 │ April 6, 2024 │ Scud-ER │ 450 │ 7 minutes" in text  # cells set off, not glued
    assert "after the fix: April 6, 2024 │ Scud-ER │ 450 │ 7 minutes" in text


def test_fix_repairs_the_repeated_cells_and_undo_brings_the_finding_back(qtbot, settings, sample_path):
    window = open_window(qtbot, settings, sample_path)
    panel = _ready(qtbot, window)
    _click(qtbot, panel, _row_of(panel, "table.repeated-cells"))
    qtbot.mouseClick(panel.fix_button, Qt.MouseButton.LeftButton)
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


def test_selecting_a_group_says_what_it_is_about_and_keeps_fix_all_usable(qtbot, settings, sample_path):
    window = open_window(qtbot, settings, sample_path)
    panel = _ready(qtbot, window)
    _click(qtbot, panel, _group_row(panel, "Broken tables"))
    text = panel.preview.toPlainText()
    assert "Broken tables — 3 findings" in text and "Rows and columns that do not line up" in text
    assert "Empty trailing columns and header cells: 1" in text
    assert "Fix All Like This fixes the 3 findings" in text
    assert panel.fix_all_button.isEnabled() and not panel.fix_button.isEnabled()
    before = _sections(window)

    qtbot.mouseClick(panel.fix_all_button, Qt.MouseButton.LeftButton)
    dialog = _dialog(qtbot, panel)
    assert dialog.list.count() >= 3
    qtbot.keyClick(dialog.list, Qt.Key.Key_Escape)  # changes nothing
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=2000)
    assert _sections(window) == before

    _click(qtbot, panel, _group_row(panel, "Broken tables"))
    qtbot.mouseClick(panel.fix_all_button, Qt.MouseButton.LeftButton)
    qtbot.keyClick(_dialog(qtbot, panel).list, Qt.Key.Key_Return)
    qtbot.waitUntil(
        lambda: not any(group_of(f.rule).name == "Broken tables" for f in panel.findings), timeout=3000
    )
    assert tables(window)[0].rows[1] == ["April 6, 2024", "Scud-ER", "450", "7 minutes"]
    window.undo_action.trigger()  # one step
    assert _sections(window) == before


def test_fix_all_like_this_lists_what_it_will_change_before_changing_it(qtbot, settings, sample_path):
    window = open_window(qtbot, settings, sample_path)
    panel = _ready(qtbot, window)
    _click(qtbot, panel, _row_of(panel, "text.term-hyphen"))
    before = _sections(window)
    qtbot.mouseClick(panel.fix_all_button, Qt.MouseButton.LeftButton)
    dialog = _dialog(qtbot, panel)
    assert "This will change 3 places" in dialog.summary.text()
    entries = [dialog.list.item(row).text() for row in range(dialog.list.count())]
    assert len(entries) == 3
    assert entries[0].startswith(
        "1. List 1 in “North Korea Conducts Ballistic Missile …”, item 1\nWill separate"
    )
    assert all("Removed" not in entry and not _DEVELOPER_WORDS.search(entry) for entry in entries)
    assert _sections(window) == before  # nothing changed yet
    assert dialog.apply_button.text() == "Change 3 Places" and dialog.apply_button.isDefault()

    qtbot.keyClick(dialog.list, Qt.Key.Key_Return)  # Enter accepts
    assert "text.term-hyphen" not in {f.rule for f in panel.findings}
    assert "Fixed 3 places" in window.statusBar().currentMessage()
    window.undo_action.trigger()  # the whole Fix All is one step
    assert _sections(window) == before


def test_fix_all_like_this_with_a_single_change_makes_it_at_once(qtbot, settings, sample_path):
    window = open_window(qtbot, settings, sample_path)
    panel = _ready(qtbot, window)
    _click(qtbot, panel, _row_of(panel, "table.duplicate"))
    assert "will be removed" in panel.preview.toPlainText()  # the preview shows the one change
    qtbot.mouseClick(panel.fix_all_button, Qt.MouseButton.LeftButton)
    assert panel.confirm_dialog is None
    assert len(tables(window)) == 3
    assert "table.duplicate" not in {f.rule for f in panel.findings}
    window.undo_action.trigger()
    assert len(tables(window)) == 4


def test_fix_all_safe_problems_does_in_one_step_what_rounds_of_fix_all_like_this_did(
    qtbot, settings, sample_path
):
    window = open_window(qtbot, settings, sample_path)
    panel = _ready(qtbot, window)
    before = _sections(window)
    found_before = sorted(f.key for f in panel.findings)
    depth = window.doc.undo_stack.count()
    window.fix_safe_action.trigger()  # Review ▸ Fix All Safe Problems
    assert window.doc.undo_stack.count() == depth + 1
    assert not any(f.safe_fix for f in panel.findings)
    assert {f.rule for f in panel.findings} == {"people.conflicting-titles", "people.anachronism"}
    message = window.statusBar().currentMessage()
    applied = len(window.doc.briefing.changes)
    assert applied >= 9 and message.startswith(f"Fixed {applied} safe problems")
    fixed = _content(window)

    # The old way: Fix All Like This on each kind of safe finding in turn, until none is left.
    other = open_window(qtbot, settings, sample_path)
    other_panel = _ready(qtbot, other)
    rounds = 0
    while (left := next((f for f in other_panel.findings if f.safe_fix), None)) is not None:
        rounds += 1
        other_panel.select_rule(left.rule)
        if other_panel.fix_all_like_current() > 1:
            qtbot.keyClick(_dialog(qtbot, other_panel).list, Qt.Key.Key_Return)
        assert rounds < 20
    assert rounds >= 5 and _content(other) == fixed

    window.undo_action.trigger()  # one undo restores everything
    assert _sections(window) == before
    assert window.doc.briefing.changes == []
    assert sorted(f.key for f in window.findings.run_checks_now()) == found_before


def test_f8_and_shift_f8_go_through_the_findings_as_in_an_ide(qtbot, settings, sample_path):
    window = open_window(qtbot, settings, sample_path)
    panel = _ready(qtbot, window)
    listed = [i.data(Qt.ItemDataRole.UserRole + 10) for i, _ in _rows(panel)]
    listed = [f for f in listed if f is not None]
    assert len(listed) == len(panel.findings)

    with qtbot.waitSignal(panel.findingActivated, timeout=2000) as first:
        _press(qtbot, window, Qt.Key.Key_F8)
    assert first.args[0].key == listed[0].key == panel.current().key
    key = window.document_view.current_key()
    assert key.block_id == listed[0].target.block_id  # the window shows it
    seen = [panel.current().key]
    for _ in listed[1:]:
        _press(qtbot, window, Qt.Key.Key_F8)
        assert panel.current() is not None  # group rows are passed over
        seen.append(panel.current().key)
    assert seen == [f.key for f in listed]
    _press(qtbot, window, Qt.Key.Key_F8)  # past the last: back to the first
    assert panel.current().key == listed[0].key
    with qtbot.waitSignal(panel.findingActivated, timeout=2000) as back:
        _press(qtbot, window, Qt.Key.Key_F8, Qt.KeyboardModifier.ShiftModifier)
    assert back.args[0].key == listed[-1].key  # before the first: the last
    _press(qtbot, window, Qt.Key.Key_F8, Qt.KeyboardModifier.ShiftModifier)
    assert panel.current().key == listed[-2].key


def _menu(qtbot, panel, index):
    """Right-click a row; the menu that opens."""
    panel.view.scrollTo(index)
    panel.view.customContextMenuRequested.emit(panel.view.visualRect(index).center())
    qtbot.waitUntil(lambda: panel.context_menu is not None and panel.context_menu.isVisible(), timeout=2000)
    menu = panel.context_menu
    assert panel.view.currentIndex() == index  # the row right-clicked is the one acted on
    return menu, {action.text(): action for action in menu.actions() if action.text()}


def test_the_right_click_menu_fixes_ignores_and_copies(qtbot, settings, sample_path):
    window = open_window(qtbot, settings, sample_path)
    panel = _ready(qtbot, window)
    chatbot = _row_of(panel, "text.chatbot")
    finding = chatbot.data(Qt.ItemDataRole.UserRole + 10)
    menu, actions = _menu(qtbot, panel, chatbot)
    assert list(actions) == [
        "Fix: Remove the chatbot text",
        "Fix All Like This…",
        "Ignore",
        "Copy Message",
        "Fix All Safe Problems",
    ]
    assert menu.defaultAction() is actions["Fix: Remove the chatbot text"]
    actions["Copy Message"].trigger()
    menu.close()
    assert QGuiApplication.clipboard().text().startswith(finding.message + "\nParagraph 3 in “North Korea")

    menu, actions = _menu(qtbot, panel, _row_of(panel, "text.chatbot"))
    actions["Ignore"].trigger()
    menu.close()
    assert finding.key in window.doc.briefing.ignored

    # A finding with two fixes offers the other one too.
    menu, actions = _menu(qtbot, panel, _row_of(panel, "people.conflicting-titles"))
    other = next(text for text in actions if text.startswith("Instead: "))
    assert "(review)" in other
    actions[other].trigger()
    menu.close()
    assert window.doc.briefing.changes[-1].rule == "people.conflicting-titles"

    menu, actions = _menu(qtbot, panel, _group_row(panel, "Broken tables"))
    assert "Fix All Like This…" in actions and actions["Fix All Like This…"].isEnabled()
    menu.close()


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
    _click(qtbot, panel, _row_of(panel, "people.anachronism"))
    finding = panel.current()
    qtbot.mouseClick(panel.ignore_button, Qt.MouseButton.LeftButton)
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
    open_grid(qtbot, window, table)
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
        assert panel.fix_all_like_current() == 1  # one change each: made at once
    recipe = tmp_path / "nk.json"
    window.corrections.save_log(recipe)
    fixed = project.to_dict(window.doc.briefing)["sections"]

    copy = open_window(qtbot, settings, sample_path)
    report = copy.corrections.apply_recipe_file(recipe)
    assert len(report.applied) == 3 and report.skipped == []
    assert project.to_dict(copy.doc.briefing)["sections"] == fixed
    copy.undo_action.trigger()
    assert len(tables(copy)) == 4


def test_the_recipe_report_names_each_place_in_words(qtbot, settings, sample_path, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    window = open_window(qtbot, settings, sample_path)
    panel = _ready(qtbot, window)
    panel.select_rule("text.chatbot")
    panel.fix_current()
    recipe = tmp_path / "nk.json"
    window.corrections.save_log(recipe)
    copy = open_window(qtbot, settings, sample_path)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a, **_k: (str(recipe), ""))
    qtbot.mouseClick(copy.corrections.recipe_button, Qt.MouseButton.LeftButton)
    message = copy.corrections.last_message
    assert message is not None
    details = message.detailedText()
    assert "Applied:" in details and "“North Korea Conducts Ballistic Missile" in details
    assert not re.search(r"\bs\d+/b\d+", details), details


def test_pre_export_checklist_shows_in_the_export_dialog(qtbot, settings, sample_path):
    window = open_window(qtbot, settings, sample_path)
    window.doc.briefing.meta.purpose = "decision"
    window.export_word()
    dialog = window.export_dialog
    text = dialog.checklist_label.text()
    assert "error finding" in text and "no recorded decision" in text
    assert dialog.export_button.isEnabled()  # the user can export anyway


def _many_broken_rows(tmp_path):
    """An article of two sections, each with a table whose 60 rows all repeat their first cell."""
    lines = ["# Port calls", "", "Calls rose in every port this quarter.", ""]
    for number, name in enumerate(["Northern ports", "Southern ports"]):
        lines += [f"## {name}", "", f"The {name.lower()} reported these calls.", ""]
        lines += ["| Port | Calls | Share |", "|---|---|---|"]
        lines += [f"| Port {number}-{i} | Port {number}-{i} | {100 + i} | {i % 50}% |" for i in range(60)]
        lines.append("")
    path = tmp_path / "ports.md"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def test_a_long_group_names_each_place_and_lists_the_rest_on_demand(qtbot, settings, tmp_path):
    from ui.findings import _FINDING_ROLE, _MORE_ROLE, MAX_SHOWN_PER_GROUP

    window = open_window(qtbot, settings, _many_broken_rows(tmp_path))
    panel = _ready(qtbot, window)
    assert panel.model.index(0, 0).data() == "Broken tables (120)"
    shown = [text for index, text in _rows(panel) if index.data(_FINDING_ROLE)]
    assert len(shown) == MAX_SHOWN_PER_GROUP
    assert len(set(shown)) == len(shown)  # the same message on every row, each place told apart
    assert shown[0].endswith("\nTable 1, row 1 in “Northern ports”")
    assert shown[-1].endswith("\nTable 2, row 40 in “Southern ports”")
    more = next(index for index, _ in _rows(panel) if index.data(_MORE_ROLE))
    assert more.data() == "… and 20 more: select to list them all"

    panel.view.setCurrentIndex(_rows(panel)[MAX_SHOWN_PER_GROUP][0])  # the last one listed
    _press(qtbot, window, Qt.Key.Key_F8)  # F8 goes on into the rest
    assert panel.current() is not None
    assert _place(window, panel.current()) == "Table 2, row 41 in “Southern ports”"
    assert sum(1 for index, _ in _rows(panel) if index.data(_FINDING_ROLE)) == 120
    assert not any(index.data(_MORE_ROLE) for index, _ in _rows(panel))

    _click(qtbot, panel, _group_row(panel, "Broken tables"))
    qtbot.mouseClick(panel.fix_all_button, Qt.MouseButton.LeftButton)
    dialog = _dialog(qtbot, panel)
    assert "This will change 120 places" in dialog.summary.text() and dialog.list.count() == 120
    assert dialog.list.item(119).text().startswith("120. Table 2, row 60 in “Southern ports”\nWill remove")
    qtbot.keyClick(dialog.list, Qt.Key.Key_Escape)
    assert len(panel.findings) == 120  # nothing changed


def test_fix_all_on_findings_that_need_judgement_says_so_first(qtbot, settings, sample_path):
    window = open_window(qtbot, settings, sample_path)
    panel = _ready(qtbot, window)
    _click(qtbot, panel, _group_row(panel, "Contradictions"))
    assert "Only a person knows which one is right" in panel.preview.toPlainText()
    qtbot.mouseClick(panel.fix_all_button, Qt.MouseButton.LeftButton)
    dialog = _dialog(qtbot, panel)
    entries = [dialog.list.item(row).text() for row in range(dialog.list.count())]
    assert f"{len(entries)} of them need your judgement" in dialog.summary.text()
    assert all("(needs your judgement)" in entry.split("\n")[0] for entry in entries)
    assert any("Will replace Joe Biden with Donald Trump" in entry for entry in entries)
    qtbot.keyClick(dialog.list, Qt.Key.Key_Escape)
    assert window.doc.briefing.changes == []


def test_records_become_a_table_with_the_fix_button_and_ctrl_z_brings_the_lists_back(
    qtbot, settings, tmp_path
):
    path = tmp_path / "levies.txt"
    path.write_text(
        "Harbour Levies\n\nThe board set new levies.\n\n"
        "Vessel class: Feeder\nLevy: 1.20 per tonne\n\nVessel class: Panamax\nLevy: 0.95 per tonne\n",
        encoding="utf-8",
    )
    window = open_window(qtbot, settings, path)
    panel = _ready(qtbot, window)
    _click(qtbot, panel, _row_of(panel, "table.records"))
    text = " ".join(panel.preview.toPlainText().split())
    assert "— new" in text and "Panamax" in text and "will be removed" in text  # the table it will make
    qtbot.mouseClick(panel.fix_button, Qt.MouseButton.LeftButton)
    (table,) = tables(window)
    assert table.header == ["Vessel class", "Levy"] and table.rows[1] == ["Panamax", "0.95 per tonne"]
    _press(qtbot, window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert tables(window) == []
    qtbot.waitUntil(lambda: "table.records" in {f.rule for f in panel.findings}, timeout=5000)
