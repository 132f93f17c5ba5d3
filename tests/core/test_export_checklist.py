"""The pre-export checklist warns about what should not reach a decision maker unseen."""

from __future__ import annotations

import dataclasses

from briefing.checks import apply_safe_fixes
from briefing.export.checklist import checklist, estimated_pages
from briefing.importing import import_file, import_text
from briefing.model import Comment
from briefing.refs import Ref


def test_the_raw_sample_as_a_decision_memo_gets_every_warning(sample_path):
    briefing = import_file(sample_path)
    briefing.comments.append(Comment("c1", Ref(block_id=briefing.recommendations[0].id), "Check cost"))
    warnings = checklist(briefing, "decision-memo")
    assert any("error findings are still open" in w for w in warnings)
    assert any("3 of 3 recommendations have no recorded decision" in w for w in warnings)
    assert any("1 comment is unresolved" in w for w in warnings)
    # The article goes to Annex A in a decision memo, so the body (Issue and Recommendations) fits.
    assert not any("this template allows 2" in w for w in warnings)
    assert not any("summary is empty" in w for w in warnings)


def _long_summary(briefing):
    """The sample with an Issue far too long for a two-page memo."""
    briefing.meta.summary = ["A key point the analyst wrote, with enough words to fill a line. " * 12] * 12
    return briefing


def test_a_body_past_the_page_limit_is_reported(sample_path):
    warnings = checklist(_long_summary(import_file(sample_path)), "decision-memo")
    assert any("this template allows 2" in w for w in warnings)


def test_a_fixed_decided_sample_as_a_briefing_note_is_clean(sample_path):
    briefing = import_file(sample_path)
    apply_safe_fixes(briefing)
    from briefing.checks import run_checks

    briefing.ignored = [f.key for f in run_checks(briefing) if f.severity == "error"]
    assert checklist(briefing, "briefing-note") == []


def test_an_empty_summary_is_reported():
    briefing = import_text("Only A Heading\n\nFirst Section\n- one item\n")
    assert any("summary is empty" in w for w in checklist(briefing, "briefing-note"))


def test_page_estimate_grows_with_text():
    short = import_text("Lede.\n")
    long = import_text("Lede.\n" + "A sentence with some words in it. " * 2000)
    assert estimated_pages(short) < 1 < 5 < estimated_pages(long)


def test_a_decision_memo_with_no_recommendations_is_a_checklist_error(sample_path):
    from briefing.export.checklist import ERROR_PREFIX

    briefing = import_file(sample_path)
    briefing.recommendations = []
    briefing.meta.purpose = "decision"
    items = checklist(briefing, "decision-memo")
    assert items[0].startswith(ERROR_PREFIX) and "no recommendations" in items[0]
    briefing.meta.purpose = "information"
    assert not any(i.startswith(ERROR_PREFIX) for i in checklist(briefing, "briefing-note"))


def _soffice_or_skip() -> None:
    import pytest

    from briefing.export.pdf import find_soffice

    if find_soffice() is None:
        pytest.skip("LibreOffice is not installed")


def test_pages_are_counted_on_the_layout_and_the_limit_is_the_body_before_the_annexes(sample_path, tmp_path):
    import pypdfium2

    from briefing.export import ExportOptions, export_docx, export_pdf
    from briefing.export.checklist import annex_headings, measure_docx
    from briefing.export.templates import resolve_template

    _soffice_or_skip()
    briefing = import_file(sample_path)
    apply_safe_fixes(briefing)
    path = tmp_path / "memo.docx"
    export_docx(briefing, path, ExportOptions(template="decision-memo"))
    settings = resolve_template("decision-memo", "decision").settings
    pages = measure_docx(path, annex_headings(settings))
    assert pages is not None and pages.rendered
    export_pdf(path, tmp_path / "memo.pdf")
    document = pypdfium2.PdfDocument(str(tmp_path / "memo.pdf"))
    assert pages.total == len(document)
    document.close()
    names = [name for name, _ in pages.parts]
    assert names[pages.body_parts] == "Annex A — Source article"  # the article starts the annexes
    assert "Corrections to the source" in names[pages.body_parts :]
    assert 1 <= pages.body < pages.total  # the appendix's pages do not count against the limit
    assert abs(sum(size for _, size in pages.parts[: pages.body_parts]) - pages.body) <= 1
    # The article is in Annex A: the body (Issue, three decisions, Sources) fits the memo's two pages.
    assert pages.body <= 2
    items = checklist(briefing, "decision-memo", pages=pages)
    assert not [i for i in items if "this template allows 2" in i]
    # Laid out longer than the limit, the warning names what takes the space.
    longer = dataclasses.replace(pages, body=3)
    length = [i for i in checklist(briefing, "decision-memo", pages=longer) if "allows 2" in i]
    assert "as laid out by LibreOffice" in length[0] and "Most space: " in length[0]


def test_without_libreoffice_the_length_is_estimated_and_says_so(sample_path, monkeypatch):
    from briefing.export import pdf
    from briefing.export.checklist import measure_docx

    monkeypatch.setattr(pdf, "find_soffice", lambda: None)
    assert measure_docx(sample_path) is None
    items = checklist(_long_summary(import_file(sample_path)), "decision-memo", pages=None)
    assert any("(estimated: LibreOffice is not available" in i for i in items)


def test_an_annex_section_does_not_count_against_the_limit():
    body = "Lede.\n\n## Background\n\n" + "Words of the body. " * 100
    annex = "\n\n## Annex A — Source article\n\n" + "Words of the annex. " * 3000
    with_annex = import_text(body + annex)
    assert estimated_pages(with_annex, body_only=True) < 2 < 5 < estimated_pages(with_annex)
