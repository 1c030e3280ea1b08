"""The shared reading of DOIs (and the other printed values) every stage and page uses."""

from __future__ import annotations

import pytest

from reflink.normalise import DOI_IN_TEXT, doi_url, normalise_doi
from reflink.web.plugins.reflink_links import doi_link

DOI = "10.1000/Fake.2019.07"

# Every spelling of a DOI a reader may paste or a list may store
DOI_FORMS = [
    pytest.param(DOI, id="bare"),
    pytest.param(f"DOI:{DOI}", id="DOI-colon"),
    pytest.param(f"doi: {DOI}", id="doi-colon-space"),
    pytest.param(f"https://doi.org/{DOI}", id="https-doi-org"),
    pytest.param(f"https://dx.doi.org/{DOI}", id="https-dx-doi-org"),
    pytest.param(f"http://doi.org/{DOI}", id="http-doi-org"),
    pytest.param(f"http://dx.doi.org/{DOI}", id="http-dx-doi-org"),
    pytest.param(f"  {DOI}\n", id="padded"),
]


@pytest.mark.parametrize("value", DOI_FORMS)
def test_normalise_doi_reads_every_form(value: str) -> None:
    assert normalise_doi(value) == DOI  # case kept: the comparison lowers both sides


@pytest.mark.parametrize("value", DOI_FORMS)
def test_the_link_plugin_and_the_normaliser_agree(value: str) -> None:
    # the canned query reads its box with normalise_doi: what the links accept, it finds
    assert doi_link(value) is not None
    assert f">{DOI}</a>" in str(doi_link(value))


@pytest.mark.parametrize(
    "value",
    [
        pytest.param("", id="empty"),
        pytest.param(None, id="none"),
        pytest.param("11.1000/x", id="not-a-doi-prefix"),
        pytest.param("10.12/x", id="registrant-too-short"),
        pytest.param("see 10.1000/x", id="words-before"),
        pytest.param("https://example.org/10.1000/x", id="other-host"),
    ],
)
def test_normalise_doi_refuses_what_is_not_a_doi(value: str | None) -> None:
    assert normalise_doi(value) is None
    assert value is None or doi_link(value) is None


@pytest.mark.parametrize(
    ("text", "doi"),
    [
        pytest.param("Fake J. 2019, 3, 1. doi:10.1000/xyz", "10.1000/xyz", id="doi-colon"),
        pytest.param(
            "Fake J. 2019. DOI: 10.21037/x.2018.10.12", "10.21037/x.2018.10.12", id="DOI-space"
        ),
        pytest.param("https://doi.org/ 10.1000/abc", "10.1000/abc", id="link-with-a-space"),
        pytest.param("2019;3:1. 10.1000/abc", "10.1000/abc", id="bare-in-text"),
    ],
)
def test_doi_in_text(text: str, doi: str) -> None:
    assert DOI_IN_TEXT.search(text).group("doi") == doi


def test_doi_url() -> None:
    assert doi_url(DOI) == f"https://doi.org/{DOI}"
    assert doi_url(None) is None


@pytest.mark.parametrize(
    ("text", "years"),
    [
        pytest.param("Darwin C. 1859. On the origin", ["1859"], id="nineteenth-century"),
        pytest.param("Fake J. 2019;3:1–9.", ["2019"], id="vancouver"),
        pytest.param("n = 120190 cells", [], id="inside-a-longer-number"),
        pytest.param("in 1750 and 2100", [], id="outside-1800-2099"),
    ],
)
def test_year_alone(text: str, years: list[str]) -> None:
    from reflink.normalise import YEAR_ALONE

    assert YEAR_ALONE.findall(text) == years


@pytest.mark.parametrize(
    ("pages", "first"),
    [
        pytest.param("1119–1128", "1119", id="en-dash"),
        pytest.param("1119-28", "1119", id="hyphen"),
        pytest.param("S31‒S44", "S31", id="figure-dash"),
        pytest.param("e0123", "e0123", id="article-number"),
        pytest.param("12, 15–17", "12", id="list"),
    ],
)
def test_first_page(pages: str, first: str) -> None:
    from reflink.normalise import first_page

    assert first_page(pages) == first


def test_every_stage_reads_pages_and_years_the_same_way() -> None:
    # the parser expands, BibTeX writes and the matcher compares one page range alike
    from reflink.bibtex import bibtex_pages
    from reflink.matching import _first_page
    from reflink.normalise import expand_pages

    printed = "1119‒28"  # a figure dash, as some PDFs print it
    assert expand_pages(printed) == "1119‒1128"
    assert bibtex_pages(expand_pages(printed)) == "1119--1128"
    assert _first_page(printed) == "1119"
