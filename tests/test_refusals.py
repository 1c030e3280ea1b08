"""Inputs reflink cannot read: one line that says what the file is and how to get its text,
whatever the file is called; the database stays byte-identical."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from reflink.cli import cli
from reflink.refusals import author_year_citations, html_page, office_document


def zipped(members: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        pytest.param(
            zipped({"[Content_Types].xml": "<x/>", "word/document.xml": "<w/>"}),
            "a Word document (.docx)",
            id="docx",
        ),
        pytest.param(
            zipped({"mimetype": "application/vnd.oasis.opendocument.text", "content.xml": "<x/>"}),
            "an OpenDocument text (.odt)",
            id="odt",
        ),
        pytest.param(
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "an old Office", id="doc"
        ),
        pytest.param(b"{\\rtf1\\ansi Some text}", "an RTF document", id="rtf"),
    ],
)
def test_office_documents_are_named_by_content(data: bytes, kind: str) -> None:
    line = office_document(data, "review.txt")  # the name says text; the bytes do not
    assert line.startswith(f"review.txt is {kind}")
    assert "soffice --headless --convert-to txt review.txt" in line


def test_plain_text_is_no_office_document() -> None:
    assert office_document(b"PKU patients were treated.1\n", "a.txt") is None


@pytest.mark.parametrize(
    ("text", "refused"),
    [
        pytest.param("<!DOCTYPE html>\n<html><body><p>Text.1</p>", True, id="doctype"),
        pytest.param("<html lang='en'><head>", True, id="html-tag"),
        pytest.param("<div><p>x</p></div>" * 12, True, id="many-tags"),
        pytest.param("Values <5 and >3 were seen.1\n", False, id="angle-brackets-in-prose"),
    ],
)
def test_html_pages(text: str, refused: bool) -> None:
    assert (html_page(text, "page.txt") is not None) is refused


AUTHOR_YEAR_TEXT = """Introduction

Inhibitors cross the barrier poorly (Smith et al., 2019). Later agents did better
(Jones and Lee 2018; Okafor 2020), as Tanaka et al. (2021) showed in a small trial.

References

Jones A, Lee B. A made-up study. J Fake Res. 2018;1:1-9.
"""


def test_author_year_citations_show_the_form_seen() -> None:
    line = author_year_citations(AUTHOR_YEAR_TEXT, "essay.txt")
    assert line == (
        'essay.txt: author–year citations such as "(Smith et al., 2019)" are not supported; '
        "reflink links numbered citations ([12], superscripts, (12)) to a numbered reference list"
    )
    assert author_year_citations("Survival improved in 2019 (n = 20).\n", "x.txt") is None


@pytest.mark.parametrize(
    ("content", "start"),
    [
        pytest.param(
            zipped({"word/document.xml": "<w/>"}), " is a Word document (.docx)", id="docx"
        ),
        pytest.param(
            b"<!DOCTYPE html><html><body><p>Crizotinib works.<sup>1</sup></p>",
            " is an HTML page, not text",
            id="html",
        ),
        pytest.param(
            AUTHOR_YEAR_TEXT.encode(), ": author–year citations such as", id="author-year"
        ),
    ],
)
def test_cli_refuses_with_one_line_and_leaves_the_database(
    tmp_path: Path, seed_db: Path, content: bytes, start: str
) -> None:
    source = tmp_path / "review.txt"
    source.write_bytes(content)
    db = tmp_path / "copy.db"
    db.write_bytes(seed_db.read_bytes())
    before = db.read_bytes()
    result = CliRunner().invoke(cli, ["ingest", str(source), "--db", str(db)])
    assert result.exit_code == 1
    assert result.output.startswith(f"Error: {source}{start}")
    assert result.output.count("\n") == 1
    assert db.read_bytes() == before
