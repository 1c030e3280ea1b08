"""The command line: exit statuses, one-line errors, summaries."""

from __future__ import annotations

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
    "(139 cited), 34 entries (2 partial), 112 numbers without an entry (1–99, 134–146), 2 problems"
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
