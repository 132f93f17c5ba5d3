"""Word export of the sample and of an annotated briefing, re-opened with python-docx and checked."""

from __future__ import annotations

import datetime as dt
import os
import zipfile
from pathlib import Path

import docx
import pytest
from lxml import etree

from briefing.editing import operations
from briefing.export import ExportOptions, export_docx, ooxml
from briefing.export.templates import builtin_path
from briefing.model import Briefing, Comment, ListBlock, ListItem, Paragraph, Run, Section, Table
from briefing.project import load, save
from briefing.refs import Ref

from .export_support import (
    DATE,
    ROOT,
    annotated,
    assert_sound_package,
    body_outline,
    comment_anchors,
    custom_properties,
    every_export_checked,  # noqa: F401  (a fixture)
    pandoc_text,
    part_xml,
    sample,
)

pytestmark = pytest.mark.usefixtures("every_export_checked")

GOLDEN = ROOT / "tests" / "data"
HEADINGS = [
    "North Korea Conducts Ballistic Missile Tests Escalating Regional Tensions",
    "Implications for US Diplomacy as Trump Prepares for Asia Tour",
    "Strategic Recommendations for Strengthening Alliance Coordination and Deterrence",
]
W = ooxml.w
LEDE = (
    "North Korea has once again escalated tensions on the Korean Peninsula by test-firing ballistic "
    "missiles, as AP News reported."
)


def export(tmp_path: Path, briefing: Briefing | None = None, **options) -> tuple[Path, object]:
    path = tmp_path / "note.docx"
    options.setdefault("date", DATE)
    result = export_docx(briefing if briefing is not None else sample(), path, ExportOptions(**options))
    return path, result


@pytest.mark.parametrize("template", ["briefing-note", "decision-memo", "us-action-memo", "uk-submission"])
def test_golden_structure_of_the_sample(tmp_path, template):
    """The whole body, paragraph by paragraph with its style, and every table's shape and header.

    To accept a deliberate change: BRIEFING_UPDATE_GOLDEN=1 pytest tests/core/test_export_docx.py
    """
    path, result = export(tmp_path, template=template)
    outline = "\n".join(line[:100] for line in body_outline(path)) + "\n"
    golden = GOLDEN / f"export-golden-{template}.txt"
    if os.environ.get("BRIEFING_UPDATE_GOLDEN"):
        golden.write_text(outline, encoding="utf-8")
    assert outline == golden.read_text(encoding="utf-8")
    assert result.warnings == [] and result.tables == 3 and result.comments == 0


def test_sample_in_reading_order(tmp_path):
    path, _ = export(tmp_path)
    outline = body_outline(path)
    headings = [line.split("|", 2)[2] for line in outline if line.startswith("P|Heading 1|")]
    # The note's own parts; the title is never repeated as a heading: the section it heads is the
    # Background, and the article's other headings are printed one level down in the part they go in.
    assert headings == ["Summary", "Background", "Recommendations", "Sources"]
    subheadings = [line.split("|", 2)[2] for line in outline if line.startswith("P|Heading 2|")]
    assert subheadings == HEADINGS[1:]
    assert outline.index(f"P|Heading 2|{HEADINGS[2]}") == outline.index("P|Heading 1|Recommendations") + 1
    assert outline[:7] == [
        "P|Title|Briefing Note",
        "P|Subtitle|For information",
        "P|Header Block|To:\tDirector General, Asia-Pacific",
        "P|Header Block|From:\tJane Analyst, Policy Analysis Division",
        f"P|Header Block|Date:\t{DATE}",
        f"P|Header Block End|Subject:\t{HEADINGS[0]}",
        "P|Heading 1|Summary",
    ]
    # the Summary is the lede when the analyst wrote no key points
    assert outline[7].startswith("P|Normal|North Korea has once again escalated tensions")
    assert outline[-1] == "P|Prepared By|Prepared by: Jane Analyst, Policy Analysis Division"
    assert "P|Normal|AP News." in outline


def test_list_items_show_the_term_in_bold_and_carry_numbering(tmp_path):
    path, _ = export(tmp_path)
    document = docx.Document(str(path))
    items = [p for p in document.paragraphs if p.style.name == "List Bullet"]
    first = items[0]
    assert first.text == (
        "Regional security destabilization: Heightened alertness among East Asian nations amid fears of "
        "escalation."
    )
    assert [(r.text, r.bold) for r in first.runs[:2]] == [
        ("Regional security destabilization", True),
        (": ", None),
    ]
    assert all(p._p.find(f"{W('pPr')}/{W('numPr')}") is not None for p in items)
    recommendations = [p for p in document.paragraphs if p.style.name == "List Number"]
    assert len(recommendations) == 3  # printed once: the list they were made from is not printed again
    assert not any(p.text == recommendations[0].text for p in items)


def test_tables_shapes_repeating_bold_shaded_header_and_widths(tmp_path):
    path, result = export(tmp_path)
    document = docx.Document(str(path))
    shapes = [(len(t.rows), len(t.columns)) for t in document.tables]
    assert shapes == [(3, 7), (4, 4), (4, 2)]  # the action table's rows are the recommendations' details
    text_width = (document.sections[0].page_width - 2 * document.sections[0].left_margin) // 635
    fill = docx.Document(str(path)).styles["Briefing Table"].element.find(f".//{W('tblStylePr')}//{W('shd')}")
    for table in document.tables:
        rows = table._tbl.findall(W("tr"))
        flags = [row.find(f"{W('trPr')}/{W('tblHeader')}") is not None for row in rows]
        assert flags == [True] + [False] * (len(rows) - 1)
        assert all(row.find(f"{W('trPr')}/{W('cantSplit')}") is not None for row in rows)
        header_cells = rows[0].findall(W("tc"))
        assert {c.find(f"{W('tcPr')}/{W('shd')}").get(W("fill")) for c in header_cells} == {
            fill.get(W("fill"))
        }
        assert all(r.find(f"{W('rPr')}/{W('b')}") is not None for c in header_cells for r in c.iter(W("r")))
        grid = [int(g.get(W("w"))) for g in table._tbl.iter(W("gridCol"))]
        assert sum(grid) == text_width  # no table runs off the page
        assert table._tbl.find(f"{W('tblPr')}/{W('tblLayout')}").get(W("type")) == "fixed"
    launches = document.tables[0]
    assert [c.text for c in launches.rows[1].cells[:4]] == [
        "April 5, 2024",
        "Hwasong-12",
        "1,100",
        "14 minutes",
    ]
    alignments = [c.paragraphs[0].alignment for c in launches.rows[1].cells[:3]]
    assert [a is not None and a.name == "RIGHT" for a in alignments] == [False, False, True]  # numbers right
    grid = [int(g.get(W("w"))) for g in launches._tbl.iter(W("gridCol"))]
    assert grid[0] > grid[5]  # "April 5, 2024" gets more room than the empty sixth column
    assert result.tables == 3


def test_captions_number_tables_with_seq_fields(tmp_path):
    path, _ = export(tmp_path)
    document = docx.Document(str(path))
    captions = [p for p in document.paragraphs if p.style.name == "Caption"]
    assert [p.text for p in captions] == [
        "Table 1: Launch Date, Missile Type, Range (km) and Flight Duration",
        "Table 2: Priority and Diplomatic Focus",
        "Table 3: Priority and Diplomatic Focus",
    ]
    assert all(ooxml.field_instructions(p._p) == ["SEQ Table \\* ARABIC"] for p in captions)


def test_a_caption_from_the_article_is_used(tmp_path):
    briefing = sample()
    next(b for _, b in briefing.blocks() if isinstance(b, Table)).caption = "Launches in April"
    path, _ = export(tmp_path, briefing)
    captions = [p.text for p in docx.Document(str(path)).paragraphs if p.style.name == "Caption"]
    assert captions[0] == "Table 1: Launches in April"


def test_banner_and_page_numbers_in_header_and_footer(tmp_path):
    path, _ = export(tmp_path, classification="PROTECTED B")
    section = docx.Document(str(path)).sections[0]
    assert [p.text for p in section.header.paragraphs] == ["PROTECTED B"]
    assert [p.text for p in section.footer.paragraphs] == ["Page 1 of 1", "PROTECTED B"]
    assert ooxml.field_instructions(section.footer._element) == ["PAGE", "NUMPAGES"]
    assert section.header.paragraphs[0].style.name == "Banner"
    assert section.header.paragraphs[0].style.paragraph_format.alignment.name == "CENTER"


def test_core_and_custom_properties(tmp_path):
    before = dt.datetime.now(dt.UTC).replace(microsecond=0)
    path, _ = export(tmp_path, template="decision-memo", classification="SECRET")
    core = docx.Document(str(path)).core_properties
    assert core.title == HEADINGS[0]
    assert core.author == "Jane Analyst, Policy Analysis Division"
    assert core.subject == "Decision Memorandum — For decision"
    assert core.keywords == "SECRET; AP News; For decision"
    assert core.category == "SECRET"
    assert before <= core.created <= dt.datetime.now(dt.UTC)
    assert custom_properties(path) == {
        "Classification": "SECRET",
        "Purpose": "For decision",
        "Template": "decision-memo",
    }


def test_comments_are_real_word_comments_anchored_on_their_exact_text(tmp_path):
    path, result = export(tmp_path, annotated(), template="decision-memo")
    document = docx.Document(str(path))
    comments = {c.comment_id: c for c in document.comments}
    anchored = comment_anchors(path)
    by_text = {comments[i].text: (anchored[i], comments[i].author, comments[i].initials) for i in comments}
    recommendation = (
        "Expanding missile defense systems in vulnerable areas to reduce reaction time and increase"
    )
    assert by_text == {
        "Peninsula or Sea of Japan?": ("on the Korean Peninsula", "Jane Analyst", "JA"),
        "Both Koreas?": ("Korean", "Lee Reviewer", "LR"),
        "Shifted cells.": ("April 6, 2024", "Lee Reviewer", "LR"),
        "Costly.": ("Expanding", "Lee Reviewer", "LR"),
        "Vague term.": ("Regional security destabilization", "Lee Reviewer", "LR"),
        "Printed twice.": ("Table 2: Priority and Diplomatic Focus", "Lee Reviewer", "LR"),
        "Which range?": ("Range", "Lee Reviewer", "LR"),
        "Fund from the existing envelope.": (recommendation + " interception rates.", "Jane Analyst", "JA"),
        "Resolved already.": (LEDE, "Lee Reviewer", "LR"),
    }
    assert result.comments == len(comments) == 9  # the resolved one too, marked done
    dated = next(c for c in document.comments if c.text == "Peninsula or Sea of Japan?")
    assert dated.timestamp == dt.datetime(2025, 5, 10, 9, 30, tzinfo=dt.UTC)
    # the bold run was cut at the comment's edges and kept its formatting
    lede = next(p for p in document.paragraphs if p.text.startswith("North Korea has once again"))
    assert [(r.text, r.bold) for r in lede.runs if r.text][:4] == [
        ("North Korea has once again escalated tensions ", None),
        ("on the ", True),
        ("Korean", True),
        (" Peninsula", True),
    ]


def test_resolved_comments_are_marked_done_left_out_on_request_and_comments_off(tmp_path):
    path, result = export(tmp_path, annotated())
    comments = part_xml(path, "word/comments.xml")
    done = part_xml(path, "word/commentsExtended.xml")
    w14, w15 = f"{{{ooxml.W14_NS}}}", f"{{{ooxml.W15_NS}}}"
    marks = {entry.get(f"{w15}paraId"): entry.get(f"{w15}done") for entry in done}
    by_paragraph = {
        p.get(f"{w14}paraId"): "".join(p.itertext()) for p in comments.iter(W("p")) if p.get(f"{w14}paraId")
    }
    assert by_paragraph == {next(iter(marks)): "Resolved already."} and list(marks.values()) == ["1"]
    types = part_xml(path, "[Content_Types].xml")
    assert any(t.get("PartName") == "/word/commentsExtended.xml" for t in types)
    assert result.comments == 9
    path, result = export(tmp_path, annotated(), include_resolved_comments=False)
    texts = [c.text for c in docx.Document(str(path)).comments]
    assert "Resolved already." not in texts and result.comments == 8
    with zipfile.ZipFile(path) as archive:
        assert "word/commentsExtended.xml" not in archive.namelist()  # nothing to mark
    path, result = export(tmp_path, annotated(), include_comments=False)
    assert result.comments == 1  # the recommendation's annotation comment is part of the decision record
    assert comment_anchors(path).keys() == {0}


def test_comment_on_text_no_longer_there_is_kept_with_a_warning(tmp_path):
    briefing = annotated()
    briefing.comments[0].anchor = Ref("s999", "b999", start=0, end=4)  # neither block nor section is left
    path, result = export(tmp_path, briefing)
    assert any("no longer in the briefing" in w and "Subject line" in w for w in result.warnings)
    texts = {c.comment_id: c.text for c in docx.Document(str(path)).comments}
    moved = next(i for i, text in texts.items() if text.endswith("Peninsula or Sea of Japan?"))
    assert texts[moved] == "(on text since removed) Peninsula or Sea of Japan?"
    assert comment_anchors(path)[moved] == HEADINGS[0]  # on the Subject line
    assert result.comments == 9  # none dropped


def test_a_comment_on_an_empty_table_left_out_is_kept(tmp_path):
    briefing = Briefing()
    briefing.meta.title = "Empty"
    briefing.sections = [Section("s1", "Data", 1, [Table("t1", [], [])])]
    briefing.comments = [Comment("c1", Ref("s1", "t1"), "Fill this in.")]
    path, result = export(tmp_path, briefing)
    assert [c.text for c in docx.Document(str(path)).comments] == ["(on text since removed) Fill this in."]
    assert result.comments == 1


def test_comments_on_deleted_rows_items_spans_and_blocks_go_on_the_nearest_text(tmp_path):
    briefing = annotated()
    tables = [b for _, b in briefing.blocks() if isinstance(b, Table)]
    listing = next(b for _, b in briefing.blocks() if isinstance(b, ListBlock))
    section = next(s for s in briefing.sections if listing in s.blocks)
    briefing.comments = [
        Comment("c1", Ref(section.id, tables[0].id, row=1, column=3), "On a cell.", "Lee Reviewer"),
        Comment("c2", Ref(section.id, listing.id, item=0, start=0, end=6), "On an item.", "Lee Reviewer"),
        Comment("c3", Ref(section.id, "b999", start=0, end=6), "On a paragraph.", "Lee Reviewer"),
    ]
    operations.remove_row(briefing, tables[0].id, 1)
    operations.remove_item(briefing, listing.id, 0)
    assert all(c.anchor.lost for c in briefing.comments[:2])
    briefing.comments[2].anchor = briefing.comments[2].anchor.orphaned()
    path, result = export(tmp_path, briefing)
    document = docx.Document(str(path))
    anchored = comment_anchors(path)
    by_text = {c.text: anchored[c.comment_id] for c in document.comments}
    assert by_text["(on text since removed) On a cell."].startswith("Table 1: ")  # the table's caption
    assert by_text["(on text since removed) On an item."].startswith(listing.items[0].full_text[:20])
    assert by_text["(on text since removed) On a paragraph."] == "Background"  # heads the title's section
    assert any("nearest text that remains" in w for w in result.warnings)
    assert result.comments == 4  # the three, and the recommendation's annotation


def test_decision_memo_lines_recorded_decision_details_and_signature(tmp_path):
    path, _ = export(tmp_path, annotated(), template="decision-memo")
    outline = body_outline(path)
    lines = [line for line in outline if line.startswith("P|Decision Line|Approve")]
    assert len(lines) == 3 and lines[0] == "P|Decision Line|Approve ______\tDisapprove ______\tOther ______"
    # Each decision stands alone: its own initials and date line right after its decision line.
    initials = [i for i, line in enumerate(outline) if line.startswith("L|Decision Line|Initials ____")]
    decisions = [i for i, line in enumerate(outline) if line.startswith("P|Decision Line|Approve")]
    assert [i + 1 for i in decisions] == initials
    assert "L|List Number|Owner: Defence Policy   ·   Priority: High   ·   Due: 30 June 2025" in outline
    assert "L|List Number|Analyst's recorded decision: Approve" in outline
    assert "P|Header Block End|Decision needed by:\t20 May 2025" in outline
    assert not any("Signature" in line for line in outline)  # no one signature for all of them
    assert outline[1] == "P|Subtitle|For decision"
    path, _ = export(tmp_path, annotated(), template="decision-memo", decision_line="boxes")
    boxes = [line for line in body_outline(path) if "\u2610 Approve" in line]
    assert boxes[0] == "P|Decision Line|\u2610 Approve\t\u2610 Disapprove\t\u2610 Other" and len(boxes) == 3


def test_briefing_note_has_no_decision_lines(tmp_path):
    path, _ = export(tmp_path, annotated())
    outline = body_outline(path)
    assert not any(line.startswith("P|Decision Line") for line in outline)
    assert "L|List Number|Recorded decision: Approve" in outline


def test_unknown_decision_line_style_is_refused(tmp_path):
    from briefing.errors import ExportError

    with pytest.raises(ExportError, match="decision line style"):
        export(tmp_path, decision_line="ticks")


def test_summary_key_points_then_lede_and_sources_with_link(tmp_path):
    path, _ = export(tmp_path, annotated())
    outline = body_outline(path)
    start = outline.index("P|Heading 1|Summary")
    assert outline[start + 1 : start + 3] == [
        "P|List Bullet|North Korea fired ballistic missiles days before the visit.",
        "P|List Bullet|Allies condemned it.",
    ]
    assert outline[start + 3].startswith("P|Normal|North Korea has once again")
    assert "P|Normal|AP News, https://apnews.com/article/north-korea-missile, 5 April 2024." in outline
    rels = part_xml(path, "word/_rels/document.xml.rels")
    targets = {r.get("Target") for r in rels if r.get("TargetMode") == "External"}
    assert targets == {"https://apnews.com", "https://apnews.com/article/north-korea-missile"}
    document = part_xml(path, "word/document.xml")
    assert len(list(document.iter(W("hyperlink")))) == 2


def test_corrections_appendix_by_default_when_fixes_were_applied(tmp_path):
    path, _ = export(tmp_path, annotated())
    outline = body_outline(path)
    start = outline.index("P|Heading 1|Corrections to the source")
    # grouped by kind with a count; a removed table shown as a small Word table, not pipe text
    assert outline[start + 2 :] == [
        "P|Heading 2|Other corrections (2)",  # rules this version does not know
        "T|2x4|Where | Correction | Before | After",
        "P|Table Text|",
        "P|Normal|Table 3. Removed the table printed twice",
        "P|Appendix Note|Before: ",
        "T|1x2|Priority | Diplomatic Focus",
        "P|Table Text|",
        "P|Appendix Note|After: (removed)",
    ]
    table = docx.Document(str(path)).tables[-2]
    assert [c.text for c in table.rows[1].cells][1:] == [
        "Removed a leftover chatbot sentence",
        "If you’d like, I can also help",
        "(removed)",
    ]
    assert table.rows[1].cells[0].text.startswith("Paragraph 3 in “North Korea Conducts")
    heading = next(p for p in docx.Document(str(path)).paragraphs if p.text == "Corrections to the source")
    assert heading.paragraph_format.page_break_before
    path, _ = export(tmp_path, annotated(), include_corrections=False)
    assert "P|Heading 1|Corrections to the source" not in body_outline(path)
    path, _ = export(tmp_path, sample(), include_corrections=True)
    assert body_outline(path)[-1] == "P|Appendix Note|No corrections were made to the source article."


def test_characters_word_cannot_store_are_dropped_with_a_warning(tmp_path):
    briefing = sample()
    briefing.meta.title = "Title\x00 with NUL"
    briefing.sections[1].heading = "Heading\x1b"
    briefing.sections[1].blocks[0] = Paragraph("p1", [Run("bad \ud800 surrogate \ufffe and \x0c feed")])
    table = next(b for _, b in briefing.blocks() if isinstance(b, Table))
    table.rows[0][0] = "cell\x0b"
    briefing.comments = []
    path, result = export(tmp_path, briefing)
    outline = body_outline(path)
    assert "P|Header Block End|Subject:\tTitle with NUL" in outline
    assert "P|Heading 2|Heading" in outline
    assert "P|Normal|bad  surrogate  and  feed" in outline
    assert docx.Document(str(path)).tables[0].rows[1].cells[0].text == "cell"
    assert docx.Document(str(path)).core_properties.title == "Title with NUL"
    joined = " ".join(result.warnings)
    assert "table 1" in joined and "the title" in joined and 'the heading "Heading' in joined
    assert all(w.startswith("Dropped ") for w in result.warnings)


def test_levels_ordered_lists_restart_and_headings_nest(tmp_path):
    briefing = Briefing()
    briefing.meta.title = "Nesting"
    section = Section("s1", "Top", 1)
    sub = Section("s2", "Sub", 2)
    deeper = Section("s3", "Deeper", 5)
    first = ListBlock("b1", [ListItem("one"), ListItem("one.a", level=1), ListItem("two")], ordered=True)
    second = ListBlock("b2", [ListItem("again")], ordered=True)
    sub.blocks = [first, second]
    briefing.sections = [section, sub, deeper]
    path, _ = export(tmp_path, briefing)
    outline = body_outline(path)
    start = outline.index("P|Heading 1|Background")
    assert outline[start : start + 4] == [
        "P|Heading 1|Background",
        "P|Heading 2|Top",
        "P|Heading 3|Sub",
        "P|List Number|one",
    ]
    assert "P|Heading 3|Deeper" in outline  # deeper levels stop at Heading 3
    numbered = [p for p in docx.Document(str(path)).paragraphs if p.style.name == "List Number"]
    ids = [
        (p._p.find(f".//{W('numId')}").get(W("val")), p._p.find(f".//{W('ilvl')}").get(W("val")))
        for p in numbered
    ]
    assert ids[0][0] == ids[1][0] == ids[2][0] != ids[3][0]
    assert [level for _, level in ids] == ["0", "1", "0", "0"]
    numbering = part_xml(path, "word/numbering.xml")
    restart = numbering.find(
        f"{W('num')}[@{W('numId')}='{ids[3][0]}']/{W('lvlOverride')}/{W('startOverride')}"
    )
    assert restart is not None and restart.get(W("val")) == "1"


def test_empty_briefing_and_empty_table(tmp_path):
    briefing = Briefing()
    briefing.sections = [Section("s1", "Only", 1, [Table("t1")])]
    path, result = export(tmp_path, briefing)
    assert body_outline(path)[-3:] == [
        "P|Header Block End|Subject:\t(no title)",
        "P|Heading 1|Background",
        "P|Heading 2|Only",
    ]
    assert any("empty table" in w for w in result.warnings)
    path, _ = export(tmp_path, Briefing(), date=None)
    assert body_outline(path)[0] == "P|Title|Briefing Note"


def test_project_file_round_trip_exports_the_same(tmp_path):
    project = tmp_path / "note.briefing"
    save(annotated(), project)
    first, _ = export(tmp_path, annotated())
    outline = body_outline(first)
    second, _ = export(tmp_path, load(project))
    assert body_outline(second) == outline


def test_a_big_table_is_written_whole(tmp_path):
    """Speed is measured in benchmarks/export_speed.py; here, that every row arrives intact."""
    rows = [[f"{r:,}", f"Row {r}", "text " * 3, "", "x", str(r * 7)] for r in range(5000)]
    briefing = Briefing()
    briefing.sections = [Section("s1", "Data", 1, [Table("t1", [f"C{c}" for c in range(6)], rows)])]
    path, _ = export(tmp_path, briefing)
    table = docx.Document(str(path)).tables[0]
    assert len(table.rows) == 5001 and table.rows[-1].cells[1].text == "Row 4999"
    assert table.rows[2500].cells[0].text == "2,499"


def test_subtitle_joins_the_subject_and_list_comments_without_an_item_cover_the_list(tmp_path):
    briefing = sample()
    briefing.meta.subtitle = "Launches ahead of the presidential visit"
    listing = next(b for _, b in briefing.blocks() if isinstance(b, ListBlock))
    briefing.comments = [
        Comment("c1", Ref(block_id=listing.id), "Whole list.", "Lee Reviewer"),
        Comment("c2", Ref(block_id=listing.id, item=7), "Item that is gone.", "Lee Reviewer"),
    ]
    path, result = export(tmp_path, briefing)
    subject = next(p for p in docx.Document(str(path)).paragraphs if p.text.startswith("Subject:"))
    assert subject.text == f"Subject:\t{HEADINGS[0]}\n\tLaunches ahead of the presidential visit"
    assert subject.runs[-1].italic
    anchored = sorted(comment_anchors(path).values())
    assert len(anchored) == 2 and anchored[0] == anchored[1]
    assert anchored[0].startswith("Regional security destabilization") and anchored[0].endswith(
        "denuclearization."
    )
    assert result.comments == 2


def test_a_table_without_header_row_repeats_nothing_and_is_not_styled_as_one(tmp_path):
    briefing = Briefing()
    briefing.sections = [Section("s1", "Data", 1, [Table("t1", [], [["a", "1"], ["b", "2"]])])]
    path, _ = export(tmp_path, briefing)
    table = docx.Document(str(path)).tables[0]._tbl
    assert table.find(f".//{W('tblHeader')}") is None
    assert table.find(f"{W('tblPr')}/{W('tblLook')}").get(W("firstRow")) == "0"
    assert table.find(f".//{W('shd')}") is None
    assert [p.text for p in docx.Document(str(path)).paragraphs if p.style.name == "Caption"] == [
        "Table 1: Data"
    ]


@pytest.mark.parametrize("template", ["briefing-note", "decision-memo"])
def test_the_package_is_plain_current_and_read_back_by_pandoc(tmp_path, template):
    path, _ = export(tmp_path, annotated(), template=template)
    assert_sound_package(path)  # one member per name, deflated, no ZIP64
    text = pandoc_text(path)
    assert HEADINGS[1] in text and "Hwasong" in text
    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
    assert not {"word/stylesWithEffects.xml", "docProps/thumbnail.jpeg"} & set(names)
    rels = part_xml(path, "word/_rels/document.xml.rels")
    assert not [r for r in rels if "stylesWithEffects" in r.get("Type", "")]
    settings = part_xml(path, "word/settings.xml")
    modes = [
        s.get(W("val")) for s in settings.iter(W("compatSetting")) if s.get(W("name")) == "compatibilityMode"
    ]
    assert modes == ["15"]
    app = part_xml(path, "docProps/app.xml")
    values = {etree.QName(child).localname: child.text for child in app}
    assert values["Application"] == "Briefing Editor"
    assert not {"Template", "Pages", "Words", "AppVersion", "TitlesOfParts"} & set(values)
    # every part has its content type, none is left without
    types = part_xml(path, "[Content_Types].xml")
    overrides = {t.get("PartName") for t in types if t.get("PartName")}
    defaults = {t.get("Extension") for t in types if t.get("Extension")}
    for name in names:
        assert f"/{name}" in overrides or name.rpartition(".")[2] in defaults, name


def test_core_properties_are_the_notes_not_the_templates(tmp_path):
    template = tmp_path / "dept.docx"
    document = docx.Document(str(builtin_path("briefing-note")))
    core = document.core_properties
    core.author, core.last_modified_by, core.revision = "Template Author", "Template Editor", 41
    core.content_status, core.identifier, core.version = "Draft template", "TPL-7", "3.2"
    document.save(str(template))
    briefing = sample()
    briefing.meta.subtitle = "Launches ahead of the presidential visit"
    before = dt.datetime.now(dt.UTC).replace(microsecond=0)
    path, _ = export(tmp_path, briefing, template=str(template))
    core = docx.Document(str(path)).core_properties
    assert (core.title, core.subject) == (HEADINGS[0], "Launches ahead of the presidential visit")
    assert core.author == core.last_modified_by == "Jane Analyst, Policy Analysis Division"
    assert (core.revision, core.content_status, core.identifier, core.version) == (1, "", "", "")
    assert before <= core.created == core.modified <= dt.datetime.now(dt.UTC)
    briefing.meta.prepared_by = ""
    path, _ = export(tmp_path, briefing, template=str(template))
    assert docx.Document(str(path)).core_properties.author == ""  # not the template's


def test_the_source_line_never_stands_alone_on_the_last_page(tmp_path):
    """The Sources part is one line: the recommendation before it (its detail lines are lines of its
    paragraph, kept together) keeps with it, so a page break goes before the last recommendation, not
    between it and Sources."""
    path, _ = export(tmp_path)
    paragraphs = docx.Document(str(path)).paragraphs
    at = next(i for i, p in enumerate(paragraphs) if p.text == "Sources" and p.style.name == "Heading 1")
    before = paragraphs[at - 1]
    assert before.style.name == "List Number" and "\n" in before.text  # the detail is a line of it
    assert before.paragraph_format.keep_with_next and before.paragraph_format.keep_together
    assert paragraphs[at + 1].paragraph_format.keep_with_next  # "Prepared by" stays with the source
    recommendations = [p for p in paragraphs if p.style.name == "List Number"]
    keeps = [p._p.find(f"{W('pPr')}/{W('keepNext')}") for p in recommendations]
    assert keeps[-1] is not None  # the last one keeps with Sources
    assert all(k is None or k.get(W("val")) is None for k in keeps)  # on or absent, never written as "0"
