"""`reflink check-sources` on 1,000 DOIs against a local Crossref stand-in that enforces a limit.

The server on 127.0.0.1 answers `/works?filter=doi:A,doi:B,…&rows=N` with the records it knows
(2 % of them retracted, 3 % corrected, 1 % unknown to it), advertises `X-Rate-Limit-Limit:
LIMIT` / `X-Rate-Limit-Interval: 1s` and answers 429 + `Retry-After: 1` beyond LIMIT requests
in a sliding second (the server of bench_crossref.py, in its own process). Measured: requests
and wall time of a first check (against what one request per DOI would need at the same limit),
429 replies, and the requests and time of a re-run answered from the cache; medians of REPEATS
runs, each on a fresh database.

    .venv/bin/python bench/bench_sources.py
    REFLINK_BENCH_LIMIT=5 .venv/bin/python bench/bench_sources.py
"""

from __future__ import annotations

import json
import multiprocessing
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import requests
from bench_crossref import Handler, RateLimitedCrossref

from reflink.crossref import CrossrefClient
from reflink.models import RefEntry
from reflink.sources import check_sources

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))  # the hand-made document writer the tests use
from synthetic import write_handmade_document  # noqa: E402

SOURCES = int(os.environ.get("REFLINK_BENCH_SOURCES", "1000"))
LIMIT = int(os.environ.get("REFLINK_BENCH_LIMIT", "10"))  # requests per second
REPEATS = int(os.environ.get("REFLINK_BENCH_REPEATS", "3"))


def synthetic_sources(count: int) -> tuple[list[RefEntry], dict[str, dict]]:
    """`count` entries with a DOI and no title, and the records Crossref holds for them."""
    entries, records = [], {}
    for n in range(1, count + 1):
        doi = f"10.5555/bench.source.{n}"
        year, volume, first = 2000 + n % 20, 1 + n % 300, 1 + (n * 7) % 2000
        entries.append(
            RefEntry(
                number=n,
                raw=f"A. Author{n % 97}, J. Bench. Stud., {year}, {volume}, {first}–{first + 9}.",
                line=n,
                authors=(f"A. Author{n % 97}",),
                journal="J. Bench. Stud.",
                year=year,
                volume=str(volume),
                pages=f"{first}-{first + 9}",
                doi=doi,
            )
        )
        if n % 100 == 0:
            continue  # unknown to Crossref: absent from its answer
        record = {
            "DOI": doi,
            "type": "journal-article",
            "title": [f"A benchmark study number {n}"],
            "author": [{"family": f"Author{n % 97}", "given": "Alex", "sequence": "first"}],
            "container-title": ["Journal of Benchmark Studies"],
            "issued": {"date-parts": [[year]]},
            "volume": str(volume),
            "issue": str(1 + n % 12),
            "page": f"{first}-{first + 9}",
            "ISSN": ["1234-5678"],
            "publisher": "Bench Press",
        }
        if n % 50 == 7:
            record["updated-by"] = [_update("retraction", n, "retraction-watch")]
        elif n % 100 in (11, 12, 13):
            record["updated-by"] = [_update("correction", n, "publisher")]
        records[doi.lower()] = record
    return entries, records


def _update(kind: str, n: int, source: str) -> dict:
    return {
        "DOI": f"10.5555/notice.{n}",
        "type": kind,
        "source": source,
        "updated": {"date-parts": [[2021, 3, 4]]},
    }


def serve(records: dict[str, dict], limit: int, ports: multiprocessing.Queue) -> None:
    server = RateLimitedCrossref(records, limit)
    server.RequestHandlerClass = SourcesHandler
    ports.put(server.server_address[1])
    server.serve_forever()


class SourcesHandler(Handler):
    """Rate-limited like bench_crossref's handler; answers `/works?filter=doi:…`."""

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        if self.path == "/_stats":
            return super().do_GET()
        rate = {"X-Rate-Limit-Limit": str(self.server.limit), "X-Rate-Limit-Interval": "1s"}
        if not self.server.admit():
            self._send(429, b"Too Many Requests", {**rate, "Retry-After": "1"})
            return
        values = parse_qs(urlparse(self.path).query).get("filter", [""])[0].split(",")
        dois = [v.partition(":")[2].lower() for v in values if v.startswith("doi:")]
        items = [self.server.replies[d] for d in dois if d in self.server.replies]
        body = json.dumps(
            {"status": "ok", "message-type": "work-list", "message": {"items": items}}
        )
        self._send(200, body.encode(), {**rate, "Content-Type": "application/json"})


def run() -> list[dict]:
    entries, records = synthetic_sources(SOURCES)
    context = multiprocessing.get_context("fork")
    ports = context.Queue()
    server = context.Process(target=serve, args=(records, LIMIT, ports), daemon=True)
    server.start()
    port = ports.get(timeout=30)
    url = f"http://127.0.0.1:{port}"
    walls, cached_walls, asked, cached_asked = [], [], [], []
    try:
        for _ in range(REPEATS):
            with tempfile.TemporaryDirectory() as tmp:
                db_path = write_handmade_document(Path(tmp) / "bench.db", entries)
                started = time.perf_counter()
                first = check_sources(db_path, client=CrossrefClient(url, "bench@example.org"))
                walls.append(time.perf_counter() - started)
                asked.append(first.requests)
                started = time.perf_counter()
                again = check_sources(db_path, client=CrossrefClient(url, "bench@example.org"))
                cached_walls.append(time.perf_counter() - started)
                cached_asked.append(again.requests)
        refused = requests.get(f"{url}/_stats", timeout=10).json()["refused"]
    finally:
        server.terminate()
        server.join()

    name = f"check-sources {SOURCES:,} DOIs"
    one_by_one = SOURCES / LIMIT
    return [
        {
            "benchmark": name,
            "what": f"requests of a first check ({SOURCES:,} one by one)",
            "value": max(asked),
            "goal": f"≤ {-(-SOURCES // 50)}",
        },
        {
            "benchmark": name,
            "what": f"wall time at a {LIMIT}/s limit (one request per DOI: ≥ {one_by_one:.0f} s);"
            f" {first.summary().split(';')[0]}",
            "median_s": round(statistics.median(walls), 2),
            "goal": "—",
        },
        {
            "benchmark": name,
            "what": f"429 replies (requests over the limit), {REPEATS} runs",
            "value": refused,
            "goal": "0",
        },
        {
            "benchmark": name,
            "what": "requests made by a re-run within --max-age",
            "value": max(cached_asked),
            "goal": "0",
        },
        {
            "benchmark": name,
            "what": "wall time of the cached re-run",
            "median_s": round(statistics.median(cached_walls), 2),
            "goal": "—",
        },
    ]


if __name__ == "__main__":
    for row in run():
        print(row)
