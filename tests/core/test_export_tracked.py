"""Corrections as Word tracked changes: a reviewer accepts or rejects each, in Word or LibreOffice."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import docx
import pytest

from briefing import cli
from briefing.checks import apply_safe_fixes
from briefing.documents import open_with_source
from briefing.export import ExportOptions, export_docx
from briefing.model import Briefing, Change, Comment
from briefing.refs import Ref

from .export_support import DATE, SAMPLE, W, body_outline, every_export_checked, part_xml  # noqa: F401

pytestmark = pytest.mark.usefixtures("every_export_checked")

CHATBOT = "If you’d like, I can also help you with additional formatting or modifications. Let me know!"


def corrected() -> Briefing:
    """The sample after the safe fixes, plus one word the analyst corrected in the lede (logged as the
    checks log a replacement: the sentence before and after)."""
    briefing, source = open_with_source(SAMPLE)
    apply_safe_fixes(briefing, source=source)
    lede = briefing.sections[0].blocks[0]
    old = lede.runs[0].text
    lede.runs[0].text = old.replace("once again escalated", "once again raised", 1)
    briefing.changes.append(
        Change("xz", "text.mojibake", Ref(briefing.sections[0].id, lede.id), old.split(".")[0] + ".",
               lede.runs[0].text.split(".")[0] + ".", "2025-05-10T09:30:00+00:00", "Replaced a word.")
    )  # fmt: skip
    # a comment after the corrected word must still cover its own words
    start = lede.runs[0].text.index("Korean Peninsula")
    briefing.comments.append(
        Comment("c1", Ref(briefing.sections[0].id, lede.id, start=start, end=start + 16), "Which sea?", "Lee")
    )
    return briefing


def export(tmp_path: Path, briefing: Briefing, tracked: bool = True) -> Path:
    path = tmp_path / "tracked.docx"
    export_docx(briefing, path, ExportOptions(date=DATE, tracked_changes=tracked))
    return path


def test_revisions_carry_author_date_and_unique_ids(tmp_path):
    path = export(tmp_path, corrected())
    document = part_xml(path, "word/document.xml")
    insertions = list(document.iter(f"{{{W}}}ins"))
    deletions = [d for d in document.iter(f"{{{W}}}del") if d.getparent().tag != f"{{{W}}}rPr"]
    assert ["".join(i.itertext()) for i in insertions] == ["raised"]
    assert ["".join(d.itertext()) for d in deletions] == ["escalated", CHATBOT]
    for revision in [*insertions, *deletions]:
        assert revision.get(f"{{{W}}}author") == "Briefing Editor"
        assert revision.get(f"{{{W}}}date", "").endswith("Z")
    assert insertions[0].get(f"{{{W}}}date") == "2025-05-10T09:30:00Z"
    ids = [n.get(f"{{{W}}}id") for n in document.iter(f"{{{W}}}ins", f"{{{W}}}del")]
    assert len(ids) == len(set(ids))
    # the removed chatbot paragraph: its mark is deleted too, so accepting takes the paragraph away
    marks = [d for d in document.iter(f"{{{W}}}del") if d.getparent().tag == f"{{{W}}}rPr"]
    assert len(marks) == 1
    # no marker character reaches the reader, in any part
    import zipfile

    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            text = archive.read(name).decode("utf-8", "replace")
            assert not any(ch in text for ch in "\ue000\ue001\ue002"), name


def test_python_docx_reads_the_corrected_text_and_the_comment_keeps_its_words(tmp_path):
    path = export(tmp_path, corrected())
    lede = next(p for p in docx.Document(str(path)).paragraphs if p.text.startswith("North Korea has once"))
    # python-docx's Paragraph.text skips runs inside w:ins: read the paragraph's w:t as Word shows it
    accepted = "".join(t.text or "" for t in lede._p.iter(f"{{{W}}}t"))
    assert "once again raised tensions" in accepted and "escalated" not in accepted
    from .export_support import comment_anchors

    assert "Korean Peninsula" in comment_anchors(path).values()


@pytest.mark.skipif(shutil.which("pandoc") is None, reason="pandoc is not installed")
@pytest.mark.parametrize(
    ("mode", "present", "absent"),
    [
        ("all", ["once again escalated", "raised tensions", "I can also help"], []),
        ("accept", ["once again raised tensions"], ["escalated", "I can also help"]),
        ("reject", ["once again escalated tensions", "I can also help"], ["raised"]),
    ],
)
def test_pandoc_reads_both_sides(tmp_path, mode, present, absent):
    path = export(tmp_path, corrected())
    result = subprocess.run(
        ["pandoc", "-f", "docx", "-t", "plain", "--wrap=none", f"--track-changes={mode}", str(path)],
        capture_output=True, text=True, check=True, timeout=120,
    )  # fmt: skip
    for words in present:
        assert words in result.stdout, (mode, words)
    for words in absent:
        assert words not in result.stdout, (mode, words)


def test_the_appendix_lists_only_what_the_text_cannot_show(tmp_path):
    path = export(tmp_path, corrected())
    outline = body_outline(path)
    appendix = outline[outline.index("P|Heading 1|Corrections to the source") :]
    assert (
        "P|Appendix Note|2 corrections are marked in the text as tracked changes, for a reviewer to accept "
        "or reject in Word; the others are listed here." in appendix
    )
    kinds = [line for line in appendix if line.startswith("P|Heading 2|")]
    assert "P|Heading 2|Chatbot leftovers (1)" not in kinds  # shown in the text instead
    assert "P|Heading 2|Broken tables (2)" in kinds  # table shapes stay here
    plain = export(tmp_path, corrected(), tracked=False)
    document = part_xml(plain, "word/document.xml")
    assert next(document.iter(f"{{{W}}}ins"), None) is None


def test_convert_tracked_changes_option(tmp_path):
    out = tmp_path / "note.docx"
    assert (
        cli.main(["convert", str(SAMPLE), "-o", str(out), "--fix", "--tracked-changes", "--allow-errors"])
        == 0
    )
    deleted = "".join(part_xml(out, "word/document.xml").itertext())
    assert CHATBOT in deleted
    assert CHATBOT not in "\n".join(p.text for p in docx.Document(str(out)).paragraphs)


def test_a_removed_list_item_comes_back_as_a_deletion_in_its_place(tmp_path):
    from briefing.checks.engine import apply_fix  # noqa: F401  (the log entry below is what a fix writes)
    from briefing.editing.serial import dump_steps
    from briefing.editing.steps import InsertItem
    from briefing.model import ListBlock

    briefing, _ = open_with_source(SAMPLE)
    section, block = next((s, b) for s, b in briefing.blocks() if isinstance(b, ListBlock))
    gone = block.items.pop(1)
    inverse = dump_steps([InsertItem(block.id, 1, gone)])
    briefing.changes.append(
        Change("xi", "text.duplicate", Ref(section.id, block.id, item=1), gone.full_text, "",
               "2025-05-10T09:30:00+00:00", "Removed a repeated item.", inverse)
    )  # fmt: skip
    path = export(tmp_path, briefing)
    document = part_xml(path, "word/document.xml")
    deletions = [d for d in document.iter(f"{{{W}}}del") if d.getparent().tag != f"{{{W}}}rPr"]
    assert "".join("".join(d.itertext()) for d in deletions) == f"{gone.term.strip()}: {gone.text}"
    paragraphs = [p for p in document.iter(f"{{{W}}}p") if "".join(p.itertext()).strip()]
    texts = ["".join(p.itertext()) for p in paragraphs]
    at = next(i for i, t in enumerate(texts) if gone.text in t)
    assert block.items[0].text in texts[at - 1] and block.items[1].text in texts[at + 1]  # in its place
