"""recommendation.wording: recommendations put as decisions ("That you …"), offered, never applied alone."""

from __future__ import annotations

import pytest

from briefing import cli
from briefing.checks import apply_fix, apply_safe_fixes, run_checks
from briefing.checks.wording import base_form, decision_wording
from briefing.importing import import_text
from tests.conftest import SAMPLE

MEMO = """Port Security Options

The harbour board asked for options after two breaches at the container terminal this spring.

## Recommendations

1. Strengthening perimeter patrols at the eastern quay before the summer peak.
2. Review the contract of the private guard company.
3. That you approve a joint inspection team with customs.
4. The board should publish a yearly security report.
5. Joint drills with the coastguard every quarter.
"""


@pytest.mark.parametrize(
    ("gerund", "verb"),
    [
        ("strengthening", "strengthen"),
        ("setting", "set"),
        ("reducing", "reduce"),
        ("prioritising", "prioritise"),
        ("engaging", "engage"),
        ("ensuring", "ensure"),
        ("providing", "provide"),
        ("negotiating", "negotiate"),
        ("creating", "create"),
        ("controlling", "control"),
        ("monitoring", "monitor"),
        ("developing", "develop"),
        ("tackling", "tackle"),
        ("focusing", "focus"),
        ("increasing", "increase"),
        ("requiring", "require"),
    ],
)
def test_a_gerund_gives_its_verb(gerund, verb):
    assert base_form(gerund) == verb


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Strengthening coordination with allies.", "That you strengthen coordination with allies."),
        (
            "Expand the grain corridor to two more ports",
            "That you expand the grain corridor to two more ports",
        ),
        ("Urgently review the tariff schedule.", "That you urgently review the tariff schedule."),
        ("The ministry should review port fees.", "That the ministry review port fees."),
        ("Canada should expand patrols in the north.", "That Canada expand patrols in the north."),
        ("We recommend increasing the fuel reserve.", "That you increase the fuel reserve."),
        ("Cyber: Fund two new response teams", "Cyber: That you fund two new response teams"),
        ("That you approve the plan.", None),
        ("It is recommended that the cabinet defer the vote.", None),
        ("Joint drills with the coastguard.", None),
        ("Sanctions on the shipping firms.", None),
        ("Funding for the northern ports.", None),
        ("Tariffs will rise in the spring.", None),
        ("NATO exercises in the Baltic.", None),
        ("Should we act now?", None),
    ],
)
def test_decision_wording(text, expected):
    assert decision_wording(text) == expected


def test_the_rule_is_opt_in_and_the_sample_keeps_its_findings():
    briefing = import_text(SAMPLE.read_text(encoding="utf-8"))
    assert not [f for f in run_checks(briefing) if f.rule == "recommendation.wording"]
    found = [
        f
        for f in run_checks(briefing, opt_in={"recommendation.wording"})
        if f.rule == "recommendation.wording"
    ]
    assert [f.message.split(":")[0] for f in found] == [
        f"Recommendation {n} is not worded as a decision" for n in (1, 2, 3)
    ]
    assert "“That you expand missile defense systems" in found[0].message


def test_findings_name_the_recommendation_and_the_fix_is_never_safe():
    briefing = import_text(MEMO)
    texts = [r.text for r in briefing.recommendations]
    assert len(texts) == 5, texts
    found = [
        f
        for f in run_checks(briefing, opt_in={"recommendation.wording"})
        if f.rule == "recommendation.wording"
    ]
    assert [f.target.block_id for f in found] == [briefing.recommendations[i].id for i in (0, 1, 3)]
    assert found[0].message.startswith("Recommendation 1 is not worded as a decision")
    assert all(f.severity == "info" and f.fixes and not f.fixes[0].safe for f in found)
    # The unattended loop never rewords.
    apply_safe_fixes(briefing)
    assert [r.text for r in briefing.recommendations] == texts
    # The analyst may take the wording: only the register's text changes, not the list item.
    items = [item.full_text for _, b in briefing.blocks() if b.kind == "list" for item in b.items]
    applied = apply_fix(briefing, found[0], found[0].fixes[0])
    assert applied.change is not None
    assert (
        briefing.recommendations[0].text
        == "That you strengthen perimeter patrols at the eastern quay before the summer peak."
    )
    assert [item.full_text for _, b in briefing.blocks() if b.kind == "list" for item in b.items] == items
    again = [
        f
        for f in run_checks(briefing, opt_in={"recommendation.wording"})
        if f.rule == "recommendation.wording"
    ]
    assert briefing.recommendations[0].id not in {f.target.block_id for f in again}


def test_the_command_line_runs_it_when_selected(tmp_path, capsys):
    path = tmp_path / "memo.md"
    path.write_text(MEMO, encoding="utf-8")
    cli.main(["check", str(path)])
    assert "recommendation.wording" not in capsys.readouterr().out
    cli.main(["check", str(path), "--select", "recommendation"])
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 4 and lines[-1].endswith("3 problems: 3 notes")
    assert all(" info recommendation.wording Recommendation " in line for line in lines[:3])
