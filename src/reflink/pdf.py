"""PDF bytes → the lines reflink reads, each with its page and its raised and lowered spans.

The text route reads lines a user extracted; here the page itself is read with PDFium
(pypdfium2), so what extraction throws away is kept: each character's box gives its size and
baseline, and a run of digits set smaller on a raised baseline is a superscript, unambiguous
where the flattened text ("ocean 19,20 showed", "CO 2") is not. The steps, in order:

    read_characters    one loose box per character (PDFium), rotated text dropped
    split_fragments    characters → runs of one size on one baseline, split at spaces and gaps
    find_gutter        the empty vertical strip between two columns, when the page has one
    group_lines        fragments → lines by vertical overlap, per column; sub/superscripts join
                       the line they sit on and are marked raised or lowered
    order_lines        reading order: full-width lines cut the page into blocks, each read
                       left column first, then right
    mark_furniture     running heads, footers and page numbers by position and repetition
                       across pages; marginal line numbers by position

The lines then go through the text route's own cleaning (`textclean.clean_text`: captions,
tables, headings, front matter, hyphenation), so both routes label lines by the same rules.
"""

from __future__ import annotations

import ctypes
import math
import re
import statistics
import time
import unicodedata
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

from .errors import InputError, ParseError
from .headings import larger_than_body, set_in_bold
from .linenumbers import line_number_prefixes
from .models import FURNITURE, Line
from .pdflist import LineBox
from .sniff import MAX_PDF_BYTES, is_pdf  # noqa: F401 (sniff.py tells a PDF apart without us)
from .textclean import REFERENCE_HEADING, clean_text, decode_character_references

# A review is 5–60 pages and a few MB; beyond these it is not one review (a thesis, a book, a
# scanned volume), and reading it would take minutes. Stated in docs/pdf.md. (MAX_PDF_BYTES, the
# size limit, is in sniff.py: the ingest checks it before it knows it needs this module.)
MAX_PDF_PAGES = 300
# A page whose text takes longer than this to read is pathological (millions of glyphs)
MAX_PAGE_SECONDS = 10.0
MAX_PAGE_CHARACTERS = 200_000

SURROGATE = re.compile("[\ud800-\udfff]")
OCR_HINT = (
    "no text layer; run OCR first, e.g. ocrmypdf, and ingest its output (OCR reads few "
    "superscript callouts: the publisher's PDF, or its text, is better)"
)


# Characters PDFium reports for a hyphen it found at a line end ("perma\ufffenent") and the
# hyphens Unicode has besides "-": all read as "-", so the text route's hyphen rules apply
HYPHENS = {"\ufffe": "-", "\x02": "-", "\u00ad": "-", "\u2010": "-", "\u2011": "-"}
# Ligature code points ("ﬁ" U+FB01): decoded to their letters; NFKC does exactly this for them
LIGATURES = {chr(c): unicodedata.normalize("NFKC", chr(c)) for c in range(0xFB00, 0xFB07)}
# TeX's T1 (Cork) encoding, which PDFium passes through as control codes when a font has no
# map to Unicode (the bitmap Type 3 fonts of pdflatex without cm-super): "bene\x1ct",
# "[9\x1511]". No other text puts these codes in a PDF's words.
CORK = {
    "\x15": "–",  # en dash
    "\x16": "—",  # em dash
    "\x1b": "ff",
    "\x1c": "fi",
    "\x1d": "fl",
    "\x1e": "ffi",
    "\x1f": "ffl",
}

# Geometry, in units of the line's body size (the loose box height of its text)
SPACE_GAP = 0.12  # a gap wider than this between two glyphs is a word space
CELL_GAP = 1.2  # wider than this inside a column: a table's cell boundary ("   " in the text)
SAME_LINE_OVERLAP = 0.5  # vertical overlap (of the smaller box) that puts a fragment in a line
TINY_SCRIPT = 0.6  # … or, for a fragment this much smaller than the line,
TINY_SCRIPT_OVERLAP = 0.2  # … this much overlap
SCRIPT_SIZE = 0.88  # a fragment this much smaller than its line's body …
SCRIPT_SHIFT = 0.12  # … with its centre this far above or below the body's: raised / lowered
MERGE_GAP = 1.0  # left and right column lines this close, on one baseline, are one wide line
COLUMN_GAP = 0.45  # … unless wider than a word space and at the columns' edges


@dataclass(frozen=True)
class PdfLine:
    """One printed line: its text, page, box (points from the page's top-left) and typography."""

    page: int  # 1-based
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float  # body size of the line (loose box height, points)
    raised: tuple[tuple[int, int], ...] = ()  # [start, end) offsets of superscript runs in text
    lowered: tuple[tuple[int, int], ...] = ()  # … of subscript runs
    italic: tuple[tuple[int, int], ...] = ()  # … of words set in an italic face
    bold: bool = False  # every word set in a bold face (a heading at body size)
    # [start, end) of words under a link to a web address, and the address ("https://doi.org/
    # 10.1371/…" on an entry's title); read in the reference list only
    links: tuple[tuple[int, int, str], ...] = ()
    kind: str | None = None  # FURNITURE when position and repetition say so; else textclean's


@dataclass(frozen=True)
class PdfText:
    """What reflink read from a PDF: its lines in reading order and its page count."""

    lines: list[PdfLine]
    pages: int
    dropped: int = 0  # characters dropped as rotated text (watermarks, stamps)
    ocr: bool = False  # the text is an OCR engine's invisible layer over page images


@dataclass(frozen=True)
class Face:
    """How a word is set, as far as reflink asks: italic (journal names), bold (headings)."""

    italic: bool = False
    bold: bool = False


UPRIGHT = Face()


@dataclass
class _Fragment:
    text: str
    x0: float
    x1: float
    bottom: float  # PDF coordinates: y grows upwards
    top: float
    index: int  # stream order on the page
    face: Face = UPRIGHT
    link: str | None = None  # the web address a link on the page points the word to

    @property
    def height(self) -> float:
        return self.top - self.bottom

    @property
    def centre(self) -> float:
        return (self.top + self.bottom) / 2


@dataclass
class _Band:
    fragments: list[_Fragment] = field(default_factory=list)
    core_bottom: float = 0.0
    core_top: float = 0.0

    def add(self, fragment: _Fragment) -> None:
        if not self.fragments or fragment.height > self.core_top - self.core_bottom:
            self.core_bottom, self.core_top = fragment.bottom, fragment.top
        self.fragments.append(fragment)

    def overlap(self, fragment: _Fragment) -> float:
        low = max(self.core_bottom, fragment.bottom)
        high = min(self.core_top, fragment.top)
        smaller = min(self.core_top - self.core_bottom, fragment.height) or 1.0
        return max(0.0, high - low) / smaller

    @property
    def x0(self) -> float:
        return min(f.x0 for f in self.fragments)

    @property
    def x1(self) -> float:
        return max(f.x1 for f in self.fragments)


# --- opening ----------------------------------------------------------------------------------


def read_pdf(
    data: bytes,
    name: str = "input.pdf",
    *,
    max_pages: int = MAX_PDF_PAGES,
    max_page_seconds: float = MAX_PAGE_SECONDS,
    on_page: Callable[[int], None] = lambda page: None,
) -> PdfText:
    """PDF bytes → its lines in reading order; InputError for anything reflink cannot read."""
    import pypdfium2 as pdfium  # imported here: the text route never pays for it

    if len(data) > MAX_PDF_BYTES:
        raise InputError(
            f"{name} is {len(data) / 2**20:.0f} MB, larger than the "
            f"{MAX_PDF_BYTES / 2**20:.0f} MB a review's PDF can be"
        )
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        message = str(exc).lower()
        if "password" in message:
            raise InputError(
                f"{name} is encrypted (password-protected); reflink cannot read it"
            ) from exc
        raise InputError(f"{name} is not a readable PDF (corrupt or truncated)") from exc
    try:
        count = len(document)
        if count == 0:
            raise InputError(f"{name} has no pages")
        if count > max_pages:
            raise InputError(
                f"{name} has {count} pages, more than the {max_pages} a review has; "
                "split it or pass the article alone"
            )
        fragments_by_page: list[list[_Fragment]] = []
        sizes: list[tuple[float, float]] = []
        dropped = 0
        in_list = False  # a reference heading was printed: fonts are read from there on
        ocr = False
        for number in range(count):
            started = time.monotonic()
            try:
                page = document[number]
                width, height = page.get_size()
                fragments, rotated, in_list, page_ocr = _read_page(page, name, number + 1, in_list)
                ocr = ocr or (number == 0 and page_ocr)
            except pdfium.PdfiumError as exc:
                raise InputError(
                    f"{name}: page {number + 1} cannot be read (corrupt or truncated)"
                ) from exc
            if time.monotonic() - started > max_page_seconds:
                raise InputError(
                    f"{name}: page {number + 1} took more than {max_page_seconds:.0f} s to read"
                )
            fragments_by_page.append(fragments)
            sizes.append((width, height))
            dropped += rotated
            on_page(number + 1)
    finally:
        document.close()
    if not any(fragments_by_page):
        raise InputError(f"{name}: {OCR_HINT}")
    lines: list[PdfLine] = []
    for number, (fragments, (width, height)) in enumerate(
        zip(fragments_by_page, sizes, strict=True), 1
    ):
        lines.extend(layout_page(fragments, number, width, height))
    letters = sum(ch.isalpha() for line in lines for ch in line.text)
    if letters < 20 * count and letters < 200:
        raise InputError(f"{name}: {OCR_HINT}")
    return PdfText(lines=mark_furniture(lines, sizes), pages=count, dropped=dropped, ocr=ocr)


def _read_page(
    page, name: str, number: int, in_list: bool = False
) -> tuple[list[_Fragment], int, bool, bool]:
    """One page → its fragments in stream order, the count of rotated characters dropped,
    whether the reference list has begun (on this page or an earlier one, `in_list`), and
    whether its text is an OCR engine's layer (`_ocr_font`).

    Every word's face is read only from the list's heading on: the journal's italics help to
    parse an entry, and a font query per word costs a fifth of the page's reading. Before it,
    a line's first word is read, and the next while they are bold: enough to tell a line set
    all in bold (a heading at body size) at one query a line."""
    import pypdfium2.raw as pdfium_c

    textpage = page.get_textpage()
    try:
        count = textpage.count_chars()
        if count > MAX_PAGE_CHARACTERS:
            raise InputError(
                f"{name}: page {number} holds {count} characters, more than "
                f"{MAX_PAGE_CHARACTERS} a page of text has"
            )
        if count <= 0:
            return [], 0, in_list, False
        text = textpage.get_text_range(0, count)
        if len(text) != count:  # one code point per character index, whatever the encoding
            text = "".join(
                chr(pdfium_c.FPDFText_GetUnicode(textpage.raw, i) or 0x20) for i in range(count)
            )
        # a character outside the BMP comes as two halves; SQLite cannot store a lone half
        text = SURROGATE.sub("\ufffd", text)
        in_list = in_list or any(REFERENCE_HEADING.match(row) for row in text.splitlines())
        handle = textpage.raw
        box = pdfium_c.FS_RECTF()
        box_ref = ctypes.byref(box)
        loose_box = pdfium_c.FPDFText_GetLooseCharBox
        char_angle = pdfium_c.FPDFText_GetCharAngle
        glyphs = _Glyphs(handle)
        # where they follow each glyph's ink, boxes are made from the origin and font size
        glyph_boxes = _glyph_shaped_boxes(handle, text)
        fragments: list[_Fragment] = []
        chars: list[str] = []
        x0 = x1 = bottom = top = 0.0
        rotated = 0
        face = UPRIGHT
        read_face = face_reader(handle, italic=in_list)
        line_opening = True  # the next word opens a line: its face is read
        upright = True
        line_start = True
        unknown_box = False  # the fragment so far is glyphs whose box PDFium does not know
        for i, ch in enumerate(text):
            if ch in "\r\n":
                line_start = line_opening = True
                if chars:
                    fragments.append(_Fragment("".join(chars), x0, x1, bottom, top, i, face))
                    chars = []
                continue
            if ch in CORK:  # before the space test: Python counts "\x1c"–"\x1f" as spaces
                ch = CORK[ch]
            if line_start and not ch.isspace():
                # PDFium starts a new line where the writing direction changes: one angle
                # per line tells a vertical watermark or a rotated stamp from the text
                angle = char_angle(handle, i)
                upright = angle < 0 or abs(math.sin(angle)) < 0.05 and math.cos(angle) > 0
                line_start = False
            if not upright:
                rotated += 1
                continue
            if ch.isspace():
                if chars:
                    fragments.append(_Fragment("".join(chars), x0, x1, bottom, top, i, face))
                    chars = []
                continue
            if not loose_box(handle, i, box_ref):
                continue
            if glyph_boxes:
                em = glyphs.font_size(i)
                # (a size PDFium reads before the text matrix scales it, "/F1 1 Tf", is no
                # size text is printed in: the ink's box is then the better guess)
                if em >= MIN_FONT_SIZE:
                    baseline = glyphs.baseline(i)
                    box.bottom = baseline + LOOSE_DESCENT * em
                    box.top = baseline + LOOSE_ASCENT * em
            left, right, low, high = box.left, box.right, box.bottom, box.top
            if high - low <= 0.1:
                continue
            if ch in ASCII_DIGITS and (ink := glyphs.raised_ink(i, high - low)):
                # a superscript glyph of the font's own ("mutation¹" set with OpenType's sups,
                # as Typst does): a body-size box on the baseline, its ink small and high; the
                # ink's box is then the digit's, and the line reads it as raised
                low, high = ink
            ch = HYPHENS.get(ch) or LIGATURES.get(ch) or ch
            other_box = bool(chars) and _another_box(high, low, top, bottom)
            if ch.isalpha() and (not chars or unknown_box or other_box) and glyphs.ink_only(i, box):
                # PDFium knows no font box for this glyph ("fl" of a ligature glyph: 8 pt high
                # in 12 pt text) and gives its ink: it takes its word's box, not a size of its own
                if not chars:
                    x0, x1, bottom, top, unknown_box = left, right, low, high, True
                    face = read_face(i) if in_list or line_opening or face.bold else UPRIGHT
                    line_opening = False
                else:
                    x1 = max(x1, right)
                chars.append(ch)
                continue
            if chars and unknown_box:
                # the word began with glyphs of unknown box: this one's box is the word's
                x1, bottom, top, unknown_box = max(x1, right), low, high, False
                chars.append(ch)
                continue
            if chars:
                size = top - bottom
                new_size = high - low
                if (
                    left - x1 > SPACE_GAP * min(size, new_size)  # a gap: a word space
                    or left < x1 - 0.3 * size  # the pen went back: a new line or column
                    or _another_box(high, low, top, bottom)  # a sub/superscript
                    or in_list
                    and chars[-1] in FIELD_MARKS
                    and ch.isalpha()
                    and read_face(i) != face  # "mice.*Circulation*": the journal's italics
                ):
                    fragments.append(_Fragment("".join(chars), x0, x1, bottom, top, i, face))
                    chars = []
            if not chars:
                x0, x1, bottom, top, unknown_box = left, right, low, high, False
                # once a word (a call per character costs), and outside the reference list
                # only while a line's words are bold from its start: a line set all in bold
                # is a heading's typography, a bold word inside running text is not
                face = read_face(i) if in_list or line_opening or face.bold else UPRIGHT
                line_opening = False
            else:
                x1 = max(x1, right)
            chars.append(ch)
        if chars:
            fragments.append(_Fragment("".join(chars), x0, x1, bottom, top, count, face))
        if in_list:
            _mark_linked_words(fragments, page_links(page))
        return fragments, rotated, in_list, _ocr_font(handle, count)
    finally:
        textpage.close()


# Where a font's metrics say nothing (LibreOffice writes Ascent 0 and Descent 0 for some
# embedded fonts), PDFium's "loose" box of a glyph reaches only as high as the glyph's ink: "l"
# is taller than "e", a digit taller still, and a dash in a superscript "4–7" is a line of its
# own. On such a page a box is made from the glyph's origin and its font size instead, with a
# common text face's ascent and descent (in ems).
LOOSE_ASCENT = 0.9
LOOSE_DESCENT = -0.2
MIN_FONT_SIZE = 2.0  # points
X_HEIGHT_LETTERS = frozenset("acemnorsuvwxz")
ASCENDER_LETTERS = frozenset("bdfhklt")


ASCII_DIGITS = frozenset("0123456789")
# The marks after which a word in the reference list may change its face: a style that prints
# no space after a title's full stop ("…in mice.Circulation. 2011;191:7784") sets the journal
# in italics from the next letter on. The word is two, each with its face (and its link).
FIELD_MARKS = frozenset(".?!):;,")
# A digit whose ink starts this far (in its box's height) above the baseline is a superscript
# glyph: a digit's ink sits on the baseline, old-style figures' too
RAISED_INK = 0.25


class _Glyphs:
    """One PDFium text page's glyph geometry beyond the loose box, read into one set of
    buffers: the ink box, the origin on the baseline, the font size."""

    def __init__(self, handle) -> None:  # noqa: ANN001
        import pypdfium2.raw as pdfium_c

        self.handle = handle
        self.left, self.right, self.bottom, self.top, self.x, self.y = (
            ctypes.c_double() for _ in range(6)
        )
        self.ink_refs = tuple(map(ctypes.byref, (self.left, self.right, self.bottom, self.top)))
        self.origin_refs = (ctypes.byref(self.x), ctypes.byref(self.y))
        self.char_box = pdfium_c.FPDFText_GetCharBox
        self.char_origin = pdfium_c.FPDFText_GetCharOrigin
        self.char_size = pdfium_c.FPDFText_GetFontSize

    def font_size(self, index: int) -> float:
        return self.char_size(self.handle, index)

    def baseline(self, index: int) -> float:
        self.char_origin(self.handle, index, *self.origin_refs)
        return self.y.value

    def ink(self, index: int) -> tuple[float, float]:
        """The bottom and top of the glyph's ink."""
        self.char_box(self.handle, index, *self.ink_refs)
        return self.bottom.value, self.top.value

    def raised_ink(self, index: int, height: float) -> tuple[float, float] | None:
        """The ink's bottom and top if the digit at `index` is a superscript glyph (its ink
        well above the baseline, `height` its box's height), else None."""
        bottom, top = self.ink(index)
        return (bottom, top) if bottom - self.baseline(index) > RAISED_INK * height else None

    def ink_only(self, index: int, loose) -> bool:  # noqa: ANN001
        """Whether PDFium's loose box of a glyph is only its ink box (no font metrics known)."""
        bottom, top = self.ink(index)
        return abs(bottom - loose.bottom) < 0.01 and abs(top - loose.top) < 0.01


def _glyph_shaped_boxes(handle, text: str, sample: int = 40) -> bool:  # noqa: ANN001
    """Whether this page's loose boxes follow each glyph's ink: in a word's pair of letters
    such as "el" or "do", the ascender letter's box stands taller than the x-height letter's,
    which boxes from a font's metrics never do."""
    import pypdfium2.raw as pdfium_c

    ratios: list[float] = []
    box = pdfium_c.FS_RECTF()
    box_ref = ctypes.byref(box)
    loose_box = pdfium_c.FPDFText_GetLooseCharBox
    for i in range(len(text) - 1):
        pair = text[i : i + 2]
        if pair[0] in ASCENDER_LETTERS and pair[1] in X_HEIGHT_LETTERS:
            tall, short = i, i + 1
        elif pair[0] in X_HEIGHT_LETTERS and pair[1] in ASCENDER_LETTERS:
            tall, short = i + 1, i
        else:
            continue
        if not loose_box(handle, tall, box_ref):
            continue
        tall_height = box.top - box.bottom
        if not loose_box(handle, short, box_ref) or box.top - box.bottom <= 0.1:
            continue
        ratios.append(tall_height / (box.top - box.bottom))
        if len(ratios) >= sample:
            break
    return len(ratios) >= 5 and statistics.median(ratios) > 1.08


# The font tesseract (and so ocrmypdf) writes its invisible text layer in
OCR_FONT = b"GlyphLessFont"


def _ocr_font(handle, count: int) -> bool:  # noqa: ANN001
    """Whether a text page is an OCR engine's layer: its first characters are set in
    tesseract's GlyphLessFont. OCR reads few superscript callouts ("response.*" for
    "response.2"), so a user is told why so few were found."""
    import pypdfium2.raw as pdfium_c

    name = ctypes.create_string_buffer(64)
    flags = ctypes.c_int()
    for index in range(min(count, 20)):
        pdfium_c.FPDFText_GetFontInfo(handle, index, name, 64, ctypes.byref(flags))
        if OCR_FONT in name.value:
            return True
    return False


def _another_box(high: float, low: float, top: float, bottom: float) -> bool:
    """A glyph box (low..high) on another baseline or of another size than its word's
    (bottom..top): where a sub- or superscript begins."""
    size = top - bottom
    return abs((high + low) - (top + bottom)) > 0.3 * size or abs(high - low - size) > 0.1 * size


# A page with more links than this is no reference list (an index, a table of links): the rest
# are not read. A link's address longer than this is no reference's (a data: URI, a script).
MAX_PAGE_LINKS = 5000
MAX_LINK_LENGTH = 2048


@dataclass(frozen=True)
class _Link:
    """A link annotation to a web address: its box (PDF coordinates) and the address."""

    left: float
    bottom: float
    right: float
    top: float
    target: str


def page_links(page) -> list[_Link]:  # noqa: ANN001 (a pypdfium2 PdfPage)
    """The page's links to web addresses. A publisher links an entry's title or DOI to the
    work ("https://doi.org/10.1371/…", PubMed's page), which the text never prints: the
    reference list reads the DOI, the PubMed id and where the title ends from them."""
    import pypdfium2.raw as pdfium_c

    links: list[_Link] = []
    position = ctypes.c_int(0)
    link = pdfium_c.FPDF_LINK()
    rect = pdfium_c.FS_RECTF()
    while len(links) < MAX_PAGE_LINKS and pdfium_c.FPDFLink_Enumerate(
        page.raw, ctypes.byref(position), ctypes.byref(link)
    ):
        action = pdfium_c.FPDFLink_GetAction(link)
        if not action or pdfium_c.FPDFAction_GetType(action) != pdfium_c.PDFACTION_URI:
            continue  # a link inside the document (to a figure, a callout's entry)
        size = pdfium_c.FPDFAction_GetURIPath(page.pdf.raw, action, None, 0)
        if not 1 < size <= MAX_LINK_LENGTH:
            continue
        address = ctypes.create_string_buffer(size)
        pdfium_c.FPDFAction_GetURIPath(page.pdf.raw, action, address, size)
        if not pdfium_c.FPDFLink_GetAnnotRect(link, ctypes.byref(rect)):
            continue
        target = address.value.decode("latin-1").strip()  # the PDF's URI is 7-bit ASCII
        if target:
            box = (min(rect.left, rect.right), min(rect.bottom, rect.top))
            far = (max(rect.left, rect.right), max(rect.bottom, rect.top))
            links.append(_Link(box[0], box[1], far[0], far[1], target))
    return links


def _mark_linked_words(fragments: Sequence[_Fragment], links: Sequence[_Link]) -> None:
    """Each word whose centre lies in a link's box points to that link's address."""
    if not links:
        return
    for fragment in fragments:
        x = (fragment.x0 + fragment.x1) / 2
        y = (fragment.bottom + fragment.top) / 2
        for link in links:
            if link.left <= x <= link.right and link.bottom <= y <= link.top:
                fragment.link = link.target
                break


# PDF font flags for an italic and a bold face; embedded fonts often leave them unset and say
# so by name ("LiberationSans-Italic", "Times-Oblique", "AdvOT0d9ab1db.I", "Helvetica-Bold")
FONT_ITALIC_FLAG = 0x40
FONT_FORCE_BOLD_FLAG = 0x40000
ITALIC_NAME = re.compile(rb"italic|oblique|[.\-](?:i|it)$", re.IGNORECASE)
BOLD_NAME = re.compile(rb"bold|black|heavy|[.\-](?:b|bd|bi)$", re.IGNORECASE)
BOLD_WEIGHT = 700  # PDFium's weight of a bold face (400 is regular)


def face_reader(handle, *, italic: bool = True) -> Callable[[int], Face]:  # noqa: ANN001
    """A test for one PDFium text page: is character `index` set in an italic (journal names)
    or a bold (headings) face? One font query answers both; `italic=False` leaves italics
    unread (outside the reference list they would be first words only, and mislead)."""
    import pypdfium2.raw as pdfium_c

    flags = ctypes.c_int()
    flags_ref = ctypes.byref(flags)
    name = ctypes.create_string_buffer(96)
    font_info = pdfium_c.FPDFText_GetFontInfo
    font_weight = pdfium_c.FPDFText_GetFontWeight

    def face(index: int) -> Face:
        font_info(handle, index, name, 96, flags_ref)
        return Face(
            italic=italic
            and (bool(flags.value & FONT_ITALIC_FLAG) or bool(ITALIC_NAME.search(name.value))),
            bold=bool(flags.value & FONT_FORCE_BOLD_FLAG)
            or bool(BOLD_NAME.search(name.value))
            or font_weight(handle, index) >= BOLD_WEIGHT,
        )

    return face


# --- layout -----------------------------------------------------------------------------------


def find_gutter(fragments: Sequence[_Fragment], width: float) -> float | None:
    """The x of the empty strip between two columns, or None for a one-column page.

    Lines are cut into segments at gaps wider than a word space; a gutter is an x in the middle
    of the page that few segments cross (a full-width title, abstract or caption may) while
    many wide segments lie wholly on either side of it. A one-column page with a table has
    empty strips too, but its body lines cross them.
    """
    if len(fragments) < 40:
        return None
    bands = group_lines(fragments)
    segments = _segments(bands, MERGE_GAP)
    x = _emptiest_strip(segments, width)
    if x is None:
        # LaTeX's gutter is one em: on a page of justified column lines, each line's two halves
        # read as one segment. Cut at anything wider than a word space instead: a stretched
        # line's spaces cut it too, but at x that change from line to line, where the gutter
        # is one strip, empty the page down (a one-column page's lines cross every strip)
        segments = _segments(bands, COLUMN_GAP)
        x = _emptiest_strip(segments, width, narrow=True)
    if x is None:
        return None
    # the middle of the empty strip around the best x
    low = max((x1 for x0, x1 in segments if x1 <= x), default=x)
    high = min((x0 for x0, x1 in segments if x0 >= x and x0 - x < 0.2 * width), default=x)
    gutter = (low + high) / 2 if low < high else x
    return _left_of_hanging_labels(fragments, gutter, width)


def _segments(bands: Sequence[_Band], gap: float) -> list[tuple[float, float]]:
    """Each line cut at gaps wider than `gap` times its size: (x0, x1) of the pieces."""
    segments: list[tuple[float, float]] = []
    for band in bands:
        size = band.core_top - band.core_bottom
        start = end = None
        for f in sorted(band.fragments, key=lambda f: f.x0):
            if start is not None and f.x0 - end > gap * size:
                segments.append((start, end))
                start = None
            if start is None:
                start, end = f.x0, f.x1
            else:
                end = max(end, f.x1)
        segments.append((start, end))
    return segments


def _emptiest_strip(
    segments: Sequence[tuple[float, float]], width: float, *, narrow: bool = False
) -> float | None:
    """The x in the page's middle that the fewest segments cross, with wide segments on both
    sides; None where no x qualifies. `narrow`: segments cut at word spaces, so nearly none
    may cross, and many must stand on each side."""
    wide = [(x0, x1) for x0, x1 in segments if x1 - x0 > 0.2 * width]
    best = None
    for step in range(30, 71):
        x = width * step / 100
        crossing = sum(1 for x0, x1 in segments if x0 < x < x1)
        left = sum(1 for x0, x1 in wide if x1 <= x)
        right = sum(1 for x0, x1 in wide if x0 >= x)
        if narrow:
            if min(left, right) < 10 or crossing > 0.05 * (left + right):
                continue
        else:
            # a column may hold only a few lines (the list's last entries, at a page's top)
            # where hardly anything crosses the strip: a few lines of the two columns one em
            # apart (LaTeX's gutter) read as one segment; a one-column page's lines all cross it
            few = min(left, right) >= 2 and left + right >= 10 and crossing <= 0.25 * (left + right)
            if (min(left, right) < 5 and not few) or crossing > left + right:
                continue
        key = (crossing, abs(step - 50))
        if best is None or key < best[0]:
            best = (key, x)
    return None if best is None else best[1]


# "14.", "[14]", "(14)": a list label; PDFium may give "(", "14" and ")" as three fragments
LABEL_FRAGMENT = re.compile(r"[\[(]?\d{1,3}[.\])]?")
LABEL_START = re.compile(r"(?:\[\d{1,3}\]|\(\d{1,3}\)|\d{1,3}\.)(?!\d)")
OPENING = frozenset("([")


def _left_of_hanging_labels(fragments: Sequence[_Fragment], gutter: float, width: float) -> float:
    """The gutter left of a right column's list labels that hang out of its text.

    LaTeX sets a list's labels at the column's edge and its entries a label's width in: that
    strip is wider than LaTeX's narrow gutter (one em), and empty the page down when the list
    fills the right column, so it was taken for the gutter and the labels joined the left
    column's lines ("… 476–486 14."). Labels aligned just left of the strip, with empty space
    between them and the left column, put the gutter before them."""
    near = [
        f
        for f in fragments
        if gutter - 0.08 * width < f.x0
        and f.x1 < gutter
        and LABEL_FRAGMENT.fullmatch(f.text.strip())
    ]
    labels = _aligned_labels(near, fragments, 3)
    if labels is None:
        strip = _labels_in_the_strip(near, fragments, gutter)
        labels = _aligned_labels(strip, fragments, 1) if 0 < len(strip) < 3 else None
    if labels is None:
        return gutter
    left_edge = min(f.x0 for f in labels)
    # "(" or "[" printed as a fragment of its own before the number
    openings = [
        f.x0
        for f in fragments
        if f.text.strip() in OPENING
        and left_edge - 0.02 * width < f.x0 < left_edge
        and any(abs(f.bottom - label.bottom) < 1 for label in labels)
    ]
    left_edge = min([left_edge, *openings])
    low = max(
        (f.x1 for f in fragments if left_edge - 0.05 * width < f.x1 <= left_edge), default=None
    )
    if low is None:
        return gutter
    new = (low + left_edge) / 2
    # as empty as the strip it replaces (a full-width title may cross both)
    crossing = sum(f.x0 < new < f.x1 for f in fragments)
    if crossing > max(2, sum(f.x0 < gutter < f.x1 for f in fragments)):
        return gutter
    return new


def _aligned_labels(
    near: Sequence[_Fragment], fragments: Sequence[_Fragment], minimum: int
) -> list[_Fragment] | None:
    """The labels aligned at the x most of `near` start at, if at least `minimum` and nearly
    all that starts there."""
    if len(near) < minimum:
        return None
    edge = Counter(round(f.x0) for f in near).most_common(1)[0][0]
    aligned = [f for f in fragments if abs(f.x0 - edge) <= 1.5]
    labels = [f for f in aligned if LABEL_FRAGMENT.fullmatch(f.text.strip())]
    if len(labels) < minimum:
        return None
    # the column's running text above the list ("However, …", "References") starts at the
    # labels' edge too; from the first label down, nearly all that starts there is a label
    first = max(f.bottom for f in labels)
    if len(labels) < 0.8 * sum(f.bottom <= first + 1 for f in aligned):
        return None
    return labels


def _labels_in_the_strip(
    labels: Sequence[_Fragment], fragments: Sequence[_Fragment], gutter: float
) -> list[_Fragment]:
    """Of one or two labels (a list's last entries at the top of the right column), those
    that hang out of it: they stand where no left line reaches, and their entry goes on right
    of the gutter on their baseline. A left line's last word ("Fig. 12.") or a page number
    does neither."""
    reach = max((f.x1 for f in fragments if f.x1 < gutter and f not in labels), default=gutter)
    return [
        label
        for label in labels
        if label.x0 > reach
        and any(f.x0 >= gutter and abs(f.bottom - label.bottom) < 1.0 for f in fragments)
    ]


def group_lines(fragments: Sequence[_Fragment]) -> list[_Band]:
    """Fragments → lines: each joins the line whose body it overlaps vertically the most.

    Lines are indexed by the height of their body in 4-point buckets, so a fragment is tried
    only against the lines near it (a page has a hundred lines and thousands of fragments).
    """
    bands: list[_Band] = []
    buckets: dict[int, list[_Band]] = {}
    # larger fragments seed lines first, so a superscript joins the line it sits on
    for fragment in sorted(fragments, key=lambda f: (-round(f.height, 1), f.index)):
        best, best_overlap = None, SAME_LINE_OVERLAP
        # a line's body may start below this fragment by more than the fragment's own height:
        # a raised dash ("4–7" set as a superscript) whose box is only the dash's ink, a tiny
        # number raised to the line's top (the line up to 1 / TINY_SCRIPT times its height)
        low = int((fragment.bottom - max(fragment.height / TINY_SCRIPT, 2 * BUCKET)) // BUCKET)
        high = int(fragment.top // BUCKET)
        for key in range(low, high + 1):
            for band in buckets.get(key, ()):
                overlap = band.overlap(fragment)
                if fragment.height <= TINY_SCRIPT * (band.core_top - band.core_bottom):
                    # a number half the line's size, raised so far that only its foot
                    # touches the line's top: a superscript set in a superscript's place
                    overlap += SAME_LINE_OVERLAP - TINY_SCRIPT_OVERLAP
                if overlap > best_overlap:
                    best, best_overlap = band, overlap
        if best is None:
            best = _Band()
            bands.append(best)
            best.add(fragment)
            buckets.setdefault(int(best.core_bottom // BUCKET), []).append(best)
        else:
            before = int(best.core_bottom // BUCKET)
            best.add(fragment)
            after = int(best.core_bottom // BUCKET)
            if after != before:
                buckets[before].remove(best)
                buckets.setdefault(after, []).append(best)
    return bands


BUCKET = 4.0  # points


def _band_line(band: _Band, page: int, page_height: float) -> PdfLine:
    """A line's fragments → its text, left to right, with raised and lowered spans marked."""
    fragments = sorted(band.fragments, key=lambda f: f.x0)
    # the body size is the size most letters are set in: a long superscript list
    # ("fly.^{5,8,22,26,27,34,41,42}") has more characters than the word it follows
    weights: Counter[float] = Counter()
    for f in fragments:
        weights[round(f.height, 1)] += sum(ch.isalpha() for ch in f.text)
    if not any(weights.values()):
        # no letters ("2021^{18,25,26}." ending a paragraph): a superscript is never the
        # larger type, so the body is the largest, however few characters it holds
        weights = Counter({round(f.height, 1): 1 for f in fragments})
    size = max(weights, key=lambda h: (weights[h], h))
    body = [f.centre for f in fragments if f.height >= SCRIPT_SIZE * size]
    centre = statistics.median(body) if body else band.core_bottom + size / 2
    parts: list[str] = []
    raised: list[tuple[int, int]] = []
    lowered: list[tuple[int, int]] = []
    italic: list[tuple[int, int]] = []
    links: list[tuple[int, int, str]] = []
    offset = 0
    gaps = [b.x0 - a.x1 for a, b in zip(fragments, fragments[1:], strict=False)]
    spaces = sorted(gap for gap in gaps if gap > SPACE_GAP * size)
    # a justified line stretches every word space alike; a table row's cell gaps stand out
    cell_gap = CELL_GAP * size
    if spaces and spaces[-1] < 1.6 * spaces[len(spaces) // 2]:
        cell_gap = math.inf
    previous: _Fragment | None = None
    for f in fragments:
        if previous is not None:
            gap = f.x0 - previous.x1
            separator = "   " if gap > cell_gap else " " if gap > SPACE_GAP * size else ""
            parts.append(separator)
            offset += len(separator)
        if "&" in f.text:
            # "Clin Invest,&#160;393": decoded here, not by the cleaning after, so the word's
            # italic and link spans are counted on the text the line keeps
            f.text = decode_character_references(f.text)
        span = (offset, offset + len(f.text))
        if f.face.italic:
            italic.append(span)
        if f.link is not None:
            if links and links[-1][2] == f.link and links[-1][1] >= offset - 3:
                links[-1] = (links[-1][0], span[1], f.link)  # the next word of one link
            else:
                links.append((*span, f.link))
        if f.height < SCRIPT_SIZE * size:
            if f.centre > centre + SCRIPT_SHIFT * size:
                raised.append(span)
            elif f.centre < centre - SCRIPT_SHIFT * size:
                lowered.append(span)
        parts.append(f.text)
        offset += len(f.text)
        previous = f
    return PdfLine(
        page=page,
        text="".join(parts),
        x0=fragments[0].x0,
        x1=max(f.x1 for f in fragments),
        top=page_height - band.core_top,
        bottom=page_height - band.core_bottom,
        size=size,
        raised=_merge_spans(raised),
        lowered=_merge_spans(lowered),
        italic=_merge_spans(italic),
        links=tuple(links),
        bold=all(f.face.bold for f in fragments if any(ch.isalpha() for ch in f.text))
        and any(f.face.bold for f in fragments),
    )


def _merge_spans(spans: list[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    """Adjacent script runs ("1" "," "2") → one span, so "1,2" is read as one superscript."""
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return tuple(merged)


def layout_page(
    fragments: Sequence[_Fragment], page: int, width: float, height: float
) -> list[PdfLine]:
    """One page's fragments → its lines in reading order."""
    if not fragments:
        return []
    gutter = find_gutter(fragments, width)
    if gutter is None:
        bands = group_lines(fragments)
        lines = [_band_line(band, page, height) for band in bands]
        return sorted(lines, key=lambda line: (round(line.bottom, 1), line.x0))
    left = [f for f in fragments if f.x1 <= gutter]
    right = [f for f in fragments if f.x0 >= gutter]
    across = [f for f in fragments if f.x0 < gutter < f.x1]
    left_bands, right_bands = group_lines(left), group_lines(right)
    wide_bands = group_lines(across) if across else []
    # a full-width line (title, caption) whose words fall either side of the gutter: the two
    # halves sit on one baseline, a word space apart
    # a table row with a cell across the gutter: its other cells, on its baseline, join it
    for wide in wide_bands:
        size = wide.core_top - wide.core_bottom
        for bands in (left_bands, right_bands):
            for band in [b for b in bands if abs(b.core_bottom - wide.core_bottom) < 0.2 * size]:
                for fragment in band.fragments:
                    wide.add(fragment)
                bands.remove(band)
    # a line's core height grows with tall glyphs ("[9]", "(", "|"): the gap that joins two
    # halves is measured in the page's usual core height at the most, so that two column lines
    # a narrow gutter apart (LaTeX's, one em) stay apart
    usual = _usual_size(left_bands + right_bands + wide_bands)
    # the columns' inner edges: a left line that reaches its column's edge and a right line
    # that starts at its column's are two column lines, however close ("… trial pa-" with
    # microtype's hyphen out in the gutter, beside "apy dose …"; "… (2001)." overfull,
    # beside "16. Chen, F.: …")
    left_edge = _percentile([b.x1 for b in left_bands], 0.5)  # justified lines end there
    right_edge = _percentile([b.x0 for b in right_bands], 0.05)
    # … but not inside a full-width paragraph, whose lines above and below cross the gutter
    # (". Furthermore": a sentence's wide space may fall just there)
    spanning = [b.core_bottom for b in wide_bands]
    for band in list(left_bands):
        size = min(band.core_top - band.core_bottom, usual)
        partner = _same_baseline(band, right_bands + wide_bands, size)
        if (
            partner in right_bands
            and band.x1 >= left_edge - 0.5 * size
            and partner.x0 <= right_edge + 0.2 * size
            and partner.x0 - band.x1 > COLUMN_GAP * size
            and not any(abs(bottom - band.core_bottom) < 2.5 * size for bottom in spanning)
        ):
            partner = None
        if partner is not None:
            for fragment in band.fragments:
                partner.add(fragment)
            left_bands.remove(band)
            if partner in right_bands:
                right_bands.remove(partner)
                wide_bands.append(partner)
    for band in list(right_bands):
        size = band.core_top - band.core_bottom
        partner = _same_baseline(band, wide_bands, size)
        if partner is not None:
            for fragment in band.fragments:
                partner.add(fragment)
            right_bands.remove(band)
    _join_table_rows(left_bands, right_bands)
    wide = sorted((_band_line(b, page, height) for b in wide_bands), key=lambda ln: ln.bottom)
    columns = [
        sorted((_band_line(b, page, height) for b in bands), key=lambda ln: ln.bottom)
        for bands in (left_bands, right_bands)
    ]
    ordered: list[PdfLine] = []
    # full-width lines cut the page into blocks; each block reads left column, then right
    cuts = [line.bottom for line in wide] + [math.inf]
    taken = [0, 0]
    for cut, wide_line in zip(cuts, [*wide, None], strict=True):
        block = []
        for side, column in enumerate(columns):
            start = taken[side]
            while taken[side] < len(column) and column[taken[side]].bottom <= cut:
                taken[side] += 1
            block.append(column[start : taken[side]])
        ordered.extend(_left_then_right(*block))
        if wide_line is not None:
            ordered.append(wide_line)
    return ordered


def _left_then_right(left: list[PdfLine], right: list[PdfLine]) -> list[PdfLine]:
    """A block's two columns in reading order.

    Lines at the foot of the left column, below the whole right column and set off by a gap
    (a "References" heading over a full-width list), open what follows the block.
    """
    if not left or not right:
        return left + right
    right_end = max(line.bottom for line in right)
    pitches = sorted(b.bottom - a.bottom for a, b in zip(left, left[1:], strict=False))
    pitch = pitches[len(pitches) // 2] if pitches else 0.0
    split = len(left)
    while split > 0 and left[split - 1].top > right_end:
        split -= 1
    if 0 < split < len(left) and left[split].bottom - left[split - 1].bottom > 1.5 * pitch:
        return left[:split] + right + left[split:]
    return left + right


def _join_table_rows(left_bands: list[_Band], right_bands: list[_Band]) -> None:
    """A table row whose cells fall either side of the gutter → one line, in the left column.

    Table text is set smaller than the body; a row's left part stops short of the left
    column's edge, and its right part does not start where the right column's lines (or
    their hanging indents) do, which tells it from two columns of small print.

    Sizes here are a line's words' (the median fragment's height), not its core's: a bracket
    stands taller than the letters, so where a list prints "(2016)" on most lines, the core
    heights made every plain line beside them small print ("459–474." then joined the right
    column's "hibitor tumour …" as a table row)."""
    if not left_bands or not right_bands:
        return
    heights = {id(band): _word_height(band) for band in (*left_bands, *right_bands)}
    body = _usual_word_height(left_bands + right_bands)
    left_edges = [b.x1 for b in left_bands if heights[id(b)] >= 0.95 * body]
    right_edges = [b.x0 for b in right_bands if heights[id(b)] >= 0.95 * body]
    if not left_edges or not right_edges:
        return
    left_edge = _percentile(left_edges, 0.05, from_top=True)
    right_edge = _percentile(right_edges, 0.05)
    for band in list(left_bands):
        size = heights[id(band)]
        if size >= 0.95 * body or band.x1 > left_edge - 3 * size:
            continue
        for partner in right_bands:
            if (
                abs(partner.core_bottom - band.core_bottom) < 0.2 * size
                and abs(heights[id(partner)] - size) < 0.1 * size
                and not right_edge - 0.3 * size <= partner.x0 <= right_edge + 2.5 * body
                and not _opens_with_label(partner)
            ):
                for fragment in partner.fragments:
                    band.add(fragment)
                right_bands.remove(partner)
                break


def _word_height(band: _Band) -> float:
    return statistics.median(f.height for f in band.fragments)


def _usual_word_height(bands: Sequence[_Band]) -> float:
    """The height most of the page's words are set at."""
    return _most_common(Counter(round(f.height, 1) for band in bands for f in band.fragments))


def _usual_size(bands: Sequence[_Band]) -> float:
    """The core height most of the page's text is set at (weighed by fragments)."""
    sizes: Counter[float] = Counter()
    for band in bands:
        sizes[round(band.core_top - band.core_bottom, 1)] += len(band.fragments)
    return _most_common(sizes)


def _most_common(sizes: Counter[float]) -> float:
    """The size counted most often, the larger on a tie (inf for none: no size is below it)."""
    return max(sizes, key=lambda size: (sizes[size], size)) if sizes else math.inf


def _opens_with_label(band: _Band) -> bool:
    """ "8. Chen, D., …", "(8) Chen": a list's entry, not a table row's right cells. (A
    list's lines set the page's usual size: "(2016)" makes a line's core taller, so the
    body's shorter lines beside it read as a table's small print.)"""
    first = sorted(band.fragments, key=lambda f: f.x0)[:3]
    return LABEL_START.match("".join(f.text.strip() for f in first)) is not None


def _percentile(values: Sequence[float], share: float, *, from_top: bool = False) -> float:
    """The value `share` of the way up `values`, or down them `from_top` (nan for none: no
    comparison holds)."""
    if not values:
        return math.nan
    ordered = sorted(values, reverse=from_top)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def _same_baseline(band: _Band, others: Sequence[_Band], size: float) -> _Band | None:
    for other in others:
        if abs(other.core_bottom - band.core_bottom) > 0.2 * size:
            continue
        gap = max(other.x0 - band.x1, band.x0 - other.x1)
        if gap < MERGE_GAP * size:
            return other
    return None


# --- page furniture ---------------------------------------------------------------------------

DIGITS = re.compile(r"\d+")
PAGE_NUMBER = re.compile(r"(?i)^(?:page\s*)?\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?$")
MARGIN_SHARE = 0.1  # the top and bottom tenth of a page hold its running heads and footers


def mark_furniture(lines: list[PdfLine], sizes: Sequence[tuple[float, float]]) -> list[PdfLine]:
    """Running heads, footers, page numbers and marginal numbers → kind FURNITURE.

    A head or footer sits in the page's top or bottom tenth and its shape (digits ignored)
    repeats on other pages; a page number is a lone number there; a line number sits outside
    the text block's left or right edge.
    """
    pages = len(sizes)

    def in_margin(line: PdfLine) -> bool:
        height = sizes[line.page - 1][1]
        return line.bottom < MARGIN_SHARE * height or line.top > (1 - MARGIN_SHARE) * height

    shapes: dict[str, set[int]] = {}
    for line in lines:
        if in_margin(line):
            shapes.setdefault(DIGITS.sub("#", line.text.lower()), set()).add(line.page)
    lefts = sorted(line.x0 for line in lines if len(line.text) > 20)
    rights = sorted(line.x1 for line in lines if len(line.text) > 20)
    text_left = lefts[len(lefts) // 20] if lefts else 0.0
    text_right = rights[-1 - len(rights) // 20] if rights else math.inf
    marked = []
    for line in lines:
        repeated = len(shapes.get(DIGITS.sub("#", line.text.lower()), ())) >= min(2, pages)
        furniture = in_margin(line) and (
            PAGE_NUMBER.match(line.text.strip()) or repeated and pages > 1
        )
        marginal = line.text.strip().isdigit() and (
            line.x1 < text_left - 2 or line.x0 > text_right + 2
        )
        if furniture or marginal:
            line = PdfLine(**{**line.__dict__, "kind": FURNITURE})
        marked.append(line)
    return marked


# --- into the text route ----------------------------------------------------------------------


@dataclass(frozen=True)
class Scripts:
    """A line's raised (superscript) and lowered (subscript) runs, as offsets in `Line.text`."""

    raised: tuple[tuple[int, int], ...] = ()
    lowered: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True)
class PdfLines:
    """A PDF's lines as the text route's `Line`s, with each line's page and typography."""

    lines: list[Line]
    pages: list[int]  # pages[i] is the page of line number i + 1
    scripts: dict[int, Scripts]  # by line number; lines without sub/superscripts are absent
    page_count: int
    boxes: dict[int, LineBox] = field(default_factory=dict)  # by line number: where it is printed
    ocr: bool = False  # the text is an OCR engine's layer (see PdfText)


def to_lines(pdf: PdfText) -> PdfLines:
    """The reader's lines → classified `Line`s (textclean's rules), pages and typography."""
    # running heads and feet come from positions (`mark_furniture`), not repetition alone;
    # lines set larger than the body, or all in bold, are evidence for headings without numbers
    lengths = [len(line.text) for line in pdf.lines]
    prominent = larger_than_body([line.size for line in pdf.lines], lengths) | set_in_bold(
        [line.bold for line in pdf.lines], lengths
    )
    lines = clean_text(
        "\n".join(line.text for line in pdf.lines),
        prominent=prominent,
        heads_by_position=True,
        furniture=[i for i, line in enumerate(pdf.lines) if line.kind == FURNITURE],
    )
    classified: list[Line] = []
    scripts: dict[int, Scripts] = {}
    boxes: dict[int, LineBox] = {}
    for line, source in zip(lines, pdf.lines, strict=True):
        if source.kind is not None:
            line = replace(line, kind=source.kind)
        boxes[line.number] = line_box(source, line)
        if source.raised or source.lowered:
            # textclean strips and repairs characters; a line whose text it changed otherwise
            # keeps its text but loses its typography (offsets would point elsewhere)
            shift = len(source.text) - len(source.text.lstrip())
            if line.text == source.text.strip():
                scripts[line.number] = Scripts(
                    raised=_shifted(source.raised, shift, len(line.text)),
                    lowered=_shifted(source.lowered, shift, len(line.text)),
                )
        classified.append(line)
    return PdfLines(
        lines=classified,
        pages=[line.page for line in pdf.lines],
        scripts=scripts,
        page_count=pdf.pages,
        boxes=boxes,
        ocr=pdf.ocr,
    )


def line_box(source: PdfLine, line: Line) -> LineBox:
    """Where a line is printed, its italic and its linked words, for the reference list
    (`pdflist`)."""
    opening = next((end for start, end in source.raised if start == 0), 0)
    italic: tuple[tuple[int, int], ...] = ()
    links: tuple[tuple[int, int, str], ...] = ()
    if (source.italic or source.links) and line.text == source.text.strip():
        # (the offsets hold in this text only)
        shift = len(source.text) - len(source.text.lstrip())
        italic = _shifted(source.italic, shift, len(line.text))
        links = _shifted_links(source.links, shift, len(line.text))
    return LineBox(
        source.page,
        source.x0,
        source.x1,
        source.top,
        source.bottom,
        source.size,
        opening,
        italic,
        links,
    )


def _shifted(
    spans: tuple[tuple[int, int], ...], shift: int, length: int
) -> tuple[tuple[int, int], ...]:
    return tuple(
        (max(0, start - shift), min(length, end - shift))
        for start, end in spans
        if end - shift > 0 and start - shift < length
    )


def _shifted_links(
    links: tuple[tuple[int, int, str], ...], shift: int, length: int
) -> tuple[tuple[int, int, str], ...]:
    return tuple(
        (max(0, start - shift), min(length, end - shift), target)
        for start, end, target in links
        if end - shift > 0 and start - shift < length
    )


def without_line_numbers(pdf: PdfText) -> PdfText:
    """A line-numbered manuscript's lines without the numbers in their margin (linenumbers.py);
    each line's typography shifts with its text."""
    prefixes = line_number_prefixes([line.text for line in pdf.lines])
    if prefixes is None:
        return pdf
    lines = []
    for line, cut in zip(pdf.lines, prefixes, strict=True):
        if cut:
            length = len(line.text) - cut
            line = replace(
                line,
                text=line.text[cut:],
                raised=_shifted(line.raised, cut, length),
                lowered=_shifted(line.lowered, cut, length),
                italic=_shifted(line.italic, cut, length),
                links=_shifted_links(line.links, cut, length),
            )
        lines.append(line)
    return replace(pdf, lines=lines)


def read_pdf_document(data: bytes, name: str) -> PdfLines:
    """A PDF's bytes → its lines for ingest; InputError (or ParseError) if it cannot be read."""
    try:
        return to_lines(without_line_numbers(read_pdf(data, name)))
    except InputError:
        raise
    except Exception as exc:
        # a PDF never crashes the process: PDFium or the layout failing on odd bytes is one line
        raise ParseError(
            f"{name}: reflink could not read this PDF ({type(exc).__name__}: {exc}); "
            "please report it with the file"
        ) from exc
