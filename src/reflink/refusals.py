"""Inputs reflink cannot read, told apart so the refusal says what the file is and how to get
the text reflink reads (a review's plain text, as pdftotext gives it, or JATS XML).

Each check is a function over the bytes or the decoded text that returns the one line to show,
or None; `ingest.read_document` and `ingest.parse_source` raise it as an `InputError`.
"""

from __future__ import annotations

import re

from .lazyre import lazy

TO_TEXT = "reflink reads plain text (pdftotext on the PDF, or Save as text) or JATS XML"

# a ZIP whose first member names the format (ODF) or whose members say Office Open XML
OFFICE_MEMBERS = {
    "word/document.xml": "a Word document (.docx)",
    "ppt/presentation.xml": "a PowerPoint file (.pptx)",
    "xl/workbook.xml": "an Excel workbook (.xlsx)",
}
ODF_TYPES = {
    "application/vnd.oasis.opendocument.text": "an OpenDocument text (.odt)",
    "application/vnd.oasis.opendocument.spreadsheet": "an OpenDocument spreadsheet (.ods)",
    "application/vnd.oasis.opendocument.presentation": "an OpenDocument presentation (.odp)",
}
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .doc, .xls, .ppt before 2007
# said of a PDF whose text is an OCR engine's layer (`pdf.PdfText.ocr`), with its callouts or
# when none was found
OCR_NOTE = (
    'the PDF\'s text is an OCR layer, which reads few superscript callouts ("response.*" for '
    '"response.2"): citations may be missing; the publisher\'s PDF, or its text, is better'
)


def office_document(data: bytes, name: str) -> str | None:
    """A word processor's file (by its content, whatever its name) → the refusal line."""
    kind = None
    if data.startswith(b"PK\x03\x04"):
        import io  # zipfile (with its imports) only for a ZIP: a text's ingest never needs it
        import zipfile

        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                names = set(archive.namelist())
                if "mimetype" in names:
                    kind = ODF_TYPES.get(archive.read("mimetype").decode("ascii", "replace"))
                kind = kind or next((k for m, k in OFFICE_MEMBERS.items() if m in names), None)
                kind = kind or "a ZIP archive"
        except zipfile.BadZipFile:
            kind = "a ZIP archive"
    elif data.startswith(OLE_MAGIC):
        kind = "an old Office document (.doc)"
    elif data.startswith(b"{\\rtf"):
        kind = "an RTF document"
    if kind is None:
        return None
    return f"{name} is {kind}, not text; {TO_TEXT}: soffice --headless --convert-to txt {name}"


HTML_START = re.compile(r"^\s*(?:<!DOCTYPE\s+html|<html[\s>]|<head[\s>]|<body[\s>])", re.I)
HTML_TAG = re.compile(r"</?(?:p|div|span|a|br|sup|sub|td|tr|li|h[1-6]|meta|script)\b[^>]*>", re.I)


def html_page(text: str, name: str) -> str | None:
    """A web page saved as HTML → the refusal line (its markup would end up in the claims)."""
    head = text[:4096]
    tags = len(HTML_TAG.findall(head))
    if not (HTML_START.match(head) or tags >= 20):
        return None
    return (
        f"{name} is an HTML page, not text; {TO_TEXT}: save the article as text from the "
        "browser, or convert it (e.g. html2text, lynx -dump)"
    )


# "(Smith et al., 2019)", "(Smith and Jones 2018; Lee 2020a)", "Smith et al. (2019)"
AUTHOR_YEAR = lazy(  # compiled when a text has no numbered callouts: rarely
    r"""\(\s*[A-Z][A-Za-z'’-]+(?:\s+(?:et\s+al\.?|and|&)\s*(?:[A-Z][A-Za-z'’-]+)?)?,?\s+
        (?:19|20)\d\d[a-z]?(?:\s*[;,]\s*[^()]{0,60})?\)
      |\b[A-Z][A-Za-z'’-]+\s+et\s+al\.?\s+\((?:19|20)\d\d[a-z]?\)""",
    re.VERBOSE,
)


def author_year_citations(text: str, name: str) -> str | None:
    """Author–year callouts and no numbered ones → the refusal line, with a form it saw."""
    seen = AUTHOR_YEAR.findall(text) if "19" in text or "20" in text else []
    if len(seen) < 3:
        return None
    example = " ".join(next(iter(seen)).split())
    return (
        f'{name}: author–year citations such as "{example}" are not supported; reflink links '
        "numbered citations ([12], superscripts, (12)) to a numbered reference list"
    )
