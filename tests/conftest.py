"""Shared fixtures: the seed document, and its database built once per test run."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

from reflink.ingest import ingest_file

# CI explores the same examples on every run (Hypothesis's advice for CI), so a landing is never
# decided by the luck of one random draw; developers' runs keep exploring new ones.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "refs" / "alk-ros1-review.txt"


@pytest.fixture(scope="session")
def seed_path() -> Path:
    return SEED


@pytest.fixture(scope="session")
def seed_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed ingested once into a fresh database; tests read it, never write it."""
    db_path = tmp_path_factory.mktemp("seed") / "seed.db"
    ingest_file(SEED, db_path)
    return db_path
