"""Paragraphs, and the numbers a sentence without a callout has through its paragraph: kept
apart from its own citations (never a `citations` row, never counted in the report)."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from reflink.cli import cli
from reflink.ingest import ingest_file, parse_document
from reflink.models import Claim, Marker
from reflink.paragraphs import context_summary, describe_distance, paragraph_context

# Three paragraphs: the first cites once, at its end (the habit of reviews); the second cites in
# its first and last sentences; the third cites nothing.
TEXT = """1. Introduction

Inventedinib is a new inhibitor with good activity in the brain. In a small phase
one study, lesions shrank in most of the patients. The response lasted for more
than a year in half of them.7

Resistance came later in every patient.8 Its cause was a second mutation in most
of them. Some patients responded to a third drug again.9

Nothing is known about the long term yet. Larger studies are under way.

References

7 A. B. Smith and C. Jones, Lancet Oncol., 2014, 15, 1119–1128.
8 D. Okafor, J. Clin. Oncol., 2016, 34, 12–19.
9 E. Tanaka and F. Novak, Cancer Res., 2011, 71, 400–410.
"""


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    source = tmp_path / "review.txt"
    source.write_text(TEXT, encoding="utf-8")
    ingest_file(source, tmp_path / "r.db")
    return tmp_path / "r.db"


def rows(db_path: Path, sql: str) -> list[tuple]:
    with sqlite3.connect(db_path) as conn:
        return conn.execute(sql).fetchall()


def test_claims_know_their_paragraph() -> None:
    claims = parse_document(TEXT).claims
    assert [(c.text.split()[0], c.paragraph) for c in claims] == [
        ("Inventedinib", 0),
        ("In", 0),
        ("The", 0),
        ("Resistance", 1),
        ("Its", 1),
        ("Some", 1),
        ("Nothing", 2),
        ("Larger", 2),
    ]


def test_context_rows_for_sentences_that_cite_nothing(db_path: Path) -> None:
    context = rows(
        db_path,
        "select substr(claims.text, 1, 12), claim_context.number, claim_context.distance,"
        " claim_context.ref_id is not null from claim_context"
        " join claims on claims.id = claim_context.claim_id order by claims.id, number",
    )
    assert context == [
        ("Inventedinib", 7, 2, 1),
        ("In a small p", 7, 1, 1),
        # equally near both callouts: each number at its nearest sentence, a tie goes forward
        ("Its cause wa", 8, -1, 1),
        ("Its cause wa", 9, 1, 1),
    ]


def test_context_is_never_a_citation(db_path: Path) -> None:
    assert rows(db_path, "select number from citations order by number") == [(7,), (8,), (9,)]
    assert rows(db_path, "select count(*) from claims where cited = 1") == [(3,)]
    assert rows(db_path, "select count(*) from paragraphs") == [(3,)]
    assert rows(
        db_path,
        "select position, line_start, line_end, kind from paragraphs order by position",
    ) == [(0, 3, 5, "body"), (1, 7, 8, "body"), (2, 10, 10, "body")]


def test_reingest_replaces_paragraphs_and_context(db_path: Path, tmp_path: Path) -> None:
    before = rows(db_path, "select count(*) from claim_context")
    ingest_file(tmp_path / "review.txt", db_path)
    assert rows(db_path, "select count(*) from claim_context") == before
    assert rows(db_path, "select count(*) from paragraphs") == [(3,)]


def test_lookup_says_where_the_paragraph_cites(db_path: Path) -> None:
    result = CliRunner().invoke(cli, ["lookup", "shrank", "--db", str(db_path)])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert "    no citation in this sentence; its paragraph cites [7] (the next sentence)" in lines
    assert any(line.startswith("    [7] A. B. Smith, C. Jones, Lancet Oncol.") for line in lines)
    data = json.loads(
        CliRunner().invoke(cli, ["lookup", "shrank", "--json", "--db", str(db_path)]).stdout
    )
    claim = data["claims"][0]
    assert claim["sources"] == []
    assert [(c["number"], c["distance"]) for c in claim["paragraph_context"]] == [(7, 1)]
    assert claim["paragraph_context"][0]["entry"]["journal"] == "Lancet Oncol."


def test_lookup_of_a_paragraph_without_citations(db_path: Path) -> None:
    result = CliRunner().invoke(cli, ["lookup", "long term", "--db", str(db_path)])
    assert "    no citation in this sentence" in result.stdout.splitlines()


def claim(text: str, paragraph: int, *numbers: int, kind: str = "body") -> Claim:
    markers = (Marker(1, ",".join(map(str, numbers)), tuple(numbers)),) if numbers else ()
    return Claim(text, 1, 1, markers=markers, kind=kind, paragraph=paragraph)


def test_paragraph_context_skips_captions_and_other_paragraphs() -> None:
    claims = [
        claim("Cited elsewhere.", 0, 1),
        claim("A caption.", 1, kind="caption"),
        claim("Uncited.", 2),
        claim("Cited here.", 2, 2, 3),
    ]
    context = paragraph_context(claims)
    assert [(c.claim, c.number, c.distance) for c in context] == [(2, 2, 1), (2, 3, 1)]


@pytest.mark.parametrize(
    ("distance", "words"),
    [
        pytest.param(1, "the next sentence", id="next"),
        pytest.param(2, "2 sentences on", id="two-on"),
        pytest.param(-1, "the sentence before", id="before"),
        pytest.param(-3, "3 sentences before", id="three-before"),
    ],
)
def test_describe_distance(distance: int, words: str) -> None:
    assert describe_distance(distance) == words


def test_context_summary_groups_numbers_by_distance() -> None:
    assert context_summary([(120, 2)]) == (
        "no citation in this sentence; its paragraph cites [120] (2 sentences on)"
    )
    assert context_summary([(3, 1), (2, 1), (9, -1)]) == (
        "no citation in this sentence; its paragraph cites [2, 3] (the next sentence),"
        " [9] (the sentence before)"
    )
    assert context_summary([]) == "no citation in this sentence"


def test_every_dropped_line_is_listed_in_problems() -> None:
    """Nothing leaves the text without a trace: a running head dropped on three pages is one
    problem naming its lines."""
    from reflink.ingest import dropped_lines
    from reflink.models import FURNITURE, Line

    lines = [
        Line(1, "Made-up J. 2021 | 17", "Made-up J. 2021 | 17", kind=FURNITURE),
        Line(2, "Body text.", "Body text."),
        Line(40, "Made-up J. 2021 | 18", "Made-up J. 2021 | 18", kind=FURNITURE),
        Line(80, "Made-up J. 2021 | 19", "Made-up J. 2021 | 19", kind=FURNITURE),
    ]
    [problem] = dropped_lines(lines)
    assert (problem.line, problem.stage) == (1, "furniture")
    assert problem.message == (
        'dropped as page furniture, 3 times (line 1, 40, 80): "Made-up J. 2021 | 17"'
    )
