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
