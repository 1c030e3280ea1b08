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
