"""Recall and precision of every check rule over the test articles in tests/data/articles.

Run: .venv/bin/python benchmarks/checks_quality.py [--verbose]

Each article's sidecar JSON lists the findings a careful reader expects (rule and place). A finding
counts as right when it matches one of them, as a false positive otherwise; an expectation no finding
matches is a miss. The target: every defect found, at most one false positive per article.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.core.article_expectations import articles, evaluate, score  # noqa: E402


def _percent(value: float | None) -> str:
    return "   —" if value is None else f"{value:4.0%}"


def main(argv: list[str]) -> int:
    """Print per-article and per-rule results; exit 1 when a defect is missed or an article has >1 FP."""
    verbose = "--verbose" in argv
    results = [evaluate(article) for article in articles()]
    print(f"{'article':34} {'expected':>8} {'found':>6} {'missed':>6} {'false+':>6}")
    for result in results:
        expected = len(result.article.expected)
        print(
            f"{result.article.name:34} {expected:8} {expected - len(result.missed):6} {len(result.missed):6} "
            f"{len(result.false_positives):6}"
        )
        if verbose:
            for missed in result.missed:
                print(f"    missed  {missed['rule']} near {missed['near']!r}")
            for finding in result.false_positives:
                print(f"    false+  {finding.rule} {finding.target.to_text()}: {finding.message}")
    print()
    print(f"{'rule':30} {'recall':>7} {'precision':>9}  (found/expected, right/reported)")
    totals = [0, 0, 0, 0]
    for rule, s in score(results).items():
        print(
            f"{rule:30} {_percent(s.recall):>7} {_percent(s.precision):>9}  "
            f"({s.found}/{s.found + s.missed}, {s.right}/{s.right + s.wrong})"
        )
        totals = [totals[0] + s.found, totals[1] + s.missed, totals[2] + s.right, totals[3] + s.wrong]
    found, missed, right, wrong = totals
    recall, precision = found / max(1, found + missed), right / max(1, right + wrong)
    print(
        f"{'all rules':30} {_percent(recall):>7} {_percent(precision):>9}"
        f"  ({found}/{found + missed}, {right}/{right + wrong}) over {len(results)} articles"
    )
    worst = max((len(r.false_positives) for r in results), default=0)
    return 1 if missed or worst > 1 else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
