"""A writer killed inside its transaction, for the tests of what readers then do (#18).

It leaves a hot journal beside the database: a reader that rolled it back would write, one that
ignored it (immutable) would read a half-done write.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

CUT_OFF_WRITE = """
import os, sqlite3, sys
conn = sqlite3.connect(sys.argv[1])
conn.execute("pragma cache_size = 1")  # spill changed pages into the file before the kill
conn.execute("begin")
conn.execute("update claims set text = text || ' (half-written)'")
conn.execute("delete from citations")
os._exit(9)
"""


def cut_off_write(db: Path) -> None:
    """Start a write to `db` in another process and kill it before it commits."""
    subprocess.run([sys.executable, "-c", CUT_OFF_WRITE, str(db)], check=False)
    assert db.with_name(db.name + "-journal").exists(), "a hot journal to roll back"
