"""Word export against pandoc: the same Markdown to .docx, timed and measured in one run.

Run it from the project folder::

    .venv/bin/python benchmarks/export_speed.py                      # small, medium; large without pandoc
    .venv/bin/python benchmarks/export_speed.py --with-large-pandoc  # also pandoc on the large one

Three documents are generated, each section a heading, 3 paragraphs, a 5-item list and a 6-column table:
small 10 sections × 10-row tables, medium 100 × 50, large 200 × 500. Each is written as Markdown; then
``pandoc in.md -o out.docx`` (Debian's pandoc) and ``briefing convert in.md -o out.docx`` each run as a
separate process, so both pay for start-up, reading and writing. Printed per size: wall time (best of a
few runs), peak memory (the process's maximum resident set, from ``wait4``), the ratio, and our time per
thousand table cells, which stays flat when export is linear in the number of cells.

pandoc on the large document takes about 3 minutes and 4.7 GB, so it runs only with --with-large-pandoc.
Targets (issue 12): small no slower than pandoc; medium at least 5× faster; large at least 40× faster in
under 200 MB; time per cell roughly constant. ``briefing convert`` builds the note in a second process
while it runs the checks (:mod:`briefing.forked`), so on a machine with two cores the time is about
import plus the longer of the two.

``--scaling`` times ``briefing convert`` on real shapes instead (issue 14): the sample article repeated
100×, 400× and 1600× (0.5, 2.2 and 8.7 MB), 25 000 and 100 000 Markdown headings, and with ``--big`` the
sample at 25 MB and 49 MB. It prints seconds and peak memory per MB of input, which stay flat when
export is linear (before issue 14, 8.7 MB took 116 s: python-docx scanned the body on every paragraph).
Targets: 8.7 MB in at most 10 s; 49 MB within 60 s and 2 GB.
"""

from __future__ import annotations

import argparse
import operator
import os
import platform
import random
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Size:
    """One benchmark document."""

    name: str
    sections: int
    rows: int
    runs: int  # runs per tool; the best is kept

    @property
    def cells(self) -> int:
        """Table cells in the whole document, header rows included."""
        return self.sections * (self.rows + 1) * 6


SIZES = (Size("small", 10, 10, 5), Size("medium", 100, 50, 3), Size("large", 200, 500, 1))
WORDS = (
    "regional security alliance missile defense diplomatic talks sanctions launch range trajectory "
    "deterrence cooperation intelligence sharing readiness ministry statement analysts escalation "
    "response the of and to in a that with for on as by is are will may could"
).split()


def markdown(size: Size, seed: int = 4) -> str:
    """The document as Markdown: ``##`` sections, paragraphs, a ``Term: text`` list and a pipe table."""
    rng = random.Random(seed)

    def sentence() -> str:
        return " ".join(rng.choices(WORDS, k=rng.randint(10, 20))).capitalize() + "."

    lines = ["# Benchmark briefing", ""]
    for number in range(1, size.sections + 1):
        lines += [f"## Section {number}: {' '.join(rng.choices(WORDS, k=4)).title()}", ""]
        for _ in range(3):
            lines += [" ".join(sentence() for _ in range(4)), ""]
        lines += [f"- **{w.title()}**: {sentence()}" for w in rng.choices(WORDS, k=5)] + [""]
        lines += ["| Date | Area | Measure | Value | Change | Note |", "|---|---|---|---:|---:|---|"]
        for row in range(size.rows):
            lines.append(
                f"| 2024-{row % 12 + 1:02}-{row % 28 + 1:02} | {rng.choice(WORDS).title()} | "
                f"{' '.join(rng.choices(WORDS, k=3))} | {rng.randint(1, 99999):,} | "
                f"{rng.uniform(-50, 50):.1f}% | {' '.join(rng.choices(WORDS, k=rng.randint(2, 8)))} |"
            )
        lines.append("")
    return "\n".join(lines)


#: Installed Python programs run from compiled bytecode; a PYTHONDONTWRITEBYTECODE left in the
#: environment would make every run recompile the whole import chain and time that instead.
ENV = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}


def measure(command: list[str]) -> tuple[float, float]:
    """Wall seconds and peak resident memory (MB) of one process run to completion."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=ENV)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        error = process.stderr.read().decode(errors="replace") if process.stderr else ""
        raise SystemExit(f"failed ({process.returncode}): {' '.join(command)}\n{error}")
    if process.stderr:
        process.stderr.close()
    # ru_maxrss is in KiB on Linux, bytes on macOS
    peak = usage.ru_maxrss / (1024 * 1024 if sys.platform == "darwin" else 1024)
    return elapsed, peak


def best(command: list[str], runs: int) -> tuple[float, float]:
    """The fastest of ``runs`` runs, with the largest peak memory seen (a single run is taken as is)."""
    if runs > 1:
        measure(command)  # warm-up: disk cache, bytecode
    results = [measure(command) for _ in range(runs)]
    return min(t for t, _ in results), max(m for _, m in results)


def table_rows(docx_path: Path) -> int:
    """Rows written to the .docx (a cheap check that our output is complete)."""
    with zipfile.ZipFile(docx_path) as archive:
        return archive.read("word/document.xml").count(b"<w:tr>") + archive.read("word/document.xml").count(
            b"<w:tr "
        )


def headings(count: int) -> str:
    """Markdown of nothing but headings: the per-paragraph cost alone."""
    return "".join(f"# Heading {i}\n\n" for i in range(count))


def scaling(folder: Path, big: bool) -> None:
    """``briefing convert`` on the sample repeated and on many headings: time and memory per MB."""
    article = (ROOT / "resources" / "nk-missile-tests.txt").read_text(encoding="utf-8")
    # (name, text maker, suffix): each text is made just before its run, so that the forked child's
    # peak memory is not the benchmark's own
    cases: list[tuple[str, Callable[[], str], str]] = [
        (f"sample ×{n}", partial(operator.mul, article, n), ".txt")
        for n in ((100, 400, 1600, 4600, 9000) if big else (100, 400, 1600))
    ]
    cases += [(f"{n:,} headings", partial(headings, n), ".md") for n in (25_000, 100_000)]
    command = [sys.executable, "-m", "briefing.cli", "convert"]
    header = f"{'input':<16} {'MB':>6} {'s':>7} {'s/MB':>6} {'peak MB':>8} {'peak/MB':>8}"
    print(header)
    print("-" * len(header))
    per_mb: list[float] = []
    for name, make, suffix in cases:
        source = folder / f"scaling{suffix}"
        source.write_text(make(), encoding="utf-8")
        megabytes = source.stat().st_size / 2**20
        seconds, peak = best([*command, str(source), "-o", str(folder / "scaling.docx")], 1)
        if suffix == ".txt":
            per_mb.append(seconds / megabytes)
        print(
            f"{name:<16} {megabytes:>6.1f} {seconds:>7.2f} {seconds / megabytes:>6.2f} {peak:>8.0f} "
            f"{peak / megabytes:>8.0f}"
        )
    spread = max(per_mb[1:]) / min(per_mb[1:])  # the smallest is mostly start-up
    print(f"\nsample from 2.2 MB up: slowest s/MB is {spread:.2f}× the fastest (flat: under 2×).")
    print("Targets: 8.7 MB ≤ 10 s; 49 MB ≤ 60 s and ≤ 2 GB (with --fix too: see the fix benchmarks).")


def main() -> None:
    """Run every size and print the comparison."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--with-large-pandoc",
        action="store_true",
        help="also run pandoc on the large document (3 min, ~5 GB)",
    )
    parser.add_argument("--sizes", default="small,medium,large", help="comma-separated sizes to run")
    parser.add_argument("--scaling", action="store_true", help="convert real shapes of growing size instead")
    parser.add_argument("--big", action="store_true", help="with --scaling: also 25 MB and 49 MB (2 min)")
    args = parser.parse_args()
    if args.scaling:
        print(f"{platform.platform()}, Python {platform.python_version()}, {os.cpu_count()} CPUs")
        with tempfile.TemporaryDirectory(prefix="export-scaling-") as folder:
            scaling(Path(folder), args.big)
        return
    pandoc = shutil.which("pandoc")
    briefing = [sys.executable, "-m", "briefing.cli", "convert"]
    print(f"{platform.platform()}, Python {platform.python_version()}, {os.cpu_count()} CPUs")
    if pandoc:
        version = subprocess.run([pandoc, "--version"], capture_output=True, text=True).stdout.split("\n")[0]
        print(f"{version} at {pandoc}")
    else:
        print("pandoc is not installed (apt-get install pandoc): only briefing convert is timed")
    header = (
        f"{'size':<7} {'sections×rows':>13} {'cells':>8} {'pandoc s':>9} {'ours s':>8} {'ratio':>7} "
        f"{'pandoc MB':>10} {'ours MB':>8} {'µs/cell':>8}"
    )
    print(header)
    print("-" * len(header))
    wanted = set(args.sizes.split(","))
    with tempfile.TemporaryDirectory(prefix="export-bench-") as folder:
        for size in SIZES:
            if size.name not in wanted:
                continue
            source = Path(folder) / f"{size.name}.md"
            source.write_text(markdown(size), encoding="utf-8")
            ours_out = Path(folder) / f"{size.name}-ours.docx"
            ours_time, ours_mb = best([*briefing, str(source), "-o", str(ours_out)], size.runs)
            assert table_rows(ours_out) == size.sections * (size.rows + 1), "our export lost table rows"
            pandoc_time = pandoc_mb = None
            if pandoc and (size.name != "large" or args.with_large_pandoc):
                pandoc_out = Path(folder) / f"{size.name}-pandoc.docx"
                pandoc_time, pandoc_mb = best([pandoc, str(source), "-o", str(pandoc_out)], size.runs)
            ratio = f"{pandoc_time / ours_time:6.1f}×" if pandoc_time else "      –"
            print(
                f"{size.name:<7} {f'{size.sections}×{size.rows}':>13} {size.cells:>8} "
                f"{f'{pandoc_time:.2f}' if pandoc_time else '–':>9} {ours_time:>8.2f} {ratio:>7} "
                f"{f'{pandoc_mb:.0f}' if pandoc_mb else '–':>10} {ours_mb:>8.0f} "
                f"{ours_time / size.cells * 1e6:>8.1f}"
            )
    print("\nratio = pandoc time / our time (higher is better for us); times include process start-up.")
    print("Targets: small ≥ 1×, medium ≥ 5×, large ≥ 40× in under 200 MB (pandoc large: ~180 s, 4.7 GB).")


if __name__ == "__main__":
    main()
