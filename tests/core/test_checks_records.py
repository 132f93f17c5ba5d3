"""Records that repeat the same labels: found as a whole run, made a table only when the user asks."""

from __future__ import annotations

from briefing.checks import apply_fix, apply_safe_fixes, revert_fix, run_checks
from briefing.model import Comment, ListBlock, ListItem, Paragraph, Table
from briefing.refs import Ref
from tests.core.checks_support import make, para


def record(*pairs: tuple[str, str], block_id: str) -> ListBlock:
    return ListBlock(block_id, [ListItem(value, term, 0, "", ": ") for term, value in pairs])


def country(name: str, tariff: str, status: str, block_id: str) -> ListBlock:
    return record(("Country", name), ("Tariff", tariff), ("Status", status), block_id=block_id)


def findings(briefing, rule="table.records"):
    return [f for f in run_checks(briefing) if f.rule == rule]


def test_records_in_consecutive_lists_become_one_table_when_asked():
    briefing = make(
        para("p1", "Tariffs announced on Monday."),
        country("Brazil", "50%", "Applied to most goods", "b1"),
        country("India", "25%", "Pending review", "b2"),
        country("Japan", "15%", "Applied", "b3"),
        para("p2", "Officials expect the rates to hold."),
    )
    (finding,) = findings(briefing)
    assert "3 records" in finding.message and "“Country”, “Tariff”, “Status”" in finding.message
    (fix,) = finding.fixes
    assert not fix.safe
    apply_safe_fixes(briefing)  # never unattended: the lists are still there
    assert [b.id for b in briefing.sections[0].blocks] == ["p1", "b1", "b2", "b3", "p2"]
    applied = apply_fix(briefing, finding, fix)
    blocks = briefing.sections[0].blocks
    assert [type(b) for b in blocks] == [Paragraph, Table, Paragraph]
    table = blocks[1]
    assert isinstance(table, Table)
    assert table.header == ["Country", "Tariff", "Status"]
    assert table.rows == [
        ["Brazil", "50%", "Applied to most goods"],
        ["India", "25%", "Pending review"],
        ["Japan", "15%", "Applied"],
    ]
    assert not findings(briefing)
    revert_fix(briefing, applied)
    assert [b.id for b in briefing.sections[0].blocks] == ["p1", "b1", "b2", "b3", "p2"]
    assert findings(briefing)


def test_one_list_whose_labels_come_round_again_is_records_too():
    pairs = [("Name", "Port A"), ("Depth", "12 m"), ("Name", "Port B"), ("Depth", "9.5 m")]
    briefing = make(record(*pairs, block_id="b1"))
    (finding,) = findings(briefing)
    apply_fix(briefing, finding, finding.fixes[0])
    (table,) = briefing.sections[0].blocks
    assert isinstance(table, Table) and table.rows == [["Port A", "12 m"], ["Port B", "9.5 m"]]


def test_a_comment_on_a_value_moves_to_its_cell():
    briefing = make(country("Brazil", "50%", "Applied", "b1"), country("India", "25%", "Pending", "b2"))
    briefing.comments.append(Comment("c1", Ref(briefing.sections[0].id, "b2", item=1), "check the rate"))
    (finding,) = findings(briefing)
    apply_fix(briefing, finding, finding.fixes[0])
    (table,) = briefing.sections[0].blocks
    comment = briefing.comments[0]
    assert (comment.anchor.block_id, comment.anchor.row, comment.anchor.column) == (table.id, 1, 1)
    assert table.rows[1][1] == "25%"


def test_single_records_different_labels_and_ordinary_lists_are_left_alone():
    briefing = make(
        country("Brazil", "50%", "Applied", "b1"),
        para("p1", "Between the two, a paragraph."),
        country("India", "25%", "Pending", "b2"),
        record(("Country", "Chile"), ("Rate", "10%"), block_id="b3"),
        record(("Country", "Peru"), ("Status", "Applied"), block_id="b4"),
        ListBlock("b5", [ListItem("first point"), ListItem("second point")]),
        ListBlock("b6", [ListItem("first point"), ListItem("second point")]),
        record(("Note", "one label only"), block_id="b7"),
        record(("Note", "one label only"), block_id="b8"),
    )
    assert findings(briefing) == []


def test_the_fix_does_nothing_once_the_records_were_edited():
    briefing = make(country("Brazil", "50%", "Applied", "b1"), country("India", "25%", "Pending", "b2"))
    (finding,) = findings(briefing)
    lists = briefing.sections[0].blocks
    assert isinstance(lists[1], ListBlock)
    lists[1].items[0] = ListItem("India", "Nation", 0, "", ": ")
    applied = apply_fix(briefing, finding, finding.fixes[0])
    assert applied.change is None
    assert [b.id for b in briefing.sections[0].blocks] == ["b1", "b2"]


def test_the_preview_shows_the_table_the_fix_will_make():
    from briefing.checks.preview import preview_fix

    briefing = make(country("Brazil", "50%", "Applied", "b1"), country("India", "25%", "Pending", "b2"))
    (finding,) = findings(briefing)
    text = preview_fix(briefing, finding, finding.fixes[0]).as_text()
    assert "— new" in text and "| Country | Tariff" in text and "India" in text.split("— new")[1]
    assert "will be removed" in text
    assert [b.id for b in briefing.sections[0].blocks] == ["b1", "b2"]  # the preview changed nothing
