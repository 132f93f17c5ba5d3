"""Recall and precision of every check rule over the test articles in tests/data/articles.

Run: .venv/bin/python benchmarks/checks_quality.py [--verbose] [--corpus DIR]

Each article's sidecar JSON lists the findings a careful reader expects (rule and place). A finding
counts as right when it matches one of them, as a false positive otherwise; an expectation no finding
matches is a miss. The target: every defect found, at most one false positive per article.

``--corpus DIR`` adds a second, separate table over documents nobody here wrote: each ``NAME.md`` or
``NAME.txt`` with a ``NAME.key.json`` whose ``residue`` lists leftover strings of the tools that made
the text. A residue string counts as found when import dropped it or a finding's target holds it (by
which rule is counted too). Per rule, a finding whose target holds no listed residue is "unlisted": a
false positive, or residue the key does not list (the keys are not complete), so that column bounds
precision from below. The documents are read where they lie; nothing of them enters the repository.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from briefing.checks import run_checks  # noqa: E402
from briefing.errors import InputError  # noqa: E402
from briefing.importing import import_article  # noqa: E402
from briefing.project import to_dict  # noqa: E402
from tests.core.article_expectations import articles, evaluate, score, target_text  # noqa: E402

#: Rules about leftovers of the tools an article went through (the residue a corpus key lists).
RESIDUE_GROUPS = (
    "Not an article",
    "Chatbot leftovers",
    "Model and tool notes",
    "Placeholders",
    "Garbled characters",
    "Formatting leftovers",
)

#: Formatting findings that are not anybody's leftovers (spacing), left out of the residue counts.
LAYOUT_RULES = ("text.whitespace", "text.trailing-blank-lines")


def _squash(text: str) -> str:
    """Text compared without case, markup or spacing differences (markup alone is kept as it is)."""
    words = re.sub(r"[\W_]+", " ", text).strip().lower()
    return words if len(words) > 3 else " ".join(text.split())


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def corpus(folder: Path, verbose: bool) -> None:
    """Residue recall per document and per rule over a corpus folder with answer keys."""
    from briefing.checks.groups import group_of

    found_by: Counter[str] = Counter()
    reported: Counter[str] = Counter()
    unlisted: Counter[str] = Counter()
    total = found = 0
    print(f"\n{'corpus document':52} {'residue':>7} {'found':>5}")
    for key_path in sorted(folder.glob("*.key.json")):
        key = json.loads(key_path.read_text(encoding="utf-8"))
        residue = [r for r in key.get("residue") or [] if r.strip()]
        stem = key_path.name.removesuffix(".key.json")
        article = next((p for p in folder.glob(stem + ".*") if p.suffix in (".md", ".txt")), None)
        if article is None or not residue:
            continue
        try:
            briefing, source = import_article(article)
        except InputError as error:
            print(f"{stem[:52]:52} {len(residue):7}  cannot be read: {error}")
            continue
        findings = run_checks(briefing, source)
        strings = _strings(to_dict(briefing))
        kept = _squash(" ".join(strings)) + "\n" + " ".join(" ".join(strings).split())

        def holds(text: str, residue: str) -> bool:
            return _squash(residue) in text

        targets = [
            (
                f,
                _squash(target_text(briefing, f.target) + " " + f.message)
                + "\n"
                + target_text(briefing, f.target),
            )
            for f in findings
        ]
        here = 0
        for text in residue:
            if not holds(kept, text):
                here += 1
                found_by["(dropped by import)"] += 1
                continue
            rules = sorted({f.rule for f, t in targets if holds(t, text)})
            if rules:
                here += 1
                found_by[rules[0]] += 1
            elif verbose:
                print(f"    missed  {text[:70]!r}")
        for finding, text in targets:
            if group_of(finding.rule).name not in RESIDUE_GROUPS or finding.rule in LAYOUT_RULES:
                continue
            reported[finding.rule] += 1
            if not any(holds(text, r) for r in residue):
                unlisted[finding.rule] += 1
                if verbose:
                    print(f"    unlisted {finding.rule}: {finding.message[:70]}")
        total, found = total + len(residue), found + here
        print(f"{stem[:52]:52} {len(residue):7} {here:5}")
    print(f"{'all documents':52} {total:7} {found:5}  ({found / max(1, total):.0%} of the listed residue)")
    print(f"\n{'rule':30} {'found':>5} {'reported':>8} {'unlisted':>8}")
    for rule in sorted(set(found_by) | set(reported)):
        print(f"{rule:30} {found_by[rule]:5} {reported[rule]:8} {unlisted[rule]:8}")


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
    if "--corpus" in argv:
        corpus(Path(argv[argv.index("--corpus") + 1]), verbose)
    return 1 if missed or worst > 1 else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
