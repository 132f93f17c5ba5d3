"""The user-level edits (:mod:`briefing.editing.operations`) and find and replace (:mod:`.search`).

Every operation undoes and redoes exactly — the whole project JSON is compared — and keeps what points
into the briefing on its text: a comment on words stays on those words, a recommendation's origin on
its list item or table row; what was deleted is reported lost, never moved to something else.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from briefing.editing import operations as ops
from briefing.editing import search
from briefing.editing.runs import retext_runs, splice_runs
from briefing.editing.transaction import Transaction
from briefing.importing import import_file
from briefing.kinds import text_at
from briefing.model import Briefing, Comment, ListBlock, ListItem, Paragraph, Run, Table
from briefing.places import describe
from briefing.project import to_dict
from briefing.refs import HEADER_ROW, Ref
from tests.conftest import SAMPLE

#: The sample's blocks used below (ids as import hands them out).
LEDE, FIRST_LIST, DATA_TABLE, PRIORITY_TABLE, ACTION_LIST, ACTION_TABLE = (
    "b2",
    "b6",
    "b7",
    "b13",
    "b19",
    "b20",
)


@pytest.fixture
def sample() -> Briefing:
    """The sample article with a comment on each kind of place."""
    briefing = import_file(SAMPLE)
    assert isinstance(briefing.find_block(ACTION_TABLE), Table)
    briefing.comments = [
        Comment("c100", Ref("s1", LEDE, start=0, end=11), "Which Korea?"),  # "North Korea"
        Comment("c101", Ref("s16", ACTION_LIST, item=1, start=0, end=9), "Who?"),  # "Enhancing"
        Comment("c102", Ref("s16", ACTION_TABLE, row=2, column=2), "Measurable?"),
        Comment("c103", Ref("s16", ACTION_TABLE, row=HEADER_ROW, column=1), "Rename."),
        Comment("c104", Ref("s16", ACTION_TABLE, row=0, column=3), "Empty cell."),
        Comment("c105", Ref(block_id="r22", start=0, end=9), "On a recommendation."),
        Comment("c106", Ref(section_id="s9"), "On a heading."),
    ]
    briefing.next_id = 107
    return briefing


def pointed(briefing: Briefing) -> dict[str, str]:
    """What each comment and origin points at now: its text, or LOST."""
    out = {}
    for comment in briefing.comments:
        out[comment.id] = "LOST" if comment.anchor.lost else text_at(briefing, comment.anchor)
    holders = [(rec.id, rec.origin) for rec in briefing.recommendations]
    holders += [(detail.id, detail.origin) for detail in briefing.details]  # the action table's rows
    for holder, origin in holders:
        if origin.lost:
            out[holder] = "LOST"
        elif origin.row is not None:  # a row is the same row whatever its columns' order or padding
            cells = text_at(briefing, origin).split(" | ")
            out[holder] = " | ".join(sorted(cell for cell in cells if cell))
        else:
            out[holder] = text_at(briefing, origin)
    return out


def exact(briefing: Briefing, edit: Callable[[Briefing], Transaction], changes: bool = True) -> Transaction:
    """Make an edit, and check that undo and redo flip exactly between before and after."""
    before = to_dict(briefing)
    transaction = edit(briefing)
    after = to_dict(briefing)
    assert after != before or not changes, "the edit changed nothing"
    transaction.undo()
    assert to_dict(briefing) == before, "undo is not exact"
    transaction.redo()
    assert to_dict(briefing) == after, "redo is not exact"
    transaction.undo()
    transaction.redo()
    assert to_dict(briefing) == after
    return transaction


def table(briefing: Briefing, block_id: str) -> Table:
    block = briefing.find_block(block_id)
    assert isinstance(block, Table)
    return block


def listing(briefing: Briefing, block_id: str) -> ListBlock:
    block = briefing.find_block(block_id)
    assert isinstance(block, ListBlock)
    return block


def paragraph(briefing: Briefing, block_id: str) -> Paragraph:
    block = briefing.find_block(block_id)
    assert isinstance(block, Paragraph)
    return block


# --- table cells, rows and columns ---------------------------------------------------------------------


def test_set_cell_pads_a_short_row_and_undo_restores_it_exactly(sample: Briefing) -> None:
    points = pointed(sample)
    exact(sample, lambda b: ops.set_cell(b, PRIORITY_TABLE, 2, 3, "new"))
    assert table(sample, PRIORITY_TABLE).rows[2] == [
        "Diplomatic",
        "Reopening dialogue channels with North Korea and China",
        "",
        "new",
    ]
    assert pointed(sample) == points


def test_set_a_header_cell_keeps_its_comment_on_it(sample: Briefing) -> None:
    exact(sample, lambda b: ops.set_cell(b, ACTION_TABLE, HEADER_ROW, 1, "Action"))
    assert pointed(sample)["c103"] == "Action"


def test_clearing_and_pasting_cells(sample: Briefing) -> None:
    exact(sample, lambda b: ops.clear_cells(b, ACTION_TABLE, [(0, 0), (1, 1), (2, 9)]))
    assert table(sample, ACTION_TABLE).rows[0][0] == "" and table(sample, ACTION_TABLE).rows[1][1] == ""
    sample = import_file(SAMPLE)
    points = pointed(sample)
    exact(sample, lambda b: ops.paste_cells(b, ACTION_TABLE, 2, 1, [["a", "b"], ["c", "d"], ["e", "f"]]))
    rows = table(sample, ACTION_TABLE).rows
    assert len(rows) == 5 and rows[4] == ["", "e", "f"]
    assert pointed(sample) | {"d29": points["d29"]} == points  # row 2 was pasted over, its origin stays


def test_removing_a_row_loses_its_origin_and_comment_and_shifts_the_rest(sample: Briefing) -> None:
    points = pointed(sample)
    exact(sample, lambda b: ops.remove_row(b, ACTION_TABLE, 0))
    origins = [d.origin for d in sample.details if d.origin.block_id == ACTION_TABLE]
    assert [o.row for o in origins] == [0, 0, 1] and [o.lost for o in origins] == [True, False, False]
    now = pointed(sample)
    assert now["d27"] == now["c104"] == "LOST"
    assert {k: v for k, v in now.items() if v != "LOST"} == {
        k: v for k, v in points.items() if k not in ("d27", "c104")
    }
    assert describe(sample, origins[0]) == "removed from the article (was Table 4, row 1)"


def test_inserting_and_moving_rows_carries_origins_and_comments_with_their_row(sample: Briefing) -> None:
    points = pointed(sample)
    exact(sample, lambda b: ops.insert_row(b, ACTION_TABLE, 0))
    assert table(sample, ACTION_TABLE).rows[0] == ["", "", "", ""]
    assert pointed(sample) == points
    exact(sample, lambda b: ops.move_row(b, ACTION_TABLE, 1, 3))
    assert table(sample, ACTION_TABLE).rows[3][0] == "Military Exercises"
    detail = next(d for d in sample.details if d.id == "d27")
    assert detail.origin.row == 3
    assert pointed(sample) == points


def test_column_remove_on_ragged_rows_and_undo(sample: Briefing) -> None:
    points = pointed(sample)
    exact(sample, lambda b: ops.remove_column(b, PRIORITY_TABLE, 3))
    assert table(sample, PRIORITY_TABLE).header == ["Priority", "Diplomatic Focus", ""]
    assert table(sample, PRIORITY_TABLE).rows[2] == [
        "Diplomatic",
        "Reopening dialogue channels with North Korea and China",
    ]
    assert pointed(sample) == points


def test_removing_a_commented_column_loses_the_comment_and_shifts_later_ones(sample: Briefing) -> None:
    sample.comments.append(Comment("c107", Ref("s16", ACTION_TABLE, row=1, column=0), "Gone with it."))
    points = pointed(sample)
    exact(sample, lambda b: ops.remove_column(b, ACTION_TABLE, 0))
    now = pointed(sample)
    assert now["c107"] == "LOST"
    assert now["c102"] == points["c102"] and now["c103"] == points["c103"]  # columns 2 and 1 moved left
    anchors = {c.id: c.anchor for c in sample.comments}
    assert (anchors["c102"].column, anchors["c103"].column) == (1, 0)


def test_insert_column_leaves_short_rows_short(sample: Briefing) -> None:
    points = pointed(sample)
    exact(sample, lambda b: ops.insert_column(b, PRIORITY_TABLE, 4, "Notes"))
    tbl = table(sample, PRIORITY_TABLE)
    assert tbl.header[-1] == "Notes" and len(tbl.header) == 5
    assert tbl.rows[2] == ["Diplomatic", "Reopening dialogue channels with North Korea and China"]
    exact(sample, lambda b: ops.insert_column(b, ACTION_TABLE, 0, "First"))
    assert pointed(sample) == points


def test_move_column_pads_rows_that_reach_it(sample: Briefing) -> None:
    points = pointed(sample)
    exact(sample, lambda b: ops.move_column(b, ACTION_TABLE, 2, 0))
    assert table(sample, ACTION_TABLE).header[0] == "Expected Impact"
    assert pointed(sample) == points


def test_promote_to_header_swaps_and_undoes(sample: Briefing) -> None:
    tbl = table(sample, ACTION_TABLE)
    before = (list(tbl.header), [list(r) for r in tbl.rows])
    exact(sample, lambda b: ops.promote_to_header(b, ACTION_TABLE, 1))
    assert tbl.header[0] == "Intelligence Sharing" and tbl.rows[1][0] == "Focus Area"
    ops.promote_to_header(sample, ACTION_TABLE, 1)
    assert (tbl.header, tbl.rows) == before


def test_caption_heading_meta_and_list_style(sample: Briefing) -> None:
    exact(sample, lambda b: ops.set_caption(b, DATA_TABLE, "Launches"))
    assert table(sample, DATA_TABLE).caption == "Launches"
    exact(sample, lambda b: ops.set_heading(b, "s9", "Diplomacy"))
    assert pointed(sample)["c106"] == "Diplomacy"  # the heading's comment stays on it
    exact(sample, lambda b: ops.set_meta(b, "source.publisher", "Associated Press"))
    assert ops.get_meta(sample, "source.publisher") == "Associated Press"
    exact(sample, lambda b: ops.set_meta(b, "summary", ["One point."]))
    assert sample.meta.summary == ["One point."]
    exact(sample, lambda b: ops.set_ordered(b, ACTION_LIST, True))
    assert listing(sample, ACTION_LIST).ordered
    with pytest.raises(ops.EditError):
        ops.get_meta(sample, "colour")


# --- text ----------------------------------------------------------------------------------------------


def test_typing_before_a_comment_keeps_it_on_its_words(sample: Briefing) -> None:
    lede = paragraph(sample, LEDE)
    runs = splice_runs(lede.runs, 0, 0, "Today, ")
    exact(sample, lambda b: ops.set_runs(b, LEDE, runs, (0, 0, 7)))
    assert pointed(sample)["c100"] == "North Korea"
    assert sample.comments[0].anchor == Ref("s1", LEDE, start=7, end=18)


def test_set_runs_without_a_span_finds_the_change(sample: Briefing) -> None:
    lede = paragraph(sample, LEDE)
    new_text = lede.text.replace("once again", "again", 1)
    exact(sample, lambda b: ops.set_runs(b, LEDE, retext_runs(lede.runs, new_text)))
    assert paragraph(sample, LEDE).text == new_text
    assert pointed(sample)["c100"] == "North Korea"


def test_deleting_commented_words_loses_the_comment_and_undo_restores_it(sample: Briefing) -> None:
    lede = paragraph(sample, LEDE)
    runs = splice_runs(lede.runs, 0, 12, "")
    exact(sample, lambda b: ops.set_runs(b, LEDE, runs, (0, 12, 0)))
    assert sample.comments[0].anchor.lost


# --- list items ----------------------------------------------------------------------------------------


def test_inserting_an_item_keeps_origins_on_their_items(sample: Briefing) -> None:
    """The list editor hands over the whole item list; only the new item is inserted."""
    points = pointed(sample)
    items = [ListItem("A new first action"), *listing(sample, ACTION_LIST).items]
    transaction = exact(sample, lambda b: ops.set_items(b, ACTION_LIST, items))
    assert [type(step).__name__ for step in transaction.inverse if "Item" in type(step).__name__] == [
        "RemoveItem"
    ]
    assert [r.origin.item for r in sample.recommendations[:3]] == [1, 2, 3]
    assert pointed(sample) == points


def test_editing_one_item_among_many_keeps_the_others(sample: Briefing) -> None:
    points = pointed(sample)
    items = [
        ListItem(item.text, item.term, item.level, item.marker, item.separator)
        for item in listing(sample, ACTION_LIST).items
    ]
    items[2].text = "Developing one message"
    exact(sample, lambda b: ops.set_items(b, ACTION_LIST, items))
    now = pointed(sample)
    assert now["r23"] == "Developing one message"
    assert {k: v for k, v in now.items() if k != "r23"} == {k: v for k, v in points.items() if k != "r23"}


def test_item_insert_remove_move(sample: Briefing) -> None:
    points = pointed(sample)
    exact(sample, lambda b: ops.insert_item(b, ACTION_LIST, 3, ListItem("Last")))
    exact(sample, lambda b: ops.move_item(b, ACTION_LIST, 0, 2))
    assert pointed(sample) == points
    exact(sample, lambda b: ops.remove_item(b, ACTION_LIST, 0))  # "Enhancing…" was moved to the front
    now = pointed(sample)
    assert now["r22"] == now["c101"] == "LOST"
    assert now["r21"] == points["r21"] and now["r23"] == points["r23"]


def test_typing_in_an_item_with_a_span(sample: Briefing) -> None:
    item = listing(sample, ACTION_LIST).items[1]
    changed = ListItem("Really " + item.text, item.term, item.level, item.marker, item.separator)
    exact(sample, lambda b: ops.set_item(b, ACTION_LIST, 1, changed, (0, 0, 7)))
    assert pointed(sample)["c101"] == "Enhancing"


# --- sections and blocks -------------------------------------------------------------------------------


def test_removing_a_block_loses_what_pointed_at_it(sample: Briefing) -> None:
    points = pointed(sample)
    exact(sample, lambda b: ops.remove_block(b, ACTION_TABLE))
    now = pointed(sample)
    gone = {"d27", "d28", "d29", "c102", "c103", "c104"}
    assert {k for k, v in now.items() if v == "LOST"} == gone
    assert {k: v for k, v in now.items() if k not in gone} == {
        k: v for k, v in points.items() if k not in gone
    }


def test_moving_a_block_to_another_section_keeps_refs_current(sample: Briefing) -> None:
    points = pointed(sample)
    exact(sample, lambda b: ops.move_block(b, ACTION_TABLE, "s3", 0))
    assert sample.sections[1].blocks[0].id == ACTION_TABLE
    assert {d.origin.section_id for d in sample.details} == {"s3"}
    assert pointed(sample) == points


def test_section_insert_move_remove(sample: Briefing) -> None:
    points = pointed(sample)
    section = ops.new_section(sample, "Context")
    exact(sample, lambda b: ops.insert_section(b, 2, section))
    assert sample.sections[2].heading == "Context"
    exact(sample, lambda b: ops.move_section(b, 4, 1))
    assert sample.sections[1].id == "s16"
    assert pointed(sample) == points
    exact(sample, lambda b: ops.remove_section(b, 1))
    assert {k for k, v in pointed(sample).items() if v == "LOST"} == {
        "r21", "r22", "r23", "d27", "d28", "d29", "c101", "c102", "c103", "c104"
    }  # fmt: skip


def test_new_blocks_are_inserted_and_removed_exactly(sample: Briefing) -> None:
    points = pointed(sample)
    for block in (ops.new_table(sample, 2, 1), ops.new_paragraph(sample, "Text"), ops.new_list(sample)):
        exact(sample, lambda b, block=block: ops.insert_block(b, "s3", 0, block))  # type: ignore[misc]
        assert sample.sections[1].blocks[0] is block
    assert pointed(sample) == points
    assert len({block.id for _, block in sample.blocks()}) == sum(1 for _ in sample.blocks())


# --- recommendations, comments and ignored findings ----------------------------------------------------


def test_recommendations_register(sample: Briefing) -> None:
    exact(sample, lambda b: ops.set_recommendation_field(b, "r22", "owner", "Intelligence"))
    assert sample.recommendations[1].annotation.owner == "Intelligence"
    exact(sample, lambda b: ops.set_recommendation_field(b, "r22", "text", "Enhancing, and more"))
    rec = ops.new_recommendation(sample, "Written by hand")
    exact(sample, lambda b: ops.insert_recommendation(b, 0, rec))
    assert sample.recommendations[0].origin == Ref()
    exact(sample, lambda b: ops.move_recommendation(b, 0, 3))
    assert sample.recommendations[3].text == "Written by hand"
    exact(sample, lambda b: ops.remove_recommendation(b, "r22"))
    assert next(c for c in sample.comments if c.id == "c105").anchor.lost  # its comment is kept, lost


def test_comments_add_edit_resolve_remove(sample: Briefing) -> None:
    comment = Comment("c200", Ref("s3", DATA_TABLE, row=0, column=1), "Which model?")
    exact(sample, lambda b: ops.add_comment(b, comment))
    assert pointed(sample)["c200"] == "Hwasong-12"
    exact(sample, lambda b: ops.set_comment(b, "c200", text="Which missile?"))
    exact(sample, lambda b: ops.set_comment(b, "c200", resolved=True))
    assert sample.comments[-1].text == "Which missile?" and sample.comments[-1].resolved
    exact(sample, lambda b: ops.remove_comment(b, "c200"))
    assert "c200" not in pointed(sample)
    with pytest.raises(ops.EditError):
        ops.remove_comment(sample, "c200")


def test_ignore_and_show_again(sample: Briefing) -> None:
    exact(sample, lambda b: ops.ignore_finding(b, "rule@b2|North Korea"))
    assert sample.ignored == ["rule@b2|North Korea"]
    assert ops.ignore_finding(sample, "rule@b2|North Korea").empty  # already ignored
    exact(sample, lambda b: ops.ignore_finding(b, "rule@b2|North Korea", ignore=False))
    assert sample.ignored == []


def test_a_failing_edit_leaves_nothing_half_done(sample: Briefing) -> None:
    before = to_dict(sample)
    with pytest.raises(ops.EditError):
        ops.paste_cells(sample, "b999", 0, 0, [["x"]])
    with pytest.raises(ops.EditError):
        ops.remove_row(sample, ACTION_TABLE, 99)
    assert to_dict(sample) == before


# --- find and replace ----------------------------------------------------------------------------------


def test_find_and_replace_across_the_briefing_and_undo(sample: Briefing) -> None:
    matches = search.find_all(sample, "pyongyang")
    assert len(matches) >= 3
    assert any(m.ref.item is not None for m in matches) and any(m.ref.item is None for m in matches)
    assert all(m.text[m.start : m.end].lower() == "pyongyang" for m in matches)
    points = pointed(sample)
    exact(sample, lambda b: search.replace_all(b, "Pyongyang", "P'yŏngyang"))
    assert not search.find_all(sample, "pyongyang")
    assert len(search.find_all(sample, "P'yŏngyang", match_case=True)) == len(matches)
    assert pointed(sample) == points  # no comment or origin was on those words


def test_replacing_commented_words_carries_the_comment_onto_the_replacement(sample: Briefing) -> None:
    points = pointed(sample)
    exact(sample, lambda b: search.replace_all(b, "North Korea", "the DPRK", match_case=True))
    now = pointed(sample)
    assert now["c100"] == "the DPRK"
    assert now["c101"] == points["c101"] and now["c102"] == points["c102"]


def test_replace_in_a_table_cell_and_whole_words(sample: Briefing) -> None:
    transaction = exact(sample, lambda b: search.replace_all(b, "Hwasong-12", "Hwasong-15"))
    assert table(sample, DATA_TABLE).rows[0][1] == "Hwasong-15"
    assert any(event.id == DATA_TABLE for event in transaction.events)
    assert search.find_all(sample, "Korea", whole_word=True, match_case=True)
    assert not search.find_all(sample, "Kore", whole_word=True)
    assert all(
        m.text[m.end : m.end + 1] in ("", " ", ",", ".", "’", "'")
        for m in search.find_all(sample, "Korea", whole_word=True)
    )


def test_replace_one_changes_only_that_match(sample: Briefing) -> None:
    matches = search.find_all(sample, "missile", match_case=True)
    first = matches[0]
    exact(sample, lambda b: search.replace_one(b, first, "rocket"))
    assert len(search.find_all(sample, "missile", match_case=True)) == len(matches) - 1
    assert text_at(sample, first.ref.with_span(first.start, first.start + 6)) == "rocket"


def test_text_fields_name_every_editable_text(sample: Briefing) -> None:
    refs = [ref for ref, _ in search.text_fields(sample)]
    assert Ref(field="meta.title") in refs
    assert Ref(section_id="s9", field="heading") in refs
    assert Ref("s16", ACTION_TABLE, row=HEADER_ROW, column=1) in refs
    assert Ref("s16", ACTION_LIST, item=0, field="text") in refs
    assert Ref("s3", DATA_TABLE, field="caption") in refs
    assert search.read_text(sample, Ref("s16", ACTION_TABLE, row=0, column=0)) == "Military Exercises"


# --- formatted text ------------------------------------------------------------------------------------

RUNS = st.lists(
    st.builds(Run, st.text(min_size=1, max_size=6), st.booleans(), st.booleans()), min_size=0, max_size=5
)


@given(RUNS, st.text(max_size=20))
def test_retexting_runs_gives_exactly_the_new_text(runs: list[Run], value: str) -> None:
    new_runs = retext_runs(runs, value)
    assert "".join(run.text for run in new_runs) == value


@given(RUNS)
def test_retexting_with_the_same_text_keeps_the_formatting(runs: list[Run]) -> None:
    text = "".join(run.text for run in runs)
    new_runs = retext_runs(runs, text)
    flat_old = [(ch, r.bold, r.italic) for r in runs for ch in r.text]
    flat_new = [(ch, r.bold, r.italic) for r in new_runs for ch in r.text]
    assert flat_new == flat_old


@given(RUNS, st.data())
def test_set_runs_with_any_splice_undoes_exactly(runs: list[Run], data: Any) -> None:
    briefing = Briefing()
    block = Paragraph("b1", runs)
    briefing.sections = [ops.new_section(briefing, "S")]
    briefing.sections[0].blocks.append(block)
    length = len(block.text)
    start = data.draw(st.integers(0, length))
    end = data.draw(st.integers(start, length))
    new = data.draw(st.text(max_size=5))
    spliced = splice_runs(runs, start, end, new)
    exact(briefing, lambda b: ops.set_runs(b, "b1", spliced, (start, end, start + len(new))), changes=False)
    assert block.text == "".join(r.text for r in runs)[:start] + new + "".join(r.text for r in runs)[end:]
