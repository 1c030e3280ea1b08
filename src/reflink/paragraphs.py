"""Paragraphs, and the citations a sentence has only through its paragraph.

Reviews often cite once per paragraph: "Ensartinib … had an intracranial response of 64.3%.
There were 4 patients … Therefore, its CNS activity is worthy of attention.120" The first two
sentences carry no callout, yet [120] is what a reader would check for them. For such a
sentence (a claim with no marker of its own) the numbers cited elsewhere in its paragraph are
its **context**: kept apart from its own citations (a table of their own, never a row of
`citations`), so reports, facets and the evaluation count only what the sentence prints.

Plain data in, plain data out: `paragraph_spans(claims)` and `paragraph_context(claims)` work
on the claims of one document, in the order `claims.split_claims` made them.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from .models import Claim, Marker


@dataclass(frozen=True)
class ParagraphSpan:
    """One paragraph: its claims (indices into the document's claims), lines and kind."""

    index: int  # the claims' `paragraph`
    claims: tuple[int, ...]  # positions in the document's claim list, in reading order
    line_start: int
    line_end: int
    kind: str  # body | caption | table


@dataclass(frozen=True)
class ContextCitation:
    """A number cited in the paragraph of a claim that cites nothing itself."""

    claim: int  # position of the uncited claim in the document's claim list
    number: int
    marker: str  # the callout as printed where the paragraph cites it: "120", "[3–5]"
    line: int  # where that callout is printed
    # sentences from the claim to the nearest sentence citing the number: 2 = two sentences
    # on, -1 = the sentence before
    distance: int

    def describe(self) -> str:
        """ "2 sentences on", "the sentence before"."""
        return describe_distance(self.distance)


def describe_distance(distance: int) -> str:
    """2 → "2 sentences on"; 1 → "the next sentence"; -1 → "the sentence before"."""
    if distance == 1:
        return "the next sentence"
    if distance == -1:
        return "the sentence before"
    if distance > 0:
        return f"{distance} sentences on"
    return f"{-distance} sentences before"


def _in_reading_order(claims: Sequence[Claim]) -> dict[int, list[int]]:
    by_paragraph: dict[int, list[int]] = {}
    for position, claim in enumerate(claims):
        by_paragraph.setdefault(claim.paragraph, []).append(position)
    for positions in by_paragraph.values():
        # a sentence finished after a caption is appended late: order by where it is printed
        positions.sort(key=lambda position: (claims[position].line_start, position))
    return by_paragraph


def paragraph_spans(claims: Sequence[Claim]) -> list[ParagraphSpan]:
    """The document's paragraphs, in the order they first appear."""
    spans = []
    for index, positions in _in_reading_order(claims).items():
        members = [claims[position] for position in positions]
        spans.append(
            ParagraphSpan(
                index=index,
                claims=tuple(positions),
                line_start=min(claim.line_start for claim in members),
                line_end=max(claim.line_end for claim in members),
                kind=members[0].kind,
            )
        )
    return spans


def paragraph_context(claims: Sequence[Claim]) -> list[ContextCitation]:
    """For each body claim with no marker: every number its paragraph cites, at the nearest
    sentence citing it (the one after on a tie: a paragraph usually cites at its end)."""
    return [
        ContextCitation(claim, number, marker.text, marker.line, distance)
        for claim, number, marker, distance in context_citations(claims)
    ]


def context_citations(claims: Sequence[Claim]) -> Iterator[tuple[int, int, Marker, int]]:
    """`paragraph_context` as plain tuples (claim position, number, marker, distance), in the
    same order: what the database write needs, without an object per row (a review has
    thousands; a frozen dataclass costs more to make than its row costs to write)."""
    for positions in _in_reading_order(claims).values():
        cited = [
            (order, marker, number)
            for order, position in enumerate(positions)
            for marker in claims[position].markers
            for number in marker.numbers
        ]
        if not cited:
            continue
        for order, position in enumerate(positions):
            claim = claims[position]
            if claim.markers or claim.kind != "body":
                continue
            # rank: nearer first, the sentence after before the one before (2|d| + 0 or 1)
            nearest: dict[int, tuple[int, int, int, Marker]] = {}
            for cited_order, marker, number in cited:
                distance = cited_order - order
                rank = 2 * distance if distance > 0 else 1 - 2 * distance
                held = nearest.get(number)
                if held is None or rank < held[0]:
                    nearest[number] = (rank, number, distance, marker)
            # by rank, then number: each number once, so the markers are never compared
            for _, number, distance, marker in sorted(nearest.values()):
                yield position, number, marker, distance


def context_summary(numbers: Sequence[tuple[int, int]]) -> str:
    """[(120, 2)] → "no citation in this sentence; its paragraph cites [120] (2 sentences on)"."""
    if not numbers:
        return "no citation in this sentence"
    by_distance: dict[int, list[int]] = {}
    for number, distance in numbers:
        by_distance.setdefault(distance, []).append(number)
    parts = [
        f"[{', '.join(str(n) for n in sorted(group))}] ({describe_distance(distance)})"
        for distance, group in sorted(by_distance.items(), key=lambda item: abs(item[0]))
    ]
    return "no citation in this sentence; its paragraph cites " + ", ".join(parts)
