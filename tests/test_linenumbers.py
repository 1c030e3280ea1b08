"""Line numbers in a manuscript's margin are read as no part of its lines (reflink.linenumbers)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from pdfmaker import REFERENCES, Page, write_pdf
from reflink.ingest import ingest_file, ingest_files, parse_document
from reflink.linenumbers import line_number_prefixes, strip_line_numbers

BODY = [
    "Lichens grow slowly on bare rock surfaces [1]. Their growth rate was",
    "measured in several cold regions [2] and in nitrogen-poor thalli [3].",
    "In a later survey [4] the symbionts were exchanged under drought, and",
    "carbon fixation fell at altitude [5] as on basalt [6] and granite [1].",
]
# a manuscript long enough that its numbered lines are a run, not a coincidence
MANUSCRIPT = [
    "Invented Findings on Lichen Growth",
    "Ada Moss and Ben Fern",
    "Introduction",
    *BODY * 8,
    "References",
    *REFERENCES,
]


def numbered(lines: list[str], first: int = 1) -> list[str]:
    return [f"{number} {line}" for number, line in enumerate(lines, first)]


def test_numbers_opening_every_line_are_stripped() -> None:
    text = "\n".join(numbered(MANUSCRIPT))
    assert strip_line_numbers(text) == "\n".join(MANUSCRIPT)
    doc = parse_document(strip_line_numbers(text) + "\n")
    assert [ref.number for ref in doc.references] == [1, 2, 3, 4, 5, 6]
    assert [m.numbers for m in doc.markers][:6] == [(1,), (2,), (3,), (4,), (5,), (6,)]


def test_numbers_on_lines_of_their_own_with_page_numbers_among_them() -> None:
    # pdftotext writes a margin's numbers as paragraphs of their own; a page's number ("2")
    # and a number set out of order stay, and the lines they number are read as they are
    lines = []
    for number, line in enumerate(MANUSCRIPT, 1):
        lines += [str(number), "", line, ""]
        if number == 20:
            lines += ["2", ""]
    stripped = strip_line_numbers("\n".join(lines)).split("\n")
    assert [line for line in stripped if line] == MANUSCRIPT[:20] + ["2"] + MANUSCRIPT[20:]


def test_a_numbered_list_one_entry_a_line_keeps_its_labels() -> None:
    # "1 A. B. Smith …": labels count up line by line too, but only from the list on, and a
    # long list may hold most of a review's lines
    lines = ["A review of lichens", *BODY * 4, "References"]
    lines += [
        f"{n} A. Moss and B. Fern, J. Invented Res., 20{n:02d}, {n}, 1-9." for n in range(1, 91)
    ]
    assert line_number_prefixes(lines) is None
    assert strip_line_numbers("\n".join(lines)) == "\n".join(lines)


def test_numbers_counted_page_by_page_are_stripped() -> None:
    # lineno's pagewise mode starts again at 1 on each page
    pages = [MANUSCRIPT[:20], MANUSCRIPT[20:]]
    text = "\n\f".join("\n".join(numbered(page)) for page in pages)
    assert strip_line_numbers(text) == "\n\f".join("\n".join(page) for page in pages)


def test_a_column_of_numbers_in_a_table_is_no_line_numbering() -> None:
    lines = [*BODY * 4, "Table 1. Sites", *[str(n) for n in range(1, 41)], *BODY]
    assert line_number_prefixes(lines) is None


def test_a_line_numbered_text_file_is_ingested_whole(tmp_path: Path) -> None:
    path = tmp_path / "manuscript.txt"
    path.write_text("\n".join(numbered(MANUSCRIPT)) + "\n", encoding="utf-8")
    result = ingest_file(path, tmp_path / "m.db")
    assert (result.entries, result.citations) == (6, 56)
    with sqlite3.connect(tmp_path / "m.db") as conn:
        heading = conn.execute("select text from lines where text like '%References'").fetchone()
    assert heading == ("References",)


def test_a_line_numbered_pdf_keeps_its_superscripts(tmp_path: Path) -> None:
    # the numbers are set in the margin; the text's raised callouts shift with the text
    page = Page()
    body = [line.replace(" [", "^{").replace("]", "}") for line in BODY * 6]
    lines = ["Invented Findings on Lichen Growth", *body, "References", *REFERENCES]
    for number, line in enumerate(lines, 1):
        y = 60 + 13 * number
        page.add(30, y, str(number), 7).add(60, y, line, 10)
    path = write_pdf(tmp_path / "numbered.pdf", [page])
    ingest_files([path], tmp_path / "n.db")
    with sqlite3.connect(tmp_path / "n.db") as conn:
        cited = conn.execute("select number, marker from citations order by id limit 3").fetchall()
        entries = conn.execute("select number from refs order by number").fetchall()
    assert cited == [(1, "1"), (2, "2"), (3, "3")]
    assert [n for (n,) in entries] == [1, 2, 3, 4, 5, 6]


@settings(max_examples=80, deadline=None)
@given(st.lists(st.text(alphabet="ab 12\f.[]", max_size=30), max_size=80), st.booleans())
def test_stripping_takes_only_line_numbers(lines, number) -> None:
    # numbered or not, stripping removes digits and the blanks after them, nothing else
    text = "\n".join(numbered(lines) if number else lines)
    stripped = strip_line_numbers(text)
    assert stripped.count("\n") == text.count("\n")
    kept = [c for c in stripped if not c.isspace()]
    original = [c for c in text if not c.isspace()]
    assert sorted(c for c in original if not c.isdigit()) == sorted(
        c for c in kept if not c.isdigit()
    )
