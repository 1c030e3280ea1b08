"""Documentation as a contract: every command has help with an example and a README section, the
README links every page of docs/, and docs/schema.md lists every table of the schema."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from reflink.cli import cli

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
DOCS = ROOT / "docs"
COMMANDS = sorted(cli.commands)


def test_readme_opens_with_the_two_commands() -> None:
    opening = README.split("\n## ", 1)[0]
    assert "make demo" in opening and "make test" in opening


@pytest.mark.parametrize("command", COMMANDS)
def test_command_has_help_with_an_example(command: str) -> None:
    result = CliRunner().invoke(cli, [command, "--help"])
    assert result.exit_code == 0
    assert f"reflink {command}" in result.output  # the docstring's example line


@pytest.mark.parametrize("command", COMMANDS)
def test_command_has_a_readme_section(command: str) -> None:
    headings = re.findall(r"^## (.+)$", README, flags=re.M)
    assert any(f"reflink {command}" in heading for heading in headings), headings


def test_readme_has_an_installation_section() -> None:
    assert re.search(r"^## Installation$", README, flags=re.M)


def test_readme_links_every_page_of_docs() -> None:
    pages = sorted(path.name for path in DOCS.glob("*.md"))
    assert pages, "docs/ has no pages"
    for page in pages:
        assert f"(docs/{page})" in README, page


@pytest.mark.parametrize(
    "page", [ROOT / "README.md", *sorted(DOCS.glob("*.md"))], ids=lambda p: p.name
)
def test_relative_links_point_at_files(page: Path) -> None:
    for target in re.findall(r"\]\(([^)#:]+)(?:#[^)]*)?\)", page.read_text(encoding="utf-8")):
        assert (page.parent / target).exists(), f"{page.name} links {target}"


def test_schema_page_lists_every_table_and_view(seed_db: Path) -> None:
    import sqlite_utils

    db = sqlite_utils.Database(seed_db)
    tables = [t for t in db.table_names() if not t.startswith("_") and "_fts" not in t]
    section = (DOCS / "schema.md").read_text(encoding="utf-8")
    for table in tables:
        assert f"`{table}`" in section, table
    for view in db.view_names():
        assert f"`{view}`" in section, view
