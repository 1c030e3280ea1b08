"""Other people's databases, older ones, damaged ones: refused with one line, never written (#18).

reflink recognises its own database by the `_sqlite_migrations` row of its first migration and the
tables that migration made. Anything else holding tables is another tool's: every command refuses
it before writing. The read commands (report, lookup, bibtex, serve) open the file read-only, so
they never write, not even a migration: an older file is named with `reflink upgrade`.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from killed import cut_off_write
from reflink.cli import cli

READ_COMMANDS = {
    "report": ["report"],
    "lookup": ["lookup", "crizotinib"],
    "bibtex": ["bibtex", "--all"],
    "serve": ["serve", "--port", "0"],
}
WRITE_COMMANDS = {
    "upgrade": ["upgrade"],
    "resolve": ["resolve", "--crossref-url", "http://127.0.0.1:9"],
    "fill-references": ["fill-references", "--crossref-url", "http://127.0.0.1:9"],
    "check-sources": ["check-sources", "--crossref-url", "http://127.0.0.1:9"],
}
ALL_COMMANDS = {**READ_COMMANDS, **WRITE_COMMANDS}


def run(args: list[str], db: Path):
    return CliRunner().invoke(cli, [*args, "--db", str(db)])


def files_beside(db: Path) -> dict[str, bytes]:
    """Every file in the database's directory, by name: a journal left or made shows too."""
    return {path.name: path.read_bytes() for path in sorted(db.parent.iterdir())}


def assert_refused(result, line: str, db: Path, before: dict[str, bytes]) -> None:
    assert result.exit_code == 1, result.output
    assert result.stderr == line + "\n"
    assert "Traceback" not in result.output
    assert files_beside(db) == before


def another_tools_database(path: Path) -> Path:
    with sqlite3.connect(path) as conn:
        conn.execute("create table notes (id integer primary key, body text)")
        conn.execute("create view recent as select * from notes")
        conn.execute("insert into notes (body) values ('mine, not reflink''s')")
    conn.close()
    return path


@pytest.mark.parametrize("args", ALL_COMMANDS.values(), ids=ALL_COMMANDS.keys())
def test_another_tools_database_is_refused_by_every_command(tmp_path: Path, args) -> None:
    db = another_tools_database(tmp_path / "notes.db")
    before = files_beside(db)
    assert_refused(
        run(args, db),
        f"Error: {db} is not a reflink database (it holds notes, recent); reflink leaves it "
        "alone: choose another --db",
        db,
        before,
    )


def test_another_tools_database_is_refused_by_ingest(tmp_path: Path) -> None:
    (tmp_path / "db").mkdir()
    db = another_tools_database(tmp_path / "db" / "notes.db")
    text = tmp_path / "doc.txt"
    text.write_text("A study found it.1\n\nReferences\n\n1 A. Smith, Lancet, 2014, 15, 1–9.\n")
    before = files_beside(db)
    assert_refused(
        CliRunner().invoke(cli, ["ingest", str(text), "--db", str(db)]),
        f"Error: {db} is not a reflink database (it holds notes, recent); reflink leaves it "
        "alone: choose another --db",
        db,
        before,
    )


def test_another_sqlite_utils_tools_migrations_do_not_make_it_reflinks(tmp_path: Path) -> None:
    """A `_sqlite_migrations` table of another migration set, even beside a `documents` table."""
    db = tmp_path / "other.db"
    with sqlite3.connect(db) as conn:
        conn.execute("create table _sqlite_migrations (migration_set, name, applied_at)")
        conn.execute("insert into _sqlite_migrations values ('notes-app', 'm001_initial', 'now')")
        conn.execute("create table documents (id integer primary key)")
    conn.close()
    before = files_beside(db)
    result = run(READ_COMMANDS["report"], db)
    assert_refused(
        result,
        f"Error: {db} is not a reflink database (it holds _sqlite_migrations, documents); "
        "reflink leaves it alone: choose another --db",
        db,
        before,
    )


@pytest.mark.parametrize("args", READ_COMMANDS.values(), ids=READ_COMMANDS.keys())
def test_read_commands_do_not_create_a_missing_database(tmp_path: Path, args) -> None:
    db = tmp_path / "missing" / "reflink.db"
    result = run(args, db)
    assert result.exit_code == 1
    assert result.stderr == f"Error: {db} does not exist; run `reflink ingest` first\n"
    assert not db.parent.exists()


@pytest.mark.parametrize("args", READ_COMMANDS.values(), ids=READ_COMMANDS.keys())
def test_read_commands_do_not_turn_an_empty_file_into_a_database(tmp_path: Path, args) -> None:
    db = tmp_path / "empty.db"
    db.write_bytes(b"")
    assert_refused(
        run(args, db),
        f"Error: {db} is an empty database; run `reflink ingest` first",
        db,
        {"empty.db": b""},
    )


@pytest.mark.parametrize("args", READ_COMMANDS.values(), ids=READ_COMMANDS.keys())
def test_read_commands_do_not_migrate_an_older_database(
    tmp_path: Path, seed_db: Path, args
) -> None:
    db = tmp_path / "older.db"
    db.write_bytes(seed_db.read_bytes())
    with sqlite3.connect(db) as conn:
        conn.execute("delete from _sqlite_migrations where name = 'm002_crossref'")
        conn.execute("drop view dangling_citations")
    conn.close()
    before = files_beside(db)
    assert_refused(
        run(args, db),
        f"Error: {db} was written by an older reflink (it lacks m002_crossref, "
        f"dangling_citations); `reflink upgrade --db {db}` brings it up to date",
        db,
        before,
    )


# A writer killed inside its transaction (or stopped by a full disk) leaves a hot journal. A
# reader that rolled it back would write; one that ignored it (immutable) would read a half-done
# write. Read-only, SQLite refuses to read, and the line names the command that rolls it back.
def test_read_commands_refuse_a_cut_off_write_and_upgrade_rolls_it_back(
    tmp_path: Path, seed_db: Path
) -> None:
    db = tmp_path / "cut.db"
    db.write_bytes(seed_db.read_bytes())
    cut_off_write(db)
    before = files_beside(db)
    for args in READ_COMMANDS.values():
        assert_refused(
            run(args, db),
            f"Error: {db} holds a write that was cut off (a killed process, a full disk); "
            f"`reflink upgrade --db {db}` rolls it back",
            db,
            before,
        )
    result = run(["upgrade"], db)
    assert result.exit_code == 0, result.output
    assert result.stdout == f"{db}: already up to date\n"
    with sqlite3.connect(db) as conn:
        assert conn.execute("select count(*) from citations").fetchone()[0] > 0
        assert not conn.execute("select 1 from claims where text like '%half-written%'").fetchall()
    conn.close()


def test_report_on_a_damaged_database_is_one_line(tmp_path: Path, seed_db: Path) -> None:
    """Every page but the first (the schema) overwritten: reading any table meets garbage."""
    data = bytearray(seed_db.read_bytes())
    page_size = int.from_bytes(data[16:18], "big")
    for offset in range(page_size, len(data), page_size):
        data[offset : offset + page_size] = b"\x5a" * page_size
    db = tmp_path / "damaged.db"
    db.write_bytes(bytes(data))
    before = files_beside(db)
    result = run(["report"], db)
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: {db} is damaged (")
    assert result.stderr.endswith("); restore it from a copy\n")
    assert result.stderr.count("\n") == 1
    assert files_beside(db) == before


def test_upgrade_brings_an_older_database_up_to_date(tmp_path: Path, seed_db: Path) -> None:
    db = tmp_path / "older.db"
    db.write_bytes(seed_db.read_bytes())
    with sqlite3.connect(db) as conn:
        conn.execute("drop view claim_sources")
    conn.close()
    result = run(["upgrade"], db)
    assert result.exit_code == 0, result.output
    assert result.stdout == f"{db}: added claim_sources\n"
    assert run(["report"], db).exit_code == 0
