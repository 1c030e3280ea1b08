"""The learned reference field parser (reflink.fieldmodel): load time, speed, size.

- model load time: opening the shipped CRF in a fresh tagger (median of 10);
- entries per second through the model alone, on invented entries in styles no rule knows
  (Frontiers, Chicago author-date, MLA, ACL proceedings, Harvard), 400 entries;
- the same entries through `parse_entry_text` (rules first, the model where none fits);
- package size the model adds: the model file, the two modules, the python-crfsuite wheel.

    .venv/bin/python bench/bench_fieldmodel.py          # prints the rows
"""

from __future__ import annotations

import random
import statistics
import time
from importlib import metadata, resources
from pathlib import Path

from reflink import fieldmodel
from reflink.references import parse_entry_text, parse_references
from reflink.textclean import clean_text, decode_text

SEED = Path(__file__).resolve().parent.parent / "refs" / "alk-ros1-review.txt"

FAMILY = "Ortega Chen Abara Müller Lindqvist Nakamura Oyelaran Hartmann Quist Rossi".split()
GIVEN = "Lena Wei Nia Karl Petra Tomi Rosa".split()
JOURNALS = ["Front Immunol", "Journal of Invented Geography", "Acta Fict", "Invented Res Lett"]
WORDS = "retinoid signalling mucosal immunity coastal erosion planning limits shore".split()


def invented_entry(rng: random.Random, style: int) -> str:
    """One invented entry in one of five styles the rules do not know."""
    names = rng.sample(FAMILY, rng.randint(1, 4))
    title = " ".join(rng.choices(WORDS, k=rng.randint(3, 9))).capitalize()
    journal = rng.choice(JOURNALS)
    year, volume, first = rng.randint(1990, 2024), rng.randint(1, 90), rng.randint(1, 900)
    last = first + rng.randint(2, 30)
    if style == 0:  # Frontiers
        authors = ", ".join(f"{n} {rng.choice('ABCDK')}" for n in names)
        return f"{authors}. {title}. {journal} ({year}) {volume}(2):{first}-{last}."
    if style == 1:  # Chicago author-date
        authors = ", and ".join(f"{n}, {rng.choice(GIVEN)}" for n in names)
        return f'{authors}. {year}. "{title}." {journal} {volume} (3): {first}–{last}.'
    if style == 2:  # MLA
        head = f'{names[0]}, {rng.choice(GIVEN)}. "{title}." {journal}'
        return f"{head}, vol. {volume}, no. 2, {year}, pp. {first}-{last}."
    if style == 3:  # ACL proceedings
        authors = " and ".join(f"{rng.choice(GIVEN)} {n}" for n in names)
        venue = "In Proceedings of the Invented Workshop"
        return f"{authors}. {year}. {title}. {venue}, pages {first}–{last}."
    authors = ", ".join(f"{n}, {rng.choice('ABCDK')}." for n in names)  # Harvard
    return f"{authors} ({year}) '{title}', {journal}, {volume}, pp. {first}-{last}."


def run() -> list[dict]:
    path = resources.files("reflink") / "data" / fieldmodel.MODEL_NAME
    import pycrfsuite

    loads = []
    for _ in range(10):
        started = time.perf_counter()
        tagger = pycrfsuite.Tagger()
        tagger.open(str(path))
        loads.append(time.perf_counter() - started)
        tagger.close()
    fieldmodel.load_tagger()  # warm, as in a long ingest

    rng = random.Random(11)
    texts = [invented_entry(rng, i % 5) for i in range(400)]
    started, cpu = time.perf_counter(), time.process_time()
    for text in texts:
        fieldmodel.read_fields(text)
    model_s, model_cpu = time.perf_counter() - started, time.process_time() - cpu
    started, cpu = time.perf_counter(), time.process_time()
    for text in texts:
        parse_entry_text(text)
    parse_s, parse_cpu = time.perf_counter() - started, time.process_time() - cpu

    # the seed's list: 34 entries, of which the model reads those no rule reads whole
    seed_lines = clean_text(decode_text(SEED.read_bytes()))
    seed_entries, _ = parse_references(seed_lines)
    seed_cpu = []
    for _ in range(20):
        cpu = time.process_time()
        parse_references(seed_lines)
        seed_cpu.append(time.process_time() - cpu)
    by_model = sum(e.model_confidence is not None for e in seed_entries)

    package = Path(fieldmodel.__file__).parent
    model_bytes = Path(str(path)).stat().st_size
    code_bytes = sum((package / name).stat().st_size for name in ("fieldmodel.py", "fieldtrain.py"))
    try:
        dist = metadata.distribution("python-crfsuite")
        wheel_bytes = sum(f.size or 0 for f in dist.files or [])
    except metadata.PackageNotFoundError:
        wheel_bytes = 0
    return [
        {
            "benchmark": "fieldmodel",
            "what": "model load (open the shipped CRF)",
            "median_s": statistics.median(loads),
            "p95_s": max(loads),
            "goal": "once per process, well under the seed's 0.1 s ingest",
        },
        {
            "benchmark": "fieldmodel",
            "what": "model alone, 400 invented entries in 5 unknown styles",
            "median_s": model_s,
            "value": f"{len(texts) / model_s:,.0f} entries/s (cpu {len(texts) / model_cpu:,.0f}/s)",
        },
        {
            "benchmark": "fieldmodel",
            "what": "parse_entry_text on the same (rules, then the model)",
            "median_s": parse_s,
            "value": f"{len(texts) / parse_s:,.0f} entries/s (cpu {len(texts) / parse_cpu:,.0f}/s)",
        },
        {
            "benchmark": "fieldmodel",
            "what": f"seed list, parse_references cpu ({len(seed_entries)} entries, "
            f"{by_model} by the model)",
            "median_s": statistics.median(seed_cpu),
            "p95_s": max(seed_cpu),
            "goal": "well under 0.05 s of work",
        },
        {
            "benchmark": "fieldmodel",
            "what": "package size added",
            "value": (
                f"model {model_bytes / 1024:,.0f} KiB + code {code_bytes / 1024:,.0f} KiB"
                f" + python-crfsuite {wheel_bytes / 1024:,.0f} KiB installed"
            ),
        },
    ]


if __name__ == "__main__":
    for row in run():
        print(row)
