"""The command line: a thin click layer; each command converts arguments, calls one function,
prints its summary. `ReflinkError` is caught once, here, and shown as one line."""

from __future__ import annotations

import json
import os
import re
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import click

from .errors import ReflinkError

if TYPE_CHECKING:
    from .ingest import Refusal
    from .models import IngestResult

DEFAULT_DB = Path("db/reflink.db")


# C0 and C1 controls (a terminal escape sequence starts with ESC, a newline would split a one-line
# error), the bidirectional overrides that reorder what a terminal shows, and the lone surrogates
# Python decodes a file name that is not UTF-8 into (b"\xff" → "\udcff")
UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\udc80-\udcff]")


def printable(text: str, *, keep_newlines: bool = False) -> str:
    """Text a terminal shows as it is: control characters and undecodable bytes escaped
    ("\x1b[2J" → "\\x1b[2J", b"\xff" → "\\xff"); newlines kept only when asked."""

    def escape(match: re.Match[str]) -> str:
        char = match.group()
        if keep_newlines and char in "\n\t":
            return char
        code = ord(char)
        if 0xDC80 <= code <= 0xDCFF:
            return f"\\x{code - 0xDC00:02x}"
        return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"

    return UNPRINTABLE.sub(escape, text)


def say(message: str, *, err: bool = False) -> None:
    """Print a summary line (names in it escaped)."""
    click.echo(printable(message, keep_newlines=True), err=err)


class ReflinkGroup(click.Group):
    """Turns a ReflinkError raised anywhere below into `Error: <one line>` and exit status 1."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except ReflinkError as exc:
            click.echo(f"Error: {printable(str(exc))}", err=True)
            sys.exit(1)
        except BrokenPipeError:
            # `reflink lookup … | head`: the reader has all it wants; no "Error: Broken pipe",
            # and nothing more written to the closed pipe when Python flushes at exit
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            sys.exit(1)
        except OSError as exc:
            # the last line of defence: a file the system refused (a read-only or missing
            # directory) is still one line, never a traceback
            where = f"{exc.filename}: " if exc.filename else ""
            click.echo(f"Error: {printable(where + (exc.strerror or str(exc)))}", err=True)
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


def json_option(func: Callable) -> Callable:
    """--json: the command's summary as one JSON object on standard output (docs/scripting.md)."""
    return click.option(
        "--json", "as_json", is_flag=True, help="Print the summary as one JSON object."
    )(func)


def print_json(value: object) -> None:
    click.echo(json.dumps(value, ensure_ascii=False, indent=2))


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
    "text_files",
    nargs=-1,
    required=True,
    type=click.Path(path_type=Path),
    metavar="FILES_OR_FOLDERS...",
)
@db_option
@click.option(
    "--allow-missing-references",
    is_flag=True,
    help="Ingest the citations of a text that has no reference list.",
)
@click.option("--json", "as_json", is_flag=True, help="Print each document's counts as JSON.")
@click.option(
    "--keep-going",
    is_flag=True,
    help="Ingest the files that can be read, each on its own; list the others; exit 1 if any.",
)
@click.option(
    "--skip-unchanged",
    is_flag=True,
    help="Leave out files ingested before whose content has not changed (same path, same "
    "SHA-256): a folder that grows is ingested again at the cost of its new files.",
)
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1),
    help="Processes that parse (default: the number of cores); one writes, in file order. "
    "With --keep-going too.",
)
def ingest(
    text_files: tuple[Path, ...],
    db_path: Path,
    allow_missing_references: bool,
    as_json: bool,
    keep_going: bool,
    skip_unchanged: bool,
    jobs: int | None,
) -> None:
    """Read reviews' text into the database, all or nothing.

    All files are written in one transaction, or none. A folder stands for every text, PDF and
    JATS XML file below it (by name: .txt, .pdf, .xml, .nxml; hidden files skipped).

    A failure (unreadable file, no citations, no reference list) stops with one error line and
    leaves the database byte-identical; re-ingesting a file replaces its rows. With
    --keep-going each file is written on its own and a bad one is listed, not fatal. A JATS
    XML article (PubMed Central, PLOS, BMC…) is recognised by its content and read from its
    structure. --jobs processes parse while one writes, in the order the files were given.

    \b
        reflink ingest refs/alk-ros1-review.txt --db db/reflink.db
        reflink ingest refs/ --keep-going
        reflink ingest article.xml --db db/reflink.db
    """
    # the parsers load only for the command that parses
    from .ingest import expand_inputs, ingest_each, ingest_files, split_unchanged
    from .models import batch_summary
    from .parallel import default_jobs

    paths = expand_inputs(text_files)
    skipped: list[Path] = []
    if skip_unchanged:
        paths, skipped = split_unchanged(paths, db_path)
        if not paths:
            say(f"all {_files(len(skipped))} unchanged in {db_path}; nothing to ingest", err=True)
            return
    jobs = jobs or default_jobs()
    refused: list[Refusal] = []
    with progress("Ingesting", length=len(paths)) as advance:
        if keep_going:
            results, refused = ingest_each(
                paths,
                db_path,
                allow_missing_references=allow_missing_references,
                jobs=jobs,
                on_progress=advance,
            )
        else:
            results = ingest_files(
                paths,
                db_path,
                allow_missing_references=allow_missing_references,
                jobs=jobs,
                on_progress=advance,
            )
    if as_json:
        click.echo(json.dumps([summary_row(r) for r in results], ensure_ascii=False, indent=2))
    else:
        for result in results:
            say(result.summary())
        if len(results) > 1:
            say(batch_summary(results))
    if results or not refused:
        unchanged = f"{_files(len(skipped))} unchanged, skipped" if skipped else ""
        wrote_to(db_path, f"{len(results)} {_documents(len(results))}", unchanged)
    if refused:
        for refusal in refused:
            path, message = refusal.path, refusal.message
            say(
                f"Error: {message}" if str(path) in message else f"Error: {path}: {message}",
                err=True,
            )
        say(f"{len(refused)} of {len(paths)} files not ingested", err=True)
        sys.exit(1)


def _documents(count: int) -> str:
    return "document" if count == 1 else "documents"


def _files(count: int) -> str:
    return "1 file" if count == 1 else f"{count} files"


def wrote_to(db_path: Path, what: str, aside: str = "") -> None:
    """The last line of a command that writes: which database it wrote (on stderr, so standard
    output stays the command's results), and `aside`, what it left alone."""
    say(f"{what} written to {db_path}{f' ({aside})' if aside else ''}", err=True)


@cli.command()
@db_option
@json_option
def upgrade(db_path: Path, as_json: bool) -> None:
    """Bring an older reflink database up to date.

    Bring a database written by an older reflink up to date (the read commands never do).

    Also rolls back a write that a killed process or a full disk cut off.

    \b
        reflink upgrade --db db/reflink.db
    """
    from .db import upgrade_database

    added = upgrade_database(db_path)
    line = f"{db_path}: " + (f"added {', '.join(added)}" if added else "already up to date")
    if as_json:
        print_json({"database": str(db_path), "added": list(added), "summary": line})
    else:
        say(line)


@cli.command()
@click.argument("shards", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@db_option
@json_option
def merge(shards: tuple[Path, ...], db_path: Path, as_json: bool) -> None:
    """Merge reflink databases (shards of a corpus) into one.

    Copy every document of each database named, with all its rows and cached Crossref replies,
    into --db (created if absent), in one transaction: ids are renumbered after what --db holds,
    a document already there (same path) is replaced, and a bad shard changes nothing. Merging
    shards into a new database gives the rows that ingesting all their files into one would.

    \b
        reflink ingest part1/*.txt --db db/shard-1.db
        reflink ingest part2/*.txt --db db/shard-2.db
        reflink merge db/shard-1.db db/shard-2.db --db db/reflink.db
    """
    from .merge import merge_databases

    with progress("Merging", length=len(shards)) as advance:
        merged = merge_databases(shards, db_path, on_progress=advance)
    documents = sum(shard.documents for shard in merged)
    if as_json:
        print_json(
            [
                {
                    "shard": str(shard.path),
                    "documents": shard.documents,
                    "replaced": shard.replaced,
                    "rows": shard.rows,
                    "cached_replies": shard.cached_replies,
                }
                for shard in merged
            ]
        )
    else:
        for shard in merged:
            say(shard.summary())
    wrote_to(db_path, f"{documents} {_documents(documents)} from {len(merged)} databases")


@cli.command()
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts.")
@click.option("--csv", "as_csv", is_flag=True, help="Print CSV: a row per document.")
def report(db_path: Path, as_json: bool, as_csv: bool) -> None:
    """Print the ingest report of every document.

    Print the ingest report of every document already in the database.

    \b
        reflink report --db db/reflink.db
    """
    from .db import open_reader
    from .lookup import document_summaries
    from .sources import document_flags

    with open_reader(db_path) as db:
        summaries = document_summaries(db)
        flags = document_flags(db)  # after `reflink check-sources`: retracted, corrected, …
    if as_json or as_csv:
        rows = [summary_row(summary, flags.get(summary.document_id)) for summary in summaries]
        if as_json:
            click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        else:
            write_csv(rows)
        return
    if not summaries:
        say(f"{db_path}: no documents yet; run `reflink ingest`")
        return
    for summary in summaries:
        flagged = flags.get(summary.document_id)
        say(summary.summary() + (f"; {flagged}" if flagged else ""))
    say(f"{len(summaries)} document(s) in {db_path}")


@cli.command()
@db_option
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on; 0.0.0.0 opens it to the network.",
)
@click.option(
    "--port",
    default=8001,
    show_default=True,
    type=click.IntRange(0, 65535),
    help="Port to listen on.",
)
def serve(db_path: Path, host: str, port: int) -> None:
    """Browse the database in Datasette, read-only.

    Browse the database in Datasette, read-only: facets, search, canned queries, DOI links.

    \b
        reflink serve --db db/reflink.db --port 8001
    """
    from .web import serve as serve_datasette

    serve_datasette(
        db_path,
        host=host,
        port=port,
        on_ready=lambda url: say(f"Serving {db_path} read-only on {url} (Ctrl+C stops)"),
    )
    say(f"Stopped serving {db_path}")


@cli.command()
@click.argument("query", required=False)
@click.option(
    "--ref", "number", type=click.IntRange(min=0), help="Show the claims citing this number."
)
@click.option("--author", help="Show the claims citing works by this author: Gadgeel.")
@click.option("--document", help="Only this document (its name, path or id).")
@click.option(
    "--limit",
    default=20,
    show_default=True,
    type=click.IntRange(min=1),
    help="Most claims a search shows, best first.",
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts.")
@click.option("--csv", "as_csv", is_flag=True, help="Print CSV: a row per claim and source.")
@db_option
def lookup(
    query: str | None,
    number: int | None,
    author: str | None,
    document: str | None,
    limit: int,
    as_json: bool,
    as_csv: bool,
    db_path: Path,
) -> None:
    """Find claims, with the entries and DOIs behind them.

    A search finds sentences by their words; --ref N the claims citing reference N; --author
    the claims citing works by that author. A sentence without a callout shows what its
    paragraph cites, kept apart from citations.

    \b
        reflink lookup "brain metastases crizotinib" --db db/reflink.db
        reflink lookup --ref 112 --json
        reflink lookup --author Gadgeel --csv
    """
    import shutil

    from .db import open_reader
    from .lookup import claims_citing, claims_citing_author, search_claims

    if [query is not None, number is not None, author is not None].count(True) != 1:
        raise click.UsageError(
            'give a search (reflink lookup "crizotinib"), --ref NUMBER or --author NAME'
        )
    with open_reader(db_path) as db:
        if number is not None:
            result = claims_citing(db, number, document=document)
        elif author is not None:
            result = claims_citing_author(db, author, document=document, limit=limit)
        else:
            result = search_claims(db, query, document=document, limit=limit)
    if as_json:
        click.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
    elif as_csv:
        from .render import csv_rows

        write_csv(csv_rows(result))
    elif result.claims or result.entries:
        width = min(max(shutil.get_terminal_size().columns, 60), 120)
        from .render import lookup_lines

        click.echo("\n".join(lookup_lines(result, width)).rstrip("\n"))
        if result.claims:
            say(f"\n{result.summary()}")
    if not result.claims:
        if author is not None:
            message = f"no claim cites works by {author}"
        elif number is None:
            message = f'no claim matches "{query}"'
        elif result.entries:
            message = f"no claim cites [{number}]"
        else:
            message = f"[{number}] is neither listed nor cited"
        say(message + (f" in {document}" if document else ""), err=True)
        sys.exit(1)


@cli.command()
@click.argument("document")
@db_option
def text(document: str, db_path: Path) -> None:
    """Print the text reflink read from a document, by page.

    For a PDF these are the lines reflink extracted (the `line` of every claim, citation and
    entry points at one of them), each with its kind when it is not body text, so you can see
    why a callout was or was not found.

    \b
        reflink text review.pdf --db db/reflink.db
    """
    from .db import open_reader
    from .lookup import document_lines
    from .render import text_lines

    document_id = document_id_for(db_path, document)
    with open_reader(db_path) as db:
        lines = document_lines(db, document_id) if document_id is not None else []
    if not lines:
        raise ReflinkError(f"no document {document} with stored lines in {db_path}")
    click.echo("\n".join(text_lines(lines)))
    pages = {line.page for line in lines if line.page is not None}
    say(f"{len(lines)} lines" + (f" on {len(pages)} pages" if pages else ""), err=True)


def document_id_for(db_path: Path, document: str | None) -> int | None:
    """--document as a name, path or id → the one document id it names (None: every one)."""
    if document is None or document.strip().isdigit():
        return None if document is None else int(document)  # an id: the command checks it
    from .db import open_reader
    from .lookup import _document_ids

    with open_reader(db_path) as db:
        ids = _document_ids(db, document)
        if len(ids) > 1:
            paths = [
                f"{row[0]} (id {row[1]})"
                for row in db.execute(
                    f"select path, id from documents where id in ({','.join('?' * len(ids))})",
                    ids,
                )
            ]
            raise ReflinkError(
                f"{len(ids)} documents are named {document}; give its path or id: "
                + ", ".join(paths)
            )
    return ids[0]


def summary_row(summary: IngestResult, flagged: str | None = None) -> dict:
    """A document's counts as one flat row (ranges as "1–99, 134–146") for JSON and CSV."""
    from dataclasses import asdict

    from .models import format_ranges

    row = asdict(summary)
    row["dangling"] = format_ranges(summary.dangling)
    row["uncited"] = format_ranges(summary.uncited)
    if flagged is not None:
        row["flagged"] = flagged
    return row


def write_csv(rows: list[dict]) -> None:
    """Rows (dicts with the same keys) → CSV on standard output, a header first."""
    import csv

    if not rows:
        return
    writer = csv.DictWriter(sys.stdout, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)


def _number_ranges(ctx: click.Context, param: click.Parameter, value: str | None):
    from .lookup import parse_number_ranges

    if value is None:
        return None
    try:
        return parse_number_ranges(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from exc


def _line_range(ctx: click.Context, param: click.Parameter, value: str | None):
    numbers = _number_ranges(ctx, param, value)
    return None if numbers is None else (min(numbers), max(numbers))


@cli.command()
@click.option("--numbers", callback=_number_ranges, help="Reference numbers: 101-105,110.")
@click.option("--search", help="Entries cited by the claims that match, or whose text matches.")
@click.option("--section", help="Entries cited in a section (4 takes 4.1, 4.2 …) or a title word.")
@click.option("--claim", "claim_id", type=int, help="Entries cited by one claim (its id).")
@click.option(
    "--cited-in-lines",
    "lines",
    callback=_line_range,
    help="Entries cited on these source lines: 500-560.",
)
@click.option("--all", "all_entries", is_flag=True, help="Every entry.")
@click.option("--document", help="Only this document (its name, path or id).")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write to this file (.bib, .json, .ris) instead of standard output.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["bibtex", "csl-json", "ris"]),
    default=None,
    help="Output format (default: from the -o suffix, else bibtex). CSL-JSON and RIS are "
    "what Zotero, Mendeley, EndNote and citeproc import.",
)
@db_option
def bibtex(
    numbers: list[int] | None,
    search: str | None,
    section: str | None,
    claim_id: int | None,
    lines: tuple[int, int] | None,
    all_entries: bool,
    document: str | None,
    output: Path | None,
    fmt: str | None,
    db_path: Path,
) -> None:
    """Export entries as BibTeX, CSL-JSON or RIS.

    Export entries as BibTeX, CSL-JSON or RIS; numbers without an entry are listed.

    \b
        reflink bibtex --numbers 101-105,110 -o refs.bib
        reflink bibtex --search lorlatinib
        reflink bibtex --section 4 --document alk-ros1-review.txt
        reflink bibtex --all --format csl-json -o refs.json
    """
    from .bibtex import export_refs
    from .db import open_reader
    from .formats import format_for
    from .lookup import select_references

    if not (numbers or search or section or claim_id is not None or lines or all_entries):
        raise click.UsageError(
            "say what to export: --numbers, --search, --section, --claim, --cited-in-lines or --all"
        )
    with open_reader(db_path) as db:
        selection = select_references(
            db,
            numbers=numbers or (),
            search=search,
            section=section,
            claim_id=claim_id,
            lines=lines,
            all_entries=all_entries,
            document=document,
        )
        export = export_refs(
            db, selection.ref_ids, selection.missing, fmt=format_for(output and str(output), fmt)
        )
    target = str(output) if output else "standard output"
    if not export.entries:
        raise ReflinkError(export.summary(target))
    if output:
        output.write_text(export.text, encoding="utf-8")
    else:
        click.echo(export.text, nl=not export.text.endswith("\n"))
    say(export.summary(target), err=True)


def crossref_options(func: Callable) -> Callable:
    """--mailto, --crossref-url and --document, shared by resolve and fill-references."""
    func = click.option(
        "--document",
        default=None,
        help="Only this document: its name, path or id (default: every document).",
    )(func)
    func = click.option(
        "--crossref-url",
        envvar="REFLINK_CROSSREF_URL",
        default=None,
        help="Crossref API base URL (a mirror, or a test server)  [env: REFLINK_CROSSREF_URL; "
        "default: https://api.crossref.org]",
    )(func)
    return click.option(
        "--mailto",
        envvar="REFLINK_MAILTO",
        default=None,
        help="Your e-mail, sent to Crossref so it can reach you (its polite pool)  "
        "[env: REFLINK_MAILTO]",
    )(func)


@cli.command()
@db_option
@crossref_options
@click.option(
    "--limit",
    type=click.IntRange(min=0),
    default=None,
    help="Look at most N entries (those never resolved first).",
)
@click.option("--dry-run", is_flag=True, help="Ask Crossref and report; write nothing.")
@json_option
def resolve(
    db_path: Path,
    mailto: str | None,
    crossref_url: str | None,
    limit: int | None,
    document: str | None,
    dry_run: bool,
    as_json: bool,
) -> None:
    """Find missing DOIs by Crossref search, validated.

    Find the DOI of each entry without one, by Crossref search with validated matching.

    Every candidate is kept in `doi_candidates` with its score and evidence; a DOI printed in
    the text is never replaced. Replies are cached in the database: a re-run sends nothing.

    \b
        reflink resolve --db db/reflink.db --mailto you@example.org
    """
    document_id = document_id_for(db_path, document)
    from .enrich import count_references, resolve_dois

    with progress("Resolving DOIs", count_references(db_path, limit, document_id)) as advance:
        result = resolve_dois(
            db_path,
            mailto=mailto,
            limit=limit,
            document_id=document_id,
            dry_run=dry_run,
            base_url=crossref_url,
            on_progress=advance,
        )
    if as_json:
        from .summaries import summary_object

        print_json(summary_object(result, db_path, written=not dry_run))
    else:
        say(result.summary())
    if dry_run:
        say(f"dry run: nothing written to {db_path}", err=True)
    else:
        wrote_to(db_path, "DOIs and their candidates")


@cli.command("fill-references")
@db_option
@crossref_options
@click.option("--doi", default=None, help="The article's own DOI, when the text does not print it.")
@json_option
@click.option("--csv", "as_csv", is_flag=True, help="Print CSV: a row per document.")
def fill_references_command(
    db_path: Path,
    mailto: str | None,
    crossref_url: str | None,
    document: str | None,
    doi: str | None,
    as_json: bool,
    as_csv: bool,
) -> None:
    """Fill missing entries from the deposited reference list.

    Fill the entries the text lacks from the reference list the publisher deposited.

    Filled entries get source = 'crossref' and the citations without an entry are linked to
    them; entries printed in the text are cross-checked, and disagreements are listed in
    `problems`, never replaced.

    \b
        reflink fill-references --db db/reflink.db
    """
    document_id = document_id_for(db_path, document)
    from .db import open_existing
    from .enrich import fill_references

    with open_existing(db_path) as db:
        documents = 1 if document_id is not None else db.table("documents").count
    with progress("Filling references", documents) as advance:
        results = fill_references(
            db_path,
            document_id=document_id,
            doi=doi,
            mailto=mailto,
            base_url=crossref_url,
            on_progress=advance,
        )
    from .summaries import fill_object, fill_rows

    if as_json:
        print_json(fill_object(results, db_path))
    elif as_csv:
        write_csv(fill_rows(results))
    else:
        for result in results:
            say(result.summary())
    wrote_to(db_path, f"references of {len(results)} {_documents(len(results))}")


@cli.command("check-sources")
@db_option
@crossref_options
@click.option(
    "--max-age",
    "max_age_days",
    type=click.FloatRange(min=0),
    default=30,
    show_default=True,
    help="Ask Crossref again about sources checked more than this many days ago.",
)
@click.option("--refresh", is_flag=True, help="Ask Crossref about every source again.")
@json_option
def check_sources_command(
    db_path: Path,
    mailto: str | None,
    crossref_url: str | None,
    document: str | None,
    max_age_days: float,
    refresh: bool,
    as_json: bool,
) -> None:
    """Check sources against Crossref: retractions, corrections.

    Check each source with a DOI against its Crossref record: retractions, corrections and
    expressions of concern are flagged, empty fields completed (never a printed one).

    Records are asked for in batches and kept in the database: a re-run within --max-age days
    sends nothing; --refresh asks again.

    \b
        reflink check-sources --db db/reflink.db --mailto you@example.org
    """
    document_id = document_id_for(db_path, document)
    from .sources import check_sources, count_sources

    with progress("Checking sources", count_sources(db_path, document_id)) as advance:
        result = check_sources(
            db_path,
            mailto=mailto,
            base_url=crossref_url,
            document_id=document_id,
            max_age_days=max_age_days,
            refresh=refresh,
            on_progress=advance,
        )
    if as_json:
        from .summaries import summary_object

        print_json(summary_object(result, db_path))
    else:
        say(result.summary())
    wrote_to(db_path, "source checks")
