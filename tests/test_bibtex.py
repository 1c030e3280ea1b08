"""BibTeX export: names in every printed style, stable keys, LaTeX-safe values that parse back
the same with bibtexparser and with pybtex, the seed's 101–133, and the Datasette renderer."""

from __future__ import annotations

import asyncio
import gc
import importlib.util
import json
import re
import sqlite3
import unicodedata
from pathlib import Path

import bibtexparser
import pybtex.database
import pytest
import sqlite_utils
from bibtexparser.middlewares.names import NameParts
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reflink.bibtex import (
    LIGATURE,
    NEEDS_ENCODING,
    TITLE_WORD,
    _last_name_first,
    _protect,
    accessed_date,
    base_key,
    bibtex_pages,
    encode_latex,
    export_refs,
    export_rows,
    needs_latex,
    protect_title_capitals,
    read_bibtex,
    work_title,
)
from reflink.cli import cli
from reflink.db import open_existing
from reflink.ingest import ingest_file
from reflink.lookup import select_references
from reflink.models import Claim, Marker, RefEntry, Section
from reflink.names import bibtex_name
from synthetic import write_handmade_document

ROOT = Path(__file__).resolve().parent.parent
write_refs = write_handmade_document
PLUGIN = ROOT / "src" / "reflink" / "web" / "plugins" / "bibtex_output.py"


def export_numbers(db_path: Path, numbers: list[int], document: str | None = None):
    with open_existing(db_path) as db:
        selection = select_references(db, numbers=numbers, document=document)
        return export_refs(db, selection.ref_ids, selection.missing)


def field_values(text: str) -> dict[str, dict[str, str]]:
    library = read_bibtex(text)
    assert library.failed_blocks == []
    return {entry.key: {f.key: f.value for f in entry.fields} for entry in library.entries}


def raw_field_values(text: str) -> list[str]:
    """Each field's value exactly as written (what BibTeX itself sees)."""
    parsed = bibtexparser.parse_string(text)
    return [str(f.value) for entry in parsed.entries for f in entry.fields]


def bibtex_braces_balance(value: str) -> bool:
    """BibTeX counts every brace, escaped or not; it must never go below zero nor end above."""
    depth = 0
    for char in value:
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth < 0:
            return False
    return depth == 0


# --- names ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("printed", "expected"),
    [
        pytest.param("S. M. Gadgeel", "Gadgeel, S. M.", id="rsc-initials-first"),
        pytest.param("Smith AB", "Smith, A. B.", id="vancouver"),
        pytest.param("van der Berg J", "van der Berg, J.", id="vancouver-particles"),
        pytest.param("Garcia Campelo R", "Garcia Campelo, R.", id="vancouver-two-family-names"),
        pytest.param("Okonkwo, S.", "Okonkwo, S.", id="jbc-family-first"),
        pytest.param("Smith, AB", "Smith, A. B.", id="family-comma-bare-initials"),
        pytest.param("P. N.Morcos", "Morcos, P. N.", id="initial-glued-to-family"),
        pytest.param("J.-F. Martini", "Martini, J.-F.", id="hyphenated-initials"),
        pytest.param("G. R. Blumenschein Jr", "Blumenschein, Jr, G. R.", id="suffix"),
        pytest.param("L. De Petris", "De Petris, L.", id="capital-particle-stays-family"),
        pytest.param("J. von Pawel", "von Pawel, J.", id="von"),
        pytest.param("L. Crinò", "Crinò, L.", id="unicode"),
        pytest.param("Doe JR", "Doe, J. R.", id="vancouver-JR-is-initials"),
        pytest.param("Doe AB Jr", "Doe, Jr, A. B.", id="vancouver-suffix"),
        pytest.param("K.L. Moreira da Costa", "Moreira da Costa, K. L.", id="initials-unspaced"),
        pytest.param("Smith, A.B.", "Smith, A. B.", id="comma-initials-unspaced"),
        pytest.param("Ørsted HC", "Ørsted, H. C.", id="vancouver-accented-family"),
        pytest.param("Kaya Ö", "Kaya, Ö.", id="vancouver-accented-initial"),
        pytest.param("United Nations", "United Nations", id="organisation-without-keyword"),
        pytest.param(
            "Panel on Kinases, Board of Oncology",
            "Panel on Kinases, Board of Oncology",
            id="organisation-with-comma",
        ),
        pytest.param("Secretaria da Saúde", "Secretaria da Saúde", id="organisation-particle"),
        pytest.param(
            "Food and Drug Administration", "Food and Drug Administration", id="organisation"
        ),
        pytest.param("et al.", None, id="et-al"),
    ],
)
def test_bibtex_name(printed: str, expected: str | None) -> None:
    assert bibtex_name(printed) == expected


@pytest.mark.parametrize(
    ("pages", "expected"),
    [
        pytest.param("1119–1128", "1119--1128", id="en-dash"),
        pytest.param("1119-1128", "1119--1128", id="hyphen"),
        pytest.param("e123", "e123", id="article-number"),
        pytest.param("JCO2016715904", "JCO2016715904", id="publisher-id"),
    ],
)
def test_bibtex_pages(pages: str, expected: str) -> None:
    assert bibtex_pages(pages) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        pytest.param("https://x.org/a, 2019 (accessed 12 March 2019).", "2019-03-12", id="dmy"),
        pytest.param("Available at https://x.org. Accessed: 2018-05-03", "2018-05-03", id="iso"),
        pytest.param("https://x.org [accessed 2017 Mar 4]", "2017-03-04", id="ymd-vancouver"),
        pytest.param("https://x.org, 2017.", None, id="no-access-date"),
    ],
)
def test_accessed_date(raw: str, expected: str | None) -> None:
    assert accessed_date(raw) == expected


# --- keys -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("ref", "key"),
    [
        pytest.param(
            {"authors": '["S. M. Gadgeel"]', "year": 2014, "journal": "Lancet Oncol."},
            "Gadgeel2014",
            id="no-title-no-journal-word",
        ),
        pytest.param(
            {
                "authors": '["Smith AB"]',
                "year": 2019,
                "title": "The ALK story",
                "journal": "Nature",
            },
            "Smith2019ALK",
            id="title-word-skips-the",
        ),
        pytest.param(
            {"authors": '["L. Crinò"]', "year": 2015, "title": "Über the lung"},
            "Crino2015Uber",
            id="ascii-family-and-folded-title-word",
        ),
        pytest.param(
            {"authors": '["van der Berg J"]', "year": 2021, "title": "Deep learning"},
            "vanderBerg2021Deep",
            id="particles-kept",
        ),
        pytest.param(
            {"authors": "[]", "year": 2017, "url": "https://www.cancer.gov/news"},
            "Cancer2017",
            id="web-page-by-host",
        ),
        pytest.param(
            {
                "authors": "[]",
                "year": 2015,
                "url": "http://www.fda.gov/news/x.htm",
                "title": "FDA expands approved use",
            },
            "FDA2015Expands",
            id="press-release-by-acronym-host",
        ),
        pytest.param(
            {"authors": "[]", "journal": "Ther.", "year": 2017}, "Anon2017", id="no-author"
        ),
        pytest.param(
            {
                "authors": '["Li X"]',
                "year": 2018,
                "title": "Chin J Lung Cancer",
                "journal": "Chin. J. Lung Cancer",
            },
            "Li2018",
            id="title-that-repeats-the-journal-is-no-title",
        ),
    ],
)
def test_base_key(ref: dict, key: str) -> None:
    assert base_key(ref) == key


def test_keys_disambiguated_a_b_over_the_whole_document(tmp_path: Path) -> None:
    refs = [
        RefEntry(1, "x", 1, authors=("A. Smith",), journal="Lancet", year=2014),
        RefEntry(2, "y", 2, authors=("B. Jones",), journal="Cell", year=2015),
        RefEntry(3, "z", 3, authors=("C. Smith",), journal="Lancet Oncol.", year=2014),
    ]
    db_path = write_refs(tmp_path / "r.db", refs)
    assert export_numbers(db_path, [1, 2, 3]).keys == ["Smith2014a", "Jones2015", "Smith2014b"]
    # exporting one of the pair alone keeps its letter: keys never depend on the subset
    assert export_numbers(db_path, [3]).keys == ["Smith2014b"]


def test_a_title_that_only_repeats_the_journal_is_not_written(tmp_path: Path) -> None:
    """ "Li X, Wang Y. Chin J Lung Cancer. 2018;21(3):45-50." prints no title: the parser's
    guess that the journal is one printed the journal twice and keyed the entry "Li2018Chin"."""
    refs = [
        RefEntry(
            1,
            "x",
            1,
            authors=("Li X",),
            title="Chin J Lung Cancer",
            journal="Chin J Lung Cancer",
            year=2018,
            volume="21",
        ),
        RefEntry(
            2,
            "y",
            2,
            authors=("Li X",),
            title="Chin J Oncol",
            journal="Chin J Oncol",
            year=2018,
            volume="12",
        ),
    ]
    db_path = write_refs(tmp_path / "r.db", refs)
    export = export_numbers(db_path, [1, 2])
    assert export.keys == ["Li2018a", "Li2018b"]
    values = field_values(export.text)
    assert "title" not in values["Li2018a"] and values["Li2018a"]["journal"] == "Chin J Lung Cancer"


# --- the seed ---------------------------------------------------------------------------------


def test_seed_101_to_133_writes_33_entries(seed_db: Path) -> None:
    export = export_numbers(seed_db, list(range(101, 134)))
    assert export.entries == 33
    assert export.missing == {}
    assert export.text.count("\n@") + export.text.startswith("@") == 33
    assert len(set(export.keys)) == 33
    values = field_values(export.text)
    assert len(values) == 33
    first = values[export.keys[0]]
    assert export.keys[0] == "Gadgeel2014"
    assert first["author"].startswith("Gadgeel, S. M. and Gandhi, L. and Riely, G. J.")
    assert (first["journal"], first["year"], first["volume"], first["pages"]) == (
        "Lancet Oncol.",
        "2014",
        "15",
        "1119–1128",
    )
    assert first["reflink-source"] == "Reference 101 in alk-ros1-review.txt"
    assert "note" not in first  # a note prints in the bibliography
    assert re.search(r"pages += \{1119--1128\}", export.text)


def test_seed_partial_100_written_with_what_it_has(seed_db: Path) -> None:
    export = export_numbers(seed_db, list(range(100, 134)))
    assert export.entries == 34
    values = field_values(export.text)
    partial = values[export.keys[0]]
    assert partial["year"] == "2017"
    assert "cut in the source text" in partial["reflink-source"]
    assert all(value.strip() for value in partial.values())


def test_seed_fields_round_trip_with_the_same_values(seed_db: Path) -> None:
    export = export_numbers(seed_db, list(range(101, 134)))
    values = field_values(export.text)
    with open_existing(seed_db) as db:
        rows = {r["number"]: r for r in db.query("select * from refs where number >= 101")}
    for key, fields in values.items():
        number = int(re.search(r"Reference (\d+)", fields["reflink-source"]).group(1))
        row = rows[number]
        for column in ("title", "journal", "volume", "doi", "url"):
            if row[column] and column in fields:
                assert fields[column] == " ".join(row[column].split()), (key, column)
        if row["year"]:
            assert fields["year"] == str(row["year"])
        if row["pages"]:
            assert fields["pages"] == re.sub(r"\s*[-–]+\s*", "–", row["pages"])


def test_seed_parses_with_pybtex(seed_db: Path) -> None:
    export = export_numbers(seed_db, list(range(100, 134)))
    data = pybtex.database.parse_string(export.text, "bibtex")
    assert list(data.entries) == export.keys
    gadgeel = data.entries["Gadgeel2014"]
    assert [str(p) for p in gadgeel.persons["author"][:2]] == ["Gadgeel, S. M.", "Gandhi, L."]
    assert gadgeel.fields["journal"] == "Lancet Oncol."


def test_seed_keys_stable_across_runs(seed_db: Path, seed_path: Path, tmp_path: Path) -> None:
    again = tmp_path / "again.db"
    ingest_file(seed_path, again)
    first = export_numbers(seed_db, list(range(100, 134)))
    second = export_numbers(again, list(range(100, 134)))
    assert first.keys == second.keys
    assert first.text == second.text


def test_seed_no_empty_fields_and_balanced_braces(seed_db: Path) -> None:
    with open_existing(seed_db) as db:
        export = export_refs(db, select_references(db, all_entries=True).ref_ids)
    assert not re.search(r"=\s*\{\s*\}", export.text)
    assert all(bibtex_braces_balance(value) for value in raw_field_values(export.text))


def test_seed_web_pages_are_misc_with_url(seed_db: Path) -> None:
    export = export_numbers(seed_db, [104, 114])
    assert export.keys == ["Cancer2017a", "Cancer2017b"]
    for fields in field_values(export.text).values():
        assert fields["url"].startswith("https://www.cancer.gov/news-events/cancer-currents-blog/")
        assert "howpublished" not in fields  # the address once, not as \\url{} again
    assert export.text.count("https://") == 2
    assert export.text.count("@misc{") == 2


# --- hostile values ---------------------------------------------------------------------------

HOSTILE_TITLE = (
    r"A {braced} \back@slash 50% of #1 a_b x~y 2^3 & $5 and $6 ALK-positive"
    " ``quoted'' 1--2 Szűcs"
)


@pytest.fixture
def hostile_db(tmp_path: Path) -> Path:
    refs = [
        RefEntry(
            1,
            "raw one",
            1,
            authors=("L. Crinò", "Müller-Ły K", "Food and Drug Administration"),
            title=HOSTILE_TITLE,
            journal="J. {Weird} Res. 100%",
            year=2020,
            volume="7",
            pages="1–9",
            doi="10.1000/a{b}c",
            url="https://x.org/a%20b#frag",
        ),
        RefEntry(
            2,
            "raw two",
            2,
            authors=("Ørsted, H. C.",),
            title="} unbalanced { title",
            journal="Lancet",
            year=2019,
        ),
        RefEntry(
            3,
            "FDA press release, https://www.fda.gov/x (accessed 3 May 2018).",
            3,
            title="FDA expands approved use",
            journal="Press release of the FDA",
            year=2015,
            url="https://www.fda.gov/x",
            kind="press",
        ),
    ]
    return write_refs(tmp_path / "hostile.db", refs)


def test_hostile_values_survive_the_round_trip(hostile_db: Path) -> None:
    export = export_numbers(hostile_db, [1, 2, 3])
    values = field_values(export.text)
    one, two, three = (values[key] for key in export.keys)
    assert one["title"] == HOSTILE_TITLE
    assert one["journal"] == "J. {Weird} Res. 100%"
    assert one["author"] == "Crinò, L. and Müller-Ły, K. and Food and Drug Administration"
    assert one["url"] == "https://x.org/a%20b#frag"
    assert one["doi"] == "10.1000/a%7Bb%7Dc"
    assert two["title"] == "} unbalanced { title"
    assert two["author"] == "Ørsted, H. C."
    assert three["urldate"] == "2018-05-03"
    assert three["howpublished"] == "Press release of the FDA"
    assert export.text.count("@misc{") == 1


def test_hostile_values_are_latex_safe(hostile_db: Path) -> None:
    export = export_numbers(hostile_db, [1, 2, 3])
    assert all(bibtex_braces_balance(value) for value in raw_field_values(export.text))
    title = re.search(r"title\s*= \{(.*)\},\n", export.text).group(1)
    for bare in ("%", "#", "&", "_", "$", "~", "^"):
        assert re.search(r"(?<!\\)" + re.escape(bare), title) is None, bare
    assert "{ALK-positive}" in title  # capitals kept by styles that lower-case titles
    assert "--" not in title and "''" not in title  # no LaTeX ligature: "-{}-", "'{}'"
    assert "Sz{\\H{u}}cs" in title  # the double acute, not pylatexenc's "\\'u"
    assert "Crin{\\`o}" in export.text
    assert "{Food and Drug Administration}" in export.text


def test_hostile_values_parse_with_pybtex(hostile_db: Path) -> None:
    export = export_numbers(hostile_db, [1, 2, 3])
    data = pybtex.database.parse_string(export.text, "bibtex")
    first = data.entries[export.keys[0]]
    assert [p.last_names for p in first.persons["author"]] == [
        ["Crin{\\`o}"],
        ['M{\\"u}ller-{\\L}y'],
        ["{Food and Drug Administration}"],
    ]


LATEX_COMMANDS = r"\input{/etc/passwd}\write18{rm -rf x}\immediate\openout"


def test_latex_commands_are_neutralised_in_every_field(tmp_path: Path) -> None:
    """A DOI or URL holding a LaTeX command was written raw (#18): a backslash, brace, blank or
    control character is percent-encoded there (the same address, still read by BibTeX and
    biblatex); every other field is escaped as text."""
    ref = RefEntry(
        1,
        "raw " + LATEX_COMMANDS,
        1,
        authors=(LATEX_COMMANDS,),
        title=LATEX_COMMANDS,
        journal=LATEX_COMMANDS,
        year=2020,
        volume=LATEX_COMMANDS,
        pages=LATEX_COMMANDS,
        doi="10.1234/x" + LATEX_COMMANDS + "\x1b[2J",
        url="https://x.org/" + LATEX_COMMANDS,
    )
    export = export_numbers(write_refs(tmp_path / "latex.db", [ref]), [1])
    for command in (r"\input", r"\write18", r"\immediate", r"\openout"):
        assert re.search(r"(?<![\\{])" + re.escape(command) + r"(?![a-z])", export.text) is None
    values = field_values(export.text)[export.keys[0]]
    assert values["doi"] == (
        "10.1234/x%5Cinput%7B/etc/passwd%7D%5Cwrite18%7Brm%20-rf%20x%7D%5Cimmediate%5Copenout%1B[2J"
    )
    assert values["url"] == (
        "https://x.org/%5Cinput%7B/etc/passwd%7D%5Cwrite18%7Brm%20-rf%20x%7D%5Cimmediate%5Copenout"
    )
    assert all(bibtex_braces_balance(value) for value in raw_field_values(export.text))
    data = pybtex.database.parse_string(export.text, "bibtex")
    assert data.entries[export.keys[0]].fields["doi"] == values["doi"]


# --- several documents ------------------------------------------------------------------------


def test_same_work_in_two_documents_is_written_once(tmp_path: Path) -> None:
    db_path = tmp_path / "two.db"
    shared = dict(authors=("A. Smith",), journal="Lancet", year=2014, doi="10.1/shared")
    write_refs(db_path, [RefEntry(5, "x", 1, **shared)], name="one.txt")
    write_refs(
        db_path,
        [
            RefEntry(7, "y", 1, **shared),
            RefEntry(
                8, "z", 2, authors=("A. Smith",), journal="Lancet", year=2014, doi="10.1/other"
            ),
        ],
        name="two.txt",
    )
    with open_existing(db_path) as db:
        export = export_refs(db, select_references(db, all_entries=True).ref_ids)
    # two Smith 2014 works in two.txt are Smith2014a/b there; the shared one is written once
    assert export.keys == ["Smith2014", "Smith2014b"]
    notes = [fields["reflink-source"] for fields in field_values(export.text).values()]
    assert notes[0] == "Reference 5 in one.txt; reference 7 in two.txt"


def test_numbers_need_a_document_when_there_are_several(tmp_path: Path) -> None:
    db_path = tmp_path / "two.db"
    write_refs(db_path, [RefEntry(1, "x", 1, authors=("A. Smith",), year=2014)], name="one.txt")
    write_refs(db_path, [RefEntry(1, "y", 1, authors=("B. Jones",), year=2015)], name="two.txt")
    result = CliRunner().invoke(cli, ["bibtex", "--numbers", "1", "--db", str(db_path)])
    assert result.exit_code == 1
    assert result.output.strip() == (
        "Error: 2 documents in the database; choose one with --document (one.txt, two.txt)"
    )
    assert export_numbers(db_path, [1], document="two.txt").keys == ["Jones2015"]


# --- command line -----------------------------------------------------------------------------


def test_cli_writes_file_and_lists_numbers_without_an_entry(seed_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "refs.bib"
    result = CliRunner().invoke(
        cli, ["bibtex", "--numbers", "1-2,101-105,110", "-o", str(out), "--db", str(seed_db)]
    )
    assert result.exit_code == 0, result.output
    assert result.stderr.strip() == (f"wrote 6 entries to {out}; 2 numbers without an entry: 1–2")
    assert len(field_values(out.read_text(encoding="utf-8"))) == 6


def test_cli_nothing_to_write_is_an_error(seed_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "refs.bib"
    result = CliRunner().invoke(
        cli, ["bibtex", "--numbers", "1-2", "-o", str(out), "--db", str(seed_db)]
    )
    assert result.exit_code == 1
    assert result.output.strip() == "Error: nothing to write; 2 numbers without an entry: 1–2"
    assert not out.exists()


def test_cli_search_without_match(seed_db: Path) -> None:
    result = CliRunner().invoke(cli, ["bibtex", "--search", "zzyzx", "--db", str(seed_db)])
    assert result.exit_code == 1
    assert result.output == "Error: nothing to write: the selection names no entry\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        pytest.param(["--numbers", "5-x"], "'5-x' is not a number or a range", id="bad-range"),
        pytest.param(["--numbers", "9-3"], "'9-3' runs backwards", id="backwards"),
        pytest.param([], "say what to export", id="no-selection"),
    ],
)
def test_cli_bad_arguments(seed_db: Path, args: list[str], message: str) -> None:
    result = CliRunner().invoke(cli, ["bibtex", *args, "--db", str(seed_db)])
    assert result.exit_code == 2
    assert message in result.output


def test_cli_selections_on_the_seed(seed_db: Path) -> None:
    def keys(*args: str) -> list[str]:
        result = CliRunner().invoke(cli, ["bibtex", *args, "--db", str(seed_db)])
        assert result.exit_code == 0, result.output
        return list(field_values(result.stdout))

    # "In a phase 3 trial, brigatinib, as compared with crizotinib, had superior efficacy …110"
    assert "Camidge2018" in keys("--search", "brigatinib")
    assert "Camidge2018" in keys("--cited-in-lines", "600-612")
    assert len(keys("--all")) == 34
    with open_existing(seed_db) as db:
        claim_id = db.execute("select claim_id from citations where number = 110").fetchone()[0]
    assert "Camidge2018" in keys("--claim", str(claim_id))


def test_section_selection(tmp_path: Path) -> None:
    section_4 = Section("4", "Treatment", 10)
    section_41 = Section("4.1", "Alectinib", 12)
    section_5 = Section("5", "Outlook", 20)
    claims = [
        Claim("Alectinib works.", 13, 13, section_41, (Marker(13, "1", (1,)),)),
        Claim("Treatment varies.", 11, 11, section_4, (Marker(11, "2,3", (2, 3)),)),
        Claim("Later.", 21, 21, section_5, (Marker(21, "4", (4,)),)),
    ]
    refs = [
        RefEntry(n, f"r{n}", 30 + n, authors=(f"A. Author{n}",), year=2000 + n) for n in (1, 2, 4)
    ]
    db_path = write_refs(tmp_path / "s.db", refs, claims=claims)
    with open_existing(db_path) as db:
        selection = select_references(db, section="4")
        assert export_refs(db, selection.ref_ids).keys == ["Author12001", "Author22002"]
        assert selection.missing == {"review.txt": [3]}
        assert select_references(db, section="outlook").ref_ids != []


# --- Datasette renderer -----------------------------------------------------------------------


def load_plugin():
    spec = importlib.util.spec_from_file_location("bibtex_output", PLUGIN)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_renderer_called_as_a_plain_function_gives_the_same_text(seed_db: Path) -> None:
    from datasette.app import Datasette

    plugin = load_plugin()
    conn = sqlite3.connect(seed_db)
    conn.row_factory = sqlite3.Row
    cursor = conn.execute("select * from refs where number between 101 and 133 order by number")
    rows = cursor.fetchall()
    columns = [d[0] for d in cursor.description]
    conn.close()
    assert plugin.can_render_bib(columns)
    assert not plugin.can_render_bib(["id", "name", "path"])
    ds = Datasette([str(seed_db)])
    response = asyncio.run(
        plugin.render_bib(
            datasette=ds,
            columns=columns,
            rows=rows,
            database=seed_db.stem,
            table="refs",
            query_name=None,
        )
    )
    expected = export_numbers(seed_db, list(range(101, 134))).text
    assert response.body == expected
    assert response.content_type.startswith("application/x-bibtex")
    # the claim_sources view points at the same entries through ref_id: same text again
    assert (
        plugin.bibtex_for_rows(
            sqlite_utils.Database(seed_db),
            [{"number": r["number"], "ref_id": r["id"]} for r in rows for _ in (1, 2)],
            ["number", "ref_id"],
            "claim_sources",
        )
        == expected
    )


def test_renderer_on_rows_from_anywhere() -> None:
    plugin = load_plugin()
    rows = [
        {
            "number": 3,
            "authors": '["Smith AB"]',
            "journal": "Cell",
            "year": 2001,
            "document": "x.txt",
        }
    ]
    text = plugin.bibtex_for_rows(sqlite_utils.Database(memory=True), rows, list(rows[0]), None)
    assert field_values(text) == {
        "Smith2001": {
            "author": "Smith, A. B.",
            "journal": "Cell",
            "year": "2001",
            "reflink-source": "Reference 3 in x.txt",
        }
    }


def test_renderer_through_datasette_pages(seed_db: Path) -> None:
    from reflink.web import database_name, make_datasette

    async def pages() -> tuple[str, str, str]:
        ds = make_datasette(seed_db)
        await ds.invoke_startup()
        name = database_name(seed_db)
        table = await ds.client.get(f"/{name}/refs")
        everything = await ds.client.get(f"/{name}/refs.bib?_size=max")
        some = await ds.client.get(f"/{name}/refs.bib?number__gte=101&number__lte=133")
        return table.text, everything.text, some.text

    html, everything, some = asyncio.run(pages())
    assert "refs.bib" in html  # the page offers the download
    with open_existing(seed_db) as db:
        assert everything == export_refs(db, select_references(db, all_entries=True).ref_ids).text
    assert some == export_numbers(seed_db, list(range(101, 134))).text


# Latin-1, Latin Extended-A and the characters BibTeX and LaTeX treat specially; not the primes
# "′ ″", which pylatexenc writes as quotes (LaTeX-safe, but not the same character back).
VALUE_CHARACTERS = st.characters(
    min_codepoint=0x20, max_codepoint=0x17F, exclude_categories=("Cc", "Cs")
) | st.sampled_from(list("{}\\@%#&_~^$–—“”…"))
VALUES = (
    st.text(VALUE_CHARACTERS, min_size=1, max_size=30)
    .map(lambda text: " ".join(text.split()))
    .filter(bool)
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(title=VALUES, journal=VALUES, family=VALUES.filter(lambda v: "," not in v))
def test_any_value_survives_the_round_trip(title: str, journal: str, family: str) -> None:
    rows = [
        {
            "id": 1,
            "number": 1,
            "authors": json.dumps([f"A. {family}"]),
            "title": title,
            "journal": journal,
            "year": 2000,
            "document": "d.txt",
        }
    ]
    export = export_rows(rows)
    assert all(bibtex_braces_balance(value) for value in raw_field_values(export.text))
    [fields] = field_values(export.text).values()
    if work_title({"title": title, "journal": journal}) is None:
        assert "title" not in fields  # a title that only repeats the journal is none
    else:
        assert fields["title"] == unicodedata.normalize("NFC", title)
    assert fields["journal"] == unicodedata.normalize("NFC", journal)
    assert pybtex.database.parse_string(export.text, "bibtex").entries


def test_renderer_on_canned_queries(seed_db: Path) -> None:
    # sources_behind_a_claim has no ref_id: its rows name entries by document and number
    from reflink.web import database_name, make_datasette

    async def page(path: str) -> str:
        ds = make_datasette(seed_db)
        await ds.invoke_startup()
        response = await ds.client.get(f"/{database_name(seed_db)}/{path}")
        assert response.status_code == 200
        return response.text

    brigatinib = asyncio.run(page("sources_behind_a_claim.bib?words=brigatinib"))
    camidge = export_numbers(seed_db, [110]).text
    assert camidge in brigatinib
    doi = asyncio.run(page("claims_citing_a_doi.bib?doi=https://doi.org/10.21037/cco.2018.10.12"))
    assert doi == export_numbers(seed_db, [119]).text


# The shortcuts taken for speed (issue 6: 10,000 entries in < 1 s) must write what the long
# way writes: each is checked against it on any text.
NAME_WORDS = st.lists(st.text(VALUE_CHARACTERS | st.just("\\"), min_size=1, max_size=6), max_size=3)


@settings(max_examples=300, deadline=None)
@given(first=NAME_WORDS, von=NAME_WORDS, last=NAME_WORDS, jr=NAME_WORDS)
def test_names_joined_as_bibtexparser_joins_them(
    first: list[str], von: list[str], last: list[str], jr: list[str]
) -> None:
    # "Crin{\\`o}, L."; a piece ending in a lone backslash gets bibtexparser's escape
    merged = NameParts(first=first, von=von, last=last, jr=jr).merge_last_name_first
    assert _last_name_first(first, von, last, jr) == merged


@settings(max_examples=300, deadline=None)
@given(
    text=st.lists(
        st.text(VALUE_CHARACTERS, max_size=4)
        | st.sampled_from(["--", "''", "``", "!`", "?`", "\\'E"])
    ).map("".join)
)
def test_cheap_checks_skip_only_what_the_full_work_leaves_alone(text: str) -> None:
    # needs_latex: the look-behind regex, answered by substring tests
    assert needs_latex(text) == bool(NEEDS_ENCODING.search(text) or LIGATURE.search(text))
    if not needs_latex(text):
        assert encode_latex(text) == text
    assert protect_title_capitals(text) == TITLE_WORD.sub(_protect, text)


def test_export_leaves_the_cycle_collector_on() -> None:
    # the export pauses it while it builds the library (no cycles there to find)
    rows = [{"id": 1, "number": 1, "authors": '["A. Smith"]', "title": "ALK", "year": 2000}]
    assert export_rows(rows).entries == 1
    assert gc.isenabled()
