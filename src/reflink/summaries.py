"""What a command did, as one JSON object (or CSV rows) for scripts: `--json` and `--csv`.

The counts are the summary dataclasses' own fields (`ResolveSummary`, `FillSummary`,
`CheckSummary`), so the JSON says exactly what the one-line summary says, plus the line itself
(`summary`) and the database written (`database`). docs/scripting.md lists the keys.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict
from pathlib import Path
from typing import Any

from .models import format_ranges


def summary_object(result: Any, db_path: Path, *, written: bool = True) -> dict[str, Any]:
    """One command's summary dataclass → a JSON object: its fields, `summary`, `database`."""
    row = asdict(result)
    if "statuses" in row:
        # check-sources: the flagged entries counted by kind ({"retraction": 2, …})
        row["flagged"] = dict(sorted(Counter(s for s in row.pop("statuses") if s).items()))
    row["summary"] = result.summary()
    row["database"] = str(db_path)
    row["written"] = written
    return row


def fill_object(results: list[Any], db_path: Path) -> dict[str, Any]:
    """`fill-references`: one object with a row per document."""
    return {
        "documents": [{**asdict(result), "summary": result.summary()} for result in results],
        "database": str(db_path),
        "written": True,
    }


def fill_rows(results: list[Any]) -> list[dict[str, Any]]:
    """`fill-references --csv`: a flat row per document (filled numbers as "1–9, 12")."""
    rows = []
    for result in results:
        row = asdict(result)
        row["filled"] = format_ranges(result.filled)
        rows.append(row)
    return rows


__all__ = ["fill_object", "fill_rows", "summary_object"]
