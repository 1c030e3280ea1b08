"""One document in, one transaction out: run the stages and write the result."""

from __future__ import annotations

import datetime
import hashlib
import os
import re
import sqlite3
import stat
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import refusals
from .citations import body_passage, find_citations
from .claims import split_claims
from .columns import unfold_columns
from .db import migrate, open_writer, write_transaction
from .errors import DatabaseError, InputError, ParseError, ReflinkError
from .lazyre import lazy
from .limits import check_text_limits
from .linenumbers import strip_line_numbers
from .models import FURNITURE, IngestResult, Line, ParsedDocument, Problem, file_name_text
from .normalise import ANNOUNCED_DOI
from .parallel import map_in_order
from .publish import TargetAppeared, new_database
from .references import parse_references
from .sniff import MAX_PDF_BYTES, is_pdf, looks_like_jats
from .staging import StagedDocument, stage_document, write_staged
from .textclean import clean_text, decode_text

if TYPE_CHECKING:
    # the PDF reader and the JATS parser (with lxml) load only when such a file is ingested
    from .pdf import PdfLines, Scripts
    from .pdflist import LineBox


def parse_document(text: str) -> ParsedDocument:
    """Decoded text → everything the stages find in it (no I/O)."""
    return parse_lines(clean_text(text, superscripts=True), text)


def parse_lines(
    lines: list[Line],
    text: str,
    scripts: Mapping[int, Scripts] | None = None,
    boxes: Mapping[int, LineBox] | None = None,
) -> ParsedDocument:
    """Classified lines (of a text, or a PDF with its typography and line boxes) → what the
    stages find."""
    references, ref_problems = parse_references(lines, boxes)
    # one passage for both: marker offsets point into the text the claims are cut from
    passage = body_passage(lines, references)
    markers, marker_problems = find_citations(lines, references, scripts, passage=passage)
    sections, claims = split_claims(lines, markers, references, passage, boxes)
    return ParsedDocument(
        lines=lines,
        references=references,
        markers=markers,
        sections=sections,
        claims=claims,
        problems=[*ref_problems, *marker_problems, *dropped_lines(lines)],
        doi=find_own_doi(text, {ref.doi for ref in references if ref.doi}),
    )


def dropped_lines(lines: Sequence[Line]) -> list[Problem]:
    """Every line dropped as page furniture (running heads and feet, page numbers, licence
    lines), one problem per distinct line with where it was printed: nothing is removed from a
    text without a trace a user can check."""
    by_shape: dict[str, list[Line]] = {}
    for line in lines:
        if line.kind == FURNITURE and line.raw.strip():
            by_shape.setdefault(DIGIT_RUN.sub("#", " ".join(line.raw.split())), []).append(line)
    problems = []
    for copies in by_shape.values():
        where = ", ".join(str(line.number) for line in copies[:8])
        where += ", …" if len(copies) > 8 else ""
        times = "once" if len(copies) == 1 else f"{len(copies)} times"
        text = " ".join(copies[0].raw.split())
        problems.append(
            Problem(
                copies[0].number,
                "furniture",
                f'dropped as page furniture, {times} (line {where}): "{text[:100]}"',
            )
        )
    return problems


DIGIT_RUN = lazy(r"\d+")


def find_own_doi(text: str, reference_dois: set[str]) -> str | None:
    """The DOI the text prints more often than its reference entries do: the article's own.

    Page furniture repeats the article's DOI ("https://doi.org/10.1039/c9ra02258a" at the foot
    of pages), and a furniture line inside the reference list can end up in an entry, so a DOI
    that is also an entry's is still the article's when it is printed more often than that.
    Ties go to the DOI printed first (the title page comes before the reference list).
    """
    counts: dict[str, int] = {}
    first_seen: dict[str, int] = {}
    for match in ANNOUNCED_DOI.finditer(text):
        doi = match.group(1)
        counts[doi] = counts.get(doi, 0) + 1
        first_seen.setdefault(doi, match.start())
    own = {
        doi: count - (1 if doi in reference_dois else 0)
        for doi, count in counts.items()
        if count - (1 if doi in reference_dois else 0) > 0
    }
    if not own:
        return None
    return max(own, key=lambda doi: (own[doi], -first_seen[doi]))


# refs/README.md: "- Article: … Metastasis manners …", RSC Advances, 2019, 9, 17921–17932." (the
# item may wrap onto indented lines), "- DOI: 10.1039/c9ra02258a (printed …)", "- Licence: …"
NOTE_ITEM = lazy(r"^[-*]\s*(Article|Source|DOI|Licence|License):\s*(.*)$", re.IGNORECASE)
# "Creative Commons … 3.0 Unported (CC BY-NC 3.0), as printed in the article": keep the name
LICENCE_NAME = lazy(r"^.*?\(CC[^)]*\)")


def read_source_notes(path: Path) -> tuple[str | None, str | None]:
    """The README beside a text file → (source, licence) of that text, when it states them.

    A README that heads sections with file names ("# alk-ros1-review.txt") is read only under
    the heading of `path`; one without such headings speaks for every text beside it."""
    readme = path.parent / "README.md"
    if not readme.is_file():
        return None, None
    lines = readme.read_text(encoding="utf-8", errors="replace").splitlines()
    headings = [i for i, line in enumerate(lines) if line.startswith("#")]
    named = [i for i in headings if heading_names_file(lines[i])]
    if named:
        mine = [i for i in named if lines[i].lstrip("# ").strip() == path.name]
        if not mine:
            return None, None
        following = [i for i in headings if i > mine[0]]
        lines = lines[mine[0] + 1 : following[0] if following else len(lines)]
    items: dict[str, str] = {}
    key = None
    for line in lines:
        match = NOTE_ITEM.match(line.strip())
        if match:
            key = match.group(1).lower().replace("license", "licence")
            items[key] = match.group(2).strip()
        elif key and line.startswith((" ", "\t")) and line.strip():
            items[key] += " " + line.strip()
        else:
            key = None
    doi = ANNOUNCED_DOI.search("DOI: " + items["doi"]) if "doi" in items else None
    source_parts = [items.get("article") or items.get("source"), doi and f"doi:{doi.group(1)}"]
    source = "; ".join(part.rstrip(".") for part in source_parts if part) or None
    licence = items.get("licence")
    if licence:
        name = LICENCE_NAME.match(licence)
        licence = name.group(0) if name else licence.rstrip(".")
    return source, licence


def heading_names_file(heading: str) -> bool:
    """ "# alk-ros1-review.txt" names a file; "# Sources" does not."""
    return heading.lstrip("# ").strip().endswith(".txt")


def summarize(name: str, document_id: int, doc: ParsedDocument) -> IngestResult:
    """Counts for one parsed document."""
    cited = {n for marker in doc.markers for n in marker.numbers}
    listed = {ref.number for ref in doc.references}
    return IngestResult(
        name=name,
        document_id=document_id,
        claims=len(doc.claims),
        cited_claims=sum(1 for claim in doc.claims if claim.markers),
        markers=len(doc.markers),
        citations=sum(len(marker.numbers) for marker in doc.markers),
        entries=len(doc.references),
        partial_entries=sum(1 for ref in doc.references if ref.partial),
        dangling=sorted(cited - listed),
        uncited=sorted(listed - cited),
        problems=len(doc.problems),
        linked=sum(1 for marker in doc.markers for n in marker.numbers if n in listed),
    )


# A review's text is 50–500 KB; a file 40× the largest is not one review (a concatenated corpus,
# a log, a PDF's raw stream), and parsing it would hold gigabytes of line maps. Fail before reading.
MAX_TEXT_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True)
class SourceFile:
    """A document's bytes and their decoded text: `sha256` is of the bytes as stored on disk."""

    path: Path
    text: str
    sha256: str
    xml: bytes | None = None  # a JATS article, recognised by its content: parsed from its bytes
    pdf: PdfLines | None = None  # a PDF's lines, pages and typography; None for a text file


def read_document(path: Path, *, max_bytes: int = MAX_TEXT_BYTES) -> SourceFile:
    """Read a document: text, a PDF or a JATS article, told by content; one-line error else."""
    data = read_bounded(path, max_bytes=max(max_bytes, MAX_PDF_BYTES))
    if is_pdf(data):
        from .pdf import read_pdf_document

        pdf = read_pdf_document(data, str(path))
        text = "\n".join(line.text for line in pdf.lines)
        return SourceFile(path, text, hashlib.sha256(data).hexdigest(), pdf=pdf)
    if len(data) > max_bytes:
        raise _too_large(path, len(data), max_bytes)
    if looks_like_jats(data):
        return SourceFile(path=path, text="", sha256=hashlib.sha256(data).hexdigest(), xml=data)
    # a .docx, an .odt or a saved web page: say what it is and how to get its text
    refusal = refusals.office_document(data, str(path))
    if refusal:
        raise InputError(refusal)
    text = decode_text(data, name=str(path))
    refusal = refusals.html_page(text, str(path))
    if refusal:
        raise InputError(refusal)
    # a manuscript's margin line numbers ("118 References") and "pdftotext -layout"'s two
    # columns side by side: read the text without the first, the second one column after the
    # other (the lines table then holds the text as read, as it does for a PDF)
    text = unfold_columns(strip_line_numbers(text))
    return SourceFile(path=path, text=text, sha256=hashlib.sha256(data).hexdigest())


def read_bounded(path: Path, *, max_bytes: int = MAX_TEXT_BYTES) -> bytes:
    """The bytes of a regular file of at most `max_bytes`; InputError for anything else.

    The file is opened without blocking and checked on the open descriptor, so a FIFO with no
    writer, a symlink to /dev/zero or a file swapped after the check is refused, never waited
    on or read to the end of memory; the read itself stops one byte past the limit (#18).
    """
    if not path.exists():
        raise InputError(f"{path} does not exist")
    if path.is_dir():
        raise InputError(f"{path} is a directory, not a text file")
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror}") from exc
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise InputError(f"{path} is not a regular file (a device, FIFO or socket)")
        size = os.fstat(fd).st_size
        if size <= max_bytes:
            try:
                data = handle.read(max_bytes + 1)
            except OSError as exc:
                raise InputError(f"cannot read {path}: {exc.strerror}") from exc
            size = max(size, len(data))  # a file that grew since fstat
    if size > max_bytes:
        raise _too_large(path, size, max_bytes)
    return data


def _too_large(path: Path, size: int, max_bytes: int) -> InputError:
    return InputError(
        f"{path} is {size / 2**20:.1f} MB, larger than the {max_bytes / 2**20:.0f} MB "
        "a review's text can be; is it the right file?"
    )


def parse_source(source: SourceFile, *, allow_missing_references: bool = False) -> ParsedDocument:
    """A read document → its parse, or InputError when there is nothing a user would want stored."""
    path = source.path
    check_text_limits(source.text, str(path))
    try:
        if source.xml is not None:
            from .jats import parse_jats

            doc = parse_jats(source.xml, name=str(path))
            doc.format = "jats"
        elif source.pdf is not None:
            doc = parse_lines(source.pdf.lines, source.text, source.pdf.scripts, source.pdf.boxes)
            doc.pages, doc.page_count = source.pdf.pages, source.pdf.page_count
            doc.format = "pdf"
            doc.scripts = {
                number: {
                    "raised": [list(s) for s in runs.raised],
                    "lowered": [list(s) for s in runs.lowered],
                }
                for number, runs in source.pdf.scripts.items()
            }
        else:
            doc = parse_document(source.text)
    except ReflinkError:
        raise
    except Exception as exc:
        # A stage bug must not leave a half-written database or a bare traceback; the chained
        # exception keeps the traceback for `reflink` used as a library.
        raise ParseError(
            f"{path}: reflink could not parse this text ({type(exc).__name__}: {exc}); "
            "please report it with the file"
        ) from exc
    ocr = source.pdf is not None and source.pdf.ocr
    if not doc.markers:
        raise InputError(
            refusals.author_year_citations(source.text, str(path))
            or (f"{path}: no citation markers found; {refusals.OCR_NOTE}" if ocr else None)
            or f"{path}: no citation markers found; is this the text of an article?"
        )
    if ocr:
        doc.problems.append(Problem(None, "citations", refusals.OCR_NOTE))
    if not doc.references and not allow_missing_references:
        raise InputError(
            f"{path}: no reference list found (use --allow-missing-references to ingest "
            "the citations alone)"
        )
    return doc


@dataclass(frozen=True)
class PreparedDocument:
    """A document read, parsed and staged, ready to write: what a worker process hands back.

    Its rows are staged (reflink.staging), not its parse: the one writing process copies
    them in instead of unpickling and converting the parse's objects."""

    path: Path
    sha256: str
    staged: StagedDocument
    result: IngestResult  # its counts; the document's id is known once it is written
    source: str | None  # from the README beside the file, else what the document says
    licence: str | None


def prepare_document(
    path: Path, *, allow_missing_references: bool = False, max_bytes: int = MAX_TEXT_BYTES
) -> PreparedDocument:
    """Read, parse, check and stage one document, and read its source notes: all but writing."""
    source = read_document(path, max_bytes=max_bytes)
    doc = parse_source(source, allow_missing_references=allow_missing_references)
    notes_source, licence = read_source_notes(path)
    return PreparedDocument(
        path,
        source.sha256,
        stage_document(doc),
        replace(summarize(path.name, 0, doc), ocr=source.pdf is not None and source.pdf.ocr),
        notes_source or doc.source,
        licence or doc.licence,
    )


def ingest_file(
    path: Path | str,
    db_path: Path | str,
    *,
    allow_missing_references: bool = False,
    max_bytes: int = MAX_TEXT_BYTES,
    on_progress: Callable[[int], None] = lambda step: None,
) -> IngestResult:
    """Parse one text file and write it into the database in one transaction."""
    return ingest_files(
        [path],
        db_path,
        allow_missing_references=allow_missing_references,
        max_bytes=max_bytes,
        on_progress=on_progress,
    )[0]


def ingest_files(
    paths: Iterable[Path | str],
    db_path: Path | str,
    *,
    allow_missing_references: bool = False,
    max_bytes: int = MAX_TEXT_BYTES,
    jobs: int = 1,
    on_progress: Callable[[int], None] = lambda step: None,
) -> list[IngestResult]:
    """Parse text files one at a time and write them all in one transaction: all or nothing.

    After any failure the database file is byte-identical to before, and a database that did not
    exist is not created. Documents stream: one is parsed, written and dropped before the next;
    with `jobs` > 1 that many processes parse ahead (a few documents at most) while this one
    writes, and the rows are the same, in the same order.
    """
    paths = [Path(path) for path in paths]
    prepare = partial(
        prepare_document, allow_missing_references=allow_missing_references, max_bytes=max_bytes
    )
    return _publish(
        Path(db_path),
        lambda: map_in_order(prepare, paths, min(jobs, len(paths))),
        on_progress=on_progress,
    )


@dataclass(frozen=True)
class Refusal:
    """A file `ingest_each` left out, with the one-line error a single ingest would print."""

    path: Path
    message: str


def prepare_or_refuse(path: Path, **options: Any) -> PreparedDocument | Refusal:
    """`prepare_document`, with a user's error (unreadable, not a review) as a Refusal."""
    try:
        return prepare_document(path, **options)
    except ReflinkError as exc:
        return Refusal(path, str(exc))


def ingest_each(
    paths: Iterable[Path | str],
    db_path: Path | str,
    *,
    allow_missing_references: bool = False,
    max_bytes: int = MAX_TEXT_BYTES,
    jobs: int = 1,
    on_progress: Callable[[int], None] = lambda step: None,
) -> tuple[list[IngestResult], list[Refusal]]:
    """Ingest every file that can be, each in a transaction of its own (`--keep-going`).

    A file that cannot be read, parsed or written is returned as a Refusal and changes nothing;
    the others are kept. As with `ingest_files`, `jobs` processes parse ahead while this one
    writes, in the given order, so a folder of reviews with a few bad files runs in parallel
    too."""
    paths = [Path(path) for path in paths]
    db_path = Path(db_path)
    prepare = partial(
        prepare_or_refuse, allow_missing_references=allow_missing_references, max_bytes=max_bytes
    )
    results: list[IngestResult] = []
    refused: list[Refusal] = []
    for outcome in map_in_order(prepare, paths, min(jobs, len(paths))):
        if isinstance(outcome, Refusal):
            refused.append(outcome)
        else:
            try:
                results.extend(_publish(db_path, lambda outcome=outcome: [outcome]))
            except ReflinkError as exc:
                refused.append(Refusal(outcome.path, str(exc)))
        on_progress(1)
    return results, refused


def _publish(
    db_path: Path,
    documents: Callable[[], Iterable[PreparedDocument]],
    *,
    on_progress: Callable[[int], None] = lambda step: None,
) -> list[IngestResult]:
    """Write `documents()` into the database at `db_path` in one transaction. A database that
    does not exist is built under a temporary name and published whole (publish.py); if another
    process publishes it first, the documents are written into theirs (made again: the first
    ones were written into the build that was dropped)."""
    try:
        with new_database(db_path) as building:
            return _write_into(
                building or db_path,
                documents(),
                on_progress=on_progress,
                shown_as=db_path if building else None,
            )
    except TargetAppeared:
        return _write_into(db_path, documents())


def _write_into(
    db_path: Path,
    documents: Iterable[PreparedDocument],
    *,
    on_progress: Callable[[int], None] = lambda step: None,
    shown_as: Path | None = None,
) -> list[IngestResult]:
    """Stream prepared documents into the database at `db_path` in one write transaction.

    `shown_as` is the path errors name: the target, not the temporary file being built.
    """
    try:
        db = open_writer(db_path)
    except DatabaseError as exc:
        if shown_as is None:
            raise
        # the temporary file is ours, not the user's: name the database they asked for
        raise DatabaseError(str(exc).replace(str(db_path), str(shown_as))) from exc
    results = []
    try:
        with write_transaction(db, shown_as or db_path):
            migrate(db)
            for prepared in documents:
                path = prepared.path
                document_id = write_staged(
                    db,
                    prepared.staged,
                    path=file_name_text(str(path.resolve())),
                    name=file_name_text(path.name),
                    sha256=prepared.sha256,
                    source=prepared.source,
                    licence=prepared.licence,
                    ingested_at=datetime.datetime.now(datetime.timezone.utc).isoformat(
                        timespec="seconds"
                    ),
                )
                results.append(replace(prepared.result, document_id=document_id))
                on_progress(1)
    finally:
        db.close()
    return results


def split_unchanged(paths: Sequence[Path], db_path: Path | str) -> tuple[list[Path], list[Path]]:
    """(the files to ingest, the files the database holds already as they are now).

    A file is unchanged when its path is stored with the SHA-256 of its bytes today: a folder
    of reviews that grows is ingested again at the cost of hashing what it held before. The
    database is only read; a file that cannot be read, or a database this cannot read, means
    ingesting, where the one-line error comes from."""
    from .db import read_only_uri

    db_path = Path(db_path)
    if not db_path.is_file():
        return list(paths), []
    try:
        conn = sqlite3.connect(read_only_uri(db_path), uri=True)
        try:
            stored = dict(conn.execute("select path, sha256 from documents"))
        finally:
            conn.close()
    except sqlite3.Error:
        return list(paths), []
    changed: list[Path] = []
    unchanged: list[Path] = []
    for path in paths:
        digest = stored.get(file_name_text(str(path.resolve())))
        try:
            same = digest is not None and hashlib.sha256(path.read_bytes()).hexdigest() == digest
        except OSError:
            same = False
        (unchanged if same else changed).append(path)
    return changed, unchanged


# What a folder given to `reflink ingest` contributes: the files reflink reads (texts, PDFs,
# JATS articles), by their names; anything else in a folder of reviews (its README, notes,
# figures) is left alone. A file named on its own is read whatever its name (its content says
# what it is).
DOCUMENT_SUFFIXES = frozenset({".txt", ".pdf", ".xml", ".nxml"})


def expand_inputs(paths: Iterable[Path | str]) -> list[Path]:
    """Files as given; a folder → every document below it (DOCUMENT_SUFFIXES, any case), in
    path order, skipping hidden files and folders (".git") and files already named.

    A folder with no document is an InputError: a mistyped folder should not pass for an
    ingest of nothing. (Folders also spare the shell's limit on arguments: a corpus of 100,000
    files is one argument.)"""
    found: list[Path] = []
    seen: set[Path] = set()
    for path in map(Path, paths):
        if not path.is_dir():
            found.append(path)
            seen.add(path.resolve())
            continue
        documents = sorted(
            candidate
            for candidate in path.rglob("*")
            if candidate.suffix.lower() in DOCUMENT_SUFFIXES
            and not any(part.startswith(".") for part in candidate.relative_to(path).parts)
            and candidate.is_file()
        )
        if not documents:
            raise InputError(
                f"{path} is a folder with no .txt, .pdf or .xml file in it; nothing to ingest"
            )
        for document in documents:
            if document.resolve() not in seen:
                seen.add(document.resolve())
                found.append(document)
    return found
