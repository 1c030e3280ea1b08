"""Callouts read from a PDF's typography: the hard cases, each on a PDF the test writes.

Every PDF here is written by the test from invented text (tests/pdfmaker.py).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from pdfmaker import paper, write_pdf
from reflink.ingest import ingest_files

REFERENCES = [
    f"{n}. {author} A, Fern B. {title}. J Invented Res. {2000 + n};{n + 10}:{100 + n}-{110 + n}."
    for n, (author, title) in enumerate(
        [
            ("Moss", "Growth of crustose lichens on granite"),
            ("Stone", "Spore dispersal in cold winds"),
            ("Birch", "Nitrogen uptake by foliose thalli"),
            ("Reed", "Symbiont exchange under drought"),
            ("Heath", "Carbon fixation at altitude"),
            ("Ash", "Lichen succession on basalt"),
        ],
        1,
    )
]


def cited(tmp_path: Path, body: list[str]) -> list[tuple[int, str]]:
    """(number, marker) of every citation reflink finds in a one-column paper of `body`."""
    path = write_pdf(tmp_path / "paper.pdf", paper(body, REFERENCES))
    db = tmp_path / "out.db"
    ingest_files([path], db)
    conn = sqlite3.connect(db)
    return list(conn.execute("select number, marker from citations order by position, number"))


def test_superscript_on_a_line_that_ends_in_a_mended_hyphen(tmp_path: Path) -> None:
    """ "thalli^{3}. In our pre-" + "vious survey": the break is mended in the running text, and
    the raised numbers on that line are still read as raised (they were taken for body-size
    numbers, and these re-citations dropped)."""
    body = [
        "Lichens grow slowly on bare rock surfaces.^{1} Their growth rate^{2,3} was",
        "measured in several cold regions^{2} and in nitrogen-poor thalli^{3}. In our pre-",
        "vious survey^{4} the symbionts were exchanged under drought, and",
        "carbon fixation fell at altitude^{5} as on basalt^{6} and granite^{1}.",
    ]
    assert cited(tmp_path, body) == [
        (1, "1"),
        (2, "2,3"),
        (3, "2,3"),
        (2, "2"),
        (3, "3"),
        (4, "4"),
        (5, "5"),
        (6, "6"),
        (1, "1"),
    ]
