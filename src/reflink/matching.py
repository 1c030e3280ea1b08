"""Search-based matching with validation: is this Crossref candidate the work a reference cites?

Crossref's own finding (Tkaczyk, "Reference matching: for real this time", 2020) is that the
relevance score alone makes wrong links: a search for "Gadgeel … Lancet Oncol., 2014, 15, 1119"
also returns the same team's erratum and their conference abstract, with scores close to the
article's. So a candidate is accepted only when its score, normalised by the query's length,
clears a threshold AND the fields agree: year, volume, first page, first author's family name,
with the journal (abbreviations tolerated) and title as further evidence. A wrong DOI is worse
than none, so anything unconfirmed is rejected, and two candidates that validate equally well are
left `ambiguous` for a person to decide. Every candidate keeps its evidence for audit.

No HTTP and no SQLite here: plain data in (a `Reference`, Crossref `items`), plain data out.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from .models import RefEntry
from .normalise import YEAR as PRINTED_YEAR
from .normalise import first_page
from .words import FOREIGN_FUNCTION_WORDS, FUNCTION_WORDS

# A normalised score (Crossref's relevance score / characters in the query) below this is noise:
# real hits for a full reference string score well above it, unrelated works well below.
MIN_NORMALISED_SCORE = 0.2
# Fields whose disagreement rejects a candidate outright: an erratum or a meeting abstract by the
# same authors differs in exactly these.
HARD_FIELDS = ("year", "volume", "first_page")
# How many of a reference's first words may hold its first author ("S. M. Gadgeel, …",
# "Gadgeel SM, …", "van der Berg, J., …").
AUTHOR_WINDOW = 14

AGREE = "agree"
DISAGREE = "disagree"
UNKNOWN = "unknown"

YEAR = re.compile(rf"(?<!\d)({PRINTED_YEAR})(?!\d)")
# token boundaries for numbers and article ids: "2014, 15, 1119–1128." / "35, JCO2016715904."
TOKEN_SPLIT = re.compile(r"[\s,;:()\[\]/–—‐-]+")
# journal words that carry no meaning when comparing "The Lancet Oncology" and "Lancet Oncol."
JOURNAL_STOPWORDS = FUNCTION_WORDS | FOREIGN_FUNCTION_WORDS
TITLE_STOPWORDS = FUNCTION_WORDS


@dataclass(frozen=True)
class Reference:
    """What is known of one reference: its printed text and whatever fields were parsed."""

    text: str
    authors: tuple[str, ...] = ()
    title: str | None = None
    journal: str | None = None
    year: int | None = None
    volume: str | None = None
    pages: str | None = None

    @classmethod
    def from_entry(cls, entry: RefEntry) -> Reference:
        """What matching needs of a parsed or stored entry: its text and its fields."""
        return cls(text=entry.raw, **entry.printed_fields())


@dataclass(frozen=True)
class Candidate:
    """The fields of one Crossref work item that validation looks at."""

    doi: str
    score: float
    title: str | None
    first_author: str | None
    years: tuple[int, ...]
    volume: str | None
    first_page: str | None
    journals: tuple[str, ...]
    kind: str | None


@dataclass(frozen=True)
class FieldCheck:
    """One field compared: agree, disagree or unknown, with both sides as found."""

    field: str
    verdict: str
    printed: str | None
    crossref: str | None


@dataclass(frozen=True)
class Judgement:
    """The verdict on one candidate, with its evidence."""

    candidate: Candidate
    rank: int
    normalised_score: float
    checks: tuple[FieldCheck, ...]
    decision: str  # accepted | rejected | ambiguous
    reason: str
    chosen: bool = False

    def check(self, name: str) -> FieldCheck:
        return next(c for c in self.checks if c.field == name)

    @property
    def agreements(self) -> int:
        return sum(1 for c in self.checks if c.verdict == AGREE)

    def evidence(self) -> dict[str, Any]:
        """JSON-ready evidence: field → {verdict, printed, crossref}."""
        return {
            c.field: {"verdict": c.verdict, "printed": c.printed, "crossref": c.crossref}
            for c in self.checks
        }


@dataclass(frozen=True)
class MatchResult:
    """The outcome for one reference: matched | rejected | ambiguous | no-candidates."""

    outcome: str
    judgements: tuple[Judgement, ...] = ()
    doi: str | None = None
    normalised_score: float | None = None
    reason: str = ""

    @property
    def chosen(self) -> Judgement | None:
        return next((j for j in self.judgements if j.chosen), None)


# ---- reading Crossref items --------------------------------------------------------------------


def candidate_from_item(item: dict[str, Any]) -> Candidate:
    """A Crossref work item (`message.items[]` or a `/works/{doi}` message) → Candidate."""
    authors = item.get("author") or []
    first = next(
        (a for a in authors if a.get("sequence") == "first"), authors[0] if authors else None
    )
    first_author = None
    if first:
        first_author = first.get("family") or first.get("name")
    years = []
    for key in ("issued", "published-print", "published-online", "published"):
        parts = (item.get(key) or {}).get("date-parts") or [[None]]
        year = parts[0][0] if parts and parts[0] else None
        if isinstance(year, int) and year not in years:
            years.append(year)
    page = item.get("page") or item.get("article-number")
    titles = item.get("title") or []
    return Candidate(
        doi=str(item.get("DOI", "")),
        score=float(item.get("score") or 0.0),
        title=titles[0] if titles else None,
        first_author=first_author,
        years=tuple(years),
        volume=str(item["volume"]) if item.get("volume") else None,
        first_page=_first_page(str(page)) if page else None,
        journals=tuple(
            t
            for t in [
                *(item.get("container-title") or []),
                *(item.get("short-container-title") or []),
            ]
            if t
        ),
        kind=item.get("type"),
    )


def candidate_from_deposit(item: dict[str, Any]) -> Candidate:
    """A deposited `reference` item ("author", "year", "volume", "first-page", …) → Candidate."""
    year = item.get("year")
    journal = item.get("journal-title")
    return Candidate(
        doi=str(item.get("DOI") or ""),
        score=0.0,
        title=item.get("article-title") or item.get("volume-title"),
        first_author=item.get("author"),
        years=(int(year[:4]),) if isinstance(year, str) and year[:4].isdigit() else (),
        volume=item.get("volume"),
        first_page=_first_page(item["first-page"]) if item.get("first-page") else None,
        journals=(journal,) if journal else (),
        kind=None,
    )


# ---- normalising text --------------------------------------------------------------------------


@lru_cache(maxsize=8192)
def fold(text: str) -> str:
    """Lower case without accents: "Crinò" → "crino", "Pérol" → "perol"."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()


@lru_cache(maxsize=8192)
def words(text: str) -> tuple[str, ...]:
    """Letter-only words, folded: "T.Mok,N. Engl." → (t, mok, n, engl)."""
    return tuple(re.findall(r"[a-z]+", fold(text)))


@lru_cache(maxsize=8192)
def number_tokens(text: str) -> tuple[str, ...]:
    """Number-like tokens in order, dots removed: "2014, 15, 1119–1128." → [2014, 15, 1119, 1128];
    "JCO2016715904." stays whole."""
    found = []
    for token in TOKEN_SPLIT.split(fold(text)):
        token = token.replace(".", "")
        if token and any(ch.isdigit() for ch in token):
            found.append(token)
    return tuple(found)


def tokens(text: str) -> set[str]:
    """The set of `number_tokens`."""
    return set(number_tokens(text))


def _first_page(pages: str) -> str:
    """ "1119-1128" → "1119"; "e0123" → "e0123"; "JCO.2016.71.5904" → "jco2016715904"."""
    return re.sub(r"[^0-9a-z]", "", fold(first_page(pages)))


def _volume(volume: str) -> str:
    """ "15" → "15"; "15 Suppl 1" → "15"; "Pt 2" stays as is."""
    match = re.match(r"\s*(\d+)", volume)
    return match.group(1) if match else fold(volume).strip()


def abbreviates(short: str, full: str) -> bool:
    """Is `short` an abbreviation of `full`? "Lancet Oncol." / "The Lancet Oncology" → True.

    Word by word, each printed word keeps the first letter and its letters in order:
    "N. Engl. J. Med." fits "New England Journal of Medicine"; "Natl" fits "National".
    """
    printed = [w for w in words(short) if w not in JOURNAL_STOPWORDS]
    title = [w for w in words(full) if w not in JOURNAL_STOPWORDS]
    if not printed or len(printed) != len(title):
        return False
    return all(p[0] == t[0] and _subsequence(p, t) for p, t in zip(printed, title, strict=True))


def _subsequence(short: str, long: str) -> bool:
    letters = iter(long)
    return all(ch in letters for ch in short)


# ---- the field checks --------------------------------------------------------------------------


def check_year(ref: Reference, cand: Candidate) -> FieldCheck:
    """Any of Crossref's dates (issued, print, online) may be the year a reference prints."""
    crossref = "/".join(map(str, cand.years)) or None
    if not cand.years:
        return FieldCheck("year", UNKNOWN, str(ref.year) if ref.year else None, None)
    if ref.year:
        verdict = AGREE if ref.year in cand.years else DISAGREE
        return FieldCheck("year", verdict, str(ref.year), crossref)
    printed = sorted({int(y) for y in YEAR.findall(ref.text)})
    if not printed:
        return FieldCheck("year", UNKNOWN, None, crossref)
    verdict = AGREE if set(printed) & set(cand.years) else DISAGREE
    return FieldCheck("year", verdict, "/".join(map(str, printed)), crossref)


def check_volume(ref: Reference, cand: Candidate) -> FieldCheck:
    if not cand.volume:
        return FieldCheck("volume", UNKNOWN, ref.volume, None)
    volume = _volume(cand.volume)
    if ref.volume:
        verdict = AGREE if _volume(ref.volume) == volume else DISAGREE
        return FieldCheck("volume", verdict, ref.volume, cand.volume)
    verdict = AGREE if volume in tokens(ref.text) else DISAGREE
    return FieldCheck("volume", verdict, volume if verdict == AGREE else None, cand.volume)


def check_first_page(ref: Reference, cand: Candidate) -> FieldCheck:
    """First page printed vs Crossref's; an early-release id printed in its place
    ("J. Clin. Oncol., 2017, 35, JCO2016715904." for DOI 10.1200/JCO.2016.71.5904) agrees too."""
    check = _check_page(ref, cand)
    if check.verdict != AGREE:
        article_id = _doi_article_id(cand.doi)
        if article_id and article_id in tokens(ref.text):
            return FieldCheck("first_page", AGREE, article_id, f"DOI {cand.doi}")
    return check


def _doi_article_id(doi: str) -> str | None:
    """ "10.1200/JCO.2016.71.5904" → "jco2016715904" (as `tokens` would read it printed)."""
    suffix = doi.partition("/")[2]
    article_id = re.sub(r"[^0-9a-z]", "", fold(suffix))
    has_both = any(c.isdigit() for c in article_id) and any(c.isalpha() for c in article_id)
    return article_id if len(article_id) >= 8 and has_both else None


def _check_page(ref: Reference, cand: Candidate) -> FieldCheck:
    if not cand.first_page:
        return FieldCheck("first_page", UNKNOWN, ref.pages, None)
    if ref.pages:
        printed = _first_page(ref.pages)
        verdict = AGREE if printed == cand.first_page else DISAGREE
        return FieldCheck("first_page", verdict, printed, cand.first_page)
    # The page must be printed apart from the volume: in "2008;377(1):337-42" a paper starting
    # on page 377 of volume 377 is not confirmed by the one "377" printed.
    printed = number_tokens(ref.text)
    pages = [i for i, t in enumerate(printed) if t == cand.first_page]
    volumes = (
        []
        if ref.volume or not cand.volume
        else [i for i, t in enumerate(printed) if t == _volume(cand.volume)]
    )
    apart = any(p != v for p in pages for v in volumes) if volumes else bool(pages)
    verdict = AGREE if apart else DISAGREE
    return FieldCheck(
        "first_page", verdict, cand.first_page if verdict == AGREE else None, cand.first_page
    )


def check_first_author(ref: Reference, cand: Candidate) -> FieldCheck:
    """The candidate's first family name among the reference's first words ("De Petris" too)."""
    if not cand.first_author:
        return FieldCheck("first_author", UNKNOWN, None, None)
    family = [w for w in words(cand.first_author) if len(w) > 1] or list(words(cand.first_author))
    printed = ref.authors[0] if ref.authors else None
    windows = [words(printed)] if printed else []
    # the printed words too: a parser's slip in the author list must not hide the name
    windows.append(words(ref.text)[:AUTHOR_WINDOW])
    if not any(windows):
        return FieldCheck("first_author", UNKNOWN, None, cand.first_author)
    verdict = DISAGREE
    for window in windows:
        if family and (_names_in(family, window)):
            verdict = AGREE
            break
    if verdict == AGREE and printed is None:
        printed = cand.first_author
    return FieldCheck("first_author", verdict, printed, cand.first_author)


def _names_in(family: list[str], window: Sequence[str]) -> bool:
    # "Garcia Campelo" printed "R. Garcia Campelo": every part must be there; a name broken at a
    # line end ("Kowal- ski") is found in the letters run together
    if all(part in window for part in family):
        return True
    whole = "".join(family)
    return len(whole) >= 5 and whole in "".join(window)


def check_journal(ref: Reference, cand: Candidate) -> FieldCheck:
    """Printed journal vs Crossref's container titles, abbreviations tolerated."""
    if not cand.journals:
        return FieldCheck("journal", UNKNOWN, ref.journal, None)
    if ref.journal:
        verdict = AGREE if any(_journal_fits(ref.journal, t) for t in cand.journals) else DISAGREE
        return FieldCheck("journal", verdict, ref.journal, cand.journals[0])
    # No parsed journal: look for a run of printed words that abbreviates a container title and
    # is followed by a number ("Lancet Oncol., 2014, 15" / "Lancet Oncol. 2014;15"), so that
    # "Lancet" does not pass for the "Lancet Oncol." printed.
    sequence = [t for t in re.findall(r"[a-z]+|\d+", fold(ref.text)) if t not in JOURNAL_STOPWORDS]
    for title in cand.journals:
        size = len([w for w in words(title) if w not in JOURNAL_STOPWORDS])
        if not size:
            continue
        for start in range(len(sequence) - size + 1):
            run = sequence[start : start + size]
            after = sequence[start + size] if start + size < len(sequence) else "0"
            if not after.isdigit() or not all(w.isalpha() for w in run):
                continue
            window = " ".join(run)
            if abbreviates(window, title):
                return FieldCheck("journal", AGREE, window, title)
    return FieldCheck("journal", DISAGREE, None, cand.journals[0])


def _journal_fits(printed: str, title: str) -> bool:
    return (
        abbreviates(printed, title) or abbreviates(title, printed) or fold(printed) == fold(title)
    )


def check_title(ref: Reference, cand: Candidate) -> FieldCheck:
    """Title words found in the reference: evidence for, never against (many styles print none)."""
    if not cand.title:
        return FieldCheck("title", UNKNOWN, ref.title, None)
    title_words = [w for w in words(cand.title) if len(w) > 2 and w not in TITLE_STOPWORDS]
    if len(title_words) < 3:
        return FieldCheck("title", UNKNOWN, ref.title, cand.title)
    printed = set(words(ref.title or ref.text))
    found = sum(1 for w in title_words if w in printed) / len(title_words)
    verdict = AGREE if found >= 0.8 else UNKNOWN
    return FieldCheck("title", verdict, ref.title, cand.title)


CHECKS = [
    check_year,
    check_volume,
    check_first_page,
    check_first_author,
    check_journal,
    check_title,
]


# ---- deciding ----------------------------------------------------------------------------------


def normalised_score(score: float, query: str) -> float:
    """Crossref's relevance score per character of the query string."""
    return score / max(len(query.strip()), 1)


def judge(ref: Reference, cand: Candidate, rank: int, query: str) -> Judgement:
    """Accept or reject one candidate on its own, saying why."""
    checks = tuple(check(ref, cand) for check in CHECKS)
    norm = normalised_score(cand.score, query)
    verdicts = {c.field: c.verdict for c in checks}

    def result(decision: str, reason: str) -> Judgement:
        return Judgement(cand, rank, round(norm, 4), checks, decision, reason)

    disagreeing = [c for c in checks if c.field in HARD_FIELDS and c.verdict == DISAGREE]
    if disagreeing:
        return result("rejected", "; ".join(_differs(c) for c in disagreeing))
    if verdicts["year"] != AGREE:
        return result("rejected", "no year to confirm it")
    support = [f for f in ("volume", "first_page", "title") if verdicts[f] == AGREE]
    if not support:
        return result("rejected", "only the year agrees")
    author, journal = verdicts["first_author"], verdicts["journal"]
    numbers_and_journal = verdicts["volume"] == verdicts["first_page"] == journal == AGREE
    if author == DISAGREE and not numbers_and_journal:
        return result("rejected", _differs(next(c for c in checks if c.field == "first_author")))
    if journal == DISAGREE and len(support) < 2:
        return result("rejected", "journal differs and only " + support[0] + " agrees")
    # last, so that a rejected erratum says "year 2015 ≠ 2014", the reason a person can check
    if norm < MIN_NORMALISED_SCORE:
        return result("rejected", f"normalised score {norm:.2f} < {MIN_NORMALISED_SCORE}")
    agreed = [c.field for c in checks if c.verdict == AGREE]
    reason = "agree: " + ", ".join(agreed)
    if author == DISAGREE:
        reason += " (first author differs; tolerated as year, volume, page and journal agree)"
    return result("accepted", reason)


def _differs(check: FieldCheck) -> str:
    label = check.field.replace("_", " ")
    printed = check.printed if check.printed is not None else "not printed"
    return f"{label} {check.crossref} ≠ {printed}"


def match_reference(
    ref: Reference, items: Sequence[dict[str, Any]], query: str | None = None
) -> MatchResult:
    """Judge every candidate; choose one only if it validates and no other validates as well."""
    query = query if query is not None else ref.text
    judgements = [
        judge(ref, candidate_from_item(item), rank, query)
        for rank, item in enumerate(items, start=1)
        if item.get("DOI")
    ]
    if not judgements:
        return MatchResult("no-candidates", reason="Crossref returned no candidates")
    accepted = [j for j in judgements if j.decision == "accepted"]
    dois = {fold(j.candidate.doi) for j in accepted}
    if not accepted:
        best = judgements[0]
        return MatchResult("rejected", tuple(judgements), reason=f"best candidate: {best.reason}")
    ranked = sorted(accepted, key=lambda j: (-j.agreements, -j.normalised_score, j.rank))
    best = ranked[0]
    rivals = [
        j
        for j in ranked[1:]
        if fold(j.candidate.doi) != fold(best.candidate.doi) and j.agreements >= best.agreements
    ]
    if len(dois) > 1 and rivals:
        tied = {id(best), *(id(j) for j in rivals)}
        others = ", ".join(j.candidate.doi for j in rivals)
        final = tuple(
            _replace(
                j,
                "ambiguous",
                f"validates as well as {others if j is best else best.candidate.doi}",
            )
            if id(j) in tied
            else j
            for j in judgements
        )
        return MatchResult("ambiguous", final, reason=f"{len(tied)} candidates validate equally")
    final = []
    for j in judgements:
        if j is best:
            final.append(
                Judgement(
                    j.candidate, j.rank, j.normalised_score, j.checks, j.decision, j.reason, True
                )
            )
        elif j.decision == "accepted" and fold(j.candidate.doi) != fold(best.candidate.doi):
            final.append(
                _replace(j, "rejected", f"validates, but #{best.rank} agrees on more fields")
            )
        else:
            final.append(j)
    return MatchResult(
        "matched",
        tuple(final),
        doi=best.candidate.doi,
        normalised_score=best.normalised_score,
        reason=best.reason,
    )


def _replace(j: Judgement, decision: str, reason: str) -> Judgement:
    return Judgement(j.candidate, j.rank, j.normalised_score, j.checks, decision, reason, j.chosen)


def compare_deposit(
    ref: Reference, printed_doi: str | None, item: dict[str, Any], *, partial: bool = False
) -> list[FieldCheck]:
    """Cross-check an entry printed in the text with the publisher's deposited item.

    Returns the checks that disagree (year, volume, first page, first author, DOI); a field the
    deposit or the text lacks is no disagreement. Of an entry the extract cut ("J. Brahmer,
    K. L. Reckamp, P. Baas, L. Crinò," or the tail " Ther., 2017, 34, 1145.") only what is
    printed is compared.
    """
    cand = candidate_from_deposit(item)
    checks = [check_year(ref, cand)]
    has_numbers = bool(ref.volume or ref.pages or tokens(YEAR.sub(" ", ref.text)))
    if has_numbers:
        checks += [check_volume(ref, cand), check_first_page(ref, cand)]
    if not partial or ref.authors:
        checks.append(check_first_author(ref, cand))
    if printed_doi and cand.doi:
        verdict = AGREE if fold(printed_doi) == fold(cand.doi) else DISAGREE
        checks.append(FieldCheck("doi", verdict, printed_doi, cand.doi))
    return [c for c in checks if c.verdict == DISAGREE]


__all__ = [
    "Candidate",
    "FieldCheck",
    "Judgement",
    "MatchResult",
    "Reference",
    "abbreviates",
    "candidate_from_deposit",
    "candidate_from_item",
    "compare_deposit",
    "judge",
    "match_reference",
    "normalised_score",
]
