"""How fast import is, and whether it stays linear as articles grow.

Run it from the project folder (it takes 15-30 seconds)::

    .venv/bin/python benchmarks/import_speed.py

It prints (a) the median time to import the bundled sample in-process, (b) for generated articles of
1, 5 and 25 MB the import time, the time per MB (roughly constant if import is linear) and the peak
memory Python allocated, and (c) if ``pandoc`` is on PATH, pandoc's Markdown → Word time on the 1 MB
article, as a yardstick for what "fast enough" means for a document tool.

Timings are wall-clock on an otherwise idle machine; memory is measured in a separate run under
tracemalloc, because tracing slows the import down several times and would distort the timings.
"""

from __future__ import annotations

import gc
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

from briefing.importing import import_file
from briefing.model import Briefing, Table

SAMPLE = Path(__file__).resolve().parent.parent / "resources" / "nk-missile-tests.txt"
SAMPLE_RUNS = 50
SIZES_MB = (1, 5, 25)
#: Each size is imported this many times and the fastest run is kept (the others are noise).
RUNS_PER_SIZE = 3
MB = 1024 * 1024

#: Words headings and table headers are made of (title case, like the sample's headings).
NOUNS = (
    "regional security alliance missile defense diplomatic talks sanctions launch range trajectory "
    "deterrence cooperation intelligence sharing readiness ministry statement analysts tests escalation "
    "response coordination framework negotiations pressure economic stability partners"
).split()
WORDS = (
    NOUNS
    + (
        "expect further the of and to in a that with for on as by is are was were will may could would "
        "against across"
    ).split()
)
TERMS = [
    "Regional stability",
    "Alliance posture",
    "Economic pressure",
    "Cyber capabilities",
    "Public messaging",
]


def _sentence(rng: random.Random) -> str:
    words = rng.choices(WORDS, k=rng.randint(12, 28))
    return " ".join(words).capitalize() + rng.choice(
        [".", ".", ".", " — officials said.", ", according to the ministry’s statement."]
    )


def _paragraph(rng: random.Random) -> str:
    return " ".join(_sentence(rng) for _ in range(rng.randint(4, 9)))


def _heading(rng: random.Random) -> str:
    return " ".join(w.capitalize() for w in rng.choices(NOUNS, k=rng.randint(4, 9)))


def _table(rng: random.Random) -> list[str]:
    """A pipe table with a delimiter row; a third of its rows are ragged, like the sample's."""
    columns = rng.randint(2, 5)
    lines = ["| " + " | ".join(rng.choice(NOUNS).capitalize() for _ in range(columns)) + " |"]
    lines.append("|" + "---|" * columns)
    for _ in range(rng.randint(2, 6)):
        cells = [" ".join(rng.choices(WORDS, k=rng.randint(1, 6))) for _ in range(columns)]
        if rng.random() < 0.33:
            cells = cells + [""] * rng.randint(1, 3) if rng.random() < 0.5 else cells[:-1]
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def _section(rng: random.Random) -> str:
    lines = [_heading(rng)]
    lines += [_paragraph(rng) for _ in range(rng.randint(1, 3))]
    lines.append(_sentence(rng) + " Key concerns center around:")
    for _ in range(rng.randint(3, 5)):
        lines.append(f"- {rng.choice(TERMS)}-{_sentence(rng)}")
    lines += _table(rng)
    if rng.random() < 0.2:
        lines.append("If you’d like, I can also help you with additional formatting. Let me know!")
    lines.append(_paragraph(rng))
    return "\n".join(lines) + "\n"


def generate_article(size_bytes: int, seed: int = 7) -> str:
    """A realistic article of at least ``size_bytes`` UTF-8 bytes: a lede, then sections until full."""
    rng = random.Random(seed)
    parts = [_paragraph(rng) + "\n"]
    total = len(parts[0].encode("utf-8"))
    while total < size_bytes:
        section = _section(rng)
        parts.append(section)
        total += len(section.encode("utf-8"))
    return "".join(parts)


def timed(function: Callable[[], object]) -> float:
    """Seconds one call takes, with garbage from earlier runs collected first."""
    gc.collect()
    start = time.perf_counter()
    function()
    return time.perf_counter() - start


def peak_memory(function: Callable[[], Briefing]) -> tuple[int, Briefing]:
    """Peak bytes Python allocated during one call (tracemalloc), and what the call returned."""
    gc.collect()
    tracemalloc.start()
    try:
        result = function()
        return tracemalloc.get_traced_memory()[1], result
    finally:
        tracemalloc.stop()


def describe(briefing: Briefing) -> str:
    tables = sum(isinstance(block, Table) for _, block in briefing.blocks())
    return f"{len(briefing.sections)} sections, {tables} tables"


def main() -> int:
    """Run the benchmark and print the table."""
    print(f"Python {platform.python_version()} on {platform.system()} {platform.machine()}")
    import_file(SAMPLE)  # warm up: imports markdown-it, charset-normalizer and friends once
    sample_ms = statistics.median(timed(lambda: import_file(SAMPLE)) for _ in range(SAMPLE_RUNS)) * 1000
    print(f"Bundled sample ({SAMPLE.stat().st_size / 1024:.1f} KB): median of {SAMPLE_RUNS} imports "
          f"{sample_ms:.2f} ms")  # fmt: skip
    print()

    columns = ("article", "size MB", "import s", "s per MB", "peak MB", "peak/size")
    header = " ".join(f"{name:>9}" for name in columns) + "  content"
    print(header)
    print("-" * len(header))
    one_mb: tuple[Path, float] | None = None  # the 1 MB article and its import time, for pandoc
    with tempfile.TemporaryDirectory(prefix="briefing-bench-") as folder:
        for size_mb in SIZES_MB:
            path = Path(folder) / f"article-{size_mb}mb.txt"
            path.write_text(generate_article(size_mb * MB), encoding="utf-8")
            size = path.stat().st_size / MB
            seconds = min(timed(lambda p=path: import_file(p)) for _ in range(RUNS_PER_SIZE))
            peak_bytes, briefing = peak_memory(lambda p=path: import_file(p))
            peak, content = peak_bytes / MB, describe(briefing)
            del briefing
            print(f"{size_mb:>7}MB {size:>9.2f} {seconds:>9.2f} {seconds / size:>9.3f} {peak:>9.0f} "
                  f"{peak / size:>8.1f}x  {content}")  # fmt: skip
            if size_mb == 1:
                one_mb = (path, seconds)

        pandoc = shutil.which("pandoc")
        print()
        if pandoc is None or one_mb is None:
            print("pandoc not on PATH: no reference timing")
        else:
            source, import_seconds = one_mb
            markdown = source.with_suffix(".md")
            markdown.write_bytes(source.read_bytes())
            docx = markdown.with_suffix(".docx")
            start = time.perf_counter()
            subprocess.run(
                [pandoc, "-f", "markdown", "-t", "docx", "-o", str(docx), str(markdown)],
                check=True,
                capture_output=True,
                timeout=300,
            )
            pandoc_seconds = time.perf_counter() - start
            version = subprocess.run(
                [pandoc, "--version"], capture_output=True, text=True
            ).stdout.splitlines()[0]
            print(f"Reference: {version}, -f markdown -t docx on the 1 MB article: {pandoc_seconds:.2f} s "
                  f"= {pandoc_seconds / import_seconds:.0f}x our import time")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
