"""Does every command stay linear on articles shaped like real ones, up to the 50 MB import limit?

Run it from the project folder::

    .venv/bin/python benchmarks/scaling.py            # the sample ×100, ×400, ×1600, then 25 MB and 49 MB
    .venv/bin/python benchmarks/scaling.py --quick    # without the 25 MB and 49 MB articles (a minute)

The articles are the bundled sample repeated: broken and duplicated tables, chatbot leftovers and
contradictions at the density analysts meet them, so every rule and every safe fix has work to do (the
synthetic tables of the other benchmarks exercise far fewer code paths). Each command runs as the user
runs it, as a separate ``briefing`` process; the table gives its wall time, the time per MB of article
and the process's peak memory. The last lines give, per command, the spread of time per MB across sizes
(largest over smallest: 1.0 is perfectly linear; the bar is 2.0) and the targets for ``convert --fix``
(49 MB within 60 s and 2 GB; 8.7 MB within 10 s).
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "resources" / "nk-missile-tests.txt"
BRIEFING = Path(sys.executable).with_name("briefing")
MB = 1024 * 1024
REPEATS = (100, 400, 1600)
BIG_MB = (25, 49)
COMMANDS = {
    "parse": ["parse", "{in}", "--json"],
    "check": ["check", "{in}", "--json"],
    "fix": ["fix", "{in}", "-o", "{out}.briefing"],
    "convert": ["convert", "{in}", "-o", "{out}.docx"],
    "convert --fix": ["convert", "{in}", "--fix", "-o", "{out}-fixed.docx"],
}


def run(args: list[str]) -> tuple[float, int, int]:
    """Wall seconds, peak resident bytes and exit code of one ``briefing`` process."""
    start = time.perf_counter()
    process = subprocess.Popen([str(BRIEFING), *args], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    # ru_maxrss is in kilobytes on Linux.
    return elapsed, usage.ru_maxrss * 1024, process.returncode


def articles(folder: Path, quick: bool) -> list[tuple[str, Path]]:
    sample = SAMPLE.read_text(encoding="utf-8")
    made = []
    for times in REPEATS:
        path = folder / f"sample-x{times}.txt"
        path.write_text(sample * times, encoding="utf-8")
        made.append((f"sample ×{times}", path))
    if not quick:
        for size in BIG_MB:
            times = int(size * MB * 0.999) // len(sample.encode("utf-8"))
            path = folder / f"article-{size}mb.txt"
            path.write_text(sample * times, encoding="utf-8")
            made.append((f"{size} MB (×{times})", path))
    return made


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="leave out the 25 MB and 49 MB articles")
    parser.add_argument("--only", metavar="COMMAND", action="append", choices=sorted(COMMANDS))
    options = parser.parse_args(argv)
    wanted = options.only or list(COMMANDS)
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    per_mb: dict[str, list[float]] = {name: [] for name in wanted}
    targets: dict[str, tuple[float, int]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        print(f"{'article':<18} {'MB':>6}  {'command':<14} {'seconds':>8} {'s/MB':>7} {'peak MB':>8}  exit")
        for label, path in articles(folder, options.quick):
            size = path.stat().st_size / MB
            for name in wanted:
                args = [
                    a.replace("{in}", str(path)).replace("{out}", str(folder / "out")) for a in COMMANDS[name]
                ]
                seconds, peak, code = run(args)
                per_mb[name].append(seconds / size)
                if name == "convert --fix":
                    targets[label] = (seconds, peak)
                print(
                    f"{label:<18} {size:6.1f}  {name:<14} {seconds:8.2f} {seconds / size:7.2f} "
                    f"{peak / MB:8.0f}  {code}",
                    flush=True,
                )
    print()
    for name, costs in per_mb.items():
        spread = max(costs) / min(costs) if costs and min(costs) > 0 else float("nan")
        verdict = "flat" if spread <= 2 else "NOT FLAT"
        print(f"{name:<14} time per MB, largest over smallest: {spread:4.2f}  ({verdict} within 2×)")
    for label, (seconds, peak) in targets.items():
        if label.startswith("49 MB"):
            print(f"49 MB convert --fix: {seconds:.1f} s (target 60 s), {peak / MB:.0f} MB (target 2048 MB)")
        if label == "sample ×1600":
            print(f"8.7 MB convert --fix: {seconds:.1f} s (target 10 s)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
