"""The learned reference field parser: styles no rule knows, the rules-or-model decision, the
problems row when nobody can read an entry, and the training code on invented data.

Every entry here is invented (names, titles, journals, DOIs on the 10.5555 example prefix).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reflink import fieldmodel, fieldtrain
from reflink.fieldmodel import split_model_authors, tokenize
from reflink.models import Line
from reflink.references import parse_entry_text, parse_references


def lines_of(text: str) -> list[Line]:
    return [Line(n, raw, raw) for n, raw in enumerate(text.split("\n"), start=1)]


def fields(entry) -> tuple:
    return (entry.authors, entry.title, entry.journal, entry.year, entry.volume, entry.pages)


# --- styles the rules do not know ------------------------------------------------------------


def test_frontiers_entry_gets_authors_title_journal_year_volume_pages() -> None:
    # the issue's shape: "Journal (year) volume(issue):pages. doi: …". No rule read it and the
    # model did; the rule for a year in brackets before volume and pages reads it now
    entry = parse_entry_text(
        "Ortega L, Chen W, Abara N, Müller K. Retinoid signalling in mucosal immunity. "
        "Front Immunol (2019) 10(3):1432-9. doi: 10.5555/example.1432"
    )
    assert fields(entry) == (
        ("Ortega L", "Chen W", "Abara N", "Müller K"),
        "Retinoid signalling in mucosal immunity",
        "Front Immunol",
        2019,
        "10",
        "1432-1439",
    )
    assert entry.doi == "10.5555/example.1432"
    assert entry.model_confidence is None  # a rule read it


def test_chicago_author_date_entry_keeps_inverted_first_author_whole() -> None:
    entry = parse_entry_text(
        "Hartmann, Petra, and Tomi Oyelaran. 2018. “Coastal Erosion and the Limits of "
        "Planning.” Journal of Invented Geography 44 (2): 101–18."
    )
    assert fields(entry) == (
        ("Hartmann, Petra", "Tomi Oyelaran"),
        "Coastal Erosion and the Limits of Planning",
        "Journal of Invented Geography",
        2018,
        "44",
        "101–118",
    )
    assert entry.model_confidence is not None  # no rule reads Chicago's shape: the model did


def test_acl_proceedings_entry_gets_its_proceedings_as_container() -> None:
    entry = parse_entry_text(
        "P. Hartmann and T. Oyelaran. Coastal erosion and the limits of planning. In "
        "Proceedings of the Invented Conference on Shores, pages 101–118, 2018."
    )
    assert fields(entry) == (
        ("P. Hartmann", "T. Oyelaran"),
        "Coastal erosion and the limits of planning",
        "Proceedings of the Invented Conference on Shores",
        2018,
        None,
        "101–118",
    )


def test_bmc_like_entry_with_capitals_and_a_colon_after_the_names() -> None:
    entry = parse_entry_text(
        "HARTMANN P, OYELARAN T: Coastal erosion and the limits of planning. "
        "J Invent Geogr 2018, 44:101-118."
    )
    assert fields(entry) == (
        ("HARTMANN P", "OYELARAN T"),
        "Coastal erosion and the limits of planning",
        "J Invent Geogr",
        2018,
        "44",
        "101-118",
    )


def test_harvard_entry_with_single_quoted_title() -> None:
    entry = parse_entry_text(
        "Hartmann, P., Oyelaran, T. and Quist, R. (2018) 'Coastal erosion and the limits of "
        "planning', Journal of Invented Geography, 44(2), pp. 101-118."
    )
    assert fields(entry) == (
        ("Hartmann, P.", "Oyelaran, T.", "Quist, R."),
        "Coastal erosion and the limits of planning",
        "Journal of Invented Geography",
        2018,
        "44",
        "101-118",
    )


def test_physics_entry_is_volume_then_page_not_elseviers_volume_then_year() -> None:
    # "Phys. Rev. Lett. 13, 508 (1964)": the Elsevier rule once took 508 for the volume
    entry = parse_entry_text("P. W. Hartmann, Phys. Rev. Lett. 13, 508 (1964).")
    assert (entry.authors, entry.year, entry.volume, entry.pages) == (
        ("P. W. Hartmann",),
        1964,
        "13",
        "508",
    )
    assert entry.title is None  # the style prints none; no guess fills it


def test_a_country_in_capitals_ends_the_journals_name() -> None:
    """ "Proc Natl Acad Sci USA 104: e228": the model read "USA" as a publisher's place and
    the journal lost it (seven probe entries); between a journal and its volume, a country in
    capitals is the journal's. A book's "London: Fake Press" keeps its place."""
    entry = parse_entry_text(
        "Lefèvre W., Z. Byrne, W. Russo, et al. 1995. Refractory objective response in phase "
        "III trials. Proc Natl Acad Sci USA 104: e228."
    )
    assert (entry.journal, entry.volume, entry.pages) == ("Proc Natl Acad Sci USA", "104", "e228")
    spans = fieldmodel.read_fields("Okafor A. Invented book. London: Fake Press; 2001.").spans
    assert spans.get("location") == ["London"] and "journal" not in spans


def test_a_chapters_second_title_after_its_editors_is_its_book() -> None:
    """The model reads a chapter's book as a second title, its editors between the two; the
    book was dropped (reflink_fields took the first title and no journal)."""
    read = fieldmodel.reflink_fields(
        fieldmodel.read_fields(
            "Okafor A, Lind C. Invented oxides in pouch cells. In: Moreau M, Chen G, eds. "
            "Introduction to Invented Chemistry. Stuttgart: Thieme; 2008. p. 599–627."
        )
    )
    assert (read.title, read.journal) == (
        "Invented oxides in pouch cells",
        "Introduction to Invented Chemistry",
    )


# --- the decision ------------------------------------------------------------------------------


def test_entry_a_rule_reads_whole_is_left_to_the_rules() -> None:
    entry = parse_entry_text(
        "Hartmann P, Oyelaran T. Coastal erosion and the limits of planning. "
        "J Invent Geogr. 2018;44(2):101–18."
    )
    assert entry.model_confidence is None
    assert fields(entry)[1:] == (
        "Coastal erosion and the limits of planning",
        "J Invent Geogr",
        2018,
        "44",
        "101–118",
    )


FRONTIERS_LIST = """References
1. Ortega L, Chen W. Retinoid signalling in mucosal immunity. Front Immunol (2019) 10(3):1432-9.
2. Abara N, Müller K, Lindqvist R. Tidal mixing in invented estuaries. Front Mar Sci (2020) 7:
88-95. doi: 10.5555/example.88
3. Nakamura S. Field notes, box 12, folder 3, shelf 9, drawer 2, item 7 (2019), seen 4 May, lot 55.
4. Quist R, Rossi A. Salt marsh carbon in a changing climate. Front Ecol Evol (2021) 9:120-31."""


def test_list_in_an_unknown_style_is_read_by_the_model() -> None:
    entries, _ = parse_references(lines_of(FRONTIERS_LIST))
    got = {e.number: e for e in entries}
    assert sorted(got) == [1, 2, 3, 4]
    assert fields(got[2]) == (
        ("Abara N", "Müller K", "Lindqvist R"),
        "Tidal mixing in invented estuaries",
        "Front Mar Sci",
        2020,
        "7",
        "88-95",
    )
    assert fields(got[4])[1:] == (
        "Salt marsh carbon in a changing climate",
        "Front Ecol Evol",
        2021,
        "9",
        "120-131",
    )


def test_entry_nobody_can_read_gets_a_problem_row_naming_it() -> None:
    _, problems = parse_references(lines_of(FRONTIERS_LIST))
    assert [p.line for p in problems] == [5]
    assert problems[0].message.startswith("entry 3: no rule reads its style")
    assert "Field notes, box 12" in problems[0].message


RSC_LIST_WITH_A_BOOK = """References
1 A. Roe, B. Poe and C. Doe, J. Invented Chem., 2014, 15, 1119–1128.
2 D. Lee and E. Moe, Fict. Lett., 2016, 8, 220–231.
3 R. K. Roe, Estudo de coisas: métodos e casos, 2005.
4 F. Kay, Acta Fict., 2019, 3, 45–52."""


def test_book_in_a_known_style_keeps_the_rules_title() -> None:
    entries, problems = parse_references(lines_of(RSC_LIST_WITH_A_BOOK))
    book = {e.number: e for e in entries}[3]
    assert (book.authors, book.title, book.year) == (
        ("R. K. Roe",),
        "Estudo de coisas: métodos e casos",
        2005,
    )
    assert problems == []


# --- pieces ------------------------------------------------------------------------------------


def test_tokens_split_a_series_letter_from_its_volume_and_keep_links_whole() -> None:
    text = "Phys. Rev. D85, doi: 10.5555/x.1-2. https://example.org/a_b."
    assert [t.text for t in tokenize(text)] == [
        "Phys", ".", "Rev", ".", "D", "85", ",", "doi", ":", "10.5555/x.1-2", ".",
        "https://example.org/a_b", ".",
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("printed", "names"),
    [
        (
            "Hartmann, Petra, Tomi Oyelaran, and Rosa Quist",
            ["Hartmann, Petra", "Tomi Oyelaran", "Rosa Quist"],
        ),
        ("Ortega L, Chen W, Abara N", ["Ortega L", "Chen W", "Abara N"]),
        ("Hartmann, P., & Oyelaran, T.", ["Hartmann, P.", "Oyelaran, T."]),
        ("P. Hartmann, T. Oyelaran et al.", ["P. Hartmann", "T. Oyelaran"]),
    ],
)  # fmt: skip
def test_model_author_span_splits_into_names(printed: str, names: list[str]) -> None:
    assert split_model_authors(printed) == names


def test_model_is_loaded_once() -> None:
    assert fieldmodel.load_tagger() is fieldmodel.load_tagger()


def test_edge_punctuation_of_a_span_is_not_labelled() -> None:
    # AnyStyle's spans carry their punctuation ("(2011)."), GROBID's do not: trained alike
    example = fieldtrain.Example(
        "anystyle", False, "Roe, A. (2011). A title.", (("author", 0, 7), ("date", 8, 15))
    )
    tokens = tokenize(example.text)
    labels = fieldtrain.token_labels(example, tokens)
    labelled = list(zip([t.text for t in tokens], labels, strict=True))
    assert labelled[:8] == [
        ("Roe", "author"), (",", "author"), ("A", "author"), (".", "O"),
        ("(", "O"), ("2011", "date"), (")", "O"), (".", "O"),
    ]  # fmt: skip


# --- training (on a handful of invented references) --------------------------------------------


def write_invented_refdata(folder: Path) -> None:
    """Both files make train expects, with invented references in its format."""
    rows = []
    for i in range(30):
        authors = f"Roe A{i % 3}, Poe B"
        title = f"A study of invented things number {i}"
        journal = ["J Invent", "Acta Fict", "Fake Lett"][i % 3]
        text = f"{authors}. {title}. {journal}. {2000 + i};{i + 1}:{10 + i}-{20 + i}."
        spans = []
        for label, piece in (
            ("author", authors), ("title", title), ("journal", journal),
            ("date", str(2000 + i)), ("volume", str(i + 1)), ("pages", f"{10 + i}-{20 + i}"),
        ):  # fmt: skip
            start = text.index(piece)
            spans.append({"label": label, "start": start, "end": start + len(piece)})
        rows.append({"source": "invented/set:refs.xml", "item": i, "text": text, "spans": spans})
    (folder / "anystyle-core.jsonl").write_text(
        "\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8"
    )
    (folder / "grobid-citations.jsonl").write_text("", encoding="utf-8")


def test_training_is_reproducible_and_scores_its_test_split(tmp_path: Path) -> None:
    write_invented_refdata(tmp_path)
    first = fieldtrain.train(tmp_path, tmp_path / "a" / "m.crfsuite")
    second = fieldtrain.train(tmp_path, tmp_path / "b" / "m.crfsuite")
    assert (tmp_path / "a" / "m.crfsuite").read_bytes() == (
        tmp_path / "b" / "m.crfsuite"
    ).read_bytes()
    assert first["trained_on"] == 27 and first["tested_on"] == {"all": 3, "anystyle": 3}
    assert first["scores"] == second["scores"]
    assert (
        first["scores"]["all"]["year" if "year" in first["scores"]["all"] else "date"]["f1"] == 1.0
    )
    scores = json.loads((tmp_path / "a" / "fields-scores.json").read_text(encoding="utf-8"))
    assert scores["scores"]["all"]["date"]["support"] == 3


def test_train_without_the_data_says_where_it_looked(tmp_path: Path, capsys) -> None:
    model = tmp_path / "fields.crfsuite"
    assert fieldtrain.main([str(tmp_path / "refdata"), str(model)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("Error: training data not found:")
    assert "grobid-citations.jsonl" in err and "the shipped model is unchanged" in err
    assert not model.exists()


def test_the_models_pages_lose_a_page_label_and_a_year_printed_before_them() -> None:
    """What no rule reads goes to the model, whose pages span kept "s. 361–366" (Czech "strana",
    as Polish and German styles print "s." too) and "2014 286–303" (the Indian Journal of
    Traditional Knowledge prints the year between issue and pages)."""
    czech = parse_entry_text(
        "ALVAREZ, G., HADDAD, B. Invented metastases in the brain. Journal of Fake Oncology "
        "[online]. 2008, 58(4), s. 361–366. Dostupné z: https://doi.org/10.8758/jco.2008.572"
    )
    indian = parse_entry_text(
        "Lindqvist A & Nguyen B, Invented trial doses in patients, Clinical Fake Research, 35 "
        "(10) 2014 286–303."
    )
    assert (czech.volume, czech.pages) == ("58", "361–366")
    assert (indian.year, indian.volume, indian.pages) == (2014, "35", "286–303")
    assert czech.model_confidence is not None and indian.model_confidence is not None


def test_a_journal_named_without_a_capital_or_in_one_word_is_read_before_its_volume() -> None:
    """Elsevier's styles without titles print the journal straight after the names: "H. Weber,
    eLife 215(3) (2004) 484–90." The model had learned no journal like "eLife" or "mBio" and
    read the name into the volume ("eLife 215") or into nothing; "Gut" and "npj Breast Cancer"
    fared the same. The words between the names' comma and the volume are the journal."""
    read = {
        entry.number: entry
        for entry in parse_references(
            lines_of(
                "References\n"
                "[1] H. Weber, A. Fischer, X. Moreau, eLife 215(3) (2004) 484–90.\n"
                "[2] C. Lindqvist, Gut 73(2) (2019) 112–20.\n"
                "[3] B. Okafor, T. Silva, mBio 12(1) (2011) 40–48.\n"
                "[4] E. Nguyen, npj Breast Cancer 8(4) (2022) 301–10.\n"
                "[5] K. Tanaka, R. Haddad, Nature Medicine 19(2) (2013) 220–31."
            )
        )[0]
    }
    assert [(read[n].journal, read[n].volume, read[n].pages) for n in range(1, 6)] == [
        ("eLife", "215", "484–490"),
        ("Gut", "73", "112–120"),
        ("mBio", "12", "40–48"),
        ("npj Breast Cancer", "8", "301–310"),
        ("Nature Medicine", "19", "220–231"),
    ]
    assert [read[n].authors for n in (1, 2)] == [
        ("H. Weber", "A. Fischer", "X. Moreau"),
        ("C. Lindqvist",),
    ]
    # after a title's full stop (the Journal of Immunology's style): "…survivors. Gut 126:"
    titled = parse_references(
        lines_of(
            "References\n"
            "1. Ivanova, J., and A. Ferrari. 2014. Crustose growth: nitrogen uptake and spore "
            "dispersal. Hepatology 211: 7043–7051.\n"
            "2. Li, K.-H., Y. Ivanova, T. Wang, and A. Kaur. 2007. Adaptive growth predicts "
            "spore dispersal in lichens in cohorts and growth in survivors. Gut 126: 6106–6130.\n"
            "3. Andersson, H.-J., P. Smith-Jones, and S. Cohen. 2023. Adaptive growth: nitrogen "
            "uptake across foliose thalli. Molecular Lichen Research 208: 8359–8384."
        )
    )[0]
    assert [(e.journal, e.volume) for e in titled] == [
        ("Hepatology", "211"),
        ("Gut", "126"),
        ("Molecular Lichen Research", "208"),
    ]


def test_names_a_rule_read_on_past_give_way_to_the_models_reading() -> None:
    """ "S. Dubois, J. Immunol. 370(2) (1999) 1145–57.": a rule took "J. Immunol. 370(2)" for a
    second author and the pages for a title. The entry has two words, fewer than the model
    was asked to read; where a rule's names end in pieces that are no person's name, it is.
    A journal abbreviated with full stops keeps its last one, as the rules keep it; "Cell
    Rep." keeps none, since a lone full stop after a name may be the style's mark."""
    read = {
        entry.number: entry
        for entry in parse_references(
            lines_of(
                "References\n"
                "[1] S. Dubois, J. Immunol. 370(2) (1999) 1145–57.\n"
                "[2] J.R. de Vries, Sci. Rep. 106(4) (2017) 1118–37.\n"
                "[3] A. Costa, B. van der Berg, Cell Rep. 14(1) (2012) 90–99.\n"
                "[4] K. Tanaka, R. Haddad, Nature Medicine 19(2) (2013) 220–31."
            )
        )[0]
    }
    assert [
        (read[n].authors, read[n].title, read[n].journal, read[n].volume) for n in (1, 2, 3)
    ] == [
        (("S. Dubois",), None, "J. Immunol.", "370"),
        (("J.R. de Vries",), None, "Sci. Rep.", "106"),
        (("A. Costa", "B. van der Berg"), None, "Cell Rep", "14"),
    ]


def test_family_names_with_initials_without_full_stops_end_at_the_last_initials() -> None:
    """The Journal of Open Research Software prints "Öztürk, M, Tanaka, N, and Das, A 1993
    The liquid biopsy…": the model took the last initial and the year for the title's start
    ("A 1993 The liquid biopsy…"), and the names split as "Öztürk", "M", "Tanaka", "N"."""
    read = {
        entry.number: entry
        for entry in parse_references(
            lines_of(
                "References\n"
                "1. Öztürk, M, Tanaka, N, and Das, A 1993 The liquid biopsy of invented "
                "tumours. Blood, 57(3): 3100–3110.\n"
                "2. Singh, X, Alvarez, M-C, Santos, A dos, and Wang, N 1991 Adaptive growth of "
                "crustose lichens. Cancer Discovery, 369(5): 889887.\n"
                "3. Moss, A and Fern, B-C 2004 Spore dispersal in cold winds. Lichenologist, "
                "12(2): 20–29.\n"
                "4. Arnim, F von, Ferrari, Ł, and Wójcik, M K 2000 Does nitrogen limit the "
                "growth of lichens? Scientific Reports, 166(1): 1797–1820."
            )
        )[0]
    }
    # the year after the names is the year, not the last page's "1820"
    assert (read[4].authors, read[4].title, read[4].year) == (
        ("Arnim, F von", "Ferrari, Ł", "Wójcik, M K"),
        "Does nitrogen limit the growth of lichens?",
        2000,
    )
    assert [(read[n].authors, read[n].title) for n in (1, 2, 3)] == [
        (("Öztürk, M", "Tanaka, N", "Das, A"), "The liquid biopsy of invented tumours"),
        (
            ("Singh, X", "Alvarez, M-C", "Santos, A dos", "Wang, N"),
            "Adaptive growth of crustose lichens",
        ),
        (("Moss, A", "Fern, B-C"), "Spore dispersal in cold winds"),
    ]


def test_a_journals_name_is_not_cut_at_a_full_stop_inside_it() -> None:
    """ "Am. J. Respir. Crit. Care Med. 176 (2009)": the model labelled the full stop after
    "Crit" as no field's, the journal fell in two pieces and only "Am. J. Respir. Crit" was
    kept. A mark between two words of one field is that field's."""
    read = parse_references(
        lines_of(
            "References\n"
            "1. Lund-Nielsen, A., and O’Brien, E., The cytokine release of lichens in cold "
            "winds: a systematic review, Am. J. Respir. Crit. Care Med. 176 (2009) 7853–7869.\n"
            "2. Moss, A., Growth of crustose lichens on granite, Lichen Res. 11 (2011) 101–110.\n"
            "3. Stone, C., and Fern, B., Spore dispersal over high ridges, Proc. Natl. Acad. Sci. "
            "U. S. A. 12 (2012) 102–111."
        )
    )[0]
    assert [entry.journal for entry in read] == [
        "Am. J. Respir. Crit. Care Med.",
        "Lichen Res",
        "Proc. Natl. Acad. Sci. U. S. A.",
    ]


def test_a_word_printed_whole_is_one_fields_and_a_title_keeps_its_closing_bracket() -> None:
    """The Indian Journal of Traditional Knowledge: "Mensah S & Cohen M, Title (a case-control
    study), eLife, 225 (5) 1994 1636–1643." The model read "…, & Dubois Z, PD-L1 expression"
    as a name "PD" and a title "L1 expression…"; it left the title's closing bracket out; and
    it read "eLife" (after a comma, before the volume) as no field."""
    read = {
        entry.number: entry
        for entry in parse_references(
            lines_of(
                "References\n"
                "1 Mensah S & Cohen M, Lichen growth on granite in cold winds: a case-control "
                "study (a case-control study), eLife, 225 (5) 1994 1636–1643.\n"
                "2 Schäfer Z, Andersson I, da Silva E, & Dubois Z, PD-L1 expression and NF-kB "
                "activity in crustose lichens, J Immunol, 145 (7) 2019 150–164.\n"
                "3 Moss A & Fern B, Spore dispersal in cold winds over high ridges, "
                "Lichenologist, 12 (2) 1990 20–29."
            )
        )[0]
    }
    assert (read[1].title, read[1].journal) == (
        "Lichen growth on granite in cold winds: a case-control study (a case-control study)",
        "eLife",
    )
    assert (read[2].authors, read[2].title) == (
        ("Schäfer Z", "Andersson I", "da Silva E", "Dubois Z"),
        "PD-L1 expression and NF-kB activity in crustose lichens",
    )


def test_a_series_letter_and_an_issue_after_a_hyphen_stay_apart_from_the_word() -> None:
    """A word printed whole is one field's only where letters stand on both sides of its
    hyphen: "Phys. Rev. D60" keeps its series letter in the journal (and 60 the volume), and
    "조선고고연구-1" its journal before the issue."""
    physics = parse_entry_text("M. Ambrosio et al. Phys. Rev. D60 (1999) 082002.")
    assert (physics.journal, physics.volume) == ("Phys. Rev. D", "60")
    korean = parse_entry_text("한인호, 1988, 고구려벽화무덤의 사신도에 대하여 조선고고연구-1.")
    assert korean.journal == "조선고고연구"


def test_the_first_author_inverted_and_the_others_initials_first() -> None:
    """The Transportation Research Record prints "Nguyen, M. K., H.-J. Popescu, and T. Li.
    Title. Journal, Vol. 102, No. 7, 2018, pp. 5599–5603." (Chicago's order of names). The
    model's names split into "Nguyen" and "M. K."; and the source, IEEE's older form, is
    IEEE's only after a quoted title (the title was lost to IEEE's rule)."""
    read = {
        entry.number: entry
        for entry in parse_references(
            lines_of(
                "References\n"
                "4. Nguyen, M. K., H.-J. Popescu, I. Cohen, and T. Li. High-Dose Lichen Growth: "
                "Nitrogen Uptake in Organoids. Thieme, Stuttgart, 1985.\n"
                "5. Dvořák, C. A., and O. Zhang. Spore Dispersal Across Long-Term Cold Winds. "
                "Lichen Research, Vol. 102, No. 7, 2018, pp. 5599–5603.\n"
                "6. Moss, A., and B. Fern. Lichen Growth on Granite. Lichen Research, Vol. 12, "
                "No. 3, 2011, pp. 101–110."
            )
        )[0]
    }
    assert [read[n].authors for n in (4, 5)] == [
        ("Nguyen, M. K.", "H.-J. Popescu", "I. Cohen", "T. Li"),
        ("Dvořák, C. A.", "O. Zhang"),
    ]
    assert (read[5].title, read[5].journal, read[5].volume) == (
        "Spore Dispersal Across Long-Term Cold Winds",
        "Lichen Research",
        "102",
    )
