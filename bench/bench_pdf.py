"""PDF speed: pages per second for reading and for the whole ingest, against the text route.

- a 10-page invented review written by the tests' PDF maker (tests/pdfmaker.py): read_pdf
  alone (PDFium's boxes + layout), the whole parse (read + textclean + parsers), and the text
  route on the same text (what a user who extracted it first would pay after extracting);
- when ../shared/devset-pdf is present, the same over its PDFs (pages per second).

CPU time is shown beside wall time: the machine is shared.

    .venv/bin/python bench/bench_pdf.py
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from reflink.ingest import parse_document, parse_lines
from reflink.pdf import read_pdf, to_lines

ROOT = Path(__file__).resolve().parent.parent
DEVSET = ROOT.parent / "shared" / "devset-pdf"


def timed(action: Callable[[], object], runs: int) -> tuple[list[float], list[float]]:
    """Wall and CPU seconds of `runs` calls of `action`."""
    wall, cpu = [], []
    for _ in range(runs):
        started, started_cpu = time.perf_counter(), time.process_time()
        action()
        wall.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
    return wall, cpu


def _parse_pdf(data: bytes):
    lines = to_lines(read_pdf(data))
    return parse_lines(lines.lines, "\n".join(line.text for line in lines.lines), lines.scripts)


def _invented_review() -> bytes:
    sys.path.insert(0, str(ROOT / "tests"))
    from pdfmaker import paper, write_pdf
    from test_pdf import BODY, REFERENCES

    with tempfile.TemporaryDirectory() as tmp:
        path = write_pdf(Path(tmp) / "review.pdf", paper(BODY * 50, REFERENCES * 5))
        return path.read_bytes()


def _row(what: str, wall: list[float], cpu: list[float], pages: int, goal: str = "") -> dict:
    median = statistics.median(wall)
    return {
        "benchmark": "pdf",
        "what": what,
        "median_s": median,
        "p95_s": sorted(wall)[max(0, int(len(wall) * 0.95) - 1)],
        "value": f"{pages / median:.0f} pages/s (cpu {statistics.median(cpu):.3f} s)",
        "goal": goal,
    }


def run() -> list[dict]:
    rows = []
    data = _invented_review()
    read = read_pdf(data)
    pages = read.pages
    text = "\n".join(line.text for line in read.lines)
    parse_document(text)  # loads word frequencies once, for both routes
    rows.append(
        _row(f"invented review, {pages} pages: read_pdf", *timed(lambda: read_pdf(data), 5), pages)
    )
    rows.append(
        _row(
            f"invented review, {pages} pages: read + parse (PDF route)",
            *timed(lambda: _parse_pdf(data), 5),
            pages,
            "10 pages < 0.3 s",
        )
    )
    rows.append(
        _row(
            f"invented review, {pages} pages: text route on its text",
            *timed(lambda: parse_document(text), 5),
            pages,
        )
    )
    pdfs = sorted(DEVSET.glob("*/input.pdf")) if DEVSET.is_dir() else []
    if pdfs:
        datas = [path.read_bytes() for path in pdfs]
        total = sum(read_pdf(d).pages for d in datas)
        texts = ["\n".join(line.text for line in read_pdf(d).lines) for d in datas]
        rows.append(
            _row(
                f"dev PDFs ({len(pdfs)} files, {total} pages): read + parse (PDF route)",
                *timed(lambda: [_parse_pdf(d) for d in datas], 3),
                total,
            )
        )
        rows.append(
            _row(
                f"dev PDFs ({len(pdfs)} files, {total} pages): text route on the same text",
                *timed(lambda: [parse_document(t) for t in texts], 3),
                total,
            )
        )
    else:
        rows.append({"benchmark": "pdf", "what": f"dev PDFs skipped: {DEVSET} is absent"})
    return rows


if __name__ == "__main__":
    for row in run():
        print(row)
