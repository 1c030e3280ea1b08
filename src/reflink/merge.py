"""Merge reflink databases ("shards") into one: the last step of a corpus ingested in pieces.

A corpus too large for one command is ingested as shards (one database per machine, task or
folder: docs/scale.md), then merged. Every document of every shard is copied with all its rows
(sections, references, claims, citations, paragraphs, lines, problems, DOI candidates, source
updates), ids renumbered after the target's, every foreign key following its row; the Crossref
cache is merged too (the newer reply wins), so nothing asked once is asked again.

Merging shards in order into a new database gives the rows that ingesting all their files into one
database would (ids included): a shard's ids are offset by what the target holds, which is how
`ingest` numbers a document's rows. A document in several shards (the same path) ends as the last
shard has it, as re-ingesting replaces it. Everything happens in one transaction: a bad shard
leaves the target byte-identical (or not created).

The tables to copy are found from the schema, not listed here: every table with an `id` and a
`document_id` (and `documents` itself), copied parents first by their foreign keys, so a table a
later migration adds is merged without a change here.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .db import (
    delete_document_rows,
    first_free_id,
    insert_values,
    migrate,
    open_reader,
    open_writer,
    write_transaction,
)
from .errors import DatabaseError, InputError
from .publish import new_database

# Rows handed to SQLite per executemany: bounds memory however large a shard is.
BATCH_ROWS = 5_000


@dataclass
class MergedShard:
    """What one shard brought: its documents (how many replaced one already there) and rows."""

    path: Path
    documents: int = 0
    replaced: int = 0
    rows: dict[str, int] = field(default_factory=dict)
    cached_replies: int = 0

    def summary(self) -> str:
        counts = ", ".join(
            f"{self.rows.get(table, 0)} {label}"
            for table, label in (("claims", "claims"), ("citations", "citations"), ("refs", "refs"))
        )
        replaced = f" ({self.replaced} replaced)" if self.replaced else ""
        return f"{self.path}: {self.documents} documents{replaced}, {counts}"


def merge_databases(
    shards: Iterable[Path | str],
    target: Path | str,
    *,
    on_progress: Callable[[int], None] = lambda step: None,
) -> list[MergedShard]:
    """Copy every document of each shard, in order, into `target` (created if absent)."""
    shards = [Path(shard) for shard in shards]
    target = Path(target)
    if not shards:
        raise InputError("name at least one database to merge")
    for shard in shards:
        if target.exists() and shard.exists() and shard.samefile(target):
            raise InputError(f"{shard} is the target database; merge it into another --db")
        # refused here, before anything is written: missing, foreign, older or damaged shards
        with open_reader(shard):
            pass
    with new_database(target) as building:
        return _merge_into(building or target, shards, target, on_progress)


def _merge_into(
    path: Path, shards: list[Path], shown_as: Path, on_progress: Callable[[int], None]
) -> list[MergedShard]:
    conn = open_writer(path)
    merged = []
    try:
        with write_transaction(conn, shown_as):
            migrate(conn)
            tables = document_tables(conn)
            for shard in shards:
                merged.append(_merge_shard(conn, shard, tables))
                on_progress(1)
    finally:
        conn.close()
    return merged


def document_tables(conn: sqlite3.Connection) -> list[tuple[str, list[str], dict[str, str]]]:
    """(table, columns, foreign keys column → table) of each table holding documents' rows,
    parents before children."""
    names = [
        name
        for (name,) in conn.execute(
            "select name from sqlite_master where type = 'table' order by name"
        )
    ]
    tables = {}
    for name in names:
        columns = [row[1] for row in conn.execute(f"pragma table_info([{name}])")]
        if name == "documents" or {"id", "document_id"} <= set(columns):
            # a column a migration added (claims.paragraph_id) carries no declared foreign key;
            # by its name, `paragraph_id` refers to `paragraphs` as `ref_id` does to `refs`
            keys = {c: c[: -len("_id")] + "s" for c in columns if c.endswith("_id")}
            keys.update(
                {row[3]: row[2] for row in conn.execute(f"pragma foreign_key_list([{name}])")}
            )
            tables[name] = (columns, keys)
    ordered: list[str] = []

    def visit(name: str) -> None:
        if name in ordered:
            return
        for parent in tables[name][1].values():
            if parent in tables and parent != name:
                visit(parent)
        ordered.append(name)

    for name in tables:
        visit(name)
    return [(name, *tables[name]) for name in ordered]


def _merge_shard(target: sqlite3.Connection, shard: Path, tables) -> MergedShard:
    result = MergedShard(shard)
    source = sqlite3.connect(f"{shard.resolve().as_uri()}?mode=ro", uri=True)
    try:
        for table, columns, _keys in tables:
            theirs = [row[1] for row in source.execute(f"pragma table_info([{table}])")]
            if sorted(theirs) != sorted(columns):
                raise DatabaseError(
                    f"{shard}: its [{table}] table has another shape than the target's "
                    "(written by another reflink version); `reflink upgrade` both, then merge"
                )
        for (path,) in source.execute("select path from documents order by id"):
            existing = target.execute("select id from documents where path = ?", [path]).fetchone()
            if existing:
                delete_document_rows(target, existing[0])
                target.execute("delete from documents where id = ?", [existing[0]])
                result.replaced += 1
            result.documents += 1
        offsets = {
            table: first_free_id(target, table) - _first_id(source, table)
            for table, _columns, _keys in tables
        }
        for table, columns, keys in tables:
            result.rows[table] = _copy_table(target, source, table, columns, keys, offsets)
        result.cached_replies = _merge_cache(target, source)
    except sqlite3.Error as exc:
        raise DatabaseError(f"{shard}: {exc}") from exc
    finally:
        source.close()
    return result


def _copy_table(
    target: sqlite3.Connection,
    source: sqlite3.Connection,
    table: str,
    columns: list[str],
    keys: dict[str, str],
    offsets: dict[str, int],
) -> int:
    """Copy a table's rows in id order, each id and foreign key moved by its table's offset."""
    selected = []
    for column in columns:
        offset = offsets[table] if column == "id" else offsets.get(keys.get(column, ""))
        selected.append(f"[{column}] + {int(offset)}" if offset else f"[{column}]")
    rows = source.execute(f"select {', '.join(selected)} from [{table}] order by id")
    copied = 0
    while batch := rows.fetchmany(BATCH_ROWS):
        # staged as ingest writes: a statement per row would flush the full-text index per claim
        insert_values(target, table, columns, batch)
        copied += len(batch)
    return copied


def _merge_cache(target: sqlite3.Connection, source: sqlite3.Connection) -> int:
    """Crossref's replies: a key the target lacks is added, one it has keeps the newer reply."""
    rows = source.execute("select key, status, body, fetched_at from crossref_cache")
    merged = 0
    while batch := rows.fetchmany(BATCH_ROWS):
        target.executemany(
            "insert into crossref_cache (key, status, body, fetched_at) values (?, ?, ?, ?) "
            "on conflict (key) do update set status = excluded.status, body = excluded.body, "
            "fetched_at = excluded.fetched_at "
            "where excluded.fetched_at > crossref_cache.fetched_at",
            batch,
        )
        merged += len(batch)
    return merged


def _first_id(conn: sqlite3.Connection, table: str) -> int:
    return conn.execute(f"select coalesce(min(id), 1) from [{table}]").fetchone()[0]
