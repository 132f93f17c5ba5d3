"""Older project files load with every place right; saving writes the current format, which reads back
the same.

The format-1 fixtures in ``tests/data/projects/`` are written by hand the way Briefing Editor wrote
them before places were refs: origins and anchors as objects (a list item's index in ``anchor.row``, a
header cell as a missing ``row``), change targets in words counting from 1, ignored findings keyed by
offsets.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from briefing import project
from briefing.editing import operations
from briefing.editing.serial import dump_steps, load_steps
from briefing.editing.transaction import Locator, changed_parts, replay
from briefing.errors import ProjectError
from briefing.kinds import text_at
from briefing.model import Briefing, Change
from briefing.places import Places
from briefing.refs import HEADER_ROW, Ref, finding_key

DATA = Path(__file__).resolve().parents[1] / "data" / "projects"
HARBOUR = DATA / "harbour-v1.briefing"


@pytest.fixture
def harbour() -> Briefing:
    return project.load(HARBOUR)


def test_the_fixture_is_a_format_1_file() -> None:
    data = json.loads(HARBOUR.read_text(encoding="utf-8"))
    assert data["version"] == 1
    assert data["comments"][1]["anchor"]["row"] == 1  # a list item's index, format-1 style


def test_recommendation_origins_become_refs(harbour: Briefing) -> None:
    assert [rec.origin for rec in harbour.recommendations] == [
        Ref("s7", "b8", item=0),
        Ref("s7", "b9", row=1),
        Ref(),  # written by the analyst
    ]
    assert text_at(harbour, harbour.recommendations[0].origin) == "Fund the temporary ferry"
    assert text_at(harbour, harbour.recommendations[1].origin) == (
        "Budget | Release the reserve | Works start on time"
    )


def test_comment_anchors_become_refs_on_the_same_text(harbour: Briefing) -> None:
    anchors = {comment.id: comment.anchor for comment in harbour.comments}
    assert anchors == {
        "c13": Ref("s3", "b4", start=20, end=33),  # a span of a paragraph
        "c14": Ref("s3", "b5", item=1, start=0, end=7),  # a list item: item=, not row=
        "c15": Ref("s3", "b6", row=HEADER_ROW, column=1),  # a header cell
        "c16": Ref("s3", "b6", row=2, column=1),  # a body cell
        "c17": Ref(section_id="s3"),  # a section heading
        "c18": Ref(block_id="r10", start=0, end=4),  # a recommendation's words
        "c19": Ref(block_id="b99", start=0, end=5, lost=True),  # a paragraph a fix removed
        "c20": Ref("s3", "b5"),  # a whole list
    }
    texts = {comment.id: text_at(harbour, comment.anchor) for comment in harbour.comments}
    assert texts["c13"] == "for two years"
    assert texts["c14"] == "Channel"
    assert texts["c15"] == "Cost"
    assert texts["c16"] == "0.5 m"
    assert texts["c17"] == "What changes"
    assert texts["c18"] == "Fund"


def test_change_targets_in_words_become_refs(harbour: Briefing) -> None:
    targets = {change.id: change.target for change in harbour.changes}
    assert targets == {
        "x21": Ref("s3", "b6", row=2, column=2),  # "row 3, column 3" counted from 1
        "x22": Ref("s3", "b6", row=HEADER_ROW, column=1),
        "x23": Ref("s3", "b5", item=1),
        "x24": Ref("s3", "b98", lost=True),  # the duplicate table the fix removed
        "x25": Ref(field="meta.title"),
        "x26": Ref(section_id="s97", lost=True),  # the empty section the fix removed
        "x27": Ref(section_id="s3"),
        "x28": Ref("s1", "b2"),  # several places: the first names the change
        "x29": Ref("s7", "b9", row=1, column=1),
    }


def test_every_migrated_place_is_named_in_words(harbour: Briefing) -> None:
    places = Places(harbour)
    words = [places.describe_ref(change.target) for change in harbour.changes]
    assert words == [
        "Table 1, row 3, column 3",
        "Table 1, header row, column 2",
        "list 1 in “What changes”, item 2",
        "removed from the article (was in section “What changes”)",
        "the title",
        "removed from the article",
        "section “What changes”",
        "paragraph 1 in the summary",
        "Table 2, row 2, column 2",
    ]
    comment = next(c for c in harbour.comments if c.id == "c14")
    assert places.describe_ref(comment.anchor) == "list 1 in “What changes”, item 2: “Channel”"


def test_ignored_keys_lose_their_offsets(harbour: Briefing) -> None:
    assert harbour.ignored == [
        "long-row@b6|Open | 0.5 m",
        finding_key("header-case", Ref("s3", "b6", row=HEADER_ROW, column=1), "Cost"),
        "spelling@b4|for two years",
        finding_key("list-term", Ref("s3", "b5", item=1), "Channel: Dredge the channel"),
        "heading-case@s3|What changes",
    ]  # the key that was not a key is dropped


def test_the_rest_of_the_file_is_untouched(harbour: Briefing) -> None:
    assert harbour.meta.title == "Harbour works on Skerry Island"
    assert harbour.sections[1].blocks[0].runs[1].bold  # type: ignore[union-attr]
    assert harbour.recommendations[0].annotation.decision == "Approve"
    assert harbour.comments[3].resolved
    assert [c.before for c in harbour.changes][1] == "Cots"
    assert harbour.next_id == 30


def test_loading_never_changes_the_old_file(tmp_path: Path) -> None:
    path = tmp_path / "old.briefing"
    shutil.copy(HARBOUR, path)
    before = path.read_bytes()
    project.load(path)
    assert path.read_bytes() == before


def test_a_saved_file_is_the_current_format_and_reads_back(tmp_path: Path, harbour: Briefing) -> None:
    path = tmp_path / "harbour.briefing"
    project.save(harbour, path)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["version"] == project.FORMAT_VERSION == 4
    assert data["recommendations"][0]["origin"] == "s7/b8:item=0"
    assert data["comments"][1]["anchor"] == "s3/b5:item=1:chars=0-7"
    assert data["comments"][2]["anchor"] == "s3/b6:header:col=1"
    assert data["changes"][0]["target"] == "s3/b6:row=2:col=2"
    assert data["changes"][3]["target"] == "s3/b98:lost"
    again = project.load(path)
    assert again == harbour
    project.save(again, tmp_path / "twice.briefing")
    assert (tmp_path / "twice.briefing").read_bytes() == path.read_bytes()


def _damaged(tmp_path: Path, change: object) -> Path:
    data = json.loads(HARBOUR.read_text(encoding="utf-8"))
    change(data)  # type: ignore[operator]
    path = tmp_path / "damaged-v1.briefing"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        pytest.param(
            lambda d: d["sections"][1].update(blocks="not a list"),
            "is damaged: it is not a readable format-1 project",
            id="blocks-not-a-list",
        ),
        pytest.param(
            lambda d: d["comments"][0]["anchor"].update(start="twenty"),
            "is damaged: comments[0].anchor: a number is expected",
            id="text-for-an-offset",
        ),
        pytest.param(
            lambda d: d["recommendations"][1].update(origin=7),
            "is damaged: recommendations[1].origin should be a place (text)",
            id="origin-a-number",
        ),
        pytest.param(
            lambda d: d["changes"][0].update(target=["s3/b6"]),
            "is damaged: changes[0].target should be a place (text)",
            id="target-not-text",
        ),
        pytest.param(
            lambda d: d["comments"].append(dict(d["comments"][0])),
            "is damaged: the id 'c13' is used twice",
            id="duplicate-comment",
        ),
    ],
)
def test_a_damaged_format_1_file_names_the_file(tmp_path: Path, change: object, reason: str) -> None:
    path = _damaged(tmp_path, change)
    before = path.read_bytes()
    with pytest.raises(ProjectError) as info:
        project.load(path)
    assert str(info.value).startswith(f"{path}: ")
    assert reason in str(info.value)
    assert path.read_bytes() == before


def test_a_correction_keeps_its_inverse_and_guard_across_save(tmp_path: Path, harbour: Briefing) -> None:
    """A correction's exact inverse survives to_dict/from_dict and a file, and still undoes it."""
    change_id = harbour.new_id("x")
    before = project.to_dict(harbour)
    transaction = operations.remove_row(harbour, "b6", 0)
    assert harbour.comments[3].anchor == Ref("s3", "b6", row=1, column=1)  # the row below moved up
    harbour.changes.append(
        Change(
            change_id,
            "empty-row",
            Ref("s3", "b6", row=0),
            "Design | 2 m | 6",
            "",
            "2025-03-04T08:00:00",
            inverse=dump_steps(transaction.inverse),
            guard=transaction.guard(),
        )
    )
    data = project.to_dict(harbour)
    assert data["changes"][-1]["inverse"] == dump_steps(transaction.inverse)
    assert project.from_dict(data) == harbour
    path = tmp_path / "corrected.briefing"
    project.save(harbour, path)
    loaded = project.load(path)
    assert loaded == harbour
    change = loaded.changes[-1]
    assert change.guard == transaction.guard() and change.guard
    assert changed_parts(loaded, change.guard) == []
    replay(Locator(loaded), load_steps(change.inverse))
    loaded.changes.pop()
    assert project.to_dict(loaded) == before  # the row, and every pointer, back exactly


def test_a_guard_notices_an_edit_after_reopening(tmp_path: Path, harbour: Briefing) -> None:
    transaction = operations.set_cell(harbour, "b6", 1, 1, "10 m")
    path = tmp_path / "guarded.briefing"
    harbour.changes.append(
        Change(
            harbour.new_id("x"),
            "cost",
            Ref("s3", "b6", row=1, column=1),
            "9 m",
            "10 m",
            "",
            guard=transaction.guard(),
        )
    )
    project.save(harbour, path)
    loaded = project.load(path)
    operations.set_cell(loaded, "b6", 1, 1, "11 m")
    assert changed_parts(loaded, loaded.changes[-1].guard) == ["row:b6:1"]


def test_a_migrated_ignore_still_matches_its_finding(sample_path: Path) -> None:
    """Format 1 keyed an ignored finding by its place with offsets; the migrated key is the key the
    checks give that finding now, so what was ignored stays ignored."""
    from briefing.checks import run_checks
    from briefing.importing import import_file
    from briefing.migration import upgrade_v1_keys

    briefing = import_file(sample_path)
    findings = run_checks(briefing)
    assert findings
    for finding in findings:
        ref = finding.target
        place = [ref.path, ref.row, ref.column, ref.item, ref.start, ref.end]
        old_key = f"{finding.rule}@" + ":".join("" if p is None else str(p) for p in place)
        assert upgrade_v1_keys(briefing, [old_key]) == [finding.key], old_key
