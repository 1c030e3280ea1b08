"""Datasette plugin: `fts_words(text)`, the SQL function the canned search queries match with.

Datasette's `escape_fts` passes an unbalanced quote through ('a"b' → '"a"b"', an FTS5 syntax
error) and an empty box through ('' → '', also an error). A search box should never answer with
an error: each word becomes one quoted FTS5 term (all must match, in any order), and no words
become '""', which matches nothing.
"""

from __future__ import annotations

from datasette import hookimpl


def fts_words(text: str | None) -> str:
    """Free text → an FTS5 query: every whitespace-separated word, quoted, all required."""
    words = [word.replace('"', "") for word in (text or "").split()]
    return " ".join(f'"{word}"' for word in words if word) or '""'


@hookimpl
def prepare_connection(conn):
    conn.create_function("fts_words", 1, fts_words, deterministic=True)
