"""Datasette plugin: `fts_words(text)`, the SQL function the canned search queries match with.

Datasette's `escape_fts` passes an unbalanced quote through ('a"b' → '"a"b"', an FTS5 syntax
error) and an empty box through ('' → '', also an error). A search box should never answer with
an error: each word becomes one quoted FTS5 term (all must match, in any order), and no words
become '""', which matches nothing.
"""

from __future__ import annotations

import re

from datasette import hookimpl

# A word as FTS5's unicode61 tokenizer sees one: letters and digits, and private-use characters
# (an unmapped ligature inside "identi\ue103ed" does not split the word)
WORD = re.compile(r"(?:[^\W_]|[\ue000-\uf8ff])+")


def fts_words(text: str | None) -> str:
    """Free text → an FTS5 query: every word, quoted, all required.

    A sentence pasted from the article keeps its citation markers ("CNS activity.112"), which
    the stored claim does not: numbers standing beside words are dropped; a query of numbers
    alone ("2017") keeps them."""
    words = WORD.findall(text or "")
    plain = [word for word in words if not word.isdigit()]
    return " ".join(f'"{word}"' for word in plain or words) or '""'


@hookimpl
def prepare_connection(conn):
    conn.create_function("fts_words", 1, fts_words, deterministic=True)
