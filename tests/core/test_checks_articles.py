"""Generalisation: our own test articles, each with the findings a careful reader expects."""

from __future__ import annotations

import pytest

from briefing.checks import apply_safe_fixes
from tests.core.article_expectations import articles, evaluate, score
from tests.core.checks_support import all_text, shapes

ARTICLES = articles()


def test_there_are_at_least_ten_articles_with_defects():
    assert len([a for a in ARTICLES if a.expected]) >= 10
    rules = {e["rule"] for a in ARTICLES for e in a.expected}
    assert len(rules) >= 20


@pytest.mark.parametrize("article", ARTICLES, ids=lambda a: a.name)
def test_every_defect_found_and_at_most_one_false_positive(article):
    result = evaluate(article)
    assert result.missed == []
    assert len(result.false_positives) <= 1, [f.message for f in result.false_positives]


@pytest.mark.parametrize("article", [a for a in ARTICLES if a.after], ids=lambda a: a.name)
def test_safe_fixes_give_the_expected_result(article):
    briefing, source = article.load()
    apply_safe_fixes(briefing, source=source)
    if "tables" in article.after:
        assert shapes(briefing) == [tuple(shape) for shape in article.after["tables"]]
    text = all_text(briefing)
    for gone in article.after.get("absent", []):
        assert gone not in text


def test_overall_recall_and_precision():
    scores = score([evaluate(a) for a in ARTICLES])
    found = sum(s.found for s in scores.values())
    expected = sum(s.found + s.missed for s in scores.values())
    right = sum(s.right for s in scores.values())
    reported = sum(s.right + s.wrong for s in scores.values())
    assert found == expected
    assert right / reported >= 0.95
