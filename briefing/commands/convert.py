"""``briefing convert``: an article or project in, a formatted Word briefing (and optionally a PDF) out."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..documents import open_document
from ..errors import BriefingError
from . import EXIT_BAD_INPUT, EXIT_OK, add_force, check_output


def register(commands: argparse._SubParsersAction) -> None:
    """Add the ``convert`` subcommand."""
    parser = commands.add_parser(
        "convert",
        help="export an article or .briefing file as a Word briefing note",
        description="Read an article (.txt, .md) or a .briefing project and write a formatted Word "
        "briefing: classification banners, header block, summary, sections, tables, recommendations, "
        "comments, sources and the corrections appendix.",
    )
    parser.add_argument("file", metavar="FILE", help="an article (.txt, .md) or a .briefing project")
    parser.add_argument(
        "-o",
        "--output",
        metavar="OUT.docx",
        required=True,
        help="the Word file to write (not FILE or the template)",
    )
    parser.add_argument("--fix", action="store_true", help="apply the safe fixes before exporting")
    parser.add_argument(
        "--template",
        metavar="briefing-note|decision-memo|PATH",
        default="",
        help="a built-in template, or a .docx whose styles, page setup, header and footer are used "
        "(default: by the briefing's purpose)",
    )
    parser.add_argument(
        "--classification", metavar="TEXT", help="the classification banner, e.g. 'PROTECTED A'"
    )
    parser.add_argument(
        "--decision-line", choices=("lines", "boxes"), help="blanks or tick boxes under each recommendation"
    )
    parser.add_argument(
        "--no-corrections", action="store_true", help="leave out the 'Corrections to the source' appendix"
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
    """Export; print where files went and any warnings (on stderr)."""
    from ..export import ExportOptions, export_docx, export_pdf  # python-docx loads only here

    output, pdf = _check_outputs(args)
    if args.fix:
        from ..checks import apply_safe_fixes
        from ..documents import open_with_source

        # With the article's text, the rules about what import leaves out (trailing blank lines) run too.
        briefing, source = open_with_source(args.file)
        fixed = len(apply_safe_fixes(briefing, source=source))
        print(f"applied {fixed} safe fix{'es' if fixed != 1 else ''}", file=sys.stderr)
    else:
        briefing = open_document(args.file)
    options = ExportOptions(
        template=args.template,
        classification=args.classification,
        decision_line=args.decision_line,
        include_corrections=False if args.no_corrections else None,
    )
    result = export_docx(briefing, output, options)
    for warning in result.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    print(f"wrote {result.path}")
    if pdf is not None:
        try:
            export_pdf(output, pdf)
        except BriefingError as exc:
            print(f"briefing: {exc} (the .docx was written)", file=sys.stderr)
            return EXIT_BAD_INPUT
        print(f"wrote {pdf}")
    return EXIT_OK
