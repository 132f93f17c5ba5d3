"""Table rules one at a time, on small tables built for each case."""

from __future__ import annotations

from briefing.checks import apply_fix, apply_safe_fixes, revert_fix, run_checks
from briefing.model import Comment, Recommendation, Table
from briefing.project import to_dict
from briefing.refs import Ref
from tests.core.checks_support import make, para, table

HEADER = ["Launch Date", "Missile Type", "Range (km)", "Flight Duration"]


def rules(briefing):
    return [f.rule for f in run_checks(briefing)]


def fix(briefing, rule, label_start=""):
    finding = next(f for f in run_checks(briefing) if f.rule == rule)
    chosen = next(x for x in finding.fixes if x.label.startswith(label_start))
    return apply_fix(briefing, finding, chosen)


def test_a_clean_table_has_no_findings():
    clean = table(
        "b1",
        HEADER,
        ["April 5, 2024", "Hwasong-12", "1,100", "14 minutes"],
        ["April 6, 2024", "Scud-ER", "450", "7 minutes"],
        ["April 9, 2024", "KN-23", "690", "9 minutes"],
    )
    assert rules(make(clean)) == []


def test_trailing_empty_columns_are_removed_with_their_alignment():
    briefing = make(table("b1", ["A", "B", "", ""], ["1", "2", "", ""], ["3", "4"]))
    assert rules(briefing) == ["table.empty-columns"]
    applied = fix(briefing, "table.empty-columns")
    block = briefing.sections[0].blocks[0]
    assert (block.header, block.rows, block.align) == (["A", "B"], [["1", "2"], ["3", "4"]], ["", ""])
    assert applied.change.before == "| A | B |  |  |" and applied.change.after == "| A | B |"


def test_an_empty_interior_column_is_removed():
    briefing = make(table("b1", ["Route", "", "Length"], ["North", "", "6,600"], ["South", "", "12,050"]))
    assert rules(briefing) == ["table.empty-columns"]
    fix(briefing, "table.empty-columns")
    assert briefing.sections[0].blocks[0].rows == [["North", "6,600"], ["South", "12,050"]]


def test_a_repeated_run_is_collapsed_and_nothing_else_moves():
    row = ["April 6, 2024", "Scud-ER", "450", "April 6, 2024", "Scud-ER", "450", "7 minutes"]
    briefing = make(
        table("b1", [*HEADER, "", "", ""], ["April 5, 2024", "Hwasong-12", "1,100", "14 minutes"], row)
    )
    # The header's empty cells stand over the repeated run: they are empty only once it is collapsed.
    assert rules(briefing) == ["table.repeated-cells"]
    fix(briefing, "table.repeated-cells")
    assert briefing.sections[0].blocks[0].rows[1] == ["April 6, 2024", "Scud-ER", "450", "7 minutes"]
    assert rules(briefing) == ["table.empty-columns"]
    fix(briefing, "table.empty-columns")
    assert briefing.sections[0].blocks[0].header == HEADER


def test_an_unnamed_column_with_cells_under_it_is_not_empty():
    briefing = make(table("b1", ["A", "B", ""], ["1", "2", "x"], ["3", "4", ""]))
    assert "table.empty-columns" not in rules(briefing)


def test_the_empty_column_count_is_what_the_fix_removes():
    # A ragged table: one row is padded past the others, another is short.
    briefing = make(table("b1", ["A", "B", "", ""], ["1", "2", "3", "", ""], ["4"]))
    finding = next(f for f in run_checks(briefing) if f.rule == "table.empty-columns")
    assert "has 2 empty columns" in finding.message
    applied = apply_fix(briefing, finding, finding.fixes[0])
    assert "Removed 2 empty columns" in applied.change.note
    block = briefing.sections[0].blocks[0]
    assert (block.header, block.rows) == (["A", "B", ""], [["1", "2", "3"], ["4"]])


def test_a_duplicated_cell_is_dropped_and_comments_and_recommendations_follow():
    header = ["Focus Area", "Key Action", "Expected Impact"]
    row = ["Diplomacy", "Diplomacy", "Joint statements", "Stronger deterrence"]
    briefing = make(table("b1", header, ["Exercises", "Joint drills", "Readiness"], row))
    briefing.recommendations = [
        Recommendation(
            "r1", "Diplomacy: Diplomacy (expected impact: Joint statements)", Ref("s1", "b1", row=1)
        ),
        Recommendation("r2", "Edited by the analyst", Ref("s1", "b1", row=1)),
    ]
    briefing.comments = [Comment("c1", Ref("s1", "b1", row=1, column=3), "check this")]
    assert rules(briefing) == ["table.duplicated-cell"]
    applied = fix(briefing, "table.duplicated-cell")
    assert briefing.sections[0].blocks[0].rows[1] == ["Diplomacy", "Joint statements", "Stronger deterrence"]
    assert (
        briefing.recommendations[0].text
        == "Diplomacy: Joint statements (expected impact: Stronger deterrence)"
    )
    assert briefing.recommendations[1].text == "Edited by the analyst"
    assert briefing.comments[0].anchor.column == 2
    revert_fix(briefing, applied)
    assert briefing.comments[0].anchor.column == 3
    assert briefing.recommendations[0].text.startswith("Diplomacy: Diplomacy")


def test_equal_neighbours_in_a_row_of_the_right_width_are_left_alone():
    assert (
        rules(make(table("b1", ["Test", "Day 1", "Day 2"], ["Launch", "Yes", "Yes"], ["Abort", "No", "Yes"])))
        == []
    )


def test_a_long_row_is_never_cut_short():
    briefing = make(
        table("b1", ["Missile", "Range", "Fuel"], ["KN-23", "690", "Solid", "Tested from a rail car"])
    )
    finding = next(f for f in run_checks(briefing) if f.rule == "table.long-row")
    assert finding.severity == "error" and not finding.safe_fix
    assert apply_safe_fixes(briefing) == []
    fix(briefing, "table.long-row", "Merge")
    assert briefing.sections[0].blocks[0].rows == [["KN-23", "690", "Solid; Tested from a rail car"]]


def test_a_long_row_can_get_a_column_of_its_own_and_the_others_are_padded():
    briefing = make(table("b1", ["Missile", "Range"], ["KN-23", "690", "rail"], ["KN-25", "380"]))
    fix(briefing, "table.long-row", "Add")
    apply_safe_fixes(briefing)
    block = briefing.sections[0].blocks[0]
    assert block.header == ["Missile", "Range", "Column 3"]
    assert block.rows == [["KN-23", "690", "rail"], ["KN-25", "380", ""]]


def test_short_rows_are_padded():
    briefing = make(table("b1", ["Country", "Storage", "Change"], ["Italy", "95%"], ["France", "91%", "-4%"]))
    assert rules(briefing) == ["table.short-row"]
    apply_safe_fixes(briefing)
    assert briefing.sections[0].blocks[0].rows[0] == ["Italy", "95%", ""]


def test_a_caption_row_becomes_the_caption_and_origins_shift():
    briefing = make(
        table(
            "b1", ["(all figures in USD millions)", "", ""], ["Route", "Fuel", "Charter"], ["A", "1.0", "0.6"]
        )
    )
    briefing.recommendations = [Recommendation("r1", "Route A", Ref("s1", "b1", row=1))]
    assert rules(briefing) == ["table.caption-row"]
    apply_safe_fixes(briefing)
    block = briefing.sections[0].blocks[0]
    assert block.caption == "(all figures in USD millions)"
    assert block.header == ["Route", "Fuel", "Charter"] and block.rows == [["A", "1.0", "0.6"]]
    assert briefing.recommendations[0].origin.row == 0


def test_a_one_word_header_over_wide_rows_is_not_a_caption():
    briefing = make(table("b1", ["Country", "", ""], ["Japan", "5", "6"], ["Korea", "7", "8"]))
    assert "table.caption-row" not in rules(briefing)


def test_empty_and_repeated_rows():
    briefing = make(
        table("b1", ["Operator", "Share"], ["Maersk", "95%"], ["", ""], ["MSC", "90%"], ["Maersk", "95%"])
    )
    assert rules(briefing) == ["table.empty-row", "table.duplicate-row"]
    finding = next(f for f in run_checks(briefing) if f.rule == "table.duplicate-row")
    assert not finding.safe_fix  # two equal rows can be two real events
    apply_safe_fixes(briefing)
    assert briefing.sections[0].blocks[0].rows == [["Maersk", "95%"], ["MSC", "90%"], ["Maersk", "95%"]]


def test_a_table_printed_twice_keeps_the_well_formed_copy_and_moves_pointers():
    messy = table("b1", ["Priority", "Focus", ""], ["Security", "Cooperation", ""], ["Economic", "Trade", ""])
    clean = table("b2", ["Priority", "Focus"], ["Security", "Cooperation"], ["Economic", "Trade"])
    briefing = make(messy, clean)
    briefing.recommendations = [Recommendation("r1", "Trade", Ref("s1", "b1", row=1))]
    briefing.comments = [Comment("c1", Ref("s1", "b1", row=1, column=1), "source?")]
    findings = run_checks(briefing)
    duplicate = next(f for f in findings if f.rule == "table.duplicate")
    assert duplicate.target.block_id == "b1" and duplicate.safe_fix
    original = to_dict(briefing)
    applied = apply_fix(briefing, duplicate, duplicate.safe_fix)
    assert [b.id for b in briefing.sections[0].blocks] == ["b2"]
    assert (briefing.recommendations[0].origin.block_id, briefing.recommendations[0].origin.row) == ("b2", 1)
    assert (briefing.comments[0].anchor.block_id, briefing.comments[0].anchor.row) == ("b2", 1)
    revert_fix(briefing, applied)
    assert to_dict(briefing) == original


def test_the_corrections_note_says_which_copy_went_and_the_kept_tables_number_after():
    lead = table("b0", ["Port", "Calls"], ["Rotterdam", "28,000"], ["Hamburg", "8,100"])
    messy = table("b1", ["Priority", "Focus", ""], ["Security", "Cooperation", ""], ["Economic", "Trade", ""])
    clean = table("b2", ["Priority", "Focus"], ["Security", "Cooperation"], ["Economic", "Trade"])
    briefing = make(lead, messy, clean)
    duplicate = next(f for f in run_checks(briefing) if f.rule == "table.duplicate")
    applied = apply_fix(briefing, duplicate, duplicate.safe_fix)
    assert applied.change.note == (
        "Removed the first of two copies of the table “Priority | Focus”; kept the later copy, now Table 2."
    )
    briefing = make(lead, clean, para("b3", "Between them."), messy)
    duplicate = next(f for f in run_checks(briefing) if f.rule == "table.duplicate")
    applied = apply_fix(briefing, duplicate, duplicate.safe_fix)
    assert applied.change.note == (
        "Removed the second of two copies of the table “Priority | Focus”; kept the earlier copy, Table 2."
    )


def test_a_near_duplicate_that_differs_needs_a_person():
    first = table("b1", ["Donor", "Pledge"], ["Germany", "4.0"], ["Netherlands", "1.5"], ["Nordic", "2.2"])
    second = table("b2", ["Donor", "Pledge"], ["Germany", "4.0"], ["Netherlands", "1.5"], ["Nordic", "2.4"])
    briefing = make(first, para("b3", "Between them."), second)
    finding = next(f for f in run_checks(briefing) if f.rule == "table.duplicate")
    assert "except in 1 cell (row 3 under “Pledge”: “2.4” here, “2.2” there)" in finding.message
    assert [x.safe for x in finding.fixes] == [False, False]
    assert apply_safe_fixes(briefing) == []


def test_different_tables_are_not_duplicates():
    one = table("b1", ["Country", "Storage"], ["Germany", "96%"], ["France", "91%"], ["Italy", "95%"])
    two = table("b2", ["Missile", "Range"], ["KN-23", "690"], ["Scud-ER", "450"], ["Hwasong-12", "4,500"])
    assert rules(make(one, two)) == []


def test_a_date_in_the_duration_column_is_flagged_but_broken_rows_are_left_to_the_shape_rules():
    good = ["April 5, 2024", "Hwasong-12", "1,100", "14 minutes"]
    briefing = make(table("b1", HEADER, good, ["April 6, 2024", "Scud-ER", "450", "April 6, 2024"]))
    finding = next(f for f in run_checks(briefing) if f.rule == "table.column-kind")
    assert (finding.target.row, finding.target.column) == (1, 3)
    assert "Flight Duration" in finding.message and not finding.fixes
    shifted = ["April 6, 2024", "Scud-ER", "450", "April 6, 2024", "Scud-ER", "450", "7 minutes"]
    assert "table.column-kind" not in rules(make(table("b1", [*HEADER, "", "", ""], good, shifted)))


def test_loose_numbers_and_placeholders_fit_numeric_columns():
    briefing = make(
        table(
            "b1",
            ["Site", "Range (km)"],
            ["A", "about 1,000"],
            ["B", "n/a"],
            ["C", "450-500 (disputed)"],
            ["D", "—"],
        )
    )
    assert rules(briefing) == []


def test_numbers_written_two_ways_are_made_one_way():
    briefing = make(
        table("b1", ["Place", "People"], ["Chad", "1,200,000"], ["Egypt", "1500000"], ["Sudan", "8,600,000"])
    )
    assert rules(briefing) == ["table.number-format"]
    apply_safe_fixes(briefing)
    assert [row[1] for row in briefing.sections[0].blocks[0].rows] == ["1,200,000", "1,500,000", "8,600,000"]


def test_small_numbers_need_no_separator():
    briefing = make(table("b1", ["Missile", "Range (km)"], ["Hwasong-12", "1,100"], ["Scud-ER", "450"]))
    assert rules(briefing) == []


def test_table_fixes_keep_every_row_as_wide_as_the_header():
    rows = [["a", "b", "", ""], ["c", "d", "c", "d", "e"], ["f"], ["g", "g", "h"]]
    briefing = make(Table("b1", ["One", "Two", "Three", ""], rows, "", None))
    apply_safe_fixes(briefing)
    block = briefing.sections[0].blocks[0]
    assert block.rows == [["a", "b", ""], ["c", "d", "e"], ["f", "", ""], ["g", "g", "h"]]
