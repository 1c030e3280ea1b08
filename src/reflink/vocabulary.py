"""English word frequencies on the Zipf scale, from a table shipped in the package.

`zipf(word)` is exactly `wordfreq.zipf_frequency(word, "en")`, without its cost: wordfreq's
import (ftfy, langcodes, regex) takes longer than parsing a review, and every call runs its
tokenizer, so a cold ingest of the seed spent three quarters of its time there (issue 15).

Two files in `reflink/data/`, made from wordfreq's English list by `build_vocabulary` (run
`make vocabulary`; the same wordfreq version makes the same bytes):

    zipf-en.txt         every lowercase Latin-letter word of the list ("the", "câncer"),
                        UTF-8, hashed into BUCKETS lines
                        (" word:3.52 other:1.20 …": crc32 of the word picks the line; the
                        second line of the file lists where each line starts), so a lookup
                        searches one short line in place and loading builds nothing per word
    zipf-en-common.txt  the words at Zipf >= COMMON_FLOOR, one line per value
                        ("3.52 word other …"): small enough to load whole, for the callers that
                        need to enumerate frequent words (textclean's dropped-ligature index)

A word the table cannot hold ("covid19", "The", "don't", "λόγος") goes to wordfreq itself,
imported on first need: its tokenizer smashes digits, folds case and splits some words. For a
word of lowercase Latin letters in composed form (`is_table_word`) the tokenizer returns the word
unchanged, so the table's value (or 0.0 when absent) is wordfreq's; the build checks that for
every listed word, and tests/test_vocabulary.py for listed and random unlisted words.

The data is derived from wordfreq (https://github.com/rspeer/wordfreq, by Robyn Speer), whose
word lists are licensed CC BY-SA 4.0; see reflink/data/README.md.
"""

from __future__ import annotations

import mmap
import unicodedata
import zlib
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"
TABLE = DATA / "zipf-en.txt"
COMMON = DATA / "zipf-en-common.txt"
BUCKETS = 1 << 12  # ~70 words a line: few lines to split at load, a short line to search
COMMON_FLOOR = 3.5  # textclean's dropped-ligature repairs only ever become words this frequent
LATIN_END = 0x180  # Basic Latin, Latin-1 and Latin Extended-A: "saúde", "carreño", "łódź"


def zipf(word: str) -> float:
    """Zipf frequency of an English word, 0.0 when unknown: wordfreq.zipf_frequency(word, "en")."""
    if is_table_word(word):
        return table_zipf(word)
    return _wordfreq_zipf(word)


def is_table_word(word: str) -> bool:
    """Lowercase letters of the Latin alphabets, composed (NFC): words wordfreq leaves whole."""
    if word.isascii():
        return word.isalpha() and word.islower()
    return (
        word.isalpha()
        and word == word.casefold()
        and max(map(ord, word)) < LATIN_END
        and unicodedata.is_normalized("NFC", word)
    )


def table_zipf(word: str) -> float:
    """Zipf frequency of a table word (`is_table_word`) from the shipped table, 0.0 if absent."""
    data, offsets = _table()
    key = word.encode("utf-8")
    bucket = zlib.crc32(key) & (BUCKETS - 1)
    found = data.find(b" " + key + b":", offsets[bucket], offsets[bucket + 1])
    if found < 0:
        return 0.0
    start = found + len(key) + 2
    return float(data[start : start + 4])


@lru_cache(maxsize=1)
def common_words() -> dict[str, float]:
    """Every word at Zipf >= COMMON_FLOOR with its frequency (loaded once; do not modify)."""
    words: dict[str, float] = {}
    for line in COMMON.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            value, _, names = line.partition(" ")
            words.update(dict.fromkeys(names.split(), float(value)))
    return words


@lru_cache(maxsize=1)
def _table() -> tuple[mmap.mmap, list[int]]:
    """The table's bytes and where each bucket starts in them (the second line lists them).

    Searching the bytes in place: splitting 3.7 MB into lines at load would cost more than
    every lookup a review makes. Mapped, not read: a review touches a few hundred of its 4,096
    buckets, so reading all of it was most of the cost of its first lookup, and the worker
    processes of `ingest --jobs` share one copy of it in memory.
    """
    with open(TABLE, "rb") as file:
        data = mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ)
    index_start = data.find(b"\n") + 1
    body_start = data.find(b"\n", index_start) + 1
    offsets = [body_start + int(n) for n in data[index_start : body_start - 1].split()]
    if len(offsets) != BUCKETS + 1 or offsets[-1] != len(data):
        raise RuntimeError(f"{TABLE} is damaged: run `make vocabulary` to rebuild it")
    return data, offsets


@lru_cache(maxsize=65536)
def _wordfreq_zipf(word: str) -> float:
    from wordfreq import zipf_frequency  # slow to import: only for words the table cannot hold

    return zipf_frequency(word, "en")


# --- building the table ---------------------------------------------------------------------


def build_vocabulary(directory: Path = DATA) -> tuple[Path, Path]:
    """Write zipf-en.txt and zipf-en-common.txt from the installed wordfreq's English list."""
    import wordfreq
    from wordfreq.tokens import lossy_tokenize

    words = [word for word in wordfreq.iter_wordlist("en", "best") if is_table_word(word)]
    for word in words:
        if lossy_tokenize(word, "en") != [word]:
            raise ValueError(f"wordfreq does not read {word!r} as one word: narrow is_table_word")
    frequencies = {word: wordfreq.zipf_frequency(word, "en") for word in words}
    source = f"wordfreq {wordfreq_version()} 'en' 'best' list, CC BY-SA 4.0; see README.md"
    table, common = render_vocabulary(frequencies, source)
    directory.mkdir(parents=True, exist_ok=True)
    (directory / TABLE.name).write_bytes(table.encode("utf-8"))
    (directory / COMMON.name).write_bytes(common.encode("utf-8"))
    return directory / TABLE.name, directory / COMMON.name


def render_vocabulary(frequencies: dict[str, float], source: str) -> tuple[str, str]:
    """{word: zipf} → the texts of zipf-en.txt and zipf-en-common.txt (sorted: reproducible)."""
    buckets: list[list[str]] = [[] for _ in range(BUCKETS)]
    by_value: dict[str, list[str]] = {}
    for word in sorted(frequencies):
        value = frequencies[word]
        if not is_table_word(word) or not 0.0 < value < 10.0:
            raise ValueError(f"cannot store {word!r} at Zipf {value}")
        text = f"{value:.2f}"
        buckets[zlib.crc32(word.encode("utf-8")) & (BUCKETS - 1)].append(f" {word}:{text}")
        if value >= COMMON_FLOOR:
            by_value.setdefault(text, []).append(word)
    header = f"# Zipf frequencies of English words from {source}\n"
    lines = ["".join(bucket) + "\n" for bucket in buckets]
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line.encode("utf-8")))
    table = header + " ".join(map(str, offsets)) + "\n" + "".join(lines)
    common = header + "".join(
        f"{value} {' '.join(words)}\n"
        for value, words in sorted(by_value.items(), key=lambda item: -float(item[0]))
    )
    return table, common


def wordfreq_version() -> str:
    from importlib.metadata import version

    return version("wordfreq")


if __name__ == "__main__":
    for path in build_vocabulary():
        print(f"wrote {path} ({path.stat().st_size / 2**20:.1f} MB)")
