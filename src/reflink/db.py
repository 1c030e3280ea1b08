"""The database: migrations, document writes, full-text search, views and indexes.

This is the only module that creates or writes tables. The table and column names are a contract
(users, canned queries and the evaluation read them): extend with a new migration, rename nothing.
"""

from __future__ import annotations

import datetime
import hashlib
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import DatabaseError
from .models import ParsedDocument

if TYPE_CHECKING:
    import sqlite_utils


class MigrationSet:
    """reflink's migrations, recorded as sqlite-utils' `Migrations` records them (the same
    `@migrations()` decorator, the same `_sqlite_migrations` rows) without importing sqlite-utils
    (with its plugins, ~0.1 s of a cold ingest): an ingest into a current database, or into a new
    one made from schema.py, never needs it. Applying a pending migration hands the recorded
    functions to sqlite-utils."""

    table = "_sqlite_migrations"

    def __init__(self, name: str) -> None:
        self.name = name
        self.steps: list[tuple[str, Callable[[sqlite_utils.Database], None]]] = []

    def __call__(self, *, name: str | None = None) -> Callable[[Callable], Callable]:
        def record(function: Callable) -> Callable:
            self.steps.append((name or function.__name__, function))
            return function

        return record

    @property
    def names(self) -> list[str]:
        return [name for name, _ in self.steps]

    def applied(self, db: sqlite_utils.Database | sqlite3.Connection) -> list[str]:
        """The names of the migrations applied to `db`, in the order they were (read-only)."""
        conn = _connection(db)
        if not _has_table(conn, self.table):
            return []
        return [
            name
            for (name,) in conn.execute(
                f"select name from [{self.table}] where migration_set = ? order by rowid",
                [self.name],
            )
        ]

    def pending(self, db: sqlite_utils.Database | sqlite3.Connection) -> list[str]:
        done = set(self.applied(db))
        return [name for name in self.names if name not in done]

    def apply(self, db: sqlite_utils.Database) -> None:
        from sqlite_utils.migrations import Migrations

        migrations = Migrations(self.name)
        for name, function in self.steps:
            migrations(name=name)(function)
        migrations.apply(db)


def _has_table(conn: sqlite3.Connection, name: str) -> bool:
    found = conn.execute("select 1 from sqlite_master where type = 'table' and name = ?", [name])
    return found.fetchone() is not None


migrations = MigrationSet("reflink")


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
    "claims": [["document_id"], ["section_id"], ["kind"]],  # kind: a default facet (#4)
    # ["document_id", "deposit_key"]: filling from a deposited list finds its earlier rows (#18)
    "refs": [["document_id", "number"], ["doi"], ["document_id", "deposit_key"]],
    # ["number"]: the "Claims citing reference N" query and the citations facet by number;
    # ["ref_id", "claim_id"] covers "Most cited references" (38 → 17 ms on 100k citations) (#4)
    "citations": [
        ["document_id", "number"],
        ["number"],
        ["claim_id"],
        ["ref_id", "claim_id"],
        ["line"],
    ],
    "problems": [["document_id"]],
    "lines": [["document_id", "number"]],
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
            refs.url as url,
            refs.update_status as update_status
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
        # SQLite stores the statement without trailing blanks; stripped, an unchanged view is
        # left alone (no DROP + CREATE), so opening a current database writes nothing
        db.create_view(name, sql.rstrip(), replace=True)


# How long a writer waits for another process's transaction before giving up with a clear error.
BUSY_TIMEOUT_S = 30


def open_writer(path: Path | str) -> sqlite3.Connection:
    """Open an SQLite file for writing without changing it (no migration).

    A file that is not SQLite, or an SQLite database of another tool, is refused (DatabaseError)
    before anything is written to it: reflink adds its tables only to its own databases.
    """
    path = Path(path)
    if path.is_dir():
        raise DatabaseError(f"{path} is a directory, not a database file")
    if path.exists() and not path.is_file():
        raise DatabaseError(f"{path} is not a regular file")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DatabaseError(f"cannot create {path.parent}: {exc.strerror}") from exc
    try:
        conn = sqlite3.connect(path)
        # as sqlite-utils' Database sets it, for the same trigger behaviour either way
        conn.execute("pragma recursive_triggers = on")
        conn.execute("pragma foreign_keys = on")
        conn.execute(f"pragma busy_timeout = {BUSY_TIMEOUT_S * 1000}")
        # reading the schema is what fails on a file that is not SQLite ("file is not a database")
        conn.execute("select count(*) from sqlite_master").fetchone()
        check_reflink_database(conn, path)
    except sqlite3.DatabaseError as exc:
        raise _unusable(path, exc) from exc
    return conn


def connect(path: Path | str) -> sqlite_utils.Database:
    """`open_writer`, as a sqlite-utils Database (for the commands that use its table API)."""
    import sqlite_utils

    return sqlite_utils.Database(open_writer(path))


# The tables of the first migration: with its row in `_sqlite_migrations`, the mark of a database
# reflink made. A file holding anything else is another tool's, and stays untouched.
REFLINK_TABLES = frozenset({"documents", "sections", "claims", "refs", "citations", "problems"})


def check_reflink_database(
    db: sqlite_utils.Database | sqlite3.Connection, path: Path | str
) -> None:
    """Refuse (DatabaseError) a database that holds something and is not reflink's; an empty
    database is a new one."""
    names = [
        name
        for (name,) in db.execute(
            "select name from sqlite_master where name not like 'sqlite_%' order by name"
        )
    ]
    if not names:
        return
    applied = set(migrations.applied(db))
    if "m001_initial" in applied and REFLINK_TABLES <= set(names):
        return
    shown = ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")
    raise DatabaseError(
        f"{path} is not a reflink database (it holds {shown}); reflink leaves it alone: "
        "choose another --db"
    )


def missing_shape(db: sqlite_utils.Database | sqlite3.Connection) -> list[str]:
    """What a reader needs that an older reflink did not make: migrations, full-text indexes,
    views (read-only: nothing is created)."""
    names = {
        name
        for (name,) in _connection(db).execute(
            "select name from sqlite_master where type in ('table', 'view')"
        )
    }
    return [
        *migrations.pending(db),
        *(f"{table}_fts" for table in FTS if f"{table}_fts" not in names),
        *(view for view in VIEWS if view not in names),
    ]


def _unusable(path: Path | str, exc: sqlite3.Error) -> DatabaseError:
    """One line for an SQLite error met while opening or reading a database."""
    if getattr(exc, "sqlite_errorname", "") == "SQLITE_READONLY_ROLLBACK":
        return DatabaseError(
            f"{path} holds a write that was cut off (a killed process, a full disk); "
            f"`reflink upgrade --db {path}` rolls it back"
        )
    if "malformed" in str(exc) or "corrupt" in str(exc):
        return DatabaseError(f"{path} is damaged ({exc}); restore it from a copy")
    return DatabaseError(f"{path} is not a usable SQLite database ({exc})")


def migrate(db: sqlite_utils.Database | sqlite3.Connection) -> None:
    """Apply pending migrations and `ensure_shape`, in the caller's transaction if one is open.

    Without sqlite-utils when it would change nothing (a database already current) or when
    schema.py says what it would make (a new, empty database): most ingests."""
    conn = _connection(db)
    statements = _current_schema()
    if statements is not None:
        present = {sql for (sql,) in conn.execute("select sql from sqlite_master")}
        if not present - {None}:
            _create_schema(conn, statements)
            return
        if present.issuperset(statements) and not migrations.pending(conn):
            return
    if isinstance(db, sqlite3.Connection):
        import sqlite_utils

        db = sqlite_utils.Database(db)
    if migrations.pending(db):
        migrations.apply(db)
    ensure_shape(db)


def shape_fingerprint() -> str:
    """What the migrations and `ensure_shape` make, in short: their names and dictionaries."""
    shape = repr((migrations.name, migrations.names, INDEXES, FTS, VIEWS))
    return hashlib.sha256(shape.encode("utf-8")).hexdigest()


def _current_schema() -> tuple[str, ...] | None:
    """schema.py's statements, when they are of the current migrations and shape."""
    from . import schema

    return schema.STATEMENTS if schema.FINGERPRINT == shape_fingerprint() else None


def _create_schema(conn: sqlite3.Connection, statements: Sequence[str]) -> None:
    """A new database made in one pass: the statements the migrations made, in their order, and
    the rows that record them as applied (execute, not executescript: that would commit)."""
    for sql in statements:
        conn.execute(sql)
    applied_at = str(datetime.datetime.now(datetime.timezone.utc))  # as sqlite-utils writes it
    conn.executemany(
        f"insert into [{migrations.table}] (migration_set, name, applied_at) values (?, ?, ?)",
        [(migrations.name, name, applied_at) for name in migrations.names],
    )


def schema_statements() -> list[str]:
    """Run the migrations and `ensure_shape` through sqlite-utils on an empty database; return
    the statements they made, in order (the tables FTS5 makes for itself are left out: creating
    the virtual table makes them again)."""
    import sqlite_utils

    db = sqlite_utils.Database(memory=True)
    with db.atomic():
        migrations.apply(db)
        ensure_shape(db)
    rows = db.execute("select type, name, sql from sqlite_master order by rowid").fetchall()
    virtual = [name for kind, name, sql in rows if sql and sql.startswith("CREATE VIRTUAL")]
    db.close()
    return [
        sql
        for kind, name, sql in rows
        if sql and not (kind == "table" and any(name.startswith(f"{v}_") for v in virtual))
    ]


def write_schema_module(path: Path | None = None) -> Path:
    """Rewrite schema.py from the migrations (`python -m reflink.db`)."""
    path = path or Path(__file__).with_name("schema.py")
    lines = [
        "# ruff: noqa: E501",
        '"""What reflink\'s migrations and `db.ensure_shape` make of an empty database, in order.',
        "",
        "A new database is created from these statements in one pass, without sqlite-utils;",
        "db.migrate uses them only while FINGERPRINT is that of the current migrations, indexes,",
        "full-text indexes and views. Generated by `python -m reflink.db`: run it after adding a",
        "migration (tests/test_db.py fails until then). Do not edit.",
        '"""',
        "",
        f'FINGERPRINT = "{shape_fingerprint()}"',
        "",
        "STATEMENTS = (",
        *(f"    {_literal(sql)}," for sql in schema_statements()),
        ")",
        "",
    ]
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def _literal(text: str) -> str:
    """A string literal as `ruff format` writes it: the quote that needs fewer escapes, double
    on a tie (so the generated module passes `make lint` as written)."""
    quote = "'" if text.count('"') > text.count("'") else '"'
    escaped = text.replace("\\", "\\\\").replace(quote, "\\" + quote).replace("\n", "\\n")
    return quote + escaped + quote


def open_db(path: Path | str) -> sqlite_utils.Database:
    """Open (creating if needed) a reflink database, applying pending migrations."""
    db = connect(path)
    try:
        with atomic_write(db):
            migrate(db)
    except sqlite3.DatabaseError as exc:
        db.close()
        raise _unusable(path, exc) from exc
    return db


@contextmanager
def atomic_write(db: sqlite_utils.Database) -> Iterator[sqlite_utils.Database]:
    """`db.atomic()` for writes: a transaction it opens is `BEGIN IMMEDIATE`, inside one it is
    a savepoint. sqlite-utils' own `BEGIN` is deferred, and its upsert reads the table's
    shape before it writes: with another writer holding the lock at that moment, SQLite
    answers "database is locked" at once, without the busy timeout's wait."""
    if db.conn.in_transaction:
        with db.atomic():
            yield db
        return
    db.conn.execute("BEGIN IMMEDIATE")
    try:
        yield db
    except BaseException:
        if db.conn.in_transaction:
            db.conn.execute("ROLLBACK")
        raise
    db.conn.execute("COMMIT")


@contextmanager
def write_transaction(
    db: sqlite_utils.Database | sqlite3.Connection, path: Path | str
) -> Iterator[None]:
    """One `BEGIN IMMEDIATE` transaction: all of it commits, or the file stays byte-identical.

    IMMEDIATE takes the write lock up front: two deferred transactions that both read and then
    write deadlock, and SQLite answers one of them "database is locked" without waiting.
    """
    conn = _connection(db)
    try:
        conn.execute("begin immediate")
    except sqlite3.OperationalError as exc:
        raise _database_error(path, exc) from exc
    try:
        yield
        conn.execute("commit")
    except BaseException as exc:
        if conn.in_transaction:
            conn.execute("rollback")
        if isinstance(exc, sqlite3.Error):
            raise _database_error(path, exc) from exc
        raise


def _database_error(path: Path | str, exc: sqlite3.Error) -> DatabaseError:
    if "locked" in str(exc) or "busy" in str(exc):
        return DatabaseError(
            f"{path} is locked by another writer (waited {BUSY_TIMEOUT_S} s); try again"
        )
    return DatabaseError(f"{path}: {exc}")


@contextmanager
def open_existing(path: Path | str) -> Iterator[sqlite_utils.Database]:
    """Open a database that must already exist, for writing (resolve, fill-references, upgrade):
    pending migrations are applied."""
    path = Path(path)
    if not path.exists():
        raise DatabaseError(f"{path} does not exist; run `reflink ingest` first")
    db = open_db(path)
    try:
        yield db
    finally:
        db.close()


def upgrade_database(path: Path | str) -> list[str]:
    """Apply what an older reflink did not make, in one transaction; returns what was added."""
    path = Path(path)
    if not path.exists():
        raise DatabaseError(f"{path} does not exist; run `reflink ingest` first")
    db = connect(path)
    try:
        with write_transaction(db, path):
            missing = missing_shape(db)
            migrate(db)
    finally:
        db.close()
    return missing


def read_only_uri(path: Path | str) -> str:
    """The URI that opens `path` read-only (`mode=ro`): SQLite itself refuses every write."""
    return f"{Path(path).resolve().as_uri()}?mode=ro"


@contextmanager
def open_reader(path: Path | str) -> Iterator[sqlite_utils.Database]:
    """Open a reflink database read-only (report, lookup, bibtex, serve): nothing is ever written,
    not even a migration; a missing, foreign, older or damaged database is one DatabaseError."""
    path = Path(path)
    if not path.exists():
        raise DatabaseError(f"{path} does not exist; run `reflink ingest` first")
    if path.is_dir():
        raise DatabaseError(f"{path} is a directory, not a database file")
    if not path.is_file():
        raise DatabaseError(f"{path} is not a regular file")
    try:
        import sqlite_utils

        db = sqlite_utils.Database(sqlite3.connect(read_only_uri(path), uri=True))
    except sqlite3.Error as exc:
        raise _unusable(path, exc) from exc
    try:
        db.execute(f"pragma busy_timeout = {BUSY_TIMEOUT_S * 1000}")
        db.execute("select count(*) from sqlite_master").fetchone()
        check_reflink_database(db, path)
        missing = missing_shape(db)
        if "m001_initial" in missing:
            raise DatabaseError(f"{path} is an empty database; run `reflink ingest` first")
        if missing:
            raise DatabaseError(
                f"{path} was written by an older reflink (it lacks {', '.join(missing[:3])}); "
                f"`reflink upgrade --db {path}` brings it up to date"
            )
        yield db
    except sqlite3.Error as exc:
        # also what the caller's queries meet: a corrupt page read by `report`
        raise _unusable(path, exc) from exc
    finally:
        db.close()


def write_document(
    db: sqlite_utils.Database | sqlite3.Connection,
    doc: ParsedDocument,
    *,
    path: str,
    name: str,
    sha256: str,
    source: str | None = None,
    licence: str | None = None,
    ingested_at: str,
) -> int:
    """Replace one document's rows (keyed by path) with `doc`; call inside `db.atomic()`.

    Plain SQL on the connection: the rows are made and staged by `staging.stage_document` (in
    a worker process, under `ingest --jobs`) and copied in by `staging.write_staged`, one
    statement per table (sqlite-utils' table methods re-read the schema on every call)."""
    from .staging import stage_document, write_staged

    return write_staged(
        db,
        stage_document(doc),
        path=path,
        name=name,
        sha256=sha256,
        source=source,
        licence=licence,
        ingested_at=ingested_at,
    )


def _connection(db: sqlite_utils.Database | sqlite3.Connection) -> sqlite3.Connection:
    """The sqlite3 connection under a sqlite-utils Database, or the connection itself."""
    return getattr(db, "conn", db)


def first_free_id(db: sqlite_utils.Database | sqlite3.Connection, table: str) -> int:
    return db.execute(f"select coalesce(max(id), 0) + 1 from [{table}]").fetchone()[0]


def _insert_rows(db: sqlite_utils.Database, table: str, rows: list[dict[str, Any]]) -> None:
    """Rows sharing one set of keys → one statement (sqlite-utils re-reads the schema per row)."""
    if rows:
        columns = list(rows[0])
        values = [[row[column] for column in columns] for row in rows]
        insert_values(_connection(db), table, columns, values)


def insert_values(
    conn: sqlite3.Connection, table: str, columns: Sequence[str], values: list[Sequence[Any]]
) -> None:
    """Rows of `columns`, in order, into `table`.

    Many rows are staged in a temporary table and copied by one INSERT … SELECT: an executemany
    is a statement per row, and each statement in a transaction costs a savepoint, at which
    FTS5 writes its pending index out (one full-text segment per claim, merged again and
    again). The rows, their ids and their order are the same (the stage has no column types:
    values reach the table as bound). `merge` and the Crossref writes use it; ingest stages a
    document's rows where it parses them and copies them in the same way (reflink.staging)."""
    if not values:
        return
    names = ", ".join(f"[{column}]" for column in columns)
    placeholders = ", ".join("?" * len(columns))
    if len(values) < STAGE_FROM_ROWS:
        conn.executemany(f"insert into [{table}] ({names}) values ({placeholders})", values)
        return
    stage = f"temp.[{table}_staged]"
    conn.execute(f"drop table if exists {stage}")
    conn.execute(f"create table {stage} ({names})")
    conn.executemany(f"insert into {stage} values ({placeholders})", values)
    conn.execute(f"insert into main.[{table}] ({names}) select {names} from {stage} order by rowid")
    conn.execute(f"drop table {stage}")


# Below this many rows the three statements of staging cost more than they save.
STAGE_FROM_ROWS = 8


# From this many new rows on, their full-text entries are written in one statement after them
# rather than by the insert trigger, a statement per row (100,000 deposited entries: ~3× faster)
BULK_INDEX_ROWS = 500


def insert_indexed_rows(db: sqlite_utils.Database, table: str, rows: list[dict[str, Any]]) -> None:
    """New rows with consecutive ids → one executemany, their full-text entries in one more.

    Call inside the write's transaction: the insert trigger is dropped and made again within
    it, so a failure leaves the trigger (and the index) as they were."""
    trigger = db.execute(
        "select sql from sqlite_master where type = 'trigger' and name = ?", [f"{table}_ai"]
    ).fetchone()
    ids = [row.get("id") for row in rows]
    consecutive = bool(ids) and ids == list(range(ids[0], ids[0] + len(ids)))
    if table not in FTS or trigger is None or len(rows) < BULK_INDEX_ROWS or not consecutive:
        _insert_rows(db, table, rows)
        return
    db.execute(f"drop trigger [{table}_ai]")
    _insert_rows(db, table, rows)
    columns = ", ".join(f"[{column}]" for column in FTS[table])
    db.execute(
        f"insert into [{table}_fts] (rowid, {columns})"
        f" select rowid, {columns} from [{table}] where rowid between ? and ?",
        [ids[0], ids[-1]],
    )
    db.execute(trigger[0])


def delete_document_rows(db: sqlite_utils.Database | sqlite3.Connection, document_id: int) -> None:
    """Remove everything that belongs to one document, children first."""
    conn = _connection(db)
    has_lines = conn.execute(
        "select 1 from sqlite_master where type = 'table' and name = 'lines'"
    ).fetchone()
    tables = (
        "citations",
        "claim_context",
        "problems",
        "claims",
        "paragraphs",
        "sections",
        "doi_candidates",
        "ref_updates",
        "refs",
        "lines",
    )
    for table in tables:
        if table == "lines" and not has_lines:
            continue
        conn.execute(f"delete from [{table}] where document_id = ?", [document_id])


# ---------------------------------------------------------------------------------------------
# Crossref (issue 5): the response cache, DOI candidates kept for audit, entries filled from the
# review's deposited reference list. enrich.py decides; these functions only write.
# ---------------------------------------------------------------------------------------------


@migrations()
def m002_crossref(db: sqlite_utils.Database) -> None:
    db.table("crossref_cache").create(
        {
            "key": str,  # the request URL without `mailto`: the same question, whoever asks it
            "status": int,  # 200, or 404 (a DOI Crossref does not know is an answer too)
            "body": str,
            "fetched_at": str,
        },
        pk="key",
    )
    db.table("doi_candidates").create(
        {
            "id": int,
            "ref_id": int,
            "document_id": int,
            "number": int,
            "rank": int,  # 1 = Crossref's first hit
            "doi": str,
            "title": str,
            "score": float,  # Crossref's relevance score, as returned
            "normalised_score": float,  # score / length of the query string
            "evidence": str,  # JSON: field → agree | disagree | unknown, with both values
            "decision": str,  # accepted | rejected | ambiguous
            "reason": str,
            "chosen": int,  # 1 on the candidate whose DOI was written to refs.doi
        },
        pk="id",
        foreign_keys=[("ref_id", "refs", "id"), ("document_id", "documents", "id")],
    )
    refs = db.table("refs")
    # text | crossref (search match) | deposit (the publisher's deposited list)
    refs.add_column("doi_source", str)
    refs.add_column("doi_score", float)  # normalised score of the accepted candidate
    # matched | rejected | ambiguous | no-candidates | skipped; null = never resolved
    refs.add_column("doi_decision", str)
    # the `key` of the publisher's deposited reference item ("c9ra02258a-(cit12)") it was filled
    # from or cross-checked against
    refs.add_column("deposit_key", str)
    db.execute("update refs set doi_source = 'text' where doi is not null")


INDEXES["doi_candidates"] = [["ref_id"], ["document_id", "number"]]


# Paragraphs (issue 17): a claim knows its paragraph; a claim that cites nothing itself gets the
# numbers its paragraph cites as *context*, in a table of its own so that nothing that counts
# citations (reports, facets, the evaluation, the `citations` table) ever counts them.
@migrations()
def m003_paragraphs(db: sqlite_utils.Database) -> None:
    db.table("paragraphs").create(
        {
            "id": int,
            "document_id": int,
            "section_id": int,
            "position": int,  # 0, 1, 2 … in reading order within the document
            "line_start": int,
            "line_end": int,
            "kind": str,  # body | caption | table
        },
        pk="id",
        foreign_keys=[("document_id", "documents", "id"), ("section_id", "sections", "id")],
    )
    db.table("claims").add_column("paragraph_id", int)
    db.table("claim_context").create(
        {
            "id": int,
            "document_id": int,
            "claim_id": int,  # a claim with no citation of its own
            "paragraph_id": int,
            "number": int,  # cited elsewhere in the paragraph
            "ref_id": int,
            "marker": str,  # that callout as printed
            "line": int,  # where it is printed
            # sentences from the claim to the nearest one citing the number: 2 = two sentences
            # on, -1 = the sentence before
            "distance": int,
        },
        pk="id",
        foreign_keys=[
            ("document_id", "documents", "id"),
            ("claim_id", "claims", "id"),
            ("paragraph_id", "paragraphs", "id"),
            ("ref_id", "refs", "id"),
        ],
    )


INDEXES["paragraphs"] = [["document_id"]]
INDEXES["claims"].append(["paragraph_id"])
INDEXES["claim_context"] = [["claim_id"], ["document_id", "number"], ["ref_id"]]


def cached_response(db: sqlite_utils.Database, key: str) -> tuple[int, str] | None:
    """The cached (status, body) of one Crossref request, or None."""
    row = db.execute("select status, body from crossref_cache where key = ?", [key]).fetchone()
    return (row[0], row[1]) if row else None


def cache_response(
    db: sqlite_utils.Database, key: str, status: int, body: str, fetched_at: str
) -> None:
    """Store one Crossref reply (replacing an older one for the same request)."""
    db.table("crossref_cache").upsert(
        {"key": key, "status": status, "body": body, "fetched_at": fetched_at}, pk="key"
    )


def save_doi_resolution(
    db: sqlite_utils.Database,
    ref_id: int,
    candidates: list[dict[str, Any]],
    decision: str,
    doi: str | None,
    score: float | None,
) -> None:
    """Replace one entry's candidates and record the decision; a printed DOI is never touched."""
    row = db.execute(
        "select document_id, number, doi, doi_source from refs where id = ?", [ref_id]
    ).fetchone()
    if row is None:
        return
    document_id, number, current_doi, current_source = row
    db.execute("delete from doi_candidates where ref_id = ?", [ref_id])
    db.table("doi_candidates").insert_all(
        {"ref_id": ref_id, "document_id": document_id, "number": number, **candidate}
        for candidate in candidates
    )
    if current_source == "manual" or (
        current_doi is not None and current_source not in (None, "crossref")
    ):
        # printed in the text, deposited by the publisher or set by a person (doi_source
        # 'manual', with or without a DOI): keep it, only note the decision
        db.execute("update refs set doi_decision = ? where id = ?", [decision, ref_id])
    elif current_doi is not None and current_source is None:
        db.execute(
            "update refs set doi_source = 'text', doi_decision = ? where id = ?", [decision, ref_id]
        )
    else:
        db.execute(
            "update refs set doi = ?, doi_source = ?, doi_score = ?, doi_decision = ? where id = ?",
            [doi, "crossref" if doi else None, score if doi else None, decision, ref_id],
        )


def upsert_filled_references(db: sqlite_utils.Database, rows: list[dict[str, Any]]) -> list[int]:
    """Insert (or refresh) entries taken from Crossref, keyed by document and deposit key;
    returns each row's id, in order.

    One query reads the entries already filled and one executemany writes each kind: a
    deposited list of 100,000 items was 100,000 scans of the document's entries (#18). An entry
    stored as the deposit gives it is left alone, so a re-run writes nothing it need not.
    """
    existing: dict[tuple[int, str], int] = {}
    stored: dict[int, dict[str, Any]] = {}
    for document_id in {row["document_id"] for row in rows}:
        for found in db.query(
            "select * from refs where document_id = ? and source = 'crossref'"
            " and deposit_key is not null",
            [document_id],
        ):
            existing[(document_id, found["deposit_key"])] = found["id"]
            stored[found["id"]] = found
    ids: list[int] = []
    inserts: list[dict[str, Any]] = []
    updates: list[dict[str, Any]] = []
    next_id = first_free_id(db, "refs")
    for row in rows:
        record = {**row, "source": "crossref"}
        key = (row["document_id"], row["deposit_key"])
        if key in existing:
            before = stored.get(existing[key])
            if before is None or any(before.get(k) != v for k, v in record.items()):
                updates.append({**record, "id": existing[key]})
        else:
            existing[key] = next_id
            inserts.append({"id": next_id, **record})
            next_id += 1
        ids.append(existing[key])
    insert_indexed_rows(db, "refs", inserts)
    if updates:
        columns = [column for column in updates[0] if column != "id"]
        assignments = ", ".join(f"[{column}] = ?" for column in columns)
        db.conn.executemany(
            f"update refs set {assignments} where id = ?",
            [[row[column] for column in columns] + [row["id"]] for row in updates],
        )
    return ids


def link_dangling_citations(
    db: sqlite_utils.Database, document_id: int, number: int, ref_id: int
) -> int:
    """Point the citations of `number` that have no entry at `ref_id`; returns how many."""
    cursor = db.execute(
        "update citations set ref_id = ? where document_id = ? and number = ? and ref_id is null",
        [ref_id, document_id, number],
    )
    return cursor.rowcount


def set_deposited_doi(db: sqlite_utils.Database, ref_id: int, doi: str) -> None:
    """Give a text entry without a DOI the one its publisher deposited (never replaces a DOI)."""
    db.execute(
        "update refs set doi = ?, doi_source = 'deposit', doi_score = null"
        " where id = ? and (doi is null or doi_source = 'crossref')"
        " and coalesce(doi_source, '') != 'manual'",
        [doi, ref_id],
    )


# the fields `complete_reference` may fill, and nothing else
COMPLETABLE = ("year", "journal", "volume", "pages", "title")


def complete_reference(db: sqlite_utils.Database, ref_id: int, fields: dict[str, Any]) -> None:
    """Fill the empty fields of an entry the text cut; a field the text printed stays."""
    columns = [c for c in fields if c in COMPLETABLE]
    if not columns:
        return
    assignments = ", ".join(
        f"[{c}] = case when [{c}] is null or [{c}] = '' then ? else [{c}] end" for c in columns
    )
    values = [fields[c] for c in columns]
    db.execute(f"update refs set {assignments} where id = ?", [*values, ref_id])


def add_problem_once(
    db: sqlite_utils.Database, document_id: int, stage: str, line: int | None, message: str
) -> None:
    """Record a problem unless the same one is already there."""
    exists = db.execute(
        "select 1 from problems where document_id = ? and stage = ? and message = ?",
        [document_id, stage, message],
    ).fetchone()
    if not exists:
        db.table("problems").insert(
            {"document_id": document_id, "line": line, "stage": stage, "message": message}
        )


def replace_problems(
    db: sqlite_utils.Database, document_id: int, stage: str, problems: list[tuple[int | None, str]]
) -> None:
    """Replace one stage's problems of a document, so a re-run does not repeat them."""
    db.execute("delete from problems where document_id = ? and stage = ?", [document_id, stage])
    db.table("problems").insert_all(
        {"document_id": document_id, "line": line, "stage": stage, "message": message}
        for line, message in problems
    )


# ---------------------------------------------------------------------------------------------
# Sources checked against their Crossref records (issue 16): fields completed from the record,
# with where each came from, and the updates (retractions, corrections) Crossref lists for them.
# sources.py decides; these functions only write.
# ---------------------------------------------------------------------------------------------


@migrations()
def m004_source_checks(db: sqlite_utils.Database) -> None:
    refs = db.table("refs")
    # filled from the Crossref record of the entry's DOI, never over a printed value
    refs.add_column("container_title", str)  # full journal (or book) name; `journal` as printed
    refs.add_column("issue", str)
    refs.add_column("issn", str)
    refs.add_column("publisher", str)
    refs.add_column("work_type", str)  # Crossref's type: journal-article, book-chapter, …
    refs.add_column("authors_full", str)  # JSON: the printed authors with given names
    refs.add_column("field_sources", str)  # JSON: column → "crossref" for each value fetched
    # the most severe update Crossref lists for the work (retraction > withdrawal > …)
    refs.add_column("update_status", str)
    refs.add_column("update_date", str)
    refs.add_column("update_notice", str)  # DOI of that update's notice
    refs.add_column("checked_at", str)  # when the record it was checked against was fetched
    db.table("ref_updates").create(
        {
            "id": int,
            "ref_id": int,
            "document_id": int,
            "doi": str,  # the updated (cited) work
            "update_type": str,  # as Crossref names it: retraction, correction, …
            "notice_doi": str,
            "updated": str,  # ISO date, as precise as Crossref gives it
            "source": str,  # publisher | retraction-watch
            "label": str,
        },
        pk="id",
        foreign_keys=[("ref_id", "refs", "id"), ("document_id", "documents", "id")],
    )


INDEXES["refs"].append(["update_status"])
INDEXES["ref_updates"] = [["ref_id"], ["document_id"], ["update_type"]]


def save_source_check(
    db: sqlite_utils.Database,
    ref_id: int,
    *,
    fields: dict[str, Any],
    updates: list[dict[str, Any]],
    status: dict[str, Any],
) -> None:
    """Write what one entry's Crossref record says: filled `fields` (the caller has checked
    they are empty or fetched before), its `updates` (replacing the earlier ones) and the
    `status` columns (update_status, update_date, update_notice, checked_at)."""
    row = db.execute("select document_id from refs where id = ?", [ref_id]).fetchone()
    if row is None:
        return
    # plain SQL: sqlite-utils' update() re-reads the schema on every call, which was half the
    # time of checking 1,000 sources from the cache (bench/bench_sources.py)
    db.execute("delete from ref_updates where ref_id = ?", [ref_id])
    _insert_rows(
        db, "ref_updates", [{"ref_id": ref_id, "document_id": row[0], **u} for u in updates]
    )
    values = {**fields, **status}
    if values:
        assignments = ", ".join(f"[{column}] = ?" for column in values)
        db.execute(f"update refs set {assignments} where id = ?", [*values.values(), ref_id])


# ---------------------------------------------------------------------------------------------
# JATS (issue 12 item 13): the PubMed id a JATS reference list tags (`issue`, tagged too, is
# written to the column m004 made, as a printed value)
# ---------------------------------------------------------------------------------------------


@migrations()
def m005_jats_pmid(db: sqlite_utils.Database) -> None:
    db.table("refs").add_column("pmid", str)  # <pub-id pub-id-type="pmid">: PubMed's id of the work


# ---------------------------------------------------------------------------------------------
# What reflink read (issue 12): the lines of every document and the page of each row.
# ---------------------------------------------------------------------------------------------


@migrations()
def m005_pages(db: sqlite_utils.Database) -> None:
    """What reflink read, line by line with its page (issue 12 item 5).

    Every `line` in claims, citations and refs is a row of `lines` a user can read (a PDF's
    lines are reflink's extraction, not a file on disk); claims, citations and entries carry
    their page (NULL for a text file); documents say how many pages the PDF had.
    """
    db.table("lines").create(
        {"id": int, "document_id": int, "number": int, "page": int, "kind": str, "text": str},
        pk="id",
        foreign_keys=[("document_id", "documents", "id")],
    )
    db.table("lines").add_column("scripts", str)  # JSON: a PDF line's raised and lowered runs
    db.table("documents").add_column("pages", int)
    db.table("documents").add_column("format", str)
    for table in ("claims", "citations", "refs"):
        db.table(table).add_column("page", int)


if __name__ == "__main__":
    print(f"wrote {write_schema_module()}")
