"""Ingest benchmarks (issues 3 and 7): seed time, corpus throughput, memory, and refextract.

- the seed in process: `parse_document` alone, and `ingest_file` into a fresh and an existing db;
- throughput over a synthetic corpus of 100 varied documents (tests/synthetic.py templates);
- peak RSS of a 10- and a 100-document ingest, each in a fresh interpreter (streams: ~flat);
- refextract side by side on the seed's reference block (lines 938–1260): time ratio, and how
  many of entries 101–133 each got right (number found, and journal, year, volume, pages as
  printed, from seed_references_gold.json).
"""

from __future__ import annotations

import json
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "refs" / "alk-ros1-review.txt"
GOLD = Path(__file__).resolve().parent / "seed_references_gold.json"
# the reference block as printed: the tail of entry 100 (" Ther., 2017, 34, 1145.") to the end
BLOCK_LINES = (938, 1260)
FIELDS = ("journal", "year", "volume", "pages")

sys.path.insert(0, str(ROOT / "tests"))  # the synthetic review generator the tests use


def timings(func: Callable[[], object], repeat: int) -> tuple[float, float, float]:
    """Median and 95th percentile wall time of `repeat` calls, and their median CPU time.

    CPU time is reported too because wall time on a shared machine includes other load.
    """
    times, cpu = [], []
    for _ in range(repeat):
        started, started_cpu = time.perf_counter(), time.process_time()
        func()
        times.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
    times.sort()
    p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
    return statistics.median(times), p95, statistics.median(cpu)


def seed_rows() -> list[dict]:
    from reflink.ingest import ingest_file, parse_document, read_document

    text = read_document(SEED).text
    parse_document(text)  # warm: wordfreq's table and compiled regexes load once per process
    rows = []
    median, p95, cpu = timings(lambda: parse_document(text), repeat=15)
    rows.append(
        {
            "benchmark": "ingest",
            "what": "seed: parse only (parse_document, in process)",
            "median_s": median,
            "p95_s": p95,
            "value": f"cpu {cpu:.3f} s",
        }
    )
    with tempfile.TemporaryDirectory() as tmp:
        counter = iter(range(10_000))
        median, p95, cpu = timings(
            lambda: ingest_file(SEED, Path(tmp) / f"fresh{next(counter)}.db"), repeat=15
        )
        rows.append(
            {
                "benchmark": "ingest",
                "what": "seed: ingest_file into a new db (schema + rows), in process",
                "median_s": median,
                "p95_s": p95,
                "value": f"cpu {cpu:.3f} s",
                "goal": "< 0.1 s",
            }
        )
        existing = Path(tmp) / "existing.db"
        ingest_file(SEED, existing)
        median, p95, cpu = timings(lambda: ingest_file(SEED, existing), repeat=15)
        rows.append(
            {
                "benchmark": "ingest",
                "what": "seed: re-ingest into an existing db",
                "median_s": median,
                "p95_s": p95,
                "value": f"cpu {cpu:.3f} s",
                "goal": "< 0.1 s",
            }
        )
    return rows


def write_corpus(directory: Path, count: int) -> list[Path]:
    """`count` varied reviews: three styles, 20–150 entries, 6–40 paragraphs, sections or not."""
    from synthetic import STYLES, generate_review

    paths = []
    for seed in range(count):
        review = generate_review(
            seed,
            style=STYLES[seed % 3],
            entries=20 + (seed * 37) % 131,
            paragraphs=6 + (seed * 13) % 35,
            sections=seed % 2 == 0,
        )
        path = directory / f"review{seed:03d}.txt"
        path.write_text(review.text, encoding="utf-8")
        paths.append(path)
    return paths


def corpus_rows() -> list[dict]:
    from reflink.ingest import ingest_files

    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        paths = write_corpus(Path(tmp), 100)
        megabytes = sum(path.stat().st_size for path in paths) / 2**20
        counter = iter(range(100))
        median, p95, cpu = timings(
            lambda: ingest_files(paths, Path(tmp) / f"corpus{next(counter)}.db"), repeat=3
        )
        rows.append(
            {
                "benchmark": "ingest",
                "what": f"synthetic corpus: 100 documents ({megabytes:.1f} MB) in one ingest",
                "median_s": median,
                "p95_s": p95,
                "value": f"{100 / median:.1f} docs/s, {megabytes / median:.2f} MB/s "
                f"(cpu {cpu:.2f} s)",
            }
        )
        rss = {
            count: peak_rss_mb(paths[:count], Path(tmp) / f"rss{count}.db") for count in (10, 100)
        }
        baseline = peak_rss_mb([], Path(tmp) / "rss0.db")
        rows.append(
            {
                "benchmark": "ingest",
                "what": "peak RSS, 10 vs 100 documents (fresh interpreter each)",
                "value": f"{rss[10]:.0f} MB vs {rss[100]:.0f} MB (×{rss[100] / rss[10]:.2f}; "
                f"imports alone {baseline:.0f} MB)",
                "goal": "roughly flat (streams)",
            }
        )
    return rows


# VmHWM (the high-water mark of this process image), not ru_maxrss: Linux carries ru_maxrss over
# `exec` from the forking parent, so every child would report the bench process's own size.
RSS_SCRIPT = """
import resource, sys
from pathlib import Path
from reflink.ingest import ingest_files
paths = sys.argv[2:]
if paths:
    ingest_files(paths, sys.argv[1])
status = Path("/proc/self/status")
if status.exists():
    line = next(l for l in status.read_text().splitlines() if l.startswith("VmHWM:"))
    print(int(line.split()[1]))
else:
    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def peak_rss_mb(paths: list[Path], db: Path) -> float:
    """Peak resident memory of a fresh interpreter that ingests `paths` (KiB → MB)."""
    out = subprocess.run(
        [sys.executable, "-c", RSS_SCRIPT, str(db), *map(str, paths)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return int(out.strip().splitlines()[-1]) / 1024


# --- refextract side by side ------------------------------------------------------------------


def normalise(field: str, value: object) -> str | None:
    """Compare as a reader would: "Lancet Oncol." = "Lancet Oncol", "1119-1128" = "1119–1128"."""
    if value is None or value == "":
        return None
    text = str(value).strip()
    if field == "journal":
        return re.sub(r"[^a-z0-9]", "", text.lower())
    if field == "pages":
        return re.sub(r"\s*[-–—]+\s*", "–", text)
    return text


def score(found: dict[int, dict], gold: list[dict]) -> tuple[int, int, dict[str, int]]:
    """(entries numbered, entries with every printed field right, per-field right counts)."""
    numbered = sum(1 for entry in gold if entry["n"] in found)
    per_field = {field: 0 for field in FIELDS}
    whole = 0
    for entry in gold:
        parsed = found.get(entry["n"])
        if parsed is None:
            continue
        right = True
        for field in FIELDS:
            expected = normalise(field, entry[field])
            if expected is None:
                continue
            if normalise(field, parsed.get(field)) == expected:
                per_field[field] += 1
            else:
                right = False
        whole += right
    return numbered, whole, per_field


def describe(numbered: int, whole: int, per_field: dict[str, int], gold: list[dict]) -> str:
    printed = {field: sum(1 for entry in gold if entry[field] is not None) for field in FIELDS}
    fields = ", ".join(f"{field} {per_field[field]}/{printed[field]}" for field in FIELDS)
    return f"{whole}/{len(gold)} entries right; numbered {numbered}/{len(gold)}; {fields}"


def from_refextract(references: list[dict]) -> dict[int, dict]:
    """refextract's dicts ({"linemarker": ["101"], "journal_title": [...], …}) → our fields."""
    found: dict[int, dict] = {}
    for reference in references:
        marker = first_value(reference, "linemarker") or ""
        if not marker.isdigit() or int(marker) in found:
            continue
        found[int(marker)] = {
            "journal": first_value(reference, "journal_title"),
            "year": first_value(reference, "journal_year") or first_value(reference, "year"),
            "volume": first_value(reference, "journal_volume"),
            "pages": first_value(reference, "journal_page"),
        }
    return found


def first_value(reference: dict, key: str) -> str | None:
    """refextract gives every field as a list of strings."""
    return (reference.get(key) or [None])[0]


def from_reflink(entries) -> dict[int, dict]:
    return {
        entry.number: {
            "journal": entry.journal,
            "year": entry.year,
            "volume": entry.volume,
            "pages": entry.pages,
        }
        for entry in entries
    }


def refextract_rows() -> list[dict]:
    from reflink.ingest import parse_document, read_document
    from reflink.references import parse_references
    from reflink.textclean import clean_text

    gold = [entry for entry in json.loads(GOLD.read_text())["entries"]]
    seed_text = read_document(SEED).text
    first, last = BLOCK_LINES
    block = "\n".join(seed_text.split("\n")[first - 1 : last])

    def reflink_block():
        return parse_references(clean_text(block))[0]

    reflink_block()
    ours_median, ours_p95, ours_cpu = timings(reflink_block, repeat=15)
    ours_block = score(from_reflink(reflink_block()), gold)
    ours_whole = score(from_reflink(parse_document(seed_text).references), gold)
    rows = [
        {
            "benchmark": "vs refextract",
            "what": "reflink: clean_text + parse_references, block alone",
            "median_s": ours_median,
            "p95_s": ours_p95,
            "value": describe(*ours_block, gold),
        },
        {
            "benchmark": "vs refextract",
            "what": "reflink: whole seed (list found in context)",
            "value": describe(*ours_whole, gold),
        },
    ]
    try:
        from refextract import extract_references_from_string
    except ImportError as exc:
        rows.append(
            {
                "benchmark": "vs refextract",
                "what": f"refextract not installed ({exc}); `make bench` installs it",
                "goal": ">= 50x faster, more accurate",
            }
        )
        return rows
    results: list[list[dict]] = []
    their_median, their_p95, their_cpu = timings(
        lambda: results.append(extract_references_from_string(block)), repeat=3
    )
    theirs = score(from_refextract(results[-1]), gold)
    rows.append(
        {
            "benchmark": "vs refextract",
            "what": "refextract 1.x: extract_references_from_string, same block",
            "median_s": their_median,
            "p95_s": their_p95,
            "value": describe(*theirs, gold),
        }
    )
    rows.append(
        {
            "benchmark": "vs refextract",
            "what": "time ratio refextract / reflink (block)",
            "value": f"reflink {their_median / ours_median:.0f}x faster "
            f"(cpu: {their_cpu / ours_cpu:.0f}x)",
            "goal": ">= 50x faster, more accurate",
        }
    )
    return rows


def run() -> list[dict]:
    return [*seed_rows(), *corpus_rows(), *refextract_rows()]


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from run import format_table

    print(format_table(run()))
