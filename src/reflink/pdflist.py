"""A PDF's reference list from its geometry: where on the page each entry starts and ends.

The text rules (`references.split_entries`) find an entry by its printed label in flattened
lines. A page says more: an entry opens at the list's left margin with its label (`12.`,
`[12]`, a raised `12`), its other lines sit at a hanging indent (or at the margin again, in a
flush list), and the list is set in one size. The steps, in order:

    open_raised_labels   "¹²Smith J": a raised number opening a line is its label → "12 Smith J"
    rescue_list_lines    a labelled line at the list's margin, amid the list's lines, that
                         cleaning took for page furniture ("… Stata 11©", a licence mark)
    split_entries        the text rules, on the lines so prepared
    trim_by_layout       a line set in another size than the list (a footnote, a caption, a
                         table) is no part of an entry; after the last entry, a line back at
                         the margin without a label, in a hanging-indent list, ends the list

Where the geometry says nothing (a text file; a line without a box) the text rules decide alone.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from .lazyre import lazy
from .models import BODY, FURNITURE, Line, Problem, RefEntry

if TYPE_CHECKING:
    from .references import EntryLines

# In units of the list's body size: how far two left edges may differ and still be one margin,
# and how far a hanging indent sits in from the margin at least
SAME_EDGE = 0.3
HANGING_INDENT = 0.6
# Lines set this much smaller or larger than the list are not the list's (a 7-point footnote
# under a 9-point list); sub- and superscripts do not change a line's body size
OTHER_SIZE = 0.15
SAME_PITCH = 0.15  # a line this close to the list's line pitch from its neighbours is in it
# A labelled line cleaning called furniture is the list's when it sits this close (in line
# pitches) to the list's own lines above or below it on its page
NEAR_PITCHES = 1.8

LABEL_NUMBER = lazy(r"^\s*(?:\[(\d{1,6})\][.:]?|(\d{1,6})[.)]?|\((\d{1,6})\)[.:]?)(?=\s|$)")


@dataclass(frozen=True)
class LineBox:
    """Where a PDF line is printed: page, left and right edge, top and bottom (points from the
    page's top-left), body size, and how many characters at its start are a raised number."""

    page: int
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    raised_start: int = 0
    italic: tuple[tuple[int, int], ...] = ()  # [start, end) of words set in italics
    # [start, end) of words under a link to a web address, and the address
    links: tuple[tuple[int, int, str], ...] = ()


def split_by_layout(
    lines: Sequence[Line], boxes: Mapping[int, LineBox]
) -> tuple[list[EntryLines], list[Problem]]:
    """Content lines and their boxes (by line number) → the list's entries (EntryLines)."""
    from .references import split_entries  # references calls this module for PDFs

    prepared = rescue_list_lines(open_raised_labels(lines, boxes), boxes)
    entries, problems = split_entries(prepared, laid_out=True)
    return trim_by_layout(entries, boxes), problems


def open_raised_labels(lines: Sequence[Line], boxes: Mapping[int, LineBox]) -> list[Line]:
    """'12Smith J' whose '12' was printed raised → '12 Smith J': the label the text rules know."""
    opened = []
    for line in lines:
        box = boxes.get(line.number)
        if box is not None and box.raised_start:
            label = line.text[: box.raised_start]
            rest = line.text[box.raised_start :]
            if label.strip().isdigit() and rest[:1].strip():
                line = replace(line, text=f"{label.strip()} {rest}")
        opened.append(line)
    return opened


def rescue_list_lines(lines: Sequence[Line], boxes: Mapping[int, LineBox]) -> list[Line]:
    """Labelled lines marked furniture that the page shows are inside the list → content.

    The list's margins are the left edges shared by labelled lines of one size on a page; a
    furniture line that opens with a label at such a margin, set in that size and within
    a line pitch or two of the list's other lines, is an entry (cleaning reads "©", "Downloaded
    from" and repeated shapes as furniture, the page does not).
    """
    margins = label_margins(lines, boxes)
    if not margins:
        return list(lines)
    by_page: dict[int, list[LineBox]] = {}
    for line in lines:
        box = boxes.get(line.number)
        if box is not None and line.kind != FURNITURE:
            by_page.setdefault(box.page, []).append(box)
    rescued = []
    for line in lines:
        box = boxes.get(line.number)
        if (
            line.kind == FURNITURE
            and box is not None
            and LABEL_NUMBER.match(line.text)
            and at_margin(box, margins)
            and near_list_lines(box, by_page.get(box.page, []))
        ):
            line = replace(line, kind=BODY)
        rescued.append(line)
    return rescued


def label_margins(lines: Sequence[Line], boxes: Mapping[int, LineBox]) -> dict[int, list[float]]:
    """Per page, the left edges at which at least two labelled lines start (rounded)."""
    counts: Counter[tuple[int, float]] = Counter()
    for line in lines:
        box = boxes.get(line.number)
        if box is not None and LABEL_NUMBER.match(line.text):
            counts[box.page, round(box.x0)] += 1
    margins: dict[int, list[float]] = {}
    for (page, x0), count in counts.items():
        if count >= 2:
            margins.setdefault(page, []).append(x0)
    return margins


def at_margin(box: LineBox, margins: Mapping[int, list[float]]) -> bool:
    return any(abs(box.x0 - x0) <= SAME_EDGE * box.size + 1 for x0 in margins.get(box.page, ()))


def near_list_lines(box: LineBox, others: Sequence[LineBox]) -> bool:
    """Is the box set in the size of the lines near it, and close to one above or below?"""
    same_size = [o for o in others if abs(o.size - box.size) <= OTHER_SIZE * box.size]
    return any(
        0 < abs(o.top - box.top) <= NEAR_PITCHES * 1.3 * box.size
        and abs(o.x0 - box.x0) < 20 * box.size
        for o in same_size
    )


def trim_by_layout(entries: list[EntryLines], boxes: Mapping[int, LineBox]) -> list[EntryLines]:
    """Entries → the same entries without the lines the page shows are not the list's."""
    boxed = [boxes[line.number] for e in entries for line in e.lines if line.number in boxes]
    if not entries or not boxed:
        return entries
    sizes = Counter(round(box.size, 1) for box in boxed)
    size = max(sizes, key=lambda s: (sizes[s], s))
    hanging = hanging_indent(entries, boxes)
    pitch = list_pitch(entries, boxes, size)
    trimmed = []
    for position, entry in enumerate(entries):
        kept = [entry.lines[0]]
        for line in entry.lines[1:]:
            box = boxes.get(line.number)
            if (
                box is not None
                and abs(box.size - size) > OTHER_SIZE * size
                and not in_the_flow(
                    box, boxes.get(line.number - 1), boxes.get(line.number + 1), pitch
                )
            ):
                continue  # a footnote or caption between or after the entries
            if (
                position == len(entries) - 1
                and box is not None
                and hanging is not None
                and box.page in hanging
                and abs(box.x0 - hanging[box.page]) <= SAME_EDGE * size + 1
                and not LABEL_NUMBER.match(line.text)
            ):
                break  # back at the margin, without a label: the list is over
            kept.append(line)
        trimmed.append(replace(entry, lines=tuple(kept)))
    return trimmed


def in_the_flow(
    box: LineBox, before: LineBox | None, after: LineBox | None, pitch: float | None
) -> bool:
    """Is a line set at the list's line pitch below the line before it and above the line
    after it, on one page? Names set in small capitals ("Zhang, Mary K. ; Lefèvre, Lena ;",
    DIN 1505) measure the size of their lower-case letters, far below the list's: such lines
    are the entry's all the same. A footnote or caption in smaller print stands apart, or
    its lines follow each other closer."""
    if pitch is None or before is None or after is None:
        return False
    return before.page == box.page == after.page and all(
        abs(step - pitch) <= SAME_PITCH * pitch
        for step in (box.bottom - before.bottom, after.bottom - box.bottom)
    )


def list_pitch(
    entries: Sequence[EntryLines], boxes: Mapping[int, LineBox], size: float
) -> float | None:
    """The usual distance between the list's lines of its size on a page (bottom to bottom:
    a line's foot moves less with its size than its top does)."""
    steps = []
    for entry in entries:
        for line in entry.lines:
            box, below = boxes.get(line.number), boxes.get(line.number + 1)
            if box is None or below is None or below.page != box.page:
                continue
            if max(abs(box.size - size), abs(below.size - size)) <= OTHER_SIZE * size:
                step = below.bottom - box.bottom
                if 0 < step < 3 * size:
                    steps.append(step)
    return statistics.median(steps) if steps else None


def hanging_indent(
    entries: Sequence[EntryLines], boxes: Mapping[int, LineBox]
) -> dict[int, float] | None:
    """Per page, the margin of a hanging-indent list (labels out, other lines in), or None.

    A page's list is hanging when its entries' first lines start at one edge and most of
    their other lines start at least HANGING_INDENT of the body size further right.
    """
    firsts: dict[int, Counter[int]] = {}
    for entry in entries:
        box = boxes.get(entry.lines[0].number)
        if box is not None:
            firsts.setdefault(box.page, Counter())[round(box.x0)] += 1
    margins: dict[int, float] = {}
    for page, edges in firsts.items():
        margin, count = edges.most_common(1)[0]
        if count < 2:
            continue
        inner = [
            boxes[line.number]
            for entry in entries
            for line in entry.lines[1:]
            if line.number in boxes and boxes[line.number].page == page
        ]
        indented = [b for b in inner if b.x0 >= margin + HANGING_INDENT * b.size]
        near = [b for b in inner if abs(b.x0 - margin) < 20 * b.size]
        if near and len(indented) >= 0.7 * len(near):
            margins[page] = float(margin)
    return margins or None


# --- typography: the journal set in italics ---------------------------------------------------

# What may follow a journal's name to the end of an entry: numbers, punctuation, links, and
# these words ("JAMA 272: 1367–1371.", "Lancet 4:. Available: https://…")
AFTER_JOURNAL_WORDS = frozenset(
    {"available", "accessed", "internet", "online", "epub", "suppl", "supplement", "cited"}
)
LINK = lazy(r"(?:https?://|www\.|doi:\s*|\b10\.\d{4,9}/)\S*", re.IGNORECASE)
WORD = lazy(r"[^\W\d_]{4,}")


def italic_phrases(lines: Sequence[Line], boxes: Mapping[int, LineBox]) -> list[str]:
    """An entry's runs of italic words, in order; a run broken at a line end is one phrase."""
    phrases: list[str] = []
    runs_on: bool = False  # the previous line ended inside an italic run
    for line in lines:
        box = boxes.get(line.number)
        spans = box.italic if box is not None else ()
        for start, end in spans:
            text = line.text[start:end].strip()
            if runs_on and start == 0 and phrases:
                phrases[-1] = f"{phrases[-1]} {text}"
            else:
                phrases.append(text)
        runs_on = bool(spans) and spans[-1][1] >= len(line.text.rstrip())
    return phrases


def journal_from_italics(entry: RefEntry, phrases: Sequence[str]) -> RefEntry:
    """A title that ran into the journal → the journal the page set in italics.

    "… How to use an overview. Evidence-Based Medicine Working Group. *JAMA* 272: 1367–1371.":
    the rules cannot tell which full stop ends a title of several sentences; the italic face
    can. The last italic phrase is the journal when only numbers, punctuation and links follow
    it, and a sentence ends right before it inside the title the rules read.
    """
    named = [p.strip(" .,;:") for p in phrases if len(re.findall(r"[^\W\d_]", p)) >= 2]
    if not named or not entry.title:
        return entry
    journal = named[-1]
    known = bool(entry.journal) and comparable(entry.journal) == comparable(journal)
    if known and journal not in entry.title:
        return entry
    at = entry.raw.rfind(journal)
    if at < 0:
        return entry
    after = LINK.sub(" ", entry.raw[at + len(journal) :])
    if any(word.casefold() not in AFTER_JOURNAL_WORDS for word in WORD.findall(after)):
        return entry  # italics inside the title (a species), the journal set upright
    read = entry.title + (f". {entry.journal}" if entry.journal and not known else "")
    cut = read.rfind(journal)
    head = read[:cut].rstrip()
    if cut <= 0 or not head.endswith((".", "?", "!")):
        return entry
    title = head.rstrip(" .") if not head.endswith(("?", "!")) else head
    return replace(entry, title=title or None, journal=journal)


def book_from_italics(entry: RefEntry, phrases: Sequence[str]) -> RefEntry:
    """A chapter's book that took its publisher or place, or its editors → the book's title
    as the page set it, in italics: "Statistical methods for clinical trials New York:
    Humana Press", "In Li L (ed): Textbook of hepatology Cambridge: …" (styles that part them
    with no mark the rules know). An article's journal that took its volume ("Diabetes
    Care, 138") → the journal. The phrase must stand whole in the field: after nothing or a
    mark (":", ".", ")"), before nothing, a mark or a space (a species in a book's title,
    "Handbook of *E. coli* genetics", is not the book)."""
    if not entry.journal or entry.kind not in ("chapter", "article"):
        return entry
    for phrase in phrases:
        phrase = phrase.strip(" .,;:")
        if len(WORD.findall(phrase)) < 2 or phrase == entry.journal:
            continue
        at = entry.journal.find(phrase)
        if at < 0:
            continue
        before = entry.journal[:at].rstrip()
        after = entry.journal[at + len(phrase) :]
        if before and not before.endswith((":", ".", ")")):
            continue
        if entry.kind == "article" and WORD.search(after):
            continue  # an article's journal keeps words the page set upright
        if after[:1] not in ("", " ", ",", ".", ":", ";"):
            continue
        return replace(entry, journal=phrase)
    return entry


# --- links: the work a publisher links the entry to -------------------------------------------

# PubMed's page of a work: "http://www.ncbi.nlm.nih.gov/pubmed/9459643?dopt=Abstract",
# "https://pubmed.ncbi.nlm.nih.gov/9459643/"
PUBMED_LINK = lazy(
    r"^(?:https?://)?(?:www\.)?(?:ncbi\.nlm\.nih\.gov/pubmed/|pubmed\.ncbi\.nlm\.nih\.gov/)"
    r"(?P<pmid>\d{1,9})(?!\d)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class LinkedPhrase:
    """Words of an entry under one link, joined across its lines, and where the link points."""

    text: str
    target: str

    @property
    def doi(self) -> str | None:
        from urllib.parse import unquote

        from .normalise import normalise_doi

        return normalise_doi(unquote(self.target))

    @property
    def pmid(self) -> str | None:
        found = PUBMED_LINK.match(self.target)
        return found["pmid"] if found else None


def linked_phrases(lines: Sequence[Line], boxes: Mapping[int, LineBox]) -> list[LinkedPhrase]:
    """An entry's runs of linked words, in order; a run that goes on to the next line under the
    same link (a title over two lines) is one phrase."""
    from .references import join_lines

    phrases: list[LinkedPhrase] = []
    runs_on: str | None = None  # the link the previous line ended in
    for line in lines:
        box = boxes.get(line.number)
        links = box.links if box is not None else ()
        for start, end, target in links:
            text = line.text[start:end].strip()
            if runs_on == target and start == 0 and phrases:
                phrases[-1] = LinkedPhrase(join_lines([phrases[-1].text, text]), target)
            else:
                phrases.append(LinkedPhrase(text, target))
        ends_in = links and links[-1][1] >= len(line.text.rstrip())
        runs_on = links[-1][2] if ends_in else None
    return phrases


def fields_from_links(entry: RefEntry, phrases: Sequence[LinkedPhrase]) -> RefEntry:
    """What an entry's links say that its text may not: the DOI (a style that links the title
    to the work prints no DOI), the PubMed id, and where the title ends.

    Only a link to the work itself (doi.org, PubMed) counts, and only when the entry links one
    work: a DOI the entry prints stands, unless it is the start of the linked one (a DOI cut
    at a line's end)."""
    works = [phrase for phrase in phrases if phrase.doi or phrase.pmid]
    if not works:
        return entry
    dois = {phrase.doi.casefold(): phrase.doi for phrase in works if phrase.doi}
    pmids = {phrase.pmid for phrase in works if phrase.pmid}
    if len(dois) == 1:
        (linked,) = dois.values()
        printed = (entry.doi or "").casefold()
        if not printed or (linked.casefold().startswith(printed) and linked.casefold() != printed):
            entry = replace(entry, doi=linked, doi_source="link")
    if len(pmids) == 1 and not entry.pmid:
        entry = replace(entry, pmid=next(iter(pmids)))
    if len({phrase.target for phrase in works}) == 1:
        entry = title_from_link(entry, works[0].text)
    return entry


def title_from_link(entry: RefEntry, phrase: str) -> RefEntry:
    """The words a link to the work covers, where they open the fields the title and journal
    should be in, are the title ("Somatic methylation: HER2 amplification and methylation Nat
    Commun 2002; 149:1437–1441." with the title linked: the style parts title and journal with
    no mark, and the rules read them as one journal). What follows them is the journal."""
    if entry.title and comparable(entry.title) == comparable(phrase):
        return entry
    # title and journal as the entry prints them, one after the other: "…prostate cancer,
    # Eur" and "Heart J." (the rules cut at the journal's first full stop), "Spore dispersal
    # in cold" and "winds Lichenologist"
    both = (
        _joined_in(entry.raw, entry.title, entry.journal) if entry.title and entry.journal else None
    )
    for field, value in (("both", both), ("journal", entry.journal), ("title", entry.title)):
        cut = _end_of_opening(value, phrase) if value else None
        if cut is None:
            continue
        title, rest = value[:cut].strip(" .,;:"), value[cut:].lstrip(" .,;:").rstrip(" ,;:")
        if field == "both" and rest:
            return replace(entry, title=title, journal=rest)
        if field == "journal" and entry.title is None and (rest or _reads_as_title(title)):
            return replace(entry, title=title, journal=rest or None)
        if field == "title" and rest and entry.journal is None:
            return replace(entry, title=title, journal=rest if _reads_as_journal(rest) else None)
    return entry


def _joined_in(raw: str, head: str, tail: str) -> str | None:
    """`head`, then `tail` after marks and spaces only, as `raw` prints them; else None."""
    at = raw.find(head)
    if at < 0:
        return None
    after = raw[at + len(head) :]
    between = len(after) - len(after.lstrip(" .,;:"))
    if not after[between:].startswith(tail):
        return None
    return raw[at : at + len(head) + between + len(tail)]


def _letters(text: str) -> str:
    # one character for each letter or digit (not `comparable`'s casefold, which may make two
    # of one, "ß" → "ss"): `_end_of_opening` walks the value character by character
    return "".join(ch for ch in text.lower() if ch.isalnum())


def _end_of_opening(value: str, phrase: str) -> int | None:
    """Where `phrase` ends in `value` when `value` opens with it (letters and digits compared,
    so a hyphen or a space the line break changed does not matter), at a word's end."""
    wanted = _letters(phrase)
    if not wanted:
        return None
    seen = 0
    for index, ch in enumerate(value):
        if ch.isalnum():
            if seen == len(wanted) or ch.lower() != wanted[seen]:
                return None
            seen += 1
            if seen == len(wanted):
                end = index + 1
                if value[end : end + 1].isalnum():
                    return None
                # the marks the phrase ends with ("…in mice?") are the title's
                closing = phrase[len(phrase.rstrip("?!)]”’\"'")) :]
                return end + len(closing) if value.startswith(closing, end) else end
    return None


# a word of four or more letters in lower case, not the end of a hyphenated one
TITLE_WORD = lazy(r"(?<![\w-])[a-z]{4,}\b")


def _reads_as_title(text: str) -> bool:
    """A phrase in sentence case, with words of four or more letters in lower case: a title's,
    not a journal's ("Nat Commun", "Journal of Hepatology")."""
    return len(TITLE_WORD.findall(text)) >= 2


def _reads_as_journal(text: str) -> bool:
    """What a title's field kept after its linked words, read as the journal: words, a few."""
    return bool(WORD.search(text)) and len(text.split()) <= 12 and not re.search(r"\d", text)


def comparable(text: str) -> str:
    return re.sub(r"\W+", "", text).casefold()
