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


def _schema(seed_db: Path) -> dict[str, list[str]]:
    import sqlite_utils

    db = sqlite_utils.Database(seed_db)
    names = [t for t in db.table_names() if not t.startswith("_") and "_fts" not in t]
    return {name: [c.name for c in db[name].columns] for name in [*names, *db.view_names()]}


def test_schema_page_lists_every_column(seed_db: Path) -> None:
    page = (DOCS / "schema.md").read_text(encoding="utf-8")
    for table, columns in _schema(seed_db).items():
        row = next((line for line in page.splitlines() if line.startswith(f"| `{table}` |")), None)
        if row is None:
            continue  # a view: described in prose below the table
        listed = set(re.findall(r"[a-z_][a-z0-9_]*", row.split("|")[3]))
        assert set(columns) <= listed, (table, sorted(set(columns) - listed))


def test_datasette_metadata_describes_every_column_and_no_other(seed_db: Path) -> None:
    import yaml

    metadata = yaml.safe_load((ROOT / "src/reflink/web/metadata.yaml").read_text(encoding="utf-8"))
    described = metadata["databases"]["reflink"]["tables"]
    for table, columns in _schema(seed_db).items():
        assert table in described, table
        assert sorted(described[table]["columns"]) == sorted(columns), table


def test_datasette_metadata_names_the_problem_stages_the_code_writes() -> None:
    import yaml

    from reflink import enrich, sources

    metadata = yaml.safe_load((ROOT / "src/reflink/web/metadata.yaml").read_text(encoding="utf-8"))
    text = metadata["databases"]["reflink"]["tables"]["problems"]["columns"]["stage"]
    named = set(re.search(r"\(([^)]*)\)", text).group(1).split(", "))
    # the parsing stages, and the Crossref ones by their constants
    written = {
        "references",
        "citations",
        "furniture",
        enrich.FILL_STAGE,
        enrich.COMPLETED_STAGE,
        sources.STAGE,
    }
    assert named == written


def test_documents_sha256_is_described_as_the_files_bytes() -> None:
    metadata = (ROOT / "src/reflink/web/metadata.yaml").read_text(encoding="utf-8")
    assert "sha256: SHA-256 of the file's bytes" in metadata


def test_every_imported_package_is_declared() -> None:
    """A package src/ imports that pyproject.toml does not declare works only by accident
    (installed as another package's dependency)."""
    import ast
    import sys

    tomllib = pytest.importorskip("tomllib")  # Python 3.11+
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    declared = {
        re.split(r"[<>=!~; \[]", dep, maxsplit=1)[0].lower() for dep in project["dependencies"]
    }
    # import name → distribution name where they differ
    distribution = {
        "yaml": "pyyaml",
        "sqlite_utils": "sqlite-utils",
        "pycrfsuite": "python-crfsuite",
    }
    imported = set()
    for path in (ROOT / "src" / "reflink").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in (name.split(".")[0] for name in names):
                if name not in sys.stdlib_module_names and name != "reflink":
                    imported.add(distribution.get(name, name).lower())
    assert imported <= declared, sorted(imported - declared)
