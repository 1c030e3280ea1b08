"""Citation callouts in body text: flattened superscripts, brackets, parentheses; ranges expanded."""

from __future__ import annotations

import re
from collections.abc import Sequence

from .models import BODY, Line, Marker, Problem, RefEntry
from .textclean import Passage, stitch

NUMBER_LIST = r"\d{1,4}(?:\s*[–—-]\s*\d{1,4})?(?:\s*,\s*\d{1,4}(?:\s*[–—-]\s*\d{1,4})?)*"
BRACKET = re.compile(r"\[(" + NUMBER_LIST + r")\]")
PAREN = re.compile(r"\((" + NUMBER_LIST + r")\)")
# "mortality.1 Cancer", "NSCLC.6–8", "chemotherapy85 showed"
SUPERSCRIPT = re.compile(r"(?<=[a-z\).,;])(" + NUMBER_LIST + r")(?=[\s.,;]|$)")
RANGE = re.compile(r"(\d+)\s*[–—-]\s*(\d+)")


def expand_numbers(text: str) -> tuple[int, ...]:
    """"3–5, 9" → (3, 4, 5, 9)."""
    numbers: list[int] = []
    for part in text.split(","):
        part = part.strip()
        match = RANGE.fullmatch(part)
        if match:
            low, high = int(match.group(1)), int(match.group(2))
            if low < high <= low + 200:
                numbers.extend(range(low, high + 1))
                continue
        if part.isdigit():
            numbers.append(int(part))
    return tuple(numbers)


def find_markers(text: str, passage: Passage | None = None) -> list[Marker]:
    """Callout candidates in `text`, in order of position."""
    markers = []
    for style, pattern in (("bracket", BRACKET), ("paren", PAREN), ("superscript", SUPERSCRIPT)):
        for match in pattern.finditer(text):
            numbers = expand_numbers(match.group(1))
            if not numbers:
                continue
            line = passage.line_at(match.start(1)) if passage else 0
            markers.append(
                Marker(line=line, text=match.group(0), numbers=numbers,
                       start=match.start(), end=match.end(), style=style)
            )
    markers.sort(key=lambda marker: marker.start)
    return markers


def body_passage(lines: Sequence[Line], references: Sequence[RefEntry]) -> Passage:
    """The running text that carries citations: body lines outside the reference list.

    Marker offsets (`start`, `end`) are offsets into this passage; claims splits the same one.
    """
    in_list = {n for ref in references for n in range(ref.line, (ref.line_end or ref.line) + 1)}
    return stitch(line for line in lines if line.kind == BODY and line.number not in in_list)


def find_citations(
    lines: Sequence[Line], references: Sequence[RefEntry]
) -> tuple[list[Marker], list[Problem]]:
    """Lines of a document → its citation markers, using the reference list as evidence."""
    passage = body_passage(lines, references)
    return find_markers(passage.text, passage), []
