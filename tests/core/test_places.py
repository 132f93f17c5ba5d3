"""People read places, never ids."""

from __future__ import annotations

from briefing.importing import import_file
from briefing.places import Places


def test_places_of_the_sample(sample_path):
    briefing = import_file(sample_path)
    places = Places(briefing)
    tables = [b.id for _, b in briefing.blocks() if b.kind == "table"]
    assert [places.describe_id(t) for t in tables] == ["Table 1", "Table 2", "Table 3", "Table 4"]
    lists = [b.id for _, b in briefing.blocks() if b.kind == "list"]
    assert places.describe_id(lists[1]).startswith("list 1 in “Implications for US Diplomacy")
    assert places.describe_id(briefing.sections[0].blocks[0].id) == "paragraph 1 in the summary"
    assert places.describe_id(briefing.recommendations[2].id) == "recommendation 3"
    section = briefing.sections[1]
    assert places.describe_target(f"{section.id}/{tables[0]} row 2") == "Table 1, row 2"
    assert places.describe_target(f"{section.id}/b999") == f"section “{section.heading[:39]}…”"
    assert places.describe_target("s999/b999") == "removed from the article"
