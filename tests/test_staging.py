"""staging: a document's rows made where it is parsed, copied in by one statement per table.

The writer replaces one stage by the next inside its one transaction; every id and key is
offset by what the database holds, so the rows are those a row-by-row write would give."""

from __future__ import annotations

import pickle
import sqlite3
from pathlib import Path

import pytest

from reflink import staging
from reflink.db import migrate, open_writer, write_transaction
from reflink.ingest import parse_document
from reflink.staging import StagedDocument, stage_document, write_staged

FIRST = """1. Introduction

Lung cancer remains the leading cause of cancer death worldwide.1 Rearrangements of the
kinase occur in a small share of patients.2,3 Crizotinib was the first inhibitor approved.

2. Resistance

Resistance arises within a year. Most patients then progress in the brain. Second-generation
inhibitors were designed to reach it.3

References

1 A. B. Smith and C. Jones, Lancet Oncol., 2014, 15, 1119–1128.
2 D. Okafor, J. Clin. Oncol., 2016, 34, 12–19.
3 E. Tanaka and F. Novak, Cancer Res., 2011, 71, 400–410.
"""

SECOND = """1. Background

Fusions were first described in 2007.[1] They respond to kinase inhibitors.[2] An uncited
sentence sits between them. Responses last about a year.[2,4]

References

[1] G. Lindqvist, Nature, 2007, 448, 561–566.
[2] H. Moreau and I. Costa, N. Engl. J. Med., 2010, 363, 1693–1703.
[3] J. Petrov, Cancer Discov., 2012, 2, 1100–1111.
[4] K. Osei, Lancet Oncol., 2019, 20, 1691–1701.
"""


def write_all(path: Path, staged: list[StagedDocument]) -> list[int]:
    """Write every staged document in one transaction, as `reflink ingest` does."""
    conn = open_writer(path)
    try:
        with write_transaction(conn, path):
            migrate(conn)
            return [
                write_staged(
                    conn,
                    document,
                    path=f"/docs/{number}.txt",
                    name=f"{number}.txt",
                    sha256="0" * 64,
                    ingested_at="2026-12-03T00:00:00+00:00",
                )
                for number, document in enumerate(staged)
            ]
    finally:
        conn.close()


def rows(path: Path, sql: str) -> list[tuple]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def dump(path: Path) -> dict[str, list[tuple]]:
    tables = [table for table, _columns, _keys in staging.STAGED_TABLES]
    return {table: rows(path, f"select * from [{table}] order by id") for table in tables}


def test_the_second_document_of_a_transaction_keys_its_own_rows(tmp_path: Path) -> None:
    """The stage is replaced inside the transaction: every key of the second document must
    point at the second document's rows (its sections, paragraphs, claims and entries)."""
    db = tmp_path / "r.db"
    first, second = parse_document(FIRST), parse_document(SECOND)
    assert write_all(db, [stage_document(first), stage_document(second)]) == [1, 2]

    for table, parsed in (("sections", "sections"), ("refs", "references"), ("claims", "claims")):
        assert rows(db, f"select document_id, count(*) from {table} group by 1") == [
            (1, len(getattr(first, parsed))),
            (2, len(getattr(second, parsed))),
        ]
    # ids continue after the first document's
    assert rows(db, "select min(id) from refs where document_id = 2") == [(4,)]
    # a citation's entry is its own document's entry of that number
    assert (
        rows(
            db,
            "select c.number from citations c join refs r on r.id = c.ref_id"
            " where r.document_id != c.document_id or r.number != c.number",
        )
        == []
    )
    assert rows(db, "select number, ref_id from citations where document_id = 2") == [
        (1, 4),
        (2, 5),
        (2, 5),
        (4, 7),
    ]
    # claims and paragraphs within their document, sections too
    for child, key, parent in (
        ("claims", "section_id", "sections"),
        ("claims", "paragraph_id", "paragraphs"),
        ("citations", "claim_id", "claims"),
        ("claim_context", "claim_id", "claims"),
        ("claim_context", "ref_id", "refs"),
    ):
        assert rows(
            db,
            f"select count(*) from {child} c join {parent} p on p.id = c.{key}"
            " where p.document_id != c.document_id",
        ) == [(0,)], (child, key)
    # the uncited sentence of the second document gets its paragraph's numbers as context
    assert rows(
        db,
        "select k.number, r.number, k.distance from claim_context k"
        " join claims c on c.id = k.claim_id left join refs r on r.id = k.ref_id"
        " where c.text like 'An uncited sentence%' order by k.distance, k.number",
    ) == [(1, 1, -2), (2, 2, 1), (4, 4, 1)]


def test_rows_sent_as_tuples_write_what_the_serialized_stage_writes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where sqlite3 cannot serialize (Python 3.10) the rows travel as tuples: same database."""
    documents = [parse_document(FIRST), parse_document(SECOND)]
    serialized = [stage_document(doc) for doc in documents]
    assert all(isinstance(staged.stage, bytes) for staged in serialized)
    monkeypatch.setattr(staging, "SERIALIZES", False)
    as_tuples = [stage_document(doc) for doc in documents]
    assert all(isinstance(staged.stage, dict) for staged in as_tuples)

    write_all(tmp_path / "bytes.db", serialized)
    write_all(tmp_path / "tuples.db", as_tuples)
    assert dump(tmp_path / "bytes.db") == dump(tmp_path / "tuples.db")
    assert len(dump(tmp_path / "bytes.db")["claim_context"]) > 0


def test_a_stage_crosses_a_process_boundary_as_bytes(tmp_path: Path) -> None:
    """What a worker hands back: a few bytes objects, not the parse's objects."""
    staged = stage_document(parse_document(SECOND))
    copied = pickle.loads(pickle.dumps(staged))
    write_all(tmp_path / "a.db", [staged])
    write_all(tmp_path / "b.db", [copied])
    assert dump(tmp_path / "a.db") == dump(tmp_path / "b.db")


def test_a_stage_that_does_not_hold_its_rows_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "r.db"
    staged = stage_document(parse_document(SECOND))
    write_all(db, [staged])
    before = rows(db, "select count(*) from claims")
    wrong = StagedDocument(staged.record, staged.stage, {**staged.counts, "claims": 99})
    with pytest.raises(RuntimeError, match="does not hold the rows"):
        write_all(db, [staged, wrong])
    assert rows(db, "select count(*) from claims") == before  # rolled back, nothing copied
