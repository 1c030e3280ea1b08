"""What reflink reads, stated as numbers: a text beyond them is refused with one line, before any
stage spends time on it (issue 18; docs/promises.md lists them for users).

A review's text is 50–500 KB with a few thousand numbers in it. Every stage is linear in the
size of its input, but with a cost per character that makes 20 MB of text a minute and a half of
parsing: the limits keep any accepted text within about ten seconds on a modest machine, and a
file past them is a concatenated corpus, a log or a data dump, not one article.
"""

from __future__ import annotations

import re

from .errors import InputError, ReflinkError

# the decoded text, in characters (the file itself may be up to ingest.MAX_TEXT_BYTES on disk)
MAX_TEXT_CHARS = 1_500_000
# one line: a text whose paragraphs are each one line (1 MB lines happen in extracted text)
MAX_LINE_CHARS = 1_200_000
# numbers printed in the text (each a possible callout): 50,000 "[1]" parse in a few seconds
MAX_NUMBERS = 100_000
# (Numbers themselves: a callout reads up to four digits, 9,999, as the citation patterns do; a
# reference entry's label up to six, more one-line entries than MAX_TEXT_CHARS holds.)

NUMBER = re.compile(r"\d+")


def check_text_limits(text: str, name: str) -> None:
    """InputError, naming the limit, when `text` is larger than reflink reads; else nothing."""
    if len(text) > MAX_TEXT_CHARS:
        raise InputError(
            f"{name} is {len(text):,} characters long, more than the {MAX_TEXT_CHARS:,} reflink "
            "reads (a review is 50,000–500,000); is it the right file?"
        )
    # each test is skipped where the text is too short to fail it (a line is no longer than
    # the text; numbers are at least one digit with something between them): most reviews
    longest = max(map(len, text.split("\n"))) if len(text) > MAX_LINE_CHARS else 0
    if longest > MAX_LINE_CHARS:
        raise InputError(
            f"{name} has a line of {longest:,} characters, more than the {MAX_LINE_CHARS:,} "
            "reflink reads; is it the right file?"
        )
    numbers = len(NUMBER.findall(text)) if len(text) >= 2 * MAX_NUMBERS else 0
    if numbers > MAX_NUMBERS:
        raise InputError(
            f"{name} prints {numbers:,} numbers, more than the {MAX_NUMBERS:,} reflink reads "
            "(a review prints a few thousand); is it the right file?"
        )


# A search (`lookup`, `bibtex --search`): full-text matching costs grow with every word, and a
# query of 6,000 repeated words took 17 s; a question about a claim is a few words.
MAX_QUERY_WORDS = 64
MAX_QUERY_BYTES = 1_000
QUERY_WORD = re.compile(r"\w+")


def check_query_limits(query: str) -> None:
    """ReflinkError when a search has more words or bytes than reflink searches for."""
    size = len(query.encode("utf-8", "surrogateescape"))
    if size > MAX_QUERY_BYTES:
        raise ReflinkError(
            f"a search is at most {MAX_QUERY_BYTES:,} bytes (this one is {size:,}); "
            "use a few distinctive words"
        )
    words = len(QUERY_WORD.findall(query))
    if words > MAX_QUERY_WORDS:
        raise ReflinkError(
            f"a search is at most {MAX_QUERY_WORDS} words (this one has {words:,}); "
            "use a few distinctive words"
        )
