"""A lazy pattern is compiled at its first use, and then answers as the compiled one does."""

import re

import pytest

from reflink.lazyre import lazy


def test_nothing_is_compiled_until_a_method_is_asked_for(monkeypatch):
    compiled = []
    real_compile = re.compile
    monkeypatch.setattr(re, "compile", lambda *args: compiled.append(args) or real_compile(*args))
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
