"""Cleaning and claims speed on the seed: the two stages around the parsers.

- `clean_text` on the seed's decoded text (1260 lines: furniture, watermark, ligature
  inference, headings): median of 30 runs, after one warm-up run that loads wordfreq;
- `split_claims` on the seed's lines, markers and entries (sentences, sections): median of 30.

    .venv/bin/python bench/bench_textclean.py          # prints the rows
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from pathlib import Path

from reflink.citations import find_citations
from reflink.claims import split_claims
from reflink.references import parse_references
from reflink.textclean import clean_text, decode_text

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "refs" / "alk-ros1-review.txt"


def timed(action: Callable[[], object], runs: int) -> list[float]:
    """Wall-clock seconds of `runs` calls of `action`."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return times


def run() -> list[dict]:
    text = decode_text(SEED.read_bytes())
    started = time.perf_counter()
    lines = clean_text(text)  # the first call loads wordfreq's English list
    cold = time.perf_counter() - started
    clean_times = timed(lambda: clean_text(text), 30)
    entries, _ = parse_references(lines)
    markers, _ = find_citations(lines, entries)
    sections, claims = split_claims(lines, markers, entries)
    claim_times = timed(lambda: split_claims(lines, markers, entries), 30)
    return [
        {
            "benchmark": "textclean",
            "what": f"seed clean_text in process ({len(lines)} lines; first call {cold:.2f} s)",
            "median_s": statistics.median(clean_times),
            "p95_s": sorted(clean_times)[int(len(clean_times) * 0.95) - 1],
            "goal": "a small share of the 0.1 s seed ingest",
        },
        {
            "benchmark": "textclean",
            "what": f"seed split_claims ({len(claims)} claims, {len(sections)} sections)",
            "median_s": statistics.median(claim_times),
            "p95_s": sorted(claim_times)[int(len(claim_times) * 0.95) - 1],
            "goal": "a small share of the 0.1 s seed ingest",
        },
    ]


if __name__ == "__main__":
    for row in run():
        print(row)
