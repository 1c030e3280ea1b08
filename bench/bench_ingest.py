"""Ingest benchmarks (issues 3, 7 and 15): what a user pays, cold, and the warm rows beside it.

Cold rows run in a fresh process on documents that process has not seen, as a user does:
`reflink ingest` as a command (minus `reflink --help`'s start-up), and split into importing the
ingest modules and the work itself (reading, parsing, writing; workers included). Warm rows
repeat a call in one process (caches filled, modules loaded) and say so.

- start-up: `reflink --help`;
- the seed: `reflink ingest` into a new database, cold; `parse_document` and `ingest_file`, warm;
- a corpus of 50 generated reviews (tests/synthetic.py), cold, at --jobs 1 and --jobs N (the
  cores here), and the speed-up; the dev-set texts the same way when ../shared/devset is present
  (the row says when it is not: the bench needs nothing outside the repository);
- peak memory of the writing process and of the largest worker, 10 and 50 documents;
- refextract side by side on the seed's reference block (lines 938–1260), each tool cold (its
  first call in a fresh process, import not counted) and warm (median of repeated calls):
  time, and how many of entries 101–133 each got right (seed_references_gold.json).

Wall times on a shared machine include other people's work; CPU times (of the process and its
workers) are printed beside them.
"""

from __future__ import annotations

import json
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "refs" / "alk-ros1-review.txt"
DEVSET = ROOT.parent / "shared" / "devset"
GOLD = Path(__file__).resolve().parent / "seed_references_gold.json"
# the reference block as printed: the tail of entry 100 (" Ther., 2017, 34, 1145.") to the end
BLOCK_LINES = (938, 1260)
FIELDS = ("journal", "year", "volume", "pages")
CORPUS_SIZE = 50
COLD_REPEAT = 5  # fresh processes per cold figure (median)
CORPUS_PAIRS = 5  # alternated --jobs 1 / --jobs N runs per corpus

sys.path.insert(0, str(ROOT / "tests"))  # the synthetic review generator the tests use


# --- measuring ----------------------------------------------------------------------------------


def timings(func: Callable[[], object], repeat: int) -> tuple[float, float, float]:
    """Median and 95th percentile wall time of `repeat` calls, and their median CPU time."""
    times, cpu = [], []
    for _ in range(repeat):
        started, started_cpu = time.perf_counter(), time.process_time()
        func()
        times.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
    times.sort()
    p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
    return statistics.median(times), p95, statistics.median(cpu)


def reflink_command() -> list[str]:
    """The installed `reflink` script beside this interpreter, as a user runs it."""
    script = shutil.which("reflink", path=str(Path(sys.executable).parent))
    return [script] if script else [sys.executable, "-c", "from reflink.cli import cli; cli()"]


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_cold(
    arguments: list[str],
    repeat: int,
    before: Callable[[int], None] = lambda i: None,
    env: dict[str, str] | None = None,
):
    """Median wall and CPU seconds of `reflink arguments` in fresh processes (workers included).

    `before(i)` prepares run i (e.g. removes the database) outside the timing."""
    walls, cpus = [], []
    for attempt in range(repeat):
        before(attempt)
        started, started_cpu = time.perf_counter(), children_cpu()
        subprocess.run(
            [*reflink_command(), *arguments],
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env=env,
        )
        walls.append(time.perf_counter() - started)
        cpus.append(children_cpu() - started_cpu)
    return statistics.median(walls), statistics.median(cpus)


def default_jobs() -> int:
    from reflink.parallel import default_jobs

    return default_jobs()


# --- start-up, the seed -------------------------------------------------------------------------


def startup() -> tuple[float, float]:
    return run_cold(["--help"], repeat=2 * COLD_REPEAT)


def startup_row(wall: float, cpu: float) -> dict:
    return {
        "benchmark": "ingest cold",
        "what": "start-up: reflink --help (fresh process)",
        "median_s": wall,
        "value": f"cpu {cpu:.3f} s",
        "goal": "no slower than before issue 15",
    }


# One fresh process: import what `reflink ingest` imports, then ingest; both timed (wall and
# CPU, the workers' included once they are joined), so "work" is what the documents cost.
COLD_SCRIPT = """
import json, resource, sys, time
def cpu():
    own, kids = map(resource.getrusage, (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime
wall, started = time.perf_counter(), cpu()
import reflink.cli, reflink.ingest
imported_wall, imported = time.perf_counter(), cpu()
reflink.ingest.ingest_files(sys.argv[3:], sys.argv[1], jobs=int(sys.argv[2]))
print(json.dumps({"import_s": imported_wall - wall, "import_cpu": imported - started,
                  "work_s": time.perf_counter() - imported_wall, "work_cpu": cpu() - imported}))
"""


def cold_ingest(paths: list[Path], database: Path, jobs: int, repeat: int) -> dict[str, float]:
    """Medians over `repeat` fresh processes of import and ingest time (into a new database)."""
    runs = []
    for _ in range(repeat):
        database.unlink(missing_ok=True)
        out = subprocess.run(
            [sys.executable, "-c", COLD_SCRIPT, str(database), str(jobs), *map(str, paths)],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        runs.append(json.loads(out.strip().splitlines()[-1]))
    return {key: statistics.median(run[key] for run in runs) for key in runs[0]}


def cold_seed_rows(tmp: Path, start_wall: float, start_cpu: float) -> list[dict]:
    database = tmp / "seed.db"
    wall, cpu = run_cold(
        ["ingest", str(SEED), "--db", str(database)],
        repeat=2 * COLD_REPEAT,
        before=lambda attempt: database.unlink(missing_ok=True),
    )
    split = cold_ingest([SEED], database, jobs=1, repeat=2 * COLD_REPEAT)
    # what the very first run pays where no compiled patterns were stored (reflink.lazyre)
    unstored_wall, unstored_cpu = run_cold(
        ["ingest", str(SEED), "--db", str(database)],
        repeat=2 * COLD_REPEAT,
        before=lambda attempt: database.unlink(missing_ok=True),
        env={**os.environ, "REFLINK_PATTERN_CACHE": "off"},
    )
    return [
        {
            "benchmark": "ingest cold",
            "what": "seed: `reflink ingest` into a new db, beyond `reflink --help`",
            "median_s": wall - start_wall,
            "value": f"cpu {cpu - start_cpu:.3f} s; whole command {wall:.3f} s "
            "(fresh process each)",
        },
        {
            "benchmark": "ingest cold",
            "what": "seed: importing reflink.cli and the ingest modules (click, parsers, sqlite3)",
            "median_s": split["import_s"],
            "value": f"cpu {split['import_cpu']:.3f} s",
        },
        {
            "benchmark": "ingest cold",
            "what": "seed: of which the work (read, parse, write), first document of a process",
            "median_s": split["work_s"],
            "value": f"cpu {split['work_cpu']:.3f} s",
            "goal": "<= 0.050 s",
        },
        {
            "benchmark": "ingest cold",
            "what": "seed: beyond `reflink --help`, no compiled patterns stored (a first run)",
            "median_s": unstored_wall - start_wall,
            "value": f"cpu {unstored_cpu - start_cpu:.3f} s (REFLINK_PATTERN_CACHE=off)",
        },
    ]


# --- corpora --------------------------------------------------------------------------------


def write_corpus(directory: Path, count: int) -> list[Path]:
    """`count` varied reviews: three styles, 20–150 entries, 6–40 paragraphs, sections or not."""
    from synthetic import write_corpus

    directory.mkdir(parents=True, exist_ok=True)
    return write_corpus(directory, count)


def devset_texts() -> list[Path]:
    return sorted(DEVSET.glob("*/input.txt")) if DEVSET.is_dir() else []


def cold_corpus_rows(label: str, paths: list[Path], tmp: Path) -> list[dict]:
    """A fresh process ingests every path into a new database, at --jobs 1 and --jobs N; the
    work is timed after the imports (the same for any number of documents).

    The runs alternate (1, N, 1, N, …): a shared machine drifts by a quarter within a minute,
    and a block of --jobs 1 runs then a block of --jobs N would put that drift into the
    speed-up. The speed-up is the median of the pairs' ratios."""
    megabytes = sum(path.stat().st_size for path in paths) / 2**20
    counts = sorted({1, default_jobs()})
    runs: dict[int, list[dict[str, float]]] = {jobs: [] for jobs in counts}
    for _ in range(CORPUS_PAIRS):
        for jobs in counts:
            runs[jobs].append(cold_ingest(paths, tmp / "corpus.db", jobs, repeat=1))
    rows = []
    for jobs in counts:
        cold = {key: statistics.median(run[key] for run in runs[jobs]) for key in runs[jobs][0]}
        rows.append(
            {
                "benchmark": "ingest cold",
                "what": f"{label}: {len(paths)} docs ({megabytes:.2f} MB), --jobs {jobs}",
                "median_s": cold["work_s"],
                "value": f"{megabytes / cold['work_s']:.2f} MB/s, "
                f"{len(paths) / cold['work_s']:.1f} docs/s (cpu {cold['work_cpu']:.2f} s in "
                f"all processes: {megabytes / cold['work_cpu']:.2f} MB per cpu-second)",
                "goal": ">= 2 MB/s on one core" if jobs == 1 else "",
            }
        )
    if len(counts) == 2:
        jobs = counts[1]
        ratios = [
            one["work_s"] / many["work_s"] for one, many in zip(runs[1], runs[jobs], strict=True)
        ]
        rows.append(
            {
                "benchmark": "ingest cold",
                "what": f"{label}: speed-up of --jobs {jobs} over --jobs 1",
                "value": f"x{statistics.median(ratios):.2f} on {jobs} cores "
                f"(median of {len(ratios)} alternated pairs: "
                + ", ".join(f"x{ratio:.2f}" for ratio in ratios)
                + ")",
                "goal": ">= x1.7 on 2 cores" if jobs == 2 else "",
            }
        )
    else:
        rows.append(
            {"benchmark": "ingest cold", "what": f"{label}: one core here, no --jobs speed-up"}
        )
    return rows


# --- memory -----------------------------------------------------------------------------------

# VmHWM (the high-water mark of this process image), not ru_maxrss: Linux carries ru_maxrss over
# `exec` from the forking parent, so every child would report the bench process's own size.
# The workers' peak is RUSAGE_CHILDREN's ru_maxrss: the largest of the (forked) workers.
RSS_SCRIPT = """
import resource, sys
from pathlib import Path
from reflink.ingest import ingest_files
jobs, paths = int(sys.argv[2]), sys.argv[3:]
if paths:
    ingest_files(paths, sys.argv[1], jobs=jobs)
status = Path("/proc/self/status")
if status.exists():
    line = next(l for l in status.read_text().splitlines() if l.startswith("VmHWM:"))
    own = int(line.split()[1])
else:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(own, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss if jobs > 1 else 0)
"""


def peak_rss_mb(paths: list[Path], db: Path, jobs: int) -> tuple[float, float]:
    """Peak resident memory (MB) of a fresh writing process and of its largest worker."""
    db.unlink(missing_ok=True)
    out = subprocess.run(
        [sys.executable, "-c", RSS_SCRIPT, str(db), str(jobs), *map(str, paths)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    own, worker = out.split()
    return int(own) / 1024, int(worker) / 1024


def memory_rows(paths: list[Path], tmp: Path) -> list[dict]:
    rows = []
    baseline, _ = peak_rss_mb([], tmp / "rss0.db", 1)
    for jobs in sorted({1, default_jobs()}):
        few = peak_rss_mb(paths[:10], tmp / "rss.db", jobs)
        many = peak_rss_mb(paths, tmp / "rss.db", jobs)
        workers = f"; largest worker {few[1]:.0f} vs {many[1]:.0f} MB" if jobs > 1 else ""
        rows.append(
            {
                "benchmark": "ingest cold",
                "what": f"peak RSS, 10 vs {len(paths)} documents, --jobs {jobs}",
                "value": f"writer {few[0]:.0f} vs {many[0]:.0f} MB{workers} "
                f"(imports alone {baseline:.0f} MB)",
                "goal": "flat in the number of documents",
            }
        )
    return rows


# --- warm rows (in process, repeated) ---------------------------------------------------------


def warm_seed_rows() -> list[dict]:
    from reflink.ingest import ingest_file, parse_document, read_document

    text = read_document(SEED).text
    parse_document(text)  # warm: tables loaded, patterns compiled, caches filled
    rows = []
    median, p95, cpu = timings(lambda: parse_document(text), repeat=15)
    rows.append(
        {
            "benchmark": "ingest warm",
            "what": "seed: parse_document, repeated in one process",
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
                "benchmark": "ingest warm",
                "what": "seed: ingest_file into a new db, repeated in one process",
                "median_s": median,
                "p95_s": p95,
                "value": f"cpu {cpu:.3f} s",
            }
        )
        existing = Path(tmp) / "existing.db"
        ingest_file(SEED, existing)
        median, p95, cpu = timings(lambda: ingest_file(SEED, existing), repeat=15)
        rows.append(
            {
                "benchmark": "ingest warm",
                "what": "seed: re-ingest into an existing db, repeated in one process",
                "median_s": median,
                "p95_s": p95,
                "value": f"cpu {cpu:.3f} s",
            }
        )
    return rows


# --- refextract side by side ------------------------------------------------------------------

# One fresh process per tool: the first call is the cold time (import excluded, timed apart),
# the median of the next calls the warm time; the last result comes back as JSON to be scored.
BLOCK_SCRIPT = """
import json, statistics, sys, time
block, tool, repeat = open(sys.argv[1], encoding="utf-8").read(), sys.argv[2], int(sys.argv[3])
started = time.perf_counter()
if tool == "reflink":
    from reflink.references import parse_references
    from reflink.textclean import clean_text
    def call():
        entries = parse_references(clean_text(block))[0]
        return {e.number: {"journal": e.journal, "year": e.year, "volume": e.volume,
                           "pages": e.pages} for e in entries}
else:
    from refextract import extract_references_from_string
    def call():
        found = {}
        for reference in extract_references_from_string(block):
            first = lambda key: (reference.get(key) or [None])[0]
            marker = first("linemarker") or ""
            if marker.isdigit() and int(marker) not in found:
                found[int(marker)] = {"journal": first("journal_title"),
                                      "year": first("journal_year") or first("year"),
                                      "volume": first("journal_volume"),
                                      "pages": first("journal_page")}
        return found
imported = time.perf_counter()
result = call()
cold = time.perf_counter() - imported
warm = []
for _ in range(repeat):
    again = time.perf_counter()
    result = call()
    warm.append(time.perf_counter() - again)
print(json.dumps({"import_s": imported - started, "cold_s": cold,
                  "warm_s": statistics.median(warm), "found": result}))
"""


def time_block(tool: str, block_file: Path, repeat: int) -> dict:
    out = subprocess.run(
        [sys.executable, "-c", BLOCK_SCRIPT, str(block_file), tool, str(repeat)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    measured = json.loads(out.strip().splitlines()[-1])
    measured["found"] = {int(number): fields for number, fields in measured["found"].items()}
    return measured


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


def refextract_installed() -> bool:
    probe = subprocess.run([sys.executable, "-c", "import refextract"], capture_output=True)
    return probe.returncode == 0


def refextract_rows(tmp: Path) -> list[dict]:
    from reflink.ingest import parse_document, read_document

    gold = list(json.loads(GOLD.read_text())["entries"])
    seed_text = read_document(SEED).text
    first, last = BLOCK_LINES
    block_file = tmp / "block.txt"
    block_file.write_text("\n".join(seed_text.split("\n")[first - 1 : last]), encoding="utf-8")
    ours = time_block("reflink", block_file, repeat=15)
    in_context = score(from_reflink(parse_document(seed_text).references), gold)
    rows = [
        {
            "benchmark": "vs refextract",
            "what": "reflink: clean_text + parse_references, block alone, cold (first call)",
            "median_s": ours["cold_s"],
            "value": f"{describe(*score(ours['found'], gold), gold)}; "
            f"import {ours['import_s']:.3f} s not counted",
        },
        {
            "benchmark": "vs refextract",
            "what": "reflink: the same, warm (median of 15 calls in that process)",
            "median_s": ours["warm_s"],
        },
        {
            "benchmark": "vs refextract",
            "what": "reflink: whole seed (list found in context)",
            "value": describe(*in_context, gold),
        },
    ]
    if not refextract_installed():
        rows.append(
            {
                "benchmark": "vs refextract",
                "what": "refextract not installed; `make bench` installs it",
                "goal": ">= 50x faster, more accurate",
            }
        )
        return rows
    theirs = time_block("refextract", block_file, repeat=3)
    rows += [
        {
            "benchmark": "vs refextract",
            "what": "refextract 1.x: extract_references_from_string, same block, cold",
            "median_s": theirs["cold_s"],
            "value": f"{describe(*score(theirs['found'], gold), gold)}; "
            f"import {theirs['import_s']:.3f} s not counted",
        },
        {
            "benchmark": "vs refextract",
            "what": "refextract: the same, warm (median of 3 calls in that process)",
            "median_s": theirs["warm_s"],
        },
        {
            "benchmark": "vs refextract",
            "what": "time ratio refextract / reflink (block)",
            "value": f"reflink {theirs['cold_s'] / ours['cold_s']:.0f}x faster cold, "
            f"{theirs['warm_s'] / ours['warm_s']:.0f}x warm",
            "goal": ">= 50x faster, more accurate",
        },
    ]
    return rows


def run() -> list[dict]:
    rows = []
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        start_wall, start_cpu = startup()
        rows.append(startup_row(start_wall, start_cpu))
        rows += cold_seed_rows(tmp, start_wall, start_cpu)
        corpus = write_corpus(tmp / "corpus", CORPUS_SIZE)
        rows += cold_corpus_rows("generated corpus", corpus, tmp)
        dev = devset_texts()
        if dev:
            rows += cold_corpus_rows("dev-set texts (../shared/devset, present here)", dev, tmp)
        else:
            rows.append(
                {"benchmark": "ingest cold", "what": f"dev-set texts: {DEVSET} absent, skipped"}
            )
        rows += memory_rows(corpus, tmp)
        rows += warm_seed_rows()
        rows += refextract_rows(tmp)
    return rows


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from run import format_table

    print(format_table(run()))
