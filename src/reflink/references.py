"""Locate the reference list, split it into numbered entries and parse each entry's fields.

    parse_references(lines)
      content_lines      drop blank and watermark lines (and vertical text textclean missed)
      split_entries      find_labels → best_chain → blur_furniture → leading_tail,
                         inner_lines, trailing_lines
      detect_style       which style's source pattern fits most entries; titles or not
      parse_entry        FIELD_STEPS (mend_links, take_doi, take_url, space_glued_stops,
                         drop_doubled_marks, drop_identifiers),
                         then STYLES in the document's order (rsc, vancouver, ieee,
                         paren-year for old PLOS/NAR/JBC, nature, acs, elsevier), then
                         fieldmodel.read_with_model where no rule read it whole, then
                         classify_kind

1. Every line that could open an entry ("101 S. M. Gadgeel", "12. Smith AB", "[12] A. B.
   Smith") is a label; the list is the best run of labels numbered n, n+1, … in one label
   form (printed lists do skip a number), each with a year, DOI or URL close by.
2. Each entry runs from its label to the next, without page furniture; a table or the next
   section ends it; a tail before the first label is the cut entry before it (the seed opens
   with " Ther., 2017, 34, 1145.", the end of entry 100).
3. Identifiers come off first, then the document's style splits authors, title, journal,
   year, volume and pages; an entry the style does not fit tries the others.

Rules and a learned parser: the styles a numbered biomedical list uses are few and rigid, each
visible in a handful of punctuation marks, and where a style's rule reads an entry whole
(`rules_read_whole`) in a list the rules know, its reading is exact and fast. Every other
entry also goes to `fieldmodel`, a CRF trained on GROBID's and AnyStyle's labelled references,
which reads the thousands of styles no rule anticipates; `fieldmodel.read_with_model` is the
decision, docs/fields.md the measurements behind it. Names are kept as printed.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache, partial
from typing import TYPE_CHECKING

from .lazyre import lazy
from .models import (
    BLANK,
    CAPTION,
    FRONT,
    FURNITURE,
    HEADING,
    TABLE,
    WATERMARK,
    Line,
    Problem,
    RefEntry,
)
from .names import (
    AFTER_INITIALS_PARTICLE,
    AND_WORD,
    CAPITAL_FAMILY,
    CAPITAL_FAMILY_NAME,
    CAPITAL_PARTICLE,
    FAMILY_DOTTED_INITIALS,
    FAMILY_FIRST,
    FAMILY_FIRST_LIST,
    FAMILY_FIRST_NAME,
    GIVEN_NAMES,
    INITIALS_FIRST,
    UPPER,
    VANCOUVER_NAME,
    is_any_name,
    is_person,
    repair_name,
)
from .normalise import DASH, DOI_IN_TEXT, WEB_ADDRESS, expand_pages
from .normalise import YEAR as PRINTED_YEAR
from .textclean import (
    HYPHEN_BREAK,
    NEXT_WORD,
    PAGE_BAR_HEAD,
    REFERENCE_HEADING,
    WordCounts,
    compound_broken_at_hyphen,
)
from .vocabulary import zipf
from .words import FOREIGN_FUNCTION_WORDS, FUNCTION_WORDS

if TYPE_CHECKING:
    from .pdflist import LineBox

# --- 1. locating the list -----------------------------------------------------------------

# "101 S. M. Gadgeel", "12. Smith AB", "[12] A. B. Smith", "(12) …", "12) …": the label, then text
# Up to six digits: a list past 9,999 entries kept only four-digit labels and glued the rest onto
# entry 9,999 (#18); a million one-line entries do not fit in the text limit (reflink.limits).
ENTRY_LABEL = lazy(
    r"""^\s*(?:
        \[\ ?(?P<bracket>\d{1,6})\][.:]?\s*  # "[12] A. B. Smith", "[12]. Smith", "[12]" alone,
                                               # "[ 1]" padded to the widest label's width
      | (?P<dotted>\d{1,6})\.(?:\s+|$|(?=[A-Z]\.[\s-]?[A-Z]))  # "12. Smith AB", "12." alone,
                                       # "12.G. Smith" (the label's space lost)
      | (?P<bare>\d{1,6})(?:\s*[-–—](?=\s)|\s+\.(?=\s))?\s+(?=\S)  # "101 S. M. Gadgeel" (RSC),
                            # "12 - Smith", Forensic Science Review's "12 . Smith"
      | (?P<alone>\d{1,4})\s*$                # "12" alone on its line, the entry below it
      | \((?P<paren>\d{1,6})\)[.:]?(?:\s+(?=\S)|\s*$)  # "(12) Smith, A. B.; …" (ACS), or alone
      | (?P<closing>\d{1,6})\)(?:\s+(?=\S)|\s*$)  # "12) Smith AB, Jones C." (Japanese,
                                                  # chemistry), or "12)" alone
    )""",
    re.VERBOSE,
)
LIST_HEADING = REFERENCE_HEADING  # one definition, in textclean, for every stage
# Sections that follow a reference list: the last entry stops before them.
AFTER_LIST_HEADING = lazy(
    r"""^\s*(?:\d+\.?\s*)?(?:
        acknowledge?ments?|author\s+contributions?|funding|competing\s+interests?
      | conflicts?\s+of\s+interest|supporting\s+information
      | supplementary\s+(?:information|material)|figure\s+legends?|tables?|appendix|abbreviations
      | additional\s+information|data\s+availability
      | (?:fig(?:ure)?\.?|table)\s+\d+\b.*      # "Figure 2. Survival…", "Table 1"
    )\s*:?\s*$""",
    re.VERBOSE | re.IGNORECASE,
)
BULLET = lazy(r"^\s*[•▪◦●■]")
PAGE_NUMBER = lazy(r"^\s*(?:\d{1,5}|\d+\s*/\s*\d+|page\s+\d+(?:\s+of\s+\d+)?)\s*$", re.IGNORECASE)
SKIPPED_KINDS = frozenset({WATERMARK, BLANK})
NOT_LIST_KINDS = frozenset({CAPTION, TABLE, FRONT})
MAX_GAP = 10  # "[47] …" then "[52] …": printed lists do skip numbers, never dozens
MAX_ENTRY_LINES = 80  # lines between two labels (a table may sit inside the list)


@dataclass(frozen=True)
class Label:
    """A line that may open entry `number`, in label form `form` (ENTRY_LABEL's group)."""

    index: int  # position in the content lines
    number: int
    form: str
    offset: int  # where the entry text starts after the label


DIGITS = lazy(r"\d+")
THREE_LETTERS = lazy(r"[^\W\d_](?:.*?[^\W\d_]){2}")


def signature(text: str) -> str:
    """A line with its digits blurred: running heads differ only by their page number."""
    return DIGITS.sub("0", text.strip().casefold())


def content_lines(lines: Sequence[Line]) -> list[Line]:
    """Lines that can carry reference text: watermark and blank lines dropped.

    Furniture stays (and is skipped later) so that an entry's tail textclean mistook for a
    running head can be given back: see `blur_furniture`.

    A run-in heading textclean split off a line's start is put back: "12. Smith AB, Jones C."
    can look like one, and the list needs its label.
    """
    kept = [
        replace(line, text=f"{line.run_in} {line.text}".strip()) if line.run_in else line
        for line in lines
        if line.kind not in SKIPPED_KINDS and (line.text.strip() or line.run_in)
    ]
    return drop_vertical_text(kept)


SHORT_RUN = lazy(r"s(?:f*s){2,}")


def drop_vertical_text(lines: list[Line]) -> list[Line]:
    """Runs of three or more 1–3 character lines: a vertical watermark ("O", "pe", "n ", …)
    textclean did not mark; left in, it would join the entry printed beside it."""
    # one letter per line, "s" for a short one, "f" for page furniture: the runs are a regular
    # expression's to find. Furniture neither makes a run nor breaks one: a page number between
    # two labels pdftotext printed alone ("2", "18.", "23.") is no third short line of a mark
    shapes = "".join(
        "f"
        if line.kind == "furniture"
        else "l"
        if len(line.text.strip()) > 3 or _counts_on(lines, index)
        else "s"
        for index, line in enumerate(lines)
    )
    runs = [run.span() for run in SHORT_RUN.finditer(shapes)]
    if not runs:
        return lines
    keep = [True] * len(lines)
    for start, end in runs:
        keep[start:end] = [False] * (end - start)
    return [line for line, ok in zip(lines, keep, strict=True) if ok]


BARE_LABEL = lazy(r"\s*(?:\[ ?(\d{1,4})\]|\( ?(\d{1,4})\)|(\d{1,4})[.)]?)\s*$")


def _bare_label(line: Line) -> int | None:
    """The number of a line that is a label alone ("51.", "[7]", "7)"), else None."""
    match = BARE_LABEL.match(line.text)
    return int(match.group(1) or match.group(2) or match.group(3)) if match else None


def _counts_on(lines: Sequence[Line], index: int) -> bool:
    """Is this line a label alone that a line just before or after counts on from ("51." then
    "52.", or "29.", a page number "5", "30."): a column of labels printed apart from its
    entries, not a vertical watermark?"""
    number = _bare_label(lines[index])
    if number is None:
        return False
    for step in (1, 2):
        before = _bare_label(lines[index - step]) if index >= step else None
        after = _bare_label(lines[index + step]) if index + step < len(lines) else None
        if before == number - 1 or after == number + 1:
            return True
    return False


def find_labels(lines: Sequence[Line]) -> list[Label]:
    """Every line that starts like a numbered entry."""
    labels = []
    for index, line in enumerate(lines):
        # a label's first printed character is "[", "(" or a digit: most lines are not asked
        head = line.text.lstrip()[:1]
        if not head or not (head in "[(" or head.isdecimal()) or line.kind == FURNITURE:
            continue
        match = ENTRY_LABEL.match(line.text)
        if match:
            form = match.lastgroup or "bare"
            labels.append(Label(index, int(match.group(form)), form, match.end()))
    return labels


# How far into a long entry (lines) its year, DOI or web address is looked for
MAX_EVIDENCE_LINES = 10
# Something an entry prints near its start: a year, a DOI, a web address
# (Each piece starts with 1, 2, h or w: the lookahead lets re skip every other position fast.)
ENTRY_EVIDENCE = lazy(rf"(?=[12hw])(?:\b{PRINTED_YEAR}\b|\b10\.\d{{4,9}}/|https?://|www\.)")


def plausible(
    lines: Sequence[Line],
    label: Label,
    evidence: dict[int, bool] | None = None,
    next_label: int | None = None,
) -> bool:
    """Does the text from this label on print a year, DOI or URL within a few lines?

    A few is four lines, or up to the next label (`next_label`, its line's index) when the
    entry runs longer: a list in a narrow column prints its year on an entry's seventh line.

    `evidence`: what each line was found to print, kept across labels. No piece of evidence
    holds a space, so the lines can be searched one by one, and each only once though the
    windows of neighbouring labels overlap."""
    evidence = {} if evidence is None else evidence
    stop = label.index + 4
    if next_label is not None:
        stop = max(stop, min(next_label, label.index + MAX_EVIDENCE_LINES))
    for index in range(label.index, min(stop, len(lines))):
        found = evidence.get(index)
        if found is None:
            found = evidence[index] = bool(ENTRY_EVIDENCE.search(lines[index].text))
        if found:
            return True
    return False


def share_column_evidence(
    lines: Sequence[Line],
    labels: Sequence[Label],
    evidence: Sequence[bool],
    look_above: bool = False,
) -> list[bool]:
    """Labels printed as a column of their own ("1." … "17.", then the entries' text) find
    nothing in their windows but the next label; the run's last label finds the entries. Each
    label of such a run takes the evidence of the run's last (`pair_label_column` then gives
    each its entry). `look_above`: a run whose last label finds nothing may find its entries'
    text above it (`_printed_before`). Returns each label's evidence."""
    shared = list(evidence)
    end = len(labels) - 1
    while end > 0:
        start = end
        while (
            start > 0
            and labels[start - 1].index == labels[start].index - 1
            and labels[start - 1].number == labels[start].number - 1
            and _bare_label(lines[labels[start - 1].index]) == labels[start - 1].number
        ):
            start -= 1
        if end - start + 1 >= MIN_LABEL_COLUMN:
            found = shared[end] or (
                look_above and _printed_before(lines, labels, start, end - start + 1)
            )
            for position in range(start, end + 1):
                shared[position] = found
        end = start - 1
    return shared


def _supported_chain(
    lines: Sequence[Line], labels: Sequence[Label], evidence: Sequence[bool]
) -> list[Label] | None:
    """The best chain of labels, if it can be a list: most of its labels print a year, DOI or
    URL near them ("1 Introduction", "2 Methods" are numbered, but print none), and a label
    alone is a list only under a heading."""
    chain = best_chain(labels, [1.0 if ok else 0.1 for ok in evidence])
    if not chain or (len(chain) < 2 and not _after_heading(lines, chain[0].index)):
        return None
    in_chain = {id(label) for label in chain}
    supported = sum(ok for label, ok in zip(labels, evidence, strict=True) if id(label) in in_chain)
    return chain if supported >= 0.5 * len(chain) else None


def fill_gaps_with_furniture(lines: Sequence[Line], chain: list[Label]) -> list[Label]:
    """Labels alone that textclean took for page numbers ("3" between blank lines, in a list
    whose labels are a column of bare numbers): where the chain skips from 2 to 5, a "3" and
    a "4" set apart between those labels, in order, are its labels."""
    filled: list[Label] = []
    for label, after in zip(chain, [*chain[1:], None], strict=True):
        filled.append(label)
        if after is None or after.number - label.number < 2 or label.form != "alone":
            continue
        wanted = label.number + 1
        for index in range(label.index + 1, after.index):
            line = lines[index]
            if line.kind == FURNITURE and (number := _bare_label(line)) == wanted:
                filled.append(Label(index, number, "alone", len(line.text)))
                wanted += 1
    return filled


def _printed_before(lines: Sequence[Line], labels: Sequence[Label], start: int, run: int) -> bool:
    """A column of labels with nothing after it, its entries' text printed above it (pdftotext
    reads a page's label column after the text beside it): does that text, below the label
    before the run and within a few lines an entry for each label, print a year, DOI or URL?
    Only a column that continues the list's count (one of the three labels before it counts
    lower) can: above the list's first, the article."""
    first_number = labels[start].number
    # a year read as a label ("2021.") may stand between; the list's first labels have the
    # article above them
    if first_number == 1 or not any(
        label.number < first_number for label in labels[max(0, start - 3) : start]
    ):
        return False
    first = labels[start].index
    floor = labels[start - 1].index + 1
    return any(
        ENTRY_EVIDENCE.search(lines[index].text)
        for index in range(max(floor, first - 2 * run), first)
    )


def best_chain(labels: Sequence[Label], weights: Sequence[float] | None = None) -> list[Label]:
    """The run of labels numbered upwards (small gaps allowed) that explains most lines.

    Dynamic programming per label form: a label extends the best chain ending at an earlier
    label of the same form numbered 1–MAX_GAP below it and at most MAX_ENTRY_LINES before it.
    A skipped number costs a little, so "12 patients" inside entry 11 never beats entry 12.
    """
    best: list[Label] = []
    best_score = 0.0
    position = {id(label): i for i, label in enumerate(labels)}
    # each label form ENTRY_LABEL names, in its order (a form added there is chained here too)
    for form in ENTRY_LABEL.groupindex:
        chosen = [label for label in labels if label.form == form]
        score: list[float] = []
        back: list[int] = []
        weight = [weights[position[id(label)]] if weights else 1.0 for label in chosen]
        # the earlier labels of each number: only numbers 1–MAX_GAP below a label can extend
        # to it, so those are all it looks at (not every label of the 80 lines before it)
        by_number: dict[int, list[int]] = {}
        for i, label in enumerate(chosen):
            score.append(weight[i])
            back.append(-1)
            lowest_line = label.index - MAX_ENTRY_LINES
            earlier = [
                j
                for number in range(label.number - MAX_GAP, label.number)
                for j in by_number.get(number, ())
                if chosen[j].index >= lowest_line
            ]
            # nearest first, as a scan backwards from the label meets them: of equal scores
            # the nearest label stays the link
            for j in sorted(earlier, reverse=True):
                gap = label.number - chosen[j].number
                candidate = score[j] + weight[i] - 0.3 * (gap - 1)
                if candidate > score[i]:
                    score[i], back[i] = candidate, j
            by_number.setdefault(label.number, []).append(i)
        if not score:
            continue
        end = max(range(len(score)), key=lambda k: (score[k], k))
        if score[end] > best_score:
            best_score = score[end]
            chain = []
            while end >= 0:
                chain.append(chosen[end])
                end = back[end]
            best = chain[::-1]
    return best


# the white space str.strip() takes off, and the digits, among ASCII bytes
ASCII_SPACE = bytes(byte for byte in range(128) if chr(byte).isspace())
ASCII_DIGITS = b"0123456789"
ASCII_BYTES = bytes(range(128))


def list_signatures(lines: Sequence[Line], first: int, last: int) -> dict[int, str]:
    """`signature` of every line in first..last, and of each line outside that may share one.

    The rest of the document is far longer than its list, and a signature costs a pattern's
    pass; a line outside can share one only if it reads the same once its digits are taken
    out. That screen runs over the whole document at once, on its UTF-8 bytes: one casefold,
    one translate, one split. A line break inside a line or a digit beyond ASCII
    (a non-ASCII \\d) defeats the screen: then every line is blurred, one by one.
    """
    keys = {index: signature(lines[index].text) for index in range(first, last + 1)}
    others = [index for index in range(len(lines)) if not first <= index <= last]
    folded = "\n".join(lines[index].text for index in others).casefold()
    encoded = folded.encode()
    beyond_ascii = set(encoded.translate(None, ASCII_BYTES).decode())
    if folded.count("\n") != len(others) - 1 or any(ch.isdecimal() for ch in beyond_ascii):
        candidates = others
    else:
        # a signature is its line, stripped, with each run of digits one "0": without the
        # zeros it is the line stripped and without digits
        letters = {key.replace("0", "").encode() for key in keys.values()}
        candidates = []
        for index, line in zip(others, encoded.split(b"\n"), strict=True):
            line = line.strip(ASCII_SPACE)
            # a line that starts or ends beyond ASCII may hold white space strip() takes off
            if (
                line.translate(None, ASCII_DIGITS) in letters
                or line[:1] >= b"\x80"
                or line[-1:] >= b"\x80"
            ):
                candidates.append(index)
    for index in candidates:
        keys[index] = signature(lines[index].text)
    return keys


def blur_furniture(
    lines: Sequence[Line], first: int, last: int, laid_out: bool = False
) -> set[int]:
    """Indexes in first..last that are page furniture textclean left in place.

    A line whose digit-blurred text also occurs outside the list is a running head or footer
    ("Journal of Made-Up Results, 2020, 4, 17" on every page); a bare number is a page
    number.
    """
    keys = list_signatures(lines, first, last)
    inside = {keys[i] for i in range(first, last + 1)}
    # "8." in the body says nothing about "1983." in the list: only worded lines count (and
    # only keys a line of the list has are ever looked up)
    outside = {
        key
        for index, key in keys.items()
        if not first <= index <= last and key in inside and THREE_LETTERS.search(key)
    }
    wanted = {keys[i] for i in range(first, last + 1) if lines[i].kind == FURNITURE}
    texts_by_key: dict[str, list[str]] = {}
    for index, key in keys.items():
        if key in wanted:
            texts_by_key.setdefault(key, []).append(lines[index].text)
    dropped = set()
    for index in range(first, last + 1):
        text = lines[index].text
        key = keys[index]
        if lines[index].kind == FURNITURE:
            # "Fake Dis, 2013, 7, e22." (only in the list, and unlike any other line but in
            # its year, volume and pages) is an entry's tail that looks like a running head;
            # "RSC Adv., 2019, 9, 17921–17932" is printed on every page, only the page differs
            numbers = DIGITS.findall(text)
            alike = 0
            for other_text in texts_by_key[key]:
                other = DIGITS.findall(other_text)
                alike += len(other) == len(numbers) and (
                    sum(a != b for a, b in zip(numbers, other, strict=True)) <= 1
                )
            repeated = len(numbers) > 1 and alike > 1  # the line itself is one of them
            if (
                key in outside
                or repeated
                or PAGE_NUMBER.match(text)
                or PAGE_BAR_HEAD.match(text)  # "17930 | RSC Adv., 2019, 9, 17921–17932"
                or not (SOURCE_HINT.search(text) or PAGES_TAIL.search(text))
            ):
                dropped.add(index)
        elif (PAGE_NUMBER.match(text) or key in outside) and not (
            laid_out and index > first and continues_link(lines[index - 1].text, text, laid_out)
        ):
            dropped.add(index)
        if (
            index in dropped
            and index > first
            and (
                _wrapped_year(lines[index - 1].text, text)
                # a page number the page itself placed (a PDF's) is furniture already
                or (
                    lines[index].kind != FURNITURE
                    and _wrapped_range_end(lines[index - 1].text, text)
                )
            )
        ):
            dropped.discard(index)
    return dropped


WRAPPED_YEAR = lazy(rf"\s*{PRINTED_YEAR}\.?\s*")


def _wrapped_year(before: str, text: str) -> bool:
    """ "… Research 55: 576–595," + "2016": an entry's year wrapped onto a line of its own.
    Lone years a few lines apart count up like page numbers; after the comma that leaves an
    entry's source unfinished, a year is the entry's."""
    return before.rstrip()[-1:] in (",", ";") and WRAPPED_YEAR.fullmatch(text) is not None


RANGE_OPEN = lazy(r"(\d+)\s*[–-]$")
LONE_NUMBER_LINE = lazy(r"\s*(\d+)\.?\s*")


def _wrapped_range_end(before: str, text: str) -> bool:
    """ "… Nr. 5, S. 3554–" + "3557": a page range's end wrapped onto a line of its own, a
    number above the range's start (a page number there would count the document's pages)."""
    start = RANGE_OPEN.search(before.rstrip())
    end = LONE_NUMBER_LINE.fullmatch(text)
    return bool(start and end and int(end[1]) > int(start[1]))


# --- 2. splitting entries ------------------------------------------------------------------

# A line that is the end of an entry: ", 2017, 34, 1145.", "2014;15:1119–28.", "(2014)."
SOURCE_HINT = lazy(
    rf"(?:{PRINTED_YEAR}[a-z]?\s*[,;:]\s*\w|\({PRINTED_YEAR}[a-z]?\)|\bvol\.\s*\d|\bpp?\.\s*\d"
    r"|\b\d+\s*[:(]\s*\d+|\b10\.\d{4,9}/)"
)

# "379, 2027–2039.", "1590–1599.": volume and pages, or pages alone, closing a wrapped entry
PAGES_TAIL = lazy(r"(?:^|\b\d+\s*,\s*)[A-Za-z]?\d+(?:\s*[–-]\s*[A-Za-z]?\d+)?\s*\.?\s*$")


@dataclass(frozen=True)
class EntryLines:
    number: int
    lines: tuple[Line, ...]
    offset: int  # characters of the first line that are the label
    partial: bool = False


def leading_tail(lines: Sequence[Line], first: int, skip: set[int]) -> list[int]:
    """Indexes just before the first label that hold the end of a cut entry (seed's " Ther.…")."""
    taken: list[int] = []
    index = first - 1
    while index >= 0 and len(taken) < 3:
        if index in skip:
            index -= 1
            continue
        line = lines[index]
        if line.kind == HEADING or line.kind in NOT_LIST_KINDS or LIST_HEADING.match(line.text):
            break
        if not SOURCE_HINT.search(line.text) or len(line.text) > 120:
            break
        taken.append(index)
        index -= 1
    return taken[::-1]


YEAR_WORD = lazy(rf"\b{PRINTED_YEAR}")


def entry_is_complete(text: str) -> bool:
    """Does the entry text end like a finished entry: a year and a closing full stop, a web
    address or DOI whole (NLM's "Available from: https://…" takes no full stop), or a web
    page's access date?"""
    text = text.rstrip()
    if text.endswith(")") and BRACKETED_YEAR_END.search(text):
        return False  # "Gallagher, G. and Lind, F. (1993)": an author–year entry's names
    if text.endswith(".") and NAMES_THEN_YEAR_END.search(text):
        return False  # "Kaur E., O. Lambert, A. Bauer, et al." + "1989.": the title is to come
    if text[-1:].isdigit() and ACCESS_DATE_END.search(text):
        return True  # "… Zugegriffen: 23. August 2019": a web page's access date closes it
    if text.endswith((".", ")")):
        return bool(YEAR_WORD.search(text))
    return (
        bool(ENDS_WITH_ADDRESS.search(text))
        and not ends_in_link_break(text)
        and bool(YEAR_WORD.search(text))
    )


# the word before a web page's access date, in the languages styles print it in
ACCESS_WORD = (
    r"(?:accessed|cited|retrieved|last\s+accessed|acesso\s+em|consultado|abgerufen|zugegriffen"
    r"|consulté|citado|cité|accedido|erişim|dostęp|geraadpleegd|geciteerd|(?:zuletzt\s+)?aufgerufen|diakses"
    r"|henvist|sitert|citerad|hämtad|viitattu)"  # Danish, Norwegian, Swedish, Finnish
)
# … and before its address: "Available from:", "Disponível em:", "Tersedia di:" (Indonesian),
# "Beschikbaar op:" (Dutch), "Tilgået fra:" (Danish) and the other Nordic labels, Thieme's
# "Im Internet:"
AVAILABLE_WORD = (
    r"(?:Available|Disponível|Disponible|Disponibile|Verfügbar|Tersedia|Beschikbaar|Im\s+Internet"
    r"|Tilgået|Tilgjengelig|Tillgänglig|Saatavilla)"
)
# "Accessed 3 May 2019", "Zugegriffen: 23. August 2019", "accedido 12 de marzo de 2020"
# (not "[cited 2013" + "Jan 19]. Available from: …": a bracket opened is not closed)
ACCESS_DATE_END = lazy(rf"(?<![\[(])\b{ACCESS_WORD}\b:?[\w .,]{{0,30}}\b{PRINTED_YEAR}$", re.I)
NAMES_THEN_YEAR_END = lazy(rf"(?:\bet al\.|(?<![\w.])[A-Z]\.)\s+{PRINTED_YEAR}[a-z]?\.$")
BRACKETED_YEAR_END = lazy(rf"\(\s*{PRINTED_YEAR}[a-z]?\s*\)$")
# an entry's last word a web address or a DOI: "… Available from: https://www.example.org/report",
# "… 2020;180(19):187-199. doi:10.1038/s41598-020-29465-3"
ENDS_WITH_ADDRESS = lazy(r"(?:https?://|www\.|\b10\.\d{4,9}/)\S+$")


def inner_lines(lines: Sequence[Line], start: int, stop: int, skip: set[int]) -> list[int]:
    """Indexes from a label up to the next one; a table or figure inside the list ends it.

    "…Fake Med. 2011;4:20–8." + "Table 2 Primers used…": the table rows that
    follow, up to the next label, are not part of the entry.
    """
    taken = [start]
    for index in range(start + 1, stop):
        line = lines[index]
        if index in skip and not continues_link(lines[taken[-1]].text, line.text):
            continue
        if line.kind in NOT_LIST_KINDS:
            continue
        if AFTER_LIST_HEADING.match(line.text) or BULLET.match(line.text):
            break
        taken.append(index)
    return taken


SHORT_NUMBER = lazy(r"\d{1,4}")


# a DOI ending a line, whole or broken ("…doi:10.1038/nature1" + "6789"); one broken at a
# hyphen or slash, where no DOI ends ("…/0008-5472.CAN-13-" + "2345")
DOI_AT_END = lazy(r"\b10\.\d{4,9}/\S+$")
DOI_BROKEN_INSIDE = lazy(r"\b10\.\d{4,9}/\S*[-/]$")


def continues_link(previous: str, text: str, laid_out: bool = False) -> bool:
    """'…https://doi.org/10.1000/fake.' + '9876543210': the rest of a broken DOI or URL, which
    furniture detection may take for a page number.

    A page number is short and has no leading zero ("…2015.01." + "001" is a DOI's end), and no
    DOI ends at a hyphen or a slash. `laid_out`: the lines come from a PDF, whose page
    numbers are known by their place in the margin; a short number in the text block after a
    DOI is then the DOI's end, broken wherever the typesetter broke it."""
    token = text.strip()
    if " " in token or not URL_CONTINUATION.match(token):
        return False
    if URL_BREAK.search(previous):
        return bool(
            laid_out
            or not SHORT_NUMBER.fullmatch(token)
            or token.startswith("0")
            or DOI_BROKEN_INSIDE.search(previous)
        )
    return laid_out and bool(DOI_AT_END.search(previous))


IDENTIFIER_START = lazy(
    # (German styles' "Online: https://…" and "Stand: 24.05.2024", the labels of the address
    # and of the date it was read; "URL:")
    rf"(?:doi|pmid|pmcid|https?:|www\.|{AVAILABLE_WORD}|{ACCESS_WORD}\b|\[|(?:online|url|stand):)",
    re.I,
)


def next_entry_starts(so_far: str, text: str) -> bool:
    """Does line `text` open a new entry after an entry's text `so_far`? The entry is complete
    (a year and a closing full stop) and the line opens with a capital, not with the DOI or
    address that goes on closing it."""
    return (
        entry_is_complete(so_far)
        and (text[:1].isupper() or PARTICLE_OPENING.match(text) is not None)
        and not IDENTIFIER_START.match(text)
        # "Petrov, R. (2006) Title." + "Nat Commun 69, 2537–2545.": an author–year entry's
        # title ends with its year before it and a full stop, and its source goes on below
        and not continues_with_source(text)
    )


# a line that is a journal's name, then its volume and first page: "Nat Commun 69, 2537–2545.",
# "Journal of Ecology. 56 (19), 991–998.", "J Clin Oncol. 2019;12:1–9.", APA's "Neurology,
# 200, 495–503."
SOURCE_CONTINUATION = lazy(
    r"(?P<journal>[A-Z][^\d,;:]{1,80}?),?\s\d{1,4}[A-Za-z]?\s*(?:\(\s*\d+\s*\))?\s*[,:;]\s*"
    r"[A-Za-z]?\d"
)
# … or a book's place and publisher: "Oxford: Oxford University Press."
PLACE_PUBLISHER_LINE = lazy(r"[A-Z][\w '’()-]{1,40}:\s*(?P<publisher>[^.:;]{2,60})[.;,]")
# … or its publisher and place, as Springer's styles print them: "Springer, New York", "Elsevier,
# Amsterdam, pp 1–20"; a place is whole words, never a name's initials ("Sage A, Francis B.")
PUBLISHER_PLACE_LINE = lazy(
    r"(?P<publisher>[A-Z][^.:;,()]{1,60}?),\s*[A-Z][a-z'’-]+(?: [A-Z][a-z'’-]+){0,3}(?:[,.;]|$)"
)
LOWERCASE_WORD = lazy(r"\b[a-zà-ÿ]{4,}\b")


def continues_with_source(text: str) -> bool:
    """Is this line the source of the entry above it, not a new entry: a journal's name with
    its volume and first page (no lower-case word of a title in it: "Gallagher W. Porous
    synthesis … NeuroImage. 1996;121:1475–1485." opens an entry), or a book's place and
    publisher, either way round?"""
    if source := SOURCE_CONTINUATION.match(text):
        return not any(
            word not in NAME_FUNCTION_WORDS for word in LOWERCASE_WORD.findall(source["journal"])
        )
    book = PLACE_PUBLISHER_LINE.match(text) or PUBLISHER_PLACE_LINE.match(text)
    return bool(book and PUBLISHER_WORD.search(book["publisher"]))


# "van der Berg M-CP, …", "de Souza S, …": a name whose particles open the entry in lower case
PARTICLE_OPENING = lazy(rf"(?:{AFTER_INITIALS_PARTICLE} ){{1,2}}[{UPPER}]")


def trailing_lines(lines: Sequence[Line], start: int, skip: set[int], longest: int) -> list[int]:
    """Indexes after the last label that still belong to the last entry."""
    taken = [start]
    limit = max(4, longest + 2)
    index = start + 1
    while index < len(lines) and len(taken) < limit:
        line = lines[index]
        if index in skip and not continues_link(lines[taken[-1]].text, line.text):
            index += 1
            continue
        text = line.text.strip()
        if _past_the_list(line):
            break
        if next_entry_starts(" ".join(lines[i].text for i in taken), text):
            break
        taken.append(index)
        index += 1
    return taken


def split_entries(
    lines: Sequence[Line], laid_out: bool = False
) -> tuple[list[EntryLines], list[Problem]]:
    """Content lines → the numbered entries of the reference list, each with its lines.

    `laid_out`: the lines come from a PDF, its page numbers already marked by their place."""
    labels = find_labels(lines)
    seen: dict[int, bool] = {}
    # each label's window may run to the next label; the last one's to the window's end
    following = [later.index for later in labels[1:]] + [None] if labels else []
    evidence = [
        plausible(lines, label, seen, next_label)
        for label, next_label in zip(labels, following, strict=True)
    ]
    chain = _supported_chain(lines, labels, share_column_evidence(lines, labels, evidence))
    # a list found only by columns printed below their entries' text must be paired
    from_above = chain is None
    if from_above:
        chain = _supported_chain(
            lines, labels, share_column_evidence(lines, labels, evidence, look_above=True)
        )
        if chain is None:
            return [], []
    chain = fill_gaps_with_furniture(lines, chain)
    first, last = chain[0].index, chain[-1].index
    skip = blur_furniture(lines, max(0, first - 4), min(len(lines) - 1, last + 40), laid_out)
    label_at = {label.index for label in chain}
    entries: list[EntryLines] = []
    tail = leading_tail(lines, first, skip)
    if tail and chain[0].number > 1:
        entries.append(
            EntryLines(chain[0].number - 1, tuple(lines[i] for i in tail), 0, partial=True)
        )
    longest = 1
    for position, label in enumerate(chain):
        if position + 1 < len(chain):
            indexes = inner_lines(lines, label.index, chain[position + 1].index, skip | label_at)
            longest = max(longest, len(indexes))
        else:
            indexes = trailing_lines(lines, label.index, skip, longest)
        entries.append(EntryLines(label.number, tuple(lines[i] for i in indexes), label.offset))
    after = partial(_lines_after, lines, chain[-1].index, skip)
    paired = give_bare_labels_their_text(pair_label_column(entries, after))
    # then the shorter columns: those that labels given their text leave ("28.", "29." alone,
    # "30." over three entries' text), and two labels over two entries ("[6]", "[7]"); a
    # bare label after an entry that holds one more is that entry's, first
    entries = pair_label_column(paired, after, shortest=2)
    if not laid_out:
        entries = pair_labels_in_order(entries)
    if from_above and sum(map(_label_only, entries)) > len(entries) / 2:
        # columns of labels whose text no pairing found (pdftotext printed a page's labels
        # apart from text it also put out of order): no list read, rather than empty entries
        return [], []
    return entries, []


def pair_labels_in_order(entries: list[EntryLines]) -> list[EntryLines]:
    """pdftotext's plain text of a list whose labels hang in a column prints the labels in
    blocks between the entries' text, and some blocks out of their place ("1." … "6.", five
    entries, "13.", eight entries, … "7." … "12." after "15."): no pairing of a block with
    the text after it holds. Where every label stands alone on its line, the labels number
    1 … N once each, and the entries' text, read in order without them, cuts into exactly N
    entries, the entries are the labels' in their order. Otherwise the entries stay as the
    pairings left them."""
    if len(entries) < MIN_LABEL_COLUMN or entries[0].partial:
        return entries
    labels: dict[int, tuple[Line, int]] = {}  # number → the label's line, and its length
    texts: list[Line] = []
    for entry in entries:
        if entry.lines[0].text[entry.offset :].strip():
            return entries  # a label with text beside it: not a column of labels
        labels[entry.number] = entry.lines[0], entry.offset
        for line in entry.lines[1:]:
            number = _bare_label(line)
            if number is None or number > 2 * len(entries) + 20:
                # a year that ends an entry alone on its line ("Oxford University Press,"
                # then "2016.") is no label of this list
                texts.append(line)
            elif number in labels:
                return entries
            else:
                labels[number] = line, len(line.text)
    count = max(labels, default=0)
    if min(labels, default=0) != 1 or count - len(labels) > count // 10:
        # (a few labels alone may be lost as page numbers: "17", "18", "19" between two
        # entries' lines look like a page's; the text must still cut into exactly `count`)
        return entries
    # where every label holds text the pairings may be right ("1." over its entry's three
    # lines, a label over two entries where pdftotext dropped one); they are wrong where
    # labels hold more dated entries than their own ("8." over seven)
    paired = not any(_label_only(entry) for entry in entries)
    for ends in ENTRY_ENDS:
        if paired and sum(_entries_beyond_own(entry, ends) for entry in entries) < 2:
            continue
        # (all the pieces the text gives: more than the labels is no pairing)
        pieces = _pieces(texts, count, False, ends)
        last = _piece_text(pieces[-1]) if pieces else ""
        # the last entry whole: a closing full stop, or a year and pages ("1999; 41:1406–1414")
        whole = entry_is_complete(last) or (last[-1:].isdigit() and YEAR_WORD.search(last))
        # and each entry with its year: a piece without one is a piece of an entry, unless it
        # opens with a body's name and ends with a full stop ("Cancer Research UK. Title.": a
        # web page printed without its year)
        dated = all(map(_dated_or_whole, pieces))
        # and none opening as an entry's tail does: a piece that opens with a journal
        # ("Neurology. 2024;326:370-382.") is the tail of an entry pdftotext printed out of
        # its place, and the count is a coincidence
        opened = all(_opens_an_entry(_piece_text(piece)) for piece in pieces)
        if len(pieces) == count and whole and dated and opened:
            # each label's line, then its entry's: the labels stay list lines where printed
            return [
                EntryLines(number, (labels[number][0], *piece), labels[number][1])
                if number in labels
                else EntryLines(number, tuple(piece), 0)
                for number, piece in enumerate(pieces, 1)
            ]
    return entries


def _entries_beyond_own(entry: EntryLines, ends: Callable[[str, str], bool]) -> int:
    """How many more pieces with a year each than one does the entry's text cut into?"""
    pieces = _pieces(entry.lines[1:], len(entry.lines), False, ends)
    dated = sum(bool(YEAR_WORD.search(_piece_text(piece))) for piece in pieces)
    return max(0, dated - 1)


def _opens_an_entry(text: str) -> bool:
    return ENTRY_TAIL_OPENING.match(text) is None


# what opens the tail of an entry, not an entry: a journal's one word ("Neurology. 2024;326:
# 370-382.", "Blood. Murphy C, …"), or a number (names in capitals, "WHO.", are names)
ENTRY_TAIL_OPENING = lazy(rf"[{UPPER}][a-z]+\.\s|\d")


def _piece_text(piece: Sequence[Line]) -> str:
    """A piece of an entry's lines as one text (the lines joined, not mended)."""
    return " ".join(line.text for line in piece).strip()


def _dated_or_whole(piece: Sequence[Line]) -> bool:
    text = _piece_text(piece)
    if YEAR_WORD.search(text):
        return True
    opening = GROUP_OPENING.match(text)  # ("Cancer Research UK": no noun says it is a body)
    return (
        text.endswith(".")
        and opening is not None
        and text[opening.end() : opening.end() + 1] in ".:"
        # (not an article's entry pdftotext cut short: "O’Brien F. Title: doi:10.1056/…")
        and not any(found["number"] for found in NUMBERS_BEYOND_ADDRESS.finditer(text))
    )


# a DOI or a run of digits outside a web address (the address is matched to be passed over)
NUMBERS_BEYOND_ADDRESS = lazy(rf"{WEB_ADDRESS}|(?P<number>\d{{3}}|\bdoi\b)", re.I)


def give_bare_labels_their_text(entries: list[EntryLines]) -> list[EntryLines]:
    """pdftotext prints a label after its entry's text when the entry before is short ("7.",
    a two-line book, entry 8's lines, then "8.", "9."): entry 7 holds two entries and label 8
    none. Bare labels after an entry whose lines end with as many more whole entries get
    them, one each (a list's last page may print "27." over four entries, then "28." …
    "30."); failing that, the first bare label takes the rest, which the next label may then
    cut again. An entry that ends without a full stop ("… Environ Sci Technol 9:430–437")
    ends where a line opens with names after its year."""
    given = list(entries)
    for position in range(1, len(given)):
        before = given[position - 1]
        if _label_only(before):
            continue
        run = position
        while (
            run < len(given)
            and _label_only(given[run])
            and given[run].number == given[run - 1].number + 1
        ):
            run += 1
        if run == position:
            continue
        for labels in sorted({run - position, 1}, reverse=True):
            pieces = _entries_after_own(before, labels)
            if pieces is not None:
                given[position - 1] = replace(before, lines=(before.lines[0], *pieces[0]))
                for bare, piece in zip(range(position, position + labels), pieces[1:], strict=True):
                    given[bare] = replace(given[bare], lines=(given[bare].lines[0], *piece))
                break
    return given


def _entries_after_own(entry: EntryLines, count: int) -> list[list[Line]] | None:
    """The entry's own lines, then `count` whole entries that its lines go on with; None
    unless they are exactly as many (the last ending like an entry)."""
    for ends in ENTRY_ENDS:
        own = _first_piece(entry.lines[1:], entry.lines[0].text[entry.offset :], ends)
        rest = list(entry.lines[1 + len(own) :])
        pieces = _pieces(rest, count + 1, False, ends)
        if len(pieces) == count and ends_an_entry(_piece_text(pieces[-1])):
            return [own, *pieces]
    return None


def ends_an_entry(text: str) -> bool:
    """`entry_is_complete`, or an entry of a list that closes its entries with no full stop:
    "…, Cambridge, 2017", "…, Cell, 2020, 149, 1815–1822" (a year in it, a number last)."""
    return entry_is_complete(text) or (
        text.rstrip()[-1:].isdigit() and YEAR_WORD.search(text) is not None
    )


def _past_the_list(line: Line) -> bool:
    """A heading, a caption or table, the next section or a bulleted line: the list is over."""
    text = line.text.strip()
    return bool(
        line.kind == HEADING
        or line.kind in NOT_LIST_KINDS
        or AFTER_LIST_HEADING.match(text)
        or LIST_HEADING.match(text)
        or BULLET.match(text)
    )


def _lines_after(lines: Sequence[Line], index: int, skip: set[int]) -> list[Line]:
    """The lines after the last label that may still be the list's, however many."""
    after = []
    for later in range(index + 1, len(lines)):
        if later in skip:
            continue
        if _past_the_list(lines[later]):
            break
        after.append(lines[later])
    return after


# A column of labels printed apart from its entries ("51." … "76.", one a line): so many labels
# in a row share the evidence the last one finds, and pair with their text before a bare label
# is given the entry printed above it
MIN_LABEL_COLUMN = 3


def pair_label_column(
    entries: list[EntryLines],
    after: Callable[[], Sequence[Line]] = list,
    shortest: int = MIN_LABEL_COLUMN,
) -> list[EntryLines]:
    """Labels printed as a column of their own ("51." … "76.", then the 26 entries' text
    without labels, as pdftotext prints a BMC list): each label gets its entry's lines.

    Such a run reads as labels with nothing after them, the last holding every entry's text.
    That text is cut where an entry ends (a year and a closing full stop, then a capital);
    its opening lines finish the entry before the run when that one was cut by the page. The
    entries are paired only when the pieces are exactly as many as the labels. A run that
    ends the list pools the lines `after()` gives, all those after its last label (the last
    entry took only a few). A column holds `shortest` labels at least."""
    paired = list(entries)
    position = 0
    while position < len(paired):
        run = position
        while (
            run < len(paired)
            and _label_only(paired[run])
            and (run == position or paired[run].number == paired[run - 1].number + 1)
        ):
            run += 1
        # paired[position:run] hold labels alone; paired[run] the pooled text
        count = run - position + 1
        if (
            count < shortest
            or run >= len(paired)
            or paired[run].number != paired[run - 1].number + 1
        ):
            position = max(run, position + 1)
            continue
        pooled = paired[run]
        last = run == len(paired) - 1
        texts = list(after()) if last else list(pooled.lines[1:])
        before = paired[position - 1] if position > 0 else None
        before_text = _entry_text(before) if before is not None else ""
        # entries that end without a full stop ("… 31: 664–682, 2008") are cut where a line
        # opens with names after an entry's text, if that makes exactly as many
        cut = next(
            (
                cut
                for ends in ENTRY_ENDS
                if (cut := _cut_column(texts, before_text, count, last, ends)) is not None
            ),
            None,
        )
        if cut is None and before is not None:
            # labels printed after some of their entries: the entry before the run pooled
            # the first entries' text, the run's last label the rest
            own_and_pieces = _cut_around(before, texts, count, last)
            if own_and_pieces is not None:
                own, pieces = own_and_pieces
                paired[position - 1] = replace(before, lines=(before.lines[0], *own))
                cut = [], pieces
        later = _labels_alone_after(paired, run) if cut is None and not last else 0
        if later:
            # the next page's column printed after its entries' text, which this run's last
            # label pooled with its own entries': both columns share the pieces
            cut = next(
                (
                    cut
                    for ends in ENTRY_ENDS
                    if (cut := _cut_column(texts, before_text, count + later, False, ends))
                    is not None
                ),
                None,
            )
            run += later if cut is not None else 0
        if cut is None:
            position = run + 1
            continue
        tail, pieces = cut
        if tail and before is not None:
            paired[position - 1] = replace(before, lines=(*before.lines, *tail))
        for offset, piece in enumerate(pieces):
            label = paired[position + offset]
            # the label's own line, then its entry's: the label stays where it was printed
            paired[position + offset] = replace(label, lines=(label.lines[0], *piece))
        position = run + 1
    return paired


def _labels_alone_after(entries: Sequence[EntryLines], at: int) -> int:
    """How many labels alone, counting on, follow entry `at` (which holds text); 0 for fewer
    than two."""
    end = at + 1
    while (
        end < len(entries)
        and _label_only(entries[end])
        and entries[end].number == entries[end - 1].number + 1
    ):
        end += 1
    return end - at - 1 if end - at - 1 >= 2 else 0


def _label_only(entry: EntryLines) -> bool:
    return len(entry.lines) == 1 and not entry.lines[0].text[entry.offset :].strip()


def _entry_text(entry: EntryLines) -> str:
    return " ".join([entry.lines[0].text[entry.offset :], *(line.text for line in entry.lines[1:])])


def _cut_column(
    texts: Sequence[Line],
    before_text: str,
    count: int,
    last: bool,
    ends: Callable[[str, str], bool],
) -> tuple[list[Line], list[list[Line]]] | None:
    """A column's pooled `texts` cut by `ends`: the lines that finish the entry before the
    column (`before_text`, cut by the page), then one piece for each of `count` labels; None
    unless the pieces are exactly as many."""
    tail: list[Line] = []
    if before_text and not entry_is_complete(before_text):
        tail = _first_piece(texts, before_text, ends)
        texts = texts[len(tail) :]
    pieces = _pieces(texts, count, last, ends)
    if len(pieces) != count:
        return None
    if ends is next_entry_starts and not entry_is_complete(_piece_text(pieces[-1])):
        return None
    return tail, pieces


def _cut_around(
    before: EntryLines, texts: Sequence[Line], count: int, last: bool
) -> tuple[list[Line], list[list[Line]]] | None:
    """pdftotext may print a page's first entries, then their labels as a column, then the
    next labels and the rest of the entries: the entry before a run of labels holds its own
    text and the first entries' (`before`), the run's last label the others (`texts`). Its
    own lines, then one piece for each of `count` labels; None unless they are exactly as
    many."""
    own_text = before.lines[0].text[before.offset :]
    lines = list(before.lines[1:])
    for ends in ENTRY_ENDS:
        own = _first_piece(lines, own_text, ends)
        early = _pieces(lines[len(own) :], count, False, ends)
        if not early or len(early) >= count:
            continue
        late = _pieces(texts, count - len(early), last, ends)
        if len(late) == count - len(early):
            return own, early + late
    return None


def _pieces(
    texts: Sequence[Line], count: int, last: bool, ends: Callable[[str, str], bool]
) -> list[list[Line]]:
    """`texts` cut into entries where `ends` says the next one opens (at most `count` when
    the run ends the list, whose lines run on past its entries)."""
    pieces = []
    while texts and not (last and len(pieces) == count):
        piece = _first_piece(texts, "", ends)
        pieces.append(piece)
        texts = texts[len(piece) :]
    return pieces


def _first_piece(
    texts: Sequence[Line], so_far: str, ends: Callable[[str, str], bool] | None = None
) -> list[Line]:
    """The lines of `texts` up to where the entry begun with `so_far` ends
    (`next_entry_starts`, the rule the list's last entry ends by, unless `ends` is given)."""
    ends = ends or next_entry_starts
    piece: list[Line] = []
    for line in texts:
        if piece or so_far:
            text = " ".join([so_far, *(taken.text for taken in piece)]).strip()
            if ends(text, line.text.strip()):
                break
        piece.append(line)
    return piece


# "Okafor AB, …", "Okafor A: …", "Okafor, A. …", "A. B. Okafor, …": a line opening with a name
NAMES_OPENING = lazy(
    rf"(?:(?:{AFTER_INITIALS_PARTICLE} ){{0,2}}"  # "van der Berg M-CP, …"
    rf"[{UPPER}][\w'’\-]+(?: [{UPPER}][\w'’\-]+)? [{UPPER}]{{1,3}}(?:-[{UPPER}]{{1,2}})?"
    # "Çelik T (1988)"; "Almeida HM-L and Ivanova WY." (two authors, no comma)
    rf"(?: {AFTER_INITIALS_PARTICLE})*(?:[,.:]| \({PRINTED_YEAR}[a-z]?\)| (?:and|&) [{UPPER}])"
    # "Okafor, A.", "di Marco, L.", "de la Cruz, Ł."; "A. B. Okafor,"
    rf"|(?:{AFTER_INITIALS_PARTICLE} ){{0,2}}[{UPPER}][\w'’\-]+, [{UPPER}]\."
    rf"|(?:[{UPPER}]\. ?){{1,3}}[{UPPER}][\w'’\-]+,)"
)


def _names_after_entry(so_far: str, text: str) -> bool:
    """A line opening with names after an entry's year, or after its title has begun ("…
    Berlin, Springer": a book printed without its year); not the next line of a long list
    of names ("Okafor A, …, Tanaka F," + "Chen G, et al: …")."""
    if so_far[-1:] == "," or NAME_GOES_ON.search(so_far):
        return False
    if NAMES_OPENING.match(text) is None and not _body_opens(text):
        return False
    return YEAR_WORD.search(so_far) is not None or TITLE_BEGUN.search(so_far) is not None


def _body_opens(text: str) -> bool:
    """ "European Medicines Agency: Title …": a line opening with a body's name, an author."""
    opening = GROUP_OPENING.match(text)
    return (
        opening is not None
        # (not a book's "University Press, Oxford, pp 183–191" on the line after its title)
        and text[opening.end() : opening.end() + 1] in ".:"
        and ORGANISATION_NOUN.search(opening["group"]) is not None
    )


# "… Edited by Alvarez" + "J. Oxford, …": an editor's name broken over the line
NAME_GOES_ON = lazy(r"\b(?:by|and|&|In:?)(?:\s+[A-Z][\w'’\-]+)?\s*$")
# "Moreau D: Tumour…", "Moreau D. Tumour…": the names are over and the title has begun
TITLE_BEGUN = lazy(r"[.:] [A-Z]")


def _entry_or_names_end(so_far: str, text: str) -> bool:
    """Either rule: a list that ends some entries with a full stop and a capital after them
    ("Food and Agriculture Organization. …"), others without one (a book's "… Elsevier;
    2010:") before a line of names."""
    return next_entry_starts(so_far, text) or _names_after_entry(so_far, text)


# The rules that cut pooled text into entries, tried in turn until one gives as many as needed
ENTRY_ENDS = (next_entry_starts, _names_after_entry, _entry_or_names_end)


def _after_heading(lines: Sequence[Line], index: int) -> bool:
    return any(LIST_HEADING.match(lines[i].text) for i in range(max(0, index - 3), index))


# "https://doi." + "org/10.1000/…", "http://www.fda.gov/newsevents/" + "newsroom/…", and the
# scheme alone: "https:" + "//www.example.org/…"
URL_BREAK = lazy(
    r"(?:https?://|www\.|doi:\s*|\b10\.\d{4,9}/)\S*[/._\-=?&:]$|\bhttps?:/{0,2}$", re.IGNORECASE
)
URL_CONTINUATION = lazy(r"^(?:[a-z0-9]|\S*[/._=?&%()]\S*)", re.ASCII)
# A web address broken anywhere, as LaTeX's xurl and many publishers break them: "https://www.
# ema.eu" + "ropa.eu/en/…", "https://www.who.int/publicat" + "ions/…", "…/multicentre-tox" +
# "icity-after-egfr". The line ends inside the address, and the next opens with a piece of one:
# a letter and a mark of an address's inside with a word character after it, or a slash soon
# ("2019.", "12.05.2023", "Accessed", "doi:10.1000/x" open no such piece)
URL_UNFINISHED = lazy(r"(?:https?://|www\.)\S*[A-Za-z0-9]$")
URL_REST = lazy(
    # (or a path that goes on at the slash or the domain's dot: "https://www.cancer.gov/
    # research/progress" + "/report-760.", "https://www.cancer" + ".gov/research/…")
    r"(?!doi|https?:|www\.)(?:[a-z][\w~%]*[/._\-=?&#%]\w|[A-Za-z0-9][\w~%.\-]*/\S|/[\w~%.\-]"
    r"|\.[a-z]{2,6}/)",
    re.ASCII,
)
WORD_HYPHEN = lazy(r"[A-Za-zÀ-ÿ]-$")


LINK_BREAK_ENDS = "/._-=?&:"


def ends_in_link_break(text: str) -> bool:
    """URL_BREAK.search(text), looking only where a match can start: in the last word, or at a
    "doi:" just before it (the one prefix that may be followed by spaces). The text an entry
    has joined so far grows line by line; a search from its start would scan it again for
    every line."""
    if not text or text[-1] not in LINK_BREAK_ENDS:
        return False
    words = text.rsplit(None, 1)
    head = len(words[0]) if len(words) == 2 else 0  # where the spaces before the last word start
    return bool(URL_BREAK.search(text, max(0, head - 4)))


# a typesetter's hyphen inside a DOI's word: "10.1371/jour-" + "nal…", and "10.1056/NEJ-" +
# "Moa1225665" (TeX breaks a word after two letters at least, before three at least)
DOI_BROKEN_AT_HYPHEN = lazy(r"\b10\.\d{4,9}/\S*[A-Za-z]{2}-$")
SYLLABLE_START = lazy(r"[a-z]|[A-Z][a-z]{2}")


def _typesetters_doi_hyphen(text: str, part: str) -> bool:
    return bool(DOI_BROKEN_AT_HYPHEN.search(text) and SYLLABLE_START.match(part))


def join_lines(parts: Sequence[str], spelled: WordCounts | None = None) -> str:
    """Lines of one entry → one string: URLs and DOIs rejoined, hyphenated words mended.

    "Tol-" + "bert" → "Tolbert" (a break inside a word); "Moro-" + "Sibilot" keeps its hyphen;
    "10.1371/jour-" + "nal.pone.0000001" → "10.1371/journal.pone.0000001". `spelled`: how
    often the document writes each word, the first evidence for a hyphen at a line's end.
    """
    text = ""
    for position, part in enumerate(parts):
        part = part.strip()
        if not part:
            continue
        if not text:
            text = part
        elif position == len(parts) - 1 and _ends_a_broken_doi(text, part):
            text = (text[:-1] if _typesetters_doi_hyphen(text, part) else text) + part
        elif (
            ends_in_link_break(text)
            and (URL_CONTINUATION.match(part) or _typesetters_doi_hyphen(text, part))
        ) or (URL_UNFINISHED.search(text) and URL_REST.match(part)):
            if _typesetters_doi_hyphen(text, part):
                # "10.1371/jour-" + "nal": the typesetter's hyphen inside a word of a DOI; a
                # URL's "…/part-two-" + "definitions/" keeps its own
                text = text[:-1]
            text += part
        elif text[-1] == "-" and WORD_HYPHEN.match(text, len(text) - 2) and part[:1].islower():
            # "Tol-" + "bert": a word broken in two; "Long-" + "term": the compound's own hyphen
            text = text + part if _compound_at_break(text, part, spelled) else text[:-1] + part
        elif text[-1] == "-" and WORD_HYPHEN.match(text, len(text) - 2):
            text += part  # "Li-" + "Na", "Artal-" + "Cortes": a real hyphen
        elif text[-1] == "-" and text[-2:-1].isdigit() and part[:1].isalnum():
            # "p53-" + "regulated", "IL-6-" + "induced", "1145-" + "1150": after a digit the
            # hyphen is the word's own (no word is broken after a digit), and so is its join
            text += part
        else:
            text += " " + part
    return text


def _compound_at_break(text: str, part: str, spelled: WordCounts | None = None) -> bool:
    """Does the hyphen ending `text` belong to a compound that `part` goes on ("Long-" +
    "term", "quality-of-" + "life"), not to a word broken in two ("Tol-" + "bert")? The
    document's own spelling elsewhere decides first ("fibroglandular", written whole 90 times,
    is no compound), then the words' frequencies in English."""
    # the words either side of the hyphen, as the body's line joins find them (`stitch`)
    left, right = HYPHEN_BREAK.search(text), NEXT_WORD.match(part)
    if left is None or right is None:
        return False
    if spelled is not None:
        whole = spelled.get(f"{left['left']}{right['right']}".lower())
        hyphenated = spelled.get(f"{left['left']}-{right['right']}".lower())
        if whole != hyphenated:
            return hyphenated > whole
    if len(right.group()) <= 3 and part[right.end() : right.end() + 1] == ".":
        # "Ann On-" + "col.", "Pharma-" + "col.": an abbreviation broken in two (a title's
        # last word has its full stop too: "a meta-" + "analysis.")
        return False
    if left["left"][-1].isupper():
        return True  # "T-" + "cell", "NF-" + "kB": a capital before the hyphen makes a compound
    # "quality-of-" + "life": a chain of words joined by hyphens goes on
    chained = text[left.start() - 1 : left.start()] == "-"
    return chained or compound_broken_at_hyphen(left["left"], right["right"])


# the rest of a DOI, alone on an entry's last line: no spaces, and no year or bracket
DOI_TAIL = lazy(r"[\w.\-/;:]+")


def _ends_a_broken_doi(text: str, part: str) -> bool:
    """'…doi:10.1056/NEJMoa1' + '801234': a DOI the typesetter broke where it has no hyphen,
    dot or slash (biblatex lets it break after any digit or letter), its rest the entry's last
    line. A year ("2019.") or an identifier ("PMID:123") on that line is no part of it."""
    return bool(
        text[-1:].isalnum()
        and DOI_TAIL.fullmatch(part)
        and not IDENTIFIER_START.match(part)
        and not WRAPPED_YEAR.fullmatch(part)
        and DOI_AT_END.search(text, max(0, text.rfind(" ")))
    )


# --- 3. parsing fields ---------------------------------------------------------------------

YEAR = rf"{PRINTED_YEAR}[a-z]?"  # "2019a": the second work of an author that year
PAGE = r"[A-Za-z]{0,3}\d+[A-Za-z]?"
PAGES = rf"{PAGE}(?:\s*{DASH}\s*{PAGE})?(?:\s*,\s*{PAGE}\s*{DASH}\s*{PAGE})*"

# (the lookahead: a match starts with the first letter of "Available" or a translation of it,
# the u of biblatex's "url:", or h or w, in either case)
URL = lazy(
    rf"(?=[abdhituvw<(])(?:(?:{AVAILABLE_WORD}\s*"
    r"(?:from|at|online|em|en|sur|su|unter|di|op|fra|från|osoitteessa)?\s*:?\s*"
    r"|\burl:?\s*|at\s+(?=<))?)"
    rf"(?P<open>[<(]?)(?P<url>{WEB_ADDRESS})",
    re.I,
)
# what closes a web address printed in brackets: "<https://…>" (ABNT and others), "(https://…)"
URL_CLOSE = {"<": ">", "(": ")"}
# China's GB/T 7714 prints the kind of work after its title: "[J]" (a journal's article),
# "[M]" (a book), "[J/OL]", "[EB/OL]" (on line)
KIND_CODE = r"(?-i:(?:J|M|C|D|R|N|P|S|Z|A|G|K|DB|CP|EB)(?:/OL)?)"
KIND_TAG = lazy(rf"\[{KIND_CODE}\]")
EDITOR_MARK = lazy(r",\s*eds?\.|\(eds?\.?\)", re.I)
GBT_KINDS = {"J": "article", "M": "book", "D": "thesis", "EB": "web", "C": "chapter"}
PART_OF_WHOLE = lazy(rf"\s*\[{KIND_CODE}\]\s*//\s*")
IDENTIFIERS = lazy(
    r"\b(?:PMID|PMCID)\s*:?\s*\w+\.?"
    # Johnson Matthey's "… 1954 LINK https://doi.org/…": the label of the entry's link
    r"|(?-i:\s+LINK)(?=\s*(?:https?://|$))"
    r"|\s*\[(?:(?:homepage|monograph|database|serial) on the )?(?:Internet|Online|web\s?site"
    # (GOST's medium designator: "[Electronic resource]", "[Электронный ресурс]")
    r"|en ligne|en línea|Daring|PubMed|Electronic resource|Электронный ресурс"
    rf"|Google Scholar|CrossRef|{KIND_CODE}"
    r")\](?P<stop>\.?)",
    re.I,
)
ACCESSED = lazy(
    # (the Kidney Research's "[Date accessed: April 21, 2023]": a word before it in the bracket)
    rf"[\[(]?(?:(?<=\[)Date\s+)?\b{ACCESS_WORD}\b[^\])]*[\])]?\.?"
    r"|\[(?:updated|modified|revised)\b[^\]]*\]\.?"  # "[updated 2021 Apr 1; cited …]"
    # GB/T 7714's date cited after the date published: "(2020-01-02)[2024-05-01]"
    r"|(?<=\))\[\d{4}-\d{1,2}-\d{1,2}\]"
    # Thieme's "…; Stand: 10.06.2023": the date the page was read
    r"|[;,]?\s*\bStand:\s*\d{1,2}\.\s?\d{1,2}\.\s?\d{4}\.?",
    re.I,
)
# "and et al" too: some reference managers print "…, J. E. Shaw and et al, Nat Neurosci"
ET_AL = lazy(r",?\s+(?:(?:and|&)\s+)?et\.?\s*al\.?,?", re.I)

# the small words of a journal's or an organisation's name, in any language: "Ministry of Fakes"
NAME_FUNCTION_WORDS = FUNCTION_WORDS | FOREIGN_FUNCTION_WORDS | {"&"}


@dataclass
class Draft:
    """An entry being parsed: `rest` is the text no step has claimed yet."""

    rest: str
    style: str
    authors: list[str] = field(default_factory=list)
    title: str | None = None
    journal: str | None = None
    year: int | None = None
    volume: str | None = None
    pages: str | None = None
    doi: str | None = None
    url: str | None = None
    kind: str | None = None
    container: str | None = None  # book title, publisher, press-release source
    matched: bool = False  # a source pattern (volume/pages/year) was found
    published: bool = False  # "Place: Publisher; Year": a book or report
    # the authors are what stands before a quoted title (biblatex): names by their place, in
    # any form, full given names too ("Jana Lindqvist and Ben Kowalski")
    names_by_position: bool = False

    def attempt(self, style: str | None = None) -> Draft:
        """A copy without authors for one style's rule to fill: `replace(self, authors=[])`,
        without its per-call field introspection (a list tries seven styles per entry)."""
        copy = object.__new__(Draft)
        copy.__dict__.update(self.__dict__)
        copy.authors = []
        if style is not None:
            copy.style = style
        return copy


# "doi: 10 . 1000/fake.6": biblatex lets a DOI break after "10.", and the glyphs come apart
SPACED_DOI_PREFIX = lazy(r"(\bdoi\s*:?\s*)10(?:\s+\.\s*|\.\s+)(?=\d{4,9}\s*/)", re.I)


def take_doi(draft: Draft) -> None:
    """'doi:10.1000/xyz', 'https://doi.org/10.…', 'DOI: 10.21037/cco.2018.10.12.' → doi."""
    if "10 ." in draft.rest or "10. " in draft.rest:
        draft.rest = SPACED_DOI_PREFIX.sub(r"\g<1>10.", draft.rest)
    match = DOI_IN_TEXT.search(draft.rest) if "10." in draft.rest else None
    if match:
        draft.doi = match.group("doi").rstrip(".,;")
        # "(doi:10.1000/x)", "[DOI: 10.1000/x]": the bracket closing around it is not the DOI's
        for opening, closing in ("()", "[]"):
            if draft.doi.count(opening) < draft.doi.count(closing):
                draft.doi = draft.doi[: draft.doi.rfind(closing)].rstrip(".,;")
        draft.rest = (draft.rest[: match.start()] + draft.rest[match.end() :]).strip()


def take_url(draft: Draft) -> None:
    """The first web address (after any DOI link is gone) → url."""
    lowered = plain_lower(draft.rest)
    match = URL.search(draft.rest) if "http" in lowered or "www." in lowered else None
    if match:
        url = match.group("url").rstrip(".,;")
        opening = match.group("open")
        close = URL_CLOSE.get(opening)
        # "<https://x.org/a>." → the address; "(https://x.org/Foo_(bar))" keeps its own bracket
        while close and url.endswith(close) and url.count(close) > url.count(opening):
            url = url[:-1].rstrip(".,;")
        draft.url = url
        end = match.start("url") + len(url)  # "…-cancer, 2017.": the comma stays
        if close and draft.rest[end : end + 1] == close:
            end += 1  # the bracket goes with the address it closes
        draft.rest = (draft.rest[: match.start()] + " " + draft.rest[end:]).strip()


EMPTY_CLAUSE_END = lazy(r"\s*[,;]\s*\.\s*$")
DOUBLE_STOP_END = lazy(r"\.\s+\.$")


def plain_lower(text: str) -> str:
    """`text` in lowercase, each letter re.IGNORECASE equates with an ASCII one spelled as it
    ("ſ" is "s", "İ" and "ı" are "i"): a word absent from it is absent for an ignore-case
    pattern too, so the cheap `in` test can spare the pattern's scan."""
    if text.isascii():
        return text.lower()
    return text.replace("\u0130", "i").lower().replace("\u017f", "s").replace("\u0131", "i")


def _identifier_gap(match: re.Match[str]) -> str:
    # a bracketed tag ends the title, whatever follows it: "report [Internet]. Geneva: …",
    # "ovarian cancer [Internet]2022; [cited …]" (no space or stop after the tag)
    return ". " if match.group("stop") is not None else " "


# the words ACCESSED needs, in plain lower case (no accents)
ACCESS_WORDS = (
    "accessed",
    "retrieved",  # AIAA's "Retrieved 6 August 2022."
    "cite",  # "cited", and "cité" with its accent taken off
    "citado",
    "[updated",
    "acesso",
    "consult",
    "abgerufen",
    "zugegriffen",
    "accedido",  # Spanish
    "erişim",  # Turkish
    "dostęp",  # Polish
    "geraadpleegd",  # Dutch
    "geciteerd",  # Dutch: "[geciteerd 21 augustus 2023]"
    "aufgerufen",  # German: "[zuletzt aufgerufen am 10.07.2024]"
    "henvist",  # Danish: "[henvist 16 juli 2024]"
    "sitert",  # Norwegian
    "citerad",  # Swedish
    "hämtad",
    "viitattu",  # Finnish
    "diakses",  # Indonesian
    "stand:",  # German (Thieme)
    ")[",  # GB/T 7714: "(2020-01-02)[2024-05-01]"
)


def drop_identifiers(draft: Draft) -> None:
    """'PMID: 12345678', '[Internet]', '(accessed 3 May 2019)' say nothing the fields keep."""
    text = draft.rest
    # each pattern only where the words it needs are printed: most entries print none
    lowered = plain_lower(text)
    if "]//" in text:
        # GB/T 7714's part of a whole: "Title[M]//Editors. Book. Place: Publisher, 2016: 8-9."
        # reads as the chapter it is: "Title. In: Editors. Book. …"
        text = PART_OF_WHOLE.sub(". In: ", text)
    if "pmid" in lowered or "pmcid" in lowered or "[" in text or "LINK" in text:
        # "Global cancer report [Internet]. Geneva: WHO; 2020": the full stop after the tag
        # still ends the title
        text = IDENTIFIERS.sub(_identifier_gap, text)
    if any(word in lowered for word in ACCESS_WORDS):
        text = ACCESSED.sub(" ", text)
    text = " ".join(text.split())  # white space runs to one space, as re's \s+ sees them
    if text.endswith("."):
        # "…2004, doi: 10.1000/x." leaves "…2004, ." behind; a leading ", 2017." (a web entry
        # whose URL came first) keeps its comma for the RSC pattern
        text = EMPTY_CLAUSE_END.sub(".", text)
        # "…Fake Bulletins; 2019. Available from: https://x.org/y." leaves "…; 2019. ."
        # behind: the link's own full stop, which would hide the year that closes the entry
        text = DOUBLE_STOP_END.sub(".", text)
    draft.rest = text.rstrip(" ,;")


NAME_BREAK = lazy(r"\s*,\s*(?:and\s+|&\s*)?|\s+and\s+|\s*&\s*")


def split_names(text: str) -> list[str]:
    """'A. B. Smith, C. Jones and D. Lee' → names; 'et al.' dropped."""
    text = ET_AL.sub("", text).strip(" ,.;")
    parts = [part for part in NAME_BREAK.split(text) if part.strip()]
    if (
        len(parts) > 1
        and INVERTED_FAMILY.fullmatch(parts[0])
        and GIVEN_IN_FULL.fullmatch(parts[1])
        and INVERTED_FIRST.match(text)
        and all(FULL_NAME_PATTERN.fullmatch(part) for part in parts[2:])
    ):
        # Chicago's and MHRA's "Dubois, Dmitri, Aisha Eriksson, and Teresa Zhang": names in
        # full, the first one's family name first; its given names are no second author
        parts[:2] = [f"{parts[0]}, {parts[1]}"]
    return [repair_name(part) for part in parts]


GIVEN_WORD = rf"[{UPPER}][a-zà-ÿ'’]+(?:-[{UPPER}]?[a-zà-ÿ'’]+)*"
# "Dubois", "van Dijk", "Šimić-Okafor": a family name alone; "Mei-Ling Ana": given names in full
INVERTED_FAMILY = lazy(rf"(?:[a-z]{{1,3}} ){{0,2}}[{UPPER}][\w'’\-]+")
GIVEN_IN_FULL = lazy(rf"{GIVEN_WORD}(?: {GIVEN_WORD}){{0,2}}")
INVERTED_FIRST = lazy(rf"[^,]+,\s*[{UPPER}][a-zà-ÿ'’\-]+")  # (a comma after the family name)


NAME_WORD = lazy(r"[\w'’\-]+")


def looks_like_group(text: str) -> bool:
    """'Made-Up Health Agency', 'Ministry of Fakes': capitalised words, few lowercase ones."""
    words = [w for w in NAME_WORD.findall(text) if w.casefold() not in NAME_FUNCTION_WORDS]
    if not words or len(words) > 14 or len(text.strip(" .")) < 2:
        return False
    return sum(1 for w in words if w[:1].isupper() or w[:1].isdigit()) >= 0.8 * len(words)


ASCII_CAPITAL = lazy(r"[A-Z]")


def looks_like_journal(text: str) -> bool:
    """'Eur. J. Fake Res.', 'Proc Fake Acad Sci U S A', 'npj Fake Medicine': no lowercase words
    beyond function words and short lowercase abbreviations."""
    words = text.split()  # the runs of non-space, as [^\s]+ finds them
    if not words or len(words) > 12:
        return False
    for position, word in enumerate(words):
        bare = word.strip(".,:;()")
        if not bare:
            continue
        if word.rstrip(".").endswith(("?", "!")):
            return False  # "What now? Why?. Fake J": the title's question, not a journal
        if (
            word.endswith(".")
            and position < len(words) - 1
            and not is_abbreviation(bare)
            and not (
                position > 0
                and bare[:1].isupper()
                and DOTTED_ABBREVIATION.match(words[position - 1])
            )
        ):
            # "Commentary. Growth": a sentence ends inside, so a title does; not "J. Infect.
            # Dis.", "Ann. Intern. Med.": a word after an abbreviation's full stop is one too
            return False
        if bare[:1].isupper() or bare[:1].isdigit() or bare.casefold() in NAME_FUNCTION_WORDS:
            continue
        if ASCII_CAPITAL.search(bare) or (position == 0 and len(bare) <= 3) or word.endswith("."):
            continue  # "eLife", "mBio", "npj", "Res. Lett." lowercase-led abbreviations
        return False
    return True


# "J.", "Ann.", "Proc.": an abbreviated word of a journal's name, capitalised, with its full stop
DOTTED_ABBREVIATION = lazy(rf"[{UPPER}][a-z]{{0,5}}\.$")


@lru_cache(maxsize=4096)
def is_abbreviation(word: str) -> bool:
    """'J', 'Natl', 'Chemother', 'Pharmacol' are; 'Overview', 'Triplex' are words.

    Short words are abbreviations; longer ones are when they are rare as English words.
    """
    if len(word) <= 5 or not word.isalpha():
        return True
    return zipf(word.casefold()) < 3.0


# "…in the nematode C. elegans. Curr Biol", "…Polaribacter sp. MED152": a genus's initial before
# a lowercase species, or a taxonomic abbreviation before a strain, ends no sentence, so no
# title ends there
GENUS_INITIAL = lazy(r"\b[A-Z]\.$")
TAXON_ABBREVIATION = lazy(r"\b(?:sp|spp|subsp|ssp|var|cf)\.$")


def ends_sentence(text: str, match: re.Match[str]) -> bool:
    """Does the full stop (or ? !) `match` found in `text` end a sentence?"""
    before = text[: match.start() + 1]
    after = text[match.end() :].split(maxsplit=1)[0] if text[match.end() :].strip() else ""
    if TAXON_ABBREVIATION.search(before) and any(ch.isdigit() for ch in after):
        return False  # "Polaribacter sp. MED152": a strain; "Mycobacterium sp. Methods Mol"
    return not (GENUS_INITIAL.search(before) and after[:1].islower())


SENTENCE_END = lazy(r"[.?!]\s+(?=\S)")
# ", Front" before ". Immunol": an abbreviated word after the title's comma
COMMA_ABBREVIATION = lazy(r",\s+(?P<word>[A-Z][a-z]{0,7})$")
SENTENCE_END_SPACE = lazy(r"[.?!] (?=\S)")
GLUED_SENTENCE_END = lazy(r"[a-z]{3}[.?!](?=[A-Z])")


# "“Title,” Journal", "“Title.” Journal", "“Title”, Journal": a quoted title whose closing
# quote has the field's mark beside it (not "“Lichens” in cold winds. Nature")
QUOTED_WHOLE_TITLE = lazy(
    r"[“\"‘'](?P<title>.+?)(?:[,.]\s?[”\"’']|[”\"’'][,.]|[”’]\s+(?=[A-Z]|[a-z]+[A-Z]))\s*"
)  # (the Research and Education Promotion Association's "‘Title’ Circulation (vol. …)")


QUOTE_OPENINGS = "“\"‘'"


def split_title_journal(text: str, titles_expected: bool) -> tuple[str | None, str | None]:
    """'Title. J. Name' → (title, journal): the journal is the longest journal-like tail."""
    text = text.strip(" ,;")
    if not text:
        return None, None
    if text[0] in QUOTE_OPENINGS and (quoted := QUOTED_WHOLE_TITLE.match(text)):
        # SPIE's "“The TP53 variants of…,” Annals of Oncology": a title in quotes is printed,
        # whatever the rest of the list does, and the quotes say where it ends
        journal = text[quoted.end() :].strip(" ,;")
        return quoted.group("title").strip(" ,.") or None, tidy_journal(journal) or None
    if not titles_expected and looks_like_journal(text):
        return None, tidy_journal(text)
    for match in SENTENCE_END.finditer(text):
        if not ends_sentence(text, match):
            continue
        tail = text[match.end() :].strip(" ,")
        if looks_like_journal(tail):
            head = text[: match.start()]
            if (word := COMMA_ABBREVIATION.search(head)) and is_abbreviation(word.group("word")):
                # "…in transplant recipients, Front. Immunol.": the comma, not the
                # abbreviation's full stop, ends the title
                journal = text[word.start("word") :].strip(" ,")
                if looks_like_journal(journal):
                    return head[: word.start()].strip(" .") or None, tidy_journal(journal)
            return text[: match.start() + 1].strip(" .") or None, tidy_journal(tail)
    # no journal-like tail: the last sentence is the journal ("Title. Am J Fake Health"); a
    # journal starts with a capital, so "…. Fake discov. today" is cut before "Fake"
    cuts = [m.start() for m in SENTENCE_END_SPACE.finditer(text)]
    cut = max(cuts, default=-1)
    capital = [c for c in cuts if text[c + 2].isupper()]
    if capital and text[cut + 2].islower():
        cut = capital[-1]
    if cut > 0:
        return text[: cut + 1].strip(" .") or None, tidy_journal(text[cut + 2 :])
    if titles_expected and (glued := GLUED_SENTENCE_END.search(text)):
        # "Species richness as a determinant of canopy cover.Nat Commun": a style (or an
        # extractor) that sets no space after the title's full stop; a word of small letters
        # before the stop, a capital after it, and nothing else parts the two
        return text[: glued.end()].strip(" .") or None, tidy_journal(text[glued.end() :])
    return (text.strip(" ."), None) if titles_expected else (None, tidy_journal(text))


def tidy_journal(text: str) -> str:
    """The journal without the marks around it. A one-word journal's full stop is the mark
    after it ("Oncogene. 1992, 41 (8)"): such names are never abbreviated ("Blood", "Gut"),
    where "Sci. Rep." keeps its last full stop."""
    text = text.strip(" ,;")
    return text[:-1] if ONE_WORD_JOURNAL.fullmatch(text) else text


ONE_WORD_JOURNAL = lazy(r"[A-Z][a-z]{2,}\.")


ISSUE_END = lazy(r"\s*\([^)]*\)\s*$")
# "29/9": MHRA's and New Hart's volume/issue; "14(12": Optica's "14(12), 314–324", whose
# closing parenthesis a rule took for the source's; "19, No. 3": the TRR's "Vol. 19, No. 3"
# (ISO 690's French "Vol. 68, n° 4", German "Nr.", Russian "№");
# "296 12": the IAEA's "Nature Medicine 296 12 (1998) 804", the issue after a space
# (not "2022 7": Springer Nature's "Signal Transduction and Targeted Therapy 2022 7:1", the
# year before the volume)
WITH_ISSUE = lazy(
    r"(\d+)(?:\s*(?:/\s*\d+|\(\s*[\w–-]+\)?|,?\s*(?:[Nn]o\.|[Nn][°º]|№|Nr\.?)\s*[\w–-]+)"
    r"|(?<!^1[89]\d\d)(?<!^20\d\d)\s+\d{1,4})"
)


def volume_alone(volume: str | None) -> str | None:
    """The volume without the issue some styles print with it ("29/9", "14(12", "19, No. 3",
    Chicago's "19, no. 3", "296 12" → "29", "14", "19", "296"); the text route leaves the
    issue in `raw`, as it does for "29(9)"."""
    if volume and (issued := WITH_ISSUE.fullmatch(volume)):
        return issued.group(1)
    return volume or None


ISSUE_BEFORE_RANGE = lazy(
    rf"^\d{{1,3}}\s*,\s*(?=[A-Za-z]{{0,3}}\d+\s*{DASH}\s*[A-Za-z]{{0,3}}\d+\s*$)"
)


# "pp.", and the pages' label in other languages: Indonesian "hal." (halaman), Czech, Polish
# and German "s." / "S." (strana, strona, Seite), "ss.", "str.", Spanish and Portuguese "pág."
PAGE_LABEL = r"(?:pp?|hal|s|ss|str|S|págs?)\."
# "S 358–377": Springer's German styles print Seite without its full stop
PAGE_LABEL_START = lazy(rf"^(?:{PAGE_LABEL}|S\b)\s*(?=[A-Za-z]?\d)")


VOLUME_BEFORE_PAGES = lazy(r"(?P<volume>\d{1,4})\s+(?P<pages>[A-Za-z]?\d+(?:\s*[–-]\s*\d+)?)")


def tidy_pages(pages: str | None) -> str | None:
    """The pages as a field: without a label word ("p637–662"), and a range `pdftotext`
    joined ("4337-" at a line's end + "4359" → "43374359", its hyphen taken for a word's)
    parted again where the two halves count up a little: "4337–4359". Eight or ten digits
    only: a six-digit article number ("100123") is common, eight-digit ones are not."""
    if not pages:
        return None
    pages = PAGE_WORD_START.sub("", pages)
    if len(pages) in (8, 10) and pages.isdigit():
        first, last = pages[: len(pages) // 2], pages[len(pages) // 2 :]
        if first[0] != "0" and int(first) < int(last) <= int(first) + 500:
            return f"{first}–{last}"
    return pages


# "p637–662", "pp 12–19": the page label a rule took with the pages (a letter may start a
# page's number: "S12", "e4305", "L17"; "p" never does)
PAGE_WORD_START = lazy(r"^(?:pages?|pp?)\.?\s*(?=\d)")
# "pp. 214–240", "pp 172–208": what a rule read as a volume after a chapter's year
VOLUME_OF_PAGES = lazy(rf"^(?:{PAGE_LABEL}|pp\b)\s*(?=[A-Za-z]?\d)")


def set_source(draft: Draft, match: re.Match[str], structural: bool = True) -> None:
    """Year, volume and pages from a style's source pattern.

    `structural`: the pattern's punctuation alone proves a journal source ("vol. , pp. ,"
    printed empty still does); RSC's ", 2005." alone does not (books end that way too).
    """
    groups = match.groupdict()
    if groups.get("year"):
        draft.year = int(groups["year"][:4])
    volume = groups.get("volume") or groups.get("volume2") or groups.get("volume3")
    groups["pages"] = groups.get("pages") or groups.get("pages3")
    if volume and not groups.get("pages") and VOLUME_OF_PAGES.match(volume):
        # "…, Oxford, 2016, pp. 214–240." (a chapter after RSC's names): pages, no volume
        groups["pages"], volume = VOLUME_OF_PAGES.sub("", volume), None
    if volume:
        if ")" in volume:
            volume = ISSUE_END.sub("", volume)  # RSC "15(3)" → "15"
        volume = volume.strip(" ,.")
    if volume:
        draft.volume = volume
    if groups.get("pages"):
        # "Journal. 10, 5, 577–596 (2002)." (Springer's LNCS): volume, issue, then the pages;
        # the issue is no page of a list
        pages = ISSUE_BEFORE_RANGE.sub("", groups["pages"], count=1) if volume else groups["pages"]
        draft.pages = expand_pages(PAGE_LABEL_START.sub("", pages))
    draft.matched = structural or bool(draft.volume or draft.pages)


# --- styles: each a function over the draft; True when the style's source pattern fits ---

# RSC: "S. M. Gadgeel, …, and L. J. Yu, Lancet Oncol., 2014, 15, 1119–1128."
RSC_SOURCE = lazy(
    rf",\s*(?P<year>{YEAR})\s*(?:,\s*(?P<volume>[^,]{{1,25}}?)\s*"
    # (the Journal of Thermal Spray Technology's "…, 2005, 381, p 4128–4143.")
    rf"(?:,\s*(?:p\s)?(?P<pages>{PAGES}|[A-Z]+\d+))?)?\s*[.,]?\s*$"
)
# "K. Roe, Lamp Res. Lett., 2011, 12, 345–350, Lamp Research Letters, 12, 345–350." or
# "…, 2011, 12, 345–350; L. Poe, …": a full journal source with more printed after it (the
# title spelled out, a second work); only year, volume and pages together prove it
RSC_FIRST_SOURCE = lazy(
    rf",\s*(?P<year>{YEAR})\s*,\s*(?P<volume>\d+[A-Za-z]?(?:\s*\([^)]*\))?)\s*,"
    rf"\s*(?P<pages>{PAGES})\s*[,;]\s+(?=\S)"
)


LABELLED_VOLUME_CHUNK = lazy(r"(?:Vol|No)\.\s*\w+")


def parse_rsc(draft: Draft, titles_expected: bool) -> bool:
    match = RSC_FIRST_SOURCE.search(draft.rest) or RSC_SOURCE.search(draft.rest)
    if match:
        set_source(draft, match, structural=False)
        head = draft.rest[: match.start()]
    elif draft.url:
        # "Made-Up Lab, Made-Up Lab home page. http://…": a web page without a year
        head = draft.rest.strip(" .")
    else:
        return False
    chunks = [c.strip() for c in COMMA.split(head) if c.strip()]
    authors, index = take_leading_names(chunks)
    chunks, authors = names_then_title(chunks, authors, index)
    remaining = chunks[index:]
    if match and any(LABELLED_VOLUME_CHUNK.fullmatch(chunk) for chunk in remaining):
        return False  # "…, Vol. 12, No. 3, 1990, pp. 463-492.": labels RSC's style never prints
    draft.authors = authors
    numbered = bool(draft.volume and draft.volume.isdigit())  # an article's source, no book's
    if (
        (draft.matched or draft.doi)
        and len(remaining) > 1
        and _title_then_journal(remaining, numbered)
    ):
        # "E. Fischer and J. Moreau, Kinase survival in lung, J. Clin. Oncol., 2001, 12, 222":
        # RSC's order with the article's title (the RSC's own style prints none)
        draft.title, draft.journal = ", ".join(remaining[:-1]), remaining[-1]
    elif draft.matched or draft.doi:
        draft.journal = ", ".join(remaining) or None
        if (
            len(remaining) == 1
            and titles_expected
            and authors
            and all(map(is_person, authors))  # (RSC's names, initials first, all read)
            and not looks_like_journal(remaining[0])
        ):
            # Drug Testing and Analysis' "Names. Title. Journal, 2002, 274, 8754–8762.": the
            # title ends at a full stop
            draft.title, draft.journal = _title_at_full_stop(remaining[0])
    elif draft.url and len(remaining) == 1 and authors and is_person(authors[0]):
        draft.journal = remaining[0]  # "D. Smith, Fake News Blog, 2009. http://…": the site
    elif remaining and "; " in remaining[0]:
        # "Title; Springer, Berlin, 1996.": ACS-like books put the publisher after ";"
        draft.title, _, publisher = remaining[0].partition("; ")
        draft.container = ", ".join([publisher, *remaining[1:]])
    elif remaining:
        # "R.K. Roe, Estudo de coisas: métodos e casos, 2005.": a book; the title runs
        # to the next chunk that starts with a capital (the container or publisher)
        title = [remaining[0]]
        for chunk in remaining[1:]:
            if chunk[:1].isupper():
                break
            title.append(chunk)
        draft.title = ", ".join(title)
        draft.container = ", ".join(remaining[len(title) :]) or None
    return bool(match)


def _title_then_journal(chunks: Sequence[str], numbered: bool = False) -> bool:
    """Is the last chunk a journal and the first one words of a title ("Kinase survival in
    lung", not "J. Fake Chem., Sect. A", a journal's name with a comma)? A title in title
    case looks like a journal's name; four words or more of it, then a journal with a small
    letter in it ("Structure Resistance of Kidney in T-Cell, eLife"), before a volume's
    number (`numbered`), are a title and its journal, not one journal's name and its
    section ("…, Sect. A", "…, Part B")."""
    if not looks_like_journal(chunks[-1]):
        return False
    if not looks_like_journal(chunks[0]):
        return True
    last = chunks[-1]
    return (
        numbered  # (a volume's number: a publisher or a place ends no article's entry)
        and len(chunks[0].split()) >= 4
        and any(ch.islower() for ch in last)
        and not JOURNAL_SECTION.match(last)
    )


JOURNAL_SECTION = lazy(r"(?:Sect|Section|Part|Ser|Series|Suppl|Supplement)\b", re.I)


COMMA = lazy(r",\s*")  # the chunks of an entry: names, title, journal…
AND_SPLIT = lazy(r"\s+and\s+|\s*&\s*")
LEADING_AND = lazy(r"^(?:and|&)\s+")


AND_WORD_SPLIT = lazy(r"\s+and\s+")


def take_leading_names(chunks: list[str], groups: bool = True) -> tuple[list[str], int]:
    """Comma chunks of an initials-first list → (names, index of the first chunk after them)."""
    names: list[str] = []
    index = 0
    # "Torres E., Das J.-L., Title, JAMA Oncol., 2013, …": names printed family-first with
    # dotted initials, in a list whose fields all part at commas; the first name says so
    is_name = family_dotted if chunks and family_dotted(chunks[0]) else is_person
    while index < len(chunks):
        chunk = chunks[index]
        has_et_al = "et" in chunk and bool(ET_AL.search(chunk))
        if has_et_al:
            chunk = ET_AL.sub("", chunk).strip()
        if "and" in chunk or "&" in chunk:
            pieces = [p for p in AND_SPLIT.split(LEADING_AND.sub("", chunk)) if p]
        else:
            pieces = [chunk] if chunk else []
        if names and LEADING_ET_AL.fullmatch(chunk):
            index += 1  # "Chen G., Rao L., et al., Title": "et al." a chunk of its own
            break
        if pieces and all(is_name(p) for p in pieces):
            names.extend(repair_name(p) for p in pieces)
            index += 1
            if has_et_al or len(pieces) > 1:
                break  # "… and L. J. Yu" / "… et al.": the list ends here
            continue
        break
    if (
        groups
        and not names
        and len(chunks) > 1
        and looks_like_group(chunks[0])
        # "Smith AB, Jones C, …" is people, not a body ("Made Up MRI, Inc." is one)
        and not (VANCOUVER_NAME.match(chunks[0]) and VANCOUVER_NAME.match(chunks[1]))
    ):
        # "Made-Up Health Agency, Control of things…", "Committee on …, Made-Up Research
        # Council, Title": leading capitalised chunks are a group author
        group = [chunks[0]]
        index = 1
        while index < len(chunks) - 1 and looks_like_group(chunks[index]):
            group.append(chunks[index])
            index += 1
        pieces = AND_WORD_SPLIT.split(group[0]) if len(group) == 1 else [", ".join(group)]
        return [p.strip() for p in pieces], index
    return names, index


def family_dotted(chunk: str) -> bool:
    """ "Das J.-L.", "del Río A.L.": a family name, then initials, the last with its full stop
    (a title's chunk never ends so: "Vitamin D" is not taken)."""
    return (
        chunk.endswith(".") and not is_person(chunk) and bool(FAMILY_DOTTED_INITIALS.match(chunk))
    )


# Vancouver: "Smith AB, Jones C. Title. J Name. 2014;15(3):1119–28."
VANCOUVER_SOURCE = lazy(
    rf"""(?P<year>{YEAR})(?:\s+[A-Z][a-z]{{2,8}}(?:[-–/][A-Z][a-z]{{2,8}})?(?:\s+\d{{1,2}})?)?\s*;\s*
    (?:(?P<volume>[^:;()]*?)\s*(?:\((?P<issue>[^)]*)\))?\s*:\s*(?P<pages>{PAGES})?
      |(?P<volume3>\d{{1,4}})\s*;\s*(?P<pages3>{PAGES})    # Histopathology's "2022; 273; 998344"
      |(?P<pages2>{PAGES})
      |(?P<volume2>\w+)\s*(?:\((?P<issue2>[^)]*)\))?       # "2019; 31(7)." no pages
    )\s*(?:\.\s*|$)(?P<after>.*)$""",
    re.VERBOSE,
)
# Bioscientifica's journals (Endocrine Connections, Journal of Endocrinology): "Lancet Oncology
# 2009 12 718–726." — year, volume and pages with spaces alone between them. parse_vancouver
# reads it in VANCOUVER_SOURCE's stead: the empty groups are the ones it asks that one for
SPACED_SOURCE = lazy(
    rf"(?<=\s)(?P<year>{YEAR})\s+(?P<volume>\d{{1,4}}[A-Za-z]?)\s+(?P<pages>{PAGES})"
    r"(?P<pages2>)(?P<after>)\s*\.?\s*(?=\(|https?:|doi|$)"
)
# Hungarian journals' (Bőrgyógyászati és Venerológiai Szemle) and others': "Ann Oncol. (1996)
# 314(8), 2038–2043." — the year in brackets before volume and pages. parse_vancouver reads it
# in VANCOUVER_SOURCE's stead, as it does SPACED_SOURCE
PAREN_YEAR_SOURCE = lazy(
    rf"(?<=\s)\((?P<year>{YEAR})\)\s*(?P<volume>[A-Za-z]?\d{{1,5}}[A-Za-z]?)\s*(?:\((?P<issue>[^)]*)\))?"
    rf"\s*[,:]\s*(?P<pages>{PAGES})(?P<pages2>)(?P<after>)\s*\.?\s*(?=https?:|doi|$)",
    re.I,
)
# "… 2010.", "…; 2016 Dec.", "(2014)": a year closing the entry ("NCJ 304417." is no year)
# (A match starts with one of [.,;(], a space or a year's first digit; the lookahead says so
# and lets re skip every other position fast.)
YEAR_ONLY_END = lazy(
    rf"(?=[.,;(12]|\s)[.,;]?\s*\(?(?<!\d)(?P<year>{YEAR})\)?(?:\s+[A-Z][a-z]{{2,8}}\.?(?:\s+\d{{1,2}})?)?\s*[.;]?\s*$"
)


YEAR_SEMICOLON = lazy(rf"{YEAR}\s*;")
FINAL_STOP = lazy(r"\.\s*$")


# German university styles (Magdeburg's): "Names: Title.: Lancet Oncol 8. 1989–2009 (2008)" —
# volume, a full stop, pages, then the year in brackets
VOLUME_STOP_SOURCE = lazy(
    rf"(?<=\s)(?P<volume>\d{{1,4}}[A-Za-z]?)\.\s+(?P<pages>{PAGES})\s+\((?P<year>{YEAR})\)"
    r"(?P<pages2>)(?P<after>)\s*\.?\s*$"
)


# The Journal of Cardiothoracic and Vascular Anesthesia's (and older anaesthesia journals'):
# "Journal of Clinical Oncology 61:505–13, 2015" — volume, colon, pages, then the year last
VOLUME_PAGES_YEAR = lazy(
    rf"(?<=\s)(?P<volume>\d{{1,4}}[A-Za-z]?)\s*(?:\((?P<issue>[^)]*)\))?:\s*(?P<pages>{PAGES}),"
    rf"\s*(?P<year>{YEAR})(?P<pages2>)(?P<after>)\s*\.?\s*$"
)


# The Journal of Advanced Ceramics' (and Chinese journals'): "Proc Natl Acad Sci USA 2022, 148:
# 1363–74." — year, comma, volume, colon, pages; Periodontology 2000's "Front Immunol 2022: 269:
# 375–382." with a colon after the year too
YEAR_COMMA_SOURCE = lazy(
    rf"(?<=\s)(?P<year>{YEAR})[,:]\s*(?P<volume>\d{{1,4}}[A-Za-z]?)\s*(?:\((?P<issue>[^)]*)\))?:"
    rf"\s*(?P<pages>{PAGES})(?P<pages2>)(?P<after>)\s*\.?\s*$"
)


# ABNT's (Brazilian styles'): "Title. Journal, v. 151, n. 6, p. 1893–1918, 2004." (and, in some
# CSL versions, full stops: "Journal. v. 151, n. 6, p. 1893–1918. 2004."); a month may stand
# before the year ("p. 12–19, jan./mar. 2004")
ABNT_SOURCE = lazy(
    rf"(?<=[.,])\s+v\.\s*(?P<volume>[\w–-]{{1,10}}),\s*(?:n\.\s*(?P<issue>[\w–/-]{{1,10}}),\s*)?"
    rf"p\.\s*(?P<pages>{PAGES})[.,]\s*(?:[a-z]{{3,4}}\.?(?:/[a-z]{{3,4}}\.?)?\s+)?"
    rf"(?P<year>{YEAR})(?P<pages2>)(?P<after>)\s*\.?\s*$"
)


def abnt_source(text: str) -> re.Match[str] | None:
    if " v. " in text or ",v. " in text:
        return ABNT_SOURCE.search(text)
    return ISO_690_SOURCE.search(text) if "Vol." in text else None


# ISO 690 (its Slovak, Lithuanian and French styles): "Title. In Annals of Oncology. 2024.
# Vol. 246, no. 2, s. 672036.", "Cancer Discovery. 2005. Vol. 155, n° 10, pp. 8252‑8271." —
# the year, then the labelled volume, issue and pages
ISO_690_SOURCE = lazy(
    rf"(?<=[.,])\s+(?P<year>{YEAR})\.\s*Vol\.\s*(?P<volume>[\w–-]{{1,10}})"
    rf"(?:,\s*(?:[Nn]o\.?|[Nn]r\.?|[Nn][°º]|№|č\.)\s*(?P<issue>[\w–/-]{{1,10}}))?"
    rf",\s*(?:s|p|pp|S|P)\.\s*(?P<pages>{PAGES})(?P<pages2>)(?P<after>)\s*\.?\s*$"
)


def colon_source(text: str) -> re.Match[str] | None:
    """Vancouver's sources with a colon before the pages and no semicolon ("61:505–13, 2015",
    "2022, 148: 1363–74"), searched only where a colon is printed."""
    if ":" not in text:
        return None
    return VOLUME_PAGES_YEAR.search(text) or YEAR_COMMA_SOURCE.search(text)


def bracketed_year_source(text: str) -> re.Match[str] | None:
    """Vancouver's sources with the year in brackets ("(1996) 314(8), 2038–2043", "8.
    1989–2009 (2008)"), searched only where a bracket is printed."""
    if "(" not in text:
        return None
    return PAREN_YEAR_SOURCE.search(text) or VOLUME_STOP_SOURCE.search(text)


def parse_vancouver(draft: Draft, titles_expected: bool) -> bool:
    text = draft.rest
    authors, rest = take_vancouver_authors(text)
    # "Marie-Claire C. Halvorsen, Andrés Kowalski. Title": names in full, known by their place
    draft.names_by_position = bool(authors) and all(
        GIVEN_FIRST_NAME_ALONE.fullmatch(name) for name in authors
    )
    match = (
        VANCOUVER_SOURCE.search(rest)
        or SPACED_SOURCE.search(rest)
        or bracketed_year_source(rest)
        or colon_source(rest)
        or abnt_source(rest)
    )
    if match and YEAR_SEMICOLON.search(match.group("after")):
        match = None  # "…301–9. author reply 310–1." is fine; another year-source is not
    if match:
        set_source(draft, match)
        if match.group("pages2"):
            draft.pages = expand_pages(match.group("pages2"))
            draft.matched = True
        head = FINAL_STOP.sub("", rest[: match.start()].rstrip())  # "Lancet. 2005;": a separator
        # "Title.: Lancet Oncol 8. 1989–2009 (2008)": German styles' full stop and colon
        head = head.replace(".: ", ". ")
        draft.authors = authors
        draft.title, draft.journal = split_title_journal(head, titles_expected=True)
        if draft.journal is None and not titles_expected:
            # "Fernández P. Science. 2018; 115: 639–652.": a list printing no titles, and one
            # sentence before the source, its journal
            draft.title, draft.journal = None, draft.title
        return True
    if "In" in rest and read_chapter(draft, authors, rest):
        return True
    if " In" in rest and (chapter := VANCOUVER_CHAPTER.match(rest)):
        take_chapter(draft, authors, chapter)
        return True
    if year := YEAR_ONLY_END.search(rest):
        # "Dee C. A made-up report. 2010." or, with no authors, "Counts of things. 2003."
        draft.authors = authors
        draft.year = int(year.group("year")[:4])
        # "Reaction time statistics 2020. Available at …": a year after a word, set off by a
        # space alone, ends the title, and is all the date the page prints
        in_title = (
            rest[year.start("year") - 1 : year.start("year")] == " "
            and rest[: year.start("year")].rstrip()[-1:].isalpha()
        )
        draft.title = drop_page_count(rest[: year.end("year") if in_title else year.start()])
        draft.title = draft.title or None
        if authors and draft.title and (published := PUBLISHED.match(draft.title)):
            # "World Health Organization. Global hepatitis report. Geneva: WHO; 2017.": a
            # book or report, its place and publisher before the year
            draft.title = EDITION_END.sub("", published.group("title"))
            draft.journal = draft.container = published.group("publisher")
            # (no source pattern matched: a style whose does, "Mol Biol Evol 4: 406-25,
            # 1987.", still wins over this reading)
            draft.published = True
            return True
    elif draft.url and authors and not YEAR_GROUP.search(rest):
        # "Wu GA., Rossi E., et al. Title. Available from: https://…": a web page, no year
        draft.authors = authors
        draft.title = rest.strip(" .") or None
    return False


# the editors' mark in the languages Springer's and others' styles print, always in brackets:
# "(Hrsg)", "(Hg.)", "(éd.)", "(dir.)", "(red.)", "(org.)", "(coord.)"
EDITORS_ELSEWHERE = r"\((?:hrsg|hg|éds?|dir|red|orgs?|coords?)\.?\)"
# A chapter as Vancouver and AMA print it: "Title. In: Lind M, Kim B, eds. Book. Stuttgart:
# Thieme; 2008:599–627." ("editor(s).", "… 1998. p. 16–31.", "…; 1993 p. 57–62."; Springer's
# "In: Lind M (eds) Book. Hoboken: Wiley, 2010, pp. 152–174."): the editors, the book, its
# place and publisher, the year, then the chapter's pages
VANCOUVER_CHAPTER = lazy(
    rf"""(?P<title>\S.*?[.?!])\s+In(?::?\s+
    (?P<editors>[^.()]{{2,200}}?)(?:,?\s+(?:eds?|editors?)\.?|\s*\((?:eds?|editors?)\.?\)
    |\s*(?i:{EDITORS_ELSEWHERE}))
    # (AMA's "In, eds.Anna Mensah, Valentina Kowalski. Book.": "eds." before the names)
    |,?\s*eds?\.\s*[^.()]{{2,200}}?)
    \s*[.,:]?\s+(?P<book>[^.]{{2,200}}?)[.,]\s+
    (?:(?P<place>[^:;.,]{{2,60}}(?:,\s[A-Z]{{2}})?):\s*)?(?P<publisher>[^:;.]{{2,80}}?)\s*[;,.]\s*
    (?P<year>{YEAR})(?:\s*:\s*|\s*[.,]\s*(?:pp?\.\s*)?|\s+pp?\.\s*)(?P<pages>{PAGES})\s*\.?\s*$""",
    re.VERBOSE,
)
# "Global hepatitis report. Geneva: WHO", "Invented oncology. 2nd ed. London: Fake Press",
# "Cancer stat facts. Bethesda (MD): NCI": title, place (with its state), publisher
PUBLISHED = lazy(
    r"(?P<title>.+?)\.\s+(?P<place>[A-Z][^\d.:;,]{1,40}?(?:\s*\([A-Z]{2,3}\))?)\s*:"
    r"\s*(?P<publisher>(?=[^:;]*[^\W\d_]{2})[^\d:;]{2,80}?)\s*[;,]?\s*$"
)
EDITION_END = lazy(r"\.\s+\d+(?:st|nd|rd|th)\s+ed\.?\s*$")


# (Perspectives on Sexual and Reproductive Health's "Andersson E et al., Title.": a comma
# after "et al.")
VANCOUVER_NAMES_FIRST = lazy(
    r"^(?P<names>[^.]+?)(?:,?\s+et\s+al\.,|(?:,?\s+et\s+al)?\.)\s+(?P<rest>.*)$"
)
# names printed given name first, in full, some with a middle initial ("Marie-Claire C.
# Halvorsen, Andrés Kowalski. Title"): the initial's full stop is no end of the names, nor
# is a name the Vancouver rule cannot read ("…, Łukasz Haddad, Amara Ahmed. Title")
GIVEN_FIRST_NAME = (
    rf"[{UPPER}][a-zà-ÿ'’]+(?:-[{UPPER}][a-zà-ÿ'’]+)?(?: [{UPPER}]\.)* "
    rf"(?:(?i:{AFTER_INITIALS_PARTICLE}) ){{0,2}}"  # "Laura Le Roux", "José van der Berg"
    rf"[{UPPER}][\w'’]+(?:-[{UPPER}][\w'’]+)?"
)
GIVEN_FIRST_NAMES = lazy(
    rf"^(?P<names>{GIVEN_FIRST_NAME}(?:, {GIVEN_FIRST_NAME})*)(?:,? et al)?\.\s+(?P<rest>.*)$"
)
MIDDLE_INITIAL = lazy(rf" [{UPPER}]\. ")
YEAR_SOURCE_START = lazy(r"\d{4}[a-z]?\s*[;:,.]")
GIVEN_FIRST_NAME_ALONE = lazy(GIVEN_FIRST_NAME)


NAME_THEN_CAPITAL = lazy(rf"((?:[\w'’-]+\s){{1,3}}[{UPPER}]{{1,4}})\s+(?=[{UPPER}][a-z])")
ET_AL_THEN_COLON = lazy(r"^et\s+al\.?\s*:\s*")
MORE_INITIALS = lazy(r"[A-Z]\.(?:[\s,:-]|[A-Z]\.)")
LEADING_ET_AL = lazy(r"\s*et\s+al\.?\s*")
TRAILING_ET_AL = lazy(r",?\s+et\s+al\.?$")


# ABNT's and ISO 690's names, joined by commas, semicolons or "and" in the list's language
CAPITAL_NAME_LIST = (
    rf"{CAPITAL_FAMILY},\s{GIVEN_NAMES}{CAPITAL_PARTICLE}"
    # (Slovak and Lithuanian ISO 690 part the names with a dash: "KOWALCZYK, J.R. - DIJK, D.")
    rf"(?:(?:[;,]|,?\s(?:and|e|y|et|und|&|[-–]))\s{CAPITAL_FAMILY},\s{GIVEN_NAMES}"
    rf"{CAPITAL_PARTICLE}){{0,30}}"
)
CAPITAL_FAMILY_NAMES = lazy(
    rf"^(?P<names>{CAPITAL_NAME_LIST})"
    # the names' full stop (an initial's own may be it: "SILVA, A. B. Title")
    r"(?:,?\s+et\s+al\.?)?(?:\.|(?<=\.))\s+(?P<rest>\S.*)$"
)
CAPITAL_NAMES_ALONE = lazy(rf"{CAPITAL_NAME_LIST}(?:,?\s+et\s+al)?\.?")


def capital_family_names(text: str) -> list[str] | None:
    """ "PATEL, Dmitri, WEBER, Aisha et FERRARI, Luis" → "PATEL, Dmitri", "WEBER, Aisha",
    "FERRARI, Luis": names whose family names are printed in capitals (ABNT, ISO 690) pair
    by their capitals, whatever the given names; else None."""
    text = text.strip(" ,;")
    if not CAPITAL_NAMES_ALONE.fullmatch(text):
        if not CAPITAL_NAMES_ALONE.fullmatch(text + "."):
            return None
        text += "."  # "FERN, John R": the last initial's full stop was read as the names' end
    return [" ".join(name.split()) for name in CAPITAL_FAMILY_NAME.findall(text)]


def take_vancouver_authors(text: str) -> tuple[list[str], str]:
    """'Smith AB, Jones C, et al. Title…' → (['Smith AB', 'Jones C'], 'Title…')."""
    if (capitals := CAPITAL_FAMILY_NAMES.match(text)) is not None:
        # ABNT's and ISO 690's "SINGH, Noémie, NUÑEZ, Anna and MENSAH, Xavier. Title",
        # "COSTA, D.; SILVA, A. B. Title": each family name in capitals, then its given names
        names = CAPITAL_FAMILY_NAME.findall(capitals.group("names"))
        return [" ".join(name.split()) for name in names], capitals.group("rest")
    head, colon, rest = text.partition(": ")
    if colon and (paired := bare_initials_names(head, alone=True)):
        # Heidelberg's "di Marco, Ł, Nielsen, M-C, O’Brien, JR: Title", "Das, X: Title": family
        # names and their bare initials, the colon ending them
        return paired, rest
    given_first = GIVEN_FIRST_NAMES.match(text)
    if (
        given_first
        and (
            MIDDLE_INITIAL.search(given_first.group("names")) or ", " in given_first.group("names")
        )
        # "Fernández P. Science. 2018; 115: 639–652." (a list printing no titles): the year's
        # source right after would leave no journal; "Science" is none of the names
        and not YEAR_SOURCE_START.match(given_first.group("rest"))
    ):
        return given_first.group("names").split(", "), given_first.group("rest")
    match = VANCOUVER_NAMES_FIRST.match(text)
    if match and MORE_INITIALS.match(match.group("rest")):
        # "Ødegaard O. G., Nguyen D.: Title": the full stop was an initial's, not the names' end
        match = None
    if match:
        names = split_names(match.group("names"))
        if (
            len(names) > 1
            and "," not in match.group("names")
            and not all(VANCOUVER_NAME.match(name) for name in names)
            and looks_like_group(match.group("names"))
        ):
            # "Centers for Disease Control and Prevention. …": one body, its "and" no list
            names = [match.group("names").strip()]
        if (
            names
            and all(VANCOUVER_NAME.match(n) or looks_like_group(n) for n in names)
            # BMC's "…, Kachura JR: Gunther Tulip Filter: results from the Registry of the
            # Canadian … Association. J Vasc …": the colon ended the names, and the title read
            # as a body's name
            and not (len(names) > 1 and ": " in names[-1])
        ):
            # "Tanaka C. et al.: Title": the initial's full stop came before "et al."
            return names, ET_AL_THEN_COLON.sub("", match.group("rest"), count=1)
    # "Roe K, Poe L, Doe ST, Lee BT What is…": the full stop after the names is lost;
    # take the leading chunks that are names
    chunks = text.split(", ")
    names = []
    for chunk in chunks:
        name = chunk.strip().rstrip(".")  # "Moreau D.": an initial with its full stop
        if names and (et_al := LEADING_ET_AL.match(chunk)):
            # "Chen G., Lindqvist H., et al. Title …": the names end with "et al."
            return names, ", ".join([chunk[et_al.end() :], *chunks[len(names) + 1 :]])
        if FAMILY_DOTTED_INITIALS.match(name) and not VANCOUVER_NAME.match(name):
            name = chunk.strip()  # "Ødegaard O. G.": its initials' full stops all kept
        elif not VANCOUVER_NAME.match(name):
            # "Fischer E, Moreau C, Lindqvist C: Signalling …" or "Moreau D., Rossi E.,
            # Okafor C. Toxicity …": a colon, or the last initial's full stop, ends the names
            for end in (": ", ". "):
                last, found, title = chunk.partition(end)
                # "Kim B. et al.: Title": the last name, its initial's full stop, "et al."
                printed = TRAILING_ET_AL.sub("", last).strip()
                # Anticancer Research's "…, Sørensen X and van Dijk T: Title": the last two
                # names joined by "and"
                pair = [_last_name(name, end) for name in AND_SPLIT.split(printed)]
                if found and len(pair) == 2 and all(pair):
                    names.extend(name for name in pair if name)
                    return names, ", ".join([title, *chunks[len(names) - 1 :]])
                last = _last_name(printed, end)
                if found and last:
                    names.append(last)
                    return names, ", ".join([title, *chunks[len(names) :]])
            if (
                names
                and (bare := NAME_THEN_CAPITAL.match(chunk))
                and VANCOUVER_NAME.match(bare.group(1))
            ):
                # "Okafor H, Lindqvist H Tumour dose…": no full stop after the last name
                names.append(bare.group(1))
                return names, ", ".join([chunk[bare.end() :], *chunks[len(names) :]])
            break
        names.append(name)
    if len(names) >= 2:
        return names, ", ".join(chunks[len(names) :])
    return [], text


def _last_name(printed: str, end: str) -> str | None:
    """The last of a Vancouver list's names, printed before `end` (": " or ". "), or None.

    Before a colon: "Kim B." as "Kim B", "Okafor H. G." (dotted, spaced initials) and "W.
    Gallagher" whole; before a full stop, which took the initial's: "Okafor C"."""
    if end != ": ":
        return printed if VANCOUVER_NAME.match(printed) else None
    bare = printed.rstrip(".")
    if VANCOUVER_NAME.match(bare):
        return bare
    # Magdeburg's "Jørgensen M., W. Gallagher: Title": the first name family first, the
    # others initials first
    return (
        printed if FAMILY_DOTTED_INITIALS.match(printed) or INITIALS_FIRST.match(printed) else None
    )


# IEEE: 'A. B. Smith, C. Jones, and D. Lee, “Title,” J Name, vol. 15, no. 2, pp. 1–9, 2014.'
IEEE_SOURCE = lazy(  # (the lookahead: where a match can start, for re to skip to)
    rf"""(?=[,v]|\s),?\s*vol\.\s*(?P<volume>[^,]*?)\s*,\s*(?:no\.\s*(?P<issue>[^,]*?)\s*,\s*)?
    (?:(?:{PAGE_LABEL}|art\.(?:\s*no\.)?)\s*(?P<pages>{PAGES})?\s*,\s*)?(?:[A-Z][a-z]{{2}}\.?\s+)?
    (?P<year>{YEAR})\s*\.?\s*$""",
    re.VERBOSE,
)
# Older CS and engineering lists: "…, Vol. 12, No. 3, 1990, pp. 463-492." — the labels
# capitalised, the year before the pages
IEEE_YEAR_FIRST_SOURCE = lazy(
    rf"""(?=[,V]|\s),?\s*Vol\.\s*(?P<volume>[^,]*?)\s*,\s*(?:No\.\s*(?P<issue>[^,]*?)\s*,\s*)?
    (?:[A-Z][a-z]{{2}}\.?\s+)?(?P<year>{YEAR})\s*,\s*pp?\.\s*(?P<pages>{PAGES})\s*\.?\s*$""",
    re.VERBOSE,
)


def ieee_source(text: str, after_quotes: bool = False) -> re.Match[str] | None:
    """IEEE's source in `text` (`after_quotes`: the text after a title in quotes)."""
    if "vol." in text:
        return IEEE_SOURCE.search(text)
    # the year-first form and MHRA's only after a quoted title, IEEE's mark: the
    # Transportation Research Record's "Names. Title. Journal, Vol. 102, No. 7, 2018, pp.
    # 5599–5603." is read by the rules for titles set off by full stops
    if "Vol." in text and (after_quotes or any(quote in text for quote in QUOTE_OPENINGS)):
        return IEEE_YEAR_FIRST_SOURCE.search(text)
    if "(" in text and (after_quotes or QUOTED_TITLE.search(text)):
        return MHRA_SOURCE.search(text)
    return None


TRANSLATOR_FIRST = lazy(r"^[^,()]{2,60}\((?:trans|transl|tr)\.?\),\s*")
# MHRA's and New Hart's Rules': "…, ‘Title’, Journal, 312 (2007), 5104–18", the issue after a
# full stop, a slash or a comma ("12.3 (2007)", "134/22", "35, 11/12"), a month or season
# before the year ("(Spring 2007)")
MHRA_SOURCE = lazy(
    rf",\s*(?P<volume>\d{{1,4}}[A-Za-z]?)(?:(?:[./]|,\s*)\d{{1,3}}(?:/\d{{1,3}})?)?\s*"
    rf"\((?:[A-Z][a-z]+\.?\s+)?"
    rf"(?P<year>{YEAR})\),\s*(?:pp?\.\s*)?(?P<pages>{PAGES})[\s.,]*$"
)


# (single quotes too, ‘Title’; its closing quote only before a comma or full stop, not the
# apostrophe of "Alzheimer’s")
QUOTED_TITLE = lazy(r"[“\"‘](?P<title>.+?),?(?:[”\"]|’(?=\s*[,.])|(?<=[?!])’)\s*,?\s*")


def parse_ieee(draft: Draft, titles_expected: bool) -> bool:
    text = draft.rest
    quoted = QUOTED_TITLE.search(text)
    match = ieee_source(text)
    if quoted:
        # (Hindawi's "Names: ‘Title’": the colon ends the names)
        draft.authors = split_names(text[: quoted.start()].rstrip(" :"))
        draft.names_by_position = True  # (before a title in quotes: names in full too)
        draft.title = quoted.group("title").strip(" ,")
        after = text[quoted.end() :]
        match = ieee_source(after, after_quotes=True)
        if match:
            set_source(draft, match)
            # (MHRA's translator between title and journal: "“Title,” Daphne Ellis (trans.),
            # Wagner, 24 (September 2003), pp. 3–22.")
            journal = TRANSLATOR_FIRST.sub("", after[: match.start()])
            draft.journal = journal.strip(" ,.") or None
            return True
        year = YEAR_ONLY_END.search(after)
        if year:
            draft.year = int(year.group("year")[:4])
            draft.container = after[: year.start()].strip(" ,.") or None
        return False
    if match:
        head = text[: match.start()]
        chunks = [c.strip() for c in COMMA.split(head) if c.strip()]
        draft.authors, index = take_leading_names(chunks)
        set_source(draft, match)
        draft.journal = ", ".join(chunks[index:]) or None
        return True
    # "J. W. Smith and K. Lee, A book title, Publisher. 1991.": no quotes, no volume
    year = YEAR_ONLY_END.search(text)
    chunks = [c.strip() for c in COMMA.split(text[: year.start()] if year else text) if c]
    draft.authors, index = take_leading_names(chunks, groups=False)
    if draft.authors and index < len(chunks):
        draft.title = ", ".join(chunks[index:]).strip(" .")
        draft.year = int(year.group("year")[:4]) if year else None
    return False


# Year in parentheses after the authors: old PLOS "Smith AB, Jones C. (2014) Title. J 15: 1–9.",
# NAR "Smith,A.B. and Lee,D. (2007) Title. J., 35, D11-D19.",
# JBC "Smith, A. B., and Lee, D. E. (1987) J. Fake Chem. 262, 4410 -4419"
PAREN_YEAR = lazy(rf"^(?P<authors>.*?)\.?\s*\((?P<year>{YEAR})\)\.?\s*(?P<rest>.*)$")
PAREN_SOURCE = lazy(
    rf""",?\s+(?:(?P<volume>[A-Za-z]?\d+[A-Za-z]?)\s*(?:\((?P<issue>[^)]*)\))?
    \s*[,:]\s*(?P<pages>{PAGES})|(?P<volume2>[A-Za-z]?\d+[A-Za-z]?)?\s*:)\s*\.?\s*$""",
    re.VERBOSE,
)


# Springer's basic style: "… (2009) Title. Cancer Research 243 1291–1306." — the journal's
# volume and pages with spaces alone between them; only a range of pages (or an e-page) says so
PAREN_SPACED_SOURCE = lazy(
    rf"\s+(?P<volume>\d{{1,4}}[A-Za-z]?)\s+(?P<pages>{PAGE}\s*{DASH}\s*{PAGE}|e\d+)\s*\.?\s*$"
)


# German styles' labelled source: "… Lancet Oncology. Vol. 44, Nr. 12, S. 855–865." (Band,
# Heft and Seite as "Bd.", "H." and "S." too)
LABELLED_SOURCE = lazy(
    rf"[.,]\s*(?:Vol|Bd|Jg)\.\s*(?P<volume>[A-Za-z]?\d+[A-Za-z]?)\s*"
    rf"(?:,\s*(?:Nr|No|H|Heft|Iss)\.?\s*(?P<issue>[\w/–-]+)\s*)?"
    rf",\s*(?:S|pp?)\.\s*(?P<pages>{PAGES})\s*\.?\s*$"
)


def paren_source(rest: str) -> re.Match[str] | None:
    return (
        PAREN_SOURCE.search(rest)
        or PAREN_SPACED_SOURCE.search(rest)
        or (LABELLED_SOURCE.search(rest) if "." in rest else None)
        or (BRACKETED_LABELLED_SOURCE.search(rest) if "(vol" in rest.casefold() else None)
    )


# "… ‘Title’ eLife (vol. 319, no. 15, pp. 6405–6427)": IEEE's labels, in brackets after the
# journal
BRACKETED_LABELLED_SOURCE = lazy(
    rf"\s*\(\s*vol\.\s*(?P<volume>[^,()]{{1,12}}?)\s*(?:,\s*no\.\s*[^,()]{{1,12}}?\s*)?"
    rf"(?:,\s*pp?\.\s*(?P<pages>{PAGES})\s*)?\)\s*\.?\s*$",
    re.I,
)


def has_paren_year(text: str) -> bool:
    """Is "(" printed right before a year ("(1987)")? PAREN_YEAR needs it, and tries every
    position of the entry to find it."""
    return "(1" in text or "(20" in text


def parse_paren_year(draft: Draft, titles_expected: bool) -> bool:
    match = PAREN_YEAR.match(draft.rest) if has_paren_year(draft.rest) else None
    if not match:
        return False
    draft.year = int(match.group("year")[:4])
    draft.authors = split_authors_any(match.group("authors"))
    rest = match.group("rest").strip()
    source = paren_source(rest)
    if source:
        set_source(draft, source)
        head = rest[: source.start()]
        draft.title, draft.journal = split_title_journal(head, titles_expected)
        return True
    draft.title = drop_page_count(rest) or None
    if draft.doi and draft.title and titles_expected:
        # "(2012). Title. eLife. https://doi.org/…": an article online before its volume, the
        # journal the last sentence (not a book's publisher: "Title. Springer, Cham.")
        title, journal = split_title_journal(draft.title, True)
        if title and journal and looks_like_journal(journal) and not PUBLISHER_WORD.search(journal):
            draft.title, draft.journal = title, journal
    return False


PAGE_COUNT_END = lazy(r"[.,]?\s*\d+\s*pp?\.?\s*$")


def drop_page_count(text: str) -> str:
    """'Honey bees. London: Fake Press. 312 p.' → '…Fake Press': a book's length, not its title."""
    return PAGE_COUNT_END.sub("", text.strip()).strip(" .,;")


# Nature: "Smith, A. B., Jones, C. & Lee, D. Title. J. Name 15, 1119–1128 (2014)."
NATURE_SOURCE = lazy(
    rf"""\s+(?P<volume>[A-Za-z]?\d+[A-Za-z]?)\s*(?:\((?P<issue>[^)]*)\)|\s\d{{1,3}}(?=\s*,))?
    \s*,\s*(?P<pages>{PAGES})\s*\((?P<year>{YEAR})\)\s*\.?\s*$""",
    re.VERBOSE,
)  # (the American Nuclear Society's issue after the volume, bare: "Cell Reports 294 4, 8504")
# "… (2016).", "… (Fake Press, 2009).": a book or report
NATURE_YEAR_ONLY = lazy(rf"\s*\((?:[^()]*,\s*)?(?P<year>{YEAR})\)\s*\.?\s*$")
# "… Preprint at https://…" / "… Preprint at bioRxiv https://…": what the link leaves behind
NATURE_PREPRINT = lazy(r"[.?!]\s+Preprint\s+(?:available\s+)?at\b(?P<server>[^.]*)\.?\s*$", re.I)


def parse_nature(draft: Draft, titles_expected: bool) -> bool:
    text = draft.rest
    names = FAMILY_FIRST_LIST.match(text)
    if not names:
        return False
    body = text[names.end() :]
    match = NATURE_SOURCE.search(body)
    if not match:
        year = NATURE_YEAR_ONLY.search(body)
        if not year:
            return False
        draft.authors = split_family_first(names.group("names"))
        draft.year = int(year.group("year")[:4])
        head = body[: year.start()]
        if preprint := NATURE_PREPRINT.search(head):
            # "Title. Preprint at https://arxiv.org/abs/… (2014).": once the link is taken,
            # "Preprint at" (and the server, if named) is what is left, not the title's end
            draft.title = head[: preprint.start()].strip(" .,") or None
            draft.journal = preprint.group("server").strip(" .,") or None
        elif draft.doi:  # "Title. Fake Cancer Ther. https://doi.org/… (2019).": an article
            draft.title, draft.journal = split_title_journal(head, True)
        else:
            draft.title = head.strip(" .,") or None
        return False
    draft.authors = split_family_first(names.group("names"))
    set_source(draft, match)
    draft.title, draft.journal = split_title_journal(body[: match.start()], titles_expected)
    return True


def split_family_first(text: str) -> list[str]:
    """'Smith, A. B. & Jones, C.' → ['Smith, A. B.', 'Jones, C.']."""
    return [m.group(0).strip(" ,") for m in FAMILY_FIRST_NAME.finditer(text)]


ENDS_ON_INITIAL = lazy(rf"[.,-]\s?[{UPPER}]$")  # "Lee,D.E", "Lind, A.-L"


# "M", "M-C", "M K", "A dos": initials printed without full stops after a family name and a comma
# (the Journal of Open Research Software's "Öztürk, M, Tanaka, N, and Das, A")
BARE_INITIALS = lazy(rf"[{UPPER}](?:[-\s]?[{UPPER}]){{0,3}}(?:\s{AFTER_INITIALS_PARTICLE}){{0,2}}")
BARE_FAMILY = lazy(rf"(?:{AFTER_INITIALS_PARTICLE}\s)?[{UPPER}][\w'’-]+(?:\s[{UPPER}][\w'’-]+)?")
# the marks between names and between a name and its initials: ", ", ", and ", " and ", " & "
NAME_PAIR_BREAK = lazy(r"\s*,\s*(?:(?:and|&)\s+)?|\s+(?:and|&)\s+")


def bare_initials_names(text: str, alone: bool = False) -> list[str] | None:
    """ "Öztürk, M, Tanaka, N, and Das, A" → "Öztürk, M", "Tanaka, N", "Das, A": two or more
    family names with initials without full stops, each pair parted by a comma; else None.
    `alone`: `text` is known to hold the names alone (a colon ended them), and one name is
    as much a list as two."""
    chunks = [chunk.strip() for chunk in NAME_PAIR_BREAK.split(text.strip())]
    if len(chunks) < (2 if alone else 4) or len(chunks) % 2:
        return None  # (one name, "Wang, J", is read as before: "Wang, J.")
    families, initials = chunks[0::2], chunks[1::2]
    if not all(BARE_FAMILY.fullmatch(name) for name in families) or not all(
        BARE_INITIALS.fullmatch(given) for given in initials
    ):
        return None
    return [f"{name}, {given}" for name, given in zip(families, initials, strict=True)]


def split_authors_any(text: str) -> list[str]:
    """Authors in whichever of the three printed forms they come."""
    text = text.strip(" ,")
    if (paired := bare_initials_names(text) or capital_family_names(text)) is not None:
        return paired
    if ENDS_ON_INITIAL.search(text):
        text += "."  # "Lee,D.E. (2014)": the year pattern took the last initial's full stop
    # "Smith, A. B. & Jones, C." or, as ACS prints them, "Smith, A. B.; Jones, C."
    for names in (FAMILY_FIRST_LIST, ACS_AUTHORS):
        family_first = names.match(text + " ")
        if family_first and family_first.end() >= len(text):
            return split_family_first(text)
    return split_names(text)


# ACS: "Smith, A. B.; Jones, C. Title. J. Am. Fake Soc. 2014, 136, 1119–1128."
ACS_SOURCE = lazy(
    rf"""\s(?P<year>{YEAR}),\s*(?P<volume>[^,]{{1,25}}?)\s*(?:\((?P<issue>[^)]*)\))?,\s*
    (?P<pages>{PAGES})\s*\.?\s*$""",
    re.VERBOSE,
)
# "Smith, J.; Lee, K." (ACS), or with commas: "Smith, J., Lee, K., Title…" (Wiley-VCH's)
ACS_AUTHORS = lazy(
    rf"^(?P<names>{FAMILY_FIRST}(?:(?:[;,]\s*(?:and\s+)?|\s+and\s+){FAMILY_FIRST})*)"
    r"(?:[,;]?\s*et\s+al\.)?"
    r"[,\s]*"
)


# The International Journal of Electronic Commerce's and other ACM-like styles: "Names. Title.
# J Name, 38, 10 (2003), 603–617." — volume, issue, the year in brackets, then the pages
ISSUE_YEAR_SOURCE = lazy(
    rf",\s*(?P<volume>\d{{1,4}}[A-Za-z]?)\s*,\s*(?P<issue>\d{{1,4}})\s*\((?P<year>{YEAR})\)\s*,"
    rf"\s*(?:pp?\.\s*)?(?P<pages>{PAGES})\s*\.?\s*$"
)


def acs_source(text: str) -> re.Match[str] | None:
    return ACS_SOURCE.search(text) or (ISSUE_YEAR_SOURCE.search(text) if "(" in text else None)


def parse_acs(draft: Draft, titles_expected: bool) -> bool:
    names = ACS_AUTHORS.match(draft.rest)
    match = acs_source(draft.rest)
    if names and not match:
        authors = split_family_first(names.group("names"))
        rest = draft.rest[names.end() :]
        return read_chapter(draft, authors, rest) or read_acs_book(draft, authors, rest)
    # one author ("Smith, J.") is as much an ACS list as several joined by ";"
    if not names or not match:
        return False
    draft.authors = split_family_first(names.group("names"))
    set_source(draft, match)
    body = draft.rest[names.end() : match.start()]
    draft.title, draft.journal = split_title_journal(body, titles_expected)
    if None in (draft.title, draft.journal) and names.group(0).rstrip().endswith(","):
        # Jyväskylä's "Ivanova, L.; Alvarez, T. and O’Neill, M.-L., Title, PLoS ONE, 2023,
        # 315, 2986–2994.": ACS's names, then RSC's commas between title and journal
        chunks = [chunk.strip() for chunk in COMMA.split(body.strip(" ,")) if chunk.strip()]
        numbered = bool(draft.volume and draft.volume.isdigit())
        if len(chunks) > 1 and _title_then_journal(chunks, numbered):
            draft.title, draft.journal = ", ".join(chunks[:-1]), chunks[-1]
    return True


# ACS's chapter: "Title. In Book Title, 2nd ed.; Lind, K., Ed.; Publisher: Place, 2018; Vol. 3,
# pp 252–290." (a list that prints no titles prints none for a chapter either): the book, then
# its editors (MDPI parts them with semicolons: "Lind, K.; Kim, B., Eds.;"), ended by "Ed." or
# "Eds." and a semicolon
ACS_CHAPTER = lazy(
    rf"""(?:(?P<title>\S.*?[.?!])\s+)?In:?\s+(?P<book>[A-Z][^;]{{1,200}}?)
    (?:,\s*\d+(?:st|nd|rd|th)\s+ed\.)?;\s+(?:[^;]{{2,100}};\s+){{0,12}}?[^;]{{2,300}}?,?\s+Eds?\.;\s*
    (?:[^;]{{2,120}}?,\s*)?(?P<year>{YEAR})[a-z]?
    (?:;\s*(?:Vol\.\s*\w+,?\s*)?(?:pp?\.?\s*(?P<pages>{PAGES}))?)?\s*\.?\s*$""",
    re.VERBOSE,
)


# The American Physiological Society's chapter: "Title. In: The Ageing Brain, edited by Zhou E,
# Köhler RF. Hoboken, Wiley-Blackwell, pp. 202–224, 2020." — place, publisher, pages, year last
EDITED_BY_CHAPTER = lazy(
    rf"""(?P<title>\S.*?[.?!])\s+In:?\s+(?P<book>[A-Z][^,]{{1,200}}?),\s+edited\s+by\s+.+?,
    \s+[^,]{{2,60}},\s+[^,]{{2,80}},\s+pp?\.\s*(?P<pages>{PAGES}),\s*(?P<year>{YEAR})\s*\.?\s*$""",
    re.VERBOSE,
)


# ACS's (and MDPI's) book: "Clinical Neurology; 4th ed.; Academic Press: San Diego, 2015."
ACS_BOOK_SOURCE = lazy(
    rf"(?P<title>[^;]{{2,300}}?)(?:;\s*\d+(?:st|nd|rd|th)\s+ed\.)?;\s*"
    rf"(?P<publisher>[^:;]{{2,80}}):\s*[^,;]{{2,60}},\s*(?P<year>{YEAR})\s*\.?\s*$"
)


def read_acs_book(draft: Draft, authors: list[str], rest: str) -> bool:
    """An ACS book after its authors (ACS_BOOK_SOURCE): title, publisher and year, as the
    Vancouver rule reads "Title. Place: Publisher; Year."; False where `rest` is none."""
    book = ACS_BOOK_SOURCE.match(rest)
    if book is None:
        return False
    draft.authors = authors
    draft.title = book["title"].strip(" .") or None
    draft.journal = draft.container = book["publisher"].strip()
    draft.year = int(book["year"][:4])
    draft.published = True
    return True


# A list printing no titles (the Journal of Separation Science's): "Arnim, R., Silva, J.-L.,
# in: Kowalski, Y., Torres, M.-L. (Eds.), Clinical Pharmacology. Karger, Basel 2013, pp.
# 127–143." — after the names, the editors, the book, publisher and place, year and pages
UNTITLED_CHAPTER = lazy(
    rf"""(?P<title>)in:?\s+[^()]{{2,300}}?\((?:eds?|editors?|hrsg|hg)\.?\),?\s*
    (?P<book>[^.]{{2,200}}?)[.,]\s+[^.]{{2,120}}?\s*,?\s*(?P<year>{YEAR})[a-z]?
    (?:,?\s*pp?\.\s*(?P<pages>{PAGES}))?\s*\.?\s*$""",
    re.VERBOSE | re.IGNORECASE,
)


def read_chapter(draft: Draft, authors: list[str], rest: str) -> bool:
    """A chapter after its authors, in ACS's form, the APS's or untitled (ACS_CHAPTER,
    EDITED_BY_CHAPTER, UNTITLED_CHAPTER); False where `rest` is none of them."""
    chapter = (
        ACS_CHAPTER.match(rest)
        or (EDITED_BY_CHAPTER.match(rest) if "edited by" in rest else None)
        or (UNTITLED_CHAPTER.match(rest) if rest[:2].casefold() == "in" else None)
    )
    if chapter is None:
        return False
    take_chapter(draft, authors, chapter)
    return True


def take_chapter(draft: Draft, authors: list[str], chapter: re.Match[str]) -> None:
    """A chapter pattern's match (title if printed, book, year, pages if printed) → the draft.
    (Its kind is classify_kind's: a style's reading is copied without one; EDITED_BOOK knows
    each form's editors.)"""
    draft.authors = authors
    draft.title = chapter["title"] and chapter["title"].rstrip(".").strip()
    draft.journal = draft.container = chapter["book"].strip()
    draft.year = int(chapter["year"][:4])
    draft.pages = expand_pages(chapter["pages"]) if chapter["pages"] else draft.pages
    draft.matched = True


# ACM's reference format: "Abebe, I. and Russo, L. 1985. Title. Journal. 120, 15 (1985),
# 1126–1134." and "Patricia S. Abril and Robert Plant. 2007. Title. Commun. ACM 50, 1 (Jan.
# 2007), 36–44.": the year after the names, then volume, issue, (month) year, pages
ACM_SOURCE = lazy(
    rf"""(?<=[\s.])(?P<volume>[A-Za-z]?\d+[A-Za-z]?),\s*(?P<issue>[\w–-]+)\s*
    \((?:[A-Z][a-z]{{2,8}}\.?\s+)?(?P<year>{YEAR})\),\s*(?P<pages>{PAGES})\s*\.?\s*$""",
    re.VERBOSE,
)
# the SIGCHI form, without the year a second time: "… 2023. Title. Hepatology 2, 18: 4033–4038."
ACM_COLON_SOURCE = lazy(
    # (not "Bulletin … Ser. 2, 1: 686-687": a series after an abbreviation)
    rf"""(?<=\s)(?<![A-Za-z]\.\s)(?P<volume>[A-Za-z]?\d+[A-Za-z]?),\s*(?P<issue>[\w–-]+)\s*:\s*
    (?P<pages>{PAGES})
    \s*\.?\s*$""",
    re.VERBOSE,
)
NAMES_THEN_YEAR = lazy(rf"(?P<authors>.+?)\.\s+(?P<year>{YEAR})[a-z]?\.\s+(?P<rest>\S.*)$")


def parse_acm(draft: Draft, titles_expected: bool) -> bool:
    source = ACM_SOURCE.search(draft.rest) if "(" in draft.rest else None
    source = source or (ACM_COLON_SOURCE.search(draft.rest) if ":" in draft.rest else None)
    names = source and NAMES_THEN_YEAR.match(draft.rest, 0, source.start())
    if not names:
        return False
    draft.authors = split_authors_any(names.group("authors"))
    draft.names_by_position = True  # ACM prints names in full, given names first
    set_source(draft, source)
    draft.year = draft.year or int(names.group("year"))
    draft.title, draft.journal = split_title_journal(
        names.group("rest").rstrip(" ."), titles_expected
    )
    return True


# Elsevier: "A.B. Smith, C. Jones, Title of the paper, J. Fake Chem. 15 (2014) 1119–1128."
# ("Phys. Rev. Lett. 13, 508 (1964)" is volume 13, pages 508: not Elsevier's "volume (year)")
ELSEVIER_SOURCE = lazy(  # (the lookahead: where a match can start, for re to skip to)
    rf"""(?=\s)(?<!\d,)\s(?P<volume>[A-Za-z]?\d+[A-Za-z]?)\s*\((?P<year>{YEAR})\)\s*(?P<pages>{PAGES})?
    \s*\.?\s*$""",
    re.VERBOSE,
)


def parse_elsevier(draft: Draft, titles_expected: bool) -> bool:
    match = ELSEVIER_SOURCE.search(draft.rest)
    if not match:
        return False
    chunks = [c.strip() for c in COMMA.split(draft.rest[: match.start()]) if c.strip()]
    draft.authors, index = take_leading_names(chunks, groups=False)
    if not draft.authors or index >= len(chunks):
        return False
    set_source(draft, match)
    titles, journal = chunks[index:-1], chunks[-1]
    if not looks_like_journal(journal):
        # "Names, Title. N Engl J Med, 282 (2011) 8102–8125." (Cambridge's numeric style): the
        # title ends at its full stop, not at a comma
        title, tail = _title_at_full_stop(journal)
        if title:
            titles, journal = [*titles, title], tail or journal
    draft.journal = journal
    title = ", ".join(titles)
    if title[:1] in '‘“"' and title[-1:] in '’”"':
        title = title[1:-1]  # Comptes Rendus' "‘Title’, Journal 122 (1995), pp. 595–615."
    draft.title = title or None
    return True


def _title_at_full_stop(text: str) -> tuple[str | None, str | None]:
    """ "Title. N Engl J Med" → (title, journal), where a small word or a question ends the
    title (not "Phys. Rev." or "Ser. Fiz.", abbreviations of a journal's name) and a journal
    follows; else (None, `text`)."""
    title, tail = split_title_journal(text, True)
    ended = bool(title) and (title[-1] in "?!)" or title.split()[-1][:1].islower())
    if ended and tail and len(title.split()) > 2 and looks_like_journal(tail):
        return title, tail
    return None, text


# biblatex's default numeric style: 'A. Okafor and C. Lind. “Title”. In: J Fake Oncol 12.3
# (2019), pp. 100–109.' and its chapter, '… “Title”. In: Book Title. Ed. by K. Lind. London:
# Fake Press, 2018, pp. 45–67.'
BIBLATEX_TITLE = lazy(r"[“\"](?P<title>[^”\"]+?)[.,]?[”\"]\.?\s+In:\s+")
BIBLATEX_SOURCE = lazy(
    rf"""(?P<journal>.+?)(?:\s+(?P<volume>[A-Za-z]?\d+[A-Za-z]?)(?:\.(?P<issue>[\w–-]+))?)?
    \s+\((?:[A-Z][a-z]{{2,8}}\.?\s+)?(?P<year>{YEAR})\)(?:,\s*(?:pp?\.\s*)?(?P<pages>{PAGES}))?
    (?:,\s*(?:art\.\s*)?\w+)?\s*[.,]?\s*$""",
    re.VERBOSE,
)
BIBLATEX_BOOK_SOURCE = lazy(
    rf"""(?P<book>.+?)\.\s+(?:Ed\.\s+by\s+.+?\.\s+)?(?:[^.:]{{2,40}}:\s*[^.:]{{2,80}},\s*)?
    (?P<year>{YEAR})(?:,\s*pp?\.\s*(?P<pages>{PAGES}))?\s*\.?\s*$""",
    re.VERBOSE,
)


def parse_biblatex(draft: Draft, titles_expected: bool) -> bool:
    text = draft.rest
    quoted = BIBLATEX_TITLE.search(text)
    if not quoted:
        return False
    names = ET_AL.sub("", text[: quoted.start()].strip().rstrip("."))
    draft.authors = split_names(names)
    draft.names_by_position = True
    draft.title = quoted.group("title").strip(" ,.")
    after = text[quoted.end() :]
    if match := BIBLATEX_SOURCE.match(after):
        set_source(draft, match)
        draft.journal = match.group("journal").strip(" ,.") or None
        return True
    if book := BIBLATEX_BOOK_SOURCE.match(after):
        # a chapter: the book's title where a journal goes, as the other styles' chapters
        draft.journal = draft.container = book.group("book").strip(" ,.")
        set_source(draft, book)
        return True
    return False


# GOST (GOST R 7.0.5, Russian and other journals): "Okafor A.B., Lind C. Title // Fake J. –
# 2017. – Vol. 9, № 8. – P. 835–854." (in Russian "Т. 9, № 8. – С. 835–854"); the title may be
# followed by the authors again after a slash ("Title / A.B. Okafor, C. Lind // …")
GOST_SOURCE = lazy(
    rf"""\s//\s*(?P<journal>[^/]+?)\.?\s*[–—-]?\s*(?P<year>{YEAR})\.?
    (?:\s*[–—-]?\s*(?:Vol|Т|V|Bd)\.\s*(?P<volume>[\w–-]+))?
    (?:,?\s*(?:№|No\.?|N|Iss\.)\s*(?P<issue>[\w–-]+))?\.?
    (?:\s*[–—-]?\s*(?:P|С|S|pp?)\.\s*(?P<pages>{PAGES}))?\s*\.?\s*$""",
    re.VERBOSE,
)
GOST_NAME = (
    rf"(?:{AFTER_INITIALS_PARTICLE} ){{0,2}}"  # "van der Berg A."
    rf"[{UPPER}][\w'’\-]+(?: [{UPPER}][\w'’\-]+)? [{UPPER}]\.(?:\s?-?[{UPPER}]\.)*"
    rf"(?: {AFTER_INITIALS_PARTICLE})*"
)
GOST_NAMES = lazy(rf"^(?P<names>{GOST_NAME}(?:,\s*{GOST_NAME})*)(?:,?\s*(?:et al\.|и др\.))?\s+")


# GOST's chapter: "Title // Book / ed. Yılmaz A. O. Amsterdam: Elsevier, 2006. P. 445–454."
GOST_CHAPTER = lazy(
    rf"""\s//\s*(?P<book>[^/]+?)\s*/\s*(?:eds?\.|под\s+ред\.)\s.+?\.\s+[^:./]{{2,40}}:
    \s*[^,/]{{2,80}},\s*(?P<year>{YEAR})\.\s*(?:P|С|pp?)\.\s*(?P<pages>{PAGES})\s*\.?\s*$""",
    re.VERBOSE,
)


def parse_gost(draft: Draft, titles_expected: bool) -> bool:
    text = draft.rest
    match = GOST_SOURCE.search(text)
    chapter = GOST_CHAPTER.search(text) if not match and "//" in text else None
    if not (match or chapter):
        return False
    source = match or chapter
    names = GOST_NAMES.match(text)
    if names:
        draft.authors = [name.strip() for name in names.group("names").split(", ")]
    head = text[names.end() if names else 0 : source.start()]
    # "Title / A.B. Okafor, C. Lind": the statement of responsibility repeats the authors
    draft.title = head.split(" / ", 1)[0].strip(" .") or None
    set_source(draft, source)
    if match:
        draft.journal = match.group("journal").strip(" .,") or None
    else:  # a chapter: "Title // Book / ed. Name. Place: Publisher, 2006. P. 445–454."
        draft.journal = draft.container = source["book"].strip(" .") or None
        draft.kind = "chapter"
    return True


# German conference and DIN-like styles: "Di Marco, Claire; Błaszczyk, Søren und Yılmaz,
# Daniel: Title, Journal, 2000, Vol. 100, no. 10, p. 334487," — names family first with
# given names in full (or initials), parted by semicolons, "and" in the list's language before
# the last, a colon after them all
INVERTED_NAME = (
    rf"(?:(?i:{AFTER_INITIALS_PARTICLE})\s){{0,3}}[{UPPER}][\w'’\-]*"
    rf"(?:\s(?:{AFTER_INITIALS_PARTICLE}\s){{0,2}}[{UPPER}][\w'’\-]*){{0,2}},"
    rf"\s*[{UPPER}][\w'’\-.]*(?:\s[{UPPER}][\w'’\-.]*){{0,3}}"
)  # ("Van der Berg, Teresa", "De la Cruz, Omar"; not "Textbook of Cancer, E. Abdullah")
SEMICOLON_NAMES = lazy(
    rf"(?P<names>{INVERTED_NAME}(?:\s*;\s*{INVERTED_NAME})*(?:\s+{AND_WORD}\s+{INVERTED_NAME})?)"
    rf"\s*:\s+(?=\S)"
)
# (editors in that form: "Torres, Tomasz und Singh, Emma Fatima (eds.)")
INVERTED_NAMES = lazy(rf"{INVERTED_NAME}(?:(?:\s*;\s*|,?\s+{AND_WORD}\s+){INVERTED_NAME})*")
SEMICOLON_NAME_BREAK = lazy(rf"\s*;\s*|\s+{AND_WORD}\s+")
DIN_SOURCE = lazy(
    rf",\s*(?P<year>{YEAR})\s*,\s*(?:Vol|Bd|Jg)\.\s*(?P<volume>[^,]{{1,12}}?)\s*"
    rf"(?:,\s*(?:no|nr|h|heft|iss)\.?\s*[^,]{{1,12}}?\s*)?,\s*(?:pp?|s)\.\s*(?P<pages>{PAGES})"
    rf"\s*[,.]?\s*$",
    re.I,
)
# a chapter's book after the title: "Title, In: Novak, Ana (ed.), Book, Press, Place, 2001"
DIN_IN = lazy(r",\s+In:?\s+")


def parse_din(draft: Draft, titles_expected: bool) -> bool:
    names = SEMICOLON_NAMES.match(draft.rest)
    if not names:
        return False
    draft.authors = [n.strip() for n in SEMICOLON_NAME_BREAK.split(names["names"]) if n.strip()]
    draft.names_by_position = True  # (given names in full: no rule's pattern for a person)
    body = draft.rest[names.end() :]
    if source := DIN_SOURCE.search(body):
        set_source(draft, source)
        chunks = [chunk.strip() for chunk in COMMA.split(body[: source.start()]) if chunk.strip()]
        if len(chunks) > 1 and looks_like_journal(chunks[-1]):
            draft.title, draft.journal = ", ".join(chunks[:-1]), chunks[-1]
        else:
            draft.title = ", ".join(chunks) or None
        return True
    # a book ("Title, Karger, Basel, 2018,") or a chapter ("Title, In: Editors (ed.), Book,
    # Press, Place, 2001, p. 344–357,"): names, title and year, no source for a rule to fit
    body = body.strip(" ,.")
    if year := YEAR_GROUP.search(body):
        draft.year = int(year["year"][:4])
    chapter = DIN_IN.search(body)
    if chapter and (editors := DIN_EDITORS.match(body, chapter.end())):
        book = body[editors.end() :].split(", ", 1)[0].strip(" .")
        draft.journal = draft.container = book or None
        draft.kind = "chapter"
        draft.title = body[: chapter.start()].strip(" ,.") or None
        if pages := CHAPTER_PAGES.search(body, editors.end()):
            draft.pages = pages["pages"]
            draft.matched = True  # (the chapter's pages: a source as an article's are)
            return True
    else:
        draft.title = body.split(", ", 1)[0].strip(" .") or None
    return False


DIN_EDITORS = lazy(r"[^()]{2,200}?\((?:eds?|hrsg|hg)\.?\),\s*", re.I)


NAME_THEN_TITLE = lazy(rf"((?:[{UPPER}]\.[\s-]?)+[{UPPER}][\w'’-]+)\.\s+(?=\S)")


def _aps_names(text: str) -> tuple[list[str], list[str], int]:
    """`text`'s comma chunks, the initials-first names they open with, and the index of the
    first chunk after them ("J.-P. Lind, et al., Title": "et al." a chunk of its own)."""
    chunks = [c.strip() for c in COMMA.split(text) if c.strip()]
    authors, index = take_leading_names(chunks, groups=False)
    if authors and index < len(chunks) and LEADING_ET_AL.fullmatch(chunks[index]):
        index += 1
    else:
        chunks, authors = names_then_title(chunks, authors, index)
    return chunks, authors, index


def names_then_title(
    chunks: list[str], authors: list[str], index: int
) -> tuple[list[str], list[str]]:
    """ "F. Chen, D. Alvarez. Toxicity…, J Name 2008, 78, 327–346.": the last name's full stop,
    not a comma, ends the names; the chunk that holds it gives the name to the authors. One
    author alone ("X. Papadopoulos. The antibody…, Gut 2004, 98, 3763.") is that name."""
    if (
        (authors or index == 0)
        and index < len(chunks)
        and (last := NAME_THEN_TITLE.match(chunks[index]))
    ):
        # a title goes on in words; "J. Clin. Oncol." (RSC's journal) in abbreviations only
        words = chunks[index][last.end() :].split()
        # one author alone reads on into a title's words in lower case, not a journal's ("J.
        # Agric. Food Chem. 1990, 38" is no "J. Agric" and a title)
        if (
            is_person(last.group(1))
            and any(w.isalpha() and len(w) > 3 for w in words)
            and (authors or sum(w.isalpha() and w.islower() and len(w) > 3 for w in words) >= 2)
        ):
            authors = [*authors, last.group(1)]
            chunks = [*chunks[:index], chunks[index][last.end() :], *chunks[index + 1 :]]
    return chunks, authors


def parse_aps(draft: Draft, titles_expected: bool) -> bool:
    """Physics and materials journals (APS, AIP, J. Mater. Res.): initials-first names, a
    colon or comma, the title if printed, then "J. Name 333(4), 831 (2009)." (Nature's source
    after RSC's names): "A. Lee, B. Kim, and C. Park: Title. J. Fake Res. 33(4), 831 (2009)."."""
    # Helvetica Chimica Acta's "…, ‘Title’, J. Name 2012, 56, 199–210.": ACS's source
    match = NATURE_SOURCE.search(draft.rest) or ACS_SOURCE.search(draft.rest)
    year_only = None if match else NATURE_YEAR_ONLY.search(draft.rest)
    if not match and not year_only:
        return False
    head = draft.rest[: (match or year_only).start()]
    names_part, colon, after_colon = head.partition(": ")
    if colon:
        chunks, authors, index = _aps_names(names_part)
        if not authors or index < len(chunks):
            colon = ""  # "Names, Title: A Trial. J …": the colon is the title's
    if not colon:
        chunks, authors, index = _aps_names(head)
    if not authors:
        return False
    if year_only:
        # a book: "F. Nguyen, Title, Oxford, Oxford University Press (2003).", "M. Lee, et
        # al., Title (Wiley, 2023).": its names, title and year, no source for a rule to fit
        draft.authors = authors
        draft.year = int(year_only.group("year")[:4])
        first = (after_colon if colon else ", ".join(chunks[index:])).split(", ")[0]
        draft.title = book_title_before_publisher(first) or None
        return False
    body = after_colon if colon else ", ".join(chunks[index:])
    if not body.strip():
        return False
    draft.authors = authors
    set_source(draft, match)
    rest = chunks[index:]
    if quoted := QUOTED_TITLE.match(body):
        # AIP's and biblatex's physics styles quote the title: "“Title,” J. Name 13, …"
        draft.title = quoted.group("title").strip(" ,.")
        draft.journal = body[quoted.end() :].strip(" ,.") or None
    elif not colon and len(rest) > 1:
        # "Names, Title, Journal 79, 816 (2012).": the last chunk is the journal
        draft.title = ", ".join(rest[:-1]).strip(" .") or None
        draft.journal = rest[-1].strip(" ,") or None
    else:
        draft.title, draft.journal = split_title_journal(body, titles_expected)
    return True


# "…and progression? Thieme": a publisher after the title's own closing mark
PUBLISHER_AFTER_MARK = lazy(r"(?<=[?!])\s+(?P<publisher>[^?!.]{2,60})$")


def book_title_before_publisher(text: str) -> str:
    """A book's title from the first comma-separated piece after its names: "Title (Wiley"
    (its publisher's bracket, cut by the comma) loses the bracket; "Title (a case-control
    study) and progression? Thieme" keeps its own brackets and loses the publisher after its
    question mark."""
    cut = text.rfind(" (")
    if cut >= 0 and ")" not in text[cut:]:
        text = text[:cut]
    after = PUBLISHER_AFTER_MARK.search(text)
    if after is not None and PUBLISHER_WORD.search(after["publisher"]):
        text = text[: after.start()]
    return text.strip(" .")


STYLES: dict[str, Callable[[Draft, bool], bool]] = {
    "rsc": parse_rsc,
    "vancouver": parse_vancouver,
    "ieee": parse_ieee,
    "paren-year": parse_paren_year,
    "nature": parse_nature,
    "acs": parse_acs,
    "elsevier": parse_elsevier,
    "biblatex": parse_biblatex,
    "gost": parse_gost,
    "aps": parse_aps,
    "acm": parse_acm,
    "din": parse_din,
}
# Whether each of these styles' rule can fit an entry: its source pattern must be in it (the
# rule searches the text after the names, which ends the entry too, and the pattern looks
# nothing behind its start), and so must the literal the pattern cannot do without
SOURCE_NEEDED: dict[str, Callable[[str], bool]] = {
    "vancouver": lambda rest: (
        (";" in rest and bool(VANCOUVER_SOURCE.search(rest)))
        or bool(SPACED_SOURCE.search(rest) or bracketed_year_source(rest))
        or bool(colon_source(rest) or abnt_source(rest))
        or (" In" in rest and bool(VANCOUVER_CHAPTER.match(rest)))
    ),
    "ieee": lambda rest: bool(ieee_source(rest)),
    "paren-year": lambda rest: has_paren_year(rest) and bool(paren_source(rest)),
    "nature": lambda rest: bool(NATURE_SOURCE.search(rest)),
    "biblatex": lambda rest: "In:" in rest and bool(BIBLATEX_TITLE.search(rest)),
    "gost": lambda rest: (
        "//" in rest and bool(GOST_SOURCE.search(rest) or GOST_CHAPTER.search(rest))
    ),
    "aps": lambda rest: bool(NATURE_SOURCE.search(rest) or ACS_SOURCE.search(rest)),
    "acm": lambda rest: bool(
        ("(" in rest and ACM_SOURCE.search(rest)) or (":" in rest and ACM_COLON_SOURCE.search(rest))
    ),
    "din": lambda rest: ": " in rest and bool(DIN_SOURCE.search(rest)),
}


# The styles whose rule reads `titles_expected`; the others read an entry the same either way,
# so one attempt serves both questions (see StyleMemo)
TITLE_AWARE_STYLES = frozenset({"paren-year", "nature", "acs", "aps", "vancouver"})


class StyleMemo:
    """One document's style attempts, kept: `detect_style_share` tries each style on a sample
    of the entries and `parse_entry` tries the document's style on every entry; an entry of the
    sample is read once per style, not twice (or four times)."""

    def __init__(self) -> None:
        self.prepared: dict[str, tuple[str, str | None, str | None]] = {}
        self.attempts: dict[tuple, tuple[bool, Draft]] = {}

    def prepare(self, raw: str, style: str) -> Draft:
        """`raw` through FIELD_STEPS (which know no style): identifiers taken, rest left."""
        known = self.prepared.get(raw)
        if known is None:
            draft = Draft(raw, style)
            for step in FIELD_STEPS:
                step(draft)
            self.prepared[raw] = (draft.rest, draft.doi, draft.url)
            return draft
        rest, doi, url = known
        return Draft(rest, style, doi=doi, url=url)

    def attempt(self, draft: Draft, name: str, titles_expected: bool) -> tuple[bool, Draft]:
        """Style `name`'s rule on a prepared draft → (did it fit, its reading). The reading is
        shared: callers copy its fields out and never change it."""
        key = (
            name,
            draft.rest,
            draft.doi,
            draft.url,
            titles_expected if name in TITLE_AWARE_STYLES else None,
        )
        known = self.attempts.get(key)
        if known is None:
            attempt = draft.attempt()
            known = self.attempts[key] = (STYLES[name](attempt, titles_expected), attempt)
        return known


YEAR_GROUP = lazy(rf"\b(?P<year>{YEAR})\b")
SENTENCE_BREAK = lazy(r"(?<=[a-z0-9)])[.;]\s")


def parse_with_style(draft: Draft, titles_expected: bool, memo: StyleMemo | None = None) -> None:
    """Try the document's style first, then the others.

    A style whose source pattern (volume, pages) fits wins; else the document's own style if
    it fits at all (a book: authors, title, year); else any partial parse with a year.
    """
    memo = memo or StyleMemo()
    order = [draft.style, *(name for name in STYLES if name != draft.style)]
    if " // " in draft.rest and SOURCE_NEEDED["gost"](draft.rest):
        # "Title // Nat Commun.– 1999.– Vol. 42.– P. 2317–2332.": GOST's separator before the
        # source is its own; another style's source may fit the tail and cut the title there
        order.remove("gost")
        order.insert(0, "gost")
    fits: list[Draft] = []
    partial: list[Draft] = []
    own: Draft | None = None  # the document's style's partial reading
    matched_first: Draft | None = None
    for name in order:
        ok, attempt = memo.attempt(draft, name, titles_expected)
        if ok:
            if attempt.matched:
                # the first style whose source fits, unless it cannot read the entry whole
                # and a later one can ("Okafor, J.-P., Lind, O. Title. J, 2021, 16, 1–9." in
                # a list RSC's books decided: RSC's rule cannot read names printed family
                # first, ACS's can)
                if rules_read_whole(attempt, titles_expected):
                    _copy(attempt, draft)
                    return
                matched_first = matched_first or attempt
                continue
            fits.append(attempt)
        elif (attempt.authors or attempt.title) and (attempt.year or attempt.url):
            partial.append(attempt)
            if name == draft.style:
                own = attempt
    if matched_first is not None:
        _copy(matched_first, draft)
        return
    if own is not None and draft.style == "din" and own.title:
        # DIN's names in full ("Çelik, Claire: Title, Karger, Basel, 2004,") no other rule
        # reads: a book the list's own rule reads in part is read as it reads its articles
        _copy(own, draft)
        return
    if fits:
        if own is not None and sum(map(is_any_name, own.authors)) > sum(
            map(is_any_name, fits[0].authors)
        ):
            # "Wójcik H-J, Rodríguez CA. Title? Oxford: Oxford University Press, 1995." in a
            # Vancouver list: RSC's rule fits the closing year but reads one name and leaves
            # the next in the title; the list's own rule, which found no source, reads both
            _copy(own, draft)
            return
        _copy(fits[0], draft)
        return
    if partial:
        # the reading whose authors look most like people's names; of readings with none, one
        # that found a group author ("World Health Organization. Title. 2016.") over one that
        # left it in the title; ties: the document's style
        _copy(
            max(
                partial,
                key=lambda attempt: (
                    sum(map(is_any_name, attempt.authors)),
                    any(map(looks_like_group, attempt.authors)),
                ),
            ),
            draft,
        )
        return
    year = YEAR_ONLY_END.search(draft.rest) or YEAR_GROUP.search(draft.rest)
    if year:
        draft.year = int(year.group("year")[:4])
    names, after = take_vancouver_authors(draft.rest)
    if any(VANCOUVER_NAME.match(name) for name in names):
        # "Roe K, Poe L, et al. A title; Some Proceedings, 117(45), 1–9.": odd source, but the
        # names and the first sentence (the title) are plain
        draft.authors = names
        draft.title = SENTENCE_BREAK.split(after, maxsplit=1)[0].strip(" .") or None
        return
    chunks = [c.strip() for c in COMMA.split(draft.rest) if c.strip()]
    draft.authors, index = take_leading_names(chunks)  # "133 J. Brahmer, K. L. Reckamp, …," cut
    rest = ", ".join(chunks[index:]).strip(" ,")
    if draft.authors and rest and looks_like_journal(rest):
        draft.journal = rest  # "A. Bee et al., J Fake Res.": no year, volume or pages printed


def _copy(source: Draft, target: Draft) -> None:
    for name in (
        "authors",
        "title",
        "journal",
        "year",
        "volume",
        "pages",
        "container",
        "matched",
        "published",
        "names_by_position",
    ):
        setattr(target, name, getattr(source, name))


# what only a chapter prints: "In: … editors.", "In … (eds)", "(Ed.)", ACS's "Lind, K., Ed.;",
# "In: Book, edited by …"
EDITED_BOOK = lazy(
    r"\b(?:In|En):\s.*\b(?:editors?|eds?\.)(?=[\s,;.)]|$)|\(eds?\.?\)|\((?:editors?)\)"
    rf"|{EDITORS_ELSEWHERE}|,\s(?-i:Eds?)\.;|\bIn:?\s.*\bedited\s+by\b|\bIn,\s*eds?\."
    r"|\s//\s[^/]+/\s*(?:eds?\.|под\s+ред\.)"  # GOST's "Title // Book / ed. Name."
    r"|\bin\s[^,()]{2,80},\s*(?-i:eds?)\.,",  # New Hart's Rules' "in Søren Patel, ed., Book"
    re.I,
)
# "In Lind K (ed.)", "in: … eds." (not "in invented": the "ed" of a word)
CHAPTER = lazy(rf"\bin:?\s+.*(?:\(?\beds?\b\.?\)?|{EDITORS_ELSEWHERE})|\bchapter\b", re.I)
THESIS = lazy(r"\b(?:thesis|dissertation)\b")
BOOK = lazy(r"\bpress\b|\bpublishers?\b|\b\d+\s*p\.\s*$|\bed(?:ition)?\.", re.I)


# A book's publisher and place: "… lung. Elsevier, Amsterdam", "… lung (Oxford University
# Press, Oxford": a few capitalised words, one a publisher's, then the place after a comma
PUBLISHER_AND_PLACE = (
    r"(?:\.\s+|(?<=[?!])\s+|\s+\()(?P<publisher>(?:[A-Z][\w&'’-]*\.?\s?){1,5}),\s*"
    r"(?P<place>[A-Z][\w'’-]*(?:\s[A-Z][\w'’-]*){0,2})"
)
# … ending a title ("Title. Elsevier, Amsterdam"), or before the year in the entry
PUBLISHER_TAIL = lazy(PUBLISHER_AND_PLACE + r"\)?\s*$")
PUBLISHER_BEFORE_YEAR = lazy(PUBLISHER_AND_PLACE + rf"(?:,\s*|\s*\(){PRINTED_YEAR}")
PUBLISHER_WORD = lazy(
    r"\b(?:Press|Publishers?|Publishing|Verlag|Elsevier|Springer|Wiley|Blackwell|Academic|"
    r"Saunders|Mosby|Lippincott|Thieme|Karger|CRC|McGraw|Routledge|Sage|Francis|Books|Inc|Ltd|"
    r"LLC|GmbH)\b"
)


def split_publisher(draft: Draft, raw: str) -> None:
    """ "Title. Elsevier, Amsterdam (2004)" (Springer's styles), "Title (Oxford University
    Press, Oxford, 2004)" (Nature's): a book whose title took its publisher and place, or
    whose publisher no field took. The publisher goes where a book's goes (`journal` and
    `container`, as the Vancouver reading puts it); words with no publisher's word among
    them are left where they are."""
    if draft.journal or draft.volume or not draft.title:
        return
    tail = PUBLISHER_TAIL.search(draft.title)
    if tail is not None and PUBLISHER_WORD.search(tail.group("publisher")):
        draft.title = draft.title[: tail.start()].strip()
    else:
        tail = PUBLISHER_BEFORE_YEAR.search(raw)
        if tail is None or not PUBLISHER_WORD.search(tail.group("publisher")):
            return
    draft.journal = draft.container = tail.group("publisher").strip()
    draft.published = True


# "in The Ageing Brain, edited by …", "In: Handbook of X": the word that opens a chapter's book
IN_BEFORE_BOOK = lazy(r"^(?:in|In:|En:)\s+(?=[A-Z])")
EDITORS_AFTER_BOOK = lazy(r"\s*\((?:Eds?|Editors?)\.?:?\s[^()]*\).*$")
# Annals of Oncology's "In Li L (ed): Textbook of hepatology": "In", the editors, then the book
EDITORS_BEFORE_BOOK = lazy(
    r"^(?:in|In):?\s+[^():]{1,200}?\((?:eds?|Eds?|editors?|Hrsg)\.?\)[:.,]?\s+(?=[A-Z])"
)


def drop_in_before_book(draft: Draft) -> None:
    """ "“Title,” in The Ageing Brain, edited by Ł. Iyer (Hoboken, Wiley, 2021) pp. 207–221"
    (the Acoustical Society's style): a reading that took the book for the journal kept its
    "in". No journal's name opens with a lower-case "in" or "In:" ("In Vivo" does with "In"),
    nor with "In Li L (ed):", Annals of Oncology's editors before the book."""
    journal = draft.journal or ""
    # the editors' pattern first: it opens with the "In" the other takes alone
    opening = next((p for p in (EDITORS_BEFORE_BOOK, IN_BEFORE_BOOK) if p.match(journal)), None)
    if opening is None:
        return
    draft.journal = opening.sub("", draft.journal, count=1)
    if draft.container:
        draft.container = opening.sub("", draft.container, count=1)
    # Wiley's "in Cognitive Neuroscience (Ed: A. E. Kim), Oxford University Press,
    # Oxford": the book ends at its editors
    draft.journal = EDITORS_AFTER_BOOK.sub("", draft.journal, count=1) or None
    if draft.container:
        draft.container = EDITORS_AFTER_BOOK.sub("", draft.container, count=1) or None
    draft.kind = "chapter"


# ISO 690's "Title. In Ann Oncol. 2022. Vol. 38, no. 16, p. 485–500.": an article's journal
# after "In"; journals that open with the word ("In Vivo", "In Practice") keep it
IN_BEFORE_JOURNAL = lazy(
    # (and before a name that opens in lower case: "In eLife", "In npj Breast Cancer")
    r"^In:?\s+(?!(?:Vivo|Vitro|Silico|Situ|Practice|Context)\b)(?=[A-Z]|[a-z]{1,3}[A-Z\s])"
)


# The volume's label left on the journal: ABNT's "Eur Respir J. v. 128, p. 155–161. 2016.",
# DIN 1505-2's "In: Journal of Immunology Bd. 337 (2003), Nr. 5, S. 3554–3557" (Band; and
# Jahrgang, "Jg.")
VOLUME_LABEL_END = lazy(r"(?:[.,]\s*(?:v|vol|Vol)|[\s,]+(?:Vol|vol|Bd|Jg))\.?\s*$")


def drop_in_before_journal(draft: Draft) -> None:
    """ "In Ann Oncol" → "Ann Oncol" where a volume says the source is a journal's; and
    "Eur Respir J. v" → "Eur Respir J", "Annals of Internal Medicine Bd" → "Annals of
    Internal Medicine"."""
    if draft.journal and draft.volume and IN_BEFORE_JOURNAL.match(draft.journal):
        draft.journal = IN_BEFORE_JOURNAL.sub("", draft.journal, count=1)
    if draft.journal and draft.volume and draft.journal[-1:] in "vlVdg.":
        draft.journal = VOLUME_LABEL_END.sub("", draft.journal) or None


# A book's place and publisher after its title with no mark between ("… liver transplantation
# Cambridge University Press: Cambridge 2003", "… molecular oncology Philadelphia: Lippincott
# Williams and Wilkins"): capitalised words, a colon, capitalised words, perhaps a year
PLACE_AND_PUBLISHER_END = lazy(
    r"\s(?P<tail>(?:[A-Z][\w'’&-]*\s){0,4}[A-Z][\w'’&-]*:\s*"
    rf"(?:(?:[A-Z][\w'’&.-]*|and|of|&)\s?){{1,6}}(?:\s*{PRINTED_YEAR})?)\.?$"
)


def drop_place_and_publisher(draft: Draft) -> None:
    """A chapter's book that took its place and publisher, which the style prints after it with
    no mark: the book ends before them. One of the two must name a publisher ("Press",
    "Springer"), so "Cancer: Principles" stays a journal's or book's own words."""
    if not draft.journal or ":" not in draft.journal:
        return
    tail = PLACE_AND_PUBLISHER_END.search(draft.journal)
    if tail is None or not PUBLISHER_WORD.search(tail["tail"]):
        return
    before = draft.journal[: tail.start()].rstrip()
    # the book ends in a mark or a word of small letters (not "of", "and"): in a title set in
    # capitals ("Handbook of Tumour Immunology Philadelphia: …") nothing says where the place
    # begins
    last = before.rsplit(None, 1)[-1] if before else ""
    if not (before[-1:] in ".,;)" or (last.islower() and last not in NAME_FUNCTION_WORDS)):
        return
    shorten_book(draft, before.rstrip(" ,."))


# the words that say an entry is a chapter, its book named after them
CHAPTER_HINT = lazy(r"(?:\bIn:?|\bin:|\beds?\.|\beditors?\b|\bedited by\b|\(eds?\))")
# a place at the end of a book's name: "…host, Hoboken", "…host London", "…: Boca Raton"
PLACE_AT_END = lazy(r"(?P<mark>,\s*|:\s*|\s+)(?P<place>[A-Z][\w'’-]+(?:\s[A-Z][\w'’-]+){0,2})$")
# what follows a place in the entry: its state (", NJ"), then the publisher after ":" or ","
AFTER_PLACE = lazy(r"(?:,\s*[A-Z]{2})?\s*[:,]\s*(?P<publisher>[^,;:()]{2,60})")
# "…medicine, Cambridge University Press, Cambridge": the book, its publisher, its place
PUBLISHER_THEN_PLACE = lazy(
    r",\s*(?P<publisher>[^,;:()]{2,60}),\s*(?:[A-Z][\w'’-]+(?:\s[A-Z][\w'’-]+){0,2})"
    r"(?:,\s*[A-Z]{2})?$"
)


def drop_place_after_book(draft: Draft, raw: str) -> None:
    """A chapter's book that kept the place the style prints after it: "Infectious diseases in
    the immunocompromised host, Hoboken" (then ", NJ: Wiley-Blackwell" in the entry), "…host
    London" (": Academic Press"), "…medicine, Cambridge University Press, Cambridge". The
    place is known by the publisher next to it, a name with a publisher's word ("Press",
    "Wiley", "Thieme"); a place after a capitalised word with no mark ("Handbook of Tumour
    Immunology Philadelphia") could be the title's, and stays."""
    book = draft.journal
    if not book or draft.volume or not CHAPTER_HINT.search(raw):
        return
    inside = PUBLISHER_THEN_PLACE.search(book)
    if inside is not None and PUBLISHER_WORD.search(inside["publisher"]):
        cut = book[: inside.start()].rstrip(" ,.")
    else:
        place = PLACE_AT_END.search(book)
        at = raw.find(book)
        if place is None or at < 0:
            return
        following = AFTER_PLACE.match(raw, at + len(book))
        if following is None or not PUBLISHER_WORD.search(following["publisher"]):
            return
        before = book[: place.start()]
        last = before.rsplit(None, 1)[-1] if before.strip() else ""
        if place["mark"].isspace() and not (last.islower() and last not in NAME_FUNCTION_WORDS):
            return
        cut = before.rstrip(" ,.:")
    shorten_book(draft, cut)


def shorten_book(draft: Draft, book: str) -> None:
    """The book (in `journal`, and in `container` where it is the same) is `book`, its name
    without the place or publisher; a book of one word is not cut to."""
    if len(book.split()) >= 2:
        if draft.container == draft.journal:
            draft.container = book
        draft.journal = book


def book_title_from_journal(draft: Draft, raw: str) -> None:
    """ "Yilmaz N, Dubois T. Foundations of Ecology. CRC Press; 2004.", "… Thin Film Technology:
    Theory and Methods. Stuttgart: Thieme.": a book whose title a reading took for a journal,
    with no title, and no volume, pages or DOI. Its publisher, printed after it, says it is
    a book: the title is the book's, from where the journal began to the publisher (or the
    place before it), and the publisher goes where a book's goes. A reading that took the
    book's title for the journal and the title with its publisher ("Foundations of Ecology.
    CRC Press") for the title is read the same way."""
    if not draft.journal or draft.volume or draft.pages or draft.doi:
        return
    if draft.title and not (
        draft.title.startswith(draft.journal)
        and PUBLISHER_WORD.search(draft.title, len(draft.journal))
    ):
        return
    at = raw.find(draft.journal)
    if at < 0 or draft.kind == "chapter":
        return
    word = PUBLISHER_WORD.search(raw, at + len(draft.journal))
    if word is None:
        return
    cut = max(raw.rfind(mark, at, word.start()) for mark in ".,;:(")
    if cut < 0:
        return
    ends = [i for mark in ".,;:()" if (i := raw.find(mark, word.end())) >= 0]
    publisher = raw[cut + 1 : min(ends, default=len(raw))].strip(' “”"')
    if raw[cut] == ":":  # "Stuttgart: Thieme": the place before the publisher
        place = max(raw.rfind(mark, at, cut) for mark in ".,;")
        if place <= at or len(raw[place + 1 : cut].split()) > MAX_PLACE_WORDS:
            return  # "Handbook: Concepts and Practice CRC Press": a colon of the title's
        cut = place
    title = EDITION_TAIL.sub("", raw[at:cut]).strip(' ,.;:“”"')
    if not title:
        return
    draft.title = title
    draft.journal = draft.container = publisher or None
    draft.published = True


MAX_PLACE_WORDS = 4  # "San Diego", "Boca Raton", "Rio de Janeiro"
EDITION_TAIL = lazy(r"[.,;]?\s*\d+(?:st|nd|rd|th|\.)?\s+(?:ed(?:ition)?|Aufl)\.?\s*$", re.I)


# A chapter's title, then its book: "Title. In: Lind C, editor. Handbook of X. Place: …",
# "Title. In Lind, K. (ed.), Handbook of X, …", "Title, in Handbook of X (Lind, K., Eds.), pp.
# 1–9" (ACS). "In" opens the book after a sentence's end, or "in:" / "In:" / "in" after a
# comma ("Title, In: Lind, K. (Eds.), Book, …", as comma-parted styles print a chapter), or
# "in" after a semicolon (Psychiatric Services' "Title; in Book. Edited by Lind K. …").
IN_BOOK = lazy(
    # Spanish styles' "En: Lind C, editor."
    r"(?:(?<=[.?!])\s+(?:In|En):?|[.?!,]\s+in:|,\s+(?:In:|in)|;\s+in"
    # Nature's "Title. in Clinical Neurology (eds. Marino, M.-C. & Sørensen, O.) 253–270"
    r"|(?<=[.?!])\s+in(?=\s+[A-Z][^()]{0,150}\((?:eds?|editors?)\.?\s)"
    # "‘Title’, In Book, P. Lind, Ed., Elsevier": a capital "In" after a comma where editors
    # are named (not "…, In vitro study")
    r"|,\s+In(?=\s+[A-Z][^()]{0,150}(?:,\s*(?:Eds?|eds?)\.|\((?:eds?|Eds?)\.?\)|$)))"
    # (Anesthesia & Analgesia's "…leukaemia? In:Statistical methods…": no space after "In:")
    r"(?:\s+|(?<=:))(?P<book>\S.*)$"
)
# the editors "In:" names first, up to the first mark of an editor: "Lind C, editor.",
# "Lind, K. (ed.),", "G. Lind, K. Okafor (Eds.),"
BOOK_EDITORS = lazy(
    r"^[^()]{1,160}?(?:\((?:eds?|editors?)\.?\)|,?\s+editors?\b|,\s*eds?\.|"
    rf"{EDITORS_ELSEWHERE})\s*[,.:]?\s*",
    re.I,
)
# ACS: the book's title, then its editors in brackets: "Handbook of X (Lind, K., Eds.)";
# Nature's "Clinical Neurology (eds. Marino, M.-C. & Sørensen, O.)"
BOOK_THEN_EDITORS = lazy(
    r"^[^().]+\((?:[^()]*\b(?:eds?|editors?)\.?|(?:eds?|editors?)\.?\s[^()]*)\)", re.I
)
BOOK_TITLE = lazy(r"[^.,(;]+(?:[.?!](?=\s*[,(])|\?)?")
# "Title. In: 4th ed. Berlin: Springer": an edition where the book would be
EDITION_START = lazy(r"^\d+(?:st|nd|rd|th)\s+ed\b|^ed\.?\s*\d", re.I)
CHAPTER_PAGES = lazy(rf"\bpp?\.?\s*(?P<pages>{PAGES})\b")
VOLUME_IS_PAGES = lazy(rf"{PAGE}\s*{DASH}\s*{PAGE}")


def split_chapter(draft: Draft, raw: str) -> None:
    """A chapter whose title took its book, editors, publisher and pages: the title ends
    before "In", the book's title goes where a journal goes (as every chapter's reading puts
    it, over a publisher read as the journal) and the chapter's pages are taken. Only where
    an editor is named or the book's title follows "In" at once."""
    if not draft.title:
        return
    clause = IN_BOOK.search(draft.title)
    if clause is None or clause.start() == 0:
        return
    # the book as printed: a reading may have left only the editors in the title
    printed = raw.find(draft.title[clause.start() :])
    rest = (
        raw[printed + clause.start("book") - clause.start() :] if printed >= 0 else clause["book"]
    )
    title = draft.title[: clause.start()].strip(" ,.")
    if title[-1:] in "’”" and not any(mark in title for mark in "‘“"):
        title = title[:-1]  # "‘Title’, In Book": the opening quote went with the rule's cut
    if EDITION_START.match(rest):
        draft.title = title
        return
    # a plain "in" (or "…, In" after a comma) opens a book only where editors are named
    opening = clause.group(0).lstrip()
    plain_in = ":" not in opening and (
        opening.lstrip(",.?!").lstrip().startswith("in") or opening.startswith(", In")
    )
    if take_book(draft, rest, plain_in):
        draft.title = title


def take_book(draft: Draft, rest: str, plain_in: bool) -> bool:
    """`rest`, what follows a chapter's "In", → the book (where a journal goes), the kind
    "chapter" and the chapter's pages; False where `rest` names no book."""
    if first := book_before_editors(rest):
        # "Book. D’Angelo M (ed.). Hoboken", "Book, P. Lind, Ed., Elsevier": the book first
        _take_chapters_book(draft, first, rest, len(first))
        return True
    editors = BOOK_EDITORS.match(rest)
    if plain_in and editors is None and not BOOK_THEN_EDITORS.match(rest):
        return False  # ", in particular …": a plain "in" opens a book only where editors are named
    book = BOOK_TITLE.match(rest, editors.end() if editors else 0)
    if editors and (not (book and book.group(0).strip()) or _book_before_ed(editors.group(0))):
        # Cell's "In The Ageing Brain, C. Müller and S. Papadopoulos, eds. (Stuttgart:
        # Thieme)" and the RSC's "in Advances in Cardiovascular Genomics, ed. Y. Horváth (De
        # Gruyter, Berlin, 2012)": the book first, then its editors
        book = BOOK_TITLE.match(rest) if "," in editors.group(0) else None
    if book is None or not book.group(0).strip() or not book.group(0)[:1].isupper():
        return False
    draft.journal = draft.container = book.group(0).strip(" ,.")
    draft.kind = "chapter"  # its pages and book read like an article's journal and pages
    if not draft.pages and (pages := CHAPTER_PAGES.search(rest, book.end())):
        draft.pages = pages.group("pages")
    if not draft.pages and draft.volume and VOLUME_IS_PAGES.fullmatch(draft.volume):
        # "…, Elsevier, Amsterdam, 2020, 920–932": a source read as year, volume, pages was a
        # book's year and the chapter's pages
        draft.pages, draft.volume = draft.volume, None
    return True


# "…, ed." / "…, eds." closing the editors' match: what stands before it
BEFORE_ED = lazy(r"^(?P<before>.+?),\s*eds?\.\s*[,.:]?\s*$", re.I)


def _book_before_ed(editors: str) -> bool:
    """ "Advances in Cardiovascular Genomics, ed.": what BOOK_EDITORS took for the editors,
    up to "ed.", is a book's title, not names ("Lind C, Kim B, eds.")."""
    if not (match := BEFORE_ED.match(editors)):
        return False
    # ("Papadopoulos, H., Lindqvist, B. and O’Brien, J., Eds.,": names)
    # (French spacing leaves the colon of "In : Lund-Nielsen Z, von Arnim T, eds." in front)
    before = match.group("before").strip(" :")
    if editors.rstrip().endswith(",") and FULL_NAMES.fullmatch(before):
        # New Hart's Rules' "in Dmitri Kuznetsova and Noémie Šimić-Okafor, eds., Book
        # (Cambridge, 1993)": names in full, then "eds." and a comma before the book (a
        # book's title before its editors has a small word, and no comma after "ed.")
        return False
    return not all(is_any_name(name) for name in split_authors_any(before))


# Names printed in full, joined by commas and "and": "Dmitri Kuznetsova and Noémie
# Jean-Pierre Šimić-Okafor", "Ana Silva, Jan de Vries and Li Wei"
FULL_NAME = rf"[{UPPER}][\w'’\-]+(?: (?:[a-z]{{1,3}} ){{0,2}}[{UPPER}][\w'’\-]*\.?){{1,3}}"
FULL_NAME_PATTERN = lazy(FULL_NAME)
FULL_NAMES = lazy(rf"{FULL_NAME}(?:(?:,\s+|,?\s+(?:and|&)\s+){FULL_NAME})*")


# "…type 2 diabetes, in Advances in…", "…(a phase II trial). In: Tanaka G, editors. Book.":
# the book's "In" right after the title a rule ended
IN_AFTER_TITLE = lazy(r"^[”\"’]?\s*[.,;?!]?[”\"’]?\s*(?P<in>In:?|in:?|En:)\s+(?=\S)")


def book_after_title(draft: Draft, raw: str) -> None:
    """A chapter whose rule ended the title and read no book, or read it as a journal: the
    book that follows "In" right after the title in `raw` goes where a journal goes, and the
    entry is a chapter."""
    if not draft.title or draft.kind == "chapter":
        return
    at = raw.find(draft.title)
    if at < 0:
        return
    after = raw[at + len(draft.title) :]
    if clause := IN_AFTER_TITLE.match(after):
        rest = after[clause.end() :]
        if not draft.journal:
            take_book(draft, rest, plain_in=":" not in clause.group("in"))
        elif (
            not draft.volume  # (biblatex's "In: J Name 12.3": a journal and its volume)
            and rest.startswith(draft.journal)
            and (BOOK_EDITORS.match(rest) or BOOK_THEN_EDITORS.match(rest))
        ):
            # the book was read, as a journal: its editors named after "In" make it a book
            draft.container = draft.journal
            draft.kind = "chapter"
    if not draft.pages and draft.volume and VOLUME_IS_PAGES.fullmatch(draft.volume):
        # "…, Elsevier, Amsterdam, 2020, 920–932": a source read as year, volume, pages was a
        # book's year and the chapter's pages
        draft.pages, draft.volume = draft.volume, None


# The editors' mark after their names: "Book. D’Angelo M (ed.).", "Book, Sven Kim (ed.).",
# "Book, Abdullah F, ed. New York", Science's "Book, P. W. Papadopoulos, Ed. (Humana Press"
EDITORS_AFTER_NAMES = lazy(
    r"\s*\((?:eds?|editors?|hrsg|éds?)\.?\)|,\s*(?:eds?|editors?)\.?(?=[\s,.:;(]|$)", re.I
)
# … and before them: "Book, edited by Almeida S.", "Book (Ed: P. Novak)", "Book, (eds. Costa, A.
# Z. & Çelik, S.)", "Book. (Zhang Giulia, Yamamoto Yusuf ed.)"
NAMES_AFTER_EDITORS = lazy(
    r",?\s*(?:\(\s*)?\b(?:edited\s+by|(?-i:Eds?|Editors?)\.?:|eds?\.)\s+(?=\S)|\.?\s*\((?=[^()]*\beds?\.?\))",
    re.I,
)
# where a book's title and its editors' names part: a comma, or a full stop after a word
BOOK_NAME_BREAK = lazy(r"(?<=,)\s+|(?<=[a-z?!)]\.)\s+|(?<=[?!])\s+")


def book_before_editors(rest: str) -> str | None:
    """What follows a chapter's "In" → the book's title, where the book comes first and its
    editors after it ("Book. D’Angelo M (ed.).", "Book, edited by S. Almeida."); None where the
    editors come first (Vancouver's "In: Lind C, editors. Book."; `take_book` reads those)."""
    after = EDITORS_AFTER_NAMES.search(rest)
    before = NAMES_AFTER_EDITORS.search(rest)
    # (", ed." after the book alone names the editors after it: Chicago's "In Book, ed. Luis
    # Müller, 673–691."; after a name it closes the editors: "In Book, Abdullah F, ed.")
    alone = (
        after is not None
        and before is not None
        and before.start() == after.start()
        and after.group(0).lstrip().startswith(",")
        and len(BOOK_NAME_BREAK.split(rest[: after.start()])) == 1
    )
    if before and (after is None or before.start() < after.start() or alone):
        book = rest[: before.start()]
    elif after:
        editors = rest[: after.start()].lstrip(" :")
        if all(map(is_any_name, split_authors_any(editors))) or INVERTED_NAMES.fullmatch(editors):
            # ISO 690's "In : NGUYEN, Hiroshi and SINGH, Claire Zoë (eds.), Book.": all of
            # it names, the editors come first
            return None
        # the editors' names end at the mark: the last piece before it is theirs, and so is
        # each piece before that one which is a name ("R. Papadopoulos, and L. Ferrari, eds.")
        pieces = BOOK_NAME_BREAK.split(rest[: after.start()])
        cut = len(pieces) - 1
        if cut > 0 and _editor_name(pieces[cut - 1 :]) and not _editor_name(pieces[cut:]):
            cut -= 1  # "…, Zock, M., eds.": a family name, its comma, its initials
        while cut > 0:
            if _editor_name(pieces[cut - 1 : cut]):
                cut -= 1
            elif cut > 1 and _editor_name(pieces[cut - 2 : cut]):
                cut -= 2
            else:
                break
        book = " ".join(pieces[:cut])
    else:
        return None
    book = book.strip(" ,.:;")
    words = book.split()
    # a book's title has a small word or a colon ("Handbook of …", "Lung cancer: principles
    # and practice"); two or three capitalised words may be an editor's full name
    titled = ":" in book or any(word[:1].islower() for word in words[1:])
    if not (0 < len(words) <= 25 and book[:1].isupper() and titled):
        return None
    if book.count(",") > 1 or NOT_A_BOOK.search(book):
        return None  # ("Giles, C. L., Hanson, S. J., and Cowan, J. D., editors": names)
    if all(is_any_name(name) for name in split_authors_any(book)):
        return None
    return book


# what no book's title before its editors holds: a year, pages or a volume (the entry went
# on past its book: "In Proceedings…, Vol. 1, pp. 77-84. … Reprinted in Minsky (ed.)"), a
# sentence's end, names ("et al.", "Dale, R.; Mellish, C.", "A.M. van Erp")
NOT_A_BOOK = lazy(
    r"\b(?:1[5-9]|20)\d\d\b|\bpp?\.|\b[Vv]ol\.|[a-z]{2}\.\s|\bet al\b|&\s*al\b|;|\(|"
    r"^[A-Z]\.\s?[A-Z]?"
)


def _editor_name(pieces: Sequence[str]) -> bool:
    return is_any_name(LEADING_AND.sub("", " ".join(pieces).strip(" ,.")))


SENTENCE_AFTER_TITLE = lazy(r"^[”’]?[.?!][”’]?\s+(?=[A-Z])")
# "…, in " just before what was read as the title: it is a book
IN_BEFORE_TITLE = lazy(r"[,.]\s+[Ii]n:?\s+$")


def book_in_clause(draft: Draft, raw: str) -> None:
    """A chapter whose book comes before its editors, wherever a rule put it ("In: Book. Lind
    M (ed.). Hoboken, NJ, Wiley" had "Hoboken" as its book): the book goes where a journal
    goes, and the entry is a chapter."""
    if not draft.title or draft.kind not in (None, "chapter", "book", "article"):
        return
    at = raw.find(draft.title)
    if at < 0:
        return
    if IN_BEFORE_TITLE.search(raw, 0, at) and book_before_editors(raw[at:]) == draft.title:
        # Science's "O. Murphy, L. Popescu, in Book, P. W. Lind, Ed. (Humana Press, New York,
        # 1992), pp. 490–518.": no chapter title is printed, and the book was read as one
        draft.journal = draft.container = draft.title
        draft.title, draft.kind = None, "chapter"
        return
    after = raw[at + len(draft.title) :]
    if not draft.journal and (stops := list(SENTENCE_END_SPACE.finditer(draft.title))):
        # "Title. Book. E. Lind, ed. Berlin: Springer" read as one title: its last sentence,
        # the editors named right after it, is the book
        tail = draft.title[stops[-1].end() :]
        if book_before_editors(tail + after) == tail.strip(" ,.:;"):
            draft.title = draft.title[: stops[-1].start() + 1].strip(" .")
            _take_chapters_book(draft, tail.strip(" ,.:;"), after, 0)
            return
    clause = IN_AFTER_TITLE.match(after) or (
        # "Title. Book. E. Lind, ed. Berlin: Springer": no "In", where nothing took the book
        None if draft.journal else SENTENCE_AFTER_TITLE.match(after)
    )
    if clause is None:
        return
    book = book_before_editors(after[clause.end() :])
    if book is None or book == draft.journal:
        return
    _take_chapters_book(draft, book, after, clause.end() + len(book))


def _take_chapters_book(draft: Draft, book: str, text: str, book_end: int) -> None:
    """`book` where a journal goes, the entry a chapter, and its pages from what follows the
    book in `text` (from `book_end`) where no rule read them."""
    draft.journal = draft.container = book
    draft.kind = "chapter"
    if not draft.pages and (pages := CHAPTER_PAGES.search(text, book_end)):
        draft.pages = pages.group("pages")


def title_ends_at_kind_tag(draft: Draft, raw: str, printed: str) -> None:
    """GB/T 7714's kind tag closes the title ("Title[D]. Book. E. Lind, ed. Berlin: Springer"):
    a title read past it is cut there, and what it took goes where a journal or book goes.
    `printed`: `raw` without its tags (positions before the first tag are the same in both)."""
    if not draft.title or printed is raw or not (tag := KIND_TAG.search(raw)):
        return
    at = printed.find(draft.title)
    if at < 0 or not at < tag.start() < at + len(draft.title):
        return
    cut = tag.start() - at
    rest = draft.title[cut:].strip(" .,;")
    draft.title = draft.title[:cut].strip(" .,;") or None
    if rest and not draft.journal:
        draft.journal = draft.container = rest


def classify_kind(draft: Draft, raw: str) -> None:
    """article / web / press / book / chapter / thesis / other, from what was found."""
    lowered = raw.casefold()
    if draft.kind == "chapter":  # split_chapter found its book
        pass
    elif "]" in raw and (tag := KIND_TAG.search(raw)):
        # GB/T 7714 says which kind of work it is: "[J]", "[M]", "[M]//" (a part of a book),
        # "[D]" (a thesis), "[EB/OL]"
        code = tag.group(0)[1:-1].split("/")[0]
        part = raw[tag.end() :].lstrip().startswith("//") or bool(EDITOR_MARK.search(raw))
        draft.kind = "chapter" if part else GBT_KINDS.get(code, "other")
    elif "press release" in lowered:
        draft.kind = "press"
        if draft.container is None and draft.journal:
            draft.container = draft.journal
        if draft.container and not draft.journal:
            draft.journal = draft.container.split(",")[0].strip()
    elif draft.published:
        draft.kind = "web" if draft.url else "book"
    elif EDITED_BOOK.search(raw) and not draft.volume:
        # "In: Lind C, editor. Invented oncology. London: Fake Press; 2018. p. 45-67.": the
        # book's title was read as a journal, its pages as an article's
        draft.kind = "chapter"
    elif draft.journal and (draft.volume or draft.pages or draft.doi):
        draft.kind = "article"
    elif CHAPTER.search(raw):
        draft.kind = "chapter"
    elif THESIS.search(lowered):
        draft.kind = "thesis"
    elif BOOK.search(raw):
        draft.kind = "book"
    elif draft.url and not draft.journal:
        draft.kind = "web"
    elif draft.journal:
        draft.kind = "article"
    else:
        draft.kind = "other"


LINK_SPACE = lazy(r"(https?://|doi\.org/|\bdoi:)\s+(?=\S)", re.I)


def mend_links(draft: Draft) -> None:
    """'https:// doi.org/10.1000/x' → 'https://doi.org/10.1000/x': a space the extraction put in."""
    lowered = plain_lower(draft.rest)
    if "http" in lowered or "doi" in lowered:
        draft.rest = LINK_SPACE.sub(r"\1", draft.rest)


# "et al." as other languages print it after the names: Hungarian "és mtsai.", Turkish "ve
# ark.", Polish "i wsp.", Spanish "y cols.", Portuguese "e cols.", French "et coll.", German
# "u. a.", Indonesian "dkk.", Swedish "m.fl.", Russian "и др.", Turkish "vd.", Czech "a kol.",
# Dutch "e.a.", Lithuanian "ir kt.", Latvian "u.c.", Estonian "jt." (only after a name's comma or
# initial, and before punctuation or the title). Each form with a word it cannot be printed
# without: a cheap test before the pattern's scan.
OTHER_ET_AL_FORMS = (
    ("mtsai", r"és\s+mtsai"),
    ("ark", r"ve\s+ark"),
    ("wsp", r"i\s+wsp"),
    ("col", r"[ye]\s+cols?|et\s+coll"),
    ("u.", r"u\.\s?a"),
    ("dkk", r"dkk"),
    ("m.", r"m\.\s?fl"),
    ("др", r"и\s+др"),
    ("vd", r"vd"),
    ("kol", r"a\s+kol"),
    ("e.", r"e\.\s?a"),
    ("kt", r"ir\s+kt"),
    ("u.", r"u\.\s?c"),
    ("jt", r"jt"),
)
OTHER_ET_AL = lazy(
    r"(?<=[\s,])(?:" + "|".join(form for _, form in OTHER_ET_AL_FORMS) + r")\.?(?=[\s:,;]|$)"
)


def english_et_al(draft: Draft) -> None:
    """ "Okafor E., Lind F. és mtsai.: Title": the names' "et al." as the rules read it."""
    rest = draft.rest
    if any(word in rest for word, _ in OTHER_ET_AL_FORMS):
        draft.rest = OTHER_ET_AL.sub("et al.", rest)


# A sentence's end glued to the next field: "…in mice.Circulation. 2011;191:7784",
# "…(a meta-analysis).J Biol Chem", "…TP53 variants?eLife". Two lowercase letters or a closing
# bracket before the stop (so "Ph.D", "St.Louis", "E.coli" and initials stay as printed), a
# capital after it that opens a word or stands for one ("J Biol Chem"); a question mark before
# any letter. Run once DOI and web address are taken, whose dots and question marks are not
# sentences' ends.
GLUED_STOP = lazy(r"(?:(?<=[a-z][a-z])|(?<=\)))\.(?=[A-Z][A-Za-z\s])|(?<=[a-z)])\?(?=[A-Za-z])")


def drop_doubled_marks(draft: Draft) -> None:
    """ "Horváth U:, Fernández K-H:, Gallagher O: Title" (Kidney Research and Clinical
    Practice's style puts its colon after every name), "Trager W, Gill GS.. Title": a colon
    straight before a comma, or a second full stop (not an ellipsis's), marks nothing, and
    hid the names' end from the rules."""
    if ":," in draft.rest:
        draft.rest = draft.rest.replace(":,", ",")
    if ".." in draft.rest:
        draft.rest = DOUBLED_STOP.sub(".", draft.rest)


DOUBLED_STOP = lazy(r"(?<![.…])\.\.(?![.…])")


def space_glued_stops(draft: Draft) -> None:
    """ "…in mice.Circulation." → "…in mice. Circulation.": a style (or the extraction) that
    printed no space after the title's stop."""
    draft.rest = GLUED_STOP.sub(lambda match: match.group() + " ", draft.rest)


# The ordered steps every entry goes through; each is testable alone.
FIELD_STEPS: list[Callable[[Draft], None]] = [
    english_et_al,
    mend_links,
    take_doi,
    take_url,
    space_glued_stops,
    drop_doubled_marks,
    drop_identifiers,
]


def detect_style(texts: Sequence[str]) -> tuple[str, bool]:
    """Entry texts of one document → (its reference style, whether its entries carry titles)."""
    style, titled, _ = detect_style_share(texts)
    return style, titled


def detect_style_share(
    texts: Sequence[str], memo: StyleMemo | None = None
) -> tuple[str, bool, float]:
    """Entry texts of one document → its reference style, whether its entries carry titles,
    and the share of entries whose source that style's rule reads.

    Each style's source pattern is tried on every entry; the one that fits most entries wins.
    Titles are expected unless most entries' text before the source is journal-like (RSC, JBC).
    """
    memo = memo or StyleMemo()
    counts = {name: 0 for name in STYLES}
    wholes = {name: 0 for name in STYLES}
    step = max(1, len(texts) // 15)
    texts = texts[::step]  # fifteen entries spread over the list decide as well as all do
    prepared = [memo.prepare(text, "rsc") for text in texts]
    for draft in prepared:
        for name in STYLES:
            # a style whose source pattern is nowhere in the entry cannot fit it: skip its
            # rule (names, titles), which is most of the work
            can_fit = SOURCE_NEEDED.get(name)
            if can_fit is not None and not can_fit(draft.rest):
                continue
            ok, attempt = memo.attempt(draft, name, True)
            if ok and attempt.matched:
                counts[name] += 1
                whole = rules_read_whole(attempt, False)
                if not whole and name in TITLE_AWARE_STYLES:
                    # "E. H. Kowalski, J Clin Oncol 1986, 140, 1766." (a list printing no
                    # titles): read expecting a title, the journal was taken for one
                    whole = rules_read_whole(memo.attempt(draft, name, False)[1], False)
                wholes[name] += whole
    # ties: the style that reads more entries whole ("Okafor, A. B., Lind, C. Title. J Fake
    # Res, 2021, 16, 1–9." fits RSC's source and ACS's, and only ACS reads its names), then
    # the order of STYLES
    style = max(counts, key=lambda name: (wholes[name], counts[name]))
    titles_expected = False
    if style != "rsc":
        titled = 0
        for draft in prepared:
            ok, attempt = memo.attempt(draft, style, False)
            if ok and (attempt.title or holds_a_title(attempt.journal)):
                titled += 1
        titles_expected = titled >= 0.3 * max(1, counts[style])
    whole = 0
    for draft in prepared:
        _, attempt = memo.attempt(draft, style, titles_expected)
        whole += rules_read_whole(attempt, titles_expected)
    return style, titles_expected, whole / max(1, len(texts))


def holds_a_title(journal: str | None) -> bool:
    """Does a journal read from a list thought to print no titles hold a title before it?
    HPB's "Names (1993). Role of Therapy in T-Cell Structure Model. Ann Intern Med 49:
    1519–25." prints its titles in title case, so "Title. Journal" looks like one journal
    whose words are all capitalised. A sentence of four or more words, one of them a word
    longer than an abbreviation ("Therapy", "Structure"), before a journal-like rest is a
    title: journals' names stop only after abbreviations ("Proc. Natl. Acad. Sci.")."""
    if not journal:
        return False
    start = 0
    for match in SENTENCE_END_SPACE.finditer(journal):
        sentence = journal[start : match.start()].split()
        start = match.end()
        if (
            len(sentence) >= 4
            and any(not is_abbreviation(word.strip(",:;()")) for word in sentence)
            and looks_like_journal(journal[match.end() :])
        ):
            return True
    return False


def rules_read_whole(draft: Draft, titles_expected: bool) -> bool:
    """Did one style's rule read the whole entry: its source pattern (year, volume, pages)
    fits, every author is a person's name, and a journal (and a title, where the list prints
    titles) is left between them? Anything less is a partial reading (docs/fields.md)."""
    return bool(
        (draft.matched or draft.published)
        and draft.authors
        # a book's or report's author may be a body ("World Health Organization"); the names
        # before a quoted title may be printed in full ("Jana Lindqvist")
        and all(
            is_any_name(a) or ((draft.published or draft.names_by_position) and looks_like_group(a))
            for a in draft.authors
        )
        and draft.journal
        and (draft.title or not titles_expected)
    )


# A document whose style's rule reads at least this share of its entries is in a style the
# rules know: there they read each entry that fits alone, and the field model only fills
# what they leave empty (docs/fields.md has the measurements behind this).
KNOWN_STYLE_SHARE = 0.2
# Below this probability of its whole reading, the model's fields are right about four times
# in five (against nine in ten above it, on references it was not trained on): say so.
UNSURE_MODEL = 0.2


def parse_entry(
    entry: EntryLines,
    style: str = "rsc",
    titles_expected: bool = True,
    style_known: bool = True,
    memo: StyleMemo | None = None,
    spelled: WordCounts | None = None,
) -> RefEntry:
    """One entry's lines → a RefEntry with every field the text gives.

    `style_known`: most of the document's entries are in a style the rules read.
    `memo`: the document's style attempts so far (`detect_style_share` made them).
    `spelled`: the document's words (`document_spellings`), for hyphens at a line's end."""
    memo = memo or StyleMemo()
    first = entry.lines[0]
    parts = [first.text[entry.offset :], *(line.text for line in entry.lines[1:])]
    raw = join_lines(parts, spelled)
    draft = memo.prepare(raw, style)
    # the mends below find the fields in the entry as printed; a kind tag ("Title[M]. Place")
    # that the field steps took out of the fields is taken out of it too
    printed = KIND_TAG.sub("", raw) if "]" in raw else raw
    confidence = None
    if entry.partial:
        parse_cut_tail(draft)
    else:
        text = draft.rest  # what the field steps left: DOI, URL and identifiers are taken
        parse_with_style(draft, titles_expected, memo)
        # The decision point: a style no rule reads whole goes to the learned field parser.
        # (Imported here: fieldmodel builds on this module's rules, and loads its model lazily.)
        from .fieldmodel import read_with_model

        confidence = read_with_model(
            draft, text, rules_read_whole(draft, titles_expected), style_known
        )
        title_in_quotes(draft)
        draft.title = drop_leading_year(drop_leading_authors(draft.title, draft.authors), draft)
        take_last_name_from_title(draft, printed)
        complete_last_initials(draft, printed)
        take_group_author_from_title(draft, printed)
        draft.title = drop_web_tail(draft.title, draft)
        split_chapter(draft, printed)
        book_after_title(draft, printed)
        split_publisher(draft, printed)
        book_title_from_journal(draft, printed)
        drop_place_and_publisher(draft)
        drop_place_after_book(draft, printed)
        drop_in_before_book(draft)
        drop_in_before_journal(draft)
        book_in_clause(draft, printed)
        title_ends_at_kind_tag(draft, raw, printed)
        if draft.pages and not draft.volume and (run := VOLUME_BEFORE_PAGES.fullmatch(draft.pages)):
            # the Institute of Physics' "Gut 357 2175–81": a volume read with the pages
            draft.volume, draft.pages = run["volume"], run["pages"]
    classify_kind(draft, raw)
    return RefEntry(
        number=entry.number,
        raw=raw,
        # its lines' span: a label pdftotext printed after its entry's text (`_cut_around`)
        # comes last, and the list's lines must still be outside the body's text
        line=min(line.number for line in entry.lines),
        line_end=max(line.number for line in entry.lines),
        authors=tuple(a for a in draft.authors if a),
        title=clean(draft.title),
        journal=clean(draft.journal),
        year=draft.year,
        volume=volume_alone(draft.volume),
        pages=tidy_pages(draft.pages),
        doi=draft.doi,
        url=draft.url,
        kind=draft.kind or "other",
        partial=entry.partial,
        model_confidence=confidence,
    )


# ", Vol. 12, No. 3", ", 6(3)": a volume (and issue) a rule left at the end of the journal
VOLUME_AFTER_JOURNAL = lazy(
    r",\s*(?:(?:[Vv]ol\.?|[Vv]olume)\s*(?P<volume>\d+)(?:,\s*(?:[Nn]o\.?|[Nn]umber)\s*[\w–-]+)?"
    r"|(?P<bare>\d+)\s*\([\w–-]+\))$"
)


def title_in_quotes(draft: Draft) -> None:
    """ "M. Herlihy and J. Wing, "Linearizability: …", ACM Transactions on …, Vol. 12, No. 3,
    1990, pp. 463-492.": a rule that expected no title read the quoted title into the
    journal; "J. Anderson, "Composite Registers", Distributed Computing, 6(3), 1993": a rule
    read the journal into the title and the volume as the journal. The quotes, closed by the
    field's mark, say where the title ends."""
    title, journal = draft.title, draft.journal
    source = title or journal  # the field the quoted title was read into
    if not source or source[0] not in QUOTE_OPENINGS or not QUOTED_WHOLE_TITLE.match(source):
        return
    volume = None
    if title and journal:
        # the journal read apart from the title stands, unless it is a volume ("6(3)")
        if not (volume := volume_alone(journal)).isdigit():
            return
    quoted, rest = split_title_journal(source, True)
    if quoted is None or (title and not rest):
        return
    draft.volume = draft.volume or volume
    if rest and (labelled := VOLUME_AFTER_JOURNAL.search(rest)):
        draft.volume = draft.volume or labelled.group("volume") or labelled.group("bare")
        rest = rest[: labelled.start()].strip(" ,") or None
    draft.title, draft.journal = quoted, rest
    if draft.container == journal:
        draft.container = draft.journal


def drop_leading_authors(title: str | None, authors: Sequence[str]) -> str | None:
    """A title read from where the entry starts, its authors in front of it ("F. Van der
    Linden, Development of the Dentition" with the author "F. Van der Linden"): the names are
    taken off. Only names as they were read, each followed by a separator, in their order."""
    if not title or not authors:
        return title
    rest = title
    for author in authors:
        after = rest[len(author) : len(author) + 1]
        # "Smith, A. B.," or, the name's own full stop ending it, "Jones, C. A title"
        ends = after in LIST_SEPARATORS or (after == " " and author.endswith("."))
        if not (rest.startswith(author) and ends):
            break
        rest = AUTHOR_SEPARATOR.sub("", rest[len(author) :], count=1)
    # "Ł. Lund-Nielsen, M. Smith-Jones, et al. IL-6 signalling…": the names' "et al." that a
    # rule left at the title's start (no title starts with it)
    rest = LEADING_ET_AL_IN_TITLE.sub("", rest, count=1)
    return rest if rest and rest != title else title


LEADING_ET_AL_IN_TITLE = lazy(r"^et\s+al\.?[,:;.]?\s+(?=\S)")


# "Okafor I: Title", "von: Title", "von. Title": the last author's name, or the particle that
# ends it, left at the title's start by a rule that ended the names a step too soon; ISO 690
# sets the particle in capitals with the family name, and no mark after it: "DIJK, D. VAN The
# angiogenesis of…"
LEADING_NAME_END = lazy(
    rf"(?P<particle>{AFTER_INITIALS_PARTICLE})[.:]\s+(?=\S)|(?P<name>[^:;,.()\d]{{2,40}}):\s+(?=\S)"
    rf"|(?P<capitals>{AFTER_INITIALS_PARTICLE.upper()}(?:\s{AFTER_INITIALS_PARTICLE.upper()})?)"
    rf"\s+(?=[{UPPER}])"
)
# "DIJK, D.": a family name in capitals and its initials, as ISO 690 prints it
CAPITALS_AND_INITIALS = lazy(rf"[{UPPER}][{UPPER}'’\-]+(?:\s[{UPPER}][{UPPER}'’\-]+)*,\s.*\.")


def take_last_name_from_title(draft: Draft, raw: str) -> None:
    """ "Moreau I, Moreau O, Okafor I: Title" read as authors "Moreau I", "Moreau O" and the
    title "Okafor I: Title", or "Arnim, J.-P. von. Title" as "Arnim, J.-P." and "von. Title":
    the name, or its particle, goes back to the authors. Only a capitalised name printed
    right after the last author and a comma: "Gibson, T.J. CLUSTAL W: improving…" is a
    title, and so is "…, article II: definitions"."""
    title = draft.title
    if not title or not draft.authors or not (match := LEADING_NAME_END.match(title)):
        return
    last, name = draft.authors[-1], match.group("name")
    if particle := match.group("particle") or match.group("capitals"):
        if match.group("capitals") and not (
            CAPITALS_AND_INITIALS.fullmatch(last) and f"{last} {particle}" in raw
        ):
            return
        draft.authors = [*draft.authors[:-1], f"{last} {particle}"]
    elif name[:1].isupper() and f"{last}, {name}:" in raw and is_any_name(name):
        draft.authors = [*draft.authors, name]
    else:
        return
    draft.title = title[match.end() :]


# "D.", "H.-J.", "M K": a given name's initials with no family name after them
INITIALS_ALONE = lazy(rf"[{UPPER}]\.?(?:\s?-?\s?[{UPPER}]\.?){{0,3}}")
# "D.", "H.-J.", "A. B.": initials, each with its full stop
DOTTED_INITIALS = rf"(?<!\w)(?P<initials>[{UPPER}]\.(?:\s?-?\s?[{UPPER}]\.){{0,3}})"
DOTTED_INITIALS_FIRST = lazy(rf"{DOTTED_INITIALS}\s?\S")
# the family name opening a title that took it: "Andersson The immunotherapy of…"
FAMILY_OPENING = lazy(
    rf"(?P<family>(?:{AFTER_INITIALS_PARTICLE}\s){{0,2}}[{UPPER}][\w'’]+(?:-[{UPPER}][\w'’]+)?)"
    r"\s+(?=\S)"
)


def complete_last_initials(draft: Draft, raw: str) -> None:
    """ "L. Rossi, H. van Dijk, D. Andersson The immunotherapy of…" (BAMBED's style prints no
    mark between the names and the title): the last author was read as its initials, "D",
    and the title as "Andersson The immunotherapy of…". Initials alone are no one's name:
    the family name that opens the title, as the entry prints it after them, is theirs."""
    if (
        not draft.authors
        or not draft.title
        or not INITIALS_ALONE.fullmatch(draft.authors[-1])
        # the names before it are printed initials first: "H. van Dijk" (not "WHO", "R W")
        or not all(DOTTED_INITIALS_FIRST.match(author) for author in draft.authors[:-1])
    ):
        return
    opening = FAMILY_OPENING.match(draft.title)
    if opening is None or opening["family"].casefold() in NAME_FUNCTION_WORDS:
        return
    letters = [ch for ch in draft.authors[-1] if ch.isupper()]
    for printed in re.finditer(rf"{DOTTED_INITIALS}\s+{re.escape(opening['family'])}(?=\s)", raw):
        if [ch for ch in printed["initials"] if ch.isupper()] == letters:
            draft.authors = [*draft.authors[:-1], printed.group()]
            draft.title = draft.title[opening.end() :]
            return


# "European Medicines Agency: Fact sheet: …", "United Nations Environment Programme. Title":
# the body that wrote a web page or a report, before its title
GROUP_BEFORE_TITLE = lazy(r"(?P<group>[^:.?!]{3,100}?)[:.]\s+(?=\S)")
# a body's name opening an entry, then a mark that ends it: ".", ",", ":", "(2019)", " 2012.",
# a quoted title
GROUP_OPENING = lazy(
    r"(?P<group>[A-Z][\w'’&-]*(?:\s+(?:[A-Z][\w'’&-]*|of|for|and|on|the|&)){1,12}?)"
    r"(?=\s*[.,:;(“‘\"]|\s+(?:1[89]|20)\d\d\b)"
)
ORGANISATION_NOUN = lazy(
    r"\b(?:Society|Association|Organi[sz]ation|Institute|Administration|Agency|Committee"
    r"|Network|Foundation|Consortium|Collaboration|Council|Cent(?:er|re)s?|University|Ministry"
    r"|Department|Commission|Board|Programme|Program|Office|Bureau|Authority|Union|Academy"
    r"|Federation|Alliance)\b"
)


def take_group_author_from_title(draft: Draft, raw: str) -> None:
    """A web page or report with no author the rules read, whose title opens with a body's
    name ("European Medicines Agency: Fact sheet: …"): the body is its author. Only a name
    in capitals that holds an organisation's noun; "Fact Sheet: …" stays a title.

    A body's name that opens the entry, however it is set off ("World Health Organization,
    Title, 2017.", "Food and Agriculture Organization (2019) Title", "… Organization. 2016."),
    is its author too, where no reading kept it, and a name the rules split at its "and"
    ("Food", "Agriculture Organization") is put back whole. The name is taken off the title
    or the journal that holds it."""
    opening = GROUP_OPENING.match(raw)
    group = opening["group"] if opening and ORGANISATION_NOUN.search(opening["group"]) else None
    if draft.authors:
        # "Cancer Genome Atlas Research Network, Lind K, …": the body and its people stay
        if group is None or group not in (draft.authors[0], " and ".join(draft.authors)):
            return
        if group != draft.authors[0]:
            draft.authors = [group]
    else:
        if draft.title and (match := GROUP_BEFORE_TITLE.match(draft.title)):
            named = match.group("group").strip()
            if looks_like_group(named) and ORGANISATION_NOUN.search(named):
                group = named
                draft.title = draft.title[match.end() :]
        if group is None and draft.title and (match := NAME_THEN_YEAR_TITLE.match(draft.title)):
            # ACM's "Cancer Research UK. 2012. Title. Retrieved … from https://…": a name,
            # then the entry's year, both set off by full stops, open the title
            if draft.year == int(match.group("year")) and looks_like_group(match["group"]):
                draft.authors = [match.group("group")]
                draft.title = draft.title[match.end() :] or None
            return
        if group is None or not looks_like_group(group):
            return
        draft.authors = [group]
    # "Made-Up Institute, Made-Up Institute home page": a title that only opens with the name
    if draft.title and draft.title.startswith(group) and draft.title[len(group) :][:1] in ".,:;":
        draft.title = draft.title[len(group) :].lstrip(" .,:;") or None
    if (
        draft.journal
        and draft.journal.startswith(group)
        and draft.journal[len(group) :][:1] in ".,:;"
    ):
        # "International Agency for Research on Cancer. Root exudation statistics 2015" read
        # as a journal: the body, then the page's title
        rest = draft.journal[len(group) :].lstrip(" .,:;")
        draft.journal = None
        draft.title = draft.title or rest or None


NAME_THEN_YEAR_TITLE = lazy(rf"(?P<group>[^.]{{2,80}})\.\s+(?P<year>{YEAR})[a-z]?\.\s+(?=\S)")
LEADING_YEAR = lazy(rf"\(?(?P<year>{YEAR})\)?[.,:]?\s+(?=\S)")


def drop_leading_year(title: str | None, draft: Draft) -> str | None:
    """ "Silva, A., Chen, E., 1998. Title. J, 1998, 40, 1–9.": the year printed after the
    names, read into the title by a rule whose source took the other: taken off when it is
    the entry's year."""
    if not title or draft.year is None:
        return title
    year = LEADING_YEAR.match(title)
    if year is None or int(year.group("year")[:4]) != draft.year:
        return title
    return title[year.end() :] or title


# what a web page's entry leaves after its title once its address and access date are gone:
# "Title. . (2007)", AMA's "Title.Published" (its year taken)
WEB_TAIL = lazy(
    rf"(?:[\s.]*(?:\(\s*(?P<year>{YEAR})(?:-\d{{1,2}}-\d{{1,2}})?\s*\)"  # GB/T's "(2020-01-02)"
    # "Title. 2014. [Internet]. https://…": the year after the title's full stop (not "World
    # Cancer Report 2020", a year of the title's own)
    rf"|(?<=[.?!])\s+(?P<stopped>{YEAR})"
    rf"|Published(?:\s+(?:online\s+)?{YEAR})?))?[\s.]*$"
)


def drop_web_tail(title: str | None, draft: Draft) -> str | None:
    """The stray full stops, bracketed year and "Published" a web entry's title kept."""
    if not title or not (draft.url or "Published" in title):
        return title
    tail = WEB_TAIL.search(title)
    if tail is None or tail.start() == 0:
        return title
    year = tail.group("year") or tail.group("stopped")
    if year and int(year[:4]) != draft.year:
        return title
    ending = title[tail.start() :]
    if not ending.strip() or ending.strip() in {".", "?", "!"}:
        return title  # a title's own full stop is clean()'s, and "?" is the title's
    kept = title[: tail.start()]
    return kept + ("?" if ending.lstrip().startswith("?") else "")


# what can follow a name in an author list, and the separator taken off with it
LIST_SEPARATORS = frozenset(",.;:&")
AUTHOR_SEPARATOR = lazy(r"^[\s,.;:&]*(?:(?:and|et\.?\s*al\.?)(?:\s+|[,.;:]\s*))?")


def parse_cut_tail(draft: Draft) -> None:
    """' Ther., 2017, 34, 1145.': a cut entry keeps only what its tail shows."""
    for name in (draft.style, *STYLES):
        attempt = draft.attempt()
        if STYLES[name](attempt, False):
            attempt.authors = []  # the names were cut off; what is left is not a name
            _copy(attempt, draft)
            return


def parse_entry_text(
    text: str, style: str | None = None, style_known: bool | None = None
) -> RefEntry:
    """One entry's text (without its number) → a RefEntry; the style is detected if not given.

    `style_known`: the entry stands in a list whose style the rules read (see parse_entry);
    by default, a given style is known and a detected one is known when it reads the entry."""
    line = Line(number=1, text=text, raw=text)
    titles_expected = True
    known = True
    memo = StyleMemo()
    if style is None:
        style, titles_expected, share = detect_style_share([text], memo)
        known = share >= KNOWN_STYLE_SHARE
    if style_known is not None:
        known = style_known
    return parse_entry(EntryLines(1, (line,), 0), style, titles_expected, known, memo)


def clean(text: str | None) -> str | None:
    if text is None:
        return None
    text = " ".join(text.split()).strip(" ,;:")  # white space runs as one space
    return text or None


TRAILING_JOIN = lazy(r"(?:[,;&]|\band)\s*$")


def is_cut_short(entry: RefEntry) -> bool:
    """The last entry stops mid-way: '133 J. Brahmer, K. L. Reckamp, P. Baas, L. Crinò,' ends
    the seed, no year, on a comma: the extract was cut, the entry did not end there."""
    return entry.year is None and bool(TRAILING_JOIN.search(entry.raw))


def document_spellings(lines: Sequence[Line], pieces: Sequence[EntryLines]) -> WordCounts:
    """How often the document writes each word, asked about the words either side of the
    entries' line-end hyphens ("fibro-" + "glandular": "fibroglandular" in the body)."""
    breaks = sum(line.text.rstrip().endswith("-") for piece in pieces for line in piece.lines)
    return WordCounts("\n".join(line.text for line in lines), 2 * breaks)


def parse_references(
    lines: Sequence[Line], boxes: Mapping[int, LineBox] | None = None
) -> tuple[list[RefEntry], list[Problem]]:
    """Lines of a document → its numbered reference entries (with parsed fields) and problems.

    `boxes`: for a PDF, where each line is printed (by line number); the list's geometry then
    guides the split (`pdflist`)."""
    content = content_lines(lines)
    if boxes:
        from .pdflist import split_by_layout  # it builds on split_entries

        pieces, problems = split_by_layout(content, boxes)
    else:
        pieces, problems = split_entries(content)
    spelled = document_spellings(lines, pieces)
    texts = [
        join_lines([p.lines[0].text[p.offset :], *(line.text for line in p.lines[1:])], spelled)
        for p in pieces
    ]
    memo = StyleMemo()
    style, titles_expected, share = detect_style_share(
        [t for t, p in zip(texts, pieces, strict=True) if not p.partial], memo
    )
    entries = []
    for position, piece in enumerate(pieces):
        entry = parse_entry(
            piece, style, titles_expected, share >= KNOWN_STYLE_SHARE, memo, spelled
        )
        if boxes:
            from .pdflist import (
                book_from_italics,
                fields_from_links,
                italic_phrases,
                journal_from_italics,
                linked_phrases,
            )

            entry = fields_from_links(entry, linked_phrases(piece.lines, boxes))
            phrases = italic_phrases(piece.lines, boxes)
            entry = book_from_italics(journal_from_italics(entry, phrases), phrases)
        if position == len(pieces) - 1 and is_cut_short(entry):
            entry = replace(entry, partial=True)
        entries.append(entry)
        if entry.partial:
            problems.append(
                Problem(
                    entry.line,
                    "references",
                    f"entry {entry.number} is cut: only “{entry.raw}” is in the text",
                )
            )
        elif not (entry.year or entry.url or entry.doi) or not (
            entry.authors or entry.title or entry.journal or entry.url
        ):  # a web page may print no date; anything else without a year did not parse
            problems.append(
                Problem(
                    entry.line,
                    "references",
                    f"entry {entry.number} not fully parsed: “{entry.raw[:80]}”",
                )
            )
        elif (entry.model_confidence or 1.0) < UNSURE_MODEL:
            problems.append(
                Problem(
                    entry.line,
                    "references",
                    f"entry {entry.number}: no rule reads its style and the field model is "
                    f"unsure of its reading ({entry.model_confidence:.2f}): “{entry.raw[:80]}”",
                )
            )
    return entries, problems
