"""Is a short line with no number a heading? Its shape, its neighbours and, in a PDF, its size.

Numbered headings ("2.1 Bone metastasis") announce themselves; an essay's "Why this matters"
does not. A line is read as an unnumbered heading when all of these hold:

    its own shape      1–12 words, starts with a capital, no final full stop, comma or colon,
                       no sentence end or citation inside, does not end on "of", "the", "and"
    before it          the start of the body, a heading, or a line that closed its sentence
    after it           a line that starts a new sentence, not the rest of this one ("… serum
                       HBV" + "DNA correlated …"), and is running text (long), or a sub-heading
                       followed by running text
    how it reads       not a sentence: no "we"/"these"/"however" opening, no finite verb
                       ("was", "showed"), unless it asks a question ("What has sharing taught
                       us?") or the page sets it apart (blank lines around it in a document
                       whose paragraphs run over several lines, or in a PDF a larger font
                       or a line all in bold)

Each test is a small function over plain strings, so textclean's line loop asks one question
and tests can ask each rule alone.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from .lazyre import lazy
from .words import FUNCTION_WORDS

# words a heading cannot end on: "… of ALK and" goes on on the next line
OPEN_LAST_WORDS = FUNCTION_WORDS | {
    "&",
    "that",
    "which",
    "who",
    "as",
    "but",
    "than",
    "is",
    "are",
    "was",
    "were",
    "be",
    "its",
    "their",
    "this",
    "these",
    "into",
    "between",
    "not",
    "via",
    "whether",
    "when",
    "where",
    "while",
    "after",
    "before",
    "during",
    "such",
    "has",
    "have",
    "had",
    "can",
    "may",
    "will",
    "per",
    "both",
    "also",
}
# a sentence's first word, seldom a heading's: "We found …", "However, the …"
SENTENCE_OPENERS = frozenset(
    """we our it its they their these those this there however although though thus
    therefore moreover furthermore whereas here hence notably importantly indeed similarly
    additionally finally please see""".split()
)
# a finite verb makes a line read as a sentence: "Median survival was not reached"
FINITE_VERBS = frozenset(
    """is are was were has have had did does do can could may might will would should must
    showed shows shown found finds reported reports suggested suggests demonstrated
    demonstrates revealed reveals observed indicated indicates remains remained led
    became increased decreased reduced improved appeared seems seemed""".split()
)
QUESTION_WORDS = frozenset(
    "what why how when who whom whose where which is are do does can".split()
)
# "(Figure 3)" may stand in a heading; "[12]", "(3, 5)" are citations
CITATION = lazy(r"[\[(]\s*\d{1,3}(?:\s*[,–-]\s*\d{1,3})*\s*[\])]")
# "alone142,143", "levels.12": a callout glued to the last word
GLUED_CALLOUT = lazy(r"[a-z)\].][\d,–-]*\d$")
INNER_SENTENCE_END = lazy(r"[a-z)\]%][.!?]\s+[A-Z]")
REFERENCE_SHAPE = lazy(r"\bet al\b|\b[A-Z]\.\s?[A-Z]\.|\b(?:1[89]|20)\d\d\s*[;:,]")
# "TABLE 1", "Figure 2": a caption's label on its own line
CAPTION_LABEL = lazy(r"^(?:fig\.?|figure|table|box|scheme|chart)\s*S?\d", re.I)
ACRONYM = lazy(r"^[A-Z0-9][A-Z0-9-]+$")
TERMINAL = (".", ",", ";", ":", "-", "–", "—", "/")
SENTENCE_CLOSE = lazy(r"(?:[.!?:][)\]”’\"']?|[.!?)\]]\s?[\d,–-]+)$")


@dataclass(frozen=True)
class Neighbours:
    """What surrounds a candidate line, as textclean sees it."""

    previous: str  # the previous content line ("" at the start of the body or after a heading)
    following: str  # the next content line
    after_following: str  # the content line after that (for a heading followed by a sub-heading)
    typical_length: float  # the column width in characters
    set_apart: bool = False  # blank lines around it where paragraphs run over several lines
    prominent: bool = False  # printed larger than the body, or all in bold (a PDF's typography)


def heading_shape(text: str) -> bool:
    """Could this line, alone, be a heading? Short, capitalised, unfinished, no citation."""
    words = text.split()
    if not 1 <= len(words) <= 12 or not text[:1].isupper():
        return False
    if text.endswith(TERMINAL) or words[-1].lower() in OPEN_LAST_WORDS:
        return False
    if CITATION.search(text) or GLUED_CALLOUT.search(text) or INNER_SENTENCE_END.search(text):
        return False
    if REFERENCE_SHAPE.search(text) or CAPTION_LABEL.match(text):
        return False
    letters = sum(map(str.isalpha, text))
    if letters < 0.6 * len(text.replace(" ", "")):
        return False  # "CH 3", "4.40 ± 0.18": a formula or a table cell
    # "NH N N": letters of a structure drawing, not a title
    return any(sum(map(str.isalpha, word)) >= 4 for word in words)


def reads_as_sentence(text: str) -> bool:
    """ "We found no difference", "Median survival was not reached": a sentence, not a title."""
    words = [word.strip("()“”\"',") for word in text.split()]
    lowered = [word.lower() for word in words]
    if text.endswith("?"):
        return False  # "Who pays for open science?": a question is a heading's form too
    if lowered[0] in QUESTION_WORDS:
        return False  # "What sharing data has taught us", "How the archive grew"
    if lowered[0] in SENTENCE_OPENERS:
        return True
    if _title_case(words):
        return False
    return any(word in FINITE_VERBS for word in lowered[1:])


def _title_case(words: list[str]) -> bool:
    """ "The Hidden Cost of Closed Archives": every content word capitalised (two at least)."""
    content = [word for word in words if word.lower() not in FUNCTION_WORDS]
    return len(content) >= 2 and all(word[:1].isupper() for word in content)


def starts_new_sentence(line: str) -> bool:
    """ "The archive …", "“Open” data …": a capital letter opens it ("1.37 (0.68–8.6)" is a
    table's row, not a paragraph)."""
    head = line.lstrip("“\"'‘([")
    return bool(head) and head[0].isupper()


def continues_into(text: str, following: str) -> bool:
    """ "… pgRNA and serum HBV" + "DNA correlated strongly": one sentence broken by a line end.

    An acronym ending the line and another starting the next is a noun phrase going on."""
    last, first = text.split()[-1], following.split()[0] if following.split() else ""
    return bool(ACRONYM.match(last) and ACRONYM.match(first.rstrip(",.;:")))


def is_unnumbered_heading(text: str, around: Neighbours) -> bool:
    """A line standing alone between paragraphs as a section's title ("Why this matters")."""
    if not heading_shape(text) or text.endswith("!"):
        return False
    emphasised = around.set_apart or around.prominent
    limit = around.typical_length * (1.0 if emphasised else 0.85)
    if len(text) > limit:
        return False  # a full-width line is running text
    if around.previous and not SENTENCE_CLOSE.search(around.previous.rstrip()):
        return False  # "… rearrangement of" + "Methods": the sentence above goes on
    following = around.following
    if not following or not starts_new_sentence(following):
        return False
    if continues_into(text, following) and not emphasised:
        return False
    if "," in text and not emphasised and (len(text.split()) > 6 or reads_as_sentence(text)):
        return False  # "Within the positive stage, pgRNA and serum": a clause
    if reads_as_sentence(text) and not emphasised:
        return False
    if len(following) >= 0.5 * around.typical_length:
        return True
    # "Results" + "Patient characteristics" + the paragraph: a heading over a sub-heading;
    # a bold or larger one may stand over two ("Methods" + "Study 1" + "Participants")
    if not (
        heading_shape(following)
        and len(following) <= 0.85 * around.typical_length
        and not reads_as_sentence(following)
    ):
        return False
    after = around.after_following
    if len(after) >= 0.5 * around.typical_length and starts_new_sentence(after):
        return True
    return (
        emphasised
        and heading_shape(after)
        and len(after) <= 0.85 * around.typical_length
        and not reads_as_sentence(after)
    )


# a heading is set at least this much larger than the body text (body 10 pt → heading 11.5 pt)
PROMINENT_SIZE = 1.12


def larger_than_body(sizes: Sequence[float], lengths: Sequence[int]) -> frozenset[int]:
    """Indices of the lines printed larger than the body: the size most characters are set in.

    Only a hint for `is_unnumbered_heading` (a title or a figure's large label has other
    reasons to be no heading), so a rough body size is enough."""
    weight: Counter[float] = Counter()
    for size, length in zip(sizes, lengths, strict=True):
        weight[round(size, 1)] += length
    if not weight:
        return frozenset()
    body = max(weight, key=lambda size: (weight[size], -size))
    return frozenset(i for i, size in enumerate(sizes) if size >= PROMINENT_SIZE * body)


# bold marks a heading only where the body is not bold: at most this share of the characters
BOLD_SHARE = 0.25


def set_in_bold(bold: Sequence[bool], lengths: Sequence[int]) -> frozenset[int]:
    """Indices of the lines set all in bold, where bold is the exception (journals set their
    headings in bold at body size); a document printed in bold throughout has no such hint."""
    total = sum(lengths)
    in_bold = sum(length for flag, length in zip(bold, lengths, strict=True) if flag)
    if not in_bold or in_bold > BOLD_SHARE * total:
        return frozenset()
    return frozenset(i for i, flag in enumerate(bold) if flag)


__all__ = [
    "Neighbours",
    "heading_shape",
    "is_unnumbered_heading",
    "larger_than_body",
    "reads_as_sentence",
    "set_in_bold",
]
