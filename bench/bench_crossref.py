"""`reflink resolve` on 1,000 references against a local Crossref stand-in that enforces a limit.

The server on 127.0.0.1 answers `/works?query.bibliographic=…` like Crossref (the cited work and
a near-duplicate distractor), advertises `X-Rate-Limit-Limit: LIMIT` / `X-Rate-Limit-Interval: 1s`
and `X-Concurrency-Limit: CONCURRENCY`, and answers 429 + `Retry-After: 1` to any request beyond
LIMIT in a sliding second, as Crossref does. The server runs in its own process. Measured: wall
time against the limit's lower bound (N / LIMIT seconds; goal: at least 90 % of the allowed rate,
with no 429), and the request count of a cached re-run (goal: 0); medians of REPEATS runs, each on
a fresh database.

    .venv/bin/python bench/bench_crossref.py              # prints the rows
    REFLINK_BENCH_LIMIT=50 .venv/bin/python bench/bench_crossref.py
"""

from __future__ import annotations

import collections
import json
import multiprocessing
import os
import random
import statistics
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import requests

from reflink.crossref import CrossrefClient
from reflink.db import open_db, write_document
from reflink.enrich import resolve_dois
from reflink.models import ParsedDocument, RefEntry

REFERENCES = int(os.environ.get("REFLINK_BENCH_REFERENCES", "1000"))
LIMIT = int(os.environ.get("REFLINK_BENCH_LIMIT", "100"))  # requests per second
CONCURRENCY = int(os.environ.get("REFLINK_BENCH_CONCURRENCY", "10"))  # requests in flight
GOAL_SHARE = 0.90
REPEATS = int(os.environ.get("REFLINK_BENCH_REPEATS", "3"))

FAMILIES = [
    "Shaw",
    "Solomon",
    "Camidge",
    "Gadgeel",
    "Peters",
    "Ou",
    "Kim",
    "Nishio",
    "Hida",
    "Horn",
    "Gainor",
    "Zou",
    "Johnson",
    "Mok",
    "Felip",
    "Drilon",
    "Lin",
    "Awad",
    "Costa",
]
JOURNALS = [
    ("The Lancet Oncology", "Lancet Oncol."),
    ("New England Journal of Medicine", "N. Engl. J. Med."),
    ("Journal of Clinical Oncology", "J. Clin. Oncol."),
    ("Journal of Thoracic Oncology", "J. Thorac. Oncol."),
    ("Clinical Cancer Research", "Clin. Cancer Res."),
]


def synthetic_references(count: int, seed: int = 7) -> tuple[list[RefEntry], dict[str, list]]:
    """`count` RSC-style entries, and for each printed string the items Crossref would return."""
    rng = random.Random(seed)
    entries, replies = [], {}
    for n in range(1, count + 1):
        families = rng.sample(FAMILIES, rng.randint(2, 6))
        journal, short = rng.choice(JOURNALS)
        year, volume, first = rng.randint(2000, 2020), rng.randint(1, 400), rng.randint(1, 3000)
        names = [f"{rng.choice('ABCDJKLMST')}. {f}" for f in families]
        raw = (
            f"{', '.join(names[:-1])} and {names[-1]}, {short}, {year}, {volume}, "
            f"{first}–{first + 9}. [{n}]"
        )
        article = _item(
            f"10.5555/bench.{n}", families, year, journal, volume, f"{first}-{first + 9}"
        )
        erratum = _item(f"10.5555/erratum.{n}", families[:1], year + 1, journal, volume + 1, "e1")
        replies[raw] = [{**article, "score": 1.0 * len(raw)}, {**erratum, "score": 0.4 * len(raw)}]
        entries.append(RefEntry(number=n, raw=raw, line=n))
    return entries, replies


def _item(doi: str, families: list[str], year: int, journal: str, volume: int, page: str) -> dict:
    return {
        "DOI": doi,
        "type": "journal-article",
        "title": ["A study"],
        "author": [
            {"family": f, "given": "A", "sequence": "first" if i == 0 else "additional"}
            for i, f in enumerate(families)
        ],
        "container-title": [journal],
        "issued": {"date-parts": [[year]]},
        "volume": str(volume),
        "page": page,
    }


class RateLimitedCrossref(ThreadingHTTPServer):
    """A Crossref stand-in counting requests in a sliding one-second window."""

    daemon_threads = True

    def __init__(self, replies: dict[str, list], limit: int) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.replies = replies
        self.limit = limit
        self.window: collections.deque[float] = collections.deque()
        self.lock = threading.Lock()
        self.served = 0
        self.refused = 0

    def admit(self) -> bool:
        now = time.monotonic()
        with self.lock:
            while self.window and now - self.window[0] >= 1.0:
                self.window.popleft()
            if len(self.window) >= self.limit:
                self.refused += 1
                return False
            self.window.append(now)
            self.served += 1
            return True


class Handler(BaseHTTPRequestHandler):
    server: RateLimitedCrossref
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        if self.path == "/_stats":
            stats = {"served": self.server.served, "refused": self.server.refused}
            self._send(200, json.dumps(stats).encode(), {})
            return
        rate = {
            "X-Rate-Limit-Limit": str(self.server.limit),
            "X-Rate-Limit-Interval": "1s",
            "X-Concurrency-Limit": str(CONCURRENCY),
        }
        if not self.server.admit():
            self._send(429, b"Too Many Requests", {**rate, "Retry-After": "1"})
            return
        query = parse_qs(urlparse(self.path).query).get("query.bibliographic", [""])[0]
        items = self.server.replies.get(query, [])
        body = json.dumps(
            {
                "status": "ok",
                "message-type": "work-list",
                "message": {"items": items, "total-results": len(items)},
            }
        )
        self._send(200, body.encode(), {**rate, "Content-Type": "application/json"})

    def _send(self, status: int, body: bytes, headers: dict[str, str]) -> None:
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


def serve(replies: dict[str, list], limit: int, ports: multiprocessing.Queue) -> None:
    server = RateLimitedCrossref(replies, limit)
    ports.put(server.server_address[1])
    server.serve_forever()


def run() -> list[dict]:
    entries, replies = synthetic_references(REFERENCES)
    # the server runs in its own process, as Crossref does: it does not share our GIL
    context = multiprocessing.get_context("fork")
    ports = context.Queue()
    server = context.Process(target=serve, args=(replies, LIMIT, ports), daemon=True)
    server.start()
    port = ports.get(timeout=30)
    walls, cached_walls, cached_requests = [], [], []
    try:
        for _ in range(REPEATS):  # a fresh database each time: every run asks all 1,000
            with tempfile.TemporaryDirectory() as tmp:
                db_path = Path(tmp) / "bench.db"
                db = open_db(db_path)
                with db.atomic():
                    write_document(
                        db,
                        ParsedDocument([], entries, [], [], []),
                        path="bench.txt",
                        name="bench.txt",
                        sha256="0",
                        ingested_at="2026-01-01",
                    )
                db.close()
                url = f"http://127.0.0.1:{port}"

                started = time.perf_counter()
                first = resolve_dois(db_path, client=CrossrefClient(url, "bench@example.org"))
                walls.append(time.perf_counter() - started)
                started = time.perf_counter()
                again = resolve_dois(db_path, client=CrossrefClient(url, "bench@example.org"))
                cached_walls.append(time.perf_counter() - started)
                cached_requests.append(again.requests)
        refused = requests.get(f"{url}/_stats", timeout=10).json()["refused"]
    finally:
        server.terminate()
        server.join()

    wall = statistics.median(walls)
    cached_wall = statistics.median(cached_walls)
    lower_bound = REFERENCES / LIMIT
    share = lower_bound / wall
    name = f"crossref resolve {REFERENCES:,} refs"
    return [
        {
            "benchmark": name,
            "what": f"wall time at a {LIMIT}/s limit (lower bound "
            f"{lower_bound:.1f} s; {first.matched} matched)",
            "median_s": round(wall, 2),
            "goal": f"≥ {GOAL_SHARE:.0%} of the allowed rate",
        },
        {
            "benchmark": name,
            "what": "share of the allowed rate achieved",
            "value": f"{share:.0%}",
            "goal": f"≥ {GOAL_SHARE:.0%}",
        },
        {
            "benchmark": name,
            "what": f"429 replies (requests over the limit), {REPEATS} runs",
            "value": refused,
            "goal": "0",
        },
        {
            "benchmark": name,
            "what": "requests made by a cached re-run",
            "value": max(cached_requests),
            "goal": "0",
        },
        {
            "benchmark": name,
            "what": "wall time of the cached re-run",
            "median_s": round(cached_wall, 2),
            "goal": "—",
        },
    ]


if __name__ == "__main__":
    for row in run():
        print(row)
