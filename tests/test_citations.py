"""Citation callouts: each failure class as a named case, then the seed's real counts."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from reflink.citations import (
    ANY_DASH,
    body_passage,
    expand_numbers,
    find_citations,
    find_markers,
    reference_universe,
)
from reflink.ingest import parse_document
from reflink.models import BODY, FRONT, TABLE, Line, RefEntry
from reflink.normalise import DASH_CHARS
from reflink.references import parse_references
from reflink.textclean import clean_text


def numbers_in(text: str) -> list[int]:
    return [n for marker in find_markers(text) for n in marker.numbers]


@pytest.mark.parametrize(
    ("text", "numbers"),
    [
        pytest.param(
            "positive NSCLC patients.6–8 One study", [6, 7, 8], id="range-after-full-stop"
        ),
        pytest.param("the highest mortality.1 Cancer spreads", [1], id="single-after-full-stop"),
        pytest.param("and migration pathways.2,3 Identifying", [2, 3], id="list-after-full-stop"),
        pytest.param("between crizotinib and chemotherapy85 showed", [85], id="glued-to-word"),
        pytest.param("compared to therapy alone142,143", [142, 143], id="glued-at-paragraph-end"),
        pytest.param("approximately 5%,9 and others", [9], id="after-percent-and-comma"),
        pytest.param("organ (34%).35 Skeleton is", [35], id="after-parenthesis-and-stop"),
        pytest.param("approved by the agency in 2013.87,88 In", [87, 88], id="after-a-year"),
        pytest.param("binding partner Syt9.73 A study", [73], id="after-gene-name-with-digit"),
        pytest.param("in one trial.11,15–17 And", [11, 15, 16, 17], id="re-cite-and-range"),
        pytest.param("in one trial.11,15– 17 And", [11, 15, 16, 17], id="range-split-at-line-end"),
        pytest.param("its dense tissue, 4 but not", [4], id="separate-token-superscript"),
        pytest.param("inhibitors alpha and beta 8,9 . Most", [8, 9], id="separate-token-list"),
        pytest.param("several known causes 2 . A recent", [2], id="separate-token-before-stop"),
        pytest.param("as shown before [12].", [12], id="bracket"),
        pytest.param("as shown before [3–5, 9].", [3, 4, 5, 9], id="bracket-range-and-list"),
        pytest.param("as shown before [17, 18].", [17, 18], id="bracket-list"),
        pytest.param("as shown before (3, 5, 7).", [3, 5, 7], id="paren-list"),
        pytest.param("as shown before (2, 6-8).", [2, 6, 7, 8], id="paren-hyphen-range"),
        pytest.param("as shown (14—16).", [14, 15, 16], id="em-dash-range"),
        pytest.param("as shown before [3]–[5].", [3, 4, 5], id="ieee-bracket-range"),
        pytest.param("found in the renal tissue bank [19], but", [19], id="bracket-after-a-noun"),
        pytest.param("Genome Atlas (1) described", [1], id="paren-after-a-noun"),
        pytest.param("(discussed in Ref. 17).", [17], id="ref-word"),
        pytest.param("as shown by Okafor et al. 31 reported", [31], id="spaced-after-et-al"),
        pytest.param("in a census in 2016 3 , the", [3], id="spaced-after-a-year"),
        pytest.param(
            "such as Gene-Chip 11,12 and TAG70, 13 which",
            [11, 12, 13],
            id="spaced-after-a-name-with-digits",
        ),
        pytest.param("the rank test by Dunnett's17 rules", [17], id="glued-after-possessive"),
        pytest.param("with increased self-harm4 and", [4], id="glued-to-hyphenated-word"),
        pytest.param("vários autores14 ,19 relatam", [14, 19], id="space-before-comma-splits"),
        pytest.param("a later work [1] , [8] showed", [1, 8], id="bracket-pair-with-comma"),
        pytest.param("spectroscopy 12-14 proved to be", [12, 13, 14], id="spaced-before-a-verb"),
        pytest.param("the nitro benzene 4 . This", [4], id="spaced-before-spaced-full-stop"),
        pytest.param("lean muscle mass, 23 HDL was the", [23], id="spaced-after-noun-and-comma"),
        pytest.param("the recall was 0.87. 16 Following", [16], id="spaced-after-a-decimal"),
        pytest.param(
            "the hinge loop K-112-118 3 . It binds", [3], id="spaced-after-a-name-with-digits-end"
        ),
        pytest.param("the double mutant R17H/Y44C 6, 9 , so", [6, 9], id="spaced-after-a-mutant"),
        pytest.param(
            "of lichens (n = 112)3,4. Then", [3, 4], id="glued-after-a-bracketed-aside-in-words"
        ),
        pytest.param("spores (95% CI 0.35-0.66)29 and moss", [29], id="glued-after-an-interval"),
    ],
)
def test_find_markers_finds_callouts(text: str, numbers: list[int]) -> None:
    assert numbers_in(text) == numbers


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("levels of IL-6, IL-8 and", id="interleukin-is-not-a-callout"),
        pytest.param("occurs in 2–4.2% of patients", id="percent-range-is-not-a-callout"),
        pytest.param("given 250 mg per day", id="dose-is-not-a-callout"),
        pytest.param("trial NCT01154140 enrolled", id="trial-id-is-not-a-callout"),
        pytest.param("based on the 3rd trial", id="ordinal-is-not-a-callout"),
        pytest.param("the plate held 2 × 10 5 cells", id="flattened-exponent-is-not-a-callout"),
        pytest.param("dried solvent. 1 H NMR (400 MHz)", id="isotope-is-not-a-callout"),
        pytest.param("with 5 mM MgCl 2 , pH 7", id="formula-is-not-a-callout"),
        pytest.param("catalysed by Pd(OAc) 2 (5 mol%)", id="formula-after-paren-is-not-a-callout"),
        pytest.param("washed with K 2 CO 3 and", id="salt-formula-is-not-a-callout"),
        pytest.param("as seen in Fig. 2 and", id="figure-number-is-not-a-callout"),
        pytest.param("as listed in Table 1 below", id="table-number-is-not-a-callout"),
        pytest.param("in the range (n = 54) of", id="sample-size-is-not-a-callout"),
        pytest.param("median survival 9.8 months", id="decimal-is-not-a-callout"),
        pytest.param("the fragment galanin-2(6-29) binds", id="peptide-fragment-is-not-a-callout"),
        pytest.param("about 4 months later", id="count-before-unit-is-not-a-callout"),
        pytest.param("mixed at a ratio of 3:1 and", id="ratio-is-not-a-callout"),
        pytest.param("the factor Twist1 binds", id="gene-symbol-is-not-a-callout"),
        pytest.param("a total of 1,000 patients", id="thousands-is-not-a-callout"),
        pytest.param("Received: 17 March 2021", id="date-is-not-a-callout"),
        pytest.param("correlated (r = .27, p = .041)", id="decimal-without-zero-is-not-a-callout"),
        pytest.param("7.41 (s, 1 H), 7.18 (dd, J = 8.4 Hz, 1 H)", id="nmr-proton-count-is-not"),
        pytest.param("with [ 11 C]CH 3 I under", id="methyl-iodide-is-not-a-callout"),
        pytest.param("11 CO 2 was trapped", id="isotope-before-formula-is-not"),
        pytest.param("solution (NaOH, 2 M in ethanol)", id="molar-is-not-a-callout"),
        pytest.param("found that 41 had been removed", id="after-that-is-not-a-callout"),
        pytest.param("(cm 3 ) volume", id="unit-exponent-is-not-a-callout"),
        pytest.param("sets B 1 ,…,B n in", id="math-subscript-is-not-a-callout"),
        pytest.param("R f B0.4) gave", id="rf-value-is-not-a-callout"),
        pytest.param("as shown in Equation (4) below", id="equation-number-is-not-a-callout"),
        pytest.param("the salt Ca3(PO4)2 dissolved", id="formula-after-its-bracket-is-not"),
        pytest.param("the density follows from (7) directly", id="equation-reference-is-not"),
        pytest.param("at doses (0, 5, and 50 mM) for", id="number-in-number-list-is-not"),
        pytest.param("dissolved in CH 2 Cl 2 , then", id="two-letter-element-formula-is-not"),
    ],
)
def test_find_markers_rejects_non_callouts(text: str) -> None:
    assert numbers_in(text) == []


@pytest.mark.parametrize(
    ("text", "numbers"),
    [
        pytest.param("6–8", (6, 7, 8), id="en-dash"),
        pytest.param("6-8", (6, 7, 8), id="hyphen"),
        pytest.param("3–5, 9", (3, 4, 5, 9), id="range-and-single"),
        pytest.param("1–99", tuple(range(1, 100)), id="long-range"),
        pytest.param("8–6", (), id="reversed-range-is-not-a-list"),
        pytest.param("07", (), id="leading-zero-is-not-a-reference"),
    ],
)
def test_expand_numbers(text: str, numbers: tuple[int, ...]) -> None:
    assert expand_numbers(text) == numbers


def make_lines(*texts: str, kind: str = BODY) -> list[Line]:
    return [Line(number=i, text=t, raw=t, kind=kind) for i, t in enumerate(texts, start=1)]


def test_any_dash_pattern_matches_exactly_the_dash_characters() -> None:
    # ANY_DASH spells DASH_CHARS as a cheap-to-compile pattern: a dash added to one and not
    # the other would make "6–8" a range in one place and two numbers in another
    matched = {chr(code) for code in range(0x3000) if re.fullmatch(ANY_DASH, chr(code))}
    assert matched == set(DASH_CHARS)
    assert expand_numbers("6\u22128") == (6, 7, 8)  # the minus sign, a branch of its own


def test_marker_line_is_the_line_of_its_first_digit() -> None:
    lines = make_lines(
        "Cancer spreads in many ways.1 It was first seen",
        "in one trial.2,3 Later work",
        "was cited.4",
    )
    markers, _ = find_citations(lines, [])
    assert [(m.line, m.numbers) for m in markers] == [(1, (1,)), (2, (2, 3)), (3, (4,))]


def test_order_rejects_an_out_of_order_number() -> None:
    # "approximately 4" then "months" is a count; 40 out of order is noise, 4 a re-citation
    lines = make_lines(
        "First seen in mice.1 Then in rats.2 Then in dogs.3",
        "and in cats.4 The median survival was approximately 40",
        "months in one study.5",
    )
    markers, _ = find_citations(lines, [])
    assert [m.numbers for m in markers] == [(1,), (2,), (3,), (4,), (5,)]


def test_reintroduced_low_numbers_in_order_are_labels() -> None:
    # affiliation-like marks counting up 1, 2, 3 after the callouts are labels, not re-citations
    lines = make_lines(
        "Seen in mice.1 Then rats.2 Then dogs.3 Then cats.4 Then cows.5",
        "Harvard University, Boston, USA. 1 Division of Surgery. 2 Division of Medicine.",
        "3 Division of Oncology, Cambridge.",
    )
    markers, _ = find_citations(lines, [])
    assert [m.numbers for m in markers] == [(1,), (2,), (3,), (4,), (5,)]


def test_table_cell_split_over_two_lines_is_one_marker() -> None:
    lines = [
        *make_lines("Seen in mice.1 Then rats.2 Then dogs.3"),
        Line(2, "Drug Patients Survival Reference", "", TABLE),
        Line(3, "33% 26.3 months 7 and", "33% 26.3 months 7 and", TABLE),
        Line(4, "9", "9", TABLE),
        Line(5, "15 Phase III", "15 Phase III", TABLE),
    ]
    markers, _ = find_citations(lines, [])
    cell = [m for m in markers if m.line == 3]
    assert [(m.text, m.numbers) for m in cell] == [("7 and 9", (7, 9))]
    assert not [m for m in markers if m.line == 5]


def test_last_cell_of_a_table_without_reference_column_is_data() -> None:
    lines = [
        *make_lines("Seen in mice.1 Then rats.2 Then dogs.3"),
        Line(2, "Feature  Mean  Rank", "Feature  Mean  Rank", TABLE),
        Line(3, "Tumour  0.41  2", "Tumour  0.41  2", TABLE),
    ]
    markers, _ = find_citations(lines, [])
    assert [m.line for m in markers] == [1, 1, 1]


def test_bracket_style_ignores_parenthesised_counts() -> None:
    lines = make_lines(
        "Shown before [1]. Also [2]. And again [3, 4]. Excluded for illness (4),",
        "illiteracy (1) and error (4). Later work [5].",
    )
    markers, _ = find_citations(lines, [])
    assert [m.numbers for m in markers] == [(1,), (2,), (3, 4), (5,)]
    assert {m.style for m in markers} == {"bracket"}


def test_and_joins_the_numbers_of_a_bracket_callout() -> None:
    """ "[1 and 2]", "[3, 5 and 8]": one callout each, as "[1, 2]" and "[3, 5, 8]" are."""
    lines = make_lines("Shown before [1 and 2]. Also later [3, 5 and 8]. Then again [4].")
    markers, _ = find_citations(lines, [])
    assert [(m.text, m.numbers) for m in markers] == [
        ("[1 and 2]", (1, 2)),
        ("[3, 5 and 8]", (3, 5, 8)),
        ("[4]", (4,)),
    ]


def test_front_lines_and_reference_list_are_not_in_the_passage() -> None:
    lines = [
        Line(1, "Jane Smith 1,2", "Jane Smith 1,2", FRONT),
        *make_lines("Seen in mice.1 Then rats.2")[0:1],
        Line(3, "1 A. Author, J. Chem., 2001, 1, 2.", "", BODY),
    ]
    lines[1] = Line(2, lines[1].text, lines[1].raw, BODY)
    reference = RefEntry(number=1, raw="A. Author", line=3, line_end=3)
    passage = body_passage(lines, [reference])
    assert passage.text == "Seen in mice.1 Then rats.2"
    markers, _ = find_citations(lines, [reference])
    assert [(m.line, m.numbers) for m in markers] == [(2, (1,)), (2, (2,))]


def test_consecutive_brackets_are_callouts_not_labels() -> None:
    # "( 1 ) … ( 2 ) … ( 3 )" counting up are labels; "[13] … [14] , [15]" are callouts
    text = "A.[1] B.[2] C.[3] D.[4] E.[5] F.[6] G.[7] H.[8] I.[9] J.[10] K.[11] L.[12] M.[13]"
    text += " Seen again [3]. And again [4] , [5] in mice."
    markers, _ = find_citations(make_lines(text), [])
    assert [m.numbers[0] for m in markers][-3:] == [3, 4, 5]


def test_bracket_cited_ahead_of_its_turn_is_kept() -> None:
    # "[9]" first cited before 4–8: a bracket with a listed number is a callout all the same
    text = "Seen in mice [1]. In rats [2]. Long buried [9]. In dogs [3]. In cats [4]."
    references = [RefEntry(number=n, raw="", line=100 + n) for n in range(1, 10)]
    markers, _ = find_citations(make_lines(text), references)
    assert [m.numbers for m in markers] == [(1,), (2,), (9,), (3,), (4,)]


def test_compound_numbers_are_not_re_citations() -> None:
    # the document names compounds "(R)-5"; a spaced "5" later is the compound, not ref 5
    text = (
        "Seen in mice.1 Then rats.2 Then dogs.3 Then cats.4 Then cows.5 Then pigs.6 "
        "We made (R)-5 from the acid. The crude 5 was then purified."
    )
    lines = make_lines(text)
    markers, _ = find_citations(lines, [])
    assert [m.numbers for m in markers] == [(1,), (2,), (3,), (4,), (5,), (6,)]


def test_alphabetical_numbering_keeps_callouts_out_of_order() -> None:
    # a list sorted by author: first citations do not come 1, 2, 3; local evidence decides
    numbers = [19, 16, 28, 17, 16, 24, 16, 20, 15, 9, 26, 18, 13, 23, 12, 4, 6, 8, 11, 27, 3]
    text = " ".join(f"Finding number {i} was shown.{n}" for i, n in enumerate(numbers))
    references = [RefEntry(number=n, raw="", line=100 + n) for n in range(1, 30)]
    markers, _ = find_citations(make_lines(text), references)
    assert [m.numbers[0] for m in markers] == numbers


def test_a_list_sorted_by_author_whose_chain_takes_the_high_numbers_first() -> None:
    """AMA's alphabetical style, flattened by pdftotext ("Tanaka27 , the …"): the first
    callouts cite 27, then 11 and 20, so the chain of first citations takes 27 early and
    every later callout sits at or below it. Few looked out of order and the list passed
    for ordered; the callouts ahead of the chain (27, "11,20", "20,27") were lost. A number
    first cited below the one first cited before it, a third of the time, says the list is
    not ordered by citation."""
    groups = [(27,), (27,), (11, 20), (20, 27), (20,), (4,), (5, 15), (5, 15), (3, 21), (13,)]
    groups += [(8, 12), (2, 7, 28), (5,), (10,), (12,), (1, 22, 24), (22,), (23, 25, 26)]
    groups += [(27,), (25,), (21, 27), (6, 16, 17), (20, 24), (9, 18, 19, 29, 30), (11,)]
    groups += [(19,), (7,), (6,), (4,), (20, 21), (12,), (24,), (24,), (19, 20), (11,), (30,)]
    groups += [(25,), (8, 9), (25,), (9,)]
    words = ["grassland", "wetland", "forest", "meadow", "shrubland", "tundra", "marsh"]
    text = " ".join(
        f"Seed dispersal shaped the {words[i % 7]}" + ",".join(str(n) for n in group) + " ."
        for i, group in enumerate(groups)
    )
    references = [RefEntry(number=n, raw="", line=900 + n) for n in range(1, 31)]
    markers, _ = find_citations(make_lines(text), references)
    assert [m.numbers for m in markers] == groups


def test_passage_is_rebuilt_when_a_line_changes() -> None:
    # the last passage is reused for the same lines; a list changed in place is not the same
    lines = make_lines("First text.1", "More text.2")
    assert body_passage(lines, []).text == "First text.1 More text.2"
    lines[0] = Line(1, "Other text.1", "Other text.1", BODY)
    assert body_passage(lines, []).text == "Other text.1 More text.2"


def test_universe_is_relaxed_above_a_truncated_list() -> None:
    cut = [RefEntry(number=n, raw="", line=n) for n in range(100, 134)]
    full = [RefEntry(number=n, raw="", line=n) for n in range(1, 41)]
    assert reference_universe(cut) == (159, 159)
    assert reference_universe(full) == (40, 55)
    assert reference_universe([]) is None


# --- the seed ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed_markers(seed_path: Path) -> list:
    lines = clean_text(seed_path.read_text(encoding="utf-8"))
    references, _ = parse_references(lines)
    markers, _ = find_citations(lines, references)
    return markers


def test_seed_counts(seed_markers: list) -> None:
    assert len(seed_markers) == 150
    assert sum(len(m.numbers) for m in seed_markers) == 189
    assert {n for m in seed_markers for n in m.numbers} == set(range(1, 147))


def markers_at(markers: list, line: int) -> list[tuple[str, tuple[int, ...]]]:
    return [(m.text, m.numbers) for m in markers if m.line == line]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        pytest.param(49, [("6–8", (6, 7, 8))], id="range-after-full-stop"),
        pytest.param(55, [("9", (9,))], id="after-percent-and-comma"),
        pytest.param(56, [("4", (4,))], id="four-percent-comma-four"),
        pytest.param(92, [("11,15–17", (11, 15, 16, 17))], id="re-cite-and-range"),
        pytest.param(147, [("11,32,33", (11, 32, 33))], id="after-percent-range"),
        pytest.param(164, [("34", (34,))], id="approximately-4-months-is-not"),
        pytest.param(170, [("35", (35,))], id="after-parenthesised-percent"),
        pytest.param(271, [("117 and 144", (117, 144))], id="table-cell-over-two-lines"),
        pytest.param(450, [("73", (73,))], id="after-gene-name"),
        pytest.param(495, [("85", (85,))], id="glued-to-word"),
        pytest.param(502, [("87,88", (87, 88))], id="after-a-year"),
        pytest.param(548, [("96", (96,))], id="abstract-number-then-callout"),
        pytest.param(626, [("113", (113,))], id="after-gene-with-digit"),
        pytest.param(637, [("118", (118,))], id="glued-mid-sentence"),
        pytest.param(904, [("142,143", (142, 143))], id="glued-at-paragraph-end"),
    ],
)
def test_seed_hard_cases(seed_markers: list, line: int, expected: list) -> None:
    assert markers_at(seed_markers, line) == expected


@pytest.mark.parametrize(
    "line",
    [
        pytest.param(5, id="c-ros-oncogene-1-is-not"),
        pytest.param(230, id="trial-id-is-not"),
        pytest.param(231, id="profile-1014-is-not"),
        pytest.param(233, id="patient-count-in-table-is-not"),
        pytest.param(236, id="dose-is-not"),
        pytest.param(529, id="approximately-5-years-keeps-only-92"),
    ],
)
def test_seed_non_callouts(seed_markers: list, line: int) -> None:
    numbers = [n for m in seed_markers if m.line == line for n in m.numbers]
    assert numbers in ([], [92])


def _ieee_list(count: int) -> str:
    return "\n".join(
        f"[{i}] A. B. Smith, “A study of kinases,” J. Biol. Chem., vol. {i}, pp. 1–9, 2001."
        for i in range(1, count + 1)
    )


def paren_review(body: str, entries: int, title: str = "A review of kinase") -> str:
    """A short review: a title, `body` from line 3, and a list of `entries` in PLOS style."""
    listing = "\n".join(
        f"{i}. Smith AB, Jones C. (2001) A study. J Biol Chem {i}: 1–9."
        for i in range(1, entries + 1)
    )
    return f"{title}\n\n{body}\n\nReferences\n\n{listing}\n"


# far enough from the callouts before it that a run of labels after it follows no citing
FILLER = "Kinase activity was measured in every sample of the cohort again. " * 30


def test_one_by_one_discussion_after_a_group_callout_is_cited() -> None:
    # "Several trials (4–10) …; the first (8) …, the second (9) …": counting up like list labels,
    # but every number was cited by the group just before
    text = paren_review(
        "Kinase trials are common (1). Several trials agree\n(2, 3, 4–10). The first reported a "
        "response (8).\nThe second confirmed it (9). A third did not (10).",
        10,
        title="A review of kinase trials",
    )
    doc = parse_document(text)
    assert [(m.line, m.numbers) for m in doc.markers][-3:] == [(4, (8,)), (5, (9,)), (5, (10,))]


def test_one_by_one_recitation_of_works_cited_by_several_callouts_is_cited() -> None:
    # "(1) … (1) … (2, 3) … (2) … (3)": the re-citations count up like list labels, but the
    # chain cited each number just before, here over two callouts, one between the run's members
    text = paren_review(
        "Kinase kinase kinase (1). Kinase kinase kinase (1). Kinase kinase\n"
        "kinase (2, 3). Kinase kinase kinase (2). Kinase kinase kinase (3).",
        3,
    )
    doc = parse_document(text)
    assert [(m.line, m.numbers) for m in doc.markers] == [
        (3, (1,)),
        (3, (1,)),
        (4, (2, 3)),
        (4, (2,)),
        (4, (3,)),
    ]


def test_recitations_counting_up_that_each_close_a_sentence_are_cited() -> None:
    # "… brain (3). … reduced (4). … trial (5).": old numbers in order, long after they were
    # cited; a label opens its item, these close their sentences
    text = paren_review(
        "Kinase kinase kinase (1). Kinase kinase (2). Kinase (3).\n"
        "Kinase kinase (4). Kinase (5). Kinase kinase (6).\n"
        + FILLER
        + "\nLesions in the brain (3). Toxicity was reduced (4). Progression in one trial (5).",
        6,
    )
    doc = parse_document(text)
    assert [(m.line, m.numbers) for m in doc.markers][-3:] == [(6, (3,)), (6, (4,)), (6, (5,))]


def test_counting_up_long_after_the_numbers_were_cited_is_a_list_of_labels() -> None:
    # the same run of "(1) … (2) … (3)", far from any callout that cited 1–3, labels steps
    text = paren_review(
        "Kinase kinase kinase (1). Kinase kinase kinase (2, 3).\n"
        + FILLER
        + "\nThe assay has three steps: (1) binding, (2) cleavage and (3) release.",
        3,
    )
    doc = parse_document(text)
    assert [(m.line, m.numbers) for m in doc.markers] == [(3, (1,)), (3, (2, 3))]


def test_callout_in_the_first_line_after_the_title_is_body_text() -> None:
    # a short document: the line right after the title is running text, not the title block
    text = "A review of kinase things\n\nKinase kinase kinase [1].\n\nReferences\n\n" + _ieee_list(
        1
    )
    doc = parse_document(text + "\n")
    assert [(m.line, m.numbers) for m in doc.markers] == [(3, (1,))]


SPACED_INTRODUCTIONS = (
    "Tumours grow in mice 1 . They also grow in rats 2 , in dogs 3 .",
    "Some grow in cats 4 . Few grow in cows 5 .",
)
FILLER = "Growth is slow and steady and nobody knows quite why it happens in such animals."


@pytest.mark.parametrize(
    ("between", "kept"),
    [
        pytest.param((), True, id="recent-spaced-re-citation-is-kept"),
        pytest.param((FILLER,) * 40, False, id="distant-weak-spaced-number-is-dropped"),
    ],
)
def test_spaced_re_citation_weighs_how_recently_the_number_was_cited(
    between: tuple[str, ...], kept: bool
) -> None:
    # "until 2040 2 and then": weak local evidence; a few lines after "in rats 2 ," it re-cites
    # the work still under discussion, pages later it is as likely a count
    lines = make_lines(
        *SPACED_INTRODUCTIONS, *between, "The trend held until 2040 2 and then slowed."
    )
    markers, _ = find_citations(lines, [])
    last_line = len(lines)
    assert [m.numbers for m in markers if m.line == last_line] == ([(2,)] if kept else [])


GLUED_TEXT = (
    "Tumours grow in mice.1 They grow in rats.2 As Lindqvist3 argues, they also "
    "grow in dogs.4 Some grow in cats.5 Sox2 marks the stem cells in all of them.2"
)


@pytest.mark.parametrize(
    ("listed", "numbers"),
    [
        pytest.param(5, [1, 2, 3, 4, 5, 2], id="uncited-entry-takes-the-number-after-a-name"),
        pytest.param(0, [1, 2, 4, 5, 2], id="without-a-list-a-name-keeps-its-digit"),
    ],
)
def test_a_listed_number_cited_nowhere_else_takes_a_weak_candidate(
    listed: int, numbers: list[int]
) -> None:
    # "Lindqvist3" reads like the symbol "Sox2"; the list's entry 3, cited nowhere else, says
    # it is a callout. "Sox2" stays a symbol: 2 is cited elsewhere. (A pair of names, "Okafor &
    # Lindqvist3", is evidence of its own: see the author-pair test.)
    references = [RefEntry(number=n, raw="", line=100 + n) for n in range(1, listed + 1)]
    markers, _ = find_citations(make_lines(GLUED_TEXT), references)
    assert [n for m in markers for n in m.numbers] == numbers


@pytest.mark.parametrize(
    ("last", "numbers"),
    [
        pytest.param(
            "Answers were missing: 5 for income, 3 BMI, 4 age at onset, 2 smoking habits.",
            [],
            id="spaced-counts-among-counts-are-data",
        ),
        pytest.param(
            "The effect is strong in rats, 3 BMI, so we say little.",
            [(3,)],
            id="lone-spaced-re-citation-is-kept",
        ),
    ],
)
def test_spaced_number_among_rejected_numbers_is_one_of_them(
    last: str, numbers: list[tuple[int, ...]]
) -> None:
    lines = make_lines(*SPACED_INTRODUCTIONS, *(FILLER,) * 40, last)
    markers, _ = find_citations(lines, [])
    assert [m.numbers for m in markers if m.line == len(lines)] == numbers


# --- scanners, named evidence and the weights table ---------------------------------------------


def candidates_in(text: str) -> list:
    from reflink.citations import find_candidates
    from reflink.textclean import Passage

    return find_candidates(Passage(text=text, line_of=tuple([1] * len(text))))


@pytest.mark.parametrize(
    ("text", "shape", "names"),
    [
        pytest.param(
            "resistance to chemotherapy85 and",
            "glued",
            ["after:function-word", "glued:to-word"],
            id="glued-to-word",
        ),
        pytest.param(
            "as the mortality.1 Cancer",
            "glued",
            ["after:capital", "glued:after-full-stop"],
            id="glued-after-full-stop",
        ),
        pytest.param(
            "in dense breasts, 4 but not",
            "spaced",
            ["after:function-word", "spaced:after-punctuation"],
            id="spaced-after-comma",
        ),
        pytest.param(
            "known causes 2 . Next",
            "spaced",
            ["after:spaced-punctuation", "spaced:punctuation-spaced-off", "spaced:after-word"],
            id="spaced-off-punctuation",
        ),
        pytest.param(
            "the tissue bank [19, 20] was",
            "enclosed",
            ["bracket", "enclosed:list-or-range"],
            id="bracket-list",
        ),
        pytest.param(
            "as in Equation (4) we",
            "enclosed",
            ["paren", "enclosed:after-label-word"],
            id="paren-after-label-word",
        ),
    ],
)
def test_candidates_carry_named_evidence(text: str, shape: str, names: list[str]) -> None:
    from reflink.citations import WEIGHTS

    (candidate,) = candidates_in(text)
    assert candidate.shape == shape
    assert [name for name, _ in candidate.evidence] == names
    # the score is the evidence, weighed by the one table
    assert candidate.score == pytest.approx(sum(WEIGHTS[name] for name in names))


def test_every_weight_is_named_evidence_or_a_decision() -> None:
    from reflink.citations import WEIGHTS

    source = (Path(__file__).resolve().parent.parent / "src/reflink/citations.py").read_text()
    for name in WEIGHTS:
        # each weight is used by name (no dead entries in the table)
        assert source.count(f'"{name}"') >= 2, name


def test_an_earlier_scanner_takes_its_text_first() -> None:
    # "[12]" is a bracket callout, never also a bare "12" for the superscript scanners
    assert [(c.shape, c.numbers) for c in candidates_in("as shown [12] before")] == [
        ("enclosed", (12,))
    ]


def test_a_new_scanner_plugs_in_and_sees_typography(monkeypatch) -> None:
    """The extension point the docstring names: a scanner in SCANNERS, reading the lines'
    typography (here a stand-in for a PDF reader's raised runs)."""
    from dataclasses import dataclass

    from reflink import citations

    @dataclass(frozen=True)
    class Scripts:
        raised: tuple[tuple[int, int], ...]
        lowered: tuple[tuple[int, int], ...] = ()

    seen = []

    def scan_raised(scan: citations.Scan):
        seen.append(scan.scripts)
        for number, scripts in (scan.scripts or {}).items():
            line_start = scan.passage.line_of.index(number)
            for start, end in scripts.raised:
                made = scan.candidate(
                    line_start + start,
                    line_start + end,
                    scan.text[line_start + start : line_start + end],
                    citations.SUPERSCRIPT,
                    "glued",
                    [citations.evidence("typography:raised")],
                )
                if made:
                    yield made

    monkeypatch.setitem(citations.WEIGHTS, "typography:raised", 3.0)
    monkeypatch.setattr(citations, "SCANNERS", [scan_raised, *citations.SCANNERS])
    lines = make_lines("We found 7 trials in total.")
    markers, _ = find_citations(lines, [], {1: Scripts(raised=((9, 10),))})
    assert seen == [{1: Scripts(raised=((9, 10),))}]
    assert [m.numbers for m in markers] == [(7,)]
    assert find_citations(lines, [])[0] == []  # as text, "7 trials" is a count


def test_citations_and_claims_read_the_passage_they_are_given() -> None:
    from reflink.claims import split_claims

    lines = make_lines("First text.1 More text.2")
    passage = body_passage(lines, [])
    markers, _ = find_citations(lines, [], passage=passage)
    assert [m.numbers for m in markers] == [(1,), (2,)]
    _, claims = split_claims(lines, markers, [], passage)
    assert [c.text for c in claims] == ["First text.", "More text."]


# --- flattened superscripts: what flattening hides (issue 14) -----------------------------------


def numbered_list(count: int) -> list[RefEntry]:
    return [
        RefEntry(number=n, raw=f"A. Author, Fake J., 2019, {n}, 1-2.", line=1000 + n)
        for n in range(1, count + 1)
    ]


# body lines whose spaced callouts (as a PDF extract prints superscripts) cite 1, 2, 3, …
SPACED_INTRO = [
    f"Earlier trials of kind {letter} showed benefit {n} . Next"
    for n, letter in enumerate("abcdefghijk", start=1)
]


def markers_on(lines: list[Line], listed: int, line: int) -> list[str]:
    markers, _ = find_citations(lines, numbered_list(listed))
    return [m.text for m in markers if m.line == line]


@pytest.mark.parametrize(
    ("author_line", "body_callouts"),
    [
        pytest.param(
            "A. Kowalska 1 , B. Nowak 2 , C. Lindqvist 3", ["1", "2"], id="marks-counting-up"
        ),
        pytest.param(
            "A. Kowalska 1 , B. Nowak 2,3 and C. D. Lindqvist 1", ["1", "2"], id="marks-with-a-list"
        ),
    ],
)
def test_affiliation_marks_after_author_names_are_not_callouts(
    author_line: str, body_callouts: list[str]
) -> None:
    lines = make_lines(
        author_line,
        "Cancer spreads in many ways 1 . It was first seen in one trial 2 . Later work",
        "was cited 3 and more 4 .",
    )
    assert markers_on(lines, 4, 1) == []
    assert markers_on(lines, 4, 2) == body_callouts


def test_flattened_subscripts_of_formulas_are_not_callouts_but_a_callout_after_them_is() -> None:
    lines = make_lines(
        *SPACED_INTRO,
        "Emissions of CO 2 rose while the CaTiO 3 film grew",
        "and Fe 3 O 4 nanoparticles 12 were made.",
    )
    assert markers_on(lines, 12, 12) == []
    assert markers_on(lines, 12, 13) == ["12"]


@pytest.mark.parametrize(
    "math_line",
    [
        pytest.param("with p in [0, 4] the value rose 4 .", id="interval"),
        pytest.param("as shown in Algorithm 4 the loop ends 4 .", id="algorithm-label"),
        pytest.param("where x i; 4 holds for each node 4 .", id="index-after-variable"),
    ],
)
def test_numbers_of_math_and_algorithms_are_not_callouts(math_line: str) -> None:
    lines = make_lines(*SPACED_INTRO[:3], math_line, "More text 5 .")
    # only the callout closing the sentence: the "4" of the formula is no citation of 4
    assert markers_on(lines, 5, 4) == ["4"]
    markers, _ = find_citations(lines, numbered_list(5))
    assert [m.start for m in markers if m.line == 4] == [
        len(" ".join(SPACED_INTRO[:3])) + 1 + math_line.rindex("4 .")
    ]


@pytest.mark.parametrize(
    "heading",
    [
        pytest.param("3. Results", id="number-full-stop"),
        pytest.param("3 Results and discussion", id="number-space"),
    ],
)
def test_a_numbered_heading_is_not_a_callout(heading: str) -> None:
    lines = make_lines(
        *SPACED_INTRO[:2], heading, "We saw effects in the registry 3 . And more 4 ."
    )
    assert markers_on(lines, 4, 3) == []
    assert markers_on(lines, 4, 4) == ["3", "4"]


def test_a_tables_reference_column_holds_callouts_but_its_year_and_count_columns_do_not() -> None:
    lines = [
        *make_lines("Seen in mice.1 Then rats.2 Then dogs.3"),
        Line(2, "Trial  Year  Patients  Reference", "Trial  Year  Patients  Reference", TABLE),
        Line(3, "ALPHA  2015  120  4", "ALPHA  2015  120  4", TABLE),
        Line(4, "BETA  2017  8  5", "BETA  2017  8  5", TABLE),
    ]
    markers, _ = find_citations(lines, numbered_list(5))
    assert [(m.line, m.text) for m in markers if m.line > 1] == [(3, "4"), (4, "5")]


def test_a_group_then_its_works_one_by_one_keeps_the_group() -> None:
    # found by the injected-callouts property: the chain preferred three introductions to one
    # group and three re-citations, and dropped "(1, 2–3)"
    lines = make_lines(
        "Several trials of kinase inhibitors (1, 2–3). The first",
        "trial of them (1) and then the second trial",
        "(2) and the third trial (3) were all positive.",
    )
    markers, _ = find_citations(lines, numbered_list(3))
    assert [(m.line, m.numbers) for m in markers] == [
        (1, (1, 2, 3)),
        (2, (1,)),
        (3, (2,)),
        (3, (3,)),
    ]


def test_a_group_is_kept_when_its_works_follow_one_by_one_but_one_of_them_never_does() -> None:
    # "plates 5-9 ." then "Okafor et al. 6 …, Nowak et al. 7 …": the chain would skip 5 and
    # introduce 6, 7, 8, 9 one by one; 5 is cited by the group alone
    lines = make_lines(
        *SPACED_INTRO[:4],
        "Clones were then grown on the usual agar plates 5-9 .",
        "Data came from Okafor et al. 6 (mice), Nowak et al. 7 (rats)",
        "and Abara et al. 8 (dogs) and Ortega et al. 9 (cows) before any trial began.",
    )
    assert markers_on(lines, 9, 5) == ["5-9"]
    assert markers_on(lines, 9, 6) == ["6", "7"]


def test_a_count_before_a_plural_label_word_leaves_the_number_after_it_a_callout() -> None:
    # "compounds 8" names compound 8; "a total of 90 compounds 8 and" counts compounds, then
    # cites 8
    assert numbers_in("the set now holds a total of 90 compounds 8 and is growing") == [8]
    assert numbers_in("the set now holds the compounds 8 and 9 of the series") == []


def test_a_compound_number_inside_a_callout_range_does_not_make_it_a_compound() -> None:
    # compound 5 is named, so a spaced "5" alone is the compound; "4-6" after a word is the
    # callout of a range of which only one number is also a compound's
    lines = make_lines(
        *SPACED_INTRO[:3],
        "We made compound 5 from the acid in two steps.",
        "Our labelling chemistry 4-6 proved to be robust.",
        "The crude 5 was then purified.",
    )
    assert markers_on(lines, 6, 5) == ["4-6"]
    assert markers_on(lines, 6, 6) == []


def test_digits_of_residue_names_are_not_a_crowd_of_data() -> None:
    # "K-R204", "E-D310": residue names, not numbers of a table; the callout after them stands
    assert numbers_in("contacts between K-R204, E-D310 and H-Y417 3, 5 . The loop") == [3, 5]
    assert numbers_in("between K-R204, E-D310 and the helix 3 and then the loop") == [3]
    # "7.76", "8.02": data around a number make it data
    assert numbers_in("between 7.76, 8.02 and the helix 3 and then the loop") == []


def test_numbers_joined_by_and_in_prose_are_labels_not_a_callout() -> None:
    # "ports 3, 4 and 6": a list that goes on in words; "in mice 3, 4 and rats" is a callout
    assert numbers_in("Before that, ports 3, 4 and 6 were opened") == []
    assert numbers_in("as seen in mice 3, 4 and rats alike") == [3, 4]


def test_digits_glued_to_a_pair_of_author_names_are_a_callout() -> None:
    # "Okafor & Lindqvist-Berg3": two family names joined by "&" name the cited work's authors;
    # one capitalised word with a digit ("Sox2", "Lindqvist3") stays a symbol without the list
    text = "In mice.1 In rats.2 As Okafor & Lindqvist-Berg2 argue, dogs.3 Sox2 marks it."
    assert [n for m in find_citations(make_lines(text), [])[0] for n in m.numbers] == [1, 2, 2, 3]
    assert numbers_in("as Okafor and Lindqvist4 argue") == [4]
    assert numbers_in("both Sox and Pax6 mark it") == []


def test_a_label_before_a_quoted_definition_is_not_a_callout() -> None:
    # 'grades: 3, "mild"; 4, "severe"': labels of definitions; "the lesions 4, which" cites
    text = 'Lesions were graded in mice 1 , rats 2 and dogs 3 . Grades: 3, "mild";'
    lines = make_lines(*SPACED_INTRO[:3], text, '4, "severe"; and 5, "fatal". Then cows 4 .')
    assert markers_on(lines, 4, 5) == ["4"]
    assert numbers_in("as in the lesions 4, which grew") == [4]
    assert numbers_in('scored as 4, "severe" by two readers') == []


def test_a_soft_label_word_before_a_bracket_leaves_it_a_callout() -> None:
    # "Fig. [2]" labels a figure; "the whole test structure [7], it" cites work 7
    assert numbers_in("to undermine the whole test structure [7], it must") == [7]
    assert numbers_in("as drawn in Fig. [7], it must") == []


def nature_review(body: str, entries: int) -> str:
    """A short review: a title, `body`, and a list of `entries` in Nature's style."""
    listing = "\n".join(
        f"{n}. Okafor, A. & Lind, B. Kinase study {n}. J. Invent. Res. {n}, 10-19 (20{n:02d})."
        for n in range(1, entries + 1)
    )
    return f"A review of kinase fusions\n\n{body}\n\nReferences\n\n{listing}\n"


def test_a_spaced_list_that_closes_its_clause_where_callouts_are_glued_is_cited() -> None:
    """pdftotext and PyMuPDF space some superscripts off their word on a justified line
    ("in one trial 4–6.") while most stay glued ("tumours.1"): a list or range with the
    clause's punctuation after it still introduces its numbers; a singular label word before a
    list labels nothing. A range that does not go on from the chain is a count ("aged 30–35.")."""
    body = (
        "Kinase fusions drive a small share of invented lung tumours.1 Most respond to "
        "inhibitors of the kinase.2,3 Resistance arises within a year in one trial 4–6. "
        "Lesions of the brain respond less well to the first drugs 7,8. Crizotinib was the "
        "first inhibitor to be approved.9 Its volunteers were aged 30–35. Newer drugs reach "
        "the brain better.10 They are tried in combination.11"
    )
    doc = parse_document(nature_review(body, 11))
    assert [marker.numbers for marker in doc.markers] == [
        (1,),
        (2, 3),
        (4, 5, 6),
        (7, 8),
        (9,),
        (10,),
        (11,),
    ]


def test_a_raised_parenthesis_flattened_onto_its_word_is_a_callout() -> None:
    """Rhinology's and other styles raise "(1–4)" after the word; the text route reads
    "survival(1–4) ." and a parenthesis glued to a word was never a callout, so the document
    had none ("no citation markers found"). It is one now, weaker than a spaced one; a
    fragment of a peptide glued to its acronym ("PACAP(1-3)") and a statistic ("t(24) =
    2.1") are not."""
    body = (
        "Kinase fusions drive a small share of invented lung tumours(1–3) . Most respond "
        "to inhibitors of the kinase(4) . Sequences of PACAP(1-3) and of the receptor were "
        "aligned, and the groups differed, t(24) = 2.1. Resistance arises within a year(5,6) ."
    )
    doc = parse_document(nature_review(body, 6))
    assert [marker.numbers for marker in doc.markers] == [(1, 2, 3), (4,), (5, 6)]


def test_a_raised_parenthesis_flattened_onto_a_number_is_a_callout() -> None:
    """ "on exon 19(10–14) .", "in 2019(3) .", "of 0.48(1,28) .": a raised parenthesis after a
    number reads glued to it, and a parenthesis after a digit was never a callout (eight of
    the Archivos Peruanos de Cardiología style's 36 callouts were lost). It is one now, weaker
    than one glued to a word; a name with digits ("TIR-1(4)"), an issue between its volume
    and pages ("Fake J Med. 32(7):1234", though 7 is the next number) and a table's count
    with its percentage ("45(23)") are not."""
    body = (
        "Kinase fusions drive a share of invented tumours on exon 19(1–3) . Most were seen "
        "in 2019(4) , with a hazard ratio of 0.48(5,6) . The adapter TIR-1(4) binds it, as "
        "Fake J Med. 32(7):1234 reported. Of 196 patients, 45(23) had fusions(8) ."
    )
    doc = parse_document(nature_review(body, 8))
    assert [marker.numbers for marker in doc.markers] == [(1, 2, 3), (4,), (5, 6), (8,)]


def test_a_superscript_list_flattened_onto_the_number_before_it() -> None:
    """ "on exon 192,3 .", "of 0.484–6 and", "in 20197,8 .": a raised list after a number reads
    as one longer token, which counts down as no list does; its tail that counts up is the
    callout ("19" + "2,3"). A lone number ("exon 1922") stays one; so does a token followed by
    a content word ("exon 199–11 recur"), a range of years that introduces nothing ("In
    1914–18 the war"), a count with its thousands ("12,500") and pages abbreviated after their
    volume ("2014;15: 119–12,", from a list the rules did not find)."""
    body = (
        "Kinase fusions drive a share of invented tumours in 45% of patients1 . Most were seen "
        "on exon 192,3 . The hazard ratio was 0.484–6 and later in 20197,8 . Fusions on exon "
        "199–11 recur, on exon 1922 too. In 1914–18 the war came. Of 12,500 patients, as Fake "
        "J Oncol 2014;15: 119–12, reports, few had fusions9 ."
    )
    doc = parse_document(nature_review(body, 12))
    assert [marker.numbers for marker in doc.markers] == [(1,), (2, 3), (4, 5, 6), (7, 8), (9,)]


def test_a_superscript_flattened_onto_a_lone_number_fills_the_gap_in_the_order() -> None:
    """ "approved in 20192 .", "on exon 193 ,": a lone raised number after a number reads as one
    longer number, and no cut of the token is sure by itself. Where the next number of the
    first-citation order is introduced nowhere else before the one after it, the tail that is
    exactly that number is the callout. A count whose tail happens to be the next number is
    not one when a callout right after introduces it ("1524 patients responded4"), nor one
    whose tail is not the number the order wants ("4 of 1526 ."), nor one in a list numbered
    by another key."""
    body = (
        "Kinase fusions drive a share of invented tumours in 45% of patients1 . The first "
        "inhibitor was approved in 20192 . Fusions sit on exon 193 , and a cohort of 1524 "
        "patients responded4 . Four of 1526 . Resistance came within a year5 ."
    )
    doc = parse_document(nature_review(body, 5))
    assert [(marker.text, marker.numbers) for marker in doc.markers] == [
        ("1", (1,)),
        ("2", (2,)),
        ("3", (3,)),
        ("4", (4,)),
        ("5", (5,)),
    ]
    assert "approved in 2019." in " ".join(claim.text for claim in doc.claims)


def test_a_superscript_flattened_onto_a_year_re_cites_a_number() -> None:
    """ "seen in 20163 ,", "since 200812 .": a re-citation flattened onto a year has no
    order to settle it, and was lost. A year after "in", "since", "by" … whose tail closes
    its clause re-cites that number; a count after a year ("in 20163 patients") and a tail
    not cited before ("in 20169 .") are not read so."""
    body = (
        "Kinase fusions drive a share of invented tumours.1 Most respond to inhibitors.2,3 "
        "Resistance was seen in 20163 , and durable responses since 20121 . Relapses rose "
        "in 20163 patients, and fell in 20169 . Newer drugs reach the brain.4"
    )
    doc = parse_document(nature_review(body, 9))
    assert [(marker.text, marker.numbers) for marker in doc.markers] == [
        ("1", (1,)),
        ("2,3", (2, 3)),
        ("3", (3,)),
        ("1", (1,)),
        ("4", (4,)),
    ]


def test_a_superscript_flattened_onto_a_number_the_text_prints_alone_elsewhere() -> None:
    """ "in COVID-192 .", "at stage 313,14 .": a re-citation flattened onto a number is one
    longer token that no order settles. Where the text prints that word and number alone
    elsewhere ("COVID-19 patients", "at stage 3 (n = 30)") and the clause's punctuation is
    spaced off after the token, as an extracted superscript leaves it, the number is the
    word's and the rest the callout. "on day 14." (a stop glued on) and "in 20192 ." (a
    function word's number) are not read so."""
    body = (
        "Kinase fusions drive a share of invented tumours in COVID-19 patients.1 Most respond "
        "to inhibitors.2 Lichens at stage 3 (n = 30) grew slowly.3 Growth stalled in "
        "COVID-192 . Spores were counted on day 1 and on day 14. Cover fell at stage 31,3 . "
        "Newer drugs reach the brain.4"
    )
    doc = parse_document(nature_review(body, 4))
    assert [(marker.text, marker.numbers) for marker in doc.markers] == [
        ("1", (1,)),
        ("2", (2,)),
        ("3", (3,)),
        ("2", (2,)),
        ("1,3", (1, 3)),
        ("4", (4,)),
    ]
    claims = " ".join(claim.text for claim in doc.claims)
    assert "stalled in COVID-19." in claims and "on day 14." in claims


def test_a_parenthesis_holding_a_list_is_a_callout_ahead_of_its_turn() -> None:
    """A list sorted by author, cited a little out of order, that the order does not make out
    as sorted: "in twin studies (5, 8)" introduces 8 before 6 and 7 and was rejected as out
    of order, as "(2)" and "(3)" before (1) were not. A parenthesis holding a list of the
    list's numbers is a callout wherever it stands, as a bracket is; a lone "(7)" ahead of its
    turn, or a list above the list's numbers ("(12, 15)"), may be a count."""
    body = (
        "Kinase fusions drive a share of invented tumours (1). Most respond to inhibitors "
        "(2, 3). Resistance arises within a year (4). In twin studies (5, 8) it came later, "
        "in (7) of the twins it never came, and the ages were (12, 15). Lesions of the brain "
        "respond less well (6). Crizotinib was the first drug approved (7, 8)."
    )
    doc = parse_document(nature_review(body, 8))
    assert [marker.numbers for marker in doc.markers] == [
        (1,),
        (2, 3),
        (4,),
        (5, 8),
        (6,),
        (7, 8),
    ]


def test_a_number_glued_to_an_author_the_sentence_names_is_a_callout() -> None:
    """ "According to Brennan1, …", "as shown by Okafor7": a number glued to a capitalised
    name reads like a gene symbol ("Sox2") and was a callout only where its number was cited
    nowhere else; re-cited there, it was lost. The sentence naming the author says it cites;
    "According to ROS1 status" does not."""
    body = (
        "Kinase fusions drive a share of invented tumours.1 Most respond to inhibitors.2 "
        "According to Brennan1, the first responses were durable. Resistance arises within "
        "a year, as shown by Okafor2. According to ROS1 status, patients were grouped.3"
    )
    doc = parse_document(nature_review(body, 3))
    assert [marker.numbers for marker in doc.markers] == [(1,), (2,), (1,), (2,), (3,)]


def test_a_range_of_two_parentheses_is_one_callout() -> None:
    """The Journal of Biomedical Materials Research's style prints a range as "(1)–(4)", as
    IEEE prints "[3]–[5]": read as two callouts, 2 and 3 were never cited."""
    body = (
        "Kinase fusions drive a small share of invented lung tumours(1)–(4) . Most respond "
        "to inhibitors of the kinase (5)–(7). Resistance arises within a year(8) ."
    )
    doc = parse_document(nature_review(body, 8))
    assert [marker.numbers for marker in doc.markers] == [(1, 2, 3, 4), (5, 6, 7), (8,)]


def test_a_list_glued_to_a_short_word_after_a_hyphen_or_slash_is_a_callout() -> None:
    # "anti-Ab2", "t1/2": a number glued to two letters after a hyphen or a slash names a
    # thing; a list or range there is a callout: "at follow-up12,13", "at 9 mg/kg1,2"
    assert numbers_in("the mice were seen at follow-up12,13 and later.") == [12, 13]
    assert numbers_in("dosed at 9 mg/kg1–3 in both arms.") == [1, 2, 3]
    assert numbers_in("binding of anti-Ab2 and its t1/2 was long.") == []


def test_callouts_glued_to_a_name_with_digits_a_compound_or_a_unit() -> None:
    # flattened superscripts: "COVID-19[1,2]" (a bracket glued to a name's digits; not a
    # peptide's "IGF-2(5-41)"), "follow-up4" (a compound's short last word), "mg/kg9" (a
    # unit, and no power of one: "mg/m2" stays a unit)
    assert numbers_in("in somatic COVID-19[1,2] . Notably, it grew.") == [1, 2]
    assert numbers_in("the IGF-2(5-41) fragment was cut.") == []
    assert numbers_in("patients at follow-up4. Then they left.") == [4]
    assert numbers_in("examined at 1 mg/kg9. Then it rose.") == [9]
    assert numbers_in("dosed at 20 mg/m2 every week.") == []
