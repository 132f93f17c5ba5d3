"""Findings in words for analysts: plain group names, places with their section, fix previews that say
what *will* happen, with a row's cells set off under its column names given once."""

from __future__ import annotations

import re

from briefing import documents
from briefing.bundle import sample_article
from briefing.checks import RULES, run_checks
from briefing.checks.groups import GROUPS, OTHER, group_of, grouped
from briefing.checks.preview import Where, future_tense, pad_rows, plan_fixes, preview_fix, word_diff
from briefing.project import to_dict
from briefing.refs import Ref
from tests.core.checks_support import make, para, table

HEADER = ["Missile", "Range (km)", "Flight Duration"]


def _briefing():
    """Two tables in two sections, each with a broken row; the second table's row repeats a cell."""
    briefing = make(
        table(
            "b1",
            HEADER,
            ["Hwasong", "1,100", "14 minutes"],
            ["Scud-ER", "450", "Scud-ER", "450", "7 minutes"],
        ),
        heading="Launch record",
    )
    second = make(
        para("b5", "The range of each missile is given in kilometres."),
        table("b6", HEADER, ["KN-23", "KN-23", "690", "9 minutes"]),
        heading="Earlier tests",
    ).sections[0]
    second.id = "s9"
    briefing.sections.append(second)
    return briefing


def test_every_rule_is_in_exactly_one_group_named_in_words():
    grouped_rules = [rule for group in GROUPS for rule in group.rules]
    assert sorted(grouped_rules) == sorted(RULES)  # a new rule must be given a group
    for group in GROUPS:
        assert "." not in group.name and group.name[0].isupper() and group.about
    assert group_of("table.repeated-cells").name == "Broken tables"
    assert group_of("text.chatbot").name == "Chatbot leftovers"
    assert group_of("people.anachronism").name == "Contradictions"
    assert group_of("rule.from-a-newer-version") is OTHER


def test_groups_with_errors_come_first_and_keep_reading_order():
    briefing, source = documents.open_with_source(sample_article())
    findings = run_checks(briefing, source)
    groups = grouped(findings)
    names = [group.name for group, _ in groups]
    assert names[0] == "Broken tables" and "Contradictions" in names
    severities = ["error" if any(f.severity == "error" for f in m) else "other" for _, m in groups]
    assert severities == sorted(severities, key=lambda s: s != "error")
    broken = dict((g.name, m) for g, m in groups)["Broken tables"]
    assert broken == [f for f in findings if group_of(f.rule).name == "Broken tables"]


def test_a_tables_place_names_its_section():
    briefing = _briefing()
    where = Where(briefing)
    finding = next(f for f in run_checks(briefing) if f.target.block_id == "b6")
    assert where(finding.target) == "Table 2, row 1 in “Earlier tests”"
    assert where(Ref(block_id="b5")) == "paragraph 1 in “Earlier tests”"  # named once, not twice


def test_a_row_preview_pads_its_cells_under_the_column_names_given_once_and_speaks_of_the_future():
    briefing = _briefing()
    before = to_dict(briefing)
    finding = next(f for f in run_checks(briefing) if f.rule == "table.repeated-cells")
    preview = preview_fix(briefing, finding, finding.fixes[0])
    text = preview.as_text()
    assert preview.summary.startswith("Will remove 2 repeated cells")
    assert "Removed" not in text
    lines = text.splitlines()
    columns = next(line for line in lines if line.lstrip().startswith("| Missile"))
    before_row = next(line for line in lines if line.startswith("Row 2, before"))
    after_row = next(line for line in lines if line.startswith("Row 2, after"))
    assert sum("Range (km)" in line for line in lines[2:]) == 1  # the column names once, not per row
    # Cells are set off and padded into columns: "Scud-ER" and "450" never run together.
    assert "Scud-ER450" not in text
    assert re.search(r"Scud-ER +\| 450 +\| 7 minutes", after_row)
    for line in (before_row, after_row):
        assert line.index("| Scud-ER") == columns.index("| Missile")
        assert line.index("| 450") == columns.index("| Range (km)")
    assert re.search(r"450 +\| \[-Scud-ER-\] +\| \[-450-\] \| 7 minutes", before_row)  # the copy is marked
    assert to_dict(briefing) == before  # a preview changes nothing


def test_a_paragraph_preview_marks_only_what_goes():
    briefing = make(
        para(
            "b1",
            "Officials met on Monday to review the launch record of the past two years in detail. "
            "I hope this helps!",
        )
    )
    finding = next(f for f in run_checks(briefing) if f.rule == "text.chatbot")
    preview = preview_fix(briefing, finding, finding.fixes[0])
    assert preview.summary.startswith("Will remove")
    (block,) = preview.blocks
    (change,) = block.texts
    assert [text.strip() for kind, text in change.before if kind == "removed"] == ["I hope this helps!"]
    assert change.after is not None and all(kind != "added" for kind, _ in change.after)


def test_word_diff_keeps_a_few_words_around_a_change():
    words = " ".join(f"w{i}" for i in range(60))
    before, after = word_diff(words, words.replace("w30", "W30"))
    assert ("removed", "w30") in before and ("added", "W30") in after
    assert before[0][1].startswith("…") and before[-1][1].endswith("…")
    assert word_diff("gone", None) == ([("removed", "gone")], None)


def test_the_future_tense_of_the_change_logs_notes():
    assert (
        future_tense("Removed 3 empty columns from Table 2.") == "Will remove 3 empty columns from Table 2."
    )
    assert future_tense("Tidied doubled whitespace. Padded row 2 with 1 empty cell(s).") == (
        "Will tidy doubled whitespace. Will pad row 2 with 1 empty cell(s)."
    )
    assert future_tense(
        "Removed a duplicated cell. The recommendation made from that row now reads from the repaired row."
    ).endswith("will then read from the repaired row.")
    assert future_tense("Made “Units” the caption of the table; its second row is now the header.") == (
        "Will make “Units” the caption of the table; its second row will then be the header."
    )
    assert future_tense("Something else happened.") == "Something else happened."


def test_pad_rows_lines_cells_up():
    assert pad_rows([["a", "bbb"], ["cc", "d"]]) == ["a  | bbb", "cc | d"]


def test_a_plan_lists_every_change_a_fix_all_will_make_without_making_it():
    briefing = _briefing()
    before = to_dict(briefing)
    plan = plan_fixes(briefing, ["table.repeated-cells", "table.duplicated-cell"])
    assert [change.place for change in plan] == [
        "Table 1, row 2 in “Launch record”",
        "Table 2, row 1 in “Earlier tests”",
    ]
    assert all(change.summary.startswith("Will ") for change in plan)
    assert to_dict(briefing) == before


def test_the_safe_plan_of_the_sample_names_places_in_words():
    briefing, source = documents.open_with_source(sample_article())
    plan = plan_fixes(briefing, None, source)
    assert len(plan) >= 9
    for change in plan:
        assert not re.search(r"\b[sb]\d+\b", change.place), change.place
        assert change.summary.startswith("Will "), change.summary
