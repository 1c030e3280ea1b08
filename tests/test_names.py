"""Names in one place: what the reference parser reads as a name, the writers split alike."""

from __future__ import annotations

import pytest

from reflink.names import bibtex_name, is_any_name, is_person, repair_name


@pytest.mark.parametrize(
    ("printed", "family_first"),
    [
        pytest.param("S. M. Okafor", "Okafor, S. M.", id="initials-first"),
        pytest.param("Okafor SM", "Okafor, S. M.", id="vancouver"),
        pytest.param("Okafor, S. M.", "Okafor, S. M.", id="family-comma-initials"),
        pytest.param("van der Berg J", "van der Berg, J.", id="particles"),
        pytest.param("J.-F. Martinez", "Martinez, J.-F.", id="hyphenated-initials"),
        # an initial can be an accented capital, in every printed order
        pytest.param("Ö. Çelikkaya", "Çelikkaya, Ö.", id="accented-initial-first"),
        pytest.param("Çelikkaya Ö", "Çelikkaya, Ö.", id="accented-vancouver-initial"),
        pytest.param("Şahinoğlu, Ö. Ç.", "Şahinoğlu, Ö. Ç.", id="accented-family-comma-initials"),
        pytest.param("Łukaszewicz, Ż.", "Łukaszewicz, Ż.", id="family-name-beyond-latin-1"),
        # CSL styles that demote the particle print it after the initials
        pytest.param("Berg, E. van der", "van der Berg, E.", id="particle-after-initials"),
        pytest.param("Berg E van der", "van der Berg, E.", id="vancouver-particle-after-initials"),
        pytest.param("Souza M-L de", "de Souza, M.-L.", id="vancouver-particle-after-hyphenated"),
        # GOST: family name, then initials with full stops
        pytest.param("Moreau J.-P.", "Moreau, J.-P.", id="gost-hyphenated-initials"),
        pytest.param("Arnim M.-L. von", "von Arnim, M.-L.", id="gost-particle-after-initials"),
        pytest.param("Иванов И.И.", "Иванов, И. И.", id="gost-cyrillic"),
        # Hungarian journals: family name, then initials with full stops and spaces
        pytest.param("Ødegaard O. G.", "Ødegaard, O. G.", id="family-spaced-dotted-initials"),
    ],
)
def test_a_name_the_parser_reads_is_split_by_the_writers(printed: str, family_first: str) -> None:
    assert is_any_name(printed)
    assert bibtex_name(printed) == family_first


def test_only_initials_first_is_a_person_in_rsc_lists() -> None:
    assert is_person("S. M. Okafor") and not is_person("Okafor SM")


def test_a_lost_space_after_an_initial_is_repaired() -> None:
    assert repair_name("P. N.Lindqvist") == "P. N. Lindqvist"


def test_family_then_dotted_initials_is_a_name_but_a_journal_is_not() -> None:
    # "Sousa L.F.O., Lima S.O. (2023) Title…": old PLOS lists printed from some sources
    assert is_any_name("Okafor S.M.") and is_any_name("Okafor S.M") and is_any_name("Abara K.")
    assert is_any_name("Araújo T.É.") and is_any_name("Šimić Ž.")
    assert not is_any_name("Proc Natl Acad Sci U.S.A.")
    assert not is_any_name("Fake Res.")


# Name patterns that could match one string in many ways ("A. B." spaced by either of two
# optional blanks, "Moro-Sibilot" split at its hyphen or not) took 2^n tries to reject a string
# of n such pieces: at n = 40 below, longer than a run of the suite. Each piece now has one
# reading, so these answer at once.
def test_a_long_run_of_initials_that_is_no_name_is_rejected() -> None:
    assert not is_person("A. " * 40 + "Okafor!")
    assert is_person("A. " * 40 + "Okafor")
    assert (
        is_person("J.-F. Martinez") and is_person("J. -F. Martinez") and is_person("A.  B. Okafor")
    )


def test_a_long_hyphenated_family_name_is_split_once() -> None:
    assert not is_person("A. " + "Moro-Sibilot " * 40 + "!")
    family = "Ab-" * 40 + "Cd"
    assert bibtex_name(family + ", A. B.") == family + ", A. B."
    assert bibtex_name(family + " AB") == family + ", A. B."
    assert bibtex_name(family + ", A. B. !") == family + ", A. B. !"  # no pattern: kept whole
    assert bibtex_name("Moro-Sibilot, A.") == "Moro-Sibilot, A."
    assert bibtex_name("A. B. O'Brien-Okafor") == "O'Brien-Okafor, A. B."
