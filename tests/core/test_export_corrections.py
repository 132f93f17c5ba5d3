"""The corrections appendix as a reader meets it: by kind with counts, tables as tables, no non-events."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from briefing.checks import apply_safe_fixes
from briefing.documents import open_with_source
from briefing.export import ExportOptions, export_docx
from briefing.export.corrections import MAX_PER_KIND, excerpts, is_non_event, plain_note
from briefing.model import Briefing, Change, Paragraph, Run, Section
from briefing.refs import Ref

from .export_support import DATE, SAMPLE, W, body_outline, every_export_checked, part_xml  # noqa: F401

pytestmark = pytest.mark.usefixtures("every_export_checked")


def fixed_sample() -> Briefing:
    briefing, source = open_with_source(SAMPLE)
    apply_safe_fixes(briefing, source=source)
    return briefing


def export(tmp_path: Path, briefing: Briefing, **options) -> Path:
    path = tmp_path / "note.docx"
    export_docx(briefing, path, ExportOptions(date=DATE, **options))
    return path


def appendix(path: Path) -> list[str]:
    outline = body_outline(path)
    return outline[outline.index("P|Heading 1|Corrections to the source") :]


def test_the_samples_appendix_is_grouped_by_kind_with_counts_and_no_non_events(tmp_path):
    path = export(tmp_path, fixed_sample())
    lines = appendix(path)
    kinds = [line.removeprefix("P|Heading 2|") for line in lines if line.startswith("P|Heading 2|")]
    assert kinds == [
        "Broken tables (2)",  # the two row repairs; the empty columns dropped are no correction
        "Chatbot leftovers (1)",
        "Repeated text and tables (1)",
        "Formatting leftovers (3)",  # the term hyphens; the 16 trailing blank lines are not listed
    ]
    text = "\n".join(lines)
    assert "blank line" not in text.split("Not listed")[0]
    assert "empty column" not in text
    assert lines[-1] == (
        "P|Appendix Note|Not listed: 3 changes that altered no words (blank lines, spacing, empty table "
        "columns)."
    )
    # the log says which copy went: the first, and the appendix says so
    assert any("Removed the first of two copies of the table" in line for line in lines)
    assert not any("second copy" in line for line in lines)


def test_tables_are_shown_as_word_tables_never_as_pipe_markup(tmp_path):
    path = export(tmp_path, fixed_sample())
    lines = appendix(path)
    assert not any("| April 6" in line or line.startswith("P|Normal|| ") for line in lines)
    start = lines.index(next(line for line in lines if line.startswith("P|Normal|Table 1, row 2.")))
    assert lines[start + 1 : start + 6] == [
        "P|Appendix Note|Before: ",
        "T|2x7|Launch Date | Missile Type | Range (km) | Flight Duration |  |  | ",
        "P|Table Text|",
        "P|Appendix Note|After: ",
        "T|2x4|Launch Date | Missile Type | Range (km) | Flight Duration",
    ]
    tables = docx.Document(str(path)).tables
    before = next(t for t in tables if len(t.columns) == 7)
    assert [c.text for c in before.rows[1].cells] == [
        "April 6, 2024", "Scud-ER", "450", "April 6, 2024", "Scud-ER", "450", "7 minutes"
    ]  # fmt: skip
    # no cell of any appendix table holds pipe rows
    assert not any(cell.text.startswith("| ") for t in tables for row in t.rows for cell in row.cells)


def test_changed_words_are_struck_and_bold_in_context():
    before, after = excerpts(
        "Regional security destabilization-Heightened alertness among East Asian nations.",
        "Regional security destabilization: Heightened alertness among East Asian nations.",
    )
    assert ("s", "-") in before and ("b", ": ") in after
    assert "".join(t for m, t in after if m != "s").endswith(" East Asian…")  # cut between words
    long = "word " * 60
    before, after = excerpts(long + "teh end", long + "the end")
    assert before[0][1].startswith("…") and len(before[0][1]) <= 42
    assert ("s", "teh") in before and ("b", "the") in after


def test_struck_and_bold_runs_reach_the_docx(tmp_path):
    path = export(tmp_path, fixed_sample())
    document = part_xml(path, "word/document.xml")
    struck = [
        "".join(r.itertext())
        for r in document.iter(f"{{{W}}}r")
        if r.find(f"{{{W}}}rPr/{{{W}}}strike") is not None
    ]
    assert struck.count("-") == 3  # the three hyphens that joined a term to its description


def test_non_events_and_plural_wording():
    blank = Change("x1", "text.trailing-blank-lines", Ref("source"), "16 blank line(s) at the end", "", "")
    columns = Change("x2", "table.empty-columns", Ref("s1", "b1"), "| A | B |  |", "| A | B |", "")
    spacing = Change("x3", "text.whitespace", Ref("s1", "b2"), "two  spaces", "two spaces", "")
    real = Change("x4", "table.repeated-cells", Ref("s1", "b1", row=0), "| A | A |", "| A |", "")
    removed = Change("x5", "table.duplicate", Ref("s1", "b3"), "| A | B |", "", "")
    assert [is_non_event(c) for c in (blank, columns, spacing, real, removed)] == [
        True,
        True,
        True,
        False,
        False,
    ]
    assert plain_note(Change("x", "r", Ref(), "", "", "", "Padded row 2 with 1 empty cell(s).")) == (
        "Padded row 2 with 1 empty cell."
    )
    assert (
        plain_note(Change("x", "r", Ref(), "", "", "", "Removed 3 blank line(s)."))
        == "Removed 3 blank lines."
    )


def test_a_long_log_is_capped_with_and_n_more(tmp_path):
    blocks = [Paragraph(f"b{n}", [Run(f"Sentence {n} as corrected.")]) for n in range(20)]
    briefing = Briefing(sections=[Section("s1", "Background", 1, blocks)])
    briefing.meta.title = "A long log"
    briefing.changes = [
        Change(f"x{n}", "text.chatbot", Ref("s1", f"b{n}"), f"Sentence {n} as written, let me know!",
               f"Sentence {n} as corrected.", "2025-05-10T09:00:00+00:00", "Removed a chatbot remark.")
        for n in range(20)
    ]  # fmt: skip
    path = export(tmp_path, briefing)
    lines = appendix(path)
    assert "P|Heading 2|Chatbot leftovers (20)" in lines
    table = docx.Document(str(path)).tables[-1]
    assert len(table.rows) == 1 + MAX_PER_KIND
    assert (
        f"P|Appendix Note|… and {20 - MAX_PER_KIND} more corrections of this kind; the project's change log "
        "lists them all." in lines
    )


def test_the_audit_helper_finds_what_word_would_repair(tmp_path):
    """The validation every export test runs can fail: a paragraph inside a run is reported."""
    from .export_support import audit_problems

    path = export(tmp_path, fixed_sample())
    assert audit_problems(path.read_bytes()) == []
    import zipfile

    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    parts["word/document.xml"] = parts["word/document.xml"].replace(b"<w:r>", b"<w:r><w:p/>", 1)
    broken = tmp_path / "broken.docx"
    with zipfile.ZipFile(broken, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    assert audit_problems(broken.read_bytes())
