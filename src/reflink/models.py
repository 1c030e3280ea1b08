"""Plain data handed between the stages of the pipeline.

Every stage is a function over these frozen dataclasses; none of them does I/O. The read side
(lookup, bibtex, enrich) imports them from here, never from the parsers. Each object
remembers where it came from (`line`, `raw`), so a user can always go back to the printed text.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

# Line kinds assigned by textclean. Only BODY/HEADING/CAPTION/TABLE lines carry citations;
# REFERENCE lines are the bibliography; FURNITURE and WATERMARK never reach a claim or entry.
BODY = "body"
HEADING = "heading"
CAPTION = "caption"
TABLE = "table"
REFERENCE = "reference"
FURNITURE = "furniture"
WATERMARK = "watermark"
BLANK = "blank"
FRONT = "front"  # title block, authors, affiliations: not body text


@dataclass(frozen=True)
class Line:
    """One line of the input file, cleaned at character level (ligatures, "¼" → "=")."""

    number: int  # 1-based line number in the input file
    text: str  # cleaned text of the line
    raw: str  # the line exactly as read
    kind: str = BODY
    # a run-in heading split off the line's start ("2.1.1 Leptomeningeal carcinomatosis (LC).");
    # `text` then holds only the body text after it ("LC is also"), and `kind` stays BODY
    run_in: str = ""


@dataclass(frozen=True)
class Problem:
    """Something a stage could not place or parse; kept as data, never printed by the stage."""

    line: int | None
    stage: str
    message: str


@dataclass(frozen=True)
class Section:
    """A numbered (or unnumbered) section heading of the body."""

    number: str | None  # "2.1.1", or None for an unnumbered heading such as "INTRODUCTION"
    title: str
    line_start: int


@dataclass(frozen=True)
class Marker:
    """A citation callout as printed, with the reference numbers it stands for."""

    line: int  # source line holding the marker's first digit
    text: str  # the marker as printed: "6–8", "[3–5, 9]", "(2, 6-8)"
    numbers: tuple[int, ...]  # expanded: "6–8" → (6, 7, 8)
    start: int = 0  # character offsets in the text the marker was found in
    end: int = 0
    style: str = "superscript"  # superscript | bracket | paren


@dataclass(frozen=True)
class RefEntry:
    """One numbered entry of the reference list, with the fields parsed from its text."""

    number: int
    raw: str  # the entry's text, joined across lines, furniture removed
    line: int  # source line where the entry starts
    line_end: int | None = None  # source line where the entry ends (furniture lines in between)
    authors: tuple[str, ...] = ()  # as printed: ("S. M. Gadgeel", "L. Gandhi")
    title: str | None = None
    journal: str | None = None
    year: int | None = None
    volume: str | None = None
    pages: str | None = None  # in full: "1119–1128" even when printed "1119–28"
    doi: str | None = None
    # where the DOI was read: "text" (printed in the entry), "link" (a PDF's link on the entry
    # to the work, whose DOI the entry does not print)
    doi_source: str = "text"
    url: str | None = None
    kind: str = "article"  # article | book | web | press | chapter | thesis | other
    partial: bool = False  # the extract cut the entry (no number, or cut mid-way)
    # set when no style rule read the entry whole and the learned field parser did: the
    # probability it gives its reading (reflink.fieldmodel); None when the rules read it
    model_confidence: float | None = None
    # where the read side needs them (an entry read back from the database, `entry_from_row`):
    # the `refs` row's id, its document's name, and "text" or "crossref" (filled from a deposit)
    ref_id: int | None = None
    document: str | None = None
    source: str = "text"
    issue: str | None = None  # tagged in JATS; the text route leaves it to `raw`
    pmid: str | None = None  # PubMed id, tagged in JATS
    # the most severe update Crossref lists for the work (`reflink check-sources`), read back
    update_status: str | None = None
    update_date: str | None = None
    update_notice: str | None = None

    def printed_fields(self) -> dict[str, Any]:
        """Authors, title, journal, year, volume, pages: what other records copy of an entry."""
        return {name: getattr(self, name) for name in PRINTED_FIELDS}


PRINTED_FIELDS = ("authors", "title", "journal", "year", "volume", "pages")


@dataclass(frozen=True)
class Claim:
    """A sentence of body text, with the markers it carries (stripped from `text`)."""

    text: str
    line_start: int
    line_end: int
    section: Section | None = None
    markers: tuple[Marker, ...] = ()
    kind: str = BODY  # body | caption | table: where the sentence was printed
    # which paragraph of the document (0, 1, 2 … in reading order) the sentence belongs to; a
    # caption or a table is a paragraph of its own
    paragraph: int = 0


@dataclass
class ParsedDocument:
    """Everything the stages found in one document, before it is written anywhere."""

    lines: list[Line]
    references: list[RefEntry]
    markers: list[Marker]
    sections: list[Section]
    claims: list[Claim]
    problems: list[Problem] = field(default_factory=list)
    title: str | None = None
    doi: str | None = None  # the document's own DOI when the text prints it
    # where it was published and under which licence, when the document itself says (JATS front
    # matter); a README beside the file says it for a text, and wins
    source: str | None = None
    licence: str | None = None
    # a PDF's page of each line (pages[i] for line number i + 1); None for a text file
    pages: list[int] | None = None
    page_count: int | None = None
    format: str = "text"  # what the file was, by its content: text, jats or pdf
    # a PDF's raised and lowered runs by line number: {"raised": [[start, end]], "lowered": …}
    scripts: dict[int, dict[str, list[list[int]]]] | None = None


def format_ranges(numbers: Iterable[int]) -> str:
    """[1, 2, 3, 5, 7, 8] → "1–3, 5, 7–8"."""
    ordered = sorted(set(numbers))
    parts: list[str] = []
    i = 0
    while i < len(ordered):
        j = i
        while j + 1 < len(ordered) and ordered[j + 1] == ordered[j] + 1:
            j += 1
        parts.append(str(ordered[i]) if i == j else f"{ordered[i]}–{ordered[j]}")
        i = j + 1
    return ", ".join(parts)


@dataclass
class IngestResult:
    """What one ingest did, in counts a user can check against the text."""

    name: str
    document_id: int
    claims: int
    cited_claims: int
    markers: int
    citations: int
    entries: int
    partial_entries: int
    dangling: list[int] = field(default_factory=list)
    uncited: list[int] = field(default_factory=list)
    problems: int = 0
    linked: int = 0  # citation rows whose number has an entry (the rest dangle)
    ocr: bool = False  # a PDF whose text is an OCR layer: superscript callouts may be missing

    def summary(self) -> str:
        """One line of counts: what a user reads after `reflink ingest`."""
        text = f"{self.name}: " + _counts_text(self, "{}")
        text += f", {len(self.dangling)} numbers without an entry"
        if self.dangling:
            text += f" ({format_ranges(self.dangling)})"
        if self.uncited:
            text += f", {len(self.uncited)} entries never cited ({format_ranges(self.uncited)})"
        if self.problems:
            text += f", {self.problems} problems"
        if self.ocr:
            text += "; its text is from OCR, which reads few superscript callouts"
        return text


def batch_summary(results: Sequence[IngestResult]) -> str:
    """The counts of many ingested documents added up: the line a user ingesting a folder reads
    last, when the documents' own lines have scrolled away."""
    total = IngestResult(
        name="In all",
        document_id=0,
        **{name: sum(getattr(result, name) for result in results) for name in COUNTED},
    )
    text = f"{total.name}: " + _counts_text(total, "{:,}")
    text += f", {sum(len(result.dangling) for result in results):,} numbers without an entry"
    if total.problems:
        text += f", {total.problems:,} problems"
    return text


# the counts of IngestResult that add up over documents
COUNTED = (
    "claims",
    "cited_claims",
    "markers",
    "citations",
    "entries",
    "partial_entries",
    "problems",
    "linked",
)


def _counts_text(result: IngestResult, number: str) -> str:
    """The counts one document's line and a batch's total share, each written as `number`."""
    n = number.format
    text = (
        f"{n(result.markers)} markers → {n(result.citations)} citations "
        f"({n(result.linked)} linked to an entry), {n(result.claims)} claims "
        f"({n(result.cited_claims)} cited), {n(result.entries)} entries"
    )
    if result.partial_entries:
        text += f" ({n(result.partial_entries)} partial)"
    return text


def file_name_text(name: str) -> str:
    """A file name or path as SQLite can store it: bytes that are not UTF-8, which Python reads
    as lone surrogates (b"caf\\xe9.txt" → "caf\\udce9.txt"), written as "caf\\\\xe9.txt", as a
    terminal shows them; a UTF-8 name is unchanged."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def decode_authors(value: Any) -> tuple[str, ...]:
    """`refs.authors` as stored (a JSON array of names as printed) → the names.

    The one reading every consumer shares: empty or NULL → (); names already read pass through;
    text that is not a JSON array is one printed name, kept rather than lost."""
    if not value:
        return ()
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            return (value,)
        if not isinstance(value, list):
            return (str(value),)
    return tuple(str(name) for name in value if name and str(name).strip())


def entry_from_row(row: Mapping[str, Any], document: str | None = None) -> RefEntry:
    """A `refs` row → its `RefEntry`, with the row's id, document and source: the one place the
    read side (lookup, enrichment, checks) turns a stored entry back into the record."""
    return RefEntry(
        number=row["number"],
        raw=row["raw"] or "",
        line=row.get("line_start") or 0,
        line_end=row.get("line_end"),
        authors=decode_authors(row.get("authors")),
        title=row.get("title"),
        journal=row.get("journal"),
        year=row.get("year"),
        volume=row.get("volume"),
        pages=row.get("pages"),
        doi=row.get("doi"),
        url=row.get("url"),
        kind=row.get("kind") or "article",
        partial=bool(row.get("partial")),
        ref_id=row.get("id"),
        document=document if document is not None else row.get("document"),
        source=row.get("source") or "text",
        issue=row.get("issue"),
        update_status=row.get("update_status"),
        update_date=row.get("update_date"),
        update_notice=row.get("update_notice"),
    )
