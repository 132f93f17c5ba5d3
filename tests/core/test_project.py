"""The ``.briefing`` project file: a lossless round trip, an atomic save, and a strict, harmless load.

Analysts keep hours of annotations in a project file, so a save must never leave half a file behind and
a load must never change or "fix" the file it refuses.
"""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import errno
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefing import model, project
from briefing.errors import ProjectError
from briefing.importing import import_file
from briefing.model import (
    DECISIONS,
    PLACEMENTS,
    PRIORITIES,
    PURPOSES,
    Annotation,
    Briefing,
    Change,
    Comment,
    ImportNote,
    ListBlock,
    ListItem,
    Meta,
    Paragraph,
    Recommendation,
    RecommendationDetail,
    Run,
    Section,
    Source,
    Table,
)
from briefing.refs import HEADER_ROW, Ref

# --- hypothesis strategies for the model ------------------------------------------------------------

#: Any Unicode a JSON file can hold as UTF-8: control characters, NULs, RTL marks, emoji (no surrogates).
TEXT = st.text(st.characters(codec="utf-8"), max_size=40)
SMALL_INT = st.integers(min_value=0, max_value=10)
#: Numbers in a place count from 0 (a row from -1, the header); the loader refuses negative ones.
OPTIONAL_INT = st.none() | st.integers(min_value=0, max_value=2**63)
#: What the app stamps on a comment or a correction: empty, or an ISO date and time (the loader checks).
STAMPS = st.just("") | st.datetimes(
    min_value=dt.datetime(1900, 1, 1),
    max_value=dt.datetime(2200, 1, 1),
    timezones=st.none() | st.sampled_from([dt.UTC, dt.timezone(dt.timedelta(hours=-5, minutes=-30))]),
).map(lambda stamp: stamp.isoformat(timespec="seconds"))
#: Letters only, so the number the id ends with is the counter's (a prefix digit would change next_id).
PREFIXES = st.sampled_from(["s", "b", "r", "c", "ch", "block-", "Ω"])

sources = st.builds(Source, publisher=TEXT, url=TEXT, date=TEXT)
metas = st.builds(
    Meta,
    title=TEXT,
    subtitle=TEXT,
    source=sources,
    classification=TEXT,
    purpose=st.sampled_from(PURPOSES),
    prepared_by=TEXT,
    prepared_for=TEXT,
    date=TEXT,
    file_number=TEXT,
    summary=st.lists(TEXT, max_size=3),
    decision_by=TEXT,
)
runs = st.builds(Run, text=TEXT, bold=st.booleans(), italic=st.booleans(), href=TEXT)
list_items = st.builds(
    ListItem,
    text=TEXT,
    term=TEXT,
    level=SMALL_INT,
    marker=st.sampled_from(["-", "*", "•", "1.", "2)"]),
    separator=st.sampled_from(["", "-", ": ", " — "]),
)
#: Ragged on purpose: rows of any width, header of any width, align of any width (or no delimiter row).
cells = st.lists(TEXT, max_size=6)
aligns = st.none() | st.lists(st.sampled_from(["", "left", "center", "right"]), max_size=6)
#: What a serialised step may hold: any JSON value.
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | TEXT,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(TEXT, inner, max_size=3),
    max_leaves=8,
)
annotations = st.builds(
    Annotation,
    decision=st.sampled_from(DECISIONS),
    priority=st.sampled_from(PRIORITIES),
    owner=TEXT,
    due=TEXT,
    comment=TEXT,
)


@st.composite
def briefings(draw: st.DrawFn) -> Briefing:
    """A random briefing with unique ids and ``next_id`` past every id, as the editor keeps them."""
    b = Briefing(meta=draw(metas))

    def new_id() -> str:
        return b.new_id(draw(PREFIXES))

    block_ids: list[str] = []
    for _ in range(draw(st.integers(0, 4))):
        section = Section(
            id=new_id(),
            heading=draw(TEXT),
            level=draw(st.integers(1, 6)),
            placement=draw(st.sampled_from(PLACEMENTS)),
        )
        for kind in draw(st.lists(st.sampled_from(["paragraph", "list", "table"]), max_size=4)):
            if kind == "paragraph":
                block: Any = Paragraph(id=new_id(), runs=draw(st.lists(runs, max_size=4)))
            elif kind == "list":
                block = ListBlock(
                    id=new_id(), items=draw(st.lists(list_items, max_size=4)), ordered=draw(st.booleans())
                )
            else:
                block = Table(
                    id=new_id(),
                    header=draw(cells),
                    rows=draw(st.lists(cells, max_size=5)),
                    caption=draw(TEXT),
                    align=draw(aligns),
                )
            section.blocks.append(block)
            block_ids.append(block.id)
        b.sections.append(section)

    # Anchors, origins and targets point at real blocks mostly, but the file format does not require it.
    section_ids = [section.id for section in b.sections]
    other_ids = st.builds(lambda prefix, n: f"{prefix}{n}", PREFIXES, st.integers(0, 10**6))
    targets = (st.sampled_from(block_ids) | other_ids) if block_ids else other_ids
    sections_or_none = (st.sampled_from(section_ids) | st.just("")) if section_ids else st.just("")

    def ref() -> Ref:
        start, end = draw(OPTIONAL_INT), draw(OPTIONAL_INT)
        if start is not None and end is not None and start > end:
            start, end = end, start  # a span does not end before it starts
        return Ref(
            section_id=draw(sections_or_none),
            block_id=draw(targets | st.just("")),
            item=draw(OPTIONAL_INT),
            row=draw(OPTIONAL_INT | st.just(HEADER_ROW)),
            column=draw(OPTIONAL_INT),
            start=start,
            end=end,
            field=draw(st.sampled_from(["", "caption", "text", "term", "meta.title", "annotation.owner"])),
            lost=draw(st.booleans()),
        )

    for _ in range(draw(st.integers(0, 3))):
        b.recommendations.append(
            Recommendation(id=new_id(), text=draw(TEXT), origin=ref(), annotation=draw(annotations))
        )
    rec_ids = [rec.id for rec in b.recommendations]
    for _ in range(draw(st.integers(0, 3))):
        # A detail names its recommendation; one whose recommendation was deleted is still kept.
        owner = draw(st.sampled_from(rec_ids) | other_ids) if rec_ids else draw(other_ids)
        b.details.append(RecommendationDetail(id=new_id(), recommendation=owner, origin=ref()))
    b.ignored = draw(st.lists(TEXT, max_size=3))
    for _ in range(draw(st.integers(0, 3))):
        b.comments.append(
            Comment(
                id=new_id(),
                anchor=ref(),
                text=draw(TEXT),
                author=draw(TEXT),
                initials=draw(TEXT),
                date=draw(STAMPS),
                resolved=draw(st.booleans()),
            )
        )
    for _ in range(draw(st.integers(0, 3))):
        b.changes.append(
            Change(
                id=new_id(),
                rule=draw(TEXT),
                target=ref(),
                before=draw(TEXT),
                after=draw(TEXT),
                when=draw(STAMPS),
                note=draw(TEXT),
                inverse=draw(st.lists(st.dictionaries(TEXT, JSON_VALUES, max_size=3), max_size=3)),
                guard=draw(st.dictionaries(TEXT, TEXT, max_size=3)),
            )
        )
    notes = st.builds(ImportNote, rule=st.sampled_from(["import.encoding", "import.nesting"]), message=TEXT,
                      line=st.integers(0, 10**6))  # fmt: skip
    b.import_notes = draw(st.lists(notes, max_size=2))
    b.source_map = draw(st.dictionaries(TEXT, st.dictionaries(TEXT, TEXT, max_size=3), max_size=3))
    b.next_id += draw(st.integers(0, 1000))  # ids may have been handed out and deleted since
    return b


#: The fields the strategies above fill in. A field added to the model without a strategy for it would
#: never be round-tripped by the property tests, so the guard below fails until it is added here.
STRATEGY_FIELDS: dict[type, set[str]] = {
    Source: {"publisher", "url", "date"},
    Meta: {
        "title", "subtitle", "source", "classification", "purpose", "prepared_by", "prepared_for", "date",
        "summary", "decision_by", "file_number",
    },
    Run: {"text", "bold", "italic", "href"},
    Paragraph: {"id", "runs"},
    ListItem: {"text", "term", "level", "marker", "separator"},
    ListBlock: {"id", "items", "ordered"},
    Table: {"id", "header", "rows", "caption", "align"},
    Section: {"id", "heading", "level", "blocks", "placement"},
    Annotation: {"decision", "priority", "owner", "due", "comment"},
    Recommendation: {"id", "text", "origin", "annotation"},
    RecommendationDetail: {"id", "recommendation", "origin"},
    Comment: {"id", "anchor", "text", "author", "initials", "date", "resolved"},
    Change: {"id", "rule", "target", "before", "after", "when", "note", "inverse", "guard"},
    ImportNote: {"rule", "message", "line"},
    Briefing: {
        "meta", "sections", "recommendations", "details", "comments", "changes", "ignored", "import_notes",
        "next_id", "source_map",
    },
}  # fmt: skip


def test_the_strategies_cover_every_model_field() -> None:
    model_classes = {
        c for c in vars(model).values() if dataclasses.is_dataclass(c) and c.__module__ == model.__name__
    }
    assert model_classes == set(STRATEGY_FIELDS)
    for cls, names in STRATEGY_FIELDS.items():
        assert {f.name for f in dataclasses.fields(cls)} == names, f"update the {cls.__name__} strategy"


# --- round trips -------------------------------------------------------------------------------------


@pytest.fixture
def sample(sample_path: Path) -> Briefing:
    return import_file(sample_path)


def test_the_imported_sample_round_trips(tmp_path: Path, sample: Briefing) -> None:
    path = tmp_path / "nk.briefing"
    project.save(sample, path)
    loaded = project.load(path)
    assert loaded == sample
    assert loaded is not sample
    assert [t.header for _, t in loaded.blocks() if isinstance(t, Table)][0][-3:] == ["", "", ""]


def test_the_file_names_its_format_and_version(tmp_path: Path, sample: Briefing) -> None:
    path = tmp_path / "nk.briefing"
    project.save(sample, path)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["format"] == project.FORMAT_NAME == "briefing-editor"
    assert data["version"] == project.FORMAT_VERSION == 4
    assert {rec["origin"] for rec in data["recommendations"]} == {f"s16/b19:item={i}" for i in range(3)}
    assert {(d["recommendation"], d["origin"]) for d in data["details"]} == {
        ("r21", "s16/b20:row=0"), ("r22", "s16/b20:row=1"), ("r23", "s16/b20:row=2")
    }  # fmt: skip
    assert data["next_id"] == sample.next_id
    assert "’" in path.read_text(encoding="utf-8"), "text is stored as UTF-8, not \\u escapes"


def test_saving_twice_gives_the_same_bytes(tmp_path: Path, sample: Briefing) -> None:
    """Version control and backups should not see a change where there is none."""
    first, second = tmp_path / "a.briefing", tmp_path / "b.briefing"
    project.save(sample, first)
    project.save(project.load(first), second)
    assert first.read_bytes() == second.read_bytes()


@settings(max_examples=150, deadline=None)
@given(briefing=briefings())
def test_random_briefings_round_trip_through_dicts(briefing: Briefing) -> None:
    expected = copy.deepcopy(briefing)
    assert project.from_dict(project.to_dict(briefing)) == expected
    assert project.from_dict(json.loads(project.dumps(briefing))) == expected
    assert briefing == expected, "saving must not change the briefing"


@settings(max_examples=60, deadline=None)
@given(briefing=briefings())
def test_random_briefings_round_trip_through_files(
    briefing: Briefing, tmp_path_factory: pytest.TempPathFactory
) -> None:
    path = tmp_path_factory.mktemp("roundtrip") / "random.briefing"
    project.save(briefing, path)
    assert project.load(path) == briefing


def test_load_moves_next_id_past_every_id_in_the_file(tmp_path: Path) -> None:
    """A hand-edited or older file with a stale next_id must not make the editor reuse an id."""
    briefing = Briefing(sections=[Section(id="s41", blocks=[Paragraph(id="b7")])], next_id=3)
    path = tmp_path / "stale.briefing"
    project.save(briefing, path)
    loaded = project.load(path)
    assert loaded.next_id == 42
    assert loaded.new_id("b") == "b42"


# --- atomic save -------------------------------------------------------------------------------------


def _fail_replace(src: Any, dst: Any) -> None:
    raise OSError(errno.EIO, "Input/output error")


def test_a_failed_save_keeps_the_previous_file(
    tmp_path: Path, sample: Briefing, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "nk.briefing"
    project.save(sample, path)
    before = path.read_bytes()
    sample.meta.title = "Edited title that must not reach the disk"

    monkeypatch.setattr(os, "replace", _fail_replace)
    with pytest.raises(ProjectError) as info:
        project.save(sample, path)

    assert str(path) in str(info.value) and "cannot be written" in str(info.value)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["nk.briefing"], "no temporary file left behind"


def test_a_failed_first_save_leaves_nothing(
    tmp_path: Path, sample: Briefing, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(os, "replace", _fail_replace)
    with pytest.raises(ProjectError):
        project.save(sample, tmp_path / "new.briefing")
    assert list(tmp_path.iterdir()) == []


def test_save_keeps_the_file_permissions(tmp_path: Path, sample: Briefing) -> None:
    path = tmp_path / "shared.briefing"
    project.save(sample, path)
    path.chmod(0o640)
    project.save(sample, path)
    assert path.stat().st_mode & 0o777 == 0o640


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root writes into any folder")
def test_a_read_only_folder_raises_project_error(tmp_path: Path, sample: Briefing) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    path = folder / "nk.briefing"
    project.save(sample, path)
    before = path.read_bytes()
    folder.chmod(0o500)
    try:
        with pytest.raises(ProjectError, match="cannot be written"):
            project.save(sample, path)
        assert path.read_bytes() == before
    finally:
        folder.chmod(0o700)


def test_a_missing_folder_raises_project_error(tmp_path: Path, sample: Briefing) -> None:
    path = tmp_path / "no" / "such" / "folder" / "nk.briefing"
    with pytest.raises(ProjectError, match="cannot be written") as info:
        project.save(sample, path)
    assert str(path) in str(info.value)


#: The smallest valid project file; tests append to it by dropping the closing brace.
HEADER = '{"format": "briefing-editor", "version": 2}'
#: The same in the first format (read through the migration).
HEADER_V1 = '{"format": "briefing-editor", "version": 1}'


# --- strict load -------------------------------------------------------------------------------------


def _set(keys: list[Any], value: Any) -> Callable[[dict[str, Any]], None]:
    def change(data: dict[str, Any]) -> None:
        target = data
        for key in keys[:-1]:
            target = target[key]
        target[keys[-1]] = value

    return change


def _duplicate_block_id(data: dict[str, Any]) -> None:
    data["sections"][1]["blocks"][1]["id"] = data["sections"][1]["blocks"][0]["id"]


def _comment_reusing_a_section_id(data: dict[str, Any]) -> None:
    section_id = data["sections"][0]["id"]
    data["comments"].append({"id": section_id, "anchor": "s1/b2", "text": "dup"})


DAMAGE: list[Any] = [
    pytest.param(_set(["format"], "word-document"), "is not a Briefing Editor project", id="wrong-format"),
    pytest.param(lambda d: d.pop("format"), "is not a Briefing Editor project", id="no-format"),
    pytest.param(_set(["version"], 99), "newer Briefing Editor (format 99", id="newer-version"),
    pytest.param(_set(["version"], "1"), "no valid format version", id="version-as-text"),
    pytest.param(_set(["version"], True), "no valid format version", id="version-as-bool"),
    pytest.param(
        _set(["sections", 1, "heading"], 42), "sections[1].heading should be text", id="int-for-text"
    ),
    pytest.param(
        _set(["sections", 1, "level"], "1"), "sections[1].level should be a whole number", id="text-for-int"
    ),
    pytest.param(_set(["sections", 1, "level"], 1.5), "should be a whole number", id="float-for-int"),
    pytest.param(_set(["sections"], {}), "sections should be a list", id="object-for-list"),
    pytest.param(_set(["meta", "source"], "AP"), "meta.source should be an object", id="text-for-object"),
    pytest.param(
        _set(["sections", 1, "blocks", 0, "runs", 0, "bold"], 1), "should be true or false", id="int-for-bool"
    ),
    pytest.param(_set(["meta", "colour"], "red"), "meta has unknown field 'colour'", id="unknown-field"),
    pytest.param(_set(["extra"], []), "unknown field 'extra'", id="unknown-top-level-field"),
    pytest.param(
        _set(["sections", 1, "blocks", 0, "kind"], "chart"), "unknown block kind 'chart'", id="bad-kind"
    ),
    pytest.param(lambda d: d["sections"][1].pop("id"), "sections[1].id is missing", id="missing-id"),
    pytest.param(_duplicate_block_id, "is used twice", id="duplicate-block-id"),
    pytest.param(_comment_reusing_a_section_id, "'s1' is used twice", id="duplicate-id-across-kinds"),
    pytest.param(
        _set(["recommendations", 0, "origin"], {"block_id": "b19", "item": 0}),
        "recommendations[0].origin should be a place (text)",
        id="format-1-origin-in-a-format-2-file",
    ),
    pytest.param(
        _set(["recommendations", 0, "origin"], "s16/b19:sideways=2"),
        "recommendations[0].origin: unknown part 'sideways=2'",
        id="unreadable-place",
    ),
    pytest.param(
        _set(["recommendations", 0, "origin"], "s16/b19:item=first"),
        "a number is expected in place",
        id="place-with-a-word-for-a-number",
    ),
]


@pytest.mark.parametrize(("damage", "reason"), DAMAGE)
def test_a_damaged_file_is_refused_and_left_alone(
    tmp_path: Path, sample: Briefing, damage: Callable[[dict[str, Any]], Any], reason: str
) -> None:
    data = project.to_dict(sample)
    damage(data)
    path = tmp_path / "damaged.briefing"
    path.write_text(json.dumps(data, indent=1), encoding="utf-8")
    before = path.read_bytes()

    with pytest.raises(ProjectError) as info:
        project.load(path)

    message = str(info.value)
    assert message.startswith(f"{path}: "), message
    assert reason in message
    assert "\n" not in message
    assert path.read_bytes() == before


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        pytest.param((HEADER[:-1] + ', "sections": [').encode(), "invalid JSON", id="truncated"),
        pytest.param(b"", "invalid JSON at line 1, column 1", id="empty"),
        pytest.param(b"\x00" * 64, "invalid JSON", id="zeroed-by-a-crash"),
        pytest.param((HEADER[:-1] + ",}").encode(), "invalid JSON at line 1", id="trailing-comma"),
        pytest.param(b"\xff\xfe{\x00}\x00", "not UTF-8", id="utf-16"),
        pytest.param(b"[" * 100_000 + b"]" * 100_000, "nested too deeply", id="deep-nesting"),
        pytest.param(b'"briefing-editor"', "is not a Briefing Editor project", id="json-string"),
        pytest.param(b"[]", "is not a Briefing Editor project", id="json-list"),
    ],
)
def test_corrupted_bytes_are_refused_and_left_alone(tmp_path: Path, raw: bytes, reason: str) -> None:
    path = tmp_path / "corrupt.briefing"
    path.write_bytes(raw)
    with pytest.raises(ProjectError) as info:
        project.load(path)
    assert str(info.value).startswith(f"{path}: ")
    assert reason in str(info.value)
    assert path.read_bytes() == raw


def test_a_missing_project_file(tmp_path: Path) -> None:
    with pytest.raises(ProjectError, match="no such file"):
        project.load(tmp_path / "gone.briefing")


def test_a_folder_is_not_a_project_file(tmp_path: Path) -> None:
    folder = tmp_path / "folder.briefing"
    folder.mkdir()
    with pytest.raises(ProjectError, match="is a folder"):
        project.load(folder)


def test_an_older_file_without_optional_fields_loads_with_defaults(tmp_path: Path) -> None:
    path = tmp_path / "minimal.briefing"
    for header in (HEADER_V1, HEADER):
        path.write_text(header[:-1] + ', "sections": [{"id": "s1"}]}', encoding="utf-8")
        assert project.load(path) == Briefing(sections=[Section(id="s1")], next_id=2)


# --- regressions: bugs found while writing these tests ---------------------------


def test_a_huge_number_is_reported_as_damage(tmp_path: Path) -> None:
    """json.loads raises ValueError (not JSONDecodeError) for integers over 4300 digits."""
    path = tmp_path / "huge-int.briefing"
    path.write_text(HEADER[:-1] + ', "next_id": ' + "9" * 5000 + "}", encoding="utf-8")
    with pytest.raises(ProjectError, match="is damaged"):
        project.load(path)


def test_an_id_ending_in_a_long_number_loads_and_new_ids_stay_unique(tmp_path: Path) -> None:
    """A long run of digits in an id is just part of the id; it must not crash the loader."""
    path = tmp_path / "long-id.briefing"
    data = {"format": "briefing-editor", "version": 1, "sections": [{"id": "s" + "9" * 5000}]}
    path.write_text(json.dumps(data), encoding="utf-8")
    briefing = project.load(path)
    assert briefing.new_id("s") != briefing.sections[0].id


def test_a_file_that_loads_can_be_saved_again(tmp_path: Path, sample: Briefing) -> None:
    """JSON's \\ud800 escape loads as a lone surrogate; save() then crashes with UnicodeEncodeError.

    Either load should refuse it as damage, or save should raise ProjectError; today the editor would
    open the file and then fail to save the user's work with an unexpected exception.
    """
    text = project.dumps(sample).replace('"AP News"', '"AP \\ud800 News"', 1)
    path = tmp_path / "surrogate.briefing"
    path.write_text(text, encoding="utf-8")
    try:
        briefing = project.load(path)
    except ProjectError:
        return  # refusing it at load is a fine fix
    try:
        project.save(briefing, tmp_path / "again.briefing")
    except ProjectError:
        return  # so is a clear save error
    assert project.load(tmp_path / "again.briefing") == briefing


def test_kind_is_an_unknown_field_outside_blocks(tmp_path: Path, sample: Briefing) -> None:
    data = project.to_dict(sample)
    data["meta"]["kind"] = "paragraph"
    path = tmp_path / "kind.briefing"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ProjectError, match="unknown field 'kind'"):
        project.load(path)
