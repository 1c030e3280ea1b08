"""Regular expressions compiled on first use, not at import.

Compiling a pattern costs tens to thousands of microseconds; a module of parsing rules holds
dozens, and a short document, or one in a common style, needs few of them. `lazy(...)` stands
for `re.compile(...)`: the pattern is compiled the first time one of its methods is asked for,
and from then on its methods are the compiled pattern's own (bound C methods kept on the
instance), so a call costs what it costs on a compiled pattern.

A lazy pattern is for calling; where a pattern's text is built into another, keep the text.
"""

from __future__ import annotations

import re
from typing import Any

# what a compiled pattern offers; each is copied onto the instance at first use
PATTERN_ATTRIBUTES = (
    "search",
    "match",
    "fullmatch",
    "sub",
    "subn",
    "split",
    "findall",
    "finditer",
    "pattern",
    "flags",
    "groups",
    "groupindex",
    "scanner",
)


class LazyPattern:
    """`re.compile(pattern, flags)`, done when first used."""

    def __init__(self, pattern: str, flags: int | re.RegexFlag = 0) -> None:
        self._source = pattern
        self._flags = flags

    def __getattr__(self, name: str) -> Any:
        # only reached for names the instance does not hold yet: the first use
        if name.startswith("__") or name not in PATTERN_ATTRIBUTES:
            raise AttributeError(name)
        compiled = re.compile(self._source, self._flags)
        for attribute in PATTERN_ATTRIBUTES:
            setattr(self, attribute, getattr(compiled, attribute))
        return getattr(compiled, name)

    def __repr__(self) -> str:
        return f"lazy({self._source!r})"


def lazy(pattern: str, flags: int | re.RegexFlag = 0) -> re.Pattern[str]:
    """A pattern compiled on first use (typed as the compiled pattern it stands for)."""
    return LazyPattern(pattern, flags)  # type: ignore[return-value]
