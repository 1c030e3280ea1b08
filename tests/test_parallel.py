"""ingest --jobs: workers parse, one process writes; the database is the same as with one job."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from reflink.cli import cli
from reflink.errors import InputError
from reflink.ingest import ingest_files
from reflink.parallel import default_jobs, map_in_order
from synthetic import write_corpus
from test_ingest import dump


def square(number: int) -> int:
    return number * number


def fail_on_three(number: int) -> int:
    if number == 3:
        raise InputError(f"document {number} is broken")
    return number


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """Eight small varied reviews: three callout styles, sections or not, 20–54 entries."""
    return write_corpus(tmp_path_factory.mktemp("corpus"), 8, entries=35, paragraphs=8)


def test_two_jobs_write_the_same_rows_in_the_same_order(tmp_path: Path, corpus) -> None:
    one, two = tmp_path / "one.db", tmp_path / "two.db"
    results_one = ingest_files(corpus, one, jobs=1)
    results_two = ingest_files(corpus, two, jobs=2)
    assert [r.summary() for r in results_two] == [r.summary() for r in results_one]
    # every row carries its id, given in the order rows are written: equal dumps, same order
    assert dump(two) == dump(one)
    assert sum(len(rows) for rows in dump(two).values()) > 500


def test_more_jobs_than_documents_and_reingest(tmp_path: Path, corpus) -> None:
    one, many = tmp_path / "one.db", tmp_path / "many.db"
    ingest_files(corpus[:2], one, jobs=1)
    ingest_files(corpus[:2], many, jobs=5)
    ingest_files(corpus[:2], many, jobs=3)  # twice equals once, in parallel too
    ingest_files(corpus[:2], one, jobs=1)
    assert dump(many) == dump(one)


def test_a_bad_document_fails_the_batch_as_with_one_job(tmp_path: Path, corpus) -> None:
    """The first failing file in the given order is reported, the database left byte-identical."""
    empty = tmp_path / "empty.txt"
    empty.write_text("\n")
    no_markers = tmp_path / "prose.txt"
    no_markers.write_text("Plain prose without a single citation.\n" * 20)
    batch = [*corpus[:3], empty, *corpus[3:6], no_markers]
    db = tmp_path / "r.db"
    ingest_files(corpus[6:], db)
    before = db.read_bytes()
    messages = []
    for jobs in (1, 3):
        with pytest.raises(InputError) as failure:
            ingest_files(batch, db, jobs=jobs)
        messages.append(str(failure.value))
        assert db.read_bytes() == before
    assert messages == [f"{empty} is empty"] * 2
    new = tmp_path / "new.db"
    with pytest.raises(InputError):
        ingest_files(batch, new, jobs=2)
    assert not new.exists() and list(tmp_path.glob(".new.db*")) == []


def test_results_come_back_in_order_with_few_in_flight() -> None:
    """Memory stays flat: never more than `ahead` items taken beyond the one being consumed."""
    taken: list[int] = []

    def numbers():
        for number in range(30):
            taken.append(number)
            yield number

    results = []
    for position, result in enumerate(map_in_order(square, numbers(), jobs=2, ahead=3)):
        assert len(taken) <= position + 1 + 3
        results.append(result)
    assert results == [n * n for n in range(30)]


@pytest.mark.parametrize("jobs", [pytest.param(1, id="in-process"), pytest.param(2, id="workers")])
def test_worker_error_is_raised_at_its_turn(jobs: int) -> None:
    consumed = []
    with pytest.raises(InputError, match="^document 3 is broken$"):
        for result in map_in_order(fail_on_three, range(10), jobs=jobs):
            consumed.append(result)
    assert consumed == [0, 1, 2]


def test_default_jobs_is_the_cores_we_may_use() -> None:
    assert 1 <= default_jobs()


def test_cli_jobs(tmp_path: Path, corpus) -> None:
    db = tmp_path / "r.db"
    result = CliRunner().invoke(cli, ["ingest", *map(str, corpus[:3]), "--db", str(db), "-j", "2"])
    assert result.exit_code == 0, result.output
    assert [line.split(":")[0] for line in result.stdout.splitlines()] == [
        *(path.name for path in corpus[:3]),
        "In all",
    ]
    assert result.stdout.splitlines()[0].startswith("review000.txt: ")
    bad = CliRunner().invoke(cli, ["ingest", str(corpus[0]), "--db", str(db), "--jobs", "0"])
    assert bad.exit_code == 2 and "--jobs" in bad.output


def test_pdfs_parse_in_workers_too(tmp_path: Path, corpus) -> None:
    """A PDF's lines, pages and typography come back from a worker: same rows as one job."""
    from pdfmaker import paper, write_pdf
    from test_pdf import BODY, REFERENCES

    pdfs = [write_pdf(tmp_path / f"paper{n}.pdf", paper(BODY, REFERENCES)) for n in range(2)]
    batch = [pdfs[0], corpus[0], pdfs[1], corpus[1]]
    one, two = tmp_path / "one.db", tmp_path / "two.db"
    ingest_files(batch, one, jobs=1)
    ingest_files(batch, two, jobs=2)
    assert dump(two) == dump(one)
    pages = sqlite3.connect(two).execute("select name, pages from documents order by id")
    assert pages.fetchall()[:2] == [("paper0.pdf", 1), ("review000.txt", None)]
