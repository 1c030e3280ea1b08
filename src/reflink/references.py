"""Locate the reference list, split it into numbered entries and parse each entry's fields."""

from __future__ import annotations

import re
from collections.abc import Sequence

from .models import BLANK, BODY, Line, Problem, RefEntry

# "101 S. M. Gadgeel", "12. Smith AB", "[12] A. B. Smith"
ENTRY_START = re.compile(r"^\s*(?:\[(\d{1,4})\]|(\d{1,4})\.?)\s+(?=\S)")
YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
DOI = re.compile(r"\b(10\.\d{4,9}/\S+[^\s.,;])")
URL = re.compile(r"https?://\S+")


def parse_references(lines: Sequence[Line]) -> tuple[list[RefEntry], list[Problem]]:
    """Lines of a document → its numbered reference entries (with parsed fields) and problems."""
    candidates = [line for line in lines if line.kind in (BODY, BLANK)]
    starts = []
    for index, line in enumerate(candidates):
        match = ENTRY_START.match(line.text)
        if match:
            starts.append((index, int(match.group(1) or match.group(2)), match.end()))
    chain = _longest_chain(starts)
    entries = []
    for position, (index, number, offset) in enumerate(chain):
        stop = chain[position + 1][0] if position + 1 < len(chain) else len(candidates)
        first = candidates[index]
        body = [Line(first.number, first.text[offset:], first.raw, first.kind)]
        body += [line for line in candidates[index + 1 : stop] if line.kind == BODY]
        entries.append(_build(number, body))
    return entries, []


def _longest_chain(starts: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """The longest run of entry starts numbered n, n+1, n+2, … in reading order."""
    best: dict[int, list[tuple[int, int, int]]] = {}
    longest: list[tuple[int, int, int]] = []
    for start in starts:
        chain = best.get(start[1] - 1, [])
        chain = [*chain, start]
        if len(chain) > len(best.get(start[1], [])):
            best[start[1]] = chain
        if len(chain) > len(longest):
            longest = chain
    return longest


def _build(number: int, lines: list[Line]) -> RefEntry:
    raw = " ".join(line.text for line in lines)
    year = YEAR.search(raw)
    doi = DOI.search(raw)
    url = URL.search(raw)
    return RefEntry(
        number=number,
        raw=raw,
        line=lines[0].number,
        line_end=lines[-1].number,
        year=int(year.group(1)) if year else None,
        doi=doi.group(1) if doi else None,
        url=url.group(0) if url else None,
        kind="web" if url and not doi else "article",
    )
