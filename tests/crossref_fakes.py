"""A small stand-in for Crossref's REST API, for tests: Crossref-shaped work items and replies,
and a search that ranks a catalogue of works by the terms they share with the query.

Shapes follow api.crossref.org: `/works?query.bibliographic=…` answers
`{"status": "ok", "message-type": "work-list", "message": {"items": [{"DOI", "score", "title",
"author": [{"given", "family", "sequence"}], "container-title", "short-container-title",
"issued": {"date-parts": [[2014, 9]]}, "volume", "page", "type"}, …]}}`, and every reply carries
`X-Rate-Limit-Limit` / `X-Rate-Limit-Interval`.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Sequence
from typing import Any

from werkzeug import Request, Response

RATE_HEADERS = {"X-Rate-Limit-Limit": "1000", "X-Rate-Limit-Interval": "1s"}


def work_item(
    doi: str,
    authors: Sequence[str],
    year: int,
    journal: str,
    *,
    short: str | None = None,
    volume: str | None = None,
    page: str | None = None,
    title: str = "",
    online_year: int | None = None,
    kind: str = "journal-article",
) -> dict[str, Any]:
    """One Crossref work item; `authors` as "Given Family" or "Family" strings."""
    people = []
    for position, name in enumerate(authors):
        given, _, family = name.rpartition(" ")
        person = {
            "family": family,
            "sequence": "first" if position == 0 else "additional",
            "affiliation": [],
        }
        if given:
            person["given"] = given
        people.append(person)
    item: dict[str, Any] = {
        "DOI": doi,
        "type": kind,
        "title": [title] if title else [],
        "author": people,
        "container-title": [journal] if journal else [],
        "short-container-title": [short] if short else [],
        "issued": {"date-parts": [[online_year or year]]},
        "published-print": {"date-parts": [[year]]},
        "prefix": doi.split("/")[0],
        "member": "78",
        "publisher": "Elsevier BV",
        "URL": f"https://doi.org/{doi}",
    }
    if online_year:
        item["published-online"] = {"date-parts": [[online_year, 11, 2]]}
    if volume:
        item["volume"] = volume
    if page:
        item["page"] = page
    return item


def search_body(items: Sequence[dict[str, Any]], rows: int = 5) -> str:
    return json.dumps(
        {
            "status": "ok",
            "message-type": "work-list",
            "message-version": "1.0.0",
            "message": {
                "facets": {},
                "total-results": len(items),
                "items": list(items)[:rows],
                "items-per-page": rows,
                "query": {"start-index": 0, "search-terms": None},
            },
        }
    )


def work_body(item: dict[str, Any]) -> str:
    return json.dumps(
        {"status": "ok", "message-type": "work", "message-version": "1.0.0", "message": item}
    )


def _terms(text: str) -> set[str]:
    folded = unicodedata.normalize("NFKD", text)
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch)).lower()
    return {t for t in re.findall(r"[a-z]{2,}|\d+", folded)}


def _bibliographic(item: dict[str, Any]) -> str:
    parts = [a.get("family", "") + " " + a.get("given", "") for a in item.get("author", [])]
    parts += item.get("title", []) + item.get("container-title", [])
    parts += item.get("short-container-title", [])
    parts += [
        str(item["issued"]["date-parts"][0][0]),
        str(item.get("volume", "")),
        str(item.get("page", "")),
    ]
    if "published-print" in item:
        parts.append(str(item["published-print"]["date-parts"][0][0]))
    return " ".join(parts)


class MiniSearch:
    """Ranks a catalogue by shared terms, scored like Crossref (higher = better, unbounded)."""

    def __init__(self, catalogue: Sequence[dict[str, Any]], *, per_term: float = 4.0) -> None:
        self.catalogue = list(catalogue)
        self.index = [(_terms(_bibliographic(item)), item) for item in self.catalogue]
        self.per_term = per_term
        self.queries: list[str] = []

    def search(self, query: str, rows: int = 5) -> list[dict[str, Any]]:
        terms = _terms(query)
        scored = []
        for position, (item_terms, item) in enumerate(self.index):
            shared = len(terms & item_terms)
            if shared:
                scored.append((-shared, position, item))
        scored.sort(key=lambda t: (t[0], t[1]))
        return [{**item, "score": round(-neg * self.per_term, 3)} for neg, _, item in scored[:rows]]

    def handler(self, request: Request) -> Response:
        query = request.args.get("query.bibliographic", "")
        self.queries.append(query)
        rows = int(request.args.get("rows", "5"))
        return Response(
            search_body(self.search(query, rows), rows),
            status=200,
            headers=RATE_HEADERS,
            content_type="application/json",
        )


def update(kind: str, notice: str, date: tuple[int, ...], source: str = "publisher") -> dict:
    """One `updated-by` (or `update-to`) entry as Crossref lists it on a work."""
    return {
        "DOI": notice,
        "type": kind,
        "source": source,
        "label": kind.replace("_", " ").capitalize(),
        "updated": {"date-parts": [list(date)], "timestamp": 0},
    }


class WorkCatalogue:
    """Answers `/works?filter=doi:A,doi:B&rows=N` from a catalogue of work items, as Crossref
    does: the works it knows, in any case of their DOI; an unknown DOI is simply absent.
    Keeps every filter it was asked (`asked`, one list of DOIs per request)."""

    def __init__(self, items: Sequence[dict[str, Any]]) -> None:
        self.items = {item["DOI"].lower(): item for item in items}
        self.asked: list[list[str]] = []

    def handler(self, request: Request) -> Response:
        values = request.args.get("filter", "").split(",")
        dois = [v.partition(":")[2] for v in values if v.startswith("doi:")]
        self.asked.append(dois)
        rows = int(request.args.get("rows", "20"))
        found = [self.items[d.lower()] for d in dois if d.lower() in self.items]
        return Response(
            search_body(found, rows),
            status=200,
            headers=RATE_HEADERS,
            content_type="application/json",
        )
