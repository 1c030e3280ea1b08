"""Page latency of the Datasette view, in process (Datasette's own client, no network).

For a table page, a facet page, a full-text search and the canned queries: the median and p95 of
N requests, on the seed and on a synthetic database with 100,000 citations. Goal: p95 < 100 ms
on the large one.

    .venv/bin/python bench/bench_web.py          # prints the rows
"""

from __future__ import annotations

import asyncio
import random
import sqlite3
import statistics
import tempfile
import time
from pathlib import Path

from reflink.db import open_db
from reflink.ingest import ingest_file
from reflink.web import database_name, make_datasette

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "refs" / "alk-ros1-review.txt"
REQUESTS = 40
WARMUP = 3
GOAL = "p95 < 100 ms on 100k citations"

# Common words first (frequent), then drug names, then invented words: a Zipf draw over this list
# makes a word like "crizotinib" appear in about 2% of claims, as in a corpus of reviews.
COMMON = (
    "kinase inhibitor patients tumour response survival treatment resistance brain lesions "
    "therapy clinical trial median progression rearrangement fusion protein signalling pathway "
    "expression cells growth metastasis invasion migration receptor mutation analysis cohort"
).split()
DRUGS = "crizotinib alectinib lorlatinib ceritinib brigatinib ensartinib entrectinib".split()
SYLLABLES = "ba ce di fo gu ha ki lo mu ne po ra si tu ve xa zo".split()


def vocabulary(rng: random.Random, size: int = 3000) -> list[str]:
    invented = sorted({"".join(rng.choices(SYLLABLES, k=rng.randint(2, 4))) for _ in range(size)})
    rng.shuffle(invented)
    return COMMON + invented[:120] + DRUGS + invented[120:]


JOURNALS = [
    "Lancet Oncol.",
    "N. Engl. J. Med.",
    "J. Clin. Oncol.",
    "Cancer Res.",
    "Nature",
    "Clin. Cancer Res.",
    "J. Thorac. Oncol.",
    "Oncotarget",
    "RSC Adv.",
    "Cell",
]


def build_synthetic(
    path: Path, citations: int = 100_000, documents: int = 50, seed: int = 4
) -> Path:
    """A database shaped like many ingested reviews: `citations` citations over `documents`
    documents, each with 120 entries (10% with no DOI) and numbers up to 130 (some dangling)."""
    rng = random.Random(seed)
    words = vocabulary(rng)
    weights = [1 / (rank + 1) for rank in range(len(words))]
    db = open_db(path)
    per_document = citations // documents
    with db.atomic():
        for d in range(1, documents + 1):
            document_id = (
                db.table("documents")
                .insert(
                    {
                        "path": f"/synthetic/review-{d}.txt",
                        "name": f"review-{d}.txt",
                        "sha256": f"{d:064x}",
                        "line_count": 3000,
                        "source": "synthetic",
                        "licence": "CC BY 4.0",
                    }
                )
                .last_pk
            )
            section_ids = [
                db.table("sections")
                .insert(
                    {
                        "document_id": document_id,
                        "number": str(s),
                        "line_start": s * 100,
                        "title": " ".join(rng.sample(COMMON, 2)).capitalize(),
                    }
                )
                .last_pk
                for s in range(1, 13)
            ]
            ref_ids = {}
            for number in range(1, 121):
                ref_ids[number] = (
                    db.table("refs")
                    .insert(
                        {
                            "document_id": document_id,
                            "number": number,
                            "kind": "article",
                            "raw": f"A. Author and B. Other, {rng.choice(JOURNALS)}, "
                            f"{rng.randint(1995, 2024)}, {rng.randint(1, 400)}, {number}.",
                            "journal": rng.choice(JOURNALS),
                            "year": rng.randint(1995, 2024),
                            "doi": None
                            if number % 10 == 0
                            else f"10.{1000 + d}/synthetic.{number}",
                            "partial": 0,
                            "line_start": 2000 + number,
                            "source": "text",
                        }
                    )
                    .last_pk
                )
            claim_rows = []
            for c in range(per_document // 2):
                claim_rows.append(
                    {
                        "document_id": document_id,
                        "section_id": rng.choice(section_ids),
                        "text": " ".join(
                            rng.choices(words, weights, k=rng.randint(12, 30))
                        ).capitalize()
                        + ".",
                        "line_start": c * 3 + 1,
                        "line_end": c * 3 + 2,
                        "kind": "body",
                        "cited": 1,
                    }
                )
            db.table("claims").insert_all(claim_rows)
            claim_ids = [
                row[0]
                for row in db.execute("select id from claims where document_id = ?", [document_id])
            ]
            citation_rows = []
            for i in range(per_document):
                number = rng.randint(1, 130)
                claim_id = claim_ids[i // 2]
                citation_rows.append(
                    {
                        "document_id": document_id,
                        "claim_id": claim_id,
                        "line": i // 2 * 3 + 1,
                        "marker": str(number),
                        "number": number,
                        "ref_id": ref_ids.get(number),
                        "style": "superscript",
                        "position": i,
                    }
                )
            db.table("citations").insert_all(citation_rows)
    db.execute("analyze")
    db.close()
    return path


def latency(ds, paths: list[str], requests: int = REQUESTS) -> tuple[float, float, float]:
    """Median and p95 wall seconds of `requests` GETs cycling through `paths` (after a warm-up),
    and the median CPU seconds of this process per request (all threads: Datasette runs SQL in a
    thread pool), which a busy shared machine inflates far less than the wall time."""

    async def measure() -> tuple[list[float], list[float]]:
        for path in paths[:1] * WARMUP:
            response = await ds.client.get(path)
            assert response.status_code == 200, (path, response.status_code)
        wall, cpu = [], []
        for i in range(requests):
            path = paths[i % len(paths)]
            start, start_cpu = time.perf_counter(), time.process_time()
            response = await ds.client.get(path)
            wall.append(time.perf_counter() - start)
            cpu.append(time.process_time() - start_cpu)
            assert response.status_code == 200, (path, response.status_code)
        return wall, cpu

    wall, cpu = asyncio.run(measure())
    return statistics.median(wall), statistics.quantiles(wall, n=20)[-1], statistics.median(cpu)


def pages(name: str, document: str) -> dict[str, list[str]]:
    return {
        "table page /claims": [f"/{name}/claims"],
        "facet page /citations (3 default facets)": [f"/{name}/citations"],
        "search /claims?_search=": [
            f"/{name}/claims?_search=crizotinib",
            f"/{name}/claims?_search=brain+metastasis",
        ],
        "canned: sources behind a claim": [
            f"/{name}/sources_behind_a_claim?words=alectinib+brain",
            f"/{name}/sources_behind_a_claim?words=crizotinib+resistance",
        ],
        "canned: claims citing reference N": [
            f"/{name}/claims_citing_reference?number=7&document={document}",
        ],
        "canned: most cited references": [f"/{name}/most_cited_references"],
    }


def measure_database(db_path: Path, label: str) -> list[dict]:
    ds = make_datasette(db_path)
    rows = []
    with sqlite3.connect(db_path) as conn:
        (document,) = conn.execute("select name from documents order by id limit 1").fetchone()
    for what, paths in pages(database_name(db_path), document).items():
        median, p95, cpu = latency(ds, paths)
        rows.append(
            {
                "benchmark": "web page latency",
                "what": f"{what} ({label}, n={REQUESTS})",
                "median_s": median,
                "p95_s": p95,
                "cpu_median_s": cpu,
                # bench/run.py shows `value`: the CPU cost, steadier than wall time when shared
                "value": f"CPU {cpu * 1000:.0f} ms/request",
                "goal": GOAL,
            }
        )
    return rows


def run() -> list[dict]:
    with tempfile.TemporaryDirectory() as tmp:
        seed_db = Path(tmp) / "seed.db"
        ingest_file(SEED, seed_db)
        rows = measure_database(seed_db, "seed")
        start = time.perf_counter()
        large = build_synthetic(Path(tmp) / "large.db")
        build_s = time.perf_counter() - start
        rows += measure_database(large, "100k citations")
        rows.append(
            {
                "benchmark": "web page latency",
                "what": "build the 100k-citation database",
                "value": f"{build_s:.1f} s",
                "goal": "-",
            }
        )
    return rows


if __name__ == "__main__":
    for row in run():
        timing = (
            f"median {row['median_s'] * 1000:7.1f} ms  p95 {row['p95_s'] * 1000:7.1f} ms  "
            f"cpu {row['cpu_median_s'] * 1000:6.1f} ms"
            if "median_s" in row
            else row["value"]
        )
        print(f"{row['what']:<62} {timing}")
