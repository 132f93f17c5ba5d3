"""The register as text: each recommendation's origin in words, and a CSV with every field and the origin."""

from __future__ import annotations

import csv
import io

from briefing.editing import operations
from briefing.model import (
    Annotation,
    Briefing,
    ListBlock,
    ListItem,
    Paragraph,
    Recommendation,
    Run,
    Section,
    Table,
)
from briefing.places import Places, short
from briefing.refs import Ref
from briefing.register import HEADERS, NO_ORIGIN, origin_quote, origin_words, register_csv, register_rows

HEADING = "Options for replanting the orchard before the spring"
#: The heading as places name it in a line (shortened; "Origin section" has it whole).
CUT = short(HEADING)


def orchard() -> Briefing:
    """A lede, a section with a list and a table, three recommendations (one the analyst wrote)."""
    briefing = Briefing()
    briefing.sections = [
        Section("s1", "", 1, [Paragraph("b2", [Run("The orchard lost a third of its trees to frost.")])]),
        Section(
            "s3",
            HEADING,
            1,
            [
                ListBlock("b4", [ListItem("Plant hardier pears"), ListItem("Cover the saplings at night")]),
                Table("b5", ["Step", "Who", "Note"], [["Order saplings", "Parish council", ""]]),
            ],
        ),
    ]
    briefing.recommendations = [
        Recommendation("r6", "Cover the saplings at night", Ref("s3", "b4", item=1)),
        Recommendation(
            "r7",
            "=Order saplings now",
            Ref("s3", "b5", row=0),
            Annotation("Approve", "High", "Parish council", "2027-03-01", "Two quotes first,\nthen order."),
        ),
        Recommendation("r8", "Ask the school to help"),
    ]
    briefing.next_id = 9
    return briefing


def test_origins_name_the_section_and_item_in_words():
    briefing = orchard()
    places = Places(briefing)
    words = [origin_words(places, rec) for rec in briefing.recommendations]
    assert words == [
        f"list 1 in “{CUT}”, item 2",
        f"Table 1, row 1, in section “{CUT}”",
        NO_ORIGIN,
    ]
    assert origin_quote(briefing, briefing.recommendations[0]) == "Cover the saplings at night"
    assert origin_quote(briefing, briefing.recommendations[1]) == "Order saplings | Parish council"
    assert origin_quote(briefing, briefing.recommendations[2]) == ""


def test_a_deleted_origin_says_so_and_undo_names_it_again():
    briefing = orchard()
    removed = operations.remove_row(briefing, "b5", 0)
    rec = briefing.recommendations[1]
    assert origin_words(Places(briefing), rec) == "removed from the article (was Table 1, row 1)"
    assert origin_quote(briefing, rec) == ""
    removed.undo()
    assert origin_words(Places(briefing), rec).startswith("Table 1, row 1, in section")


def test_rows_hold_every_field_numbered_from_one():
    rows = register_rows(orchard())
    assert rows[0] == list(HEADERS)
    assert [row[0] for row in rows[1:]] == ["1", "2", "3"]
    second = dict(zip(HEADERS, rows[2], strict=True))
    assert second == {
        "#": "2",
        "Recommendation": "=Order saplings now",
        "Origin": f"Table 1, row 1, in section “{CUT}”",
        "Decision": "Approve",
        "Priority": "High",
        "Owner / lead": "Parish council",
        "Due": "2027-03-01",
        "Analyst comment": "Two quotes first,\nthen order.",
        "Origin section": HEADING,
        "Origin ref": "s3/b5:row=0",
    }
    third = dict(zip(HEADERS, rows[3], strict=True))
    assert (third["Origin"], third["Origin section"], third["Origin ref"]) == (NO_ORIGIN, "", "")


def test_csv_reads_back_in_a_spreadsheet_reader_and_formulas_stay_text():
    data = register_csv(orchard())
    assert data.startswith(b"\xef\xbb\xbf")  # the BOM spreadsheets need to read UTF-8
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert rows[0] == list(HEADERS) and len(rows) == 4
    assert rows[2][1] == "'=Order saplings now"  # not run as a formula
    assert rows[2][7] == "Two quotes first,\nthen order."  # a line break stays in its cell
    assert rows[1][2] == f"list 1 in “{CUT}”, item 2"
