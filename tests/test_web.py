"""The Datasette view, read through Datasette's own in-process client (no network).

Expected rows and counts come from the seed database itself (the parsing stages improve in
parallel), so every assertion says "the page shows what the database holds".
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import re
import socket
import sqlite3
import unicodedata
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from markupsafe import Markup

from killed import cut_off_write
from reflink.cli import cli
from reflink.errors import DatabaseError
from reflink.ingest import read_source_notes
from reflink.web import (
    METADATA_FILE,
    build_metadata,
    database_name,
    licence_url,
    make_datasette,
    needs_upgrade,
)
from reflink.web.plugins.reflink_links import doi_link, render_cell, web_link
from reflink.web.plugins.reflink_search import fts_words

CONTRACT_TABLES = ["documents", "sections", "claims", "refs", "citations", "problems"]
VIEWS = ["claim_sources", "dangling_citations"]
QUERIES = [
    "sources_behind_a_claim",
    "claims_citing_reference",
    "claims_citing_a_doi",
    "dangling_numbers",
    "claims_resting_on_flagged_sources",
    "most_cited_references",
]


@pytest.fixture(scope="module")
def seed_sha256(seed_db: Path) -> str:
    return hashlib.sha256(seed_db.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def ds(seed_db: Path, seed_sha256: str):
    return make_datasette(seed_db)


@pytest.fixture(scope="module")
def name(seed_db: Path) -> str:
    return database_name(seed_db)


@pytest.fixture(scope="module")
def conn(seed_db: Path):
    connection = sqlite3.connect(f"{seed_db.as_uri()}?mode=ro", uri=True)
    connection.row_factory = sqlite3.Row
    yield connection
    connection.close()


def get(ds, path: str):
    return asyncio.run(ds.client.get(path))


def get_json(ds, path: str) -> Any:
    response = get(ds, path)
    assert response.status_code == 200, response.text[:500]
    return response.json()


def query_rows(ds, name: str, query: str, **params: str) -> list[dict]:
    """A canned query's rows, through the JSON the page itself is built from."""
    args = "&".join(f"{key}={value}" for key, value in params.items())
    return get_json(ds, f"/{name}/{query}.json?_shape=array&{args}")


# --- tables and views ----------------------------------------------------------------------


@pytest.mark.parametrize("table", CONTRACT_TABLES + VIEWS)
def test_every_table_and_view_answers_with_all_its_rows(ds, name, conn, table: str) -> None:
    page = get_json(ds, f"/{name}/{table}.json?_shape=objects&_size=max&_nofacet=1")
    count = conn.execute(f"select count(*) from [{table}]").fetchone()[0]
    assert page["filtered_table_rows_count"] == count
    assert len(page["rows"]) == min(count, 1000)
    assert get(ds, f"/{name}/{table}").status_code == 200


def test_database_page_lists_tables_and_canned_queries(ds, name) -> None:
    html = get(ds, f"/{name}").text
    for table in CONTRACT_TABLES:
        assert f'href="/{name}/{table}"' in html
    described = yaml.safe_load(METADATA_FILE.read_text())["databases"]["reflink"]
    assert described["description"][:60] in html.replace("&#34;", '"')
    for title in [
        "Sources behind a claim",
        "Claims citing reference N",
        "Dangling citations",
        "Most cited references",
    ]:
        assert title in html


def test_metadata_describes_every_table_and_column(seed_db: Path, conn) -> None:
    """Each table, view and column of the database has a title or a description."""
    tables = build_metadata(seed_db)["databases"][database_name(seed_db)]["tables"]
    names = [
        row[0]
        for row in conn.execute(
            "select name from sqlite_master where type in ('table', 'view') "
            "and name not like '%_fts%' and name not like 'sqlite_%' and name not like '\\_%' "
            "escape '\\'"
        )
    ]
    undescribed = [table for table in names if not tables.get(table, {}).get("description")]
    assert not undescribed, f"describe these tables in {METADATA_FILE}"
    for table in CONTRACT_TABLES + VIEWS:
        columns = [row[1] for row in conn.execute(f"pragma table_info([{table}])")]
        missing = [c for c in columns if c not in tables[table].get("columns", {})]
        assert not missing, f"describe {table}.{missing} in {METADATA_FILE}"


def test_table_page_shows_title_description_and_column_descriptions(ds, name) -> None:
    html = get(ds, f"/{name}/citations").text
    described = yaml.safe_load(METADATA_FILE.read_text())["databases"]["reflink"]["tables"]
    assert described["citations"]["title"] in html
    assert "dangling" in html
    assert 'data-column-description="One reference number the marker stands for."' in html


# --- documents: source and licence ---------------------------------------------------------


def test_documents_show_the_seed_source_and_licence(ds, name) -> None:
    (document,) = get_json(ds, f"/{name}/documents.json?_shape=array")
    assert document["licence"].endswith("(CC BY-NC 3.0)")
    assert "RSC Advances, 2019" in document["source"]
    assert document["source"].endswith("doi:10.1039/c9ra02258a")
    html = get(ds, f"/{name}").text
    assert 'href="https://creativecommons.org/licenses/by-nc/3.0/"' in html
    assert 'href="https://doi.org/10.1039/c9ra02258a"' in html


def test_documents_table_links_the_source_doi(ds, name) -> None:
    html = get(ds, f"/{name}/documents").text
    assert '<a href="https://doi.org/10.1039/c9ra02258a" class="doi">10.1039/c9ra02258a</a>' in html


@pytest.mark.parametrize(
    ("readme", "source", "licence"),
    [
        pytest.param(
            '# review.txt\n\n- Article: "A title", Some Journal,\n  2020, 1, 2–3.\n'
            "- DOI: 10.1000/abc (printed at line 4).\n"
            "- Licence: Creative Commons Attribution 4.0 (CC BY 4.0), as printed.\n"
            "# other.txt\n\n- Licence: All rights reserved.\n",
            '"A title", Some Journal, 2020, 1, 2–3; doi:10.1000/abc',
            "Creative Commons Attribution 4.0 (CC BY 4.0)",
            id="section-of-this-file-only",
        ),
        pytest.param(
            "Texts for testing.\n\n- Source: our own lab notes.\n- License: public domain.\n",
            "our own lab notes",
            "public domain",
            id="one-readme-for-every-text",
        ),
        pytest.param(
            "# other.txt\n\n- Licence: CC0\n",
            None,
            None,
            id="readme-about-other-files",
        ),
    ],
)
def test_read_source_notes(tmp_path: Path, readme: str, source, licence) -> None:
    (tmp_path / "README.md").write_text(readme)
    assert read_source_notes(tmp_path / "review.txt") == (source, licence)


def test_no_readme_means_no_source_notes(tmp_path: Path) -> None:
    assert read_source_notes(tmp_path / "review.txt") == (None, None)


@pytest.mark.parametrize(
    ("licence", "url"),
    [
        (
            "Creative Commons Attribution-NonCommercial 3.0 Unported (CC BY-NC 3.0)",
            "https://creativecommons.org/licenses/by-nc/3.0/",
        ),
        ("CC BY 4.0", "https://creativecommons.org/licenses/by/4.0/"),
        ("All rights reserved", None),
    ],
)
def test_licence_url(licence: str, url: str | None) -> None:
    assert licence_url(licence) == url


# --- facets ----------------------------------------------------------------------------------


def facet(ds, name: str, table: str, facet_name: str) -> dict:
    page = get_json(ds, f"/{name}/{table}.json?_size=0&_facet_size=max")
    return page["facet_results"][facet_name]


@pytest.mark.parametrize(
    ("table", "column"),
    [
        ("claims", "section_id"),
        ("claims", "document_id"),
        ("citations", "number"),
        ("citations", "document_id"),
        ("refs", "journal"),
        ("refs", "year"),
        ("refs", "kind"),
    ],
)
def test_default_column_facets_count_what_the_database_holds(
    ds, name, conn, table: str, column: str
) -> None:
    shown = {row["value"]: row["count"] for row in facet(ds, name, table, column)["results"]}
    held = dict(
        conn.execute(
            f"select [{column}], count(*) from [{table}] where [{column}] is not null group by 1"
        ).fetchall()
    )
    assert shown == held


@pytest.mark.parametrize(
    ("table", "facet_name", "column", "present", "absent"),
    [
        ("citations", "linked", "ref_id", "linked", "dangling"),
        ("refs", "has DOI", "doi", "has DOI", "no DOI"),
    ],
)
def test_presence_facets_count_set_and_empty(
    ds, name, conn, table: str, facet_name: str, column: str, present: str, absent: str
) -> None:
    shown = {row["label"]: row["count"] for row in facet(ds, name, table, facet_name)["results"]}
    set_count, total = conn.execute(f"select count([{column}]), count(*) from [{table}]").fetchone()
    expected = {present: set_count, absent: total - set_count}
    assert shown == {label: count for label, count in expected.items() if count}


def test_presence_facet_links_filter_to_its_rows(ds, name, conn) -> None:
    for row in facet(ds, name, "citations", "linked")["results"]:
        path = row["toggle_url"].replace("http://localhost", "")
        page = get_json(ds, path.replace(f"/{name}/citations?", f"/{name}/citations.json?"))
        assert page["filtered_table_rows_count"] == row["count"]


def test_citations_show_claim_text_and_reference_as_labels(ds, name, conn) -> None:
    rows = get_json(ds, f"/{name}/citations.json?_shape=array&_labels=on&_size=max")
    claims = dict(conn.execute("select id, text from claims"))
    refs = dict(conn.execute("select id, raw from refs"))
    for row in rows:
        if row["claim_id"] is not None:
            assert row["claim_id"]["label"] == claims[row["claim_id"]["value"]]
        if row["ref_id"] is not None:
            assert row["ref_id"]["label"] == refs[row["ref_id"]["value"]]


# --- full-text search --------------------------------------------------------------------------


def fts_tokens(text: str) -> set[str]:
    """The tokens FTS5's unicode61 tokenizer makes: runs of letters, digits and private-use
    characters (the seed's unmapped ligatures, "identi\ue103ed", stay inside a word)."""
    tokens, current = set(), []
    for char in text.lower() + " ":
        if unicodedata.category(char)[0] in "LN" or unicodedata.category(char) == "Co":
            current.append(char)
        elif current:
            tokens.add("".join(current))
            current = []
    return tokens


def words_in_exactly(texts: list[str]) -> list[tuple[str, int]]:
    """Plain words and the number of texts each is in, most common first; only words with no
    other form in the texts (same first four letters: "showed" and "shows" share the stem
    "show"), so stemming cannot widen the match."""
    token_sets = [fts_tokens(text) for text in texts]
    everything = set().union(*token_sets)
    counts = Counter(token for tokens in token_sets for token in tokens)
    return [
        (word, k)
        for word, k in counts.most_common()
        if re.fullmatch(r"[a-z]{6,}", word)
        and [t for t in everything if t[:4] == word[:4]] == [word]
    ]


def test_search_for_a_word_in_k_claims_returns_k_rows(ds, name, conn) -> None:
    candidates = words_in_exactly([text for (text,) in conn.execute("select text from claims")])
    assert candidates, "the seed's claims have words to search for"
    for word, k in candidates[:5]:
        page = get_json(ds, f"/{name}/claims.json?_search={word}&_size=max&_nofacet=1")
        assert page["filtered_table_rows_count"] == k, word


def test_search_claim_sources_view_by_its_claims_text(ds, name, conn) -> None:
    texts = [text for (text,) in conn.execute("select text from claims")]
    word, _ = words_in_exactly(texts)[0]
    page = get_json(
        ds, f"/{name}/claim_sources.json?_search={word}&_size=max&_nofacet=1&_shape=objects"
    )
    held = conn.execute(
        "select count(*) from claim_sources where claim_id in "
        "(select rowid from claims_fts where claims_fts match ?)",
        [fts_words(word)],
    ).fetchone()[0]
    assert page["filtered_table_rows_count"] == held
    assert all(word in fts_tokens(row["claim"]) for row in page["rows"])


def test_search_references_from_the_table_page(ds, name, conn) -> None:
    texts = [
        " ".join(field or "" for field in row)
        for row in conn.execute("select raw, title, authors, journal from refs")
    ]
    word, k = words_in_exactly(texts)[0]
    page = get_json(ds, f"/{name}/refs.json?_search={word}&_size=max&_nofacet=1")
    assert page["filtered_table_rows_count"] == k
    assert 'name="_search"' in get(ds, f"/{name}/refs").text
    assert 'name="_search"' in get(ds, f"/{name}/claims").text


# --- canned queries ----------------------------------------------------------------------------


def test_claims_citing_reference_112_are_the_lines_that_cite_it(ds, name, conn) -> None:
    rows = query_rows(ds, name, "claims_citing_reference", number="112")
    expected = conn.execute(
        "select citations.line, citations.claim_id, claims.text from citations "
        "left join claims on claims.id = citations.claim_id "
        "where citations.number = 112 order by citations.line, citations.position"
    ).fetchall()
    assert [(r["line"], r["claim_id"], r["claim"]) for r in rows] == [tuple(e) for e in expected]
    # the text prints "…indicating that brigatinib may have excellent CNS activity.112" on 614
    (at_614,) = [row for row in rows if row["line"] == 614]
    assert at_614["claim"].endswith("brigatinib may have excellent CNS activity.")


def test_claims_citing_reference_for_every_cited_number(ds, name, conn) -> None:
    cited = dict(conn.execute("select number, count(*) from citations group by number"))
    assert cited, "the seed has citations"
    for number, count in cited.items():
        rows = query_rows(ds, name, "claims_citing_reference", number=str(number))
        assert len(rows) == count, number
        assert {row["marker"] for row in rows} <= {
            m for (m,) in conn.execute("select marker from citations where number = ?", [number])
        }


@pytest.mark.parametrize(
    "attack",
    [
        pytest.param("112 or 1=1", id="or-true"),
        pytest.param("112; drop table claims", id="stacked"),
        pytest.param("0 union select * from claims", id="union"),
        pytest.param("' or ''='", id="quote-trick"),
    ],
)
def test_sql_looking_parameter_returns_nothing_extra(ds, name, conn, attack: str) -> None:
    """The number is compared as a value, and the words are searched as words: every claim
    found holds each word of the parameter (or a form of it; numbers beside words are dropped
    as citation markers), nothing else comes back."""
    from urllib.parse import quote

    assert query_rows(ds, name, "claims_citing_reference", number=quote(attack)) == []
    rows = query_rows(ds, name, "sources_behind_a_claim", words=quote(attack))
    words = {word.lower() for word in re.findall(r'"([^"]+)"', fts_words(attack))}
    texts = dict(conn.execute("select id, text from claims"))
    for row in rows:
        tokens = fts_tokens(texts[row["claim_id"]])
        assert all(any(t.startswith(w.rstrip("s")) for t in tokens) for w in words), row


def linked_claim(conn) -> sqlite3.Row | None:
    """A claim whose citation reaches a reference entry: preferably one with a DOI."""
    return conn.execute(
        "select claims.id, claims.text, refs.raw, refs.doi from citations "
        "join claims on claims.id = citations.claim_id join refs on refs.id = citations.ref_id "
        "order by refs.doi is null, citations.id limit 1"
    ).fetchone()


def distinctive_words(text: str, count: int = 3) -> list[str]:
    """The longest plain words of a sentence: enough to find it again."""
    words = sorted(set(re.findall(r"\b[A-Za-z]{5,}\b", text)), key=lambda w: (-len(w), w))
    return words[:count]


def test_sources_behind_a_claim_finds_the_claim_and_its_references(ds, name, conn) -> None:
    claim = linked_claim(conn) or conn.execute("select id, text from claims limit 1").fetchone()
    words = distinctive_words(claim["text"])
    rows = query_rows(ds, name, "sources_behind_a_claim", words="+".join(words))
    matched = {
        rowid
        for (rowid,) in conn.execute(
            "select rowid from claims_fts where claims_fts match ?", [fts_words(" ".join(words))]
        )
    }
    assert claim["id"] in matched
    assert {row["claim_id"] for row in rows} == matched
    expected = conn.execute(
        f"select claims.id, citations.number, refs.raw, refs.doi from claims "
        f"left join citations on citations.claim_id = claims.id "
        f"left join refs on refs.id = citations.ref_id "
        f"where claims.id in ({','.join('?' * len(matched))})",
        list(matched),
    ).fetchall()
    assert sorted(
        (r["claim_id"], r["number"] or 0, r["reference"] or "", r["doi"] or "") for r in rows
    ) == sorted((e[0], e[1] or 0, e[2] or DANGLING_TEXT * bool(e[1]), e[3] or "") for e in expected)


DANGLING_TEXT = "not in the reference list"


def test_sources_behind_a_claim_says_when_a_number_has_no_entry(ds, name, conn) -> None:
    # "ensartinib … (56,59)": the seed's list lacks 56 and 59, and the page says so
    rows = query_rows(ds, name, "sources_behind_a_claim", words="ensartinib")
    by_number = {row["number"]: row["reference"] for row in rows if row["number"]}
    assert by_number[56] == by_number[59] == DANGLING_TEXT
    assert by_number[119].startswith("T. Li, W. Ma and E. C. Tian")


def test_sources_behind_a_claim_shows_the_50_best_claims(ds, name, conn) -> None:
    # a common word matches many claims; the page keeps the 50 best ranked, not hundreds
    matching = conn.execute(
        "select count(*) from claims_fts where claims_fts match 'patients'"
    ).fetchone()[0]
    rows = query_rows(ds, name, "sources_behind_a_claim", words="patients")
    assert matching > 50
    assert len({row["claim_id"] for row in rows}) == 50


def test_sources_behind_a_claim_page_links_dois(ds, name, conn) -> None:
    claim = linked_claim(conn)
    if claim is None or claim["doi"] is None:
        pytest.skip("the seed parse has no claim citing a reference with a DOI")
    words = "+".join(distinctive_words(claim["text"]))
    html = get(ds, f"/{name}/sources_behind_a_claim?words={words}").text
    assert str(doi_link(claim["doi"])) in html


@pytest.mark.parametrize("words", ["", "   ", '"', "zzzzqqq", "NEAR(", "a* OR b"])
def test_sources_behind_a_claim_never_errors(ds, name, words: str) -> None:
    from urllib.parse import quote

    response = get(ds, f"/{name}/sources_behind_a_claim.json?words={quote(words)}")
    assert response.status_code == 200


@pytest.mark.parametrize(
    "spelling",
    [
        pytest.param("{doi}", id="bare"),
        pytest.param("https://doi.org/{doi}", id="link"),
        pytest.param("doi:{DOI}", id="prefix-upper-case"),
        # every form the link plugin accepts finds the same claims (issue 13)
        pytest.param("DOI:{doi}", id="DOI-colon"),
        pytest.param("doi: {doi}", id="doi-colon-space"),
        pytest.param("https://dx.doi.org/{doi}", id="dx-link"),
        pytest.param("http://doi.org/{doi}", id="http-link"),
        pytest.param("  {doi} ", id="padded"),
    ],
)
def test_claims_citing_a_doi(ds, name, conn, spelling: str) -> None:
    from urllib.parse import quote

    ref = conn.execute(
        "select refs.id, refs.doi from refs join citations on citations.ref_id = refs.id "
        "where refs.doi is not null order by refs.id limit 1"
    ).fetchone()
    if ref is None:
        pytest.skip("the seed parse links no citation to a reference with a DOI")
    doi = spelling.format(doi=ref["doi"], DOI=ref["doi"].upper())
    rows = query_rows(ds, name, "claims_citing_a_doi", doi=quote(doi))
    held = conn.execute(
        "select line, claim_id from citations where ref_id in "
        "(select id from refs where lower(doi) = lower(?)) order by line, position",
        [ref["doi"]],
    ).fetchall()
    assert [(row["line"], row["claim_id"]) for row in rows] == [tuple(h) for h in held]


def test_dangling_citations_query_counts_every_dangling_citation(ds, name, conn) -> None:
    rows = query_rows(ds, name, "dangling_numbers")
    held = dict(
        conn.execute("select number, count(*) from citations where ref_id is null group by number")
    )
    assert {row["number"]: row["times_cited"] for row in rows} == held
    view = get_json(ds, f"/{name}/dangling_citations.json?_size=0&_nofacet=1")
    assert view["filtered_table_rows_count"] == sum(held.values())


def test_most_cited_references_in_order(ds, name, conn) -> None:
    rows = query_rows(ds, name, "most_cited_references")
    held = dict(
        conn.execute(
            "select ref_id, count(*) from citations where ref_id is not null group by ref_id"
        )
    )
    assert {row["ref_id"]: row["citations"] for row in rows} == dict(
        sorted(held.items(), key=lambda item: -item[1])[:100]
    )
    assert [row["citations"] for row in rows] == sorted(
        (row["citations"] for row in rows), reverse=True
    )


@pytest.mark.parametrize("query", QUERIES)
def test_every_canned_query_page_answers(ds, name, query: str) -> None:
    response = get(ds, f"/{name}/{query}?words=crizotinib&number=112")
    assert response.status_code == 200
    assert "Custom SQL query" in response.text or "rows" in response.text


# --- read-only ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sql",
    [
        "delete from claims",
        "update refs set doi = 'x'",
        "insert into problems (message) values ('x')",
        "drop table citations",
    ],
)
def test_writes_are_refused(ds, name, conn, sql: str) -> None:
    from urllib.parse import quote

    before = conn.execute("select count(*) from claims").fetchone()[0]
    response = get(ds, f"/{name}.json?sql={quote(sql)}")
    assert response.status_code == 400
    assert conn.execute("select count(*) from claims").fetchone()[0] == before


def test_database_is_served_read_only_and_file_unchanged(ds, name, seed_db, seed_sha256) -> None:
    with pytest.raises(sqlite3.OperationalError, match="reflink serve is read-only"):
        asyncio.run(ds.get_database(name).execute_write("delete from claims"))
    assert get_json(ds, f"/{name}/claims.json?_shape=array&_size=1")  # still answering
    assert hashlib.sha256(seed_db.read_bytes()).hexdigest() == seed_sha256


def test_a_document_ingested_while_serving_shows_at_once(tmp_path: Path, seed_path: Path) -> None:
    """Immutable mode read the file once: documents ingested after `serve` started never
    showed. The view now reads the database as it is at each page."""
    from reflink.ingest import ingest_file

    db_path = tmp_path / "live.db"
    ingest_file(seed_path, db_path)
    live = make_datasette(db_path)
    documents = f"/{database_name(db_path)}/documents.json?_shape=array"
    assert [row["name"] for row in get_json(live, documents)] == ["alk-ros1-review.txt"]
    second = tmp_path / "second.txt"
    second.write_text(seed_path.read_text(encoding="utf-8"), encoding="utf-8")
    ingest_file(second, db_path)
    assert [row["name"] for row in get_json(live, documents)] == [
        "alk-ros1-review.txt",
        "second.txt",
    ]


# --- plugins, called as plain functions ---------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "html"),
    [
        pytest.param(
            "10.1039/c9ra02258a",
            '<a href="https://doi.org/10.1039/c9ra02258a" class="doi">10.1039/c9ra02258a</a>',
            id="bare",
        ),
        pytest.param(
            "doi:10.21037/cco.2018.10.12",
            '<a href="https://doi.org/10.21037/cco.2018.10.12" class="doi">'
            "10.21037/cco.2018.10.12</a>",
            id="doi-prefix",
        ),
        pytest.param(
            "https://doi.org/10.1002/(SICI)1097-0142<2>",
            '<a href="https://doi.org/10.1002/(SICI)1097-0142%3C2%3E" class="doi">'
            "10.1002/(SICI)1097-0142&lt;2&gt;</a>",
            id="angle-brackets-escaped",
        ),
        pytest.param("not a doi", None, id="text"),
    ],
)
def test_doi_link(value: str, html: str | None) -> None:
    link = doi_link(value)
    assert (None if link is None else str(link)) == html


def test_doi_link_attribute_cannot_be_broken_out_of() -> None:
    link = str(doi_link('10.1000/x"onmouseover="alert(1)'))
    assert 'onmouseover="' not in link


def test_render_cell_links_doi_pmid_and_url_columns_only() -> None:
    assert isinstance(render_cell("10.1000/abc", "doi", "refs", "db", None), Markup)
    assert str(render_cell("2589580", "pmid", "refs", "db", None)) == (
        '<a href="https://pubmed.ncbi.nlm.nih.gov/2589580/" class="pmid">2589580</a>'
    )
    assert render_cell("2589580<b>", "pmid", "refs", "db", None) is None
    assert isinstance(render_cell("https://example.org/x", "url", None, "db", None), Markup)
    assert render_cell("10.1000/abc", "raw", "refs", "db", None) is None
    assert render_cell(None, "doi", "refs", "db", None) is None
    assert web_link("javascript:alert(1)") is None


@pytest.mark.parametrize(
    ("text", "query"),
    [
        pytest.param("brain metastases", '"brain" "metastases"', id="words"),
        pytest.param('a"b', '"a" "b"', id="stray-quote"),
        pytest.param("", '""', id="empty"),
        pytest.param("NEAR( x", '"NEAR" "x"', id="fts-operator"),
        pytest.param(
            "excellent CNS activity.112", '"excellent" "CNS" "activity"', id="pasted-with-marker"
        ),
        pytest.param("ALK-positive", '"ALK" "positive"', id="hyphenated"),
        pytest.param("2017", '"2017"', id="only-a-number"),
        pytest.param("identi\ue103ed", '"identi\ue103ed"', id="ligature-inside-word"),
    ],
)
def test_fts_words(text: str, query: str) -> None:
    assert fts_words(text) == query


# --- reflink serve -------------------------------------------------------------------------


def test_serve_refuses_a_missing_database(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["serve", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 1
    assert result.output.strip().endswith(
        f"Error: {tmp_path / 'none.db'} does not exist; run `reflink ingest` first"
    )


def test_serve_refuses_a_file_that_is_not_a_database(tmp_path: Path) -> None:
    notes = tmp_path / "notes.db"
    notes.write_text("not a database\n" * 100)
    result = CliRunner().invoke(cli, ["serve", "--db", str(notes)])
    assert result.exit_code == 1
    assert result.output == (
        f"Error: {notes} is not a usable SQLite database (file is not a database)\n"
    )
    assert notes.read_text() == "not a database\n" * 100


def test_serve_refuses_a_port_in_use(seed_db: Path) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = CliRunner().invoke(cli, ["serve", "--db", str(seed_db), "--port", str(port)])
    assert result.exit_code == 1
    assert result.output == (
        f"Error: cannot listen on 127.0.0.1:{port} (Address already in use); "
        "choose another --port or --host\n"
    )


def test_serve_help_shows_defaults() -> None:
    result = CliRunner().invoke(cli, ["serve", "--help"])
    assert result.exit_code == 0
    assert "127.0.0.1" in result.output and "8001" in result.output
    assert "reflink serve --db db/reflink.db" in result.output


def test_seed_database_needs_no_upgrade(seed_db: Path) -> None:
    assert needs_upgrade(seed_db) is False


def test_an_older_database_is_refused_by_serve_and_brought_up_to_date_by_upgrade(
    seed_db: Path, tmp_path
) -> None:
    """serve never writes: an older file is named with the command that upgrades it (#18)."""
    from reflink.web import prepare

    older = tmp_path / "older.db"
    older.write_bytes(seed_db.read_bytes())
    with sqlite3.connect(older) as connection:
        connection.execute("drop view claim_sources")
    assert needs_upgrade(older) is True
    before = older.read_bytes()
    with pytest.raises(DatabaseError, match="written by an older reflink .it lacks claim_sources"):
        prepare(older)
    assert older.read_bytes() == before
    result = CliRunner().invoke(cli, ["upgrade", "--db", str(older), "--json"])
    assert result.exit_code == 0, result.output
    upgraded = json.loads(result.stdout)
    assert upgraded["database"] == str(older) and upgraded["added"]
    assert upgraded["summary"] == f"{older}: added {', '.join(upgraded['added'])}"
    assert needs_upgrade(older) is False
    prepare(older)
    again = CliRunner().invoke(cli, ["upgrade", "--db", str(older), "--json"])
    assert json.loads(again.stdout)["added"] == []


def test_pages_link_reflinks_stylesheet_which_is_served(ds, name) -> None:
    assert 'href="/reflink-static/reflink.css"' in get(ds, f"/{name}/refs").text
    response = get(ds, "/reflink-static/reflink.css")
    assert response.status_code == 200
    assert "column-descriptions" in response.text


# --- pages for readers (issue 17) ---------------------------------------------------------------


def test_sources_page_is_one_row_per_claim_with_its_sources_inside(ds, name, conn) -> None:
    html = get(ds, f"/{name}/sources_behind_a_claim?words=ensartinib").text
    # no SQL jargon on a canned query
    assert "Custom SQL query" not in html and "Run SQL" not in html and "Edit SQL" not in html
    assert 'value="Show sources"' in html
    table = html.split('class="rows-and-columns claims-with-sources"', 1)[1].split("</table>")[0]
    claim_ids = [
        row[0]
        for row in conn.execute(
            "select claims.id from claims_fts join claims on claims.rowid = claims_fts.rowid"
            " where claims_fts match 'ensartinib'"
        )
    ]
    assert table.count('<td class="col-claim">') == len(claim_ids)  # a claim citing 56 and 59: once
    assert "[56]</span>" in table and "[59]</span>" in table
    assert table.count("not in the reference list") == 2
    # a sentence without a callout: what its paragraph cites, never a blank cell
    assert "no citation in this sentence; its paragraph cites [119] (the next sentence)" in table


def test_sources_query_keeps_context_apart_from_citations(ds, name) -> None:
    rows = query_rows(ds, name, "sources_behind_a_claim", words="ensartinib")
    uncited = [row for row in rows if row["number"] is None]
    assert uncited and all(
        row["context"].startswith("no citation in this sentence") for row in uncited
    )
    assert all(row["context"] is None for row in rows if row["number"] is not None)


def test_claim_page_shows_its_paragraph_and_sources(ds, name, conn) -> None:
    claim_id = conn.execute(
        "select id from claims where text like '%intracranial response of 64.3%%'"
    ).fetchone()[0]
    html = get(ds, f"/{name}/claims/{claim_id}").text
    page = html.split('<section class="claim-page">', 1)[1].split("</section>")[0]
    assert '<mark class="this-claim">Phase I/II study of ensartinib' in page
    assert "Therefore, its remarkable CNS activity is worthy of our attention." in page
    assert "no citation in this sentence; its paragraph cites [120] (2 sentences on)" in page
    assert (
        "[120]</span> Horn L, Infante JR, Reckamp KL, et al. Clin. Cancer Res. 2018;24:2771" in page
    )


def test_author_lists_read_as_names(ds, name) -> None:
    html = get(ds, f"/{name}/refs?number=101").text
    assert "Gadgeel SM, Gandhi L, Riely GJ, et al." in html
    assert "[&#34;S. M. Gadgeel" not in html and '["S. M. Gadgeel' not in html


# --- writes are refused (#18) -------------------------------------------------------------------


@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE", "PATCH"])
@pytest.mark.parametrize(
    "path",
    ["/{name}/sources_behind_a_claim", "/{name}/claims", "/{name}/claims/1", "/{name}", "/"],
    ids=["canned-query", "table", "row", "database", "home"],
)
def test_writes_are_answered_405(ds, name, seed_db: Path, seed_sha256: str, method, path) -> None:
    response = asyncio.run(
        ds.client.request(method, path.format(name=name), data={"sql": "delete from claims"})
    )
    assert response.status_code == 405
    assert response.headers["allow"] == "GET, HEAD, OPTIONS"
    assert hashlib.sha256(seed_db.read_bytes()).hexdigest() == seed_sha256


def test_fts_functions_return_no_pointer(ds, name) -> None:
    """fts5() hands SQLite a native pointer; through the SQL page it is NULL, never an address."""
    rows = get_json(ds, f"/{name}.json?sql=select+fts5('claims_fts')+as+p&_shape=array")
    assert rows == [{"p": None}]


# A writer killed inside its transaction leaves a hot journal; reading through it would show a
# half-done write, and rolling it back would write: the pages say so instead of a 500 (#18)
def test_a_write_cut_off_while_serving_is_a_503_naming_upgrade(
    tmp_path: Path, seed_db: Path
) -> None:
    db = tmp_path / "cut.db"
    db.write_bytes(seed_db.read_bytes())
    served = make_datasette(db)
    name = database_name(db)
    assert get(served, f"/{name}/refs.json").status_code == 200
    cut_off_write(db)
    reason = (
        "the database holds a write that was cut off (a killed process, a full disk); "
        f"`reflink upgrade --db {db}` rolls it back"
    )
    page = get(served, f"/{name}/citations.json")
    assert (page.status_code, page.headers["retry-after"]) == (503, "5")
    assert page.json()["error"] == reason
    html = get(served, f"/{name}/refs")
    assert html.status_code == 503
    assert "reflink upgrade --db" in html.text
    assert (tmp_path / "cut.db-journal").exists(), "the server rolled nothing back"


def test_a_page_asked_for_while_a_writer_holds_the_database_says_try_again() -> None:
    from reflink.web.plugins.reflink_read_only import LOCKED, unavailable_reason

    locked = sqlite3.OperationalError("database is locked")
    assert unavailable_reason(locked, "r.db") == LOCKED
    wrapped = RuntimeError("query failed")
    wrapped.__cause__ = locked
    assert unavailable_reason(wrapped, "r.db") == LOCKED
    assert unavailable_reason(sqlite3.OperationalError("no such column: x"), "r.db") is None
