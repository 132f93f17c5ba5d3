"""Never writing where the user did not mean to: not over the input, the template or a read-only file,
through a symbolic link rather than over it, and no temporary file left behind for good by a killed write.
"""

from __future__ import annotations

import os
import shutil
import signal
import stat
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from briefing import atomic, cli, project, safekeeping
from briefing.atomic import atomic_write_bytes, temp_prefix
from briefing.checks.recipes import save_recipe
from briefing.errors import ProjectError
from briefing.export.templates import builtin_path
from briefing.importing import import_text

ARTICLE = "Title Of The Note\n\nFirst Heading\n\nA paragraph that says something.\n\n- one\n- two\n"
POSIX = pytest.mark.skipif(os.name == "nt", reason="POSIX links, modes and signals")


def run_main(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str, str]:
    code = cli.main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def one_line(err: str) -> str:
    assert err.count("\n") == 1 and err.startswith("briefing: "), err
    assert "Traceback" not in err
    return err


def command(name: str, source: Path, output: Path) -> list[str | Path]:
    return [name, source, "-o", output]


# --- the output is the input, the template or the other output ------------------------------------------


@pytest.mark.parametrize("name", ["parse", "fix", "convert"])
def test_an_output_that_is_the_article_is_refused(capsys, article, name):
    before = article.read_bytes()
    code, out, err = run_main(capsys, *command(name, article, article))
    assert code == 2
    assert one_line(err) == f"briefing: {article}: is the input; write the output to another file\n"
    assert article.read_bytes() == before
    assert sorted(p.name for p in article.parent.iterdir()) == ["article.txt"]


@pytest.mark.parametrize("name", ["parse", "fix", "convert"])
def test_an_output_that_is_the_project_is_refused(capsys, tmp_path, article, name):
    saved = tmp_path / "note.briefing"
    assert cli.main(["parse", str(article), "-o", str(saved)]) == 0
    capsys.readouterr()
    before = saved.read_bytes()
    code, _, err = run_main(capsys, *command(name, saved, saved))
    assert code == 2 and "note.briefing: is the input" in one_line(err)
    assert saved.read_bytes() == before


@pytest.mark.parametrize("name", ["parse", "fix", "convert"])
def test_a_hard_link_to_the_input_is_refused(capsys, tmp_path, article, name):
    other = tmp_path / "other-name.txt"
    os.link(article, other)
    code, _, err = run_main(capsys, *command(name, article, other))
    assert code == 2
    assert one_line(err) == (
        f"briefing: {other}: is the input ({article}); write the output to another file\n"
    )
    assert article.read_text(encoding="utf-8") == ARTICLE


@POSIX
def test_a_symbolic_link_to_the_input_is_refused(capsys, tmp_path, article):
    link = tmp_path / "note.docx"
    link.symlink_to(article.name)
    code, _, err = run_main(capsys, "convert", article, "-o", link)
    assert code == 2 and "is the input" in one_line(err)
    assert link.is_symlink() and article.read_text(encoding="utf-8") == ARTICLE


def test_an_output_that_is_the_template_is_refused(capsys, tmp_path, article):
    template = tmp_path / "T.docx"
    shutil.copyfile(builtin_path("briefing-note"), template)
    before = template.read_bytes()
    code, _, err = run_main(capsys, "convert", article, "--template", template, "-o", template)
    assert code == 2
    assert one_line(err) == f"briefing: {template}: is the template; write the output to another file\n"
    assert template.read_bytes() == before


def test_a_pdf_that_would_be_the_input_is_refused_before_anything_is_written(capsys, tmp_path):
    # The article is named like the PDF that --pdf derives from -o.
    source = tmp_path / "note.pdf"
    source.write_text(ARTICLE, encoding="utf-8")
    output = tmp_path / "note.docx"
    code, _, err = run_main(capsys, "convert", source, "-o", output, "--pdf")
    assert code == 2 and f"{source}: is the input" in one_line(err)
    assert not output.exists() and source.read_text(encoding="utf-8") == ARTICLE


def test_a_pdf_that_would_be_the_word_output_is_refused(capsys, tmp_path, article):
    output = tmp_path / "note.pdf"
    code, _, err = run_main(capsys, "convert", article, "-o", output, "--pdf")
    assert code == 2 and f"{output}: is the Word output" in one_line(err)
    assert not output.exists()


def test_an_output_that_is_the_corrections_log_is_refused(capsys, tmp_path, article):
    log = tmp_path / "log.json"
    save_recipe([], log)
    before = log.read_bytes()
    code, _, err = run_main(capsys, "fix", article, "--recipe", log, "-o", log)
    assert code == 2 and f"{log}: is the corrections log" in one_line(err)
    assert log.read_bytes() == before


def test_a_different_output_is_still_written(capsys, tmp_path, article):
    output = tmp_path / "article.briefing"
    assert run_main(capsys, "fix", article, "-o", output)[0] in (0, 1)
    assert project.load(output).meta.title


# --- read-only outputs ------------------------------------------------------------------------------------


@POSIX
@pytest.mark.parametrize(
    ("name", "suffix"), [("parse", ".briefing"), ("fix", ".briefing"), ("convert", ".docx")]
)
def test_a_read_only_output_is_kept_unless_forced(capsys, tmp_path, article, name, suffix):
    """Decided by the mode bits, so it holds when the tests run as root (who may write anything)."""
    output = tmp_path / f"out{suffix}"
    output.write_bytes(b"keep me")
    output.chmod(0o444)
    code, _, err = run_main(capsys, *command(name, article, output))
    assert code == 2
    assert one_line(err) == (
        f"briefing: {output}: is read-only, so it was not replaced (--force replaces it)\n"
    )
    assert output.read_bytes() == b"keep me"
    code, _, _ = run_main(capsys, *command(name, article, output), "--force")
    assert code in (0, 1)
    assert output.read_bytes() != b"keep me"
    assert stat.S_IMODE(output.stat().st_mode) == 0o444  # still read-only afterwards
    if suffix == ".briefing":
        project.load(output)


@POSIX
def test_a_read_only_pdf_is_refused_before_the_word_file_is_written(capsys, tmp_path, article):
    pdf = tmp_path / "note.pdf"
    pdf.write_bytes(b"%PDF old")
    pdf.chmod(0o444)
    code, _, err = run_main(capsys, "convert", article, "-o", tmp_path / "note.docx", "--pdf")
    assert code == 2 and "note.pdf: is read-only" in one_line(err)
    assert not (tmp_path / "note.docx").exists() and pdf.read_bytes() == b"%PDF old"


def test_force_is_in_the_help_of_every_writing_command(capsys):
    for name in ("parse", "fix", "convert"):
        with pytest.raises(SystemExit):
            cli.main([name, "--help"])
        assert "--force" in capsys.readouterr().out


# --- symbolic links -----------------------------------------------------------------------------------------


@POSIX
def test_an_output_link_is_written_through_and_stays_a_link(capsys, tmp_path, article):
    real = tmp_path / "real"
    real.mkdir()
    target = real / "note.briefing"
    target.write_bytes(b"old")
    target.chmod(0o640)
    link = tmp_path / "note.briefing"
    link.symlink_to(Path("real") / "note.briefing")
    assert run_main(capsys, "parse", article, "-o", link)[0] == 0
    assert link.is_symlink() and os.readlink(link) == str(Path("real") / "note.briefing")
    assert project.load(target).meta.title == "Title Of The Note"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


@POSIX
def test_a_chain_of_links_and_a_dangling_link_are_written_through(tmp_path):
    final = tmp_path / "final.docx"
    (tmp_path / "one").symlink_to("two")
    (tmp_path / "two").symlink_to("final.docx")
    atomic_write_bytes(tmp_path / "one", b"new", ProjectError)
    assert final.read_bytes() == b"new"
    assert (tmp_path / "one").is_symlink() and (tmp_path / "two").is_symlink()


@POSIX
def test_a_read_only_link_target_is_refused(capsys, tmp_path, article):
    target = tmp_path / "target.briefing"
    target.write_bytes(b"keep me")
    target.chmod(0o444)
    link = tmp_path / "link.briefing"
    link.symlink_to(target)
    code, _, err = run_main(capsys, "parse", article, "-o", link)
    assert code == 2 and "link.briefing: is read-only" in one_line(err)
    assert target.read_bytes() == b"keep me" and link.is_symlink()


@POSIX
def test_a_looping_link_is_one_line(capsys, tmp_path, article):
    loop = tmp_path / "loop.briefing"
    loop.symlink_to("loop.briefing")
    code, _, err = run_main(capsys, "parse", article, "-o", loop)
    assert code == 2 and f"{loop}: is a symbolic link that loops" in one_line(err)
    assert loop.is_symlink()


# --- temporary files a killed write left ------------------------------------------------------------------


def _age(path: Path, seconds: float) -> None:
    then = time.time() - seconds
    os.utime(path, (then, then))


def test_stale_temporary_files_are_removed_at_the_next_write(tmp_path, dead_pid):
    day, hour = atomic.STALE_TEMP_SECONDS + 60, atomic.LEGACY_TEMP_SECONDS + 60
    other_host = "000000" if atomic.host_tag() != "000000" else "111111"
    # what it is: (its name, its age in seconds, whether the next write keeps it)
    temps = {
        "writer dead": (temp_prefix("a.docx", dead_pid) + "abcdefgh.tmp", 0, False),
        "writer alive": (temp_prefix("a.docx") + "abcdefgh.tmp", 0, True),
        "writer alive, a day old": (temp_prefix("c.docx") + "abcdefgh.tmp", day, False),
        "another host's, recent": (f".a.docx.briefing-{dead_pid}-{other_host}-abcdefgh.tmp", 0, True),
        "another host's, a day old": (f".b.docx.briefing-{dead_pid}-{other_host}-abcdefgh.tmp", day, False),
        "an older version's, an hour old": (".note.docx.k2j4h5g6.tmp", hour, False),
        "an older version's, recent": (".note.docx.abcd1234.tmp", 0, True),
        "an older version's, of another file": (".other.docx.k2j4h5g6.tmp", hour, True),
        "someone else's": (".note.docx.swp.tmp", day, True),
    }
    for name, age, _ in temps.values():
        (tmp_path / name).write_bytes(b"x" * 1000)
        _age(tmp_path / name, age)
    folder = tmp_path / (temp_prefix("d.docx", dead_pid) + "folderxx.tmp")
    folder.mkdir()
    atomic_write_bytes(tmp_path / "note.docx", b"new", ProjectError)
    kept = {what for what, (name, _, _) in temps.items() if (tmp_path / name).exists()}
    assert kept == {what for what, (_, _, keep) in temps.items() if keep}
    assert (tmp_path / "note.docx").read_bytes() == b"new"
    assert folder.is_dir()


def test_a_temporary_file_names_its_writer(tmp_path, monkeypatch):
    seen: list[str] = []
    real_replace = os.replace

    def spy(source, target):
        seen.append(Path(source).name)
        real_replace(source, target)

    monkeypatch.setattr(os, "replace", spy)
    atomic_write_bytes(tmp_path / "note.docx", b"new", ProjectError)
    assert len(seen) == 1 and seen[0].startswith(f".note.docx.briefing-{os.getpid()}-{atomic.host_tag()}-")
    assert seen[0].endswith(".tmp")


def test_a_name_as_long_as_the_system_allows_still_gets_a_temporary_file(tmp_path):
    """The writer's pid and host make the temporary name longer than the target's; it is shortened."""
    target = tmp_path / ("é" * 120 + ".docx")  # 245 bytes, near the 255-byte limit of a name
    atomic_write_bytes(target, b"new", ProjectError)
    assert target.read_bytes() == b"new"
    assert [p.name for p in tmp_path.iterdir()] == [target.name]


@POSIX
def test_a_write_killed_in_its_window_is_tidied_by_the_next_write(tmp_path):
    """A real SIGKILL between writing the temporary file and renaming it over the target."""
    script = textwrap.dedent(
        f"""
        import os, signal
        from pathlib import Path
        from briefing.atomic import atomic_write_bytes
        from briefing.errors import ExportError

        def die(fd):
            os.kill(os.getpid(), signal.SIGKILL)

        os.fsync = die
        atomic_write_bytes(Path({str(tmp_path / "note.docx")!r}), b"x" * 100000, ExportError)
        """
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, timeout=60)
    assert result.returncode == -signal.SIGKILL
    left = [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    assert len(left) == 1 and left[0].stat().st_size == 100000 and not (tmp_path / "note.docx").exists()
    atomic_write_bytes(tmp_path / "other.docx", b"new", ProjectError)  # another file, same folder
    assert sorted(p.name for p in tmp_path.iterdir()) == ["other.docx"]


# --- the editor's recovery folder ---------------------------------------------------------------------------


def test_orphan_recovery_temporary_files_are_removed(tmp_path, dead_pid):
    folder = tmp_path / "recovery"
    folder.mkdir()
    live_key, dead_key = f"{os.getpid()}-1", f"{dead_pid}-1"
    orphans = [
        f".{dead_key}.briefing.k2j4h5g6.tmp",  # an older version's first autosave, killed
        f".{dead_key}.json.k2j4h5g6.tmp",
        temp_prefix(f"{dead_key}.briefing", dead_pid) + "k2j4h5g6.tmp",
    ]
    kept = [
        f".{live_key}.briefing.k2j4h5g6.tmp",  # this session is still writing it
        temp_prefix(f"{live_key}.briefing") + "k2j4h5g6.tmp",
        ".s1.briefing.k2j4h5g6.tmp",  # no pid in the key: not ours to judge
    ]
    # A complete copy that a dead session left: offered at start, never removed here.
    copy_key = f"{dead_pid}-2"
    safekeeping.write_recovery("{}", folder, copy_key, safekeeping.RecoveryMeta("x"), pid=dead_pid)
    for name in orphans + kept:
        (folder / name).write_text("half a copy")
    removed = safekeeping.remove_orphans(folder)
    assert sorted(p.name for p in removed) == sorted(orphans)
    assert all((folder / name).exists() for name in kept)
    assert (folder / f"{copy_key}.briefing").exists() and (folder / f"{copy_key}.json").exists()


def test_a_copy_killed_before_its_description_is_offered_untitled(tmp_path, dead_pid):
    """The first autosave writes the briefing, then its description; a kill between them used to hide
    the copy for good."""
    folder = tmp_path / "recovery"
    briefing = import_text(ARTICLE)
    for pid in (dead_pid, os.getpid()):
        recovery = safekeeping.write_recovery(briefing, folder, f"{pid}-1", safekeeping.RecoveryMeta("x"))
        recovery.meta_file.unlink()
    (found,) = safekeeping.list_recoveries(folder)
    assert found.key == f"{dead_pid}-1" and found.meta.pid == dead_pid and found.meta.display_name == ""
    assert found.saved_at is not None
    assert safekeeping.load_recovery(found).meta.title == "Title Of The Note"
    safekeeping.discard_recovery(folder, found.key)
    assert sorted(p.name for p in folder.iterdir()) == [f"{os.getpid()}-1.briefing"]


def test_removing_orphans_from_a_missing_folder_is_harmless(tmp_path):
    assert safekeeping.remove_orphans(tmp_path / "no-such-folder") == []


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_recipe_that_is_a_named_pipe_is_refused_without_waiting(tmp_path: Path, capsys) -> None:
    """``fix --recipe`` read its log with a plain read, which waits forever for a FIFO's writer."""
    from briefing.cli import main

    article = tmp_path / "a.txt"
    article.write_text("A paragraph.\n", encoding="utf-8")
    pipe = tmp_path / "log.json"
    os.mkfifo(pipe)
    assert main(["fix", str(article), "--recipe", str(pipe), "-o", str(tmp_path / "a.briefing")]) == 2
    assert "named pipe" in capsys.readouterr().err


@pytest.mark.skipif(os.name != "posix", reason="POSIX modes")
def test_a_new_file_follows_the_umask_of_the_moment(tmp_path: Path) -> None:
    """The mask is read, not set and restored (which would briefly open other threads' files to all)."""
    old = os.umask(0o027)
    try:
        atomic_write_bytes(tmp_path / "new.txt", b"x", ProjectError)
        assert stat.S_IMODE((tmp_path / "new.txt").stat().st_mode) == 0o640
        assert os.umask(0o027) == 0o027, "the write left the mask as it found it"
    finally:
        os.umask(old)
