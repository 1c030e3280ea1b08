"""The command line: a thin click layer; each command converts arguments, calls one function,
prints its summary. `ReflinkError` is caught once, here, and shown as one line."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import click

from .errors import ReflinkError
from .ingest import ingest_file

DEFAULT_DB = Path("db/reflink.db")


class ReflinkGroup(click.Group):
    """Turns a ReflinkError raised anywhere below into `Error: <one line>` and exit status 1."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except ReflinkError as exc:
            click.echo(f"Error: {exc}", err=True)
            sys.exit(1)


def db_option(func: Callable) -> Callable:
    """The shared `--db` option."""
    return click.option(
        "--db",
        "db_path",
        type=click.Path(dir_okay=False, path_type=Path),
        default=DEFAULT_DB,
        show_default=True,
        help="SQLite database file.",
    )(func)


@contextmanager
def progress(label: str, length: int) -> Iterator[Callable[[int], None]]:
    """A progress bar on stderr, only when stderr is a terminal; yields its `advance(n)`."""
    if not sys.stderr.isatty():
        yield lambda steps: None
        return
    with click.progressbar(length=length, label=label, file=sys.stderr) as bar:
        yield bar.update


@click.group(cls=ReflinkGroup)
@click.version_option(package_name="reflink")
def cli() -> None:
    """reflink: link every claim of a review to its citations, references and DOIs."""


@cli.command()
@click.argument(
    "text_files", nargs=-1, required=True,
    type=click.Path(path_type=Path),
)
@db_option
@click.option(
    "--allow-missing-references", is_flag=True,
    help="Ingest the citations of a text that has no reference list.",
)
def ingest(text_files: tuple[Path, ...], db_path: Path, allow_missing_references: bool) -> None:
    """Read reviews' text into the database, one transaction per document.

    \b
        reflink ingest refs/alk-ros1-review.txt --db db/reflink.db
    """
    for text_file in text_files:
        with progress(f"Ingesting {text_file.name}", length=3) as advance:
            result = ingest_file(
                text_file, db_path,
                allow_missing_references=allow_missing_references, on_progress=advance,
            )
        click.echo(result.summary())


@cli.command()
@db_option
def report(db_path: Path) -> None:
    """Print the ingest report of every document already in the database.

    \b
        reflink report --db db/reflink.db
    """
    from .db import open_existing
    from .lookup import document_summaries

    with open_existing(db_path) as db:
        summaries = document_summaries(db)
    if not summaries:
        click.echo(f"{db_path}: no documents yet; run `reflink ingest`")
        return
    for summary in summaries:
        click.echo(summary.summary())
    click.echo(f"{len(summaries)} document(s) in {db_path}")


def crossref_options(func: Callable) -> Callable:
    """--mailto and --crossref-url, shared by resolve and fill-references."""
    func = click.option(
        "--crossref-url", envvar="REFLINK_CROSSREF_URL", default=None,
        help="Crossref API base URL (a mirror, or a test server)  [env: REFLINK_CROSSREF_URL; "
             "default: https://api.crossref.org]",
    )(func)
    return click.option(
        "--mailto", envvar="REFLINK_MAILTO", default=None,
        help="Your e-mail, sent to Crossref so it can reach you (its polite pool)  "
             "[env: REFLINK_MAILTO]",
    )(func)


@cli.command()
@db_option
@crossref_options
@click.option("--limit", type=click.IntRange(min=0), default=None,
              help="Look at most N entries (those never resolved first).")
@click.option("--dry-run", is_flag=True, help="Ask Crossref and report; write nothing.")
def resolve(db_path: Path, mailto: str | None, crossref_url: str | None, limit: int | None,
            dry_run: bool) -> None:
    """Find the DOI of each entry without one, by Crossref search with validated matching.

    Every candidate is kept in `doi_candidates` with its score and evidence; a DOI printed in
    the text is never replaced. Replies are cached in the database: a re-run sends nothing.

    \b
        reflink resolve --db db/reflink.db --mailto you@example.org
    """
    from .enrich import count_references, resolve_dois

    with progress("Resolving DOIs", count_references(db_path, limit)) as advance:
        result = resolve_dois(db_path, mailto=mailto, limit=limit, dry_run=dry_run,
                              base_url=crossref_url, on_progress=advance)
    click.echo(result.summary())


@cli.command("fill-references")
@db_option
@crossref_options
@click.option("--document", "document_id", type=int, default=None,
              help="Only this document id (default: every document).")
@click.option("--doi", default=None,
              help="The article's own DOI, when the text does not print it.")
def fill_references_command(db_path: Path, mailto: str | None, crossref_url: str | None,
                            document_id: int | None, doi: str | None) -> None:
    """Fill the entries the text lacks from the reference list the publisher deposited.

    Filled entries get source = 'crossref' and the citations without an entry are linked to
    them; entries printed in the text are cross-checked, and disagreements are listed in
    `problems`, never replaced.

    \b
        reflink fill-references --db db/reflink.db
    """
    from .db import open_existing
    from .enrich import fill_references

    with open_existing(db_path) as db:
        documents = 1 if document_id is not None else db.table("documents").count
    with progress("Filling references", documents) as advance:
        results = fill_references(db_path, document_id=document_id, doi=doi, mailto=mailto,
                                  base_url=crossref_url, on_progress=advance)
    for result in results:
        click.echo(result.summary())


@cli.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; 0.0.0.0 opens it to the network.")
@click.option("--port", default=8001, show_default=True, type=click.IntRange(0, 65535),
              help="Port to listen on.")
def serve(db_path: Path, host: str, port: int) -> None:
    """Browse the database in Datasette, read-only: facets, search, canned queries, DOI links.

    \b
        reflink serve --db db/reflink.db --port 8001
    """
    from .web import serve as serve_datasette

    serve_datasette(
        db_path, host=host, port=port,
        on_ready=lambda url: click.echo(f"Serving {db_path} read-only on {url} (Ctrl+C stops)"),
    )
    click.echo(f"Stopped serving {db_path}")
