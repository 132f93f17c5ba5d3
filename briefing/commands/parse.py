"""``briefing parse``: read an article or project and print its outline or its JSON."""

from __future__ import annotations

import argparse
import json
import sys
from typing import TextIO

from .. import project
from ..documents import open_with_source
from ..model import Briefing, ListBlock, Paragraph, Table
from ..places import Places
from . import EXIT_OK, add_force, check_output


def register(commands: argparse._SubParsersAction) -> None:
    """Add the ``parse`` subcommand."""
    parser = commands.add_parser(
        "parse",
        help="read an article or .briefing file and print its outline",
        description="Read an article (.txt, .md, .html, .docx, .pdf) or a .briefing project and print its "
        "outline: sections, paragraphs, lists, tables and recommendations. With --json, print the whole "
        "model as the project-file JSON instead; with --text, the article's source text (for a web page, a "
        "Word document or a PDF: the text extracted from it, which the FILE:LINE:COL of `briefing check` "
        "count in).",
    )
    parser.add_argument(
        "file", metavar="FILE", help="an article (.txt, .md, .html, .docx, .pdf) or a .briefing project"
    )
    shown = parser.add_mutually_exclusive_group()
    shown.add_argument("--json", action="store_true", help="print the model as project-file JSON")
    shown.add_argument(
        "--text", action="store_true", help="print the source text the checks' lines and columns count in"
    )
    parser.add_argument(
        "-o", "--output", metavar="OUT.briefing", help="also save the result as a project file (not FILE)"
    )
    add_force(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Print the outline or JSON; optionally save a project file."""
    output = check_output(args.output, [("the input", args.file)], args.force) if args.output else None
    briefing, source = open_with_source(args.file)
    if output is not None:
        project.save(briefing, output)
    if args.text:
        if source is None:
            print(f"briefing: {args.file}: a project keeps no source text", file=sys.stderr)
        else:
            sys.stdout.write(source)
    elif args.json:
        sys.stdout.write(json.dumps(project.to_dict(briefing), ensure_ascii=False, indent=2) + "\n")
    else:
        print_outline(briefing, sys.stdout)
    return EXIT_OK


def print_outline(briefing: Briefing, out: TextIO) -> None:
    """A readable outline: title, source, sections with their blocks, recommendations with the list item
    or table row each was made from."""
    meta = briefing.meta
    out.write(f"Title: {meta.title or '(none)'}\n")
    if meta.source.publisher or meta.source.url:
        out.write(f"Source: {' '.join(filter(None, [meta.source.publisher, meta.source.url]))}\n")
    for section in briefing.sections:
        out.write(f"\n{'#' * section.level} {section.heading or '(lede)'}\n")
        for block in section.blocks:
            if isinstance(block, Paragraph):
                out.write(f"  paragraph  {_shorten(block.text)}\n")
            elif isinstance(block, ListBlock):
                out.write(f"  list       {len(block.items)} items\n")
                for item in block.items:
                    term = f"[{item.term}] " if item.term else ""
                    out.write(f"  {'  ' * item.level}  {item.marker} {_shorten(term + item.text, 64)}\n")
            elif isinstance(block, Table):
                out.write(
                    f"  table      {len(block.rows)} rows × {block.column_count} columns"
                    f"{'' if block.align is not None else ' (no delimiter row)'}\n"
                )
                for row in [block.header, *block.rows]:
                    out.write(f"    | {' | '.join(row)} |\n")
    if briefing.recommendations:
        places = Places(briefing)
        out.write(f"\nRecommendations ({len(briefing.recommendations)})\n")
        for number, rec in enumerate(briefing.recommendations, 1):
            origin = rec.origin
            where = f"  (from {places.describe_ref(origin)})" if origin.block_id or origin.lost else ""
            out.write(f"  {number}. {_shorten(rec.text, 90)}{where}\n")
            for detail in briefing.details:
                if detail.recommendation == rec.id:
                    out.write(f"       detail: {places.describe_ref(detail.origin)}\n")


def _shorten(text: str, width: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"
