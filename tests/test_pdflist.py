"""A PDF's reference list split by where its lines are printed (reflink.pdflist).

Every PDF here is written by the test from invented text (tests/pdfmaker.py): a short body
citing [1]–[4], then a reference list laid out as a typesetter would (labels at the margin,
other lines at a hanging indent, or flush).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from pdfmaker import Page, write_pdf
from reflink.ingest import ingest_files
from reflink.models import BODY, FURNITURE, Line
from reflink.pdflist import LineBox, open_raised_labels, rescue_list_lines

BODY_TEXT = [
    "Lichens grow slowly on bare rock [1]. Their growth was measured in cold",
    "regions [2] and in deserts [3], and later surveys confirmed it [4].",
]
MARGIN, INDENT, SIZE, PITCH = 60.0, 75.0, 9.0, 11.7
HEAD = "Journal of Invented Results 2031"


def list_pdf(
    path: Path,
    entries: list[list[str]],
    *,
    indent: float = INDENT,
    after: list[tuple[str, float]] = (),
    lines_on_first_page: int = 60,
) -> Path:
    """Body, 'References', then each entry's lines: the first at the margin, the rest at
    `indent`; `after` is (text, size) lines at the margin under the list. A page holds
    `lines_on_first_page` list lines, then the list goes on on the next page."""
    pages = [Page()]
    pages[0].add(MARGIN, 70, "Invented Findings on Lichen Growth", 16)
    pages[0].column(MARGIN, 110, BODY_TEXT)
    pages[0].add(MARGIN, 150, "References", 11)
    y, count = 170.0, 0
    printed = [
        (text, MARGIN if i == 0 else indent, SIZE) for e in entries for i, text in enumerate(e)
    ]
    printed += [(text, MARGIN, size) for text, size in after]
    for text, x, size in printed:
        if count == lines_on_first_page:
            pages.append(Page())
            y = 80.0
        pages[-1].add(x, y, text, size)
        y += PITCH
        count += 1
    for number, page in enumerate(pages, 1):
        page.add(MARGIN, 40, HEAD, 8).add(290, 810, str(number), 8)
    return write_pdf(path, pages)


def refs_of(tmp_path: Path, pdf: Path) -> dict[int, dict[str, object]]:
    db = tmp_path / "r.db"
    ingest_files([pdf], db)
    with sqlite3.connect(db) as con:
        con.row_factory = sqlite3.Row
        return {row["number"]: dict(row) for row in con.execute("select * from refs")}


ENTRIES = [
    [
        "1. Moss A, Fern B. Growth of crustose lichens on granite in the",
        "northern uplands. J Invented Res. 2011;11:101-110.",
    ],
    [
        "2. Stone C. Spore dispersal in cold winds over long distances and",
        "high ridges. J Invented Res. 2012;12:102-111.",
    ],
    ["3. Birch D, Reed E. Nitrogen uptake by foliose thalli. J Invented", "Res. 2013;13:103-112."],
    ["4. Heath F. Carbon fixation at altitude. J Invented Res. 2014;14:104-113."],
]


def test_hanging_indent_list_ends_where_a_line_returns_to_the_margin(tmp_path: Path) -> None:
    # The last entry prints no closing full stop, so the text alone cannot tell where it
    # ends; the unlabelled line back at the margin of a hanging-indent list is no entry's
    entries = [
        *ENTRIES[:3],
        ["4. Heath F. Carbon fixation at altitude. J Invented Res.", "2014;14:104-113"],
    ]
    after = [("Manuscript received in May and accepted in June by the editors", SIZE)]
    refs = refs_of(tmp_path, list_pdf(tmp_path / "hang.pdf", entries, after=after))
    assert sorted(refs) == [1, 2, 3, 4]
    assert refs[1]["title"] == "Growth of crustose lichens on granite in the northern uplands"
    assert refs[3]["journal"] == "J Invented Res"
    assert (refs[4]["year"], refs[4]["pages"]) == (2014, "104-113")
    assert "Manuscript" not in refs[4]["raw"]


def test_a_footnote_in_smaller_print_after_the_list_is_no_part_of_the_last_entry(
    tmp_path: Path,
) -> None:
    entries = [
        *ENTRIES[:3],
        ["4. Heath F. Carbon fixation at altitude. J Invented Res.", "2014;14:104-113"],
    ]
    after = [("corresponding author: ada moss, invented university", 6.5)]
    refs = refs_of(tmp_path, list_pdf(tmp_path / "foot.pdf", entries, indent=MARGIN, after=after))
    assert "corresponding" not in refs[4]["raw"]
    assert refs[4]["pages"] == "104-113"


def test_bracket_labels(tmp_path: Path) -> None:
    entries = [[f"[{n}]" + e[0][2:], *e[1:]] for n, e in enumerate(ENTRIES, 1)]
    refs = refs_of(tmp_path, list_pdf(tmp_path / "bracket.pdf", entries))
    assert sorted(refs) == [1, 2, 3, 4]
    assert refs[2]["title"] == "Spore dispersal in cold winds over long distances and high ridges"


def test_raised_number_labels(tmp_path: Path) -> None:
    # "¹Moss A, …": the label printed as a superscript runs into the first name in the text
    entries = [[f"^{{{n}}}" + e[0][3:], *e[1:]] for n, e in enumerate(ENTRIES, 1)]
    refs = refs_of(tmp_path, list_pdf(tmp_path / "raised.pdf", entries))
    assert sorted(refs) == [1, 2, 3, 4]
    assert refs[1]["authors"] is not None and "Moss" in refs[1]["authors"]
    assert refs[3]["title"] == "Nitrogen uptake by foliose thalli"


def test_an_entry_broken_across_a_page_keeps_its_fields(tmp_path: Path) -> None:
    # entry 2 starts at the foot of page 1; its second line, after the page number and the
    # next page's running head, is still entry 2's
    refs = refs_of(tmp_path, list_pdf(tmp_path / "break.pdf", ENTRIES, lines_on_first_page=3))
    assert sorted(refs) == [1, 2, 3, 4]
    assert refs[2]["title"] == "Spore dispersal in cold winds over long distances and high ridges"
    assert (refs[2]["year"], refs[2]["pages"]) == (2012, "102-111")
    assert HEAD not in refs[2]["raw"]


def test_a_title_hyphenated_across_lines_is_mended(tmp_path: Path) -> None:
    entries = [
        [
            "1. Moss A, Fern B. Growth of crustose lichens on gran-",
            "ite in the northern uplands. J Invented Res. 2011;11:101-110.",
        ],
        *ENTRIES[1:],
    ]
    refs = refs_of(tmp_path, list_pdf(tmp_path / "hyphen.pdf", entries))
    assert refs[1]["title"] == "Growth of crustose lichens on granite in the northern uplands"


def box(x0: float, top: float, size: float = SIZE, page: int = 1, raised: int = 0) -> LineBox:
    return LineBox(page, x0, x0 + 300, top, top + size, size, raised)


def test_a_raised_label_is_opened_only_when_it_is_a_number() -> None:
    lines = [Line(1, "12Moss A. Title.", "12Moss A. Title."), Line(2, "aMoss", "aMoss")]
    boxes = {1: box(60, 100, raised=2), 2: box(60, 112, raised=1)}
    assert [line.text for line in open_raised_labels(lines, boxes)] == [
        "12 Moss A. Title.",
        "aMoss",
    ]


def test_a_labelled_line_amid_the_list_is_rescued_from_furniture_but_a_footer_is_not() -> None:
    texts = [
        "14. Roe K. (2021) Lamp notes.",
        "15. Poe L. (2021) Lamp 11©. Fake Press.",
        "16. Doe M. (2021) Lamp Atlas.",
        "17 Journal of Lamps 2031",
    ]
    kinds = [BODY, FURNITURE, BODY, FURNITURE]
    lines = [Line(i, t, t, kind=k) for i, (t, k) in enumerate(zip(texts, kinds, strict=True), 1)]
    boxes = {1: box(60, 100), 2: box(60, 111.7), 3: box(60, 123.4), 4: box(60, 800)}
    kinds = [line.kind for line in rescue_list_lines(lines, boxes)]
    assert kinds == [BODY, BODY, BODY, FURNITURE]


def test_an_italic_journal_ends_a_title_of_several_sentences(tmp_path: Path) -> None:
    # Without the face, "Lamp Working Group. Fake Lamp J" reads as the journal
    entries = [
        [
            "1. Roe K, Poe L. (2031) Lamp guides. VI. How to read a lamp. Lamp Working",
            "Group. ~{Fake Lamp J} 12: 1-9.",
        ],
        ["2. Doe M. (2030) Quiet lamps in dark rooms. ~{Fake Lamp J} 11: 10-19."],
        ["3. Moe N. (2029) Growth of ~{Fakella lampis} in dark rooms. Fake Lamp J 10: 20-29."],
    ]
    refs = refs_of(tmp_path, list_pdf(tmp_path / "italic.pdf", entries))
    assert refs[1]["title"] == "Lamp guides. VI. How to read a lamp. Lamp Working Group"
    assert refs[1]["journal"] == "Fake Lamp J"
    # italics inside a title, the journal set upright: the rules' reading stands
    assert refs[3]["title"] == "Growth of Fakella lampis in dark rooms"
    assert refs[3]["journal"] == "Fake Lamp J"


def test_a_chapters_italic_book_ends_before_its_place_and_publisher(tmp_path: Path) -> None:
    # Styles that set no mark after a chapter's book ("~{Book} New York: Humana Press") left
    # the place and publisher in it; the page's italics say where the book ends (an article's
    # journal keeps the words after its italic phrase, and a species inside a book stays)
    entries = [
        [
            "1. Roe K. Do lamps restore sleep? In: Reed C, Moe S, editors. ~{Statistical lamps}",
            "New York: Humana Press; 2030. p. 10-19.",
        ],
        ["2. Doe M. Quiet lamps in dark rooms. ~{Fake Lamp J}. 2030;11:10-19."],
        [
            "3. Moe N. Lamp care. In: Reed C, editor. Care of ~{Fakella lampis} in dark rooms.",
            "Oxford: Fake Press; 2029. p. 20-29.",
        ],
    ]
    refs = refs_of(tmp_path, list_pdf(tmp_path / "books.pdf", entries))
    assert (refs[1]["title"], refs[1]["journal"], refs[1]["kind"]) == (
        "Do lamps restore sleep?",
        "Statistical lamps",
        "chapter",
    )
    assert refs[2]["journal"] == "Fake Lamp J"
    assert refs[3]["journal"] == "Care of Fakella lampis in dark rooms"


def test_two_columns_of_small_print_entries_are_not_joined_as_table_rows(tmp_path: Path) -> None:
    # LaTeX sets a two-column list in small print with hanging indents: an entry's short last
    # line in the left column shares its baseline with an indented line of the right column.
    # That looked like a table row split by the gutter (a short left part, a right part not at
    # the right column's edge): the indent was measured in the short line's own height, and a
    # line of digits is short. The right line was moved into the left one's entry.
    page = Page()
    page.add(MARGIN, 70, "Invented Findings on Lichen Growth", 16)
    # body text enough to set the page's body size (the list is smaller)
    body = [f"Lichens grow slowly on rock, as survey {n} found [{n}]." for n in range(1, 9)]
    body += ["The thalli grew on granite and on basalt alike."] * 24
    page.column(MARGIN, 110, body[:16]).column(310, 110, body[16:])
    size, pitch, hang = 7.0, 9.0, 24.0
    left, right = [], []
    for n in range(1, 5):
        left += [
            (MARGIN, f"[{n}] Moss A, Fern B. Growth of crustose lichens on granite"),
            (MARGIN + hang, f"in the uplands of the north. J Invented Res. 20{10 + n};{n}:"),
            (MARGIN + hang, f"101-{110 + n}."),
        ]
        right += [
            (310, f"[{n + 4}] Stone C. Spore dispersal in cold winds over ridges"),
            (310 + hang, "and valleys of the high plateaus in the far south of the"),
            (310 + hang, f"range. J Invented Res. 20{20 + n};{n}:201-{210 + n}."),
        ]
    page.add(MARGIN, 330, "References", 11)
    for column in (left, right):
        for i, (x, text) in enumerate(column):
            page.add(x, 350 + i * pitch, text, size)
    page.add(290, 810, "1", 8)
    refs = refs_of(tmp_path, write_pdf(tmp_path / "two-columns.pdf", [page]))
    assert sorted(refs) == list(range(1, 9))
    assert refs[1]["pages"] == "101-111"
    assert refs[5]["title"] == (
        "Spore dispersal in cold winds over ridges and valleys of the high plateaus in the far "
        "south of the range"
    )
    assert all("Stone" not in refs[n]["raw"] for n in range(1, 5))


def test_a_doi_broken_before_a_short_last_piece_is_whole(tmp_path: Path) -> None:
    """biblatex lets a DOI break after any character: "…doi:10.1038/nature1" + "6789". On a
    line of its own, "6789" was taken for a page number, as in text it must be; in a PDF the
    page numbers are the margin's (this one's page number, "1", is printed at its foot)."""
    entries = [
        [
            "1. Moss A, Fern B. Growth of crustose lichens. J Invented Res. 2011;11:101-110.",
            "doi:10.1038/nature1",
            "6789",
        ],
        [
            "2. Stone C. Spore dispersal in cold winds. J Invented Res. 2012;12:102-111.",
            "doi:10.5555/inv.2012.01.",
            "001",
        ],
        *ENTRIES[2:],
    ]
    refs = refs_of(tmp_path, list_pdf(tmp_path / "doi.pdf", entries))
    assert (refs[1]["doi"], refs[2]["doi"]) == ("10.1038/nature16789", "10.5555/inv.2012.01.001")
    assert refs[1]["pages"] == "101-110"


def test_names_in_small_capitals_stay_in_their_entry(tmp_path: Path) -> None:
    """DIN 1505 sets names in small capitals: their letters measure the height of lower-case
    ones, so a line of names read as smaller print and was dropped from its entry as a
    footnote's (entry 2 read "Stone, … Heath, Franz ; Lind, Per: …" without Birch and Reed).
    It stands at the list's line pitch; a footnote's two lines under the list, closer
    together, stay out."""
    page = Page()
    page.add(MARGIN, 70, "Invented Findings on Lichen Growth", 16)
    page.column(MARGIN, 110, BODY_TEXT)
    page.add(MARGIN, 150, "References", 11)
    printed = [
        ("[1] Moss, Ada: Growth of crustose lichens on granite. In: J Invented", SIZE),
        ("Res. Bd. 11 (2011), Nr. 2, S. 101-110", SIZE),
        ("[2] Stone, Clara ; Fern, Ben ; Heath, Franz ;", SIZE),
        ("BIRCH, DORA ; REED, EVA ; MOSS, ADA ; ASH, OLE ;", 6.3),
        ("Lind, Per: Spore dispersal in cold winds. In:", SIZE),
        ("J Invented Res. Bd. 12 (2012), Nr. 3, S. 102-111", SIZE),
        ("[3] Birch, Dora: Nitrogen uptake by foliose thalli. In: J Invented", SIZE),
        ("Res. Bd. 13 (2013), Nr. 4, S. 103-112", SIZE),
        ("[4] Heath, Franz: Carbon fixation at altitude. In: J Invented Res.", SIZE),
        ("Bd. 14 (2014), Nr. 5, S. 104-113", SIZE),
    ]
    y = 170.0
    for text, size in printed:
        page.add(MARGIN, y, text, size)
        y += PITCH
    for text in ("corresponding author: ada moss, invented university,", "lichen lane 4"):
        page.add(MARGIN, y, text, 6.3)
        y += 7.5
    page.add(MARGIN, 40, HEAD, 8).add(290, 810, "1", 8)
    refs = refs_of(tmp_path, write_pdf(tmp_path / "caps.pdf", [page]))
    assert refs[2]["raw"].startswith("Stone, Clara ; Fern, Ben ; Heath, Franz ; BIRCH, DORA ;")
    assert refs[2]["title"] == "Spore dispersal in cold winds"
    assert "corresponding" not in refs[4]["raw"] and "lichen lane" not in refs[4]["raw"]


def test_a_title_linked_to_its_doi_gives_the_doi_and_ends_the_title(tmp_path: Path) -> None:
    """Styles that print no DOI link the title to the work instead ("…methylation Nat Commun
    2002; 149:1437–1441." with the title under https://doi.org/…): the text parts title and
    journal with no mark, and the rules read them as one journal. The link gives the DOI the
    text lacks and where the title ends; the DOI is marked as read from a link."""
    entries = [
        [
            "1. Alvarez R, Wojcik K: @{Somatic lichen growth: nitrogen uptake and|"
            "https://doi.org/10.5555/lichen.2002.149} ",
            "@{spore dispersal|https://doi.org/10.5555/lichen.2002.149} Nat Commun 2002; "
            "149:1437-1441.",
        ],
        [
            "2. Moss A, Fern B: @{Carbon fixation at altitude in cold winds|"
            "https://doi.org/10.5555%2Flichen.2011.12} J Invented Res 2011; 12:101-110.",
        ],
        # no journal printed at all: the linked words are the title, not a journal
        [
            "3. di Marco MK, Birch D. @{The nitrogen activity of crustose lichens on granite|"
            "https://dx.doi.org/10.5555/lichen.2010.111} 2010; 111: 535950.",
        ],
        # a printed DOI stands; an entry with no link is read as before
        [
            "4. Stone C: @{Spore dispersal in cold winds|https://doi.org/10.5555/other} "
            "Lichenologist 2012; 12:102-111. doi: 10.5555/lichen.2012.12",
        ],
        ["5. Heath F: Carbon fixation at altitude. Lichenologist 2014; 14:104-113."],
        # the title's own question mark stays with it
        [
            "6. Moe N: @{Do lichens grow in cold winds?|https://doi.org/10.5555/lichen.3} "
            "Lichen Res 2003; 15:1-9."
        ],
    ]
    refs = refs_of(tmp_path, list_pdf(tmp_path / "linked.pdf", entries))
    read = [
        (refs[n]["title"], refs[n]["journal"], refs[n]["doi"], refs[n]["doi_source"]) for n in refs
    ]
    assert read == [
        (
            "Somatic lichen growth: nitrogen uptake and spore dispersal",
            "Nat Commun",
            "10.5555/lichen.2002.149",
            "link",
        ),
        (
            "Carbon fixation at altitude in cold winds",
            "J Invented Res",
            "10.5555/lichen.2011.12",
            "link",
        ),
        (
            "The nitrogen activity of crustose lichens on granite",
            None,
            "10.5555/lichen.2010.111",
            "link",
        ),
        ("Spore dispersal in cold winds", "Lichenologist", "10.5555/lichen.2012.12", "text"),
        ("Carbon fixation at altitude", "Lichenologist", None, None),
        ("Do lichens grow in cold winds?", "Lichen Res", "10.5555/lichen.3", "link"),
    ]


def test_a_title_linked_to_pubmed_gives_the_pubmed_id(tmp_path: Path) -> None:
    """BioMed Central's PDFs (2010) link each entry's title to its PubMed page: the id is
    the entry's `pmid`. A link to anything else (a web page's address) gives nothing."""
    entries = [
        [
            "1. Moss A, Fern B: @{Growth of crustose lichens on granite.|"
            "http://www.ncbi.nlm.nih.gov/pubmed/2589580?dopt=Abstract} J Invented Res 2011, "
            "11:101-110."
        ],
        [
            "2. Stone C: @{Spore dispersal in cold winds.|https://pubmed.ncbi.nlm.nih.gov/7969340/}"
            " J Invented Res 2012, 12:102-111."
        ],
        [
            "3. Birch D: @{Nitrogen uptake by foliose thalli.|https://www.example.org/thalli} "
            "J Invented Res 2013, 13:103-112."
        ],
    ]
    refs = refs_of(tmp_path, list_pdf(tmp_path / "pubmed.pdf", entries))
    assert [(refs[n]["pmid"], refs[n]["doi"], refs[n]["title"]) for n in refs] == [
        ("2589580", None, "Growth of crustose lichens on granite"),
        ("7969340", None, "Spore dispersal in cold winds"),
        (None, None, "Nitrogen uptake by foliose thalli"),
    ]


def test_a_linked_title_ends_where_its_link_does_before_a_comma(tmp_path: Path) -> None:
    """Radiation Protection Dosimetry's style: "Costa, V. Title, Eur. Heart J. 390(8),
    4929–4942 (1992)." with the title linked. Without the link the rules cut at the
    journal's first full stop ("…lichens, Eur" and "Heart J.") or read title and journal
    as one; the link's end is the title's."""
    entries = [
        [
            "1. Costa, V. @{Progression after nitrogen rearrangements in crustose lichens|"
            "https://doi.org/10.5555/x.1}, Eur. Heart J. 390(8), 4929-4942 (1992)."
        ],
        [
            "2. Murphy, N. @{Does the growth of lichens limit dispersal?|"
            "https://doi.org/10.5555/x.3}, Cell 224(5), 7426-7446 (2008)."
        ],
    ]
    refs = refs_of(tmp_path, list_pdf(tmp_path / "comma.pdf", entries))
    assert [(refs[n]["title"], refs[n]["journal"]) for n in refs] == [
        ("Progression after nitrogen rearrangements in crustose lichens", "Eur. Heart J."),
        ("Does the growth of lichens limit dispersal?", "Cell"),
    ]


def test_a_word_whose_face_changes_after_a_stop_is_two_words(tmp_path: Path) -> None:
    """Haemophilia's style prints no space after the title: "…in mice.Circulation. 2011;…",
    with the title linked to the work and the journal in italics. "mice.Circulation." was one
    word, wholly outside the link and read as upright: the title ended at "…in" and the journal
    was "mice.Circulation". The face changes after the stop: two words, each with its face
    and its link."""
    entries = [
        [
            "1. Nguyen S, Bjork D. @{Nitrogen uptake in crustose lichens in cold winds in mice.|"
            "https://doi.org/10.5555/lichen.1}~{Circulation}. 2011;191(6):7784-7807.",
        ],
        [
            "2. Moss A. @{Spore dispersal in cold winds over high ridges in older adults.|"
            "https://doi.org/10.5555/lichen.2}~{Cancer Cell}. 2012;12:20-29.",
        ],
    ]
    refs = refs_of(tmp_path, list_pdf(tmp_path / "glued.pdf", entries))
    assert [(refs[n]["title"], refs[n]["journal"], refs[n]["doi"]) for n in (1, 2)] == [
        (
            "Nitrogen uptake in crustose lichens in cold winds in mice",
            "Circulation",
            "10.5555/lichen.1",
        ),
        (
            "Spore dispersal in cold winds over high ridges in older adults",
            "Cancer Cell",
            "10.5555/lichen.2",
        ),
    ]


def test_character_references_keep_the_lines_links_and_italics(tmp_path: Path) -> None:
    """A style rendered through HTML printed "Clin Invest,&#160;393:&#160;6390–6414,&#160;2009"
    in the PDF. Decoded by the text cleaning, the line no longer matched the one PDFium read
    and lost its italics and links: a title linked over two lines ended at the first line's
    end, and the journal's italic "Int. J." cut "Int. J. Mol. Sci." short."""
    entries = [
        [
            "1. Dubois K, Das D: @{Does nitrogen uptake accelerate the growth of lichens in|"
            "https://doi.org/10.5555/lichen.1}",
            "@{older thalli?|https://doi.org/10.5555/lichen.1} ~{J. Lichen Res.},&#160;296:&#160;"
            "6070-6080,&#160;2010.",
        ],
        [
            "2. Moss A, Fern B: Do crustose lichens grow on granite in cold winds? ~{Int. J.}",
            "~{Mol. Sci.},&#160;299:&#160;122-147,&#160;2024.",
        ],
    ]
    refs = refs_of(tmp_path, list_pdf(tmp_path / "entities.pdf", entries))
    assert (refs[1]["title"], refs[1]["journal"], refs[1]["volume"], refs[1]["pages"]) == (
        "Does nitrogen uptake accelerate the growth of lichens in older thalli?",
        "J. Lichen Res.",
        "296",
        "6070-6080",
    )
    assert refs[1]["raw"].endswith("J. Lichen Res., 296: 6070-6080, 2010.")
    assert (refs[2]["journal"], refs[2]["volume"]) == ("Int. J. Mol. Sci.", "299")
