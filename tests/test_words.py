"""One list of function words, read alike by the reference parser, the matcher and the headings."""

from __future__ import annotations

import pytest

from reflink.matching import abbreviates
from reflink.references import looks_like_group, looks_like_journal
from reflink.words import FOREIGN_FUNCTION_WORDS, FUNCTION_WORDS


@pytest.mark.parametrize(
    ("short", "full"),
    [
        pytest.param("J. Fake Res.", "Journal of Fake Research", id="english"),
        pytest.param("Rev. Soc. Fake", "Revista de la Sociedad Fake", id="spanish-particles"),
        pytest.param("Bull. Soc. Fake Fr.", "Bulletin de la Société Fake de France", id="french"),
    ],
)
def test_a_journal_abbreviation_skips_the_function_words(short: str, full: str) -> None:
    assert abbreviates(short, full)


@pytest.mark.parametrize(
    "name",
    [
        pytest.param("Revista de la Sociedad Fake", id="spanish"),
        pytest.param("Journal of Fake Research and Practice", id="english"),
    ],
)
def test_a_journal_name_may_hold_function_words(name: str) -> None:
    assert looks_like_journal(name)


def test_an_organisation_name_may_hold_function_words() -> None:
    assert looks_like_group("Ministry of Health and Fakes")


def test_the_lists_do_not_overlap() -> None:
    # "de" is not English, "the" is not foreign: each list says which language it serves
    assert not FUNCTION_WORDS & FOREIGN_FUNCTION_WORDS
