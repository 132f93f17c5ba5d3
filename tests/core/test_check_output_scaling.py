"""What ``briefing check --json`` prints grows with the article, not with the square of it.

A person given two titles in an article repeated many times is mentioned hundreds of times; each finding
used to carry a fix listing every mention, so the output (and the memory to build it) grew with the square
of the mentions: 530 MB of JSON for a 2 MB article.
"""

from __future__ import annotations

import json
from pathlib import Path

from briefing.checks import apply_fix, run_checks
from briefing.cli import main
from briefing.importing import import_text

ARTICLE = (
    "U.S. President Donald Trump said the talks would go on.\n\n"
    "Analysts said former U.S. President Donald Trump had met the leader twice.\n\n"
)


def _json_size(tmp_path: Path, times: int, capsys) -> int:
    path = tmp_path / f"a{times}.txt"
    path.write_text(ARTICLE * times, encoding="utf-8")
    main(["check", str(path), "--json"])
    out = capsys.readouterr().out
    assert json.loads(out)["findings"]
    return len(out)


def test_the_json_grows_linearly_with_repeated_mentions(tmp_path: Path, capsys) -> None:
    small, large = _json_size(tmp_path, 20, capsys), _json_size(tmp_path, 160, capsys)
    assert large < 8 * small * 1.5, (small, large)


def test_one_fix_still_gives_every_mention_the_same_title() -> None:
    briefing = import_text(ARTICLE * 5)
    finding = next(f for f in run_checks(briefing) if f.rule == "people.conflicting-titles")
    fix = next(fix for fix in finding.fixes if "former" not in fix.label)
    assert apply_fix(briefing, finding, fix).changed
    texts = " ".join(block.text for _, block in briefing.blocks())  # type: ignore[union-attr]
    assert "former U.S. President" not in texts
    assert texts.count("U.S. President Donald Trump") == 10
    assert not [f for f in run_checks(briefing) if f.rule == "people.conflicting-titles"]
