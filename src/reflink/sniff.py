"""What a document is, told by its first bytes: a PDF, a JATS article, or else a text.

Kept apart from pdf.py and jats.py so that recognising a document costs nothing: `reflink
ingest` of a text file never imports the PDF reader, the XML parser (lxml) or their patterns.
"""

from __future__ import annotations

import re

# A review is 5–60 pages and a few MB; beyond this it is not one review (docs/pdf.md)
MAX_PDF_BYTES = 100 * 2**20

PDF_MAGIC = b"%PDF-"

# What may come before the root element: an XML declaration, comments, processing instructions,
# and a DOCTYPE with or without an internal subset ("<!DOCTYPE article PUBLIC "-//NLM//DTD JATS …").
# One whitespace character per turn of the loop, never "\s+": a run of n spaces that fails to
# lead to "<article" would otherwise be tried in all 2^n ways of splitting it ("pdftotext
# -layout" text opens with rows of spaces, and hung here)
JATS_ROOT = re.compile(
    r"""\A(?:\s|<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^\[>]*(?:\[.*?\])?\s*>)*
    <(?:[\w.-]+:)?article(?P<attributes>[\s/>][^>]*)""",
    re.DOTALL | re.VERBOSE,
)
# DocBook articles have an <article> root too
DOCBOOK = re.compile(r"docbook", re.IGNORECASE)
SNIFF_BYTES = 64 * 1024


def is_pdf(data: bytes) -> bool:
    """Whether bytes are a PDF: by content (`%PDF-` in the first KB), never by file name."""
    return PDF_MAGIC in data[:1024]


def looks_like_jats(data: bytes) -> bool:
    """Do these bytes start an XML document whose root is a JATS `<article>`?"""
    head = data[:SNIFF_BYTES]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = head.decode("utf-16", errors="ignore")
    else:
        # ASCII-compatible encodings (UTF-8, Latin-1) agree on the markup that matters here
        text = head.decode("latin-1").removeprefix("\xef\xbb\xbf")
    if not text.lstrip().startswith("<"):
        return False  # markup opens with "<"; a text's first word settles it without a pattern
    match = JATS_ROOT.match(text)
    return bool(match) and not DOCBOOK.search(match.group("attributes"))
