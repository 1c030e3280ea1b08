"""JATS XML: callouts, entries, sections, captions and tables read from the structure, safely."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from reflink.cli import cli
from reflink.errors import InputError
from reflink.ingest import ingest_file, ingest_files
from reflink.jats import looks_like_jats, parse_jats

DOCTYPE = (
    '<!DOCTYPE article PUBLIC "-//NLM//DTD JATS (Z39.96) Journal Archiving and Interchange DTD '
    'v1.2 20190208//EN" "JATS-archivearticle1.dtd">'
)

# An invented reference list: a journal article with DOI and PMID and an abbreviated last page,
# a mixed-citation with an elocation-id, a book, an untagged mixed-citation printing its DOI as
# text, a web page with a URL, a book chapter.
REF_LIST = """
<ref-list><title>References</title>
<ref id="r1"><label>1</label><element-citation publication-type="journal">
  <person-group person-group-type="author">
    <name><surname>Smith</surname><given-names>AB</given-names></name>
    <name><surname>Jones</surname><given-names>C</given-names></name>
  </person-group>
  <article-title>Lamps glow in the dark</article-title><source>J Lamp Res</source>
  <year>2014</year><volume>15</volume><issue>3</issue><fpage>1119</fpage><lpage>28</lpage>
  <pub-id pub-id-type="doi">10.5555/jlr.2014.15</pub-id>
  <pub-id pub-id-type="pmid">24123456</pub-id>
</element-citation></ref>
<ref id="r2"><label>2</label><mixed-citation publication-type="journal"><string-name>Roe
  K</string-name>, <string-name>Moe L</string-name>. <article-title>Why lamps hum</article-title>.
  <source>Lamp Lett</source>. <year>2011</year>;<volume>12</volume>:<elocation-id>e345
  </elocation-id>.
</mixed-citation></ref>
<ref id="r3"><label>3</label><mixed-citation publication-type="book"><person-group
  person-group-type="author"><name><surname>Poe</surname><given-names>L</given-names></name>
  </person-group>. <source>The lamp book</source>. <publisher-loc>Springfield</publisher-loc>:
  <publisher-name>Fake Press</publisher-name>; <year>2009</year>.</mixed-citation></ref>
<ref id="r4"><label>4</label><mixed-citation>Doe J. Lamps in the dark. Lamp Q. 2010;3:1-9.
  doi: 10.5555/lq.2010.3</mixed-citation></ref>
<ref id="r5"><label>5</label><element-citation publication-type="webpage">
  <person-group person-group-type="author"><collab>Lamp Society</collab></person-group>
  <source>Lamp facts</source>
  <ext-link ext-link-type="uri" xlink:href="https://lamps.example.org/facts">lamps.example.org</ext-link>
</element-citation></ref>
<ref id="r6"><label>6</label><element-citation publication-type="book">
  <person-group person-group-type="author"><name><surname>Hoe</surname><given-names>P
  </given-names></name></person-group>
  <chapter-title>Wicks</chapter-title>
  <person-group person-group-type="editor"><name><surname>Ed</surname><given-names>A
  </given-names></name></person-group>
  <source>Handbook of lamps</source><year>2001</year><fpage>10</fpage><lpage>19</lpage>
</element-citation></ref>
</ref-list>"""

BRACKET_BODY = """
<sec id="s1"><label>1</label><title>Introduction</title>
<p>Lamps were studied early <xref ref-type="bibr" rid="r1">[1]</xref>&#x2013;<xref
ref-type="bibr" rid="r4">[4]</xref>. Later work disagreed <xref ref-type="bibr"
rid="r2">[2]</xref>, <xref ref-type="bibr" rid="r5">[5]</xref>. See Fig. 1 for details.</p>
<sec><label>1.1</label><title>Wicks</title>
<p>Wicks burn evenly <xref ref-type="bibr" rid="r6">[6]</xref>. Nobody disputes it.</p>
</sec></sec>"""


def article(
    body: str,
    refs: str = REF_LIST,
    *,
    front: str = "",
    doctype: str = DOCTYPE,
    declaration: str = '<?xml version="1.0" encoding="UTF-8"?>\n',
) -> str:
    """A small invented JATS article around a body and a reference list."""
    return f"""{declaration}{doctype}
<article xmlns:xlink="http://www.w3.org/1999/xlink" article-type="review-article">
<front><article-meta>
<article-id pub-id-type="doi">10.5555/lamp.2021.001</article-id>
<title-group><article-title>The glow of lamps: a review</article-title></title-group>
{front}
</article-meta></front>
<body>{body}</body>
<back>{refs}</back>
</article>
"""


def write(tmp_path: Path, text: str, name: str = "article.xml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def query(db: Path, sql: str) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql).fetchall()


def markers_of(text: str) -> list[tuple[str, tuple[int, ...], str]]:
    doc = parse_jats(text.encode(), name="article.xml")
    return [(m.text, m.numbers, m.style) for m in doc.markers]


# --- recognising JATS by content --------------------------------------------------------------


@pytest.mark.parametrize(
    ("head", "jats"),
    [
        pytest.param(article(BRACKET_BODY), True, id="declaration-and-doctype"),
        pytest.param(article(BRACKET_BODY, doctype="", declaration=""), True, id="bare-root"),
        pytest.param("\ufeff" + article(BRACKET_BODY), True, id="utf8-bom"),
        pytest.param("<!-- exported -->\n<article><front/></article>", True, id="comment-first"),
        pytest.param(
            '<article xmlns="http://docbook.org/ns/docbook"><info/></article>',
            False,
            id="docbook-article",
        ),
        pytest.param("<html><body><p>[1]</p></body></html>", False, id="html"),
        pytest.param("An article about <article> tags.", False, id="text-mentioning-it"),
        pytest.param("  \n\t <article><front/></article>", True, id="whitespace-first"),
        # "pdftotext -layout" opens with rows of spaces; "\s+" in the sniffing pattern's loop
        # tried every way of splitting them and hung there
        pytest.param(" " * 80 + "Kinase inhibitors: a review\n", False, id="layout-text"),
        pytest.param(" " * 80 + "<html><body/></html>", False, id="spaces-then-other-markup"),
    ],
)
def test_looks_like_jats(head: str, jats: bool) -> None:
    assert looks_like_jats(head.encode("utf-8")) is jats


def test_recognised_by_content_not_extension(tmp_path: Path) -> None:
    path = write(tmp_path, article(BRACKET_BODY), name="lamps.txt")
    result = ingest_file(path, tmp_path / "r.db")
    assert (result.markers, result.citations, result.entries) == (3, 7, 6)


# --- callouts ---------------------------------------------------------------------------------


def test_bracket_callouts_and_a_range_joined_by_a_dash() -> None:
    assert markers_of(article(BRACKET_BODY)) == [
        ("[1]–[4]", (1, 2, 3, 4), "bracket"),
        ("[2], [5]", (2, 5), "bracket"),
        ("[6]", (6,), "bracket"),
    ]


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [
        pytest.param(
            'Wicks burn.<sup><xref ref-type="bibr" rid="r3">3</xref>,<xref ref-type="bibr" '
            'rid="r5">5</xref></sup> Oil too.',
            [("3,5", (3, 5), "superscript")],
            id="sup-around-two-xrefs",
        ),
        pytest.param(
            'Wicks burn<xref ref-type="bibr" rid="r2"><sup>2</sup></xref>&#x2013;<xref '
            'ref-type="bibr" rid="r5"><sup>5</sup></xref> evenly.',
            [("2–5", (2, 3, 4, 5), "superscript")],
            id="sup-inside-xrefs-range",
        ),
        pytest.param(
            'Oil too.<xref ref-type="bibr" rid="r1">\n\t\t<sup>1</sup>\n\t</xref>\n\t<sup>,'
            '</sup>\n\t<xref ref-type="bibr" rid="r3">\n\t\t<sup>3</sup>\n\t</xref> Air too.',
            [("1,3", (1, 3), "superscript")],
            id="comma-in-its-own-sup-between-indented-xrefs",
        ),
        pytest.param(
            'Oil matters [<xref ref-type="bibr" rid="r2">2</xref>, <xref ref-type="bibr" '
            'rid="r4">4</xref>].',
            [("[2, 4]", (2, 4), "bracket")],
            id="brackets-around-two-xrefs",
        ),
        pytest.param(
            'Oil matters (<xref ref-type="bibr" rid="r2 r3">2,3</xref>).',
            [("(2,3)", (2, 3), "paren")],
            id="rid-list-in-parentheses",
        ),
        pytest.param(
            'Oil matters [<xref ref-type="bibr" rid="r3">3&#x2013;5</xref>].',
            [("[3–5]", (3, 4, 5), "bracket")],
            id="range-printed-inside-one-xref",
        ),
        pytest.param(
            'Oil matters.<sup><xref ref-type="bibr" rid="r1"/></sup> So does air.',
            [("1", (1,), "superscript")],
            id="empty-xref",
        ),
        pytest.param(
            'Oil <xref ref-type="bibr" rid="r1">[1]</xref> and air <xref ref-type="bibr" '
            'rid="r2">[2]</xref>.',
            [("[1]", (1,), "bracket"), ("[2]", (2,), "bracket")],
            id="words-between-are-two-callouts",
        ),
        pytest.param(
            'See <xref ref-type="fig" rid="f1">Fig 1</xref> and <xref ref-type="bibr" '
            'rid="r9">[9]</xref>.',
            [("[9]", (9,), "bracket")],
            id="number-without-an-entry-is-kept",
        ),
    ],
)
def test_callouts(paragraph: str, expected: list) -> None:
    assert markers_of(article(f"<sec><title>Results</title><p>{paragraph}</p></sec>")) == expected


def test_numbers_follow_labels_else_order() -> None:
    """A ref's label ("[10]", "11.") numbers it, whatever the callout prints; no labels: order."""
    labelled = REF_LIST
    for n, label in zip(range(1, 7), ["[10]", "11.", "12", "13", "14", "15"], strict=True):
        labelled = labelled.replace(f"<label>{n}</label>", f"<label>{label}</label>")
    doc = parse_jats(article(BRACKET_BODY, labelled).encode(), name="a.xml")
    assert [ref.number for ref in doc.references] == [10, 11, 12, 13, 14, 15]
    assert [m.numbers for m in doc.markers] == [(10, 11, 12, 13), (11, 14), (15,)]
    unlabelled = REF_LIST
    for n in range(1, 7):
        unlabelled = unlabelled.replace(f"<label>{n}</label>", "")
    doc = parse_jats(article(BRACKET_BODY, unlabelled).encode(), name="a.xml")
    assert [ref.number for ref in doc.references] == [1, 2, 3, 4, 5, 6]
    assert [m.numbers for m in doc.markers] == [(1, 2, 3, 4), (2, 5), (6,)]


# --- the reference list -----------------------------------------------------------------------


def test_reference_fields(tmp_path: Path) -> None:
    db = tmp_path / "r.db"
    ingest_file(write(tmp_path, article(BRACKET_BODY)), db)
    rows = query(
        db,
        "select number, authors, title, journal, year, volume, issue, pages, doi, pmid, url, kind "
        "from refs order by number",
    )
    assert [(row[0], json.loads(row[1]), *row[2:]) for row in rows] == [
        (
            1,
            ["Smith AB", "Jones C"],
            "Lamps glow in the dark",
            "J Lamp Res",
            2014,
            "15",
            "3",
            "1119–1128",
            "10.5555/jlr.2014.15",
            "24123456",
            None,
            "article",
        ),
        (
            2,
            ["Roe K", "Moe L"],
            "Why lamps hum",
            "Lamp Lett",
            2011,
            "12",
            None,
            "e345",
            None,
            None,
            None,
            "article",
        ),
        (3, ["Poe L"], "The lamp book", None, 2009, None, None, None, None, None, None, "book"),
        (
            4,
            ["Doe J"],
            "Lamps in the dark",
            "Lamp Q",
            2010,
            "3",
            None,
            "1-9",
            "10.5555/lq.2010.3",
            None,
            None,
            "article",
        ),
        (
            5,
            ["Lamp Society"],
            "Lamp facts",
            None,
            None,
            None,
            None,
            None,
            None,
            None,
            "https://lamps.example.org/facts",
            "web",
        ),
        (
            6,
            ["Hoe P"],
            "Wicks",
            "Handbook of lamps",
            2001,
            None,
            None,
            "10–19",
            None,
            None,
            None,
            "chapter",
        ),
    ]
    raw = dict(query(db, "select number, raw from refs"))
    assert raw[1] == (
        "Smith AB, Jones C. Lamps glow in the dark. J Lamp Res. 2014;15(3):1119–1128. "
        "doi:10.5555/jlr.2014.15. PMID: 24123456."
    )
    assert raw[3] == "Poe L. The lamp book. Springfield: Fake Press; 2009."  # as printed


ARTICLE_META = """<pub-date pub-type="epub"><day>3</day><month>5</month><year>2021</year></pub-date>
<volume>7</volume><issue>2</issue><elocation-id>e1234</elocation-id>
<permissions><copyright-year>2021</copyright-year><license license-type="open-access"
xlink:href="http://creativecommons.org/licenses/by-nc/4.0/"><license-p>Distributed under the
terms of the Creative Commons Attribution License.</license-p></license></permissions>"""


def test_source_and_licence_from_the_front_matter(tmp_path: Path) -> None:
    front = "<journal-meta><journal-title>Lamp Reviews</journal-title></journal-meta>"
    text = article(BRACKET_BODY, front=ARTICLE_META).replace("<front>", "<front>" + front)
    db = tmp_path / "r.db"
    ingest_file(write(tmp_path, text), db)
    assert query(db, "select source, licence from documents") == [
        ("Lamp Reviews, 2021, 7(2), e1234; doi:10.5555/lamp.2021.001", "CC BY-NC 4.0")
    ]


def test_a_readme_beside_the_file_wins(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text(
        "- Source: Lamp Reviews 7, as printed\n- Licence: CC BY 4.0\n", encoding="utf-8"
    )
    db = tmp_path / "r.db"
    ingest_file(write(tmp_path, article(BRACKET_BODY, front=ARTICLE_META)), db)
    assert query(db, "select source, licence from documents") == [
        ("Lamp Reviews 7, as printed", "CC BY 4.0")
    ]


def test_every_printed_doi_and_the_articles_own(tmp_path: Path) -> None:
    db = tmp_path / "r.db"
    ingest_file(write(tmp_path, article(BRACKET_BODY)), db)
    assert query(db, "select doi from refs where doi is not null order by number") == [
        ("10.5555/jlr.2014.15",),
        ("10.5555/lq.2010.3",),
    ]
    assert query(db, "select title, doi, format from documents") == [
        ("The glow of lamps: a review", "10.5555/lamp.2021.001", "jats")
    ]


# --- sections, claims, captions, tables -------------------------------------------------------

FRONT_ABSTRACT = """<abstract><p>Lamps glow <xref ref-type="bibr" rid="r1">[1]</xref>. They
also hum.</p></abstract>"""

FLOATS_BODY = """
<sec><title>Results</title>
<p>Oil matters.<sup><xref ref-type="bibr" rid="r2">2</xref></sup> See Table 1.</p>
<fig id="f1"><label>Figure 1</label><caption><title>A lamp.</title><p>Drawn after Roe <xref
ref-type="bibr" rid="r2">[2]</xref>.</p></caption><graphic xlink:href="f1.tif"/></fig>
<table-wrap id="t1"><label>Table 1</label><caption><title>Studies of lamps.</title></caption>
<table><thead><tr><th>Study</th><th>Lamps</th></tr></thead>
<tbody><tr><td>Poe <xref ref-type="bibr" rid="r3">[3]</xref></td><td>12</td></tr>
<tr><td>Doe</td><td>7</td></tr></tbody></table>
<table-wrap-foot><fn><p>Counts as reported.</p></fn></table-wrap-foot></table-wrap>
</sec>"""


def test_claims_sections_captions_and_tables(tmp_path: Path) -> None:
    db = tmp_path / "r.db"
    ingest_file(write(tmp_path, article(BRACKET_BODY + FLOATS_BODY, front=FRONT_ABSTRACT)), db)
    claims = query(
        db,
        "select claims.kind, sections.number, sections.title, claims.text, "
        "group_concat(citations.number) from claims left join sections on sections.id = "
        "claims.section_id left join citations on citations.claim_id = claims.id "
        "group by claims.id order by claims.id",
    )
    assert claims == [
        ("body", None, "Abstract", "Lamps glow.", "1"),
        ("body", None, "Abstract", "They also hum.", None),
        ("body", "1", "Introduction", "Lamps were studied early.", "1,2,3,4"),
        ("body", "1", "Introduction", "Later work disagreed.", "2,5"),
        ("body", "1", "Introduction", "See Fig. 1 for details.", None),
        ("body", "1.1", "Wicks", "Wicks burn evenly.", "6"),
        ("body", "1.1", "Wicks", "Nobody disputes it.", None),
        ("body", None, "Results", "Oil matters.", "2"),
        ("body", None, "Results", "See Table 1.", None),
        ("caption", None, "Results", "A lamp.", None),
        ("caption", None, "Results", "Drawn after Roe.", "2"),
        ("caption", None, "Results", "Studies of lamps.", None),
        ("table", None, "Results", "Study | Lamps", None),
        ("table", None, "Results", "Poe | 12", "3"),
        ("table", None, "Results", "Doe | 7", None),
        ("table", None, "Results", "Counts as reported.", None),
    ]
    assert query(db, "select style, marker from citations where number = 3 and claim_id = 14")


def test_many_sections_on_one_xml_line_stay_apart(tmp_path: Path) -> None:
    """Publishers ship JATS on a single line: every heading then starts on the same line."""
    body = (
        '<sec><title>Methods</title><p>We lit lamps <xref ref-type="bibr" rid="r1">[1]</xref>.'
        '</p></sec><sec><title>Results</title><p>They glowed <xref ref-type="bibr" rid="r2">[2]'
        "</xref>.</p></sec>"
    )
    db = tmp_path / "r.db"
    ingest_file(write(tmp_path, article(body)), db)
    assert query(
        db,
        "select sections.title, claims.text from claims join sections on "
        "sections.id = claims.section_id order by claims.id",
    ) == [("Methods", "We lit lamps."), ("Results", "They glowed.")]


def test_lines_point_into_the_xml_file(tmp_path: Path) -> None:
    text = article(BRACKET_BODY)
    lines = text.splitlines()
    db = tmp_path / "r.db"
    ingest_file(write(tmp_path, text), db)
    for line, marker in query(db, "select line, marker from citations"):
        first_digit = marker.strip("[(")[0]
        assert first_digit in lines[line - 1], (line, marker)
    ref_lines = dict(query(db, "select number, line_start from refs"))
    assert 'id="r4"' in lines[ref_lines[4] - 1]
    assert query(db, "select line_count from documents") == [(len(lines),)]


def test_a_callout_in_a_heading_is_still_a_citation() -> None:
    body = (
        '<sec><title>The lamp of Smith <xref ref-type="bibr" rid="r1">[1]</xref></title>'
        "<p>Nothing else here.</p></sec>"
    )
    doc = parse_jats(article(body).encode(), name="a.xml")
    assert [(m.text, m.numbers) for m in doc.markers] == [("[1]", (1,))]
    assert all(not claim.markers for claim in doc.claims)


# --- refused and neutralised input ------------------------------------------------------------

AUTHOR_YEAR_BODY = """<sec><title>Introduction</title><p>Lamps glow (<xref ref-type="bibr"
rid="b1">Smith et al., 2010</xref>; <xref ref-type="bibr" rid="b2">Roe and Moe 2011</xref>).</p>
</sec>"""
AUTHOR_YEAR_REFS = """<ref-list><ref id="b1"><element-citation publication-type="journal">
<person-group><name><surname>Smith</surname><given-names>A</given-names></name></person-group>
<article-title>Glow</article-title><source>J Lamp</source><year>2010</year></element-citation></ref>
<ref id="b2"><element-citation publication-type="journal"><person-group><name><surname>Roe
</surname><given-names>K</given-names></name></person-group><article-title>Hum</article-title>
<source>J Lamp</source><year>2011</year></element-citation></ref></ref-list>"""


def run_ingest(path: Path, db: Path) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["ingest", str(path), "--db", str(db)])
    return result.exit_code, result.output


def test_author_year_article_is_refused_in_one_line(tmp_path: Path) -> None:
    db = tmp_path / "r.db"
    ingest_file(write(tmp_path, article(BRACKET_BODY), name="numbered.xml"), db)
    before = db.read_bytes()
    path = write(tmp_path, article(AUTHOR_YEAR_BODY, AUTHOR_YEAR_REFS))
    code, output = run_ingest(path, db)
    assert code == 1
    assert output == (
        f"Error: {path} cites author–year (“Smith et al., 2010”); reflink reads numbered "
        "citations only, so this JATS article is refused until that style is supported\n"
    )
    assert db.read_bytes() == before


def test_malformed_xml_is_one_error_line_naming_the_file(tmp_path: Path) -> None:
    db = tmp_path / "r.db"
    ingest_file(write(tmp_path, article(BRACKET_BODY), name="good.xml"), db)
    before = db.read_bytes()
    broken = write(tmp_path, article(BRACKET_BODY).replace("</sec></sec>", "</sec>"))
    code, output = run_ingest(broken, db)
    assert code == 1
    assert output.startswith(f"Error: {broken} is not well-formed XML (")
    assert output.count("\n") == 1
    assert db.read_bytes() == before


def test_a_batch_with_a_malformed_article_writes_nothing(tmp_path: Path) -> None:
    good = write(tmp_path, article(BRACKET_BODY), name="good.xml")
    broken = write(tmp_path, article(BRACKET_BODY)[:-40], name="cut.xml")
    with pytest.raises(InputError, match="cut.xml is not well-formed XML"):
        ingest_files([good, broken], tmp_path / "r.db")
    assert not (tmp_path / "r.db").exists()


def test_xml_root_article_that_is_not_jats(tmp_path: Path) -> None:
    path = write(tmp_path, "<?xml version='1.0'?><article><para>[1]</para></article>")
    with pytest.raises(InputError, match="is XML but not a JATS article"):
        ingest_file(path, tmp_path / "r.db")


BOMB_DOCTYPE = """<!DOCTYPE article [
 <!ENTITY lol "lollollollollollollollollollol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>"""


def test_billion_laughs_is_refused_in_one_line(tmp_path: Path) -> None:
    db = tmp_path / "r.db"
    ingest_file(write(tmp_path, article(BRACKET_BODY), name="good.xml"), db)
    before = db.read_bytes()
    body = (
        '<sec><title>Bomb</title><p>Lamps &lol9; <xref ref-type="bibr" rid="r1">[1]</xref>.'
        "</p></sec>"
    )
    path = write(tmp_path, article(body, doctype=BOMB_DOCTYPE))
    code, output = run_ingest(path, db)
    assert code == 1
    assert output == (
        f"Error: {path} is refused: its entity declarations would expand without bound "
        "(an XML bomb)\n"
    )
    assert db.read_bytes() == before


def test_external_and_internal_entities_are_left_unexpanded(tmp_path: Path) -> None:
    """`SYSTEM "file:…"` would read a local file into the database: it is never opened."""
    secret = tmp_path / "secret.txt"
    secret.write_text("TOPSECRET", encoding="utf-8")
    doctype = (
        f'<!DOCTYPE article [ <!ENTITY secret SYSTEM "{secret.as_uri()}"> '
        '<!ENTITY lamp "a lamp of some length"> ]>'
    )
    body = (
        '<sec><title>Entities</title><p>Read &secret; here <xref ref-type="bibr" rid="r1">[1]'
        "</xref>. Light &lamp; now.</p></sec>"
    )
    db = tmp_path / "r.db"
    result = ingest_file(write(tmp_path, article(body, doctype=doctype)), db)
    assert (result.markers, result.citations) == (1, 1)
    assert query(db, "select text from claims") == [("Read here.",), ("Light now.",)]
    assert query(db, "select message from problems where stage = 'jats'") == [
        ("entities left unexpanded, for safety: lamp, secret",)
    ]


def test_html_entities_of_the_jats_dtd_are_decoded(tmp_path: Path) -> None:
    """The DTD is never loaded, yet "&nbsp;" and "&ndash;" print what the DTD would give."""
    body = (
        '<sec><title>Entities</title><p>Lamps&nbsp;glow <xref ref-type="bibr" rid="r1">[1]'
        '</xref>&ndash;<xref ref-type="bibr" rid="r3">[3]</xref>.</p></sec>'
    )
    assert markers_of(article(body)) == [("[1]–[3]", (1, 2, 3), "bracket")]


def test_jats_and_text_in_one_call(tmp_path: Path, seed_path: Path) -> None:
    results = ingest_files([write(tmp_path, article(BRACKET_BODY)), seed_path], tmp_path / "r.db")
    assert [r.name for r in results] == ["article.xml", seed_path.name]
    assert results[0].summary() == (
        "article.xml: 3 markers → 7 citations (7 linked to an entry), 5 claims (3 cited), "
        "6 entries, 0 numbers without an entry"
    )


def test_paragraphs_captions_and_tables_are_paragraphs_of_their_own(tmp_path: Path) -> None:
    db = tmp_path / "r.db"
    ingest_file(write(tmp_path, article(FLOATS_BODY, front=FRONT_ABSTRACT)), db)
    assert query(
        db,
        "select paragraphs.kind, group_concat(claims.text, ' / ') from paragraphs join claims "
        "on claims.paragraph_id = paragraphs.id group by paragraphs.id order by position",
    ) == [
        ("body", "Lamps glow. / They also hum."),
        ("body", "Oil matters. / See Table 1."),
        ("caption", "A lamp. / Drawn after Roe."),
        ("caption", "Studies of lamps."),
        ("table", "Study | Lamps / Poe | 12 / Doe | 7"),
        ("table", "Counts as reported."),
    ]
    # "See Table 1." cites nothing itself; its paragraph cites 2, one sentence before
    assert query(
        db,
        "select claims.text, claim_context.number, claim_context.distance from claim_context "
        "join claims on claims.id = claim_context.claim_id order by claims.id",
    ) == [("They also hum.", 1, -1), ("See Table 1.", 2, -1)]


def test_prose_beyond_the_text_limits_is_refused(tmp_path: Path) -> None:
    """The XML's prose meets the limits a text does: a paragraph of 100,001 callout numbers."""
    flood = " ".join(str(n % 9 + 1) for n in range(100_001))
    body = (
        f'<sec><title>Flood</title><p>{flood} <xref ref-type="bibr" rid="r1">[1]</xref>.</p></sec>'
    )
    path = write(tmp_path, article(body))
    with pytest.raises(InputError, match="numbers, more than the 100,000 reflink reads"):
        ingest_file(path, tmp_path / "r.db")


@pytest.mark.parametrize(
    ("encoding", "declared"),
    [
        pytest.param("iso-8859-1", "ISO-8859-1", id="latin-1-declared"),
        pytest.param("utf-16", "UTF-16", id="utf-16-with-bom"),
    ],
)
def test_the_xml_declaration_names_the_encoding(
    tmp_path: Path, encoding: str, declared: str
) -> None:
    """A text in Latin-1 is refused (it cannot be told apart); XML says what it is."""
    body = (
        '<sec><title>Saúde</title><p>Acesso à saúde <xref ref-type="bibr" rid="r1">[1]</xref>.'
        "</p></sec>"
    )
    text = article(body, declaration=f'<?xml version="1.0" encoding="{declared}"?>\n')
    path = tmp_path / "artigo.xml"
    path.write_bytes(text.encode(encoding))
    db = tmp_path / "r.db"
    ingest_file(path, db)
    assert query(
        db,
        "select sections.title, claims.text from claims join sections on "
        "sections.id = claims.section_id",
    ) == [("Saúde", "Acesso à saúde.")]
