"""CSL-JSON and RIS export, each read back by a reader that is not ours (citeproc-py renders
the CSL-JSON into a bibliography; rispy and a line check read the RIS), and the BibTeX fields a
LaTeX user meets: "and others", the issue as `number`, a URL once, provenance out of `note`."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pybtex.database
import pytest
import rispy
from citeproc import (
    Citation,
    CitationItem,
    CitationStylesBibliography,
    CitationStylesStyle,
    formatter,
)
from citeproc.source.json import CiteProcJSON
from click.testing import CliRunner

from reflink.bibtex import author_list_cut, export_refs, printed_issue
from reflink.cli import cli
from reflink.db import open_existing
from reflink.formats import format_for
from reflink.lookup import select_references
from reflink.models import RefEntry
from synthetic import write_handmade_document

CUT = RefEntry(
    1,
    "Roe K, Poe L, Moe JT, et al. Statins for the invented heart. Fake Med J. 2005;366(9493):"
    "1267-78. doi:10.1000/fake.1",
    1,
    authors=("Roe K", "Poe L", "Moe JT"),
    title="Statins for the invented heart",
    journal="Fake Med J.",
    year=2005,
    volume="366",
    pages="1267–1278",
    doi="10.1000/fake.1",
    pmid="16214597",
)
WHOLE = RefEntry(
    2,
    "A. Bee and C. Dee, J. Made-up Res., 2019, 31, 5–9.",
    2,
    authors=("A. Bee", "C. Dee"),
    journal="J. Made-up Res.",
    year=2019,
    volume="31",
    pages="5–9",
)
WEB = RefEntry(
    3,
    "Made-up Agency. Invented drug approved. https://agency.example.org/news/1 "
    "(accessed 12 March 2019).",
    3,
    authors=("Made-up Agency",),
    title="Invented drug approved",
    year=2019,
    url="https://agency.example.org/news/1",
    kind="web",
)
SAME_AUTHOR_YEAR = RefEntry(
    4,
    "A. Bee, J. Made-up Res., 2019, 32, 1–4.",
    4,
    authors=("A. Bee",),
    journal="J. Made-up Res.",
    year=2019,
    volume="32",
    pages="1–4",
)


@pytest.fixture
def refs_db(tmp_path: Path) -> Path:
    return write_handmade_document(tmp_path / "f.db", [CUT, WHOLE, WEB, SAME_AUTHOR_YEAR])


def export(db_path: Path, fmt: str) -> str:
    with open_existing(db_path) as db:
        return export_refs(db, select_references(db, all_entries=True).ref_ids, fmt=fmt).text


# --- what the text prints ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "authors", "cut"),
    [
        pytest.param("Roe K, Poe L, et al. A title.", ("Roe K", "Poe L"), True, id="vancouver"),
        pytest.param("K. Roe, L. Poe et al., J. X., 2019", ("K. Roe", "L. Poe"), True, id="rsc"),
        pytest.param("Roe, K., Poe, L. M., et al. (2019)", ("Roe K", "Poe LM"), True, id="apa"),
        pytest.param("K. Roe and L. Poe, J. X., 2019", ("K. Roe", "L. Poe"), False, id="whole"),
        pytest.param(
            "Roe K. Poe's work et al. revisited. J X.", ("Roe K",), False, id="et-al-in-title"
        ),
    ],
)
def test_author_list_cut(raw: str, authors: tuple[str, ...], cut: bool) -> None:
    assert author_list_cut({"raw": raw, "authors": json.dumps(authors)}) is cut


@pytest.mark.parametrize(
    ("raw", "volume", "issue"),
    [
        pytest.param("Lancet. 2005;366(9493):1267-78.", "366", "9493", id="vancouver"),
        pytest.param("J. X., 2019, 15 (Suppl 2), 1–9", "15", "Suppl 2", id="supplement"),
        pytest.param("IEEE T. X., vol. 15, no. 3, pp. 1–9", "15", "3", id="ieee-no"),
        pytest.param("Nature 521 (2015)", "521", None, id="year-in-brackets"),
        pytest.param("J. X., 2019, 31, 5–9.", "31", None, id="none-printed"),
        pytest.param("J. X. 2019;131(2):5", "31", None, id="volume-inside-another-number"),
    ],
)
def test_printed_issue(raw: str, volume: str, issue: str | None) -> None:
    assert printed_issue({"raw": raw, "volume": volume}) == issue


# --- BibTeX -----------------------------------------------------------------------------------


def test_bibtex_is_ready_for_latex(refs_db: Path) -> None:
    text = export(refs_db, "bibtex")
    data = pybtex.database.parse_string(text, "bibtex")
    assert list(data.entries) == [
        "Roe2005Statins",
        "Bee2019a",
        "MadeupAgency2019Invented",
        "Bee2019b",
    ]
    cut = data.entries["Roe2005Statins"]
    assert [str(p) for p in cut.persons["author"]] == ["Roe, K.", "Poe, L.", "Moe, J. T.", "others"]
    assert (cut.fields["number"], cut.fields["pmid"]) == ("9493", "16214597")
    assert cut.fields["reflink-source"] == "Reference 1 in review.txt"
    assert "note" not in cut.fields and "number" not in data.entries["Bee2019a"].fields
    assert [str(p) for p in data.entries["Bee2019a"].persons["author"]] == ["Bee, A.", "Dee, C."]
    web = data.entries["MadeupAgency2019Invented"]
    assert web.fields["url"] == "https://agency.example.org/news/1"
    assert "howpublished" not in web.fields
    assert text.count("https://agency.example.org/news/1") == 1


# --- CSL-JSON ---------------------------------------------------------------------------------


def render_with_citeproc(items: list[dict]) -> list[str]:
    """CSL-JSON → the bibliography citeproc-py renders in its bundled Harvard style."""
    source = CiteProcJSON(items)
    style = CitationStylesStyle("harvard-cite-them-right", validate=False)
    bibliography = CitationStylesBibliography(style, source, formatter.plain)
    for item in items:
        bibliography.register(Citation([CitationItem(item["id"])]))
    return [str(entry) for entry in bibliography.bibliography()]


@pytest.mark.filterwarnings("ignore:The following arguments")
def test_csl_json_renders_with_citeproc(refs_db: Path) -> None:
    items = json.loads(export(refs_db, "csl-json"))
    assert [item["id"] for item in items] == [
        "Roe2005Statins",
        "Bee2019a",
        "MadeupAgency2019Invented",
        "Bee2019b",
    ]
    cut, whole, web, _ = items
    assert cut["type"] == "article-journal" and web["type"] == "webpage"
    assert cut["author"][2] == {"family": "Moe", "given": "J. T."}
    assert (cut["issue"], cut["page"], cut["DOI"], cut["PMID"]) == (
        "9493",
        "1267-1278",
        "10.1000/fake.1",
        "16214597",
    )
    assert cut["issued"] == {"date-parts": [[2005]]}
    assert cut["custom"] == {
        "reflink-source": "Reference 1 in review.txt",
        "reflink-authors-cut": True,
    }
    assert web["author"] == [{"literal": "Made-up Agency"}]
    assert web["accessed"] == {"date-parts": [[2019, 3, 12]]}
    assert "issue" not in whole
    rendered = render_with_citeproc(items)
    assert len(rendered) == 4
    roe = next(line for line in rendered if line.startswith("Roe"))
    assert "Statins for the invented heart" in roe and "Fake Med J." in roe and "2005" in roe
    assert "366(9493)" in roe and "1267" in roe


# --- RIS --------------------------------------------------------------------------------------


def test_ris_reads_back_with_rispy(refs_db: Path) -> None:
    text = export(refs_db, "ris")
    # the RIS grammar: every line "XX  - value", each record from TY to ER, nothing between
    lines = text.splitlines()
    assert all(re.fullmatch(r"[A-Z][A-Z0-9]  - .*", line) for line in lines if line), lines
    assert [line for line in lines if line.startswith(("TY", "ER"))] == [
        "TY  - JOUR",
        "ER  - ",
    ] * 2 + [
        "TY  - ELEC",
        "ER  - ",
        "TY  - JOUR",
        "ER  - ",
    ]
    records = rispy.loads(text)
    cut, whole, web, _ = records
    assert cut["authors"] == ["Roe, K.", "Poe, L.", "Moe, J. T."]
    assert (cut["title"], cut["secondary_title"], cut["year"]) == (
        "Statins for the invented heart",
        "Fake Med J.",
        "2005",
    )
    assert (cut["volume"], cut["number"], cut["start_page"], cut["end_page"]) == (
        "366",
        "9493",
        "1267",
        "1278",
    )
    assert cut["doi"] == "10.1000/fake.1" and cut["id"] == "Roe2005Statins"
    assert cut["notes"] == [
        "reflink-source: Reference 1 in review.txt",
        "reflink: the printed author list ends with et al.",
    ]
    assert web["urls"] == ["https://agency.example.org/news/1"]
    assert web["access_date"] == "2019/03/12"
    assert "number" not in whole


# --- command line -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("output", "fmt", "expected"),
    [
        pytest.param("refs.json", None, "csl-json", id="json-suffix"),
        pytest.param("refs.RIS", None, "ris", id="ris-suffix"),
        pytest.param("refs.txt", None, "bibtex", id="other-suffix"),
        pytest.param("refs.json", "bibtex", "bibtex", id="option-wins"),
        pytest.param(None, None, "bibtex", id="standard-output"),
    ],
)
def test_format_for(output: str | None, fmt: str | None, expected: str) -> None:
    assert format_for(output, fmt) == expected


def test_cli_formats_take_the_same_selection(refs_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "refs.ris"
    result = CliRunner().invoke(
        cli, ["bibtex", "--numbers", "1-2,9", "-o", str(out), "--db", str(refs_db)]
    )
    assert result.exit_code == 0, result.output
    assert result.stderr == f"wrote 2 entries to {out}; 1 number without an entry: 9\n"
    assert [record["id"] for record in rispy.loads(out.read_text())] == [
        "Roe2005Statins",
        "Bee2019a",
    ]
    csl = CliRunner().invoke(
        cli, ["bibtex", "--numbers", "2", "--format", "csl-json", "--db", str(refs_db)]
    )
    assert csl.exit_code == 0, csl.output
    assert [item["id"] for item in json.loads(csl.stdout)] == ["Bee2019a"]
