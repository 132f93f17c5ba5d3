"""Export of big and hostile briefings: linear cost, nothing lost or reordered, only safe links live."""

from __future__ import annotations

import os
import random
import time
import tracemalloc
from pathlib import Path

import docx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.export import ExportOptions, export_docx, ooxml
from briefing.export.docx_writer import FLUSH_ELEMENTS, link_allowed
from briefing.export.spool import CHUNK_BYTES, Spool
from briefing.model import Briefing, Comment, ListBlock, ListItem, Paragraph, Run, Section, Table
from briefing.refs import Ref

from .export_support import DATE, body_outline, comment_anchors, every_export_checked, part_xml  # noqa: F401  (a fixture)

pytestmark = pytest.mark.usefixtures("every_export_checked")

W = ooxml.w
HYPERLINK = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"


def export(tmp_path: Path, briefing: Briefing) -> tuple[Path, list[str]]:
    path = tmp_path / "note.docx"
    result = export_docx(briefing, path, ExportOptions(date=DATE))
    return path, result.warnings


def many_blocks(sections: int, links: bool = True) -> Briefing:
    """A briefing of many short sections, each a paragraph with a link, an ordered list, a bullet list
    and a small table, and a comment on each paragraph: every per-block cost of the exporter is there."""
    briefing = Briefing()
    for number in range(sections):
        runs = [Run(f"Paragraph {number} says "), Run("this", bold=True), Run(".")]
        if links:
            runs.insert(2, Run(" site", href=f"https://example.org/{number}"))
        blocks = [
            Paragraph(f"p{number}", runs),
            ListBlock(f"o{number}", [ListItem(f"first {number}"), ListItem("second")], ordered=True),
            ListBlock(f"l{number}", [ListItem(f"bullet {number}")]),
            Table(f"t{number}", ["Name", "Value"], [[f"row {number}", str(number)]]),
        ]
        briefing.sections.append(Section(f"s{number}", f"Heading {number}", 1 + number % 3, blocks))
        briefing.comments.append(
            Comment(f"c{number}", Ref(f"s{number}", f"p{number}", start=0, end=9), f"Note {number}.")
        )
    return briefing


def test_a_big_briefing_exports_whole_in_reading_order(tmp_path):
    """Past the point where the body is spooled out of the tree, every block is still there, in order,
    tables in place, and each comment covers exactly its text."""
    sections = FLUSH_ELEMENTS // 2
    path, _ = export(tmp_path, many_blocks(sections))
    outline = body_outline(path)
    start = next(i for i, line in enumerate(outline) if line.startswith("P|Heading 2|Heading 0"))
    expected = []
    for number in range(sections):
        expected += [  # one level down under the note's Background, Heading 3 at most
            f"P|Heading {min(2 + number % 3, 3)}|Heading {number}",
            f"P|Normal|Paragraph {number} says this site.",
            f"P|List Number|first {number}",
            "P|List Number|second",
            f"P|List Bullet|bullet {number}",
            f"P|Caption|Table {number + 1}: Name and Value",
            "T|2x2|Name | Value",
            "P|Table Text|",
        ]
    assert outline[start : start + len(expected)] == expected
    anchors = comment_anchors(path)
    assert len(anchors) == sections and set(anchors.values()) == {"Paragraph"}
    document = docx.Document(str(path))
    assert [t.cell(1, 0).text for t in document.tables] == [f"row {n}" for n in range(sections)]


def test_a_comment_on_a_whole_long_list_covers_every_item(tmp_path):
    """A list longer than a spool stretch, with a comment on the whole list and one on an item."""
    items = [ListItem(f"item {n}") for n in range(FLUSH_ELEMENTS * 3)]
    briefing = Briefing()
    briefing.sections = [Section("s1", "List", 1, [ListBlock("l1", items)])]
    briefing.comments = [
        Comment("c1", Ref("s1", "l1"), "Whole list."),
        Comment("c2", Ref("s1", "l1", item=FLUSH_ELEMENTS + 5), "One item."),
    ]
    path, _ = export(tmp_path, briefing)
    anchors = comment_anchors(path)
    assert sorted(anchors.values()) == sorted(["".join(i.text for i in items), f"item {FLUSH_ELEMENTS + 5}"])
    texts = [p.text for p in docx.Document(str(path)).paragraphs if p.style.name == "List Bullet"]
    assert texts == [item.text for item in items]


def test_export_cost_grows_linearly_with_comments_links_and_lists(tmp_path):
    """Each comment, link and list used to cost a scan of all before it (python-docx looks up the next
    comment id, relationship id and body end on every add): 2,500 sections took 50 s. Linear, they
    take 2 s; the deadline only catches a return of the quadratic cost."""
    briefing = many_blocks(2500)
    started = time.process_time()
    path, _ = export(tmp_path, briefing)
    assert time.process_time() - started < 20
    assert len(part_xml(path, "word/comments.xml")) == 2500


@given(st.lists(st.binary(max_size=3000) | st.sampled_from([b"<w:p/>" * 50_000, os.urandom(300_000)])))
@settings(max_examples=60, deadline=None)
def test_the_spool_gives_back_exactly_what_was_written(pieces):
    spool = Spool()
    for piece in pieces:
        spool.write(piece)
    chunks = list(spool.chunks())
    assert b"".join(chunks) == b"".join(pieces) and spool.size == sum(map(len, pieces))
    assert all(0 < len(chunk) <= CHUNK_BYTES for chunk in chunks)


def test_a_large_compressible_spool_reads_back_in_bounded_chunks():
    spool = Spool()
    rng = random.Random(3)
    data = b"".join(b"<w:p><w:r><w:t>%d</w:t></w:r></w:p>" % rng.randrange(10**6) for _ in range(300_000))
    spool.write(data)
    chunks = list(spool.chunks())
    assert b"".join(chunks) == data and max(map(len, chunks)) <= CHUNK_BYTES and len(chunks) > 5


# --- links ---------------------------------------------------------------------------------------


def link_briefing(addresses: list[str]) -> Briefing:
    briefing = Briefing()
    runs = []
    for number, address in enumerate(addresses):
        runs += [Run(f"link{number}", href=address), Run(" ")]
    briefing.sections = [Section("s1", "Links", 1, [Paragraph("p1", runs)])]
    return briefing


def hyperlinks(path: Path) -> tuple[list[str], list[str]]:
    """The text inside each ``w:hyperlink`` and the targets of the hyperlink relationships."""
    document = part_xml(path, "word/document.xml")
    texts = ["".join(link.itertext()) for link in document.iter(W("hyperlink"))]
    rels = part_xml(path, "word/_rels/document.xml.rels")
    targets = [rel.get("Target", "") for rel in rels if rel.get("Type") == HYPERLINK]
    return texts, targets


def test_only_http_https_and_mailto_addresses_become_links(tmp_path):
    unsafe = [
        "javascript:alert(1)",
        "JavaScript:alert(document.cookie)",
        " javascript:alert(1)",
        "java\tscript:alert(1)",
        "file:///etc/passwd",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox",
        "\\\\server\\share\\x.exe",
        "relative/page.html",
        "https:",
    ]
    safe = [
        "https://example.org/a?b=1&c=2",
        "http://example.org",
        "mailto:analyst@example.org",
        "HTTPS://X.ORG",
    ]
    path, warnings = export(tmp_path, link_briefing(unsafe + safe))
    texts, targets = hyperlinks(path)
    assert texts == [f"link{n}" for n in range(len(unsafe), len(unsafe) + len(safe))]
    assert targets == safe
    # the text of every refused link is still there, as plain text
    paragraph = next(p for p in docx.Document(str(path)).paragraphs if p.text.startswith("link0"))
    assert paragraph.text == " ".join(f"link{n}" for n in range(len(unsafe) + len(safe))) + " "
    assert (
        f"{len(unsafe)} links with an address other than http, https or mailto were exported as plain text."
        in warnings
    )


def test_a_project_source_url_that_is_not_http_is_plain_text(tmp_path):
    briefing = link_briefing([])
    briefing.meta.source.url = "javascript:alert(1)"
    path, _ = export(tmp_path, briefing)
    assert hyperlinks(path) == ([], [])
    assert any("javascript:alert(1)" in p.text for p in docx.Document(str(path)).paragraphs)


def test_a_link_needs_an_allowed_scheme_and_an_address():
    assert link_allowed("mailto:a@b.c") and not link_allowed("mailto:") and not link_allowed("")


def test_the_same_address_twice_shares_one_relationship(tmp_path):
    path, _ = export(tmp_path, link_briefing(["https://a.org", "https://b.org", "https://a.org"]))
    texts, targets = hyperlinks(path)
    assert texts == ["link0", "link1", "link2"] and sorted(targets) == ["https://a.org", "https://b.org"]


# --- tables wider than Word can hold -----------------------------------------------------------


def test_a_table_of_63_columns_is_a_table_and_64_are_text_lines_with_comments_on_their_cells(tmp_path):
    wide = Table("t2", [f"H{n}" for n in range(64)], [[f"r{r}c{n}" for n in range(64)] for r in range(3)])
    briefing = Briefing()
    briefing.sections = [
        Section(
            "s1", "Wide", 1, [Table("t1", ["a"] * 63, [["1"] * 63]), wide, Paragraph("p1", [Run("After.")])]
        )
    ]
    briefing.comments = [
        Comment("c1", Ref("s1", "t2", row=1, column=2), "This cell."),
        Comment("c2", Ref("s1", "t2", row=0, column=10, start=1, end=3), "Part of a cell."),
        Comment("c3", Ref("s1", "t2", column=63), "A header cell."),
        Comment("c4", Ref("s1", "t2", row=9, column=0), "No such row."),
    ]
    path, warnings = export(tmp_path, briefing)
    document = docx.Document(str(path))
    assert [len(t.columns) for t in document.tables] == [63]
    lines = [(p.style.name, p.text) for p in document.paragraphs if p.text.startswith(("H0", "r"))]
    assert lines == [("Table Heading", " | ".join(wide.header))] + [
        ("Table Text", " | ".join(row)) for row in wide.rows
    ]
    assert document.paragraphs[-1].text == "After."
    caption = next(p.text for p in document.paragraphs if p.text.startswith("Table 2"))
    assert sorted(comment_anchors(path).values()) == sorted(["r1c2", "0c", "H63", caption])
    assert any("Table 2 has 64 columns, more than Word's 63" in w for w in warnings)
    assert any("a cell that table 2 does not have" in w for w in warnings)


def test_a_line_of_a_million_cells_exports_quickly_as_text(tmp_path):
    """A line of 1 MB of ``|`` imports as one header row of a million empty cells; exporting it as a
    Word table built a million-column grid (1.2 GB). As text it is one line, in little memory."""
    briefing = Briefing()
    briefing.sections = [Section("s1", "", 1, [Table("t1", [""] * 1_000_000, [])])]
    tracemalloc.start()
    try:
        path, warnings = export(tmp_path, briefing)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 250 * 2**20  # it was 730 MB of Python objects alone, besides the lxml tree
    assert path.stat().st_size < 1_000_000
    line = next(p.text for p in docx.Document(str(path)).paragraphs if p.text.startswith(" |"))
    assert line == " | ".join([""] * 1_000_000)
    assert any("1,000,000 columns" in w for w in warnings)


def test_thousands_of_comments_on_one_paragraph_and_one_cell_export_in_linear_time(tmp_path):
    """Each comment used to scan every piece of its paragraph (or cell) to find its runs: 8,000
    comments on one paragraph took minutes. The deadline only catches a return of that cost."""
    words = [f"w{n:05d} " for n in range(8000)]
    text = "".join(words)
    briefing = Briefing()
    briefing.sections = [
        Section("s1", "Busy", 1, [Paragraph("p1", [Run(text)]), Table("t1", ["A"], [[text]])])
    ]
    briefing.comments = [
        Comment(f"c{n}", Ref("s1", "p1", start=7 * n, end=7 * n + 6), f"On word {n}.") for n in range(8000)
    ] + [
        Comment(f"t{n}", Ref("s1", "t1", row=0, column=0, start=7 * n, end=7 * n + 6), "Cell.")
        for n in range(0, 8000, 2)
    ]
    started = time.process_time()
    path, _ = export(tmp_path, briefing)
    assert time.process_time() - started < 30
    anchored = comment_anchors(path)
    assert len(anchored) == 12000
    assert sorted(anchored.values()) == sorted([w.strip() for w in words] + [w.strip() for w in words[::2]])


def test_a_comment_date_outside_what_utc_can_hold_keeps_the_export_date(tmp_path):
    briefing = link_briefing(["https://a.org"])
    briefing.comments = [
        Comment("c1", Ref("s1", "p1"), "Early.", "A", "", "0001-01-01T00:00:00+14:00"),
        Comment("c2", Ref("s1", "p1"), "Late.", "A", "", "9999-12-31T23:59:59-14:00"),
        Comment("c3", Ref("s1", "p1"), "Kept.", "A", "", "2024-05-01T09:30:00+02:00"),
    ]
    path, _ = export(tmp_path, briefing)
    dates = [c.get(W("date")) for c in part_xml(path, "word/comments.xml")]
    assert dates[2] == "2024-05-01T07:30:00Z" and all(
        d and d[:4] not in ("0000", "0001", "9999") for d in dates[:2]
    )
