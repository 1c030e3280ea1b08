"""A parsed document's rows, made where it was parsed, copied into the database in one statement
per table.

`reflink ingest --jobs N` parses in N worker processes and writes from one (issue 15): the
writer bounds how far the workers can go. So a worker makes everything a write needs that
does not depend on the database: every row of the document, each table's ids numbered from 1
within the document, in an in-memory SQLite database it then serializes (`StagedDocument`).
The writer attaches those bytes as the schema `reflink_stage` and copies each table with one
`INSERT … SELECT`, adding the document's id and offsetting each id and key by what the target
already holds. That is the numbering a row-by-row write gives (max + 1, in order), so the rows,
their ids and their order are the same however many workers there are.

Before, the writer unpickled each document's objects (lines, claims, markers, entries: four
times the text in pickle bytes), built the rows and bound every value itself: two thirds of its
time. Bytes cross a process boundary at the cost of a copy, and a stage's values reach the
table as bound in the worker (its tables have no column types).

Where the sqlite3 module cannot serialize a database (Python 3.10), the rows travel as tuples
and the writer fills the stage itself: the same statements copy them.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .models import Marker, ParsedDocument, Section

if TYPE_CHECKING:
    import sqlite_utils

# The tables a document's rows go to, parents first (the order they are written in), each
# with the columns staged and, for each id or key column, the table whose ids it holds: those
# are numbered from 1 in the stage and offset on copy. Every table also gets `document_id`.
STAGED_TABLES: tuple[tuple[str, tuple[str, ...], dict[str, str]], ...] = (
    ("sections", ("id", "number", "title", "line_start"), {"id": "sections"}),
    (
        "refs",
        (
            *("id", "number", "raw", "authors", "title", "journal", "year", "volume", "pages"),
            *("doi", "url", "kind", "partial", "line_start", "line_end", "source", "doi_source"),
            *("issue", "pmid", "page"),
        ),
        {"id": "refs"},
    ),
    (
        "paragraphs",
        ("id", "section_id", "position", "line_start", "line_end", "kind"),
        {"id": "paragraphs", "section_id": "sections"},
    ),
    (
        "claims",
        (
            *("id", "section_id", "text", "line_start", "line_end", "kind", "cited"),
            *("paragraph_id", "page"),
        ),
        {"id": "claims", "section_id": "sections", "paragraph_id": "paragraphs"},
    ),
    (
        "citations",
        ("claim_id", "line", "marker", "number", "ref_id", "style", "position", "page"),
        {"claim_id": "claims", "ref_id": "refs"},
    ),
    (
        "claim_context",
        ("claim_id", "paragraph_id", "number", "ref_id", "marker", "line", "distance"),
        {"claim_id": "claims", "paragraph_id": "paragraphs", "ref_id": "refs"},
    ),
    ("problems", ("line", "stage", "message"), {}),
    ("lines", ("number", "page", "kind", "text", "scripts"), {}),
)
# the tables whose ids the stage numbers (and every key follows)
NUMBERED_TABLES = ("sections", "refs", "paragraphs", "claims")
STAGE_SCHEMA = "reflink_stage"  # a name no caller of write_document uses for its own
# sqlite3 serializes a database from Python 3.11 on
SERIALIZES = hasattr(sqlite3.Connection, "serialize")

Rows = dict[str, list[tuple[Any, ...]]]


@dataclass(frozen=True)
class StagedDocument:
    """One document, ready to copy into any reflink database."""

    record: dict[str, Any]  # the document's own fields of its `documents` row
    # the stage database, serialized; or its rows, where sqlite3 cannot serialize
    stage: bytes | Rows
    counts: dict[str, int]  # rows per table


def stage_document(doc: ParsedDocument) -> StagedDocument:
    """Every row `doc` gives, numbered within the document, in a serialized stage database."""
    rows = document_rows(doc)
    record = {
        "title": doc.title,
        "doi": doc.doi,
        "line_count": len(doc.lines),
        "pages": doc.page_count,
        "format": doc.format,
    }
    counts = {table: len(table_rows) for table, table_rows in rows.items()}
    if not SERIALIZES:
        return StagedDocument(record, rows, counts)
    conn = sqlite3.connect(":memory:")
    try:
        fill_stage(conn, "main", rows)
        conn.commit()
        return StagedDocument(record, conn.serialize(), counts)
    finally:
        conn.close()


def fill_stage(conn: sqlite3.Connection, schema: str, rows: Rows) -> None:
    """The stage's tables (no column types: values stay as bound) in `schema`, with `rows`.

    Every table is created before any row is inserted, so every stage has the same schema
    down to its tables' root pages: the writer replaces one stage by the next inside its
    transaction, where SQLite keeps the schema it read from the first (`_load_stage`)."""
    for table, columns, _keys in STAGED_TABLES:
        names = ", ".join(f"[{column}]" for column in columns)
        conn.execute(f"create table [{schema}].[{table}] ({names})")
    for table, columns, _keys in STAGED_TABLES:
        if rows[table]:
            placeholders = ", ".join("?" * len(columns))
            conn.executemany(
                f"insert into [{schema}].[{table}] values ({placeholders})", rows[table]
            )


def write_staged(
    db: sqlite_utils.Database | sqlite3.Connection,
    staged: StagedDocument,
    *,
    path: str,
    name: str,
    sha256: str,
    source: str | None = None,
    licence: str | None = None,
    ingested_at: str,
) -> int:
    """Replace one document's rows (keyed by path) with `staged`'s; call inside the write's
    transaction. Returns the document's id."""
    from .db import _connection, delete_document_rows, first_free_id

    conn = _connection(db)
    record = {
        "path": path,
        "name": name,
        "sha256": sha256,
        **{key: staged.record[key] for key in ("title", "doi", "line_count")},
        "ingested_at": ingested_at,
        "source": source,
        "licence": licence,
        **{key: staged.record[key] for key in ("pages", "format")},
    }
    existing = conn.execute("select id from documents where path = ?", [path]).fetchone()
    if existing:
        document_id = existing[0]
        delete_document_rows(conn, document_id)
        assignments = ", ".join(f"[{column}] = ?" for column in record)
        conn.execute(
            f"update documents set {assignments} where id = ?", [*record.values(), document_id]
        )
    else:
        columns = ", ".join(f"[{column}]" for column in record)
        document_id = conn.execute(
            f"insert into documents ({columns}) values ({', '.join('?' * len(record))})",
            list(record.values()),
        ).lastrowid
    offsets = {table: first_free_id(conn, table) - 1 for table in NUMBERED_TABLES}
    _load_stage(conn, staged.stage, staged.counts)
    for table, columns, keys in STAGED_TABLES:
        if staged.counts.get(table):
            _copy_table(conn, table, columns, keys, document_id, offsets)
    return document_id


def _load_stage(conn: sqlite3.Connection, stage: bytes | Rows, counts: dict[str, int]) -> None:
    """The document's stage as the schema `reflink_stage` of `conn`, replacing the previous one.

    Attached in memory on first use and left attached: SQLite attaches inside a transaction but
    will not detach a database the transaction has read, so the connection keeps it (holding
    the last document's rows) until it is closed. Nor does it read a replaced stage's schema
    again within the transaction: `fill_stage` makes every stage's schema the same, and the
    row counts are checked, so a stage read through another's schema is an error, never rows
    copied from the wrong table."""
    if not any(row[1] == STAGE_SCHEMA for row in conn.execute("pragma database_list")):
        conn.execute(f"attach ':memory:' as {STAGE_SCHEMA}")
    if isinstance(stage, bytes):
        conn.deserialize(stage, name=STAGE_SCHEMA)
    else:
        for table, _columns, _keys in STAGED_TABLES:
            conn.execute(f"drop table if exists {STAGE_SCHEMA}.[{table}]")
        fill_stage(conn, STAGE_SCHEMA, stage)
    found = conn.execute(
        " union all ".join(
            f"select {index}, count(*) from {STAGE_SCHEMA}.[{table}]"
            for index, (table, _columns, _keys) in enumerate(STAGED_TABLES)
        )
    ).fetchall()
    if [count for _index, count in sorted(found)] != [
        counts.get(table, 0) for table, _columns, _keys in STAGED_TABLES
    ]:
        raise RuntimeError("a staged document does not hold the rows it was staged with")


def _copy_table(
    conn: sqlite3.Connection,
    table: str,
    columns: Sequence[str],
    keys: dict[str, str],
    document_id: int,
    offsets: dict[str, int],
) -> None:
    """stage.table → main.table in the stage's order, ids and keys offset, the document's id
    added. A NULL key stays NULL (NULL + n)."""
    expressions, parameters = ["?"], [document_id]
    for column in columns:
        if column in keys:
            expressions.append(f"[{column}] + ?")
            parameters.append(offsets[keys[column]])
        else:
            expressions.append(f"[{column}]")
    names = ", ".join(f"[{column}]" for column in ("document_id", *columns))
    conn.execute(
        f"insert into main.[{table}] ({names}) select {', '.join(expressions)}"
        f" from {STAGE_SCHEMA}.[{table}] order by rowid",
        parameters,
    )


# --- the rows ---------------------------------------------------------------------------------


def document_rows(doc: ParsedDocument) -> Rows:
    """Every row of `doc` but its `documents` row, by table, in STAGED_TABLES' columns; ids of
    sections, refs, paragraphs and claims are 1, 2, 3 … within the document."""
    from .paragraphs import context_citations, paragraph_spans

    # a PDF's page of each line number (the first line of that number, as a lookup in `lines`
    # by number would find): claims, citations and entries are written with their page
    page_of: dict[int, int | None] = {}
    if doc.pages:
        for line in doc.lines:
            page_of.setdefault(line.number, doc.pages[line.number - 1])

    # keyed by the whole Section: a JATS file may print many headings on one XML line
    section_ids: dict[Section, int] = {}
    sections = []
    for section in doc.sections:
        section_id = len(sections) + 1
        section_ids.setdefault(section, section_id)
        sections.append((section_id, section.number, section.title, section.line_start))

    ref_ids: dict[int, int] = {}
    refs = []
    for entry in doc.references:
        ref_id = len(refs) + 1
        refs.append(
            (
                ref_id,
                entry.number,
                entry.raw,
                json.dumps(list(entry.authors), ensure_ascii=False),
                entry.title,
                entry.journal,
                entry.year,
                entry.volume,
                entry.pages,
                entry.doi,
                entry.url,
                entry.kind,
                int(entry.partial),
                entry.line,
                entry.line_end,
                "text",
                # doi_source: never overwritten by Crossref
                entry.doi_source if entry.doi else None,
                entry.issue,
                entry.pmid,
                page_of.get(entry.line),
            )
        )
        ref_ids.setdefault(entry.number, ref_id)

    paragraph_ids: dict[int, int] = {}
    paragraphs = []
    for position, span in enumerate(paragraph_spans(doc.claims)):
        section = doc.claims[span.claims[0]].section
        paragraph_ids[span.index] = position + 1
        paragraphs.append(
            (
                position + 1,
                section_ids.get(section) if section else None,
                position,
                span.line_start,
                span.line_end,
                span.kind,
            )
        )

    claims = []
    citations: list[tuple[Any, ...]] = []
    claimed: set[Marker] = set()
    for position, claim in enumerate(doc.claims):
        claim_id = position + 1
        claims.append(
            (
                claim_id,
                section_ids.get(claim.section) if claim.section else None,
                claim.text,
                claim.line_start,
                claim.line_end,
                claim.kind,
                int(bool(claim.markers)),
                paragraph_ids.get(claim.paragraph),
                page_of.get(claim.line_start),
            )
        )
        for marker in claim.markers:
            claimed.add(marker)
            citations.extend(_citation_rows(claim_id, marker, ref_ids, page_of))
    # markers outside any claim (a table cell, a caption fragment) are still citations
    for marker in doc.markers:
        if marker not in claimed:
            citations.extend(_citation_rows(None, marker, ref_ids, page_of))

    # uncited claims → the numbers their paragraph cites
    context = [
        (
            position + 1,
            paragraph_ids.get(doc.claims[position].paragraph),
            number,
            ref_ids.get(number),
            marker.text,
            marker.line,
            distance,
        )
        for position, number, marker, distance in context_citations(doc.claims)
    ]
    problems = [(problem.line, problem.stage, problem.message) for problem in doc.problems]
    return {
        "sections": sections,
        "refs": refs,
        "paragraphs": paragraphs,
        "claims": claims,
        "citations": citations,
        "claim_context": context,
        "problems": problems,
        "lines": _line_rows(doc),
    }


def _citation_rows(
    claim_id: int | None,
    marker: Marker,
    ref_ids: dict[int, int],
    page_of: dict[int, int | None],
) -> Iterable[tuple[Any, ...]]:
    """One row per number a marker cites."""
    line, text, style, start, page = (
        marker.line,
        marker.text,
        marker.style,
        marker.start,
        page_of.get(marker.line),
    )
    return [
        (claim_id, line, text, number, ref_ids.get(number), style, start, page)
        for number in marker.numbers
    ]


def _line_rows(doc: ParsedDocument) -> list[tuple[Any, ...]]:
    """The lines reflink read, each with its page (m005_pages), and a PDF line's raised and
    lowered runs (its text as printed; a text file's line as it was)."""
    pages = doc.pages
    scripts = doc.scripts or {}
    return [
        (
            line.number,
            pages[line.number - 1] if pages else None,
            line.kind,
            line.text if line.number in scripts else line.raw,
            json.dumps(scripts[line.number]) if line.number in scripts else None,
        )
        for line in doc.lines
    ]
