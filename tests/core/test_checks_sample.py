"""The golden test: the user's sample article, every defect found, nothing else, and the safe fixes."""

from __future__ import annotations

from collections import Counter

import pytest

from briefing.checks import apply_safe_fixes, run_checks
from briefing.importing import import_file
from briefing.model import Table
from briefing.project import to_dict
from briefing.textfile import read_text
from tests.conftest import SAMPLE
from tests.core.checks_support import all_text, lost, pieces, shapes

CHATBOT = "If you’d like, I can also help you with additional formatting or modifications. Let me know!"

#: Every defect of the sample: (rule, where, what the target holds).
DEFECTS = [
    ("people.conflicting-titles", "lede", "U.S. President Donald Trump"),
    ("people.conflicting-titles", "section 1", "former U.S. President Donald Trump"),
    ("text.term-hyphen", "section 1", "Regional security destabilization-Heightened"),
    ("text.term-hyphen", "section 1", "Violation of UN resolutions-The"),
    ("text.term-hyphen", "section 1", "Impact on diplomatic efforts-Possible"),
    ("table.repeated-cells", "section 1", "April 6, 2024 | Scud-ER | 450 | April 6, 2024"),
    ("text.chatbot", "section 1", CHATBOT),
    ("people.anachronism", "section 2", "Biden administration"),
    ("table.duplicate", "section 2", "Priority"),
    ("table.empty-columns", "section 2", "Priority"),
    ("table.duplicated-cell", "section 3", "Diplomacy Coordination | Diplomacy Coordination"),
    ("text.trailing-blank-lines", "source", ""),
]
# The empty header cells of sections 1 and 3 stand over shifted cells: they become empty columns (and
# get their finding) only once the shift is repaired, which apply_safe_fixes does in its next round.


@pytest.fixture
def sample():
    return import_file(SAMPLE)


@pytest.fixture
def source():
    return read_text(SAMPLE).text


def _section_name(briefing, section_id):
    if section_id == "source":
        return "source"
    index = next(i for i, s in enumerate(briefing.sections) if s.id == section_id)
    return "lede" if index == 0 else f"section {index}"


def _target_text(briefing, finding):
    target = finding.target
    block = briefing.find_block(target.block_id) if target.block_id else None
    if isinstance(block, Table):
        row = block.header if target.row is None else block.rows[target.row]
        return " | ".join(row)
    if block is None:
        return ""
    if target.item is not None:
        return block.items[target.item].full_text
    text = block.text
    return text[target.start : target.end] if target.start is not None else text


def test_every_defect_is_found_and_nothing_else(sample, source):
    findings = run_checks(sample, source)
    assert len(findings) == len(DEFECTS)
    for finding, (rule, where, holds) in zip(findings, DEFECTS, strict=True):
        assert finding.rule == rule
        assert _section_name(sample, finding.target.section_id) == where
        assert holds in _target_text(sample, finding), (rule, holds)


def test_severities_make_the_sample_fail(sample, source):
    counts = Counter(f.severity for f in run_checks(sample, source))
    assert counts == {"error": 4, "warning": 4, "info": 4}


def test_without_the_source_only_the_trailing_blank_lines_are_unknown(sample):
    rules = [f.rule for f in run_checks(sample)]
    assert rules == [rule for rule, _, _ in DEFECTS if rule != "text.trailing-blank-lines"]


def test_after_safe_fixes_three_clean_tables_and_no_chatbot_line(sample, source):
    changes = apply_safe_fixes(sample, source=source)
    assert shapes(sample) == [(4, 2), (2, 3), (3, 3)]
    tables = [b for _, b in sample.blocks() if isinstance(b, Table)]
    assert tables[0].rows[1] == ["April 6, 2024", "Scud-ER", "450", "7 minutes"]
    assert tables[2].rows[2][:2] == [
        "Diplomacy Coordination",
        "Unified public statements and strategic messaging",
    ]
    assert all(len(row) == t.column_count for t in tables for row in t.rows)
    text = all_text(sample)
    assert "I can also help you" not in text and "Let me know" not in text
    assert Counter(c.rule for c in changes) == {
        "text.term-hyphen": 3,
        "table.empty-columns": 2,  # the third malformed table is the duplicate, removed whole
        "table.repeated-cells": 1,
        "table.duplicated-cell": 1,
        "table.duplicate": 1,
        "text.chatbot": 1,
        "text.trailing-blank-lines": 1,
    }
    assert all(change.note and change.id.startswith("x") and change.when for change in changes)
    assert sample.changes == changes


def test_what_is_left_needs_a_person(sample, source):
    apply_safe_fixes(sample, source=source)
    left = run_checks(sample, source)
    assert [f.rule for f in left] == [
        "people.conflicting-titles",
        "people.conflicting-titles",
        "people.anachronism",
    ]
    assert all(f.fixes and not any(fix.safe for fix in f.fixes) for f in left)


def test_the_well_formed_copy_of_the_printed_twice_table_is_kept(sample):
    tables = [b for _, b in sample.blocks() if isinstance(b, Table)]
    malformed, clean = tables[1], tables[2]
    apply_safe_fixes(sample)
    kept = [b.id for _, b in sample.blocks() if isinstance(b, Table)]
    assert clean.id in kept and malformed.id not in kept
    removal = next(c for c in sample.changes if c.rule == "table.duplicate")
    assert "Reopening dialogue channels with North Korea and China" in removal.before


def test_recommendations_follow_the_repaired_row(sample):
    table = [b for _, b in sample.blocks() if isinstance(b, Table)][3]
    apply_safe_fixes(sample)
    from_table = [d for d in sample.details if d.origin.block_id == table.id]
    assert [d.origin.row for d in from_table] == [0, 1, 2]
    # The repaired row (its repeated cell removed) is still the third recommendation's detail.
    assert table.rows[from_table[2].origin.row][:3] == [
        "Diplomacy Coordination",
        "Unified public statements and strategic messaging",
        "Strengthened allied deterrence and global perception",
    ]
    assert from_table[2].recommendation == sample.recommendations[2].id
    focus = [table.rows[d.origin.row][0] for d in from_table]
    assert focus == ["Military Exercises", "Intelligence Sharing", "Diplomacy Coordination"]


def test_nothing_of_the_sample_is_lost(sample, source):
    original = pieces(sample)
    apply_safe_fixes(sample, source=source)
    assert lost(original, sample) == []


def test_safe_fixes_settle_and_are_deterministic(source):
    first, second = import_file(SAMPLE), import_file(SAMPLE)
    apply_safe_fixes(first, source=source, when="2025-01-01T00:00:00+00:00")
    apply_safe_fixes(second, source=source, when="2025-01-01T00:00:00+00:00")
    assert to_dict(first) == to_dict(second)
    again = to_dict(first)
    assert apply_safe_fixes(first, source=source) == []
    assert to_dict(first) == again


def test_checks_do_not_change_the_model(sample, source):
    before = to_dict(sample)
    run_checks(sample, source)
    assert to_dict(sample) == before
