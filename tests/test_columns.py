"""Text laid out in two columns side by side (`pdftotext -layout`) is read column by column."""

from __future__ import annotations

import re
import sqlite3
import textwrap
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from reflink.columns import right_edge, unfold_columns
from reflink.ingest import ingest_file

LEFT = textwrap.wrap(
    "Kinase inhibitors changed the treatment of lung cancer [1]. The first trials reported "
    "responses in most patients [2, 3], and later trials confirmed them in larger cohorts "
    "of patients who had received chemotherapy before [4]. Resistance arises within a year "
    "in most patients, through mutations of the kinase domain itself [5].",
    44,
)
RIGHT = textwrap.wrap(
    "Brain metastases remain the main site of progression [6]. Newer inhibitors cross the "
    "blood-brain barrier and control intracranial disease in most patients [7-9]. Whether "
    "they should be given first is the question that current trials now address [10], "
    "with results expected within the next few years from several large cohorts.",
    44,
)
REFERENCES = "\n".join(
    f"{n}. Okafor AB, Lindqvist C. A study of kinases {n}. J Clin Oncol. 2015;{n}:1-9."
    for n in range(1, 11)
)


def side_by_side(left: list[str], right: list[str], *, margin: int = 0, gutter: int = 8) -> str:
    """Two columns printed on the same lines, as pdftotext -layout writes them."""
    rows = []
    for index in range(max(len(left), len(right))):
        a = left[index] if index < len(left) else ""
        b = right[index] if index < len(right) else ""
        rows.append((" " * margin + a.ljust(44) + " " * gutter + b).rstrip())
    return "\n".join(rows)


def laid_out_review(margin: int = 0) -> str:
    title = "Kinase inhibitors in lung cancer: a review of the trials to date"
    text = f"{title}\n\n{side_by_side(LEFT, RIGHT)}\n\nReferences\n{REFERENCES}\n"
    return "\n".join(" " * margin + line if line else line for line in text.split("\n"))


def test_two_columns_side_by_side_are_read_left_column_first() -> None:
    unfolded = unfold_columns(laid_out_review()).split("\n")
    assert unfolded[2 : 2 + len(LEFT)] == LEFT
    assert unfolded[2 + len(LEFT) : 2 + len(LEFT) + len(RIGHT)] == RIGHT
    # the title above the columns and the list below them keep their places
    assert unfolded[0].startswith("Kinase inhibitors in lung cancer")
    after = [line for line in unfolded[2 + len(LEFT) + len(RIGHT) :] if line]
    assert after[:2] == ["References", REFERENCES.split("\n")[0]]


def test_a_page_indented_by_a_watermark_in_its_margin_is_unfolded_all_the_same() -> None:
    # a rotated watermark in the margin makes pdftotext indent every line by 150 spaces
    laid_out = laid_out_review(margin=150)
    assert right_edge(laid_out.split("\n")) == 150 + 44 + 8
    assert right_edge(laid_out_review().split("\n")) == 44 + 8
    unfolded = [line.strip() for line in unfold_columns(laid_out).split("\n")]
    assert unfolded[2 : 2 + len(LEFT)] == LEFT


def test_callouts_of_the_right_column_land_in_its_own_claims(tmp_path: Path) -> None:
    plain = tmp_path / "plain.txt"
    plain.write_text(
        laid_out_review().replace(side_by_side(LEFT, RIGHT), "\n".join(LEFT + RIGHT)),
        encoding="utf-8",
    )
    laid = tmp_path / "layout.txt"
    laid.write_text(laid_out_review(), encoding="utf-8")
    cited = (
        "select c.number, cl.text from citations c join claims cl on cl.id = c.claim_id "
        "order by c.id"
    )
    results = {}
    for path in (plain, laid):
        ingest_file(path, tmp_path / f"{path.stem}.db")
        with sqlite3.connect(tmp_path / f"{path.stem}.db") as conn:
            results[path.stem] = conn.execute(cited).fetchall()
    assert results["layout"] == results["plain"]
    assert [number for number, _ in results["layout"]] == list(range(1, 11))
    assert results["layout"][5][1].startswith("Brain metastases remain the main site")


def test_a_table_in_one_column_text_is_left_as_printed() -> None:
    # cells at the same positions on every row, but short: no column of running text
    rows = [
        f"Cohort {c}         retrospective         {n}          [{r}]"
        for c, n, r in zip("ABCDEFGH", range(100, 108), range(1, 9), strict=True)
    ]
    text = "Table 1. Cohorts cited\n" + "\n".join(rows) + "\n"
    assert right_edge(text.split("\n")) is None
    assert unfold_columns(text) == text


def test_justified_one_column_text_with_wide_spaces_is_left_as_printed() -> None:
    words = "This study was approved by the Research Ethics Committee of the university".split()
    line = "    ".join(words)
    text = "\n".join([line] * 12)
    assert unfold_columns(text) == text


def test_a_row_of_a_table_across_both_columns_stays_whole() -> None:
    row = "Cohort A           case-control".ljust(44) + " " * 8 + "732           [3, 4]"
    text = side_by_side(LEFT, RIGHT) + "\n" + row + "\n" + side_by_side(LEFT, RIGHT)
    unfolded = unfold_columns(text).split("\n")
    assert row in unfolded
    assert unfolded.index(row) == len(LEFT) + len(RIGHT)


def test_a_list_whose_labels_are_set_off_by_a_tab_is_unfolded_in_both_columns() -> None:
    """Word's numbered lists put a tab after each label ("5.    Silva CK"): pdftotext prints
    it as a gap like a table cell's, and the lines where both columns open an entry were kept
    whole as a table's rows, splicing entry 5 with entry 14 ("… Resistance 14. Okafor E …")."""

    def entries(first: int) -> list[str]:
        lines = []
        for n in range(first, first + 6):
            lines += [
                f"{n}.    Okafor AB, Lindqvist C. Kinase",
                "      inhibitors in invented tumours of",
                f"      the lung. J Clin Oncol. 2015;{n}:1-9.",
            ]
        return lines

    left, right = entries(1), entries(7)
    text = "References\n" + side_by_side(left, right)
    unfolded = [line for line in unfold_columns(text).split("\n")[1:] if line]
    assert [line.strip() for line in unfolded] == [line.strip() for line in left + right]


def hanging_label_page(entry_lines: list[str]) -> tuple[list[str], str]:
    """Entries 1-4 in the left column, 5-8 in the right, as `pdftotext -layout` prints a
    list whose labels LaTeX hangs into the narrow gutter: each right label one space after
    the left line's text, its entry at the right column's edge. → (left lines, unfolded)."""

    def entry(n: int, labelled: bool) -> list[str]:
        label = f"{n}.  " if labelled else ""
        indent = "    " if labelled else ""
        lines = [line.format(n=n) for line in entry_lines]
        return [f"{label}{lines[0]}", *(f"{indent}{line}" for line in lines[1:])]

    left = [line for n in range(1, 5) for line in entry(n, True)]
    right = [line for n in range(5, 9) for line in entry(n, False)]
    lines = side_by_side(left, right).split("\n")
    edge = lines[1].index("inhibitors", 30)
    size = len(entry_lines)
    for row, n in zip(range(0, 4 * size, size), range(5, 9), strict=True):
        lines[row] = f"{left[row]} {n}.".ljust(edge) + right[row]
    return left, unfold_columns("\n".join(lines))


def test_a_right_columns_labels_hanging_into_the_gutter_open_its_entries() -> None:
    """LaTeX hangs a list's labels out of its column, into the narrow gutter: `pdftotext
    -layout` sets them one space after the left column's text ("… cohort 13.   Alvarez, F."),
    and they stayed on the left line while their entries opened the right column's lines."""
    entry = [
        "Okafor AB, Lindqvist C, et al. Kinase",
        "inhibitors in invented tumours of the",
        "lung. J Clin Oncol 2015;{n}:1-9.",
    ]
    left, text = hanging_label_page(entry)
    unfolded = [line.strip() for line in text.split("\n") if line]
    assert unfolded[:12] == [line.strip() for line in left]
    assert [" ".join(line.split()) for line in unfolded[12::3]] == [
        f"{n}. Okafor AB, Lindqvist C, et al. Kinase" for n in range(5, 9)
    ]


def test_hanging_labels_above_a_left_line_that_opens_like_a_label() -> None:
    """The right column's hanging labels must count on from the left column's; a left line
    that opened with a number like a label ("2011;378(12):2446–" + "56. doi:10.1038/…") set
    the left column's last label at 56, so labels 5 to 8 hung on their left lines."""
    entry = [
        "Okafor AB, Lindqvist C, et al. Kinase",
        "inhibitors in invented tumours. J Clin",
        "Oncol 2011;378(12):2446–",
        "56. doi:10.1000/fake.{n}",
    ]
    left, text = hanging_label_page(entry)
    unfolded = [line.strip() for line in text.split("\n") if line]
    assert unfolded[:16] == [line.strip() for line in left]
    assert [" ".join(line.split()) for line in unfolded[16::4]] == [
        f"{n}. Okafor AB, Lindqvist C, et al. Kinase" for n in range(5, 9)
    ]


def test_a_right_columns_labels_standing_in_the_gutter_open_its_entries() -> None:
    """pdftotext -layout sets a narrow two-column list's right labels in the gutter: alone
    there, with their entry's text at the column's edge; one space after the left text,
    their entry opening the next line; or with their text a few characters short of the
    edge, justified with wide gaps, so that the line read as a table's row and stayed
    whole. Every such label now opens its entry in the right column."""
    left = [
        "[1]    Brennan L, Dubois L, Novák OB, O’Brien F,",
        "       Petrov R, et al.     2011.   Does root exuda-",
        "       tion predict predator abundance in island.",
        "[2]    Costa F, Mendoza A, Dąbrowski F 2009. Does",
        "       canopy cover predict predator abundance in",
        "       alpine meadows? J Ecol 81(20):733–50.",
        "[3]    Alvarez P, Mendoza JC, Fitzgerald MC 2018.",
        "       Community assembly as a determinant of graz-",
        "       ing pressure. J Ecol 81(20):733–50.",
    ]
    rows = [
        "{:<58}{}".format(left[0], "[4]   Mensah Ł, Dąbrowski OB 2012.         The role"),
        "{:<65}{}".format(left[1], "of canopy cover in nutrient-limited biodiver-"),
        "{:<65}{}".format(left[2], "sity. Journal of Power Sources 63(15):1756–74."),
        "{:<57}{:<8}{}".format(left[3], "[5]", "Nguyen W, Hoffmann J, van der Berg M,"),
        "{:<65}{}".format(left[4], "Hughes K, Brennan J, et al.    1990.   Experi-"),
        "{:<65}{}".format(left[5], "mental fragmentation. Oecologia 73(14):2459–75."),
        "{:<65}".format(left[6] + " [6]"),
        "{:<65}{}".format(left[7], "Byrne J 2009. Does species richness predict seed"),
        "{:<65}{}".format(left[8], "dispersal in tropical grasslands? Nature 52:28–63."),
    ]
    unfolded = [" ".join(line.split()) for line in unfold_columns("\n".join(rows)).split("\n")]
    unfolded = [line for line in unfolded if line]
    assert unfolded[:9] == [" ".join(line.split()) for line in left]
    assert unfolded[9].startswith("[4] Mensah Ł")
    assert unfolded[12].startswith("[5] Nguyen W")
    assert unfolded[15:17] == ["[6]", "Byrne J 2009. Does species richness predict seed"]


def test_a_page_of_two_columns_of_short_entries_is_unfolded() -> None:
    """A list's second page in two columns: each entry's last lines are short ("2001;147:
    e3453631."), on either side, so too few lines read as running text on both sides and
    the page was left whole; entries 24 to 29 were glued onto entries 8 to 13. Lines whose
    left part opens or ends with a list's label count as the list's."""
    rows = []
    for n in range(8, 14):
        right = n + 16
        rows += [
            f"{n}.    Smith C, Zhou LG, Lindqvist I, et al. Does".ljust(58)
            + (f"Res. 1990;25(5):872–{n}." if n > 8 else ""),
            f"      defect density predict strain in poly- {right}.".ljust(58)
            + "Dubois P, Kowalski HW, Zhou O, et al. The role",
            f"      mer composites? Nature. 2001;147:e34{n}.".ljust(58) + "of grain boundaries.",
        ]
    unfolded = [" ".join(line.split()) for line in unfold_columns("\n".join(rows)).split("\n")]
    labels = [line.split()[0] for line in unfolded if re.match(r"\d+\. ", line)]
    assert labels == [f"{n}." for n in range(8, 14)] + [f"{n}." for n in range(24, 30)]


@settings(max_examples=80, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.text(alphabet="ab .[]1", max_size=50),
            st.integers(0, 12),
            st.text("cd ,2", max_size=40),
        ),
        max_size=40,
    )
)
def test_unfolding_only_reorders_what_is_printed(rows) -> None:
    # whatever the page, unfolding moves text and spaces, never drops or adds a character
    text = "\n".join(left + " " * gap + right for left, gap, right in rows)
    unfolded = unfold_columns(text)
    assert sorted(unfolded.replace(" ", "").replace("\n", "")) == sorted(
        text.replace(" ", "").replace("\n", "")
    )


def test_a_list_whose_columns_print_on_lines_of_their_own_is_unfolded() -> None:
    """pdftotext -layout places each column's lines on its own grid: many lines hold one side
    only, and a line holding both often pairs an entry's end ("… 3024, 2009.") with the other
    column's text, or the other column's label ("12.   Kowalski J, …"). Too few such lines
    read as running text on both sides, and the page was left whole, its two lists spliced.
    A label opening the right part, or an entry's end closing the left one, counts as the
    list's."""

    def entry(n: int) -> list[str]:
        return [
            f"{n}.{' ' * (6 - len(str(n)) - 1)}Okafor J, Mensah I, le Roux M: Nitrogen",
            f"      uptake by foliose thalli {n}. Lichenologist 79:",
            f"      {800 + n}–{811 + n}, {1990 + n}.",
        ]

    left = [line for n in range(1, 9) for line in entry(n)]
    right = [line for n in range(9, 17) for line in entry(n)]
    # the right column's lines sit a line lower: an entry's end beside the other's middle,
    # its middle beside the other's label
    rows = [f"{a:<60}{b}" for a, b in zip([*left, ""], ["", *right], strict=True)]
    unfolded = [" ".join(line.split()) for line in unfold_columns("\n".join(rows)).split("\n")]
    unfolded = [line for line in unfolded if line]
    assert unfolded == [" ".join(line.split()) for line in [*left, *right]]
