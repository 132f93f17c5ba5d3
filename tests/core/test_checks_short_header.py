"""A header short of every row: one finding for the table, the likelier placement of the names first."""

from __future__ import annotations

from briefing.checks import apply_fix, apply_safe_fixes, revert_fix, run_checks
from briefing.importing import import_text
from briefing.model import Table


def rules(briefing) -> list[str]:
    return [f.rule for f in run_checks(briefing)]


def table_of(briefing) -> Table:
    return next(b for _, b in briefing.blocks() if isinstance(b, Table))


LABELS_UNNAMED = (
    "# Rates\n\n| Tariff (%) | Notes |\n|---|---|\n"
    "| Brazil | 50 | Applied to most goods |\n| India | 25 | Pending review |\n| Japan | 15 | Applied |\n"
)


def test_a_header_short_of_every_row_is_one_finding_with_the_names_moved_right_first():
    briefing = import_text(LABELS_UNNAMED, markdown=True)
    found = rules(briefing)
    assert found.count("table.short-header") == 1 and "table.long-row" not in found
    (finding,) = [f for f in run_checks(briefing) if f.rule == "table.short-header"]
    assert "the first column (“Brazil”, “India”, “Japan” …) has no name" in finding.message
    first, second = finding.fixes
    assert not first.safe and not second.safe and first.params["at"] == "start"
    apply_safe_fixes(briefing)
    assert table_of(briefing).header == ["Tariff (%)", "Notes"]  # never unattended
    applied = apply_fix(briefing, finding, first)
    table = table_of(briefing)
    assert table.header == ["", "Tariff (%)", "Notes"]
    assert table.rows[0] == ["Brazil", "50", "Applied to most goods"]  # no cell moved
    assert "table.short-header" not in rules(briefing)
    revert_fix(briefing, applied)
    assert table_of(briefing).header == ["Tariff (%)", "Notes"]
    # undone, the header alone changes back: every row keeps its three cells
    assert table_of(briefing).rows == [
        ["Brazil", "50", "Applied to most goods"],
        ["India", "25", "Pending review"],
        ["Japan", "15", "Applied"],
    ]


def test_names_that_fit_the_first_columns_put_the_missing_name_at_the_end():
    text = (
        "# Launches\n\n| Date | Range (km) |\n|---|---|\n"
        "| 2024-04-02 | 1,000 | Sea of Japan |\n| 2024-05-17 | 600 | Off the east coast |\n"
    )
    briefing = import_text(text, markdown=True)
    (finding,) = [f for f in run_checks(briefing) if f.rule == "table.short-header"]
    assert finding.fixes[0].params["at"] == "end" and "the last column has no name" in finding.message
    assert finding.fixes[0].label == "Add a column without a name at the end"
    applied = apply_fix(briefing, finding, finding.fixes[0])
    assert table_of(briefing).header == ["Date", "Range (km)", ""]
    revert_fix(briefing, applied)
    assert table_of(briefing).header == ["Date", "Range (km)"]
    assert [len(row) for row in table_of(briefing).rows] == [3, 3]


def test_rows_of_different_lengths_are_still_row_findings():
    text = "# T\n\n| A | B |\n|---|---|\n| 1 | 2 | 3 |\n| 4 | 5 |\n| 6 | 7 | 8 |\n"
    found = rules(import_text(text, markdown=True))
    assert "table.short-header" not in found and found.count("table.long-row") == 2
