"""PDF reading: layout from positions, callouts from typography, bad PDFs refused cleanly.

Every PDF here is written by the test from invented text (tests/pdfmaker.py).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from pdfmaker import DEJAVU, REFERENCES, Page, paper, write_pdf
from reflink.cli import cli
from reflink.errors import InputError
from reflink.ingest import ingest_files
from reflink.pdf import OCR_HINT, is_pdf, read_pdf, to_lines

BODY = [
    "Lichens grow slowly on bare rock surfaces.^{1} Their growth rate was",
    "measured in several cold regions^{2,3} and in deserts.^{4} In one study",
    "we counted 52 patches on each of 12 boulders, and CO_{2} uptake",
    "was measured in a chamber of 40 cm^{2} at a flow of 10^{-3} units. A",
    "later survey^{5} confirmed the drought response^{4} and found new",
    "species on basalt^{6} while the counts stayed at 4 per site, 3 per",
    "boulder and 7 in total.",
]


def test_pdf_is_recognised_by_content(tmp_path: Path) -> None:
    path = write_pdf(tmp_path / "paper.txt", paper(BODY, REFERENCES))
    assert is_pdf(path.read_bytes())
    assert not is_pdf(b"Lichens grow slowly.\n")


def test_superscripts_and_subscripts_are_marked_on_their_line(tmp_path: Path) -> None:
    path = write_pdf(tmp_path / "paper.pdf", paper(BODY, REFERENCES))
    lines = {line.text: line for line in read_pdf(path.read_bytes()).lines}
    glued = lines["measured in several cold regions2,3 and in deserts.4 In one study"]
    raised = [glued.text[start:end] for start, end in glued.raised]
    assert raised == ["2,3", "4"]
    formula = lines["we counted 52 patches on each of 12 boulders, and CO2 uptake"]
    assert [formula.text[start:end] for start, end in formula.lowered] == ["2"]
    assert formula.raised == ()


def test_callouts_come_from_typography(tmp_path: Path) -> None:
    """Raised numbers are callouts; body-size counts, subscripts, units and powers are not."""
    path = write_pdf(tmp_path / "paper.pdf", paper(BODY, REFERENCES))
    db = tmp_path / "out.db"
    [result] = ingest_files([path], db)
    conn = sqlite3.connect(db)
    cited = [
        (number, marker)
        for number, marker in conn.execute(
            "select number, marker from citations order by position, number"
        )
    ]
    assert cited == [(1, "1"), (2, "2,3"), (3, "2,3"), (4, "4"), (5, "5"), (4, "4"), (6, "6")]
    assert result.entries == 6


def test_affiliation_marks_are_not_callouts(tmp_path: Path) -> None:
    path = write_pdf(tmp_path / "paper.pdf", paper(BODY, REFERENCES))
    db = tmp_path / "out.db"
    ingest_files([path], db)
    conn = sqlite3.connect(db)
    claims = [text for (text,) in conn.execute("select text from claims")]
    assert not any("Ada Moss" in text for text in claims)


def test_each_claim_and_citation_knows_its_page(tmp_path: Path) -> None:
    pages = paper(BODY * 6, REFERENCES)
    assert len(pages) == 2
    path = write_pdf(tmp_path / "paper.pdf", pages)
    db = tmp_path / "out.db"
    ingest_files([path], db)
    conn = sqlite3.connect(db)
    assert {page for (page,) in conn.execute("select distinct page from citations")} == {1, 2}
    line, page, text = conn.execute(
        "select c.line, c.page, l.text from citations c join lines l "
        "on l.document_id = c.document_id and l.number = c.line where c.number = 6 "
        "order by c.line desc limit 1"
    ).fetchone()
    assert page == 2 and "basalt6" in text
    assert conn.execute("select pages from documents").fetchone() == (2,)


def test_two_columns_read_left_then_right(tmp_path: Path) -> None:
    left = [f"Left column line {n} about moss growth on rocks." for n in range(1, 25)]
    right = [f"Right column line {n} about fern spores in wind." for n in range(1, 25)]
    page = Page().add(60, 60, "A Title Across Both Columns Of The Page", 14)
    page.column(60, 100, left).column(310, 100, right)
    path = write_pdf(tmp_path / "columns.pdf", [page])
    texts = [line.text for line in read_pdf(path.read_bytes()).lines]
    assert texts[0] == "A Title Across Both Columns Of The Page"
    assert texts[1:25] == left
    assert texts[25:] == right


def test_running_head_and_page_numbers_are_furniture(tmp_path: Path) -> None:
    path = write_pdf(tmp_path / "paper.pdf", paper(BODY * 6, REFERENCES))
    lines = to_lines(read_pdf(path.read_bytes())).lines
    kinds = {line.text: line.kind for line in lines}
    assert kinds["Journal of Invented Results 2031"] == "furniture"
    assert kinds["2"] == "furniture"


def test_rotated_watermark_is_dropped(tmp_path: Path) -> None:
    from fpdf import FPDF

    pdf = FPDF(unit="pt", format="A4")
    pdf.add_page()
    pdf.set_font("Helvetica", size=10)
    for n in range(30):
        pdf.text(60, 80 + 13 * n, f"Body line {n} of the invented text on lichens.")
    with pdf.rotation(90, 30, 600):
        pdf.text(30, 600, "Preprint stamp downloaded on a day")
    path = tmp_path / "stamp.pdf"
    pdf.output(str(path))
    read = read_pdf(path.read_bytes())
    assert not any("Preprint" in line.text for line in read.lines)
    assert read.dropped == len("Preprint stamp downloaded on a day")


def test_hyphenated_break_is_mended_in_claims(tmp_path: Path) -> None:
    body = [
        *BODY[:-1],
        "boulder and 7 in total. The crust grew on a compar-",
        "atively dry slope.^{6}",
    ]
    path = write_pdf(tmp_path / "paper.pdf", paper(body, REFERENCES))
    db = tmp_path / "out.db"
    ingest_files([path], db)
    claims = [t for (t,) in sqlite3.connect(db).execute("select text from claims")]
    assert any("comparatively dry slope" in text for text in claims)


@pytest.mark.skipif(not DEJAVU.exists(), reason="needs the DejaVu Serif font for U+FB01")
def test_ligature_is_decoded(tmp_path: Path) -> None:
    page = Page().column(60, 80, ["The \ufb01rst \ufb02at \ufb01eld was studied."] * 30)
    path = write_pdf(tmp_path / "lig.pdf", [page], unicode_font=True)
    assert read_pdf(path.read_bytes()).lines[0].text == "The first flat field was studied."


def test_bracket_paper(tmp_path: Path) -> None:
    body = [
        "Lichens grow slowly on bare rock [1]. Their growth was measured in cold",
        "regions [2, 3] and in deserts [4]. A later survey [5] confirmed the",
        "drought response [4] and found new species on basalt [6].",
    ]
    path = write_pdf(tmp_path / "brackets.pdf", paper(body, REFERENCES, authors="Ada Moss"))
    db = tmp_path / "out.db"
    ingest_files([path], db)
    conn = sqlite3.connect(db)
    numbers = [n for (n,) in conn.execute("select number from citations order by position")]
    assert numbers == [1, 2, 3, 4, 5, 4, 6]
    assert {style for (style,) in conn.execute("select style from citations")} == {"bracket"}


@pytest.mark.parametrize("label", ["{n})", "[{n}]."], ids=["closing-parenthesis", "bracket-dot"])
def test_a_pdf_list_in_other_label_forms(tmp_path: Path, label: str) -> None:
    """ "1) Moss A, …" and "[1]. Moss A, …": the layout reads them as labels too, and the
    separator stays out of the entry."""
    relabelled = [
        entry.replace(f"{n}. ", label.format(n=n) + " ", 1)
        for n, entry in enumerate(REFERENCES, start=1)
    ]
    path = write_pdf(tmp_path / "labels.pdf", paper(BODY, relabelled))
    db = tmp_path / "out.db"
    ingest_files([path], db)
    conn = sqlite3.connect(db)
    rows = conn.execute("select number, authors from refs order by number").fetchall()
    assert [number for number, _ in rows] == [1, 2, 3, 4, 5, 6]
    assert rows[0][1] == '["Moss A", "Fern B"]'


def test_pdf_and_text_in_one_ingest(tmp_path: Path, seed_path: Path) -> None:
    path = write_pdf(tmp_path / "paper.pdf", paper(BODY, REFERENCES))
    db = tmp_path / "out.db"
    results = ingest_files([path, seed_path], db)
    assert [r.name for r in results] == ["paper.pdf", "alk-ros1-review.txt"]
    conn = sqlite3.connect(db)
    assert conn.execute("select name, pages from documents order by id").fetchall() == [
        ("paper.pdf", 1),
        ("alk-ros1-review.txt", None),
    ]


# --- bad PDFs -------------------------------------------------------------------------------


def _encrypted(path: Path) -> Path:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_encryption(owner_password="owner", user_password="secret")
    pdf.add_page()
    pdf.set_font("Helvetica", size=10)
    pdf.text(20, 20, "Secret lichen data.")
    pdf.output(str(path))
    return path


def _no_text(path: Path) -> Path:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 100, 100, style="F")  # a scan is an image: no text layer
    pdf.output(str(path))
    return path


def _truncated(path: Path) -> Path:
    data = write_pdf(path, paper(BODY, REFERENCES)).read_bytes()
    path.write_bytes(data[: len(data) // 3])
    return path


def _garbage(path: Path) -> Path:
    path.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 20)
    return path


def _too_many_pages(path: Path) -> Path:
    from fpdf import FPDF

    pdf = FPDF()
    for _ in range(301):
        pdf.add_page()
    pdf.output(str(path))
    return path


@pytest.mark.parametrize(
    ("make", "message"),
    [
        pytest.param(_encrypted, "is encrypted (password-protected)", id="encrypted"),
        pytest.param(_no_text, OCR_HINT, id="no-text-layer"),
        pytest.param(_truncated, "not a readable PDF (corrupt or truncated)", id="truncated"),
        pytest.param(_garbage, "not a readable PDF (corrupt or truncated)", id="garbage"),
        pytest.param(_too_many_pages, "has 301 pages, more than the 300", id="too-many-pages"),
    ],
)
def test_bad_pdf_is_one_error_line_and_leaves_the_database(
    tmp_path: Path, seed_path: Path, make, message: str
) -> None:
    db = tmp_path / "out.db"
    ingest_files([seed_path], db)
    before = db.read_bytes()
    bad = make(tmp_path / "bad.pdf")
    result = CliRunner().invoke(cli, ["ingest", str(bad), "--db", str(db)])
    assert result.exit_code == 1
    [line] = result.output.strip().splitlines()
    assert line.startswith(f"Error: {bad}") and message in line
    assert db.read_bytes() == before


def test_read_pdf_refuses_what_is_not_a_pdf() -> None:
    with pytest.raises(InputError, match="not a readable PDF"):
        read_pdf(b"%PDF-1.4\nnothing else", "x.pdf")


# --- what a user sees -----------------------------------------------------------------------


def test_text_command_prints_the_lines_read_with_pages_and_scripts(tmp_path: Path) -> None:
    path = write_pdf(tmp_path / "review.pdf", paper(BODY * 6, REFERENCES))
    db = tmp_path / "out.db"
    ingest_files([path], db)
    result = CliRunner().invoke(cli, ["text", "review.pdf", "--db", str(db)])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "──── page 1 ────"
    assert lines[1] == "    1  [furniture] Journal of Invented Results 2031"
    assert "    7  measured in several cold regions^{2,3} and in deserts.^{4} In one study" in lines
    assert "    8  we counted 52 patches on each of 12 boulders, and CO_{2} uptake" in lines
    assert "──── page 2 ────" in lines
    assert result.stderr.strip().endswith("57 lines on 2 pages")


def test_lookup_prints_the_page_of_a_pdf_claim(tmp_path: Path) -> None:
    path = write_pdf(tmp_path / "review.pdf", paper(BODY, REFERENCES))
    db = tmp_path / "out.db"
    ingest_files([path], db)
    result = CliRunner().invoke(cli, ["lookup", "--ref", "6", "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert (
        "claim 4 · review.pdf · (no section) · p. 1 · lines 9–12 · markers 5; 4; 6" in result.stdout
    )


def test_text_command_refuses_an_unknown_document(tmp_path: Path, seed_path: Path) -> None:
    db = tmp_path / "out.db"
    ingest_files([seed_path], db)
    result = CliRunner().invoke(cli, ["text", "nothing.pdf", "--db", str(db)])
    assert result.exit_code == 1
    assert result.output.strip().startswith("Error:")


def test_documents_say_what_the_file_was(tmp_path: Path, seed_path: Path) -> None:
    path = write_pdf(tmp_path / "paper.txt", paper(BODY, REFERENCES))  # a PDF by its content
    db = tmp_path / "out.db"
    ingest_files([path, seed_path], db)
    rows = sqlite3.connect(db).execute("select name, format from documents order by id")
    assert rows.fetchall() == [("paper.txt", "pdf"), ("alk-ros1-review.txt", "text")]


BOLD_HEADINGS_BODY = [
    "Lichens grow slowly on bare rock surfaces in cold and dry places.^{1} Their",
    "growth was measured over many years in several mountain regions.^{2}",
    "*{Participants}",
    "Twelve field stations counted patches on granite boulders each spring.^{3}",
    "Every station used the same frame and the same counting protocol.^{4}",
    "*{Counting is not enough}",
    "Cover alone hides the death of old thalli under the growth of new ones.^{5}",
    "*{Why this matters}",
    "Slow growth makes lichens a record of the age of exposed rock faces.^{5}",
    "Dating moraines this way is cheaper than any laboratory method.^{6}",
]


def test_bold_headings_at_body_size_open_sections(tmp_path: Path) -> None:
    """Journals set headings in bold at body size: each is a section, not the opening words of
    the claim under it, even "Counting is not enough", which reads as a sentence and is a
    heading by its bold face alone."""
    path = write_pdf(tmp_path / "bold.pdf", paper(BOLD_HEADINGS_BODY, REFERENCES))
    db = tmp_path / "out.db"
    ingest_files([path], db)
    conn = sqlite3.connect(db)
    titles = [title for (title,) in conn.execute("select title from sections order by id")]
    assert titles == ["Participants", "Counting is not enough", "Why this matters", "References"]
    claims = dict(
        conn.execute(
            "select c.text, s.title from claims c left join sections s on s.id = c.section_id"
        )
    )
    assert claims["Twelve field stations counted patches on granite boulders each spring."] == (
        "Participants"
    )
    assert claims["Cover alone hides the death of old thalli under the growth of new ones."] == (
        "Counting is not enough"
    )
    assert not any(text.startswith(("Participants", "Counting", "Why this")) for text in claims)


def test_a_bold_word_inside_a_body_line_makes_no_heading(tmp_path: Path) -> None:
    """ "Counts were not repeated …" with "Counts" in bold is running text: only a line set
    all in bold is a heading's typography (and this one reads as a sentence)."""
    body = [
        "Lichens grow slowly on bare rock surfaces in cold and dry places.^{1}",
        "*{Counts} were not repeated in winter",
        "Twelve field stations counted patches on granite boulders each spring.^{2}",
    ]
    path = write_pdf(tmp_path / "bold-word.pdf", paper(body, REFERENCES))
    pdf = read_pdf(path.read_bytes())
    assert [line.bold for line in pdf.lines if line.text.startswith("Counts")] == [False]
    kinds = {line.text: line.kind for line in to_lines(pdf).lines}
    assert kinds["Counts were not repeated in winter"] == "body"


def test_heading_after_a_running_head_opens_its_sections(tmp_path: Path) -> None:
    """A page that opens on a bold "Materials and Methods" over "Study 1" and "Participants":
    the running head above it (found by position) is not the sentence before the heading, and
    the subheadings do not join the claim that follows."""
    body = [
        "Lichens grow slowly on bare rock surfaces in cold and dry places.^{1} Their",
        "growth was measured over many years in several mountain regions.^{2}",
        "Both surveys counted patches in the same way on every boulder.^{3}",
        "*{Materials and Methods}",
        "Study 1",
        "Participants",
        "Twelve field stations counted patches on granite boulders each spring.^{4}",
        "Every station used the same frame and the same counting protocol.^{5}",
    ]
    pages = paper(body, REFERENCES, lines_per_page=10)
    path = write_pdf(tmp_path / "head.pdf", pages)
    pdf = read_pdf(path.read_bytes())
    assert [line.page for line in pdf.lines if line.text == "Materials and Methods"] == [2]
    kinds = {line.text: line.kind for line in to_lines(pdf).lines}
    assert kinds["Journal of Invented Results 2031"] == "furniture"
    assert [kinds[t] for t in ("Materials and Methods", "Study 1", "Participants")] == [
        "heading"
    ] * 3
    db = tmp_path / "out.db"
    ingest_files([path], db)
    claims = dict(
        sqlite3.connect(db).execute(
            "select c.text, s.title from claims c left join sections s on s.id = c.section_id"
        )
    )
    assert claims["Twelve field stations counted patches on granite boulders each spring."] == (
        "Participants"
    )


def test_two_columns_a_narrow_gutter_apart_stay_apart_beside_a_tall_label() -> None:
    """LaTeX's columns are one em apart, on the same baselines. A line that opens with a tall
    glyph ("[9]" in a bitmap font) measured its height by it, took the gutter for a word space
    and joined the other column's line on its baseline ("[9] Okafor G. … [20] Haddad D. …")."""
    from reflink.pdf import _Fragment, layout_page

    fragments = []
    for row in range(30):
        bottom = 700.0 - 12 * row
        tall = 3.0 if row == 10 else 0.0  # the row's first glyph stands above and below the rest
        for column, (x0, x1) in enumerate(((72.0, 301.0), (311.0, 540.0))):
            words = [f"[{row + 1 + 30 * column}]", "lichens", "grow", "on", "cold", "rock"]
            step = (x1 - x0) / len(words)
            for i, word in enumerate(words):
                grow = tall if i == 0 else 0.0
                fragments.append(
                    _Fragment(
                        word,
                        x0 + i * step,
                        x0 + (i + 1) * step - 3.0,
                        bottom - 2.0 - grow,
                        bottom + 7.0 + grow,
                        len(fragments),
                    )
                )
        # each line reaches its column's edge
        fragments[-1] = _Fragment(
            "rock", fragments[-1].x0, 540.0, bottom - 2.0, bottom + 7.0, len(fragments) - 1
        )
        fragments[-7] = _Fragment(
            "rock", fragments[-7].x0, 301.0, bottom - 2.0, bottom + 7.0, len(fragments) - 7
        )
    lines = layout_page(fragments, 1, 612.0, 792.0)
    texts = [line.text for line in lines]
    assert len(texts) == 60
    assert texts[10].startswith("[11] ") and "[41]" not in texts[10]
    assert texts[30:32] == ["[31] lichens grow on cold rock", "[32] lichens grow on cold rock"]


def test_a_page_of_justified_columns_less_than_an_em_apart_reads_by_column() -> None:
    """A reference list filling a page in two justified columns 8 pt apart at 10 pt type: the
    gutter is narrower than an em, so each line's two halves read as one segment, and the page
    was taken for one column ("… 376, 3 (2024), 4032–4057." after the left line's "Medicine,").
    Stretched word spaces (7 pt) cut lines too, but at x that change from line to line; only
    the gutter is empty the page down."""
    from reflink.pdf import _Fragment, layout_page

    fragments = []
    for row in range(40):
        bottom = 760.0 - 12 * row
        for column, (x0, x1) in enumerate(((57.0, 292.0), (300.0, 540.0))):
            words = 5 + (row + column) % 4  # a different spacing on every line
            space = 3.0 + 4.0 * ((row * 7 + column * 3) % 5) / 4  # 3 to 7 pt
            step = (x1 - x0 + space) / words
            for i in range(words):
                text = f"{row + 1 + 40 * column}." if i == 0 else "lichen"
                left = x0 + i * step
                right = x1 if i == words - 1 else left + step - space
                fragments.append(
                    _Fragment(text, left, right, bottom - 2.5, bottom + 7.5, len(fragments))
                )
    texts = [line.text for line in layout_page(fragments, 1, 595.0, 842.0)]
    assert len(texts) == 80
    assert [text.split()[0] for text in texts] == [f"{n}." for n in range(1, 81)]


def test_a_raised_dash_with_a_box_of_its_ink_alone_stays_in_its_superscript() -> None:
    """A superscript "4–7" whose dash box is only its ink (0.5 pt high, 6 pt above the line's
    bottom) sits higher above the line than it is tall: it was never compared with the line,
    became a line of its own, and left "outcome4 7" behind."""
    from reflink.pdf import _Fragment, layout_page

    words = [("dose", 72.0, 92.0, 398.0, 409.0), ("outcome", 95.0, 130.0, 398.0, 409.0)]
    words += [("4", 130.0, 134.0, 404.8, 410.6), ("–", 134.0, 137.0, 407.4, 407.9)]
    words += [("7", 137.0, 141.0, 404.8, 410.6), ("rose.", 145.0, 170.0, 398.0, 409.0)]
    fragments = [_Fragment(text, *box, index) for index, (text, *box) in enumerate(words)]
    lines = layout_page(fragments, 1, 612.0, 792.0)
    assert [line.text for line in lines] == ["dose outcome4–7 rose."]
    assert lines[0].raised == ((12, 15),)


FIXTURES = Path(__file__).parent / "fixtures" / "pdf"


def test_a_font_without_ascent_and_descent_is_sized_from_its_font_size() -> None:
    """LibreOffice's DejaVu Sans (its stand-in for Calibri) says Ascent 0, Descent 0: PDFium's
    boxes then follow each glyph's ink, and a wrapped entry's last line of digits looked set
    in another size than its list: entries 5, 9 and 11 lost year, volume and pages."""
    from reflink.ingest import parse_source, read_document

    source = read_document(FIXTURES / "libreoffice-dejavu-no-ascent.pdf")
    doc = parse_source(source)
    sizes = {round(source.pdf.boxes[line.number].size, 1) for line in source.pdf.lines}
    assert len(sizes) <= 4  # title, two heading sizes, body: no size of its own per glyph shape
    assert [marker.text for marker in doc.markers] == ["1–3", "4–7", "4,8,9", "10", "11,12"]
    entries = {ref.number: ref for ref in doc.references}
    assert sorted(entries) == list(range(1, 13))
    assert (entries[5].year, entries[5].pages, entries[5].journal) == (
        2009,
        "749-776",
        "N Engl J Med",
    )
    assert (entries[9].year, entries[9].pages) == (2008, "222-246")
    assert (entries[11].year, entries[11].pages) == (2003, "752-759")


def test_fonts_with_metrics_keep_pdfiums_boxes(tmp_path: Path) -> None:
    """Only a page whose boxes follow the glyphs' ink is sized from the font size: a font with
    metrics (fpdf2's DejaVu, Helvetica) gives every letter the same box, and is read as it was."""
    import pypdfium2 as pdfium

    from reflink.pdf import _glyph_shaped_boxes

    pages = paper(["Lichens grow slowly on the cold granite of the hills.^{1}"] * 5, REFERENCES)
    for unicode_font in (False, True):
        path = write_pdf(tmp_path / f"metrics-{unicode_font}.pdf", pages, unicode_font=unicode_font)
        document = pdfium.PdfDocument(path)
        textpage = document[0].get_textpage()
        assert not _glyph_shaped_boxes(textpage.raw, textpage.get_text_range())
    document = pdfium.PdfDocument(FIXTURES / "libreoffice-dejavu-no-ascent.pdf")
    textpage = document[0].get_textpage()
    assert _glyph_shaped_boxes(textpage.raw, textpage.get_text_range())


def _paragraphs_of(path: Path) -> list[list[str]]:
    """The claims of a PDF, grouped by paragraph: their first words."""
    from reflink.ingest import parse_source, read_document

    doc = parse_source(read_document(path))
    grouped: dict[int, list[str]] = {}
    for claim in doc.claims:
        if claim.kind == "body":
            grouped.setdefault(claim.paragraph, []).append(" ".join(claim.text.split()[:2]))
    return list(grouped.values())


@pytest.mark.parametrize("layout", ["indented", "short-last-line"])
def test_a_pdfs_paragraphs_come_from_its_geometry(tmp_path: Path, layout: str) -> None:
    """A PDF prints no blank line between paragraphs: every body sentence of a page was one
    paragraph, and each sentence without a callout took its context from them all. A
    paragraph opens where its first line is indented by an em (LaTeX) or where the line before
    stopped short of the column's edge (justified text); a sentence that ends at the edge with
    the next one starting below is no paragraph's end, nor is a colon before a list."""
    full = "Lichens grow slowly on the granite of the cold uplands in every season of"
    paragraphs = [
        [
            full,
            "the year and in each of the places we have surveyed so far, the north,",
            "as the survey shows.^{1} Growth doubles on wet basalt.",
        ],
        [full, "the year, and the spores travel far on the cold winds of the north.^{2}"],
        [
            "Spores settle on bare rock, and a crust forms on it within a year or two.^{3}",
            "They need water to grow, and the five steps of",
            "their growth are these:",
        ],
        ["Settling, swelling and rooting come first, and growing comes last.^{4}"],
    ]
    page, y = Page(), 160.0
    page.add(60, 70, "Invented Findings on Lichen Growth", 16).add(60, 95, "Ada Moss^{1}", 11)
    page.add(60, 112, "1 Department of Botany, Invented University", 8)
    for lines in paragraphs:
        for index, text in enumerate(lines):
            indent = 12 if layout == "indented" and index == 0 else 0
            page.add(60 + indent, y, text)
            y += 13
    for text in ["", "References", *REFERENCES]:
        if text:
            page.add(60, y, text)
        y += 13
    path = write_pdf(tmp_path / f"{layout}.pdf", [page], unicode_font=True)
    assert _paragraphs_of(path) == [
        ["Lichens grow", "Growth doubles"],
        ["Lichens grow"],
        ["Spores settle", "They need"],
    ]


def test_superscript_glyphs_of_the_font_are_read_as_raised() -> None:
    """Typst sets superscripts with the font's own glyphs: each has the body's box on the
    baseline and only its ink is small and high, so callouts read as body-size digits and
    most were refused ("mutation1." at body size is no superscript). A digit whose ink starts
    well above the baseline is raised; "12 of 40 plots" on the same page stays a count."""
    from reflink.ingest import parse_source, read_document

    source = read_document(FIXTURES / "typst-superscript-glyphs.pdf")
    doc = parse_source(source)
    assert [(marker.text, marker.numbers) for marker in doc.markers] == [
        ("1,2", (1, 2)),
        ("3–5", (3, 4, 5)),
        ("6", (6,)),
        ("1", (1,)),
    ]
    assert [ref.number for ref in doc.references] == [1, 2, 3, 4, 5, 6]
    counted = next(line for line in source.pdf.lines if "12 of 40" in line.text)
    raised = source.pdf.scripts[counted.number].raised
    assert all(counted.text[start:end] not in ("12", "40") for start, end in raised)


def test_a_latex_list_with_labels_at_the_right_columns_edge_is_read() -> None:
    """pandoc's CSL output through pdflatex in two columns: the list's labels sit at the
    right column's edge and its entries a label's width in, a strip wider than the gutter
    that microtype's protrusion narrows. Entries 1–18 were lost (their labels read as the
    left column's) and 52 callouts linked 19; entry 8's first line, beside a paragraph's
    last line "cohort.", was taken with it for a table's row."""
    from reflink.ingest import parse_source, read_document

    source = read_document(FIXTURES / "pandoc-latex-hanging-labels.pdf")
    doc = parse_source(source)
    assert [ref.number for ref in doc.references] == list(range(1, 31))
    read = {ref.number: ref for ref in doc.references}
    assert (read[1].authors[0], read[1].year, read[1].volume) == ("Silva, E.", 2016, "19")
    assert (read[8].authors[0], read[8].year, read[8].volume) == ("Chen, D.", 2002, "56")
    assert (read[16].authors[0], read[16].year, read[16].volume) == ("Chen, F.", 1995, "26")
    assert sum(len(marker.numbers) for marker in doc.markers) == 52
    assert not any(
        line.text.startswith("cohort.") and "Chen" in line.text for line in source.pdf.lines
    )


def test_a_list_below_running_text_hangs_its_labels_at_the_right_columns_edge() -> None:
    """The right column holds the end of the running text and its "References" heading above
    the list; they start at the column's edge, where the list's labels stand. So much else
    starting there made the labels no column of their own, the strip between labels and
    entries was taken for the gutter, the labels joined the left column's lines ("… More re-
    2.") and the page's twelve entries were lost."""
    from reflink.ingest import parse_source, read_document

    source = read_document(FIXTURES / "pandoc-latex-list-below-running-text.pdf")
    texts = [line.text for line in source.pdf.lines]
    assert "flammation in memory clinics (n = 732)7, 28. More re-" in texts
    assert texts[texts.index("References") + 1].split()[:2] == ["1.", "Ortega-Ruiz"]
    doc = parse_source(source, allow_missing_references=True)
    read = {ref.number: ref for ref in doc.references}
    assert sorted(read)[:12] == list(range(1, 13))
    assert (read[1].authors[0], read[1].year, read[1].volume) == ("Ortega-Ruiz T", 1989, "158")
    assert read[3].authors[0] == "van der Berg B"


def _as_ocr_layer(path: Path) -> Path:
    """The PDF with its font renamed to tesseract's GlyphLessFont, as ocrmypdf's output names
    the font of its invisible text layer (PDFium rebuilds the offsets the longer name moves)."""
    data = path.read_bytes()
    path.write_bytes(data.replace(b"/BaseFont /Helvetica", b"/BaseFont /GlyphLessFont"))
    return path


def test_a_pdf_whose_text_is_an_ocr_layer_says_so(tmp_path: Path) -> None:
    """OCR reads few superscript callouts ("response.*" for "response.2"): a user who ran
    ocrmypdf, as the hint for a PDF without text says, learns why callouts are missing, in the
    summary and the problems, or in the refusal when none was found."""
    body = ["Lichens grow slowly on the cold granite of the northern hills [1]."] * 2
    body += ["Spores travel far in the cold winds of the north [2]."]
    cited = _as_ocr_layer(write_pdf(tmp_path / "cited.pdf", paper(body, REFERENCES)))
    db = tmp_path / "ocr.db"
    result = CliRunner().invoke(cli, ["ingest", str(cited), "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "its text is from OCR, which reads few superscript callouts" in result.output
    with sqlite3.connect(db) as conn:
        notes = conn.execute("select message from problems where message like '%OCR%'").fetchall()
    assert len(notes) == 1 and "citations may be missing" in notes[0][0]

    lost = ["Lichens grow slowly on the cold granite of the northern hills.*"] * 3
    uncited = _as_ocr_layer(write_pdf(tmp_path / "lost.pdf", paper(lost, REFERENCES)))
    result = CliRunner().invoke(cli, ["ingest", str(uncited), "--db", str(tmp_path / "x.db")])
    assert result.exit_code == 1
    assert "no citation markers found; the PDF's text is an OCR layer" in result.output
    assert "Traceback" not in result.output


def _ending_at(edge: float, text: str, size: float = 10.0) -> tuple[float, str]:
    """The x that makes `text` (Helvetica) end at `edge`: a justified line's last word."""
    from fpdf import FPDF

    pdf = FPDF(unit="pt")
    pdf.set_font("Helvetica", size=size)
    return edge - pdf.get_string_width(text), text


@pytest.mark.parametrize("label", ["{}.", "({})", "[{}]"])
def test_a_list_whose_labels_hang_into_a_narrow_gutter_is_read_by_column(
    tmp_path: Path, label: str
) -> None:
    """LaTeX's two columns are one em apart, and with microtype a line's last hyphen or full
    stop stands out into the gap; a list in the right column sets its labels at the column's
    edge and its entries a label's width in. The strip between labels and entries, wider and
    as empty the page down, was taken for the gutter: the labels joined the left column's
    lines ("… growth on rocks. 4."), and a left line reaching its edge joined the right
    column's line beside it ("… pa- apy …")."""
    page = Page()
    ends = ["a-", "rocks.", "stone,", "moss", "pa-"]
    body = [f"Left line {n} of moss growth on granite boulders, {ends[n % 5]}" for n in range(48)]
    for n in range(8, 48, 8):
        body[n] = "cohort."  # a paragraph's last line, beside a label
    for n, text in enumerate(body):
        # justified lines end at 290; some stand out by a hyphen's width (microtype)
        x, _ = _ending_at(290 + (4 if n % 3 == 0 else 0), text)
        page.add(60 if text == "cohort." else x, 60 + 13 * n, text)
    y = 60
    for n in range(1, 17):
        page.add(300, y, label.format(n))
        page.add(324, y, f"Moss{n} A, Fern B. Lichen growth study")
        page.add(324, y + 13, f"number {n}. J Invented Res. (2001) [{n}]:1-9.")
        y += 2 * 13
    path = write_pdf(tmp_path / "columns.pdf", [page])
    texts = [line.text for line in read_pdf(path.read_bytes()).lines]
    assert texts[:48] == body
    assert [" ".join(text.split()) for text in texts[48:51]] == [
        f"{label.format(1)} Moss1 A, Fern B. Lichen growth study",
        "number 1. J Invented Res. (2001) [1]:1-9.",
        f"{label.format(2)} Moss2 A, Fern B. Lichen growth study",
    ]
    assert len(texts) == 48 + 32


def test_a_full_width_line_whose_sentence_break_falls_at_the_gutter_stays_whole(
    tmp_path: Path,
) -> None:
    """Two column lines that reach the columns' edges are two lines however close; a line of
    a full-width paragraph above the columns may break its sentence just there ("… nature."
    at the left column's edge, "Furthermore, …" at the right one's), and stays one line:
    the lines above and below it cross the gutter."""
    page = Page()
    wide = "The abstract runs across the whole page above both columns of the article here and"
    page.add(60, 60, wide).add(60, 86, wide)
    x, left = _ending_at(297, "this flat path by incorporating its non-gradient nature.")
    page.add(x, 73, left).add(304, 73, "Furthermore, we illustrate the landscape.")
    for n in range(40):
        _, text = _ending_at(290, f"Left column line {n} of moss on granite.")
        page.add(_ending_at(290, text)[0], 120 + 13 * n, text)
        page.add(304, 120 + 13 * n, f"Right column line {n} of fern spores.")
    path = write_pdf(tmp_path / "columns.pdf", [page])
    texts = [line.text for line in read_pdf(path.read_bytes()).lines]
    assert texts[1] == f"{left} Furthermore, we illustrate the landscape."
    assert texts[3] == "Left column line 0 of moss on granite."


def test_a_short_entry_tail_beside_a_hanging_indent_is_no_table_row() -> None:
    """A left-column entry's last line holds only its pages ("459–474.", ink boxes: shorter
    than the lines with a bracket, which set the page's usual height), and beside it, a point
    and a half lower, a right-column entry's continuation a label's width in. The pair read
    as a table row in small print split by the gutter, and became one line ("459–474.
    hibitor tumour …"). A line that starts where the right column's other lines do belongs
    to the column."""
    from reflink.pdf import _Fragment, layout_page

    fragments: list[_Fragment] = []

    def line(x: float, bottom: float, words: list[str]) -> None:
        for word in words:
            tall = word.startswith("(")  # a bracket's ink reaches above and below the letters
            width = 5.0 * len(word)
            fragments.append(
                _Fragment(
                    word,
                    x,
                    x + width,
                    bottom - (1.0 if tall else 0.0),
                    bottom + (9.9 if tall else 8.8),
                    len(fragments),
                )
            )
            x += width + 4.0

    for row in range(30):
        line(72.0, 700.0 - 13 * row, ["Lichens", "(grow)", "slowly", "on", "the", "granite", "of"])
    line(72.0, 310.0, ["459–474."])
    for row in range(15):
        bottom = 701.5 - 26 * row
        line(310.0, bottom, [f"{row + 2}."])
        line(343.0, bottom, ["Fern,", "B.", f"({1990 + row})", "Spores", "of", "lichens"])
        line(343.0, bottom - 13, ["hibitor", "tumour", "kinase", "on", "basalt", "rock"])
    line(343.0, 311.5, ["hibitor", "tumour", "kinase", "on", "basalt", "rock"])
    texts = [" ".join(line.text.split()) for line in layout_page(fragments, 1, 612.0, 792.0)]
    assert "459–474." in texts
    assert texts.count("hibitor tumour kinase on basalt rock") == 16


def test_a_right_column_holding_only_the_lists_last_entry_is_read(tmp_path: Path) -> None:
    """A list that ends at the top of a page's right column: four lines are too few to find
    the gutter by, so the page read as one column and the last entry's lines joined the left
    column's ("… Outcomes of 30. Moss30 A, …"), and with a gutter found its label still did;
    a label that stands where no left line reaches, its entry going on right of the gutter,
    hangs out of the right column."""
    page = Page()
    y = 60.0
    for n in range(1, 21):
        page.add(60, y, f"{n}.").add(84, y, f"Fern{n} B, Reed C. Growth of moss on")
        page.add(84, y + 13, f"granite. J Invented Res. {1980 + n};{n}:1-9.")
        y += 2 * 13
    page.add(304, 60, "21.").add(328, 60, "Moss21 A, Stone B. Lichens in")
    page.add(328, 73, "cold wind over basalt rock in")
    page.add(328, 86, "invented regions. J Invented")
    page.add(328, 99, "Res. 2001;21:1-9.")
    path = write_pdf(tmp_path / "columns.pdf", [page])
    texts = [" ".join(line.text.split()) for line in read_pdf(path.read_bytes()).lines]
    assert texts[0] == "1. Fern1 B, Reed C. Growth of moss on"
    assert texts[-4:] == [
        "21. Moss21 A, Stone B. Lichens in",
        "cold wind over basalt rock in",
        "invented regions. J Invented",
        "Res. 2001;21:1-9.",
    ]


def test_a_short_right_column_one_em_from_the_left_is_a_column(tmp_path: Path) -> None:
    """LaTeX's columns are one em apart: where both hold a line, the two read as one stretch
    of text across the gutter. With the right column five lines long (the list's last entry
    at a page's top) those stretches crossed the gutter too often for a page of two columns,
    and the five lines joined the left column's beside them."""
    page = Page()
    for n in range(40):
        x, text = _ending_at(296, f"Left line {n} of moss growth on granite, in")
        # two paragraphs end beside the right column's lines: a gap between them there
        page.add(60 if n in (1, 3) else x, 60 + 13 * n, "cohort." if n in (1, 3) else text)
    right = [
        "30. Moss A, Stone B. Lichens in cold",
        "wind over basalt rock in invented",
        "regions of the far north. J Invented",
        "Res. 2001;21:1-9. Further lines of",
        "it run on to the fifth line here.",
    ]
    for n, text in enumerate(right):
        page.add(306, 60 + 13 * n, text)
    path = write_pdf(tmp_path / "columns.pdf", [page])
    texts = [" ".join(line.text.split()) for line in read_pdf(path.read_bytes()).lines]
    assert texts[0].startswith("Left line 0 of moss") and texts[0].endswith("granite, in")
    assert texts[-5:] == right
