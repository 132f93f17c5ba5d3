"""Corrections as transactions: exact undo, revert after save and reopen, revert refused with a message
once what a correction touched was edited, Fix All's corrections one by one, and Ignore that holds."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from briefing import cli, project
from briefing.checks import (
    RevertError,
    apply_fix,
    apply_safe_fixes,
    revert_change,
    revert_fix,
    revert_problem,
    run_checks,
)
from briefing.editing import operations
from briefing.importing import import_file
from briefing.model import Comment, Run
from briefing.project import to_dict
from briefing.refs import Ref
from tests.conftest import SAMPLE
from tests.core.checks_support import make, para, table

CHATTY = "The launch failed. Analysts doubt it. Hope this helps!"


def _without_ids_counter(data: dict) -> dict:
    """A project dict without ``next_id``: a revert never gives ids back (they may be in use since)."""
    return {key: value for key, value in data.items() if key != "next_id"}


# --- undo ----------------------------------------------------------------------------------------------


def test_undoing_a_fix_restores_the_model_exactly_and_redo_makes_it_again():
    briefing = import_file(SAMPLE)
    original = to_dict(briefing)
    for finding in run_checks(briefing):
        for fix in finding.fixes:
            applied = apply_fix(briefing, finding, fix)
            after = to_dict(briefing)
            assert applied.transaction is not None and applied.change in briefing.changes
            applied.transaction.undo()
            assert to_dict(briefing) == original, f"{finding.rule}: {fix.label}"
            applied.transaction.redo()
            assert to_dict(briefing) == after, f"{finding.rule}: {fix.label} redo"
            revert_fix(briefing, applied)
            assert to_dict(briefing) == original


def test_a_fix_records_its_inverse_and_guard_on_its_change_entry():
    briefing = make(para("b1", CHATTY))
    finding = run_checks(briefing)[0]
    applied = apply_fix(briefing, finding, finding.safe_fix)
    change = applied.change
    assert change is not None and change.inverse and change.guard
    assert any(step["op"] == "remove-entry" and step["list_name"] == "changes" for step in change.inverse)
    assert change.target == Ref("s1", "b1")


# --- revert in a later session -------------------------------------------------------------------------


def test_corrections_revert_after_save_and_reopen_one_by_one(tmp_path: Path):
    briefing = import_file(SAMPLE)
    original = to_dict(briefing)
    changes = apply_safe_fixes(briefing)
    assert len(changes) > 5
    path = tmp_path / "fixed.briefing"
    project.save(briefing, path)
    for change in reversed(changes):  # each in a session of its own
        loaded = project.load(path)
        assert revert_problem(loaded, next(c for c in loaded.changes if c.id == change.id)) is None
        transaction = revert_change(loaded, change.id)
        assert change.id not in [c.id for c in loaded.changes]
        project.save(loaded, path)
        assert not transaction.empty
    assert _without_ids_counter(to_dict(project.load(path))) == _without_ids_counter(original)


def test_a_revert_is_undoable_like_any_edit(tmp_path: Path):
    briefing = import_file(SAMPLE)
    apply_safe_fixes(briefing)
    path = tmp_path / "fixed.briefing"
    project.save(briefing, path)
    loaded = project.load(path)
    fixed = to_dict(loaded)
    change = next(c for c in loaded.changes if c.rule == "text.chatbot")
    transaction = revert_change(loaded, change.id)
    assert "Let me know" in "\n".join(getattr(b, "text", "") for _, b in loaded.blocks())
    transaction.undo()  # the GUI's Ctrl+Z after Revert: the correction is made again, entry and all
    assert to_dict(loaded) == fixed
    transaction.redo()
    assert change.id not in [c.id for c in loaded.changes]


def test_revert_is_refused_with_a_clear_message_after_the_touched_row_was_edited(tmp_path: Path):
    briefing = import_file(SAMPLE)
    finding = next(f for f in run_checks(briefing) if f.rule == "table.duplicated-cell")
    applied = apply_fix(briefing, finding, finding.safe_fix)
    change = applied.change
    assert change is not None
    path = tmp_path / "fixed.briefing"
    project.save(briefing, path)
    loaded = project.load(path)
    row = finding.target.row
    assert row is not None
    operations.set_cell(loaded, finding.target.block_id, row, 0, "edited by the analyst")
    problem = revert_problem(loaded, loaded.changes[-1])
    assert problem is not None and problem.startswith("Table ") and f"row {row + 1}" in problem
    assert problem.endswith("was edited after this correction.")
    before = to_dict(loaded)
    with pytest.raises(RevertError, match="was edited after this correction"):
        revert_change(loaded, change.id)
    assert to_dict(loaded) == before  # nothing half-reverted


def test_an_edit_elsewhere_does_not_stand_in_the_way_of_a_revert():
    briefing = make(para("b1", "The talks resumed."), para("b2", CHATTY))
    finding = next(f for f in run_checks(briefing) if f.rule == "text.chatbot")
    change = apply_fix(briefing, finding, finding.safe_fix).change
    assert change is not None
    operations.set_runs(briefing, "b1", [Run("The talks resumed on Monday.")])
    assert revert_problem(briefing, change) is None
    revert_change(briefing, change.id)
    assert briefing.find_block("b2").text == CHATTY
    assert briefing.find_block("b1").text == "The talks resumed on Monday."


def test_fix_all_corrections_on_different_rows_of_one_table_revert_in_any_order():
    rows = [["Italy", "95%"], ["France", "France", "91%", "-4%"], ["Spain", "88%", "-2%"]]
    briefing = make(table("b1", ["Country", "Storage", "Change"], *rows))
    briefing.comments = [Comment("c1", Ref("s1", "b1", row=1, column=3), "source?")]
    original = to_dict(briefing)
    changes = apply_safe_fixes(briefing)
    assert sorted(c.rule for c in changes) == ["table.duplicated-cell", "table.short-row"]
    assert briefing.comments[0].anchor.column == 2  # followed its cell
    for change in changes:  # oldest first: each fix has its own change, inverse and guard
        assert revert_problem(briefing, change) is None, change.rule
        revert_change(briefing, change.id)
    assert _without_ids_counter(to_dict(briefing)) == _without_ids_counter(original)


def test_an_earlier_removal_reverts_while_a_later_one_in_its_section_stays():
    briefing = make(
        para("b1", "Let me know!"), para("b2", "The talks resumed."), para("b3", "I hope this helps!")
    )
    first, second = apply_safe_fixes(briefing)
    assert (first.target.block_id, second.target.block_id) == ("b1", "b3")
    undo_first = revert_change(briefing, first.id)  # out of order: the later removal stays
    assert [b.id for b in briefing.sections[0].blocks] == ["b1", "b2"]
    # b3 went back after b2; with b1 back, the blocks before its place differ: that is said, not guessed.
    problem = revert_problem(briefing, second)
    assert problem == "Section “Background” was edited after this correction."
    undo_first.undo()
    assert revert_problem(briefing, second) is None
    revert_change(briefing, second.id)
    assert [b.id for b in briefing.sections[0].blocks] == ["b2", "b3"]


def test_reverting_an_unknown_correction_says_so():
    with pytest.raises(RevertError, match="no longer in the corrections log"):
        revert_change(make(para("b1", "Text.")), "x99")


# --- ignore holds --------------------------------------------------------------------------------------


def _chatter(briefing):
    return [f for f in run_checks(briefing) if f.rule == "text.chatbot"]


def test_ignore_holds_after_an_unrelated_edit_earlier_in_the_paragraph():
    briefing = make(para("b1", CHATTY))
    (finding,) = _chatter(briefing)
    assert finding.subject == "Hope this helps!"
    operations.ignore_finding(briefing, finding.key)
    operations.set_runs(
        briefing, "b1", [Run("Yesterday the launch failed. Analysts doubt it. Hope this helps!")]
    )
    (moved,) = _chatter(briefing)
    assert moved.target.start != finding.target.start and moved.key == finding.key
    assert apply_safe_fixes(briefing) == []
    assert briefing.find_block("b1").text.endswith("Hope this helps!")


def test_editing_the_ignored_words_brings_the_finding_back():
    briefing = make(para("b1", CHATTY))
    (finding,) = _chatter(briefing)
    operations.ignore_finding(briefing, finding.key)
    operations.set_runs(briefing, "b1", [Run("The launch failed. Analysts doubt it. I hope this helps!")])
    (changed,) = _chatter(briefing)
    assert changed.key != finding.key
    assert [c.rule for c in apply_safe_fixes(briefing)] == ["text.chatbot"]
    assert briefing.find_block("b1").text == "The launch failed. Analysts doubt it."


def _ignored_and_edited(tmp_path: Path) -> Path:
    briefing = make(para("b1", CHATTY), para("b2", "Let me know!"))
    finding = next(f for f in _chatter(briefing) if f.target.block_id == "b1")
    operations.ignore_finding(briefing, finding.key)
    operations.set_runs(
        briefing, "b1", [Run("Overnight, the launch failed. Analysts doubt it. Hope this helps!")]
    )
    path = tmp_path / "ignored.briefing"
    project.save(briefing, path)
    return path


def test_ignore_holds_in_briefing_fix(tmp_path: Path, capsys):
    path = _ignored_and_edited(tmp_path)
    out = tmp_path / "out.briefing"
    assert cli.main(["fix", str(path), "-o", str(out)]) in (0, 1)
    fixed = project.load(out)
    assert fixed.find_block("b1").text.endswith("Hope this helps!")  # ignored: left alone
    assert fixed.find_block("b2") is None  # not ignored: fixed
    assert "fixed 1 problem (text.chatbot)" in capsys.readouterr().err


def test_ignore_holds_in_convert_fix(tmp_path: Path, capsys):
    path = _ignored_and_edited(tmp_path)
    out = tmp_path / "out.docx"
    assert cli.main(["convert", str(path), "--fix", "-o", str(out)]) == 0
    with zipfile.ZipFile(out) as docx:
        document = docx.read("word/document.xml").decode("utf-8")
    assert "Hope this helps!" in document and "Let me know!" not in document.split("Corrections")[0]
    assert "applied 1 safe fix" in capsys.readouterr().err


@pytest.mark.parametrize(
    "step",
    [
        {"op": "set-value", "ref": "{section}:field=level", "value": 10**12},
        {"op": "set-value", "ref": ":field=purpose", "value": "urgent"},
        {"op": "set-value", "ref": "{section}:field=level", "value": [1, 2]},
    ],
)
def test_a_tampered_correction_record_is_refused_and_leaves_the_briefing_as_it_was(
    tmp_path: Path, step: dict
) -> None:
    """Loading checks a project's values but cannot check the steps a correction stores: a revert that
    would leave what the file could not hold (a level of 10**12) is refused, not applied."""
    briefing = import_file(SAMPLE)
    apply_safe_fixes(briefing)
    path = tmp_path / "fixed.briefing"
    project.save(briefing, path)
    data = project.to_dict(project.load(path))
    section = data["sections"][1]["id"]
    hostile = {k: v.replace("{section}", section) if isinstance(v, str) else v for k, v in step.items()}
    data["changes"][-1]["inverse"].insert(0, hostile)
    loaded = project.from_dict(data)
    before = to_dict(loaded)
    with pytest.raises(RevertError, match="damaged"):
        revert_change(loaded, data["changes"][-1]["id"])
    assert to_dict(loaded) == before
