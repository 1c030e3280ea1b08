"""Datasette plugin: any page of references downloads as BibTeX (`.bib`).

A table view of `refs`, a facet selection, the `claim_sources` view or a canned query: when its
rows name reference entries (an `id` of `refs`, a `ref_id`, or a document and a `number`), the
.bib link writes them with the same writer and the same citation keys as `reflink bibtex`.
Rows that come from elsewhere (an arbitrary SQL query over reference-shaped columns) are written
as they are, with keys computed over the page.

Loaded by `reflink serve` from this directory (Datasette's `plugins_dir`), so it needs no install.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import sqlite_utils
from datasette import hookimpl
from datasette.utils.asgi import Response

from reflink.bibtex import export_refs, export_rows

# columns that say what a reference entry holds; one of them, with `number`, makes a page
# of references
ENTRY_COLUMNS = {"raw", "authors", "title", "journal", "doi", "url", "ref_id"}
CONTENT_TYPE = "application/x-bibtex; charset=utf-8"


def can_render_bib(columns: Sequence[str]) -> bool:
    """Offer .bib on pages whose rows are reference entries or point at them."""
    names = set(columns or ())
    return "number" in names and bool(names & ENTRY_COLUMNS)


def ref_ids_of(
    rows: Iterable[Mapping[str, Any]], columns: Sequence[str], table: str | None
) -> list[int] | None:
    """The refs.id of each row, in order, without repeats; None when the rows do not say."""
    if table == "refs" and "id" in columns:
        column = "id"
    elif "ref_id" in columns:
        column = "ref_id"
    else:
        return None
    ids = [row[column] for row in rows if row[column] is not None]
    return list(dict.fromkeys(ids))


def bibtex_for_rows(
    db: sqlite_utils.Database,
    rows: Sequence[Mapping[str, Any]],
    columns: Sequence[str],
    table: str | None,
) -> str:
    """Rows of a Datasette page → BibTeX text, keys as `reflink bibtex` gives them."""
    rows = [_as_dict(row, columns) for row in rows]
    ids = ref_ids_of(rows, columns, table)
    if ids is None and "number" in columns and ("document_id" in columns or "document" in columns):
        ids = _ids_by_document_number(db, rows)
    if ids:
        return export_refs(db, ids).text
    return export_rows([row for row in rows if row.get("number") is not None]).text


def _ids_by_document_number(
    db: sqlite_utils.Database,
    rows: Sequence[Mapping[str, Any]],
) -> list[int]:
    ids: list[int] = []
    if not db.table("refs").exists():
        return ids
    for row in rows:
        if row.get("document_id") is not None:
            found = db.execute(
                "select id from refs where document_id = ? and number = ?",
                [row["document_id"], row["number"]],
            ).fetchone()
        else:
            found = db.execute(
                "select refs.id from refs join documents on documents.id = refs.document_id"
                " where documents.name = ? and refs.number = ?",
                [row.get("document"), row["number"]],
            ).fetchone()
        if found:
            ids.append(found[0])
    return list(dict.fromkeys(ids))


def _as_dict(row: Any, columns: Sequence[str]) -> dict[str, Any]:
    if isinstance(row, Mapping):
        values = dict(row)
    elif hasattr(row, "keys"):
        values = {key: row[key] for key in row.keys()}
    else:
        values = dict(zip(columns, row, strict=False))
    # an expanded foreign key ("?_labels=on") arrives as {"value": 1, "label": "review.txt"}
    return {
        key: value["value"] if isinstance(value, dict) and "value" in value else value
        for key, value in values.items()
    }


def _filename(table: str | None, query_name: str | None, database: str | None) -> str:
    name = table or query_name or database or "references"
    return re.sub(r"[^A-Za-z0-9._-]+", "-", name) + ".bib"


async def render_bib(datasette, columns, rows, database, table, query_name) -> Response:
    """The .bib body of a page: same writer and keys as `reflink bibtex`.

    Datasette passes the arguments by name (only those in this signature)."""
    db = datasette.get_database(database)

    def write(conn) -> str:
        return bibtex_for_rows(sqlite_utils.Database(conn), rows, columns, table)

    text = await db.execute_fn(write)
    filename = _filename(table, query_name, database)
    return Response(
        text,
        content_type=CONTENT_TYPE,
        headers={"content-disposition": f'attachment; filename="{filename}"'},
    )


@hookimpl
def register_output_renderer(datasette):
    """The .bib output format, offered where the rows are reference entries."""
    return {"extension": "bib", "render": render_bib, "can_render": can_render_bib}
