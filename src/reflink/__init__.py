"""reflink: link every claim of a review to its numbered citations, entries and DOIs."""

from .ingest import IngestResult, ingest_file, parse_document

__all__ = ["IngestResult", "ingest", "ingest_file", "parse_document"]
__version__ = "0.1.0"

ingest = ingest_file
