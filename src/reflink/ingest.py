"""One document in, one transaction out: run the stages and write the result."""

from __future__ import annotations

import datetime
import hashlib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .citations import find_citations
from .claims import split_claims
from .db import open_db, write_document
from .errors import InputError
from .models import ParsedDocument
from .references import parse_references
from .textclean import clean_text, decode_text

# "https://doi.org/10.1039/c9ra02258a" printed in the document's own furniture
OWN_DOI = re.compile(r"(?:doi\.org/|DOI:\s*)(10\.\d{4,9}/[^\s,;]+[^\s.,;])", re.IGNORECASE)


def parse_document(text: str) -> ParsedDocument:
    """Decoded text → everything the stages find in it (no I/O)."""
    lines = clean_text(text)
    references, ref_problems = parse_references(lines)
    markers, marker_problems = find_citations(lines, references)
    sections, claims = split_claims(lines, markers, references)
    return ParsedDocument(
        lines=lines,
        references=references,
        markers=markers,
        sections=sections,
        claims=claims,
        problems=[*ref_problems, *marker_problems],
        doi=find_own_doi(text, {ref.doi for ref in references if ref.doi}),
    )


def find_own_doi(text: str, reference_dois: set[str]) -> str | None:
    """The most often printed DOI that is not one of the references' (the article's own)."""
    counts: dict[str, int] = {}
    for match in OWN_DOI.finditer(text):
        doi = match.group(1)
        if doi not in reference_dois:
            counts[doi] = counts.get(doi, 0) + 1
    return max(counts, key=counts.get) if counts else None


# refs/README.md: "- Article: … Metastasis manners …", RSC Advances, 2019, 9, 17921–17932." (the
# item may wrap onto indented lines), "- DOI: 10.1039/c9ra02258a (printed …)", "- Licence: …"
NOTE_ITEM = re.compile(r"^[-*]\s*(Article|Source|DOI|Licence|License):\s*(.*)$", re.IGNORECASE)
# "Creative Commons … 3.0 Unported (CC BY-NC 3.0), as printed in the article": keep the name
LICENCE_NAME = re.compile(r"^.*?\(CC[^)]*\)")


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
    doi = OWN_DOI.search("DOI: " + items["doi"]) if "doi" in items else None
    source_parts = [items.get("article") or items.get("source"), doi and f"doi:{doi.group(1)}"]
    source = "; ".join(part.rstrip(".") for part in source_parts if part) or None
    licence = items.get("licence")
    if licence:
        name = LICENCE_NAME.match(licence)
        licence = name.group(0) if name else licence.rstrip(".")
    return source, licence


def heading_names_file(heading: str) -> bool:
    """"# alk-ros1-review.txt" names a file; "# Sources" does not."""
    return heading.lstrip("# ").strip().endswith(".txt")


def format_ranges(numbers: Iterable[int]) -> str:
    """[1, 2, 3, 5, 7, 8] → "1–3, 5, 7–8"."""
    ordered = sorted(set(numbers))
    parts: list[str] = []
    i = 0
    while i < len(ordered):
        j = i
        while j + 1 < len(ordered) and ordered[j + 1] == ordered[j] + 1:
            j += 1
        parts.append(str(ordered[i]) if i == j else f"{ordered[i]}–{ordered[j]}")
        i = j + 1
    return ", ".join(parts)


@dataclass
class IngestResult:
    """What one ingest did, in counts a user can check against the text."""

    name: str
    document_id: int
    claims: int
    cited_claims: int
    markers: int
    citations: int
    entries: int
    partial_entries: int
    dangling: list[int] = field(default_factory=list)
    uncited: list[int] = field(default_factory=list)
    problems: int = 0

    def summary(self) -> str:
        """One line of counts: what a user reads after `reflink ingest`."""
        text = (
            f"{self.name}: {self.markers} markers → {self.citations} citations, "
            f"{self.claims} claims ({self.cited_claims} cited), {self.entries} entries"
        )
        if self.partial_entries:
            text += f" ({self.partial_entries} partial)"
        text += f", {len(self.dangling)} numbers without an entry"
        if self.dangling:
            text += f" ({format_ranges(self.dangling)})"
        if self.uncited:
            text += f", {len(self.uncited)} entries never cited ({format_ranges(self.uncited)})"
        if self.problems:
            text += f", {self.problems} problems"
        return text


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
    )


def read_document(path: Path) -> str:
    """Read and decode a document, with a one-line error for anything that is not text."""
    if not path.exists():
        raise InputError(f"{path} does not exist")
    if path.is_dir():
        raise InputError(f"{path} is a directory, not a text file")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror}") from exc
    return decode_text(data, name=str(path))


def ingest_file(
    path: Path | str,
    db_path: Path | str,
    *,
    allow_missing_references: bool = False,
    on_progress: Callable[[int], None] = lambda step: None,
) -> IngestResult:
    """Parse one text file and write it into the database in one transaction."""
    path = Path(path)
    text = read_document(path)
    on_progress(1)
    doc = parse_document(text)
    on_progress(1)
    if not doc.markers:
        raise InputError(f"{path}: no citation markers found; is this the text of an article?")
    if not doc.references and not allow_missing_references:
        raise InputError(
            f"{path}: no reference list found (use --allow-missing-references to ingest "
            "the citations alone)"
        )
    sha256 = hashlib.sha256(text.encode("utf-8")).hexdigest()
    source, licence = read_source_notes(path)
    db = open_db(db_path)
    try:
        with db.atomic():
            document_id = write_document(
                db, doc, path=str(path.resolve()), name=path.name, sha256=sha256,
                source=source, licence=licence,
                ingested_at=datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
            )
    finally:
        db.close()
    on_progress(1)
    return summarize(path.name, document_id, doc)
