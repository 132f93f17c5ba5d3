"""Import notes: what import had to decide reaches the analyst as a finding and survives a save."""

from __future__ import annotations

from pathlib import Path

from briefing import project
from briefing.checks import run_checks
from briefing.importing import import_text
from briefing.model import ImportNote


def test_each_note_is_a_finding_on_the_article_naming_its_line() -> None:
    briefing = import_text("# Title\n\nA paragraph.\n")
    briefing.import_notes = [
        ImportNote("import.encoding", "Read as Latin-1 (ISO 8859-1); it could also be cp1250."),
        ImportNote("import.nesting", "A list nested 12 levels deep is shown 8 levels deep.", line=7),
        ImportNote("import.nesting", "A quote nested 30 levels deep is shown 8 levels deep.", line=40),
    ]
    found = [f for f in run_checks(briefing) if f.rule.startswith("import.")]
    assert [f.rule for f in found] == ["import.encoding", "import.nesting", "import.nesting"]
    assert found[1].message.startswith("Line 7: ")
    assert all(f.target.section_id == "source" for f in found)
    assert len({f.key for f in found}) == 3, "two notes of one rule are ignored separately"


def test_notes_survive_a_project_round_trip(tmp_path: Path) -> None:
    briefing = import_text("A paragraph.\n")
    briefing.import_notes = [ImportNote("import.nesting", "Flattened.", line=3)]
    path = tmp_path / "n.briefing"
    project.save(briefing, path)
    assert project.load(path).import_notes == briefing.import_notes


def test_a_clean_article_has_no_notes() -> None:
    briefing = import_text("# Title\n\n- one\n  - two\n\nText.\n", markdown=True)
    assert briefing.import_notes == []


def test_a_plain_text_list_nested_too_deep_is_shown_nine_levels_deep_with_a_note() -> None:
    text = "\n".join("  " * depth + f"- item {depth}" for depth in range(12)) + "\n"
    briefing = import_text(text)
    (block,) = [b for _, b in briefing.blocks()]
    assert [item.text for item in block.items] == [f"item {d}" for d in range(12)]  # type: ignore[union-attr]
    assert max(item.level for item in block.items) == 8  # type: ignore[union-attr]
    assert [n.rule for n in briefing.import_notes] == ["import.nesting"]
    assert "12 levels" in briefing.import_notes[0].message


def test_an_image_address_is_not_taken_for_the_source() -> None:
    text = (
        "![Launch site](https://example.org/img/site.jpg)\n\n"
        "Reported by Example News at https://example.org/story today.\n"
    )
    briefing = import_text(text, markdown=True)
    assert briefing.meta.source.url == "https://example.org/story"
