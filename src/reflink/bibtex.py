"""Reference rows → bibtexparser `Library` → BibTeX text, with stable keys and LaTeX-safe values.

The writing is bibtexparser v2's: each reference becomes an `Entry` of `Field`s, and an ordered,
visible list of middlewares (`unparse_steps()`: names, LaTeX encoding and title capitals in one
pass, co-author merge, enclosing) makes the values LaTeX-safe before the stock writer prints
them. Nothing here formats BibTeX by hand, so the output is what bibtexparser and any other
BibTeX parser (pybtex, BibTeX itself) read back; `read_bibtex` is the inverse.

Keys are computed over a document's whole reference list, never over the exported subset, so
they stay the same whichever entries are exported, in any run.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import bibtexparser
import sqlite_utils
from bibtexparser.exceptions import PartialMiddlewareException
from bibtexparser.library import Library
from bibtexparser.middlewares import (
    LatexDecodingMiddleware,
    LatexEncodingMiddleware,
    MergeCoAuthors,
)
from bibtexparser.middlewares.middleware import BlockMiddleware
from bibtexparser.middlewares.names import NameParts
from bibtexparser.middlewares.parsestack import default_unparse_stack
from bibtexparser.model import Block, Entry, Field, MiddlewareErrorBlock
from bibtexparser.writer import BibtexFormat
from pylatexenc.latex2text import LatexNodes2Text, MacroTextSpec, get_default_latex_context_db
from pylatexenc.latexencode import RULE_DICT, UnicodeToLatexConversionRule, UnicodeToLatexEncoder

from .models import decode_authors
from .names import cached_name_parts, split_printed_name
from .normalise import DASH, DOI_PREFIX, YEAR
from .sources import fetched_fields, update_note
from .words import KEY_SKIP_WORDS

# ---------------------------------------------------------------------------------------------
# Citation keys
# ---------------------------------------------------------------------------------------------

WORD = re.compile(r"[^\W_]+")


def _ascii_word(text: str) -> str:
    """ "Crinò" → "Crino", "van der Berg" → "vanderBerg", "Moro-Sibilot" → "MoroSibilot"."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return NOT_ASCII_ALNUM.sub("", folded)


NOT_ASCII_ALNUM = re.compile(r"[^A-Za-z0-9]")


def _first_word(text: str | None, *, min_letters: int = 1, besides: str = "") -> str:
    # "N. Engl. J. Med." → "Engl": single letters of an abbreviated journal say nothing
    for match in WORD.finditer(text or ""):
        word = match.group(0)
        ascii_word = _ascii_word(word)
        if word.lower() in KEY_SKIP_WORDS or len(ascii_word) < min_letters:
            continue
        if ascii_word.lower() == besides.lower():
            continue  # "FDA expands approved use…" from fda.gov: FDA2015Expands, not FDA2015FDA
        return ascii_word[:1].upper() + ascii_word[1:]
    return ""


def _host_label(url: str | None) -> str:
    # "https://www.cancer.gov/news-events/…" → "Cancer"
    match = re.match(r"^[a-z]+://(?:www\d?\.)?([^/:?#]+)", url or "", re.IGNORECASE)
    if not match:
        return ""
    labels = match.group(1).split(".")
    label = _first_word(labels[-2] if len(labels) >= 2 else labels[0])
    return label.upper() if len(label) <= 3 else label  # fda.gov, who.int: an acronym


def work_title(ref: Mapping[str, Any]) -> str | None:
    """The entry's title, unless it only repeats the journal: "Li X, Wang Y. Chin J Lung
    Cancer. 2018;21:45-50." prints no title, and the parser's guess that the journal name is
    one would print the journal twice and name the key after it."""
    title, journal = ref.get("title"), ref.get("journal")
    same = title and journal and _comparable(title) == _comparable(journal)
    if same and _comparable(title):
        return None
    return title


def _comparable(text: str) -> str:
    return "".join(ch for ch in text.lower() if ch.isalnum())


def base_key(ref: Mapping[str, Any]) -> str:
    """First author's family name + year + first significant title word, as Better BibTeX
    builds them; no title, no word (the journal's "Engl" or "Chin" is no part of a work's
    name): two such keys of one author and year are told apart by "a", "b"."""
    family = ""
    for printed in _authors(ref):
        parts = split_printed_name(printed)
        if parts is not None:
            family = _ascii_word(" ".join([*parts.von, *parts.last]))
            break
    family = family or _host_label(ref.get("url")) or "Anon"
    year = str(ref["year"]) if ref.get("year") else ""
    return f"{family}{year}{_first_word(work_title(ref), besides=family)}"


def _letters(index: int) -> str:
    """0 → "a", 25 → "z", 26 → "aa": suffixes that never run out."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(ord("a") + remainder) + letters
    return letters


def citation_keys(refs: Iterable[Mapping[str, Any]]) -> dict[int, str]:
    """refs.id → citation key, over all the entries of a document (ordered by number).

    Keys are computed over the whole document, not over the exported subset, so exporting
    101–105 today and 110 tomorrow gives the same keys as exporting everything at once: two
    entries sharing a base key are told apart by "a", "b" in reference-number order.
    """
    groups: dict[str, list[int]] = {}
    for ref in sorted(refs, key=lambda r: (r["number"], r["id"])):
        groups.setdefault(base_key(ref), []).append(ref["id"])
    keys: dict[int, str] = {}
    for key, ids in groups.items():
        if len(ids) == 1:
            keys[ids[0]] = key
        else:
            for index, ref_id in enumerate(ids):
                keys[ref_id] = key + _letters(index)
    return keys


# ---------------------------------------------------------------------------------------------
# Fields
# ---------------------------------------------------------------------------------------------

# Written as they are: an encoded URL or DOI would no longer resolve.
VERBATIM_FIELDS = {"url", "doi", "urldate"}
NAME_FIELDS = ("author", "editor")
DASHES = re.compile(rf"\s*{DASH}+\s*")
# "(accessed 12 March 2019)", "Accessed: 2019-03-12", "[accessed 2019 Mar 12]",
# "last accessed on 3 May 2018"
ACCESSED = re.compile(r"accessed(?:\s+on)?:?\s*(?P<date>[^)\].;]+)", re.IGNORECASE)
MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for name in names
}


def _authors(ref: Mapping[str, Any]) -> tuple[str, ...]:
    """The names of a row's authors (a JSON array): as printed, or with the given names Crossref
    adds to printed initials (`authors_full`, from check-sources)."""
    # already read (export_rows reads each row's once): a tuple passes through
    return decode_authors(ref.get("authors_full") or ref.get("authors"))


def bibtex_pages(pages: str) -> str:
    """ "1119–1128" → "1119--1128"; article numbers ("e123", "JCO2016715904") stay as printed."""
    return DASHES.sub("--", pages.strip())


def accessed_date(raw: str | None) -> str | None:
    """ "(accessed 12 March 2019)" → "2019-03-12"; None when the text names no access date."""
    match = ACCESSED.search(raw or "")
    if not match:
        return None
    text = match.group("date").strip().rstrip(",")
    iso = re.match(r"^(\d{4})-(\d{1,2})-(\d{1,2})", text)
    if iso:
        year, month, day = (int(g) for g in iso.groups())
        return f"{year:04d}-{month:02d}-{day:02d}"
    words = re.findall(r"[A-Za-z]+|\d+", text)
    numbers = [int(w) for w in words if w.isdigit()]
    month = next((MONTHS[w.lower()] for w in words if w.lower() in MONTHS), None)
    year = next((n for n in numbers if n > 1900), None)
    day = next((n for n in numbers if 1 <= n <= 31), None)
    if year and month and day:
        return f"{year:04d}-{month:02d}-{day:02d}"
    if year and month:
        return f"{year:04d}-{month:02d}"
    return None


# What a verbatim field (doi, url) must not hold: a backslash starts a LaTeX command
# ("\\input{/etc/passwd}", "\\write18"), a brace unbalances the field, a blank or control character
# ends or hides it. Percent-encoded, the address is the same and BibTeX and biblatex read it
# as it is (#18).
UNSAFE_IN_VERBATIM = re.compile(r"[\\{}\s\x00-\x1f\x7f]")


def _percent_encode_unsafe(text: str) -> str:
    return UNSAFE_IN_VERBATIM.sub(
        lambda match: "".join(f"%{byte:02X}" for byte in match.group().encode("utf-8")), text
    )


def _clean_url(url: str) -> str:
    return _percent_encode_unsafe(url.strip())


def _clean_doi(doi: str) -> str:
    return _percent_encode_unsafe(DOI_PREFIX.sub("", doi.strip()))


# Where an entry came from, in a field no bibliography style prints (a `note` would print in
# every reference): BibTeX and biber skip fields they do not know; Better BibTeX keeps them.
SOURCE_FIELD = "reflink-source"


def provenance(ref: Mapping[str, Any], sources: Sequence[tuple[str, int]]) -> str:
    """ "Reference 112 in alk-ros1-review.txt"; a work two documents list names both."""
    note = "; ".join(f"reference {number} in {name}" for name, number in sources)
    note = note[:1].upper() + note[1:]
    if ref.get("partial"):
        note += " (the entry is cut in the source text)"
    if ref.get("source") == "crossref":
        note += "; fields from Crossref"
    elif fetched := fetched_fields(ref):  # completed by `reflink check-sources`
        note += f"; {fetched} from Crossref"
    return note


# after the last printed name: ", et al.", " et al", ", and others"
ET_AL_AFTER = re.compile(r"[\s,;.]*(?:et\.?\s*al\b|and\s+others\b)", re.IGNORECASE)
ET_AL_NEAR = re.compile(r"^[^;:()]{0,14}?\bet\.?\s*al\b", re.IGNORECASE)


def author_list_cut(ref: Mapping[str, Any]) -> bool:
    """Whether the printed author list ends in "et al." (the parsed names leave it out):
    "Baigent C, Keech A, Kearney PM, et al." has more authors than the three it names."""
    authors = _authors(ref)
    raw = ref.get("raw") or ""
    if not authors or not ("et" in raw or "others" in raw):
        return False
    last = authors[-1]
    at = raw.find(last)
    if at >= 0:
        return ET_AL_AFTER.match(raw, at + len(last)) is not None
    # a name the parser repaired ("P. N.Morcos" → "P. N. Morcos"): find its family name, then
    # "et al." within the initials that may follow it ("Kearney, P. M., et al.")
    parts = split_printed_name(last)
    family = parts.last[-1] if parts and parts.last else last.split()[-1]
    at = raw.find(family)
    return at >= 0 and ET_AL_NEAR.match(raw[at + len(family) :]) is not None


# "2017;377(9):829", "15 (Suppl 2), 1–9", "vol. 15, no. 3, pp.": the issue printed after the volume
ISSUE_AFTER_VOLUME = (
    r"(?<![\w.]){volume}(?:\s*\(\s*(?P<paren>[^()]{{1,15}}?)\s*\)|,\s*no\.\s*(?P<no>\w+))"
)
YEAR_ONLY = re.compile(r"(?:1[5-9]|20)\d\d")


def printed_issue(ref: Mapping[str, Any]) -> str | None:
    """The issue number the entry prints after its volume; None when it prints none."""
    volume, raw = ref.get("volume"), ref.get("raw")
    if not volume or not raw or volume not in raw:
        return None
    match = re.search(ISSUE_AFTER_VOLUME.format(volume=re.escape(str(volume))), raw)
    if not match:
        return None
    issue = (match.group("paren") or match.group("no")).strip()
    if YEAR_ONLY.fullmatch(issue):
        return None  # "Nature 521 (2015)": the year in brackets, not an issue
    return issue


def entry_type(ref: Mapping[str, Any]) -> str:
    """BibTeX entry type for a reference's kind; @misc when a required field is missing."""
    kind = ref.get("kind") or "article"
    has_authors = bool(_authors(ref))
    if kind == "article" and ref.get("journal") and (has_authors or ref.get("title")):
        return "article"
    if kind == "book" and ref.get("title") and has_authors:
        return "book"
    if kind == "chapter" and ref.get("title") and ref.get("journal"):
        return "incollection"
    if kind == "thesis" and ref.get("title") and has_authors:
        return "phdthesis"
    return "misc"


def build_entry(
    ref: Mapping[str, Any],
    key: str,
    sources: Sequence[tuple[str, int]] | None = None,
) -> Entry:
    """One reference row → a bibtexparser `Entry` (plain values; encoding happens on write)."""
    kind = entry_type(ref)
    values: list[tuple[str, Any]] = []
    add = values.append
    authors = list(_authors(ref))  # as printed: EncodeLatex makes them BibTeX names
    if authors:
        # "et al." is written "and others", which styles print as "et al."
        add(("author", [*authors, "et al."] if author_list_cut(ref) else authors))
    add(("title", work_title(ref)))
    journal = ref.get("journal")
    if kind == "article":
        add(("journal", journal))
    elif kind == "incollection":
        add(("booktitle", journal))
    elif kind in ("book", "phdthesis"):
        add(("publisher" if kind == "book" else "school", journal))
    add(("year", str(ref["year"]) if ref.get("year") else None))
    add(("volume", ref.get("volume")))
    # the issue printed after the volume, or else the one Crossref gave (check-sources)
    add(("number", printed_issue(ref) or ref.get("issue")))
    add(("pages", bibtex_pages(ref["pages"]) if ref.get("pages") else None))
    add(("issn", ref.get("issn")))
    if kind not in ("book", "phdthesis"):  # those print the publisher where the journal goes
        add(("publisher", ref.get("publisher")))
    if kind == "misc":
        # A web page or press release names its publisher where a journal would be ("Press
        # release of the Food and Drug Administration"); an entry the parser could not split
        # at all still prints in the bibliography as its text.
        nothing_parsed = not (authors or ref.get("title") or journal)
        if journal:
            add(("howpublished", journal))
        elif nothing_parsed and ref.get("raw") and not _is_only_url(ref):
            add(("howpublished", ref["raw"]))
        # a web page's address is its `url`, once: biblatex and the natbib styles print it
    add(("doi", _clean_doi(ref["doi"]) if ref.get("doi") else None))
    add(("pmid", ref.get("pmid")))  # PubMed's id, as JabRef and PubMed's own export name it
    if ref.get("url"):
        add(("url", _clean_url(ref["url"])))
        add(("urldate", accessed_date(ref.get("raw"))))
    sources = sources or [(ref.get("document") or "the source document", ref["number"])]
    # "Retracted 2021 (notice doi:…)": printed with the reference, where a reader must see it
    add(("note", update_note(ref) or None))
    add((SOURCE_FIELD, provenance(ref, sources)))
    fields = [Field(name, value) for name, value in map(_tidy, values) if value]
    return Entry(kind, key, fields)


def _tidy(item: tuple[str, Any]) -> tuple[str, Any]:
    # one space between words, none around: PDF text leaves "Lancet  Oncol. " (no empty field)
    name, value = item
    if isinstance(value, str) and (
        "  " in value or "\n" in value or value[:1] == " " or value[-1:] == " "
    ):
        value = " ".join(value.split())
    return name, value


def _is_only_url(ref: Mapping[str, Any]) -> bool:
    # "https://www.cancer.gov/news-events/…, 2017.": the URL and the year already say it all
    raw = URL_OR_YEAR.sub("", ref.get("raw") or "")
    return bool(ref.get("url")) and not re.search(r"[A-Za-z]{3}", raw)


URL_OR_YEAR = re.compile(rf"https?://\S+|\b{YEAR}\b")


# ---------------------------------------------------------------------------------------------
# The unparse steps: plain values → LaTeX-safe values, in this order
# ---------------------------------------------------------------------------------------------

_ENCODER_OPTIONS: dict[str, Any] = {
    # "{\`o}" rather than "\`o": BibTeX abbreviates and sorts a braced special character as one
    # letter ("{\'E}lodie" → "{\'E}."), while a bare accent macro is split apart
    "replacement_latex_protection": "braces-all",
    # characters with no LaTeX form (CJK, symbols) stay as UTF-8, which biblatex reads
    "unknown_char_policy": "keep",
    "unknown_char_warning": False,
}
# BibTeX counts every brace, escaped or not, so "\{" only works when the value's braces are
# balanced; a lone "{" ("Cancer Res. {suppl") is written as a text command instead.
# Where pylatexenc's defaults write another letter: "ű" as \'u (Hungarian names: "Szűcs"),
# "ħ" as \=h, "ŉ" as \nument{149}. The double acute has its macro; the others stay Unicode.
CORRECTIONS = {
    ord("ű"): r"\H{u}",
    ord("Ű"): r"\H{U}",
    **{ord(char): char for char in "ĦħĸĿŀŉŦŧ"},
}
_BALANCED_ENCODER = UnicodeToLatexEncoder(
    conversion_rules=[
        UnicodeToLatexConversionRule(RULE_DICT, {ord("{"): r"\{", ord("}"): r"\}"}),
        UnicodeToLatexConversionRule(RULE_DICT, CORRECTIONS),
        "defaults",
    ],
    **_ENCODER_OPTIONS,
)
_UNBALANCED_ENCODER = UnicodeToLatexEncoder(
    conversion_rules=[
        UnicodeToLatexConversionRule(
            RULE_DICT, {ord("{"): r"\textbraceleft", ord("}"): r"\textbraceright"}
        ),
        UnicodeToLatexConversionRule(RULE_DICT, CORRECTIONS),
        "defaults",
    ],
    **_ENCODER_OPTIONS,
)
NEEDS_ENCODING = re.compile(r"[^A-Za-z0-9 .,:;!?()\[\]/'+=<>*|\"-]")


def encode_latex(text: str) -> str:
    """Unicode text → LaTeX, character by character through pylatexenc (each character's form
    is cached: calling pylatexenc once per value costs about 0.3 ms, too slow for 10,000
    entries, and its default rules map single characters anyway)."""
    text = unicodedata.normalize("NFC", text)  # "e" + U+0301 → "é": one character, one macro
    balanced = _braces_balanced(text)
    text = NEEDS_ENCODING.sub(lambda match: _encode_char(match.group(0), balanced), text)
    return LIGATURE.sub("{}", text) if _has_ligature(text) else text


# "--", "''", "``", "!`": LaTeX sets these as one character (an en dash, a closing quote, an
# opening quote, "¡"); an empty group between keeps the characters as printed. Page ranges
# keep their "--" on purpose: EncodeLatex encodes the pages around it.
LIGATURE = re.compile(r"(?<=-)(?=-)|(?<=')(?=')|(?<=`)(?=`)|(?<=[!?])(?=`)")


def _has_ligature(text: str) -> bool:
    # exactly the pairs LIGATURE separates, as substring tests: the look-behind regex costs a
    # step at every position of every value
    return "--" in text or "''" in text or "``" in text or "!`" in text or "?`" in text


def needs_latex(text: str) -> bool:
    """Whether `encode_latex` would change the text (cheap: most values are plain ASCII)."""
    return NEEDS_ENCODING.search(text) is not None or _has_ligature(text)


@functools.lru_cache(maxsize=65536)
def _encode_name_part(part: str) -> str:
    # "S.", "M.", "Gadgeel": the parts of names recur across entries, so each is encoded once
    return encode_latex(part) if needs_latex(part) else part


@functools.lru_cache(maxsize=4096)
def _encode_char(char: str, balanced: bool) -> str:
    encoder = _BALANCED_ENCODER if balanced else _UNBALANCED_ENCODER
    return encoder.unicode_to_latex(char)


def _braces_balanced(text: str) -> bool:
    if "{" not in text and "}" not in text:
        return True  # most values (fast)
    depth = 0
    for char in text:
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            if depth < 0:
                return False
    return depth == 0


class EncodeLatex(LatexEncodingMiddleware):
    """bibtexparser's LaTeX encoding with pylatexenc, except for URLs and DOIs, in one pass
    over each entry's fields:

    - author lists as printed → BibTeX names, LaTeX-encoded (`write_names`);
    - URLs and DOIs as they are; page ranges encoded around their "--";
    - every other value LaTeX-encoded, and the title's capitals braced (`protect_title_capitals`).

    The stock defaults also keep "$…$" as math (a price "$5 and $6" would become math) and wrap
    URLs in \\url{} in every field, the url field too; this encoder does neither. One pass, not
    one middleware per step: each pass rebuilds the library, and the steps touch different
    fields anyway.
    """

    def __init__(self) -> None:
        super().__init__(encoder=_BALANCED_ENCODER)

    @classmethod
    def metadata_key(cls) -> str:
        return "reflink_latex_encoding"

    def _transform_python_value_string(self, python_string: str) -> tuple[str, str]:
        if not needs_latex(python_string):
            return python_string, ""  # plain ASCII: nothing to encode (most values; fast)
        try:
            return encode_latex(python_string), ""
        except Exception as exc:  # pylatexenc reports any failure this way; keep the entry
            return python_string, str(exc)

    def transform_entry(self, entry: Entry, library: Library) -> Block:
        errors: list[str] = []
        title: Field | None = None
        for f in entry.fields:
            key, value = f.key, f.value  # properties: read once
            if key in VERBATIM_FIELDS:
                continue
            if key in NAME_FIELDS and isinstance(value, list):
                f.value = write_names(value)  # encoded name part by name part
            elif key == "pages" and isinstance(value, str):
                # the "--" of a range is meant (bibtex_pages); what lies between is encoded
                pieces = [self._transform_python_value_string(p) for p in value.split("--")]
                f.value = "--".join(piece for piece, _ in pieces)
                errors.extend(error for _, error in pieces)
            elif isinstance(value, str):
                f.value, error = self._transform_python_value_string(value)
                errors.append(error)
                if key == "title":
                    title = f
        entry.fields = [f for f in entry.fields if f.value != []]  # only "et al.": no field
        errors = [error for error in errors if error]
        if errors:
            return MiddlewareErrorBlock(block=entry, error=PartialMiddlewareException(errors))
        if title is not None:  # after encoding, which would escape the braces it adds
            title.value = protect_title_capitals(title.value)
        return entry


@functools.lru_cache(maxsize=131072)
def encoded_name(printed: str) -> str | None:
    """A printed name → its LaTeX-safe BibTeX form, "von Last, Jr, First" (bibtexparser's
    `NameParts.merge_last_name_first`); None for "et al.".

    "L. Crinò" → "Crin{\\`o}, L."; an organisation is braced, one name whose "and" separates
    no authors: "{Food and Drug Administration}". Cached: a review's authors recur.
    """
    parts = cached_name_parts(printed)
    return None if parts is None else _encoded_parts(parts)


@functools.lru_cache(maxsize=65536)
def _encoded_parts(parts: tuple[tuple[str, ...], ...]) -> str:
    # "Smith AB", "A. B. Smith" and "Smith, A. B." have the same parts: encoded once
    first, von, last, jr = ([_encode_name_part(part) for part in words] for words in parts)
    if not first:
        last = ["{" + " ".join(last) + "}"]
    return _last_name_first(first, von, last, jr)


def _last_name_first(first: list[str], von: list[str], last: list[str], jr: list[str]) -> str:
    # bibtexparser's `merge_last_name_first`, joined here without building a `NameParts` for
    # each of the thousands of distinct names of a large export; a piece ending in a
    # backslash, which that method escapes, still goes through it
    von_last = " ".join(filter(None, (" ".join(von), " ".join(last))))
    pieces = [piece for piece in (von_last, " ".join(jr), " ".join(first)) if piece]
    if any(piece.endswith("\\") for piece in pieces):
        return NameParts(first=first, von=von, last=last, jr=jr).merge_last_name_first
    return ", ".join(pieces)


# "ALK", "NSCLC", "PD-L1", "mTOR": a capital after the first letter; BibTeX styles that
# lower-case titles must leave these alone. Not after "\\" or a letter: a macro name.
TITLE_WORD = re.compile(r"(?<![\\A-Za-z])[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*")


CAPITAL = re.compile(r"[A-Z]")


def write_names(printed: list[str]) -> list[str]:
    """Author names as printed → BibTeX names, LaTeX-encoded; "et al." → "others"."""
    names = [encoded_name(name) for name in printed]
    written = [name for name in names if name is not None]
    if written and len(written) < len(names):
        written.append("others")
    return written


def protect_title_capitals(title: str) -> str:
    """Brace the title words whose capitals must survive a lower-casing style ("{ALK}")."""
    if not CAPITAL.search(title, 1):
        return title  # "Brain metastases in …": only the first letter is a capital (fast)
    return TITLE_WORD.sub(_protect, title)


def _protect(match: re.Match[str]) -> str:
    word = match.group(0)
    return "{" + word + "}" if CAPITAL.search(word, 1) else word


def unparse_steps() -> list[BlockMiddleware]:
    """The middlewares applied before the writer, in order (fresh objects for each write)."""
    return [
        EncodeLatex(),
        MergeCoAuthors(allow_inplace_modification=True),
        *default_unparse_stack(allow_inplace_modification=True),
    ]


def _bibtex_format() -> BibtexFormat:
    fmt = BibtexFormat()
    fmt.indent = "  "
    fmt.value_column = "auto"
    fmt.block_separator = "\n"  # the entry ends with a newline: one blank line between
    return fmt


def build_library(
    refs: Sequence[Mapping[str, Any]],
    keys: Mapping[int, str],
    sources: Mapping[int, Sequence[tuple[str, int]]] | None = None,
) -> Library:
    """Reference rows → a `Library` of entries, in the given order, one per key."""
    library = Library()
    sources = sources or {}
    # one `add` for the lot: each call checks its blocks for duplicate keys afresh
    library.add([build_entry(ref, keys[ref["id"]], sources.get(ref["id"])) for ref in refs])
    return library


def write_library(library: Library) -> str:
    """A `Library` → BibTeX text (the library's values are encoded in place)."""
    if not library.entries:
        return ""
    text = bibtexparser.write_string(
        library, unparse_stack=unparse_steps(), bibtex_format=_bibtex_format()
    )
    return text.rstrip("\n") + "\n"


# ---------------------------------------------------------------------------------------------
# Reading back: the decoder that knows what the encoder writes
# ---------------------------------------------------------------------------------------------


def _decoder() -> LatexNodes2Text:
    context = get_default_latex_context_db()
    context.add_context_category(
        "reflink",
        prepend=True,
        macros=[
            MacroTextSpec("url", simplify_repl="%s"),
            MacroTextSpec("textbraceleft", simplify_repl="{"),
            MacroTextSpec("textbraceright", simplify_repl="}"),
            MacroTextSpec("textasciicircum", simplify_repl="^"),
            MacroTextSpec("textperiodcentered", simplify_repl="·"),
        ],
    )
    return LatexNodes2Text(latex_context=context, keep_braced_groups=False, math_mode="verbatim")


class DecodeLatex(LatexDecodingMiddleware):
    """bibtexparser's LaTeX decoding, except for the fields written verbatim (a "%" in a URL
    is no LaTeX comment there)."""

    def __init__(self) -> None:
        super().__init__(decoder=_decoder())

    def transform_entry(self, entry: Entry, library: Library) -> Block:
        order = {id(f): index for index, f in enumerate(entry.fields)}
        verbatim = [f for f in entry.fields if f.key in VERBATIM_FIELDS or _is_url_command(f)]
        entry.fields = [f for f in entry.fields if f not in verbatim]
        block = super().transform_entry(entry, library)
        target = block.block if isinstance(block, MiddlewareErrorBlock) else block
        for f in verbatim:
            if _is_url_command(f):
                f.value = f.value[len("\\url{") : -1]
        target.fields = sorted([*target.fields, *verbatim], key=lambda f: order[id(f)])
        return block


def _is_url_command(f: Field) -> bool:
    return isinstance(f.value, str) and f.value.startswith("\\url{") and f.value.endswith("}")


def read_bibtex(text: str) -> Library:
    """BibTeX text → a `Library` with plain Unicode values (the inverse of `write_library`)."""
    return bibtexparser.parse_string(text, append_middleware=[DecodeLatex()])


# ---------------------------------------------------------------------------------------------
# From the database
# ---------------------------------------------------------------------------------------------


@dataclass
class BibtexExport:
    """What one export wrote, and the cited numbers it could not write."""

    text: str
    entries: int
    keys: list[str] = field(default_factory=list)
    missing: dict[str, list[int]] = field(default_factory=dict)  # document → numbers
    format: str = "bibtex"  # or "csl-json", "ris"

    def summary(self, target: str) -> str:
        """ "wrote 33 entries to refs.bib; 2 numbers without an entry: 1–2"."""
        from .models import format_ranges

        text = f"wrote {self.entries} {'entry' if self.entries == 1 else 'entries'} to {target}"
        count = sum(len(numbers) for numbers in self.missing.values())
        if not self.entries:
            text = "nothing to write" if count else "nothing to write: the selection names no entry"
        if count:
            noun = "number" if count == 1 else "numbers"
            if len(self.missing) == 1:
                ranges = format_ranges(next(iter(self.missing.values())))
            else:
                ranges = "; ".join(
                    f"{doc}: {format_ranges(nums)}" for doc, nums in self.missing.items() if nums
                )
            text += f"; {count} {noun} without an entry: {ranges}"
        return text


REF_COLUMNS = (
    "refs.id, refs.document_id, refs.number, refs.raw, refs.authors, refs.title, refs.journal,"
    " refs.year, refs.volume, refs.pages, refs.doi, refs.url, refs.kind, refs.partial,"
    " refs.source, refs.issue, refs.issn, refs.publisher, refs.authors_full, refs.field_sources,"
    " refs.update_status, refs.update_date, refs.update_notice, refs.pmid,"
    " documents.name as document"
)


def export_refs(
    db: sqlite_utils.Database,
    ref_ids: Iterable[int],
    missing: Mapping[str, list[int]] | None = None,
    fmt: str = "bibtex",
) -> BibtexExport:
    """refs.id values → BibTeX text, keys computed over each entry's whole document.

    The same work listed by two documents (same DOI, or the same authors, year, journal, volume
    and pages) is written once, its note naming both.
    """
    wanted = set(ref_ids)
    if not wanted:
        return BibtexExport(text="", entries=0, missing=dict(missing or {}), format=fmt)
    document_ids = sorted(
        {
            row[0]
            for row in db.execute(
                "select distinct document_id from refs"
                f" where id in ({','.join('?' * len(wanted))})",
                list(wanted),
            )
        }
    )
    keys: dict[int, str] = {}
    selected: list[dict[str, Any]] = []
    for document_id in document_ids:
        rows = [
            dict(row)
            for row in db.query(
                f"select {REF_COLUMNS} from refs join documents on documents.id = refs.document_id"
                " where refs.document_id = ? order by refs.number, refs.id",
                [document_id],
            )
        ]
        for row in rows:
            row["authors"] = _authors(row)  # the JSON read once, for the keys and the entry
        keys.update(citation_keys(rows))
        selected.extend(row for row in rows if row["id"] in wanted)
    return export_rows(selected, keys, missing, fmt=fmt)


def export_rows(
    rows: Sequence[Mapping[str, Any]],
    keys: Mapping[int, str] | None = None,
    missing: Mapping[str, list[int]] | None = None,
    fmt: str = "bibtex",
) -> BibtexExport:
    """Reference rows (with `id`, `number` and `document`) → BibTeX text (or, with `fmt`, one
    of `formats.WRITERS`: CSL-JSON, RIS), one entry per work, with the same keys.

    Without `keys`, keys are computed over the rows given (for rows that are not in a
    reflink database, such as the result of an arbitrary SQL query).
    """
    rows = [dict(row) for row in rows]
    for index, row in enumerate(rows):
        row.setdefault("id", -(index + 1))
        row["authors"] = _authors(row)  # JSON text → list, once
    keys = dict(keys) if keys is not None else citation_keys(rows)
    chosen: list[dict[str, Any]] = []
    sources: dict[int, list[tuple[str, int]]] = {}
    by_work: dict[tuple, dict[str, Any]] = {}
    used: dict[str, tuple] = {}
    for row in rows:
        source = (row.get("document") or "the source document", row["number"])
        work = _work_identity(row)
        if work in by_work:  # listed by another document too: one entry, both in its note
            first = by_work[work]["id"]
            if source not in sources[first]:
                sources[first].append(source)
            continue
        key = keys[row["id"]]
        if key in used and used[key] != work:  # the same key for a different work elsewhere
            index = 0
            while f"{key}{_letters(index)}" in used:
                index += 1
            key = f"{key}{_letters(index)}"
            keys[row["id"]] = key
        used[key] = work
        by_work[work] = row
        sources[row["id"]] = [source]
        chosen.append(row)
    if fmt == "bibtex":
        with _cycle_collection_paused():
            text = write_library(build_library(chosen, keys, sources))
    else:
        from .formats import WRITERS

        text = WRITERS[fmt](chosen, keys, sources)
    return BibtexExport(
        format=fmt,
        text=text,
        entries=len(chosen),
        keys=[keys[row["id"]] for row in chosen],
        missing={doc: sorted(nums) for doc, nums in (missing or {}).items() if nums},
    )


@contextlib.contextmanager
def _cycle_collection_paused() -> Iterator[None]:
    # Building and writing a library makes a few objects per field (10,000 entries: ~300,000)
    # that all live until the text is written, and the cycle collector walks every one of them
    # on each full pass without a cycle to free among them: 0.1-0.2 s of the ~1 s that 10,000
    # entries take. Reference counting frees them all the same; collection resumes after.
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _work_identity(row: Mapping[str, Any]) -> tuple:
    if row.get("doi"):
        return ("doi", _clean_doi(row["doi"]).lower())
    fields = (
        tuple(_authors(row)),
        row.get("year"),
        row.get("journal"),
        row.get("volume"),
        row.get("pages"),
        row.get("title"),
    )
    if sum(1 for value in fields if value) >= 4:
        return ("fields", *fields)
    return ("row", row.get("document"), row["id"])
