"""The checks and the safe-fix loop cost what the article's size says, not its square, on real shapes.

Costs are counted, not timed: rounds of the loop, full walks of the briefing, pointer entries read per
step. The shortcuts that make it so are held to what they promise: the loop's incremental rounds give
what full rounds give; the checks keep to the rules and blocks they declare; the locator's indexes
agree with the briefing after any sequence of steps.
"""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefing import places as places_module
from briefing.checks import apply_safe_fixes, engine, run_checks
from briefing.checks.context import CheckContext
from briefing.editing import transaction as transaction_module
from briefing.editing.locate import POINTER_FIELDS, Locator
from briefing.editing.steps import InsertBlock, InsertEntry, MoveEntry, RemoveBlock, RemoveEntry, SetPointer
from briefing.editing.transaction import Transaction
from briefing.importing import import_text
from briefing.importing.pipe_tables import MAX_CELLS
from briefing.model import Briefing, Comment, ListBlock, Paragraph, Recommendation, Run, Section
from briefing.project import to_dict
from briefing.refs import Ref
from tests.conftest import SAMPLE
from tests.core.article_expectations import articles

SAMPLE_TEXT = SAMPLE.read_text(encoding="utf-8")
ARTICLES = {a.name: a for a in articles()}


def corpus() -> list[tuple[str, str, bool]]:
    """``(name, text, markdown)``: the sample and test articles, alone, repeated and mixed."""
    cases = [("sample", SAMPLE_TEXT, False), ("sample x4", SAMPLE_TEXT * 4, False)]
    texts = []
    for name, article in ARTICLES.items():
        text = article.path.read_text(encoding="utf-8")
        markdown = article.path.suffix == ".md"
        cases += [(name, text, markdown), (name + " x3", text * 3, markdown)]
        if not markdown:
            texts.append(text)
    cases.append(("mixed", "\n".join([texts[0], SAMPLE_TEXT, texts[1], texts[0], SAMPLE_TEXT]), False))
    return cases


CORPUS = corpus()
CORPUS_IDS = [name for name, _, _ in CORPUS]


def outcome(briefing: Briefing) -> dict[str, Any]:
    """The model and the change log as saved, without what differs between runs (ids and times)."""
    data = to_dict(briefing)
    for change in data["changes"]:
        for key in ("id", "when", "inverse", "guard"):
            change.pop(key)
    data["changes"] = sorted(json.dumps(c, sort_keys=True) for c in data["changes"])
    data.pop("next_id", None)
    return data


def _full_rounds(self: Any) -> list[Any]:
    """What each round of the loop computed before it was incremental: every check, from scratch."""
    ctx = CheckContext(self.briefing, self.source)
    findings = [finding for check in engine.CHECKS for finding in check(ctx)]
    return engine._in_order(ctx, findings, Locator(self.briefing))


@pytest.mark.parametrize(("name", "text", "markdown"), CORPUS, ids=CORPUS_IDS)
def test_incremental_rounds_fix_exactly_what_full_rounds_fix(name, text, markdown, monkeypatch):
    fast = import_text(text, markdown=markdown)
    fast_changes = apply_safe_fixes(fast, source=text, when="T")
    monkeypatch.setattr(engine._Rechecker, "run", _full_rounds)
    full = import_text(text, markdown=markdown)
    full_changes = apply_safe_fixes(full, source=text, when="T")
    assert [c.note for c in fast_changes] == [c.note for c in full_changes]
    assert outcome(fast) == outcome(full)


@pytest.mark.parametrize(("name", "text", "markdown"), CORPUS, ids=CORPUS_IDS)
def test_checks_keep_to_their_declared_rules_and_blocks(name, text, markdown):
    """Each check reports only the rules :data:`engine.REPORTS` gives it, safe fixes only for
    :data:`rules.SAFE_FIX_RULES` (each rule's ``safe_fix``); a block check finds on a block alone what
    it finds on it in the whole briefing — before and after the safe fixes."""
    briefing = import_text(text, markdown=markdown)
    assert set(engine.REPORTS) == set(engine.CHECKS)
    for _ in range(2):
        ctx = CheckContext(briefing, text)
        for check in engine.CHECKS:
            found = list(check(ctx))
            assert {f.rule for f in found} <= engine.REPORTS[check], check.__name__
            assert all(f.rule in engine.SAFE_FIX_RULES for f in found if f.safe_fix), check.__name__
            if check not in engine.BLOCK_CHECKS:
                continue
            by_block: dict[str, list[str]] = {}
            for finding in found:
                if finding.target.block_id:
                    by_block.setdefault(finding.target.block_id, []).append(_said(finding))
            for _, block in briefing.blocks():
                alone = [_said(f) for f in check(ctx.narrowed({block.id})) if f.target.block_id]
                assert alone == by_block.get(block.id, []), (check.__name__, block.id)
        apply_safe_fixes(briefing, source=text)


def _said(finding: Any) -> str:
    return json.dumps(
        [
            finding.rule,
            finding.message,
            finding.target.to_text(),
            finding.fixes and [fix.as_dict() for fix in finding.fixes],
        ],
        sort_keys=True,
        default=str,
    )


# --- counted costs ----------------------------------------------------------------------------------------


def _count_costs(text: str, monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """Rounds, full walks for place names and pointer entries read while the safe fixes run."""
    counts: Counter[str] = Counter()
    run, places_init = engine._Rechecker.run, places_module.Places.__init__
    map_holders = transaction_module._map_holders

    def counted_run(self: Any) -> Any:
        counts["rounds"] += 1
        return run(self)

    def counted_places(self: Any, *args: Any, **kwargs: Any) -> None:
        counts["places"] += 1
        places_init(self, *args, **kwargs)

    def counted_map(briefing: Briefing, step: Any, only: Any, restores: Any, loc: Any, entries: Any = None):
        counted = (
            entries if entries is not None else [e for h in POINTER_FIELDS for e in getattr(briefing, h)]
        )
        # A step on one block; removing a whole section (a later copy of the article's) reads them all.
        counts["pointers read" if only is not None else "section steps"] += len(counted) if only else 1
        return map_holders(briefing, step, only, restores, loc, entries)

    monkeypatch.setattr(engine._Rechecker, "run", counted_run)
    monkeypatch.setattr(places_module.Places, "__init__", counted_places)
    monkeypatch.setattr(transaction_module, "_map_holders", counted_map)
    briefing = import_text(text)
    counts["changes"] = len(apply_safe_fixes(briefing, source=text))
    monkeypatch.undo()
    return counts


def test_the_safe_fix_loop_does_not_grow_with_copies_of_the_article(monkeypatch):
    """Repeating the sample 5 or 40 times takes the same number of rounds (it took the 50-round safety
    net at 100 copies: one duplicate table went per round), builds place names once a round (once per
    removed copy before), and reads a bounded number of pointers per change (each fix on a block a
    change pointed at read the whole corrections log). The later copies go in one change, however
    many (text.repeated-run), with one step per section of theirs."""
    small = _count_costs(SAMPLE_TEXT * 5, monkeypatch)
    large = _count_costs(SAMPLE_TEXT * 40, monkeypatch)
    assert large["rounds"] == small["rounds"] <= 5
    assert large["places"] <= large["rounds"]
    assert large["pointers read"] <= 10 * large["changes"]
    assert large["changes"] == small["changes"]
    assert large["section steps"] == 39 * 3 and small["section steps"] == 4 * 3


def test_a_long_section_is_never_walked_per_fix(monkeypatch):
    """An article without headings is one section of thousands of blocks: removing or rewriting one of
    them finds its place through the locator (the fallback walk is counted), not by a walk per fix."""
    from briefing.checks import edits
    from briefing.editing import locate

    walked = Counter[str]()
    index_of = locate.index_of

    def counted(items: list[Any], obj: Any) -> int:
        walked["items"] += len(items)
        return index_of(items, obj)

    monkeypatch.setattr(locate, "index_of", counted)
    monkeypatch.setattr(edits, "index_of", counted)
    paragraph = SAMPLE_TEXT.split("\n")[0]
    text = "\n".join(f"{paragraph} Copy {i // 2}." for i in range(3000))  # every paragraph given twice
    briefing = import_text(text)
    assert len(briefing.sections) == 1
    changes = apply_safe_fixes(briefing, source=text)
    assert len(changes) >= 1500
    assert walked["items"] <= 10 * len(changes)


def test_every_copy_of_a_repeated_table_goes_in_the_end():
    """The loop reaches its fixed point: no safe fix is left once it stops, however many copies."""
    text = SAMPLE_TEXT * 60
    briefing = import_text(text)
    apply_safe_fixes(briefing, source=text)
    assert not [f for f in run_checks(briefing, text) if f.safe_fix and f.key not in briefing.ignored]


# --- the locator's indexes --------------------------------------------------------------------------------


def _briefing() -> Briefing:
    blocks = [Paragraph(f"b{i}", [Run(f"paragraph {i} text")]) for i in range(1, 6)]
    briefing = Briefing(sections=[Section("s1", "One", 1, blocks[:3]), Section("s2", "Two", 1, blocks[3:])])
    briefing.next_id = 100
    for i in range(1, 6):
        briefing.comments.append(Comment(f"c{i}", Ref("s1", f"b{1 + i % 5}", start=0, end=4), f"note {i}"))
        briefing.recommendations.append(Recommendation(f"r{i}", f"do {i}", Ref("s1", f"b{1 + (i * 2) % 5}")))
    return briefing


def _agrees(loc: Locator, briefing: Briefing) -> None:
    """The locator's answers are what a walk of the briefing gives."""
    for section in briefing.sections:
        for index, block in enumerate(section.blocks):
            assert loc.index(block.id) == index
            assert loc.find(block.id) == (section, block)
    block_ids = {f"b{i}" for i in range(1, 8)}
    for holder, name in POINTER_FIELDS.items():
        entries = getattr(briefing, holder)
        for index, entry in enumerate(entries):
            assert loc.position(holder, entry) == index
            assert loc.entry(holder, entry.id) is entry
            block_ids.add(getattr(entry, name).block_id)
    for block_id in block_ids - {""}:
        expected = [
            (holder, entry)
            for holder, name in POINTER_FIELDS.items()
            for entry in getattr(briefing, holder)
            if getattr(entry, name).block_id == block_id
        ]
        got = loc.pointers_at(block_id)
        assert [(h, id(e)) for h, e in got] == [(h, id(e)) for h, e in expected]
        assert block_id in loc.referenced() or not expected


OPERATIONS = st.lists(
    st.tuples(
        st.sampled_from(
            ["insert", "append", "remove", "move", "point", "remove-block", "insert-block", "undo"]
        ),
        st.sampled_from(["comments", "recommendations"]),
        st.integers(0, 9),
        st.integers(0, 9),
    ),
    max_size=25,
)


@settings(max_examples=150, deadline=None)
@given(OPERATIONS)
def test_the_locator_indexes_agree_with_the_briefing_after_any_steps(operations):
    briefing = _briefing()
    loc = Locator(briefing)
    done: list[Transaction] = []
    serial = 0
    for kind, holder, a, b in operations:
        entries = getattr(briefing, holder)
        transaction = Transaction(briefing, kind, loc)
        serial += 1
        block = f"b{1 + b % 7}"
        if kind in ("insert", "append"):
            index = len(entries) if kind == "append" else a % (len(entries) + 1)
            new: Any = (
                Comment(f"c-{serial}", Ref("s1", block), "new")
                if holder == "comments"
                else Recommendation(f"r-{serial}", "new", Ref("s1", block))
            )
            transaction.do(InsertEntry(holder, index, new))
        elif kind == "remove" and entries:
            transaction.do(RemoveEntry(holder, a % len(entries)))
        elif kind == "move" and entries:
            transaction.do(MoveEntry(holder, a % len(entries), b % len(entries)))
        elif kind == "point" and entries:
            transaction.do(SetPointer(holder, entries[a % len(entries)].id, Ref("s2", block, start=1, end=2)))
        elif kind == "remove-block":
            section = briefing.sections[a % 2]
            if section.blocks:
                transaction.do(RemoveBlock(section.id, b % len(section.blocks)))
        elif kind == "insert-block":
            section = briefing.sections[a % 2]
            paragraph = Paragraph(f"b-{serial}", [Run("new")])
            transaction.do(InsertBlock(section.id, b % (len(section.blocks) + 1), paragraph))
        elif kind == "undo" and done:
            done.pop().undo()
            _agrees(loc, briefing)
            continue
        done.append(transaction.finish())
        _agrees(loc, briefing)


def test_table_numbers_follow_removals_without_a_recount():
    text = SAMPLE_TEXT * 3
    briefing = import_text(text)
    loc = Locator(briefing)
    tables = [block for _, block in briefing.blocks() if block.kind == "table"]
    assert [loc.table_number(t.id) for t in tables] == list(range(1, len(tables) + 1))
    for table in tables[1::2]:
        section = next(s for s in briefing.sections if table in s.blocks)
        Transaction(briefing, "remove", loc).do(RemoveBlock(section.id, section.blocks.index(table)))
    left = [block for _, block in briefing.blocks() if block.kind == "table"]
    assert [loc.table_number(t.id) for t in left] == list(range(1, len(left) + 1))
    assert loc.table_number(tables[1].id) == 0


# --- import keeps absurd tables out ----------------------------------------------------------------------


@pytest.mark.parametrize("markdown", [False, True])
def test_a_megabyte_line_of_pipes_stays_one_paragraph_with_every_character(markdown):
    text = "|" * 1_000_000
    briefing = import_text(text, markdown=markdown)
    blocks = [block for _, block in briefing.blocks()]
    assert [block.kind for block in blocks] == ["paragraph"]
    assert isinstance(blocks[0], Paragraph) and blocks[0].text == text


def test_a_row_wider_than_any_table_ends_the_table_and_is_kept():
    wide = "| " + " | ".join(f"c{i}" for i in range(MAX_CELLS + 5)) + " |"
    text = "| A | B |\n|---|---|\n| 1 | 2 |\n" + wide + "\n| 3 | 4 |\n"
    briefing = import_text(text)
    kinds = [block.kind for _, block in briefing.blocks()]
    assert kinds[0] == "table" and "paragraph" in kinds
    table = next(block for _, block in briefing.blocks() if block.kind == "table")
    assert table.rows == [["1", "2"]]  # type: ignore[union-attr]
    said = " ".join(getattr(block, "text", "") for _, block in briefing.blocks())
    assert all(f"c{i}" in said for i in range(MAX_CELLS + 5))
    narrow = "| " + " | ".join(f"c{i}" for i in range(MAX_CELLS - 5)) + " |"
    assert import_text(narrow + "\n").sections[0].blocks[0].kind == "table"
    assert not any(isinstance(block, ListBlock) for _, block in briefing.blocks())
