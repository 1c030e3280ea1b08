"""BibTeX export and lookup latency.

- export of 10,000 synthetic references (names in the RSC, Vancouver and JBC styles, some
  non-ASCII, some titles with LaTeX specials) through `export_refs`: goal < 1 s;
- export of the seed's 101–133;
- `reflink lookup` queries (full-text search with the entries behind each claim, and `--ref`)
  on the seed and on a synthetic database of 20,000 claims: median and p95.

    .venv/bin/python bench/bench_bibtex.py          # prints the rows
"""

from __future__ import annotations

import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from reflink import bibtex
from reflink.bibtex import export_refs
from reflink.db import open_existing
from reflink.ingest import ingest_file
from reflink.lookup import claims_citing, search_claims, select_references
from reflink.models import Claim, Marker, RefEntry, Section

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))  # the hand-made document writer the tests use
SEED = ROOT / "refs" / "alk-ros1-review.txt"
REFERENCES = 10_000
CLAIMS = 20_000

FAMILY = "Smith Chen Okafor Kumar Müller Crinò García Ørsted Nakamura Silva Rossi Kowalski".split()
PARTICLE = ["", "", "", "", "van der ", "de ", "von "]
JOURNALS = ["Lancet Oncol.", "N. Engl. J. Med.", "J. Clin. Oncol.", "Cancer Cell", "Nat. Med."]
TITLE_WORDS = (
    "ALK rearranged lung cancer brain metastases crizotinib alectinib lorlatinib response "
    "survival trial phase resistance mechanisms EML4-ALK PD-L1 50% & T_reg {CNS} cohort"
).split()
DRUGS = "crizotinib alectinib lorlatinib ceritinib brigatinib ensartinib".split()
WORDS = "patients tumour response survival treatment brain lesions therapy trial median".split()


def printed_name(rng: random.Random) -> str:
    family = rng.choice(PARTICLE) + rng.choice(FAMILY)
    initials = "".join(rng.choices("ABCDEFGHJKLMNPRST", k=rng.randint(1, 2)))
    style = rng.randrange(3)
    if style == 0:  # RSC: "S. M. Gadgeel"
        return " ".join(f"{i}." for i in initials) + " " + family
    if style == 1:  # Vancouver: "Smith AB"
        return f"{family} {initials}"
    return f"{family}, " + " ".join(f"{i}." for i in initials)  # JBC: "Okonkwo, S."


def synthetic_entry(rng: random.Random, number: int) -> RefEntry:
    year = rng.randint(1990, 2024)
    first = rng.randint(1, 3000)
    kind = "web" if rng.random() < 0.03 else "article"
    return RefEntry(
        number=number,
        raw=f"entry {number}",
        line=number,
        authors=tuple(printed_name(rng) for _ in range(rng.randint(1, 12))),
        title=" ".join(rng.choices(TITLE_WORDS, k=rng.randint(5, 14))).capitalize()
        if rng.random() < 0.7
        else None,
        journal=rng.choice(JOURNALS) if kind == "article" else None,
        year=year,
        volume=str(rng.randint(1, 400)),
        pages=f"{first}–{first + rng.randint(1, 20)}",
        doi=f"10.{rng.randint(1000, 9999)}/x{number}" if rng.random() < 0.6 else None,
        url=f"https://example.org/page/{number}" if kind == "web" else None,
        kind=kind,
    )


def synthetic_db(path: Path) -> Path:
    rng = random.Random(6)
    refs = [synthetic_entry(rng, number) for number in range(1, REFERENCES + 1)]
    sections = [Section(str(i), f"Section {i}", i * 1000) for i in range(1, 11)]
    claims = []
    for index in range(CLAIMS):
        numbers = tuple(sorted(rng.sample(range(1, REFERENCES + 20), rng.randint(1, 3))))
        line = 10 + index
        words = rng.choices(WORDS, k=12) + ([rng.choice(DRUGS)] if rng.random() < 0.3 else [])
        rng.shuffle(words)
        marker = Marker(line, ",".join(map(str, numbers)), numbers, start=index * 100)
        claims.append(
            Claim(
                " ".join(words).capitalize() + ".",
                line,
                line,
                sections[index % len(sections)],
                (marker,),
            )
        )
    from synthetic import write_handmade_document

    return write_handmade_document(
        path, refs, name="synthetic.txt", claims=claims, sections=sections
    )


def clear_caches() -> None:
    """Forget every name, part and character encoded so far (a fresh `reflink bibtex` process):
    every `functools` cache of the module, so that a cache added later is cleared too."""
    for value in vars(bibtex).values():
        if callable(getattr(value, "cache_clear", None)):
            value.cache_clear()


def timings(action: Callable[[], object], repeat: int, warmup: int = 1) -> list[float]:
    """Wall-clock seconds of each run (after `warmup` runs that fill caches)."""
    return [wall for wall, _ in cpu_and_wall(action, repeat, warmup)]


def cpu_and_wall(
    action: Callable[[], object],
    repeat: int,
    warmup: int = 1,
) -> list[tuple[float, float]]:
    """(wall, CPU) seconds of each run: on a shared machine the CPU time says more."""
    for _ in range(warmup):
        action()
    runs = []
    for _ in range(repeat):
        started, cpu = time.perf_counter(), time.process_time()
        action()
        runs.append((time.perf_counter() - started, time.process_time() - cpu))
    return runs


def row(benchmark: str, what: str, times: list[float], goal: str = "", value: str = "") -> dict:
    ordered = sorted(times)
    return {
        "benchmark": benchmark,
        "what": what,
        "median_s": statistics.median(ordered),
        "p95_s": ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))],
        "value": value,
        "goal": goal,
    }


def run() -> list[dict]:
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        seed_db = Path(tmp) / "seed.db"
        ingest_file(SEED, seed_db)
        big_db = synthetic_db(Path(tmp) / "synthetic.db")

        with open_existing(big_db) as db:
            ids = select_references(db, all_entries=True).ref_ids
            export = export_refs(db, ids)
            size = f"{export.entries:,} entries, {len(export.text) / 1e6:.1f} MB"
            # cold: as `reflink bibtex` runs, in a fresh process whose name caches are empty
            for label, action in (
                ("cold", lambda: (clear_caches(), export_refs(db, ids))),
                ("warm", lambda: export_refs(db, ids)),
            ):
                runs = cpu_and_wall(action, repeat=5)
                cpu = statistics.median(c for _, c in runs)
                rows.append(
                    row(
                        "bibtex",
                        f"export {len(ids):,} synthetic references ({label} caches)",
                        [wall for wall, _ in runs],
                        goal="< 1 s",
                        value=f"{size}, CPU {cpu:.2f} s",
                    )
                )
        with open_existing(seed_db) as db:
            seed_ids = select_references(db, numbers=range(101, 134)).ref_ids
            rows.append(
                row(
                    "bibtex",
                    "export the seed's 101–133",
                    timings(lambda: export_refs(db, seed_ids), repeat=20),
                    value=f"{len(seed_ids)} entries",
                )
            )

        for label, path in (("seed", seed_db), (f"{CLAIMS:,} synthetic claims", big_db)):
            with open_existing(path) as db:
                queries = ["crizotinib", "brain metastases", "alectinib brain", "lorlatinib"]
                search_times = []
                for query in queries:
                    search_times += timings(lambda q=query: search_claims(db, q), repeat=10)
                rows.append(
                    row(
                        "lookup",
                        f'search ("crizotinib", …) on {label}',
                        search_times,
                        goal="interactive (< 0.1 s)",
                        value=f"{len(queries)} queries",
                    )
                )
                ref_times = []
                for number in (101, 110, 120, 5000):
                    ref_times += timings(lambda n=number: claims_citing(db, n), repeat=10)
                rows.append(
                    row("lookup", f"--ref N on {label}", ref_times, goal="interactive (< 0.1 s)")
                )
    return rows


if __name__ == "__main__":
    for r in run():
        print(r)
