"""Line numbers printed in the margin of a manuscript (a preprint, a submitted review) → gone.

A line-numbered manuscript prints 1, 2, 3 … beside its lines, page after page. Read as text,
every line then opens with its number: "118 References", "119 [1] Silva EK, Kowalski EJ. …",
and neither the reference list's heading nor its labels are found. The numbers are told from
a list's labels and from numbers in the text by their run: they count up by one from line to
line, through the body and the list alike, and stand on most of the document's lines.
"""

from __future__ import annotations

from collections.abc import Sequence

from .lazyre import lazy

# a number opening a line, then a space: "118 References", "  12   gression fusion"; or a
# number alone on its line, as pdftotext writes a margin's numbers apart from their lines
LINE_NUMBER = lazy(r"(\f?[ \t]*)(\d{1,5})(?:[ \t]+(?=\S)|[ \t]*$)")
MAX_SKIP = 3  # lines a run may skip (a line set apart, a float) and go on
MIN_LINES = 30  # numbered lines a manuscript has at the least
MIN_SHARE = 0.7  # … and the share of its lines with text they stand on (or stand beside)
MAX_SHARE = 1.3  # … and no more numbers than that many a line of text


def line_number_prefixes(texts: Sequence[str]) -> list[int] | None:
    """For each line, the length of the line number that opens it (0 for none); None when the
    document is not numbered line by line."""
    found = [
        (index, match) for index, text in enumerate(texts) if (match := LINE_NUMBER.match(text))
    ]
    if len(found) < MIN_LINES:
        return None  # most texts: few lines open with a number
    # lines of text (a number alone on its line numbers another)
    alone = sum(1 for index, match in found if match.end() == len(texts[index]))
    with_text = sum(1 for text in texts if text.strip()) - alone
    prefixes = [0] * len(texts)
    expected: int | None = None
    numbered = 0
    for position, (index, match) in enumerate(found):
        value = int(match.group(2))
        # the run goes on, a few numbers skipped at most, or starts again at 1 on a new page
        # (numbered page by page) when 2 comes next; any other number (a page's, a label's,
        # one a reader set out of order) is left where it is
        goes_on = (expected or 1) <= value <= (expected or 1) + MAX_SKIP
        restarts = value == 1 and any(
            int(later.group(2)) == 2 for _, later in found[position + 1 : position + 3]
        )
        if goes_on or restarts:
            prefixes[index] = match.end()
            numbered += 1
            expected = value + 1
    # about one number a line of text: a table's column of numbers, one a line, is more
    if not MIN_SHARE * with_text <= numbered <= MAX_SHARE * with_text or numbered < MIN_LINES:
        return None
    # from the top: a long list numbered one entry a line starts late, after the body
    opening = [i for i, text in enumerate(texts) if text.strip()][: max(1, with_text // 4)]
    if sum(1 for i in opening if prefixes[i]) < MIN_SHARE / 2 * len(opening):
        return None
    return prefixes


def strip_line_numbers(text: str) -> str:
    """`text` without its margin line numbers; unchanged when it has none."""
    lines = text.split("\n")
    prefixes = line_number_prefixes(lines)
    if prefixes is None:
        return text
    # a page break opening a line ("\f12 text", as pdftotext writes a new page) stays
    return "\n".join(
        ("\f" if cut and line.startswith("\f") else "") + line[cut:]
        for line, cut in zip(lines, prefixes, strict=True)
    )
