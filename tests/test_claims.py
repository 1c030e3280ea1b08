"""claims: sentences of the seed under their sections, and sentence-splitting hard cases."""

from __future__ import annotations

from pathlib import Path

import pytest

from reflink.claims import split_claims, split_sentences
from reflink.ingest import parse_document
from reflink.models import Claim, Line, Marker, ParsedDocument
from reflink.textclean import clean_text, decode_text

SEED = Path(__file__).resolve().parent.parent / "refs" / "alk-ros1-review.txt"


@pytest.fixture(scope="module")
def seed_doc() -> ParsedDocument:
    return parse_document(decode_text(SEED.read_bytes()))


def claim_with(doc: ParsedDocument, words: str) -> Claim:
    return next(claim for claim in doc.claims if words in claim.text)


def test_seed_sections(seed_doc: ParsedDocument) -> None:
    numbers = [section.number for section in seed_doc.sections]
    assert numbers[:6] == ["1", "2", "2.1", "2.1.1", "2.1.2", "2.2"]
    assert numbers[-2:] == ["6", "7"]
    titles = {section.number: section.title for section in seed_doc.sections}
    assert titles["1"] == "Introduction"
    assert titles["2"] == "Metastasis manners of ALK and ROS1 rearrangement NSCLC"
    assert titles["2.1.1"] == "Leptomeningeal carcinomatosis (LC)"
    assert titles["7"] == "Conclusion & future perspectives"


def test_marker_after_full_stop_stays_with_its_sentence(seed_doc: ParsedDocument) -> None:
    claim = claim_with(seed_doc, "highest morbidity and mortality.")
    assert claim.text.endswith("lung cancer has the highest morbidity and mortality.")
    assert (claim.line_start, claim.line_end) == (27, 28)
    assert [marker.numbers for marker in claim.markers] == [(1,)]
    assert claim.section is not None and claim.section.number == "1"


def test_range_marker_stripped(seed_doc: ParsedDocument) -> None:
    claim = claim_with(seed_doc, "described for ALK-positive NSCLC patients.")
    assert claim.text.endswith("NSCLC patients.")
    assert [marker.numbers for marker in claim.markers] == [(6, 7, 8)]
    assert claim_with(seed_doc, "One study showed that in Caucasian patients").line_start == 49


def test_sentence_flows_across_running_foot(seed_doc: ParsedDocument) -> None:
    claim = claim_with(seed_doc, "during the patient's treatment")
    assert (claim.line_start, claim.line_end) == (82, 86)
    assert "RSC" not in claim.text


def test_sentence_interrupted_by_figure_caption_is_one_claim(seed_doc: ParsedDocument) -> None:
    claim = claim_with(seed_doc, "Inhibition acts by mediating")
    assert (
        claim.text
        == "Inhibition acts by mediating the disruption of the signaling pathways of ALK and ROS1."
    )
    assert claim.kind == "body"
    assert claim_with(seed_doc, "Fig. 1 Diagram").kind == "caption"


def test_run_in_heading_is_a_section_not_a_claim(seed_doc: ParsedDocument) -> None:
    claim = claim_with(seed_doc, "LC is also known as leptomeningeal metastasis")
    assert claim.text.startswith("LC is also")
    assert claim.section is not None and claim.section.number == "2.1.1"


def test_no_furniture_or_watermark_in_claims(seed_doc: ParsedDocument) -> None:
    text = " ".join(claim.text for claim in seed_doc.claims)
    for junk in (
        "RSC Adv.",
        "Royal Society",
        "View Article Online",
        "creativecommons",
        "Open Access",
    ):
        assert junk not in text
    assert not any(
        claim.line_start <= 700 <= claim.line_end and claim.line_end < 825
        for claim in seed_doc.claims
    )


def test_table_claims_are_table_kind(seed_doc: ParsedDocument) -> None:
    assert claim_with(seed_doc, "NCT01828099").kind == "table"


def test_uncited_sentences_kept(seed_doc: ParsedDocument) -> None:
    claim = claim_with(seed_doc, "Skeleton is one of the common metastatic sites")
    assert claim.markers == ()


def test_every_marker_in_at_most_one_claim(seed_doc: ParsedDocument) -> None:
    seen = [id(marker) for claim in seed_doc.claims for marker in claim.markers]
    assert len(seen) == len(set(seen))


def spans(text: str, markers: list[Marker] = ()) -> list[str]:
    return [text[a:b] for a, b in split_sentences(text, 0, len(text), list(markers))]


@pytest.mark.parametrize(
    ("text", "count"),
    [
        pytest.param("According to Pan et al., in patients. Next one.", 2, id="et-al"),
        pytest.param("As Fig. 1 shows the pathway. Next one.", 2, id="fig-abbreviation"),
        pytest.param("Some drugs, e.g. Crizotinib, work. Next one.", 2, id="eg"),
        pytest.param("Drug A vs. Drug B was tested. Next one.", 2, id="versus"),
        pytest.param("It took approx. 5 weeks. Next one.", 2, id="approx"),
        pytest.param("OS was 9.8 months. Next one.", 2, id="decimal"),
        pytest.param("As shown by S. M. Gadgeel and colleagues. Next one.", 2, id="initials"),
        pytest.param(
            "The bone was most common (34%).35 Skeleton is next.", 2, id="glued-number-no-marker"
        ),
    ],
)
def test_sentence_splitting(text: str, count: int) -> None:
    assert len(spans(text)) == count


def test_marker_after_full_stop_token_style() -> None:
    text = "Liver cysts are small. 9 Treatments were tried."
    marker = Marker(line=1, text="9", numbers=(9,), start=23, end=24)
    assert spans(text, [marker]) == ["Liver cysts are small. 9", "Treatments were tried."]


def test_bracket_marker_stripped_from_claim() -> None:
    lines = clean_text("1. Introduction\nThe drug works in mice [12]. It also works in rats.")
    marker = Marker(line=2, text="[12]", numbers=(12,), start=0, end=0, style="bracket")
    from reflink.citations import body_passage

    passage = body_passage(lines, [])
    start = passage.text.index("[12]")
    marker = Marker(line=2, text="[12]", numbers=(12,), start=start, end=start + 4, style="bracket")
    sections, claims = split_claims(lines, [marker], [])
    assert [claim.text for claim in claims] == ["The drug works in mice.", "It also works in rats."]
    assert claims[0].markers == (marker,)
    assert sections[0].title == "Introduction"


def test_paragraph_without_full_stop_ends_at_blank_line() -> None:
    lines: list[Line] = clean_text("Drugs work alone142,143\n\nDespite this we go on.")
    _, claims = split_claims(lines, [], [])
    assert len(claims) == 2


def test_body_text_between_the_list_heading_and_its_first_entry_is_still_claims() -> None:
    """pdfminer (and a PDF page whose full-width heading sits above the left column's foot)
    puts "References" before the rest of the column: those sentences are the body's, cited or
    not; the entries after them are not claims."""
    entries = "\n".join(
        f"{n}. Okafor AB, Lind C. Fusion kinases in invented tumours {n}. J Fake Oncol. "
        f"20{10 + n};{n}:100-9."
        for n in range(1, 6)
    )
    text = (
        "1. Introduction\n\nFusion kinases drive a small share of invented tumours [1]. "
        "Inhibitors of them were tried in three trials [2, 3].\n\n"
        "References\n\n"
        "The trials were small, and a fourth one is under way [4]. Its results are\n"
        "expected within two years [5].\n\n"
        f"{entries}\n"
    )
    doc = parse_document(text)
    cited = {claim.text: [n for m in claim.markers for n in m.numbers] for claim in doc.claims}
    assert cited["The trials were small, and a fourth one is under way."] == [4]
    assert cited["Its results are expected within two years."] == [5]
    assert not any("Okafor" in claim for claim in cited)
    assert [ref.number for ref in doc.references] == [1, 2, 3, 4, 5]


def test_wrapped_text_without_blank_lines_opens_a_paragraph_after_a_short_line() -> None:
    """Text extracted from a PDF (pdftotext, PyMuPDF) often prints no blank line between
    paragraphs: a paragraph ends with its short last line, as on the page. A sentence that
    ends on a line that runs to the column's width does not end its paragraph."""
    text = (
        "1. Introduction\n\n"
        "Kinase fusions drive a small share of the invented tumours of the lung\n"
        "and of the brain in the cohorts we have surveyed over the last decade.\n"
        "Inhibitors of the kinase work [1].\n"
        "Resistance arises within a year in one trial of the inhibitors, and the\n"
        "newer drugs were made for it [2].\n"
        "Brain lesions respond less well to the first drugs of this class, but\n"
        "the newer ones reach the brain [3].\n"
    )
    entries = "\n".join(
        f"{n}. Okafor AB, Lind C. Kinase study {n}. J Fake Oncol. 20{n:02d};{n}:100-9."
        for n in range(1, 4)
    )
    doc = parse_document(f"{text}\nReferences\n\n{entries}\n")
    paragraphs: dict[int, list[str]] = {}
    for claim in doc.claims:
        paragraphs.setdefault(claim.paragraph, []).append(" ".join(claim.text.split()[:2]))
    assert list(paragraphs.values()) == [
        ["Kinase fusions", "Inhibitors of"],
        ["Resistance arises"],
        ["Brain lesions"],
    ]
