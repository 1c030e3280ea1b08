"""`reflink lookup`: the claims about something with the entries behind their numbers, and the
claims that cite one number; on the seed and on small hand-made databases."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from reflink.cli import cli
from reflink.db import open_existing
from reflink.errors import ReflinkError
from reflink.lookup import (
    claims_citing,
    document_summaries,
    fts_queries,
    parse_number_ranges,
    search_claims,
)
from reflink.models import Claim, Marker, RefEntry, Section
from synthetic import write_handmade_document


def lookup(db_path: Path, *args: str):
    return CliRunner().invoke(cli, ["lookup", *args, "--db", str(db_path)])


@pytest.fixture
def small_db(tmp_path: Path) -> Path:
    """Two claims under "2.1 Brain metastases": one cites 3 (listed, with a DOI) and 7 (not)."""
    section = Section("2.1", "Brain metastases", 10)
    claims = [
        Claim(
            "Crizotinib controls brain metastases poorly.",
            11,
            12,
            section,
            (Marker(12, "3,7", (3, 7), start=40),),
        ),
        Claim(
            "Lorlatinib crosses the blood-brain barrier.",
            13,
            13,
            section,
            (Marker(13, "3", (3,), start=90),),
        ),
        Claim("Nothing is cited here about crizotinib.", 14, 14, section),
    ]
    refs = [
        RefEntry(
            3,
            "A. B. Smith, C. Jones, D. Brown and E. White, Lancet Oncol., 2014, 15, 1119–1128.",
            40,
            authors=("A. B. Smith", "C. Jones", "D. Brown", "E. White"),
            journal="Lancet Oncol.",
            year=2014,
            volume="15",
            pages="1119–1128",
            doi="10.1016/S1470-2045(14)70362-6",
        )
    ]
    return write_handmade_document(tmp_path / "small.db", refs, name="small.txt", claims=claims)


# --- hand-made database: the exact output ------------------------------------------------------


def test_lookup_prints_claim_section_lines_markers_entries_and_doi(small_db: Path) -> None:
    result = lookup(small_db, "brain metastases crizotinib")
    assert result.exit_code == 0, result.output
    assert result.output == (
        "claim 1 · small.txt · 2.1 Brain metastases · lines 11–12 · markers 3,7\n"
        "  Crizotinib controls brain metastases poorly.\n"
        "    [3] A. B. Smith, C. Jones, D. Brown et al., Lancet Oncol., 2014, 15, 1119–1128\n"
        "        https://doi.org/10.1016/S1470-2045(14)70362-6\n"
        "    [7] not in the reference list\n"
        "\n"
        '1 claim matches "brain metastases crizotinib", citing 2 numbers (1 with an entry)\n'
    )


def test_lookup_json(small_db: Path) -> None:
    result = lookup(small_db, "crizotinib", "--json")
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert data["query"] == "crizotinib"
    first = data["claims"][0]
    assert first["section"] == {"number": "2.1", "title": "Brain metastases"}
    assert first["lines"] == [11, 12]
    assert first["markers"] == ["3,7"]
    assert [s["number"] for s in first["sources"]] == [3, 7]
    assert first["sources"][0]["entry"]["doi_url"] == (
        "https://doi.org/10.1016/S1470-2045(14)70362-6"
    )
    assert first["sources"][0]["entry"]["authors"][0] == "A. B. Smith"
    assert first["sources"][1]["entry"] is None
    assert len(data["claims"]) == 2  # the uncited sentence matches too, with no sources


def test_lookup_limit_shows_the_best_and_counts_all(small_db: Path) -> None:
    result = lookup(small_db, "crizotinib", "--limit", "1")
    assert result.exit_code == 0
    assert result.output.splitlines()[-1] == (
        '1 of 2 claims match "crizotinib", citing 2 numbers (1 with an entry)'
    )
    assert json.loads(lookup(small_db, "crizotinib", "--json").output)["total"] == 2


def test_lookup_ranks_best_match_first(small_db: Path) -> None:
    with open_existing(small_db) as db:
        result = search_claims(db, "brain barrier lorlatinib")
    assert result.claims[0].text == "Lorlatinib crosses the blood-brain barrier."


def test_lookup_falls_back_to_any_word(small_db: Path) -> None:
    with open_existing(small_db) as db:
        result = search_claims(db, "lorlatinib nivolumab")
    assert [c.text for c in result.claims] == ["Lorlatinib crosses the blood-brain barrier."]
    assert result.note == 'No claim has all the words of "lorlatinib nivolumab"; these have some.'


def test_lookup_no_match_says_so_and_exits_1(small_db: Path) -> None:
    result = lookup(small_db, "pembrolizumab")
    assert result.exit_code == 1
    assert result.output == 'no claim matches "pembrolizumab"\n'


def test_lookup_ref_lists_the_entry_and_the_claims_citing_it(small_db: Path) -> None:
    result = lookup(small_db, "--ref", "3")
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[:3] == [
        "small.txt:",
        "  [3] A. B. Smith, C. Jones, D. Brown et al., Lancet Oncol., 2014, 15, 1119–1128",
        "      https://doi.org/10.1016/S1470-2045(14)70362-6",
    ]
    assert lines[-1] == "2 claims cite [3]"


def test_lookup_ref_of_a_number_with_no_entry(small_db: Path) -> None:
    result = lookup(small_db, "--ref", "7")
    assert result.exit_code == 0
    assert result.output.startswith("[7] not in the reference list\n")
    assert result.output.endswith("1 claim cites [7]\n")


def test_lookup_ref_listed_but_never_cited(tmp_path: Path) -> None:
    db_path = write_handmade_document(
        tmp_path / "uncited.db",
        [RefEntry(4, "x", 9, authors=("Kim DW",), journal="Lancet", year=2017)],
        name="u.txt",
    )
    result = lookup(db_path, "--ref", "4")
    assert result.exit_code == 1
    assert result.output == "u.txt:\n  [4] Kim DW, Lancet, 2017\nno claim cites [4]\n"


def test_lookup_ref_neither_listed_nor_cited(small_db: Path) -> None:
    result = lookup(small_db, "--ref", "99")
    assert result.exit_code == 1
    assert result.output == "[99] is neither listed nor cited\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        pytest.param([], "give a search", id="nothing"),
        pytest.param(["x", "--ref", "3"], "give a search", id="both"),
    ],
)
def test_lookup_usage(small_db: Path, args: list[str], message: str) -> None:
    result = lookup(small_db, *args)
    assert result.exit_code == 2
    assert message in result.output


def test_lookup_unknown_document(small_db: Path) -> None:
    result = lookup(small_db, "crizotinib", "--document", "other.txt")
    assert result.exit_code == 1
    assert (
        result.output == "Error: no document 'other.txt' in the database (documents: small.txt)\n"
    )


def test_lookup_missing_database(tmp_path: Path) -> None:
    result = lookup(tmp_path / "none.db", "x")
    assert result.exit_code == 1
    assert result.output.startswith("Error: ")
    assert not (tmp_path / "none.db").exists()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        pytest.param(
            "brain metastases",
            ['"brain" "metastases"', '"brain" OR "metastases"'],
            id="all-words-then-any",
        ),
        pytest.param("EML4-ALK", ['"EML4" "ALK"', '"EML4" OR "ALK"'], id="hyphen-separates"),
        pytest.param("crizotinib OR ceritinib", ["crizotinib OR ceritinib"], id="fts-syntax-kept"),
        pytest.param("lorlat*", ["lorlat*"], id="prefix"),
    ],
)
def test_fts_queries(query: str, expected: list[str]) -> None:
    assert fts_queries(query) == expected


def test_fts_queries_needs_a_word() -> None:
    with pytest.raises(ReflinkError, match="nothing to search for"):
        fts_queries("–")


@pytest.mark.parametrize(
    ("text", "numbers"),
    [
        pytest.param("101-105,110", [101, 102, 103, 104, 105, 110], id="range-and-single"),
        pytest.param("101–103", [101, 102, 103], id="en-dash"),
        pytest.param(" 5 , 5, 6 ", [5, 6], id="spaces-and-repeats"),
    ],
)
def test_parse_number_ranges(text: str, numbers: list[int]) -> None:
    assert parse_number_ranges(text) == numbers


@pytest.mark.parametrize("text", ["", "a", "5-", "9-3", "1-9999999"])
def test_parse_number_ranges_rejects(text: str) -> None:
    with pytest.raises(ValueError):
        parse_number_ranges(text)


# --- the seed ---------------------------------------------------------------------------------


def test_seed_drug_search_finds_claims_with_numbers_and_entries(seed_db: Path) -> None:
    # "… alectinib has significant activity on brain metastases of ALK rearranged NSCLC with an
    # initial total response rate of 52%.101–103"
    with open_existing(seed_db) as db:
        result = search_claims(db, "alectinib brain metastases")
    claim = next(c for c in result.claims if "initial total response rate of 52%" in c.text)
    numbers = {cited.number: cited.entry for cited in claim.cited}
    assert {101, 102, 103} <= set(numbers)
    gadgeel = numbers[101]
    assert gadgeel.authors[:2] == ("S. M. Gadgeel", "L. Gandhi")
    assert (gadgeel.journal, gadgeel.year, gadgeel.volume, gadgeel.pages) == (
        "Lancet Oncol.",
        2014,
        "15",
        "1119–1128",
    )
    assert numbers[103].journal == "Cancer Cell"
    assert "101–103" in claim.markers


def test_seed_doi_link(seed_db: Path) -> None:
    # 119: "T. Li, W. Ma and E. C. Tian, Chin. J. Clin. Oncol., 2018, DOI: 10.21037/cco.2018.10.12."
    result = lookup(seed_db, "ensartinib")
    assert result.exit_code == 0
    assert "[119] T. Li, W. Ma, E. C. Tian, Chin. J. Clin. Oncol., 2018" in result.output
    assert "https://doi.org/10.21037/cco.2018.10.12" in result.output


def test_seed_numbers_without_an_entry(seed_db: Path) -> None:
    # entries 1–99 are cut from the extract: a crizotinib claim cites some of them
    result = lookup(seed_db, "crizotinib", "--json")
    sources = [s for c in json.loads(result.output)["claims"] for s in c["sources"]]
    assert any(s["entry"] is None and s["number"] < 100 for s in sources)


def test_seed_ref_110_brigatinib(seed_db: Path) -> None:
    # "In a phase 3 trial, brigatinib, as compared with crizotinib, had superior efficacy
    # against systemic and intracranial disease.110"
    with open_existing(seed_db) as db:
        result = claims_citing(db, 110)
    assert [e.authors[0] for e in result.entries] == ["D. R. Camidge"]
    assert any(
        "superior efficacy against systemic and intracranial disease" in c.text
        for c in result.claims
    )
    result = lookup(seed_db, "--ref", "110")
    assert result.exit_code == 0
    assert result.output.startswith(
        "alk-ros1-review.txt:\n  [110] D. R. Camidge, H. R. Kim, M. J. Ahn et al., "
        "N. Engl. J. Med., 2018, 379, 2027–2039\n"
    )


def test_document_summaries_still_read_the_seed(seed_db: Path) -> None:
    with open_existing(seed_db) as db:
        [summary] = document_summaries(db)
    assert summary.name == "alk-ros1-review.txt"
    assert summary.entries == 34


def test_lookup_broken_fts_syntax_searches_the_words(small_db: Path) -> None:
    """The web's search box copes with '"brain'; lookup now does too, and says so."""
    result = lookup(small_db, '"brain')
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(
        "'\"brain' is no valid search expression (unterminated string); searched its words.\n"
    )
    assert "brain" in result.stdout.split("\n", 2)[2].lower()


def test_the_read_side_does_not_load_the_parsers() -> None:
    """`import reflink` and the read side (lookup, its terminal text, BibTeX, enrichment) stand
    on the models: none of them loads the text parsers, their word tables or the field model."""
    import subprocess
    import sys

    parsers = ["reflink.ingest", "reflink.textclean", "reflink.references", "reflink.citations"]
    code = (
        "import sys, reflink, reflink.lookup, reflink.render, reflink.bibtex, reflink.enrich\n"
        f"print(sorted(m for m in {parsers!r} if m in sys.modules))"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert loaded == "[]"


# --- by author, as CSV, documents by name (issue 17) -------------------------------------------


def test_lookup_author_finds_the_claims_citing_their_works(seed_db: Path) -> None:
    """`lookup Gadgeel` searched sentences and found nothing; the entries name him."""
    result = lookup(seed_db, "--author", "Gadgeel", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["author"] == "Gadgeel"
    assert [entry["number"] for entry in data["entries"]] == [101, 105, 131]
    for claim in data["claims"]:  # each claim cites one of his works
        assert {s["number"] for s in claim["sources"]} & {101, 105, 131}, claim["claim_id"]
    assert len(data["claims"]) == 6
    text = lookup(seed_db, "--author", "Gadgeel")
    assert text.stdout.rstrip().endswith("6 claims cite works by Gadgeel (3 entries)")
    nobody = lookup(seed_db, "--author", "Nobodyson")
    assert nobody.exit_code == 1
    assert nobody.output == "no claim cites works by Nobodyson\n"


def test_lookup_csv_has_a_row_per_claim_and_source(seed_db: Path) -> None:
    import csv
    import io

    result = lookup(seed_db, "intracranial response of 64.3%", "--csv", "--limit", "1")
    assert result.exit_code == 0, result.output
    [row] = list(csv.DictReader(io.StringIO(result.stdout)))
    assert (row["relation"], row["number"], row["distance"]) == ("paragraph", "120", "2")
    assert row["reference"].startswith("L. Horn, J. R. Infante, K. L. Reckamp et al.")


def test_document_by_name_in_crossref_commands(tmp_path: Path) -> None:
    from synthetic import write_handmade_document

    db_path = tmp_path / "two.db"
    write_handmade_document(db_path, [RefEntry(1, "x", 1)], name="one.txt")
    write_handmade_document(db_path, [RefEntry(1, "y", 1)], name="two.txt")
    from reflink.cli import document_id_for

    assert document_id_for(db_path, "two.txt") == 2
    assert document_id_for(db_path, "/texts/one.txt") == 1
    assert document_id_for(db_path, "2") == 2
    with pytest.raises(ReflinkError, match="no document 'three.txt'"):
        document_id_for(db_path, "three.txt")
