"""textclean: real lines of the seed, and small strings for each failure class."""

from __future__ import annotations

from pathlib import Path

import pytest

from reflink.models import BODY, CAPTION, FRONT, FURNITURE, HEADING, TABLE, WATERMARK, Line
from reflink.textclean import (
    REFERENCE_HEADING,
    WordCounts,
    clean_text,
    decode_text,
    find_dropped_ligatures,
    find_list_heading,
    flatten_superscript_callouts,
    infer_ligatures,
    mend_hyphen,
    stitch,
)

SEED = Path(__file__).resolve().parent.parent / "refs" / "alk-ros1-review.txt"


@pytest.fixture(scope="module")
def seed_lines() -> list[Line]:
    return clean_text(decode_text(SEED.read_bytes()))


def kind_of(lines: list[Line], number: int) -> str:
    return lines[number - 1].kind


def test_one_line_per_input_line(seed_lines: list[Line]) -> None:
    assert len(seed_lines) == len(SEED.read_text(encoding="utf-8").split("\n"))
    assert [line.number for line in seed_lines[:3]] == [1, 2, 3]


def test_seed_ligature_mapping_is_inferred() -> None:
    texts = SEED.read_text(encoding="utf-8").split("\n")
    assert infer_ligatures(texts) == {"\ue103": "fi", "\ue104": "fl", "\ue09d": "ft"}


@pytest.mark.parametrize(
    ("number", "word"),
    [
        pytest.param(41, "identified", id="fi-inside"),
        pytest.param(95, "significantly", id="fi-and-ft-in-one-line"),
        pytest.param(131, "fluid", id="fl-at-word-start"),
        pytest.param(497, "efficacy", id="ffi-printed-plain"),
        pytest.param(389, "after", id="ft"),
    ],
)
def test_seed_ligature_words_repaired(seed_lines: list[Line], number: int, word: str) -> None:
    assert word in seed_lines[number - 1].text
    assert not any(0xE000 <= ord(ch) <= 0xF8FF for line in seed_lines for ch in line.text)


def test_other_code_points_inferred_from_their_words() -> None:
    lines = [
        "the \ue200rst \ue200nding was signi\ue200cant",
        "a \ue201uid \ue201ow, e\ue202ect o\ue203en",
    ]
    assert infer_ligatures(lines) == {
        "\ue200": "fi",
        "\ue201": "fl",
        "\ue202": "ff",
        "\ue203": "ft",
    }


@pytest.mark.parametrize(
    ("raw", "cleaned"),
    [
        pytest.param("(n \u00bc 54)", "(n = 54)", id="quarter-is-equals"),
        pytest.param("approximately \ufffd5 years", "approximately ~5 years", id="lost-tilde"),
        pytest.param("L. Crino\u0300,", "L. Crinò,", id="combining-accent-nfc"),
    ],
)
def test_character_repairs(raw: str, cleaned: str) -> None:
    assert clean_text(raw)[0].text == cleaned


def test_dropped_fi_repaired_only_with_evidence() -> None:
    body = ["a benecial and specic eect was identied", "the nal ndings were signicant"]
    repairs = find_dropped_ligatures(body)
    assert repairs["benecial"] == "beneficial" and repairs["specic"] == "specific"
    # one odd word is no evidence: a real rare word must never be "repaired"
    assert find_dropped_ligatures(["the aer sample"]) == {}


@pytest.mark.parametrize(
    ("number", "kind"),
    [
        pytest.param(84, FURNITURE, id="running-foot-mid-sentence"),
        pytest.param(148, FURNITURE, id="running-foot-even-page"),
        pytest.param(208, FURNITURE, id="copyright-line"),
        pytest.param(676, FURNITURE, id="licence-url"),
        pytest.param(681, FURNITURE, id="running-head"),
        pytest.param(824, FURNITURE, id="view-article-online"),
        pytest.param(700 - 17, WATERMARK, id="watermark-letter"),
        pytest.param(735, WATERMARK, id="watermark-digits"),
        pytest.param(52, FRONT, id="affiliation-fragment-mid-body"),
        pytest.param(3, FRONT, id="title-block"),
        pytest.param(4, FRONT, id="author-line-cut"),
        pytest.param(6, BODY, id="abstract-is-body"),
        pytest.param(25, HEADING, id="numbered-heading"),
        pytest.param(79, HEADING, id="wrapped-heading"),
        pytest.param(209, CAPTION, id="table-caption"),
        pytest.param(260, TABLE, id="table-cell-citation"),
        pytest.param(298, TABLE, id="table-footnote"),
        pytest.param(622, CAPTION, id="figure-caption-after-page-break"),
        pytest.param(625, CAPTION, id="caption-continues"),
        pytest.param(626, BODY, id="body-resumes-after-caption"),
        pytest.param(457, BODY, id="sentence-about-figure-is-body"),
        pytest.param(940, BODY, id="reference-entry-not-furniture"),
        pytest.param(981, BODY, id="reference-tail-not-furniture"),
    ],
)
def test_seed_line_kinds(seed_lines: list[Line], number: int, kind: str) -> None:
    assert kind_of(seed_lines, number) == kind


def test_run_in_heading_split_off(seed_lines: list[Line]) -> None:
    line = seed_lines[102 - 1]
    assert line.kind == BODY
    assert line.run_in == "2.1.1 Leptomeningeal carcinomatosis (LC)."
    assert line.text == "LC is also"


def test_no_furniture_in_body(seed_lines: list[Line]) -> None:
    body = " ".join(line.text for line in seed_lines if line.kind == BODY)
    for junk in ("RSC Adv.", "Royal Society", "View Article Online", "creativecommons"):
        assert junk not in body


@pytest.mark.parametrize(
    ("left", "right", "how"),
    [
        pytest.param("Cauca", "sian", "join", id="broken-word"),
        pytest.param("ALK", "positive", "hyphen", id="capital-compound"),
        pytest.param("E", "cadherin", "hyphen", id="single-letter-prefix"),
        pytest.param("ALK", "and", "space", id="suspended-hyphen"),
        pytest.param("alecti", "nib", "join", id="drug-name-fragment"),
        pytest.param("platinum", "pemetrexed", "hyphen", id="word-then-unknown"),
        pytest.param("crizotinib", "treated", "hyphen", id="unknown-then-word"),
    ],
)
def test_mend_hyphen(left: str, right: str, how: str) -> None:
    from collections import Counter

    assert mend_hyphen(left, right, Counter()) == how


def counted_by_scanning(texts: list[str]) -> dict[str, int]:
    """WordCounts' definition: every WORD and HYPHENATED match of the lowercased lines."""
    import re
    from collections import Counter

    lowered = "\n".join(texts).lower()
    words = re.findall(r"(?<![\w-])[a-z]{2,}(?![\w-])", lowered)
    return Counter(words) + Counter(re.findall(r"\b[A-Za-z]+-[A-Za-z]+\b", lowered))


def test_word_counts_answer_as_counting_every_word_does() -> None:
    # hyphen chains pair from their start ("a-b-c-d": a-b and c-d, never b-c), a digit or an
    # underscore makes a run no word, a line end is a boundary, case is folded
    texts = [
        "The Caucasian caucasian-born cohort; pre-post-hoc and well-known-ish terms, x-ray",
        "x-ray X-ray, x-ray2 _x-ray x-ray_ x-rays -x-ray x--ray post-hoc-hoc",
        "caucasian2 caucasians caucasian_ -caucasian caucasian- (caucasian) Caucasian.",
        "hoc post-hoc hoc-post in-vitro in vitro invitro in-vitro-in-vivo",
    ]
    expected = counted_by_scanning(texts)
    asked = [*expected, "caucasia", "ray", "post-post", "x-rays", "ish-terms", "a", "2x", "b-2"]
    assert expected["caucasian"] == 3 and expected["x-ray"] == 4 and expected["post-hoc"] == 2
    # a few questions are searched for word by word, many answered from a count of every word
    for questions in (2, WordCounts.FIND_LIMIT + 1):
        counts = WordCounts("\n".join(texts), questions)
        assert {word: counts.get(word, 0) for word in asked} == {
            word: expected.get(word, 0) for word in asked
        }


def test_stitch_keeps_line_map_across_furniture(seed_lines: list[Line]) -> None:
    passage = stitch(line for line in seed_lines[82:86] if line.kind == BODY)
    assert "during the patient's treatment" in passage.text
    assert passage.line_at(passage.text.index("patient's")) == 85
    passage = stitch(line for line in seed_lines[48:51] if line.kind == BODY)
    assert "in Caucasian patients" in passage.text


def test_document_spelling_decides_hyphen() -> None:
    lines = [Line(1, "the up-regulation of X and up-", ""), Line(2, "regulation of Y", "")]
    assert "up-regulation of Y" in stitch(lines).text


def stitched_after_prose(*lines: str) -> str:
    """`lines` after three lines of running prose, cleaned and stitched: the body's text."""
    text = "\n".join([PROSE] * 3 + list(lines))
    return stitch(line for line in clean_text(text) if line.kind == BODY).text


def test_soft_and_unicode_hyphens_at_a_line_end_are_mended_like_a_hyphen() -> None:
    # pdftotext writes a browser's hyphenation as a soft hyphen and a Unicode hyphen ("depen\u00ad
    # \u2010"); a soft hyphen inside a line is invisible in print
    passage = stitched_after_prose(
        "the growth rate depen\u00ad\u2010",
        "dence of protein concentrations in cellu\u00adlar compart\u2010",
        "ments of yeast and of E\u2010",
        "cadherin levels.",
    )
    assert "rate dependence of protein concentrations in cellular compartments of" in passage
    assert "of E-cadherin levels." in passage


def test_a_gap_before_a_unicode_hyphen_at_a_line_end_is_part_of_the_break() -> None:
    # pdfminer spreads a justified line's last gap before its hyphen: "depoly \u2010"; an ASCII
    # " -" at a line end can be a dash, and stays one
    passage = stitched_after_prose(
        "a minus-end that favors depoly \u2010",
        "merization. Public Health Emer  \u2010",
        "gency of International Concern, the (LACEN) -",
        "under the General Coordination.",
    )
    assert "favors depolymerization. Public Health Emergency of International" in passage
    assert "(LACEN) - under the General" in passage


def test_running_heads_of_another_publisher() -> None:
    page = [f"Body text line number {i} of the article goes on here and on." for i in range(40)]
    text = []
    for number in range(1, 4):
        text += page + [f"Journal of Things | {100 + number}", "Research Article Journal of Things"]
    kinds = [line.kind for line in clean_text("\n".join(text))]
    assert kinds[40] == FURNITURE and kinds[41] == FURNITURE
    assert kinds.count(FURNITURE) == 6


def test_a_running_head_printed_once_is_known_by_its_page_number_and_bar() -> None:
    """ "17930 | RSC Adv., 2019, 9, 17921–17932", "SMITH ET AL. | 3": a page number set off by
    a bar from the journal or the authors is a running head even where it is printed once (a
    two-page letter, a list cut from its document), and it cut an entry or a sentence in two.
    A bar between words, or between a number and a sentence going on, is text."""
    text = "\n".join(
        [PROSE] * 6
        + ["17930 | RSC Adv., 2019, 9, 17921–17932", PROSE, "OKAFOR ET AL. | 3", PROSE]
        + ["The ratio of 3 | 4 cells was kept in the long run of every assay we made.", PROSE]
    )
    kinds = kinds_of(text)
    assert kinds[6] == FURNITURE and kinds[8] == FURNITURE
    assert kinds[10] == "body"


def test_decode_utf16_and_crlf() -> None:
    assert decode_text("a\r\nb".encode("utf-16")) == "a\nb"


def kinds_of(text: str) -> list[str]:
    return [line.kind for line in clean_text(text)]


PROSE = "This sentence of running text is long enough to set the width of the column here."


def test_affiliation_block_mid_body_is_front() -> None:
    text = "\n".join(
        [PROSE] * 6
        + [
            "1",
            "Department of Surgery, Big University, Springfield, IL, USA. 2 Institute of Cells,",
            "authors contributed equally: A. Person, B. Person. 3 These authors jointly led",
            "*email: someone@example.org",
            "www.example.org/journal",
        ]
        + [PROSE] * 3
    )
    assert kinds_of(text)[6:11] == [FRONT, FRONT, FRONT, FRONT, FURNITURE]


def test_an_abstract_row_of_a_checklist_after_the_introduction_leaves_the_body_body() -> None:
    # no "Abstract" under the title; a checklist table later prints "ABSTRACT" as a row. The
    # Introduction before it is running text, not a title block that the row would close
    text = "\n".join(
        ["Reporting Items for Systematic Reviews", "A. Person, B. Person", "", "Introduction"]
        + [PROSE] * 8
        + ["", "Table 1. Checklist", "TITLE", "Title", "1", "ABSTRACT", "Structured summary", ""]
        + [PROSE] * 4
    )
    kinds = kinds_of(text)
    assert kinds[:2] == [FRONT, FRONT]
    assert kinds[4:12] == [BODY] * 8


def test_dateline_at_the_end_is_front() -> None:
    text = "\n".join([PROSE] * 60 + ["Received: 31 January 2019; Accepted: 30 September 2019;"])
    assert kinds_of(text)[-1] == FRONT


def test_watermark_interleaved_with_table_rows() -> None:
    rows = [
        f"Group  {c}   retrospective  {n}   {r}"
        for c, n, r in zip("ABCDEF", range(6), range(6), strict=True)
    ]
    marks = ["Do", "wn", "loa", "ded", "on", "3/", "13/", "20"]
    lines = ["Table 1 Overview of the trials listed"]
    for row, mark in zip(rows + ["", ""], marks, strict=False):
        lines += [row, mark]
    kinds = kinds_of("\n".join([PROSE] * 5 + lines + [PROSE] * 5))
    assert kinds.count(WATERMARK) == len(marks)


def test_caption_stops_at_table_cells() -> None:
    text = "\n".join(
        [PROSE] * 5
        + [
            "Table 2. Overview of the top eight scored markers selected by the boosted tree",
            "classifier for the outcome",
            "Marker Label",
            "Order of marker",
        ]
    )
    assert kinds_of(text)[5:9] == [CAPTION, CAPTION, TABLE, TABLE]


@pytest.mark.parametrize(
    ("previous", "line", "kind"),
    [
        pytest.param(PROSE, "1. Introduction", HEADING, id="after-a-full-stop"),
        pytest.param(
            "strains as given in Supplementary Table",
            "1. All of these strains were",
            BODY,
            id="number-continues-a-sentence",
        ),
        pytest.param(PROSE, "NH N N", BODY, id="structure-letters-not-a-title"),
    ],
)
def test_heading_or_sentence(previous: str, line: str, kind: str) -> None:
    text = "\n".join([PROSE] * 5 + [previous, line] + [PROSE] * 5)
    assert kinds_of(text)[6] == kind


def test_dropped_fi_repair_in_a_document_that_drops_it() -> None:
    body = [
        "We nd that the rst eect was signicant and the benecial result was specic to",
        "the cells we identied. Natural sele-",
        "ction ltered the nal ndings.",
    ]
    lines = clean_text("\n".join([PROSE] * 3 + body))
    assert lines[3].text.startswith("We find that the first")
    assert "identified" in lines[4].text
    # "sele-" + "ction" is a broken word for stitch, not the word "fiction"
    assert lines[5].text.startswith("ction filtered the final findings.")
    assert "Natural selection filtered" in stitch(lines[4:6]).text


def test_symbol_font_operators_when_the_document_uses_that_font() -> None:
    text = (
        "with J \u00bc 10.8 Hz and t \u00bc 20 min\n"
        "5 ml min \u00c0 1 , 10 \u00c2 250 mm, [M \u00fe H] \u00fe ."
    )
    assert clean_text(text)[1].text == "5 ml min − 1 , 10 × 250 mm, [M + H] + ."
    # without the "¼ = " evidence the same letters stay letters: "Àlvarez", "Þór"
    assert clean_text("À 1 and þ")[0].text == "À 1 and þ"


def test_empty_and_blank_documents_have_no_claims() -> None:
    from reflink.claims import split_claims

    assert split_claims(clean_text("\n\n"), [], []) == ([], [])


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        pytest.param("INTRODUCTION", HEADING, id="shouted-heading"),
        pytest.param("Methods", HEADING, id="title-case-heading"),
        pytest.param("2.1 Metastasis in the CNS", HEADING, id="next-subsection"),
        pytest.param("1. Patients were enrolled", BODY, id="numbered-list-item"),
        pytest.param("101 S. M. Gadgeel, L. Gandhi, G. J. Riely,", BODY, id="reference-entry"),
    ],
)
def test_headings_in_section_two(line: str, kind: str) -> None:
    text = "\n".join(["2. Metastasis manners", PROSE, PROSE, "", line, PROSE, PROSE])
    assert kinds_of(text)[4] == kind


def test_a_sentence_said_twice_pages_apart_is_no_running_head() -> None:
    """An abstract's sentence said again in the conclusion was dropped as a running head; a
    running head comes back on every page, so three pages show it."""
    from reflink.textclean import _repeats_across_pages, _shape

    sentence = "Brain metastases were common in the patients treated with the new inhibitor."
    assert not _repeats_across_pages(_shape(sentence), [sentence] * 2, [10, 60])
    head = "Journal of Made-up Results, 2021, 4, 100–120"
    assert _repeats_across_pages(_shape(head), [head] * 2, [10, 60])
    assert _repeats_across_pages(_shape(sentence), [sentence] * 3, [10, 60, 110])


@pytest.mark.parametrize("label", ["A", "II"])
def test_a_lettered_section_after_a_table_caption_ends_the_table(label: str) -> None:
    """A table's rows stop at a section heading followed by prose, whether the heading is
    numbered "3", lettered "A" or roman "II" (a letter once failed the whole ingest)."""
    text = (
        "A review of things\n\n"
        "This is a long body line about the treatment of lung cancer in patients with fusions.\n"
        "Table 1 Patient characteristics\n"
        f"{label} Something here\n"
        "Another long body line follows here about crizotinib and its resistance mechanisms.\n"
    )
    lines = clean_text(text)
    assert [line.kind for line in lines[3:6]] == [CAPTION, HEADING, BODY]


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        pytest.param("many cancers¹.", "many cancers1.", id="after-a-word"),
        pytest.param("mutations²,³ and", "mutations2,3 and", id="a-list"),
        pytest.param("common⁴⁻⁶.", "common4-6.", id="a-range-with-superscript-minus"),
        pytest.param("as reported.⁷ Then", "as reported.7 Then", id="after-the-full-stop"),
        pytest.param("About 10⁶ cells", "About 10⁶ cells", id="a-power-of-ten-stays"),
        pytest.param("4 cm² and 60 mg/m²", "4 cm² and 60 mg/m²", id="units-stay"),
        pytest.param("R² = 0.91, χ² of 3", "R² = 0.91, χ² of 3", id="symbols-stay"),
    ],
)
def test_callouts_typed_as_superscript_characters_read_as_digits(typed: str, read: str) -> None:
    """Text copied from a web page or a word processor types callouts as superscript
    characters; they are read as the flattened superscripts of extracted PDF text are."""
    assert flatten_superscript_callouts(typed) == read
    assert len(flatten_superscript_callouts(typed)) == len(typed)  # offsets stay


@pytest.mark.parametrize(
    "heading",
    [
        "References",
        "REFERENCES AND NOTES",
        "Reference list",
        "Referências",
        "REFERÊNCIAS BIBLIOGRÁFICAS",
        "Referencias bibliográficas",
        "Bibliografía",
        "Références",
        "Literaturverzeichnis",
        "Riferimenti bibliografici",
        "Referenties",
        "Referenser",
        "Litteratur",
        "Kaynaklar",
        "Piśmiennictwo",
        "Список литературы",
        "Литература",
        "参考文献",
        "참고문헌",
    ],
)
def test_a_reference_list_heading_in_the_languages_reviews_are_written_in(heading: str) -> None:
    # SciELO's Portuguese and Spanish reviews, French, German, Italian, Dutch, Nordic, Turkish,
    # Polish, Russian, Chinese and Japanese, and Korean ones: the heading ends the body (it is
    # no claim) and opens the list, in clean_text too (which asks only lines whose first
    # character such a heading can start with)
    assert REFERENCE_HEADING.match(heading)
    lines = clean_text("\n".join([PROSE] * 3 + ["", heading, "", "1. Okafor AB. A study. 2001."]))
    assert [line.kind for line in lines if line.text == heading] == [HEADING]


@pytest.mark.parametrize("line", ["Referências cruzadas entre estudos", "Literature review"])
def test_a_line_that_only_starts_like_a_reference_heading_is_none(line: str) -> None:
    assert not REFERENCE_HEADING.match(line)


def test_zero_width_spaces_from_a_web_page_are_dropped() -> None:
    """Text copied from a web page carries zero-width spaces and word joiners between a word
    and its callout ("tumours.\u200b1"): invisible in print, they hid the callout; the zero
    width joiners that shape some scripts' letters stay."""
    text = "\n".join(
        [PROSE] * 3 + ["Kinase fusions drive tumours.\u200b1 Inhibitors work.\u20602,3 Thus\ufeff."]
    )
    last = clean_text(text)[-1]
    assert last.text == "Kinase fusions drive tumours.1 Inhibitors work.2,3 Thus."
    assert (
        clean_text("\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645")[0].text.count("\u200c") == 1
    )


def test_a_lone_lowercase_word_repeated_across_pages_is_no_running_head() -> None:
    """pdfminer sets a justified line's word on a line alone ("that", "into"); the same word
    alone on three pages is no running head, and dropping it cut a word out of the claims.
    A running head in words ("Journal of Things") still is one."""
    page = [f"Body text line number {i} of the article goes on here and on." for i in range(40)]
    text = []
    for number in range(1, 4):
        text += page[:20] + ["that"] + page[20:] + [f"Journal of Things | {100 + number}"]
    lines = clean_text("\n".join(text))
    assert [line.kind for line in lines if line.text == "that"] == [BODY, BODY, BODY]
    assert {line.kind for line in lines if line.text.startswith("Journal of")} == {FURNITURE}


def test_superscripts_marked_up_in_a_draft_are_read_as_superscripts() -> None:
    """A plain-text or HTML draft marks its superscript callouts ("tumours.^1", "^{4-6}",
    "tumours.<sup>2, 3</sup>"): they are read as "tumours.¹" is, and a power stays a power
    ("10^6 cells" → "10⁶ cells", "cm<sup>2</sup>" → "cm²")."""
    text = "\n".join(
        [PROSE] * 3
        + [
            "Kinase fusions drive tumours.^1 Inhibitors work.<sup>2, 3</sup> in 10^6 cells",
            "and on 4 cm<sup>2</sup> of tissue.^{4-6} The end.",
        ]
    )
    lines = clean_text(text, superscripts=True)
    assert lines[-2].text == "Kinase fusions drive tumours.1 Inhibitors work.2,3 in 10⁶ cells"
    assert lines[-1].text == "and on 4 cm² of tissue.4-6 The end."
    assert lines[-2].raw.endswith("in 10^6 cells")  # the line as printed stays as it was


def test_numbered_sections_after_the_introduction_are_headings() -> None:
    """ "2 Material and Methods" reads like an author line ("Ada and Ben", capitalised names
    around "and") and was taken for front matter; every numbered heading after it then broke
    the count and stayed body text, glued to its section's first sentence. "4 Discussion"
    under a running foot the page left in the text ("… 2022, 22, 4") is a heading too."""
    prose = [PROSE] * 3 + ["The cohort was small and the design was cross-sectional."]
    text = "\n".join(
        ["An invented review of lichen growth", "Ada Moss, Ben Fern", "", "1 Introduction"]
        + prose
        + ["", "2 Material and Methods"]
        + prose
        + ["", "2.1 Ethical Requirements"]
        + prose
        + ["", "3 Results"]
        + prose
        + ["Journal of Invented Lichenology 2022, 22, 4", "4 Discussion"]
        + prose
    )
    kinds = {line.text: line.kind for line in clean_text(text)}
    for heading in ("1 Introduction", "2 Material and Methods", "2.1 Ethical Requirements"):
        assert kinds[heading] == HEADING, heading
    assert kinds["3 Results"] == HEADING and kinds["4 Discussion"] == HEADING
    assert kinds["Ada Moss, Ben Fern"] == FRONT


def test_a_short_paper_with_a_long_list_finds_its_list_heading() -> None:
    """A letter of a page cites thirty works: "References" stands in the first third of the
    text. The list was not known as one, so a book entry's "(Oxford University Press," read as
    an affiliation and every entry's "Journal 12, 325–330 (2013)." as a running foot. Where
    "1." follows the heading, the list begins there; a contents line does not begin one."""
    body = ["Kinase fusions drive tumours in a small share of patients with lung cancer.1"] * 8
    entries = []
    for number in range(1, 31):
        entries += [f"{number}.", ""]
        if number % 7:
            entries += [
                f"Okafor, A. & Tanaka, B. Tumour response number {number} to kinase inhibitors.",
                f"Clinical Cancer Research {number}, {100 + number}–{120 + number} (2013).",
            ]
        else:
            entries += [
                f"Haddad, I. Patients Resistance Patients Toxicity Inhibitor Brain {number}."
                " (Oxford University Press,",
                "Oxford, 2020).",
            ]
        entries.append("")
    text = ["A short letter on kinases", "", *body, "", "References", *entries]
    lines = clean_text("\n".join(text))
    kinds = {line.kind for line in lines if line.text.startswith(("Clinical", "Haddad", "Oxford"))}
    assert kinds == {BODY}
    # no list heading at all: the contents' "References" begins nothing
    contents = ["Contents", "1 Introduction", "2 Methods", "References", "1 Appendix", ""]
    texts = ["A long review", "", *contents, *body * 4]
    assert find_list_heading(texts, [""] * len(texts)) == len(texts)
    texts = ["A short letter", "", *body, "", "References", "[1] Okafor A, Tanaka B.", *body * 4]
    assert find_list_heading(texts, [""] * len(texts)) == len(body) + 3


def test_html_character_references_are_the_characters_they_name() -> None:
    """A reference list rendered through HTML prints "Clin Invest,&#160;393:&#160;6390–6414";
    a web page's text carries "&amp;" and "&nbsp;". Left as printed, "&#" was read into the
    journal and "160" as the volume. A no-break space is a space; "R&D;" names nothing."""
    text = "\n".join(
        [PROSE] * 3
        + [
            "Investigation,&#160;393:&#160;6390–6414,&#xA0;2009. Lichens &amp; fungi&nbsp;grow.",
            "R&D; costs &copy rose, &#8211; as &lt;1% &ndash; said.",
        ]
    )
    lines = clean_text(text)
    assert [line.text for line in lines[-2:]] == [
        "Investigation, 393: 6390–6414, 2009. Lichens & fungi grow.",
        "R&D; costs &copy rose, – as <1% – said.",
    ]
