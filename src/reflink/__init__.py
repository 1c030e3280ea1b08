"""reflink: link every claim of a review to its numbered citations, entries and DOIs.

`import reflink` is cheap: the parsers (and their word tables and models) load on first use of
`reflink.ingest_file`, `reflink.parse_document` or `reflink.IngestResult`.
"""

from __future__ import annotations

from typing import Any

__all__ = ["IngestResult", "ingest_file", "parse_document"]
__version__ = "0.1.0"

# `reflink.ingest` is the module (Python binds a package's submodule to its name once it is
# imported, so an alias of that name could not stay a function); its entry point is ingest_file
_FROM_INGEST = ("IngestResult", "ingest_file", "parse_document")


def __getattr__(name: str) -> Any:
    # PEP 562: the library API without importing the pipeline at `import reflink`
    if name in _FROM_INGEST:
        from . import ingest as _ingest

        return getattr(_ingest, name)
    raise AttributeError(f"module 'reflink' has no attribute {name!r}")
