"""The ``briefing`` command: the outline and JSON of the sample, project files, and one-line refusals.

Scripts depend on the exit codes (0 fine, 2 bad input) and on stderr being one readable line, so bad input
is checked both in-process (fast, exact) and in a real subprocess (no traceback escapes the entry point).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from briefing import cli, project
from briefing.importing import import_file
from briefing.refs import parse_ref

#: The bundled sample (the conftest's ``sample_path``), for the module-scoped JSON fixture.
SAMPLE = Path(__file__).resolve().parents[2] / "resources" / "nk-missile-tests.txt"
HEADINGS = [
    "North Korea Conducts Ballistic Missile Tests Escalating Regional Tensions",
    "Implications for US Diplomacy as Trump Prepares for Asia Tour",
    "Strategic Recommendations for Strengthening Alliance Coordination and Deterrence",
]


def run_cli(*args: str | Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run ``python -m briefing.cli`` as a user's shell would, output decoded as UTF-8."""
    return subprocess.run(
        [sys.executable, "-m", "briefing.cli", *map(str, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**os.environ, "PYTHONIOENCODING": "utf-8", **(env or {})},
        timeout=60,
    )


def run_main(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str, str]:
    """Run ``cli.main`` in-process; returns the exit code, stdout and stderr."""
    code = cli.main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope="module")
def sample_json() -> dict[str, Any]:
    """The sample's ``parse --json`` output, parsed once (through a real subprocess)."""
    result = run_cli("parse", SAMPLE, "--json")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    return json.loads(result.stdout)


# --- parse: the outline --------------------------------------------------------------------------------


def test_outline_lists_the_three_headings_in_order(
    capsys: pytest.CaptureFixture[str], sample_path: Path
) -> None:
    code, out, err = run_main(capsys, "parse", sample_path)
    assert (code, err) == (0, "")
    headings = [line[2:] for line in out.splitlines() if line.startswith("# ")]
    assert headings == ["(lede)", *HEADINGS]
    assert out.startswith(f"Title: {HEADINGS[0]}\nSource: AP News\n")
    assert "table      2 rows × 7 columns" in out
    assert "Recommendations (3)" in out
    assert out.count("       detail: Table 4, row ") == 3  # the action table's rows detail the three


def test_outline_through_a_subprocess(sample_path: Path) -> None:
    result = run_cli("parse", sample_path)
    assert result.returncode == 0
    assert result.stderr == ""
    for heading in HEADINGS:
        assert f"\n# {heading}\n" in result.stdout


# --- parse --json --------------------------------------------------------------------------------------


def test_json_names_format_and_version(sample_json: dict[str, Any]) -> None:
    assert (sample_json["format"], sample_json["version"]) == ("briefing-editor", project.FORMAT_VERSION)
    assert project.FORMAT_VERSION >= 2  # places are written as refs since format 2
    assert sample_json["meta"]["title"] == HEADINGS[0]
    assert sample_json["meta"]["source"]["publisher"] == "AP News"


def test_json_sections_and_block_kinds(sample_json: dict[str, Any]) -> None:
    sections = sample_json["sections"]
    assert [s["heading"] for s in sections] == ["", *HEADINGS]
    assert [[b["kind"] for b in s["blocks"]] for s in sections] == [
        ["paragraph"],
        ["paragraph", "paragraph", "list", "table", "paragraph"],
        ["paragraph", "list", "paragraph", "table", "table", "paragraph"],
        ["paragraph", "paragraph", "list", "table"],
    ]


def test_json_paragraphs_carry_plain_text(sample_json: dict[str, Any]) -> None:
    blocks = sample_json["sections"][1]["blocks"]
    assert blocks[0]["text"].startswith("In a provocative move that further strains diplomatic relations")
    assert blocks[0]["text"] == "".join(run["text"] for run in blocks[0]["runs"])
    chatbot = blocks[4]["text"]
    assert chatbot == (
        "If you’d like, I can also help you with additional formatting or modifications. Let me know!"
    ), "import never drops the chatbot line; that is the checks' job"


def test_json_list_items_split_term_and_text(sample_json: dict[str, Any]) -> None:
    first, second = sample_json["sections"][1]["blocks"][2], sample_json["sections"][2]["blocks"][1]
    assert [(i["term"], i["text"]) for i in first["items"]] == [
        (
            "Regional security destabilization",
            "Heightened alertness among East Asian nations amid fears of escalation.",
        ),
        (
            "Violation of UN resolutions",
            "The launches breach several existing international sanctions imposed on North Korea.",
        ),
        (
            "Impact on diplomatic efforts",
            "Possible derailment of ongoing talks aimed at North Korean denuclearization.",
        ),
    ]
    assert {i["separator"] for i in first["items"]} == {"-"}
    assert [i["term"] for i in second["items"]] == ["", "", ""]
    assert second["items"][0]["text"] == "Strengthening alliances through joint security initiatives"


def test_json_tables_keep_ragged_rows(sample_json: dict[str, Any]) -> None:
    tables = [b for s in sample_json["sections"] for b in s["blocks"] if b["kind"] == "table"]
    assert len(tables) == 4
    launches = tables[0]
    assert launches["header"] == ["Launch Date", "Missile Type", "Range (km)", "Flight Duration", "", "", ""]
    assert launches["rows"] == [
        ["April 5, 2024", "Hwasong-12", "1,100", "14 minutes", "", "", ""],
        ["April 6, 2024", "Scud-ER", "450", "April 6, 2024", "Scud-ER", "450", "7 minutes"],
    ]
    ragged = tables[1]
    assert ragged["header"] == ["Priority", "Diplomatic Focus", "", ""]
    assert ragged["rows"][-1] == ["Diplomatic", "Reopening dialogue channels with North Korea and China"]
    assert tables[2]["header"] == ["Priority", "Diplomatic Focus"], "the table printed twice stays twice"
    assert tables[3]["rows"][2][:2] == ["Diplomacy Coordination", "Diplomacy Coordination"]


def test_json_recommendations(sample_json: dict[str, Any]) -> None:
    texts = [r["text"] for r in sample_json["recommendations"]]
    assert len(texts) == 3, "the list and the action table describe the same three actions"
    assert texts[0] == (
        "Expanding missile defense systems in vulnerable areas to reduce reaction time and increase "
        "interception rates."
    )
    list_id, table_id = (b["id"] for b in sample_json["sections"][3]["blocks"][2:4])
    origins = [parse_ref(r["origin"]) for r in sample_json["recommendations"]]
    assert [(o.block_id, o.item, o.row) for o in origins] == [(list_id, i, None) for i in range(3)]
    rec_ids = [r["id"] for r in sample_json["recommendations"]]
    details = [(d["recommendation"], parse_ref(d["origin"])) for d in sample_json["details"]]
    assert [(rec, o.block_id, o.row) for rec, o in details] == [(rec_ids[i], table_id, i) for i in range(3)]


def test_json_is_the_project_file_model(sample_json: dict[str, Any], sample_path: Path) -> None:
    """What --json prints loads back as the same briefing, so scripts can feed it to the editor."""
    assert project.from_dict(sample_json) == import_file(sample_path)


# --- parse -o and .briefing files ------------------------------------------------------------------------


def test_output_writes_a_loadable_project(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], sample_path: Path
) -> None:
    out_file = tmp_path / "out.briefing"
    code, out, err = run_main(capsys, "parse", sample_path, "-o", out_file)
    assert (code, err) == (0, "")
    assert "# Implications for US Diplomacy" in out, "-o also prints the outline"
    assert project.load(out_file) == import_file(sample_path)


def test_a_briefing_file_parses_like_its_article(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], sample_path: Path
) -> None:
    saved = tmp_path / "nk.briefing"
    result = run_cli("parse", sample_path, "--json", "--output", saved)
    assert result.returncode == 0, result.stderr

    for flag in ([], ["--json"]):
        _, from_article, _ = run_main(capsys, "parse", sample_path, *flag)
        code, from_project, err = run_main(capsys, "parse", saved, *flag)
        assert (code, err) == (0, "")
        assert from_project == from_article
    assert json.loads(from_project) == json.loads(result.stdout)


def test_a_project_suffix_is_recognised_in_any_case(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    saved = tmp_path / "NK.BRIEFING"
    saved.write_text(
        '{"format": "briefing-editor", "version": 1, "meta": {"title": "Saved"}}', encoding="utf-8"
    )
    code, out, _ = run_main(capsys, "parse", saved)
    assert code == 0
    assert out.startswith("Title: Saved\n")


# --- bad input -------------------------------------------------------------------------------------------


def _bad_inputs(tmp_path: Path) -> dict[str, tuple[Path, str]]:
    """Each bad input with the words its one-line message must contain."""
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "photo.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    noise = tmp_path / "noise.md"
    noise.write_bytes(bytes(range(256)) * 16)
    damaged = tmp_path / "damaged.briefing"
    damaged.write_text('{"format": "briefing-editor", "version": 1, "sections": [{"id": ', encoding="utf-8")
    newer = tmp_path / "newer.briefing"
    newer.write_text('{"format": "briefing-editor", "version": 99}', encoding="utf-8")
    return {
        "empty": (empty, "is empty"),
        "binary": (binary, "PNG image"),
        "noise": (noise, "binary"),
        "missing": (tmp_path / "missing.txt", "no such file"),
        "missing-project": (tmp_path / "missing.briefing", "no such file"),
        "folder": (tmp_path, "is a folder"),
        "damaged": (damaged, "is damaged: invalid JSON"),
        "newer": (newer, "newer Briefing Editor"),
    }


BAD = ["empty", "binary", "noise", "missing", "missing-project", "folder", "damaged", "newer"]


@pytest.mark.parametrize("case", BAD)
def test_bad_input_in_process(tmp_path: Path, capsys: pytest.CaptureFixture[str], case: str) -> None:
    path, reason = _bad_inputs(tmp_path)[case]
    code, out, err = run_main(capsys, "parse", path)
    assert code == cli.EXIT_BAD_INPUT == 2
    assert out == ""
    assert err.endswith("\n") and err.count("\n") == 1, err
    assert err.startswith(f"briefing: {path}: ")
    assert reason in err


@pytest.mark.parametrize("case", ["empty", "binary", "missing", "damaged"])
def test_bad_input_in_a_subprocess(tmp_path: Path, case: str) -> None:
    path, reason = _bad_inputs(tmp_path)[case]
    result = run_cli("parse", path, "--json")
    assert result.returncode == 2
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert str(path) in lines[0] and reason in lines[0]


def test_bad_input_writes_no_output_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path, _ = _bad_inputs(tmp_path)["empty"]
    out_file = tmp_path / "out.briefing"
    code, _, _ = run_main(capsys, "parse", path, "-o", out_file)
    assert code == 2
    assert not out_file.exists()


def test_an_unwritable_output_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], sample_path: Path
) -> None:
    out_file = tmp_path / "no-such-folder" / "out.briefing"
    code, _, err = run_main(capsys, "parse", sample_path, "-o", out_file)
    assert code == 2
    assert err == f"briefing: {out_file}: cannot be written (No such file or directory)\n"


# --- help and usage ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("args", [["--help"], ["parse", "--help"]], ids=["briefing", "parse"])
def test_help_exits_zero(capsys: pytest.CaptureFixture[str], args: list[str]) -> None:
    with pytest.raises(SystemExit) as info:
        cli.main(args)
    assert info.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("usage: briefing")
    assert "parse" in out


@pytest.mark.parametrize("args", [["--help"], ["parse", "--help"]], ids=["briefing", "parse"])
def test_help_through_a_subprocess(args: list[str]) -> None:
    result = run_cli(*args)
    assert result.returncode == 0
    assert "usage: briefing" in result.stdout
    assert result.stderr == ""


def test_the_installed_entry_point_runs() -> None:
    """``pip install`` puts a ``briefing`` script beside the interpreter; it must reach cli.main."""
    script = shutil.which("briefing", path=str(Path(sys.executable).parent))
    if script is None:
        pytest.skip("the package is not installed with its scripts")
    result = subprocess.run([script, "parse", "--help"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0
    assert "--json" in result.stdout


@pytest.mark.parametrize("args", [[], ["parse"], ["frobnicate"], ["parse", "a.txt", "--bogus"]])
def test_usage_errors_exit_two(capsys: pytest.CaptureFixture[str], args: list[str]) -> None:
    with pytest.raises(SystemExit) as info:
        cli.main(args)
    assert info.value.code == 2
    assert "usage: briefing" in capsys.readouterr().err


# --- check: lines an editor's problem matcher reads -----------------------------------------------------

#: The pattern a gcc-style problem matcher (VS Code's, a CI annotator's) applies to each line.
PROBLEM = re.compile(
    r"^(?P<file>.+?):(?P<line>\d+):(?P<column>\d+): (?P<severity>error|warning|info) (?P<rule>\S+) .+$"
)


def test_check_lines_match_a_problem_matcher(sample_path: Path) -> None:
    result = run_cli("check", sample_path)
    assert result.returncode == 1 and result.stderr == ""
    *findings, summary = result.stdout.splitlines()
    lines = sample_path.read_text(encoding="utf-8").split("\n")
    assert summary == f"{sample_path}: 12 problems: 4 errors, 4 warnings, 4 notes"
    for finding in findings:
        match = PROBLEM.match(finding)
        assert match, finding
        assert match["file"] == str(sample_path)
        assert 1 <= int(match["line"]) <= len(lines)
        assert 1 <= int(match["column"]) <= len(lines[int(match["line"]) - 1]) + 1


def test_the_exit_codes_are_in_the_help(capsys: pytest.CaptureFixture[str]) -> None:
    for command in ("check", "convert"):
        with pytest.raises(SystemExit):
            cli.main([command, "--help"])
        out = " ".join(capsys.readouterr().out.split())
        assert "Exit code 1 when" in out or "exit code is 1 when" in out, command
        assert "2 when" in out, command


# --- regressions: bugs found while writing these tests ----------------------------


@pytest.mark.parametrize("flag", [[], ["--json"]], ids=["outline", "json"])
def test_a_lone_surrogate_in_a_project_is_one_line(
    tmp_path: Path, sample_path: Path, flag: list[str]
) -> None:
    """project.load accepts the escape; printing it raises UnicodeEncodeError, which main() does not catch."""
    text = project.dumps(import_file(sample_path)).replace('"AP News"', '"AP \\ud800 News"', 1)
    damaged = tmp_path / "surrogate.briefing"
    damaged.write_text(text, encoding="utf-8")
    result = run_cli("parse", damaged, *flag)
    assert "Traceback" not in result.stderr
    assert result.returncode == 2
    assert len(result.stderr.splitlines()) == 1


def test_output_to_a_non_utf8_stream_does_not_crash(tmp_path: Path) -> None:
    """Windows redirects ``briefing parse a.txt > out.txt`` in cp1252; Korean names are not in it."""
    article = tmp_path / "korean.txt"
    article.write_text(
        "Pyongyang Statement\n평양 발표: the ministry said more tests would follow.\n", encoding="utf-8"
    )
    result = run_cli("parse", article, env={"PYTHONIOENCODING": "cp1252"})
    assert "Traceback" not in result.stderr
    assert result.returncode in (0, 2)
