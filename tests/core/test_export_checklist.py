"""The pre-export checklist warns about what should not reach a decision maker unseen."""

from __future__ import annotations

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
    assert any("6 of 6 recommendations have no recorded decision" in w for w in warnings)
    assert any("1 comment is unresolved" in w for w in warnings)
    assert any("this template allows 2" in w for w in warnings)
    assert not any("summary is empty" in w for w in warnings)


def test_a_fixed_decided_sample_as_a_briefing_note_is_clean(sample_path):
    briefing = import_file(sample_path)
    apply_safe_fixes(briefing)
    from briefing.checks import run_checks

    briefing.ignored = [f.key for f in run_checks(briefing) if f.severity == "error"]
    assert checklist(briefing, "briefing-note") == []


def test_an_empty_summary_is_reported():
    briefing = import_text("Only A Heading\n- one item\n")
    assert any("summary is empty" in w for w in checklist(briefing, "briefing-note"))


def test_page_estimate_grows_with_text():
    short = import_text("Lede.\n")
    long = import_text("Lede.\n" + "A sentence with some words in it. " * 2000)
    assert estimated_pages(short) < 1 < 5 < estimated_pages(long)
