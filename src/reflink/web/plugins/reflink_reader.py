"""Datasette plugin: pages for a reader checking a review's sources, not for an SQL user.

- `describe_context(pairs)`, an SQL function: the [number, distance] pairs of a sentence's
  paragraph context → "no citation in this sentence; its paragraph cites [120] (2 sentences
  on)" (the same words `reflink lookup` prints);
- author lists (JSON arrays as stored) render as "Gadgeel SM, Gandhi L, Riely GJ, et al.";
- the claim page (a row of `claims`) shows the claim in its paragraph, highlighted, and the
  entries behind it: its own citations, or else its paragraph's, marked as such
  (templates/row.html reads the `claim_page` this plugin adds).

Loaded by `reflink serve` from this directory (Datasette's `plugins_dir`), so it needs no install.
"""

from __future__ import annotations

import json
from typing import Any

from datasette import hookimpl

from reflink.formats import short_author_list
from reflink.paragraphs import context_summary

# Crossref's update types, as the reader sees them (the worst first)
UPDATE_LABELS = {
    "retraction": "⚠ RETRACTED",
    "withdrawal": "⚠ WITHDRAWN",
    "removal": "⚠ REMOVED",
    "partial_retraction": "⚠ PARTIALLY RETRACTED",
    "expression_of_concern": "⚠ EXPRESSION OF CONCERN",
    "correction": "CORRECTED",
    "erratum": "CORRECTED",
    "corrigendum": "CORRECTED",
}


def describe_context(pairs: str | None) -> str:
    """'[[120, 2]]' (JSON, as json_group_array makes it) → the sentence a reader sees."""
    try:
        numbers = [(int(n), int(d)) for n, d in json.loads(pairs or "[]") if n is not None]
    except (ValueError, TypeError):
        numbers = []
    return context_summary(numbers)


def authors_cell(value: str) -> str | None:
    """A JSON array of printed names → "Gadgeel SM, Gandhi L, Riely GJ, et al."; else None."""
    if not value.startswith("["):
        return None
    try:
        names = json.loads(value)
    except ValueError:
        return None
    if not isinstance(names, list) or not all(isinstance(name, str) for name in names):
        return None
    return short_author_list(names)


@hookimpl
def prepare_connection(conn):
    conn.create_function("describe_context", 1, describe_context, deterministic=True)


@hookimpl
def render_cell(value, column, table, database, datasette):
    if column == "authors" and isinstance(value, str) and value:
        return authors_cell(value)
    return None


# The claim page: the claim's paragraph, and each entry behind the claim (its own citations, or
# its paragraph's when it has none), in one query each.
PARAGRAPH_SQL = """
select claims.id, claims.text, claims.line_start, claims.cited
from claims
where claims.paragraph_id = (select paragraph_id from claims where id = :claim)
   or (claims.id = :claim)
order by claims.line_start, claims.id
"""
SOURCES_SQL = """
select 'cited' as relation, citations.number, null as distance, refs.*
from citations left join refs on refs.id = citations.ref_id
where citations.claim_id = :claim
union all
select 'context', claim_context.number, claim_context.distance, refs.*
from claim_context left join refs on refs.id = claim_context.ref_id
where claim_context.claim_id = :claim
"""


def source_item(row: dict[str, Any]) -> dict[str, Any]:
    """One entry behind a claim, as the claim page lists it."""
    if row.get("id") is None:
        return {"number": row["number"], "text": "not in the reference list"}
    try:
        authors = json.loads(row.get("authors") or "[]")
    except ValueError:
        authors = []
    # "Horn L, Infante JR, Reckamp KL, et al. Title. Clin. Cancer Res. 2018;24:2771–2779."
    where = str(row["year"] or "")
    if row.get("volume"):
        where += f";{row['volume']}"
    if row.get("pages"):
        where += f":{row['pages']}"
    parts = [short_author_list(authors)] if authors else []
    parts.extend(part for part in (row.get("title"), row.get("journal"), where) if part)
    if not (authors or row.get("title") or row.get("journal")):
        parts = [" ".join((row.get("raw") or "").split())]
    status = UPDATE_LABELS.get(row.get("update_status") or "")
    return {
        "number": row["number"],
        "text": ". ".join(part.rstrip(".") for part in parts if part) + ".",
        "doi": row.get("doi"),
        "url": row.get("url"),
        "status": status,
    }


async def claim_page(datasette, database: str, claim_id: str) -> dict[str, Any] | None:
    db = datasette.get_database(database)
    try:
        paragraph = [dict(r) for r in (await db.execute(PARAGRAPH_SQL, {"claim": claim_id})).rows]
        rows = [dict(r) for r in (await db.execute(SOURCES_SQL, {"claim": claim_id})).rows]
    except Exception:  # an older database without paragraphs: the default page only
        return None
    cited = [r for r in rows if r["relation"] == "cited"]
    context = sorted(
        (r for r in rows if r["relation"] == "context"),
        key=lambda r: (abs(r["distance"]), r["distance"] < 0, r["number"]),
    )
    seen: set[int] = set()
    cited = [r for r in cited if not (r["number"] in seen or seen.add(r["number"]))]
    note = None
    if not cited:
        note = context_summary([(r["number"], r["distance"]) for r in context])
    return {
        "claim_id": int(claim_id),
        "sentences": [
            {
                "id": s["id"],
                "text": s["text"],
                "this": str(s["id"]) == str(claim_id),
                "link": datasette.urls.row(database, "claims", str(s["id"])),
            }
            for s in paragraph
        ],
        "sources": [source_item(r) for r in (cited or context)],
        "context_note": note,
    }


@hookimpl
def extra_template_vars(template, database, table, view_name, request, datasette):
    if view_name != "row" or table != "claims" or request is None:
        return {}

    async def inner() -> dict[str, Any]:
        claim_id = request.url_vars.get("pks", "")
        if not claim_id.isdigit():
            return {}
        return {"claim_page": await claim_page(datasette, database, claim_id)}

    return inner
