"""Read-only queries over a reflink database: the sources behind a claim, the claims behind a
source, the entries a BibTeX export selects, and the ingest report read back."""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import sqlite_utils

from . import normalise
from .errors import ReflinkError
from .limits import check_query_limits
from .models import IngestResult, RefEntry, entry_from_row


def document_labels(db: sqlite_utils.Database) -> dict[int, str]:
    """documents.id → what a reader sees: the file name, or, for names two documents share
    ("review.txt" from two folders), the shortest end of the path that tells them apart
    ("2019/review.txt", "2020/review.txt")."""
    rows = [(row[0], row[1], row[2]) for row in db.execute("select id, name, path from documents")]
    by_name: dict[str, list[tuple[int, str]]] = {}
    for doc_id, name, path in rows:
        by_name.setdefault(name, []).append((doc_id, path or name))
    labels = {}
    for name, docs in by_name.items():
        if len(docs) == 1:
            labels[docs[0][0]] = name
            continue
        parts = {doc_id: Path(path).parts for doc_id, path in docs}
        depth = 1
        while depth < max(len(p) for p in parts.values()):
            ends = ["/".join(p[-depth:]) for p in parts.values()]
            if len(set(ends)) == len(ends):
                break
            depth += 1
        for doc_id, p in parts.items():
            labels[doc_id] = "/".join(p[-depth:])
    return labels


def document_summaries(db: sqlite_utils.Database) -> list[IngestResult]:
    """One `IngestResult` per document in the database, read back from its rows."""
    results = []
    labels = document_labels(db)
    for doc in db.query("select id, name from documents order by id"):
        doc_id = doc["id"]

        def scalar(sql: str, doc_id: int = doc_id) -> int:
            return db.execute(sql, [doc_id]).fetchone()[0]

        cited = {
            r[0]
            for r in db.execute(
                "select distinct number from citations where document_id = ?", [doc_id]
            )
        }
        listed = {
            r[0]
            for r in db.execute("select distinct number from refs where document_id = ?", [doc_id])
        }
        results.append(
            IngestResult(
                name=labels.get(doc_id, doc["name"]),
                document_id=doc_id,
                claims=scalar("select count(*) from claims where document_id = ?"),
                cited_claims=scalar("select count(*) from claims where document_id = ? and cited"),
                markers=scalar(
                    "select count(*) from (select distinct line, marker, position from citations"
                    " where document_id = ?)"
                ),
                citations=scalar("select count(*) from citations where document_id = ?"),
                entries=scalar("select count(*) from refs where document_id = ?"),
                partial_entries=scalar(
                    "select count(*) from refs where document_id = ? and partial"
                ),
                dangling=sorted(cited - listed),
                uncited=sorted(listed - cited),
                problems=scalar("select count(*) from problems where document_id = ?"),
                linked=scalar(
                    "select count(*) from citations where document_id = ? and ref_id is not null"
                ),
            )
        )
    return results


# ---------------------------------------------------------------------------------------------
# The sources behind a claim, the claims behind a source
# ---------------------------------------------------------------------------------------------

AUTHORS_SHOWN = 3  # "S. M. Gadgeel, L. Gandhi, G. J. Riely et al."


# What `lookup --json` shows of an entry, in this order (then its DOI link and update mark)
ENTRY_JSON_FIELDS = (
    *("ref_id", "document", "number", "raw", "authors", "title", "journal", "year", "volume"),
    *("pages", "doi", "url", "kind", "partial", "source"),
    *("update_status", "update_date", "update_notice"),
)


def update_mark(entry: RefEntry) -> str:
    """ "RETRACTED 2021-03-04 (notice doi:10.…)", "CORRECTED …"; "" when none."""
    from .sources import update_mark as mark  # the Crossref side, loaded only when shown

    return mark(entry.update_status, entry.update_date, entry.update_notice)


def entry_to_dict(entry: RefEntry) -> dict[str, Any]:
    """A stored entry's JSON-ready fields, with its DOI link and update mark."""
    data = {name: getattr(entry, name) for name in ENTRY_JSON_FIELDS}
    data["ref_id"] = entry.ref_id or 0
    data["document"] = entry.document or ""
    data["authors"] = list(entry.authors)
    data["doi_url"] = normalise.doi_url(entry.doi)
    data["update_mark"] = update_mark(entry) or None
    return data


@dataclass(frozen=True)
class CitedNumber:
    """A reference number cited by a claim, with its entry (None: not in the reference list)."""

    number: int
    entry: RefEntry | None


@dataclass(frozen=True)
class ContextNumber:
    """A number the claim's paragraph cites, for a claim that cites nothing itself."""

    number: int
    distance: int  # sentences from the claim to the one citing it: 2 = two on, -1 = before
    entry: RefEntry | None


@dataclass(frozen=True)
class ClaimSources:
    """A claim (a sentence of the body) with its section, source lines, markers and sources."""

    claim_id: int | None  # None: a citation printed outside any sentence (a table cell)
    document: str
    text: str | None
    line_start: int
    line_end: int
    section_number: str | None = None
    section_title: str | None = None
    kind: str = "body"
    markers: tuple[str, ...] = ()
    cited: tuple[CitedNumber, ...] = ()
    page: int | None = None  # a PDF's page of the claim's first line
    # the numbers its paragraph cites, when the claim cites none itself: context, not citations
    context: tuple[ContextNumber, ...] = ()

    def context_line(self) -> str:
        """ "no citation in this sentence; its paragraph cites [120] (2 sentences on)"."""
        from .paragraphs import context_summary

        return context_summary([(c.number, c.distance) for c in self.context])

    @property
    def section(self) -> str | None:
        """ "2.1 Brain metastases", or None when the claim sits under no heading."""
        label = " ".join(part for part in (self.section_number, self.section_title) if part)
        return label or None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: the claim, where it is, and each cited number with its entry or null."""
        return {
            "claim_id": self.claim_id,
            "document": self.document,
            "section": {"number": self.section_number, "title": self.section_title},
            "lines": [self.line_start, self.line_end],
            "page": self.page,
            "kind": self.kind,
            "text": self.text,
            "markers": list(self.markers),
            "sources": [
                {"number": c.number, "entry": entry_to_dict(c.entry) if c.entry else None}
                for c in self.cited
            ],
            # kept apart from "sources": cited by the paragraph, not by this sentence
            "paragraph_context": [
                {
                    "number": c.number,
                    "distance": c.distance,
                    "entry": entry_to_dict(c.entry) if c.entry else None,
                }
                for c in self.context
            ],
        }


@dataclass
class LookupResult:
    """What `reflink lookup` found: claims for a search, or the claims citing one number."""

    claims: list[ClaimSources]
    query: str | None = None
    number: int | None = None
    entries: list[RefEntry] = field(default_factory=list)  # for a number: its entry
    note: str | None = None  # "no claim has all of the words; claims with any of them"
    total: int | None = None  # every claim a search matched, when more than are shown
    author: str | None = None  # `lookup --author`: the claims citing works by this author

    def summary(self) -> str:
        """One line of counts."""
        cited = {(c.document, n.number) for c in self.claims for n in c.cited}
        listed = {(c.document, n.number) for c in self.claims for n in c.cited if n.entry}
        one = len(self.claims) == 1
        claims = f"{len(self.claims)} claim{'' if one else 's'}"
        if self.number is not None:
            return f"{claims} cite{'s' if one else ''} [{self.number}]"
        if self.author is not None:
            works = f"{len(self.entries)} entr{'y' if len(self.entries) == 1 else 'ies'}"
            return f"{claims} cite{'s' if one else ''} works by {self.author} ({works})"
        if self.total is not None and self.total > len(self.claims):
            claims = f"{len(self.claims)} of {self.total} claims"  # "20 of 45 claims match"
            one = False
        return (
            f'{claims} match{"es" if one else ""} "{self.query}", citing {len(cited)}'
            f" number{'' if len(cited) == 1 else 's'} ({len(listed)} with an entry)"
        )

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready result for scripts."""
        data: dict[str, Any] = (
            {"query": self.query}
            if self.number is None
            else {
                "number": self.number,
                "entries": [entry_to_dict(entry) for entry in self.entries],
            }
        )
        if self.author is not None:
            data = {"author": self.author, "entries": [entry_to_dict(e) for e in self.entries]}
        if self.note:
            data["note"] = self.note
        if self.total is not None:
            data["total"] = self.total
        data["claims"] = [claim.to_dict() for claim in self.claims]
        return data


# Words of a search; anything else (hyphens, quotes, FTS operators typed by accident) separates.
SEARCH_WORD = re.compile(r"\w+")
# The user wrote an FTS5 query on purpose: "crizotinib OR ceritinib", "lorlat*", '"brain metast*"'
FTS_SYNTAX = re.compile(r'["*]|\b(?:AND|OR|NOT|NEAR)\b')


def fts_queries(query: str, words_only: bool = False) -> list[str]:
    """A search → FTS5 queries to try in turn: all the words, then any of them (a query
    written in FTS5 syntax on purpose is tried as it is, unless `words_only`)."""
    check_query_limits(query)
    if FTS_SYNTAX.search(query) and not words_only:
        return [query]
    words = SEARCH_WORD.findall(query)
    if not words:
        raise ReflinkError(f'nothing to search for in "{query}"')
    quoted = [f'"{word}"' for word in words]
    queries = [" ".join(quoted)]
    if len(words) > 1:
        queries.append(" OR ".join(quoted))
    return queries


def _matching_claim_ids(
    db: sqlite_utils.Database,
    query: str,
    document_ids: Sequence[int] | None,
) -> tuple[list[int], str | None]:
    """Every matching claim id, best (bm25) first, and the note on how the search was read.
    Ids are cheap: 20,000 matching claims take milliseconds; only the shown ones are loaded
    with their sources."""
    return _search_ids(db, "claims", query, document_ids)


def _search_ids(
    db: sqlite_utils.Database,
    table: str,
    query: str,
    document_ids: Sequence[int] | None,
    any_word: bool = True,
) -> tuple[list[int], str | None]:
    """Ids matching a search, best first, and a note when the search was read another way:
    FTS5 syntax that does not parse ('"brain': an unterminated string) is searched as its
    words, as the web's search box does; no row with all the words → rows with some."""
    queries = fts_queries(query)
    note = None
    if FTS_SYNTAX.search(query):
        try:
            return _fts_ids(db, table, query, queries[0], document_ids), None
        except ReflinkError as exc:
            reason = str(exc).split(": ", 1)[-1]
            note = f"{query!r} is no valid search expression ({reason}); searched its words."
            queries = fts_queries(query, words_only=True)
    for index, fts in enumerate(queries if any_word else queries[:1]):
        ids = _fts_ids(db, table, query, fts, document_ids)
        if ids:
            if index > 0:
                some = f'No claim has all the words of "{query}"; these have some.'
                note = f"{note} {some}" if note else some
            return ids, note  # all of them: the caller shows the best and counts the rest
    return [], note


def _fts_ids(
    db: sqlite_utils.Database,
    table: str,
    query: str,
    fts: str,
    document_ids: Sequence[int] | None,
) -> list[int]:
    """Ids of `table` rows whose full-text index matches `fts`, best (bm25) first; `query` is
    what the user typed, for the error line."""
    sql = (
        f"select [{table}].id from [{table}_fts]"
        f" join [{table}] on [{table}].rowid = [{table}_fts].rowid where [{table}_fts] match ?"
    )
    params: list[Any] = [fts]
    if document_ids is not None:
        sql += f" and [{table}].document_id in ({','.join('?' * len(document_ids))})"
        params.extend(document_ids)
    sql += f" order by [{table}_fts].rank, [{table}].id"
    try:
        return [row[0] for row in db.execute(sql, params)]
    except sqlite3.OperationalError as exc:
        raise ReflinkError(f"cannot search for {query!r}: {exc}") from exc


def search_claims(
    db: sqlite_utils.Database,
    query: str,
    *,
    document: str | None = None,
    limit: int | None = 20,
) -> LookupResult:
    """Full-text search of the claims, best first (the first `limit`), each with its cited
    numbers and entries; `total` counts every match."""
    document_ids = _document_ids(db, document)
    ids, note = _matching_claim_ids(db, query, document_ids)
    shown = ids if limit is None else ids[:limit]
    return LookupResult(claims=load_claims(db, shown), query=query, note=note, total=len(ids))


def claims_citing(
    db: sqlite_utils.Database,
    number: int,
    *,
    document: str | None = None,
) -> LookupResult:
    """The claims that cite reference `number` (and citations printed outside any claim)."""
    document_ids = _document_ids(db, document)
    where, params = "citations.number = ?", [number]
    if document_ids is not None:
        where += f" and citations.document_id in ({','.join('?' * len(document_ids))})"
        params.extend(document_ids)
    rows = db.execute(
        f"select distinct citations.claim_id, citations.document_id, citations.line"
        f" from citations where {where} order by citations.document_id, citations.line",
        params,
    ).fetchall()
    claim_ids = list(dict.fromkeys(row[0] for row in rows if row[0] is not None))
    claims = load_claims(db, claim_ids)
    claims.extend(_outside_claims(db, [(row[1], row[2]) for row in rows if row[0] is None]))
    claims.sort(key=lambda c: (c.document, c.line_start))
    entry_where, entry_params = "refs.number = ?", [number]
    if document_ids is not None:
        entry_where += f" and refs.document_id in ({','.join('?' * len(document_ids))})"
        entry_params.extend(document_ids)
    entries = _entries(db, entry_where, entry_params)
    return LookupResult(claims=claims, number=number, entries=entries)


def claims_citing_author(
    db: sqlite_utils.Database,
    author: str,
    *,
    document: str | None = None,
    limit: int | None = None,
) -> LookupResult:
    """The claims citing entries with an author of that name ("Gadgeel", "Gadgeel SM"), each
    with its sources; the entries themselves in `entries`."""
    document_ids = _document_ids(db, document)
    words = SEARCH_WORD.findall(author)
    if not words:
        raise ReflinkError(f'nothing to search for in "{author}"')
    # every word in the authors column: "Gadgeel" finds "S. M. Gadgeel" and "Gadgeel SM"
    fts = " AND ".join(f'authors : "{word}"' for word in words)
    ref_ids = _fts_ids(db, "refs", author, fts, document_ids)
    entries = (
        _entries(db, f"refs.id in ({','.join('?' * len(ref_ids))})", ref_ids) if ref_ids else []
    )
    claim_ids: list[int] = []
    if ref_ids:
        claim_ids = [
            row[0]
            for row in db.execute(
                "select distinct claim_id from citations where claim_id is not null"
                f" and ref_id in ({','.join('?' * len(ref_ids))})"
                " order by document_id, line, position",
                ref_ids,
            )
        ]
    claim_ids = list(dict.fromkeys(claim_ids))
    shown = claim_ids if limit is None else claim_ids[:limit]
    return LookupResult(
        claims=load_claims(db, shown), author=author, entries=entries, total=len(claim_ids)
    )


def load_claims(db: sqlite_utils.Database, claim_ids: Sequence[int]) -> list[ClaimSources]:
    """Claims by id (in the order given), each with its markers and cited entries."""
    if not claim_ids:
        return []
    marks = ",".join("?" * len(claim_ids))
    # a database from before m005_pages has no page column; its claims have no page
    page = "claims.page" if "page" in db.table("claims").columns_dict else "null"
    rows = {
        row["id"]: row
        for row in db.query(
            f"select claims.id, claims.text, claims.line_start, claims.line_end, claims.kind,"
            f" {page} as page,"
            " documents.name as document, documents.id as document_id,"
            " sections.number as section_number,"
            " sections.title as section_title from claims"
            " join documents on documents.id = claims.document_id"
            " left join sections on sections.id = claims.section_id"
            f" where claims.id in ({marks})",
            list(claim_ids),
        )
    }

    def by_claim(sql: str) -> dict[int, list[dict[str, Any]]]:
        grouped: dict[int, list[dict[str, Any]]] = {}
        for row in db.query(sql, list(claim_ids)):
            grouped.setdefault(row["claim_id"], []).append(row)
        return grouped

    citations = by_claim(
        "select claim_id, line, marker, position, number, ref_id from citations"
        f" where claim_id in ({marks}) order by line, position, id"
    )
    # the numbers a claim without a citation has through its paragraph, nearest first
    context = by_claim(
        "select claim_id, number, ref_id, distance from claim_context"
        f" where claim_id in ({marks}) order by abs(distance), distance < 0, number"
    )
    ref_ids = {
        c["ref_id"]
        for cs in (*citations.values(), *context.values())
        for c in cs
        if c["ref_id"] is not None
    }
    entries = {
        entry.ref_id: entry
        for entry in (
            _entries(db, f"refs.id in ({','.join('?' * len(ref_ids))})", list(ref_ids))
            if ref_ids
            else []
        )
    }
    claims = []
    labels = document_labels(db)  # "2019/review.txt" when two documents share a name
    for claim_id in claim_ids:
        row = rows.get(claim_id)
        if row is None:
            continue
        cs = citations.get(claim_id, [])
        markers = tuple(dict.fromkeys(c["marker"] for c in cs))  # "92" cited twice: once
        numbers = dict.fromkeys((c["number"], c["ref_id"]) for c in cs)
        claims.append(
            ClaimSources(
                claim_id=claim_id,
                document=labels.get(row["document_id"], row["document"]),
                text=row["text"],
                line_start=row["line_start"],
                line_end=row["line_end"],
                section_number=row["section_number"],
                section_title=row["section_title"],
                kind=row["kind"] or "body",
                markers=markers,
                page=row["page"],
                cited=tuple(
                    CitedNumber(number, entries.get(ref_id) if ref_id is not None else None)
                    for number, ref_id in numbers
                ),
                context=tuple(
                    ContextNumber(c["number"], c["distance"], entries.get(c["ref_id"]))
                    for c in context.get(claim_id, [])
                ),
            )
        )
    return claims


@dataclass(frozen=True)
class ReadLine:
    """A line as reflink read it: its number (what `line` columns point at), page and kind."""

    number: int
    page: int | None
    kind: str
    text: str
    scripts: str | None = None  # JSON of a PDF line's raised and lowered runs

    def marked_text(self) -> str:
        """The text with raised runs as ^{…} and lowered runs as _{…}: "basalt^{6}", "CO_{2}"."""
        if not self.scripts:
            return self.text
        runs = json.loads(self.scripts)
        marks = sorted(
            [(start, end, "^") for start, end in runs.get("raised", [])]
            + [(start, end, "_") for start, end in runs.get("lowered", [])]
        )
        out, at = [], 0
        for start, end, sign in marks:
            out.append(self.text[at:start] + sign + "{" + self.text[start:end] + "}")
            at = end
        return "".join(out) + self.text[at:]


def document_lines(db: sqlite_utils.Database, document_id: int) -> list[ReadLine]:
    """The lines reflink read from one document, in order (`reflink text`)."""
    if not db.table("lines").exists():
        return []
    return [
        ReadLine(*row)
        for row in db.execute(
            "select number, page, kind, text, scripts from lines where document_id = ?"
            " order by number",
            [document_id],
        )
    ]


def _outside_claims(
    db: sqlite_utils.Database,
    places: Sequence[tuple[int, int]],
) -> list[ClaimSources]:
    # "117 and 144" in a table cell: cited, but in no sentence; shown by line with its numbers
    out = []
    for document_id, line in dict.fromkeys(places):
        cs = list(
            db.query(
                "select citations.marker, citations.number, citations.ref_id, documents.name"
                " from citations join documents on documents.id = citations.document_id"
                " where citations.document_id = ? and citations.line = ? and claim_id is null"
                " order by position, citations.id",
                [document_id, line],
            )
        )
        ref_ids = [c["ref_id"] for c in cs if c["ref_id"] is not None]
        entries = (
            {
                e.ref_id: e
                for e in _entries(db, f"refs.id in ({','.join('?' * len(ref_ids))})", ref_ids)
            }
            if ref_ids
            else {}
        )
        out.append(
            ClaimSources(
                claim_id=None,
                document=document_labels(db).get(document_id, cs[0]["name"]),
                text=None,
                line_start=line,
                line_end=line,
                markers=tuple(dict.fromkeys(c["marker"] for c in cs)),
                cited=tuple(
                    CitedNumber(c["number"], entries.get(c["ref_id"]))
                    for c in {c["number"]: c for c in cs}.values()
                ),
            )
        )
    return out


def _entries(db: sqlite_utils.Database, where: str, params: Sequence[Any]) -> list[RefEntry]:
    entries = []
    labels = document_labels(db)  # "2019/review.txt" when two documents share a name
    for row in db.query(
        "select refs.*, documents.name as document from refs"
        f" join documents on documents.id = refs.document_id where {where}"
        " order by refs.document_id, refs.number, refs.id",
        list(params),
    ):
        label = labels.get(row["document_id"], row["document"])
        entries.append(entry_from_row(row, label))
    return entries


def _document_ids(db: sqlite_utils.Database, document: str | None) -> list[int] | None:
    """None (every document) or the one document named by its name, path or id."""
    if document is None:
        return None
    rows = db.execute(
        "select id from documents where name = ? or path = ? or path = ? or cast(id as text) = ?",
        [document, document, str(Path(document).expanduser().absolute()), document],
    ).fetchall()
    labels = document_labels(db)
    if not rows:
        # "2019/review.txt": the end of a path, as `report` and `lookup` show it, or a path
        # relative to a folder other than the one ingest ran in
        tail = "/" + document.strip("/")
        rows = [
            row
            for row in db.execute("select id, path from documents order by id")
            if labels.get(row[0]) == document or (row[1] or "").endswith(tail)
        ]
    if not rows:
        raise ReflinkError(
            f"no document {document!r} in the database"
            + (f" (documents: {', '.join(labels[i] for i in sorted(labels))})" if labels else "")
        )
    return [row[0] for row in rows]


# ---------------------------------------------------------------------------------------------
# Selections of references (what `reflink bibtex` exports)
# ---------------------------------------------------------------------------------------------

NUMBER_RANGE = re.compile(r"^\s*(\d+)\s*(?:[-–—]\s*(\d+)\s*)?$")
RANGE_LIMIT = 100_000  # "1-999999999" is a typo, not a selection


def parse_number_ranges(text: str) -> list[int]:
    """ "101-105,110" → [101, 102, 103, 104, 105, 110]; a malformed part raises ValueError."""
    numbers: list[int] = []
    for part in text.split(","):
        if not part.strip():
            continue
        match = NUMBER_RANGE.match(part)
        if not match:
            raise ValueError(f"{part.strip()!r} is not a number or a range such as 101-105")
        start = int(match.group(1))
        end = int(match.group(2) or start)
        if end < start:
            raise ValueError(f"{part.strip()!r} runs backwards")
        if end - start > RANGE_LIMIT:
            raise ValueError(f"{part.strip()!r} spans more than {RANGE_LIMIT} numbers")
        numbers.extend(range(start, end + 1))
    if not numbers:
        raise ValueError("no numbers given")
    return list(dict.fromkeys(numbers))


@dataclass
class ReferenceSelection:
    """The entries a selection names (refs.id, by document and number), and the cited numbers
    it names that have no entry."""

    ref_ids: list[int]
    missing: dict[str, list[int]] = field(default_factory=dict)  # document name → numbers


def select_references(
    db: sqlite_utils.Database,
    *,
    numbers: Sequence[int] = (),
    search: str | None = None,
    section: str | None = None,
    claim_id: int | None = None,
    lines: tuple[int, int] | None = None,
    all_entries: bool = False,
    document: str | None = None,
) -> ReferenceSelection:
    """The union of the entries each given criterion names, in reference-number order.

    Numbers, a section and line ranges mean something only within one document: with several
    documents in the database, `document` must say which.
    """
    document_ids = _document_ids(db, document)
    if document_ids is None and (numbers or section or lines):
        all_docs = db.execute("select id, name from documents order by id").fetchall()
        if len(all_docs) > 1:
            raise ReflinkError(
                f"{len(all_docs)} documents in the database; choose one with --document "
                f"({', '.join(name for _, name in all_docs)})"
            )
        document_ids = [row[0] for row in all_docs]
    # (document_id, number) pairs a criterion names; refs found directly by id
    wanted: set[tuple[int, int]] = set()
    direct: set[int] = set()

    def scope(column: str) -> tuple[str, list[int]]:
        if document_ids is None:
            return "1", []
        return f"{column} in ({','.join('?' * len(document_ids))})", list(document_ids)

    def cited_by(where: str, params: Sequence[Any]) -> None:
        in_scope, scope_params = scope("citations.document_id")
        for document_id, number in db.execute(
            f"select distinct document_id, number from citations where ({where}) and {in_scope}",
            [*params, *scope_params],
        ):
            wanted.add((document_id, number))

    if numbers:
        for document_id in document_ids or []:
            wanted.update((document_id, number) for number in numbers)
    if claim_id is not None:
        if not db.execute("select 1 from claims where id = ?", [claim_id]).fetchone():
            raise ReflinkError(f"no claim with id {claim_id}")
        cited_by("claim_id = ?", [claim_id])
    if lines is not None:
        cited_by("line between ? and ?", list(lines))
    if section is not None:
        section_ids = _section_ids(db, section, document_ids)
        marks = ",".join("?" * len(section_ids))
        cited_by(f"claim_id in (select id from claims where section_id in ({marks}))", section_ids)
    if search is not None:
        claim_ids, _ = _matching_claim_ids(db, search, document_ids)
        if claim_ids:
            marks = ",".join("?" * len(claim_ids))
            cited_by(f"claim_id in ({marks})", claim_ids)
        direct.update(_matching_ref_ids(db, search, document_ids))
    if all_entries:
        in_scope, scope_params = scope("document_id")
        direct.update(
            row[0] for row in db.execute(f"select id from refs where {in_scope}", scope_params)
        )

    found: dict[tuple[int, int], int] = {}
    for ref_id, document_id, number in (
        db.execute("select id, document_id, number from refs order by id").fetchall()
        if wanted
        else []
    ):
        if (document_id, number) in wanted:
            found.setdefault((document_id, number), ref_id)
    ref_ids = set(found.values()) | direct
    names = dict(db.execute("select id, name from documents").fetchall())
    missing: dict[str, list[int]] = {}
    for document_id, number in sorted(wanted - set(found)):
        missing.setdefault(names[document_id], []).append(number)
    order = {
        row[0]: (row[1], row[2])
        for row in db.execute("select id, document_id, number from refs").fetchall()
        if row[0] in ref_ids
    }
    return ReferenceSelection(
        ref_ids=sorted(ref_ids, key=lambda i: (*order[i], i)), missing=missing
    )


def _section_ids(
    db: sqlite_utils.Database,
    section: str,
    document_ids: Sequence[int] | None,
) -> list[int]:
    # "4" takes 4.1 and 4.1.2 too; "brain" takes the sections whose title says it
    rows = db.execute("select id, document_id, number, title from sections").fetchall()
    key = section.strip().rstrip(".")
    ids = [
        row[0]
        for row in rows
        if (document_ids is None or row[1] in document_ids)
        and (
            (row[2] and (row[2].rstrip(".") == key or row[2].startswith(key + ".")))
            or (not key[:1].isdigit() and row[3] and key.lower() in row[3].lower())
        )
    ]
    if not ids:
        known = [
            " ".join(p for p in (r[2], r[3]) if p)
            for r in rows
            if document_ids is None or r[1] in document_ids
        ]
        raise ReflinkError(
            f"no section {section!r}"
            + (
                f" (sections: {'; '.join(known[:12])}{'; …' if len(known) > 12 else ''})"
                if known
                else " (no section headings were found in this document)"
            )
        )
    return ids


def _matching_ref_ids(
    db: sqlite_utils.Database,
    query: str,
    document_ids: Sequence[int] | None,
) -> list[int]:
    # "lorlatinib" in an entry's title: the entry is about it even where no claim cites it
    ids, _ = _search_ids(db, "refs", query, document_ids, any_word=False)
    return ids
