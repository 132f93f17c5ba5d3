"""How long all checks take: on the sample, on generated 1, 2 and 4 MB articles, and on the sample
repeated 100, 400 and 1600 times, and on our own test articles put end to end to 1, 2 and 4 MB (is it
linear on real shapes?).

Run: .venv/bin/python benchmarks/checks_speed.py [--fix] [--quick]

The generated articles are news-like prose with headed sections, Term-Description lists and pipe tables,
with the sample's kinds of defects sprinkled through (ragged and repeated rows, chatbot lines, doubled
spaces, titles that contradict). Import is not timed, only ``run_checks`` (best of three); with ``--fix``
the safe-fix loop is timed too. Targets: the sample well under 50 ms, 1 MB under 300 ms, time per MB flat.

The repeated sample is the shape the synthetic articles miss: every table printed hundreds of times, the
same chatbot lines and contradictions again and again, so the duplicate rules and the safe-fix loop have
thousands of fixes to make, round after round. Its table gives ``run_checks`` and ``apply_safe_fixes``
in milliseconds per MB (one run each; the safe fixes run on a fresh import) and the spread of each
across sizes (largest over smallest: 1.0 is linear, the bar is 2.0). ``--quick`` stops at 400 copies.
"""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from briefing.checks import apply_fix, apply_safe_fixes, revert_fix, run_checks  # noqa: E402
from briefing.importing import import_text  # noqa: E402

SAMPLE = Path(__file__).resolve().parent.parent / "resources" / "nk-missile-tests.txt"
WORDS = (
    "officials said the ministry talks missile launch alliance security regional economic sanctions talks "
    "deterrence cooperation exercises naval border ceasefire agreement envoy summit budget defence spending "
    "analysts warned partners pressure negotiations council resolution markets energy supply routes shipping"
).split()
NAMES = ["Anna Berg", "Tomas Ruiz", "Mei Lin", "Omar Haddad", "Ravi Nair", "Sofia Lund"]


def sentence(rng: random.Random, serial: int) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(8, 22))]
    words.insert(rng.randint(0, len(words)), f"item{serial}")  # keep sentences distinct
    return " ".join(words).capitalize() + "."


def article(size: int, seed: int = 7) -> str:
    """A news-like article of about ``size`` bytes with defects here and there."""
    rng = random.Random(seed)
    parts: list[str] = []
    total = serial = 0
    while total < size:
        serial += 1
        lines = [f"Regional Security Update Number {serial:05d}"]
        for _ in range(3):
            lines.append(" ".join(sentence(rng, serial * 100 + i) for i in range(rng.randint(3, 6))))
        name = rng.choice(NAMES)
        lines.append(
            f"Foreign Minister {name} said the plan would hold. Former Foreign Minister {name} disagreed."
        )
        lines += [
            f"- Point {rng.choice(WORDS)} {serial}-Description of {rng.choice(WORDS)} {i}" for i in range(3)
        ]
        lines += ["| Date | Event | Range (km) | Duration |", "|---|---|---|---|"]
        for row in range(rng.randint(3, 8)):
            day = f"March {row + 1}, 2024"
            cells = [
                day,
                f"Test {serial}-{row}",
                f"{rng.randint(100, 9000):,}",
                f"{rng.randint(2, 40)} minutes",
            ]
            if row == 2 and serial % 3 == 0:
                cells = cells[:3] + cells[:3] + cells[3:]
            if row == 3 and serial % 4 == 0:
                cells += [""]
            lines.append("| " + " | ".join(cells) + " |")
        if serial % 5 == 0:
            lines.append("If you'd like, I can also help you format this. Let me know!")
        if serial % 7 == 0:
            lines.append("The  talks resumed after  a pause.")
        block = "\n".join(lines) + "\n"
        parts.append(block)
        total += len(block.encode("utf-8"))
    return "".join(parts)


def best_of(runs: int, fn) -> float:
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def main(argv: list[str]) -> int:
    fix = "--fix" in argv
    text = SAMPLE.read_text(encoding="utf-8")
    sample = import_text(text)
    seconds = best_of(5, lambda: run_checks(sample, text))
    count = len(run_checks(sample, text))
    print(f"sample ({len(text.encode()) / 1024:.1f} KB): {seconds * 1000:7.1f} ms, {count} findings")
    # What the editor does per click: apply one fix (then undo it), for every fix the sample offers.
    slowest = 0.0
    for finding in run_checks(sample, text):
        for candidate in finding.fixes:
            start = time.perf_counter()
            applied = apply_fix(sample, finding, candidate)
            slowest = max(slowest, time.perf_counter() - start)
            revert_fix(sample, applied)
    print(f"sample: slowest single fix {slowest * 1000:.1f} ms (target < 50 ms in the editor)")
    print(
        f"{'size':>6} {'checks':>9} {'per MB':>9} {'findings':>9}" + (f" {'safe fixes':>11}" if fix else "")
    )
    per_mb = []
    for megabytes in (1, 2, 4):
        source = article(megabytes * 1024 * 1024)
        briefing = import_text(source)
        seconds = best_of(3, lambda b=briefing, s=source: run_checks(b, s))
        count = len(run_checks(briefing, source))
        line = f"{megabytes:4} MB {seconds * 1000:7.0f} ms {seconds * 1000 / megabytes:6.0f} ms {count:9}"
        if fix:
            start = time.perf_counter()
            changes = apply_safe_fixes(briefing, source=source)
            line += f" {time.perf_counter() - start:8.2f} s ({len(changes)} changes)"
        print(line)
        per_mb.append(seconds / megabytes)
    print(f"time per MB, largest over smallest: {max(per_mb) / min(per_mb):.2f} (1.0 is perfectly linear)")
    realistic()
    repeated(SAMPLE.read_text(encoding="utf-8"), (100, 400) if "--quick" in argv else REPEATS)
    return 0


ARTICLES = Path(__file__).resolve().parent.parent / "tests" / "data" / "articles"


def own_articles(size: int) -> str:
    """Our own test articles (news, reports with tables, digests, chatbot-wrapped pages) one after
    another until ``size`` bytes: real prose, figures and residue rather than generated words."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(ARTICLES.iterdir()) if p.suffix in (".txt", ".md")]
    parts: list[str] = []
    total = 0
    while total < size:
        for text in texts:
            parts.append(text.strip() + "\n\n")
            total += len(parts[-1].encode("utf-8"))
    return "".join(parts)


def realistic() -> None:
    """The checks on our own articles put end to end, in ms per MB."""
    print(f"\n{'articles':>8} {'checks':>9} {'per MB':>9} {'findings':>9}")
    per_mb = []
    for megabytes in (1, 2, 4):
        source = own_articles(megabytes * 1024 * 1024)
        size = len(source.encode("utf-8")) / (1024 * 1024)
        briefing = import_text(source)
        seconds = best_of(2, lambda b=briefing, s=source: run_checks(b, s))
        count = len(run_checks(briefing, source))
        print(f"{size:5.1f} MB {seconds * 1000:7.0f} ms {seconds * 1000 / size:6.0f} ms {count:9}")
        per_mb.append(seconds / size)
    print(f"articles: time per MB, largest over smallest: {max(per_mb) / min(per_mb):.2f} (1.0 is linear)")


#: How many times the sample is repeated for the real-shape scaling run.
REPEATS = (100, 400, 1600)


def repeated(sample: str, repeats: tuple[int, ...]) -> None:
    """The checks and the safe fixes on the sample repeated, in ms per MB."""
    print(
        f"\n{'sample':>12} {'MB':>6} {'checks':>9} {'per MB':>9} {'safe fixes':>11} {'per MB':>9}"
        f" {'changes':>8}"
    )
    spread: dict[str, list[float]] = {"checks": [], "safe fixes": []}
    for times in repeats:
        source = sample * times
        megabytes = len(source.encode("utf-8")) / (1024 * 1024)
        briefing = import_text(source)
        start = time.perf_counter()
        run_checks(briefing, source)
        checks = time.perf_counter() - start
        start = time.perf_counter()
        changes = apply_safe_fixes(briefing, source=source)
        fixes = time.perf_counter() - start
        spread["checks"].append(checks / megabytes)
        spread["safe fixes"].append(fixes / megabytes)
        print(
            f"{'x' + str(times):>12} {megabytes:6.1f} {checks:8.2f}s {checks * 1000 / megabytes:6.0f} ms "
            f"{fixes:10.2f}s {fixes * 1000 / megabytes:6.0f} ms {len(changes):8}"
        )
    for name, values in spread.items():
        print(f"{name}: time per MB, largest over smallest: {max(values) / min(values):.2f} (bar: 2.0)")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
