"""The one undo command class, TransactionCommand: do, undo, redo, merging, many transactions, errors."""

from __future__ import annotations

from briefing import project
from briefing.checks import apply_safe_fixes
from briefing.editing import operations
from briefing.importing import import_file
from ui.commands import TransactionCommand, each_fix
from ui.document import BriefingDocument


def _doc(sample_path) -> tuple[BriefingDocument, list]:
    doc = BriefingDocument(import_file(sample_path))
    heard: list = []
    doc.changed.connect(heard.append)
    return doc, heard


def test_a_command_runs_its_transaction_once_then_undoes_and_redoes_it(qapp, sample_path):
    doc, heard = _doc(sample_path)
    before = project.to_dict(doc.briefing)
    command = doc.edit("Edit cell", lambda b: operations.set_cell(b, "b7", 0, 0, "May 1"))
    assert isinstance(command, TransactionCommand) and command.text() == "Edit cell"  # text() not shadowed
    assert doc.briefing.find_block("b7").rows[0][0] == "May 1"
    assert heard[-1][0].what == "block" and heard[-1][0].id == "b7"  # typed events
    after = project.to_dict(doc.briefing)
    doc.undo_stack.undo()
    assert project.to_dict(doc.briefing) == before
    doc.undo_stack.redo()
    assert project.to_dict(doc.briefing) == after
    assert len(heard) == 3


def test_typing_in_one_field_merges_and_other_fields_do_not(qapp, sample_path):
    doc, _ = _doc(sample_path)
    title, heading = doc.briefing.meta.title, doc.briefing.find_section("s3").heading
    for text in ("A", "AB", "ABC"):
        doc.edit("Edit title", lambda b, t=text: operations.set_meta(b, "title", t), ("meta", "title"))
    doc.edit("Edit heading", lambda b: operations.set_heading(b, "s3", "New"), ("heading", "s3"))
    assert doc.undo_stack.count() == 2
    doc.undo_stack.undo()
    doc.undo_stack.undo()
    assert doc.briefing.meta.title == title and doc.briefing.find_section("s3").heading == heading
    doc.undo_stack.redo()
    assert doc.briefing.meta.title == "ABC"


def test_a_command_that_changes_nothing_or_fails_leaves_no_undo_step(qapp, sample_path):
    doc, heard = _doc(sample_path)
    title = doc.briefing.meta.title
    empty = doc.edit("Nothing", lambda b: operations.clear_cells(b, "b7", []))
    assert doc.undo_stack.count() == 0 and empty.error is None and heard == []
    failed = doc.edit("Broken", lambda b: operations.set_cell(b, "no-such-table", 0, 0, "x"))
    assert isinstance(failed.error, operations.EditError)
    assert doc.undo_stack.count() == 0 and doc.briefing.meta.title == title


def test_several_transactions_undo_in_reverse_order(qapp, sample_path):
    doc, _ = _doc(sample_path)
    before = project.to_dict(doc.briefing)
    doc.edit(
        "Two rows",
        lambda b: [operations.insert_row(b, "b7", 0, ["a"]), operations.remove_row(b, "b7", 1)],
    )
    after = project.to_dict(doc.briefing)
    doc.undo_stack.undo()
    assert project.to_dict(doc.briefing) == before
    doc.undo_stack.redo()
    assert project.to_dict(doc.briefing) == after


def test_fix_all_is_one_command_of_one_transaction_per_correction(qapp, sample_path):
    doc, heard = _doc(sample_path)
    before = project.to_dict(doc.briefing)
    command = doc.edit("Fix all", each_fix(lambda b, collect: apply_safe_fixes(b, on_applied=collect)))
    changes = list(doc.briefing.changes)
    assert len(changes) >= 3 and len(command.transactions) == len(changes)
    assert command.result.value == changes
    after = project.to_dict(doc.briefing)
    doc.undo_stack.undo()
    assert project.to_dict(doc.briefing) == before
    doc.undo_stack.redo()
    assert project.to_dict(doc.briefing) == after
    assert heard and all(isinstance(events, list) for events in heard)


def test_an_edit_that_does_not_fit_is_refused_with_a_sentence_and_a_bug_is_raised(qapp, sample_path):
    import pytest

    doc, heard = _doc(sample_path)
    refused: list[str] = []
    doc.refused.connect(refused.append)
    before = project.to_dict(doc.briefing)
    command = doc.edit("Delete row", lambda b: operations.remove_row(b, "b7", 99))
    assert command.error is not None and refused and refused[0].startswith("Delete row: nothing was changed")
    assert project.to_dict(doc.briefing) == before and not doc.undo_stack.canUndo() and not heard

    def broken(_briefing):
        raise ZeroDivisionError("a bug")

    with pytest.raises(ZeroDivisionError):
        doc.edit("Broken", broken)
