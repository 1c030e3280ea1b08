"""Documentation as a contract: every command has help with an example and a README section."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from reflink.cli import cli

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
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


def test_readme_lists_every_table_of_the_schema(seed_db: Path) -> None:
    import sqlite_utils

    db = sqlite_utils.Database(seed_db)
    tables = [t for t in db.table_names() if not t.startswith("_") and "_fts" not in t]
    section = README.split("## Tables and columns", 1)[1].split("\n## ", 1)[0]
    for table in tables:
        assert f"`{table}`" in section, table
    for view in db.view_names():
        assert f"`{view}`" in section, view
