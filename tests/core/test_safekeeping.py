"""Backups before a save and recovery copies of unsaved work: written whole, found again, tidied up."""

from __future__ import annotations

import json
import os
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from briefing import project, safekeeping
from briefing.errors import ProjectError
from briefing.importing import import_file
from briefing.model import Table
from briefing.safekeeping import RecoveryMeta

T0 = datetime(2025, 3, 14, 9, 26, 53)


@pytest.fixture
def briefing(sample_path):
    return import_file(sample_path)


def _project(tmp_path: Path, text: str = "version 1") -> Path:
    path = tmp_path / "note.briefing"
    path.write_text(text, encoding="utf-8")
    return path


# --- backups ------------------------------------------------------------------------------------------


def test_backup_is_a_timestamped_copy_beside_the_file(tmp_path):
    path = _project(tmp_path)
    backup = safekeeping.make_backup(path, now=T0)
    assert backup == tmp_path / "note.briefing.backups" / "note-20250314-092653.briefing"
    assert backup.read_text(encoding="utf-8") == "version 1"
    assert path.read_text(encoding="utf-8") == "version 1"


def test_no_backup_of_a_file_not_yet_saved_nor_when_turned_off(tmp_path):
    assert safekeeping.make_backup(tmp_path / "new.briefing") is None
    path = _project(tmp_path)
    assert safekeeping.make_backup(path, keep=0) is None
    assert not safekeeping.backup_folder(path).exists()


def test_backups_are_pruned_to_the_newest_n(tmp_path):
    path = _project(tmp_path)
    for minute in range(13):
        path.write_text(f"version {minute}", encoding="utf-8")
        safekeeping.make_backup(path, keep=10, now=T0 + timedelta(minutes=minute))
    kept = safekeeping.list_backups(path)
    assert len(kept) == 10
    assert [p.read_text(encoding="utf-8") for p in kept] == [f"version {m}" for m in range(12, 2, -1)]


def test_backups_within_one_second_get_numbers_and_stay_in_order(tmp_path):
    path = _project(tmp_path)
    for n in range(3):
        path.write_text(f"version {n}", encoding="utf-8")
        safekeeping.make_backup(path, now=T0)
    names = [p.name for p in safekeeping.list_backups(path)]
    assert names == [
        "note-20250314-092653-3.briefing",
        "note-20250314-092653-2.briefing",
        "note-20250314-092653.briefing",
    ]


def test_saving_the_same_bytes_twice_keeps_one_backup(tmp_path):
    path = _project(tmp_path)
    assert safekeeping.make_backup(path, now=T0) is not None
    assert safekeeping.make_backup(path, now=T0 + timedelta(seconds=5)) is None
    assert len(safekeeping.list_backups(path)) == 1


def test_unrelated_files_in_the_backup_folder_are_left_alone(tmp_path):
    path = _project(tmp_path)
    folder = safekeeping.backup_folder(path)
    folder.mkdir()
    (folder / "notes.txt").write_text("mine")
    (folder / "other-20200101-000000.briefing").write_text("someone else's")
    for minute in range(3):
        path.write_text(f"version {minute}", encoding="utf-8")
        safekeeping.make_backup(path, keep=1, now=T0 + timedelta(minutes=minute))
    assert sorted(p.name for p in folder.iterdir()) == [
        "note-20250314-092853.briefing",
        "notes.txt",
        "other-20200101-000000.briefing",
    ]


def test_a_backup_that_cannot_be_made_says_where_and_leaves_the_file(tmp_path):
    path = _project(tmp_path)
    safekeeping.backup_folder(path).write_text("a file where the folder should be")
    with pytest.raises(ProjectError, match=r"note\.briefing\.backups: cannot be created"):
        safekeeping.make_backup(path)
    assert path.read_text(encoding="utf-8") == "version 1"


def test_a_failed_backup_write_leaves_no_half_file(tmp_path, monkeypatch):
    path = _project(tmp_path)

    def fail(*_args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(ProjectError, match="No space left"):
        safekeeping.make_backup(path, now=T0)
    assert list(safekeeping.backup_folder(path).iterdir()) == []
    assert path.read_text(encoding="utf-8") == "version 1"


# --- recovery copies ----------------------------------------------------------------------------------


def test_recovery_round_trip_from_a_dead_session(tmp_path, briefing, dead_pid):
    briefing.meta.title = "Edited, never saved"
    meta = RecoveryMeta("note.briefing", original_path="/x/note.briefing", source_path="/x/a.txt")
    written = safekeeping.write_recovery(briefing, tmp_path, "s1", meta, pid=dead_pid)
    assert written.project_file.is_file() and written.meta_file.is_file()

    (found,) = safekeeping.list_recoveries(tmp_path)
    assert found.key == "s1"
    assert found.meta.display_name == "note.briefing"
    assert found.meta.original_path == "/x/note.briefing"
    assert found.meta.source_path == "/x/a.txt"
    assert found.meta.pid == dead_pid
    assert abs(found.saved_at - datetime.now()) < timedelta(minutes=1)
    assert project.dumps(safekeeping.load_recovery(found)) == project.dumps(briefing)


def test_a_running_sessions_copy_is_not_offered(tmp_path, briefing):
    safekeeping.write_recovery(briefing, tmp_path, "mine", RecoveryMeta("x"))
    assert safekeeping.list_recoveries(tmp_path) == []


def test_recoveries_are_listed_newest_first(tmp_path, briefing, dead_pid):
    for key in ("older", "newer"):
        recovery = safekeeping.write_recovery(briefing, tmp_path, key, RecoveryMeta(key), pid=dead_pid)
    data = json.loads(recovery.meta_file.read_text(encoding="utf-8"))
    older = tmp_path / "older.json"
    old = json.loads(older.read_text(encoding="utf-8"))
    old["saved_at"] = "2020-01-01T00:00:00"
    older.write_text(json.dumps(old), encoding="utf-8")
    assert data["saved_at"] > old["saved_at"]
    assert [r.key for r in safekeeping.list_recoveries(tmp_path)] == ["newer", "older"]


def test_rewriting_a_recovery_replaces_it(tmp_path, briefing, dead_pid):
    safekeeping.write_recovery(briefing, tmp_path, "s1", RecoveryMeta("x"), pid=dead_pid)
    briefing.meta.title = "Second"
    safekeeping.write_recovery(project.dumps(briefing), tmp_path, "s1", RecoveryMeta("x"), pid=dead_pid)
    (found,) = safekeeping.list_recoveries(tmp_path)
    assert safekeeping.load_recovery(found).meta.title == "Second"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["s1.briefing", "s1.json"]


def test_a_failed_rewrite_keeps_the_previous_copy(tmp_path, briefing, dead_pid, monkeypatch):
    safekeeping.write_recovery(briefing, tmp_path, "s1", RecoveryMeta("x"), pid=dead_pid)
    before = (tmp_path / "s1.briefing").read_bytes()
    briefing.meta.title = "Lost"

    def fail(*_args):
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(ProjectError, match="s1.briefing: cannot be written"):
        safekeeping.write_recovery(briefing, tmp_path, "s1", RecoveryMeta("x"), pid=dead_pid)
    monkeypatch.undo()
    assert (tmp_path / "s1.briefing").read_bytes() == before
    assert len(safekeeping.list_recoveries(tmp_path)) == 1


def test_discard_removes_the_copy_and_interrupted_writes(tmp_path, briefing, dead_pid):
    safekeeping.write_recovery(briefing, tmp_path, "s1", RecoveryMeta("x"), pid=dead_pid)
    safekeeping.write_recovery(briefing, tmp_path, "s11", RecoveryMeta("x"), pid=dead_pid)
    (tmp_path / ".s1.briefing.abc123.tmp").write_text("half")
    safekeeping.discard_recovery(tmp_path, "s1")
    safekeeping.discard_recovery(tmp_path, "s1")  # twice is harmless
    assert sorted(p.name for p in tmp_path.iterdir()) == ["s11.briefing", "s11.json"]


@pytest.mark.parametrize(
    "description",
    [
        "not json",
        json.dumps({"format": "something else", "pid": 1}),
        json.dumps({"format": "briefing-editor-recovery", "display_name": "x"}),
        json.dumps({"format": "briefing-editor-recovery", "display_name": 3, "pid": 99999999}),
        json.dumps({"format": "briefing-editor-recovery", "original_path": [], "pid": 99999999}),
    ],
)
def test_unreadable_descriptions_are_skipped_not_fatal(tmp_path, briefing, description):
    project.save(briefing, tmp_path / "bad.briefing")
    (tmp_path / "bad.json").write_text(description, encoding="utf-8")
    assert safekeeping.list_recoveries(tmp_path) == []


def test_a_description_without_its_briefing_is_not_offered(tmp_path, briefing, dead_pid):
    recovery = safekeeping.write_recovery(briefing, tmp_path, "s1", RecoveryMeta("x"), pid=dead_pid)
    recovery.project_file.unlink()
    assert safekeeping.list_recoveries(tmp_path) == []


def test_a_damaged_recovery_raises_a_project_error(tmp_path, briefing, dead_pid):
    recovery = safekeeping.write_recovery(briefing, tmp_path, "s1", RecoveryMeta("x"), pid=dead_pid)
    recovery.project_file.write_text("{ half", encoding="utf-8")
    with pytest.raises(ProjectError, match="s1.briefing: is damaged"):
        safekeeping.load_recovery(recovery)


def test_a_missing_folder_has_no_recoveries(tmp_path):
    assert safekeeping.list_recoveries(tmp_path / "nowhere") == []


@pytest.mark.parametrize("key", ["", "../x", "a/b", "a.b", ".hidden"])
def test_keys_must_be_plain_names(tmp_path, briefing, key):
    with pytest.raises(ValueError):
        safekeeping.write_recovery(briefing, tmp_path, key, RecoveryMeta("x"))


def test_process_alive(dead_pid):
    assert safekeeping.process_alive(os.getpid())
    assert not safekeeping.process_alive(dead_pid)
    assert not safekeeping.process_alive(0)


def test_snapshot_is_equal_and_independent(briefing):
    copy = safekeeping.snapshot(briefing)
    assert project.dumps(copy) == project.dumps(briefing)
    table = next(block for _, block in copy.blocks() if isinstance(block, Table))
    original = briefing.find_block(table.id)
    before = project.dumps(briefing)
    table.rows[0][0] = "changed"
    table.rows.append(["new"])
    copy.sections[0].blocks.clear()
    copy.meta.source.publisher = "changed"
    assert project.dumps(briefing) == before
    assert original.rows[0][0] != "changed"


def test_pruning_within_one_second_keeps_the_newest(tmp_path):
    path = _project(tmp_path)
    for n in range(6):
        path.write_text(f"version {n}", encoding="utf-8")
        safekeeping.make_backup(path, keep=2, now=T0)
    assert [p.read_text(encoding="utf-8") for p in safekeeping.list_backups(path)] == [
        "version 5",
        "version 4",
    ]
