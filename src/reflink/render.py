"""Terminal text of `reflink lookup`: claims, their cited numbers and the entries behind them.

The results are data (`reflink.lookup`); this module only lays them out for a reader, so the
JSON output, Datasette and scripts never depend on how a terminal shows them.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from typing import Any

from . import normalise
from .lookup import (
    AUTHORS_SHOWN,
    CitedNumber,
    ClaimSources,
    LookupResult,
    ReadLine,
    update_mark,
)
from .models import RefEntry


def entry_citation(entry: RefEntry) -> str:
    """First authors, journal, year, volume, pages; the printed text when nothing parsed."""
    parts: list[str] = []
    if entry.authors:
        shown = ", ".join(entry.authors[:AUTHORS_SHOWN])
        parts.append(shown + (" et al." if len(entry.authors) > AUTHORS_SHOWN else ""))
    if entry.title:
        parts.append(entry.title)
    parts.extend(
        str(value) for value in (entry.journal, entry.year, entry.volume, entry.pages) if value
    )
    if not (entry.authors or entry.title or entry.journal):
        # the parser could not split this entry: the printed text says more than a year
        parts = [" ".join(entry.raw.split())]
    text = ", ".join(parts)
    if entry.partial:
        text += " (entry cut in the source text)"
    return text


def cited_lines(cited: CitedNumber) -> list[str]:
    """ "[112] S. N. Gettinger, …, Lancet Oncol., 2016, 17, 1683–1696" and its link."""
    if cited.entry is None:
        return [f"[{cited.number}] not in the reference list"]
    mark = update_mark(cited.entry)
    lines = [f"[{cited.number}] {entry_citation(cited.entry)}" + (f" {mark}" if mark else "")]
    for link in (normalise.doi_url(cited.entry.doi), cited.entry.url):
        if link:
            lines.append(f"{' ' * (len(str(cited.number)) + 3)}{link}")
    return lines


def claim_lines(claim: ClaimSources, width: int = 100) -> list[str]:
    """The lines `reflink lookup` prints for this claim."""
    lines = (
        claim.line_start
        if claim.line_start == claim.line_end
        else (f"{claim.line_start}–{claim.line_end}")
    )
    where = [claim.document, claim.section or "(no section)", f"lines {lines}"]
    if claim.page is not None:
        where.insert(2, f"p. {claim.page}")
    if claim.claim_id is not None:
        where.insert(0, f"claim {claim.claim_id}")
    if claim.kind != "body":
        where.append(claim.kind)
    if claim.markers:
        where.append("markers " + "; ".join(claim.markers))
    out = [" · ".join(where)]
    text = claim.text if claim.text is not None else "(citation outside any sentence)"
    out.extend(textwrap.wrap(text, width=width, initial_indent="  ", subsequent_indent="  "))
    for cited in claim.cited:
        out.extend("    " + line for line in cited_lines(cited))
    if claim.claim_id is not None and not claim.cited:
        out.append("    " + claim.context_line())
        for context in claim.context:
            out.extend(
                "    " + line for line in cited_lines(CitedNumber(context.number, context.entry))
            )
    return out


def lookup_lines(result: LookupResult, width: int = 100) -> list[str]:
    """Everything `reflink lookup` prints before its summary line."""
    out: list[str] = []
    # --ref N: its entry; --author: the works by that author; then the claims citing them
    if result.number is not None or result.author is not None:
        if result.number is not None and not result.entries:
            out.append(f"[{result.number}] not in the reference list")
        for entry in result.entries:
            out.append(f"{entry.document}:")
            out.extend("  " + line for line in cited_lines(CitedNumber(entry.number, entry)))
        out.append("")
    if result.note:
        out.extend([result.note, ""])
    for claim in result.claims:
        out.extend(claim_lines(claim, width))
        out.append("")
    return out


def csv_rows(result: LookupResult) -> list[dict[str, Any]]:
    """A row per claim and source, for CSV: the claim's own citations (relation "cited"),
    or, for a claim with none, its paragraph's (relation "paragraph", with the distance)."""
    rows = []
    for claim in result.claims:
        base = {
            "claim_id": claim.claim_id,
            "document": claim.document,
            "section": claim.section or "",
            "line_start": claim.line_start,
            "line_end": claim.line_end,
            "claim": claim.text or "",
        }
        sources = [("cited", c.number, None, c.entry) for c in claim.cited] or [
            ("paragraph", c.number, c.distance, c.entry) for c in claim.context
        ]
        for relation, number, distance, entry in sources or [("", None, None, None)]:
            rows.append(
                {
                    **base,
                    "relation": relation,
                    "number": number,
                    "distance": distance,
                    "reference": entry_citation(entry) if entry else "",
                    "doi": entry.doi if entry and entry.doi else "",
                }
            )
    return rows


def text_lines(lines: Sequence[ReadLine]) -> list[str]:
    """What `reflink text` prints: numbered lines, their kind when not body, page breaks,
    a PDF's superscripts as ^{…} and subscripts as _{…}."""
    out: list[str] = []
    page = None
    for line in lines:
        if line.page != page and line.page is not None:
            out.append(f"──── page {line.page} ────")
            page = line.page
        kind = "" if line.kind == "body" else f"[{line.kind}] "
        out.append(f"{line.number:>5}  {kind}{line.marked_text()}")
    return out
