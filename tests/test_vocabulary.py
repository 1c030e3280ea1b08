"""vocabulary: the shipped word-frequency table answers exactly what wordfreq answers."""

from __future__ import annotations

import random
import string
import subprocess
import sys
from pathlib import Path

import pytest
from wordfreq import iter_wordlist, zipf_frequency

from reflink import vocabulary
from reflink.textclean import DROPPED_SEQUENCES, REPAIR_FLOOR, best_insertion
from reflink.vocabulary import (
    common_words,
    is_table_word,
    render_vocabulary,
    wordfreq_version,
    zipf,
)

SEED = Path(__file__).resolve().parent.parent / "refs" / "alk-ros1-review.txt"
BUILT_FROM = vocabulary.TABLE.read_text(encoding="utf-8").split("\n", 1)[0]
same_wordfreq = pytest.mark.skipif(
    f"wordfreq {wordfreq_version()} " not in BUILT_FROM,
    reason=f"table {BUILT_FROM!r}, installed wordfreq {wordfreq_version()}: `make vocabulary`",
)


@same_wordfreq
@pytest.mark.parametrize(
    "word",
    [
        pytest.param("the", id="most-frequent"),
        pytest.param("beneficial", id="common"),
        pytest.param("crizotinib", id="rare-drug-name"),
        pytest.param("benecial", id="dropped-ligature-not-a-word"),
        pytest.param("a", id="one-letter"),
        pytest.param("The", id="capital-goes-to-wordfreq"),
        pytest.param("covid19", id="digits-go-to-wordfreq"),
        pytest.param("médica", id="accented-in-the-table"),
        pytest.param("câncer", id="accented-unknown-to-wordfreq"),
        pytest.param("łódź", id="latin-extended-a"),
        pytest.param("ﬁnd", id="ligature-character-goes-to-wordfreq"),
        pytest.param("cafe\u0301", id="decomposed-goes-to-wordfreq"),
        pytest.param("λόγος", id="greek-goes-to-wordfreq"),
        pytest.param("don't", id="apostrophe-goes-to-wordfreq"),
        pytest.param("", id="empty"),
    ],
)
def test_zipf_is_wordfreqs(word: str) -> None:
    assert zipf(word) == zipf_frequency(word, "en")


def test_known_values() -> None:
    assert zipf("the") == 7.73
    assert zipf("benecial") == 0.0
    assert 0.0 < zipf("crizotinib") < 3.0


@same_wordfreq
def test_sample_of_the_list_and_of_non_words() -> None:
    rng = random.Random(15)
    listed = [word for word in iter_wordlist("en") if is_table_word(word)]
    accented_listed = [word for word in listed if not word.isascii()]
    assert len(accented_listed) > 1000
    words = rng.sample(listed, 3000) + rng.sample(accented_listed, 500)
    # strings wordfreq has never seen: the table must say 0.0 exactly as the tokenizer path does
    words += [
        "".join(rng.choices(string.ascii_lowercase, k=rng.randint(1, 14))) for _ in range(3000)
    ]
    accented = (
        string.ascii_lowercase + "àáâãäåæçèéêëìíîïðñòóôõöøùúûüýþÿāăąćčďđēęěğīıłńňōőœřśşšťūůűźżž"
    )
    unlisted = ["".join(rng.choices(accented, k=rng.randint(1, 10))) for _ in range(3000)]
    assert all(is_table_word(word) for word in unlisted)
    words += unlisted
    assert [zipf(word) for word in words] == [zipf_frequency(word, "en") for word in words]


def test_common_words_are_the_table_above_the_floor() -> None:
    common = common_words()
    assert common["the"] == 7.73 and "crizotinib" not in common
    assert all(value >= vocabulary.COMMON_FLOOR for value in common.values())
    assert all(zipf(word) == value for word, value in common.items())
    table = vocabulary.TABLE.read_text(encoding="utf-8").split("\n")[2:]
    above = {
        entry.split(":")[0]
        for line in table
        for entry in line.split()
        if float(entry.split(":")[1]) >= vocabulary.COMMON_FLOOR
    }
    assert above == set(common)


def test_render_is_reproducible_and_loads(tmp_path: Path, monkeypatch) -> None:
    frequencies = {"effect": 5.1, "office": 4.9, "aardvark": 1.83, "zygote": 2.0, "saúde": 2.5}
    table, common = render_vocabulary(frequencies, "test list")
    assert render_vocabulary(dict(reversed(frequencies.items())), "test list") == (table, common)
    assert common.splitlines()[1:] == ["5.10 effect", "4.90 office"]
    (tmp_path / "t.txt").write_bytes(table.encode("utf-8"))
    (tmp_path / "c.txt").write_bytes(common.encode("utf-8"))
    monkeypatch.setattr(vocabulary, "TABLE", tmp_path / "t.txt")
    monkeypatch.setattr(vocabulary, "COMMON", tmp_path / "c.txt")
    vocabulary._table.cache_clear()
    vocabulary.common_words.cache_clear()
    try:
        words = ("effect", "aardvark", "zygote", "zygotes", "saúde", "saude")
        assert [zipf(word) for word in words] == [5.1, 1.83, 2.0, 0, 2.5, 0]
        assert common_words() == {"effect": 5.1, "office": 4.9}
    finally:
        vocabulary._table.cache_clear()
        vocabulary.common_words.cache_clear()


@pytest.mark.parametrize("value", [pytest.param(0.0, id="zero"), pytest.param(10.0, id="too-big")])
def test_render_refuses_what_it_cannot_store(value: float) -> None:
    with pytest.raises(ValueError):
        render_vocabulary({"word": value}, "test list")


def brute_force_insertion(word: str) -> tuple[str, float, str]:
    """best_insertion's definition: try every position and sequence, keep the first best."""
    best, best_zipf, letters = "", 0.0, ""
    for position in range(len(word) + 1):
        for sequence in DROPPED_SEQUENCES:
            candidate = word[:position] + sequence + word[position:]
            value = zipf(candidate)
            if value >= REPAIR_FLOOR and value > best_zipf:
                best, best_zipf, letters = candidate, value, sequence
    return best, best_zipf, letters


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        pytest.param("benecial", "beneficial", id="fi"),
        pytest.param("eect", "effect", id="ff"),
        pytest.param("aer", "after", id="ft"),
        pytest.param("oce", "office", id="ffi"),
        pytest.param("uid", "fluid", id="fl-at-start"),
        pytest.param("crizotinib", "", id="nothing-to-become"),
    ],
)
def test_best_insertion(word: str, expected: str) -> None:
    assert best_insertion(word)[0] == expected
    assert best_insertion(word) == brute_force_insertion(word)


def test_best_insertion_matches_its_definition_on_many_words() -> None:
    rng = random.Random(7)
    words = [word.replace(seq, "", 1) for word in common_words() for seq in ("fi", "ff", "ft")]
    words = rng.sample(sorted(set(words)), 400) + ["ood", "nd", "eld", "rst"]
    assert [best_insertion(w) for w in words] == [brute_force_insertion(w) for w in words]


def test_parsing_the_seed_never_imports_wordfreq() -> None:
    """wordfreq's import (ftfy, langcodes, regex) costs more than parsing a review: the table
    answers every word of an English review, so a fresh process never loads it."""
    script = (
        "import sys; from pathlib import Path; "
        "from reflink.ingest import parse_document, read_document; "
        f"parse_document(read_document(Path({str(SEED)!r})).text); "
        "print('wordfreq' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
