"""The records handed between stages: one reference record from parsing to export."""

from __future__ import annotations

import pytest

from reflink.models import RefEntry, decode_authors, entry_from_row

ROW = {
    "id": 7,
    "document_id": 1,
    "number": 12,
    "raw": "A. Okafor and B. Lindqvist, Fake J., 2019, 3, 1–9.",
    "authors": '["A. Okafor", "B. Lindqvist"]',
    "title": None,
    "journal": "Fake J.",
    "year": 2019,
    "volume": "3",
    "pages": "1–9",
    "doi": None,
    "url": None,
    "kind": "article",
    "partial": 0,
    "line_start": 120,
    "line_end": 121,
    "source": "crossref",
}


@pytest.mark.parametrize(
    ("stored", "names"),
    [
        pytest.param(
            '["A. Okafor", "B. Lindqvist"]', ("A. Okafor", "B. Lindqvist"), id="json-array"
        ),
        pytest.param('["A. Okafor", "", " "]', ("A. Okafor",), id="blank-names-dropped"),
        pytest.param(None, (), id="null"),
        pytest.param("", (), id="empty"),
        pytest.param("Okafor A", ("Okafor A",), id="plain-text-is-one-name"),
        pytest.param(("A. Okafor",), ("A. Okafor",), id="already-read"),
    ],
)
def test_decode_authors(stored: object, names: tuple[str, ...]) -> None:
    assert decode_authors(stored) == names


def test_entry_from_row_keeps_the_rows_id_document_and_source() -> None:
    entry = entry_from_row(ROW, "review.txt")
    assert entry == RefEntry(
        number=12,
        raw=ROW["raw"],
        line=120,
        line_end=121,
        authors=("A. Okafor", "B. Lindqvist"),
        journal="Fake J.",
        year=2019,
        volume="3",
        pages="1–9",
        ref_id=7,
        document="review.txt",
        source="crossref",
    )


def test_the_read_side_reads_one_row_alike() -> None:
    from reflink.bibtex import _authors
    from reflink.enrich import reference_from_row

    odd = {**ROW, "authors": "Okafor A"}  # not JSON: one printed name, everywhere
    assert reference_from_row(odd).authors == ("Okafor A",)
    assert entry_from_row(odd, "review.txt").authors == ("Okafor A",)
    assert _authors(odd) == ("Okafor A",)
