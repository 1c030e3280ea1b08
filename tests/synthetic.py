"""Small review texts of our own in the family's styles, for tests and `make bench`.

Each `SyntheticReview` knows what it injected (every marker's line and numbers, every entry), so a
test can check the parse against it. The texts are built from templates with a seeded random
generator: varied enough to exercise the stages, deterministic enough to reproduce a failure.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from pathlib import Path

from reflink.db import open_db, write_document
from reflink.models import Claim, ParsedDocument, RefEntry, Section

# Plain lowercase words: no digits, hyphens or abbreviations that could read as a callout
WORDS = (
    "kinase inhibitor patients tumour response survival treatment resistance brain lesions "
    "therapy clinical trial median progression rearrangement fusion protein signalling pathway "
    "expression cells growth metastasis invasion migration receptor mutation analysis cohort "
    "study outcome toxicity dose activity efficacy benefit disease lung cancer gene partner "
    "second generation agents blood barrier penetration central nervous system were was and "
    "the of in with for to by on that this these showed reported observed increased reduced"
).split()

STYLES = ("superscript", "bracket", "paren")
DASHES = ("–", "-")


@dataclass(frozen=True)
class InjectedMarker:
    """A callout the generator printed: where its first digit is and what it stands for."""

    line: int
    text: str
    numbers: tuple[int, ...]


@dataclass
class SyntheticReview:
    """A generated review text and what it contains."""

    text: str
    style: str
    markers: list[InjectedMarker] = field(default_factory=list)
    entries: list[int] = field(default_factory=list)

    @property
    def cited(self) -> set[int]:
        return {n for marker in self.markers for n in marker.numbers}


def format_callout(style: str, groups: list[tuple[int, int]], dash: str = "–") -> str:
    """[(3, 5), (9, 9)] → "3–5,9" (superscript), "[3–5, 9]" (bracket) or "(3–5, 9)" (paren)."""
    parts = [str(low) if low == high else f"{low}{dash}{high}" for low, high in groups]
    if style == "superscript":
        return ",".join(parts)
    inner = ", ".join(parts)
    return f"[{inner}]" if style == "bracket" else f"({inner})"


def expand(groups: list[tuple[int, int]]) -> tuple[int, ...]:
    return tuple(n for low, high in groups for n in range(low, high + 1))


def glue(word: str, style: str, callout: str, sentence_end: bool) -> str:
    """Attach a callout to a word the way each style prints it."""
    if style == "superscript":
        # "mortality.1", "metastasis.2,3": flattened superscript after the full stop
        return f"{word}.{callout}" if sentence_end else f"{word}{callout}"
    return f"{word} {callout}" + ("." if sentence_end else "")


def format_entry(style: str, number: int, rng: random.Random) -> list[str]:
    """One reference entry in the style's list format, wrapped over one or two lines."""
    surname = rng.choice(["Smith", "Jones", "Okafor", "Tanaka", "Novak", "Garcia", "Chen"])
    other = rng.choice(["Brown", "Meyer", "Rossi", "Kumar", "Silva", "Dubois", "Lee"])
    journal = rng.choice(["Lancet Oncol.", "J. Clin. Oncol.", "Cancer Res.", "Nat. Med."])
    year, volume = rng.randint(1995, 2019), rng.randint(1, 120)
    first_page = rng.randint(10, 2000)
    last_page = first_page + rng.randint(2, 20)
    title = " ".join(rng.choice(WORDS) for _ in range(rng.randint(4, 9))).capitalize()
    if (
        style == "superscript"
    ):  # RSC: "101 S. M. Gadgeel, L. Gandhi, Lancet Oncol., 2014, 15, 1119–1128."
        return [
            f"{number} A. B. {surname} and C. {other},",
            f"{journal}, {year}, {volume}, {first_page}–{last_page}.",
        ]
    if (
        style == "bracket"
    ):  # "[12] A. B. Smith, C. Jones, “Title,” J. Name, vol. 15, pp. 1–9, 2014."
        return [
            f"[{number}] A. B. {surname} and C. {other}, “{title},”",
            f"{journal}, vol. {volume}, pp. {first_page}–{last_page}, {year}.",
        ]
    # Vancouver: "12. Smith AB, Jones C. Title. J Name. 2014;15:1119–28. doi:10.1000/xyz"
    return [
        f"{number}. {surname} AB, {other} C. {title}.",
        f"{journal} {year};{volume}:{first_page}–{last_page}. doi:10.{1000 + number}/x{number}",
    ]


def reference_list(style: str, count: int, rng: random.Random) -> list[str]:
    lines = ["References", ""]
    for number in range(1, count + 1):
        lines.extend(format_entry(style, number, rng))
    return lines


def generate_review(
    seed: int,
    style: str | None = None,
    entries: int = 30,
    paragraphs: int = 8,
    sections: bool = True,
) -> SyntheticReview:
    """A review text from templates: numbered sections, sentences carrying callouts, a list."""
    rng = random.Random(seed)
    style = style or rng.choice(STYLES)
    lines: list[str] = [f"A review of {rng.choice(WORDS)} {rng.choice(WORDS)} in lung cancer", ""]
    review = SyntheticReview(text="", style=style, entries=list(range(1, entries + 1)))
    next_number = 1
    for paragraph in range(paragraphs):
        if sections and paragraph % 3 == 0:
            lines.extend(
                [
                    "",
                    f"{paragraph // 3 + 1}. {rng.choice(WORDS).capitalize()} {rng.choice(WORDS)}",
                    "",
                ]
            )
        words: list[str] = []
        for _ in range(rng.randint(3, 6)):
            sentence = [rng.choice(WORDS) for _ in range(rng.randint(6, 16))]
            sentence[0] = sentence[0].capitalize()
            groups: list[tuple[int, int]] = []
            if next_number <= entries and rng.random() < 0.8:
                span = rng.choice([0, 0, 0, 1, 2])
                high = min(entries, next_number + span)
                groups.append((next_number, high))
                next_number = high + 1
            elif next_number > 1 and rng.random() < 0.5:
                old = rng.randint(1, next_number - 1)
                groups.append((old, old))
            if groups:
                callout = format_callout(style, groups, rng.choice(DASHES))
                sentence[-1] = glue(sentence[-1], style, callout, sentence_end=True)
                words.extend(sentence)
                words.append(f"\0{len(review.markers)}")  # placeholder: fixes the line later
                review.markers.append(InjectedMarker(0, callout, expand(groups)))
            else:
                sentence[-1] += "."
                words.extend(sentence)
        lines.extend(_wrap(words, len(lines), review, rng))
    lines.append("")
    lines.extend(reference_list(style, entries, rng))
    review.text = "\n".join(lines) + "\n"
    return review


def write_corpus(
    directory: Path, count: int, entries: int = 131, paragraphs: int = 35
) -> list[Path]:
    """`count` varied reviews as files: the three styles in turn, 20 to 20 + `entries` - 1
    entries, 6 to 6 + `paragraphs` - 1 paragraphs, numbered sections in every other one."""
    paths = []
    for seed in range(count):
        review = generate_review(
            seed,
            style=STYLES[seed % 3],
            entries=20 + (seed * 37) % entries,
            paragraphs=6 + (seed * 13) % paragraphs,
            sections=seed % 2 == 0,
        )
        path = directory / f"review{seed:03d}.txt"
        path.write_text(review.text, encoding="utf-8")
        paths.append(path)
    return paths


def _wrap(
    words: list[str], lines_before: int, review: SyntheticReview, rng: random.Random
) -> list[str]:
    """Words → lines of 50–80 characters; records the line of each injected marker."""
    out: list[str] = []
    current: list[str] = []
    width = rng.randint(50, 80)
    for word in words:
        if word.startswith("\0"):
            index = int(word[1:])
            marker = review.markers[index]
            review.markers[index] = InjectedMarker(
                lines_before + len(out) + 1, marker.text, marker.numbers
            )
            continue
        if current and len(" ".join([*current, word])) > width:
            out.append(" ".join(current))
            current = []
        current.append(word)
    out.append(" ".join(current))
    return out


def write_handmade_document(
    db_path: Path,
    refs: list[RefEntry],
    *,
    name: str = "review.txt",
    claims: list[Claim] | None = None,
    sections: list[Section] | None = None,
) -> Path:
    """A database holding one hand-made document (entries, optionally claims), written through
    db.write_document as ingest would: for tests and benches that need exact rows."""
    claims = claims or []
    if sections is None:
        sections = list(dict.fromkeys(c.section for c in claims if c.section))
    db = open_db(db_path)
    with db.atomic():
        write_document(
            db,
            ParsedDocument(
                lines=[],
                references=refs,
                markers=[m for c in claims for m in c.markers],
                sections=sections,
                claims=claims,
            ),
            path=f"/texts/{name}",
            name=name,
            sha256="0" * 64,
            ingested_at="2026-01-01T00:00:00+00:00",
        )
    db.close()
    return db_path
