"""Sentences of body text under their section headings, each with the markers it carries.

The steps, in order:

    find_sections      HEADING lines (wrapped ones joined) and run-in headings → `Section`s
    split_segments     the citation passage cut where the kind of line changes (body, caption,
                       table, heading) and where a paragraph starts without a closing full stop
    split_sentences    each segment cut at sentence ends; a marker right after the full stop
                       ("mortality.1 Cancer") stays with the sentence before it
    make_claim         markers stripped from the text, source lines and section attached

The passage is `citations.body_passage(lines, references)`, the same text the markers' `start`
and `end` offsets point into (made once and passed to both), so a claim carries exactly the
markers printed inside it.
"""

from __future__ import annotations

import statistics
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass

from .citations import body_passage
from .lazyre import lazy
from .models import BLANK, BODY, CAPTION, HEADING, TABLE, Claim, Line, Marker, RefEntry, Section
from .pdflist import LineBox
from .textclean import REFERENCE_HEADING, Passage
from .words import FUNCTION_WORDS

# "2.1.1 Leptomeningeal carcinomatosis (LC).", "1. Introduction", "III. RESULTS"
SECTION_NUMBER = lazy(r"^(?P<number>\d{1,2}(?:\.\d{1,2}){0,3}|[IVX]{1,5})\.?\s+(?P<title>\S.*)$")
# words whose full stop does not end a sentence: "Pan et al., in", "Fig. 1", "e.g. the", "vs. 5"
ABBREVIATIONS = frozenset(
    """al fig figs eq eqs ref refs e.g i.e vs v approx ca cf no nos vol vols pp p dr mr mrs ms
    prof st sp spp var inc ltd co jr sr resp viz etc tab suppl sect ch ed eds ext mol wt
    ie eg""".split()
)
WORD_BEFORE = lazy(r"([A-Za-z][A-Za-z.]*)$")
WORD_END = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz.\n")
CLOSERS = ")]”’\"'"
SENTENCE_STOP = lazy(r"[.!?]")
SPACE_BEFORE_PUNCTUATION = lazy(r"\s+([.,;:!?)\]])")
EMPTY_BRACKETS = lazy(r"\(\s*\)|\[\s*\]")
CONTINUATION_WORDS = FUNCTION_WORDS | {"&"}
CLAIM_KINDS = {BODY: "body", CAPTION: "caption", TABLE: "table"}


@dataclass(frozen=True)
class Segment:
    """A stretch of the passage printed as one kind of line, under one section."""

    start: int
    end: int
    kind: str
    section: Section | None


def split_claims(
    lines: Sequence[Line],
    markers: Sequence[Marker],
    references: Sequence[RefEntry],
    passage: Passage | None = None,
    boxes: Mapping[int, LineBox] | None = None,
) -> tuple[list[Section], list[Claim]]:
    """Body lines and their markers → sections and sentences (claims), markers stripped.

    `passage` is the one the markers were found in, when the caller has it; `boxes`, a PDF's
    line boxes, show where paragraphs start (`paragraph_starts`)."""
    if passage is None:
        passage = body_passage(lines, references)
    sections, section_at_line = find_sections(lines)
    ordered = sorted(markers, key=lambda marker: marker.start)
    starts = [marker.start for marker in ordered]
    claims: list[Claim] = []
    # a body sentence left open when a caption or table interrupts it ("… disruption of the"
    # + "Fig. 1 Diagram …" + "signaling pathways of ALK and ROS1.113"): finished after it
    held: tuple[list[tuple[int, int]], Segment] | None = None
    # each segment starts a paragraph, except the body after a caption or table that finishes
    # the sentence the caption interrupted: the same paragraph goes on
    paragraph_of: dict[Segment, int] = {}
    # body text printed after the list's heading but before its first entry is the column the
    # heading interrupted, when a reader takes a column's head before its neighbour's foot
    # (pdfminer's text of a two-column page): still the body's sentences
    first_entry_line = min((ref.line for ref in references), default=0)
    openers = paragraph_starts(lines, boxes) if boxes else text_paragraph_starts(lines)
    for segment in split_segments(passage, lines, section_at_line, openers):
        if segment.kind not in CLAIM_KINDS:
            _flush(held, passage, ordered, starts, claims, paragraph_of)
            held = None
            continue
        if (
            segment.section is not None
            and REFERENCE_HEADING.match(segment.section.title)
            and not passage.line_at(segment.end - 1) < first_entry_line
        ):
            _flush(held, passage, ordered, starts, claims, paragraph_of)
            held = None
            continue  # lines of the list that no entry took: not claims
        inside = ordered[bisect_left(starts, segment.start) : bisect_left(starts, segment.end)]
        spans = split_sentences(passage.text, segment.start, segment.end, inside)
        if not spans:
            continue
        paragraph_of[segment] = len(paragraph_of)
        if segment.kind == BODY and held is not None:
            first_start, first_end = spans[0]
            if (
                passage.text[first_start : first_start + 1].islower()
                and held[1].section == segment.section
            ):
                held[0].append((first_start, first_end))
                spans = spans[1:]
                paragraph_of[segment] = paragraph_of[held[1]]
            _flush(held, passage, ordered, starts, claims, paragraph_of)
            held = None
        last_open = segment.kind == BODY and not _is_closed(
            passage.text, spans[-1] if spans else (0, 0)
        )
        for index, (start, end) in enumerate(spans):
            if last_open and index == len(spans) - 1:
                held = ([(start, end)], segment)
                break
            claim = make_claim(
                passage, [(start, end)], ordered, starts, segment, paragraph_of[segment]
            )
            if claim is not None:
                claims.append(claim)
    _flush(held, passage, ordered, starts, claims, paragraph_of)
    return sections, claims


def _is_closed(text: str, span: tuple[int, int]) -> bool:
    """Does the sentence span end like a sentence (full stop, marker after it, closing bracket)?"""
    tail = text[span[0] : span[1]].rstrip()
    return not tail or not (tail[-1].isalpha() or tail[-1] in ",;–-")


def _flush(
    held: tuple[list[tuple[int, int]], Segment] | None,
    passage: Passage,
    ordered: list[Marker],
    starts: list[int],
    claims: list[Claim],
    paragraph_of: dict[Segment, int],
) -> None:
    if held is not None:
        claim = make_claim(passage, held[0], ordered, starts, held[1], paragraph_of[held[1]])
        if claim is not None:
            claims.append(claim)


def find_sections(lines: Sequence[Line]) -> tuple[list[Section], dict[int, Section]]:
    """HEADING lines and run-in headings → sections, and the section in force at each line."""
    heads: list[tuple[int, str]] = []  # (line number, heading text), wrapped lines joined
    previous_kind = BLANK
    for line in lines:
        if line.kind == HEADING or line.run_in:
            text = line.run_in or line.text
            if heads and previous_kind == HEADING and _continues_heading(heads[-1][1], text):
                heads[-1] = (heads[-1][0], f"{heads[-1][1]} {text}")
            else:
                heads.append((line.number, text))
        if line.kind not in (BLANK,) and line.kind in (HEADING, BODY, CAPTION, TABLE):
            previous_kind = HEADING if line.kind == HEADING and not line.run_in else line.kind
    sections = []
    for number, text in heads:
        text = " ".join(text.split()).rstrip(".").strip()
        match = SECTION_NUMBER.match(text)
        if match:
            sections.append(
                Section(number=match.group("number"), title=match.group("title"), line_start=number)
            )
        else:
            sections.append(Section(number=None, title=text, line_start=number))
    section_at_line: dict[int, Section] = {}
    current: Section | None = None
    pending = list(sections)
    for line in lines:
        while pending and pending[0].line_start <= line.number:
            current = pending.pop(0)
        if current is not None:
            section_at_line[line.number] = current
    return sections, section_at_line


def _continues_heading(head: str, text: str) -> bool:
    """ "2. Metastasis manners of ALK and" + "ROS1 rearrangement NSCLC": one wrapped heading."""
    if SECTION_NUMBER.match(text) and text[:1].isdigit():
        return False
    last = head.split()[-1].lower() if head.split() else ""
    return last in CONTINUATION_WORDS or text[:1].islower() or text[:1] == "("


def split_segments(
    passage: Passage,
    lines: Sequence[Line],
    section_at_line: dict[int, Section],
    starts: AbstractSet[int] = frozenset(),
) -> list[Segment]:
    """The passage cut where the line kind or section changes, or a paragraph starts afresh."""
    by_number = {line.number: line for line in lines}
    text, line_of = passage.text, passage.line_of
    if not line_of:
        return []
    # source lines only increase along the passage, so each line's first offset is where the
    # line before it ends: one bisection per line, never a pass over every character
    numbers: list[int] = []
    firsts: list[int] = []
    offset, size = 0, len(line_of)
    while offset < size:
        numbers.append(line_of[offset])
        firsts.append(offset)
        offset = bisect_right(line_of, line_of[offset], offset)
    segments: list[Segment] = []
    start = 0
    for previous, here, offset in zip(numbers, numbers[1:], firsts[1:], strict=False):
        if not _starts_new_segment(by_number, previous, here, text, offset, starts):
            continue
        segments.append(_segment(by_number, section_at_line, line_of, start, offset))
        start = offset
    segments.append(_segment(by_number, section_at_line, line_of, start, len(line_of)))
    return segments


def _segment(
    by_number: dict[int, Line],
    section_at_line: dict[int, Section],
    line_of: tuple[int, ...],
    start: int,
    end: int,
) -> Segment:
    first = by_number[line_of[start]]
    return Segment(start=start, end=end, kind=first.kind, section=section_at_line.get(first.number))


def _starts_new_segment(
    by_number: dict[int, Line],
    before: int,
    after: int,
    text: str,
    offset: int,
    starts: AbstractSet[int] = frozenset(),
) -> bool:
    old, new = by_number[before], by_number[after]
    if old.kind != new.kind or new.run_in:
        return True
    if new.kind == HEADING:
        return True
    # "activity compared to chemotherapy alone142,143" + blank + "Despite we can't …":
    # a paragraph that ends without its full stop still ends (the blank lines between are
    # looked for last: most line pairs fail the cheaper tests)
    last = old.text.rstrip()[-1:]
    if not (last in (".", "!", "?", ":", ")") or last.isdigit()):
        return False
    if not text[offset : offset + 2].lstrip()[:1].isupper():
        return False
    if after in starts and last != ":":
        # the page shows a new paragraph (a short line before, an indent, a gap); a colon
        # there introduces a list ("five principles:" + "Education; Open Access; …")
        return True
    return any(by_number[n].kind == BLANK for n in range(before + 1, after) if n in by_number)


# In units of the line's body size: a paragraph's first line indented at least this far (and
# at most the second), the line before ending this far short of the column's right edge, or a
# gap between them this much wider than the page's usual one
FIRST_LINE_INDENT = (0.8, 4.0)
SHORT_OF_EDGE = 2.0
WIDER_GAP = 0.5
# an edge shared by this many body lines of a page is a column's left edge
MIN_COLUMN_LINES = 3


# A wrapped paragraph's last line, in characters, is this much shorter than the longest of the
# lines around it, which run to the column's width (of at least MIN_WRAPPED characters)
SHORT_LINE = 0.75
MIN_WRAPPED = 45


def text_paragraph_starts(lines: Sequence[Line]) -> frozenset[int]:
    """Body lines of wrapped text (a PDF's extracted text) that open a paragraph where no blank
    line says so: the line before stops well short of the lines around it, as a justified or
    ragged paragraph's last line does (`paragraph_starts` does the same with a PDF's boxes)."""
    body = [line for line in lines if line.kind == BODY]
    lengths = [len(line.text) for line in body]
    starts = set()
    for position in range(1, len(body)):
        above = lengths[position - 1]
        around = lengths[max(0, position - 4) : position - 1] + [lengths[position]]
        widest = max(around)
        if widest >= MIN_WRAPPED and above < SHORT_LINE * widest:
            starts.add(body[position].number)
    return frozenset(starts)


def paragraph_starts(lines: Sequence[Line], boxes: Mapping[int, LineBox]) -> frozenset[int]:
    """Body lines of a PDF that open a paragraph, by the page's geometry; PDFs print no blank
    lines between paragraphs, so the text alone showed none.

    A line opens one when it is indented by about an em from its column's left edge (LaTeX,
    and a column's first line too); or when the line before it in its column stops well short
    of the lines around it, which reach the column's right edge (justified text; in ragged
    text, short of two thirds of the column); or when the gap between them is wider than the
    page's usual one. Whether the line before ends a sentence is `_starts_new_segment`'s to
    ask."""
    body = [line for line in lines if line.kind == BODY and line.number in boxes]
    lefts: dict[int, Counter[float]] = {}
    for line in body:
        box = boxes[line.number]
        lefts.setdefault(box.page, Counter())[round(box.x0)] += 1

    def column_left(box: LineBox) -> float:
        """The left edge of the column a line sits in: the leftmost edge that many lines of
        its page share, at most a few ems left of the line."""
        shared = [
            x
            for x, count in lefts[box.page].items()
            if count >= MIN_COLUMN_LINES and box.x0 - 4 * box.size <= x <= box.x0 + 0.5 * box.size
        ]
        return min(shared) if shared else box.x0

    placed = [(line.number, boxes[line.number], column_left(boxes[line.number])) for line in body]
    starts = set()
    gaps: dict[int, list[float]] = {}
    pairs = []
    for position in range(1, len(placed)):
        _, above, above_left = placed[position - 1]
        number, below, left = placed[position]
        indent = below.x0 - left
        if FIRST_LINE_INDENT[0] * below.size <= indent <= FIRST_LINE_INDENT[1] * below.size:
            starts.add(number)
            continue
        if below.page != above.page or not 0 <= below.top - above.bottom < 3 * below.size:
            continue  # another page or column: no gap to measure between them
        if above_left != left:
            continue
        gaps.setdefault(below.page, []).append(below.top - above.bottom)
        # the lines around: up to three before the line above, in its column, and the one below
        around = [below.x1]
        for _, earlier, earlier_left in reversed(placed[max(0, position - 4) : position - 1]):
            if earlier.page != above.page or earlier_left != left:
                break
            around.append(earlier.x1)
        pairs.append((above, below, number, left, around))
    usual = {page: statistics.median(values) for page, values in gaps.items()}
    for above, below, number, left, around in pairs:
        size = above.size
        right = max(around)
        if sum(end >= right - size for end in around) >= 2:  # justified: they reach one edge
            short = above.x1 < right - SHORT_OF_EDGE * size
        else:
            short = above.x1 < left + 2 / 3 * (right - left)
        if short or below.top - above.bottom > usual[below.page] + WIDER_GAP * below.size:
            starts.add(number)
    return frozenset(starts)


def split_sentences(
    text: str, start: int, end: int, markers: Sequence[Marker]
) -> list[tuple[int, int]]:
    """Sentence spans of text[start:end]; a marker after the full stop belongs to the sentence."""
    marker_at = {marker.start: marker for marker in markers}
    spans: list[tuple[int, int]] = []
    while start < end and text[start].isspace():
        start += 1
    sentence_start = start
    position = start
    while True:
        stop = SENTENCE_STOP.search(text, position, end)
        if stop is None:
            break
        position = stop.start()
        if not _ends_sentence(text, sentence_start, position, marker_at):
            position += 1
            continue
        cut = position + 1
        while cut < end and text[cut] in CLOSERS:
            cut += 1
        # markers printed after the full stop: "mortality.1 Cancer", "volume. 6 Recently"
        while True:
            gap = cut
            while gap < end and text[gap] == " ":
                gap += 1
            if gap in marker_at and (gap == cut or marker_at[gap].style == "superscript"):
                cut = max(cut, marker_at[gap].end)
                continue
            if cut in marker_at:
                cut = max(cut, marker_at[cut].end)
                continue
            break
        if cut < end and not text[cut].isspace():
            if _glued_number_then_sentence(text, cut, end):
                cut = _skip_digits(text, cut, end)
            else:
                position += 1
                continue
        following = cut
        while following < end and text[following].isspace():
            following += 1
        if following >= end or _starts_sentence(text[following : following + 2]):
            spans.append((sentence_start, cut))
            sentence_start = following
            position = following
            continue
        position += 1
    if sentence_start < end and text[sentence_start:end].strip():
        spans.append((sentence_start, end))
    return spans


def _ends_sentence(
    text: str, sentence_start: int, position: int, marker_at: dict[int, Marker]
) -> bool:
    if text[position] != ".":
        return True
    if position + 1 in marker_at:
        return True  # "in April 2017.109 In patients": a marker, not the decimals of "2017.109"
    window = max(sentence_start, position - 20)
    # WORD_BEFORE can only end on a letter or a full stop (or before a final newline): after a
    # digit or a bracket, as a third of the full stops are, there is no word to look for
    before = (
        WORD_BEFORE.search(text[window:position])
        if position > window and text[position - 1] in WORD_END
        else None
    )
    if before is None:
        # "(34%).35", "15 months.", "ROS1.113": a full stop after a number or bracket ends it,
        # but not a decimal point "9.8 months"
        return not (
            position + 1 < len(text)
            and text[position + 1].isdigit()
            and text[position - 1].isdigit()
        )
    word = before.group(1)
    if word.lower().rstrip(".") in ABBREVIATIONS:
        return False
    # initials "S. M. Gadgeel", "E. coli"; "e.g." and "i.e." spelt with inner full stops
    if len(word) == 1 and word.isupper():
        return False
    return "." not in word


def _starts_sentence(head: str) -> bool:
    if not head:
        return True
    first = head[0]
    return first.isupper() or first.isdigit() or (first in '(“"[' and head[1:2].isupper())


def _glued_number_then_sentence(text: str, cut: int, end: int) -> bool:
    """ "mortality.1 Cancer" where no marker was found: a number glued to the full stop."""
    before = text[cut - 2 : cut - 1]
    if not text[cut].isdigit() or not (before.isalpha() or before in ")%"):
        return False
    after = _skip_digits(text, cut, end)
    return after < end and text[after] == " " and _starts_sentence(text[after + 1 : after + 3])


def _skip_digits(text: str, cut: int, end: int) -> int:
    while cut < end and (text[cut].isdigit() or text[cut] in ",–-"):
        cut += 1
    return cut


def make_claim(
    passage: Passage,
    spans: list[tuple[int, int]],
    ordered: list[Marker],
    starts: list[int],
    segment: Segment,
    paragraph: int = 0,
) -> Claim | None:
    """Sentence span(s) → a Claim: markers cut out of the text, source lines attached."""
    text = passage.text
    pieces: list[str] = []
    carried: list[Marker] = []
    for start, end in spans:
        cursor = start
        for marker in ordered[bisect_left(starts, start) : bisect_left(starts, end)]:
            carried.append(marker)
            if marker.start < cursor:
                continue
            pieces.append(text[cursor : marker.start])
            cursor = min(max(marker.end, cursor), end)
        pieces.append(text[cursor:end])
        pieces.append(" ")
    cleaned = " ".join("".join(pieces).split())
    # blanks are single spaces now: the patterns can match only where these pairs are printed
    if "()" in cleaned or "( )" in cleaned or "[]" in cleaned or "[ ]" in cleaned:
        cleaned = EMPTY_BRACKETS.sub("", cleaned)
    if SPACE_BEFORE_PUNCTUATION.search(cleaned):  # sub() parses its template on every call
        cleaned = SPACE_BEFORE_PUNCTUATION.sub(r"\1", cleaned)
    cleaned = cleaned.strip()
    # nearly every claim starts with a letter: the scan is for the few that do not
    if not (cleaned[:1].isalpha() or any(ch.isalpha() for ch in cleaned)):
        return None
    start, end = spans[0][0], spans[-1][1]
    stop = end - 1
    while stop > start and text[stop].isspace():
        stop -= 1
    return Claim(
        text=cleaned,
        line_start=passage.line_at(start),
        line_end=passage.line_at(stop),
        section=segment.section,
        markers=tuple(carried),
        kind=CLAIM_KINDS[segment.kind],
        paragraph=paragraph,
    )


__all__ = ["find_sections", "split_claims", "split_sentences"]
