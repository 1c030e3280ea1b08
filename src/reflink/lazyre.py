"""Regular expressions compiled on first use, not at import, and kept compiled between runs.

Compiling a pattern costs tens to thousands of microseconds; a module of parsing rules holds
dozens, and a short document, or one in a common style, needs few of them. `lazy(...)` stands
for `re.compile(...)`: the pattern is compiled the first time one of its methods is asked for,
and from then on its methods are the compiled pattern's own (bound C methods kept on the
instance), so a call costs what it costs on a compiled pattern.

Even so, a fresh process that ingests one review compiles about a hundred patterns, and `re`
parses and compiles in Python: that was a third of the work of a cold ingest of the seed. So a
compiled pattern is also kept between processes, the way Python keeps bytecode: `re`'s
compiler turns a pattern into a list of integers (the program its C matching engine runs), and
that list, with the pattern's groups, is written at exit to a file beside this module's
bytecode, named for the interpreter and stamped with its version and the engine's
(`_sre.MAGIC`). The next process
hands the stored program to the engine, which checks it as it does any program, and skips the
compiler. Anything unexpected (another interpreter, a file that does not load, an engine that
refuses a program) means compiling as `re` would; nothing is written where Python would not
write bytecode (`python -B`, PYTHONDONTWRITEBYTECODE) or when REFLINK_PATTERN_CACHE=off.
`python -m reflink.lazyre` compiles every pattern of the package into the file at once (`make
venv` and `make bench` do, as they compile the bytecode).

A lazy pattern is for calling; where a pattern's text is built into another, keep the text.
"""

from __future__ import annotations

import atexit
import os
import re
import sys
from array import array
from pathlib import Path
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

# a stored program is (flags, code, groups - 1, groupindex, indexgroup): what re's compiler
# hands the engine, with the code (a list of ints) packed as machine words: marshal reads a
# bytes object at once, where a list costs an object per integer
Program = tuple[int, bytes, int, dict[str, int], tuple[str | None, ...]]
Key = tuple[str, int]
# the engine's code word (_sre.CODESIZE bytes, 4 in CPython)
CODE_WORD = "I"


class LazyPattern:
    """`re.compile(pattern, flags)`, done when first used."""

    def __init__(self, pattern: str, flags: int | re.RegexFlag = 0) -> None:
        self._source = pattern
        self._flags = flags

    def __getattr__(self, name: str) -> Any:
        # only reached for names the instance does not hold yet: the first use
        if name.startswith("__") or name not in PATTERN_ATTRIBUTES:
            raise AttributeError(name)
        compiled = PROGRAMS.compile(self._source, self._flags)
        for attribute in PATTERN_ATTRIBUTES:
            setattr(self, attribute, getattr(compiled, attribute))
        return getattr(compiled, name)

    def __repr__(self) -> str:
        return f"lazy({self._source!r})"


def lazy(pattern: str, flags: int | re.RegexFlag = 0) -> re.Pattern[str]:
    """A pattern compiled on first use (typed as the compiled pattern it stands for)."""
    return LazyPattern(pattern, flags)  # type: ignore[return-value]


class ProgramStore:
    """Compiled patterns' programs, read from `path` when first needed and written back at exit
    when this process compiled patterns the file did not hold. `path` None: compile only."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self._programs: dict[Key, Program] | None = None
        self._new: dict[Key, Program] = {}
        self._used: set[Key] = set()

    def compile(self, source: str, flags: int | re.RegexFlag = 0) -> re.Pattern[str]:
        if self.path is None or not isinstance(source, str):
            return re.compile(source, flags)
        key = (source, int(flags))
        program = self.programs().get(key)
        if program is not None:
            try:
                pattern = _engine_compile(source, program)
            except Exception:  # a program this engine refuses: compiled afresh below
                program = None
        if program is None:
            try:
                program = _program(source, int(flags))
                pattern = _engine_compile(source, program)
            except re.error:
                raise
            except Exception:  # re's internals are not what this module knows: plain re
                self.path = None
                return re.compile(source, flags)
            if not self._new:
                atexit.register(self.save)
            self._new[key] = program
            self.programs()[key] = program
        self._used.add(key)
        return pattern

    def programs(self) -> dict[Key, Program]:
        if self._programs is None:
            self._programs = self._read()
        return self._programs

    def _read(self) -> dict[Key, Program]:
        import marshal

        try:
            with open(self.path, "rb") as file:  # type: ignore[arg-type]
                stamp, programs = marshal.load(file)
        except (OSError, EOFError, ValueError, TypeError):
            return {}
        return programs if stamp == _stamp() and isinstance(programs, dict) else {}

    def save(self, *, asked: bool = False, only_used: bool = False) -> None:
        """Add this process's new programs to the file (a process that finished first keeps
        its own: the file is read again just before it is replaced). `asked`: write even
        where bytecode is not written (`python -m reflink.lazyre` is a request to);
        `only_used`: keep only the patterns this process used (drops edited patterns' old
        programs)."""
        if self.path is None or not (self._new or only_used) or not (asked or _may_write()):
            return
        import marshal
        import tempfile

        if only_used:
            programs = {key: self.programs()[key] for key in self._used}
        else:
            programs = self._read()
            programs.update(self._new)
        self._new = {}
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=self.path.parent, prefix=".patterns-")
            with os.fdopen(handle, "wb") as file:
                marshal.dump((_stamp(), programs), file)
            # readable as the module itself is (mkstemp makes it private to its writer)
            os.chmod(temporary, Path(__file__).stat().st_mode & 0o666)
            os.replace(temporary, self.path)
        except (OSError, ValueError):  # a read-only install is as fast as before, no slower
            try:
                os.unlink(temporary)
            except (OSError, UnboundLocalError):
                pass


def _stamp() -> tuple:
    """What a stored program depends on: the interpreter and its matching engine."""
    import _sre

    return (sys.implementation.cache_tag, sys.hexversion, _sre.MAGIC, _sre.CODESIZE)


def _may_write() -> bool:
    return not sys.dont_write_bytecode and os.environ.get("REFLINK_PATTERN_CACHE") != "off"


def _program(source: str, flags: int) -> Program:
    """What `re._compiler.compile` hands the engine (its own steps, Python 3.11 and later)."""
    from re import _compiler, _parser  # type: ignore[attr-defined]

    parsed = _parser.parse(source, flags)
    code = array(CODE_WORD, _compiler._code(parsed, flags)).tobytes()
    groupindex = dict(parsed.state.groupdict)
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    return (
        flags | parsed.state.flags,
        code,
        parsed.state.groups - 1,
        groupindex,
        tuple(indexgroup),
    )


def _engine_compile(source: str, program: Program) -> re.Pattern[str]:
    import _sre

    flags, code, groups, groupindex, indexgroup = program
    return _sre.compile(
        source, flags, array(CODE_WORD, code).tolist(), groups, groupindex, indexgroup
    )


def default_path() -> Path | None:
    """Beside this module's bytecode (sys.pycache_prefix honoured); None where the interpreter
    is not CPython 3.11+ (whose compiler steps `_program` repeats) or the store is turned off."""
    import _sre

    if sys.implementation.name != "cpython" or sys.version_info < (3, 11):
        return None
    if array(CODE_WORD).itemsize != _sre.CODESIZE:
        return None
    if os.environ.get("REFLINK_PATTERN_CACHE") == "off":
        return None
    from importlib.util import cache_from_source

    try:
        bytecode = Path(cache_from_source(__file__))
    except (NotImplementedError, ValueError):
        return None
    return bytecode.with_name(f"patterns.{sys.implementation.cache_tag}.marshal")


PROGRAMS = ProgramStore(default_path())


def compile_package(package: str = "reflink") -> int:
    """Compile every lazy pattern of `package`'s modules into the store; how many there are."""
    import importlib
    import pkgutil

    root = importlib.import_module(package)
    patterns = set()
    for module_info in pkgutil.walk_packages(root.__path__, prefix=f"{package}."):
        try:
            module = importlib.import_module(module_info.name)
        except ImportError:  # an optional extra's module (e.g. the web plugin's) is skipped
            continue
        for value in list(vars(module).values()):
            if isinstance(value, LazyPattern):
                PROGRAMS.compile(value._source, value._flags)
                patterns.add((value._source, int(value._flags)))
    return len(patterns)


if __name__ == "__main__":
    # the package's own copy of this module, whose LazyPattern its modules use (run as a
    # script, this file is a second module named __main__)
    from reflink import lazyre

    compiled = lazyre.compile_package()
    lazyre.PROGRAMS.save(asked=True, only_used=True)
    print(f"{compiled} patterns compiled; stored in {lazyre.PROGRAMS.path}")
