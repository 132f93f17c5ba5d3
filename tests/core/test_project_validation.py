"""Values a project's types allow but the model cannot hold are refused on load, in one line.

A hand-edited or damaged ``.briefing`` file used to load with a heading level of 10¹², a place with a
negative offset or a comment dated in year 0 and then fail in the outline (``'#' * level``), a check or
the export with a traceback. Each such value is now refused by :func:`briefing.project.load` naming the
field; what the app itself could have written (a place past its text, a free-text date, any link
address, a plain-text list nested deeper than Word shows) still loads, and every command runs on it.
"""

from __future__ import annotations

import contextlib
import copy
import datetime as dt
import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from briefing import project
from briefing.checks.engine import apply_safe_fixes
from briefing.cli import main
from briefing.errors import ProjectError
from briefing.export import ExportOptions, export_docx
from briefing.importing import import_file
from briefing.model import Annotation, ListBlock, Paragraph, Recommendation
from briefing.validation import DEEPEST_LIST_LEVEL

from .export_support import annotated

DATA = Path(__file__).resolve().parents[1] / "data" / "projects"
HARBOUR = DATA / "harbour-v1.briefing"


def _base() -> dict[str, Any]:
    """The annotated sample with its safe fixes applied: comments, decisions, a corrections log."""
    briefing = annotated()
    apply_safe_fixes(briefing, when="2025-05-10T09:00:00+00:00")
    return project.to_dict(briefing)


BASE = _base()


def _where(kind: str) -> tuple[int, int]:
    """(section, block) of the first block of a kind in BASE."""
    for i, section in enumerate(BASE["sections"]):
        for j, block in enumerate(section["blocks"]):
            if block["kind"] == kind:
                return i, j
    raise AssertionError(kind)


LIST_AT = _where("list")
PARA_AT = _where("paragraph")


def _set_section_level(value: int) -> Callable[[dict[str, Any]], None]:
    return lambda d: d["sections"][1].update(level=value)


def _set_item_level(value: int) -> Callable[[dict[str, Any]], None]:
    i, j = LIST_AT
    return lambda d: d["sections"][i]["blocks"][j]["items"][0].update(level=value)


def _set(field: str, index: int, key: str, value: Any) -> Callable[[dict[str, Any]], None]:
    return lambda d: d[field][index].update({key: value})


def _annotate(key: str, value: str) -> Callable[[dict[str, Any]], None]:
    return lambda d: d["recommendations"][0]["annotation"].update({key: value})


def _comment(**fields: Any) -> Callable[[dict[str, Any]], None]:
    i, j = PARA_AT
    block_id = BASE["sections"][i]["blocks"][j]["id"]
    entry = {"id": "c900", "anchor": block_id, "text": "new", **fields}
    return lambda d: d["comments"].append(entry)


def _align(d: dict[str, Any]) -> None:
    i, j = _where("table")
    d["sections"][i]["blocks"][j]["align"] = ["left", "justify"]


#: (change to BASE, what the one-line message says)
HOSTILE: list[Any] = [
    pytest.param(_set_section_level(2**63), "sections[1].level is 9223372036854775808; heading levels run "
                 "from 1 to 6", id="section-level-2**63"),
    pytest.param(_set_section_level(10**12), "sections[1].level is 1000000000000", id="section-level-10**12"),
    pytest.param(_set_section_level(10**30), "sections[1].level is a 31-digit number",
                 id="section-level-huge"),
    pytest.param(_set_section_level(0), "sections[1].level is 0", id="section-level-0"),
    pytest.param(_set_section_level(7), "sections[1].level is 7", id="section-level-7"),
    pytest.param(_set_section_level(-3), "sections[1].level is -3", id="section-level-negative"),
    pytest.param(_set_item_level(2**63), f"items[0].level is 9223372036854775808; list levels run from 0 to "
                 f"{DEEPEST_LIST_LEVEL}", id="item-level-2**63"),
    pytest.param(_set_item_level(10**12), "items[0].level is 1000000000000", id="item-level-10**12"),
    pytest.param(_set_item_level(DEEPEST_LIST_LEVEL + 1), "items[0].level is", id="item-level-past-deepest"),
    pytest.param(_set_item_level(-1), "items[0].level is -1", id="item-level-negative"),
    pytest.param(_set("recommendations", 0, "origin", "s16/b19:item=-7"),
                 "recommendations[0].origin 's16/b19:item=-7' has a negative item number", id="origin-item"),
    pytest.param(_comment(anchor="s1/b2:chars=9-3"), "comments[8].anchor 's1/b2:chars=9-3' ends before it "
                 "starts", id="anchor-backwards"),
    pytest.param(_comment(anchor="s1/b2:chars=-9-3"), "has a negative start number", id="anchor-start"),
    pytest.param(_comment(anchor="s1/b2:chars=0--4"), "has a negative end number", id="anchor-end"),
    pytest.param(_comment(anchor="s1/b2:row=-2:col=0"), "has a negative row number", id="anchor-row"),
    pytest.param(_set("changes", 0, "target", "s1/b2:col=-1"), "changes[0].target 's1/b2:col=-1' has a "
                 "negative column number", id="target-column"),
    pytest.param(lambda d: d["meta"].update(purpose="urgent"),
                 "meta.purpose is 'urgent'; it is one of 'information', 'decision'", id="purpose"),
    pytest.param(_annotate("decision", "Maybe"), "recommendations[0].annotation.decision is 'Maybe'; "
                 "it is one of 'Approve', 'Disapprove', 'Modify', 'Note', 'Defer' or empty", id="decision"),
    pytest.param(_annotate("priority", "Critical"), "annotation.priority is 'Critical'", id="priority"),
    pytest.param(_align, "align[1] is 'justify'; it is one of 'left', 'center', 'right' or empty",
                 id="align"),
    pytest.param(_comment(date="2024-99-99"), "comments[8].date is '2024-99-99', which is not a real "
                 "date and time", id="comment-date-impossible"),
    pytest.param(_comment(date="0001-01-01T00:00:00+14:00"),
                 "comments[8].date is '0001-01-01T00:00:00+14:00', outside the years 1 to 9999 (in UTC)",
                 id="comment-date-before-year-1"),
    pytest.param(_comment(date="9999-12-31T23:59:59-14:00"), "outside the years 1 to 9999",
                 id="comment-date-after-9999"),
    pytest.param(_comment(date="00010101T000000+1400"), "outside the years", id="comment-date-compact"),
    pytest.param(_set("changes", 0, "when", "2025-02-30T10:00:00"),
                 "changes[0].when is '2025-02-30T10:00:00'", id="change-when"),
    pytest.param(_comment(id="c:900"), "comments[8].id is 'c:900', which a place cannot name", id="id-colon"),
    pytest.param(lambda d: d["sections"][1].update(id=""), "sections[1].id is ''", id="id-empty"),
    pytest.param(lambda d: d.update(import_notes=[{"rule": "import.encoding", "message": "m", "line": -1}]),
                 "import_notes[0].line is -1", id="import-note-line"),
    pytest.param(lambda d: d.update(next_id=-5, sections=[], recommendations=[], details=[], comments=[],
                                    changes=[]), "next_id is -5; ids count from 1", id="next-id"),
    pytest.param(lambda d: d["sections"][1].update(placement="appendix"), "sections[1].placement is "
                 "'appendix'; it is one of", id="placement"),
    pytest.param(_set("details", 0, "origin", "s16/b20:row=-4"),
                 "details[0].origin 's16/b20:row=-4' has a negative row number", id="detail-origin"),
    pytest.param(_set("details", 0, "id", "d:1"), "details[0].id is 'd:1', which a place cannot name",
                 id="detail-id"),
    pytest.param(_comment(date="2024-01-" + "x" * 5000), "comments[8].date is '2024-01-xxx",
                 id="long-value-is-cut"),
]  # fmt: skip


def _write(tmp_path: Path, change: Callable[[dict[str, Any]], None], base: dict[str, Any] = BASE) -> Path:
    data = copy.deepcopy(base)
    change(data)
    path = tmp_path / "hostile.briefing"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.mark.parametrize(("change", "reason"), HOSTILE)
def test_a_value_the_model_cannot_hold_is_refused_naming_it(
    tmp_path: Path, change: Callable[[dict[str, Any]], None], reason: str
) -> None:
    path = _write(tmp_path, change)
    with pytest.raises(ProjectError) as info:
        project.load(path)
    message = str(info.value)
    assert message.startswith(f"{path}: is damaged: ")
    assert reason in message
    assert "\n" not in message and len(message) < len(str(path)) + 200


@pytest.mark.parametrize(("change", "reason"), HOSTILE)
@pytest.mark.parametrize("command", ["parse", "check", "fix", "convert"])
def test_every_command_gives_one_line_and_exit_2(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    command: str,
    change: Callable[[dict[str, Any]], None],
    reason: str,
) -> None:
    path = _write(tmp_path, change)
    before = path.read_bytes()
    output = {"fix": ["-o", str(tmp_path / "out.briefing")], "convert": ["-o", str(tmp_path / "out.docx")]}
    assert main([command, str(path), *output.get(command, [])]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith(f"briefing: {path}: is damaged: ") and reason in err
    assert path.read_bytes() == before, "a refused file is left as it was"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["hostile.briefing"], "nothing was written"


# --- what the app itself could have written still loads -----------------------------------------------


def test_a_place_past_its_text_loads_and_every_command_runs(tmp_path: Path) -> None:
    """A lost place keeps where it was, so it may point past the text that remains: read, not refused."""
    i, j = LIST_AT
    list_id = BASE["sections"][i]["blocks"][j]["id"]
    changes = [
        _comment(anchor=f"{list_id}:item=9999:chars=5-99999999999"),
        _comment(id="c901", anchor="s1/b2:chars=100000-100001:lost", date=_now()),
        _comment(id="c902", anchor=f"{BASE['recommendations'][0]['id']}:chars=4-5000", date="2025-05-10"),
        _set("recommendations", 1, "origin", f"{list_id}:item=400"),
        _set("changes", 0, "target", "s1/b99:row=7:col=12:lost"),
    ]
    data = copy.deepcopy(BASE)
    for change in changes:
        change(data)
    path = tmp_path / "past.briefing"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert project.load(path).comments[-1].anchor.end == 5000
    _run_every_command(path, tmp_path)


def test_free_text_dates_links_and_deep_list_levels_load(tmp_path: Path) -> None:
    """The details editor takes any text for the note's dates, the analyst's due date is written as
    typed, a link is the user's data (export decides what becomes live), and plain-text import has kept
    deep indentation as levels past the nine Word shows (a project saved then must still open)."""
    article = tmp_path / "deep.txt"
    article.write_text(
        "Deep Lists\n\nSome text.\n\n"
        + "".join(f"{'  ' * n}- level {n}\n" for n in range(14))
        + "\nAfter the list.\n",
        encoding="utf-8",
    )
    briefing = import_file(article)
    listing = next(b for _, b in briefing.blocks() if isinstance(b, ListBlock))
    listing.items[-1].level = 13
    briefing.meta.date = "Tuesday, late"
    briefing.meta.decision_by = "2026-02-30"  # typed, impossible, and still the analyst's words
    briefing.meta.source.date = "spring"
    briefing.recommendations.append(
        Recommendation(briefing.new_id("r"), "Act.", annotation=Annotation(due="end of June"))
    )
    paragraph = next(b for _, b in briefing.blocks() if isinstance(b, Paragraph))
    paragraph.runs[0].href = "javascript:alert(1)"
    path = tmp_path / "deep.briefing"
    project.save(briefing, path)
    assert project.load(path) == briefing
    _run_every_command(path, tmp_path)


def test_the_app_s_own_timestamps_load(tmp_path: Path) -> None:
    """What the editor stamps on a comment (local time with its offset) and the checks on a correction
    (UTC), a date alone, and words (a caller's own ``when``; the export gives such a comment no date)."""
    data = copy.deepcopy(BASE)
    data["changes"][0]["when"] = "now"
    _comment(id="c899", date="yesterday")(data)
    for index, stamp in enumerate(
        [_now(), dt.datetime.now(dt.UTC).isoformat(timespec="seconds"), "2025-05-10"]
    ):
        _comment(id=f"c{900 + index}", date=stamp)(data)
    path = tmp_path / "stamps.briefing"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert len(project.load(path).comments) == len(BASE["comments"]) + 4
    _run_every_command(path, tmp_path)


def test_the_format_1_fixture_still_loads() -> None:
    assert project.load(HARBOUR).comments


def _now() -> str:
    return dt.datetime.now().astimezone().isoformat(timespec="seconds")


# --- format 1 ------------------------------------------------------------------------------------------


def _v1(change: Callable[[dict[str, Any]], None]) -> dict[str, Any]:
    data = json.loads(HARBOUR.read_text(encoding="utf-8"))
    change(data)
    return data


def test_a_format_1_ignored_key_with_a_huge_number_is_dropped_not_a_traceback(tmp_path: Path) -> None:
    """Python refuses to read a number of 4,300 digits: such a key is damage, dropped like any other."""
    path = _write(
        tmp_path, lambda d: d["ignored"].append("long-row@s3/b6:" + "9" * 5000 + "::::"), _v1(lambda d: None)
    )
    assert project.load(path).ignored == project.load(HARBOUR).ignored


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        pytest.param(lambda d: d["changes"][0].update(target="s3/b6 row 0, column 3"),
                     "is damaged: it is not a readable format-1 project", id="row-0-counting-from-1"),
        pytest.param(lambda d: d["recommendations"][0].update(origin={"block_id": "b5", "row": -4}),
                     "recommendations[0].origin 's3/b5:item=-4' has a negative item number", id="origin"),
        pytest.param(lambda d: d["sections"][0].update(level=10**12), "sections[0].level is 1000000000000",
                     id="level"),
    ],
)  # fmt: skip
def test_a_format_1_file_is_range_checked_too(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], change: Callable[[dict[str, Any]], None], reason: str
) -> None:
    path = _write(tmp_path, lambda d: None, _v1(change))
    assert main(["parse", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith(f"briefing: {path}: ") and reason in err


# --- fuzz: a mutated project loads and works, or is refused in one line ---------------------------------


def _leaves(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Paths to every number and string in a JSON value (``format`` and ``version`` left alone)."""
    if isinstance(value, dict):
        return [
            p
            for k, v in value.items()
            if path or k not in ("format", "version")
            for p in _leaves(v, (*path, k))
        ]
    if isinstance(value, list):
        return [p for i, v in enumerate(value) for p in _leaves(v, (*path, i))]
    return [path] if isinstance(value, (int, str)) and not isinstance(value, bool) else []


BASES = {"v2": BASE, "v1": json.loads(HARBOUR.read_text(encoding="utf-8"))}
LEAVES = {name: _leaves(data) for name, data in BASES.items()}

#: Numbers at the edges: the header row, Python's index size, what a heading or a level can hold.
EDGE_NUMBERS = st.sampled_from([-(2**63), -2, -1, 0, 1, 6, 7, 8, 9, 10**12, 2**63, DEEPEST_LIST_LEVEL + 1])
#: Texts that look like what the file holds: places, dates, links, choices.
EDGE_TEXTS = st.sampled_from([
    "", " ", "javascript:alert(1)", "file:///etc/passwd", "2024-02-30", "2024-99-99",
    "0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59-14:00", "2025-05-10T09:30:00", "s1/b2:chars=5-1",
    "s1/b2:item=-3", "s1:header:col=-1", "b2:chars=0-99999999999", "s3/b6:row=99:col=99", ":field=meta.title",
    "Approve", "High", "decision", "x:y", "a/b", "\x00\x0b\ufffe", "\u202e", "#" * 300, "[" * 2000,
])  # fmt: skip
NUMBERS = EDGE_NUMBERS | st.integers()
TEXTS = EDGE_TEXTS | st.text(max_size=30)
#: A value of another type now and then (the loader's type checks), mostly one of the same type.
ANY_VALUE: st.SearchStrategy[Any] = st.one_of(NUMBERS, TEXTS, st.none(), st.booleans(), st.just([]))


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(base=st.sampled_from(sorted(BASES)), data=st.data())
def test_a_mutated_project_loads_and_works_or_is_refused(
    base: str, data: st.DataObject, tmp_path_factory: pytest.TempPathFactory
) -> None:
    mutated = copy.deepcopy(BASES[base])
    for _ in range(data.draw(st.integers(1, 3), label="mutations")):
        *parents, key = data.draw(st.sampled_from(LEAVES[base]), label="where")
        target = mutated
        for part in parents:
            target = target[part]
        same = NUMBERS if isinstance(target[key], int) else TEXTS
        other = data.draw(st.integers(0, 9), label="type") == 0
        target[key] = data.draw(ANY_VALUE if other else same, label="value")
    folder = tmp_path_factory.mktemp("mutated")
    path = folder / "mutated.briefing"
    path.write_text(json.dumps(mutated, ensure_ascii=False), encoding="utf-8")
    try:
        briefing = project.load(path)
    except ProjectError as exc:
        event("refused")
        assert str(exc).startswith(f"{path}: ") and "\n" not in str(exc)
        return
    export_docx(briefing, folder / "direct.docx", ExportOptions())
    _run_every_command(path, folder)


def _run_every_command(path: Path, folder: Path) -> None:
    """parse, check, fix and convert on a project that loaded: each finishes (0 or 1), none raises."""
    commands = [
        ["parse", str(path)],
        ["parse", "--json", str(path)],
        ["check", str(path)],
        ["fix", str(path), "-o", str(folder / "fixed.briefing")],
        ["convert", str(path), "-o", str(folder / "out.docx")],
        ["convert", "--fix", str(path), "-o", str(folder / "fixed.docx")],
    ]
    for argv in commands:
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(argv)
        assert code in (0, 1), f"{argv[0]} exited {code}: {err.getvalue()}"
    assert project.load(folder / "fixed.briefing"), "what fix saved loads again"
