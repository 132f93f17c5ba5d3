"""Editing operations undo exactly and keep what points at rows in place."""

from __future__ import annotations

import copy

import pytest
from hypothesis import given
from hypothesis import strategies as st

from briefing import edits
from briefing.importing import import_file
from briefing.model import Run, Table
from briefing.project import to_dict
from tests.conftest import SAMPLE


@pytest.fixture
def sample():
    return import_file(SAMPLE)


def action_table(briefing) -> Table:
    return briefing.sections[3].blocks[3]


def test_set_cell_pads_a_short_row_and_restores_it_exactly(sample):
    tbl = [b for _, b in sample.blocks() if isinstance(b, Table)][1]
    before = to_dict(sample)
    saved = edits.row_cells(sample, tbl.id, 2)
    old = edits.set_cell(sample, tbl.id, 2, 3, "new")
    assert tbl.rows[2] == ["Diplomatic", "Reopening dialogue channels with North Korea and China", "", "new"]
    assert old == ""
    edits.restore_row(sample, tbl.id, 2, saved)
    assert to_dict(sample) == before


def test_removing_a_row_shifts_recommendation_origins_and_undo_restores(sample):
    tbl = action_table(sample)
    before = to_dict(sample)
    cells, detached = edits.remove_row(sample, tbl.id, 0)
    rows_of_recs = [r.origin.row for r in sample.recommendations if r.origin.block_id == tbl.id]
    assert rows_of_recs == [None, 0, 1]
    edits.undo_remove_row(sample, tbl.id, 0, cells, detached)
    assert to_dict(sample) == before


def test_move_row_moves_the_recommendation_with_it(sample):
    tbl = action_table(sample)
    rec = next(r for r in sample.recommendations if r.origin.block_id == tbl.id and r.origin.row == 0)
    edits.move_row(sample, tbl.id, 0, 2)
    assert tbl.rows[2][0] == "Military Exercises"
    assert rec.origin.row == 2
    edits.move_row(sample, tbl.id, 2, 0)
    assert rec.origin.row == 0 and tbl.rows[0][0] == "Military Exercises"


def test_column_remove_and_undo_on_ragged_rows(sample):
    tbl = [b for _, b in sample.blocks() if isinstance(b, Table)][1]
    before = to_dict(sample)
    saved = edits.remove_column(sample, tbl.id, 3)
    assert tbl.header == ["Priority", "Diplomatic Focus", ""]
    assert tbl.rows[2] == ["Diplomatic", "Reopening dialogue channels with North Korea and China"]
    edits.undo_remove_column(sample, tbl.id, 3, saved)
    assert to_dict(sample) == before


def test_insert_column_leaves_short_rows_short(sample):
    tbl = [b for _, b in sample.blocks() if isinstance(b, Table)][1]
    edits.insert_column(sample, tbl.id, 4, "Notes")
    assert tbl.header[-1] == "Notes" and len(tbl.header) == 5
    assert tbl.rows[2] == ["Diplomatic", "Reopening dialogue channels with North Korea and China"]


def test_promote_to_header_is_its_own_inverse(sample):
    tbl = action_table(sample)
    before = copy.deepcopy((tbl.header, tbl.rows))
    edits.promote_to_header(sample, tbl.id, 1)
    assert tbl.header[0] == "Intelligence Sharing" and tbl.rows[1][0] == "Focus Area"
    edits.promote_to_header(sample, tbl.id, 1)
    assert (tbl.header, tbl.rows) == before


def test_paste_grows_the_table_and_undo_shrinks_it(sample):
    tbl = action_table(sample)
    before = to_dict(sample)
    saved = edits.paste_cells(sample, tbl.id, 2, 1, [["a", "b"], ["c", "d"], ["e", "f"]])
    assert len(tbl.rows) == 5 and tbl.rows[4] == ["", "e", "f"]
    edits.undo_paste_cells(sample, tbl.id, saved)
    assert to_dict(sample) == before


def test_find_and_replace_across_the_briefing_and_undo(sample):
    matches = edits.find_all(sample, "pyongyang")
    assert len(matches) >= 3
    assert {m.location[0] for m in matches} >= {"paragraph", "item"}
    before = to_dict(sample)
    saved = edits.replace_all(sample, "Pyongyang", "P'yŏngyang")
    assert not edits.find_all(sample, "pyongyang")
    assert len(edits.find_all(sample, "P'yŏngyang", match_case=True)) == len(matches)
    edits.undo_replace_all(sample, saved)
    assert to_dict(sample) == before


def test_replace_in_a_table_cell(sample):
    saved = edits.replace_all(sample, "Hwasong-12", "Hwasong-15")
    assert any(loc[0] == "cell" for loc, _ in saved)
    assert [b for _, b in sample.blocks() if isinstance(b, Table)][0].rows[0][1] == "Hwasong-15"


RUNS = st.lists(
    st.builds(Run, st.text(min_size=1, max_size=6), st.booleans(), st.booleans()), min_size=0, max_size=5
)


@given(RUNS, st.text(max_size=20))
def test_retexting_runs_gives_exactly_the_new_text(runs, value):
    new_runs = edits._retext_runs(runs, value)
    assert "".join(run.text for run in new_runs) == value


@given(RUNS)
def test_retexting_with_the_same_text_keeps_the_formatting(runs):
    text = "".join(run.text for run in runs)
    new_runs = edits._retext_runs(runs, text)
    flat_old = [(ch, r.bold, r.italic) for r in runs for ch in r.text]
    flat_new = [(ch, r.bold, r.italic) for r in new_runs for ch in r.text]
    assert flat_new == flat_old
