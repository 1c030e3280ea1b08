"""Headings without numbers: an invented essay's, none in a review's broken lines, the seed's.

The essay is a PLOS-style opinion piece: ten section titles, in title case and in sentence
case, one a question, one with a comma, none numbered, each a line of its own above its
paragraphs. It is laid out four ways (blank lines between paragraphs or none; a wide page or a
narrow column), because extracted text comes in all four.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from reflink.claims import find_sections
from reflink.cli import cli
from reflink.headings import Neighbours, is_unnumbered_heading, larger_than_body, set_in_bold
from reflink.ingest import parse_document
from reflink.models import BODY, HEADING
from reflink.textclean import clean_text, decode_text

SEED = Path(__file__).resolve().parent.parent / "refs" / "alk-ros1-review.txt"

ESSAY_HEADINGS = [
    "Introduction",
    "Why this matters",
    "What sharing data has taught us",
    "The Hidden Cost of Closed Archives",
    "Lessons from genome consortia",
    "Who pays for open science?",
    "Incentives, credit and careers",
    "A roadmap for funders and journals",
    "Open questions",
    "Conclusions",
]
ESSAY_PARAGRAPHS = [
    "Science advances when others can check and extend what was found [1]. Yet most data "
    "behind published figures are never seen again by anyone but their makers [2,3]. We argue "
    "that this is a choice, not a necessity.",
    "Replication depends on access to the measurements themselves [4]. When data are lost, "
    "errors persist for years and whole fields build on results nobody can examine [5].",
    "Consortia that released their data early were cited more often and produced more "
    "follow-up work than those that waited [6]. Early release also exposed mistakes while they "
    "were cheap to fix [7].",
    "Closed archives cost money to keep and more to reconstruct [8]. Funders pay twice when a "
    "study must be repeated because its measurements cannot be found [9].",
    "Genome projects agreed on release rules before the first sequence was read [10]. Those "
    "rules, debated openly, became the norm for a generation of projects [11,12].",
    "Storage is cheap but curation is not [13]. Someone must describe each file, check its "
    "format and answer questions from users, and that work is rarely paid for [14].",
    "Hiring committees still count papers rather than datasets [15]. Until a well-documented "
    "dataset counts as much as an article, few will spend months preparing one [16].",
    "Funders can require deposit as a condition of the final payment [17]. Journals can refuse "
    "articles whose figures cannot be traced to deposited data [18].",
    "How long should data be kept, and who decides when they may be deleted [19]? These "
    "questions have no single answer across disciplines [20].",
    "Open data is a habit that institutions can teach [21]. The tools exist; what is missing "
    "is the expectation that they be used.",
]
SECOND_PARAGRAPH = (
    "Each of these points has been made before, in reports that few researchers read. Making "
    "them again here costs little, and the argument is stronger when it is made in one place."
)


def essay(width: int = 72, blank_lines: bool = True) -> str:
    lines = ["Open data is a habit, not a heroic act", "Orla Kestrel, Tomas Brinkworth", ""]
    for heading, paragraph in zip(ESSAY_HEADINGS, ESSAY_PARAGRAPHS, strict=True):
        lines.append(heading)
        if blank_lines:
            lines.append("")
        for text in (paragraph, SECOND_PARAGRAPH):
            lines += textwrap.wrap(text, width)
            if blank_lines:
                lines.append("")
    lines += ["References", ""]
    lines += [
        f"{n}. Kestrel O, Vale T. An invented study of shared data, part {n}. "
        f"J Made Up Sci. {1990 + n};{n}:{100 + n}-{109 + n}."
        for n in range(1, 22)
    ]
    return "\n".join(lines) + "\n"


def section_titles(text: str) -> list[str]:
    sections, _ = find_sections(clean_text(text))
    return [section.title for section in sections]


@pytest.mark.parametrize("blank_lines", [True, False], ids=["blank-lines", "no-blank-lines"])
@pytest.mark.parametrize("width", [72, 48], ids=["page-wide", "narrow-column"])
def test_essay_ten_unnumbered_headings_all_found_none_spurious(
    width: int, blank_lines: bool
) -> None:
    titles = section_titles(essay(width, blank_lines))
    # the question keeps its question mark; the reference list is a section of its own
    assert titles == [*ESSAY_HEADINGS, "References"]


def test_essay_claims_sit_under_their_unnumbered_sections() -> None:
    doc = parse_document(essay(width=60, blank_lines=False))
    claim = next(claim for claim in doc.claims if claim.text.startswith("Hiring committees"))
    assert claim.section is not None and claim.section.title == "Incentives, credit and careers"
    assert claim.section.number is None
    # no heading became a claim
    assert not {claim.text for claim in doc.claims} & set(ESSAY_HEADINGS)


def test_essay_section_export_takes_the_sections_entries_only(tmp_path: Path) -> None:
    source = tmp_path / "essay.txt"
    source.write_text(essay(width=60, blank_lines=False), encoding="utf-8")
    db = tmp_path / "r.db"
    runner = CliRunner()
    assert runner.invoke(cli, ["ingest", str(source), "--db", str(db)]).exit_code == 0
    result = runner.invoke(cli, ["bibtex", "--section", "Lessons", "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert result.output.count("@article{") == 3  # entries 10, 11 and 12
    years = sorted(" ".join(line.split()) for line in result.output.splitlines() if "year" in line)
    assert years == ["year = {2000},", "year = {2001},", "year = {2002},"]


# A review hard-wrapped in a narrow column whose lines end without full stops, and whose
# paragraphs sometimes do too: every short capitalised line here is running text.
BROKEN_REVIEW = """\
Crizotinib was the first inhibitor approved for these patients [1].
Median survival was not reached
Alectinib crossed the blood-brain barrier more readily than
Crizotinib in two trials [2], and intracranial responses were
Seen in most patients [3]. Within the positive stage, pgRNA and serum
HBV
DNA correlated strongly with each other [4]. Another study showed that
patients aged 40 years or
Younger accounted for few of the cases [5]. Brigatinib was tested next.
We found no difference between the two arms
These results were confirmed in a larger cohort of patients treated
In three centres over five years [6]. Resistance emerged in most of
Them within two years of the first dose [7]. Lorlatinib was designed
For this setting [8]. Responses lasted longer than with any earlier drug
Among patients with brain metastases, and toxicity was manageable
In most cases [9]. The trial enrolled patients from twelve countries.
However the follow-up remains short
Longer studies are under way in several countries and will report on
Survival, quality of life and cost within the next three years [10].
"""


def test_broken_review_lines_are_not_headings() -> None:
    text = "\n".join(["1. Introduction", BROKEN_REVIEW, "References"]) + "\n"
    lines = clean_text(text)
    headings = [line.text for line in lines if line.kind == HEADING]
    assert headings == ["1. Introduction", "References"]


@pytest.mark.parametrize(
    ("previous", "line", "following", "heading"),
    [
        pytest.param(
            "of the trials.",
            "Why this matters",
            "Replication depends on access to " * 2,
            True,
            id="sentence-case-title",
        ),
        pytest.param(
            "of the trials.",
            "Who pays for open science?",
            "Storage is cheap but " * 3,
            True,
            id="question",
        ),
        pytest.param(
            "of the trials.",
            "Median survival was not reached",
            "Alectinib crossed " * 3,
            False,
            id="sentence-without-its-full-stop",
        ),
        pytest.param(
            "in the trial of",
            "Patient Outcomes",
            "Alectinib crossed the barrier " * 2,
            False,
            id="sentence-above-goes-on",
        ),
        pytest.param(
            "of the trials.",
            "Serum levels of HBV",
            "DNA correlated strongly with " * 2,
            False,
            id="acronym-phrase-broken-over-lines",
        ),
        pytest.param(
            "of the trials.",
            "Table 2",
            "Data collection and refinement " * 2,
            False,
            id="caption-label",
        ),
        pytest.param(
            "of the trials.",
            "ALT/ULN, median, (range)",
            "1.37 (0.68–8.6) 0.72 (0.24–12.38)",
            False,
            id="table-cell",
        ),
        pytest.param(
            "of the trials.",
            "Outcomes of the",
            "Trial were reported in " * 3,
            False,
            id="ends-on-a-function-word",
        ),
        pytest.param(
            "of the trials.",
            "Results",
            "Patient characteristics",
            True,
            id="heading-over-a-sub-heading",
        ),
    ],
)
def test_unnumbered_heading_rules(previous: str, line: str, following: str, heading: bool) -> None:
    around = Neighbours(
        previous=previous,
        following=following,
        after_following="Patients were enrolled from twelve centres between 2010 and 2014.",
        typical_length=70.0,
    )
    assert is_unnumbered_heading(line, around) is heading


def test_larger_type_makes_a_sentence_shaped_line_a_heading() -> None:
    """In a PDF, "Survival was not reached" printed in a larger font is a section's title."""
    prose = ["The trial enrolled patients from twelve countries over five years [1]."] * 4
    text = "\n".join([*prose, "Survival was not reached", *prose]) + "\n"
    assert clean_text(text)[4].kind == BODY
    assert clean_text(text, prominent={4})[4].kind == HEADING
    sizes = [10.0] * 4 + [13.0] + [10.0] * 4
    assert larger_than_body(sizes, [70] * 4 + [24] + [70] * 4) == {4}


def test_bold_lines_are_prominent_only_where_the_body_is_not_bold() -> None:
    """Bold headings in a regular body are a hint; a document set in bold throughout gives none."""
    lengths = [70] * 4 + [12] + [70] * 4
    assert set_in_bold([False] * 4 + [True] + [False] * 4, lengths) == {4}
    assert set_in_bold([True] * 9, lengths) == frozenset()
    assert set_in_bold([False] * 9, lengths) == frozenset()


SEED_SECTIONS = [
    ("1", "Introduction"),
    ("2", "Metastasis manners of ALK and ROS1 rearrangement NSCLC"),
    ("2.1", "Metastasis in the CNS"),
    ("2.1.1", "Leptomeningeal carcinomatosis (LC)"),
    (
        "2.1.2",
        "Intradural extramedullary spinal cord metastases (IESCM) and intradural spinal cord "
        "metastases (ISCM)",
    ),
    ("2.2", "Bone metastasis"),
    ("2.3", "Lymph nodes metastasis"),
    ("2.4", "Ovarian metastasis"),
    ("2.5", "Choroidal metastasis"),
    ("2.6", "Other metastasis"),
    ("3", "The metastasis mechanisms of ALK and ROS1 rearrangement NSCLC"),
    ("4", "Conventional treatments"),
    ("5", "Treatments targeting metastasis of ALK and ROS1 rearrangement NSCLC"),
    ("5.1", "Crizotinib"),
    ("5.2", "Ceritinib"),
    ("5.3", "Alectinib"),
    ("5.4", "Brigatinib"),
    ("5.5", "Lorlatinib"),
    ("5.6", "Ensartinib"),
    ("5.7", "Erlotinib"),
    ("5.8", "Immunotherapy"),
    ("6", "Discussion"),
    ("7", "Conclusion & future perspectives"),
]


def test_seed_sections_are_its_numbered_ones_and_nothing_else() -> None:
    sections, _ = find_sections(clean_text(decode_text(SEED.read_bytes())))
    assert [(section.number, section.title) for section in sections] == SEED_SECTIONS
