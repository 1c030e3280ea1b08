"""Callout detection speed: the seed, and synthetic documents in the three callout styles.

- `find_citations` on the seed's cleaned lines and parsed list (150 markers): median of 30 runs;
- 100 synthetic documents of 60 sentences, a third each glued superscript ("cells.12"),
  bracket ("[3–5, 9]") and parenthesis ("(2, 6-8)"), with numbers that are not callouts
  (doses, percentages, years) mixed in: markers per second.

    .venv/bin/python bench/bench_citations.py          # prints the rows
"""

from __future__ import annotations

import random
import statistics
import time
from pathlib import Path

from reflink.citations import find_citations
from reflink.models import BODY, Line
from reflink.references import parse_references
from reflink.textclean import clean_text, decode_text

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "refs" / "alk-ros1-review.txt"

WORDS = "tumour response survival brain lesions therapy trial kinase resistance cohort".split()
NOISE = ["250 mg daily", "in 2016", "about 35%", "for 12 months", "(n = 54)", "IL-6 levels"]


def synthetic_document(rng: random.Random, style: str, sentences: int = 60) -> list[Line]:
    """Lines of running text whose callouts introduce 1, 2, 3 … in order, with re-citations."""
    texts: list[str] = []
    introduced = 0
    for _ in range(sentences):
        words = rng.choices(WORDS, k=rng.randint(6, 14))
        if rng.random() < 0.3:
            words.insert(rng.randint(1, len(words) - 1), rng.choice(NOISE))
        if introduced and rng.random() < 0.3:
            numbers = [rng.randint(1, introduced)]
        else:
            span = rng.choice([0, 0, 1, 2])
            numbers = list(range(introduced + 1, introduced + 2 + span))
            introduced = numbers[-1]
        low, high = numbers[0], numbers[-1]
        callout = str(low) if low == high else f"{low}–{high}"
        sentence = " ".join(words).capitalize()
        if style == "superscript":
            texts.append(f"{sentence}.{callout}")
        elif style == "bracket":
            texts.append(f"{sentence} [{callout}].")
        else:
            texts.append(f"{sentence} ({callout}).")
    lines, current = [], ""
    for text in texts:
        for word in text.split():
            if len(current) + len(word) > 80:
                lines.append(current)
                current = ""
            current = f"{current} {word}".strip()
    lines.append(current)
    return [Line(number=i, text=t, raw=t, kind=BODY) for i, t in enumerate(lines, start=1)]


def timed(function, repeats: int) -> list[float]:
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return times


def run() -> list[dict]:
    """Rows for bench/run.py."""
    lines = clean_text(decode_text(SEED.read_bytes(), name=SEED.name))
    references, _ = parse_references(lines)
    seed_times = timed(lambda: find_citations(lines, references), 30)
    markers, _ = find_citations(lines, references)

    rng = random.Random(7)
    documents = [
        synthetic_document(rng, ("superscript", "bracket", "paren")[i % 3]) for i in range(100)
    ]
    started = time.perf_counter()
    found = sum(len(find_citations(doc, [])[0]) for doc in documents)
    elapsed = time.perf_counter() - started
    return [
        {
            "benchmark": "citations",
            "what": f"find_citations on the seed ({len(markers)} markers)",
            "median_s": statistics.median(seed_times),
            "p95_s": sorted(seed_times)[int(0.95 * len(seed_times)) - 1],
            "goal": "a small share of the seed's < 0.1 s ingest",
        },
        {
            "benchmark": "citations",
            "what": "100 synthetic documents, three callout styles",
            "value": f"{found / elapsed:,.0f} markers/s ({found} markers)",
            "goal": "linear in text length",
        },
    ]


if __name__ == "__main__":
    for row in run():
        print(row)
