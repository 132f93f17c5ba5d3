"""Never lose work: timestamped backups of a project file, and recovery copies of unsaved edits.

A *backup* is the project file as it was just before a save overwrote it, kept in a folder beside it
(``NAME.briefing.backups/NAME-YYYYmmdd-HHMMSS.briefing``), newest ``keep`` only.

A *recovery copy* is what an editor session had not saved yet: ``KEY.briefing`` (a normal project file)
and ``KEY.json`` (whose it is: the project and article paths, a name to show, when, and the pid of the
writing process). A copy whose process is still alive belongs to a running session and is never offered.
"""

from __future__ import annotations

import copy
import dataclasses
import json
import os
import re
import stat
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from . import patterns, project
from .atomic import atomic_write_bytes, process_alive, remove_stale_temps
from .errors import ProjectError
from .model import Briefing
from .refs import Ref

#: How many backups of a project file are kept unless the caller says otherwise.
BACKUP_KEEP = 10
BACKUP_FOLDER_SUFFIX = ".backups"
_STAMP = "%Y%m%d-%H%M%S"
RECOVERY_FORMAT = "briefing-editor-recovery"
#: Recovery keys are plain names (no dots, so one key's temporary files never match another's).
_KEY = patterns.compile(r"[A-Za-z0-9_-]+")
#: The editor's keys: the session's pid, then a number.
_SESSION_KEY = patterns.compile(r"(\d{1,10})-\d+")
#: A temporary file of a recovery copy written before temporary files named their writer: the key
#: (whose first number is the session's pid), the file it was to replace, and mkstemp's eight characters.
_LEGACY_TEMP = patterns.compile(r"\.(\d{1,10})-[A-Za-z0-9_-]*\.(?:briefing|json)\.[a-z0-9_]{8}\.tmp")


# --- backups ------------------------------------------------------------------------------------------


def backup_folder(path: str | Path) -> Path:
    """The folder holding a project file's backups: beside it, named after it."""
    path = Path(path)
    return path.with_name(path.name + BACKUP_FOLDER_SUFFIX)


def list_backups(path: str | Path) -> list[Path]:
    """A project file's backups, newest first (ordered by the time in their names)."""
    return [backup for _, backup in _backups(Path(path))]


def _backups(path: Path) -> list[tuple[tuple[str, int], Path]]:
    """Backups with their (time stamp, number within that second), newest first."""
    pattern = re.compile(rf"{re.escape(path.stem)}-(\d{{8}}-\d{{6}})(?:-(\d+))?{re.escape(path.suffix)}")
    try:
        entries = list(backup_folder(path).iterdir())
    except OSError:
        return []
    found = []
    for entry in entries:
        match = pattern.fullmatch(entry.name)
        if match and entry.is_file():
            found.append(((match.group(1), int(match.group(2) or 1)), entry))
    return sorted(found, reverse=True)


def make_backup(path: str | Path, keep: int = BACKUP_KEEP, now: datetime | None = None) -> Path | None:
    """Copy ``path`` into its backup folder before it is overwritten, then keep only the newest ``keep``.

    Returns the backup, or ``None`` when there was nothing to keep: no file yet, backups turned off
    (``keep`` < 1), or the newest backup already holds the same bytes (saving twice must not push an
    older, different version out). Raises :class:`ProjectError` if the copy cannot be made; the caller
    decides whether the save goes on without it.
    """
    path = Path(path)
    if keep < 1 or not path.is_file():
        return None
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ProjectError(path, f"cannot be read to back it up ({exc.strerror or exc})") from None
    existing = _backups(path)
    if existing and _same_bytes(existing[0][1], data):
        return None
    folder = backup_folder(path)
    try:
        folder.mkdir(exist_ok=True)
    except OSError as exc:
        raise ProjectError(folder, f"cannot be created ({exc.strerror or exc})") from None
    stamp = (now or datetime.now()).strftime(_STAMP)
    # Saves within one second are numbered after the highest number so far, not the first free one:
    # pruning frees low numbers, and a reused one would sort as the oldest and be pruned at once.
    number = max((n for (s, n), _ in existing if s == stamp), default=0) + 1
    target = folder / f"{path.stem}-{stamp}{'' if number == 1 else f'-{number}'}{path.suffix}"
    atomic_write_bytes(target, data, ProjectError)
    for old in list_backups(path)[keep:]:
        try:
            old.unlink()
        except OSError:
            pass  # pruning is tidiness; a stale backup harms nobody
    return target


def _same_bytes(path: Path, data: bytes) -> bool:
    try:
        return path.stat().st_size == len(data) and path.read_bytes() == data
    except OSError:
        return False


# --- recovery copies ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class RecoveryMeta:
    """What a recovery copy belongs to; ``saved_at`` and ``pid`` are filled in when it is written."""

    display_name: str
    #: The project file the edits were meant for (``None`` for a briefing never saved).
    original_path: str | None = None
    #: The article it was imported from, if any.
    source_path: str | None = None
    #: The hash of the project file when the session opened or last saved it, so a restored briefing
    #: still notices if that file was changed by someone else afterwards.
    saved_digest: str | None = None
    #: Local time of the write, ISO 8601.
    saved_at: str = ""
    pid: int = 0


@dataclass(frozen=True)
class Recovery:
    """A recovery copy found on disk."""

    folder: Path
    key: str
    meta: RecoveryMeta

    @property
    def project_file(self) -> Path:
        """The recovered briefing, a normal project file."""
        return self.folder / f"{self.key}{project.PROJECT_SUFFIX}"

    @property
    def meta_file(self) -> Path:
        """The JSON describing whose copy it is."""
        return self.folder / f"{self.key}.json"

    @property
    def saved_at(self) -> datetime | None:
        """When it was written, if the time can be read."""
        try:
            return datetime.fromisoformat(self.meta.saved_at)
        except ValueError:
            return None


def snapshot(briefing: Briefing) -> Briefing:
    """A copy sharing only immutable values, fast enough to take on a GUI thread.

    A writer thread can then serialize the copy while the original is being edited. For a 1 MB
    briefing this is about half the cost of ``copy.deepcopy`` and a fifth of ``project.dumps``.
    """
    return _clone(briefing)


#: Values a snapshot shares with the original: immutable ones (a ``Ref`` is frozen).
_SHARED = (str, int, float, bool, type(None), bytes, Ref)
_FIELDS: dict[type, tuple[str, ...]] = {}


def _clone(value: Any) -> Any:
    kind = type(value)
    if kind in _SHARED:
        return value
    if kind is list:
        return [item if type(item) is str else _clone(item) for item in value]
    if kind is dict:
        return {key: _clone(item) for key, item in value.items()}
    names = _FIELDS.get(kind)
    if names is None:
        if not dataclasses.is_dataclass(kind):
            return copy.deepcopy(value)
        names = _FIELDS[kind] = tuple(f.name for f in dataclasses.fields(kind))
    clone = copy.copy(value)
    for name in names:
        item = getattr(value, name)
        if type(item) not in _SHARED:
            setattr(clone, name, _clone(item))
    return clone


def write_recovery(
    briefing: Briefing | str, folder: str | Path, key: str, meta: RecoveryMeta, pid: int | None = None
) -> Recovery:
    """Write (or replace) the recovery copy ``key`` in ``folder``; each of its two files atomically.

    ``briefing`` may also be its :func:`briefing.project.dumps` text. The briefing is written before its
    description, so a description always points at a complete copy. Raises :class:`ProjectError`.
    """
    folder = Path(folder)
    _check_key(key)
    text = briefing if isinstance(briefing, str) else project.dumps(briefing)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ProjectError(folder, f"cannot be created ({exc.strerror or exc})") from None
    meta = dataclasses.replace(
        meta, saved_at=datetime.now().isoformat(timespec="seconds"), pid=os.getpid() if pid is None else pid
    )
    recovery = Recovery(folder, key, meta)
    atomic_write_bytes(recovery.project_file, text.encode("utf-8"), ProjectError)
    description = {"format": RECOVERY_FORMAT, "version": 1, **dataclasses.asdict(meta)}
    atomic_write_bytes(
        recovery.meta_file,
        json.dumps(description, ensure_ascii=False, indent=1).encode("utf-8"),
        ProjectError,
    )
    return recovery


def list_recoveries(folder: str | Path) -> list[Recovery]:
    """Recovery copies left by sessions that are no longer running, newest first.

    Copies whose description cannot be read are skipped (and left alone for a person to look at). A copy
    with no description at all (its session was killed between writing the two) is offered as an
    untitled briefing when its key names a session that is no longer running.
    """
    folder = Path(folder)
    try:
        descriptions = sorted(folder.glob("*.json"))
        copies = sorted(folder.glob(f"*{project.PROJECT_SUFFIX}"))
    except OSError:
        return []
    found = []
    for description in descriptions:
        recovery = _read_recovery(folder, description)
        if recovery is None or not recovery.project_file.is_file() or process_alive(recovery.meta.pid):
            continue
        found.append(recovery)
    for copy_file in copies:
        recovery = _undescribed_recovery(folder, copy_file)
        if recovery is not None:
            found.append(recovery)
    return sorted(found, key=lambda r: r.meta.saved_at, reverse=True)


def _undescribed_recovery(folder: Path, copy_file: Path) -> Recovery | None:
    """A copy whose description was never written, if its session (the key's pid) is gone."""
    match = _SESSION_KEY.fullmatch(copy_file.stem)
    if match is None or copy_file.with_suffix(".json").exists() or process_alive(int(match.group(1))):
        return None
    try:
        written = copy_file.stat()
    except OSError:
        return None
    if not stat.S_ISREG(written.st_mode):
        return None
    saved_at = datetime.fromtimestamp(written.st_mtime).isoformat(timespec="seconds")
    meta = RecoveryMeta(display_name="", saved_at=saved_at, pid=int(match.group(1)))
    return Recovery(folder, copy_file.stem, meta)


def _read_recovery(folder: Path, description: Path) -> Recovery | None:
    key = description.stem
    if not _KEY.fullmatch(key):
        return None
    try:
        data = json.loads(description.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("format") != RECOVERY_FORMAT:
        return None
    names = {f.name for f in dataclasses.fields(RecoveryMeta)}
    values = {name: value for name, value in data.items() if name in names}
    strings = ("display_name", "saved_at")
    optional = ("original_path", "source_path", "saved_digest")
    if not all(isinstance(values.get(name, ""), str) for name in strings):
        return None
    if not all(isinstance(values.get(name), str | None) for name in optional):
        return None
    pid = values.get("pid")
    if not isinstance(pid, int) or isinstance(pid, bool) or pid <= 0:
        return None
    return Recovery(folder, key, RecoveryMeta(**values))


def load_recovery(recovery: Recovery) -> Briefing:
    """The briefing in a recovery copy; raises :class:`ProjectError` if it is damaged."""
    return project.load(recovery.project_file)


def discard_recovery(folder: str | Path, key: str) -> None:
    """Delete a recovery copy and any temporary file an interrupted write left; missing files are fine."""
    folder = Path(folder)
    _check_key(key)
    doomed = [folder / f"{key}{project.PROJECT_SUFFIX}", folder / f"{key}.json"]
    try:
        doomed += list(folder.glob(f".{key}.*.tmp"))
    except OSError:
        pass
    # The description goes first: without it, a left-over briefing file is never offered half-deleted.
    for path in reversed(doomed):
        try:
            path.unlink()
        except FileNotFoundError:
            pass
        except OSError as exc:
            raise ProjectError(path, f"cannot be deleted ({exc.strerror or exc})") from None


def remove_orphans(folder: str | Path) -> list[Path]:
    """Remove the temporary files that sessions killed while writing a copy left behind; returns them.

    Such a file belongs to no copy that is offered, so nothing else would ever remove it. Besides the
    temporary files every atomic write tidies, this removes those of older versions, whose writer is
    known from the recovery key (``PID-N``). Copies themselves are never touched here.
    """
    folder = Path(folder)
    removed = remove_stale_temps(folder)
    try:
        entries = list(folder.glob(".*.tmp"))
    except OSError:
        return removed
    for entry in entries:
        match = _LEGACY_TEMP.fullmatch(entry.name)
        if match is None or process_alive(int(match.group(1))) or not entry.is_file():
            continue
        try:
            entry.unlink()
        except OSError:
            continue
        removed.append(entry)
    return removed


def _check_key(key: str) -> None:
    if not _KEY.fullmatch(key):
        raise ValueError(f"recovery key {key!r} is not a plain file name")
