"""Text laid out in two columns side by side, as `pdftotext -layout` prints a two-column page,
→ the same text column by column.

Laid-out text keeps each printed line whole across the page: the left column's line, a gutter
of spaces, the right column's line. Read as it stands, every line splices two sentences, and
callouts land in the wrong claims. A page is unfolded when many of its lines put text at one
and the same position after a run of spaces (the right column's left edge) and both sides
read like running text; a table's columns do not (short cells), so a single-column page, its
tables included, is left as it is. Lines that cross the gutter (a title, a full-width
abstract, a running head) stay where they are, and each block of two-column lines between
them is read left column first.
"""

from __future__ import annotations

from collections import Counter

from .lazyre import lazy

PAGE_BREAK = "\f"
GAP = "   "  # the spaces between two columns, at the least (pdftotext keeps a wide gutter)
MIN_EDGE = 25  # the right column's edge lies at least this far into the line
MIN_RIGHT_LINES = 6  # lines that put text at that edge, at the least, on a page
RIGHT_LINE_SHARE = 0.15  # … and at least this share of the page's lines with text
PROSE_SHARE = 0.6  # of the lines split there, this share reads as running text on both sides
PROSE_SIDE = 0.5  # a side is running text when it fills this share of its column's width
MIN_PROSE = 20  # … and holds this many characters at the least (a table's cells hold fewer)
NEAR = 2  # characters either side of the edge a column's text may start at
INDENT = 6  # a paragraph of the right column may start this far past the edge


def unfold_columns(text: str) -> str:
    """`text` with every two-column page read column by column; other pages as they are."""
    if GAP not in text:
        return text  # nothing is laid out side by side
    pages = text.split(PAGE_BREAK)
    unfolded = [_unfold_page(page) for page in pages]
    return PAGE_BREAK.join(unfolded)


def right_edge(lines: list[str]) -> int | None:
    """The position where a page's right column starts, or None for a one-column page."""
    margins: Counter[int] = Counter(
        len(line) - len(line.lstrip(" ")) for line in lines if line.strip()
    )
    if not margins:
        return None
    # the left column's edge: where most lines start (a rotated watermark in the margin makes
    # pdftotext indent the whole page by a hundred spaces and more)
    margin = max(margins, key=lambda position: (margins[position], -position))
    starts: Counter[int] = Counter()
    with_text = 0
    for line in lines:
        if not line.strip():
            continue
        with_text += 1
        for start in _starts_after_gaps(line):
            if start >= margin + MIN_EDGE:
                starts[start] += 1
    if not starts:
        return None
    # the edge: where most lines resume, allowing for text a character or two off it and for
    # indented lines (a paragraph's first, a reference's second under its label)
    edge, near = max(
        ((position, _starting_near(starts, position)) for position in starts),
        key=lambda item: (item[1], -item[0]),
    )
    if near < MIN_RIGHT_LINES or near < RIGHT_LINE_SHARE * with_text:
        return None
    split = [_split(line, edge) for line in lines]
    both = [(left, right) for left, right in (s for s in split if s) if left.strip() and right]
    if len(both) < MIN_RIGHT_LINES:
        return None
    widest_right = max(len(right) for _, right in both)
    prose = sum(
        1
        for left, right in both
        if (
            len(left.strip()) >= PROSE_SIDE * (edge - margin)
            and len(right) >= max(MIN_PROSE, PROSE_SIDE * widest_right)
        )
        # a reference list's entries side by side, a label opening or ending the left part:
        # its lines are as short as an entry's end, and no table's row
        or (_opens_entry(left) and len(right) >= MIN_PROSE)
        # … a label opening the right part, or an entry's end closing the left one ("7963–
        # 7982, 1999." beside "associated therapy long-term: a systematic review")
        or (LABEL_AND_TAB.match(right) is not None and len(right) >= MIN_PROSE)
        or (ENTRY_END.search(left) is not None and len(right) >= MIN_PROSE)
    )
    return edge if prose >= PROSE_SHARE * len(both) else None


# the end of a reference entry: its year, or its pages, and a full stop
ENTRY_END = lazy(r"(?:\b(?:1[89]|20)\d\d[a-z]?|\d+[–-]\d+)\.$")


def _opens_entry(left: str) -> bool:
    return LABEL_AND_TAB.match(left) is not None or HANGING_LABEL.search(left) is not None


def _starting_near(starts: Counter[int], edge: int) -> int:
    return sum(starts[edge + d] for d in range(-NEAR, INDENT + 1))


def _starts_after_gaps(line: str) -> list[int]:
    """Where text resumes after each run of GAP or more spaces inside `line` (or after its
    indentation)."""
    starts = []
    at = line.find(GAP)
    while at != -1:
        end = at
        while end < len(line) and line[end] == " ":
            end += 1
        if end < len(line):
            starts.append(end)
        at = line.find(GAP, end)
    return starts


def _split(line: str, edge: int) -> tuple[str, str] | None:
    """(left, right) of a line at the gutter before `edge`; None when text crosses it."""
    if len(line.rstrip()) <= edge - NEAR:
        return line.rstrip(), ""  # the left column alone (or a short line)
    # the cut: at the edge, or a character or two off it, with two spaces before it (an
    # indented paragraph of the right column starts past the edge, a gutter still before it)
    for cut in (edge, edge - 1, edge - 2, edge + 1, edge + 2):
        if line[cut - 2 : cut] == "  ":
            left, right = line[:cut].strip(), line[cut:]
            if left and (
                len(right) - len(right.lstrip()) > INDENT
                or (GAP in _unlabelled(left) and GAP in _unlabelled(right.strip()))
            ):
                break  # "Cohort A   case-control   732      3,4": a table's row, whole …
            return line[:cut].rstrip(), right.strip()
    # … unless it is the right column's label in the gutter, its text at or a little short of
    # the edge ("[1] Brennan L, Dubois L,          [14]   Mensah Ł, …   2012.      The role")
    label = GUTTER_LABEL.search(line, max(0, edge - HANG))
    if label is not None and label.start("label") < edge and label.end() <= edge + NEAR:
        return line[: label.start()].rstrip(), line[label.start("label") :].strip()
    return None


# a list entry's label and the tab after it ("14.   Okafor E"): a gap, but no table's cell
LABEL_AND_TAB = lazy(r"\s*(?:\[\d{1,3}\]|\(\d{1,3}\)|\d{1,3}[.)])\s+(?=[^\W\d_])")


def _unlabelled(side: str) -> str:
    """A side of a line without the label that opens it: what is left for a cell's gap."""
    label = LABEL_AND_TAB.match(side)
    return side[label.end() :] if label else side


# a right column's list label that pdftotext set at the left line's end, one space after its
# text, or alone in the gutter: LaTeX hangs the labels out of the column ("… cohort 13.
# Alvarez, F.G., …", "… e9239837. [18]   Halvorsen W, …")
HANGING_LABEL = lazy(r"(?: +|^)(\[\d{1,3}\]|\(\d{1,3}\)|\d{1,3}\.)$")
HANG = 20  # characters short of the right column's edge a label alone may start at
# (a gap after it too: "… a study of kinases 1. J Clin Oncol" is a line across the page)
GUTTER_LABEL = lazy(r"(?: {2,}|(?<=\S) )(?P<label>\[\d{1,3}\]|\(\d{1,3}\)|\d{1,3}\.) {2,}(?=\S)")
LABEL_NUMBER = lazy(r"\d+")


def _glued(text: str, start: int) -> bool:
    """Is the label at `start` one space after text?"""
    return start >= 2 and text[start - 1] == " " and text[start - 2] != " "


def _hanging_labels(parts: list[tuple[str, str] | None], edge: int) -> set[int]:
    """The lines (by index) whose left part ends with a label of the right column's list:
    labels counting up, each above the left column's own labels and in the gutter, its line
    going on at the right column's edge with a capital."""
    left_labels = [
        int(LABEL_NUMBER.search(label.group(0)).group(0))
        for part in parts
        if part and (label := LABEL_AND_TAB.match(part[0]))
    ]
    above = _last_of_run(left_labels)
    found = []
    for index, part in enumerate(parts):
        if part is None:
            continue
        # its entry goes on on this line, or opens the next ("… in temper- [21]" + "Kapoor G")
        following = parts[index + 1] if index + 1 < len(parts) else None
        opens = part[1] or (following[1] if following else "")
        if not opens[:1].isupper():
            continue
        label = HANGING_LABEL.search(part[0])
        # one space after the left column's text, or further off, in the gutter
        if label and (_glued(part[0], label.start(1)) or label.start(1) >= edge - HANG):
            number = int(LABEL_NUMBER.search(label.group(1)).group(0))
            if number > above:
                found.append((index, number))
    numbers = [number for _, number in found]
    if len(found) < 2 or numbers != sorted(numbers):
        return set()
    return {index for index, _ in found}


def _last_of_run(labels: list[int]) -> int:
    """The last label of the left column's list, its longest run counting up: not a number
    that only opens a line like a label ("2011;378(12):2446–" + "56. doi:10.1038/…", a page
    number "2.")."""
    best_length, best_last = 0, 0
    for start in range(len(labels)):
        length, last = 1, labels[start]
        for number in labels[start + 1 :]:
            if last < number <= last + LABEL_STEP:
                length, last = length + 1, number
        if length > best_length:
            best_length, best_last = length, last
    return best_last


LABEL_STEP = 3  # a label a line opens with follows the one before by this much at the most


def _unfold_page(page: str) -> str:
    lines = page.split("\n")
    edge = right_edge(lines)
    if edge is None:
        return page
    split = [_split(line, edge) if line.strip() else None for line in lines]
    for index in _hanging_labels(split, edge):
        left_part, right_part = split[index]
        label = HANGING_LABEL.search(left_part)
        split[index] = (left_part[: label.start()], f"{label.group(1)}   {right_part}".rstrip())
    out: list[str] = []
    left: list[str] = []
    right: list[str] = []
    # lines of the left side alone since the last line with a right side: after a blank, they
    # may open the full-width block that follows ("References" over a one-column list)
    since_right = 0

    def flush(full_width_follows: bool) -> None:
        head: list[str] = []
        if full_width_follows and right and since_right:
            tail = left[len(left) - since_right :]
            if tail and not tail[0].strip():
                head = tail
                del left[len(left) - since_right :]
        out.extend(left)
        out.extend(right)
        out.extend(head)
        left.clear()
        right.clear()

    for line, parts in zip(lines, split, strict=True):
        if not line.strip():
            left.append("")
            since_right += 1
            if right:
                right.append("")
            continue
        if parts is None:
            flush(full_width_follows=True)
            since_right = 0
            out.append(line)
            continue
        left_part, right_part = parts
        if left_part.strip():
            left.append(left_part)
            since_right += 1
        if right_part:
            right.append(right_part)
            since_right = 0
    flush(full_width_follows=False)
    return "\n".join(out)
