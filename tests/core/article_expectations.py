"""The test articles in ``tests/data/articles``: their expected findings, and scoring checks against them.

Each article ``NAME.txt`` or ``NAME.md`` has a sidecar ``NAME.json``::

    {"description": "...",
     "expected": [{"rule": "table.long-row", "near": "KN-23", "row": 3}, ...],
     "after_safe_fixes": {"tables": [[columns, rows], ...], "absent": ["text that must be gone"]}}

A finding matches an expectation when the rule is the same, ``near`` occurs in the text of the finding's
target (its paragraph or list item, table row, table, heading; ``"source"`` for the source file) and,
when given, ``row`` (1-based body row) is the target's row. Used by the tests and by
``benchmarks/checks_quality.py``.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from briefing.checks import Finding, run_checks
from briefing.checks.findings import SOURCE
from briefing.importing import MARKDOWN_SUFFIXES, import_text
from briefing.model import Briefing, ListBlock, Paragraph, Table
from briefing.refs import HEADER_ROW, Ref
from briefing.textfile import read_text

ARTICLES = Path(__file__).resolve().parent.parent / "data" / "articles"


@dataclass
class Article:
    """One test article with its expectations."""

    path: Path
    expected: list[dict[str, Any]]
    after: dict[str, Any] = field(default_factory=dict)

    @property
    def name(self) -> str:
        """The file name."""
        return self.path.name

    def load(self) -> tuple[Briefing, str]:
        """The article imported, and its text."""
        text = read_text(self.path).text
        return import_text(text, markdown=self.path.suffix.lower() in MARKDOWN_SUFFIXES), text


def articles() -> list[Article]:
    """Every test article, by name."""
    found = []
    for sidecar in sorted(ARTICLES.glob("*.json")):
        data = json.loads(sidecar.read_text(encoding="utf-8"))
        path = next(p for p in ARTICLES.glob(sidecar.stem + ".*") if p.suffix != ".json")
        found.append(Article(path, data["expected"], data.get("after_safe_fixes", {})))
    return found


def pipe(cells: list[str]) -> str:
    """A row as pipe text."""
    return "| " + " | ".join(cells) + " |"


def target_text(briefing: Briefing, target: Ref) -> str:
    """The text a finding points at, for matching ``near``."""
    if target.section_id == SOURCE:
        return "source"
    if not target.section_id and not target.block_id:
        return briefing.meta.title
    if not target.block_id:
        section = briefing.find_section(target.section_id)
        return section.heading if section else ""
    block = briefing.find_block(target.block_id)
    if isinstance(block, Paragraph):
        return block.text
    if isinstance(block, ListBlock):
        if target.item is not None and target.item < len(block.items):
            return block.items[target.item].full_text
        return "\n".join(item.full_text for item in block.items)
    if isinstance(block, Table):
        if target.row == HEADER_ROW:
            return pipe(block.header)
        if target.row is not None and target.row < len(block.rows):
            return pipe(block.rows[target.row])
        return "\n".join([block.caption, *(pipe(row) for row in [block.header, *block.rows])])
    return ""


def matches(briefing: Briefing, finding: Finding, expected: dict[str, Any]) -> bool:
    """Whether a finding is the one an expectation describes."""
    if finding.rule != expected["rule"]:
        return False
    if "row" in expected and finding.target.row != expected["row"] - 1:
        return False
    return expected["near"] in target_text(briefing, finding.target)


@dataclass
class Score:
    """Per rule: expectations found and missed, findings right and wrong."""

    found: int = 0
    missed: int = 0
    right: int = 0
    wrong: int = 0

    @property
    def recall(self) -> float | None:
        """Share of expected findings that were found."""
        total = self.found + self.missed
        return self.found / total if total else None

    @property
    def precision(self) -> float | None:
        """Share of findings that were expected."""
        total = self.right + self.wrong
        return self.right / total if total else None


@dataclass
class Result:
    """What checking one article gave."""

    article: Article
    findings: list[Finding]
    missed: list[dict[str, Any]]
    false_positives: list[Finding]


def evaluate(article: Article) -> Result:
    """Run the checks on an article and compare with its expectations."""
    briefing, source = article.load()
    findings = run_checks(briefing, source)
    missed = [e for e in article.expected if not any(matches(briefing, f, e) for f in findings)]
    wrong = [f for f in findings if not any(matches(briefing, f, e) for e in article.expected)]
    return Result(article, findings, missed, wrong)


def score(results: list[Result]) -> dict[str, Score]:
    """Scores per rule over several articles."""
    scores: dict[str, Score] = defaultdict(Score)
    for result in results:
        for expected in result.article.expected:
            if expected in result.missed:
                scores[expected["rule"]].missed += 1
            else:
                scores[expected["rule"]].found += 1
        for finding in result.findings:
            if finding in result.false_positives:
                scores[finding.rule].wrong += 1
            else:
                scores[finding.rule].right += 1
    return dict(sorted(scores.items()))
