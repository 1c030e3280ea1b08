"""Callout evidence from typography: what a PDF's glyph sizes and baselines say about numbers.

A run of digits, commas and dashes set smaller than its line on a raised baseline is a
superscript; flattened to text it is ambiguous ("ocean 19,20 showed" is a callout, "52
markers" is not, "CO 2" is a subscript). With the page's typography the superscript family of
candidates is read from the glyphs: a raised number is strong evidence for a callout, a number
at body size or lowered is evidence against, whatever the text around it looks like.
`citations.weigh_typography` turns these masks into evidence; the rest of the reasoning (the
document's callout style, first-citation order, the reference list's numbers) is unchanged:
typography is one more piece of local evidence.

Raised runs that are not callouts stay out by the same rules as in the text route, plus two of
their own: a power after a unit or a number ("cm2", "10−3") and a mark glued in front of a
letter or sign (isotopes "14C", charges "Ca2+") are not callouts.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Protocol

from .lazyre import lazy
from .models import Line
from .textclean import Passage


class LineScripts(Protocol):
    raised: tuple[tuple[int, int], ...]
    lowered: tuple[tuple[int, int], ...]


# Units a raised number is a power of: "cm2", "m−2", "s−1", "km2"
POWER_UNITS = frozenset("m cm mm km nm µm μm um s ms ml l g kg mg mol m2 cm2".split())
# The number a raised digit is a power of: "10" standing alone, or a short integer after an
# operator ("× 2", "= 3"). Not a number that counts something named before it ("exon 19",
# "stage 3", "day 7": the raised digits cite), the tail of a name ("TIR-1"), a version or
# decimal ("3.15") or a year ("2019")
POWER_BASE = lazy(r"(?:(?:^|[\s(])10|[×·x*=]\s?\d{1,3})$")
# A lone letter, a variable: "R", "I", "χ" (not the end of a word)
VARIABLE_BEFORE = lazy(r"(?:^|[^\w])[^\W\d_]$")
UNIT_BEFORE = lazy(r"([A-Za-zµμ]+)[\s\u2009]?$")
# the powers a unit is printed with: "cm2", "mg/m2", "m3" (a negative one comes with its sign);
# any other number after a unit, a list or a range cites ("mg/kg^{1,2}", "kg^{29}")
UNIT_POWERS = frozenset({"2", "3"})


def script_masks(
    passage: Passage, lines_by_number: Mapping[int, Line], scripts: Mapping[int, LineScripts]
) -> tuple[bytearray, bytearray]:
    """Per character of the passage: 1 where raised (first mask) or lowered (second mask).

    The passage joins lines with a space (or mends a hyphen); each line's text is found at the
    first offset of its line in the passage, after the joining space. A line whose break hyphen
    was mended ("pre-" + "vious") is in the passage without its last character: its runs still
    map, only the hyphen is gone.
    """
    raised = bytearray(len(passage.text))
    lowered = bytearray(len(passage.text))
    if not scripts:
        return raised, lowered
    # the first offset of each line: built from the end, so the first offset is written last
    # (a loop in C, where one in Python ran once per character of the passage)
    line_of = passage.line_of
    starts = dict(zip(reversed(line_of), range(len(line_of) - 1, -1, -1), strict=True))
    for number, spans in scripts.items():
        start = starts.get(number)
        line = lines_by_number.get(number)
        if start is None or line is None:
            continue
        printed = _printed_at(passage.text, start, line.text)
        if not printed:
            start += 1  # the space joining it to the line before
            printed = _printed_at(passage.text, start, line.text)
        for mask, runs in ((raised, spans.raised), (lowered, spans.lowered)):
            for run_start, run_end in runs:
                run_end = min(run_end, printed)
                if run_start < run_end:
                    mask[start + run_start : start + run_end] = b"\x01" * (run_end - run_start)
    return raised, lowered


def _printed_at(text: str, start: int, line_text: str) -> int:
    """How much of the line's text stands at `start`: all of it, all but its mended break
    hyphen, or nothing (0)."""
    if text.startswith(line_text, start):
        return len(line_text)
    if line_text.endswith("-") and text.startswith(line_text[:-1], start):
        return len(line_text) - 1
    return 0


def is_power_or_mark(
    text: str, start: int, end: int, lowered: bytearray | bytes | None = None
) -> bool:
    """ "cm2", "10−3", "m−2": a power; "14C", "Ca2+": an isotope or a charge. With the line's
    `lowered` mask: "x_{i}^{2}", "k_{1}c^{2}": a power in a formula, right after a lowered
    letter or after a lower-case variable that follows a subscript. (Not after a chemical
    formula: "CO_{2}^{12}", "H_{2}O^{12}" cite.)"""
    if lowered is not None and start >= 2:
        before = text[start - 1]
        if lowered[start - 1] and before.isalpha():
            return True
        if before.islower() and lowered[start - 2]:
            return True
    before = text[max(0, start - 12) : start]
    if before[-1:] in "−-–" and before[-2:-1].isalnum():
        return True  # "m−2", "10−3": the sign is part of the power
    unit = UNIT_BEFORE.search(before)
    if (
        unit
        and unit.group(1) in POWER_UNITS
        and not before.endswith(" ")
        and text[start:end] in UNIT_POWERS
    ):
        return True  # "cm2", "m3"; not "9 mg/kg1,2" or "kg29": a list or a larger number cites
    if VARIABLE_BEFORE.search(before) and end - start == 1:
        return True  # "R2", "I2", "χ2", "x2": a variable squared, not "hepatitis C12"
    base = POWER_BASE.search(before)
    if base:
        return True  # "10" then a raised "3"; but "TIR-1", "PAML 3.15", "in 2019" take callouts
    following = text[end : end + 1]
    return bool(following) and (following.isalpha() or following in "+−")
