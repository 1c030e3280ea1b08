"""A lazy pattern is compiled at its first use, and then answers as the compiled one does."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from reflink import lazyre
from reflink.lazyre import ProgramStore, compile_package, default_path, lazy


def test_nothing_is_compiled_until_a_method_is_asked_for(monkeypatch):
    compiled = []
    store = ProgramStore(None)  # compiles only
    real_compile = store.compile
    monkeypatch.setattr(
        store, "compile", lambda *args: compiled.append(args) or real_compile(*args)
    )
    monkeypatch.setattr(lazyre, "PROGRAMS", store)
    year = lazy(r"\b(19|20)\d\d\b", re.ASCII)
    assert compiled == []
    assert year.search("Smith AB. Made-up results. 2014;15:1119.").group() == "2014"
    assert year.findall("1999 and 2001") == ["19", "20"]
    assert compiled == [(r"\b(19|20)\d\d\b", re.ASCII)]  # once, on first use


def test_answers_as_the_compiled_pattern():
    pages = r"(\d+)\s*[–-]\s*(\d+)"
    lazy_pages, real_pages = lazy(pages, re.I), re.compile(pages, re.I)
    text = "J Fake Res. 2014;15:1119 – 28; 2015;16:3-9."
    assert lazy_pages.sub(r"\1–\2", text) == real_pages.sub(r"\1–\2", text)
    assert lazy_pages.split(text) == real_pages.split(text)
    assert [m.span() for m in lazy_pages.finditer(text)] == [(20, 29), (39, 42)]
    assert lazy_pages.pattern == pages and lazy_pages.flags == real_pages.flags
    assert lazy_pages.groups == 2
    assert lazy_pages.match(text) is None and lazy_pages.fullmatch("1-2").groups() == ("1", "2")


def test_an_unknown_attribute_is_an_error_not_a_compilation():
    pattern = lazy(r"[")  # invalid: compiling it would raise re.error
    with pytest.raises(AttributeError):
        pattern.no_such_method  # noqa: B018
    with pytest.raises(re.error):
        pattern.search("[")  # the pattern's own error, at its first use


# --- compiled programs kept between processes -------------------------------------------------

YEAR_AND_PAGES = r"(?P<year>(?:19|20)\d\d)\s*;\s*(\d+)\s*:\s*(?P<first>\d+)(?:[–-](\d+))?"
SAMPLE = "J Fake Res. 2014;15:1119–28. Another. 1999 ; 3 : 7."


def refuse_compiling(monkeypatch):
    """Make the store's compiling fail, so a pattern can only come from the file."""

    def program(*args, **kwargs):
        raise AssertionError("the pattern was compiled, not read from the store")

    monkeypatch.setattr(lazyre, "_program", program)


def test_a_stored_program_answers_as_the_compiled_pattern(tmp_path, monkeypatch):
    store = ProgramStore(tmp_path / "patterns.marshal")
    first = store.compile(YEAR_AND_PAGES, re.IGNORECASE)
    store.save(asked=True)
    assert (tmp_path / "patterns.marshal").is_file()

    refuse_compiling(monkeypatch)
    again = ProgramStore(tmp_path / "patterns.marshal").compile(YEAR_AND_PAGES, re.IGNORECASE)
    real = re.compile(YEAR_AND_PAGES, re.IGNORECASE)
    for pattern in (first, again):
        assert (pattern.pattern, pattern.flags, pattern.groups) == (real.pattern, real.flags, 4)
        assert pattern.groupindex == real.groupindex == {"year": 1, "first": 3}
        assert [m.groupdict() for m in pattern.finditer(SAMPLE)] == [
            {"year": "2014", "first": "1119"},
            {"year": "1999", "first": "7"},
        ]
        assert [m.span() for m in pattern.finditer(SAMPLE)] == [(12, 27), (38, 50)]


def test_a_pattern_not_in_the_store_is_compiled_and_added(tmp_path):
    path = tmp_path / "patterns.marshal"
    store = ProgramStore(path)
    store.compile(r"\d+")
    store.save(asked=True)
    other = ProgramStore(path)
    other.compile(r"[A-Z]\w+")  # new to the file: compiled, and kept at save
    other.save(asked=True)
    assert set(ProgramStore(path).programs()) == {(r"\d+", 0), (r"[A-Z]\w+", 0)}


def test_a_damaged_or_foreign_store_means_compiling_afresh(tmp_path):
    path = tmp_path / "patterns.marshal"
    path.write_bytes(b"not marshal data")
    assert ProgramStore(path).compile(r"(\d+)-(\d+)").match("12-34").groups() == ("12", "34")

    import marshal

    store = ProgramStore(path)
    store.compile(r"(\d+)-(\d+)")
    store.save(asked=True)
    stamp, programs = marshal.loads(path.read_bytes())
    path.write_bytes(marshal.dumps((("another interpreter",), programs)))
    assert ProgramStore(path).programs() == {}  # written by another Python: not used

    # a program the engine refuses (its code overwritten): compiled afresh, same answers
    flags, code, groups, groupindex, indexgroup = programs[(r"(\d+)-(\d+)", 0)]
    broken = {(r"(\d+)-(\d+)", 0): (flags, b"\xff" * len(code), groups, groupindex, indexgroup)}
    path.write_bytes(marshal.dumps((stamp, broken)))
    assert ProgramStore(path).compile(r"(\d+)-(\d+)").match("12-34").groups() == ("12", "34")


def test_an_invalid_pattern_is_still_the_users_error(tmp_path):
    with pytest.raises(re.error):
        ProgramStore(tmp_path / "patterns.marshal").compile(r"(unclosed")


def test_nothing_is_written_where_bytecode_would_not_be(tmp_path, monkeypatch):
    path = tmp_path / "patterns.marshal"
    monkeypatch.setattr("sys.dont_write_bytecode", True)
    store = ProgramStore(path)
    store.compile(r"\d+")
    store.save()
    assert not path.exists()
    monkeypatch.setattr("sys.dont_write_bytecode", False)
    monkeypatch.setenv("REFLINK_PATTERN_CACHE", "off")
    store.save()
    assert not path.exists()
    assert default_path() is None  # turned off: not even read


def test_a_process_keeps_its_patterns_for_the_next(tmp_path):
    """End to end: the store sits beside the bytecode (here under PYTHONPYCACHEPREFIX), written
    at exit by a process that compiled patterns, and read by the next one."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE",)}
    env.pop("REFLINK_PATTERN_CACHE", None)
    env["PYTHONPYCACHEPREFIX"] = str(tmp_path)
    program = (
        "from reflink import lazyre, names\n"
        "assert names.BARE_INITIALS.match('AB')\n"
        "print(lazyre.PROGRAMS.path)\n"
    )
    first = subprocess.run([sys.executable, "-c", program], env=env, capture_output=True, text=True)
    path = Path(first.stdout.strip())
    assert path.is_relative_to(tmp_path) and path.is_file()
    check = (
        "from reflink import lazyre, names\n"
        "def refuse(*a, **k): raise AssertionError('compiled')\n"
        "lazyre._program = refuse\n"
        "assert names.BARE_INITIALS.match('AB') and not names.BARE_INITIALS.match('Ab')\n"
    )
    second = subprocess.run([sys.executable, "-c", check], env=env, capture_output=True, text=True)
    assert second.returncode == 0, second.stderr


def test_every_pattern_of_the_package_compiles_into_the_store(tmp_path, monkeypatch):
    store = ProgramStore(tmp_path / "patterns.marshal")
    monkeypatch.setattr(lazyre, "PROGRAMS", store)
    compile_package()
    store.save(asked=True)
    stored = {source for source, flags in ProgramStore(store.path).programs()}
    # a few of the patterns the parsers are built from, from different modules
    from reflink import citations, names, references

    assert {names.BARE_INITIALS.pattern, citations.RANGE.pattern} <= stored
    assert references.PAGE_NUMBER.pattern in stored
