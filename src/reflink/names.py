"""Names as reference lists print them, read and written in one place.

Reading an author list (`references`): is this text a person's name, in which printed order?

    >>> is_any_name("Smith AB"), is_any_name("Smith, A. B."), is_person("S. M. Gadgeel")
    (True, True, True)

Splitting one printed name into its parts, for BibTeX, CSL-JSON, RIS and the Crossref checks:

    >>> bibtex_name("van der Berg J")
    'van der Berg, J.'
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bibtexparser.middlewares.names import NameParts

from .lazyre import lazy
from .words import NAME_PARTICLES as PARTICLES

# ---------------------------------------------------------------------------------------------
# Recognising a printed name (reading an author list)
# ---------------------------------------------------------------------------------------------

# capitals, accented ones too ("Ørsted HC", "Çelik Ö", "Łukasz"), whether a name starts with
# one or an initial is one: "Şahin, Ö.", "Araújo, T.É.R."
UPPER = "A-ZÀ-ÖØ-ÞĀĂĄĆĈĊČĎĐĒĔĖĘĚĜĞĠĢĤĦĨĪĬĮİĴĶĹĻĽĿŁŃŅŇŌŎŐŒŔŖŘŚŜŞŠŢŤŦŨŪŬŮŰŲŴŶŸŹŻŽЁА-Я"

# Every pattern here is compiled at first use (lazyre): an ingest never splits a name, and a
# reference list in one style needs few of the reading patterns; compiling them all was
# ~10 ms of every cold ingest (the capital-letter classes are long).

# A person's name printed initials-first: "S. M. Gadgeel", "K.L. Brandt", "J.-F. Martini",
# "D. de Vries", "G. R. Blumenschein Jr", "P. N.Morcos" (a space lost in extraction)
INITIALS_FIRST = lazy(
    rf"^[{UPPER}][a-z]?\.(?:(?:\s?-\s?|\s{{0,2}})[{UPPER}][a-z]?\.)*\s*(?:(?:[a-z]{{1,3}}\s){{0,2}}"
    rf"[{UPPER}][\w'’\-]*)(?:\s[{UPPER}][\w'’\-]+)*(?:\s(?:Jr|Sr|II|III|IV)\.?)?$"
)
# A particle printed after the initials ("Berg, E. van der", "Souza G de", "Moreau J.-P. de"),
# as CSL styles that demote it print it: the words it may be
AFTER_INITIALS_PARTICLES = "van von der den de del della di da dos das du la le ten ter zu".split()
AFTER_INITIALS_PARTICLE = f"(?:{'|'.join(AFTER_INITIALS_PARTICLES)})"
# A name printed family-first with initials: "Smith, A. B.", "Smith,A.B.", "dos Reis Costa, I.",
# and with its particle after the initials, as CSL styles that demote it print it: "Berg, E. van
# der" (only before the next name or "et al.", so a title's first word is never taken)
# "and" between the last two names as CSL styles print it in the list's language: German,
# French, Hungarian, Turkish, Indonesian, Swedish, Norwegian and Danish, Dutch (not the one-
# letter "y", "e", "i", "a", which a particle or an initial may be)
AND_WORD = r"(?:and|und|et|és|ve|dan|och|og|en)"
TRAILING_PARTICLE = (
    rf"(?:\s{AFTER_INITIALS_PARTICLE}){{1,2}}"
    rf"(?=\s*(?:[,;&]|{AND_WORD}\s|et\s+al|$))"
)
FAMILY_FIRST = (
    rf"(?<![\w'’\-])(?:(?!{AND_WORD}\s)[a-zà-þ']{{1,3}}\s){{0,3}}"
    rf"[{UPPER}][\w'’\-]*(?:\s[{UPPER}a-zà-þ][\w'’\-]*){{0,3}},\s?"
    rf"[{UPPER}][a-z]?\.(?:(?:\s?-\s?|\s{{0,2}})[{UPPER}][a-z]?\.)*(?:\s?(?:Jr|Sr|II|III|IV)\b\.?)?"
    rf"(?:{TRAILING_PARTICLE})?"
)
FAMILY_FIRST_LIST = lazy(
    # joined by commas, semicolons, "&", "and" in the list's language, or the Czech standard's
    # dash ("Russo, M. - Ivanova, J.")
    rf"^(?P<names>{FAMILY_FIRST}(?:(?:[,;]\s*|,?\s*&\s*|,?\s+{AND_WORD}\s+|\s[-–]\s)"
    rf"{FAMILY_FIRST})*)"
    r"(?P<etal>,?\s*et\s+al\.?)?\s*",
)
# A name printed family-first with bare initials (Vancouver): "Smith AB", "ten Berg-Visser P",
# "Berg E van der" (the particle after the initials, as CSL styles that demote it print it)
VANCOUVER_NAME = lazy(
    rf"^(?:[\w'’\-´¨¸˜`^]+\s){{1,4}}[{UPPER}]{{1,4}}(?:-[{UPPER}]{{1,2}})?"  # "Lau KM-Y"
    rf"(?:\s{AFTER_INITIALS_PARTICLE}){{0,2}}$"
    rf"|^[\w'’\-]+\s[{UPPER}]{{1,4}}\s(?:Jr|Sr|II|III|IV)$"
)


LOST_SPACE_AFTER_INITIAL = lazy(rf"(?<=[{UPPER}]\.)(?=[{UPPER}][a-zà-ÿ]{{2,}})")


def repair_name(name: str) -> str:
    """'P. N.Morcos' → 'P. N. Morcos': a space the extraction lost between initial and name."""
    name = name.strip(" ,;")
    return LOST_SPACE_AFTER_INITIAL.sub(" ", name)


@functools.lru_cache(maxsize=8192)  # a list asks about the same names under several styles
def is_person(name: str) -> bool:
    """An initials-first personal name ("S. M. Gadgeel"), as RSC and IEEE print them."""
    return bool(INITIALS_FIRST.match(name.strip(" ,")))


# "Sousa L.F.O.", "Lima S.O", "Okafor H. G.": the family name, then initials with full stops
# and no comma
FAMILY_DOTTED_INITIALS = lazy(
    rf"^(?:{AFTER_INITIALS_PARTICLE}\s){{0,2}}"  # "van der Berg A.", "de Souza F."
    rf"(?:[{UPPER}][\w'’\-]+\s){{1,3}}(?:[{UPPER}]\.[-\s]?){{0,3}}[{UPPER}]\.?"
    rf"(?:\s{AFTER_INITIALS_PARTICLE}){{0,2}}$"  # GOST's "Moreau J.-P. de"
)


FAMILY_FIRST_NAME = lazy(FAMILY_FIRST)

# ABNT's and ISO 690's: a family name in capitals ("SINGH", "DEL RÍO", "GARCÍA-LÓPEZ"), a comma,
# then the given names in full, as initials, or both ("Noémie", "Ana Lucía", "John R.", "A. B.",
# "J.-L."); not "SILVA, A. Tumour": no full name after an initial
CAPITAL_FAMILY = rf"[{UPPER}][{UPPER}'’\-]+(?:\s[{UPPER}][{UPPER}'’\-]+){{0,2}}"
GIVEN_WORD = rf"[{UPPER}][a-zà-ÿ'’]+(?:-[{UPPER}][a-zà-ÿ'’]+)?"
GIVEN_INITIAL = rf"[{UPPER}]\."
GIVEN_NAMES = (
    rf"(?:{GIVEN_WORD}(?:\s{GIVEN_WORD}){{0,2}}(?:\s?-?{GIVEN_INITIAL}){{0,3}}"
    rf"|{GIVEN_INITIAL}(?:\s?-?{GIVEN_INITIAL}){{0,3}})"
)
# ISO 690 sets a particle in capitals after the given names: "DIJK, M.-L. VAN", "SOUZA, L. DE"
CAPITAL_PARTICLE = rf"(?:\s(?:{AFTER_INITIALS_PARTICLE.upper()})(?![\w'’-])){{0,2}}"
CAPITAL_FAMILY_NAME = lazy(rf"{CAPITAL_FAMILY},\s{GIVEN_NAMES}{CAPITAL_PARTICLE}")


@functools.lru_cache(maxsize=8192)
def is_any_name(name: str) -> bool:
    """A person's name in any printed order: 'A. B. Smith', 'Smith AB', 'Smith, A. B.',
    'Sousa L.F.O.'."""
    name = name.strip(" ,")
    return bool(
        is_person(name)
        or VANCOUVER_NAME.match(name)
        or FAMILY_DOTTED_INITIALS.match(name)
        or CAPITAL_FAMILY_NAME.fullmatch(name)
        or FAMILY_FIRST_NAME.fullmatch(name + ".")
        or FAMILY_FIRST_NAME.fullmatch(name)
    )


# ---------------------------------------------------------------------------------------------
# One printed name → its parts: bibtexparser `NameParts` (first, von, last, jr)
# ---------------------------------------------------------------------------------------------

# "Jr", "III": case matters, since Vancouver initials "JR" are John R.
SUFFIXES = {"Jr", "Jr.", "Sr", "Sr.", "II", "III", "IV", "2nd", "3rd"}
# "S.", "Ch.", "J.-F.", "L.M.": initials printed with full stops
DOTTED_INITIAL = lazy(rf"^[{UPPER}][a-z]{{0,2}}\.(?:-?[{UPPER}][a-z]{{0,2}}\.)*$")
# one initial of a run: "L.M." → "L.", "M."; "J.-F." stays whole
INITIAL_PIECE = lazy(rf"[{UPPER}][a-z]{{0,2}}\.(?:-[{UPPER}][a-z]{{0,2}}\.)*")
# "AB", "J", "A-B": Vancouver initials printed after the family name ("Smith AB")
BARE_INITIALS = lazy(rf"^(?:[{UPPER}]{{1,4}}|[{UPPER}](?:-[{UPPER}])+)$")
FAMILY = rf"[{UPPER}][^\W\d_]*(?:['’-][^\W\d_]+)*"  # "Gadgeel", "Moro-Sibilot", "O'Brien"
INITIALS_FAMILY = lazy(rf"^((?:[{UPPER}][a-z]?\.(?:-[{UPPER}][a-z]?\.)? ?)+) ?({FAMILY})$")
FAMILY_INITIALS = lazy(rf"^({FAMILY}) ([{UPPER}]{{1,4}})$")
FAMILY_COMMA_INITIALS = lazy(rf"^({FAMILY}), ((?:[{UPPER}][a-z]?\. ?)+)$")
FAMILY_DOTTED = lazy(
    rf"^({FAMILY}(?: {FAMILY})?) ((?:[{UPPER}]\.(?:-|\s(?=[{UPPER}]\.))?)+)"  # "O. G.", "J.-P."
    rf"((?: {AFTER_INITIALS_PARTICLE})*)$"
)
# "P. N.Morcos", "T.Mok": the extract glued an initial to the family name
GLUED_INITIAL = lazy(rf"(?<=[{UPPER}]\.)(?=[{UPPER}][a-z])")
# Words that make a printed author an organisation, not a person: "Food and Drug
# Administration", "National Comprehensive Cancer Network", "WHO Classification Group".
ORGANISATION_WORDS = lazy(
    r"\b(?:and|of|for|the|on|Society|Association|Organi[sz]ation|Institute|Administration|"
    r"Agency|Group|Committee|Network|Foundation|Consortium|Collaboration|Council|Cent(?:er|re)|"
    r"Investigators|Trial|University|Ministry|Department|Commission|Board|Panel|Project)\b"
)
ET_AL = lazy(r"^(?:et\.?\s*al\.?|and others|others)$", re.IGNORECASE)


def _name_parts(**parts: list[str]) -> NameParts:
    """bibtexparser's `NameParts`, imported when a name is first split: reading references
    never splits one, and importing bibtexparser cost every ingest ~80 ms of CPU (issue 15)."""
    from bibtexparser.middlewares.names import NameParts

    return NameParts(**parts)


def split_printed_name(printed: str) -> NameParts | None:
    """A name as printed in any reference style → its BibTeX parts; None for "et al.".

    "S. M. Gadgeel" → last Gadgeel, first S. M.; "Smith AB" → Smith, A. B.;
    "Okonkwo, S." → Okonkwo, S.; "van der Berg J" → von "van der", last Berg, first J.
    """
    parts = cached_name_parts(printed)
    if parts is None:
        return None
    first, von, last, jr = parts
    return _name_parts(first=list(first), von=list(von), last=list(last), jr=list(jr))


@functools.lru_cache(maxsize=65536)
def cached_name_parts(printed: str) -> tuple[tuple[str, ...], ...] | None:
    # the same authors recur across a review's entries; NameParts is mutable (the encoder
    # rewrites it in place), so the cache keeps tuples and each call gets fresh lists
    parts = _split_printed_name(printed)
    if parts is None:
        return None
    return tuple(parts.first), tuple(parts.von), tuple(parts.last), tuple(parts.jr)


def _split_printed_name(printed: str) -> NameParts | None:
    name = " ".join(printed.replace("\u00a0", " ").split()).strip(" ,;")
    if name.startswith("and "):  # "… and S. Popat" split on the comma only
        name = name[4:]
    if not name or (len(name) < 12 and ET_AL.match(name)):
        return None
    # the three shapes most names have, in one regex each (the steps below give the same
    # parts, four times slower): "S. M. Gadgeel", "Smith AB", "Okonkwo, S."
    if match := INITIALS_FAMILY.match(name):
        return _name_parts(first=INITIAL_PIECE.findall(match[1]), last=[match[2]])
    if match := FAMILY_INITIALS.match(name):
        return _name_parts(first=_dot_initials(match[2]), last=[match[1]])
    if match := FAMILY_COMMA_INITIALS.match(name):
        return _name_parts(first=INITIAL_PIECE.findall(match[2]), last=[match[1]])
    if match := FAMILY_DOTTED.match(name):  # GOST's "Moreau J.-P.", "Souza G. de"
        von = match[3].split()
        return _name_parts(first=INITIAL_PIECE.findall(match[2]), von=von, last=[match[1]])
    if "," in name:
        # "Committee on Opportunities in Neuroscience, National Research Council": no
        # family name before that comma
        if len(name.split()) >= 4 and ORGANISATION_WORDS.search(name):
            return _name_parts(last=[name])
        return _split_family_first(name)
    if _is_organisation(name):
        return _name_parts(last=[name])
    words = GLUED_INITIAL.sub(" ", name).split()
    jr = [words.pop()] if len(words) > 1 and words[-1] in SUFFIXES else []
    # "Berg E van der": the particle printed after the initials is the family name's
    trailing: list[str] = []
    while len(words) > 2 and words[-1] in PARTICLES:
        trailing.insert(0, words.pop())
    if trailing and (BARE_INITIALS.match(words[0]) or not BARE_INITIALS.match(words[-1])):
        words.extend(trailing)  # not "Family Initials particle": as they were
        trailing = []
    # "Smith AB", "van der Berg J", "Garcia Campelo R": family name first, bare initials last
    if len(words) > 1 and BARE_INITIALS.match(words[-1]) and not BARE_INITIALS.match(words[0]):
        von, last = _split_particles(words[:-1])
        return _name_parts(first=_dot_initials(words[-1]), von=trailing + von, last=last, jr=jr)
    # "S. M. Gadgeel", "J.-F. Martini", "AB Smith": initials first, family name last
    initials: list[str] = []
    while len(words) > 1 and (DOTTED_INITIAL.match(words[0]) or BARE_INITIALS.match(words[0])):
        word = words.pop(0)
        initials.extend(
            INITIAL_PIECE.findall(word) if DOTTED_INITIAL.match(word) else _dot_initials(word)
        )
    if initials:
        von, last = _split_particles(words)
        return _name_parts(first=initials, von=von, last=last, jr=jr)
    # No initials at all: "United Nations", "Ministério da Saúde", "Marine Survey
    # Laboratories". Reference lists of this family abbreviate given names, so such a name is
    # an organisation far more often than a person ("John Smith"); written whole and braced,
    # it prints right either way, while "Nations, United" would print as "U. Nations".
    return _name_parts(last=[" ".join([*words, *jr])])


def _split_family_first(name: str) -> NameParts:
    # "Okonkwo, S.", "Blumenschein, G. R., Jr", "de la Vega, Maria"
    parts = [part.strip() for part in name.split(",") if part.strip()]
    family, rest = parts[0], parts[1:]
    jr = [part for part in rest if part in SUFFIXES]
    given = " ".join(part for part in rest if part not in SUFFIXES)
    given_words = GLUED_INITIAL.sub(" ", given).split()
    # "Berg, E. van der": the particle printed after the initials is the family name's
    trailing: list[str] = []
    while len(given_words) > 1 and given_words[-1] in PARTICLES:
        trailing.insert(0, given_words.pop())
    first: list[str] = []
    for word in given_words:
        # "Smith, AB": bare initials after the comma
        if BARE_INITIALS.match(word) and len(word) > 1:
            first.extend(_dot_initials(word))
        elif DOTTED_INITIAL.match(word):
            first.extend(INITIAL_PIECE.findall(word))  # "Smith, A.B." → A. B.
        else:
            first.append(word)
    if len(first) == 1 and len(first[0]) == 1:
        first = [first[0] + "."]  # "Smith, J" → "Smith, J."
    von, last = _split_particles(family.split())
    return _name_parts(first=first, von=trailing + von, last=last, jr=jr)


def _is_organisation(name: str) -> bool:
    words = name.split()
    if len(words) == 1 or (DOTTED_INITIAL.match(words[0]) and len(words) < 4):
        return False  # "S. M. Gadgeel": a person, and most names look like this (fast)
    if ORGANISATION_WORDS.search(name):
        return True
    has_initials = any(DOTTED_INITIAL.match(w) or BARE_INITIALS.match(w) for w in words)
    return len(words) >= 4 and not has_initials


def _dot_initials(letters: str) -> list[str]:
    """ "AB" → ["A.", "B."]; "A-B" → ["A.-B."]."""
    if "-" in letters:
        return ["-".join(f"{part}." for part in letters.split("-"))]
    return [f"{letter}." for letter in letters]


def _split_particles(words: list[str]) -> tuple[list[str], list[str]]:
    if words[0] not in PARTICLES:
        return [], words  # most family names have no particle (fast)
    von = _leading_particles(words)
    last = _after_particles(words)
    return von, last


def _leading_particles(words: list[str]) -> list[str]:
    von: list[str] = []
    for word in words[:-1]:
        if word not in PARTICLES:
            break
        von.append(word)
    return von


def _after_particles(words: list[str]) -> list[str]:
    return words[len(_leading_particles(words)) :]


def bibtex_name(printed: str) -> str | None:
    """A printed name → "Family, Given" as BibTeX reads it (before LaTeX encoding)."""
    parts = split_printed_name(printed)
    return None if parts is None else parts.merge_last_name_first
