"""Read-only queries over a reflink database."""

from __future__ import annotations

import sqlite_utils

from .ingest import IngestResult


def document_summaries(db: sqlite_utils.Database) -> list[IngestResult]:
    """One `IngestResult` per document in the database, read back from its rows."""
    results = []
    for doc in db.query("select id, name from documents order by id"):
        doc_id = doc["id"]

        def scalar(sql: str) -> int:
            return db.execute(sql, [doc_id]).fetchone()[0]

        cited = {r[0] for r in db.execute(
            "select distinct number from citations where document_id = ?", [doc_id])}
        listed = {r[0] for r in db.execute(
            "select distinct number from refs where document_id = ?", [doc_id])}
        results.append(
            IngestResult(
                name=doc["name"],
                document_id=doc_id,
                claims=scalar("select count(*) from claims where document_id = ?"),
                cited_claims=scalar("select count(*) from claims where document_id = ? and cited"),
                markers=scalar(
                    "select count(*) from (select distinct line, marker, position from citations"
                    " where document_id = ?)"
                ),
                citations=scalar("select count(*) from citations where document_id = ?"),
                entries=scalar("select count(*) from refs where document_id = ?"),
                partial_entries=scalar(
                    "select count(*) from refs where document_id = ? and partial"),
                dangling=sorted(cited - listed),
                uncited=sorted(listed - cited),
                problems=scalar("select count(*) from problems where document_id = ?"),
            )
        )
    return results
