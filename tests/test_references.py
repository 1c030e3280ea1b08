"""The reference list: where it is, how it splits into entries, and each entry's fields."""

from __future__ import annotations

from pathlib import Path

import pytest

from reflink.models import FURNITURE, Line, RefEntry
from reflink.references import (
    detect_style,
    drop_leading_authors,
    expand_pages,
    join_lines,
    parse_entry_text,
    parse_references,
    split_authors_any,
    split_title_journal,
)
from reflink.textclean import clean_text, decode_text


def assert_fields(entry: RefEntry, fields: dict[str, object]) -> None:
    """Each named field of `entry` is as given (the field's name says which one differs)."""
    for name, value in fields.items():
        assert getattr(entry, name) == value, name


def lines_of(text: str, furniture: tuple[str, ...] = ()) -> list[Line]:
    """A small document as Lines; lines listed in `furniture` are marked as textclean would."""
    return [
        Line(
            number,
            raw,
            raw,
            FURNITURE if raw in furniture else ("blank" if not raw.strip() else "body"),
        )
        for number, raw in enumerate(text.split("\n"), start=1)
    ]


def by_number(entries: list[RefEntry]) -> dict[int, RefEntry]:
    return {entry.number: entry for entry in entries}


def read_list(*printed: str) -> dict[int, RefEntry]:
    """A list under a "References" heading, one printed line each → its entries by number."""
    return by_number(parse_references(lines_of("\n".join(["References", *printed])))[0])


# --- the seed ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed_entries(seed_path: Path) -> dict[int, RefEntry]:
    entries, _ = parse_references(clean_text(decode_text(seed_path.read_bytes())))
    return by_number(entries)


def test_seed_has_cut_entry_100_and_entries_101_to_133(seed_entries: dict[int, RefEntry]) -> None:
    assert sorted(seed_entries) == list(range(100, 134))


def test_seed_entry_100_is_the_cut_tail_before_101(seed_entries: dict[int, RefEntry]) -> None:
    entry = seed_entries[100]
    assert entry.partial
    assert entry.raw == "Ther., 2017, 34, 1145."
    assert entry.line == entry.line_end  # one line, so no body text is swallowed
    assert (entry.authors, entry.year, entry.volume, entry.pages) == ((), 2017, "34", "1145")


def test_seed_entry_101(seed_entries: dict[int, RefEntry]) -> None:
    entry = seed_entries[101]
    assert entry.authors[:2] == ("S. M. Gadgeel", "L. Gandhi")
    assert entry.authors[-1] == "L. J. Yu" and len(entry.authors) == 10
    assert (entry.journal, entry.year, entry.volume, entry.pages) == (
        "Lancet Oncol.",
        2014,
        "15",
        "1119–1128",
    )
    assert entry.title is None and entry.kind == "article"


def test_the_seed_list_read_alone_has_no_title_block(seed_path: Path) -> None:
    """The seed's list cut out of its document (lines 938–1260, as the refextract side by side
    reads it): its first lines ("101 S. M. Gadgeel, L. Gandhi, …" and the names after it)
    looked like a title block's author lines, and entries 101, 105 and 107 kept their first
    line alone. A text that opens with entries counting up is a list from its first line; the
    running head printed once inside it ("17930 | RSC Adv., …") no longer ends entry 102."""
    block = "\n".join(seed_path.read_text(encoding="utf-8").splitlines()[937:1260])
    entries = by_number(parse_references(clean_text(block))[0])
    for number, source in {
        101: ("Lancet Oncol.", 2014, "15", "1119–1128"),
        102: ("Cancer Chemother. Pharmacol.", 2014, "74", "1023–1028"),
        105: ("N. Engl. J. Med.", 2017, "377", "829–838"),
        107: ("J. Clin. Oncol.", 2016, "34", "661–668"),
    }.items():
        entry = entries[number]
        assert (entry.journal, entry.year, entry.volume, entry.pages) == source


def test_numbered_affiliations_at_the_top_are_no_list() -> None:
    """Affiliations count up under a title as entries do ("1 Department of …", "2 …"); they
    hold no year, so the title block stays what it is."""
    text = (
        "An invented review of kinase fusions\n"
        "Ada Okafor 1, Ben Lindqvist 2, Cy Moreau 3\n"
        "1 Department of Oncology, Invented University, Oslo, Norway\n"
        "2 Institute of Pathology, Fake College, Lyon, France\n"
        "3 School of Medicine, Example University, Porto, Portugal\n"
        "\n"
        "Kinase fusions drive a share of lung tumours, as trials showed.1\n"
    )
    kinds = [line.kind for line in clean_text(text)]
    assert kinds[:5] == ["front"] * 5


def test_seed_full_entries_have_authors_journal_year_volume_pages(
    seed_entries: dict[int, RefEntry],
) -> None:
    web_or_cut = {104, 114, 119, 132, 133}
    for number in set(range(101, 134)) - web_or_cut:
        entry = seed_entries[number]
        assert entry.authors and entry.journal and entry.year and entry.volume and entry.pages, (
            number
        )


@pytest.mark.parametrize("number", [104, 114])
def test_seed_web_entries_rejoin_their_url(seed_entries: dict[int, RefEntry], number: int) -> None:
    entry = seed_entries[number]
    assert entry.kind == "web" and entry.year == 2017
    assert entry.url.startswith("https://www.cancer.gov/news-events/cancer-currents-blog/2017/")
    assert " " not in entry.url


def test_seed_missing_spaces_in_names(seed_entries: dict[int, RefEntry]) -> None:
    # "P. N.Morcos and T.Mok,N. Engl. J. Med."
    entry = seed_entries[105]
    assert entry.authors[-2:] == ("P. N. Morcos", "T. Mok")
    assert entry.journal == "N. Engl. J. Med."


def test_seed_article_number_as_pages(seed_entries: dict[int, RefEntry]) -> None:
    assert seed_entries[111].pages == "JCO2016715904"


def test_seed_doi_split_after_label(seed_entries: dict[int, RefEntry]) -> None:
    entry = seed_entries[119]
    assert entry.doi == "10.21037/cco.2018.10.12"
    assert (entry.journal, entry.year) == ("Chin. J. Clin. Oncol.", 2018)


def test_seed_press_release(seed_entries: dict[int, RefEntry]) -> None:
    entry = seed_entries[132]
    assert entry.kind == "press"
    assert entry.title == "FDA expands approved use of Opdivo to treat lung cancer"
    assert entry.journal == "Press release of the Food and Drug Administration"
    assert entry.url == "http://www.fda.gov/newsevents/newsroom/pressannouncements/ucm436534.htm"
    assert entry.year == 2015


def test_seed_last_entry_cut_after_its_authors(seed_entries: dict[int, RefEntry]) -> None:
    entry = seed_entries[133]
    assert entry.authors[:3] == ("J. Brahmer", "K. L. Reckamp", "P. Baas")
    assert entry.year is None and entry.journal is None
    assert entry.partial  # the file ends on "L. Crinò,"


def test_seed_accented_and_particle_names(seed_entries: dict[int, RefEntry]) -> None:
    assert "L. De Petris" in seed_entries[107].authors
    assert "J. von Pawel" in seed_entries[131].authors
    assert "F. De Marinis" in seed_entries[131].authors
    assert "G. R. Blumenschein Jr" in seed_entries[127].authors


def test_seed_entries_carry_no_furniture(seed_entries: dict[int, RefEntry]) -> None:
    for entry in seed_entries.values():
        for furniture in (
            "This journal is",
            "RSC Adv.",
            "View Article Online",
            "Open Access",
            "creativecommons",
            "Review RSC Advances",
        ):
            assert furniture not in entry.raw, (entry.number, furniture)
    # the entry that spans the watermark and the page break ends before them
    assert seed_entries[116].raw.endswith("Lung Cancer, 2018, 121, 37–40.")
    assert seed_entries[117].raw.startswith("T. Hida, H. Nokihara")


# --- locating and splitting ----------------------------------------------------------------

RSC_LIST = """\
we discuss treatment options below.
1 Introduction
Targeted therapy is standard.
References
1 A. B. Smith, C. D. Jones and E. Brown, J. Imag. Oncol., 2011, 12,
345–350.
Journal of Made-Up Results, 2020, 4, 1–10 | 3
2 F. Green, Imag. Lett., 2012, 3, 77–79.
Journal of Made-Up Results, 2020, 4, 1–10 | 4
4 G. Black and H. White, Acta Imag., 2013, 8, 1001–1009.
Acknowledgements
We thank the funders."""


FOOT = (
    "Journal of Made-Up Results, 2020, 4, 1–10 | 3",
    "Journal of Made-Up Results, 2020, 4, 1–10 | 4",
)


def test_list_after_heading_skips_page_furniture_and_a_missing_number() -> None:
    entries, problems = parse_references(lines_of(RSC_LIST, furniture=FOOT))
    found = by_number(entries)
    assert sorted(found) == [1, 2, 4]
    assert (
        found[1].raw == "A. B. Smith, C. D. Jones and E. Brown, J. Imag. Oncol., 2011, 12, 345–350."
    )
    assert found[1].line_end == 6  # the running foot on line 7 is not part of it
    assert found[4].line_end == 10  # stops before "Acknowledgements"
    assert problems == []


def test_running_foot_textclean_missed_is_dropped_by_its_repetition() -> None:
    # the foot is also printed on a body page ("| 2"), so inside the list it is furniture
    text = "Journal of Made-Up Results, 2020, 4, 1–10 | 2\n" + RSC_LIST
    found = by_number(parse_references(lines_of(text))[0])
    assert "Made-Up Results" not in found[1].raw + found[2].raw


@pytest.mark.parametrize(
    "label",
    [
        pytest.param("{n} ", id="bare"),
        pytest.param("{n}. ", id="dotted"),
        pytest.param("[{n}] ", id="bracketed"),
    ],
)
def test_label_forms_without_heading(label: str) -> None:
    body = "Body text with a number 3 in it.\n"
    refs = "\n".join(
        label.format(n=n) + f"Q. Author{n}, Made Up J., 20{10 + n}, {n}, {n}1–{n}9."
        for n in range(1, 6)
    )
    entries, _ = parse_references(lines_of(body + refs))
    assert [entry.number for entry in entries] == [1, 2, 3, 4, 5]
    assert entries[2].authors == ("Q. Author3",) and entries[2].year == 2013


def test_label_alone_on_its_line() -> None:
    # two-column extraction can leave "[3]" on a line of its own, the entry on the next
    text = "References\n[1]\nA. Bee, “On bees,” Fake Lett, vol. 2, pp. 9–12, 2007.\n[2]\n"
    text += "C. Dee, “On wasps,” Fake Lett, vol. 3, pp. 1–5, 2008."
    entries, _ = parse_references(lines_of(text))
    assert [(e.number, e.line, e.line_end) for e in entries] == [(1, 2, 3), (2, 4, 5)]
    assert entries[1].authors == ("C. Dee",) and entries[1].volume == "3"


def test_table_inside_the_list_is_not_part_of_an_entry() -> None:
    text = """\
References
1. Kim J, Park S. A made-up study of things. Imag J. 2010;3:11–9.
2. Lee H, Cho Y. Another invented study. Fake Med. 2011;4:20–8.
Table 2 Primers used in this made-up study
Target Sequence
GENE1 ACGTACGTACGT
3. Han D. The third invented study. Fake Med. 2012;5:30–9."""
    entries, _ = parse_references(lines_of(text))
    found = by_number(entries)
    assert found[2].raw == "Lee H, Cho Y. Another invented study. Fake Med. 2011;4:20–8."
    assert found[3].title == "The third invented study"


def test_numbered_sections_are_not_a_reference_list() -> None:
    text = "1 Introduction\nSome text.\n2 Methods\nMore text.\n3 Results\nEnd."
    assert parse_references(lines_of(text)) == ([], [])


def test_cut_entry_before_the_first_label_is_kept_partial() -> None:
    text = (
        "the last sentence of the body.\n Pharm. Rev., 2016, 11, 901.\n"
        "41 Z. Q. Wu, Cell Stuff, 2017, 2, 5–9.\n42 Y. Lu, Cell Stuff, 2018, 3, 1–4."
    )
    entries, problems = parse_references(lines_of(text))
    assert [(e.number, e.partial) for e in entries] == [(40, True), (41, False), (42, False)]
    assert entries[0].line == entries[0].line_end == 2
    assert (entries[0].year, entries[0].volume, entries[0].pages) == (2016, "11", "901")
    assert problems and problems[0].line == 2 and problems[0].stage == "references"


# --- joining lines -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("parts", "joined"),
    [
        pytest.param(
            ["doi:10.1371/jour-", "nal.pone.0000001"],
            "doi:10.1371/journal.pone.0000001",
            id="doi-broken-with-typesetter-hyphen",
        ),
        pytest.param(
            ["https://doi.org/10.1016/S0000-", "0000(99)00001-2"],
            "https://doi.org/10.1016/S0000-0000(99)00001-2",
            id="doi-broken-at-its-own-hyphen",
        ),
        pytest.param(
            ["http://example.org/article-ii-", "definitions/"],
            "http://example.org/article-ii-definitions/",
            id="url-broken-at-its-own-hyphen",
        ),
        pytest.param(
            ["https://doi.", "org/10.1000/abc"],
            "https://doi.org/10.1000/abc",
            id="url-broken-at-dot",
        ),
        pytest.param(
            ["Fake cohort? https:", "//www.example.org/guidelines/808 (2003)."],
            "Fake cohort? https://www.example.org/guidelines/808 (2003).",
            id="url-broken-after-its-scheme",
        ),
        pytest.param(
            ["http://example.org/a/", "b_c.html"],
            "http://example.org/a/b_c.html",
            id="url-broken-at-slash",
        ),
        pytest.param(
            ["Smith, A. and Tol-", "bert, J."], "Smith, A. and Tolbert, J.", id="hyphenated-word"
        ),
        pytest.param(["A. Moro-", "Sibilot"], "A. Moro-Sibilot", id="real-hyphen-before-capital"),
        pytest.param(
            ["Transcriptional control of human p53-", "regulated genes."],
            "Transcriptional control of human p53-regulated genes.",
            id="hyphen-after-a-digit-joins-a-compound",
        ),
        pytest.param(["Blood 2012;119:1145-", "50."], "Blood 2012;119:1145-50.", id="page-range"),
        pytest.param(
            ["2018;340(10):2295–9. doi: 10.1056/NEJ-", "Moa9936397"],
            "2018;340(10):2295–9. doi: 10.1056/NEJMoa9936397",
            id="doi-hyphenated-before-a-capital",
        ),
        pytest.param(
            ["https://doi.org/10.1175/JCLI-", "D-11-00015.1 (2012)."],
            "https://doi.org/10.1175/JCLI-D-11-00015.1 (2012).",
            id="doi-broken-at-its-own-hyphen-before-a-capital",
        ),
        pytest.param(
            ["cancer. https://www.ema.eu", "ropa.eu/en/documents/x (2020)."],
            "cancer. https://www.ema.europa.eu/en/documents/x (2020).",
            id="url-broken-inside-its-host",
        ),
        pytest.param(
            ["(https://www.who.int/publications/multicentre-tox", "icity-after-egfr), 2012."],
            "(https://www.who.int/publications/multicentre-toxicity-after-egfr), 2012.",
            id="url-broken-inside-its-last-part",
        ),
        pytest.param(
            ["https://www.who.int/report", "Accessed 3 May 2019."],
            "https://www.who.int/report Accessed 3 May 2019.",
            id="url-then-a-word",
        ),
        pytest.param(
            ["https://www.who.int/report", "12.05.2023; doi:10.1000/x"],
            "https://www.who.int/report 12.05.2023; doi:10.1000/x",
            id="url-then-a-date",
        ),
        pytest.param(
            ["Epigenetic T-", "cell exhaustion; NF-", "kB activity"],
            "Epigenetic T-cell exhaustion; NF-kB activity",
            id="capital-before-the-hyphen-makes-a-compound",
        ),
        pytest.param(
            ["the radiotherapy of tumour-", "infiltrating mice"],
            "the radiotherapy of tumour-infiltrating mice",
            id="two-words-whose-join-is-no-word",
        ),
        pytest.param(["Lancet Oncol.,", "2014, 15"], "Lancet Oncol., 2014, 15", id="plain-wrap"),
    ],
)
def test_join_lines(parts: list[str], joined: str) -> None:
    assert join_lines(parts) == joined


@pytest.mark.parametrize(
    ("printed", "full"),
    [
        pytest.param("1119–28", "1119–1128", id="abbreviated"),
        pytest.param("1119–1128", "1119–1128", id="full"),
        pytest.param("4410 -4419", "4410-4419", id="space-before-dash"),
        pytest.param("e1234", "e1234", id="article-id"),
        pytest.param("S31–S44", "S31–S44", id="supplement-letters"),
        pytest.param("95–102", "95–102", id="crossing-a-hundred"),
        pytest.param("3081–7", "3081–3087", id="one-digit"),
    ],
)
def test_expand_pages(printed: str, full: str) -> None:
    assert expand_pages(printed) == full


# --- fields, style by style (strings invented for each failure class) ------------------------


@pytest.mark.parametrize(
    ("text", "fields"),
    [
        pytest.param(
            "A. B. Smith, C. Jones and D. E. van der Berg, J. Made-up Chem., 2014, 15, 1119–1128.",
            {
                "authors": ("A. B. Smith", "C. Jones", "D. E. van der Berg"),
                "journal": "J. Made-up Chem.",
                "year": 2014,
                "volume": "15",
                "pages": "1119–1128",
                "title": None,
            },
            id="rsc",
        ),
        pytest.param(
            "Smith AB, de Jong C, et al. A title: with a colon. J Name. "
            "2014;15(2):1119–28. doi:10.1000/xyz.1",
            {
                "authors": ("Smith AB", "de Jong C"),
                "title": "A title: with a colon",
                "journal": "J Name",
                "year": 2014,
                "volume": "15",
                "pages": "1119–1128",
                "doi": "10.1000/xyz.1",
            },
            id="vancouver",
        ),
        pytest.param(
            "Smith AB, Jones C. Title of a thing. Fake J. 2014; 15: "
            "1119-1128. https://doi.org/10.1000/q-1 PMID: 123",
            {
                "authors": ("Smith AB", "Jones C"),
                "journal": "Fake J",
                "volume": "15",
                "pages": "1119-1128",
                "doi": "10.1000/q-1",
                "url": None,
            },
            id="vancouver-spaced-with-doi-link-and-pmid",
        ),
        pytest.param(
            "A. B. Smith, C. Jones, and D. Lee, “A made-up title,” Fake "
            "Trans, vol. 15, pp. 1119–1128, 2014.",
            {
                "authors": ("A. B. Smith", "C. Jones", "D. Lee"),
                "title": "A made-up title",
                "journal": "Fake Trans",
                "volume": "15",
                "pages": "1119–1128",
                "year": 2014,
            },
            id="ieee",
        ),
        pytest.param(
            "Smith, A. B., Jones, C. & Lee, D. A made-up title on cells. "
            "Fake Cell Biol. 15, 1119–1128 (2014).",
            {
                "authors": ("Smith, A. B.", "Jones, C.", "Lee, D."),
                "title": "A made-up title on cells",
                "journal": "Fake Cell Biol.",
                "volume": "15",
                "pages": "1119–1128",
                "year": 2014,
            },
            id="nature",
        ),
        pytest.param(
            "Smith, A. B. et al. Invented results in mice. Proc. Fake "
            "Acad. Sci. USA 15, 11–19 (2014).",
            {
                "authors": ("Smith, A. B.",),
                "title": "Invented results in mice",
                "journal": "Proc. Fake Acad. Sci. USA",
                "year": 2014,
            },
            id="nature-et-al",
        ),
        pytest.param(
            "Smith AB, Jones C (2014) A made-up title. Fake J 15: 1119–1128.",
            {
                "authors": ("Smith AB", "Jones C"),
                "title": "A made-up title",
                "journal": "Fake J",
                "volume": "15",
                "pages": "1119–1128",
                "year": 2014,
            },
            id="old-plos-paren",
        ),
        pytest.param(
            "Smith,A.B., Jones,C. and Lee,D.E. (2014) A made-up title. "
            "Fake Acids Res., 15, D11-D19.",
            {
                "authors": ("Smith,A.B.", "Jones,C.", "Lee,D.E."),
                "title": "A made-up title",
                "journal": "Fake Acids Res.",
                "volume": "15",
                "pages": "D11-D19",
            },
            id="nar",
        ),
        pytest.param(
            "Smith, A. B., Jones, C., and Lee, D. E. (1987) J. Fake Chem. 262, 4410 -4419",
            {
                "authors": ("Smith, A. B.", "Jones, C.", "Lee, D. E."),
                "title": None,
                "journal": "J. Fake Chem.",
                "volume": "262",
                "pages": "4410-4419",
                "year": 1987,
            },
            id="jbc-no-title",
        ),
        pytest.param(
            "Smith, A. B.; Jones, C.; Lee, D. A made-up synthesis of things. J. Am. Fake Soc. "
            "2014, 136, 1119–1128.",
            {
                "authors": ("Smith, A. B.", "Jones, C.", "Lee, D."),
                "title": "A made-up synthesis of things",
                "journal": "J. Am. Fake Soc.",
                "year": 2014,
                "volume": "136",
                "pages": "1119–1128",
            },
            id="acs",
        ),
        pytest.param(
            "Okafor, N. A made-up synthesis by one author. J. Am. Fake Soc. 2015, 137, 88–95.",
            {
                "authors": ("Okafor, N.",),
                "title": "A made-up synthesis by one author",
                "journal": "J. Am. Fake Soc.",
                "year": 2015,
                "volume": "137",
                "pages": "88–95",
            },
            id="acs-one-author",
        ),
        pytest.param(
            "A.B. Smith, C. Jones, D. Lee, A made-up study, with a comma, J. Fake Chem. 15 (2014) "
            "1119–1128.",
            {
                "authors": ("A.B. Smith", "C. Jones", "D. Lee"),
                "title": "A made-up study, with a comma",
                "journal": "J. Fake Chem.",
                "year": 2014,
                "volume": "15",
                "pages": "1119–1128",
            },
            id="elsevier",
        ),
        pytest.param(
            # Cambridge's numeric style: Elsevier's source, but the title ends at a full stop
            "E. Nuñez, H. von Arnim, & H. C. García-López, Lichen growth on granite: results from "
            "a cold-wind trial. N Engl J Lichenol, 282 (2011) 8102–8125.",
            {
                "authors": ("E. Nuñez", "H. von Arnim", "H. C. García-López"),
                "title": "Lichen growth on granite: results from a cold-wind trial",
                "journal": "N Engl J Lichenol",
                "year": 2011,
                "volume": "282",
                "pages": "8102–8125",
            },
            id="elsevier-title-ended-by-a-full-stop",
        ),
        pytest.param(
            "A.B. Smith, C. Jones, ‘Lichen growth on granite’, J. Fake Chem. 15 (2014) 1119–1128.",
            {"title": "Lichen growth on granite", "journal": "J. Fake Chem."},
            id="elsevier-title-in-quotes",
        ),
        pytest.param(
            # the Journal of Thermal Spray Technology: a title in title case, a journal with a
            # small letter, and "p" before the pages
            "L. Almeida, T. Müller, and C. Müller, Lichen Growth on Granite in Cold Winds, "
            "eLife, 2005, 381, p 4128–4143.",
            {
                "title": "Lichen Growth on Granite in Cold Winds",
                "journal": "eLife",
                "volume": "381",
                "pages": "4128–4143",
            },
            id="rsc-title-in-title-case",
        ),
        pytest.param(
            # Anticancer Research: the last two names joined by "and", a particle in the last
            "Weber X, Torres A, Sørensen X and van Dijk T: Lichen growth on granite: a "
            "systematic review. Lichenologist 217: 1175–1199, 2016.",
            {
                "authors": ("Weber X", "Torres A", "Sørensen X", "van Dijk T"),
                "title": "Lichen growth on granite: a systematic review",
                "journal": "Lichenologist",
                "volume": "217",
            },
            id="vancouver-last-two-names-joined-by-and",
        ),
        pytest.param(
            # ACM SIGCHI's source: volume, issue, a colon and the pages, no second year
            "Fatima Costa and Claire Wei di Marco. 2023. Lichen growth on granite: a field "
            "study. Lichenologist 2, 18: 4033–4038.",
            {
                "authors": ("Fatima Costa", "Claire Wei di Marco"),
                "journal": "Lichenologist",
                "year": 2023,
                "volume": "2",
                "pages": "4033–4038",
            },
            id="acm-volume-issue-colon-pages",
        ),
        pytest.param(
            # Histopathology's "Journal year; volume; pages"
            "Das D, Silva E, Jensen S, et al. Lichen growth on granite: a field study. eLife "
            "2022; 273; 998344.",
            {"journal": "eLife", "year": 2022, "volume": "273", "pages": "998344"},
            id="vancouver-year-volume-pages-by-semicolons",
        ),
        pytest.param(
            # Periodontology 2000's "Journal year: volume: pages"
            "Fischer DD, Nguyen M-L, Weber I. Lichen growth on granite. Lichenologist 2025: "
            "346: 2624–2637.",
            {"journal": "Lichenologist", "year": 2025, "volume": "346", "pages": "2624–2637"},
            id="vancouver-year-volume-pages-by-colons",
        ),
        pytest.param(
            # RSC's order without spaces, read alone (no rule reads the entry whole, the field
            # model does): its year had been taken for the volume
            "Lee E. Lichen growth on granite: results from a field trial. Ann Lichen Med, "
            "2023,217,3549–71.",
            {"year": 2023, "volume": "217", "pages": "3549–3571"},
            id="year-volume-pages-without-spaces",
        ),
        pytest.param(
            # Drug Testing and Analysis: RSC's source, the title ended by a full stop
            "S. García-López, S. M. Li, H. O’Neill. Lichen growth on granite in cold winds. "
            "Journal of Lichenology, 2002, 274, 8754–8762.",
            {
                "title": "Lichen growth on granite in cold winds",
                "journal": "Journal of Lichenology",
            },
            id="rsc-title-ended-by-a-full-stop",
        ),
        pytest.param(
            # the Journal of Combinatorics' "Journal. 314 2491–503": volume and pages spaced
            "Çelik, N, Kowalski, T and Costa, D (2025 ). Lichen growth on granite (the alpine "
            "study). Lichenologist. 314 2491–503",
            {"journal": "Lichenologist", "volume": "314", "pages": "2491–2503"},
            id="volume-and-pages-parted-by-a-space",
        ),
    ],
)
def test_fields_by_style(text: str, fields: dict[str, object]) -> None:
    entry = parse_entry_text(text)
    assert_fields(entry, fields)


@pytest.mark.parametrize(
    ("text", "fields"),
    [
        pytest.param(
            "Doe J. Where do cells go? And why?. Fake J. 2001;3:1–9.",
            {"title": "Where do cells go? And why?", "journal": "Fake J"},
            id="vancouver-title-of-questions",
        ),
        pytest.param(
            "Roe K. Tissue growth: a trend? Commentary. Growth. 1999;5:10–20.",
            {"title": "Tissue growth: a trend? Commentary", "journal": "Growth"},
            id="vancouver-full-word-sentence-before-journal",
        ),
        pytest.param(
            "Roe K, Poe L. Tissue growth in vitro. Fake J. 2007;In press:.",
            {"authors": ("Roe K", "Poe L"), "journal": "Fake J", "volume": "In press"},
            id="vancouver-volume-in-press",
        ),
        pytest.param(
            "Dee C. Made-up report on things. 2010.",
            {"authors": ("Dee C",), "title": "Made-up report on things", "year": 2010},
            id="vancouver-book",
        ),
        pytest.param(
            "Counts of things: 1990 to 2000. A made-up report. 2003.",
            {
                "authors": (),
                "year": 2003,
                "title": "Counts of things: 1990 to 2000. A made-up report",
            },
            id="vancouver-no-authors-year-at-end",
        ),
        pytest.param(
            "Roe K, Poe L. (1999) Made-up bees. London: Fake Press. 208 p.",
            {"title": "Made-up bees. London: Fake Press", "year": 1999, "kind": "book"},
            id="paren-book-with-page-count",
        ),
        pytest.param(
            "Roe K. Made-up trial. Fake J. 2014 Jan-Feb;15(1):11–9. Epub 2013 Dec 2.",
            {"journal": "Fake J", "year": 2014, "volume": "15", "pages": "11–19"},
            id="vancouver-month-range-and-epub",
        ),
        pytest.param(
            "A. Bee and C. Dee, Fake Chem. Sci., 2015, 6(2), 301–309.",
            {"journal": "Fake Chem. Sci.", "volume": "6", "pages": "301–309"},
            id="rsc-volume-with-issue",
        ),
        pytest.param(
            "Lam KW-Y, Ho VS-T, Ng C-H. Made-up viral loads. Fake Hepatol. 2011;5:1–9.",
            {"authors": ("Lam KW-Y", "Ho VS-T", "Ng C-H"), "journal": "Fake Hepatol"},
            id="vancouver-hyphenated-initials",
        ),
        pytest.param(
            "Doe J. A made-up report on things. Springfield: Fake Bureau; 2016 Dec.",
            {"authors": ("Doe J",), "year": 2016},
            id="vancouver-report-year-and-month-at-end",
        ),
        pytest.param(
            "Doe J. Made-up tables. Fake Bureau; 2020 Feb. Report No.: XY 871943.",
            {"year": 2020},
            id="report-number-is-not-a-year",
        ),
        pytest.param(
            "Roe K, Poe L, et al. Made-up kinases block things; Fake Proceedings, 12(4), 1–9.",
            {"authors": ("Roe K", "Poe L"), "title": "Made-up kinases block things"},
            id="vancouver-names-with-an-unknown-source",
        ),
        pytest.param(
            "A. Bee, C. Dee et al., J Fake Res.",
            {"authors": ("A. Bee", "C. Dee"), "journal": "J Fake Res.", "year": None},
            id="rsc-no-year-volume-or-pages",
        ),
        pytest.param(
            "A. Bee, “A study of bees,” Fake Lett, vol. , pp. , 1999.",
            {"title": "A study of bees", "journal": "Fake Lett", "year": 1999, "volume": None},
            id="ieee-empty-volume-and-pages",
        ),
        pytest.param(
            "C. Dee and E. Eff, Fields of study. 1990.",
            {"authors": ("C. Dee", "E. Eff"), "title": "Fields of study", "year": 1990},
            id="ieee-book-without-quotes",
        ),
        pytest.param(
            "A. Bee, “On bees,” Fake Lett, vol. 2, pp. 9, 2007. [Online]. Available: "
            "http://example.org/bees.pdf",
            {"journal": "Fake Lett", "volume": "2", "url": "http://example.org/bees.pdf"},
            id="ieee-online-available",
        ),
        pytest.param(
            "A. Bee, “On wasps,” Fake Lett, vol. 3, pp. e12, 2004, doi: 10.1000/wasp.12.",
            {"journal": "Fake Lett", "pages": "e12", "year": 2004, "doi": "10.1000/wasp.12"},
            id="ieee-trailing-doi",
        ),
        pytest.param(
            "Smith AB (2013) A made-up title. Fake Journal of Things 1:.",
            {"title": "A made-up title", "journal": "Fake Journal of Things", "volume": "1"},
            id="paren-empty-pages",
        ),
        pytest.param(
            "(2001) Report of a made-up panel.",
            {"authors": (), "year": 2001, "title": "Report of a made-up panel"},
            id="paren-no-authors",
        ),
        pytest.param(
            "Made-Up Institute, Made-Up Institute home page. http://example.org/",
            {
                "authors": ("Made-Up Institute",),
                "title": "Made-Up Institute home page",
                "url": "http://example.org/",
                "kind": "web",
            },
            id="rsc-web-page-without-year",
        ),
        pytest.param(
            "Roe K, Poe L. Fake results. Fake J. 2010;12:301–9. author reply 310–1.",
            {"journal": "Fake J", "volume": "12", "pages": "301–309"},
            id="vancouver-trailing-author-reply",
        ),
        pytest.param(
            "Roe K, Poe L. Fake results. Fake J. 2015; 31(7). https:// doi.org/10.1000/x.13",
            {"journal": "Fake J", "volume": "31", "doi": "10.1000/x.13"},
            id="vancouver-issue-without-pages-and-spaced-link",
        ),
        pytest.param(
            "Poe, A., Roe, B. & Doe, C. A made-up atlas, Vol. 5. (Fake Press, 2009).",
            {"authors": ("Poe, A.", "Roe, B.", "Doe, C."), "year": 2009},
            id="nature-book-with-publisher",
        ),
        pytest.param(
            "van 't Hoff, J. H. et al. Made-up profiling. Nature 399, 120–126 (2001).",
            {"authors": ("van 't Hoff, J. H.",), "volume": "399", "pages": "120–126"},
            id="nature-particle-with-apostrophe",
        ),
        pytest.param(
            "Berg, E. van der, Souza, B. de & Kim, A. Made-up kinases. Fake J. 74, 9–17 (2017).",
            {"authors": ("Berg, E. van der", "Souza, B. de", "Kim, A."), "volume": "74"},
            id="nature-particles-after-initials",
        ),
        pytest.param(
            "Berg, E. van der et al. Made-up kinases. Fake J. 74, 9–17 (2017).",
            {"authors": ("Berg, E. van der",), "year": 2017},
            id="nature-particle-after-initials-then-et-al",
        ),
        pytest.param(
            "NGUYEN, H. et al. Invented kinases? Disponível em: <https://example.org/r/4>. "
            "Acesso em: 19 jul. 2024.",
            {"url": "https://example.org/r/4", "title": "Invented kinases?", "year": None},
            id="abnt-web-page-in-angle-brackets-with-access-date",
        ),
        pytest.param(
            "Roe D, Poe OH. Invented kinases [homepage on the Internet]. 2008. [cited 2024 Jan "
            "11] Available from: (https://example.org/data/901).",
            {"url": "https://example.org/data/901", "year": 2008},
            id="vancouver-web-page-in-parentheses",
        ),
        pytest.param(
            "Roe D, Poe OH. Invented kinases in 68 patients [homepage on the Internet]. 2010. "
            "[cited 2024 Feb 11] Available from: https://example.org/data/1",
            {"title": "Invented kinases in 68 patients", "year": 2010},
            id="vancouver-homepage-on-the-internet",
        ),
        pytest.param(
            "Roe, A. Invented page (https://example.org/wiki/Foo_(bar)). 2019.",
            {"url": "https://example.org/wiki/Foo_(bar)", "year": 2019},
            id="address-in-parentheses-keeps-its-own",
        ),
        pytest.param(
            "A. Writer, Fake News Blog, 2009. http://example.org/post.html",
            {"authors": ("A. Writer",), "journal": "Fake News Blog", "year": 2009},
            id="rsc-blog-post",
        ),
    ],
)
def test_fields_of_awkward_entries(text: str, fields: dict[str, object]) -> None:
    # each as an entry of a list in its style: the rules' reading of a book or a report
    # there stands (alone, an entry no rule reads whole goes to the field model)
    entry = parse_entry_text(text, style_known=True)
    assert_fields(entry, fields)


def test_year_alone_on_a_line_is_not_a_page_number() -> None:
    # "8." in the body has the same digit shape as "1983.", which ends entry 1
    text = (
        "Body.\n8.\nReferences\n[1] P. Q. Rose, Old book of things.\n1983.\n"
        "[2] R. Stem, New book. 2001."
    )
    entries, _ = parse_references(lines_of(text))
    assert entries[0].raw == "P. Q. Rose, Old book of things. 1983."
    assert entries[0].year == 1983


def test_entry_tail_textclean_took_for_a_running_head_is_kept() -> None:
    # "Fake Dis, 2013, 7, e22." looks like "Journal, year, volume, page" furniture, but it is
    # printed once and only inside the list; the real running head repeats on every page
    head = "Fake Journal, 2012, 1, 11–20 | {}"
    text = "\n".join(
        [
            head.format(11),
            "Body text.",
            head.format(12),
            "References",
            "1 A. Bee and C. Dee, Fake",
            "Dis, 2013, 7, e22.",
            head.format(13),
            "2 E. Eff, Fake Dis, 2010, 4, e9.",
        ]
    )
    furniture = ("Dis, 2013, 7, e22.", head.format(11), head.format(12), head.format(13))
    found = by_number(parse_references(lines_of(text, furniture=furniture))[0])
    assert found[1].raw == "A. Bee and C. Dee, Fake Dis, 2013, 7, e22."
    assert (found[1].journal, found[1].pages) == ("Fake Dis", "e22")


def test_rest_of_a_broken_doi_is_kept_even_if_marked_furniture() -> None:
    text = "References\n1. Roe K. A title. Fake J. 2012;1:2–3. https://doi.org/10.1000/fake.\n"
    text += "9876543210\n2. Poe L. Another title. Fake J. 2013;2:4–5."
    entries, _ = parse_references(lines_of(text, furniture=("9876543210",)))
    assert entries[0].doi == "10.1000/fake.9876543210"


@pytest.mark.parametrize(
    ("entries", "style", "titled"),
    [
        pytest.param(
            [
                f"Roe, K. & Poe, L. Made-up finding number {n}. Fake Cell Biol. {n}, 1–9 (2001)."
                for n in range(1, 6)
            ],
            "nature",
            True,
            id="nature",
        ),
        pytest.param(
            [f"Roe, K., and Poe, L. ({1990 + n}) J. Fake Chem. {n}, 11-19" for n in range(1, 6)],
            "paren-year",
            False,
            id="jbc-without-titles",
        ),
        pytest.param(
            [
                f"Roe K, Poe L ({1990 + n}) Made-up finding {n}. Fake J {n}: 11–19."
                for n in range(5)
            ],
            "paren-year",
            True,
            id="old-plos",
        ),
    ],
)
def test_style_is_decided_per_document(entries: list[str], style: str, titled: bool) -> None:
    assert detect_style(entries) == (style, titled)


def test_seed_list_does_not_depend_on_textclean_marking_furniture(seed_path: Path) -> None:
    # every line "body": running heads, the licence box and the vertical watermark inside the
    # list must still stay out of the entries
    lines = clean_text(decode_text(seed_path.read_bytes()))
    unmarked = [
        Line(
            line.number,
            f"{line.run_in} {line.text}".strip(),
            line.raw,
            "blank" if line.kind == "blank" else "body",
        )
        for line in lines
    ]
    assert parse_references(unmarked)[0] == parse_references(lines)[0]


def invented_list(label: str, entry: str, count: int) -> list[Line]:
    """A "References" heading, then `count` entries: `label` and `entry`, each formatted with
    the entry's number `n` and its `year`."""
    return lines_of(
        "\n".join(
            ["References"]
            + [
                f"{label.format(n=n)} {entry.format(n=n, year=2000 + n)}"
                for n in range(1, count + 1)
            ]
        )
    )


# an invented Vancouver entry, for the label forms below
VANCOUVER_ENTRY = "Roe K, Poe L. Made-up finding {n}. J Fake Soc. {year};{n}:{n}1-{n}9."


def test_acs_list_with_parenthesised_labels() -> None:
    lines = invented_list(
        "({n})", "Roe, K.; Poe, L. Made-up finding {n}. J. Fake Soc. {year}, {n}, {n}1–{n}9.", 4
    )
    entries, _ = parse_references(lines)
    assert [e.number for e in entries] == [1, 2, 3, 4]
    assert (entries[1].journal, entries[1].year, entries[1].pages) == (
        "J. Fake Soc.",
        2002,
        "21–29",
    )


@pytest.mark.parametrize(
    "label",
    [
        pytest.param("[{n}].", id="bracket-then-full-stop"),
        pytest.param("[{n}]:", id="bracket-then-colon"),
        pytest.param("{n} -", id="number-then-dash"),
        pytest.param("{n} –", id="number-then-en-dash"),
        pytest.param("({n}).", id="parenthesis-then-full-stop"),
    ],
)
def test_a_separator_after_the_label_is_not_the_entry_text(label: str) -> None:
    """ "[1]. Okafor AB", "1 - Okafor AB": the separator belongs to the label; left in the
    entry it hid the first author (". Okafor AB" is no name)."""
    entries, _ = parse_references(invented_list(label, VANCOUVER_ENTRY, 3))
    assert [e.number for e in entries] == [1, 2, 3]
    assert entries[0].raw.startswith("Roe K, Poe L. Made-up finding 1.")
    assert entries[0].authors == ("Roe K", "Poe L")


def test_a_list_labelled_with_a_closing_parenthesis() -> None:
    """ "12) Smith AB, …": some Japanese and chemistry journals number their lists so."""
    entries, _ = parse_references(invented_list("{n})", VANCOUVER_ENTRY, 4))
    assert [e.number for e in entries] == [1, 2, 3, 4]
    assert entries[2].authors == ("Roe K", "Poe L")
    assert (entries[2].title, entries[2].journal, entries[2].year) == (
        "Made-up finding 3",
        "J Fake Soc",
        2003,
    )


@pytest.mark.parametrize(
    ("text", "fields"),
    [
        pytest.param(
            "Roe K, Poe L. Fish Stock Bulletins for the Northern Shelf; 2019. "
            "Available from: https://www.example.org/fish/bulletins.",
            {"title": "Fish Stock Bulletins for the Northern Shelf", "year": 2019},
            id="vancouver-year-before-a-link-that-ends-the-entry",
        ),
        pytest.param(
            "Roe, K. & Poe, L. Slow learning of quiet lamps. "
            "Preprint at https://arxiv.org/abs/2101.00001 (2021).",
            {"title": "Slow learning of quiet lamps", "journal": None, "year": 2021},
            id="nature-preprint-at-a-link",
        ),
        pytest.param(
            "Roe, K. & Poe, L. Slow learning of quiet lamps. "
            "Preprint at bioRxiv https://doi.org/10.1101/2021.01.01.000001 (2021).",
            {"title": "Slow learning of quiet lamps", "journal": "bioRxiv", "year": 2021},
            id="nature-preprint-at-a-named-server",
        ),
        pytest.param(
            "K. Roe, L. Poe and M. Doe, Lamp Res. Lett., 2011, 12, 345–350, "
            "Lamp Research Letters, 12, 345–350.",
            {"journal": "Lamp Res. Lett.", "year": 2011, "volume": "12", "pages": "345–350"},
            id="rsc-source-with-the-journal-spelled-out-after-it",
        ),
        pytest.param(
            "K. Roe, Lamp Res. Lett., 2011, 12, 345–350; L. Poe, Lamp Res. Lett., 2012, 13, 10–15.",
            {"authors": ("K. Roe",), "journal": "Lamp Res. Lett.", "year": 2011, "volume": "12"},
            id="rsc-two-works-in-one-entry-the-first-is-the-entry",
        ),
    ],
)
def test_fields_when_more_follows_the_source(text: str, fields: dict[str, object]) -> None:
    entry = parse_entry_text(text, style_known=True)  # in a list of its style, as above
    assert_fields(entry, fields)


@pytest.mark.parametrize(
    ("text", "fields"),
    [
        pytest.param(
            "Roe, K.; Poe, L.; Doe, M.; Moe, N.; Zoe, P.; et al. Quiet lamps in dark rooms. "
            "J. Fake Soc. 2004, 12, 345–350.",
            {
                "title": "Quiet lamps in dark rooms",
                "journal": "J. Fake Soc.",
                "authors": ("Roe, K.", "Poe, L.", "Doe, M.", "Moe, N.", "Zoe, P."),
            },
            id="acs-et-al-after-a-semicolon-ends-the-names",
        ),
        pytest.param(
            "Roe, K.; Poe, L. Lamp signalling in the nematode C. elegans. Fake Biol 2001, 8, 1–9.",
            {"title": "Lamp signalling in the nematode C. elegans", "journal": "Fake Biol"},
            id="genus-initial-before-a-species-ends-no-title",
        ),
        pytest.param(
            "Roe, K.; Poe, L. Genome of the lamp bacterium Fakella sp. LMP152 (Fakiaceae). "
            "Fake Biol 2001, 8, 1–9.",
            {"title": "Genome of the lamp bacterium Fakella sp. LMP152 (Fakiaceae)"},
            id="taxon-abbreviation-before-a-strain-ends-no-title",
        ),
        pytest.param(
            "Roe K. (2001) Susceptibility testing for Fakella sp. Methods Fake Biol 8: 1–9.",
            {"title": "Susceptibility testing for Fakella sp", "journal": "Methods Fake Biol"},
            id="taxon-abbreviation-before-a-journal-ends-the-title",
        ),
    ],
)
def test_title_ends_at_a_sentence_not_an_abbreviation(text: str, fields: dict[str, object]) -> None:
    entry = parse_entry_text(text, style_known=True)
    assert_fields(entry, fields)


def test_a_journal_whose_name_goes_on_in_lower_case_is_cut_at_its_capital() -> None:
    # "Fake discov. today": no sentence starts with "today", so the title ends before "Fake"
    entry = parse_entry_text(
        "Roe, K. L., Poe, D. & Lee, A. Getting faster at fakes II: the role of aromaticity in "
        "kinases. Fake discov. today 16, 822-830 (2011)."
    )
    assert entry.title == "Getting faster at fakes II: the role of aromaticity in kinases"
    assert entry.journal == "Fake discov. today"
    assert (entry.volume, entry.pages, entry.year) == ("16", "822-830", 2011)


def test_family_dotted_initials_list_keeps_a_year_range_in_its_titles() -> None:
    # rules read these entries whole once "Okafor S.M." is a name; the learned parser alone
    # ends the title at ", 2005"
    text = "\n".join(
        ["References"]
        + [
            f"{n}. Okafor S.M., Abara K.L., Nowak P. ({2000 + n}) Lamp use in Fakeland, "
            f"2005 through 20{10 + n}: a survey. Fake Lamp Rev {n}: {n}1–{n}9."
            for n in range(1, 6)
        ]
    )
    entries, _ = parse_references(lines_of(text))
    assert [e.title for e in entries[:2]] == [
        "Lamp use in Fakeland, 2005 through 2011: a survey",
        "Lamp use in Fakeland, 2005 through 2012: a survey",
    ]
    assert entries[0].authors[:2] == ("Okafor S.M.", "Abara K.L.")


def test_an_accented_initial_ends_no_author_list() -> None:
    """ "Araújo, T.É.R. et al." (Brazilian, Turkish, Nordic names): the É is an initial, so the
    names run on to "et al.", and the title does not start with "É.R. et al."."""
    entry = parse_entry_text(
        "Araújo, T.É.R. & Åberg, Ö. An invented title on dengue sequencing in classrooms. "
        "Nat Commun 12, 2296 (2021)."
    )
    assert entry.authors == ("Araújo, T.É.R.", "Åberg, Ö.")
    assert entry.title == "An invented title on dengue sequencing in classrooms"
    assert entry.journal == "Nat Commun"


@pytest.mark.parametrize(
    ("printed", "names"),
    [
        pytest.param("Okonkwo, A.; Lindqvist, B.", ["Okonkwo, A.", "Lindqvist, B."], id="acs"),
        pytest.param("Okonkwo, A. B. & Lind, C.", ["Okonkwo, A. B.", "Lind, C."], id="nature"),
        pytest.param("A. B. Okonkwo, C. Lind", ["A. B. Okonkwo", "C. Lind"], id="initials-first"),
    ],
)
def test_an_author_span_splits_in_each_printed_form(printed: str, names: list[str]) -> None:
    # the field model's author span comes in any form; ";" between family-first names (ACS)
    # was split at its commas: "Okonkwo", "A.; Lindqvist", "B"
    assert split_authors_any(printed) == names


def test_a_book_whose_authors_no_rule_found_keeps_them_out_of_its_title() -> None:
    """In a list of a style the rules know, "Okonkwo, A.; Lindqvist, B. Title. 2008." fits no
    rule: the partial reading's title ran from the entry's start. The model finds the names
    and the title after them, and its title is taken."""
    entry = parse_entry_text(
        "Okonkwo, A.; Lindqvist, B. Invented models of worm infection by soil fungi. 2008.",
        style="nature",
        style_known=True,
    )
    assert entry.authors == ("Okonkwo, A.", "Lindqvist, B.")
    assert entry.title == "Invented models of worm infection by soil fungi"
    assert entry.year == 2008


def test_and_et_al_ends_an_author_list() -> None:
    """ "…, L. Wei, J. E. Shaw and et al, Nat Neurosci, …" (a reference manager's "and" before
    "et al"): the last name is a name and the journal is only the journal."""
    entry = parse_entry_text(
        "T. A. Okafor, M. Lind, L. Wei, J. E. Shaw and et al, Nat Fake Neurosci, 2012, 15, 48–56.",
        style="rsc",
    )
    assert entry.authors == ("T. A. Okafor", "M. Lind", "L. Wei", "J. E. Shaw")
    assert entry.journal == "Nat Fake Neurosci"
    assert (entry.year, entry.volume) == (2012, "15")


@pytest.mark.parametrize(
    ("printed", "authors", "title"),
    [
        pytest.param(
            "Okafor, T. Upkeep of an invented worm. The Worm Community, editor. WormBook. 2006. "
            "http://www.wormbook.org",
            ("Okafor, T.",),
            "Upkeep of an invented worm",
            id="a-family-name-cut-from-its-initial",
        ),
        pytest.param(
            "Lindqvist, B.; Okafor, T. An invented defence of the fruit fly. Annu Rev Fake "
            "Immunol 2007,,.",
            ("Lindqvist, B.", "Okafor, T."),
            "An invented defence of the fruit fly",
            id="acs-names-with-no-volume-or-pages",
        ),
    ],
)
def test_authors_no_rule_reads_as_names_are_the_models(
    printed: str, authors: tuple[str, ...], title: str
) -> None:
    """No rule fits these (no volume and pages), and the partial readings cut the names at
    a comma ("Okafor" and "T. Upkeep …"); where none of the rules' authors is a name and the
    field model's all are, its authors and title are taken."""
    entry = parse_entry_text(printed, style="acs", style_known=True)
    assert entry.authors == authors
    assert entry.title == title


@pytest.mark.parametrize(
    ("title", "authors", "kept"),
    [
        pytest.param(
            "F. Van der Berg, Growth of the jaw", ["F. Van der Berg"], "Growth of the jaw", id="one"
        ),
        pytest.param(
            "Smith, A. B.; Jones, C. A title", ["Smith, A. B.", "Jones, C."], "A title", id="acs"
        ),
        pytest.param("Lee, B. E. et al. In Proc. X", ["Lee, B. E."], "In Proc. X", id="et-al"),
        pytest.param("A title", ["Smith, A. B."], "A title", id="no-names-in-front"),
        pytest.param("Freudian slips", ["Freud"], "Freudian slips", id="a-word-not-a-name"),
        pytest.param("Freud", ["Freud"], "Freud", id="nothing-would-be-left"),
    ],
)
def test_a_title_read_with_its_authors_in_front_loses_them(
    title: str, authors: list[str], kept: str
) -> None:
    assert drop_leading_authors(title, authors) == kept


def test_a_title_the_model_read_from_the_entry_start_loses_the_names_before_it() -> None:
    """No rule reads this conference paper; the partial reading's title began at the entry's
    start, names and "et al." included, while the names were read as authors too."""
    entry = parse_entry_text(
        "Okafor, B. E. et al. In 2017 IEEE 14th Invented Symposium on Imaging (ISBI 2017). Red "
        "Hook, NY: Curran Associates, Inc, 2017;929-932. arXiv:1702.05803v1 (2017).",
        style="nature",
        style_known=True,
    )
    assert entry.authors == ("Okafor, B. E.",)
    assert entry.title == "In 2017 IEEE 14th Invented Symposium on Imaging (ISBI 2017)"


def test_a_group_author_a_partial_reading_found_is_kept_out_of_the_title() -> None:
    """A web page in a Nature list, year unbracketed: no rule fits, the document's style
    reads it all as a title, the Vancouver reading finds the group author; that one is taken."""
    entry = parse_entry_text(
        "Invented Data Centre of the University of Nowhere. Radiocarbon tables. 2014. "
        "http://example.org/tables",
        style="nature",
        style_known=True,
    )
    assert entry.authors == ("Invented Data Centre of the University of Nowhere",)
    assert entry.title == "Radiocarbon tables"
    assert (entry.year, entry.url) == (2014, "http://example.org/tables")


def test_abnt_volume_and_issue_words_are_not_the_volume() -> None:
    """ABNT (Brazilian) lists print "v. 12, n. 3, p. 100-109": the volume is 12."""
    entry = parse_entry_text(
        "OKAFOR, A. B.; LIND, C. Fusion kinases in invented tumours. Journal of Fake Oncology, "
        "v. 12, n. 3, p. 100-109, 2019."
    )
    assert entry.authors == ("OKAFOR, A. B.", "LIND, C.")
    assert (entry.journal, entry.year, entry.volume) == ("Journal of Fake Oncology", 2019, "12")


def test_a_list_in_a_narrow_column_prints_its_years_on_an_entrys_seventh_line() -> None:
    """A two-column manuscript's list wraps every entry over six or seven lines, the year on
    the last: evidence is looked for up to the next label, not only in an entry's first four
    lines (the list was not found: "no reference list found")."""
    entry = [
        "{n}. Okafor AB, Lindqvist",
        "C, Moreau D. Fusion",
        "kinase signalling in",
        "invented tumours of",
        "the lung and brain.",
        "J Fake Oncol.",
        "20{n:02d};{n}:100-9.",
    ]
    text = "References\n" + "\n".join(line.format(n=n) for n in range(1, 9) for line in entry)
    references, _ = parse_references(lines_of(text))
    assert [ref.number for ref in references] == list(range(1, 9))
    third = by_number(references)[3]
    assert third.year == 2003 and third.journal == "J Fake Oncol" and third.pages == "100-109"
    assert third.title == "Fusion kinase signalling in invented tumours of the lung and brain"


@pytest.mark.parametrize(
    "entry",
    [
        pytest.param(
            "Okafor AB. Kinase fusions. In: Lind C, editor. Invented oncology. 2nd ed. "
            "London: Fake Press; 2018. p. 45-67.",
            id="vancouver-in-editor",
        ),
        pytest.param(
            "Okafor AB, Moreau D (2018) Kinase fusions. In: Lind C, Haddad E (eds) Invented "
            "oncology. Fake Press, London, pp 45-67",
            id="springer-in-eds",
        ),
        pytest.param(
            "Okafor, A. B. (2018). Kinase fusions. In C. Lind (Ed.), Invented oncology "
            "(pp. 45-67). Fake Press.",
            id="apa-in-ed",
        ),
    ],
)
def test_a_chapter_in_an_edited_book_is_a_chapter_not_an_article(entry: str) -> None:
    """The book's title reads like a journal and its pages like an article's; "In: … editor",
    "(eds)" and "(Ed.)" print only in a chapter (183 of 194 such strings of the labelled
    reference corpora are chapters; the rest name a volume, and stay articles)."""
    references, _ = parse_references(lines_of(f"References\n1. {entry}\n2. {entry}"))
    assert [ref.kind for ref in references] == ["chapter", "chapter"]
    assert references[0].authors[0].startswith("Okafor")


def test_a_journal_article_naming_its_editors_stays_an_article() -> None:
    entry = (
        "Okafor AB, Lind C. Kinase fusions (editorial). J Fake Oncol. 2019;12:100-9. "
        "In: Proceedings, eds. Moreau D. Paris."
    )
    references, _ = parse_references(lines_of(f"References\n1. {entry}\n2. {entry}"))
    assert references[0].kind == "article"


ARTICLE = "Okafor AB, Lind C. Kinase fusions in invented tumours {n}. J Fake Oncol. 2019;{n}:100-9."


@pytest.mark.parametrize(
    ("entry", "authors", "title", "publisher", "year", "kind"),
    [
        pytest.param(
            "World Health Organization. Global hepatitis report. Geneva: WHO; 2017.",
            ("World Health Organization",),
            "Global hepatitis report",
            "WHO",
            2017,
            "book",
            id="report-of-a-body",
        ),
        pytest.param(
            "National Cancer Institute. Cancer stat facts [Internet]. Bethesda (MD): NCI; 2021 "
            "[updated 2021 Apr 1; cited 2021 May 2]. Available from: https://seer.example.org/",
            ("National Cancer Institute",),
            "Cancer stat facts",
            "NCI",
            2021,
            "web",
            id="internet-updated-and-cited",
        ),
        pytest.param(
            "Centers for Disease Control and Prevention. Hepatitis C surveillance 2019. Atlanta "
            "(GA): CDC; 2021.",
            ("Centers for Disease Control and Prevention",),
            "Hepatitis C surveillance 2019",
            "CDC",
            2021,
            "book",
            id="a-body-whose-name-holds-and",
        ),
        pytest.param(
            "Okafor AB. Invented oncology. 2nd ed. London: Fake Press; 2018.",
            ("Okafor AB",),
            "Invented oncology",
            "Fake Press",
            2018,
            "book",
            id="book-with-edition",
        ),
    ],
)
def test_a_vancouver_report_or_book_names_place_and_publisher_before_its_year(
    entry: str, authors: tuple[str, ...], title: str, publisher: str, year: int, kind: str
) -> None:
    """NLM's form for a report or book, "Author. Title [Internet]. Place: Publisher; Year":
    the place and publisher were read into the title ("Cancer stat facts. Bethesda (MD): NCI;
    2021 [updated"), the body "Centers for Disease Control and Prevention" as two authors, and
    "[Internet]." no longer ended the title. The publisher goes where a book keeps it (the
    journal column, BibTeX's publisher); the articles around it are read as before."""
    entries = [ARTICLE.format(n=1), entry, ARTICLE.format(n=3)]
    text = "References\n" + "\n".join(f"{n}. {e}" for n, e in enumerate(entries, 1))
    references, _ = parse_references(lines_of(text))
    report = by_number(references)[2]
    assert (report.authors, report.title, report.journal) == (authors, title, publisher)
    assert (report.year, report.kind, report.model_confidence) == (year, kind, None)
    assert by_number(references)[3].journal == "J Fake Oncol"


def test_a_bmc_source_with_a_colon_is_no_publisher() -> None:
    """ "Mol Biol Evol 4: 406-425, 1987." has a place-and-publisher shape; digits say it is a
    volume and pages, read by the style that knows them."""
    entry = (
        "Saitou N, Nei M. The neighbor-joining method: a new method for reconstructing "
        "phylogenetic trees. Mol Biol Evol 4: 406-425, 1987."
    )
    references, _ = parse_references(lines_of(f"References\n1. {entry}\n2. {entry}"))
    read = references[0]
    assert (read.journal, read.volume, read.pages, read.kind) == (
        "Mol Biol Evol",
        "4",
        "406-425",
        "article",
    )


def test_a_column_of_labels_printed_apart_from_its_entries_is_paired_with_them() -> None:
    """pdftotext prints a BMC list's second page labels first ("4." … "8.", one a line), then
    the entries' text without labels, the first lines finishing entry 3 that the page cut.
    The labels were dropped as a vertical watermark (short lines in a row) and entries 4-8
    lost; each label now takes its entry, cut where an entry ends (year, volume: pages)."""
    entry = "{name}: Kinase fusions in invented tumours {n}. J Fake Oncol {year}, {n}:100-9."
    names = ["Okafor AB, Lind C", "Moreau D", "Haddad E, Rossi F", "Nguyen G", "Chen H"]
    names += ["Silva I, Tanaka J", "Alvarez K", "Fischer L"]
    printed = [entry.format(name=name, n=n, year=2000 + n) for n, name in enumerate(names, 1)]
    head, cut = printed[2][:40], printed[2][40:]
    text = "\n".join(
        ["References", f"1. {printed[0]}", f"2. {printed[1]}", f"3. {head}", "", "Page 7 of 9"]
        + ["", "4.", "", "5.", "6.", "", "7.", "8.", "", cut]
        + printed[3:]
    )
    references, _ = parse_references(lines_of(text, furniture=("Page 7 of 9",)))
    read = by_number(references)
    assert sorted(read) == [1, 2, 3, 4, 5, 6, 7, 8]
    assert read[3].journal == "J Fake Oncol" and read[3].year == 2003
    for n in range(4, 9):
        assert read[n].authors[0] == names[n - 1].split(",")[0].split(":")[0]
        assert (read[n].year, read[n].volume) == (2000 + n, str(n))


def test_a_whole_list_printed_as_a_column_of_labels_is_read() -> None:
    """A LaTeX list with hanging labels (pandoc's CSL output) reaches pdftotext as a page's
    labels ("1." … "12.", one a line), then the twelve entries without them. No label but
    the last finds a year before the next label, so the list went unseen ("no reference list
    found"); the labels of such a column share the evidence its last label finds."""
    entry = "{name}. Kinase fusions in invented tumours {n}. J Fake Oncol {year};{n}:100-9."
    names = ["Okafor AB, Lind C", "Moreau D", "Haddad E, Rossi F", "Nguyen G", "Chen H"] * 3
    printed = [entry.format(name=name, n=n, year=1990 + n) for n, name in enumerate(names, 1)]
    text = "\n".join(["References", *(f"{n}." for n in range(1, 13)), "", *printed[:12]])
    references, _ = parse_references(lines_of(text))
    read = by_number(references)
    assert sorted(read) == list(range(1, 13))
    for n in range(1, 13):
        assert read[n].authors[0] == names[n - 1].split(",")[0]
        assert (read[n].year, read[n].volume, read[n].pages) == (1990 + n, str(n), "100-109")


def test_a_column_of_labels_over_entries_without_a_closing_full_stop() -> None:
    """Some styles end an entry with its year and no full stop ("J Fake Oncol 31: 664–682,
    2008"), and print a book without its year ("Berlin, Springer"). The column's text was
    never cut into its entries; it is cut where a line opens with names after an entry's
    text, when that gives exactly one piece a label. A long list of names wrapped onto a
    second line ("Chen G, et al: …") is not cut."""
    printed = [
        "Okafor A, Lind C: Kinase fusions in invented tumours. J Fake Oncol 31: 664–682, 2008",
        "Moreau D: Tumour response in an invented cohort. Berlin, Springer",
        "Haddad E, Rossi F, Nguyen G, Chen H, Silva I, Tanaka J, Alvarez K, Fischer L,",
        "Lind M, et al: Resistance to kinase inhibitors. Fake Cancer Res 12: 1–9, 2011",
        "Nguyen G: Brain metastases and the blood-brain barrier in invented tumours. J Fake",
        "Oncol 7: 100–109, 2015",
    ]
    text = "\n".join(["References", "1.", "2.", "3.", "4.", "", *printed])
    references, _ = parse_references(lines_of(text))
    read = by_number(references)
    first_authors = [read[n].authors[0] for n in (1, 2, 3, 4)]
    assert first_authors == ["Okafor A", "Moreau D", "Haddad E", "Nguyen G"]
    assert [read[n].year for n in (1, 2, 3, 4)] == [2008, None, 2011, 2015]
    assert read[3].authors[-1] == "Lind M" and read[4].volume == "7"


def test_a_column_of_labels_over_entries_opening_with_any_name() -> None:
    """The cut where a line opens with names knew only ASCII capitals and bare initials: an
    entry opening "Ødegaard IR," or "Souza G de," (a particle after the initials) was not
    cut, the pieces were one short of the labels and no entry was read. An editor's name
    broken over the line ("Edited by Alvarez" + "J. Oxford, …") is not a new entry."""
    printed = [
        "Nguyen A, Silva C: Kinase fusions in invented tumours. J Fake Oncol 2014; 286:2819–36",
        "Ødegaard IR, Chen E: Survival in an invented cohort, Handbook of invented tumours.",
        "Edited by Alvarez",
        "J. Oxford, Oxford University Press, 2012, pp 193–217",
        "Souza G de, Lind F: Response to kinase inhibitors. Fake Cancer Res 2004; 4:1680–5",
        "Okafor H, Wu I: Brain metastases in invented tumours. Amsterdam, Elsevier, 1997",
    ]
    text = "\n".join(["References", "1.", "2.", "3.", "4.", "", *printed])
    read = by_number(parse_references(lines_of(text))[0])
    first_authors = [read[n].authors[0] if read[n].authors else None for n in (1, 2, 3, 4)]
    assert first_authors == ["Nguyen A", "Ødegaard IR", "Souza G de", "Okafor H"]
    assert read[2].raw.endswith("pp 193–217")


def test_names_joined_by_semicolons_before_a_physics_source() -> None:
    """Express Polymer Letters prints "Weber, A.; Eriksson, C.; Singh, J. T.: Title. J Clin
    Oncol, 158, 885–890 (1987).": ACS's semicolons before Nature's source. Nature's rule, the
    one whose source fits, took names joined by commas and "&" only, so the first author
    was read and the others opened the title. The style also prints its DOIs as
    "http://doi:10.1038/…", whose "http://" stayed behind and hid the source."""
    read = read_list(
        "[1] Weber, A.; Eriksson, C.; Singh, J. T.; de Souza, P.: Variable drought tolerance "
        "in boreal wetlands. J Clin Oncol, 158, 885–890 (1987).",
        "[2] Rossi, F.; Halvorsen, J.-P.: The role of soil diversity in coastal biodiversity. "
        "Nature, 33, e429 (2024). http://doi:10.1038/nature.24387.",
    )
    assert read[1].authors == ("Weber, A.", "Eriksson, C.", "Singh, J. T.", "de Souza, P.")
    assert read[1].title == "Variable drought tolerance in boreal wetlands"
    assert (read[1].journal, read[1].volume, read[1].pages) == ("J Clin Oncol", "158", "885–890")
    assert read[2].authors == ("Rossi, F.", "Halvorsen, J.-P.")
    assert (read[2].title, read[2].journal) == (
        "The role of soil diversity in coastal biodiversity",
        "Nature",
    )
    assert (read[2].volume, read[2].pages, read[2].year) == ("33", "e429", 2024)
    assert read[2].doi == "10.1038/nature.24387"


def test_labels_closed_by_a_parenthesis_alone_on_their_lines() -> None:
    """Chemical and Pharmaceutical Bulletin labels its entries "1)", "2)"; pdftotext prints a
    label alone on its line above its entry. "12) Smith" was a label, "12)" alone was not:
    the list was not found and the review was refused."""
    printed = []
    for n in range(1, 6):
        printed += [f"{n})", "", f"Okafor A., Lind C., J. Fake Chem., {n}, {n}01–{n}09 (199{n})."]
    read = read_list(*printed)
    assert sorted(read) == [1, 2, 3, 4, 5]
    assert [(read[n].volume, read[n].year) for n in (1, 5)] == [("1", 1991), ("5", 1995)]


def test_labels_padded_inside_their_brackets() -> None:
    """The Journal of Research of NIST pads its labels to the widest one: "[ 1]" … "[ 9]",
    then "[10]", printed before the entry or alone on the line above it. No label matched, the
    list was not found and the review was refused."""
    entry = "Okafor A, Lind C ({year}) Kinase fusions {n}. J Fake Oncol {n}(1):10–19."
    for alone in (False, True):
        printed = []
        for n in range(1, 12):
            label = f"[{n:2d}]"
            text = entry.format(year=1990 + n, n=n)
            printed += [label, text] if alone else [f"{label} {text}"]
        read = read_list(*printed)
        assert sorted(read) == list(range(1, 12))
        assert [(read[n].year, read[n].volume) for n in (1, 9, 10, 11)] == [
            (1991, "1"),
            (1999, "9"),
            (2000, "10"),
            (2001, "11"),
        ]


def test_a_title_broken_at_a_compounds_own_hyphen_keeps_it() -> None:
    """A typesetter breaks "long-term" at its own hyphen; every line-break hyphen before a
    lower-case word was dropped, printing "Longterm outcomes of a metaanalysis of
    placebocontrolled trials" in titles (and in BibTeX). Two common words whose join is far
    rarer keep their hyphen; a word broken in two ("treat-" + "ment"), after a prefix
    ("micro-" + "vessel") or in a journal's abbreviation ("Ann On-" + "col.") is joined; a
    chain of hyphenated words goes on ("quality-of-" + "life")."""
    read = read_list(
        "1. Okafor A, Lind C. Long-",
        "term outcomes of a meta-",
        "analysis of placebo-",
        "controlled trials in the treat-",
        "ment of micro-",
        "vessel disease. J Fake Med 2019;3:1-9.",
        "2. Moreau D. Tumour response and quality-of-",
        "life in an invented cohort. Ann On-",
        "col. 2020;4:10-9.",
        "3. Silva E. Invented tumours: a meta-",
        "analysis. J Fake Med 2021;5:20-9.",
    )
    assert read[1].title == (
        "Long-term outcomes of a meta-analysis of placebo-controlled trials in the treatment "
        "of microvessel disease"
    )
    assert read[2].title == "Tumour response and quality-of-life in an invented cohort"
    assert read[2].journal == "Ann Oncol"  # an abbreviation broken in two
    assert read[3].title == "Invented tumours: a meta-analysis"  # a title's last word


def test_a_column_of_labels_over_an_entry_opening_with_a_particle() -> None:
    """ "van der Berg M-CP, …" opens its entry in lower case: the column's text was not cut
    before it by either rule (a year and a full stop, then a capital; names after an entry),
    the pieces were one short of the labels, and none of the page's fourteen entries was
    read."""
    printed = [
        "Marino C, Rossi A: Does defect density predict resistance? J Fake Oncol 2003; 19:",
        "e2109390.",
        "van der Berg M-CP, Kaur RH, Lindqvist J, Zhang H, Haddad P, Novák",
        "P: Flexible electrolyte patterns across high temperatures. Ecol Lett 2005;",
        "43: e7423465.",
        "de Souza S, Ødegaard B: The role of ionic conductivity. Water Res 1999; 135: 2531–40.",
    ]
    # with and without the entries' closing full stops (each rule cuts alone)
    for lines in (printed, [line.rstrip(".") for line in printed]):
        text = "\n".join(["References", "1.", "2.", "3.", "", *lines])
        read = by_number(parse_references(lines_of(text))[0])
        first_authors = [read[n].authors[0] if read[n].authors else None for n in (1, 2, 3)]
        assert first_authors == ["Marino C", "van der Berg M-CP", "de Souza S"]
        assert [read[n].year for n in (1, 2, 3)] == [2003, 2005, 1999]


def test_a_column_of_labels_over_a_web_page_ending_with_its_address() -> None:
    """NLM ends a web page's entry with its address and no full stop ("Available from:
    https://…"); such an entry was never complete, the column's text was not cut after it,
    the pieces were one short of the labels and none of the page's sixteen entries was
    read (a probe review in the Thai Endodontic Journal's style)."""
    printed = [
        "Lindqvist R, Petrov B. Refractory invented cohorts. Eur J Fake. 1995;4:400–39.",
        "United Nations Environment Programme. Fact sheet: invented tumours [Internet]. 2023",
        "[cited 2023 Aug 12]. Available from:",
        "https://www.example.org/research/fact-sheet-invented-tumours",
        "Park MC, de Souza NF. The role of invented survival. J Fake Oncol. 2000;3:151–72.",
    ]
    text = "\n".join(["References", "1.", "2.", "3.", "", *printed])
    read = by_number(parse_references(lines_of(text))[0])
    assert [read[n].authors[:1] for n in (1, 2, 3)] == [
        ("Lindqvist R",),
        ("United Nations Environment Programme",),
        ("Park MC",),
    ]
    assert read[2].url == "https://www.example.org/research/fact-sheet-invented-tumours"


def test_a_column_of_labels_over_author_year_entries_whose_titles_end_a_line() -> None:
    """An author–year entry ("Petrov, R. (2006) Title." + "Nat Commun 69, 2537–2545.") has
    its year and a full stop at its title's end: it read as complete there, the column's
    text was cut before the journal's line, and every entry after took its neighbour's
    source. A line that is a journal's name, volume and first page, or a book's place and
    publisher, goes on the entry above it, and a line ending on the year after a long list
    of names ("… Wiśniewski, E. (1996)") does not end one."""
    printed = [
        "Petrov, R. (2006) Early-onset connectivity patterns across invented cohorts.",
        "Nat Commun 69, 2537–2545.",
        "Nowak, N., Lind, C., Moreau, D. and Wiśniewski, E. (1996)",
        "Amyloid deposition as a determinant of sleep spindles. J Am Chem Soc 123, 2954–2967.",
        "Lefèvre, R. and Moreau, C. (1998) Solid State Ionics: Concepts and Practice.",
        "Oxford: Oxford University Press.",
        "Papadopoulos, A. and Santos, N. (2013) Clinical Neurology: Theory and",
        "Methods, CRC Press, Boca Raton.",
        "Ivanova, L. and Novák, R. (2015) Cortical thickness as a determinant of",
        "motor learning. Nature 59, e3582212.",
    ]
    text = "\n".join(["References", "1.", "2.", "", "3.", "4.", "", "5.", *printed])
    read = by_number(parse_references(lines_of(text))[0])
    assert [(read[n].authors[0], read[n].volume) for n in (1, 2, 3, 4, 5)] == [
        ("Petrov, R.", "69"),
        ("Nowak, N.", "123"),
        ("Lefèvre, R.", None),
        ("Papadopoulos, A.", None),
        ("Ivanova, L.", "59"),
    ]


def test_labels_printed_after_their_first_entries_are_paired_with_them() -> None:
    """pdftotext may print "1." and its entry, "2." and the text of entries 2–4, then "3."
    and "4." as a column, the next page's labels "5."–"6." and their entries: the entry
    before the column held three entries' text, the column's last label the others."""
    printed = [
        "References",
        "1.",
        "",
        "Okafor A, Lind C. Kinase fusions in invented tumours. J Fake Oncol. 2008;31:664–82.",
        "",
        "2.",
        "",
        "Moreau D. Tumour response in an invented cohort. Fake Cancer Res. 2011;12:1–9.",
        "Haddad E, Rossi F. Resistance to kinase inhibitors. Fake Cancer Res. 2012;13:10–19.",
        "Nguyen G. Brain metastases in invented tumours. J Fake Oncol. 2015;7:100–109.",
        "",
        "3.",
        "",
        "4.",
        "5.",
        "6.",
        "",
        "Silva I, Chen H. Lichens on invented rock. J Fake Oncol. 2016;8:1–5.",
        "Tanaka J. Spores in invented wind. Fake Cancer Res. 2017;14:20–29.",
    ]
    read = by_number(parse_references(lines_of("\n".join(printed)))[0])
    first_authors = [read[n].authors[0] if read[n].authors else None for n in range(1, 7)]
    assert first_authors == ["Okafor A", "Moreau D", "Haddad E", "Nguyen G", "Silva I", "Tanaka J"]
    assert [read[n].year for n in range(1, 7)] == [2008, 2011, 2012, 2015, 2016, 2017]


def test_labels_printed_after_their_entries_stay_out_of_the_body() -> None:
    """An entry whose label pdftotext printed after its text spans from its text to its
    label: the list's lines stay out of the running text, and a bracketed label ("[3]") is
    no callout."""
    from reflink.ingest import parse_document

    body = [
        f"Lichens grow slowly on bare rock in cold regions of the north [{n}]." for n in range(1, 7)
    ]
    entries = [
        f"{name} A, Lind C. Kinase fusions in invented tumours {n}. J Fake Oncol. "
        f"{2000 + n};31:{n}0–{n}9."
        for n, name in enumerate(["Okafor", "Moreau", "Haddad", "Nguyen", "Silva", "Tanaka"], 1)
    ]
    text = "\n".join(
        [
            "Introduction",
            *body,
            "",
            "References",
            "[1]",
            "",
            entries[0],
            "",
            "[2]",
            "",
            *entries[1:4],
            "",
            "[3]",
            "",
            "[4]",
            "[5]",
            "[6]",
            "",
            *entries[4:],
        ]
    )
    doc = parse_document(text)
    assert [ref.authors[0] for ref in doc.references] == [
        "Okafor A",
        "Moreau A",
        "Haddad A",
        "Nguyen A",
        "Silva A",
        "Tanaka A",
    ]
    assert [marker.numbers for marker in doc.markers] == [(n,) for n in range(1, 7)]


def test_a_year_wrapped_onto_a_line_of_its_own_is_no_page_number() -> None:
    """ "… Clin Fake Res 55: 576–595," + "2016": lone years counting up a few lines apart
    read as page numbers and were dropped, and the entry lost its year. After an entry's
    comma a year is the entry's; a page number after a finished entry is still dropped."""
    text = "\n".join(
        [
            "References",
            "1. Okafor A, Lind C: Kinase fusions in invented tumours. Clin Fake Res 55: 576–595,",
            "2016",
            "2. Moreau D: Tumour response in an invented cohort. J Fake Oncol 31: 664–682, 2008.",
            "2017",
            "3. Haddad E: Resistance to kinase inhibitors. Fake Cancer Res 12: 1–9,",
            "2018",
        ]
    )
    references, _ = parse_references(lines_of(text, furniture=("2016", "2017", "2018")))
    read = by_number(references)
    assert [read[n].year for n in (1, 2, 3)] == [2016, 2008, 2018]
    assert "2017" not in read[2].raw


def test_a_vertical_watermark_of_short_lines_is_still_dropped() -> None:
    """Short lines in a row that do not count up, a watermark printed a few letters a line,
    stay out of the list (the label column above is the one exception)."""
    from reflink.references import drop_vertical_text

    lines = lines_of(
        "\n".join(["1. Okafor AB. A study. J Fake. 2001;1:1-9.", "O", "pe", "n", "Ac"])
    )
    assert [line.text for line in drop_vertical_text(lines)] == [lines[0].text]
    counting = lines_of("\n".join(["3. Okafor AB. A study.", "4.", "5.", "6.", "Lind C."]))
    assert len(drop_vertical_text(counting)) == 5


def test_biblatex_numeric_entries_are_read_by_a_rule() -> None:
    """biblatex's default style, the LaTeX user's usual one: 'Names. “Title”. In: Journal
    Volume.Issue (Year), pp. Pages.'. The field model read it alone, took the issue "7801"
    for the pages and called every reading unsure; a chapter's "In: Book. Ed. by …" lost its
    book. "url:" is the label of the address, not text."""
    entries = [
        "A. Okafor and C. Lind. “Kinase fusions in invented tumours”. In: J Fake Oncol 12.3 "
        "(2019), pp. 100–109. doi: 10.1000/jfo.2019.12.",
        "G. Nguyen et al. “Resistance to kinase inhibitors”. In: Nature Fake 580.7801 (2020), "
        "pp. 10–15. url: https://example.org/resistance.",
        "J. Tanaka. “Kinase fusions”. In: Invented Oncology. Ed. by K. Lind. London: Fake Press, "
        "2018, pp. 45–67.",
    ]
    text = "References\n" + "\n".join(f"[{n}] {e}" for n, e in enumerate(entries, 1))
    first, second, chapter = parse_references(lines_of(text))[0]
    assert first.authors == ("A. Okafor", "C. Lind")
    assert (first.title, first.journal) == ("Kinase fusions in invented tumours", "J Fake Oncol")
    assert (first.year, first.volume, first.pages) == (2019, "12", "100–109")
    assert first.doi == "10.1000/jfo.2019.12" and first.model_confidence is None
    assert (second.authors, second.volume, second.pages) == (("G. Nguyen",), "580", "10–15")
    assert second.url == "https://example.org/resistance"
    assert (chapter.kind, chapter.journal, chapter.pages) == (
        "chapter",
        "Invented Oncology",
        "45–67",
    )


def test_biblatex_names_in_full_before_a_quoted_title_are_names() -> None:
    """biblatex prints given names in full by default ("Jana Lindqvist and Ben Kowalski"),
    which no name pattern knows; before a quoted title they are names by their place, so the
    rule's reading stands and no "field model is unsure" problem is reported for it."""
    entries = [
        "Jana Lindqvist and Ben Kowalski. “Response of invented tumours”. In: Lancet Oncology "
        "50.7 (1995), pp. 722–727.",
        "Dana Kowalski, Dana Silva, and Emil Fischer. “Kinase signalling”. In: Cancer Research "
        "65.7 (2023), pp. 619–630. doi: 10 . 1000/fake.2023.3.",
    ]
    text = "References\n" + "\n".join(f"[{n}] {e}" for n, e in enumerate(entries, 1))
    (first, second), problems = parse_references(lines_of(text))
    assert first.authors == ("Jana Lindqvist", "Ben Kowalski")
    assert second.authors == ("Dana Kowalski", "Dana Silva", "Emil Fischer")
    assert first.model_confidence is None and second.model_confidence is None
    assert not [p for p in problems if "unsure" in p.message]
    # biblatex lets a DOI break after "10.", and the glyphs come apart: "10 . 1000/…"
    assert (second.doi, second.pages, second.volume) == ("10.1000/fake.2023.3", "619–630", "65")


@pytest.mark.parametrize(
    ("printed", "publisher"),
    [
        pytest.param(
            "Moreau, C., Tanaka, H.: Kinase fusions in invented tumours. Elsevier, Amsterdam "
            "(2004)",
            "Elsevier",
            id="springer",
        ),
        pytest.param(
            "Moreau, C. & Tanaka, H. Kinase fusions in invented tumours (Oxford University "
            "Press, Oxford, 2004).",
            "Oxford University Press",
            id="nature",
        ),
        pytest.param(
            "Moreau C, Tanaka H (2004) Kinase fusions in invented tumours. Wiley, Hoboken",
            "Wiley",
            id="author-year-numbered",
        ),
    ],
)
def test_a_book_title_gives_up_its_publisher_and_place(printed: str, publisher: str) -> None:
    """Springer's and Nature's CSL styles print a book as "Title. Publisher, Place (Year)" or
    "Title (Publisher, Place, Year)": the title kept the publisher and place, and the entry
    was no book. A tail with a publisher's word is the publisher. ("in invented" made the
    entry a chapter: "ed", the end of a word, read as "(ed.)".)"""
    text = "\n".join(
        [
            "References",
            f"1. {printed}",
            "2. Okafor A, Lind C. Kinase fusions in invented tumours. J Fake Oncol. 2008;31:1-9.",
        ]
    )
    book = by_number(parse_references(lines_of(text))[0])[1]
    assert (book.title, book.journal, book.year, book.kind) == (
        "Kinase fusions in invented tumours",
        publisher,
        2004,
        "book",
    )


def test_a_volume_printed_with_its_issue_is_the_volume() -> None:
    """MHRA and New Hart's Rules print "Journal, 29/9 (2020), 649–65": volume 29, issue 9.
    The volume read "29/9" and matched no record of the journal's; Optica's "Journal 14(12),
    314–324 (2019)" read "14(12", the TRR's "Journal, Vol. 19, No. 3, 2006" "19, No. 3"."""
    read = read_list(
        "1. Lindqvist, Emil, and Goran Fischer, ‘Tumour Kinase Receptor Toxicity’, Journal "
        "of Clinical Oncology, 29/9 (2020), 649–65, https://doi.org/10.5533/jco.2020.946.",
        "2. Tanaka, Emil, ‘Therapy Resistance Trial Survival’, Molecular Cancer "
        "Therapeutics, 48/2 (2004), 720–35.",
    )
    assert [(read[n].volume, read[n].year) for n in (1, 2)] == [("29", 2020), ("48", 2004)]
    read = read_list(
        '1. D. Moreau and B. Nguyen, "Signalling kinase metastases," Journal of Clinical '
        "Oncology 14(12), 314–324 (2019).",
        '2. E. Silva, "Tumour response," Lancet Oncology 8(3), 10–19 (2001).',
    )
    assert [(read[n].volume, read[n].pages) for n in (1, 2)] == [("14", "314–324"), ("8", "10–19")]
    read = read_list(
        "1. Lindqvist, H., and D. Chen. Mutation in Invented Tumours. Molecular Cancer "
        "Therapeutics, Vol. 42, No. 2, 2005, pp. 202–220.",
        "2. Okafor, C., and B. Fischer. Therapy Resistance. Lancet Oncology, Vol. 19, No. 3, "
        "2006, pp. 182–188.",
    )
    assert [read[n].volume for n in (1, 2)] == ["42", "19"]
    # Chicago's numbered styles: "Journal 349, no. 2 (2005): 2642–2658"
    read = read_list(
        "1. C. Silva and H. Tanaka, “Cohort Toxicity Kinase,” The Lancet Oncology 349, no. 2 "
        "(2005): 2642–2658, https://doi.org/10.1500/onc.2005.22015.",
        "2. H. Kowalski et al., “Trial Response Mutation,” Cancer Research 226, no. 10 (2024): "
        "1173–1178.",
    )
    assert [(read[n].volume, read[n].pages) for n in (1, 2)] == [
        ("349", "2642–2658"),
        ("226", "1173–1178"),
    ]
    # the IAEA's "Nature Medicine 296 12 (1998) 804": the issue after a space
    read = read_list(
        "1. OKAFOR, P., KOWALSKI, N., Immune-related DNA repair: kinase rearrangements in "
        "melanoma, Nature Medicine 296 12 (1998) 804.",
        "2. COHEN, T., Resistance in invented tumours, The Lancet Oncology 15 3 (2004) 112.",
    )
    assert [(read[n].journal, read[n].volume, read[n].pages) for n in (1, 2)] == [
        ("Nature Medicine", "296", "804"),
        ("The Lancet Oncology", "15", "112"),
    ]


def test_names_ended_by_a_colon_are_all_authors() -> None:
    """ "Fischer E, Moreau C, Lindqvist C: Signalling …" (the styles of Praxis, the
    International Brazilian Journal of Urology and others): the last name, glued to the
    colon, began the title."""
    read = read_list(
        "1. Fischer E, Moreau C, Lindqvist C: Signalling in invented tumours. Nature "
        "Reviews Cancer 2016; 20: 603–23.",
        "2. Haddad J: Tumour pathway metastases. Lancet Oncology. 1995; 35:825–31.",
    )
    assert read[1].authors == ("Fischer E", "Moreau C", "Lindqvist C")
    assert read[1].title == "Signalling in invented tumours"
    assert (read[2].authors, read[2].title) == (("Haddad J",), "Tumour pathway metastases")


def test_vancouver_initials_with_full_stops_are_all_authors() -> None:
    """Infectio's style prints "Moreau D., Alvarez J., Okafor C. Title": no name matched
    with its full stop, the field model read the names, and the last one began the title.
    With "et al." after the names, the title began with it."""
    read = read_list(
        "1. Moreau D., Alvarez J., Okafor C. Toxicity in an invented cohort. Molecular Cancer "
        "Therapeutics. 2005;12:613-622.",
        "2. Silva A., Moreau F. Inhibitor trials in lung tumours. Lancet Oncol. 1997;3:1-9.",
        "3. Chen G., Lindqvist H., Alvarez G., et al. Kinase in invented brains. Lancet Oncol "
        "1998;19(1):818–32.",
    )
    assert (read[3].authors[-1], read[3].title) == ("Alvarez G", "Kinase in invented brains")
    assert read[1].authors == ("Moreau D", "Alvarez J", "Okafor C")
    assert read[1].title == "Toxicity in an invented cohort"
    assert (read[2].authors, read[2].title) == (
        ("Silva A", "Moreau F"),
        "Inhibitor trials in lung tumours",
    )


def test_family_first_names_separated_by_commas_before_the_title() -> None:
    """Wiley-VCH's styles: "Tanaka, B., Rossi, B., Receptor signalling. Journal 2019, 57,
    406–416.": the first name alone was read, the others began the title."""
    read = read_list(
        "[1] Tanaka, B., Rossi, B., Receptor signalling in invented tumours. Nature Reviews "
        "Cancer 2019, 57, 406–416.",
        "[2] Haddad, J., Tumour pathway metastases. Lancet Oncology 1995, 35, 825–831.",
    )
    assert read[1].authors == ("Tanaka, B.", "Rossi, B.")
    assert read[1].title == "Receptor signalling in invented tumours"
    assert (read[2].authors, read[2].title) == (("Haddad, J.",), "Tumour pathway metastases")


def test_a_label_printed_after_its_entry_gets_the_entry_back() -> None:
    """pdftotext prints a label after its entry's text when the entry before it is short:
    "7.", a two-line book, entry 8's two lines, then "8." and "9.". Entry 7 held both, entry
    8 was empty and lost its authors, title and year; the whole entry after a finished one
    goes to the bare label."""
    read = read_list(
        "6. Okafor A, Lind C. Kinase fusions in invented tumours. J Fake Oncol. 2008;31:1-9.",
        "",
        "7.",
        "",
        "Rossi F, Tanaka C. Brain receptor inhibitors in invented patients. Amsterdam:",
        "Elsevier; 2005.",
        "Rossi I, Lindqvist B. Response of an invented cohort. Molecular Cancer",
        "Therapeutics. 2004;79(4):370–82.",
        "",
        "8.",
        "9.",
        "",
        "Moreau H. Response to therapy in invented tumours. Lancet Oncol. 1998;56:597–614.",
    )
    assert (read[7].authors[0], read[7].year) == ("Rossi F", 2005)
    assert (read[8].authors[0], read[8].year, read[8].volume) == ("Rossi I", 2004, "79")
    assert (read[9].authors[0], read[9].year) == ("Moreau H", 1998)


def test_springer_labels_printed_apart_from_entries_that_end_without_a_full_stop() -> None:
    """pdftotext prints a Springer list's labels and entries out of step: "2." over entries
    2-4, then "3." … "6." alone, then entries 5 and 6. Springer ends a book with its publisher
    and place ("Springer, New York") and an article without a DOI at its pages, with no full
    stop, and opens a one-author entry "Çelik T (1988)": no entry was cut there, and entry 2
    held three entries' text while 3, 4 and 5 held none."""
    read = read_list(
        "1.",
        "",
        "Ahmed E, Ishikawa S (1998) Annealed thermal stability in thin-film devices.",
        "Nature 40:161–171. https://doi.org/10.1038/nature.39593",
        "",
        "2.",
        "",
        "Andersson N (2019) Introduction to Materials Chemistry, 5. Aufl.",
        "Springer, New York",
        "Becker E, Abebe K (2002) Amorphous battery mechanisms across",
        "lithium cells. J Ecol 100:e3194790. https://doi.org/10.1111/1365-2745.2002.85.7933",
        "Becker S, Rossi G (1989) Defect density and catalytic activity. Science 116:618–624.",
        "",
        "3.",
        "",
        "4.",
        "5.",
        "6.",
        "",
        "Çelik S, Sørensen G (1994) Cycling stability and band gap: a cohort",
        "study. Front Oncol 63:1883–1900",
        "Çelik T (1988) Flexible ionic conductivity in pouch cells. Brain 73:282–291.",
        "https://doi.org/10.1093/brain.49327",
    )
    got = [(read[n].authors[0], read[n].year) for n in range(1, 7)]
    assert got == [
        ("Ahmed E", 1998),
        ("Andersson N", 2019),
        ("Becker E", 2002),
        ("Becker S", 1989),
        ("Çelik S", 1994),
        ("Çelik T", 1988),
    ]
    assert (read[5].journal, read[5].volume, read[5].pages) == ("Front Oncol", "63", "1883–1900")


def test_an_access_date_ends_a_web_page_in_a_column_of_labels() -> None:
    """A web page's entry ends with its access date and no full stop ("Zugegriffen: 09.
    Februar 2020", "Accessed 3 May 2019"). It is a whole entry: the column's text was not cut
    after it, and a line opening with the access date is not a new entry."""
    read = read_list(
        "8. Okafor A (2019) Kinase fusions in invented tumours. Nature 40:161–171.",
        "",
        "9.",
        "",
        "10.",
        "",
        "11.",
        "",
        "International Agency for Research on Cancer (2020) Band gap statistics 2021.",
        "https://www.who.int/publications/band-gap-statistics-2021.",
        "Zugegriffen: 09. Februar 2020",
        "Ishikawa E (2012) The role of crystallinity in porous synthesis. Nature 12:358–377",
        "Ivanova AB, Smith A (2005) Surface passivation and cycling stability.",
        "J Power Sources 139:49–57. https://doi.org/10.1016/j.jpowsour.2005.11.033",
    )
    assert read[9].year == 2020 and "Februar" not in " ".join(read[10].authors)
    assert (read[10].authors[0], read[10].year) == ("Ishikawa E", 2012)
    assert (read[11].authors[0], read[11].year) == ("Ivanova AB", 2005)


def test_a_label_after_an_entry_without_a_full_stop_gets_the_entry_back() -> None:
    """Entry 28 ends at its pages without a full stop ("Environ Sci Technol 9:430–437"), then
    entry 29's lines follow before the label "29." alone: entry 29 is cut where its names
    open a line after entry 28's year."""
    read = read_list(
        "28.",
        "",
        "van der Berg CL, Kovačević J (1985) The role of interfacial resistance in epitaxial",
        "interface. Environ Sci Technol 9:430–437",
        "Weber A, Okafor I (2006) Layered oxide signatures. Proc Natl Acad Sci USA 79:105–110.",
        "https://doi.org/10.1073/pnas.17490",
        "",
        "29.",
        "",
        "30.",
        "",
        "Yilmaz J (2015) Electrode degradation in aqueous electrolytes. Brain 12:474–496.",
    )
    assert (read[28].journal, read[28].volume) == ("Environ Sci Technol", "9")
    assert (read[29].authors[0], read[29].year, read[29].doi) == (
        "Weber A",
        2006,
        "10.1073/pnas.17490",
    )


def test_a_doi_without_a_full_stop_ends_an_entry_in_a_column_of_labels() -> None:
    """AMA prints an entry's DOI last with no full stop after it ("… 2020;180(19):187-199.
    doi:10.1038/s41598-020-29465-3"): the column's text was not cut after it, and a run of
    seven labels lost all seven entries."""
    read = read_list(
        "11. Okafor A. Kinase fusions in invented tumours. Nature. 2002;40(12):1940-1948.",
        "",
        "12.",
        "",
        "13.",
        "14.",
        "",
        "Hiroshi Kapoor, Hannah Gallagher. Long-term seed dispersal. Cancer Res.",
        "2006;105:2950-2959.",
        "Robert Martín-Sánchez, Pierre Köhler. Carbon storage and seed dispersal: a cohort",
        "study. Sci Rep. 2020;180(19):187-199. doi:10.1038/s41598-020-29465-3",
        "Pierre Mendoza, Emeka Eriksson. Pollinator visits and grazing pressure: a randomised",
        "trial. Science. 2022;75:399-406. doi:10.1126/science.2022.66.1081",
    )
    assert [(read[n].year, read[n].volume) for n in (12, 13, 14)] == [
        (2006, "105"),
        (2020, "180"),
        (2022, "75"),
    ]
    assert read[13].doi == "10.1038/s41598-020-29465-3"


def test_a_german_chapter_with_hrsg_and_seite() -> None:
    """Springer's German styles print a chapter's editors with "(Hrsg)" and its pages after
    "S" with no full stop: the entry was read as an article whose pages were "S 358–377"."""
    read = read_list(
        "1. Ishikawa E (2012) The role of crystallinity in porous synthesis. In: Weber HN, Byrne"
        " S (Hrsg) Solid State Ionics. Cambridge University Press, Cambridge, S 358–377",
        "2. Dupont J (2015) Does electrode degradation predict catalytic activity? In: Martin P"
        " (éd.) Manuel des matériaux. Dunod, Paris, pp 474–496",
    )
    assert (read[1].kind, read[1].journal, read[1].pages) == (
        "chapter",
        "Solid State Ionics",
        "358–377",
    )
    assert (read[2].kind, read[2].journal) == ("chapter", "Manuel des matériaux")


def test_labels_printed_after_the_entries_that_end_the_list_get_them_back() -> None:
    """pdftotext printed a list's last page as "27.", the text of entries 27 to 30, then
    "28.", "29." and "30." alone: entry 27 held four entries and the last three labels none.
    Bare labels after an entry holding as many more whole entries get one each."""
    read = read_list(
        "24. Okafor A. Kinase fusions in invented tumours. Nature. 2019;15:210-214.",
        "25. Moreau D. Tumour response in an invented cohort. Lancet. 2011;12:1-9.",
        "26. Haddad E. Brain metastases in invented tumours. Cell. 2015;7:100-109.",
        "",
        "27.",
        "",
        "Thomas Tanaka. Local community assembly in island systems. In: Lehmann M, editor.",
        "Global Change Ecology. Wiley-Blackwell; 1998:60-87.",
        "Xiaoming Weber, Giulia Lambert. The role of grazing pressure in warming-induced",
        "nitrogen. Plant Soil. 2020;298:337-340.",
        "Nadia Yilmaz, Thomas Dubois. Foundations of Ecology. CRC Press;",
        "2004.",
        "Xiaoming Zhang. Technical report on drought tolerance in alpine meadows. 2014.",
        "Accessed September 28, 2014. https://www.example.org/reports/drought-tolerance",
        "",
        "28.",
        "",
        "29.",
        "30.",
    )
    assert [read[n].year for n in (27, 28, 29, 30)] == [1998, 2020, 2004, 2014]
    assert (
        read[28].volume == "298"
        and read[30].url == "https://www.example.org/reports/drought-tolerance"
    )


def test_two_labels_printed_over_their_two_entries_are_paired() -> None:
    """AIAA's list through pdftotext: "[6]" and "[7]" alone, then both entries' text. A
    column had to hold three labels to be paired, and entry 6 took none while entry 7 held
    both; two labels over exactly two whole entries are a column too."""
    read = read_list(
        "[5] Nowak, C., “Targeted Therapies in Solid Tumours,” Elsevier, Amsterdam, 2022.",
        "",
        "[6]",
        "",
        "[7]",
        "",
        "Johansson, A.-L., “Does Immune Checkpoint Blockade Predict Immune",
        "Checkpoint Blockade in Asian Populations?” Cancer Research, Vol. 62,",
        "No. 23, 2016, pp. 787–798.",
        "Kowalski, D., Byrne, D., and Mensah, S., “Progression-Free Survival and Targeted",
        "Therapy: A Multicentre Study,” Advanced Materials, Vol. 75, No. 17, 2018, pp. 367–381.",
        "",
        "[8] Vasquez, Ł., “Persistent Driver Mutations,” PLoS One, Vol. 133, 1987, pp. 525–540.",
    )
    assert [(read[n].authors[0], read[n].year) for n in (5, 6, 7, 8)] == [
        ("Nowak, C.", 2022),
        ("Johansson, A.-L.", 2016),
        ("Kowalski, D.", 2018),
        ("Vasquez, Ł.", 1987),
    ]


def test_labels_out_of_step_on_both_sides_of_a_column_are_all_paired() -> None:
    """pdftotext printed "[25]" over the text of entries 25 to 27, then "[26]" … "[29]"
    alone, then "[30]" over entries 28 to 30, the first a book printed without its year
    (which only the names of the next entry cut). No one rule cut both sides into as many
    entries as the labels: the labels after entry 25 take its extra entries one by one, and
    the two left ("[28]", "[29]") then pair with the text pooled under "[30]"."""
    read = read_list(
        "[21] Okafor, A.: Kinase fusions in invented tumours. Nature, 40, 161–171 (1998).",
        "[22] Moreau, D.: Tumour response in an invented cohort. Lancet, 12, 1–9 (2011).",
        "[23] Haddad, E.: Brain metastases in invented tumours. Cell, 7, 100–109 (2015).",
        "[24] Wang, A. L.: Local drought signatures. NeuroImage, 140, 1333–1342 (1993).",
        "",
        "[25]",
        "",
        "MacLeod, R.: Nitrogen uptake and grazing pressure. Front Oncol, 39, 26–39 (2012).",
        "Ødegaard, M. C.; Byrne, P. J.: Root exudation as a determinant of pollinator visits.",
        "BMJ Open, 150, 2861–2873 (2005).",
        "United Nations Environment Programme: Pollinator visits statistics 2022. Available",
        "online: https://www.example.org/pollinator-visits (accessed on Jun 5, 2017).",
        "",
        "[26]",
        "",
        "[27]",
        "",
        "[28]",
        "",
        "[29]",
        "",
        "[30]",
        "",
        "Kaur, I.; Nguyen, T.: Global Change Ecology: Theory and Methods; 5th",
        "ed.; Cambridge University Press: Cambridge;",
        "Hughes, K.-H. N.; Johansson, S.: Long-term seed dispersal in alpine meadows. Oikos,",
        "61, 23–37 (2016).",
        "Hughes, T.; Costa, P.: Canopy cover in island systems. Ecology, 44, 1–9 (2003).",
    )
    years = [read[n].year for n in (24, 25, 26, 29, 30)]
    assert years == [1993, 2012, 2005, 2016, 2003]
    assert read[27].authors == ("United Nations Environment Programme",)
    assert read[27].url == "https://www.example.org/pollinator-visits"
    assert read[28].raw.startswith("Kaur, I.; Nguyen, T.: Global Change Ecology")
    assert (read[29].volume, read[30].volume) == ("61", "44")


def test_a_column_whose_entries_end_in_two_ways_is_cut_by_either() -> None:
    """pdftotext printed "4." over entries 4 to 7, then "5.", "6." and "7." alone. Some
    entries end with a full stop before a capital ("… 2014;141:320–3." then "Food and
    Agriculture Organization."), others with no full stop before a line of names ("…
    Report on sleep spindles. 2016:" then "Le Roux M, …"): cut by one rule or the other,
    entry 4's text never made as many entries as the labels, and three entries were lost."""
    read = read_list(
        "3. Haddad A, Russo S. The Ageing Brain. Amsterdam: Elsevier; 2010.",
        "",
        "4.",
        "",
        "Park X, Eriksson AP. Longitudinal gait speed in rodent models. BMJ Open.",
        "1988;162:e1954664.",
        "Köhler E. Motor learning and reaction time: a randomised trial. Science.",
        "2014;141:320–3.",
        "Food and Agriculture Organization. Technical report on sleep spindles in",
        "memory clinics. 2016:",
        "Le Roux M, Rahman L, Takahashi E. Impaired stroke patterns across rodent models.",
        "Cognit Neurosci. 2003;12:354–88.",
        "",
        "5.",
        "",
        "6.",
        "7.",
        "",
        "8.",
        "",
        "MacLeod J, Hughes F, Liu AR. Long-term sleep spindles after enhanced",
        "plasticity. Lancet Oncol. 1999;12(8):2990–3007.",
        "",
        "9. Sørensen MB. Sensorimotor connectivity. Glob Chang Biol. 1990;13(7):2734–50.",
    )
    firsts = [read[n].authors[0] if read[n].authors else None for n in range(3, 10)]
    assert firsts == [
        "Haddad A",
        "Park X",
        "Köhler E",
        "Food and Agriculture Organization",
        "Le Roux M",
        "MacLeod J",
        "Sørensen MB",
    ]
    assert read[6].title == "Technical report on sleep spindles in memory clinics"


def test_labels_alone_with_a_page_number_between_them_are_not_a_watermark() -> None:
    """The list's last labels, each alone, with the page number between them ("29.", "5",
    "30."): three short lines in a row were dropped as a vertical watermark, and with them
    the list's last two labels and entries."""
    read = read_list(
        "27. Byrne A. Working memory as a determinant of decline. Sci Rep. 2000;140:2192–208.",
        "",
        "28.",
        "",
        "Dąbrowski HW. The role of network oscillations in stroke. Brain. 2017;12:478–93.",
        "Tanaka F. Amyloid deposition in memory clinics. Neurology. 2021;7:1–9.",
        "",
        "29.",
        "",
        "5",
        "",
        "30.",
        "",
        "Haddad KH, Marino T. Does cortical thickness predict network oscillations in",
        "patients with epilepsy? Lung Cancer. 2009;71(21):184–99.",
    )
    assert [(read[n].authors[0], read[n].year) for n in (28, 29, 30)] == [
        ("Dąbrowski HW", 2017),
        ("Tanaka F", 2021),
        ("Haddad KH", 2009),
    ]


def test_names_then_a_year_alone_are_not_a_whole_entry() -> None:
    """The Annals of the New York Academy of Sciences print the year after the names ("Kaur
    E., O. Lambert, et al. 1989. Title."). In a column of labels, pdftotext broke such an
    entry after its year, which ended it as a year and a full stop do: its title and source
    made one entry too many, and the column was not paired."""
    read = read_list(
        "8. Novák R., C. Costa. 2000. Circulating tumour DNA. J Ecol 137: 2479–2487.",
        "",
        "9.",
        "10.",
        "11.",
        "",
        "Mendoza R., M. Tanaka, et al. 2004. Treatment toxicity in Asian populations. Front",
        "Oncol 131: 641–653.",
        "Kaur E., O. Lambert, A. Bauer, et al.",
        "1989.",
        "Heterogeneous treatment toxicity in never-smokers.",
        "eLife 79: 675–683.",
        "Takahashi X., F.N. de Souza. 2006. Persistent trial outcomes. Ecol Lett 121:",
        "1029–1039.",
    )
    assert [(read[n].authors[0], read[n].year) for n in (9, 10, 11)] == [
        ("Mendoza R.", 2004),
        ("Kaur E.", 1989),
        ("Takahashi X.", 2006),
    ]
    assert (read[10].journal, read[10].volume) == ("eLife", "79")


def test_a_body_that_opens_a_web_page_entry_is_its_author() -> None:
    """Organisations author web pages and reports, and styles set their names off in every
    way: "World Health Organization, Title, 2017.", "… Organization (2019) Title", "…
    Agency. Title, Available from: …". Where the name was not in the title's start it was
    read as the journal, or lost, and the entry had no author."""
    read = read_list(
        "1. World Health Organization, Objective response statistics 2019, 2017. [Daring]. "
        "Tersedia di: https://www.example.org/objective-response. [Diakses: 12-Jul-2017].",
        "2. Food and Agriculture Organization (2019) Technical report on lattice strain in "
        "polymer composites. https://www.example.org/lattice-strain",
        "3. International Agency for Research on Cancer. Root exudation statistics 2015, "
        "Available from: https://www.example.org/root-exudation",
        "4. Okafor A, Lind C. Kinase fusions in invented tumours. J Fake Oncol. 2008;31:1-9.",
    )
    assert [read[n].authors for n in (1, 2, 3)] == [
        ("World Health Organization",),
        ("Food and Agriculture Organization",),
        ("International Agency for Research on Cancer",),
    ]
    assert [read[n].journal for n in (1, 2, 3)] == [None, None, None]
    assert read[1].url == "https://www.example.org/objective-response"
    assert read[3].title.startswith("Root exudation statistics")


@pytest.mark.parametrize(
    ("article", "book", "expected"),
    [
        pytest.param(
            "Okafor A, Lind C. Kinase fusions in invented tumours. J Fake Oncol. 2008;31:1-9.",
            "Nadia Yilmaz, Thomas Dubois. Foundations of Ecology. CRC Press; 2004.",
            ("Foundations of Ecology", "CRC Press"),
            id="ama",
        ),
        pytest.param(
            "A. Okafor, C. Lind, Kinase fusions in invented tumours, J. Fake Oncol. 31 (2008) 1–9.",
            "O. Hughes, S. H. Zhou, Methods in Community Ecology, CRC Press, Boca Raton, 2007.",
            ("Methods in Community Ecology", None),
            id="elsevier",
        ),
        pytest.param(
            "Okafor A, Lind C. 2008. Kinase fusions in invented tumours. J Fake Oncol 31:1–9.",
            "Smith M, Kim M. 2016. Thin Film Technology: Theory and Methods. Stuttgart: Thieme.",
            ("Thin Film Technology: Theory and Methods", "Thieme"),
            id="author-year-after-names",
        ),
    ],
)
def test_a_book_whose_title_was_read_as_a_journal_gets_its_title(
    article: str, book: str, expected: tuple[str, str | None]
) -> None:
    """A book printed "Names. Title. Publisher; Year." or "Names, Title, Publisher, Place,
    Year." was read with its title in the journal field and no title at all. The publisher
    printed after it says it is a book: the title is the book's, and the publisher goes
    where a book's goes (BibTeX's publisher) where it was read apart from the title."""
    read = read_list(f"1. {article}", f"2. {book}", f"3. {article}")
    assert (read[2].title, read[2].journal, read[2].kind) == (*expected, "book")
    assert read[1].title == "Kinase fusions in invented tumours"


def test_a_year_after_the_titles_last_word_stays_in_the_title() -> None:
    """A report titled by its year ("Reaction time statistics 2020. Available at …") prints
    no other date than its access date: the year was taken off the title as the entry's
    year. It is the entry's year still, and the title keeps it; a year set off by a full
    stop ("A made-up report. 2010.") is the entry's alone."""
    read = read_list(
        "1. Zhou M, Horváth D. Reaction time statistics 2020. Available at "
        "https://www.example.org/reaction-time-statistics-2020. Accessed November 4, 2016.",
        "2. Dee C. A made-up report of invented things. 2010.",
        "3. Okafor A, Lind C. Kinase fusions in invented tumours. J Fake Oncol. 2008;31:1-9.",
    )
    assert (read[1].title, read[1].year) == ("Reaction time statistics 2020", 2020)
    assert (read[2].title, read[2].year) == ("A made-up report of invented things", 2010)


@pytest.mark.parametrize(
    ("article", "chapter", "book"),
    [
        pytest.param(
            "Okafor, A. (2008). Kinase fusions in invented tumours. J. Fake Oncol. 31, 1–9.",
            "Hughes, A. (2011). Sleep spindles in invented adolescents. In The Ageing Brain, "
            "C. Müller and S. Papadopoulos, eds. (Stuttgart: Thieme), pp. 344–364.",
            "The Ageing Brain",
            id="cell",
        ),
        pytest.param(
            "Okafor, A. Kinase fusions in invented tumours. J. Fake Oncol. 31, 1–9 (2008).",
            "Marino, A. Sleep spindles in invented adolescents. in Clinical Neurology (eds. "
            "Marino, M.-C. & Sørensen, O.) 253–270 (Academic Press, 2010).",
            "Clinical Neurology",
            id="nature",
        ),
        pytest.param(
            "Okafor A, Lind C. Kinase fusions in invented tumours. J Fake Oncol. 2008;31:1-9.",
            "Takahashi N, Kim A. Sleep spindles in invented adolescents. En: Takahashi N, "
            "editor. Principles of Thoracic Oncology. Madrid: Elsevier; 2010. p. 12-30.",
            "Principles of Thoracic Oncology",
            id="spanish-vancouver",
        ),
    ],
)
def test_a_chapters_book_is_found_however_its_editors_are_printed(
    article: str, chapter: str, book: str
) -> None:
    """Cell prints the book before its editors ("In The Ageing Brain, C. Müller and S.
    Papadopoulos, eds. (Stuttgart: Thieme)"), Nature its editors in a bracket after it ("in
    Clinical Neurology (eds. Marino, M.-C. & Sørensen, O.)"), Spanish styles "En:" for
    "In:". The chapter's title kept the book, editors, publisher and pages."""
    read = read_list(f"1. {article}", f"2. {chapter}", f"3. {article}")
    assert (read[2].title, read[2].journal) == ("Sleep spindles in invented adolescents", book)
    assert read[2].kind == "chapter"


def test_gost_entries_with_a_particle_name_and_a_close_set_dash() -> None:
    """GOST as a Russian journal prints it, the dash set close (".– 1999.– Vol. 42, № 8.–
    P. 2317–2332"), one author "van der Berg A.": that name failed as a person's, the GOST
    reading was not whole, and a reading that took the title through "// Nat Commun" won.
    GOST's "//" puts its rule first, and a particle opens a name printed with initials."""
    read = read_list(
        "1. Russo R., MacLeod T., van der Berg A., Dubois M. Working memory as a determinant "
        "of cortical thickness // Nat Commun.– 1999.– Vol. 42, № 8.– P. 2317–2332.",
        "2. Okafor E.M., de Souza F. Hippocampal sleep signatures across healthy volunteers // "
        "Clin Neurol.– 2015.– Vol. 12, № 3.– P. 543–553.",
    )
    assert [(e.title, e.journal, e.volume, e.pages) for e in read.values()] == [
        ("Working memory as a determinant of cortical thickness", "Nat Commun", "42", "2317–2332"),
        ("Hippocampal sleep signatures across healthy volunteers", "Clin Neurol", "12", "543–553"),
    ]
    assert read[1].authors[2] == "van der Berg A."


def test_a_url_label_glued_to_the_year_before_it() -> None:
    """The European Journal of Public Health prints "… 2022.URL https://…": the label
    "URL", without its colon and glued to the year, stayed in the title ("Fact sheet:
    crystallinity. 2022.URL")."""
    read = read_list(
        "1 Haddad A, Ortega-Ruiz J, Johansson S, et al. Interfacial resistance as a "
        "determinant of mechanical strength. Am J Respir Crit Care Med 2021;87:2904–13.",
        "2 Mendoza E. Does crystallinity predict defect density in thin-film devices? Water "
        "Res 2013;160:e402.",
        "3 International Agency for Research on Cancer. Fact sheet: crystallinity. 2022.URL "
        "https://www.example.org/fact-sheet-crystallinity Accessed 20 May 2022.",
    )
    assert (read[3].title, read[3].year) == ("Fact sheet: crystallinity", 2022)
    assert read[3].url == "https://www.example.org/fact-sheet-crystallinity"


def test_names_printed_given_name_first_in_full() -> None:
    """A style that prints names in full, given name first: a middle initial's full stop
    ("Marie-Claire C. Halvorsen") ended the names and opened the title, and a name the
    Vancouver rule cannot read ("…, Łukasz Haddad, Amara Ahmed. Title") stayed in the
    title. "Kowalski N. Cognitive Neuroscience." is a Vancouver name and a book's title."""
    read = read_list(
        "1. Marie-Claire C. Halvorsen, Andrés Kowalski. Does canopy cover predict root "
        "exudation in boreal wetlands? Mol Ecol. 2007;91(9):e6742958.",
        "2. Robert Martín-Sánchez, Pierre Köhler, Łukasz Haddad, Amara Ahmed. Carbon storage "
        "and seed dispersal: a cohort study. Sci Rep. 2020;180(19):187-199.",
        "3. Yuki Takahashi, Laura Le Roux, Björn K. Kaur. Habitat fragmentation in invented "
        "grasslands. Am J Respir Crit Care Med. 2019;15:210-214.",
        "4. Kowalski N. Cognitive Neuroscience. New York: Springer; 1996.",
    )
    assert read[1].authors == ("Marie-Claire C. Halvorsen", "Andrés Kowalski")
    assert read[1].title == "Does canopy cover predict root exudation in boreal wetlands?"
    assert read[2].authors[-1] == "Amara Ahmed"
    assert read[2].title == "Carbon storage and seed dispersal: a cohort study"
    assert read[3].authors == ("Yuki Takahashi", "Laura Le Roux", "Björn K. Kaur")
    assert (read[4].authors, read[4].title) == (("Kowalski N",), "Cognitive Neuroscience")


def test_a_chapters_book_keeps_no_in_before_it() -> None:
    """The Acoustical Society's chapter, "“Title,” in The Ageing Brain, edited by Ł. Iyer
    (Hoboken, Wiley-Blackwell, 2021) pp. 207–221": its book was read as the journal with its
    "in" ("in The Ageing Brain"). A journal "In Vivo" keeps its capital "In"."""
    read = read_list(
        "1. A. Okafor and C. Lind, “Kinase fusions in invented tumours,” In Vivo 31, 1–9 (2008).",
        "2. K. Vasquez and W. Lindqvist, “Chronic dementia patterns across clinical cohorts,” "
        "in The Ageing Brain, edited by Ł. Iyer and K. Zhou (Hoboken, Wiley-Blackwell, 2021) "
        "pp. 207–221.",
        "3. A. Okafor and C. Lind, “Kinase fusions in invented tumours,” J. Fake Oncol. 31, "
        "1–9 (2008).",
    )
    assert (read[2].journal, read[2].kind) == ("The Ageing Brain", "chapter")
    assert read[1].journal == "In Vivo"


def test_a_parenthesised_label_alone_on_its_line_opens_an_entry() -> None:
    """The Beilstein journals' style sets "(1)" apart from its entry, and pdftotext prints
    it alone on a line: a parenthesised label had to have the entry after it, and the list
    was not found. "[1]" and "1." alone already opened entries."""
    entries = [
        "Tanaka, B.; Alvarez, H. Nature Reviews Cancer 2010, 67, 893–908.",
        "Rossi, F. Journal of Clinical Oncology 2023, 40, 722–740.",
        "Moreau, D.; Chen, J. Nature Reviews Cancer 2023, 39, 478–488.",
    ]
    text = "\n".join(["References", *(f"({n})\n\n{e}\n" for n, e in enumerate(entries, 1))])
    read = by_number(parse_references(lines_of(text))[0])
    assert [(read[n].authors[0], read[n].year) for n in (1, 2, 3)] == [
        ("Tanaka, B.", 2010),
        ("Rossi, F.", 2023),
        ("Moreau, D.", 2023),
    ]
    # a display equation's number alone on its line is no entry of a list
    from reflink.ingest import parse_document

    body = []
    for n in range(1, 4):
        body += [
            f"The crust grows by the law below, as a survey measured in 2019 [{n}].",
            "G = k t",
            f"({n})",
            "where k is the rate measured in 2015 on granite boulders of the coast.",
        ]
    listing = [f"[{n}] Moss A. Lichen growth {n}. J Invented Res. 2001;{n}:1-9." for n in (1, 2, 3)]
    doc = parse_document("\n".join(["A review of lichens", "", *body, "", "References", *listing]))
    assert [ref.raw for ref in doc.references] == [entry[4:] for entry in listing]


def test_rsc_order_with_the_articles_title_gives_title_and_journal() -> None:
    """The RSC's own style prints no article titles, but its order with titles is common
    ("E. Fischer and J. Moreau, Kinase survival in lung, Journal of Clinical Oncology, 2001,
    12, 222–236."): title and journal were read as one journal. A journal's name with a
    comma ("J. Fake Chem., Sect. A") stays one."""
    read = read_list(
        "1 E. Fischer and J. Moreau, Kinase survival in invented lung tumours, Journal of "
        "Clinical Oncology, 2001, 12, 222–236.",
        "2 G. Silva, Resistance to kinase inhibitors, Cancer Research, 2010, 70, 1–9.",
        "3 H. Lind, J. Fake Chem., Sect. A, 2011, 3, 4–9.",
    )
    assert (read[1].title, read[1].journal) == (
        "Kinase survival in invented lung tumours",
        "Journal of Clinical Oncology",
    )
    assert (read[2].title, read[2].journal) == (
        "Resistance to kinase inhibitors",
        "Cancer Research",
    )
    assert (read[3].title, read[3].journal) == (None, "J. Fake Chem., Sect. A")


def test_bare_numbers_alone_on_their_lines_label_the_entries() -> None:
    """The Lancet's and Nature's Vancouver styles print a bare "1" before each entry, and
    pdftotext sets it on a line alone: either above its entry, or all the page's labels in a
    column, then the entries. A number alone was no label, and the column of them was taken
    for page numbers (lone numbers counting up), as were labels five lines apart that
    continue the page count ("1" at a page's foot, then "2", "3"): no list was found."""
    entries = [
        "Rossi J, Moreau A. Response of invented tumours. Lancet Oncol 2008; 47: 615–24.",
        "Chen E, Okafor H. Signalling in invented cohorts. Cancer Res 2011; 12: 1–9.",
        "Silva G. Resistance to kinase inhibitors. J Clin Oncol 2015; 33: 100–09.",
    ]
    prose = ["This sentence of running text is long enough to set the width of the column."]
    page = prose * 30
    # page numbers at the pages' feet count up too, but a page apart
    above = clean_and_read(
        [*page, "1", *page, "References"]
        + [f"{n}\n\n{entry}\n" for n, entry in enumerate(entries, 1)]
        + [*prose * 25, "3"]
    )
    column = clean_and_read(
        [*page, "1", *page, "References", "1", "2", "3", "", *entries, *prose * 25, "3"]
    )
    for read in (above, column):
        assert [(read[n].authors[0], read[n].year) for n in (1, 2, 3)] == [
            ("Rossi J", 2008),
            ("Chen E", 2011),
            ("Silva G", 2015),
        ]


def clean_and_read(printed: list[str]) -> dict[int, RefEntry]:
    """The lines as textclean leaves them (its furniture pass included) → entries by number."""
    from reflink.textclean import clean_text

    return by_number(parse_references(clean_text("\n".join(printed)))[0])


def test_year_volume_and_pages_set_apart_by_spaces_alone() -> None:
    """Bioscientifica's journals (Endocrine Connections, Journal of Endocrinology) print
    "Lancet Oncology 2009 12 718–726.": no rule read it, and the field model took the year
    for the volume or the volume for a page."""
    read = read_list(
        "1. Fischer C, Okafor G & Chen D. Receptor dose in invented tumours. Lancet Oncology "
        "2009 12 718–726. (https://doi.org/10.7753/onc.2009.945)",
        "2. Haddad J & Moreau D. Therapy resistance. Cancer Research 2011 32 779–789.",
        "3. Kowalski B. Lung trial metastases. Cancer Research 2008 30 309–327.",
    )
    assert [(read[n].year, read[n].volume, read[n].pages) for n in (1, 2, 3)] == [
        (2009, "12", "718–726"),
        (2011, "32", "779–789"),
        (2008, "30", "309–327"),
    ]
    assert read[1].journal == "Lancet Oncology" and read[1].authors[-1] == "Chen D"


def test_a_chapter_title_ends_before_its_book() -> None:
    """ "Title. In: Lind E, editor. Handbook …, Publisher. p. 48–63" (CSL's Harvard-like
    styles) and ACS's "Title, in Handbook … (Lind, O., Eds.), pp 235–250": the title took the
    editors, the book and the publisher. The book goes where a chapter's book goes, the journal
    field."""
    read = read_list(
        "[1] Fischer, G. and Kowalski, B. (2007) Kinase inhibitors: A systematic review. Journal "
        "of Clinical Oncology, 28, 1711–1758.",
        "[2] Rossi, A. and Moreau, F. (2006) Lung fusion in invented tumours? In: Alvarez E, "
        "editor. Handbook of Invented Resistance, Springer, Berlin. p. 48–63.",
        "[3] Haddad, E. and Wu, M. (2022) Tumour survival: A cohort study. In Lind, E. (ed.), "
        "Handbook of Brain Metastases, Elsevier, Amsterdam, pp. 13–38.",
        "[4] Wu, C. and Fischer, A. (2020) Trial efficacy in 300 patients. PLoS ONE, 148, e67058.",
    )
    assert [(read[n].title, read[n].journal, read[n].pages, read[n].kind) for n in (2, 3)] == [
        ("Lung fusion in invented tumours?", "Handbook of Invented Resistance", "48–63", "chapter"),
        ("Tumour survival: A cohort study", "Handbook of Brain Metastases", "13–38", "chapter"),
    ]
    assert read[4].title == "Trial efficacy in 300 patients"  # "in" inside a title stays
    acs = read_list(
        "(1) Nguyen, A. R., and Silva, B. G. (2001) Progression kinase survival, in Handbook of "
        "signalling efficacy (Kowalski, O., and Garcia, E., Eds.), pp 235–250. Wiley, Hoboken.",
        "(2) Kim, D., and Silva, B. G. (2003) Signalling in invented tumours. Nat. Rev. Cancer "
        "12, 35–49.",
    )
    assert (acs[1].title, acs[1].journal, acs[1].pages, acs[1].kind) == (
        "Progression kinase survival",
        "Handbook of signalling efficacy",
        "235–250",
        "chapter",
    )


def test_vancouver_names_with_the_particle_after_the_initials() -> None:
    """ "Souza M-L de", "Berg E van der": CSL's Vancouver styles that demote the particle;
    the names ended before them and the rest of the list went into the title."""
    read = read_list(
        "3. Garcia-Lopez C, Rossi CL, Souza M-L de, Li D: Trial crizotinib mutation: A phase III "
        "randomised trial. Lancet Oncol 2010; 358:2444–50",
        "4. Garcia-Lopez H, Berg E van der, Alvarez J-P: Metastases survival tumour biomarker. "
        "Lancet Oncol 2017; 94:125–30",
    )
    assert read[3].authors == ("Garcia-Lopez C", "Rossi CL", "Souza M-L de", "Li D")
    assert read[3].title == "Trial crizotinib mutation: A phase III randomised trial"
    assert read[4].authors == ("Garcia-Lopez H", "Berg E van der", "Alvarez J-P")
    assert read[4].title == "Metastases survival tumour biomarker"


def test_a_vancouver_chapter_whose_reading_kept_only_the_editors_in_its_title() -> None:
    """ "Title? In: Lind J, Li C, editors. Handbook …. Amsterdam: Elsevier; 2012. p. 145–66.":
    the Vancouver reading took the pages and left "In: Lind J, Li C, editors" in the title;
    the book is found where the entry prints it."""
    read = read_list(
        "1. Okafor EM, Kowalski C, Tanaka E. Mutation trial biomarker fusion? In: Lind J, Li C, "
        "editors. Handbook of invented tumours. Amsterdam: Elsevier; 2012. p. 145–66.",
        "2. Okafor EM, Kowalski C. Mutation trial biomarker. Lancet Oncol. 2012;12:145–66.",
    )
    assert (read[1].title, read[1].journal, read[1].kind) == (
        "Mutation trial biomarker fusion?",
        "Handbook of invented tumours",
        "chapter",
    )


def test_a_book_title_ending_in_a_question_mark_gives_up_its_publisher() -> None:
    """ "Title? Oxford University Press, Oxford.": the publisher and place after a title that
    ends in a question mark, not a full stop."""
    read = read_list(
        "1. Wu, D., Fischer, O. (2001) Does kinase dose matter? Oxford University Press, Oxford.",
        "2. Wu, D., Fischer, O. (2001) Rearrangement progression. Cancer Research, 12, 1–9.",
    )
    assert (read[1].title, read[1].journal, read[1].kind) == (
        "Does kinase dose matter?",
        "Oxford University Press",
        "book",
    )


def test_gost_entries_are_read() -> None:
    """GOST R 7.0.5, which Russian and many other journals print: "Names. Title // Journal. –
    Year. – Vol. 9, № 8. – P. 835–854.", in Russian "Т." and "С.", with the authors again
    after a slash where the full form is used. No rule read the source after "//"."""
    read = read_list(
        "1. Okafor B.L., Moreau J.-P., Souza G. de, Lind J. Kinase fusions in invented tumours "
        "// Fake Cancer Res.– 2017.– Vol. 309, № 8.– P. 835–854.",
        "2. Иванов И.И., Петров П.П. Лечение выдуманного рака // Онкология. – 2019. – Т. 21, "
        "№ 3. – С. 45–52.",
        "3. Okafor A.B. Lichens in invented wind / A.B. Okafor, C. Lind // Fake J. – 2020. – "
        "Vol. 5. – P. 1–9.",
    )
    assert read[1].authors == ("Okafor B.L.", "Moreau J.-P.", "Souza G. de", "Lind J.")
    assert [(e.title, e.journal, e.year, e.volume, e.pages) for e in read.values()] == [
        ("Kinase fusions in invented tumours", "Fake Cancer Res", 2017, "309", "835–854"),
        ("Лечение выдуманного рака", "Онкология", 2019, "21", "45–52"),
        ("Lichens in invented wind", "Fake J", 2020, "5", "1–9"),
    ]


def test_the_style_is_the_one_whose_rule_reads_most_entries_whole() -> None:
    """Chapters ("… Wiley, Hoboken, 2016, 29–48.") fit RSC's source, as the articles
    ("Okafor, J.-P., Lind, O. R. Title. J, 2021, 166, 1–9.") fit RSC's and ACS's source: RSC
    fitted more entries and won, read none of them whole (names printed family first), and
    the field model read every entry: "2021" became a volume and "232" a page."""
    read = read_list(
        "1. Okafor, J.-P., Lind, O. R., Chen, A. Invented kinase fusions. Fake J Med, 2021, 166, "
        "1449–1467.",
        "2. Moreau, G. A., Silva, H. J., et al. Dose in invented patients. PLoS ONE, 2018, 232(8), "
        "e90827.",
        "3. Li, D., Tanaka, C. Invented tumours. In: Handbook of Lungs (Kim, G., ed.). "
        "Wiley-Blackwell, Hoboken, 2016, 29–48.",
        "4. Haddad, J., Silva, E. Invented lichens. In: Handbook of Rock (Lind, C., ed.). "
        "Elsevier, Amsterdam, 2020, 76–91.",
        "5. Rossi, F., Wu, C. Invented spores. In: Handbook of Wind (Chen, A., ed.). Springer, "
        "Berlin, 2019, 1–19.",
        "6. Kim, G. E., Souza, G. de. Invented cohorts. Clin Fake Res, 2005, 12(3), 409–420.",
    )
    assert [(read[n].volume, read[n].pages) for n in (1, 2, 6)] == [
        ("166", "1449–1467"),
        ("232", "e90827"),
        ("12", "409–420"),
    ]


def test_a_style_tie_goes_to_the_rule_that_reads_the_entries_whole() -> None:
    """ "Okafor, J.-P., Lind, O. R. Title. Fake J, 2021, 166, 1449–1467." fits RSC's source
    pattern and ACS's alike; the tie went to RSC, first in order, which cannot read names
    printed family first, and the field model read every entry (a volume became the year)."""
    read = read_list(
        "1. Okafor, J.-P., Lind, O. R., Chen, A. Invented kinase fusions. Fake J Med, 2021, 166, "
        "1449–1467.",
        "2. Moreau, G. A., Silva, H. J., et al. Dose in invented patients. PLoS ONE, 2018, 232(8), "
        "e90827.",
    )
    assert [(e.authors[0], e.title, e.journal, e.volume, e.pages) for e in read.values()] == [
        ("Okafor, J.-P.", "Invented kinase fusions", "Fake J Med", "166", "1449–1467"),
        ("Moreau, G. A.", "Dose in invented patients", "PLoS ONE", "232", "e90827"),
    ]


def test_an_entry_read_whole_by_another_style_than_its_lists() -> None:
    """In an RSC list, an entry printed as ACS prints it ("Tanaka, J.-P., Lind, O. R. Title.
    J, 2021, 166, 1–9."): RSC's source pattern fits it and was taken first, though its rule
    cannot read the names; ACS's reads the entry whole, and its reading is the one kept."""
    read = read_list(
        "1 S. M. Okafor, K. Lind and L. J. Chen, Lancet Fake Oncol., 2014, 15, 1119–1128.",
        "2 A. B. Moreau and C. Silva, J. Invented Res., 2015, 16, 200–209.",
        "3 D. Haddad, Fake Cancer Res., 2016, 17, 300–309.",
        "4 E. Rossi and F. Wu, Clin. Fake Res., 2017, 18, 400–409.",
        "5 Tanaka, J.-P., Lind, O. R. Invented kinase fusions. Fake J Med, 2021, 166, 1449–1467.",
    )
    assert (read[5].authors, read[5].title, read[5].journal) == (
        ("Tanaka, J.-P.", "Lind, O. R."),
        "Invented kinase fusions",
        "Fake J Med",
    )
    assert read[1].authors == ("S. M. Okafor", "K. Lind", "L. J. Chen")


def test_family_first_names_joined_by_and_then_a_title() -> None:
    """Current Science's "Alvarez, J. and Kowalski, G., Title. Journal, 2000, 6, 139–147.":
    the second name, joined by "and" without a comma, began the title; and the Journal of
    Basic Microbiology's "Silva, A., Chen, E., 1998. Title. Journal, 1998, 40, 125–141." kept
    the year printed after the names in the title."""
    read = read_list(
        "1. Alvarez, J. and Kowalski, G., Trial survival in invented tumours. Clinical Fake "
        "Research, 2000, 6, 139–147.",
        "2. Silva, B. and Nguyen, A., Resistance in an invented cohort. Lancet Fake Oncology, "
        "2022, 32, 804–811.",
    )
    assert (read[1].authors, read[1].title) == (
        ("Alvarez, J.", "Kowalski, G."),
        "Trial survival in invented tumours",
    )
    read = read_list(
        "1. Silva, A., Chen, E., Kowalski, A., 1998. Lung progression in invented tumours. "
        "Nature Fake Reviews, 1998, 40, 125–141.",
        "2. Chen, A., 2000. Inhibitor dose in invented cohorts. Lancet Fake Oncology, 2000, 8, "
        "596–607.",
    )
    assert [(read[n].title, read[n].volume) for n in (1, 2)] == [
        ("Lung progression in invented tumours", "40"),
        ("Inhibitor dose in invented cohorts", "8"),
    ]


def test_a_web_entrys_title_loses_what_its_address_and_access_date_left() -> None:
    """ "Title. https://…. (2007)Accessed: June 2024." and AMA's "Title.Published 1999.
    Accessed …": the address and the access date go, and the title kept ". . (2007)" and
    "Published"."""
    read = read_list(
        "1. Fischer M-L, Lindqvist IC (2007) Receptor tumour in invented lichens. "
        "https://www.example.org/data/204. (2007)Accessed: June 2024.",
        "2. Okafor B, Nguyen A (2002) Survival of invented mosses? "
        "https://www.example.org/guidelines/213. (2002)Accessed: August 2024.",
        "3. Wu BE, Rossi O (2019) Outcomes of invented spores. Journal of Fake Oncology 165 (3): "
        "2448–2454.",
    )
    assert [read[n].title for n in (1, 2)] == [
        "Receptor tumour in invented lichens",
        "Survival of invented mosses?",
    ]
    ama = read_list(
        "1. Okafor E, Haddad J. Outcomes of invented cohorts.Published 1999. Accessed August 13, "
        "2024. https://www.example.org/x/1",
        "2. Lind C. Invented kinases. Fake J Oncol. 2001;12:1-9.",
    )
    assert (ama[1].title, ama[1].year) == ("Outcomes of invented cohorts", 1999)


def test_et_al_in_other_languages_ends_the_names() -> None:
    """Hungarian "és mtsai.", Turkish "ve ark." and "vd.", Polish "i wsp.", Spanish "y
    cols.", Czech "a kol.", Dutch "e.a." end the names as "et al." does; "Kim B. és mtsai.:
    Title" kept "és mtsai" in the last name, and with "et al." the title kept "et al.:"."""
    read = read_list(
        "1. Okafor E., Lind F., Kim B. és mtsai.: Invented receptor toxicity: A phase III trial. "
        "Ann Fake Oncol. 1996;314(8):2038–2043.",
        "2. Yılmaz A, Demir B, Kaya C, ve ark. Invented kinase fusions in lung. Fake J Oncol. "
        "2015;12:1-9.",
        "3. Kowalski J, Nowak A, i wsp. Invented lichens on rock. Fake Pol Med. 2016;13:10-19.",
        "4. García J, López M, y cols. Invented spores in wind. Rev Fake Esp. 2017;14:20-29.",
        "5. Petrov XD, Köhler X, vd. Invented grazing in islands. BMJ Open 2007;140:e404.",
        "6. Novák P, Horváth J, a kol. Invented moss on roofs. Fake Cas Lek. 2011;5:20-29.",
        "7. Jansen P, Bakker J, e.a. Invented dunes in Zeeland. Fake Ned Tijd. 2012;6:30-39.",
    )
    assert [(e.authors[-1], e.title) for e in read.values()] == [
        ("Kim B", "Invented receptor toxicity: A phase III trial"),
        ("Kaya C", "Invented kinase fusions in lung"),
        ("Nowak A", "Invented lichens on rock"),
        ("López M", "Invented spores in wind"),
        ("Köhler X", "Invented grazing in islands"),
        ("Horváth J", "Invented moss on roofs"),
        ("Bakker J", "Invented dunes in Zeeland"),
    ]


def test_a_label_glued_to_the_first_initial_opens_its_entry() -> None:
    """ "24.G. Garcia-Lopez, …": the space after the label lost (a long first line, or a
    tab the extraction dropped); the entry went into the one before."""
    read = read_list(
        "1. D. D. Okafor, J.-P. Wu and J. L. Lind, Invented kinases, Fake J. Chem., 2001, 12, "
        "100–109.",
        "2.G. Garcia-Lopez, J.-P. Garcia-Lopez and I. Kim, Invented lichens, Fake J. Chem., "
        "2002, 13, 110–119.",
        "3. G. Moreau, Invented spores, Fake J. Chem., 2003, 14, 120–129.",
    )
    assert [(e.authors[0], e.volume) for e in read.values()] == [
        ("D. D. Okafor", "12"),
        ("G. Garcia-Lopez", "13"),
        ("G. Moreau", "14"),
    ]


def test_physics_entries_with_and_without_titles() -> None:
    """APS and AIP print "A. B. Smith and C. Jones, Phys. Rev. Lett. 13, 508 (1964)." (no
    title), the Journal of Materials Research "A. Lee, B. Kim, and C. Park: Title. J 333(4),
    831 (2009).": Nature's source after initials-first names, which Nature's rule does not
    read; a one-author entry lost its journal to the title, a colon-ended list its last
    author and title to the journal."""
    aps = read_list(
        "[1] A. B. Okafor and C. Lind, Phys. Fake Lett. 13, 508 (1964).",
        "[2] D. Lee, E. F. Kim, and G. Park, J. Fake Phys. 112, 9876 (2000).",
        "[3] H. Moreau, Fake Nature 453, 190 (2008).",
    )
    assert [(e.authors, e.journal, e.volume, e.pages) for e in aps.values()] == [
        (("A. B. Okafor", "C. Lind"), "Phys. Fake Lett.", "13", "508"),
        (("D. Lee", "E. F. Kim", "G. Park"), "J. Fake Phys.", "112", "9876"),
        (("H. Moreau",), "Fake Nature", "453", "190"),
    ]
    jmr = read_list(
        "1. E. Haddad, H. J. Wu, and B. Lind: Inhibitor toxicity in invented tumours? Fake Res "
        "333(4), 831 (2009).",
        "2. C. Nguyen and E. A. Fischer: Outcomes of invented therapy. Fake J Med 394, 1960 "
        "(2022).",
    )
    assert [(e.authors[-1], e.title, e.journal, e.volume) for e in jmr.values()] == [
        ("B. Lind", "Inhibitor toxicity in invented tumours?", "Fake Res", "333"),
        ("E. A. Fischer", "Outcomes of invented therapy", "Fake J Med", "394"),
    ]
    # PNAS: "et al." a chunk of its own, a colon inside the title, a book with its year alone
    pnas = read_list(
        "1. J.-P. Okafor, et al., Invented trial: A phase III study. Fake Oncol 107, 2235–2241 "
        "(1996).",
        "2. G. Lind, Lung fusions in invented tumours? Fake Rev Cancer 15, 2330–2339 (2022).",
        "3. M.-L. E. Alvarez, et al., Invented kinase signalling (Wiley-Blackwell, 2023).",
    )
    assert [(e.authors, e.title, e.year) for e in pnas.values()] == [
        (("J.-P. Okafor",), "Invented trial: A phase III study", 1996),
        (("G. Lind",), "Lung fusions in invented tumours?", 2022),
        (("M.-L. E. Alvarez",), "Invented kinase signalling", 2023),
    ]


def test_a_year_in_brackets_before_volume_and_pages_is_the_source() -> None:
    """Hungarian journals (Bőrgyógyászati és Venerológiai Szemle) print "Names: Title. Journal.
    (Year) Volume(Issue), pages." with the names' initials dotted and spaced ("Ødegaard O.
    G."). No rule read that source: the field model took "314" for the pages, and the first
    initial's full stop ended the names ("Ødegaard O", then "G., Nguyen D.: Title…")."""
    read = read_list(
        "1. Okafor E., Lindqvist F., Kim B. és mtsai.: Invented receptor fusions: A phase III "
        "trial. Ann Fake Oncol. (1996) 314(8), 2038–2043.",
        "2. Ødegaard O. G., Nguyen D.: Invented lichens: A systematic review. Fake Cancer Ther. "
        "(2016) 148, 937–948.",
        "3. Rossi C. H., Moreau M.-L.: Outcomes of invented signalling. Fake Res. (2007) 315(8), "
        "e38084. DOI: 10.7570/fake.2007.57730",
    )
    assert [(e.journal, e.year, e.volume, e.pages) for e in read.values()] == [
        ("Ann Fake Oncol", 1996, "314", "2038–2043"),
        ("Fake Cancer Ther", 2016, "148", "937–948"),
        ("Fake Res", 2007, "315", "e38084"),
    ]
    assert read[2].authors == ("Ødegaard O. G.", "Nguyen D")
    assert read[3].authors == ("Rossi C. H.", "Moreau M.-L.")
    assert read[2].title == "Invented lichens: A systematic review"
    assert read[3].doi == "10.7570/fake.2007.57730"


def test_a_doi_broken_before_its_short_last_piece_is_joined_but_a_page_number_is_not() -> None:
    """A DOI broken at a line's end before a short last piece: "…CAN-13-" + "2345" (no DOI
    ends at a hyphen), "…2015.01." + "001" (no page number has a leading zero) and
    "…NEJMoa1" + "801234" (the entry's last line, one token). Lone short numbers were all
    taken for page numbers, and the last was joined with a space. After a whole DOI, a lone
    "12" in extracted text is still the page's number."""
    read = read_list(
        "1. Gray E. Invented resistance. Fake Res. 2014;74:500-510. doi:10.1158/0008-5472.CAN-13-",
        "2345",
        "2. Black D. Invented outlook. Cell. 2015;160:400-410. DOI 10.1016/j.cell.2015.01.",
        "001",
        "3. Brown A. Invented death rates. N Fake J Med. 2018;378:100-110. doi:10.1056/NEJMoa1",
        "801234",
        "4. White C. Invented mutations. Nature. 2016;530:300-310. doi:10.1038/nature16789",
        "12",
        "5. Green B. Invented therapy. J Fake Oncol. 2017;35:200-210. doi:10.1200/JCO.2016.71.1234",
    )
    assert [e.doi for e in read.values()] == [
        "10.1158/0008-5472.CAN-13-2345",
        "10.1016/j.cell.2015.01.001",
        "10.1056/NEJMoa1801234",
        "10.1038/nature16789",
        "10.1200/JCO.2016.71.1234",
    ]
    assert "12" not in read[4].raw.split()


def test_springer_basic_volume_and_pages_with_spaces_alone_between_them() -> None:
    """Springer's basic style: "Names (Year) Title. Journal Name 243 1291–1306." Amid
    entries whose source has a colon ("153 (9): e36051"), the rule for a year in brackets
    after the names found no source in these, and the title ran on through the journal's
    volume and pages ("…response. Cancer Research 243 1291–1306")."""
    read = read_list(
        "1. Kim G, Fischer G, Lopez B et al. (2018) Invented fusions. Nature Reviews Fakes 153 "
        "(9): e36051.",
        "2. Chen FJ, Rossi EA, Lopez C et al. (2009) Invented therapy response. Fake Cancer "
        "Research 243 1291–1306. doi: 10.7641/can.2009.4417.",
        "3. Okafor CK, Kim C, Li I et al. (2014) Invented pathways in the brain? The Lancet "
        "Fakes 57 e540.",
        "4. Rossi MK, Chen H (2021) Invented toxicity: A meta-analysis. Journal of Fake "
        "Oncology 220 (9): e39766.",
    )
    assert [(e.title, e.journal, e.volume, e.pages) for e in read.values()][1:3] == [
        ("Invented therapy response", "Fake Cancer Research", "243", "1291–1306"),
        ("Invented pathways in the brain?", "The Lancet Fakes", "57", "e540"),
    ]


def test_a_web_page_without_a_year_in_a_vancouver_list_keeps_its_names_apart() -> None:
    """AMA-like styles print web pages as "Names, et al. Title. Available from: URL. Accessed
    <date>." With no year left once the access date is taken, Vancouver's rule gave up; the
    reading that won took every name but the last as one author ("Wu GA., …, Wu GD.") and
    began the title with "et al." or with the last name."""
    read = read_list(
        "1. Wu GA., Alvarez J-P., Rossi E., Kowalski J., Haddad E., Wu GD., et al. Invented "
        "fusions: A cohort study. Available from: https://www.example.org/guidelines/28. "
        "Accessed August 10, 2024.",
        "2. Fischer EA., Okafor C. Invented kinase trial. J Fake Oncol. 2019;12(3):100–110.",
        "3. Lindqvist C., Tanaka J., Haddad M-L. Invented lichens in the brain. Available from: "
        "https://www.example.org/guidelines/310. Accessed August 10, 2024.",
    )
    assert read[1].authors[:2] == ("Wu GA", "Alvarez J-P") and len(read[1].authors) == 6
    assert read[1].title == "Invented fusions: A cohort study"
    assert read[3].authors == ("Lindqvist C", "Tanaka J", "Haddad M-L")
    assert read[3].title == "Invented lichens in the brain"
    assert read[3].url == "https://www.example.org/guidelines/310"


def test_the_last_name_or_its_particle_is_not_left_at_the_titles_start() -> None:
    """A rule that ended the names a step too soon left the last one at the title's start:
    "Okafor I: Title" after "Moreau I, Moreau O," (The Journal of Pain: "…, Okafor I: Title.
    Journal vol:pages, year."), "von. Title" after "Arnim, J.-P." and "D.: Title" after
    "Lind A." (Hungarian journals' dotted initials). A capitalised title before a colon
    ("CLUSTAL W: improving…") after a name and a space stays the title."""
    read = read_list(
        "1. Moreau I, Moreau M-LE, Moreau O, Okafor I: Invented patients. Clin Fake Res "
        "396:2665–84, 2019.",
        "2. Chen, G., Silva, F. C., Arnim, J.-P. von. Invented signalling. Ann Fake Oncol, 2007, "
        "276, 2128–2139.",
        "3. Lind A. D.: Invented crizotinib. Fake Oncol. (1998) 12(3), 134–154.",
        "4. Thompson, J.D.; Higgins, D.G. CLUSTAL W: improving invented alignments. Nucleic Fake "
        "Res 1994, 22, 4673–4680.",
    )
    assert [(e.authors, e.title) for e in read.values()] == [
        (("Moreau I", "Moreau M-LE", "Moreau O", "Okafor I"), "Invented patients"),
        (("Chen, G.", "Silva, F. C.", "Arnim, J.-P. von"), "Invented signalling"),
        (("Lind A. D.",), "Invented crizotinib"),
        (("Thompson, J.D.", "Higgins, D.G."), "CLUSTAL W: improving invented alignments"),
    ]


def test_french_and_spanish_web_pages_lose_their_medium_and_citation_date() -> None:
    """Vancouver in French and Spanish: "Title [en ligne]. 2007 [cité le 19 mai 2024].
    Disponible sur: URL", "Title [Internet]. 2012 [citado 17 feb 2024]. Disponible en: URL".
    "[en ligne]" and the date it was cited stayed in the title; "2024" was read as the year."""
    read = read_list(
        "1. Kowalski FL, Fischer I, Haddad H, et al. Invented survival: a meta-analysis [en "
        "ligne]. 2007 [cité le 19 mai 2024]. Disponible sur: https://www.example.org/report/1",
        "2. Lind J-PH, Kim B, Fischer B, et al. Invented cohorts [Internet]. 2012 [citado 17 feb "
        "2024]. Disponible en: https://www.example.org/reports/761",
        "3. Okafor F, Kim DF. Invented trial. J Fake Oncol. 2019;12(3):100–110.",
    )
    assert [(e.title, e.year, e.url) for e in read.values()][:2] == [
        ("Invented survival: a meta-analysis", 2007, "https://www.example.org/report/1"),
        ("Invented cohorts", 2012, "https://www.example.org/reports/761"),
    ]


def test_access_dates_and_web_site_tags_in_more_languages() -> None:
    """ "[accedido 24 septiembre 2017]" (Spanish), "Erişim Aralık 25, 2022." (Turkish) and
    WHO Europe's "[web site]" stayed in web pages' entries: the date's year was read as the
    page's, the Turkish date became the journal, "[web site]" ended the title."""
    read = read_list(
        "1. Novák O. Resistance in invented cohorts. 2018 [accedido 24 septiembre 2017]. "
        "Disponible en: https://www.example.org/reports/1.",
        "2. MacLeod I, Petrov S. Nitrogen uptake in invented soils. 2022. Available at: "
        "https://www.example.org/reports/2. Erişim Aralık 25, 2023.",
        "3. Nowak P, Novák R. Guidance on gait speed [web site]. 2021 "
        "(https://www.example.org/reports/3, accessed 14 March 2021).",
        "4. Okafor F, Kim DF. Invented trial. J Fake Oncol. 2019;12(3):100–110.",
    )
    assert [(read[n].title, read[n].journal, read[n].year) for n in (1, 2, 3)] == [
        ("Resistance in invented cohorts", None, 2018),
        ("Nitrogen uptake in invented soils", None, 2022),
        ("Guidance on gait speed", None, 2021),
    ]


def test_a_title_the_rules_read_is_not_the_models_journal_too() -> None:
    """A Vancouver book or web page with nothing after its title but a year ("Murray JD.
    Mathematical Biology. 2002.", "Title. 2018. Available from: URL") is no entry any rule
    reads whole, so the field model fills what the rules left empty: it took the title for a
    journal as well, and the entry printed as an article in a journal of its own name."""
    read = read_list(
        "1. Murray JD. Mathematical biology of invented tumours. 2002.",
        "2. Novák O. Resistance in invented cohorts. 2018. Available from: "
        "https://www.example.org/reports/1.",
        "3. Okafor F, Kim DF. Invented trial. J Fake Oncol. 2019;12(3):100–110.",
    )
    assert [(read[n].title, read[n].journal, read[n].year) for n in (1, 2)] == [
        ("Mathematical biology of invented tumours", None, 2002),
        ("Resistance in invented cohorts", None, 2018),
    ]
    assert read[1].kind != "article" and read[2].kind == "web"


def test_names_joined_and_pages_labelled_in_the_lists_language() -> None:
    """CSL styles print "and" and the pages' label in the list's language: Indonesian "Okafor,
    A. dan Lind, C., …, vol. 12, no. 3, hal. 100–109, 2001." (the names split at the
    commas, IEEE's source took "pp." only), German "und", and the Czech standard's dash
    between names with "č. 22, s. e4305695" (its page label stayed in the pages)."""
    read = read_list(
        "[1] Okafor, A. dan Lind, C., Kinase fusions in tumours, J Fake Oncol, vol. 12, no. 3, "
        "hal. 100–109, 2001.",
        "[2] Papadopoulos, P. - Lindqvist, A.-L.: Intracranial inhibitor signatures across "
        "invented cohorts. Brain, 140, 2024, č. 22, s. e4305695.",
        "[3] Moreau, D. und Silva, E., Invented trials, J Fake Oncol, vol. 9, no. 1, "
        "pp. 1–9, 2003.",
    )
    assert [read[n].authors for n in (1, 2, 3)] == [
        ("Okafor, A.", "Lind, C."),
        ("Papadopoulos, P.", "Lindqvist, A.-L."),
        ("Moreau, D.", "Silva, E."),
    ]
    assert [(read[n].volume, read[n].pages) for n in (1, 2, 3)] == [
        ("12", "100–109"),
        ("140", "e4305695"),
        ("9", "1–9"),
    ]


def test_a_links_label_after_the_pages_is_no_part_of_them() -> None:
    """Johnson Matthey Technology Review prints "… 64, (20), e372 LINK https://doi.org/…":
    the link's label stayed in the pages ("e372 LINK") of 18 of a probe review's entries."""
    read = read_list(
        "1. K.-H. Jørgensen, Nucleic Acids Res, 1990, 64, (20), e372 LINK "
        "https://doi.org/10.1093/nar.1990.69.1606",
        "2. P. Yilmaz, M. Lindqvist and A. Marino, J Power Sources, 1986, 114, 700 LINK",
    )
    assert [(read[n].volume, read[n].pages) for n in (1, 2)] == [("64", "e372"), ("114", "700")]
    assert read[1].doi == "10.1093/nar.1990.69.1606"


def test_a_body_named_before_a_web_pages_title_is_its_author() -> None:
    """ "European Medicines Agency: Fact sheet: …, https://…, last accessed 2013/10/19." and
    "United Nations Environment Programme. Title. [accedido …]. Disponible en: URL.": no rule
    read the body as the author, and the title kept it. A name in capitals with an
    organisation's noun before the title is the author; a person's page keeps its title's
    colon."""
    read = read_list(
        "1. European Medicines Agency: Fact sheet: invented tumours, "
        "https://www.example.org/documents/fact-sheet, last accessed 2013/10/19.",
        "2. United Nations Environment Programme. Litter decomposition in invented soils. "
        "[accedido 4 septiembre 2016]. Disponible en: https://www.example.org/documents/2.",
        "3. Okafor A. Fact Sheet: Invented Tumours. 2019. https://www.example.org/documents/3.",
        "4. Okafor F, Kim DF. Invented trial. J Fake Oncol. 2019;12(3):100–110.",
    )
    assert [(read[n].authors, read[n].title) for n in (1, 2, 3)] == [
        (("European Medicines Agency",), "Fact sheet: invented tumours"),
        (("United Nations Environment Programme",), "Litter decomposition in invented soils"),
        (("Okafor A",), "Fact Sheet: Invented Tumours"),
    ]


def test_chapters_in_vancouver_and_ama_read_their_book() -> None:
    """ "Title. In: Lind M, Kim B, eds. Book. Stuttgart: Thieme; 2008:599–627." (AMA),
    Vancouver's "editor. … 1998. p. 16–31." and Springer's "(eds) Book. Hoboken: Wiley, 2010,
    pp. 152–174." fit no source pattern: the field model read them, without the book (a
    chapter's book goes where a journal goes), the year once as a volume, and Springer's
    form went to RSC's rule whole into the journal."""
    read = read_list(
        "1. Berg H-WR van der, Rossi L. Invented oxides in pouch cells. In: Ortega-Ruiz M, "
        "Ahmed GP, eds. Introduction to Invented Chemistry. Stuttgart: Thieme; 2008:599–627.",
        "2. Marino TH. Cycling stability of invented cells. In: Fernández M, editor. "
        "Introduction to Invented Chemistry. Stuttgart: Thieme; 1998. p. 16–31.",
        "3. Hoffmann HN, Kaur JF. Does invented degradation predict strain? In: Sørensen M, "
        "Singh R (eds) Invented Solid State Ionics. Hoboken: Wiley-Blackwell, 2010, pp. "
        "152–174.",
        "4. Okafor F, Kim DF. Invented trial. J Fake Oncol. 2019;12(3):100–110.",
    )
    assert [
        (read[n].title, read[n].journal, read[n].year, read[n].pages, read[n].kind)
        for n in (1, 2, 3)
    ] == [
        (
            "Invented oxides in pouch cells",
            "Introduction to Invented Chemistry",
            2008,
            "599–627",
            "chapter",
        ),
        (
            "Cycling stability of invented cells",
            "Introduction to Invented Chemistry",
            1998,
            "16–31",
            "chapter",
        ),
        (
            "Does invented degradation predict strain?",
            "Invented Solid State Ionics",
            2010,
            "152–174",
            "chapter",
        ),
    ]
    assert read[3].authors == ("Hoffmann HN", "Kaur JF") and read[3].volume is None


def test_german_volume_stop_pages_then_the_year_in_brackets() -> None:
    """German university styles (Magdeburg's medical faculty): "Names et al.: Title.: Journal
    8. 1989–2009 (2008)". No rule read the source: the field model took the first page for the
    year, and an e-page lost its "e"; "et al.:" opened the title."""
    read = read_list(
        "1. Silva J.-P. et al.: Invented crizotinib resistance in 56 patients.: Lancet Fake 8. "
        "1989–2009 (2008)",
        "2. Tanaka C. et al.: Outcomes of invented trials.: PLoS Fake 109. e72068 (2005)",
        "3. Arnim I. von: Invented rearrangements: A cohort study.: Ann Fake Oncol 68. 532–548 "
        "(2011)",
    )
    assert [(e.title, e.journal, e.year, e.volume, e.pages) for e in read.values()] == [
        ("Invented crizotinib resistance in 56 patients", "Lancet Fake", 2008, "8", "1989–2009"),
        ("Outcomes of invented trials", "PLoS Fake", 2005, "109", "e72068"),
        ("Invented rearrangements: A cohort study", "Ann Fake Oncol", 2011, "68", "532–548"),
    ]


def test_an_issue_between_volume_and_pages_and_a_doi_in_square_brackets() -> None:
    """Springer's Lecture Notes print "Journal. 10, 5, 577–596 (2002)." — volume, issue,
    pages — and "5, 577–596" was read as a list of pages. The Dermatology Online Journal
    prints "[DOI: 10.7083/onc.2001.352]." and the DOI kept the closing bracket."""
    read = read_list(
        "1. Fischer, A. et al.: Invented inhibitors. Fake Cancer Ther. 10, 5, 577–596 (2002).",
        "2. Kim, B. et al.: Invented trials. Fake Oncology. 12, 1–9 (2003).",
        "3. Haddad G. Invented mutations. Nat Fake Cancer. 2001;33:385–97. [DOI: "
        "10.7083/onc.2001.352].",
    )
    assert [(e.volume, e.pages) for e in read.values()] == [
        ("10", "577–596"),
        ("12", "1–9"),
        ("33", "385–397"),
    ]
    assert read[3].doi == "10.7083/onc.2001.352"


@pytest.mark.parametrize(
    ("printed", "journal", "year", "volume", "pages"),
    [
        pytest.param(
            "1. I. Kowalski, D. Chen, ‘Invented tumours in the brain’, Fake Cancer Research 2023, "
            "44, 618–624.",
            "Fake Cancer Research",
            2023,
            "44",
            "618–624",
            id="helvetica-chimica-acta-quoted-title-then-acs-source",
        ),
        pytest.param(
            "1. Alvarez, D.; Okafor, G.; and Kowalski, E. Invented kinase pathways. Clinical Fake "
            "Research, 38, 10 (2003), 603–617.",
            "Clinical Fake Research",
            2003,
            "38",
            "603–617",
            id="acm-like-volume-issue-year-pages",
        ),
        pytest.param(
            "1. Alvarez, B. (1999): Invented signalling in the lung. Lancet Fakes. Vol. 44, "
            "Nr. 12, S. 855–865.",
            "Lancet Fakes",
            1999,
            "44",
            "855–865",
            id="german-vol-nr-s",
        ),
    ],
)
def test_more_journal_sources_a_rule_reads(
    printed: str, journal: str, year: int, volume: str, pages: str
) -> None:
    """Three sources of the second generated sample that no rule read, so that the field model
    guessed: the year taken for the volume (Helvetica Chimica Acta), the issue for the pages
    (the International Journal of Electronic Commerce), "S." kept in the pages (German
    styles' "Vol. 44, Nr. 12, S. 855–865")."""
    entry = read_list(printed)[1]
    assert (entry.journal, entry.year, entry.volume, entry.pages) == (journal, year, volume, pages)
    assert entry.title is not None and entry.title.startswith("Invented")


def test_names_ended_by_a_full_stop_and_a_books_publisher_after_a_semicolon() -> None:
    """Integrated Science Publishing's journals: "F. Chen, D. Alvarez. Title. J Name 2008, 78
    (1), 327–346." and "G. Tanaka, J. Okafor. Title; Springer, Berlin, 1996.". The last name's
    full stop, not a comma, ends the names ("D. Alvarez. Title…" was read as the title), and
    the book's publisher follows its title after a semicolon. RSC's "J. Clin. Oncol." after
    the names stays a journal."""
    read = read_list(
        "1. F. Chen, H. Moreau, D. Alvarez. Invented toxicity pathways. Nature Fake Cancer 2008, "
        "78 (1), 327–346.",
        "2. G. Tanaka, J. Okafor. Invented signalling in the lung; Springer, Berlin, 1996.",
        "3. D. Fischer, A. Moreau. Invented metastases. Fake Cancer Research 2023, 55 (10), "
        "127–141.",
    )
    assert [(e.authors, e.title) for e in read.values()] == [
        (("F. Chen", "H. Moreau", "D. Alvarez"), "Invented toxicity pathways"),
        (("G. Tanaka", "J. Okafor"), "Invented signalling in the lung"),
        (("D. Fischer", "A. Moreau"), "Invented metastases"),
    ]
    assert (read[1].journal, read[1].volume, read[1].pages) == (
        "Nature Fake Cancer",
        "78",
        "327–346",
    )
    rsc = read_list("1. A. B. Novak, C. Silva, J. Clin. Oncol., 1995, 85, 1823–1825.")[1]
    assert (rsc.authors, rsc.journal) == (("A. B. Novak", "C. Silva"), "J. Clin. Oncol.")


def test_the_last_vancouver_name_with_no_full_stop_after_it() -> None:
    """ "Okafor H, Lindqvist H Tumour dose…" (the Revista Española de Nutrición Humana y
    Dietética, and a dev text's "…, Dahn BT What is a resilient health system?"): the last
    name has no full stop after it, and it began the title."""
    read = read_list(
        "1. Okafor H, Lindqvist H Invented tumour doses. Fake Cancer Res. 2006;29(6):599-611.",
        "2. Kruk M, Myers M, Varpilah ST, Dahn BT What is an invented health system? Lancet "
        "Fakes 2015; 385:1910-12.",
    )
    assert [(e.authors, e.title) for e in read.values()] == [
        (("Okafor H", "Lindqvist H"), "Invented tumour doses"),
        (("Kruk M", "Myers M", "Varpilah ST", "Dahn BT"), "What is an invented health system?"),
    ]


def test_no_space_after_the_titles_full_stop() -> None:
    """ "…of canopy cover.Nat Commun. 1992;169(23):334-40." (Haemophilia's style; extractors
    also drop a space a tight line sets): the title ends at the full stop glued to the
    journal's capital, not at the year."""
    read = read_list(
        "1. Brennan M, Novák P, Santos O, et al. Invented richness as a determinant of canopy "
        "cover.Nat Commun. 1992;169(23):334-40.",
        "2. Nowak C. Invented uptake: a systematic review.J Ecol. 2023;64(22):e834.",
        "3. Okafor H, Lindqvist H. Invented tumour doses. Fake Cancer Res. 2006;29(6):599-611.",
        "4. Schmidt J-PB, Iyer IG. Invented Ecology: Theory and Methods. Hoboken: Wiley; 1990.",
    )
    assert [(e.title, e.journal) for e in read.values()][:3] == [
        ("Invented richness as a determinant of canopy cover", "Nat Commun"),
        ("Invented uptake: a systematic review", "J Ecol"),
        ("Invented tumour doses", "Fake Cancer Res"),
    ]


def test_a_list_that_prints_no_titles_with_one_word_journals() -> None:
    """Tetrahedron Letters' style: "Fernández P. Science. 2018; 115: 639–652.". The one
    sentence before the source is the journal, not a title, and "Fernández P. Science" is no
    name printed given name first (its source follows at once)."""
    read = read_list(
        "1. Fernández P. Science. 2018; 115: 639–652.",
        "2. Rossi K-H, Nguyen S, Gallagher J. eLife. 2022; 144: 2612–2622.",
        "3. Bauer M, Sørensen GJ. Brain. 2022; 110: 2302–2315.",
        "4. Costa T, Halvorsen H-W. Angew Chem Int Ed. 2014; 74: 1459–1467.",
        "5. Lambert F, Moreau ŁD, Gallagher L. Angew Chem Int Ed. 1992; 86: e3466144.",
        "6. Nowak I, Kovačević M-CB. Invented Biology: A Clinical Guide, Oxford University "
        "Press: Oxford, 2013.",
    )
    assert [(e.authors, e.title, e.journal) for e in read.values()][:5] == [
        (("Fernández P",), None, "Science"),
        (("Rossi K-H", "Nguyen S", "Gallagher J"), None, "eLife"),
        (("Bauer M", "Sørensen GJ"), None, "Brain"),
        (("Costa T", "Halvorsen H-W"), None, "Angew Chem Int Ed"),
        (("Lambert F", "Moreau ŁD", "Gallagher L"), None, "Angew Chem Int Ed"),
    ]
    # a book in that list still has its title, and its authors are not read into it
    assert (read[6].authors, read[6].title) == (
        ("Nowak I", "Kovačević M-CB"),
        "Invented Biology: A Clinical Guide",
    )


def test_acs_chapters_with_and_without_their_title() -> None:
    """ACS prints a chapter's book before its editors, each list of them ended by "Ed." or
    "Eds." and a semicolon; a list printing no titles prints no chapter title either."""
    untitled = parse_entry_text(
        "Moreau A-L, Ortega-Ruiz I. In Invented Biology and Therapy; X. Dubois, K. Papadopoulos, "
        "and W. N. Nguyen, Eds.; Cambridge University Press: Cambridge, 1992; pp 125–164."
    )
    assert (untitled.authors, untitled.title, untitled.journal, untitled.pages) == (
        ("Moreau A-L", "Ortega-Ruiz I"),
        None,
        "Invented Biology and Therapy",
        "125–164",
    )
    assert (untitled.year, untitled.kind) == (1992, "chapter")
    titled = parse_entry_text(
        "Mensah, A.; Wang, D. Invented Chapter Title. In Invented Biology and Therapy, 2nd ed.; "
        "Lind, K., Ed.; Elsevier: Amsterdam, 2018; Vol. 3, pp 252–290."
    )
    assert (titled.authors, titled.title, titled.journal, titled.pages, titled.kind) == (
        ("Mensah, A.", "Wang, D."),
        "Invented Chapter Title",
        "Invented Biology and Therapy",
        "252–290",
        "chapter",
    )


def test_acm_reference_format_volume_issue_then_the_year_in_brackets() -> None:
    """ACM prints "Journal 50, 1 (Jan. 2007), 36–44.": volume, issue, (month) year, pages, after
    the year that follows the names; the issue is no first page."""
    read = read_list(
        "1. Abebe, I., Lindqvist, S. and Russo, L. 1985. Does invented plasticity predict memory? "
        "The Lancet Oncology. 120, 15 (1985), 1126–1134. https://doi.org/10.1016/S1470-2045.33171.",
        "2. Patricia S. Abril and Robert Plant. 2007. The invented holder's dilemma: Buy, sell, or "
        "troll? Commun. ACM 50, 1 (Jan. 2007), 36–44.",
    )
    assert [(e.authors, e.title, e.journal, e.volume, e.pages) for e in read.values()] == [
        (
            ("Abebe, I.", "Lindqvist, S.", "Russo, L."),
            "Does invented plasticity predict memory?",
            "The Lancet Oncology",
            "120",
            "1126–1134",
        ),
        (
            ("Patricia S. Abril", "Robert Plant"),
            "The invented holder's dilemma: Buy, sell, or troll?",
            "Commun. ACM",
            "50",
            "36–44",
        ),
    ]
    assert (read[2].year, read[1].doi) == (2007, "10.1016/S1470-2045.33171")


def test_iso_690_journal_after_in_and_its_volume_then_no() -> None:
    """ISO 690 (Lithuanian): "BERG, M. VAN DER ir kt. Title. In Ann Oncol. 2022. Vol. 38, no.
    16, p. 485–500."; the AMS's "Journal 40 no. 21 (2017)" prints the issue after the volume
    without a comma. "In" is no part of the journal ("In Vivo" keeps its own), "ir kt." is
    Lithuanian for "et al.", and the volume is the number before "no."."""
    read = read_list(
        "1. BIANCHI, M. - KIM, L. Invented metastases after combined survival: results from "
        "elderly patients. In Ann Oncol. 2022. Vol. 38, no. 16, p. 485–500.",
        "2. BERG, M. VAN DER ir kt. Invented biopsy as a determinant of metastases. In Journal "
        "of the American Chemical Society. 2013. Vol. 173, no. 13, p. 244–248.",
        "3. Kim, L. Invented mice. In Vivo. 2001. Vol. 15, no. 2, p. 11–19.",
    )
    assert [(e.journal, e.volume, e.pages) for e in read.values()] == [
        ("Ann Oncol", "38", "485–500"),
        ("Journal of the American Chemical Society", "173", "244–248"),
        ("In Vivo", "15", "11–19"),
    ]
    # (the particle after the initials is a names question of its own)
    assert not any("kt" in name for name in read[2].authors)
    assert read[2].title == "Invented biopsy as a determinant of metastases"
    ams = parse_entry_text(
        "Andersson, Miguel, and Fernández, Lars, Stable invented assembly in boreal wetlands, "
        "Proc Natl Acad Sci USA 40 no. 21 (2017) 1811–1827."
    )
    assert (ams.journal, ams.volume, ams.year) == ("Proc Natl Acad Sci USA", "40", 2017)


def test_a_column_of_bare_labels_printed_after_its_entries_text() -> None:
    """pdftotext printed a list set with its labels in a column of their own (The Journal of
    Pathology's, the BJD's) as "1" "2" "3", the text of entries 1 to 7, then the next page's
    labels "4" to "7" and its page number: the later column finds its year above it, and the
    two columns share the pooled text."""
    names = ["Okafor", "Moreau", "Haddad", "Nguyen", "Silva", "Tanaka", "Lind"]
    entries = [
        f"{name} A, Lind C. Invented fusions in tumours {n}. J Fake Oncol {2000 + n}; "
        f"{n}1:{n}0–{n}9."
        for n, name in enumerate(names, 1)
    ]
    printed = [
        "Lichens grow slowly on bare rock.",
        "",
        "References",
        "1",
        "2",
        "3",
        "",
        *entries[:3],
        "",
        *entries[3:],
        "",
        "4",
        "5",
        "6",
        "7",
        "",
        "5",
    ]
    read = by_number(parse_references(lines_of("\n".join(printed)))[0])
    assert [(n, read[n].authors[0], read[n].year) for n in sorted(read)] == [
        (n, f"{name} A", 2000 + n) for n, name in enumerate(names, 1)
    ]


def test_labels_whose_text_no_pairing_finds_are_no_list() -> None:
    """Columns of labels with nothing after them, whose text pdftotext printed where no pairing
    finds it (here: more entries than labels on either side): no list is read, rather than a
    list of empty entries."""
    entries = [
        f"Okafor A, Lind C. Invented fusions in tumours {n}. J Fake Oncol {2000 + n}; 1:1–9."
        for n in range(1, 10)
    ]
    printed = ["References", "1", "2", "3", "", *entries, "", "4", "5", "6", "7"]
    assert parse_references(lines_of("\n".join(printed)))[0] == []


def test_wiley_lists_print_no_titles_and_chapters_with_their_editors() -> None:
    """Advanced Healthcare Materials (Wiley) prints "E. H. Kowalski, P. Ødegaard, J Clin Oncol
    1986, 140, 1766." and "R. Martín-Sánchez, in Cognitive Neuroscience (Ed: A. E. Kim), Oxford
    University Press, Oxford, 2016, pp. 214–240.": read expecting titles, the style that reads
    them took each journal for a title, and RSC's rule, which fits more entries, won; the
    chapter's pages are no volume, and its book ends at its editors."""
    read = read_list(
        "1. E. H. Kowalski, P. Ødegaard, J. R. Jørgensen, J Clin Oncol 1986, 140, 1766.",
        "2. O. Lefèvre, L. Petrov, B. Köhler, J Am Chem Soc 2020, 162, 197.",
        "3. K. Kapoor, S. Johansson, Journal of Biological Chemistry 2006, 128, 88.",
        "4. R. Martín-Sánchez, A. Kowalski, in Cognitive Neuroscience (Ed: A. E. Kim), Oxford "
        "University Press, Oxford, 2016, pp. 214–240.",
        "5. C. Lindqvist, in Clinical Neurology (Ed: M. Hughes), Thieme, Stuttgart, 2018, pp. "
        "568–582.",
        "6. A. Fernández, S. E. Kaur, Nucleic Acids Res 1994, 124, 2206.",
    )
    assert [(e.journal, e.volume, e.pages) for e in read.values()] == [
        ("J Clin Oncol", "140", "1766"),
        ("J Am Chem Soc", "162", "197"),
        ("Journal of Biological Chemistry", "128", "88"),
        ("Cognitive Neuroscience", None, "214–240"),
        ("Clinical Neurology", None, "568–582"),
        ("Nucleic Acids Res", "124", "2206"),
    ]
    assert (read[4].kind, read[4].year, read[1].title) == ("chapter", 2016, None)


def test_volume_colon_pages_then_the_year_last() -> None:
    """The Journal of Cardiothoracic and Vascular Anesthesia prints "Journal of Clinical
    Oncology 61:505–13, 2015": the field model read "61:505–13" as the volume."""
    read = read_list(
        "1. Becker F, Horváth P, Zhou J, et al: Invented resistance mechanisms across Asian "
        "populations. Journal of Clinical Oncology 61:505–13, 2015",
        "2. Okafor A, Lind C: Invented fusions in tumours. J Fake Oncol 12(3):100–9, 2011",
    )
    assert [(e.journal, e.volume, e.pages, e.year) for e in read.values()] == [
        ("Journal of Clinical Oncology", "61", "505–513", 2015),
        ("J Fake Oncol", "12", "100–109", 2011),
    ]
    assert read[1].title == "Invented resistance mechanisms across Asian populations"


def test_bare_labels_taken_for_page_numbers_fill_the_lists_gap() -> None:
    """The European Journal of Human Genetics' list, through pdftotext: "1" and "2" a column,
    their entries, then "3" and "4" alone between blank lines, which textclean marks as page
    numbers. Where the chain of labels skips from 2 to 5, they are its labels; without them
    every later entry took the text of the one before."""
    names = ["Okafor", "Moreau", "Haddad", "Nguyen", "Silva"]
    entries = [
        f"{name} A, Lind C. Invented fusions in tumours {n}. J Fake Oncol. {2000 + n};{n}1:{n}0–9."
        for n, name in enumerate(names, 1)
    ]
    printed = [
        "References",
        "1",
        "2",
        "",
        *entries[:2],
        "",
        "3",
        "",
        entries[2],
        "",
        "4",
        "",
        entries[3],
        "",
        "5",
        "",
        entries[4],
    ]
    read = by_number(parse_references(lines_of("\n".join(printed), furniture=("3", "4")))[0])
    assert [(n, read[n].authors[0], read[n].year) for n in sorted(read)] == [
        (n, f"{name} A", 2000 + n) for n, name in enumerate(names, 1)
    ]


def test_chapters_in_the_aps_and_springer_nature_forms() -> None:
    """The American Physiological Society's "In: Book, edited by Eds, Place, Publisher, pp.
    202–224, 2020." and the EJHG's "In: Lind L (ed). Book. Elsevier: Amsterdam, 1998, pp
    172–208.", in lists whose articles the Vancouver rule reads: the rules read neither
    chapter, and the partial readings they left kept a name in the title, or the whole entry
    as the journal and "pp 172–208" as the volume."""
    read = read_list(
        "1. Mensah R. Invented reaction time. Am J Fake Med 43(20):e398, 1990.",
        "2. Ivanova M, Lefèvre L. Invented imaging. Adv Fake Mater 103:1059–1077, 2012.",
        "3. Ishikawa H, Russo PR. Invented gait speed: a systematic review. In: The Invented "
        "Brain, edited by Zhou E, Köhler RF, Lefèvre M, Hoboken, Wiley-Blackwell, pp. 202–224, "
        "2020.",
        "4. Okafor A, Lind C. Invented fusions. J Fake Oncol 12:100–109, 2011.",
    )
    assert (read[3].authors, read[3].title, read[3].journal, read[3].pages, read[3].kind) == (
        ("Ishikawa H", "Russo PR"),
        "Invented gait speed: a systematic review",
        "The Invented Brain",
        "202–224",
        "chapter",
    )
    read = read_list(
        "1. Fitzgerald N. Invented resistance in phase III trials. In: Lehmann L (ed). Invented "
        "Biology and Therapy. Elsevier: Amsterdam, 1998, pp 172–208.",
        "2. Okafor A, Lind C. Invented fusions. J Fake Oncol. 2011;12:100–109.",
        "3. Moreau D. Invented tumour response. Fake Cancer Res. 2012;13:10–19.",
    )
    assert (read[1].authors, read[1].title, read[1].journal, read[1].volume, read[1].pages) == (
        ("Fitzgerald N",),
        "Invented resistance in phase III trials",
        "Invented Biology and Therapy",
        None,
        "172–208",
    )


def test_abnt_volume_label_and_ams_issue_before_the_year() -> None:
    """ABNT's "Eur Respir J. v. 128, p. 155–161. 2016." left the volume's "v" on the journal;
    the AMS's "Scientific Reports 22 no. 15 (2022) 331–334." gave the field model "2022)
    331–334" as pages and "27 no" as a volume."""
    abnt = parse_entry_text(
        "ØDEGAARD, Björn, COSTA, David and KAPOOR, Chukwuemeka. Invented toxicity and driver "
        "mutations: a cohort study. Eur Respir J. v. 128, p. 155–161. 2016."
    )
    assert (abnt.journal, abnt.volume, abnt.pages, abnt.year) == (
        "Eur Respir J",
        "128",
        "155–161",
        2016,
    )
    ams = [
        parse_entry_text(text)
        for text in (
            "Petrov, Laura, Romano, Sarah, and Kowalski, Anna-Lena, Invented species and root "
            "exudation: a systematic review, Scientific Reports 22 no. 15 (2022) 331–334.",
            "Novák, Björn, Patel, Ingrid J., and Takahashi, Mateo, Does invented dispersal "
            "predict species?, Journal of Thoracic Oncology 27 no. 16 (2019) 29–38.",
        )
    ]
    assert [(e.journal, e.volume, e.pages, e.year) for e in ams] == [
        ("Scientific Reports", "22", "331–334", 2022),
        ("Journal of Thoracic Oncology", "27", "29–38", 2019),
    ]


def test_the_first_name_family_first_the_others_initials_first_before_a_colon() -> None:
    """Magdeburg's medical faculty prints "Jørgensen M., W. Gallagher: Title.: Journal 180.
    52–55 (1987)": the second name, initials first, before the names' colon, is a name, not
    the start of the title."""
    read = read_list(
        "1. Jørgensen M., W. Gallagher: Invented diversity as a determinant of decomposition.: "
        "Angew Chem Int Ed 180. 52–55 (1987)",
        "2. Costa P., J. Kowalski: Does invented species predict abundance? eLife 14. 197–201 "
        "(1988)",
        "3. Okafor A.: Invented things in tumours.: J Fake Oncol 12. 1–9 (2001)",
    )
    assert [(e.authors, e.title, e.journal) for e in read.values()] == [
        (
            ("Jørgensen M", "W. Gallagher"),
            "Invented diversity as a determinant of decomposition",
            "Angew Chem Int Ed",
        ),
        (("Costa P", "J. Kowalski"), "Does invented species predict abundance?", "eLife"),
        (("Okafor A",), "Invented things in tumours", "J Fake Oncol"),
    ]


def test_year_comma_volume_colon_pages_and_bmc_names_ended_by_a_colon() -> None:
    """The Journal of Advanced Ceramics prints "Proc Natl Acad Sci USA 2022, 148: 1363–74.",
    BMC "Names: Title. J Vasc Interv Radiol 2001, 12:1053-1058.": no rule read the source,
    and the field model took "USA" for no part of the journal. Read by the Vancouver rule, a
    BMC title naming an association is still no author's name: the colon ended the names."""
    read = read_list(
        "1. Köhler ID, Iyer A, Tanaka TD. Invented species and uptake: a cohort study. Proc Natl "
        "Acad Sci USA 2022, 148: 1363–74.",
        "2. Zhou L, Johansson M, et al. Invented richness as a determinant. Fake Cancer Res 1987, "
        "20: e678.",
        "3. Millward SF, Oliva VL, Kachura JR: Invented Filter: results from the Registry of the "
        "Canadian Interventional Radiology Association. J Vasc Interv Radiol 2001, 12:1053-1058.",
    )
    assert [(e.journal, e.year, e.volume, e.pages) for e in read.values()] == [
        ("Proc Natl Acad Sci USA", 2022, "148", "1363–1374"),
        ("Fake Cancer Res", 1987, "20", "e678"),
        ("J Vasc Interv Radiol", 2001, "12", "1053-1058"),
    ]
    assert read[3].authors == ("Millward SF", "Oliva VL", "Kachura JR")
    assert read[3].title == (
        "Invented Filter: results from the Registry of the Canadian Interventional Radiology "
        "Association"
    )


def test_mdpi_chapters_with_several_editors_and_books_with_an_edition() -> None:
    """MDPI's ACS-like style parts a chapter's editors with semicolons ("In Clinical Neurology;
    Lefèvre, S.R.; Byrne, G., Eds.; CRC Press: Boca Raton, 2009; pp. 69–84.") and prints a
    book as "Title; 4th ed.; Publisher: Place, Year.": the book's title went nowhere, and the
    chapter's book took its editors and publisher."""
    chapter = parse_entry_text(
        "Alvarez, E. Invented Amyloid Deposition After Chronic Cortex. In Invented Neurology; "
        "Lefèvre, S.R.; Byrne, G., Eds.; CRC Press: Boca Raton, 2009; pp. 69–84."
    )
    assert (chapter.title, chapter.journal, chapter.year, chapter.pages, chapter.kind) == (
        "Invented Amyloid Deposition After Chronic Cortex",
        "Invented Neurology",
        2009,
        "69–84",
        "chapter",
    )
    book = parse_entry_text(
        "Petrov, A.; Köhler, O. Invented Neurology; 4th ed.; Academic Press: San Diego, 2015."
    )
    assert (book.authors, book.title, book.journal, book.year, book.kind) == (
        ("Petrov, A.", "Köhler, O."),
        "Invented Neurology",
        "Academic Press",
        2015,
        "book",
    )


def test_comma_parted_lists_with_family_first_dotted_names() -> None:
    """Styles that part every field with a comma and print names family-first with dotted
    initials ("Torres E., Das J.-L., Title, JAMA Oncol., 2013, 283, 573–583"): the names
    stopped at the first, the rest read as the journal; "et al." printed as a chunk of its
    own opened the title; and a chapter's "In:" after a comma was no chapter, its book's
    place read as the journal and its pages as the volume."""
    entries = read_list(
        "1. Torres E., Das J.-L., Surgical resection in invented arthritis, JAMA Oncol., 2013, "
        "283, 573–583",
        "2. Costa A.L., Chen Y., del Río A.L., et al., Epigenetic relapse: the radiotherapy of "
        "invented lesions, Clin. Microbiol. Infect., 1992, 371, 749–757",
        "3. Björk T., Nuñez B., The resistance of invented cell lines, In: del Río, S., Popescu, "
        "K.-H. (Eds.), Statistical Methods for Clinical Trials, Elsevier, Amsterdam, 2020, "
        "920–932",
        "4. Singh F., de Vries H.-J., Does relapse improve invented biopsy?, Proc. Natl. Acad. "
        "Sci. USA, 2000, 193, 6041–6053",
    )
    assert entries[1].authors == ("Torres E.", "Das J.-L.")
    assert (entries[1].title, entries[1].journal) == (
        "Surgical resection in invented arthritis",
        "JAMA Oncol.",
    )
    assert entries[2].authors == ("Costa A.L.", "Chen Y.", "del Río A.L.")
    assert entries[2].title == "Epigenetic relapse: the radiotherapy of invented lesions"
    chapter = entries[3]
    assert (chapter.title, chapter.journal, chapter.volume, chapter.pages, chapter.kind) == (
        "The resistance of invented cell lines",
        "Statistical Methods for Clinical Trials",
        None,
        "920–932",
        "chapter",
    )
    assert entries[4].authors == ("Singh F.", "de Vries H.-J.")
    assert entries[4].journal == "Proc. Natl. Acad. Sci. USA"


def test_abbreviated_journal_words_that_are_english_words() -> None:
    """ "J. Infect. Dis.", "Ann. Intern. Med.": "Infect" and "Intern" are English words, so
    their full stops ended the title's sentence and the journal was "Dis" or "Med."; a word
    after an abbreviation's full stop is part of the journal's name."""
    article = parse_entry_text(
        "Okafor L. Vascular remodelling in invented patients: a case-control study. "
        "J. Infect. Dis. 2019;45:573829."
    )
    assert (article.title, article.journal) == (
        "Vascular remodelling in invented patients: a case-control study",
        "J. Infect. Dis",
    )
    untitled = read_list(
        "[1] Ł. Gallagher, H. Jørgensen, and H. Rao, Ann. Intern. Med. 40, 8107 (2014).",
        "[2] P. Weber and T. Kim, Phys. Rev. Lett. 12, 1043 (2009).",
    )
    assert (untitled[1].title, untitled[1].journal) == (None, "Ann. Intern. Med.")


def test_a_hyphen_at_an_entrys_line_end_is_spelled_as_the_document_spells_the_word() -> None:
    """ "fibro-" + "glandular": the word list knows neither "fibroglandular" nor its hyphenated
    form, and "fibro" and "glandular" are both words, so the entry kept a hyphen the text never
    prints; the document writes the word elsewhere, and that decides ("anti-tubercular",
    written with its hyphen in the body, keeps it)."""
    body = [
        "Introduction",
        "Fibroglandular tissue and anti-tubercular drugs were compared [1,2]. The",
        "fibroglandular volume grew in every anti-tubercular arm.",
        "References",
    ]
    entries = by_number(
        parse_references(
            lines_of(
                "\n".join(
                    [
                        *body,
                        "1. Malkov S, Wang J. Measure of fibro-",
                        "glandular tissue volume. Med Phys. 2009;36:5525-36.",
                        "2. Lopez MJ, Kim A. New compounds for open source anti-",
                        "tubercular drug discovery. PLoS One. 2015;10:e0142293.",
                    ]
                )
            )
        )[0]
    )
    assert entries[1].title == "Measure of fibroglandular tissue volume"
    assert entries[2].title == "New compounds for open source anti-tubercular drug discovery"


def test_thiemes_web_page_im_internet_and_stand() -> None:
    """Thieme's web pages: "Title. 2019; Im Internet: https://…; Stand: 10.06.2023". Neither
    label was known: the address went, "Im Internet: ; Stand: 10.06" stayed in the title and
    the date the page was read gave the year."""
    page = read_list(
        "[1] Alvarez M, von Arnim H, Yamamoto O, et al. Oxidative stress in invented cohorts. "
        "Frontiers in Immunology 1995; 179: 3482–3489, doi:10.1158/1078-0432.CCR-95-8555",
        "[2] Becker-Hoffmann P, Kowalczyk K. Population-based EGFR mutations: biomarker across "
        "invented cohorts. 2019; Im Internet: https://www.example.org/en/documents/egfr; "
        "Stand: 10.06.2023",
        "[3] Cohen B, Bianchi M-L. Randomised autophagy: the remodelling of invented lesions. "
        "Cancer Cell 2008; 400: 1340–1356, doi:10.1371/journal.pone.1540264",
    )[2]
    assert (page.title, page.year, page.url) == (
        "Population-based EGFR mutations: biomarker across invented cohorts",
        2019,
        "https://www.example.org/en/documents/egfr",
    )


def test_an_apa_article_online_before_its_volume() -> None:
    """ "Popescu, O., & Lee, A. (2021). Title. eLife. https://doi.org/…": no volume or pages,
    so the paren-year rule read no source and took "Title. eLife" for the title. With a DOI
    the last sentence is the journal (a book's publisher is not: "Title. Springer")."""
    entries = read_list(
        "1. Moreau, O., & Kim, L. (2012). Somatic survival in invented tumours. Journal of "
        "Clinical Oncology, 30(4), 455–467. https://doi.org/10.1200/JCO.2012.1",
        "2. Popescu, O., & Lee, A. (2021). Immunotherapy after invented toxicity. eLife. "
        "https://doi.org/10.7554/eLife.12345",
        "3. Rossi, N. (2019). Invented lesions and their growth. Blood, 133(2), 100–110. "
        "https://doi.org/10.1182/blood.2019.2",
    )
    assert (entries[2].title, entries[2].journal, entries[2].kind) == (
        "Immunotherapy after invented toxicity",
        "eLife",
        "article",
    )


def test_bare_labels_after_entries_that_end_without_a_full_stop() -> None:
    """Styles that close an entry with its pages or year and no full stop ("…, Cell, 2020,
    149, 1815–1822"), as pdftotext prints their list when its labels stand in a column: the
    first page's labels, its entries' text, then "[4]" over the next page's entries and
    their labels "[5]", "[6]" after them. The last entry "ended" nowhere, so labels 5 and 6
    got no text and the list was refused."""
    names = ["Costa", "Nuñez", "Schäfer", "Rodríguez", "Gallagher", "Silva"]
    entries = [
        f"{name} A.L., Chen Y., Invented fusions in tumours {n}, Clin. Invent. Res., "
        f"{2000 + n}, {n}1, {n}0–{n}9"
        for n, name in enumerate(names, 1)
    ]
    entries[4] = "Gallagher Z., Kaur F., Invented oncology, Cambridge University Press, 2017"
    printed = [
        "Lichens grow slowly on bare rock.",
        "",
        "References",
        "[1]",
        "[2]",
        "[3]",
        "",
        *entries[:3],
        "3",
        "",
        "[4]",
        "",
        *entries[3:],
        "",
        "[5]",
        "[6]",
        "",
        "4",
    ]
    read = by_number(parse_references(lines_of("\n".join(printed)))[0])
    assert [(n, read[n].authors[0]) for n in sorted(read)] == [
        (n, f"{name} {'Z.' if n == 5 else 'A.L.'}") for n, name in enumerate(names, 1)
    ]
    assert (read[5].year, read[6].year) == (2017, 2006)


def test_a_label_column_over_entries_opening_with_a_particle() -> None:
    """The FASEB Journal's list as pdftotext prints it: its labels in a column, then the
    entries, which close without a full stop ("… Cancer Cell 230, 2492–2511"), so each is cut
    where a line opens with names. "di Marco, L.", "de Souza, I." opened none (the particle),
    the pieces were one short of the labels, and no entry but the first had its text."""
    entries = [
        "Nielsen, P. (2013) Residual microbiome in invented lesions. Sci. Rep. 31, 28–29",
        "di Marco, L., Bianchi, A.-S., and Pereira, A. (2003) The angiogenesis of invented",
        "smokers with multiple sclerosis: a pooled analysis. CRC Press, Boca Raton, FL",
        "Öztürk, M.-C. and Rao, M. K. (2022) Mutational burden in invented tumours. J.",
        "Hepatol. 321, 123–146",
        "de Souza, I., Li, E., and Haddad, I. (1989) The ALK rearrangements of invented",
        "cancer. Nature Communications 43, 8673–8679",
    ]
    printed = ["Lichens grow.", "", "References", "1.", "2.", "3.", "4.", "", *entries, "", "5"]
    read = by_number(parse_references(lines_of("\n".join(printed)))[0])
    assert [(n, read[n].authors[0], read[n].year) for n in sorted(read)] == [
        (1, "Nielsen, P.", 2013),
        (2, "di Marco, L.", 2003),
        (3, "Öztürk, M.-C.", 2022),
        (4, "de Souza, I.", 1989),
    ]


def test_books_and_web_pages_of_a_vancouver_list_keep_every_name() -> None:
    """ "Wójcik H-J, Rodríguez CA. Title? Oxford: Oxford University Press, 1995.": no
    Vancouver source, so RSC's rule, which fits the closing year, read the entry: one name,
    the second opening the title. The list's own rule reads both names. And the access date
    of German and Dutch styles ("[zuletzt aufgerufen am 10.07.2024]", "[geciteerd 21
    augustus 2023]") is no part of the title."""
    read = read_list(
        "1. Kim L, Moreau S. Invented tumour growth in mice. J Clin Oncol. 2019;12(3):100–10.",
        "2. Wójcik H-J, Rodríguez CA. Does circulating biomarker limit invented lesions? "
        "Oxford: Oxford University Press, 1995.",
        "3. Andersson D, Rossi R. Gene expression after invented exhaustion [Online]. 2018 "
        "[zuletzt aufgerufen am 10.07.2024]. Verfügbar unter: https://example.org/study/gene.",
        "4. Lefèvre M, Öztürk G. Does angiogenesis promote invented repair? [Internet]. 2018 "
        "[geciteerd 21 augustus 2023]. Beschikbaar op: https://example.org/documents/does.",
        "5. Weber T, Kim A, Rossi B. Kinase survival in invented cohorts. Lancet Oncol. "
        "2020;21(4):455–67.",
    )
    assert read[2].authors == ("Wójcik H-J", "Rodríguez CA")
    assert read[2].title.startswith("Does circulating biomarker limit invented lesions?")
    assert (read[3].authors, read[3].title, read[3].year) == (
        ("Andersson D", "Rossi R"),
        "Gene expression after invented exhaustion",
        2018,
    )
    assert (read[4].authors, read[4].year) == (("Lefèvre M", "Öztürk G"), 2018)
    assert "geciteerd" not in (read[4].title or "")


def test_nordic_access_dates_and_address_labels() -> None:
    """Ugeskrift for Læger's web pages: "Title? [Internet]. 2019 [henvist 16 juli
    2024].Tilgået fra: https://…". Neither Danish label was known: the second name and the
    labels stayed in the title."""
    read = read_list(
        "1. Kim L, Moreau S. Invented tumour growth in mice. Ugeskr Laeger. 2019;12:100–10.",
        "2. Ødegaard O, MacLeod O. Does TP53 limit invented angiogenesis? [Internet]. 2019 "
        "[henvist 16 juli 2024].Tilgået fra: https://www.example.org/publications/does-tp",
        "3. Weber T, Kim A. Kinase survival in invented cohorts. Ugeskr Laeger. 2020;21:45–67.",
    )
    assert (read[2].authors, read[2].title, read[2].year, read[2].url) == (
        ("Ødegaard O", "MacLeod O"),
        "Does TP53 limit invented angiogenesis?",
        2019,
        "https://www.example.org/publications/does-tp",
    )


def test_a_chapter_after_a_semicolon_and_in() -> None:
    """Psychiatric Services' chapters: "Names: Title; in Book. Edited by Lind K. Place,
    Publisher, 2009". "; in" opened no book, so the title took the book, its editors and its
    publisher."""
    read = read_list(
        "1. Kim L, Moreau S: Invented tumour growth in mice. J Clin Oncol 12:100–110, 2019",
        "2. MacLeod M, Singh A-S: Vascular remodelling in invented patients; in "
        "Neuroinflammation: mechanisms and therapeutic targets. Edited by Halvorsen H. "
        "Hoboken, NJ, Wiley-Blackwell, 2009",
        "3. Weber T, Kim A: Kinase survival in invented cohorts. Lancet Oncol 21:455–467, 2020",
    )
    assert (read[2].authors, read[2].title, read[2].journal, read[2].kind) == (
        ("MacLeod M", "Singh A-S"),
        "Vascular remodelling in invented patients",
        "Neuroinflammation: mechanisms and therapeutic targets",
        "chapter",
    )


def test_abnt_names_in_capitals_with_given_names_and_its_labelled_source() -> None:
    """ABNT's style as Brazilian journals' CSL files print it: "SINGH, Noémie, NUÑEZ, Anna
    and MENSAH, Xavier. Title. Journal. v. 151, n. 6, p. 1893–1918. 2004." (and the
    standard's "Journal, v. 31, n. 4, p. 100-110, 2020."). Each family name in capitals then
    its given names was read as two names, so no rule read an entry whole and the field
    model read the list; the labelled source was no rule's."""
    read = read_list(
        "1. VAN DER BERG, Wei and WEBER, Ulrich. PD-L1 expression in invented cell lines. "
        "Oncogene. v. 144, n. 5, p. 7969–7990. 2016. DOI 10.1093/annonc/mdx123.",
        "2. LUND-NIELSEN, Yuki, BRENNAN, John R., VON ARNIM, Hee-Jin and DEL RÍO, Ana Lucía. "
        "Does invented biopsy suppress radiotherapy? Circulation. v. 12, n. 3, p. 45–67. 2001.",
        "3. COSTA, D.; SILVA, A. B. Tumour growth in invented mice. Annals of Oncology, v. 31, "
        "n. 4, p. 100-110, 2020.",
    )
    assert read[1].authors == ("VAN DER BERG, Wei", "WEBER, Ulrich")
    assert (read[1].title, read[1].journal, read[1].volume, read[1].pages, read[1].year) == (
        "PD-L1 expression in invented cell lines",
        "Oncogene",
        "144",
        "7969–7990",
        2016,
    )
    assert read[2].authors == (
        "LUND-NIELSEN, Yuki",
        "BRENNAN, John R.",
        "VON ARNIM, Hee-Jin",
        "DEL RÍO, Ana Lucía",
    )
    assert (read[3].authors, read[3].journal, read[3].volume) == (
        ("COSTA, D.", "SILVA, A. B."),
        "Annals of Oncology",
        "31",
    )


def test_a_bracketed_tag_glued_to_the_year_ends_the_title() -> None:
    """The American Journal of Psychiatry's web pages: "Title [Internet]2022; [cited 2024
    Sep 28] Available from: https://…". The tag went with a space, and the year after it
    joined the title ("… fibrosis 2022"), as a year set off by a space alone does."""
    read = read_list(
        "1. Kim L, Moreau S: Invented tumour growth in mice. Am J Psychiatry 12:100–110, 2019",
        "2. Cohen M, Öztürk R: Microbiome in asthma after invented fibrosis [Internet]2022; "
        "[cited 2024 Sep 28] Available from: https://www.example.org/guidance/microbiome",
        "3. Weber T, Kim A: Kinase survival in invented cohorts. Lancet Oncol 21:455–467, 2020",
    )
    assert (read[2].title, read[2].year) == ("Microbiome in asthma after invented fibrosis", 2022)


def test_a_comma_after_et_al_ends_vancouver_names() -> None:
    """Perspectives on Sexual and Reproductive Health: "Andersson E et al., Title. Journal,
    2016, 149(12):8814–8830." The names ended only at a full stop after "et al", so the
    Vancouver rule read none; RSC's read "149(12):8814–8830" as the volume."""
    read = read_list(
        "1. Andersson E et al., The inflammation of invented heart failure (a randomised "
        "controlled trial). Nature Medicine, 2016, 149(12):8814–8830.",
        "2. Ito P, Dubois O, Mensah D, Response rate in invented lymphoma. Annals of Internal "
        "Medicine, 2008, 218(12):3025–3029.",
        "3. Li L et al., The loss of invented glioblastoma. JAMA Oncology, 2013, 22(6):124–129.",
    )
    assert [(n, read[n].authors, read[n].volume, read[n].pages) for n in (1, 3)] == [
        (1, ("Andersson E",), "149", "8814–8830"),
        (3, ("Li L",), "22", "124–129"),
    ]
    assert read[1].title == (
        "The inflammation of invented heart failure (a randomised controlled trial)"
    )


def test_a_journal_printed_after_the_title_with_no_mark_is_cut_off_the_title() -> None:
    """ "Authors: Title Journal 2022;26:6286–6307" (the Journal of Prosthodontics' style): no
    mark parts title and journal. The model read the journal; the rules' title kept it at its
    end ("… a prospective registry Clinical Cancer Research"). A title ending in "?" keeps it.
    (The two questions tell the list prints titles: read alone, "Title Journal" is one.)"""
    entries = read_list(
        "1. Lefevre A, Becker H: Inflammatory macrophage polarisation in families with lung"
        " cancer: a prospective registry Clinical Cancer Research 2022;26:6286–6307",
        "2. Rao O, Zhang R, et al.: Does proteomic profiling improve response rate in lichens?"
        " Proc Natl Acad Sci USA 1992;373:1705–1714",
        "3. Ferrari O, Hernandez F: The stem cells of mitochondrial leukaemia reduce"
        " mitochondrial ALK rearrangements Cancer Res 1988;221:3048–3066",
        "4. Moss A, Fern B: Mutational burden and relapse limit the surgical resection of"
        " glioblastoma Cancer Research 2024;260:6026–6043",
        "5. Mensah E: Does angiogenesis in lung cancer enhance liquid biopsy in survivors with"
        " atrial fibrillation? J Hepatol 2020;157:4099–4118",
    )
    assert [(e.title, e.journal, e.volume) for e in entries.values()] == [
        (
            "Inflammatory macrophage polarisation in families with lung cancer: a prospective"
            " registry",
            "Clinical Cancer Research",
            "26",
        ),
        (
            "Does proteomic profiling improve response rate in lichens?",
            "Proc Natl Acad Sci USA",
            "373",
        ),
        (
            "The stem cells of mitochondrial leukaemia reduce mitochondrial ALK rearrangements",
            "Cancer Res",
            "221",
        ),
        (
            "Mutational burden and relapse limit the surgical resection of glioblastoma",
            "Cancer Research",
            "260",
        ),
        (
            "Does angiogenesis in lung cancer enhance liquid biopsy in survivors with atrial"
            " fibrillation?",
            "J Hepatol",
            "157",
        ),
    ]


def test_a_page_range_whose_end_wraps_onto_a_line_of_its_own() -> None:
    """ "… Nr. 5, S. 3554–" + "3557": a bare number on its line reads as a page number, and was
    dropped, leaving the range open. After a line that ends in an open range, a number above
    the range's start is the range's end."""
    entries = read_list(
        "[1] Moss, Ada ; Fern, Ben: Growth of crustose lichens on granite. In: J Invented Res.",
        "Bd. 11 (2011), Nr. 2, S. 101–110",
        "[2] Stone, Clara ; Fern, Ben: Spore dispersal in cold winds over the northern",
        "uplands. In: Journal of Immunology Bd. 337 (2003), Nr. 5, S. 3554–",
        "3557",
        "[3] Birch, Dora ; Reed, Eva: Nitrogen uptake by foliose thalli. In: J Invented Res.",
        "Bd. 13 (2013), Nr. 4, S. 103–112",
    )
    assert [(e.year, e.volume, e.pages) for e in entries.values()] == [
        (2011, "11", "101–110"),
        (2003, "337", "3554–3557"),
        (2013, "13", "103–112"),
    ]


def test_a_german_volume_label_is_not_part_of_the_journal() -> None:
    """DIN 1505-2 prints "In: Journal of Immunology Bd. 337 (2003), Nr. 5, S. 3554–3557":
    no mark parts the journal from its volume's label (Band), which stayed on the journal."""
    entries = read_list(
        "[1] Moss, Ada ; Fern, Ben: Growth of crustose lichens on granite. In: Journal of"
        " Immunology Bd. 11 (2011), Nr. 2, S. 101–110",
        "[2] Stone, Clara ; Fern, Ben: Spore dispersal in cold winds. In: Annals of Internal"
        " Medicine Bd. 141 (2020), Nr. 6, S. 1539–1542",
        "[3] Birch, Dora ; Reed, Eva: Nitrogen uptake by foliose thalli. In: J Invented Res."
        " Jg. 13 (2013), Nr. 4, S. 103–112",
    )
    assert [(e.journal, e.volume) for e in entries.values()] == [
        ("Journal of Immunology", "11"),
        ("Annals of Internal Medicine", "141"),
        ("J Invented Res.", "13"),
    ]


CHEM_ENG_TECH = [
    "[1] J.-L. Kowalski, Mol. Cell. 1992, 41 (8), 4036–4046. DOI: https://doi.org/10.1093/x41.",
    "[2] E. Zhang, T. de Souza, Y. Singh, Sci. Rep. 1985, 144 (11), 5463–5468. DOI:"
    " https://doi.org/10.1002/x144.",
    "[3] M. Pereira, E. Okafor, Genome Biol. 1999, 286 (12), 4246–4265. DOI:"
    " https://doi.org/10.1111/x286.",
]


def test_a_doi_label_before_a_doi_link_goes_with_the_link() -> None:
    """ "… 4036–4046. DOI: https://doi.org/10.1093/…" (Chemical Engineering & Technology): the
    link was taken as the DOI and its label "DOI:" left at the entry's end, where no style's
    source pattern fits: the list read in no style, "Mol. Cell" as a second author."""
    entries = read_list(*CHEM_ENG_TECH)
    assert [(e.authors, e.journal, e.volume, e.doi) for e in entries.values()] == [
        (("J.-L. Kowalski",), "Mol. Cell.", "41", "10.1093/x41"),
        (("E. Zhang", "T. de Souza", "Y. Singh"), "Sci. Rep.", "144", "10.1002/x144"),
        (("M. Pereira", "E. Okafor"), "Genome Biol.", "286", "10.1111/x286"),
    ]


def test_iso_690_year_volume_issue_and_pages() -> None:
    """ČSN ISO 690: "Journal of Hepatology [online]. 2022, 365(6), 2208–2220. Dostupné z: doi:…".
    No rule reads the style, and the field model took "365(6)" for the pages; one run of year,
    volume, issue and pages, printed once in the entry, says which number is which."""
    entries = read_list(
        "1. PATEL, Marie-Claire a Dmitri COHEN. Checkpoint blockade in breast cancer in children:"
        " a phase II trial. Journal of Hepatology [online]. 2022, 365(6), 2208–2220. Dostupné z:"
        " doi:10.3389/fimmu.2022.54411",
        "2. MACLEOD, Giulia a Aisha SATO. The BRCA1 loss of prospective idiopathic pulmonary"
        " fibrosis. Nucleic Acids Research [online]. 2010, 262(10), 184–194. Dostupné z:"
        " doi:10.1172/JCI305853",
        "3. IVANOVA, H., DUBOIS, Y., WEBER, J.-W. Inflammatory response rate in cell lines with"
        " sepsis. Journal of Clinical Oncology [online]. 2024, 175(11), s. 4013–4026. Dostupné z:"
        " https://doi.org/10.1016/j.ejca.2024.12.166",
        # the Journal of Thermal Spray Technology's, with "p" and no full stop
        "4. A. Ødegaard, K. Gallagher, and P. Ferrari, Metastatic Cytokine Release After"
        " Chemotherapy in Glioblastoma, Cancer Discov., 2014, 326(5), p 450–462.",
    )
    assert [(e.year, e.volume, e.pages) for e in entries.values()] == [
        (2022, "365", "2208–2220"),
        (2010, "262", "184–194"),
        (2024, "175", "4013–4026"),
        (2014, "326", "450–462"),
    ]


def test_a_chapters_book_runs_into_its_place_and_publisher() -> None:
    """ "In Li L (ed): Textbook of hepatology Cambridge: Cambridge University Press" (Annals of
    Oncology), "… (eds). Handbook of tumour immunology CRC Press: Boca Raton 1999": no mark
    parts the book from its place and publisher. Where one of them names a publisher and the
    book ends in a word of small letters, the book ends there; a book in capitals keeps all."""
    from reflink.references import Draft, drop_place_and_publisher

    def book(journal: str) -> str | None:
        draft = Draft(journal, "vancouver")
        draft.journal = journal
        drop_place_and_publisher(draft)
        return draft.journal

    assert book("In Li L (ed): Textbook of hepatology Cambridge: Cambridge University Press") == (
        "In Li L (ed): Textbook of hepatology"
    )
    assert book("Handbook of tumour immunology CRC Press: Boca Raton 1999") == (
        "Handbook of tumour immunology"
    )
    assert book(
        "The Biology of Cancer Metastasis. Philadelphia: Lippincott Williams and Wilkins"
    ) == ("The Biology of Cancer Metastasis")
    # capitals throughout: the place cannot be told from the title
    assert book("Handbook of Tumour Immunology Philadelphia: Lippincott") == (
        "Handbook of Tumour Immunology Philadelphia: Lippincott"
    )
    assert book("Cancer: Principles and Practice of Oncology") == (
        "Cancer: Principles and Practice of Oncology"
    )


def test_a_chapters_editors_printed_before_its_book() -> None:
    """Annals of Oncology: "In Li L (ed): Textbook of hepatology Cambridge: Cambridge
    University Press 2023; 7139–7153." The book kept "In", its editors and its place and
    publisher; it is the words between the editors and the place."""
    entries = read_list(
        "1. Rossi I, Eriksson Z. Antibody response after ALK rearrangements. In Li L (ed):"
        " Textbook of hepatology and liver transplantation Cambridge: Cambridge University"
        " Press 2023; 7139–7153.",
        "2. Kaur P, Alvarez B. Surgical resection in melanoma. In Singh R, Kowalski L (eds):"
        " Neuroinflammation: mechanisms and therapeutic targets Stuttgart: Thieme 2007;"
        " 5530–5535.",
        "3. Moss A, Fern B. Lichens on granite. Ann Oncol 2019; 30: 100–110.",
    )
    assert [(e.journal, e.kind, e.pages) for e in entries.values()] == [
        ("Textbook of hepatology and liver transplantation", "chapter", "7139–7153"),
        ("Neuroinflammation: mechanisms and therapeutic targets", "chapter", "5530–5535"),
        ("Ann Oncol", "article", "100–110"),
    ]


def test_a_one_word_journal_keeps_no_full_stop() -> None:
    """ "J.-L. Kowalski, Oncogene. 1992, 41 (8), 4036–4046." (Chemical Engineering &
    Technology, a list without titles): the full stop after a one-word journal parts it from
    the year ("Oncogene.", "Blood." were read); "Sci. Rep." keeps its own."""
    entries = read_list(
        "[1] J.-L. Kowalski, Oncogene. 1992, 41 (8), 4036–4046.",
        "[2] E. Zhang, T. de Souza, Sci. Rep. 1985, 144 (11), 5463–5468.",
        "[3] M. Pereira, E. Okafor, Blood. 1999, 286 (12), 4246–4265.",
    )
    assert [e.journal for e in entries.values()] == ["Oncogene", "Sci. Rep.", "Blood"]


def test_initials_left_alone_take_the_family_name_that_opened_the_title() -> None:
    """Biochemistry and Molecular Biology Education prints no mark between the names and the
    title: "L. Rossi, H. van Dijk, D. Andersson The immunotherapy of…". The last author was
    read as "D" and the title as "Andersson The immunotherapy of…". Only where the names are
    printed initials first ("WHO. Coronavirus Disease …" keeps its reading)."""
    read = read_list(
        "1. L. Rossi, S. Horváth, H. van Dijk, D. Andersson The immunotherapy of invented "
        "tumours in families. (2017) Oncogene. 290, 556422.",
        "2. S. Andersson, L. Das, T. Smith-Jones, T. Bianchi Retrospective lichen growth in "
        "cold winds. (1986) Cancer Discov. 47, 4946–4959.",
        "3. S. Andersson, H.-J. van der Berg Spore dispersal over high ridges. (1990) Sci. Rep. "
        "12, 20–29.",
        "4. W. Mensah Lichen amplification in families. (2005) Circulation. 243, 2400–2411.",
    )
    assert [(read[n].authors[-1], read[n].title) for n in (1, 2, 3, 4)] == [
        ("D. Andersson", "The immunotherapy of invented tumours in families"),
        ("T. Bianchi", "Retrospective lichen growth in cold winds"),
        ("H.-J. van der Berg", "Spore dispersal over high ridges"),
        ("W. Mensah", "Lichen amplification in families"),
    ]


def test_a_chapters_book_ends_before_the_place_its_publisher_follows() -> None:
    """The place a style prints after a chapter's book stayed in the book: "…host, Hoboken"
    (then ", NJ: Wiley-Blackwell"), "…host London" (": Academic Press"), "…epidemiology
    Stuttgart" (", Thieme"), "…medicine, Cambridge University Press, Cambridge". A publisher's
    name next to it says it is a place."""
    read = read_list(
        "1. Fernández S, Lindqvist H. Lichen growth on granite. In: van der Berg J-W, editor. "
        "Infectious diseases in the immunocompromised host, Hoboken, NJ: Wiley-Blackwell, "
        "2021:1817–38.",
        "2. Nuñez H, Kowalczyk F. Spore dispersal in cold winds. In: Pereira M-C, editor. "
        "Nitrogen uptake by foliose thalli London: Academic Press; 2007. p. 1141–1154.",
        "3. Reed E, Heath F. Lichen succession on basalt. In: Ash G, editors. Methods in "
        "translational lichenology Stuttgart, Thieme, 2002, pp 905–19.",
    )
    assert [read[n].journal for n in (1, 2, 3)] == [
        "Infectious diseases in the immunocompromised host",
        "Nitrogen uptake by foliose thalli",
        "Methods in translational lichenology",
    ]
    elsevier = read_list(
        "[1] K.-H. Fischer, T. Zhang, in: A. L. di Marco, B. Haddad (Eds.), Biomarkers in "
        "respiratory medicine, Cambridge University Press, Cambridge, 2019, pp. 2129–39.",
        "[2] H. Weber, A. Fischer, Lichen growth in cold winds, Nature Medicine 19 (2013) 220–31.",
    )
    assert elsevier[1].journal == "Biomarkers in respiratory medicine"


def test_a_physics_styles_book_keeps_its_own_brackets_and_loses_its_publisher() -> None:
    """The Bulletin of Applied Glycoscience's books: "S. Zhang and J.R. Silva: Does nitrogen
    limit lichens (a case-control study) and their growth? Thieme, Stuttgart, (1996)." The
    title was cut at its first bracket, "(a case-control study)" taken for the publisher's
    ("M. Lee: Title (Wiley, 2023)"); a title of a report with no publisher lost its end the
    same way."""
    read = read_list(
        "1) J. Lund-Nielsen, R. Ito and R. dos Santos: Does the growth of crustose lichens "
        "restore nitrogen uptake? Lichen Res., 268, 7269–7290 (2010).",
        "2) S. Zhang, S. Sato and J.R. Silva: Does nitrogen limit lichens (a case-control study) "
        "and their growth? Thieme, Stuttgart, (1996).",
        "3) N. Singh: Spore dispersal in cold winds in organoids (a case-control study). (2019).",
        "4) T. da Silva and M.K. Alvarez: Carbon fixation at altitude. American Journal of "
        "Lichen Research, 341, 4089–4108 (1999).",
    )
    assert [read[n].title for n in (2, 3)] == [
        "Does nitrogen limit lichens (a case-control study) and their growth?",
        "Spore dispersal in cold winds in organoids (a case-control study)",
    ]


def test_a_titles_stop_glued_to_the_journal_is_a_sentences_end() -> None:
    """Haemophilia's style prints no space after the title: "…in mice.Circulation. 2011;…",
    "…(a meta-analysis).J Biol Chem", "…TP53 variants?eLife". The journal's first word was
    read into the title ("…in mice.Circulation" or "…meta-analysis).J Biol Chem"). Stops inside
    a word ("E.coli", "Ph.D"), a DOI's and a web address's are not sentences' ends."""
    read = read_list(
        "1. Nguyen S, Björk D. Nitrogen uptake in crustose lichens in mice.Circulation. "
        "2011;191(6):7784-7807.",
        "2. Moss A. Lichen growth on granite (a meta-analysis).J Biol Chem. 2012;12(2):20-29.",
        "3. Fern B. Does nitrogen limit foliose thalli?eLife. 2013;14:101-110.",
        "4. Reed C. Growth of E.coli on lichens by a Ph.D student.Lancet Oncol. 2014;15:1-9. "
        "doi:10.1000/Lichen.Growth. https://example.org/find?Lichen=Granite",
    )
    assert [(read[n].title, read[n].journal) for n in (1, 2, 3, 4)] == [
        ("Nitrogen uptake in crustose lichens in mice", "Circulation"),
        ("Lichen growth on granite (a meta-analysis)", "J Biol Chem"),
        ("Does nitrogen limit foliose thalli?", "eLife"),
        ("Growth of E.coli on lichens by a Ph.D student", "Lancet Oncol"),
    ]
    assert (read[4].doi, read[4].url) == (
        "10.1000/Lichen.Growth",
        "https://example.org/find?Lichen=Granite",
    )


def test_an_issue_labelled_in_the_lists_language_is_not_the_volumes() -> None:
    """ISO 690 in French prints "Vol. 68, n° 4, pp. 6076‑6087": the volume was read as
    "68, n° 4". German prints "Nr.", Russian "№", as English prints "No."."""
    read = read_list(
        "[1] MOSS, Anna. Lichen growth on granite. Lichen Research. 2023. Vol. 68, n° 4, "
        "pp. 6076-6087.",
        "[2] FERN, Ben. Spore dispersal in cold winds. Lichen Research. 2021. Vol. 12, nº 2, "
        "pp. 20-29.",
        "[3] REED, Cara. Nitrogen uptake by foliose thalli. Lichen Research. 2019. Vol. 9, "
        "No. 8, pp. 835-854.",
    )
    assert [(read[n].volume, read[n].pages) for n in (1, 2, 3)] == [
        ("68", "6076-6087"),
        ("12", "20-29"),
        ("9", "835-854"),
    ]


def test_family_names_in_capitals_pair_with_their_given_names() -> None:
    """ISO 690 (French): "PATEL, Dmitri, WEBER, Aisha, … et FERRARI, Luis. Title." The list
    went to the field model, whose names split at every comma: "PATEL, Dmitri", "WEBER",
    "Aisha", …, "Helena et FERRARI", "Luis". The capitals say where each name starts."""
    read = read_list(
        "1. PATEL, Dmitri, WEBER, Aisha, GARCÍA-LÓPEZ, Xavier, NUÑEZ, Mei-Ling et FERRARI, "
        "Luis. Lichen growth on granite (a phase II trial). Lichen Research. 2023. Vol. 68, "
        "n° 4, pp. 6076-6087. DOI 10.1016/j.lich.2023.01.665.",
        "2. MOSS, Anna et FERN, John R. Spore dispersal in cold winds. Lichen Research. 2021. "
        "Vol. 12, n° 2, pp. 20-29.",
    )
    assert read[1].authors == (
        "PATEL, Dmitri",
        "WEBER, Aisha",
        "GARCÍA-LÓPEZ, Xavier",
        "NUÑEZ, Mei-Ling",
        "FERRARI, Luis",
    )
    assert read[2].authors == ("MOSS, Anna", "FERN, John R.")


def test_et_al_is_the_names_not_the_titles_start() -> None:
    """Integrated Science Publishing's journals: "Ł. Lund-Nielsen, M. Smith-Jones, J.-W.
    Halvorsen, et al. IL-6 signalling…". The title began "et al. IL-6 signalling…"."""
    read = read_list(
        "1. Ł. Lund-Nielsen, M. Smith-Jones, J.-W. Halvorsen, et al. Nitrogen uptake in "
        "crustose lichens on granite. J. Lichen Res. 1989, 363 (2), 1156–1177.",
        "2. A. Moss, B. Fern. Spore dispersal in cold winds over ridges. Lichenologist 1990, "
        "12 (2), 20–29.",
    )
    assert read[1].authors == ("Ł. Lund-Nielsen", "M. Smith-Jones", "J.-W. Halvorsen")
    assert read[1].title == "Nitrogen uptake in crustose lichens on granite"


def test_one_author_initials_first_whose_full_stop_ends_the_names() -> None:
    """ "X. Papadopoulos. The antibody response… Gut 2004, 98 (6), 3763–3781.": with two
    authors ("A. Moss, B. Fern. Title…") the rule saw the names; one alone, in a chunk with
    the title, was no name to it, and the model dropped the journal "Gut"."""
    read = read_list(
        "1. X. Papadopoulos. The growth of crustose lichens after cold winters on granite. "
        "Gut 2004, 98 (6), 3763–3781.",
        "2. A. Moss, B. Fern. Spore dispersal in cold winds over high ridges. Lichenologist "
        "1990, 12 (2), 20–29.",
    )
    assert (read[1].authors, read[1].title, read[1].journal) == (
        ("X. Papadopoulos",),
        "The growth of crustose lichens after cold winters on granite",
        "Gut",
    )


def test_a_particle_in_capitals_after_the_initials_is_the_names() -> None:
    """ISO 690 (Slovak) prints a particle in capitals after the initials and no mark before
    the title: "KOWALCZYK, J.R. - DIJK, D. VAN The angiogenesis of…". The title began "VAN
    The angiogenesis…". A title that opens with a word in capitals stays whole."""
    read = read_list(
        "[1] KOWALCZYK, J.R. - DIJK, D. VAN Lichen growth on granite in cold winds. In Lichen "
        "Res. 2005. Vol. 57, no. 6, s. 434–443.",
        "[2] MOSS, A. - RÍO, D. DEL Spore dispersal over high ridges. In Lichen Res. 2006. "
        "Vol. 58, no. 2, s. 20–29.",
        "[3] FERN, B. DNA repair in lichens in cold winds. In Lichen Res. 2007. Vol. 59, no. 1, "
        "s. 1–9.",
    )
    assert [(read[n].authors[-1], read[n].title) for n in (1, 2, 3)] == [
        ("DIJK, D. VAN", "Lichen growth on granite in cold winds"),
        ("RÍO, D. DEL", "Spore dispersal over high ridges"),
        ("FERN, B.", "DNA repair in lichens in cold winds"),
    ]


def test_a_quoted_title_is_a_title_where_the_list_seemed_to_print_none() -> None:
    """SPIE's list sets books' titles in brackets and articles' in quotes: "Šimić, W., and
    Rossi, V., “The TP53 variants of…,” Annals of Oncology 126(8), 4010–4025 (2000)." Read as
    a list without titles, the quoted title went into the journal. Quotes closed by the
    field's mark say where a title ends; "“Lichens” in cold winds" is a title alone."""
    read = read_list(
        "[1] Wang, E., and di Marco, W., [Lichen growth on granite in cold winds], "
        "Wiley-Blackwell, Hoboken, NJ (2014).",
        "[2] Šimić, W., Jørgensen, H.-J., and Rossi, V., “The nitrogen uptake of crustose "
        "lichens in cold winds,” Annals of Lichenology 126(8), 4010–4025 (2000).",
        "[3] Haddad, U., and Cohen, A., “Spore dispersal over high ridges,” Lichen Research "
        "83(10), 719–727 (2015).",
    )
    assert [(read[n].title, read[n].journal) for n in (2, 3)] == [
        ("The nitrogen uptake of crustose lichens in cold winds", "Annals of Lichenology"),
        ("Spore dispersal over high ridges", "Lichen Research"),
    ]
    assert split_title_journal("“Lichens” in cold winds. Lichen Res", True) == (
        "“Lichens” in cold winds",
        "Lichen Res",
    )


def test_a_chapters_book_after_the_title_a_rule_ended() -> None:
    """Rules that end a chapter's title at its mark read no book after it: the RSC's "…, in
    Advances in Lichenology, ed. Y. Horváth (De Gruyter, Berlin, 2012), pp. 662–678." (where
    "Y" was taken for the book), Vancouver's "…trial). In: Tanaka G, editors. Book. Basel:
    Karger; 2001 p. 8364–8370.", a quoted title's "…” in Book (Names, eds.), …", and
    Anesthesia & Analgesia's "…? In:Statistical lichenology, pp. 1597–600, edited by …"."""
    rsc = read_list(
        "1 J. Rao and O. Cohen, The nitrogen uptake of crustose lichens in cold winds, in "
        "Advances in Lichenology, ed. Y. Horváth (De Gruyter, Berlin, 2012), pp. 662–678.",
        "2 I. Popescu and F. Mensah, Spore dispersal over high ridges (a phase II trial), in "
        "Lichens of the Alps, ed. M. K. Öztürk (Springer, Cham, 1995), pp. 8877–8894.",
        "3 A. Moss and B. Fern, Lichen Res., 2011, 11, 101–110.",
    )
    assert [(rsc[n].journal, rsc[n].pages, rsc[n].kind) for n in (1, 2)] == [
        ("Advances in Lichenology", "662–678", "chapter"),
        ("Lichens of the Alps", "8877–8894", "chapter"),
    ]
    vancouver = read_list(
        "1. Lindqvist MK. Lichen growth on granite (a phase II trial). In: Tanaka G, Björk M-L, "
        "editors. Precision lichenology. Basel: Karger; 2001 p. 8364–8370.",
        "2. Schneider L, Kim I. Does nitrogen limit crustose lichens? In: Petrov E, Zhang T, "
        "editors. Lichens: mechanisms and targets. Boca Raton, FL: CRC Press; 1993 p. 57–62.",
        "3. Schneider AL, Adeyemi H. Does spore dispersal drive lichen growth? In:Statistical "
        "lichenology, pp. 1597–600, edited by Patel E, van Dijk L. Hoboken, NJ, Wiley, 1991.",
        "4. Moss A, Fern B. Carbon fixation at altitude. Lichen Res. 2011;11:101-110.",
    )
    assert [(vancouver[n].journal, vancouver[n].pages) for n in (1, 2, 3)] == [
        ("Precision lichenology", "8364–8370"),
        ("Lichens: mechanisms and targets", "57–62"),
        ("Statistical lichenology", "1597–1600"),
    ]
    assert vancouver[3].title == "Does spore dispersal drive lichen growth?"
    quoted = parse_entry_text(
        "Tomás Haddad and Ana Lucía Kovač, “Chronic lichen growth: nitrogen in cold winds” in "
        "Precision Lichenology (Thomas Bianchi et al., eds.), Elsevier: Amsterdam, 1987, pp. "
        "2542–2554."
    )
    assert (quoted.title, quoted.journal) == (
        "Chronic lichen growth: nitrogen in cold winds",
        "Precision Lichenology",
    )
    # the editors before ", Eds.," are names, not the book; a book read already stays read
    scirp = parse_entry_text(
        "Martínez, D., MacLeod, O. and Das, R. (2021) The Growth of Crustose Lichens in Cold "
        "Winds. In: Papadopoulos, H., Lindqvist, B. and O’Brien, J., Eds., Methods in "
        "Translational Lichenology, Academic Press, London, 4342–4346."
    )
    edited = parse_entry_text(
        "dos Santos M. Nitrogen uptake (MS) in crustose lichens on granite. In: Clinical "
        "lichenology of cold winds. Edited by Gallagher J (editor). Philadelphia: Lippincott "
        "Williams and Wilkins; 2002. pp. 6499–6510."
    )
    assert [(e.journal, e.kind) for e in (scirp, edited)] == [
        ("Methods in Translational Lichenology", "chapter"),
        ("Clinical lichenology of cold winds", "chapter"),
    ]
    # French spacing before the colon: "In : Lund-Nielsen Z, von Arnim T, eds." are names
    french = read_list(
        "25. Moss A, Fern B. Lichen growth on granite. Lichen Res. 2011;11:101–10.",
        "26. Nielsen D, Singh S. Nitrogen uptake suppresses crustose growth. In : Lund-Nielsen "
        "Z, von Arnim T, van Dijk F, eds. Precision lichenology. Hoboken, NJ : Wiley-Blackwell "
        ", 2002 : 4458–71.",
    )
    assert (french[26].title, french[26].journal) == (
        "Nitrogen uptake suppresses crustose growth",
        "Precision lichenology",
    )


def test_a_chapter_in_a_list_that_prints_no_titles() -> None:
    """The Journal of Separation Science prints no chapter titles: "von Arnim, R., Silva,
    J.-L., in: Kowalski, Y., Torres, M.-L. (Eds.), Clinical Lichenology. Karger, Basel 2013,
    pp. 127–143." The editors were read as more authors and the book with its publisher."""
    read = read_list(
        "[1] von Arnim, R., Silva, J.-L., in: Kowalski, Y., Torres, M.-L., Gallagher, L. "
        "(Eds.), Clinical Lichenology of Cold Winds. Karger, Basel 2013, pp. 127–143.",
        "[2] Moss, A., Fern, B., Lichen growth on granite. Lichen Res. 2011, 11, 101–110.",
    )
    assert (read[1].authors, read[1].journal, read[1].year, read[1].pages, read[1].kind) == (
        ("von Arnim, R.", "Silva, J.-L."),
        "Clinical Lichenology of Cold Winds",
        2013,
        "127–143",
        "chapter",
    )


def test_a_colon_after_every_name_and_bare_initials_before_a_colon() -> None:
    """Kidney Research and Clinical Practice prints a colon after every name: "Horváth U:,
    Fernández K-H:, Gallagher O: Title." The names ended at the second, the rest went into
    the title. Heidelberg's style prints family names, bare initials and a colon: "di Marco,
    Ł, Nielsen, M-C, O’Brien, JR: Title", "Das, X: Title": the names split at every comma
    and "JR:" opened the title."""
    kidney = read_list(
        "[1] Horváth U:, Fernández K-H:, Bianchi U:, Gallagher O: Lichen growth on granite. "
        "Kidney Int 277(1):4719–32, 1996.",
        "[2] Lund-Nielsen M: Spore dispersal in cold winds. Kidney Int 278(2):20–29, 1997.",
        "[3] Alvarez P: Lichens in cold winds: a meta-analysis. Available at: "
        "https://www.example.org/guidelines/lichens-in-cold-winds [Date accessed: April 21, "
        "2023]",
    )
    assert (kidney[1].authors, kidney[1].title) == (
        ("Horváth U", "Fernández K-H", "Bianchi U", "Gallagher O"),
        "Lichen growth on granite",
    )
    # the style's date of access, "[Date accessed: …]", is no part of the title
    assert kidney[3].title == "Lichens in cold winds: a meta-analysis"
    heidelberg = read_list(
        "1. di Marco, Ł, Nielsen, M-C, Andersson, CA, O’Brien, JR: Nitrogen uptake (RCTS) in "
        "crustose lichens. Sci. Rep., 351: 109399, 2006.",
        "2. Petrov, S: Does spore dispersal in cold winds limit lichen growth? Lichenologist, "
        "278: 3512–3517, 2007.",
        "3. Dubois, K-H, Das, D, Kovač, M: Carbon fixation: growth at altitude. Journal of "
        "Lichen Research, 393: 6390–6414, 2009.",
    )
    assert [(heidelberg[n].authors, heidelberg[n].title) for n in (1, 2)] == [
        (
            ("di Marco, Ł", "Nielsen, M-C", "Andersson, CA", "O’Brien, JR"),
            "Nitrogen uptake (RCTS) in crustose lichens",
        ),
        (("Petrov, S",), "Does spore dispersal in cold winds limit lichen growth?"),
    ]


def test_iso_690_year_then_labelled_volume_issue_and_pages() -> None:
    """ISO 690 in its Slovak, Lithuanian and French styles: "…Title. In Annals of Oncology.
    2024. Vol. 246, no. 2, s. 672036.", "…? Cancer Discovery. 2005. Vol. 155, n° 10, pp.
    8252‑8271." No rule read it; the field model took the year for the volume, lost "eLife"
    and left a journal in the title. The names: a particle in capitals after the initials,
    and a dash between names ("DIJK, M.-L. VAN - MARCO, Ł. DI Title")."""
    read = read_list(
        "[1] SOUZA, L. DE et al. Nitrogen uptake by crustose lichens. In Annals of "
        "Lichenology. 2024. Vol. 246, no. 2, s. 672036.",
        "[2] TORRES, W. et al. Spore dispersal in cold winds. In eLife. 1995. Vol. 378, no. 5, "
        "s. 1607–1623.",
        "[3] DIJK, M.-L. VAN - MARCO, Ł. DI Lichen growth on granite (a cross-sectional "
        "survey). In Lichen Research. 2015. Vol. 171, no. 5, p. 6536–6560.",
        "[4] DVOŘÁK, Kwame et WÓJCIK, Zoë. Does carbon fixation limit lichen growth? Cancer "
        "Lichenology. 2005. Vol. 155, n° 10, pp. 8252-8271.",
    )
    assert [
        (read[n].authors, read[n].journal, read[n].year, read[n].volume, read[n].pages)
        for n in (1, 2, 3, 4)
    ] == [
        (("SOUZA, L. DE",), "Annals of Lichenology", 2024, "246", "672036"),
        (("TORRES, W.",), "eLife", 1995, "378", "1607–1623"),
        (("DIJK, M.-L. VAN", "MARCO, Ł. DI"), "Lichen Research", 2015, "171", "6536–6560"),
        (("DVOŘÁK, Kwame", "WÓJCIK, Zoë"), "Cancer Lichenology", 2005, "155", "8252-8271"),
    ]
    assert [read[n].title for n in (3, 4)] == [
        "Lichen growth on granite (a cross-sectional survey)",
        "Does carbon fixation limit lichen growth?",
    ]


def test_a_journal_abbreviated_after_the_titles_comma() -> None:
    """Radiation Protection Dosimetry: "…Title in transplant recipients, Front. Immunol.
    195(2), 1564–1579 (1985)." The title ended at the abbreviation's full stop ("…recipients,
    Front") and the journal was "Immunol". A lone name's full stop is no author's either when
    no title follows it: "J. Agric. Food Chem. 1990, 38, 1205-1209" is the journal."""
    read = read_list(
        "1. Brennan, P., von Arnim, E. and Okafor, H. Nitrogen uptake (a randomised trial) in "
        "crustose lichens, Front. Lichenol. 195(2), 1564–1579 (1985).",
        "2. Smith-Jones, C. and Nuñez, H. Spore dispersal in cold winds, Lichenologist 56(10), "
        "155–178 (1988).",
    )
    assert [(read[n].title, read[n].journal) for n in (1, 2)] == [
        ("Nitrogen uptake (a randomised trial) in crustose lichens", "Front. Lichenol."),
        ("Spore dispersal in cold winds", "Lichenologist"),
    ]
    alone = parse_entry_text("J. Agric. Food Chem. 1990, 38, 1205-1209")
    assert (alone.authors, alone.journal) == ((), "J. Agric. Food Chem.")


def test_a_quoted_title_a_rule_read_into_the_journal_and_a_doubled_stop() -> None:
    """Read alone, entries like these were taken for a list that prints no titles, and the
    quoted title went into the journal: "M. Herlihy and J. Wing, "Title", ACM Transactions
    on …, Vol. 12, No. 3, 1990, pp. 463-492.", in ASCII single quotes too ("'Title,'"). And
    "Trager W, Gill GS.. Title": the doubled full stop hid the names' end ("Gill GS.." opened
    the title)."""
    herlihy = parse_entry_text(
        'M. Herlihy and J. Wing, "Linearizability of lichen growth", ACM Transactions on '
        "Lichenology, Vol. 12, No. 3, 1990, pp. 463-492."
    )
    chiu = parse_entry_text(
        "Y.-C. Chiu and S. Chen, 'Development of a picking robot for crustose lichens,' "
        "Applied Lichenology, vol. 29, no. 6, pp. 1001-1009, 2013."
    )
    anderson = parse_entry_text(
        'J. Anderson, "Composite lichens", Distributed Lichenology, 6(3), 1993, pp. 141-154.'
    )
    assert [(e.title, e.journal, e.volume) for e in (herlihy, chiu, anderson)] == [
        ("Linearizability of lichen growth", "ACM Transactions on Lichenology", "12"),
        ("Development of a picking robot for crustose lichens", "Applied Lichenology", "29"),
        ("Composite lichens", "Distributed Lichenology", "6"),
    ]
    trager = parse_entry_text(
        "Trager W, Williams J, Gill GS.. Extracellular growth of crustose lichens on granite. "
        "Methods in Lichen Science 1996; 18:219-227."
    )
    assert (trager.authors, trager.title) == (
        ("Trager W", "Williams J", "Gill GS"),
        "Extracellular growth of crustose lichens on granite",
    )
    # an ellipsis is no doubled stop
    assert (
        parse_entry_text("Moss A. Lichens... and their growth. Lichen Res 2001; 12:1-9.").title
        == "Lichens... and their growth"
    )


def test_amas_editors_glued_after_eds_are_left_as_printed() -> None:
    """AMA's styles print a chapter's editors after "ed." with no space, and a comma after
    "In": "…burden. In, ed.Michael Ødegaard. Principles of Lichenology. Elsevier; 2014:
    2796-2813." No rule read it, and the field model, unsure, read the editor into the book
    once the glued stop was spaced ("ed. Michael"). Vancouver's chapter rule reads the form."""
    read = read_list(
        "25. Sofia Patel, Teresa Nuñez, Łucja Tanaka. Tumour DNA in lymphoma after the "
        "meta-analysis of systemic type 2 diabetes (a cross-sectional survey). Clinical Cancer "
        "Research. 1998;369(10):1673-1678. doi:10.1002/imm.45501",
        "26. Chen Becker-Hoffmann. The inflammation of inflammatory ovarian cancer after "
        "antibody response in transplant recipients (a systematic review) with asthma. "
        "Oncogene. 1998;199(3):1646-1656.",
        "27. François Cohen, Lena di Marco. T-cell exhaustion and immunotherapy after the "
        "microbiome of immune-related COVID-19 in smokers (a cohort study) and mutational "
        "burden. In, ed.Michael Ødegaard. Principles of Lichenology. Elsevier; 2014:2796-2813.",
        "28. Laura Ito. Circulating macrophage polarisation (CS) in Alzheimer’s disease across "
        "transcriptional cell lines. Cancer Discov. 1993;377(5):7271-7287.",
    )
    assert (read[27].journal, read[27].year, read[27].pages, read[27].kind) == (
        "Principles of Lichenology",
        2014,
        "2796-2813",
        "chapter",
    )


def test_a_column_of_labels_over_a_web_page_whose_address_opens_a_line_with_online() -> None:
    """German university styles end a web page "2016. Online: https://…, Stand: 24.05.2024."
    pdftotext's plain text of a hanging-label list prints the labels as a column and the
    entries after it; "Online:" at a line's start after "2016." was taken for a new entry,
    the pieces were one more than the labels, and none of the ten entries was read."""
    printed = [
        "Dubois, K-H, Das, D: Lichen growth on granite. Journal of Lichenology, 393: 6390–6414,",
        "2009.",
        "Horváth, P, Lund-Nielsen, JR: Spore dispersal in cold winds. 2016.",
        "Online: https://www.example.org/guidelines/spore-dispersal-in-cold-winds,",
        "Stand: 24.05.2024.",
        "Li, L, Kaur, S: Nitrogen uptake by foliose thalli. eLife, 264: 7159–7179, 1993.",
    ]
    text = "\n".join(["References", "1.", "", "2.", "", "3.", "", *printed])
    read = by_number(parse_references(lines_of(text))[0])
    assert [read[n].raw.split(":")[0] for n in (1, 2, 3)] == [
        "Dubois, K-H, Das, D",
        "Horváth, P, Lund-Nielsen, JR",
        "Li, L, Kaur, S",
    ]
    assert read[2].url == "https://www.example.org/guidelines/spore-dispersal-in-cold-winds"


def test_a_column_of_labels_over_apa_entries_whose_journal_opens_a_line() -> None:
    """APA's source, "Neurology, 200, 495–503.", on a line of its own after a title that
    ends with a full stop and a year before it ("Schäfer, H. (1997). Title.") was taken for a
    new entry: pdftotext's column of labels then had one piece too many and none of the
    page's entries was read (the Journal of Microscopy's style). A journal, a comma and its
    volume and pages go on the entry above."""
    printed = [
        "Kaur, M., Horváth, A.-S., & Müller, U. (2004). Lichen growth on granite in cold",
        "winds. Annals of Lichenology, 240, 942508.",
        "Schäfer, H., & Costa, P. (1997). Circulating spores: dispersal over high ridges.",
        "Lichenologist, 200, 495–503.",
        "Nuñez, R. (2009). Does nitrogen limit foliose thalli? Journal of Lichen Research,",
        "16, 597634.",
    ]
    text = "\n".join(["References", "1.", "", "2.", "", "3.", "", *printed])
    read = by_number(parse_references(lines_of(text))[0])
    assert [(read[n].authors[0], read[n].journal, read[n].volume) for n in (1, 2, 3)] == [
        ("Kaur, M.", "Annals of Lichenology", "240"),
        ("Schäfer, H.", "Lichenologist", "200"),
        ("Nuñez, R.", "Journal of Lichen Research", "16"),
    ]


@pytest.mark.parametrize(
    ("text", "title", "book"),
    [
        pytest.param(
            "Li C: Lichen growth on granite: a field study. In: Methods in lichenology. D’Angelo M "
            "(ed.). Hoboken, NJ, Wiley-Blackwell, pp 895–904, 2020.",
            "Lichen growth on granite: a field study",
            "Methods in lichenology",
            id="book-then-names-ed-in-brackets",
        ),
        pytest.param(
            "Julia Ivanova and Omar Abdullah. 2011. Spore dispersal in cold winds. In Handbook of "
            "lichen ecology, Sven Dmitri Kim (ed.). Elsevier, Amsterdam, 294–305.",
            "Spore dispersal in cold winds",
            "Handbook of lichen ecology",
            id="book-then-full-name-ed",
        ),
        pytest.param(
            "le Roux L, Zhang T 2011. A nitrogen budget for foliose thalli. In Handbook of "
            "long-term lichen studies, Abdullah F, ed. New York: Humana Press. pp. 17–34",
            "A nitrogen budget for foliose thalli",
            "Handbook of long-term lichen studies",
            id="book-then-names-comma-ed",
        ),
        pytest.param(
            "Alvarez, I., ‘Spore dispersal over high ridges (the alpine study)’, In Lichen "
            "Ecology: Principles and Practice, P. Silva-Eriksson, Ed., Elsevier, Amsterdam, pp. "
            "413–426 (1992).",
            "Spore dispersal over high ridges (the alpine study)",
            "Lichen Ecology: Principles and Practice",
            id="capital-in-after-a-comma",
        ),
        pytest.param(
            "O. Murphy, L. Popescu, in Lichen ecology: principles and practice, P. W. "
            "Papadopoulos, Ed. (Humana Press, New York, 1992), pp. 490–518.",
            None,
            "Lichen ecology: principles and practice",
            id="science-chapter-without-title",
        ),
        pytest.param(
            "Moreau AI. Lichen growth on granite. Lichen ecology: principles and practice. "
            "(Fernández Elif Rahul ed.), Elsevier, Amsterdam, pp. 15–22 (2019).",
            "Lichen growth on granite",
            "Lichen ecology: principles and practice",
            id="no-in-names-and-ed-in-brackets",
        ),
        pytest.param(
            "Novak J. Spore dispersal in cold winds. Methods in lichenology. E. Hernández, ed. "
            "Berlin: Springer. 2017. pp. 879–892.",
            "Spore dispersal in cold winds",
            "Methods in lichenology",
            id="no-in-names-comma-ed",
        ),
        pytest.param(
            "Singh, M. 2015. Spore dispersal in cold winds. In Textbook of lichens, ed. Teresa "
            "Singh, 378–398. Cambridge: Cambridge University Press.",
            "Spore dispersal in cold winds",
            "Textbook of lichens",
            id="chicago-ed-then-names",
        ),
        pytest.param(
            "Lee K. Spore dispersal in cold winds. In: Methods in lichenology (Editor: E. "
            "Haddad). Oxford: Oxford University Press, 2005, p. 143–159.",
            "Spore dispersal in cold winds",
            "Methods in lichenology",
            id="editor-colon-in-brackets",
        ),
    ],
)
def test_a_chapters_book_printed_before_its_editors(
    text: str, title: str | None, book: str
) -> None:
    """Chapters whose book comes first and its editors after it, in the forms a tenth sample
    of journals' styles printed: the book had been read as the place ("Hoboken"), the
    publisher, or with the editors' names ("In Handbook of …, Abdullah F"); Science's
    chapters print no chapter title, and the book was read as one."""
    entry = parse_entry_text(text)
    assert (entry.title, entry.journal, entry.kind) == (title, book, "chapter")
    assert entry.pages is not None


@pytest.mark.parametrize(
    "text",
    [
        "Gentner, D. (1992). Analogy watershed. In Giles, C. L., Hanson, S. J., and Cowan, J. D., "
        "editors, Advances in Lichen Processing Systems 5. Morgan Kaufmann.",
        "Scott, D. 1990. Getting the message across. In Dale, R.; Mellish, C.; and Zock, M., "
        "eds., Current Research in Lichen Generation. New York: Academic Press. 47-73",
        # "illustrated." ends in "ed.", and names no editor
        "Eco, Umberto. Semiotics of lichens. Reprint, illustrated. Bloomington: Indiana "
        "University Press, 1986.",
    ],
)
def test_editors_printed_first_are_not_a_book(text: str) -> None:
    """Editors named before the book, family names first: the names are not the book."""
    entry = parse_entry_text(text)
    assert entry.journal is None or not entry.journal.startswith(("Giles", "Dale", "Reprint"))


def test_a_body_and_its_year_opening_a_web_pages_title_are_its_author_and_year() -> None:
    """ACM's web pages: "Cancer Research UK. 2012. Title. Retrieved … from https://…". In a
    list read as ACM's, no rule read the body before the year, and the title began with both
    (a body's name without "Agency" or "Institute" in it is no group the title gave up)."""
    entry = parse_entry_text(
        "Cancer Research UK. 2012. Spore counts in cold winds: a field study. Retrieved 6 June "
        "2025 from https://www.example.org/lichens/report-136",
        style="acm",
    )
    assert (entry.authors, entry.title, entry.year) == (
        ("Cancer Research UK",),
        "Spore counts in cold winds: a field study",
        2012,
    )


@pytest.mark.parametrize(
    ("text", "fields"),
    [
        pytest.param(
            "ALMEIDA S, HERNÁNDEZ S, LEE X H, et al. Lichen growth on granite (the alpine "
            "study)[J]. Journal of Lichenology, 2023, 8(9): 3750-3767.",
            {
                "authors": ("ALMEIDA S", "HERNÁNDEZ S", "LEE X H"),
                "title": "Lichen growth on granite (the alpine study)",
                "journal": "Journal of Lichenology",
                "year": 2023,
                "volume": "8",
                "kind": "article",
            },
            id="article",
        ),
        pytest.param(
            "WANG L. Textbook of lichens[M]. Beijing: Science Press, 2010.",
            {"title": "Textbook of lichens", "year": 2010, "kind": "book"},
            id="book",
        ),
        pytest.param(
            "PATEL N, WANG S. Spore dispersal in cold winds[M]//GALLAGHER L M L, YILMAZ L. "
            "Textbook of lichens. Amsterdam: Elsevier, 2016: 837-861.",
            {
                "authors": ("PATEL N", "WANG S"),
                "title": "Spore dispersal in cold winds",
                "journal": "Textbook of lichens",
                "pages": "837-861",
                "kind": "chapter",
            },
            id="part-of-a-book",
        ),
        pytest.param(
            "LI Y. Lichen growth in cold winds[D]. Beijing: Peking University, 2010.",
            {"title": "Lichen growth in cold winds", "kind": "thesis"},
            id="thesis",
        ),
        pytest.param(
            # a style (Building Structure's) that tags a chapter "[D]": the title still ends
            # at the tag, and the editor named makes it a chapter
            "Novak Jean-Pierre et al. Spore dispersal in cold winds[D]. Methods in lichenology. "
            "E. Hernández, ed. Berlin: Springer. 2017. pp. 879–892.",
            {
                "title": "Spore dispersal in cold winds",
                "journal": "Methods in lichenology",
                "kind": "chapter",
            },
            id="title-ends-at-its-tag",
        ),
    ],
)
def test_china_gb_t_7714_kind_tags(text: str, fields: dict[str, object]) -> None:
    """China's national standard (GB/T 7714) prints the kind of work after its title, "[J]",
    "[M]", "[D]", "[EB/OL]", and a part of a whole as "Title[M]//Editors. Book.": the tag
    went into the title (27 of 30 entries of an eleventh-sample review were wrong so), and a
    chapter's editors into its authors. The tag ends the title and says the kind."""
    entry = parse_entry_text(text)
    assert_fields(entry, fields)


def test_china_gb_t_7714_web_page_dates() -> None:
    """ "Title[EB/OL]. (2020-01-02)[2024-05-01]. https://…": the date published, then the date
    cited in brackets; neither stays in the title."""
    printed = [
        "[1] WANG L, LI Y. Lichen growth on granite[J]. Journal of Lichenology, 2023, 8(9): "
        "3750-3767.",
        "[2] LICHEN TRUST. Spore counts in cold winds[EB/OL]. (2020-01-02)[2024-05-01]. "
        "https://www.example.org/lichens/report-136.",
        "[3] ZHANG W. Nitrogen uptake by foliose thalli[J]. Lichenologist, 2019, 51(2): 12-19.",
    ]
    text = "\n".join(["References", *printed])
    read = by_number(parse_references(lines_of(text))[0])
    assert (read[2].title, read[2].year, read[2].kind) == (
        "Spore counts in cold winds",
        2020,
        "web",
    )


def test_a_label_with_its_full_stop_spaced_off() -> None:
    """Forensic Science Review's "1 . Almeida D, Lindqvist S: Title; …": the label's full stop
    spaced off began the entry, and no name was read."""
    printed = [
        "1 . Almeida D, Lindqvist S: Lichen growth on granite; Lichenologist 12:100-109; 2020.",
        "2 . Brennan EE: Spore dispersal in cold winds; Lichenologist 14:200-209; 2021.",
    ]
    read = by_number(parse_references(lines_of("\n".join(["References", *printed])))[0])
    assert [read[n].raw.split(":")[0] for n in (1, 2)] == ["Almeida D, Lindqvist S", "Brennan EE"]
    assert read[1].authors[0] == "Almeida D"


def test_a_web_address_broken_before_its_slash_or_its_domains_dot() -> None:
    """A PDF's line broke a web address just before a slash ("…/research/progress" +
    "/report-760.") or the domain's dot ("https://www.example" + ".org/…"): the rest went into
    the title ("Title. /report-760") and the address lost its end."""
    printed = [
        "[1] Lichen Trust. Spore counts in cold winds. https://www.example.org/research/progress",
        "/report-760. Published 2015. Accessed November 4, 2025",
        "[2] Lee A, Kim B. Lichen growth on granite. Lichenologist 2001;3:1–9.",
        "[3] Lichen Trust. Nitrogen uptake by thalli (the alpine study), https://www.example",
        ".org/research/progress/report-724 (2021, accessed 22 February 2025).",
    ]
    read = by_number(parse_references(lines_of("\n".join(["References", *printed])))[0])
    assert [(read[n].title, read[n].url) for n in (1, 3)] == [
        ("Spore counts in cold winds", "https://www.example.org/research/progress/report-760"),
        (
            "Nitrogen uptake by thalli (the alpine study)",
            "https://www.example.org/research/progress/report-724",
        ),
    ]


@pytest.mark.parametrize(
    ("text", "pages"),
    [
        pytest.param(
            "Okafor A, Singh C. Lichen growth (the alpine study). In: Gallagher W, ed. Methods "
            "in lichenology. Berlin: De Gruyter; 2005. p478–491.",
            "478–491",
            id="p-glued",
        ),
        pytest.param(
            "García-López E, Dubois X. Does nitrogen limit thalli? In: Nguyen E, editor. "
            "Handbook of lichens. Cambridge: Cambridge University Press; 1997. page 535–48.",
            "535–548",
            id="page-word",
        ),
    ],
)
def test_a_chapters_pages_without_their_label(text: str, pages: str) -> None:
    """The European Society of Cardiology's "p478–491" and Neurology India's "page 535–48":
    the label stayed in the pages ("p478–491", "age 535–548": the field model's label
    pattern took "p" for "pp" before it tried "page")."""
    assert parse_entry_text(text).pages == pages


@pytest.mark.parametrize(
    ("text", "pages"),
    [
        pytest.param(
            "Ferrari X. Lichen growth on granite. Lichenologist. 2005;373:43374359.",
            "4337–4359",
            id="four-and-four",
        ),
        # a six-digit article number stays whole, and so do halves that do not count up
        pytest.param("Lee A. Spore counts. Front Lichenol. 2020;11:100123.", "100123", id="six"),
        pytest.param(
            "Lee A. Spore counts. Lichenologist. 2020;11:45671234.", "45671234", id="down"
        ),
    ],
)
def test_a_page_range_pdftotext_joined_at_a_line_end(text: str, pages: str) -> None:
    """`pdftotext` takes a hyphen at a line's end for a word's and joins the line to the next:
    "2005;373:4337-" + "4359." became "43374359", one page. Eight (or ten) digits whose halves
    count up a little are the range again."""
    assert parse_entry_text(text).pages == pages


def test_labels_printed_in_blocks_out_of_their_place_are_paired_in_order() -> None:
    """pdftotext's plain text of a list whose labels hang in a column: a block of labels
    ("1." … "3."), then two entries' text, a label "5.", three entries' text, and "4." after
    them, out of its place. No label's block paired with the text after it, and entries were
    merged or lost. Every label alone on its line and numbered 1 … 5 once, and the text cut
    into exactly five entries (each with its year; the last ends without a full stop), the
    entries are the labels' in their order. A body ("Lichen Trust: Title") opens an entry as
    a name does."""
    printed = [
        "References",
        "1.",
        "2.",
        "3.",
        "",
        "Silva N, Yamamoto A, Park A, et al.: Lichen growth on granite. Lichenologist 2014;",
        "379:6025–6037",
        "Çelik G, Dubois N: Spore dispersal in cold winds. J Lichenol 2006;",
        "45:4658–4671",
        "",
        "5.",
        "",
        "Fischer E: Nitrogen uptake by foliose thalli. Lichenologist 2006; 408:8011–8029",
        "Lichen Survey Agency: Counts of lichens on granite [Internet]. 2022; [cited 2025 Nov 12]",
        "Wang O, O’Neill E: Alpine lichens in winter. J Lichenol 2021; 258:8076–8085",
        "4.",
    ]
    read = by_number(parse_references(lines_of("\n".join(printed)))[0])
    assert [(n, read[n].authors[:1], read[n].year) for n in range(1, 6)] == [
        (1, ("Silva N",), 2014),
        (2, ("Çelik G",), 2006),
        (3, ("Fischer E",), 2006),
        (4, ("Lichen Survey Agency",), 2022),
        (5, ("Wang O",), 2021),
    ]
    # the label's own line stays the entry's, where it was printed (after the text)
    assert (read[4].line, read[4].line_end) == (14, 16)


def test_labels_beside_a_page_number_are_no_vertical_watermark() -> None:
    """Journal of Stroke's list in pdftotext's plain text: the page ends, its number "2",
    then the next page's labels "18." and "23." alone, then their entries' text. Three short
    lines in a row had been taken for a watermark printed one letter per line, and labels 18
    and 23 were dropped with the page number. A page number neither makes such a run nor
    breaks one. A year alone on its line ("Oxford University Press," then "2016.") is no
    label of the list, and "Almeida HM-L and Ivanova WY." opens an entry as a comma would."""
    printed = [
        "References",
        "1.",
        "2.",
        "3.",
        "",
        "Silva N, Park A. Lichen growth on granite. Lichenologist 2014;379:6025–6037",
        "Moreau T, Laine H. Lichens: principles and practice. Oxford: Oxford University Press,",
        "2016.",
        "Fischer E. Nitrogen uptake by foliose thalli. Lichenologist 2006;408:8011–8029",
        "2",
        "",
        "4.",
        "",
        "6.",
        "",
        "Almeida HM-L and Ivanova WY. Alpine lichens. J Lichenol 2021;258:8076–8085",
        "Lee A. Spore counts in cold winds. J Lichenol 2009;12:100–109",
        "Park C. Crusts on basalt. Lichenologist 2011;7:33–41",
        "5.",
    ]
    read = by_number(parse_references(lines_of("\n".join(printed), furniture=("2",)))[0])
    assert [(n, read[n].authors[:1], read[n].year) for n in range(1, 7)] == [
        (1, ("Silva N",), 2014),
        (2, ("Moreau T",), 2016),
        (3, ("Fischer E",), 2006),
        (4, ("Almeida HM-L",), 2021),
        (5, ("Lee A",), 2009),
        (6, ("Park C",), 2011),
    ]


def test_titles_in_title_case_are_titles_not_part_of_the_journal() -> None:
    """HPB prints "Names (1993). Role of Therapy in T-Cell Structure Model. Ann Intern Med 49:
    1519–25.": titles in title case. Read as a list that prints no titles (RSC's, JBC's),
    "Title. Journal" looked like one journal of capitalised words, and no title was read. A
    sentence of four words or more, with a word longer than an abbreviation, before a
    journal-like rest says the list prints titles (the sentence's last word alone does not:
    "Study", "Model", "Melt" are as short as "Chem", "Meta-Analysis" is no plain word)."""
    printed = [
        "References",
        "1. Alvarez J (1991). A Lichen Analysis for Granite Outcrops (the Cohort Study). "
        "Lichenologist 347: 5669–78.",
        "2. Rossi S, le Roux D (2009). Spore-Associated Dispersal Rates: A Systematic Review "
        "and Meta-Analysis. J Lichenol 408: 1359–66.",
        "3. von Arnim TX, Park T (1993). Role of Nitrogen in a Foliose Thallus Model. Ann Bot "
        "49: 1519–25.",
        "4. Lindqvist T (2010). Alpine Crusts on Granite After Snow Melt. Nature "
        "Communications 35: 3288–312.",
    ]
    read = parse_references(lines_of("\n".join(printed)))[0]
    assert [(entry.title, entry.journal) for entry in read] == [
        ("A Lichen Analysis for Granite Outcrops (the Cohort Study)", "Lichenologist"),
        ("Spore-Associated Dispersal Rates: A Systematic Review and Meta-Analysis", "J Lichenol"),
        ("Role of Nitrogen in a Foliose Thallus Model", "Ann Bot"),
        ("Alpine Crusts on Granite After Snow Melt", "Nature Communications"),
    ]


def test_acs_names_then_rscs_commas_between_title_and_journal() -> None:
    """Jyväskylä's chemistry style: ACS's names ("Family, I.;" and "and" before the last),
    then a comma, the title, the journal, year, volume and pages all parted by commas. ACS's
    rule looks for the title's full stop and found none: title and journal were one."""
    printed = [
        "References",
        "1. Alvarez, M.; Kim, Y. and Lee, A., A survey of crustose lichens (the granite study), "
        "Lichenologist, 2015, 189, 209234.",
        "2. Ivanova, L.; Novak, L.; Gallagher, A.; Singh, E.; Torres, S.; Dubois, L.; Chen, T.; "
        "O’Brien, H.; Alvarez, T. and O’Neill, M.-L., Spore dispersal in cold winds (the snow "
        "study), PLoS ONE, 2023, 315, 2986–2994.",
        "3. Fernández, S., Nitrogen uptake by foliose thalli, J. Lichenol., 2009, 180, e827185.",
    ]
    read = parse_references(lines_of("\n".join(printed)))[0]
    assert [(entry.authors[-1], entry.title, entry.journal) for entry in read] == [
        ("Lee, A.", "A survey of crustose lichens (the granite study)", "Lichenologist"),
        ("O’Neill, M.-L.", "Spore dispersal in cold winds (the snow study)", "PLoS ONE"),
        ("Fernández, S.", "Nitrogen uptake by foliose thalli", "J. Lichenol."),
    ]


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            "CHEN, Chen and SCHMIDT, Anna. Crusts on granite. In : NGUYEN, Hiroshi and SINGH, "
            "Claire Zoë (eds.), Handbook of lichens. New York : Humana Press, 2021. p. 102–109.",
            id="iso690-capital-family-names",
        ),
        pytest.param(
            "Dubois, Dmitri, and Teresa Zhang, ‘Crusts on granite’, in Dmitri Kuznetsova and "
            "Noémie Jean-Pierre Šimić-Okafor, eds., Handbook of lichens (Cambridge, 1993), 102–9.",
            id="new-harts-rules-full-names",
        ),
        pytest.param(
            "Dubois, Dmitri, and Teresa Zhang, ‘Crusts on granite’, in Søren Patel, ed., "
            "Handbook of lichens (Hoboken, NJ, 1990), 102–109.",
            id="new-harts-rules-one-editor",
        ),
    ],
)
def test_a_chapters_editors_named_before_its_book(text: str) -> None:
    """ISO 690's "In : NGUYEN, Hiroshi and SINGH, Claire Zoë (eds.), Book." and New Hart's
    Rules' "in Dmitri Kuznetsova and Noémie Šimić-Okafor, eds., Book (Cambridge, 1993)": the
    editors come first. Their names, split at "and", had been taken for a book's title with a
    small word in it ("NGUYEN, Hiroshi and SINGH"), and names in full for no names at all.
    One editor ("in Søren Patel, ed., Book") makes a chapter too, not an article."""
    entry = parse_entry_text(text)
    assert (entry.title, entry.journal, entry.kind, entry.pages) == (
        "Crusts on granite",
        "Handbook of lichens",
        "chapter",
        "102–109",
    )


@pytest.mark.parametrize(
    ("text", "fields"),
    [
        pytest.param(
            "Jensen, Fatima Aisha, et al., ‘Crusts on Granite: A Systematic Review’, Journal of "
            "Lichenology, 312 (2007), 5104–18, https://doi.org/10.1234/lichen.5104.",
            (("Jensen, Fatima Aisha",), "Journal of Lichenology", "312", "5104–5118", 2007),
            id="mhra-volume-year-pages",
        ),
        pytest.param(
            "Dubois, Dmitri, Aisha Eriksson, and Teresa van Dijk, ‘Spores in Cold Winds’, "
            "Lichenologist, 134/22 (Spring 2008), 2017–32.",
            (
                ("Dubois, Dmitri", "Aisha Eriksson", "Teresa van Dijk"),
                "Lichenologist",
                "134",
                "2017–2032",
                2008,
            ),
            id="mhra-issue-after-slash",
        ),
        pytest.param(
            "E. A. IVANOVA et al., ‘Crusts on granite: results from a survey’, Lichen Reports "
            "294 4, 8504 (2022).",
            (("E. A. IVANOVA",), "Lichen Reports", "294", "8504", 2022),
            id="ans-bare-issue-after-volume",
        ),
        pytest.param(
            "M. Laine, E. Eriksson, and C. Sørensen: ‘Do lichens grow on granite?’ "
            "Lichenologist. vol. 394, no. 8, pp. e778909, 1998.",
            (("M. Laine", "E. Eriksson", "C. Sørensen"), "Lichenologist", "394", "e778909", 1998),
            id="hindawi-colon-and-question",
        ),
    ],
)
def test_a_title_in_quotes_then_sources_of_the_humanities(text: str, fields: tuple) -> None:
    """Titles in single quotes before sources IEEE's rule did not know: MHRA's and New
    Hart's Rules' "Journal, 312 (2007), 5104–18" (volume, the year in brackets, pages; an
    issue after a slash), the American Nuclear Society's "Journal 294 4, 8504 (2022)" (the
    issue bare after the volume: it had stayed in the journal), and Hindawi's "Names:
    ‘Title?’ Journal." (the closing quote after a question mark, the colon after the names).
    Names in full with the first one's family name first ("Dubois, Dmitri, Aisha Eriksson")
    are three people, not four: "Dmitri" is Dubois' given name."""
    entry = parse_entry_text(text)
    assert (entry.authors, entry.journal, entry.volume, entry.pages, entry.year) == fields


def test_names_in_full_with_the_first_family_name_first() -> None:
    """Chicago's and MHRA's names: "Family, Given, Given Family, and Given Family". Split at
    each comma, the first author's given names became a second author."""
    from reflink.references import split_names

    assert split_names("Šimić, Mei-Ling Ana, Teresa van Dijk, and Yusuf Horváth") == [
        "Šimić, Mei-Ling Ana",
        "Teresa van Dijk",
        "Yusuf Horváth",
    ]
    assert split_names("Jensen, Fatima, et al.") == ["Jensen, Fatima"]
    # initials, or family names alone, are split as before
    assert split_names("A. B. Smith, C. Jones and D. Lee") == ["A. B. Smith", "C. Jones", "D. Lee"]
    assert split_names("Smith, Jones, Lee") == ["Smith", "Jones", "Lee"]


def test_a_label_column_paired_wrongly_is_read_in_order() -> None:
    """Histopathology's list in pdftotext's plain text: labels without full stops in blocks
    ("1" … "4", then "5", "6", "7", then "8", "9" after the text), three entries' text after
    the first block. Pairing each block with the text after it gave label 4 three entries
    and labels 1-3 none. Where labels hold more dated entries than their own, and the text
    cuts into exactly as many entries as there are labels, the entries are the labels' in
    order; a web page printed without its year ("Lichen Survey Agency. Title.") is one."""
    printed = [
        "References",
        "1",
        "2",
        "3",
        "4",
        "",
        "Silva N, Park A. Lichen growth on granite. Lichenologist 2014; 379; 6025-6037.",
        "Çelik G, Dubois N. Spore dispersal in cold winds. J Lichenol 2006; 45; 4658-4671.",
        "Fischer E. Nitrogen uptake by foliose thalli. Lichenologist 2006; 408; 8011-8029.",
        "",
        "5",
        "",
        "Wang O, O’Neill E. Alpine lichens in winter. J Lichenol 2021; 258; 8076-8085.",
        "Lee A. Crusts on basalt. Lichenologist 2011; 7; 33-41.",
        "",
        "6",
        "",
        "Lichen Survey Agency. Counts of lichens on granite.",
        "",
        "7",
        "",
        "Park C, Kim D. Lichens of the Arctic. J Lichenol 2003; 12; 100-109.",
        "Moreau T. Soredia in the wind. Lichenologist 2019; 51; 1-9.",
        "Novak I, Zhang P. Growth rings in crustose lichens. Lichenologist 2008; 40; 77-89.",
        "8",
        "9",
    ]
    read = by_number(parse_references(lines_of("\n".join(printed)))[0])
    assert [read[n].authors[:1] for n in range(1, 10)] == [
        ("Silva N",),
        ("Çelik G",),
        ("Fischer E",),
        ("Wang O",),
        ("Lee A",),
        ("Lichen Survey Agency",),
        ("Park C",),
        ("Moreau T",),
        ("Novak I",),
    ]
    assert read[6].title == "Counts of lichens on granite"


@pytest.mark.parametrize(
    ("text", "fields"),
    [
        pytest.param(
            "Wang G (2023) ‘Crusts on granite in cold winds’ eLife (vol. 319, no. 15, pp. "
            "6405–6427) https://doi.org/10.1234/lichen.6405",
            ("Crusts on granite in cold winds", "eLife", "319", "6405–6427"),
            id="small-letter-journal",
        ),
        pytest.param(
            "Lee A, Kim B, et al. (2022) ‘Spore dispersal: a systematic review’ Lichenologist "
            "(vol. 296, no. 8, pp. 2065–2071)",
            ("Spore dispersal: a systematic review", "Lichenologist", "296", "2065–2071"),
            id="closing-quote-then-space",
        ),
    ],
)
def test_a_quoted_title_then_a_source_in_brackets(text: str, fields: tuple) -> None:
    """The Research and Education Promotion Association's "(2022) ‘Title’ Journal (vol. 296,
    no. 8, pp. 2065–2071)": IEEE's labels inside brackets after the journal, and the title's
    closing quote followed by a space alone. No source was read and the title ran on into
    the journal."""
    entry = parse_entry_text(text)
    assert (entry.title, entry.journal, entry.volume, entry.pages) == fields
    assert entry.kind == "article"


def test_din_like_names_in_full_parted_by_semicolons_then_a_colon() -> None:
    """A German conference style: "Di Marco, Claire; Berg, Søren und Yılmaz, Daniel: Title,
    Journal, 2000, Vol. 100, no. 10, p. 334487," — family names first, given names in full,
    semicolons between, "und" before the last, a colon after them all. No rule read it: the
    names were split at their commas and the last given name opened the title. Its books
    and chapters ("Title, In: Torres, Tomasz und Singh, Emma (eds.), Book, Press, Place,
    2022, p. 666–693,") are read the way its articles are."""
    printed = [
        "References",
        "[1] Di Marco, Claire; Berg, Søren und Yılmaz, Daniel: Lichens of granite: principles "
        "and practice, Karger, Basel, 2018,",
        "[2] Jensen, Teresa Zoë; Van der Berg, Michael und Patel, Zoë: Spore dispersal in cold "
        "winds, Lichenologist, 2000, Vol. 100, no. 10, p. 334487, DOI 10.1234/lichen.334487,",
        "[3] Çelik, Claire: Handbook of crustose lichens, Humana Press, New York, 2004,",
        "[4] Das, Ewa: Nitrogen uptake by foliose thalli, In: Torres, Tomasz und Singh, Emma "
        "Fatima (eds.), Methods in lichenology, Wiley-Blackwell, Hoboken, NJ, 2022, p. 666–693,",
        "[5] Lee, Elif; Nguyen, Emma: Alpine lichens in winter, J. Lichenol., 2023, Vol. 368, "
        "no. 20, p. 3162–3173,",
    ]
    read = by_number(parse_references(lines_of("\n".join(printed)))[0])
    assert read[1].authors == ("Di Marco, Claire", "Berg, Søren", "Yılmaz, Daniel")
    assert read[2].authors == ("Jensen, Teresa Zoë", "Van der Berg, Michael", "Patel, Zoë")
    assert [(read[n].title, read[n].journal, read[n].volume, read[n].pages) for n in (2, 5)] == [
        ("Spore dispersal in cold winds", "Lichenologist", "100", "334487"),
        ("Alpine lichens in winter", "J. Lichenol.", "368", "3162–3173"),
    ]
    assert [(read[n].title, read[n].year) for n in (1, 3)] == [
        ("Lichens of granite: principles and practice", 2018),
        ("Handbook of crustose lichens", 2004),
    ]
    assert (read[4].authors, read[4].title, read[4].journal, read[4].pages, read[4].kind) == (
        ("Das, Ewa",),
        "Nitrogen uptake by foliose thalli",
        "Methods in lichenology",
        "666–693",
        "chapter",
    )


def test_gost_chapters_and_electronic_resources() -> None:
    """GOST R 7.0.5-2008: a chapter is "Title // Book / ed. Name. Place: Publisher, Year. P.
    pages." (the editors after a slash; "et al." after the first author had been read as the
    title), and a web page's title carries the medium: "[Electronic resource]"."""
    chapter = parse_entry_text(
        "Ferrari G. et al. Crusts on granite after snow melt // Methods in lichenology / ed. "
        "Silva O. New York: Humana Press, 2001. P. 835–862."
    )
    assert (chapter.title, chapter.journal, chapter.year, chapter.pages, chapter.kind) == (
        "Crusts on granite after snow melt",
        "Methods in lichenology",
        2001,
        "835–862",
        "chapter",
    )
    web = parse_entry_text(
        "Lichen Survey Agency. Do lichens grow on granite? [Electronic resource]. 2014. URL: "
        "https://www.example.org/lichens/report-472 (accessed: 11.05.2025)."
    )
    assert web.title == "Do lichens grow on granite?"


def test_labels_lost_as_page_numbers_still_pair_in_order() -> None:
    """Stem Cells' list in pdftotext's plain text printed labels "17", "18", "19" alone
    between two entries' lines, where they look like page numbers and are dropped as such:
    the labels left (1 … 16, 20 … 30) no longer numbered 1 … N, and the in-order pairing
    gave up. A few labels may be missing (one in ten) when the text still cuts into exactly
    as many entries as the highest label; the entries without a label line are read too."""
    from reflink.references import EntryLines, pair_labels_in_order

    def line(number: int, text: str) -> Line:
        return Line(number, text, text, "body")

    works = [
        f"{family} A. Lichens of site {n}. Lichenologist {1990 + n};{n}:{n}01–{n}09."
        for n, family in enumerate(
            ["Silva", "Park", "Lee", "Kim", "Moreau", "Novak", "Okafor", "Haddad", "Rossi", "Chen"],
            start=1,
        )
    ]
    text_lines = [line(20 + n, work) for n, work in enumerate(works)]
    # (a label's offset: where its entry's text would begin on the label's line)
    entries = [EntryLines(n, (line(n, str(n)),), len(str(n))) for n in range(1, 6)]
    entries.append(EntryLines(6, (line(6, "6"), *text_lines), 1))
    entries += [EntryLines(n, (line(40 + n, str(n)),), len(str(n))) for n in (8, 9, 10)]  # 7 lost
    paired = pair_labels_in_order(entries)
    assert [entry.number for entry in paired] == list(range(1, 11))
    assert [entry.lines[-1].text[:6] for entry in paired] == [w[:6] for w in works]


def test_volume_issue_year_and_pages_parted_by_spaces() -> None:
    """The Indian Journal of Traditional Knowledge prints "Names, Title, Journal, 201 (9) 2018
    4393–4413.": volume, issue, year and pages parted by spaces alone. No rule reads its
    names (Vancouver's, parted by commas as RSC parts its fields) and the field model, which
    reads the list, took "9) 2018 4393–4413" or "247 2003 8704–8719" for the pages. Where the
    run is printed once, its volume, year and pages are the run's."""
    printed = [
        "References",
        "10 Dubois M-L, Hernández A, Okafor C, Patel RL, Petrov D, et al., Crusts on granite "
        "after snow melt, Ann Bot, 201 (9) 2018 4393–4413.",
        "11 Yılmaz J-P, Walsh S, Kuznetsova H-J, Hernández R, & Fernández AA, Spore dispersal: "
        "results from a wind tunnel trial, Lichenologist, 247 2003 8704–8719.",
        "12 Papadopoulos LN, Çelik E, Yılmaz T, Wang A, van Dijk H-J, et al., Alpine lichens in "
        "winter: a survey, J Lichenol, 319 2010 406560.",
    ]
    read = parse_references(lines_of("\n".join(printed)))[0]
    assert [(entry.journal, entry.volume, entry.year, entry.pages) for entry in read] == [
        ("Ann Bot", "201", 2018, "4393–4413"),
        ("Lichenologist", "247", 2003, "8704–8719"),
        ("J Lichenol", "319", 2010, "406560"),
    ]


def test_a_column_of_labels_in_parentheses() -> None:
    """SIST02's and the Beilstein Journal's labels "(1)", "(2)", printed by pdftotext in a
    column apart from their entries: a label alone in parentheses was no label, and the
    column's first entries were lost."""
    printed = [
        "References",
        "(1)",
        "(2)",
        "(3)",
        "",
        "Silva N, Park A. Lichen growth on granite. Lichenologist 2014;379:6025–6037.",
        "Çelik G, Dubois N. Spore dispersal in cold winds. J Lichenol 2006;45:4658–4671.",
        "Fischer E. Nitrogen uptake by foliose thalli. Lichenologist 2006;408:8011–8029.",
        "(4)",
        "(5)",
        "",
        "Wang O. Alpine lichens in winter. J Lichenol 2021;258:8076–8085.",
        "Lee A. Crusts on basalt. Lichenologist 2011;7:33–41.",
    ]
    read = by_number(parse_references(lines_of("\n".join(printed)))[0])
    assert [(n, read[n].authors[:1]) for n in sorted(read)] == [
        (1, ("Silva N",)),
        (2, ("Çelik G",)),
        (3, ("Fischer E",)),
        (4, ("Wang O",)),
        (5, ("Lee A",)),
    ]


def test_a_web_pages_year_after_its_titles_full_stop_leaves_the_title() -> None:
    """ "Title. 2014. [Internet]. https://…" (Igaku-Toshokan) and "Title. 2016[Online] 2016
    [cited 2025]. Available at: https://…": the year after the title's full stop stayed in
    the title. A year of the title's own, "World Lichen Report 2020", has no full stop before it."""
    printed = [
        "References",
        "1) Lee A, Kim B. Lichen growth on granite. Lichenologist 2001;3:1–9.",
        "2) Lichen Survey Agency. Counts of lichens on granite. 2014. [Internet]. "
        "https://www.example.org/lichens/report-556 [accessed 2025-01-10]",
        "3) Park C, Lee D. Spore counts in cold winds. J Lichenol 2005;12:100–109.",
        "4) Lichen Survey Agency. Alpine lichens in winter. 2016[Online] 2016 [cited 2025]. "
        "Available at: https://www.example.org/lichens/report-603",
        "5) Lichen Survey Agency. World Lichen Report 2020. https://www.example.org/report",
    ]
    read = by_number(parse_references(lines_of("\n".join(printed)))[0])
    assert [read[n].title for n in (2, 4, 5)] == [
        "Counts of lichens on granite",
        "Alpine lichens in winter",
        "World Lichen Report 2020",
    ]
