"""The editing core's parts: refs and their text form, span mapping, steps, transactions, serialisation."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from briefing.editing import operations as op
from briefing.editing.serial import dump_steps, load_steps
from briefing.editing.steps import (
    InsertColumn,
    RemoveRow,
    SetCell,
    SetRuns,
    StepError,
    map_span,
    text_diff,
)
from briefing.editing.transaction import Transaction, changed_parts, digest
from briefing.model import (
    Briefing,
    Comment,
    ListBlock,
    ListItem,
    Paragraph,
    Recommendation,
    Run,
    Section,
    Table,
)
from briefing.places import describe
from briefing.project import from_dict, to_dict
from briefing.refs import HEADER_ROW, Ref, RefError, finding_key, parse_ref

ids = st.from_regex(r"[sbrc][0-9]{1,4}", fullmatch=True)
small = st.none() | st.integers(0, 500)


@given(
    section=st.from_regex(r"s[0-9]{1,4}", fullmatch=True) | st.just(""),
    block=st.from_regex(r"[brc][0-9]{1,4}", fullmatch=True) | st.just(""),
    item=small,
    row=st.none() | st.integers(HEADER_ROW, 500),
    column=small,
    span=st.none() | st.tuples(st.integers(0, 99), st.integers(0, 99)),
    field=st.sampled_from(["", "caption", "meta.title", "annotation.owner"]),
    lost=st.booleans(),
)
def test_ref_text_form_round_trips(section, block, item, row, column, span, field, lost) -> None:
    start, end = span if span else (None, None)
    ref = Ref(section, block, item, row, column, start, end, field, lost)
    assert parse_ref(ref.to_text()) == ref


def test_ref_text_form_reads_a_bare_block_and_refuses_nonsense() -> None:
    assert parse_ref("b7:row=2:col=1") == Ref(block_id="b7", row=2, column=1)
    assert parse_ref("s3/b7:header") == Ref("s3", "b7", row=HEADER_ROW)
    with pytest.raises(RefError, match="unknown part"):
        parse_ref("s3/b7:sideways=2")
    with pytest.raises(RefError, match="number"):
        parse_ref("s3/b7:row=two")


@pytest.mark.parametrize(
    ("span", "edit", "expected"),
    [
        ((5, 10), (0, 0, 3), (8, 13, False)),  # typing before the span shifts it
        ((5, 10), (5, 5, 2), (7, 12, False)),  # typing at its start goes before it
        ((5, 10), (10, 10, 2), (5, 10, False)),  # ... and at its end after it
        ((5, 10), (6, 8, 0), (5, 8, False)),  # deleting inside shrinks it
        ((5, 10), (7, 7, 4), (5, 14, False)),  # typing inside grows it
        ((5, 10), (5, 10, 6), (5, 11, False)),  # replacing exactly the span carries it to the replacement
        ((5, 10), (3, 12, 0), (3, 3, True)),  # deleting all of it leaves it lost
        ((5, 10), (3, 7, 1), (4, 7, False)),  # an edit over its start keeps the rest
        ((5, 10), (8, 12, 1), (5, 8, False)),  # an edit over its end keeps the rest
        ((5, 10), (12, 14, 0), (5, 10, False)),  # an edit after it changes nothing
    ],
)
def test_map_span(span, edit, expected) -> None:
    ref = Ref(block_id="b1", start=span[0], end=span[1])
    moved = map_span(ref, *edit)
    assert (moved.start, moved.end, moved.lost) == expected


@given(st.text(max_size=20), st.text(max_size=20))
def test_text_diff_covers_the_difference(old: str, new: str) -> None:
    start, old_end, new_end = text_diff(old, new)
    assert old[:start] + new[start:new_end] + old[old_end:] == new


def _briefing() -> Briefing:
    b = Briefing(next_id=50)
    b.sections = [
        Section(
            "s1",
            "Background",
            1,
            [
                Paragraph("b1", [Run("Talks in "), Run("Moscow", bold=True), Run(" went on.")]),
                ListBlock("b2", [ListItem("first"), ListItem("second"), ListItem("third")]),
                Table("b3", ["Name", "Value"], [["a", "1"], ["b", "2"]]),
            ],
        )
    ]
    b.comments = [Comment("c1", Ref("s1", "b1", start=9, end=15), "which Moscow?")]
    b.recommendations = [Recommendation("r1", "second", Ref("s1", "b2", item=1))]
    return b


def test_a_transaction_undoes_and_redoes_exactly() -> None:
    b = _briefing()
    before = to_dict(b)
    transaction = op.set_cell(b, "b3", 0, 4, "wide")  # pads the row
    after = to_dict(b)
    assert b.sections[0].blocks[2].rows[0] == ["a", "1", "", "", "wide"]  # type: ignore[union-attr]
    transaction.undo()
    assert to_dict(b) == before
    transaction.redo()
    assert to_dict(b) == after


def test_a_failing_step_leaves_nothing_half_done() -> None:
    b = _briefing()
    before = to_dict(b)
    with pytest.raises(StepError):
        op.run(b, "bad", [SetCell("b3", 0, 0, "x"), RemoveRow("b3", 9)])
    assert to_dict(b) == before


def test_typing_before_a_comment_keeps_it_on_its_word_and_formatting_survives_undo() -> None:
    b = _briefing()
    paragraph = b.sections[0].blocks[0]
    assert isinstance(paragraph, Paragraph)
    transaction = op.set_runs(b, "b1", [Run("Long talks in "), Run("Moscow", bold=True), Run(" went on.")])
    anchor = b.comments[0].anchor
    assert paragraph.text[anchor.start : anchor.end] == "Moscow"  # type: ignore[misc]
    transaction.undo()
    assert [r.bold for r in paragraph.runs] == [False, True, False]
    assert b.comments[0].anchor == Ref("s1", "b1", start=9, end=15)


def test_inserting_a_list_item_keeps_the_recommendation_on_its_item() -> None:
    b = _briefing()
    block = b.sections[0].blocks[1]
    assert isinstance(block, ListBlock)
    items = [ListItem("zeroth"), *block.items]
    transaction = op.set_items(b, "b2", items)
    assert [s.op for s in transaction.inverse].count("remove-item") == 1  # one step, not a rewrite
    assert b.recommendations[0].origin.item == 2
    assert block.items[2].text == "second"


def test_deleting_a_block_leaves_its_pointers_lost_and_undo_restores_them() -> None:
    b = _briefing()
    transaction = op.remove_block(b, "b2")
    assert b.recommendations[0].origin.lost
    assert "removed from the article" in describe(b, b.recommendations[0].origin)
    transaction.undo()
    assert b.recommendations[0].origin == Ref("s1", "b2", item=1)


def test_moving_a_block_to_another_section_moves_its_refs() -> None:
    b = _briefing()
    b.sections.append(Section("s2", "Next", 1, []))
    op.move_block(b, "b1", "s2", 0)
    assert b.comments[0].anchor.section_id == "s2"


def test_inverse_steps_survive_json() -> None:
    b = _briefing()
    transaction = op.remove_column(b, "b3", 1)
    steps = load_steps(dump_steps(transaction.inverse))
    assert isinstance(steps[0], InsertColumn)
    assert steps == transaction.inverse
    runs = load_steps(dump_steps([SetRuns("b1", [Run("x", bold=True)], [0, 1, 1])]))
    assert runs == [SetRuns("b1", [Run("x", bold=True)], [0, 1, 1])]
    with pytest.raises(StepError):
        load_steps([{"op": "teleport"}])


def test_guard_notices_a_later_edit_of_what_was_touched() -> None:
    b = _briefing()
    transaction = op.set_cell(b, "b3", 1, 1, "3")
    guard = transaction.guard()
    assert changed_parts(b, guard) == []
    op.set_heading(b, "s1", "Elsewhere")  # touches something else
    assert changed_parts(b, guard) == []
    op.set_cell(b, "b3", 0, 0, "z")  # another row of the same table: rows are guarded one by one
    assert changed_parts(b, guard) == []
    op.set_cell(b, "b3", 1, 0, "z")
    assert changed_parts(b, guard) == ["row:b3:1"]
    op.insert_row(b, "b3", 0)  # rows moved under the guarded row's index
    assert "rows:b3" in changed_parts(b, guard)
    assert digest(b, "block:nothing") == "gone"


def test_project_round_trip_keeps_refs_and_inverses() -> None:
    b = _briefing()
    transaction = op.remove_row(b, "b3", 0)
    from briefing.model import Change

    b.changes.append(
        Change(
            "x9",
            "table.rule",
            Ref("s1", "b3", row=0),
            "a | 1",
            "",
            "now",
            "",
            dump_steps(transaction.inverse),
        )
    )
    again = from_dict(to_dict(b))
    assert again.comments[0].anchor == b.comments[0].anchor
    assert again.changes[0].target == Ref("s1", "b3", row=0)
    assert load_steps(again.changes[0].inverse) == transaction.inverse


def test_finding_keys_leave_out_offsets_and_numbers() -> None:
    early = finding_key("text.rule", Ref("s1", "b1", start=3, end=9), "Moscow")
    late = finding_key("text.rule", Ref("s1", "b1", start=13, end=19), "Moscow")
    assert early == late
    assert early != finding_key("text.rule", Ref("s1", "b1", start=13, end=19), "Moskva")


def test_an_empty_transaction_is_empty() -> None:
    assert Transaction(_briefing()).finish().empty


def test_pointers_made_during_a_fix_run_are_moved_by_later_fixes_of_the_run() -> None:
    """Fix All shares one locator, and with it an index of the blocks something points at, across its
    fixes: a change-log entry written by one fix is still re-pointed when a later fix removes its block."""
    from briefing.checks import apply_fix, run_checks
    from briefing.editing.locate import Locator

    b = Briefing(next_id=10)
    kept = Table("b3", ["Name", "Value"], [["alpha", "1"], ["beta", "2"]])
    copy_ = Table("b4", ["Name", "Value"], [["alpha", "1"], ["alpha", "1"], ["beta", "2"]])
    b.sections = [Section("s1", "Background", 1, [kept, Paragraph("b1", [Run("Talks went on.")]), copy_])]
    locator = Locator(b)

    def fix(rule: str) -> None:
        finding = next(f for f in run_checks(b) if f.rule == rule)
        assert apply_fix(b, finding, finding.fixes[0], locator=locator).change is not None

    fix("table.duplicate-row")
    row_fix = b.changes[-1]
    assert row_fix.target.block_id == "b4"
    fix("table.duplicate")
    assert b.find_block("b4") is None
    target = row_fix.target
    assert target.lost or b.find_block(target.block_id) is not None, target
