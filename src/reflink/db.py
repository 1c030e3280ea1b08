"""The database: migrations, document writes, full-text search, views and indexes.

This is the only module that creates or writes tables. The table and column names are a contract
(users, canned queries and the evaluation read them): extend with a new migration, rename nothing.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import sqlite_utils
from sqlite_utils.migrations import Migrations

from .errors import DatabaseError
from .models import ParsedDocument

migrations = Migrations("reflink")


@migrations()
def m001_initial(db: sqlite_utils.Database) -> None:
    db.table("documents").create(
        {
            "id": int,
            "path": str,  # as given on the command line, resolved to an absolute path
            "name": str,  # file name, what users see
            "sha256": str,
            "title": str,
            "doi": str,  # the document's own DOI, when the text prints it
            "line_count": int,
            "ingested_at": str,
            "source": str,  # where the text came from (from the README beside the file)
            "licence": str,
        },
        pk="id",
        not_null={"path", "name", "sha256"},
    )
    db.table("documents").create_index(["path"], unique=True)
    db.table("sections").create(
        {"id": int, "document_id": int, "number": str, "title": str, "line_start": int},
        pk="id",
        foreign_keys=[("document_id", "documents", "id")],
    )
    db.table("claims").create(
        {
            "id": int,
            "document_id": int,
            "section_id": int,
            "text": str,
            "line_start": int,
            "line_end": int,
            "kind": str,  # body | caption | table
            "cited": int,  # 1 when the sentence carries at least one citation
        },
        pk="id",
        foreign_keys=[("document_id", "documents", "id"), ("section_id", "sections", "id")],
    )
    db.table("refs").create(
        {
            "id": int,
            "document_id": int,
            "number": int,
            "raw": str,
            "authors": str,  # JSON array of names as printed
            "title": str,
            "journal": str,
            "year": int,
            "volume": str,
            "pages": str,
            "doi": str,
            "url": str,
            "kind": str,
            "partial": int,
            "line_start": int,
            "line_end": int,
            "source": str,  # "text" (parsed from the document) or "crossref" (filled later)
        },
        pk="id",
        foreign_keys=[("document_id", "documents", "id")],
    )
    db.table("citations").create(
        {
            "id": int,
            "document_id": int,
            "claim_id": int,
            "line": int,
            "marker": str,
            "number": int,
            "ref_id": int,
            "style": str,  # superscript | bracket | paren
            "position": int,  # character offset of the marker in the body text: tells apart
            # two identical markers on one line
        },
        pk="id",
        foreign_keys=[
            ("document_id", "documents", "id"),
            ("claim_id", "claims", "id"),
            ("ref_id", "refs", "id"),
        ],
    )
    db.table("problems").create(
        {"id": int, "document_id": int, "line": int, "stage": str, "message": str},
        pk="id",
        foreign_keys=[("document_id", "documents", "id")],
    )


# Made real by `ensure_shape`, idempotently, after every migration run.
INDEXES: dict[str, list[list[str]]] = {
    "sections": [["document_id"]],
    "claims": [["document_id"], ["section_id"]],
    "refs": [["document_id", "number"], ["doi"]],
    "citations": [["document_id", "number"], ["claim_id"], ["ref_id"], ["line"]],
    "problems": [["document_id"]],
}

FTS: dict[str, list[str]] = {
    "claims": ["text"],
    "refs": ["raw", "title", "authors", "journal"],
}

VIEWS: dict[str, str] = {
    # claim → citation → reference, one row per cited number, with a clickable DOI link
    "claim_sources": """
        select
            documents.name as document,
            sections.number as section_number,
            sections.title as section,
            claims.id as claim_id,
            claims.text as claim,
            citations.line as line,
            citations.marker as marker,
            citations.number as number,
            refs.id as ref_id,
            refs.authors as authors,
            refs.title as title,
            refs.journal as journal,
            refs.year as year,
            refs.volume as volume,
            refs.pages as pages,
            refs.doi as doi,
            case when refs.doi is not null then 'https://doi.org/' || refs.doi end as doi_url,
            refs.url as url
        from citations
        join documents on documents.id = citations.document_id
        left join claims on claims.id = citations.claim_id
        left join sections on sections.id = claims.section_id
        left join refs on refs.id = citations.ref_id
    """,
    # numbers cited in the text that have no entry in the reference list
    "dangling_citations": """
        select
            documents.name as document,
            citations.number as number,
            citations.line as line,
            citations.marker as marker,
            claims.text as claim
        from citations
        join documents on documents.id = citations.document_id
        left join claims on claims.id = citations.claim_id
        where citations.ref_id is null
    """,
}


def ensure_shape(db: sqlite_utils.Database) -> None:
    """Create any missing index, full-text index and view; safe to call again."""
    for table, index_list in INDEXES.items():
        existing = {tuple(index.columns) for index in db.table(table).indexes}
        for columns in index_list:
            if tuple(columns) not in existing:
                db.table(table).create_index(columns)
    for table, columns in FTS.items():
        if not db.table(f"{table}_fts").exists():
            db.table(table).enable_fts(columns, create_triggers=True, tokenize="porter")
    for name, sql in VIEWS.items():
        db.create_view(name, sql, replace=True)


def open_db(path: Path | str) -> sqlite_utils.Database:
    """Open (creating if needed) a reflink database, applying pending migrations."""
    path = Path(path)
    if path.exists() and path.is_dir():
        raise DatabaseError(f"{path} is a directory, not a database file")
    if path.parent and not path.parent.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
    try:
        db = sqlite_utils.Database(path)
        db.execute("pragma foreign_keys = on")
        db.execute("pragma busy_timeout = 10000")
        if migrations.pending(db):
            migrations.apply(db)
        with db.atomic():
            ensure_shape(db)
    except sqlite3.DatabaseError as exc:
        raise DatabaseError(f"{path} is not a usable SQLite database ({exc})") from exc
    return db


@contextmanager
def open_existing(path: Path | str) -> Iterator[sqlite_utils.Database]:
    """Open a database that must already exist (for report, lookup, bibtex, serve)."""
    path = Path(path)
    if not path.exists():
        raise DatabaseError(f"{path} does not exist; run `reflink ingest` first")
    db = open_db(path)
    try:
        yield db
    finally:
        db.close()


def write_document(
    db: sqlite_utils.Database, doc: ParsedDocument, *, path: str, name: str, sha256: str,
    source: str | None = None, licence: str | None = None, ingested_at: str,
) -> int:
    """Replace one document's rows (keyed by path) with `doc`; call inside `db.atomic()`."""
    existing = db.execute("select id from documents where path = ?", [path]).fetchone()
    record = {
        "path": path,
        "name": name,
        "sha256": sha256,
        "title": doc.title,
        "doi": doc.doi,
        "line_count": len(doc.lines),
        "ingested_at": ingested_at,
        "source": source,
        "licence": licence,
    }
    if existing:
        document_id = existing[0]
        delete_document_rows(db, document_id)
        db.table("documents").update(document_id, record)
    else:
        document_id = db.table("documents").insert(record).last_pk

    section_ids: dict[int, int] = {}
    for section in doc.sections:
        section_ids[section.line_start] = db.table("sections").insert(
            {"document_id": document_id, "number": section.number, "title": section.title,
             "line_start": section.line_start}
        ).last_pk

    ref_ids: dict[int, int] = {}
    for entry in doc.references:
        row: dict[str, Any] = {
            "document_id": document_id,
            "number": entry.number,
            "raw": entry.raw,
            "authors": json.dumps(list(entry.authors), ensure_ascii=False),
            "title": entry.title,
            "journal": entry.journal,
            "year": entry.year,
            "volume": entry.volume,
            "pages": entry.pages,
            "doi": entry.doi,
            "url": entry.url,
            "kind": entry.kind,
            "partial": int(entry.partial),
            "line_start": entry.line,
            "line_end": entry.line_end,
            "source": "text",
        }
        ref_id = db.table("refs").insert(row).last_pk
        ref_ids.setdefault(entry.number, ref_id)

    citation_rows: list[dict[str, Any]] = []
    claimed: set[int] = set()
    for claim in doc.claims:
        section_id = section_ids.get(claim.section.line_start) if claim.section else None
        claim_id = db.table("claims").insert(
            {"document_id": document_id, "section_id": section_id, "text": claim.text,
             "line_start": claim.line_start, "line_end": claim.line_end, "kind": claim.kind,
             "cited": int(bool(claim.markers))}
        ).last_pk
        for marker in claim.markers:
            claimed.add(id(marker))
            citation_rows.extend(_citation_rows(document_id, claim_id, marker, ref_ids))
    # markers outside any claim (a table cell, a caption fragment) are still citations
    for marker in doc.markers:
        if id(marker) not in claimed and not any(marker == m for c in doc.claims for m in c.markers):
            citation_rows.extend(_citation_rows(document_id, None, marker, ref_ids))
    db.table("citations").insert_all(citation_rows)
    db.table("problems").insert_all(
        {"document_id": document_id, "line": p.line, "stage": p.stage, "message": p.message}
        for p in doc.problems
    )
    return document_id


def _citation_rows(document_id: int, claim_id: int | None, marker, ref_ids: dict[int, int]):
    for number in marker.numbers:
        yield {
            "document_id": document_id,
            "claim_id": claim_id,
            "line": marker.line,
            "marker": marker.text,
            "number": number,
            "ref_id": ref_ids.get(number),
            "style": marker.style,
            "position": marker.start,
        }


def delete_document_rows(db: sqlite_utils.Database, document_id: int) -> None:
    """Remove everything that belongs to one document, children first."""
    for table in ("citations", "problems", "claims", "sections", "refs"):
        db.execute(f"delete from [{table}] where document_id = ?", [document_id])
