"""Check every cited source against its Crossref record: complete the entry, flag its updates.

For each entry with a DOI (printed, deposited, or matched by `reflink resolve`) the work's record
is fetched in batches (`/works?filter=doi:A,doi:B,…&rows=N`; a DOI Crossref does not know is
simply absent from the answer) and kept per DOI in the reply cache, so a re-run within
`max_age_days` sends nothing. From the record:

- empty fields of the entry are completed (title, full journal name, issue, ISSN, type,
  publisher, given names where the text prints initials), each noted in `refs.field_sources`; a
  printed value is never replaced, and one that disagrees with the record goes to `problems`
  (and the entry is not completed: a record that disagrees may be the wrong work's);
- the updates Crossref lists on the work (`updated-by`: retraction, correction,
  expression_of_concern, …, from the publisher or Retraction Watch) become `ref_updates` rows,
  and the most severe one `refs.update_status`. A notice's own record (`update-to`) is not an
  updated work and is not flagged.

Deciding is plain functions over Crossref items; the database is written by db.py.
"""

from __future__ import annotations

import datetime
import functools
import html
import json
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import sqlite_utils

from .db import (
    atomic_write,
    cache_response,
    open_existing,
    replace_problems,
    save_source_check,
)
from .errors import ReflinkError
from .matching import (
    DISAGREE,
    FieldCheck,
    candidate_from_item,
    check_first_author,
    check_first_page,
    check_journal,
    check_volume,
    check_year,
    fold,
)
from .models import decode_authors
from .normalise import normalise_doi

# Re-ask Crossref about a source after this many days: retractions come years after publication,
# and a month-old answer is recent enough for an editor's check.
DEFAULT_MAX_AGE_DAYS = 30
# DOIs per request: 50 DOIs make a query string of 1.5-3 KB (well inside what servers accept)
# and a reply of a few hundred KB; 1,000 sources take 20 requests.
BATCH_SIZE = 50
# problems written by check-sources (replaced on every run, so never repeated)
STAGE = "sources"

# Crossref's update types, most severe first; "correction" and its synonyms rank together. Types
# not named here (addendum, clarification, new_version, …) are kept, below all of these.
SEVERITY = {
    "retraction": 6,
    "withdrawal": 5,
    "removal": 5,
    "partial_retraction": 4,
    "expression_of_concern": 3,
    "correction": 2,
    "erratum": 2,
    "corrigendum": 2,
}
# what `reflink lookup` prints after a flagged source, and what its summary counts
MARKS = {
    "retraction": "RETRACTED",
    "withdrawal": "WITHDRAWN",
    "removal": "REMOVED",
    "partial_retraction": "PARTIALLY RETRACTED",
    "expression_of_concern": "EXPRESSION OF CONCERN",
    "correction": "CORRECTED",
    "erratum": "CORRECTED",
    "corrigendum": "CORRECTED",
}
# the BibTeX note: "Retracted 2021 (notice doi:10.…)"
NOTE_WORDS = {
    "retraction": "Retracted",
    "withdrawal": "Withdrawn",
    "removal": "Removed",
    "partial_retraction": "Partially retracted",
    "expression_of_concern": "Expression of concern",
    "correction": "Corrected",
    "erratum": "Corrected",
    "corrigendum": "Corrected",
}
# counted in the one-line summary, in this order
SUMMARY_GROUPS = [
    ("retracted", {"retraction"}),
    ("withdrawn", {"withdrawal", "removal"}),
    ("partially retracted", {"partial_retraction"}),
    ("expression of concern", {"expression_of_concern"}),
    ("corrected", {"correction", "erratum", "corrigendum"}),
]

# the refs columns a record may complete, in the order the summary names them
COMPLETABLE = (
    "title",
    "journal",
    "container_title",
    "year",
    "volume",
    "issue",
    "pages",
    "issn",
    "publisher",
    "work_type",
    "authors_full",
)
# a printed field the record contradicts: the DOI may be the wrong work's
CHECKS: list[tuple[str, Callable[..., FieldCheck]]] = [
    ("year", check_year),
    ("volume", check_volume),
    ("pages", check_first_page),
    ("authors", check_first_author),
    ("journal", check_journal),
]
if TYPE_CHECKING:  # imported where used: lookup and bibtex read the marks below without
    # loading the HTTP client (requests) on every run
    from .crossref import CrossrefClient, Request

# What a record may put in the database: a hostile or broken server is cut down to size
MAX_TEXT = 2000  # a title, a journal name
MAX_NAME = 200  # an update's type, label, source, notice DOI
MAX_UPDATES = 100  # updates kept per work
DATE_RANGES = ((1000, 2999), (1, 12), (1, 31))
CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
MARKUP = re.compile(r"<[^>]+>")  # "<i>ALK</i>-positive": JATS/MathML tags in Crossref titles
LETTERS = re.compile(r"[^\W\d_]+")


# ---- reading a record ----------------------------------------------------------------------------


@dataclass(frozen=True)
class SourceUpdate:
    """One update Crossref lists on a work: a retraction, a correction, …"""

    doi: str  # the updated work
    update_type: str
    notice_doi: str | None
    updated: str | None  # ISO date
    source: str | None  # publisher | retraction-watch
    label: str | None

    @property
    def severity(self) -> int:
        return SEVERITY.get(self.update_type, 1)


@dataclass(frozen=True)
class SourceRecord:
    """What a Crossref work record says about one cited work."""

    doi: str
    fields: dict[str, Any]  # refs column → value, for the completable columns
    people: tuple[tuple[str, str], ...] = ()  # (family, given) of each author, in order
    updates: tuple[SourceUpdate, ...] = ()
    notice_of: tuple[str, ...] = ()  # the DOIs a notice updates (its `update-to`)
    item: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    @property
    def worst(self) -> SourceUpdate | None:
        """The most severe update, the latest of equal ones."""
        if not self.updates:
            return None
        return max(self.updates, key=lambda u: (u.severity, u.updated or ""))


def iso_date(value: Any) -> str | None:
    """Crossref's `{"date-parts": [[2010, 2, 6]]}` → "2010-02-06" ("2010-02", "2010")."""
    parts = (value or {}).get("date-parts") if isinstance(value, dict) else None
    first = parts[0] if isinstance(parts, list) and parts and isinstance(parts[0], list) else []
    # year, month, day while each is one (a server's [[20210, 13]] is no date past its year)
    numbers: list[int] = []
    for part, (low, high) in zip(first, DATE_RANGES, strict=False):
        if isinstance(part, bool) or not isinstance(part, int) or not low <= part <= high:
            break
        numbers.append(part)
    if not numbers:
        return None
    width = (4, 2, 2)
    return "-".join(f"{n:0{w}d}" for n, w in zip(numbers, width, strict=False))


def _text(value: Any, limit: int = MAX_TEXT) -> str | None:
    """A Crossref string or list of strings → its first string, without markup, control
    characters (a terminal escape in a label would reach `lookup`'s output) or extra spaces."""
    if isinstance(value, list):
        value = next((v for v in value if isinstance(v, str) and v.strip()), None)
    if not isinstance(value, str):
        return None
    text = CONTROL.sub(" ", html.unescape(MARKUP.sub("", value[: limit * 4])))
    text = " ".join(text.split())[:limit]
    return text or None


def _updates(item: Mapping[str, Any], key: str) -> list[dict[str, Any]]:
    return [u for u in item.get(key) or [] if isinstance(u, dict)]


def read_record(item: Mapping[str, Any]) -> SourceRecord:
    """A Crossref work item → the fields it can complete and the updates it lists."""
    doi = str(item.get("DOI") or "")
    title = _text(item.get("title"))
    subtitle = _text(item.get("subtitle"))
    if title and subtitle and fold(subtitle) not in fold(title):
        title = f"{title}: {subtitle}"
    issns = [i for i in item.get("ISSN") or [] if isinstance(i, str)]
    printed_issn = [
        t.get("value")
        for t in item.get("issn-type") or []
        if isinstance(t, dict) and t.get("type") == "print"
    ]
    year = iso_date(item.get("issued"))
    fields = {
        "title": title,
        "journal": _text(item.get("container-title")),  # only where the text printed none
        "container_title": _text(item.get("container-title")),
        "year": int(year[:4]) if year else None,
        "volume": _text(item.get("volume")),
        "issue": _text(item.get("issue")),
        "pages": _text(item.get("page")) or _text(item.get("article-number")),
        "issn": (printed_issn or issns or [None])[0],
        "publisher": _text(item.get("publisher")),
        "work_type": _text(item.get("type")),
    }
    people = tuple(
        (_text(a.get("family"), MAX_NAME) or "", _text(a.get("given"), MAX_NAME) or "")
        for a in item.get("author") or []
        if isinstance(a, dict)
    )
    people = tuple(person for person in people if person[0])
    updates = {}
    for raw in _updates(item, "updated-by")[:MAX_UPDATES]:
        update = SourceUpdate(
            doi=doi,
            update_type=_text(raw.get("type"), MAX_NAME) or "update",
            notice_doi=normalise_doi(_text(raw.get("DOI"), MAX_NAME)),
            updated=iso_date(raw.get("updated")),
            source=_text(raw.get("source"), MAX_NAME),
            label=_text(raw.get("label"), MAX_NAME),
        )
        # the same notice listed twice by one source is one update
        updates.setdefault(
            (update.update_type, fold(update.notice_doi or ""), update.source), update
        )
    notice_of = tuple(str(u.get("DOI")) for u in _updates(item, "update-to") if u.get("DOI"))
    return SourceRecord(doi, fields, people, tuple(updates.values()), notice_of, dict(item))


# ---- judging an entry against its record ---------------------------------------------------------


def disagreements(row: Mapping[str, Any], record: SourceRecord) -> list[FieldCheck]:
    """The printed fields the record contradicts (a field not printed is no disagreement)."""
    from .enrich import reference_from_row

    fetched = field_sources(row)
    # a value fetched on an earlier check is not the text's: only printed values are compared
    compared = ("year", "volume", "pages", "journal")
    ref = reference_from_row({**row, **{k: None for k in compared if fetched.get(k)}})
    candidate = candidate_from_item(record.item)
    found = []
    for column, check in CHECKS:
        printed = ref.authors if column == "authors" else getattr(ref, column)
        if not printed or (column == "journal" and row.get("partial")):
            # " Ther., 2017, 34, 1145.": the journal of an entry the extract cut is its tail
            continue
        result = check(ref, candidate)
        if result.verdict == DISAGREE:
            found.append(result)
    return found


def field_sources(row: Mapping[str, Any]) -> dict[str, str]:
    """refs.field_sources: column → "crossref" for each value fetched (absent: printed)."""
    try:
        value = json.loads(row.get("field_sources") or "{}")
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def completion(row: Mapping[str, Any], record: SourceRecord) -> dict[str, Any]:
    """The entry's columns the record fills: empty ones, or ones fetched before (a newer record
    may say better); a printed value stays."""
    fetched = field_sources(row)
    values = dict(record.fields)
    values["authors_full"] = _json_or_none(full_names(_printed_authors(row), record.people))
    filled = {}
    for column in COMPLETABLE:
        value = values.get(column)
        if value in (None, ""):
            continue
        if (row.get(column) in (None, "") or fetched.get(column)) and row.get(column) != value:
            filled[column] = value
    return filled


def _printed_authors(row: Mapping[str, Any]) -> list[str]:
    return list(decode_authors(row.get("authors")))


def _json_or_none(value: list[str] | None) -> str | None:
    return json.dumps(value, ensure_ascii=False) if value else None


def initials(given: str) -> list[str]:
    """ "Shirish M." → [s, m]; "J.-F." → [j, f]; "Jean-François" → [j, f]."""
    return [word[0] for word in LETTERS.findall(fold(given))]


def full_names(printed: Sequence[str], people: Sequence[tuple[str, str]]) -> list[str] | None:
    """Printed authors with initials → "Family, Given" from the record, position by position.

    Only when every printed name is the record's person at that place (family name equal, the
    printed initials the first letters of the given names): "S. M. Gadgeel" + (Gadgeel, Shirish
    M.) → "Gadgeel, Shirish M.". Anything else (a name the record lacks, other initials, names
    printed whole) keeps the printed list as it is: None.
    """
    from .names import split_printed_name  # the parser of printed names BibTeX export uses

    names: list[str] = []
    for position, name in enumerate(printed):
        parts = split_printed_name(name)
        if parts is None:  # "et al."
            names.append(name)
            continue
        if position >= len(people) or not parts.first:
            return None
        family, given = people[position]
        if LETTERS.findall(fold(" ".join(parts.von + parts.last))) != LETTERS.findall(fold(family)):
            return None
        if any(len(word) > 2 for word in LETTERS.findall(" ".join(parts.first))):
            return None  # given names printed whole: nothing to add
        wanted = initials(" ".join(parts.first))
        if not given or initials(given)[: len(wanted)] != wanted:
            return None
        if all(len(word) <= 2 for word in LETTERS.findall(given)):
            names.append(name)  # the record has initials only too
            continue
        names.append(f"{family}, {given}")
    return names if names != list(printed) else None


# ---- marks for the places a user looks -----------------------------------------------------------


def update_mark(status: str | None, date: str | None = None, notice: str | None = None) -> str:
    """ "RETRACTED 2021-03-04 (notice doi:10.…)"; "" for a source without updates."""
    if not status:
        return ""
    mark = MARKS.get(status, f"UPDATED ({status.replace('_', ' ')})")
    if date:
        mark += f" {date}"
    if notice:
        mark += f" (notice doi:{notice})"
    return mark


def update_note(ref: Mapping[str, Any]) -> str:
    """The BibTeX note of a flagged entry: "Retracted 2021 (notice doi:10.…)"; "" otherwise."""
    status = ref.get("update_status")
    if not status:
        return ""
    note = NOTE_WORDS.get(status, f"Updated ({status.replace('_', ' ')})")
    if ref.get("update_date"):
        note += f" {str(ref['update_date'])[:4]}"
    if ref.get("update_notice"):
        note += f" (notice doi:{ref['update_notice']})"
    return note


def flagged_counts(statuses: Iterable[str | None]) -> str:
    """ "2 retracted, 1 expression of concern, 3 corrected"; "" when none is flagged."""
    statuses = [s for s in statuses if s]
    parts = []
    for label, types in SUMMARY_GROUPS:
        count = sum(1 for s in statuses if s in types)
        if count:
            parts.append(f"{count} {label}")
    others = sum(1 for s in statuses if s not in SEVERITY)
    if others:
        parts.append(f"{others} otherwise updated")
    return ", ".join(parts)


def document_flags(db: sqlite_utils.Database) -> dict[int, str]:
    """document id → "sources: 2 retracted, 1 corrected" for the documents checked so far."""
    rows = db.execute(
        "select document_id, group_concat(coalesce(update_status, ''), '|'), count(checked_at)"
        " from refs group by document_id"
    ).fetchall()
    flags = {}
    for document_id, statuses, checked in rows:
        if not checked:
            continue
        counts = flagged_counts((statuses or "").split("|"))
        flags[document_id] = f"{checked} sources checked: {counts or 'none retracted or corrected'}"
    return flags


# ---- the run -------------------------------------------------------------------------------------


@dataclass
class CheckSummary:
    """What one `reflink check-sources` did, in counts."""

    sources: int = 0  # entries with a DOI
    checked: int = 0  # entries whose record (or Crossref's "unknown") is at hand
    unknown: int = 0  # entries whose DOI Crossref does not know
    statuses: list[str] = field(default_factory=list)  # update_status of each flagged entry
    notices: int = 0  # cited works that are themselves notices (not flagged)
    completed: int = 0  # entries given at least one field this run
    disagreeing: int = 0  # entries whose printed fields contradict the record
    failed: int = 0  # DOIs Crossref did not answer this time; asked again next run
    from_cache: int = 0  # DOIs answered from the cache
    requests: int = 0
    failures: list[str] = field(default_factory=list)

    def summary(self) -> str:
        flags = flagged_counts(self.statuses) or "none retracted or corrected"
        checked = (
            f"{self.sources}"
            if self.checked >= self.sources
            else (f"{self.checked} of {self.sources}")
        )
        text = f"{checked} sources checked: {flags}"
        text += f"; {self.completed} {'entry' if self.completed == 1 else 'entries'} completed"
        if self.disagreeing:
            text += f", {self.disagreeing} disagreeing with the record (see problems)"
        if self.unknown:
            text += f"; {_count(self.unknown, 'DOI')} unknown to Crossref"
        if self.notices:
            text += f"; {_count(self.notices, 'cited notice')} (not flagged)"
        if self.failed:
            text += f"; {self.failed} not answered (asked again next run: {self.failures[0]})"
        text += f"; {self.requests} request{'' if self.requests == 1 else 's'}"
        if self.from_cache:
            text += f" ({self.from_cache} DOIs from cache)"
        return text


@functools.lru_cache(maxsize=4096)
def doi_key(doi: str) -> str:
    """The cache key of one DOI's record: the `/works/{doi}` request, DOI in lower case."""
    from .crossref import work_request

    return work_request(doi.strip().lower()).key


def batch_requests(dois: Sequence[str], size: int = BATCH_SIZE) -> list[tuple[Request, list[str]]]:
    """DOIs → `/works?filter=doi:A,doi:B&rows=N` requests of at most `size` DOIs each; a DOI with
    a comma in it (it would split the filter) is asked alone, as `/works/{doi}`."""
    from .crossref import Request, work_request

    alone = [d for d in dois if "," in d]
    together = [d for d in dois if "," not in d]
    out = []
    for start in range(0, len(together), max(size, 1)):
        chunk = together[start : start + max(size, 1)]
        params = (("filter", ",".join(f"doi:{d}" for d in chunk)), ("rows", str(len(chunk))))
        out.append((Request("/works", params), chunk))
    out.extend((work_request(d), [d]) for d in alone)
    return out


def source_doi(row: Mapping[str, Any]) -> str:
    """The entry's DOI as asked and cached: without "doi:" or a doi.org link, in lower case."""
    from .crossref import is_safe_doi

    doi = (normalise_doi(row["doi"]) or "").lower()
    return doi if is_safe_doi(doi) else ""  # "10.1234/../admin": never asked about (#18)


def _source_rows(db: sqlite_utils.Database, document_id: int | None) -> list[dict[str, Any]]:
    if (
        document_id is not None
        and not db.execute("select 1 from documents where id = ?", [document_id]).fetchone()
    ):
        raise ReflinkError(f"no document with id {document_id}; see `reflink report`")
    # a stored value that is no DOI ("10.1016" cut by the extract) has no record to ask for
    return [
        dict(row)
        for row in db.query(
            "select * from refs where doi is not null and trim(doi) != ''"
            " and (:document is null or document_id = :document) order by document_id, number, id",
            {"document": document_id},
        )
        if source_doi(row)
    ]


def count_sources(db_path: Path | str, document_id: int | None = None) -> int:
    """How many entries `check_sources` looks at (for the progress bar)."""
    with open_existing(db_path) as db:
        return len(_source_rows(db, document_id))


def _cached(db: sqlite_utils.Database, keys: Iterable[str]) -> dict[str, tuple[int, str, str]]:
    """cache key → (status, body, fetched_at) for the keys cached."""
    keys = list(dict.fromkeys(keys))
    found = {}
    for start in range(0, len(keys), 500):
        chunk = keys[start : start + 500]
        found.update(
            (row[0], (row[1], row[2], row[3]))
            for row in db.execute(
                "select key, status, body, fetched_at from crossref_cache"
                f" where key in ({','.join('?' * len(chunk))})",
                chunk,
            )
        )
    return found


def _is_fresh(fetched_at: str | None, now: datetime.datetime, max_age_days: float) -> bool:
    try:
        when = datetime.datetime.fromisoformat(fetched_at or "")
    except ValueError:
        return False
    if when.tzinfo is None:
        when = when.replace(tzinfo=datetime.timezone.utc)
    return now - when < datetime.timedelta(days=max_age_days)


def check_sources(
    db_path: Path | str,
    *,
    mailto: str | None = None,
    base_url: str | None = None,
    client: CrossrefClient | None = None,
    document_id: int | None = None,
    max_age_days: float = DEFAULT_MAX_AGE_DAYS,
    refresh: bool = False,
    batch_size: int = BATCH_SIZE,
    on_progress: Callable[[int], None] = lambda steps: None,
) -> CheckSummary:
    """Fetch the Crossref record of every entry's DOI (cached records younger than
    `max_age_days` are not asked again), then complete and flag the entries from them."""
    from .crossref import CrossrefClient

    summary = CheckSummary()
    now = datetime.datetime.now(datetime.timezone.utc)
    with open_existing(db_path) as db:
        rows = _source_rows(db, document_id)
        summary.sources = len(rows)
        dois = list(dict.fromkeys(source_doi(row) for row in rows))
        cached = _cached(db, (doi_key(d) for d in dois))
        stale = [
            d
            for d in dois
            if refresh
            or doi_key(d) not in cached
            or not _is_fresh(cached[doi_key(d)][2], now, max_age_days)
        ]
        summary.from_cache = len(dois) - len(stale)
        entries_of: dict[str, int] = {}
        for row in rows:
            doi = source_doi(row)
            entries_of[doi] = entries_of.get(doi, 0) + 1
        asked = set(stale)
        on_progress(sum(entries_of[d] for d in dois if d not in asked))
        _fetch(
            db,
            stale,
            batch_size,
            client or CrossrefClient(base_url, mailto),
            summary,
            lambda batch: on_progress(sum(entries_of[d] for d in batch)),
        )
        records = _cached(db, (doi_key(d) for d in dois))
        with atomic_write(db):
            _apply(db, rows, records, summary)
            _forget_lost_dois(db, document_id, {row["id"] for row in rows})
    return summary


def _fetch(
    db: sqlite_utils.Database,
    dois: Sequence[str],
    batch_size: int,
    client: CrossrefClient,
    summary: CheckSummary,
    on_batch: Callable[[list[str]], None],
) -> None:
    from .enrich import Batches

    batches_ = batch_requests(dois, batch_size)
    by_key = {request.key: batch for request, batch in batches_}
    before = client.requests_made
    try:
        with Batches(db) as batches:
            replies = client.fetch_many([r for r, _ in batches_], None, on_wait=batches.commit)
            for request, reply in replies:
                batch = by_key[request.key]
                items = _items(reply)
                if isinstance(items, Exception):  # FetchFailed
                    summary.failed += len(batch)
                    summary.failures.append(f"{len(batch)} DOIs: {items}")
                else:
                    batches.begin()
                    fetched_at = _now()
                    for doi in batch:
                        item = items.get(doi)
                        body = json.dumps({"status": "ok", "message-type": "work", "message": item})
                        with db.atomic():
                            if item is None:
                                cache_response(db, doi_key(doi), 404, "", fetched_at)
                            else:
                                cache_response(db, doi_key(doi), 200, body, fetched_at)
                    batches.done_one()
                on_batch(batch)
    finally:
        summary.requests = client.requests_made - before


def _items(reply: Any) -> dict[str, dict[str, Any]] | Exception:
    """A reply → lower-case DOI → work item; a reply that lists no works is FetchFailed."""
    from .crossref import FetchFailed

    if isinstance(reply, FetchFailed):
        return reply
    if reply.status == 404:
        return {}
    message = reply.message or {}
    items = message.get("items") if "items" in message else [message]
    if not isinstance(items, list):
        return FetchFailed("reply carries no list of works")
    return {
        str(item["DOI"]).strip().lower(): item
        for item in items
        if isinstance(item, dict) and isinstance(item.get("DOI"), str)
    }


def _apply(
    db: sqlite_utils.Database,
    rows: Sequence[dict[str, Any]],
    records: Mapping[str, tuple[int, str, str]],
    summary: CheckSummary,
) -> None:
    problems: dict[int, list[tuple[int | None, str]]] = {row["document_id"]: [] for row in rows}
    for row in rows:
        cached = records.get(doi_key(source_doi(row)))
        if cached is None:
            continue  # never answered: asked again next run
        status, body, fetched_at = cached
        summary.checked += 1
        checked = {"checked_at": fetched_at}
        if status != 200:
            summary.unknown += 1
            save_source_check(db, row["id"], fields={}, updates=[], status={**UNCHECKED, **checked})
            continue
        try:
            item = json.loads(body).get("message") or {}
        except (ValueError, AttributeError):
            continue
        record = read_record(item)
        summary.notices += bool(record.notice_of)
        found = disagreements(row, record)
        said = "printed" if row.get("source") == "text" else "deposited"
        for check in found:
            name = "first page" if check.field == "first_page" else check.field.replace("_", " ")
            problems[row["document_id"]].append(
                (
                    row["line_start"],
                    f"entry {row['number']}: {name} {said} {check.printed}, "
                    f"Crossref {check.crossref} (doi:{record.doi or row['doi']})",
                )
            )
        summary.disagreeing += bool(found)
        fields = {} if found else completion(row, record)
        if fields:
            summary.completed += 1
            sources = {**field_sources(row), **dict.fromkeys(fields, "crossref")}
            fields["field_sources"] = json.dumps(sources, sort_keys=True)
        worst = record.worst
        if worst:
            summary.statuses.append(worst.update_type)
        status_columns = {
            **checked,
            "update_status": worst.update_type if worst else None,
            "update_date": worst.updated if worst else None,
            "update_notice": worst.notice_doi if worst else None,
        }
        updates = [
            {
                "doi": row["doi"],
                "update_type": u.update_type,
                "notice_doi": u.notice_doi,
                "updated": u.updated,
                "source": u.source,
                "label": u.label,
            }
            for u in sorted(record.updates, key=lambda u: (u.updated or "", u.update_type))
        ]
        save_source_check(db, row["id"], fields=fields, updates=updates, status=status_columns)
    for document_id, lines in problems.items():
        replace_problems(db, document_id, STAGE, lines)


UNCHECKED = {"update_status": None, "update_date": None, "update_notice": None, "checked_at": None}


def _forget_lost_dois(
    db: sqlite_utils.Database, document_id: int | None, sources: set[int]
) -> None:
    # an entry whose DOI was removed or replaced by hand since its last check no longer carries
    # that DOI's retraction (the fields it was given stay, marked fetched in field_sources)
    checked = db.execute(
        "select id from refs where checked_at is not null"
        " and (:document is null or document_id = :document)",
        {"document": document_id},
    ).fetchall()
    for (ref_id,) in checked:
        if ref_id not in sources:
            save_source_check(db, ref_id, fields={}, updates=[], status=UNCHECKED)


def _now() -> str:
    return datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds")


# the columns a BibTeX entry prints, as its note names them when they came from Crossref
BIBTEX_NAMES = {
    "title": "title",
    "journal": "journal",
    "year": "year",
    "volume": "volume",
    "issue": "issue",
    "pages": "pages",
    "issn": "ISSN",
    "publisher": "publisher",
    "authors_full": "given names",
}


def fetched_fields(ref: Mapping[str, Any]) -> str:
    """ "title, issue, ISSN" : what a BibTeX entry prints that Crossref, not the text, gave."""
    fetched = field_sources(ref)
    return ", ".join(name for column, name in BIBTEX_NAMES.items() if column in fetched)


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"
