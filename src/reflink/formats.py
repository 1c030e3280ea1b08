"""Reference rows → CSL-JSON and RIS, the formats Zotero, Mendeley, EndNote and citeproc import.

The rows, their keys and the documents that list them come from `bibtex.export_rows`, which
chooses one entry per work whatever the format; this module only writes. Names are split by
the same grammar as BibTeX's (`names.split_printed_name`), so "Smith AB" is family "Smith",
given "A. B." in every format. Where an entry came from goes where an importer keeps it and no
style prints it: `custom` in CSL-JSON, a note (N1) in RIS.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from .bibtex import (
    DASHES,
    _authors,
    _clean_doi,
    _is_only_url,
    accessed_date,
    author_list_cut,
    entry_type,
    printed_issue,
    provenance,
    work_title,
)
from .names import split_printed_name

FORMATS = ("bibtex", "csl-json", "ris")
# `reflink bibtex -o refs.json` needs no --format: the file's suffix says it
SUFFIXES = {".bib": "bibtex", ".json": "csl-json", ".ris": "ris"}

# BibTeX entry type (bibtex.entry_type) → CSL type; a web page or press release is a webpage
CSL_TYPES = {
    "article": "article-journal",
    "book": "book",
    "incollection": "chapter",
    "phdthesis": "thesis",
}
RIS_TYPES = {"article": "JOUR", "book": "BOOK", "incollection": "CHAP", "phdthesis": "THES"}
WEB_KINDS = {"web", "press"}

Sources = Mapping[int, Sequence[tuple[str, int]]]


def _names(ref: Mapping[str, Any]) -> list[tuple[str, str] | str]:
    """Printed authors → (family, given) pairs, or the whole name of an organisation."""
    names: list[tuple[str, str] | str] = []
    for printed in _authors(ref):
        parts = split_printed_name(printed)
        if parts is None:
            continue  # "et al."
        family = " ".join([*parts.von, *parts.last])
        if not parts.first:
            names.append(family)  # "Food and Drug Administration": no given name to split
        else:
            given = " ".join(parts.first)
            names.append((f"{family}, {' '.join(parts.jr)}" if parts.jr else family, given))
    return names


AUTHORS_SHOWN = 3


def short_author_list(printed: Sequence[str], shown: int = AUTHORS_SHOWN) -> str:
    """Names as printed → "Gadgeel SM, Gandhi L, Riely GJ, et al." (Vancouver's short form:
    family name, initials without stops, the first three and "et al." for more)."""
    names = []
    cut = False
    for name in printed:
        parts = split_printed_name(name)
        if parts is None:
            cut = True  # "et al." stored with the names
            continue
        family = " ".join([*parts.von, *parts.last])
        initials = "".join(piece[0] for first in parts.first for piece in first.split("-") if piece)
        names.append(f"{family} {initials}".strip() if initials.isupper() else family)
    if len(names) > shown:
        names, cut = names[:shown], True
    return ", ".join(names) + (", et al." if cut and names else "")


def _only_url(ref: Mapping[str, Any]) -> bool:
    # the text is only a web address and a year, both written already: no title from it
    return not ref.get("raw") or _is_only_url(ref)


def _page_range(pages: str | None) -> tuple[str | None, str | None]:
    """ "1119–1128" → ("1119", "1128"); "e123" → ("e123", None)."""
    if not pages:
        return None, None
    first, _, last = DASHES.sub("-", pages.strip()).partition("-")
    return first or None, last or None


def _date_parts(iso: str) -> list[int]:
    return [int(piece) for piece in iso.split("-")]


def csl_item(ref: Mapping[str, Any], key: str, sources: Sequence[tuple[str, int]]) -> dict:
    """One reference row → a CSL-JSON item, as citeproc and Zotero read it."""
    kind = entry_type(ref)
    web = ref.get("kind") in WEB_KINDS or (kind == "misc" and ref.get("url"))
    item: dict[str, Any] = {
        "id": key,
        "type": "webpage" if web else CSL_TYPES.get(kind, "document"),
    }
    authors = []
    for name in _names(ref):
        if isinstance(name, str):
            authors.append({"literal": name})
        else:
            authors.append({"family": name[0], "given": name[1]})
    if authors:
        item["author"] = authors
    values = {
        "title": work_title(ref),
        "container-title" if kind != "book" else "publisher": ref.get("journal"),
        "volume": ref.get("volume"),
        "issue": printed_issue(ref),
        "page": DASHES.sub("-", ref["pages"].strip()) if ref.get("pages") else None,
        "DOI": _clean_doi(ref["doi"]) if ref.get("doi") else None,
        "PMID": ref.get("pmid"),
        "URL": ref.get("url"),
    }
    item.update({name: " ".join(str(value).split()) for name, value in values.items() if value})
    if ref.get("year"):
        item["issued"] = {"date-parts": [[int(ref["year"])]]}
    accessed = accessed_date(ref.get("raw")) if ref.get("url") else None
    if accessed:
        item["accessed"] = {"date-parts": [_date_parts(accessed)]}
    if not (ref.get("title") or authors or ref.get("journal")) and not _only_url(ref):
        item["title"] = " ".join(ref["raw"].split())  # nothing parsed: the text as printed
    # CSL has no "et al." in a name list: the custom field says the list printed was cut
    custom = {"reflink-source": provenance(ref, sources)}
    if author_list_cut(ref):
        custom["reflink-authors-cut"] = True
    item["custom"] = custom
    return item


def write_csl_json(
    rows: Sequence[Mapping[str, Any]], keys: Mapping[int, str], sources: Sources
) -> str:
    """Rows → a CSL-JSON array (the file Zotero imports and citeproc renders)."""
    items = [csl_item(row, keys[row["id"]], sources.get(row["id"], ())) for row in rows]
    return json.dumps(items, ensure_ascii=False, indent=2) + "\n"


def ris_record(ref: Mapping[str, Any], key: str, sources: Sequence[tuple[str, int]]) -> dict:
    """One reference row → a rispy record (RIS tags by rispy's names)."""
    kind = entry_type(ref)
    web = ref.get("kind") in WEB_KINDS or (kind == "misc" and ref.get("url"))
    record: dict[str, Any] = {"type_of_reference": "ELEC" if web else RIS_TYPES.get(kind, "GEN")}
    authors = [name if isinstance(name, str) else f"{name[0]}, {name[1]}" for name in _names(ref)]
    if authors:
        record["authors"] = authors
    start, end = _page_range(ref.get("pages"))
    container = "publisher" if kind == "book" else "secondary_title"
    values = {
        "title": work_title(ref),
        container: ref.get("journal"),
        "year": str(ref["year"]) if ref.get("year") else None,
        "volume": ref.get("volume"),
        "number": printed_issue(ref),
        "start_page": start,
        "end_page": end,
        "doi": _clean_doi(ref["doi"]) if ref.get("doi") else None,
    }
    record.update({name: " ".join(str(v).split()) for name, v in values.items() if v})
    if ref.get("url"):
        record["urls"] = [ref["url"].strip()]
        accessed = accessed_date(ref.get("raw"))
        if accessed:
            record["access_date"] = accessed.replace("-", "/")
    if not (ref.get("title") or authors or ref.get("journal")) and not _only_url(ref):
        record["title"] = " ".join(ref["raw"].split())
    notes = [f"reflink-source: {provenance(ref, sources)}"]
    if author_list_cut(ref):
        notes.append("reflink: the printed author list ends with et al.")
    record["notes"] = notes
    record["id"] = key
    return record


def write_ris(rows: Sequence[Mapping[str, Any]], keys: Mapping[int, str], sources: Sources) -> str:
    """Rows → RIS text, written by rispy (what Zotero, EndNote and Mendeley import)."""
    import rispy
    from rispy.writer import RisWriter

    class PlainRisWriter(RisWriter):
        # rispy numbers the records ("1.", "2.") on lines of their own; the RIS specification
        # has no such lines, and a record's start is its TY line
        def set_header(self, count: int) -> str:
            return ""

    records = [ris_record(row, keys[row["id"]], sources.get(row["id"], ())) for row in rows]
    return rispy.dumps(records, implementation=PlainRisWriter)


WRITERS: dict[str, Callable[[Sequence[Mapping[str, Any]], Mapping[int, str], Sources], str]] = {
    "csl-json": write_csl_json,
    "ris": write_ris,
}


def format_for(output: str | None, fmt: str | None) -> str:
    """The format asked for, else the one the output file's suffix names, else BibTeX."""
    if fmt:
        return fmt
    if output:
        suffix = re.search(r"\.[A-Za-z]+$", output)
        if suffix and suffix.group(0).lower() in SUFFIXES:
            return SUFFIXES[suffix.group(0).lower()]
    return "bibtex"
