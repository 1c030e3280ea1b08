"""resolve and fill-references on real databases, against a Crossref-shaped server on 127.0.0.1."""

from __future__ import annotations

import json
import random
import re
import shutil
import socket
from pathlib import Path

import pytest
import sqlite_utils
from click.testing import CliRunner
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from crossref_fakes import RATE_HEADERS, MiniSearch, work_item
from reflink.cli import cli
from reflink.crossref import CrossrefClient
from reflink.db import open_db, write_document
from reflink.enrich import fill_references, number_deposits, query_text, resolve_dois
from reflink.ingest import ingest_file
from reflink.models import ParsedDocument, RefEntry

FIXTURES = Path(__file__).parent / "fixtures" / "crossref"
SEED_WORK = FIXTURES / "work-10.1039-c9ra02258a.json"
SEED_DOI = "10.1039/c9ra02258a"

# The works the seed's entries 101–133 cite, as Crossref lists them (full journal names, page
# ranges); authors are taken from the printed entry, as Crossref lists every author too.
# number: (DOI, first author as Crossref has it, year, journal, volume, page)
SEED_WORKS = {
    101: (
        "10.1016/S1470-2045(14)70362-6",
        "Gadgeel",
        2014,
        "The Lancet Oncology",
        "15",
        "1119-1128",
    ),
    102: (
        "10.1007/s00280-014-2578-6",
        "Kodama",
        2014,
        "Cancer Chemotherapy and Pharmacology",
        "74",
        "1023-1028",
    ),
    103: ("10.1016/j.ccr.2011.04.004", "Sakamoto", 2011, "Cancer Cell", "19", "679-690"),
    105: (
        "10.1056/NEJMoa1704795",
        "Peters",
        2017,
        "New England Journal of Medicine",
        "377",
        "829-838",
    ),
    106: (
        "10.1097/JTO.0000000000000390",
        "Gainor",
        2015,
        "Journal of Thoracic Oncology",
        "10",
        "232-236",
    ),
    107: ("10.1200/JCO.2015.63.9443", "Ou", 2016, "Journal of Clinical Oncology", "34", "661-668"),
    # the seed prints "I. O. Sai-Hong" for the author Crossref lists as "Ou"
    108: ("10.1634/theoncologist.2014-0309", "Ou", 2015, "The Oncologist", "20", "224-226"),
    109: ("10.1007/s40265-017-0776-3", "Markham", 2017, "Drugs", "77", "1131-1135"),
    110: (
        "10.1056/NEJMoa1810171",
        "Camidge",
        2018,
        "New England Journal of Medicine",
        "379",
        "2027-2039",
    ),
    # printed with its early-release id "JCO2016715904" where the pages go
    111: (
        "10.1200/JCO.2016.71.5904",
        "Kim",
        2017,
        "Journal of Clinical Oncology",
        "35",
        "2490-2498",
    ),
    112: (
        "10.1016/S1470-2045(16)30392-8",
        "Gettinger",
        2016,
        "The Lancet Oncology",
        "17",
        "1683-1696",
    ),
    113: (
        "10.1021/jm500261q",
        "Johnson",
        2014,
        "Journal of Medicinal Chemistry",
        "57",
        "4720-4744",
    ),
    115: ("10.1016/j.ccell.2015.05.010", "Zou", 2015, "Cancer Cell", "28", "70-81"),
    116: ("10.1016/j.lungcan.2018.04.012", "Nishio", 2018, "Lung Cancer", "121", "37-40"),
    117: ("10.1016/S0140-6736(17)30565-2", "Hida", 2017, "The Lancet", "390", "29-39"),
    118: ("10.1016/S1470-2045(17)30680-0", "Shaw", 2017, "The Lancet Oncology", "18", "1590-1599"),
    120: (
        "10.1158/1078-0432.CCR-17-2398",
        "Horn",
        2018,
        "Clinical Cancer Research",
        "24",
        "2771-2779",
    ),
    121: (
        "10.1097/JTO.0b013e3181e2138e",
        "Yosuke",
        2010,
        "Journal of Thoracic Oncology",
        "5",
        "950-955",
    ),
    123: (
        "10.21037/atm.2018.09.40",
        "Chikaishi",
        2018,
        "Annals of Translational Medicine",
        "6",
        "401",
    ),
    124: (
        "10.1158/1078-0432.CCR-15-0016",
        "Ota",
        2015,
        "Clinical Cancer Research",
        "21",
        "4014-4021",
    ),
    125: ("10.1093/annonc/mdu242", "Azuma", 2014, "Annals of Oncology", "25", "1935"),
    126: ("10.1158/2159-8290.CD-13-0310", "Akbay", 2013, "Cancer Discovery", "3", "1355-1363"),
    127: (
        "10.1056/NEJMoa1507643",
        "Borghaei",
        2015,
        "New England Journal of Medicine",
        "373",
        "1627-1639",
    ),
    128: ("10.1155/2019/3267409", "Protopapa", 2019, "Journal of Oncology", "2019", "3267409"),
    129: (
        "10.1056/NEJMoa1716948",
        "Socinski",
        2018,
        "New England Journal of Medicine",
        "378",
        "2288-2301",
    ),
    130: ("10.1016/S0140-6736(16)00587-0", "Fehrenbacher", 2016, "The Lancet", "387", "1837-1846"),
    131: ("10.1016/S0140-6736(16)32517-X", "Rittmeyer", 2017, "The Lancet", "389", "255-265"),
    133: (
        "10.1056/NEJMoa1504627",
        "Brahmer",
        2015,
        "New England Journal of Medicine",
        "373",
        "123-135",
    ),
}
# Entry 122 (Wei-Xiang, Asian Pac. J. Cancer Prev.) is absent from this catalogue: it must stay
# unmatched, whatever Crossref's search returns for it.
ABSENT = {122}
# Near duplicates: same first author, different year/volume/pages (an erratum, a meeting abstract)
DISTRACTORS = [
    work_item(
        "10.1016/S1470-2045(14)71010-1",
        ["S M Gadgeel"],
        2015,
        "The Lancet Oncology",
        volume="16",
        page="e9",
        title="Correction to Lancet Oncol 2014; 15: 1119–28",
    ),
    work_item(
        "10.1200/jco.2014.32.15_suppl.8049",
        ["S M Gadgeel", "L Gandhi", "G J Riely"],
        2014,
        "Journal of Clinical Oncology",
        volume="32",
        page="8049",
        title="Alectinib in crizotinib-refractory ALK-rearranged NSCLC (abstract)",
    ),
    work_item(
        "10.1200/JCO.2017.35.18_suppl.LBA9008",
        ["S Peters", "D R Camidge", "A T Shaw"],
        2017,
        "Journal of Clinical Oncology",
        volume="35",
        page="LBA9008",
        title="Alectinib versus crizotinib in untreated ALK-positive NSCLC (abstract)",
    ),
    work_item(
        "10.1200/JCO.2018.36.15_suppl.9002",
        ["D R Camidge", "H R Kim", "M J Ahn"],
        2018,
        "Journal of Clinical Oncology",
        volume="36",
        page="9002",
        title="Brigatinib versus crizotinib in ALK inhibitor-naive NSCLC (abstract)",
    ),
    work_item(
        "10.7314/APJCP.2013.14.2.1001",
        ["Qi Wei-Xiang", "Shen Zan"],
        2013,
        "Asian Pacific Journal of Cancer Prevention",
        volume="14",
        page="1001-1006",
    ),
]
# "S. M. Gadgeel," / "P. N.Morcos" / "and T.Mok,N. Engl." → the family names of a printed entry
PRINTED_NAME = re.compile(r"(?:[A-Z]\.\s?-?)+\s?([A-Z][\w'’-]+(?: [A-Z][a-z]+)?)(?=,| and|$)")


def printed_families(raw: str) -> list[str]:
    return PRINTED_NAME.findall(raw.split(", 19")[0].split(", 20")[0])


@pytest.fixture(scope="module")
def seed_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("seed-enrich") / "seed.db"
    ingest_file(Path(__file__).parent.parent / "refs" / "alk-ros1-review.txt", path)
    return path


@pytest.fixture
def seed(seed_template: Path, tmp_path: Path) -> Path:
    """A fresh copy of the ingested seed, for a test that writes."""
    path = tmp_path / "seed.db"
    shutil.copy(seed_template, path)
    return path


def text_refs(db_path: Path) -> dict[int, dict]:
    db = sqlite_utils.Database(db_path)
    try:
        return {r["number"]: r for r in db.query("select * from refs where source = 'text'")}
    finally:
        db.close()


def seed_catalogue(db_path: Path) -> list[dict]:
    refs = text_refs(db_path)
    catalogue = list(DISTRACTORS)
    for number, (doi, first, year, journal, volume, page) in SEED_WORKS.items():
        raw = refs[number]["raw"] if number in refs else ""
        families = printed_families(raw)[1:] if raw else []
        catalogue.append(
            work_item(doi, [first, *families], year, journal, volume=volume, page=page)
        )
    return catalogue


def expected_matches(db_path: Path) -> dict[int, str]:
    """The entries a careful reader would match: complete in the text, no DOI printed."""
    expected = {}
    for number, row in text_refs(db_path).items():
        if number not in SEED_WORKS or row["doi"]:
            continue
        doi, first, year, _, volume, page = SEED_WORKS[number]
        tokens = set(re.findall(r"\w+", row["raw"]))
        if {str(year), volume, page.split("-")[0]} <= tokens:
            expected[number] = doi
    return expected


@pytest.fixture
def crossref(httpserver: HTTPServer, seed: Path) -> MiniSearch:
    """The fake Crossref: search over the seed's works, and the review's own work record."""
    search = MiniSearch(seed_catalogue(seed))
    httpserver.expect_request("/works").respond_with_handler(search.handler)
    httpserver.expect_request(f"/works/{SEED_DOI}").respond_with_data(
        SEED_WORK.read_text(), headers=RATE_HEADERS, content_type="application/json"
    )
    return search


def client(httpserver: HTTPServer) -> CrossrefClient:
    return CrossrefClient(httpserver.url_for("/"), "tests@example.org", backoff_factor=0.01)


def closed_port_url() -> str:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{probe.getsockname()[1]}"


# ---- resolve ---------------------------------------------------------------------------------


def test_resolve_matches_the_seed_entries_and_nothing_wrong(
    seed: Path, httpserver: HTTPServer, crossref: MiniSearch
) -> None:
    expected = expected_matches(seed)
    assert len(expected) >= 20  # the seed prints 33 entries, most of them complete
    summary = resolve_dois(seed, client=client(httpserver))

    refs = text_refs(seed)
    matched = {n: r["doi"] for n, r in refs.items() if r["doi_source"] == "crossref"}
    # precision: every DOI written is the right one
    for number, doi in matched.items():
        assert SEED_WORKS[number][0] == doi, f"entry {number}"
    # recall: every complete entry was matched, the erratum and abstracts notwithstanding
    assert set(expected) <= set(matched)
    assert matched.get(111) == SEED_WORKS[111][0]
    for number in ABSENT:
        assert refs[number]["doi"] is None
        assert refs[number]["doi_decision"] in ("rejected", "no-candidates")
    # the DOI printed in entry 119 is the text's, untouched
    assert refs[119]["doi"] == "10.21037/cco.2018.10.12"
    assert refs[119]["doi_source"] == "text"
    assert summary.matched == len(matched)
    assert summary.had_doi == sum(1 for r in refs.values() if r["doi_source"] == "text")
    assert summary.requests == len(crossref.queries)
    assert summary.from_cache == 0


def test_every_candidate_is_kept_with_its_evidence(
    seed: Path, httpserver: HTTPServer, crossref: MiniSearch
) -> None:
    resolve_dois(seed, client=client(httpserver))
    db = sqlite_utils.Database(seed)
    rows = list(
        db.query(
            "select c.* from doi_candidates c join refs r on r.id = c.ref_id where r.number = 101"
            " order by c.rank"
        )
    )
    by_doi = {row["doi"]: row for row in rows}
    article = by_doi["10.1016/S1470-2045(14)70362-6"]
    assert (article["decision"], article["chosen"]) == ("accepted", 1)
    assert json.loads(article["evidence"])["volume"]["verdict"] == "agree"
    erratum = by_doi["10.1016/S1470-2045(14)71010-1"]
    assert (erratum["decision"], erratum["chosen"]) == ("rejected", 0)
    assert erratum["reason"].startswith("year 2015 ≠ 2014")
    abstract = by_doi["10.1200/jco.2014.32.15_suppl.8049"]
    assert abstract["decision"] == "rejected"
    # one chosen candidate per matched entry, none for the others
    chosen = db.execute(
        "select r.doi_decision, count(c.id) from refs r left join doi_candidates c"
        " on c.ref_id = r.id and c.chosen = 1 group by r.id"
    ).fetchall()
    assert all((decision == "matched") == (count == 1) for decision, count in chosen)


def test_rerun_is_served_from_the_cache(
    seed: Path, httpserver: HTTPServer, crossref: MiniSearch
) -> None:
    first = resolve_dois(seed, client=client(httpserver))
    db = sqlite_utils.Database(seed)
    candidates = db.table("doi_candidates").count
    db.close()
    again = resolve_dois(seed, client=client(httpserver))
    assert again.requests == 0
    assert again.from_cache == first.requests
    assert again.matched == first.matched
    db = sqlite_utils.Database(seed)
    assert db.table("doi_candidates").count == candidates  # replaced, not duplicated


def test_interrupted_run_resumes_without_asking_twice(
    seed: Path, httpserver: HTTPServer, crossref: MiniSearch, tmp_path: Path
) -> None:
    one_shot = tmp_path / "one-shot.db"
    shutil.copy(seed, one_shot)
    resolve_dois(one_shot, client=client(httpserver))
    crossref.queries.clear()
    done = 0

    def ctrl_c_after_eight(steps: int) -> None:
        nonlocal done
        done += steps
        if done == 8:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        resolve_dois(seed, client=client(httpserver), on_progress=ctrl_c_after_eight)
    db = sqlite_utils.Database(seed)
    decided = db.execute("select count(*) from refs where doi_decision is not null").fetchone()[0]
    db.close()
    assert decided == 8  # the work finished before Ctrl-C was committed, not rolled back

    resumed = resolve_dois(seed, client=client(httpserver))
    assert resumed.from_cache >= 8  # what was answered before is not asked again
    # at most the few replies in flight at Ctrl-C were asked twice
    assert len(crossref.queries) - len(set(crossref.queries)) <= 6

    def outcome(path: Path) -> list[tuple]:
        db = sqlite_utils.Database(path)
        try:
            return db.execute(
                "select r.number, r.doi, r.doi_decision, c.rank, c.doi, c.decision, c.chosen"
                " from refs r left join doi_candidates c on c.ref_id = r.id"
                " order by r.number, c.rank"
            ).fetchall()
        finally:
            db.close()

    assert outcome(seed) == outcome(one_shot)  # nothing duplicated, nothing lost


def test_limit_takes_unresolved_entries_first(
    seed: Path, httpserver: HTTPServer, crossref: MiniSearch
) -> None:
    first = resolve_dois(seed, client=client(httpserver), limit=5)
    second = resolve_dois(seed, client=client(httpserver), limit=5)
    assert first.requests + first.skipped == 5 or first.requests <= 5
    assert second.from_cache == 0  # the next five, not the same five again
    db = sqlite_utils.Database(seed)
    assert (
        db.execute("select count(*) from refs where doi_decision is not null").fetchone()[0] == 10
    )


def test_dry_run_writes_nothing(seed: Path, httpserver: HTTPServer, crossref: MiniSearch) -> None:
    before = seed.read_bytes()
    summary = resolve_dois(seed, client=client(httpserver), dry_run=True)
    assert summary.matched >= len(expected_matches(seed))
    assert summary.summary().endswith("(dry run: nothing written)")
    assert seed.read_bytes() == before


def test_one_failing_reference_is_skipped_and_asked_again(
    seed: Path, httpserver: HTTPServer
) -> None:
    search = MiniSearch(seed_catalogue(seed))

    def flaky(request: Request) -> Response:
        if request.args.get("query.bibliographic", "").startswith("S. M. Gadgeel"):
            return Response("Internal Server Error", status=500)
        return search.handler(request)

    httpserver.expect_request("/works").respond_with_handler(flaky)
    summary = resolve_dois(
        seed, client=CrossrefClient(httpserver.url_for("/"), retries=1, backoff_factor=0.01)
    )
    assert summary.failed == 1
    assert "entry 101: HTTP 500 from Crossref after retries" in summary.summary()
    assert text_refs(seed)[101]["doi"] is None

    httpserver.clear()
    httpserver.expect_request("/works").respond_with_handler(search.handler)
    search.queries.clear()
    again = resolve_dois(seed, client=client(httpserver))
    assert len(search.queries) == 1 and search.queries[0].startswith("S. M. Gadgeel")
    assert again.failed == 0
    assert text_refs(seed)[101]["doi"] == SEED_WORKS[101][0]


def test_malformed_reply_is_not_cached(seed: Path, httpserver: HTTPServer) -> None:
    httpserver.expect_request("/works").respond_with_data(
        '{"message": {"items": [{"DOI"', headers=RATE_HEADERS
    )
    summary = resolve_dois(seed, client=client(httpserver), limit=4)
    assert summary.failed == 4 - summary.skipped > 0
    assert summary.matched == 0
    db = sqlite_utils.Database(seed)
    assert db.table("crossref_cache").count == 0


def test_offline_is_one_line_and_leaves_the_database_unchanged(seed: Path) -> None:
    before = seed.read_bytes()
    url = closed_port_url()
    for command in (["resolve"], ["fill-references"]):
        result = CliRunner().invoke(cli, [*command, "--db", str(seed), "--crossref-url", url])
        assert result.exit_code == 1, result.output
        assert result.output == f"Error: cannot reach Crossref at {url} (Connection refused)\n"
        assert seed.read_bytes() == before


@pytest.mark.parametrize(
    ("raw", "query"),
    [
        pytest.param(" Ther., 2017, 34, 1145.", None, id="cut-tail"),
        pytest.param("https://www.cancer.gov/, 2017.", None, id="bare-url"),
        pytest.param(
            "A. Markham, Drugs, 2017, 77,\n1131–1135.",
            "A. Markham, Drugs, 2017, 77, 1131–1135.",
            id="short-but-whole",
        ),
    ],
)
def test_query_text(raw: str, query: str | None) -> None:
    assert query_text(raw) == query


# ---- fill-references -------------------------------------------------------------------------


def test_seed_prints_its_own_doi(seed: Path) -> None:
    db = sqlite_utils.Database(seed)
    assert db.execute("select doi from documents").fetchone()[0] == SEED_DOI


def test_fill_references_fills_what_the_extract_lost(
    seed: Path, httpserver: HTTPServer, crossref: MiniSearch
) -> None:
    printed = set(text_refs(seed))
    db = sqlite_utils.Database(seed)
    dangling_before = {
        r[0] for r in db.execute("select distinct number from citations where ref_id is null")
    }
    db.close()

    (summary,) = fill_references(seed, client=client(httpserver))

    assert summary.deposited == 146
    assert set(summary.filled) == set(range(1, 147)) - printed
    assert set(range(1, 100)) | set(range(134, 147)) <= set(summary.filled)
    assert summary.checked == len(printed & set(range(1, 147)))
    db = sqlite_utils.Database(seed)
    filled = {r["number"]: r for r in db.query("select * from refs where source = 'crossref'")}
    assert set(filled) == set(summary.filled)
    assert filled[1]["deposit_key"] == "c9ra02258a-(cit1)"
    assert filled[1]["doi"] == "10.18632/oncotarget.2014.86.001"
    assert filled[1]["doi_source"] == "deposit"
    assert (filled[1]["year"], filled[1]["volume"], filled[1]["pages"]) == (2014, "86", "2902")
    assert json.loads(filled[1]["authors"]) == ["Shaw"]
    assert filled[9]["doi"] is None  # deposited without a DOI: `reflink resolve` can look
    assert filled[45]["raw"].startswith("National Comprehensive Cancer Network")
    # every citation that had no entry now has one
    still_dangling = {
        r[0] for r in db.execute("select distinct number from citations where ref_id is null")
    }
    assert still_dangling == dangling_before - set(summary.filled)
    assert not still_dangling & set(range(1, 147))
    linked = db.execute(
        "select count(*) from citations c join refs r on r.id = c.ref_id"
        " where r.source = 'crossref'"
    ).fetchone()[0]
    assert linked == summary.linked > 0
    # entries printed in the text stay the text's: raw and source untouched
    for number, row in text_refs(seed).items():
        assert row["raw"] == text_refs(seed)[number]["raw"]
    assert summary.summary().startswith(
        f"alk-ros1-review.txt ({SEED_DOI}): 146 deposited references, {len(summary.filled)} filled"
    )


def test_fill_adds_deposited_dois_to_agreeing_text_entries(
    seed: Path, httpserver: HTTPServer, crossref: MiniSearch
) -> None:
    (summary,) = fill_references(seed, client=client(httpserver))
    refs = text_refs(seed)
    assert refs[101]["doi"] == "10.1016/S1470-2045(14)70362-6"
    assert refs[101]["doi_source"] == "deposit"
    assert refs[119]["doi_source"] == "text"  # printed: kept
    assert summary.dois_added >= 20
    # resolve then leaves them alone: a deposited DOI is the publisher's word
    resolved = resolve_dois(seed, client=client(httpserver))
    assert resolved.had_doi >= summary.dois_added


def test_fill_completes_an_entry_the_extract_cut(
    seed: Path, httpserver: HTTPServer, crossref: MiniSearch
) -> None:
    # the seed's page ends inside entry 133: "J. Brahmer, K. L. Reckamp, P. Baas, L. Crinò,"
    before = text_refs(seed)[133]
    whole_before = text_refs(seed)[101]
    assert before["year"] is None
    (summary,) = fill_references(seed, client=client(httpserver))
    after = text_refs(seed)[133]
    assert (after["year"], after["journal"], after["volume"], after["pages"]) == (
        2015,
        "N. Engl. J. Med.",
        "373",
        "123",
    )
    assert after["raw"] == before["raw"]  # the text as printed stays
    assert after["doi"] == "10.1056/NEJMoa1504627"
    assert summary.completed >= 1
    db = sqlite_utils.Database(seed)
    notes = [r[0] for r in db.execute("select message from problems where stage like 'crossref%'")]
    assert (
        "entry 133: cut in the text; year, journal, volume, pages taken from the deposited "
        "reference" in notes
    )
    # an entry printed whole keeps its own fields
    whole_after = text_refs(seed)[101]
    for column in ("raw", "year", "journal", "volume", "pages", "title"):
        assert whole_after[column] == whole_before[column]


def test_fill_reports_disagreements_and_replaces_nothing(
    seed: Path, httpserver: HTTPServer, tmp_path: Path
) -> None:
    work = json.loads(SEED_WORK.read_text())
    for item in work["message"]["reference"]:
        if item["key"].endswith("(cit101)"):
            item["year"] = "2013"  # the deposit disagrees with the printed 2014
    httpserver.expect_request(f"/works/{SEED_DOI}").respond_with_data(
        json.dumps(work), headers=RATE_HEADERS
    )
    before = text_refs(seed)[101]
    (summary,) = fill_references(seed, client=client(httpserver))
    after = text_refs(seed)[101]
    assert after["raw"] == before["raw"] and after["year"] == before["year"] == 2014
    assert after["doi"] is None  # no deposited DOI written over a disagreement
    db = sqlite_utils.Database(seed)
    messages = [r[0] for r in db.execute("select message from problems where stage = 'crossref'")]
    assert "entry 101: year printed 2014, deposited 2013" in messages
    assert summary.disagreements == len(messages)


def test_fill_twice_equals_once(seed: Path, httpserver: HTTPServer, crossref: MiniSearch) -> None:
    (first,) = fill_references(seed, client=client(httpserver))
    db = sqlite_utils.Database(seed)
    counts = [db.table(t).count for t in ("refs", "problems", "citations")]
    db.close()
    (again,) = fill_references(seed, client=client(httpserver))
    assert (again.requests, again.from_cache) == (0, 1)
    assert again.filled == first.filled
    db = sqlite_utils.Database(seed)
    assert [db.table(t).count for t in ("refs", "problems", "citations")] == counts


def test_fill_unknown_doi(seed: Path, httpserver: HTTPServer) -> None:
    httpserver.expect_request("/works/10.9999/none").respond_with_data(
        "Resource not found.", status=404
    )
    (summary,) = fill_references(seed, doi="10.9999/none", client=client(httpserver))
    assert summary.note == "Crossref has no record of this DOI"
    assert summary.filled == []


@pytest.mark.parametrize(
    ("keys", "numbers"),
    [
        pytest.param(["x-(cit1)", "x-(cit2)", "x-(cit3)"], [1, 2, 3], id="rsc-keys"),
        pytest.param(
            ["x-(cit1)", "x-(cit2a)", "x-(cit2b)", "x-(cit3)"], [1, 2, 2, 3], id="sub-parts"
        ),
        pytest.param(["CR1", "CR2", "CR3"], [1, 2, 3], id="springer-keys"),
        pytest.param(
            ["e_1_2_1_1", "e_1_2_1_7", "e_1_2_1_3"], [1, 2, 3], id="opaque-keys-by-position"
        ),
        pytest.param(["ref5", "ref6"], [1, 2], id="not-from-one-by-position"),
    ],
)
def test_number_deposits(keys: list[str], numbers: list[int]) -> None:
    assert [n for n, _ in number_deposits([{"key": k} for k in keys])] == numbers


# ---- precision and recall over a synthetic list with distractors --------------------------------

FAMILIES = [
    "Abe",
    "Bauer",
    "Costa",
    "Dietrich",
    "Engel",
    "Fischer",
    "García",
    "Hansen",
    "Ito",
    "Jensen",
    "Kowalski",
    "Larsen",
    "Moreau",
    "Nakamura",
    "Olsen",
    "Petrov",
    "Quinn",
    "Rossi",
    "Schmidt",
    "Tanaka",
    "Ueda",
    "Vogel",
    "Wagner",
    "Xu",
    "Yamamoto",
    "Zhang",
    "Novak",
    "Müller",
    "O'Brien",
    "van der Berg",
    "Li",
    "Kim",
    "Park",
    "Chen",
    "Singh",
]
JOURNALS = [
    ("Journal of Thoracic Oncology", "J. Thorac. Oncol."),
    ("The Lancet Oncology", "Lancet Oncol."),
    ("New England Journal of Medicine", "N. Engl. J. Med."),
    ("Clinical Cancer Research", "Clin. Cancer Res."),
    ("Journal of Clinical Oncology", "J. Clin. Oncol."),
    ("Lung Cancer", "Lung Cancer"),
    ("Cancer Research", "Cancer Res."),
    ("Annals of Oncology", "Ann. Oncol."),
    ("Journal of the National Cancer Institute", "J. Natl. Cancer Inst."),
    ("British Journal of Cancer", "Br. J. Cancer"),
]
TOPICS = [
    "crizotinib",
    "alectinib",
    "lorlatinib",
    "brigatinib",
    "ceritinib",
    "resistance",
    "brain",
    "metastases",
    "rearrangement",
    "fusion",
    "kinase",
    "inhibitor",
    "survival",
    "randomised",
    "phase",
    "trial",
    "patients",
    "lung",
    "adenocarcinoma",
    "ROS1",
    "ALK",
]


def synthetic_work(rng: random.Random, n: int) -> dict:
    authors = [
        f"{rng.choice('ABCDEFGHJKLMNPRSTW')} {rng.choice('ABCDEFGHJKLMNPRSTW')} "
        f"{rng.choice(FAMILIES)}"
        for _ in range(rng.randint(1, 9))
    ]
    journal, short = rng.choice(JOURNALS)
    year = rng.randint(2001, 2020)
    first = rng.randint(1, 4000)
    title = " ".join(rng.sample(TOPICS, 7)).capitalize()
    online = year - 1 if rng.random() < 0.15 else None  # online first, printed the next year
    return work_item(
        f"10.{1000 + n % 9}/syn.{n:04d}",
        authors,
        year,
        journal,
        short=short,
        volume=str(rng.randint(1, 400)),
        page=f"{first}-{first + rng.randint(3, 12)}",
        title=title,
        online_year=online,
    )


def printed(rng: random.Random, item: dict) -> str:
    """The work as a reference list prints it: RSC or Vancouver style, sometimes damaged."""
    people = item["author"]
    year = item["published-print"]["date-parts"][0][0]
    first, last = item["page"].split("-")
    short = item["short-container-title"][0]
    if rng.random() < 0.5:  # RSC: "A. B. Family, C. D. Other and E. Last, J. Abbr., 2014, 15, 1–9."
        names = [f"{p['given'][0]}. {p['given'][2]}. {p['family']}" for p in people]
        listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
        text = f"{listed}, {short}, {year}, {item['volume']}, {first}–{last}."
    else:  # Vancouver: "Family AB, Other CD, et al. Title. J Abbr. 2014;15(3):1119-28."
        names = [f"{p['family']} {p['given'][0]}{p['given'][2]}" for p in people[:6]]
        listed = ", ".join(names) + (", et al" if len(people) > 6 else "")
        abbreviated_last = last[len(last) - 2 :] if len(last) == len(first) else last
        text = (
            f"{listed}. {item['title'][0]}. {short.replace('.', '')} {year};"
            f"{item['volume']}({rng.randint(1, 12)}):{first}-{abbreviated_last}."
        )
    if rng.random() < 0.2:  # PDF extraction glues words: "P. N.Morcos and T.Mok,N. Engl."
        text = text.replace(". ", ".", 2)
    if rng.random() < 0.1:  # a line break inside a name: "A. Artal- Cortes"
        family = people[-1]["family"]
        if len(family) > 5:
            text = text.replace(family, family[:3] + "- " + family[3:], 1)
    return text


def distractors_for(rng: random.Random, item: dict, n: int) -> list[dict]:
    """Same first author, different year/volume/pages: an erratum, a meeting abstract, a sequel."""
    year = item["published-print"]["date-parts"][0][0]
    family = item["author"][0]["given"] + " " + item["author"][0]["family"]
    journal, short = item["container-title"][0], item["short-container-title"][0]
    return [
        work_item(
            f"10.1016/err.{n:04d}",
            [family],
            year + 1,
            journal,
            short=short,
            volume=str(int(item["volume"]) + 1),
            page=f"e{rng.randint(1, 99)}",
            title=f"Correction to {short} {year}; {item['volume']}: {item['page']}",
        ),
        work_item(
            f"10.1200/abs.{n:04d}",
            [family, *(a["family"] for a in item["author"][1:3])],
            year,
            "Journal of Clinical Oncology",
            short="J. Clin. Oncol.",
            volume=str(rng.randint(20, 40)),
            page=str(rng.randint(1000, 9999)),
            title=item["title"][0] + " (abstract)",
        ),
        work_item(
            f"10.1002/seq.{n:04d}",
            [family, *(a["family"] for a in item["author"][1:])],
            year,
            journal,
            short=short,
            volume=item["volume"],
            page=f"{int(item['page'].split('-')[0]) + 40}-{int(item['page'].split('-')[0]) + 49}",
            title="Updated " + item["title"][0].lower(),
        ),
        # the preprint of the same work: same authors, title and year, no volume or pages
        work_item(
            f"10.2139/ssrn.{n:04d}",
            [family, *(a["family"] for a in item["author"][1:])],
            year,
            "SSRN Electronic Journal",
            title=item["title"][0],
            kind="posted-content",
        ),
    ]


def test_precision_and_recall_over_a_synthetic_list(tmp_path: Path, httpserver: HTTPServer) -> None:
    rng = random.Random(5)
    works = [synthetic_work(rng, n) for n in range(1, 131)]
    absent = set(rng.sample(range(1, 131), 20))  # Crossref does not have these works
    catalogue = []
    for n, item in enumerate(works, start=1):
        catalogue += distractors_for(rng, item, n)
        if n not in absent:
            catalogue.append(item)
    entries = [
        RefEntry(number=n, raw=printed(rng, item), line=n) for n, item in enumerate(works, start=1)
    ]
    db_path = tmp_path / "synthetic.db"
    db = open_db(db_path)
    with db.atomic():
        write_document(
            db,
            ParsedDocument([], entries, [], [], []),
            path="synthetic.txt",
            name="synthetic.txt",
            sha256="0",
            ingested_at="2026-01-01",
        )
    db.close()
    search = MiniSearch(catalogue)
    httpserver.expect_request("/works").respond_with_handler(search.handler)

    summary = resolve_dois(db_path, client=client(httpserver))

    truth = {n: item["DOI"] for n, item in enumerate(works, start=1) if n not in absent}
    found = {r["number"]: r["doi"] for r in text_refs(db_path).values() if r["doi"]}
    correct = sum(1 for n, doi in found.items() if truth.get(n) == doi)
    precision = correct / len(found)
    recall = correct / len(truth)
    assert len(works) >= 100 and summary.references == len(works)
    assert precision >= 0.99, {n: d for n, d in found.items() if truth.get(n) != d}
    assert recall >= 0.95, sorted(set(truth) - set(found))


def test_cli_resolve_and_fill_print_their_summaries(
    seed: Path, httpserver: HTTPServer, crossref: MiniSearch
) -> None:
    url = httpserver.url_for("/")
    fill = CliRunner().invoke(cli, ["fill-references", "--db", str(seed), "--crossref-url", url])
    assert fill.exit_code == 0, fill.output
    assert fill.output.startswith(f"alk-ros1-review.txt ({SEED_DOI}): 146 deposited references")
    resolve = CliRunner().invoke(
        cli, ["resolve", "--db", str(seed), "--crossref-url", url, "--mailto", "tests@example.org"]
    )
    assert resolve.exit_code == 0, resolve.output
    assert re.fullmatch(
        r"\d+ references: \d+ matched, \d+ rejected, \d+ ambiguous, \d+ without candidates, "
        r"\d+ not searchable, \d+ already had a DOI; \d+ from cache, \d+ requests? made\n",
        resolve.stdout,
    )
    assert resolve.stderr == f"DOIs and their candidates written to {seed}\n"


def test_cli_env_var_names_the_server(
    seed: Path, httpserver: HTTPServer, crossref: MiniSearch
) -> None:
    result = CliRunner().invoke(
        cli,
        ["resolve", "--db", str(seed), "--limit", "3"],
        env={"REFLINK_CROSSREF_URL": httpserver.url_for("/")},
    )
    assert result.exit_code == 0, result.output
    assert ", 2 requests made" in result.output
    assert len(crossref.queries) == 2


def test_resolve_needs_an_existing_database(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["resolve", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 1
    assert (
        result.output
        == f"Error: {tmp_path / 'none.db'} does not exist; run `reflink ingest` first\n"
    )


def test_migration_marks_printed_dois_of_an_older_database(tmp_path: Path) -> None:
    from sqlite_utils.migrations import Migrations

    from reflink.db import m001_initial

    path = tmp_path / "old.db"
    old = sqlite_utils.Database(path)
    before_crossref = Migrations("reflink")  # the schema as it was before issue 5
    before_crossref()(m001_initial)
    before_crossref.apply(old)
    document = old.table("documents").insert({"path": "/x", "name": "x", "sha256": "0"}).last_pk
    old.table("refs").insert_all(
        [
            {
                "document_id": document,
                "number": 1,
                "raw": "a",
                "doi": "10.1/printed",
                "source": "text",
            },
            {"document_id": document, "number": 2, "raw": "b", "source": "text"},
        ]
    )
    old.close()

    db = open_db(path)
    rows = db.execute(
        "select number, doi_source, doi_decision from refs order by number"
    ).fetchall()
    assert rows == [(1, "text", None), (2, None, None)]
    assert {"crossref_cache", "doi_candidates"} <= set(db.table_names())


def test_fill_unknown_document_is_one_line(seed: Path) -> None:
    result = CliRunner().invoke(cli, ["fill-references", "--db", str(seed), "--document", "99"])
    assert result.exit_code == 1
    assert result.output == "Error: no document with id 99; see `reflink report`\n"


def test_cli_fill_with_an_explicit_doi(seed: Path, httpserver: HTTPServer) -> None:
    httpserver.expect_request("/works/10.9999/other").respond_with_data(
        '{"status": "ok", "message-type": "work", "message": {"DOI": "10.9999/other"}}',
        headers=RATE_HEADERS,
    )
    result = CliRunner().invoke(
        cli,
        [
            "fill-references",
            "--db",
            str(seed),
            "--doi",
            "10.9999/other",
            "--crossref-url",
            httpserver.url_for("/"),
        ],
    )
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "alk-ros1-review.txt (10.9999/other): Crossref holds no deposited reference list for it; "
        "0 from cache, 1 request made\n"
    )
    assert result.stderr == f"references of 1 document written to {seed}\n"


def test_the_write_lock_is_free_while_waiting_for_crossref(
    seed: Path, httpserver: HTTPServer
) -> None:
    """Another writer (an ingest) is never kept waiting on Crossref's latency."""
    import sqlite3
    import time

    search = MiniSearch(seed_catalogue(seed))
    lock_was_free = []

    def slow_and_checking(request: Request) -> Response:
        if request.args.get("query.bibliographic", "").startswith("T. Kodama"):
            deadline = time.monotonic() + 5
            while time.monotonic() < deadline and not lock_was_free:
                other = sqlite3.connect(seed, timeout=0)
                try:
                    other.execute("begin immediate")
                    other.execute("rollback")
                    lock_was_free.append(True)
                except sqlite3.OperationalError:  # "database is locked"
                    time.sleep(0.05)
                finally:
                    other.close()
        return search.handler(request)

    httpserver.expect_request("/works").respond_with_handler(slow_and_checking)
    summary = resolve_dois(seed, client=client(httpserver), limit=6)
    assert lock_was_free == [True]
    assert summary.failed == 0


def test_a_cached_reply_waits_for_another_writer_instead_of_failing(seed: Path) -> None:
    """A reply is cached in its own transaction. sqlite-utils opens it with a deferred BEGIN
    and its upsert reads the table's shape first: with another writer (an ingest) holding the
    lock at that moment, SQLite said "database is locked" at once, busy timeout or not, and
    the resolve failed. The write lock is now taken first, and waited for."""
    import sqlite3
    import threading
    import time

    from reflink.db import open_existing
    from reflink.enrich import DatabaseCache

    other = sqlite3.connect(seed, check_same_thread=False)
    other.execute("begin immediate")
    released = threading.Timer(0.5, lambda: other.execute("rollback"))
    released.start()
    try:
        started = time.monotonic()
        with open_existing(seed) as db:  # (its migrations' check writes under the lock too)
            DatabaseCache(db).put("key-1", 200, "{}")
            waited = time.monotonic() - started
            assert db.execute(
                "select status, body from crossref_cache where key = 'key-1'"
            ).fetchone() == (200, "{}")
    finally:
        released.join()
        other.close()
    assert waited > 0.3  # it waited for the other writer, and then wrote


def test_fill_refuses_a_list_that_does_not_fit_the_text(seed: Path, httpserver: HTTPServer) -> None:
    # another article's list under this DOI (or a list numbered otherwise): keys 1–146, but
    # each item holds the work of the entry seven places on
    work = json.loads(SEED_WORK.read_text())
    items = work["message"]["reference"]
    keys = [item["key"] for item in items]
    rotated = items[7:] + items[:7]
    work["message"]["reference"] = [
        {**item, "key": key} for item, key in zip(rotated, keys, strict=True)
    ]
    httpserver.expect_request(f"/works/{SEED_DOI}").respond_with_data(
        json.dumps(work), headers=RATE_HEADERS
    )
    before = seed.read_bytes()
    (summary,) = fill_references(seed, client=client(httpserver))
    assert summary.filled == []
    assert summary.note.startswith("its deposited reference list disagrees with ")
    assert summary.note.endswith("nothing filled (is this the article's DOI? see --doi)")
    db = sqlite_utils.Database(seed)
    assert db.execute("select count(*) from refs where source = 'crossref'").fetchone()[0] == 0
    assert (
        db.execute("select count(*) from problems where stage like 'crossref%'").fetchone()[0] == 0
    )
    db.close()
    # only the reply was cached (a re-run does not ask again); no entry was touched
    assert before != seed.read_bytes()


def test_resolve_one_document(seed: Path, httpserver: HTTPServer, crossref: MiniSearch) -> None:
    assert resolve_dois(seed, client=client(httpserver), document_id=1).matched > 0
    result = CliRunner().invoke(cli, ["resolve", "--db", str(seed), "--document", "7"])
    assert result.exit_code == 1
    assert result.output == "Error: no document with id 7; see `reflink report`\n"


def test_a_person_overrides_with_doi_source_manual(
    seed: Path, httpserver: HTTPServer, crossref: MiniSearch
) -> None:
    resolve_dois(seed, client=client(httpserver))
    db = sqlite_utils.Database(seed)
    # 101: "that match is wrong, it has no DOI"; 102: "it is this DOI"
    db.execute("update refs set doi = null, doi_source = 'manual' where number = 101")
    db.execute("update refs set doi = '10.1/mine', doi_source = 'manual' where number = 102")
    db.conn.commit()
    db.close()
    again = resolve_dois(seed, client=client(httpserver))
    fill_references(seed, client=client(httpserver))
    refs = text_refs(seed)
    assert (refs[101]["doi"], refs[101]["doi_source"]) == (None, "manual")
    assert (refs[102]["doi"], refs[102]["doi_source"]) == ("10.1/mine", "manual")
    assert again.had_doi >= 3
    db = sqlite_utils.Database(seed)
    messages = [r[0] for r in db.execute("select message from problems where stage = 'crossref'")]
    assert "entry 102: doi set by hand 10.1/mine, deposited 10.1007/s00280-014-2578-6" in messages


def test_fill_from_a_reply_of_the_wrong_shape_is_one_line_and_caches_nothing(
    seed: Path, httpserver: HTTPServer
) -> None:
    """A deposited list that is a string: a failed reply, not a crash halfway through, and
    nothing cached, so the next run asks again (#18)."""
    httpserver.expect_request(f"/works/{SEED_DOI}").respond_with_data(
        json.dumps({"status": "ok", "message": {"DOI": SEED_DOI, "reference": "see the PDF"}}),
        headers=RATE_HEADERS,
    )
    url = httpserver.url_for("/")
    result = CliRunner().invoke(cli, ["fill-references", "--db", str(seed), "--crossref-url", url])
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: Crossref did not answer for {SEED_DOI}: reply has message.reference: text, "
        "not a list\n"
    )
    db = sqlite_utils.Database(seed)
    assert db.execute("select count(*) from crossref_cache").fetchone()[0] == 0
    db.close()


def test_cli_resolve_and_fill_json_is_the_summary_as_one_object(
    seed: Path, httpserver: HTTPServer, crossref: MiniSearch
) -> None:
    url = httpserver.url_for("/")
    fill = CliRunner().invoke(
        cli, ["fill-references", "--db", str(seed), "--crossref-url", url, "--json"]
    )
    assert fill.exit_code == 0, fill.output
    filled = json.loads(fill.stdout)
    assert filled["database"] == str(seed) and filled["written"] is True
    [document] = filled["documents"]
    assert (document["document"], document["doi"]) == ("alk-ros1-review.txt", SEED_DOI)
    assert document["deposited"] == 146
    assert document["summary"].startswith(f"alk-ros1-review.txt ({SEED_DOI}): 146 deposited")
    # the progress and "written to" lines stay on stderr, so stdout parses as JSON
    assert fill.stderr == f"references of 1 document written to {seed}\n"

    resolve = CliRunner().invoke(
        cli, ["resolve", "--db", str(seed), "--crossref-url", url, "--dry-run", "--json"]
    )
    assert resolve.exit_code == 0, resolve.output
    summary = json.loads(resolve.stdout)
    assert summary["written"] is False and summary["dry_run"] is True
    counted = ("matched", "rejected", "ambiguous", "no_candidates", "skipped", "had_doi")
    assert sum(summary[key] for key in counted) + summary["failed"] == summary["references"]
    assert summary["summary"].startswith(f"{summary['references']} references: ")


def test_cli_fill_references_csv_is_a_row_per_document(
    seed: Path, httpserver: HTTPServer, crossref: MiniSearch
) -> None:
    url = httpserver.url_for("/")
    result = CliRunner().invoke(
        cli, ["fill-references", "--db", str(seed), "--crossref-url", url, "--csv"]
    )
    assert result.exit_code == 0, result.output
    import csv

    [row] = list(csv.DictReader(result.stdout.splitlines()))
    assert (row["document"], row["deposited"]) == ("alk-ros1-review.txt", "146")


def test_a_long_deposited_list_is_indexed_in_one_pass_and_a_rerun_rewrites_nothing(
    seed: Path, httpserver: HTTPServer
) -> None:
    """More entries than BULK_INDEX_ROWS: their full-text rows are written after them in one
    statement (the insert trigger dropped and made again inside the transaction), and every
    one is found by search as a trigger-written row would be (#18)."""
    from reflink.db import BULK_INDEX_ROWS

    count = BULK_INDEX_ROWS + 150
    deposit = [
        {
            "key": f"c9ra02258a-(cit{n})",
            "unstructured": f"A. Invented, Lichen survey {n} of granite boulders, J. Moss Res.",
        }
        for n in range(1, count + 1)
    ]
    body = json.dumps({"status": "ok", "message": {"DOI": SEED_DOI, "reference": deposit}})
    httpserver.expect_request(f"/works/{SEED_DOI}").respond_with_data(body, headers=RATE_HEADERS)
    printed = set(text_refs(seed))

    (summary,) = fill_references(seed, client=client(httpserver))

    assert len(summary.filled) == count - len(printed & set(range(1, count + 1)))
    db = sqlite_utils.Database(seed)
    triggers = {
        row[0] for row in db.execute("select name from sqlite_master where type = 'trigger'")
    }
    assert {"refs_ai", "refs_ad", "refs_au"} <= triggers
    found = db.execute("select count(*) from refs_fts where refs_fts match 'lichen granite'")
    assert found.fetchone()[0] == len(summary.filled)
    number = max(summary.filled)
    hit = db.execute(
        "select refs.number from refs_fts join refs on refs.id = refs_fts.rowid"
        f" where refs_fts match '\"lichen survey {number}\"'"
    ).fetchall()
    assert hit == [(number,)]
    db.execute("insert into refs_fts(refs_fts) values('integrity-check')")
    counts = [db.table(t).count for t in ("refs", "refs_fts", "citations")]
    db.close()

    fill_references(seed, client=client(httpserver))

    db = sqlite_utils.Database(seed)
    assert [db.table(t).count for t in ("refs", "refs_fts", "citations")] == counts
    db.execute("insert into refs_fts(refs_fts) values('integrity-check')")
    db.close()
