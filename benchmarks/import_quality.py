"""How much structure import recovers from text damaged in each of the ways analysts paste it.

Run it from the project folder (a few seconds)::

    .venv/bin/python benchmarks/import_quality.py [--seeds N]

For every rendering of the test generator (``tests/core/import_generator.py``: no blank lines, capital,
numbered, bold or underlined headings, flattened tables, hard wraps, lone markers, indentation, CRLF,
page furniture, and three mixtures of them) it draws N random briefings, renders and imports them, and
prints, for headings, tables and lists, the share of briefings where they came back exactly and the
mean F1 (headings compared by text, numbering and case aside; tables by shape; lists by item count).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from briefing.importing import import_text  # noqa: E402
from tests.core.import_generator import RENDERINGS, make_briefing, recovery, render  # noqa: E402

KINDS = ("headings", "tables", "lists")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=100, help="briefings per rendering (default 100)")
    seeds = parser.parse_args().seeds
    start = time.perf_counter()
    print(f"{seeds} random briefings per rendering; exact = share recovered exactly, F1 = mean F1\n")
    print(f"{'rendering':24}" + "".join(f"{kind + ' exact':>16}{'F1':>6}" for kind in KINDS))
    print("-" * (24 + 22 * len(KINDS)))
    for name, style in RENDERINGS.items():
        exact = dict.fromkeys(KINDS, 0)
        f1 = dict.fromkeys(KINDS, 0.0)
        for seed in range(seeds):
            drawn = make_briefing(seed)
            result = recovery(drawn, import_text(render(drawn, style, seed)))
            for kind in KINDS:
                exact[kind] += result[kind][0]
                f1[kind] += result[kind][1]
        print(f"{name:24}" + "".join(f"{exact[k] / seeds:>16.0%}{f1[k] / seeds:>6.2f}" for k in KINDS))
    print(f"\n{time.perf_counter() - start:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
