"""The fix engine on every finding of the sample and the test articles: exact revert, idempotence,
nothing lost, and the unattended safe-fix loop."""

from __future__ import annotations

import pytest

from briefing.checks import FixError, apply_fix, apply_safe_fixes, revert_fix, run_checks
from briefing.checks.findings import Finding, Fix
from briefing.importing import import_file
from briefing.project import from_dict, to_dict
from briefing.refs import Ref
from briefing.textfile import read_text
from tests.conftest import SAMPLE
from tests.core.article_expectations import Article, articles
from tests.core.checks_support import lost, pieces

ARTICLES = articles()


def _load(article: Article | None):
    if article is None:
        return import_file(SAMPLE), read_text(SAMPLE).text
    return article.load()


CASES = [pytest.param(None, id="sample")] + [pytest.param(a, id=a.name) for a in ARTICLES]


@pytest.mark.parametrize("article", CASES)
def test_every_fix_reverts_exactly_and_is_idempotent(article):
    briefing, source = _load(article)
    original = to_dict(briefing)
    findings = run_checks(briefing, source)
    tried = 0
    for finding in findings:
        for fix in finding.fixes:
            applied = apply_fix(briefing, finding, fix)
            assert applied.changed, f"{finding.rule}: {fix.label} did nothing"
            assert briefing.changes[-1] is applied.change
            changed = to_dict(briefing)
            assert changed != original
            again = apply_fix(briefing, finding, fix)
            assert not again.changed, f"{finding.rule}: {fix.label} applied twice"
            assert to_dict(briefing) == changed
            revert_fix(briefing, applied)
            assert to_dict(briefing) == original, f"{finding.rule}: {fix.label} did not revert exactly"
            tried += 1
    assert tried == sum(len(f.fixes) for f in findings)


@pytest.mark.parametrize("article", CASES)
def test_nothing_is_lost_after_any_single_fix(article):
    briefing, source = _load(article)
    original = pieces(briefing)
    for finding in run_checks(briefing, source):
        for fix in finding.fixes:
            applied = apply_fix(briefing, finding, fix)
            assert lost(original, briefing) == [], f"{finding.rule}: {fix.label}"
            assert applied.change is not None and applied.change.note
            revert_fix(briefing, applied)


@pytest.mark.parametrize("article", CASES)
def test_nothing_is_lost_after_every_fix_one_after_another(article):
    briefing, source = _load(article)
    original = pieces(briefing)
    for _ in range(30):
        findings = [f for f in run_checks(briefing, source) if f.fixes]
        if not findings:
            break
        applied = apply_fix(briefing, findings[0], findings[0].fixes[0])
        assert lost(original, briefing) == [], findings[0].rule
        if not applied.changed:
            break
    # Whatever happened, the project file still loads.
    from_dict(to_dict(briefing))


@pytest.mark.parametrize("article", CASES)
def test_safe_fixes_leave_no_safe_fix_and_reload(article):
    briefing, source = _load(article)
    apply_safe_fixes(briefing, source=source)
    assert not [f for f in run_checks(briefing, source) if f.safe_fix]
    assert to_dict(from_dict(to_dict(briefing))) == to_dict(briefing)


def test_reverting_a_sequence_backwards_restores_the_start():
    briefing, source = _load(None)
    original = to_dict(briefing)
    applied = []
    for _ in range(20):
        finding = next((f for f in run_checks(briefing, source) if f.safe_fix), None)
        if finding is None:
            break
        applied.append(apply_fix(briefing, finding, finding.safe_fix))
    assert len(applied) > 5
    for one in reversed(applied):
        revert_fix(briefing, one)
    assert to_dict(briefing) == original


def test_revert_keeps_ids_unique_when_others_took_ids_since():
    briefing, source = _load(None)
    finding = next(f for f in run_checks(briefing, source) if f.rule == "text.chatbot")
    applied = apply_fix(briefing, finding, finding.fixes[0])
    taken = briefing.new_id("c")
    revert_fix(briefing, applied)
    assert briefing.next_id > int(taken[1:])


def test_rules_select_the_fixes_to_apply_including_judgement_calls():
    briefing, source = _load(None)
    changes = apply_safe_fixes(briefing, ["people.conflicting-titles"], source=source)
    assert [c.rule for c in changes] == ["people.conflicting-titles"]
    assert "former U.S. President" not in to_dict(briefing)["sections"][1]["blocks"][0]["text"]
    assert not [f for f in run_checks(briefing) if f.rule == "people.conflicting-titles"]
    assert [f for f in run_checks(briefing) if f.rule == "text.chatbot"]


def test_unknown_rule_and_action_are_typed_errors():
    briefing, _ = _load(None)
    with pytest.raises(FixError, match="no-such-rule"):
        apply_safe_fixes(briefing, ["no-such-rule"])
    finding = Finding("text.chatbot", "error", "m", Ref("s1", "b2"))
    with pytest.raises(FixError, match="unknown fix action"):
        apply_fix(briefing, finding, Fix("x", True, "no-such-action"))


def test_a_fix_whose_target_is_gone_changes_nothing():
    briefing, source = _load(None)
    finding = next(f for f in run_checks(briefing, source) if f.rule == "table.duplicate")
    apply_fix(briefing, finding, finding.fixes[0])
    before = to_dict(briefing)
    stale = next(
        f
        for f in run_checks(import_file(SAMPLE))
        if f.rule == "table.empty-columns" and f.target.block_id == finding.target.block_id
    )
    assert not apply_fix(briefing, stale, stale.fixes[0]).changed
    assert to_dict(briefing) == before


def test_a_failing_action_leaves_the_model_as_it_was(monkeypatch):
    from briefing.checks import engine

    briefing, source = _load(None)
    original = to_dict(briefing)
    finding = next(f for f in run_checks(briefing, source) if f.rule == "table.duplicated-cell")

    def broken(edit, params):
        table = edit.block(params["block_id"])
        edit.set_row(table, 2, ["half-done"])
        raise RuntimeError("bug")

    monkeypatch.setitem(engine.ACTIONS, "table.collapse-repeat", broken)
    with pytest.raises(RuntimeError):
        apply_fix(briefing, finding, finding.fixes[0])
    assert to_dict(briefing) == original


def test_safe_fixes_leave_ignored_findings_alone(sample_path):
    """An analyst's Ignore holds for 'briefing fix', 'convert --fix' and the editor's Fix All."""
    from briefing.checks import apply_safe_fixes, run_checks
    from briefing.importing import import_file

    briefing = import_file(sample_path)
    chatbot = next(f for f in run_checks(briefing) if f.rule == "text.chatbot")
    briefing.ignored = [chatbot.key]
    changes = apply_safe_fixes(briefing)
    assert changes and all(c.rule != "text.chatbot" for c in changes)
    assert any("Let me know" in getattr(b, "text", "") for _, b in briefing.blocks())
