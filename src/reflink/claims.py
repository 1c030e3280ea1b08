"""Sentences of body text under their section headings, each with the markers it carries."""

from __future__ import annotations

import re
from collections.abc import Sequence

from .citations import body_passage
from .models import Claim, Line, Marker, RefEntry, Section

SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")


def split_claims(
    lines: Sequence[Line], markers: Sequence[Marker], references: Sequence[RefEntry]
) -> tuple[list[Section], list[Claim]]:
    """Body lines and their markers → sections and sentences (claims), markers stripped."""
    passage = body_passage(lines, references)
    claims: list[Claim] = []
    start = 0
    ordered = sorted(markers, key=lambda marker: marker.start)
    boundaries = [m.end() for m in SENTENCE_END.finditer(passage.text)] + [len(passage.text)]
    for end in boundaries:
        chunk = passage.text[start:end]
        carried = tuple(m for m in ordered if start <= m.start < end)
        text = chunk
        for marker in reversed(carried):
            a, b = marker.start - start, marker.end - start
            text = text[:a] + text[b:]
        text = " ".join(text.split())
        if text:
            claims.append(
                Claim(text=text, line_start=passage.line_at(start),
                      line_end=passage.line_at(max(start, end - 1)), markers=carried)
            )
        start = end
    return [], claims
