"""Work in a forked child (``briefing convert`` builds the note there while its checks run): the
result, an exception, a child that dies and a cancelled job all come out as if the work ran here."""

from __future__ import annotations

import os
import signal
import time
import zipfile

import pytest

from briefing import cli, forked
from briefing.errors import ExportError

from .export_support import SAMPLE


@pytest.fixture(autouse=True)
def _forking() -> None:
    # asked when each test runs: threads another test left running (a Qt pool) rule forking out
    if not forked.can_fork():
        pytest.skip("this platform or process cannot fork")


def test_the_work_runs_in_another_process_and_its_value_comes_back():
    here = os.getpid()
    job = forked.start(lambda: (os.getpid(), b"x" * 3_000_000))  # more than a pipe holds at once
    pid, data = job.result()
    assert pid != here
    assert data == b"x" * 3_000_000


def test_an_exception_in_the_child_is_raised_here_with_its_details():
    def fail() -> None:
        raise ExportError("/tmp/note.docx", "the disk is full")

    job = forked.start(fail)
    with pytest.raises(ExportError) as raised:
        job.result()
    assert str(raised.value) == "/tmp/note.docx: the disk is full"
    assert (raised.value.path, raised.value.reason) == ("/tmp/note.docx", "the disk is full")


def test_a_child_that_dies_before_answering_has_its_work_done_here():
    here = os.getpid()

    def work() -> str:
        if os.getpid() != here:
            os.kill(os.getpid(), signal.SIGKILL)  # as the out-of-memory killer would
        return "done here"

    assert forked.start(work).result() == "done here"


def test_without_fork_the_work_runs_here_when_asked_for(monkeypatch):
    monkeypatch.setattr(forked, "can_fork", lambda: False)
    ran: list[int] = []
    job = forked.start(lambda: ran.append(os.getpid()) or "value")
    assert ran == []  # nothing yet: the caller's own work goes first
    assert job.result() == "value"
    assert ran == [os.getpid()]


def test_a_cancelled_job_stops_at_once():
    job = forked.start(lambda: time.sleep(60))
    started = time.monotonic()
    job.cancel()
    assert time.monotonic() - started < 10
    job.cancel()  # twice is harmless


def _parts(path):
    with zipfile.ZipFile(path) as archive:
        # core.xml holds the time of writing, which differs between the two runs
        return {name: archive.read(name) for name in archive.namelist() if name != "docProps/core.xml"}


def test_convert_writes_the_same_note_with_and_without_a_child(tmp_path, monkeypatch, capsys):
    args = ["convert", str(SAMPLE), "--template", "decision-memo", "--allow-errors", "--fix"]
    assert cli.main([*args, "-o", str(tmp_path / "forked.docx")]) == 0
    forked_streams = capsys.readouterr()
    monkeypatch.setattr(forked, "can_fork", lambda: False)
    assert cli.main([*args, "-o", str(tmp_path / "here.docx")]) == 0
    here_streams = capsys.readouterr()
    assert _parts(tmp_path / "forked.docx") == _parts(tmp_path / "here.docx")
    assert forked_streams.err == here_streams.err  # the same findings and checklist, in the same order
    assert forked_streams.out.replace("forked.docx", "here.docx") == here_streams.out


def test_convert_refusing_a_text_with_no_article_writes_nothing(tmp_path, capsys):
    article = tmp_path / "request.txt"
    article.write_text(
        "Sure! Please send me the article you would like summarised, and tell me who will read it.\n",
        encoding="utf-8",
    )
    out = tmp_path / "note.docx"
    assert cli.main(["convert", str(article), "-o", str(out)]) == 1
    assert "no article to convert; nothing written" in capsys.readouterr().err
    assert not out.exists()
    assert list(tmp_path.iterdir()) == [article]  # no temporary file left behind either
