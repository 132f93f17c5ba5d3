"""Random briefings rendered in each damaged way analysts paste them come back with their structure."""

from __future__ import annotations

from collections import Counter

import pytest

from briefing.importing import import_text
from briefing.model import ListBlock, Table

from .import_generator import RENDERINGS, expected, found, make_briefing, recovery, render
from .test_import_properties import content_chars, model_text

SEEDS = range(25)
#: Renderings that say everything a reader needs: the structure must come back exactly.
EXACT = [name for name in RENDERINGS if name not in ("no-blank-lines-wrapped", "pdf-copy")]


@pytest.mark.parametrize("name", EXACT)
def test_each_rendering_gives_back_headings_tables_and_lists_exactly(name: str) -> None:
    style = RENDERINGS[name]
    for seed in SEEDS:
        drawn = make_briefing(seed)
        imported = import_text(render(drawn, style, seed))
        result = recovery(drawn, imported)
        assert all(exact for exact, _ in result.values()), (seed, expected(drawn), found(imported))


@pytest.mark.parametrize("name", list(RENDERINGS))
def test_every_character_is_kept_in_every_rendering(name: str) -> None:
    for seed in range(8):
        text = render(make_briefing(seed), RENDERINGS[name], seed)
        kept = Counter(ch for ch in model_text(import_text(text)) if not ch.isspace())
        assert not content_chars(text) - kept, seed


def test_numbered_headings_keep_their_depth_as_level() -> None:
    for seed in SEEDS:
        drawn = make_briefing(seed)
        imported = import_text(render(drawn, RENDERINGS["numbered-headings"], seed))
        assert recovery(drawn, imported, levels=True)["headings"][0], seed


def test_underlined_headings_take_their_level_from_the_underline() -> None:
    for seed in SEEDS:
        drawn = make_briefing(seed)
        imported = import_text(render(drawn, RENDERINGS["underlined-headings"], seed))
        want = [min(s.level, 2) for s in drawn.sections]
        assert [s.level for s in imported.sections if s.heading] == want, seed


def test_a_memo_header_goes_to_meta_and_names_the_briefing() -> None:
    with_memo = [seed for seed in SEEDS if make_briefing(seed).memo]
    assert with_memo
    for seed in with_memo:
        drawn = make_briefing(seed)
        imported = import_text(render(drawn, RENDERINGS["clean"], seed))
        assert imported.meta.prepared_for == drawn.memo["TO"]
        assert imported.meta.prepared_by == drawn.memo["FROM"]
        assert imported.meta.date == drawn.memo["DATE"]
        assert imported.meta.title == drawn.title
        assert all(s.heading for s in imported.sections[1:])


def test_without_a_memo_the_first_line_is_the_title_and_not_an_empty_section() -> None:
    for seed in SEEDS:
        drawn = make_briefing(seed)
        if drawn.memo:
            continue
        imported = import_text(render(drawn, RENDERINGS["clean"], seed))
        assert imported.meta.title == drawn.title
        assert drawn.title not in [s.heading for s in imported.sections]


def test_page_furniture_is_kept_and_noted_without_breaking_the_structure() -> None:
    for seed in SEEDS:
        text = render(make_briefing(seed), RENDERINGS["page-furniture"], seed)
        imported = import_text(text)
        pages = text.count("\nPage ")
        notes = [note for note in imported.import_notes if note.rule == "import.furniture"]
        # Each page break leaves a page number and a running header (the header is told apart once it
        # repeats, from three page breaks on).
        assert len(notes) >= pages
        assert len(notes) == 2 * pages or pages < 3
        texts = [block.text for _, block in imported.blocks() if block.kind == "paragraph"]
        assert sum(1 for t in texts if t.startswith("Page ")) == pages


def test_flattened_tables_keep_every_cell() -> None:
    for name in ("tab-tables", "space-tables", "pipes-no-delimiter"):
        for seed in SEEDS:
            drawn = make_briefing(seed)
            imported = import_text(render(drawn, RENDERINGS[name], seed))
            want = [[b.header, *b.rows] for s in drawn.sections for b in s.blocks if b.kind == "table"]
            got = [[b.header, *b.rows] for _, b in imported.blocks() if isinstance(b, Table)]
            assert got == want, (name, seed)


def test_wrapped_list_items_are_joined_again() -> None:
    for seed in SEEDS:
        drawn = make_briefing(seed)
        imported = import_text(render(drawn, RENDERINGS["hard-wrap-60"], seed))
        want = [
            [text for _, _, text in b.items] for s in drawn.sections for b in s.blocks if b.kind == "list"
        ]
        got = [[item.text for item in b.items] for _, b in imported.blocks() if isinstance(b, ListBlock)]
        assert got == want, seed


# Hard-wrapped text with no blank lines at all is genuinely ambiguous: a wrapped line that ends a
# sentence and a short Title Case line after it may be a paragraph's last words or a heading. These
# renderings get a lower bound, not exactness.
@pytest.mark.parametrize(
    ("name", "headings", "tables"),
    [("no-blank-lines-wrapped", 0.95, 1.0), ("pdf-copy", 0.95, 0.9)],
)
def test_ambiguous_renderings_recover_most_structure(name: str, headings: float, tables: float) -> None:
    scores: dict[str, list[float]] = {"headings": [], "tables": [], "lists": []}
    for seed in SEEDS:
        drawn = make_briefing(seed)
        result = recovery(drawn, import_text(render(drawn, RENDERINGS[name], seed)))
        for kind, (_, f1) in result.items():
            scores[kind].append(f1)
    mean = {kind: sum(values) / len(values) for kind, values in scores.items()}
    assert mean["headings"] >= headings
    assert mean["tables"] >= tables
    assert mean["lists"] >= 0.9
