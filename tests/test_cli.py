"""The command line: exit statuses, one-line errors, summaries."""

from __future__ import annotations

from pathlib import Path

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
    report = CliRunner().invoke(cli, ["report", "--db", str(db)])
    assert report.stdout.splitlines() == [SEED_SUMMARY, f"1 document(s) in {db}"]
