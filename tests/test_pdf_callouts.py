"""Callouts read from a PDF's typography: the hard cases, each on a PDF the test writes.

Every PDF here is written by the test from invented text (tests/pdfmaker.py).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from pdfmaker import REFERENCES, paper, write_pdf
from reflink.ingest import ingest_files


def cited(tmp_path: Path, body: list[str]) -> list[tuple[int, str]]:
    """(number, marker) of every citation reflink finds in a one-column paper of `body`."""
    path = write_pdf(tmp_path / "paper.pdf", paper(body, REFERENCES))
    db = tmp_path / "out.db"
    ingest_files([path], db)
    conn = sqlite3.connect(db)
    return list(conn.execute("select number, marker from citations order by position, number"))


def test_superscript_on_a_line_that_ends_in_a_mended_hyphen(tmp_path: Path) -> None:
    """ "thalli^{3}. In our pre-" + "vious survey": the break is mended in the running text, and
    the raised numbers on that line are still read as raised (they were taken for body-size
    numbers, and these re-citations dropped)."""
    body = [
        "Lichens grow slowly on bare rock surfaces.^{1} Their growth rate^{2,3} was",
        "measured in several cold regions^{2} and in nitrogen-poor thalli^{3}. In our pre-",
        "vious survey^{4} the symbionts were exchanged under drought, and",
        "carbon fixation fell at altitude^{5} as on basalt^{6} and granite^{1}.",
    ]
    assert cited(tmp_path, body) == [
        (1, "1"),
        (2, "2,3"),
        (3, "2,3"),
        (2, "2"),
        (3, "3"),
        (4, "4"),
        (5, "5"),
        (6, "6"),
        (1, "1"),
    ]


def test_superscript_glued_to_a_name_or_version_ending_in_digits(tmp_path: Path) -> None:
    """ "TIR-1^{2}", "PAML 3.15^{3}", "nlp-29^{4}": flattened they read "TIR-12", "3.153",
    "nlp-294", one longer number; the raised run says where the callout starts."""
    body = [
        "Lichens grow slowly on bare rock surfaces.^{1} Spores need the adapter",
        "protein TIR-1^{2}. Trees were built with the program PAML 3.15^{3}, and",
        "the thalli expressed nlp-29^{4} under drought. Later work^{5,6} agreed.",
    ]
    assert cited(tmp_path, body) == [
        (1, "1"),
        (2, "2"),
        (3, "3"),
        (4, "4"),
        (5, "5,6"),
        (6, "5,6"),
    ]


def test_raised_powers_after_numbers_and_variables_are_not_callouts(tmp_path: Path) -> None:
    """ "10^{6} cells", "R^{2} = 0.8", "40 cm^{2}" stay powers though nothing else holds
    their digits; a callout after a year ("in 2019^{3}") is still a callout."""
    body = [
        "Lichens grow slowly on bare rock surfaces.^{1} We seeded 10^{6} cells",
        "per plate, and the fit had R^{2} = 0.8 over 40 cm^{2} of rock in cold",
        "regions^{2}. A survey in 2019^{3} found four of the six species^{4,5,6}.",
    ]
    assert cited(tmp_path, body) == [
        (1, "1"),
        (2, "2"),
        (3, "3"),
        (4, "4,5,6"),
        (5, "4,5,6"),
        (6, "4,5,6"),
    ]


def test_raised_digits_after_a_counted_noun_are_callouts(tmp_path: Path) -> None:
    """ "exon 19^{22}", "stage 3^{4}": a number naming an exon or a stage, then the callout;
    only "10" standing alone, or a number after "×" or "=", is a power's base."""
    body = [
        "Lichens grow slowly on bare rock surfaces.^{1} Deletions in exon 19^{2} and",
        "growth in stage 3^{3,4} differ; we seeded 2 × 10^{5} cells and counted 5 × 2^{3}",
        "colonies where the model gave n = 2^{4} over day 7^{5}.",
    ]
    assert cited(tmp_path, body) == [
        (1, "1"),
        (2, "2"),
        (3, "3,4"),
        (4, "3,4"),
        (5, "5"),
    ]


def test_raised_callouts_closed_by_a_parenthesis_after_a_number(tmp_path: Path) -> None:
    """Japanese journals raise "1)" and "2, 3)": after a number ("exon 19^{1)}", "in
    2009^{2,3)}") the raised run holds its parenthesis, was no number list, and 13 of one probe
    review's 70 callouts were lost."""
    body = [
        "Lichens grow slowly on bare rock surfaces.^{1)} Deletions on exon 19^{2)} and",
        "growth seen in 2009^{3,4)} differ, as do the rocks of the coast.^{5)}",
    ]
    assert cited(tmp_path, body) == [(1, "1"), (2, "2"), (3, "3,4"), (4, "3,4"), (5, "5")]


def test_raised_powers_in_a_formula_after_a_subscript_are_not_callouts(tmp_path: Path) -> None:
    """ "r = k_{1}c^{2}", "x_{i}^{2}": a variable squared after a subscript, in a formula; a
    callout after a chemical formula ("CO_{2}^{3}", "H_{2}O^{4}") is still a callout."""
    body = [
        "Lichens grow slowly on bare rock surfaces.^{1} The uptake rate follows",
        "r = k_{1}c^{2} + k_{2} over the thallus, with x_{i}^{2} summed over cells in",
        "cold regions^{2}. Atmospheric CO_{2}^{3} and H_{2}O^{4} limit their growth.",
    ]
    assert cited(tmp_path, body) == [(1, "1"), (2, "2"), (3, "3"), (4, "4")]


def test_raised_lists_separated_by_semicolons(tmp_path: Path) -> None:
    """ "growth^{2;3}": natbib prints superscript lists with semicolons; flattened they read
    "growth2;3", and the comma lists' scanner took "2" alone."""
    body = [
        "Lichens grow slowly on bare rock surfaces.^{1} Their growth rate^{2;3} was",
        "measured in cold regions^{4; 5-6} and again on basalt.^{1;6}",
    ]
    assert cited(tmp_path, body) == [
        (1, "1"),
        (2, "2;3"),
        (3, "2;3"),
        (4, "4; 5-6"),
        (5, "4; 5-6"),
        (6, "4; 5-6"),
        (1, "1;6"),
        (6, "1;6"),
    ]


def test_tex_cork_codes_of_a_font_without_unicode_map_are_read(tmp_path: Path) -> None:
    """pdflatex's bitmap fonts (T1 encoding, no cm-super) have no map to Unicode: PDFium gives
    their code points, "bene\\x1ct" and "[2\\x153]", and the range read "23"."""
    body = [
        "Lichens grow slowly on bare rock surfaces [1]. Their bene\x1ct for soils",
        "was measured in several cold regions [2\x153] and on basalt [4].",
    ]
    path = write_pdf(tmp_path / "paper.pdf", paper(body, REFERENCES))
    ingest_files([path], tmp_path / "out.db")
    conn = sqlite3.connect(tmp_path / "out.db")
    citations = list(conn.execute("select number, marker from citations order by position, number"))
    assert citations == [(1, "[1]"), (2, "[2–3]"), (3, "[2–3]"), (4, "[4]")]
    claims = [text for (text,) in conn.execute("select text from claims")]
    assert any("Their benefit for soils" in text for text in claims)


def test_parenthesis_callouts_of_a_list_sorted_by_author(tmp_path: Path) -> None:
    """A list numbered alphabetically: plain "(4)", "(2)" callouts arrive out of order, and
    each is a callout on its own evidence, not one rejected for breaking the citation order."""
    order = [4, 2, 6, 1, 5, 3, 6, 2, 4, 1, 5, 3]
    body = [
        f"Lichen thalli on plot {chr(65 + i)} grew slowly in the cold ({n}), as reported."
        for i, n in enumerate(order)
    ]
    assert cited(tmp_path, body) == [(n, f"({n})") for n in order]


def test_a_passage_repeated_on_a_later_page_is_not_a_running_head(tmp_path: Path) -> None:
    """Two studies described with the same sentences, pages apart: in flattened text a line
    printed again pages later looks like a running head; in a PDF its position says it is
    body text, so its callouts count both times."""
    filler = [f"Plot {n} held crustose and foliose thalli in equal parts." for n in range(1, 40)]
    repeated = [
        "Cover Measures: Thallus Area and Colour",
        "In addition to counting thalli, each plot was photographed",
        "from above and scored as in the earlier survey^{3} with the",
        "colour chart of the herbarium.",
    ]
    body = [
        "Lichens grow slowly on bare rock surfaces.^{1} Spores travel far.^{2}",
        *repeated,
        *filler,
        *repeated,
        "Later work^{4,5,6} agreed.",
    ]
    numbers = [number for number, _ in cited(tmp_path, body)]
    assert numbers == [1, 2, 3, 3, 4, 5, 6]


def test_a_short_line_ending_in_a_long_superscript_list(tmp_path: Path) -> None:
    """ "fly.^{1,2,3,4,5,6}" alone on its line: the list has more characters than the word,
    but the line's body size is the size of its letters, so the list is raised."""
    body = [
        "Lichens grow slowly on bare rock surfaces.^{1,2,3} Spores travel far^{4,5,6}",
        "and the thalli differ between the moss and the",
        "fly.^{1,2,3,4,5,6}",
        "Later work^{2} agreed.",
    ]
    markers = [marker for _, marker in cited(tmp_path, body)]
    assert markers == ["1,2,3"] * 3 + ["4,5,6"] * 3 + ["1,2,3,4,5,6"] * 6 + ["2"]


def test_parentheses_that_hold_statistics_scales_and_counts(tmp_path: Path) -> None:
    """ "r (4) = .31" (degrees of freedom), "agreement (1–5)" (a rating scale) and "three (3)
    breaks" (a count) are no callouts; "extracted according to (2)" is one."""
    body = [
        "Lichens grow slowly on bare rock (1). Spores travel far (2), and thalli",
        "were rated for agreement (1-5) with four statements about cover. Cover",
        "fell at altitude (3), and the plots showed three (3) breaks in growth",
        "with r (4) = .31 across sites; lipids were extracted according to (2).",
        "Later work (4, 5) agreed, as did a survey of basalt (6).",
    ]
    assert cited(tmp_path, body) == [
        (1, "(1)"),
        (2, "(2)"),
        (3, "(3)"),
        (2, "(2)"),
        (4, "(4, 5)"),
        (5, "(4, 5)"),
        (6, "(6)"),
    ]


def test_bracket_after_structure_is_a_callout(tmp_path: Path) -> None:
    """ "the network structure [2–4]" cites; only a parenthesis after "structure" is a
    compound's label."""
    body = [
        "Lichens grow slowly on bare rock [1]. Spores travel far [2-4], and the",
        "fungal network structure [2-4] holds the thalli together, as on basalt",
        "[5] and granite [6].",
    ]
    numbers = [number for number, _ in cited(tmp_path, body)]
    assert numbers == [1, 2, 3, 4, 2, 3, 4, 5, 6]


def test_superscripts_raised_so_high_that_only_their_foot_touches_the_line(tmp_path: Path) -> None:
    """A style that sets callouts as a superscript nested in a superscript (pandoc rendered the
    Malaysian Orthopaedic Journal's CSL style so) prints each at half the line's size, raised
    until only its foot overlaps the line. Each was read as a line of its own above the line
    it belongs to ("1", then "…on granite . Spores…"), and the document had no callouts."""
    body = [
        "Lichens grow slowly on bare rock surfaces and on granite^^{1}. Spores need",
        "cold winds^^{2},^^{3} and nitrogen-poor thalli^^{4-6} to spread far.",
    ]
    assert cited(tmp_path, body) == [
        (1, "1"),
        (2, "2,3"),
        (3, "2,3"),
        (4, "4-6"),
        (5, "4-6"),
        (6, "4-6"),
    ]


def test_raised_lists_after_a_unit_or_a_hyphenated_word_and_on_a_line_of_digits(
    tmp_path: Path,
) -> None:
    """ "at 9 mg/kg^{2,3}" was a unit's power and "follow-up^{4,5}" a short word after a
    hyphen ("anti-Ab2"): a list after either cites, and so does a number above a unit's
    powers ("kg^{6}"); "40 cm^{2}" stays a power. "2021^{1,2,3}." alone on a paragraph's
    last line has no letters to say which size is the body's: the largest is."""
    body = [
        "Lichens grow slowly on bare rock surfaces,^{1} here at 9 mg/kg^{2,3} of nitrogen",
        "in cohorts at follow-up^{4,5}, over 40 cm^{2} of rock at 12 kg^{6} in the",
        "survey of",
        "2021^{1,2,3}.",
    ]
    assert cited(tmp_path, body) == [
        (1, "1"),
        (2, "2,3"),
        (3, "2,3"),
        (4, "4,5"),
        (5, "4,5"),
        (6, "6"),
        (1, "1,2,3"),
        (2, "1,2,3"),
        (3, "1,2,3"),
    ]


def test_callouts_printed_at_body_size_in_a_paper_that_raises_nothing(tmp_path: Path) -> None:
    """Some styles print the number itself, unraised, after a space: "rock surfaces 1,2.". A
    paper that raises none of its numbers says nothing by its body size (it refused the whole
    PDF: "no citation markers found"); the words judge as in a text file, so "in 40 plots"
    and "in 2019" stay counts and years."""
    body = [
        "Lichens grow slowly on bare rock surfaces 1,2. Spore dispersal in cold winds",
        "was measured in 40 plots in 2019 3, and nitrogen uptake by foliose thalli",
        "differed between sites 3,4. Symbionts were exchanged under drought 5 as on",
        "basalt 6 and on granite 1.",
    ]
    assert cited(tmp_path, body) == [
        (1, "1,2"),
        (2, "1,2"),
        (3, "3"),
        (3, "3,4"),
        (4, "3,4"),
        (5, "5"),
        (6, "6"),
        (1, "1"),
    ]
