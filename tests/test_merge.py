"""reflink merge: shards of a corpus into one database, as if every file had been ingested there."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from reflink.cli import cli
from reflink.errors import DatabaseError, InputError
from reflink.ingest import ingest_files
from reflink.merge import document_tables, merge_databases
from synthetic import write_corpus
from test_ingest import dump


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """Six small varied reviews: three callout styles, sections or not."""
    return write_corpus(tmp_path_factory.mktemp("corpus"), 6, entries=30, paragraphs=6)


def shards(tmp_path: Path, corpus: list[Path]) -> list[Path]:
    """The corpus ingested as three shards of two documents."""
    paths = []
    for index in range(3):
        path = tmp_path / f"shard-{index}.db"
        ingest_files(corpus[2 * index : 2 * index + 2], path)
        paths.append(path)
    return paths


def test_merged_shards_equal_one_ingest_of_all_files(tmp_path: Path, corpus) -> None:
    whole = tmp_path / "whole.db"
    ingest_files(corpus, whole)
    merged = tmp_path / "merged.db"
    results = merge_databases(shards(tmp_path, corpus), merged)
    assert [shard.documents for shard in results] == [2, 2, 2]
    # every table, row order and ids included, and the full-text indexes answer alike
    assert dump(merged) == dump(whole)
    with sqlite3.connect(merged) as conn:
        assert (
            conn.execute("select count(*) from claims_fts where text match 'kinase'").fetchone()[0]
            == sqlite3.connect(whole)
            .execute("select count(*) from claims_fts where text match 'kinase'")
            .fetchone()[0]
            > 0
        )
        # claims.paragraph_id declares no foreign key, yet follows its paragraph
        orphans = conn.execute(
            "select count(*) from claims c join paragraphs p on p.id = c.paragraph_id "
            "where p.document_id != c.document_id"
        ).fetchone()[0]
        assert orphans == 0


def test_merge_into_a_database_that_holds_documents(tmp_path: Path, corpus) -> None:
    target = tmp_path / "target.db"
    ingest_files(corpus[:3], target)
    shard = tmp_path / "shard.db"
    ingest_files(corpus[3:], shard)
    [result] = merge_databases([shard], target)
    assert (result.documents, result.replaced) == (3, 0)
    whole = tmp_path / "whole.db"
    ingest_files(corpus, whole)
    assert dump(target) == dump(whole)


def test_a_document_in_two_shards_ends_as_the_last_has_it(tmp_path: Path, corpus) -> None:
    first, second = tmp_path / "first.db", tmp_path / "second.db"
    ingest_files(corpus[:2], first)
    ingest_files(corpus[1:3], second)  # corpus[1] (same path) in both
    merged = tmp_path / "merged.db"
    results = merge_databases([first, second], merged)
    assert [(r.documents, r.replaced) for r in results] == [(2, 0), (2, 1)]
    with sqlite3.connect(merged) as conn:
        names = [row[0] for row in conn.execute("select name from documents order by id")]
        assert names == [corpus[0].name, corpus[1].name, corpus[2].name]
        # nothing of the replaced copy is left: one document's worth of claims per name
        claims = dict(
            conn.execute(
                "select d.name, count(*) from claims c join documents d on d.id = c.document_id "
                "group by d.name"
            )
        )
    with sqlite3.connect(second) as conn:
        expected = dict(
            conn.execute(
                "select d.name, count(*) from claims c join documents d on d.id = c.document_id "
                "group by d.name"
            )
        )
    assert claims[corpus[1].name] == expected[corpus[1].name]


def test_rows_added_after_ingest_follow_their_reference(tmp_path: Path, corpus) -> None:
    """Source updates, DOI candidates and Crossref replies travel with their shard."""
    first, second = tmp_path / "first.db", tmp_path / "second.db"
    ingest_files(corpus[:1], first)
    ingest_files(corpus[1:2], second)
    with sqlite3.connect(second) as conn:
        ref_id, raw, document_id = conn.execute(
            "select id, raw, document_id from refs order by id limit 1 offset 4"
        ).fetchone()
        conn.execute(
            "insert into ref_updates (ref_id, document_id, doi, update_type, notice_doi, "
            "updated, source, label) values (?, ?, '10.1000/x1', 'retraction', "
            "'10.1000/notice', '2024-01-02', 'retraction-watch', 'Retraction')",
            [ref_id, document_id],
        )
        conn.execute(
            "insert into doi_candidates (ref_id, document_id, number, rank, doi, score) "
            "values (?, ?, 5, 1, '10.1000/x1', 88.5)",
            [ref_id, document_id],
        )
        conn.execute(
            "insert into crossref_cache values ('works?q=a', 200, '{\"new\": 1}', '2026-02-01')"
        )
        conn.execute("insert into crossref_cache values ('works?q=b', 200, '{}', '2026-02-01')")
    with sqlite3.connect(first) as conn:
        conn.execute(
            "insert into crossref_cache values ('works?q=a', 200, '{\"old\": 1}', '2025-01-01')"
        )
    merged = tmp_path / "merged.db"
    results = merge_databases([first, second], merged)
    assert results[1].rows["ref_updates"] == 1
    with sqlite3.connect(merged) as conn:
        assert conn.execute(
            "select r.raw, d.name from ref_updates u join refs r on r.id = u.ref_id "
            "join documents d on d.id = u.document_id"
        ).fetchall() == [(raw, corpus[1].name)]
        assert conn.execute(
            "select r.raw from doi_candidates c join refs r on r.id = c.ref_id"
        ).fetchall() == [(raw,)]
        # the newer reply to the same request wins; replies only one shard had are kept
        assert dict(conn.execute("select key, body from crossref_cache")) == {
            "works?q=a": '{"new": 1}',
            "works?q=b": "{}",
        }


def test_tables_are_copied_parents_first(tmp_path: Path, corpus) -> None:
    db = tmp_path / "one.db"
    ingest_files(corpus[:1], db)
    with sqlite3.connect(db) as conn:
        order = [table for table, _columns, _keys in document_tables(conn)]
    assert order[0] == "documents"
    for parent, child in [
        ("refs", "citations"),
        ("claims", "citations"),
        ("paragraphs", "claims"),
        ("refs", "ref_updates"),
        ("claims", "claim_context"),
    ]:
        assert order.index(parent) < order.index(child)
    assert "crossref_cache" not in order and "claims_fts" not in order


def test_cli_summary_and_json(tmp_path: Path, corpus) -> None:
    parts = shards(tmp_path, corpus)
    target = tmp_path / "out" / "merged.db"
    result = CliRunner().invoke(cli, ["merge", *map(str, parts), "--db", str(target)])
    assert result.exit_code == 0, result.output
    assert f"{parts[0]}: 2 documents, " in result.output
    assert f"6 documents from 3 databases written to {target}" in result.output
    result = CliRunner().invoke(
        cli, ["merge", str(parts[0]), "--db", str(target), "--json"], catch_exceptions=False
    )
    [row] = json.loads(result.stdout)
    assert (row["documents"], row["replaced"]) == (2, 2)
    assert row["rows"]["claims"] > 0


def files_in(directory: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(directory.iterdir())}


@pytest.mark.parametrize(
    "make_bad, message",
    [
        (lambda p: None, "{bad} does not exist; run `reflink ingest` first"),
        (lambda p: p.write_text("not a database"), "{bad} is not a usable SQLite database"),
        (
            lambda p: sqlite3.connect(p).execute("create table notes (x)").connection.commit(),
            "{bad} is not a reflink database (it holds notes)",
        ),
    ],
    ids=["missing", "not-sqlite", "foreign"],
)
def test_a_bad_shard_changes_nothing(tmp_path: Path, corpus, make_bad, message) -> None:
    good = tmp_path / "good.db"
    ingest_files(corpus[:1], good)
    target = tmp_path / "target.db"
    ingest_files(corpus[1:2], target)
    bad = tmp_path / "bad.db"
    make_bad(bad)
    before = files_in(tmp_path)
    result = CliRunner().invoke(cli, ["merge", str(good), str(bad), "--db", str(target)])
    assert result.exit_code == 1
    assert result.output.startswith("Error: " + message.format(bad=bad))
    assert len(result.output.strip().splitlines()) == 1
    assert files_in(tmp_path) == before


def test_a_failed_merge_creates_no_database(tmp_path: Path, corpus) -> None:
    good = tmp_path / "good.db"
    ingest_files(corpus[:1], good)
    target = tmp_path / "new" / "merged.db"
    with pytest.raises(DatabaseError):
        merge_databases([good, tmp_path / "missing.db"], target)
    assert not target.parent.exists()


def test_an_older_shard_is_refused_with_the_upgrade_command(tmp_path: Path, corpus) -> None:
    older = tmp_path / "older.db"
    ingest_files(corpus[:1], older)
    with sqlite3.connect(older) as conn:
        conn.execute("delete from _sqlite_migrations where name = 'm005_pages'")
    with pytest.raises(DatabaseError, match=r"`reflink upgrade --db .*older\.db`"):
        merge_databases([older], tmp_path / "merged.db")


def test_merging_a_database_into_itself_is_refused(tmp_path: Path, corpus) -> None:
    db = tmp_path / "one.db"
    ingest_files(corpus[:1], db)
    with pytest.raises(InputError, match="is the target database"):
        merge_databases([db], db)
