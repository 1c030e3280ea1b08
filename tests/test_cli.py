"""The command line: exit statuses, one-line errors, summaries."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from reflink.cli import cli


def test_ingest_missing_file_is_one_line_error(tmp_path: Path) -> None:
    db = tmp_path / "r.db"
    result = CliRunner().invoke(cli, ["ingest", str(tmp_path / "nope.txt"), "--db", str(db)])
    assert result.exit_code == 1
    assert result.output.strip() == f"Error: {tmp_path / 'nope.txt'} does not exist"
    assert not db.exists()


def test_report_lists_the_seed(seed_db: Path) -> None:
    result = CliRunner().invoke(cli, ["report", "--db", str(seed_db)])
    assert result.exit_code == 0
    assert result.output.startswith("alk-ros1-review.txt: ")
    assert result.output.strip().endswith(f"1 document(s) in {seed_db}")


SEED_SUMMARY = (
    "alk-ros1-review.txt: 150 markers → 189 citations (45 linked to an entry), 223 claims "
    "(139 cited), 34 entries (2 partial), 112 numbers without an entry (1–99, 134–146), 10 problems"
)


def test_ingest_prints_the_seed_report(tmp_path: Path, seed_path: Path) -> None:
    db = tmp_path / "r.db"
    result = CliRunner().invoke(cli, ["ingest", str(seed_path), "--db", str(db)])
    assert result.exit_code == 0
    assert result.stdout.strip() == SEED_SUMMARY
    assert result.stderr == f"1 document written to {db}\n"
    report = CliRunner().invoke(cli, ["report", "--db", str(db)])
    assert report.stdout.splitlines() == [SEED_SUMMARY, f"1 document(s) in {db}"]


def test_make_demo_and_serve_leave_the_default_database_alone() -> None:
    """`make demo` once deleted db/reflink.db, where hand-ingested documents and the Crossref
    cache live; it now works on a file of its own, and `make serve` only serves."""
    import shutil
    import subprocess

    if shutil.which("make") is None:
        pytest.skip("make is not installed")
    root = Path(__file__).resolve().parent.parent

    def recipe(target: str) -> list[str]:
        # -n: print the commands, run none; -W: as if the venv were fresh, so no rebuild lines
        done = subprocess.run(
            ["make", "-n", "-W", "pyproject.toml", "-o", ".venv/bin/reflink", target],
            cwd=root,
            capture_output=True,
            text=True,
            check=True,
        )
        return [line for line in done.stdout.splitlines() if "reflink " in line]

    demo = recipe("demo")
    assert not any("rm " in line for line in demo), demo
    assert all("--db db/demo.db" in line for line in demo), demo
    assert [line.split()[1] for line in demo] == ["ingest", "report", "serve"]
    serve = recipe("serve")
    assert [line.split()[1:4] for line in serve] == [["serve", "--db", "db/reflink.db"]]
    clean = subprocess.run(
        ["make", "-n", "clean"], cwd=root, capture_output=True, text=True, check=True
    ).stdout
    assert "db/reflink.db" not in clean and "db/*.db" not in clean


def test_keep_going_ingests_the_good_files_and_lists_the_bad(
    tmp_path: Path, seed_path: Path
) -> None:
    """One bad file among many no longer stops all: each file is written on its own."""
    bad = tmp_path / "notes.txt"
    bad.write_text("No citation in this text at all.\n", encoding="utf-8")
    missing = tmp_path / "gone.txt"
    db = tmp_path / "r.db"
    result = CliRunner().invoke(
        cli, ["ingest", str(seed_path), str(bad), str(missing), "--keep-going", "--db", str(db)]
    )
    assert result.exit_code == 1
    assert result.stdout.strip() == SEED_SUMMARY
    assert result.stderr.splitlines() == [
        f"1 document written to {db}",
        f"Error: {bad}: no citation markers found; is this the text of an article?",
        f"Error: {missing} does not exist",
        "2 of 3 files not ingested",
    ]
    report = CliRunner().invoke(cli, ["report", "--db", str(db)])
    assert report.stdout.splitlines()[-1] == f"1 document(s) in {db}"


def test_command_list_is_not_cut() -> None:
    """`reflink --help` shows each command's first line whole (click cuts a long one with …)."""
    result = CliRunner().invoke(cli, ["--help"])
    commands = result.output.split("Commands:", 1)[1].strip().splitlines()
    assert len(commands) >= 9
    assert not any(line.rstrip().endswith("...") for line in commands), commands


def test_readme_python_example_runs_as_written(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each line of the README's Python block runs, and prints what its comment says."""
    import ast
    import re

    root = Path(__file__).resolve().parent.parent
    readme = (root / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```python\n(.*?)```", readme, flags=re.S).group(1)
    monkeypatch.chdir(root)
    namespace: dict = {}
    checked = 0
    for line in block.splitlines():
        code, _, comment = line.partition("  # ")
        statements = [piece.strip() for piece in code.split("; ") if piece.strip()]
        try:
            expected = ast.literal_eval(comment.strip()) if comment.strip() else None
        except (ValueError, SyntaxError):
            expected = None  # a comment in words
        for statement in statements[:-1]:
            exec(statement, namespace)
        last = statements[-1]
        if expected is not None:
            assert eval(last, namespace) == expected, line
            checked += 1
        else:
            exec(last, namespace)
    assert checked >= 2


def test_report_json_and_csv(seed_db: Path) -> None:
    import csv
    import io
    import json

    data = json.loads(CliRunner().invoke(cli, ["report", "--json", "--db", str(seed_db)]).stdout)
    assert [(d["name"], d["claims"], d["entries"], d["dangling"]) for d in data] == [
        ("alk-ros1-review.txt", 223, 34, "1–99, 134–146")
    ]
    rows = list(
        csv.DictReader(
            io.StringIO(CliRunner().invoke(cli, ["report", "--csv", "--db", str(seed_db)]).stdout)
        )
    )
    assert [(r["name"], r["citations"], r["linked"]) for r in rows] == [
        ("alk-ros1-review.txt", "189", "45")
    ]


def test_documents_of_the_same_name_are_told_apart(tmp_path: Path, seed_path: Path) -> None:
    """Two review.txt from different folders showed as the same name everywhere."""
    text = seed_path.read_text(encoding="utf-8")
    for folder in ("2019", "2020"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "review.txt").write_text(text, encoding="utf-8")
    db = tmp_path / "r.db"
    ingest = CliRunner().invoke(
        cli,
        [
            "ingest",
            str(tmp_path / "2019/review.txt"),
            str(tmp_path / "2020/review.txt"),
            "--db",
            str(db),
        ],
    )
    assert ingest.exit_code == 0, ingest.output
    report = CliRunner().invoke(cli, ["report", "--db", str(db)])
    names = [line.split(":")[0] for line in report.stdout.splitlines()[:2]]
    assert names == ["2019/review.txt", "2020/review.txt"]
    lookup = CliRunner().invoke(
        cli, ["lookup", "intracranial response of 64.3%", "--json", "--db", str(db)]
    )
    import json

    assert {c["document"] for c in json.loads(lookup.stdout)["claims"]} >= {
        "2019/review.txt",
        "2020/review.txt",
    }
    ambiguous = CliRunner().invoke(
        cli, ["resolve", "--document", "review.txt", "--dry-run", "--db", str(db)]
    )
    assert ambiguous.exit_code == 1
    assert ambiguous.output.startswith(
        "Error: 2 documents are named review.txt; give its path or id"
    )
    # the label `report` shows is a name --document takes, and so is the path from another folder
    labelled = CliRunner().invoke(
        cli, ["bibtex", "--document", "2020/review.txt", "--numbers", "101", "--db", str(db)]
    )
    assert labelled.exit_code == 0, labelled.output
    assert labelled.stdout.count("@article{") == 1
    unknown = CliRunner().invoke(
        cli, ["bibtex", "--document", "2021/review.txt", "--all", "--db", str(db)]
    )
    assert unknown.output == (
        "Error: no document '2021/review.txt' in the database "
        "(documents: 2019/review.txt, 2020/review.txt)\n"
    )
    # the entries `lookup --author` lists are told apart as the claims are
    author = CliRunner().invoke(cli, ["lookup", "--author", "Gadgeel", "--db", str(db)])
    assert author.exit_code == 0, author.output
    assert "2019/review.txt:" in author.stdout and "2020/review.txt:" in author.stdout


def test_output_piped_to_a_reader_that_stops_is_no_error(seed_db: Path) -> None:
    """`reflink bibtex --all | head -1` printed "Error: Broken pipe" when head stopped reading."""
    import subprocess

    reflink = Path(sys.executable).with_name("reflink")
    process = subprocess.Popen(
        [str(reflink), "bibtex", "--all", "--db", str(seed_db)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()  # the reader is gone before the first entry is written
    errors = process.stderr.read().decode()
    process.wait(timeout=60)
    assert "Error" not in errors and "Traceback" not in errors, errors


def small_review(topic: str, numbers: tuple[int, ...] = (1, 2, 3)) -> str:
    """A short invented review citing `numbers` in superscript style, with its list."""
    body = " ".join(f"{topic} finding number {n} was reported here.{n}" for n in numbers)
    entries = "\n".join(
        f"{n} A. B. Author{n} and C. Writer, J. Made-Up Res., 20{10 + n}, {n}, {n}00–{n}09."
        for n in numbers
    )
    return f"1. Introduction\n\n{body}\n\nReferences\n\n{entries}\n"


def test_a_folder_stands_for_every_document_below_it(tmp_path: Path) -> None:
    """A folder of reviews is one argument (100,000 files would pass the shell's limit): its
    texts, PDFs and JATS files in path order; its README, figures and hidden files are not."""
    folder = tmp_path / "reviews"
    (folder / "2019").mkdir(parents=True)
    (folder / ".drafts").mkdir()
    (folder / "b.txt").write_text(small_review("Kinase"), encoding="utf-8")
    (folder / "2019" / "a.TXT").write_text(small_review("Fusion", (1, 2)), encoding="utf-8")
    (folder / ".drafts" / "c.txt").write_text("not a review", encoding="utf-8")
    (folder / "README.md").write_text("# reviews\n", encoding="utf-8")
    (folder / "figure.png").write_bytes(b"\x89PNG\r\n")
    db = tmp_path / "r.db"
    result = CliRunner().invoke(cli, ["ingest", str(folder), "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert [line.split(":")[0] for line in result.stdout.splitlines()] == [
        "a.TXT",
        "b.txt",
        "In all",
    ]
    assert result.stdout.splitlines()[0].startswith("a.TXT: 2 markers → 2 citations")
    assert result.stderr == f"2 documents written to {db}\n"


def test_a_batch_ends_with_its_counts_added_up(tmp_path: Path) -> None:
    """Ingesting a folder of many reviews, the documents' own lines scroll away: the last line
    of the results adds them up. One document needs no total."""
    folder = tmp_path / "reviews"
    folder.mkdir()
    (folder / "a.txt").write_text(small_review("Kinase"), encoding="utf-8")
    # cites 1, 2 and 4; lists 1, 2 and 3: one number without an entry, one entry never cited
    (folder / "b.txt").write_text(
        small_review("Fusion", (1, 2, 3)).replace("reported here.3", "reported here.4"),
        encoding="utf-8",
    )
    db = tmp_path / "r.db"
    result = CliRunner().invoke(cli, ["ingest", str(folder), "--db", str(db)])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == (
        "a.txt: 3 markers → 3 citations (3 linked to an entry), 3 claims (3 cited), 3 entries, "
        "0 numbers without an entry"
    )
    assert lines[1] == (
        "b.txt: 3 markers → 3 citations (2 linked to an entry), 3 claims (3 cited), 3 entries, "
        "1 numbers without an entry (4), 1 entries never cited (3)"
    )
    assert lines[2] == (
        "In all: 6 markers → 6 citations (5 linked to an entry), 6 claims (6 cited), 6 entries, "
        "1 numbers without an entry"
    )
    single = CliRunner().invoke(cli, ["ingest", str(folder / "a.txt"), "--db", str(db)])
    assert single.stdout.splitlines() == [lines[0]]


def test_a_folder_with_no_document_is_an_error_not_an_empty_ingest(tmp_path: Path) -> None:
    folder = tmp_path / "typo"
    folder.mkdir()
    (folder / "notes.md").write_text("nothing here\n", encoding="utf-8")
    db = tmp_path / "r.db"
    result = CliRunner().invoke(cli, ["ingest", str(folder), "--db", str(db)])
    assert result.exit_code == 1
    assert result.output.strip() == (
        f"Error: {folder} is a folder with no .txt, .pdf or .xml file in it; nothing to ingest"
    )
    assert not db.exists()


def test_keep_going_in_parallel_writes_what_one_process_writes(tmp_path: Path) -> None:
    """--keep-going parses with --jobs too: the same documents, rows and refusals as with one
    process, the bad file listed in its place."""
    import sqlite3

    folder = tmp_path / "reviews"
    folder.mkdir()
    for index, topic in enumerate(["Kinase", "Fusion", "Resistance", "Brain", "Trial"]):
        (folder / f"{index}.txt").write_text(small_review(topic), encoding="utf-8")
    (folder / "2.txt").write_text("No citation in this text at all.\n", encoding="utf-8")
    outputs, dumps = [], []
    for jobs in ("1", "2"):
        db = tmp_path / f"jobs{jobs}.db"
        result = CliRunner().invoke(
            cli, ["ingest", str(folder), "--keep-going", "--jobs", jobs, "--db", str(db)]
        )
        assert result.exit_code == 1
        outputs.append((result.stdout, result.stderr.replace(str(db), "DB")))
        with sqlite3.connect(db) as conn:
            dumps.append(
                [
                    conn.execute(f"select * from {table} order by id").fetchall()
                    for table in ("claims", "citations", "refs")
                ]
            )
    assert outputs[0] == outputs[1]
    assert dumps[0] == dumps[1]
    assert outputs[0][1].splitlines() == [
        "4 documents written to DB",
        f"Error: {folder / '2.txt'}: no citation markers found; is this the text of an article?",
        "1 of 5 files not ingested",
    ]


def test_skip_unchanged_ingests_only_what_is_new_or_edited(tmp_path: Path) -> None:
    """A folder that grows: the files ingested before, unedited, are left as they are (not
    parsed, their rows untouched); a new file and an edited one are ingested."""
    import sqlite3

    folder = tmp_path / "reviews"
    folder.mkdir()
    for topic in ("Kinase", "Fusion", "Brain"):
        (folder / f"{topic}.txt").write_text(small_review(topic), encoding="utf-8")
    db = tmp_path / "r.db"
    assert CliRunner().invoke(cli, ["ingest", str(folder), "--db", str(db)]).exit_code == 0
    with sqlite3.connect(db) as conn:
        before = conn.execute("select id, name, ingested_at from documents order by id").fetchall()

    (folder / "Trial.txt").write_text(small_review("Trial"), encoding="utf-8")
    (folder / "Kinase.txt").write_text(small_review("Kinase", (1, 2)), encoding="utf-8")
    result = CliRunner().invoke(cli, ["ingest", str(folder), "--skip-unchanged", "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert [line.split(":")[0] for line in result.stdout.splitlines()] == [
        "Kinase.txt",
        "Trial.txt",
        "In all",
    ]
    assert result.stderr == f"2 documents written to {db} (2 files unchanged, skipped)\n"
    with sqlite3.connect(db) as conn:
        after = conn.execute("select id, name, ingested_at from documents order by id").fetchall()
        kinase_citations = conn.execute(
            "select count(*) from citations join documents d on d.id = document_id"
            " where d.name = 'Kinase.txt'"
        ).fetchone()
    unchanged = [row for row in before if row[1] in ("Fusion.txt", "Brain.txt")]
    assert all(row in after for row in unchanged)  # same id, same ingest time: not rewritten
    assert [row[1] for row in after] == ["Brain.txt", "Fusion.txt", "Kinase.txt", "Trial.txt"]
    assert kinase_citations == (2,)  # the edited file's new text

    bytes_before = db.read_bytes()
    again = CliRunner().invoke(cli, ["ingest", str(folder), "--skip-unchanged", "--db", str(db)])
    assert again.exit_code == 0
    assert again.stderr == f"all 4 files unchanged in {db}; nothing to ingest\n"
    assert db.read_bytes() == bytes_before
