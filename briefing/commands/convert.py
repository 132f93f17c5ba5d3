"""``briefing convert``: an article or project in, a formatted Word briefing (and optionally a PDF) out.

Before it writes, convert runs the checks (after the safe fixes, with ``--fix``) and tells the truth on
stderr: each error finding still open as a linter line, how many there are, and the pre-export
checklist (after the export: its length is the written note's, laid out by LibreOffice when it is
there). It exits 1 when errors remain, unless ``--allow-errors``; the note it writes is the same
either way. A text that is no article at all (a chatbot's request for input, an empty template) is
refused — nothing is written — unless ``--allow-errors``.
"""

from __future__ import annotations

import argparse
import sys
from functools import partial
from pathlib import Path

from ..documents import open_with_source
from ..errors import BriefingError
from . import EXIT_BAD_INPUT, EXIT_FINDINGS, EXIT_OK, add_force, check_output

#: Rules whose error finding says the text is no article: convert writes no note from it unless
#: ``--allow-errors``.
NO_ARTICLE_RULES = frozenset({"text.no-article"})


def register(commands: argparse._SubParsersAction) -> None:
    """Add the ``convert`` subcommand."""
    parser = commands.add_parser(
        "convert",
        help="export an article or .briefing file as a Word briefing note",
        description="Read an article (.txt, .md, .html, .docx, .pdf) or a .briefing project and write a "
        "formatted Word "
        "briefing: classification banners, header block, summary, sections, tables, recommendations, "
        "comments, sources and the corrections appendix. The checks run first: the error findings "
        "still open, their number and the pre-export checklist are printed on stderr, and the exit code "
        "is 1 when errors remain (the note is written all the same), unless --allow-errors. Exit code 2 "
        "when the input cannot be read or the note cannot be written.",
    )
    parser.add_argument(
        "file", metavar="FILE", help="an article (.txt, .md, .html, .docx, .pdf) or a .briefing project"
    )
    parser.add_argument(
        "-o",
        "--output",
        metavar="OUT.docx",
        required=True,
        help="the Word file to write (not FILE or the template)",
    )
    parser.add_argument("--fix", action="store_true", help="apply the safe fixes before exporting")
    parser.add_argument(
        "--allow-errors",
        action="store_true",
        help="exit 0 even when error findings remain (they are still listed), and convert a text that "
        "is no article",
    )
    parser.add_argument(
        "--template",
        metavar="NAME|PATH",
        default="",
        help="a built-in template (briefing-note, decision-memo, us-action-memo, uk-submission), or a "
        ".docx whose styles, page setup, header and footer are used (default: by the briefing's purpose)",
    )
    parser.add_argument(
        "--classification", metavar="TEXT", help="the classification banner, e.g. 'PROTECTED A'"
    )
    parser.add_argument("--to", metavar="TEXT", help="who the note is for (the header block's To line)")
    parser.add_argument("--from", dest="sender", metavar="TEXT", help="who the note is from")
    parser.add_argument("--date", metavar="TEXT", help="the note's date, e.g. '12 May 2025' (default: today)")
    parser.add_argument("--file-number", metavar="TEXT", help="the department's file number")
    parser.add_argument(
        "--decision-line", choices=("lines", "boxes"), help="blanks or tick boxes under each recommendation"
    )
    parser.add_argument(
        "--no-corrections", action="store_true", help="leave out the 'Corrections to the source' appendix"
    )
    parser.add_argument(
        "--tracked-changes",
        action="store_true",
        help="show the corrections as Word tracked changes in the text, for a reviewer to accept or reject; "
        "the appendix then lists only those that cannot be shown so",
    )
    parser.add_argument("--pdf", action="store_true", help="also write OUT.pdf through LibreOffice")
    add_force(parser)
    parser.set_defaults(run=run)


def _check_outputs(args: argparse.Namespace) -> tuple[Path, Path | None]:
    """The .docx and the PDF to write, refused before any work if either would replace a file this run
    reads (the input, the template and its settings) or the other, or a read-only file."""
    from ..export.options import BUILTIN_TEMPLATES
    from ..export.templates import builtin_path

    template: Path | None = None
    if args.template in BUILTIN_TEMPLATES:
        template = builtin_path(args.template)
    elif args.template:
        template = Path(args.template).expanduser()
    protected = [
        ("the input", args.file),
        ("the template", template),
        ("the template's settings", template.with_suffix(".json") if template else None),
    ]
    output = check_output(args.output, protected, args.force)
    if not args.pdf:
        return output, None
    pdf = check_output(output.with_suffix(".pdf"), [*protected, ("the Word output", output)], args.force)
    return output, pdf


def run(args: argparse.Namespace) -> int:
    """Check, export, and say on stderr what is still wrong; exit 1 when errors remain."""
    from .. import forked
    from ..export import ExportOptions, build_docx, commit_docx, export_pdf  # python-docx loads only here
    from ..export.templates import resolve_template

    output, pdf = _check_outputs(args)

    # With the article's text, the rules about what import leaves out (trailing blank lines) run too.
    briefing, source = open_with_source(args.file)
    for name, value in (("prepared_for", args.to), ("prepared_by", args.sender), ("date", args.date),
                        ("file_number", args.file_number)):  # fmt: skip
        if value is not None:
            setattr(briefing.meta, name, value)  # the header block's details, set for this note
    if args.fix:
        from ..checks import apply_safe_fixes

        fixed = len(apply_safe_fixes(briefing, source=source))
        print(f"applied {fixed} safe fix{'es' if fixed != 1 else ''}", file=sys.stderr)
    resolve_template(args.template, briefing.meta.purpose)  # a bad template is refused before the checks
    options = ExportOptions(
        template=args.template,
        classification=args.classification,
        decision_line=args.decision_line,
        include_corrections=False if args.no_corrections else None,
        tracked_changes=args.tracked_changes,
    )
    # The note is built beside the checks (in a second process where there is one) and written only
    # once the checks allow it: the file is the same either way.
    export = forked.start(partial(build_docx, briefing, output, options))
    try:
        # loaded only now, so the child building the note starts without them
        from ..checks import run_checks
        from ..export.checklist import ERROR_PREFIX, annex_headings, checklist, length_summary, measure_docx
        from .check import finding_lines

        findings = run_checks(briefing, source)
    except BaseException:
        export.cancel()
        raise
    errors = [f for f in findings if f.severity == "error" and f.key not in briefing.ignored]
    for line in finding_lines(str(args.file), briefing, source, errors):
        print(line, file=sys.stderr)
    if errors:
        many = len(errors) != 1
        print(
            f"briefing: {len(errors)} error{'s' if many else ''} remain{'' if many else 's'}"
            f"{'' if args.allow_errors else ' (--allow-errors to exit 0 all the same)'}",
            file=sys.stderr,
        )
    if not args.allow_errors and any(f.rule in NO_ARTICLE_RULES for f in errors):
        export.cancel()
        print(f"briefing: {args.file}: no article to convert; nothing written", file=sys.stderr)
        return EXIT_FINDINGS
    data, result = export.result()
    commit_docx(output, data)
    del data
    for warning in result.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    # The errors were counted above; the checklist says what else to look at before the note goes out,
    # its length measured on the note just written (laid out by LibreOffice when it is there).
    others = [f for f in findings if f.severity != "error"]
    settings = resolve_template(args.template, briefing.meta.purpose).settings
    # LibreOffice takes a second or two: only asked when there is a page limit to hold the note to
    pages = measure_docx(output, annex_headings(settings)) if settings.page_limit else None
    blocking = 0
    items = checklist(briefing, args.template, others, pages)
    for item in items:
        if item.startswith(ERROR_PREFIX):
            blocking += 1
            print(f"checklist: error: {item.removeprefix(ERROR_PREFIX)}", file=sys.stderr)
        else:
            print(f"checklist: {item}", file=sys.stderr)
    length = length_summary(briefing, settings, pages)
    if length and not any("this template allows" in item for item in items):
        print(f"length: {length}", file=sys.stderr)  # within the limit: said once, as a fact
    errors_left = bool(errors or blocking)
    print(f"wrote {result.path}")
    if pdf is not None:
        try:
            export_pdf(output, pdf)
        except BriefingError as exc:
            print(f"briefing: {exc} (the .docx was written)", file=sys.stderr)
            return EXIT_BAD_INPUT
        print(f"wrote {pdf}")
    return EXIT_FINDINGS if errors_left and not args.allow_errors else EXIT_OK
