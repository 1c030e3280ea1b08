"""ingest: one document (or a batch) in, one transaction out; twice equals once."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from reflink.ingest import find_own_doi, ingest_file, ingest_files, read_document
from reflink.models import format_ranges
from synthetic import generate_review

SEED_SHA256 = "7d7f4bd97a5d34012b08e89f4d7b8103281b31fd8aed097dc52c0b505a19937c"  # refs/README.md


FTS_SHADOW_SUFFIXES = ("_fts_data", "_fts_idx", "_fts_docsize", "_fts_config")


def dump(db: Path, *, skip_columns: frozenset[str] = frozenset({"ingested_at", "applied_at"})):
    """Every table's rows, minus timestamp columns, with each full-text index checked whole.

    FTS5 shadow tables hold b-tree segments whose bytes depend on the history of deletes, so
    they are compared by what they answer (FTS5's own integrity-check), not byte by byte.
    """
    conn = sqlite3.connect(db)
    try:
        tables = [
            name
            for (name,) in conn.execute(
                "select name from sqlite_master where type = 'table' order by name"
            )
        ]
        result = {}
        for table in tables:
            if table.endswith(FTS_SHADOW_SUFFIXES):
                continue
            if table.endswith("_fts"):
                # raises "database disk image is malformed" when the index and rows disagree
                conn.execute(f"insert into [{table}]([{table}]) values ('integrity-check')")
            columns = [row[1] for row in conn.execute(f"pragma table_info([{table}])")]
            kept = [c for c in columns if c not in skip_columns]
            if not kept:
                continue
            select = ", ".join(f"[{c}]" for c in kept)
            # sorted in Python: some tables (the Crossref cache) have no rowid to order by
            rows = conn.execute(f"select {select} from [{table}]").fetchall()
            result[table] = sorted(rows, key=repr)
        return result
    finally:
        conn.close()


def write_review(path: Path, seed: int, style: str | None = None) -> Path:
    path.write_text(generate_review(seed, style=style, sections=False).text, encoding="utf-8")
    return path


# --- the seed ---------------------------------------------------------------------------------


def test_seed_document_row(seed_db: Path, seed_path: Path) -> None:
    conn = sqlite3.connect(seed_db)
    name, sha256, doi, path = conn.execute(
        "select name, sha256, doi, path from documents"
    ).fetchone()
    assert name == "alk-ros1-review.txt"
    assert path == str(seed_path.resolve())
    # the hash of the file's bytes, as refs/README.md states it
    assert sha256 == SEED_SHA256 == hashlib.sha256(seed_path.read_bytes()).hexdigest()
    # printed as "https://doi.org/10.1039/c9ra02258a" at lines 678 and 1022
    assert doi == "10.1039/c9ra02258a"


# Issue 3's facts about the seed, read back from the database it writes


def test_seed_database_counts(seed_db: Path) -> None:
    conn = sqlite3.connect(seed_db)
    markers = conn.execute(
        "select count(*) from (select distinct line, marker, position from citations)"
    ).fetchone()[0]
    rows = conn.execute("select count(*) from citations").fetchone()[0]
    cited = {n for (n,) in conn.execute("select distinct number from citations")}
    dangling = {
        n for (n,) in conn.execute("select distinct number from citations where ref_id is null")
    }
    assert (markers, rows) == (150, 189)
    assert cited == set(range(1, 147))
    assert dangling == set(range(1, 100)) | set(range(134, 147))  # 112 numbers, kept, not dropped
    assert len(dangling) == 112
    linked = conn.execute("select count(*) from citations where ref_id is not null").fetchone()[0]
    assert linked == 45  # the citation rows of 100–133, the numbers the list still holds


def test_seed_entries_full_and_partial(seed_db: Path) -> None:
    conn = sqlite3.connect(seed_db)
    rows = conn.execute(
        "select number, partial, authors, journal, year, volume, pages, url"
        " from refs order by number"
    ).fetchall()
    assert [r[0] for r in rows] == list(range(100, 134))
    partial = [r[0] for r in rows if r[1]]
    assert partial == [100, 133]  # 100 is the tail of a cut entry, 133 is cut after its authors
    full = [r for r in rows if not r[1]]
    assert len(full) == 32
    for number, _, authors, journal, year, volume, pages, url in full:
        if number in (104, 114):  # web pages: a URL and a year
            assert url.startswith("https://www.cancer.gov/") and year == 2017
        elif number == 119:  # published online: a DOI where volume and pages would be
            assert journal == "Chin. J. Clin. Oncol." and year == 2018 and volume is None
        elif number == 132:  # the press release
            assert url.endswith("ucm436534.htm") and year == 2015
        else:
            assert authors != "[]" and journal and year and volume and pages, number
    entry_100 = rows[0]
    assert entry_100[4:7] == (2017, "34", "1145")


def test_every_citation_links_to_its_entry(seed_db: Path) -> None:
    conn = sqlite3.connect(seed_db)
    wrong = conn.execute(
        "select citations.number, refs.number from citations"
        " join refs on refs.id = citations.ref_id where refs.number != citations.number"
    ).fetchall()
    assert wrong == []
    linked = conn.execute("select count(*) from citations where ref_id is not null").fetchone()[0]
    # 100–133 are cited 189 − (rows of dangling numbers) times
    dangling_rows = conn.execute("select count(*) from citations where ref_id is null").fetchone()[
        0
    ]
    assert linked + dangling_rows == 189 and linked > 0


@pytest.mark.parametrize(
    "furniture",
    [
        "RSC Adv.",
        "Royal Society of Chemistry",
        "View Article Online",
        "creativecommons",
        "Open Access Article",
        "Downloaded on",
        "harmaceutical University",
    ],
)
def test_no_furniture_in_claims_or_entries(seed_db: Path, furniture: str) -> None:
    conn = sqlite3.connect(seed_db)
    like = f"%{furniture}%"
    assert conn.execute("select count(*) from claims where text like ?", [like]).fetchone()[0] == 0
    assert conn.execute("select count(*) from refs where raw like ?", [like]).fetchone()[0] == 0


def test_claim_sources_view_joins_claim_citation_and_entry(seed_db: Path) -> None:
    conn = sqlite3.connect(seed_db)
    rows = conn.execute(
        "select line, marker, number, journal, year, doi_url from claim_sources where number = 119"
    ).fetchall()
    assert rows and all(
        r[3:] == ("Chin. J. Clin. Oncol.", 2018, "https://doi.org/10.21037/cco.2018.10.12")
        for r in rows
    )


def test_read_document_hashes_bytes_not_text(tmp_path: Path) -> None:
    data = "\ufeffLung cancer.1\r\n".encode()
    path = tmp_path / "bom.txt"
    path.write_bytes(data)
    source = read_document(path)
    assert source.text == "\ufeffLung cancer.1\n" or source.text == "Lung cancer.1\n"
    assert source.sha256 == hashlib.sha256(data).hexdigest()


@pytest.mark.parametrize(
    ("text", "reference_dois", "expected"),
    [
        pytest.param(
            "Cite this: RSC Adv., 2019, 9, 1\nDOI: 10.1039/c9ra00001a\n",
            set(),
            "10.1039/c9ra00001a",
            id="printed-once-in-header",
        ),
        pytest.param(
            "https://doi.org/10.1000/own\nbody\nhttps://doi.org/10.1000/own\n"
            "12 A. Smith, doi.org/10.1000/ref.\n",
            {"10.1000/ref"},
            "10.1000/own",
            id="repeated-footer-beats-reference",
        ),
        pytest.param(
            "12. Smith AB. Title. J. 2014;15:1-9. doi:10.1000/ref\n",
            {"10.1000/ref"},
            None,
            id="only-a-reference-doi",
        ),
        pytest.param(
            "body\n1 A. Smith, https://doi.org/10.1000/own.\nhttps://doi.org/10.1000/own\n",
            {"10.1000/own"},
            "10.1000/own",
            id="footer-swallowed-by-an-entry",
        ),
        pytest.param("no identifiers at all\n", set(), None, id="none"),
        pytest.param(
            "DOI: 10.1000/first\nlater DOI: 10.1000/second\n",
            set(),
            "10.1000/first",
            id="tie-goes-to-the-first-printed",
        ),
    ],
)
def test_find_own_doi(text: str, reference_dois: set[str], expected: str | None) -> None:
    assert find_own_doi(text, reference_dois) == expected


@pytest.mark.parametrize(
    ("numbers", "expected"),
    [
        ([1, 2, 3, 5, 7, 8], "1–3, 5, 7–8"),
        ([134, 1, 99, 2], "1–2, 99, 134"),
        ([], ""),
    ],
)
def test_format_ranges(numbers: list[int], expected: str) -> None:
    assert format_ranges(numbers) == expected


# --- idempotence and many documents -----------------------------------------------------------


def test_ingesting_twice_equals_once(tmp_path: Path, seed_path: Path) -> None:
    db = tmp_path / "r.db"
    ingest_file(seed_path, db)
    once = dump(db)
    ingest_file(seed_path, db)
    assert dump(db) == once
    assert once["documents"] and once["citations"]


def test_documents_live_side_by_side(tmp_path: Path, seed_path: Path) -> None:
    db = tmp_path / "r.db"
    others = [write_review(tmp_path / f"review{seed}.txt", seed) for seed in range(3)]
    results = ingest_files([seed_path, *others], db)
    assert [r.document_id for r in results] == [1, 2, 3, 4]
    before = dump(db)
    # re-ingest one document: the others' rows stay exactly as they were
    ingest_file(others[1], db)
    after = dump(db)
    for table in ("citations", "claims", "refs", "sections", "problems"):
        other_rows = [row for row in before[table] if row[1] != 3]  # column 1: document_id
        assert [row for row in after[table] if row[1] != 3] == other_rows, table
    conn = sqlite3.connect(db)
    per_document = conn.execute(
        "select document_id, count(*) from citations group by document_id order by 1"
    ).fetchall()
    assert [doc for doc, _count in per_document] == [1, 2, 3, 4]
    assert conn.execute("select id from documents where name = 'review1.txt'").fetchone() == (3,)
    # full-text search follows the replaced rows (no stale or duplicated entries)
    assert (
        conn.execute("select count(*) from claims_fts").fetchone()
        == conn.execute("select count(*) from claims").fetchone()
    )
    assert conn.execute("pragma integrity_check").fetchone() == ("ok",)


def test_batch_reports_each_document(tmp_path: Path) -> None:
    """One result per file, in order, whose counts are the rows written."""
    files = [
        write_review(tmp_path / f"r{seed}.txt", seed, style)
        for seed, style in enumerate(["superscript", "bracket", "paren"])
    ]
    db = tmp_path / "r.db"
    results = ingest_files(files, db)
    assert [r.name for r in results] == ["r0.txt", "r1.txt", "r2.txt"]
    conn = sqlite3.connect(db)
    for result in results:
        counts = conn.execute(
            "select count(*), count(distinct line || ':' || position) from citations "
            "where document_id = ?",
            [result.document_id],
        ).fetchone()
        assert counts == (result.citations, result.markers)
        assert conn.execute(
            "select count(*) from refs where document_id = ?", [result.document_id]
        ).fetchone() == (result.entries,)
        assert result.summary().startswith(
            f"{result.name}: {result.markers} markers → {result.citations} citations"
        )


def test_progress_is_reported_per_document(tmp_path: Path) -> None:
    files = [write_review(tmp_path / f"r{seed}.txt", seed) for seed in range(2)]
    steps: list[int] = []
    ingest_files(files, tmp_path / "r.db", on_progress=steps.append)
    assert steps == [1, 1]


def test_ingesting_a_text_loads_neither_the_pdf_reader_nor_the_xml_parser(tmp_path: Path) -> None:
    """What a document is, is told from its first bytes (reflink.sniff): a text file's ingest
    never pays for importing the PDF reader, the JATS parser or lxml; and the database is made
    (schema.py) and written with the sqlite3 module alone, into a new database or a current
    one, without sqlite-utils and its plugins."""
    import subprocess
    import sys

    text = tmp_path / "review.txt"
    text.write_text(generate_review(3).text, encoding="utf-8")
    heavy = ["reflink.pdf", "reflink.jats", "lxml", "pypdfium2", "sqlite_utils"]
    code = (
        "import sys; from reflink.ingest import ingest_file\n"
        f"ingest_file({str(text)!r}, {str(tmp_path / 'r.db')!r})\n"
        f"print(sorted(m for m in {heavy!r} if m in sys.modules))"
    )
    for database in ("new", "current"):
        loaded = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        ).stdout.strip()
        assert loaded == "[]", database


def test_a_text_laid_out_in_columns_of_spaces_reads_like_the_plain_text(tmp_path: Path) -> None:
    # "pdftotext -layout" indents every line and opens with a row of spaces; sniffing such a
    # file for JATS markup once hung (reflink.sniff), and the reading must not depend on it
    text = generate_review(3).text
    laid_out = (
        " " * 70
        + "\n"
        + "\n".join("      " + line if line else " " * 70 for line in text.split("\n"))
    )
    plain, laid = tmp_path / "plain.txt", tmp_path / "layout.txt"
    plain.write_text(text, encoding="utf-8")
    laid.write_text(laid_out, encoding="utf-8")
    ingest_file(plain, tmp_path / "plain.db")
    ingest_file(laid, tmp_path / "layout.db")
    sql = "select line, marker, number, ref_id from citations order by id"
    with sqlite3.connect(tmp_path / "plain.db") as conn:
        expected = conn.execute(sql).fetchall()
    with sqlite3.connect(tmp_path / "layout.db") as conn:
        # one line more on top: every citation one line down, the same marker, number and entry
        assert [(line - 1, *rest) for line, *rest in conn.execute(sql)] == expected
    assert len(expected) > 20


def test_a_folder_adds_only_the_documents_not_named_already(tmp_path: Path) -> None:
    from reflink.ingest import expand_inputs

    folder = tmp_path / "reviews"
    (folder / "sub").mkdir(parents=True)
    for name in ("b.txt", "a.pdf", "sub/c.nxml", "sub/d.XML", "notes.md", "sub/.e.txt"):
        (folder / name).write_text("x", encoding="utf-8")
    named = folder / "b.txt"
    assert expand_inputs([named, folder, tmp_path / "elsewhere.dat"]) == [
        named,  # as given, first
        folder / "a.pdf",
        folder / "sub" / "c.nxml",
        folder / "sub" / "d.XML",
        tmp_path / "elsewhere.dat",  # a file named on its own is kept, whatever its name
    ]


def write_invented_review(path: Path, body: str, entries: list[str], label: str) -> Path:
    """A small invented review: an introduction holding `body`, then the entries, each after
    its `label` (formatted with its number `n`)."""
    listed = "\n".join(f"{label.format(n=n)} {entry}" for n, entry in enumerate(entries, start=1))
    path.write_text(f"1. Introduction\n\n{body}\n\nReferences\n\n{listed}\n", encoding="utf-8")
    return path


def test_a_review_whose_list_is_numbered_with_closing_parentheses(tmp_path: Path) -> None:
    """Bracket callouts and a list numbered "1) …": the list is found and every callout links
    (it used to be refused: "no reference list found")."""
    entries = [
        "Okafor AB, Lind C. Fusion kinases in invented tumours. J Fake Oncol. 2019;12:100-9.",
        "Berg D, Sato E. Resistance in an invented trial. Fake Cancer Res. 2020;15(2):200-10.",
        "Nakamura F, Ruiz G. Second-site mutations in made-up kinases. Invented Med. 2018;7:55-60.",
    ]
    body = (
        "Kinase fusions drive many invented cancers [1]. Resistance arises through secondary "
        "mutations [2, 3]."
    )
    db = tmp_path / "r.db"
    result = ingest_file(write_invented_review(tmp_path / "closing.txt", body, entries, "{n})"), db)
    assert (result.entries, result.citations, result.linked) == (3, 3, 3)
    with sqlite3.connect(db) as conn:
        rows = conn.execute("select number, journal, year from refs order by number").fetchall()
    assert rows == [
        (1, "J Fake Oncol", 2019),
        (2, "Fake Cancer Res", 2020),
        (3, "Invented Med", 2018),
    ]


def test_a_review_with_callouts_typed_as_superscript_characters(tmp_path: Path) -> None:
    """ "cancers¹", "mutations²,³", "common⁴⁻⁶": every callout found and linked; "4 cm²" is no
    callout, and the line keeps its characters as typed."""
    entries = [
        f"{name}. An invented finding {n}. J Fake Oncol. {2010 + n};{n}:{n}0-9."
        for n, name in enumerate(
            ["Okafor AB", "Berg D", "Sato E", "Lind C", "Ruiz G", "Costa K"], start=1
        )
    ]
    body = (
        "Kinase fusions drive many invented cancers¹. Resistance arises through secondary "
        "mutations²,³ in tumours of 4 cm².\nBrain metastases remain common⁴⁻⁶."
    )
    db = tmp_path / "r.db"
    result = ingest_file(write_invented_review(tmp_path / "typed.txt", body, entries, "{n}."), db)
    assert (result.markers, result.citations, result.linked) == (3, 6, 6)
    with sqlite3.connect(db) as conn:
        numbers = [row[0] for row in conn.execute("select number from citations order by id")]
        line = conn.execute("select text from lines where number = 3").fetchone()[0]
    assert numbers == [1, 2, 3, 4, 5, 6]
    assert "cancers¹" in line and "4 cm²" in line
