"""Reference-list parsing speed: the seed's list, and synthetic lists in every style.

- `parse_references` on the seed's cleaned lines (34 entries, RSC): median of 30 runs;
- 100 synthetic lists of 40 entries each, one style per list (RSC, Vancouver, IEEE, Nature,
  old PLOS), entries wrapped at 80 characters: entries per second.

    .venv/bin/python bench/bench_references.py          # prints the rows
"""

from __future__ import annotations

import random
import statistics
import time
from pathlib import Path

from reflink.models import Line
from reflink.references import parse_references
from reflink.textclean import clean_text, decode_text

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "refs" / "alk-ros1-review.txt"

FAMILY = "Smith Chen Okafor Kumar Müller Crinò García Ørsted Nakamura Silva Rossi".split()
JOURNALS = ["Fake Oncol.", "J. Made-up Med.", "Imag. Lett.", "Acta Fict.", "Invented Res."]
WORDS = "tumour response survival brain lesions therapy trial kinase resistance cohort".split()


def synthetic_entry(rng: random.Random, style: str) -> str:
    """One invented entry in `style`."""
    names = rng.sample(FAMILY, rng.randint(1, 6))
    title = " ".join(rng.choices(WORDS, k=rng.randint(4, 12))).capitalize()
    journal = rng.choice(JOURNALS)
    year, volume, first = rng.randint(1990, 2024), rng.randint(1, 400), rng.randint(1, 9000)
    pages = f"{first}–{first + rng.randint(2, 40)}"
    if style == "rsc":
        people = [f"{rng.choice('ABCDEFG')}. {name}" for name in names]
        authors = ", ".join(people[:-1]) + (" and " if len(people) > 1 else "") + people[-1]
        return f"{authors}, {journal}, {year}, {volume}, {pages}."
    if style == "vancouver":
        authors = ", ".join(f"{name} {rng.choice('ABCDEFG')}" for name in names)
        return f"{authors}. {title}. {journal.replace('.', '')}. {year};{volume}:{pages}."
    if style == "ieee":
        authors = ", ".join(f"{rng.choice('ABCDEFG')}. {name}" for name in names)
        return f"{authors}, “{title},” {journal}, vol. {volume}, pp. {pages}, {year}."
    if style == "nature":
        authors = ", ".join(f"{name}, {rng.choice('ABCDEFG')}." for name in names)
        return f"{authors} {title}. {journal} {volume}, {pages} ({year})."
    authors = ", ".join(f"{name} {rng.choice('ABCDEFG')}" for name in names)
    return f"{authors} ({year}) {title}. {journal.replace('.', '')} {volume}: {pages}."


def synthetic_list(rng: random.Random, style: str, entries: int = 40) -> list[Line]:
    """A reference list wrapped at 80 characters, as Lines."""
    lines: list[str] = ["References"]
    for number in range(1, entries + 1):
        text = f"{number}. " + synthetic_entry(rng, style)
        while len(text) > 80:
            cut = text.rfind(" ", 0, 80)
            lines.append(text[:cut])
            text = text[cut + 1 :]
        lines.append(text)
    return [Line(n, t, t) for n, t in enumerate(lines, start=1)]


def timed(function, repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return times


def run() -> list[dict]:
    seed_lines = clean_text(decode_text(SEED.read_bytes()))
    entries, _ = parse_references(seed_lines)
    seed_times = timed(lambda: parse_references(seed_lines), 30)
    rng = random.Random(7)
    styles = ["rsc", "vancouver", "ieee", "nature", "paren"]
    lists = [synthetic_list(rng, styles[i % len(styles)]) for i in range(100)]
    started = time.perf_counter()
    parsed = sum(len(parse_references(lines)[0]) for lines in lists)
    elapsed = time.perf_counter() - started
    return [
        {
            "benchmark": "references",
            "what": f"seed list, parse_references in process ({len(entries)} entries)",
            "median_s": statistics.median(seed_times),
            "p95_s": sorted(seed_times)[int(len(seed_times) * 0.95) - 1],
            "goal": "a small share of the 0.1 s seed ingest",
        },
        {
            "benchmark": "references",
            "what": "100 synthetic lists × 40 entries, 5 styles",
            "median_s": elapsed,
            "value": f"{parsed / elapsed:,.0f} entries/s ({parsed} of 4000 found)",
            "goal": "all 4000 found",
        },
    ]


if __name__ == "__main__":
    for row in run():
        print(row)
