"""Validation of Crossref candidates: what is accepted, what is rejected, and why."""

from __future__ import annotations

import pytest

from crossref_fakes import work_item
from reflink.matching import (
    Reference,
    abbreviates,
    candidate_from_item,
    compare_deposit,
    match_reference,
    normalised_score,
)

GADGEEL_TEXT = (
    "S. M. Gadgeel, L. Gandhi, G. J. Riely, A. A. Chiappori, H. L. West, M. C. Azada, "
    "P. N. Morcos, R. M. Lee, L. Garcia and L. J. Yu, Lancet Oncol., 2014, 15, 1119–1128."
)
GADGEEL = Reference(text=GADGEEL_TEXT)
AUTHORS = ["Shirish M Gadgeel", "Leena Gandhi", "Gregory J Riely"]
ARTICLE = work_item(
    "10.1016/S1470-2045(14)70362-6",
    AUTHORS,
    2014,
    "The Lancet Oncology",
    short="Lancet Oncol",
    volume="15",
    page="1119-1128",
    title="Safety and activity of alectinib against systemic disease and brain "
    "metastases in patients with crizotinib-resistant ALK-rearranged NSCLC",
)
ERRATUM = work_item(
    "10.1016/S1470-2045(14)71010-1",
    ["Shirish M Gadgeel"],
    2015,
    "The Lancet Oncology",
    short="Lancet Oncol",
    volume="16",
    page="e9",
    title="Correction to Lancet Oncol 2014; 15: 1119–28",
)
ABSTRACT = work_item(
    "10.1200/jco.2014.32.15_suppl.8049",
    AUTHORS,
    2014,
    "Journal of Clinical Oncology",
    short="JCO",
    volume="32",
    page="8049",
    title="Safety and activity of alectinib in crizotinib-resistant NSCLC",
)


def scored(item: dict, score: float) -> dict:
    return {**item, "score": score}


@pytest.mark.parametrize(
    ("short", "full", "expected"),
    [
        pytest.param("Lancet Oncol.", "The Lancet Oncology", True, id="leading-the"),
        pytest.param("N. Engl. J. Med.", "New England Journal of Medicine", True, id="initials"),
        pytest.param("J. Clin. Oncol.", "Journal of Clinical Oncology", True, id="of-dropped"),
        pytest.param(
            "Cancer Chemother. Pharmacol.",
            "Cancer Chemotherapy and Pharmacology",
            True,
            id="and-dropped",
        ),
        pytest.param(
            "J. Natl. Cancer Inst.",
            "Journal of the National Cancer Institute",
            True,
            id="contraction",
        ),
        pytest.param("Lancet Oncol.", "Lancet", False, id="parent-journal"),
        pytest.param("Clin. Cancer Res.", "Cancer Research", False, id="different-journal"),
    ],
)
def test_abbreviates(short: str, full: str, expected: bool) -> None:
    assert abbreviates(short, full) is expected


def test_article_accepted_erratum_and_abstract_rejected() -> None:
    items = [scored(ERRATUM, 80.0), scored(ARTICLE, 78.0), scored(ABSTRACT, 60.0)]
    result = match_reference(GADGEEL, items)
    assert result.outcome == "matched"
    assert result.doi == ARTICLE["DOI"]
    by_doi = {j.candidate.doi: j for j in result.judgements}
    assert by_doi[ARTICLE["DOI"]].chosen
    assert by_doi[ARTICLE["DOI"]].reason.startswith("agree: year, volume, first_page, first_author")
    erratum = by_doi[ERRATUM["DOI"]]
    assert erratum.decision == "rejected"
    assert "year 2015 ≠ 2014" in erratum.reason
    assert "volume 16 ≠ not printed" in erratum.reason
    abstract = by_doi[ABSTRACT["DOI"]]
    assert abstract.decision == "rejected"
    assert "volume 32" in abstract.reason and "first page 8049" in abstract.reason
    assert erratum.evidence()["year"] == {
        "verdict": "disagree",
        "printed": "2014",
        "crossref": "2015",
    }


def test_absent_work_stays_unmatched() -> None:
    # Crossref always answers something: here only the same team's other papers
    result = match_reference(GADGEEL, [scored(ERRATUM, 90.0), scored(ABSTRACT, 70.0)])
    assert result.outcome == "rejected"
    assert result.doi is None
    assert not any(j.chosen for j in result.judgements)


def test_no_candidates() -> None:
    assert match_reference(GADGEEL, []).outcome == "no-candidates"


def test_low_normalised_score_is_rejected_even_when_fields_agree() -> None:
    score = 0.1 * len(GADGEEL_TEXT)
    result = match_reference(GADGEEL, [scored(ARTICLE, score)])
    assert result.outcome == "rejected"
    assert result.judgements[0].reason == "normalised score 0.10 < 0.2"
    assert normalised_score(score, GADGEEL_TEXT) == pytest.approx(0.1)


def test_two_records_that_validate_equally_are_ambiguous() -> None:
    duplicate = {**ARTICLE, "DOI": "10.1016/S1470-2045(14)70362-6x"}
    result = match_reference(GADGEEL, [scored(ARTICLE, 80.0), scored(duplicate, 79.0)])
    assert result.outcome == "ambiguous"
    assert result.doi is None
    assert {j.decision for j in result.judgements} == {"ambiguous"}


def test_online_first_year_is_tolerated() -> None:
    online_first = work_item(
        "10.1016/j.lungcan.2017.11.002",
        ["Makoto Nishio"],
        2018,
        "Lung Cancer",
        volume="121",
        page="37-40",
        online_year=2017,
    )
    text = (
        "M. Nishio, K. Nakagawa, T. Mitsudomi, N. Yamamoto, T. Tanaka, H. Kuriki, A. Zeaiter "
        "and T. Tamura, Lung Cancer, 2018, 121, 37–40."
    )
    result = match_reference(Reference(text=text), [scored(online_first, 70.0)])
    assert result.outcome == "matched"


def test_parsed_fields_take_precedence_over_the_text() -> None:
    # a parser that read volume 15 and pages 1119–1128 compares those, not stray numbers
    ref = Reference(
        text=GADGEEL_TEXT,
        authors=("S. M. Gadgeel",),
        journal="Lancet Oncol.",
        year=2014,
        volume="15",
        pages="1119–1128",
    )
    assert match_reference(ref, [scored(ARTICLE, 80.0)]).doi == ARTICLE["DOI"]
    wrong_volume = Reference(text=GADGEEL_TEXT, year=2014, volume="16", pages="1119–1128")
    assert match_reference(wrong_volume, [scored(ARTICLE, 80.0)]).outcome == "rejected"


def test_first_author_must_be_among_the_first_words() -> None:
    other_team = {
        **ARTICLE,
        "author": [{"family": "Riely", "given": "Gregory J", "sequence": "first"}],
        "container-title": ["Lancet"],
        "short-container-title": [],
    }
    # Riely is printed, but third; and the journal does not fit: not enough to accept
    text = "S. M. Gadgeel, L. Gandhi, G. J. Riely, Lancet Oncol., 2014, 15, 1119–1128."
    other_team["author"][0]["family"] = "Shaw"
    result = match_reference(Reference(text=text), [scored(other_team, 80.0)])
    assert result.outcome == "rejected"
    assert "first author Shaw ≠ not printed" in result.judgements[0].reason


def test_misprinted_first_author_tolerated_when_all_numbers_and_journal_agree() -> None:
    # the seed prints "I. O. Sai-Hong" for the author Crossref lists as "Ou"
    text = (
        "I. O. Sai-Hong, K. R. Sommers, M. C. Azada and E. B. Garon, Oncologist, 2015, 20, 224–226."
    )
    item = work_item(
        "10.1634/theoncologist.2014-0309",
        ["Sai-Hong Ignatius Ou"],
        2015,
        "The Oncologist",
        volume="20",
        page="224-226",
    )
    result = match_reference(Reference(text=text), [scored(item, 60.0)])
    assert result.outcome == "matched"
    assert "first author differs; tolerated" in result.chosen.reason


def test_book_matched_by_title_year_and_author() -> None:
    text = (
        "W. D. Travis, E. Brambilla, A. P. Burke, A. Marx and A. G. Nicholson, WHO "
        "Classification of Tumours of the Lung, Pleura, Thymus and Heart, IARC, Lyon, 2015."
    )
    book = work_item(
        "10.1097/JTO.0000000000000663",
        ["William D Travis"],
        2015,
        "",
        title="WHO Classification of Tumours of the Lung, Pleura, Thymus and Heart",
        kind="book",
    )
    assert match_reference(Reference(text=text), [scored(book, 90.0)]).outcome == "matched"


def test_article_number_instead_of_pages() -> None:
    text = (
        "M. Protopapa, V. Kouloulias, S. Nikoloudi, C. Papadimitriou, G. Gogalis and "
        "A. Zygogianni, J. Oncol., 2019, 2019, 3267409."
    )
    item = work_item(
        "10.1155/2019/3267409", ["Maria Protopapa"], 2019, "Journal of Oncology", volume="2019"
    )
    item["article-number"] = "3267409"
    cand = candidate_from_item(item)
    assert cand.first_page == "3267409"
    assert match_reference(Reference(text=text), [scored(item, 50.0)]).outcome == "matched"


@pytest.mark.parametrize(
    ("text", "partial", "fields"),
    [
        pytest.param(GADGEEL_TEXT, False, [], id="agrees"),
        pytest.param(GADGEEL_TEXT.replace("2014", "2013"), False, ["year"], id="year-differs"),
        pytest.param(
            "J. Brahmer, K. L. Reckamp, P. Baas, L. Crinò,", True, [], id="cut-after-authors"
        ),
        pytest.param(" Ther., 2017, 34, 1145.", True, ["year"], id="tail-only-year-differs"),
    ],
)
def test_compare_deposit(text: str, partial: bool, fields: list[str]) -> None:
    deposit = {
        "key": "c9ra02258a-(cit101)",
        "author": "Gadgeel",
        "year": "2014",
        "volume": "15",
        "first-page": "1119",
        "journal-title": "Lancet Oncol.",
    }
    if "Brahmer" in text:
        deposit = {**deposit, "author": "Brahmer", "year": "2015"}
    if "Ther." in text:
        deposit = {**deposit, "year": "2016", "volume": "34", "first-page": "1145"}
    found = compare_deposit(Reference(text=text), None, deposit, partial=partial)
    assert [check.field for check in found] == fields


def test_compare_deposit_reports_a_different_doi() -> None:
    found = compare_deposit(
        Reference(text=GADGEEL_TEXT),
        "10.1039/c9ra02258a",
        {"author": "Gadgeel", "year": "2014", "DOI": "10.1016/x"},
    )
    assert [(c.field, c.printed, c.crossref) for c in found] == [
        ("doi", "10.1039/c9ra02258a", "10.1016/x")
    ]


def test_first_author_broken_at_a_line_end() -> None:
    text = "J. Kowal- ski, A. B. Nowak and C. Lis, Lung Cancer, 2016, 99, 12–19."
    item = work_item(
        "10.1016/j.lungcan.2016.06.001",
        ["Jan Kowalski", "Anna Nowak"],
        2016,
        "Lung Cancer",
        volume="99",
        page="12-19",
    )
    result = match_reference(Reference(text=text), [scored(item, 40.0)])
    assert result.outcome == "matched"
    assert result.chosen.check("first_author").verdict == "agree"


def test_early_release_id_printed_instead_of_pages() -> None:
    # the seed's entry 111 prints the article's early-release id where the pages go
    text = (
        "D. W. Kim, M. Tiseo, M. J. Ahn, K. L. Reckamp, K. H. Hansen, S. W. Kim, R. M. Huber, "
        "H. L. West, G. Hjm and M. J. Hochmair, J. Clin. Oncol., 2017, 35, JCO2016715904."
    )
    item = work_item(
        "10.1200/JCO.2016.71.5904",
        ["Dong-Wan Kim", "Marcello Tiseo"],
        2017,
        "Journal of Clinical Oncology",
        volume="35",
        page="2490-2498",
    )
    other = {**item, "DOI": "10.1200/JCO.2017.72.1111"}  # same fields, another id: not confirmed
    result = match_reference(Reference(text=text), [scored(item, 90.0), scored(other, 89.0)])
    assert result.outcome == "matched"
    assert result.doi == "10.1200/JCO.2016.71.5904"
    assert result.chosen.check("first_page").crossref == "DOI 10.1200/JCO.2016.71.5904"
