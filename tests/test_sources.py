"""check-sources on real databases, against a Crossref-shaped server on 127.0.0.1 whose records
carry `updated-by` (retractions, corrections, expressions of concern) and `update-to` (notices)."""

from __future__ import annotations

import datetime
import json
import socket
from pathlib import Path

import pytest
import sqlite_utils
from click.testing import CliRunner
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from crossref_fakes import WorkCatalogue, update, work_item
from reflink.cli import cli
from reflink.crossref import CrossrefClient
from reflink.models import Claim, Marker, RefEntry, Section
from reflink.sources import (
    check_sources,
    doi_key,
    full_names,
    iso_date,
    read_record,
    update_mark,
    update_note,
)
from synthetic import write_handmade_document

RETRACTED = "10.5555/inv.2016.401"
CORRECTED = "10.5555/inv.2017.88"
CONCERN = "10.5555/inv.2018.12"
CORRECTED_THEN_RETRACTED = "10.5555/inv.2015.230"
NOTICE = "10.5555/inv.notice.7"
UNKNOWN = "10.5555/inv.unknown.1"
DISAGREEING = "10.5555/inv.2013.55"
TITLED = "10.5555/inv.2012.9"


def entries() -> list[RefEntry]:
    """An invented reference list (RSC style: no titles), one entry per case of the issue."""
    return [
        RefEntry(
            1,
            "A. B. Okafor, C. D. Lindqvist and E. Marchetti, Lancet Oncol., 2016, 17, 401–409.",
            40,
            authors=("A. B. Okafor", "C. D. Lindqvist", "E. Marchetti"),
            journal="Lancet Oncol.",
            year=2016,
            volume="17",
            pages="401-409",
            doi=RETRACTED,
        ),
        RefEntry(
            2,
            "F. Haddad and G. Ruiz, J. Clin. Oncol., 2017, 35, 88–97.",
            41,
            authors=("F. Haddad", "G. Ruiz"),
            journal="J. Clin. Oncol.",
            year=2017,
            volume="35",
            pages="88-97",
            doi=CORRECTED,
        ),
        RefEntry(
            3,
            "H. Tanaka, Cancer Cell, 2018, 33, 12–20.",
            42,
            authors=("H. Tanaka",),
            journal="Cancer Cell",
            year=2018,
            volume="33",
            pages="12-20",
            doi=CONCERN,
        ),
        RefEntry(
            4,
            "I. Novak, Clin. Cancer Res., 2015, 21, 230–238.",
            43,
            authors=("I. Novak",),
            journal="Clin. Cancer Res.",
            year=2015,
            volume="21",
            pages="230-238",
            doi=CORRECTED_THEN_RETRACTED,
        ),
        RefEntry(
            5,
            "Retraction notice, Lancet Oncol., 2021, 22, e100.",
            44,
            journal="Lancet Oncol.",
            year=2021,
            volume="22",
            pages="e100",
            doi=NOTICE,
        ),
        RefEntry(
            6,
            "J. Weber, Lung Cancer, 2014, 85, 1–9.",
            45,
            authors=("J. Weber",),
            journal="Lung Cancer",
            year=2014,
            volume="85",
            pages="1-9",
            doi=UNKNOWN,
        ),
        RefEntry(
            7,
            "K. Osei, Drugs, 2015, 75, 55–60.",
            46,
            authors=("K. Osei",),
            journal="Drugs",
            year=2015,  # the record says 2013: the printed DOI may be the wrong work's
            volume="75",
            pages="55-60",
            doi=DISAGREEING,
        ),
        RefEntry(8, "L. Brandt, Oncologist, 2019, 24, 301–305.", 47, authors=("L. Brandt",)),
        RefEntry(
            9,
            "M. Ferreira, Targeting fusions in lung cancer, Nat. Rev. Clin. Oncol., 2012, 9, 9–20.",
            48,
            authors=("M. Ferreira",),
            title="Targeting fusions in lung cancer",
            journal="Nat. Rev. Clin. Oncol.",
            year=2012,
            volume="9",
            pages="9-20",
            doi=TITLED,
        ),
    ]


def catalogue() -> list[dict]:
    """Crossref's records of the works above (entry 6's DOI is unknown to it)."""
    retracted = work_item(
        RETRACTED,
        ["Adaeze B. Okafor", "Carl D. Lindqvist", "Elena Marchetti"],
        2016,
        "The Lancet Oncology",
        short="Lancet Oncol.",
        volume="17",
        page="401-409",
        title="An invented trial of a kinase inhibitor in <i>ALK</i>-positive disease",
    )
    retracted.update(
        issue="4",
        ISSN=["1470-2045", "1474-5488"],
        **{"issn-type": [{"value": "1474-5488", "type": "electronic"}]},
        **{"updated-by": [update("retraction", NOTICE, (2021, 3, 4), "retraction-watch")]},
    )
    corrected = work_item(
        CORRECTED,
        ["F Haddad", "G Ruiz"],
        2017,
        "Journal of Clinical Oncology",
        volume="35",
        page="88-97",
        title="An invented dose-finding study",
    )
    corrected["updated-by"] = [update("correction", "10.5555/inv.corr.2", (2019, 5))]
    concern = work_item(
        CONCERN,
        ["Hiro Tanaka"],
        2018,
        "Cancer Cell",
        volume="33",
        page="12-20",
        title="An invented mechanism of resistance",
    )
    concern["updated-by"] = [update("expression_of_concern", "10.5555/inv.eoc.3", (2020, 1, 15))]
    twice = work_item(
        CORRECTED_THEN_RETRACTED,
        ["Ivana Novak"],
        2015,
        "Clinical Cancer Research",
        volume="21",
        page="230-238",
        title="An invented cohort",
    )
    twice["updated-by"] = [
        update("correction", "10.5555/inv.corr.4", (2016, 2, 1)),
        update("retraction", "10.5555/inv.retr.4", (2022, 7, 9)),
    ]
    notice = work_item(
        NOTICE,
        [],
        2021,
        "The Lancet Oncology",
        volume="22",
        page="e100",
        title="Retraction notice to: An invented trial of a kinase inhibitor",
    )
    notice["update-to"] = [update("retraction", RETRACTED, (2021, 3, 4))]
    disagreeing = work_item(
        DISAGREEING,
        ["Kwame Osei"],
        2013,
        "Drugs",
        volume="75",
        page="55-60",
        title="An invented review",
    )
    titled = work_item(
        TITLED,
        ["Maria Ferreira"],
        2012,
        "Nature Reviews Clinical Oncology",
        volume="9",
        page="9-20",
        title="Targeting gene fusions in lung cancer: a crossref title",
    )
    return [retracted, corrected, concern, twice, notice, disagreeing, titled]


SOURCES = 8  # entries with a DOI


@pytest.fixture
def review(tmp_path: Path) -> Path:
    section = Section("2.1", "Resistance", 30)
    claims = [
        Claim(
            "The kinase inhibitor doubled survival.",
            31,
            31,
            section,
            (Marker(31, "1,2", (1, 2), start=10),),
        ),
        Claim(
            "Resistance arises within a year.",
            32,
            32,
            section,
            (Marker(32, "3", (3,), start=80),),
        ),
    ]
    return write_handmade_document(tmp_path / "review.db", entries(), claims=claims)


@pytest.fixture
def crossref(httpserver: HTTPServer) -> WorkCatalogue:
    works = WorkCatalogue(catalogue())
    httpserver.expect_request("/works").respond_with_handler(works.handler)
    return works


def client(httpserver: HTTPServer | str) -> CrossrefClient:
    url = httpserver if isinstance(httpserver, str) else httpserver.url_for("/")
    return CrossrefClient(url, "tests@example.org", backoff_factor=0.01)


def refs(db_path: Path) -> dict[int, dict]:
    db = sqlite_utils.Database(db_path)
    try:
        return {r["number"]: r for r in db.query("select * from refs")}
    finally:
        db.close()


def rows(db_path: Path, sql: str) -> list[tuple]:
    db = sqlite_utils.Database(db_path)
    try:
        return [tuple(r) for r in db.execute(sql).fetchall()]
    finally:
        db.close()


def closed_port_url() -> str:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{probe.getsockname()[1]}"


# ---- updates ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("number", "status", "date", "notice"),
    [
        pytest.param(1, "retraction", "2021-03-04", NOTICE, id="retraction-by-retraction-watch"),
        pytest.param(2, "correction", "2019-05", "10.5555/inv.corr.2", id="correction-only"),
        pytest.param(
            3,
            "expression_of_concern",
            "2020-01-15",
            "10.5555/inv.eoc.3",
            id="expression-of-concern",
        ),
        pytest.param(
            4, "retraction", "2022-07-09", "10.5555/inv.retr.4", id="corrected-then-retracted"
        ),
        pytest.param(5, None, None, None, id="a-cited-notice-is-not-flagged"),
        pytest.param(6, None, None, None, id="doi-unknown-to-crossref"),
        pytest.param(8, None, None, None, id="no-doi-not-checked"),
    ],
)
def test_update_status_is_the_most_severe_update(
    review: Path,
    httpserver: HTTPServer,
    crossref: WorkCatalogue,
    number: int,
    status: str | None,
    date: str | None,
    notice: str | None,
) -> None:
    check_sources(review, client=client(httpserver))
    row = refs(review)[number]
    assert (row["update_status"], row["update_date"], row["update_notice"]) == (
        status,
        date,
        notice,
    )


def test_every_update_is_a_row_of_ref_updates(
    review: Path, httpserver: HTTPServer, crossref: WorkCatalogue
) -> None:
    check_sources(review, client=client(httpserver))
    assert rows(
        review,
        "select refs.number, ref_updates.doi, update_type, notice_doi, updated, ref_updates.source,"
        " label from ref_updates join refs on refs.id = ref_updates.ref_id order by ref_updates.id",
    ) == [
        (1, RETRACTED, "retraction", NOTICE, "2021-03-04", "retraction-watch", "Retraction"),
        (2, CORRECTED, "correction", "10.5555/inv.corr.2", "2019-05", "publisher", "Correction"),
        (
            3,
            CONCERN,
            "expression_of_concern",
            "10.5555/inv.eoc.3",
            "2020-01-15",
            "publisher",
            "Expression of concern",
        ),
        (
            4,
            CORRECTED_THEN_RETRACTED,
            "correction",
            "10.5555/inv.corr.4",
            "2016-02-01",
            "publisher",
            "Correction",
        ),
        (
            4,
            CORRECTED_THEN_RETRACTED,
            "retraction",
            "10.5555/inv.retr.4",
            "2022-07-09",
            "publisher",
            "Retraction",
        ),
    ]


def test_summary_counts_each_kind(
    review: Path, httpserver: HTTPServer, crossref: WorkCatalogue
) -> None:
    summary = check_sources(review, client=client(httpserver))
    assert summary.summary() == (
        "8 sources checked: 2 retracted, 1 expression of concern, 1 corrected; "
        "6 entries completed, 1 disagreeing with the record (see problems); "
        "1 DOI unknown to Crossref; 1 cited notice (not flagged); 1 request"
    )


# ---- batches and the cache -------------------------------------------------------------------


def test_dois_are_asked_in_batches(
    review: Path, httpserver: HTTPServer, crossref: WorkCatalogue
) -> None:
    summary = check_sources(review, client=client(httpserver), batch_size=3)
    assert summary.requests == 3
    # up to three requests in flight: the batches arrive in any order
    assert sorted(len(batch) for batch in crossref.asked) == [2, 3, 3]
    asked = sorted(doi for batch in crossref.asked for doi in batch)
    assert asked == sorted(e.doi.lower() for e in entries() if e.doi)
    # rows=N asks for every work of the batch
    assert sorted(request.args["rows"] for request, _ in httpserver.log) == ["2", "3", "3"]


def test_rerun_within_max_age_sends_nothing(
    review: Path, httpserver: HTTPServer, crossref: WorkCatalogue
) -> None:
    first = check_sources(review, client=client(httpserver))
    before = refs(review)
    again = check_sources(review, client=client(httpserver))
    assert (again.requests, again.from_cache) == (0, 8)
    assert again.statuses == first.statuses
    assert refs(review) == before  # twice equals once
    assert len(crossref.asked) == 1


@pytest.mark.parametrize(
    "options", [{"refresh": True}, {"max_age_days": 0}], ids=["refresh", "max-age-0"]
)
def test_refresh_asks_again(
    review: Path, httpserver: HTTPServer, crossref: WorkCatalogue, options: dict
) -> None:
    check_sources(review, client=client(httpserver))
    again = check_sources(review, client=client(httpserver), **options)
    assert (again.requests, again.from_cache) == (1, 0)
    assert len(crossref.asked) == 2


def test_only_records_older_than_max_age_are_asked_again(
    review: Path, httpserver: HTTPServer, crossref: WorkCatalogue
) -> None:
    check_sources(review, client=client(httpserver))
    old = (datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(days=40)).isoformat()
    db = sqlite_utils.Database(review)
    with db.conn:
        db.execute(
            "update crossref_cache set fetched_at = ? where key = ?", [old, doi_key(CONCERN)]
        )
    db.close()
    again = check_sources(review, client=client(httpserver), max_age_days=30)
    assert crossref.asked[-1] == [CONCERN.lower()]
    assert (again.requests, again.from_cache) == (1, 7)


def test_an_interrupted_check_resumes_without_asking_twice(
    review: Path, httpserver: HTTPServer, crossref: WorkCatalogue
) -> None:
    def ctrl_c_after_the_first_batch(steps: int) -> None:
        if steps:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        check_sources(
            review,
            client=client(httpserver),
            batch_size=3,
            on_progress=ctrl_c_after_the_first_batch,
        )
    cached = rows(review, "select count(*) from crossref_cache")[0][0]
    assert 3 <= cached < 8  # the finished batch(es) are kept
    again = check_sources(review, client=client(httpserver), batch_size=3)
    assert again.from_cache == cached
    assert again.checked == 8
    asked_again = [
        doi for batch in crossref.asked[len(crossref.asked) - again.requests :] for doi in batch
    ]
    assert len(asked_again) == 8 - cached
    assert refs(review)[1]["update_status"] == "retraction"


def test_a_doi_removed_by_hand_takes_its_flags_with_it(
    review: Path, httpserver: HTTPServer, crossref: WorkCatalogue
) -> None:
    check_sources(review, client=client(httpserver))
    db = sqlite_utils.Database(review)
    with db.conn:
        db.execute("update refs set doi = null, doi_source = 'manual' where number = 1")
    db.close()
    again = check_sources(review, client=client(httpserver))
    row = refs(review)[1]
    assert (row["update_status"], row["update_notice"], row["checked_at"]) == (None, None, None)
    assert rows(review, "select count(*) from ref_updates where ref_id = " + str(row["id"])) == [
        (0,)
    ]
    assert again.summary().startswith("7 sources checked: 1 retracted, 1 expression of concern")


def test_a_retraction_found_on_refresh_is_flagged(review: Path, httpserver: HTTPServer) -> None:
    works = catalogue()
    before = WorkCatalogue([{**w, "updated-by": []} if w["DOI"] == CONCERN else w for w in works])
    httpserver.expect_oneshot_request("/works").respond_with_handler(before.handler)
    check_sources(review, client=client(httpserver))
    assert refs(review)[3]["update_status"] is None
    later = WorkCatalogue(works)
    httpserver.expect_request("/works").respond_with_handler(later.handler)
    check_sources(review, client=client(httpserver), refresh=True)
    assert refs(review)[3]["update_status"] == "expression_of_concern"


# ---- complete, never overwrite ---------------------------------------------------------------


def test_empty_fields_are_completed_and_marked_fetched(
    review: Path, httpserver: HTTPServer, crossref: WorkCatalogue
) -> None:
    before = refs(review)[1]
    check_sources(review, client=client(httpserver))
    after = refs(review)[1]
    assert after["title"] == "An invented trial of a kinase inhibitor in ALK-positive disease"
    assert after["journal"] == "Lancet Oncol."  # the printed abbreviation stays
    assert after["container_title"] == "The Lancet Oncology"
    assert (after["issue"], after["issn"], after["publisher"], after["work_type"]) == (
        "4",
        "1470-2045",
        "Elsevier BV",
        "journal-article",
    )
    assert json.loads(after["authors_full"]) == [
        "Okafor, Adaeze B.",
        "Lindqvist, Carl D.",
        "Marchetti, Elena",
    ]
    assert json.loads(after["field_sources"]) == {
        column: "crossref"
        for column in (
            "authors_full",
            "container_title",
            "issn",
            "issue",
            "publisher",
            "title",
            "work_type",
        )
    }
    for column in ("raw", "authors", "journal", "year", "volume", "pages", "doi"):
        assert after[column] == before[column]
    assert after["checked_at"]


def test_a_printed_title_stays(
    review: Path, httpserver: HTTPServer, crossref: WorkCatalogue
) -> None:
    check_sources(review, client=client(httpserver))
    row = refs(review)[9]
    assert row["title"] == "Targeting fusions in lung cancer"
    assert row["container_title"] == "Nature Reviews Clinical Oncology"
    assert "title" not in json.loads(row["field_sources"])


def test_a_disagreeing_record_completes_nothing_and_is_a_problem(
    review: Path, httpserver: HTTPServer, crossref: WorkCatalogue
) -> None:
    check_sources(review, client=client(httpserver))
    row = refs(review)[7]
    assert (row["year"], row["title"], row["field_sources"]) == (2015, None, None)
    problems = rows(review, "select line, message from problems where stage = 'sources'")
    assert problems == [(46, f"entry 7: year printed 2015, Crossref 2013 (doi:{DISAGREEING})")]
    # a re-run neither repeats nor loses it
    check_sources(review, client=client(httpserver))
    assert rows(review, "select line, message from problems where stage = 'sources'") == problems


def test_given_names_only_where_the_record_fits_the_printed_authors(
    review: Path, httpserver: HTTPServer, crossref: WorkCatalogue
) -> None:
    check_sources(review, client=client(httpserver))
    # "F Haddad" in the record too: nothing to add
    assert refs(review)[2]["authors_full"] is None
    assert json.loads(refs(review)[3]["authors_full"]) == ["Tanaka, Hiro"]


@pytest.mark.parametrize(
    ("printed", "people", "names"),
    [
        pytest.param(
            ["S. M. Okafor", "L. Ruiz"],
            [("Okafor", "Sade M."), ("Ruiz", "Lucia")],
            ["Okafor, Sade M.", "Ruiz, Lucia"],
            id="initials-to-given-names",
        ),
        pytest.param(
            ["J.-F. Martin"], [("Martin", "Jean-François")], ["Martin, Jean-François"], id="hyphen"
        ),
        pytest.param(["Smith AB"], [("Smith", "Anna B.")], ["Smith, Anna B."], id="vancouver"),
        pytest.param(["L. Crino"], [("Crinò", "Lucio")], ["Crinò, Lucio"], id="accent-restored"),
        pytest.param(
            ["A. Okafor", "et al."],
            [("Okafor", "Ada"), ("Ruiz", "Li")],
            ["Okafor, Ada", "et al."],
            id="et-al-stays",
        ),
        pytest.param(["A. Okafor"], [("Okafor", "Bola")], None, id="other-initial"),
        pytest.param(["A. Okafor"], [("Ruiz", "Ada")], None, id="other-person"),
        pytest.param(
            ["A. Okafor", "B. Ruiz"], [("Ruiz", "Bea"), ("Okafor", "Ada")], None, id="other-order"
        ),
        pytest.param(["A. Okafor", "B. Ruiz"], [("Okafor", "Ada")], None, id="record-shorter"),
        pytest.param(["Okafor, Ada"], [("Okafor", "Ada")], None, id="printed-whole"),
        pytest.param(["World Health Organization"], [("Okafor", "Ada")], None, id="organisation"),
    ],
)
def test_full_names(printed: list[str], people: list[tuple[str, str]], names) -> None:
    assert full_names(printed, people) == names


def test_record_reading() -> None:
    item = work_item("10.5555/X", ["Ada Okafor"], 2016, "Drugs", title="A <sub>2</sub> study")
    item["subtitle"] = ["the long view"]
    item["updated-by"] = [
        update("retraction", "10.5555/n", (2021, 3, 4)),
        update("retraction", "10.5555/n", (2021, 3, 4)),  # listed twice: one update
        update("retraction", "10.5555/n", (2021, 3, 4), "retraction-watch"),
    ]
    record = read_record(item)
    assert record.fields["title"] == "A 2 study: the long view"
    assert [u.source for u in record.updates] == ["publisher", "retraction-watch"]
    assert record.worst.update_type == "retraction"


def test_a_hostile_record_is_cut_down_to_size() -> None:
    item = work_item("10.5555/X", ["Ada Okafor"], 2016, "Drugs", title="A\x1b[2J study " * 999)
    item["updated-by"] = [
        {
            "DOI": "javascript:alert(1)",
            "type": "retraction\x1b[31m",
            "label": "x" * 10_000,
            "updated": {"date-parts": [[20210, 13]]},
        }
    ] * 500
    record = read_record(item)
    assert len(record.fields["title"]) == 2000 and "\x1b" not in record.fields["title"]
    (update,) = record.updates  # 500 copies of one update are one
    assert (update.update_type, update.notice_doi, update.updated) == (
        "retraction [31m",
        None,
        None,
    )
    assert len(update.label) == 200


@pytest.mark.parametrize(
    ("value", "iso"),
    [
        ({"date-parts": [[2010, 2, 6]]}, "2010-02-06"),
        ({"date-parts": [[2010, 13, 6]]}, "2010"),
        ({"date-parts": [["2010"]]}, None),
        ({"date-parts": [[2010, 2]]}, "2010-02"),
        ({"date-parts": [[2010]]}, "2010"),
        ({"date-parts": [[None]]}, None),
        (None, None),
        ("2010", None),
    ],
)
def test_iso_date(value, iso: str | None) -> None:
    assert iso_date(value) == iso


def test_marks_and_notes() -> None:
    assert update_mark("retraction", "2021-03-04", "10.5555/n") == (
        "RETRACTED 2021-03-04 (notice doi:10.5555/n)"
    )
    assert update_mark("erratum") == "CORRECTED"
    assert update_mark("expression_of_concern", "2020") == "EXPRESSION OF CONCERN 2020"
    assert update_mark("addendum") == "UPDATED (addendum)"
    assert update_mark(None) == ""
    ref = {"update_status": "retraction", "update_date": "2021-03-04", "update_notice": "10.5/n"}
    assert update_note(ref) == "Retracted 2021 (notice doi:10.5/n)"
    assert update_note({"update_status": None}) == ""


# ---- Crossref misbehaving --------------------------------------------------------------------


def test_429_is_waited_out(review: Path, httpserver: HTTPServer, crossref: WorkCatalogue) -> None:
    httpserver.expect_oneshot_request("/works").respond_with_data(
        "Too many", status=429, headers={"Retry-After": "0"}
    )
    summary = check_sources(review, client=client(httpserver))
    assert summary.requests == 2
    assert refs(review)[1]["update_status"] == "retraction"


@pytest.mark.parametrize(
    ("status", "body", "reason"),
    [
        pytest.param(500, "oops", "HTTP 500 from Crossref after retries", id="5xx"),
        pytest.param(200, '{"message": {"items": [', "malformed JSON", id="bad-json"),
        pytest.param(
            200, '{"message": {"items": 7}}', "message.items: a number, not a list", id="not-a-list"
        ),
    ],
)
def test_an_unanswered_batch_is_asked_again_next_run(
    review: Path, httpserver: HTTPServer, status: int, body: str, reason: str
) -> None:
    httpserver.expect_request("/works").respond_with_data(body, status=status)
    summary = check_sources(review, client=client(httpserver), batch_size=4)
    assert summary.failed == 8
    assert reason in summary.summary()
    assert summary.summary().startswith("0 of 8 sources checked: none retracted or corrected")
    assert rows(review, "select count(*) from crossref_cache") == [(0,)]
    assert rows(review, "select count(*) from refs where checked_at is not null") == [(0,)]
    httpserver.clear()
    works = WorkCatalogue(catalogue())
    httpserver.expect_request("/works").respond_with_handler(works.handler)
    again = check_sources(review, client=client(httpserver), batch_size=4)
    assert (again.failed, again.requests, again.checked) == (0, 2, 8)


def test_one_failing_batch_leaves_the_others_done(review: Path, httpserver: HTTPServer) -> None:
    works = WorkCatalogue(catalogue())

    def second_fails(request: Request) -> Response:
        if CONCERN.lower() in request.args.get("filter", ""):
            return Response("down", status=503)
        return works.handler(request)

    httpserver.expect_request("/works").respond_with_handler(second_fails)
    summary = check_sources(review, client=client(httpserver), batch_size=2)
    assert summary.failed == 2
    assert summary.checked == 6
    assert refs(review)[1]["update_status"] == "retraction"
    assert refs(review)[3]["checked_at"] is None


def test_offline_is_one_line_and_leaves_the_database_unchanged(review: Path) -> None:
    before = review.read_bytes()
    result = CliRunner().invoke(
        cli, ["check-sources", "--db", str(review), "--crossref-url", closed_port_url()]
    )
    assert result.exit_code == 1
    assert result.output.startswith("Error: cannot reach Crossref at http://127.0.0.1:")
    assert len(result.output.splitlines()) == 1
    assert review.read_bytes() == before


def test_unknown_document_is_one_line(review: Path) -> None:
    result = CliRunner().invoke(cli, ["check-sources", "--db", str(review), "--document", "9"])
    assert (result.exit_code, result.output) == (
        1,
        "Error: no document with id 9; see `reflink report`\n",
    )


# ---- everywhere the user looks ---------------------------------------------------------------


def test_cli_prints_the_summary(
    review: Path, httpserver: HTTPServer, crossref: WorkCatalogue
) -> None:
    args = ["check-sources", "--db", str(review), "--crossref-url", httpserver.url_for("/")]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert result.output.startswith("8 sources checked: 2 retracted, 1 expression of concern")
    again = CliRunner().invoke(cli, args)
    assert again.stdout.rstrip().endswith("; 0 requests (8 DOIs from cache)")
    assert again.stderr == f"source checks written to {review}\n"


def test_reingest_drops_the_updates_with_the_entries(
    review: Path, httpserver: HTTPServer, crossref: WorkCatalogue
) -> None:
    check_sources(review, client=client(httpserver))
    write_handmade_document(review, entries())  # the same document written again
    assert rows(review, "select count(*) from ref_updates") == [(0,)]
    again = check_sources(review, client=client(httpserver))
    assert again.requests == 0  # the records are still cached
    assert rows(review, "select count(*) from ref_updates") == [(5,)]


@pytest.fixture
def checked(review: Path, httpserver: HTTPServer, crossref: WorkCatalogue) -> Path:
    check_sources(review, client=client(httpserver))
    return review


def test_lookup_marks_each_flagged_source(checked: Path) -> None:
    result = CliRunner().invoke(cli, ["lookup", "kinase inhibitor", "--db", str(checked)])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[2] == (
        "    [1] A. B. Okafor, C. D. Lindqvist, E. Marchetti, An invented trial of a kinase"
        " inhibitor in ALK-positive disease, Lancet Oncol., 2016, 17, 401-409"
        f" RETRACTED 2021-03-04 (notice doi:{NOTICE})"
    )
    assert lines[4].startswith("    [2] F. Haddad, G. Ruiz, An invented dose-finding study")
    assert lines[4].endswith(" CORRECTED 2019-05 (notice doi:10.5555/inv.corr.2)")
    result = CliRunner().invoke(cli, ["lookup", "--ref", "3", "--db", str(checked)])
    assert "EXPRESSION OF CONCERN 2020-01-15 (notice doi:10.5555/inv.eoc.3)" in result.output


def test_lookup_json_carries_the_update(checked: Path) -> None:
    result = CliRunner().invoke(cli, ["lookup", "kinase", "--json", "--db", str(checked)])
    sources = json.loads(result.output)["claims"][0]["sources"]
    first, second = (source["entry"] for source in sources)
    assert (first["update_status"], first["update_date"], first["update_notice"]) == (
        "retraction",
        "2021-03-04",
        NOTICE,
    )
    assert first["update_mark"] == f"RETRACTED 2021-03-04 (notice doi:{NOTICE})"
    assert second["update_status"] == "correction"


def test_bibtex_has_the_completed_fields_and_the_retraction_note(checked: Path) -> None:
    from reflink.bibtex import read_bibtex

    result = CliRunner().invoke(cli, ["bibtex", "--numbers", "1,7", "--db", str(checked)])
    assert result.exit_code == 0, result.output
    retracted, disagreeing = read_bibtex(result.stdout).entries
    fields = {f.key: f.value for f in retracted.fields}
    assert fields["title"] == "An invented trial of a kinase inhibitor in ALK-positive disease"
    assert fields["journal"] == "Lancet Oncol."
    assert (fields["number"], fields["issn"], fields["publisher"]) == (
        "4",
        "1470-2045",
        "Elsevier BV",
    )
    assert fields["author"] == "Okafor, Adaeze B. and Lindqvist, Carl D. and Marchetti, Elena"
    assert fields["note"] == f"Retracted 2021 (notice doi:{NOTICE})"
    assert fields["reflink-source"] == (
        "Reference 1 in review.txt; title, issue, ISSN, publisher, given names from Crossref"
    )
    # nothing completed where the record disagrees with the text, and nothing to note
    unchanged = {f.key: f.value for f in disagreeing.fields}
    assert unchanged["reflink-source"] == "Reference 7 in review.txt"
    assert "note" not in unchanged


def test_report_counts_flagged_sources_per_document(checked: Path) -> None:
    result = CliRunner().invoke(cli, ["report", "--db", str(checked)])
    assert result.exit_code == 0
    assert result.output.splitlines()[0].endswith(
        "; 8 sources checked: 2 retracted, 1 expression of concern, 1 corrected"
    )


def test_report_before_any_check_says_nothing_of_sources(review: Path) -> None:
    result = CliRunner().invoke(cli, ["report", "--db", str(review)])
    assert "sources checked" not in result.output


def test_datasette_shows_claims_resting_on_flagged_sources(checked: Path) -> None:
    import asyncio

    from reflink.web import database_name, make_datasette

    ds = make_datasette(checked)
    name = database_name(checked)

    def get(path: str):
        response = asyncio.run(ds.client.get(path))
        assert response.status_code == 200, response.text[:300]
        return response.json()

    found = get(f"/{name}/claims_resting_on_flagged_sources.json?_shape=array")
    assert [(r["claim_id"], r["number"], r["update_type"], r["updated"]) for r in found] == [
        (1, 1, "retraction", "2021-03-04"),
        (2, 3, "expression_of_concern", "2020-01-15"),
        (1, 2, "correction", "2019-05"),
    ]
    assert found[0]["notice_doi"] == NOTICE
    assert found[0]["reported_by"] == "retraction-watch"
    behind = get(f"/{name}/sources_behind_a_claim.json?_shape=array&words=kinase")
    assert [(r["number"], r["source_status"]) for r in behind] == [
        (1, "⚠ RETRACTED 2021-03-04"),
        (2, "CORRECTED 2019-05"),
    ]
    facets = get(f"/{name}/refs.json")["facet_results"]
    facet = facets["results"]["update_status"] if "results" in facets else facets["update_status"]
    counts = {item["value"]: item["count"] for item in facet["results"]}
    assert counts == {"retraction": 2, "correction": 1, "expression_of_concern": 1}


# ---- the seed, end to end: ingest → fill-references → check-sources ---------------------------

SEED_FIXTURE = Path(__file__).parent / "fixtures" / "crossref" / "work-10.1039-c9ra02258a.json"
SEED_DOI = "10.1039/c9ra02258a"
# invented DOIs of the fixture's invented entries 1 and 2 (never a real work's): the stand-in's
# records say the first was retracted (reported by Retraction Watch), the second corrected
SEED_RETRACTED = "10.18632/oncotarget.2014.86.001"
SEED_CORRECTED = "10.1016/j.ctrv.2006.82.002"


def seed_records(deposits: list[dict]) -> list[dict]:
    """A Crossref record for each deposited DOI, from the deposit's own fields, with a title."""
    records = []
    for deposit in deposits:
        if not deposit.get("DOI"):
            continue
        item = work_item(
            deposit["DOI"],
            [deposit.get("author") or "Anon"],
            int(deposit.get("year") or 2000),
            deposit.get("journal-title") or "",
            volume=deposit.get("volume"),
            page=deposit.get("first-page"),
            title=f"Invented title of {deposit['key']}",
        )
        if deposit["DOI"] == SEED_RETRACTED:
            item["updated-by"] = [
                update("retraction", "10.18632/notice.1", (2020, 6, 30), "retraction-watch")
            ]
        if deposit["DOI"] == SEED_CORRECTED:
            item["updated-by"] = [update("correction", "10.1016/notice.2", (2007, 1, 9))]
        records.append(item)
    return records


def test_the_seed_after_fill_references(tmp_path: Path, httpserver: HTTPServer) -> None:
    from reflink.enrich import fill_references
    from reflink.ingest import ingest_file

    db_path = tmp_path / "seed.db"
    ingest_file(Path(__file__).parent.parent / "refs" / "alk-ros1-review.txt", db_path)
    work = SEED_FIXTURE.read_text()
    httpserver.expect_request(f"/works/{SEED_DOI}").respond_with_data(
        work, content_type="application/json"
    )
    records = seed_records(json.loads(work)["message"]["reference"])
    works = WorkCatalogue(records)
    httpserver.expect_request("/works").respond_with_handler(works.handler)
    fill_references(db_path, client=client(httpserver))
    before = refs(db_path)
    with_doi = [r for r in before.values() if r["doi"]]

    summary = check_sources(db_path, client=client(httpserver))

    after = refs(db_path)
    assert summary.sources == len(with_doi) == len(records) > 100
    # 50 DOIs a request
    assert summary.requests == len(works.asked) == -(-len(with_doi) // 50)
    assert (summary.unknown, summary.failed, summary.disagreeing) == (0, 0, 0)
    assert summary.statuses.count("retraction") == 1
    assert summary.summary().startswith(
        f"{len(with_doi)} sources checked: 1 retracted, 1 corrected; "
        f"{len(with_doi)} entries completed; "
    )
    assert (after[1]["update_status"], after[1]["update_date"]) == ("retraction", "2020-06-30")
    assert after[2]["update_status"] == "correction"
    # the entry the extract cut (133) gets the title it never printed; what it printed stays
    assert after[133]["title"] == "Invented title of c9ra02258a-(cit133)"
    for number, row in before.items():
        for column in ("raw", "authors", "journal", "year", "volume", "pages", "doi"):
            assert after[number][column] == row[column], (number, column)
    # the claims citing [1] show it retracted
    result = CliRunner().invoke(cli, ["lookup", "--ref", "1", "--db", str(db_path)])
    assert result.exit_code == 0, result.output
    mark = "RETRACTED 2020-06-30 (notice doi:10.18632/notice.1)"
    assert result.output.count(mark) == result.output.count("[1] ") >= 2
    report = CliRunner().invoke(cli, ["report", "--db", str(db_path)])
    assert report.output.splitlines()[0].endswith(
        f"; {len(with_doi)} sources checked: 1 retracted, 1 corrected"
    )


def test_cli_json_is_the_summary_as_one_object(
    review: Path, httpserver: HTTPServer, crossref: WorkCatalogue
) -> None:
    args = ["check-sources", "--db", str(review), "--crossref-url", httpserver.url_for("/")]
    result = CliRunner().invoke(cli, [*args, "--json"])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert (summary["sources"], summary["checked"]) == (8, 8)
    assert summary["flagged"] == {"correction": 1, "expression_of_concern": 1, "retraction": 2}
    assert summary["summary"].startswith("8 sources checked: 2 retracted, 1 expression of concern")
    assert summary["database"] == str(review)
    again = json.loads(CliRunner().invoke(cli, [*args, "--json"]).stdout)
    assert (again["requests"], again["from_cache"]) == (0, 8)
