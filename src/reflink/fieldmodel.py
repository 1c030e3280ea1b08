"""A learned reference field parser: a linear-chain CRF over the tokens of one entry.

    read_fields(text)   tokenize → token_features → tag (the shipped model) → fields_from_tags

The rules in `references` are exact on the styles they know; this model is the general
mechanism for the thousands of styles they do not ("Ortega L, Chen W. Title. Front Immunol
(2019) 10(3):1432-9."). It was trained on labelled reference strings from GROBID's citation
corpus (CC BY 4.0) and AnyStyle's core set (BSD-2-Clause): see data/NOTICE.md and
docs/fields.md. `make train` rebuilds it (reflink.fieldtrain); installing never trains.

The model file is small and loaded once, on the first entry that needs it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from .citations import MONTHS
from .lazyre import lazy
from .names import AFTER_INITIALS_PARTICLES, is_any_name, is_person
from .normalise import DOI_IN_TEXT as DOI
from .normalise import YEAR as PRINTED_YEAR
from .references import (
    ET_AL,
    FAMILY_FIRST_LIST,
    PAGES,
    URL,
    Draft,
    bare_initials_names,
    capital_family_names,
    expand_pages,
    is_abbreviation,
    split_authors_any,
)
from .words import FOREIGN_FUNCTION_WORDS, FUNCTION_WORDS

# "of", "de", "und": the project's function words, English and foreign, as one dictionary feature
DICTIONARY_FUNCTION_WORDS = FUNCTION_WORDS | FOREIGN_FUNCTION_WORDS

MODEL_NAME = "fields.crfsuite"
MODEL_DIRECTORY = Path(__file__).resolve().parent / "data"

# Tokens: a web address or DOI whole (the rules' own patterns find them exactly), a run of
# digits, a run of letters, or one other character; "Phys. Rev. D85" splits its "D" (journal)
# from its "85" (volume). "Front Immunol (2019) 10(3):1432-9." → Front Immunol ( 2019 ) 10 (
# 3 ) : 1432 - 9 .
TOKEN = lazy(
    r"(?:https?://|www\.|10\.\d{4,9}/)\S+?(?=[.,;)\]]*(?:\s|$))|\d+|[^\W\d_]+|\S",
    re.IGNORECASE,
)
YEAR_TOKEN = lazy(r"1[5-9]\d\d|20\d\d")
OPENING = "([{“‘«"
CLOSING = ")]}”’»"
# Words that announce a field: "In: Proceedings…", "vol. 3", "pp. 12–19", "Eds."
CUE_WORDS = frozenset(
    """in vol volume no issue pp p pages page ed eds editor editors edn edition available
    accessed retrieved doi url http https www press university proceedings proc conference
    symposium workshop journal thesis dissertation report technical arxiv preprint et al""".split()
)


class Token(NamedTuple):  # a tuple: an entry has dozens, made faster than a dataclass's
    text: str
    start: int
    end: int


def tokenize(text: str) -> list[Token]:
    """A reference string → its tokens with character offsets."""
    return [Token(m.group(), m.start(), m.end()) for m in TOKEN.finditer(text)]


def shape(word: str) -> str:
    """'Immunol' → 'Xx', '1432' → 'd', 'PLoS' → 'XxXx', '10(3)' → 'd(d)': runs collapsed."""
    out: list[str] = []
    for char in word:
        kind = "X" if char.isupper() else "x" if char.isalpha() else "d" if char.isdigit() else char
        if not out or out[-1] != kind:
            out.append(kind)
    return "".join(out)[:6]


def is_link(word: str) -> bool:
    return bool(URL.match(word) or DOI.match(word))


@lru_cache(maxsize=8192)
def word_features(word: str) -> tuple[str, ...]:
    """What one token is by itself: its form, case, digits, dictionary entries."""
    lower = word.casefold()
    feats = [f"w={lower[:20]}", f"shape={shape(word)}"]
    if len(word) > 3:
        feats += [f"p3={lower[:3]}", f"s3={lower[-3:]}"]
    if word.isalpha():
        feats.append(f"len={min(len(word), 8)}")
        if word.isupper():
            feats.append("upper")
        elif word[:1].isupper():
            feats.append("title")
        if lower in MONTHS:
            feats.append("month")
        if lower in DICTIONARY_FUNCTION_WORDS:
            feats.append("function")
        if lower in CUE_WORDS:
            feats.append("cue")
        if word[:1].isupper() and len(word) > 1 and is_abbreviation(word):
            feats.append("abbrev")  # "Immunol", "Natl": rare as English words
    elif word.isdigit():
        feats.append(f"digits={min(len(word), 5)}")
        if YEAR_TOKEN.fullmatch(word):
            feats.append("year")
    elif is_link(word):
        feats.append("link=doi" if DOI.match(word) else "link=url")
    return tuple(feats)


# Features of a neighbour worth copying onto a token: its word and shape, and these flags
NEIGHBOUR_FLAGS = frozenset({"year", "abbrev", "month", "upper", "title"})


@lru_cache(maxsize=16384)
def neighbour_features(word: str, offset: int) -> tuple[str, ...]:
    feats = word_features(word)
    out = [f"{offset}:{feats[0]}", f"{offset}:{feats[1]}"]
    if offset in (-1, 1):
        out += [f"{offset}:{f}" for f in feats[2:] if f in NEIGHBOUR_FLAGS]
    return tuple(out)


# The positional features' strings, made once: a reference has dozens of tokens, each with
# nine of them (the values are small counts, capped)
POSITION = tuple(f"pos={k}" for k in range(10))
SPACE = {False: "space=False", True: "space=True"}
SPACED = {False: "spaced=False", True: "spaced=True"}
DEPTH = tuple(f"depth={k}" for k in range(3))
QUOTED = {False: "quoted=False", True: "quoted=True"}
SENTENCES = tuple(f"sent={k}" for k in range(6))
COMMAS = tuple(f"commas={k}" for k in range(7))
YEARS = tuple(f"years={k}" for k in range(3))
EDGES = {-2: ("-2:w=BOS",), -1: ("-1:w=BOS",), 1: ("1:w=EOS",), 2: ("2:w=EOS",)}


@lru_cache(maxsize=256)
def last_punct_feature(mark: str) -> str:
    return f"last_punct={mark}"


def token_features(tokens: Sequence[Token], text: str) -> list[list[str]]:
    """Each token's features: its own, its neighbours', and where it stands in the entry."""
    n = len(tokens)
    words = [t.text for t in tokens]
    # each token's features as its neighbours see them, at each offset
    around = {
        offset: [
            neighbour_features(words[j], offset) if 0 <= j < n else EDGES[offset]
            for j in range(offset, n + offset)
        ]
        for offset in (-2, -1, 1, 2)
    }
    before, before1, after1, after = around[-2], around[-1], around[1], around[2]
    rows: list[list[str]] = []
    depth = 0
    quoted = False
    sentences = 0  # ". " boundaries seen so far: authors. title. journal…
    commas = 0
    years = 0
    last_punct = "^"
    for i, token in enumerate(tokens):
        word = words[i]
        own = word_features(word)
        feats = [
            *own,
            POSITION[10 * i // n],
            SPACE[token.start > 0 and text[token.start - 1] == " "],
            SPACED[text[token.end : token.end + 1] == " "],
            DEPTH[min(depth, 2)],
            QUOTED[quoted],
            SENTENCES[min(sentences, 5)],
            COMMAS[min(commas, 6)],
            YEARS[min(years, 2)],
            last_punct_feature(last_punct),
            *before[i],
            *before1[i],
            *after1[i],
            *after[i],
        ]
        rows.append(feats)
        # state after this token, for the next ones
        if word in OPENING:
            depth += 1
            quoted = quoted or word in "“‘«"
        elif word in CLOSING:
            depth = max(0, depth - 1)
            quoted = quoted and word not in "”’»"
        elif word == '"':
            quoted = not quoted
        elif word == "." and i > 0 and len(words[i - 1]) > 1:
            if "abbrev" not in word_features(words[i - 1]):
                sentences += 1
        elif word == ",":
            commas += 1
        if "year" in own:
            years += 1
        if len(word) == 1 and not word.isalnum():
            last_punct = word
    return rows


# --- tagging with the shipped model -----------------------------------------------------


class ModelMissing(RuntimeError):
    """The package was built without its field model (a source checkout before `make train`)."""


@lru_cache(maxsize=1)
def load_tagger():
    """The shipped model, opened once per process."""
    import pycrfsuite  # imported here: only entries the rules cannot read need it

    # a plain path, as reflink.vocabulary reads its table: importlib.resources cost more to
    # import than opening the model, and the package is installed as files, not zipped
    path = MODEL_DIRECTORY / MODEL_NAME
    if not path.is_file():
        raise ModelMissing(f"reference field model not found at {path}")
    tagger = pycrfsuite.Tagger()
    tagger.open(str(path))
    return tagger


@dataclass
class ModelFields:
    """What the model read in one entry: each field's text as printed, and its confidence."""

    spans: dict[str, list[str]] = field(default_factory=dict)  # label → printed pieces
    confidence: float = 0.0  # probability of the whole tag sequence

    def first(self, label: str) -> str | None:
        pieces = self.spans.get(label)
        return pieces[0] if pieces else None


def tag(text: str) -> tuple[list[Token], list[str], float]:
    """A reference string → its tokens, one label per token, and the sequence's probability."""
    tokens = tokenize(text)
    if not tokens:
        return [], [], 0.0
    tagger = load_tagger()
    labels = tagger.tag(token_features(tokens, text))
    return tokens, labels, tagger.probability(labels)


# Marks at a field's edges that are the style's, not the field's: '“Title.”', '(2019)'
EDGE_MARKS = " ,;:([“”\"'‘’"


# "USA", "U.S.A.": a country in capitals, which ends a journal's name ("Proc Natl Acad Sci USA")
COUNTRY_IN_CAPITALS = lazy(r"[A-Z](?:\.?\s?[A-Z]){1,3}\.?")


def _journals_country(text: str, tokens: Sequence[Token], labels: Sequence[str]) -> list[str]:
    """ "Proc Natl Acad Sci USA 104: e228": the model reads "USA" as a place (publishers'
    places are what it learned the word as); between a journal and its volume, in capitals,
    it ends the journal's name."""
    labels = list(labels)
    for start, label in enumerate(labels):
        if label != "location" or not start or labels[start - 1] != "journal":
            continue
        end = start
        while end < len(labels) and labels[end] == "location":
            end += 1
        following = next((later for later in labels[end:] if later != "O"), None)
        piece = text[tokens[start].start : tokens[end - 1].end]
        if following == "volume" and COUNTRY_IN_CAPITALS.fullmatch(piece):
            labels[start:end] = ["journal"] * (end - start)
    return labels


# Words that may stand before a volume's (or the pages') number as its label, never as a
# journal's name: "Suppl 2", "Bd. 12", Indonesian "hal. 120–130", Spanish "pág. 12"
VOLUME_LABELS = CUE_WORDS | frozenset(
    "suppl supplement part pt ser series bd jg tome tom t v n s nr hal ss str pág págs".split()
)
# the most tokens a journal's name read before its volume may have ("Proc Natl Acad Sci USA")
JOURNAL_TOKENS = 12


def _journal_before_volume(tokens: Sequence[Token], labels: Sequence[str]) -> list[str]:
    """ "H. Weber, A. Fischer, eLife 215(3) (2004) 484–90.": a journal whose name is not
    capitalised (eLife, mBio, iScience, npj Breast Cancer) is unlike any the model learned, and
    it reads the name into the volume ("eLife 215") or into nothing. Where it read no journal,
    the words between the last mark and the volume's number are the journal's name."""
    labels = list(labels)
    first = labels.index("volume")
    number = first
    while (
        number < len(labels) and labels[number] == "volume" and not tokens[number].text[0].isdigit()
    ):
        number += 1
    if number == len(labels) or labels[number] != "volume":
        return labels  # a volume with no number in it
    start = first
    if start > 1 and labels[start - 1] == "O" and tokens[start - 1].text in ",:":
        start -= 1  # "…(a case-control study), eLife, 225 (5) 1994": a comma before the volume
    while (
        start > 0
        and labels[start - 1] == "O"
        and (tokens[start - 1].text.isalpha() or tokens[start - 1].text in ".&")
    ):
        start -= 1
    while start < first and not tokens[start].text.isalpha():
        start += 1  # the mark that ends the field before: "survivors. Gut 126"
    words = [token.text for token in tokens[start:number] if token.text.isalpha()]
    if (
        not words
        or not tokens[start].text.isalpha()
        or number - start > JOURNAL_TOKENS
        or any(word.casefold() in VOLUME_LABELS for word in words)
        or not any(len(word) > 1 for word in words)
        or (start and tokens[start - 1].text not in ",.:;")
    ):
        return labels
    labels[start:number] = ["journal"] * (number - start)
    return labels


# "de", "van der": the particles a name set given name first carries before its family name
PARTICLE_WORDS = frozenset(AFTER_INITIALS_PARTICLES)


def _particle_family_names(tokens: Sequence[Token], labels: Sequence[str]) -> list[str]:
    """ "J.R. de Vries, Sci. Rep. 106(4)": the model ends the name at its initials and reads
    "de Vries" into the next field; a particle and a capitalised word after an author's
    initial, up to the mark that ends them, are the family name."""
    labels = list(labels)
    for at, token in enumerate(tokens):
        if token.text not in PARTICLE_WORDS or labels[at] in ("author", "editor"):
            continue
        initial = at - 2 if at >= 2 and tokens[at - 1].text == "." else at - 1
        if initial < 0 or labels[initial] != "author":
            continue
        if not (len(tokens[initial].text) == 1 and tokens[initial].text.isupper()):
            continue
        end = at
        while end < len(tokens) and end - at < 2 and tokens[end].text in PARTICLE_WORDS:
            end += 1
        if (
            end == len(tokens)
            or not tokens[end].text[:1].isupper()
            or not tokens[end].text.isalpha()
        ):
            continue
        end += 1
        while (
            end + 1 < len(tokens) and tokens[end].text in "-'’" and tokens[end + 1].text.isalpha()
        ):
            end += 2  # "de Smith-Jones", "d'Arcy"
        if end < len(tokens) and tokens[end].text not in ",;:&" and tokens[end].text != "and":
            continue
        labels[initial + 1 : end] = ["author"] * (end - initial - 1)
    return labels


def _last_bare_initials(text: str, tokens: Sequence[Token], labels: Sequence[str]) -> list[str]:
    """ "Öztürk, M, Tanaka, N, and Das, A 1993 The liquid biopsy…": initials without full
    stops look to the model like a title's first word, and it ends the names at "Das". Where
    the names are family names and such initials in pairs, the last family name's initials
    after its comma are the name's too."""
    labels = list(labels)
    first = labels.index("author")
    last = first
    while last + 1 < len(labels) and labels[last + 1] == "author":
        last += 1
    if last + 2 >= len(tokens) or tokens[last + 1].text != ",":
        return labels
    end = last + 2  # the initials: "A", "M-C", "M K", "L de"
    while end + 1 < len(tokens):
        following = tokens[end + 1].text
        if following == "-" and end + 2 < len(tokens) and len(tokens[end + 2].text) == 1:
            end += 2
        elif (len(following) == 1 and following.isupper()) or following in PARTICLE_WORDS:
            end += 1
        else:
            break
    while end > last + 2 and not bare_initials_names(text[tokens[first].start : tokens[end].end]):
        end -= 1  # "Das, A The…": a title's first word is no initial
    names = text[tokens[first].start : tokens[end].end]
    if labels[last + 2] != "author" and bare_initials_names(names) is not None:
        labels[last + 1 : end + 1] = ["author"] * (end - last)
        if end + 1 < len(tokens) and YEAR_TOKEN.fullmatch(tokens[end + 1].text):
            labels[end + 1] = "date"  # "Das, A 1993 The…": the year after the names
    return labels


# a word abbreviated with a full stop inside a name: the "J." of "J. Immunol", "Am. J. Respir"
DOTTED_ABBREVIATIONS = lazy(r"\b[^\W\d_]{1,6}\.\s")


# fields whose name a mark inside may break in two: "Am. J. Respir. Crit. Care Med."
WHOLE_NAME_FIELDS = frozenset({"journal", "booktitle", "title"})
INNER_MARKS = frozenset(".,:&")


def _marks_inside_fields(tokens: Sequence[Token], labels: Sequence[str]) -> list[str]:
    """ "Am. J. Respir. Crit. Care Med. 176": the model labels the full stop after "Crit" as
    no field's, and the journal falls in two pieces ("Am. J. Respir. Crit" and "Care Med"),
    of which the first was kept. A mark between two words of one journal, book or title is
    that field's."""
    labels = list(labels)
    for at in range(1, len(tokens) - 1):
        if (
            labels[at] == "O"
            and tokens[at].text in INNER_MARKS
            and labels[at - 1] in WHOLE_NAME_FIELDS
            and labels[at + 1] == labels[at - 1]
        ):
            labels[at] = labels[at - 1]
    return labels


def _closing_brackets(tokens: Sequence[Token], labels: Sequence[str]) -> list[str]:
    """ "…: a case-control study (a case-control study), eLife": the model leaves the bracket
    that closes the title's own "(" outside the title. A closing bracket straight after a
    title, journal or book whose run opened one more bracket than it closed is that field's."""
    labels = list(labels)
    for at in range(1, len(tokens)):
        field = labels[at - 1]
        if labels[at] != "O" or tokens[at].text not in CLOSING or field not in WHOLE_NAME_FIELDS:
            continue
        opening = OPENING[CLOSING.index(tokens[at].text)]
        start = at - 1
        while start > 0 and labels[start - 1] == field:
            start -= 1
        run = [token.text for token in tokens[start:at]]
        if run.count(opening) > run.count(tokens[at].text):
            labels[at] = field
    return labels


def _words_whole(tokens: Sequence[Token], labels: Sequence[str]) -> list[str]:
    """ "…, & Dubois Z, PD-L1 expression…": the model read "PD" as a name and "-L1" as the
    title's. A word printed whole (`_glued`) is one field's: the one most of its tokens have,
    the last one's on a tie (tokens of no field do not vote)."""
    labels = list(labels)
    start = 0
    while start < len(tokens):
        end = start + 1
        while end < len(tokens) and _glued(tokens[end - 1], tokens[end]):
            end += 1
        last = end
        while last - start > 1 and tokens[last - 1].text in HYPHENS:
            last -= 1  # "조선고고연구-" before "1": a hyphen that joins no letters is no word's
        fields = [label for label in labels[start:last] if label != "O"]
        if len(set(labels[start:last])) > 1 and fields:
            counts = {label: fields.count(label) for label in fields}
            best = max(counts.values())
            winner = next(label for label in reversed(fields) if counts[label] == best)
            labels[start:last] = [winner] * (last - start)
        start = end
    return labels


HYPHENS = frozenset("-‐‑")


def _glued(before: Token, after: Token) -> bool:
    """Two tokens of one printed word: letters, a hyphen, letters, no space ("PD" "-" "L").
    Not a letter and a number ("Phys. Rev. D60" is the series "D" and the volume "60"), nor a
    number after a hyphen ("조선고고연구-1": the journal and its issue)."""
    if before.end != after.start:
        return False
    if before.text in HYPHENS:
        return after.text[:1].isalpha()
    return after.text in HYPHENS and before.text[:1].isalpha()


def fields_from_tags(text: str, tokens: Sequence[Token], labels: Sequence[str]) -> dict:
    """Runs of one label → that field's printed pieces (punctuation at their edges trimmed)."""
    labels = _closing_brackets(tokens, _words_whole(tokens, _marks_inside_fields(tokens, labels)))
    if "author" in labels:
        labels = _last_bare_initials(text, tokens, _particle_family_names(tokens, labels))
    if "location" in labels and "journal" in labels:
        labels = _journals_country(text, tokens, labels)
    if "volume" in labels and "journal" not in labels and "booktitle" not in labels:
        labels = _journal_before_volume(tokens, labels)
    spans: dict[str, list[str]] = {}
    start = 0
    for i in range(1, len(tokens) + 1):
        if i == len(tokens) or labels[i] != labels[start]:
            label = labels[start]
            if label != "O":
                piece = text[tokens[start].start : tokens[i - 1].end]
                piece = piece.strip(EDGE_MARKS)
                if label not in ("author", "editor"):
                    piece = piece.rstrip(".").strip(EDGE_MARKS)  # 'Planning.”' → 'Planning'
                if label in ("journal", "booktitle") and DOTTED_ABBREVIATIONS.search(piece):
                    # "J. Immunol.": a name abbreviated with full stops keeps its last one
                    # (the model leaves it out of the span), as the rules keep it; "Nat
                    # Commun." and "Blood." end in the style's mark
                    printed = text[tokens[start].start : tokens[i - 1].end + 1].rstrip()
                    piece += "." if printed.endswith(".") else ""
                if piece:
                    spans.setdefault(label, []).append(piece)
            start = i
    return spans


def read_fields(text: str) -> ModelFields:
    """One entry's text → the fields the model reads in it."""
    tokens, labels, confidence = tag(text)
    return ModelFields(fields_from_tags(text, tokens, labels), confidence)


# --- from the model's pieces to reflink's fields ---------------------------------------

# "vol. 12", "pp. 100–9"; ABNT's one-letter "v. 12", "n. 3" and the Czech, Polish and German
# "s. 361" (strana, strona, Seite), "str. 361" only before a number ("V" alone is a volume in
# roman numerals), an e-page's too ("s. e4305695"); Springer's German styles print "S 358–377"
LEADING_SCOPE = lazy(
    # ("pages?" before "pp?": "page 535" is not "p" + "age 535")
    r"^(?:(?:vols?|volume|no|nos|issue|pages?|pp?|art)\.?\s*|(?:[vns]|str)\.\s*(?=e?\d)"
    r"|s\s+(?=e?\d))",
    re.IGNORECASE,
)
YEAR_IN = lazy(r"\b(1[5-9]\d\d|20\d\d)")
YEAR_BEFORE_PAGES = lazy(r"\(?(1[5-9]\d\d|20\d\d)\)?,?\s+(?=[A-Za-z]?\d)")
# the AMS's "27 no. 16 (2019) 29–38": the issue's label the volume's span took with it
TRAILING_ISSUE_LABEL = lazy(r"\s+(?:no|nr)\.?$", re.IGNORECASE)


@dataclass
class ReadFields:
    """An entry's fields as the model read them, in reflink's terms."""

    authors: list[str]
    title: str | None
    journal: str | None  # the journal, else the book or proceedings the work appeared in
    year: int | None
    volume: str | None
    pages: str | None
    confidence: float


# "Petra" in "Hartmann, Petra, and Tomi Oyelaran": a given name written out, not initials
INITIALS_ONLY = lazy(r"[A-ZÀ-Þ]\.(?:\s?-?[A-ZÀ-Þ]\.){0,3}")
GIVEN_NAME = lazy(r"[A-ZÀ-Þ][a-zà-ÿ'’\-]{2,}(?:\s[A-Z]\.)?")
NAME_LIST_BREAK = lazy(r"\s*;\s*|\s*,?\s+(?:and|&)\s+|\s*,?\s*&\s*")


def split_model_authors(text: str) -> list[str]:
    """The model's author span → names, in any printed form.

    Initials forms go to the rules' splitter; "Hartmann, Petra, and Tomi Oyelaran" (Chicago,
    MLA: the first author inverted, given names written out) keeps "Hartmann, Petra" whole."""
    text = ET_AL.sub("", text).strip(" ,.;")
    if not text:
        return []
    if (capitals := capital_family_names(text)) is not None:
        return capitals  # "PATEL, Dmitri, WEBER, Aisha": paired by the capitals
    family_first = FAMILY_FIRST_LIST.match(text + ". ")
    if family_first and family_first.end() >= len(text):
        return split_authors_any(text)
    parts = [p for p in NAME_LIST_BREAK.split(text) if p.strip()]
    chunks = [c.strip() for c in parts[0].split(",")]
    if len(chunks) >= 2 and " " not in chunks[0] and GIVEN_NAME.fullmatch(chunks[1]):
        names = [f"{chunks[0]}, {chunks[1]}", *chunks[2:], *parts[1:]]
        return [n.strip(" ,.") for n in names if n.strip(" ,.")]
    others = [name.strip(" ,") for name in [*chunks[2:], *parts[1:]] if name.strip(" ,")]
    if (
        len(chunks) >= 2
        and " " not in chunks[0]
        and INITIALS_ONLY.fullmatch(chunks[1])
        and others
        and all(is_person(name) for name in others)
    ):
        # the Transportation Research Record's (and Chicago's) "Nguyen, M. K., H.-J. Popescu,
        # and T. Li": the first author inverted, the others initials first
        return [f"{chunks[0]}, {chunks[1]}", *others]
    return split_authors_any(text)


def reflink_fields(model: ModelFields) -> ReadFields:
    """Pieces the model labelled → authors split into names, a year, volume and pages."""

    authors = split_model_authors(" ".join(model.spans.get("author", [])))
    date = " ".join(model.spans.get("date", []))
    year = YEAR_IN.search(date)
    volume = model.first("volume")
    pages = model.first("pages")
    if pages:
        pages = LEADING_SCOPE.sub("", pages)
        if printed := YEAR_BEFORE_PAGES.match(pages):
            # "35 (10) 2014 286–303." (the Indian Journal of Traditional Knowledge), the AMS's
            # "22 no. 15 (2022) 331–334": the year printed between issue and pages, taken
            # into the pages' span
            year = year or printed
            pages = pages[printed.end() :]
    titles = model.spans.get("title", [])
    # a chapter: "Title. In: Lind M, eds. Book Title. Place: Publisher; 2008:599–627" reads as
    # two titles with the editors between them; the second is the book's
    book = titles[1] if len(titles) > 1 and "editor" in model.spans else None
    return ReadFields(
        authors=[a for a in authors if a],
        title=model.first("title"),
        journal=model.first("journal") or model.first("booktitle") or book,
        year=int(year.group(1)) if year else None,
        volume=(
            TRAILING_ISSUE_LABEL.sub("", LEADING_SCOPE.sub("", volume)).strip(" .,") or None
            if volume
            else None
        ),
        pages=expand_pages(pages) or None if pages else None,
        confidence=model.confidence,
    )


# --- the decision: rules or model, per entry --------------------------------------------


def read_with_model(
    draft: Draft, text: str, rules_fit: bool = False, style_known: bool = False
) -> float | None:
    """Decide between the rules' reading of an entry and the model's; fill the draft.

    - the rules read it whole in a style they know: theirs stands, the model is not asked;
    - the rules read it whole, but most of the document is in a style they do not know: the
      model is asked, and where it reads year, volume or pages differently, its reading wins;
    - the rules did not read it whole in a known style (a book in a Vancouver list): the
      model fills only the fields they left empty;
    - otherwise the model's fields replace the rules' partial ones.

    DOI and URL always stay the rules' (their patterns are exact). Returns the model's
    confidence when its reading was used, else None."""
    if rules_fit and style_known:
        return None
    # A rule that read on past the names ("S. Dubois, J. Immunol. 370(2) (1999) 1145–57." as
    # the authors "S. Dubois" and "J. Immunol. 370(2)", in a style that prints no title) read
    # the rest from the wrong place too
    named = [is_any_name(author) for author in draft.authors]
    names_read = named.index(False) if False in named else len(named)
    read_on = 0 < names_read < len(named) and not any(named[names_read:])
    if len(WORD.findall(text)) < (2 if read_on else 3):
        return None  # ", 2017." once a web page's address is taken: nothing left to read
    read = reflink_fields(read_fields(text))
    if rules_fit and same_source(draft, read):
        return None  # both read the same year, volume and pages: the rules' strings are exact
    fill_only = style_known and not rules_fit
    # the rule read on where the model's names are the ones it read before it went on
    read_on = read_on and read.authors == draft.authors[:names_read]
    # where the rules did not find the authors, their title starts where the entry starts,
    # with the names the model finds in front of it ("Ohno, S. Evolution by gene duplication"),
    # or after a piece of a name ("Stiernagle, T. Maintenance …" read as "Stiernagle" and
    # "T. Maintenance …"): the model's authors and title, where it reads both, are the better
    # A rule that read no person's name as an author ("Nowak I, Kovačević M-CB. Cancer Biology
    # and Therapy: A Clinical Guide" as one) read its title after them wrong too: the model's
    # authors, and its title or none, are the better, even where it reads no title. So are
    # they where the rule read on past the names.
    names_missed = bool(read.authors) and (
        (not draft.authors and bool(read.title))
        or (bool(draft.authors) and not any(named) and all(map(is_any_name, read.authors)))
        or read_on
    )
    journal_missed = not (draft.journal or draft.container)
    for name in ("authors", "title", "journal", "year", "volume", "pages"):
        mine, theirs = getattr(read, name), getattr(draft, name)
        if name == "journal":
            theirs = theirs or draft.container  # a book's publisher, a press release's source
        # a rule that read no names read the entry's opening into its title, or, where it
        # read no title either, into its journal ("Fitzgerald N. Durable resistance. In: …")
        opening_read = name in ("authors", "title") or (
            name == "journal" and bool(read.title and theirs and read.title in theirs)
        )
        if fill_only and theirs and not (opening_read and names_missed):
            continue
        if fill_only and name == "journal" and mine and mine == draft.title:
            # "Names. Title. 2018. Available from: URL": a web page's title the rules read,
            # which the model, reading the whole entry, took for a journal too
            continue
        if mine or name in TEXT_FIELDS:
            # the rules' partial title or journal is a guess at a style they do not know
            # ("Phys. Rev. Lett. 13, 508" as a title); a number they read exactly stays
            setattr(draft, name, mine)
    year_volume_issue_pages(draft, text)
    # an article's source (volume or pages) after it: a web page's "… Situation Reports; 2022"
    # is a title the model may read a journal in
    if journal_missed and draft.journal and draft.title and (draft.volume or draft.pages):
        draft.title = title_before_journal(draft.title, draft.journal)
    return read.confidence


# ISO 690's source, and other styles' that print the year first: "Journal of Hepatology
# [online]. 2022, 365(6), 2208–2220.", "2024, 175(11), s. 4013–4026", "2014, 326(5), p 450–462"
YEAR_VOLUME_ISSUE_PAGES = lazy(
    # (RSC's order too, the issue left out: "Ann Intern Med, 2023,217,3549–71.")
    rf"(?<![\w.])(?P<year>{PRINTED_YEAR}),\s*(?P<volume>\d{{1,4}})\s*(?:\([\w/–-]{{1,12}}\))?,\s*"
    rf"(?:(?:pp?|s|S)(?:\.\s*|\s+))?(?P<pages>{PAGES})(?![\w–-])"
)


# The Indian Journal of Traditional Knowledge's order, parted by spaces: "Gut, 176 2020
# 6747–6763", "Neurology, 157 (24) 2019 6228–6250" (a range, or six digits: an e-page)
VOLUME_ISSUE_YEAR_PAGES = lazy(
    rf",\s*(?P<volume>\d{{1,4}})\s*(?:\([\w/–-]{{1,12}}\))?\s+(?P<year>{PRINTED_YEAR})\s+"
    rf"(?P<pages>\d{{1,6}}\s*[-–]\s*\d{{1,6}}|\d{{5,8}})\s*\.?\s*$"
)


def year_volume_issue_pages(draft: Draft, text: str) -> None:
    """Where the entry prints its year, volume, issue and pages in one unambiguous run, the
    model's year, volume and pages are that run's (it read "365(6), 2208–2220" as pages 365
    and no volume)."""
    printed = list(YEAR_VOLUME_ISSUE_PAGES.finditer(text))
    if not printed:
        printed = list(VOLUME_ISSUE_YEAR_PAGES.finditer(text))
    if len(printed) != 1:
        return
    year = int(printed[0]["year"])
    if draft.year not in (None, year):
        return
    draft.year, draft.volume = year, printed[0]["volume"]
    draft.pages = expand_pages(printed[0]["pages"])  # "3549–71" as every reading gives it


def title_before_journal(title: str, journal: str) -> str:
    """The rules' title with the journal the model found cut off its end: a style that parts
    them with no mark ("… a prospective registry Clinical Cancer Research 2022;26:6286") ran
    the journal, and what follows it up to the first letter, into the title."""
    at = title.rfind(f" {journal}")
    if at <= 0 or WORD.search(title, at + 1 + len(journal)):
        return title
    return title[:at].rstrip(" .,;:") or title


WORD = lazy(r"[^\W\d_]{2,}")
TEXT_FIELDS = frozenset({"authors", "title", "journal"})


NON_WORD = lazy(r"\W+")


def same_source(draft: Draft, read: ReadFields) -> bool:
    """Do the rules and the model agree on year, volume and pages? ("Nucl. Phys. B 195, 503
    (1982)": a rule that takes 503 for the volume disagrees with the model, and is wrong.)"""

    def norm(value: object) -> str:
        return NON_WORD.sub("", str(value or "")).casefold()

    return all(
        norm(getattr(draft, name)) == norm(getattr(read, name))
        for name in ("year", "volume", "pages")
    )
