"""Enrich a database from Crossref: resolve DOIs of entries, fill entries the extract lost.

`resolve_dois` asks Crossref's search for each entry without a DOI and writes the candidate that
matching.py validates; `fill_references` fetches the review's own work record and inserts the
entries of its deposited reference list that the text lacks, linking the citations that had no
entry. Both go through the reply cache in the database (a re-run sends nothing) and commit as
they go (an interrupted run resumes where it stopped). All writes are db.py functions.
"""

from __future__ import annotations

import datetime
import json
import re
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import sqlite_utils

from .crossref import CrossrefClient, FetchFailed, Reply, search_request, work_request
from .db import (
    add_problem_once,
    atomic_write,
    cache_response,
    cached_response,
    complete_reference,
    link_dangling_citations,
    open_existing,
    replace_problems,
    save_doi_resolution,
    set_deposited_doi,
    upsert_filled_references,
)
from .errors import ReflinkError
from .matching import MatchResult, Reference, compare_deposit, match_reference
from .models import entry_from_row, format_ranges
from .normalise import WEB_ADDRESS, YEAR_ALONE

# Commit at least this often: an interrupted run loses at most this much finished work.
COMMIT_EVERY_S = 0.5
COMMIT_EVERY_N = 50
# Too little text to search for: the cut tail of an entry (" Ther., 2017, 34, 1145."), a bare
# URL; "A. Markham, Drugs, 2017, 77, 1131–1135." is short but whole.
MIN_QUERY_LETTERS = 8
MIN_QUERY_WORDS = 2
URL = re.compile(WEB_ADDRESS)
# Problems written by fill-references (replaced on every run, so never repeated)
FILL_STAGE = "crossref"
# Notes on entries completed from the deposit (kept across runs)
COMPLETED_STAGE = "crossref-completed"
# Fill only from a deposited list that agrees with most printed entries it can be checked on
MIN_CHECKED = 3
MAX_DISAGREEING_SHARE = 0.5
# a year anywhere in an entry; an entry without one was cut by the extract
YEAR_PRINTED = YEAR_ALONE
# "c9ra02258a-(cit12)", "ref12", "CR12", "bib12", "B12": the number at the end of a deposit key;
# "c9ra02258a-(cit12a)" is part a of entry 12
KEY_NUMBER = re.compile(r"(\d+)([a-z]?)\)?$", re.IGNORECASE)


class DatabaseCache:
    """The reply cache kept in the database's `crossref_cache` table."""

    def __init__(self, db: sqlite_utils.Database, *, read_only: bool = False) -> None:
        self.db = db
        self.read_only = read_only

    def get(self, key: str) -> tuple[int, str] | None:
        return cached_response(self.db, key)

    def put(self, key: str, status: int, body: str) -> None:
        if self.read_only:
            return
        with atomic_write(self.db):
            cache_response(self.db, key, status, body, _now())


class Batches:
    """Commits finished work in small batches: after COMMIT_EVERY_N entries or COMMIT_EVERY_S,
    and whenever the next reply must be waited for. On leaving (even by Ctrl-C or a network
    failure) the finished part is committed, so nothing is lost and nothing is done twice."""

    def __init__(self, db: sqlite_utils.Database) -> None:
        self.db = db
        self.count = 0
        self.started = time.monotonic()

    def __enter__(self) -> Batches:
        return self

    def begin(self) -> None:
        if not self.db.conn.in_transaction:
            # IMMEDIATE: take the write lock now; a deferred transaction that reads and then
            # writes can deadlock with another writer, and SQLite answers that without waiting
            self.db.conn.execute("BEGIN IMMEDIATE")
            self.started = time.monotonic()

    def done_one(self) -> None:
        self.count += 1
        if self.count % COMMIT_EVERY_N == 0 or time.monotonic() - self.started > COMMIT_EVERY_S:
            self.commit()

    def commit(self) -> None:
        if self.db.conn.in_transaction:
            self.db.conn.execute("COMMIT")

    def __exit__(self, *exc: object) -> None:
        self.commit()


@dataclass
class ResolveSummary:
    """What one `reflink resolve` did, in counts."""

    references: int = 0
    matched: int = 0
    rejected: int = 0
    ambiguous: int = 0
    no_candidates: int = 0
    skipped: int = 0  # too little text to search for
    had_doi: int = 0
    failed: int = 0  # a question Crossref did not answer this time; asked again next run
    from_cache: int = 0
    requests: int = 0
    dry_run: bool = False
    failures: list[str] = field(default_factory=list)

    def summary(self) -> str:
        text = (
            f"{self.references} references: {self.matched} matched, {self.rejected} rejected, "
            f"{self.ambiguous} ambiguous, {self.no_candidates} without candidates, "
            f"{self.skipped} not searchable, {self.had_doi} already had a DOI"
        )
        if self.failed:
            text += f", {self.failed} failed (asked again next run: {self.failures[0]})"
        text += f"; {self.from_cache} from cache, {_requests(self.requests)}"
        if self.dry_run:
            text += " (dry run: nothing written)"
        return text


@dataclass
class FillSummary:
    """What one `reflink fill-references` did for one document."""

    document: str
    doi: str | None = None
    deposited: int = 0
    filled: list[int] = field(default_factory=list)
    checked: int = 0
    disagreements: int = 0
    dois_added: int = 0
    completed: int = 0  # entries the extract cut, completed from the deposit
    linked: int = 0
    from_cache: int = 0
    requests: int = 0
    note: str | None = None

    def summary(self) -> str:
        head = f"{self.document} ({self.doi or 'no DOI'})"
        if self.note:
            return f"{head}: {self.note}; {self.from_cache} from cache, {_requests(self.requests)}"
        filled = f"{len(self.filled)} filled"
        if self.filled:
            filled += f" ({format_ranges(self.filled)})"
        return (
            f"{head}: {self.deposited} deposited references, {filled}, "
            f"{self.linked} citations linked, {self.checked} cross-checked with the text "
            f"({self.disagreements} disagreements, {self.dois_added} DOIs added, "
            f"{self.completed} cut entries completed); "
            f"{self.from_cache} from cache, {_requests(self.requests)}"
        )


# ---- resolve -------------------------------------------------------------------------------------


def reference_from_row(row: dict[str, Any]) -> Reference:
    """A `refs` row → what matching knows of it (parsed fields when the parser found them)."""
    return Reference.from_entry(entry_from_row(row))


def query_text(raw: str) -> str | None:
    """The string to search for, or None when there is too little to search for."""
    text = " ".join((raw or "").split())
    words = URL.sub(" ", text)
    letters = sum(ch.isalpha() for ch in words)
    if letters < MIN_QUERY_LETTERS or len(re.findall(r"[^\W\d_]{2,}", words)) < MIN_QUERY_WORDS:
        return None
    return text


def _resolvable_rows(
    db: sqlite_utils.Database, document_id: int | None = None
) -> list[dict[str, Any]]:
    if (
        document_id is not None
        and not db.execute("select 1 from documents where id = ?", [document_id]).fetchone()
    ):
        raise ReflinkError(f"no document with id {document_id}; see `reflink report`")
    # entries never resolved come first, so `--limit` runs work through the list
    return list(
        db.query(
            "select id, document_id, number, raw, authors, title, journal, year, volume, pages,"
            " doi, doi_source, doi_decision, partial from refs"
            " where :document is null or document_id = :document"
            " order by doi_decision is not null, document_id, number, id",
            {"document": document_id},
        )
    )


def count_references(
    db_path: Path | str, limit: int | None = None, document_id: int | None = None
) -> int:
    """How many entries `resolve_dois` will look at (for the progress bar)."""
    with open_existing(db_path) as db:
        rows = [r for r in _resolvable_rows(db, document_id) if not _has_own_doi(r)]
    return min(len(rows), limit) if limit is not None else len(rows)


def _has_own_doi(row: dict[str, Any]) -> bool:
    """A DOI printed in the text, deposited by the publisher, or a person's decision
    (doi_source 'manual', even with no DOI): never replaced by a search."""
    return row["doi_source"] == "manual" or (bool(row["doi"]) and row["doi_source"] != "crossref")


def resolve_dois(
    db_path: Path | str,
    *,
    mailto: str | None = None,
    limit: int | None = None,
    document_id: int | None = None,
    dry_run: bool = False,
    base_url: str | None = None,
    client: CrossrefClient | None = None,
    on_progress: Callable[[int], None] = lambda steps: None,
) -> ResolveSummary:
    """Find the DOI of every entry without one; keep all candidates, write only validated ones."""
    summary = ResolveSummary(dry_run=dry_run)
    with open_existing(db_path) as db:
        rows = _resolvable_rows(db, document_id)
        summary.had_doi = sum(1 for r in rows if _has_own_doi(r))
        todo = [r for r in rows if not _has_own_doi(r)]
        if limit is not None:
            todo = todo[: max(limit, 0)]
        summary.references = len(todo) + summary.had_doi
        by_query: dict[str, list[dict[str, Any]]] = {}
        requests_ = []
        too_short = []
        for row in todo:
            query = query_text(row["raw"])
            if query is None:
                too_short.append(row)
                continue
            request = search_request(query)
            if request.key not in by_query:
                requests_.append(request)
            by_query.setdefault(request.key, []).append(row)
        with Batches(db) as batches:
            client = client or CrossrefClient(base_url, mailto)
            before = client.requests_made
            cache = DatabaseCache(db, read_only=dry_run)
            try:
                # commit whenever the next reply is not there yet: the write lock is never held
                # while waiting for the network
                replies = client.fetch_many(requests_, cache, on_wait=batches.commit)
                for request, reply in replies:
                    if not dry_run:
                        batches.begin()
                    query = dict(request.params)["query.bibliographic"]
                    for row in by_query[request.key]:
                        _resolve_one(db, row, query, reply, summary, dry_run)
                        on_progress(1)
                    if not dry_run:
                        batches.done_one()
            finally:
                summary.requests = client.requests_made - before
            # written last: a run that cannot reach Crossref leaves the database as it was
            for row in too_short:
                summary.skipped += 1
                if not dry_run:
                    batches.begin()
                    with db.atomic():
                        save_doi_resolution(db, row["id"], [], "skipped", None, None)
                on_progress(1)
    return summary


def _resolve_one(
    db: sqlite_utils.Database,
    row: dict[str, Any],
    query: str,
    reply: Reply | FetchFailed,
    summary: ResolveSummary,
    dry_run: bool,
) -> None:
    if isinstance(reply, FetchFailed):
        summary.failed += 1
        summary.failures.append(f"entry {row['number']}: {reply}")
        return
    if reply.from_cache:
        summary.from_cache += 1
    items = (reply.message or {}).get("items") or []
    result = match_reference(reference_from_row(row), items, query)
    counter = {
        "matched": "matched",
        "rejected": "rejected",
        "ambiguous": "ambiguous",
        "no-candidates": "no_candidates",
    }[result.outcome]
    setattr(summary, counter, getattr(summary, counter) + 1)
    if dry_run:
        return
    with db.atomic():
        save_doi_resolution(
            db,
            row["id"],
            candidate_rows(result),
            result.outcome,
            result.doi,
            result.normalised_score,
        )


def candidate_rows(result: MatchResult) -> list[dict[str, Any]]:
    """The judgements of one reference as `doi_candidates` rows."""
    return [
        {
            "rank": j.rank,
            "doi": j.candidate.doi,
            "title": j.candidate.title,
            "score": j.candidate.score,
            "normalised_score": j.normalised_score,
            "evidence": json.dumps(j.evidence(), ensure_ascii=False),
            "decision": j.decision,
            "reason": j.reason,
            "chosen": int(j.chosen),
        }
        for j in result.judgements
    ]


# ---- fill-references -----------------------------------------------------------------------------


def number_deposits(items: Sequence[dict[str, Any]]) -> list[tuple[int, dict[str, Any]]]:
    """Deposited reference items → (reference number, item), in deposit order.

    The number comes from the item's key ("c9ra02258a-(cit12)" → 12, "…(cit12b)" → 12) when the
    keys number the whole list consistently; otherwise from the item's position, which is the
    order the publisher printed.
    """
    from_keys: list[int] = []
    for item in items:
        match = KEY_NUMBER.search(str(item.get("key") or ""))
        if not match:
            break
        from_keys.append(int(match.group(1)))
    consistent = (
        len(from_keys) == len(items)
        and all(b >= a for a, b in zip(from_keys, from_keys[1:], strict=False))
        and from_keys
        and from_keys[0] == 1
        and all(b - a <= 1 for a, b in zip(from_keys, from_keys[1:], strict=False))
    )
    if consistent:
        return list(zip(from_keys, items, strict=True))
    return [(position, item) for position, item in enumerate(items, start=1)]


def entry_from_deposit(document_id: int, number: int, item: dict[str, Any]) -> dict[str, Any]:
    """A deposited item → a `refs` row (source 'crossref'), its DOI marked as deposited."""
    author = item.get("author")
    year = item.get("year")
    first_page = item.get("first-page")
    journal = item.get("journal-title")
    title = item.get("article-title") or item.get("volume-title")
    raw = item.get("unstructured")
    if not raw:
        parts = [author, title, journal, year, item.get("volume"), first_page]
        raw = ", ".join(str(p) for p in parts if p) + "." if any(parts) else item.get("DOI", "")
    doi = item.get("DOI")
    return {
        "document_id": document_id,
        "number": number,
        "raw": raw,
        "authors": json.dumps([author] if author else [], ensure_ascii=False),
        "title": title,
        "journal": journal,
        "year": int(year[:4]) if isinstance(year, str) and year[:4].isdigit() else None,
        "volume": item.get("volume"),
        "pages": first_page,
        "doi": doi,
        "doi_source": "deposit" if doi else None,
        "url": None,
        "kind": "article" if journal else ("book" if item.get("volume-title") else "other"),
        "partial": 0,
        "line_start": None,
        "line_end": None,
        "deposit_key": item.get("key") or f"#{number}",
    }


def is_cut(row: dict[str, Any]) -> bool:
    """An entry the extract cut: flagged partial, or no year printed at all ("J. Brahmer,
    K. L. Reckamp, P. Baas, L. Crinò," is where the seed's page ends)."""
    return bool(row["partial"]) or not YEAR_PRINTED.search(row["raw"] or "")


def deposited_fields(item: dict[str, Any]) -> dict[str, Any]:
    """The `refs` fields a deposited item can complete."""
    year = item.get("year")
    return {
        "year": int(year[:4]) if isinstance(year, str) and year[:4].isdigit() else None,
        "journal": item.get("journal-title"),
        "volume": item.get("volume"),
        "pages": item.get("first-page"),
        "title": item.get("article-title"),
    }


def fill_references(
    db_path: Path | str,
    *,
    document_id: int | None = None,
    doi: str | None = None,
    mailto: str | None = None,
    base_url: str | None = None,
    client: CrossrefClient | None = None,
    on_progress: Callable[[int], None] = lambda steps: None,
) -> list[FillSummary]:
    """Fill each document's missing entries from the reference list its publisher deposited."""
    with open_existing(db_path) as db:
        documents = _documents(db, document_id, doi)
        client = client or CrossrefClient(base_url, mailto)
        cache = DatabaseCache(db)
        summaries = []
        for document in documents:
            own_doi = doi or document["doi"]
            summary = FillSummary(document=document["name"], doi=own_doi)
            summaries.append(summary)
            if not own_doi:
                summary.note = "no DOI printed; pass --doi to name the article"
                on_progress(1)
                continue
            before = client.requests_made
            ((request, reply),) = list(client.fetch_many([work_request(own_doi)], cache))
            summary.requests = client.requests_made - before
            if isinstance(reply, FetchFailed):
                raise ReflinkError(f"Crossref did not answer for {own_doi}: {reply}")
            summary.from_cache = int(reply.from_cache)
            if reply.status == 404:
                summary.note = "Crossref has no record of this DOI"
            else:
                deposits = (reply.message or {}).get("reference") or []
                if not deposits:
                    summary.note = "Crossref holds no deposited reference list for it"
                else:
                    with atomic_write(db):
                        _fill_document(db, document["id"], number_deposits(deposits), summary)
            on_progress(1)
    return summaries


def _documents(
    db: sqlite_utils.Database, document_id: int | None, doi: str | None
) -> list[dict[str, Any]]:
    rows = list(db.query("select id, name, doi from documents order by id"))
    if document_id is not None:
        rows = [r for r in rows if r["id"] == document_id]
        if not rows:
            raise ReflinkError(f"no document with id {document_id}; see `reflink report`")
    elif doi and len(rows) > 1:
        raise ReflinkError("--doi names one article: pass --document ID as well")
    return rows


def _fill_document(
    db: sqlite_utils.Database,
    document_id: int,
    numbered: Sequence[tuple[int, dict[str, Any]]],
    summary: FillSummary,
) -> None:
    text_rows: dict[int, dict[str, Any]] = {}
    for row in db.query(
        "select id, number, raw, authors, title, journal, year, volume, pages, doi, doi_source,"
        " partial, line_start from refs where document_id = ? and source = 'text' order by id",
        [document_id],
    ):
        text_rows.setdefault(row["number"], row)
    checks = {
        number: compare_deposit(
            reference_from_row(text_rows[number]),
            text_rows[number]["doi"],
            item,
            partial=bool(text_rows[number]["partial"]),
        )
        for number, item in numbered
        if number in text_rows
    }
    summary.deposited = len(numbered)
    summary.checked = len(checks)
    # A list that disagrees with most printed entries belongs to another article (a wrong DOI
    # in documents.doi) or is numbered differently: filling from it would invent entries.
    disagreeing = sum(1 for found in checks.values() if found)
    if len(checks) >= MIN_CHECKED and disagreeing > MAX_DISAGREEING_SHARE * len(checks):
        summary.note = (
            f"its deposited reference list disagrees with {disagreeing} of the {len(checks)} "
            "entries printed in the text; nothing filled (is this the article's DOI? see --doi)"
        )
        return
    problems: list[tuple[int | None, str]] = []
    first_filled: dict[int, int] = {}
    to_fill: list[tuple[int, dict[str, Any]]] = []
    for number, item in numbered:
        row = text_rows.get(number)
        if row is None:
            to_fill.append((number, entry_from_deposit(document_id, number, item)))
            continue
        disagreements = checks[number]
        for check in disagreements:
            # a DOI found by `reflink resolve` or set by a person is not the text's: say so
            said = "printed"
            if check.field == "doi":
                said = {"crossref": "matched", "manual": "set by hand"}.get(
                    row["doi_source"], "printed"
                )
            problems.append(
                (
                    row["line_start"],
                    (
                        f"entry {number}: {check.field.replace('_', ' ')} "
                        f"{said} {check.printed or '(not found)'}, "
                        f"deposited {check.crossref}"
                    ),
                )
            )
        summary.disagreements += len(disagreements)
        if disagreements:
            continue
        if item.get("DOI") and not row["doi"]:
            set_deposited_doi(db, row["id"], item["DOI"])
            summary.dois_added += 1
        if is_cut(row):
            _complete_cut_entry(db, document_id, number, row, item, summary)
    ref_ids = upsert_filled_references(db, [entry for _, entry in to_fill])
    for (number, _), ref_id in zip(to_fill, ref_ids, strict=True):
        if number not in first_filled:
            first_filled[number] = ref_id
            summary.filled.append(number)
    # one update per cited number without an entry, not one per filled entry (100,000 of them)
    dangling = {
        number
        for (number,) in db.execute(
            "select distinct number from citations where document_id = ? and ref_id is null",
            [document_id],
        )
    }
    for number, ref_id in first_filled.items():
        if number in dangling:
            summary.linked += link_dangling_citations(db, document_id, number, ref_id)
    replace_problems(db, document_id, FILL_STAGE, problems)


def _complete_cut_entry(
    db: sqlite_utils.Database,
    document_id: int,
    number: int,
    row: dict[str, Any],
    item: dict[str, Any],
    summary: FillSummary,
) -> None:
    missing = {
        column: value
        for column, value in deposited_fields(item).items()
        if value is not None and row[column] in (None, "")
    }
    if not missing:
        return
    complete_reference(db, row["id"], missing)
    summary.completed += 1
    # kept apart from the disagreements (replaced on every run): once written, the note stays,
    # so a re-run neither repeats nor loses it
    add_problem_once(
        db,
        document_id,
        COMPLETED_STAGE,
        row["line_start"],
        (
            f"entry {number}: cut in the text; {', '.join(missing)} taken from the deposited "
            "reference"
        ),
    )


def _requests(count: int) -> str:
    return f"{count} request{'' if count == 1 else 's'} made"


def _now() -> str:
    return datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds")
