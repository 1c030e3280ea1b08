"""Pathological texts: each parses in time proportional to its size (issue 18).

A regex that tries every start position of a long run, or a list used for membership inside a loop,
turns a 200 KB file into minutes. These texts are small versions (about 20 KB) of the ones that did:
at this size the quadratic passes took 5 to 20 s of CPU, so the budget below (a fixed start-up
allowance plus a generous cost per character) tells linear from quadratic without being a tight
timing. CPU time, not wall time, so a busy machine does not fail it.
"""

from __future__ import annotations

import random
import re
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reflink.ingest import parse_document

REFERENCES = """

References

1 A. B. Smith and C. Jones, Lancet Oncol., 2014, 15, 1119–1128.
2 D. Okafor, J. Clin. Oncol., 2016, 34, 12–19.
"""

# start-up (the word-frequency table loads on first use) plus 50 µs of CPU per character: the
# linear passes take 5–25 µs per character, the quadratic ones took 300 µs and more at 20 KB
START_UP_S = 2.0
PER_CHARACTER_S = 50e-6


def budget(text: str) -> float:
    return START_UP_S + PER_CHARACTER_S * len(text)


def cpu_seconds_to_parse(text: str) -> float:
    started = time.process_time()
    parse_document(text)
    return time.process_time() - started


def from_alphabet(alphabet: str, size: int, seed: int = 18) -> str:
    rng = random.Random(seed)
    return "".join(rng.choice(alphabet) for _ in range(size))


CONTROL = "".join(chr(c) for c in range(32) if chr(c) not in "\n\r")

# the texts of issue 18, at a twentieth of the size that hung
PATHOLOGICAL = {
    "digits": lambda size: from_alphabet("0123456789", size),
    "digits-and-commas": lambda size: from_alphabet("0123456789,,", size),
    "word1-superscript-like": lambda size: "word1 " * (size // 6),
    "dna-letters": lambda size: from_alphabet("ACGT", size),
    "control-characters": lambda size: from_alphabet(CONTROL, size),
    # the membership test is quadratic in callouts, not characters: 30,000 of them
    "bracket-callouts": lambda size: "[1]" * 30_000,
    "bracket-callouts-in-prose": lambda size: "Smith found it [1]. " * (size // 20),
    "hyphen-ended-lines-of-digits": lambda size: (
        (from_alphabet("0123456789", 2000) + "-\n") * (size // 2001)
    ),
    "at-signs-without-blanks": lambda size: from_alphabet("a@.", size),
}


@pytest.mark.parametrize("make", PATHOLOGICAL.values(), ids=PATHOLOGICAL.keys())
def test_pathological_text_parses_in_linear_time(make) -> None:
    text = make(20_000) + REFERENCES
    parse_document(text[:2000])  # pay the one-off start-up outside the measurement
    assert cpu_seconds_to_parse(text) <= budget(text)


# Units a quadratic pass feeds on: long runs without a blank, one token repeated, a callout
# repeated, characters that are neither text nor space.
UNITS = st.sampled_from(
    ["0", "9,", "A", "ACGT", "\x01", "word1 ", "[1]", "(1)", "1,2,", "1–", "-", "@", ".", "a."]
)


@st.composite
def pathological_texts(draw) -> str:
    units = draw(st.lists(UNITS, min_size=1, max_size=3))
    size = draw(st.integers(2_000, 12_000))
    seed = draw(st.integers(0, 2**16))
    rng = random.Random(seed)
    pieces, length = [], 0
    while length < size:
        unit = rng.choice(units)
        repeat = rng.choice([1, 10, 500])
        pieces.append(unit * repeat)
        length += len(unit) * repeat
        if rng.random() < 0.02:
            pieces.append("\n")
    return "".join(pieces)[:size] + REFERENCES


@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(pathological_texts())
def test_generated_pathological_texts_stay_within_a_size_proportional_budget(text: str) -> None:
    parse_document("warm up [1].\n" + REFERENCES)
    assert cpu_seconds_to_parse(text) <= budget(text)


# --- patterns that match one string in exponentially many ways ---------------------------------

# Pieces a pattern may read in two ways ("A. " spaced by either of two optional blanks,
# "Ab-" split at its hyphen or not), and ends that make the match fail after them
PIECES = [
    " ",
    "a",
    "A",
    "1",
    "A-",
    "Ab-",
    "-A",
    "A.",
    "A. ",
    "Ab ",
    "ab ",
    "1,",
    "1, ",
    "1-",
    "1–",
    "(A",
    "A1",
    ".",
    ",",
    "\n",
    " \n",
    "a.",
    "Ab, ",
    "Ab,",
    "A.-",
    "'A",
    "a-",
    "1 ",
    "1.",
    "[1]",
    "(1)",
    ", ",
    "; ",
    "Ab. ",
    "AB ",
    "and ",
    "é",
    "É.",
    "12 ",
    "et ",
    "–",
    " ,",
]
ENDS = ["!", "", "a", "1", "Zz9!", ".", "\n"]


def reflink_patterns() -> dict[str, re.Pattern[str]]:
    """Every text pattern reflink's modules define, by module and name."""
    import importlib
    import pkgutil

    import reflink
    from reflink.lazyre import LazyPattern

    found = {}
    for info in pkgutil.walk_packages(reflink.__path__, prefix="reflink."):
        try:
            module = importlib.import_module(info.name)
        except ImportError:  # an optional extra's module
            continue
        for name, value in vars(module).items():
            if isinstance(value, LazyPattern):
                found[f"{info.name}.{name}"] = re.compile(value._source, value._flags)
            elif isinstance(value, re.Pattern) and isinstance(value.pattern, str):
                found[f"{info.name}.{name}"] = value
    return found


def fastest_search(pattern: re.Pattern[str], text: str) -> float:
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        pattern.search(text)
        best = min(best, time.perf_counter() - started)
    return best


def test_no_pattern_takes_exponential_time_on_repeated_pieces() -> None:
    # The growth, not a time: from 12 pieces to 20, a pattern linear in its input takes under
    # twice as long and a quadratic one three times; one that tries 2^n readings takes 256
    # times as long (and at 40 pieces, longer than the suite). A busy machine slows both sizes.
    patterns = reflink_patterns()
    assert len(patterns) > 150
    exponential = []
    for name, pattern in patterns.items():
        for piece in PIECES:
            for end in ENDS:
                short = fastest_search(pattern, piece * 12 + end)
                long = fastest_search(pattern, piece * 20 + end)
                if long > 2e-3 and long > 40 * max(short, 1e-6):
                    exponential.append((name, piece, end))
    assert not exponential
