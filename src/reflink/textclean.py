"""Raw PDF text → `list[Line]`: decoding, character repair and line classification.

Each input line stays one `Line` (so every later stage can report the source line number);
lines are only classified (`kind`) and cleaned at character level here. Joining lines into
running text, with hyphenated breaks mended, is `stitch`, which keeps a per-character map back
to the source lines.

The steps, in order (each a small function over plain lists, testable alone):

    CHARACTER_REPAIRS  NFC, symbol-font "¼" → "=", U+FFFD, Private-Use ligatures
    classify_lines     blank, watermark, furniture, front matter, captions/tables, headings
    repair_dropped_ligatures   "benecial" → "beneficial" in body lines, when the document drops them

Everything is decided from evidence inside the document (repetition across pages, shape, word
frequencies), never from a publisher's strings.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain, repeat
from typing import ClassVar

from .errors import InputError
from .headings import Neighbours, heading_shape, is_unnumbered_heading, reads_as_sentence
from .lazyre import lazy
from .models import BLANK, BODY, CAPTION, FRONT, FURNITURE, HEADING, TABLE, WATERMARK, Line
from .normalise import YEAR as PRINTED_YEAR
from .vocabulary import common_words, table_zipf
from .vocabulary import zipf as word_zipf
from .words import FUNCTION_WORDS, NAME_PARTICLES

# --- decoding -----------------------------------------------------------------------------


def decode_text(data: bytes, name: str = "input") -> str:
    """Bytes of a text file → str with `\\n` line ends; unreadable input raises InputError."""
    if not data.strip():
        raise InputError(f"{name} is empty")
    for bom, encoding in (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise InputError(f"{name} is not valid {encoding.upper()} text") from exc
            break
    else:
        if b"\x00" in data:  # anywhere: text for 8 KB, then a binary tail, is still binary
            raise InputError(f"{name} is a binary file, not text")
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise InputError(
                f"{name} is not UTF-8 text (byte {exc.start}); convert it, e.g. with iconv"
            ) from exc
    if _looks_binary(text):
        raise InputError(f"{name} is a binary file, not text")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise InputError(f"{name} is empty")
    return text


CONTROL_CHARACTER = lazy(r"[\x00-\x08\x0b\x0e-\x1f]")
BINARY_WINDOW = 8192


def _looks_binary(text: str) -> bool:
    """More than 1 % control characters in any 8 KB window: a text that turns binary after its
    first page (or 1 MB of control characters) is refused, not parsed (#18)."""
    for start in range(0, len(text), BINARY_WINDOW):
        window = text[start : start + BINARY_WINDOW]
        if len(CONTROL_CHARACTER.findall(window)) > max(8, len(window) // 100):
            return True
    return False


# --- character repairs ------------------------------------------------------------------------

# Letter sequences a PDF font typically draws as one ligature glyph.
LIGATURE_SEQUENCES = ("fi", "fl", "ff", "ffi", "ffl", "ft", "st", "ct", "fj", "tt", "Th")
PRIVATE_USE = lazy("[\ue000-\uf8ff]")
# the rest of a word with Private-Use code points in it ("identi\ue103ed", "\ue104uid",
# "a\ue09der"), from one of its code points on
PUA_WORD_TAIL = lazy(r"[A-Za-z\ue000-\uf8ff]*")
WORD = lazy(r"(?<![\w-])[a-z]{2,}(?![\w-])")
# "n ¼ 54", "J ¼ 10.8 Hz": a symbol font's "=" extracted as "¼"
SYMBOL_EQUALS = lazy(r"(?<=\S)\s¼\s(?=\S)")
# the same fonts print "+" as "þ" and the minus sign as "À": "[M þ H] þ", "mmol À 1"
# (each starts on its letter, its look-behind after it, so re searches for the letter instead of
# trying every position of the document)
SYMBOL_PLUS = lazy(r"þ(?<![^\s\[(]þ)(?![^\s\])])")
SYMBOL_MINUS = lazy(r"À(?<![^\s\[(]À)(?=[^\S\n])")
# … and "×" as "Â": "4 Â 150 mm"
SYMBOL_TIMES = lazy(r"Â(?<=\d[^\S\n]Â)(?=[^\S\n]\d)")
# "approximately �5 years": the tilde of "~5" lost by the extractor
REPLACEMENT_BEFORE_NUMBER = lazy("\ufffd(?=[^\\S\\n]?\\d)")


def infer_ligatures(texts: Iterable[str]) -> dict[str, str]:
    """Private-Use code point → the letters it stands for, inferred from the words around it.

    Each code point is tried as every common ligature; the reading under which the most words it
    occurs in become frequent English words wins ("identi\\ue103ed" → "identified").
    """
    # one scan of the joined lines: a word never holds a newline
    joined = "\n".join(texts)
    if not PRIVATE_USE.search(joined):
        return {}
    words: dict[str, Counter[str]] = defaultdict(Counter)
    for word in _private_use_words(joined):
        for code_point in set(PRIVATE_USE.findall(word)):
            words[code_point][word] += 1
    mapping: dict[str, str] = {}
    for code_point, counter in words.items():
        # other code points in the same word are read as "fi" for now; the word still scores
        # on the letters this code point decides. Read so once per word, not once per sequence
        # (neither "fi" nor a sequence holds a code point, so the order of the two makes no
        # difference); a reading is ASCII letters, a word of the shipped table.
        bases = [
            (_other_code_points_as_fi(word, code_point).lower(), count)
            for word, count in counter.items()
        ]
        best, best_score = None, 0.0
        for sequence in LIGATURE_SEQUENCES:
            letters = sequence.lower()
            score = 0.0
            for base, count in bases:
                score += count * table_zipf(base.replace(code_point, letters))
            if score > best_score:
                best, best_score = sequence, score
        if best is not None:
            mapping[code_point] = best
    return mapping


def _other_code_points_as_fi(word: str, code_point: str) -> str:
    if len(PRIVATE_USE.findall(word)) == word.count(code_point):
        return word  # the code point is the word's only one: nearly every word
    return PRIVATE_USE.sub(lambda m: m.group(0) if m.group(0) == code_point else "fi", word)


def _private_use_words(text: str) -> Iterable[str]:
    """The runs of ASCII letters and Private-Use code points holding at least one code point,
    found from their code points: a pattern for the runs themselves
    ("[A-Za-z\ue000-\uf8ff]*[\ue000-\uf8ff][A-Za-z\ue000-\uf8ff]*") tries every position of
    the document, and each word's every letter again (it was a tenth of cleaning)."""
    end = 0
    for match in PRIVATE_USE.finditer(text):
        if match.start() < end:
            continue  # a later code point of the word just found
        start = match.start()
        while start > end and _letter_or_private_use(text[start - 1]):
            start -= 1
        tail = PUA_WORD_TAIL.match(text, match.start())
        assert tail is not None  # `[...]*` always matches; the type checker needs telling
        end = tail.end()
        yield text[start:end]


def _letter_or_private_use(char: str) -> bool:
    return ("a" <= char <= "z") or ("A" <= char <= "Z") or ("\ue000" <= char <= "\uf8ff")


# (pdfminer sets a justified line's last gap before the hyphen, "favors depoly \u2010" +
# "merization"; a Unicode hyphen is never a dash, so the gap after a letter goes too)
SOFT_LINE_END_HYPHEN = lazy(
    r"(?:(?<=[^\W\d_])[^\S\n]+)?[\u00ad\u2010\u2011]+(?=[^\S\n]*$)", re.MULTILINE
)


# U+200B zero width space, U+2060 word joiner, U+FEFF zero width no-break space (a BOM inside a
# text); the zero width (non-)joiners stay: they shape the letters of some scripts
INVISIBLE_SPACES = str.maketrans("", "", "\u200b\u2060\ufeff")


# "<sup>2,3</sup>", "^{4-6}", "^1": digits marked as a superscript, a list or range of them
MARKED_SUPERSCRIPT = lazy(r"<sup>\s*(\d+(?:\s*[,–-]\s*\d+)*)\s*</sup>|\^\{?(\d+(?:[,–-]\d+)*)\}?")
TO_SUPERSCRIPT = str.maketrans("0123456789-–", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁻", " ")


# "&#160;", "&#xA0;", "&nbsp;", "&amp;": numeric references, and the named ones reference
# lists carry (a name is spelled whole, so "R&D;" is left alone)
CHARACTER_REFERENCE = lazy(
    r"&(?:#[0-9]{2,7}|#[xX][0-9a-fA-F]{2,6}|nbsp|amp|lt|gt|quot|apos|ndash|mdash|thinsp|ensp"
    r"|emsp|hellip|rsquo|lsquo|rdquo|ldquo);"
)


def decode_character_references(text: str) -> str:
    """ "Investigation,&#160;393" → "Investigation, 393" (a no-break space as a space)."""
    return CHARACTER_REFERENCE.sub(_referenced_character, text) if "&" in text else text


def _referenced_character(match: re.Match[str]) -> str:
    import html  # (its table of names is loaded only for a text that needs it)

    character = html.unescape(match.group())
    # a no-break or thin space is a space to every reader after this (and never a line break)
    return " " if character.isspace() else character


def _as_superscript(match: re.Match[str]) -> str:
    return (match.group(1) or match.group(2)).translate(TO_SUPERSCRIPT)


def repair_characters(
    texts: list[str], *, superscripts: bool = False
) -> tuple[list[str], dict[str, str]]:
    """Raw line texts → character-level repaired texts, and the ligature mapping used.

    `superscripts`: write callouts typed as superscript characters as digits (see
    `flatten_superscript_callouts`); for text, where nothing else says a digit is raised."""
    # Every repair is made once over the joined lines, not once per line: none makes or takes a
    # newline, NFC never composes across one, and the patterns whose context could reach over a
    # line's end see only the blanks of their own line ([^\S\n]).
    joined = "\n".join(texts)
    mapping = infer_ligatures(texts)
    if superscripts and ("<sup>" in joined or "^" in joined):
        # "tumours.<sup>1</sup>", "tumours.^{2,3}": a superscript an HTML or plain-text draft
        # marks up; as Unicode superscripts, the rules for "tumours.¹" read them (a power
        # "m^2" stays one)
        joined = MARKED_SUPERSCRIPT.sub(_as_superscript, joined)
        texts = joined.split("\n")
    if "&" in joined:
        # "Clin Invest,&#160;393:&#160;6390–6414": HTML's character references, which text
        # from a web page or a citation manager's HTML export carries, as the characters
        joined = decode_character_references(joined)
        texts = joined.split("\n")
    if not joined.isascii():  # every repair is a no-op on ASCII
        symbol_font = "¼" in joined and (
            sum(len(SYMBOL_EQUALS.findall(text)) for text in texts if "¼" in text) >= 2
        )
        # "Crino\u0300" → "Crinò": line by line, as NFC over the whole document works through
        # every character once it finds one to change; a no-op on ASCII, so skip those lines
        joined = "\n".join(
            text if text.isascii() else unicodedata.normalize("NFC", text) for text in texts
        ).replace("\u00bc", "=")
        if symbol_font and ("þ" in joined or "À" in joined or "Â" in joined):
            joined = SYMBOL_MINUS.sub("−", SYMBOL_PLUS.sub("+", joined))
            joined = SYMBOL_TIMES.sub("×", joined)
        if "\u200b" in joined or "\u2060" in joined or "\ufeff" in joined:
            # zero-width spaces and word joiners a web page's text carries between a word and
            # its callout ("tumours.\u200b1"): invisible in print, so dropped
            joined = joined.translate(INVISIBLE_SPACES)
        if "\ufffd" in joined:
            joined = REPLACEMENT_BEFORE_NUMBER.sub("~", joined).replace("\ufffd", "")
        if "\u00ad" in joined or "\u2010" in joined or "\u2011" in joined:
            # a word broken at a line end by a soft hyphen, a Unicode hyphen or both ("depen\u00ad
            # \u2010" + "dence", as pdftotext writes a browser's hyphenation): the plain "-" that
            # stitch mends; a soft hyphen inside a line is invisible in print, so dropped
            joined = SOFT_LINE_END_HYPHEN.sub("-", joined).replace("\u00ad", "")
        # a few code points, each replaced by plain letters: a fast search each, where a
        # pattern would try every position of the document
        for code_point, letters in mapping.items():
            joined = joined.replace(code_point, letters)
        if superscripts:
            joined = flatten_superscript_callouts(joined)
    repaired = [text.strip() for text in joined.replace("\t", " ").split("\n")]
    return repaired, mapping


# Superscript characters as text copied from a web page or a word processor types them
SUPERSCRIPT_CHARACTERS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻", "0123456789-")
# a run of them after a word or its punctuation ("cancers¹", "mutations²,³", "common⁴⁻⁶."),
# not after a digit or a unit's or symbol's one or two letters: "10⁶ cells", "4 cm²", "R²"
# and "χ²" are powers, and stay as they are printed
# (the pattern starts with the superscript digit, its look-behinds after it, so that re skips to
# the next such digit instead of trying every position of the text: 7.5 → 0.4 ms on the seed)
SUPERSCRIPT_CALLOUT = lazy(
    r"[⁰¹²³⁴⁵⁶⁷⁸⁹](?:(?<=[^\W\d_]{3}.)|(?<=[.,;:)\]'\"’”%].))"
    r"[⁰¹²³⁴⁵⁶⁷⁸⁹]*(?:[,⁻–‐-][⁰¹²³⁴⁵⁶⁷⁸⁹]+)*"
)


def flatten_superscript_callouts(text: str) -> str:
    """ "cancers¹", "mutations²,³", "common⁴⁻⁶" → "cancers1", "mutations2,3", "common4-6": the
    flattened superscripts of a PDF's extracted text, which the callout scanners read (a PDF
    says which digits are raised by their typography instead). One character each, so every
    offset in the line stays where it was."""
    return SUPERSCRIPT_CALLOUT.sub(
        lambda match: match.group().translate(SUPERSCRIPT_CHARACTERS), text
    )


def find_dropped_ligatures(texts: Iterable[str]) -> dict[str, str]:
    """Unknown words that are a frequent word minus a ligature: "benecial" → "beneficial".

    Some extractors drop the glyph instead of mapping it. Only trusted for a letter sequence the
    document is seen dropping several times (unknown words that become common ones): a real
    rare word alone never triggers it, and "ood" does not become "flood" because "fi" is gone.
    """
    # one scan of the joined lines, not one call per line (half the time): a word never holds
    # a newline, so the words and their order are the same
    words = dict.fromkeys(WORD.findall("\n".join(texts)))  # each once, in order
    common = common_words()
    insertions = _insertions()
    candidates: dict[str, tuple[str, str]] = {}
    evidence: Counter[str] = Counter()
    # most words: no frequent word differs from them by a ligature (a dictionary look-up)
    for word in [word for word in words if word in insertions]:
        if common.get(word, 0.0) >= 4.0:
            continue  # a frequent word already
        best, best_zipf, sequence = best_insertion(word)
        if not best:
            continue  # most words: no frequent word differs from them by a ligature
        own = word_zipf(word)
        # "we nd that" → "find": a short word that is itself in the list needs a clear gain
        needed = 1.5 if own < 3.0 else 2.0
        if best_zipf - own >= needed:
            candidates[word] = (best, sequence)
            if own == 0.0 and len(word) >= 5:
                evidence[sequence] += 1
    return {word: best for word, (best, sequence) in candidates.items() if evidence[sequence] >= 3}


# the letters a dropped ligature glyph takes with it, in the order ties are decided
DROPPED_SEQUENCES = ("fi", "fl", "ff", "ffi", "ft")
# only a word this frequent is trusted as what an unknown word really says
REPAIR_FLOOR = 3.5


def best_insertion(word: str) -> tuple[str, float, str]:
    """The most frequent word (Zipf >= 3.5) made by putting ligature letters into `word`.

    Returns (word, its Zipf, the letters put in), or ("", 0.0, "") when there is none; of equal
    frequencies the leftmost insertion wins, then the earlier sequence in DROPPED_SEQUENCES.
    """
    best, best_zipf, letters = "", 0.0, ""
    for _position, _order, candidate, zipf, sequence in _insertions().get(word, ()):
        if zipf > best_zipf:
            best, best_zipf, letters = candidate, zipf, sequence
    return best, best_zipf, letters


@lru_cache(maxsize=1)
def _insertions() -> dict[str, list[tuple[int, int, str, float, str]]]:
    """A frequent word with one dropped sequence taken out → (where, which, word, Zipf, letters).

    Built once from the ~2,000 frequent words that hold an "f": looking each unknown word's
    every possible insertion up instead made a cold ingest spend most of its time there.
    """
    index: dict[str, list[tuple[int, int, str, float, str]]] = defaultdict(list)
    for word, zipf in common_words().items():
        if zipf < REPAIR_FLOOR or "f" not in word:
            continue
        for order, sequence in enumerate(DROPPED_SEQUENCES):
            start = word.find(sequence)
            while start >= 0:
                shorter = word[:start] + word[start + len(sequence) :]
                index[shorter].append((start, order, word, zipf, sequence))
                start = word.find(sequence, start + 1)
    for insertions in index.values():
        insertions.sort()
    return dict(index)


def repair_dropped_ligatures(text: str, repairs: dict[str, str], after_hyphen: bool = False) -> str:
    """Apply `find_dropped_ligatures`' repairs to the words of one line.

    After a line-end hyphen the first word is the tail of a broken word ("sele-" + "ction"),
    not a word of its own, so it is left for `stitch` to join.
    """
    if not repairs:
        return text

    def repair(match: re.Match[str]) -> str:
        if after_hyphen and match.start() == 0:
            return match.group(0)
        return repairs.get(match.group(0), match.group(0))

    return WORD.sub(repair, text)


def _words_pattern(words: Iterable[str]) -> re.Pattern[str]:
    """Any of `words` standing alone as WORD finds it: "benecial", not "benecially"."""
    return re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, words)) + r")(?![\w-])")


# --- line classification ------------------------------------------------------------------

DIGITS = lazy(r"\d+")
# "17923", "- 12 -", "Page 3 of 12", "3/12"
PAGE_NUMBER = lazy(
    r"^(?:[-–—]\s*)?(?:page\s+)?\d{1,5}(?:\s*(?:/|of)\s*\d{1,5})?(?:\s*[-–—])?$", re.I
)
# "c(?<!\wc)" is "\bc" with the letter first, so re can skip to the letters that start a match
COPYRIGHT = lazy(
    rf"©|\(c\)\s*{PRINTED_YEAR}|c(?<!\wc)opyright\b|a(?<!\wa)ll rights reserved\b", re.I
)
# What a COPYRIGHT match leaves in the line's `_shape` (lowered, digits "#", no spaces): "©",
# "(c)", "opyr" of "copyright", "llr" of "all rights" (letters re.I matches only as themselves);
# plain strings, searched for through a document where COPYRIGHT tries every position
COPYRIGHT_TRACES = ("©", "(c)", "opyr", "llr")
# a PAGE_NUMBER line's shape starts and ends on a dash or a number ("p" of "page" starts too)
PAGE_NUMBER_ENDS = frozenset("-–—#p")
# "17930 | RSC Adv., 2019, 9, 17921–17932", "OKAFOR ET AL. | 3": a running head whose page
# number a bar sets off from the journal or the authors (a few words, not a sentence)
PAGE_BAR_HEAD = lazy(
    r"^\d{1,5}\s*\|\s*(?P<after>[^|]{3,80})$|^(?P<before>[^|]{3,80}?)\s*\|\s*\d{1,5}$"
)
PAGE_BAR_HEAD_WORDS = 8
URL_ONLY = lazy(r"^(?:https?://|www\.)\S+$", re.I)
# (?<!\S): start only where a run of non-blanks starts; a match inside the run is one from its
# start, and trying every inner start made 200 KB without a blank quadratic (#18)
EMAIL = lazy(r"(?<!\S)\S+@\S+\.\w+")
YEAR = lazy(rf"\b{PRINTED_YEAR}\b")
# "104 https://…": a numbered reference entry, whose repeated shape is no running head
ENTRY_NUMBER = lazy(r"^\[?\d{1,3}[.\]]?\s+\S")
# "1.", "[1] …", "1. Okafor, A.", "1 Okafor AB,": the label of a list's first entry (not
# "1 Introduction", a contents line)
FIRST_LIST_LABEL = lazy(r"\s*(?:\[ ?1\]|1[.)]?$|1[.)]?\s+[^\W\d][\w'’-]*(?:,|\s+[A-Z]{1,3}\b))")
# "101 S. M. Gadgeel, …", "[3] Okafor A, …", "12. Lind E.": an entry's label opening its line
OPENING_LABEL = lazy(r"\s*(?:\[ ?)?(\d{1,4})[.\])]?\s+\S")
LIST_OPENING_LINES = 40  # lines in which a text that is a list alone shows its first entries
# "1234567890():,;" : a publisher's invisible checksum line
NO_WORDS = lazy(r"^[^A-Za-z]*$")
# "1. Introduction", "2.1 Metastasis in the CNS", "2.1.1 Leptomeningeal …", "III. RESULTS"
NUMBERED_HEADING = lazy(
    r"""^(?P<number>(?:\d{1,2}(?:\.\d{1,2}){0,3}|[IVX]{1,5}|[A-H])\.?)
        \s+(?P<title>[A-Z(][^\n]*)$""",
    re.VERBOSE,
)
# the heading of a section whose title is printed alone: "INTRODUCTION", "Methods"
ABSTRACT_HEADING = lazy(r"^(?:abstract|summary)\s*:?$", re.I)
# the first section of an essay printed right under its title: the title block ends there
OPENING_HEADING = lazy(r"^(?:introduction|background|overview|preface)$", re.I)
# The heading of a reference list: "References", "Notes and references", "7. Literature cited";
# references.py and claims.py use it too, so the three stages agree on where a list starts.
REFERENCE_HEADING = lazy(
    r"^\s*(?:\d{1,2}\.?\s*)?(?:(?:notes\s+and\s+)?references?(?:\s+(?:and|&)\s+notes|\s+list)?"
    r"|bibliography|literature\s+cited|works\s+cited|cited\s+literature"
    # the same heading in the languages reviews are written in besides English (SciELO's
    # Portuguese and Spanish, French, German, Italian, Dutch, the Nordic languages, Turkish,
    # Polish, Russian, Chinese and Japanese, Korean)
    r"|refer[êe]ncias(?:\s+bibliogr[áa]ficas)?|bibliograf[íi]a|r[ée]f[ée]rences"
    r"(?:\s+bibliographiques)?|bibliographie|literatur(?:verzeichnis)?|literatuur"
    r"|riferimenti(?:\s+bibliografici)?|referenties|referenser|litteratur(?:liste)?"
    r"|kaynaklar|pi[śs]miennictwo|(?:список\s+)?литературы|литература|参考文献|참고\s*문헌)"
    r"\s*:?\s*$",
    re.I,
)
# "Fig. 1 Diagram …", "Figure 2. Survival …", "Table 1 Treatment …", "Table S2: …"
CAPTION_START = lazy(
    r"^(?P<what>fig\.?|figure|table|scheme|chart|box)\s*(?:S?\d{1,3}[A-Za-z]?|[IVX]{1,4})"
    r"(?:\s*[.:|]\s*|\s+)(?P<rest>\S.*)?$",
    re.I,
)
# The first character each anchored pattern can start a line with (re.I folds none of these
# letters to another character): a line starting otherwise is not asked, which spares a call
# per line and pattern on the many lines that start in lower case.
REFERENCE_HEADING_STARTS = frozenset("nNrRbBlLwWcCkKpPсСлЛ参참")
ABSTRACT_HEADING_STARTS = frozenset("aAsSſ")
OPENING_HEADING_STARTS = frozenset("iIbBoOpP")
NUMBERED_HEADING_STARTS = frozenset("IVXABCDEFGH")
DATELINE_STARTS = frozenset("RAPKEC*")
URL_STARTS = frozenset("hHwW")


def _may_be_reference_heading(text: str) -> bool:
    first = text[:1]
    return first in REFERENCE_HEADING_STARTS or first.isdigit() or first.isspace()


def _may_be_numbered_heading(text: str) -> bool:
    first = text[:1]
    return first in NUMBERED_HEADING_STARTS or first.isdigit()


# a heading's title is not a reference entry: "S. M. Gadgeel, L. Gandhi", "Smith AB,", "2014;15"
REFERENCE_SHAPE = lazy(
    r"\b[A-Z]\.\s?[A-Z]\.|\b[A-Z][a-z]+\s[A-Z]{1,2}[,.]|\bet al\b|\b" + PRINTED_YEAR + r"\b"
    r"|\d+\s*[:;]\s*\d+"
)
AFFILIATION_NAMES = (
    "Department|Dept\\.|University|Universit[àéy]|Institute|Instituto|Institut|Hospital|"
    "College|School of|Laboratory|Laboratories|Centre|Center|Faculty|Division of|Academy|"
    "Medical School|Clinic|Foundation|Avenue|Street|Building|Campus"
).split("|")
# "\b(?:Department|…)\b", each word written "D(?<!\wD)epartment": starting on a literal lets re
# skip to the capitals that begin one instead of trying the alternatives at every position
AFFILIATION_WORDS = lazy(
    "(?:" + "|".join(f"{name[0]}(?<!\\w{name[0]}){name[1:]}" for name in AFFILIATION_NAMES) + ")\\b"
)
# "*email: orlakestrel@fakeuni.ie", "Correspondence: …@…": a contact line, however long
# "… Medical Sciences. They": a sentence goes on after the name
SENTENCE_GOES_ON = lazy(r"[a-z]\. [A-Z][a-z]")
# the affiliation's own number printed alone on the line before it: "1"
AFFILIATION_NUMBER = lazy(r"\d{1,2}")
CONTACT = lazy(r"(?:\be-?mail|\bcorrespond\w*)\b\W{0,3}[^@\s]*\S*@", re.I)
# "Received 23 April 2016, Accepted …", "Published online: …", "Keywords: …"
DATELINE = lazy(
    r"^(?:Received|Accepted|Published|Revised|Available online|Keywords?|Key words|KEYWORDS|"
    r"Edited by|Citation|Correspondence|\*\s*Correspond)\b"
)
NAME_TOKEN = lazy(r"^(?:[A-Z][a-zà-ÿ'’-]+|[A-Z]\.(?:-?[A-Z]\.)*|[A-Z]{1,2})[,*]?$")
# the affiliation numbers, commas and marks around an author's name: "Kestrel 1,3,11 * ,"
AUTHOR_MARKS = lazy(r"[\d,*†‡§¶☯#]+")
AND_WORD = lazy(r"\band\b")
# the words between the names of an author line: "Maria de la Cruz and Jan van der Berg"
AUTHOR_LINE_WORDS = NAME_PARTICLES | {"and"}
# the previous line leaves the sentence open, so "Figure 4. By contrasting" continues it
OPEN_ENDINGS = {
    "in",
    "of",
    "see",
    "and",
    "the",
    "to",
    "from",
    "with",
    "by",
    "as",
    "at",
    "on",
    "also",
    "both",
    "shown",
    "cf.",
    "e.g.,",
    "i.e.,",
    "(see",
    "(",
    "[",
    "a",
    "an",
    "are",
    "is",
    "our",
}
TERMINAL = (".", "!", "?", ":", ";")
CITED_END = lazy(r"[.!?)\]]\s?[\d,–-]+$")
# a line that ends or contains a sentence end: "… mortality.1", "… patients. One study"
SENTENCE_END = lazy(r"[a-z)\]%][.!?][\d,–-]*(?:$|\s+[A-Z])")
# "Kinase kinase (1) kinase", "… is common [1]": a bracketed number never stands in a title
BRACKETED_NUMBER = lazy(r"[\[(]\d{1,3}(?:[,–-]\s*\d{1,3})*[\])]")


@dataclass(frozen=True)
class Layout:
    """Document-wide measures the line rules compare against."""

    typical_length: float  # median length of long-ish lines: the column width
    body_start: int  # index of the first line of running text (after the title block)
    reference_start: int  # index where the reference list begins (len(lines) if unknown)


def classify_lines(
    texts: list[str],
    prominent: Collection[int] = (),
    *,
    heads_by_position: bool = False,
    furniture: Collection[int] = (),
) -> tuple[list[str], list[str]]:
    """Repaired line texts → (kind per line, run-in heading per line ("" when none)).

    Order matters: furniture and watermark first (they interrupt everything else), then the
    title block, captions and tables, headings; what is left is body. `heads_by_position`: the
    caller (a PDF reader) finds running heads and feet by position, so a line repeated on
    other pages is not one for that alone. `prominent` holds the indices of lines printed
    larger than the body (a PDF's typography): evidence for a heading. `furniture` holds the
    indices of the running heads and feet the caller found: they sit between a heading and
    the sentence above it ("… belief." + "PLoS ONE 2012, 7" + "Materials and Methods").
    """
    kinds = [BLANK if not text else "" for text in texts]
    mark_watermark(texts, kinds)
    mark_furniture(texts, kinds, by_repetition=not heads_by_position)
    for index in furniture:
        if texts[index]:
            kinds[index] = FURNITURE
    layout = measure_layout(texts, kinds)
    mark_front_matter(texts, kinds, layout)
    mark_captions_and_tables(texts, kinds, layout)
    run_in = mark_headings(texts, kinds, layout, frozenset(prominent))
    for index, kind in enumerate(kinds):
        if not kind:
            kinds[index] = BODY
    return kinds, run_in


def mark_watermark(texts: list[str], kinds: list[str]) -> None:
    """Vertical text printed 1–3 characters per line ("O", "pe", "n ", "A", "cc") → WATERMARK.

    A lone short line is a table cell or a page number; a watermark is a dense cluster of them
    (possibly interleaved with body lines) whose characters are mostly letters.
    """
    short = [i for i, text in enumerate(texts) if text and len(text) <= 3]
    clusters: list[list[int]] = []
    for index in short:
        if clusters and index - clusters[-1][-1] <= 6:
            clusters[-1].append(index)
        else:
            clusters.append([index])
    for cluster in clusters:
        if len(cluster) < 5:
            continue
        joined = "".join(texts[i] for i in cluster)
        letters = sum(ch.isalpha() for ch in joined)
        if letters >= 0.5 * len(joined.replace(" ", "")):
            for i in cluster:
                kinds[i] = WATERMARK


def _shape(text: str) -> str:
    """A line with its numbers made equal: running heads differ only in page numbers."""
    return DIGITS.sub("#", text.lower()).replace(" ", "")


def _shapes(texts: list[str]) -> tuple[list[str], str]:
    """Every line's `_shape`, and the shapes joined by newlines, made in one pass over the
    joined lines instead of three calls per line: no step of a shape makes or takes a newline
    (and a newline stops a final sigma's lowering as the line's end does)."""
    shaped = DIGITS.sub("#", "\n".join(texts).lower()).replace(" ", "")
    return shaped.split("\n"), shaped


def _lines_holding(pattern: re.Pattern[str], joined: str) -> set[int]:
    """Indices of the lines of `joined` (lines joined by newlines) where `pattern`, which never
    matches a newline, finds something: one scan of the document instead of one per line."""
    return set(_lines_at(joined, (match.start() for match in pattern.finditer(joined))))


def _lines_containing(pieces: Iterable[str], joined: str) -> set[int]:
    """Indices of the lines of `joined` (lines joined by newlines) holding any of `pieces`
    (none holds a newline): a fast str.find search each, where a pattern tries every position."""
    positions = []
    for piece in pieces:
        start = joined.find(piece)
        while start >= 0:
            positions.append(start)
            start = joined.find(piece, start + 1)
    return set(_lines_at(joined, sorted(positions)))


def _lines_at(joined: str, positions: Iterable[int]) -> Iterable[int]:
    """The index of the line of `joined` holding each of `positions` (in increasing order)."""
    line = previous = 0
    for position in positions:
        line += joined.count("\n", previous, position)
        previous = position
        yield line


def _repeats_across_pages(shape: str, copies: list[str], where: list[int]) -> bool:
    """A line printed again on later pages, not a table cell repeated within one table.

    Copies printed together ("…/by-nc/3.0/" twice in a row) count as one; the copies must be a
    page apart. Short lines repeat by chance ("os daily" in a table), so they need more copies;
    lines without words ("379, 2027–2039.") are reference tails, except long symbol runs.
    """
    letters = sum(ch.isalpha() for ch in shape)
    if letters < 4 and not (
        NO_WORDS.match(shape) and len(copies[0]) >= 12 and len(set(copies)) == 1
    ):
        return False
    clusters = [where[0]]
    for index in where[1:]:
        if index - clusters[-1] > 3:
            clusters.append(index)
    gaps = [b - a for a, b in zip(clusters, clusters[1:], strict=False)]
    # figure pages are short, so one gap may be small; the typical gap is a page
    if not gaps or sorted(gaps)[len(gaps) // 2] < 20:
        return False
    if len(clusters) == 2 and _reads_as_a_sentence(copies[0]):
        # printed twice, pages apart, as a whole sentence: an abstract's sentence said again
        # in the conclusion, not a running head (which a third page would show again)
        return False
    return len(copies[0]) >= 13 or len(clusters) >= 3


def _reads_as_a_sentence(text: str) -> bool:
    """ "Brain metastases are common in ALK-positive patients." (not "RSC Adv., 2019, 9")."""
    words = text.split()
    return (
        len(words) >= 8
        and text.rstrip()[-1:] in ".!?"
        and sum(word[:1].islower() for word in words) >= len(words) // 2
    )


# lone numbers counting up at most this many lines apart are a list's labels
LABEL_SPACING = 8


def mark_furniture(texts: list[str], kinds: list[str], *, by_repetition: bool = True) -> None:
    """Running heads and feet, page numbers, copyright and licence lines → FURNITURE.

    Without `by_repetition` lines repeated across pages are left alone (a PDF's positions
    decide those: a subsection opening two pages with the same words is no running head).
    """
    list_start = find_list_heading(texts, kinds)
    shapes, shaped = _shapes(texts)
    positions: dict[str, list[int]] = defaultdict(list)
    for index, text in enumerate(texts):
        if not kinds[index] and len(text) >= 4:
            positions[shapes[index]].append(index)
    for shape, where in positions.items() if by_repetition else ():
        if len(where) < 2 or not _repeats_across_pages(shape, [texts[i] for i in where], where):
            continue
        if where[0] > list_start:
            continue  # "Nature, vol. 41, pp. 12–58, 2003.": wrapped entries, all in the list
        word = texts[where[0]].strip()
        if word.isalpha() and word.islower():
            continue  # "that", "into": a justified line's word pdfminer set on a line alone
        if all(ENTRY_NUMBER.match(texts[index]) for index in where):
            continue  # "104 https://www.cancer.gov/…", "114 https://www.cancer.gov/…": entries
        for index in where:
            kinds[index] = FURNITURE
    numbers = []
    # COPYRIGHT scans every position of a line: only the lines whose shape holds its trace
    copyrighted = _lines_containing(COPYRIGHT_TRACES, shaped)
    for index, text in enumerate(texts):
        if kinds[index]:
            continue
        if index in copyrighted and COPYRIGHT.search(text) and len(text) < 200:
            kinds[index] = FURNITURE
        elif "|" in text and (head := PAGE_BAR_HEAD.match(text)):
            # a head printed once (a two-page letter, a list cut from its document) has no
            # repetition to be known by
            if len((head.group("after") or head.group("before")).split()) <= PAGE_BAR_HEAD_WORDS:
                kinds[index] = FURNITURE
        elif shapes[index][:1] in PAGE_NUMBER_ENDS and shapes[index][-1:] in PAGE_NUMBER_ENDS:
            if PAGE_NUMBER.match(text):
                numbers.append(index)
    # a lone number is a page number when it sits next to furniture or continues a page count
    values = {index: int(DIGITS.findall(texts[index])[0]) for index in numbers}
    for position, index in enumerate(numbers):
        if texts[index].strip().isdigit() and any(
            0 < abs(other - index) <= LABEL_SPACING
            and values[other] - values[index] == (1 if other > index else -1)
            and texts[other].strip().isdigit()
            for other in numbers[max(0, position - 1) : position + 2]
        ):
            # "1", "2", "3" one a line, or each over its entry: list labels a few lines apart
            # (a page's number is a page away from the next)
            continue
        near_furniture = any(
            0 <= j < len(kinds) and kinds[j] == FURNITURE for j in range(index - 2, index + 3)
        )
        in_sequence = any(
            other != index
            and abs(values[other] - values[index]) in (1, 2)
            and abs(other - index) >= 20
            and (values[other] - values[index]) * (other - index) > 0
            for other in numbers[max(0, position - 3) : position + 4]
        )
        if near_furniture or in_sequence:
            kinds[index] = FURNITURE


def find_list_heading(texts: list[str], kinds: list[str]) -> int:
    """Index of the reference list's heading: the last "References" line; 0 for a text that is
    a list alone (`opens_with_entries`); len(texts) if none."""
    for index in range(len(texts) - 1, -1, -1):
        if kinds[index] or not REFERENCE_HEADING.match(texts[index]):
            continue
        # in the first third, "References" may be a contents line; a short paper with a long
        # list is known by the list's first label right under the heading
        following = next((t for t in texts[index + 1 : index + 4] if t.strip()), "")
        if index > len(texts) // 3 or FIRST_LIST_LABEL.match(following):
            return index
    return 0 if opens_with_entries(texts, kinds) else len(texts)


def opens_with_entries(texts: list[str], kinds: list[str]) -> bool:
    """Whether the text is a reference list alone, cut from its document: its first content
    line is an entry's label (or the tail of an entry cut before it), and the first three
    labels count up by one, each entry holding a year. A title block's author lines look like
    the first entries' names; its numbered affiliations count up too, but hold no year."""
    content = [i for i in range(min(len(texts), LIST_OPENING_LINES)) if not kinds[i] and texts[i]]
    labelled = [
        (position, int(match.group(1)))
        for position, index in enumerate(content)
        if (match := OPENING_LABEL.match(texts[index]))
    ][:3]
    if len(labelled) < 3 or labelled[0][0] > 1:
        return False
    numbers = [number for _, number in labelled]
    if numbers != list(range(numbers[0], numbers[0] + 3)):
        return False
    ends = [position for position, _ in labelled[1:]] + [len(content)]
    return all(
        YEAR.search(" ".join(texts[i] for i in content[start:end]))
        for (start, _), end in zip(labelled, ends, strict=True)
    )


def measure_layout(texts: list[str], kinds: list[str]) -> Layout:
    """Column width, where running text starts, and where the reference list starts."""
    lengths = sorted(len(t) for t, k in zip(texts, kinds, strict=True) if not k and len(t) >= 20)
    typical = float(lengths[int(len(lengths) * 0.75)]) if lengths else 60.0
    body_start = 0
    for index, text in enumerate(texts):
        if kinds[index]:
            continue
        if text[:1] in ABSTRACT_HEADING_STARTS and ABSTRACT_HEADING.match(text):
            body_start = index
            break
        if text[:1] in OPENING_HEADING_STARTS and OPENING_HEADING.match(text):
            # "Introduction" before any "Abstract": the body has begun, and a later "ABSTRACT"
            # is a row of a table or a checklist ("TITLE … ABSTRACT … Structured summary")
            break
    return Layout(
        typical_length=typical,
        body_start=body_start,
        reference_start=find_list_heading(texts, kinds),
    )


def looks_like_author_line(text: str) -> bool:
    """ "Orla Kestrel 1,3,11 * , Tomasz Vale Brinkworth 2,5,11 ," — names, commas, marks."""
    # the cheap conditions first: most lines asked are sentences, ended by a full stop or
    # without a comma or an "and" to separate names
    if text.endswith(".") or ("," not in text and not ("and" in text and AND_WORD.search(text))):
        return False
    tokens = [t for t in AUTHOR_MARKS.sub(" , ", text).split() if t != ","]
    if len(tokens) < 3:
        return False
    names = sum(1 for t in tokens if NAME_TOKEN.match(t) or t.lower() in AUTHOR_LINE_WORDS)
    return names / len(tokens) >= 0.85


def looks_like_affiliation(text: str, layout: Layout) -> bool:
    """An address: "2 Division of Tropical Botany, …, USA.", "… University, 103 Wenhua"."""
    if (
        "@" in text
        and EMAIL.search(text)
        and (len(text) < layout.typical_length * 1.2 or CONTACT.search(text))
    ):
        return True
    if not AFFILIATION_WORDS.search(text):
        return False
    if YEAR.search(text) and text.count(",") >= 2:
        return False  # "20 Ministério da Saúde …, Rev Fake Med Lab, 2008, 37,": an entry
    # a running sentence that names a university is long and has verbs; an address is
    # short, or a comma-separated list of places
    words = text.split()
    capitals = sum(1 for w in words if w[:1].isupper() or w[:1].isdigit())
    if SENTENCE_GOES_ON.search(text):
        return False  # "… Medical Sciences. They": a sentence goes on after the name
    short = len(text) < 0.7 * layout.typical_length
    return short or (capitals >= 0.6 * len(words) and text.count(",") >= 2)


def mark_front_matter(texts: list[str], kinds: list[str], layout: Layout) -> None:
    """Title block, author and affiliation lines, datelines → FRONT."""
    first_heading = next(
        (i for i, t in enumerate(texts) if not kinds[i] and _numbered_heading(t) and len(t) < 60),
        len(texts),
    )
    # "Received 23 April 2016, Accepted …" near the top: the title block ends there
    dateline_end = next(
        (i for i in range(min(len(texts), 15)) if not kinds[i] and DATELINE.match(texts[i])), 0
    )
    for index in range(dateline_end):
        if not kinds[index]:
            kinds[index] = FRONT
    if layout.body_start:
        for index in range(layout.body_start):
            if not kinds[index]:
                kinds[index] = FRONT
    else:
        # the title block: short lines at the top, before the first full-width line (and
        # before the list, in a text that is a list alone)
        for index in range(min(first_heading, 15, layout.reference_start)):
            text = texts[index]
            if kinds[index]:
                continue
            if len(text) >= 0.9 * layout.typical_length and not looks_like_author_line(text):
                break
            if SENTENCE_END.search(text) and not looks_like_author_line(text):
                break  # "Kinase kinase kinase.1": a sentence, so running text has begun
            if BRACKETED_NUMBER.search(text):
                break  # "Lung cancer is common [1]": a callout, so running text has begun
            if OPENING_HEADING.match(text):
                break  # "Introduction" under the title: the body begins
            kinds[index] = FRONT
    # the lines naming an institution, found in one scan of the document (with "@", the only
    # lines looks_like_affiliation can accept)
    institutions = _lines_holding(AFFILIATION_WORDS, "\n".join(texts))
    for index, text in enumerate(texts):
        if kinds[index] or index >= layout.reference_start:
            continue
        early = index < max(first_heading, 60) and index < len(texts) // 3
        dateline = text[:1] in DATELINE_STARTS and DATELINE.match(text) is not None
        if early and (looks_like_author_line(text) or dateline):
            if not dateline and "," not in text and _numbered_heading(text):
                continue  # "2 Material and Methods": a numbered section, not "Ada and Ben"
            kinds[index] = FRONT
        elif dateline and YEAR.search(text) and len(text) < layout.typical_length:
            kinds[index] = FRONT  # "Received: 17 March 2021; Accepted: …" printed at the end
        elif (index in institutions or "@" in text) and looks_like_affiliation(text, layout):
            kinds[index] = FRONT
            # the affiliation's own number printed alone on the line before it: "1"
            if index and kinds[index - 1] == "" and AFFILIATION_NUMBER.fullmatch(texts[index - 1]):
                kinds[index - 1] = FRONT
    # "authors contributed equally: …" between two affiliation lines belongs to the block
    content = [i for i, kind in enumerate(kinds) if kind != BLANK]
    for before, index, after in zip(content, content[1:], content[2:], strict=False):
        if not kinds[index] and kinds[before] == FRONT and kinds[after] == FRONT:
            kinds[index] = FRONT
    # "www.example-journal.org/abc" printed beside the affiliations or a running head
    for before, index, after in zip(content, content[1:], content[2:], strict=False):
        if (
            not kinds[index]
            and texts[index][:1] in URL_STARTS
            and URL_ONLY.match(texts[index])
            and index < layout.reference_start
        ):
            if {kinds[before], kinds[after]} & {FRONT, FURNITURE}:
                kinds[index] = FURNITURE


# a numbered heading's title this short reads as a title wherever it stands
SHORT_HEADING_WORDS = 4


def _numbered_heading(text: str) -> bool:
    return _may_be_numbered_heading(text) and NUMBERED_HEADING.match(text) is not None


def _previous_content(texts: list[str], kinds: list[str], index: int) -> str:
    for j in range(index - 1, -1, -1):
        if kinds[j] in ("", BODY, HEADING) and texts[j]:
            return texts[j]
    return ""


def mark_captions_and_tables(texts: list[str], kinds: list[str], layout: Layout) -> None:
    """ "Fig. 1 Diagram …" → CAPTION up to its end; "Table 1 …" → its rows as TABLE."""
    index = 0
    limit = min(len(texts), layout.reference_start)
    while index < limit:
        text = texts[index]
        match = CAPTION_START.match(text) if not kinds[index] else None
        if not match or not _is_caption(match, texts, kinds, index):
            index += 1
            continue
        is_table = match.group("what").lower() == "table"
        kinds[index] = CAPTION
        index += 1
        # the caption runs on until a line ends its last sentence; a wrapped caption fills
        # the column, so after a short line come the table's cells ("Marker Label")
        previous = text
        while (
            index < limit
            and not previous.endswith(TERMINAL)
            and len(previous) >= 0.75 * layout.typical_length
            and texts[index]
            and not kinds[index]
        ):
            kinds[index] = CAPTION
            previous = texts[index]
            index += 1
        if is_table:
            index = _mark_table_rows(texts, kinds, index, limit, layout)


def _is_caption(match: re.Match[str], texts: list[str], kinds: list[str], index: int) -> bool:
    rest = match.group("rest") or ""
    # "Figure 3 shows the pooled …", "Fig. 1 summarizes …": a sentence about the figure
    if rest[:1].islower():
        return False
    previous = _previous_content(texts, kinds, index).split()
    # a figure printed after a page break interrupts whatever sentence was running
    page_break = any(kinds[j] in (FURNITURE, WATERMARK) for j in range(max(0, index - 3), index))
    # "… as shown in" + "Figure 4. By contrasting …": the body sentence goes on
    return page_break or not (previous and previous[-1].lower() in OPEN_ENDINGS)


def _mark_table_rows(
    texts: list[str], kinds: list[str], index: int, limit: int, layout: Layout
) -> int:
    """Table rows after a table caption: short cells, column gaps, footnotes; stops at prose."""
    while index < limit:
        text = texts[index]
        if kinds[index]:
            index += 1
            continue
        heading = NUMBERED_HEADING.match(text)
        if heading and len(text) < 0.8 * layout.typical_length:
            number = heading.group("number")
            # "2.3 Lymph nodes metastasis" ends the table; "39 Phase III" is a row of it
            if "." in number:
                break
            following = next(
                (texts[j] for j in range(index + 1, min(index + 4, limit)) if texts[j]), ""
            )
            # a lettered or roman section ("A Methods", "II Results") counts as a small number
            small = not number.isdigit() or int(number) <= 15
            if small and len(following) >= 0.8 * layout.typical_length:
                break
        columns = "   " in text or "\t" in text
        footnote = TABLE_FOOTNOTE.match(text) is not None and len(text) > 40
        prose = (
            len(text) >= 0.85 * layout.typical_length
            and not columns
            and sum(1 for w in text.split() if w.isalpha() and w.islower()) >= 6
        )
        if prose and not footnote:
            break
        kinds[index] = TABLE
        index += 1
    return index


# "a Values are medians", "* p < 0.05": a table's footnote
TABLE_FOOTNOTE = lazy(r"^(?:[a-z*†‡§]|\d)\s+\S")
# "… in 12 patients. Survival": a title holding a sentence's end and the next one's start
INNER_SENTENCE_START = lazy(r"[a-z]\. [A-Z]")
# a run-in heading: "2.1.1 Leptomeningeal carcinomatosis (LC). LC is also"
RUN_IN = lazy(r"^(?P<heading>.{3,120}?[a-z0-9)])\.\s+(?P<body>[A-Z].*)$")
# a heading that ends on one of these goes on on the next line: "… of ALK and" + "ROS1 …"
HEADING_JOINERS = FUNCTION_WORDS | {"&"}


def _heading_number_fits(number: str, previous: list[int] | None) -> bool:
    """Numbers go 1, 2, 2.1, 2.1.1, 2.2, 3: next sibling, first child, or an ancestor's next."""
    parts = [int(p) for p in number.rstrip(".").split(".")]
    if previous is None:
        return parts[0] <= 2 and all(p <= 2 for p in parts[1:])
    for depth in range(len(previous), 0, -1):
        candidate = previous[: depth - 1] + [previous[depth - 1] + 1]
        if parts == candidate:
            return True
    return parts == [*previous, 1]


def mark_headings(
    texts: list[str], kinds: list[str], layout: Layout, prominent: frozenset[int] = frozenset()
) -> list[str]:
    """Numbered and alone-on-their-line headings → HEADING; run-in headings are split off."""
    run_in = [""] * len(texts)
    previous_number: list[int] | None = None
    for index in range(len(texts)):
        text = texts[index]
        if kinds[index]:
            continue
        if (_may_be_reference_heading(text) and REFERENCE_HEADING.match(text)) or (
            text[:1] in ABSTRACT_HEADING_STARTS and ABSTRACT_HEADING.match(text)
        ):
            kinds[index] = HEADING
            continue
        if index >= layout.reference_start:
            continue
        match = NUMBERED_HEADING.match(text) if _may_be_numbered_heading(text) else None
        if match and match.group("number")[0].isdigit():
            number = match.group("number")
            title = match.group("title")
            fits = _heading_number_fits(number, previous_number)
            shaped = not REFERENCE_SHAPE.search(title) and "," not in title[:40]
            if fits and previous_number is None:
                # the first numbered heading opens the body: "1. Introduction" + a paragraph;
                # not "1 All of these strains were bought from" nor a table's "1 Category"
                following = next(
                    (
                        texts[j]
                        for j in range(index + 1, index + 4)
                        if j < len(texts) and texts[j] and not kinds[j]
                    ),
                    "",
                )
                fits = len(following) >= 0.6 * layout.typical_length or _heading_like_number(
                    following
                )
                shaped = shaped and not INNER_SENTENCE_START.search(title)
            if fits and shaped and _wraps_a_sentence(texts, kinds, index):
                # a line above that ends in a number (a running foot's page, a table's cell)
                # leaves no sentence open for the next section's number: "… 2022, 22, 4" +
                # "4 Discussion"; "… in Supplementary Table" + "1. All of these" is one
                fits = (
                    _previous_content(texts, kinds, index)[-1:].isdigit()
                    and len(title.split()) <= SHORT_HEADING_WORDS
                )
            if fits and shaped:
                runner = RUN_IN.match(text)
                if (
                    runner
                    and "." in number.rstrip(".")
                    and len(runner.group("heading")) < len(text) - 2
                ):
                    run_in[index] = runner.group("heading") + "."
                    texts[index] = runner.group("body")
                    kinds[index] = BODY
                elif len(text) <= layout.typical_length and not text.endswith((".", ",", ";")):
                    kinds[index] = HEADING
                    _mark_heading_continuation(texts, kinds, run_in, index, layout)
                else:
                    continue
                previous_number = [int(p) for p in number.rstrip(".").split(".")]
                continue
        # the line's own shape first: its neighbours are looked up only for a likely title;
        # both rules want a capital first, which most lines (a paragraph's tail) lack
        if not text[:1].isupper():
            continue
        if _is_alone_heading(texts, kinds, index, layout) or (
            heading_shape(text)
            and is_unnumbered_heading(
                text, _neighbours(texts, kinds, index, layout, index in prominent)
            )
        ):
            kinds[index] = HEADING
    return run_in


SKIPPED_AROUND_HEADINGS = (BLANK, FURNITURE, WATERMARK)


def _neighbours(
    texts: list[str], kinds: list[str], index: int, layout: Layout, prominent: bool
) -> Neighbours:
    """The lines around line `index` that say whether it stands alone as a heading."""
    previous = ""
    for j in range(index - 1, -1, -1):
        if kinds[j] in SKIPPED_AROUND_HEADINGS:
            continue
        # after a heading or the title block a new section may start at once
        previous = "" if kinds[j] in (HEADING, FRONT) else texts[j]
        break
    following: list[int] = []
    for j in range(index + 1, min(len(texts), index + 12)):
        if kinds[j] in SKIPPED_AROUND_HEADINGS:
            continue
        if kinds[j] or len(following) == 2:
            break  # a caption, a table, a heading: no paragraph follows
        following.append(j)
    next_texts = [texts[j] for j in following] + ["", ""]
    # blank lines around it mean something only where a paragraph runs on over lines
    set_apart = (
        0 < index < len(texts) - 1
        and not texts[index - 1]
        and not texts[index + 1]
        and bool(following)
        and following[0] + 1 < len(texts)
        and bool(texts[following[0] + 1])
    )
    return Neighbours(
        previous=previous,
        following=next_texts[0],
        after_following=next_texts[1],
        typical_length=layout.typical_length,
        set_apart=set_apart,
        prominent=prominent,
    )


def _mark_heading_continuation(
    texts: list[str], kinds: list[str], run_in: list[str], index: int, layout: Layout
) -> None:
    """ "2. Metastasis manners of ALK and" + "ROS1 rearrangement NSCLC": a wrapped heading."""
    following = index + 1
    while following < len(texts) and kinds[following] in (FURNITURE, WATERMARK):
        following += 1
    if following >= len(texts) or kinds[following] or not texts[following]:
        return
    head, text = texts[index], texts[following]
    if NUMBERED_HEADING.match(text) and _heading_like_number(text):
        return
    open_end = head.split()[-1].lower() in HEADING_JOINERS
    open_start = text[:1].islower() or text[:1] == "("
    if not (open_end or open_start):
        return
    runner = RUN_IN.match(text)
    if runner and len(runner.group("heading")) < len(text) - 2:
        # "(IESCM) and intradural spinal cord metastases (ISCM). NSCLC"
        run_in[following] = runner.group("heading") + "."
        texts[following] = runner.group("body")
        kinds[following] = BODY
    elif len(text) < 0.8 * layout.typical_length and not text.endswith((".", ",")):
        kinds[following] = HEADING


def _heading_like_number(text: str) -> bool:
    match = NUMBERED_HEADING.match(text)
    return match is not None and match.group("number")[0].isdigit()


def _wraps_a_sentence(texts: list[str], kinds: list[str], index: int) -> bool:
    """Does line `index` continue the sentence of the line just above it?

    "… as given in Supplementary Table" + "1. All of these strains …", "… rearrangement of" +
    "Methods": no blank line between, and the line above leaves its sentence open.
    """
    if index == 0 or not texts[index - 1] or kinds[index - 1] == HEADING:
        return False
    previous = _previous_content(texts, kinds, index)
    # "… 4–6 weeks.25": a sentence closed, its citation after the full stop
    closed = previous.endswith(TERMINAL) or CITED_END.search(previous) is not None
    return bool(previous) and not closed and not previous.isupper()


def _is_alone_heading(texts: list[str], kinds: list[str], index: int, layout: Layout) -> bool:
    """A short title line between paragraphs: "INTRODUCTION", "Methods", "Results"."""
    text = texts[index]
    words = text.split()
    if not 1 <= len(words) <= 7 or len(text) > 0.6 * layout.typical_length:
        return False
    if text.endswith(TERMINAL + (",",)) or not text[:1].isupper() or any(c.isdigit() for c in text):
        return False
    if not all(w[:1].isupper() or w.lower() in HEADING_JOINERS for w in words[:1]):
        return False
    if sum(1 for w in words if w.isalpha()) < len(words) - 1:
        return False
    shouted = text.isupper() and sum(ch.isalpha() for ch in text) >= 6  # "INTRODUCTION"
    if not shouted and _wraps_a_sentence(texts, kinds, index):
        return False
    following = next(
        (
            texts[j]
            for j in range(index + 1, min(index + 4, len(texts)))
            if texts[j] and not kinds[j]
        ),
        "",
    )
    if not following[:1].isupper():
        return False
    # one word in title case or all caps, or several words, most in caps
    if not any(sum(ch.isalpha() for ch in word) >= 4 for word in words):
        return False  # "NH N N": letters of a structure drawing, not a title
    upper = text.isupper() and len(text) >= 4
    titled = (
        len(words) <= 4 and words[0][0].isupper() and all(w.isalpha() or w in "&-" for w in words)
    )
    # "Survival was not reached": four words, but a sentence that lost its full stop
    titled = titled and not reads_as_sentence(text)
    return upper or (titled and len(following) >= 0.5 * layout.typical_length)


def clean_text(
    text: str,
    prominent: Collection[int] = (),
    *,
    heads_by_position: bool = False,
    furniture: Collection[int] = (),
    superscripts: bool = False,
) -> list[Line]:
    """Decoded text → one classified, character-cleaned `Line` per input line.

    `prominent`: 0-based indices of lines printed larger than the body text, when the caller
    knows the typography (a PDF); they may be headings without numbers. `heads_by_position`:
    see `classify_lines`. `superscripts`: see `repair_characters` (the text route's)."""
    raws = text.split("\n")
    texts, _mapping = repair_characters(raws, superscripts=superscripts)
    kinds, run_in = classify_lines(
        texts, prominent, heads_by_position=heads_by_position, furniture=furniture
    )
    body_kinds = (BODY, CAPTION, TABLE, HEADING)
    dropped = find_dropped_ligatures(
        t for t, k in zip(texts, kinds, strict=True) if k in body_kinds
    )
    # the lines holding a word to repair, found in one scan: most lines have none
    to_repair = _lines_holding(_words_pattern(dropped), "\n".join(texts)) if dropped else set()
    lines = []
    previous_body = ""
    for number, (raw, cleaned, kind, heading) in enumerate(
        zip(raws, texts, kinds, run_in, strict=True), 1
    ):
        if dropped and kind in body_kinds:
            after_hyphen = previous_body.endswith("-")
            previous_body = cleaned
            if number - 1 in to_repair:
                cleaned = repair_dropped_ligatures(cleaned, dropped, after_hyphen)
        lines.append(Line(number=number, text=cleaned, raw=raw, kind=kind, run_in=heading))
    return lines


# --- running text ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Passage:
    """Lines joined into running text; `line_of[i]` is the source line of character i."""

    text: str
    line_of: tuple[int, ...]

    def line_at(self, offset: int) -> int:
        """Source line of the character at `offset` (clamped to the text)."""
        line_of = self.line_of
        if 0 <= offset < len(line_of):  # nearly every call: no clamping to do
            return line_of[offset]
        if not line_of:
            return 0
        return line_of[0 if offset < 0 else -1]


# "Cauca-" at a line end: a hyphen after a letter or digit
# (?<![A-Za-z0-9]): the word starts where its run starts; without it a 200 KB run of digits
# was scanned to its end once per inner position (#18)
HYPHEN_BREAK = lazy(r"(?<![A-Za-z0-9])(?P<left>[A-Za-z0-9]+)-$")
NEXT_WORD = lazy(r"^(?P<right>[A-Za-z0-9][A-Za-z]*)")
HYPHENATED = lazy(r"\b[A-Za-z]+-[A-Za-z]+\b")
KEEP_SPACE_AFTER_HYPHEN = {"and", "or", "to", "nor", "but", "as", "versus", "vs"}
# A compound broken at its own hyphen: both parts common words (Zipf >= 3: "placebo", "term",
# "analysis", "smokers") and their join rare, and rarer than the rarer part by two orders of
# magnitude ("longterm" 2.7 against "term" 5.2). "sub-" + "group" (3.1 against 4.7),
# "under-" + "going" (3.5) and "life-" + "style" are words broken in two.
COMMON_PART_ZIPF = 3.0
# ... or both parts words of four letters or more ("tumour" 3.4, "infiltrating" 2.9) whose join
# the word list does not hold at all
KNOWN_PART_ZIPF = 2.0
RARE_JOIN_ZIPF = 3.0
COMPOUND_MARGIN = 2.0
# Prefixes that are words too ("post", "trans"): a break after one is a typesetter's syllable
# break far more often than a compound's hyphen ("micro-" + "vessel", "post-" + "operative")
PREFIX_WORDS = frozenset(
    "micro macro trans post pre sub super inter intra multi semi pseudo neo bio re un co de "
    "over under out hyper hypo mono poly auto mid photo radio thermo electro immuno neuro".split()
)


def compound_broken_at_hyphen(left: str, right: str) -> bool:
    """ "long-" + "term", "meta-" + "analysis", "placebo-" + "controlled": a line break at a
    compound's own hyphen, which stays, where "treat-" + "ment" is a word broken in two."""
    if len(left) < 3 or left.lower() in PREFIX_WORDS:
        return False  # "On-" + "col": no compound opens with a two-letter word
    joined = word_zipf((left + right).lower())
    parts = min(word_zipf(left.lower()), word_zipf(right.lower()))
    if joined == 0.0 and min(len(left), len(right)) >= 4 and parts >= KNOWN_PART_ZIPF:
        return True  # "tumour-" + "infiltrating": two words whose join is none at all
    return parts >= COMMON_PART_ZIPF and joined < min(RARE_JOIN_ZIPF, parts - COMPOUND_MARGIN)


def mend_hyphen(left: str, right: str, vocabulary: Counter[str] | WordCounts) -> str:
    """How "left-" at a line end meets "right" on the next line: "join", "hyphen" or "space".

    "Cauca-" + "sian" → join; "ALK-" + "positive", "E-" + "cadherin" → hyphen (a capital or digit
    before the hyphen marks a compound); "ALK-" + "and ROS1-positive" → space. Evidence, in
    order: the document's own spelling elsewhere, then English word frequencies.
    """
    if right.lower() in KEEP_SPACE_AFTER_HYPHEN:
        return "space"
    if not left[-1].islower() or not right[:1].islower():
        return "hyphen"
    joined = (left + right).lower()
    hyphenated = f"{left}-{right}".lower()
    if vocabulary.get(hyphenated, 0) > vocabulary.get(joined, 0):
        return "hyphen"
    if vocabulary.get(joined, 0):
        return "join"
    if word_zipf(joined) >= 1.5:
        return "join"
    # "crizotinib-" + "treated": a whole word after the hyphen makes a compound
    if len(left) >= 4 and word_zipf(right.lower()) >= 3.5:
        return "hyphen"
    # "platinum-" + "pemetrexed": a real word before the hyphen starts a compound;
    # "alecti-" + "nib", "crizo-" + "tinib": a fragment is a broken word
    if word_zipf(left.lower()) >= 3.0 and len(left) >= 3:
        return "hyphen"
    return "join"


# a word WORD or HYPHENATED can find in lowercased text: only such a word can be counted
COUNTABLE_WORD = lazy(r"[a-z]{2,}|[a-z]+-[a-z]+")
# the rest of a run of word characters and hyphens, the unit WORD and HYPHENATED work within
WORD_RUN_TAIL = lazy(r"[\w-]*")


class WordCounts:
    """How often the lines write a word: their WORD and HYPHENATED matches, lowercased (`.get`,
    as on a Counter of all of them).

    A document mends a few dozen line-end hyphens; counting every word it writes to answer them
    took two thirds of `stitch`. For a few questions each word is found with str.find, a fast
    search: a WORD match is a whole run of [\\w-] characters (nothing of the kind on either
    side), and HYPHENATED matches never leave such a run, so the run around each find says
    whether, and how often, it counts. Past FIND_LIMIT questions counting everything is cheaper.
    """

    # a scan for every word costs about as much as 90 str.find searches
    FIND_LIMIT: ClassVar[int] = 80

    def __init__(self, joined: str, questions: int) -> None:
        """`joined`: the lines joined by newlines; `questions`: how many words may be asked."""
        self._joined = joined
        self._lowered = ""  # lowercased at the first question: most documents ask a few
        self._counts: dict[str, int] = {}
        if questions > self.FIND_LIMIT:
            self._lowered = joined.lower()
            self._counts = Counter(WORD.findall(self._lowered))
            self._counts.update(HYPHENATED.findall(self._lowered))

    def get(self, word: str, default: int = 0) -> int:
        count = self._counts.get(word)
        if count is None:
            count = self._counts[word] = self._count(word)
        return count or default

    def _count(self, word: str) -> int:
        if isinstance(self._counts, Counter) or not COUNTABLE_WORD.fullmatch(word):
            return 0  # all counted already, or no match could be this word
        if not self._lowered:
            self._lowered = self._joined.lower()
        text, count, run_end = self._lowered, 0, -1
        start = text.find(word)
        while start >= 0:
            end = start + len(word)
            if "-" not in word:
                if not (start and _word_character(text[start - 1])) and not (
                    end < len(text) and _word_character(text[end])
                ):
                    count += 1
            elif start >= run_end:  # the first find in this run: count the run's matches
                run_start = start
                while run_start and _word_character(text[run_start - 1]):
                    run_start -= 1
                tail = WORD_RUN_TAIL.match(text, end)
                assert tail is not None  # `[\w-]*` always matches
                run_end = tail.end()
                count += HYPHENATED.findall(text, run_start, run_end).count(word)
            start = text.find(word, start + 1)
        return count


def _word_character(char: str) -> bool:
    """[\\w-]: what re calls a word character (str.isalnum or "_"), or a hyphen."""
    return char.isalnum() or char in "_-"


def stitch(lines: Iterable[Line]) -> Passage:
    """Join lines with spaces, mending "Cauca-" + "sian" → "Caucasian", keeping the line map."""
    lines = [line for line in lines if line.text]
    texts = [line.text for line in lines]
    joined = "\n".join(texts)
    # how a line meets the one before it, where that one ends on a hyphen ("space" elsewhere):
    # the few such lines are found in the joined text, not asked line by line
    hyphen_ends = _lines_ending_in_hyphen(joined)
    vocabulary = WordCounts(joined, 2 * len(hyphen_ends))  # each asks at most two words
    meets: dict[int, str] = {}
    for index in hyphen_ends:
        broken = HYPHEN_BREAK.search(texts[index]) if index + 1 < len(texts) else None
        following = NEXT_WORD.match(texts[index + 1]) if broken else None
        if broken and following:
            how = mend_hyphen(broken.group("left"), following.group("right"), vocabulary)
            if how != "space":
                meets[index + 1] = how
    # every line but the first is preceded by a space, which maps to it; between the lines
    # that meet otherwise the runs of lines are joined with spaces in one go
    counts = [len(text) + 1 for text in texts]
    if counts:
        counts[0] -= 1
    parts: list[str] = []
    run_start = 0
    for index, how in meets.items():
        parts.append(" ".join(texts[run_start:index]))
        counts[index] -= 1  # no space before this line
        if how == "join":
            # drop the hyphen of the line before: a line-break hyphen inside a word
            parts[-1] = parts[-1][:-1]
            counts[index - 1] -= 1
        run_start = index
    parts.append(" ".join(texts[run_start:]))
    numbers = [line.number for line in lines]
    line_of = tuple(chain.from_iterable(map(repeat, numbers, counts)))
    return Passage(text="".join(parts), line_of=line_of)


def _lines_ending_in_hyphen(joined: str) -> list[int]:
    """Indices, in order, of the lines of `joined` (lines joined by newlines) ending on "-"."""
    positions = []
    start = joined.find("-\n")
    while start >= 0:
        positions.append(start)
        start = joined.find("-\n", start + 1)
    found = list(_lines_at(joined, positions))
    if joined.endswith("-"):
        found.append(joined.count("\n"))
    return found


def body_lines(lines: Sequence[Line], kinds: Iterable[str]) -> list[Line]:
    """The lines whose kind is one of `kinds`, in order."""
    wanted = set(kinds)
    return [line for line in lines if line.kind in wanted]


__all__ = [
    "Passage",
    "body_lines",
    "clean_text",
    "decode_text",
    "infer_ligatures",
    "mend_hyphen",
    "repair_characters",
    "stitch",
]
