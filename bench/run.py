"""`make bench`: run every `bench/bench_*.py` module's `run()` and print one table.

Each module exposes `def run() -> list[dict]`; a row is
`{"benchmark": str, "what": str, "median_s": float, "p95_s": float, "value": str, "goal": str}`,
any key may be missing (shown blank). Times are medians over repeated runs; nothing here
asserts a threshold: the table is for people to read and compare across commits.

    .venv/bin/python bench/run.py            # every module
    .venv/bin/python bench/run.py ingest     # only bench_ingest.py
"""

from __future__ import annotations

import importlib.util
import sys
import time
import traceback
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
COLUMNS = ("benchmark", "what", "median_s", "p95_s", "value", "goal")


def discover(names: list[str]) -> list[Path]:
    """bench_*.py beside this file, alphabetical; `names` ("ingest", "web") narrow the list."""
    modules = sorted(BENCH_DIR.glob("bench_*.py"))
    if names:
        modules = [path for path in modules if path.stem.removeprefix("bench_") in names]
    return modules


def run_module(path: Path) -> list[dict]:
    """Import one module and call its `run()`; a failure becomes a row, not a stopped bench."""
    started = time.perf_counter()
    try:
        spec = importlib.util.spec_from_file_location(path.stem, path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        rows = list(module.run())
    except Exception as exc:  # one broken module must not hide the others' numbers
        traceback.print_exc(file=sys.stderr)
        rows = [
            {
                "benchmark": path.stem.removeprefix("bench_"),
                "what": f"FAILED: {type(exc).__name__}: {exc}",
            }
        ]
    print(
        f"  {path.name}: {len(rows)} rows in {time.perf_counter() - started:.1f} s", file=sys.stderr
    )
    return rows


def format_cell(key: str, value: object) -> str:
    if value is None:
        return ""
    if key in ("median_s", "p95_s") and isinstance(value, (int, float)):
        return format_seconds(value)
    return str(value)


def format_seconds(seconds: float) -> str:
    """0.0123 → "0.0123", 12.3456 → "12.35": four significant figures, no exponent."""
    if seconds >= 100:
        return f"{seconds:.0f}"
    if seconds >= 1:
        return f"{seconds:.2f}"
    return f"{seconds:.4f}" if seconds >= 0.001 else f"{seconds:.6f}"


def format_table(rows: list[dict]) -> str:
    """Rows → a plain-text table with aligned columns (numbers right-aligned)."""
    cells = [[format_cell(key, row.get(key)) for key in COLUMNS] for row in rows]
    widths = [max([len(key)] + [len(line[i]) for line in cells]) for i, key in enumerate(COLUMNS)]
    numeric = {"median_s", "p95_s"}

    def render(values: list[str]) -> str:
        parts = [
            value.rjust(width) if key in numeric else value.ljust(width)
            for key, value, width in zip(COLUMNS, values, widths, strict=True)
        ]
        return "  ".join(parts).rstrip()

    lines = [render(list(COLUMNS)), render(["-" * width for width in widths])]
    lines += [render(line) for line in cells]
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    sys.path.insert(0, str(BENCH_DIR))
    modules = discover(argv)
    if not modules:
        print(f"no bench modules match {argv}", file=sys.stderr)
        return 1
    rows: list[dict] = []
    for path in modules:
        rows.extend(run_module(path))
    print(format_table(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
