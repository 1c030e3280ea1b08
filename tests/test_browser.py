"""One real browser on one real `reflink serve`: headless Chromium renders "Sources behind a
claim" for a query, the page shows the reference and its doi.org link, and it takes a
screenshot; with REFLINK_SCREENSHOT=1 that screenshot becomes the README's
(docs/screenshot-claims.png).

Chromium is the Debian package `chromium` (`make test` installs it where it can); without it
this test is skipped with the reason.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlencode

import pytest
from markupsafe import escape

from reflink.web import database_name
from reflink.web.plugins.reflink_links import doi_link

ROOT = Path(__file__).resolve().parent.parent
# The README's picture is refreshed on request (REFLINK_SCREENSHOT=1 make test), so an ordinary
# test run leaves the work tree clean; otherwise the screenshot goes to the test's tmp_path.
README_SCREENSHOT = ROOT / "docs" / "screenshot-claims.png"
CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")

pytestmark = pytest.mark.browser


def find_chromium() -> str | None:
    return next((path for name in CHROMIUM_NAMES if (path := shutil.which(name))), None)


def find_free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_server(url: str, process: subprocess.Popen, timeout_s: float = 30) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"reflink serve exited early: {process.stderr.read()}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise AssertionError(f"reflink serve did not answer {url} within {timeout_s} s")


@pytest.fixture(scope="module")
def chromium() -> str:
    path = find_chromium()
    if path is None:
        pytest.skip(
            "Chromium not found (looked for " + ", ".join(CHROMIUM_NAMES) + "); "
            "install the Debian package `chromium` (make test does it when run as root)"
        )
    return path


@pytest.fixture(scope="module")
def server(seed_db: Path) -> Iterator[str]:
    """`reflink serve` on the seed, on a free loopback port, stopped after the module."""
    port = find_free_port()
    process = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "from reflink.cli import cli; cli()",
            "serve",
            "--db",
            str(seed_db),
            "--port",
            str(port),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for_server(f"{base}/-/versions.json", process)
        yield f"{base}/{database_name(seed_db)}"
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def run_chromium(chromium: str, profile: Path, *args: str) -> str:
    result = subprocess.run(
        [
            chromium,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--hide-scrollbars",
            f"--user-data-dir={profile}",
            *args,
        ],
        capture_output=True,
        text=True,
        timeout=90,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout


def cited_source(seed_db: Path) -> sqlite3.Row:
    """A claim citing a reference with a DOI; entry 119 (DOI printed in the list) first."""
    conn = sqlite3.connect(f"{seed_db.as_uri()}?mode=ro", uri=True)
    conn.row_factory = sqlite3.Row
    try:
        return conn.execute(
            "select claims.text as claim, refs.number, refs.raw, refs.doi from citations "
            "join claims on claims.id = citations.claim_id "
            "join refs on refs.id = citations.ref_id where refs.doi is not null "
            "order by refs.number != 119, citations.id limit 1"
        ).fetchone()
    finally:
        conn.close()


def search_word(seed_db: Path, claim: str) -> str:
    """A word of the claim that a few other claims share too (a fuller screenshot), else its
    longest word."""
    conn = sqlite3.connect(f"{seed_db.as_uri()}?mode=ro", uri=True)
    try:
        words = sorted(set(re.findall(r"\b[A-Za-z]{6,}\b", claim)), key=lambda w: (-len(w), w))
        counts = {
            word: conn.execute(
                "select count(*) from claims_fts where claims_fts match ?", [f'"{word}"']
            ).fetchone()[0]
            for word in words
        }
    finally:
        conn.close()
    shared = [word for word in words if 2 <= counts[word] <= 4]
    return max(shared, key=counts.get) if shared else words[0]


def test_sources_behind_a_claim_in_a_real_browser(chromium, server, seed_db, tmp_path) -> None:
    source = cited_source(seed_db)
    assert source is not None, "the seed parse links no claim to a reference with a DOI"
    word = search_word(seed_db, source["claim"])
    url = f"{server}/sources_behind_a_claim?{urlencode({'words': word})}"

    dom = run_chromium(chromium, tmp_path / "profile", "--dump-dom", url)

    assert "Sources behind a claim" in dom
    assert str(escape(source["raw"])) in dom
    assert str(doi_link(source["doi"])) in dom  # <a href="https://doi.org/…" class="doi">
    # one row per claim, its sources inside it; results, not SQL
    assert "claims-with-sources" in dom and "Custom SQL query" not in dom
    assert 'value="Show sources"' in dom

    shot = README_SCREENSHOT if os.environ.get("REFLINK_SCREENSHOT") else tmp_path / "claims.png"
    shot.parent.mkdir(exist_ok=True)
    run_chromium(
        chromium,
        tmp_path / "profile",
        "--window-size=1280,1000",
        f"--screenshot={shot}",
        url,
    )
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_claim_page_in_a_real_browser(chromium, server, seed_db, tmp_path) -> None:
    """The claim page: the sentence highlighted in its paragraph, and the entry its paragraph
    cites when the sentence itself cites none."""
    conn = sqlite3.connect(f"{seed_db.as_uri()}?mode=ro", uri=True)
    try:
        claim_id, number, raw_doi = conn.execute(
            "select claim_context.claim_id, claim_context.number, refs.doi from claim_context"
            " join refs on refs.id = claim_context.ref_id order by refs.doi is null,"
            " abs(claim_context.distance) desc, claim_context.id limit 1"
        ).fetchone()
        text = conn.execute("select text from claims where id = ?", [claim_id]).fetchone()[0]
    finally:
        conn.close()
    dom = run_chromium(chromium, tmp_path / "profile", "--dump-dom", f"{server}/claims/{claim_id}")
    assert f'<mark class="this-claim">{escape(text)}</mark>' in dom
    assert "no citation in this sentence; its paragraph cites" in dom
    assert f'<span class="ref-number">[{number}]</span>' in dom
    if raw_doi:
        assert f'href="https://doi.org/{raw_doi}"' in dom
