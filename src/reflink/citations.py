"""Citation callouts in running text: flattened superscripts, brackets, parentheses.

One mechanism for every numbered style, in an ordered list of small steps:

1. Candidates (`find_candidates`): the `SCANNERS`, in order, one per family of callout, each
   reading the passage (`Scan`) and yielding every number list that *could* be a callout with
   its named evidence (a `Candidate`): brackets "[3–5, 9]", parentheses "(2, 6-8)", "Ref. 13",
   a table's reference-column cell "117 and 144", glued superscripts "NSCLC.6–8", spaced
   superscripts "dense breasts, 4 but". An earlier scanner takes its text first. Then the
   `CANDIDATE_STEPS` add evidence that needs the whole passage ("compound 5" elsewhere).
2. Style (`choose_family`): the document's callout style is the family whose candidates best
   form an introduction chain (numbers first cited 1, 2, 3, … in reading order).
3. Order (`decode`): a Viterbi pass (`_introductions`) over "largest number cited so far"
   picks the first citations (each new number is the next one, or a little above); the other
   candidates are accepted as re-citations of numbers already introduced when their local
   evidence is good (recency: a spaced number needs less when the same number was cited a few
   lines before, and is dropped among rejected spaced numbers: a list of counts), and rejected
   when they would introduce a number out of order. Tables and captions float, so their
   callouts stand outside the order; runs of labels counting up ("( 1 ) … ( 2 ) … ( 3 )",
   affiliation marks) are dropped; a list numbered alphabetically (confident callouts arriving
   out of order) is decided on local evidence alone. Where nothing introduces the next number
   before the one after it, a lone number's tail may ("approved in 20197 ." reads "2019" +
   "7", `_fill_order_gaps`). Last, a number of a complete list that no callout carries
   takes its best weak candidate ("Lindqvist7", read as a symbol like "Sox2" until the list
   says 7 is cited nowhere else).

Every tuned number is in `WEIGHTS`, one table, each entry saying what it trades off; a
candidate's `evidence` names the entries that made its score.

The parsed reference list bounds the numbers (`reference_universe`); when the list is
truncated (the seed holds entries 100–133 while the body cites 1–146) the bound is relaxed.

Where do I add a new callout style?
    Write a scanner: a function `Scan -> Iterable[Candidate]` that finds the style's number
    lists in `scan.text` (skipping text `scan.overlaps` says is taken) and makes each with
    `scan.candidate(start, end, numbers_text, family, shape, [evidence("your:name"), …])`;
    add its weights to `WEIGHTS` and the scanner to `SCANNERS`, before any scanner that would
    read the same text less well. A scanner sees the passage's lines (`scan.lines`, kind and
    raw text) and, for a PDF, each line's typography (`scan.scripts`: raised and lowered
    character runs; None for a text file), so evidence from how a number is printed ("a run of
    digits set smaller on a raised baseline") is a scanner too; a scanner may `scan.take` text
    it rules out (a lowered "2" in "CO2") without making a candidate. Give it a named test on
    invented text in tests/test_citations.py, and score the development set before and after.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from .lazyre import lazy
from .models import BODY, CAPTION, HEADING, TABLE, Line, Marker, Problem, RefEntry
from .normalise import DASH_CHARS
from .normalise import YEAR as PRINTED_YEAR
from .textclean import Passage, stitch
from .typography import UNIT_POWERS, is_power_or_mark, script_masks
from .words import FUNCTION_WORDS

# Line kinds whose text carries callouts; FRONT (affiliation marks), FURNITURE, WATERMARK and
# REFERENCE never do.
CALLOUT_KINDS = frozenset({BODY, HEADING, CAPTION, TABLE})

DASH = DASH_CHARS
# One dash of any kind (DASH) as pattern text. As one class its three runs of code points
# ("-", "‐"…"—", "−") are too many for re's range form: it builds a 64K-entry table, ~0.13 ms
# each of the dozen times the patterns below hold one. The minus sign as a branch of its own
# keeps the class to two runs ("{1}" stops re from folding it back into the class).
ANY_DASH = "(?:[-\u2010-\u2014]|\u2212{1})"
# One item of a number list: "12", "6–8", "15– 17" (a range broken after the dash at a line end)
ITEM = rf"\d{{1,4}}(?:\s?{ANY_DASH}\s?\d{{1,4}})?"
# Inside brackets or parentheses the items may be spaced freely: "[3–5, 9]", "(2, 6-8)", "(2;3)"
ENCLOSED_LIST = rf"\s*{ITEM}(?:\s*[,;]\s*{ITEM})*\s*"

# in brackets "and" joins numbers too: "[1 and 2]", "[3, 5 and 9]" (in parentheses it joins
# labels as often: "groups (1 and 2)")
BRACKET = lazy(rf"\[(\s*{ITEM}(?:(?:\s*[,;]\s*|\s+and\s+){ITEM})*\s*)\]")
# IEEE prints a range as two brackets: "[3]–[5]" is one callout for 3, 4, 5
BRACKET_RANGE = lazy(rf"\[\s*(\d{{1,4}})\s*\]\s?{ANY_DASH}\s?\[\s*(\d{{1,4}})\s*\]")
# … and some styles print "(1)–(4)" so, raised or not
PAREN_RANGE = lazy(
    rf"\((?<!(?:[\d_]|{ANY_DASH})\()\s*(\d{{1,4}})\s*\)\s?{ANY_DASH}\s?\(\s*(\d{{1,4}})\s*\)"
)
# "(12)" after a space or glued to a word ("survival(1–4)", a raised parenthesis flattened);
# not "galanin-2(6 -29)" or "IGF-2(5-41)", a fragment of a peptide.
# Look-behinds in this module follow the first character they guard ("\((?<!…\()" for
# "(?<!…)\("): a pattern that starts with a character lets re skip to it instead of trying every
# position of the passage (same matches, several times faster).
PAREN = lazy(rf"\((?<!(?:_|{ANY_DASH})\()({ENCLOSED_LIST})\)")
# "exon 19(24)", "in 2019(3)", "of 0.48(1,28)": glued to a plain number (`_enclosed`); not
# "IGF-2(5-41)" or "TIR-1(3)", a name with digits
PLAIN_NUMBER = lazy(r"\d+(?:[.,]\d+)?")
# a number, then a list or range glued to it: "191,8", "20193–7", "0.4820,21" (not the
# thousands of "12,500": a list's numbers are short, and the lookahead wants no digit on).
# The look-behind follows the first digit, so `re` skips from digit to digit
NUMBER_THEN_LIST = lazy(
    r"(\d(?<![\w.,–-]\d)\d*(?:\.\d+)?)((?:\s?[,–-]\s?\d{1,3}(?![\d.]))+)(?![\w%])"
)
# "approved in 20197 .", "on exon 1922 .": a lone number after a word, which may hold a
# superscript flattened onto it (`read_lone_numbers`); not part of a decimal, a list or a range
LONE_NUMBER = lazy(r"\d(?<![\w.,–-]\d)\d{2,6}(?![\w%]|[.,–-]\d)")
# "2014;32(15):1234": an issue after its volume, then the pages
ISSUE_THEN_PAGES = lazy(r"\s*:\s*[A-Za-z]?\d")
# "COVID-19", "IL-6", "CD44": letters, then digits (a hyphen between them or not)
NAME_WITH_DIGITS = lazy(r"[A-Za-z][A-Za-z-]*\d+")

# A bare number list, the raw material of superscripts. The comma must touch the number before
# it: "quadros5 ,11 ,14" prints three markers, "Hpy 6, 9 ." one.
# The look-behind comes after the first digit, so the pattern starts with a digit and `re` skips
# to the next digit instead of trying every position: the same matches, scanned 1.7x faster.
# It is split in two (a digit or dash of a class, then the minus sign) for ANY_DASH's reason.
BARE_LIST = lazy(
    rf"""
    (\d(?<![\d\-\u2010-\u2014]\d)(?<!\u2212\d)  # a digit, not the tail of a number or range
     \d{{0,3}}(?:\s?{ANY_DASH}\s?\d{{1,4}})?  # the rest of the first ITEM
     (?:,\s?{ITEM})*)
    (?!\d)
    """,
    re.VERBOSE,
)

# A number list as a raised run prints it, starting anywhere: "TIR-1^{23}" reads "TIR-123"
# (a whole raised run: a trailing comma or stop may be raised with it)
RAISED_LIST = lazy(rf"\s*(\d{{1,4}}(?:\s?(?:[,;]|{ANY_DASH})\s?\d{{1,4}})*)[\s,.;)]*")

# "(discussed in Ref. 17)", "see refs 3 and 4": the word says it is a reference number
REF_WORD = lazy(
    rf"[Rr](?<!\w[Rr])(?:efs?\.?|eferences?)\s+({ITEM}(?:(?:\s*,\s*|\s+and\s+){ITEM})*)(?!\d)"
)

# A table cell holding two callouts split over lines: "117 and" / "144"
AND_LIST = lazy(rf"({ITEM})\s+and\s+({ITEM})(?!\d)")

RANGE = lazy(rf"(\d+)\s*{ANY_DASH}\s*(\d+)")

# Characters tested once per number (made once here, not per call): a list or range inside
# brackets; a number that goes on after its digits ("15%", "5(", "1/2"); a prefix before
# letters glued to digits ("anti-Ab2"); a mark before a decimal ("p<.05", "−.24")
LIST_MARKS = f",;{DASH}"
NUMBER_GOES_ON = f"%°‰'′/(+{DASH}"
DASH_OR_SLASH = f"{DASH}/"
DECIMAL_LEADS = f"=<>±{DASH}("

# Words after which a number is a label, not a callout: "Fig. 2", "Table 1", "Phase 3"
LABEL_WORDS = frozenset(
    """
    fig figs figure figures table tables tab section sections sect chapter chapters eq eqs
    equation equations appendix step phase stage grade type day week month year hour group
    cohort lane lanes panel panels version line page pages pp p chromosome exon intron
    residue residues compound compounds isoform class category criterion item question no nos
    number numbers vol volume issue supplementary file dataset scheme box note s protocol
    tier wave visit dose cycle ph ratio n of than approximately about around over under
    nearly almost least most only from to and or by between within up top first last next every
    algorithm algorithms lemma theorem proposition corollary definition remark assumption
    iteration epoch
    """.split()
)
# Words before a bracket or parenthesis that make its number a label
ENCLOSED_LABELS = frozenset(
    """
    fig figs figure figures table tables tab eq eqs eqn equation equations formula section
    sections sect chapter appendix scheme schemes step steps lane lanes panel panels box
    supplementary no nos note notes compound compounds
    """.split()
)
# Nouns that take an enclosed label in chemistry ("structure (3)") but end many a clause before
# a callout ("the whole test structure [7], it"): evidence against, not a veto
ENCLOSED_SOFT_LABELS = frozenset("structure structures".split())

# Words before a parenthesised number that make it an equation reference: "from (7) we see"
EQUATION_LEADS = frozenset("by from to into".split())
# … but not after "according to (9)", which cites
CITING_LEAD = lazy(r"\baccording\s+to\s*$", re.IGNORECASE)
# "r (25) = −.275", "t(24) = 2.1": a parenthesis before "=" holds degrees of freedom
CLAUSE_ENDS = frozenset(".,;:")  # glued after an enclosed number, they close the clause it cites
STATISTIC_AFTER = lazy(r"\s?[=<>≤≥]")
# "agreement (1–7)", "a scale (1–5)": a range from 1 after these words is a rating scale
SCALE_WORDS = frozenset("agreement scale scales rating ratings rated score scores likert".split())
# "three (3) breaks": a count spelled out, then repeated in digits
NUMBER_WORDS = {
    word: value
    for value, word in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve".split()
    )
}

# Singular nouns that often take a label ("mutant 4", "patient 2") but sometimes end a
# clause before a callout ("the T315I mutant 14 ."): evidence against, not a veto
SOFT_LABEL_WORDS = frozenset(
    """
    model patient case sample experiment round trial arm domain region site subunit complex
    mutant strain clone point level set block condition component hypothesis aim part score
    list generation passage
    """.split()
)

# Words a callout never follows: it closes a clause, it does not open one ("showed that 33 had
# been consumed", "with 5 equivalents")
LEADING_WORDS = frozenset(
    """
    that the a an with for in on at is are was were be been as via using than which whose
    where when if while into onto per whereas whether
    """.split()
)

# Abbreviations that end in a full stop and take a number: "Fig. 2", "Eq. 3", "no. 5"
ABBREVIATED_LABELS = frozenset(
    "fig figs eq eqs eqn no nos vol sect sec tab ch chap pp p suppl ref refs ex exp".split()
)

# Units of measure: "250 mg", "(cm 3 )"; a number after or before one is a quantity
MEASURE_UNITS = frozenset(
    """
    mg g kg ug µg μg ng pg ml l ul µl μl mm cm m km nm µm μm um mmol mol µmol μmol nmol
    s ms sec secs min mins h hr hrs hour hours day days week weeks wk wks month months
    year years yr yrs decade decades century times fold kda da bp kb mb gb nt aa ppm °c ℃ k
    percent per x × mol% wt%
    """.split()
)
# Short last words of hyphenated compounds: "follow-up", "run-in", "add-on"
SHORT_COMPOUND_ENDS = frozenset({"up", "in", "on"})
# Words that follow a number as a count: "approximately 4" + "months", "52 markers"
UNIT_WORDS = MEASURE_UNITS | frozenset(
    """
    patients participants subjects cases women men children people persons individuals adults
    mice rats animals cells samples genes proteins sites studies trials articles papers
    countries centres centers hospitals families species strains isolates sequences reads
    features variables items questions groups points units doses cycles mutations variants
    million billion thousand hundred vs versus out of or more less
    independent different additional new other major main distinct separate consecutive
    randomized eligible healthy
    """.split()
)
# "Received: 17 March 2021": a date, whatever the case
MONTHS = frozenset(
    """
    january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec
    """.split()
)

# Units printed with capitals, so not taken for the start of a sentence
CASED_UNITS = frozenset(
    "M mM µM μM nM pM Hz kHz MHz GHz kDa Da K V mV W J Gy Bq GBq MBq Ci mCi L mL µL μL".split()
)

# Words that often follow a callout: "nodules 5 and liver", "tissue, 4 but pathways"
WORDS_AFTER_CALLOUT = frozenset(
    """
    and but or nor yet which that who whom whose where when while whereas although though as
    including include includes included such like than were was did does do using via
    because since so thus hence however therefore in on at to for with by from into onto
    of the a an this these those it its they their there is are was were be been has have
    had also may might can could should would will not showed show shows suggested suggest
    suggests reported report found demonstrated indicate indicated revealed using used
    """.split()
)

# Chemical element symbols: "MgCl 2", "CO 2", "CH 3 I" are formulas, "1 H NMR" an isotope
ELEMENTS = frozenset(
    """
    H He Li Be B C N O F Ne Na Mg Al Si P S Cl Ar K Ca Sc Ti V Cr Mn Fe Co Ni Cu Zn Ga Ge As
    Se Br Kr Rb Sr Y Zr Nb Mo Tc Ru Rh Pd Ag Cd In Sn Sb Te I Xe Cs Ba La Ce Pt Au Hg Tl Pb
    Bi Gd U
    """.split()
)
# Elements whose isotopes are printed "1 H", "13 C", "18 F" (not "O", "I", "In": words too)
ISOTOPE_ELEMENTS = frozenset({"H", "C", "N", "F", "P", "Cu", "Ga", "Tc", "Zr"})
FORMULA = lazy(r"(?:[A-Z][a-z]?\d*|\((?:[A-Z][a-z]?\d*)+\)\d*)+")
ELEMENT_TOKEN = lazy(r"[A-Z][a-z]?")

OPENING_QUOTES = frozenset('"“‘«„')
# "3, 4 and 6", "5 or 6": a number list that goes on in words is an enumeration in prose
ENUMERATION_WORDS = frozenset({"and", "or", "nor"})
NEXT_NUMBER = lazy(r"\s*\d")
# The letters of a word a number is glued to ("chemotherapy" before "85"): [A-Za-zÀ-ÿ]
WORD_LETTERS = "".join(map(chr, [*range(65, 91), *range(97, 123), *range(0xC0, 0x100)]))
NUMBER_TAIL = lazy(r"[\w-]*\d$")  # "2013", "E-Syt1" before ".73"
TWO_LETTERS = lazy(r"[A-Za-z]{2}")
LIST_SEPARATOR = lazy(r"\s*[,;]\s*|\s+and\s+")
TABULAR = lazy(r"\S {2,}\S.* {2,}\S|\S\t")
YEAR = lazy(rf"{PRINTED_YEAR}$")

# Families a document can use for its callouts; "refword" and "table" cells join any of them.
SUPERSCRIPT = "superscript"
BRACKETED = "bracket"
PARENTHESISED = "paren"
# the two shapes of a flattened superscript: "mortality.1" and "dense breasts, 4 but"
GLUED = "glued"
SPACED = "spaced"

# --- the weights ------------------------------------------------------------------------------
#
# Every tuned number of the module, by the name of the evidence or decision it weighs. A
# candidate's score is the sum of its evidence (log-odds-like: > 0 leans callout); each entry
# says what raising it trades off. Tuned on the development set: change one, re-score it.
WEIGHTS: dict[str, float] = {
    # -- enclosed callouts (brackets, parentheses, "Ref. 13") --
    # "[3]–[5]": IEEE's range of two brackets; as sure as a bracket with a list
    "bracket-range": 2.5,
    # "[12]": a bracket rarely holds anything but callouts; lower it and "[12]" needs order
    "bracket": 2.0,
    # "(12)": a parenthesis holds much else (years, counts, equation numbers)
    "paren": 1.0,
    # "[3–5, 9]", "(2;3)": a list or range inside looks more like callouts than a lone number
    "enclosed:list-or-range": 0.5,
    # "Equation (4)", "Fig. [2]": a label word before; but "tissue bank [19]" is a callout
    "enclosed:after-label-word": -3.0,
    # "structure (3)" names a compound, "the test structure [7], it" cites: half a label word
    "enclosed:after-soft-label-word": -1.0,
    # "derived from (7)": often an equation; weak enough that "adapted from (6)" may still
    # introduce a number in order, while a re-citation needs more
    "paren:after-equation-lead": -0.8,
    # "r (25) = −.275", "agreement (1–7)", "three (3) breaks": degrees of freedom, a rating
    # scale, a count in digits after its word; as sure as a label word
    "paren:statistic-scale-or-count": -3.0,
    # "survival(1–4) .": a raised parenthesis flattened onto its word; but "t(24)", "Kd(2)"
    # print a symbol's argument the same way. Below the parenthesis's own weight, so such a
    # number needs the order of the document's callouts
    "paren:glued-to-word": -0.5,
    # "exon 19(24)", "in 2019(3)": a raised parenthesis flattened onto a number; but
    # "2014;32(15)" prints a volume's issue the same way, in a list the rules did not find
    # too. Such a number needs the order of the document's callouts, and a lone one is no
    # re-citation (a list or range inside, "19(10–14)", may be)
    "paren:glued-to-number": -0.8,
    # "PACAP(1-27)", "GLP(7-36)": a fragment of a peptide or protein; as sure as a label word
    "paren:glued-to-acronym": -3.0,
    # "kinase (2)." / "(2), while": punctuation right after it closes the clause it cites. A
    # label opens its item ("(1) binding, (2) cleavage"); no weight of its own, but a run
    # counting up whose every number closes a clause is no list of labels (`_label_runs`)
    "enclosed:closes-clause": 0.0,
    # "see Ref. 13": the word says it; raise it and table headers "Reference" + "33%" creep in
    "refword": 3.0,
    # -- a table's reference column --
    # "9 months 77" in a table whose header names a reference column: the row's callout
    "cell": 1.5,
    # -- what follows a bare number (both superscript shapes) --
    "after:end-of-text": 0.5,
    # "4–6 weeks.25" + next line "2.1.2 Intradural": the next line is another matter
    "after:line-break": 0.5,
    # "In total, 52" + next line "markers were": a count that goes on with its unit
    "after:line-break-then-unit": -3.0,
    # "mortality.1,", "evidence.19)": punctuation glued after the number
    "after:punctuation": 0.6,
    # 'grades: 3, "mild"; 4, "severe"': a comma, then a quotation opens: the label of a
    # definition; a callout closes its clause, the quoted words would come before it
    "after:label-then-quote": -2.5,
    # any other symbol glued after it
    "after:symbol": 0.0,
    # a space, then nothing
    "after:space-then-nothing": 0.5,
    # "known causes 2 .", "alectinib 8,9 . Most": punctuation spaced off, as an extracted
    # superscript's is
    "after:spaced-punctuation": 1.0,
    # "NaOH, 2 M in ethanol", "400 MHz", "17 March": a unit with capitals, or a date
    "after:cased-unit-or-month": -3.0,
    # "protocol 18 (Supplementary Fig. 6)"
    "after:parenthesis": 0.3,
    # "approximately 4 months", "52 patients": a count; lower it and "tissue 4 cells" survives
    "after:unit-word": -3.0,
    # "1 H NMR", "13 C-labelled", "11 CO 2": an isotope or a formula follows
    "after:isotope-or-formula": -2.5,
    # "ports 3, 4 and 6", "5 or 6 times": "and" or "or", then another number: the list
    # goes on in words, as labels and counts do; a callout's list does not
    "after:enumeration": -3.0,
    # "nodules 5 and liver", "tissue, 4 but": a callout ends a clause, a function word follows
    "after:function-word": 0.8,
    # "kinase.1 Patients": a new sentence after an unpunctuated callout, or a name
    "after:capital": 0.4,
    # "spectroscopy 12-14 proved", "et al. 48 discovered": a verb follows
    "after:verb": 0.5,
    # "52 markers": a lower-case content word follows, more often a count than a callout
    "after:content-word": -0.6,
    # -- glued superscripts ("mortality.1", "chemotherapy85", "5%,9") --
    # "chemotherapy85": glued to a word
    "glued:to-word": 1.2,
    # "ROS1", "Sox2", "Lindqvist7": glued to a capitalised name, mostly a symbol; only a listed
    # number cited nowhere else takes it (see "uncited-listed-number")
    "glued:to-name": -2.5,
    # "as Okafor & Lindqvist-Berg7 argue": two family names joined by "&" or "and" are the
    # authors of the cited work, not a symbol; as sure as a glued word, and no more
    "glued:after-author-pair": 2.5,
    # "According to Brennan1", "as shown by Okafor7": the sentence names the cited author; as
    # sure as a pair of authors
    "glued:after-author-mention": 2.5,
    # "quadros5 ,11 ,14": a comma spaced off between glued numbers, one marker per number
    "glued:after-spaced-comma": 1.5,
    # "in 2013.87,88": after a year's full stop
    "glued:after-year-stop": 0.4,
    # "ROS1.113": after a full stop closing a name with digits
    "glued:after-name-stop": 0.8,
    # glued after punctuation: the strongest shape of all in running text
    "glued:after-full-stop": 2.0,
    "glued:after-comma": 1.5,
    "glued:after-semicolon": 1.2,
    "glued:after-colon": 0.5,
    "glued:after-parenthesis": 1.0,
    # "exon 191,8 .", "in 20193–7": a list glued to the number before it, read only where the
    # whole counts down (`scan_superscripts_glued_to_numbers`); "in 1914–18 the war" reads
    # so too. What follows must say callout: the clause's spaced-off punctuation or a
    # function word lift it above zero, which an introduction needs; a content word does not
    "glued:after-number": -0.5,
    # "approved in 20197 .": one reading of a lone number's tail as a callout ("2019" + "7").
    # Never enough alone ("a cohort of 1523 ." is a count); read only where the tail is the
    # next number of the first-citation order and nothing else introduces it there
    # (`_fill_order_gaps`)
    "glued:lone-number-tail": -6.0,
    # "seen in 20163 ,": the tail of a year after "in", "since", "by" …, closing its clause;
    # a re-citation of a number already cited there is read (`_fill_order_gaps`), as a
    # year's digits never run on. No weight: the mark says which readings may be so read
    "glued:lone-number-after-a-year": 0.0,
    "glued:after-other-mark": 1.5,  # "5%,9", "evidence”.19"
    # "at stage 317 .": after a number the text prints alone elsewhere ("at stage 3 (n = 30)"),
    # with the clause's punctuation spaced off (`read_known_stems`); as sure as a glued word
    "glued:after-known-stem": 1.0,
    # -- spaced superscripts ("dense breasts, 4 but", extracted as a token of their own) --
    # "known causes 2 .": the punctuation after it is spaced off too; a count's rarely is
    "spaced:punctuation-spaced-off": 1.0,
    # a number opening the passage
    "spaced:at-start": -0.5,
    # "a UN census in 2016 3 , Hpy": right after a year
    "spaced:after-year": -0.3,
    # "the loop K-112-118 3 .": after a name with digits, less sure than "kinase 3 ."
    "spaced:after-name-with-digits": -0.8,
    # "volume. 6", "breasts, 4 but": after punctuation
    "spaced:after-punctuation": 0.8,
    # "… 2.5, 3 and": digits before that punctuation, a list of numbers
    "spaced:digits-before-punctuation": -0.5,
    # "NYHA classes: 3, …": a list of labels follows a colon
    "spaced:after-colon": -0.7,
    # "Okafor et al. 31 reported"
    "spaced:after-et-al": 1.0,
    # "ceritinib (Zykadia) 6 ,"
    "spaced:after-closing-bracket": 0.3,
    # "the T315I mutant 14 .": a noun that often takes a label ("patient 2")
    "spaced:after-soft-label": -0.7,
    # "nodules 5 and": after a word
    "spaced:after-word": 0.2,
    # -- the line a spaced number sits on (flattened text: issue 14) --
    # "A. Kowalska 1 , B. Nowak 2,3": affiliation marks after personal names printed
    # initials-first; a callout follows "et al." or a noun, rarely "A. Kowalska" itself
    "line:after-personal-name": -3.0,
    # "2. Methods", "3 Results": a short line that opens with its number is a numbered heading
    "line:heading-number": -3.0,
    # -- typography (a PDF): how the number is printed --
    # a run of digits set smaller than its line on a raised baseline: as sure as "[12]", and
    # it overrules the text's doubts ("Lindqvist7" is a name's callout, not a symbol)
    "typography:raised": 3.0,
    # a raised number list only the typography finds ("TIR-1^{23}" flattens to "TIR-123"): no
    # text evidence either way; "typography:raised" then decides
    "typography:raised-run": 1.0,
    # a bare number printed at body size is no superscript, whatever the words around it
    "typography:body-size": -3.5,
    # -- evidence from the neighbourhood --
    # "(m, 2 H), 7.76 (d, J = 5.2 Hz, 1 H)": per data-like number around it beyond the first
    "crowd": -0.5,
    # "(R)-5", "compound 5" elsewhere: a spaced "5" is more likely the compound
    "compound-number": -1.0,
    # a number above the list's last entry: a cut list, or noise
    "above-list": -1.5,
    # -- document-level decisions --
    # the superscript shape the document does not use ("approximately 4 months" where callouts
    # are glued): mostly noise
    "shape:unused": -2.0,
    # "brain 29–31." where callouts are glued: a list or range that closes its clause is how
    # an extraction prints a superscript it spaced off its word; far less often a count
    "shape:unused-list-closing-clause": -0.5,
    # a document that prints every callout spaced: its spaced re-citations need less
    "shape:all-spaced": 0.3,
    # introducing the next new number: strong evidence; raise it and counts that happen to
    # fit the order ("1 … 2 … 3") join the chain
    "chain:next-number": 2.5,
    # each further number one candidate introduces ("101–103"), so "1,2" then "1" and "2" beat
    # two introductions with "1,2" dropped
    "chain:each-further-number": 2.0,
    # per number skipped when a candidate introduces numbers above max + 1
    "chain:skipped-number": -0.5,
    # re-citing an old number needs a little local evidence
    "recite": -0.3,
    # "the diol 7 was": a spaced number re-cited needs more
    "recite:spaced": -0.8,
    # a spaced re-citation of a number cited a few lines before needs less
    "recite:recent": 0.8,
    # a listed number no callout carries: every entry of a complete list is cited somewhere
    "uncited-listed-number": 2.0,
}

# Thresholds and windows of the document-level decisions (counts and characters, not evidence)
CONFIDENT = 1.5  # local evidence that alone makes a callout likely ("mortality.1 Cancer")
CONFIDENT_BRACKET = 2.0  # a plain "[12]" in running text: a callout even ahead of its turn
FLOATING_ACCEPT = 0.5  # evidence a callout in a table or caption needs (outside the order)
LONE_ACCEPT = 0.5  # evidence a callout in a lone string needs (`find_markers` without a passage)
SHAPE_EVIDENCE = 1.0  # a superscript with more evidence than this counts towards its shape
SHAPE_MAJORITY = 3  # one shape used this many times as often as the other is the one in use
NEW_NUMBER_BONUS_CAP = 10
MAX_GAP = 12  # numbers a new callout may skip above the largest cited so far
RECENT_WINDOW = 3000  # characters back to an earlier callout of the same number
OUT_OF_ORDER_SHARE = 0.15  # above this share of confident callouts out of order: not ordered
OUT_OF_ORDER_MINIMUM = 10  # confident callouts needed before order is judged at all
DESCENT_SHARE = 0.3  # this share of first citations below the one before them: not ordered
LABEL_RUN = 3  # "( 1 ) … ( 2 ) … ( 3 )", "USA. 2 Advion … 3 Vanderbilt": labels, not callouts
LABEL_WINDOW = 400  # characters between neighbours of such a run
GROUP_WINDOW = 1500  # characters back to the group callout that a one-by-one discussion follows
COUNT_WINDOW = 80  # characters either side of a spaced re-citation to look for counts
COUNT_NEIGHBOURS = 2  # rejected spaced numbers around it that make it one of them
NO_LIST_LIMIT = 1800  # without a list: no review cites 1900 works; "2019" is a year
TABLE_LOOKBACK = 120  # lines back from a cell to its table's header
CROWD_WINDOW = 30  # characters either side of a bare number to count data-like numbers

SPACED_OFF = (" .", " ,", " ;")  # punctuation spaced off after a number: "known causes 2 ."
# compound numbers as printed in chemistry: "(R)-17", "compound 5", "compounds 1-5"; not the
# count before a noun: "a total of 90 compounds 8 and" cites 8
COMPOUND_LABEL = lazy(
    rf"\((?:R|S|E|Z|±|rac)\)-(\d{{1,3}})\b"
    rf"|[Cc](?<!\d [Cc])(?<!\w[Cc])ompounds?\s+(?:\((?:R|S)\)-)?"
    rf"(\d{{1,3}}(?:\s?{ANY_DASH}\s?\d{{1,3}})?)(?!\d)"
)
REFERENCE_HEADER = lazy(r"\b(?:refs?|references?|citations?|sources?)\b", re.IGNORECASE)
# data-like numbers: decimals and long numbers ("7.76", "0.95", "1036"), not small integers,
# which may be the neighbouring callouts themselves ("Chip 11,12 and TAG70, 13 which")
# A number glued to letters ("K-R204", "E-D310") names a residue or a gene, not data.
NUMBER_RUN = lazy(r"(?<!\w)(?:\d+[.,]\d+|\d{3,})")

Evidence = tuple[str, float]  # ("after:function-word", 0.8): a name from WEIGHTS and its weight


def evidence(name: str, times: float = 1.0) -> Evidence:
    """ "after:verb" → ("after:verb", 0.5): the named evidence with its weight (× times)."""
    weight = WEIGHTS[name]
    return name, weight if times == 1.0 else weight * times


# the evidence that marks a reading of `read_lone_numbers`, which only `_fill_order_gaps` reads
LONE_NUMBER_TAIL = evidence("glued:lone-number-tail")
KNOWN_STEM = evidence("glued:after-known-stem")
AFTER_A_YEAR = evidence("glued:lone-number-after-a-year")
# the words before a year ("in 2016", "since 2008"), and what closes a callout's clause after it
YEAR_LEADS = frozenset("in since by until from during before after".split())
YEARS_CITED = (1900, 2039)  # the years a text reports things in
CLAUSE_CLOSED = frozenset(
    {"after:punctuation", "after:spaced-punctuation", "after:line-break", "after:end-of-text"}
)


# Not frozen, though nothing changes one (`weighed` makes a new one): a frozen dataclass sets
# each field through object.__setattr__, ~4 µs a candidate against ~0.6, for thousands a document
@dataclass
class Candidate:
    """A number list that may be a callout, with the named local evidence for it."""

    start: int  # offset of the marker text in the passage ("[" or the first digit)
    end: int
    digit: int  # offset of the first digit (its line is the marker's line)
    text: str
    numbers: tuple[int, ...]
    family: str  # superscript | bracket | paren | any ("Ref. 13" joins the document's family)
    shape: str  # glued | spaced | enclosed | refword | cell
    score: float  # the sum of the evidence, in order; > 0 leans callout
    evidence: tuple[Evidence, ...] = ()
    floating: bool = False  # in a table or caption: placed anywhere, outside first-citation order
    in_table: bool = False
    spaced_off: bool = False  # "dense breasts 4 ," : punctuation spaced off after it

    def weighed(self, *more: Evidence) -> Candidate:
        """The same candidate with more evidence (a later step's, or the document's)."""
        score = self.score
        for _, weight in more:
            score += weight
        # the constructor, not dataclasses.replace: called for every candidate a step weighs
        return Candidate(
            self.start,
            self.end,
            self.digit,
            self.text,
            self.numbers,
            self.family,
            self.shape,
            score,
            self.evidence + more,
            self.floating,
            self.in_table,
            self.spaced_off,
        )


def total(items: Sequence[Evidence]) -> float:
    """The score of a list of evidence: summed in order (the order the weights were tuned in)."""
    score = 0.0
    for _, weight in items:
        score += weight
    return score


# --- numbers ----------------------------------------------------------------------------------


def expand_numbers(text: str) -> tuple[int, ...]:
    """ "3–5, 9" → (3, 4, 5, 9); () when any part is not a plausible reference number."""
    if text.isdigit():  # most lists are one number: no separator, no range to read
        return () if text.startswith("0") else (int(text),)
    numbers: list[int] = []
    for part in LIST_SEPARATOR.split(text.strip()):
        part = part.strip()
        if not part:
            return ()
        match = RANGE.fullmatch(part)
        if match:
            low_text, high_text = match.group(1), match.group(2)
            if low_text.startswith("0") or high_text.startswith("0"):
                return ()
            low, high = int(low_text), int(high_text)
            if not low < high:
                return ()  # "2016–17", "5–3": not a range of references
            numbers.extend(range(low, high + 1))
        elif part.isdigit() and not part.startswith("0"):
            numbers.append(int(part))
        else:
            return ()
    return tuple(numbers)


# --- step 1: what a scanner sees --------------------------------------------------------------


@dataclass
class Scan:
    """One passage being scanned for candidates: its text, its lines, and what is taken.

    `lines` maps a source line number to its `Line` (kind, raw text); `scripts` maps a line
    number to the typography a reader found on it (a PDF's raised and lowered character runs,
    `raised`/`lowered` as [start, end) offsets into the line's text), None for a text file.
    Scanners run in order; the text a candidate covers is taken, and later scanners skip it.
    """

    passage: Passage
    lines: Mapping[int, Line] = field(default_factory=dict)
    scripts: Mapping[int, Any] | None = None
    taken: bytearray = field(init=False)
    _tabular: dict[int, bool] = field(init=False, default_factory=dict)
    _table_lines: dict[int, bool] = field(init=False, default_factory=dict)
    _has_tables: bool | None = field(init=False, default=None)
    _reference_column: dict[int, bool] = field(init=False, default_factory=dict)
    _header_lines: dict[int, bool] = field(init=False, default_factory=dict)
    _masks: tuple[bytearray, bytearray] | None = field(init=False, default=None)
    # every bare number list of the text as (start, end), found once for the three scanners
    # that read them
    _bare_lists: list[tuple[int, int]] | None = field(init=False, default=None)
    # the bare lists that hold a superscript, judged once for both shape scanners
    _superscripts: list[JudgedList] | None = field(init=False, default=None)

    def __post_init__(self) -> None:
        self.taken = bytearray(len(self.passage.text))
        # the hot questions below (which line, does it end there, is it a table) are asked
        # for every bare number; they index `line_of` directly instead of through
        # `Passage.line_at`, clamping only at the ends, where its clamp matters
        self._line_of = self.passage.line_of
        self._last = len(self._line_of) - 1

    def masks(self) -> tuple[bytearray, bytearray]:
        """Per character: raised, lowered (a PDF's typography; all zero for a text file)."""
        if self._masks is None:
            self._masks = script_masks(self.passage, self.lines, self.scripts or {})
        return self._masks

    @property
    def text(self) -> str:
        return self.passage.text

    def line_number(self, offset: int) -> int:
        """`Passage.line_at`: the source line number of the character at `offset`."""
        if 0 <= offset <= self._last:
            return self._line_of[offset]
        if self._last < 0:
            return 0
        return self._line_of[0 if offset < 0 else self._last]

    def line_at(self, offset: int) -> Line | None:
        """The source line holding the character at `offset`."""
        return self.lines.get(self.line_number(offset))

    def take(self, start: int, end: int) -> None:
        """Mark text as read: no later scanner makes a candidate over it."""
        self.taken[start:end] = b"\x01" * (end - start)

    def overlaps(self, start: int, end: int) -> bool:
        return self.taken.find(1, start, end) >= 0

    def ends_line(self, offset: int) -> bool:
        if offset >= len(self.passage.text):
            return True
        if 0 < offset <= self._last:
            return self._line_of[offset] != self._line_of[offset - 1]
        return self.line_number(offset) != self.line_number(offset - 1)

    def tabular(self, line: Line | None) -> bool:
        if line is None:
            return False
        if line.number not in self._tabular:
            self._tabular[line.number] = _is_tabular(line)
        return self._tabular[line.number]

    def has_tables(self) -> bool:
        """Whether any line is a table's (`tabular`): when none is, no offset is in a table."""
        if self._has_tables is None:
            self._has_tables = any(map(_is_tabular, self.lines.values()))
        return self._has_tables

    def in_table(self, offset: int) -> bool:
        # asked for every bare number a table cell could be: cached by line number
        number = self.line_number(offset)
        known = self._table_lines.get(number)
        if known is None:
            known = self._table_lines[number] = self.tabular(self.lines.get(number))
        return known

    def floating_at(self, offset: int) -> bool:
        line = self.lines.get(self.line_number(offset))
        return line is not None and line.kind == CAPTION or self.tabular(line)

    def has_reference_column(self, offset: int) -> bool:
        """Whether the table holding this offset has a "Reference"/"Ref." column header.

        Only such a table's last cells are callouts ("PFS Reference" … "9 months 77"); a data
        table's last column holds counts ("Tumour area scaled (%) 1").
        """
        number = self.line_number(offset)
        if number not in self._reference_column:
            found, back = False, number
            while back > 0 and number - back <= TABLE_LOOKBACK:
                line = self.lines.get(back)
                if line is None or line.kind in (BODY, HEADING) and not self.tabular(line):
                    break  # the running text before the table
                if back not in self._header_lines:  # each table line is walked over many times
                    self._header_lines[back] = bool(REFERENCE_HEADER.search(line.text))
                if self._header_lines[back]:
                    found = True
                    break
                back -= 1
            self._reference_column[number] = found
        return self._reference_column[number]

    def candidate(
        self,
        start: int,
        end: int,
        body: str,
        family: str,
        shape: str,
        found: Sequence[Evidence],
        digit: int | None = None,
    ) -> Candidate | None:
        """A candidate over text[start:end] whose numbers are `body`; None if it has none."""
        numbers = expand_numbers(body)
        if not numbers:
            return None
        digit = start if digit is None else digit
        text = self.passage.text
        line = self.lines.get(self.line_number(digit))
        in_table = self.tabular(line)
        return Candidate(
            start=start,
            end=end,
            digit=digit,
            text=text[start:end],
            numbers=numbers,
            family=family,
            shape=shape,
            score=total(found),
            evidence=tuple(found),
            floating=line is not None and line.kind == CAPTION or in_table,
            in_table=in_table,
            spaced_off=text[end : end + 2] in SPACED_OFF,
        )


def _is_tabular(line: Line) -> bool:
    """A table's line: classified so, or printed in columns (`TABULAR`)."""
    raw = line.raw
    # TABULAR needs two spaces or a tab: most lines have neither, and skip the search
    return line.kind == TABLE or (("  " in raw or "\t" in raw) and bool(TABULAR.search(raw)))


# --- step 1: the scanners, one per family of callout ------------------------------------------


# The tokens around a number, within 40 characters: str.split's whitespace is re's "\s", so
# these read what r"(\S+)\s*$" and r"\s*(\S+)" would, without trying every position.
def _token_before(text: str, offset: int) -> str:
    tokens = text[max(0, offset - 40) : offset].rsplit(None, 1)
    return tokens[-1] if tokens else ""


def _token_after(text: str, offset: int) -> str:
    tokens = text[offset : offset + 40].split(None, 1)
    return tokens[0] if tokens else ""


def scan_brackets(scan: Scan) -> Iterator[Candidate]:
    """ "[3–5, 9]", "[12]", and IEEE's "[3]–[5]" (one callout for 3, 4, 5)."""
    for match in BRACKET_RANGE.finditer(scan.text):
        inner = f"{match.group(1)}–{match.group(2)}"
        found = [evidence("bracket-range")]
        made = scan.candidate(
            match.start(), match.end(), inner, BRACKETED, "enclosed", found, match.start(1)
        )
        if made:
            yield made
    yield from _enclosed(scan, BRACKET, BRACKETED, "bracket")


def scan_parentheses(scan: Scan) -> Iterator[Candidate]:
    """ "(2, 6-8)", "(12)", "(1)–(4)" (one callout for 1–4); not "IGF-2(5-41)", a fragment
    of a peptide."""
    text = scan.text
    for match in PAREN_RANGE.finditer(text) if "(" in text else ():
        found = [evidence("paren"), evidence("enclosed:list-or-range")]
        found.extend(_glued_to_word(text, match.start()))
        inner = f"{match.group(1)}–{match.group(2)}"
        made = scan.candidate(
            match.start(), match.end(), inner, PARENTHESISED, "enclosed", found, match.start(1)
        )
        if made:
            yield made
    yield from _enclosed(scan, PAREN, PARENTHESISED, "paren")


def _enclosed(scan: Scan, pattern: re.Pattern[str], family: str, name: str) -> Iterator[Candidate]:
    text = scan.text
    for match in pattern.finditer(text):
        if scan.overlaps(match.start(), match.end()):
            continue
        inner = match.group(1)
        digit = match.start(1) + len(inner) - len(inner.lstrip())
        found = [evidence(name)]
        before = _token_before(text, match.start())
        if text[match.start() - 1 : match.start()].isdigit():
            plain = PLAIN_NUMBER.fullmatch(before.lstrip("(")) is not None
            # "COVID-19[1,2]", "IL-6[12]": a bracket glued to a name's digits cites (a
            # parenthesis there is a peptide's fragment: "IGF-2(5-41)")
            named = family == BRACKETED and NAME_WITH_DIGITS.fullmatch(before) is not None
            if not (plain or named) or ISSUE_THEN_PAGES.match(text, match.end()):
                continue
            found.append(evidence("paren:glued-to-number"))
        if any(ch in inner for ch in LIST_MARKS):
            found.append(evidence("enclosed:list-or-range"))
        token = before.strip(".,;:").lower()
        if token in ENCLOSED_LABELS:
            found.append(evidence("enclosed:after-label-word"))
        elif token in ENCLOSED_SOFT_LABELS:
            found.append(evidence("enclosed:after-soft-label-word"))
        elif family == PARENTHESISED and token in EQUATION_LEADS:
            if not CITING_LEAD.search(text, max(0, match.start() - 20), match.start()):
                found.append(evidence("paren:after-equation-lead"))
        if family == PARENTHESISED:
            found.extend(_glued_to_word(text, match.start()))
        if family == PARENTHESISED and _paren_not_a_callout(text, match, token):
            found.append(evidence("paren:statistic-scale-or-count"))
        if text[match.end() : match.end() + 1] in CLAUSE_ENDS:
            found.append(evidence("enclosed:closes-clause"))
        made = scan.candidate(match.start(), match.end(), inner, family, "enclosed", found, digit)
        if made:
            yield made


def _glued_to_word(text: str, start: int) -> list[Evidence]:
    """ "survival(1–4)": a parenthesis glued to its word, weaker; "PACAP(1-27)": to an
    acronym, a peptide's fragment."""
    if not text[start - 1 : start].isalpha():
        return []
    word = _token_before(text, start).strip()
    return [evidence("paren:glued-to-acronym" if word.isupper() else "paren:glued-to-word")]


def _paren_not_a_callout(text: str, match: re.Match[str], token: str) -> bool:
    """ "r (25) = −.275": a statistic's degrees of freedom; "agreement (1–7)": a rating
    scale; "three (3) breaks": a count spelled out, then in digits."""
    if STATISTIC_AFTER.match(text, match.end()):
        return True
    numbers = expand_numbers(match.group(1))
    if token in SCALE_WORDS and len(numbers) > 1 and RANGE.fullmatch(match.group(1).strip()):
        return numbers[0] == 1
    return len(numbers) == 1 and NUMBER_WORDS.get(token) == numbers[0]


def scan_reference_words(scan: Scan) -> Iterator[Candidate]:
    """ "(discussed in Ref. 17)", "see refs 3 and 4": the word says it is a reference number."""
    text, passage = scan.text, scan.passage
    for match in _matches_at(REF_WORD, text, _before(text, "ef", 1)):
        # "Reference" as a table header, then "33% …" on the next line, is no callout
        same_line = passage.line_at(match.start()) == passage.line_at(match.start(1))
        if same_line and _evidence_after(text, match.end(1), scan.ends_line(match.end(1))):
            made = scan.candidate(
                match.start(1),
                match.end(1),
                match.group(1),
                "any",
                "refword",
                [evidence("refword")],
            )
            if made:
                yield made


def _before(text: str, literal: str, *distances: int) -> list[int]:
    """Offsets `distance` characters before each occurrence of `literal`, in order."""
    offsets: list[int] = []
    at = text.find(literal)
    while at != -1:
        offsets.extend(at - distance for distance in distances if at >= distance)
        at = text.find(literal, at + 1)
    return offsets


def _matches_at(
    pattern: re.Pattern[str], text: str, starts: Iterable[int]
) -> Iterator[re.Match[str]]:
    """What `pattern.finditer(text)` finds, for a pattern that can only match at `starts`
    (ascending): re tries every position of a pattern that opens with a class ("[Rr]ef"),
    while the few places before its literal ("ef") are found by str.find, many times faster.
    The same matches, in the same order (none is empty)."""
    end = 0
    for start in starts:
        if start >= end:
            match = pattern.match(text, start)
            if match:
                yield match
                end = match.end()


def _all_bare_lists(scan: Scan) -> list[tuple[int, int]]:
    """Every bare number list of the text as (start, end), found once."""
    if scan._bare_lists is None:
        scan._bare_lists = [match.span(1) for match in BARE_LIST.finditer(scan.text)]
    return scan._bare_lists


def _bare_lists(scan: Scan) -> Iterator[tuple[int, int]]:
    """Bare number lists ("12", "6–8", "11,12") no earlier scanner has taken, as (start, end)."""
    taken = scan.taken
    for item in _all_bare_lists(scan):
        if taken.find(1, item[0], item[1]) < 0:  # `overlaps`, without a slice per list
            yield item


def scan_table_cells(scan: Scan) -> Iterator[Candidate]:
    """The last cell of a row in a table with a reference column: "Group D retrospective 318
    22", "9 months 77", and "117 and" + "144" over two lines. A data table's last column (counts,
    years) is no such column: only a table whose header names references has one."""
    if not scan.has_tables():
        return  # most documents: no line is a table's
    text = scan.text
    for start, end in _bare_lists(scan):
        if start and not text[start - 1].isspace():
            continue
        line_end = scan.ends_line(end)
        if not line_end and not text[end : end + 1].isspace():
            continue  # neither the row's last cell nor "117 and" (AND_LIST needs the space)
        if not (scan.in_table(start) and scan.has_reference_column(start)):
            continue
        pair = AND_LIST.match(text, start)
        if pair and scan.ends_line(pair.end()) and not line_end:
            made = scan.candidate(
                start, pair.end(), pair.group(0), SUPERSCRIPT, "cell", [evidence("cell")]
            )
        elif line_end:
            made = scan.candidate(
                start, end, text[start:end], SUPERSCRIPT, "cell", [evidence("cell")]
            )
        else:
            continue
        if made:
            yield made


def scan_glued_superscripts(scan: Scan) -> Iterator[Candidate]:
    """Superscripts flattened onto the word or mark before them: "mortality.1", "5%,9",
    "chemotherapy85", "quadros5 ,11 ,14"."""
    yield from _superscripts(scan, GLUED)


def scan_spaced_superscripts(scan: Scan) -> Iterator[Candidate]:
    """Superscripts extracted as a token of their own: "dense breasts, 4 but", "known causes
    2 .", "Okafor et al. 31 reported"."""
    yield from _superscripts(scan, SPACED)


def scan_raised_semicolon_lists(scan: Scan) -> Iterator[Candidate]:
    """A PDF's raised number lists separated by semicolons, "growth^{2;3}" (natbib's
    superscripts): the bare-list scanners read lists with commas and would take "2" alone."""
    for run in _raised_runs(scan):
        if ";" in run.group(1) and not scan.overlaps(*run.span(1)):
            shape = _shape_of(scan.text, run.start(1))
            found = [evidence("typography:raised-run")]
            made = scan.candidate(*run.span(1), run.group(1), SUPERSCRIPT, shape, found)
            if made:
                yield made


def scan_raised_runs(scan: Scan) -> Iterator[Candidate]:
    """A PDF's raised number runs the bare-list scanners did not read: "TIR-1^{23}", "PAML
    3.15^{60}", glued to a name's or a version's digits, where flattened text shows only one
    longer number ("TIR-123"). The typography marks where the callout starts."""
    for run in _raised_runs(scan):
        if not scan.overlaps(*run.span(1)):
            made = scan.candidate(
                *run.span(1), run.group(1), SUPERSCRIPT, GLUED, [evidence("typography:raised-run")]
            )
            if made:
                yield made


def scan_superscripts_glued_to_numbers(scan: Scan) -> Iterator[Candidate]:
    """ "exon 191,8 .", "in 20193–7 .", "of 0.4820,21 .": a superscript list flattened onto the
    number before it. Read only where the whole cannot be one list (a list that counts down,
    a range that ends below its start), and split where the list's tail is the longest that
    counts up ("19" + "14–18", not "191" + "4–18"), and only after a word. A PDF's typography
    marks the callout itself (`scan_raised_runs`); a lone number ("exon 1922") stays one."""
    text = scan.text
    if scan.scripts or not any(mark in text for mark in ",–-"):
        return
    for match in NUMBER_THEN_LIST.finditer(text):
        start, end = match.span()
        # after a word: "exon 191,8", "in 20193–7"; not pages after their volume ("41(6):
        # 523–39", "15, 1119–28") in a list the rules did not find
        if not (text[start - 2 : start - 1].isalpha() and text[start - 1] == " "):
            continue
        if scan.overlaps(start, end) or _counts_up(match.group(0)):
            continue
        head, tail = match.group(1), match.group(2)
        for cut in range(1, len(head)):
            if head[cut] == "0" or not head[cut - 1].isdigit() or "." in head[cut:]:
                continue
            if _counts_up(head[cut:] + tail):
                break
        else:
            continue
        following = text[end : end + 1]
        after = _evidence_after(text, end, following.isspace() and scan.ends_line(end))
        if after is None:
            continue
        found = [evidence("glued:after-number"), after]
        made = scan.candidate(start + cut, end, head[cut:] + tail, SUPERSCRIPT, GLUED, found)
        if made:
            yield made


def _counts_up(body: str) -> bool:
    numbers = expand_numbers(body)
    return bool(numbers) and all(a < b for a, b in zip(numbers, numbers[1:], strict=False))


def _raised_runs(scan: Scan) -> Iterator[re.Match[str]]:
    """Each raised run of a PDF's passage that holds a number list (RAISED_LIST)."""
    if not scan.scripts:
        return
    raised = scan.masks()[0]
    text = scan.text
    offset = raised.find(1)
    while offset != -1:
        run_end = raised.find(0, offset)
        run_end = len(text) if run_end == -1 else run_end
        run = RAISED_LIST.fullmatch(text, offset, run_end)
        if run:
            yield run
        offset = raised.find(1, run_end)


def _shape_of(text: str, start: int) -> str:
    """The superscript shape a bare number at `start` would have: by the character before."""
    return SPACED if not start or text[start - 1].isspace() else GLUED


def _evidence_before(text: str, start: int, end: int) -> list[Evidence] | None:
    """Local evidence for a bare number list as a superscript of its shape, from the text
    before it; None: it is not one."""
    if not start or text[start - 1].isspace():  # `_shape_of`
        return _spaced_evidence(text, start, end)
    return _glued_evidence(text, start, end)


def _superscripts(scan: Scan, shape: str) -> Iterator[Candidate]:
    """The bare number lists of one superscript shape, with the crowd around them as evidence."""
    text, taken = scan.text, scan.taken
    for list_start, list_end, start, body, found, judged_shape in _judged_superscripts(scan):
        if judged_shape != shape or taken.find(1, list_start, list_end) >= 0:
            continue
        end = start + len(body)
        # "(m, 2 H), 7.76 (d, J = 5.2 Hz, 1 H)": numbers among many numbers are data
        crowd = len(NUMBER_RUN.findall(text, max(0, start - CROWD_WINDOW), start))
        crowd += len(NUMBER_RUN.findall(text, end, end + CROWD_WINDOW))
        if crowd > 1:
            found = [*found, evidence("crowd", crowd - 1)]
        if shape == SPACED:
            found = [*found, *_line_evidence(scan, start, end)]
        made = scan.candidate(start, end, body, SUPERSCRIPT, shape, found)
        if made:
            yield made


# "Okafor & Lindqvist-Berg" right before glued digits: two family names (a capital, then
# lower-case letters, hyphenated parts allowed) joined by "&" or "and"; not "Sox and Pax"+"6"
# (both names must have three letters or more after the capital: "KRAS", "Pax" do not)
FAMILY_NAME = r"[A-Z][a-zà-ÿ'’]{3,}(?:-[A-Za-zà-ÿ'’]+)*"
AUTHOR_PAIR_BEFORE = lazy(rf"\b{FAMILY_NAME}\s+(?:&|and)\s+{FAMILY_NAME}$")
# "According to Brennan" right before glued digits: a name the sentence says is an author's
AUTHOR_MENTION_BEFORE = lazy(
    rf"\b(?:[Aa]ccording\s+to|(?:shown|reported|described|proposed|found)\s+by)\s+{FAMILY_NAME}$"
)
# "A. Kowalska", "J.-F. Martinez", "C. D. Lindqvist": initials, then a capitalised family name
PERSONAL_NAME_BEFORE = lazy(r"(?:^|[\s,])(?:[A-Z]\.\s?-?)+\s?[A-Z][a-zà-ÿ'’-]+\s*$")
# "2. Methods", "3 Results", "4) Discussion": a number opening a short line, then a capital
HEADING_NUMBER = lazy(r"\d{1,2}(?:\.\d{1,2})*[.)]?\s+[A-Z]")
HEADING_WORDS = 8  # a numbered heading is short: "2.1 Patients and methods"


def _line_evidence(scan: Scan, start: int, end: int) -> list[Evidence]:
    """Evidence from the line a spaced number sits on: an author line's affiliation marks, a
    numbered heading's number."""
    text, found = scan.text, []
    if PERSONAL_NAME_BEFORE.search(text, max(0, start - 40), start):
        found.append(evidence("line:after-personal-name"))
    if start == 0 or scan.ends_line(start):
        # the line runs to the last character of its source line (`ends_line` after it)
        line_of, number, line_end = scan.passage.line_of, scan.line_number(start), start + 1
        while line_end < len(text) and line_of[line_end] == number:
            line_end += 1
        line = text[start:line_end]
        words = line.split()
        if (
            HEADING_NUMBER.match(line)
            and len(words) <= HEADING_WORDS
            and not line.rstrip().endswith((".", ",", ";"))
        ):
            found.append(evidence("line:heading-number"))
    return found


# A bare list that holds a superscript: the list's span, then the superscript's start, text,
# evidence and shape (the whole list, or its tail: "TAG70, 13 which")
JudgedList = tuple[int, int, int, str, list["Evidence"], str]


def _judged_superscripts(scan: Scan) -> list[JudgedList]:
    """The bare lists no earlier scanner took that hold a superscript, judged once for
    whichever shape scanner asks first (what is taken only grows, so the other skips the
    lists taken since)."""
    if scan._superscripts is None:
        text, judged, taken = scan.text, [], scan.taken
        for start, end in _all_bare_lists(scan):
            if taken.find(1, start, end) >= 0:
                continue  # `_bare_lists`, inline: this loop runs over every number
            found = _judge(scan, start, end)
            if found is not None:
                judged.append((start, end, *found, _shape_of(text, found[0])))
        scan._superscripts = judged
    return scan._superscripts


def _judge(scan: Scan, start: int, end: int) -> tuple[int, str, list[Evidence]] | None:
    """(start, text, evidence) of the superscript a bare number list holds, or None.

    When the whole list is no callout its tail may be one ("TAG70, 13 which": "70" belongs to
    a name, "13" is the callout).
    """
    text = scan.text
    # The evidence is what follows the list, then what comes before it. What follows is the
    # same for the list and its tail, so it is asked once: its cheapest part first (the
    # number goes on: "15%", "2.5"), then what comes before (a decimal's digits, a label's
    # number), which rules out most of the rest, then the words after.
    if _goes_on(text, end):
        return None
    body = text[start:end]
    before = _evidence_before(text, start, end)
    if before is None:
        comma = text.find(",", start, end)
        if comma <= 0:
            return None
        tail = BARE_LIST.match(text, comma + 1 + (text[comma + 1 : comma + 2] == " "))
        if not tail or tail.end(1) != end:
            return None
        start, body = tail.start(1), tail.group(1)
        before = _evidence_before(text, start, end)
        if before is None:
            return None
    # only a space after the list asks whether the line ends there
    line_end = text[end : end + 1].isspace() and scan.ends_line(end)
    after = _evidence_after(text, end, line_end)
    return None if after is None else (start, body, [after, *before])


# --- step 1: local evidence of a bare number ---------------------------------------------------


def _is_formula(token: str, following: str = "") -> bool:
    """ "MgCl 2", "CO 2", "Pd(OAc) 2", "CH 3 I", "Na 2 SO 4", "(Boc) 2 O": a subscript.

    The token before is made of element symbols (two or more), or one symbol followed by
    another formula part ("Na" + "SO", "H" + "O").
    """
    token = token.rsplit("]", 1)[-1].lstrip("([")
    following = following.rstrip(".,;:)")
    if token.endswith(")") and following and following in ELEMENTS:
        return True  # "(Boc) 2 O"
    token = token.replace("(", "").replace(")", "")  # "Pd(OAc)" → "PdOAc"
    if not token or not FORMULA.fullmatch(token):
        return False
    symbols = ELEMENT_TOKEN.findall(token)
    if not all(
        symbol in ELEMENTS or symbol in ("Et", "Me", "Ph", "Ac", "Bu", "Boc") for symbol in symbols
    ):
        return False
    if len(symbols) >= 2:
        return True
    if len(token) == 2 and token not in ("In", "As", "At", "Be", "He", "No"):
        return True  # "CH 2 Cl 2 ,": a two-letter symbol is no word
    parts = ELEMENT_TOKEN.findall(following) if FORMULA.fullmatch(following or "-") else []
    return bool(parts) and all(part in ELEMENTS for part in parts)


def _goes_on(text: str, end: int) -> bool:
    """Whether the number before `end` goes on: "2–4.2%", "9.8 months", "3rd", "5q", "2H",
    "37°C", "15%"; "1-(3-nitro", "5(", "1/2": part of a name or a formula."""
    following = text[end : end + 2]
    if not following:
        return False
    first = following[0]
    return first.isalnum() or first in NUMBER_GOES_ON or first in ".:" and following[1:2].isdigit()


def _evidence_after(text: str, end: int, at_line_end: bool = False) -> Evidence | None:
    """Evidence from what follows a bare number list; None when it cannot be a callout."""
    following = text[end : end + 2]
    if not following:
        return evidence("after:end-of-text")
    if at_line_end and following[0].isspace():
        # "4–6 weeks.25" + "2.1.2 Intradural": the next line is another matter, unless it
        # goes on with a unit: "In total, 52" + "markers were"
        word = _token_after(text, end)
        if word.lower() in UNIT_WORDS and word[:1].islower():
            return evidence("after:line-break-then-unit")
        return evidence("after:line-break")
    if _goes_on(text, end):
        return None
    first = following[0]
    if first in ",;:" and following[1:2].isspace() and text[end + 2 : end + 3] in OPENING_QUOTES:
        return evidence("after:label-then-quote")  # 'categories 3, "benign"; 4, "suspicious"'
    if first in '.,;:)]”"’':
        return evidence("after:punctuation")
    if not first.isspace():
        return evidence("after:symbol")
    word = _token_after(text, end)
    if not word:
        return evidence("after:space-then-nothing")
    head = word[0]
    bare = word.strip(".,;:()[]").lower()
    if head.isdigit() or head in "%°=<>±×x+/":  # "2 × 10 5 cells", "5 %"
        return None
    if head in ".,;:)]":  # "known causes 2 .", "alectinib 8,9 . Most"
        return evidence("after:spaced-punctuation")
    if word.rstrip(".,;:)") in CASED_UNITS or bare in MONTHS and head.isupper():
        return evidence("after:cased-unit-or-month")  # "NaOH, 2 M in ethanol", "400 MHz"
    if head == "(":
        return evidence("after:parenthesis")  # "protocol 18 (Supplementary Fig. 6)"
    if bare in UNIT_WORDS and not head.isupper():
        # "approximately 4 months"; but "kinase.1 Patients" starts a sentence
        return evidence("after:unit-word")
    element = word.split("-")[0].strip(".,;:])")
    formula = (
        element.isalpha()
        and _is_formula(element)
        and (
            len(element) == 2 or not element.isupper()  # "CO", "CH", "NaCl"; not "HIV", "PCR"
        )
    )
    if element in ISOTOPE_ELEMENTS or formula:
        # "1 H NMR", "13 C-labelled", "[ 11 C]", "11 CO 2": an isotope
        return evidence("after:isotope-or-formula")
    if bare in ENUMERATION_WORDS and NEXT_NUMBER.match(text, text.index(word, end) + len(word)):
        # "ports 3, 4 and 6 were", "5 or 6 times": labels or counts in prose
        return evidence("after:enumeration")
    if bare in WORDS_AFTER_CALLOUT:
        return evidence("after:function-word")
    if head.isupper():
        return evidence("after:capital")  # a new sentence after an unpunctuated callout, or a name
    if bare.endswith("ed") and len(bare) > 4:
        # "spectroscopy 12-14 proved", "Lindqvist et al. 48 discovered": a verb
        return evidence("after:verb")
    return evidence("after:content-word")  # more often a count ("52 markers")


def _spaced_evidence(text: str, start: int, end: int) -> list[Evidence] | None:
    """A number with a space before it: "breasts, 4 but", "known causes 2 ."; None: not one.
    (The evidence after the number, `_evidence_after`, goes before this.)"""
    found: list[Evidence] = []
    spaced_off = text[end : end + 2] in SPACED_OFF
    if spaced_off:
        # "known causes 2 .", "(Zykadia) 6 ,": an extracted superscript is a token of its
        # own, so the punctuation after it is spaced off too; a count rarely is
        found.append(evidence("spaced:punctuation-spaced-off"))
    token = _token_before(text, start)
    if not token:
        return [*found, evidence("spaced:at-start")]
    last = token[-1]
    if last.isdigit():  # a table's row of numbers, mostly
        year = token.strip(",;:")
        if len(year) == 4 and YEAR.fullmatch(year):
            return [*found, evidence("spaced:after-year")]  # "a UN census in 2016 3 , Hpy"
        if spaced_off and any(ch.isalpha() for ch in token):
            # "the loop K-112-118 3 .", "mutant R175H/Y220C 4 ,": a name with digits, then a
            # number spaced off like the punctuation after it
            return [*found, evidence("spaced:after-name-with-digits")]
        return None  # "2 × 10 5", "n = 54"
    if last in "=<>±×+/^~≤≥−-–—#$€£&@*":
        return None  # "n = 54", "(R)- 17"
    bare = token.strip(".,;:()[]").lower()
    if last in ".,;:":
        if bare in ABBREVIATED_LABELS and last == ".":
            return None  # "Fig. 2", "no. 3"; but "LDA model. 27 However" ends a sentence
        if bare in LABEL_WORDS and last == ":":
            return None  # "stage: 3"; but "dense tissue volume, 29 BMI" is a callout
        if last != "." and token[:-1].strip("([").replace(".", "").isdigit():
            return None  # "(0, 5, and 50 mM)", "[0, 1]": a number in a list of numbers
        if len(bare) == 1 and bare.isalpha() and last in ",;":
            return None  # "x i; 1", "for j, 2": an index after a variable, in math
        found.append(evidence("spaced:after-punctuation"))  # "volume. 6", "breasts, 4 but"
        if token == "al.":
            found.append(evidence("spaced:after-et-al"))  # "Okafor et al. 31 reported"
        elif last == ":":
            found.append(evidence("spaced:after-colon"))  # "NYHA classes: 3, …"
        elif any(ch.isdigit() for ch in token[:-1]):
            found.append(evidence("spaced:digits-before-punctuation"))
        return found
    if last in ")]”\"’'":
        if _is_formula(token, _token_after(text, end)):
            return None
        return [*found, evidence("spaced:after-closing-bracket")]  # "ceritinib (Zykadia) 6 ,"
    if bare in LABEL_WORDS and _counted_plural(text, start, token):
        pass  # "a total of 90 compounds 8 and": a count of a noun, then a callout
    elif bare in LABEL_WORDS or bare in MEASURE_UNITS or bare in LEADING_WORDS:
        return None  # "Phase 3", "(cm 3 )", "found that 41 had"; not "subjects 12,14-19 ."
    if bare in SOFT_LABEL_WORDS and not any(ch in ",–-" for ch in text[start:end]):
        # "patient 3" labels one; a list or range after the singular ("trial 19–22.",
        # "trial 18,25,26.") labels nothing: it is a callout after a word
        return [*found, evidence("spaced:after-soft-label")]
    if len(bare) == 1 and token[0].isupper():
        return None  # "sets B 1 ,…,B n": a subscript
    if _is_formula(token, _token_after(text, end)):
        return None  # "MgCl 2", "CO 2", "Na 2 SO 4"
    if token[-1].isalpha():
        return [*found, evidence("spaced:after-word")]  # "nodules 5 and"
    return None


def _counted_plural(text: str, start: int, token: str) -> bool:
    """Whether `token`, the word before a number at `start`, is a plural noun after a count:
    "90 compounds 8" counts compounds, so 8 is no compound's label ("compounds 1-5" is)."""
    if not token.endswith("s"):
        return False
    before = _token_before(text, text.rfind(token, 0, start))
    return before.isdigit()


def _glued_evidence(text: str, start: int, end: int) -> list[Evidence] | None:
    """A number glued to the word or mark before it: "mortality.1", "chemotherapy85"; None:
    not one. (The evidence after the number, `_evidence_after`, goes before this.)"""
    before = text[start - 1]
    if before.isalpha():
        # glued to a word: "chemotherapy85", "alone142,143"; not "ROS1", "PGE2", "CD44"
        # the run of letters before it, within 30 characters (rstrip reads it from the end; a
        # regex "[…]+$" would be tried at every position of the window)
        window = text[max(0, start - 30) : start]
        letters = window[len(window.rstrip(WORD_LETTERS)) :]
        # "Dunnett's17": the possessive "s" alone is enough
        possessive = letters == "s" and start >= 2 and text[start - 2] in "'’"
        if len(letters) < 2 and not possessive:
            return None
        named = (
            not before.islower()
            or any(ch.isupper() for ch in letters[1:])
            or letters[0].isupper()
            and end - start == 1
        )
        if named:
            # "ROS1", "mTOR1", "IgG2", "Sox2": mostly a gene symbol, not "chemotherapy85"; but
            # "as Okafor & Lindqvist7 argue", "the Acme PET7 scanner" cite after a name. A weak
            # candidate: only a listed number cited nowhere else takes it (`_cite_uncited`)
            if "," in text[start:end]:
                return None  # "TAG70, 13": the tail is tried on its own
            found = [evidence("glued:to-word"), evidence("glued:to-name")]
            if AUTHOR_PAIR_BEFORE.search(text, max(0, start - 60), start):
                found.append(evidence("glued:after-author-pair"))  # "Okafor & Lindqvist7"
            elif AUTHOR_MENTION_BEFORE.search(text, max(0, start - 60), start):
                found.append(evidence("glued:after-author-mention"))  # "According to Brennan1"
            return found
        if (
            len(letters) <= 2
            and text[start - len(letters) - 1 : start - len(letters)] in DASH_OR_SLASH
            and not any(mark in text[start:end] for mark in LIST_MARKS)
            and letters not in SHORT_COMPOUND_ENDS
            and not (letters in MEASURE_UNITS and text[start:end] not in UNIT_POWERS)
        ):
            # "anti-Ab2", "t1/2"; but "self-harm4" is a callout, and so is a list or a range
            # after such a word ("follow-up12, 13", "at 9 mg/kg1,2"), a number after a
            # compound's last word ("follow-up4") or after a unit that is no power ("mg/kg9")
            return None
        return [evidence("glued:to-word")]
    if before in '.,;:)”"’%':
        # glued after punctuation: "mortality.1", "5%,9", "(34%).35", "evidence”.19"
        ahead = text[max(0, start - 8) : start - 1]
        if not ahead or ahead[-1] in DECIMAL_LEADS:
            return None  # "p<.05", "−.24": decimals
        if ahead[-1].isspace():
            if before == "," and ahead.rstrip()[-1:].isdigit():
                return [evidence("glued:after-spaced-comma")]  # "quadros5 ,11 ,14"
            return None  # "r = .27": a decimal; ":3" alone on a line is debris
        if before == ")" and ahead[-1:].isdigit():
            # "(n = 112)3,4", "(95% CI 0.35–0.66)29": a bracketed aside in words, then the
            # callout; "(CH2)3", "Ca3(PO4)2" (no space inside) are formulas
            opening = text.rfind("(", max(0, start - 60), start - 1)
            if opening != -1 and " " in text[opening : start - 1]:
                return [evidence("glued:after-parenthesis")]
            return None
        if ahead[-1:].isdigit():
            # "9.8" is a decimal, "1,000" a thousand; "in 2013.87,88" and "E-Syt1.73" are not
            digits = NUMBER_TAIL.search(ahead)
            stem = digits.group(0) if digits else ""
            if before != ".":
                return None  # "1,000", "3:1", "(1;2)"
            if YEAR.search(stem):
                return [evidence("glued:after-year-stop")]
            if TWO_LETTERS.search(stem):  # "ROS1.113", not "R f B0.4"
                return [evidence("glued:after-name-stop")]
            return None
        return [evidence(GLUED_AFTER.get(before, "glued:after-other-mark"))]
    return None


GLUED_AFTER = {
    ".": "glued:after-full-stop",
    ",": "glued:after-comma",
    ";": "glued:after-semicolon",
    ":": "glued:after-colon",
    ")": "glued:after-parenthesis",
}


# --- step 1: the scanners in order, then evidence about the candidates they found --------------

# Ordered: an earlier scanner takes its text first ("[12]" is a bracket, never a bare "12").
SCANNERS: list[Callable[[Scan], Iterable[Candidate]]] = [
    scan_brackets,
    scan_parentheses,
    scan_reference_words,
    scan_table_cells,
    scan_raised_semicolon_lists,
    scan_glued_superscripts,
    scan_spaced_superscripts,
    scan_superscripts_glued_to_numbers,
    scan_raised_runs,
]


def weigh_compound_numbers(scan: Scan, candidates: list[Candidate]) -> list[Candidate]:
    """ "(R)-5", "compound 5": a document that names compounds by number makes a spaced "5"
    elsewhere ("the diol 7 was isolated") more likely the compound than a callout."""
    text = scan.text
    if ")-" not in text and "ompound" not in text:
        return candidates  # COMPOUND_LABEL's two shapes need one of these; most texts lack both
    # "(R)-" / "(rac)-" start two or four characters before ")-", "compound" one before "ompound"
    starts = sorted({*_before(text, ")-", 2, 4), *_before(text, "ompound", 1)})
    compounds = {
        number
        for match in _matches_at(COMPOUND_LABEL, text, starts)
        for number in expand_numbers(match.group(1) or match.group(2))
    }
    if not compounds:
        return candidates
    # "labelling chemistry 4-6 proved" where only compound 5 exists: a callout's range, not
    # a list of compounds ("the diols 7, 8 were", where both are compounds)
    return [
        c.weighed(evidence("compound-number"))
        if c.shape == SPACED and set(c.numbers) <= compounds
        else c
        for c in candidates
    ]


def weigh_typography(scan: Scan, candidates: list[Candidate]) -> list[Candidate]:
    """A PDF's superscript family of candidates, re-weighed by how their digits are printed.

    Raised digits: a callout, unless a power or a mark ("cm2", "10−3", "14C", "Ca2+"); lowered
    digits ("CO2", "Fe3O4"): never; digits at body size: no superscript (a table's
    reference-column cell and "Ref. 13" excepted), where the document raises any callout at
    all. Text files (no scripts) are left alone.
    """
    if scan.scripts is None:
        return candidates
    raised, lowered = scan.masks()
    text = scan.text
    # a document that raises none of its numbers prints its callouts at body size ("in 272
    # survivors overall 1,2. More recently"): there, body size says nothing, and the words
    # around a number judge it as in a text file
    raises_numbers = any(
        raised[c.digit] and not is_power_or_mark(text, c.start, c.end, lowered) for c in candidates
    )
    weighed = []
    for c in candidates:
        if c.family in (BRACKETED, PARENTHESISED) or c.shape == "cell" or c.family == "any":
            weighed.append(c)
            continue
        digits = [i for i in range(c.start, c.end) if text[i].isdigit()]
        if any(lowered[i] for i in digits):
            # "CO_{2}^{3}" flattens to "CO23": the lowered digits are the formula's; a raised
            # run right after them is a callout of its own
            tail = _raised_tail(scan, c, digits, raised, lowered)
            if tail is not None:
                weighed.append(tail.weighed(evidence("typography:raised")))
            continue
        if digits and all(raised[i] for i in digits):
            if not is_power_or_mark(text, c.start, c.end, lowered):
                overruled = ("typography:overrules-text", max(0.0, -c.score))
                weighed.append(
                    replace(c.weighed(overruled, evidence("typography:raised")), shape=GLUED)
                )
            continue
        weighed.append(c.weighed(evidence("typography:body-size")) if raises_numbers else c)
    return weighed


def _raised_tail(
    scan: Scan, c: Candidate, digits: list[int], raised: bytearray, lowered: bytearray
) -> Candidate | None:
    """The raised digits after a bare list's last lowered one, as a superscript candidate."""
    last_lowered = max(i for i in digits if lowered[i])
    tail = [i for i in digits if i > last_lowered]
    if not tail or tail[0] != last_lowered + 1 or not all(raised[i] for i in tail):
        return None
    text = scan.text
    made = scan.candidate(
        tail[0],
        c.end,
        text[tail[0] : c.end],
        SUPERSCRIPT,
        GLUED,
        [evidence("typography:raised-run")],
    )
    if made is None or is_power_or_mark(text, made.start, made.end, lowered):
        return None
    return made


def read_lone_numbers(scan: Scan, candidates: list[Candidate]) -> list[Candidate]:
    """ "approved in 20197 .", "on exon 1922 .": a superscript flattened onto a lone number
    reads as one longer number, and nothing in the token says where the callout starts. Each
    tail of up to three digits is a reading of its own, too weak to be a callout unless the
    document's order asks for exactly that number there (`_fill_order_gaps`). Text only: a
    PDF's typography marks the callout itself (`scan_raised_runs`)."""
    text = scan.text
    if scan.scripts:
        return candidates
    # "exon 1922" read whole by another scanner (a spaced "1922") may still hold a callout
    whole = {(c.start, c.end) for c in candidates if len(c.numbers) == 1}
    readings = []
    for match in LONE_NUMBER.finditer(text):
        start, end = match.span()
        # after a word, as `scan_superscripts_glued_to_numbers` reads its lists
        if not (text[start - 2 : start - 1].isalpha() and text[start - 1] == " "):
            continue
        if scan.overlaps(start, end) and (start, end) not in whole:
            continue
        following = text[end : end + 1]
        after = _evidence_after(text, end, following.isspace() and scan.ends_line(end))
        if after is None:
            continue
        token = match.group(0)
        year_lead = _token_before(text, start).lower() in YEAR_LEADS
        for cut in range(max(1, len(token) - 3), len(token)):
            if token[cut] == "0":
                continue
            found = [LONE_NUMBER_TAIL, after]
            if cut == 4 and year_lead and YEARS_CITED[0] <= int(token[:4]) <= YEARS_CITED[1]:
                found.append(AFTER_A_YEAR)  # "in 2016" + "3"
            made = scan.candidate(start + cut, end, token[cut:], SUPERSCRIPT, GLUED, found)
            if made:
                readings.append(made)
    if not readings:
        return candidates
    return sorted([*candidates, *readings], key=lambda candidate: candidate.start)


# "stage 3", "exon 19", "COVID-19": a word (or a name ending in a hyphen) and its number, with
# whatever list a flattened superscript glued on ("stage 320–23", "COVID-1916–18")
STEM_TOKEN = lazy(
    r"(?<![\w-])(?P<word>[A-Za-z]{3,} |[A-Z][A-Za-z]*-)(?P<digits>\d{1,6})"
    r"(?P<list>(?:[,–-]\d{1,3})*)(?![\w%]|[.,]\d)"
)
# what closes a callout's clause spaced off, as an extracted superscript leaves it: "… 317 ."
SPACED_CLOSE = frozenset({"after:spaced-punctuation"})


def read_known_stems(scan: Scan, candidates: list[Candidate]) -> list[Candidate]:
    """ "at stage 317 .", "in COVID-1925 .": a superscript flattened onto a number the text
    prints alone elsewhere ("at stage 3 (n = 112)", "COVID-19 patients"). That number is the
    word's; what runs on after it is a callout's, where its clause's punctuation is spaced
    off after it, as an extracted superscript leaves it ("day 14." is no "day 1" + "4").
    A lone number's readings (`read_lone_numbers`) of such a token give way to this one.
    Text only: a PDF's typography marks the callout itself."""
    text = scan.text
    if scan.scripts:
        return candidates
    tokens = []
    alone: dict[str, set[str]] = {}
    for token in STEM_TOKEN.finditer(text):
        end = token.end()
        after = _evidence_after(text, end, text[end : end + 1].isspace() and scan.ends_line(end))
        if after is not None and after[0] in SPACED_CLOSE:
            tokens.append((token, after))
        elif not token.group("list"):
            # printed alone: "COVID-19 patients", "at stage 3 (n = 30)", "exon 19."
            alone.setdefault(token.group("word").lower(), set()).add(token.group("digits"))
    found: list[Candidate] = []
    for token, after in tokens:
        word, digits = token.group("word").lower(), token.group("digits")
        if word.strip() in FUNCTION_WORDS:
            continue  # "in 2019", "of 100": a year or a count, not a stem's number
        stems = [s for s in alone.get(word, ()) if len(s) < len(digits) and digits.startswith(s)]
        if not stems:
            continue
        cut = token.start("digits") + len(max(stems, key=len))
        if text[cut] == "0":
            continue
        end = token.end()
        made = scan.candidate(cut, end, text[cut:end], SUPERSCRIPT, GLUED, [KNOWN_STEM, after])
        if made:
            found.append(made)
    if not found:
        return candidates
    spans = [(c.start, c.end) for c in found]
    # the token's other readings (a lone number's tails, "20–23" glued after a number) give way
    kept = [c for c in candidates if not any(c.start < e and c.end > s for s, e in spans)]
    return sorted([*kept, *found], key=lambda candidate: candidate.start)


# Evidence about the candidates that needs them all, or the whole passage, in order.
CANDIDATE_STEPS: list[Callable[[Scan, list[Candidate]], list[Candidate]]] = [
    weigh_compound_numbers,
    weigh_typography,
    read_lone_numbers,
    read_known_stems,
]


def find_candidates(
    passage: Passage,
    lines_by_number: Mapping[int, Line] | None = None,
    scripts: Mapping[int, Any] | None = None,
) -> list[Candidate]:
    """Every number list in the passage that could be a callout, in reading order."""
    scan = Scan(passage, lines_by_number or {}, scripts)
    candidates: list[Candidate] = []
    for scanner in SCANNERS:
        for candidate in scanner(scan):
            scan.take(candidate.start, candidate.end)
            candidates.append(candidate)
    candidates.sort(key=lambda candidate: candidate.start)
    for step in CANDIDATE_STEPS:
        candidates = step(scan, candidates)
    return candidates


# --- steps 2 and 3: style and order -----------------------------------------------------------


def choose_family(candidates: Sequence[Candidate]) -> str:
    """The family whose candidates best form an introduction chain (1, 2, 3, … in order)."""
    results = {}
    for family in (BRACKETED, PARENTHESISED, SUPERSCRIPT):
        members = [c for c in candidates if c.family == family and not c.floating]
        score, chain = _introductions(members, recitations=False)
        introduced = len({n for i in chain for n in members[i].numbers})
        # a lone sentence has no chain: the family with the most local evidence wins there
        support = sum(max(0.0, c.score) for c in members)
        results[family] = (introduced, score, support)
    return max(results, key=lambda family: results[family])


def decode(
    candidates: Sequence[Candidate],
    universe: tuple[int, int] | None = None,
    family: str | None = None,
) -> list[Candidate]:
    """The candidates that are callouts: the first-citation chain plus plausible re-citations.

    The document-level decisions, in order: the list bounds the numbers; the style (family,
    and for superscripts the shape in use); the chain of first citations; labels counting up;
    re-citations (with recency); counts among counts; listed numbers nothing else cites.
    """
    if not candidates:
        return []
    # a lone number's tails are read only to fill the order's gaps, once it is known
    readings = [c for c in candidates if c.evidence[:1] == (LONE_NUMBER_TAIL,)]
    if readings:
        candidates = [c for c in candidates if c.evidence[:1] != (LONE_NUMBER_TAIL,)]
    candidates = bound_by_list(candidates, universe)
    family = family or choose_family(candidates)
    members = [c for c in candidates if c.family == family or c.family == "any"]
    unused_shape = None
    if family == SUPERSCRIPT:
        shapes = _superscript_shapes(members)
        unused_shape = shapes[0] if shapes else None
        members = _weigh_superscript_shapes(members)
    ordered = [i for i, c in enumerate(members) if not c.floating]
    _, chain = _introductions([members[i] for i in ordered])
    in_chain = {ordered[i] for i in chain}
    labels = _label_runs(members, in_chain)
    unordered = _numbered_out_of_order(members, in_chain) and universe is not None
    accepted = _accept(members, in_chain, labels, universe, unordered)
    accepted = _drop_counts_among_counts(members, accepted, in_chain)
    if readings and family == SUPERSCRIPT and not unordered:
        accepted = _fill_order_gaps(readings, accepted, universe)
    if universe is not None and universe[0] < universe[1]:
        # the shape the document does not print ("34 were stored" where callouts are glued)
        # is a count, cited or not
        usable = [c for c in members if c.shape != unused_shape]
        label_ids = {id(members[index]) for index in labels}
        accepted = _cite_uncited(usable, accepted, label_ids, universe[0])
    return accepted


def _fill_order_gaps(
    readings: Sequence[Candidate], accepted: list[Candidate], universe: tuple[int, int] | None
) -> list[Candidate]:
    """Accepted callouts plus the lone numbers' tails (`read_lone_numbers`) that introduce the
    next number of the first-citation order where nothing else does.

    "approved in 20197 . … resistance8 ." after callouts up to 6: nothing introduces 7 before
    8 does, and "2019" + "7" introduces it right there. A count ("a cohort of 1523 .") is
    read so only when its tail is exactly that missing number. A year's tail after "in",
    "since", "by" … that closes its clause re-cites a number cited before ("seen in 20163 ,"),
    whatever the order: a year's digits never run on."""
    ordered = [c for c in accepted if not c.floating]
    # the largest number cited up to each ordered callout: the first callout to introduce a
    # number above m is the first whose running largest passes m (a bisection, not a walk)
    largest: list[int] = []
    for callout in ordered:
        largest.append(max(largest[-1] if largest else 0, *callout.numbers))
    starts = [c.start for c in accepted]
    added: list[Candidate] = []
    seen_max, position = 0, 0
    for reading in readings:
        while position < len(ordered) and ordered[position].start < reading.start:
            seen_max = max(seen_max, *ordered[position].numbers)
            position += 1
        wanted = seen_max + 1
        recited_after_a_year = (
            AFTER_A_YEAR in reading.evidence
            and reading.numbers[0] <= seen_max
            and any(name in CLAUSE_CLOSED for name, _ in reading.evidence)
        )
        if (reading.numbers != (wanted,) and not recited_after_a_year) or reading.floating:
            continue
        # not inside an accepted callout ("1922" read whole from a list that long), nor in a
        # token another of its readings was taken from
        before = bisect_left(starts, reading.end) - 1
        if before >= 0 and accepted[before].end > reading.start:
            continue
        if added and added[-1].end > reading.start:
            continue
        if recited_after_a_year:
            added.append(reading)  # "in 20163 ,": 3 cited before, re-cited after the year
            continue
        introducing = bisect_right(largest, seen_max)
        if introducing == len(ordered):
            fills = universe is not None and wanted <= universe[0]
        else:
            fills = min(n for n in ordered[introducing].numbers if n > seen_max) > wanted
        if fills:
            added.append(reading)
            seen_max = wanted
    if not added:
        return accepted
    return sorted([*accepted, *added], key=lambda candidate: candidate.start)


def bound_by_list(
    candidates: Sequence[Candidate], universe: tuple[int, int] | None
) -> list[Candidate]:
    """Numbers above the reference list's reach are dropped; a little above it, weighed down."""
    if universe is None:
        return [c for c in candidates if max(c.numbers) <= NO_LIST_LIMIT]
    listed, limit = universe
    return [
        c if max(c.numbers) <= listed else c.weighed(evidence("above-list"))
        for c in candidates
        if max(c.numbers) <= limit
    ]


def _accept(
    members: Sequence[Candidate],
    in_chain: set[int],
    labels: set[int],
    universe: tuple[int, int] | None,
    unordered: bool,
) -> list[Candidate]:
    """The chain's candidates, and the others whose evidence, order and recency make them
    callouts (re-citations, floating callouts of tables and captions, confident brackets)."""
    accepted: list[Candidate] = []
    seen_max = 0
    last_cited: dict[int, int] = {}  # number → offset of its latest accepted callout
    groups = _groups_then_one_by_one(members, in_chain)
    recorded = 0  # callouts accepted so far whose numbers are in last_cited
    for index, candidate in enumerate(members):
        if len(accepted) > recorded:  # the one accepted last time round
            last_cited.update(dict.fromkeys(accepted[-1].numbers, accepted[-1].end))
            recorded = len(accepted)
        if unordered:
            # numbered alphabetically (or by some other key): only local evidence and the
            # list's numbers decide
            if index not in labels and candidate.score + _recite_bias(candidate) > 0:
                accepted.append(candidate)
            continue
        if index in in_chain:
            accepted.append(candidate)
            seen_max = max(seen_max, *candidate.numbers)
        elif index in groups:
            accepted.append(candidate)
        elif index in labels:
            continue
        elif candidate.floating:
            # tables and captions float: their numbers need not follow the first-citation order;
            # a spaced number inside a table is data unless it is the reference column's cell
            if candidate.score > FLOATING_ACCEPT and not (
                candidate.shape == SPACED and candidate.in_table
            ):
                accepted.append(candidate)
        elif max(candidate.numbers) <= seen_max and (
            candidate.score + _recite_bias(candidate) + _recency(candidate, last_cited) > 0
        ):
            accepted.append(candidate)
        elif (
            universe is not None
            and max(candidate.numbers) <= universe[0]
            and _sure_ahead_of_its_turn(candidate)
        ):
            accepted.append(candidate)
    return accepted


def _sure_ahead_of_its_turn(candidate: Candidate) -> bool:
    """ "in the sediment core [77]" long before 70–76: a bracket holding numbers of the list
    is a callout even when it is cited ahead of its turn; so is a parenthesis holding a list
    of them ("in twin studies (5, 25)", in a list the order did not make out as sorted by
    author), where a lone "(25)" may be a count."""
    if candidate.family == BRACKETED:
        return candidate.score >= CONFIDENT_BRACKET
    return (
        candidate.family == PARENTHESISED
        and len(set(candidate.numbers)) > 1
        and candidate.score >= CONFIDENT
    )


def _groups_then_one_by_one(members: Sequence[Candidate], in_chain: set[int]) -> set[int]:
    """Indexes of group callouts whose numbers the chain then introduces one by one, in order.

    "Several trials (1, 2–3) … The first (1) … the second (2) … the third (3)": the chain
    prefers three introductions to one group and three re-citations, which would drop the
    group; a group holding exactly the next numbers, each introduced right after it, is a
    callout all the same (the counterpart of `_follows_group`). A number of the group that no
    introduction carries counts as discussed: "plates 5-9 … Okafor et al. 6, Nowak et al. 7,
    …" leaves 5 to the group alone.
    """
    chain = sorted(in_chain)
    introduced = {n for i in chain for n in members[i].numbers}
    # largest number the chain has introduced before each of its positions (linear, see #18)
    largest = [0]
    for i in chain:
        largest.append(max(largest[-1], *members[i].numbers))
    groups: set[int] = set()
    for index, candidate in enumerate(members):
        numbers = set(candidate.numbers)
        if index in in_chain or candidate.floating or len(numbers) < 2:
            continue
        position = bisect_right(chain, index)
        seen_max = largest[position]
        if min(numbers) != seen_max + 1:
            continue
        # the chain members after it, up to the one introducing its largest number, carry
        # only its numbers: "(1)", "(1, 2)", "(3)" after "(1, 2–3)"
        top, following = max(numbers), []
        for i in chain[position : position + len(numbers)]:
            following.append(members[i])
            if max(members[i].numbers) >= top:
                break
        carried = {n for c in following for n in c.numbers}
        if (
            following
            and max(following[-1].numbers) == top
            and carried <= numbers
            and not (numbers - carried) & introduced
        ):
            groups.add(index)
    return groups


def _drop_counts_among_counts(
    members: Sequence[Candidate], accepted: list[Candidate], in_chain: set[int]
) -> list[Candidate]:
    """Accepted callouts without spaced re-citations that sit among rejected spaced numbers.

    "missing values: 12 for income, 3 BMI, 9 age at onset": each number opens a clause like a
    callout closes one; when its neighbours are not callouts, neither is it. A spaced-off
    full stop or comma after it ("the assay 3 .") is a superscript's own mark and keeps it.
    """
    kept_ids = {id(c) for c in accepted}
    chain_ids = {id(members[index]) for index in in_chain}
    rejected = [c.start for c in members if c.shape == SPACED and id(c) not in kept_ids]
    if len(rejected) < COUNT_NEIGHBOURS:
        return accepted
    result = []
    for candidate in accepted:
        if (
            candidate.shape == SPACED
            and id(candidate) not in chain_ids
            and not candidate.spaced_off
        ):
            low = bisect_right(rejected, candidate.start - COUNT_WINDOW - 1)
            high = bisect_right(rejected, candidate.start + COUNT_WINDOW)
            if high - low >= COUNT_NEIGHBOURS:
                continue
        result.append(candidate)
    return result


def _cite_uncited(
    members: Sequence[Candidate], accepted: list[Candidate], label_ids: set[int], listed: int
) -> list[Candidate]:
    """Accepted callouts plus, for each listed number no callout carries, its best candidate.

    A complete reference list holds only works the text cites, so a number of the list that
    nothing cites is evidence for the weak candidates that carry it: "as Okafor & Lindqvist7
    argue" is rejected as a symbol ("Sox2") unless 7 is cited nowhere else.
    """
    cited = {n for c in accepted for n in c.numbers}
    skip = {id(c) for c in accepted} | label_ids
    best: dict[int, Candidate] = {}
    for candidate in members:
        if id(candidate) in skip or len(candidate.numbers) != 1:
            continue
        number = candidate.numbers[0]
        if (
            number in cited
            or number > listed
            or candidate.score + WEIGHTS["uncited-listed-number"] <= 0
        ):
            continue
        if number not in best or candidate.score > best[number].score:
            best[number] = candidate
    if not best:
        return accepted
    return sorted([*accepted, *best.values()], key=lambda c: c.start)


def _numbered_out_of_order(members: Sequence[Candidate], in_chain: set[int]) -> bool:
    """Whether the list is not numbered by first citation: many confident callouts would be
    rejected as out of order (a list sorted by author: "Nacional,19 … mortalidade.16")."""
    # a set: `index in confident` below ran once per member, quadratic on 50,000 callouts (#18)
    # a plain "(16)" counts: enclosed numbers carry their mark whatever their order
    confident = {
        index
        for index, c in enumerate(members)
        if (c.score >= CONFIDENT or c.shape == "enclosed" and c.score >= WEIGHTS["paren"])
        and not c.floating
        and c.shape != "refword"
    }
    if len(confident) < OUT_OF_ORDER_MINIMUM:
        return False
    # a list sorted by author cites each number first in no order: a number cited for the
    # first time is often below the one first cited before it ("Tanaka27", then "9", "4",
    # "5,15"). The chain takes the few that count up and leaves every later callout at or
    # below its largest, where the count below does not see it. One stray number (a "39"
    # that is a count) breaks the order of first citations once, not a third of the time
    seen: set[int] = set()
    previous, fresh, descents = 0, 0, 0
    for index in sorted(confident):
        for number in members[index].numbers:
            if number not in seen:
                fresh += 1
                descents += number < previous
                previous = number
                seen.add(number)
    if fresh >= OUT_OF_ORDER_MINIMUM and descents >= DESCENT_SHARE * fresh:
        return True
    seen_max, out_of_order = 0, 0
    for index, candidate in enumerate(members):
        if index in in_chain:
            seen_max = max(seen_max, *candidate.numbers)
        elif index in confident and max(candidate.numbers) > seen_max:
            out_of_order += 1
    return out_of_order > OUT_OF_ORDER_SHARE * len(confident)


def _recency(candidate: Candidate, last_cited: dict[int, int]) -> float:
    """Evidence for a re-citation from how recently one of its numbers was cited.

    Authors re-cite a work while they still discuss it: "… TB remains a killer by 2040 3 ."
    a few lines after "… WHO report 3 ," is a callout; the same "3" pages away is more often
    a count or a label.
    """
    if candidate.shape != SPACED:
        return 0.0  # a glued or enclosed number carries its own evidence
    recent = [
        last_cited[n]
        for n in candidate.numbers
        if n in last_cited and candidate.start - last_cited[n] <= RECENT_WINDOW
    ]
    return WEIGHTS["recite:recent"] if recent else 0.0


def _recite_bias(candidate: Candidate) -> float:
    return _recite_bias_of(candidate.shape)


def _recite_bias_of(shape: str) -> float:
    return WEIGHTS["recite"] + (WEIGHTS["recite:spaced"] if shape == SPACED else 0.0)


def _introductions(
    candidates: Sequence[Candidate], *, recitations: bool = True
) -> tuple[float, list[int]]:
    """Viterbi over "largest number cited so far": which candidates first cite their numbers,
    and the path's total gain. The one chain pass of the callouts: the style and the order.

    State m = the largest number introduced so far. At each candidate, from every state m:
    - its numbers are all <= m: a re-citation, accepted when its local evidence is good
      (gain max(0, score + bias)), state unchanged;
    - it introduces numbers above m, starting at m + 1 (or a few above, at a cost per number
      skipped): gain score + bonus, state → its largest number;
    - otherwise it is rejected (gain 0).
    The path of greatest total gain names the introductions; linear in candidates × states.

    Choosing the style (`choose_family`) asks for the bare chain, recitations=False: no credit
    for re-citations or for each further number, and any candidate may introduce numbers, so
    a family is judged by how far its callouts count up, not by how well they are re-cited.
    """
    if not candidates:
        return 0.0, []
    top = max(max(c.numbers) for c in candidates)
    chain_bonus, skipped_weight = WEIGHTS["chain:next-number"], WEIGHTS["chain:skipped-number"]
    further_number = WEIGHTS["chain:each-further-number"] if recitations else 0.0
    # the cost of skipping k numbers, k = 0 … MAX_GAP: the products the loop below would make
    skipping = [skipped_weight * k for k in range(MAX_GAP + 1)]
    minus_infinity = float("-inf")
    value = [minus_infinity] * (top + 1)
    value[0] = 0.0
    reach = 0  # the largest state reached so far: every state above it is still -inf
    # record[m]: list of (candidate index, previous state, previous record position)
    record: list[list[tuple[int, int, int]]] = [[] for _ in range(top + 1)]
    record[0].append((-1, -1, -1))
    # `_recite_bias` of the two shapes it tells apart, added once here
    spaced_bias, other_bias = _recite_bias_of(SPACED), _recite_bias_of(GLUED)
    for index, candidate in enumerate(candidates):
        numbers = (
            list(candidate.numbers)
            if len(candidate.numbers) == 1
            else sorted(set(candidate.numbers))
        )
        high = numbers[-1]
        best, best_from = minus_infinity, -1
        # only a candidate with some local evidence may introduce numbers: "c-ros oncogene 1
        # (ROS1)" in an abstract must not start the chain before the first real callout
        evidence = candidate.score > 0 or not recitations
        lowest = max(0, numbers[0] - 1 - MAX_GAP) if evidence else high
        # the loop below runs for every state a candidate may start from: what does not
        # depend on the state is worked out once (the sums are the same, in the same order)
        base = candidate.score + chain_bonus
        if len(numbers) == 1 and lowest < high:
            # most callouts: one number, new over every state below it, none of which skips
            # more than MAX_GAP; the first best state is the one the loop below would pick
            new = base + further_number * min(0, NEW_NUMBER_BONUS_CAP)
            # from state m, high - m - 1 numbers are skipped: counting down to 0 at high - 1
            totals = [
                start + (new + cost)
                for start, cost in zip(
                    value[lowest:high], skipping[high - lowest - 1 :: -1], strict=True
                )
            ]
            best = max(totals)
            if best != minus_infinity:
                best_from = lowest + totals.index(best)
            lowest = high  # done
        for m in range(lowest, high):
            before = value[m]
            if before == minus_infinity:
                continue
            above = len(numbers) - bisect_right(numbers, m)
            skipped = high - m - above
            if skipped > MAX_GAP:
                continue
            gain = (
                base
                + further_number * min(above - 1, NEW_NUMBER_BONUS_CAP)
                + skipped_weight * skipped
            )
            if before + gain > best:
                best, best_from = before + gain, m
        if recitations:
            recite = candidate.score + (spaced_bias if candidate.shape == SPACED else other_bias)
        else:
            recite = 0.0
        if recite > 0 and high <= reach:
            # every state at or above its largest number may re-cite it; those above `reach`
            # are unreachable (-inf) and stay so
            value[high : reach + 1] = [v + recite for v in value[high : reach + 1]]
        if best_from >= 0 and best > value[high]:
            value[high] = best
            record[high].append((index, best_from, len(record[best_from]) - 1))
            if high > reach:
                reach = high
    state = max(range(top + 1), key=value.__getitem__)
    total = value[state]
    position = len(record[state]) - 1
    chain: list[int] = []
    while state > 0:
        index, state, position = record[state][position]
        chain.append(index)
    chain.reverse()
    return total, chain


def _label_runs(members: Sequence[Candidate], in_chain: set[int]) -> set[int]:
    """Indexes of single numbers counting up k, k+1, k+2 … close together, outside the chain.

    Affiliation marks, list items and figure panels count up like that; a re-citation of old
    numbers in that exact order, one marker each, is rare.
    """
    labels: set[int] = set()
    run: list[int] = []
    for index, candidate in enumerate(members):
        if index in in_chain or len(candidate.numbers) != 1:
            continue
        if candidate.shape not in (SPACED, "enclosed") or candidate.family == BRACKETED:
            continue  # "[13] … [14] , [15]" and "cells.13 … .14" are callouts all the same
        if run:
            previous = members[run[-1]]
            if (
                candidate.numbers[0] == previous.numbers[0] + 1
                and candidate.start - previous.end <= LABEL_WINDOW
            ):
                run.append(index)
                continue
            if _is_label_run(members, in_chain, run):
                labels.update(run)
        run = [index]
    if _is_label_run(members, in_chain, run):
        labels.update(run)
    return labels


def _is_label_run(members: Sequence[Candidate], in_chain: set[int], run: list[int]) -> bool:
    """Long enough to be labels, and read as neither a discussion of works just cited nor
    sentences each closed by its callout ("… brain (13). … reduced (14). … trial (15).")."""
    return (
        len(run) >= LABEL_RUN
        and not all(_closes_clause(members[index]) for index in run)
        and not _follows_group(members, in_chain, run)
    )


def _closes_clause(candidate: Candidate) -> bool:
    return any(name == "enclosed:closes-clause" for name, _ in candidate.evidence)


def _follows_group(members: Sequence[Candidate], in_chain: set[int], run: list[int]) -> bool:
    """True when the run re-cites, one by one, works the chain has just cited.

    "Several trials (4–10) … The first (8) … the second (9) … the third (10)": one recent
    group cited them all. "kinase (1) … again (1) … (2, 3) … (2) … (3)": each number was cited
    by the callout just before the run or by one between its members. Either way a discussion
    of works one by one counts up like a list of labels; affiliation marks "1 … 2 … 3" after
    callouts up to 5 do not follow what was cited last.
    """
    since = members[run[0]].start - GROUP_WINDOW
    before = [i for i in range(run[0]) if i in in_chain and members[i].start >= since]
    numbers = {members[index].numbers[0] for index in run}
    if any(numbers <= set(members[index].numbers) for index in before):
        return True
    cited = set(members[before[-1]].numbers) if before else set()
    in_run = set(run)
    for index in range(run[0], run[-1] + 1):
        if index in in_run:
            if members[index].numbers[0] not in cited:
                return False
        elif index in in_chain:
            cited.update(members[index].numbers)
    return True


def _superscript_shapes(candidates: Sequence[Candidate]) -> tuple[str, str] | None:
    """(weak, strong): the superscript shape a document does not use and the one it does."""
    glued = sum(1 for c in candidates if c.shape == GLUED and c.score > SHAPE_EVIDENCE)
    spaced = sum(1 for c in candidates if c.shape == SPACED and c.score > SHAPE_EVIDENCE)
    if glued > SHAPE_MAJORITY * spaced:
        return SPACED, GLUED
    if spaced > SHAPE_MAJORITY * glued:
        return GLUED, SPACED
    return None


def _list_closing_clause(candidate: Candidate) -> bool:
    """A list or range with punctuation glued after it ("brain 29–31.", "trial 18,25,26."),
    which an extraction spaced off the word before (a justified line's superscript)."""
    return len(candidate.numbers) > 1 and any(
        name == "after:punctuation" for name, _ in candidate.evidence
    )


def _weigh_superscript_shapes(candidates: list[Candidate]) -> list[Candidate]:
    """Glued ("mortality.1") or spaced ("breasts, 4 but") superscripts: trust the one in use.

    A document prints its superscripts one way; the other shape is then mostly noise
    ("approximately 4 months" in a document whose callouts are glued).
    """
    shapes = _superscript_shapes(candidates)
    if shapes is None:
        return candidates
    weak, strong = shapes
    # a spaced number re-cited needs more evidence ("recite:spaced") unless the document
    # prints all its callouts spaced ("imaging 6 to resolve")
    lifted = strong == SPACED
    return [
        c.weighed(evidence("shape:unused-list-closing-clause"))
        if c.shape == weak == SPACED and _list_closing_clause(c)
        else c.weighed(evidence("shape:unused"))
        if c.shape == weak
        else c.weighed(evidence("shape:all-spaced"))
        if c.shape == strong and lifted
        else c
        for c in candidates
    ]


# --- the public API ----------------------------------------------------------------------------


def _to_marker(candidate: Candidate, passage: Passage | None) -> Marker:
    # "Ref. 13" (family "any") is printed inline like a superscript's number
    style = candidate.family if candidate.family in (BRACKETED, PARENTHESISED) else SUPERSCRIPT
    return Marker(
        line=passage.line_at(candidate.digit) if passage else 0,
        text=candidate.text,
        numbers=candidate.numbers,
        start=candidate.start,
        end=candidate.end,
        style=style,
    )


def find_markers(
    text: str, passage: Passage | None = None, universe: tuple[int, int] | None = None
) -> list[Marker]:
    """Callouts in `text` (a sentence or a whole passage), in order of position."""
    passage_for_lines = passage or Passage(text=text, line_of=tuple([0] * len(text)))
    candidates = find_candidates(passage_for_lines)
    if passage is None:
        # a lone string has no document order to lean on: local evidence alone decides
        family = choose_family(candidates) if candidates else SUPERSCRIPT
        kept = [
            c
            for c in candidates
            if max(c.numbers) <= NO_LIST_LIMIT
            and (c.family in (family, "any") or c.shape == "enclosed" and c.score > LONE_ACCEPT)
            and c.score > LONE_ACCEPT
        ]
        return [_to_marker(c, None) for c in kept]
    return [_to_marker(c, passage) for c in decode(candidates, universe)]


def body_passage(lines: Sequence[Line], references: Sequence[RefEntry]) -> Passage:
    """The running text that carries citations: body, heading, caption and table lines
    outside the reference list.

    Marker offsets (`start`, `end`) are offsets into this passage; claims splits the same one
    (`ingest.parse_lines` makes it once and hands it to both).
    """
    in_list = {n for ref in references for n in range(ref.line, (ref.line_end or ref.line) + 1)}
    return stitch(
        line for line in lines if line.kind in CALLOUT_KINDS and line.number not in in_list
    )


def reference_universe(references: Sequence[RefEntry]) -> tuple[int, int] | None:
    """(listed, limit): numbers up to `listed` have an entry; a callout may carry up to `limit`.

    Numbers a little above a complete list cost evidence (the list parse may have missed its
    tail); above a truncated list they are expected: the seed's list runs 100–133 while the
    body cites up to 146.
    """
    if not references:
        return None
    numbers = [ref.number for ref in references]
    top = max(numbers)
    limit = top + max(15, top // 5)
    truncated = min(numbers) > 1 or any(ref.partial for ref in references[-1:])
    return (limit if truncated else top), limit


def find_citations(
    lines: Sequence[Line],
    references: Sequence[RefEntry],
    scripts: Mapping[int, Any] | None = None,
    *,
    passage: Passage | None = None,
) -> tuple[list[Marker], list[Problem]]:
    """Lines of a document → its citation markers, using the reference list as evidence.

    `scripts` is the reader's typography per line (a PDF's raised and lowered runs), None for
    text; `passage` is `body_passage(lines, references)` when the caller already made it.
    """
    if passage is None:
        passage = body_passage(lines, references)
    by_number = {line.number: line for line in lines}
    candidates = find_candidates(passage, by_number, scripts)
    universe = reference_universe(references)
    markers = [_to_marker(c, passage) for c in decode(candidates, universe)]
    problems: list[Problem] = []
    if references:
        listed = {ref.number for ref in references}
        first, last = min(listed), max(listed)
        cited = {n for marker in markers for n in marker.numbers}
        # a cited number inside the list's range but without an entry: a gap in the list
        for number in sorted(cited - listed):
            if first <= number <= last:
                problems.append(
                    Problem(None, "citations", f"number {number} is cited but has no entry")
                )
    return markers, problems
