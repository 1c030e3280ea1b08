"""Datasette plugin: DOI, PubMed id and URL cells become links, claim and reference ids link to
their rows; `normalise_doi(text)` is the SQL function the "Claims citing a DOI" query reads its
box with.

Loaded by `reflink serve` from this directory (Datasette's `plugins_dir`), so it needs no install.
"""

from __future__ import annotations

import re
from urllib.parse import quote

from datasette import hookimpl
from markupsafe import Markup, escape

from reflink.normalise import DOI_RESOLVER, normalise_doi

WEB_ADDRESS = re.compile(r"^https?://\S+$", re.IGNORECASE)

# columns of canned queries and views that hold a row id: the row page shows the whole claim
# or entry, with the citations that point at it
ROW_LINKS = {"claim_id": "claims", "ref_id": "refs"}


def doi_link(value: str) -> Markup | None:
    """A DOI (bare or prefixed) → an <a> to https://doi.org/…; anything else → None."""
    doi = normalise_doi(value)
    if doi is None:
        return None
    href = DOI_RESOLVER + quote(doi, safe="/:;()._-[]")
    return Markup('<a href="{}" class="doi">{}</a>').format(href, doi)


PUBMED = "https://pubmed.ncbi.nlm.nih.gov/"


def pubmed_link(value: str) -> Markup | None:
    """A PubMed id → an <a> to its page on PubMed; anything else → None."""
    value = value.strip()
    if not value.isascii() or not value.isdigit():
        return None
    return Markup('<a href="{}{}/" class="pmid">{}</a>').format(PUBMED, value, value)


def web_link(value: str) -> Markup | None:
    """An http(s) address → an <a> to it; anything else → None."""
    value = value.strip()
    if not WEB_ADDRESS.match(value):
        return None
    return Markup('<a href="{}" rel="nofollow">{}</a>').format(value, value)


@hookimpl
def prepare_connection(conn):
    # the same reading of a DOI as the links above: bare, "doi:…", "DOI: …", a doi.org link
    conn.create_function("normalise_doi", 1, normalise_doi, deterministic=True)


@hookimpl
def render_cell(value, column, table, database, datasette):
    """DOI, PubMed id and URL columns, in tables, views and canned queries, render as links."""
    if not isinstance(value, str) or not value:
        # an expanded foreign key arrives as a dict and keeps Datasette's own link
        if isinstance(value, int) and column in ROW_LINKS:
            path = datasette.urls.row(database, ROW_LINKS[column], str(value))
            return Markup('<a href="{}">{}</a>').format(path, value)
        return None
    if column == "doi" or column.endswith("_doi"):
        return doi_link(value)
    if column == "url" or column.endswith("_url"):
        return web_link(value)
    if column == "pmid":
        return pubmed_link(value)
    if column == "source" and table == "documents":
        # "…, RSC Advances, 2019, 9, 17921–17932; doi:10.1039/c9ra02258a": link the DOI part
        head, sep, tail = value.rpartition("; ")
        link = doi_link(tail) if sep else None
        if link is not None:
            return escape(head) + sep + link
    return None
