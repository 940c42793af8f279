"""Before and after a change, in one run: the query and dashboard benches on an earlier commit and
on the working tree, taken in turns (each side first in every other round) so the machine's load
falls on both alike.

    python -m bench.compare --before a756e6f                 # 2 rounds each, 1,000,000 appearances
    python -m bench.compare --before main --rounds 3 --benches queries

The earlier commit is checked out in a temporary git worktree and each bench runs there as its own
process, with that tree first on the import path. The table gives, per case, the median over the
rounds of each side's median, their ratio, and the run-to-run spread of the earlier side (its
largest round over its smallest): a case is flagged only when "after" is slower than "before" by
more than that spread. The table goes to stdout and to bench/results/compare.md.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results" / "compare.md"
# A bench, the arguments it gets, and the columns of its table that key a case and hold the time.
BENCHES = {
    "queries": (["--repeat", "7", "--pandas-repeat", "1"], ("query", "filters"), "CPU ms"),
    "dashboard": (["--repeat", "5"], ("store", "page"), "median ms"),
}


def run_bench(tree: Path, bench: str, sizes: list[str], out: Path) -> dict[tuple, float]:
    args, _, _ = BENCHES[bench]
    env = {**os.environ, "PYTHONPATH": str(tree)}
    command = [sys.executable, "-m", f"bench.{bench}", "--sizes", *sizes, *args, "--out", str(out)]
    done = subprocess.run(command, cwd=tree, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"bench.{bench} failed in {tree}:\n{done.stderr[-2000:]}")
    cases = read_table(out.read_text(), bench)
    if not cases:
        raise SystemExit(f"bench.{bench} in {tree}: no case found in {out}")
    return cases


def read_table(markdown: str, bench: str) -> dict[tuple, float]:
    """{case key: time} from the bench's widest markdown table (the per-case one)."""
    _, key_columns, time_column = BENCHES[bench]
    cases: dict[tuple, float] = {}
    header: list[str] | None = None
    for line in markdown.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if not line.startswith("|"):
            header = None
        elif header is None:
            header = cells
        elif set(key_columns) <= set(header) and time_column in header and cells[0] != "---":
            number = re.match(r"[\d,.]+", cells[header.index(time_column)])
            if number and not set(cells[0]) <= {"-", ":"}:
                key = tuple(cells[header.index(c)] for c in key_columns)
                cases[key] = float(number.group().replace(",", ""))
    return cases


def compare(before: list[dict], after: list[dict]) -> list[tuple]:
    """(case, before ms, after ms, after / before, spread of before, slower beyond the spread)."""
    rows = []
    for case in before[0]:
        olds = [run[case] for run in before if case in run]
        news = [run[case] for run in after if case in run]
        if not news:
            continue
        old, new = statistics.median(olds), statistics.median(news)
        spread = max(olds) / min(olds) if min(olds) > 0 else 1.0
        ratio = new / old if old > 0 else 1.0
        rows.append((case, old, new, ratio, spread, ratio > spread))
    return rows


def table(bench: str, rows: list[tuple], rounds: int, before: str, load: float) -> str:
    _, key_columns, time_column = BENCHES[bench]
    slower = sum(flag for *_, flag in rows)
    ratios = [ratio for _, _, _, ratio, _, _ in rows]
    lines = [
        f"## bench.{bench}: {before} against the working tree",
        "",
        f"{rounds} rounds each, taken in turns; '{time_column}' of each case, median over the"
        f" rounds. Load average at the end {load:.1f}. {len(rows)} cases; median ratio"
        f" {statistics.median(ratios):.2f}; {slower} slower by more than the spread.",
        "",
        f"| {' | '.join(key_columns)} | before | after | after / before | spread of before | |",
        "|" + "---|" * len(key_columns) + "---:|---:|---:|---:|---|",
    ]
    for case, old, new, ratio, spread, flag in rows:
        numbers = f"{old:,.1f} | {new:,.1f} | {ratio:.2f} | {spread:.2f}"
        lines.append(f"| {' | '.join(case)} | {numbers} | {'slower' if flag else ''} |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.compare", description=__doc__)
    parser.add_argument("--before", required=True, help="the earlier commit (any git revision)")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--sizes", nargs="+", default=["1000000"])
    parser.add_argument("--benches", nargs="+", choices=sorted(BENCHES), default=sorted(BENCHES))
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args(argv)

    sections = []
    with tempfile.TemporaryDirectory() as folder:
        earlier = Path(folder) / "before"
        subprocess.run(
            ["git", "worktree", "add", "--detach", str(earlier), args.before],
            cwd=ROOT, check=True, capture_output=True,
        )  # fmt: skip
        try:
            for bench in args.benches:
                before, after = [], []
                for round_ in range(args.rounds):
                    sides = [(earlier, before, "before"), (ROOT, after, "after")]
                    # each side goes first in every other round: the second run of a pair was
                    # measured 2 % slower on the same code (a cache or the machine warming up)
                    for tree, runs, side in sides if round_ % 2 == 0 else sides[::-1]:
                        out = Path(folder) / f"{bench}-{side}-{round_}.md"
                        runs.append(run_bench(tree, bench, args.sizes, out))
                        print(f"bench.{bench} {side} round {round_ + 1}: done", flush=True)
                rows = compare(before, after)
                sections.append(table(bench, rows, args.rounds, args.before, os.getloadavg()[0]))
                print(sections[-1], flush=True)
        finally:
            subprocess.run(
                ["git", "worktree", "remove", "--force", str(earlier)], cwd=ROOT, check=False
            )
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text("# Before and after\n\n" + "\n".join(sections))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
