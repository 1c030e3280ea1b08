"""The Datasette view of a reflink database: metadata, canned queries, plugins and settings,
all shipped inside the package, so `reflink serve` on a fresh clone needs nothing else.

    from reflink.web import make_datasette
    ds = make_datasette("db/reflink.db")              # read-only, live Datasette
    response = await ds.client.get("/reflink/claims.json?_search=crizotinib")
"""

from __future__ import annotations

import asyncio
import re
import socket
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import sqlite_utils
import yaml
from datasette.app import Datasette
from datasette.database import Database

from ..db import missing_shape, open_reader, read_only_uri
from ..errors import DatabaseError, ReflinkError

METADATA_FILE = Path(__file__).with_name("metadata.yaml")
# one .py file per plugin, loaded by Datasette's `plugins_dir` (no install, no entry point)
PLUGINS_DIR = Path(__file__).with_name("plugins")
# served at /reflink-static/ (the stylesheet that metadata.yaml's extra_css_urls names)
STATIC_DIR = Path(__file__).with_name("static")
# query.html and row.html for readers: results instead of SQL, one row per claim, the claim page
TEMPLATES_DIR = Path(__file__).with_name("templates")

SETTINGS: dict[str, Any] = {
    # claims and reference entries run to a few hundred characters: show them whole
    "truncate_cells_html": 1000,
    "default_facet_size": 15,
    # Suggesting facets runs a query per column on every table page: 600 of the 900 ms of
    # /citations on 100,000 citations (bench/bench_web.py). "Facet by this" stays in each
    # column's menu.
    "suggest_facets": False,
}

# "CC BY-NC 3.0" → https://creativecommons.org/licenses/by-nc/3.0/
CC_LICENCE = re.compile(r"\bCC[ -](BY(?:-(?:NC|ND|SA))*)[ -](\d\.\d)\b")
SOURCE_DOI = re.compile(r"\bdoi:\s*(10\.\d{4,9}/\S+)", re.IGNORECASE)


def database_name(db_path: Path | str) -> str:
    """The name Datasette gives a database file (its stem): the first part of every URL."""
    return Path(db_path).stem


def licence_url(licence: str) -> str | None:
    """The Creative Commons deed of a licence named like "… (CC BY-NC 3.0)", else None."""
    match = CC_LICENCE.search(licence)
    if not match:
        return None
    return f"https://creativecommons.org/licenses/{match.group(1).lower()}/{match.group(2)}/"


def read_only(db_path: Path | str) -> sqlite3.Connection:
    """A connection that cannot write (SQLite `mode=ro`)."""
    return sqlite3.connect(read_only_uri(db_path), uri=True)


def document_provenance(db_path: Path | str) -> dict[str, str]:
    """Datasette's source/licence fields for the database, from its documents' own columns.

    One document (or documents that agree) → its source and licence with links; documents that
    differ → a pointer to the documents table, which shows each one's."""
    conn = read_only(db_path)
    try:
        rows = conn.execute("select source, licence from documents order by id").fetchall()
    finally:
        conn.close()
    documents_url = f"/{database_name(db_path)}/documents"
    provenance: dict[str, str] = {}
    sources = list(dict.fromkeys(source for source, _ in rows if source))
    licences = list(dict.fromkeys(licence for _, licence in rows if licence))
    if len(sources) == 1:
        provenance["source"] = sources[0]
        doi = SOURCE_DOI.search(sources[0])
        provenance["source_url"] = f"https://doi.org/{doi.group(1)}" if doi else documents_url
    elif sources:
        provenance["source"] = f"{len(sources)} documents, each with its source"
        provenance["source_url"] = documents_url
    if len(licences) == 1:
        provenance["license"] = licences[0]
        provenance["license_url"] = licence_url(licences[0]) or documents_url
    elif licences:
        provenance["license"] = "per document"
        provenance["license_url"] = documents_url
    return provenance


def build_metadata(db_path: Path | str) -> dict[str, Any]:
    """The shipped metadata.yaml, filed under the database's name, plus its documents'
    source and licence."""
    metadata = yaml.safe_load(METADATA_FILE.read_text(encoding="utf-8"))
    database = metadata["databases"].pop("reflink")
    database.update(document_provenance(db_path))
    metadata["databases"][database_name(db_path)] = database
    return metadata


class LiveReadOnlyDatabase(Database):
    """The database as it is now, never written.

    Datasette's immutable mode reads the file once and never again, so a document ingested
    while `reflink serve` runs never appeared. Mutable mode reads it as it is at each query
    (SQLite `mode=ro`), but would open a writing connection if anything asked to write: here
    that connection is refused, so the server cannot write whatever a plugin or query tries.
    """

    def connect(self, write: bool = False) -> sqlite3.Connection:
        if write:
            raise sqlite3.OperationalError("reflink serve is read-only: nothing is written")
        return super().connect(write=False)


def make_datasette(db_path: Path | str, *, settings: dict[str, Any] | None = None) -> Datasette:
    """A read-only Datasette on one reflink database, with reflink's metadata and plugins;
    each page shows the database as it is when asked (a document ingested meanwhile too)."""
    ds = Datasette(
        [],
        metadata=build_metadata(db_path),
        plugins_dir=str(PLUGINS_DIR),
        template_dir=str(TEMPLATES_DIR),
        static_mounts=[("reflink-static", str(STATIC_DIR))],
        settings={**SETTINGS, **(settings or {})},
    )
    ds.add_database(
        LiveReadOnlyDatabase(ds, path=str(db_path), is_mutable=True),
        name=database_name(db_path),
    )
    return ds


def needs_upgrade(db_path: Path | str) -> bool:
    """True when the file lacks a migration, full-text index or view that the pages query."""
    conn = read_only(db_path)
    try:
        return bool(missing_shape(sqlite_utils.Database(conn)))
    except sqlite3.DatabaseError as exc:
        raise DatabaseError(f"{db_path} is not a usable SQLite database ({exc})") from exc
    finally:
        conn.close()


def prepare(db_path: Path | str) -> None:
    """Check, read-only, that the file is a current reflink database before serving it: a
    missing, foreign, older or half-written one is one DatabaseError, and nothing is written."""
    with open_reader(db_path):
        pass


def check_address(host: str, port: int) -> None:
    """Fail with one line, before Datasette starts, when the address cannot be listened on
    (uvicorn would log "[Errno 98] error while attempting to bind" and exit with status 3)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as sock:
        # as uvicorn does: a port in TIME_WAIT is free, one with a listener is not
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except OSError as exc:
            reason = exc.strerror or str(exc)
            raise ReflinkError(
                f"cannot listen on {host}:{port} ({reason}); choose another --port or --host"
            ) from exc


def serve(
    db_path: Path | str,
    *,
    host: str = "127.0.0.1",
    port: int = 8001,
    on_ready: Callable[[str], None] = lambda url: None,
) -> None:
    """Serve the database read-only with Datasette until interrupted; `on_ready(url)` is called
    once the database is checked, just before the server starts listening."""
    import uvicorn

    prepare(db_path)
    check_address(host, port)
    ds = make_datasette(db_path)
    asyncio.run(ds.invoke_startup())
    on_ready(f"http://{host}:{port}/{database_name(db_path)}")
    uvicorn.run(ds.app(), host=host, port=port, log_level="warning", lifespan="on", workers=1)
