"""``briefing check`` and ``briefing fix`` from the command line: output, JSON shape, exit codes, files."""

from __future__ import annotations

import json

import pytest

from briefing import cli, project
from briefing.checks import RULES
from briefing.refs import parse_ref
from tests.conftest import SAMPLE
from tests.core.article_expectations import ARTICLES


def run(capsys, *args):
    code = cli.main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def test_check_prints_linter_lines_and_fails_on_errors(capsys):
    code, out, _ = run(capsys, "check", SAMPLE)
    lines = out.splitlines()
    assert code == 1
    assert lines[-1] == f"{SAMPLE}: 12 problems: 4 errors, 4 warnings, 4 notes"
    # FILE:LINE:COL: severity rule message, as ruff, ESLint and gcc print it.
    assert lines[0].startswith(f"{SAMPLE}:1:122: warning people.conflicting-titles ")
    assert f"{SAMPLE}:41:1: info text.trailing-blank-lines The article ends in 16 blank lines." in lines
    assert any(line.startswith(f"{SAMPLE}:11:1: error table.repeated-cells ") for line in lines)
    assert any(line.startswith(f"{SAMPLE}:12:1: error text.chatbot ") for line in lines)
    assert not any("/b" in line.split(": ")[0] for line in lines), "no ids in the locations"


def test_check_json_shape(capsys):
    code, out, _ = run(capsys, "check", SAMPLE, "--json")
    data = json.loads(out)
    assert code == 1
    assert set(data) == {"file", "kind", "findings", "counts", "ignored"}
    assert data["ignored"] == 0
    assert data["kind"] == "article"
    assert data["counts"] == {"error": 4, "warning": 4, "info": 4}
    first = data["findings"][0]
    assert set(first) == {"rule", "severity", "message", "target", "key", "fixes", "place", "location"}
    assert first["rule"] in RULES and first["severity"] in ("error", "warning", "info")
    assert first["target"]["path"] == f"{first['target']['section_id']}/{first['target']['block_id']}"
    assert parse_ref(first["target"]["ref"]).path == first["target"]["path"]
    assert first["key"].startswith(first["rule"] + "@") and ":chars=" not in first["key"]
    assert {"label", "safe", "action", "params"} == set(first["fixes"][0])
    # The span “U.S. President Donald Trump” on line 1, from column 122 to 148.
    assert first["location"] == {"line": 1, "column": 122, "end_line": 1, "end_column": 149}
    assert first["place"] == "paragraph 1 in the summary: “U.S. President Donald Trump”"
    repeated = next(f for f in data["findings"] if f["rule"] == "table.repeated-cells")
    assert repeated["target"]["row"] == 1 and repeated["fixes"][0]["safe"] is True
    assert repeated["target"]["ref"].endswith(":row=1")
    assert repeated["location"] == {"line": 11, "column": 1}


def test_json_is_an_alias_of_format_json(capsys):
    _, by_alias, _ = run(capsys, "check", SAMPLE, "--json")
    _, by_format, _ = run(capsys, "check", SAMPLE, "--format", "json")
    assert by_alias == by_format


def test_a_clean_article_exits_zero(capsys):
    clean = ARTICLES / "safety-trade-digest.txt"
    code, out, _ = run(capsys, "check", clean)
    assert code == 0 and out.strip() == f"{clean}: no problems"


def test_warnings_alone_exit_zero(capsys):
    code, _, _ = run(capsys, "check", ARTICLES / "uk-defence-review.txt")
    assert code == 0


def test_bad_input_exits_two(capsys, tmp_path):
    code, _, err = run(capsys, "check", tmp_path / "missing.txt")
    assert code == 2 and "no such file" in err
    (tmp_path / "broken.briefing").write_text("{not json", encoding="utf-8")
    code, _, err = run(capsys, "fix", tmp_path / "broken.briefing", "-o", tmp_path / "out.briefing")
    assert code == 2 and "damaged" in err
    assert not (tmp_path / "out.briefing").exists()


def test_fix_writes_a_project_with_its_change_log(capsys, tmp_path):
    out_path = tmp_path / "fixed.briefing"
    code, out, err = run(capsys, "fix", SAMPLE, "-o", out_path)
    assert code == 0 and out == ""
    assert err.startswith("briefing: fixed 10 problems (3× text.term-hyphen, 2× table.empty-columns")
    assert err.rstrip().endswith("3 problems: 3 warnings left")
    fixed = project.load(out_path)
    assert len(fixed.changes) == 10 and all(c.note for c in fixed.changes)
    code, out, _ = run(capsys, "check", out_path)
    assert code == 0 and out.splitlines()[-1].endswith("3 problems: 3 warnings")


def test_fix_named_rules_only(capsys, tmp_path):
    out_path = tmp_path / "titles.briefing"
    code, _, err = run(capsys, "fix", SAMPLE, "-o", out_path, "--rule", "people.conflicting-titles")
    assert code == 1  # the broken tables are still there
    assert "fixed 1 problem (people.conflicting-titles)" in err
    assert [c.rule for c in project.load(out_path).changes] == ["people.conflicting-titles"]


def test_fix_all_applies_judgement_calls_too(capsys, tmp_path):
    out_path = tmp_path / "all.briefing"
    code, _, err = run(capsys, "fix", SAMPLE, "-o", out_path, "--all")
    assert code == 0 and "no problems left" in err
    rules = {c.rule for c in project.load(out_path).changes}
    assert {"people.conflicting-titles", "people.anachronism", "table.duplicate"} <= rules


def test_an_unknown_rule_is_a_usage_error(capsys, tmp_path):
    with pytest.raises(SystemExit) as exit_info:
        cli.main(["fix", str(SAMPLE), "-o", str(tmp_path / "x.briefing"), "--rule", "no.such-rule"])
    assert exit_info.value.code == 2
    assert "invalid choice" in capsys.readouterr().err


def test_fix_needs_an_output(capsys):
    with pytest.raises(SystemExit) as exit_info:
        cli.main(["fix", str(SAMPLE)])
    assert exit_info.value.code == 2


def test_help_lists_the_commands(capsys):
    with pytest.raises(SystemExit):
        cli.main(["--help"])
    out = capsys.readouterr().out
    assert "check" in out and "fix" in out


def test_check_leaves_out_what_the_analyst_ignored_and_counts_it(capsys, tmp_path):
    """Findings ignored in the project (the editor's Ignore) are not listed; the summary says how many."""
    from briefing.editing.operations import ignore_finding
    from briefing.importing import import_text

    briefing = import_text(SAMPLE.read_text(encoding="utf-8"))
    path = tmp_path / "sample.briefing"
    project.save(briefing, path)
    _, before, _ = run(capsys, "check", path, "--json")
    findings = json.loads(before)["findings"]
    errors = [f for f in findings if f["severity"] == "error"]
    chosen = [errors[0], next(f for f in findings if f["severity"] == "warning")]
    for finding in chosen:
        ignore_finding(briefing, finding["key"])
    project.save(briefing, path)

    code, out, _ = run(capsys, "check", path)
    lines = out.splitlines()
    assert code == 1  # other errors remain
    total = len(findings) - 2
    assert lines[-1].startswith(f"{path}: {total} problems: ")
    assert lines[-1].endswith("; 2 ignored in the project")
    assert len(lines) == total + 1
    for finding in chosen:
        assert not any(finding["message"] in line for line in lines[:-1]), finding["message"]

    _, as_json, _ = run(capsys, "check", path, "--json")
    data = json.loads(as_json)
    assert data["ignored"] == 2
    assert {f["key"] for f in data["findings"]} == {f["key"] for f in findings} - {f["key"] for f in chosen}

    _, as_sarif, _ = run(capsys, "check", path, "--format", "sarif")
    log = json.loads(as_sarif)
    assert log["runs"][0]["properties"]["ignoredInProject"] == 2
    assert len(log["runs"][0]["results"]) == total


def test_ignoring_every_error_makes_check_pass(capsys, tmp_path):
    from briefing.editing.operations import ignore_finding
    from briefing.importing import import_text

    briefing = import_text(SAMPLE.read_text(encoding="utf-8"))
    path = tmp_path / "sample.briefing"
    project.save(briefing, path)
    _, before, _ = run(capsys, "check", path, "--json")
    errors = [f for f in json.loads(before)["findings"] if f["severity"] == "error"]
    assert errors
    for finding in errors:
        ignore_finding(briefing, finding["key"])
    project.save(briefing, path)
    code, out, _ = run(capsys, "check", path)
    assert code == 0
    assert out.splitlines()[-1].endswith(f"; {len(errors)} ignored in the project")
    assert " error " not in out
