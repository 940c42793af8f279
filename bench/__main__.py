"""Run every benchmark in bench/: each module with a main() (queries, load, dashboard, report...).

python -m bench            # all of them, one after the other
python -m bench queries    # only the named ones
"""

from __future__ import annotations

import importlib
import pkgutil
import sys
from pathlib import Path

NOT_BENCHMARKS = {"synth", "compare"}  # helpers, and the comparison of two commits


def benchmarks() -> list[str]:
    here = Path(__file__).resolve().parent
    found = [m.name for m in pkgutil.iter_modules([str(here)]) if not m.name.startswith("_")]
    return sorted(name for name in found if name not in NOT_BENCHMARKS)


def main(argv: list[str] | None = None) -> int:
    wanted = (argv if argv is not None else sys.argv[1:]) or benchmarks()
    failed = []
    for name in wanted:
        module = importlib.import_module(f"bench.{name}")
        if not hasattr(module, "main"):
            continue
        print(f"==> bench.{name}", flush=True)
        if module.main([]) != 0:
            failed.append(name)
    if failed:
        print(f"Failed: {', '.join(failed)}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
