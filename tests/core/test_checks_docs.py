"""Rule ids are stable and documented: docs/checks.md describes every one (what, example, fix)."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from briefing.checks import RULES, engine, run_checks
from briefing.checks.findings import SEVERITIES
from tests.core.article_expectations import articles

ROOT = Path(__file__).resolve().parent.parent.parent
DOC = (ROOT / "docs" / "checks.md").read_text(encoding="utf-8")


def _sections() -> dict[str, str]:
    parts = re.split(r"^#### `([\w.-]+)` \((\w+)\)\n", DOC, flags=re.MULTILINE)
    return {parts[i]: (parts[i + 1], parts[i + 2]) for i in range(1, len(parts), 3)}


def test_every_rule_is_documented_with_its_severity_an_example_and_the_fix():
    documented = _sections()
    assert list(documented) == list(RULES)
    for rule_id, (severity, body) in documented.items():
        assert severity == RULES[rule_id].severity, rule_id
        assert "**Finds**" in body and "**Example**" in body and "**Fix**" in body, rule_id


def test_rule_ids_are_namespaced_and_severities_known():
    for rule in RULES.values():
        assert re.fullmatch(
            r"(table|text|section|import|people|consistency|recommendation)\.[a-z]+(-[a-z]+)*", rule.id
        )
        assert rule.severity in SEVERITIES and rule.summary


def test_findings_use_catalogued_rules_and_fixes_name_known_actions():
    for article in articles():
        briefing, source = article.load()
        for finding in run_checks(briefing, source):
            assert finding.rule in RULES
            assert finding.severity == RULES[finding.rule].severity
            assert all(fix.action in engine.ACTIONS for fix in finding.fixes)


def test_the_data_file_and_the_checks_package_are_packaged():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "briefing.checks" in config["tool"]["setuptools"]["packages"]
    data = config["tool"]["setuptools"]["package-data"]
    # The leaders' table ships either as the resources' data/*.json or as its own package's *.json.
    assert "data/*.json" in data.get("briefing.resources", []) or "*.json" in data.get(
        "briefing.resources.data", []
    )


def test_the_docs_call_a_fix_safe_exactly_for_the_rules_marked_so():
    """``Rule.safe_fix`` decides which checks the unattended loop runs; the docs must agree with it."""
    for rule_id, (_, body) in _sections().items():
        says_safe = re.search(r"\(safe|\bSafe when", body) is not None
        assert says_safe == RULES[rule_id].safe_fix, rule_id
