"""Bad input, faults and concurrency: each input gets the right outcome; a failure loses nothing.

An outcome is either a correct ingest, or exactly one `Error: …` line on stderr, exit status 1, no
traceback, and the database file byte-identical to before (absent if it was absent).
"""

from __future__ import annotations

import codecs
import importlib
import json
import os
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
import sqlite_utils
from click.testing import CliRunner

from reflink.cli import cli
from reflink.errors import DatabaseError
from reflink.ingest import ingest_file
from synthetic import generate_review

# `reflink.ingest` the attribute is the library function; these are the modules
reflink_db = importlib.import_module("reflink.db")
reflink_ingest = importlib.import_module("reflink.ingest")

PNG_BYTES = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\xff\xff?\x00\x05\xfe\x02\xfe\xa7\x35\x81\x84"
    b"\x00\x00\x00\x00IEND\xaeB`\x82"
)

REFERENCES = """References

1 A. B. Smith and C. Jones, Lancet Oncol., 2014, 15, 1119–1128.
2 D. Okafor, J. Clin. Oncol., 2016, 34, 12–19.
3 E. Tanaka and F. Novak, Cancer Res., 2011, 71, 400–410.
"""

BODY = """Lung cancer remains the leading cause of cancer death worldwide.1 Rearrangements of
the kinase occur in a small share of patients.2,3 Crizotinib was the first inhibitor to be
approved for these patients.1–3
"""

CITED_BODY_WITHOUT_LIST = BODY
PROSE_WITHOUT_CITATIONS = """Lung cancer remains the leading cause of cancer death worldwide.
Rearrangements of the kinase occur in a small share of patients.
"""


def run_ingest(text_file: Path, db: Path, *extra: str):
    return CliRunner().invoke(cli, ["ingest", str(text_file), "--db", str(db), *extra])


def snapshot(db: Path) -> bytes | None:
    return db.read_bytes() if db.exists() else None


@pytest.fixture(params=["existing-db", "new-db"])
def db_path(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    """A database that already holds a document, or one that does not exist yet."""
    db = tmp_path / "db" / "reflink.db"
    if request.param == "existing-db":
        good = tmp_path / "good.txt"
        good.write_text(BODY + "\n" + REFERENCES, encoding="utf-8")
        ingest_file(good, db)
    return db


def assert_failed_cleanly(result, expected_line: str, db: Path, before: bytes | None) -> None:
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert result.stderr == expected_line + "\n"
    assert "Traceback" not in result.output
    assert snapshot(db) == before
    if before is None:
        assert not db.parent.exists(), "the directory made for a new database is removed too"


def write_bytes(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


BAD_INPUTS: list[tuple[str, Callable[[Path], Path], Callable[[Path], str]]] = [
    ("missing-file", lambda d: d / "nope.txt", lambda p: f"Error: {p} does not exist"),
    (
        # a folder stands for the documents in it (`expand_inputs`): one with none is an error
        "directory",
        lambda d: (d / "adir").mkdir() or d / "adir",
        lambda p: (
            f"Error: {p} is a folder with no .txt, .pdf or .xml file in it; nothing to ingest"
        ),
    ),
    ("empty", lambda d: write_bytes(d / "empty.txt", b""), lambda p: f"Error: {p} is empty"),
    (
        "whitespace-only",
        lambda d: write_bytes(d / "blank.txt", b" \n\t\r\n  \n"),
        lambda p: f"Error: {p} is empty",
    ),
    (
        "binary-png",
        lambda d: write_bytes(d / "figure.txt", PNG_BYTES),
        lambda p: f"Error: {p} is a binary file, not text",
    ),
    # Decision: Latin-1 is refused with the byte that is not UTF-8, not guessed. Any byte string
    # decodes as Latin-1, so a guess would store mojibake silently; iconv fixes it in one step.
    (
        "latin-1",
        lambda d: write_bytes(
            d / "latin1.txt",
            ("Crinò et al. observed it.1\n" + REFERENCES.replace("–", "-")).encode("latin-1"),
        ),
        lambda p: f"Error: {p} is not UTF-8 text (byte 4); convert it, e.g. with iconv",
    ),
    # special files: refused from the open descriptor, never read to the end or waited on (#18)
    (
        "symlink-to-dev-zero",
        lambda d: (d / "zero.txt").symlink_to("/dev/zero") or d / "zero.txt",
        lambda p: f"Error: {p} is not a regular file (a device, FIFO or socket)",
    ),
    (
        "fifo-without-writer",
        lambda d: os.mkfifo(d / "pipe.txt") or d / "pipe.txt",
        lambda p: f"Error: {p} is not a regular file (a device, FIFO or socket)",
    ),
    (
        "text-then-nul-bytes",
        lambda d: write_bytes(d / "tail.txt", (BODY * 80).encode() + bytes(4096)),
        lambda p: f"Error: {p} is a binary file, not text",
    ),
    (
        "text-then-control-characters",
        lambda d: write_bytes(d / "ctrl.txt", (BODY * 80).encode() + bytes(range(1, 9)) * 4096),
        lambda p: f"Error: {p} is a binary file, not text",
    ),
    (
        "megabyte-of-control-characters",
        lambda d: write_bytes(d / "controls.txt", bytes([1, 2, 3, 4, 5, 6, 7, 8]) * 2**17),
        lambda p: f"Error: {p} is a binary file, not text",
    ),
    # beyond the limits of reflink.limits: refused before any stage runs (#18)
    (
        "text-over-a-million-and-a-half-characters",
        lambda d: write_bytes(
            d / "long.txt", ((BODY + "\n") * (2_000_001 // len(BODY) + 1)).encode()
        ),
        lambda p: (
            f"Error: {p} is 2,009,696 characters long, more than the 1,500,000 reflink reads "
            "(a review is 50,000–500,000); is it the right file?"
        ),
    ),
    (
        "line-over-1.2-million-characters",
        lambda d: write_bytes(d / "line.txt", b"word " * 240_001 + b"\n" + REFERENCES.encode()),
        lambda p: (
            f"Error: {p} has a line of 1,200,005 characters, more than the 1,200,000 reflink "
            "reads; is it the right file?"
        ),
    ),
    (
        "over-a-hundred-thousand-numbers",
        lambda d: write_bytes(d / "numbers.txt", b"[1]" * 100_001 + b"\n" + REFERENCES.encode()),
        lambda p: (
            f"Error: {p} prints 100,016 numbers, more than the 100,000 reflink reads (a review "
            "prints a few thousand); is it the right file?"
        ),
    ),
    # a name is shown escaped: an escape sequence does not reach the terminal, a newline does
    # not split the one line, bytes that are not UTF-8 are no traceback
    (
        "name-with-escape-sequence-and-newline",
        lambda d: d / "a\x1b[2Jb\nc.txt",
        lambda p: f"Error: {p.parent}/a\\x1b[2Jb\\x0ac.txt does not exist",
    ),
    (
        "name-not-utf-8",
        lambda d: write_bytes(d / os.fsdecode(b"caf\xe9.txt"), b""),
        lambda p: f"Error: {p.parent}/caf\\xe9.txt is empty",
    ),
    (
        "no-reference-list",
        lambda d: write_bytes(d / "nolist.txt", CITED_BODY_WITHOUT_LIST.encode()),
        lambda p: (
            f"Error: {p}: no reference list found (use --allow-missing-references to ingest "
            "the citations alone)"
        ),
    ),
    (
        "reference-list-without-body",
        lambda d: write_bytes(d / "listonly.txt", REFERENCES.encode()),
        lambda p: f"Error: {p}: no citation markers found; is this the text of an article?",
    ),
    (
        "no-citations",
        lambda d: write_bytes(
            d / "prose.txt", (PROSE_WITHOUT_CITATIONS + "\n" + REFERENCES).encode()
        ),
        lambda p: f"Error: {p}: no citation markers found; is this the text of an article?",
    ),
]


@pytest.mark.parametrize(
    ("make_input", "expected"),
    [pytest.param(make, expected, id=name) for name, make, expected in BAD_INPUTS],
)
def test_bad_input_is_one_error_line_and_database_unchanged(
    tmp_path: Path, db_path: Path, make_input, expected
) -> None:
    text_file = make_input(tmp_path)
    before = snapshot(db_path)
    result = run_ingest(text_file, db_path)
    assert_failed_cleanly(result, expected(text_file), db_path, before)


def test_fifty_megabyte_text_fails_before_reading(tmp_path: Path, db_path: Path) -> None:
    huge = tmp_path / "huge.txt"
    chunk = (BODY + "\n").encode() * 1000
    with huge.open("wb") as out:
        while out.tell() < 50 * 2**20:
            out.write(chunk)
        out.write(REFERENCES.encode())
    size_mb = huge.stat().st_size / 2**20
    before = snapshot(db_path)
    result = run_ingest(huge, db_path)
    assert_failed_cleanly(
        result,
        f"Error: {huge} is {size_mb:.1f} MB, larger than the 20 MB a review's text can be; "
        "is it the right file?",
        db_path,
        before,
    )


def test_one_bad_file_in_a_batch_writes_nothing(tmp_path: Path, db_path: Path) -> None:
    good = write_bytes(tmp_path / "second.txt", (BODY + "\n" + REFERENCES).encode())
    bad = write_bytes(tmp_path / "empty.txt", b"")
    before = snapshot(db_path)
    result = CliRunner().invoke(cli, ["ingest", str(good), str(bad), "--db", str(db_path)])
    assert_failed_cleanly(result, f"Error: {bad} is empty", db_path, before)


def test_a_stage_that_crashes_is_one_error_line(
    tmp_path: Path, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(text: str):
        raise IndexError("list index out of range")

    monkeypatch.setattr(reflink_ingest, "parse_document", broken)
    text_file = write_bytes(tmp_path / "doc.txt", (BODY + "\n" + REFERENCES).encode())
    before = snapshot(db_path)
    result = run_ingest(text_file, db_path)
    assert_failed_cleanly(
        result,
        f"Error: {text_file}: reflink could not parse this text (IndexError: list index out of "
        "range); please report it with the file",
        db_path,
        before,
    )


def test_a_failure_while_writing_rolls_back_everything(
    tmp_path: Path, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A fault after rows are written (here: the problems insert) leaves the file as it was."""
    real_write = reflink_ingest.write_staged

    def write_then_fail(db, staged, **kwargs):
        real_write(db, staged, **kwargs)
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(reflink_ingest, "write_staged", write_then_fail)
    text_file = write_bytes(tmp_path / "doc.txt", (BODY + "\n" + REFERENCES).encode())
    before = snapshot(db_path)
    result = run_ingest(text_file, db_path)
    assert_failed_cleanly(result, f"Error: {db_path}: disk I/O error", db_path, before)


def test_locked_database_fails_cleanly(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "reflink.db"
    ingest_file(write_bytes(tmp_path / "one.txt", (BODY + "\n" + REFERENCES).encode()), db)
    monkeypatch.setattr(reflink_db, "BUSY_TIMEOUT_S", 0)
    other_writer = sqlite3.connect(db)
    other_writer.execute("begin immediate")
    try:
        before = snapshot(db)
        text_file = write_bytes(tmp_path / "two.txt", (BODY + "\n" + REFERENCES).encode())
        result = run_ingest(text_file, db)
        assert_failed_cleanly(
            result, f"Error: {db} is locked by another writer (waited 0 s); try again", db, before
        )
    finally:
        other_writer.rollback()
        other_writer.close()


@pytest.mark.parametrize("content", [b"just some notes\n", b"SQLite format 3\x00" + b"\x00" * 100])
def test_database_that_is_not_reflink_sqlite_is_left_alone(tmp_path: Path, content: bytes) -> None:
    db = write_bytes(tmp_path / "notes.db", content)
    text_file = write_bytes(tmp_path / "doc.txt", (BODY + "\n" + REFERENCES).encode())
    result = run_ingest(text_file, db)
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: {db} is not a usable SQLite database (")
    assert result.stderr.count("\n") == 1
    assert db.read_bytes() == content


def test_database_path_that_is_a_directory(tmp_path: Path) -> None:
    text_file = write_bytes(tmp_path / "doc.txt", (BODY + "\n" + REFERENCES).encode())
    with pytest.raises(DatabaseError, match=f"^{tmp_path} is a directory, not a database file$"):
        ingest_file(text_file, tmp_path)
    # the CLI refuses it earlier, as a usage error naming the option
    result = run_ingest(text_file, tmp_path)
    assert result.exit_code == 2
    assert "is a directory" in result.stderr


def test_database_under_a_parent_that_cannot_be_made_is_one_line(tmp_path: Path) -> None:
    """A parent that cannot be created (here a file stands where a directory must go; for a
    user, a read-only directory) was a traceback from mkdir (#18)."""
    text_file = write_bytes(tmp_path / "doc.txt", (BODY + "\n" + REFERENCES).encode())
    blocker = write_bytes(tmp_path / "notes", b"a file, not a directory")
    db = blocker / "deeper" / "reflink.db"
    result = run_ingest(text_file, db)
    assert result.exit_code == 1
    assert result.stderr == f"Error: cannot create {db}: Not a directory ({blocker / 'deeper'})\n"
    assert blocker.read_bytes() == b"a file, not a directory"


def test_a_new_database_is_reported_under_its_own_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The new database is built under a hidden temporary name; an error names the file the user
    asked for, never the temporary one (#18)."""
    real_connect = reflink_db.open_writer

    def refusing_connect(path, *args, **kwargs):
        if str(path).endswith(".building"):
            raise DatabaseError(
                f"{path} is not a usable SQLite database (unable to open database file)"
            )
        return real_connect(path, *args, **kwargs)

    monkeypatch.setattr(reflink_ingest, "open_writer", refusing_connect)
    text_file = write_bytes(tmp_path / "doc.txt", (BODY + "\n" + REFERENCES).encode())
    db = tmp_path / "new.db"
    result = run_ingest(text_file, db)
    assert result.stderr == (
        f"Error: {db} is not a usable SQLite database (unable to open database file)\n"
    )
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".building")]


# --- inputs that must ingest ------------------------------------------------------------------


def rows(db: Path, sql: str) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql).fetchall()


def content_rows(db: Path) -> dict[str, list[tuple]]:
    """What a document produced, without ids, paths, hashes and timestamps."""
    return {
        "citations": rows(
            db, "select line, marker, number, ref_id is null, style from citations order by id"
        ),
        "refs": rows(db, "select number, raw, year, line_start, line_end from refs order by id"),
        "claims": rows(db, "select text, line_start, line_end from claims order by id"),
        "documents": rows(db, "select title, doi, line_count from documents"),
    }


def test_utf16_with_bom_and_crlf_ingests_like_utf8(tmp_path: Path) -> None:
    review = generate_review(7, style="superscript", sections=False)
    utf8 = write_bytes(tmp_path / "utf8.txt", review.text.encode("utf-8"))
    utf16 = write_bytes(
        tmp_path / "utf16.txt",
        codecs.BOM_UTF16_LE + review.text.replace("\n", "\r\n").encode("utf-16-le"),
    )
    ingest_file(utf8, tmp_path / "utf8.db")
    ingest_file(utf16, tmp_path / "utf16.db")
    expected = content_rows(tmp_path / "utf8.db")
    assert expected["citations"]
    assert content_rows(tmp_path / "utf16.db") == expected


def test_no_reference_list_ingests_citations_when_allowed(tmp_path: Path) -> None:
    text_file = write_bytes(tmp_path / "nolist.txt", CITED_BODY_WITHOUT_LIST.encode())
    db = tmp_path / "r.db"
    result = run_ingest(text_file, db, "--allow-missing-references")
    assert result.exit_code == 0, result.output
    assert rows(db, "select number, ref_id from citations order by id") == [
        (1, None),
        (2, None),
        (3, None),
        (1, None),
        (2, None),
        (3, None),
    ]
    assert rows(db, "select count(*) from refs") == [(0,)]
    assert "3 numbers without an entry (1–3)" in result.output


def test_markers_beyond_the_list_are_kept_dangling(tmp_path: Path) -> None:
    body = BODY + "Later agents were developed for the resistant patients.4,5\n"
    text_file = write_bytes(tmp_path / "beyond.txt", (body + "\n" + REFERENCES).encode())
    db = tmp_path / "r.db"
    result = run_ingest(text_file, db)
    assert result.exit_code == 0, result.output
    assert rows(db, "select number from citations where ref_id is null order by number") == [
        (4,),
        (5,),
    ]
    assert rows(db, "select count(*) from citations where ref_id is not null") == [(6,)]
    assert "2 numbers without an entry (4–5)" in result.output


@pytest.mark.parametrize(
    "line",
    [
        pytest.param("Nested callouts [[2]] appear in some extracts.", id="nested"),
        pytest.param("An unclosed callout [2, 3 runs on to the end.", id="unclosed-bracket"),
        pytest.param("A stray closing bracket 2] and (3 and ((1)) around.", id="stray-brackets"),
        pytest.param("Brackets inside parentheses (see [2]) are common.", id="bracket-in-paren"),
        pytest.param("[" * 5000 + "2" + "]" * 10, id="deep-brackets"),
    ],
)
def test_nested_and_unbalanced_brackets_do_not_break_ingest(tmp_path: Path, line: str) -> None:
    text = (
        "Bracketed callouts cite the first entry [1] in this text.\n"
        + line
        + "\n"
        + "\nReferences\n\n[1] A. B. Smith, Lancet Oncol., 2014, 15, 1119–1128.\n"
        "[2] D. Okafor, J. Clin. Oncol., 2016, 34, 12–19.\n"
        "[3] E. Tanaka, Cancer Res., 2011, 71, 400–410.\n"
    )
    db = tmp_path / "r.db"
    result = run_ingest(write_bytes(tmp_path / "brackets.txt", text.encode()), db)
    assert result.exit_code == 0, result.output
    cited = {number for (number,) in rows(db, "select number from citations")}
    assert 1 in cited
    assert cited <= {1, 2, 3}, "no number invented out of a broken bracket"


@pytest.mark.parametrize(
    "label", ["{} ", "[{}] ", "{}. ", "({}) "], ids=["bare", "bracket", "dotted", "paren"]
)
def test_entries_past_9999_are_kept(tmp_path: Path, label: str) -> None:
    """A list past 9,999 entries kept four-digit labels only and glued the rest onto entry 9,999
    (#18). The list here starts at 9,990, so the test stays small."""
    numbers = range(9_990, 10_011)
    entries = "\n".join(
        label.format(n) + f"A. B. Author and C. Writer, J. Test. Sci., 2001, {n % 90}, 1–9."
        for n in numbers
    )
    body = "A long list is cited here [9990] and once more [9991, 9999].\n"
    db = tmp_path / "r.db"
    text_file = write_bytes(
        tmp_path / "long-list.txt", (body + "\nReferences\n\n" + entries).encode()
    )
    result = run_ingest(text_file, db)
    assert result.exit_code == 0, result.output
    assert rows(db, "select number from refs order by number") == [(n,) for n in numbers]
    assert rows(db, "select raw from refs where number = 9999")[0][0].endswith("1–9.")


def test_one_megabyte_single_line_ingests(tmp_path: Path) -> None:
    sentence = "Inhibitors of the kinase improved survival in these patients.1 "
    body = sentence * (2**20 // len(sentence) + 1)
    db = tmp_path / "r.db"
    text_file = write_bytes(tmp_path / "oneline.txt", (body + "\n\n" + REFERENCES).encode())
    result = run_ingest(text_file, db)
    assert result.exit_code == 0, result.output
    assert rows(db, "select count(*), min(line), max(line) from citations") == [
        (body.count("patients.1"), 1, 1)
    ]


# --- concurrency ------------------------------------------------------------------------------

CLI = [sys.executable, "-c", "import sys; from reflink.cli import cli; sys.exit(cli())"]


@pytest.mark.parametrize("existing", [True, False], ids=["existing-db", "new-db"])
def test_two_processes_ingesting_at_once(tmp_path: Path, existing: bool) -> None:
    """Both succeed (the second waits for the first's transaction), and the file is sound."""
    db = tmp_path / "shared.db"
    if existing:
        ingest_file(write_bytes(tmp_path / "first.txt", (BODY + "\n" + REFERENCES).encode()), db)
    batches = []
    for worker in ("a", "b"):
        files = []
        for seed in range(4):
            review = generate_review(seed, sections=False)
            files.append(str(write_bytes(tmp_path / f"{worker}{seed}.txt", review.text.encode())))
        batches.append(files)
    processes = [
        subprocess.Popen(
            [*CLI, "ingest", *files, "--db", str(db)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for files in batches
    ]
    outcomes = [process.communicate(timeout=120) + (process.returncode,) for process in processes]
    for _stdout, stderr, code in outcomes:
        # the only acceptable failure is the clean "locked" line (a busy timeout)
        assert (
            code == 0
            or stderr == f"Error: {db} is locked by another writer (waited 30 s); try again\n"
        )
        assert "Traceback" not in stderr
    succeeded = sum(1 for *_, code in outcomes if code == 0)
    assert succeeded >= 1
    assert rows(db, "pragma integrity_check") == [("ok",)]
    assert rows(db, "select count(*) from documents") == [(4 * succeeded + int(existing),)]
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".building")]


def test_interrupt_while_writing_leaves_no_trace(
    tmp_path: Path, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl-C in the middle of a batch: the transaction rolls back, the temporary file goes."""
    real_write = reflink_ingest.write_staged
    calls = []

    def write_then_interrupt(db, staged, **kwargs):
        document_id = real_write(db, staged, **kwargs)
        calls.append(kwargs["name"])
        if len(calls) == 2:
            raise KeyboardInterrupt
        return document_id

    monkeypatch.setattr(reflink_ingest, "write_staged", write_then_interrupt)
    files = [
        write_bytes(tmp_path / f"doc{i}.txt", (BODY + "\n" + REFERENCES).encode()) for i in range(3)
    ]
    before = snapshot(db_path)
    with pytest.raises(KeyboardInterrupt):
        reflink_ingest.ingest_files(files, db_path)
    assert calls == ["doc0.txt", "doc1.txt"]
    assert snapshot(db_path) == before
    if before is None:
        assert not db_path.parent.exists()


def test_cli_batch_prints_one_line_per_document(tmp_path: Path) -> None:
    files = [
        write_bytes(tmp_path / f"doc{i}.txt", (BODY + "\n" + REFERENCES).encode()) for i in range(3)
    ]
    db = tmp_path / "r.db"
    result = CliRunner().invoke(cli, ["ingest", *map(str, files), "--db", str(db)])
    assert result.exit_code == 0, result.output
    *lines, total = result.stdout.splitlines()
    assert [line.split(":")[0] for line in lines] == ["doc0.txt", "doc1.txt", "doc2.txt"]
    assert all(
        line.startswith(f"doc{i}.txt: 3 markers → 6 citations") for i, line in enumerate(lines)
    )
    assert total.startswith("In all: 9 markers → 18 citations")
    assert rows(db, "select count(*) from documents") == [(3,)]


def test_a_killed_ingest_leaves_nothing_the_next_one_keeps(tmp_path: Path) -> None:
    """A new database half-built by a process that died is removed by the next ingest."""
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    db = tmp_path / "r.db"
    abandoned = tmp_path / f".r.db.{dead.pid}.0123abcd.building"
    abandoned.write_bytes(b"SQLite format 3\x00half-built")
    (tmp_path / (abandoned.name + "-journal")).write_bytes(b"journal")
    ours_in_progress = tmp_path / f".r.db.{os.getpid()}.4567ef01.building"
    ours_in_progress.write_bytes(b"another live build")
    ingest_file(write_bytes(tmp_path / "doc.txt", (BODY + "\n" + REFERENCES).encode()), db)
    leftovers = sorted(path.name for path in tmp_path.iterdir() if ".building" in path.name)
    assert leftovers == [ours_in_progress.name], "only a live process's build is kept"


KILLED_MID_WRITE = """
import importlib, sys, time
from pathlib import Path
ingest = importlib.import_module("reflink.ingest")
real_write = ingest.write_staged
written = []

def write_then_stall(db, staged, **kwargs):
    document_id = real_write(db, staged, **kwargs)
    written.append(kwargs["name"])
    if len(written) == 2:
        db.execute("pragma cache_spill = 1")  # let pages reach the file before the kill
        Path(sys.argv[1]).write_text("rows written")
        time.sleep(60)
    return document_id

ingest.write_staged = write_then_stall
ingest.ingest_files(sys.argv[3:], sys.argv[2])
"""


def test_killed_mid_transaction_database_recovers_to_before(tmp_path: Path) -> None:
    """`kill -9` while rows are being written: SQLite's journal restores the file on next open."""
    db = tmp_path / "r.db"
    ingest_file(write_bytes(tmp_path / "first.txt", (BODY + "\n" + REFERENCES).encode()), db)
    before_rows = rows(db, "select id, name, sha256 from documents")
    before = db.read_bytes()
    files = []
    for seed in range(3):
        text = generate_review(seed, sections=False).text
        files.append(str(write_bytes(tmp_path / f"r{seed}.txt", text.encode())))
    ready = tmp_path / "ready"
    process = subprocess.Popen(
        [sys.executable, "-c", KILLED_MID_WRITE, str(ready), str(db), *files]
    )
    try:
        for _ in range(600):
            if ready.exists() or process.poll() is not None:
                break
            time.sleep(0.05)
        assert ready.exists(), "the ingest never reached its second document"
    finally:
        process.kill()
        process.wait()
    assert (tmp_path / "r.db-journal").exists(), "killed inside the transaction: a hot journal"
    # the next reader rolls the hot journal back
    assert rows(db, "pragma integrity_check") == [("ok",)]
    assert rows(db, "select id, name, sha256 from documents") == before_rows
    assert db.read_bytes() == before


# --- searches: capped in words and bytes, one line each (#18) ---------------------------------


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        pytest.param(
            ["lookup", " ".join(["kinase"] * 6000)],
            "Error: a search is at most 1,000 bytes (this one is 41,999); use a few distinctive "
            "words",
            id="lookup-6000-repeated-words",
        ),
        pytest.param(
            ["lookup", " ".join(["a"] * 65)],
            "Error: a search is at most 64 words (this one has 65); use a few distinctive words",
            id="lookup-65-short-words",
        ),
        pytest.param(
            ["bibtex", "--search", " OR ".join(["kinase"] * 200)],
            "Error: a search is at most 1,000 bytes (this one is 1,996); use a few distinctive "
            "words",
            id="bibtex-search-fts-syntax",
        ),
        pytest.param(
            ["bibtex", "--search", " ".join(["x"] * 100)],
            "Error: a search is at most 64 words (this one has 100); use a few distinctive words",
            id="bibtex-search-100-words",
        ),
    ],
)
def test_oversized_search_is_one_line(seed_db: Path, args: list[str], expected: str) -> None:
    before = seed_db.read_bytes()
    result = CliRunner().invoke(cli, [*args, "--db", str(seed_db)])
    assert result.exit_code == 1
    assert result.stderr == expected + "\n"
    assert seed_db.read_bytes() == before


def test_a_search_at_the_word_limit_still_runs(seed_db: Path) -> None:
    result = CliRunner().invoke(cli, ["lookup", " ".join(["kinase"] * 64), "--db", str(seed_db)])
    assert result.exit_code == 0, result.output


def test_bibtex_to_a_missing_directory_is_one_line(seed_db: Path, tmp_path: Path) -> None:
    target = tmp_path / "missing" / "refs.bib"
    result = CliRunner().invoke(cli, ["bibtex", "--all", "-o", str(target), "--db", str(seed_db)])
    assert result.exit_code == 1
    assert result.stderr == f"Error: {target}: No such file or directory\n"
    assert not target.parent.exists()


def test_a_file_name_that_is_not_utf_8_is_stored_and_shown_escaped(tmp_path: Path) -> None:
    """b"caf\\xe9 \\x1b[31m.txt": ingested (not a traceback), the byte stored as "\\xe9", so
    `lookup --json`, `report` and a second ingest of the same file all work (#18)."""
    name = os.fsdecode(b"caf\xe9 \x1b[31m.txt")
    text_file = tmp_path / name
    text_file.write_text(BODY + "\n" + REFERENCES, encoding="utf-8")
    db = tmp_path / "r.db"
    shown = "caf\\xe9 \\x1b[31m.txt"  # what the terminal shows
    kept = "caf\\xe9 \x1b[31m.txt"  # what is stored: the byte written out, the escape kept

    first = run_ingest(text_file, db)
    assert first.exit_code == 0, first.output
    assert first.stdout.startswith(f"{shown}: ")
    again = run_ingest(text_file, db)  # the same path: its rows replaced, not a second document
    assert again.exit_code == 0, again.output
    stored = sqlite_utils.Database(db).execute("select name, path from documents").fetchall()
    assert stored == [(kept, f"{tmp_path.resolve()}/{kept}")]

    found = CliRunner().invoke(cli, ["lookup", "crizotinib", "--json", "--db", str(db)])
    assert found.exit_code == 0, found.output
    claims = json.loads(found.stdout)["claims"]
    assert {claim["document"] for claim in claims} == {kept}
    report = CliRunner().invoke(cli, ["report", "--db", str(db)])
    assert report.stdout.startswith(f"{shown}: ")
