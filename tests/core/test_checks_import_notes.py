"""Import's notes about one block — page furniture, a guessed table, front matter — as findings on it.

The articles are our own. Each finding names its block in words and the article line; page furniture
that holds no figure but a page number goes with a safe fix, and nothing else goes unattended.
"""

from __future__ import annotations

from briefing import cli
from briefing.checks import apply_fix, apply_safe_fixes, run_checks
from briefing.checks.imported import only_page_number
from briefing.editing.operations import set_runs
from briefing.importing import import_text
from briefing.model import Paragraph, Run

PAGED = """Grain Corridor Talks Resume

Negotiators from both ports met on Tuesday to discuss the grain corridor and the inspection regime
that stalled shipments last month. Officials said the talks were constructive.

Page 2 of 5

The second round is due next week, when insurers will present new terms for vessels calling at the
southern terminals. Shipping firms said premiums had doubled since the spring.

- 3 -

Analysts expect exports to recover slowly, as storage at the terminals remains full.

Share this article
"""

#: A running header with a year, printed beside each page number: furniture, but it holds a figure.
HEADED = """Harbour Bulletin

Harbour Bulletin Spring 2025
Page 1

The port authority approved a dredging plan for the inner harbour on Monday, clearing the way for
larger container ships to call at the eastern quay.

Harbour Bulletin Spring 2025
Page 2

Work starts in June and is due to finish before the winter storms, the authority said.

Harbour Bulletin Spring 2025
Page 3

Shipping lines welcomed the plan but asked for the quay fees to be frozen during the works.
"""

FRONT = """---
title: Harbour Dredging Plan
author: Port desk
date: 2025-02-11
---

# Harbour Dredging Plan

The port authority approved a dredging plan for the inner harbour on Monday, clearing the way for
larger container ships to call at the eastern quay.
"""

SPLIT = """Regional Rail Spending

The ministry published its spending plan for regional lines on Friday.

Line        Budget      Status
Northern    120         approved
Coastal     85          under review   pending audit
Valley      40

Officials said the coastal line would be decided in the autumn.
"""


def _of(findings, rule):
    return [f for f in findings if f.rule == rule]


def _paragraphs(briefing):
    return [b.text for _, b in briefing.blocks() if isinstance(b, Paragraph)]


def test_page_furniture_is_a_finding_on_its_paragraph_named_in_words():
    briefing = import_text(PAGED)
    found = _of(run_checks(briefing, PAGED), "import.furniture")
    assert [f.subject for f in found] == ["Page 2 of 5", "- 3 -", "Share this article"]
    first = found[0]
    assert first.target.block_id and first.target.section_id
    assert "line 6 of the article" in first.message
    assert "paragraph 2 in the summary" in first.message
    assert "/b" not in first.message and first.source_line == 6
    assert all(f.fixes and f.fixes[0].safe for f in found)


def test_the_safe_fix_removes_the_furniture_lines_and_nothing_else():
    briefing = import_text(PAGED)
    before = _paragraphs(briefing)
    changes = apply_safe_fixes(briefing, source=PAGED)
    assert sorted(c.before for c in changes if c.rule == "import.furniture") == sorted(
        ["Page 2 of 5", "- 3 -", "Share this article"]
    )
    after = _paragraphs(briefing)
    assert after == [t for t in before if t not in ("Page 2 of 5", "- 3 -", "Share this article")]
    assert not _of(run_checks(briefing, PAGED), "import.furniture"), "the notes are settled"


def test_a_running_header_with_a_year_is_flagged_but_never_removed_unattended():
    briefing = import_text(HEADED)
    found = _of(run_checks(briefing, HEADED), "import.furniture")
    headers = [f for f in found if f.subject == "Harbour Bulletin Spring 2025"]
    pages = [f for f in found if f.subject.startswith("Page ")]
    assert headers and pages
    assert all(not f.fixes[0].safe for f in headers)
    assert all("figure other than a page number" in f.message for f in headers)
    changes = apply_safe_fixes(briefing, source=HEADED)
    assert {c.before for c in changes if c.rule == "import.furniture"} == {"Page 1", "Page 2", "Page 3"}
    kept = _paragraphs(briefing)
    assert "Harbour Bulletin Spring 2025" in kept  # (its exact copies may go as text.duplicate)
    assert not any(t.startswith("Page ") for t in kept)
    # The analyst may still remove one by hand.
    finding = _of(run_checks(briefing), "import.furniture")[0]
    applied = apply_fix(briefing, finding, finding.fixes[0])
    assert applied.change is not None and applied.change.before == "Harbour Bulletin Spring 2025"


def test_edited_furniture_is_the_analysts_text_and_no_longer_reported():
    briefing = import_text(PAGED)
    finding = _of(run_checks(briefing, PAGED), "import.furniture")[0]
    set_runs(briefing, finding.target.block_id, [Run("Page 2 of 5 — see the annex for the 2024 figures")])
    subjects = [f.subject for f in _of(run_checks(briefing, PAGED), "import.furniture")]
    assert "Page 2 of 5" not in subjects and len(subjects) == 2


def test_the_furniture_fix_does_nothing_once_the_line_changed():
    briefing = import_text(PAGED)
    finding = _of(run_checks(briefing, PAGED), "import.furniture")[0]
    set_runs(briefing, finding.target.block_id, [Run("Page 2 of 5, revised 3%")])
    applied = apply_fix(briefing, finding, finding.fixes[0])
    assert applied.change is None
    assert "Page 2 of 5, revised 3%" in _paragraphs(briefing)


def test_only_page_numbers_count_as_figureless():
    for line in ("Page 2 of 5", "- 3 -", "4 / 9", "p. 12", "Seite 2 von 7", "Página 3 de 8", "Advertisement"):
        assert only_page_number(line), line
    for line in ("Bulletin 2025", "Page 2 of 5 — 45% done", "€ prices", "Issue 12, March 2024", "~40"):
        assert not only_page_number(line), line


def test_a_guessed_table_is_a_finding_on_the_table():
    briefing = import_text(SPLIT)
    (found,) = _of(run_checks(briefing, SPLIT), "import.table-split")
    assert found.target.block_id == next(b.id for _, b in briefing.blocks() if b.kind == "table")
    assert found.message.startswith(
        "Table 1 (line 5 of the article) was read from text without clear columns."
    )
    assert "rows of 2 to 4 cells" in found.message and "ignore this note" in found.message
    assert not found.fixes


def test_front_matter_is_offered_for_removal_but_never_unattended():
    briefing = import_text(FRONT, markdown=True)
    (found,) = _of(run_checks(briefing, FRONT), "import.front-matter")
    assert "kept as paragraph 1 in the summary" in found.message
    assert "title: Harbour Dredging Plan" in found.message
    assert found.fixes and not found.fixes[0].safe
    apply_safe_fixes(briefing, source=FRONT)
    assert any(t.startswith("title: Harbour Dredging Plan") for t in _paragraphs(briefing))
    applied = apply_fix(briefing, found, found.fixes[0])
    assert applied.change is not None
    assert not any(t.startswith("title:") for t in _paragraphs(briefing))
    assert not _of(run_checks(briefing), "import.front-matter")


def test_the_command_line_prints_each_note_at_its_line(tmp_path, capsys):
    path = tmp_path / "paged.txt"
    path.write_text(PAGED, encoding="utf-8")
    cli.main(["check", str(path)])
    out = capsys.readouterr().out
    assert f"{path}:6:1: warning import.furniture “Page 2 of 5” (paragraph 2 in" in out
    assert f"{path}:11:1: warning import.furniture “- 3 -”" in out
