"""db: opening, migrating and the write path (one transaction, children replaced by document)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from reflink.db import connect, delete_document_rows, open_db, write_document, write_transaction
from reflink.errors import DatabaseError
from reflink.models import Claim, Line, Marker, ParsedDocument, RefEntry, Section


def tiny_document(cited: int = 2) -> ParsedDocument:
    """One section, one claim citing [1] and a dangling [cited], one entry."""
    section = Section(number="1", title="Introduction", line_start=1)
    markers = (
        Marker(line=2, text="[1]", numbers=(1,), start=10, end=13, style="bracket"),
        Marker(line=2, text=f"[{cited}]", numbers=(cited,), start=20, end=23, style="bracket"),
    )
    return ParsedDocument(
        lines=[Line(1, "1 Introduction", "1 Introduction"), Line(2, "text", "text")],
        references=[
            RefEntry(
                number=1,
                raw="A. Smith, J., 2014, 1, 1–2.",
                line=5,
                year=2014,
                authors=("A. Smith",),
            )
        ],
        markers=list(markers),
        sections=[section],
        claims=[
            Claim(
                text="Kinase inhibitors work.",
                line_start=2,
                line_end=2,
                section=section,
                markers=markers,
            )
        ],
        doi="10.1000/own",
    )


def write(db, doc: ParsedDocument, path: str = "/x/a.txt") -> int:
    with write_transaction(db, "test.db"):
        return write_document(
            db,
            doc,
            path=path,
            name=Path(path).name,
            sha256="0" * 64,
            ingested_at="2026-01-01T00:00:00+00:00",
        )


def test_open_db_creates_schema_and_parent(tmp_path: Path) -> None:
    db = open_db(tmp_path / "new" / "r.db")
    tables = set(db.table_names())
    assert {
        "documents",
        "sections",
        "claims",
        "refs",
        "citations",
        "problems",
        "claims_fts",
        "refs_fts",
    } <= tables
    assert {"claim_sources", "dangling_citations"} <= set(db.view_names())
    db.close()


def test_opening_a_current_database_changes_no_byte(tmp_path: Path) -> None:
    """So `report`, `lookup` and `serve` never modify a database they only read."""
    path = tmp_path / "r.db"
    db = open_db(path)
    write(db, tiny_document())
    db.close()
    before = path.read_bytes()
    open_db(path).close()
    assert path.read_bytes() == before


def test_write_document_rows(tmp_path: Path) -> None:
    db = open_db(tmp_path / "r.db")
    document_id = write(db, tiny_document())
    assert db.execute("select doi, line_count from documents").fetchall() == [("10.1000/own", 2)]
    rows = db.execute("select number, ref_id is null, claim_id, style from citations").fetchall()
    assert rows == [(1, 0, 1, "bracket"), (2, 1, 1, "bracket")]
    assert db.execute("select authors from refs").fetchone() == ('["A. Smith"]',)
    assert db.execute("select section_id from claims").fetchone() == (1,)
    assert document_id == 1
    db.close()


def test_rewrite_replaces_rows_and_keeps_document_id(tmp_path: Path) -> None:
    db = open_db(tmp_path / "r.db")
    write(db, tiny_document(), path="/x/a.txt")
    write(db, tiny_document(), path="/x/b.txt")
    assert write(db, tiny_document(cited=7), path="/x/a.txt") == 1
    assert db.execute(
        "select document_id, number from citations order by document_id, number"
    ).fetchall() == [(1, 1), (1, 7), (2, 1), (2, 2)]
    assert db.execute("select count(*) from claims_fts").fetchone() == (2,)
    db.close()


def test_delete_document_rows_leaves_other_documents(tmp_path: Path) -> None:
    db = open_db(tmp_path / "r.db")
    write(db, tiny_document(), path="/x/a.txt")
    write(db, tiny_document(), path="/x/b.txt")
    with write_transaction(db, "test.db"):
        delete_document_rows(db, 1)
    for table in ("citations", "claims", "refs", "sections"):
        assert db.execute(f"select distinct document_id from {table}").fetchall() == [(2,)]
    assert db.execute("select count(*) from refs_fts").fetchone() == (1,)
    db.close()


def test_write_transaction_rolls_back_to_identical_bytes(tmp_path: Path) -> None:
    path = tmp_path / "r.db"
    db = open_db(path)
    write(db, tiny_document())
    before = path.read_bytes()
    with pytest.raises(RuntimeError), write_transaction(db, path):
        write_document(
            db,
            tiny_document(cited=9),
            path="/x/c.txt",
            name="c.txt",
            sha256="1" * 64,
            ingested_at="now",
        )
        raise RuntimeError("fault after the rows were written")
    db.close()
    assert path.read_bytes() == before


def test_connect_refuses_a_file_that_is_not_sqlite(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("not a database\n" * 100)
    with pytest.raises(
        DatabaseError, match=r"is not a usable SQLite database \(file is not a database\)"
    ):
        connect(path)
    assert path.read_text() == "not a database\n" * 100


def test_write_transaction_names_a_locked_database(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import importlib

    monkeypatch.setattr(importlib.import_module("reflink.db"), "BUSY_TIMEOUT_S", 0)
    path = tmp_path / "r.db"
    open_db(path).close()
    holder = sqlite3.connect(path)
    holder.execute("begin immediate")
    db = connect(path)
    try:
        with (
            pytest.raises(DatabaseError, match="is locked by another writer"),
            write_transaction(db, path),
        ):
            pass
    finally:
        holder.rollback()
        holder.close()
        db.close()


def test_many_rows_are_written_in_order_and_indexed_for_search(tmp_path: Path) -> None:
    """Past a few rows a table is written through a temporary stage by one INSERT … SELECT
    (one full-text flush instead of one per claim): same ids, same order, every claim
    searchable, and nothing of the stage left behind."""
    section = Section(number="1", title="Introduction", line_start=1)
    texts = [f"Inhibitor {n} shrank tumour {'abcdefghijklmnopqrst'[n]} lesions." for n in range(20)]
    doc = ParsedDocument(
        lines=[Line(n, text, text) for n, text in enumerate(texts, start=1)],
        references=[],
        markers=[],
        sections=[section],
        claims=[
            Claim(text=text, line_start=n, line_end=n, section=section)
            for n, text in enumerate(texts, start=1)
        ],
    )
    db = open_db(tmp_path / "r.db")
    write(db, doc)
    assert db.execute("select id, text from claims order by rowid").fetchall() == [
        (n, text) for n, text in enumerate(texts, start=1)
    ]
    assert db.execute("select number, text from lines order by rowid").fetchall() == [
        (n, text) for n, text in enumerate(texts, start=1)
    ]
    db.execute("insert into claims_fts (claims_fts) values ('integrity-check')")
    assert db.execute("select rowid from claims_fts where claims_fts match 'k'").fetchall() == [
        (11,)
    ]
    assert db.execute("select count(*) from temp.sqlite_master").fetchone() == (0,)
    db.close()


def test_schema_py_is_what_the_migrations_make() -> None:
    """A new database is made from schema.py without sqlite-utils; it must be what the
    migrations and ensure_shape make. After adding a migration, run `python -m reflink.db`."""
    from reflink import schema
    from reflink.db import schema_statements, shape_fingerprint

    assert schema.FINGERPRINT == shape_fingerprint(), "run `python -m reflink.db`"
    assert list(schema.STATEMENTS) == schema_statements(), "run `python -m reflink.db`"


def test_a_new_database_from_schema_py_equals_one_migrated_by_sqlite_utils(tmp_path: Path) -> None:
    """Same objects, in the same order, on the same pages, and the same migrations recorded."""
    import sqlite_utils

    from reflink.db import ensure_shape, migrate, migrations, open_writer

    made = open_writer(tmp_path / "made.db")
    with write_transaction(made, "made.db"):
        migrate(made)  # empty: made from schema.py
    migrated = sqlite_utils.Database(tmp_path / "migrated.db")
    with migrated.atomic():
        migrations.apply(migrated)
        ensure_shape(migrated)
    for query in (
        "select type, name, tbl_name, rootpage, sql from sqlite_master order by rowid",
        "select id, migration_set, name from _sqlite_migrations order by id",
        "pragma integrity_check",
    ):
        assert made.execute(query).fetchall() == migrated.execute(query).fetchall(), query
    made.close()
    migrated.close()
